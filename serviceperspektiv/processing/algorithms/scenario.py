"""serviceperspektiv:scenario – close, add or move service points and compare with today, in one run."""
from __future__ import annotations

from typing import Any

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...adapters import fieldtypes as field_type
from ...adapters.layers import InputError, is_null, read_points
from ...core import statistics as st
from ...core.accessibility import AccessGraph
from ...core.allocation import allocate
from ...core.scenario import ScenarioError, ScenarioPlan, parse_ids, threshold_crossings
from ...core.servicetypes import safe_type_key
from ...core.snapping import Snapped, concat_snapped, snap_points
from ...definitions import DEFAULT_CLASSES_TEXT
from ...i18n import tr
from ..base import ServiceperspektivAlgorithm
from ..common import (
    DEFAULT_MAX_SNAP_M,
    MAX_SNAP_DISTANCE,
    ORIGINS,
    POPULATION_FIELD,
    SERVICES,
    TYPE_FIELD,
    add_max_snap_parameter,
    add_network_parameters,
    add_origin_parameters,
    add_service_parameters,
    prepare_network,
    prepare_origins,
    prepare_services,
)
from ..outputs import add_fields_checked, value_or_none
from .servicegaps import CLASSES

REMOVE = "REMOVE"
REMOVE_SELECTED = "REMOVE_SELECTED"
ADD = "ADD"
ADD_TYPE_FIELD = "ADD_TYPE_FIELD"
MOVE = "MOVE"
MOVE_ID_FIELD = "MOVE_ID_FIELD"
OUTPUT = "OUTPUT"
CROSSINGS = "CROSSINGS"
UNDERLAG = "UNDERLAG"
NAME_FIELDS = ("name", "namn")


def snap_new_points(net, xy: np.ndarray, max_snap: float, label: str, ids) -> Snapped:
    """Snap new service points; a point off the network stops the run with its distance."""
    snapped = snap_points(net.network, xy, max_snap, index=net.index)
    bad = np.flatnonzero(~snapped.ok)
    if len(bad):
        _seg, _t, dist = net.index.nearest(np.nan_to_num(xy[bad], nan=0.0), 1e12)
        details = ", ".join(
            tr("feature {} ({:.0f} m)").format(ids[i], d) if np.isfinite(xy[i]).all()
            else tr("feature {} (no geometry)").format(ids[i])
            for i, d in zip(bad[:5], dist[:5]))
        raise InputError(tr("{}: {} point(s) are off the network – farther than {:.0f} m from a road of the main "
                            "network: {}. Move them to a road, or raise MAX_SNAP_DISTANCE.").format(
            label, len(bad), max_snap, details))
    return snapped


def build_scenario(alg, parameters, context, feedback):
    """Everything the scenario and the plan-area profile need: inputs, plan and the combined graph."""
    net = prepare_network(alg, parameters, context, feedback)
    services = prepare_services(alg, parameters, context, feedback, net)
    origins = prepare_origins(alg, parameters, context, feedback, net)
    return net, services, origins


def add_change_parameters(alg) -> None:
    """REMOVE, REMOVE_SELECTED, ADD, ADD_TYPE_FIELD, MOVE and MOVE_ID_FIELD (shared with the place analysis)."""
    alg.addParameter(QgsProcessingParameterString(
        REMOVE, tr("Service points to close: feature ids, comma-separated"), "", optional=True))
    alg.addParameter(QgsProcessingParameterBoolean(
        REMOVE_SELECTED, tr("Close the selected service points"), defaultValue=False))
    alg.addParameter(QgsProcessingParameterFeatureSource(
        ADD, tr("New service points"), [QgsProcessing.SourceType.TypeVectorPoint], optional=True))
    alg.addParameter(QgsProcessingParameterField(
        ADD_TYPE_FIELD, tr("Type field of the new points (default: same name as the type field)"), None, ADD,
        QgsProcessingParameterField.DataType.Any, optional=True))
    alg.addParameter(QgsProcessingParameterFeatureSource(
        MOVE, tr("Moved service points (new positions)"), [QgsProcessing.SourceType.TypeVectorPoint], optional=True))
    alg.addParameter(QgsProcessingParameterField(
        MOVE_ID_FIELD, tr("Field with the feature id of the service point to move"), "target_id", MOVE,
        QgsProcessingParameterField.DataType.Numeric, optional=True))


