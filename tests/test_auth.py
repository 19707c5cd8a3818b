"""Logins from the QGIS authentication manager: Basic auth against a loopback OGC API Features server.

The secrets of a login live only in QGIS's encrypted auth database; the plugin is given the id of a
configuration, turns it into request headers in the QGIS layer (adapters/auth.py), and the HTTP
client sends them only to the endpoint's host, never into the cache or the log.
"""
# ruff: noqa: F811 - pytest fixtures imported from test_sources_helpers
from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import qgis_process_json, run_qgis_process
from test_detaljplan_fetch import cursor_pages
from test_sources_helpers import Answer, LoopbackServer, fast_env, fixture_bytes, server  # noqa: F401 - fixtures

from serviceperspektiv.sources.cache import request_key
from serviceperspektiv.sources.detaljplan_ogcapi import fetch_plans, first_params, items_url
from serviceperspektiv.sources.errors import AuthFailed
from serviceperspektiv.sources.http import EndpointHeaders, HttpClient, HttpOptions, origin

HELPER = Path(__file__).resolve().parent / "qgis_auth_helper.py"
USER, PASSWORD = "fredriksberg-planerare", "Sommar:2025-åäö"  # a colon and non-ASCII, as real passwords have
MASTER = "Huvudlösen-7!"
BASIC = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode("ascii")
OUTPUTS = ("OUTPUT", "OUTPUT_AREAS", "OUTPUT_PROPERTIES")


# The answers of Lantmäteriet's API gateway (WSO2 API Manager), as measured on
# .../sokning/v1/detaljplan/v1/search without a login; 900901 is the gateway's code for a wrong one.
MISSING = {"code": "900902", "message": "Missing Credentials",
           "description": "Invalid Credentials. Make sure your API invocation call has a header: 'Authorization : "
                          "Bearer ACCESS_TOKEN' or 'Authorization : Basic ACCESS_TOKEN' or 'ApiKey : API_KEY'"}
INVALID = {"code": "900901", "message": "Invalid Credentials",
           "description": "Invalid Credentials. Make sure you have provided the correct security credentials"}


def basic_auth(answer, challenge: str = ""):
    """Wrap a server answer: HTTP 401 unless the right Authorization came (a proxy adds a Basic challenge)."""
    def guarded(request: dict) -> Answer:
        sent = request["headers"].get("Authorization")
        if sent != BASIC:
            headers = {"Content-Type": "application/json"}
            if challenge:
                headers["WWW-Authenticate"] = f'Basic realm="{challenge}"'
            return Answer(401, json.dumps(INVALID if sent else MISSING).encode(), headers)
        return answer(request)

    return guarded


def secret_forms() -> list[bytes]:
    return [PASSWORD.encode("utf-8"), BASIC.encode("ascii"), BASIC.split()[1].encode("ascii")]


