"""Pipos Serviceanalys downloads: .xlsx (and .ods, .csv) with the real columns and service-form labels.

The .xlsx is written here as Excel writes it (Office Open XML: a zip with [Content_Types].xml,
xl/workbook.xml, shared strings for text cells and plain numbers for X/Y), with the download's
columns ``Serviceform, Huvudman, Namn, Adress, Postnummer, Postort, Kommun, Län, X, Y``. Names and
addresses are invented; the labels are the real service forms (pipos.se, Servicetyper).
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from conftest import run_qgis_process
from test_sources_helpers import FIXTURES

from serviceperspektiv.sources.catalogue import load_catalogue
from serviceperspektiv.sources.pointcsv import read_points
from serviceperspektiv.sources.servicefiles import SERVICE_FILE_FILTER, ServiceFileError

HEADER = ["Serviceform", "Huvudman", "Namn", "Adress", "Postnummer", "Postort", "Kommun", "Län", "X", "Y"]
# Every real service form (pipos.se "Servicetyper"; "Ny version av Serviceanalys" 2020) and the type it is.
FORMS = {
    "Fullsortiment": "dagligvaror_full", "Ej fullsortiment": "dagligvaror_ovrig", "Apotek": "apotek",
    "Apoteksombud": "apoteksombud", "Paketombud": "post_paket", "Utlämning": "post_paket",
    "Företagscenter": "post_paket", "Paketautomat": "post_paket", "Drivmedel Personbil": "drivmedel",
    "Uttagsautomat": "kontantuttag", "Bankkassa": "kontantuttag", "Över disk hos ombud": "kontantuttag",
    "Betalningsförmedling": "betalning", "Dagskasseinsättning": "kontant_dagskassa",
}


def _row(form, n, x=510600.0, y=6668900.0):
    return [form, "Exempel AB", f"Serviceställe {n}", f"Storgatan {n}", "771 30", "Ludvika", "Ludvika kommun",
            "Dalarnas län", x + 100 * n, y + 50 * n]


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_xlsx(path: Path, rows: list[list], sheet: str = "Blad1") -> Path:
    """A minimal but complete Excel workbook (Office Open XML, shared strings), as Excel writes it."""
    strings: list[str] = []
    index: dict[str, int] = {}
    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_column_letter(c)}{r}"
            if value is None or value == "":
                continue
            if isinstance(value, (int, float)):
                cells.append(f'<c r="{ref}"><v>{value:g}</v></c>' if isinstance(value, float) and value.is_integer()
                             else f'<c r="{ref}"><v>{value}</v></c>')
            else:
                if value not in index:
                    index[value] = len(strings)
                    strings.append(value)
                cells.append(f'<c r="{ref}" t="s"><v>{index[value]}</v></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {ns} xmlns:r="{rel}">'
            f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/></Relationships>'),
        "xl/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet {ns}>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
            '<cellXfs count="1"><xf xfId="0"/></cellXfs></styleSheet>'),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">'
            + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>"),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {ns}>'
            f'<sheetData>{"".join(sheet_rows)}</sheetData></worksheet>'),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def write_ods(path: Path, rows: list[list]) -> Path:
    """An OpenDocument spreadsheet written by GDAL's ODS driver."""
    from osgeo import ogr

    ds = ogr.GetDriverByName("ODS").CreateDataSource(str(path))
    layer = ds.CreateLayer("Blad1", geom_type=ogr.wkbNone)
    for name, value in zip(rows[0], rows[1]):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTReal if isinstance(value, float) else ogr.OFTString))
    for row in rows[1:]:
        feature = ogr.Feature(layer.GetLayerDefn())
        for i, value in enumerate(row):
            feature.SetField(i, value)
        layer.CreateFeature(feature)
    ds = None
    return path


def test_every_real_service_form_maps_to_its_type(tmp_path):
    rows = [HEADER] + [_row(form, n) for n, form in enumerate(FORMS)]
    data = read_points(write_xlsx(tmp_path / "pipos_blandat.xlsx", rows), load_catalogue())
    assert data.kind == "XLSX" and data.type_column == "Serviceform"
    assert {p.label: p.type_key for p in data.points} == FORMS
    first = data.points[0]
    assert (first.crs, first.x, first.y, first.name) == ("EPSG:3006", 510600.0, 6668900.0, "Serviceställe 0")
    assert first.row["Län"] == "Dalarnas län" and first.row["Postnummer"] == "771 30"
    assert data.shared_defaulted == {"Bankkassa": 1, "Över disk hos ombud": 1}  # reported in the log


