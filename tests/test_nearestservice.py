"""serviceperspektiv:nearestservice through processing.run, qgis_process.bin, and bad input."""
from __future__ import annotations

import heapq
import math
from pathlib import Path

import pytest
from conftest import qgis_process_json, run_qgis_process
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from serviceperspektiv.adapters import fieldtypes as field_type


def memory_layer(kind: str, fields: list[tuple[str, object]], rows: list[tuple[str, list]], crs: str = "EPSG:3006"):
    uri = f"{kind}?crs={crs}"  # an empty crs= gives a layer without CRS (a bare kind gets EPSG:4326)
    layer = QgsVectorLayer(uri, "test", "memory")
    layer.dataProvider().addAttributes([QgsField(n, t) for n, t in fields])
    layer.updateFields()
    features = []
    for wkt, attrs in rows:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes(attrs)
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def save_gpkg(layer, path: Path, name: str) -> str:
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer if path.exists()
                                    else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile)
    from qgis.core import QgsProject

    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsProject.instance().transformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    return f"{path}|layername={name}"


GRID = 6
STEP = 500.0
X0, Y0 = 500000.0, 6650000.0


def grid_network():
    """A 6x6 street grid with mixed speeds and two one-way streets; returns (roads layer, edge list)."""
    rows, edges = [], []
    for i in range(GRID):
        for j in range(GRID):
            for di, dj in ((1, 0), (0, 1)):
                if i + di >= GRID or j + dj >= GRID:
                    continue
                a = (X0 + i * STEP, Y0 + j * STEP)
                b = (X0 + (i + di) * STEP, Y0 + (j + dj) * STEP)
                speed = [30, 50, 70][(i * 7 + j * 3 + di) % 3]
                oneway = "yes" if (i, j, di) in {(2, 2, 1), (3, 1, 0)} else None
                rows.append((f"LINESTRING({a[0]} {a[1]}, {b[0]} {b[1]})", ["residential", speed, oneway]))
                edges.append((a, b, speed, oneway == "yes"))
    layer = memory_layer("LineString", [("highway", field_type.STRING), ("maxspeed", field_type.INT),
                                        ("oneway", field_type.STRING)], rows)
    return layer, edges


def independent_dijkstra(edges, origin, targets):
    """Textbook Dijkstra on the vertex graph, seconds from origin to the nearest target."""
    adj: dict = {}
    for a, b, speed, oneway in edges:
        t = math.dist(a, b) / (speed / 3.6)
        adj.setdefault(a, []).append((b, t))
        if not oneway:
            adj.setdefault(b, []).append((a, t))
    dist = {origin: 0.0}
    heap = [(0.0, origin)]
    while heap:
        d, u = heapq.heappop(heap)
        if u in targets:
            return d
        if d > dist.get(u, math.inf):
            continue
        for v, t in adj.get(u, []):
            if d + t < dist.get(v, math.inf):
                dist[v] = d + t
                heapq.heappush(heap, (d + t, v))
    return math.inf


def vertex_points():
    services = [((X0 + 0 * STEP, Y0 + 5 * STEP), "apotek"), ((X0 + 5 * STEP, Y0 + 0 * STEP), "apotek"),
                ((X0 + 2 * STEP, Y0 + 3 * STEP), "Dagligvaror (full)")]
    origins = [(X0 + i * STEP, Y0 + j * STEP) for i in range(GRID) for j in range(GRID) if (i + j) % 2 == 0]
    return services, origins


def point_layers():
    services, origins = vertex_points()
    svc = memory_layer("Point", [("type", field_type.STRING)], [(f"POINT({x} {y})", [t]) for (x, y), t in services])
    org = memory_layer("Point", [("pop", field_type.INT)], [(f"POINT({x} {y})", [10]) for x, y in origins])
    return svc, org


def params(roads, svc, org, output, **extra):
    base = {"ROADS": roads, "SPEED_FIELD": "maxspeed", "CLASS_FIELD": "highway", "ONEWAY_FIELD": "oneway", "MODE": 0,
            "SERVICES": svc, "TYPE_FIELD": "type", "ORIGINS": org, "POPULATION_FIELD": "pop", "OUTPUT": output}
    base.update(extra)
    return base


def check_against_reference(layer, edges):
    services, origins = vertex_points()
    by_type: dict = {}
    for xy, t in services:
        by_type.setdefault({"apotek": "apotek", "Dagligvaror (full)": "dagligvaror_full"}[t], set()).add(xy)
    checked = 0
    for feature in layer.getFeatures():
        p = feature.geometry().asPoint()
        origin = (p.x(), p.y())
        for key, targets in by_type.items():
            expected = independent_dijkstra(edges, origin, targets) / 60.0
            got = feature[f"{key}_min"]
            if math.isinf(expected):
                assert got is None or got == QVariant() or str(got) == "NULL"
            else:
                assert float(got) == pytest.approx(expected, rel=1e-3)
                checked += 1
    assert checked >= 30


