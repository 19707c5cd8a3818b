"""Published detaljplaner from an OGC API Features service (QGIS-free).

Lantmäteriet publishes plans delivered under the national specification through an OGC API Features
service with one collection per municipality (the four-digit kommunkod):
``{base}/collections/{kommunkod}/items``. Its conformance classes are Features core, oas30, geojson
and Part 2 (crs): there is ``bbox`` but no ``intersects``, and ``bbox`` is read in the storage CRS
unless ``bbox-crs`` names one, so both CRS parameters are always sent. Pages are followed through
the ``next`` link (the service pages with a cursor); a server that gives only ``numberMatched`` is
paged with ``offset``.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Optional
from urllib.parse import quote, urljoin

from .detaljplan_model import Detaljplan
from .detaljplan_v4 import read_collection
from .errors import SourceError
from .http import HttpClient

Log = Callable[[str], None]
ACCEPT = "application/geo+json, application/json;q=0.9"
MAX_PAGES = 10000


def crs_uri(epsg: int) -> str:
    return f"http://www.opengis.net/def/crs/EPSG/0/{epsg}"


def items_url(base: str, collection: str) -> str:
    return f"{base.rstrip('/')}/collections/{quote(collection, safe='')}/items"


def first_params(limit: int, bbox: Optional[tuple[float, float, float, float]] = None, epsg: int = 3006) -> dict:
    params = {"limit": str(int(limit)), "crs": crs_uri(epsg)}
    if bbox is not None:
        params["bbox"] = ",".join(f"{v:.1f}" for v in bbox)
        params["bbox-crs"] = crs_uri(epsg)
    return params


def decode(body: bytes, endpoint: str) -> dict:
    """A page as a dict; raises SourceError for cut or malformed JSON and for exception bodies."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(f"The detaljplan service returned malformed or truncated JSON ({error})",
                          f"Detaljplanetjänsten returnerade felaktig eller avkortad JSON ({error})", endpoint) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        # OGC API exceptions are {"code": ..., "description": ...}, sometimes with HTTP 200 behind a proxy.
        text = (data.get("description") or data.get("message") or json.dumps(data)[:300]) if isinstance(data, dict) \
            else str(data)[:300]
        raise SourceError(f"The detaljplan service did not return a GeoJSON FeatureCollection: {text}",
                          f"Detaljplanetjänsten returnerade ingen GeoJSON FeatureCollection: {text}", endpoint)
    return data


def next_link(page: dict, current: str) -> Optional[str]:
    for link in page.get("links") or []:
        if isinstance(link, dict) and link.get("rel") == "next" and link.get("href"):
            kind = str(link.get("type") or "")
            if not kind or "json" in kind:
                return urljoin(current, str(link["href"]))
    return None


def _matched(page: dict) -> Optional[int]:
    value = page.get("numberMatched")
    return int(value) if isinstance(value, (int, float)) or (isinstance(value, str) and value.isdigit()) else None


def fetch_features(fetch: Callable[[str, Optional[dict]], dict], url: str, params: dict,
                   log: Log = lambda m: None) -> list[dict]:
    """Every feature of the collection, page by page (``fetch(url, params) -> page``)."""
    features: list[dict] = []
    seen_ids: set[str] = set()
    seen_urls: set[str] = set()
    request: tuple[str, Optional[dict]] = (url, params)
    offset = 0
    for number in range(1, MAX_PAGES + 1):
        page = fetch(*request)
        items = page["features"]
        new = 0
        for item in items:
            key = str(item.get("id")) if isinstance(item, dict) and item.get("id") is not None else None
            if key is not None and key in seen_ids:
                continue
            if key is not None:
                seen_ids.add(key)
            features.append(item)
            new += 1
        matched = _matched(page)
        log(f"Detaljplan page {number}: {len(items)} feature(s)" + (f" of {matched}" if matched is not None else ""))
        following = next_link(page, request[0])
        if following and following not in seen_urls and new:
            seen_urls.add(following)
            request = (following, None)
            continue
        if matched is not None and len(features) < matched and new and items:
            offset += len(items)
            request = (url, {**params, "offset": str(offset)})
            continue
        break
    return features


def fetch_plans(client: HttpClient, base: str, municipality: str, page_size: int,
                bbox: Optional[tuple[float, float, float, float]] = None, log: Log = lambda m: None) -> Detaljplan:
    """All published plans of a municipality (optionally only those meeting ``bbox``, EPSG:3006)."""
    client.session.headers["Accept"] = ACCEPT
    url = items_url(base, municipality)

    def page(target: str, params: Optional[dict]) -> dict:
        body = client.fetch("GET", target, params=params, validate=lambda b: decode(b, target),
                            label=f"(kommun {municipality})")
        return decode(body, target)

    features = fetch_features(page, url, first_params(page_size, bbox), log)
    if not features:
        raise SourceError(f"The detaljplan service has no published plans for municipality {municipality}"
                          + (" in the chosen area" if bbox else ""),
                          f"Detaljplanetjänsten har inga publicerade planer för kommun {municipality}"
                          + (" i det valda området" if bbox else ""), url)
    return read_collection({"type": "FeatureCollection", "features": features}, default_crs="EPSG:3006")

