"""core/placeanalysis.py, core/agebands.py and core/spending.py, without QGIS: numbers checked by hand."""
from __future__ import annotations

import json

import numpy as np
import pytest

from serviceperspektiv.core.accessibility import AccessGraph
from serviceperspektiv.core.agebands import AgeBandError, band_bounds, group_age_fields
from serviceperspektiv.core.allocation import allocate, sperner_codes
from serviceperspektiv.core.network import build_network
from serviceperspektiv.core.placeanalysis import Cancelled, Place, analyse_places
from serviceperspektiv.core.scenario import ScenarioPlan
from serviceperspektiv.core.snapping import concat_snapped, snap_points
from serviceperspektiv.core.spending import SpendingError, load, parse

# -- age bands ---------------------------------------------------------------------------------------


def test_age_bands_of_every_real_spelling():
    demo = ["rut_id", "pop", "age_0_6", "age_7_15", "age_16_19", "age_20_64", "age_65_69", "age_70_79", "age_80_plus"]
    grouping = group_age_fields(demo)
    assert grouping.fields == [["age_0_6", "age_7_15", "age_16_19"], ["age_20_64"], ["age_65_69", "age_70_79"],
                               ["age_80_plus"]]
    # SCB's 1 km grid after the fetch (age_0_4 … age_95_99, age_100plus)
    fetched = [f"age_{a}_{a + 4}" for a in range(0, 100, 5)] + ["age_100plus", "beftotalt", "kvinna", "man"]
    grouping = group_age_fields(fetched)
    assert grouping.fields[0] == ["age_0_4", "age_5_9", "age_10_14", "age_15_19"]
    assert grouping.fields[3] == ["age_80_84", "age_85_89", "age_90_94", "age_95_99", "age_100plus"]
    # SCB's raw WFS columns: 2025 (ald0_4) and the older vintages labelled by lower bound (ald0_5 = 0–4)
    assert band_bounds("ald0_4") == ("ald", 0, 4) and band_bounds("ald0_5") == ("ald", 0, 4)
    assert band_bounds("ald95_100") == ("ald", 95, 99) and band_bounds("ald100w") == ("ald", 100, None)
    older = [f"ald{a}_{a + 5}" for a in range(0, 100, 5)] + ["ald100w"]
    assert group_age_fields(older).fields[2] == ["ald65_70", "ald70_75", "ald75_80"]
    # both spellings present: the fetched age_* family is used, the raw one reported as left out
    both = group_age_fields(fetched + older)
    assert both.family == "age" and both.skipped_families == ["ald"]
    assert group_age_fields(["pop", "name"]) is None
    assert band_bounds("age_65") is None and band_bounds("page_1_2") is None


@pytest.mark.parametrize("names,kind,field", [
    (["age_65_69", "age_70_79"], "gap", "age_65_69"),  # the line-town test data: only the elderly bands
    (["age_0_19", "age_20_69", "age_70plus"], "straddle", "age_20_69"),
    (["age_0_19", "age_20_64", "age_65_79"], "no_open", "age_65_79"),
    (["age_0_19", "age_15_64", "age_65plus"], "overlap", "age_15_64"),
])
def test_age_bands_that_cannot_be_grouped(names, kind, field):
    with pytest.raises(AgeBandError) as info:
        group_age_fields(names)
    assert info.value.kind == kind and info.value.field == field


# -- spending ---------------------------------------------------------------------------------------------


def test_bundled_spending_cites_its_source_and_adds_up():
    table = load()
    groceries = table.for_type("dagligvaror_full")
    assert groceries is table.for_type("dagligvaror_ovrig") and groceries.year == 2020
    # SCB: dagligvaruhandel 326 213 MSEK in 2020 / 10 379 295 inhabitants on 31 Dec 2020
    assert groceries.sek_per_capita == round(326_213e6 / 10_379_295)
    assert "SCB" in groceries.source_text() and groceries.sources[0]["date"] == "2021-06-03"
    assert table.per_capita("drivmedel") is None  # no citable figure entered: no potential, never a guess
    assert table.for_type("drivmedel").note_sv and table.for_type("apotek") is None


