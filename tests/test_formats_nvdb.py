"""Tillväxtverket's NVDB GeoPackage ("Tillgänglighetsvägnät"): directions, per-direction speeds, ferries.

The fixture is written with the real column names (as Tillväxtverket's own loader reads them:
Pipos.GeoLib BinaryRoadCreator.cs): klass_181, f_hogst_225, b_hogst_225, F_ForbjudenFardriktning,
B_ForbjudenFardriktning, Farjeled, typ_41, extlen, plus networkGrp, RemoveCode and Comment.
``fetchroads`` reads it and ``nearestservice`` routes on the result; every travel time is checked
against an independent directed Dijkstra (tests/reference.py) built from the raw rows.
"""
from __future__ import annotations

import math
import random

import numpy as np
import pytest
from conftest import qgis_process_json, run_qgis_process
from reference import route_times

from serviceperspektiv.core.network import build_network
from serviceperspektiv.core.oneway import BACKWARD, BOTH, CLOSED, FORWARD, direction_from_prohibited
from serviceperspektiv.core.speeds import load_speed_table, resolve_directional_speeds
from serviceperspektiv.sources.roads import NvdbTally, nvdb_columns, nvdb_link, osm_speeds

X0, Y0, STEP, N = 532000.0, 6718000.0, 600.0, 6
FERRY_KMH = 6.0
ACCESS_KMH = 20.0  # the car's access speed in road_speeds.json


def _grid_rows():
    """NVDB rows of a 6 x 6 grid: (a, b, attributes). Some links are digitised right-to-left / top-down."""
    rng = random.Random(9)
    rows = []
    for i in range(N):
        for j in range(N):
            for di, dj in ((1, 0), (0, 1)):
                if i + di >= N or j + dj >= N:
                    continue
                a = (X0 + i * STEP, Y0 + j * STEP)
                b = (X0 + (i + di) * STEP, Y0 + (j + dj) * STEP)
                if (i + j) % 3 == 0:
                    a, b = b, a  # digitised the other way round
                klass = rng.choice([3, 4, 5, 6, 7])
                f_speed, b_speed = rng.choice([(70, 70), (80, 60), (50, 30), (60, 90), (40, 40)])
                rows.append([a, b, {"klass_181": klass, "f_hogst_225": f_speed, "b_hogst_225": b_speed,
                                    "F_ForbjudenFardriktning": 0, "B_ForbjudenFardriktning": 0, "Farjeled": 0,
                                    "typ_41": 2, "networkGrp": 0, "RemoveCode": None}])
    special = {
        3: {"B_ForbjudenFardriktning": 1, "b_hogst_225": None},  # one-way along the digitised direction
        8: {"F_ForbjudenFardriktning": 1, "f_hogst_225": 0},  # one-way against it (speed 0 on the banned way)
        14: {"F_ForbjudenFardriktning": 1, "B_ForbjudenFardriktning": 1},  # closed: left out
        21: {"B_ForbjudenFardriktning": 1, "f_hogst_225": 90, "b_hogst_225": 30},  # motorway-like one-way
        27: {"F_ForbjudenFardriktning": 1, "f_hogst_225": None, "b_hogst_225": 50},
        33: {"f_hogst_225": None, "b_hogst_225": 40},  # forward travel takes the backward speed
        40: {"f_hogst_225": None, "b_hogst_225": None},  # no speed at all: the class default
        46: {"Farjeled": 1, "f_hogst_225": None, "b_hogst_225": None},  # a ferry
        52: {"F_ForbjudenFardriktning": 1},
    }
    for index, changes in special.items():
        rows[index][2].update(changes)
    return rows


