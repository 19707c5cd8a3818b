"""Maps of the places for the place-analysis report: the layout builder's page, exported as PNG.

The layers are memory copies made once per run (the places, the population cells coloured by
travel time, the roads and the service points), in a project of their own, so that the planner's
project is never touched and the export works headless and off the main thread. The builder makes
the page once; each place then only moves the map and rewrites the title, which keeps a run with
30 places fast. The texts are Swedish, like the report the maps belong to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Sequence

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsGraduatedSymbolRenderer,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
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
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage

from ..adapters import fieldtypes as field_type
from ..definitions import NOT_REACHED_COLOUR, TVV_CLASS_LIMITS, class_styles
from ..i18n import tr
from .builder import LayoutError, LayoutRequest, build_layout
from .templates import ITEM_ATTRIBUTION, ITEM_MAP, ITEM_OVERVIEW, ITEM_SCALEBAR, ITEM_SUBTITLE, ITEM_TITLE

NOT_REACHED_MINUTES = 1e6  # NULL (no service reachable) is drawn as this, in the grey class
MIN_WIDTH_M = 3000.0
DPI = 96
PNG_QUALITY = 80  # Qt: higher = less zlib compression (80: about 85 kB a map at a third of the default's time)
ROAD_TILE_M = 1000.0
OVERVIEW_TILE_M = 10000.0


@dataclass
class MapLayers:
    """What every place's map shows (one copy for the whole run)."""

    crs: QgsCoordinateReferenceSystem
    places: Sequence[tuple[str, QgsGeometry]]  # (name, polygon) of every place
    cells: Sequence[QgsGeometry]  # the population cells near the places (their own geometry)
    cell_minutes: np.ndarray  # travel time of each to the shown type (NaN: none reachable)
    type_label: str
    road_xy0: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))  # road segments near the places
    road_xy1: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    service_xy: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    service_labels: Sequence[str] = ()
    attribution: Sequence[str] = ()
    overview_xy0: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))  # the main roads of the whole data
    overview_xy1: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    overview_extent: QgsRectangle | None = None  # what the inset shows: the whole data (the municipality)


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
    layer.dataProvider().createSpatialIndex()
    layer.updateExtents()
    return layer


def segments_geometry(xy0: np.ndarray, xy1: np.ndarray) -> QgsGeometry:
    """All segments as one MultiLineString, built as WKB in numpy (thousands of roads in one step)."""
    n = len(xy0)
    record = np.dtype([("order", "u1"), ("type", "<u4"), ("points", "<u4"), ("xy", "<f8", (4,))])
    parts = np.zeros(n, dtype=record)
    parts["order"], parts["type"], parts["points"] = 1, 2, 2  # little-endian LineString of two points
    parts["xy"] = np.column_stack([xy0, xy1])
    header = np.array([(1, 5, n)], dtype=[("order", "u1"), ("type", "<u4"), ("parts", "<u4")])
    geometry = QgsGeometry()
    geometry.fromWkb(header.tobytes() + parts.tobytes())
    return geometry


def _cells_layer(data: MapLayers) -> QgsVectorLayer | None:
    if not len(data.cells):
        return None
    polygons = QgsWkbTypes.geometryType(data.cells[0].wkbType()) == QgsWkbTypes.GeometryType.PolygonGeometry
    layer = _layer("MultiPolygon" if polygons else "Point", data.crs, f"Restid till {data.type_label.lower()}",
                   [("restid_min", field_type.DOUBLE)])
    rows = []
    for geometry, minutes in zip(data.cells, data.cell_minutes):
        geometry = QgsGeometry(geometry)
        if polygons:
            geometry.convertToMultiType()
        rows.append((geometry, [None if not np.isfinite(minutes) else float(minutes)]))
    _add(layer, rows)
    # Tillväxtverket's classes in the project's class colours (definitions.py); no service reachable is grey.
    bounds = (0.0, *TVV_CLASS_LIMITS, NOT_REACHED_MINUTES / 10)
    classes = [(bounds[i], bounds[i + 1], colour, label) for i, colour, label in class_styles(TVV_CLASS_LIMITS)]
    classes.append((NOT_REACHED_MINUTES / 10, NOT_REACHED_MINUTES * 10, NOT_REACHED_COLOUR, "Når ingen"))
    ranges = []
    for lower, upper, colour, text in classes:
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        symbol.setColor(QColor(colour))
        if polygons:
            symbol.symbolLayer(0).setStrokeColor(QColor(colour))
        ranges.append(QgsRendererRange(lower, upper, symbol, text))
    layer.setRenderer(QgsGraduatedSymbolRenderer(f'coalesce("restid_min", {NOT_REACHED_MINUTES:.0f})', ranges))
    layer.setOpacity(0.75)
    return layer


