"""Core catchments: areas against an analytic answer, lakes, one-way streets, the polygon tracer."""
from __future__ import annotations

import numpy as np
import pytest

from serviceperspektiv.core.catchments import (
    CatchmentEngine,
    CatchmentError,
    band_wkb,
    merge_grids,
    parse_bands,
    values_at,
)
from serviceperspektiv.core.network import build_network
from serviceperspektiv.core.polygons import HAVE_GDAL, mask_wkb, multipolygon_wkb, trace_mask
from serviceperspektiv.core.snapping import snap_points

shapely = pytest.importorskip("shapely")


def straight_road(v_kmh: float = 36.0, half: float = 5000.0, direction: int = 0):
    net = build_network([np.array([[-half, 0.0], [half, 0.0]])], [0], np.array([v_kmh]), np.array([direction], np.int8))
    return net


def true_area(v: float, w: float, band_s: float, dmax: float, step: float = 2.0) -> float:
    """Area of {p : min over road points x of |x|/v + |p - x|/w <= band, |p - x| <= dmax} (road = x axis)."""
    reach = v * band_s + w * band_s
    a = np.arange(-reach, reach, step) + step / 2
    d = np.arange(0, min(dmax, w * band_s) + step, step) + step / 2
    aa, dd = np.meshgrid(np.abs(a), d)
    sin = w / v
    cos = np.sqrt(1 - sin * sin)
    # The best leg leaves the road at angle theta (sin theta = w / v), unless that point is
    # behind the start; with dmax binding, the leg is as long as allowed.
    leg = dd / cos
    t_snell = np.where(aa >= dd * sin / cos, aa / v + dd * cos / w, np.hypot(aa, dd) / w)
    t_dmax = (aa - np.sqrt(np.maximum(dmax**2 - dd**2, 0))) / v + dmax / w
    t = np.where(leg <= dmax, t_snell, np.maximum(t_snell, t_dmax))
    t = np.where(dd <= dmax, t, np.inf)
    return float((t <= band_s).sum() * step * step * 2)


@pytest.mark.parametrize("cell,dmax", [(10.0, 300.0), (10.0, 80.0), (25.0, 300.0)])
def test_straight_road_area_matches_analytic(cell, dmax):
    net = straight_road()
    services = snap_points(net, np.array([[3.0, 0.0]]))
    engine = CatchmentEngine(net, services, access_speed_kmh=5.0, cell_size_m=cell, off_speed_kmh=5.0, max_off_m=dmax)
    band = 120.0
    (_, grid), = list(engine.grids(np.array([0]), band))
    wkb, area = band_wkb(grid, engine.spec, band)
    expected = true_area(10.0, 5 / 3.6, band, dmax)
    # Conservative by construction: the road cell's time is charged the leg to its centre, so
    # the catchment loses at most about one cell of width along the road (documented), never gains.
    width = min(dmax, 5 / 3.6 * band)  # the mean width of the rhombus
    assert expected * (1 - 1.1 * cell / width) <= area <= expected * 1.01
    geometry = shapely.from_wkb(wkb)
    assert geometry.is_valid and geometry.area == pytest.approx(area)
    # The reached network: 10 m/s for 120 s each way from the service is 2400 m of road.
    xy, t = engine.sample_times(0, engine.node_times(np.array([0]), band)[0])
    reached = xy[t <= band, 0]
    assert reached.min() == pytest.approx(3 - 1200, abs=cell) and reached.max() == pytest.approx(3 + 1200, abs=cell)
    # Every road cell within the reach is covered (less the leg to the cell centre, charged at
    # walking speed: 3.6 * cell of road at 10 m/s), none beyond it (plus the walk at the ends).
    xs = np.arange(-1200 + 5 * cell, 1200 - 5 * cell, 5.0)
    assert (values_at(grid, engine.spec, np.column_stack([xs, np.full(len(xs), 0.01)])) <= band).all()
    xs = np.r_[np.arange(-5000, -1400, 5.0), np.arange(1400, 5000, 5.0)]
    assert np.isinf(values_at(grid, engine.spec, np.column_stack([xs, np.full(len(xs), 0.01)]))).all()


