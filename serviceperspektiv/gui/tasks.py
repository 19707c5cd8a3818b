"""Run our Processing algorithms from the panel exactly as the toolbox does.

Outputs go to files in the output folder and are loaded on completion by Processing's own result
handling, so the algorithms' placement (style, name, group) applies as in the toolbox. Layers are
added on success only; a failed or cancelled run leaves no file behind.
"""
from __future__ import annotations

import gc
import os
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsExpressionContextUtils,
    QgsMessageLog,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterVectorDestination,
    QgsProject,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..adapters.outputfolder import free_path, output_dir
from ..adapters.processingresults import load_results
from ..i18n import tr

LOG_TAG = "Serviceperspektiv"


def remove_outputs(paths: dict[str, str]) -> None:
    for path in paths.values():
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.remove(path + suffix)
            except OSError:
                pass


class CollectingFeedback(QgsProcessingFeedback):
    """Keeps the error messages so the panel can show what went wrong."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N802, N803 - QGIS API
        self.errors.append(error)
        super().reportError(error, fatalError)


TECHNICAL = ("HTTPConnectionPool", "Errno", "Caused by", "object at 0x", "Traceback", "urllib3", "requests.")


def first_line(text: str) -> str:
    """One clear line for the panel: the first line of the first message, without the technical
    tail of a network error (the whole message goes to the log)."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    if any(marker in line for marker in TECHNICAL) and ": " in line:
        line = line.split(": ", 1)[0].rstrip(".") + ". " + tr("Details are in the log (Serviceperspektiv).")
    return line if len(line) <= 300 else line[:297] + "…"


