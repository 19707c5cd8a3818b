"""Parameters and input preparation shared by the network algorithms.

Parameter names are an interface: models and scripts rely on them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterDistance,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from .. import definitions
from ..adapters.layers import InputError, PointData, numeric_column, read_lines, read_points, working_crs
from ..adapters.ogrtable import whole_layer
from ..core.accessibility import AccessGraph
from ..core.network import Network, NetworkError, build_network, edges_in_components
from ..core.oneway import parse_directions
from ..core.servicetypes import DEFAULT_TYPE, MAX_TYPES, TooManyTypes, type_keys
from ..core.snapping import SegmentIndex, Snapped, snap_points
from ..core.speeds import MODES, load_speed_table, resolve_directional_speeds, resolve_speeds
from ..i18n import tr

ROADS = "ROADS"
SPEED_FIELD = "SPEED_FIELD"
BACKWARD_SPEED_FIELD = "BACKWARD_SPEED_FIELD"
BACKWARD_SUFFIX = "_backward"  # fetchroads writes 'maxspeed' and 'maxspeed_backward'
CLASS_FIELD = "CLASS_FIELD"
ONEWAY_FIELD = "ONEWAY_FIELD"
MODE = "MODE"
SERVICES = "SERVICES"
TYPE_FIELD = "TYPE_FIELD"
ORIGINS = "ORIGINS"
POPULATION_FIELD = "POPULATION_FIELD"
MAX_SNAP_DISTANCE = "MAX_SNAP_DISTANCE"
ALL_COMPONENTS = "ALL_COMPONENTS"
ACCESS_SPEED = "ACCESS_SPEED"
SNAP_TOLERANCE = "SNAP_TOLERANCE"

DEFAULT_MAX_SNAP_M = 1500.0
MODE_LABELS = definitions.MODE_LABELS  # one home: serviceperspektiv/definitions.py


def advanced_parameter(parameter):
    parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    return parameter


def add_network_parameters(alg) -> None:
    alg.addParameter(QgsProcessingParameterFeatureSource(ROADS, tr("Road network (lines)"),
                                                         [QgsProcessing.SourceType.TypeVectorLine]))
    alg.addParameter(QgsProcessingParameterField(SPEED_FIELD, tr("Speed field (km/h, optional)"), None, ROADS,
                                                 QgsProcessingParameterField.DataType.Numeric, optional=True))
    alg.addParameter(QgsProcessingParameterField(
        BACKWARD_SPEED_FIELD, tr("Backward speed field (km/h against the digitised direction, optional; default: "
                                 "the speed field's '_backward' twin if the layer has one)"),
        None, ROADS, QgsProcessingParameterField.DataType.Numeric, optional=True))
    alg.addParameter(QgsProcessingParameterField(CLASS_FIELD, tr("Road class field (OSM highway or NVDB class, optional)"),
                                                 None, ROADS, QgsProcessingParameterField.DataType.Any, optional=True))
    alg.addParameter(QgsProcessingParameterField(ONEWAY_FIELD, tr("One-way / direction field (optional)"), None, ROADS,
                                                 QgsProcessingParameterField.DataType.Any, optional=True))
    alg.addParameter(QgsProcessingParameterEnum(MODE, tr("Travel mode"), [tr(m) for m in MODE_LABELS], defaultValue=0))
    alg.addParameter(advanced_parameter(QgsProcessingParameterBoolean(
        ALL_COMPONENTS, tr("Attach points to every network part, not only the largest connected one"), defaultValue=False)))
    alg.addParameter(advanced_parameter(QgsProcessingParameterNumber(
        ACCESS_SPEED, tr("Speed on the leg between a point and the network (km/h, 0 = the mode's default)"),
        QgsProcessingParameterNumber.Type.Double, defaultValue=0.0, minValue=0.0)))
    alg.addParameter(advanced_parameter(QgsProcessingParameterNumber(
        SNAP_TOLERANCE, tr("Vertex snapping tolerance when building the network (m)"),
        QgsProcessingParameterNumber.Type.Double, defaultValue=0.5, minValue=0.0)))


def add_max_snap_parameter(alg) -> None:
    alg.addParameter(QgsProcessingParameterDistance(
        MAX_SNAP_DISTANCE, tr("Largest distance from a point to the network (m)"), DEFAULT_MAX_SNAP_M, ROADS, minValue=0.0))


def add_service_parameters(alg) -> None:
    alg.addParameter(QgsProcessingParameterFeatureSource(
        SERVICES, tr("Service points (points or areas)"),
        [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon]))
    alg.addParameter(QgsProcessingParameterField(TYPE_FIELD, tr("Service type field (optional)"), None, SERVICES,
                                                 QgsProcessingParameterField.DataType.Any, optional=True))


def add_origin_parameters(alg, population_optional: bool = True) -> None:
    alg.addParameter(QgsProcessingParameterFeatureSource(
        ORIGINS, tr("Origins: where people live (points or grid cells)"),
        [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon]))
    alg.addParameter(QgsProcessingParameterField(POPULATION_FIELD, tr("Population field"), None, ORIGINS,
                                                 QgsProcessingParameterField.DataType.Numeric, optional=population_optional))


@dataclass
class NetworkInputs:
    network: Network
    crs: QgsCoordinateReferenceSystem
    mode: str
    access_speed_kmh: float
    index: SegmentIndex
    edge_mask: np.ndarray
    summary: dict


@dataclass
class ServiceInputs:
    points: PointData
    keys: list  # type key per service (None = skipped)
    groups: dict  # type key -> indices into points
    snapped: Snapped


@dataclass
class OriginInputs:
    points: PointData
    population: Optional[np.ndarray]
    snapped: Snapped


def _field(alg, parameters, name, context) -> Optional[str]:
    value = alg.parameterAsString(parameters, name, context)
    return value or None


def _source(alg, parameters, name, context, label):
    source = alg.parameterAsSource(parameters, name, context)
    if source is None:
        raise InputError(tr("{}: the layer could not be opened.").format(label))
    if source.featureCount() == 0:
        raise InputError(tr("{}: the layer is empty. Choose a layer with features.").format(label))
    return source


def _check_field(source, field: Optional[str], label: str) -> None:
    if field and source.fields().lookupField(field) < 0:
        raise InputError(tr("{}: the field '{}' does not exist in the layer.").format(label, field))


def _check_unrepairable(data, label: str) -> None:
    if data.unrepairable_ids:
        shown = ", ".join(str(i) for i in data.unrepairable_ids[:5])
        raise InputError(tr("{}: {} feature(s) have invalid geometries that could not be repaired (feature ids {}). "
                            "Fix them, e.g. with 'Fix geometries', and run again.").format(
            label, len(data.unrepairable_ids), shown))


def backward_speed_field(alg, parameters, context, source, speed_field: Optional[str], feedback) -> Optional[str]:
    """BACKWARD_SPEED_FIELD, else the speed field's '_backward' twin when the layer has one (fetchroads output)."""
    chosen = _field(alg, parameters, BACKWARD_SPEED_FIELD, context)
    if chosen or not speed_field:
        return chosen
    names = {name.lower(): name for name in source.fields().names()}
    twin = names.get(speed_field.lower() + BACKWARD_SUFFIX)
    if twin:
        feedback.pushInfo(tr("Speeds per direction: '{}' along the digitised direction, '{}' against it.").format(
            speed_field, twin))
    return twin