def test_one_way_street_far_side_not_covered():
    # Driving is allowed only towards -x: from a service at x=0 nothing at x > 0 is reached by road.
    net = straight_road(direction=-1)
    services = snap_points(net, np.array([[0.0, 0.0]]))
    engine = CatchmentEngine(net, services, 5.0, cell_size_m=10.0, max_off_m=200.0)
    (_, grid), = list(engine.grids(np.array([0]), 120.0))
    t_left = values_at(grid, engine.spec, np.array([[-1000.0, 0.0], [-500.0, 50.0]]))
    t_right = values_at(grid, engine.spec, np.array([[1000.0, 0.0], [1000.0, 50.0], [300.0, 0.0]]))
    assert np.isfinite(t_left).all()
    assert np.isinf(t_right).all()
    # Only the walk from the service itself (<= 200 m) is covered on the forbidden side.
    wkb, _ = band_wkb(grid, engine.spec, 120.0)
    geometry = shapely.from_wkb(wkb)
    assert geometry.bounds[2] <= 200 + 10


def lake_network():
    """A 2 km wide lake with the road around it: east shore is 2 km away by air, 8 km by road."""
    parts = [
        np.array([[0.0, 0.0], [0.0, 2000.0]]),  # west shore
        np.array([[0.0, 2000.0], [0.0, 5000.0], [2000.0, 5000.0], [2000.0, 2000.0]]),  # around the north
        np.array([[2000.0, 2000.0], [2000.0, 0.0]]),  # east shore
    ]
    return build_network(parts, [0, 1, 2], np.array([50.0, 50.0, 50.0]), np.zeros(3, np.int8))


def test_far_side_of_lake_not_covered():
    net = lake_network()
    services = snap_points(net, np.array([[-20.0, 1000.0]]))
    engine = CatchmentEngine(net, services, 5.0, cell_size_m=25.0, max_off_m=300.0)
    band = 5 * 60.0  # 50 km/h for 5 min: 4.2 km of road, less than the 9 km around the lake
    (_, grid), = list(engine.grids(np.array([0]), band))
    wkb, area = band_wkb(grid, engine.spec, band)
    geometry = shapely.from_wkb(wkb)
    assert geometry.contains(shapely.Point(0, 1500))
    assert not geometry.intersects(shapely.box(350, -500, 1650, 1900))  # the lake
    assert not geometry.intersects(shapely.box(1700, 0, 2300, 2000))  # the east shore
    assert geometry.area == pytest.approx(area)


@pytest.mark.parametrize("use_scipy", [True, False])
def test_grid_network_scipy_and_heapq_agree(use_scipy):
    from tests.test_allocation_core import grid_network

    net = grid_network(n=10, seed=4)
    services = snap_points(net, np.array([[250.0, 320.0], [700.0, 810.0]]))
    ref = CatchmentEngine(net, services, 5.0, cell_size_m=20.0, use_scipy=True)
    eng = CatchmentEngine(net, services, 5.0, cell_size_m=20.0, use_scipy=use_scipy)
    for (s1, g1), (s2, g2) in zip(ref.grids(np.arange(2), 90.0), eng.grids(np.arange(2), 90.0)):
        assert s1 == s2 and (g1.i0, g1.j0) == (g2.i0, g2.j0)
        np.testing.assert_allclose(g1.times, g2.times, rtol=1e-5)
    merged = merge_grids([g for _, g in eng.grids(np.arange(2), 90.0)])
    assert merged.times.size > 0


