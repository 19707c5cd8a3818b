"""Service points from a register file: a Pipos Serviceanalys download (.xlsx), or any table with coordinates.

QGIS-free. The file is read by ``servicefiles`` (Excel, OpenDocument or CSV). Tillväxtverket's
Pipos download has the columns ``Serviceform, Huvudman, Namn, Adress, Postnummer, Postort, Kommun,
Län, X, Y`` (SWEREF99 TM); ``Serviceform`` is the type column. Coordinates are recognised as WGS84
lon/lat or SWEREF99 TM; in SWEREF99 TM the Swedish survey convention (X = northing, Y = easting)
is detected from the value ranges. A file that cannot be used raises ``ServiceFileError`` with a
message naming the file and what to fix; unknown type labels are an error, not skipped rows.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Catalogue, normalise_label
from .servicefiles import SERVICE_FILE_FILTER, ServiceFileError, read_table

__all__ = ["SERVICE_FILE_FILTER", "CsvError", "ServiceFile", "read_points"]

X_NAMES = ("x", "e", "easting", "ost", "ostlig", "sweref99tm_x", "x_sweref99tm", "x_koord", "xkoord", "lon", "long",
           "longitude", "lng")
Y_NAMES = ("y", "n", "northing", "nord", "nordlig", "sweref99tm_y", "y_sweref99tm", "y_koord", "ykoord", "lat",
           "latitude")
TYPE_NAMES = ("serviceform", "type", "typ", "servicetyp", "service_typ", "tjanst", "tjanstetyp", "kategori", "category",
              "service", "verksamhet", "servicetjanst")
NAME_NAMES = ("namn", "name", "benamning", "butik", "foretagsnamn", "servicestalle")
ID_NAMES = ("id", "source_id", "objektid", "objectid", "lopnummer", "nr")
MAX_LISTED = 10

CsvError = ServiceFileError  # the former name, kept for callers


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


@dataclass
class ServiceFile:
    """The points of one file and what the reader decided, for the log."""

    points: list[CsvPoint]
    kind: str  # 'csv', 'XLSX', 'XLS', 'ODS'
    type_column: str | None
    no_coordinates: int = 0  # rows without usable coordinates (skipped)
    file_type: str | None = None  # the type a shared label takes (SERVICE_TYPE or the file name)
    shared_defaulted: Counter = field(default_factory=Counter)  # shared label -> rows given the default type


def _norm(text: str) -> str:
    return normalise_label(text).replace(" ", "_")


def _column(header: list[str], names: tuple[str, ...]) -> str | None:
    norm = {_norm(h): h for h in header}
    return next((norm[n] for n in names if n in norm), None)


def _float(text: str) -> float | None:
    try:
        return float(str(text).strip().replace(",", ".").replace(" ", "").replace("\u00a0", ""))
    except ValueError:
        return None


def _crs_and_order(x: float, y: float) -> tuple[str, float, float]:
    """(crs, easting, northing) from one coordinate pair."""
    if -180 <= x <= 180 and -90 <= y <= 90:
        return "EPSG:4326", x, y
    if 6_000_000 <= x <= 7_800_000 and 100_000 <= y <= 1_100_000:
        return "EPSG:3006", y, x  # Swedish convention: X is northing
    return "EPSG:3006", x, y


def _looks_like_header(row: list[str]) -> bool:
    names = {_norm(cell) for cell in row if cell}
    return any(n in names for n in X_NAMES) and any(n in names for n in Y_NAMES)


def read_points(path: str | Path, catalogue: Catalogue, type_column: str | None = None,
                service_type: str | None = None) -> ServiceFile:
    """Points of a register file. ``service_type`` (a catalogue key) sets the type of every row."""
    path = Path(path)
    if service_type and service_type not in catalogue.types:
        raise ServiceFileError(path, f"SERVICE_TYPE '{service_type}' is not a catalogue type; use one of "
                               f"{', '.join(catalogue.types)}", f"SERVICE_TYPE '{service_type}' är ingen typ i "
                               f"katalogen; använd någon av {', '.join(catalogue.types)}")
    table = read_table(path, _looks_like_header)
    header = table.header
    columns = ", ".join(header)
    xcol, ycol = _column(header, X_NAMES), _column(header, Y_NAMES)
    if not xcol or not ycol:
        raise ServiceFileError(path, f"no coordinate columns (X and Y in SWEREF99 TM, or lon/lat) were found. "
                               f"Columns: {columns}", f"inga koordinatkolumner (X och Y i SWEREF99 TM, eller lon/lat) "
                               f"hittades. Kolumner: {columns}")
    if type_column:
        tcol = next((h for h in header if h == type_column or _norm(h) == _norm(type_column)), None)
        if tcol is None:
            raise ServiceFileError(path, f"there is no column '{type_column}'. Columns: {columns}",
                                   f"kolumnen '{type_column}' finns inte. Kolumner: {columns}")
    else:
        tcol = _column(header, TYPE_NAMES)
    if not tcol and not service_type:
        raise ServiceFileError(path, f"no service type column (e.g. 'Serviceform') was found; give TYPE_COLUMN, or "
                               f"SERVICE_TYPE for the whole file. Columns: {columns}",
                               f"ingen kolumn för servicetyp (t.ex. 'Serviceform') hittades; ange TYPE_COLUMN, "
                               f"eller SERVICE_TYPE för hela filen. Kolumner: {columns}")
    ncol, icol = _column(header, NAME_NAMES), _column(header, ID_NAMES)
    file_type = service_type or catalogue.type_from_file_name(path.stem)
    result = ServiceFile([], table.kind, tcol, file_type=file_type)
    unknown: Counter = Counter()
    for n, row in enumerate(table.rows, start=1):
        x, y = _float(row.get(xcol, "")), _float(row.get(ycol, ""))
        if x is None or y is None:
            result.no_coordinates += 1
            continue
        crs, east, north = _crs_and_order(x, y)
        label = (row.get(tcol) or "").strip() if tcol else ""
        key = _type_of(label, catalogue, service_type, file_type, result)
        if key is None:
            unknown[label or "(empty)"] += 1
        result.points.append(CsvPoint(str(row.get(icol) or n) if icol else str(n), east, north, crs, key, label,
                                      (row.get(ncol) or "").strip() if ncol else "", dict(row)))
    if unknown:
        listed = ", ".join(f"'{label}' ({count})" for label, count in unknown.most_common(MAX_LISTED))
        raise ServiceFileError(
            path, f"{sum(unknown.values())} row(s) have a service type that is not in the catalogue: {listed}. Set "
            f"SERVICE_TYPE for the whole file, or add the labels as aliases in service_types.json",
            f"{sum(unknown.values())} rad(er) har en servicetyp som inte finns i katalogen: {listed}. Ange "
            f"SERVICE_TYPE för hela filen, eller lägg till etiketterna som alias i service_types.json")
    if not result.points:
        raise ServiceFileError(path, f"no row has usable coordinates in '{xcol}' and '{ycol}'",
                               f"ingen rad har användbara koordinater i '{xcol}' och '{ycol}'")
    return result


def _type_of(label: str, catalogue: Catalogue, service_type: str | None, file_type: str | None,
             result: ServiceFile) -> str | None:
    """SERVICE_TYPE wins; a shared form ('Bankkassa') takes the file's type, else its default."""
    if service_type:
        return service_type
    shared = catalogue.shared.get(normalise_label(label))
    if shared:
        if file_type in shared:
            return file_type
        result.shared_defaulted[label] += 1
        return shared[0]
    return catalogue.match_label(label)
