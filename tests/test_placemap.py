"""The nulägesanalys inset's roads: joined and simplified to half a pixel, never moved further."""
from __future__ import annotations

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem


def test_inset_roads_lose_vertices_but_stay_within_the_tolerance(qgis_app):
    from serviceperspektiv.layouts.placemap import _roads_layer

    # A winding road of 2 km in 10 m segments, and a straight one: what an NVDB export looks like.
    t = np.linspace(0.0, 2000.0, 201)
    winding = np.column_stack([t, 100.0 + 30.0 * np.sin(t / 150.0)])
    straight = np.column_stack([t, np.full_like(t, 500.0)])
    xy0 = np.vstack([winding[:-1], straight[:-1]])
    xy1 = np.vstack([winding[1:], straight[1:]])
    crs = QgsCoordinateReferenceSystem("EPSG:3006")
    full = _roads_layer(crs, xy0, xy1, "full", 10_000.0)
    simple = _roads_layer(crs, xy0, xy1, "simple", 10_000.0, simplify_m=5.0)
    (before,), (after,) = [[f.geometry() for f in layer.getFeatures()] for layer in (full, simple)]
    assert after.constGet().nCoordinates() < before.constGet().nCoordinates() / 4
    assert after.hausdorffDistance(before) <= 5.0 + 1e-6
    assert abs(after.length() - before.length()) < 0.01 * before.length()
    assert simple.wkbType() == full.wkbType() and after.isMultipart()
