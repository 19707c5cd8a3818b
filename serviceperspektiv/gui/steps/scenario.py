"""Step 4, Scenario: add service points on the map, close selected ones, compare with today."""
from __future__ import annotations

from qgis.core import Qgis, QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer
from qgis.PyQt.QtWidgets import QComboBox, QLabel

from ... import definitions as d
from ...adapters import fieldtypes as field_type
from ...adapters.resultstyle import capital_type_label
from ...i18n import tr
from ...layouts import catalogue
from ...processing.summaries import scenario_summaries, scenario_text
from ..maptool import AddServicePointTool
from ..widgets import Step, set_note


class ScenarioStep(Step):
    def __init__(self, dock) -> None:
        super().__init__(tr("4. Scenario"))
        self.dock = dock
        self.map_tool: AddServicePointTool | None = None
        self.new_type = QComboBox()
        language = catalogue.ui_language()
        for key in catalogue.service_types():
            self.new_type.addItem(catalogue.label(key, language), key)
        self.row(tr("Type of new service"), self.new_type, tr("The service type of the points you add on the map."))
        self.add_button = self.button(tr("Click on the map to add a service point"), self.toggle_tool,
                                      tr("Then click where the new service should be; click the button again to stop."))
        self.add_button.setCheckable(True)
        self.form.addRow(self.add_button)
        self.info = QLabel(tr("New points: {}. Selected service points to close: {}.").format(0, 0))
        self.info.setWordWrap(True)
        self.form.addRow(self.info)
        self.form.addRow(self.button(tr("Compare scenario"), self.run,
                                     tr("Travel times before and after the change, for the types it touches.")))
        self.summary = self.note()
        dock.state.reset.connect(lambda: set_note(self.summary, ""))
        dock.state.changed.connect(self.update_info)

    # -- new points ----------------------------------------------------------------------------------
    def toggle_tool(self) -> None:
        if self.dock.iface is None:
            return
        canvas = self.dock.iface.mapCanvas()
        if self.map_tool is None:
            self.map_tool = AddServicePointTool(canvas)
            self.map_tool.pointAdded.connect(self.add_point)
            self.map_tool.deactivated.connect(lambda: self.add_button.setChecked(False))
        if canvas.mapTool() is self.map_tool:
            canvas.unsetMapTool(self.map_tool)
            self.add_button.setChecked(False)
        else:
            canvas.setMapTool(self.map_tool)
            self.add_button.setChecked(True)
            self.dock.message(tr("Click on the map where the new service should be."), Qgis.MessageLevel.Info)

    def new_points(self) -> QgsVectorLayer:
        layer = self.dock.state.layer("new_points")
        if isinstance(layer, QgsVectorLayer):
            return layer
        canvas = self.dock.iface.mapCanvas() if self.dock.iface else None
        crs = canvas.mapSettings().destinationCrs() if canvas else QgsProject.instance().crs()
        layer = QgsVectorLayer(f"Point?crs={crs.authid() or 'EPSG:3006'}", tr("New service points (scenario)"), "memory")
        layer.dataProvider().addAttributes([QgsField("type", field_type.STRING), QgsField("name", field_type.STRING)])
        layer.updateFields()
        QgsProject.instance().addMapLayer(layer, False)
        QgsProject.instance().layerTreeRoot().insertLayer(0, layer)  # on top, not inside a result group
        self.dock.state.remember("new_points", layer)
        return layer

    def add_point(self, point: QgsPointXY) -> None:
        """A new service point of the chosen type where the map was clicked (canvas CRS)."""
        layer = self.new_points()
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(point))
        feature.setAttributes([self.new_type.currentData(), tr("New: {}").format(self.new_type.currentText())])
        layer.dataProvider().addFeature(feature)
        layer.updateExtents()
        layer.triggerRepaint()
        self.update_info()

    def update_info(self) -> None:
        services = self.dock.data.inputs.services.currentLayer()
        closed = services.selectedFeatureCount() if isinstance(services, QgsVectorLayer) else 0
        new = self.dock.state.layer("new_points")
        count = new.featureCount() if isinstance(new, QgsVectorLayer) else 0
        self.info.setText(tr("New points: {}. Selected service points to close: {}.").format(count, closed))

    # -- comparing -----------------------------------------------------------------------------------
    def change(self) -> dict | None:
        """REMOVE (the selected service points), ADD and ADD_TYPE_FIELD (the new points); None: no change.

        The parameters of ``scenario`` and ``placeanalysis`` alike."""
        services = self.dock.data.inputs.services.currentLayer()
        removed = ",".join(str(i) for i in services.selectedFeatureIds()) if isinstance(services, QgsVectorLayer) else ""
        new = self.dock.state.layer("new_points")
        has_new = isinstance(new, QgsVectorLayer) and new.featureCount() > 0
        self.update_info()
        if not removed and not has_new:
            return None
        return {"REMOVE": removed or None, "ADD": new.id() if has_new else None,
                "ADD_TYPE_FIELD": "type" if has_new else None}

    def run(self) -> bool:
        change = self.change()
        if change is None:
            self.dock.error(tr("The scenario has no change. Click on the map to add a service point, or select "
                               "service points to close, then compare again."))
            return False
        extra = {**change, "CLASSES": self.dock.analysis.classes_text()}
        return self.dock.run_analysis("scenario", extra, tr("scenario"), self.show_summary)

    def show_summary(self, loaded: dict) -> None:
        layer = loaded.get("scenario")
        if isinstance(layer, QgsVectorLayer):
            set_note(self.summary, scenario_text(scenario_summaries(layer), capital_type_label))
        self.dock.analysis.refresh_types()

    def unload(self) -> None:
        if self.map_tool is not None and self.dock.iface is not None:
            self.dock.iface.mapCanvas().unsetMapTool(self.map_tool)

    def values(self) -> dict:
        return {"new_type": self.new_type.currentData() or ""}

    def restore(self, values: dict) -> None:
        index = self.new_type.findData(values.get("new_type", d.DEFAULT_CHECKED_TYPES[0]))
        if index >= 0:
            self.new_type.setCurrentIndex(index)
