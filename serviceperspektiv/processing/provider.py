"""The Processing provider: collects ``ALGORITHMS`` from every module in ``algorithms/``."""
from __future__ import annotations

import importlib
import pkgutil

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..adapters.resources import icon_path
from ..i18n import tr
from . import algorithms

ICON_PATH = icon_path()


def algorithm_classes() -> list:
    classes = []
    for module_info in sorted(pkgutil.iter_modules(algorithms.__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{algorithms.__name__}.{module_info.name}")
        classes.extend(getattr(module, "ALGORITHMS", []))
    return classes


class ServiceperspektivProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "serviceperspektiv"

    def name(self) -> str:
        return "Serviceperspektiv"

    def longName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Serviceperspektiv – access to everyday service")

    def icon(self) -> QIcon:
        return QIcon(str(ICON_PATH))

    def svgIconPath(self) -> str:  # noqa: N802 - QGIS API
        return str(ICON_PATH)

    def loadAlgorithms(self) -> None:  # noqa: N802 - QGIS API
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
