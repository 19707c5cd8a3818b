"""How a result layer looks and is named, one rule per kind, for every way of running an algorithm.

Algorithms name the kind of each output (``place_outputs``); the toolbox, ``qgis_process`` with a
project, the panel and ``make demo`` all style through ``style_result``. ``show_type`` switches the
service type a layer shows (the panel's picker): its style, filter and name
("Restid dagligvaror, fullsortiment (bil)"), so that runs never share a name.
"""
from __future__ import annotations

from typing import Callable, Optional, Union

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsMapLayer,
    QgsProject,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from .. import definitions as d
from ..i18n import tr
from . import layermeta
from .resources import style_path
from .rules import new_rule, rule_renderer

StyleSpec = Union[str, Callable[[QgsMapLayer], None], None]


# -- naming --------------------------------------------------------------------------------------
def type_label(key: str, capital: bool = False) -> str:
    """The type's name in the UI language; lower-case inside a layer name ('Restid apotek (bil)')."""
    from ..layouts import catalogue

    text = catalogue.label(key, catalogue.ui_language())
    return text if capital or not text[1:2].islower() else text[:1].lower() + text[1:]


def capital_type_label(key: str) -> str:
    return type_label(key, capital=True)


def mode_label(mode: str) -> str:
    return tr(d.MODE_IN_NAMES[d.mode_index(mode)]) if mode else ""


def result_name(kind: str, type_key: str = "", mode: str = "") -> str:
    """'Restid dagligvaror, fullsortiment (bil)'; parts that are unknown are left out."""
    name = tr(d.RESULT_NAMES.get(kind, kind))
    if type_key:
        name += " " + type_label(type_key)
    if mode:
        name += f" ({mode_label(mode)})"
    return name


def unique_name(layer: QgsMapLayer, base: str, project: Optional[QgsProject] = None) -> str:
    """``base``, or ``base 2``, ``base 3`` … when another layer of the project has that name."""
    project = project or QgsProject.instance()
    taken = {other.name() for other in project.mapLayers().values() if other.id() != layer.id()}
    name, n = base, 2
    while name in taken:
        name = f"{base} {n}"
        n += 1
    return name


# -- describing ----------------------------------------------------------------------------------
def _field_types(layer: QgsVectorLayer, kind: str) -> list[str]:
    from ..layouts import catalogue

    names = layer.fields().names()
    if kind == "nearestservice":
        return catalogue.result_types(names)
    if kind == "scenario":
        return [n[: -len("_delta_min")] for n in names
                if n.endswith("_delta_min") and f"{n[: -len('_delta_min')]}_before_min" in names]
    if kind in ("catchments", "allocation_areas", "placeanalysis") and "type" in names:
        return [str(v) for v in _values(layer, "type") if v]
    return []


def describe(layer: QgsMapLayer, kind: str) -> None:
    """Record what the layer is (custom properties, saved in the project): kind, mode, types, classes."""
    params = layermeta.layer_parameters(layer)
    layer.setCustomProperty(d.PROP_KIND, kind)
    layer.setCustomProperty(d.PROP_MODE, params.get("mode", ""))
    types = _field_types(layer, kind) if isinstance(layer, QgsVectorLayer) else []
    if not types and params.get("types"):
        types = [t for t in params["types"].split(",") if t]
    layer.setCustomProperty(d.PROP_TYPES, ",".join(types))
    classes = params.get("classes") if params.get("unit", "min") == "min" else None
    try:
        limits = d.class_limits(classes)
    except d.ClassError:
        limits = d.DEFAULT_CLASS_LIMITS
    layer.setCustomProperty(d.PROP_CLASSES, d.limits_text(limits))


def class_limits_of(layer: QgsMapLayer) -> tuple[float, ...]:
    try:
        return d.class_limits(str(layermeta.prop(layer, d.PROP_CLASSES, "")))
    except d.ClassError:
        return d.DEFAULT_CLASS_LIMITS


# -- styling -------------------------------------------------------------------------------------
def style_result(layer: QgsMapLayer, style: StyleSpec, type_key: Optional[str] = None) -> bool:
    """Style a freshly written output: a kind with its own rule, a QML name, or a function."""
    if layer is None or style is None:
        return False
    if callable(style):
        style(layer)
        layer.triggerRepaint()
        return True
    if style in d.RESULT_NAMES and isinstance(layer, QgsVectorLayer):
        describe(layer, style)
        types = layermeta.types(layer)
        show_type(layer, type_key or d.default_shown_type(types) or "")
        return True
    return load_qml(layer, style)


