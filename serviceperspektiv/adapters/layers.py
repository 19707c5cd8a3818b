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

from ..core.network import LineParts
from ..core.values import plain_floats
from ..core.wkb import LINE_OK, LINE_OTHER, ParsedLines, parse_lines
from ..i18n import tr
from .ogrtable import read_ogr_table

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
    """Line parts in bulk: part p's vertices are ``coords[part_start[p]:part_start[p + 1]]``."""

    coords: np.ndarray  # (V, 2) metres in the working CRS
    part_start: np.ndarray  # (P + 1,)
    part_feature: np.ndarray  # (P,) index into feature_ids of each part
    feature_ids: np.ndarray
    attributes: dict[str, list[Any]]
    n_repaired: int = 0
    unrepairable_ids: list[int] = field(default_factory=list)

    @property
    def n_features(self) -> int:
        return len(self.feature_ids)

    @property
    def n_parts(self) -> int:
        return len(self.part_feature)

    @property
    def parts(self) -> list[np.ndarray]:
        """One (M, 2) array per part (views into ``coords``)."""
        return np.split(self.coords, self.part_start[1:-1]) if self.n_parts else []

    def line_parts(self) -> LineParts:
        return LineParts(self.coords, self.part_start)


def _feature_parts(feature) -> tuple[Optional[list[np.ndarray]], bool, bool]:
    """(parts or None, repaired?, unrepairable?) of one feature: the per-feature reading."""
    geometry, was_repaired = _repair(feature.geometry())
    if geometry is None:
        return None, False, bool(feature.hasGeometry() and not feature.geometry().isEmpty())
    parts = []
    for part in geometry.constParts():
        points = [(p.x(), p.y()) for p in part.vertices()] if hasattr(part, "vertices") else []
        if QgsWkbTypes.geometryType(part.wkbType()) != QgsWkbTypes.GeometryType.LineGeometry or len(points) < 2:
            continue
        parts.append(np.asarray(points, dtype=float))
    return parts, was_repaired, False


def _read_lines_by_feature(source, request, fields, feedback) -> LineData:
    """The reference reading: feature by feature through QGIS's geometry API (repairs invalid lines)."""
    parts: list[np.ndarray] = []
    part_feature: list[int] = []
    fids: list[int] = []
    attributes: dict[str, list[Any]] = {f: [] for f in fields}
    repaired = 0
    bad: list[int] = []
    for feature in _features(source, request):
        if feedback is not None and feedback.isCanceled():
            break
        feature_parts, was_repaired, unrepairable = _feature_parts(feature)
        if feature_parts is None:
            if unrepairable:
                bad.append(feature.id())
            continue
        repaired += was_repaired
        index = len(fids)
        fids.append(feature.id())
        for name in fields:
            attributes[name].append(feature[name])
        parts.extend(feature_parts)
        part_feature.extend([index] * len(feature_parts))
    return _line_data(parts, part_feature, fids, attributes, repaired, bad)


def _line_data(parts, part_feature, fids, attributes, repaired, bad) -> LineData:
    counts = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    start = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum(counts, out=start[1:])
    coords = np.concatenate(parts) if parts else np.zeros((0, 2))
    return LineData(coords, start, np.asarray(part_feature, dtype=np.int64), np.asarray(fids, dtype=np.int64),
                    attributes, repaired, bad)


def _qgis_table(source, request, fields, feedback, total: int):
    """Feature ids, WKB and attribute values through QGIS, one cheap call per feature."""
    fids: list[int] = []
    wkbs: list[bytes] = []
    rows: list[list] = []
    indices = [source.fields().lookupField(name) for name in fields]
    for n, feature in enumerate(_features(source, request)):
        if feedback is not None and n % 20000 == 0:
            if feedback.isCanceled():
                break
            feedback.setProgress(min(99.0, 90.0 * n / total))
        fids.append(feature.id())
        wkbs.append(feature.geometry().asWkb().data())
        if indices:
            values = feature.attributes()
            rows.append([values[i] for i in indices])
    attributes = {name: [row[k] for row in rows] for k, name in enumerate(fields)}
    return np.asarray(fids, dtype=np.int64), wkbs, attributes


def read_lines(
    source: QgsFeatureSource,
    crs: QgsCoordinateReferenceSystem,
    context: QgsProcessingContext,
    fields: Sequence[str] = (),
    feedback=None,
    label: str = "Roads",
    layer=None,
    method: str = "bulk",
) -> LineData:
    """Line parts (metres in ``crs``) with the requested attribute columns.

    ``layer``: the vector layer when the whole layer is read (``ogrtable.whole_layer``): a plain
    GeoPackage or shapefile is then read in bulk through GDAL. Otherwise every feature's WKB and
    attributes come through QGIS (with CRS transform, selection, filters). Either way the WKB is
    parsed at once (core/wkb.py); features that are not certainly valid simple lines are read
    feature by feature and repaired as before. ``method="features"``: the per-feature reading
    for all features (the reference the tests compare with).
    """
    require_crs(source, label)
    if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.GeometryType.LineGeometry:
        raise InputError(tr("{}: the layer has no line geometries. Choose a road (line) layer.").format(label))
    fields = [f for f in fields if f]
    request = _request(crs, context, fields, source)
    if method == "features":
        return _read_lines_by_feature(source, request, fields, feedback)
    table = read_ogr_table(layer, crs, fields) if layer is not None else None
    if table is not None:
        fids, wkbs, attributes = table.fids, table.wkbs, table.attributes
    else:
        fids, wkbs, attributes = _qgis_table(source, request, fields, feedback, max(source.featureCount(), 1))
    if feedback is not None and feedback.isCanceled():
        return _line_data([], [], [], {f: [] for f in fields}, 0, [])
    parsed = parse_lines(wkbs)
    del wkbs
    other = np.flatnonzero(parsed.status == LINE_OTHER)
    slow = _slow_lines(source, crs, context, fields, fids[other], feedback) if len(other) else None
    return _merge(parsed, fids, attributes, other, slow)


def _slow_lines(source, crs, context, fields, ids: np.ndarray, feedback) -> LineData:
    """The per-feature reading of the features the bulk parser left (invalid, curved, ...)."""
    request = _request(crs, context, fields, source)
    request.setFilterFids([int(i) for i in ids])
    return _read_lines_by_feature(source, request, fields, feedback)


def _merge(parsed: ParsedLines, fids: np.ndarray, attributes: dict, other: np.ndarray,
           slow: Optional[LineData]) -> LineData:
    """Bulk-parsed and per-feature features in the source's order, as one LineData."""
    n = len(fids)
    kept = parsed.status == LINE_OK
    part_owner, part_start, coords = parsed.part_owner, parsed.part_start, parsed.coords
    repaired, bad = 0, []
    if slow is not None and slow.n_features:
        position = {int(fid): int(i) for i, fid in zip(other.tolist(), fids[other].tolist())}
        slow_rows = np.fromiter((position[int(f)] for f in slow.feature_ids.tolist()), dtype=np.int64,
                                count=slow.n_features)
        kept[slow_rows] = True
        repaired, bad = slow.n_repaired, list(slow.unrepairable_ids)
        owner = np.concatenate([part_owner, slow_rows[slow.part_feature]])
        counts = np.concatenate([np.diff(part_start), np.diff(slow.part_start)])
        all_coords = np.concatenate([coords, slow.coords])
        all_start = np.concatenate([part_start[:-1], slow.part_start[:-1] + len(coords)])
        order = np.argsort(owner, kind="stable")
        part_owner, counts = owner[order], counts[order]
        vertex = _ranges(all_start[order], counts)
        coords = all_coords[vertex]
        part_start = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=part_start[1:])
    elif slow is not None:
        repaired, bad = slow.n_repaired, list(slow.unrepairable_ids)
    rows = np.flatnonzero(kept)
    new_index = np.full(n, -1, dtype=np.int64)
    new_index[rows] = np.arange(len(rows))
    if len(rows) == n:
        columns = {name: list(values) for name, values in attributes.items()}
    else:
        take = rows.tolist()
        columns = {name: [values[i] for i in take] for name, values in attributes.items()}
    return LineData(coords, part_start, new_index[part_owner], fids[rows], columns, repaired, bad)


def _ranges(start: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Concatenated aranges start[k] .. start[k] + count[k]."""
    total = int(count.sum())
    first = np.repeat(np.cumsum(count) - count, count)
    return np.repeat(start, count) + (np.arange(total) - first)


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


try:
    from qgis.PyQt.QtCore import QVariant as _QVariant
except ImportError:  # pragma: no cover - Qt6 builds without QVariant in Python
    _QVariant = None


def is_null(value: Any) -> bool:
    """True for None and QVariant NULLs (which differ between PyQt builds)."""
    if value is None:
        return True
    if _QVariant is not None and isinstance(value, _QVariant):
        return value.isNull()
    return False


def numeric_column(values: Sequence[Any], label: str) -> np.ndarray:
    """Floats with NaN for NULL; raise InputError when a value is not a number."""
    plain = plain_floats(values)  # the usual column of numbers and NULLs, in one call
    if plain is not None:
        return plain
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
