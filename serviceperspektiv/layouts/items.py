"""Filling the template's items (found by id): map, overview, scale bar, north arrow, legend, texts,
statistics table and the atlas of service types."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Sequence

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsLayerTree,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsMapLayer,
    QgsPrintLayout,
    QgsRectangle,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt

from .. import definitions as d
from ..adapters import fieldtypes as field_type
from ..adapters import layermeta
from ..adapters.compat import enum, layer_attribution
from ..adapters.resultstyle import class_limits_of, style_catchments
from ..i18n import tr
from . import catalogue
from .templates import (
    ITEM_ATTRIBUTION,
    ITEM_LEGEND,
    ITEM_LOGO,
    ITEM_MUNICIPALITY,
    ITEM_NORTH,
    ITEM_OVERVIEW,
    ITEM_SCALEBAR,
    ITEM_STATS,
    ITEM_SUBTITLE,
    ITEM_TITLE,
)

SETTING_LOGO = "serviceperspektiv/logo_path"
SETTING_MUNICIPALITY = "serviceperspektiv/municipality_name"
# Known attribution when a layer's metadata carries no rights but its fields show the source.
OSM_FIELDS = {"highway", "osm_id", "osm_type"}
ATTRIBUTION_OSM = "© OpenStreetMap contributors (ODbL)"


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


def nice_segment_km(map_width_m: float, map_width_mm: float, bar_mm: float = 55.0, segments: int = 2) -> float:
    """The largest round segment length whose bar fits in ``bar_mm`` on the page (left of the sources)."""
    km_per_mm = map_width_m / 1000.0 / max(map_width_mm, 1.0)
    limit = bar_mm * km_per_mm / segments
    steps = (0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200)
    fitting = [step for step in steps if step <= limit]
    return float(fitting[-1] if fitting else steps[0])


def fill_map(map_item: QgsLayoutItemMap, layers: Sequence[QgsMapLayer], extent: QgsRectangle,
             crs: QgsCoordinateReferenceSystem) -> None:
    map_item.setCrs(crs)
    map_item.setLayers(list(layers))
    map_item.setKeepLayerSet(True)
    map_item.setExtent(_fit(extent, map_item))  # zoomToExtent fails while the item's extent is unset


def fill_overview(layout: QgsPrintLayout, map_item: QgsLayoutItemMap, layers: Sequence[QgsMapLayer], crs) -> None:
    overview = layout.itemById(ITEM_OVERVIEW)
    if not isinstance(overview, QgsLayoutItemMap):
        return
    overview.setCrs(crs)
    overview.setLayers(list(layers))
    overview.setKeepLayerSet(True)
    overview.overview().setLinkedMap(map_item)
    wide = QgsRectangle(map_item.extent())
    wide.scale(4.0)
    overview.setExtent(_fit(wide, overview))


def fill_scalebar_and_north(layout: QgsPrintLayout, map_item: QgsLayoutItemMap) -> None:
    picture = layout.itemById(ITEM_NORTH)
    if isinstance(picture, QgsLayoutItemPicture):
        picture.setLinkedMap(map_item)
    scalebar = layout.itemById(ITEM_SCALEBAR)
    if isinstance(scalebar, QgsLayoutItemScaleBar):
        from qgis.core import QgsUnitTypes

        scalebar.setLinkedMap(map_item)
        scalebar.setUnits(enum((Qgis, "DistanceUnit", "Kilometers"), QgsUnitTypes.DistanceUnit, "DistanceKilometers"))
        scalebar.setUnitLabel("km")
        scalebar.setUnitsPerSegment(nice_segment_km(map_item.extent().width(), map_item.rect().width()))
        scalebar.update()


LEGEND_TITLES = {"nearestservice": "Travel time (min)", "catchments": "Travel-time zones", "servicegaps": "Service gaps",
                 "allocation": "Population base per service point", "allocation_areas": "Population base areas",
                 "scenario": "Scenario", "planareaprofile": "Plan area profile"}


def _legend_fonts(legend: QgsLayoutItemLegend) -> None:
    """Compact fonts, so that the result, service points, plan and roads fit the template's box."""
    from qgis.core import QgsLegendStyle, QgsTextFormat
    from qgis.PyQt.QtGui import QFont

    for style, size, bold in ((QgsLegendStyle.Style.Title, 10.0, False), (QgsLegendStyle.Style.Group, 8.0, True),
                              (QgsLegendStyle.Style.Subgroup, 8.0, True), (QgsLegendStyle.Style.SymbolLabel, 7.5, False)):
        font = QFont("DejaVu Sans")
        font.setPointSizeF(size)
        font.setBold(bold)
        rstyle = legend.rstyle(style)
        if hasattr(rstyle, "setTextFormat"):  # 3.30+: text formats replace fonts
            rstyle.setTextFormat(QgsTextFormat.fromQFont(font))
        else:
            rstyle.setFont(font)
        rstyle.setMargin(QgsLegendStyle.Side.Top, 1.2 if style != QgsLegendStyle.Style.SymbolLabel else 0.6)
    legend.setSymbolHeight(3.2)
    legend.setSymbolWidth(5.0)


