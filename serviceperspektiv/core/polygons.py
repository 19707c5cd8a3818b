"""Polygons from boolean cell masks, as MultiPolygon WKB in map coordinates.

Used for catchments: a band's cells become OGC-valid polygons with holes (4-connected cells),
with the exact cell area. ``mask_wkb`` uses GDAL's polygonize (``osgeo.gdal``, part of every
QGIS install) when it can be imported, and otherwise the pure-numpy tracer ``trace_mask`` below,
so the core stays importable and usable without GDAL. Both give the same polygons; GDAL's is the
faster (measured in docs/catchments.md), so it is the default.
"""
from __future__ import annotations

import struct
from typing import Sequence

import numpy as np

from .graph import build_arc_graph

try:
    from scipy import ndimage as _ndimage
except ImportError:  # pragma: no cover
    _ndimage = None

try:  # GDAL comes with QGIS; outside QGIS the numpy tracer does the same job.
    from osgeo import gdal as _gdal
    from osgeo import ogr as _ogr

    HAVE_GDAL = True
except ImportError:  # pragma: no cover - exercised by forcing method="numpy" in tests
    _gdal = _ogr = None
    HAVE_GDAL = False

_MULTIPOLYGON_HEADER = struct.Struct("<BII")

Polygon = list  # [exterior (k, 2) array, hole arrays...], closed rings, exterior counter-clockwise


