"""Line geometries from WKB in bulk: the vertices of every feature in a few numpy passes.

Reading a road layer feature by feature through Python (a geometry object, its parts, a tuple
per vertex) costs far more than the network built from it. Here every feature's WKB is joined
into one buffer and parsed at once: headers by gathers, vertices by strided views.

Only what is certainly a valid, simple line is parsed: (Multi)LineString, 2D/Z/M/ZM, little
endian, every part with at least two distinct points and finite x/y (what GEOS calls a valid
line). Anything else (curves, big-endian, degenerate or non-finite parts, malformed buffers) is
flagged ``LINE_OTHER`` for the caller to read the slow way, so the result never differs from a
per-feature read. Pure numpy; no QGIS or GDAL needed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

LINE_OK = 0  # parsed: every part below
LINE_NULL = 1  # no geometry (None or zero bytes)
LINE_EMPTY = 2  # an empty line, or a multi-line without parts
LINE_OTHER = 3  # anything not certainly a valid simple line: read it feature by feature

_LINESTRING = 2
_MULTILINESTRING = 5
_EWKB_Z, _EWKB_M, _EWKB_SRID = 0x80000000, 0x40000000, 0x20000000


@dataclass
class ParsedLines:
    """The parts of the LINE_OK geometries, in input order."""

    coords: np.ndarray  # (V, 2) x, y of every vertex, part after part
    part_start: np.ndarray  # (P + 1,) offsets of the parts into ``coords``
    part_owner: np.ndarray  # (P,) input index of the geometry each part belongs to
    status: np.ndarray  # (n,) LINE_* per input geometry

    @property
    def n_parts(self) -> int:
        return int(len(self.part_owner))


def _u32(buf: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Little-endian uint32 at byte positions ``pos`` (as int64)."""
    if len(pos) == 0:
        return np.zeros(0, dtype=np.int64)
    raw = buf[pos[:, None] + np.arange(4)]
    return np.ascontiguousarray(raw).view("<u4").ravel().astype(np.int64)


