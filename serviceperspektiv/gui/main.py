"""Desktop GUI: toolbar, menu under Plugins, the dock and the settings page."""
from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon

try:
    from qgis.PyQt.QtGui import QAction  # Qt6 (QGIS 4), and QGIS versions that alias it for Qt5
except ImportError:  # Qt5: QAction lives in QtWidgets
    from qgis.PyQt.QtWidgets import QAction

from ..i18n import tr
from ..processing.provider import ICON_PATH
from .dock import ServiceDock
from .settings_page import SettingsPageFactory

MENU = "&Serviceperspektiv"


class PluginGui:
    def __init__(self, iface) -> None:
        self.iface = iface
        self.dock: ServiceDock | None = None
        self.actions: list[QAction] = []
        self.toolbar = None
        self.options_factory: SettingsPageFactory | None = None

    def init_gui(self) -> None:
        icon = QIcon(str(ICON_PATH))
        main_window = self.iface.mainWindow()
        self.dock_action = QAction(icon, tr("Serviceperspektiv panel"), main_window)
        self.dock_action.setCheckable(True)
        self.dock_action.triggered.connect(self.toggle_dock)
        toolbox_action = QAction(icon, tr("Serviceperspektiv algorithms (Processing)"), main_window)
        toolbox_action.triggered.connect(self.open_toolbox)
        settings_action = QAction(tr("Settings…"), main_window)
        settings_action.triggered.connect(self.open_settings)
        self.actions = [self.dock_action, toolbox_action, settings_action]
        self.toolbar = self.iface.addToolBar("Serviceperspektiv")
        self.toolbar.setObjectName("ServiceperspektivToolbar")
        self.toolbar.addAction(self.dock_action)
        for action in self.actions:
            self.iface.addPluginToMenu(MENU, action)
        self.options_factory = SettingsPageFactory()
        self.iface.registerOptionsWidgetFactory(self.options_factory)

    def open_dock(self) -> ServiceDock:
        if self.dock is None:
            self.dock = ServiceDock(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            window = self.iface.mainWindow()
            if window is not None and hasattr(window, "resizeDocks"):
                # Room for the pickers and the Swedish labels without a side scroll.
                window.resizeDocks([self.dock], [400], Qt.Orientation.Horizontal)
            self.dock.visibilityChanged.connect(self.dock_action.setChecked)
        self.dock.show()
        self.dock.raise_()
        return self.dock

    def toggle_dock(self, checked: bool = True) -> None:
        if checked or self.dock is None:
            self.open_dock()
        else:
            self.dock.hide()

    def open_settings(self, _checked: bool = False) -> None:
        self.iface.showOptionsDialog(self.iface.mainWindow(), "Serviceperspektiv")

    def open_toolbox(self) -> None:
        """Show the Processing Toolbox filtered to our algorithms."""
        from qgis.utils import plugins

        toolbox = getattr(plugins.get("processing"), "toolbox", None)
        if toolbox is None:
            self.iface.messageBar().pushWarning("Serviceperspektiv", tr(
                "The Processing plugin is not active. Enable it under Plugins > Manage and Install Plugins."))
            return
        toolbox.setVisible(True)
        toolbox.raise_()
        search = getattr(toolbox, "searchBox", None)
        if search is not None:
            search.setText("serviceperspektiv")

    def unload(self) -> None:
        # The actions belong to QGIS's main window, which outlives the plugin: delete them, or a
        # reloaded plugin leaves live actions behind that call into the old Python objects.
        for action in self.actions:
            self.iface.removePluginMenu(MENU, action)
            action.blockSignals(True)
            action.deleteLater()
        self.actions = []
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.options_factory is not None:
            self.iface.unregisterOptionsWidgetFactory(self.options_factory)
            self.options_factory = None
        if self.dock is not None:
            self.dock.unload()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
