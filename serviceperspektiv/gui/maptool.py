"""Map tool for scenarios: a click on the map adds a new service point."""
from __future__ import annotations

from qgis.core import QgsPointXY
from qgis.gui import QgsMapCanvas, QgsMapToolEmitPoint
from qgis.PyQt.QtCore import Qt, pyqtSignal


class AddServicePointTool(QgsMapToolEmitPoint):
    pointAdded = pyqtSignal(QgsPointXY)  # noqa: N815 - Qt signal naming; canvas CRS

    def __init__(self, canvas: QgsMapCanvas) -> None:
        super().__init__(canvas)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.canvasClicked.connect(self._clicked)

    def _clicked(self, point: QgsPointXY, button) -> None:
        if button == Qt.MouseButton.LeftButton:
            self.pointAdded.emit(QgsPointXY(point))