def _resolve_speeds(lines, class_field, speed_field, backward_field, directions, mode, table, label, feedback):
    """Speeds per road, (n, 2) forward/backward when a backward speed field is in use; logs the fallbacks."""
    classes = lines.attributes.get(class_field) if class_field else None
    forward = numeric_column(lines.attributes[speed_field], label) if speed_field else None
    if backward_field:
        backward = numeric_column(lines.attributes[backward_field], label)
        speeds = resolve_directional_speeds(classes, forward, backward, mode, directions, table)
        if mode == "car" and speeds.n_other_direction:
            feedback.pushInfo(tr("{} open direction(s) had no speed of their own and took the other direction's "
                                 "speed.").format(speeds.n_other_direction))
    else:
        speeds = resolve_speeds(classes, forward, mode, table, n_roads=lines.n_features)
    if speed_field and speeds.n_defaulted:
        feedback.pushWarning(tr("{} road(s) had a NULL or non-positive speed and got their class default.").format(
            speeds.n_defaulted))
    if speeds.n_excluded:
        feedback.pushInfo(tr("{} road(s) are closed to mode '{}' by their class and were left out.").format(
            speeds.n_excluded, mode))
    return speeds


def prepare_network(alg, parameters, context, feedback) -> NetworkInputs:
    label = tr("Road network")
    roads = _source(alg, parameters, ROADS, context, label)
    speed_field = _field(alg, parameters, SPEED_FIELD, context)
    class_field = _field(alg, parameters, CLASS_FIELD, context)
    oneway_field = _field(alg, parameters, ONEWAY_FIELD, context)
    backward_field = backward_speed_field(alg, parameters, context, roads, speed_field, feedback)
    for f in (speed_field, class_field, oneway_field, backward_field):
        _check_field(roads, f, label)
    mode = MODES[alg.parameterAsEnum(parameters, MODE, context)]
    crs = working_crs(roads.sourceCrs())
    feedback.pushInfo(tr("Measuring in {} ({})").format(crs.authid(), crs.description()))
    lines = read_lines(roads, crs, context, [speed_field, class_field, oneway_field, backward_field], feedback, label,
                       layer=whole_layer(alg, parameters, ROADS, context))
    if feedback.isCanceled():
        raise InputError(tr("Cancelled."))
    _check_unrepairable(lines, label)
    if not lines.n_parts:
        raise InputError(tr("{}: the layer has no usable line geometries.").format(label))
    table = load_speed_table()
    directions = parse_directions(lines.attributes[oneway_field]) if oneway_field else np.zeros(lines.n_features, np.int8)
    speeds = _resolve_speeds(lines, class_field, speed_field, backward_field, directions, mode, table, label, feedback)
    tolerance = alg.parameterAsDouble(parameters, SNAP_TOLERANCE, context) if SNAP_TOLERANCE in parameters else 0.5
    try:
        network = build_network(lines.line_parts(), lines.part_feature, speeds.speed_kmh, directions, tolerance)
    except NetworkError as error:
        raise InputError(tr("{}: {}").format(label, error)) from None
    sizes = network.component_sizes()
    feedback.pushInfo(tr("Network: {} nodes, {} edges, {} connected part(s); the largest has {} nodes.").format(
        network.n_nodes, network.n_edges, network.n_components, int(sizes.max())))
    all_parts = ALL_COMPONENTS in parameters and alg.parameterAsBool(parameters, ALL_COMPONENTS, context)
    mask = np.ones(network.n_edges, dtype=bool) if all_parts else edges_in_components(network)
    access = alg.parameterAsDouble(parameters, ACCESS_SPEED, context) if ACCESS_SPEED in parameters else 0.0
    access = access if access > 0 else table.access_speed_kmh(mode)
    feedback.pushInfo(tr("Mode {}: the leg between a point and the network is charged at {} km/h.").format(mode, access))
    summary = {"mode": mode, "roads": lines.n_features, "defaulted_speeds": speeds.n_defaulted,
               "speed_fields": ",".join(f for f in (speed_field, backward_field) if f),
               "components": network.n_components, "crs": crs.authid(), "access_speed_kmh": access}
    return NetworkInputs(network, crs, mode, access, SegmentIndex(network, mask), mask, summary)


