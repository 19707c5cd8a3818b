"""fetchdetaljplan against an OGC API Features server on 127.0.0.1: paging, cache, offline, errors, cancel."""
# ruff: noqa: F811 - pytest fixtures imported from test_sources_helpers
from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import qgis_process_json, run_qgis_process
from test_sources_helpers import Answer, fast_env, server  # noqa: F401 - fixtures

from serviceperspektiv.sources.detaljplan import Role
from serviceperspektiv.sources.detaljplan_ogcapi import fetch_plans, items_url, next_link
from serviceperspektiv.sources.errors import Cancelled, OfflineMiss, SourceError
from serviceperspektiv.sources.http import HttpClient, HttpOptions

PUBLISHED = Path(__file__).resolve().parent / "data" / "detaljplan" / "ogcapi_fredriksberg_2085.json"
COLLECTION = json.loads(PUBLISHED.read_text(encoding="utf-8"))
CRS_3006 = "http://www.opengis.net/def/crs/EPSG/0/3006"


def envelope(geometry: dict) -> tuple[float, float, float, float]:
    points = []

    def walk(c):
        if isinstance(c[0], list):
            for x in c:
                walk(x)
        else:
            points.append(c)

    walk(geometry["coordinates"])
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def cursor_pages(page_size: int = 4, with_next: bool = True):
    """Like Lantmäteriet's service: pages with a cursor (afterId) in the 'next' link; bbox in bbox-crs."""
    features = COLLECTION["features"]

    def answer(request: dict) -> Answer:
        q = request["query"]
        if not request["path"].endswith("/collections/2085/items"):
            return Answer(404, json.dumps({"code": "NotFound", "description": "Collection not found"}).encode(),
                          {"Content-Type": "application/json"})
        chosen = features
        if "bbox" in q:
            x0, y0, x1, y1 = (float(v) for v in q["bbox"].split(","))
            chosen = [f for f in features if not (envelope(f["geometry"])[0] > x1 or envelope(f["geometry"])[2] < x0
                                                  or envelope(f["geometry"])[1] > y1 or envelope(f["geometry"])[3] < y0)]
        limit = int(q.get("limit", 10))
        start = int(q.get("offset", 0))
        if "afterId" in q:
            start = next(i for i, f in enumerate(chosen) if f["id"] == q["afterId"]) + 1
        page = chosen[start:start + min(limit, page_size)]
        body = {"type": "FeatureCollection", "numberMatched": len(chosen), "numberReturned": len(page),
                "features": page, "links": [{"rel": "self", "href": request["path"]}]}
        if with_next and start + len(page) < len(chosen):
            body["links"].append({"rel": "next", "type": "application/geo+json",
                                  "href": f"{request['path']}?limit={limit}&afterId={page[-1]['id']}"})
        return Answer(200, json.dumps(body).encode(), {"Content-Type": "application/geo+json"})

    return answer


def client(**overrides) -> HttpClient:
    return HttpClient(HttpOptions.from_settings(**overrides))


def test_items_url_and_next_link():
    assert items_url("https://x.se/detaljplan/v2/", "2085") == "https://x.se/detaljplan/v2/collections/2085/items"
    page = {"links": [{"rel": "self", "href": "a"}, {"rel": "next", "href": "items?afterId=9", "type": "text/html"},
                      {"rel": "next", "href": "items?afterId=9&f=json", "type": "application/geo+json"}]}
    assert next_link(page, "https://x.se/c/2085/items?limit=2") == "https://x.se/c/2085/items?afterId=9&f=json"
    assert next_link({"links": []}, "https://x.se") is None


