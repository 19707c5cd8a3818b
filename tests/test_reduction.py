"""The reduced graph (dead-end trees pruned, degree-2 chains contracted, points attached afterwards).

Checked against the independent reference router (tests/reference.py), against SciPy on the
whole graph, and against the engine as it was before (every point a node of one augmented graph,
scripts/bench_baselines.py): times, nearest-service ids, route km, predecessors, bounded searches,
second-nearest and catchment grids.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from reference import AmbiguousComponents, route_times
from scipy.sparse.csgraph import dijkstra

from scripts.bench_baselines import AugmentedGraph
from serviceperspektiv.core.accessibility import AccessGraph, service_pins
from serviceperspektiv.core.allocation import second_nearest
from serviceperspektiv.core.catchments import CatchmentEngine
from serviceperspektiv.core.graph import build_arc_graph, multi_source_dijkstra, path_lengths
from serviceperspektiv.core.network import build_network, edges_in_components
from serviceperspektiv.core.reduction import reduce_graph
from serviceperspektiv.core.snapping import SegmentIndex, snap_points

ACCESS_KMH = 7.2


def road_like_case(seed: int):
    """Random roads with what real networks have: dead-end trees, chains of lines, loops, parallels.

    Returns (lines, origins, services); a line is (vertices, speed km/h, direction 0/1/-1).
    Half of the points are put next to tree and chain roads, so they attach there.
    """
    rng = np.random.default_rng(seed)

    def pt():
        return tuple(map(float, rng.uniform(0, 2000, 2).round(2)))

    def direction():
        return int(rng.choice([0, 0, 0, 1, -1]))

    def speed():
        return float(rng.choice([10, 30, 50, 70, 90]))

    core = [pt() for _ in range(rng.integers(3, 9))]
    lines, side_roads = [], []
    used = set()
    for _ in range(rng.integers(3, 12)):
        a, b = rng.choice(len(core), 2, replace=False)
        if frozenset((a, b)) in used:
            continue
        used.add(frozenset((a, b)))
        pa, pb = core[a], core[b]
        pieces = int(rng.integers(1, 4))  # a road drawn as several lines: degree-2 chain nodes
        stops = [pa] + [tuple(np.round(np.array(pa) + (np.array(pb) - np.array(pa)) * k / pieces
                                       + rng.normal(0, 30, 2), 2)) for k in range(1, pieces)] + [pb]
        d, v = direction(), speed()
        for p, q in zip(stops[:-1], stops[1:]):
            lines.append(([p, q], v if rng.random() < 0.8 else speed(), d if rng.random() < 0.8 else direction()))
            if pieces > 1:
                side_roads.append(len(lines) - 1)
        if rng.random() < 0.25:  # a parallel road between the same junctions, bent
            bend = tuple(np.round((np.array(pa) + np.array(pb)) / 2 + rng.uniform(-150, 150, 2), 2))
            lines.append(([pb, bend, pa], speed(), int(rng.choice([0, 1]))))
    for _ in range(rng.integers(0, 4)):  # dead-end trees hanging off core points, one-ways included
        frontier = [core[rng.integers(len(core))]]
        for _ in range(rng.integers(1, 7)):
            parent = frontier[rng.integers(len(frontier))]
            child = tuple(np.round(np.array(parent) + rng.uniform(-250, 250, 2), 2))
            lines.append(([parent, child], speed(), direction()))
            side_roads.append(len(lines) - 1)
            frontier.append(child)
    if rng.random() < 0.4:  # a loop back to the same junction, as a chain of lines
        c = np.array(core[rng.integers(len(core))])
        ring = [tuple(c)] + [tuple(np.round(c + 200 * np.array([np.cos(a), np.sin(a)]) - [200, 0], 2))
                             for a in (np.pi / 2, np.pi, 3 * np.pi / 2)] + [tuple(c)]
        d = direction()
        for p, q in zip(ring[:-1], ring[1:]):
            lines.append(([p, q], 30.0, d))
            side_roads.append(len(lines) - 1)

    def near_line(i):
        verts = np.array(lines[i][0])
        k = rng.integers(len(verts) - 1)
        t = rng.uniform(0.05, 0.95)
        return tuple(verts[k] + t * (verts[k + 1] - verts[k]) + rng.normal(0, 3, 2))

    def points(count):
        out = []
        for _ in range(count):
            if side_roads and rng.random() < 0.5:
                out.append(near_line(side_roads[rng.integers(len(side_roads))]))
            else:
                out.append(tuple(rng.uniform(-100, 2100, 2)))
        return out

    return lines, points(8), points(int(rng.integers(1, 5)))


def straight_edges(lines):
    return [(v[i], v[i + 1], s, d) for v, s, d in lines for i in range(len(v) - 1)]


def network_and_points(lines, origins, services, max_snap=400.0):
    parts = [np.array(v, dtype=float) for v, _, _ in lines]
    net = build_network(parts, np.arange(len(parts)), np.array([s for _, s, _ in lines]),
                        np.array([d for _, _, d in lines], dtype=np.int8), tolerance_m=0.01)
    index = SegmentIndex(net, edges_in_components(net))
    return (net, snap_points(net, np.array(origins), max_snap, index=index),
            snap_points(net, np.array(services), max_snap, index=index))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 100_000))
def test_reduced_engine_matches_reference_and_the_engine_before(seed):
    lines, origins, services = road_like_case(seed)
    junctions = {v[0] for v, _, _ in lines} | {v[-1] for v, _, _ in lines}
    try:
        expected = route_times(straight_edges(lines), origins, services, 400.0, ACCESS_KMH, junctions)
    except AmbiguousComponents:
        assume(False)
    net, so, ss = network_and_points(lines, origins, services)
    graph = AccessGraph(net, ss, so, ACCESS_KMH)
    result = graph.nearest(np.arange(len(services)))
    for j, (seconds, metres) in enumerate(expected):
        if math.isinf(seconds):
            assert math.isnan(result.minutes[j]) and result.service[j] == -1
        else:
            assert result.minutes[j] == pytest.approx(seconds / 60.0, rel=1e-6, abs=1e-6)
            # Random coordinates leave no two routes with the same time: the km is the reference's.
            assert result.km[j] == pytest.approx(metres / 1000.0, rel=1e-6, abs=1e-6)
    # The same numbers as before: every origin a node of one augmented graph.
    before_min, before_service = AugmentedGraph(net, ss, so, ACCESS_KMH).nearest(np.arange(len(services)))
    np.testing.assert_allclose(result.minutes, before_min, rtol=1e-9, atol=1e-9)
    assert (result.service == before_service).all()
    # The heapq fallback and the unreduced graph agree.
    fallback = AccessGraph(net, ss, so, ACCESS_KMH, use_scipy=False).nearest(np.arange(len(services)))
    unreduced = AccessGraph(net, ss, so, ACCESS_KMH, reduce=False).nearest(np.arange(len(services)))
    for other in (fallback, unreduced):
        np.testing.assert_allclose(other.minutes, result.minutes, rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(other.km, result.km, rtol=1e-9, atol=1e-9)
        assert (other.service == result.service).all()
    # Bounded: the limit cuts exactly where the unbounded times cross it.
    finite = np.sort(result.minutes[np.isfinite(result.minutes)])
    # Half-way between two origins' times, so that no time sits on the limit itself.
    limit_min = float(finite[len(finite) // 2 - 1:len(finite) // 2 + 1].mean()) if len(finite) > 1 else 1.0
    bounded = graph.nearest(np.arange(len(services)), max_minutes=limit_min)
    inside = result.minutes <= limit_min
    np.testing.assert_allclose(bounded.minutes[inside], result.minutes[inside], rtol=1e-12)
    assert np.isnan(bounded.minutes[~inside]).all() and (bounded.service[~inside] == -1).all()


def test_generated_cases_put_points_on_trees_and_chains():
    """The random cases above do exercise the reduction: points on pruned and contracted roads."""
    on_tree = on_chain = services_inside = 0
    for seed in range(60):
        lines, origins, services = road_like_case(seed)
        net, so, ss = network_and_points(lines, origins, services)
        red = AccessGraph(net, ss, so, ACCESS_KMH).reduction
        tree = red.anchor[:, 0] != np.arange(net.n_nodes)  # not its own anchor: pruned or contracted
        pruned = np.zeros(net.n_nodes, dtype=bool)
        pruned[red.junction] = True
        contracted = tree & (red.anchor[:, 1] >= 0)
        ends = np.concatenate([net.edge_u[so.edge[so.ok]], net.edge_v[so.edge[so.ok]]])
        on_chain += int(contracted[ends].sum())
        on_tree += int((tree & ~contracted & ~pruned)[ends].sum())
        s_ends = np.concatenate([net.edge_u[ss.edge[ss.ok]], net.edge_v[ss.edge[ss.ok]]])
        # Services on side roads keep their edge's ends as junctions (pinned).
        services_inside += int(service_pins(net, ss)[s_ends].all())
        assert pruned[s_ends].all()
    assert on_tree > 20 and on_chain > 20 and services_inside == 60


def random_arc_graph(seed: int):
    """A random directed graph with one-way arcs, parallel arcs, self-loops, trees and chains."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 60))
    m = int(rng.integers(1, 80))
    t, h = rng.integers(0, n, m), rng.integers(0, n, m)
    # Paths of fresh nodes between random nodes (chains) and hanging off them (trees).
    extra_t, extra_h = [], []
    for _ in range(rng.integers(0, 6)):
        k = int(rng.integers(1, 6))
        path = [int(rng.integers(n))] + list(range(n, n + k)) + ([int(rng.integers(n))] if rng.random() < 0.6 else [])
        n += k
        extra_t += path[:-1]
        extra_h += path[1:]
    t = np.concatenate([t, extra_t]).astype(np.int64)
    h = np.concatenate([h, extra_h]).astype(np.int64)
    cost = rng.uniform(1, 10, len(t))
    both = rng.random(len(t)) < 0.7
    tails = np.concatenate([t, h[both], t[:5]])  # the last five: parallel arcs, dearer or cheaper
    heads = np.concatenate([h, t[both], h[:5]])
    costs = np.concatenate([cost, cost[both] * rng.uniform(0.5, 2, both.sum()), cost[:5] * rng.uniform(0.5, 2, min(5, len(t)))])
    graph = build_arc_graph(n, tails, heads, costs, costs * rng.uniform(5, 15, len(costs)))
    pinned = rng.random(n) < 0.15
    return graph, pinned


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 100_000), to_sources=st.booleans(), use_scipy=st.booleans())
def test_reduction_distances_predecessors_and_km(seed, to_sources, use_scipy):
    graph, pinned = random_arc_graph(seed)
    sources = np.flatnonzero(pinned)
    assume(len(sources))
    red = reduce_graph(graph, pinned)
    searched = graph.reversed() if to_sources else graph
    expected = dijkstra(searched.scipy_matrix(), indices=sources, min_only=True)
    reduced_graph = red.graph.reversed() if to_sources else red.graph
    paths = multi_source_dijkstra(reduced_graph, red.reduced_of[sources], use_scipy=use_scipy)
    got, _slot = red.fill(paths.dist, to_sources)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-9)
    # Predecessors on the road graph: following them sums to the distance and the route length.
    full, km = red.expand(paths, path_lengths(reduced_graph, paths), to_sources)
    for x in np.flatnonzero(np.isfinite(full.dist[:graph.n])):
        seconds = metres = 0.0
        y, steps = x, 0
        while full.pred[y] >= 0:
            arc = searched.arc_index(np.array([full.pred[y]]), np.array([y]))[0]
            assert arc >= 0, "a predecessor must be joined to its node by an arc"
            seconds += searched.cost[arc]
            metres += searched.length[arc]
            y = full.pred[y]
            steps += 1
            assert steps <= graph.n
        assert pinned[y] and full.source[x] == y
        assert seconds == pytest.approx(full.dist[x], rel=1e-12, abs=1e-9)
        assert metres == pytest.approx(km[x], rel=1e-12, abs=1e-9)
    # A bounded search: the fill-in, cut at the limit, is SciPy's bounded search on the whole graph.
    finite = np.unique(expected[np.isfinite(expected)])
    # Half-way between two distances: a distance on the limit itself could fall either side by rounding.
    limit = float(finite[len(finite) // 2 - 1:len(finite) // 2 + 1].mean()) if len(finite) > 1 else 1.0
    bounded = multi_source_dijkstra(reduced_graph, red.reduced_of[sources], limit=limit, use_scipy=use_scipy)
    cut, _slot = red.fill(bounded.dist, to_sources)
    cut[cut > limit] = np.inf
    expected_cut = dijkstra(searched.scipy_matrix(), indices=sources, min_only=True, limit=limit)
    np.testing.assert_allclose(cut, expected_cut, rtol=1e-12, atol=1e-9)


def test_reduction_shrinks_trees_chains_and_rings():
    # A ring of 5 nodes (no junction on it); junctions 20 and 21 joined directly, by the chain
    # 20-10-11-12-21, and through 22, which carries the tree 30-31, 30-32-33 and so is a chain
    # node once the tree is pruned. Ids not used are isolated nodes.
    ring = [(i, (i + 1) % 5) for i in range(5)]
    chain = [(20, 10), (10, 11), (11, 12), (12, 21), (20, 21), (20, 22), (21, 22)]
    tree = [(22, 30), (30, 31), (30, 32), (32, 33)]
    pairs = np.array(ring + chain + tree)
    tails = np.concatenate([pairs[:, 0], pairs[:, 1]])
    heads = np.concatenate([pairs[:, 1], pairs[:, 0]])
    graph = build_arc_graph(34, tails, heads, np.ones(len(tails)), np.ones(len(tails)))
    red = reduce_graph(graph)
    junctions = set(red.junction.tolist())
    assert junctions - set(range(5)) == {20, 21}
    assert len(junctions & set(range(5))) == 1  # one node of the ring stays
    assert red.n_pruned == 4 + 19  # the tree, and the 19 isolated nodes
    assert red.n_contracted == 3 + 1 + 4  # 10-12, 22, and the ring less its junction
    # Three parallel routes 20 -> 21 (direct 1, through 22: 2, through 10-12: 4): the cheapest stays.
    r20, r21 = red.reduced_of[20], red.reduced_of[21]
    assert red.graph.cost[red.graph.arc_index(np.array([r20]), np.array([r21]))[0]] == 1.0
    assert sorted(red.anchor[22].tolist()) == sorted([r20, r21]) and red.to_cost[22].tolist() == [1.0, 1.0]
    # Tree node 33 hangs off 22: two hops to 22, one more to either junction.
    assert sorted(red.anchor[33].tolist()) == sorted([r20, r21]) and red.to_cost[33].tolist() == [4.0, 4.0]
    assert red.hop[33].tolist() == [32, 32]


def test_second_nearest_on_trees_and_chains():
    for seed in range(8):
        lines, origins, services = road_like_case(seed)
        extra = road_like_case(seed + 1000)[2]
        net, so, ss = network_and_points(lines, origins, services + extra)
        graph = AccessGraph(net, ss, so, ACCESS_KMH)
        indices = np.arange(len(services + extra))
        got = second_nearest(graph, indices)
        singles = np.vstack([graph.nearest(np.array([s])).minutes for s in indices])
        singles = np.sort(np.where(np.isnan(singles), np.inf, singles), axis=0)
        expected = singles[1] if len(indices) > 1 else np.full(len(origins), np.inf)
        np.testing.assert_allclose(got.minutes, np.where(np.isfinite(expected), expected, np.nan), rtol=1e-9)


@pytest.mark.parametrize("seed", [3, 11, 17])
def test_catchment_grids_equal_with_and_without_reduction(seed):
    lines, _origins, services = road_like_case(seed)
    net, _so, ss = network_and_points(lines, [(0.0, 0.0)], services)
    reduced = CatchmentEngine(net, ss, 5.0, cell_size_m=20.0, max_off_m=60.0)
    whole = CatchmentEngine(net, ss, 5.0, cell_size_m=20.0, max_off_m=60.0, reduce=False)
    assert reduced.graph.n < whole.graph.n
    for limit in (60.0, 240.0, 3600.0):
        for (s1, g1), (s2, g2) in zip(reduced.grids(np.arange(len(services)), limit),
                                      whole.grids(np.arange(len(services)), limit)):
            assert s1 == s2 and (g1.i0, g1.j0, g1.times.shape) == (g2.i0, g2.j0, g2.times.shape)
            np.testing.assert_allclose(g1.times, g2.times, rtol=1e-6)
            assert g1.saturated == g2.saturated
            assert g1.reach_s == pytest.approx(g2.reach_s, rel=1e-9)
        # Node times against SciPy on the road graph plus the services (the engine before).
        from scripts.bench_baselines import catchment_matrix

        before, service_node = catchment_matrix(net, ss, 5.0)
        ok = np.flatnonzero(ss.ok)
        expected = dijkstra(before.scipy_matrix(), indices=service_node[ok], limit=limit)[:, :net.n_nodes]
        np.testing.assert_allclose(reduced.node_times(ok, limit), expected, rtol=1e-9)
