"""serviceperspektiv:servicegaps – population per travel-time class, and who lives in a service gap.

Also hosts the helpers the other analysis algorithms share: reading a nearestservice result, or
computing one, and the style/group placement of result layers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...adapters import fieldtypes as field_type
from ...adapters.layers import InputError, numeric_column
from ...adapters.parameters import field_names
from ...core import statistics as st
from ...i18n import tr
from ...sources.scb import age_fields_from
from ..base import ServiceperspektivAlgorithm
from ..common import (
    ORIGINS,
    POPULATION_FIELD,
    ROADS,
    SERVICES,
    access_graph,
    add_max_snap_parameter,
    add_network_parameters,
    add_origin_parameters,
    add_service_parameters,
    prepare_network,
    prepare_origins,
    prepare_services,
)
from ..outputs import add_fields_checked

NEAREST = "NEAREST"
AGE_FIELDS = "AGE_FIELDS"
AGE_FROM = "AGE_FROM"
UNIT = "UNIT"
CLASSES = "CLASSES"
THRESHOLD = "THRESHOLD"
GAPS = "GAPS"
STATS = "STATS"
SUMMARY = "SUMMARY"
UNIT_LABELS = ("Minutes", "Kilometres")


def set_optional(alg, name: str) -> None:
    parameter = alg.parameterDefinition(name)
    parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagOptional)


@dataclass
class OriginResults:
    """Per origin: its feature, population and, per service type, minutes and km (NaN = none)."""

    features: list
    fields: QgsFields
    wkb_type: int
    crs: QgsCoordinateReferenceSystem
    population: Optional[np.ndarray]
    minutes: dict[str, np.ndarray]
    km: dict[str, np.ndarray]
    attribution: list[str] = field(default_factory=list)
    parameters: dict = field(default_factory=dict)
    area_name: str = ""

    def column(self, name: str, label: str) -> np.ndarray:
        return numeric_column([f[name] for f in self.features], label)


def nearest_types(fields: QgsFields) -> list[str]:
    """Type keys of a nearestservice result: every T with both T_min and T_km fields."""
    names = {f.name() for f in fields}
    return [n[:-4] for n in fields.names() if n.endswith("_min") and f"{n[:-4]}_km" in names]


def add_origin_result_parameters(alg) -> None:
    """NEAREST (a nearestservice result), or the network, services and origins to compute one."""
    alg.addParameter(QgsProcessingParameterFeatureSource(
        NEAREST, tr("Travel time to nearest service (a result of 'Travel time to nearest service'; "
                    "leave empty to compute it from the network below)"),
        [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
    add_network_parameters(alg)
    add_service_parameters(alg)
    add_origin_parameters(alg)
    add_max_snap_parameter(alg)
    for name in (ROADS, SERVICES, ORIGINS):
        set_optional(alg, name)


def _run_parameters(layer) -> dict:
    """The travel mode and CRS of the nearest-service run, so that the gaps say how they were measured."""
    from ...adapters.layermeta import layer_parameters

    params = layer_parameters(layer)
    return {key: params[key] for key in ("mode", "crs") if key in params}


def load_origin_results(alg, parameters, context, feedback) -> OriginResults:
    """Read a NEAREST layer, or run the nearest-service computation on ROADS/SERVICES/ORIGINS."""
    pop_field = alg.parameterAsString(parameters, POPULATION_FIELD, context) or None
    nearest = alg.parameterAsSource(parameters, NEAREST, context) if parameters.get(NEAREST) else None
    if nearest is not None:
        label = tr("Travel time to nearest service")
        if nearest.featureCount() == 0:
            raise InputError(tr("{}: the layer is empty. Choose a layer with features.").format(label))
        keys = nearest_types(nearest.fields())
        if not keys:
            raise InputError(tr("{}: the layer has no T_min/T_km fields. Choose a result of 'Travel time to nearest "
                                "service', or leave it empty and give the network, services and origins.").format(label))
        if pop_field and nearest.fields().lookupField(pop_field) < 0:
            raise InputError(tr("{}: the field '{}' does not exist in the layer.").format(label, pop_field))
        features = list(nearest.getFeatures())
        minutes = {k: numeric_column([f[f"{k}_min"] for f in features], f"{k}_min") for k in keys}
        km = {k: numeric_column([f[f"{k}_km"] for f in features], f"{k}_km") for k in keys}
        population = numeric_column([f[pop_field] for f in features], pop_field) if pop_field else None
        layer = alg.parameterAsVectorLayer(parameters, NEAREST, context)
        feedback.pushInfo(tr("Read {} origins and {} service type(s) from the nearest-service result.").format(
            len(features), len(keys)))
        return OriginResults(
            features, nearest.fields(), nearest.wkbType(), nearest.sourceCrs(), population, minutes, km,
            alg.input_attribution(parameters, context, [NEAREST]),
            {**_run_parameters(layer), "nearest": layer.name() if layer is not None else str(parameters.get(NEAREST))},
            layer.name() if layer is not None else "",
        )
    missing = [name for name in (ROADS, SERVICES, ORIGINS) if not parameters.get(name)]
    if missing:
        raise InputError(tr("Give either a nearest-service result (NEAREST), or the road network, the service points "
                            "and the origins (missing: {}).").format(", ".join(missing)))
    net = prepare_network(alg, parameters, context, feedback)
    services = prepare_services(alg, parameters, context, feedback, net)
    origins = prepare_origins(alg, parameters, context, feedback, net)
    source = alg.parameterAsSource(parameters, ORIGINS, context)
    graph = access_graph(net, services, origins)
    minutes: dict[str, np.ndarray] = {}
    km: dict[str, np.ndarray] = {}
    for key, members in services.groups.items():
        if feedback.isCanceled():
            raise InputError(tr("Cancelled: no output was written."))
        result = graph.nearest(members)
        minutes[key], km[key] = result.minutes, result.km
    layer = alg.parameterAsVectorLayer(parameters, ORIGINS, context)
    wkb = source.wkbType()
    if QgsWkbTypes.geometryType(wkb) == QgsWkbTypes.GeometryType.NullGeometry:
        wkb = QgsWkbTypes.Type.Point
    # Origin features were read in the working CRS, so outputs are written in it too.
    return OriginResults(
        origins.points.features, source.fields(), wkb, net.crs, origins.population, minutes, km,
        alg.input_attribution(parameters, context, [ROADS, SERVICES, ORIGINS]),
        dict(net.summary), layer.name() if layer is not None else "",
    )


def age_fields(alg, parameters, context, feedback, fields: QgsFields) -> list[str]:
    """AGE_FIELDS, else every age band from AGE_FROM up (65: age_65_69 … age_95_99 and age_100plus)."""
    names = field_names(alg, parameters, AGE_FIELDS, context) if parameters.get(AGE_FIELDS) else []
    age_from = alg.parameterAsInt(parameters, AGE_FROM, context) if parameters.get(AGE_FROM) else 0
    if names or age_from <= 0:
        if names and age_from > 0:
            feedback.pushWarning(tr("AGE_FIELDS is given, so AGE_FROM is not used."))
        return names
    names, straddling = age_fields_from(fields.names(), age_from)
    if not names:
        raise InputError(tr("Age fields: the origins layer has no age band fields from age {} up (such as SCB's "
                            "age_65_69 … age_100plus). Choose AGE_FIELDS.").format(age_from))
    if straddling:
        feedback.pushWarning(tr("Age fields: {} start(s) below {} and end(s) above it, so it is not counted; the age "
                                "group may be too small.").format(", ".join(straddling), age_from))
    if not any(name.lower().endswith(("plus", "+", "w")) for name in names):
        feedback.pushWarning(tr("Age fields: no open-ended band (such as age_100plus) was found; the oldest may be "
                                "missing from the age group."))
    feedback.pushInfo(tr("Age group {}+: {}").format(age_from, ", ".join(names)))
    return names


def age_population(alg, parameters, context, feedback, results: OriginResults) -> tuple[Optional[np.ndarray], list[str]]:
    """Sum of the chosen age-band fields per origin; NULLs count as 0 and are reported."""
    names = age_fields(alg, parameters, context, feedback, results.fields)
    if not names:
        return None, []
    for name in names:
        if results.fields.lookupField(name) < 0:
            raise InputError(tr("Age fields: the field '{}' does not exist in the origins layer.").format(name))
    total = np.zeros(len(results.features))
    incomplete = np.zeros(len(results.features), dtype=bool)
    for name in names:
        column = numeric_column([f[name] for f in results.features], tr("Age field '{}'").format(name))
        missing = ~np.isfinite(column)
        incomplete |= missing
        total += np.where(missing, 0.0, column)
    if incomplete.any():
        feedback.pushWarning(tr("Age fields: {} origin(s) have no value in at least one age field; they count as 0 "
                                "in the age group.").format(int(incomplete.sum())))
    return total, names


class ServiceGapsAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "servicegaps"
    DISPLAY = "Service gaps"
    HELP = (
        "Population per travel-time class and service type, and the origins in a service gap. "
        "Give a result of 'Travel time to nearest service' (NEAREST), or the road network, service points and "
        "origins to compute it. CLASSES are the class limits (default 5,10,20,30 minutes, or 5,10,25 km); "
        "people who cannot reach any service get their own class, so the rows of a type add up to the total. "
        "THRESHOLD sets where a gap begins per type: a number for every type, or rules like "
        "'dagligvaror*=10min, kontant*=25km, *=10min' (first match wins; the default follows Tillväxtverket: "
        "10 minutes for groceries, 25 km for cash and payments). AGE_FIELDS are summed into an age group "
        "(e.g. the bands from 65 years up) counted beside the total. Outputs: GAPS (origins in a gap, with the "
        "types they lack), STATS (type, class, cells, population, share_pct) and SUMMARY (per type: population "
        "reached, population in a gap, weighted median, 90th percentile and mean)."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        add_origin_result_parameters(self)
        self.addParameter(QgsProcessingParameterField(
            AGE_FIELDS, tr("Age group fields, summed (e.g. age_65_69, age_70_79, age_80_plus)"), None, ORIGINS,
            QgsProcessingParameterField.DataType.Numeric, allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            AGE_FROM, tr("Age group from this age up, over the age band fields (e.g. 65: age_65_69 … age_100plus; "
                         "0 = only AGE_FIELDS)"), QgsProcessingParameterNumber.Type.Integer, 0, optional=True,
            minValue=0, maxValue=120))
        self.addParameter(QgsProcessingParameterEnum(UNIT, tr("Classes in"), [tr(u) for u in UNIT_LABELS], defaultValue=0))
        self.addParameter(QgsProcessingParameterString(
            CLASSES, tr("Class limits, comma-separated (empty: 5,10,20,30 min or 5,10,25 km)"), "", optional=True))
        self.addParameter(QgsProcessingParameterString(
            THRESHOLD, tr("Gap threshold per type (e.g. 'dagligvaror*=10min, kontant*=25km, *=10min')"),
            st.DEFAULT_THRESHOLDS, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(GAPS, tr("Service gaps")))
        self.addParameter(QgsProcessingParameterFeatureSink(STATS, tr("Population per travel-time class"),
                                                            QgsProcessing.SourceType.TypeVector,
                                                            optional=True, createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(SUMMARY, tr("Summary per service type"),
                                                            QgsProcessing.SourceType.TypeVector,
                                                            optional=True, createByDefault=True))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        try:
            unit = st.UNITS[self.parameterAsEnum(parameters, UNIT, context)]
            try:
                limits = st.parse_limits(self.parameterAsString(parameters, CLASSES, context) or "", unit)
                rules = st.parse_thresholds(self.parameterAsString(parameters, THRESHOLD, context) or "")
            except st.StatisticsError as error:
                raise InputError(tr("Classes/threshold: {}").format(error)) from None
            results = load_origin_results(self, parameters, context, feedback)
            age, age_names = age_population(self, parameters, context, feedback, results)
            population, n_missing = st.clean_population(results.population, len(results.features))
            if results.population is None:
                feedback.pushWarning(tr("No population field: every origin counts as 1 (figures are cells, not people)."))
            elif n_missing:
                feedback.pushWarning(tr("Population: {} origin(s) have no value and count as 0.").format(n_missing))
            gap_fields = add_fields_checked(results.fields, [
                QgsField("gap_types", field_type.STRING), QgsField("n_gaps", field_type.INT)], tr("Origins"))
        except InputError as error:
            self.fail(str(error), feedback)

        keys = list(results.minutes)
        stats_rows: list[list[Any]] = []
        summary_rows: list[list[Any]] = []
        gaps: dict[str, np.ndarray] = {}
        for key in keys:
            minutes, km = results.minutes[key], results.km[key]
            values = km if unit == "km" else minutes
            for order, row in enumerate(st.class_table(values, population, limits, age)):
                line = [key, unit, order, row.label, row.cells, row.population, row.share_pct]
                if age is not None:
                    line += [row.age_population, row.age_share_pct]
                stats_rows.append(line)
            threshold = rules.for_type(key)
            summary = st.summarise(key, minutes, km, population, threshold, age)
            gaps[key] = st.gap_mask(minutes, km, threshold)
            line = [key, threshold.value, threshold.unit, summary.cells, summary.population_total,
                    summary.population_reached, summary.population_gap, summary.gap_share_pct,
                    summary.median_min, summary.p90_min, summary.mean_min,
                    summary.median_km, summary.p90_km, summary.mean_km]
            if age is not None:
                line.append(summary.age_population_gap)
            summary_rows.append(line)
            feedback.pushInfo(tr("{}: {:.0f} of {:.0f} people in a gap (> {}); median {:.1f} min.").format(
                key, summary.population_gap, summary.population_total, threshold.label(), summary.median_min))

        stats_spec = [("type", field_type.STRING), ("unit", field_type.STRING), ("class_order", field_type.INT),
                      ("class", field_type.STRING), ("cells", field_type.INT), ("population", field_type.DOUBLE),
                      ("share_pct", field_type.DOUBLE)]
        summary_spec = [("type", field_type.STRING), ("threshold", field_type.DOUBLE), ("threshold_unit", field_type.STRING),
                        ("cells", field_type.INT), ("population_total", field_type.DOUBLE),
                        ("population_reached", field_type.DOUBLE), ("population_gap", field_type.DOUBLE),
                        ("gap_share_pct", field_type.DOUBLE), ("median_min", field_type.DOUBLE),
                        ("p90_min", field_type.DOUBLE), ("mean_min", field_type.DOUBLE), ("median_km", field_type.DOUBLE),
                        ("p90_km", field_type.DOUBLE), ("mean_km", field_type.DOUBLE)]
        if age is not None:
            stats_spec += [("age_population", field_type.DOUBLE), ("age_share_pct", field_type.DOUBLE)]
            summary_spec += [("age_population_gap", field_type.DOUBLE)]

        def gap_features():
            for row, source in enumerate(results.features):
                lacking = [k for k in keys if gaps[k][row]]
                if not lacking:
                    continue
                feature = QgsFeature(gap_fields)
                feature.setGeometry(source.geometry())
                feature.setAttributes(list(source.attributes()) + [",".join(lacking), len(lacking)])
                yield feature

        params = {**results.parameters, "unit": unit, "classes": ",".join(f"{v:g}" for v in limits),
                  "thresholds": ", ".join(f"{p}={t.label()}" for p, t in rules.rules),
                  "population_field": self.parameterAsString(parameters, POPULATION_FIELD, context) or "",
                  "age_fields": ",".join(age_names), "types": ",".join(keys)}
        meta = {"algorithm": self.ALG_ID, "attribution": results.attribution, "parameters": params}
        out = {
            GAPS: self.write_features(
                parameters, context, feedback, GAPS, gap_fields, results.wkb_type, results.crs, gap_features(),
                {**meta, "title": tr("Service gaps"),
                 "abstract": tr("Origins farther than the threshold from a service type.")}),
            STATS: self.write_table(parameters, context, feedback, STATS, stats_spec, stats_rows,
                                    {**meta, "title": tr("Population per travel-time class")}),
            SUMMARY: self.write_table(parameters, context, feedback, SUMMARY, summary_spec, summary_rows,
                                      {**meta, "title": tr("Summary per service type")}),
        }
        self.place_outputs({out[GAPS]: "servicegaps", out[STATS]: None, out[SUMMARY]: None}, results.area_name)
        return self.written(out)



ALGORITHMS = [ServiceGapsAlgorithm]