def test_processing_run_matches_independent_dijkstra(run_alg, tmp_path):
    roads, edges = grid_network()
    svc, org = point_layers()
    out = str(tmp_path / "result.gpkg")
    result = run_alg("nearestservice", params(roads, svc, org, out))
    layer = QgsVectorLayer(result["OUTPUT"], "out", "ogr")
    assert layer.isValid()
    names = [f.name() for f in layer.fields()]
    for key in ("apotek", "dagligvaror_full"):
        assert {f"{key}_min", f"{key}_km", f"{key}_id"} <= set(names)
    check_against_reference(layer, edges)
    assert "serviceperspektiv" in layer.metadata().keywords()


@pytest.mark.slow
def test_qgis_process_cli_matches_independent_dijkstra(provider, tmp_path):
    roads, edges = grid_network()
    svc, org = point_layers()
    gpkg = tmp_path / "inputs.gpkg"
    roads_uri = save_gpkg(roads, gpkg, "roads")
    svc_uri = save_gpkg(svc, gpkg, "services")
    org_uri = save_gpkg(org, gpkg, "origins")
    out = tmp_path / "cli_result.gpkg"
    completed = run_qgis_process(tmp_path, "serviceperspektiv:nearestservice", params(roads_uri, svc_uri, org_uri, str(out)))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert qgis_process_json(completed)["results"]["OUTPUT"]
    layer = QgsVectorLayer(str(out), "out", "ogr")
    assert layer.isValid() and layer.featureCount() == len(vertex_points()[1])
    check_against_reference(layer, edges)


@pytest.mark.slow
def test_qgis_process_bad_input_exits_non_zero(provider, tmp_path):
    roads, _ = grid_network()
    gpkg = tmp_path / "inputs.gpkg"
    roads_uri = save_gpkg(roads, gpkg, "roads")
    far = memory_layer("Point", [("type", field_type.STRING)], [("POINT(100 100)", ["apotek"])])
    svc_uri = save_gpkg(far, gpkg, "services")
    _, org = point_layers()
    org_uri = save_gpkg(org, gpkg, "origins")
    out = tmp_path / "never.gpkg"
    completed = run_qgis_process(tmp_path, "serviceperspektiv:nearestservice", params(roads_uri, svc_uri, org_uri, str(out)))
    assert completed.returncode != 0
    text = completed.stdout + completed.stderr
    assert "every service point is farther than" in text
    assert "Traceback" not in text
    assert not out.exists()


# -- bad input: each gives a clear QgsProcessingException and writes nothing ---------------------

def _expect_error(run_alg, tmp_path, fragment, **overrides):
    roads, _ = grid_network()
    svc, org = point_layers()
    out = tmp_path / "bad.gpkg"
    p = params(roads, svc, org, str(out))
    p.update(overrides)
    with pytest.raises(QgsProcessingException) as info:
        run_alg("nearestservice", p)
    assert fragment.lower() in str(info.value).lower(), str(info.value)
    assert not out.exists()


def test_empty_layer(run_alg, tmp_path):
    empty = memory_layer("Point", [("type", field_type.STRING)], [])
    _expect_error(run_alg, tmp_path, "is empty", SERVICES=empty)


def test_roads_layer_without_lines(run_alg, tmp_path):
    points = memory_layer("Point", [("highway", field_type.STRING)], [("POINT(500000 6650000)", ["residential"])])
    _expect_error(run_alg, tmp_path, "line", ROADS=points, SPEED_FIELD=None, ONEWAY_FIELD=None)


def test_unrepairable_geometry(run_alg, tmp_path):
    bad = memory_layer("Polygon", [("pop", field_type.INT)], [
        ("POLYGON((500000 6650000, 500100 6650100, 500000 6650000))", [5]),
        ("POLYGON((500000 6650000, 500100 6650000, 500100 6650100, 500000 6650000))", [5]),
    ])
    _expect_error(run_alg, tmp_path, "could not be repaired", ORIGINS=bad)


def test_layer_without_crs(run_alg, tmp_path):
    no_crs = memory_layer("Point", [("type", field_type.STRING)], [("POINT(500000 6650000)", ["apotek"])], crs="")
    _expect_error(run_alg, tmp_path, "no coordinate reference system", SERVICES=no_crs)


