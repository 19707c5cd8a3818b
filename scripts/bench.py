"""Benchmark: engine vs the SciPy floor and QGIS's native service area, on synthetic networks.

    python scripts/bench.py --out docs/benchmarks.md [--networks kommun,lan,sverige] [--quick]

Each network runs in its own child process so that peak memory is per network.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BANDS = (5.0, 10.0, 20.0, 30.0)
N_CATCHMENT = 100
NATIVE_TIMEOUT_S = 300


def _timer():
    start = time.perf_counter()
    return lambda: time.perf_counter() - start


def run_core(name: str, native: bool) -> dict:
    from scipy.sparse.csgraph import dijkstra

    from scripts.bench_networks import make
    from serviceperspektiv.core.accessibility import AccessGraph
    from serviceperspektiv.core.allocation import allocate, second_nearest
    from serviceperspektiv.core.catchments import CatchmentEngine, band_polygons
    from serviceperspektiv.core.network import build_network, edges_in_components
    from serviceperspektiv.core.polygons import multipolygon_wkb
    from serviceperspektiv.core.snapping import SegmentIndex, snap_points

    data = make(name)
    out: dict = {"network": name, "arcs": data.n_arcs, "cells": len(data.cells_xy), "services": len(data.services_xy)}
    t = _timer()
    network = build_network(list(data.edge_xy), np.arange(len(data.speed)), data.speed, data.direction)
    out["build_s"] = t()
    out["nodes"] = network.n_nodes
    out["components"] = network.n_components
    t = _timer()
    index = SegmentIndex(network, edges_in_components(network))
    services = snap_points(network, data.services_xy, index=index)
    origins = snap_points(network, data.cells_xy, index=index)
    out["snap_s"] = t()
    t = _timer()
    graph = AccessGraph(network, services, origins, 5.0)
    graph.matrix()
    out["access_graph_s"] = t()
    types = [np.flatnonzero(data.service_type == k) for k in range(8)]
    t = _timer()
    results = [graph.nearest(m) for m in types]
    out["nearest_s"] = t()
    # The national case's peak: build, snap, graph and 8 types, before catchments and allocation.
    out["peak_mib_nearest"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    t = _timer()
    for m in types:
        attached = m[services.ok[m]]
        dijkstra(graph.matrix(), directed=True, indices=graph.service_node[attached], min_only=True)
    out["floor_s"] = t()
    # Allocation: sums per service and the second-nearest for all 8 types; on the national case the
    # second-nearest is left out (k full-graph searches per type would push make bench past 15 min).
    with_second = name != "sverige"
    t = _timer()
    for m, r in zip(types, results):
        allocate(r, data.population, len(data.services_xy))
        if with_second:
            second_nearest(graph, m, r, want_km=False)
    out["allocation_s"] = t()
    out["allocation_types"] = len(types)
    out["allocation_second"] = with_second
    # Catchments: the first 100 attached service points, 4 cumulative bands, polygons as WKB.
    chosen = np.flatnonzero(services.ok)[:N_CATCHMENT]
    t = _timer()
    engine = CatchmentEngine(network, services, 5.0, cell_size_m=100.0, off_speed_kmh=5.0, max_off_m=300.0)
    out["catchment_setup_s"] = t()
    t = _timer()
    n_polys = 0
    for _s, grid in engine.grids(chosen, max(BANDS) * 60.0):
        for band in BANDS:
            polygons, _area = band_polygons(grid, engine.spec, band * 60.0)
            multipolygon_wkb(polygons)
            n_polys += 1
    out["catchments_s"] = t() + out["catchment_setup_s"]
    out["catchment_polygons"] = n_polys
    # The catchment floor: the bounded single-source searches alone (no grid, no polygons).
    if name != "sverige":
        t = _timer()
        for node in engine.service_node[chosen]:
            dijkstra(engine._matrix, directed=True, indices=[node], limit=max(BANDS) * 60.0)
        out["catchment_floor_s"] = t()
    out["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    out["national_total_s"] = out["build_s"] + out["snap_s"] + out["access_graph_s"] + out["nearest_s"]
    if native:
        out.update(run_native(data, services, chosen))
    return out


def run_native(data, services, chosen) -> dict:
    """native:serviceareafromlayer with the same 100 points and a 30-minute reach (memory layers)."""
    import tempfile

    script = Path(tempfile.mkdtemp()) / "native.npz"
    np.savez(script, edge_xy=data.edge_xy, speed=data.speed, direction=data.direction,
             points=services.xy[chosen])
    cmd = [sys.executable, str(Path(__file__).with_name("bench_native.py")), str(script)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=NATIVE_TIMEOUT_S,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        info = json.loads(done.stdout.strip().splitlines()[-1])
        return {"native_s": info["run_s"], "native_layer_s": info["layer_s"], "native_timeout": False}
    except subprocess.TimeoutExpired:
        return {"native_s": float(NATIVE_TIMEOUT_S), "native_layer_s": float("nan"), "native_timeout": True}
    except (json.JSONDecodeError, IndexError, KeyError):
        return {"native_s": float("nan"), "native_layer_s": float("nan"), "native_timeout": False,
                "native_error": (done.stderr or "")[-500:]}


def versions() -> dict:
    import scipy

    info = {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__}
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
    return info


def fmt(x, digits=2) -> str:
    return "–" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:.{digits}f}"


def write_table(rows: list[dict], path: Path, total_s: float) -> None:
    v = versions()
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`scripts/bench.py`) on {date.today().isoformat()}; the whole run took "
        f"{total_s:.0f} s. Machine: {v['cpu']}, {v.get('memory', '?')}; Python {v['python']}, numpy {v['numpy']}, "
        f"SciPy {v['scipy']}, QGIS {v['qgis']}.",
        "",
        "Synthetic, deterministic networks (`scripts/bench_networks.py`): a perturbed 150 m lattice thinned to "
        "degree ~2.5, road hierarchy 90/60/30-40 km/h, 10 % one-way local streets, islands; 8 service types. "
        "All times in seconds, measured in the same run. *Catchment floor* = the 100 bounded single-source "
        "SciPy searches (30 min) alone. *Floor* = raw `scipy.sparse.csgraph.dijkstra"
        "(min_only=True)` per type on the same graph. *Native* = QGIS `native:serviceareafromlayer` (lines only) "
        "for the same 100 points with a 30-minute reach, memory layers, including its graph build "
        f"(time-out {NATIVE_TIMEOUT_S} s: a time-out makes the ratio a lower bound).",
        "",
        "| network | arcs | nodes | cells | build | snap | nearest (8 types) | floor | engine/floor | "
        "allocation | catchments 100x4 | catchment floor | native 100 | native/engine | peak MiB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        native = r.get("native_s")
        ratio_native = native / r["catchments_s"] if native is not None and not np.isnan(native) else None
        native_text = ("> " if r.get("native_timeout") else "") + fmt(native, 1) if native is not None else "not run"
        ratio_text = ("> " if r.get("native_timeout") else "") + fmt(ratio_native, 1) if ratio_native else "–"
        lines.append(
            f"| {r['network']} | {r['arcs']:,} | {r['nodes']:,} | {r['cells']:,} | {fmt(r['build_s'])} | "
            f"{fmt(r['snap_s'])} | {fmt(r['nearest_s'])} | {fmt(r['floor_s'])} | "
            f"{fmt(r['nearest_s'] / r['floor_s'], 2)} | {fmt(r['allocation_s'])} ({r['allocation_types']} types"
            f"{'' if r.get('allocation_second', True) else ', sums only'}) | "
            f"{fmt(r['catchments_s'])} | {fmt(r.get('catchment_floor_s'))} | {native_text} | {ratio_text} | "
            f"{r['peak_mib']:.0f} |")
    lines += ["", "## Targets", ""]
    for r in rows:
        ratio = r["nearest_s"] / r["floor_s"]
        lines.append(f"- {r['network']}: nearest-service core compute {ratio:.2f}x the floor "
                     f"({'met' if ratio <= 2 else 'MISSED'}; target <= 2x). The engine also returns predecessors "
                     "and route km per origin, which the floor does not.")
        if r["network"] == "sverige":
            peak = r.get("peak_mib_nearest", r["peak_mib"])
            time_ok, memory_ok = r["national_total_s"] < 60, peak < 4096
            lines.append(f"- national case (build + snap + graph + 8 types, 600k cells, no layer I/O): "
                         f"{r['national_total_s']:.1f} s ({'met' if time_ok else 'MISSED'}; target < 60 s), "
                         f"peak {peak:.0f} MiB ({'met' if memory_ok else 'MISSED'}; target < 4 GiB). The peak "
                         f"column above ({r['peak_mib']:.0f} MiB) also holds the catchment and allocation steps.")
            if not time_ok:
                lines.append(f"  The SciPy floor alone, 8 multi-source searches on this graph, takes {r['floor_s']:.1f} s: "
                             "more than the 60 s target before any snapping or graph building. On this 2-core "
                             "machine the target lies below the floor; the engine's own overhead is the "
                             f"{r['nearest_s'] / r['floor_s']:.2f}x above and the build/snap/graph steps "
                             f"({r['build_s'] + r['snap_s'] + r['access_graph_s']:.1f} s).")
        if r["network"] == "lan" and r.get("native_s") is not None:
            speedup = r["native_s"] / r["catchments_s"]
            lines.append(f"- län catchments: native/engine = {speedup:.1f}x "
                         f"({'met' if speedup >= 20 else 'MISSED'}; target >= 20x). Ours outputs polygons for 4 "
                         "bands, native only lines for one reach.")
            floor = r.get("catchment_floor_s")
            if floor:
                lines.append(f"  The bounded SciPy searches alone (the *catchment floor*: one Dijkstra per point, "
                             f"stopped at 30 minutes, no grid and no polygons) take {floor:.1f} s, so no method "
                             f"built on exact per-point searches can exceed native/floor = "
                             f"{r['native_s'] / floor:.1f}x here: the 20x target lies below that floor. The grid "
                             f"and the polygon tracing add {r['catchments_s'] - floor:.1f} s on top of it.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/benchmarks.md")
    parser.add_argument("--networks", default="kommun,lan,sverige")
    parser.add_argument("--quick", action="store_true", help="tiny network only (smoke test)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--native", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_core(args.child, args.native)))
        return 0
    names = ["tiny"] if args.quick else args.networks.split(",")
    t = _timer()
    rows = []
    for name in names:
        cmd = [sys.executable, __file__, "--child", name] + (["--native"] if name in ("kommun", "lan", "tiny") else [])
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(json.dumps(row), flush=True)
        rows.append(row)
    write_table(rows, Path(args.out), t())
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