def _report_snap(feedback, snapped: Snapped, label: str, max_snap: float) -> None:
    counts = snapped.counts()
    bad = {k: v for k, v in counts.items() if k != "ok"}
    feedback.pushInfo(tr("{}: {} of {} attached to the network.").format(label, int(snapped.ok.sum()), len(snapped.ok)))
    for reason, count in bad.items():
        feedback.pushWarning(tr("{}: {} not attached ({}; largest distance {} m). They get NULL.").format(
            label, count, tr(reason), int(max_snap)))


def max_snap_distance(alg, parameters, context) -> float:
    if MAX_SNAP_DISTANCE in parameters and parameters[MAX_SNAP_DISTANCE] is not None:
        return alg.parameterAsDouble(parameters, MAX_SNAP_DISTANCE, context)
    return DEFAULT_MAX_SNAP_M


def prepare_services(alg, parameters, context, feedback, net: NetworkInputs) -> ServiceInputs:
    label = tr("Service points")
    source = _source(alg, parameters, SERVICES, context, label)
    type_field = _field(alg, parameters, TYPE_FIELD, context)
    _check_field(source, type_field, label)
    points = read_points(source, net.crs, context, [type_field] if type_field else [], feedback, label, keep_features=True)
    _check_unrepairable(points, label)
    if type_field:
        try:
            keys = type_keys(points.attributes[type_field])
        except TooManyTypes as error:
            raise InputError(tr("{}: the type field '{}' has too many distinct values ({}). At most {} service "
                                "types are allowed; choose a type field such as 'type'.").format(
                label, type_field, str(error).split()[0], MAX_TYPES)) from None
        skipped = sum(k is None for k in keys)
        if skipped:
            feedback.pushWarning(tr("{}: {} point(s) have no type and were skipped.").format(label, skipped))
    else:
        keys = [DEFAULT_TYPE] * len(points)
    groups: dict[str, np.ndarray] = {}
    for key in sorted({k for k in keys if k is not None}):
        groups[key] = np.array([i for i, k in enumerate(keys) if k == key], dtype=np.int64)
    if not groups:
        raise InputError(tr("{}: no service point has a type.").format(label))
    max_snap = max_snap_distance(alg, parameters, context)
    snapped = snap_points(net.network, points.xy, max_snap, index=net.index)
    _report_snap(feedback, snapped, label, max_snap)
    if not snapped.ok.any():
        raise InputError(tr("{}: every service point is farther than {} m from the network (or on a part of it "
                            "that is not connected to the main network). Check the layers' CRS and extent, or raise "
                            "MAX_SNAP_DISTANCE.").format(label, int(max_snap)))
    return ServiceInputs(points, keys, groups, snapped)


