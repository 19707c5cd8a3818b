"""A real HTTP server on 127.0.0.1 for the data-source tests (scripted answers, recorded requests)."""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

FIXTURES = Path(__file__).resolve().parent / "data" / "sources"
OSM_FILE = Path(__file__).resolve().parent / "data" / "osm" / "finland-sample.osm.pbf"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    truncate: bool = False  # announce a longer body than sent, then close (a cut connection)


class LoopbackServer:
    """Answers queued responses in order, then ``default`` (or a callable(request) -> Answer)."""

    def __init__(self) -> None:
        self.queue: list[Answer] = []
        self.default = None
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep pytest output clean
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                request = {"method": self.command, "path": parts.path,
                           "query": {k: v[0] for k, v in parse_qs(parts.query).items()},
                           "headers": dict(self.headers), "body": body.decode("utf-8", "replace")}
                server.requests.append(request)
                if server.queue:
                    answer = server.queue.pop(0)
                elif callable(server.default):
                    answer = server.default(request)
                else:
                    answer = server.default or Answer(404, b"no answer scripted")
                self.send_response(answer.status)
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(answer.body) + (1000 if answer.truncate else 0)))
                self.end_headers()
                self.wfile.write(answer.body)
                self.wfile.flush()
                if answer.truncate:
                    self.close_connection = True

            do_GET = _handle  # noqa: N815 - http.server API
            do_POST = _handle  # noqa: N815 - http.server API

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, status: int = 200, body: bytes | str = b"", headers: dict | None = None, truncate: bool = False):
        self.queue.append(Answer(status, body.encode() if isinstance(body, str) else body,
                                 {"Content-Type": "application/json", **(headers or {})}, truncate))


def wfs_pages(cap: int):
    """A GeoServer-like WFS: slices the fixture by startIndex/count, capping pages at ``cap``."""
    data = json.loads(fixture_bytes("scb_wfs_all.json"))

    def answer(request: dict) -> Answer:
        q = request["query"]
        start, count = int(q.get("startIndex", 0)), min(int(q.get("count", 10**6)), cap)
        page = dict(data, features=data["features"][start:start + count])
        page["numberReturned"] = len(page["features"])
        return Answer(200, json.dumps(page).encode(), {"Content-Type": "application/json"})

    return answer


@pytest.fixture()
def server():
    instance = LoopbackServer()
    instance.thread.start()
    yield instance
    instance.httpd.shutdown()
    instance.httpd.server_close()


@pytest.fixture()
def fast_env(monkeypatch, tmp_path):
    """Short waits (the logic runs, scaled), a private cache, few retries."""
    monkeypatch.setenv("SERVICEPERSPEKTIV_WAIT_SCALE", "0.01")
    monkeypatch.setenv("SERVICEPERSPEKTIV_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SERVICEPERSPEKTIV_MAX_RETRIES", "3")
    monkeypatch.setenv("SERVICEPERSPEKTIV_BACKOFF_S", "1")
    monkeypatch.setenv("SERVICEPERSPEKTIV_READ_TIMEOUT_S", "10")
    monkeypatch.delenv("SERVICEPERSPEKTIV_OFFLINE", raising=False)
    return tmp_path
