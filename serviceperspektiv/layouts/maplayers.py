"""The layers a printed map needs besides the result: roads, service points of the type shown (with
names), the plan boundary, place names, and the basemap the user already has in the project.

The user's own layers are never restyled: the map gets its own copies ("map-only" layers, registered
in the project without a tree node so the layout keeps working after a save). Copies that no
layout uses any more are removed before new ones are made.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import (
    Qgis,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutItemMap,
    QgsLineSymbol,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsRasterLayer,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

from .. import definitions as d
from ..adapters import fieldtypes as field_type
from ..adapters import layermeta
from ..adapters.compat import enum
from ..adapters.rules import new_rule, rule_renderer
from ..core.servicetypes import safe_type_key
from ..i18n import tr

MAP_ONLY = "serviceperspektiv/map_only"
NAME_FIELDS = ("name", "namn", "Namn", "NAME")
TYPE_FIELDS = ("type", "typ", "service_type")
MAJOR_ROADS = "\"highway\" IN ('motorway','trunk','primary','secondary','motorway_link','trunk_link','primary_link')"
ROLE_BY_ALGORITHM = {"fetchroads": "roads", "fetchservices": "services", "fetchpopulation": "population"}


@dataclass
class MapContext:
    """Context layers found in the project (or given), before they are copied for the map."""

    roads: QgsVectorLayer | None = None
    services: QgsVectorLayer | None = None
    services_type_field: str | None = None
    plan: QgsVectorLayer | None = None
    places: QgsVectorLayer | None = None
    basemaps: list[QgsMapLayer] = field(default_factory=list)


def role_of(layer: QgsMapLayer) -> str:
    """'roads', 'services', 'population', 'plan' or '' for a project layer."""
    role = str(layermeta.prop(layer, d.PROP_ROLE, ""))
    if role:
        return role
    kind = layermeta.kind(layer)
    if kind == "plan_area":
        return "plan"
    return ROLE_BY_ALGORITHM.get(layermeta.layer_algorithm(layer), "")


def is_places_layer(layer: QgsMapLayer) -> bool:
    """OSM-like place points: a 'place' field (village, town …) and a name."""
    if not isinstance(layer, QgsVectorLayer) or layer.geometryType() != _geometry("PointGeometry"):
        return False
    names = {n.lower() for n in layer.fields().names()}
    return "place" in names and bool(names & {n.lower() for n in NAME_FIELDS})


def find_context(project: QgsProject, given: MapContext) -> MapContext:
    """Fill what was not given from the project: layers by their role, places, visible basemaps."""
    found = MapContext(given.roads, given.services, given.services_type_field, given.plan, given.places,
                       list(given.basemaps))
    for layer in project.mapLayers().values():
        if layermeta.prop(layer, MAP_ONLY, False):
            continue
        role = role_of(layer)
        if role == "roads" and found.roads is None:
            found.roads = layer
        elif role == "services" and found.services is None:
            found.services = layer
        elif role == "plan" and found.plan is None:
            found.plan = layer
        elif found.places is None and is_places_layer(layer):
            found.places = layer
    if not found.basemaps:
        found.basemaps = visible_basemaps(project)
    return found


def visible_basemaps(project: QgsProject) -> list[QgsMapLayer]:
    """Raster layers the user shows in the project (WMS/WMTS/XYZ or files), top first."""
    root = project.layerTreeRoot()
    return [node.layer() for node in root.findLayers()
            if node.layer() is not None and isinstance(node.layer(), QgsRasterLayer) and node.isVisible()]


def remove_unused_map_layers(project: QgsProject) -> None:
    """Drop map-only copies that no layout's map shows any more."""
    used: set[str] = set()
    for layout in project.layoutManager().printLayouts():
        for item in layout.items():
            if isinstance(item, QgsLayoutItemMap):
                used.update(layer.id() for layer in item.layers() if layer is not None)
        for frame in layout.multiFrames():  # the statistics table
            table_layer = frame.vectorLayer() if hasattr(frame, "vectorLayer") else None
            if table_layer is not None:
                used.add(table_layer.id())
        coverage = layout.atlas().coverageLayer()
        if coverage is not None:
            used.add(coverage.id())
    stale = [layer.id() for layer in project.mapLayers().values()
             if layermeta.prop(layer, MAP_ONLY, False) and layer.id() not in used]
    if stale:
        project.removeMapLayers(stale)


def register(project: QgsProject, layer: QgsMapLayer) -> QgsMapLayer:
    layer.setCustomProperty(MAP_ONLY, True)
    project.addMapLayer(layer, False)
    return layer


# -- copies for the map --------------------------------------------------------------------------
def roads_copy(layer: QgsVectorLayer) -> QgsVectorLayer:
    copy = layer.clone()
    copy.setName(tr("Roads"))
    grey = QgsLineSymbol.createSimple({"color": "#8c8c8c", "width": "0.18"})
    if copy.fields().indexOf("highway") >= 0:
        major = QgsLineSymbol.createSimple({"color": "#5a5a5a", "width": "0.45"})
        copy.setRenderer(rule_renderer([new_rule(major, MAJOR_ROADS, tr("Main roads")),
                                        new_rule(grey, "ELSE", tr("Other roads"))]))
    else:
        copy.setRenderer(QgsSingleSymbolRenderer(grey))
    copy.setLabelsEnabled(False)
    return copy