def test_every_service_off_the_network(run_alg, tmp_path):
    far = memory_layer("Point", [("type", field_type.STRING)], [("POINT(400000 6650000)", ["apotek"])])
    _expect_error(run_alg, tmp_path, "every service point is farther than", SERVICES=far)


def test_non_numeric_population(run_alg, tmp_path):
    text_pop = memory_layer("Point", [("pop", field_type.STRING)], [("POINT(500000 6650000)", ["many"])])
    _expect_error(run_alg, tmp_path, "pop", ORIGINS=text_pop)


def test_too_many_service_types(run_alg, tmp_path):
    rows = [(f"POINT({X0 + (i % GRID) * STEP} {Y0})", [f"typ {i}"]) for i in range(51)]
    many = memory_layer("Point", [("type", field_type.STRING)], rows)
    _expect_error(run_alg, tmp_path, "too many distinct values", SERVICES=many)


def test_null_speed_uses_class_default_and_is_logged(run_alg, tmp_path):
    from qgis.core import QgsProcessingFeedback

    class Collect(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushWarning(self, text):  # noqa: N802
            self.lines.append(text)

    roads = memory_layer("LineString", [("highway", field_type.STRING), ("maxspeed", field_type.INT)], [
        (f"LINESTRING({X0} {Y0}, {X0 + 1000} {Y0})", ["residential", None]),
        (f"LINESTRING({X0 + 1000} {Y0}, {X0 + 2000} {Y0})", ["residential", -3]),
    ])
    svc = memory_layer("Point", [("type", field_type.STRING)], [(f"POINT({X0 + 2000} {Y0})", ["apotek"])])
    org = memory_layer("Point", [("pop", field_type.INT)], [(f"POINT({X0} {Y0})", [3])])
    feedback = Collect()
    result = run_alg("nearestservice", {"ROADS": roads, "SPEED_FIELD": "maxspeed", "CLASS_FIELD": "highway",
                                        "SERVICES": svc, "TYPE_FIELD": "type", "ORIGINS": org, "OUTPUT": "memory:"},
                     feedback=feedback)
    feature = next(result["OUTPUT"].getFeatures())
    assert feature["apotek_min"] == pytest.approx(2000 / (40 / 3.6) / 60)  # residential default: 40 km/h
    assert any("2 road(s) had a NULL or non-positive speed" in line for line in feedback.lines)


def test_geographic_roads_are_measured_in_metres(run_alg):
    # 0.01 degrees of longitude at 60 N is about 557 m; degrees would give nonsense minutes.
    roads = memory_layer("LineString", [("highway", field_type.STRING)],
                         [("LINESTRING(14.37 60.14, 14.38 60.14)", ["residential"])], crs="EPSG:4326")
    svc = memory_layer("Point", [("type", field_type.STRING)], [("POINT(14.38 60.14)", ["apotek"])], crs="EPSG:4326")
    org = memory_layer("Point", [("pop", field_type.INT)], [("POINT(14.37 60.14)", [1])], crs="EPSG:4326")
    result = run_alg("nearestservice", {"ROADS": roads, "CLASS_FIELD": "highway", "SERVICES": svc, "TYPE_FIELD": "type",
                                        "ORIGINS": org, "OUTPUT": "memory:"})
    feature = next(result["OUTPUT"].getFeatures())
    assert feature["apotek_km"] == pytest.approx(0.557, rel=0.01)


def test_no_type_field_gives_service_columns(run_alg):
    svc, org = point_layers()
    roads, _ = grid_network()
    result = run_alg("nearestservice", {"ROADS": roads, "SERVICES": svc, "ORIGINS": org, "OUTPUT": "memory:"})
    names = [f.name() for f in result["OUTPUT"].fields()]
    assert {"service_min", "service_km", "service_id"} <= set(names)


def test_points_beyond_max_snap_get_null(run_alg):
    roads, _ = grid_network()
    svc, _ = point_layers()
    org = memory_layer("Point", [("pop", field_type.INT)], [(f"POINT({X0} {Y0 - 3000})", [4]), (f"POINT({X0} {Y0})", [4])])
    result = run_alg("nearestservice", {"ROADS": roads, "SERVICES": svc, "TYPE_FIELD": "type", "ORIGINS": org,
                                        "MAX_SNAP_DISTANCE": 1500, "OUTPUT": "memory:"})
    far, near = list(result["OUTPUT"].getFeatures())
    assert far["apotek_min"] in (None, QVariant()) or str(far["apotek_min"]) == "NULL"
    assert near["apotek_min"] is not None and float(near["apotek_min"]) > 0