@pytest.mark.parametrize("name,expected", [("pipos_betalningsformedling_2025-11-12.xlsx", "betalning"),
                                           ("pipos_kontantuttag_2025-11-12.xlsx", "kontantuttag"),
                                           ("pipos_dagskasseinsättning_2025-11-12.xlsx", "kontant_dagskassa")])
def test_shared_forms_take_the_type_of_the_download(tmp_path, name, expected):
    rows = [HEADER, _row("Bankkassa", 1), _row("Över disk hos ombud", 2)]
    data = read_points(write_xlsx(tmp_path / name, rows), load_catalogue())
    assert [p.type_key for p in data.points] == [expected, expected] and not data.shared_defaulted


def test_service_type_sets_every_row(tmp_path):
    rows = [HEADER, _row("Bankkassa", 1), _row("Uttagsautomat", 2)]
    path = write_xlsx(tmp_path / "pipos_kontantuttag_2025-11-12.xlsx", rows)
    data = read_points(path, load_catalogue(), service_type="kontant_dagskassa")
    assert [p.type_key for p in data.points] == ["kontant_dagskassa"] * 2
    with pytest.raises(ServiceFileError, match="SERVICE_TYPE 'bankkassa' is not a catalogue type"):
        read_points(path, load_catalogue(), service_type="bankkassa")


def test_title_row_and_rows_without_coordinates(tmp_path):
    rows = [["Pipos Serviceanalys – Apoteksvaror"], [], HEADER, _row("Apotek", 1),
            ["Apoteksombud", "Apoteket AB", "Ombud utan läge", "", "", "", "Ludvika kommun", "Dalarnas län", "", ""],
            _row("Apoteksombud", 2)]
    data = read_points(write_xlsx(tmp_path / "pipos_apoteksvaror_2025-11-12.xlsx", rows), load_catalogue())
    assert [p.type_key for p in data.points] == ["apotek", "apoteksombud"] and data.no_coordinates == 1


def test_ods_and_swedish_csv(tmp_path):
    rows = [HEADER, _row("Fullsortiment", 1), _row("Ej fullsortiment", 2)]
    data = read_points(write_ods(tmp_path / "pipos_dagligvaror.ods", rows), load_catalogue())
    assert data.kind == "ODS" and [p.type_key for p in data.points] == ["dagligvaror_full", "dagligvaror_ovrig"]
    assert data.points[1].x == pytest.approx(510800.0)
    csv = read_points(FIXTURES / "pipos_export.csv", load_catalogue())
    assert csv.kind == "csv" and [p.name for p in csv.points][0] == "ICA Nära Test"


def test_survey_convention_x_northing(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("Namn;Typ;X;Y\nButik;Fullsortiment;6718500;532500\n", encoding="utf-8")
    point = read_points(path, load_catalogue()).points[0]
    assert (point.x, point.y, point.type_key) == (532500, 6718500, "dagligvaror_full")


@pytest.mark.parametrize("case,words", [
    ("csv_named_xlsx", ("pipos_apoteksvaror.xlsx", "not a .xlsx workbook")),
    ("zip_not_workbook", ("pipos_apoteksvaror.xlsx", "not an Excel")),
    ("no_coordinates", ("pipos_apoteksvaror.xlsx", "no coordinate columns", "Serviceform, Huvudman")),
    ("unknown_label", ("pipos_apoteksvaror.xlsx", "'Hundfrisör' (2)", "SERVICE_TYPE")),
    ("missing", ("pipos_apoteksvaror.xlsx", "does not exist")),
    ("binary_csv", ("pipos_apoteksvaror.csv", "neither text")),
    ("damaged_xls", ("pipos_apoteksvaror.xlsx", "GDAL could not open the workbook (XLS)")),
])
def test_bad_files_name_the_file_and_the_problem(tmp_path, case, words):
    path = tmp_path / "pipos_apoteksvaror.xlsx"
    if case == "csv_named_xlsx":
        path.write_text(";".join(HEADER) + "\nApotek;;;;;;;;510600;6668900\n", encoding="utf-8")
    elif case == "zip_not_workbook":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "not a workbook")
    elif case == "no_coordinates":
        write_xlsx(path, [HEADER[:8], _row("Apotek", 1)[:8]])
    elif case == "unknown_label":
        write_xlsx(path, [HEADER, _row("Apotek", 1), _row("Hundfrisör", 2), _row("Hundfrisör", 3)])
    elif case == "damaged_xls":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)  # an OLE header, nothing inside
    elif case == "binary_csv":
        path = tmp_path / "pipos_apoteksvaror.csv"
        path.write_bytes(b"\x00\x01\x02binary\x00")
    with pytest.raises(ServiceFileError) as info:
        read_points(path, load_catalogue())
    message = str(info.value)
    assert all(word in message for word in words), message
    assert " / " in message  # English and Swedish


