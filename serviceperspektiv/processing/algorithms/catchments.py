"""serviceperspektiv:catchments – travel-time zones (isochrones) around service points."""
from __future__ import annotations

from contextlib import closing

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...adapters import fieldtypes as field_type
from ...adapters.layers import InputError
from ...core.catchments import (
    CatchmentEngine,
    CatchmentError,
    band_wkb,
    merge_grids,
    parse_bands,
    values_at,
)
from ...definitions import DEFAULT_CLASSES_TEXT
from ...i18n import tr
from ..base import ServiceperspektivAlgorithm
from ..common import (
    ORIGINS,
    POPULATION_FIELD,
    SERVICES,
    add_max_snap_parameter,
    add_network_parameters,
    add_service_parameters,
    advanced_parameter,
    prepare_network,
    prepare_origins,
    prepare_services,
)

OUTPUT = "OUTPUT"
BANDS = "BANDS"
DISSOLVE = "DISSOLVE"
CELL_SIZE = "CELL_SIZE"
OFF_NETWORK_SPEED = "OFF_NETWORK_SPEED"
MAX_OFF_NETWORK = "MAX_OFF_NETWORK"
DISSOLVE_LABELS = ("One zone per service point", "Dissolved per service type")
# Default cell size per mode (m): fine enough for the mode's speed, coarse enough for 500 points.
AUTO_CELL = {"car": 100.0, "bike": 50.0, "walk": 25.0}
BAND_KIND = "cumulative"


class CatchmentsAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "catchments"
    DISPLAY = "Travel-time zones (catchments)"
    HELP = (
        "Polygons of the area that can be reached from each service point within each time band (minutes), "
        "along the road network. Bands are cumulative: the 10-minute zone contains the 5-minute zone "
        "(field band_kind = 'cumulative', band_from_min = 0). One bounded Dijkstra runs per service point "
        "(never past the largest band), one-way streets are driven only in their direction, and the last "
        "stretch from the road is walked (off-network speed, at most the largest off-network distance). "
        "The zones are built on a grid of travel times (cell size; 0 = 100 m for car, 50 m bike, 25 m walk), "
        "so lakes, roadless forest and roads that cannot be reached in time are not covered. Zones are "
        "conservative: they can lose up to about one cell of width along their edge. With origins and a "
        "population field, 'population' sums the origins inside each zone. area_km2 is the zone's area."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        add_network_parameters(self)
        add_service_parameters(self)
        self.addParameter(QgsProcessingParameterString(BANDS, tr("Time bands (minutes, comma-separated)"),
                                                       defaultValue=DEFAULT_CLASSES_TEXT))
        self.addParameter(QgsProcessingParameterEnum(DISSOLVE, tr("Zones"), [tr(x) for x in DISSOLVE_LABELS],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterFeatureSource(
            ORIGINS, tr("Origins: where people live (optional, for population per zone)"),
            [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(POPULATION_FIELD, tr("Population field"), None, ORIGINS,
                                                      QgsProcessingParameterField.DataType.Numeric, optional=True))
        add_max_snap_parameter(self)
        self.addParameter(advanced_parameter(QgsProcessingParameterNumber(
            CELL_SIZE, tr("Grid cell size (m, 0 = by travel mode)"), QgsProcessingParameterNumber.Type.Double,
            defaultValue=0.0, minValue=0.0)))
        self.addParameter(advanced_parameter(QgsProcessingParameterNumber(
            OFF_NETWORK_SPEED, tr("Off-network speed, from the road into the zone (km/h)"),
            QgsProcessingParameterNumber.Type.Double, defaultValue=5.0, minValue=0.1)))
        self.addParameter(advanced_parameter(QgsProcessingParameterNumber(
            MAX_OFF_NETWORK, tr("Largest off-network distance (m)"), QgsProcessingParameterNumber.Type.Double,
            defaultValue=300.0, minValue=0.0)))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, tr("Travel-time zones"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        try:
            try:
                bands = parse_bands(self.parameterAsString(parameters, BANDS, context))
            except CatchmentError as error:
                raise InputError(tr("Time bands: {}. Give up to 12 positive minutes, e.g. 5,10,20,30.").format(
                    tr(str(error)))) from None
            dissolve = self.parameterAsEnum(parameters, DISSOLVE, context) == 1
            net = prepare_network(self, parameters, context, feedback)
            feedback.setProgress(10)
            services = prepare_services(self, parameters, context, feedback, net)
            origins = None
            if parameters.get(ORIGINS) and self.parameterAsSource(parameters, ORIGINS, context) is not None:
                origins = prepare_origins(self, parameters, context, feedback, net)
            cell = self.parameterAsDouble(parameters, CELL_SIZE, context) or AUTO_CELL.get(net.mode, 100.0)
            engine = CatchmentEngine(
                net.network, services.snapped, net.access_speed_kmh, cell_size_m=cell,
                off_speed_kmh=self.parameterAsDouble(parameters, OFF_NETWORK_SPEED, context),
                max_off_m=self.parameterAsDouble(parameters, MAX_OFF_NETWORK, context))
        except InputError as error:
            self.fail(str(error), feedback)
        except CatchmentError as error:
            self.fail(tr("Catchments: {}").format(str(error)), feedback)
        feedback.pushInfo(tr("Grid cell {} m; off-network leg at {} km/h, at most {} m; bands {} min (cumulative).").format(
            cell, self.parameterAsDouble(parameters, OFF_NETWORK_SPEED, context),
            self.parameterAsDouble(parameters, MAX_OFF_NETWORK, context), ", ".join(f"{b:g}" for b in bands)))
        feedback.setProgress(20)
        limit_s = max(bands) * 60.0
        members = [(key, idx) for key, idx in services.groups.items()]
        n_total = sum(len(idx) for _, idx in members)
        population = origins.population if origins is not None else None
        origin_xy = origins.points.xy if origins is not None else None
        fids = services.points.feature_ids
        rows: list[tuple] = []  # (service fid or None, type, band, wkb, area_km2, population)
        beyond = np.zeros(len(bands), dtype=np.int64)
        done = 0
        try:
            for key, idx in members:
                type_grids = []
                # Per point: zones() builds grids and polygons in worker threads while it searches on.
                results = engine.grids(idx, limit_s) if dissolve else engine.zones(idx, [b * 60.0 for b in bands])
                with closing(results):
                    for s, grid, *zones in results:
                        if feedback.isCanceled():
                            self.fail(tr("Cancelled: no output was written."), feedback)
                        done += 1
                        feedback.setProgress(20 + 75 * done / max(1, n_total))
                        if grid.times.size == 0:
                            continue
                        beyond += np.array([grid.saturated and grid.reach_s < b * 60.0 for b in bands])
                        if dissolve:
                            type_grids.append(grid)
                        else:
                            rows.extend(self._rows(engine, grid, bands, int(fids[s]), key, origin_xy, population,
                                                   zones[0]))
                if dissolve and type_grids:
                    rows.extend(self._rows(engine, merge_grids(type_grids), bands, None, key, origin_xy, population))
        except CatchmentError as error:
            self.fail(tr("Catchments: {}").format(str(error)), feedback)
        if not rows:
            self.fail(tr("Service points: no service point reaches any road within the bands. Check the network, "
                         "the service layer and MAX_SNAP_DISTANCE."), feedback)
        for band, count in zip(bands, beyond.tolist()):
            if count:
                feedback.pushWarning(tr("Band {} min exceeds the network's reach for {} service point(s): the whole "
                                        "connected network is reached sooner, so that zone equals a smaller one.").format(
                    f"{band:g}", count))

        fields = QgsFields()
        fields.append(QgsField("service_id", field_type.LONG))
        fields.append(QgsField("type", field_type.STRING))
        fields.append(QgsField("band_min", field_type.DOUBLE))
        fields.append(QgsField("band_from_min", field_type.DOUBLE))
        fields.append(QgsField("band_kind", field_type.STRING))
        fields.append(QgsField("area_km2", field_type.DOUBLE))
        if population is not None:
            fields.append(QgsField("population", field_type.DOUBLE))

        # The engine's WKB is a MultiPolygon already; a GeoPackage output takes it as it is.
        wkb_rows = [(wkb, [fid, key, band, 0.0, BAND_KIND, area] + ([pop] if population is not None else []))
                    for fid, key, band, wkb, area, pop in rows]

        def features():
            for wkb, values in wkb_rows:
                feature = QgsFeature(fields)
                geometry = QgsGeometry()
                geometry.fromWkb(wkb)
                geometry.convertToMultiType()
                feature.setGeometry(geometry)
                feature.setAttributes(values)
                yield feature

        dest = self.write_features(
            parameters, context, feedback, OUTPUT, fields, QgsWkbTypes.Type.MultiPolygon, net.crs, features(),
            wkb_rows=wkb_rows,
            metadata={
                "algorithm": self.ALG_ID,
                "title": tr("Travel-time zones"),
                "abstract": tr("Area reachable from service points within each band (cumulative), along the network."),
                "attribution": self.input_attribution(parameters, context, ["ROADS", "SERVICES", "ORIGINS"]),
                "parameters": {**net.summary, "bands": ",".join(f"{b:g}" for b in bands), "cell_m": cell,
                               "dissolve": int(dissolve)},
            },
        )
        services_layer = self.parameterAsSource(parameters, SERVICES, context)
        self.place_outputs({dest: "catchments"}, tr("Travel-time zones") + " " + services_layer.sourceName())
        feedback.setProgress(100)
        return {OUTPUT: dest}

    @staticmethod
    def _rows(engine, grid, bands, fid, key, origin_xy, population, zones=None) -> list[tuple]:
        rows = []
        cell_time = values_at(grid, engine.spec, origin_xy) if origin_xy is not None else None
        for k, band in enumerate(bands):
            wkb, area = zones[k] if zones is not None else band_wkb(grid, engine.spec, band * 60.0)
            if wkb is None:
                continue
            pop = None
            if cell_time is not None:
                inside = cell_time <= band * 60.0
                pop = float(np.nansum(population[inside])) if population is not None else float(inside.sum())
            rows.append((fid, key, float(band), wkb, area / 1e6, pop))
        return rows


ALGORITHMS = [CatchmentsAlgorithm]
