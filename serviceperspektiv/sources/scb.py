"""SCB's open 1 km population grid from the geodata WFS: capabilities, GetFeature paging, GeoJSON parsing.

QGIS-free. ``fetch`` is a callable (params -> bytes) so that paging is testable with any client.
The real layers are ``stat:befolkning_1km_<year>`` (2015–2025) with the columns ``objectid,
rutid_scb, rutid_inspire, rutstorl, beftotalt, kvinna, man, ald…, ald100w, referenstid``. The
2025 vintage names its age bands ``ald0_4 … ald95_99``; older vintages ``ald0_5 … ald95_100``
for the same bands (0–4, 5–9, …: the upper number is exclusive there). Both become ``age_0_4 …
age_95_99`` and ``ald100w`` (100 and older) becomes ``age_100plus``, so the bands add up to
``beftotalt``. Other products' names (``0-4``, ``85+``, ``age_0_4``) are recognised too.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import SourceError

TOTAL_NAMES = ("beftotalt", "bef_totalt", "totalt", "total", "pop", "befolkning", "population", "tot")
ID_NAMES = ("rutid_scb", "rutid", "ruta", "id_ruta", "rut_id", "rutid_inspire", "id")
SEX_NAMES = ("kvinna", "man")  # SCB's columns for women and men, kept under these names
SORT_BY = "rutid_scb"  # a stable order, so that pages neither repeat nor skip cells
KNOWN_NEWEST_YEAR = 2025  # the newest vintage known to this version (used offline)
_BAND = re.compile(r"^(ald(?:er)?|age|a)?_?(\d{1,3})(?:[_-](\d{1,3})|_?(plus|\+|w|-?))$")


@dataclass
class GridCell:
    cell_id: str
    total: float | None
    bands: dict[str, float | None]  # "age_0_4" -> value
    geometry: dict  # GeoJSON geometry in EPSG:3006
    sex: dict[str, float | None] = field(default_factory=dict)  # "kvinna"/"man" -> value


def _band_bounds(prop: str) -> tuple[int, int | None] | None:
    """(lowest age, highest age or None when open-ended) of an age-band column; None if it is none."""
    match = _BAND.match(prop.strip().lower())
    if not match:
        return None
    prefix, low, high, tail = match.group(1), int(match.group(2)), match.group(3), match.group(4)
    if high is None:
        return (low, None) if tail in ("plus", "+", "w") else None
    high_age = int(high)
    if prefix and prefix.startswith("ald") and high_age - low == 5 and low % 5 == 0:
        high_age -= 1  # SCB's older vintages: ald0_5 is 0–4 (labels by lower bound)
    return (low, high_age) if high_age >= low else None


def band_name(prop: str) -> str | None:
    """'ald0_4' (2025) and 'ald0_5' (older) -> 'age_0_4'; 'ald100w' / '85+' -> 'age_100plus' / 'age_85plus'."""
    bounds = _band_bounds(prop)
    if bounds is None:
        return None
    low, high = bounds
    return f"age_{low}plus" if high is None else f"age_{low}_{high}"


def age_fields_from(names: list[str], age: int) -> tuple[list[str], list[str]]:
    """The age-band fields covering ``age`` and older (``age_65_69`` … ``age_100plus``), and the
    fields that straddle ``age`` (a band such as ``age_60_69`` that cannot be split)."""
    chosen, straddling = [], []
    for name in names:
        bounds = _band_bounds(name)
        if bounds is None:
            continue
        low, high = bounds
        if low >= age:
            chosen.append(name)
        elif high is None or high >= age:
            straddling.append(name)
    chosen.sort(key=lambda n: _band_bounds(n)[0])
    return chosen, straddling


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
        sex = {name: _number(props[lower[name]]) for name in SEX_NAMES if name in lower}
        cell_id = str(props[id_key]) if id_key else str(feature.get("id") or n)
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict):
            continue
        cells.append(GridCell(cell_id, _number(props.get(total_key)) if total_key else None, bands, geometry, sex))
    return cells


def bands_off_total(cells: list[GridCell], tolerance: float = 0.5) -> int:
    """Cells whose age bands do not add up to the total (a missing band, or a wrong column)."""
    off = 0
    for cell in cells:
        values = list(cell.bands.values())
        if cell.total is None or not values or any(v is None for v in values):
            continue
        off += abs(sum(values) - cell.total) > tolerance
    return off


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
        "count": str(count), "startIndex": str(start), "sortBy": SORT_BY,
    }


def capabilities_params() -> dict[str, str]:
    return {"service": "WFS", "version": "2.0.0", "request": "GetCapabilities"}


def layer_names(body: bytes, endpoint: str = "") -> list[str]:
    """FeatureType names from a WFS GetCapabilities document (any WFS version)."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise SourceError(f"The WFS capabilities are not valid XML ({error})",
                          f"WFS-tjänstens capabilities är inte giltig XML ({error})", endpoint) from None
    if root.tag.rsplit("}", 1)[-1] in ("ExceptionReport", "ServiceExceptionReport"):
        text = " ".join(t.strip() for t in root.itertext() if t.strip())[:300]
        raise SourceError(f"The WFS returned an error: {text}", f"WFS-tjänsten returnerade ett fel: {text}", endpoint)
    names = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] != "FeatureType":
            continue
        for child in element:
            if child.tag.rsplit("}", 1)[-1] == "Name" and child.text:
                names.append(child.text.strip())
    return names


def years_offered(names: list[str], template: str) -> list[int]:
    """Years of the layers that fit ``template`` ('stat:befolkning_1km_{year}'), with or without the prefix."""
    local = template.split(":", 1)[-1]
    pattern = re.compile("^" + re.escape(local).replace(re.escape("{year}"), r"(\d{4})") + "$")
    years = set()
    for name in names:
        match = pattern.match(name.split(":", 1)[-1])
        if match:
            years.add(int(match.group(1)))
    return sorted(years)


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
