"""Service register files as a table of text cells: Excel (.xlsx, .xls), OpenDocument (.ods) and CSV.

QGIS-free (GDAL/OGR reads the spreadsheets). Tillväxtverket's Pipos Serviceanalys download is an
.xlsx per service type with the columns ``Serviceform, Huvudman, Namn, Adress, Postnummer,
Postort, Kommun, Län, X, Y``; Swedish Excel saves CSV with ';' in Windows-1252. The header row is
found among the first rows (a title row above it is skipped), and every cell is read as text so
that postcodes and coordinates come through unchanged.
"""
from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError

# The file picker filter for service registers (the dock and Processing use this one string).
SERVICE_FILE_FILTER = ("Service registers (*.xlsx *.xls *.ods *.csv *.txt);;Excel (*.xlsx *.xls);;"
                       "OpenDocument spreadsheet (*.ods);;CSV (*.csv *.txt);;All files (*)")
SPREADSHEETS = {".xlsx": "XLSX", ".xls": "XLS", ".ods": "ODS"}
HEADER_SEARCH_ROWS = 10
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (BIFF inside an OLE compound file)


class ServiceFileError(SourceError):
    """A service file cannot be used; the message names the file and what to fix, in English and Swedish."""

    def __init__(self, path: str | Path, english: str, swedish: str) -> None:
        name = Path(path).name
        super().__init__(f"{name}: {english}", f"{name}: {swedish}")


@dataclass
class Table:
    header: list[str]
    rows: list[dict[str, str]]  # header -> cell text ('' when empty)
    kind: str  # 'csv', 'XLSX', 'XLS' or 'ODS'
    sheet: str = ""


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _kind(path: Path, head: bytes) -> str:
    """'csv' or a GDAL driver name, from the content first and the suffix second."""
    suffix = path.suffix.lower()
    if head.startswith(_OLE_MAGIC):
        return "XLS"
    if head.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        if "xl/workbook.xml" in names:
            return "XLSX"
        if "content.xml" in names:
            return "ODS"
        raise ServiceFileError(path, "the file is a zip archive but not an Excel (.xlsx) or OpenDocument (.ods) "
                               "workbook", "filen är ett zip-arkiv men ingen Excel- (.xlsx) eller OpenDocument-"
                               "arbetsbok (.ods)")
    if suffix in SPREADSHEETS:
        raise ServiceFileError(path, f"the file is not a {suffix} workbook (its content is something else, perhaps "
                               "text saved under the wrong name); open it in a spreadsheet program and save it as "
                               ".xlsx or .csv", f"filen är ingen {suffix}-arbetsbok (innehållet är något annat, kanske "
                               "text sparad under fel namn); öppna den i ett kalkylprogram och spara som .xlsx "
                               "eller .csv")
    if b"\x00" in head:
        raise ServiceFileError(path, "the file is neither text (CSV) nor a workbook this plugin can read (.xlsx, "
                               ".xls, .ods)", "filen är varken text (CSV) eller en arbetsbok som insticksprogrammet "
                               "kan läsa (.xlsx, .xls, .ods)")
    return "csv"


def _csv_rows(path: Path) -> list[list[str]]:
    text = _decode(path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t|")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect=dialect)]


def _sheet_rows(path: Path, driver: str) -> list[tuple[str, list[list[str]]]]:
    """Every sheet as rows of text cells (no header interpretation: the header is found later)."""
    from osgeo import gdal

    options = {f"OGR_{driver}_HEADERS": "DISABLE", f"OGR_{driver}_FIELD_TYPES": "STRING"}
    previous = {key: gdal.GetThreadLocalConfigOption(key, None) for key in options}
    for key, value in options.items():
        gdal.SetThreadLocalConfigOption(key, value)
    try:
        try:
            dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=[driver])
        except RuntimeError:  # GDAL with exceptions enabled
            dataset = None
        if dataset is None:
            raise ServiceFileError(path, f"GDAL could not open the workbook ({driver}); the file may be damaged, "
                                   "password protected or of an older format: save it again as .xlsx or .csv",
                                   f"GDAL kunde inte öppna arbetsboken ({driver}); filen kan vara skadad, "
                                   "lösenordsskyddad eller i ett äldre format: spara den igen som .xlsx eller .csv")
        sheets = []
        for index in range(dataset.GetLayerCount()):
            layer = dataset.GetLayer(index)
            rows = []
            for feature in layer:
                rows.append(["" if feature.GetField(i) is None else str(feature.GetField(i)).strip()
                             for i in range(feature.GetFieldCount())])
            sheets.append((layer.GetName(), rows))
        return sheets
    finally:
        for key, value in previous.items():
            gdal.SetThreadLocalConfigOption(key, value)


def _header_index(rows: list[list[str]], is_header: Callable[[list[str]], bool]) -> int | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if is_header(row):
            return index
    return None


def _table(rows: list[list[str]], header_at: int, kind: str, sheet: str) -> Table:
    raw = rows[header_at]
    width = max(len(r) for r in rows[header_at:])
    header, used = [], set()
    for i in range(width):
        name = raw[i].strip() if i < len(raw) else ""
        name = name or f"column_{i + 1}"
        while name in used:
            name += "_"
        used.add(name)
        header.append(name)
    body = []
    for row in rows[header_at + 1:]:
        if not any(cell.strip() for cell in row):
            continue  # Excel keeps formatted empty rows
        body.append({name: (row[i].strip() if i < len(row) and row[i] is not None else "")
                     for i, name in enumerate(header)})
    return Table(header, body, kind, sheet)


def read_table(path: str | Path, is_header: Callable[[list[str]], bool]) -> Table:
    """The first sheet (or the CSV) with a header row that ``is_header`` accepts.

    When no row qualifies, the first non-empty row of the first sheet is the header, so that the
    caller can say which columns are missing.
    """
    path = Path(path)
    if not path.is_file():
        raise ServiceFileError(path, f"the file does not exist: {path}", f"filen finns inte: {path}")
    with open(path, "rb") as handle:
        head = handle.read(8)
    kind = _kind(path, head)
    sheets = [("", _csv_rows(path))] if kind == "csv" else _sheet_rows(path, kind)
    for sheet, rows in sheets:
        at = _header_index(rows, is_header)
        if at is not None:
            return _table(rows, at, kind, sheet)
    for sheet, rows in sheets:
        first = next((i for i, row in enumerate(rows) if any(cell.strip() for cell in row)), None)
        if first is not None:
            return _table(rows, first, kind, sheet)
    raise ServiceFileError(path, "the file is empty (no rows)", "filen är tom (inga rader)")
