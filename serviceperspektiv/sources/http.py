"""The one HTTP layer every source uses: User-Agent, timeouts, retries with back-off, cache, offline.

Requests to one host are serialised (Overpass asks for no parallel queries). Waits are sliced so
that a cancel from the Processing feedback takes effect within a fraction of a second.
"""
from __future__ import annotations

import email.utils
import json
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from . import settings
from .cache import DiskCache, request_key
from .errors import AuthFailed, Cancelled, OfflineMiss, SourceError

if TYPE_CHECKING:
    import requests
# requests (with urllib3) takes ~0.2 s to import: it loads on the first HttpClient, not with the
# plugin, so that every qgis_process run of a non-fetching algorithm does without it.

RETRY_STATUS = {502, 503, 504}
AUTH_STATUS = {401, 403}
MAX_WAIT_S = 600.0
_host_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _host_lock(url: str) -> threading.Lock:
    host = urlsplit(url).netloc
    with _locks_guard:
        return _host_locks.setdefault(host, threading.Lock())


def origin(url: str) -> str:
    """scheme://host[:port] in lower case, default ports dropped: the scope of a login (RFC 7617)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" + (f":{port}" if port and port != default else "")


def _under(url: str, base: str) -> bool:
    """``url`` is ``base`` or lies below it (at a path-segment boundary)."""
    base = base.rstrip("/")
    return url == base or url.startswith((base + "/", base + "?"))


@dataclass
class Endpoint:
    name: str  # the settings key of the endpoint, e.g. "detaljplan_url"
    url: str
    resolve: Callable[[], Mapping[str, str]] | None = None  # None: no login configured


class EndpointHeaders:
    """Extra request headers (a login) per endpoint, made on first use and sent only to its host.

    A URL belongs to the endpoint at the same origin whose URL is the longest prefix of it, else to
    the first one at that origin (a ``next`` link elsewhere on the same server). The headers stay in
    memory: they are not part of cache keys and never logged.
    """

    def __init__(self) -> None:
        self.endpoints: list[Endpoint] = []
        self._made: dict[int, dict[str, str]] = {}
        self._lock = threading.Lock()

    def add(self, name: str, url: str, resolve: Callable[[], Mapping[str, str]] | None = None) -> None:
        if url.startswith(("http://", "https://")):
            self.endpoints.append(Endpoint(name, url, resolve))

    def endpoint_for(self, url: str) -> Endpoint | None:
        here = origin(url)
        same = [e for e in self.endpoints if origin(e.url) == here]
        prefixed = [e for e in same if _under(url, e.url)]
        if prefixed:
            return max(prefixed, key=lambda e: len(e.url.rstrip("/")))
        return next((e for e in same if e.resolve is not None), same[0] if same else None)

    def for_url(self, url: str) -> dict[str, str]:
        endpoint = self.endpoint_for(url)
        if endpoint is None or endpoint.resolve is None:
            return {}
        with self._lock:
            key = id(endpoint)
            if key not in self._made:
                self._made[key] = {str(k): str(v) for k, v in endpoint.resolve().items()}
            return dict(self._made[key])


@dataclass
class HttpOptions:
    connect_timeout_s: float = 15.0
    read_timeout_s: float = 240.0
    max_retries: int = 4
    backoff_s: float = 2.0
    wait_scale: float = 1.0
    cache_dir: str = ""
    cache_ttl_hours: float = 168.0
    offline: bool = False
    user_agent: str = field(default_factory=settings.user_agent)
    proxies: dict | None = None

    @classmethod
    def from_settings(cls, **overrides) -> HttpOptions:
        values = {name: settings.get(name) for name in (
            "connect_timeout_s", "read_timeout_s", "max_retries", "backoff_s", "wait_scale",
            "cache_dir", "cache_ttl_hours", "offline")}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta seconds or an HTTP date); None when absent/invalid."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def error_detail(body: str) -> str:
    """The readable part of an error body: an API gateway's JSON ``message``/``description``, else the text."""
    try:
        data = json.loads(body)
    except ValueError:
        return " ".join(body.split())[:300]
    if isinstance(data, dict):
        parts = [str(data[k]) for k in ("message", "description") if data.get(k)]
        if parts:
            return " – ".join(parts)[:300]
    return " ".join(body.split())[:300]


