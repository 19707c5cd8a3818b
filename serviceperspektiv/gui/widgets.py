"""Small building blocks shared by the panel's steps: a step box, buttons, layer and field pickers."""
from __future__ import annotations

import configparser
from collections.abc import Callable

from qgis.core import Qgis, QgsFieldProxyModel, QgsVectorLayer
from qgis.gui import QgsCollapsibleGroupBox, QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QToolButton, QWidget

from ..adapters.compat import enum
from ..adapters.layerfilters import layer_filters
from ..adapters.resources import docs_path, metadata_path
from ..i18n import tr

# Field name guesses for the pickers (first match wins; case-insensitive).
GUESS = {
    "speed": ("maxspeed", "speed", "hastighet", "klass_hast", "f_hogst_225"),
    "class": ("highway", "vagklass", "klass_181", "klass", "fclass"),
    "oneway": ("oneway", "riktning", "direction"),
    "type": ("type", "typ", "service_type", "serviceform"),
    "pop": ("pop", "population", "befolkning", "beftotalt", "folkmangd"),
}


def layer_filter(*names: str):
    """Layer filters for a layer picker, e.g. layer_filter("PointLayer", "PolygonLayer")."""
    return layer_filters(*names)


def field_filter(name: str):
    return enum((Qgis, "FieldProxyModelFilter", name), QgsFieldProxyModel.Filter, name)


class Step(QgsCollapsibleGroupBox):
    """One step of the panel: a collapsible box with a form; its buttons are disabled while a task runs."""

    message = pyqtSignal(str, int)  # text, Qgis.MessageLevel value
    error = pyqtSignal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form = QFormLayout(self)
        # Long Swedish labels go above their field when the dock is narrow.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.buttons: list[QPushButton] = []
        # QGIS gives the box's own collapse arrow no tooltip; every control of the panel has one.
        for arrow in self.findChildren(QToolButton, options=Qt.FindChildOption.FindDirectChildrenOnly):
            arrow.setToolTip(tr("Show or hide this step."))

    def button(self, text: str, slot: Callable, tooltip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        button.setToolTip(tooltip or text)
        self.buttons.append(button)
        return button

    def row(self, label: str, widget: QWidget, tooltip: str) -> QWidget:
        widget.setToolTip(tooltip)
        self.form.addRow(label, widget)
        return widget

    def note(self) -> QLabel:
        label = QLabel("")
        label.setWordWrap(True)
        label.setVisible(False)
        self.form.addRow(label)
        return label

    def set_busy(self, busy: bool) -> None:
        for button in self.buttons:
            button.setEnabled(not busy)

    def values(self) -> dict:
        """The choices remembered per project."""
        return {}

    def restore(self, values: dict) -> None:
        """Restore ``values()`` (missing keys keep their defaults)."""


def set_note(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def layer_combo(filters, tooltip: str) -> QgsMapLayerComboBox:
    combo = QgsMapLayerComboBox()
    combo.setFilters(filters)
    combo.setAllowEmptyLayer(True)
    combo.setToolTip(tooltip)
    return combo


def field_combo(layer_combo_: QgsMapLayerComboBox, filters, tooltip: str) -> QgsFieldComboBox:
    combo = QgsFieldComboBox()
    combo.setAllowEmptyFieldName(True)
    if filters is not None:
        combo.setFilters(filters)
    combo.setToolTip(tooltip)
    layer_combo_.layerChanged.connect(combo.setLayer)
    return combo


def guess_field(combo: QgsFieldComboBox, kind: str) -> None:
    """Pick the first field whose name is a known one for ``kind`` (only when none is chosen)."""
    layer = combo.layer()
    if not isinstance(layer, QgsVectorLayer) or combo.currentField():
        return
    names = {f.name().lower(): f.name() for f in layer.fields()}
    for candidate in GUESS[kind]:
        if candidate in names:
            combo.setField(names[candidate])
            return


def file_widget(file_filter: str, tooltip: str) -> QgsFileWidget:
    widget = QgsFileWidget()
    widget.setFilter(file_filter)
    widget.setToolTip(tooltip)
    widget.setMinimumWidth(80)
    return widget


def fit_narrow(root: QWidget) -> None:
    """Let pickers shrink with the dock instead of pushing the panel into a side scroll."""
    for combo in root.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)


def zoom_canvas(iface, layer) -> None:
    """Show a layer's whole extent on the map canvas (in the canvas's CRS)."""
    if layer is None or iface is None or iface.mapCanvas() is None:
        return
    from qgis.core import QgsCoordinateTransform, QgsProject

    canvas = iface.mapCanvas()
    extent = layer.extent()
    if layer.crs() != canvas.mapSettings().destinationCrs():
        extent = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(),
                                        QgsProject.instance()).transformBoundingBox(extent)
    canvas.setExtent(extent)
    canvas.refresh()


def help_target() -> QUrl:
    """The user guide: docs/gui.html shipped in the plugin (docs/gui.md in a checkout), else the homepage."""
    path = docs_path("gui")
    if path is not None:
        return QUrl.fromLocalFile(str(path))
    parser = configparser.ConfigParser()
    parser.read(metadata_path(), encoding="utf-8")
    return QUrl(parser.get("general", "homepage", fallback="https://plugins.qgis.org/"))


def help_button() -> QPushButton:
    """"Hjälp": opens the user guide (the panel and the settings page both have one)."""
    button = QPushButton(tr("Help"))
    button.setToolTip(tr("Open the documentation of Serviceperspektiv."))
    button.clicked.connect(lambda _checked=False: QDesktopServices.openUrl(help_target()))
    return button
