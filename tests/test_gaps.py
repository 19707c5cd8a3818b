"""servicegaps: classes, thresholds and sums that add up."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from serviceperspektiv.core import statistics as st
from tests.test_gaps_data import line_town, network_params


def test_class_labels_and_classify():
    assert st.class_labels((5, 10, 20, 30)) == ["< 5", "5–10", "10–20", "20–30", "> 30"]
    index = st.classify(np.array([0, 4.99, 5, 10, 29.9, 30, 99, np.nan]), (5, 10, 20, 30))
    assert index.tolist() == [0, 0, 1, 2, 3, 4, 4, -1]


def test_parse_limits_and_thresholds():
    assert st.parse_limits("", "km") == (5, 10, 25)
    assert st.parse_limits("5, 10,20,30") == (5, 10, 20, 30)
    with pytest.raises(st.StatisticsError):
        st.parse_limits("10,5")
    rules = st.parse_thresholds("")
    assert rules.for_type("dagligvaror_full") == st.Threshold(10, "min")
    assert rules.for_type("kontantuttag") == st.Threshold(25, "km")
    assert rules.for_type("apotek") == st.Threshold(10, "min")
    assert st.parse_thresholds("15").for_type("x") == st.Threshold(15, "min")
    with pytest.raises(st.StatisticsError):
        st.parse_thresholds("a=ten")


def test_weighted_quantiles():
    assert st.weighted_quantile(np.array([1, 2, 3]), np.array([1, 1, 1]), 0.5) == 2
    assert st.weighted_quantile(np.array([1, 2, 3, 100]), np.array([0, 0, 10, 0]), 0.5) == 3
    assert st.weighted_quantile(np.array([1, 2]), np.array([1, 1]), 0.5) == 1
    assert st.weighted_quantile(np.array([1.0, np.nan, 10]), np.array([1, 5, 9]), 0.9) == 10
    assert np.isnan(st.weighted_quantile(np.array([np.nan]), np.array([1]), 0.5))
    assert st.weighted_mean(np.array([1.0, 3.0, np.nan]), np.array([1, 3, 5])) == pytest.approx(2.5)


@settings(max_examples=60, deadline=None)
@given(hs.lists(hs.tuples(hs.one_of(hs.none(), hs.floats(0, 200)), hs.floats(0, 1000)), min_size=1, max_size=60))
def test_class_rows_add_up(data):
    values = np.array([np.nan if v is None else v for v, _ in data])
    population = np.array([p for _, p in data])
    age = population / 3
    rows = st.class_table(values, population, (5, 10, 20, 30), age)
    assert len(rows) == 6 and rows[-1].label == st.UNREACHABLE
    assert sum(r.population for r in rows) == pytest.approx(population.sum())
    assert sum(r.cells for r in rows) == len(values)
    assert sum(r.age_population for r in rows) == pytest.approx(age.sum())
    if population.sum() > 0:
        assert sum(r.share_pct for r in rows) == pytest.approx(100.0)
    s = st.summarise("t", values, values, population, st.Threshold(10, "min"))
    assert s.population_gap == pytest.approx(population[~(values <= 10)].sum())
    assert s.population_reached + rows[-1].population == pytest.approx(population.sum())


def _table(path_or_layer):
    from qgis.core import QgsVectorLayer

    layer = path_or_layer if isinstance(path_or_layer, QgsVectorLayer) else QgsVectorLayer(path_or_layer)
    return [f.attributes() for f in layer.getFeatures()], layer.fields().names()


def test_servicegaps_runs_and_adds_up(run_alg):
    roads, services, origins = line_town()
    params = network_params(roads, services, origins, {
        "AGE_FIELDS": ["age_65_69", "age_70_79"], "THRESHOLD": "dagligvaror*=3min, kontant*=25km, *=10",
        "GAPS": "memory:", "STATS": "memory:", "SUMMARY": "memory:"})
    result = run_alg("servicegaps", params)
    rows, names = _table(result["STATS"])
    assert names[:7] == ["type", "unit", "class_order", "class", "cells", "population", "share_pct"]
    total = 11 * 10 + 7
    for key in ("dagligvaror_full", "dagligvaror_ovrig", "kontantuttag"):
        mine = [dict(zip(names, r)) for r in rows if r[0] == key]
        assert len(mine) == 6
        assert sum(r["population"] for r in mine) == pytest.approx(total)
        assert sum(r["cells"] for r in mine) == 12
        assert sum(r["share_pct"] for r in mine) == pytest.approx(100)
        assert mine[-1]["class"] == st.UNREACHABLE and mine[-1]["population"] == pytest.approx(7)
        assert sum(r["age_population"] for r in mine) == pytest.approx(11 * 2 + 5 + 2)
    summary, snames = _table(result["SUMMARY"])
    by_type = {r[0]: dict(zip(snames, r)) for r in summary}
    full = by_type["dagligvaror_full"]
    # 1 km per minute from the east end, plus the short access leg: origins 0, 1 and 2 km away are
    # within 3 min (3 x 10 people); the one 3 km away is just over.
    assert full["population_gap"] == pytest.approx(total - 30)
    assert full["population_reached"] == pytest.approx(110)
    assert 4.5 < full["median_min"] < 5.5
    assert by_type["kontantuttag"]["threshold_unit"] == "km"
    assert by_type["kontantuttag"]["population_gap"] == pytest.approx(7)
    gaps, gnames = _table(result["GAPS"])
    assert "gap_types" in gnames and len(gaps) >= 7
    far = [dict(zip(gnames, g)) for g in gaps if g[0] == 7.0][0]
    assert far["n_gaps"] == 3


def test_servicegaps_from_nearest_result_matches(run_alg):
    roads, services, origins = line_town()
    nearest = run_alg("nearestservice", network_params(roads, services, origins, {"OUTPUT": "memory:"}))["OUTPUT"]
    a = run_alg("servicegaps", {"NEAREST": nearest, "POPULATION_FIELD": "pop", "UNIT": 1, "CLASSES": "",
                                "GAPS": "memory:", "STATS": "memory:", "SUMMARY": "memory:"})
    rows, names = _table(a["STATS"])
    assert {r[3] for r in rows} == {"< 5", "5–10", "10–25", "> 25", st.UNREACHABLE}
    b = run_alg("servicegaps", network_params(roads, services, origins, {
        "UNIT": 1, "GAPS": "memory:", "STATS": "memory:", "SUMMARY": "memory:"}))
    assert _table(a["STATS"])[0] == _table(b["STATS"])[0]


def test_servicegaps_missing_inputs_message(run_alg):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="NEAREST"):
        run_alg("servicegaps", {"GAPS": "memory:", "STATS": "memory:", "SUMMARY": "memory:"})


def test_missing_age_values_are_counted_and_warned(run_alg):
    from qgis.core import QgsProcessingFeedback

    class Capture(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings = []

        def pushWarning(self, text):
            self.warnings.append(text)

    roads, services, origins = line_town()
    feedback = Capture()
    run_alg("servicegaps", network_params(roads, services, origins, {
        "AGE_FIELDS": ["age_65_69"], "GAPS": "memory:", "STATS": "memory:", "SUMMARY": "memory:"}), feedback=feedback)
    # even-numbered cells (0, 2, ..., 10) have no age_65_69 value: 6 cells
    assert any("6 origin(s) have no value" in w for w in feedback.warnings), feedback.warnings
