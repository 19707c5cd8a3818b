"""Real QGIS desktop under Xvfb: the plugin enabled in a private profile runs the dock's demo workflow."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None or shutil.which("qgis") is None, reason="needs qgis and xvfb-run")
def test_demo_workflow_in_qgis_desktop(demo_gpkg, tmp_path):
    out = ROOT / "out" / "demo-gui-test"
    completed = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, str(ROOT / "scripts" / "demo_gui.py"),
         "--data", str(demo_gpkg), "--out", str(out)], capture_output=True, text=True, timeout=240)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-2000:]
    assert (out / "04_export.png").exists()
    for name in ("a4_portrait", "a4_landscape", "a3_landscape"):
        assert (out / f"{name}.pdf").exists()
        assert list(Path(out).glob(f"{name}-*.png"))