def remove_indices(alg, parameters, context, fids: np.ndarray) -> np.ndarray:
    """Indices of the service points to close (REMOVE ids and, if ticked, the selection)."""
    ids = parse_ids(alg.parameterAsString(parameters, REMOVE, context) or "")
    if REMOVE_SELECTED in parameters and alg.parameterAsBool(parameters, REMOVE_SELECTED, context):
        layer = alg.parameterAsVectorLayer(parameters, SERVICES, context)
        if layer is None or layer.selectedFeatureCount() == 0:
            raise InputError(tr("Close the selected service points: no service point is selected."))
        ids += list(layer.selectedFeatureIds())
    position = {int(f): i for i, f in enumerate(fids)}
    missing = [i for i in ids if i not in position]
    if missing:
        raise InputError(tr("REMOVE: no service point has the feature id {}. The layer's ids run from {} to {}.").format(
            ", ".join(str(i) for i in missing[:10]), int(fids.min()), int(fids.max())))
    return np.array([position[i] for i in ids], dtype=np.int64)


def added_points(alg, parameters, context, feedback, net, max_snap):
    """(xy, type keys, snapped, feature ids) of the ADD layer; empty when none is given."""
    source = alg.parameterAsSource(parameters, ADD, context) if parameters.get(ADD) else None
    if source is None or source.featureCount() == 0:
        return np.zeros((0, 2)), [], None, []
    label = tr("New service points")
    field = alg.parameterAsString(parameters, ADD_TYPE_FIELD, context) or \
        alg.parameterAsString(parameters, TYPE_FIELD, context)
    if not field or source.fields().lookupField(field) < 0:
        raise InputError(tr("{}: the layer needs a type field ('{}'); choose ADD_TYPE_FIELD.").format(label, field or ""))
    points = read_points(source, net.crs, context, [field], feedback, label)
    keys = [safe_type_key(v) if not is_null(v) else None for v in points.attributes[field]]
    if any(k is None for k in keys):
        raise InputError(tr("{}: {} point(s) have no type in '{}'.").format(label, sum(k is None for k in keys), field))
    snapped = snap_new_points(net, points.xy, max_snap, label, points.feature_ids)
    return points.xy, keys, snapped, list(points.feature_ids)


def moved_points(alg, parameters, context, feedback, net, max_snap, fids: np.ndarray):
    """(indices of the moved existing points, snapped new positions, feature ids, xy) of the MOVE layer."""
    source = alg.parameterAsSource(parameters, MOVE, context) if parameters.get(MOVE) else None
    if source is None or source.featureCount() == 0:
        return np.zeros(0, np.int64), None, [], np.zeros((0, 2))
    label = tr("Moved service points")
    field = alg.parameterAsString(parameters, MOVE_ID_FIELD, context) or "target_id"
    if source.fields().lookupField(field) < 0:
        raise InputError(tr("{}: the field '{}' does not exist; choose MOVE_ID_FIELD.").format(label, field))
    points = read_points(source, net.crs, context, [field], feedback, label)
    position = {int(f): i for i, f in enumerate(fids)}
    targets = []
    for value in points.attributes[field]:
        target = None if is_null(value) else int(value)
        if target not in position:
            raise InputError(tr("{}: no service point has the feature id {} (field '{}').").format(label, value, field))
        targets.append(position[target])
    snapped = snap_new_points(net, points.xy, max_snap, label, points.feature_ids)
    return np.array(targets, dtype=np.int64), snapped, list(points.feature_ids), points.xy


class ScenarioAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "scenario"
    DISPLAY = "Scenario: close, add or move services"
    HELP = (
        "Compares the current state with a scenario in one run. REMOVE: comma-separated feature ids of the "
        "service points to close (or tick 'Close the selected service points'). ADD: a point layer of new service "
        "points, each with a type in ADD_TYPE_FIELD (default: the same field name as TYPE_FIELD). MOVE: a point "
        "layer whose MOVE_ID_FIELD holds the feature id of the service point to move there. Only the service "
        "types that a change touches are recomputed. Outputs: OUTPUT, per origin T_before_min, T_after_min, "
        "T_delta_min (and km) per affected type T; CROSSINGS, per type and class limit the cells and people "
        "who cross it, worse and better; UNDERLAG, each point's allocated population before and after."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        add_network_parameters(self)
        add_service_parameters(self)
        add_origin_parameters(self)
        add_max_snap_parameter(self)
        add_change_parameters(self)
        self.addParameter(QgsProcessingParameterString(
            CLASSES, tr("Class limits in minutes, comma-separated"), DEFAULT_CLASSES_TEXT, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, tr("Scenario: travel time before and after")))
        self.addParameter(QgsProcessingParameterFeatureSink(
            CROSSINGS, tr("Scenario: people crossing a class limit"), QgsProcessing.SourceType.TypeVector,
            optional=True, createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            UNDERLAG, tr("Scenario: change in population base per service point"), QgsProcessing.SourceType.TypeVector,
            optional=True, createByDefault=True))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        try:
            try:
                limits = st.parse_limits(self.parameterAsString(parameters, CLASSES, context) or "")
            except st.StatisticsError as error:
                raise InputError(tr("Classes: {}").format(error)) from None
            net, services, origins = build_scenario(self, parameters, context, feedback)
            fids = services.points.feature_ids
            try:
                remove = remove_indices(self, parameters, context, fids)
            except ScenarioError as error:
                raise InputError(tr("REMOVE: {}").format(error)) from None
            max_snap = self.parameterAsDouble(parameters, MAX_SNAP_DISTANCE, context) \
                if MAX_SNAP_DISTANCE in parameters else DEFAULT_MAX_SNAP_M
            add_xy, add_keys, add_snapped, add_ids = added_points(self, parameters, context, feedback, net, max_snap)
            move_targets, move_snapped, move_ids, _move_xy = moved_points(self, parameters, context, feedback, net,
                                                                          max_snap, fids)
            try:
                plan = ScenarioPlan(list(services.keys), remove, move_targets, add_keys)
            except ScenarioError as error:
                raise InputError(tr("Scenario: {}").format(error)) from None
            affected = plan.affected_types()
            if not affected:
                raise InputError(tr("Scenario: nothing changes. Give REMOVE ids, new points (ADD) or moved points (MOVE)."))
            source = self.parameterAsSource(parameters, ORIGINS, context)
            fields_new = []
            for key in affected:
                fields_new += [QgsField(f"{key}_before_min", field_type.DOUBLE), QgsField(f"{key}_after_min", field_type.DOUBLE),
                               QgsField(f"{key}_delta_min", field_type.DOUBLE), QgsField(f"{key}_before_km", field_type.DOUBLE),
                               QgsField(f"{key}_after_km", field_type.DOUBLE)]
            fields_new.append(QgsField("max_delta_min", field_type.DOUBLE))
            out_fields = add_fields_checked(source.fields(), fields_new, tr("Origins"))
        except InputError as error:
            self.fail(str(error), feedback)

        feedback.pushInfo(tr("Scenario: {} closed, {} added, {} moved; recomputing {} type(s): {}.").format(
            len(plan.remove), len(plan.add_types), len(plan.move_targets), len(affected), ", ".join(affected)))
        parts = [services.snapped]
        if move_snapped is not None:
            parts.append(move_snapped)
        if add_snapped is not None:
            parts.append(add_snapped)
        graph = AccessGraph(net.network, concat_snapped(parts), origins.snapped, net.access_speed_kmh)
        population, _missing = st.clean_population(origins.population, len(origins.points))
        comparisons = {}
        crossing_rows: list[list[Any]] = []
        underlag_rows: list[list[Any]] = []
        status = plan.status()
        types = plan.types()
        name_field = next((n for n in NAME_FIELDS if services.points.features and
                           services.points.features[0].fields().lookupField(n) >= 0), None)
        for key in affected:
            if feedback.isCanceled():
                self.fail(tr("Cancelled: no output was written."), feedback)
            before = graph.nearest(plan.before(key))
            after = graph.nearest(plan.after(key))
            comparisons[key] = (before, after)
            for row in threshold_crossings(before.minutes, after.minutes, population, limits):
                crossing_rows.append([key, row.limit_label, row.worse_cells, row.worse_population,
                                      row.better_cells, row.better_population])
            alloc_b = allocate(before, population, plan.n_total)
            alloc_a = allocate(after, population, plan.n_total)
            for i in range(plan.n_total):
                if types[i] != key:
                    continue
                if i < plan.n_existing:
                    service_id, name = int(fids[i]), services.points.features[i][name_field] if name_field else None
                elif i < plan.n_existing + len(plan.move_targets):
                    j = i - plan.n_existing
                    service_id, name = int(fids[plan.move_targets[j]]), None
                else:
                    service_id, name = None, None
                underlag_rows.append([
                    key, service_id, None if is_null(name) else str(name) if name is not None else None, status[i],
                    float(alloc_b.population[i]), float(alloc_a.population[i]),
                    float(alloc_a.population[i] - alloc_b.population[i]), int(alloc_b.cells[i]), int(alloc_a.cells[i]),
                    float(alloc_b.mean_min[i]), float(alloc_a.mean_min[i])])
            delta = after.minutes - before.minutes
            worse = np.isfinite(before.minutes) & (~np.isfinite(after.minutes) | (delta > 1e-9))
            feedback.pushInfo(tr("{}: {:.0f} people get a longer trip; population-weighted mean {:.1f} -> {:.1f} min.").format(
                key, float(population[worse].sum()), st.weighted_mean(before.minutes, population),
                st.weighted_mean(after.minutes, population)))

        def origin_features():
            for row, source_feature in enumerate(origins.points.features):
                feature = QgsFeature(out_fields)
                feature.setGeometry(source_feature.geometry())
                values = list(source_feature.attributes())
                deltas = []
                for key in affected:
                    before, after = comparisons[key]
                    d = after.minutes[row] - before.minutes[row]
                    if np.isfinite(before.minutes[row]) and not np.isfinite(after.minutes[row]):
                        d = np.inf  # lost access: styled as the worst change, written as NULL
                    deltas.append(d)
                    values += [value_or_none(before.minutes[row]), value_or_none(after.minutes[row]),
                               value_or_none(d if np.isfinite(d) else np.nan),
                               value_or_none(before.km[row]), value_or_none(after.km[row])]
                finite = [d for d in deltas if not np.isnan(d)]
                worst = max(finite, key=abs) if finite else np.nan
                values.append(value_or_none(float(worst) if np.isfinite(worst) else np.nan))
                feature.setAttributes(values)
                yield feature

        params = {**net.summary, "remove": ",".join(str(int(fids[i])) for i in plan.remove),
                  "added": len(plan.add_types), "moved": ",".join(str(int(fids[i])) for i in plan.move_targets),
                  "affected_types": ",".join(affected), "classes": ",".join(f"{v:g}" for v in limits),
                  "population_field": self.parameterAsString(parameters, POPULATION_FIELD, context) or ""}
        meta = {"algorithm": self.ALG_ID, "parameters": params,
                "attribution": self.input_attribution(parameters, context, ["ROADS", SERVICES, ORIGINS])}
        wkb = source.wkbType()
        if QgsWkbTypes.geometryType(wkb) == QgsWkbTypes.GeometryType.NullGeometry:
            wkb = QgsWkbTypes.Type.Point
        crossing_spec = [("type", field_type.STRING), ("limit_min", field_type.STRING), ("worse_cells", field_type.INT),
                         ("worse_population", field_type.DOUBLE), ("better_cells", field_type.INT),
                         ("better_population", field_type.DOUBLE)]
        underlag_spec = [("type", field_type.STRING), ("service_id", field_type.LONG), ("name", field_type.STRING),
                         ("status", field_type.STRING), ("population_before", field_type.DOUBLE),
                         ("population_after", field_type.DOUBLE), ("population_delta", field_type.DOUBLE),
                         ("cells_before", field_type.INT), ("cells_after", field_type.INT),
                         ("mean_min_before", field_type.DOUBLE), ("mean_min_after", field_type.DOUBLE)]
        out = {
            OUTPUT: self.write_features(parameters, context, feedback, OUTPUT, out_fields, wkb, net.crs, origin_features(),
                                        {**meta, "title": tr("Scenario: travel time before and after"),
                                         "abstract": tr("Travel time per origin before and after the scenario.")}),
            CROSSINGS: self.write_table(parameters, context, feedback, CROSSINGS, crossing_spec, crossing_rows,
                                        {**meta, "title": tr("Scenario: people crossing a class limit")}),
            UNDERLAG: self.write_table(parameters, context, feedback, UNDERLAG, underlag_spec, underlag_rows,
                                       {**meta, "title": tr("Scenario: change in population base per service point")}),
        }
        layer = self.parameterAsVectorLayer(parameters, ORIGINS, context)
        self.place_outputs({out[OUTPUT]: "scenario", out[CROSSINGS]: None, out[UNDERLAG]: None},
                           tr("Scenario") + " " + (layer.name() if layer is not None else ""))
        self.last_comparisons = comparisons  # for callers in Python (plan-area profile, tests)
        return self.written(out)



ALGORITHMS = [ScenarioAlgorithm]
