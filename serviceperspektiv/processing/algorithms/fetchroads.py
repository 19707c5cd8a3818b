"""serviceperspektiv:fetchroads – a road network for one travel mode from OSM or Tillväxtverket's NVDB."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ...adapters import fieldtypes as field_type
from ...core.speeds import MODES, load_speed_table
from ...i18n import tr
from ...sources import settings
from ...sources.errors import SourceError
from ...sources.fetch import overpass_roads
from ...sources.osmtags import tags_from_fields
from ...sources.roads import (
    NETWORK_KEEP,
    NvdbColumns,
    NvdbTally,
    is_removed,
    lengths_differ,
    network_kept,
    nvdb_columns,
    nvdb_link,
    oneway_value,
    osm_road_allowed,
    osm_speeds,
    routable_classes,
)
from ..base import ATTRIBUTION_NVDB, ATTRIBUTION_OSM, ServiceperspektivAlgorithm
from ..common import MODE_LABELS
from .fetchshared import (
    CRS,
    FILE,
    GROUP,
    OUTPUT,
    SOURCE,
    SWEREF,
    WGS84,
    Area,
    add_common_parameters,
    add_file_parameter,
    add_source_and_area_parameters,
    advanced,
    endpoint,
    friendly_errors,
    make_client,
    metadata,
    ogr_layers,
    resolve_area,
    transform,
)

MODE = "MODE"
INCLUDE_REMOVED = "INCLUDE_REMOVED"
NETWORK = "NETWORK"
SOURCES = ("OpenStreetMap via the Overpass API", "OSM extract file (.osm / .osm.pbf)",
           "Tillväxtverket's processed NVDB GeoPackage (file or URL)")
SOURCE_KEYS = ("osm_overpass", "osm_file", "nvdb")
NETWORK_LABELS = ("All parts", "All except loose roads (networkGrp -1)", "Main network only (networkGrp 0)")


@dataclass
class Road:
    source_id: str
    geometry: QgsGeometry  # in ``crs``
    crs: str
    highway: str | None
    maxspeed: float | None  # along the digitised direction (km/h)
    oneway: str
    name: str | None
    network_grp: int | None = None
    remove_code: int | None = None
    maxspeed_backward: float | None = None  # against the digitised direction (km/h)
    extlen: float | None = None  # NVDB's own link length (m)


# 'maxspeed_backward' pairs with 'maxspeed': nearestservice finds it by the name (SPEED_FIELD + '_backward').
FIELD_SPEC = (("source_id", field_type.STRING), ("highway", field_type.STRING), ("maxspeed", field_type.DOUBLE),
              ("maxspeed_backward", field_type.DOUBLE), ("oneway", field_type.STRING), ("name", field_type.STRING),
              ("networkGrp", field_type.INT), ("RemoveCode", field_type.INT), ("extlen", field_type.DOUBLE))


def output_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in FIELD_SPEC:
        fields.append(QgsField(name, kind))
    return fields


def _line(coords) -> QgsGeometry:
    return QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in coords])


def _null(value):
    """None for NULL: PyQt5 builds give a null QVariant (it has isNull()), PyQt6 builds None."""
    if value is None:
        return None
    is_null = getattr(value, "isNull", None)
    return None if is_null is not None and is_null() else value


def _int_or_none(value) -> int | None:
    try:
        return None if value is None else int(float(value))
    except (TypeError, ValueError):
        return None


def _float_or_none(value) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


class FetchRoadsAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "fetchroads"
    DISPLAY = "Fetch road network"
    GROUP = GROUP
    HELP = (
        "Fetches the roads that the chosen travel mode (MODE) may use in an area. SOURCE 0 asks the Overpass API "
        "(way[highway], cached); 1 reads an OSM extract file; 2 reads Tillväxtverket's processed NVDB GeoPackage "
        "from FILE, or downloads it from the URL in the settings (SERVICEPERSPEKTIV_NVDB_URL). NVDB's networkGrp "
        "and RemoveCode columns are kept; roads with a 9000-series RemoveCode are left out unless INCLUDE_REMOVED "
        "is set, and NETWORK chooses which network parts to keep (loose roads are dropped by default). NVDB "
        "directions come from F_/B_ForbjudenFardriktning (links closed both ways are left out), speeds per "
        "direction from f_hogst_225/b_hogst_225, and ferries (Farjeled) get the ferry speed of road_speeds.json. "
        "The output has 'highway' (class), 'maxspeed' and 'maxspeed_backward' (km/h along and against the "
        "digitised direction) and 'oneway': use them as CLASS_FIELD, SPEED_FIELD and ONEWAY_FIELD in 'Travel "
        "time to nearest service', which picks up 'maxspeed_backward' by itself."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        add_source_and_area_parameters(self, SOURCES)
        add_file_parameter(self, tr("Input file (OSM extract, or NVDB GeoPackage path or URL)"))
        self.addParameter(QgsProcessingParameterEnum(MODE, tr("Travel mode"), [tr(m) for m in MODE_LABELS],
                                                     defaultValue=0))
        self.addParameter(advanced(QgsProcessingParameterBoolean(
            INCLUDE_REMOVED, tr("NVDB: keep roads with a 9000-series RemoveCode"), defaultValue=False)))
        self.addParameter(advanced(QgsProcessingParameterEnum(
            NETWORK, tr("NVDB: network parts to keep"), [tr(n) for n in NETWORK_LABELS], defaultValue=1)))
        add_common_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, tr("Roads")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsEnum(parameters, SOURCE, context)
        mode = MODES[self.parameterAsEnum(parameters, MODE, context)]
        target = self.parameterAsCrs(parameters, CRS, context)
        if not target.isValid():
            target = QgsCoordinateReferenceSystem(SWEREF)

        def client():
            return make_client(self, parameters, context, feedback)

        area = friendly_errors(self, feedback, lambda: resolve_area(
            self, parameters, context, feedback, client, required=source == 0))
        path = self.parameterAsFile(parameters, FILE, context) if parameters.get(FILE) else ""
        if source == 0:
            roads = friendly_errors(self, feedback, lambda: self._overpass(mode, area, client(), feedback))
            attribution = [ATTRIBUTION_OSM]
        elif source == 1:
            if not path:
                self.fail(tr("Choose the OSM extract file (FILE)."), feedback)
            roads = friendly_errors(self, feedback, lambda: self._osm_file(path, mode, area, feedback))
            attribution = [ATTRIBUTION_OSM]
        else:
            keep = NETWORK_KEEP[self.parameterAsEnum(parameters, NETWORK, context)]
            removed = self.parameterAsBool(parameters, INCLUDE_REMOVED, context)
            roads = friendly_errors(self, feedback, lambda: self._nvdb(path, mode, area, keep, removed, client,
                                                                      feedback))
            attribution = [ATTRIBUTION_NVDB]
        if feedback.isCanceled():
            self.fail(tr("Cancelled: no output was written."), feedback)
        fields = output_fields()
        features = list(self._features(roads, area, target, fields))
        feedback.pushInfo(tr("{} road(s) for mode {}.").format(len(features), mode))
        if not features:
            feedback.pushWarning(tr("No roads were found in the area for this mode."))
        dest = self.write_features(
            parameters, context, feedback, OUTPUT, fields, QgsWkbTypes.Type.MultiLineString, target, features,
            metadata=metadata(self.ALG_ID, tr("Road network"), tr("Roads for mode {} ({}).").format(
                mode, SOURCE_KEYS[source]), attribution, {"source": SOURCE_KEYS[source], "mode": mode,
                                                          "area": area.label, "roads": len(features)}))
        return {OUTPUT: dest}

    # -- sources ----------------------------------------------------------------------------
    def _overpass(self, mode: str, area: Area, client, feedback) -> list[Road]:
        url = endpoint("overpass_url", feedback)
        lines = overpass_roads(client, url, area.wgs84(), mode, float(settings.get("tile_km")),
                               float(settings.get("overpass_429_wait_s")), feedback.pushInfo)
        roads = []
        for line in lines:
            forward, backward = osm_speeds(line.tags)
            roads.append(Road(line.source_id, _line(line.coords), WGS84, line.tags.get("highway"), forward,
                              oneway_value(line.tags, mode), line.tags.get("name"), maxspeed_backward=backward))
        return roads

    def _osm_file(self, path: str, mode: str, area: Area, feedback) -> list[Road]:
        layers = list(ogr_layers(path, ("lines",)))
        if not layers:
            raise SourceError(f"GDAL could not read the OSM file {path}", f"GDAL kunde inte läsa OSM-filen {path}")
        classes = set(routable_classes(mode))
        roads: list[Road] = []
        for _, layer in layers:
            request = QgsFeatureRequest()
            rect = area.rect_in(layer.crs())
            if rect is not None:
                request.setFilterRect(rect)
            request.setFilterExpression('"highway" IS NOT NULL')
            names = layer.fields().names()
            for feature in layer.getFeatures(request):
                if feedback.isCanceled():
                    break
                tags = tags_from_fields({n: _null(feature[n]) for n in names})
                if not feature.hasGeometry() or not osm_road_allowed(tags, mode, classes):
                    continue
                forward, backward = osm_speeds(tags)
                roads.append(Road(f"way/{tags.get('osm_id') or _null(feature['osm_id'])}", QgsGeometry(feature.geometry()),
                                  layer.crs().authid() or WGS84, tags.get("highway"), forward,
                                  oneway_value(tags, mode), tags.get("name"), maxspeed_backward=backward))
        return roads

    def _nvdb(self, path: str, mode: str, area: Area, keep: str, include_removed: bool, client, feedback) -> list[Road]:
        location = path or str(settings.get("nvdb_url"))
        if not location:
            raise SourceError("Give the NVDB GeoPackage as FILE, or its URL in the settings (SERVICEPERSPEKTIV_NVDB_URL)",
                              "Ange NVDB-geopaketet som FILE, eller dess URL i inställningarna (SERVICEPERSPEKTIV_NVDB_URL)")
        if location.startswith(("http://", "https://")):
            feedback.pushInfo(tr("NVDB endpoint: {}").format(location))
            location = str(client().download(location, ".gpkg", label="NVDB"))
        if not Path(location).exists():
            raise SourceError(f"The NVDB file does not exist: {location}", f"NVDB-filen finns inte: {location}")
        layer = self._line_layer(location)
        cols = nvdb_columns(layer.fields().names())
        self._log_columns(cols, feedback)
        table = load_speed_table()
        request = QgsFeatureRequest()
        rect = area.rect_in(layer.crs())
        if rect is not None:
            request.setFilterRect(rect)
        request.setSubsetOfAttributes(cols.used(), layer.fields())
        metric = layer.crs().isValid() and not layer.crs().isGeographic()
        roads: list[Road] = []
        dropped = {"removed": 0, "network": 0}
        tally = NvdbTally()
        # Attributes by index: reading them by name costs more than the rest of the loop.
        columns = [(name, layer.fields().lookupField(name)) for name in cols.used()]
        for feature in layer.getFeatures(request):
            if feedback.isCanceled():
                break
            values = feature.attributes()
            row = {name: _null(values[index]) for name, index in columns}
            remove = row.get(cols.remove_code) if cols.remove_code else None
            grp = row.get(cols.network_grp) if cols.network_grp else None
            if not include_removed and is_removed(remove):
                dropped["removed"] += 1
                continue
            if not network_kept(grp, keep):
                dropped["network"] += 1
                continue
            geometry = feature.geometry()
            if geometry.isNull():
                continue
            link = nvdb_link(row, cols, mode, table, tally)
            if link is None:
                continue
            extlen = row.get(cols.length) if cols.length else None
            if metric and extlen is not None and lengths_differ(geometry.length(), extlen):
                tally.lengths_differ += 1
            roads.append(Road(f"nvdb/{feature.id()}", QgsGeometry(geometry), layer.crs().authid(), link.road_class,
                              link.maxspeed, link.oneway, None, _int_or_none(grp), _int_or_none(remove),
                              link.maxspeed_backward, _float_or_none(extlen)))
        self._log_tally(dropped, tally, table, mode, cols, feedback)
        return roads

    @staticmethod
    def _log_columns(cols: NvdbColumns, feedback) -> None:
        feedback.pushInfo(tr("NVDB columns used: {}").format(cols.describe()))
        if not (cols.forward_prohibited or cols.backward_prohibited or cols.direction):
            feedback.pushWarning(tr("NVDB: no direction columns (F_ForbjudenFardriktning/B_ForbjudenFardriktning) "
                                    "were found, so every link is taken as two-way."))
        if cols.forward_speed and not cols.backward_speed:
            feedback.pushWarning(tr("NVDB: no backward speed column (b_hogst_225) was found; the forward speed is "
                                    "used in both directions."))

    @staticmethod
    def _log_tally(dropped: dict, tally: NvdbTally, table, mode: str, cols: NvdbColumns, feedback) -> None:
        feedback.pushInfo(tr("NVDB: left out {} removed (9000-series RemoveCode), {} by network part, {} closed to "
                             "the mode.").format(dropped["removed"], dropped["network"], tally.mode))
        feedback.pushInfo(tr("NVDB directions: {} link(s) one-way along the digitised direction, {} one-way against "
                             "it, {} closed in both directions and left out.").format(
            tally.one_way_forward, tally.one_way_backward, tally.closed))
        if tally.motorway:
            feedback.pushInfo(tr("NVDB: {} motorway link(s) (typ_41 = 1) left out for mode {}.").format(
                tally.motorway, mode))
        if tally.ferries:
            feedback.pushInfo(tr("NVDB: {} ferry link(s) (Farjeled) at {} km/h ('ferry' in road_speeds.json).").format(
                tally.ferries, table.class_speed_kmh("ferry", mode)))
        if mode == "car":
            feedback.pushInfo(tr("NVDB speeds: {} open direction(s) with their own speed, {} took the other "
                                 "direction's speed, {} link(s) without any speed get the class default ({}) in "
                                 "routing.").format(tally.both_speeds, tally.other_direction, tally.class_default,
                                                    cols.road_class or "-"))
        if tally.lengths_differ:
            feedback.pushWarning(tr("NVDB: on {} link(s) the geometry length differs from extlen by more than 5 %; "
                                    "check the file's CRS.").format(tally.lengths_differ))

    @staticmethod
    def _line_layer(path: str) -> QgsVectorLayer:
        layer = QgsVectorLayer(path, "nvdb", "ogr")
        if layer.isValid() and QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.GeometryType.LineGeometry:
            return layer
        for sub in (layer.dataProvider().subLayers() if layer.isValid() else []):
            name = sub.split("!!::!!")[1] if "!!::!!" in sub else ""
            candidate = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
            if candidate.isValid() and QgsWkbTypes.geometryType(candidate.wkbType()) == QgsWkbTypes.GeometryType.LineGeometry:
                return candidate
        raise SourceError(f"No line layer in the NVDB file {path}", f"Inget linjelager i NVDB-filen {path}")

    def _features(self, roads: list[Road], area: Area, target, fields):
        transforms: dict[str, tuple] = {}
        for road in roads:
            if road.crs not in transforms:
                transforms[road.crs] = (transform(road.crs, SWEREF), transform(SWEREF, target))
            to_sweref, to_target = transforms[road.crs]
            geometry = QgsGeometry(road.geometry)
            geometry.transform(to_sweref)
            if not area.contains(geometry):
                continue
            geometry.transform(to_target)
            abstract = geometry.constGet().clone()
            abstract.dropZValue()
            abstract.dropMValue()
            geometry = QgsGeometry(abstract)
            geometry.convertToMultiType()
            feature = QgsFeature(fields)
            feature.setGeometry(geometry)
            feature.setAttributes([road.source_id, road.highway, road.maxspeed, road.maxspeed_backward, road.oneway,
                                   road.name, road.network_grp, road.remove_code, road.extlen])
            yield feature


ALGORITHMS = [FetchRoadsAlgorithm]
