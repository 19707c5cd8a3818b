"""The panel's last choices, remembered per project (QgsSettings, keyed by the project file)."""
from __future__ import annotations

import hashlib
from typing import Any

from qgis.core import QgsProject, QgsSettings

from .. import definitions as d

PREFIX = "serviceperspektiv/dock/"


def _group() -> str:
    path = QgsProject.instance().fileName() or "unsaved"
    return PREFIX + hashlib.sha1(path.encode("utf-8")).hexdigest()[:12]


def _key(name: str) -> str:
    return _group() + "/" + name


def defaults() -> dict[str, Any]:
    """Defaults from the settings page: travel mode and class limits."""
    settings = QgsSettings()
    return {"mode": settings.value("serviceperspektiv/default_mode", 0, type=int),
            "classes": settings.value("serviceperspektiv/default_classes", d.DEFAULT_CLASSES_TEXT, type=str)}


def save(values: dict[str, Any]) -> None:
    settings = QgsSettings()
    for name, value in values.items():
        settings.setValue(_key(name), value)


def load() -> dict[str, Any]:
    settings = QgsSettings()
    settings.beginGroup(_group())
    values = {name: settings.value(name) for name in settings.childKeys()}
    settings.endGroup()
    return {**defaults(), **{k: v for k, v in values.items() if v is not None}}
