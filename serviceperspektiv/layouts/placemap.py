"""A map of one place for the place-analysis report: the layout builder's page, exported as a PNG.

The layers are memory copies made here (the place, its surroundings' cells coloured by travel
time, the roads and the service points), in a project of their own, so that the planner's project
is never touched and the export works headless and off the main thread. Its texts are Swedish,
like the report it belongs to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsGraduatedSymbolRenderer,
    QgsLayoutExporter,
    QgsLayoutItemLegend,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsRendererRange,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from ..adapters import fieldtypes as field_type
from ..i18n import tr
from .builder import LayoutError, LayoutRequest, build_layout

# Tillväxtverket's classes in the project's viridis ramp (light = near); no service reachable is grey.
CLASS_COLOURS = ((0.0, 5.0, "#fde725", "< 5 min"), (5.0, 10.0, "#35b779", "5–10 min"),
                 (10.0, 30.0, "#31688e", "10–30 min"), (30.0, 1e5, "#440154", "> 30 min"))
NOT_REACHED = (1e5, 1e7, "#bdbdbd")
MIN_WIDTH_M = 3000.0
DPI = 110


@dataclass
class PlaceMapData:
    name: str
    crs: QgsCoordinateReferenceSystem
    place: QgsGeometry
    cells: Sequence[QgsGeometry]  # the origins near the place (their own geometry)
    cell_minutes: np.ndarray  # travel time of each to the shown type (NaN: none reachable)
    type_label: str
    roads: Sequence[np.ndarray] = ()  # polylines (metres, same CRS)
    service_xy: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    service_labels: Sequence[str] = ()
    attribution: Sequence[str] = ()


def map_extent(place: QgsGeometry) -> QgsRectangle:
    """The place with a margin, at least MIN_WIDTH_M wide, so a small village shows its surroundings."""
    box = QgsRectangle(place.boundingBox())
    box.scale(1.6)
    if box.width() < MIN_WIDTH_M or box.height() < MIN_WIDTH_M:
        c = box.center()
        half = max(box.width(), box.height(), MIN_WIDTH_M) / 2.0
        box = QgsRectangle(c.x() - half, c.y() - half, c.x() + half, c.y() + half)
    return box


def _layer(kind: str, crs: QgsCoordinateReferenceSystem, name: str, fields: list[tuple[str, object]]) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{kind}?crs={crs.authid() or 'EPSG:3006'}", name, "memory")
    layer.dataProvider().addAttributes([QgsField(n, t) for n, t in fields])
    layer.updateFields()
    return layer


def _add(layer: QgsVectorLayer, rows: list[tuple[QgsGeometry, list]]) -> QgsVectorLayer:
    features = []
    for geometry, values in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(geometry)
        feature.setAttributes(values)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def _cells_layer(data: PlaceMapData) -> Optional[QgsVectorLayer]:
    if not len(data.cells):
        return None
    geometry_type = "Polygon" if data.cells[0].type() == _polygon_type() else "Point"
    name = f"Restid till {data.type_label.lower()}"
    layer = _layer(geometry_type, data.crs, name, [("restid_min", field_type.DOUBLE)])
    rows = [(QgsGeometry(g), [None if not np.isfinite(m) else float(m)]) for g, m in zip(data.cells, data.cell_minutes)]
    _add(layer, rows)
    ranges = []
    for lower, upper, colour, text in CLASS_COLOURS + (NOT_REACHED + ("Når ingen",),):
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        symbol.setColor(QColor(colour))
        if geometry_type == "Polygon":
            symbol.symbolLayer(0).setStrokeColor(QColor(colour))
        ranges.append(QgsRendererRange(lower, upper, symbol, text))
    layer.setRenderer(QgsGraduatedSymbolRenderer('coalesce("restid_min", 1000000)', ranges))
    layer.setOpacity(0.75)
    return layer


def _polygon_type():
    from qgis.core import QgsWkbTypes

    return QgsWkbTypes.GeometryType.PolygonGeometry


def _place_layer(data: PlaceMapData) -> QgsVectorLayer:
    layer = _layer("MultiPolygon", data.crs, data.name, [("namn", field_type.STRING)])
    geometry = QgsGeometry(data.place)
    geometry.convertToMultiType()
    _add(layer, [(geometry, [data.name])])
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": "#d7301f", "outline_width": "0.8"})))
    return layer


def _roads_layer(data: PlaceMapData) -> Optional[QgsVectorLayer]:
    if not len(data.roads):
        return None
    layer = _layer("LineString", data.crs, "Vägar", [])
    rows = [(QgsGeometry.fromPolylineXY([QgsPointXY(float(x), float(y)) for x, y in line]), []) for line in data.roads
            if len(line) >= 2]
    _add(layer, rows)
    layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({"line_color": "#8c8c8c", "line_width": "0.3"})))
    return layer


def _services_layer(data: PlaceMapData) -> Optional[QgsVectorLayer]:
    if not len(data.service_xy):
        return None
    layer = _layer("Point", data.crs, "Servicepunkter", [("namn", field_type.STRING)])
    rows = [(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))), [label])
            for (x, y), label in zip(data.service_xy, data.service_labels)]
    _add(layer, rows)
    layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
        {"name": "square", "color": "#e31a1c", "outline_color": "#ffffff", "size": "2.4"})))
    settings = QgsPalLayerSettings()
    settings.fieldName = "namn"
    text = QgsTextFormat()
    text.setSize(7)
    buffer = text.buffer()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    text.setBuffer(buffer)
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer


def place_map_png(data: PlaceMapData, path: Path, template: int = 1, dpi: int = DPI) -> bytes:
    """Build the layout for the place, export it as PNG to ``path`` and return the bytes."""
    layers = [layer for layer in (_services_layer(data), _place_layer(data), _roads_layer(data), _cells_layer(data))
              if layer is not None]
    project = QgsProject()
    for layer in layers:
        layer.setCrs(data.crs)
    request = LayoutRequest(template=template, title=f"Nulägesanalys: {data.name}",
                            layers=layers, extent=map_extent(data.place), extent_crs=data.crs, area_name=data.name,
                            layout_name=data.name, extra_attribution=list(data.attribution))
    if hasattr(request, "find_context"):
        request.find_context = False  # only the layers made here, never the planner's project
    try:
        layout = build_layout(project, request)
    except LayoutError as error:
        raise RuntimeError(str(error)) from None
    for item in layout.items():
        if isinstance(item, QgsLayoutItemLegend):
            # The template keeps half the panel for a statistics table; this map has none (the report has the
            # tables), so the legend may grow into it instead of being cut off.
            item.setResizeToContents(True)
            item.adjustBoxSize()
    # Rendered to an image and saved by Qt: the exporter's own image export georeferences the file through
    # GDAL, which cannot update a PNG (a harmless but alarming "ERROR 6" on every run).
    image = QgsLayoutExporter(layout).renderPageToImage(0, QSize(), dpi)
    path = Path(path)
    if image.isNull() or not image.save(str(path), "PNG"):
        raise RuntimeError(tr("The image could not be written to {}.").format(path))
    project.layoutManager().removeLayout(layout)
    return path.read_bytes()
