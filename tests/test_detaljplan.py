"""SS 637040:2016 as real systems write it: the Focus Detaljplan export of Kristianstad's BN16/1724.

Every number here comes from tests/data/detaljplan/plankarta.xml (see the README there).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from serviceperspektiv.sources.detaljplan import (
    FORMAT_SS637040,
    SWEREF99_EPSG,
    DetaljplanError,
    Role,
    chain_rings,
    epsg_for,
    read_detaljplan,
    ring_area,
)
from serviceperspektiv.sources.detaljplan_geometry import RingGap, arc_points, canonical, polygons_area

SAMPLES = Path(__file__).resolve().parent / "data" / "detaljplan"
REAL = SAMPLES / "plankarta.xml"
LOCAL = SAMPLES / "plankarta_sweref99_15_00.xml"
PLAN_AREA_M2 = 19564.2


def by_id(plan):
    return {a.ident: a for a in plan.areas}


def test_crs_names():
    assert epsg_for("SWEREF99_TM") == 3006
    assert epsg_for("SWEREF 99 TM") == 3006
    assert epsg_for("SWEREF99_13_30") == 3008
    assert epsg_for("SWEREF99 23 15") == 3018
    assert epsg_for("urn:ogc:def:crs:EPSG::3010") == 3010
    assert epsg_for("http://www.opengis.net/def/crs/EPSG/0/3006") == 3006
    assert sorted(SWEREF99_EPSG.values()) == list(range(3006, 3019))
    for name in ("RT90_2.5_gon_V", "EPSG:3021", "EPSG:4326", ""):
        with pytest.raises(DetaljplanError, match="unknown coordinate system"):
            epsg_for(name)


def test_zone_codes_match_qgis(qgis_app):
    from qgis.core import QgsCoordinateReferenceSystem

    for zone, code in SWEREF99_EPSG.items():
        description = QgsCoordinateReferenceSystem(f"EPSG:{code}").description().replace(" ", "")
        # PROJ 9.4+ (QGIS 3.40) names them "ETRS89-SWE [SWEREF 99 TM]", older PROJ "SWEREF99 TM".
        name = description.split("[", 1)[1].rstrip("]") if description.endswith("]") else description
        assert name.upper().startswith("SWEREF99") and name.upper().endswith(zone.replace("_", "")), (zone, description)


def test_real_plan_identity_and_area():
    plan = read_detaljplan(REAL)
    assert plan.format == FORMAT_SS637040 and plan.epsg == 3008 and plan.crs_name == "SWEREF99_13_30"
    assert len(plan.plans) == 1
    p = plan.plans[0]
    assert (p.planid, p.plannamn, p.kommun, p.forslag) == ("BN16/1724", "Oppmanna-Tollarp 2:32 och del av 1:22",
                                                           "1290", False)
    assert p.uuid == "5ac8e403-314c-495b-ab6a-280987424d0a"
    assert p.area.area_m2 == pytest.approx(PLAN_AREA_M2, abs=0.1)
    # northing first in the file -> x is the easting (SWEREF 99 13 30 eastings are near 150 000)
    xs = [x for x, _ in p.area.polygons[0].exterior]
    ys = [y for _, y in p.area.polygons[0].exterior]
    assert min(xs) == 198712.5645 and max(ys) == 6228229.5136
    # the general provisions point at the plan area itself
    assert [g.kod for g in p.general] == ["DP_PO_Ad_Genomforande", "DP_PO_Ad_Strandskydd"]
    assert p.general[0].values == ["antal=5"]


def test_real_plan_provisions_point_at_their_areas():
    plan = read_detaljplan(REAL)
    areas = by_id(plan)
    assert sorted(areas) == ["a", "b", "ba", "c", "d", "e", "f", "g", "h", "i", "j"]
    uses = plan.areas_with({Role.ANVANDNING})
    properties = plan.areas_with({Role.EGENSKAP})
    admin = plan.areas_with({Role.ADMINISTRATIV})
    assert (len(uses), len(properties), len(admin)) == (5, 4, 2)
    assert {a.ident for a in uses} == {"a", "c", "e", "f", "g"}
    assert not any(a.roles() & {Role.EGENSKAP, Role.ADMINISTRATIV} for a in uses)  # never mixed up
    # several provisions on one area: R and S on "a", GÅNG and CYKEL on "c"
    assert [(p.beteckning, p.kod) for p in areas["a"].provisions] == [("R", "DP_KM_R_A"), ("S", "DP_KM_S")]
    assert [p.beteckning for p in areas["c"].provisions] == ["GÅNG", "CYKEL"]
    assert [p.kod for p in areas["c"].provisions] == ["DP_AP_Ko_Gang", "DP_AP_Ko_Cykelmoped"]
    assert areas["a"].provisions[0].formulering == "Idrott, bad"
    assert [p.huvudsaklig for p in areas["a"].provisions] == [False, True]
    assert [p.beteckning for p in areas["e"].provisions] == ["GATA"]
    assert [p.beteckning for p in areas["f"].provisions] == ["NATUR"]
    assert [p.beteckning for p in areas["g"].provisions] == ["E"]
    assert {p.anvandningsform for a in uses for p in a.provisions} == {"Kvartersmark", "Allmän plats"}


def test_nested_provisions_are_read_once_and_keep_their_use():
    areas = by_id(read_detaljplan(REAL))
    # "13" (nockhöjd) and "e" (byggnadsarea) are nested in both R and S, with the same uuid: one copy each
    d = areas["d"].provisions
    assert [(p.beteckning, p.kod) for p in d] == [("13", "DP_KM_Eg_Utform_Nockhojd_Meter"),
                                                  ("e", "DP_KM_Eg_Omfatt_Byggnadsarea_Kvm")]
    assert d[0].anvandning == ["R", "S"] and d[0].values == ["hojd=13"] and d[1].values == ["exploatering=5500"]
    assert [p.kod for p in areas["j"].provisions] == ["DP_KM_Eg_Omfatt_Prickmark"]
    assert [(p.role, p.beteckning) for p in areas["h"].provisions] == [(Role.ADMINISTRATIV, "u")]
    assert areas["b"].provisions[0].formulering.startswith("komplementbyggnad.")


def test_use_areas_tile_the_plan_area():
    plan = read_detaljplan(REAL)
    areas = by_id(plan)
    assert areas["a"].area_m2 == pytest.approx(13482.8, abs=0.1)
    assert areas["g"].area_m2 == pytest.approx(181.4, abs=0.1)
    total = sum(a.area_m2 for a in plan.areas_with({Role.ANVANDNING}))
    assert total == pytest.approx(plan.plans[0].area.area_m2, abs=0.01)
    # "ba" (prickmark) and "h" (u) share the same boundary lines: the same ground, two roles
    assert canonical(areas["ba"].polygons) == canonical(areas["h"].polygons)


def test_derived_local_zone_copy_keeps_everything_but_position():
    real, local = read_detaljplan(REAL), read_detaljplan(LOCAL)
    assert local.epsg == 3009 and local.crs_name == "SWEREF99_15_00"
    assert 100000 < local.plans[0].area.polygons[0].exterior[0][0] < 200000
    assert local.plans[0].area.area_m2 == pytest.approx(real.plans[0].area.area_m2, abs=1e-3)
    assert [(a.ident, [p.beteckning for p in a.provisions]) for a in local.areas] == \
        [(a.ident, [p.beteckning for p in a.provisions]) for a in real.areas]


def test_ring_helpers():
    with pytest.raises(RingGap) as gap:
        chain_rings([[(0, 0), (1, 0)], [(5, 5), (6, 6)]])
    assert gap.value.at == (1, 0)
    square = chain_rings([[(0, 0), (2, 0)], [(2, 2), (2, 0)], [(2, 2), (0, 2), (0, 0)]])[0]  # one line reversed
    assert abs(ring_area(square)) == 4
    arc = arc_points((1.0, 0.0), (0.0, 1.0), (-1.0, 0.0))  # a half circle of radius 1
    assert arc[0] == (1.0, 0.0) and arc[-1] == (-1.0, 0.0)
    assert all(abs((x * x + y * y) ** 0.5 - 1) < 1e-9 for x, y in arc) and all(y >= -1e-12 for _, y in arc)
    # every chord stays within 5 cm of the arc (the middle of each chord is the farthest point)
    middles = [((x0 + x1) / 2, (y0 + y1) / 2) for (x0, y0), (x1, y1) in zip(arc, arc[1:])]
    assert all(1 - (x * x + y * y) ** 0.5 <= 0.05 for x, y in middles)
    assert polygons_area([]) == 0