def test_band_exceeding_reach_is_flagged():
    net = lake_network()
    services = snap_points(net, np.array([[0.0, 1000.0]]))
    engine = CatchmentEngine(net, services, 5.0, cell_size_m=50.0)
    (_, grid), = list(engine.grids(np.array([0]), 3600.0))
    assert grid.saturated and grid.reach_s < 3600.0
    (_, grid), = list(engine.grids(np.array([0]), 60.0))
    assert not grid.saturated


def test_parse_bands():
    assert parse_bands("5,10, 20,30") == [5, 10, 20, 30]
    assert parse_bands("10;5") == [5, 10]
    for bad in ["", "5,x", "0,5", "-5", ",".join(str(i) for i in range(1, 14))]:
        with pytest.raises(CatchmentError):
            parse_bands(bad)


def test_trace_mask_random_masks_are_valid_and_exact():
    """The numpy tracer itself (the fallback without GDAL): rings in cell-corner units."""
    rng = np.random.default_rng(0)
    for _ in range(60):
        mask = rng.random((rng.integers(1, 25), rng.integers(1, 25))) < rng.random()
        polygons = trace_mask(mask)
        if not mask.any():
            assert polygons == []
            continue
        geometry = shapely.from_wkb(multipolygon_wkb(polygons))
        assert geometry.is_valid
        assert geometry.area == pytest.approx(mask.sum())
        ii, jj = np.mgrid[0:mask.shape[0], 0:mask.shape[1]]
        inside = shapely.contains(geometry, shapely.points(jj.ravel() + 0.5, ii.ravel() + 0.5)).reshape(mask.shape)
        assert (inside == mask).all()


def test_trace_mask_hole():
    mask = np.ones((5, 5), bool)
    mask[2, 2] = False
    (polygon,) = trace_mask(mask)
    assert len(polygon) == 2
    assert shapely.Polygon(polygon[0], [polygon[1]]).area == 24


def test_fast_grid_equals_the_sample_path():
    from tests.test_allocation_core import grid_network

    net = grid_network(n=12, seed=9)
    services = snap_points(net, np.array([[250.0, 320.0], [700.0, 810.0], [33.0, 980.0]]))
    engine = CatchmentEngine(net, services, 5.0, cell_size_m=20.0, max_off_m=100.0)
    for s in range(3):
        node_time = engine.node_times(np.array([s]), 120.0)[0]
        slow = engine.grid_from_samples(*engine.sample_times(s, node_time), 120.0)
        fast = engine.fast_grid(s, node_time, 120.0)
        assert (slow.i0, slow.j0, slow.times.shape) == (fast.i0, fast.j0, fast.times.shape)
        np.testing.assert_allclose(fast.times, slow.times, rtol=1e-5)


METHODS = ["numpy"] + (["gdal"] if HAVE_GDAL else [])


@pytest.mark.parametrize("method", METHODS)
def test_mask_polygons_are_valid_exact_and_placed(method):
    rng = np.random.default_rng(1)
    for _ in range(150):
        mask = rng.random((rng.integers(1, 30), rng.integers(1, 30))) < rng.random()
        wkb = mask_wkb(mask, 1000.0, 2000.0, 10.0, method)
        if not mask.any():
            assert wkb is None
            continue
        geometry = shapely.from_wkb(wkb)
        assert geometry.geom_type == "MultiPolygon" and geometry.is_valid
        assert geometry.area == pytest.approx(mask.sum() * 100.0)
        # Cell (i, j) covers [1000 + 10 j, +10] x [2000 + 10 i, +10]: its centre is inside iff it is set.
        ii, jj = np.mgrid[0:mask.shape[0], 0:mask.shape[1]]
        centres = shapely.points(1005.0 + 10 * jj.ravel(), 2005.0 + 10 * ii.ravel())
        assert (shapely.contains(geometry, centres).reshape(mask.shape) == mask).all()


