"""serviceperspektiv:allocation – the people for whom each service point is the nearest of its type."""
from __future__ import annotations

import math

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsRectangle,
    QgsWkbTypes,
)

from ...adapters import fieldtypes as field_type
from ...adapters.layers import InputError
from ...core.allocation import allocate, second_nearest
from ...i18n import tr
from ..base import ServiceperspektivAlgorithm
from ..common import (
    ORIGINS,
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

OUTPUT = "OUTPUT"
OUTPUT_AREAS = "OUTPUT_AREAS"
NEW_FIELDS = ("population", "cells", "mean_min", "max_min", "second_min_mean")


def _value(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else x


def _point_cell_size(xy: np.ndarray) -> float:
    """Side of the square that stands for a point origin: the median nearest-neighbour spacing."""
    finite = xy[np.isfinite(xy).all(axis=1)]
    if len(finite) < 2:
        return 250.0
    from scipy.spatial import cKDTree

    d, _ = cKDTree(finite).query(finite, k=2)
    spacing = float(np.median(d[:, 1]))
    return spacing if spacing > 0 else 250.0


class AllocationAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "allocation"
    DISPLAY = "Service area per service point (allocation)"
    HELP = (
        "Allocates every origin (population cell or address point) to its nearest service point of each type "
        "along the road network, and sums per service point: population (the point's 'underlag'), cells "
        "(number of origins), mean_min (population-weighted mean travel time), max_min (longest time) and "
        "second_min_mean (the mean time the same people would have to the second-nearest service of the "
        "same type, NULL when there is none). Each origin is allocated to at most one point per type; "
        "origins that reach no service are not allocated, so the populations add up to the population that "
        "reached a service (reported in the log). OUTPUT_AREAS dissolves the allocated origins into one "
        "polygon per service point: polygon origins are merged as they are, point origins as squares as "
        "wide as the median spacing between them."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        add_network_parameters(self)
        add_service_parameters(self)
        add_origin_parameters(self, population_optional=False)
        add_max_snap_parameter(self)
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, tr("Allocation per service point"),
                                                            QgsProcessing.SourceType.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT_AREAS, tr("Allocated areas"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon,
                                                            optional=True, createByDefault=True))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        try:
            net = prepare_network(self, parameters, context, feedback)
            feedback.setProgress(15)
            services = prepare_services(self, parameters, context, feedback, net)
            origins = prepare_origins(self, parameters, context, feedback, net, require_population=True)
            service_source = self.parameterAsSource(parameters, SERVICES, context)
            taken = {f.name().lower() for f in service_source.fields()}
            clash = [name for name in NEW_FIELDS if name in taken]
            if clash:
                raise InputError(tr("Service points: the layer already has a field named '{}'. Rename it or use "
                                    "another layer.").format(clash[0]))
        except InputError as error:
            self.fail(str(error), feedback)
        feedback.setProgress(30)
        graph = access_graph(net, services, origins)
        n_services = len(services.points)
        population = np.where(np.isfinite(origins.population), origins.population, 0.0)
        stats = {name: np.full(n_services, np.nan) for name in NEW_FIELDS}
        assigned = np.full((len(services.groups), len(population)), -1, dtype=np.int64)
        any_reached = False
        for t, (key, members) in enumerate(services.groups.items()):
            if feedback.isCanceled():
                self.fail(tr("Cancelled: no output was written."), feedback)
            nearest = graph.nearest(members)
            allocation = allocate(nearest, population, n_services)
            second = second_nearest(graph, members, nearest, want_km=False)
            reached = nearest.reached
            any_reached |= bool(reached.any())
            assigned[t] = nearest.service
            # Sum check: every reached origin is counted exactly once for this type.
            total_reached = float(population[reached].sum())
            if not math.isclose(allocation.population.sum(), total_reached, rel_tol=1e-9, abs_tol=1e-6):
                self.fail(tr("Internal error: allocated population does not add up."), feedback)
            feedback.pushInfo(tr("{}: {} of {} people ({} of {} origins) reach a service and are allocated to {} "
                                 "point(s).").format(key, f"{total_reached:.0f}", f"{population.sum():.0f}",
                                                    int(reached.sum()), len(reached), int((allocation.cells > 0).sum())))
            has_second = reached & np.isfinite(second.minutes)
            s = nearest.service[has_second]
            weight = population[has_second]
            num = np.bincount(s, weights=weight * second.minutes[has_second], minlength=n_services)
            den = np.bincount(s, weights=weight, minlength=n_services)
            plain = np.bincount(s, weights=second.minutes[has_second], minlength=n_services)
            count = np.bincount(s, minlength=n_services)
            with np.errstate(invalid="ignore", divide="ignore"):
                second_mean = np.where(den > 0, num / den, plain / count)
            m = members
            stats["population"][m] = allocation.population[m]
            stats["cells"][m] = allocation.cells[m]
            stats["mean_min"][m] = allocation.mean_min[m]
            stats["max_min"][m] = allocation.max_min[m]
            stats["second_min_mean"][m] = np.where(count[m] > 0, second_mean[m], np.nan)
            feedback.setProgress(30 + 50 * (t + 1) / len(services.groups))
        if not any_reached:
            self.fail(tr("No origin reaches any service point along the network. Check that the layers overlap and "
                         "that the service points are on the connected network."), feedback)

        fields = QgsFields(service_source.fields())
        fields.append(QgsField("population", field_type.DOUBLE))
        fields.append(QgsField("cells", field_type.LONG))
        fields.append(QgsField("mean_min", field_type.DOUBLE))
        fields.append(QgsField("max_min", field_type.DOUBLE))
        fields.append(QgsField("second_min_mean", field_type.DOUBLE))

        def service_features():
            for i, source_feature in enumerate(services.points.features):
                feature = QgsFeature(fields)
                feature.setGeometry(source_feature.geometry())
                values = list(source_feature.attributes())
                cells = stats["cells"][i]
                values.extend([
                    _value(float(stats["population"][i])),
                    None if math.isnan(cells) else int(cells),
                    _value(float(stats["mean_min"][i])),
                    _value(float(stats["max_min"][i])),
                    _value(float(stats["second_min_mean"][i])),
                ])
                feature.setAttributes(values)
                yield feature

        origin_geoms = [f.geometry() for f in origins.points.features]
        polygonal = any(QgsWkbTypes.geometryType(g.wkbType()) == QgsWkbTypes.GeometryType.PolygonGeometry for g in origin_geoms
                        if not g.isNull())
        half = _point_cell_size(origins.points.xy) / 2.0
        fids = services.points.feature_ids
        area_fields = QgsFields()
        area_fields.append(QgsField("service_id", field_type.LONG))
        area_fields.append(QgsField("type", field_type.STRING))
        area_fields.append(QgsField("population", field_type.DOUBLE))
        area_fields.append(QgsField("cells", field_type.LONG))
        types = list(services.groups)

        def origin_geometry(o: int) -> QgsGeometry:
            if polygonal:
                return origin_geoms[o]
            x, y = origins.points.xy[o]
            return QgsGeometry.fromRect(QgsRectangle(x - half, y - half, x + half, y + half))

        def area_features():
            for t, key in enumerate(types):
                service_of = assigned[t]
                order = np.argsort(service_of, kind="stable")
                sorted_s = service_of[order]
                bounds = np.flatnonzero(np.r_[True, sorted_s[1:] != sorted_s[:-1], True])
                for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
                    s = int(sorted_s[a])
                    if s < 0:
                        continue
                    group = order[a:b]
                    geometry = QgsGeometry.unaryUnion([origin_geometry(int(o)) for o in group])
                    geometry.convertToMultiType()
                    feature = QgsFeature(area_fields)
                    feature.setGeometry(geometry)
                    feature.setAttributes([int(fids[s]), key, float(population[group].sum()), len(group)])
                    yield feature

        attribution = self.input_attribution(parameters, context, ["ROADS", "SERVICES", ORIGINS])
        dest = self.write_features(
            parameters, context, feedback, OUTPUT, fields, service_source.wkbType(), net.crs, service_features(),
            metadata={"algorithm": self.ALG_ID, "title": tr("Allocation per service point"),
                      "abstract": tr("Population for whom each service point is the nearest of its type."),
                      "attribution": attribution, "parameters": {**net.summary, "types": ",".join(types)}})
        feedback.setProgress(85)
        dest_areas = self.write_features(
            parameters, context, feedback, OUTPUT_AREAS, area_fields, QgsWkbTypes.Type.MultiPolygon, net.crs,
            area_features(),
            metadata={"algorithm": self.ALG_ID, "title": tr("Allocated areas"),
                      "abstract": tr("Origins allocated to each service point, dissolved."),
                      "attribution": attribution, "parameters": {**net.summary, "types": ",".join(types)}})
        feedback.setProgress(100)
        services_layer = self.parameterAsSource(parameters, SERVICES, context)
        self.place_outputs({dest: "allocation", dest_areas: "allocation_areas"},
                           tr("Population base") + " " + services_layer.sourceName())
        return self.written({OUTPUT: dest, OUTPUT_AREAS: dest_areas})


ALGORITHMS = [AllocationAlgorithm]