def prepare_origins(alg, parameters, context, feedback, net: NetworkInputs, require_population: bool = False) -> OriginInputs:
    label = tr("Origins")
    source = _source(alg, parameters, ORIGINS, context, label)
    pop_field = _field(alg, parameters, POPULATION_FIELD, context)
    _check_field(source, pop_field, label)
    if require_population and not pop_field:
        raise InputError(tr("{}: choose a population field.").format(label))
    points = read_points(source, net.crs, context, [pop_field] if pop_field else [], feedback, label, keep_features=True)
    _check_unrepairable(points, label)
    population = None
    if pop_field:
        population = numeric_column(points.attributes[pop_field], tr("Population field '{}'").format(pop_field))
        if (population[np.isfinite(population)] < 0).any():
            raise InputError(tr("Population field '{}': {} value(s) are negative. Population must be zero or more.").format(
                pop_field, int((population < 0).sum())))
    max_snap = max_snap_distance(alg, parameters, context)
    snapped = snap_points(net.network, points.xy, max_snap, index=net.index)
    _report_snap(feedback, snapped, label, max_snap)
    return OriginInputs(points, population, snapped)


def access_graph(net: NetworkInputs, services: ServiceInputs, origins: OriginInputs) -> AccessGraph:
    return AccessGraph(net.network, services.snapped, origins.snapped, net.access_speed_kmh)
