"""serviceperspektiv:placeanalysis – Nulägesanalys för ort: population, services, underlag and scenarios per place.

Thin: reads the layers (processing/common.py, adapters/places.py), builds one access graph and
hands the arrays to core/placeanalysis.py; writes the table, the service points and the Swedish
report (core/placereport.py) with a map per place (layouts/placemap.py).
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...adapters import fieldtypes as field_type
from ...adapters.layers import InputError, numeric_column
from ...adapters.places import (
    boundary_crossings,
    detect_name_field,
    inside_mask,
    network_extent,
    read_places,
    representative_xy,
)
from ...core import statistics as st
from ...core.accessibility import AccessGraph
from ...core.agebands import AGE_GROUPS, AgeBandError, group_age_fields
from ...core.placeanalysis import CLASS_KEYS, TVV_CLASS_LIMITS, Cancelled, Place, PlaceAnalysis, analyse_places
from ...core.scenario import ScenarioError, ScenarioPlan
from ...core.snapping import concat_snapped, snap_points
from ...core.spending import SpendingError, SpendingTable, load
from ...i18n import tr
from ..base import ServiceperspektivAlgorithm, remove_output_file
from ..common import (
    MODE,
    ORIGINS,
    POPULATION_FIELD,
    ROADS,
    SERVICES,
    add_max_snap_parameter,
    add_network_parameters,
    add_origin_parameters,
    add_service_parameters,
    advanced_parameter,
    max_snap_distance,
    prepare_network,
    prepare_origins,
    prepare_services,
)
from ..outputs import table_fields, value_or_none
from .scenario import add_change_parameters, added_points, moved_points, remove_indices

PLACE = "PLACE"
PLACE_NAME_FIELD = "PLACE_NAME_FIELD"
BANDS = "BANDS"
SPEND = "SPEND"
MAP = "MAP"
OUTPUT = "OUTPUT"
OUTPUT_POINTS = "OUTPUT_POINTS"
OUTPUT_HTML = "OUTPUT_HTML"
DEFAULT_BANDS = "5,10,20,30"
OVERVIEW_MIN_KMH = 60.0  # roads this fast or faster make the map's inset
MAX_BANDS = 8
SERVICE_NAME_FIELDS = ("namn", "name")
AGE_FIELD_NAMES = [f"age_{suffix}" for suffix, _low, _high in AGE_GROUPS]


def band_suffix(minutes: float) -> str:
    """5 -> '5min', 2.5 -> '2_5min' (stable ASCII field names)."""
    return f"{minutes:g}".replace(".", "_") + "min"


def output_spec(bands) -> list[tuple[str, Any]]:
    """OUTPUT's fields, in order: one row per place and service type."""
    d, i, s, lng = field_type.DOUBLE, field_type.INT, field_type.STRING, field_type.LONG
    spec = [("place_id", lng), ("place_name", s), ("type", s), ("type_name", s),
            ("population_inside", d), ("cells_inside", i)]
    spec += [(f"pop_{band_suffix(b)}", d) for b in bands]
    spec += [(name, d) for name in AGE_FIELD_NAMES]
    spec += [("measured_from", s), ("n_inside", i), ("services_inside", s),
             ("mean_min", d), ("median_min", d), ("mean_km", d), ("median_km", d)]
    spec += [(f"share_{k}", d) for k in CLASS_KEYS]
    spec += [("nearest_out_id", lng), ("nearest_out_name", s), ("nearest_out_min", d), ("nearest_out_km", d),
             ("underlag_pop", d), ("underlag_cells", i), ("underlag_pop_inside", d),
             ("closed_mean_min", d), ("closed_mean_km", d), ("closed_no_service_pop", d),
             ("spend_sek_per_capita", d), ("spend_inside_sek", d), ("spend_underlag_sek", d)]
    spec += [(f"muni_share_{k}", d) for k in CLASS_KEYS]
    spec += [("muni_mean_min", d), ("muni_median_min", d)]
    spec += [("scn_n_inside", i), ("scn_mean_min", d), ("scn_median_min", d)]
    spec += [(f"scn_share_{k}", d) for k in CLASS_KEYS]
    spec += [("scn_underlag_pop", d), ("scn_delta_mean_min", d)]
    return spec


