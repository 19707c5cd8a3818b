"""Step 5, Planområde: a plan area (an imported detaljplan first, or any polygon layer) and its profile."""
from __future__ import annotations

from qgis.core import QgsMapLayer, QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer
from qgis.PyQt.QtWidgets import QComboBox, QFileDialog

from ... import definitions as d
from ...adapters.resultstyle import capital_type_label
from ...i18n import tr
from ...processing.summaries import profile_summaries, profile_text
from ..state import is_imported_plan
from ..widgets import Step, set_note


def _polygon(layer: QgsMapLayer) -> bool:
    from qgis.core import Qgis, QgsWkbTypes

    from ...adapters.compat import enum

    polygon = enum((Qgis, "GeometryType", "Polygon"), QgsWkbTypes.GeometryType, "PolygonGeometry")
    return isinstance(layer, QgsVectorLayer) and layer.isSpatial() and layer.geometryType() == polygon


def plan_candidates(project: QgsProject) -> list[QgsVectorLayer]:
    """Polygon layers in the layer tree's order, imported plan areas first, then other imported plan
    layers (land use), then the rest; never our own result layers."""
    layers = [node.layer() for node in project.layerTreeRoot().findLayers() if _polygon(node.layer())]
    own = set(d.RESULT_NAMES) - {"plan_area", "plan_landuse"}  # imported plans are inputs, the rest our results
    layers = [layer for layer in layers if str(layer.customProperty(d.PROP_KIND, "")) not in own]
    layers = [layer for layer in layers if str(layer.customProperty(d.PROP_ROLE, "")) not in ("population", "services")]
    return sorted(layers, key=rank)


def rank(layer: QgsVectorLayer) -> int:
    """0 an imported plan area, 1 other imported plan layers, 2 a layer tagged as plan, 3 the rest."""
    if is_imported_plan(layer):
        return 0 if str(layer.customProperty(d.PROP_KIND, "")) == "plan_area" else 1
    return 2 if str(layer.customProperty(d.PROP_ROLE, "")) == "plan" else 3


class PlanStep(Step):
    def __init__(self, dock) -> None:
        super().__init__(tr("5. Plan area"))
        self.dock = dock
        self.layer_combo = QComboBox()
        self.row(tr("Plan area"), self.layer_combo,
                 tr("A polygon layer with the plan area; imported detaljplaner come first. Its selected feature is "
                    "used, or the whole plan when nothing is selected."))
        self.form.addRow(self.button(tr("Import detaljplan…"), self.import_plan,
                                     tr("Read a digital detaljplan file (SS 637040 or the national JSON format).")))
        self.form.addRow(self.button(tr("Plan area profile"), self.run,
                                     tr("Population in and around the plan area and the travel times from it.")))
        self.summary = self.note()
        project = QgsProject.instance()
        project.layersAdded.connect(self._layers_added)
        project.layersRemoved.connect(self._layers_removed)
        dock.state.reset.connect(lambda: (set_note(self.summary, ""), self.refresh()))
        self.refresh()

    def disconnect_project(self) -> None:
        project = QgsProject.instance()
        for signal, slot in ((project.layersAdded, self._layers_added), (project.layersRemoved, self._layers_removed)):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass

    def _layers_removed(self, _ids) -> None:
        self.refresh()

    # -- the plan layer ------------------------------------------------------------------------------
    def refresh(self, prefer: str | None = None) -> None:
        current = prefer or self.layer_combo.currentData()
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        self.layer_combo.addItem("", "")
        candidates = plan_candidates(QgsProject.instance())
        for layer in candidates:
            suffix = " – " + tr("detaljplan") if is_imported_plan(layer) else ""
            self.layer_combo.addItem(layer.name() + suffix, layer.id())
        index = self.layer_combo.findData(current) if current else -1
        if index < 0 and candidates and rank(candidates[0]) < 3:
            index = 1  # an imported plan (or the demo's plan area) is chosen; other polygons only offered
        self.layer_combo.setCurrentIndex(max(index, 0))
        self.layer_combo.blockSignals(False)

    def _layers_added(self, layers) -> None:
        """A newly imported plan area is chosen at once; other layers only join the list."""
        plans = [layer for layer in layers if _polygon(layer) and is_imported_plan(layer)
                 and str(layer.customProperty(d.PROP_KIND, "")) == "plan_area"]
        self.refresh(plans[-1].id() if plans else None)

    def set_layer(self, layer: QgsVectorLayer) -> None:
        self.refresh(layer.id())

    def layer(self) -> QgsVectorLayer | None:
        layer = QgsProject.instance().mapLayer(self.layer_combo.currentData() or "")
        return layer if isinstance(layer, QgsVectorLayer) else None

    # -- import and profile --------------------------------------------------------------------------
    def import_plan(self, path: str | None = None) -> bool:
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(self, tr("Import detaljplan"), "", tr(d.PLAN_FILE_FILTER))
        if not path:
            return False

        def done(_results: dict, layers: dict) -> None:
            plan = QgsProject.instance().mapLayer(layers.get("OUTPUT", ""))
            if plan is not None:
                self.refresh(plan.id())
        return self.dock.runner.run("importdetaljplan", {"FILE": path}, done, tr("import detaljplan"))

    def run(self) -> bool:
        layer = self.layer()
        if layer is None or layer.featureCount() == 0:
            self.dock.error(tr("Choose a polygon layer with the plan area (planområde), or import a detaljplan, and "
                               "try again."))
            return False
        selected = layer.selectedFeatureCount() > 0  # the selected plan, else the whole plan
        extra = {"PLAN_AREA": QgsProcessingFeatureSourceDefinition(layer.id(), selected)}
        return self.dock.run_analysis("planareaprofile", extra, tr("plan area profile"), self.show_summary)

    def show_summary(self, loaded: dict) -> None:
        layer = loaded.get("profile")
        if isinstance(layer, QgsVectorLayer):
            types = self.dock.data.checked_types()
            set_note(self.summary, profile_text(profile_summaries(layer), capital_type_label, types))

    def values(self) -> dict:
        return {"plan_layer": self.layer_combo.currentData() or ""}

    def restore(self, values: dict) -> None:
        self.refresh(values.get("plan_layer") or None)
