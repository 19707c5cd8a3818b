"""placeanalysis through Processing: its numbers equal those of the algorithms it puts together.

Test data: the line town of the other analysis tests plus a few service points, and two places with
the real column names of SCB's tätort polygons (stat:Tatorter_<year>: tatort, kommun, kommunnamn, lan).
Demo data: the bundled Fredriksberg GeoPackage with a drawn polygon around the village.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from serviceperspektiv.adapters.layers import is_null
from tests.test_gaps_data import X0, Y0, memory_layer

CLASSES = "5,10,30"
# The demo data's village centre (Fredriksberg's real location, EPSG:3006) and its age bands
# (scripts/make_demo_data.py); the demo test checks that the GeoPackage still has them.
DEMO_VILLAGE = (465120.0, 6667169.0)
DEMO_AGE_GROUPS = {"age_0_19": ["age_0_6", "age_7_15", "age_16_19"], "age_20_64": ["age_20_64"],
                   "age_65_79": ["age_65_69", "age_70_79"], "age_80plus": ["age_80_plus"]}


def rows(layer) -> list[dict]:
    names = layer.fields().names()
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


def value(x):
    return None if is_null(x) else x


def _box(x0, y0, x1, y1):
    return f"POLYGON(({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0}))"


def town():
    """10 km road at 60 km/h (1 km per minute) with a 3 km spur at 5 km; 11 cells of 10 people on it."""
    roads = memory_layer("LineString?crs=EPSG:3006", "roads", [("maxspeed", "double"), ("highway", "string")], [
        (f"LINESTRING({X0} {Y0}, {X0 + 5000} {Y0})", [60.0, "primary"]),
        (f"LINESTRING({X0 + 5000} {Y0}, {X0 + 10000} {Y0})", [60.0, "primary"]),
        (f"LINESTRING({X0 + 5000} {Y0}, {X0 + 5000} {Y0 + 3000})", [60.0, "primary"]),
    ])
    services = memory_layer("Point?crs=EPSG:3006", "services", [("type", "string"), ("namn", "string")], [
        (f"POINT({X0} {Y0})", ["dagligvaror_ovrig", "Affären Väst"]),  # 1
        (f"POINT({X0 + 10000} {Y0})", ["dagligvaror_full", "Fredriksberg Livs"]),  # 2, in Öster
        (f"POINT({X0 + 9000} {Y0})", ["kontantuttag", "Bankomat"]),  # 3, in Öster
        (f"POINT({X0 + 2000} {Y0})", ["dagligvaror_full", "Konsum Väst"]),  # 4
        (f"POINT({X0 + 9500} {Y0 + 20})", ["dagligvaror_ovrig", "Lanthandeln Öst"]),  # 5, in Öster
        (f"POINT({X0 + 5000} {Y0 + 2000})", ["drivmedel", "Macken"]),  # 6, on the spur
    ])
    cells = [(f"POINT({X0 + 1000 * i} {Y0 + 10})", [10.0 + i, f"{i}"]) for i in range(11)]
    cells.append((f"POINT({X0 + 5000} {Y0 + 50000})", [7.0, "far"]))  # off the network: reaches nothing
    origins = memory_layer("Point?crs=EPSG:3006", "origins", [("pop", "double"), ("rut_id", "string")], cells)
    places = memory_layer("Polygon?crs=EPSG:3006", "tatorter",
                          [("tatort", "string"), ("kommun", "string"), ("kommunnamn", "string"), ("lan", "string")], [
                              (_box(X0 + 3500, Y0 - 100, X0 + 6500, Y0 + 100), ["Mitten", "2085", "Ludvika", "20"]),
                              (_box(X0 + 8500, Y0 - 100, X0 + 10500, Y0 + 100), ["Öster", "2085", "Ludvika", "20"]),
                          ])
    return roads, services, origins, places


def net(roads, services, origins, **extra) -> dict:
    return {"ROADS": roads, "SPEED_FIELD": "maxspeed", "CLASS_FIELD": "highway", "SERVICES": services,
            "TYPE_FIELD": "type", "ORIGINS": origins, "POPULATION_FIELD": "pop", "MODE": 0, **extra}


@pytest.fixture(scope="module")
def town_layers(qgis_app):
    return town()


def _analysis(run_alg, layers, tmp_path, **extra):
    roads, services, origins, places = layers
    return run_alg("placeanalysis", net(roads, services, origins, PLACE=places, OUTPUT="memory:",
                                         OUTPUT_POINTS="memory:", OUTPUT_HTML=str(tmp_path / "rapport.html"), **extra))


def _by(rows_, *keys):
    return {tuple(r[k] for k in keys): r for r in rows_}


def weighted_median(values, weights):
    order = np.argsort(values, kind="stable")
    v, w = np.asarray(values)[order], np.asarray(weights)[order]
    keep = np.isfinite(v) & (w > 0)
    v, w = v[keep], w[keep]
    c = np.cumsum(w)
    return float(v[np.searchsorted(c, 0.5 * c[-1] - 1e-9 * c[-1])])


def test_equals_nearestservice_allocation_servicegaps_and_planareaprofile(run_alg, town_layers, tmp_path):
    roads, services, origins, places = town_layers
    result = _analysis(run_alg, town_layers, tmp_path)
    out = _by(rows(result["OUTPUT"]), "place_name", "type")
    assert len(out) == 2 * 4  # two places, four types
    nearest = rows(run_alg("nearestservice", net(roads, services, origins, OUTPUT="memory:"))["OUTPUT"])
    pop = np.array([r["pop"] for r in nearest])
    inside = {"Mitten": [4, 5, 6], "Öster": [9, 10]}
    for (place, key), row in out.items():
        idx = inside[place]
        minutes = np.array([np.nan if is_null(nearest[i][f"{key}_min"]) else nearest[i][f"{key}_min"] for i in idx])
        weights = pop[idx]
        assert row["population_inside"] == pytest.approx(weights.sum()) and row["cells_inside"] == len(idx)
        assert row["mean_min"] == pytest.approx(np.average(minutes, weights=weights), rel=1e-12)
        assert row["median_min"] == pytest.approx(weighted_median(minutes, weights), rel=1e-12)
        classes = np.searchsorted([5, 10, 30], minutes, side="right")
        for c, name in enumerate(["lt5", "5_10", "10_30", "gt30"]):
            assert row[f"share_{name}"] == pytest.approx(100 * weights[classes == c].sum() / weights.sum())
        assert row["measured_from"] == "population"
    # Whole municipality: servicegaps' STATS and SUMMARY in the same classes
    gaps = run_alg("servicegaps", net(roads, services, origins, GAPS="memory:", STATS="memory:", SUMMARY="memory:",
                                      CLASSES=CLASSES))
    stats = _by(rows(gaps["STATS"]), "type", "class")
    summary = _by(rows(gaps["SUMMARY"]), "type")
    labels = {"lt5": "< 5", "5_10": "5–10", "10_30": "10–30", "gt30": "> 30", "none": "unreachable"}
    for (_place, key), row in out.items():
        for name, label in labels.items():
            assert row[f"muni_share_{name}"] == pytest.approx(stats[(key, label)]["share_pct"], rel=1e-12)
        assert row["muni_mean_min"] == pytest.approx(summary[(key,)]["mean_min"], rel=1e-12)
        assert row["muni_median_min"] == pytest.approx(summary[(key,)]["median_min"], rel=1e-12)
    assert out[("Mitten", "dagligvaror_full")]["muni_share_none"] > 0  # the far cell reaches nothing
    # Allocation: the underlag of each point inside, and its people's time to the second-nearest
    alloc = {r["namn"]: r for r in rows(run_alg("allocation", net(roads, services, origins, OUTPUT="memory:",
                                                                  OUTPUT_AREAS="memory:"))["OUTPUT"])}
    points = {r["name"]: r for r in rows(result["OUTPUT_POINTS"])}
    assert set(points) == {"Fredriksberg Livs", "Bankomat", "Lanthandeln Öst"}
    for name, point in points.items():
        assert point["place_name"] == "Öster" and point["status"] == "kept"
        assert point["population"] == pytest.approx(alloc[name]["population"])
        assert point["cells"] == alloc[name]["cells"]
        assert point["mean_min"] == pytest.approx(alloc[name]["mean_min"], rel=1e-12)
        assert point["max_min"] == pytest.approx(alloc[name]["max_min"], rel=1e-12)
        assert value(point["closed_mean_min"]) == (pytest.approx(alloc[name]["second_min_mean"], rel=1e-12)
                                                   if value(alloc[name]["second_min_mean"]) is not None else None)
    assert points["Bankomat"]["closed_no_service_pop"] == points["Bankomat"]["population"]  # the only ATM
    full = out[("Öster", "dagligvaror_full")]
    assert full["n_inside"] == 1 and full["underlag_pop"] == points["Fredriksberg Livs"]["population"]
    assert full["closed_mean_min"] == pytest.approx(points["Fredriksberg Livs"]["closed_mean_min"], rel=1e-12)
    assert full["nearest_out_name"] == "Konsum Väst (4)" and full["nearest_out_id"] == 4
    # Plan-area profile on the same polygons
    profile = _by(rows(run_alg("planareaprofile", net(roads, services, origins, PLAN_AREA=places, OUTPUT="memory:",
                                                      NEW_SERVICE=False))["OUTPUT"]), "tatort")
    for (place, key), row in out.items():
        assert row["population_inside"] == profile[(place,)]["population_inside"]
        assert row["cells_inside"] == profile[(place,)]["cells_inside"]
        assert row["n_inside"] == profile[(place,)][f"{key}_inside"]
        assert row["median_min"] == pytest.approx(profile[(place,)][f"{key}_min_median"], rel=1e-12)


def test_closures_equal_the_scenario_algorithm(run_alg, town_layers, tmp_path):
    """'If it closed' = a scenario closing it; a scenario given to placeanalysis = the scenario algorithm."""
    roads, services, origins, places = town_layers
    base = _by(rows(_analysis(run_alg, town_layers, tmp_path)["OUTPUT_POINTS"]), "name")
    nearest = rows(run_alg("nearestservice", net(roads, services, origins, OUTPUT="memory:"))["OUTPUT"])
    for name, fid, key in (("Fredriksberg Livs", 2, "dagligvaror_full"), ("Lanthandeln Öst", 5, "dagligvaror_ovrig")):
        scenario = run_alg("scenario", net(roads, services, origins, REMOVE=str(fid), OUTPUT="memory:",
                                           CROSSINGS="memory:", UNDERLAG="memory:"))
        after = rows(scenario["OUTPUT"])
        mine = [i for i, r in enumerate(nearest) if r[f"{key}_id"] == fid]
        weights = np.array([after[i]["pop"] for i in mine])
        minutes = np.array([after[i][f"{key}_after_min"] for i in mine])
        assert base[(name,)]["closed_mean_min"] == pytest.approx(np.average(minutes, weights=weights), rel=1e-12)
    # The same scenario as placeanalysis input: the after-numbers of the place equal the scenario's
    result = _analysis(run_alg, town_layers, tmp_path, REMOVE="5")
    out = _by(rows(result["OUTPUT"]), "place_name", "type")
    scenario = run_alg("scenario", net(roads, services, origins, REMOVE="5", OUTPUT="memory:", CROSSINGS="memory:",
                                       UNDERLAG="memory:"))
    after = rows(scenario["OUTPUT"])
    underlag = _by(rows(scenario["UNDERLAG"]), "service_id")
    row = out[("Öster", "dagligvaror_ovrig")]
    idx = [9, 10]
    weights = np.array([after[i]["pop"] for i in idx])
    assert row["scn_mean_min"] == pytest.approx(np.average([after[i]["dagligvaror_ovrig_after_min"] for i in idx],
                                                           weights=weights), rel=1e-12)
    assert row["mean_min"] == pytest.approx(np.average([after[i]["dagligvaror_ovrig_before_min"] for i in idx],
                                                       weights=weights), rel=1e-12)
    assert row["scn_n_inside"] == 0 and row["n_inside"] == 1
    assert row["scn_underlag_pop"] == 0 and row["scn_delta_mean_min"] > 5
    points = _by(rows(result["OUTPUT_POINTS"]), "name")
    assert points[("Lanthandeln Öst",)]["status"] == "removed"
    assert points[("Lanthandeln Öst",)]["population_after"] == underlag[(5,)]["population_after"] == 0
    # Types the scenario does not touch are unchanged; without a scenario the scn_ fields are NULL
    untouched = out[("Öster", "dagligvaror_full")]
    assert untouched["scn_mean_min"] == untouched["mean_min"] and untouched["scn_delta_mean_min"] == 0
    plain = _by(rows(_analysis(run_alg, town_layers, tmp_path)["OUTPUT"]), "place_name", "type")
    assert is_null(plain[("Öster", "dagligvaror_ovrig")]["scn_mean_min"])


def test_new_point_in_a_place(run_alg, town_layers, tmp_path):
    new = memory_layer("Point?crs=EPSG:3006", "new", [("type", "string")], [(f"POINT({X0 + 5000} {Y0})", ["apotek"])])
    result = _analysis(run_alg, town_layers, tmp_path, ADD=new)
    out = _by(rows(result["OUTPUT"]), "place_name", "type")
    # A type that only the scenario brings: no point today (everyone unreachable), one in Mitten after.
    row = out[("Mitten", "apotek")]
    assert row["n_inside"] == 0 and row["share_none"] == 100 and is_null(row["mean_min"])
    assert row["scn_n_inside"] == 1 and row["scn_share_lt5"] == 100 and row["scn_mean_min"] == pytest.approx(
        np.average([1.0, 0.0, 1.0], weights=[14, 15, 16]), abs=0.05)  # plus the 10 m access legs
    added = [r for r in rows(result["OUTPUT_POINTS"]) if r["status"] == "added"]
    assert len(added) == 1 and added[0]["place_name"] == "Mitten" and is_null(added[0]["service_id"])
    assert added[0]["population_after"] == pytest.approx(row["scn_underlag_pop"]) and is_null(added[0]["population"])
    assert out[("Öster", "apotek")]["scn_n_inside"] == 0
    moved = memory_layer("Point?crs=EPSG:3006", "moved", [("target_id", "int")], [(f"POINT({X0 + 5000} {Y0})", [4])])
    result = _analysis(run_alg, town_layers, tmp_path, MOVE=moved)
    out = _by(rows(result["OUTPUT"]), "place_name", "type")
    row = out[("Mitten", "dagligvaror_full")]
    assert row["n_inside"] == 0 and row["scn_n_inside"] == 1 and row["scn_mean_min"] < row["mean_min"]
    points = rows(result["OUTPUT_POINTS"])
    moved_to = [r for r in points if r["status"] == "moved_to"]
    assert len(moved_to) == 1 and moved_to[0]["place_name"] == "Mitten" and moved_to[0]["service_id"] == 4
    assert moved_to[0]["population_after"] == pytest.approx(row["scn_underlag_pop"])


def test_bands_ages_and_the_report(run_alg, town_layers, tmp_path):
    result = _analysis(run_alg, town_layers, tmp_path, BANDS="1,2")
    row = _by(rows(result["OUTPUT"]), "place_name", "type")[("Mitten", "dagligvaror_full")]
    # Road entries at 3.5 and 6.5 km: cells 3 and 7 km within 1 minute, 2 and 8 km within 2 (plus the spur: none)
    pops = {i: 10.0 + i for i in range(11)}
    assert row["pop_1min"] == pytest.approx(sum(pops[i] for i in (3, 4, 5, 6, 7)))
    assert row["pop_2min"] == pytest.approx(sum(pops[i] for i in (2, 3, 4, 5, 6, 7, 8)))
    assert "pop_5min" not in result["OUTPUT"].fields().names()
    assert is_null(row["age_0_19"])  # the test town has no age bands
    html = Path(result["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert '<html lang="sv">' in html and "I Mitten bor 45 personer" in html and "I Öster bor 39 personer" in html
    assert html.count('<h2 id="ort-') == 2 and html.count("data:image/png;base64,") == 2
    assert "Dagligvaruhandeln gick starkt i större tätorter" in html
    assert "31\u202f429 kronor per person och år, rikets genomsnitt 2020 enligt SCB" in html
    assert "förutsätter att de köper alla sina dagligvaror där" in html
    assert "Fredriksberg Livs är den närmaste av sin typ för" in html and "Fredriksberg Livs (id 2)" in html
    assert sorted(p.name for p in tmp_path.glob("rapport*")) == ["rapport.html", "rapport_karta_1.png",
                                                                   "rapport_karta_2.png"]


def test_demo_fredriksberg(run_alg, demo_gpkg, tmp_path):
    from qgis.core import QgsVectorLayer

    demo = str(demo_gpkg)
    vx, vy = DEMO_VILLAGE
    place = memory_layer("Polygon?crs=EPSG:3006", "tatorter", [("tatort", "string"), ("kommun", "string")],
                         [(_box(vx - 700, vy - 500, vx + 700, vy + 500), ["Fredriksberg", "2085"])])
    params = {"ROADS": f"{demo}|layername=roads", "SPEED_FIELD": "maxspeed", "CLASS_FIELD": "highway",
              "ONEWAY_FIELD": "oneway", "SERVICES": f"{demo}|layername=services", "TYPE_FIELD": "type",
              "ORIGINS": f"{demo}|layername=population", "POPULATION_FIELD": "pop"}
    result = run_alg("placeanalysis", {**params, "PLACE": place, "OUTPUT": str(tmp_path / "nla.gpkg"),
                                       "OUTPUT_POINTS": str(tmp_path / "nla_points.gpkg"),
                                       "OUTPUT_HTML": str(tmp_path / "nla.html")})
    out = _by(rows(QgsVectorLayer(result["OUTPUT"])), "type")
    population = QgsVectorLayer(f"{demo}|layername=population")
    cells = [f for f in population.getFeatures()
             if vx - 700 <= f.geometry().centroid().asPoint().x() <= vx + 700
             and vy - 500 <= f.geometry().centroid().asPoint().y() <= vy + 500]
    row = out[("dagligvaror_ovrig",)]
    assert row["population_inside"] == sum(f["pop"] for f in cells) > 0
    assert {n for names in DEMO_AGE_GROUPS.values() for n in names} <= set(population.fields().names())
    for group, fields in DEMO_AGE_GROUPS.items():
        assert row[group] == sum(f[name] for f in cells for name in fields)
    # Equal to the underlying algorithms on the demo data
    nearest = rows(run_alg("nearestservice", {**params, "OUTPUT": "memory:"})["OUTPUT"])
    ids = {f.id() for f in cells}
    inside = [r for r in nearest if r["fid"] in ids]  # a GeoPackage's fid is a field of its layers
    assert len(inside) == len(cells)
    for key, row in out.items():
        minutes = np.array([np.nan if is_null(r[f"{key[0]}_min"]) else r[f"{key[0]}_min"] for r in inside])
        weights = np.array([r["pop"] for r in inside], dtype=float)
        assert row["mean_min"] == pytest.approx(np.average(minutes, weights=weights), rel=1e-12), key
    gaps = run_alg("servicegaps", {**params, "GAPS": "memory:", "STATS": "memory:", "SUMMARY": "memory:",
                                   "CLASSES": CLASSES})
    stats = _by(rows(gaps["STATS"]), "type", "class")
    for (key,), row in out.items():
        assert row["muni_share_gt30"] == pytest.approx(stats[(key, "> 30")]["share_pct"], rel=1e-12)
        assert row["muni_share_lt5"] == pytest.approx(stats[(key, "< 5")]["share_pct"], rel=1e-12)
    alloc = {r["name"]: r for r in rows(run_alg("allocation", {**params, "OUTPUT": "memory:"})["OUTPUT"])}
    points = {r["name"]: r for r in rows(QgsVectorLayer(result["OUTPUT_POINTS"]))}
    assert "Fredriksbergs lanthandel (illustrativ)" in points
    for name, point in points.items():
        assert point["population"] == pytest.approx(alloc[name]["population"])
        assert point["closed_mean_min"] == pytest.approx(alloc[name]["second_min_mean"], rel=1e-12)
    lanthandel = points["Fredriksbergs lanthandel (illustrativ)"]
    assert lanthandel["spend_underlag_sek"] == pytest.approx(lanthandel["population"] * 31429)
    rights = QgsVectorLayer(result["OUTPUT"]).metadata().rights()
    assert any("Illustrativa demodata" in r for r in rights) and any("SCB" in r and "2021-06-03" in r for r in rights)
    html = Path(result["OUTPUT_HTML"]).read_text(encoding="utf-8")
    match = re.search(r"I Fredriksberg bor ([\d\u202f]+) personer", html)
    assert match and int(match.group(1).replace("\u202f", "")) == row["population_inside"]
    assert "data:image/png;base64," in html


@pytest.mark.parametrize("change,message", [
    ({"BANDS": "5,x"}, "Bands"),
    ({"SPEND": "/no/such/spending.json"}, "does not exist"),
    ({"PLACE_NAME_FIELD": "no_such_field"}, "no_such_field"),
    ({"REMOVE": "99"}, "feature id 99"),
])
def test_bad_inputs_stop_with_a_message(run_alg, town_layers, tmp_path, change, message):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match=message):
        _analysis(run_alg, town_layers, tmp_path, **change)
    assert not list(tmp_path.glob("rapport*"))


def test_bad_place_layers(run_alg, town_layers, tmp_path):
    from qgis.core import QgsProcessingException

    roads, services, origins, _places = town_layers
    points = memory_layer("Point?crs=EPSG:3006", "p", [("namn", "string")], [(f"POINT({X0} {Y0})", ["x"])])
    far = memory_layer("Polygon?crs=EPSG:3006", "far", [("namn", "string")],
                       [(_box(X0 + 90000, Y0, X0 + 91000, Y0 + 1000), ["Långtbort"])])
    empty = memory_layer("Polygon?crs=EPSG:3006", "empty", [("namn", "string")], [])
    for layer, message in ((far, "Långtbort lies outside the road network"), (empty, "empty")):
        with pytest.raises(QgsProcessingException, match=message):
            run_alg("placeanalysis", net(roads, services, origins, PLACE=layer, OUTPUT="memory:"))
    with pytest.raises(QgsProcessingException):
        run_alg("placeanalysis", net(roads, services, origins, PLACE=points, OUTPUT="memory:"))


def test_inconsistent_spending_file(run_alg, town_layers, tmp_path):
    import json

    from qgis.core import QgsProcessingException

    from serviceperspektiv.core.spending import DEFAULT_PATH

    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["categories"]["dagligvaror"]["sek_per_capita"] = 50000
    path = tmp_path / "spend.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="31429"):
        _analysis(run_alg, town_layers, tmp_path, SPEND=str(path))
    data["categories"]["dagligvaror"].update(sek_per_capita=20000, derivation={})
    path.write_text(json.dumps(data), encoding="utf-8")
    result = _analysis(run_alg, town_layers, tmp_path, SPEND=str(path))
    row = _by(rows(result["OUTPUT"]), "place_name", "type")[("Öster", "dagligvaror_full")]
    assert row["spend_sek_per_capita"] == 20000
    assert row["spend_underlag_sek"] == pytest.approx(20000 * row["underlag_pop"])
    assert row["spend_inside_sek"] == pytest.approx(20000 * row["population_inside"])
    assert is_null(_by(rows(result["OUTPUT"]), "place_name", "type")[("Öster", "kontantuttag")]["spend_sek_per_capita"])


def test_failed_report_leaves_no_output(run_alg, town_layers, tmp_path):
    from qgis.core import QgsProcessingException

    roads, services, origins, places = town_layers
    blocked = tmp_path / "not_a_dir"
    blocked.write_text("a file where the report's folder should be")
    gpkg = tmp_path / "nla.gpkg"
    with pytest.raises(QgsProcessingException):
        run_alg("placeanalysis", net(roads, services, origins, PLACE=places, OUTPUT=str(gpkg),
                                     OUTPUT_POINTS=str(tmp_path / "points.gpkg"),
                                     OUTPUT_HTML=str(blocked / "rapport.html")))
    assert not gpkg.exists() and not (tmp_path / "points.gpkg").exists()


def test_a_cell_whose_road_is_inside_counts_at_the_place(run_alg, town_layers, tmp_path):
    """Outside the polygon (150 m north of the road) but attached to the road inside it: at the place after its
    access leg, not sent round to where the road crosses the boundary (a minute and a half away)."""
    roads, services, _origins, places = town_layers
    origins = memory_layer("Point?crs=EPSG:3006", "origins", [("pop", "double")], [
        (f"POINT({X0 + 5000} {Y0 + 150})", [7.0]),  # road entry (5000, 0) inside Mitten
        (f"POINT({X0 + 2000} {Y0 + 10})", [3.0]),  # 1.5 km from Mitten's western entry
        (f"POINT({X0 + 4900} {Y0 + 10})", [5.0]),  # inside
    ])
    result = run_alg("placeanalysis", net(roads, services, origins, PLACE=places, OUTPUT="memory:", BANDS="1,2"))
    row = _by(rows(result["OUTPUT"]), "place_name", "type")[("Mitten", "dagligvaror_full")]
    assert row["population_inside"] == 5 and row["pop_1min"] == 12 and row["pop_2min"] == 15


def test_runs_as_a_background_task_with_maps(provider, town_layers, tmp_path):
    """The panel runs algorithms as QgsTasks (a worker thread): the maps must draw there too."""
    import time

    from qgis.core import (
        QgsApplication,
        QgsProcessingAlgRunnerTask,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProject,
    )

    roads, services, origins, places = town_layers
    alg = QgsApplication.processingRegistry().algorithmById("serviceperspektiv:placeanalysis")
    assert not alg.flags() & alg.Flag.FlagNoThreading
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    html = tmp_path / "task.html"
    params = net(roads, services, origins, PLACE=places, OUTPUT=str(tmp_path / "task.gpkg"), OUTPUT_HTML=str(html))
    task = QgsProcessingAlgRunnerTask(alg, params, context, feedback)
    done = {}
    task.executed.connect(lambda ok, results: done.update(ok=ok, results=results))
    QgsApplication.taskManager().addTask(task)
    end = time.time() + 120
    while "ok" not in done and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert done.get("ok"), feedback.textLog()[-2000:]
    text = html.read_text(encoding="utf-8")
    assert text.count("data:image/png;base64,") == 2 and "could not be drawn" not in feedback.textLog()


def test_one_call_for_the_selected_polygon(provider, tmp_path):
    """What the panel's "Nulägesanalys" step and the demo will call: the selected place only, files in a folder."""
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer

    from serviceperspektiv.processing.algorithms.placeanalysis import place_analysis_parameters, run_place_analysis

    roads, services, origins, places = town()
    project = QgsProject.instance()
    project.addMapLayers([roads, services, origins, places])
    try:
        places.selectByExpression("\"tatort\" = 'Öster'")
        params = place_analysis_parameters(
            QgsProcessingFeatureSourceDefinition(places.id(), True), roads, services, origins, "pop", tmp_path / "nla",
            type_field="type", speed_field="maxspeed", class_field="highway")
        results = run_place_analysis(params)
        table = QgsVectorLayer(results["OUTPUT"])
        assert {r["place_name"] for r in rows(table)} == {"Öster"} and table.featureCount() == 4
        assert sorted(p.name for p in (tmp_path / "nla").iterdir()) == [
            "nulagesanalys.gpkg", "nulagesanalys.html", "nulagesanalys_karta_1.png", "nulagesanalys_servicepunkter.gpkg"]
    finally:
        project.removeMapLayers([layer.id() for layer in (roads, services, origins, places)])


def test_a_map_that_cannot_be_written_is_a_warning(provider, town_layers, tmp_path, monkeypatch):
    """Maps are encoded in a worker thread while the next one is drawn; one failing map costs only itself."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    from serviceperspektiv.layouts import placemap

    real = placemap.save_png
    calls = []

    def second_fails(image, path):
        calls.append(path)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(image, path)

    monkeypatch.setattr(placemap, "save_png", second_fails)
    roads, services, origins, places = town_layers
    html = tmp_path / "nla.html"
    feedback = QgsProcessingFeedback()
    processing.run("serviceperspektiv:placeanalysis", net(roads, services, origins, PLACE=places,
                   OUTPUT=str(tmp_path / "nla.gpkg"), OUTPUT_HTML=str(html)), context=QgsProcessingContext(),
                   feedback=feedback)
    assert len(calls) == 2 and "disk full" in feedback.textLog()
    assert html.read_text(encoding="utf-8").count("data:image/png;base64,") == 1  # the other place keeps its map
    assert calls[0].is_file() and not calls[1].exists()
