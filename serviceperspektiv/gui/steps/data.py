"""Step 2, Underlag: fetch services, roads and population (or open the demo data), and choose the layers."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from qgis.core import Qgis, QgsFillSymbol, QgsProject, QgsSingleSymbolRenderer, QgsVectorLayer
from qgis.PyQt.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QWidget

from ... import definitions as d
from ...adapters.resultstyle import load_qml
from ...i18n import tr
from ...layouts import catalogue
from ..tasks import AlgorithmRunner
from ..widgets import Step, file_widget
from .inputs import Inputs

KINDS = ("services", "roads", "population")
OWN_GRID = 2  # fetchpopulation SOURCE: your own grid or points (no fetch: choose it below)


def source_options(kind: str) -> list[str]:
    """The SOURCE choices of the kind's fetch algorithm (their one home), translated."""
    alg = AlgorithmRunner.algorithm(d.FETCH_ALGORITHMS[kind])
    definition = alg.parameterDefinition("SOURCE") if alg is not None else None
    return list(definition.options()) if definition is not None else []


class DataStep(Step):
    def __init__(self, dock) -> None:
        super().__init__(tr("2. Data"))
        self.dock = dock
        self.sources: dict[str, QComboBox] = {}
        self.files = {}
        labels = {"services": tr("Services from"), "roads": tr("Roads from"), "population": tr("Population from")}
        tips = {"services": tr("Where the service points come from. A Pipos download or any CSV with coordinates "
                               "and a type column works as a file."),
                "roads": tr("Where the road network comes from: OpenStreetMap, or Tillväxtverket's NVDB network."),
                "population": tr("Where the population comes from: SCB's open 1 km grid, or your own grid.")}
        filters = {"services": tr(d.SERVICES_FILE_FILTER), "roads": tr(d.DATA_FILE_FILTER),
                   "population": tr(d.DATA_FILE_FILTER)}
        for kind in KINDS:
            combo = QComboBox()
            options = source_options(kind)
            combo.addItems(options)
            for i, text in enumerate(options):
                combo.setItemData(i, text, _tooltip_role())
            self.sources[kind] = self.row(labels[kind], combo, tips[kind])
            self.files[kind] = file_widget(filters[kind], tr("A local file for the sources that read one; a "
                                                             "GeoPackage layer (file|layername=…) is opened as it is."))
            self.form.addRow("", self.files[kind])
        self.type_boxes: dict[str, QCheckBox] = {}
        types_widget = QWidget()
        grid = QGridLayout(types_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        language = catalogue.ui_language()
        for i, key in enumerate(catalogue.service_types()):
            check = QCheckBox(catalogue.label(key, language))
            check.setObjectName(f"type_{key}")
            check.setToolTip(tr("Fetch service points of this type."))
            check.setChecked(key in d.DEFAULT_CHECKED_TYPES)
            grid.addWidget(check, i, 0)
            self.type_boxes[key] = check
        self.form.addRow(QLabel(tr("Service types")))
        self.form.addRow(types_widget)
        row = QHBoxLayout()
        row.addWidget(self.button(tr("Fetch data"), self.fetch, tr("Fetch the chosen sources for the area (step 1).")))
        row.addWidget(self.button(tr("Open demo data"), lambda: self.load_demo(),
                                  tr("Open the illustrative Fredriksberg demo data (made on first use).")))
        self.form.addRow(row)
        self.inputs = Inputs()
        self.form.addRow(self.inputs)

    def checked_types(self) -> list[str]:
        return [key for key, box in self.type_boxes.items() if box.isChecked()]

    # -- fetching ------------------------------------------------------------------------------------
    def fetch(self, kinds: tuple[str, ...] = KINDS) -> None:
        """Run fetchservices / fetchroads / fetchpopulation one after the other (one task each)."""
        if not kinds:
            self.dock.message(tr("Data fetched. Continue with step 3, Analysis."), Qgis.MessageLevel.Success)
            return
        kind, rest = kinds[0], kinds[1:]
        path = self.files[kind].filePath().strip()
        source = self.sources[kind].currentIndex()
        title = {"services": tr("Service points"), "roads": tr("Roads"), "population": tr("Population")}[kind]
        alg_id = d.FETCH_ALGORITHMS[kind]
        if "|layername=" in path or AlgorithmRunner.algorithm(alg_id) is None:
            if self._open_file(kind, path, title):
                self.fetch(rest)
            return
        if kind == "population" and source == OWN_GRID:
            if self.inputs.origins.currentLayer() is None:
                self.dock.error(tr("Choose your own population layer under 'Population (origins)' below."))
                return
            self.fetch(rest)
            return

        def done(_results: dict, layers: dict) -> None:
            layer = QgsProject.instance().mapLayer(layers.get("OUTPUT", ""))
            if layer is None:
                raise RuntimeError(tr("The fetched {} could not be opened.").format(title.lower()))
            self.inputs.set_layer(kind, layer)
            self.dock.after_task(lambda: self.fetch(rest))

        self.dock.runner.run(alg_id, self._parameters(kind, source, path), done, tr("Fetch {}").format(title.lower()))

    def _parameters(self, kind: str, source: int, path: str) -> dict[str, Any]:
        params: dict[str, Any] = {**self.dock.area_parameters(), "SOURCE": source, "FILE": path or None}
        if kind == "services":
            params["SERVICE_TYPES"] = ",".join(self.checked_types())
        elif kind == "roads":
            params["MODE"] = self.dock.mode_index()
        return params

    def _open_file(self, kind: str, path: str, title: str) -> bool:
        """A local layer (e.g. the demo GeoPackage) needs no fetch: open it directly."""
        if not path:
            self.dock.error(tr("Fetching {} is not available in this version. Choose a file, or pick a layer "
                               "below.").format(title.lower()))
            return False
        layer = QgsVectorLayer(path, title, "ogr")
        if not layer.isValid():
            self.dock.error(tr("The file {} could not be opened. Check the path and the layer name.").format(path))
            return False
        QgsProject.instance().addMapLayer(layer)
        self.inputs.set_layer(kind, layer)
        return True

    # -- demo ----------------------------------------------------------------------------------------
    def load_demo(self, path: str | None = None) -> bool:
        """The demo GeoPackage's roads, services, population, plan area, place names and tätort, in a group."""
        from ...demo import demo_gpkg

        try:
            path = str(path or demo_gpkg())
        except (OSError, ImportError) as error:
            self.dock.error(tr("The demo data could not be made: {}").format(error))
            return False
        if not Path(path).exists():
            self.dock.error(tr("The demo data {} is missing. Run 'make demo-data' first.").format(path))
            return False
        names = {"roads": tr("Roads"), "services": tr("Service points"), "population": tr("Population"),
                 "plan_area": tr("Plan area"), "places": tr("Place names"), "tatorter": tr("Urban areas")}
        root = QgsProject.instance().layerTreeRoot()
        group = root.findGroup(tr("Demo data (illustrative)")) or root.addGroup(tr("Demo data (illustrative)"))
        layers: dict[str, QgsVectorLayer] = {}
        for key, title in names.items():
            layer = QgsVectorLayer(f"{path}|layername={key}", title, "ogr")
            if layer.isValid():
                if key == "tatorter":  # the Nulägesanalys step's places; an outline, like the plan area
                    layer.setCustomProperty(d.PROP_ROLE, "places")
                    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
                        {"color": "0,0,0,0", "outline_color": "#d7301f", "outline_width": "0.6"})))
                QgsProject.instance().addMapLayer(layer, False)
                node = group.addLayer(layer)
                node.setItemVisibilityChecked(key != "population")  # results cover the grid anyway
                layers[key] = layer
        for role in ("roads", "services", "population"):
            if role in layers:
                self.inputs.set_layer(role, layers[role])
        if "plan_area" in layers:
            load_qml(layers["plan_area"], "plan_area")  # an outline: the results stay readable under it
            layers["plan_area"].setCustomProperty(d.PROP_ROLE, "plan")
            self.dock.demo_loaded(layers["plan_area"])
        self.dock.zoom_to(layers.get("population") or layers.get("roads"))
        self.dock.message(tr("Demo data loaded: {} layers.").format(len(layers)), Qgis.MessageLevel.Info)
        return len(layers) == len(names)

    # -- remembered choices ----------------------------------------------------------------------------
    def values(self) -> dict:
        values = {f"source_{kind}": self.sources[kind].currentIndex() for kind in KINDS}
        values["types"] = ",".join(self.checked_types())
        return {**values, **self.inputs.values()}

    def restore(self, values: dict) -> None:
        for kind in KINDS:
            self.sources[kind].setCurrentIndex(int(values.get(f"source_{kind}", 0)))
        if values.get("types"):
            chosen = set(str(values["types"]).split(","))
            for key, box in self.type_boxes.items():
                box.setChecked(key in chosen)
        self.inputs.restore(values)


def _tooltip_role():
    from qgis.PyQt.QtCore import Qt

    return Qt.ItemDataRole.ToolTipRole
