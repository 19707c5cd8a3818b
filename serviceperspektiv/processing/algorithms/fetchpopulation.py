"""serviceperspektiv:fetchpopulation – SCB's open 1 km population grid (WFS or GeoPackage) or the user's own grid."""
from __future__ import annotations

import json

from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ...adapters import fieldtypes as field_type
from ...i18n import tr
from ...sources import settings
from ...sources.errors import SourceError
from ...sources.fetch import scb_grid, scb_newest_year
from ...sources.scb import SEX_NAMES, GridCell, bands_off_total, cells_from_geojson
from ..base import ATTRIBUTION_SCB, ServiceperspektivAlgorithm
from .fetchshared import (
    CRS,
    FILE,
    GROUP,
    OUTPUT,
    SOURCE,
    SWEREF,
    Area,
    add_common_parameters,
    add_file_parameter,
    add_source_and_area_parameters,
    endpoint,
    friendly_errors,
    make_client,
    metadata,
    resolve_area,
    transform,
)

YEAR = "YEAR"
GRID = "GRID"
POPULATION_FIELD = "POPULATION_FIELD"
SOURCES = ("SCB open 1 km grid via SCB's geodata WFS", "SCB grid GeoPackage (local file)",
           "Your own grid or point layer with a population field")
SOURCE_KEYS = ("scb_wfs", "scb_file", "own_grid")
DEFAULT_YEAR = 0  # the newest year the WFS offers


def _band_order(name: str) -> int:
    digits = "".join(c if c.isdigit() else " " for c in name).split()
    return int(digits[0]) if digits else 999


def output_fields(bands: list[str], sexes: list[str] = ()) -> QgsFields:
    fields = QgsFields()
    fields.append(QgsField("cell_id", field_type.STRING))
    fields.append(QgsField("pop", field_type.DOUBLE))
    for name in sexes:
        fields.append(QgsField(name, field_type.DOUBLE))
    for band in bands:
        fields.append(QgsField(band, field_type.DOUBLE))
    return fields


def _geometry(geojson: dict) -> QgsGeometry:
    ogr_geometry = ogr.CreateGeometryFromJson(json.dumps(geojson))
    if ogr_geometry is None:
        return QgsGeometry()
    geometry = QgsGeometry()
    geometry.fromWkb(bytes(ogr_geometry.ExportToIsoWkb()))
    return geometry


class FetchPopulationAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "fetchpopulation"
    DISPLAY = "Fetch population grid"
    GROUP = GROUP
    HELP = (
        "Population per grid cell in an area. SOURCE 0 asks SCB's geodata WFS for the open 1 km grid "
        "(stat:befolkning_1km_<YEAR>; YEAR 0 = the newest year the server offers, read once from GetCapabilities) "
        "(GetFeature, GeoJSON, bbox in EPSG:3006, paged with startIndex/count sorted by rutid_scb; endpoint and "
        "layer name in the settings or SERVICEPERSPEKTIV_SCB_WFS_URL; answers are cached); 1 reads SCB's grid "
        "GeoPackage; 2 uses your own grid or points (e.g. a 250 m grid held under agreement) with its population "
        "field. Output: 'pop' (beftotalt), 'kvinna' and 'man', and every five-year age band SCB provides, "
        "age_0_4 ... age_95_99 and age_100plus (older vintages' ald0_5 ... ald95_100 get the same names), so the "
        "bands add up to 'pop'. SCB may adjust values below 4 for confidentiality. Use 'pop' as POPULATION_FIELD "
        "in 'Travel time to nearest service'."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        add_source_and_area_parameters(self, SOURCES)
        self.addParameter(QgsProcessingParameterNumber(
            YEAR, tr("Year (SCB grid; 0 = the newest the server offers)"), QgsProcessingParameterNumber.Type.Integer,
            DEFAULT_YEAR, minValue=0, maxValue=2100))
        add_file_parameter(self, tr("SCB grid GeoPackage (source 1)"))
        self.addParameter(QgsProcessingParameterFeatureSource(
            GRID, tr("Own grid or points (source 2)"),
            [QgsProcessing.SourceType.TypeVectorPolygon, QgsProcessing.SourceType.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterField(
            POPULATION_FIELD, tr("Population field of the own layer (empty = detect)"), None, GRID,
            QgsProcessingParameterField.DataType.Numeric, optional=True))
        add_common_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, tr("Population grid")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsEnum(parameters, SOURCE, context)
        target = self.parameterAsCrs(parameters, CRS, context)
        if not target.isValid():
            target = QgsCoordinateReferenceSystem(SWEREF)

        def client():
            return make_client(self, parameters, context, feedback)

        area = friendly_errors(self, feedback, lambda: resolve_area(
            self, parameters, context, feedback, client, required=source == 0))
        year = self.parameterAsInt(parameters, YEAR, context)
        wkb_type = QgsWkbTypes.Type.MultiPolygon
        if source == 0:
            cells, year = friendly_errors(self, feedback, lambda: self._wfs(area, year, client(), feedback))
            crs, attribution = SWEREF, [ATTRIBUTION_SCB]
        elif source == 1:
            path = self.parameterAsFile(parameters, FILE, context)
            if not path:
                self.fail(tr("Choose the SCB GeoPackage (FILE)."), feedback)
            layer = QgsVectorLayer(path, "scb", "ogr")
            if not layer.isValid():
                self.fail(tr("Could not open {}").format(path), feedback)
            cells = friendly_errors(self, feedback, lambda: self._layer(layer, area, None, feedback))
            crs, attribution = layer.crs().authid(), [ATTRIBUTION_SCB]
        else:
            layer = self.parameterAsVectorLayer(parameters, GRID, context)
            if layer is None:
                self.fail(tr("Choose your own grid layer (GRID)."), feedback)
            field = self.parameterAsString(parameters, POPULATION_FIELD, context) or None
            cells = friendly_errors(self, feedback, lambda: self._layer(layer, area, field, feedback))
            crs, attribution = layer.crs().authid(), [r for r in layer.metadata().rights() if r]
            if QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.GeometryType.PointGeometry:
                wkb_type = QgsWkbTypes.Type.MultiPoint
        if feedback.isCanceled():
            self.fail(tr("Cancelled: no output was written."), feedback)
        if all(c.total is None for c in cells) and cells:
            self.fail(tr("No population column was found. Choose POPULATION_FIELD."), feedback)
        bands = sorted({b for c in cells for b in c.bands}, key=_band_order)
        sexes = [name for name in SEX_NAMES if any(name in c.sex for c in cells)]
        fields = output_fields(bands, sexes)
        features = list(self._features(cells, bands, sexes, crs, area, target, fields))
        total = sum(f["pop"] or 0 for f in features)
        feedback.pushInfo(tr("{} cell(s), population {:.0f}, {} age band(s).").format(len(features), total, len(bands)))
        off = bands_off_total(cells)
        if off:
            feedback.pushWarning(tr("In {} cell(s) the age bands do not add up to the total; check the age columns.")
                                 .format(off))
        dest = self.write_features(
            parameters, context, feedback, OUTPUT, fields, wkb_type, target, features,
            metadata=metadata(self.ALG_ID, tr("Population grid"), tr("Population per grid cell ({}).").format(
                SOURCE_KEYS[source]), attribution, {"source": SOURCE_KEYS[source], "year": year, "area": area.label,
                                                    "cells": len(features), "population": total}))
        return {OUTPUT: dest}

    def _wfs(self, area: Area, year: int, client, feedback) -> tuple[list[GridCell], int]:
        url = endpoint("scb_wfs_url", feedback)
        template = str(settings.get("scb_wfs_layer"))
        if year <= 0 and "{year}" in template:
            year = scb_newest_year(client, url, template, feedback.pushInfo)
        layer = template.replace("{year}", str(year))
        feedback.pushInfo(tr("SCB WFS layer: {}").format(layer))
        rect = area.rect
        cells = scb_grid(client, url, layer, (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()),
                         int(settings.get("wfs_page_size")), feedback.pushInfo)
        return cells, year

    def _layer(self, layer: QgsVectorLayer, area: Area, field: str | None, feedback) -> list[GridCell]:
        """Cells from a layer: the same column recognition as for the WFS (GeoJSON-like properties)."""
        request = QgsFeatureRequest()
        rect = area.rect_in(layer.crs())
        if rect is not None:
            request.setFilterRect(rect)
        if field and layer.fields().lookupField(field) < 0:
            raise SourceError(f"The layer has no field '{field}'", f"Lagret saknar fältet '{field}'")
        names = layer.fields().names()
        features = []
        geometries = []
        for feature in layer.getFeatures(request):
            if feedback.isCanceled():
                break
            props = {n: (None if str(feature[n]) == "NULL" else feature[n]) for n in names}
            if field:
                props = {k: v for k, v in props.items() if k.lower() not in ("pop", "beftotalt", "totalt", "total")}
                props["pop"] = feature[field] if str(feature[field]) != "NULL" else None
            features.append({"type": "Feature", "id": feature.id(), "properties": props, "geometry": {}})
            geometries.append(QgsGeometry(feature.geometry()))
        cells = cells_from_geojson({"type": "FeatureCollection", "features": features})
        for cell, geometry in zip(cells, geometries):
            cell.geometry = {"qgs": geometry}
        return cells

    def _features(self, cells: list[GridCell], bands: list[str], sexes: list[str], crs: str, area: Area, target,
                  fields):
        to_sweref, to_target = transform(crs, SWEREF), transform(SWEREF, target)
        for cell in cells:
            geometry = cell.geometry.get("qgs") if "qgs" in cell.geometry else _geometry(cell.geometry)
            if geometry is None or geometry.isNull():
                continue
            geometry = QgsGeometry(geometry)
            geometry.transform(to_sweref)
            if not area.contains(geometry):
                continue
            geometry.transform(to_target)
            geometry.convertToMultiType()
            feature = QgsFeature(fields)
            feature.setGeometry(geometry)
            feature.setAttributes([cell.cell_id, cell.total, *[cell.sex.get(s) for s in sexes],
                                   *[cell.bands.get(b) for b in bands]])
            yield feature


ALGORITHMS = [FetchPopulationAlgorithm]