class AlgorithmRunner(QObject):
    """One algorithm at a time (the panel disables its buttons meanwhile)."""

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

    def _prepare(self, alg_id: str, parameters: dict[str, Any]):
        alg = self.algorithm(alg_id)
        if alg is None:
            raise LookupError(tr("The algorithm '{}' is not available in this version of the plugin. Update "
                                 "Serviceperspektiv, or use the Processing Toolbox.").format(alg_id))
        params = {k: v for k, v in parameters.items() if v is not None}  # None: not set; unknown keys fail in the alg
        project = QgsProject.instance()
        outputs: dict[str, str] = {}
        stamp = time.strftime("%Y%m%d_%H%M%S")
        folder = output_dir()
        for definition in alg.destinationParameterDefinitions():
            name = definition.name()
            if name in params:
                if isinstance(params[name], str):
                    outputs[name] = params[name]
                continue
            if isinstance(definition, (QgsProcessingParameterFeatureSink, QgsProcessingParameterVectorDestination)):
                path = str(free_path(folder / f"{alg_id}_{name.lower()}_{stamp}.gpkg"))
                output = QgsProcessingOutputLayerDefinition(path, project)
                output.destinationName = definition.description()
                params[name] = output
            elif isinstance(definition, QgsProcessingParameterFileDestination):
                suffix = definition.defaultFileExtension() or "html"
                path = str(free_path(folder / f"{alg_id}_{stamp}.{suffix}"))
                params[name] = path
            else:
                continue
            outputs[name] = path
        context = QgsProcessingContext()
        context.setProject(project)
        return alg, params, outputs, context

    def run(self, alg_id: str, parameters: dict[str, Any], on_success: Callable[[dict, dict], None],
            description: str) -> bool:
        """Start ``alg_id``; ``on_success(results, layers)`` runs in the main thread when it succeeds.

        ``layers`` maps each output name to the id of the layer Processing loaded for it.
        """
        if self.busy():
            self.finished.emit(False, tr("Another analysis is running. Wait for it, or cancel it."))
            return False
        try:
            alg, params, outputs, self.context = self._prepare(alg_id, parameters)
        except LookupError as error:
            self.finished.emit(False, str(error))
            return False
        self.feedback = CollectingFeedback()
        self.feedback.progressChanged.connect(self.progressChanged.emit)
        task = QgsProcessingAlgRunnerTask(alg, params, self.context, self.feedback)
        context, feedback = self.context, self.feedback

        def executed(successful: bool, results: dict) -> None:
            self.task = None
            try:
                if not successful or feedback.isCanceled():
                    remove_outputs(outputs)  # a cancelled or failed run leaves no partial layer
                    message = tr("Cancelled: nothing was added to the project.") if feedback.isCanceled() \
                        else self._failure_text(alg_id, feedback)
                    self.finished.emit(False, message)
                    return
                self._succeeded(alg, context, feedback, params, outputs, results, on_success, description)
            except Exception:  # noqa: BLE001 - an exception escaping a Qt slot aborts the process (PyQt >= 5.5)
                QgsMessageLog.logMessage(f"{description}:\n{traceback.format_exc()}", LOG_TAG,
                                         Qgis.MessageLevel.Critical)
                self.finished.emit(False, tr("The analysis failed. See the log (Serviceperspektiv) for details."))

        task.executed.connect(executed)
        self.task = task
        self.started.emit(description)
        # Collect Python's garbage now, in the main thread: Qt objects (slot proxies of closed widgets,
        # layer wrappers) must not be freed by the cyclic collector running in the task's worker thread.
        gc.collect()
        # QGIS caches the project's expression scope on first use; two threads filling that cache at
        # once (the task, and the legend or canvas in the main thread) can crash QGIS 3.22. Fill it here,
        # last, so that nothing above empties it again (and the worker never does: processing/mainthread.py).
        QgsExpressionContextUtils.projectScope(QgsProject.instance())
        QgsApplication.taskManager().addTask(task)
        return True

    def run_now(self, alg_id: str, parameters: dict[str, Any]) -> dict:
        """Run in the main thread (algorithms that need it, e.g. layouts); raise RuntimeError on failure."""
        alg, params, _outputs, context = self._prepare(alg_id, parameters)
        feedback = CollectingFeedback()
        results, ok = alg.run(params, context, feedback)
        if not ok:
            raise RuntimeError(self._failure_text(alg_id, feedback))
        return results

    def _succeeded(self, alg, context, feedback, params, outputs, results, on_success, description) -> None:
        project = QgsProject.instance()
        before = set(project.mapLayers())
        load_results(alg, context, feedback, params)
        layers: dict[str, str] = {}
        for layer_id in set(project.mapLayers()) - before:
            source = project.mapLayer(layer_id).source().split("|")[0]
            for name, path in outputs.items():
                if os.path.abspath(source) == os.path.abspath(path):
                    layers[name] = layer_id
        try:
            on_success(results, layers)
        except Exception as error:  # noqa: BLE001 - every failure goes to the panel, details to the log
            QgsMessageLog.logMessage(f"{description}: {error!r}", LOG_TAG, Qgis.MessageLevel.Critical)
            self.finished.emit(False, first_line(str(error)) or tr("The analysis failed. See the log for details."))
            return
        self.finished.emit(True, description)

    @staticmethod
    def _failure_text(alg_id: str, feedback: CollectingFeedback) -> str:
        errors = [e.strip() for e in feedback.errors if e and e.strip()]
        details = "\n".join(dict.fromkeys(errors)) or feedback.textLog().strip()
        QgsMessageLog.logMessage(f"{alg_id}:\n{details}", LOG_TAG, Qgis.MessageLevel.Warning)
        line = first_line(errors[0]) if errors else ""
        if not line or line.startswith("Traceback"):
            return tr("The analysis failed. See the log (Serviceperspektiv) for details.")
        return line

    def cancel(self) -> None:
        if self.feedback is not None:
            self.feedback.cancel()
        if self.task is not None:
            self.task.cancel()


def open_path(path: str | Path) -> None:
    """Open a written report or PDF with the system's program."""
    from qgis.PyQt.QtCore import QUrl
    from qgis.PyQt.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