def test_spending_file_errors():
    from pathlib import Path

    good = json.loads(Path(load().path).read_text(encoding="utf-8"))
    bad = json.loads(json.dumps(good))
    bad["categories"]["dagligvaror"]["sek_per_capita"] = 40000
    with pytest.raises(SpendingError) as info:
        parse(bad)
    assert info.value.kind == "inconsistent" and info.value.detail == "31429"
    bad = json.loads(json.dumps(good))
    bad["categories"]["drivmedel"].update(sek_per_capita=9000, year=2022)
    with pytest.raises(SpendingError) as info:
        parse(bad)
    assert (info.value.kind, info.value.category) == ("no_source", "drivmedel")
    bad["categories"]["drivmedel"]["sources"] = [{"title": "A cited table", "publisher": "SCB", "date": "2023"}]
    assert parse(bad).per_capita("drivmedel_personbil") == 9000
    bad["categories"]["drivmedel"]["sek_per_capita"] = -1
    with pytest.raises(SpendingError, match="bad_value"):
        parse(bad)
    with pytest.raises(SpendingError, match="no_categories"):
        parse({"categories": {}})


# -- the analysis on a straight road ------------------------------------------------------------------------
# A 10 km road at 60 km/h (1 km per minute); cells every km on the road, 10 people each.
# Place "Mitten" spans 3.5–6.5 km: cells at 4, 5, 6 km inside.
A0, A1, B0, B1 = 0, 1, 2, 3  # service indices: type a at 0 and 9 km, type b at 5.0 and 5.2 km


def _setup(extra_b=()):
    network = build_network([np.array([[0.0, 0.0], [10000.0, 0.0]])], np.array([0]), np.array([60.0]),
                            np.zeros(1, np.int8))
    service_xy = np.array([[0.0, 0.0], [9000.0, 0.0], [5000.0, 0.0], [5200.0, 0.0], *extra_b])
    cells_xy = np.array([[1000.0 * i, 0.0] for i in range(11)])
    anchors_xy = np.array([[3500.0, 0.0], [6500.0, 0.0]])
    services = snap_points(network, service_xy)
    anchors = snap_points(network, anchors_xy)
    graph = AccessGraph(network, concat_snapped([services, anchors]), snap_points(network, cells_xy), 5.0)
    n = len(service_xy)
    types = {"a": np.array([A0, A1]), "b": np.arange(2, n)}
    inside = (service_xy[:, 0] > 3500) & (service_xy[:, 0] < 6500)
    place = Place("Mitten", np.array([4, 5, 6]), inside, np.array([n, n + 1]))
    keys = ["a", "a"] + ["b"] * (n - 2)
    return graph, types, place, keys


def test_place_numbers_by_hand():
    graph, types, place, keys = _setup()
    population = np.full(11, 10.0)
    ages = np.column_stack([np.full(11, 2.0), np.full(11, 5.0), np.full(11, 2.0), np.full(11, 1.0)])
    result = analyse_places(graph, 11, population, types, [place], (1.0, 2.0, 3.0), ScenarioPlan(keys), ages=ages,
                            limits=(5.0, 10.0, 30.0))
    mitten = result.places[0]
    # Who lives there: 3 cells inside; within 1, 2, 3 minutes of the place's road entries at 3.5 and 6.5 km.
    assert [z.population for z in mitten.zones] == [30.0, 50.0, 70.0, 90.0]
    assert mitten.zones[0].ages.tolist() == [6.0, 15.0, 6.0, 3.0]
    # Type a: none inside; the residents have 4, 4 (nearer to 9 km) and 3 minutes.
    a = mitten.types["a"]
    assert len(a.inside_points) == 0 and a.underlag_population == 0
    assert a.access.mean_min == pytest.approx(11 / 3) and a.access.median_min == pytest.approx(4.0)
    assert a.nearest_out == A1 and a.nearest_out_min == pytest.approx(4.0)  # nearest for 2 of the 3 cells
    assert a.access.class_share.tolist() == [100.0, 0.0, 0.0, 0.0, 0.0]
    # Type b: two points inside; 5.0 km serves the cells 0–5 km, 5.2 km the cells 6–10 km.
    b = mitten.types["b"]
    assert b.inside_points.tolist() == [B0, B1] and b.underlag_population == 110 and b.underlag_inside == 30
    assert b.nearest_out == -1 and np.isnan(b.nearest_out_min) and b.closed_no_service == 110
    points = {p.service: p for p in result.points}
    assert points[B0].population == 60 and points[B1].population == 50
    # Closing 5.0 km sends its people to 5.2 km (5.2, 4.2 … 0.2 min); closing 5.2 km sends them to 5.0 km.
    assert points[B0].closed_mean_min == pytest.approx(np.mean([5.2, 4.2, 3.2, 2.2, 1.2, 0.2]))
    assert points[B1].closed_mean_min == pytest.approx(3.0) and points[B1].closed_no_service == 0
    assert points[B0].population_inside == 20 and points[B1].population_inside == 10
    # The whole area: every cell within 5 minutes of an a point.
    assert result.municipality["a"].class_share[0] == 100.0 and result.affected == []


