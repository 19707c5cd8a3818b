"""The statistics table beside the map: population per travel-time class, in the same classes as the
map's legend (the result layer's class limits) — from a servicegaps STATS table or summed from a
nearest-service result."""
from __future__ import annotations

import math
from typing import Sequence

from qgis.core import QgsFeature, QgsField, QgsMapLayer, QgsVectorLayer

from .. import definitions as d
from ..adapters import fieldtypes as field_type
from ..adapters import layermeta
from ..adapters.resultstyle import class_limits_of
from ..core.statistics import UNREACHABLE, class_labels
from ..i18n import tr
from . import catalogue

POPULATION_FIELDS = ("pop", "population", "befolkning", "folkmangd", "beftotalt", "tot_pop", "invanare")


def layer_types(layer: QgsMapLayer) -> list[str]:
    """Service type keys of a nearest-service result (fields T_min with T_km)."""
    if not isinstance(layer, QgsVectorLayer):
        return []
    return catalogue.result_types([f.name() for f in layer.fields()])


def population_field(layer: QgsVectorLayer) -> str | None:
    names = {f.name().lower(): f.name() for f in layer.fields()}
    return next((names[c] for c in POPULATION_FIELDS if c in names), None)


def is_null(value) -> bool:
    """NULL from a provider: None, a null QVariant, or NaN."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def _features(layer: QgsVectorLayer) -> list:
    iterator = layer.getFeatures()
    features = list(iterator)
    iterator.close()  # an OGR iterator left open past QGIS's exit crashes the interpreter
    return features


def _class_label(value) -> str:
    """STATS class values are stable ASCII ('unreachable'); the map shows them in the UI language."""
    text = str(value)
    return tr("Not reached") if text == UNREACHABLE else text


def number_text(value, decimals: int, language: str) -> str:
    """'4 514' and '3,2' in Swedish (thin-space thousands, decimal comma); '4,514' and '3.2' in English."""
    if value is None or is_null(value):
        return "–"
    text = f"{float(value):,.{decimals}f}"
    if language == "sv":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def empty_table() -> QgsVectorLayer:
    table = QgsVectorLayer("None", tr("Statistics (layout)"), "memory")
    table.dataProvider().addAttributes([
        QgsField("type", field_type.STRING), QgsField("tjanst", field_type.STRING), QgsField("klass", field_type.STRING),
        QgsField("befolkning", field_type.STRING), QgsField("andel", field_type.STRING)])
    table.updateFields()
    return table


def stats_rows(stats: QgsVectorLayer, only_type: str | None, language: str) -> list[list]:
    """Rows from a servicegaps STATS table (its own classes: the dock runs it with the map's)."""
    names = {f.name().lower(): f.name() for f in stats.fields()}
    rows = []
    for feature in _features(stats):
        key = str(feature[names["type"]]) if "type" in names else ""
        if only_type and key != only_type:
            continue  # a small table: the type on the map only
        if "unit" in names and str(feature[names["unit"]]) not in ("min", "NULL"):
            continue  # the map shows minutes
        rows.append([key, catalogue.label(key, language),
                     _class_label(feature[names["class"]]) if "class" in names else "",
                     float(feature[names["population"]] or 0) if "population" in names else None,
                     round(float(feature[names["share_pct"]] or 0), 1) if "share_pct" in names else None])
    return rows


def summed_rows(layer: QgsVectorLayer, limits: Sequence[float], only_type: str | None, language: str) -> list[list]:
    """Population per class summed from a nearest-service result, in ``limits``."""
    pop = population_field(layer)
    features = _features(layer)
    rows = []
    for key in layer_types(layer):
        if only_type and key != only_type:
            continue
        totals = {label: 0.0 for label in class_labels(limits)}
        not_reached = 0.0
        for feature in features:
            weight = float(feature[pop] or 0) if pop else 1.0
            value = feature[f"{key}_min"]
            if is_null(value):
                not_reached += weight
            else:
                totals[d.class_of(float(value), limits)] += weight
        totals[tr("Not reached")] = not_reached
        whole = sum(totals.values()) or 1.0
        rows += [[key, catalogue.label(key, language), label, round(value), round(100 * value / whole, 1)]
                 for label, value in totals.items() if value > 0]
    return rows


def stats_table_layer(layers: Sequence[QgsMapLayer], stats: QgsVectorLayer | None,
                      only_type: str | None = None) -> QgsVectorLayer:
    """A small table (type, class, population, share) for the layout."""
    table = empty_table()
    language = catalogue.ui_language()
    rows: list[list] = []
    if stats is not None and stats.isValid():
        rows = stats_rows(stats, only_type, language)
    else:
        result = next((layer for layer in layers if layer_types(layer)), None)
        if result is not None:
            rows = summed_rows(result, class_limits_of(result) if layermeta.kind(result) else d.DEFAULT_CLASS_LIMITS,
                               only_type, language)
    features = []
    for row in rows:
        feature = QgsFeature(table.fields())
        feature.setAttributes(row[:3] + [number_text(row[3], 0, language), number_text(row[4], 1, language)])
        features.append(feature)
    table.dataProvider().addFeatures(features)
    return table
