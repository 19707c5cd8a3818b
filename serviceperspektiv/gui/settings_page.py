"""The plugin's page in QGIS's options dialog: endpoints, cache, offline mode and defaults."""
from __future__ import annotations

from typing import Any

from qgis.core import QgsSettings
from qgis.gui import QgsFileWidget, QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from ..i18n import tr
from ..processing.provider import ICON_PATH

PREFIX = "serviceperspektiv/"
try:  # the data-sources engineer owns the keys of the endpoints, cache and offline mode
    from ..sources.settings import SETTINGS as SOURCE_SETTINGS
    SOURCE_KEYS: list[tuple[str, Any, type, str]] = [(s.key, s.default, s.kind, s.label) for s in SOURCE_SETTINGS.values()]
except ImportError:  # pragma: no cover - fallback while the sources module is missing
    SOURCE_KEYS = [
        ("overpass_url", "https://overpass-api.de/api/interpreter", str, "Overpass API endpoint"),
        ("scb_wfs_url", "https://geodata.scb.se/geoserver/stat/wfs", str, "SCB geodata WFS endpoint"),
        ("nvdb_url", "", str, "URL of Tillväxtverket's processed NVDB GeoPackage"),
        ("cache_dir", "", str, "Cache folder (empty: the user's cache folder)"),
        ("offline", False, bool, "Offline: use the cache only"),
    ]

# Keys of the GUI and the layouts (defaults for the dock and the PDF maps).
GUI_KEYS: list[tuple[str, Any, type, str]] = [
    ("municipality_name", "", str, "Municipality name on maps"),
    ("logo_path", "", "file", "Municipality logo on maps (SVG or PNG)"),
    ("template_dir", "", "dir", "Folder with house layout templates (.qpt) that override the built-in ones"),
    ("output_dir", "", "dir", "Folder for results (empty: next to the project)"),
    ("default_mode", 0, int, "Default travel mode (0 car, 1 bike, 2 walk)"),
    ("default_classes", "5,10,20,30", str, "Default class limits (minutes)"),
]
FILE_KEYS = {"cache_dir": "dir"}


class SettingsPage(QgsOptionsPageWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>" + tr("Data sources") + "</b>"))
        form = QFormLayout()
        layout.addLayout(form)
        self.editors: dict[str, tuple[Any, Any]] = {}
        settings = QgsSettings()
        for key, default, kind, label in SOURCE_KEYS:
            self._add(form, settings, key, default, FILE_KEYS.get(key, kind), label)
        layout.addWidget(QLabel("<b>" + tr("Maps and defaults") + "</b>"))
        form2 = QFormLayout()
        layout.addLayout(form2)
        for key, default, kind, label in GUI_KEYS:
            self._add(form2, settings, key, default, kind, label)
        layout.addStretch(1)

    def _add(self, form: QFormLayout, settings: QgsSettings, key: str, default: Any, kind: Any, label: str) -> None:
        value = settings.value(PREFIX + key, default)
        if kind is bool:
            widget = QCheckBox()
            widget.setChecked(str(value).lower() in {"true", "1", "yes"})
        elif kind is int:
            widget = QSpinBox()
            widget.setRange(0, 1000000)
            widget.setValue(int(value or 0))
        elif kind is float:
            widget = QDoubleSpinBox()
            widget.setRange(0, 1e9)
            widget.setDecimals(2)
            widget.setValue(float(value or 0))
        elif kind in ("file", "dir"):
            widget = QgsFileWidget()
            widget.setStorageMode(QgsFileWidget.GetDirectory if kind == "dir" else QgsFileWidget.GetFile)
            widget.setFilePath(str(value or ""))
        else:
            widget = QLineEdit(str(value or ""))
        widget.setObjectName(key)
        form.addRow(tr(label), widget)
        self.editors[key] = (widget, kind)

    def apply(self) -> None:
        settings = QgsSettings()
        for key, (widget, kind) in self.editors.items():
            if kind is bool:
                value: Any = widget.isChecked()
            elif kind in (int, float):
                value = widget.value()
            elif kind in ("file", "dir"):
                value = widget.filePath()
            else:
                value = widget.text().strip()
            settings.setValue(PREFIX + key, value)


class SettingsPageFactory(QgsOptionsWidgetFactory):
    def __init__(self) -> None:
        super().__init__("Serviceperspektiv", QIcon(str(ICON_PATH)))

    def icon(self) -> QIcon:
        return QIcon(str(ICON_PATH))

    def createWidget(self, parent=None) -> SettingsPage:  # noqa: N802 - QGIS API
        return SettingsPage(parent)
