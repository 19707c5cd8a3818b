"""Run Serviceperspektiv Processing algorithms as QgsTasks, outputs to files, layers added on success only."""
from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterVectorDestination,
    QgsProject,
    QgsSettings,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..i18n import tr

SETTING_OUTPUT_DIR = "serviceperspektiv/output_dir"


def output_dir() -> Path:
    """Results go to files (not memory) so a cancelled run can be cleaned up and results survive a save."""
    configured = QgsSettings().value(SETTING_OUTPUT_DIR, "", type=str)
    if configured:
        path = Path(configured)
    elif QgsProject.instance().homePath():
        path = Path(QgsProject.instance().homePath()) / "serviceperspektiv"
    else:
        path = Path(tempfile.gettempdir()) / "serviceperspektiv"
    path.mkdir(parents=True, exist_ok=True)
    return path


def remove_outputs(paths: dict[str, str]) -> None:
    for path in paths.values():
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.remove(path + suffix)
            except OSError:
                pass


class CollectingFeedback(QgsProcessingFeedback):
    """Keeps the error messages so the message bar can show what went wrong."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N802, N803 - QGIS API
        self.errors.append(error)
        super().reportError(error, fatalError)


class AlgorithmRunner(QObject):
    """One algorithm at a time (the dock disables its buttons meanwhile)."""

    progressChanged = pyqtSignal(float)  # noqa: N815 - Qt signal naming
    started = pyqtSignal(str)
    finished = pyqtSignal(bool, str)  # success, message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.task: QgsProcessingAlgRunnerTask | None = None
        self.feedback: CollectingFeedback | None = None
        self.context: QgsProcessingContext | None = None

    def busy(self) -> bool:
        return self.task is not None

    @staticmethod
    def algorithm(alg_id: str):
        return QgsApplication.processingRegistry().algorithmById(f"serviceperspektiv:{alg_id}")

    def run(self, alg_id: str, parameters: dict[str, Any], on_success: Callable[[dict, dict], None],
            description: str) -> bool:
        """Start ``alg_id``; ``on_success(results, output_files)`` runs in the main thread when it succeeds."""
        if self.busy():
            self.finished.emit(False, tr("Another analysis is running. Wait for it, or cancel it."))
            return False
        alg = self.algorithm(alg_id)
        if alg is None:
            self.finished.emit(False, tr("The algorithm '{}' is not available in this version of the plugin. "
                                         "Update Serviceperspektiv, or use the Processing Toolbox.").format(alg_id))
            return False
        params = {k: v for k, v in parameters.items() if alg.parameterDefinition(k) is not None and v is not None}
        outputs: dict[str, str] = {}
        stamp = time.strftime("%Y%m%d_%H%M%S")
        for definition in alg.destinationParameterDefinitions():
            name = definition.name()
            if name in params:
                continue
            if isinstance(definition, (QgsProcessingParameterFeatureSink, QgsProcessingParameterVectorDestination)):
                path = str(output_dir() / f"{alg_id}_{name.lower()}_{stamp}.gpkg")
                params[name] = QgsProcessingOutputLayerDefinition(path)
            elif isinstance(definition, QgsProcessingParameterFileDestination):
                suffix = definition.defaultFileExtension() or "html"
                path = str(output_dir() / f"{alg_id}_{name.lower()}_{stamp}.{suffix}")
                params[name] = path
            else:
                continue
            outputs[name] = path
        self.context = QgsProcessingContext()
        self.context.setProject(QgsProject.instance())
        self.feedback = CollectingFeedback()
        self.feedback.progressChanged.connect(self.progressChanged.emit)
        task = QgsProcessingAlgRunnerTask(alg, params, self.context, self.feedback)

        def executed(successful: bool, results: dict) -> None:
            self.task = None
            if not successful or self.feedback is None or self.feedback.isCanceled():
                remove_outputs(outputs)  # a cancelled or failed run leaves no partial layer
                cancelled = self.feedback is not None and self.feedback.isCanceled()
                message = tr("Cancelled: nothing was added to the project.") if cancelled else self._failure_text()
                self.finished.emit(False, message)
                return
            try:
                on_success(results, outputs)
            except Exception as error:  # noqa: BLE001 - show every failure in the message bar
                self.finished.emit(False, str(error))
                return
            self.finished.emit(True, description)

        task.executed.connect(executed)
        self.task = task
        self.started.emit(description)
        QgsApplication.taskManager().addTask(task)
        return True

    def _failure_text(self) -> str:
        errors = self.feedback.errors if self.feedback else []
        text = " ".join(dict.fromkeys(e.strip() for e in errors if e and e.strip()))  # each message once
        if not text and self.feedback is not None:
            log = self.feedback.textLog().strip().splitlines()
            text = log[-1] if log else ""
        return text or tr("The analysis failed. See the Processing log for details.")

    def cancel(self) -> None:
        if self.feedback is not None:
            self.feedback.cancel()
        if self.task is not None:
            self.task.cancel()
