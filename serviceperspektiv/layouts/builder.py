"""Build a print layout from a template and the result layers, and export it to PDF.

Shared by the exportmap algorithm and the dock. The layout is added to the project's layout
manager, so the planner can open and edit it in the layout designer afterwards.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsLayerTree,
    QgsLayoutExporter,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsMapLayer,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRenderContext,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtXml import QDomDocument

from ..adapters import fieldtypes as field_type
from ..i18n import tr
from . import catalogue
from .compat import enum
from .style import apply_time_classes
from .templates import (
    ITEM_ATTRIBUTION,
    ITEM_LEGEND,
    ITEM_LOGO,
    ITEM_MAP,
    ITEM_MUNICIPALITY,
    ITEM_NORTH,
    ITEM_OVERVIEW,
    ITEM_SCALEBAR,
    ITEM_STATS,
    ITEM_SUBTITLE,
    ITEM_TITLE,
    TEMPLATE_DIR,
    TEMPLATES,
)

GROUP_NAME = "Serviceperspektiv"
SETTING_TEMPLATE_DIR = "serviceperspektiv/template_dir"
SETTING_LOGO = "serviceperspektiv/logo_path"
SETTING_MUNICIPALITY = "serviceperspektiv/municipality_name"
POPULATION_FIELDS = ("pop", "population", "befolkning", "folkmangd", "beftotalt", "tot_pop", "invanare")
# Known attribution when a layer's metadata carries no rights but its fields show the source.
OSM_FIELDS = {"highway", "osm_id", "osm_type"}


class LayoutError(RuntimeError):
    """A layout could not be built or exported; the message says what to do."""


@dataclass
class LayoutRequest:
    template: int | str | Path = 1
    title: str = ""
    layers: Sequence[QgsMapLayer] = ()
    extent: QgsRectangle | None = None
    extent_crs: QgsCoordinateReferenceSystem | None = None
    atlas_by_type: bool = False
    area_name: str = ""
    type_key: str | None = None  # the type shown when not an atlas (default: the first)
    stats_layer: QgsVectorLayer | None = None
    context_layers: Sequence[QgsMapLayer] = ()  # background for the overview (roads, area)
    layout_name: str = ""
    extra_attribution: list[str] = field(default_factory=list)


# -- templates -----------------------------------------------------------------------------------
def template_path(template: int | str | Path) -> Path:
    """A house template in the override folder (settings) wins over the built-in one."""
    if isinstance(template, Path) or (isinstance(template, str) and template.endswith(".qpt")):
        path = Path(template)
        if not path.exists():
            raise LayoutError(tr("The layout template {} does not exist.").format(path))
        return path
    name = TEMPLATES[int(template)] if not isinstance(template, str) else template
    override = QgsSettings().value(SETTING_TEMPLATE_DIR, "", type=str)
    if override and (Path(override) / f"{name}.qpt").exists():
        return Path(override) / f"{name}.qpt"
    path = TEMPLATE_DIR / f"{name}.qpt"
    if not path.exists():
        raise LayoutError(tr("The layout template {} is missing. Reinstall the plugin.").format(path))
    return path


def load_template(project: QgsProject, path: Path, name: str) -> QgsPrintLayout:
    document = QDomDocument()
    if not document.setContent(path.read_text(encoding="utf-8")):
        raise LayoutError(tr("The layout template {} is not valid XML.").format(path))
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    _items, ok = layout.loadFromTemplate(document, QgsReadWriteContext())
    if not ok:
        raise LayoutError(tr("The layout template {} could not be read.").format(path))
    layout.setName(name)
    return layout


def unique_layout_name(project: QgsProject, base: str) -> str:
    manager = project.layoutManager()
    name, n = base, 2
    while manager.layoutByName(name) is not None:
        name = f"{base} ({n})"
        n += 1
    return name


# -- layers --------------------------------------------------------------------------------------
def result_layers_in_group(project: QgsProject, group_name: str = GROUP_NAME) -> list[QgsMapLayer]:
    """The visible layers of the project's "Serviceperspektiv" group (the default LAYERS)."""
    group = project.layerTreeRoot().findGroup(group_name)
    if group is None:
        return []
    return [node.layer() for node in group.findLayers() if node.layer() is not None and node.isVisible()]


