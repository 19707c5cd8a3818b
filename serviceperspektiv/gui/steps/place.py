"""Step 6, Nulägesanalys: the current-state analysis (placeanalysis) of places, and its report.

The places are any polygon layer – SCB's tätorter or småorter first, then plan areas, then the rest
(a drawn area) – its selected features, else all of them. The run is the toolbox's (gui.tasks): the
table and the points land styled in the run's group; the panel shows one sentence per place and
offers the HTML report.
"""
from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer
from qgis.gui import QgsFieldComboBox
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QCheckBox, QComboBox, QLineEdit

from ... import definitions as d
from ...adapters.outputfolder import free_path, output_dir
from ...adapters.places import detect_name_field
from ...adapters.resultstyle import capital_type_label
from ...i18n import tr
from ...processing.summaries import place_summaries, place_text
from ..tasks import open_path
from ..widgets import Step, set_note
from .analysis import display_name
from .export import slug
from .plan import plan_candidates
from .plan import rank as plan_rank

DEFAULT_BANDS = "5,10,20,30"
PLACE_FIELDS = ("tatort", "tatortskod", "smaort")  # SCB's tätorter and småorter


def rank(layer: QgsVectorLayer) -> int:
    """0 places (SCB's tätorter or småorter, or tagged as places), 1 plan areas, 2 other polygons."""
    names = {name.lower() for name in layer.fields().names()}
    if str(layer.customProperty(d.PROP_ROLE, "")) == "places" or names & set(PLACE_FIELDS):
        return 0
    return 1 if plan_rank(layer) < 3 else 2


