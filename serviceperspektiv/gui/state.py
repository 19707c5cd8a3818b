"""The panel's shared state: which results this session produced, by layer id, never by layer object.

A removed layer is forgotten at once (its results are not used again); a new or opened project
resets the state, and an opened project's earlier results are found again by the properties the
output placement gave them.
"""
from __future__ import annotations

from pathlib import Path

from qgis.core import QgsMapLayer, QgsProject
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..adapters import layermeta

# Result kinds remembered (keys of ``results``) and the output of each algorithm they come from.
OUTPUT_KINDS: dict[str, dict[str, str]] = {
    "nearestservice": {"OUTPUT": "nearest"},
    "servicegaps": {"GAPS": "gaps", "STATS": "stats", "SUMMARY": "summary"},
    "catchments": {"OUTPUT": "catchments"},
    "allocation": {"OUTPUT": "allocation", "OUTPUT_AREAS": "allocation_areas"},
    "scenario": {"OUTPUT": "scenario", "CROSSINGS": "crossings", "UNDERLAG": "underlag"},
    "planareaprofile": {"OUTPUT": "profile"},
    "importdetaljplan": {"OUTPUT": "plan_area"},
    "placeanalysis": {"OUTPUT": "place", "OUTPUT_POINTS": "place_points"},
}
# Kinds found again in an opened project (the placement's kind property -> our key).
REDISCOVER = {"nearestservice": "nearest", "servicegaps": "gaps", "catchments": "catchments", "allocation": "allocation",
              "allocation_areas": "allocation_areas", "scenario": "scenario", "planareaprofile": "profile",
              "placeanalysis": "place"}


class PanelState(QObject):
    changed = pyqtSignal()
    reset = pyqtSignal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results: dict[str, str] = {}  # kind -> layer id
        self.files: dict[str, Path] = {}  # "report", "pdf", "place_report" -> last written file
        self.new_points_id: str = ""
        project = QgsProject.instance()
        project.layersWillBeRemoved.connect(self._forget)
        project.cleared.connect(self.clear)
        project.readProject.connect(self._project_read)

    def disconnect_project(self) -> None:
        project = QgsProject.instance()
        for signal, slot in ((project.layersWillBeRemoved, self._forget), (project.cleared, self.clear),
                             (project.readProject, self._project_read)):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass

    # -- results ---------------------------------------------------------------------------------
    def layer(self, kind: str) -> QgsMapLayer | None:
        """The current layer of a result kind; None when there is none or it was removed."""
        layer_id = self.results.get(kind) if kind != "new_points" else self.new_points_id
        layer = QgsProject.instance().mapLayer(layer_id) if layer_id else None
        if layer_id and layer is None:
            self._forget([layer_id])
        return layer

    def layer_id(self, kind: str) -> str | None:
        layer = self.layer(kind)
        return layer.id() if layer is not None else None

    def remember_outputs(self, alg_id: str, layers: dict[str, str]) -> dict[str, QgsMapLayer]:
        """Record the layers an algorithm's outputs were loaded as; returns kind -> layer."""
        kinds = OUTPUT_KINDS.get(alg_id, {})
        remembered = {}
        for output, layer_id in layers.items():
            kind = kinds.get(output)
            layer = QgsProject.instance().mapLayer(layer_id)
            if kind and layer is not None:
                self.results[kind] = layer_id
                remembered[kind] = layer
        self.changed.emit()
        return remembered

    def remember(self, kind: str, layer: QgsMapLayer) -> None:
        if kind == "new_points":
            self.new_points_id = layer.id()
        else:
            self.results[kind] = layer.id()
        self.changed.emit()

    def shown_layers(self) -> list[QgsMapLayer]:
        """Result layers that show one service type (the picker switches them)."""
        layers = [self.layer(kind) for kind in ("nearest", "gaps", "catchments", "allocation", "allocation_areas",
                                                "scenario", "place")]
        return [layer for layer in layers if layer is not None]

    def result_types(self) -> list[str]:
        types: list[str] = []
        for layer in self.shown_layers():
            types += [t for t in layermeta.types(layer) if t not in types]
        return types

    def _forget(self, layer_ids) -> None:
        gone = set(layer_ids)
        before = (dict(self.results), self.new_points_id)
        self.results = {kind: i for kind, i in self.results.items() if i not in gone}
        if self.new_points_id in gone:
            self.new_points_id = ""
        if (self.results, self.new_points_id) != before:
            self.changed.emit()

    def clear(self) -> None:
        self.results.clear()
        self.files.clear()
        self.new_points_id = ""
        self.reset.emit()
        self.changed.emit()

    def _project_read(self, *_args) -> None:
        """A project was opened: start over, then find its earlier results (latest per kind)."""
        self.results.clear()
        self.files.clear()
        self.new_points_id = ""
        for node in QgsProject.instance().layerTreeRoot().findLayers():
            layer = node.layer()
            kind = REDISCOVER.get(layermeta.kind(layer)) if layer is not None else None
            if kind and kind not in self.results:
                self.results[kind] = layer.id()  # the tree lists the newest run first
        self.reset.emit()
        self.changed.emit()


def is_imported_plan(layer: QgsMapLayer) -> bool:
    """A plan area imported or fetched as a detaljplan (its output placement or metadata says so)."""
    return layermeta.kind(layer) == "plan_area" or layermeta.layer_algorithm(layer) in ("importdetaljplan",
                                                                                        "fetchdetaljplan")

