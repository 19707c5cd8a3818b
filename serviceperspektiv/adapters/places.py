"""Place polygons (tätorter, småorter, drawn or plan areas) to the arrays of the place analysis.

GEOS does the geometry: which points lie in a polygon, and where the road network crosses its
boundary. Everything else is numpy in core/placeanalysis.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Sequence

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
    QgsWkbTypes,
)

from ..i18n import tr
from .layers import InputError, is_null, representative_point, require_crs

# Name fields in order of preference: SCB's tätort polygons ('tatort'; the WFS layer stat:Tatorter_<year>
# and the older shapefiles 'TATORT'), plan areas (plannamn, planid), then generic names. SCB's småort
# layer has only a code ('smaort'), used last.
NAME_FIELDS = ("tatort", "namn", "name", "ortnamn", "plannamn", "planid", "tatortskod", "smaort")


@dataclass
class PlaceFeature:
    fid: int
    name: str
    geometry: QgsGeometry  # in the working CRS
    attributes: dict[str, Any]


def detect_name_field(names: Sequence[str]) -> Optional[str]:
    """The field that names the places (case-insensitive), or None."""
    lower = {n.lower(): n for n in names}
    return next((lower[c] for c in NAME_FIELDS if c in lower), None)


def read_places(source, crs: QgsCoordinateReferenceSystem, context, name_field: Optional[str],
                label: str) -> list[PlaceFeature]:
    """Every polygon of the layer in ``crs``, named by ``name_field`` (else 'Area <id>')."""
    require_crs(source, label)
    if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.GeometryType.PolygonGeometry:
        raise InputError(tr("{}: the layer has no polygons. Choose a polygon layer, e.g. SCB's tätorter or a drawn "
                            "area.").format(label))
    request = QgsFeatureRequest().setDestinationCrs(crs, context.transformContext())
    request.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
    places = []
    missing = []
    for feature in source.getFeatures(request):
        geometry = feature.geometry()
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            missing.append(feature.id())
            continue
        if not geometry.isGeosValid():
            geometry = geometry.makeValid()
            if geometry.isNull() or geometry.isEmpty():
                missing.append(feature.id())
                continue
        value = feature[name_field] if name_field else None
        name = str(value).strip() if value is not None and not is_null(value) and str(value).strip() else \
            tr("Area {}").format(feature.id())
        fields = feature.fields()
        places.append(PlaceFeature(int(feature.id()), name, QgsGeometry(geometry),
                                   {f.name(): feature[f.name()] for f in fields}))
    if missing:
        raise InputError(tr("{}: {} feature(s) have no usable polygon (feature ids {}). Remove them or fix their "
                            "geometry.").format(label, len(missing), ", ".join(str(i) for i in missing[:5])))
    if not places:
        raise InputError(tr("{}: the layer is empty. Choose a layer with features.").format(label))
    return places


def inside_mask(geometry: QgsGeometry, xy: np.ndarray) -> np.ndarray:
    """Which points lie in the polygon (bounding-box filter first, then a prepared GEOS test)."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    mask = np.zeros(len(xy), dtype=bool)
    if not len(xy):
        return mask
    box = geometry.boundingBox()
    finite = np.isfinite(xy).all(axis=1)
    with np.errstate(invalid="ignore"):
        candidates = np.flatnonzero(finite & (xy[:, 0] >= box.xMinimum()) & (xy[:, 0] <= box.xMaximum())
                                    & (xy[:, 1] >= box.yMinimum()) & (xy[:, 1] <= box.yMaximum()))
    if not len(candidates):
        return mask
    engine = QgsGeometry.createGeometryEngine(geometry.constGet())
    engine.prepareGeometry()
    for i in candidates.tolist():
        point = QgsGeometry.fromPointXY(QgsPointXY(float(xy[i, 0]), float(xy[i, 1])))  # kept alive for GEOS
        mask[i] = engine.intersects(point.constGet())
    return mask


def boundary_crossings(geometry: QgsGeometry, seg_xy0: np.ndarray, seg_xy1: np.ndarray) -> np.ndarray:
    """(k, 2) points where the given road segments cross or touch the polygon's boundary."""
    box = geometry.boundingBox()
    lo = np.minimum(seg_xy0, seg_xy1)
    hi = np.maximum(seg_xy0, seg_xy1)
    near = np.flatnonzero((hi[:, 0] >= box.xMinimum()) & (lo[:, 0] <= box.xMaximum())
                          & (hi[:, 1] >= box.yMinimum()) & (lo[:, 1] <= box.yMaximum()))
    if not len(near):
        return np.zeros((0, 2))
    boundary = QgsGeometry(geometry.constGet().boundary())
    lines = QgsGeometry.fromMultiPolylineXY([
        [QgsPointXY(float(a[0]), float(a[1])), QgsPointXY(float(b[0]), float(b[1]))]
        for a, b in zip(seg_xy0[near], seg_xy1[near])])
    crossing = lines.intersection(boundary)
    if crossing is None or crossing.isNull() or crossing.isEmpty():
        return np.zeros((0, 2))
    # Points where roads cross; a road running along the boundary gives a line, whose vertices count.
    points = [(v.x(), v.y()) for v in crossing.vertices()]
    return np.unique(np.round(np.asarray(points, dtype=float).reshape(-1, 2), 3), axis=0)


def representative_xy(geometry: QgsGeometry) -> tuple[float, float]:
    point = representative_point(geometry)
    return point if point is not None else (float("nan"), float("nan"))


def network_extent(node_xy: np.ndarray) -> QgsRectangle:
    return QgsRectangle(float(node_xy[:, 0].min()), float(node_xy[:, 1].min()),
                        float(node_xy[:, 0].max()), float(node_xy[:, 1].max()))
