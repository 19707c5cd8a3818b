"""Build a print layout from a template and the result layers, and export it to PDF.

The one layout builder: the exportmap algorithm, the panel and ``make demo`` all call
``build_layout``. The layout is added to the project's layout manager, so the planner can open and
edit it in the layout designer afterwards.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayoutExporter,
    QgsLayoutItemMap,
    QgsMapLayer,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRenderContext,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtXml import QDomDocument

from .. import definitions as d
from ..adapters import layermeta
from ..adapters.compat import enum
from ..adapters.outputfolder import free_path  # noqa: F401 - PDFs are never overwritten silently
from ..adapters.resources import templates_dir
from ..i18n import tr
from . import items, maplayers
from .stats import layer_types, population_field, stats_table_layer  # noqa: F401 - part of the API
from .templates import ITEM_MAP

GROUP_NAME = "Serviceperspektiv"
SETTING_TEMPLATE_DIR = "serviceperspektiv/template_dir"
PLAN_MARGIN_M = 1000.0  # the plan area's map shows this much of its surroundings
EXTENT_PROPERTY = "serviceperspektiv/extent"  # how the extent was chosen: view, plan, project, layers


class LayoutError(RuntimeError):
    """A layout could not be built or exported; the message says what to do."""


@dataclass
class LayoutRequest:
    template: int | str | Path = d.DEFAULT_TEMPLATE
    title: str = ""
    layers: Sequence[QgsMapLayer] = ()
    extent: QgsRectangle | None = None  # the current map view (the panel), or EXTENT
    extent_crs: QgsCoordinateReferenceSystem | None = None
    use_plan_extent: bool = False  # the plan area (and its surroundings) instead of ``extent``
    atlas_by_type: bool = False
    area_name: str = ""
    type_key: str | None = None  # the type shown (default: what the result layer shows)
    stats_layer: QgsVectorLayer | None = None
    context: maplayers.MapContext = field(default_factory=maplayers.MapContext)  # roads, services, plan …
    find_context: bool = True  # complete ``context`` from the project's layers
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
    name = d.TEMPLATE_KEYS[int(template)] if not isinstance(template, str) else template
    override = QgsSettings().value(SETTING_TEMPLATE_DIR, "", type=str)
    if override and (Path(override) / f"{name}.qpt").exists():
        return Path(override) / f"{name}.qpt"
    path = templates_dir() / f"{name}.qpt"
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
    # The items the template replaced are deleted "later"; a basemap's tile download runs an event
    # loop in the middle of the export, which would delete them while the page is being drawn.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    layout.setName(name)
    return layout


def unique_layout_name(project: QgsProject, base: str) -> str:
    manager = project.layoutManager()
    name, n = base, 2
    while manager.layoutByName(name) is not None:
        name = f"{base} ({n})"
        n += 1
    return name


def result_layers_in_group(project: QgsProject, group_name: str = GROUP_NAME) -> list[QgsMapLayer]:
    """The visible map layers of the project's "Serviceperspektiv" group (the default LAYERS)."""
    group = project.layerTreeRoot().findGroup(group_name)
    if group is None:
        return []
    return [node.layer() for node in group.findLayers()
            if node.layer() is not None and node.isVisible() and _has_geometry(node.layer())]


def _has_geometry(layer: QgsMapLayer) -> bool:
    return not isinstance(layer, QgsVectorLayer) or layer.isSpatial()


# -- extent --------------------------------------------------------------------------------------
def _map_crs(project: QgsProject, layers: Sequence[QgsMapLayer]) -> QgsCoordinateReferenceSystem:
    crs = project.crs()
    if crs.isValid() and not crs.isGeographic():
        return crs
    for layer in layers:
        if layer.crs().isValid() and not layer.crs().isGeographic():
            return layer.crs()
    return QgsCoordinateReferenceSystem("EPSG:3006")


def _to_crs(rect: QgsRectangle, source: QgsCoordinateReferenceSystem | None, crs, project: QgsProject) -> QgsRectangle:
    if source is None or not source.isValid() or source == crs:
        return QgsRectangle(rect)
    return QgsCoordinateTransform(source, crs, project.transformContext()).transformBoundingBox(rect)


def _plan_extent(plan: QgsVectorLayer, crs, project: QgsProject) -> QgsRectangle:
    selected = plan.selectedFeatures() if plan.selectedFeatureCount() else list(plan.getFeatures())
    rect = QgsRectangle()
    for feature in selected:
        if not feature.hasGeometry():
            continue
        if rect.isNull():
            rect = feature.geometry().boundingBox()
        else:
            rect.combineExtentWith(feature.geometry().boundingBox())
    rect = _to_crs(rect, plan.crs(), crs, project)
    return rect.buffered(PLAN_MARGIN_M) if not rect.isNull() else rect


def choose_extent(project: QgsProject, request: LayoutRequest, layers: Sequence[QgsMapLayer], plan, crs):
    """(extent, how): the plan area when asked for, else the given view, else the project's saved
    view, else the result layers' extent — the caller says which it was (never silently)."""
    if request.use_plan_extent:
        if plan is None:
            raise LayoutError(tr("The map should show the plan area, but there is no plan area layer. Choose one "
                                 "in the Plan area step, or use the current map view."))
        extent = _plan_extent(plan, crs, project)
        if not extent.isEmpty():
            return extent, "plan"
    if request.extent is not None and not request.extent.isEmpty():
        return _to_crs(request.extent, request.extent_crs, crs, project), "view"
    view = project.viewSettings().defaultViewExtent() if hasattr(project, "viewSettings") else None
    if view is not None and not view.isEmpty():
        return _to_crs(QgsRectangle(view), view.crs(), crs, project), "project"
    extent = QgsRectangle()
    for layer in layers:
        rect = _to_crs(layer.extent(), layer.crs(), crs, project)
        if extent.isNull() or extent.isEmpty():
            extent = QgsRectangle(rect)
        else:
            extent.combineExtentWith(rect)
    return extent, "layers"


