"""QGIS layers to and from the core's arrays. The only place that turns features into numpy."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeatureSource,
    QgsUnitTypes,
    QgsWkbTypes,
)

from ..i18n import tr

DEFAULT_METRIC_CRS = "EPSG:3006"


class InputError(ValueError):
    """Bad input with a message that says what to fix."""


def working_crs(crs: QgsCoordinateReferenceSystem, fallback: str = DEFAULT_METRIC_CRS) -> QgsCoordinateReferenceSystem:
    """The CRS to measure in: the layer's own when it is projected in metres, else SWEREF99 TM.

    Geographic coordinates are never measured in degrees.
    """
    if crs.isValid() and not crs.isGeographic() and crs.mapUnits() == QgsUnitTypes.DistanceUnit.DistanceMeters:
        return crs
    return QgsCoordinateReferenceSystem(fallback)


def require_crs(source: QgsFeatureSource, label: str) -> None:
    if not source.sourceCrs().isValid():
        raise InputError(tr("{}: the layer has no coordinate reference system (CRS). Set the layer's CRS and run again.").format(
            label))


def _request(crs: QgsCoordinateReferenceSystem, context: QgsProcessingContext,
             attributes: Optional[Sequence[str]], source) -> QgsFeatureRequest:
    request = QgsFeatureRequest()
    request.setDestinationCrs(crs, context.transformContext())
    request.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
    if attributes is not None:
        request.setSubsetOfAttributes(list(attributes), source.fields())
    return request


def _features(source, request):
    if isinstance(source, QgsProcessingFeatureSource):
        return source.getFeatures(request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks)
    return source.getFeatures(request)


def _repair(geometry: QgsGeometry) -> tuple[Optional[QgsGeometry], bool]:
    """(usable geometry or None, repaired?)."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None, False
    if geometry.isGeosValid():
        return geometry, False
    fixed = geometry.makeValid()
    if fixed is None or fixed.isNull() or fixed.isEmpty():
        return None, False
    if QgsWkbTypes.geometryType(fixed.wkbType()) != QgsWkbTypes.geometryType(geometry.wkbType()):
        # A polygon that collapses to a line (or a line to a point) is not a repair.
        kept = fixed.convertToType(QgsWkbTypes.geometryType(geometry.wkbType()), geometry.isMultipart()) \
            if fixed.type() == QgsWkbTypes.GeometryType.UnknownGeometry else None
        if kept is None or kept.isNull() or kept.isEmpty():
            return None, False
        fixed = kept
    return fixed, True


@dataclass
class LineData:
    parts: list[np.ndarray]
    part_feature: np.ndarray
    feature_ids: np.ndarray
    attributes: dict[str, list[Any]]
    n_repaired: int = 0
    unrepairable_ids: list[int] = field(default_factory=list)

    @property
    def n_features(self) -> int:
        return len(self.feature_ids)


def read_lines(
    source: QgsFeatureSource,
    crs: QgsCoordinateReferenceSystem,
    context: QgsProcessingContext,
    fields: Sequence[str] = (),
    feedback=None,
    label: str = "Roads",
) -> LineData:
    """Line parts (metres in ``crs``) with the requested attribute columns."""
    require_crs(source, label)
    if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.GeometryType.LineGeometry:
        raise InputError(tr("{}: the layer has no line geometries. Choose a road (line) layer.").format(label))
    fields = [f for f in fields if f]
    parts: list[np.ndarray] = []
    part_feature: list[int] = []
    fids: list[int] = []
    attributes: dict[str, list[Any]] = {f: [] for f in fields}
    repaired = 0
    bad: list[int] = []
    total = max(source.featureCount(), 1)
    for n, feature in enumerate(_features(source, _request(crs, context, fields, source))):
        if feedback is not None and feedback.isCanceled():
            break
        geometry, was_repaired = _repair(feature.geometry())
        if geometry is None:
            if feature.hasGeometry() and not feature.geometry().isEmpty():
                bad.append(feature.id())
            continue
        repaired += was_repaired
        index = len(fids)
        fids.append(feature.id())
        for name in fields:
            attributes[name].append(feature[name])
        for part in geometry.constParts():
            points = [(p.x(), p.y()) for p in part.vertices()] if hasattr(part, "vertices") else []
            if QgsWkbTypes.geometryType(part.wkbType()) != QgsWkbTypes.GeometryType.LineGeometry or len(points) < 2:
                continue
            parts.append(np.asarray(points, dtype=float))
            part_feature.append(index)
        if feedback is not None and n % 5000 == 0:
            feedback.setProgress(min(99.0, 100.0 * n / total))
    return LineData(parts, np.asarray(part_feature, dtype=np.int64), np.asarray(fids, dtype=np.int64), attributes, repaired, bad)


