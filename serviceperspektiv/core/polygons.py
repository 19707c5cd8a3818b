"""Polygons from boolean cell masks, as MultiPolygon WKB in map coordinates.

Used for catchments: a band's cells become OGC-valid polygons with holes (4-connected cells),
with the exact cell area. Two methods give the same polygons: the numpy tracer below
(``mask_rings``: the boundary's corners linked by two sorts, rings by pointer jumping, WKB
written in one buffer) and GDAL's polygonize (``osgeo.gdal``). On catchment masks the tracer is
the faster of the two with GDAL 3.6 (measured by ``make bench``, docs/catchments.md), so it is
the default; ``method="gdal"`` gives GDAL's.
"""
from __future__ import annotations

import struct
from typing import Sequence

import numpy as np

try:  # GDAL comes with QGIS; outside QGIS the numpy tracer does the same job.
    from osgeo import gdal as _gdal
    from osgeo import ogr as _ogr

    HAVE_GDAL = True
except ImportError:  # pragma: no cover - exercised by forcing method="numpy" in tests
    _gdal = _ogr = None
    HAVE_GDAL = False

_MULTIPOLYGON_HEADER = struct.Struct("<BII")

Polygon = list  # [exterior (k, 2) array, hole arrays...], closed rings, exterior counter-clockwise


# Boundary directions, counter-clockwise: a left turn is +1.
_E, _N, _W, _S = 0, 1, 2, 3


def _corner_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per 2x2 cell pattern around a lattice point (bits SW=1, SE=2, NW=4, NE=8): the boundary's
    (in, out) direction of up to two vertices there (-1: none), and which vertex an arrival uses.

    Boundaries keep the inside on their left. A point where the boundary runs straight is no
    vertex; a saddle (two diagonal cells) holds two vertices, each turning left, so diagonal
    cells stay apart (4-connected).
    """
    ins = np.full((16, 2), -1, dtype=np.int64)
    outs = np.full((16, 2), -1, dtype=np.int64)
    slot_of = np.zeros((16, 4), dtype=np.int64)
    for code in range(16):
        sw, se, nw, ne = code & 1, code >> 1 & 1, code >> 2 & 1, code >> 3 & 1
        arrive = [d for d, ok in ((_E, nw and not sw), (_W, se and not ne), (_N, sw and not se), (_S, ne and not nw)) if ok]
        leave = [d for d, ok in ((_E, ne and not se), (_W, sw and not nw), (_N, nw and not ne), (_S, se and not sw)) if ok]
        if len(arrive) == 1 and arrive != leave:
            ins[code, 0], outs[code, 0] = arrive[0], leave[0]
        elif len(arrive) == 2:
            for slot, d in enumerate(sorted(arrive)):
                ins[code, slot], outs[code, slot] = d, (d + 1) % 4
        for slot in range(2):
            if ins[code, slot] >= 0:
                slot_of[code, ins[code, slot]] = slot
    return ins, outs, slot_of


_IN, _OUT, _SLOT_OF = _corner_tables()
_N_VERTICES = (_IN >= 0).sum(axis=1)
# The cell on the left of an edge leaving lattice point (r, c): mask[r + dr, c + dc] per direction.
_LEFT_CELL = np.array([[0, 0], [0, -1], [-1, -1], [-1, 0]], dtype=np.int64)


def _rank_cycles(nxt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(cycle label = its smallest member, position along the cycle from that member) for a permutation."""
    n = len(nxt)
    label = np.arange(n)
    ptr = nxt.copy()
    rounds = int(np.ceil(np.log2(max(n, 2)))) + 1
    for _ in range(rounds):
        np.minimum(label, label[ptr], out=label)
        ptr = ptr[ptr]
    # Rank: cut every cycle just before its head, then list ranking by pointer jumping.
    terminal = label[nxt] == nxt
    succ = np.where(terminal, np.arange(n), nxt)
    dist = (~terminal).astype(np.int64)
    for _ in range(rounds):
        after = succ[succ]
        if (after == succ).all():
            break
        dist += dist[succ]
        succ = after
    # dist counts the steps to the cycle's last member; the position from the head is the rest.
    size = np.bincount(label, minlength=n)
    return label, size[label] - 1 - dist


