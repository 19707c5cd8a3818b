"""The three built-in templates, built in code and saved as .qpt under serviceperspektiv/resources/templates/.

The .qpt files are the product (users open and edit them in the layout designer, or replace them
with house templates); this module only (re)generates them: ``python -m
serviceperspektiv.layouts.templates``. Items are found by their ids (``ITEM_*``), so a house
template only has to keep those ids.
"""
from __future__ import annotations

import sys
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsLayoutFrame,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from ..adapters.compat import enum
from ..adapters.resources import templates_dir
from ..definitions import TEMPLATE_KEYS

# index = the exportmap TEMPLATE enum value (definitions.TEMPLATES)
TEMPLATES = TEMPLATE_KEYS
PAGE_MM = {"a4_portrait": (210.0, 297.0), "a4_landscape": (297.0, 210.0), "a3_landscape": (420.0, 297.0)}

ITEM_TITLE = "sp_title"
ITEM_SUBTITLE = "sp_subtitle"
ITEM_MAP = "sp_map"
ITEM_OVERVIEW = "sp_overview"
ITEM_LEGEND = "sp_legend"
ITEM_SCALEBAR = "sp_scalebar"
ITEM_NORTH = "sp_north"
ITEM_ATTRIBUTION = "sp_attribution"
ITEM_STATS = "sp_stats"
ITEM_LOGO = "sp_logo"
ITEM_MUNICIPALITY = "sp_municipality"
NORTH_ARROW_SVG = ":/images/north_arrows/layout_default_north_arrow.svg"
MM = enum((Qgis, "LayoutUnit", "Millimeters"), QgsUnitTypes.LayoutUnit, "LayoutMillimeters")


def _place(item, x: float, y: float, w: float, h: float) -> None:
    item.attemptMove(QgsLayoutPoint(x, y, MM))
    item.attemptResize(QgsLayoutSize(w, h, MM))


def _fit_ratio(rect: QgsRectangle, ratio: float) -> QgsRectangle:
    if rect.width() / rect.height() > ratio:
        half = rect.width() / ratio / 2
        return QgsRectangle(rect.xMinimum(), rect.center().y() - half, rect.xMaximum(), rect.center().y() + half)
    half = rect.height() * ratio / 2
    return QgsRectangle(rect.center().x() - half, rect.yMinimum(), rect.center().x() + half, rect.yMaximum())


def _label(layout, item_id: str, text: str, size: float, bold: bool = False) -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    label.setId(item_id)
    label.setText(text)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(size)
    font.setBold(bold)
    label.setFont(font)
    layout.addLayoutItem(label)
    return label


