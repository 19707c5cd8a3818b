"""serviceperspektiv:nearestservice – travel time and route length to the nearest service per type."""
from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsFields,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ... import definitions as d
from ...adapters import fieldtypes as field_type
from ...adapters.layers import InputError
from ...i18n import tr
from ..base import ServiceperspektivAlgorithm
from ..common import (
    ORIGINS,
    access_graph,
    add_max_snap_parameter,
    add_network_parameters,
    add_origin_parameters,
    add_service_parameters,
    advanced_parameter,
    prepare_network,
    prepare_origins,
    prepare_services,
)
from ..outputs import add_fields_checked, value_or_none

OUTPUT = "OUTPUT"
CLASSES = "CLASSES"


def result_fields(base_fields: QgsFields, type_keys) -> QgsFields:
    new = [QgsField("snap_m", field_type.DOUBLE)]
    for key in type_keys:
        new += [QgsField(f"{key}_min", field_type.DOUBLE), QgsField(f"{key}_km", field_type.DOUBLE),
                QgsField(f"{key}_id", field_type.LONG)]
    return add_fields_checked(base_fields, new, tr("Origins"))


class NearestServiceAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "nearestservice"
    DISPLAY = "Travel time to nearest service"
    HELP = (
        "For every origin (a population cell or address point) computes, per service type, the travel time "
        "in minutes (T_min), the route length in km (T_km) and the feature id of the nearest service (T_id) "
        "along the road network. One multi-source Dijkstra runs per type on the reversed graph, so one-way "
        "streets are respected from origin to service. Points attach to the nearest point on the nearest "
        "road of the largest connected network part; the leg to the road is charged at the mode's access "
        "speed. Points farther than the largest snapping distance, and origins that cannot reach a service, "
        "get NULL, and the log says how many and why. snap_m is the distance from the origin to the network."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        add_network_parameters(self)
        add_service_parameters(self)
        add_origin_parameters(self)
        add_max_snap_parameter(self)
        self.addParameter(advanced_parameter(QgsProcessingParameterString(
            CLASSES, tr("Class limits of the map style (minutes, comma-separated)"), d.DEFAULT_CLASSES_TEXT,
            optional=True)))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, tr("Travel time to nearest service")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        try:
            try:
                limits = d.class_limits(self.parameterAsString(parameters, CLASSES, context))
            except d.ClassError as error:
                raise InputError(tr("Class limits: {}").format(error)) from None
            net = prepare_network(self, parameters, context, feedback)
            feedback.setProgress(20)
            services = prepare_services(self, parameters, context, feedback, net)
            origins = prepare_origins(self, parameters, context, feedback, net)
            origin_source = self.parameterAsSource(parameters, ORIGINS, context)
            fields = result_fields(origin_source.fields(), services.groups.keys())
        except InputError as error:
            self.fail(str(error), feedback)
        feedback.setProgress(35)
        graph = access_graph(net, services, origins)
        results = {}
        n_types = len(services.groups)
        for i, (key, members) in enumerate(services.groups.items()):
            if feedback.isCanceled():
                self.fail(tr("Cancelled: no output was written."), feedback)
            result = graph.nearest(members)
            results[key] = result
            reached = result.reached
            feedback.pushInfo(tr("{}: {} of {} origins reach a service; median {:.1f} min.").format(
                key, int(reached.sum()), len(reached),
                float(np.nanmedian(result.minutes)) if reached.any() else float("nan")))
            feedback.setProgress(35 + 55 * (i + 1) / n_types)
        service_fids = services.points.feature_ids
        snap_m = origins.snapped.dist_m

        def features():
            for row, source_feature in enumerate(origins.points.features):
                feature = QgsFeature(fields)
                feature.setGeometry(source_feature.geometry())
                values = list(source_feature.attributes())
                values.append(value_or_none(float(snap_m[row])))
                for result in results.values():
                    s = int(result.service[row])
                    values.extend([
                        value_or_none(float(result.minutes[row])),
                        value_or_none(float(result.km[row])),
                        int(service_fids[s]) if s >= 0 else None,
                    ])
                feature.setAttributes(values)
                yield feature

        dest = self.write_features(
            parameters, context, feedback, OUTPUT, fields, origin_source.wkbType()
            if QgsWkbTypes.geometryType(origin_source.wkbType()) != QgsWkbTypes.GeometryType.NullGeometry
            else QgsWkbTypes.Type.Point,
            net.crs, features(),
            metadata={
                "algorithm": self.ALG_ID,
                "title": tr("Travel time to nearest service"),
                "abstract": tr("Network travel time (minutes) and route length (km) to the nearest service per type."),
                "attribution": self.input_attribution(parameters, context, ["ROADS", "SERVICES", "ORIGINS"]),
                "parameters": {**net.summary, "types": ",".join(results), "classes": d.limits_text(limits)},
            },
        )
        # In QGIS: in the travel-time classes of a grocery type (else the first type), in the run's
        # sub-group of "Serviceperspektiv" (adapters.resultstyle).
        self.place_outputs({dest: "nearestservice"}, tr("Travel time") + " " + origin_source.sourceName())
        feedback.setProgress(100)
        return {OUTPUT: dest}


ALGORITHMS = [NearestServiceAlgorithm]