def layer_types(layer: QgsMapLayer) -> list[str]:
    if not isinstance(layer, QgsVectorLayer):
        return []
    return catalogue.result_types([f.name() for f in layer.fields()])


def population_field(layer: QgsVectorLayer) -> str | None:
    names = {f.name().lower(): f.name() for f in layer.fields()}
    for candidate in POPULATION_FIELDS:
        if candidate in names:
            return names[candidate]
    return None


def attribution_lines(layers: Sequence[QgsMapLayer], extra: Sequence[str] = ()) -> list[str]:
    """Rights from the layers' metadata, without repeats; OSM data without rights still get credited."""
    lines: list[str] = []
    for layer in layers:
        rights = [r for r in layer.metadata().rights() if r]
        if not rights and isinstance(layer, QgsVectorLayer) and OSM_FIELDS & {f.name().lower() for f in layer.fields()}:
            rights = ["© OpenStreetMap contributors (ODbL)"]
        for right in rights:
            if right not in lines:
                lines.append(right)
    for right in extra:
        if right and right not in lines:
            lines.append(right)
    return lines


def _class_of(minutes: float) -> str:
    for upper, text in ((5, "< 5 min"), (10, "5–10 min"), (30, "10–30 min")):
        if minutes < upper:
            return text
    return "> 30 min"


def stats_table_layer(layers: Sequence[QgsMapLayer], stats: QgsVectorLayer | None,
                      only_type: str | None = None) -> QgsVectorLayer:
    """A small table (type, class, population, share) for the layout: servicegaps STATS when given,
    else summed from a nearestservice result in Tillväxtverket's classes."""
    table = QgsVectorLayer("None", tr("Statistics (layout)"), "memory")
    provider = table.dataProvider()
    provider.addAttributes([QgsField("type", field_type.STRING), QgsField("tjanst", field_type.STRING),
                            QgsField("klass", field_type.STRING), QgsField("befolkning", field_type.DOUBLE),
                            QgsField("andel", field_type.DOUBLE)])
    table.updateFields()
    language = catalogue.ui_language()
    rows: list[list] = []
    if stats is not None and stats.isValid():
        names = {f.name().lower(): f.name() for f in stats.fields()}
        iterator = stats.getFeatures()
        features = list(iterator)
        iterator.close()  # an OGR iterator left open past QGIS's exit crashes the interpreter
        for feature in features:
            key = str(feature[names["type"]]) if "type" in names else ""
            if only_type and key != only_type:
                continue  # a small table: the type on the map only
            rows.append([key, catalogue.label(key, language),
                         _class_label(feature[names["class"]]) if "class" in names else "",
                         float(feature[names["population"]] or 0) if "population" in names else None,
                         round(float(feature[names["share_pct"]] or 0), 1) if "share_pct" in names else None])
    else:
        for layer in layers:
            types = layer_types(layer)
            if not types:
                continue
            pop = population_field(layer)
            for key in types:
                if only_type and key != only_type:
                    continue
                totals = {text: 0.0 for *_r, text in _CLASSES}
                totals[tr("Not reached")] = 0.0
                iterator = layer.getFeatures()
                features = list(iterator)
                iterator.close()
                for feature in features:
                    weight = float(feature[pop] or 0) if pop else 1.0
                    value = feature[f"{key}_min"]
                    cls = tr("Not reached") if _is_null(value) else _class_of(float(value))
                    totals[cls] += weight
                whole = sum(totals.values()) or 1.0
                for cls, value in totals.items():
                    if value > 0:
                        rows.append([key, catalogue.label(key, language), cls, round(value), round(100 * value / whole, 1)])
            break
    for row in rows:
        feature = QgsFeature(table.fields())
        feature.setAttributes(row)
        provider.addFeature(feature)
    return table


def _class_label(value) -> str:
    """STATS class values are stable ASCII ('unreachable'); the map shows them in the UI language."""
    text = str(value)
    return tr("Not reached") if text == "unreachable" else text


_CLASSES = ((0, 5, "< 5 min"), (5, 10, "5–10 min"), (10, 30, "10–30 min"), (30, 1e9, "> 30 min"))


