"""The national specification for detaljplan 4.1 (application/vnd.lm.detaljplan.v4+json), delivered and published.

The fixtures (make_fixtures.py) carry the geometry of the real SS 637040 sample and provisions from
Boverket's planbestämmelsekatalog; the required keys below are those of Lantmäteriet's JSON Schema
detaljplan-4.1.json and geometri-2.0.json.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from serviceperspektiv.sources.detaljplan import FORMAT_V4, Role, read_detaljplan

SAMPLES = Path(__file__).resolve().parent / "data" / "detaljplan"
DELIVERY = SAMPLES / "fredriksberg_detaljplan_v41.json"
PUBLISHED = SAMPLES / "ogcapi_fredriksberg_2085.json"
REAL = SAMPLES / "plankarta.xml"
UUID = re.compile(r"^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$")
PLAN_REQUIRED = {"feature:typ", "objektidentitet", "kommun", "namn", "syfte", "status", "typ", "plangeometri",
                 "beslutsinformation"}
PROVISION_REQUIRED = {"feature:typ", "detaljplan", "objektidentitet", "planbestammelsekatalogreferens",
                      "bestammelseformulering", "bestammelsegeometri"}
STATUS = {"påbörjad", "samråd", "granskning", "antagen", "överklagad", "tillsyn", "laga kraft", "upphävd", "avslutad"}


def test_delivery_fixture_has_the_schema_structure():
    document = json.loads(DELIVERY.read_text(encoding="utf-8"))
    assert document["feature:mediatyp"] == "application/vnd.lm.detaljplan.v4+json"
    assert document["type"] == "FeatureCollection"
    plan, *provisions = document["features"]
    assert plan["geometry"] is None and PLAN_REQUIRED <= set(plan["properties"])
    assert plan["properties"]["status"] in STATUS and UUID.match(plan["properties"]["objektidentitet"])
    for feature in provisions:
        props = feature["properties"]
        assert feature["geometry"] is None and PROVISION_REQUIRED <= set(props), props
        assert props["feature:typ"] in ("användningsbestämmelse", "egenskapsbestämmelse", "administrativ bestämmelse")
        assert UUID.match(props["planbestammelsekatalogreferens"]) and props["detaljplan"] == plan["id"]
        for item in props["bestammelsegeometri"]:
            assert set(item) == {"geometri", "geometrimetadata"}
            assert {"typ", "koordinatsystemPlan", "dimension"} <= set(item["geometri"])
            assert item["geometri"]["koordinatsystemPlan"] == "EPSG:3006"


def test_delivery_file_reads_like_the_exchange_format():
    plan = read_detaljplan(DELIVERY)
    assert plan.format == FORMAT_V4 and plan.epsg == 3006 and len(plan.plans) == 1
    p = plan.plans[0]
    assert (p.planid, p.kommun, p.status, p.forslag, p.lagakraft) == ("2085-P2025/7", "2085", "laga kraft", False,
                                                                      "2025-07-14")
    assert p.plannamn.startswith("Detaljplan för Fredriksbergs centrum")
    assert p.area.area_m2 == pytest.approx(19564.2, abs=0.1)
    assert 465000 < p.area.polygons[0].exterior[0][0] < 466000  # easting first in GeoJSON positions
    uses = plan.areas_with({Role.ANVANDNING})
    assert len(uses) == 5
    first = uses[0].provisions
    assert [(x.formulering, x.kod) for x in first] == [
        ("Bostäder", "f9e056a6-cda8-4b92-a15d-dc70d61dfa36"),
        ("Detaljhandel utom handel med livsmedel och skrymmande varor", "88db3074-2e95-445f-b1b1-02f976a8197b")]
    assert first[0].beteckning is None  # 4.1 has no beteckning: it is in Boverket's catalogue
    # same geometry, same areas as the SS 637040 file it was derived from
    ss = read_detaljplan(REAL)
    assert sorted(round(a.area_m2, 1) for a in uses) == sorted(round(a.area_m2, 1)
                                                               for a in ss.areas_with({Role.ANVANDNING}))


def test_delivery_properties_regulate_their_use():
    plan = read_detaljplan(DELIVERY)
    others = plan.areas_with({Role.EGENSKAP, Role.ADMINISTRATIV})
    # six property areas in the sample, two of them with the same boundary: one area, two provisions
    assert len(others) == 5 and not any(Role.ANVANDNING in a.roles() for a in others)
    height = next(a for a in others if any(p.values == ["höjd=13 meter"] for p in a.provisions))
    assert height.area_m2 == pytest.approx(10964.6, abs=0.1)
    assert height.provisions[0].anvandning == ["Bostäder", "Detaljhandel utom handel med livsmedel och skrymmande "
                                                           "varor"]
    shared = next(a for a in others if len(a.provisions) == 2 and a is not height)
    assert {p.formulering for p in shared.provisions} == {"Största lutning är 1:3. (Pilen pekar uppåt)",
                                                         "Ledningsrätt för allmänna underjordiska ledningar."}
    assert any("not read" in n.english() and "linje" in n.english() for n in plan.notes)  # the fence line


def test_administrative_and_general_provisions():
    document = json.loads(DELIVERY.read_text(encoding="utf-8"))
    plan_id = document["features"][0]["id"]
    features = document["features"]
    lutning = next(f for f in features if f["properties"].get("bestammelseformulering", "").startswith("Största lutning"))
    lutning["properties"]["feature:typ"] = "administrativ bestämmelse"
    general = json.loads(json.dumps(lutning))
    general["id"] = general["properties"]["objektidentitet"] = "0f0e0d0c-0b0a-4909-8807-060504030201"
    general["properties"]["reglerarDetaljplan"] = plan_id
    general["properties"]["bestammelseformulering"] = "Genomförandetiden är 5 år från den dag planen vinner laga kraft."
    features.append(general)
    plan = read_detaljplan(json.dumps(document).encode("utf-8"))
    admin = plan.areas_with({Role.ADMINISTRATIV})
    assert len(admin) == 1 and admin[0].roles() == {Role.ADMINISTRATIV, Role.EGENSKAP}
    assert [p.formulering for p in plan.plans[0].general] == [
        "Genomförandetiden är 5 år från den dag planen vinner laga kraft."]


def test_published_features_with_nested_properties():
    plan = read_detaljplan(PUBLISHED, default_crs="EPSG:3006")
    assert plan.format == FORMAT_V4 and [p.planid for p in plan.plans] == ["2085-P2025/7", "2085-P2025/7-B"]
    by_plan = {p.ident: [a for a in plan.areas if a.plan == p.ident] for p in plan.plans}
    assert [len(v) for v in by_plan.values()] == [10, 5]
    uses = plan.areas_with({Role.ANVANDNING})
    drivmedel = next(a for a in uses if a.provisions[0].kategori == "Drivmedel")
    p = drivmedel.provisions[0]
    assert (p.beteckning, p.anvandningsform, p.kod) == ("G1", "Kvartersmark", "12bc7dbd-6761-49b5-9942-044fc72d1ea1")
    skydd = next(a for a in uses if a.provisions[0].beteckning == "SKYDD1")
    assert skydd.provisions[0].anvandningsform == "Allmän plats"
    east = [a for a in uses if a.plan == plan.plans[1].ident]
    west = [a for a in uses if a.plan == plan.plans[0].ident]
    shift = east[0].polygons[0].exterior[0][0] - west[0].polygons[0].exterior[0][0]
    assert shift == pytest.approx(600.0, abs=1e-3)
