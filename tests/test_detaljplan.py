"""SS 637040:2016 import: topology to polygons, CRS names to EPSG, and clear errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from serviceperspektiv.sources.detaljplan import (
    SWEREF99_EPSG,
    DetaljplanError,
    chain_rings,
    epsg_for,
    parse_detaljplan,
    ring_area,
)

SAMPLES = Path(__file__).resolve().parent / "data" / "detaljplan"
TM = SAMPLES / "sample_sweref99tm.gml"
LOCAL = SAMPLES / "sample_sweref99_15_00.gml"


def test_crs_names():
    assert epsg_for("SWEREF99_TM") == 3006
    assert epsg_for("SWEREF 99 TM") == 3006
    assert epsg_for("SWEREF99_13_30") == 3008
    assert epsg_for("SWEREF99 23 15") == 3018
    assert epsg_for("urn:ogc:def:crs:EPSG::3010") == 3010
    assert sorted(SWEREF99_EPSG.values()) == list(range(3006, 3019))
    with pytest.raises(DetaljplanError):
        epsg_for("RT90_2.5_gon_V")


def test_zone_codes_match_qgis(qgis_app):
    from qgis.core import QgsCoordinateReferenceSystem

    for zone, code in SWEREF99_EPSG.items():
        description = QgsCoordinateReferenceSystem(f"EPSG:{code}").description().replace(" ", "")
        # PROJ 9.4+ (QGIS 3.40) names them "ETRS89-SWE [SWEREF 99 TM]", older PROJ "SWEREF99 TM".
        name = description.split("[", 1)[1].rstrip("]") if description.endswith("]") else description
        assert name.upper().startswith("SWEREF99") and name.upper().endswith(zone.replace("_", "")), (zone, description)


def test_parse_tm_sample():
    plan = parse_detaljplan(TM)
    assert plan.epsg == 3006
    attrs = plan.plans[0].attributes
    assert attrs == {"planid": "2085-P2025/1", "plannamn": "Detaljplan för Fredriksbergs centrum (testexempel)",
                     "kommun": "2085", "forslag": "true"}
    exterior = plan.plans[0].area.polygons[0].exterior
    assert exterior[0] == exterior[-1]
    assert abs(ring_area(exterior)) == pytest.approx(400 * 350)
    # northing first in the file -> x is the easting
    assert min(x for x, _ in exterior) == 465300.0 and min(y for _, y in exterior) == 6667300.0
    areas = {a.gml_id: a for a in plan.areas}
    assert areas["omr_west"].codes == ["B"] and areas["omr_east"].codes == ["C", "B"]
    assert sum(abs(ring_area(a.polygons[0].exterior)) for a in plan.areas) == pytest.approx(400 * 350)


def test_parse_local_zone():
    plan = parse_detaljplan(LOCAL)
    assert plan.epsg == 3009
    assert 100000 < plan.plans[0].area.polygons[0].exterior[0][0] < 200000


def test_broken_files():
    with pytest.raises(DetaljplanError, match="DP_Data"):
        parse_detaljplan(b"<root/>")
    with pytest.raises(DetaljplanError, match="closed ring"):
        chain_rings([[(0, 0), (1, 0)], [(5, 5), (6, 6)]])
    text = TM.read_bytes().replace(b'<dp:minus xlink:href="#g_m"/>', b"")
    with pytest.raises(DetaljplanError, match="closed ring"):
        parse_detaljplan(text)


def test_import_algorithm(run_alg):
    result = run_alg("importdetaljplan", {"FILE": str(LOCAL), "OUTPUT": "memory:", "OUTPUT_AREAS": "memory:"})
    layer = result["OUTPUT"]
    assert layer.crs().authid() == "EPSG:3009"
    feature = next(layer.getFeatures())
    assert feature["planid"] == "2085-P2025/2" and feature["forslag"] in (True, 1)
    assert feature.geometry().area() == pytest.approx(400 * 350 / 0.9996 ** 2, rel=1e-5)
    areas = [f["codes"] for f in result["OUTPUT_AREAS"].getFeatures()]
    assert sorted(areas) == ["B", "C,B"]
