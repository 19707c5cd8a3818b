"""Step 1, Område: the municipality, the map extent, or a polygon layer (its selection)."""
from __future__ import annotations

from typing import Any

from qgis.core import QgsProcessingFeatureSourceDefinition, QgsRectangle, QgsVectorLayer
from qgis.PyQt.QtWidgets import QComboBox

from ... import definitions as d
from ...i18n import tr
from ...sources.municipalities import load_municipalities
from ..widgets import Step, layer_combo, layer_filter


def municipalities() -> list[tuple[str, str]]:
    try:
        return [(m.code, m.name) for m in load_municipalities()]
    except (OSError, KeyError):
        return [(d.DEFAULT_MUNICIPALITY, "Ludvika")]


class AreaStep(Step):
    def __init__(self, dock) -> None:
        super().__init__(tr("1. Area"))
        self.dock = dock
        self.mode = QComboBox()
        self.mode.addItems([tr(label) for label in d.AREA_MODES])
        self.row(tr("Area from"), self.mode, tr("Where data are fetched: a municipality, what the map shows now, or "
                                                "the polygons (or the selected ones) of a layer."))
        self.municipality = QComboBox()
        for code, name in municipalities():
            self.municipality.addItem(f"{name} ({code})", code)
        self.municipality.setCurrentIndex(max(self.municipality.findData(d.DEFAULT_MUNICIPALITY), 0))
        self.row(tr("Municipality"), self.municipality, tr("The municipality whose data are fetched (SCB code)."))
        self.layer = layer_combo(layer_filter("PolygonLayer"), tr("A polygon layer; its selected polygons, or all "
                                                                   "of them, make the area."))
        self.form.addRow(tr("Polygon layer"), self.layer)
        self.mode.currentIndexChanged.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        self.municipality.setEnabled(self.mode.currentIndex() == 0)
        self.layer.setEnabled(self.mode.currentIndex() == 2)

    def parameters(self) -> dict[str, Any]:
        """The fetch algorithms' area parameters (MUNICIPALITY, EXTENT or AREA)."""
        mode = self.mode.currentIndex()
        if mode == 0:
            return {"MUNICIPALITY": self.municipality.currentData()}
        if mode == 1 and self.dock.iface is not None:
            canvas = self.dock.iface.mapCanvas()
            rect: QgsRectangle = canvas.extent()
            crs = canvas.mapSettings().destinationCrs().authid()
            return {"EXTENT": f"{rect.xMinimum()},{rect.xMaximum()},{rect.yMinimum()},{rect.yMaximum()} [{crs}]"}
        layer = self.layer.currentLayer()
        if layer is None:
            return {}
        selected = isinstance(layer, QgsVectorLayer) and layer.selectedFeatureCount() > 0
        return {"AREA": QgsProcessingFeatureSourceDefinition(layer.id(), selected)}

    def name(self) -> str:
        """The area's name for map subtitles."""
        if self.mode.currentIndex() == 0:
            return self.municipality.currentText().split(" (")[0]
        layer = self.layer.currentLayer()
        return layer.name() if layer is not None and self.mode.currentIndex() == 2 else ""

    def values(self) -> dict:
        return {"area_mode": self.mode.currentIndex(), "municipality": self.municipality.currentData()}

    def restore(self, values: dict) -> None:
        self.mode.setCurrentIndex(int(values.get("area_mode", 0)))
        index = self.municipality.findData(values.get("municipality", d.DEFAULT_MUNICIPALITY))
        if index >= 0:
            self.municipality.setCurrentIndex(index)