def test_scenario_closing_a_point():
    graph, types, place, keys = _setup()
    population = np.full(11, 10.0)
    plan = ScenarioPlan(keys, remove=np.array([B0]))
    result = analyse_places(graph, 11, population, types, [place], (1.0,), plan)
    b = result.places[0].types["b"]
    assert result.affected == ["b"] and result.places[0].types["a"].scenario is None
    assert b.access.mean_min == pytest.approx((1.0 + 0.0 + 0.8) / 3)
    assert b.scenario.access.mean_min == pytest.approx((1.2 + 0.2 + 0.8) / 3)
    assert b.scenario.inside_points.tolist() == [B1] and b.scenario.underlag_population == 110
    points = {p.service: p for p in result.points}
    assert points[B0].status == "removed" and points[B0].population_after == 0
    assert points[B1].population_after == 110
    # The scenario's after state equals the closure computed for the underlag
    after = graph.nearest(plan.after("b")).minutes[:11]
    mine = graph.nearest(types["b"]).service[:11] == B0
    assert points[B0].closed_mean_min == pytest.approx(after[mine].mean())


def test_many_points_closed_at_once_equal_one_by_one():
    """Above sperner_codes' k, every closure comes from one second-nearest run; it must equal the searches."""
    extra = [[4000.0, 0.0], [4500.0, 0.0], [5600.0, 0.0], [6000.0, 0.0]]
    graph, types, place, keys = _setup(extra)
    assert len(types["b"]) > sperner_codes(len(types["b"])).shape[1]
    population = np.arange(11, dtype=float)
    result = analyse_places(graph, 11, population, types, [place], (2.0,), ScenarioPlan(keys))
    nearest = graph.nearest(types["b"])
    alloc = allocate(nearest, population, len(keys))
    for point in (p for p in result.points if p.key == "b"):
        without = graph.nearest(types["b"][types["b"] != point.service]).minutes
        mine = nearest.service == point.service
        if not mine.any():
            assert np.isnan(point.closed_mean_min) and point.population == 0  # nobody has it nearest
            continue
        weights = population[mine]
        expected = (without[mine] * weights).sum() / weights.sum() if weights.sum() > 0 else without[mine].mean()
        assert point.closed_mean_min == pytest.approx(expected, rel=1e-12), point.service
        assert point.population == alloc.population[point.service]


def test_place_without_residents_is_measured_from_its_point_and_cancel_stops():
    graph, types, place, keys = _setup()
    empty = Place("Tom", np.zeros(0, np.int64), place.inside, place.anchors, rep_origin=5)
    result = analyse_places(graph, 11, np.full(11, 10.0), types, [empty], (1.0,), ScenarioPlan(keys))
    a = result.places[0].types["a"]
    assert a.access.measured_from == "representative_point" and a.access.population == 0
    assert a.access.median_min == pytest.approx(4.0) and np.isnan(a.access.class_share).all()
    # No cell inside: within 1 minute of the road entries at 3.5 and 6.5 km are the cells at 3, 4, 6 and 7 km.
    assert result.places[0].zones[0].population == 0 and result.places[0].zones[1].population == 40
    with pytest.raises(Cancelled):
        analyse_places(graph, 11, np.full(11, 10.0), types, [place], (1.0,), ScenarioPlan(keys),
                       progress=lambda f: f < 0.3)


def test_age_groups_of_scb_grid_cells_add_up_to_the_total():
    """SCB's real WFS columns (tests/data/sources/scb_wfs_all.json), raw and as the fetch renames them."""
    from pathlib import Path

    from serviceperspektiv.sources.scb import cells_from_geojson

    data = json.loads((Path(__file__).parent / "data" / "sources" / "scb_wfs_all.json").read_text(encoding="utf-8"))
    raw = group_age_fields(list(data["features"][0]["properties"]))
    assert raw.family == "ald" and raw.fields[3][-1] == "ald100w"
    cells = cells_from_geojson(data)
    fetched = group_age_fields(list(cells[0].bands))
    assert fetched.family == "age" and fetched.fields[3][-1] == "age_100plus"
    for cell, feature in zip(cells, data["features"]):
        groups = [sum(cell.bands[name] for name in names) for names in fetched.fields]
        assert sum(groups) == cell.total == feature["properties"]["beftotalt"]
        assert groups == [sum(feature["properties"][name] for name in names) for names in raw.fields]
