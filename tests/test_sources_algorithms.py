"""The fetch algorithms through Processing and qgis_process.bin, with a real server on 127.0.0.1."""
# ruff: noqa: F811 - pytest fixtures imported from test_sources_helpers
from __future__ import annotations

import math
import threading

import pytest
from conftest import qgis_process_json, run_qgis_process
from test_sources_helpers import FIXTURES, OSM_FILE, fast_env, fixture_bytes, server, wfs_pages  # noqa: F401

FALUN_EXTENT = "15.61,15.65,60.598,60.612 [EPSG:4326]"


def layer(path):
    from qgis.core import QgsVectorLayer

    result = QgsVectorLayer(str(path), "out", "ogr")
    assert result.isValid()
    return result


@pytest.fixture()
def overpass_env(server, fast_env, monkeypatch):
    monkeypatch.setenv("SERVICEPERSPEKTIV_OVERPASS_URL", server.url + "/api/interpreter")
    return server


def test_osm_file_roads_and_services_feed_nearestservice(run_alg, tmp_path):
    roads = run_alg("fetchroads", {"SOURCE": 1, "FILE": str(OSM_FILE), "MODE": 0,
                                   "OUTPUT": str(tmp_path / "roads.gpkg")})["OUTPUT"]
    services = run_alg("fetchservices", {"SOURCE": 1, "FILE": str(OSM_FILE),
                                         "OUTPUT": str(tmp_path / "services.gpkg")})["OUTPUT"]
    road_layer, service_layer = layer(roads), layer(services)
    assert road_layer.crs().authid() == "EPSG:3006" and road_layer.featureCount() > 100
    assert {"highway", "maxspeed", "oneway", "networkGrp", "RemoveCode"} <= set(road_layer.fields().names())
    assert any(f["oneway"] == "yes" for f in road_layer.getFeatures())
    assert all(f["highway"] not in ("footway", "path", "cycleway") for f in road_layer.getFeatures())
    types = sorted(f["type"] for f in service_layer.getFeatures())
    assert types == ["dagligvaror_ovrig", "drivmedel", "drivmedel", "forskola", "grundskola"]
    school = next(f for f in service_layer.getFeatures() if f["type"] == "grundskola")
    assert school["source_id"].startswith("way/") and school.geometry().type() == 0  # polygon became a point
    assert "© OpenStreetMap contributors (ODbL)" in road_layer.metadata().rights()
    result = run_alg("nearestservice", {
        "ROADS": roads, "CLASS_FIELD": "highway", "SPEED_FIELD": "maxspeed", "ONEWAY_FIELD": "oneway",
        "SERVICES": services, "TYPE_FIELD": "type", "ORIGINS": services, "OUTPUT": "memory:"})["OUTPUT"]
    minutes = [f["drivmedel_min"] for f in result.getFeatures()]
    assert minutes and all(m is not None and math.isfinite(m) for m in minutes)


def test_overpass_services_cached_and_offline(run_alg, overpass_env, tmp_path):
    overpass_env.add(body=fixture_bytes("overpass_services.json"))
    out = run_alg("fetchservices", {"SOURCE": 0, "EXTENT": FALUN_EXTENT, "SERVICE_TYPES": "",
                                    "OUTPUT": str(tmp_path / "s.gpkg")})["OUTPUT"]
    features = list(layer(out).getFeatures())
    by_type = sorted((f["type"], f["source_id"]) for f in features)
    assert ("dagligvaror_ovrig", "way/2001") in by_type and ("post_paket", "way/2001") in by_type
    assert ("drivmedel", "node/1003") not in by_type  # a boat fuel station
    assert ("grundskola", "relation/3001") in by_type and ("grundskola", "node/1005") not in by_type
    assert all(f["tags"].startswith("{") for f in features)
    request = overpass_env.requests[0]
    assert request["method"] == "POST" and "[out:json]" in request["body"] and "out center" in request["body"]
    assert request["headers"]["User-Agent"].startswith("Serviceperspektiv-QGIS-plugin/")
    rights = layer(out).metadata().rights()
    assert "© OpenStreetMap contributors (ODbL)" in rights and any(r.startswith("Retrieved") for r in rights)
    # Same area again: from the cache, no request; and offline works from the cache too.
    run_alg("fetchservices", {"SOURCE": 0, "EXTENT": FALUN_EXTENT, "OUTPUT": str(tmp_path / "s2.gpkg")})
    run_alg("fetchservices", {"SOURCE": 0, "EXTENT": FALUN_EXTENT, "OFFLINE": True, "OUTPUT": str(tmp_path / "s3.gpkg")})
    assert len(overpass_env.requests) == 1
    assert layer(tmp_path / "s3.gpkg").featureCount() == len(features)