def _write_gpkg(path, rows, f_name="F_ForbjudenFardriktning", b_name="B_ForbjudenFardriktning"):
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("Tillgänglighetsvägnät", srs, ogr.wkbLineString)
    booleans = {"F_ForbjudenFardriktning": f_name, "B_ForbjudenFardriktning": b_name, "Farjeled": "Farjeled"}
    for name, kind in (("klass_181", ogr.OFTInteger), ("f_hogst_225", ogr.OFTInteger), ("b_hogst_225", ogr.OFTInteger),
                       ("extlen", ogr.OFTReal), ("typ_41", ogr.OFTInteger), ("networkGrp", ogr.OFTInteger),
                       ("RemoveCode", ogr.OFTInteger), ("Comment", ogr.OFTString)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    for name in booleans.values():
        definition = ogr.FieldDefn(name, ogr.OFTInteger)
        definition.SetSubType(ogr.OFSTBoolean)
        layer.CreateField(definition)
    for a, b, attrs in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetGeometry(ogr.CreateGeometryFromWkt(f"LINESTRING({a[0]} {a[1]},{b[0]} {b[1]})"))
        for key, value in attrs.items():
            if value is not None:
                feature.SetField(booleans.get(key, key), value)
        feature.SetField("extlen", math.dist(a, b))
        layer.CreateFeature(feature)
    ds = None


def _reference_edges(rows):
    """(a, b, (speed a->b, speed b->a), direction) straight from the raw rows: the rules of the issue."""
    table = load_speed_table()
    edges = []
    for a, b, attrs in rows:
        f_banned, b_banned = attrs["F_ForbjudenFardriktning"], attrs["B_ForbjudenFardriktning"]
        if f_banned and b_banned:
            continue
        direction = -1 if f_banned else 1 if b_banned else 0
        if attrs["Farjeled"]:
            speeds = (FERRY_KMH, FERRY_KMH)
        else:
            fwd = attrs["f_hogst_225"] or None
            bwd = attrs["b_hogst_225"] or None
            default = table.class_speed_kmh(f"nvdb:{attrs['klass_181']}", "car")
            speeds = (float(fwd or bwd or default), float(bwd or fwd or default))
        edges.append((a, b, speeds, direction))
    return edges


def _points(count, seed):
    rng = random.Random(seed)
    span = STEP * (N - 1)
    return [(X0 - 100 + rng.random() * (span + 200), Y0 - 100 + rng.random() * (span + 200)) for _ in range(count)]


def _point_layer(points, kind):
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsVectorLayer

    from serviceperspektiv.adapters import fieldtypes as field_type

    layer = QgsVectorLayer("Point?crs=EPSG:3006", kind, "memory")
    layer.dataProvider().addAttributes([QgsField("type", field_type.STRING)])
    layer.updateFields()
    features = []
    for x, y in points:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feature.setAttributes(["apotek"])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


SERVICES = [(X0 + 1.5 * STEP, Y0 + 4 * STEP + 30), (X0 + 4 * STEP - 20, Y0 + 0.5 * STEP)]
ORIGINS = _points(60, 3)


def _check(result_layer, edges):
    expected = route_times(edges, ORIGINS, SERVICES, 1500.0, ACCESS_KMH)
    got = {}
    for feature in result_layer.getFeatures():
        point = feature.geometry().asPoint()
        got[(round(point.x(), 3), round(point.y(), 3))] = feature["apotek_min"]
    checked = 0
    for origin, (seconds, _metres) in zip(ORIGINS, expected):
        value = got[(round(origin[0], 3), round(origin[1], 3))]
        assert math.isfinite(seconds)
        assert float(value) == pytest.approx(seconds / 60.0, rel=1e-3), origin
        checked += 1
    assert checked == len(ORIGINS)


def _fetch(run_alg, path, target="memory:"):
    logs = []
    from qgis.core import QgsProcessingFeedback

    class Recording(QgsProcessingFeedback):
        def pushInfo(self, text):  # noqa: N802 - QGIS API
            logs.append(text)
            super().pushInfo(text)

        def pushWarning(self, text):  # noqa: N802 - QGIS API
            logs.append(text)
            super().pushWarning(text)

    out = run_alg("fetchroads", {"SOURCE": 2, "FILE": str(path), "MODE": 0, "OUTPUT": target},
                  feedback=Recording())["OUTPUT"]
    return out, logs


def test_fetchroads_maps_directions_speeds_and_ferries(run_alg, tmp_path):
    rows = _grid_rows()
    _write_gpkg(tmp_path / "nvdb.gpkg", rows)
    roads, logs = _fetch(run_alg, tmp_path / "nvdb.gpkg")
    assert roads.featureCount() == len(rows) - 1  # the closed link is left out
    by_geometry = {}
    for feature in roads.getFeatures():
        line = feature.geometry().asMultiPolyline()[0]
        by_geometry[((line[0].x(), line[0].y()), (line[-1].x(), line[-1].y()))] = feature
    one_way_along = by_geometry[tuple(rows[3][:2])]
    assert one_way_along["oneway"] == "yes" and one_way_along["maxspeed"] == rows[3][2]["f_hogst_225"]
    against = by_geometry[tuple(rows[8][:2])]
    assert against["oneway"] == "-1" and against["maxspeed_backward"] == rows[8][2]["b_hogst_225"]
    split = by_geometry[tuple(rows[21][:2])]
    assert (split["maxspeed"], split["maxspeed_backward"]) == (90, 30)
    fallback = by_geometry[tuple(rows[33][:2])]
    assert (fallback["maxspeed"], fallback["maxspeed_backward"]) == (40, 40)
    ferry = by_geometry[tuple(rows[46][:2])]
    assert ferry["highway"] == "ferry" and ferry["maxspeed"] == FERRY_KMH and ferry["oneway"] == "no"
    assert by_geometry[tuple(rows[0][:2])]["highway"] == f"nvdb:{rows[0][2]['klass_181']}"
    text = "\n".join(logs)
    assert "prohibited forward=F_ForbjudenFardriktning" in text and "speed backward=b_hogst_225" in text
    assert "1 closed in both directions" in text and "1 ferry link" in text
    assert "without any speed get the class default (klass_181)" in text


def test_nearestservice_on_fetched_nvdb_matches_directed_dijkstra(run_alg, tmp_path):
    rows = _grid_rows()
    _write_gpkg(tmp_path / "nvdb.gpkg", rows)
    roads, _ = _fetch(run_alg, tmp_path / "nvdb.gpkg", str(tmp_path / "roads.gpkg"))
    result = run_alg("nearestservice", {
        "ROADS": roads, "SPEED_FIELD": "maxspeed", "CLASS_FIELD": "highway", "ONEWAY_FIELD": "oneway", "MODE": 0,
        "SERVICES": _point_layer(SERVICES, "services"), "TYPE_FIELD": "type",
        "ORIGINS": _point_layer(ORIGINS, "origins"), "OUTPUT": "memory:"})["OUTPUT"]
    _check(result, _reference_edges(rows))
    # The same network with one speed for both directions gives different times: the test can fail.
    single = [(a, b, s[0], d) for a, b, s, d in _reference_edges(rows)]
    expected_single = route_times(single, ORIGINS, SERVICES, 1500.0, ACCESS_KMH)
    expected = route_times(_reference_edges(rows), ORIGINS, SERVICES, 1500.0, ACCESS_KMH)
    assert sum(abs(x[0] - y[0]) > 1.0 for x, y in zip(expected, expected_single)) >= 5


def test_older_spelling_is_read_case_insensitively(run_alg, tmp_path):
    rows = _grid_rows()
    _write_gpkg(tmp_path / "old.gpkg", rows, "F_Forbjuden_fardriktning", "b_forbjuden_fardriktning")
    roads, logs = _fetch(run_alg, tmp_path / "old.gpkg")
    assert roads.featureCount() == len(rows) - 1
    assert sorted(f["oneway"] for f in roads.getFeatures()).count("-1") == 3
    assert "prohibited forward=F_Forbjuden_fardriktning" in "\n".join(logs)


@pytest.mark.slow
def test_qgis_process_chain_fetchroads_then_nearestservice(provider, tmp_path):
    rows = _grid_rows()
    _write_gpkg(tmp_path / "nvdb.gpkg", rows)
    roads = tmp_path / "roads.gpkg"
    done = run_qgis_process(tmp_path, "serviceperspektiv:fetchroads",
                            {"SOURCE": 2, "FILE": str(tmp_path / "nvdb.gpkg"), "MODE": 0, "OUTPUT": str(roads)})
    assert done.returncode == 0, done.stderr[-2000:]
    from qgis.core import QgsProject, QgsVectorFileWriter

    inputs = tmp_path / "points.gpkg"
    for name, points in (("services", SERVICES), ("origins", ORIGINS)):
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName, options.layerName = "GPKG", name
        options.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
                                        if inputs.exists() else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile)
        result = QgsVectorFileWriter.writeAsVectorFormatV3(_point_layer(points, name), str(inputs),
                                                           QgsProject.instance().transformContext(), options)
        assert result[0] == QgsVectorFileWriter.WriterError.NoError, result
    out = tmp_path / "nearest.gpkg"
    done = run_qgis_process(tmp_path, "serviceperspektiv:nearestservice", {
        "ROADS": str(roads), "SPEED_FIELD": "maxspeed", "CLASS_FIELD": "highway", "ONEWAY_FIELD": "oneway",
        "MODE": 0, "SERVICES": f"{inputs}|layername=services", "TYPE_FIELD": "type",
        "ORIGINS": f"{inputs}|layername=origins", "OUTPUT": str(out)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert qgis_process_json(done)["results"]["OUTPUT"]
    assert "'maxspeed_backward' against it" in done.stdout + done.stderr
    from qgis.core import QgsVectorLayer

    _check(QgsVectorLayer(str(out), "out", "ogr"), _reference_edges(rows))


# -- core pieces ------------------------------------------------------------------------------------

def test_direction_from_the_prohibited_pair():
    assert direction_from_prohibited(0, 0) == BOTH
    assert direction_from_prohibited(1, 0) == BACKWARD  # F: not along the digitised direction
    assert direction_from_prohibited("false", "true") == FORWARD
    assert direction_from_prohibited(True, True) == CLOSED
    assert direction_from_prohibited(None, None) == BOTH


def test_nvdb_link_rules_per_mode():
    cols = nvdb_columns(["klass_181", "f_hogst_225", "b_hogst_225", "F_ForbjudenFardriktning",
                         "B_ForbjudenFardriktning", "Farjeled", "typ_41"])
    table = load_speed_table()
    tally = NvdbTally()
    row = {"klass_181": 1, "f_hogst_225": 110, "b_hogst_225": 0, "F_ForbjudenFardriktning": 0,
           "B_ForbjudenFardriktning": 1, "Farjeled": 0, "typ_41": 1}
    car = nvdb_link(row, cols, "car", table, tally)
    assert (car.oneway, car.maxspeed, car.maxspeed_backward, car.motorway) == ("yes", 110, 110, True)
    assert nvdb_link(row, cols, "bike", table, tally) is None and tally.motorway == 1
    walk = nvdb_link({**row, "typ_41": 2}, cols, "walk", table, tally)
    assert walk.oneway == "no"  # walkers ignore one-way rules
    assert nvdb_link({**row, "F_ForbjudenFardriktning": 1}, cols, "walk", table, tally) is None and tally.closed == 1


def test_osm_speeds_per_direction():
    assert osm_speeds({"maxspeed": "50", "maxspeed:backward": "30"}) == (50.0, 30.0)
    assert osm_speeds({"maxspeed:forward": "70", "maxspeed": "SE:rural"}) == (70.0, 70.0)
    assert osm_speeds({"highway": "residential"}) == (None, None)


def test_build_network_with_a_speed_per_direction():
    parts = [np.array([[0.0, 0.0], [1000.0, 0.0]])]
    net = build_network(parts, [0], np.array([[36.0, 72.0]]), np.array([BOTH], np.int8))
    assert net.edge_time_fwd_s[0] == pytest.approx(100.0) and net.edge_time_bwd_s[0] == pytest.approx(50.0)
    one_way = build_network(parts, [0], np.array([[np.nan, 72.0]]), np.array([BACKWARD], np.int8))
    assert math.isinf(one_way.edge_time_fwd_s[0]) and one_way.edge_time_bwd_s[0] == pytest.approx(50.0)
    # A direction that is open but has no speed is closed; with no open direction the road is left out.
    with pytest.raises(ValueError):
        build_network(parts, [0], np.array([[np.nan, 72.0]]), np.array([FORWARD], np.int8))


def test_directional_speed_fallbacks_are_counted_on_open_directions_only():
    direction = np.array([BOTH, FORWARD, BACKWARD, BOTH], np.int8)
    speeds = resolve_directional_speeds(["nvdb:5"] * 4, [50, 70, np.nan, np.nan], [30, np.nan, np.nan, np.nan], "car",
                                        direction)
    assert speeds.speed_kmh.tolist()[:2] == [[50, 30], [70, 70]]
    assert speeds.speed_kmh[2].tolist() == [60, 60] and speeds.speed_kmh[3].tolist() == [60, 60]
    assert speeds.n_other_direction == 0  # road 1 lacks its backward speed, but backward is prohibited there
    assert speeds.n_defaulted == 2
    bike = resolve_directional_speeds(["nvdb:5"] * 4, [50] * 4, [30] * 4, "bike", direction)
    assert bike.speed_kmh.tolist() == [[16, 16]] * 4


@pytest.mark.slow
def test_bench_nvdb_script_runs(tmp_path):
    """scripts/bench_nvdb.py (the 30,000-link timing) on a small network: it runs and reports its numbers."""
    import json
    import subprocess
    import sys

    from conftest import ROOT, qgis_process_env

    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_nvdb.py"), "--links", "2000", "--repeat", "1",
                           "--data", str(tmp_path / "bench")], capture_output=True, text=True, timeout=600,
                          env=qgis_process_env(tmp_path))
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["links"] == 2000 and 1900 < result["roads_out"] <= 2000 and result["total_s"] > 0