class Rings:
    """Closed rings in cell-corner units (x = column, y = row), as flat arrays.

    Ring k's vertices are ``xy[start[k]:start[k + 1]]`` (closed: the last repeats the first);
    ``component`` is the 4-connected piece of cells it bounds (a polygon), ``hole`` says whether
    it is an inner ring. Shells run counter-clockwise, holes clockwise.
    """

    def __init__(self, xy: np.ndarray, start: np.ndarray, component: np.ndarray, hole: np.ndarray) -> None:
        self.xy, self.start, self.component, self.hole = xy, start, component, hole

    def __len__(self) -> int:
        return len(self.component)


def mask_rings(mask: np.ndarray) -> Rings:
    """The rings of the True cells of ``mask`` (rows = +y), grouped per polygon: shell, then its holes.

    Vertices are the boundary's corners: lattice points where the 2x2 cells around differ from a
    straight edge. The next vertex along a boundary is the next corner in the same row (going
    east or west) or the same column (north or south), so linking them is two sorts and a few
    gathers; cycles and their order come from pointer jumping. All vectorised.
    """
    mask = np.asarray(mask, dtype=bool)
    h, w = mask.shape
    padded = np.zeros((h + 2, w + 2), dtype=bool)
    padded[1:-1, 1:-1] = mask
    # Lattice point (r, c) is the corner x = c, y = r, between cells SW = padded[r, c], SE, NW, NE.
    # It is a vertex unless its 2x2 cells split straight (or not at all): a row differs and a column differs.
    across = padded[:, :-1] ^ padded[:, 1:]
    along = padded[:-1, :] ^ padded[1:, :]
    vertex = (across[:-1] | across[1:]) & (along[:, :-1] | along[:, 1:])
    flat = np.flatnonzero(vertex)  # row-major: the next corner east is the next point
    if len(flat) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Rings(np.zeros((0, 2)), np.zeros(1, dtype=np.int64), empty, np.zeros(0, dtype=bool))
    r, c = np.divmod(flat, w + 1)
    p_flat = r * (w + 2) + c  # SW cell in the padded mask
    cells = padded.ravel()
    code = cells[p_flat] + 2 * cells[p_flat + 1].astype(np.int64) + 4 * cells[p_flat + w + 2] + 8 * cells[p_flat + w + 3]
    kind = code
    n_points = len(r)
    by_column = np.lexsort((r, c))
    column_rank = np.empty(n_points, dtype=np.int64)
    column_rank[by_column] = np.arange(n_points)
    point = np.concatenate([np.arange(n_points), np.flatnonzero(_N_VERTICES[kind] == 2)])
    slot = np.concatenate([np.zeros(n_points, dtype=np.int64), np.ones(len(point) - n_points, dtype=np.int64)])
    out = _OUT[kind[point], slot]
    target = np.empty(len(point), dtype=np.int64)
    for direction, step in ((_E, 1), (_W, -1)):
        sel = out == direction
        target[sel] = point[sel] + step
    for direction, step in ((_N, 1), (_S, -1)):
        sel = out == direction
        target[sel] = by_column[column_rank[point[sel]] + step]
    vertex_of = np.full((n_points, 2), -1, dtype=np.int64)
    vertex_of[point, slot] = np.arange(len(point))
    nxt = vertex_of[target, _SLOT_OF[kind[target], out]]
    ring, position = _rank_cycles(nxt)

    # Order vertices ring by ring, each from its head.
    heads = np.flatnonzero(ring == np.arange(len(ring)))  # ring labels are their smallest vertex
    size = np.bincount(ring)[heads]
    n_rings = len(heads)
    first = np.cumsum(size) - size
    ring_number = np.empty(len(ring), dtype=np.int64)
    ring_number[heads] = np.arange(n_rings)
    order = np.empty(len(ring), dtype=np.int64)
    order[first[ring_number[ring]] + position] = np.arange(len(ring))
    vx, vy = c[point[order]], r[point[order]]
    ring_of_position = np.repeat(np.arange(n_rings), size)
    ring_piece = _ring_shells(across, r, c, kind, point, slot, out, order, first, size, ring_number[ring],
                              vx, vy, by_column, h)

    # A ring through the same saddle twice touches itself: the loop between the two visits is a
    # ring of its own (OGC validity: a shell and a hole touching it at one point). Loops nest but
    # never cross, so giving every position its innermost loop splits them all at once.
    piece = ring_of_position.copy()
    saddle = np.flatnonzero(_N_VERTICES[kind] == 2)
    if len(saddle):
        rank_in_order = np.empty(len(order), dtype=np.int64)
        rank_in_order[order] = np.arange(len(order))
        a, b = rank_in_order[vertex_of[saddle, 0]], rank_in_order[vertex_of[saddle, 1]]
        same = ring_of_position[a] == ring_of_position[b]
        lo, hi = np.minimum(a, b)[same], np.maximum(a, b)[same]
        _innermost(piece, lo, hi, n_rings)
        piece_ring = np.concatenate([np.arange(n_rings), ring_of_position[lo]])
        by_piece = np.argsort(piece, kind="stable")  # positions keep their order inside a piece
        piece = piece[by_piece]
        vx, vy = vx[by_piece], vy[by_piece]
    else:
        piece_ring = np.arange(n_rings)
    cut = np.flatnonzero(np.r_[True, piece[1:] != piece[:-1], True])
    p_first, p_last = cut[:-1], cut[1:]
    following = np.arange(1, len(vx) + 1)
    following[p_last - 1] = p_first
    area2 = np.add.reduceat(vx * vy[following] - vx[following] * vy, p_first)
    component = ring_piece[piece_ring[piece[p_first]]]
    # Polygons in component order, each shell first, then its holes; every ring closed.
    hole = area2 < 0
    ring_order = np.lexsort((hole, component))
    sizes = (p_last - p_first)[ring_order]
    closed_index = _closed_ranges(p_first[ring_order], sizes)
    xy = np.column_stack([vx[closed_index], vy[closed_index]]).astype(float)
    start = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes + 1, out=start[1:])
    return Rings(xy, start, component[ring_order], hole[ring_order])


