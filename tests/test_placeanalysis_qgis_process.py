"""placeanalysis from qgis_process: results on success; a non-zero exit and no files on bad input."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import QGIS_PROCESS, qgis_process_json, run_qgis_process
from tests.test_placeanalysis_alg import _box

pytestmark = pytest.mark.skipif(not Path(QGIS_PROCESS).exists(), reason="qgis_process.bin not installed")


def _place_file(path: Path) -> Path:
    """SCB-style tätort polygon (tatort, kommun, kommunnamn, lan) around the demo village, as a GeoPackage."""
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    from tests.test_gaps_data import memory_layer
    from tests.test_placeanalysis_alg import DEMO_VILLAGE

    vx, vy = DEMO_VILLAGE
    layer = memory_layer("Polygon?crs=EPSG:3006", "tatorter",
                         [("tatort", "string"), ("kommun", "string"), ("kommunnamn", "string"), ("lan", "string")],
                         [(_box(vx - 700, vy - 500, vx + 700, vy + 500), ["Fredriksberg", "2085", "Ludvika", "20"])])
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    result = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(), options)
    assert result[0] == QgsVectorFileWriter.WriterError.NoError
    return path


def _params(demo: Path, place: Path) -> dict:
    return {"PLACE": str(place), "ROADS": f"{demo}|layername=roads", "SPEED_FIELD": "maxspeed",
            "CLASS_FIELD": "highway", "ONEWAY_FIELD": "oneway", "SERVICES": f"{demo}|layername=services",
            "TYPE_FIELD": "type", "ORIGINS": f"{demo}|layername=population", "POPULATION_FIELD": "pop"}


def test_qgis_process_run(qgis_app, tmp_path, demo_gpkg):
    place = _place_file(tmp_path / "tatorter.gpkg")
    out = tmp_path / "out"
    out.mkdir()
    done = run_qgis_process(tmp_path, "serviceperspektiv:placeanalysis", {
        **_params(demo_gpkg, place), "OUTPUT": str(out / "nla.gpkg"), "OUTPUT_HTML": str(out / "nla.html")})
    text = done.stdout + done.stderr
    assert done.returncode == 0, text[-3000:]
    results = qgis_process_json(done)["results"]
    assert results["OUTPUT"] == str(out / "nla.gpkg") and results["OUTPUT_HTML"] == str(out / "nla.html")
    assert "OUTPUT_POINTS" not in results  # not named: skipped, as QGIS does for optional outputs
    html = (out / "nla.html").read_text(encoding="utf-8")
    assert "I Fredriksberg bor" in html and "data:image/png;base64," in html
    assert sorted(p.name for p in out.iterdir()) == ["nla.gpkg", "nla.html", "nla_karta_1.png"]


@pytest.mark.parametrize("bad,message", [({"BANDS": "5,abc"}, "Bands"), ({"REMOVE": "999"}, "999")])
def test_qgis_process_bad_input(qgis_app, tmp_path, demo_gpkg, bad, message):
    place = _place_file(tmp_path / "tatorter.gpkg")
    out = tmp_path / "out"
    out.mkdir()
    done = run_qgis_process(tmp_path, "serviceperspektiv:placeanalysis", {
        **_params(demo_gpkg, place), "OUTPUT": str(out / "nla.gpkg"), "OUTPUT_POINTS": str(out / "p.gpkg"),
        "OUTPUT_HTML": str(out / "nla.html"), **bad})
    text = done.stdout + done.stderr
    assert done.returncode != 0 and message in text and "Traceback" not in text, text[-2000:]
    assert not list(out.iterdir())


def test_qgis_process_failed_report_removes_the_table(qgis_app, tmp_path, demo_gpkg):
    place = _place_file(tmp_path / "tatorter.gpkg")
    out = tmp_path / "out"
    out.mkdir()
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    done = run_qgis_process(tmp_path, "serviceperspektiv:placeanalysis", {
        **_params(demo_gpkg, place), "OUTPUT": str(out / "nla.gpkg"), "OUTPUT_POINTS": str(out / "p.gpkg"),
        "OUTPUT_HTML": str(blocker / "nla.html")})
    text = done.stdout + done.stderr
    assert done.returncode != 0 and "Could not write the report" in text and "Traceback" not in text, text[-2000:]
    assert not list(out.iterdir())
