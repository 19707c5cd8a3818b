"""Step 7, Export: the PDF map (the exportmap algorithm) and the HTML report of the whole session."""
from __future__ import annotations

import re
from pathlib import Path

from qgis.core import Qgis, QgsProject
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit

from ... import definitions as d
from ...adapters.outputfolder import chosen_dir, default_dir, free_path, output_dir, set_chosen_dir
from ...i18n import tr
from ...layouts.builder import result_layers_in_group
from ...layouts.catalogue import ui_language
from ..tasks import open_path
from ..widgets import Step, set_note

REPORT_INPUTS = (("NEAREST", "nearest"), ("STATS", "stats"), ("SUMMARY", "summary"), ("CROSSINGS", "crossings"),
                 ("UNDERLAG", "underlag"), ("SCENARIO", "scenario"), ("PROFILE", "profile"))


def slug(text: str) -> str:
    return re.sub(r"[^\w]+", "_", text.strip().lower()).strip("_") or "serviceperspektiv"


class ExportStep(Step):
    def __init__(self, dock) -> None:
        super().__init__(tr("7. Export"))
        self.dock = dock
        self.template = QComboBox()
        self.template.addItems([tr(label) for _key, label in d.TEMPLATES])
        self.template.setCurrentIndex(d.DEFAULT_TEMPLATE)
        self.row(tr("Template"), self.template, tr("The page: A4 portrait, A4 landscape or A3 landscape (or your "
                                                   "house template of the same name, see the settings)."))
        self.title = QLineEdit(tr("Access to everyday service"))
        self.row(tr("Title"), self.title, tr("The map's title."))
        self.extent = QComboBox()
        self.extent.addItems([tr(choice) for choice in d.EXTENT_CHOICES])
        self.row(tr("Map shows"), self.extent, tr("What the PDF map shows: the map view as it is now, or the plan "
                                                  "area (step 5) and its surroundings."))
        self.atlas = QCheckBox(tr("One page per service type (atlas)"))
        self.atlas.setToolTip(tr("A page for every service type of the result, in one PDF."))
        self.form.addRow(self.atlas)
        self.folder = QgsFileWidget()
        self.folder.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.folder.setMinimumWidth(80)
        self.row(tr("Output folder"), self.folder, tr("Where results, maps and reports are written. Empty: the folder "
                                                      "'serviceperspektiv' next to the saved project."))
        self.folder.fileChanged.connect(lambda path: set_chosen_dir(path))
        row = QHBoxLayout()
        row.addWidget(self.button(tr("PDF map"), lambda: self.export_pdf(),
                                  tr("A PDF map of the visible results; the layout stays in the layout manager.")))
        row.addWidget(self.button(tr("HTML report"), self.run_report,
                                  tr("A report of everything run in this session: travel times, gaps, scenario, "
                                     "plan area.")))
        self.form.addRow(row)
        self.written = self.note()
        self.open_button = self.button(tr("Open"), self.open_last, tr("Open the last written map or report."))
        self.open_button.setVisible(False)
        self.form.addRow(self.open_button)
        self.last: Path | None = None
        dock.state.reset.connect(self.refresh_folder)
        self.refresh_folder()

    def refresh_folder(self) -> None:
        self.folder.blockSignals(True)
        self.folder.setFilePath(chosen_dir())
        self.folder.blockSignals(False)
        self.folder.lineEdit().setPlaceholderText(str(default_dir()))
        self.show_written(None)

    def show_written(self, path: Path | None) -> None:
        self.last = path
        set_note(self.written, tr("Written: {}").format(path) if path else "")
        self.open_button.setVisible(path is not None)

    def open_last(self) -> None:
        if self.last is not None:
            open_path(self.last)

    # -- PDF ---------------------------------------------------------------------------------------
    def export_pdf(self, path: str | None = None, template: int | None = None) -> Path | None:
        """Run exportmap on the visible results (in the main thread: layouts live there)."""
        project = QgsProject.instance()
        template = self.template.currentIndex() if template is None else template
        layers = result_layers_in_group(project)
        if not layers:
            self.dock.error(tr("There is no visible result to put on the map. Run an analysis in step 3 first."))
            return None
        plan = self.dock.plan.layer()
        params = {"TEMPLATE": template, "TITLE": self.title.text(), "LAYERS": [layer.id() for layer in layers],
                  "ATLAS_BY_TYPE": self.atlas.isChecked(), "AREA_NAME": self.dock.area.name(),
                  "PLAN_AREA": plan.id() if plan is not None else None,
                  "ROADS": self.dock.data.inputs.roads.currentLayer().id() if self.dock.data.inputs.roads.currentLayer()
                  else None, "SERVICES": self.dock.data.inputs.services.currentLayer().id()
                  if self.dock.data.inputs.services.currentLayer() else None,
                  "SERVICE_TYPE": self.dock.analysis.shown_type(), "STATS": self.dock.state.layer_id("stats")}
        if self.extent.currentIndex() == 1:
            if plan is None:
                self.dock.error(tr("The map should show the plan area: choose a plan area in step 5, or let the map "
                                   "show the current view."))
                return None
        elif self.dock.iface is not None:
            canvas = self.dock.iface.mapCanvas()
            rect = canvas.extent()
            crs = canvas.mapSettings().destinationCrs().authid()
            params["EXTENT"] = f"{rect.xMinimum()},{rect.xMaximum()},{rect.yMinimum()},{rect.yMaximum()} [{crs}]"
        target = free_path(Path(path) if path else output_dir() / f"{slug(self.title.text())}_{d.TEMPLATE_KEYS[template]}.pdf")
        params["OUTPUT"] = str(target)
        self.dock.set_busy(True, tr("PDF map"))
        try:
            results = self.dock.runner.run_now("exportmap", params)
        except (RuntimeError, LookupError) as error:
            self.dock.error(str(error))
            return None
        finally:
            self.dock.set_busy(False)
        self.dock.state.files["pdf"] = target
        self.show_written(target)
        self.dock.message(tr("The PDF map is saved: {}. The layout '{}' is in the layout manager.").format(
            target, results.get("LAYOUT", "")), Qgis.MessageLevel.Success)
        return target

    # -- report ------------------------------------------------------------------------------------
    def run_report(self) -> bool:
        params = {key: self.dock.state.layer_id(kind) for key, kind in REPORT_INPUTS}
        if not any(params.values()):
            self.dock.error(tr("There is nothing to report yet. Run an analysis in steps 3–5 first."))
            return False
        params.update({"CLASSES": self.dock.analysis.classes_text(), "TITLE": self.title.text(),
                       "LANGUAGE": 0 if ui_language() == "sv" else 1,
                       "OUTPUT": str(free_path(output_dir() / f"{slug(tr('report'))}.html"))})

        def done(results: dict, _layers: dict) -> None:
            path = Path(str(results.get("OUTPUT", "")))
            self.dock.state.files["report"] = path
            self.show_written(path)
        return self.dock.runner.run("report", params, done, tr("HTML report"))

    def values(self) -> dict:
        return {"template": self.template.currentIndex(), "title": self.title.text(), "atlas": self.atlas.isChecked(),
                "extent": self.extent.currentIndex()}

    def restore(self, values: dict) -> None:
        self.template.setCurrentIndex(int(values.get("template", d.DEFAULT_TEMPLATE)))
        self.title.setText(str(values.get("title", tr("Access to everyday service"))))
        self.atlas.setChecked(str(values.get("atlas", False)).lower() in ("true", "1"))
        self.extent.setCurrentIndex(int(values.get("extent", 0)))
