"""scenario: close/add/move services; deltas, crossings, underlag and clear messages."""
from __future__ import annotations

import numpy as np
import pytest

from serviceperspektiv.core.scenario import ScenarioError, ScenarioPlan, parse_ids, threshold_crossings
from tests.test_gaps_data import X0, Y0, line_town, memory_layer, network_params


def rows(layer):
    names = layer.fields().names()
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


def test_plan_index_space():
    plan = ScenarioPlan(["a", "a", "b", None], remove=[0], move_targets=[2], add_types=["a", "c"])
    assert plan.affected_types() == ["a", "b", "c"]
    assert plan.before("a").tolist() == [0, 1]
    assert plan.after("a").tolist() == [1, 5]
    assert plan.after("b").tolist() == [4]
    assert plan.status() == ["removed", "kept", "moved_from", "kept", "moved_to", "added", "added"]
    with pytest.raises(ScenarioError):
        ScenarioPlan(["a"], remove=[0], move_targets=[0])
    assert parse_ids("3, 7;12") == [3, 7, 12]
    with pytest.raises(ScenarioError):
        parse_ids("x")


def test_threshold_crossings_count_both_ways():
    before = np.array([1.0, 6.0, 12.0, np.nan, 3.0])
    after = np.array([7.0, 4.0, 12.0, 2.0, np.nan])
    pop = np.array([1.0, 10.0, 100.0, 1000.0, 5.0])
    out = {r.limit_label: r for r in threshold_crossings(before, after, pop, (5, 10))}
    assert (out["5"].worse_population, out["5"].better_population) == (6.0, 1010.0)
    assert (out["10"].worse_population, out["10"].better_population) == (5.0, 1000.0)
    assert (out["reachable"].worse_population, out["reachable"].better_population) == (5.0, 1000.0)


def _run(run_alg, extra):
    roads, services, origins = line_town()
    params = network_params(roads, services, origins, {"OUTPUT": "memory:", "CROSSINGS": "memory:",
                                                       "UNDERLAG": "memory:", "CLASSES": "5,10", **extra})
    return run_alg("scenario", params)


def test_close_and_add(run_alg):
    new = memory_layer("Point?crs=EPSG:3006", "new", [("type", "string")],
                       [(f"POINT({X0 + 6000} {Y0 + 10})", ["dagligvaror_ovrig"])])
    result = _run(run_alg, {"REMOVE": "1", "ADD": new})
    out = rows(result["OUTPUT"])
    names = result["OUTPUT"].fields().names()
    assert "dagligvaror_ovrig_delta_min" in names and "dagligvaror_full_before_min" not in names
    west, east = out[0], out[10]
    assert west["dagligvaror_ovrig_delta_min"] == pytest.approx(6.0, abs=0.2)
    assert east["dagligvaror_ovrig_delta_min"] == pytest.approx(-6.0, abs=0.2)
    assert east["dagligvaror_ovrig_after_min"] == pytest.approx(4.0, abs=0.2)
    crossing = {r["limit_min"]: r for r in rows(result["CROSSINGS"])}
    assert crossing["5"]["worse_population"] == pytest.approx(20)
    assert crossing["5"]["better_population"] == pytest.approx(60)
    underlag = rows(result["UNDERLAG"])
    removed = [r for r in underlag if r["status"] == "removed"][0]
    added = [r for r in underlag if r["status"] == "added"][0]
    assert removed["population_after"] == 0 and removed["population_before"] == pytest.approx(110)
    assert added["population_after"] == pytest.approx(110)
    assert sum(r["population_delta"] for r in underlag) == pytest.approx(0)


def test_move(run_alg):
    moved = memory_layer("Point?crs=EPSG:3006", "moved", [("target_id", "int")], [(f"POINT({X0} {Y0 - 20})", [2])])
    out = rows(_run(run_alg, {"MOVE": moved})["OUTPUT"])
    assert out[0]["dagligvaror_full_before_min"] == pytest.approx(10.0, abs=0.2)
    assert out[0]["dagligvaror_full_after_min"] == pytest.approx(0.0, abs=0.2)


def test_bad_remove_id(run_alg):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="feature id 99"):
        _run(run_alg, {"REMOVE": "1,99"})


def test_add_off_network(run_alg):
    from qgis.core import QgsProcessingException

    far = memory_layer("Point?crs=EPSG:3006", "far", [("type", "string")],
                       [(f"POINT({X0 + 1000} {Y0 + 4000})", ["apotek"])])
    with pytest.raises(QgsProcessingException, match=r"off the network.*4000 m"):
        _run(run_alg, {"ADD": far})
