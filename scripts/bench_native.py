"""End-to-end runs through qgis_process for the benchmark: QGIS's service area and our catchments.

Both read the same GeoPackage (roads with ``speed`` and ``oneway``, the same 100 service points)
and write a GeoPackage, as a user would run them. The wall time includes QGIS's start-up.
"""
from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

QGIS_PROCESS = "/usr/bin/qgis_process.bin"  # Debian's qgis_process wrapper adds a flag the binary rejects
ROOT = Path(__file__).resolve().parent.parent
# native:serviceareafromlayer needs a project; an empty one in SWEREF99 TM is enough.
EMPTY_PROJECT = """<!DOCTYPE qgis PUBLIC "http://mrcc.com/qgis.dtd" "SYSTEM">
<qgis version="3.22.0" projectname="bench">
  <projectCrs><spatialrefsys><authid>EPSG:3006</authid></spatialrefsys></projectCrs>
</qgis>
"""


def write_gpkg(path: Path, edge_xy: np.ndarray, speed: np.ndarray, direction: np.ndarray, points: np.ndarray) -> None:
    """Roads (one straight line per edge, speed km/h, oneway 0/1/-1) and service points, EPSG:3006."""
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    store = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    roads = store.CreateLayer("roads", srs, ogr.wkbLineString)
    roads.CreateField(ogr.FieldDefn("speed", ogr.OFTReal))
    roads.CreateField(ogr.FieldDefn("oneway", ogr.OFTInteger))
    definition = roads.GetLayerDefn()
    store.StartTransaction()
    for (a, b), v, d in zip(edge_xy.tolist(), speed.tolist(), direction.tolist()):
        feature = ogr.Feature(definition)
        line = ogr.Geometry(ogr.wkbLineString)
        line.AddPoint_2D(*a)
        line.AddPoint_2D(*b)
        feature.SetGeometry(line)
        feature.SetField(0, v)
        feature.SetField(1, int(d))
        roads.CreateFeature(feature)
    store.CommitTransaction()
    layer = store.CreateLayer("services", srs, ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("type", ogr.OFTString))
    store.StartTransaction()
    for x, y in points.tolist():
        feature = ogr.Feature(layer.GetLayerDefn())
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(x, y)
        feature.SetGeometry(point)
        feature.SetField(0, "bench")
        layer.CreateFeature(feature)
    store.CommitTransaction()
    store = None


def _env(work: Path) -> dict:
    env = dict(os.environ)
    env["QGIS_PLUGINPATH"] = str(ROOT)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_RUNTIME_DIR"] = str(work / "xdg")
    (work / "xdg").mkdir(exist_ok=True, mode=0o700)
    env["QGIS_CUSTOM_CONFIG_PATH"] = str(work / "profile")  # never the user's QGIS profile
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str], env: dict, timeout: float) -> tuple[float, float, bool, str]:
    """(wall seconds, CPU seconds, timed out, error text or '')."""
    start, cpu = time.perf_counter(), _children_cpu()
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return float(timeout), float("nan"), True, ""
    wall = time.perf_counter() - start
    return wall, _children_cpu() - cpu, False, "" if done.returncode == 0 else (done.stderr or done.stdout)[-400:]


def run_both(gpkg: Path, bands: tuple[float, ...], timeout: float) -> dict:
    """Our catchments (100 points x bands, polygons) and QGIS's service area (lines, largest band)."""
    work = Path(tempfile.mkdtemp(prefix="bench-qgis-"))
    env = _env(work)
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "serviceperspektiv"], env=env, capture_output=True,
                   text=True, timeout=300)
    project = work / "empty.qgs"
    project.write_text(EMPTY_PROJECT, encoding="utf-8")
    roads = f"{gpkg}|layername=roads"
    services = f"{gpkg}|layername=services"
    ours = [QGIS_PROCESS, "run", "serviceperspektiv:catchments", "--",
            f"ROADS={roads}", "SPEED_FIELD=speed", "ONEWAY_FIELD=oneway", "MODE=0", f"SERVICES={services}",
            "BANDS=" + ",".join(f"{b:g}" for b in bands), "CELL_SIZE=100", "OFF_NETWORK_SPEED=5",
            "MAX_OFF_NETWORK=300", "ACCESS_SPEED=5", f"OUTPUT={work / 'ours.gpkg'}"]
    native = [QGIS_PROCESS, "run", "native:serviceareafromlayer", f"--PROJECT_PATH={project}", "--",
              f"INPUT={roads}", "STRATEGY=1", "DIRECTION_FIELD=oneway", "VALUE_FORWARD=1", "VALUE_BACKWARD=-1",
              "VALUE_BOTH=0", "DEFAULT_DIRECTION=2", "SPEED_FIELD=speed", "DEFAULT_SPEED=50", "TOLERANCE=0",
              f"START_POINTS={services}", f"TRAVEL_COST2={max(bands) / 60.0}", "INCLUDE_BOUNDS=false",
              f"OUTPUT_LINES={work / 'native.gpkg'}"]
    startup, startup_cpu, _, _ = _run([QGIS_PROCESS, "--version"], env, 120)
    ours_s, ours_cpu, ours_timeout, ours_error = _run(ours, env, timeout)
    native_s, native_cpu, native_timeout, native_error = _run(native, env, timeout)
    return {"startup_s": startup, "startup_cpu_s": startup_cpu, "ours_e2e_s": ours_s, "ours_e2e_cpu_s": ours_cpu,
            "ours_e2e_timeout": ours_timeout, "ours_e2e_error": ours_error, "native_s": native_s,
            "native_cpu_s": native_cpu, "native_timeout": native_timeout, "native_error": native_error}
