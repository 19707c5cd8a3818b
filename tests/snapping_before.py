"""snapping.py as it was before the speed work (main at 8698949), kept as the reference the tests compare with."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from serviceperspektiv.core.network import Network

try:
    from scipy.spatial import cKDTree

    HAVE_KDTREE = True
except ImportError:  # pragma: no cover
    HAVE_KDTREE = False

END_TOLERANCE_M = 1e-6
SNAP_OK = 0
SNAP_TOO_FAR = 1  # farther than max_distance from any allowed edge
SNAP_NO_GEOMETRY = 2  # the point had no usable coordinates

SNAP_REASONS = {
    SNAP_OK: "ok",
    SNAP_TOO_FAR: "too far from the network",
    SNAP_NO_GEOMETRY: "no geometry",
}


@dataclass
class Snapped:
    """Where each point attaches: edge, fraction along it (by length) and the access distance."""

    edge: np.ndarray  # -1 when not attached
    frac: np.ndarray
    dist_m: np.ndarray  # straight distance point -> network (NaN when not attached)
    xy: np.ndarray  # the attachment point on the network
    status: np.ndarray  # SNAP_* code per point

    @property
    def ok(self) -> np.ndarray:
        return self.status == SNAP_OK

    def counts(self) -> dict[str, int]:
        return {SNAP_REASONS[k]: int((self.status == k).sum()) for k in SNAP_REASONS if (self.status == k).any()}


def _point_segment(px, py, x0, y0, x1, y1):
    """Distance and parameter t of the closest point on each segment (vectorised)."""
    dx, dy = x1 - x0, y1 - y0
    seg_sq = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(seg_sq > 0, ((px - x0) * dx + (py - y0) * dy) / seg_sq, 0.0)
    t = np.clip(t, 0.0, 1.0)
    cx, cy = x0 + t * dx, y0 + t * dy
    return np.hypot(px - cx, py - cy), t


class SegmentIndex:
    """Nearest-segment queries over the network's segments (optionally a subset)."""

    def __init__(self, network: Network, edge_mask: Optional[np.ndarray] = None) -> None:
        seg_mask = np.ones(len(network.seg_edge), dtype=bool) if edge_mask is None else edge_mask[network.seg_edge]
        self.segments = np.flatnonzero(seg_mask)
        self.network = network
        p0 = network.seg_xy0[self.segments]
        p1 = network.seg_xy1[self.segments]
        seg_len = np.hypot(*(p1 - p0).T)
        # Sample points along segments so that a KD-tree over samples finds segments near a point;
        # any point of a segment is within half a spacing of one of its samples.
        positive = seg_len[seg_len > 0]
        self.spacing = float(np.clip(np.median(positive) if len(positive) else 50.0, 20.0, 250.0))
        pieces = np.maximum(1, np.ceil(seg_len / self.spacing).astype(np.int64))
        owner = np.repeat(np.arange(len(self.segments)), pieces)
        start = np.repeat(np.cumsum(pieces) - pieces, pieces)
        t = (np.arange(len(owner)) - start + 0.5) / pieces[owner]
        self.sample_xy = p0[owner] + (p1[owner] - p0[owner]) * t[:, None]
        self.sample_owner = owner
        self.half_gap = float((seg_len / pieces).max() / 2.0) if len(seg_len) else 0.0
        self.tree = cKDTree(self.sample_xy) if HAVE_KDTREE and len(self.sample_xy) else None

    def _exact(self, point_index: np.ndarray, local_seg: np.ndarray, xy: np.ndarray):
        seg = self.segments[local_seg]
        net = self.network
        d, t = _point_segment(
            xy[point_index, 0], xy[point_index, 1],
            net.seg_xy0[seg, 0], net.seg_xy0[seg, 1], net.seg_xy1[seg, 0], net.seg_xy1[seg, 1],
        )
        return d, t, seg

    def nearest(self, xy: np.ndarray, max_distance: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(segment, t, distance) per point; segment -1 when none within ``max_distance``."""
        n = len(xy)
        best_seg = np.full(n, -1, dtype=np.int64)
        best_t = np.zeros(n)
        best_d = np.full(n, np.inf)
        if n == 0 or len(self.segments) == 0:
            return best_seg, best_t, best_d
        reach = max_distance + self.half_gap
        if self.tree is None:
            candidates = [np.arange(len(self.segments))] * n
            exact_points = np.arange(n)
        else:
            k = min(16, len(self.sample_xy))
            sample_d, sample_i = self.tree.query(xy, k=k, distance_upper_bound=reach)
            sample_d = sample_d.reshape(n, k)
            sample_i = sample_i.reshape(n, k)
            valid = np.isfinite(sample_d)
            rows = np.repeat(np.arange(n), k)[valid.ravel()]
            local = self.sample_owner[sample_i[valid]]
            d, t, seg = self._exact(rows, local, xy)
            order = np.lexsort((d, rows))
            rows_sorted = rows[order]
            firsts = np.ones(len(rows_sorted), dtype=bool)
            firsts[1:] = rows_sorted[1:] != rows_sorted[:-1]
            pick = order[firsts]
            best_seg[rows[pick]] = seg[pick]
            best_t[rows[pick]] = t[pick]
            best_d[rows[pick]] = d[pick]
            # The k nearest samples prove the answer unless an unseen sample could still be
            # closer than best + half_gap: then look at every sample in that ball.
            kth = sample_d[:, -1]
            unsure = np.flatnonzero(np.isfinite(best_d) & (kth <= np.minimum(best_d + self.half_gap, reach)))
            candidates = [
                np.unique(self.sample_owner[self.tree.query_ball_point(xy[i], min(best_d[i] + self.half_gap, reach))])
                for i in unsure
            ]
            exact_points = unsure
        for i, local in zip(exact_points.tolist(), candidates):
            if len(local) == 0:
                continue
            d, t, seg = self._exact(np.full(len(local), i), np.asarray(local), xy)
            j = int(np.argmin(d))
            if d[j] < best_d[i]:
                best_seg[i], best_t[i], best_d[i] = seg[j], t[j], d[j]
        too_far = best_d > max_distance
        best_seg[too_far] = -1
        return best_seg, best_t, best_d


def concat_snapped(parts: list[Snapped]) -> Snapped:
    """One Snapped for several point sets, in order (e.g. existing plus new service points)."""
    return Snapped(
        edge=np.concatenate([p.edge for p in parts]), frac=np.concatenate([p.frac for p in parts]),
        dist_m=np.concatenate([p.dist_m for p in parts]), xy=np.concatenate([p.xy for p in parts]),
        status=np.concatenate([p.status for p in parts]),
    )


def snap_points(
    network: Network,
    xy: np.ndarray,
    max_distance_m: float = 1500.0,
    edge_mask: Optional[np.ndarray] = None,
    index: Optional[SegmentIndex] = None,
) -> Snapped:
    """Snap each point to the closest point on an allowed edge within ``max_distance_m``."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    n = len(xy)
    status = np.full(n, SNAP_OK, dtype=np.int8)
    has_xy = np.isfinite(xy).all(axis=1)
    status[~has_xy] = SNAP_NO_GEOMETRY
    index = index or SegmentIndex(network, edge_mask)
    seg = np.full(n, -1, dtype=np.int64)
    t = np.zeros(n)
    dist = np.full(n, np.nan)
    rows = np.flatnonzero(has_xy)
    s, tt, d = index.nearest(xy[rows], max_distance_m)
    seg[rows], t[rows] = s, tt
    dist[rows] = np.where(s >= 0, d, np.nan)
    status[rows[s < 0]] = SNAP_TOO_FAR

    edge = np.full(n, -1, dtype=np.int64)
    frac = np.zeros(n)
    snapped_xy = np.full((n, 2), np.nan)
    ok = seg >= 0
    if ok.any():
        sg = seg[ok]
        e = network.seg_edge[sg]
        p0, p1 = network.seg_xy0[sg], network.seg_xy1[sg]
        along = network.seg_offset_m[sg] + t[ok] * np.hypot(*(p1 - p0).T)
        length = network.edge_length_m[e]
        edge[ok] = e
        fraction = np.where(length > 0, np.clip(along / np.where(length > 0, length, 1.0), 0.0, 1.0), 0.0)
        # A point at an edge's end must sit exactly on the node: float residue (0.9999999) would
        # otherwise make the last millimetre of a one-way edge impassable.
        fraction[along <= END_TOLERANCE_M] = 0.0
        fraction[length - along <= END_TOLERANCE_M] = 1.0
        frac[ok] = fraction
        snapped_xy[ok] = p0 + (p1 - p0) * t[ok][:, None]
    return Snapped(edge=edge, frac=frac, dist_m=dist, xy=snapped_xy, status=status)
