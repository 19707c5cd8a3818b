"""Plugin entry: registers the Processing provider and (in QGIS desktop) the GUI."""
from __future__ import annotations

from qgis.core import QgsApplication

from .i18n import install_translator
from .processing.provider import ServiceperspektivProvider


class ServiceperspektivPlugin:
    def __init__(self, iface) -> None:
        self.iface = iface
        self.provider: ServiceperspektivProvider | None = None
        self.gui = None
        install_translator()

    def initProcessing(self) -> None:  # noqa: N802 - QGIS API
        if self.provider is None:
            provider = ServiceperspektivProvider()
            # addProvider refuses (and frees) a second provider with the same id.
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider

    def initGui(self) -> None:  # noqa: N802 - QGIS API
        self.initProcessing()
        if self.iface is None:
            return
        try:
            from .gui.main import PluginGui
        except ImportError:  # the GUI package is optional for headless use
            return
        self.gui = PluginGui(self.iface)
        self.gui.init_gui()

    def unload(self) -> None:
        if self.gui is not None:
            self.gui.unload()
            self.gui = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