def _places_layer(data: MapLayers) -> QgsVectorLayer:
    layer = _layer("MultiPolygon", data.crs, "Orter", [("namn", field_type.STRING)])
    rows = []
    for name, geometry in data.places:
        geometry = QgsGeometry(geometry)
        geometry.convertToMultiType()
        rows.append((geometry, [name]))
    _add(layer, rows)
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": "#d7301f", "outline_width": "0.8"})))
    return layer


def _roads_layer(crs: QgsCoordinateReferenceSystem, xy0: np.ndarray, xy1: np.ndarray, name: str = "Vägar",
                 tile_m: float = ROAD_TILE_M, width: float = 0.3, simplify_m: float = 0.0) -> QgsVectorLayer | None:
    """Roads as one feature per tile; ``simplify_m`` > 0 joins the segments into lines and drops the
    vertices closer than that to them (a small-scale map: half a pixel is never seen)."""
    if not len(xy0):
        return None
    layer = _layer("MultiLineString", crs, name, [])
    # One feature per tile (a square kilometre): few features to add, and each map draws only its own tiles.
    mid = (xy0 + xy1) / 2.0
    tile = np.floor(mid / tile_m).astype(np.int64)
    _keys, which = np.unique(tile, axis=0, return_inverse=True)
    which = which.ravel()
    order = np.argsort(which, kind="stable")
    bounds = np.flatnonzero(np.r_[True, which[order][1:] != which[order][:-1], True])
    rows = [(segments_geometry(xy0[order[a:b]], xy1[order[a:b]]), []) for a, b in zip(bounds[:-1], bounds[1:])]
    if simplify_m > 0:
        rows = [(_simplified(geometry, simplify_m), values) for geometry, values in rows]
    _add(layer, rows)
    layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({"line_color": "#8c8c8c",
                                                                          "line_width": f"{width:g}"})))
    return layer


def _simplified(geometry: QgsGeometry, tolerance_m: float) -> QgsGeometry:
    simple = geometry.mergeLines().simplify(tolerance_m)
    if simple.isEmpty():
        return geometry
    simple.convertToMultiType()
    return simple


def _half_pixel_m(data: MapLayers, inset, dpi: int) -> float:
    """Half a pixel of the inset in metres, at the smallest extent it shows (the whole data); 0 if unknown."""
    extent = data.overview_extent
    size = inset.layout().convertToLayoutUnits(inset.sizeWithUnits())  # millimetres
    if extent is None or extent.isEmpty() or size.width() <= 0 or size.height() <= 0:
        return 0.0
    pixels_w, pixels_h = size.width() / 25.4 * dpi, size.height() / 25.4 * dpi
    return 0.5 * max(extent.width() / pixels_w, extent.height() / pixels_h)


def _services_layer(data: MapLayers) -> QgsVectorLayer | None:
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


def save_png(image: QImage, path: Path) -> bytes:
    """Encode ``image`` as PNG at ``path``; QImage is reentrant, so this may run in a worker thread."""
    path = Path(path)
    if image.isNull() or not image.save(str(path), "PNG", PNG_QUALITY):
        raise RuntimeError(tr("The image could not be written to {}.").format(path))
    return path.read_bytes()


def _fit(extent: QgsRectangle, item: QgsLayoutItemMap) -> QgsRectangle:
    """The extent grown to the map item's aspect ratio."""
    ratio = item.rect().width() / max(item.rect().height(), 1e-6)
    c = extent.center()
    width, height = extent.width(), extent.height()
    if width / max(height, 1e-6) > ratio:
        height = width / ratio
    else:
        width = height * ratio
    return QgsRectangle(c.x() - width / 2, c.y() - height / 2, c.x() + width / 2, c.y() + height / 2)