class TruncatedBody(ConnectionError):
    """The connection closed before Content-Length bytes arrived (retried like a connection error)."""


def _check_complete(response: requests.Response) -> None:
    """urllib3 1.x does not enforce Content-Length on streamed bodies; a cut answer must not pass.

    urllib3 2 does, and raises ChunkedEncodingError while streaming; ``_read_body`` maps both to this.
    """
    expected = response.headers.get("Content-Length")
    tell = getattr(response.raw, "tell", None)
    if expected is None or tell is None:
        return
    try:
        received, wanted = int(tell()), int(expected)
    except (TypeError, ValueError):
        return
    if received < wanted:
        raise TruncatedBody(f"connection closed after {received} of {wanted} bytes")


class HttpClient:
    def __init__(self, options: HttpOptions | None = None,
                 is_cancelled: Callable[[], bool] | None = None,
                 log: Callable[[str], None] | None = None,
                 endpoints: EndpointHeaders | None = None) -> None:
        self.options = options or HttpOptions.from_settings()
        self.is_cancelled = is_cancelled or (lambda: False)
        self.log = log or (lambda message: None)
        self.endpoints = endpoints or EndpointHeaders()
        self.cache = DiskCache(self.options.cache_dir or settings.get("cache_dir"), self.options.cache_ttl_hours)
        import requests

        self.session = requests.Session()
        self.session.headers["User-Agent"] = self.options.user_agent
        self.requests_made = 0  # tests check that a cached run makes none

    # -- waiting --------------------------------------------------------------------------
    def backoff_s(self, attempt: int) -> float:
        """Exponential back-off with jitter (0.5–1.5 x) so that many clients do not retry in step."""
        base = self.options.backoff_s * (2 ** attempt)
        return min(MAX_WAIT_S, base * (0.5 + random.random())) * self.options.wait_scale

    def wait(self, seconds: float, endpoint: str) -> None:
        deadline = time.monotonic() + max(0.0, seconds)
        while True:
            if self.is_cancelled():
                raise Cancelled(endpoint)
            left = deadline - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(0.05, left))

    # -- requests -------------------------------------------------------------------------
    def fetch(self, method: str, url: str, *, params: dict | None = None, data: str | None = None,
              validate: Callable[[bytes], None] | None = None, min_429_wait_s: float = 0.0,
              label: str = "") -> bytes:
        """The body of a successful answer, from the cache when fresh; ``validate`` raises SourceError.

        Only answers that pass ``validate`` are cached, so an error body is never reused.
        """
        key = request_key(method, url, params, data)
        cached = self.cache.get(key, ignore_ttl=self.options.offline)
        if cached is not None:
            try:
                if validate:
                    validate(cached)
                self.log(f"{label or url}: cache ({self.cache.path(key).parent.parent})")
                return cached
            except SourceError:
                cached = None  # a corrupt entry: fetch again
        if self.options.offline:
            raise OfflineMiss("Offline mode: the cache has no data for this request; run once online first",
                              "Frånkopplat läge: cachen saknar data för denna förfrågan; kör en gång med nätverk först",
                              url)
        with _host_lock(url):
            body = self._fetch_with_retries(method, url, params, data, min_429_wait_s, label, None)
        if validate:
            validate(body)
        self.cache.put(key, body)
        return body

    def _fetch_with_retries(self, method, url, params, data, min_429_wait_s, label, sink: Path | None) -> bytes:
        import requests

        opts = self.options
        attempts = opts.max_retries + 1
        login = self.endpoints.for_url(url)  # only here: a cached or offline answer needs no login
        for attempt in range(attempts):
            if self.is_cancelled():
                raise Cancelled(url)
            last = attempt == attempts - 1
            self.log(f"{method} {url} {label}".rstrip() + (f" (attempt {attempt + 1}/{attempts})" if attempt else ""))
            try:
                self.requests_made += 1
                response = self.session.request(
                    method, url, params=params, data=data.encode("utf-8") if isinstance(data, str) else data,
                    headers=login or None, timeout=(opts.connect_timeout_s, opts.read_timeout_s), proxies=opts.proxies
                    if opts.proxies is not None else settings.qgis_proxies(url), stream=True)
                status = response.status_code
                if status == 200:
                    return self._read_body(response, url, sink)
                body = response.text[:2000] if status not in RETRY_STATUS | {429} else ""
                text = body[:300]
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                response.close()
            except (requests.ConnectionError, requests.Timeout, TruncatedBody) as error:
                if last:
                    raise SourceError(f"Could not reach the server after {attempts} attempts: {error}",
                                      f"Kunde inte nå servern efter {attempts} försök: {error}", url) from None
                wait = self.backoff_s(attempt)
                self.log(f"Connection failed ({type(error).__name__}); retrying in {wait:.1f} s")
                self.wait(wait, url)
                continue
            if status == 429:
                if last:
                    raise SourceError(f"The server is rate limiting requests (HTTP 429) after {attempts} attempts",
                                      f"Servern begränsar antalet förfrågningar (HTTP 429) efter {attempts} försök", url)
                base = retry_after if retry_after is not None else max(min_429_wait_s, opts.backoff_s * 2 ** attempt)
                wait = min(MAX_WAIT_S, max(base, min_429_wait_s)) * opts.wait_scale
                self.log(f"HTTP 429 Too Many Requests; waiting {wait:.1f} s"
                         + (" (Retry-After)" if retry_after is not None else ""))
                self.wait(wait, url)
            elif status in RETRY_STATUS:
                if last:
                    raise SourceError(f"The server answered HTTP {status} (unavailable) {attempts} times; try again later "
                                      "or choose another endpoint in the settings",
                                      f"Servern svarade HTTP {status} (ej tillgänglig) {attempts} gånger; försök senare "
                                      "eller välj en annan tjänst i inställningarna", url)
                wait = self.backoff_s(attempt)
                self.log(f"HTTP {status}; retrying in {wait:.1f} s")
                self.wait(wait, url)
            elif status in AUTH_STATUS:
                endpoint = self.endpoints.endpoint_for(url)
                raise AuthFailed(status, bool(login), url, endpoint.name if endpoint else "", error_detail(body))
            else:
                raise SourceError(f"The server answered HTTP {status}: {text}",
                                  f"Servern svarade HTTP {status}: {text}", url)
        raise SourceError("No answer", "Inget svar", url)  # pragma: no cover - loop always returns/raises

    def _read_body(self, response: requests.Response, url: str, sink: Path | None = None) -> bytes:
        """Read in chunks so that a cancel stops a long download; large files stream into ``sink``."""
        import requests

        chunks: list[bytes] = []
        out = open(sink, "wb") if sink is not None else None  # noqa: SIM115 - closed in finally
        try:
            try:
                for chunk in response.iter_content(chunk_size=1 << 16):
                    if self.is_cancelled():
                        raise Cancelled(url)
                    if out is not None:
                        out.write(chunk)
                    else:
                        chunks.append(chunk)
            except requests.exceptions.ChunkedEncodingError as error:
                # urllib3 2 (QGIS 3.40+ and the Windows installers) enforces Content-Length itself.
                raise TruncatedBody(f"connection closed before the whole answer arrived: {error}") from None
            _check_complete(response)
        finally:
            response.close()
            if out is not None:
                out.close()
        return b"".join(chunks)

    def download(self, url: str, suffix: str = "", label: str = "") -> Path:
        """A large file (the NVDB GeoPackage) into the cache folder; returns its path."""
        key = request_key("GET", url)
        target = Path(self.cache.directory) / "files" / f"{key}{suffix}"
        fresh = target.exists() and (self.options.offline or time.time() - target.stat().st_mtime <= self.cache.ttl_s)
        if fresh:
            self.log(f"{label or url}: cache ({target})")
            return target
        if self.options.offline:
            raise OfflineMiss("Offline mode: the file has not been downloaded before",
                              "Frånkopplat läge: filen har inte laddats ned tidigare", url)
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(target.name + ".part")
        try:
            with _host_lock(url):
                self._fetch_with_retries("GET", url, None, None, 0.0, label, part)
            part.replace(target)
        finally:
            if part.exists():
                part.unlink()
        return target
