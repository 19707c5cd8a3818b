"""The "Serviceperspektiv" dock: the planner's workflow in six steps. Thin: widgets + calls.

Every computation runs as a Processing algorithm in a QgsTask (gui.tasks); the layouts package
builds the PDF maps. Public methods (``load_demo_data``, ``fetch_data``, ``run_nearest`` …) are
what the buttons call, so tests and the demo script drive the dock exactly like a user.
"""
from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qgis.core import (
    Qgis,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsFieldProxyModel,
    QgsGeometry,
    QgsMapLayer,
    QgsPointXY,
    QgsProcessingFeatureSourceDefinition,
    QgsProject,
    QgsRectangle,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.gui import (
    QgsCollapsibleGroupBox,
    QgsDockWidget,
    QgsFieldComboBox,
    QgsFileWidget,
    QgsMapLayerComboBox,
)
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..adapters import fieldtypes as field_type
from ..adapters.layerfilters import layer_filters
from ..i18n import tr
from ..layouts import catalogue
from ..layouts.builder import (
    GROUP_NAME,
    LayoutError,
    LayoutRequest,
    build_layout,
    export_pdf,
    layer_types,
)
from ..layouts.compat import enum
from ..layouts.style import apply_time_classes
from ..layouts.templates import TEMPLATES
from .maptool import AddServicePointTool
from .tasks import AlgorithmRunner, output_dir

ROOT = Path(__file__).resolve().parent.parent.parent
DEMO_GPKG = ROOT / "resources" / "demo" / "fredriksberg_demo.gpkg"
STYLES = ROOT / "resources" / "styles"
MUNICIPALITIES = Path(__file__).resolve().parent.parent / "data" / "municipalities.csv"
DEFAULT_MUNICIPALITY = "2085"  # Ludvika
STATE_PREFIX = "serviceperspektiv/dock/"
GUESS = {
    "speed": ("maxspeed", "speed", "hastighet", "klass_hast"),
    "class": ("highway", "vagklass", "klass", "fclass"),
    "oneway": ("oneway", "riktning", "direction"),
    "type": ("type", "typ", "service_type"),
    "pop": ("pop", "population", "befolkning", "beftotalt", "folkmangd"),
}


def _filter(*names: str):
    """Layer filters, scoped (Qgis.LayerFilters) where QGIS has them."""
    return layer_filters(*names)


def _field_filter(name: str):
    return enum((Qgis, "FieldProxyModelFilter", name), QgsFieldProxyModel, name)


class ServiceDock(QgsDockWidget):
    busyChanged = pyqtSignal(bool)  # noqa: N815 - Qt signal naming

    def __init__(self, iface, parent=None) -> None:
        super().__init__(tr("Serviceperspektiv"), parent)
        self.setObjectName("ServiceperspektivDock")
        self.iface = iface
        self.runner = AlgorithmRunner(self)
        self.results: dict[str, QgsMapLayer] = {}
        self.last_pdf: Path | None = None
        self.new_points: QgsVectorLayer | None = None
        self.map_tool: AddServicePointTool | None = None
        self._restoring = False
        self._build()
        self._fit_narrow_dock()
        self.runner.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self.runner.started.connect(self._task_started)
        self.runner.finished.connect(self._task_finished)
        self.restore_state()

    # -- widgets ---------------------------------------------------------------------------------
    def _build(self) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        column = QVBoxLayout(body)
        scroll.setWidget(body)
        outer = QWidget()
        outer_layout = QVBoxLayout(outer)
        outer_layout.setContentsMargins(2, 2, 2, 2)
        outer_layout.addWidget(scroll)
        self.setWidget(outer)
        self.buttons: list[QPushButton] = []

        # 1. Area
        _box, form = self._section(column, tr("1. Area"))
        self.area_mode = QComboBox()
        self.area_mode.addItems([tr("Municipality"), tr("Map extent"), tr("Polygon layer (selection)")])
        form.addRow(tr("Area from"), self.area_mode)
        self.municipality = QComboBox()
        for code, name in self._municipalities():
            self.municipality.addItem(f"{name} ({code})", code)
        index = self.municipality.findData(DEFAULT_MUNICIPALITY)
        self.municipality.setCurrentIndex(max(index, 0))
        form.addRow(tr("Municipality"), self.municipality)
        self.area_layer = QgsMapLayerComboBox()
        self.area_layer.setFilters(_filter("PolygonLayer"))
        self.area_layer.setAllowEmptyLayer(True)
        form.addRow(tr("Polygon layer"), self.area_layer)

        # 2. Data
        _box, form = self._section(column, tr("2. Data"))
        self.source_services = QComboBox()
        self.source_services.addItems([
            tr("OpenStreetMap (Overpass, online)"), tr("OSM file (offline)"), tr("CSV (e.g. Pipos export)")])
        self.file_services = self._file_widget()
        self.source_roads = QComboBox()
        self.source_roads.addItems([
            tr("OpenStreetMap (Overpass, online)"), tr("OSM file (offline)"),
            tr("NVDB GeoPackage (Trafikverket/Tillväxtverket)")])
        self.file_roads = self._file_widget()
        self.source_population = QComboBox()
        self.source_population.addItems([
            tr("SCB population grid (WFS, online)"), tr("Local GeoPackage"), tr("Own grid or points layer")])
        self.file_population = self._file_widget()
        form.addRow(tr("Services from"), self.source_services)
        form.addRow("", self.file_services)
        form.addRow(tr("Roads from"), self.source_roads)
        form.addRow("", self.file_roads)
        form.addRow(tr("Population from"), self.source_population)
        form.addRow("", self.file_population)
        types_widget = QWidget()
        grid = QGridLayout(types_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        self.type_boxes: dict[str, QCheckBox] = {}
        language = catalogue.ui_language()
        for i, key in enumerate(catalogue.service_types()):
            check = QCheckBox(catalogue.label(key, language))
            check.setObjectName(f"type_{key}")
            check.setChecked(key in ("dagligvaror_full", "dagligvaror_ovrig", "drivmedel", "apotek", "post_paket"))
            grid.addWidget(check, i, 0)
            self.type_boxes[key] = check
        form.addRow(QLabel(tr("Service types")))
        form.addRow(types_widget)
        row = QHBoxLayout()
        row.addWidget(self._button(tr("Fetch data"), self.fetch_data))
        row.addWidget(self._button(tr("Open demo data"), lambda: self.load_demo_data()))
        form.addRow(row)
        self.roads = self._layer_combo(_filter("LineLayer"))
        self.speed_field = self._field_combo(self.roads, _field_filter("Numeric"))
        self.class_field = self._field_combo(self.roads, _field_filter("String"))
        self.oneway_field = self._field_combo(self.roads, None)
        self.services = self._layer_combo(_filter("PointLayer", "PolygonLayer"))
        self.type_field = self._field_combo(self.services, None)
        self.origins = self._layer_combo(_filter("PointLayer", "PolygonLayer"))
        self.pop_field = self._field_combo(self.origins, _field_filter("Numeric"))
        form.addRow(tr("Road network"), self.roads)
        form.addRow(tr("  speed field"), self.speed_field)
        form.addRow(tr("  road class field"), self.class_field)
        form.addRow(tr("  one-way field"), self.oneway_field)
        form.addRow(tr("Service points"), self.services)
        form.addRow(tr("  type field"), self.type_field)
        form.addRow(tr("Population (origins)"), self.origins)
        form.addRow(tr("  population field"), self.pop_field)
        self.roads.layerChanged.connect(lambda _l: self._guess_fields())
        self.services.layerChanged.connect(lambda _l: self._guess_fields())
        self.origins.layerChanged.connect(lambda _l: self._guess_fields())

        # 3. Analysis
        _box, form = self._section(column, tr("3. Analysis"))
        self.mode = QComboBox()
        self.mode.addItems([tr("Car"), tr("Bike"), tr("Walk")])
        form.addRow(tr("Travel mode"), self.mode)
        self.classes = QLineEdit("5,10,20,30")
        form.addRow(tr("Class limits (min)"), self.classes)
        self.threshold = QLineEdit("")
        self.threshold.setPlaceholderText(tr("default: the plugin's thresholds per type"))
        form.addRow(tr("Service gap threshold"), self.threshold)
        grid_buttons = QGridLayout()
        grid_buttons.addWidget(self._button(tr("Travel time to nearest service"), self.run_nearest), 0, 0, 1, 2)
        grid_buttons.addWidget(self._button(tr("Service gaps"), self.run_gaps), 1, 0)
        grid_buttons.addWidget(self._button(tr("Catchments"), self.run_catchments), 1, 1)
        grid_buttons.addWidget(self._button(tr("Allocation"), self.run_allocation), 2, 0)
        form.addRow(grid_buttons)

        # 4. Scenario
        _box, form = self._section(column, tr("4. Scenario"))
        self.new_type = QComboBox()
        for key in catalogue.service_types():
            self.new_type.addItem(catalogue.label(key, language), key)
        form.addRow(tr("Type of new service"), self.new_type)
        self.add_point_button = self._button(tr("Click on the map to add a service point"), self.toggle_add_tool)
        self.add_point_button.setCheckable(True)
        form.addRow(self.add_point_button)
        self.scenario_info = QLabel(tr("New points: {}. Selected service points to close: {}.").format(0, 0))
        self.scenario_info.setWordWrap(True)
        form.addRow(self.scenario_info)
        form.addRow(self._button(tr("Compare scenario"), self.run_scenario))

        # 5. Plan area
        _box, form = self._section(column, tr("5. Plan area"))
        self.plan_layer = QgsMapLayerComboBox()
        self.plan_layer.setFilters(_filter("PolygonLayer"))
        self.plan_layer.setAllowEmptyLayer(True)
        form.addRow(tr("Plan area layer (selected feature)"), self.plan_layer)
        form.addRow(self._button(tr("Plan area profile"), self.run_plan_profile))

        # 6. Export
        _box, form = self._section(column, tr("6. Export"))
        self.template = QComboBox()
        self.template.addItems([tr("A4 portrait"), tr("A4 landscape"), tr("A3 landscape")])
        self.template.setCurrentIndex(1)
        form.addRow(tr("Template"), self.template)
        self.title = QLineEdit(tr("Access to everyday service"))
        form.addRow(tr("Title"), self.title)
        self.atlas = QCheckBox(tr("One page per service type (atlas)"))
        form.addRow(self.atlas)
        row = QHBoxLayout()
        row.addWidget(self._button(tr("PDF map"), lambda: self.export_pdf()))
        row.addWidget(self._button(tr("HTML report"), self.run_report))
        form.addRow(row)
        column.addStretch(1)

        # progress + cancel, always visible
        bottom = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.runner.cancel)
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.cancel_button)
        outer_layout.addLayout(bottom)
        self.status = QLabel(tr("Ready."))
        self.status.setWordWrap(True)
        outer_layout.addWidget(self.status)

        for widget in (self.area_mode, self.municipality, self.mode, self.template, self.source_services,
                       self.source_roads, self.source_population):
            widget.currentIndexChanged.connect(self.save_state)
        for edit in (self.classes, self.threshold, self.title):
            edit.editingFinished.connect(self.save_state)
        self.atlas.toggled.connect(self.save_state)

    def _section(self, column: QVBoxLayout, title: str) -> tuple[QgsCollapsibleGroupBox, QFormLayout]:
        box = QgsCollapsibleGroupBox(title)
        form = QFormLayout(box)
        # Long Swedish labels go above their field when the dock is narrow.
        form.setRowWrapPolicy(enum((QFormLayout, "RowWrapPolicy", "WrapLongRows"), QFormLayout, "WrapLongRows"))
        column.addWidget(box)
        return box, form

    def _fit_narrow_dock(self) -> None:
        """Let pickers shrink with the dock instead of pushing the panel into a side scroll."""
        shrink = enum((QComboBox, "SizeAdjustPolicy", "AdjustToMinimumContentsLengthWithIcon"), QComboBox,
                      "AdjustToMinimumContentsLengthWithIcon")
        for combo in self.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(shrink)
            combo.setMinimumContentsLength(10)
        for file_widget in self.findChildren(QgsFileWidget):
            file_widget.setMinimumWidth(80)
        scroll = self.findChild(QScrollArea)
        if scroll is not None:
            scroll.setHorizontalScrollBarPolicy(enum((Qt, "ScrollBarPolicy", "ScrollBarAlwaysOff"), Qt,
                                                     "ScrollBarAlwaysOff"))

    def _button(self, text: str, slot: Callable) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons.append(button)
        return button

    def _file_widget(self) -> QgsFileWidget:
        widget = QgsFileWidget()
        widget.setFilter(tr("Data files (*.gpkg *.osm *.pbf *.csv *.shp);;All files (*)"))
        return widget

    def _layer_combo(self, filters) -> QgsMapLayerComboBox:
        combo = QgsMapLayerComboBox()
        combo.setFilters(filters)
        combo.setAllowEmptyLayer(True)
        combo.layerChanged.connect(lambda _l: self.save_state())
        return combo

    def _field_combo(self, layer_combo: QgsMapLayerComboBox, filters) -> QgsFieldComboBox:
        combo = QgsFieldComboBox()
        combo.setAllowEmptyFieldName(True)
        if filters is not None:
            combo.setFilters(filters)
        layer_combo.layerChanged.connect(combo.setLayer)
        combo.fieldChanged.connect(lambda _f: self.save_state())
        return combo

    @staticmethod
    def _municipalities() -> list[tuple[str, str]]:
        try:
            with MUNICIPALITIES.open(encoding="utf-8") as handle:
                return [(row["code"], row["name"]) for row in csv.DictReader(handle, delimiter=";")]
        except (OSError, KeyError):
            return [(DEFAULT_MUNICIPALITY, "Ludvika")]

    def _guess_fields(self) -> None:
        if self._restoring:
            return
        for combo, kind in ((self.speed_field, "speed"), (self.class_field, "class"), (self.oneway_field, "oneway"),
                            (self.type_field, "type"), (self.pop_field, "pop")):
            layer = combo.layer()
            if layer is None or combo.currentField():
                continue
            names = {f.name().lower(): f.name() for f in layer.fields()}
            for candidate in GUESS[kind]:
                if candidate in names:
                    combo.setField(names[candidate])
                    break

    # -- state per project ------------------------------------------------------------------------
    def _state_key(self, name: str) -> str:
        path = QgsProject.instance().fileName() or "unsaved"
        return STATE_PREFIX + hashlib.sha1(path.encode("utf-8")).hexdigest()[:12] + "/" + name

    def save_state(self) -> None:
        """Remember the last choices per project (QgsSettings, keyed by the project file)."""
        if self._restoring:
            return
        settings = QgsSettings()
        values: dict[str, Any] = {
            "area_mode": self.area_mode.currentIndex(), "municipality": self.municipality.currentData(),
            "mode": self.mode.currentIndex(), "classes": self.classes.text(), "threshold": self.threshold.text(),
            "template": self.template.currentIndex(), "title": self.title.text(), "atlas": self.atlas.isChecked(),
            "source_services": self.source_services.currentIndex(), "source_roads": self.source_roads.currentIndex(),
            "source_population": self.source_population.currentIndex(),
            "types": ",".join(k for k, box in self.type_boxes.items() if box.isChecked()),
        }
        for name, combo in (("roads", self.roads), ("services", self.services), ("origins", self.origins)):
            values[name] = combo.currentLayer().id() if combo.currentLayer() else ""
        for name, combo in (("speed_field", self.speed_field), ("class_field", self.class_field),
                            ("oneway_field", self.oneway_field), ("type_field", self.type_field),
                            ("pop_field", self.pop_field)):
            values[name] = combo.currentField()
        for name, value in values.items():
            settings.setValue(self._state_key(name), value)

    def restore_state(self) -> None:
        settings = QgsSettings()

        def value(name: str, default: Any, kind: type = str) -> Any:
            return settings.value(self._state_key(name), default, type=kind)

        self._restoring = True
        try:
            self.area_mode.setCurrentIndex(value("area_mode", 0, int))
            index = self.municipality.findData(value("municipality", DEFAULT_MUNICIPALITY))
            if index >= 0:
                self.municipality.setCurrentIndex(index)
            default_mode = QgsSettings().value("serviceperspektiv/default_mode", 0, type=int)
            self.mode.setCurrentIndex(value("mode", default_mode, int))
            default_classes = QgsSettings().value("serviceperspektiv/default_classes", "5,10,20,30", type=str)
            self.classes.setText(value("classes", default_classes))
            self.threshold.setText(value("threshold", ""))
            self.template.setCurrentIndex(value("template", 1, int))
            self.title.setText(value("title", tr("Access to everyday service")))
            self.atlas.setChecked(value("atlas", False, bool))
            self.source_services.setCurrentIndex(value("source_services", 0, int))
            self.source_roads.setCurrentIndex(value("source_roads", 0, int))
            self.source_population.setCurrentIndex(value("source_population", 0, int))
            types = value("types", "")
            if types:
                chosen = set(types.split(","))
                for key, box in self.type_boxes.items():
                    box.setChecked(key in chosen)
            project = QgsProject.instance()
            for name, combo in (("roads", self.roads), ("services", self.services), ("origins", self.origins)):
                layer = project.mapLayer(value(name, ""))
                if layer is not None:
                    combo.setLayer(layer)
            for name, combo in (("speed_field", self.speed_field), ("class_field", self.class_field),
                                ("oneway_field", self.oneway_field), ("type_field", self.type_field),
                                ("pop_field", self.pop_field)):
                field = value(name, "")
                if field:
                    combo.setField(field)
        finally:
            self._restoring = False

    # -- messages and progress ------------------------------------------------------------------------
    def message(self, text: str, level=Qgis.Info, duration: int = 8) -> None:
        self.status.setText(text)
        if self.iface is not None and self.iface.messageBar() is not None:
            self.iface.messageBar().pushMessage("Serviceperspektiv", text, level, duration)

    def error(self, text: str) -> None:
        self.message(text, Qgis.Critical, 0)

    def _task_started(self, description: str) -> None:
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        for button in self.buttons:
            button.setEnabled(False)
        self.status.setText(tr("Running: {}").format(description))
        self.busyChanged.emit(True)

    def _task_finished(self, success: bool, text: str) -> None:
        self.cancel_button.setEnabled(False)
        for button in self.buttons:
            button.setEnabled(True)
        self.progress.setValue(100 if success else 0)
        if success:
            self.message(tr("Done: {}").format(text), Qgis.Success, 5)
        else:
            self.error(text)
        self.busyChanged.emit(False)

    # -- layers ---------------------------------------------------------------------------------
    def group(self):
        root = QgsProject.instance().layerTreeRoot()
        group = root.findGroup(GROUP_NAME)
        return group if group is not None else root.insertGroup(0, GROUP_NAME)

    def add_layer(self, layer: QgsMapLayer, style: str | None = None, visible: bool = True) -> QgsMapLayer:
        if style and (STYLES / f"{style}.qml").exists():
            layer.loadNamedStyle(str(STYLES / f"{style}.qml"))
        QgsProject.instance().addMapLayer(layer, False)
        node = self.group().insertLayer(0, layer)
        node.setItemVisibilityChecked(visible)
        return layer

    def _hide_results(self, keys: tuple[str, ...]) -> None:
        """Only one result per map at a time reads well; hide the earlier ones."""
        root = QgsProject.instance().layerTreeRoot()
        for key in keys:
            layer = self.results.get(key)
            node = root.findLayer(layer.id()) if layer is not None else None
            if node is not None:
                node.setItemVisibilityChecked(False)

    def _load_output(self, path: str, name: str, style: str | None = None, visible: bool = True) -> QgsVectorLayer | None:
        layer = QgsVectorLayer(path, name, "ogr")
        if not layer.isValid():
            return None
        return self.add_layer(layer, style, visible)

    def load_demo_data(self, path: str | None = None) -> bool:
        """Load the demo GeoPackage (roads, services, population, plan area) and fill the pickers."""
        path = str(path or DEMO_GPKG)
        if not Path(path).exists():
            self.error(tr("The demo data {} is missing. Run 'make demo-data' first.").format(path))
            return False
        names = {"roads": tr("Roads"), "services": tr("Service points"), "population": tr("Population"),
                 "plan_area": tr("Plan area")}
        layers: dict[str, QgsVectorLayer] = {}
        root = QgsProject.instance().layerTreeRoot()
        group = root.findGroup(tr("Data")) or root.addGroup(tr("Data"))
        for key, title in names.items():
            layer = QgsVectorLayer(f"{path}|layername={key}", title, "ogr")
            if layer.isValid():
                QgsProject.instance().addMapLayer(layer, False)
                group.addLayer(layer)
                layers[key] = layer
        if "roads" in layers:
            self.roads.setLayer(layers["roads"])
        if "services" in layers:
            self.services.setLayer(layers["services"])
        if "population" in layers:
            self.origins.setLayer(layers["population"])
        if "plan_area" in layers:
            self.plan_layer.setLayer(layers["plan_area"])
            self.area_layer.setLayer(layers["plan_area"])
        self._guess_fields()
        self._zoom_to(layers.get("population") or layers.get("roads"))
        self.save_state()
        self.message(tr("Demo data loaded: {} layers.").format(len(layers)), Qgis.Info, 4)
        return len(layers) == len(names)

    def _zoom_to(self, layer: QgsMapLayer | None) -> None:
        if layer is None or self.iface is None or self.iface.mapCanvas() is None:
            return
        canvas = self.iface.mapCanvas()
        extent = layer.extent()
        if layer.crs() != canvas.mapSettings().destinationCrs():
            extent = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(),
                                            QgsProject.instance()).transformBoundingBox(extent)
        canvas.setExtent(extent)
        canvas.refresh()

    # -- 1. area ------------------------------------------------------------------------------------
    def area_parameters(self) -> dict[str, Any]:
        mode = self.area_mode.currentIndex()
        if mode == 0:
            return {"MUNICIPALITY": self.municipality.currentData()}
        if mode == 1 and self.iface is not None:
            canvas = self.iface.mapCanvas()
            rect: QgsRectangle = canvas.extent()
            crs = canvas.mapSettings().destinationCrs().authid()
            return {"EXTENT": f"{rect.xMinimum()},{rect.xMaximum()},{rect.yMinimum()},{rect.yMaximum()} [{crs}]"}
        layer = self.area_layer.currentLayer()
        if layer is None:
            return {}
        selected = isinstance(layer, QgsVectorLayer) and layer.selectedFeatureCount() > 0
        return {"AREA": QgsProcessingFeatureSourceDefinition(layer.id(), selected)}

    def area_name(self) -> str:
        if self.area_mode.currentIndex() == 0:
            return self.municipality.currentText().split(" (")[0]
        layer = self.area_layer.currentLayer()
        return layer.name() if layer is not None and self.area_mode.currentIndex() == 2 else ""

    # -- 2. data ------------------------------------------------------------------------------------
    def checked_types(self) -> list[str]:
        return [key for key, box in self.type_boxes.items() if box.isChecked()]

    def fetch_data(self, kinds: tuple[str, ...] = ("services", "roads", "population")) -> None:
        """Run fetchservices / fetchroads / fetchpopulation one after the other (one task each)."""
        if not kinds:
            self.message(tr("Data fetched. Continue with step 3, Analysis."), Qgis.Success, 5)
            return
        kind, rest = kinds[0], kinds[1:]
        source, file_widget, combo, title = {
            "services": (self.source_services, self.file_services, self.services, tr("Service points")),
            "roads": (self.source_roads, self.file_roads, self.roads, tr("Roads")),
            "population": (self.source_population, self.file_population, self.origins, tr("Population")),
        }[kind]
        path = file_widget.filePath().strip()
        params: dict[str, Any] = {**self.area_parameters(), "SOURCE": source.currentIndex(),
                                  "SERVICE_TYPES": ",".join(self.checked_types()), "MODE": self.mode.currentIndex()}
        if path:
            params["FILE"] = path

        def done(results: dict, outputs: dict) -> None:
            layer = self._load_output(outputs.get("OUTPUT") or str(results.get("OUTPUT")), title, f"fetch{kind}")
            if layer is None:
                raise RuntimeError(tr("The fetched {} could not be opened.").format(title))
            combo.setLayer(layer)
            self._guess_fields()
            self.save_state()
            self._after_task(lambda: self.fetch_data(rest))

        alg_id = f"fetch{kind}"
        if AlgorithmRunner.algorithm(alg_id) is None or (path and source.currentIndex() != 0 and "|layername=" in path):
            # A local layer (e.g. the demo GeoPackage) needs no fetch: open it directly.
            if not path:
                self.error(tr("Fetching {} is not available in this version. Choose a file, or pick a layer "
                              "below.").format(title.lower()))
                return
            layer = QgsVectorLayer(path, title, "ogr")
            if not layer.isValid():
                self.error(tr("The file {} could not be opened. Check the path and the layer name.").format(path))
                return
            self.add_layer(layer, visible=kind != "population")
            combo.setLayer(layer)
            self._guess_fields()
            self.fetch_data(rest)
            return
        self.runner.run(alg_id, params, done, tr("Fetch {}").format(title.lower()))

    def _after_task(self, step: Callable[[], None]) -> None:
        """Start the next step once the runner has reported the current one as finished."""
        def next_step(*_args) -> None:
            self.runner.finished.disconnect(next_step)
            step()
        self.runner.finished.connect(next_step)

    # -- 3. analysis --------------------------------------------------------------------------------
    def network_parameters(self) -> dict[str, Any]:
        roads, services, origins = self.roads.currentLayer(), self.services.currentLayer(), self.origins.currentLayer()
        missing = [name for name, layer in ((tr("road network"), roads), (tr("service points"), services),
                                            (tr("population"), origins)) if layer is None]
        if missing:
            raise LayoutError(tr("Choose a layer for: {}. Fetch data in step 2 or open the demo data.").format(
                ", ".join(missing)))
        return {
            "ROADS": roads.id(), "SPEED_FIELD": self.speed_field.currentField() or None,
            "CLASS_FIELD": self.class_field.currentField() or None,
            "ONEWAY_FIELD": self.oneway_field.currentField() or None, "MODE": self.mode.currentIndex(),
            "SERVICES": services.id(), "TYPE_FIELD": self.type_field.currentField() or None,
            "ORIGINS": origins.id(), "POPULATION_FIELD": self.pop_field.currentField() or None,
        }

    def _run(self, alg_id: str, extra: dict[str, Any], outputs: dict[str, tuple[str, str, bool]], description: str,
             then: Callable[[dict[str, QgsMapLayer]], None] | None = None) -> bool:
        """Run ``alg_id`` with the network inputs + ``extra``; load ``outputs`` {name: (key, title, visible)}."""
        try:
            params = {**self.network_parameters(), **extra}
        except LayoutError as error:
            self.error(str(error))
            return False
        self.save_state()

        def done(results: dict, files: dict) -> None:
            loaded: dict[str, QgsMapLayer] = {}
            for name, (key, title, visible) in outputs.items():
                path = files.get(name) or results.get(name)
                if not path:
                    continue
                if visible:
                    self._hide_results(tuple(self.results))
                layer = self._load_output(str(path), title, f"{alg_id}_{name.lower()}" if name != "OUTPUT" else alg_id,
                                          visible)
                if layer is not None:
                    self.results[key] = layer
                    loaded[key] = layer
            if then is not None:
                then(loaded)

        return self.runner.run(alg_id, params, done, description)

    def run_nearest(self) -> bool:
        def style(loaded: dict[str, QgsMapLayer]) -> None:
            layer = loaded.get("nearest")
            if isinstance(layer, QgsVectorLayer) and not (STYLES / "nearestservice.qml").exists():
                types = layer_types(layer)
                if types:
                    apply_time_classes(layer, "dagligvaror_full" if "dagligvaror_full" in types else types[0])
        return self._run("nearestservice", {}, {"OUTPUT": ("nearest", tr("Travel time to nearest service"), True)},
                         tr("travel time to nearest service"), style)

    def run_gaps(self) -> bool:
        nearest = self.results.get("nearest")
        extra = {"NEAREST": nearest.id() if nearest is not None else None, "CLASSES": self.classes.text() or None,
                 "THRESHOLD": self.threshold.text() or None}
        return self._run("servicegaps", extra, {
            "GAPS": ("gaps", tr("Service gaps"), True),
            "STATS": ("stats", tr("Population per travel-time class"), False),
            "SUMMARY": ("summary", tr("Summary per service type"), False)}, tr("service gaps"))

    def run_catchments(self) -> bool:
        return self._run("catchments", {"BANDS": self.classes.text() or "5,10,20,30", "DISSOLVE": 1},
                         {"OUTPUT": ("catchments", tr("Catchments"), True)}, tr("catchments"))

    def run_allocation(self) -> bool:
        return self._run("allocation", {}, {"OUTPUT": ("allocation", tr("Allocation to nearest service"), True),
                                            "OUTPUT_AREAS": ("allocation_areas", tr("Allocation areas"), False)},
                         tr("allocation"))

    # -- 4. scenario --------------------------------------------------------------------------------
    def toggle_add_tool(self) -> None:
        if self.iface is None:
            return
        canvas = self.iface.mapCanvas()
        if self.map_tool is None:
            self.map_tool = AddServicePointTool(canvas)
            self.map_tool.pointAdded.connect(self.add_scenario_point)
            self.map_tool.deactivated.connect(lambda: self.add_point_button.setChecked(False))
        if canvas.mapTool() is self.map_tool:
            canvas.unsetMapTool(self.map_tool)
            self.add_point_button.setChecked(False)
        else:
            canvas.setMapTool(self.map_tool)
            self.add_point_button.setChecked(True)
            self.message(tr("Click on the map where the new service should be."), Qgis.Info, 4)

    def _new_points_layer(self) -> QgsVectorLayer:
        if self.new_points is None or QgsProject.instance().mapLayer(self.new_points.id()) is None:
            crs = self.iface.mapCanvas().mapSettings().destinationCrs() if self.iface else QgsProject.instance().crs()
            layer = QgsVectorLayer(f"Point?crs={crs.authid() or 'EPSG:3006'}", tr("New service points (scenario)"), "memory")
            type_name = self.type_field.currentField() or "type"
            layer.dataProvider().addAttributes([QgsField(type_name, field_type.STRING), QgsField("name", field_type.STRING)])
            layer.updateFields()
            self.new_points = self.add_layer(layer, "scenario_new_points")
        return self.new_points

    def add_scenario_point(self, point: QgsPointXY) -> None:
        """Add a new service point of the chosen type (canvas CRS) to the scenario layer."""
        layer = self._new_points_layer()
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(point))
        feature.setAttributes([self.new_type.currentData(), tr("New: {}").format(self.new_type.currentText())])
        layer.dataProvider().addFeature(feature)
        layer.updateExtents()
        layer.triggerRepaint()
        self._update_scenario_info()

    def _update_scenario_info(self) -> None:
        services = self.services.currentLayer()
        closed = services.selectedFeatureCount() if isinstance(services, QgsVectorLayer) else 0
        new = self.new_points.featureCount() if self.new_points is not None else 0
        self.scenario_info.setText(tr("New points: {}. Selected service points to close: {}.").format(new, closed))

    def run_scenario(self) -> bool:
        services = self.services.currentLayer()
        removed = ",".join(str(fid) for fid in services.selectedFeatureIds()) if isinstance(services, QgsVectorLayer) else ""
        has_new = self.new_points is not None and self.new_points.featureCount() > 0
        self._update_scenario_info()
        if not removed and not has_new:
            self.error(tr("The scenario has no change. Click on the map to add a service point, or select "
                          "service points to close, then compare again."))
            return False
        extra = {"REMOVE": removed or None, "ADD": self.new_points.id() if has_new else None,
                 "ADD_TYPE_FIELD": self.new_points.fields()[0].name() if has_new else None,
                 "CLASSES": self.classes.text() or None}
        return self._run("scenario", extra, {"OUTPUT": ("scenario", tr("Scenario: travel time before and after"), True)},
                         tr("scenario"))

    # -- 5. plan area -------------------------------------------------------------------------------
    def run_plan_profile(self) -> bool:
        layer = self.plan_layer.currentLayer() or (self.iface.activeLayer() if self.iface else None)
        polygon = enum((Qgis, "GeometryType", "Polygon"), _wkb(), "PolygonGeometry")
        if not isinstance(layer, QgsVectorLayer) or layer.geometryType() != polygon:
            self.error(tr("Choose a polygon layer with the plan area (planområde), select its feature, and try again."))
            return False
        if layer.selectedFeatureCount() == 0 and layer.featureCount() == 1:
            layer.selectAll()  # one plan area: no need to select it first
        if layer.selectedFeatureCount() == 0:
            self.error(tr("Select the plan area (planområde) in the layer '{}' first.").format(layer.name()))
            return False
        extra = {"PLAN_AREA": QgsProcessingFeatureSourceDefinition(layer.id(), True)}
        return self._run("planareaprofile", extra, {"OUTPUT": ("profile", tr("Plan area profile"), True)},
                         tr("plan area profile"))

    # -- 6. export ----------------------------------------------------------------------------------
    def export_pdf(self, path: str | None = None, template: int | None = None) -> Path | None:
        """Build the layout (kept in the project's layout manager) and write the PDF."""
        project = QgsProject.instance()
        template = self.template.currentIndex() if template is None else template
        group = project.layerTreeRoot().findGroup(GROUP_NAME)
        layers = [n.layer() for n in group.findLayers() if n.isVisible() and n.layer() is not None] if group else []
        if not layers:
            self.error(tr("There is no visible result to put on the map. Run an analysis in step 3 first."))
            return None
        target = Path(path) if path else output_dir() / f"serviceperspektiv_{TEMPLATES[template]}.pdf"
        context = [layer for layer in (self.roads.currentLayer(), self.services.currentLayer(),
                                       self.origins.currentLayer()) if layer is not None]
        stats = self.results.get("stats")
        if isinstance(stats, QgsVectorLayer):
            stats = QgsVectorLayer(stats.source(), stats.name(), "ogr")  # a private reader for the layout
        request = LayoutRequest(template=template, title=self.title.text(), layers=layers,
                                atlas_by_type=self.atlas.isChecked(), area_name=self.area_name(),
                                stats_layer=stats if isinstance(stats, QgsVectorLayer) else None,
                                context_layers=context, layout_name=f"{self.title.text()} – {self.template.itemText(template)}")
        self.progress.setRange(0, 0)  # busy: layouts render in the main thread
        try:
            layout = build_layout(project, request)
            export_pdf(layout, target)
        except (LayoutError, OSError) as error:
            self.error(str(error))
            return None
        finally:
            self.progress.setRange(0, 100)
        self.last_pdf = target
        self.message(tr("The PDF map is saved: {}. The layout '{}' is in the layout manager.").format(
            target, layout.name()), Qgis.Success, 8)
        return target

    def run_report(self) -> bool:
        extra = {key: layer.id() for key, layer in (("NEAREST", self.results.get("nearest")),
                                                    ("STATS", self.results.get("stats"))) if layer is not None}
        return self._run("report", extra, {"OUTPUT": ("report", tr("Report"), False)}, tr("HTML report"))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.save_state()
        super().closeEvent(event)


def _wkb():
    from qgis.core import QgsWkbTypes

    return QgsWkbTypes
