"""Real QGIS desktop under Xvfb: the plugin enabled in a private profile runs the panel's workflow,
then the real-use sequence of issue 11 (remove a result, run again, new project, demo data, run
again): results are added every time and the message log has no Python error."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None or shutil.which("qgis") is None, reason="needs qgis and xvfb-run")
def test_panel_in_qgis_desktop_survives_real_use(demo_gpkg, tmp_path):
    out = ROOT / "out" / "demo-gui-test"
    completed = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, str(ROOT / "scripts" / "demo_gui.py"),
         "--data", str(demo_gpkg), "--out", str(out)], capture_output=True, text=True, timeout=400)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-2000:]
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert result["errors"] == []  # no Python error, no "wrapped C/C++ object … deleted" in the log
    steps = result["steps"]
    for step in ("nulägesanalys: True", "removed: True", "gaps after removal: True", "new project: True",
                 "nulägesanalys reset: True", "after new project: True", "report after new project: True"):
        assert step in steps, steps
    assert result["results_added"] and all(count >= 1 for count in result["results_added"])
    assert "invånare" in result["scenario_summary"] and "inom 2 km" in result["profile_summary"]
    assert Path(result["report"]).is_file() and Path(result["report"]).parent == (out / "serviceperspektiv").resolve()
    assert (out / "05_export.png").exists() and (out / "04b_place.png").exists()
    # the Nulägesanalys step in Swedish: the demo's tätort, one sentence, the report next to the other results
    assert result["place_layer"] == "Tätorter" and result["place_summary"].startswith("I Fredriksberg bor ")
    assert "med bil till en dagligvarubutik med fullsortiment" in result["place_summary"]
    assert Path(result["place_report"]).is_file() and Path(result["place_report"]).parent == Path(result["report"]).parent
    for name in ("a4_portrait", "a4_landscape", "a3_landscape"):
        assert (out / f"{name}.pdf").exists()
        assert list(Path(out).glob(f"{name}-*.png"))
