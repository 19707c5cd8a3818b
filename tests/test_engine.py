"""The core engine against an independent brute-force reference (tests/reference.py)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from reference import AmbiguousComponents, route_times

from serviceperspektiv.core.accessibility import AccessGraph
from serviceperspektiv.core.graph import build_arc_graph, multi_source_dijkstra
from serviceperspektiv.core.network import build_network, edges_in_components
from serviceperspektiv.core.oneway import parse_direction
from serviceperspektiv.core.snapping import SegmentIndex, snap_points
from serviceperspektiv.core.speeds import load_speed_table, normalise_class, resolve_speeds

ACCESS_KMH = 7.2


def random_case(seed: int, n_nodes: int, n_edges: int):
    rng = np.random.default_rng(seed)
    pts = [tuple(map(float, rng.uniform(0, 1200, 2).round(3))) for _ in range(n_nodes)]
    lines = []  # (vertices, speed, direction)
    straight = set()
    for _ in range(n_edges):
        a, b = rng.choice(len(pts), 2, replace=True)
        if frozenset((pts[a], pts[b])) in straight:
            continue  # identical overlapping roads are a data error, not a parallel road
        straight.add(frozenset((pts[a], pts[b])))
        direction = int(rng.choice([0, 0, 0, 1, -1]))
        speed = float(rng.choice([10, 30, 50, 70]))
        lines.append(([pts[a], pts[b]], speed, direction))
        if rng.random() < 0.2 and pts[a] != pts[b]:
            # A parallel road between the same junctions, bent so that it does not overlap.
            off = rng.uniform(-80, 80, 2)
            bend = ((pts[a][0] + pts[b][0]) / 2 + off[0], (pts[a][1] + pts[b][1]) / 2 + off[1])
            lines.append(([pts[b], bend, pts[a]], float(rng.choice([10, 30, 90])), int(rng.choice([0, 1]))))
    origins = [tuple(rng.uniform(-100, 1200, 2)) for _ in range(6)]
    services = [tuple(rng.uniform(-100, 1200, 2)) for _ in range(3)]
    return lines, origins, services


def straight_edges(lines):
    """The reference works on straight edges: split polylines at their vertices."""
    return [(v[i], v[i + 1], speed, d) for v, speed, d in lines for i in range(len(v) - 1)]


def as_lines(edges):
    return [([a, b], speed, d) for a, b, speed, d in edges]


def engine_times(lines, origins, services, max_snap, use_scipy=None):
    if lines and len(lines[0]) == 4:
        lines = as_lines(lines)
    parts = [np.array(v, dtype=float) for v, _, _ in lines]
    speeds = np.array([e[1] for e in lines])
    directions = np.array([e[2] for e in lines], dtype=np.int8)
    net = build_network(parts, np.arange(len(parts)), speeds, directions, tolerance_m=0.01)
    index = SegmentIndex(net, edges_in_components(net))
    so = snap_points(net, np.array(origins), max_snap, index=index)
    ss = snap_points(net, np.array(services), max_snap, index=index)
    graph = AccessGraph(net, ss, so, ACCESS_KMH, use_scipy=use_scipy)
    return graph.nearest(np.arange(len(services)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), n_nodes=st.integers(3, 14), n_edges=st.integers(2, 24))
def test_engine_matches_reference_on_random_graphs(seed, n_nodes, n_edges):
    lines, origins, services = random_case(seed, n_nodes, n_edges)
    edges = straight_edges(lines)
    if all(a == b for a, b, _, _ in edges):
        return
    junctions = {v[0] for v, _, _ in lines} | {v[-1] for v, _, _ in lines}
    try:
        expected = route_times(edges, origins, services, 400.0, ACCESS_KMH, junctions)
    except AmbiguousComponents:
        assume(False)
    result = engine_times(lines, origins, services, 400.0)
    fallback = engine_times(lines, origins, services, 400.0, use_scipy=False)
    for j, (seconds, _) in enumerate(expected):
        if math.isinf(seconds):
            assert math.isnan(result.minutes[j]), (j, result.minutes[j])
            assert result.service[j] == -1
        else:
            assert result.minutes[j] == pytest.approx(seconds / 60.0, rel=1e-6, abs=1e-6)
            # Equal-time routes may differ in length; the reference's length is one of them.
            assert result.km[j] >= 0
        assert fallback.minutes[j] == pytest.approx(result.minutes[j], rel=1e-9, abs=1e-9, nan_ok=True)


def test_km_matches_reference_when_routes_are_unique():
    edges = [((0, 0), (1000, 0), 50, 0), ((1000, 0), (1000, 800), 30, 0), ((0, 0), (0, 900), 70, 0),
             ((0, 900), (1000, 800), 50, 0)]
    origins = [(500, 40), (20, 600)]
    services = [(1000, 400)]
    expected = route_times(edges, origins, services, 500, ACCESS_KMH)
    result = engine_times(edges, origins, services, 500)
    for j, (seconds, metres) in enumerate(expected):
        assert result.minutes[j] == pytest.approx(seconds / 60)
        assert result.km[j] == pytest.approx(metres / 1000)


def test_one_way_is_respected_from_origin_to_service():
    # A one-way street from x=0 to x=1000; service at the start, origin at the end: unreachable.
    edges = [((0, 0), (1000, 0), 36, 1)]
    result = engine_times(edges, [(1000, 0)], [(0, 0)], 10)
    assert math.isnan(result.minutes[0])
    # Against the digitising direction it works the other way round.
    result = engine_times(edges, [(0, 0)], [(1000, 0)], 10)
    assert result.minutes[0] == pytest.approx(100 / 60)


def test_mid_edge_snapping_charges_partial_edges_both_ways():
    edges = [((0, 0), (1000, 0), 36, 0)]  # 10 m/s
    result = engine_times(edges, [(300, 0), (900, 0)], [(600, 0)], 10)
    assert result.minutes == pytest.approx([30 / 60, 30 / 60])
    assert result.km == pytest.approx([0.3, 0.3])


def test_parallel_edges_keep_the_cheapest():
    slow = ((0, 0), (1000, 0), 10, 0)
    fast = ((0, 0), (1000, 0), 100, 0)
    result = engine_times([slow, fast, slow], [(0, 0)], [(1000, 0)], 10)
    assert result.minutes[0] == pytest.approx(36 / 60)


def test_duplicate_arcs_are_not_summed():
    graph = build_arc_graph(2, np.array([0, 0, 0]), np.array([1, 1, 1]), np.array([5.0, 3.0, 4.0]), np.ones(3))
    paths = multi_source_dijkstra(graph, np.array([0]))
    assert paths.dist[1] == 3.0


def test_zero_length_edges_and_repeated_vertices():
    parts = [np.array([[0, 0], [0, 0], [100, 0]]), np.array([[100, 0], [100, 0]]), np.array([[100, 0], [200, 0]])]
    net = build_network(parts, np.arange(3), np.array([36.0, 36.0, 36.0]), np.zeros(3, np.int8))
    assert net.n_edges == 2
    assert np.isfinite(net.edge_time_fwd_s).all() and (net.edge_time_fwd_s > 0).all()


def test_shared_interior_vertices_become_junctions():
    # Two lines crossing at a shared interior vertex (100, 0) are joined; a bare crossing is not.
    a = np.array([[0, 0], [100, 0], [200, 0]])
    b = np.array([[100, -100], [100, 0], [100, 100]])
    c = np.array([[150, -100], [150, 100]])  # crosses a without a shared vertex (a bridge)
    net = build_network([a, b, c], np.arange(3), np.full(3, 50.0), np.zeros(3, np.int8))
    assert net.n_components == 2
    assert net.component_sizes().max() == 5


def test_points_attach_only_to_the_main_component():
    edges = [((0, 0), (1000, 0), 36, 0), ((1000, 0), (2000, 0), 36, 0), ((0, 500), (100, 500), 36, 0)]
    result = engine_times(edges, [(50, 480)], [(2000, 0)], 1000)
    # The island edge is 20 m away but only the main edge (480 m away) may be used.
    assert result.minutes[0] == pytest.approx((480 / 2 + 195) / 60, rel=1e-6)


def test_snap_beyond_max_distance_is_null():
    net = build_network([np.array([[0, 0], [1000, 0]])], [0], np.array([50.0]), np.zeros(1, np.int8))
    snapped = snap_points(net, np.array([[500, 1600], [500, 1400], [np.nan, np.nan]]), 1500)
    assert list(snapped.edge >= 0) == [False, True, False]
    assert snapped.counts() == {"ok": 1, "too far from the network": 1, "no geometry": 1}


def test_snapping_finds_the_nearest_point_on_long_segments():
    rng = np.random.default_rng(1)
    parts = [rng.uniform(0, 20000, (2, 2)) for _ in range(200)]
    net = build_network(parts, np.arange(200), np.full(200, 50.0), np.zeros(200, np.int8))
    pts = rng.uniform(0, 20000, (300, 2))
    snapped = snap_points(net, pts, 1e9, edge_mask=np.ones(net.n_edges, bool))
    # Brute force over every segment.
    p0, p1 = net.seg_xy0, net.seg_xy1
    d = p1 - p0
    t = np.clip(((pts[:, None, :] - p0) * d).sum(-1) / (d * d).sum(-1), 0, 1)
    closest = p0 + t[..., None] * d
    brute = np.hypot(*(pts[:, None, :] - closest).transpose(2, 0, 1)).min(axis=1)
    assert snapped.dist_m == pytest.approx(brute)


@pytest.mark.parametrize("value,expected", [
    ("yes", 1), ("1", 1), ("true", 1), ("-1", -1), ("no", 0), (None, 0), (1, 1), (-1, -1),
    ("Med", 1), ("mot", -1), ("FT", 1), ("TF", -1), ("", 0), ("reversible", 0),
])
def test_direction_parsing(value, expected):
    assert parse_direction(value) == expected


def test_speed_table_and_defaults():
    table = load_speed_table()
    assert normalise_class(3) == "nvdb:3" and normalise_class("3") == "nvdb:3" and normalise_class(3.0) == "nvdb:3"
    assert normalise_class(" Residential ") == "residential"
    resolved = resolve_speeds(["primary", "footway", "nosuchclass", "track"], [None, 30, -5, 0], "car", table)
    assert resolved.speed_kmh[0] == table.class_speed_kmh("primary", "car")
    assert math.isnan(resolved.speed_kmh[1])  # cars may not use footways
    assert resolved.speed_kmh[2] == table.class_speed_kmh("default", "car") == 70
    assert resolved.n_defaulted == 3 and resolved.n_excluded == 1
    walk = resolve_speeds(["motorway", "footway"], None, "walk", table)
    assert math.isnan(walk.speed_kmh[0]) and walk.speed_kmh[1] == 5
