"""Step 3, Analys: travel mode and class limits, the four analyses, and the service type the map shows."""
from __future__ import annotations

from qgis.core import QgsProcessingFeatureSourceDefinition, QgsVectorLayer
from qgis.PyQt.QtWidgets import QComboBox, QGridLayout, QLineEdit

from ... import definitions as d
from ...adapters.resultstyle import show_type
from ...i18n import tr
from ...layouts import catalogue
from ..tasks import AlgorithmRunner
from ..widgets import Step, set_note


def display_name(alg_id: str, fallback: str) -> str:
    """The toolbox's name of the algorithm, so that the panel and the toolbox say the same."""
    alg = AlgorithmRunner.algorithm(alg_id)
    return alg.displayName() if alg is not None else fallback


class AnalysisStep(Step):
    def __init__(self, dock) -> None:
        super().__init__(tr("3. Analysis"))
        self.dock = dock
        self.mode = QComboBox()
        self.mode.addItems([tr(label) for label in d.MODE_LABELS])
        self.row(tr("Travel mode"), self.mode, tr("Car, bike or walk: the speeds and the roads each mode may use."))
        self.classes = QLineEdit(d.DEFAULT_CLASSES_TEXT)
        self.row(tr("Class limits (min)"), self.classes,
                 tr("Travel-time classes in minutes, e.g. 5,10,20,30. They apply to the map style, the legend, the "
                    "statistics table, the travel-time zones and the report alike."))
        self.threshold = QLineEdit("")
        self.threshold.setPlaceholderText(tr("default: the plugin's thresholds per type"))
        self.row(tr("Service gap threshold"), self.threshold,
                 tr("Where a service gap begins: e.g. 10 (minutes for every type) or "
                    "'dagligvaror*=10min, kontant*=25km'."))
        grid = QGridLayout()
        grid.addWidget(self.button(display_name("nearestservice", tr("Travel time to nearest service")), self.run_nearest,
                                   tr("Travel time and distance from every cell to the nearest service of each type.")),
                       0, 0, 1, 2)
        grid.addWidget(self.button(display_name("servicegaps", tr("Service gaps")), self.run_gaps,
                                   tr("Population per travel-time class, and who lives beyond the threshold.")), 1, 0)
        grid.addWidget(self.button(display_name("catchments", tr("Travel-time zones")), self.run_catchments,
                                   tr("Zones reachable within each class limit, per service type; with service points "
                                      "selected, the zones of those points.")), 1, 1)
        grid.addWidget(self.button(display_name("allocation", tr("Population base per service point")),
                                   self.run_allocation,
                                   tr("The people for whom each service point is the nearest of its type.")), 2, 0, 1, 2)
        self.form.addRow(grid)
        self.shown = QComboBox()
        self.row(tr("Show on the map"), self.shown, tr("The service type the result layers show (style, legend and "
                                                       "name follow it); the PDF map shows it too."))
        self.shown.currentIndexChanged.connect(lambda _i: self.show_type(self.shown.currentData()))
        self.info = self.note()

    # -- parameters ----------------------------------------------------------------------------------
    def limits(self) -> tuple[float, ...]:
        """The class limits; an error the panel shows when they cannot be read."""
        return d.class_limits(self.classes.text())

    def classes_text(self) -> str:
        return d.limits_text(self.limits())

    # -- the analyses --------------------------------------------------------------------------------
    def run_nearest(self) -> bool:
        return self.dock.run_analysis("nearestservice", {"CLASSES": self.classes_text()},
                                      tr("travel time to nearest service"), self.results_loaded)

    def run_gaps(self) -> bool:
        extra = {"NEAREST": self.dock.state.layer_id("nearest"), "CLASSES": self.classes_text(),
                 "THRESHOLD": self.threshold.text().strip() or None}
        return self.dock.run_analysis("servicegaps", extra, tr("service gaps"), self.results_loaded)

    def run_catchments(self) -> bool:
        """Dissolved zones per type; with service points selected, the zones of each selected point."""
        services = self.dock.data.inputs.services.currentLayer()
        selected = isinstance(services, QgsVectorLayer) and services.selectedFeatureCount() > 0
        extra = {"BANDS": self.classes_text(), "DISSOLVE": 0 if selected else 1}
        if selected:
            extra["SERVICES"] = QgsProcessingFeatureSourceDefinition(services.id(), True)
        return self.dock.run_analysis("catchments", extra, tr("travel-time zones"), self.results_loaded)

    def run_allocation(self) -> bool:
        return self.dock.run_analysis("allocation", {}, tr("population base per service point"), self.results_loaded)

    # -- what the map shows --------------------------------------------------------------------------
    def results_loaded(self, _loaded: dict) -> None:
        """New results: offer their types, keep the type chosen before when they have it."""
        self.refresh_types()

    def refresh_types(self) -> None:
        current = self.shown.currentData()
        types = self.dock.state.result_types()
        language = catalogue.ui_language()
        self.shown.blockSignals(True)
        self.shown.clear()
        for key in types:
            self.shown.addItem(catalogue.label(key, language), key)
        self.shown.blockSignals(False)
        wanted = current if current in types else d.default_shown_type(types)
        if wanted:
            self.shown.setCurrentIndex(self.shown.findData(wanted))
            self.show_type(wanted)
        set_note(self.info, "")

    def show_type(self, key: str | None) -> None:
        if not key:
            return
        view = self.dock.iface.layerTreeView() if self.dock.iface is not None else None
        for layer in self.dock.state.shown_layers():
            if show_type(layer, key):
                layer.emitStyleChanged()
                if view is not None:
                    view.refreshLayerSymbology(layer.id())
        if self.dock.iface is not None:
            self.dock.iface.mapCanvas().refresh()

    def shown_type(self) -> str | None:
        return self.shown.currentData()

    def values(self) -> dict:
        return {"mode": self.mode.currentIndex(), "classes": self.classes.text(), "threshold": self.threshold.text()}

    def restore(self, values: dict) -> None:
        self.mode.setCurrentIndex(int(values.get("mode", 0)))
        self.classes.setText(str(values.get("classes", d.DEFAULT_CLASSES_TEXT)))
        self.threshold.setText(str(values.get("threshold", "")))
