"""serviceperspektiv:planareaprofile – population and service access for a plan area (detaljplan)."""
from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsRectangle,
    QgsWkbTypes,
)

from ...adapters import fieldtypes as field_type
from ...adapters.layers import InputError, representative_point
from ...core import statistics as st
from ...core.accessibility import AccessGraph
from ...core.scenario import ScenarioPlan
from ...core.snapping import concat_snapped, snap_points
from ...i18n import tr
from ..base import ServiceperspektivAlgorithm
from ..common import (
    DEFAULT_MAX_SNAP_M,
    MAX_SNAP_DISTANCE,
    ORIGINS,
    ROADS,
    SERVICES,
    add_max_snap_parameter,
    add_network_parameters,
    add_origin_parameters,
    add_service_parameters,
    prepare_network,
    prepare_origins,
    prepare_services,
)
from ..outputs import add_fields_checked, value_or_none

PLAN_AREA = "PLAN_AREA"
NEAR_DISTANCE = "NEAR_DISTANCE"
FAR_DISTANCE = "FAR_DISTANCE"
CATCHMENT_MINUTES = "CATCHMENT_MINUTES"
NEW_SERVICE = "NEW_SERVICE"
OUTPUT = "OUTPUT"
NAME_FIELDS = ("name", "namn")
# Straight-line pre-filter for the catchment search: no car covers more than this in a minute.
MAX_METRES_PER_MINUTE = 2500.0


def _inside_mask(geometry: QgsGeometry, xy: np.ndarray) -> np.ndarray:
    """Which points lie in the geometry (bounding-box filter first, then a prepared GEOS test)."""
    box = geometry.boundingBox()
    finite = np.isfinite(xy).all(axis=1)
    candidates = np.flatnonzero(finite & (xy[:, 0] >= box.xMinimum()) & (xy[:, 0] <= box.xMaximum())
                                & (xy[:, 1] >= box.yMinimum()) & (xy[:, 1] <= box.yMaximum()))
    mask = np.zeros(len(xy), dtype=bool)
    engine = QgsGeometry.createGeometryEngine(geometry.constGet())
    engine.prepareGeometry()
    for i in candidates:
        point = QgsGeometry.fromPointXY(QgsPointXY(*xy[i]))  # kept alive while GEOS reads it
        mask[i] = engine.intersects(point.constGet())
    return mask


class PlanAreaProfileAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "planareaprofile"
    DISPLAY = "Area profile for a plan area"
    HELP = (
        "For each plan area (a polygon drawn, or imported with 'Import digital detaljplan'): the population inside "
        "it and within 2 and 5 km of it (or the distances you set); per service type the travel time from the "
        "population cells inside it to the nearest service (T_min_min, T_min_median, T_min_max, T_km_median – "
        "from the area's representative point when no cell lies inside); the number of services of the type in "
        "the area (T_inside); the services whose catchment (network travel time to the service) covers the area "
        "within CATCHMENT_MINUTES; and, as a scenario, the area's median time if a new service of the type were "
        "placed in it (T_new_median, T_new_delta). Population counts a cell in an area when the cell's centre is in it."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        add_network_parameters(self)
        add_service_parameters(self)
        add_origin_parameters(self, population_optional=False)
        add_max_snap_parameter(self)
        self.addParameter(QgsProcessingParameterFeatureSource(
            PLAN_AREA, tr("Plan area (polygons)"), [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterDistance(
            NEAR_DISTANCE, tr("Surroundings, near (population_2km)"), 2000.0, PLAN_AREA, minValue=0.0))
        self.addParameter(QgsProcessingParameterDistance(
            FAR_DISTANCE, tr("Surroundings, far (population_5km)"), 5000.0, PLAN_AREA, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            CATCHMENT_MINUTES, tr("Catchment: services reaching the area within (minutes)"),
            QgsProcessingParameterNumber.Type.Double, 10.0, minValue=0.1))
        self.addParameter(QgsProcessingParameterBoolean(
            NEW_SERVICE, tr("Also test a new service of each type placed in the plan area"), defaultValue=True))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, tr("Area profile"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))

    def _plan_areas(self, parameters, context, net):
        source = self.parameterAsSource(parameters, PLAN_AREA, context)
        label = tr("Plan area")
        if source is None or source.featureCount() == 0:
            raise InputError(tr("{}: the layer is empty. Draw or import a plan area.").format(label))
        if not source.sourceCrs().isValid():
            raise InputError(tr("{}: the layer has no coordinate reference system (CRS).").format(label))
        request = QgsFeatureRequest().setDestinationCrs(net.crs, context.transformContext())
        features = [f for f in source.getFeatures(request) if f.hasGeometry() and not f.geometry().isEmpty()]
        if not features:
            raise InputError(tr("{}: no feature has a geometry.").format(label))
        xy = net.network.node_xy
        extent = QgsRectangle(float(xy[:, 0].min()), float(xy[:, 1].min()), float(xy[:, 0].max()), float(xy[:, 1].max()))
        for feature in features:
            if not feature.geometry().boundingBox().intersects(extent):
                raise InputError(tr("{}: feature {} lies outside the road network's extent ({}). Check that the plan "
                                    "area and the data cover the same place, and the layers' CRS.").format(
                    label, feature.id(), extent.toString(0)))
        if source.sourceCrs() != net.crs:
            # Reported so that the planner knows the profile is measured in the network's CRS.
            self._crs_note = tr("{}: transformed from {} to {}.").format(label, source.sourceCrs().authid(), net.crs.authid())
        return source, features

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        self._crs_note = None
        try:
            net = prepare_network(self, parameters, context, feedback)
            plan_source, areas = self._plan_areas(parameters, context, net)
            if self._crs_note:
                feedback.pushInfo(self._crs_note)
            services = prepare_services(self, parameters, context, feedback, net)
            origins = prepare_origins(self, parameters, context, feedback, net, require_population=True)
            keys = list(services.groups)
            new_fields = [QgsField("population_inside", field_type.DOUBLE), QgsField("population_2km", field_type.DOUBLE),
                          QgsField("population_5km", field_type.DOUBLE), QgsField("cells_inside", field_type.INT)]
            for key in keys:
                new_fields += [QgsField(f"{key}_min_min", field_type.DOUBLE), QgsField(f"{key}_min_median", field_type.DOUBLE),
                               QgsField(f"{key}_min_max", field_type.DOUBLE), QgsField(f"{key}_km_median", field_type.DOUBLE),
                               QgsField(f"{key}_inside", field_type.INT), QgsField(f"{key}_new_median", field_type.DOUBLE),
                               QgsField(f"{key}_new_delta", field_type.DOUBLE)]
            new_fields += [QgsField("services_inside", field_type.STRING), QgsField("catchment_services", field_type.STRING),
                           QgsField("measured_from", field_type.STRING)]
            out_fields = add_fields_checked(plan_source.fields(), new_fields, tr("Plan area"))
        except InputError as error:
            self.fail(str(error), feedback)

        near = self.parameterAsDouble(parameters, NEAR_DISTANCE, context)
        far = self.parameterAsDouble(parameters, FAR_DISTANCE, context)
        catchment_min = self.parameterAsDouble(parameters, CATCHMENT_MINUTES, context)
        test_new = self.parameterAsBool(parameters, NEW_SERVICE, context)
        max_snap = self.parameterAsDouble(parameters, MAX_SNAP_DISTANCE, context) \
            if MAX_SNAP_DISTANCE in parameters else DEFAULT_MAX_SNAP_M
        population, n_missing = st.clean_population(origins.population, len(origins.points))
        if n_missing:
            feedback.pushWarning(tr("Population: {} origin(s) have no value and count as 0.").format(n_missing))

        # Each plan area's representative point becomes an extra origin (for areas without cells)
        # and a candidate site for a new service (the scenario part).
        rep_xy = np.array([representative_point(f.geometry()) or (np.nan, np.nan) for f in areas], dtype=float)
        rep_snapped = snap_points(net.network, rep_xy, max_snap, index=net.index)
        for f, ok in zip(areas, rep_snapped.ok):
            if not ok:
                feedback.pushWarning(tr("Plan area {}: its representative point is farther than {:.0f} m from the "
                                        "network; times from it are NULL.").format(f.id(), max_snap))
        n_cells = len(origins.points)
        all_origins = concat_snapped([origins.snapped, rep_snapped])
        plan = ScenarioPlan(list(services.keys), add_types=[None] * len(areas))  # one new site per plan area
        graph = AccessGraph(net.network, concat_snapped([services.snapped, rep_snapped]), all_origins,
                            net.access_speed_kmh)
        nearest = {key: graph.nearest(plan.before(key)) for key in keys}
        feedback.setProgress(50)

        cell_xy = origins.points.xy
        service_xy = services.points.xy
        name_field = next((n for n in NAME_FIELDS if services.points.features
                           and services.points.features[0].fields().lookupField(n) >= 0), None)

        def service_label(i: int) -> str:
            name = services.points.features[i][name_field] if name_field else None
            return f"{name or services.keys[i]} ({int(services.points.feature_ids[i])})"

        rows = []
        for a, feature in enumerate(areas):
            if feedback.isCanceled():
                self.fail(tr("Cancelled: no output was written."), feedback)
            geometry = feature.geometry()
            inside = _inside_mask(geometry, cell_xy)
            near_mask = _inside_mask(geometry.buffer(near, 16), cell_xy) if near > 0 else inside
            far_mask = _inside_mask(geometry.buffer(far, 16), cell_xy) if far > 0 else inside
            rows_idx = np.flatnonzero(inside)
            from_cells = len(rows_idx) > 0
            idx = rows_idx if from_cells else np.array([n_cells + a])
            weights = population[rows_idx] if from_cells else np.ones(1)
            values = [float(population[inside].sum()), float(population[near_mask].sum()),
                      float(population[far_mask].sum()), int(inside.sum())]
            svc_inside = _inside_mask(geometry, service_xy)
            for key in keys:
                minutes, km = nearest[key].minutes[idx], nearest[key].km[idx]
                median = st.weighted_quantile(minutes, weights, 0.5) if np.any(weights > 0) else float(np.nanmedian(minutes))
                new_median = np.nan
                if test_new and rep_snapped.ok[a]:
                    after = graph.nearest(np.append(plan.before(key), plan.n_existing + a)).minutes[idx]
                    new_median = st.weighted_quantile(after, weights, 0.5) if np.any(weights > 0) else float(np.nanmedian(after))
                finite = minutes[np.isfinite(minutes)]
                values += [float(finite.min()) if len(finite) else np.nan, median,
                           float(finite.max()) if len(finite) else np.nan,
                           st.weighted_quantile(km, weights, 0.5) if np.any(weights > 0) else float(np.nanmedian(km)),
                           int(np.sum(svc_inside[services.groups[key]])), new_median, new_median - median]
            # Catchments: services whose network travel time from the area is within the limit.
            box = geometry.boundingBox()
            reach = catchment_min * MAX_METRES_PER_MINUTE
            candidates = np.flatnonzero(services.snapped.ok & np.isfinite(service_xy).all(axis=1)
                                        & (service_xy[:, 0] >= box.xMinimum() - reach)
                                        & (service_xy[:, 0] <= box.xMaximum() + reach)
                                        & (service_xy[:, 1] >= box.yMinimum() - reach)
                                        & (service_xy[:, 1] <= box.yMaximum() + reach))
            area_idx = np.append(rows_idx, n_cells + a)
            catchment = [service_label(s) for s in candidates
                         if np.nanmin(np.append(graph.nearest(np.array([s]), max_minutes=catchment_min).minutes[area_idx],
                                                np.inf)) <= catchment_min]
            values += ["; ".join(service_label(s) for s in np.flatnonzero(svc_inside)), "; ".join(catchment),
                       "cells" if from_cells else "representative_point"]
            rows.append((feature, values))
            feedback.setProgress(50 + 45 * (a + 1) / len(areas))

        def features():
            for feature, values in rows:
                out = QgsFeature(out_fields)
                out.setGeometry(feature.geometry())
                out.setAttributes(list(feature.attributes()) + [value_or_none(v) for v in values])
                yield out

        params = {**net.summary, "near_m": near, "far_m": far, "catchment_min": catchment_min,
                  "types": ",".join(keys), "new_service_test": test_new}
        wkb = QgsWkbTypes.multiType(plan_source.wkbType())
        dest = self.write_features(
            parameters, context, feedback, OUTPUT, out_fields, wkb, net.crs, features(),
            {"algorithm": self.ALG_ID, "title": tr("Area profile"), "parameters": params,
             "abstract": tr("Population and travel time to the nearest service for the plan area."),
             "attribution": self.input_attribution(parameters, context, [ROADS, SERVICES, ORIGINS, PLAN_AREA])})
        layer = self.parameterAsVectorLayer(parameters, PLAN_AREA, context)
        self.place_outputs({dest: "planareaprofile"}, tr("Plan area") + " " + (layer.name() if layer else ""))
        return {OUTPUT: dest}



ALGORITHMS = [PlanAreaProfileAlgorithm]
