"""Result layers go into a 'Serviceperspektiv' group, one sub-group per run.

The user's own layers are never moved, restyled or reordered: we only add our group (at the top
of the layer tree, so results are visible above the ÖP drafts) and our own layers into it.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from qgis.core import (
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsProject,
)

from .resultstyle import StyleSpec, style_result, unique_name

ROOT_GROUP = "Serviceperspektiv"

# Processing keeps only a raw pointer to post-processors: hold a Python reference ourselves.
_KEEP: list = []


def run_group_name(area: str, when: Optional[datetime] = None) -> str:
    """'Fredriksberg 2026-11-27 14:05' – sub-group per run, named by area and date."""
    when = when or datetime.now()
    return f"{area or ROOT_GROUP} {when:%Y-%m-%d %H:%M}"


def result_group(project: QgsProject, run_name: str) -> QgsLayerTreeGroup:
    """The run's sub-group under 'Serviceperspektiv', created when missing.

    A new run goes on top and the earlier runs are switched off: one result on the map reads well.
    Only our own group's children change; the user's layers are never touched.
    """
    root = project.layerTreeRoot()
    group = root.findGroup(ROOT_GROUP)
    if group is None:
        group = root.insertGroup(0, ROOT_GROUP)
    sub = group.findGroup(run_name)
    if sub is None:
        for child in group.children():
            if isinstance(child, QgsLayerTreeGroup):
                child.setItemVisibilityChecked(False)
        sub = group.insertGroup(0, run_name)
    return sub


def add_result_layer(project: QgsProject, layer: QgsMapLayer, run_name: str) -> None:
    """Put one of our result layers into the run's group (moving only that layer's node)."""
    group = result_group(project, run_name)
    root = project.layerTreeRoot()
    if project.mapLayer(layer.id()) is None:
        project.addMapLayer(layer, False)
    layer.setName(unique_name(layer, layer.name(), project))
    node = root.findLayer(layer.id())
    if node is not None and node.parent() is group:
        return
    if _is_point_layer(layer):  # points above the run's areas, as newer QGIS orders loaded results too
        group.insertLayer(0, layer)
    else:
        group.addLayer(layer)
    if node is not None and node.parent() is not None:
        node.parent().removeChildNode(node)


def _is_point_layer(layer: QgsMapLayer) -> bool:
    from qgis.core import Qgis, QgsVectorLayer, QgsWkbTypes

    from .compat import enum

    point = enum((Qgis, "GeometryType", "Point"), QgsWkbTypes.GeometryType, "PointGeometry")
    return isinstance(layer, QgsVectorLayer) and layer.isSpatial() and layer.geometryType() == point


def apply_style(layer: QgsMapLayer, name: StyleSpec) -> bool:
    """Style an output: a result kind (styled and named by resultstyle), a QML name or a function."""
    return style_result(layer, name)


class GroupPostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Applies our style and name and moves the loaded layer into the run's group."""

    def __init__(self, run_name: str, style: StyleSpec, name: str = "") -> None:
        super().__init__()
        self.run_name = run_name
        self.style = style
        self.name = name  # the output's own name (QGIS may have named the layer after its file)

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS API
        if self.name:
            layer.setName(self.name)
        if self.style:
            style_result(layer, self.style)  # a result kind names itself: type and mode
        project = context.project() or QgsProject.instance()
        add_result_layer(project, layer, self.run_name)

    @classmethod
    def create(cls, run_name: str, style: StyleSpec, name: str = "") -> "GroupPostProcessor":
        instance = cls(run_name, style, name)
        _KEEP.append(instance)
        return instance


def place_outputs(context, outputs: dict[str, StyleSpec], run_name: str) -> None:
    """For each output id -> style: style, name and group the layer when QGIS loads it.

    Outputs that are not loaded are styled only when they live in memory (a model's next step may
    take them); a file output is left alone: a second handle on a GeoPackage that QGIS will open
    again (with a filter) upsets SQLite's locks.
    """
    project = context.project() or QgsProject.instance()
    run_name = unique_run_name(project, run_name)
    for dest_id, style in outputs.items():
        if context.willLoadLayerOnCompletion(dest_id):
            details = context.layerToLoadOnCompletionDetails(dest_id)
            details.setPostProcessor(GroupPostProcessor.create(run_name, style, details.name))
        elif style and (dest_id.startswith("memory:") or "memory?" in dest_id.lower()):
            layer = QgsProcessingUtils.mapLayerFromString(dest_id, context)
            if layer is not None:
                style_result(layer, style)


def unique_run_name(project: QgsProject, run_name: str) -> str:
    """A run's own sub-group: 'Fredriksberg 2026-11-27 14:05', else '… (2)' when that one exists."""
    group = project.layerTreeRoot().findGroup(ROOT_GROUP)
    name, n = run_name, 2
    while group is not None and group.findGroup(name) is not None:
        name = f"{run_name} ({n})"
        n += 1
    return name
