"""SCB's open 1 km grid WFS: both vintages' age bands, kvinna/man, the newest year, sortBy paging, 65+.

A GeoServer-like WFS on 127.0.0.1 answers GetCapabilities (tests/data/sources/scb_wfs_capabilities.xml,
layers stat:befolkning_1km_2015 … 2025) and GetFeature from scb_wfs_all.json (the 2025 vintage's
columns: ald0_4 … ald95_99, ald100w). The older vintage (ald0_5 … ald95_100) is the same cells
with the older column names. Without sortBy the server returns its rows in a different order for
every request, as a database without an ORDER BY may.
"""
from __future__ import annotations

import json
import random

import pytest
from test_sources_helpers import Answer, fast_env, fixture_bytes, server  # noqa: F401 - fixtures

from serviceperspektiv.sources import fetch, scb
from serviceperspektiv.sources.http import HttpClient, HttpOptions

WFS_PATH = "/geoserver/stat/wfs"
EXTENT = "530000,540000,6715000,6725000 [EPSG:3006]"


def _old_vintage(data: dict) -> dict:
    """The 2025 cells with the column names of 2024 and earlier (ald0_5 … ald95_100, labels by lower bound)."""
    old = json.loads(json.dumps(data))
    for feature in old["features"]:
        props = {}
        for key, value in feature["properties"].items():
            bounds = key[3:].split("_") if key.startswith("ald") and key != "ald100w" else None
            props[f"ald{bounds[0]}_{int(bounds[0]) + 5}" if bounds else key] = value
        props["referenstid"] = "20231231"
        feature["properties"] = props
        feature["id"] = feature["id"].replace("2025", "2023")
    return old


class FakeWfs:
    def __init__(self, cap: int = 2):
        self.new = json.loads(fixture_bytes("scb_wfs_all.json"))
        self.vintages = {2025: self.new, 2023: _old_vintage(self.new)}
        self.cap = cap
        self.calls = 0

    def __call__(self, request: dict) -> Answer:
        self.calls += 1
        query = {k.lower(): v for k, v in request["query"].items()}
        if query.get("request") == "GetCapabilities":
            return Answer(200, fixture_bytes("scb_wfs_capabilities.xml"), {"Content-Type": "application/xml"})
        year = int(query["typenames"].rsplit("_", 1)[1])
        if year not in self.vintages:
            body = ('<?xml version="1.0" encoding="UTF-8"?><ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" '
                    'version="2.0.0"><ows:Exception exceptionCode="InvalidParameterValue" locator="typeName">'
                    f'<ows:ExceptionText>Feature type stat:befolkning_1km_{year} unknown</ows:ExceptionText>'
                    '</ows:Exception></ows:ExceptionReport>')
            return Answer(400, body.encode(), {"Content-Type": "application/xml"})
        features = list(self.vintages[year]["features"])
        if query.get("sortby"):
            features.sort(key=lambda f: f["properties"][query["sortby"].split()[0]])
        else:
            random.Random(self.calls).shuffle(features)  # no stable order between pages
        start, count = int(query.get("startindex", 0)), min(int(query.get("count", 10**6)), self.cap)
        page = dict(self.vintages[year], features=features[start:start + count])
        page.update(numberMatched=len(features), totalFeatures=len(features), numberReturned=len(page["features"]))
        return Answer(200, json.dumps(page).encode(), {"Content-Type": "application/json"})


@pytest.fixture()
def scb_env(server, fast_env, monkeypatch):  # noqa: F811 - pytest fixtures
    monkeypatch.setenv("SERVICEPERSPEKTIV_SCB_WFS_URL", server.url + WFS_PATH)
    monkeypatch.setenv("SERVICEPERSPEKTIV_WFS_PAGE_SIZE", "2")
    monkeypatch.setattr(fetch, "_newest_years", {})
    server.default = FakeWfs()
    return server