def test_file_filter_offers_excel():
    assert "*.xlsx" in SERVICE_FILE_FILTER and "*.xls" in SERVICE_FILE_FILTER and "*.ods" in SERVICE_FILE_FILTER
    assert SERVICE_FILE_FILTER.index("*.xlsx") < SERVICE_FILE_FILTER.index("*.csv")


def test_fetchservices_reads_the_xlsx_download(run_alg, tmp_path):
    rows = [HEADER, _row("Apotek", 1), _row("Apoteksombud", 2), _row("Apoteksombud", 3)]
    path = write_xlsx(tmp_path / "pipos_apoteksvaror_2025-11-12.xlsx", rows)
    out = run_alg("fetchservices", {"SOURCE": 2, "FILE": str(path), "OUTPUT": "memory:"})["OUTPUT"]
    features = sorted(out.getFeatures(), key=lambda f: f.geometry().asPoint().x())
    assert [f["type"] for f in features] == ["apotek", "apoteksombud", "apoteksombud"]
    assert [round(f.geometry().asPoint().x()) for f in features] == [510700, 510800, 510900]
    assert json.loads(features[0]["tags"])["Huvudman"] == "Exempel AB" and features[0]["name"] == "Serviceställe 1"
    only = run_alg("fetchservices", {"SOURCE": 2, "FILE": str(path), "SERVICE_TYPES": "apoteksombud",
                                     "OUTPUT": "memory:"})["OUTPUT"]
    assert only.featureCount() == 2


def test_fetchservices_service_type_parameter(run_alg, tmp_path):
    path = write_xlsx(tmp_path / "export.xlsx", [HEADER, _row("Bankkassa", 1), _row("Över disk hos ombud", 2)])
    out = run_alg("fetchservices", {"SOURCE": 2, "FILE": str(path), "SERVICE_TYPE": "betalning",
                                    "OUTPUT": "memory:"})["OUTPUT"]
    assert [f["type"] for f in out.getFeatures()] == ["betalning", "betalning"]


def test_fetchservices_bad_file_fails_without_output(run_alg, tmp_path):
    from qgis.core import QgsProcessingException

    path = tmp_path / "pipos_apoteksvaror.xlsx"
    path.write_text("Serviceform;X;Y\nApotek;510600;6668900\n", encoding="utf-8")
    target = tmp_path / "never.gpkg"
    with pytest.raises(QgsProcessingException) as info:
        run_alg("fetchservices", {"SOURCE": 2, "FILE": str(path), "OUTPUT": str(target)})
    assert "pipos_apoteksvaror.xlsx" in str(info.value) and "not a .xlsx workbook" in str(info.value)
    assert not target.exists()


@pytest.mark.slow
def test_qgis_process_xlsx_and_a_bad_file(tmp_path):
    good = write_xlsx(tmp_path / "pipos_apoteksvaror_2025-11-12.xlsx", [HEADER, _row("Apotek", 1)])
    target = tmp_path / "services.gpkg"
    done = run_qgis_process(tmp_path, "serviceperspektiv:fetchservices",
                            {"SOURCE": 2, "FILE": str(good), "OUTPUT": str(target)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert target.exists()
    bad = write_xlsx(tmp_path / "pipos_okand.xlsx", [HEADER, _row("Hundfrisör", 1)])
    never = tmp_path / "never.gpkg"
    done = run_qgis_process(tmp_path, "serviceperspektiv:fetchservices",
                            {"SOURCE": 2, "FILE": str(bad), "OUTPUT": str(never)})
    text = done.stdout + done.stderr
    assert done.returncode != 0 and "pipos_okand.xlsx" in text and "Hundfrisör" in text
    assert "Traceback" not in text and not never.exists()
