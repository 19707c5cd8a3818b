"""The main job end to end: scripts/run_demo.py on the bundled demo data."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_demo_writes_gpkg_pdf_nulagesanalys_and_summary(demo_gpkg, tmp_path):
    out = tmp_path / "demo"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    completed = subprocess.run([sys.executable, str(ROOT / "scripts" / "run_demo.py"), "--data", str(demo_gpkg),
                                "--out", str(out)], capture_output=True, text=True, env=env, timeout=600)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "Befolkning per restidsklass" in completed.stdout
    assert "dagligvaror_ovrig" in completed.stdout
    gpkg = out / "serviceperspektiv_demo.gpkg"
    pdf = out / "serviceperspektiv_demo.pdf"
    assert gpkg.exists() and pdf.exists()
    from qgis.core import QgsVectorLayer

    for name in ("roads", "services", "population", "nearest_service"):
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        assert layer.isValid() and layer.featureCount() > 0, name
    nearest = QgsVectorLayer(f"{gpkg}|layername=nearest_service", "n", "ogr")
    assert "illustrativ" in " ".join(QgsVectorLayer(f"{gpkg}|layername=roads", "r", "ogr").metadata().rights()).lower()
    # The village (about 700 people) has its own grocery store: most of it is within 5 minutes.
    village = [f for f in nearest.getFeatures() if f.geometry().distance(_village_point()) < 1000]
    people = sum(f["pop"] for f in village)
    near = sum(f["pop"] for f in village if f["dagligvaror_ovrig_min"] is not None and f["dagligvaror_ovrig_min"] < 5)
    assert 550 <= people <= 850 and near / people > 0.9
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Illustrativa demodata" in text

    # The nulägesanalys of Fredriksberg (the demo's illustrative tätort): table, points, report with its map
    for name in ("nulagesanalys.gpkg", "nulagesanalys_servicepunkter.gpkg", "nulagesanalys.html",
                 "nulagesanalys_karta_1.png"):
        assert (out / name).is_file(), name
    table = QgsVectorLayer(str(out / "nulagesanalys.gpkg"), "t", "ogr")
    rows = {f["type"]: f for f in table.getFeatures()}
    assert {f["place_name"] for f in rows.values()} == {"Fredriksberg"} and "dagligvaror_full" in rows
    assert any("Illustrativa demodata" in r for r in table.metadata().rights())
    tatort = next(QgsVectorLayer(f"{demo_gpkg}|layername=tatorter", "t", "ogr").getFeatures())
    people = rows["dagligvaror_full"]["population_inside"]
    assert people == tatort["bef"] and 400 <= people <= 850
    # the key sentence in the terminal, from the table
    shares = [rows["dagligvaror_full"][f"share_{k}"] for k in ("lt5", "5_10", "10_30", "gt30")]
    sentence = f"Nulägesanalys (illustrativa data): I Fredriksberg bor {people:.0f} personer; {max(shares):.0f}\u00a0% har "
    assert sentence in completed.stdout and "med bil till en dagligvarubutik med fullsortiment." in completed.stdout
    # the report says at its top that the data are illustrative, and so does its map
    html = (out / "nulagesanalys.html").read_text(encoding="utf-8")
    assert "Illustrativa demodata" in html.split('<h2 id="ort-1">')[0] and html.count("data:image/png;base64,") == 1
    assert f"I Fredriksberg bor {people:.0f} personer" in html


def _village_point():
    from qgis.core import QgsGeometry, QgsPointXY

    return QgsGeometry.fromPointXY(QgsPointXY(465120.0, 6667169.0))
