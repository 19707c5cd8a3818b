"""Service points from a CSV: a Pipos Serviceanalys export, or any CSV with coordinates and a type column.

QGIS-free. Delimiter and encoding are detected (Swedish exports use ';' and often Windows-1252).
Coordinates are recognised as WGS84 lon/lat or SWEREF99 TM; in SWEREF99 TM the Swedish survey
convention (X = northing, Y = easting) is detected from the value ranges.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .catalogue import Catalogue, normalise_label

X_NAMES = ("x", "e", "easting", "ost", "ostlig", "sweref99tm_x", "x_sweref99tm", "x_koord", "xkoord", "lon", "long",
           "longitude", "lng")
Y_NAMES = ("y", "n", "northing", "nord", "nordlig", "sweref99tm_y", "y_sweref99tm", "y_koord", "ykoord", "lat",
           "latitude")
TYPE_NAMES = ("type", "typ", "servicetyp", "service_typ", "tjanst", "tjanstetyp", "kategori", "category", "service",
              "verksamhet", "servicetjanst")
NAME_NAMES = ("name", "namn", "benamning", "butik", "foretagsnamn", "servicestalle")
ID_NAMES = ("id", "source_id", "objektid", "objectid", "lopnummer", "nr")


class CsvError(ValueError):
    pass


@dataclass
class CsvPoint:
    source_id: str
    x: float
    y: float
    crs: str  # "EPSG:4326" or "EPSG:3006"
    type_key: str | None
    label: str
    name: str
    row: dict[str, str]


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _column(header: list[str], names: tuple[str, ...], wanted: str | None = None) -> str | None:
    norm = {normalise_label(h).replace(" ", "_"): h for h in header}
    if wanted:
        if wanted in header:
            return wanted
        found = norm.get(normalise_label(wanted).replace(" ", "_"))
        if found is None:
            raise CsvError(f"The CSV has no column '{wanted}'. Columns: {', '.join(header)}")
        return found
    return next((norm[n] for n in names if n in norm), None)


def _float(text: str) -> float | None:
    try:
        return float(str(text).strip().replace(",", ".").replace(" ", ""))
    except ValueError:
        return None


def _crs_and_order(x: float, y: float) -> tuple[str, float, float]:
    """(crs, easting, northing) from one coordinate pair."""
    if -180 <= x <= 180 and -90 <= y <= 90:
        return "EPSG:4326", x, y
    if 6_000_000 <= x <= 7_800_000 and 100_000 <= y <= 1_100_000:
        return "EPSG:3006", y, x  # Swedish convention: X is northing
    return "EPSG:3006", x, y


def read_points(path: str | Path, catalogue: Catalogue, type_column: str | None = None) -> tuple[list[CsvPoint], list[str]]:
    """Points and the distinct type labels that did not map to the catalogue."""
    text = _decode(Path(path).read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h for h in (reader.fieldnames or []) if h is not None]
    if not header:
        raise CsvError("The CSV file is empty or has no header row")
    xcol, ycol = _column(header, X_NAMES), _column(header, Y_NAMES)
    tcol = _column(header, TYPE_NAMES, type_column)
    if not xcol or not ycol:
        raise CsvError(f"The CSV has no coordinate columns (e.g. X/Y, E/N, lon/lat). Columns: {', '.join(header)}")
    if not tcol:
        raise CsvError(f"The CSV has no service type column (e.g. 'typ'). Columns: {', '.join(header)}")
    ncol, icol = _column(header, NAME_NAMES), _column(header, ID_NAMES)
    points: list[CsvPoint] = []
    unknown: list[str] = []
    for n, row in enumerate(reader, start=1):
        x, y = _float(row.get(xcol, "")), _float(row.get(ycol, ""))
        if x is None or y is None:
            continue
        crs, east, north = _crs_and_order(x, y)
        label = (row.get(tcol) or "").strip()
        key = catalogue.match_label(label)
        if key is None and label and label not in unknown:
            unknown.append(label)
        points.append(CsvPoint(str(row.get(icol) or n) if icol else str(n), east, north, crs, key, label,
                               (row.get(ncol) or "").strip() if ncol else "", {k: v for k, v in row.items() if k}))
    return points, unknown
