"""The faster snapping gives exactly what it gave before (tests/snapping_before.py): same edge,
fraction, distance, point and status, also on exact ties (points at shared nodes) and beyond
MAX_SNAP_DISTANCE."""
from __future__ import annotations

import numpy as np
import pytest

from serviceperspektiv.core.network import LineParts, build_network, edges_in_components
from serviceperspektiv.core.snapping import SegmentIndex, snap_points
from tests import snapping_before

FIELDS = ("edge", "frac", "dist_m", "xy", "status")


def _same(network, xy, max_snap=1500.0, mask=None):
    before = snapping_before.snap_points(network, xy, max_snap, edge_mask=mask)
    now = snap_points(network, xy, max_snap, edge_mask=mask)
    for name in FIELDS:
        np.testing.assert_array_equal(getattr(now, name), getattr(before, name), err_msg=name)
    return now


@pytest.fixture(scope="module")
def kommun():
    from scripts.bench_networks import make

    data = make("kommun")
    n = len(data.speed)
    network = build_network(LineParts(data.edge_xy.reshape(-1, 2), np.arange(0, 2 * n + 1, 2)), np.arange(n),
                            data.speed, data.direction)
    return data, network


def test_synthetic_municipality_cells_services_and_ties(kommun):
    data, network = kommun
    mask = edges_in_components(network)
    _same(network, data.cells_xy, mask=mask)
    _same(network, data.services_xy, mask=mask)
    rng = np.random.default_rng(3)
    nodes = network.node_xy[rng.integers(0, network.n_nodes, 3000)]
    at_nodes = _same(network, nodes, mask=mask)
    # Points on a node shared by several edges are exact ties: the distance (0) is the same to all.
    # (Nodes on islands, outside the main component, snap elsewhere.)
    on_node = at_nodes.dist_m == 0
    assert on_node.mean() > 0.9 and ((at_nodes.frac[on_node] == 0) | (at_nodes.frac[on_node] == 1)).all()
    _same(network, nodes + rng.normal(0, 40, nodes.shape), mask=mask)
    # Beyond MAX_SNAP_DISTANCE, and without coordinates.
    far = _same(network, np.vstack([nodes[:500] + 5000.0, [[np.nan, np.nan]]]), max_snap=300.0, mask=mask)
    assert far.counts().get("too far from the network", 0) > 0 and far.counts()["no geometry"] == 1


def test_real_osm_network(qgis_app):
    from osgeo import ogr

    from tests.conftest import DATA

    source = ogr.Open(str(DATA / "osm" / "finland-sample.osm.pbf"))
    layer = source.GetLayerByName("lines")
    layer.SetAttributeFilter("highway IS NOT NULL")
    from osgeo import osr

    to_sweref = osr.CoordinateTransformation(layer.GetSpatialRef(), osr.SpatialReference(wkt=_sweref()))
    parts = []
    for feature in layer:
        geometry = feature.GetGeometryRef().Clone()
        geometry.Transform(to_sweref)
        parts.append(np.array(geometry.GetPoints())[:, :2])
    network = build_network(parts, np.arange(len(parts)), np.full(len(parts), 50.0), np.zeros(len(parts), np.int8))
    lo, hi = network.node_xy.min(axis=0), network.node_xy.max(axis=0)
    rng = np.random.default_rng(11)
    points = np.vstack([rng.uniform(lo - 300, hi + 300, (4000, 2)), network.node_xy,
                        (network.seg_xy0 + network.seg_xy1) / 2])
    _same(network, points, max_snap=250.0)
    index = SegmentIndex(network)
    assert index.tree is not None


def _sweref() -> str:
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs.ExportToWkt()
