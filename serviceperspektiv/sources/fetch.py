"""Fetch orchestration over the HTTP client (QGIS-free): tiles, de-duplication and matching.

Tiles are fetched one after another, never in parallel (Overpass usage policy).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import overpass, scb
from .catalogue import Catalogue
from .errors import Cancelled, OfflineMiss, SourceError
from .http import HttpClient
from .overpass import BBox, OsmLine
from .roads import osm_road_allowed, routable_classes

Log = Callable[[str], None]


@dataclass
class ServicePoint:
    source_id: str
    lon: float
    lat: float
    types: list[str]
    name: str
    tags: dict[str, str]


def _overpass(client: HttpClient, endpoint: str, query: str, label: str, min_429_wait_s: float) -> dict:
    body = client.fetch("POST", endpoint, data=query, label=label,
                        validate=lambda b: overpass.parse_response(b, endpoint), min_429_wait_s=min_429_wait_s)
    return overpass.parse_response(body, endpoint)


def overpass_services(client: HttpClient, endpoint: str, bbox: BBox, catalogue: Catalogue, keys: list[str],
                      tile_km: float, min_429_wait_s: float, log: Log = lambda m: None) -> list[ServicePoint]:
    filters = catalogue.overpass_filters(keys)
    if not filters:
        return []
    parts = overpass.tiles(bbox, tile_km)
    seen: dict[str, ServicePoint] = {}
    for n, tile in enumerate(parts, start=1):
        data = _overpass(client, endpoint, overpass.services_query(filters, tile), f"(tile {n}/{len(parts)})",
                         min_429_wait_s)
        for point in overpass.points_from(data):
            if point.source_id in seen:
                continue
            types = catalogue.match_tags(point.tags, keys)
            if types:
                seen[point.source_id] = ServicePoint(point.source_id, point.lon, point.lat, types,
                                                     point.tags.get("name", ""), point.tags)
    log(f"Overpass: {len(seen)} service element(s) in {len(parts)} tile(s)")
    return list(seen.values())


def overpass_roads(client: HttpClient, endpoint: str, bbox: BBox, mode: str, tile_km: float,
                   min_429_wait_s: float, log: Log = lambda m: None) -> list[OsmLine]:
    classes = routable_classes(mode)
    parts = overpass.tiles(bbox, tile_km)
    seen: dict[str, OsmLine] = {}
    for n, tile in enumerate(parts, start=1):
        data = _overpass(client, endpoint, overpass.roads_query(classes, tile), f"(tile {n}/{len(parts)})",
                         min_429_wait_s)
        for line in overpass.lines_from(data):
            if line.source_id not in seen and osm_road_allowed(line.tags, mode, set(classes)):
                seen[line.source_id] = line
    log(f"Overpass: {len(seen)} road(s) for mode {mode} in {len(parts)} tile(s)")
    return list(seen.values())


def municipality_bbox(client: HttpClient, endpoint: str, code: str, min_429_wait_s: float) -> BBox:
    data = _overpass(client, endpoint, overpass.municipality_query(code), f"(municipality {code})", min_429_wait_s)
    bounds = overpass.relation_bounds(data)
    if bounds is None:
        raise SourceError(f"OSM has no municipality boundary with ref:scb={code}",
                          f"OSM saknar kommungräns med ref:scb={code}", endpoint)
    return bounds


def scb_grid(client: HttpClient, endpoint: str, layer: str, bbox: tuple[float, float, float, float],
             page_size: int, log: Log = lambda m: None) -> list[scb.GridCell]:
    def page(params: dict) -> dict:
        body = client.fetch("GET", endpoint, params=params, validate=lambda b: scb.decode(b, endpoint),
                            label=f"{layer} from {params['startIndex']}")
        return scb.decode(body, endpoint)

    return scb.fetch_all(page, layer, bbox, page_size, log)


_newest_years: dict[tuple[str, str], int] = {}  # (endpoint, layer template) -> year, for this session


def scb_newest_year(client: HttpClient, endpoint: str, template: str, log: Log = lambda m: None) -> int:
    """The newest year the WFS offers for ``template`` ('stat:befolkning_1km_{year}').

    GetCapabilities is read once (kept for the session, and in the disk cache like every answer).
    Offline without a cached answer, or when the server cannot be reached, the newest year known
    to this version is used and the log says so.
    """
    key = (endpoint, template)
    if key in _newest_years:
        return _newest_years[key]

    def validate(body: bytes) -> None:
        scb.layer_names(body, endpoint)

    try:
        body = client.fetch("GET", endpoint, params=scb.capabilities_params(), validate=validate,
                            label="GetCapabilities")
    except OfflineMiss:
        log(f"SCB WFS: no cached capabilities offline; using {scb.KNOWN_NEWEST_YEAR}, the newest year known")
        return scb.KNOWN_NEWEST_YEAR
    except SourceError as error:
        if isinstance(error, Cancelled):
            raise
        log(f"SCB WFS: capabilities could not be read ({error.english}); using {scb.KNOWN_NEWEST_YEAR}, "
            "the newest year known")
        return scb.KNOWN_NEWEST_YEAR
    years = scb.years_offered(scb.layer_names(body, endpoint), template)
    if not years:
        raise SourceError(f"The WFS offers no layer named like {template}",
                          f"WFS-tjänsten har inget lager med namn som {template}", endpoint)
    _newest_years[key] = years[-1]
    log(f"SCB WFS offers {template.replace('{year}', '<year>')} for {years[0]}–{years[-1]}; using {years[-1]}")
    return years[-1]


def tags_json(tags: dict[str, str]) -> str:
    return json.dumps(tags, ensure_ascii=False, sort_keys=True)


def filter_keys(catalogue: Catalogue, keys: Iterable[str], log: Log | None = None) -> list[str]:
    """Keys that OSM can supply; warn for types OSM rarely tags (pharmacy agents)."""
    keys = list(keys)
    for key in keys:
        if catalogue.types[key].osm_coverage == "none" and log:
            log(f"{key}: OSM rarely tags this service; load a register export (Pipos CSV) for complete data")
    return keys