def test_offline_without_cache_fails_clearly_and_writes_nothing(run_alg, overpass_env, tmp_path):
    from qgis.core import QgsProcessingException

    target = tmp_path / "none.gpkg"
    with pytest.raises(QgsProcessingException, match="Offline"):
        run_alg("fetchservices", {"SOURCE": 0, "EXTENT": FALUN_EXTENT, "OFFLINE": True, "OUTPUT": str(target)})
    assert not target.exists() and overpass_env.requests == []


def test_overpass_roads_for_car(run_alg, overpass_env, tmp_path):
    overpass_env.add(body=fixture_bytes("overpass_roads.json"))
    out = run_alg("fetchroads", {"SOURCE": 0, "EXTENT": FALUN_EXTENT, "MODE": 0,
                                 "OUTPUT": str(tmp_path / "r.gpkg")})["OUTPUT"]
    rows = {f["source_id"]: f for f in layer(out).getFeatures()}
    assert set(rows) == {"way/501", "way/502", "way/503", "way/504", "way/505"}  # no private service, no footway
    assert rows["way/503"]["maxspeed"] == 50 and rows["way/504"]["oneway"] == "yes"
    assert 'way["highway"' in overpass_env.requests[0]["body"] and "out geom" in overpass_env.requests[0]["body"]


def test_persistent_503_leaves_no_output(run_alg, overpass_env, tmp_path):
    from qgis.core import QgsProcessingException

    for _ in range(10):
        overpass_env.add(503, "busy")
    target = tmp_path / "r.gpkg"
    with pytest.raises(QgsProcessingException, match="503"):
        run_alg("fetchroads", {"SOURCE": 0, "EXTENT": FALUN_EXTENT, "OUTPUT": str(target)})
    assert not target.exists()


def test_remark_error_reported_in_both_languages(run_alg, overpass_env, tmp_path):
    from qgis.core import QgsProcessingException

    overpass_env.add(body=fixture_bytes("overpass_remark_timeout.json"))
    with pytest.raises(QgsProcessingException) as info:
        run_alg("fetchservices", {"SOURCE": 0, "EXTENT": FALUN_EXTENT, "OUTPUT": str(tmp_path / "x.gpkg")})
    assert "timed out" in str(info.value) and "tog för lång tid" in str(info.value)
    assert overpass_env.url in str(info.value) and not (tmp_path / "x.gpkg").exists()


def test_cancel_in_a_retry_wait_writes_nothing(run_alg, overpass_env, tmp_path, monkeypatch):
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    monkeypatch.setenv("SERVICEPERSPEKTIV_WAIT_SCALE", "1")
    monkeypatch.setenv("SERVICEPERSPEKTIV_BACKOFF_S", "30")
    for _ in range(5):
        overpass_env.add(503, "busy")
    feedback = QgsProcessingFeedback()
    threading.Timer(0.5, feedback.cancel).start()
    target = tmp_path / "c.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg("fetchroads", {"SOURCE": 0, "EXTENT": FALUN_EXTENT, "OUTPUT": str(target)}, feedback=feedback)
    assert not target.exists() and len(overpass_env.requests) == 1


def test_municipality_area_via_overpass(run_alg, overpass_env, tmp_path):
    overpass_env.add(body=fixture_bytes("overpass_municipality.json"))
    overpass_env.default = lambda request: __import__("test_sources_helpers").Answer(
        200, fixture_bytes("overpass_empty.json"), {})
    run_alg("fetchservices", {"SOURCE": 0, "MUNICIPALITY": "Falu kommun", "SERVICE_TYPES": "apotek",
                              "OUTPUT": str(tmp_path / "m.gpkg")})
    first = overpass_env.requests[0]["body"]
    assert '"ref:scb"="2080"' in first and '"admin_level"="7"' in first
    assert len(overpass_env.requests) > 2  # the municipality's bounding box was split into tiles