@dataclass
class PointData:
    xy: np.ndarray  # (n, 2); NaN for features without usable geometry
    feature_ids: np.ndarray
    attributes: dict[str, list[Any]]
    features: list[QgsFeature]
    n_repaired: int = 0
    unrepairable_ids: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.feature_ids)


def representative_point(geometry: QgsGeometry) -> Optional[tuple[float, float]]:
    """A point for any geometry: itself, or for areas the centroid when inside, else a point on the surface."""
    kind = QgsWkbTypes.geometryType(geometry.wkbType())
    if kind == QgsWkbTypes.GeometryType.PointGeometry:
        point = geometry.constGet()
        if geometry.isMultipart():
            point = geometry.centroid().constGet()
        return (point.x(), point.y())
    candidate = geometry.centroid()
    if kind == QgsWkbTypes.GeometryType.PolygonGeometry and not geometry.contains(candidate):
        candidate = geometry.pointOnSurface()
    if candidate is None or candidate.isNull():
        return None
    p = candidate.asPoint()
    return (p.x(), p.y())


def read_points(
    source: QgsFeatureSource,
    crs: QgsCoordinateReferenceSystem,
    context: QgsProcessingContext,
    fields: Optional[Sequence[str]] = None,
    feedback=None,
    label: str = "Points",
    keep_features: bool = False,
) -> PointData:
    """One point per feature (areas become a point inside them), in ``crs``."""
    require_crs(source, label)
    wanted = None if fields is None else [f for f in fields if f]
    xy: list[tuple[float, float]] = []
    fids: list[int] = []
    attributes: dict[str, list[Any]] = {f: [] for f in (wanted or [])}
    features: list[QgsFeature] = []
    repaired = 0
    bad: list[int] = []
    request = _request(crs, context, None if keep_features else wanted, source)
    for feature in _features(source, request):
        if feedback is not None and feedback.isCanceled():
            break
        geometry, was_repaired = _repair(feature.geometry())
        if geometry is None:
            if feature.hasGeometry() and not feature.geometry().isEmpty():
                bad.append(feature.id())
            point = None
        else:
            repaired += was_repaired
            point = representative_point(geometry)
        xy.append(point if point is not None else (np.nan, np.nan))
        fids.append(feature.id())
        for name in attributes:
            attributes[name].append(feature[name])
        if keep_features:
            features.append(QgsFeature(feature))
    array = np.asarray(xy, dtype=float).reshape(-1, 2)
    return PointData(array, np.asarray(fids, dtype=np.int64), attributes, features, repaired, bad)


def is_null(value: Any) -> bool:
    """True for None and QVariant NULLs (which differ between PyQt builds)."""
    if value is None:
        return True
    try:
        from qgis.PyQt.QtCore import QVariant

        if isinstance(value, QVariant):
            return value.isNull()
    except ImportError:  # pragma: no cover
        pass
    return False


def numeric_column(values: Sequence[Any], label: str) -> np.ndarray:
    """Floats with NaN for NULL; raise InputError when a value is not a number."""
    out = np.empty(len(values))
    for i, value in enumerate(values):
        if is_null(value):
            out[i] = np.nan
            continue
        try:
            out[i] = float(value)
        except (TypeError, ValueError):
            raise InputError(tr("{}: the value '{}' is not a number. Choose a numeric field.").format(label, value)) from None
    return out