def fill_legend(layout: QgsPrintLayout, map_item: QgsLayoutItemMap, layers: Sequence[QgsMapLayer]) -> None:
    """Only what is drawn and needs explaining: the results, service points, plan boundary, roads."""
    legend = layout.itemById(ITEM_LEGEND)
    if not isinstance(legend, QgsLayoutItemLegend):
        return
    legend.setLinkedMap(map_item)
    legend.setTitle(tr("Legend"))
    legend.setAutoUpdateModel(False)
    root: QgsLayerTree = legend.model().rootGroup()
    root.removeAllChildren()
    for layer in layers:
        node = root.addLayer(layer)
        title = LEGEND_TITLES.get(layermeta.kind(layer))
        if title:  # the legend's own label (the subtitle names type and mode); the layer keeps its name
            node.setCustomProperty("legend/title-label", tr(title))
    _legend_fonts(legend)
    legend.updateLegend()
    _fit_legend(layout, legend)


def _legend_size(layout: QgsPrintLayout, legend: QgsLayoutItemLegend):
    from qgis.core import QgsLayoutUtils, QgsLegendRenderer

    renderer = QgsLegendRenderer(legend.model(), legend.legendSettings())
    return renderer.minimumSize(QgsLayoutUtils.createRenderContextForLayout(layout, None))  # mm


def _fit_legend(layout: QgsPrintLayout, legend: QgsLayoutItemLegend) -> None:
    """Never cut the legend off: two columns when they fit the box, else the box grows down and the
    statistics table below it moves down (and shrinks)."""
    box = legend.sizeWithUnits()
    if _legend_size(layout, legend).height() <= box.height():
        return
    legend.setColumnCount(2)
    legend.setSplitLayer(True)
    two = _legend_size(layout, legend)
    if two.width() <= box.width() and two.height() <= box.height():
        return
    if two.width() > box.width():
        legend.setColumnCount(1)
        legend.setSplitLayer(False)
    needed = _legend_size(layout, legend).height() + 2.0
    legend.attemptResize(QgsLayoutSize(box.width(), needed, box.units()))
    frame = layout.itemById(ITEM_STATS)
    top = legend.positionWithUnits().y()
    if frame is not None and frame.positionWithUnits().y() > top:  # the table sits below the legend
        bottom = frame.positionWithUnits().y() + frame.sizeWithUnits().height()
        new_top = top + needed + 3.0
        frame.attemptMove(QgsLayoutPoint(frame.positionWithUnits().x(), new_top, box.units()))
        frame.attemptResize(QgsLayoutSize(frame.sizeWithUnits().width(), max(bottom - new_top, 10.0), box.units()))


def attribution_lines(layers: Sequence[QgsMapLayer], extra: Sequence[str] = ()) -> list[str]:
    """Rights from the layers' metadata (and a basemap's attribution), without repeats."""
    lines: list[str] = []
    for layer in layers:
        rights = [r for r in layer.metadata().rights() if r]
        attribution = layer_attribution(layer)
        if attribution:
            rights.append(attribution)
        if not rights and isinstance(layer, QgsVectorLayer) and OSM_FIELDS & {f.name().lower() for f in layer.fields()}:
            rights = [ATTRIBUTION_OSM]
        for right in rights:
            if right not in lines:
                lines.append(right)
    for right in extra:
        if right and right not in lines:
            lines.append(right)
    return lines


def _set_label(layout: QgsPrintLayout, item_id: str, text: str) -> None:
    item = layout.itemById(item_id)
    if isinstance(item, QgsLayoutItemLabel):
        item.setText(text)