def build_template(project: QgsProject, name: str) -> QgsPrintLayout:
    """One template layout; sizes derive from the page so the three share one design."""
    width, height = PAGE_MM[name]
    portrait = height > width
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(width, height, MM))
    margin = 10.0
    big = width > 300
    _place(_label(layout, ITEM_TITLE, "[title]", 22 if big else 18, bold=True), margin, 7, width - 2 * margin - 60, 11)
    _place(_label(layout, ITEM_SUBTITLE, "[subtitle]", 12 if big else 10), margin, 18.5, width - 2 * margin - 60, 7)
    logo = QgsLayoutItemPicture(layout)
    logo.setId(ITEM_LOGO)
    logo.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
    layout.addLayoutItem(logo)
    _place(logo, width - margin - 18, 6, 18, 18)
    municipality = _label(layout, ITEM_MUNICIPALITY, "[municipality]", 10, bold=True)
    municipality.setHAlign(Qt.AlignmentFlag.AlignRight)
    _place(municipality, width - margin - 80, 9, 60, 8)

    top = 28.0
    footer = 14.0
    side = 0.0 if portrait else (95.0 if big else 75.0)
    bottom_panel = 78.0 if portrait else 0.0
    map_w = width - 2 * margin - (side + 5 if side else 0)
    map_h = height - top - footer - margin - (bottom_panel + 5 if bottom_panel else 0)
    main = QgsLayoutItemMap(layout)
    main.setId(ITEM_MAP)
    main.setFrameEnabled(True)
    layout.addLayoutItem(main)
    _place(main, margin, top, map_w, map_h)
    # A valid start extent (Ludvika kommun, SWEREF99 TM) so the template opens well in the designer.
    main.setCrs(QgsCoordinateReferenceSystem("EPSG:3006"))
    main.setExtent(_fit_ratio(QgsRectangle(470000, 6635000, 545000, 6690000), map_w / map_h))

    north = QgsLayoutItemPicture(layout)
    north.setId(ITEM_NORTH)
    north.setPicturePath(NORTH_ARROW_SVG)
    north.setLinkedMap(main)
    north.setNorthMode(QgsLayoutItemPicture.NorthMode.GridNorth)
    layout.addLayoutItem(north)
    _place(north, margin + map_w - 14, top + 3, 10, 14)

    if portrait:
        panel_x, panel_y, panel_w = margin, top + map_h + 5, width - 2 * margin
        overview_rect = (panel_x, panel_y, 45.0, 45.0)
        legend_rect = (panel_x + 49, panel_y, 74.0, bottom_panel)
        stats_rect = (panel_x + 126, panel_y, panel_w - 126, bottom_panel)
    else:
        panel_x = margin + map_w + 5
        overview_rect = (panel_x, top, side, side * 0.75)
        legend_y = top + side * 0.75 + 4
        legend_rect = (panel_x, legend_y, side, (height - footer - margin - legend_y) * 0.5)
        stats_y = legend_y + legend_rect[3] + 3
        stats_rect = (panel_x, stats_y, side, height - footer - margin - stats_y)

    overview = QgsLayoutItemMap(layout)
    overview.setId(ITEM_OVERVIEW)
    overview.setFrameEnabled(True)
    overview.overview().setLinkedMap(main)
    overview.overview().frameSymbol().setColor(QColor(215, 25, 28, 60))
    layout.addLayoutItem(overview)
    _place(overview, *overview_rect)
    overview.setCrs(QgsCoordinateReferenceSystem("EPSG:3006"))
    overview.setExtent(_fit_ratio(QgsRectangle(420000, 6600000, 600000, 6730000), overview_rect[2] / overview_rect[3]))

    legend = QgsLayoutItemLegend(layout)
    legend.setId(ITEM_LEGEND)
    legend.setTitle("[legend]")
    legend.setLinkedMap(main)
    legend.setResizeToContents(False)
    legend.setColumnCount(1)
    layout.addLayoutItem(legend)
    _place(legend, *legend_rect)

    table = QgsLayoutItemAttributeTable(layout)
    layout.addMultiFrame(table)
    frame = QgsLayoutFrame(layout, table)
    frame.setId(ITEM_STATS)
    _place(frame, *stats_rect)
    table.addFrame(frame)
    header_font = QFont("DejaVu Sans")
    header_font.setPointSizeF(7.5)
    header_font.setBold(True)
    if hasattr(table, "setHeaderTextFormat"):  # 3.24+: text formats replace fonts
        from qgis.core import QgsTextFormat

        table.setHeaderTextFormat(QgsTextFormat.fromQFont(header_font))
    else:
        table.setHeaderFont(header_font)
    content_font = QFont("DejaVu Sans")
    content_font.setPointSizeF(7)
    if hasattr(table, "setContentTextFormat"):
        from qgis.core import QgsTextFormat

        table.setContentTextFormat(QgsTextFormat.fromQFont(content_font))
    else:
        table.setContentFont(content_font)
    table.setEmptyTableBehavior(QgsLayoutItemAttributeTable.EmptyTableMode.ShowMessage)
    table.setEmptyTableMessage("–")

    scalebar = QgsLayoutItemScaleBar(layout)
    scalebar.setId(ITEM_SCALEBAR)
    scalebar.setStyle("Single Box")
    scalebar.setLinkedMap(main)
    scalebar.setUnits(enum((Qgis, "DistanceUnit", "Kilometers"), QgsUnitTypes.DistanceUnit, "DistanceKilometers"))
    scalebar.setUnitLabel("km")
    scalebar.setNumberOfSegments(2)
    scalebar.setNumberOfSegmentsLeft(0)
    scalebar.setUnitsPerSegment(1.0)
    layout.addLayoutItem(scalebar)
    _place(scalebar, margin, height - margin - footer + 1, 60, 12)

    attribution = _label(layout, ITEM_ATTRIBUTION, "[attribution]", 7)
    attribution.setHAlign(Qt.AlignmentFlag.AlignRight)
    attribution.setVAlign(Qt.AlignmentFlag.AlignBottom)
    _place(attribution, margin + 65, height - margin - footer + 1, width - 2 * margin - 65, 12)
    return layout


def save_template(layout: QgsPrintLayout, path: Path) -> None:
    if not layout.saveAsTemplate(str(path), QgsReadWriteContext()):
        raise OSError(f"could not write {path}")


def main(argv: list[str]) -> int:
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    out = Path(argv[1]) if len(argv) > 1 else templates_dir()
    out.mkdir(parents=True, exist_ok=True)
    project = QgsProject.instance()
    for name in TEMPLATES:
        save_template(build_template(project, name), out / f"{name}.qpt")
        print(out / f"{name}.qpt")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
