"""serviceperspektiv:fetchservices – service points from OSM (Overpass or a file) or a CSV register export."""
from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...adapters import fieldtypes as field_type
from ...adapters.layers import representative_point
from ...definitions import SERVICES_FILE_FILTER
from ...i18n import tr
from ...sources import settings
from ...sources.catalogue import Catalogue, load_catalogue, normalise_label
from ...sources.errors import SourceError
from ...sources.fetch import filter_keys, overpass_services, tags_json
from ...sources.osmtags import tags_from_fields
from ...sources.pointcsv import read_points
from ..base import ATTRIBUTION_OSM, ServiceperspektivAlgorithm
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
    point_geometry,
    resolve_area,
    transform,
)

SERVICE_TYPES = "SERVICE_TYPES"
TYPE_COLUMN = "TYPE_COLUMN"
SERVICE_TYPE = "SERVICE_TYPE"
SOURCES = ("OpenStreetMap via the Overpass API", "OSM extract file (.osm / .osm.pbf)",
           "Register file: Pipos Serviceanalys download (.xlsx) or any table (.xlsx, .xls, .ods, .csv) with "
           "coordinates and a type column")
SOURCE_KEYS = ("osm_overpass", "osm_file", "csv")  # 'csv' kept as the key of source 2 (scripts rely on it)
FILE_FILTER = SERVICES_FILE_FILTER


@dataclass
class Record:
    source_id: str
    x: float
    y: float
    crs: str
    types: list[str]
    name: str
    tags: str


def output_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in (("type", field_type.STRING), ("type_sv", field_type.STRING), ("name", field_type.STRING),
                       ("source", field_type.STRING), ("source_id", field_type.STRING), ("types", field_type.STRING),
                       ("tags", field_type.STRING)):
        fields.append(QgsField(name, kind))
    return fields


class FetchServicesAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "fetchservices"
    DISPLAY = "Fetch service points"
    GROUP = GROUP
    HELP = (
        "Fetches service points for the chosen service types (SERVICE_TYPES: comma-separated keys from the "
        "catalogue, empty = all) in an area (EXTENT, a polygon layer AREA, or a MUNICIPALITY by name or SCB "
        "code). SOURCE 0 asks the Overpass API (endpoint from the plugin settings or "
        "SERVICEPERSPEKTIV_OVERPASS_URL; answers are cached); 1 reads an OSM extract file; 2 reads a register file: "
        "a Pipos Serviceanalys download (.xlsx, one per service type, columns Serviceform, Huvudman, Namn, Adress, "
        "Postnummer, Postort, Kommun, Län, X, Y in SWEREF99 TM) or any .xlsx/.xls/.ods/.csv with coordinates and a "
        "type column; the type labels are mapped to the catalogue, and SERVICE_TYPE sets one type for the whole "
        "file (for forms such as Bankkassa that occur under several service types). Areas mapped as polygons become "
        "a point inside them. An element that is several services (a shop that is also a parcel agent) gives one "
        "point per type; 'types' lists them all. The output (EPSG:3006 by default) feeds 'Travel time to nearest "
        "service' with TYPE_FIELD = type."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        add_source_and_area_parameters(self, SOURCES)
        add_file_parameter(self, tr("Input file (OSM extract, or register file .xlsx/.xls/.ods/.csv; for sources 1 and 2)"),
                           FILE_FILTER)
        self.addParameter(QgsProcessingParameterString(
            SERVICE_TYPES, tr("Service types (comma-separated keys, empty = all)"), defaultValue="", optional=True))
        self.addParameter(QgsProcessingParameterString(
            SERVICE_TYPE, tr("Register file: one service type for the whole file (catalogue key, empty = from the "
                             "type column)"), optional=True))
        self.addParameter(advanced(QgsProcessingParameterString(
            TYPE_COLUMN, tr("Register file: type column (empty = detect, e.g. Serviceform)"), optional=True)))
        add_common_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, tr("Service points")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsEnum(parameters, SOURCE, context)
        catalogue = friendly_errors(self, feedback, load_catalogue)
        keys = friendly_errors(self, feedback, lambda: catalogue.select(
            self.parameterAsString(parameters, SERVICE_TYPES, context)))
        target = self.parameterAsCrs(parameters, CRS, context)
        if not target.isValid():
            target = QgsCoordinateReferenceSystem(SWEREF)

        def client():
            return make_client(self, parameters, context, feedback)

        area = friendly_errors(self, feedback, lambda: resolve_area(
            self, parameters, context, feedback, client, required=source == 0))
        if source == 0:
            records = friendly_errors(self, feedback, lambda: self._overpass(catalogue, keys, area, client(), feedback))
            attribution = [ATTRIBUTION_OSM]
        else:
            path = self.parameterAsFile(parameters, FILE, context)
            if not path:
                self.fail(tr("Choose the input file (FILE) for this source."), feedback)
            if source == 1:
                records = friendly_errors(self, feedback, lambda: self._osm_file(path, catalogue, keys, area, feedback))
                attribution = [ATTRIBUTION_OSM]
            else:
                column = self.parameterAsString(parameters, TYPE_COLUMN, context) or None
                whole = self.parameterAsString(parameters, SERVICE_TYPE, context).strip() or None
                records = friendly_errors(self, feedback, lambda: self._register(path, catalogue, column, whole,
                                                                                 feedback))
                attribution = [tr("Register export: {}").format(path.replace("\\", "/").split("/")[-1])]
        if feedback.isCanceled():
            self.fail(tr("Cancelled: no output was written."), feedback)
        fields = output_fields()
        features = list(self._features(records, keys, catalogue, area, target, fields, SOURCE_KEYS[source]))
        counts = {k: sum(1 for f in features if f["type"] == k) for k in keys}
        for key, count in counts.items():
            feedback.pushInfo(tr("{}: {} point(s)").format(key, count))
        if not features:
            feedback.pushWarning(tr("No service points were found in the area for the chosen types."))
        dest = self.write_features(
            parameters, context, feedback, OUTPUT, fields, QgsWkbTypes.Type.Point, target, features,
            metadata=metadata(self.ALG_ID, tr("Service points"), tr("Service points by type ({}).").format(
                SOURCE_KEYS[source]), attribution, {"source": SOURCE_KEYS[source], "types": ",".join(keys),
                                                     "area": area.label, **counts}))
        return {OUTPUT: dest}

    # -- sources ----------------------------------------------------------------------------
    def _overpass(self, catalogue: Catalogue, keys, area: Area, client, feedback) -> list[Record]:
        url = endpoint("overpass_url", feedback)
        filter_keys(catalogue, keys, feedback.pushWarning)
        points = overpass_services(client, url, area.wgs84(), catalogue, keys, float(settings.get("tile_km")),
                                   float(settings.get("overpass_429_wait_s")), feedback.pushInfo)
        return [Record(p.source_id, p.lon, p.lat, WGS84, p.types, p.name, tags_json(p.tags)) for p in points]

    def _osm_file(self, path: str, catalogue: Catalogue, keys, area: Area, feedback) -> list[Record]:
        filter_keys(catalogue, keys, feedback.pushWarning)
        layers = list(ogr_layers(path, ("points", "multipolygons")))
        if not layers:
            raise SourceError(f"GDAL could not read the OSM file {path}", f"GDAL kunde inte läsa OSM-filen {path}")
        records: list[Record] = []
        for name, layer in layers:
            request = QgsFeatureRequest()
            rect = area.rect_in(layer.crs())
            if rect is not None:
                request.setFilterRect(rect)
            field_names = layer.fields().names()
            for feature in layer.getFeatures(request):
                if feedback.isCanceled():
                    break
                values = {n: feature[n] for n in field_names if feature[n] is not None and str(feature[n]) != "NULL"}
                tags = tags_from_fields(values)
                types = catalogue.match_tags(tags, keys)
                if not types or not feature.hasGeometry():
                    continue
                point = representative_point(feature.geometry())
                if point is None:
                    continue
                osm_id = values.get("osm_id") or values.get("osm_way_id")
                kind = "node" if name == "points" else ("way" if values.get("osm_way_id") else "relation")
                records.append(Record(f"{kind}/{osm_id}", point[0], point[1], layer.crs().authid() or WGS84, types,
                                      tags.get("name", ""), tags_json(tags)))
        return records

    def _register(self, path: str, catalogue: Catalogue, column, service_type, feedback) -> list[Record]:
        data = read_points(path, catalogue, column, service_type)
        name = path.replace("\\", "/").split("/")[-1]
        feedback.pushInfo(tr("Register file {} ({}): {} point(s); type column: {}.").format(
            name, data.kind, len(data.points), data.type_column or "-"))
        if service_type:
            feedback.pushInfo(tr("Every point gets the type {} (SERVICE_TYPE).").format(service_type))
        elif data.file_type:
            feedback.pushInfo(tr("Service forms shared by several types (Bankkassa, Över disk hos ombud) are read as "
                                 "{}, from the file name.").format(data.file_type))
        for label, count in data.shared_defaulted.items():
            feedback.pushWarning(tr("{} point(s) with the service form '{}', which occurs under several service "
                                    "types, were read as {}. If the file is another service type's download, set "
                                    "SERVICE_TYPE.").format(count, label, catalogue.shared[normalise_label(label)][0]))
        if data.no_coordinates:
            feedback.pushWarning(tr("{} row(s) without coordinates were skipped.").format(data.no_coordinates))
        return [Record(p.source_id, p.x, p.y, p.crs, [p.type_key] if p.type_key else [], p.name,
                       tags_json(p.row)) for p in data.points]

    def _features(self, records: list[Record], keys, catalogue: Catalogue, area: Area, target, fields, source_key):
        transforms: dict[str, tuple] = {}
        for record in records:
            if record.crs not in transforms:
                transforms[record.crs] = (transform(record.crs, SWEREF), transform(SWEREF, target))
            to_sweref, to_target = transforms[record.crs]
            geometry = point_geometry(record.x, record.y)
            geometry.transform(to_sweref)
            if not area.contains(geometry):
                continue
            geometry.transform(to_target)
            for key in record.types:
                if key not in keys:
                    continue
                feature = QgsFeature(fields)
                feature.setGeometry(geometry)
                feature.setAttributes([key, catalogue.types[key].sv, record.name or None, source_key,
                                       record.source_id, ",".join(record.types), record.tags])
                yield feature


ALGORITHMS = [FetchServicesAlgorithm]