POINT_SPEC = [("place_id", field_type.LONG), ("place_name", field_type.STRING), ("type", field_type.STRING),
              ("type_name", field_type.STRING), ("service_id", field_type.LONG), ("name", field_type.STRING),
              ("status", field_type.STRING), ("population", field_type.DOUBLE), ("cells", field_type.INT),
              ("pop_inside_place", field_type.DOUBLE), ("mean_min", field_type.DOUBLE),
              ("max_min", field_type.DOUBLE), ("closed_mean_min", field_type.DOUBLE),
              ("closed_mean_km", field_type.DOUBLE), ("closed_no_service_pop", field_type.DOUBLE),
              ("spend_underlag_sek", field_type.DOUBLE), ("population_after", field_type.DOUBLE)]


@dataclass
class Prepared:
    """Everything read and checked before any output is created."""

    net: Any
    services: Any
    origins: Any
    places: list
    name_field: Optional[str]
    bands: tuple
    spending: SpendingTable
    plan: ScenarioPlan
    combined_xy: np.ndarray  # existing, moved and added service points (working CRS)
    combined_ids: list  # feature id per combined point (None for added points)
    extra_snapped: list  # snapped moved and added points
    ages: Optional[np.ndarray]
    age_fields: list
    service_names: list
    max_snap: float


class PlaceAnalysisAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "placeanalysis"
    DISPLAY = "Current-state analysis for a place (Nulägesanalys)"
    HELP = (
        "A current-state analysis (nulägesanalys) of everyday service for each place in PLACE (SCB's tätorter or "
        "småorter, a drawn area or a plan area): who lives there (population inside the place and within each "
        "travel-time band of it, with the age groups 0–19, 20–64, 65–79 and 80+ where the grid has age bands); per "
        "service type the points inside, the nearest point outside, the residents' population-weighted mean and "
        "median travel time and their shares in Tillväxtverket's classes (< 5, 5–10, 10–30, > 30 min); the "
        "underlag of each point inside (the people for whom it is the nearest of its type) and how far they "
        "would travel if it closed; the yearly spending potential (population × SPEND) for the categories with a cited "
        "figure (groceries; fuel once a figure is entered); "
        "the same shares for all origins in the data (the municipality) for comparison; and, when REMOVE, ADD or "
        "MOVE are given, the scenario's change. A cell or point is in a place when its representative point "
        "lies inside the polygon. The travel time to a place is the time to the nearest point where the road "
        "network enters it. OUTPUT has one row per place and service type; OUTPUT_POINTS one per service point "
        "inside a place; OUTPUT_HTML is a Swedish report with a map, tables, plain sentences, sources and "
        "assumptions (see docs/placeanalysis.md)."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(
            PLACE, tr("Place (polygons: tätort, småort, drawn or plan area)"),
            [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            PLACE_NAME_FIELD, tr("Place name field (optional; detected: tatort, namn, name, plannamn, planid)"), None,
            PLACE, QgsProcessingParameterField.DataType.Any, optional=True))
        add_network_parameters(self)
        add_service_parameters(self)
        add_origin_parameters(self, population_optional=False)
        add_max_snap_parameter(self)
        self.addParameter(QgsProcessingParameterString(
            BANDS, tr("Travel-time bands around the place (minutes, comma-separated)"), DEFAULT_BANDS, optional=True))
        self.addParameter(QgsProcessingParameterFile(
            SPEND, tr("Spending per person and year (JSON file; empty: the bundled SCB figures)"),
            QgsProcessingParameterFile.Behavior.File, "json", optional=True))
        add_change_parameters(self)
        self.addParameter(advanced_parameter(QgsProcessingParameterBoolean(
            MAP, tr("Map of each place in the report"), defaultValue=True)))
        self.addParameter(QgsProcessingParameterFeatureSink(
            OUTPUT, tr("Current-state analysis per place and service type"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            OUTPUT_POINTS, tr("Current-state analysis: service points in the places"),
            QgsProcessing.SourceType.TypeVectorPoint, optional=True, createByDefault=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            OUTPUT_HTML, tr("Current-state analysis report (HTML)"), tr("HTML files (*.html)"), optional=True,
            createByDefault=True))

    # -- inputs ------------------------------------------------------------------------------------
    def _bands(self, parameters, context) -> tuple:
        text = self.parameterAsString(parameters, BANDS, context) if parameters.get(BANDS) is not None else ""
        try:
            bands = st.parse_limits(text or DEFAULT_BANDS)
        except st.StatisticsError as error:
            raise InputError(tr("Bands: {}. Give up to {} increasing minutes, e.g. 5,10,20,30.").format(
                error, MAX_BANDS)) from None
        if len(bands) > MAX_BANDS:
            raise InputError(tr("Bands: {} bands given. Give up to {} increasing minutes, e.g. 5,10,20,30.").format(
                len(bands), MAX_BANDS))
        return bands

    def _spending(self, parameters, context) -> SpendingTable:
        path = self.parameterAsFile(parameters, SPEND, context) if parameters.get(SPEND) else ""
        if path and not Path(path).is_file():
            raise InputError(tr("Spending file: {} does not exist.").format(path))
        try:
            return load(path or None)
        except SpendingError as error:
            where = path or tr("the bundled spending.json")
            messages = {
                "unreadable": tr("Spending file {}: it is not readable JSON ({}).").format(where, error.detail),
                "no_categories": tr("Spending file {}: it has no 'categories'.").format(where),
                "bad_value": tr("Spending file {}: category '{}' has an invalid '{}' (a positive number is "
                                "needed).").format(where, error.category, error.detail),
                "no_source": tr("Spending file {}: category '{}' has a figure but no source. Every figure must cite "
                                "its source ('sources': title, publisher, date).").format(where, error.category),
                "inconsistent": tr("Spending file {}: category '{}': numerator / denominator gives {} SEK, not "
                                   "sek_per_capita.").format(where, error.category, error.detail),
            }
            raise InputError(messages.get(error.kind, str(error))) from None

    def _places(self, parameters, context, net):
        label = tr("Place")
        source = self.parameterAsSource(parameters, PLACE, context)
        if source is None:
            raise InputError(tr("{}: the layer could not be opened.").format(label))
        if source.featureCount() == 0:
            raise InputError(tr("{}: the layer is empty. Choose a layer with features.").format(label))
        name_field = self.parameterAsString(parameters, PLACE_NAME_FIELD, context) or None
        if name_field and source.fields().lookupField(name_field) < 0:
            raise InputError(tr("{}: the field '{}' does not exist in the layer.").format(label, name_field))
        name_field = name_field or detect_name_field(source.fields().names())
        places = read_places(source, net.crs, context, name_field, label)
        extent = network_extent(net.network.node_xy)
        outside = [p for p in places if not p.geometry.boundingBox().intersects(extent)]
        if outside:
            raise InputError(tr("{}: {} lies outside the road network's extent ({}). Check that the places and the data "
                                "cover the same area, and the layers' CRS.").format(
                label, ", ".join(p.name for p in outside[:5]), extent.toString(0)))
        return places, name_field

    def _ages(self, origins, feedback):
        if not origins.points.features:
            return None, []
        names = origins.points.features[0].fields().names()
        try:
            grouping = group_age_fields(names)
        except AgeBandError as error:
            messages = {
                "gap": tr("Age groups: the age fields have a gap at age {} ('{}'); the age structure is left out."),
                "overlap": tr("Age groups: the age fields overlap at age {} ('{}'); the age structure is left out."),
                "open_not_last": tr("Age groups: the open-ended age field at {} ('{}') is not the oldest band; the age "
                                    "structure is left out."),
                "no_open": tr("Age groups: the age fields end at age {} ('{}') without an open-ended band such as "
                              "age_100plus; the age structure is left out."),
                "straddle": tr("Age groups: the age field from {} ('{}') spans two of the groups 0–19, 20–64, 65–79 "
                               "and 80+; the age structure is left out."),
            }
            feedback.pushWarning(messages.get(error.kind, "{} {}").format(error.age, error.field))
            return None, []
        if grouping is None:
            feedback.pushInfo(tr("Age groups: the origins have no age band fields; only the total population is "
                                 "shown."))
            return None, []
        ages = np.zeros((len(origins.points), len(AGE_GROUPS)))
        incomplete = np.zeros(len(origins.points), dtype=bool)
        try:
            for g, names_of_group in enumerate(grouping.fields):
                for name in names_of_group:
                    column = numeric_column([f[name] for f in origins.points.features], name)
                    incomplete |= ~np.isfinite(column)
                    ages[:, g] += np.where(np.isfinite(column), column, 0.0)
        except InputError:
            feedback.pushWarning(tr("Age groups: an age field holds values that are not numbers; the age structure "
                                    "is left out."))
            return None, []
        if incomplete.any():
            feedback.pushWarning(tr("Age groups: {} origin(s) have no value in an age field; it counts as 0.").format(
                int(incomplete.sum())))
        feedback.pushInfo(tr("Age groups from: {}").format(", ".join(grouping.all_fields)))
        return ages, grouping.all_fields

    def _prepare(self, parameters, context, feedback) -> Prepared:
        bands = self._bands(parameters, context)
        spending = self._spending(parameters, context)
        net = prepare_network(self, parameters, context, feedback)
        places, name_field = self._places(parameters, context, net)
        feedback.setProgress(15)
        services = prepare_services(self, parameters, context, feedback, net)
        origins = prepare_origins(self, parameters, context, feedback, net, require_population=True)
        fids = services.points.feature_ids
        max_snap = max_snap_distance(self, parameters, context)
        try:
            remove = remove_indices(self, parameters, context, fids)
        except ScenarioError as error:
            raise InputError(tr("REMOVE: {}").format(error)) from None
        add_xy, add_keys, add_snapped, _add_ids = added_points(self, parameters, context, feedback, net, max_snap)
        move_targets, move_snapped, _move_ids, move_xy = moved_points(self, parameters, context, feedback, net,
                                                                      max_snap, fids)
        try:
            plan = ScenarioPlan(list(services.keys), remove, move_targets, add_keys)
        except ScenarioError as error:
            raise InputError(tr("Scenario: {}").format(error)) from None
        ages, age_fields = self._ages(origins, feedback)
        fields = services.points.features[0].fields() if services.points.features else None
        service_name_field = None
        if fields is not None:
            lower = {f.lower(): f for f in fields.names()}
            service_name_field = next((lower[n] for n in SERVICE_NAME_FIELDS if n in lower), None)
        names = [None] * len(services.points)
        if service_name_field:
            for i, feature in enumerate(services.points.features):
                value = feature[service_name_field]
                names[i] = str(value) if value is not None and str(value) not in ("", "NULL") else None
        combined_xy = np.vstack([services.points.xy, np.asarray(move_xy).reshape(-1, 2),
                                 np.asarray(add_xy).reshape(-1, 2)])
        combined_ids = [int(f) for f in fids] + [int(fids[t]) for t in move_targets] + [None] * len(add_keys)
        extra = [s for s in (move_snapped, add_snapped) if s is not None]
        return Prepared(net, services, origins, places, name_field, bands, spending, plan, combined_xy,
                        combined_ids, extra, ages, age_fields, names + [names[t] for t in move_targets]
                        + [None] * len(add_keys), max_snap)

    # -- the run -------------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        try:
            prep = self._prepare(parameters, context, feedback)
        except InputError as error:
            self.fail(str(error), feedback)
        feedback.setProgress(30)
        analysis, _places = self._analyse(prep, feedback)
        if analysis is None:
            self.fail(tr("Cancelled: no output was written."), feedback)
        feedback.setProgress(85)
        labels = _type_labels(list(analysis_types(prep.services.groups, prep.plan)))
        metadata = self._run_metadata(parameters, context, prep)
        try:
            out = self._write(parameters, context, feedback, prep, analysis, labels, metadata)
            html = self._report(parameters, context, feedback, prep, analysis, labels, metadata)
        except QgsProcessingException:
            self._discard_outputs()
            raise
        except (OSError, InputError) as error:
            self._discard_outputs()
            self.fail(tr("Could not write the report: {}").format(error), feedback)
        if html is not None:
            out[OUTPUT_HTML] = html
        self.place_outputs({out.get(OUTPUT): "placeanalysis", out.get(OUTPUT_POINTS): "placeanalysis_points"},
                           tr("Current-state analysis") + " " + run_label(prep.places))
        feedback.setProgress(100)
        return self.written(out)

    def _analyse(self, prep: Prepared, feedback):
        net, services, origins = prep.net, prep.services, prep.origins
        n_cells = len(origins.points)
        max_snap = prep.max_snap
        mask = net.edge_mask[net.network.seg_edge]
        seg0, seg1 = net.network.seg_xy0[mask], net.network.seg_xy1[mask]
        rep_xy = np.array([representative_xy(p.geometry) for p in prep.places], dtype=float).reshape(-1, 2)
        rep_snapped = snap_points(net.network, rep_xy, max_snap, index=net.index)
        anchor_xy, anchor_owner = [], []
        for i, place in enumerate(prep.places):
            crossings = boundary_crossings(place.geometry, seg0, seg1)
            if not len(crossings) and rep_snapped.ok[i]:
                crossings = rep_xy[i:i + 1]
                feedback.pushInfo(tr("{}: no road crosses the place's boundary; the travel-time bands are measured to "
                                     "its representative point.").format(place.name))
            anchor_xy.append(crossings)
            anchor_owner.append(np.full(len(crossings), i))
        anchor_xy = np.vstack(anchor_xy) if anchor_xy else np.zeros((0, 2))
        anchor_owner = np.concatenate(anchor_owner) if anchor_owner else np.zeros(0, np.int64)
        anchors = snap_points(net.network, anchor_xy, max_snap, index=net.index)
        service_parts = [services.snapped, *prep.extra_snapped, anchors]
        graph = AccessGraph(net.network, concat_snapped(service_parts), concat_snapped([origins.snapped, rep_snapped]),
                            net.access_speed_kmh)
        first_anchor = prep.plan.n_total
        access_ms = net.access_speed_kmh / 3.6
        places = []
        for i, place in enumerate(prep.places):
            cells = np.flatnonzero(inside_mask(place.geometry, origins.points.xy))
            entry = inside_mask(place.geometry, origins.snapped.xy) & origins.snapped.ok
            entry[cells] = False
            entry_cells = np.flatnonzero(entry)
            own = np.flatnonzero((anchor_owner == i) & anchors.ok)
            if not len(cells) and not rep_snapped.ok[i]:
                feedback.pushWarning(tr("{}: no population cell lies inside it and its representative point is off the "
                                        "network; its travel times are NULL.").format(place.name))
            places.append(Place(
                place.name, cells, inside_mask(place.geometry, prep.combined_xy), first_anchor + own,
                n_cells + i if rep_snapped.ok[i] else -1, entry_cells,
                origins.snapped.dist_m[entry_cells] / access_ms / 60.0))
        population, n_missing = st.clean_population(origins.population, n_cells)
        if n_missing:
            feedback.pushWarning(tr("Population: {} origin(s) have no value and count as 0.").format(n_missing))

        def progress(fraction: float) -> bool:
            feedback.setProgress(30 + 55 * fraction)
            return not feedback.isCanceled()

        try:
            analysis = analyse_places(graph, n_cells, population, analysis_types(services.groups, prep.plan), places,
                                      prep.bands, prep.plan, ages=prep.ages, progress=progress)
        except Cancelled:
            return None, places
        feedback.pushInfo(tr("{} place(s), {} service type(s): {} shortest-path searches.").format(
            len(places), len(services.groups), analysis.searches))
        return analysis, places

    # -- outputs -------------------------------------------------------------------------------------
    def _maps(self, path: Path, prep: Prepared, analysis, labels, attribution, feedback) -> list:
        """A PNG per place next to the report; a map that fails is a warning, never a failed analysis."""
        from ...layouts.placemap import PlaceMaps, save_png

        maps: list[Optional[bytes]] = [None] * len(prep.places)
        try:
            drawer = PlaceMaps(map_layers(prep, analysis, labels, attribution))
        except Exception as error:  # noqa: BLE001 - a map must never sink the analysis
            feedback.pushWarning(tr("The maps could not be drawn ({}); the report has no maps.").format(error))
            return maps
        # PNG encoding (a third of a map's time) overlaps with drawing the next map.
        pending: list[tuple[int, Path, Future]] = []
        try:
            with ThreadPoolExecutor(max_workers=1) as encoder:
                for i, place in enumerate(prep.places):
                    if feedback.isCanceled():
                        raise QgsProcessingException(tr("Cancelled: no output was written."))
                    png = path.with_name(f"{path.stem}_karta_{i + 1}.png")
                    self._written.append(str(png))
                    try:
                        pending.append((i, png, encoder.submit(save_png, drawer.render_image(i), png)))
                    except Exception as error:  # noqa: BLE001 - a map must never sink the analysis
                        self._map_failed(place.name, png, error, feedback)
                for i, png, future in pending:
                    try:
                        maps[i] = future.result()
                    except Exception as error:  # noqa: BLE001 - a map must never sink the analysis
                        self._map_failed(prep.places[i].name, png, error, feedback)
        finally:
            drawer.close()
        return maps

    def _map_failed(self, name: str, png: Path, error: Exception, feedback) -> None:
        feedback.pushWarning(tr("{}: the map could not be drawn ({}); the report has no map for it.").format(name, error))
        remove_output_file(str(png))
        if str(png) in self._written:
            self._written.remove(str(png))

    def _run_metadata(self, parameters, context, prep: Prepared) -> dict:
        spend = [c for c in prep.spending.categories if c.sek_per_capita is not None]
        inputs = self.input_attribution(parameters, context, [ROADS, SERVICES, ORIGINS, PLACE])
        attribution = inputs + [f"{c.label_en}: {c.source_text()}" for c in spend]
        params = {**prep.net.summary, "bands": ",".join(f"{b:g}" for b in prep.bands),
                  "classes": ",".join(f"{c:g}" for c in TVV_CLASS_LIMITS), "types": ",".join(prep.services.groups),
                  "population_field": self.parameterAsString(parameters, POPULATION_FIELD, context) or "",
                  "age_fields": ",".join(prep.age_fields), "place_name_field": prep.name_field or "",
                  "spending_file": prep.spending.path,
                  "spend": ", ".join(f"{c.category}={c.sek_per_capita:g} SEK ({c.year})" for c in spend),
                  "scenario_types": ",".join(prep.plan.affected_types())}
        return {"algorithm": self.ALG_ID, "attribution": attribution, "parameters": params, "inputs": inputs}

    def _write(self, parameters, context, feedback, prep: Prepared, analysis: PlaceAnalysis, labels, metadata):
        spec = output_spec(prep.bands)
        fields = table_fields(spec)
        rows = output_rows(analysis, prep, labels)
        geometries = [QgsGeometry(p.geometry) for p in prep.places]
        for g in geometries:
            g.convertToMultiType()

        def features():
            for place_index, values in rows:
                feature = QgsFeature(fields)
                feature.setGeometry(geometries[place_index])
                feature.setAttributes([value_or_none(v) for v in values])
                yield feature

        out = {OUTPUT: self.write_features(
            parameters, context, feedback, OUTPUT, fields, QgsWkbTypes.Type.MultiPolygon, prep.net.crs, features(),
            {**metadata, "title": tr("Current-state analysis per place and service type"),
             "abstract": tr("Population, service points, travel time, underlag and spending potential per place and "
                            "service type.")})}
        point_fields = table_fields(POINT_SPEC)

        def point_features():
            for values, xy in point_rows(analysis, prep, labels):
                feature = QgsFeature(point_fields)
                if np.isfinite(xy).all():
                    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(xy[0]), float(xy[1]))))
                feature.setAttributes([value_or_none(v) for v in values])
                yield feature

        out[OUTPUT_POINTS] = self.write_features(
            parameters, context, feedback, OUTPUT_POINTS, point_fields, QgsWkbTypes.Type.Point, prep.net.crs,
            point_features(), {**metadata, "title": tr("Current-state analysis: service points in the places"),
                               "abstract": tr("Each service point inside a place: its underlag and the travel time "
                                              "its people would have if it closed.")})
        return out

    def _report(self, parameters, context, feedback, prep: Prepared, analysis, labels, metadata) -> Optional[str]:
        if not parameters.get(OUTPUT_HTML) and self.is_optional_output(OUTPUT_HTML):
            return None
        from ...core.placereport import ReportInputs, render_report

        path = Path(self.parameterAsFileOutput(parameters, OUTPUT_HTML, context))
        if path.suffix.lower() not in (".html", ".htm"):
            path = path.with_suffix(".html")
        path.parent.mkdir(parents=True, exist_ok=True)
        maps: list[Optional[bytes]] = [None] * len(prep.places)
        if self.parameterAsBool(parameters, MAP, context) if MAP in parameters else True:
            maps = self._maps(path, prep, analysis, labels, metadata["inputs"], feedback)
        inputs = ReportInputs(
            places=[p.name for p in prep.places], labels=labels, mode=prep.net.mode,
            spending=prep.spending, service_names=prep.service_names, service_ids=prep.combined_ids,
            sources=metadata["inputs"], parameters=metadata["parameters"], maps=maps,
            age_fields=prep.age_fields)
        path.write_text(render_report(analysis, inputs), encoding="utf-8")
        self._written.append(str(path))
        feedback.pushInfo(tr("Report written: {}").format(path))
        return str(path)