def _layer(path):
    from qgis.core import QgsVectorLayer

    return QgsVectorLayer(str(path), "grid", "ogr")


BANDS_2025 = [f"age_{low}_{low + 4}" for low in range(0, 100, 5)] + ["age_100plus"]


def _check_grid(grid):
    names = [n for n in grid.fields().names() if n != "fid"]
    assert names == ["cell_id", "pop", "kvinna", "man", *BANDS_2025]
    cells = list(grid.getFeatures())
    assert len(cells) == 5 and {f["cell_id"] for f in cells} == {
        "5320006718000", "5330006718000", "5320006719000", "5330006719000", "5340006719000"}
    for feature in cells:
        assert sum(feature[b] for b in BANDS_2025) == feature["pop"]
        assert feature["kvinna"] + feature["man"] == feature["pop"]
    assert sum(f["age_100plus"] for f in cells) == 2


def test_newest_year_by_default_every_band_and_sorted_paging(run_alg, scb_env, tmp_path):
    out = run_alg("fetchpopulation", {"SOURCE": 0, "EXTENT": EXTENT, "OUTPUT": str(tmp_path / "p.gpkg")})["OUTPUT"]
    grid = _layer(out)
    _check_grid(grid)
    requests = scb_env.requests
    assert requests[0]["query"]["request"] == "GetCapabilities"
    features = [r["query"] for r in requests[1:]]
    assert {q["typeNames"] for q in features} == {"stat:befolkning_1km_2025"}
    assert [q["startIndex"] for q in features] == ["0", "2", "4"] and {q["sortBy"] for q in features} == {"rutid_scb"}
    assert "SCB (Statistiska centralbyrån)" in grid.metadata().rights()
    # A second run in the same session reads no capabilities again (and the pages come from the cache).
    run_alg("fetchpopulation", {"SOURCE": 0, "EXTENT": EXTENT, "OUTPUT": str(tmp_path / "q.gpkg")})
    assert len(scb_env.requests) == len(requests)


def test_older_vintage_gets_the_same_band_names(run_alg, scb_env, tmp_path):
    out = run_alg("fetchpopulation", {"SOURCE": 0, "YEAR": 2023, "EXTENT": EXTENT,
                                      "OUTPUT": str(tmp_path / "p.gpkg")})["OUTPUT"]
    _check_grid(_layer(out))
    assert all(r["query"]["request"] == "GetFeature" for r in scb_env.requests)  # an explicit year needs no capabilities
    assert {r["query"]["typeNames"] for r in scb_env.requests} == {"stat:befolkning_1km_2023"}


def test_a_year_the_server_lacks_fails_clearly(run_alg, scb_env, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="400"):
        run_alg("fetchpopulation", {"SOURCE": 0, "YEAR": 2014, "EXTENT": EXTENT, "OUTPUT": str(tmp_path / "x.gpkg")})
    assert not (tmp_path / "x.gpkg").exists()


def test_without_sortby_pages_would_repeat_and_skip_cells(scb_env):
    """The fake server's shuffled pages show why sortBy matters: paging without it loses cells."""
    client = HttpClient(HttpOptions.from_settings())
    url = scb_env.url + WFS_PATH
    pages = []
    for start in (0, 2, 4):
        params = scb.getfeature_params("stat:befolkning_1km_2025", (530000, 6715000, 540000, 6725000), start, 2)
        params.pop("sortBy")
        pages += json.loads(client.fetch("GET", url, params=params))["features"]
    assert len({f["properties"]["rutid_scb"] for f in pages}) < 5
    cells = fetch.scb_grid(client, url, "stat:befolkning_1km_2025", (530000, 6715000, 540000, 6725000), 2)
    assert len({c.cell_id for c in cells}) == 5


