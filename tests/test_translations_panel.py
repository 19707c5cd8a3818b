"""The panel, the settings page, the maps and the summaries are Swedish throughout under the sv locale."""
from __future__ import annotations

import subprocess

from conftest import ROOT
from i18n_check import missing, panel_strings


def test_every_panel_string_has_a_swedish_translation(qgis_app):
    strings = panel_strings()
    assert len(strings) > 200
    assert missing(strings) == []


def test_panel_in_swedish(qgis_iface, provider):
    subprocess.run(["bash", str(ROOT / "scripts" / "build_translations.sh")], check=True)
    from serviceperspektiv.gui.dock import ServiceDock
    from serviceperspektiv.gui.settings_page import SettingsPage
    from serviceperspektiv.i18n import install_translator, tr

    assert install_translator("sv") == "sv"
    try:
        dock = ServiceDock(qgis_iface)
        texts = {button.text() for button in dock.buttons}
        # the toolbox's Swedish names on the analysis buttons
        assert {"Restidszoner", "Underlag per serviceställe", "Serviceglapp", "Restid till närmaste service"} <= texts
        assert dock.analysis.mode.itemText(1) == "Cykel" and dock.export.extent.itemText(1) == "Planområde"
        assert tr("car") == "bil"
        page = SettingsPage()
        assert page.help_button.text() == "Hjälp"
        assert all(widget.toolTip() for widget, _kind in page.editors.values())
        # logins are picked from QGIS's authentication manager, never typed in as text
        from qgis.gui import QgsAuthConfigSelect

        assert all(isinstance(page.editors[key][0], QgsAuthConfigSelect)
                   for key in ("overpass_authcfg", "scb_wfs_authcfg", "nvdb_authcfg", "detaljplan_authcfg"))
        dock.unload()
        dock.deleteLater()
    finally:
        install_translator("en")
