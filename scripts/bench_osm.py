"""The reduction on a real road network: OpenStreetMap lines from a .osm.pbf (read with GDAL's OSM driver).

Roads are the ``highway=*`` lines, with ``oneway`` and ``maxspeed`` from GDAL's ``other_tags``,
speeds by the plugin's own car table, measured in SWEREF99 TM. Data © OpenStreetMap contributors (ODbL).
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np

TAG = re.compile(r'"([^"]+)"=>"([^"]*)"')
ROOT = Path(__file__).resolve().parent.parent
PBF = ROOT / "tests" / "data" / "osm" / "finland-sample.osm.pbf"


def read_osm_roads(path: Path):
    """(parts in metres, part feature, speed km/h, direction) of the car roads in an OSM extract."""
    from osgeo import ogr, osr

    from serviceperspektiv.core.oneway import parse_directions
    from serviceperspektiv.core.speeds import load_speed_table, resolve_speeds

    wgs84, sweref = osr.SpatialReference(), osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    sweref.ImportFromEPSG(3006)
    for srs in (wgs84, sweref):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_metric = osr.CoordinateTransformation(wgs84, sweref)
    source = ogr.Open(str(path))
    layer = source.GetLayerByName("lines")
    parts, classes, maxspeed, oneway = [], [], [], []
    for feature in layer:
        highway = feature.GetField("highway")
        if not highway:
            continue
        tags = dict(TAG.findall(feature.GetField("other_tags") or ""))
        geometry = feature.GetGeometryRef().Clone()
        geometry.Transform(to_metric)
        parts.append(np.array(geometry.GetPoints())[:, :2])
        classes.append(highway)
        maxspeed.append(tags.get("maxspeed"))
        oneway.append(tags.get("oneway"))
    speeds = resolve_speeds(classes, maxspeed, "car", load_speed_table())
    return parts, np.arange(len(parts)), speeds.speed_kmh, parse_directions(oneway)


def run(repeat: int = 50, seed: int = 5) -> dict:
    """Nodes before and after the reduction, and the search times of the three set-ups."""
    from scripts.bench_baselines import AugmentedGraph, lean_contracted
    from serviceperspektiv.core.accessibility import AccessGraph
    from serviceperspektiv.core.network import build_network, edges_in_components
    from serviceperspektiv.core.snapping import SegmentIndex, snap_points

    parts, feature, speed, direction = read_osm_roads(PBF)
    network = build_network(parts, feature, speed, direction)
    rng = np.random.default_rng(seed)
    lo, hi = network.node_xy.min(axis=0), network.node_xy.max(axis=0)
    index = SegmentIndex(network, edges_in_components(network))
    services = snap_points(network, lo + rng.random((24, 2)) * (hi - lo), index=index)
    origins = snap_points(network, lo + rng.random((2000, 2)) * (hi - lo), index=index)
    graph = AccessGraph(network, services, origins, 5.0)
    bare = AccessGraph(network, services, origins, 5.0, reduce=False)
    before = AugmentedGraph(network, services, origins, 5.0)
    lean_red, lean_matrix, lean_node = lean_contracted(network, services, 5.0)
    from scipy.sparse.csgraph import dijkstra

    types = [np.arange(k, 24, 8) for k in range(8)]
    times = {"engine": 0.0, "engine_search": 0.0, "before": 0.0, "lean": 0.0}
    for _ in range(repeat):  # interleaved, so that load on the machine hits all three alike
        for members in types:
            start = time.perf_counter()
            graph.nearest(members)
            times["engine"] += time.perf_counter() - start
            start = time.perf_counter()
            dijkstra(graph.matrix(), directed=True, indices=graph.service_node[members[services.ok[members]]],
                     min_only=True)
            times["engine_search"] += time.perf_counter() - start
            start = time.perf_counter()
            before.raw(members)
            times["before"] += time.perf_counter() - start
            start = time.perf_counter()
            dijkstra(lean_matrix, directed=True, indices=lean_node[members[services.ok[members]]], min_only=True)
            times["lean"] += time.perf_counter() - start
    same = np.allclose(graph.nearest(np.arange(24)).minutes, before.nearest(np.arange(24))[0], equal_nan=True)
    red = graph.reduction
    return {
        "features": len(parts), "nodes": network.n_nodes, "edges": network.n_edges, "arcs": network.forward.n_arcs,
        "junctions": red.n_reduced, "pruned": red.n_pruned, "contracted": red.n_contracted,
        "reduced_arcs": red.graph.n_arcs, "lean_junctions": lean_red.n_reduced, "bare_nodes": bare.reduction.n_reduced,
        "repeat": repeat, "engine_ms": 1000 * times["engine"] / repeat,
        "engine_search_ms": 1000 * times["engine_search"] / repeat, "before_ms": 1000 * times["before"] / repeat,
        "lean_ms": 1000 * times["lean"] / repeat, "same_minutes": bool(same),
    }
