"""serviceperspektiv:catchments through Processing and qgis_process.bin (memory layers / GPKG)."""
from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import qgis_process_json, run_qgis_process

CRS = "EPSG:3006"
X0, Y0 = 600000.0, 6600000.0  # somewhere in SWEREF99 TM


def make_roads(parts, speeds=None, oneway=None):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    layer = QgsVectorLayer(f"LineString?crs={CRS}&field=speed:double&field=oneway:string", "roads", "memory")
    features = []
    for k, part in enumerate(parts):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(X0 + x, Y0 + y) for x, y in part]))
        f.setAttributes([float(speeds[k]) if speeds is not None else 50.0, oneway[k] if oneway is not None else "no"])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def make_points(xy, types=None, name="services"):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    layer = QgsVectorLayer(f"Point?crs={CRS}&field=name:string&field=type:string", name, "memory")
    features = []
    for k, (x, y) in enumerate(xy):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + x, Y0 + y)))
        f.setAttributes([f"{name}{k}", types[k] if types is not None else "grocery"])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def make_cells(xy, population, size=100.0):
    from qgis.core import QgsFeature, QgsGeometry, QgsRectangle, QgsVectorLayer

    layer = QgsVectorLayer(f"Polygon?crs={CRS}&field=pop:double", "cells", "memory")
    features = []
    for (x, y), p in zip(xy, population):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(X0 + x - size / 2, Y0 + y - size / 2,
                                                        X0 + x + size / 2, Y0 + y + size / 2)))
        f.setAttributes([float(p)])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def lake_parts():
    return [
        [(0.0, 0.0), (0.0, 2000.0)],
        [(0.0, 2000.0), (0.0, 5000.0), (2000.0, 5000.0), (2000.0, 2000.0)],
        [(2000.0, 2000.0), (2000.0, 0.0)],
    ]


def grid_parts(n=8, spacing=200.0):
    parts = []
    for i in range(n):
        for j in range(n - 1):
            parts.append([(j * spacing, i * spacing), ((j + 1) * spacing, i * spacing)])
            parts.append([(i * spacing, j * spacing), (i * spacing, (j + 1) * spacing)])
    return parts


def save_gpkg(layer, path):
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    return str(path)


def test_catchments_lake_and_population(run_alg):
    from qgis.core import QgsGeometry, QgsRectangle

    roads = make_roads(lake_parts())
    services = make_points([(-20.0, 1000.0)])
    cells = make_cells([(0.0, 1500.0), (2000.0, 1000.0), (1000.0, 1000.0)], [10, 20, 30])
    result = run_alg("catchments", {
        "ROADS": roads, "SPEED_FIELD": "speed", "SERVICES": services, "TYPE_FIELD": "type", "BANDS": "2, 5",
        "ORIGINS": cells, "POPULATION_FIELD": "pop", "CELL_SIZE": 25, "OUTPUT": "memory:"})
    layer = result["OUTPUT"]
    features = sorted(layer.getFeatures(), key=lambda f: f["band_min"])
    assert [f["band_min"] for f in features] == [2.0, 5.0]
    assert all(f["band_kind"] == "cumulative" and f["type"] == "grocery" for f in features)
    five = features[1]
    assert five.geometry().isGeosValid()
    lake = QgsGeometry.fromRect(QgsRectangle(X0 + 350, Y0 - 500, X0 + 1650, Y0 + 1900))
    east = QgsGeometry.fromRect(QgsRectangle(X0 + 1700, Y0, X0 + 2300, Y0 + 2000))
    assert not five.geometry().intersects(lake) and not five.geometry().intersects(east)
    assert five["population"] == 10.0  # only the west-shore cell
    assert five["area_km2"] == pytest.approx(five.geometry().area() / 1e6)
    assert features[0]["area_km2"] < five["area_km2"]


def test_catchments_dissolve_per_type(run_alg):
    roads = make_roads(grid_parts())
    services = make_points([(200.0, 200.0), (1200.0, 1200.0), (600.0, 600.0)], ["a", "a", "b"])
    result = run_alg("catchments", {"ROADS": roads, "SERVICES": services, "TYPE_FIELD": "type", "BANDS": "1,2",
                                    "DISSOLVE": 1, "CELL_SIZE": 20, "OUTPUT": "memory:"})
    features = list(result["OUTPUT"].getFeatures())
    assert sorted((f["type"], f["band_min"]) for f in features) == [("a", 1.0), ("a", 2.0), ("b", 1.0), ("b", 2.0)]
    assert all(not f["service_id"] for f in features)  # NULL: dissolved per type




@pytest.mark.parametrize("bands,needle", [("5,abc", "not a number"), ("0,5", "positive"), ("-3", "positive"),
                                          (",".join(str(i) for i in range(1, 15)), "at most 12")])
def test_catchments_bad_bands(run_alg, bands, needle):
    from qgis.core import QgsProcessingException

    roads = make_roads(grid_parts(4))
    services = make_points([(100.0, 100.0)])
    with pytest.raises(QgsProcessingException, match=needle):
        run_alg("catchments", {"ROADS": roads, "SERVICES": services, "BANDS": bands, "OUTPUT": "memory:"})


def test_catchments_band_beyond_reach_warns(run_alg):
    from qgis.core import QgsProcessingFeedback

    class Recorder(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)

    feedback = Recorder()
    roads = make_roads(grid_parts(4))
    services = make_points([(100.0, 100.0)])
    result = run_alg("catchments", {"ROADS": roads, "SERVICES": services, "BANDS": "1,60", "CELL_SIZE": 20,
                                    "OUTPUT": "memory:"}, feedback=feedback)
    assert result["OUTPUT"].featureCount() == 2
    assert any("exceeds the network's reach" in w for w in feedback.warnings)


def test_catchments_negative_population_fails(run_alg):
    from qgis.core import QgsProcessingException

    roads = make_roads(grid_parts(4))
    services = make_points([(100.0, 100.0)])
    cells = make_cells([(100.0, 100.0)], [-5])
    with pytest.raises(QgsProcessingException, match="negative"):
        run_alg("catchments", {"ROADS": roads, "SERVICES": services, "ORIGINS": cells, "POPULATION_FIELD": "pop",
                               "OUTPUT": "memory:"})


def test_catchments_one_way(run_alg):
    from qgis.core import QgsPointXY

    # A straight one-way road pointing west: from the service nothing east of it is reached by car.
    roads = make_roads([[(-5000.0, 0.0), (5000.0, 0.0)]], [36.0], ["-1"])
    services = make_points([(0.0, 0.0)])
    result = run_alg("catchments", {"ROADS": roads, "SPEED_FIELD": "speed", "ONEWAY_FIELD": "oneway",
                                    "SERVICES": services, "BANDS": "2", "CELL_SIZE": 10, "OUTPUT": "memory:"})
    (feature,) = list(result["OUTPUT"].getFeatures())
    box = feature.geometry().boundingBox()
    assert box.xMinimum() < X0 - 900 and box.xMaximum() < X0 + 350
    assert feature.geometry().contains(QgsPointXY(X0 - 800, Y0 + 1))


@pytest.mark.slow
def test_catchments_qgis_process(tmp_path, qgis_app):
    roads = save_gpkg(make_roads(grid_parts(5)), tmp_path / "roads.gpkg")
    services = save_gpkg(make_points([(100.0, 100.0), (700.0, 700.0)]), tmp_path / "services.gpkg")
    out = tmp_path / "zones.gpkg"
    completed = run_qgis_process(tmp_path, "serviceperspektiv:catchments", {
        "ROADS": roads, "SERVICES": services, "BANDS": "1,2", "CELL_SIZE": 20, "OUTPUT": str(out)})
    assert completed.returncode == 0, completed.stderr + completed.stdout
    assert out.exists()
    assert "OUTPUT" in qgis_process_json(completed).get("results", {})
    bad = run_qgis_process(tmp_path, "serviceperspektiv:catchments", {
        "ROADS": roads, "SERVICES": services, "BANDS": "0", "OUTPUT": str(tmp_path / "bad.gpkg")})
    assert bad.returncode != 0
    assert "Traceback" not in bad.stderr + bad.stdout
    assert not (tmp_path / "bad.gpkg").exists()


def test_numpy_available():
    assert np.__version__