def test_capabilities_are_read_once_and_offline_falls_back(scb_env, monkeypatch, tmp_path):
    url = scb_env.url + WFS_PATH
    logs: list[str] = []
    client = HttpClient(HttpOptions.from_settings())
    assert fetch.scb_newest_year(client, url, "stat:befolkning_1km_{year}", logs.append) == 2025
    assert fetch.scb_newest_year(client, url, "stat:befolkning_1km_{year}", logs.append) == 2025
    assert sum(r["query"].get("request") == "GetCapabilities" for r in scb_env.requests) == 1
    assert any("2015–2025" in line for line in logs)
    monkeypatch.setattr(fetch, "_newest_years", {})
    offline = HttpClient(HttpOptions.from_settings(offline=True, cache_dir=str(tmp_path / "empty-cache")))
    offline_logs: list[str] = []
    assert fetch.scb_newest_year(offline, url, "stat:befolkning_1km_{year}", offline_logs.append) == \
        scb.KNOWN_NEWEST_YEAR
    assert any("newest year known" in line for line in offline_logs)


def test_band_names_of_both_vintages():
    assert [scb.band_name(n) for n in ("ald0_4", "ald0_5", "ald95_99", "ald95_100", "ald100w")] == [
        "age_0_4", "age_0_4", "age_95_99", "age_95_99", "age_100plus"]
    assert scb.band_name("Ald_80-84") == "age_80_84" and scb.band_name("85+") == "age_85plus"
    assert scb.band_name("age_7_15") == "age_7_15"  # own layers keep their bands (no SCB relabelling)
    for column in ("beftotalt", "kvinna", "man", "rutstorl", "objectid", "referenstid", "rutid_scb"):
        assert scb.band_name(column) is None


def test_age_group_from_65_includes_100_plus():
    names = ["cell_id", "pop", "kvinna", "man", *BANDS_2025]
    chosen, straddling = scb.age_fields_from(names, 65)
    assert chosen == ["age_65_69", "age_70_74", "age_75_79", "age_80_84", "age_85_89", "age_90_94", "age_95_99",
                      "age_100plus"] and straddling == []
    demo = ["age_0_6", "age_20_64", "age_65_69", "age_70_79", "age_80_plus"]
    assert scb.age_fields_from(demo, 70) == (["age_70_79", "age_80_plus"], [])
    assert scb.age_fields_from(demo, 67) == (["age_70_79", "age_80_plus"], ["age_65_69"])


def test_servicegaps_65_plus_counts_the_100_plus_band(run_alg):
    from test_gaps_data import X0, Y0, memory_layer, network_params

    roads = memory_layer("LineString?crs=EPSG:3006", "roads", [("maxspeed", "double"), ("highway", "string")], [
        (f"LINESTRING({X0} {Y0}, {X0 + 10000} {Y0})", [60.0, "primary"])])
    services = memory_layer("Point?crs=EPSG:3006", "services", [("type", "string")],
                            [(f"POINT({X0} {Y0})", ["dagligvaror_full"])])
    fields = [("pop", "double")] + [(b, "double") for b in BANDS_2025]
    rows = []
    for km in (2, 8):  # 2 min and 8 min from the shop at 60 km/h
        bands = [0.0] * len(BANDS_2025)
        bands[BANDS_2025.index("age_70_74")] = 3.0
        bands[BANDS_2025.index("age_100plus")] = 1.0
        bands[BANDS_2025.index("age_30_34")] = 6.0
        rows.append((f"POINT({X0 + km * 1000} {Y0 + 5})", [10.0, *bands]))
    origins = memory_layer("Point?crs=EPSG:3006", "origins", fields, rows)
    result = run_alg("servicegaps", network_params(roads, services, origins, {
        "AGE_FROM": 65, "THRESHOLD": "5", "GAPS": "memory:", "STATS": "memory:", "SUMMARY": "memory:"}))
    summary = {f["type"]: f for f in result["SUMMARY"].getFeatures()}
    assert summary["dagligvaror_full"]["age_population_gap"] == 4.0  # 3 (70–74) + 1 (100+), not 3
