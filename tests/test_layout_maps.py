"""PDF maps for the plan document: roads, service points with names, plan boundary, place names, a
basemap the project already has (a local XYZ tile set: tests never fetch tiles), the extent the user
chose, and one set of travel-time classes in the legend and the table."""
from __future__ import annotations

import gc
import math
import subprocess
from pathlib import Path

import pytest

BASEMAP_RGB = (190, 225, 245)  # the colour of the local tiles: found again on the rendered page


def make_tiles(root: Path, zoom: int = 10) -> str:
    """A small XYZ tile set on disk around Fredriksberg; the URI QGIS reads it with (file://)."""
    from qgis.PyQt.QtGui import QColor, QImage

    def tile(lon: float, lat: float) -> tuple[int, int]:
        n = 2 ** zoom
        return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)

    (x0, y0), (x1, y1) = tile(12.0, 61.5), tile(17.0, 59.0)
    for x in range(x0, x1 + 1):
        for y in range(y0, y1 + 1):
            (root / str(zoom) / str(x)).mkdir(parents=True, exist_ok=True)
            image = QImage(256, 256, QImage.Format.Format_RGB32)
            image.fill(QColor(*BASEMAP_RGB))
            image.save(str(root / str(zoom) / str(x) / f"{y}.png"))
    return f"type=xyz&url=file://{root}/{{z}}/{{x}}/{{y}}.png&zmin={zoom}&zmax={zoom}"


@pytest.fixture()
def demo_project(provider, demo_gpkg, tmp_path, qgis_new_project):
    """The demo layers with their roles, a nearest-service result in classes 10,30, and a basemap."""
    import processing
    from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer

    from serviceperspektiv import definitions as d

    project = QgsProject.instance()
    layers = {}
    for name, role in (("roads", "roads"), ("services", "services"), ("plan_area", "plan"), ("places", "")):
        layer = QgsVectorLayer(f"{demo_gpkg}|layername={name}", name, "ogr")
        if role:
            layer.setCustomProperty(d.PROP_ROLE, role)
        project.addMapLayer(layer)
        layers[name] = layer
    basemap = QgsRasterLayer(make_tiles(tmp_path / "tiles"), "Bakgrundskarta", "wms")
    assert basemap.isValid()
    project.addMapLayer(basemap)
    g = str(demo_gpkg)
    processing.runAndLoadResults("serviceperspektiv:nearestservice", {
        "ROADS": f"{g}|layername=roads", "CLASS_FIELD": "highway", "SPEED_FIELD": "maxspeed",
        "SERVICES": f"{g}|layername=services", "TYPE_FIELD": "type", "ORIGINS": f"{g}|layername=population",
        "POPULATION_FIELD": "pop", "CLASSES": "10,30", "OUTPUT": str(tmp_path / "nearest.gpkg")})
    nearest = next(layer for layer in project.mapLayers().values() if "nearest.gpkg" in layer.source())
    yield project, layers, nearest
    project.layoutManager().clear()
    project.removeAllMapLayers()
    gc.collect()


def page_png(pdf: Path, stem: Path) -> Path:
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(pdf), str(stem)], check=True)
    return stem.with_suffix(".png")


def has_colour(png: Path, rgb: tuple[int, int, int]) -> bool:
    from qgis.PyQt.QtGui import QColor, QImage

    image = QImage(str(png))
    for x in range(0, image.width(), 3):
        for y in range(0, image.height(), 3):
            colour = QColor(image.pixel(x, y))
            if max(abs(colour.red() - rgb[0]), abs(colour.green() - rgb[1]), abs(colour.blue() - rgb[2])) <= 3:
                return True
    return False


def test_plan_map_shows_context_basemap_and_plan_extent(run_alg, demo_project, tmp_path):
    project, layers, nearest = demo_project
    out = tmp_path / "plan.pdf"
    result = run_alg("exportmap", {"TEMPLATE": 0, "TITLE": "Detaljplan Bygatan", "LAYERS": [nearest.id()],
                                   "PLAN_AREA": layers["plan_area"].id(), "SERVICE_TYPE": "dagligvaror_ovrig",
                                   "OUTPUT": str(out)})
    layout = project.layoutManager().layoutByName(result["LAYOUT"])
    assert layout.customProperty("serviceperspektiv/extent") == "plan"
    extent = layout.itemById("sp_map").extent()
    plan = layers["plan_area"].extent()
    assert extent.contains(plan) and extent.width() < 5000  # the plan and its surroundings, not all data
    names = {layer.name() for layer in layout.itemById("sp_map").layers()}
    assert {"Roads", "Service points", "Plan area", "Place names", "Bakgrundskarta"} <= names
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Fredriksberg" in text  # a place name (from the data), as text
    assert "Fredriksbergs lanthandel (illustrativ)" in text  # the village's grocery store by its name
    assert "Plan area" in text and "Service points" in text and "Roads" in text  # the legend
    assert has_colour(page_png(out, tmp_path / "plan"), BASEMAP_RGB)  # the basemap, under the result


def test_view_extent_classes_and_no_overwrite(run_alg, demo_project, tmp_path):
    from qgis.core import QgsVectorLayer

    from serviceperspektiv.adapters.outputfolder import free_path

    project, layers, nearest = demo_project
    categories = [c.label() for c in nearest.renderer().categories()]
    assert categories == ["< 10 min", "10–30 min", "> 30 min", "Not reached"]
    out = tmp_path / "view.pdf"
    result = run_alg("exportmap", {"TEMPLATE": 1, "LAYERS": [nearest.id()], "SERVICE_TYPE": "apotek",
                                   "EXTENT": "455000,480000,6655000,6675000 [EPSG:3006]", "OUTPUT": str(out)})
    layout = project.layoutManager().layoutByName(result["LAYOUT"])
    assert layout.customProperty("serviceperspektiv/extent") == "view"
    assert layout.itemById("sp_map").extent().contains(QgsVectorLayer(
        f"{layers['plan_area'].source()}", "p", "ogr").extent())
    table = layout.itemById("sp_stats").multiFrame().vectorLayer()
    classes = [f["klass"] for f in table.getFeatures()]
    assert set(classes) <= {"< 10", "10–30", "> 30", "Not reached"} and len(classes) >= 2  # as in the legend
    assert {f["tjanst"] for f in table.getFeatures()} == {"Pharmacy"}  # the type shown only
    people = [int(f["befolkning"].replace(",", "")) for f in table.getFeatures()]
    assert sum(people) == sum(f["pop"] for f in nearest.getFeatures())  # every person in one class
    assert free_path(out) == tmp_path / "view_2.pdf"  # the panel never writes over a map