def load_qml(layer: QgsMapLayer, name: str) -> bool:
    """resources/styles/<name>.qml (or <name>_point.qml for points); False when not shipped."""
    path = None
    if isinstance(layer, QgsVectorLayer) and layer.geometryType() == _geometry("PointGeometry"):
        path = style_path(f"{name}_point")
    path = path or style_path(name)
    if path is None:
        return False
    # A QML carries custom properties too: keep ours (what the layer is) across the load.
    ours = {key: layer.customProperty(key) for key in layer.customPropertyKeys() if key.startswith("serviceperspektiv/")}
    _message, ok = layer.loadNamedStyle(str(path))
    for key, value in ours.items():
        layer.setCustomProperty(key, value)
    if ok:
        layer.triggerRepaint()
    return bool(ok)


def show_type(layer: QgsMapLayer, type_key: str) -> bool:
    """Show one service type: filter, style and name the layer for it. False when the layer lacks it."""
    kind = layermeta.kind(layer)
    if not isinstance(layer, QgsVectorLayer) or kind not in d.RESULT_NAMES:
        return False
    types = layermeta.types(layer)
    if kind in d.KINDS_BY_TYPE and types and type_key not in types:
        return False
    styler = _STYLERS.get(kind)
    if styler is not None:
        styler(layer, type_key)
    else:
        load_qml(layer, kind)
    layer.setCustomProperty(d.PROP_TYPE, type_key if kind in d.KINDS_BY_TYPE else "")
    mode = str(layermeta.prop(layer, d.PROP_MODE, ""))
    shown = type_key if kind in d.KINDS_BY_TYPE else ""
    layer.setName(unique_name(layer, result_name(kind, shown, mode)))
    layer.triggerRepaint()
    return True


def _geometry(name: str):
    from .compat import enum

    return enum((_qgis(), "GeometryType", name.replace("Geometry", "")), QgsWkbTypes.GeometryType, name)


def _qgis():
    from qgis.core import Qgis

    return Qgis


def _symbol(layer: QgsVectorLayer, colour: str, outline: bool = False) -> QgsSymbol:
    symbol = QgsSymbol.defaultSymbol(layer.geometryType())
    symbol.setColor(QColor(colour))
    if layer.geometryType() == _geometry("PolygonGeometry"):
        fill = symbol.symbolLayer(0)
        if outline:
            fill.setStrokeColor(QColor("#4d4d4d"))
            fill.setStrokeWidth(0.1)
        else:
            fill.setStrokeStyle(_pen_style("NoPen"))
    return symbol


def _pen_style(name: str):
    from qgis.PyQt.QtCore import Qt

    return getattr(Qt.PenStyle, name)


def _type_filter(layer: QgsVectorLayer, expression: str) -> None:
    """Draw only the features of ``expression``: the layer's renderer nested under one filtered rule.

    A renderer filter, not a subset string: the attribute table keeps every feature, and a
    GeoPackage is not reopened (a second SQLite handle on a file QGIS has open in WAL mode breaks
    the first one's locks).
    """
    if not expression or layer.renderer() is None:
        return
    converted = QgsRuleBasedRenderer.convertFromRenderer(layer.renderer())
    if converted is None:
        return
    top = new_rule(None, expression)
    for child in list(converted.rootRule().children()):
        top.appendChild(child.clone())
    renderer = rule_renderer([top])
    order = layer.renderer().orderBy()
    if layer.renderer().orderByEnabled():
        renderer.setOrderBy(order)
        renderer.setOrderByEnabled(True)
    layer.setRenderer(renderer)


def _values(layer: QgsVectorLayer, field: str, expression: str = "") -> list:
    """Distinct values of a field (of the features matching ``expression``), read without SQL."""
    request = QgsFeatureRequest()
    if expression:
        request.setFilterExpression(expression)
    request.setSubsetOfAttributes([field], layer.fields())
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    values = set()
    for feature in layer.getFeatures(request):
        value = feature[field]
        if value is not None and str(value) != "NULL":
            values.add(value)
    return sorted(values)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _style_travel_time(layer: QgsVectorLayer, type_key: str) -> None:
    """Travel-time classes of one type, half-open like the statistics; NULL is 'Not reached' (grey)."""
    limits = class_limits_of(layer)
    field = f'"{type_key}_min"'
    categories = [QgsRendererCategory(index, _symbol(layer, colour), label)
                  for index, colour, label in d.class_styles(limits)]
    categories.append(QgsRendererCategory(-1, _symbol(layer, d.NOT_REACHED_COLOUR), tr("Not reached")))
    layer.setRenderer(QgsCategorizedSymbolRenderer(d.class_expression(field, limits), categories))