def _field(layer: QgsVectorLayer, candidates, wanted: str | None = None) -> str | None:
    names = layer.fields().names()
    if wanted and wanted in names:
        return wanted
    lower = {n.lower(): n for n in names}
    return next((lower[c.lower()] for c in candidates if c.lower() in lower), None)


def services_copy(layer: QgsVectorLayer, type_field: str | None, types: list[str], shown: str | None,
                  project: QgsProject, crs, atlas: bool = False) -> QgsVectorLayer | None:
    """Service points of the type shown (all result types for an atlas), with their names, as points."""
    type_field = _field(layer, TYPE_FIELDS, type_field)
    name_field = _field(layer, NAME_FIELDS)
    wanted = set(types) if atlas else ({shown} if shown else set())
    label = tr("Service points")  # the subtitle names the type
    copy = QgsVectorLayer(f"Point?crs={crs.authid() or 'EPSG:3006'}", label, "memory")
    copy.dataProvider().addAttributes([QgsField("name", field_type.STRING), QgsField("type_key", field_type.STRING)])
    copy.updateFields()
    transform = QgsCoordinateTransform(layer.crs(), crs, project.transformContext())
    features = []
    for source in layer.getFeatures():
        key = safe_type_key(source[type_field]) if type_field else None
        if wanted and key not in wanted:
            continue
        geometry = QgsGeometry(source.geometry())
        if geometry.isNull() or geometry.isEmpty():
            continue
        geometry = geometry.pointOnSurface() if geometry.type() != _geometry("PointGeometry") else geometry
        geometry.transform(transform)
        feature = QgsFeature(copy.fields())
        feature.setGeometry(geometry)
        feature.setAttributes([str(source[name_field]) if name_field and source[name_field] is not None else "", key])
        features.append(feature)
    if not features:
        return None
    copy.dataProvider().addFeatures(features)
    copy.updateExtents()
    marker = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#e31a1c", "size": "2.6",
                                           "outline_color": "#ffffff", "outline_width": "0.4"})
    page = f"coalesce(@atlas_pagename, '{shown or ''}')"
    if atlas:
        copy.setRenderer(rule_renderer([new_rule(marker, f'"type_key" = {page}', tr("Service points"))]))
        _label(copy, f"if(\"type_key\" = {page}, \"name\", '')", 7.0)
    else:
        copy.setRenderer(QgsSingleSymbolRenderer(marker))
        _label(copy, '"name"', 7.0)
    return copy


def plan_copy(layer: QgsVectorLayer, crs) -> QgsVectorLayer:
    """The plan boundary: the selected plan(s), else all, as a dashed outline named 'Planområde'."""
    copy = QgsVectorLayer(f"MultiPolygon?crs={crs.authid() or 'EPSG:3006'}", tr("Plan area"), "memory")
    transform = QgsCoordinateTransform(layer.crs(), crs, QgsProject.instance().transformContext())
    features = []
    for source in (layer.selectedFeatures() if layer.selectedFeatureCount() else layer.getFeatures()):
        geometry = QgsGeometry(source.geometry())
        if geometry.isNull():
            continue
        geometry.transform(transform)
        feature = QgsFeature(copy.fields())
        feature.setGeometry(geometry)
        features.append(feature)
    copy.dataProvider().addFeatures(features)
    copy.updateExtents()
    # A dashed red line on a white halo: visible on the darkest and the lightest travel-time class.
    outline = QgsFillSymbol.createSimple({"style": "no", "outline_color": "#ffffff", "outline_width": "1.4"})
    dash = QgsFillSymbol.createSimple({"style": "no", "outline_color": "#d7191c", "outline_width": "0.7",
                                       "outline_style": "dash"})
    outline.appendSymbolLayer(dash.symbolLayer(0).clone())
    copy.setRenderer(QgsSingleSymbolRenderer(outline))
    return copy


def places_copy(layer: QgsVectorLayer) -> QgsVectorLayer:
    """Place names only (no symbol), bigger for towns than for villages."""
    copy = layer.clone()
    copy.setName(tr("Place names"))
    invisible = QgsMarkerSymbol.createSimple({"name": "circle", "size": "0", "outline_style": "no"})
    copy.setRenderer(QgsSingleSymbolRenderer(invisible))
    name = _field(copy, NAME_FIELDS) or "name"
    _label(copy, f'"{name}"', 9.0, italic=True, size_expression="if(\"place\" IN ('city','town'), 11, 8.5)")
    return copy


def _label(layer: QgsVectorLayer, expression: str, size: float, italic: bool = False,
           size_expression: str | None = None) -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    text = QgsTextFormat()
    font = QFont("DejaVu Sans")
    font.setItalic(italic)
    text.setFont(font)
    text.setSize(size)
    text.setColor(QColor("#1a1a1a"))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("#ffffff"))
    text.setBuffer(buffer)
    settings.setFormat(text)
    settings.placement = enum((Qgis, "LabelPlacement", "OrderedPositionsAroundPoint"), QgsPalLayerSettings.Placement,
                              "OrderedPositionsAroundPoint")
    if size_expression:
        from qgis.core import QgsProperty

        size = QgsProperty.fromExpression(size_expression)
        settings.dataDefinedProperties().setProperty(QgsPalLayerSettings.Property.Size, size)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _geometry(name: str):
    from qgis.core import QgsWkbTypes

    return enum((Qgis, "GeometryType", name.replace("Geometry", "")), QgsWkbTypes.GeometryType, name)