def _is_null(value) -> bool:
    """NULL from a provider: None, a null QVariant, or NaN."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def _combined_extent(layers: Sequence[QgsMapLayer], crs: QgsCoordinateReferenceSystem, project: QgsProject) -> QgsRectangle:
    extent = QgsRectangle()
    for layer in layers:
        rect = layer.extent()
        if rect.isEmpty() and not rect.isNull():
            rect = rect.buffered(500)
        if layer.crs() != crs and layer.crs().isValid():
            rect = QgsCoordinateTransform(layer.crs(), crs, project.transformContext()).transformBoundingBox(rect)
        if extent.isNull() or extent.isEmpty():
            extent = QgsRectangle(rect)
        else:
            extent.combineExtentWith(rect)
    return extent


def _map_crs(project: QgsProject, layers: Sequence[QgsMapLayer]) -> QgsCoordinateReferenceSystem:
    crs = project.crs()
    if crs.isValid() and not crs.isGeographic():
        return crs
    for layer in layers:
        if layer.crs().isValid() and not layer.crs().isGeographic():
            return layer.crs()
    return QgsCoordinateReferenceSystem("EPSG:3006")


def _fit(extent: QgsRectangle, map_item: QgsLayoutItemMap) -> QgsRectangle:
    """Grow the extent to the map item's aspect ratio, with a small margin."""
    rect = QgsRectangle(extent)
    rect.scale(1.05)
    ratio = map_item.rect().width() / max(map_item.rect().height(), 1e-6)
    if rect.width() / max(rect.height(), 1e-6) > ratio:
        grow = rect.width() / ratio
        return QgsRectangle(rect.xMinimum(), rect.center().y() - grow / 2, rect.xMaximum(), rect.center().y() + grow / 2)
    grow = rect.height() * ratio
    return QgsRectangle(rect.center().x() - grow / 2, rect.yMinimum(), rect.center().x() + grow / 2, rect.yMaximum())


def _nice_segment_km(map_width_m: float, map_width_mm: float, bar_mm: float = 55.0, segments: int = 2) -> float:
    """The largest round segment length whose bar fits in ``bar_mm`` on the page (left of the sources)."""
    km_per_mm = map_width_m / 1000.0 / max(map_width_mm, 1.0)
    limit = bar_mm * km_per_mm / segments
    steps = (0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200)
    fitting = [step for step in steps if step <= limit]
    return float(fitting[-1] if fitting else steps[0])


