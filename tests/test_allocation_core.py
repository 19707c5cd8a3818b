"""Core allocation: sums, second-nearest against brute force (SciPy and heapq paths)."""
from __future__ import annotations

import numpy as np
import pytest

from serviceperspektiv.core.accessibility import AccessGraph, NearestResult
from serviceperspektiv.core.allocation import allocate, second_nearest
from serviceperspektiv.core.network import build_network
from serviceperspektiv.core.snapping import snap_points


def grid_network(n: int = 12, spacing: float = 100.0, seed: int = 0, oneway_share: float = 0.2):
    """An n x n street grid with random speeds and some one-way streets (deterministic)."""
    rng = np.random.default_rng(seed)
    parts = []
    for i in range(n):
        for j in range(n - 1):
            parts.append(np.array([[j * spacing, i * spacing], [(j + 1) * spacing, i * spacing]]))
            parts.append(np.array([[i * spacing, j * spacing], [i * spacing, (j + 1) * spacing]]))
    speeds = rng.choice([30.0, 50.0, 70.0], size=len(parts))
    direction = np.where(rng.random(len(parts)) < oneway_share, rng.choice([1, -1], size=len(parts)), 0).astype(np.int8)
    return build_network(parts, np.arange(len(parts)), speeds, direction)


def make_graph(n_services: int = 9, n_origins: int = 150, seed: int = 1, use_scipy=None):
    net = grid_network(seed=seed)
    rng = np.random.default_rng(seed)
    extent = 1100.0
    s_xy = rng.random((n_services, 2)) * extent
    o_xy = rng.random((n_origins, 2)) * extent
    services = snap_points(net, s_xy)
    origins = snap_points(net, o_xy)
    return AccessGraph(net, services, origins, 5.0, use_scipy=use_scipy)


def brute_second(graph: AccessGraph, indices: np.ndarray) -> np.ndarray:
    times = np.vstack([graph.nearest(np.array([s])).minutes for s in indices])
    times = np.where(np.isnan(times), np.inf, times)
    times.sort(axis=0)
    second = times[1] if len(indices) > 1 else np.full(times.shape[1], np.inf)
    return np.where(np.isfinite(second), second, np.nan)


@pytest.mark.parametrize("n_services", [2, 3, 5, 8, 9, 17])
@pytest.mark.parametrize("use_scipy", [True, False])
def test_second_nearest_matches_brute_force(n_services, use_scipy):
    graph = make_graph(n_services=n_services, seed=n_services, use_scipy=use_scipy)
    indices = np.arange(n_services)
    got = second_nearest(graph, indices, want_km=n_services % 2 == 0)
    expected = brute_second(graph, indices)
    np.testing.assert_allclose(got.minutes, expected, rtol=1e-9, atol=1e-9)
    first = graph.nearest(indices)
    ok = got.service >= 0
    # The second-nearest is another service than the nearest, and its time is that service's time.
    assert (got.service[ok] != first.service[ok]).all() or np.allclose(got.minutes[ok], first.minutes[ok])
    for o in np.flatnonzero(ok)[:20]:
        single = graph.nearest(np.array([got.service[o]])).minutes[o]
        assert single == pytest.approx(got.minutes[o])
    assert (got.minutes[ok] >= first.minutes[ok] - 1e-12).all()


def test_second_nearest_subset_and_single():
    graph = make_graph(n_services=10, seed=3)
    subset = np.array([1, 4, 7, 9])
    got = second_nearest(graph, subset)
    np.testing.assert_allclose(got.minutes, brute_second(graph, subset))
    assert set(got.service[got.service >= 0].tolist()) <= set(subset.tolist())
    one = second_nearest(graph, np.array([2]))
    assert (one.service == -1).all() and np.isnan(one.minutes).all()


def test_allocate_sums_and_stats():
    result = NearestResult(
        minutes=np.array([1.0, 3.0, 2.0, np.nan, 4.0]),
        km=np.zeros(5),
        service=np.array([0, 0, 2, -1, 2]),
    )
    pop = np.array([10.0, 30.0, 5.0, 100.0, 0.0])
    a = allocate(result, pop, 3)
    np.testing.assert_allclose(a.population, [40.0, 0.0, 5.0])
    assert a.cells.tolist() == [2, 0, 2]
    assert a.mean_min[0] == pytest.approx((10 + 90) / 40)
    assert np.isnan(a.mean_min[1]) and np.isnan(a.max_min[1])
    assert a.max_min[2] == 4.0
    assert a.total_population == pytest.approx(45.0)  # the unreached 100 are not allocated
    with pytest.raises(ValueError):
        allocate(result, -pop, 3)


def test_allocation_sum_equals_reached_population():
    graph = make_graph(n_services=6, n_origins=300, seed=7)
    pop = np.random.default_rng(7).integers(0, 50, 300).astype(float)
    result = graph.nearest(np.arange(6))
    a = allocate(result, pop, 6)
    assert a.population.sum() == pytest.approx(pop[result.reached].sum())
    assert a.cells.sum() == result.reached.sum()


def test_sperner_codes_separate_every_ordered_pair():
    from serviceperspektiv.core.allocation import sperner_codes

    for n in (2, 3, 7, 100, 400):
        codes = sperner_codes(n)
        assert len({tuple(c) for c in codes}) == n
        # For every s != t some bit has t = 1 and s = 0 (so t's group excludes s).
        covers = (codes[:, None, :] & ~codes[None, :, :]).any(axis=2)
        assert covers[~np.eye(n, dtype=bool)].all()
    assert sperner_codes(100).shape[1] == 9 and sperner_codes(400).shape[1] == 11