def _ring_shells(across, r, c, kind, point, slot, out, order, first, size, ring_of_vertex, vx, vy, by_column, h):
    """The outer ring (shell) of the 4-connected piece of cells each ring bounds, as a ring number.

    A shell is its own. For a hole, take its westmost vertical edge: the cell west of it is set,
    and the run of set cells it is in ends, further west, at a boundary edge of the same piece;
    that edge's ring is the hole's link. Links go strictly west, so following them ends at the
    piece's shell. (The same as labelling the pieces, without a pass over every cell.)
    """
    n_rings = len(first)
    following = np.arange(1, len(vx) + 1)
    following[first + size - 1] = first
    area2 = np.add.reduceat(vx * vy[following] - vx[following] * vy, first)
    link = np.arange(n_rings)
    holes = np.flatnonzero(area2 < 0)
    if len(holes) == 0:
        return link
    out_ordered = out[order]
    # Per ring, its westmost vertex that starts a vertical stretch (north or south).
    vertical = (out_ordered == _N) | (out_ordered == _S)
    big = int(c.max()) + 2
    west_key = np.where(vertical, vx, big) * len(vx) + np.arange(len(vx))
    pick = np.minimum.reduceat(west_key, first) % len(vx)
    pick = pick[holes]
    # The stretch's lowest unit edge: rows y .. y + 1 at x; the set cell west of it is (y, x - 1).
    nxt_y = vy[following[pick]]
    x, y = vx[pick], np.minimum(vy[pick], nxt_y)
    # The start of that cell's run of set cells: the last vertical boundary at or before x - 1 in row y.
    width = across.shape[1]
    boundaries = np.flatnonzero(across)
    query = (y + 1) * width + (x - 1)
    x1 = boundaries[np.searchsorted(boundaries, query, side="right") - 1] - (y + 1) * width
    # That boundary runs south (set cells east of it); its stretch starts at the first corner
    # at or above row y + 1 in column x1.
    column_key = (c * (h + 1) + r)[by_column]
    top = by_column[np.searchsorted(column_key, x1 * (h + 1) + y + 1)]
    top_slot = np.where(_OUT[kind[top], 0] == _S, 0, 1)
    link[holes] = ring_of_vertex[_vertex_index(point, slot, top, top_slot)]
    while True:
        nxt = link[link]
        if (nxt == link).all():
            return link
        link = nxt


def _vertex_index(point: np.ndarray, slot: np.ndarray, want_point: np.ndarray, want_slot: np.ndarray) -> np.ndarray:
    """Vertex ids of (point, slot) pairs: points 0..P-1 hold slot 0 in order, saddles' slot 1 after."""
    n_points = int((slot == 0).sum())
    second = np.full(n_points, -1, dtype=np.int64)
    second[point[slot == 1]] = np.flatnonzero(slot == 1)
    return np.where(want_slot == 0, want_point, second[want_point])