class PlaceMaps:
    """One layout for every place of a run: build once, then move the map per place and export."""

    def __init__(self, data: MapLayers, template: int = 1, dpi: int = DPI) -> None:
        if not data.places:
            raise RuntimeError(tr("There is no place to draw."))
        self.data = data
        self.dpi = dpi
        self.layers = [layer for layer in (_services_layer(data), _places_layer(data),
                                           _roads_layer(data.crs, data.road_xy0, data.road_xy1), _cells_layer(data))
                       if layer is not None]
        self.project = QgsProject()
        first_name, first_geometry = data.places[0]
        request = LayoutRequest(template=template, title=f"Nulägesanalys: {first_name}", layers=self.layers,
                                extent=map_extent(first_geometry), extent_crs=data.crs, area_name="",
                                layout_name=first_name, extra_attribution=list(data.attribution))
        if hasattr(request, "find_context"):
            request.find_context = False  # only the layers made here, never the planner's project
        try:
            self.layout = build_layout(self.project, request)
        except LayoutError as error:
            raise RuntimeError(str(error)) from None
        overview = self.layout.itemById(ITEM_OVERVIEW)
        if isinstance(overview, QgsLayoutItemMap):
            # The inset shows where the place lies in the whole data (the municipality): the places and the
            # main roads of all of it, drawn in tiles of 10 km and simplified to half the inset's pixel, so
            # that the inset, drawn again for every place, stays fast (it took as long as the main map).
            wide = _roads_layer(data.crs, data.overview_xy0, data.overview_xy1, "Vägar (översikt)", OVERVIEW_TILE_M,
                                0.2, simplify_m=_half_pixel_m(data, overview, dpi))
            if wide is not None:
                self.project.addMapLayer(wide, False)
            overview.setLayers([layer for layer in self.layers if layer.name() == "Orter"] + ([wide] if wide else []))
            overview.setKeepLayerSet(True)
        for item in self.layout.items():
            if isinstance(item, QgsLayoutItemLegend):
                # The template keeps half the panel for a statistics table; this map has none (the report has
                # the tables), so the legend may grow into it instead of being cut off. Swedish, like the report.
                item.setTitle("Teckenförklaring")
                item.setResizeToContents(True)
                item.adjustBoxSize()
        sources = self.layout.itemById(ITEM_ATTRIBUTION)
        if isinstance(sources, QgsLayoutItemLabel) and sources.text().startswith(tr("Sources") + ":"):
            sources.setText("Källor:" + sources.text()[len(tr("Sources")) + 1:])

    def _label(self, item_id: str, text: str) -> None:
        item = self.layout.itemById(item_id)
        if isinstance(item, QgsLayoutItemLabel):
            item.setText(text)

    def render(self, index: int, path: Path) -> bytes:
        """The map of place ``index`` as PNG (written to ``path``; the bytes are returned)."""
        return save_png(self.render_image(index), path)

    def render_image(self, index: int) -> QImage:
        """The page of place ``index`` as an image (layout work: in the layout's thread)."""
        name, geometry = self.data.places[index]
        map_item = self.layout.itemById(ITEM_MAP)
        if not isinstance(map_item, QgsLayoutItemMap):
            raise RuntimeError(tr("The layout template has no map item with the id '{}'.").format(ITEM_MAP))
        extent = map_extent(geometry)
        extent.scale(1.05)
        map_item.setExtent(_fit(extent, map_item))
        overview = self.layout.itemById(ITEM_OVERVIEW)
        if isinstance(overview, QgsLayoutItemMap):
            wide = QgsRectangle(map_item.extent())
            wide.scale(3.0)
            if self.data.overview_extent is not None:
                wide.combineExtentWith(self.data.overview_extent)
            overview.setExtent(_fit(wide, overview))
        scalebar = self.layout.itemById(ITEM_SCALEBAR)
        if isinstance(scalebar, QgsLayoutItemScaleBar):
            scalebar.update()
        self._label(ITEM_TITLE, f"Nulägesanalys: {name}")
        self._label(ITEM_SUBTITLE, f"{name} · restid till {self.data.type_label.lower()} · {date.today().isoformat()}")
        # Rendered to an image and saved by Qt: the exporter's own image export georeferences the file through
        # GDAL, which cannot update a PNG (a harmless but alarming "ERROR 6" on every run).
        image = QgsLayoutExporter(self.layout).renderPageToImage(0, QSize(), self.dpi)
        return image.convertToFormat(QImage.Format.Format_RGB32)  # an opaque page: no alpha to compress

    def close(self) -> None:
        self.project.layoutManager().removeLayout(self.layout)
        self.layers = []
