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
    QgsVectorLayer,
    QgsWkbTypes,
)

from .resources import style_path

ROOT_GROUP = "Serviceperspektiv"

# Processing keeps only a raw pointer to post-processors: hold a Python reference ourselves.
_KEEP: list = []


def run_group_name(area: str, when: Optional[datetime] = None) -> str:
    """'Fredriksberg 2026-11-27 14:05' – sub-group per run, named by area and date."""
    when = when or datetime.now()
    return f"{area or ROOT_GROUP} {when:%Y-%m-%d %H:%M}"


def result_group(project: QgsProject, run_name: str) -> QgsLayerTreeGroup:
    """The run's sub-group under 'Serviceperspektiv', created when missing."""
    root = project.layerTreeRoot()
    group = root.findGroup(ROOT_GROUP)
    if group is None:
        group = root.insertGroup(0, ROOT_GROUP)
    sub = group.findGroup(run_name)
    if sub is None:
        sub = group.addGroup(run_name)
    return sub


def add_result_layer(project: QgsProject, layer: QgsMapLayer, run_name: str) -> None:
    """Put one of our result layers into the run's group (moving only that layer's node)."""
    group = result_group(project, run_name)
    root = project.layerTreeRoot()
    if project.mapLayer(layer.id()) is None:
        project.addMapLayer(layer, False)
    node = root.findLayer(layer.id())
    if node is not None and node.parent() is group:
        return
    group.addLayer(layer)
    if node is not None and node.parent() is not None:
        node.parent().removeChildNode(node)


def apply_style(layer: QgsMapLayer, name) -> bool:
    """Load resources/styles/<name>.qml (or <name>_point.qml for points); False when not shipped.

    ``name`` may also be a function that styles the layer itself (fields known only at run time).
    """
    if layer is None:
        return False
    if callable(name):
        name(layer)
        layer.triggerRepaint()
        return True
    path = None
    if isinstance(layer, QgsVectorLayer) and layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry:
        path = style_path(f"{name}_point")
    path = path or style_path(name)
    if path is None:
        return False
    _message, ok = layer.loadNamedStyle(str(path))
    if ok:
        layer.triggerRepaint()
    return bool(ok)


class GroupPostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Applies our style and moves the loaded layer into the run's group."""

    def __init__(self, run_name: str, style: Optional[str]) -> None:
        super().__init__()
        self.run_name = run_name
        self.style = style

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS API
        if self.style:
            apply_style(layer, self.style)
        project = context.project() or QgsProject.instance()
        add_result_layer(project, layer, self.run_name)

    @classmethod
    def create(cls, run_name: str, style: Optional[str]) -> "GroupPostProcessor":
        instance = cls(run_name, style)
        _KEEP.append(instance)
        return instance


def place_outputs(context, outputs: dict[str, Optional[str]], run_name: str) -> None:
    """For each output id -> style name: style the layer, and group it when QGIS loads it."""
    for dest_id, style in outputs.items():
        layer = QgsProcessingUtils.mapLayerFromString(dest_id, context) if style else None
        if layer is not None:
            apply_style(layer, style)
        if context.willLoadLayerOnCompletion(dest_id):
            details = context.layerToLoadOnCompletionDetails(dest_id)
            details.setPostProcessor(GroupPostProcessor.create(run_name, style))
