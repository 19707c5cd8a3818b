"""The HTTP layer against a real server on 127.0.0.1: retries, 429, errors, cache, offline, cancel."""
# ruff: noqa: F811 - pytest fixtures imported from test_sources_helpers
from __future__ import annotations

import json
import threading
import time

import pytest
from test_sources_helpers import fast_env, fixture_bytes, server, wfs_pages  # noqa: F401 - fixtures

from serviceperspektiv.sources import overpass, settings
from serviceperspektiv.sources.catalogue import load_catalogue
from serviceperspektiv.sources.errors import Cancelled, OfflineMiss, SourceError
from serviceperspektiv.sources.fetch import overpass_services, scb_grid
from serviceperspektiv.sources.http import HttpClient, HttpOptions, parse_retry_after

QUERY = "[out:json];node(1);out;"


def client(**overrides) -> HttpClient:
    logs: list[str] = []
    c = HttpClient(HttpOptions.from_settings(**overrides), log=logs.append)
    c.logs = logs  # type: ignore[attr-defined]
    return c


def validate(url):
    return lambda body: overpass.parse_response(body, url)


def test_normal_answer_sends_user_agent_and_is_cached(server, fast_env):
    server.add(body=fixture_bytes("overpass_services.json"))
    url = server.url + "/api/interpreter"
    c = client()
    body = c.fetch("POST", url, data=QUERY, validate=validate(url))
    assert len(overpass.parse_response(body, url)["elements"]) == 7
    sent = server.requests[0]
    assert sent["method"] == "POST" and sent["body"] == QUERY
    assert sent["headers"]["User-Agent"].startswith("Serviceperspektiv-QGIS-plugin/" + settings.plugin_version())
    # A second run over the same request makes no request.
    again = client()
    assert again.fetch("POST", url, data=QUERY, validate=validate(url)) == body
    assert again.requests_made == 0 and len(server.requests) == 1
    assert any("cache" in line for line in again.logs)


def test_429_with_retry_after_is_honoured(server, fast_env):
    server.add(429, "", {"Retry-After": "20"})
    server.add(body=fixture_bytes("overpass_empty.json"))
    c = client()
    start = time.monotonic()
    c.fetch("POST", server.url, data=QUERY, validate=validate(server.url), min_429_wait_s=30)
    elapsed = time.monotonic() - start
    assert len(server.requests) == 2
    assert elapsed >= 0.3 * 0.99  # max(Retry-After 20 s, Overpass 30 s) x wait scale 0.01
    assert any("Retry-After" in line for line in c.logs)


def test_429_without_retry_after_waits_at_least_30_s_for_overpass(server, fast_env):
    server.add(429, "")
    server.add(body=fixture_bytes("overpass_empty.json"))
    c = client()
    start = time.monotonic()
    c.fetch("POST", server.url, data=QUERY, validate=validate(server.url),
            min_429_wait_s=float(settings.get("overpass_429_wait_s")))
    assert time.monotonic() - start >= 30 * 0.01 * 0.99
    assert any("429" in line for line in c.logs)


def test_retry_after_parsing():
    assert parse_retry_after("7") == 7
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert 9 <= parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480) <= 11


def test_504_then_success(server, fast_env):
    server.add(504, "<html>Gateway Timeout</html>", {"Content-Type": "text/html"})
    server.add(body=fixture_bytes("overpass_empty.json"))
    c = client()
    data = overpass.parse_response(c.fetch("POST", server.url, data=QUERY, validate=validate(server.url)), server.url)
    assert data["elements"] == [] and len(server.requests) == 2


def test_persistent_503_ends_in_a_clear_bilingual_error(server, fast_env):
    server.default = None
    for _ in range(10):
        server.add(503, "busy")
    c = client()
    with pytest.raises(SourceError) as info:
        c.fetch("POST", server.url + "/api/interpreter", data=QUERY)
    message = str(info.value)
    assert "503" in message and "försök" in message and server.url + "/api/interpreter" in message
    assert len(server.requests) == 4  # 1 + max_retries 3


def test_connection_refused_is_retried_then_reported(fast_env):
    c = client(max_retries=1)
    with pytest.raises(SourceError, match="Could not reach"):
        c.fetch("GET", "http://127.0.0.1:9/nothing")  # port 9 (discard) is closed on loopback


@pytest.mark.parametrize("fixture,words", [("overpass_remark_timeout.json", ("timed out", "tog för lång tid")),
                                           ("overpass_remark_memory.json", ("out of memory", "slut på minne"))])
def test_overpass_remark_error_with_http_200_is_not_cached(server, fast_env, fixture, words):
    server.add(body=fixture_bytes(fixture))
    server.add(body=fixture_bytes(fixture))
    c = client()
    for _ in range(2):
        with pytest.raises(SourceError) as info:
            c.fetch("POST", server.url, data=QUERY, validate=validate(server.url))
        assert all(w in str(info.value) for w in words) and server.url in str(info.value)
    assert len(server.requests) == 2  # the error answer was not cached


