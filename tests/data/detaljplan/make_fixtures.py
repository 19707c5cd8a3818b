"""Derives the test fixtures from the real sample plankarta.xml (run once; the outputs are committed).

- plankarta_sweref99_15_00.xml: the real file, byte for byte, except that every position is moved
  by a whole number of metres to the demo village Fredriksberg (Ludvika) and the coordinate system is
  SWEREF 99 15 00 (EPSG:3009). A translation keeps the topology and every planar area exact.
- fredriksberg_detaljplan_v41.json: the same area geometry moved into SWEREF 99 TM (EPSG:3006) and
  written as a delivery file of the national specification for detaljplan 4.1
  (application/vnd.lm.detaljplan.v4+json), field by field as the schema detaljplan-4.1.json and
  geometri-2.0.json require. The provisions are real entries of Boverket's planbestämmelsekatalog
  (their catalogue UUIDs, formulations, användningsform, kategori and underkategori).
- ogcapi_fredriksberg_2085.json: how the published plans look in the OGC API Features service
  (features with a GeoJSON geometry and nested feature/planbestammelse/detaljplan properties), for
  the loopback server of the fetch tests; a second plan is the first one moved 600 m east.

Offsets put the R/S insertion point of area "a" on the centre of a populated 250 m demo cell, so
the plan area profile finds people inside the plan.
"""
from __future__ import annotations

import json
import re
import sys
import uuid
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from serviceperspektiv.sources.detaljplan import read_detaljplan  # noqa: E402

SOURCE = HERE / "plankarta.xml"
ANCHOR = (198831.408, 6228089.7591)  # (E, N) of the R insertion point, inside area "a"
CELL_TM = (465125.0, 6667125.0)  # centre of the most populated demo cell (EPSG:3006)
OFFSET_TM = (Decimal(round(CELL_TM[0] - ANCHOR[0])), Decimal(round(CELL_TM[1] - ANCHOR[1])))
NAMESPACE = uuid.UUID("6f1f5e0e-2a8c-4f37-9d1c-0b7c1d6a2085")
PLAN_TM_ID = str(uuid.uuid5(NAMESPACE, "plan"))
MEDIA_TYPE = "application/vnd.lm.detaljplan.v4+json"
METADATA = {"lagesbestamningsmetodIPlan": {"typ": "konvertering",
                                           "variant": "CAD-data till geodata, geodetiskt referenssystem"}}