def assert_no_secret_in(folder: Path) -> int:
    """No file name or content under ``folder`` holds the password or its Basic token; returns files seen."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    for path in files:
        data = path.read_bytes()
        for secret in secret_forms():
            assert secret not in data and secret.decode("utf-8") not in str(path), path
    return len(files)


def login_client(url: str, headers: dict | None, **overrides) -> HttpClient:
    endpoints = EndpointHeaders()
    endpoints.add("detaljplan_url", url, (lambda: headers) if headers is not None else None)
    return HttpClient(HttpOptions.from_settings(**overrides), endpoints=endpoints)


# -- the HTTP layer (no QGIS) -----------------------------------------------------------------------
def test_origin_and_endpoint_matching():
    assert origin("HTTPS://Api.Lantmateriet.se:443/a/b?x=1") == "https://api.lantmateriet.se"
    assert origin("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080"
    endpoints = EndpointHeaders()
    endpoints.add("overpass_url", "https://proxy.kommun.se/overpass/api/interpreter", lambda: {"A": "o"})
    endpoints.add("scb_wfs_url", "https://proxy.kommun.se/scb/wfs", lambda: {"A": "s"})
    endpoints.add("detaljplan_url", "https://api.lantmateriet.se/distribution/detaljplan/v2", None)
    endpoints.add("nvdb_url", "", lambda: {"A": "never"})  # no URL: nothing registered
    assert endpoints.for_url("https://proxy.kommun.se/scb/wfs?service=WFS") == {"A": "s"}
    assert endpoints.for_url("https://proxy.kommun.se/overpass/api/interpreter") == {"A": "o"}
    assert endpoints.for_url("https://proxy.kommun.se/scb/wfs2") == {"A": "o"}  # not below scb: the first with a login
    assert endpoints.for_url("https://overpass-api.de/api/interpreter") == {}  # another host gets nothing
    assert endpoints.for_url("http://proxy.kommun.se/scb/wfs") == {}  # nor the same host over plain http
    assert endpoints.for_url("https://api.lantmateriet.se/distribution/detaljplan/v2/collections/2085/items") == {}
    assert endpoints.endpoint_for("https://api.lantmateriet.se/other").name == "detaljplan_url"
    assert [e.name for e in endpoints.endpoints] == ["overpass_url", "scb_wfs_url", "detaljplan_url"]


def test_login_is_made_once_and_only_when_a_request_goes_out(server, fast_env):
    server.default = basic_auth(cursor_pages(page_size=6))
    calls = []

    def resolve():
        calls.append(1)
        return {"Authorization": BASIC}

    endpoints = EndpointHeaders()
    endpoints.add("detaljplan_url", server.url + "/detaljplan/v2", resolve)
    client = HttpClient(HttpOptions.from_settings(), endpoints=endpoints)
    plan = fetch_plans(client, server.url + "/detaljplan/v2", "2085", 6)
    assert len(plan.plans) == 2 and len(server.requests) == 4 and calls == [1]
    assert all(r["headers"]["Authorization"] == BASIC for r in server.requests)
    offline = EndpointHeaders()
    offline.add("detaljplan_url", server.url + "/detaljplan/v2", lambda: pytest.fail("an offline run needs no login"))
    again = HttpClient(HttpOptions.from_settings(offline=True), endpoints=offline)
    assert len(fetch_plans(again, server.url + "/detaljplan/v2", "2085", 6).plans) == 2


def test_without_login_a_401_is_a_clear_error(server, fast_env):
    server.default = basic_auth(cursor_pages(page_size=50))
    with pytest.raises(AuthFailed) as info:
        fetch_plans(login_client(server.url, None), server.url, "2085", 50)
    error = info.value
    assert error.status == 401 and not error.with_credentials and error.endpoint_name == "detaljplan_url"
    assert "The service needs a login (HTTP 401): Missing Credentials – Invalid Credentials. Make sure" in str(error)
    assert "Tjänsten kräver inloggning" in str(error)
    assert server.url in str(error) and len(server.requests) == 1  # not retried
    assert "Authorization" not in server.requests[0]["headers"]


def test_a_wrong_login_and_a_403_say_so(server, fast_env):
    server.default = basic_auth(cursor_pages(page_size=50))
    with pytest.raises(AuthFailed) as info:
        fetch_plans(login_client(server.url, {"Authorization": "Basic d3Jvbmc6d3Jvbmc="}), server.url, "2085", 50)
    assert info.value.with_credentials and "refused the login that was sent (HTTP 401): Invalid Credentials" \
        in str(info.value)
    assert "godtog inte inloggningen" in str(info.value)
    server.default = None
    server.add(403, json.dumps({"code": "Forbidden", "description": "Access denied"}))
    with pytest.raises(AuthFailed) as info:
        fetch_plans(login_client(server.url, {"Authorization": BASIC}), server.url, "2085", 50)
    assert info.value.status == 403 and "HTTP 403" in str(info.value) and "Access denied" in str(info.value)


def test_secret_is_in_no_cache_key_file_or_log(server, fast_env):
    server.default = basic_auth(cursor_pages(page_size=6))
    log: list[str] = []
    endpoints = EndpointHeaders()
    endpoints.add("detaljplan_url", server.url, lambda: {"Authorization": BASIC})
    client = HttpClient(HttpOptions.from_settings(), log=log.append, endpoints=endpoints)
    fetch_plans(client, server.url, "2085", 6)
    assert len(server.requests) == 4
    url = items_url(server.url, "2085")
    key = request_key("GET", url, first_params(6))
    assert client.cache.get(key) is not None  # the first page is cached under the key of an anonymous request
    assert request_key("GET", items_url(server.url, "1980"), first_params(6)) != key  # still per request/endpoint
    assert assert_no_secret_in(fast_env / "cache") == 4
    assert log and not any(s.decode("utf-8") in line for line in log for s in secret_forms())


def test_login_is_not_sent_to_another_host(server, fast_env):
    """A 'next' link to another server (another origin) goes out without the Authorization header."""
    other = LoopbackServer()
    other.thread.start()
    try:
        other.default = Answer(200, json.dumps({"type": "FeatureCollection", "features": []}).encode(),
                               {"Content-Type": "application/geo+json"})
        first = cursor_pages(page_size=50)

        def page(request):
            answer = first(request)
            body = json.loads(answer.body)
            body["links"].append({"rel": "next", "href": other.url + "/collections/2085/items?page=2"})
            return Answer(200, json.dumps(body).encode(), answer.headers)

        server.default = basic_auth(page)
        plan = fetch_plans(login_client(server.url, {"Authorization": BASIC}), server.url, "2085", 50)
        assert len(plan.plans) == 2
        assert server.requests[0]["headers"]["Authorization"] == BASIC
        assert len(other.requests) == 1 and "Authorization" not in other.requests[0]["headers"]
        # A redirect to another host loses the header too (requests strips it).
        server.default = None
        server.add(302, "", {"Location": other.url + "/collections/2085/items"})
        client = login_client(server.url, {"Authorization": BASIC})
        client.fetch("GET", server.url + "/collections/2085/items?x=1")
        assert server.requests[-1]["headers"]["Authorization"] == BASIC
        assert len(other.requests) == 2 and "Authorization" not in other.requests[-1]["headers"]
    finally:
        other.httpd.shutdown()
        other.httpd.server_close()


# -- Processing in the test session (its own auth database holds no such id) ---------------------------
@pytest.fixture()
def guarded(server, fast_env, monkeypatch):
    monkeypatch.setenv("SERVICEPERSPEKTIV_DETALJPLAN_URL", server.url + "/detaljplan/v2")
    monkeypatch.setenv("SERVICEPERSPEKTIV_DETALJPLAN_PAGE_SIZE", "5")
    monkeypatch.delenv("SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG", raising=False)
    server.default = basic_auth(cursor_pages(page_size=5))
    return server


def outputs(folder: Path) -> dict:
    return {name: str(folder / f"{name.lower()}.gpkg") for name in OUTPUTS}


def test_algorithm_without_login_names_the_setting(run_alg, guarded, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as info:
        run_alg("fetchdetaljplan", {"MUNICIPALITY": "2085", **outputs(tmp_path)})
    text = str(info.value)
    assert "The service needs a login (HTTP 401)" in text and "Settings ▸ Options ▸ Authentication" in text
    assert "SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG" in text and "AUTHCFG" in text
    assert "Detaljplan service: login" in text  # the settings page row to use
    assert not any(tmp_path.glob("*.gpkg"))


@pytest.mark.parametrize("how", ["parameter", "environment"])
def test_unknown_authcfg_id_is_reported_before_any_request(run_alg, guarded, tmp_path, monkeypatch, how):
    from qgis.core import QgsProcessingException

    params = {"MUNICIPALITY": "2085", **outputs(tmp_path)}
    if how == "parameter":
        params["AUTHCFG"] = "zz9zz9z"
    else:
        monkeypatch.setenv("SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG", "zz9zz9z")
    with pytest.raises(QgsProcessingException) as info:
        run_alg("fetchdetaljplan", params)
    text = str(info.value)
    assert "no authentication configuration with the id 'zz9zz9z'" in text
    assert "ingen autentiseringskonfiguration med id 'zz9zz9z'" in text
    assert ("set in AUTHCFG" if how == "parameter" else "set in SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG") in text
    assert guarded.requests == [] and not any(tmp_path.glob("*.gpkg"))


def test_login_hint_in_swedish(run_alg, guarded, tmp_path):
    from qgis.core import QgsProcessingException

    from serviceperspektiv.i18n import install_translator

    assert install_translator("sv") == "sv"
    try:
        with pytest.raises(QgsProcessingException) as info:
            run_alg("fetchdetaljplan", {"MUNICIPALITY": "2085", **outputs(tmp_path)})
    finally:
        install_translator("en")
    text = str(info.value)
    assert "Lägg till en autentiseringskonfiguration" in text and "Inställningar ▸ Alternativ ▸ Autentisering" in text
    assert "Detaljplanetjänsten: inloggning" in text and "SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG" in text


def test_where_the_login_comes_from(registered, monkeypatch):
    """AUTHCFG beats the environment, which beats QgsSettings; other endpoints only read their own setting."""
    from qgis.core import QgsApplication, QgsProcessingContext, QgsSettings

    from serviceperspektiv.processing.algorithms.fetchshared import login_choice

    alg = QgsApplication.processingRegistry().createAlgorithmById("serviceperspektiv:fetchdetaljplan")
    context = QgsProcessingContext()
    for key in ("DETALJPLAN", "OVERPASS"):
        monkeypatch.delenv(f"SERVICEPERSPEKTIV_{key}_AUTHCFG", raising=False)
    settings = QgsSettings()
    settings.setValue("serviceperspektiv/detaljplan_authcfg", "abc1234")
    try:
        assert login_choice(alg, {}, context, "detaljplan_url") == ("abc1234", "serviceperspektiv/detaljplan_authcfg")
        monkeypatch.setenv("SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG", "env5678")
        assert login_choice(alg, {}, context, "detaljplan_url") == ("env5678", "SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG")
        assert login_choice(alg, {"AUTHCFG": "par9012"}, context, "detaljplan_url") == ("par9012", "AUTHCFG")
        assert login_choice(alg, {"AUTHCFG": "par9012"}, context, "overpass_url") == ("", "")
    finally:
        settings.remove("serviceperspektiv/detaljplan_authcfg")
    monkeypatch.delenv("SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG")
    assert login_choice(alg, {}, context, "detaljplan_url") == ("", "")


def test_authcfg_parameter_is_an_advanced_optional_auth_config(registered):
    from qgis.core import QgsApplication, QgsProcessingParameterDefinition

    alg = QgsApplication.processingRegistry().createAlgorithmById("serviceperspektiv:fetchdetaljplan")
    definition = alg.parameterDefinition("AUTHCFG")
    assert definition.type() == "authcfg"
    assert definition.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional
    assert definition.flags() & QgsProcessingParameterDefinition.Flag.FlagAdvanced


# -- a QGIS with its own auth database under tmp (subprocesses) ----------------------------------------
def helper(*args: str, env: dict | None = None) -> dict:
    done = subprocess.run([sys.executable, str(HELPER), *args], capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL, env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})})
    lines = [line for line in done.stdout.splitlines() if line.startswith("JSON:")]
    assert lines, done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(lines[-1][5:])


@pytest.fixture()
def auth_db(tmp_path) -> dict:
    """A fresh QGIS auth database under tmp with a master password and one Basic login."""
    folder = tmp_path / "qgis"
    made = helper("create", str(folder), MASTER, USER, PASSWORD)
    assert Path(made["db"]) == folder / "auth" / "qgis-auth.db" and Path(made["db"]).exists()
    assert len(made["authcfg"]) == 7
    assert assert_no_secret_in(folder) >= 1  # encrypted: the password is not in the database file in clear
    return {"folder": folder, "authcfg": made["authcfg"]}


def test_processing_with_a_login_from_the_auth_database(guarded, auth_db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    params = {"MUNICIPALITY": "Ludvika", "AUTHCFG": auth_db["authcfg"], **outputs(out)}
    done = helper("run", str(auth_db["folder"]), MASTER, "fetchdetaljplan", json.dumps(params))
    assert "error" not in done, done
    from qgis.core import QgsVectorLayer

    assert QgsVectorLayer(done["result"]["OUTPUT_AREAS"], "u", "ogr").featureCount() == 10
    assert len(guarded.requests) == 5
    assert {r["headers"].get("Authorization") for r in guarded.requests} == {BASIC}
    assert any(f"authentication configuration {auth_db['authcfg']} (from AUTHCFG)" in line for line in done["log"])
    assert not any(s.decode("utf-8") in line for line in done["log"] for s in secret_forms())
    assert assert_no_secret_in(tmp_path / "cache") == 5
    assert assert_no_secret_in(out) == 3

    # A login the server refuses: the message says to check it, and names no secret either.
    wrong = helper("create", str(auth_db["folder"]), MASTER, USER, "not-the-password")["authcfg"]
    params = {"MUNICIPALITY": "2085", "AUTHCFG": wrong, "OFFLINE": False, **outputs(tmp_path / "none")}
    done = helper("run", str(auth_db["folder"]), MASTER, "fetchdetaljplan", json.dumps(params),
                  env={"SERVICEPERSPEKTIV_CACHE_DIR": str(tmp_path / "cache-wrong")})
    assert "refused the login that was sent (HTTP 401)" in done["error"]
    assert "Check the user name and password" in done["error"] and f"configuration {wrong} (from AUTHCFG)" in \
        "\n".join(done["log"])
    assert not (tmp_path / "none").exists()


def test_overpass_behind_a_basic_auth_proxy(server, fast_env, auth_db, tmp_path):
    """The same login settings serve the other endpoints: Overpass through fetchservices, set by environment."""
    body = fixture_bytes("overpass_services.json")
    server.default = basic_auth(lambda request: Answer(200, body, {"Content-Type": "application/json"}), "proxy")
    env = {"SERVICEPERSPEKTIV_OVERPASS_URL": server.url + "/overpass/api/interpreter",
           "SERVICEPERSPEKTIV_OVERPASS_AUTHCFG": auth_db["authcfg"]}
    params = {"SOURCE": 0, "EXTENT": "15.61,15.65,60.598,60.612 [EPSG:4326]", "OUTPUT": str(tmp_path / "s.gpkg")}
    done = helper("run", str(auth_db["folder"]), MASTER, "fetchservices", json.dumps(params), env=env)
    assert "error" not in done, done
    assert len(server.requests) == 1 and server.requests[0]["headers"]["Authorization"] == BASIC
    assert server.requests[0]["method"] == "POST" and "[out:json]" in server.requests[0]["body"]
    assert any("(from SERVICEPERSPEKTIV_OVERPASS_AUTHCFG)" in line for line in done["log"])


def test_overpass_without_login_names_its_own_setting(run_alg, server, fast_env, monkeypatch, tmp_path):
    from qgis.core import QgsProcessingException

    server.default = basic_auth(lambda request: Answer(200, b"{}"), "proxy")
    monkeypatch.setenv("SERVICEPERSPEKTIV_OVERPASS_URL", server.url + "/overpass/api/interpreter")
    monkeypatch.delenv("SERVICEPERSPEKTIV_OVERPASS_AUTHCFG", raising=False)
    with pytest.raises(QgsProcessingException) as info:
        run_alg("fetchservices", {"SOURCE": 0, "EXTENT": "15.61,15.65,60.598,60.612 [EPSG:4326]",
                                  "OUTPUT": str(tmp_path / "s.gpkg")})
    text = str(info.value)
    assert "SERVICEPERSPEKTIV_OVERPASS_AUTHCFG" in text and "Overpass API: login" in text
    assert "in AUTHCFG" not in text  # fetchservices has no such parameter
    assert not (tmp_path / "s.gpkg").exists()


def test_processing_without_the_master_password_fails_clearly(guarded, auth_db, tmp_path):
    params = {"MUNICIPALITY": "2085", **outputs(tmp_path)}
    done = helper("run", str(auth_db["folder"]), "", "fetchdetaljplan", json.dumps(params),
                  env={"SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG": auth_db["authcfg"]})
    assert "master password" in done["error"] and "QGIS_AUTH_PASSWORD_FILE" in done["error"]
    assert "set in SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG" in done["error"]
    assert guarded.requests == [] and not any(tmp_path.glob("*.gpkg"))


@pytest.mark.slow
def test_qgis_process_with_an_auth_database_and_a_password_file(guarded, auth_db, tmp_path, monkeypatch):
    """Headless: QGIS reads the master password from QGIS_AUTH_PASSWORD_FILE (first line) at start-up."""
    password_file = tmp_path / "master.txt"
    password_file.write_text(MASTER + "\n", encoding="utf-8")
    password_file.chmod(0o600)
    monkeypatch.setenv("QGIS_AUTH_DB_DIR_PATH", str(auth_db["folder"] / "auth"))
    monkeypatch.setenv("QGIS_AUTH_PASSWORD_FILE", str(password_file))
    monkeypatch.setenv("SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG", auth_db["authcfg"])
    out = tmp_path / "ok"
    out.mkdir()
    done = run_qgis_process(tmp_path, "serviceperspektiv:fetchdetaljplan", {"MUNICIPALITY": "2085", **outputs(out)})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert qgis_process_json(done)["results"]["OUTPUT_AREAS"] == str(out / "output_areas.gpkg")
    assert {r["headers"].get("Authorization") for r in guarded.requests} == {BASIC}
    for secret in secret_forms():
        assert secret.decode("utf-8") not in done.stdout + done.stderr
    assert assert_no_secret_in(tmp_path / "cache") == 5

    # Without the password file there is no one to ask: a clear message and a non-zero exit, no hang.
    monkeypatch.delenv("QGIS_AUTH_PASSWORD_FILE")
    monkeypatch.setenv("SERVICEPERSPEKTIV_CACHE_DIR", str(tmp_path / "cache2"))
    made = len(guarded.requests)
    failed = tmp_path / "failed"
    failed.mkdir()
    done = run_qgis_process(tmp_path, "serviceperspektiv:fetchdetaljplan", {"MUNICIPALITY": "2085", **outputs(failed)},
                            timeout=120)
    assert done.returncode != 0
    assert "QGIS_AUTH_PASSWORD_FILE" in done.stdout + done.stderr
    assert len(guarded.requests) == made and not any(failed.iterdir())
