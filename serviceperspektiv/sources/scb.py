"""SCB's open 1 km population grid from the geodata WFS: GetFeature paging and GeoJSON parsing.

QGIS-free. ``fetch`` is a callable (params -> bytes) so that paging is testable with any client.
Property names differ between SCB's vintages and products; totals and five-year age bands are
recognised by pattern (``beftotalt``/``pop``/``totalt``, ``ald0_4``/``0-4``/``age_0_4``, ``85+``).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import SourceError

TOTAL_NAMES = ("beftotalt", "bef_totalt", "totalt", "total", "pop", "befolkning", "population", "tot")
ID_NAMES = ("rutid_scb", "rutid", "ruta", "id_ruta", "rut_id", "rutid_inspire", "id")
_BAND = re.compile(r"^(?:ald(?:er)?|age|a)?_?(\d{1,2})(?:[_-](\d{1,3})|_?(plus|\+|w|-?))$")


@dataclass
class GridCell:
    cell_id: str
    total: float | None
    bands: dict[str, float | None]  # "age_0_4" -> value
    geometry: dict  # GeoJSON geometry in EPSG:3006


def band_name(prop: str) -> str | None:
    """'ald0_4' / 'Ald_0-4' / '0-4' -> 'age_0_4'; 'ald85plus' / '85+' -> 'age_85plus'."""
    match = _BAND.match(prop.strip().lower())
    if not match:
        return None
    low, high = match.group(1), match.group(2)
    if high is None:
        if match.group(3) in ("plus", "+", "w"):
            return f"age_{int(low)}plus"
        return None
    return f"age_{int(low)}_{int(high)}"


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(str(value).replace(",", ".").replace(" ", ""))
    except ValueError:
        return None


def cells_from_geojson(data: dict, endpoint: str = "") -> list[GridCell]:
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise SourceError("The WFS did not return a GeoJSON FeatureCollection",
                          "WFS-tjänsten returnerade ingen GeoJSON FeatureCollection", endpoint)
    cells: list[GridCell] = []
    for n, feature in enumerate(data["features"]):
        props = {str(k): v for k, v in (feature.get("properties") or {}).items()}
        lower = {k.lower(): k for k in props}
        total_key = next((lower[t] for t in TOTAL_NAMES if t in lower), None)
        id_key = next((lower[t] for t in ID_NAMES if t in lower), None)
        bands = {}
        for key, value in props.items():
            name = band_name(key)
            if name:
                bands[name] = _number(value)
        cell_id = str(props[id_key]) if id_key else str(feature.get("id") or n)
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict):
            continue
        cells.append(GridCell(cell_id, _number(props.get(total_key)) if total_key else None, bands, geometry))
    return cells


def decode(body: bytes, endpoint: str) -> dict:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(f"The WFS returned malformed or truncated JSON ({error})",
                          f"WFS-tjänsten returnerade felaktig eller avkortad JSON ({error})", endpoint) from None
    if isinstance(data, dict) and data.get("type") != "FeatureCollection":
        # GeoServer reports some errors as JSON exceptions with HTTP 200.
        text = json.dumps(data)[:300]
        raise SourceError(f"The WFS returned an error: {text}", f"WFS-tjänsten returnerade ett fel: {text}", endpoint)
    return data


def getfeature_params(layer: str, bbox: tuple[float, float, float, float], start: int, count: int) -> dict[str, str]:
    """WFS 2.0 GetFeature for one page; bbox in EPSG:3006 in easting/northing order."""
    minx, miny, maxx, maxy = bbox
    return {
        "service": "WFS", "version": "2.0.0", "request": "GetFeature", "typeNames": layer,
        "outputFormat": "application/json", "srsName": "EPSG:3006",
        "bbox": f"{minx:.1f},{miny:.1f},{maxx:.1f},{maxy:.1f},EPSG:3006",
        "count": str(count), "startIndex": str(start),
    }


def fetch_all(fetch: Callable[[dict], dict], layer: str, bbox: tuple[float, float, float, float], page_size: int,
              log: Callable[[str], None] = lambda m: None, max_pages: int = 10000) -> list[GridCell]:
    """Every cell in ``bbox``, page by page: continue while the server says there are more
    (numberMatched / totalFeatures) or a page came back full; a server cap below ``count`` is handled
    by following numberMatched."""
    cells: list[GridCell] = []
    start = 0
    for _ in range(max_pages):
        data = fetch(getfeature_params(layer, bbox, start, page_size))
        page = cells_from_geojson(data)
        returned = len(data.get("features", []))
        cells.extend(page)
        matched = data.get("numberMatched", data.get("totalFeatures"))
        matched = int(matched) if isinstance(matched, (int, float)) or (isinstance(matched, str) and matched.isdigit()) else None
        log(f"WFS page from {start}: {returned} features" + (f" of {matched}" if matched is not None else ""))
        start += returned
        if returned == 0:
            break
        if matched is not None:
            if start >= matched:
                break
        elif returned < page_size:
            break
    return cells
