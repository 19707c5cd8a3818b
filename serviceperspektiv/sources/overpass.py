"""Overpass QL building, tiling and answer parsing (QGIS-free).

Overpass can fail and still answer HTTP 200, with the error as a ``remark`` in the body; such
answers and malformed/truncated JSON become a SourceError and are never cached.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .errors import SourceError

QUERY_TIMEOUT_S = 180
KM_PER_DEG_LAT = 111.32


@dataclass(frozen=True)
class BBox:
    """WGS84 bounding box in Overpass order."""

    south: float
    west: float
    north: float
    east: float

    def ql(self) -> str:
        return f"{self.south:.7f},{self.west:.7f},{self.north:.7f},{self.east:.7f}"

    def size_km(self) -> tuple[float, float]:
        mid = math.radians((self.south + self.north) / 2)
        return ((self.east - self.west) * KM_PER_DEG_LAT * math.cos(mid), (self.north - self.south) * KM_PER_DEG_LAT)


def tiles(bbox: BBox, max_km: float) -> list[BBox]:
    """Split ``bbox`` into equal tiles whose sides are at most ``max_km`` (one request per tile).

    A whole county in one query risks the server's time and memory limits; tiles keep each
    query small, and their results are merged without duplicates by element id.
    """
    width_km, height_km = bbox.size_km()
    nx = max(1, math.ceil(width_km / max_km)) if max_km > 0 else 1
    ny = max(1, math.ceil(height_km / max_km)) if max_km > 0 else 1
    dx = (bbox.east - bbox.west) / nx
    dy = (bbox.north - bbox.south) / ny
    return [BBox(bbox.south + j * dy, bbox.west + i * dx, bbox.south + (j + 1) * dy, bbox.west + (i + 1) * dx)
            for j in range(ny) for i in range(nx)]


def services_query(filters: Iterable[str], bbox: BBox, timeout_s: int = QUERY_TIMEOUT_S) -> str:
    """Nodes, ways and relations with any of ``filters``; areas as their centre (``out center``)."""
    lines = [f"[out:json][timeout:{timeout_s}][bbox:{bbox.ql()}];", "("]
    for flt in filters:
        lines.extend(f"  {kind}{flt};" for kind in ("node", "way", "relation"))
    lines += [");", "out center tags;"]
    return "\n".join(lines)


def roads_query(highway_classes: Iterable[str], bbox: BBox, timeout_s: int = QUERY_TIMEOUT_S) -> str:
    classes = "|".join(sorted(highway_classes))
    return "\n".join([f"[out:json][timeout:{timeout_s}][bbox:{bbox.ql()}];",
                      f'way["highway"~"^({classes})$"];', "out geom tags;"])


def municipality_query(code: str, timeout_s: int = 60) -> str:
    """The municipality's boundary relation (admin_level 7, ref:scb = the four-digit code), with its bounds."""
    return "\n".join([f"[out:json][timeout:{timeout_s}];",
                      f'relation["boundary"="administrative"]["admin_level"="7"]["ref:scb"="{code}"];',
                      "out tags bb;"])


def parse_response(body: bytes, endpoint: str) -> dict:
    """The decoded answer; SourceError for malformed JSON or an error ``remark`` (HTTP 200 errors)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(f"Overpass returned malformed or truncated JSON ({error}); the server may be overloaded",
                          f"Overpass returnerade felaktig eller avkortad JSON ({error}); servern kan vara överbelastad",
                          endpoint) from None
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise SourceError("Overpass returned JSON without 'elements'", "Overpass returnerade JSON utan 'elements'", endpoint)
    remark = str(data.get("remark") or "")
    if "error" in remark.lower():
        low = remark.lower()
        if "timed out" in low or "timeout" in low:
            hint_en, hint_sv = "the query timed out; choose a smaller area or tile size", \
                "frågan tog för lång tid; välj ett mindre område eller mindre rutor"
        elif "memory" in low:
            hint_en, hint_sv = "the server ran out of memory; choose a smaller area or tile size", \
                "servern fick slut på minne; välj ett mindre område eller mindre rutor"
        else:
            hint_en, hint_sv = "the server reported an error", "servern rapporterade ett fel"
        raise SourceError(f"Overpass failed: {hint_en}. Remark: {remark}",
                          f"Overpass misslyckades: {hint_sv}. Meddelande: {remark}", endpoint)
    return data


@dataclass
class OsmPoint:
    source_id: str  # "node/123", "way/45"
    lon: float
    lat: float
    tags: dict[str, str]


@dataclass
class OsmLine:
    source_id: str
    coords: list[tuple[float, float]]  # (lon, lat)
    tags: dict[str, str]


def element_id(element: dict) -> str:
    return f"{element.get('type')}/{element.get('id')}"


def points_from(data: dict) -> Iterator[OsmPoint]:
    """Nodes at their position, ways and relations at their ``center``; elements without either are skipped."""
    for element in data.get("elements", []):
        if "lat" in element and "lon" in element:
            lat, lon = element["lat"], element["lon"]
        elif isinstance(element.get("center"), dict):
            lat, lon = element["center"].get("lat"), element["center"].get("lon")
        else:
            continue
        if lat is None or lon is None:
            continue
        yield OsmPoint(element_id(element), float(lon), float(lat), dict(element.get("tags") or {}))


def lines_from(data: dict) -> Iterator[OsmLine]:
    for element in data.get("elements", []):
        if element.get("type") != "way":
            continue
        coords = [(float(p["lon"]), float(p["lat"])) for p in element.get("geometry") or []
                  if isinstance(p, dict) and p.get("lon") is not None and p.get("lat") is not None]
        if len(coords) >= 2:
            yield OsmLine(element_id(element), coords, dict(element.get("tags") or {}))


def relation_bounds(data: dict) -> BBox | None:
    for element in data.get("elements", []):
        b = element.get("bounds")
        if isinstance(b, dict):
            return BBox(float(b["minlat"]), float(b["minlon"]), float(b["maxlat"]), float(b["maxlon"]))
    return None