# -- building ------------------------------------------------------------------------------------
def build_layout(project: QgsProject, request: LayoutRequest) -> QgsPrintLayout:
    """Load the template, fill every known item and register the layout in the project."""
    layers = [layer for layer in request.layers if layer is not None and layer.isValid()]
    if not layers:
        raise LayoutError(tr("There are no result layers to put on the map. Run an analysis first, or choose layers."))
    path = template_path(request.template)
    name = unique_layout_name(project, request.layout_name or request.title or tr("Serviceperspektiv map"))
    layout = load_template(project, path, name)
    language = catalogue.ui_language()
    result = [layer for layer in layers if layer_types(layer)]
    types = layer_types(result[0]) if result else []
    preferred = request.type_key if request.type_key in types else ("dagligvaror_full" if "dagligvaror_full" in types else None)
    shown_type = preferred or (types[0] if types else None)

    map_layers = list(layers)
    if result and request.atlas_by_type:
        # Atlas: a clone per result layer whose renderer follows the page's type; the project's own
        # layer keeps its style.
        map_layers = []
        for layer in layers:
            if layer in result:
                clone = layer.clone()
                clone.setName(layer.name())
                apply_time_classes(clone, shown_type or layer_types(layer)[0], atlas=True)
                project.addMapLayer(clone, False)
                map_layers.append(clone)
            else:
                map_layers.append(layer)
    else:
        for layer in result:
            if layer.renderer() is None or layer.renderer().type() == "singleSymbol":
                apply_time_classes(layer, shown_type or layer_types(layer)[0])

    crs = _map_crs(project, layers)
    map_item = layout.itemById(ITEM_MAP)
    if not isinstance(map_item, QgsLayoutItemMap):
        raise LayoutError(tr("The template {} has no map item with the id '{}'.").format(path.name, ITEM_MAP))
    map_item.setCrs(crs)
    map_item.setLayers(map_layers)
    map_item.setKeepLayerSet(True)
    if request.extent is not None and not request.extent.isEmpty():
        extent = QgsRectangle(request.extent)
        if request.extent_crs is not None and request.extent_crs.isValid() and request.extent_crs != crs:
            extent = QgsCoordinateTransform(request.extent_crs, crs, project.transformContext()).transformBoundingBox(extent)
    else:
        extent = _combined_extent(layers, crs, project)
    if extent.isNull() or extent.isEmpty():
        raise LayoutError(tr("The result layers have no extent (are they empty?)."))
    map_item.setExtent(_fit(extent, map_item))  # zoomToExtent fails while the item's extent is unset

    overview = layout.itemById(ITEM_OVERVIEW)
    if isinstance(overview, QgsLayoutItemMap):
        overview.setCrs(crs)
        background = [lyr for lyr in request.context_layers if lyr is not None and lyr.isValid()] or map_layers
        overview.setLayers(background)
        overview.setKeepLayerSet(True)
        overview.overview().setLinkedMap(map_item)
        wide = QgsRectangle(map_item.extent())
        wide.scale(3.0)
        overview.setExtent(_fit(wide, overview))

    for item_id in (ITEM_NORTH,):
        picture = layout.itemById(item_id)
        if isinstance(picture, QgsLayoutItemPicture):
            picture.setLinkedMap(map_item)

    scalebar = layout.itemById(ITEM_SCALEBAR)
    if isinstance(scalebar, QgsLayoutItemScaleBar):
        scalebar.setLinkedMap(map_item)
        scalebar.setUnits(enum((Qgis, "DistanceUnit", "Kilometers"), _units(), "DistanceKilometers"))
        scalebar.setUnitLabel("km")
        scalebar.setUnitsPerSegment(_nice_segment_km(map_item.extent().width(), map_item.rect().width()))
        scalebar.update()

    legend = layout.itemById(ITEM_LEGEND)
    if isinstance(legend, QgsLayoutItemLegend):
        legend.setLinkedMap(map_item)
        legend.setTitle(tr("Legend"))
        legend.setAutoUpdateModel(False)
        root: QgsLayerTree = legend.model().rootGroup()
        root.removeAllChildren()
        for layer in map_layers:
            node = root.addLayer(layer)
            if layer_types(layer):
                # The legend's own label; renaming the node would rename the layer.
                node.setCustomProperty("legend/title-label", tr("Travel time (min)"))
        legend.adjustBoxSize()
        legend.updateLegend()

    date_text = date.today().isoformat()
    type_text = catalogue.label(shown_type, language) if shown_type else ""
    atlas_layer = None
    if request.atlas_by_type and types:
        atlas_layer = _atlas_layer(types, language, map_item.extent(), crs)
        project.addMapLayer(atlas_layer, False)
        type_text = "[% attribute(@atlas_feature, 'namn') %]"
    subtitle = " · ".join(part for part in (request.area_name, type_text, date_text) if part)
    municipality = QgsSettings().value(SETTING_MUNICIPALITY, "", type=str) or request.area_name
    _set_label(layout, ITEM_TITLE, request.title or tr("Access to everyday service"))
    _set_label(layout, ITEM_SUBTITLE, subtitle)
    _set_label(layout, ITEM_MUNICIPALITY, municipality)
    rights = attribution_lines(list(layers) + list(request.context_layers), request.extra_attribution)
    _set_label(layout, ITEM_ATTRIBUTION, (tr("Sources") + ": " + "; ".join(rights)) if rights else "")

    logo = layout.itemById(ITEM_LOGO)
    if isinstance(logo, QgsLayoutItemPicture):
        logo_path = QgsSettings().value(SETTING_LOGO, "", type=str)
        if logo_path and Path(logo_path).exists():
            logo.setPicturePath(logo_path)
        else:
            logo.setVisibility(False)  # no empty box on the map; the designer can still show it

    _fill_stats(layout, project, result, request.stats_layer, atlas=atlas_layer is not None,
                only_type=None if atlas_layer is not None else shown_type)

    if atlas_layer is not None:
        atlas = layout.atlas()
        atlas.setCoverageLayer(atlas_layer)
        atlas.setPageNameExpression('"type"')
        atlas.setFilenameExpression("'serviceperspektiv_' || \"type\"")
        atlas.setHideCoverage(True)
        atlas.setEnabled(True)
        map_item.setAtlasDriven(False)

    project.layoutManager().addLayout(layout)
    return layout