# -- building ------------------------------------------------------------------------------------
def build_layout(project: QgsProject, request: LayoutRequest) -> QgsPrintLayout:
    """Load the template, fill every known item and register the layout in the project."""
    layers = [layer for layer in request.layers if layer is not None and layer.isValid() and _has_geometry(layer)]
    if not layers:
        raise LayoutError(tr("There are no result layers to put on the map. Run an analysis first, or choose layers."))
    path = template_path(request.template)
    name = unique_layout_name(project, request.layout_name or request.title or tr("Serviceperspektiv map"))
    layout = load_template(project, path, name)
    map_item = layout.itemById(ITEM_MAP)
    if not isinstance(map_item, QgsLayoutItemMap):
        raise LayoutError(tr("The template {} has no map item with the id '{}'.").format(path.name, ITEM_MAP))
    maplayers.remove_unused_map_layers(project)
    context = maplayers.find_context(project, request.context) if request.find_context else request.context
    types, shown = _types(layers, request.type_key)
    atlas = bool(request.atlas_by_type and len(types) > 1)
    crs = _map_crs(project, layers)
    extent, how = choose_extent(project, request, layers, context.plan, crs)
    if extent.isNull() or extent.isEmpty():
        raise LayoutError(tr("The result layers have no extent (are they empty?)."))
    layout.setCustomProperty(EXTENT_PROPERTY, how)

    results = [maplayers.register(project, items.atlas_copy(layer, shown)) if atlas and layermeta.kind(layer) else layer
               for layer in layers]
    context_layers = _context_copies(project, context, types, shown, crs, atlas)
    legend_layers = results + [layer for role, layer in context_layers if role in ("services", "plan", "roads")]
    top = [layer for role, layer in context_layers if role in ("places", "services", "plan")]
    roads = [layer for role, layer in context_layers if role == "roads"]
    map_layers = top + roads + results + list(context.basemaps)
    items.fill_map(map_item, map_layers, extent, crs)
    items.fill_overview(layout, map_item, roads + results, crs)
    items.fill_scalebar_and_north(layout, map_item)
    items.fill_legend(layout, map_item, legend_layers)
    atlas_layer = items.atlas_layer(types, map_item.extent(), crs) if atlas else None
    if atlas_layer is not None:
        maplayers.register(project, atlas_layer)
    sources = list(layers) + [layer for _role, layer in context_layers] + list(context.basemaps)
    items.fill_texts(layout, request, shown, sources, atlas_layer is not None)
    table = stats_table_layer(layers, request.stats_layer, None if atlas else shown)
    items.fill_stats(layout, maplayers.register(project, table), atlas)
    if atlas_layer is not None:
        items.enable_atlas(layout, atlas_layer, map_item)
    project.layoutManager().addLayout(layout)
    return layout


def _types(layers: Sequence[QgsMapLayer], wanted: str | None) -> tuple[list[str], str | None]:
    """The result's service types and the one shown: asked for, else what the layer shows."""
    for layer in layers:
        types = layermeta.types(layer) or layer_types(layer)
        if types:
            shown = wanted if wanted in types else (layermeta.shown_type(layer) or d.default_shown_type(types))
            return types, shown
    return [], wanted


def _context_copies(project, context: maplayers.MapContext, types, shown, crs, atlas) -> list[tuple[str, QgsMapLayer]]:
    copies: list[tuple[str, QgsMapLayer]] = []
    if context.places is not None:
        copies.append(("places", maplayers.register(project, maplayers.places_copy(context.places))))
    if context.services is not None and (shown or types):
        layer = maplayers.services_copy(context.services, context.services_type_field, types, shown, project, crs, atlas)
        if layer is not None:
            copies.append(("services", maplayers.register(project, layer)))
    if context.plan is not None:
        copies.append(("plan", maplayers.register(project, maplayers.plan_copy(context.plan, crs))))
    if context.roads is not None:
        copies.append(("roads", maplayers.register(project, maplayers.roads_copy(context.roads))))
    return copies


# -- export --------------------------------------------------------------------------------------
def export_pdf(layout: QgsPrintLayout, path: str | Path, feedback=None) -> Path:
    """Vector PDF with real text; an enabled atlas gives one page per feature in one file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 200
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = True  # keep vectors even with transparency
    settings.textRenderFormat = enum((Qgis, "TextRenderFormat", "AlwaysText"), QgsRenderContext.TextRenderFormat, "AlwaysText")
    settings.exportMetadata = True
    success = enum((Qgis, "LayoutExportResult", "Success"), QgsLayoutExporter.ExportResult, "Success")
    if layout.atlas().enabled():
        result, error = QgsLayoutExporter.exportToPdf(layout.atlas(), str(path), settings)
    else:
        result = QgsLayoutExporter(layout).exportToPdf(str(path), settings)
        error = ""
    if result != success:
        raise LayoutError(tr("The PDF could not be written to {} ({}). Check that the folder is writable and the "
                             "file is not open in another program.").format(path, error or result))
    return path