def test_population_from_wfs_with_paging(run_alg, server, fast_env, monkeypatch, tmp_path):
    monkeypatch.setenv("SERVICEPERSPEKTIV_SCB_WFS_URL", server.url + "/geoserver/stat/wfs")
    monkeypatch.setenv("SERVICEPERSPEKTIV_WFS_PAGE_SIZE", "2")
    server.default = wfs_pages(cap=2)
    out = run_alg("fetchpopulation", {"SOURCE": 0, "YEAR": 2023,
                                      "EXTENT": "530000,540000,6715000,6725000 [EPSG:3006]",
                                      "OUTPUT": str(tmp_path / "p.gpkg")})["OUTPUT"]
    grid = layer(out)
    assert grid.featureCount() == 5 and sum(f["pop"] for f in grid.getFeatures()) == 100 + 110 + 120 + 130 + 140
    names = [n for n in grid.fields().names() if n != "fid"]
    assert names[:5] == ["cell_id", "pop", "kvinna", "man", "age_0_4"] and names[-1] == "age_100plus"
    assert [r["query"]["startIndex"] for r in server.requests] == ["0", "2", "4"]
    assert server.requests[0]["query"]["typeNames"] == "stat:befolkning_1km_2023"
    assert "SCB (Statistiska centralbyrån)" in grid.metadata().rights()