def run_label(places) -> str:
    """The run's group name: the places' names ('Fredriksberg', 'Fredriksberg, Grängesberg …')."""
    names = [p.name for p in places]
    return ", ".join(names[:2]) + (" …" if len(names) > 2 else "")


def analysis_types(groups: dict, plan: ScenarioPlan) -> dict:
    """The existing types, then those only the scenario adds (no points today: their rows show the change).

    In the catalogue's order (groceries first, as Tillväxtverket lists them); unknown types last.
    """
    from ...layouts import catalogue

    types = dict(groups)
    for key in plan.affected_types():
        types.setdefault(key, np.zeros(0, np.int64))
    order = {key: i for i, key in enumerate(catalogue.service_types())}
    return {key: types[key] for key in sorted(types, key=lambda k: (order.get(k, len(order)), k))}


def shown_type(keys) -> Optional[str]:
    """The type a map shows: full-range groceries, else any grocery type, else the first."""
    keys = list(keys)
    if "dagligvaror_full" in keys:
        return "dagligvaror_full"
    return next((k for k in keys if k.startswith("dagligvaror")), keys[0] if keys else None)


def map_layers(prep: Prepared, analysis: PlaceAnalysis, labels, attribution):
    """What the maps show: everything within any place's map extent, copied once for the run."""
    from ...layouts.placemap import MapLayers, map_extent

    boxes = np.array([[e.xMinimum(), e.yMinimum(), e.xMaximum(), e.yMaximum()]
                      for e in (map_extent(p.geometry) for p in prep.places)])

    def near(xy: np.ndarray) -> np.ndarray:
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        with np.errstate(invalid="ignore"):
            hit = ((xy[:, None, 0] >= boxes[None, :, 0]) & (xy[:, None, 0] <= boxes[None, :, 2])
                   & (xy[:, None, 1] >= boxes[None, :, 1]) & (xy[:, None, 1] <= boxes[None, :, 3]))
        return np.flatnonzero(hit.any(axis=1))

    key = shown_type(prep.services.groups)
    cells = near(prep.origins.points.xy)
    minutes = analysis.minutes.get(key, np.full(len(prep.origins.points), np.nan))
    network = prep.net.network
    segments = near((network.seg_xy0 + network.seg_xy1) / 2.0)
    points = [s for s in near(prep.combined_xy) if s < prep.plan.n_existing and prep.services.keys[s] is not None]
    # The inset: the main roads (the fast ones, else all) of the whole network, so it shows where the place lies.
    with np.errstate(divide="ignore", invalid="ignore"):
        kmh = 3.6 * network.edge_length_m / np.minimum(network.edge_time_fwd_s, network.edge_time_bwd_s)
    main = np.nan_to_num(kmh[network.seg_edge]) >= OVERVIEW_MIN_KMH
    if main.sum() < 10:
        main[:] = True
    return MapLayers(
        prep.net.crs, [(p.name, p.geometry) for p in prep.places],
        [prep.origins.points.features[i].geometry() for i in cells], minutes[cells], labels.get(key, key or ""),
        network.seg_xy0[segments], network.seg_xy1[segments], prep.combined_xy[points],
        [prep.service_names[s] or labels.get(prep.services.keys[s], "") for s in points], attribution,
        network.seg_xy0[main], network.seg_xy1[main], network_extent(network.node_xy))


