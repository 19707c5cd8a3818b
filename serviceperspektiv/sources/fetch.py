"""Fetch orchestration over the HTTP client (QGIS-free): tiles, de-duplication and matching.

Tiles are fetched one after another, never in parallel (Overpass usage policy).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import overpass, scb
from .catalogue import Catalogue
from .errors import SourceError
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


def tags_json(tags: dict[str, str]) -> str:
    return json.dumps(tags, ensure_ascii=False, sort_keys=True)


def filter_keys(catalogue: Catalogue, keys: Iterable[str], log: Log | None = None) -> list[str]:
    """Keys that OSM can supply; warn for types OSM rarely tags (pharmacy agents)."""
    keys = list(keys)
    for key in keys:
        if catalogue.types[key].osm_coverage == "none" and log:
            log(f"{key}: OSM rarely tags this service; load a register export (Pipos CSV) for complete data")
    return keys
