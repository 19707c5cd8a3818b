"""The demo: closing the village grocery store lengthens the village's trips; the SS 637040 sample is profiled."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import demo_analysis  # noqa: E402


def test_closing_village_store(run_alg, demo_gpkg, tmp_path):
    from qgis.core import QgsGeometry, QgsPointXY, QgsVectorLayer

    fid, name, key = demo_analysis.village_grocery(demo_gpkg)
    assert "Fredriksberg" in name
    services = QgsVectorLayer(f"{demo_gpkg}|layername=services")
    store = services.getFeature(fid).geometry().asPoint()
    result = run_alg("scenario", {**demo_analysis.network_parameters(demo_gpkg), "REMOVE": str(fid),
                                  "OUTPUT": "memory:", "CROSSINGS": "memory:", "UNDERLAG": "memory:"})
    layer = result["OUTPUT"]
    village = [f for f in layer.getFeatures()
               if f.geometry().centroid().distance(QgsGeometry.fromPointXY(QgsPointXY(store))) < 1500 and f["pop"]]
    assert village
    for feature in village:
        assert feature[f"{key}_delta_min"] > 3, feature.attributes()
        assert feature[f"{key}_after_min"] > feature[f"{key}_before_min"]
    underlag = {f["status"]: f for f in result["UNDERLAG"].getFeatures()}
    assert underlag["removed"]["population_after"] == 0 and underlag["removed"]["population_before"] > 0
    worse = sum(f["worse_population"] for f in result["CROSSINGS"].getFeatures() if f["limit_min"] == "10")
    assert worse > 0


def test_demo_analysis_run(demo_gpkg, tmp_path, provider):
    import processing

    nearest = processing.run("serviceperspektiv:nearestservice", {
        **demo_analysis.network_parameters(demo_gpkg), "OUTPUT": str(tmp_path / "nearest.gpkg")})["OUTPUT"]
    lines = demo_analysis.run(demo_gpkg, nearest, tmp_path / "out")
    assert any(line.startswith("Scenario: stäng") for line in lines)
    assert any(line.startswith("Planområde") for line in lines)
    page = (tmp_path / "out" / "rapport.html").read_text(encoding="utf-8")
    assert "<svg" in page and "Områdesprofil" in page


def test_sample_detaljplan_profiled_on_demo(run_alg, demo_gpkg):
    sample = ROOT / "tests" / "data" / "detaljplan" / "plankarta_sweref99_15_00.xml"  # the real plan, moved
    plan = run_alg("importdetaljplan", {"FILE": str(sample), "OUTPUT": "memory:", "OUTPUT_AREAS": "memory:",
                                        "OUTPUT_PROPERTIES": "memory:"})["OUTPUT"]
    layer = run_alg("planareaprofile", {**demo_analysis.network_parameters(demo_gpkg), "PLAN_AREA": plan,
                                        "OUTPUT": "memory:"})["OUTPUT"]
    row = next(layer.getFeatures())
    assert layer.crs().authid() == "EPSG:3006"  # measured in the network's CRS after transforming from 3009
    assert row["planid"] == "BN16/1724" and row["population_inside"] > 0
    assert row["dagligvaror_ovrig_min_median"] == pytest.approx(row["dagligvaror_ovrig_min_median"])
    assert row["dagligvaror_ovrig_min_median"] < 5
