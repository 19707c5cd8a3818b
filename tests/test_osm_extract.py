"""A network built from the real OSM extract in tests/data/osm (© OpenStreetMap contributors, ODbL)."""
from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant
from reference import route_times

from serviceperspektiv.adapters import fieldtypes as ft
from serviceperspektiv.core.oneway import parse_direction
from serviceperspektiv.core.speeds import load_speed_table, resolve_speeds

PBF = Path(__file__).resolve().parent / "data" / "osm" / "finland-sample.osm.pbf"
TAG = re.compile(r'"([^"]+)"=>"([^"]*)"')


def osm_roads_layer():
    """OSM lines with highway=*, with oneway and maxspeed lifted out of GDAL's other_tags."""
    source = QgsVectorLayer(f"{PBF}|layername=lines", "osm", "ogr")
    assert source.isValid()
    layer = QgsVectorLayer("LineString?crs=EPSG:4326", "roads", "memory")
    layer.dataProvider().addAttributes([QgsField("highway", ft.STRING), QgsField("oneway", ft.STRING),
                                        QgsField("maxspeed", ft.DOUBLE)])
    layer.updateFields()
    features = []
    for f in source.getFeatures():
        if not f["highway"]:
            continue
        tags = dict(TAG.findall(f["other_tags"] or ""))
        speed = tags.get("maxspeed")
        out = QgsFeature(layer.fields())
        out.setGeometry(f.geometry())
        out.setAttributes([f["highway"], tags.get("oneway"), float(speed) if speed and speed.isdigit() else None])
        features.append(out)
    layer.dataProvider().addFeatures(features)
    return layer


def test_real_osm_network_against_reference(run_alg):
    roads = osm_roads_layer()
    assert roads.featureCount() > 300
    rng = np.random.default_rng(7)
    # Points inside the extract's bounding box (26.93-26.97 E, 60.52-60.54 N), in WGS84 like the data.
    lonlat = np.column_stack([rng.uniform(26.935, 26.965, 25), rng.uniform(60.522, 60.538, 25)])
    services = memory_points(lonlat[:3], "type", ["apotek"] * 3)
    origins = memory_points(lonlat[3:], "pop", [1] * 22)
    result = run_alg("nearestservice", {"ROADS": roads, "CLASS_FIELD": "highway", "ONEWAY_FIELD": "oneway",
                                        "SPEED_FIELD": "maxspeed", "MODE": 0, "SERVICES": services,
                                        "TYPE_FIELD": "type", "ORIGINS": origins, "OUTPUT": "memory:"})
    got = [f["apotek_min"] for f in result["OUTPUT"].getFeatures()]
    assert sum(v is not None and not isinstance(v, QVariant) for v in got) >= 15

    # The reference, on the same geometry measured in EPSG:3006 (the engine's working CRS here).
    to_metric = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                       QgsCoordinateReferenceSystem("EPSG:3006"), QgsProject.instance())
    feats = list(roads.getFeatures())
    speeds = resolve_speeds([f["highway"] for f in feats], [f["maxspeed"] for f in feats], "car", load_speed_table())
    edges, junctions = [], set()
    for f, speed in zip(feats, speeds.speed_kmh):
        if not math.isfinite(speed):
            continue
        geom = QgsGeometry(f.geometry())
        geom.transform(to_metric)
        for part in geom.constParts():
            pts = [(p.x(), p.y()) for p in part.vertices()]
            junctions.update((pts[0], pts[-1]))
            d = parse_direction(f["oneway"])
            edges.extend((a, b, speed, d) for a, b in zip(pts[:-1], pts[1:]) if a != b)

    def metric(points):
        return [(p.x(), p.y()) for p in (to_metric.transform(QgsPointXY(*xy)) for xy in points)]

    expected = route_times(edges, metric(lonlat[3:]), metric(lonlat[:3]), 1500.0,
                           load_speed_table().access_speed_kmh("car"), junctions)
    compared = 0
    for value, (seconds, _) in zip(got, expected):
        if math.isinf(seconds):
            assert value is None or isinstance(value, QVariant) or str(value) == "NULL"
        else:
            assert float(value) == pytest.approx(seconds / 60.0, rel=1e-3)
            compared += 1
    assert compared >= 15


def memory_points(lonlat, field, values):
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "pts", "memory")
    kind = ft.STRING if isinstance(values[0], str) else ft.INT
    layer.dataProvider().addAttributes([QgsField(field, kind)])
    layer.updateFields()
    feats = []
    for (x, y), v in zip(lonlat, values):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
        f.setAttributes([v])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer
