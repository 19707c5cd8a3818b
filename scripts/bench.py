"""Benchmark: the engine against SciPy as used before, SciPy lean + contracted, and QGIS's service area.

    python scripts/bench.py --out docs/benchmarks.md [--networks kommun,region,lan,sverige] [--quick]

Each network runs in its own child process (peak memory per network); the qgis_process runs
(QGIS's service area and our catchments, end to end) run from the parent. Methods are timed
interleaved within one run, so that load on a shared machine hits them alike.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BANDS = (5.0, 10.0, 20.0, 30.0)
N_CATCHMENT = 100
QGIS_TIMEOUT_S = 900
END_TO_END = ("tiny", "region", "lan")  # networks also run through qgis_process
FLOORS = ("tiny", "kommun", "region", "lan")  # networks where the catchment search floors are measured
POLYGON_COMPARISON = ("tiny", "kommun", "region", "lan")  # the numpy tracer against GDAL, same masks
TARGETS = {"region": 10.0, "lan": 20.0}  # catchments: QGIS service area / ours


def _timer():
    start = time.perf_counter()
    return lambda: time.perf_counter() - start


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_core(name: str) -> dict:
    from scipy.sparse.csgraph import dijkstra

    from scripts.bench_baselines import AugmentedGraph, catchment_matrix, lean_contracted
    from scripts.bench_networks import make
    from serviceperspektiv.core.accessibility import AccessGraph
    from serviceperspektiv.core.allocation import allocate, second_nearest
    from serviceperspektiv.core.catchments import CatchmentEngine, band_wkb, default_workers
    from serviceperspektiv.core.network import LineParts, build_network, edges_in_components
    from serviceperspektiv.core.snapping import SegmentIndex, snap_points

    data = make(name)
    out: dict = {"network": name, "arcs": data.n_arcs, "edges": len(data.speed), "cells": len(data.cells_xy),
                 "services": len(data.services_xy)}
    # The national case, as a user runs it: build, snap, graph, 8 types.
    national_cpu = time.process_time()
    t = _timer()
    # The lines as the layer readers hand them over: all vertices in one array, part offsets beside.
    n_edges = len(data.speed)
    lines = LineParts(data.edge_xy.reshape(-1, 2), np.arange(0, 2 * n_edges + 1, 2))
    network = build_network(lines, np.arange(n_edges), data.speed, data.direction)
    out["build_s"] = t()
    out["nodes"] = network.n_nodes
    t = _timer()
    index = SegmentIndex(network, edges_in_components(network))
    services = snap_points(network, data.services_xy, index=index)
    origins = snap_points(network, data.cells_xy, index=index)
    out["snap_s"] = t()
    t = _timer()
    graph = AccessGraph(network, services, origins, 5.0)
    graph.matrix()
    out["access_graph_s"] = t()
    red = graph.reduction
    out.update(junctions=red.n_reduced, pruned=red.n_pruned, contracted=red.n_contracted, reduced_arcs=red.graph.n_arcs)
    types = [np.flatnonzero(data.service_type == k) for k in range(8)]
    t = _timer()
    results = [graph.nearest(m) for m in types]
    out["nearest_s"] = t()
    out["peak_mib_nearest"] = _peak_mib()
    out["national_total_s"] = out["build_s"] + out["snap_s"] + out["access_graph_s"] + out["nearest_s"]
    out["national_cpu_s"] = time.process_time() - national_cpu

    # Nearest service, 8 types, interleaved: the engine (with route km and the origins' post-pass),
    # (1) SciPy as used before: dijkstra(min_only=True) on the augmented graph, (2) SciPy lean +
    # contracted: the road graph with chains contracted (trees kept), the bare call.
    t = _timer()
    before = AugmentedGraph(network, services, origins, 5.0)
    out["before_setup_s"] = t()
    t = _timer()
    lean_red, lean_matrix, lean_node = lean_contracted(network, services, 5.0)
    out["lean_setup_s"] = t()
    out["lean_junctions"] = lean_red.n_reduced
    spent = {"engine": 0.0, "engine_search": 0.0, "before": 0.0, "lean": 0.0}
    for m in types:
        attached = m[services.ok[m]]
        t = _timer()
        graph.nearest(m)
        spent["engine"] += t()
        t = _timer()
        dijkstra(graph.matrix(), directed=True, indices=graph.service_node[attached], min_only=True)
        spent["engine_search"] += t()
        t = _timer()
        before.raw(m)
        spent["before"] += t()
        t = _timer()
        dijkstra(lean_matrix, directed=True, indices=lean_node[attached], min_only=True)
        spent["lean"] += t()
    out.update({f"nearest_{k}_s": v for k, v in spent.items()})
    # The same numbers as before (one type): minutes and nearest service.
    before_min, before_service = before.nearest(types[0])
    out["same_as_before"] = bool(np.allclose(results[0].minutes, before_min, rtol=1e-9, atol=1e-9, equal_nan=True)
                                 and (results[0].service == before_service).all())
    del before, lean_matrix
    gc.collect()

    # Allocation: sums per service and the exact second-nearest for all 8 types; on the national
    # case only the sums (k full searches per type would keep make bench too long).
    with_second = name != "sverige"
    t = _timer()
    for m, r in zip(types, results):
        allocate(r, data.population, len(data.services_xy))
        if with_second:
            second_nearest(graph, m, r, want_km=False)
    out["allocation_s"] = t()
    out["allocation_second"] = with_second
    del graph, results
    gc.collect()

    # Catchments: the first 100 attached service points, 4 cumulative bands, polygons as WKB.
    chosen = np.flatnonzero(services.ok)[:N_CATCHMENT]
    bands_s = [b * 60.0 for b in BANDS]
    t = _timer()
    setup_cpu = time.process_time()
    engine = CatchmentEngine(network, services, 5.0, cell_size_m=100.0, off_speed_kmh=5.0, max_off_m=300.0)
    out["catchment_setup_s"] = t()
    setup_cpu = time.process_time() - setup_cpu
    out["workers"] = default_workers()
    t = _timer()
    cpu = time.process_time()
    grids = []
    n_polygons = 0
    for _s, grid, zones in engine.zones(chosen, bands_s):
        grids.append(grid)
        n_polygons += sum(wkb is not None for wkb, _area in zones)
    out["catchments_s"] = t() + out["catchment_setup_s"]
    out["catchments_cpu_s"] = time.process_time() - cpu + setup_cpu
    out["catchment_polygons"] = n_polygons
    out["peak_mib"] = _peak_mib()
    if name != "sverige":
        # One thread, stage by stage: the searches, the grids, the polygons (the method's parts).
        split = {"search": 0.0, "grid": 0.0, "polygons": 0.0}
        step = engine.batch_size()
        for start in range(0, len(chosen), step):
            chunk = chosen[start:start + step]
            t = _timer()
            times = engine.reduced_times(chunk, max(bands_s))
            split["search"] += t()
            for s, row in zip(chunk.tolist(), times):
                t = _timer()
                grid = engine.grid(s, row, max(bands_s))
                split["grid"] += t()
                t = _timer()
                for band in bands_s:
                    band_wkb(grid, engine.spec, band)
                split["polygons"] += t()
        out.update({f"catchment_{k}_one_thread_s": v for k, v in split.items()})
        out["catchments_one_thread_s"] = sum(split.values()) + out["catchment_setup_s"]
    # The polygon methods on the same masks, interleaved grid by grid: the numpy tracer (the
    # engine's) and GDAL's polygonize.
    spent = {"numpy": 0.0, "gdal": 0.0}
    for grid in grids:
        for method in (("numpy", "gdal") if name in POLYGON_COMPARISON else ("numpy",)):
            t = _timer()
            for band in bands_s:
                band_wkb(grid, engine.spec, band, method=method)
            spent[method] += t()
    out["polygons_s"] = spent["numpy"]
    if name in POLYGON_COMPARISON:
        out["polygons_gdal_s"] = spent["gdal"]
    if name in FLOORS:
        # 100 bounded searches (30 min), interleaved in chunks of 10: (1) as before, on the road
        # graph plus the services; (2) lean + contracted; the engine's reduced graph.
        old, old_node = catchment_matrix(network, services, 5.0)
        old_matrix = old.scipy_matrix()
        _, lean_fwd, lean_fwd_node = lean_contracted(network, services, 5.0, forward=True)
        floor = {"before": 0.0, "lean": 0.0, "engine": 0.0}
        for start in range(0, len(chosen), 10):
            chunk = chosen[start:start + 10]
            t = _timer()
            dijkstra(old_matrix, directed=True, indices=old_node[chunk], limit=max(bands_s))
            floor["before"] += t()
            t = _timer()
            dijkstra(lean_fwd, directed=True, indices=lean_fwd_node[chunk], limit=max(bands_s))
            floor["lean"] += t()
            t = _timer()
            engine.reduced_times(chunk, max(bands_s))
            floor["engine"] += t()
        out.update({f"catchment_search_{k}_s": v for k, v in floor.items()})
    else:
        t = _timer()
        for start in range(0, len(chosen), 10):
            engine.reduced_times(chosen[start:start + 10], max(bands_s))
        out["catchment_search_engine_s"] = t()
    if name in END_TO_END:
        from scripts.bench_native import write_gpkg

        gpkg = Path(tempfile.mkdtemp(prefix=f"bench-{name}-")) / f"{name}.gpkg"
        write_gpkg(gpkg, data.edge_xy, data.speed, data.direction, services.xy[chosen])
        out["gpkg"] = str(gpkg)
    return out


def run_osm() -> dict:
    from scripts.bench_osm import run

    return run()


def _qgis_processing():
    """A QgsApplication with Processing and our provider, for the children that need QGIS."""
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from serviceperspektiv.processing.provider import ServiceperspektivProvider

    provider = ServiceperspektivProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


def run_reading(gpkg: str, repeats: int = 2) -> dict:
    """Reading the road layer as catchments/nearestservice do, three ways, interleaved (best of ``repeats``).

    *features*: feature by feature through QGIS's geometry API (the reading before the bulk
    path, kept for invalid lines); *QGIS WKB*: every feature's WKB through QGIS, parsed at once
    (selections, filters, other CRSs, other providers); *GDAL*: the whole file through GDAL's
    Arrow stream (a plain GeoPackage or shapefile, as `qgis_process` runs get).
    """
    from qgis.core import QgsProcessingContext

    from serviceperspektiv.adapters.layers import read_lines, working_crs
    from serviceperspektiv.adapters.ogrtable import read_ogr_table, whole_layer
    from serviceperspektiv.processing.algorithms.catchments import CatchmentsAlgorithm

    _app, _provider = _qgis_processing()
    alg = CatchmentsAlgorithm()
    alg.initAlgorithm()
    context = QgsProcessingContext()
    parameters = {"ROADS": f"{gpkg}|layername=roads"}
    source = alg.parameterAsSource(parameters, "ROADS", context)
    layer = whole_layer(alg, parameters, "ROADS", context)
    crs = working_crs(source.sourceCrs())
    fields = ["speed", "oneway"]
    assert read_ogr_table(layer, crs, fields) is not None
    spent: dict[str, list[float]] = {"features": [], "qgis_wkb": [], "gdal": []}
    results = {}
    for _ in range(repeats):
        for name, kwargs in (("features", {"method": "features"}), ("qgis_wkb", {}), ("gdal", {"layer": layer})):
            t = _timer()
            results[name] = read_lines(source, crs, context, fields, **kwargs)
            spent[name].append(t())
    same = all(np.array_equal(results[k].coords, results["features"].coords)
               and np.array_equal(results[k].feature_ids, results["features"].feature_ids) for k in results)
    return {"features": int(results["gdal"].n_features), "same": bool(same),
            **{f"read_{k}_s": min(v) for k, v in spent.items()}}


def run_placeanalysis() -> dict:
    """Issue 14's measure through Processing (scripts/bench_placeanalysis.py), in a QGIS of its own."""
    from scripts.bench_placeanalysis import run

    _app, _provider = _qgis_processing()
    lines: list[str] = []
    info = run(lines)
    info["lines"] = lines
    return info


