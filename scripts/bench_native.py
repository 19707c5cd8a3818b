"""Child process of bench.py: QGIS native:serviceareafromlayer on memory layers from an .npz."""
from __future__ import annotations

import json
import sys
import time

import numpy as np


def main(path: str) -> None:
    from qgis.core import (
        QgsApplication,
        QgsFeature,
        QgsGeometry,
        QgsPointXY,
        QgsProcessingFeedback,
        QgsVectorLayer,
    )

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    data = np.load(path)
    start = time.perf_counter()
    roads = QgsVectorLayer("LineString?crs=EPSG:3006&field=speed:double&field=oneway:integer", "roads", "memory")
    features = []
    for (a, b), speed, direction in zip(data["edge_xy"].tolist(), data["speed"].tolist(), data["direction"].tolist()):
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*a), QgsPointXY(*b)]))
        f.setAttributes([speed, int(direction)])
        features.append(f)
    roads.dataProvider().addFeatures(features)
    points = QgsVectorLayer("Point?crs=EPSG:3006", "points", "memory")
    pts = []
    for x, y in data["points"].tolist():
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        pts.append(f)
    points.dataProvider().addFeatures(pts)
    layer_s = time.perf_counter() - start
    start = time.perf_counter()
    processing.run("native:serviceareafromlayer", {
        "INPUT": roads, "STRATEGY": 1, "DIRECTION_FIELD": "oneway", "VALUE_FORWARD": "1", "VALUE_BACKWARD": "-1",
        "VALUE_BOTH": "0", "DEFAULT_DIRECTION": 2, "SPEED_FIELD": "speed", "DEFAULT_SPEED": 50, "TOLERANCE": 0,
        "START_POINTS": points, "TRAVEL_COST2": 0.5, "INCLUDE_BOUNDS": False, "OUTPUT_LINES": "memory:",
    }, feedback=QgsProcessingFeedback())
    print(json.dumps({"run_s": time.perf_counter() - start, "layer_s": layer_s}))


if __name__ == "__main__":
    main(sys.argv[1])
