"""serviceperspektiv:exportmap: all templates, atlas, PDF checks with poppler, qgis_process without a project."""
from __future__ import annotations

import gc
import subprocess
from pathlib import Path

import pytest
from conftest import qgis_process_json, run_qgis_process


@pytest.fixture(scope="module")
def nearest(provider, demo_gpkg, tmp_path_factory) -> str:
    import processing

    out = str(tmp_path_factory.mktemp("exportmap") / "nearest.gpkg")
    g = str(demo_gpkg)
    processing.run("serviceperspektiv:nearestservice", {
        "ROADS": f"{g}|layername=roads", "CLASS_FIELD": "highway", "SPEED_FIELD": "maxspeed",
        "SERVICES": f"{g}|layername=services", "TYPE_FIELD": "type", "ORIGINS": f"{g}|layername=population",
        "POPULATION_FIELD": "pop", "MODE": 0, "OUTPUT": out})
    return out


def pdf_info(path: Path) -> dict:
    text = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line)


def not_blank(png: Path) -> bool:
    from qgis.PyQt.QtGui import QImage

    image = QImage(str(png))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    return len(colours) > 8


@pytest.mark.parametrize("template,size", [(0, "595 x 842"), (1, "842 x 595"), (2, "1191 x 842")])
def test_templates_export(run_alg, nearest, demo_gpkg, tmp_path, template, size):
    from qgis.core import QgsProject

    out = tmp_path / f"map_{template}.pdf"
    result = run_alg("exportmap", {"TEMPLATE": template, "TITLE": "Restid till service", "AREA_NAME": "Fredriksberg",
                                   "LAYERS": [nearest, f"{demo_gpkg}|layername=roads"], "OUTPUT": str(out)})
    assert Path(result["OUTPUT"]).exists()
    info = pdf_info(out)
    assert info["Pages"].strip() == "1" and size in info["Page size"]
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(out), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert pages and all(not_blank(p) for p in pages)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Restid till service" in text  # real text, not outlines
    assert "Sources" in text or "Källor" in text
    assert QgsProject.instance().layoutManager().layoutByName(result["LAYOUT"]) is not None
    QgsProject.instance().layoutManager().clear()
    gc.collect()


def test_atlas_one_page_per_type(run_alg, nearest, tmp_path):
    from qgis.core import QgsProject, QgsVectorLayer

    types = [n[:-4] for n in QgsVectorLayer(nearest, "n", "ogr").fields().names() if n.endswith("_min")]
    out = tmp_path / "atlas.pdf"
    run_alg("exportmap", {"TEMPLATE": 1, "LAYERS": [nearest], "ATLAS_BY_TYPE": True, "OUTPUT": str(out)})
    assert int(pdf_info(out)["Pages"]) == len(types) > 1
    QgsProject.instance().layoutManager().clear()
    gc.collect()


def test_qgis_process_with_file_layers(nearest, tmp_path):
    out = tmp_path / "qp.pdf"
    completed = run_qgis_process(tmp_path, "serviceperspektiv:exportmap", {
        "TEMPLATE": 2, "LAYERS": nearest, "TITLE": "Fredriksberg", "OUTPUT": str(out)})
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert qgis_process_json(completed)["results"]["OUTPUT"] == str(out)
    assert "A3" in pdf_info(out)["Page size"]


def test_qgis_process_with_project_path(nearest, tmp_path):
    """Without LAYERS, the visible layers of the project's "Serviceperspektiv" group are exported."""
    from qgis.core import QgsProject, QgsVectorLayer

    project = QgsProject()
    layer = QgsVectorLayer(nearest, "Restid till närmaste service", "ogr")
    assert layer.isValid()
    project.addMapLayer(layer, False)
    group = project.layerTreeRoot().addGroup("Serviceperspektiv")
    group.addLayer(layer)
    path = tmp_path / "plan.qgz"
    assert project.write(str(path))
    out = tmp_path / "from_project.pdf"
    completed = run_qgis_process(tmp_path, "serviceperspektiv:exportmap", {
        "TEMPLATE": 1, "TITLE": "Fredriksberg", "OUTPUT": str(out)}, options=[f"--PROJECT_PATH={path}"])
    from qgis.core import Qgis

    if Qgis.QGIS_VERSION_INT < 32800 and completed.returncode in (-6, -11):
        # QGIS 3.22's qgis_process crashes at exit after any algorithm when --PROJECT_PATH holds a
        # GeoPackage layer (native:buffer too: a double free in the OGR connection pool). The
        # algorithm itself has finished (with --json, its buffered stdout is lost in the crash);
        # its output is checked below.
        # glibc words the heap corruption differently from run to run; GDAL's line is constant.
        assert "GDALGetDriverShortName" in completed.stderr or completed.returncode == -11, completed.stderr
    else:
        assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    assert int(pdf_info(out)["Pages"]) == 1 and "842 x 595" in pdf_info(out)["Page size"]
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Fredriksberg" in text
    del project
    gc.collect()