def _units():
    from qgis.core import QgsUnitTypes

    return QgsUnitTypes


def _set_label(layout: QgsPrintLayout, item_id: str, text: str) -> None:
    item = layout.itemById(item_id)
    if isinstance(item, QgsLayoutItemLabel):
        item.setText(text)


def _atlas_layer(types: list[str], language: str, extent: QgsRectangle, crs: QgsCoordinateReferenceSystem) -> QgsVectorLayer:
    """One feature per service type: the atlas's pages (the map does not move between pages)."""
    layer = QgsVectorLayer(f"Polygon?crs={crs.authid() or 'EPSG:3006'}", tr("Atlas pages (service types)"), "memory")
    layer.dataProvider().addAttributes([QgsField("type", field_type.STRING), QgsField("namn", field_type.STRING)])
    layer.updateFields()
    for key in types:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromRect(extent))
        feature.setAttributes([key, catalogue.label(key, language)])
        layer.dataProvider().addFeature(feature)
    return layer


def _fill_stats(layout: QgsPrintLayout, project: QgsProject, result: list, stats: QgsVectorLayer | None, atlas: bool,
                only_type: str | None = None) -> None:
    frame = layout.itemById(ITEM_STATS)
    table = frame.multiFrame() if frame is not None and hasattr(frame, "multiFrame") else None
    if not isinstance(table, QgsLayoutItemAttributeTable):
        return
    if not result and stats is None:
        frame.setVisibility(False)
        return
    layer = stats_table_layer(result, stats, only_type)
    project.addMapLayer(layer, False)
    table.setVectorLayer(layer)
    columns = []
    one_type = len({f["tjanst"] for f in layer.getFeatures()}) <= 1
    frame_mm = frame.rect().width()
    for attribute, heading in (("tjanst", tr("Service")), ("klass", tr("Travel time")),
                               ("befolkning", tr("Population")), ("andel", tr("Share %"))):
        if attribute == "tjanst" and (atlas or one_type):
            continue  # the subtitle names the type (on each page)
        column = QgsLayoutTableColumn()
        column.setAttribute(attribute)
        column.setHeading(heading)
        if attribute == "tjanst":
            column.setWidth(frame_mm * 0.38)  # long type names wrap instead of running off the page
        columns.append(column)
    if hasattr(table, "setWrapBehavior"):
        table.setWrapBehavior(QgsLayoutTable.WrapText)
    table.setColumns(columns)
    table.setMaximumNumberOfFeatures(24)
    if atlas:
        table.setFilterFeatures(True)
        table.setFeatureFilter("\"type\" = @atlas_pagename")
    table.refresh()


# -- export --------------------------------------------------------------------------------------
def export_pdf(layout: QgsPrintLayout, path: str | Path, feedback=None) -> Path:
    """Vector PDF with real text; an enabled atlas gives one page per feature in one file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 200
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = True  # keep vectors even with transparency
    settings.textRenderFormat = enum((Qgis, "TextRenderFormat", "AlwaysText"), QgsRenderContext, "TextFormatAlwaysText")
    settings.exportMetadata = True
    success = enum((Qgis, "LayoutExportResult", "Success"), QgsLayoutExporter, "Success")
    if layout.atlas().enabled():
        result, error = QgsLayoutExporter.exportToPdf(layout.atlas(), str(path), settings)
    else:
        result = QgsLayoutExporter(layout).exportToPdf(str(path), settings)
        error = ""
    if result != success:
        raise LayoutError(tr("The PDF could not be written to {} ({}). Check that the folder is writable and the "
                             "file is not open in another program.").format(path, error or result))
    return path