def trace_mask(mask: np.ndarray) -> list[Polygon]:
    """Polygons of the True cells of ``mask`` (rows = +y), in cell-corner units (x = col, y = row).

    Every boundary edge is directed with the inside on its left; rings are the cycles of
    "next edge" (at a saddle corner the left turn, so diagonal cells stay apart: 4-connected).
    Cycles and their order are found by pointer jumping, all vectorised.
    """
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return []
    h, w = mask.shape
    m = np.zeros((h + 2, w + 2), dtype=bool)
    m[1:-1, 1:-1] = mask
    stride = w + 3  # vertex lattice (h + 3) x (w + 3)
    above, below = m[1:, :], m[:-1, :]
    right, left = m[:, 1:], m[:, :-1]
    starts, dirs, cells = [], [], []
    r, c = np.nonzero(above & ~below)  # east: (r+1, c) -> (r+1, c+1), inside above
    starts.append((r + 1) * stride + c), dirs.append(np.zeros(len(r), np.int64)), cells.append((r + 1, c))
    r, c = np.nonzero(below & ~above)  # west: (r+1, c+1) -> (r+1, c), inside below
    starts.append((r + 1) * stride + c + 1), dirs.append(np.full(len(r), 2)), cells.append((r, c))
    r, c = np.nonzero(left & ~right)  # north: (r, c+1) -> (r+1, c+1), inside to the west
    starts.append(r * stride + c + 1), dirs.append(np.ones(len(r), np.int64)), cells.append((r, c))
    r, c = np.nonzero(right & ~left)  # south: (r+1, c+1) -> (r, c+1), inside to the east
    starts.append((r + 1) * stride + c + 1), dirs.append(np.full(len(r), 3)), cells.append((r, c + 1))
    start = np.concatenate(starts).astype(np.int64)
    direction = np.concatenate(dirs).astype(np.int64)
    cell_r = np.concatenate([x[0] for x in cells])
    cell_c = np.concatenate([x[1] for x in cells])
    n = len(start)
    step = np.array([1, stride, -1, -stride], dtype=np.int64)  # E, N, W, S (counter-clockwise order)
    end = start + step[direction]

    key = start * 4 + direction
    order = np.argsort(key)
    key_sorted = key[order]

    def lookup(k: np.ndarray) -> np.ndarray:
        pos = np.minimum(np.searchsorted(key_sorted, k), n - 1)
        return np.where(key_sorted[pos] == k, order[pos], -1)

    nxt = lookup(end * 4 + (direction + 1) % 4)  # left turn first (saddles)
    for turn in (0, 3):
        missing = nxt < 0
        if not missing.any():
            break
        nxt[missing] = lookup(end[missing] * 4 + (direction[missing] + turn) % 4)
    # Label each cycle by its smallest edge id (pointer jumping).
    label = np.arange(n)
    ptr = nxt.copy()
    for _ in range(int(np.ceil(np.log2(max(n, 2)))) + 1):
        label = np.minimum(label, label[ptr])
        ptr = ptr[ptr]
    # Rank within the cycle: cut each cycle before its head, then list ranking.
    is_head = label == np.arange(n)
    terminal = is_head[nxt]
    succ = np.where(terminal, np.arange(n), nxt)
    rank = np.where(terminal, 0, 1)
    for _ in range(int(np.ceil(np.log2(max(n, 2)))) + 1):
        rank = rank + rank[succ]
        succ = succ[succ]
    seq = np.lexsort((-rank, label))
    prev_dir = np.empty(n, dtype=np.int64)
    prev_dir[nxt] = direction
    corner = direction != prev_dir
    seq = seq[corner[seq]]
    ring_label = label[seq]
    vertex = start[seq]
    x = (vertex % stride - 1).astype(float)
    y = (vertex // stride - 1).astype(float)
    bounds = np.flatnonzero(np.r_[True, ring_label[1:] != ring_label[:-1], True])
    firsts, lasts = bounds[:-1], bounds[1:]
    # Which 4-connected component each ring bounds: the cell on the left of its head edge.
    if _ndimage is not None:
        components, _ = _ndimage.label(m)
    else:  # pragma: no cover
        components = _label4(m)
    heads = ring_label[firsts]
    ring_comp = components[cell_r[heads], cell_c[heads]]
    # Rings that touch themselves at a saddle corner repeat a vertex: a repeat at positions p < q
    # closes the loop p..q-1, which becomes a simple ring of its own (OGC validity: a shell and a
    # hole touching it). Loops nest but never cross, so giving every position the innermost loop
    # (longest loops first, inner ones overwrite) splits all rings at once.
    key = ring_label.astype(np.int64) * (stride * (h + 3)) + vertex
    by_key = np.argsort(key, kind="stable")
    same = key[by_key][1:] == key[by_key][:-1]
    loop_start, loop_end = by_key[:-1][same], by_key[1:][same]
    ring_of_position = np.repeat(np.arange(len(firsts)), lasts - firsts)
    piece = ring_of_position.copy()
    for k in np.argsort(loop_start - loop_end, kind="stable").tolist():
        piece[loop_start[k]:loop_end[k]] = len(firsts) + k
    piece_ring = np.concatenate([np.arange(len(firsts)), ring_of_position[loop_start]])
    order = np.argsort(piece, kind="stable")  # positions stay in ring order inside each piece
    piece_sorted = piece[order]
    cut = np.flatnonzero(np.r_[True, piece_sorted[1:] != piece_sorted[:-1], True])
    p_first, p_last = cut[:-1], cut[1:]
    xs, ys = x[order], y[order]
    following = np.arange(1, len(order) + 1)
    following[p_last - 1] = p_first
    piece_area2 = np.add.reduceat(xs * ys[following] - xs[following] * ys, p_first)
    # Close every piece (repeat its first vertex), then cut the closed array into rings.
    closed = np.column_stack([xs, ys])[np.insert(np.arange(len(order)), p_last, p_first)]
    rings = np.split(closed, (p_last + np.arange(1, len(p_last) + 1))[:-1])
    piece_comp = ring_comp[piece_ring[piece_sorted[p_first]]]
    polygons: dict[int, Polygon] = {}
    holes: dict[int, list] = {}
    for ring, size, comp, area2 in zip(rings, (p_last - p_first).tolist(), piece_comp.tolist(), piece_area2.tolist()):
        if size < 3:
            continue
        if area2 > 0:
            polygons[comp] = [ring]
        else:
            holes.setdefault(comp, []).append(ring)
    for comp, comp_holes in holes.items():
        polygons[comp].extend(comp_holes)
    return [polygons[k] for k in sorted(polygons)]


def _label4(m: np.ndarray) -> np.ndarray:  # pragma: no cover - only without scipy.ndimage
    from .graph import connected_components

    h, w = m.shape
    idx = np.arange(h * w).reshape(h, w)
    pairs = [(idx[:, :-1][m[:, :-1] & m[:, 1:]], idx[:, 1:][m[:, :-1] & m[:, 1:]]),
             (idx[:-1, :][m[:-1, :] & m[1:, :]], idx[1:, :][m[:-1, :] & m[1:, :]])]
    tail = np.concatenate([p[0] for p in pairs])
    head = np.concatenate([p[1] for p in pairs])
    g = build_arc_graph(h * w, tail, head, np.ones(len(tail)), np.ones(len(tail)))
    labels = connected_components(g, use_scipy=False) + 1
    return np.where(m, labels.reshape(h, w), 0)


def multipolygon_wkb(polygons: Sequence[Polygon]) -> bytes:
    """Little-endian WKB MultiPolygon (no QGIS or shapely needed)."""
    parts = [struct.pack("<BII", 1, 6, len(polygons))]
    for polygon in polygons:
        parts.append(struct.pack("<BII", 1, 3, len(polygon)))
        for ring in polygon:
            parts.append(struct.pack("<I", len(ring)))
            parts.append(np.ascontiguousarray(ring, dtype="<f8").tobytes())
    return b"".join(parts)


def mask_wkb(mask: np.ndarray, x0: float, y0: float, cell: float, method: str | None = None) -> bytes | None:
    """MultiPolygon WKB of the True cells, or None when there are none.

    Cell (i, j) of ``mask`` covers [x0 + j * cell, x0 + (j + 1) * cell] x [y0 + i * cell, ...]
    (rows go up in y). ``method`` is "gdal", "numpy" or None (GDAL when available).
    """
    mask = np.asarray(mask, dtype=bool)
    rows = np.flatnonzero(mask.any(axis=1))
    if len(rows) == 0:
        return None
    cols = np.flatnonzero(mask.any(axis=0))
    # Only the bounding box of the cells: both methods scan every cell they are given.
    r0, c0 = int(rows[0]), int(cols[0])
    mask = mask[r0:int(rows[-1]) + 1, c0:int(cols[-1]) + 1]
    x0, y0 = x0 + c0 * cell, y0 + r0 * cell
    use_gdal = HAVE_GDAL if method is None else method == "gdal"
    if use_gdal:
        return _gdal_wkb(mask, x0, y0, cell)
    polygons = [[np.column_stack([x0 + ring[:, 0] * cell, y0 + ring[:, 1] * cell]) for ring in polygon]
                for polygon in trace_mask(mask)]
    return multipolygon_wkb(polygons)


def _gdal_wkb(mask: np.ndarray, x0: float, y0: float, cell: float) -> bytes:
    """GDALPolygonize on an in-memory raster (4-connected), polygons collected as one MultiPolygon."""
    h, w = mask.shape
    raster = _gdal.GetDriverByName("MEM").Create("", w, h, 1, _gdal.GDT_Byte)
    # A positive pixel height: row i is y0 + i * cell, as in the catchment grid (no flip needed).
    raster.SetGeoTransform((x0, cell, 0.0, y0, 0.0, cell))
    band = raster.GetRasterBand(1)
    band.WriteArray(mask.view(np.uint8))
    store = _ogr.GetDriverByName("Memory").CreateDataSource("")
    layer = store.CreateLayer("cells", geom_type=_ogr.wkbPolygon)
    layer.CreateField(_ogr.FieldDefn("value", _ogr.OFTInteger))
    # The band is its own mask: cells with 0 make no polygon.
    if _gdal.Polygonize(band, band, layer, 0, []) != 0:
        raise RuntimeError("GDAL could not polygonize the catchment cells")
    parts = [feature.GetGeometryRef().ExportToIsoWkb(_ogr.wkbNDR) for feature in layer]
    return _MULTIPOLYGON_HEADER.pack(1, 6, len(parts)) + b"".join(parts)