# Boverket's planbestämmelsekatalog, release 20251201: (id, kod, formulering template, typ, anvandningsform,
# kategori, underkategori, beteckning). Entries as published by Boverket.
CATALOGUE = {
    "B": ("f9e056a6-cda8-4b92-a15d-dc70d61dfa36", "DP_KM_B2", "Bostäder", "användningsbestämmelse", "Kvartersmark",
          "Bostäder", None, "B"),
    "H": ("88db3074-2e95-445f-b1b1-02f976a8197b", "DP_KM_H2_EjLivsEjSkrym",
          "Detaljhandel utom handel med livsmedel och skrymmande varor", "användningsbestämmelse", "Kvartersmark",
          "Detaljhandel", None, "H1"),
    "G": ("12bc7dbd-6761-49b5-9942-044fc72d1ea1", "DP_KM_G2_DrivUtanForsalj", "Drivmedel utan kompletterande försäljning",
          "användningsbestämmelse", "Kvartersmark", "Drivmedel", None, "G1"),
    "J": ("a0f58fd5-a361-4002-a359-03474901c15f", "DP_KM_J2", "Industri", "användningsbestämmelse", "Kvartersmark",
          "Industri", None, "J"),
    "SKYDD": ("037d09ef-cac0-4d2e-bcc0-1e8dab8ee9ed", "DP_AP_Skydd_Oversvamning", "Översvämningsyta",
              "användningsbestämmelse", "Allmän plats", "Skydd", None, "SKYDD1"),
    "E": ("9b78a950-1bb2-4046-98cf-9efbd5868323", "DP_KM_E2", "Tekniska anläggningar", "användningsbestämmelse",
          "Kvartersmark", "Tekniska anläggningar", None, "E"),
    "h": ("95e928d1-1b13-47f2-acb5-02155a48f32a", "DP_KM_Eg_Hojd_ExaktHojd_NockhojdNollplan",
          "Nockhöjden ska vara 13 meter över angivet nollplan.", "egenskapsbestämmelse", "Kvartersmark",
          "Höjd på byggnadsverk", "Exakt höjd på byggnadsverk", "h1"),
    "e": ("1c38a293-b48c-4572-a4a7-5a5d27697ea1", "DP_KM_Eg_Utnytt_StorstaAreaProc_ByggnadsEgen",
          "Största byggnadsarea är 40 % av fastighetsarean inom egenskapsområdet.", "egenskapsbestämmelse",
          "Kvartersmark", "Utnyttjandegrad", "Största area i procent", "e1"),
    "f": ("def1b08c-d790-4317-b4fb-01a2bae26d92", "DP_KM_Eg_Utform_Form_Takfot", "Takfoten ska utformas utan takutsprång",
          "egenskapsbestämmelse", "Kvartersmark", "Utformning", "Byggnadsverks form, färg och material", "f1"),
    "a_lov": ("e3f4cb61-c5d1-4f9a-8125-e9631541d8ce", "DP_KM_Eg_VillkorLov_SkyddSakerhet_Bygglov",
              "Bygglov får inte ges för bostäder förrän bullerskydd har anordnats.", "egenskapsbestämmelse",
              "Kvartersmark", "Villkor för lov", "Skydds- eller säkerhetsåtgärd", "a1"),
    "n": ("cbf4d270-077d-47ac-9544-1527b37d9796", "DP_KM_Eg_MarkensAnordOchVeg_Markforhallanden_StorstaLutning",
          "Största lutning är 1:3. (Pilen pekar uppåt)", "egenskapsbestämmelse", "Kvartersmark",
          "Markens anordnande och vegetation", "Markförhållanden", "n1"),
    "a_ledn": ("e3d8663d-8ad7-4fe3-a541-03cdb889fe86", "DP_KM_Eg_Fastighetsindel_Ledningsratt_Annan",
               "Ledningsrätt för allmänna underjordiska ledningar.", "egenskapsbestämmelse", "Kvartersmark",
               "Fastighetsindelningsbestämmelser", "Ledningsrätt", "a2"),
    "stangsel": ("72cfd35e-149a-4451-b7dd-62de7c82e442", "DP_KM_Eg_StangselUtfart_Stangsel_Stangsel",
                 "Stängsel ska finnas.", "egenskapsbestämmelse", "Kvartersmark", "Stängsel, utfart och annan utgång",
                 "Stängsel", None),
}
VALUES = {"h": [{"datatyp": "decimaltal", "variabelvarde": "13", "beskrivning": "höjd", "vardetyp": "exakt",
                 "enhet": "meter"}],
          "e": [{"datatyp": "decimaltal", "variabelvarde": "40", "beskrivning": "utnyttjandegrad", "vardetyp": "max",
                 "enhet": "procent"}]}
# The areas of the real plan (SS 637040 gml:id) and the provisions the new plan gives them.
USES = {"a": ["B", "H"], "c": ["G"], "e": ["J"], "f": ["SKYDD"], "g": ["E"]}
PROPERTIES = {"d": ["h", "e"], "b": ["f"], "j": ["a_lov"], "ba": ["n"], "h": ["a_ledn"], "i": ["a_ledn"]}