def test_population_from_own_grid(run_alg, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    own = QgsVectorLayer("Polygon?crs=EPSG:3006&field=invanare:double", "own", "memory")
    feature = QgsFeature(own.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((0 6700000,250 6700000,250 6700250,0 6700250,0 6700000))"))
    feature.setAttributes([42.0])
    own.dataProvider().addFeatures([feature])
    out = run_alg("fetchpopulation", {"SOURCE": 2, "GRID": own, "POPULATION_FIELD": "invanare",
                                      "OUTPUT": "memory:"})["OUTPUT"]
    assert [f["pop"] for f in out.getFeatures()] == [42.0]


def test_pipos_csv_services(run_alg, tmp_path):
    out = run_alg("fetchservices", {"SOURCE": 2, "FILE": str(FIXTURES / "pipos_export.csv"),
                                    "OUTPUT": "memory:"})["OUTPUT"]
    rows = sorted((f["type"], round(f.geometry().asPoint().x())) for f in out.getFeatures())
    assert rows == [("apoteksombud", 533400), ("dagligvaror_full", 532500), ("post_paket", 532900)]


def _nvdb_gpkg(path):
    """Tillväxtverket's NVDB GeoPackage columns (klass_181, f_/b_hogst_225, F_/B_ForbjudenFardriktning, ...)."""
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("nvdb", srs, ogr.wkbLineString)
    for name, kind in (("klass_181", ogr.OFTInteger), ("f_hogst_225", ogr.OFTInteger), ("b_hogst_225", ogr.OFTInteger),
                       ("F_ForbjudenFardriktning", ogr.OFTInteger), ("B_ForbjudenFardriktning", ogr.OFTInteger),
                       ("Farjeled", ogr.OFTInteger), ("typ_41", ogr.OFTInteger), ("extlen", ogr.OFTReal),
                       ("networkGrp", ogr.OFTInteger), ("RemoveCode", ogr.OFTInteger), ("Comment", ogr.OFTString)):
        lyr.CreateField(ogr.FieldDefn(name, kind))
    rows = [(3, 70, 0, None), (5, 50, 0, 9001), (8, 30, -1, None), (6, 50, 2, None), (0, 110, 0, None)]
    for i, (klass, speed, grp, remove) in enumerate(rows):
        feature = ogr.Feature(lyr.GetLayerDefn())
        feature.SetGeometry(ogr.CreateGeometryFromWkt(f"LINESTRING({532000 + i * 100} 6718000,{532000 + i * 100} 6718500)"))
        feature.SetField("klass_181", klass)
        feature.SetField("f_hogst_225", speed)
        feature.SetField("b_hogst_225", speed)
        feature.SetField("F_ForbjudenFardriktning", 0)
        feature.SetField("B_ForbjudenFardriktning", 0)
        feature.SetField("Farjeled", 0)
        feature.SetField("typ_41", 1 if klass == 0 else 2)
        feature.SetField("extlen", 500.0)
        feature.SetField("networkGrp", grp)
        if remove is not None:
            feature.SetField("RemoveCode", remove)
        lyr.CreateFeature(feature)
    ds = None


def test_nvdb_geopackage_filters(run_alg, tmp_path):
    _nvdb_gpkg(tmp_path / "nvdb.gpkg")
    out = run_alg("fetchroads", {"SOURCE": 2, "FILE": str(tmp_path / "nvdb.gpkg"), "MODE": 0,
                                 "OUTPUT": "memory:"})["OUTPUT"]
    rows = sorted((f["highway"], f["maxspeed"], f["networkGrp"]) for f in out.getFeatures())
    assert rows == [("nvdb:0", 110, 0), ("nvdb:3", 70, 0), ("nvdb:6", 50, 2)]  # no 9001, no loose road
    walk = run_alg("fetchroads", {"SOURCE": 2, "FILE": str(tmp_path / "nvdb.gpkg"), "MODE": 2, "NETWORK": 0,
                                  "INCLUDE_REMOVED": True, "OUTPUT": "memory:"})["OUTPUT"]
    assert sorted(f["RemoveCode"] or 0 for f in walk.getFeatures()) == [0, 0, 0, 9001]  # no motorway class 0 on foot


def test_nvdb_from_url(run_alg, server, fast_env, monkeypatch, tmp_path):
    _nvdb_gpkg(tmp_path / "nvdb.gpkg")
    server.add(body=(tmp_path / "nvdb.gpkg").read_bytes(), headers={"Content-Type": "application/geopackage+sqlite3"})
    monkeypatch.setenv("SERVICEPERSPEKTIV_NVDB_URL", server.url + "/nvdb.gpkg")
    out = run_alg("fetchroads", {"SOURCE": 2, "OUTPUT": "memory:"})["OUTPUT"]
    assert out.featureCount() == 3
    run_alg("fetchroads", {"SOURCE": 2, "OUTPUT": "memory:"})
    assert len(server.requests) == 1  # the downloaded file is cached


def test_qgis_process_fetchroads_from_osm_file(tmp_path):
    target = tmp_path / "roads.gpkg"
    done = run_qgis_process(tmp_path, "serviceperspektiv:fetchroads",
                            {"SOURCE": 1, "FILE": str(OSM_FILE), "MODE": 1, "OUTPUT": str(target)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert qgis_process_json(done)["results"]["OUTPUT"] == str(target) and target.exists()


def test_qgis_process_overpass_endpoint_from_env(tmp_path, server, monkeypatch):
    monkeypatch.setenv("SERVICEPERSPEKTIV_OVERPASS_URL", server.url + "/api/interpreter")
    monkeypatch.setenv("SERVICEPERSPEKTIV_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SERVICEPERSPEKTIV_WAIT_SCALE", "0.01")
    server.add(body=fixture_bytes("overpass_services.json"))
    target = tmp_path / "services.gpkg"
    done = run_qgis_process(tmp_path, "serviceperspektiv:fetchservices",
                            {"SOURCE": 0, "EXTENT": FALUN_EXTENT, "OUTPUT": str(target)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert server.url in done.stdout + done.stderr  # the endpoint is shown in the log
    assert len(server.requests) == 1 and target.exists()


def test_qgis_process_failure_is_clear_and_writes_nothing(tmp_path, server, monkeypatch):
    monkeypatch.setenv("SERVICEPERSPEKTIV_OVERPASS_URL", server.url + "/api/interpreter")
    monkeypatch.setenv("SERVICEPERSPEKTIV_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SERVICEPERSPEKTIV_WAIT_SCALE", "0.01")
    monkeypatch.setenv("SERVICEPERSPEKTIV_MAX_RETRIES", "2")
    for _ in range(5):
        server.add(503, "busy")
    target = tmp_path / "roads.gpkg"
    done = run_qgis_process(tmp_path, "serviceperspektiv:fetchroads",
                            {"SOURCE": 0, "EXTENT": FALUN_EXTENT, "OUTPUT": str(target)})
    assert done.returncode != 0 and "503" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr and not target.exists()