def test_cursor_paging_reads_every_plan(server, fast_env):
    server.default = cursor_pages(page_size=4)
    plan = fetch_plans(client(), server.url + "/detaljplan/v2", "2085", page_size=4)
    total = len(COLLECTION["features"])
    assert len(server.requests) == -(-total // 4)  # ceil: every page once
    first = server.requests[0]
    assert first["path"] == "/detaljplan/v2/collections/2085/items"
    assert first["query"] == {"limit": "4", "crs": CRS_3006}
    assert "application/geo+json" in first["headers"]["Accept"]
    assert all("afterId" in r["query"] for r in server.requests[1:])
    assert [p.planid for p in plan.plans] == ["2085-P2025/7", "2085-P2025/7-B"]
    assert len(plan.areas_with({Role.ANVANDNING})) == 10 and len(plan.areas_with({Role.EGENSKAP})) == 5
    assert plan.epsg == 3006


def test_offset_paging_when_the_server_gives_no_links(server, fast_env):
    server.default = cursor_pages(page_size=5, with_next=False)
    plan = fetch_plans(client(), server.url, "2085", page_size=100)
    assert len(COLLECTION["features"]) == 22
    assert [r["query"].get("offset") for r in server.requests] == [None, "5", "10", "15", "20"]
    assert len(plan.areas) == 15


def test_bbox_is_sent_with_its_crs(server, fast_env):
    server.default = cursor_pages(page_size=50)
    west = fetch_plans(client(), server.url, "2085", 50, bbox=(465000.0, 6666900.0, 465300.0, 6667300.0))
    query = server.requests[0]["query"]
    assert query["bbox"] == "465000.0,6666900.0,465300.0,6667300.0" and query["bbox-crs"] == CRS_3006
    assert [p.planid for p in west.plans] == ["2085-P2025/7"]


def test_cached_then_offline(server, fast_env):
    server.default = cursor_pages(page_size=6)
    first = fetch_plans(client(), server.url, "2085", 6)
    made = len(server.requests)
    again = client(offline=True, cache_ttl_hours=0)
    cached = fetch_plans(again, server.url, "2085", 6)
    assert again.requests_made == 0 and len(server.requests) == made
    assert [a.ident for a in cached.areas] == [a.ident for a in first.areas]
    with pytest.raises(OfflineMiss):
        fetch_plans(client(offline=True), server.url, "1980", 6)


def test_busy_server_is_retried(server, fast_env):
    server.add(503, "busy")
    server.add(429, "", {"Retry-After": "1"})
    server.default = cursor_pages(page_size=50)
    plan = fetch_plans(client(), server.url, "2085", 50)
    assert len(plan.plans) == 2 and len(server.requests) == 3


@pytest.mark.parametrize("status,body,words", [
    (200, b'{"type": "FeatureCollection", "features": [{"type": "Feat', "malformed or truncated JSON"),
    (200, b'{"code": "InvalidParameterValue", "description": "Invalid bbox-crs"}', "Invalid bbox-crs"),
    (401, b'{"code": "Unauthorized", "description": "Missing credentials"}', "HTTP 401"),
])
def test_bad_answers_are_clear_and_not_cached(server, fast_env, status, body, words):
    server.add(status, body)
    server.add(status, body)
    c = client()
    for _ in range(2):
        with pytest.raises(SourceError) as info:
            fetch_plans(c, server.url, "2085", 50)
        assert words in str(info.value) and server.url in str(info.value)
    assert len(server.requests) == 2  # the bad answer was never cached


def test_no_published_plans(server, fast_env):
    server.add(body=json.dumps({"type": "FeatureCollection", "numberMatched": 0, "features": []}))
    with pytest.raises(SourceError, match="no published plans for municipality 2085.*inga publicerade planer"):
        fetch_plans(client(), server.url, "2085", 50)


def test_cancel_during_a_retry_wait(server, fast_env, monkeypatch):
    monkeypatch.setenv("SERVICEPERSPEKTIV_WAIT_SCALE", "1")
    monkeypatch.setenv("SERVICEPERSPEKTIV_BACKOFF_S", "20")
    for _ in range(5):
        server.add(503, "busy")
    cancelled = threading.Event()
    c = HttpClient(HttpOptions.from_settings(), is_cancelled=cancelled.is_set)
    threading.Timer(0.3, cancelled.set).start()
    start = time.monotonic()
    with pytest.raises(Cancelled):
        fetch_plans(c, server.url, "2085", 50)
    assert time.monotonic() - start < 3 and len(server.requests) == 1


# -- the algorithm ------------------------------------------------------------------------------------
@pytest.fixture()
def detaljplan_env(server, fast_env, monkeypatch):
    monkeypatch.setenv("SERVICEPERSPEKTIV_DETALJPLAN_URL", server.url + "/detaljplan/v2")
    monkeypatch.setenv("SERVICEPERSPEKTIV_DETALJPLAN_PAGE_SIZE", "5")
    server.default = cursor_pages(page_size=5)
    return server


def test_algorithm_writes_the_three_layers_then_runs_offline(run_alg, detaljplan_env, tmp_path):
    from qgis.core import QgsVectorLayer

    outputs = {"OUTPUT": str(tmp_path / "plans.gpkg"), "OUTPUT_AREAS": str(tmp_path / "uses.gpkg"),
               "OUTPUT_PROPERTIES": str(tmp_path / "other.gpkg")}
    result = run_alg("fetchdetaljplan", {"MUNICIPALITY": "Ludvika", **outputs})
    plans = QgsVectorLayer(result["OUTPUT"], "p", "ogr")
    uses = QgsVectorLayer(result["OUTPUT_AREAS"], "u", "ogr")
    assert plans.featureCount() == 2 and uses.featureCount() == 10
    assert sorted(f["planid"] for f in plans.getFeatures()) == ["2085-P2025/7", "2085-P2025/7-B"]
    assert {f["planid"] for f in uses.getFeatures()} == {"2085-P2025/7", "2085-P2025/7-B"}
    drivmedel = [f for f in uses.getFeatures() if f["kategori"] == "Drivmedel"]
    assert len(drivmedel) == 2 and drivmedel[0]["beteckning"] == "G1" and drivmedel[0]["anvandningsform"] == "Kvartersmark"
    assert any("Lantmäteriet" in r for r in uses.metadata().rights())
    made = len(detaljplan_env.requests)
    assert made == 5  # 22 features in pages of 5
    offline = {k: str(tmp_path / f"offline_{Path(v).name}") for k, v in outputs.items()}
    result = run_alg("fetchdetaljplan", {"MUNICIPALITY": "2085", "OFFLINE": True, **offline})
    assert QgsVectorLayer(result["OUTPUT_AREAS"], "u", "ogr").featureCount() == 10
    assert len(detaljplan_env.requests) == made


def test_algorithm_errors(run_alg, detaljplan_env, tmp_path):
    from qgis.core import QgsProcessingException

    outputs = {"OUTPUT": str(tmp_path / "p.gpkg"), "OUTPUT_AREAS": str(tmp_path / "u.gpkg"),
               "OUTPUT_PROPERTIES": str(tmp_path / "o.gpkg")}
    with pytest.raises(QgsProcessingException, match="Unknown municipality 'Atlantis'"):
        run_alg("fetchdetaljplan", {"MUNICIPALITY": "Atlantis", **outputs})
    with pytest.raises(QgsProcessingException, match="HTTP 404"):
        run_alg("fetchdetaljplan", {"MUNICIPALITY": "0180", **outputs})
    assert not any(Path(p).exists() for p in outputs.values())


def test_qgis_process_fetch(tmp_path, detaljplan_env):
    outputs = {"OUTPUT": str(tmp_path / "p.gpkg"), "OUTPUT_AREAS": str(tmp_path / "u.gpkg"),
               "OUTPUT_PROPERTIES": str(tmp_path / "o.gpkg")}
    done = run_qgis_process(tmp_path, "serviceperspektiv:fetchdetaljplan", {"MUNICIPALITY": "2085", **outputs})
    assert done.returncode == 0, done.stderr + done.stdout
    assert qgis_process_json(done)["results"]["OUTPUT_AREAS"] == outputs["OUTPUT_AREAS"]
    done = run_qgis_process(tmp_path, "serviceperspektiv:fetchdetaljplan", {"MUNICIPALITY": "1980", **outputs})
    assert done.returncode != 0 and "HTTP 404" in done.stdout + done.stderr


def test_query_of_next_links_is_kept():
    url = "http://127.0.0.1:1/detaljplan/v2/collections/2085/items?limit=5&afterId=abc"
    assert parse_qs(urlsplit(next_link({"links": [{"rel": "next", "href": url}]}, "x")).query) == {
        "limit": ["5"], "afterId": ["abc"]}