def versions() -> dict:
    import scipy

    info = {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__}
    try:
        from osgeo import gdal

        info["gdal"] = gdal.__version__
    except ImportError:
        info["gdal"] = "n/a"
    try:
        from qgis.core import Qgis

        info["qgis"] = Qgis.QGIS_VERSION
    except ImportError:
        info["qgis"] = "n/a"
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info["cpu"] = f"{cpu}, {os.cpu_count()} cores"
    try:
        mem = Path("/proc/meminfo").read_text().split()[1]
        info["memory"] = f"{int(mem) / 1024 / 1024:.0f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    try:
        info["load"] = f"load average at start {os.getloadavg()[0]:.1f}"
    except OSError:
        info["load"] = ""
    return info


def fmt(x, digits=2) -> str:
    if x is None or (isinstance(x, float) and not np.isfinite(x)):
        return "–"
    return f"{x:,.{digits}f}"


def ratio(a, b, digits=1) -> str:
    if a is None or b is None or not b or not np.isfinite(a) or not np.isfinite(b):
        return "–"
    return f"{a / b:.{digits}f}x"


def write_doc(rows: list[dict], osm: dict | None, path: Path, total_s: float, info: dict,
              place: dict | None = None, reading: dict | None = None) -> None:
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`scripts/bench.py`) on {date.today().isoformat()}; the whole run took "
        f"{total_s:.0f} s. Machine: {info['cpu']}, {info.get('memory', '?')} ({info['load']}); Python {info['python']}, "
        f"numpy {info['numpy']}, SciPy {info['scipy']}, GDAL {info['gdal']}, QGIS {info['qgis']}.",
        "",
        "Synthetic, deterministic networks (`scripts/bench_networks.py`): a perturbed 150 m lattice thinned to "
        "degree ~2.5, road hierarchy 90/60/30-40 km/h, 10 % one-way local streets, islands; 8 service types. "
        "*region* is the 180k-edge grid. All times in seconds of wall-clock, measured in this one run; the methods "
        "compared in a table were timed interleaved (type by type, or 10 searches at a time), so that other load "
        "on the machine hits them alike.",
        "",
        "## The graph the engine searches",
        "",
        "Dead-end trees pruned, then degree-2 chains contracted (`core/reduction.py`); the ends of every edge a "
        "service attaches to are kept. *Lean + contracted* keeps the trees.",
        "",
        "| network | arcs | road nodes | junctions searched | pruned (trees) | contracted (chains) | arcs searched "
        "| lean + contracted nodes | set-up (s) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(f"| {r['network']} | {r['arcs']:,} | {r['nodes']:,} | {r['junctions']:,} "
                     f"({100 * r['junctions'] / r['nodes']:.0f} %) | {r['pruned']:,} | {r['contracted']:,} | "
                     f"{r['reduced_arcs']:,} | {r['lean_junctions']:,} | {fmt(r['access_graph_s'])} |")
    lines += [
        "",
        "*Set-up* is the engine's whole access graph: reduction, service arcs, the origins' four ways in, the "
        "SciPy matrix; once per network and point set.",
        "",
        "## Nearest service, 8 types",
        "",
        "*Engine*: `AccessGraph.nearest`, minutes, route km and nearest-service id for every origin (the "
        "search on the reduced graph plus the origins' post-pass). *Engine search*: its bare SciPy call. "
        "(1) *SciPy before*: `dijkstra(min_only=True)` on the augmented graph (every service and origin a node), "
        "as the engine used it before. (2) *SciPy lean + contracted*: the road graph only, chains contracted, "
        "trees kept, the bare call.",
        "",
        "| network | cells | engine | engine search | (1) SciPy before | (2) lean + contracted | before / engine "
        "| same numbers as before | allocation (8 types) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['network']} | {r['cells']:,} | {fmt(r['nearest_engine_s'])} | {fmt(r['nearest_engine_search_s'])} | "
            f"{fmt(r['nearest_before_s'])} | {fmt(r['nearest_lean_s'])} | "
            f"{ratio(r['nearest_before_s'], r['nearest_engine_s'])} | {'yes' if r['same_as_before'] else 'NO'} | "
            f"{fmt(r['allocation_s'])}{'' if r['allocation_second'] else ' (sums only)'} |")
    if reading:
        lines += [
            "",
            "## Reading the road layer",
            "",
            f"The `{reading['network']}` roads ({reading['features']:,} lines, GeoPackage, with the speed and one-way "
            "fields), read as the network algorithms read them (`adapters/layers.py` `read_lines`), best of 2 "
            "interleaved runs: feature by feature through QGIS's geometry API, as before (and still for lines "
            f"that are not certainly valid): {fmt(reading['read_features_s'])} s; every feature's WKB through QGIS, "
            f"parsed at once (`core/wkb.py`; selections, filters, reprojection, other providers): "
            f"{fmt(reading['read_qgis_wkb_s'])} s; the whole file through GDAL's Arrow stream "
            f"(`adapters/ogrtable.py`; a plain GeoPackage or shapefile read whole, as `qgis_process` runs get): "
            f"{fmt(reading['read_gdal_s'])} s. The same vertices and feature ids all three ways: "
            f"{'yes' if reading['same'] else 'NO'} (bit for bit; tests/test_bulk_read.py compares them on real data).",
        ]
    lines += [
        "",
        "## The national case, stage by stage",
        "",
        "What a user's run does after the layers are read (no layer I/O): build the network from the lines "
        "(handed over as one vertex array, as the layer readers do), snap the services and the population "
        "cells (`core/snapping.py`), build the search graph (reduction, service arcs, the origins' ways in), "
        "then the nearest service of 8 types with minutes, route km and service id.",
        "",
        "| network | cells | build | snap | graph | 8 types | total | CPU s | peak MiB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['network']} | {r['cells']:,} | {fmt(r['build_s'])} | {fmt(r['snap_s'])} | {fmt(r['access_graph_s'])} | "
            f"{fmt(r['nearest_s'])} | {fmt(r['national_total_s'])} | {fmt(r.get('national_cpu_s'))} | "
            f"{r['peak_mib_nearest']:,.0f} |")
    lines += [
        "",
        "## Catchments, 100 points x 4 bands (5, 10, 20, 30 min) as polygons",
        "",
        "*Engine*: set-up plus `CatchmentEngine.zones` (searches, grids, polygons by the numpy tracer; "
        f"{rows[0].get('workers', 1)} worker threads for grids and polygons), no layer I/O. *One thread*: the "
        "same, stage by stage: the 100 bounded searches, the 100 time grids, the 400 polygons. *Searches*: the "
        "100 bounded SciPy searches alone on (1) the road graph plus the services, as before, (2) lean + "
        "contracted, and the engine's reduced graph. *QGIS service area*: `native:serviceareafromlayer` (lines "
        "only, 30 min) and *ours e2e*: `serviceperspektiv:catchments` (400 polygons), both through "
        "`qgis_process` from the same GeoPackage to a GeoPackage, QGIS start-up included (time-out "
        f"{QGIS_TIMEOUT_S} s).",
        "",
        "| network | engine | one thread: search + grids + polygons | searches (1) before | (2) lean + contr. "
        "| engine's | QGIS service area | ours e2e | QGIS / ours e2e | QGIS / engine | peak MiB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    cpu_rows = []
    for r in rows:
        native = r.get("native_s")
        split = (f"{fmt(r['catchments_one_thread_s'])} = {fmt(r['catchment_setup_s'])} + "
                 f"{fmt(r['catchment_search_one_thread_s'])} + {fmt(r['catchment_grid_one_thread_s'])} + "
                 f"{fmt(r['catchment_polygons_one_thread_s'])}" if r.get("catchments_one_thread_s") else "–")
        lines.append(
            f"| {r['network']} | {fmt(r['catchments_s'])} | {split} | "
            f"{fmt(r.get('catchment_search_before_s'))} | {fmt(r.get('catchment_search_lean_s'))} | "
            f"{fmt(r.get('catchment_search_engine_s'))} | "
            f"{('> ' if r.get('native_timeout') else '') + fmt(native, 1) if native else 'not run'} | "
            f"{fmt(r.get('ours_e2e_s'), 1) if r.get('ours_e2e_s') else 'not run'} | "
            f"{ratio(native, r.get('ours_e2e_s'))} | {ratio(native, r['catchments_s'])} | {r['peak_mib']:,.0f} |")
        if r.get("native_cpu_s"):
            cpu_rows.append(
                f"| {r['network']} | {fmt(r['catchments_cpu_s'])} | {fmt(r['native_cpu_s'], 1)} | "
                f"{fmt(r.get('ours_e2e_cpu_s'), 1)} | {fmt(r.get('startup_s'), 1)} / {fmt(r.get('startup_cpu_s'), 1)} | "
                f"{ratio(r['native_cpu_s'], r.get('ours_e2e_cpu_s'))} | {ratio(r['native_cpu_s'], r['catchments_cpu_s'])} |")
    lines += ["", "*Set-up* (the first term of *one thread*): the reduction, the search graph, the samples per grid "
              "cell; once per network and service set."]
    if cpu_rows:
        lines += ["", "The same runs in CPU seconds (all threads and child processes; less sensitive to other load "
                  "on a shared machine than wall-clock):", "",
                  "| network | engine | QGIS service area | ours e2e | QGIS start-up alone (wall / CPU) "
                  "| QGIS / ours e2e | QGIS / engine |", "|---|---|---|---|---|---|---|"] + cpu_rows
    comparison = [r for r in rows if r.get("polygons_gdal_s")]
    if comparison:
        lines += ["", "Polygon method, the same masks (all 4 bands of the 100 points, one thread, interleaved grid by "
                  "grid): " + "; ".join(
                      f"{r['network']}: numpy tracer {fmt(r['polygons_s'])} s, GDAL's polygonize "
                      f"{fmt(r['polygons_gdal_s'])} s ({ratio(r['polygons_gdal_s'], r['polygons_s'])} the tracer's time)"
                      for r in comparison) + ". Both give the same polygons (tests/test_catchments_core.py)."]
    lines += ["", "## Targets", ""]
    for r in rows:
        target = TARGETS.get(r["network"])
        native = r.get("native_s")
        if target and native:
            e2e = r.get("ours_e2e_s")
            got = native / e2e if e2e else float("nan")
            engine_got = native / r["catchments_s"]
            floor = (r.get("catchment_search_one_thread_s") or 0) + (r.get("catchment_polygons_one_thread_s") or 0)
            io = (e2e or 0) - r["catchments_s"] - (r.get("startup_s") or 0)
            lines.append(
                f"- {r['network']} catchments, end to end through qgis_process on both sides (reading and writing "
                f"GeoPackages, QGIS start-up included): QGIS's service area {fmt(native, 1)} s / ours "
                f"{fmt(e2e, 1)} s = {got:.1f}x ({'met' if got >= target else 'MISSED'}; target >= {target:g}x). "
                f"Ours without layer I/O (the engine alone): {engine_got:.1f}x "
                f"({'met' if engine_got >= target else 'missed'} by that measure). Of ours e2e, QGIS's start-up is "
                f"{fmt(r.get('startup_s'), 1)} s, the engine {fmt(r['catchments_s'])} s, the rest (reading, "
                f"snapping, writing, Processing) {fmt(io, 1)} s. Floor of the method on one thread: the searches "
                f"({fmt(r.get('catchment_search_one_thread_s'))} s) plus the polygons "
                f"({fmt(r.get('catchment_polygons_one_thread_s'))} s) = {fmt(floor)} s."
                + (f" In CPU seconds: QGIS {fmt(r['native_cpu_s'], 1)} s, ours e2e {fmt(r.get('ours_e2e_cpu_s'), 1)} s, "
                   f"{ratio(r['native_cpu_s'], r.get('ours_e2e_cpu_s'))}." if r.get("native_cpu_s") else ""))
        if r["network"] == "sverige":
            peak = r["peak_mib_nearest"]
            time_ok, memory_ok = r["national_total_s"] < 60, peak < 4096
            lines.append(
                f"- national case (build + snap + graph + 8 types, 600k cells, no layer I/O): "
                f"{r['national_total_s']:.1f} s ({'met' if time_ok else 'MISSED'}; target < 60 s): build "
                f"{fmt(r['build_s'])}, snap {fmt(r['snap_s'])}, graph {fmt(r['access_graph_s'])}, 8 types "
                f"{fmt(r['nearest_s'])} (CPU seconds of the same steps: {fmt(r.get('national_cpu_s'))}). "
                f"Peak {peak:,.0f} MiB ({'met' if memory_ok else 'MISSED'}; target < 4 GiB); "
                f"the peak column above ({r['peak_mib']:,.0f} MiB) also holds the baselines, allocation and catchments. "
                f"Floor of the method: the 8 bare SciPy searches on the reduced graph take "
                f"{fmt(r['nearest_engine_search_s'])} s.")
    if place:
        lines += [""] + place.get("lines", [])
    if osm:
        lines += [
            "",
            "## A real network: OpenStreetMap",
            "",
            f"`tests/data/osm/finland-sample.osm.pbf` (© OpenStreetMap contributors, ODbL): {osm['features']} "
            f"`highway=*` lines, read with GDAL's OSM driver, car speeds from the plugin's table, one-way tags "
            f"respected. {osm['nodes']:,} road nodes and {osm['arcs']:,} arcs; the engine searches "
            f"{osm['junctions']:,} junctions ({100 * osm['junctions'] / osm['nodes']:.0f} %) and "
            f"{osm['reduced_arcs']:,} arcs: {osm['pruned']} nodes in dead-end trees "
            f"({100 * osm['pruned'] / osm['nodes']:.0f} %), {osm['contracted']} inside chains. Lean + contracted "
            f"alone keeps {osm['lean_junctions']:,} nodes. 8 types of 3 services, 2,000 origins, mean of "
            f"{osm['repeat']} interleaved runs: engine {osm['engine_ms']:.1f} ms (bare search "
            f"{osm['engine_search_ms']:.1f} ms), (1) SciPy before {osm['before_ms']:.1f} ms, (2) lean + contracted "
            f"{osm['lean_ms']:.1f} ms; same minutes as before: {'yes' if osm['same_minutes'] else 'NO'}. On a "
            "network this small the fixed cost per call (post-pass, route km) is most of the engine's time.",
        ]
    lines += [
        "",
        "Raw numbers per network (JSON) are printed by `make bench` on standard output.",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/benchmarks.md")
    parser.add_argument("--networks", default="kommun,region,lan,sverige")
    parser.add_argument("--quick", action="store_true", help="tiny network only (smoke test)")
    parser.add_argument("--no-qgis", action="store_true", help="skip the qgis_process runs")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        children = {"osm": run_osm, "placeanalysis": run_placeanalysis}
        if args.child.startswith("reading:"):
            result = run_reading(args.child.split(":", 1)[1])
        else:
            result = children[args.child]() if args.child in children else run_core(args.child)
        print(json.dumps(result), flush=True)
        os._exit(0)  # no QGIS teardown: the numbers are out
    info = versions()
    names = ["tiny"] if args.quick else args.networks.split(",")
    t = _timer()
    rows = []
    for name in names:
        done = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        row = json.loads(done.stdout.strip().splitlines()[-1])
        if name in END_TO_END and not args.no_qgis:
            from scripts.bench_native import run_both

            row.update(run_both(Path(row["gpkg"]), BANDS, QGIS_TIMEOUT_S))
        print(json.dumps(row), flush=True)
        rows.append(row)
    done = subprocess.run([sys.executable, __file__, "--child", "osm"], capture_output=True, text=True)
    osm = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else None
    if osm is None:
        print(done.stderr, file=sys.stderr)
    print(json.dumps(osm), flush=True)
    reading = None
    region = next((r for r in rows if r["network"] in ("region", "tiny") and r.get("gpkg")), None)
    if region is not None:
        done = subprocess.run([sys.executable, __file__, "--child", f"reading:{region['gpkg']}"], capture_output=True,
                              text=True)
        reading = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 and done.stdout.strip() else None
        if reading is None:
            print(done.stderr[-2000:], file=sys.stderr)
        else:
            reading["network"] = region["network"]
        print(json.dumps(reading), flush=True)
    place = None
    if not args.quick and not args.no_qgis:
        done = subprocess.run([sys.executable, __file__, "--child", "placeanalysis"], capture_output=True, text=True)
        place = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 and done.stdout.strip() else None
        if place is None:
            print(done.stderr[-2000:], file=sys.stderr)
        print(json.dumps(place), flush=True)
    write_doc(rows, osm, Path(args.out), t(), info, place, reading)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
