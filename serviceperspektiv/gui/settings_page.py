"""The plugin's page in QGIS's options dialog: endpoints, cache, offline mode and defaults.

Every label goes through tr() (Swedish in a Swedish QGIS), every control has a tooltip, and the
help button opens the documentation.
"""
from __future__ import annotations

from typing import Any

from qgis.core import QgsSettings
from qgis.gui import QgsAuthConfigSelect, QgsFileWidget, QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from .. import definitions as d
from ..i18n import tr
from ..processing.provider import ICON_PATH
from ..sources.settings import AUTHCFG_KEYS
from ..sources.settings import SETTINGS as SOURCE_SETTINGS
from .widgets import help_button

PREFIX = "serviceperspektiv/"
SOURCE_KEYS: list[tuple[str, Any, Any, str]] = [(s.key, s.default, s.kind, s.label) for s in SOURCE_SETTINGS.values()]
# Keys of the panel and the layouts (defaults for the panel and the PDF maps).
GUI_KEYS: list[tuple[str, Any, Any, str]] = [
    ("municipality_name", "", str, "Municipality name on maps"),
    ("logo_path", "", "file", "Municipality logo on maps (SVG or PNG)"),
    ("template_dir", "", "dir", "Folder with house layout templates (.qpt) that override the built-in ones"),
    ("output_dir", "", "dir", "Folder for results (empty: next to the project)"),
    ("default_mode", 0, "mode", "Default travel mode"),
    ("default_classes", d.DEFAULT_CLASSES_TEXT, str, "Default class limits (minutes)"),
]
FILE_KEYS = {"cache_dir": "dir"}
TOOLTIPS = {
    "overpass_url": "The Overpass API server that OpenStreetMap data are fetched from. Use your own server behind a "
                    "firewall.",
    "scb_wfs_url": "SCB's geodata WFS that the population grid is fetched from.",
    "scb_wfs_layer": "The WFS layer of the population grid; {year} is replaced by the year chosen.",
    "nvdb_url": "Where Tillväxtverket's processed NVDB road network (GeoPackage) is downloaded from.",
    "cache_dir": "Fetched data are kept here and reused. Empty: the user's cache folder.",
    "cache_ttl_hours": "How long fetched data are reused before they are fetched again.",
    "offline": "Use only data already in the cache; nothing is fetched from the internet.",
    "connect_timeout_s": "How long to wait for a server to answer the connection.",
    "read_timeout_s": "How long to wait for a server's whole answer.",
    "max_retries": "How many times a failed request is tried again.",
    "backoff_s": "The first wait before a retry; it doubles on each retry.",
    "overpass_429_wait_s": "The least wait after Overpass answers 'too many requests' (HTTP 429).",
    "wait_scale": "Scales every wait (for tests; keep 1).",
    "tile_km": "Large areas are fetched from Overpass in square tiles of at most this side.",
    "wfs_page_size": "How many features each WFS request asks for.",
    "municipality_name": "Shown in the top right corner of every PDF map.",
    "logo_path": "An SVG or PNG logo shown on every PDF map.",
    "template_dir": "A folder with your own .qpt layouts named a4_portrait, a4_landscape or a3_landscape; they "
                    "replace the built-in ones.",
    "output_dir": "Where results, maps and reports are written. Empty: the folder 'serviceperspektiv' next to the "
                  "saved project.",
    "default_mode": "The travel mode the panel starts with.",
    "default_classes": "The travel-time classes the panel starts with, e.g. 5,10,20,30.",
}


class SettingsPage(QgsOptionsPageWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        header.addWidget(QLabel("<b>" + tr("Data sources") + "</b>"), 1)
        self.help_button = help_button()
        header.addWidget(self.help_button)
        layout.addLayout(header)
        form = QFormLayout()
        layout.addLayout(form)
        self.editors: dict[str, tuple[Any, Any]] = {}
        settings = QgsSettings()
        logins = set(AUTHCFG_KEYS.values())
        for key, default, kind, label in SOURCE_KEYS:
            self._add(form, settings, key, default, "authcfg" if key in logins else FILE_KEYS.get(key, kind), label)
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
        elif kind == "mode":
            from qgis.PyQt.QtWidgets import QComboBox

            widget = QComboBox()
            widget.addItems([tr(m) for m in d.MODE_LABELS])
            widget.setCurrentIndex(d.mode_index(int(value or 0)))
        elif kind is int:
            widget = QSpinBox()
            widget.setRange(0, 1000000)
            widget.setValue(int(value or 0))
        elif kind is float:
            widget = QDoubleSpinBox()
            widget.setRange(0, 1e9)
            widget.setDecimals(2)
            widget.setValue(float(value or 0))
        elif kind == "authcfg":
            # A configuration of QGIS's authentication manager: only its id is stored here.
            widget = QgsAuthConfigSelect(self)
            widget.setConfigId(str(value or ""))
        elif kind in ("file", "dir"):
            widget = QgsFileWidget()
            widget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory if kind == "dir"
                                  else QgsFileWidget.StorageMode.GetFile)
            widget.setFilePath(str(value or ""))
        else:
            widget = QLineEdit(str(value or ""))
        widget.setObjectName(key)
        widget.setToolTip(tr(TOOLTIPS.get(key, label)))
        caption = QLabel(tr(label))
        caption.setToolTip(widget.toolTip())
        form.addRow(caption, widget)
        self.editors[key] = (widget, kind)

    def apply(self) -> None:
        settings = QgsSettings()
        for key, (widget, kind) in self.editors.items():
            if kind is bool:
                value: Any = widget.isChecked()
            elif kind == "mode":
                value = widget.currentIndex()
            elif kind in (int, float):
                value = widget.value()
            elif kind in ("file", "dir"):
                value = widget.filePath()
            elif kind == "authcfg":
                value = widget.configId()
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