@pytest.mark.skipif(not HAVE_GDAL, reason="GDAL (osgeo) not importable")
def test_gdal_and_numpy_give_the_same_catchment_polygons():
    """The same polygons from both methods, on real catchment grids (holes, islands, touching cells)."""
    from tests.test_allocation_core import grid_network

    net = grid_network(n=12, seed=9)
    services = snap_points(net, np.array([[250.0, 320.0], [700.0, 810.0], [33.0, 980.0]]))
    engine = CatchmentEngine(net, services, 5.0, cell_size_m=10.0, max_off_m=40.0)
    for _s, grid in engine.grids(np.arange(3), 150.0):
        for band in (30.0, 60.0, 150.0):
            gdal_wkb, area = band_wkb(grid, engine.spec, band, method="gdal")
            numpy_wkb, area2 = band_wkb(grid, engine.spec, band, method="numpy")
            a, b = shapely.from_wkb(gdal_wkb), shapely.from_wkb(numpy_wkb)
            assert a.is_valid and b.is_valid and area == area2
            assert len(a.geoms) == len(b.geoms) and len(shapely.get_parts(a)) > 0
            assert a.symmetric_difference(b).area == 0.0 and a.area == pytest.approx(area)
            assert sum(len(p.interiors) for p in a.geoms) == sum(len(p.interiors) for p in b.geoms)


@pytest.mark.skipif(not HAVE_GDAL, reason="GDAL (osgeo) not importable")
def test_tracer_and_gdal_agree_on_random_masks_with_saddles_and_holes():
    """The corner tracer against GDAL on masks full of diagonal touches, holes touching shells and islands in holes."""
    rng = np.random.default_rng(7)
    for _ in range(400):
        h, w = rng.integers(1, 40, 2)
        mask = rng.random((h, w)) < rng.uniform(0.2, 0.8)
        a = mask_wkb(mask, 500.0, 6000.0, 25.0, "gdal")
        b = mask_wkb(mask, 500.0, 6000.0, 25.0, "numpy")
        if a is None:
            assert b is None
            continue
        g, t = shapely.from_wkb(a), shapely.from_wkb(b)
        assert t.is_valid and len(g.geoms) == len(t.geoms)
        assert sum(len(p.interiors) for p in g.geoms) == sum(len(p.interiors) for p in t.geoms)
        assert g.symmetric_difference(t).area == 0.0 and t.area == mask.sum() * 625.0
        # Only corners are vertices: no point lies in the middle of a straight edge.
        for polygon in t.geoms:
            for ring in [polygon.exterior, *polygon.interiors]:
                xy = np.asarray(ring.coords)[:-1]
                before, after = np.roll(xy, 1, axis=0), np.roll(xy, -1, axis=0)
                cross = (xy - before)[:, 0] * (after - xy)[:, 1] - (xy - before)[:, 1] * (after - xy)[:, 0]
                assert (cross != 0).all()


def test_zones_in_threads_equal_the_plain_grids_and_stop_when_closed():
    from tests.test_allocation_core import grid_network

    net = grid_network(n=12, seed=5)
    rng = np.random.default_rng(5)
    services = snap_points(net, rng.random((9, 2)) * 1100)
    engine = CatchmentEngine(net, services, 5.0, cell_size_m=20.0, max_off_m=60.0)
    bands = [30.0, 90.0]
    plain = [(s, grid, [band_wkb(grid, engine.spec, b) for b in bands]) for s, grid in engine.grids(np.arange(9), 90.0)]
    for workers in (1, 3):
        got = list(engine.zones(np.arange(9), bands, workers=workers))
        assert [s for s, _, _ in got] == list(range(9))
        for (s1, g1, z1), (s2, g2, z2) in zip(plain, got):
            assert s1 == s2
            np.testing.assert_array_equal(g1.times, g2.times)
            assert z1 == z2
    # Closing the generator early (a cancelled run) stops the workers and returns.
    zones = engine.zones(np.arange(9), bands, workers=2)
    next(zones)
    zones.close()
