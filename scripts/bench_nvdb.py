"""Benchmark: read a Tillväxtverket-style NVDB GeoPackage with fetchroads and route on it with nearestservice.

    python scripts/bench_nvdb.py [--links 30000] [--repeat 3] [--root PATH] [--data DIR]

The GeoPackage has the real columns (klass_181, f_hogst_225, b_hogst_225, F_/B_ForbjudenFardriktning,
Farjeled, typ_41, extlen, networkGrp, RemoveCode): a square street grid with mixed classes and
speeds, about 3 % one-way links in each digitised direction, 0.3 % closed links and a few ferries.
``--root`` is the plugin checkout to time (default: this one), so that another version can be
timed on the same file, e.g. the commit before the NVDB direction work:

    git worktree add /tmp/sp-base da09ddf
    python scripts/bench_nvdb.py --root /tmp/sp-base
    python scripts/bench_nvdb.py

Each run prints one JSON line: seconds for fetchroads, nearestservice and their sum (best of
``--repeat``), with the link count.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def write_nvdb(path: Path, links: int, seed: int = 1) -> int:
    from osgeo import ogr, osr

    side = int(math.ceil((1 + math.sqrt(1 + 2 * links)) / 2))  # 2 * side * (side - 1) >= links
    rng = random.Random(seed)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("vagnat", srs, ogr.wkbLineString)
    for name, kind in (("klass_181", ogr.OFTInteger), ("f_hogst_225", ogr.OFTInteger), ("b_hogst_225", ogr.OFTInteger),
                       ("F_ForbjudenFardriktning", ogr.OFTInteger), ("B_ForbjudenFardriktning", ogr.OFTInteger),
                       ("Farjeled", ogr.OFTInteger), ("typ_41", ogr.OFTInteger), ("extlen", ogr.OFTReal),
                       ("networkGrp", ogr.OFTInteger), ("RemoveCode", ogr.OFTInteger), ("Comment", ogr.OFTString)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    x0, y0, step = 500000.0, 6650000.0, 150.0
    # One jittered position per grid node, shared by every link that meets there (a connected network).
    nodes = {(i, j): (x0 + i * step + rng.uniform(-20, 20), y0 + j * step + rng.uniform(-20, 20))
             for i in range(side) for j in range(side)}
    count = 0
    layer.StartTransaction()
    for i in range(side):
        for j in range(side):
            for di, dj in ((1, 0), (0, 1)):
                if count >= links or i + di >= side or j + dj >= side:
                    continue
                a, b = nodes[(i, j)], nodes[(i + di, j + dj)]
                mid = ((a[0] + b[0]) / 2 + rng.uniform(-10, 10), (a[1] + b[1]) / 2 + rng.uniform(-10, 10))
                feature = ogr.Feature(layer.GetLayerDefn())
                feature.SetGeometry(ogr.CreateGeometryFromWkt(
                    f"LINESTRING({a[0]} {a[1]},{mid[0]} {mid[1]},{b[0]} {b[1]})"))
                roll = rng.random()
                f_banned, b_banned = (1, 0) if roll < 0.03 else (0, 1) if roll < 0.06 else (1, 1) if roll < 0.063 else (0, 0)
                speed = rng.choice((30, 40, 50, 60, 70, 80, 90))
                feature.SetField("klass_181", rng.randint(1, 9))
                feature.SetField("f_hogst_225", 0 if f_banned else speed)
                feature.SetField("b_hogst_225", 0 if b_banned else rng.choice((speed, speed, speed - 10)))
                feature.SetField("F_ForbjudenFardriktning", f_banned)
                feature.SetField("B_ForbjudenFardriktning", b_banned)
                feature.SetField("Farjeled", 1 if rng.random() < 0.001 else 0)
                feature.SetField("typ_41", 2)
                feature.SetField("extlen", math.dist(a, mid) + math.dist(mid, b))
                feature.SetField("networkGrp", 0)
                layer.CreateFeature(feature)
                count += 1
    layer.CommitTransaction()
    ds = None
    return count


def write_points(path: Path, links: int, seed: int = 2) -> None:
    from osgeo import ogr, osr

    side = int(math.ceil((1 + math.sqrt(1 + 2 * links)) / 2))
    span = 150.0 * (side - 1)
    rng = random.Random(seed)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    for name, n, typed in (("services", 40, True), ("origins", 2000, False)):
        layer = ds.CreateLayer(name, srs, ogr.wkbPoint)
        layer.CreateField(ogr.FieldDefn("type" if typed else "pop", ogr.OFTString if typed else ogr.OFTReal))
        layer.StartTransaction()
        for k in range(n):
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetGeometry(ogr.CreateGeometryFromWkt(
                f"POINT({500000 + rng.random() * span} {6650000 + rng.random() * span})"))
            feature.SetField(0, ("apotek", "dagligvaror_full")[k % 2] if typed else float(rng.randint(1, 50)))
            layer.CreateFeature(feature)
        layer.CommitTransaction()
    ds = None


def run(root: Path, data: Path, repeat: int) -> dict:
    sys.path.insert(0, str(root))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication, QgsProcessingFeedback

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    from serviceperspektiv.processing.provider import ServiceperspektivProvider

    assert Path(sys.modules["serviceperspektiv"].__file__).resolve().is_relative_to(root.resolve())
    provider = ServiceperspektivProvider()  # keep a reference: the registry does not own Python providers
    QgsApplication.processingRegistry().addProvider(provider)
    # Wall time and this process's CPU time (the CPU time is less disturbed by other work on a shared machine).
    best = {"fetchroads_s": math.inf, "nearestservice_s": math.inf, "fetchroads_cpu_s": math.inf,
            "nearestservice_cpu_s": math.inf}
    roads_count = 0
    for n in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            roads = str(Path(tmp) / "roads.gpkg")
            start, cpu = time.perf_counter(), time.process_time()
            processing.run("serviceperspektiv:fetchroads", {"SOURCE": 2, "FILE": str(data / "nvdb.gpkg"), "MODE": 0,
                                                            "OUTPUT": roads}, feedback=QgsProcessingFeedback())
            fetched, fetched_cpu = time.perf_counter() - start, time.process_time() - cpu
            start, cpu = time.perf_counter(), time.process_time()
            result = processing.run("serviceperspektiv:nearestservice", {
                "ROADS": roads, "SPEED_FIELD": "maxspeed", "CLASS_FIELD": "highway", "ONEWAY_FIELD": "oneway",
                "MODE": 0, "SERVICES": f"{data / 'points.gpkg'}|layername=services", "TYPE_FIELD": "type",
                "ORIGINS": f"{data / 'points.gpkg'}|layername=origins", "POPULATION_FIELD": "pop",
                "OUTPUT": str(Path(tmp) / "nearest.gpkg")}, feedback=QgsProcessingFeedback())
            routed, routed_cpu = time.perf_counter() - start, time.process_time() - cpu
            from qgis.core import QgsVectorLayer

            roads_count = QgsVectorLayer(roads, "r", "ogr").featureCount()
            nearest = QgsVectorLayer(result["OUTPUT"], "o", "ogr")
            reached = sum(f["apotek_min"] is not None and str(f["apotek_min"]) != "NULL" for f in nearest.getFeatures())
            assert nearest.featureCount() == 2000 and reached > 1900, reached  # the network is connected
        best["fetchroads_s"] = min(best["fetchroads_s"], fetched)
        best["nearestservice_s"] = min(best["nearestservice_s"], routed)
        best["fetchroads_cpu_s"] = min(best["fetchroads_cpu_s"], fetched_cpu)
        best["nearestservice_cpu_s"] = min(best["nearestservice_cpu_s"], routed_cpu)
        print(f"  run {n + 1}: fetchroads {fetched:.2f} s, nearestservice {routed:.2f} s", file=sys.stderr)
    best["total_s"] = best["fetchroads_s"] + best["nearestservice_s"]
    best["total_cpu_s"] = best["fetchroads_cpu_s"] + best["nearestservice_cpu_s"]
    best["roads_out"] = roads_count
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--links", type=int, default=30000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--root", type=Path, default=HERE, help="plugin checkout to time")
    parser.add_argument("--data", type=Path, default=None, help="folder for the generated files (kept)")
    args = parser.parse_args()
    data = args.data or Path(tempfile.mkdtemp(prefix="bench_nvdb_"))
    data.mkdir(parents=True, exist_ok=True)
    if not (data / "nvdb.gpkg").exists():
        links = write_nvdb(data / "nvdb.gpkg", args.links)
        write_points(data / "points.gpkg", args.links)
    else:
        links = args.links
    result = run(args.root, data, args.repeat)
    print(json.dumps({"root": str(args.root), "links": links, **result}))


if __name__ == "__main__":
    main()
