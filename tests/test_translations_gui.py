"""The Swedish GUI: gui_sv.ts builds, and the dock shows Swedish labels under the sv locale."""
from __future__ import annotations

import subprocess

from conftest import ROOT


def test_gui_sv_builds_and_dock_is_swedish(qgis_iface, provider):
    subprocess.run(["bash", str(ROOT / "scripts" / "build_translations.sh")], check=True)
    assert (ROOT / "serviceperspektiv" / "i18n" / "gui_sv.qm").exists()
    from serviceperspektiv.gui.dock import ServiceDock
    from serviceperspektiv.i18n import install_translator, tr

    assert install_translator("sv") == "sv"
    try:
        assert tr("Service gaps") == "Serviceglapp"
        dock = ServiceDock(qgis_iface)
        texts = {button.text() for button in dock.buttons}
        assert "Hämta underlag" in texts and "Jämför scenario" in texts
        assert dock.analysis.mode.itemText(0) == "Bil"
        assert dock.data.type_boxes["dagligvaror_full"].text() == "Dagligvaror, fullsortiment"
        dock.unload()
        dock.deleteLater()
    finally:
        install_translator("en")