def _type_labels(keys) -> dict[str, str]:
    from ...layouts import catalogue

    return {key: catalogue.label(key, "sv") for key in keys}


def _f(x) -> Optional[float]:
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else float(x)


def output_rows(analysis: PlaceAnalysis, prep: Prepared, labels) -> list[tuple[int, list]]:
    """(place index, values in output_spec order) per place and service type."""
    rows = []
    for i, (feature, result) in enumerate(zip(prep.places, analysis.places)):
        inside = result.inside
        ages = list(inside.ages) if inside.ages is not None else [None] * len(AGE_GROUPS)
        for key, t in result.types.items():
            spend = prep.spending.per_capita(key)
            names = [_point_label(prep, int(s)) for s in t.inside_points]
            out = t.nearest_out
            values = [feature.fid, feature.name, key, labels.get(key, key), inside.population, inside.cells]
            values += [z.population for z in result.zones[1:]]
            values += ages
            values += [t.access.measured_from, len(t.inside_points), "; ".join(names),
                       t.access.mean_min, t.access.median_min, t.access.mean_km, t.access.median_km]
            values += list(t.access.class_share)
            values += [prep.combined_ids[out] if out >= 0 else None, _point_label(prep, out) if out >= 0 else None,
                       t.nearest_out_min, t.nearest_out_km, t.underlag_population, t.underlag_cells,
                       t.underlag_inside, t.closed_mean_min, t.closed_mean_km, t.closed_no_service,
                       spend, spend * inside.population if spend is not None else None,
                       spend * t.underlag_population if spend is not None else None]
            muni = analysis.municipality[key]
            values += list(muni.class_share) + [muni.mean_min, muni.median_min]
            if t.scenario is not None:
                scn = t.scenario
                values += [len(scn.inside_points), scn.access.mean_min, scn.access.median_min]
                values += list(scn.access.class_share)
                values += [scn.underlag_population, scn.delta_mean(t.access)]
            elif analysis.affected:  # a scenario ran but did not touch this type: unchanged
                values += [len(t.inside_points), t.access.mean_min, t.access.median_min]
                values += list(t.access.class_share)
                values += [t.underlag_population, 0.0]
            else:
                values += [None] * (3 + len(CLASS_KEYS) + 2)
            rows.append((i, [_f(v) if isinstance(v, (float, np.floating)) else v for v in values]))
    return rows