def moved_xml(text: str, offset_e: Decimal, offset_n: Decimal, crs: str) -> str:
    def move(match: re.Match) -> str:
        north, east = Decimal(match.group(2)), Decimal(match.group(3))
        return f"{match.group(1)}{north + offset_n} {east + offset_e}{match.group(4)}"

    text = re.sub(r'(<gml:pos srsDimension="2">)([0-9.]+) ([0-9.]+)(</gml:pos>)', move, text)
    return text.replace("<koordinatsystem>SWEREF99_13_30</koordinatsystem>", f"<koordinatsystem>{crs}</koordinatsystem>")


def offset_3009() -> tuple[Decimal, Decimal]:
    from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

    app = QgsApplication([], False)
    app.initQgis()
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:3006"), QgsCoordinateReferenceSystem("EPSG:3009"),
                                       QgsProject.instance())
    point = transform.transform(QgsPointXY(*CELL_TM))
    return Decimal(round(point.x() - ANCHOR[0])), Decimal(round(point.y() - ANCHOR[1]))


def ring_coordinates(ring, dx: float, dy: float) -> list[list[float]]:
    return [[round(x + dx, 4), round(y + dy, 4)] for x, y in ring]


def polygon_position(polygons, dx: float, dy: float) -> dict:
    rings = [[ring_coordinates(p.exterior, dx, dy), *[ring_coordinates(h, dx, dy) for h in p.holes]] for p in polygons]
    return {"type": "Polygon", "coordinates": rings[0]} if len(rings) == 1 else {"type": "MultiPolygon",
                                                                                "coordinates": rings}


def description(position: dict, kind: str = "yta") -> dict:
    return {"geometri": {"typ": kind, "koordinatsystemPlan": "EPSG:3006", "dimension": 2, "position": position},
            "geometrimetadata": METADATA}


def delivery(dx: float, dy: float) -> dict:
    source = read_detaljplan(SOURCE)
    areas = {a.ident: a for a in source.areas}
    plan = {
        "objektidentitet": PLAN_TM_ID, "objektversion": 1, "versionGiltigFran": "2025-07-14T00:00:00+02:00",
        "feature:typ": "detaljplan", "kommun": "2085", "beteckning": "2085-P2025/7",
        "namn": "Detaljplan för Fredriksbergs centrum, del av Fredriksberg 1:1 (testexempel)",
        "syfte": "Planens syfte är att pröva bostäder, handel och drivmedel i Fredriksbergs centrum.",
        "status": "laga kraft", "datumStatusforandring": "2025-07-14", "typ": "detaljplan",
        "kvalitetsbeskrivning": {"korrigeradeGranser": False, "kontrolleratPlaneringsunderlag": True},
        "plangeometri": [description(polygon_position(source.plans[0].area.polygons, dx, dy))],
        "beslutsinformation": [{"instansInomKommunen": "kommunfullmäktige", "beslutstyp": "antagande av ny detaljplan",
                                "datumPaborjat": "2024-03-11", "datumAntagande": "2025-06-16",
                                "datumLagakraft": ["2025-07-14"], "genomforandetid": 5}],
    }
    features = [{"id": PLAN_TM_ID, "type": "Feature", "geometry": None, "properties": plan}]
    use_ids: dict[str, list[str]] = {}

    def provision(key: str, area_id: str, position: dict, kind: str = "yta", regulates=None) -> str:
        ident, _, text, typ, *_ = CATALOGUE[key]
        g_uuid = str(uuid.uuid5(NAMESPACE, f"{key}/{area_id}"))
        props = {"objektidentitet": g_uuid, "feature:typ": typ, "detaljplan": PLAN_TM_ID,
                 "planbestammelsekatalogreferens": ident, "bestammelseformulering": text,
                 "bestammelsegeometri": [description(position, kind)]}
        if key in VALUES:
            props["bestammelsevarde"] = VALUES[key]
        if regulates:
            props["reglerarAnvandningsbestammelse"] = regulates
        features.append({"id": g_uuid, "type": "Feature", "geometry": None, "properties": props})
        return g_uuid

    for area_id, keys in USES.items():
        position = polygon_position(areas[area_id].polygons, dx, dy)
        use_ids[area_id] = [provision(key, area_id, position) for key in keys]
    for area_id, keys in PROPERTIES.items():
        position = polygon_position(areas[area_id].polygons, dx, dy)
        for key in keys:
            provision(key, area_id, position, regulates=use_ids["a"])
    # A fence along part of the boundary of area "d": a line provision (not an area).
    edge = areas["d"].polygons[0].exterior[:4]
    provision("stangsel", "d-edge", {"type": "LineString", "coordinates": ring_coordinates(edge, dx, dy)}, "linje")
    return {"feature:mediatyp": MEDIA_TYPE, "type": "FeatureCollection", "features": features}


