"""The analysis algorithms from qgis_process.bin: results, and clear errors with a non-zero exit."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import QGIS_PROCESS, qgis_process_json, run_qgis_process

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "detaljplan" / "plankarta_sweref99_15_00.xml"  # the real plan, moved

pytestmark = pytest.mark.skipif(not Path(QGIS_PROCESS).exists(), reason="qgis_process.bin not installed")


def _net(demo: Path) -> dict:
    return {"ROADS": f"{demo}|layername=roads", "SPEED_FIELD": "maxspeed", "CLASS_FIELD": "highway",
            "ONEWAY_FIELD": "oneway", "SERVICES": f"{demo}|layername=services", "TYPE_FIELD": "type",
            "ORIGINS": f"{demo}|layername=population", "POPULATION_FIELD": "pop"}


def test_chain_from_qgis_process(tmp_path, demo_gpkg):
    """import -> profile -> gaps -> report, all from the command line."""
    plan = tmp_path / "plan.gpkg"
    done = run_qgis_process(tmp_path, "serviceperspektiv:importdetaljplan", {
        "FILE": str(SAMPLE), "OUTPUT": str(plan), "OUTPUT_AREAS": str(tmp_path / "areas.gpkg"),
        "OUTPUT_PROPERTIES": str(tmp_path / "properties.gpkg")})
    assert done.returncode == 0, done.stderr + done.stdout
    profile = tmp_path / "profile.gpkg"
    done = run_qgis_process(tmp_path, "serviceperspektiv:planareaprofile", {
        **_net(demo_gpkg), "PLAN_AREA": str(plan), "OUTPUT": str(profile)})
    assert done.returncode == 0, done.stderr + done.stdout
    stats = tmp_path / "stats.gpkg"
    summary = tmp_path / "summary.gpkg"
    done = run_qgis_process(tmp_path, "serviceperspektiv:servicegaps", {
        **_net(demo_gpkg), "AGE_FIELDS": ["age_70_79", "age_80_plus"], "GAPS": str(tmp_path / "gaps.gpkg"),
        "STATS": str(stats), "SUMMARY": str(summary)})
    assert done.returncode == 0, done.stderr + done.stdout
    html = tmp_path / "rapport.html"
    done = run_qgis_process(tmp_path, "serviceperspektiv:report", {
        "STATS": str(stats), "SUMMARY": str(summary), "PROFILE": str(profile), "OUTPUT": str(html)})
    assert done.returncode == 0, done.stderr + done.stdout
    assert qgis_process_json(done)["results"]["OUTPUT"] == str(html)
    with open(tmp_path / "rapport_stats.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    totals: dict[str, float] = {}
    for row in rows:
        totals[row["type"]] = totals.get(row["type"], 0.0) + float(row["population"])
    assert len(set(round(v, 6) for v in totals.values())) == 1  # every type adds up to the same total
    with open(tmp_path / "rapport_profile.csv", encoding="utf-8-sig") as handle:
        profile_rows = list(csv.DictReader(handle, delimiter=";"))
    assert profile_rows[0]["planid"] == "BN16/1724"


def test_bad_remove_id_exit_code(tmp_path, demo_gpkg):
    done = run_qgis_process(tmp_path, "serviceperspektiv:scenario", {
        **_net(demo_gpkg), "REMOVE": "9999", "OUTPUT": str(tmp_path / "s.gpkg"),
        "CROSSINGS": str(tmp_path / "c.gpkg"), "UNDERLAG": str(tmp_path / "u.gpkg")})
    assert done.returncode != 0
    text = done.stdout + done.stderr
    assert "9999" in text and "Traceback" not in text
    assert not (tmp_path / "s.gpkg").exists()
