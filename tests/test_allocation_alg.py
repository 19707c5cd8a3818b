"""serviceperspektiv:allocation through Processing and qgis_process.bin."""
from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import run_qgis_process
from tests.test_catchments_alg import grid_parts, make_cells, make_points, make_roads, save_gpkg


def cell_grid(n=8, spacing=200.0, seed=0):
    rng = np.random.default_rng(seed)
    xy = [(x, y) for x in np.arange(0, n * spacing, 100.0) for y in np.arange(0, n * spacing, 100.0)]
    return xy, rng.integers(0, 40, len(xy)).astype(float)


def run_allocation(run_alg, services, cells_xy, pop, roads=None):
    return run_alg("allocation", {
        "ROADS": roads or make_roads(grid_parts()), "SERVICES": services, "TYPE_FIELD": "type",
        "ORIGINS": make_cells(cells_xy, pop), "POPULATION_FIELD": "pop",
        "OUTPUT": "memory:", "OUTPUT_AREAS": "memory:"})


def test_allocation_sums_and_one_point_per_type(run_alg):
    xy, pop = cell_grid()
    services = make_points([(200.0, 200.0), (1200.0, 1200.0), (1400.0, 0.0), (600.0, 600.0), (0.0, 1400.0)],
                           ["a", "a", "a", "b", "b"])
    result = run_allocation(run_alg, services, xy, pop)
    points = {f["name"]: f for f in result["OUTPUT"].getFeatures()}
    assert len(points) == 5
    for members in (["services0", "services1", "services2"], ["services3", "services4"]):
        # Every origin here reaches a service: the type's population is the whole population.
        assert sum(points[m]["population"] for m in members) == pytest.approx(pop.sum())
        assert sum(points[m]["cells"] for m in members) == len(pop)
    for f in points.values():
        assert f["max_min"] >= f["mean_min"] > 0
        assert f["second_min_mean"] >= f["mean_min"]
    areas = list(result["OUTPUT_AREAS"].getFeatures())
    assert len(areas) == 5
    for key in ("a", "b"):
        same = [f for f in areas if f["type"] == key]
        total = sum(f.geometry().area() for f in same)
        assert total == pytest.approx(len(pop) * 100 * 100)  # no cell counted twice within a type
        for i, f in enumerate(same):
            for g in same[i + 1:]:
                assert f.geometry().intersection(g.geometry()).area() < 1e-6
        assert sum(f["population"] for f in same) == pytest.approx(pop.sum())


def test_allocation_unreached_not_allocated(run_alg):
    # A separate road piece far away with cells next to it: those people reach no service.
    parts = grid_parts(4) + [[(5000.0, 5000.0), (6000.0, 5000.0)]]
    xy = [(100.0, 100.0), (300.0, 300.0), (5500.0, 5050.0)]
    pop = np.array([5.0, 7.0, 100.0])
    services = make_points([(0.0, 0.0)], ["a"])
    result = run_allocation(run_alg, services, xy, pop, roads=make_roads(parts))
    (f,) = list(result["OUTPUT"].getFeatures())
    assert f["population"] == 12.0 and f["cells"] == 2
    assert not f["second_min_mean"]  # only one service: no second-nearest


def test_allocation_negative_population_fails(run_alg):
    from qgis.core import QgsProcessingException

    services = make_points([(0.0, 0.0)], ["a"])
    with pytest.raises(QgsProcessingException, match="negative"):
        run_allocation(run_alg, services, [(100.0, 100.0)], np.array([-1.0]))


@pytest.mark.slow
def test_allocation_qgis_process(tmp_path, qgis_app):
    xy, pop = cell_grid(4)
    roads = save_gpkg(make_roads(grid_parts(4)), tmp_path / "roads.gpkg")
    services = save_gpkg(make_points([(0.0, 0.0), (600.0, 600.0)], ["a", "a"]), tmp_path / "s.gpkg")
    cells = save_gpkg(make_cells(xy, pop), tmp_path / "cells.gpkg")
    out, areas = tmp_path / "alloc.gpkg", tmp_path / "areas.gpkg"
    completed = run_qgis_process(tmp_path, "serviceperspektiv:allocation", {
        "ROADS": roads, "SERVICES": services, "TYPE_FIELD": "type", "ORIGINS": cells, "POPULATION_FIELD": "pop",
        "OUTPUT": str(out), "OUTPUT_AREAS": str(areas)})
    assert completed.returncode == 0, completed.stderr + completed.stdout
    assert out.exists() and areas.exists()