class PlaceStep(Step):
    def __init__(self, dock) -> None:
        super().__init__(tr("6. Current-state analysis"))
        self.dock = dock
        self.layer_combo = QComboBox()
        self.row(tr("Places"), self.layer_combo,
                 tr("A polygon layer with the places: SCB's tätorter or småorter, a drawn area or a plan area. Its "
                    "selected features are analysed, or all of them when nothing is selected."))
        self.name_field = QgsFieldComboBox()
        self.name_field.setAllowEmptyFieldName(True)
        self.row(tr("Place name field"), self.name_field, tr("The field that names the places (guessed: tatort, namn, "
                                                             "name, plannamn …). Empty: 'Område <id>'."))
        self.bands = QLineEdit(DEFAULT_BANDS)
        self.row(tr("Bands around the place (min)"), self.bands,
                 tr("How many people live within these travel times of the place, e.g. 5,10,20,30."))
        self.with_scenario = QCheckBox(tr("With the scenario of step 4"))
        self.with_scenario.setToolTip(tr("Also analyse the scenario: the new service points added on the map and "
                                         "the selected service points closed."))
        self.form.addRow(self.with_scenario)
        self.form.addRow(self.button(display_name("placeanalysis", tr("Current-state analysis")), self.run,
                                     tr("Population, service, travel times, underlag and spending potential of the "
                                        "places, compared with the whole municipality; a report with a map.")))
        self.summary = self.note()
        self.written = self.note()
        self.open_button = self.button(tr("Open"), self.open_report,
                                       tr("Open the current-state analysis report (HTML) in the web browser."))
        self.open_button.setVisible(False)
        self.form.addRow(self.open_button)
        self.report: Path | None = None
        self._pending = False
        self.layer_combo.currentIndexChanged.connect(lambda _i: self._layer_changed())
        # The layer tree, not the project: a layer joins the list once it has its place in the tree.
        root = QgsProject.instance().layerTreeRoot()
        root.addedChildren.connect(self._layers_changed)
        root.removedChildren.connect(self._layers_changed)
        dock.data.inputs.changed.connect(self._layers_changed)  # a layer chosen as population is no place
        dock.state.reset.connect(self._reset)
        self.refresh()

    def disconnect_project(self) -> None:
        root = QgsProject.instance().layerTreeRoot()
        for signal in (root.addedChildren, root.removedChildren, self.dock.data.inputs.changed):
            try:
                signal.disconnect(self._layers_changed)
            except (TypeError, RuntimeError):
                pass

    def _reset(self) -> None:
        set_note(self.summary, "")
        self.show_report(None)
        self.refresh()

    # -- the places ----------------------------------------------------------------------------------
    def _layers_changed(self, *_args) -> None:
        """Refresh once the project has finished changing: never while layers are being removed."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._refresh_pending)

    def _refresh_pending(self) -> None:
        self._pending = False
        self.refresh()

    def refresh(self, prefer: str | None = None) -> None:
        """Polygon layers, places first; a place or plan layer is chosen, other polygons only offered."""
        current = prefer or self.layer_combo.currentData()
        candidates = sorted(plan_candidates(QgsProject.instance()), key=rank)
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        self.layer_combo.addItem("", "")
        for layer in candidates:
            self.layer_combo.addItem(layer.name(), layer.id())
        index = self.layer_combo.findData(current) if current else -1
        if index < 0 and candidates and rank(candidates[0]) < 2:
            index = 1
        self.layer_combo.setCurrentIndex(max(index, 0))
        self.layer_combo.blockSignals(False)
        self._layer_changed()

    def _layer_changed(self) -> None:
        layer = self.layer()
        if layer is self.name_field.layer():
            return
        self.name_field.setLayer(layer)
        if layer is not None:
            self.name_field.setField(detect_name_field(layer.fields().names()) or "")

    def layer(self) -> QgsVectorLayer | None:
        layer = QgsProject.instance().mapLayer(self.layer_combo.currentData() or "")
        return layer if isinstance(layer, QgsVectorLayer) else None

    def set_layer(self, layer: QgsVectorLayer) -> None:
        self.refresh(layer.id())

    # -- the analysis ----------------------------------------------------------------------------------
    def run(self) -> bool:
        layer = self.layer()
        if layer is None or layer.featureCount() == 0:
            self.dock.error(tr("Choose a polygon layer with the places (SCB's tätorter, a drawn area or a plan "
                               "area) in step 6, and try again."))
            return False
        selected = layer.selectedFeatureCount() > 0  # the selected places, else all of them
        extra = {"PLACE": QgsProcessingFeatureSourceDefinition(layer.id(), selected),
                 "PLACE_NAME_FIELD": self.name_field.currentField() or None,
                 "BANDS": self.bands.text().strip() or DEFAULT_BANDS}
        if self.with_scenario.isChecked():
            change = self.dock.scenario.change()
            if change is None:
                self.dock.error(tr("The scenario of step 4 has no change: add a service point on the map or select "
                                   "service points to close, or untick the scenario."))
                return False
            extra.update(change)
        path = free_path(output_dir() / f"{slug(tr('current-state analysis'))}_{slug(self.file_name(layer, selected))}.html")
        extra["OUTPUT_HTML"] = str(path)
        set_note(self.summary, "")
        self.show_report(None)
        return self.dock.run_analysis("placeanalysis", extra, tr("current-state analysis"),
                                      lambda loaded: self.show_summary(loaded, path))

    def file_name(self, layer: QgsVectorLayer, selected: bool) -> str:
        """The one place's name, else the layer's name."""
        field = self.name_field.currentField()
        features = layer.selectedFeatures() if selected else (list(layer.getFeatures()) if layer.featureCount() == 1
                                                              else [])
        if field and len(features) == 1 and features[0][field] not in (None, ""):
            return str(features[0][field])
        return layer.name()

    def show_summary(self, loaded: dict, path: Path) -> None:
        table = loaded.get("place")
        if isinstance(table, QgsVectorLayer):
            set_note(self.summary, place_text(place_summaries(table), capital_type_label))
        self.show_report(path if path.is_file() else None)
        self.refresh()  # the new result layers are ours now (styled): never offered as places
        self.dock.analysis.refresh_types()

    def show_report(self, path: Path | None) -> None:
        self.report = path
        if path is not None:
            self.dock.state.files["place_report"] = path
        set_note(self.written, tr("Report: {}").format(path) if path else "")
        self.open_button.setVisible(path is not None)

    def open_report(self) -> None:
        if self.report is not None:
            open_path(self.report)

    def values(self) -> dict:
        return {"place_layer": self.layer_combo.currentData() or "", "place_name_field": self.name_field.currentField(),
                "place_bands": self.bands.text(), "place_scenario": self.with_scenario.isChecked()}

    def restore(self, values: dict) -> None:
        self.refresh(values.get("place_layer") or None)
        if values.get("place_name_field"):
            self.name_field.setField(str(values["place_name_field"]))
        self.bands.setText(str(values.get("place_bands") or DEFAULT_BANDS))
        self.with_scenario.setChecked(str(values.get("place_scenario", False)).lower() in ("true", "1"))