def published(document: dict) -> dict:
    """The delivery file as the OGC API Features service publishes it (plus a second plan 600 m east)."""
    by_ref = {v[0]: v for v in CATALOGUE.values()}
    out = []
    for shift, suffix in ((0.0, ""), (600.0, "/b")):
        plan_props = document["features"][0]["properties"]
        plan_id = plan_props["objektidentitet"] if not suffix else str(uuid.uuid5(NAMESPACE, "plan" + suffix))
        meta = {"objektidentitet": plan_id, "namn": plan_props["namn"] if not suffix else
                "Detaljplan för Fredriksberg öst (testexempel)", "beteckning": plan_props["beteckning"] + suffix.upper()
                .replace("/", "-"), "status": "laga kraft", "datumLagakraft": "2025-07-14", "kommun": "2085"}

        def geometry(position: dict, dx: float = shift) -> dict:
            def shifted(c):
                return [shifted(x) for x in c] if isinstance(c[0], list) else [round(c[0] + dx, 4), c[1]]
            return {"type": position["type"], "coordinates": shifted(position["coordinates"])}

        out.append({"type": "Feature", "id": plan_id, "geometry": geometry(
            plan_props["plangeometri"][0]["geometri"]["position"]),
            "properties": {"feature": {"typ": "detaljplan"}, "detaljplan": meta}})
        for feature in document["features"][1:]:
            props = feature["properties"]
            if suffix and props["feature:typ"] != "användningsbestämmelse":
                continue  # the second plan: uses only
            entry = by_ref[props["planbestammelsekatalogreferens"]]
            ident = props["objektidentitet"] if not suffix else str(uuid.uuid5(NAMESPACE, props["objektidentitet"]))
            out.append({"type": "Feature", "id": ident, "geometry": geometry(
                props["bestammelsegeometri"][0]["geometri"]["position"]),
                "properties": {"feature": {"typ": props["feature:typ"], "etikett": entry[7]}, "detaljplan": meta,
                               "planbestammelse": {"objektidentitet": ident,
                                                   "planbestammelsekatalogreferens": entry[0],
                                                   "bestammelseformulering": props["bestammelseformulering"],
                                                   "anvandningsform": entry[4], "kategori": entry[5],
                                                   "underkategori": entry[6]}}})
    return {"type": "FeatureCollection", "numberMatched": len(out), "features": out}


def main() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    e9, n9 = offset_3009()
    (HERE / "plankarta_sweref99_15_00.xml").write_text(moved_xml(text, e9, n9, "SWEREF99_15_00"), encoding="utf-8",
                                                       newline="")
    document = delivery(float(OFFSET_TM[0]), float(OFFSET_TM[1]))
    (HERE / "fredriksberg_detaljplan_v41.json").write_text(json.dumps(document, ensure_ascii=False, indent=1),
                                                            encoding="utf-8")
    (HERE / "ogcapi_fredriksberg_2085.json").write_text(json.dumps(published(document), ensure_ascii=False, indent=1),
                                                         encoding="utf-8")
    print(f"offsets: EPSG:3009 E {e9} N {n9}; EPSG:3006 E {OFFSET_TM[0]} N {OFFSET_TM[1]}")


if __name__ == "__main__":
    main()