def _innermost(piece: np.ndarray, lo: np.ndarray, hi: np.ndarray, base: int) -> None:
    """piece[p] = base + k for the innermost of the nested intervals k = [lo[k], hi[k]) holding p.

    The intervals nest but never cross. Among those at one depth, the one holding p is the last
    to start at or before p: a search per depth level, not a loop over intervals.
    """
    delta = np.bincount(lo, minlength=len(piece) + 1) - np.bincount(hi, minlength=len(piece) + 1)
    depth = np.cumsum(delta)[:len(piece)]
    level = depth[lo]
    by_start = np.argsort(lo)
    for d in range(1, int(depth.max()) + 1 if len(depth) else 1):
        intervals = by_start[level[by_start] == d]
        positions = np.flatnonzero(depth == d)
        k = intervals[np.searchsorted(lo[intervals], positions, side="right") - 1]
        piece[positions] = base + k


def _closed_ranges(first: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Positions first[k] .. first[k] + count[k] - 1, then first[k] again, for every k."""
    total = int(count.sum()) + len(count)
    offsets = np.arange(total) - np.repeat(np.cumsum(count + 1) - (count + 1), count + 1)
    offsets[np.cumsum(count + 1) - 1] = 0
    return np.repeat(first, count + 1) + offsets


def trace_mask(mask: np.ndarray) -> list[Polygon]:
    """Polygons of the True cells of ``mask`` (rows = +y), in cell-corner units (x = col, y = row).

    Each polygon is [exterior, holes...] as closed (k, 2) arrays; see ``mask_rings``.
    """
    rings = mask_rings(mask)
    polygons: list[Polygon] = []
    for k in range(len(rings)):
        ring = rings.xy[rings.start[k]:rings.start[k + 1]]
        if not rings.hole[k]:
            polygons.append([ring])
        else:
            polygons[-1].append(ring)
    return polygons


def rings_wkb(rings: Rings, x0: float = 0.0, y0: float = 0.0, scale: float = 1.0) -> bytes:
    """Little-endian MultiPolygon WKB of ``rings`` mapped to x0 + scale * x, y0 + scale * y, in one buffer."""
    shell = np.flatnonzero(~rings.hole)
    n_points = np.diff(rings.start)
    ring_bytes = 4 + 16 * n_points
    polygon_of_ring = np.cumsum(~rings.hole) - 1
    rings_per_polygon = np.bincount(polygon_of_ring, minlength=len(shell))
    # Byte offset of every ring: the header, one polygon header per shell before it, earlier rings.
    ring_offset = 9 + 9 * (polygon_of_ring + 1) + np.cumsum(ring_bytes) - ring_bytes
    total = 9 + 9 * len(shell) + int(ring_bytes.sum())
    polygon_offset = ring_offset[shell] - 9
    header = np.zeros((len(shell), 9), dtype=np.uint8)
    header[:, 0] = 1
    header[:, 1:5] = np.frombuffer(np.uint32(3).astype("<u4").tobytes(), dtype=np.uint8)
    header[:, 5:9] = rings_per_polygon.astype("<u4").view(np.uint8).reshape(-1, 4)
    # The headers (few bytes) by position; the vertices, which fill every other byte in ring order,
    # by one masked copy of their contiguous bytes (not a gather of 16 positions per vertex).
    head_pos = np.concatenate([np.arange(9), (polygon_offset[:, None] + np.arange(9)).ravel(),
                               (ring_offset[:, None] + np.arange(4)).ravel()])
    head_val = np.concatenate([np.frombuffer(_MULTIPOLYGON_HEADER.pack(1, 6, len(shell)), dtype=np.uint8),
                               header.ravel(), n_points.astype("<u4").view(np.uint8)])
    buf = np.empty(total, dtype=np.uint8)
    buf[head_pos] = head_val
    is_vertex = np.ones(total, dtype=bool)
    is_vertex[head_pos] = False
    coords = np.empty(rings.xy.shape, dtype="<f8")
    coords[:, 0] = x0 + rings.xy[:, 0] * scale
    coords[:, 1] = y0 + rings.xy[:, 1] * scale
    buf[is_vertex] = coords.view(np.uint8).ravel()
    return buf.tobytes()


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
    (rows go up in y). ``method`` is "numpy" (the default) or "gdal".
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
    if method == "gdal":
        return _gdal_wkb(mask, x0, y0, cell)
    return rings_wkb(mask_rings(mask), x0, y0, cell)


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
