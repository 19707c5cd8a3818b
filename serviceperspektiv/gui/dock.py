"""The "Serviceperspektiv" panel: seven small steps over one shared state, and a progress line.

Thin: every computation is a Processing algorithm run like the toolbox runs it (gui.tasks), every map is
the exportmap algorithm. The panel keeps layer ids, never layer objects, and starts over when the project
is cleared or another one is opened. Public methods (``load_demo_data``, ``run_nearest`` …) are what the
buttons call, so tests and the demo drive the panel exactly as a user does.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qgis.core import Qgis, QgsMapLayer, QgsMessageLog
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QObject, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import definitions as d
from ..i18n import tr
from . import persist
from .state import PanelState
from .steps.analysis import AnalysisStep
from .steps.area import AreaStep
from .steps.data import DataStep
from .steps.export import ExportStep
from .steps.inputs import InputsError
from .steps.place import PlaceStep
from .steps.plan import PlanStep
from .steps.scenario import ScenarioStep
from .tasks import LOG_TAG, AlgorithmRunner
from .widgets import fit_narrow, help_button, zoom_canvas


class ServiceDock(QgsDockWidget):
    busyChanged = pyqtSignal(bool)  # noqa: N815 - Qt signal naming

    def __init__(self, iface, parent=None) -> None:
        super().__init__(tr("Serviceperspektiv"), parent)
        self.setObjectName("ServiceperspektivDock")
        self.iface = iface
        self.runner = AlgorithmRunner(self)
        self.state = PanelState(self)
        self._restoring = False
        self.area, self.data, self.analysis = AreaStep(self), DataStep(self), AnalysisStep(self)
        self.scenario, self.plan, self.place = ScenarioStep(self), PlanStep(self), PlaceStep(self)
        self.export = ExportStep(self)
        self.steps = (self.area, self.data, self.analysis, self.scenario, self.plan, self.place, self.export)
        self._build()
        self.runner.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self.runner.started.connect(lambda text: self.set_busy(True, text))
        self.runner.finished.connect(self._task_finished)
        self.state.reset.connect(self._project_changed)
        self.restore_state()

    def _build(self) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        for step in self.steps:
            column.addWidget(step)
        column.addStretch(1)
        scroll = self.scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QWidget()
        layout = QVBoxLayout(outer)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(scroll)
        bottom = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setToolTip(tr("Stop the running analysis; nothing is added to the project."))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.runner.cancel)
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(help_button())
        layout.addLayout(bottom)
        self.status = QLabel(tr("Ready."))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.setWidget(outer)
        fit_narrow(self)
        for step in self.steps:  # every choice is remembered per project
            for combo in step.findChildren(QComboBox):
                combo.currentIndexChanged.connect(self._changed)
            for edit in step.findChildren(QLineEdit):
                edit.editingFinished.connect(self._changed)
            for check in step.findChildren(QCheckBox):
                check.toggled.connect(self._changed)

    def _changed(self, *_args) -> None:
        self.save_state()

    @property
    def buttons(self) -> list[QPushButton]:
        return [button for step in self.steps for button in step.buttons]

    # -- shared services for the steps ------------------------------------------------------------------
    def mode_index(self) -> int:
        return self.analysis.mode.currentIndex()

    def area_parameters(self) -> dict[str, Any]:
        return self.area.parameters()

    def run_analysis(self, alg_id: str, extra: dict[str, Any], description: str,
                     then: Callable[[dict[str, QgsMapLayer]], None] | None = None) -> bool:
        """Run a network algorithm on the chosen layers + ``extra``; remember what it loaded."""
        try:
            params = {**self.data.inputs.network_parameters(self.mode_index()), **extra}
        except (InputsError, d.ClassError) as error:
            self.error(str(error))
            return False
        self.save_state()

        def done(_results: dict, layers: dict[str, str]) -> None:
            loaded = self.state.remember_outputs(alg_id, layers)
            if then is not None:
                then(loaded)
        return self.runner.run(alg_id, params, done, description)

    def after_task(self, step: Callable[[], None]) -> None:
        """Start the next step once the runner has reported the current one as finished."""
        def next_step(*_args) -> None:
            self.runner.finished.disconnect(next_step)
            step()
        self.runner.finished.connect(next_step)

    def demo_loaded(self, plan_layer: QgsMapLayer) -> None:
        self.plan.set_layer(plan_layer)
        self.place.refresh()  # the plan area is tagged now: offered before other polygons
        self.area.layer.setLayer(plan_layer)

    def scroll_to(self, step: QWidget) -> None:
        self.scroll.ensureWidgetVisible(step, 0, 0)

    def zoom_to(self, layer: QgsMapLayer | None) -> None:
        zoom_canvas(self.iface, layer)

    # -- the buttons (also what tests and the demo call) --------------------------------------------------
    def load_demo_data(self, path: str | None = None) -> bool:
        return self.data.load_demo(path)

    def fetch_data(self) -> None:
        self.data.fetch()

    def run_nearest(self) -> bool:
        return self.analysis.run_nearest()

    def run_gaps(self) -> bool:
        return self.analysis.run_gaps()

    def run_catchments(self) -> bool:
        return self.analysis.run_catchments()

    def run_allocation(self) -> bool:
        return self.analysis.run_allocation()

    def add_scenario_point(self, point) -> None:
        self.scenario.add_point(point)

    def run_scenario(self) -> bool:
        return self.scenario.run()

    def run_plan_profile(self) -> bool:
        return self.plan.run()

    def run_place_analysis(self) -> bool:
        return self.place.run()

    def export_pdf(self, path: str | None = None, template: int | None = None):
        return self.export.export_pdf(path, template)

    def run_report(self) -> bool:
        return self.export.run_report()

    @property
    def results(self) -> dict[str, QgsMapLayer]:
        """The session's current result layers by kind (removed ones are gone)."""
        layers = {kind: self.state.layer(kind) for kind in list(self.state.results)}
        return {kind: layer for kind, layer in layers.items() if layer is not None}

    # -- messages and progress ---------------------------------------------------------------------------
    def message(self, text: str, level=Qgis.MessageLevel.Info, duration: int = 6) -> None:
        self.status.setText(text)
        if self.iface is not None and self.iface.messageBar() is not None:
            self.iface.messageBar().pushMessage("Serviceperspektiv", text, level, duration)

    def error(self, text: str) -> None:
        """One clear line in the panel and the message bar; the details are in the log already."""
        QgsMessageLog.logMessage(text, LOG_TAG, Qgis.MessageLevel.Warning)
        self.message(text, Qgis.MessageLevel.Critical, 0)

    def set_busy(self, busy: bool, text: str = "") -> None:
        if busy:
            self.progress.setValue(0)
            self.status.setText(tr("Running: {}").format(text))
        self.cancel_button.setEnabled(busy and self.runner.busy())
        for step in self.steps:
            step.set_busy(busy)
        self.busyChanged.emit(busy)

    def _task_finished(self, success: bool, text: str) -> None:
        self.set_busy(False)
        self.progress.setValue(100 if success else 0)
        if success:
            self.message(tr("Done: {}").format(text), Qgis.MessageLevel.Success, 5)
        else:
            self.error(text)

    def _project_changed(self) -> None:
        """A new or opened project: nothing of the old one is used; its own choices come back."""
        if self.runner.busy():
            self.runner.cancel()
        self.restore_state()
        self.analysis.refresh_types()
        self.status.setText(tr("Ready."))
        self.progress.setValue(0)

    # -- choices per project -----------------------------------------------------------------------------
    def save_state(self) -> None:
        if not self._restoring:
            persist.save({key: value for step in self.steps for key, value in step.values().items()})

    def restore_state(self) -> None:
        self._restoring = True
        try:
            values = persist.load()
            for step in self.steps:
                step.restore(values)
        finally:
            self._restoring = False

    def unload(self) -> None:
        if self.runner.busy():
            self.runner.cancel()
        self.scenario.unload()
        for step in (self.plan, self.place, self.state):
            step.disconnect_project()
        # The dock is deleted later; its widgets then emit while Qt tears them down (a layer combo
        # whose model empties), into Python slots whose objects may already be collected: a crash.
        for child in self.findChildren(QObject):
            child.blockSignals(True)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.save_state()
        super().closeEvent(event)