def style_catchments(layer: QgsVectorLayer, type_key: str) -> None:
    """One type's zones; the shortest band is drawn last (on top); the legend lists the bands drawn."""
    which = f'"type" = {_quote(type_key)}' if type_key else ""
    bands = [float(v) for v in _values(layer, "band_min", which)] if layer.fields().indexOf("band_min") >= 0 else []
    categories = [QgsRendererCategory(band, _symbol(layer, d.class_colour(i, len(bands) + 1), outline=True),
                                      tr("Within {} min").format(f"{band:g}")) for i, band in enumerate(bands)]
    renderer = QgsCategorizedSymbolRenderer("band_min", categories)
    clause = QgsFeatureRequest.OrderByClause("band_min", False)  # descending: 5 min drawn last, on top
    renderer.setOrderBy(QgsFeatureRequest.OrderBy([clause]))
    renderer.setOrderByEnabled(True)
    layer.setRenderer(renderer)
    _type_filter(layer, which)
    layer.setOpacity(0.7)  # the whole layer, so the drawn colours match the legend


def _style_gaps(layer: QgsVectorLayer, type_key: str) -> None:
    if layer.fields().indexOf("gap_types") < 0 or not type_key:
        load_qml(layer, "servicegaps")
        return
    symbol = _symbol(layer, "#b73779")
    which = f"(',' || \"gap_types\" || ',') LIKE {_quote('%,' + type_key + ',%')}"
    layer.setRenderer(rule_renderer([new_rule(symbol, which, tr("Beyond the gap threshold"))]))
    layer.setOpacity(0.85)


def _style_by_type_field(name: str) -> Callable[[QgsVectorLayer, str], None]:
    """A QML style, drawing one type when the layer has a 'type' field."""
    def style(layer: QgsVectorLayer, type_key: str) -> None:
        load_qml(layer, name)
        if layer.fields().indexOf("type") >= 0 and type_key:
            _type_filter(layer, f'"type" = {_quote(type_key)}')
    return style


def _style_scenario(layer: QgsVectorLayer, type_key: str) -> None:
    load_qml(layer, "scenario")
    renderer = layer.renderer()
    field = f"{type_key}_delta_min"
    if type_key and layer.fields().indexOf(field) >= 0 and hasattr(renderer, "setClassAttribute"):
        renderer.setClassAttribute(field)


def _style_places(layer: QgsVectorLayer, type_key: str) -> None:
    """Each place in the class of its residents' median travel time to one type; outlined, see-through."""
    limits = class_limits_of(layer)
    categories = [QgsRendererCategory(index, _symbol(layer, colour, outline=True), tr("Median {}").format(label))
                  for index, colour, label in d.class_styles(limits)]
    categories.append(QgsRendererCategory(-1, _symbol(layer, d.NOT_REACHED_COLOUR, outline=True), tr("Not reached")))
    for category in categories:
        category.symbol().symbolLayer(0).setStrokeWidth(0.6)
    layer.setRenderer(QgsCategorizedSymbolRenderer(d.class_expression('"median_min"', limits), categories))
    if type_key and layer.fields().indexOf("type") >= 0:
        _type_filter(layer, f'"type" = {_quote(type_key)}')
        if isinstance(layer.renderer(), QgsRuleBasedRenderer):  # the legend says which type the classes are for
            layer.renderer().rootRule().children()[0].setLabel(type_label(type_key, capital=True))
    layer.setOpacity(0.6)


def _style_place_points(layer: QgsVectorLayer, _type_key: str) -> None:
    symbol = _symbol(layer, "#e31a1c")
    symbol.setSize(3.0)
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


_STYLERS: dict[str, Callable[[QgsVectorLayer, str], None]] = {
    "nearestservice": _style_travel_time,
    "catchments": style_catchments,
    "servicegaps": _style_gaps,
    "allocation": _style_by_type_field("allocation"),
    "allocation_areas": _style_by_type_field("allocation_areas"),
    "scenario": _style_scenario,
    "placeanalysis": _style_places,
    "placeanalysis_points": _style_place_points,
}