def point_rows(analysis: PlaceAnalysis, prep: Prepared, labels) -> list[tuple[list, np.ndarray]]:
    rows = []
    for point in analysis.points:
        feature = prep.places[point.place]
        spend = prep.spending.per_capita(point.key)
        values = [feature.fid, feature.name, point.key, labels.get(point.key, point.key),
                  prep.combined_ids[point.service], prep.service_names[point.service], point.status,
                  point.population, point.cells, point.population_inside, point.mean_min, point.max_min,
                  point.closed_mean_min, point.closed_mean_km, point.closed_no_service,
                  spend * point.population if spend is not None and np.isfinite(point.population) else None,
                  point.population_after]
        rows.append(([_f(v) if isinstance(v, (float, np.floating)) else v for v in values],
                     prep.combined_xy[point.service]))
    return rows


def _point_label(prep: Prepared, s: int) -> str:
    name = prep.service_names[s] if 0 <= s < len(prep.service_names) else None
    ident = prep.combined_ids[s] if 0 <= s < len(prep.combined_ids) else None
    if ident is None:
        return tr("new point") if not name else name
    return f"{name} ({ident})" if name else f"({ident})"


def place_analysis_parameters(place, roads, services, origins, population_field: str, output_dir, *,
                              type_field: Optional[str] = None, speed_field: Optional[str] = None,
                              class_field: Optional[str] = None, oneway_field: Optional[str] = None,
                              name_field: Optional[str] = None, mode: int = 0, stem: str = "nulagesanalys",
                              **extra) -> dict:
    """Parameters for processing.run('serviceperspektiv:placeanalysis', …) writing to ``output_dir``.

    ``place`` may be a layer, a path or a QgsProcessingFeatureSourceDefinition (e.g. the selected
    polygon only). Used by the panel and the demo, so that both run the same analysis in one call.
    """
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    params = {PLACE: place, ROADS: roads, SERVICES: services, ORIGINS: origins, POPULATION_FIELD: population_field,
              MODE: mode, OUTPUT: str(output_dir / f"{stem}.gpkg"),
              OUTPUT_POINTS: str(output_dir / f"{stem}_servicepunkter.gpkg"),
              OUTPUT_HTML: str(output_dir / f"{stem}.html")}
    for name, value in (("TYPE_FIELD", type_field), ("SPEED_FIELD", speed_field), ("CLASS_FIELD", class_field),
                        ("ONEWAY_FIELD", oneway_field), (PLACE_NAME_FIELD, name_field)):
        if value:
            params[name] = value
    params.update(extra)
    return params


def run_place_analysis(params: dict, context=None, feedback=None) -> dict:
    """Run the algorithm (e.g. with place_analysis_parameters) and return its results."""
    import processing

    return processing.run(f"serviceperspektiv:{PlaceAnalysisAlgorithm.ALG_ID}", params, context=context,
                          feedback=feedback)


ALGORITHMS = [PlaceAnalysisAlgorithm]