def fill_texts(layout: QgsPrintLayout, request, shown: str | None, sources: Sequence[QgsMapLayer], atlas: bool) -> None:
    """Title, subtitle (area · type · mode · date), municipality, sources and logo."""
    language = catalogue.ui_language()
    type_text = "[% attribute(@atlas_feature, 'namn') %]" if atlas else (catalogue.label(shown, language) if shown else "")
    mode = next((str(layermeta.prop(layer, d.PROP_MODE, "")) for layer in request.layers
                 if layermeta.prop(layer, d.PROP_MODE, "")), "")
    mode_text = tr(d.MODE_LABELS[d.mode_index(mode)]) if mode else ""
    subtitle = " · ".join(part for part in (request.area_name, type_text, mode_text, date.today().isoformat()) if part)
    municipality = QgsSettings().value(SETTING_MUNICIPALITY, "", type=str) or request.area_name
    _set_label(layout, ITEM_TITLE, request.title or tr("Access to everyday service"))
    _set_label(layout, ITEM_SUBTITLE, subtitle)
    _set_label(layout, ITEM_MUNICIPALITY, municipality)
    rights = attribution_lines(sources, request.extra_attribution)
    _set_label(layout, ITEM_ATTRIBUTION, (tr("Sources") + ": " + "; ".join(rights)) if rights else "")
    logo = layout.itemById(ITEM_LOGO)
    if isinstance(logo, QgsLayoutItemPicture):
        logo_path = QgsSettings().value(SETTING_LOGO, "", type=str)
        if logo_path and Path(logo_path).exists():
            logo.setPicturePath(logo_path)
        else:
            logo.setVisibility(False)  # no empty box on the map; the designer can still show it


def fill_stats(layout: QgsPrintLayout, table_layer: QgsVectorLayer, atlas: bool) -> None:
    frame = layout.itemById(ITEM_STATS)
    table = frame.multiFrame() if frame is not None and hasattr(frame, "multiFrame") else None
    if not isinstance(table, QgsLayoutItemAttributeTable):
        return
    if table_layer.featureCount() == 0:
        frame.setVisibility(False)
        return
    table.setVectorLayer(table_layer)
    one_type = len({f["tjanst"] for f in table_layer.getFeatures()}) <= 1
    frame_mm = frame.rect().width()
    columns = []
    for attribute, heading in (("tjanst", tr("Service")), ("klass", tr("Travel time (min)")),
                               ("befolkning", tr("Population")), ("andel", tr("Share %"))):
        if attribute == "tjanst" and (atlas or one_type):
            continue  # the subtitle names the type (on each page)
        column = QgsLayoutTableColumn()
        column.setAttribute(attribute)
        column.setHeading(heading)
        if attribute == "tjanst":
            column.setWidth(frame_mm * 0.38)  # long type names wrap instead of running off the page
        if attribute in ("befolkning", "andel"):
            column.setHAlignment(Qt.AlignmentFlag.AlignRight)
        columns.append(column)
    if hasattr(table, "setWrapBehavior"):
        table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
    table.setColumns(columns)
    table.setMaximumNumberOfFeatures(24)
    if atlas:
        table.setFilterFeatures(True)
        table.setFeatureFilter("\"type\" = @atlas_pagename")
    table.refresh()


# -- atlas: one page per service type --------------------------------------------------------------
def atlas_layer(types: list[str], extent: QgsRectangle, crs: QgsCoordinateReferenceSystem) -> QgsVectorLayer:
    """One feature per service type: the atlas's pages (the map does not move between pages)."""
    language = catalogue.ui_language()
    layer = QgsVectorLayer(f"Polygon?crs={crs.authid() or 'EPSG:3006'}", tr("Atlas pages (service types)"), "memory")
    layer.dataProvider().addAttributes([QgsField("type", field_type.STRING), QgsField("namn", field_type.STRING)])
    layer.updateFields()
    for key in types:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromRect(extent))
        feature.setAttributes([key, catalogue.label(key, language)])
        layer.dataProvider().addFeature(feature)
    return layer


def atlas_copy(layer: QgsMapLayer, shown: str | None) -> QgsMapLayer:
    """A copy of a result whose style follows the atlas page's type; the project's layer is untouched."""
    from qgis.core import QgsCategorizedSymbolRenderer

    copy = layer.clone()
    copy.setName(layer.name())
    renderer = copy.renderer()
    page_type = f"coalesce(@atlas_pagename, '{shown or ''}')"
    if layermeta.kind(layer) == "nearestservice" and isinstance(renderer, QgsCategorizedSymbolRenderer):
        value = f"attribute($currentfeature, {page_type} || '_min')"
        renderer.setClassAttribute(d.class_expression(value, class_limits_of(layer)))
        copy.setName(tr("Travel time"))
    elif layermeta.kind(layer) == "catchments":
        style_catchments(copy, "")  # every type's bands; the page's type picks the features drawn
        copy.renderer().setClassAttribute(f'if("type" = {page_type}, "band_min", NULL)')
        copy.setName(tr("Travel-time zones"))
    return copy


def enable_atlas(layout: QgsPrintLayout, coverage: QgsVectorLayer, map_item: QgsLayoutItemMap) -> None:
    atlas = layout.atlas()
    atlas.setCoverageLayer(coverage)
    atlas.setPageNameExpression('"type"')
    atlas.setFilenameExpression("'serviceperspektiv_' || \"type\"")
    atlas.setHideCoverage(True)
    atlas.setEnabled(True)
    map_item.setAtlasDriven(False)