def _decode_type(code: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(kind, dimensions, ok) from ISO (1002, 3005, ...) or old-style 2.5D/EWKB type codes."""
    flag_z = (code & _EWKB_Z) != 0
    flag_m = (code & _EWKB_M) != 0
    srid = (code & _EWKB_SRID) != 0
    base = code & 0x0FFFFFFF
    iso = base // 1000
    kind = base % 1000
    z = flag_z | (iso == 1) | (iso == 3)
    m = flag_m | (iso == 2) | (iso == 3)
    ok = ~srid & (iso <= 3) & ~((flag_z | flag_m) & (iso > 0))
    return kind, 2 + z.astype(np.int64) + m.astype(np.int64), ok


def parse_lines(wkbs: Sequence[Optional[bytes]]) -> ParsedLines:
    """Parse many line WKBs (``None`` or b"" for no geometry) at once."""
    n = len(wkbs)
    if not isinstance(wkbs, list):
        wkbs = list(wkbs)
    if None in wkbs:
        wkbs = [b"" if w is None else w for w in wkbs]
    lengths = np.fromiter(map(len, wkbs), dtype=np.int64, count=n)
    raw = b"".join(wkbs)
    buf = np.frombuffer(raw, dtype=np.uint8)
    starts = np.cumsum(lengths) - lengths
    ends = starts + lengths
    status = np.full(n, LINE_OTHER, dtype=np.int8)
    status[lengths == 0] = LINE_NULL

    # Header: byte order, type, count (points of a line, parts of a multi-line).
    cand = np.flatnonzero(lengths >= 9)
    cand = cand[buf[starts[cand]] == 1]
    kind, dims, ok = _decode_type(_u32(buf, starts[cand] + 1))
    line = ok & (kind == _LINESTRING)
    multi = ok & (kind == _MULTILINESTRING)
    count = _u32(buf, starts[cand] + 5)

    part_geom: list[np.ndarray] = []  # per batch of parts: input index, first coordinate byte, points, dims
    part_pos: list[np.ndarray] = []
    part_npts: list[np.ndarray] = []
    part_dims: list[np.ndarray] = []
    bad = np.zeros(n, dtype=bool)

    # Single lines.
    idx = cand[line]
    npts = count[line]
    fits = starts[idx] + 9 + npts * dims[line] * 8 <= ends[idx]
    empty = fits & (npts == 0)
    status[idx[empty]] = LINE_EMPTY
    use = fits & (npts > 0)
    bad[idx[~fits]] = True
    part_geom.append(idx[use])
    part_pos.append(starts[idx[use]] + 9)
    part_npts.append(npts[use])
    part_dims.append(dims[line][use])
    status[idx[use]] = LINE_OK

    # Multi-lines: the k-th part of every multi-line that has one, k = 0, 1, ...
    idx = cand[multi]
    n_parts = count[multi]
    mdims = dims[multi]
    status[idx[n_parts == 0]] = LINE_EMPTY
    pos = starts[idx] + 9
    remaining = n_parts.copy()
    active = np.flatnonzero(remaining > 0)
    while len(active):
        p = pos[active]
        header_fits = p + 9 <= ends[idx[active]]
        ok_part = header_fits.copy()
        hp = p[header_fits]
        order_ok = buf[hp] == 1
        pkind, pdims, pok = _decode_type(_u32(buf, hp + 1))
        pn = _u32(buf, hp + 5)
        fits = hp + 9 + pn * pdims * 8 <= ends[idx[active[header_fits]]]
        ok_part[header_fits] = order_ok & pok & (pkind == _LINESTRING) & (pdims == mdims[active[header_fits]]) & fits
        points = np.zeros(len(active), dtype=np.int64)
        points[header_fits] = pn
        broken = active[~ok_part]
        bad[idx[broken]] = True
        good = active[ok_part]
        gp = points[ok_part]
        # An empty part: let the per-feature reader decide what the geometry is.
        bad[idx[good[gp == 0]]] = True
        keep = gp > 0
        part_geom.append(idx[good[keep]])
        part_pos.append(pos[good[keep]] + 9)
        part_npts.append(gp[keep])
        part_dims.append(mdims[good[keep]])
        pos[good] += 9 + gp * mdims[good] * 8
        remaining[good] -= 1
        remaining[broken] = 0
        active = good[remaining[good] > 0]
    status[idx[n_parts > 0]] = LINE_OK

    geom = np.concatenate(part_geom)
    cpos = np.concatenate(part_pos)
    cnt = np.concatenate(part_npts)
    pdim = np.concatenate(part_dims)
    order = np.argsort(geom, kind="stable")  # parts in input order, each geometry's parts in order
    geom, cpos, cnt, pdim = geom[order], cpos[order], cnt[order], pdim[order]
    coords = _gather_xy(raw, cpos, cnt, pdim)
    part_start = np.zeros(len(cnt) + 1, dtype=np.int64)
    np.cumsum(cnt, out=part_start[1:])

    # Validity as GEOS sees a line: finite x/y and at least two distinct points per part.
    if len(coords):
        part_of_vertex = np.repeat(np.arange(len(cnt)), cnt)
        first = part_start[:-1][part_of_vertex]
        x, y = coords[:, 0], coords[:, 1]
        finite = np.isfinite(x) & np.isfinite(y)
        differs = ((x != x[first]) | (y != y[first])) & finite
        part_ok = (np.bincount(part_of_vertex, weights=~finite, minlength=len(cnt)) == 0) & \
                  (np.bincount(part_of_vertex, weights=differs, minlength=len(cnt)) > 0)
        bad[geom[~part_ok]] = True
    status[bad] = LINE_OTHER
    if bad.any():
        keep_part = ~bad[geom]
        vertex_keep = np.repeat(keep_part, cnt)
        coords = coords[vertex_keep]
        cnt, geom = cnt[keep_part], geom[keep_part]
        part_start = np.zeros(len(cnt) + 1, dtype=np.int64)
        np.cumsum(cnt, out=part_start[1:])
    return ParsedLines(coords, part_start, geom, status)


def _gather_xy(raw: bytes, pos: np.ndarray, npts: np.ndarray, dims: np.ndarray) -> np.ndarray:
    """(V, 2) x, y of every vertex: part p has npts[p] vertices of dims[p] doubles from byte pos[p]."""
    total = int(npts.sum())
    out = np.empty((total, 2))
    if total == 0:
        return out
    if (dims == 2).all():
        # x, y only: every part's vertices are one run of bytes; mark the runs and copy them out at
        # once (no index per vertex). Runs never overlap; one may end where the next begins.
        starts = np.zeros(len(raw) + 1, dtype=np.int8)
        ends = np.zeros(len(raw) + 1, dtype=np.int8)
        starts[pos] = 1
        ends[pos + 16 * npts] = 1
        inside = np.cumsum(starts[:-1] - ends[:-1], dtype=np.int8).view(bool)
        out[:] = np.frombuffer(raw, dtype=np.uint8)[inside].view("<f8").reshape(total, 2)
        return out
    first = np.repeat(np.cumsum(npts) - npts, npts)
    offset = np.repeat(pos, npts) + (np.arange(total) - first) * np.repeat(dims * 8, npts)
    shift = offset % 8
    # Eight views of the buffer, one per byte alignment; each vertex reads from the view its
    # offset is aligned in.
    for k in np.unique(shift).tolist():
        sel = np.flatnonzero(shift == k)
        view = np.frombuffer(raw, dtype="<f8", offset=k, count=(len(raw) - k) // 8)
        q = (offset[sel] - k) // 8
        out[sel, 0] = view[q]
        out[sel, 1] = view[q + 1]
    return out
