"""Bad plan files: a clear message saying what to fix, and broken areas skipped with the good parts kept.

The broken files are the real fixtures with one thing broken, so everything else stays real.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from serviceperspektiv.sources.detaljplan import DetaljplanError, Role, read_detaljplan

SAMPLES = Path(__file__).resolve().parent / "data" / "detaljplan"
REAL = (SAMPLES / "plankarta.xml").read_bytes()
V4 = (SAMPLES / "fredriksberg_detaljplan_v41.json").read_bytes()


def v4_document() -> dict:
    return json.loads(V4)


def as_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("data,words", [
    (REAL[: len(REAL) // 2], ("not well-formed or the file is cut off", "line")),
    (V4[: len(V4) // 2], ("not well-formed or the file is cut off", "line")),
    (b"", ("empty",)),
    (b"   \n", ("empty",)),
    (b"PK\x03\x04 zipped", ("neither SS 637040 XML nor",)),
    (b"<html><body>Not found</body></html>", ("root element is 'html'", "not DP_Data")),
    (b'{"type": "Feature"}', ("not a GeoJSON FeatureCollection",)),
])
def test_unreadable_files(data, words):
    with pytest.raises(DetaljplanError) as info:
        read_detaljplan(data)
    assert all(w in str(info.value) for w in words), str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(DetaljplanError, match="cannot be read"):
        read_detaljplan(tmp_path / "nothing.xml")


def test_unknown_schema_versions():
    other = REAL.replace(b'xmlns="http://www.sis.se/ss637040"', b'xmlns="http://www.sis.se/ss637040/2030"', 1)
    with pytest.raises(DetaljplanError, match="unknown schema version: the namespace 'http://www.sis.se/ss637040/2030'"):
        read_detaljplan(other)
    document = v4_document()
    document["feature:mediatyp"] = "application/vnd.lm.detaljplan.v5+json"
    with pytest.raises(DetaljplanError, match="unknown schema version 'application/vnd.lm.detaljplan.v5"):
        read_detaljplan(as_bytes(document))


def test_unknown_coordinate_systems():
    rt90 = REAL.replace(b"<koordinatsystem>SWEREF99_13_30</koordinatsystem>",
                        b"<koordinatsystem>RT90_2.5_gon_V</koordinatsystem>")
    with pytest.raises(DetaljplanError, match="unknown coordinate system 'RT90_2.5_gon_V'.*Transform the plan"):
        read_detaljplan(rt90)
    missing = REAL.replace(b"<koordinatsystem>SWEREF99_13_30</koordinatsystem>", b"")
    with pytest.raises(DetaljplanError, match="koordinatsystem is missing"):
        read_detaljplan(missing)
    document = v4_document()
    for feature in document["features"]:
        for key in ("plangeometri", "bestammelsegeometri"):
            for item in feature["properties"].get(key, []):
                item["geometri"]["koordinatsystemPlan"] = "EPSG:3021"
    with pytest.raises(DetaljplanError, match="unknown coordinate system 'EPSG:3021'"):
        read_detaljplan(as_bytes(document))


def test_wgs84_coordinates_are_refused():
    document = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "id": "1", "geometry": {"type": "Polygon", "coordinates": [
            [[15.1, 60.1], [15.2, 60.1], [15.2, 60.2], [15.1, 60.1]]]},
        "properties": {"feature": {"typ": "användningsbestämmelse"}, "planbestammelse": {"bestammelseformulering": "B"},
                       "detaljplan": {"objektidentitet": "p", "namn": "x"}}}]}
    with pytest.raises(DetaljplanError, match="longitude and latitude"):
        read_detaljplan(as_bytes(document), default_crs="EPSG:3006")


def test_area_that_does_not_close_is_skipped_and_the_rest_imported():
    # area "b" loses its boundary line L20: its ring cannot close
    broken = REAL.replace(b'<plus xlink:href="#L21" />\n      <minus xlink:href="#L20" />',
                          b'<plus xlink:href="#L21" />', 1)
    assert broken != REAL
    plan = read_detaljplan(broken)
    assert [s.ident for s in plan.skipped] == ["b"]
    reason = plan.skipped[0].reason
    assert reason.template.startswith("its boundary lines do not close") and "loose end at E" in reason.english()
    assert "b" not in {a.ident for a in plan.areas}
    assert len(plan.areas_with({Role.ANVANDNING})) == 5 and len(plan.areas_with({Role.EGENSKAP})) == 3
    assert plan.plans[0].area.area_m2 == pytest.approx(19564.2, abs=0.1)


def test_missing_boundary_line_is_named():
    broken = REAL.replace(b'<plus xlink:href="#L16" />', b'<plus xlink:href="#L99" />', 1)  # area "f"
    plan = read_detaljplan(broken)
    assert [(s.ident, s.reason.english()) for s in plan.skipped] == [
        ("f", "its boundary line 'L99' is missing from the file")]
    assert "NATUR" not in {p.beteckning for a in plan.areas for p in a.provisions}


def test_broken_plan_area_stops_the_import_with_a_reason():
    broken = REAL.replace(b'<minus xlink:href="#L17" />', b"", 1)
    with pytest.raises(DetaljplanError, match="the plan area 'plan' of plan 'BN16/1724' cannot be built: its boundary"):
        read_detaljplan(broken)


def test_easting_first_positions_are_recognised():
    import re

    swapped = re.sub(rb"<gml:pos srsDimension=\"2\">([0-9.]+) ([0-9.]+)</gml:pos>",
                     rb'<gml:pos srsDimension="2">\2 \1</gml:pos>', REAL)
    plan = read_detaljplan(swapped)
    assert plan.plans[0].area.area_m2 == pytest.approx(19564.2, abs=0.1)
    assert min(x for x, _ in plan.plans[0].area.polygons[0].exterior) == 198712.5645
    assert any("easting first" in n.english() for n in plan.notes)


def test_v4_broken_provision_geometries_are_skipped():
    document = v4_document()
    uses = [f for f in document["features"] if f["properties"]["feature:typ"] == "användningsbestämmelse"]
    ring = uses[2]["properties"]["bestammelsegeometri"][0]["geometri"]["position"]["coordinates"][0]
    ring.pop()  # the ring of Drivmedel (area "c" of the sample) no longer closes
    uses[3]["properties"]["bestammelsegeometri"][0]["geometri"]["position"]["coordinates"][0][1] = ["x", 1]
    plan = read_detaljplan(as_bytes(document))
    skipped = {s.ident: s.reason.english() for s in plan.skipped}
    assert skipped[uses[2]["id"]].startswith("a ring does not close (first position E ")
    assert skipped[uses[3]["id"]] == "a position is not a pair of numbers"
    assert [p.formulering for a in plan.areas_with({Role.ANVANDNING}) for p in a.provisions] == [
        "Bostäder", "Detaljhandel utom handel med livsmedel och skrymmande varor", "Översvämningsyta",
        "Tekniska anläggningar"]


def test_v4_broken_plan_geometry_stops_the_import():
    document = v4_document()
    document["features"][0]["properties"]["plangeometri"][0]["geometri"]["position"]["coordinates"][0].pop()
    with pytest.raises(DetaljplanError, match="the plan area of plan '2085-P2025/7' cannot be built: a ring does not"):
        read_detaljplan(as_bytes(document))