def test_malformed_json(server, fast_env):
    server.add(body=b"<?xml version='1.0'?><osm>not json</osm>")
    with pytest.raises(SourceError, match="malformed or truncated JSON"):
        client().fetch("POST", server.url, data=QUERY, validate=validate(server.url))


def test_truncated_json_body(server, fast_env):
    body = fixture_bytes("overpass_services.json")
    server.add(body=body[: len(body) // 2])  # complete HTTP answer, but the JSON is cut
    with pytest.raises(SourceError, match="felaktig eller avkortad JSON"):
        client().fetch("POST", server.url, data=QUERY, validate=validate(server.url))


def test_cut_connection_is_retried(server, fast_env):
    body = fixture_bytes("overpass_services.json")
    server.add(body=body[:100], truncate=True)  # Content-Length promises more than is sent
    server.add(body=body)
    c = client()
    data = overpass.parse_response(c.fetch("POST", server.url, data=QUERY, validate=validate(server.url)), server.url)
    assert len(data["elements"]) == 7 and len(server.requests) == 2


def test_empty_result(server, fast_env):
    server.add(body=fixture_bytes("overpass_empty.json"))
    points = overpass_services(client(), server.url, overpass.BBox(60.6, 15.6, 60.61, 15.65), load_catalogue(),
                               ["apotek"], 25, 0)
    assert points == []


def test_offline_uses_cache_only(server, fast_env):
    url = server.url
    with pytest.raises(OfflineMiss) as info:
        client(offline=True).fetch("POST", url, data=QUERY)
    assert "Offline" in str(info.value) and "Frånkopplat" in str(info.value)
    assert server.requests == []
    server.add(body=fixture_bytes("overpass_empty.json"))
    client().fetch("POST", url, data=QUERY)
    offline = client(offline=True, cache_ttl_hours=0)  # offline ignores the time-to-live
    assert json.loads(offline.fetch("POST", url, data=QUERY))["elements"] == []
    assert len(server.requests) == 1


def test_expired_cache_is_fetched_again(server, fast_env):
    server.add(body=fixture_bytes("overpass_empty.json"))
    server.add(body=fixture_bytes("overpass_empty.json"))
    client(cache_ttl_hours=0).fetch("POST", server.url, data=QUERY)
    time.sleep(0.01)
    client(cache_ttl_hours=0).fetch("POST", server.url, data=QUERY)
    assert len(server.requests) == 2


def test_cancel_during_a_retry_wait(server, fast_env, monkeypatch):
    monkeypatch.setenv("SERVICEPERSPEKTIV_WAIT_SCALE", "1")  # a real, long back-off wait
    monkeypatch.setenv("SERVICEPERSPEKTIV_BACKOFF_S", "20")
    for _ in range(5):
        server.add(503, "busy")
    cancelled = threading.Event()
    c = HttpClient(HttpOptions.from_settings(), is_cancelled=cancelled.is_set)
    threading.Timer(0.3, cancelled.set).start()
    start = time.monotonic()
    with pytest.raises(Cancelled):
        c.fetch("POST", server.url, data=QUERY)
    assert time.monotonic() - start < 3 and len(server.requests) == 1


def test_tiles_are_sequential_and_deduplicated(server, fast_env):
    # A 60 x 60 km area with 25 km tiles -> 3 x 3 requests, each answered with the same elements.
    server.default = lambda request: __import__("test_sources_helpers").Answer(
        200, fixture_bytes("overpass_services.json"), {})
    bbox = overpass.BBox(60.4, 15.3, 60.94, 16.4)
    points = overpass_services(client(), server.url, bbox, load_catalogue(), load_catalogue().keys(), 25, 0)
    assert len(server.requests) == 9
    assert len({p.source_id for p in points}) == len(points) == 5


def test_wfs_paging_follows_number_matched_when_the_server_caps(server, fast_env):
    server.default = wfs_pages(cap=2)
    cells = scb_grid(client(), server.url + "/geoserver/stat/wfs", "stat:befolkning_1km_2023",
                     (530000, 6715000, 540000, 6725000), page_size=5)
    assert len(cells) == 5 and len({c.cell_id for c in cells}) == 5
    starts = [r["query"]["startIndex"] for r in server.requests]
    assert starts == ["0", "2", "4"]
    first = server.requests[0]["query"]
    assert first["request"] == "GetFeature" and first["outputFormat"] == "application/json"
    assert first["bbox"].endswith(",EPSG:3006") and first["typeNames"] == "stat:befolkning_1km_2023"
    assert first["sortBy"] == "rutid_scb"
    assert cells[0].total == 100 and sum(cells[0].bands.values()) == 100 and "age_100plus" in cells[0].bands
    assert cells[0].sex["kvinna"] + cells[0].sex["man"] == 100
