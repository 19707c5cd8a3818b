"""Travel-time catchments (isochrones) from service points on a time grid.

Method (see docs/catchments.md):

1. One Dijkstra per service point on the *forward* network (service -> destination, so one-way
   streets are driven only in their direction), bounded by the largest band (``limit=``), on
   the junctions of the reduced graph; every road node's time is then filled in from its anchors.
2. Travel time at sample points spaced at most half a cell apart along every reached edge
   (exact along the edge: min of "via the start node" and "via the end node").
3. Samples are rasterised to a regular grid (cell time = min of its samples plus the leg to the
   cell centre), then an off-network leg at walking speed spreads each road cell's time to cells
   within ``max_off_m`` (a minimum over shifted slices of a distance-weighted disc). The samples
   are laid out per cell once per network, so a service point's grid needs no sort (fast_grid);
   sample_times/grid_from_samples are the plain reference path. Cells farther than that
   from a reached road stay empty: lakes, roadless forest and the far side of a one-way street
   are never covered.
4. Bands are cumulative: a band polygon is the union of cells with time <= band, polygonised
   along cell edges (4-connected, holes kept, exact cell area) by the numpy tracer of
   core/polygons.py (GDAL's polygonize gives the same polygons, slower with GDAL 3.6).

The searches run on the reduced graph (core/reduction.py); grids and polygons of successive
points run in worker threads (``zones``). Pure numpy/SciPy, GDAL optional; no QGIS imports. The
Dijkstra has a heapq fallback.
"""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from .accessibility import service_pins
from .graph import HAVE_SCIPY, ArcGraph, build_arc_graph, gather_ranges, multi_source_dijkstra
from .network import MIN_ARC_SECONDS, Network
from .polygons import mask_wkb
from .reduction import Reduction, reduce_graph
from .snapping import Snapped

try:
    from scipy import ndimage as _ndimage
    from scipy.sparse.csgraph import dijkstra as _sp_dijkstra
except ImportError:  # pragma: no cover
    _ndimage = None
    _sp_dijkstra = None

MAX_BANDS = 12
# Largest grid (cells) one dissolved catchment may need; beyond it the cell size must grow.
MAX_GRID_CELLS = 60_000_000


class CatchmentError(ValueError):
    """Parameters that cannot give a catchment (bad bands, grid too large)."""


def parse_bands(text: str | Sequence[float]) -> list[float]:
    """Bands in minutes, sorted and unique. Raises CatchmentError with a clear message."""
    if isinstance(text, str):
        items = [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]
        values = []
        for item in items:
            try:
                values.append(float(item))
            except ValueError:
                raise CatchmentError(f"'{item}' is not a number") from None
    else:
        values = [float(v) for v in text]
    if not values:
        raise CatchmentError("no bands given")
    if any(not np.isfinite(v) or v <= 0 for v in values):
        raise CatchmentError("every band must be a positive number of minutes")
    bands = sorted(set(values))
    if len(bands) > MAX_BANDS:
        raise CatchmentError(f"{len(bands)} bands given; at most {MAX_BANDS} are allowed")
    return bands


@dataclass
class TimeGrid:
    """Travel seconds on cells (row i, col j) of the global grid; ``times[0, 0]`` is cell (i0, j0)."""

    i0: int
    j0: int
    times: np.ndarray  # float32 (H, W); inf = not reached
    reach_s: float = 0.0  # largest network time reached (to detect bands beyond the reach)
    saturated: bool = False  # the search ran out of network before the limit


@dataclass
class GridSpec:
    """A global grid: cell (i, j) covers [x0 + j*cs, x0 + (j+1)*cs] x [y0 + i*cs, y0 + (i+1)*cs]."""

    x0: float
    y0: float
    cell: float

    def cell_of(self, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        j = np.floor((xy[:, 0] - self.x0) / self.cell).astype(np.int64)
        i = np.floor((xy[:, 1] - self.y0) / self.cell).astype(np.int64)
        return i, j


def _partial(frac: np.ndarray, time: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.where(frac > 0, frac * time, 0.0)


class CatchmentEngine:
    """Built once per network and service set; ``grid(s)`` per service point."""

    def __init__(
        self,
        network: Network,
        services: Snapped,
        access_speed_kmh: float,
        cell_size_m: float = 100.0,
        off_speed_kmh: float = 5.0,
        max_off_m: float = 300.0,
        use_scipy: Optional[bool] = None,
        reduce: bool = True,
    ) -> None:
        if cell_size_m <= 0 or off_speed_kmh <= 0 or access_speed_kmh <= 0 or max_off_m < 0:
            raise CatchmentError("cell size, speeds must be positive and the off-network distance not negative")
        self.network = network
        self.services = services
        self.cell = float(cell_size_m)
        self.off_ms = off_speed_kmh / 3.6
        self.max_off_m = float(max_off_m)
        self.use_scipy = (HAVE_SCIPY if use_scipy is None else use_scipy) and _sp_dijkstra is not None
        n_services = len(services.edge)
        access_ms = access_speed_kmh / 3.6
        # Searches run on the reduced graph (core/reduction.py): junctions only, the ends of every
        # service's edge kept; every road node's time is filled in from its anchors afterwards.
        self.reduction: Reduction = reduce_graph(network.forward, service_pins(network, services),
                                                 prune=reduce, contract=reduce, node_xy=network.node_xy)
        red = self.reduction
        self.service_node = red.n_reduced + np.arange(n_services)

        ok = np.flatnonzero(services.ok)
        e, f = services.edge[ok], services.frac[ok]
        self.access_s = np.where(services.ok, np.nan_to_num(services.dist_m) / access_ms, np.inf)
        acc = self.access_s[ok]
        fwd = red.graph
        # Service -> edge ends: drive back to u (against the edge: backward time) or on to v.
        tails = [fwd.tails(), self.service_node[ok], self.service_node[ok]]
        heads = [fwd.indices.astype(np.int64), red.reduced_of[network.edge_u[e]], red.reduced_of[network.edge_v[e]]]
        costs = [fwd.cost, np.maximum(_partial(f, network.edge_time_bwd_s[e]) + acc, MIN_ARC_SECONDS),
                 np.maximum(_partial(1 - f, network.edge_time_fwd_s[e]) + acc, MIN_ARC_SECONDS)]
        lengths = [fwd.length, f * network.edge_length_m[e], (1 - f) * network.edge_length_m[e]]
        self.graph: ArcGraph = build_arc_graph(
            red.n_reduced + n_services, np.concatenate(tails), np.concatenate(heads), np.concatenate(costs),
            np.concatenate(lengths))
        self._matrix = self.graph.scipy_matrix() if self.use_scipy else None

        # Samples along edges, at most half a cell apart, so every cell a road crosses gets one.
        seg_len = np.hypot(*(network.seg_xy1 - network.seg_xy0).T)
        pieces = np.maximum(1, np.ceil(seg_len / (self.cell / 2.0)).astype(np.int64))
        owner = np.repeat(np.arange(len(seg_len)), pieces)
        first = np.repeat(np.cumsum(pieces) - pieces, pieces)
        t = (np.arange(len(owner)) - first + 0.5) / pieces[owner]
        step = network.seg_xy1 - network.seg_xy0
        xy = network.seg_xy0[owner] + step[owner] * t[:, None]
        edge = network.seg_edge[owner]
        length = network.edge_length_m[edge]
        along = network.seg_offset_m[owner] + t * seg_len[owner]
        frac = np.where(length > 0, np.clip(along / np.where(length > 0, length, 1.0), 0.0, 1.0), 0.0)
        if len(edge) and (np.diff(edge) < 0).any():  # build_network's segments already come edge by edge
            order = np.argsort(edge, kind="stable")
            xy, edge, frac = xy[order], edge[order], frac[order]
        self.sample_xy = xy
        self.sample_edge = edge
        self.sample_frac = frac
        self.edge_sample_ptr = np.zeros(network.n_edges + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.sample_edge, minlength=network.n_edges), out=self.edge_sample_ptr[1:])

        pad = (np.ceil(self.max_off_m / self.cell) + 2) * self.cell
        lo = network.node_xy.min(axis=0) - pad
        self.spec = GridSpec(float(np.floor(lo[0] / self.cell) * self.cell),
                             float(np.floor(lo[1] / self.cell) * self.cell), self.cell)
        self._radius = int(np.floor(self.max_off_m / self.cell))
        r = self._radius
        di, dj = np.mgrid[-r:r + 1, -r:r + 1]
        dist = np.hypot(di, dj) * self.cell
        self._disc = dist <= self.max_off_m + 1e-9
        # grey_erosion computes min(input[x + y] - structure[y]): the structure is minus the leg time.
        self._structure = np.where(self._disc, -dist / self.off_ms, 0.0)
        # The disc's offsets with a, b >= 0 (each standing for (+-a, +-b)), grouped by their cost.
        groups: dict = {}
        for a, b, c in zip(di[self._disc].tolist(), dj[self._disc].tolist(), (dist / self.off_ms)[self._disc].tolist()):
            if a >= 0 and b >= 0 and (a, b) != (0, 0):
                groups.setdefault(np.float32(c), []).append((a, b))
        self._spread_groups = sorted(groups.items())
        self._offsets = [(int(a), int(b), float(c)) for a, b, c in
                         zip(di[self._disc], dj[self._disc], (dist / self.off_ms)[self._disc])]
        self._prepare_cell_samples()

    def _prepare_cell_samples(self) -> None:
        """Per grid cell, the road nodes its samples are reached through and the cost from each.

        A sample (and every node) at fraction a of edge (u, v) is reached at min(t[u] + cost from
        u, t[v] + cost from v), plus the walk to its cell's centre. Per cell only the cheapest cost
        per node matters (min(t + c1, t + c2) = t + min(c1, c2), also in float32), so each cell
        keeps one (node, cost) pair per distinct node. Cells are laid out in blocks with the same
        number of pairs, so that a service point's cell times are one gather, one add and one
        ``min(axis=0)`` per block: no per-point sort.
        """
        net = self.network
        e = self.sample_edge
        a = self.sample_frac
        i, j = self.spec.cell_of(self.sample_xy)
        node_i, node_j = self.spec.cell_of(net.node_xy)
        # Cells numbered column by column, as the network numbers its nodes (by x, then y): the
        # gathers of neighbouring cells then read neighbouring nodes.
        self._grid_h = int(max(i.max(initial=0), node_i.max(initial=0))) + self._radius + 2
        flat = j * self._grid_h + i
        leg = self._leg_to_centre(self.sample_xy, i, j)
        cost_u = (_partial(a, net.edge_time_fwd_s[e]) + leg).astype(np.float32)
        cost_v = (_partial(1 - a, net.edge_time_bwd_s[e]) + leg).astype(np.float32)
        # Consecutive samples of one edge in one cell share both nodes: their cheapest costs first
        # (no sort needed, samples come edge by edge), which halves what the sort below sees.
        run = np.flatnonzero(np.r_[True, (e[1:] != e[:-1]) | (flat[1:] != flat[:-1])]) if len(e) else e
        run_edge, run_cell = e[run], flat[run]
        cost_u = np.minimum.reduceat(cost_u, run) if len(run) else cost_u
        cost_v = np.minimum.reduceat(cost_v, run) if len(run) else cost_v
        node_flat = node_j * self._grid_h + node_i
        node_leg = self._leg_to_centre(net.node_xy, node_i, node_j).astype(np.float32)
        cell = np.concatenate([run_cell, run_cell, node_flat])
        node = np.concatenate([net.edge_u[run_edge], net.edge_v[run_edge], np.arange(net.n_nodes)])
        cost = np.concatenate([cost_u, cost_v, node_leg])
        del i, j, leg, run, run_edge, run_cell, cost_u, cost_v, node_flat, node_leg
        # The cheapest cost per (cell, node): one sort of a single key, then a minimum per run.
        key = cell * max(net.n_nodes, 1) + node
        order = np.argsort(key)
        key = key[order]
        first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        cost = np.minimum.reduceat(cost[order], first) if len(first) else cost
        cell, node = cell[order[first]], node[order[first]]
        del key, order, first
        starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]])
        counts = np.diff(np.r_[starts, len(cell)])
        # Blocks of cells with equal pair counts; within a block the k-th pairs of all its cells
        # are contiguous, so min(axis=0) of a (count, cells) array reads memory in order.
        cell_order = np.argsort(counts, kind="stable")
        self._cs_cell = cell[starts[cell_order]]
        sorted_counts = counts[cell_order]
        self._cs_blocks = []
        pieces = []
        offset = 0
        for count in np.unique(sorted_counts).tolist():
            cells = cell_order[sorted_counts == count]
            pieces.append((starts[cells][None, :] + np.arange(count)[:, None]).ravel())
            self._cs_blocks.append((offset, len(cells), count))
            offset += len(cells) * count
        layout = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)
        self._cs_node = node[layout].astype(np.intp)
        self._cs_cost = cost[layout]
        column, row = np.divmod(self._cs_cell, self._grid_h)
        self._cs_i, self._cs_j = row.astype(np.int32), column.astype(np.int32)
        # To find a cell's place in the layout (for the service's own edge): the cells in order.
        self._cells_sorted = cell[starts]
        self._layout_of_sorted = np.empty(len(starts), dtype=np.int64)
        self._layout_of_sorted[cell_order] = np.arange(len(starts))

    def _leg_to_centre(self, xy: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        cx = self.spec.x0 + (j + 0.5) * self.cell
        cy = self.spec.y0 + (i + 0.5) * self.cell
        return np.hypot(xy[:, 0] - cx, xy[:, 1] - cy) / self.off_ms

    # -- network search -------------------------------------------------------------------
    def reduced_times(self, services: np.ndarray, limit_s: float) -> np.ndarray:
        """(len(services), search nodes) seconds from each service on the reduced graph (inf beyond the limit)."""
        nodes = self.service_node[np.asarray(services, dtype=np.int64)]
        if self.use_scipy:
            return np.atleast_2d(_sp_dijkstra(self._matrix, directed=True, indices=nodes, limit=limit_s))
        rows = [multi_source_dijkstra(self.graph, np.array([n]), limit=limit_s, use_scipy=False,
                                      want_predecessors=False).dist for n in nodes]
        return np.vstack(rows) if rows else np.zeros((0, self.graph.n))

    def fill_nodes(self, reduced_time: np.ndarray, limit_s: float) -> np.ndarray:
        """Seconds at every road node from one service's reduced times (inf beyond the limit)."""
        t, _slot = self.reduction.fill(reduced_time, False)
        t[t > limit_s] = np.inf
        return t

    def node_times(self, services: np.ndarray, limit_s: float) -> np.ndarray:
        """(len(services), n_nodes) seconds from each service to every road node (inf beyond the limit)."""
        reduced = self.reduced_times(services, limit_s)
        if len(reduced) == 0:
            return np.zeros((0, self.network.n_nodes))
        return np.vstack([self.fill_nodes(row, limit_s) for row in reduced])

    def batch_size(self) -> int:
        """Services per SciPy call: amortises call overhead without a huge dense result."""
        return int(max(1, min(32, 4_000_000 // max(1, self.graph.n))))

    # -- grid -----------------------------------------------------------------------------
    def sample_times(self, s: int, node_time: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(xy, seconds) of the reached samples (plus the service's own attachment point)."""
        net = self.network
        n_nodes = net.n_nodes
        t_nodes = node_time[:n_nodes]
        reached = np.flatnonzero(np.isfinite(t_nodes))
        node_edges, node_edge_ptr = self._node_edges()
        edges = np.unique(node_edges[gather_ranges(node_edge_ptr, reached)])
        e0 = int(self.services.edge[s])
        if e0 >= 0 and not np.isin(e0, edges):
            edges = np.append(edges, e0)
        idx = gather_ranges(self.edge_sample_ptr, edges)
        e = self.sample_edge[idx]
        a = self.sample_frac[idx]
        with np.errstate(invalid="ignore"):
            via_u = t_nodes[net.edge_u[e]] + _partial(a, net.edge_time_fwd_s[e])
            via_v = t_nodes[net.edge_v[e]] + _partial(1 - a, net.edge_time_bwd_s[e])
        t = np.fmin(via_u, via_v)
        if e0 >= 0:
            on = e == e0
            f = float(self.services.frac[s])
            d = a[on] - f
            direct = np.where(d >= 0, _partial(d, net.edge_time_fwd_s[e0]), _partial(-d, net.edge_time_bwd_s[e0]))
            t[on] = np.fmin(t[on], direct + self.access_s[s])
        xy = self.sample_xy[idx]
        # Nodes themselves and the service's attachment point are exact samples too.
        node_xy = net.node_xy[reached]
        xy = np.concatenate([xy, node_xy] + ([self.services.xy[s:s + 1]] if e0 >= 0 else []))
        t = np.concatenate([t, t_nodes[reached]] + ([np.array([self.access_s[s]])] if e0 >= 0 else []))
        keep = np.isfinite(t)
        return xy[keep], t[keep]

    def _node_edges(self) -> tuple[np.ndarray, np.ndarray]:
        """Node -> incident edges (CSR), to find the edges a search touched (the reference path only)."""
        if not hasattr(self, "_node_edge_csr"):
            net = self.network
            ends = np.concatenate([net.edge_u, net.edge_v])
            edge_ids = np.concatenate([np.arange(net.n_edges)] * 2)
            ptr = np.zeros(net.n_nodes + 1, dtype=np.int64)
            np.cumsum(np.bincount(ends, minlength=net.n_nodes), out=ptr[1:])
            self._node_edge_csr = (edge_ids[np.argsort(ends, kind="stable")], ptr)
        return self._node_edge_csr

    def grid_from_samples(self, xy: np.ndarray, t: np.ndarray, limit_s: float) -> TimeGrid:
        keep = t <= limit_s
        xy, t = xy[keep], t[keep]
        if len(t) == 0:
            return TimeGrid(0, 0, np.full((0, 0), np.inf, dtype=np.float32))
        i, j = self.spec.cell_of(xy)
        r = self._radius + 1
        i0, j0 = int(i.min()) - r, int(j.min()) - r
        h, w = int(i.max()) - i0 + r + 1, int(j.max()) - j0 + r + 1
        if h * w > MAX_GRID_CELLS:
            raise CatchmentError(f"the catchment needs {h * w} grid cells; use a larger cell size")
        # Sample -> its cell centre at walking speed, then the minimum per cell.
        cx = self.spec.x0 + (j + 0.5) * self.cell
        cy = self.spec.y0 + (i + 0.5) * self.cell
        t_cell = t + np.hypot(xy[:, 0] - cx, xy[:, 1] - cy) / self.off_ms
        flat = (i - i0) * w + (j - j0)
        # One float key (cell, then time) sorts faster than lexsort; times are far below the stride.
        order = np.argsort(flat.astype(np.float64) * (4.0 * limit_s + 1e4) + t_cell, kind="stable")
        flat_sorted = flat[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = flat_sorted[1:] != flat_sorted[:-1]
        grid = np.full(h * w, np.inf)
        grid[flat_sorted[first]] = t_cell[order][first]
        grid = grid.reshape(h, w)
        if self._radius > 0:
            grid = self._spread(grid)
        grid[grid > limit_s] = np.inf
        return TimeGrid(i0, j0, grid.astype(np.float32))

    def fast_grid(self, s: int, node_time: np.ndarray, limit_s: float) -> TimeGrid:
        """The same grid as grid_from_samples(*sample_times(...)), from the cell-sorted (node, cost) pairs."""
        net = self.network
        t_nodes = node_time[: net.n_nodes].astype(np.float32)
        t = np.take(t_nodes, self._cs_node)
        t += self._cs_cost
        cell_time = np.empty(len(self._cs_cell), dtype=np.float32)
        done = 0
        for o, n, c in self._cs_blocks:
            np.min(t[o:o + n * c].reshape(c, n), axis=0, out=cell_time[done:done + n])
            done += n
        e0 = int(self.services.edge[s])
        extra_cell = None
        if e0 >= 0:
            # The stretch along the service's own edge, and its attachment point.
            lo, hi = self.edge_sample_ptr[e0], self.edge_sample_ptr[e0 + 1]
            d = self.sample_frac[lo:hi] - float(self.services.frac[s])
            direct = np.where(d >= 0, _partial(d, net.edge_time_fwd_s[e0]), _partial(-d, net.edge_time_bwd_s[e0]))
            xy = self.sample_xy[lo:hi]
            i, j = self.spec.cell_of(xy)
            own = (direct + self.access_s[s] + self._leg_to_centre(xy, i, j)).astype(np.float32)
            where = self._layout_of_sorted[np.searchsorted(self._cells_sorted, j * self._grid_h + i)]
            np.minimum.at(cell_time, where, own)
            point = self.services.xy[s:s + 1]
            pi, pj = self.spec.cell_of(point)
            extra_cell = (int(pi[0]), int(pj[0]), float(self.access_s[s] + self._leg_to_centre(point, pi, pj)[0]))
        keep = np.flatnonzero(cell_time <= limit_s)
        i, j, times = self._cs_i[keep], self._cs_j[keep], cell_time[keep]
        if extra_cell is not None and extra_cell[2] <= limit_s:
            hit = np.flatnonzero((i == extra_cell[0]) & (j == extra_cell[1]))  # the point's own cell may be there
            if len(hit):
                times[hit[0]] = min(times[hit[0]], extra_cell[2])
            else:
                i = np.append(i, np.int32(extra_cell[0]))
                j = np.append(j, np.int32(extra_cell[1]))
                times = np.append(times, np.float32(extra_cell[2]))
        if len(times) == 0:
            return TimeGrid(0, 0, np.full((0, 0), np.inf, dtype=np.float32))
        r = self._radius + 1
        i0, j0 = int(i.min()) - r, int(j.min()) - r
        h, w = int(i.max()) - i0 + r + 1, int(j.max()) - j0 + r + 1
        if h * w > MAX_GRID_CELLS:
            raise CatchmentError(f"the catchment needs {h * w} grid cells; use a larger cell size")
        grid = np.full((h, w), np.inf, dtype=np.float32)
        grid.ravel()[(i - i0) * w + (j - j0)] = times
        if self._radius > 0:
            grid = self._spread_slices(grid)
        grid[grid > limit_s] = np.inf
        return TimeGrid(i0, j0, grid)

    def _spread_slices(self, grid: np.ndarray) -> np.ndarray:
        """min over the disc of (road-cell time + walking leg), by shifted slices (float32).

        The disc is symmetric: the offsets (+-a, +-b) share one leg cost, and so do (a, b) and
        (b, a). Per column shift b the minimum of the two shifted grids is taken once, then per
        row shift a the minimum of that, shifted both ways, and the cost is added once per group
        of equal cost: min(x + c, y + c) = min(x, y) + c holds exactly in floating point.
        """
        r = self._radius
        h, w = grid.shape
        padded = np.full((h + 2 * r, w + 2 * r), np.inf, dtype=np.float32)
        padded[r:r + h, r:r + w] = grid
        columns = {0: padded[:, r:r + w]}
        for b in range(1, r + 1):
            columns[b] = np.minimum(padded[:, r + b:r + b + w], padded[:, r - b:r - b + w])
        out = grid.copy()
        best = np.empty((h, w), dtype=np.float32)
        shifted = np.empty((h, w), dtype=np.float32)
        for cost, quarter in self._spread_groups:
            for k, (a, b) in enumerate(quarter):
                target = best if k == 0 else shifted
                if a == 0:
                    target[...] = columns[b][r:r + h]
                else:
                    np.minimum(columns[b][r + a:r + a + h], columns[b][r - a:r - a + h], out=target)
                if k:
                    np.minimum(best, shifted, out=best)
            best += cost
            np.minimum(out, best, out=out)
        return out

    def _spread(self, grid: np.ndarray) -> np.ndarray:
        """min over the disc of (time at a road cell + leg to this cell at walking speed)."""
        big = np.where(np.isfinite(grid), grid, 1e30)
        if _ndimage is not None:
            out = _ndimage.grey_erosion(big, footprint=self._disc, structure=self._structure, mode="constant", cval=1e30)
        else:  # pragma: no cover - numpy fallback
            r = self._radius
            padded = np.pad(big, r, constant_values=1e30)
            out = big.copy()
            h, w = big.shape
            for di, dj in zip(*np.nonzero(self._disc)):
                out = np.minimum(out, padded[di:di + h, dj:dj + w] - self._structure[di, dj])
        return np.where(out >= 1e29, np.inf, out)

    def grid(self, s: int, reduced: np.ndarray, limit_s: float) -> TimeGrid:
        """Service ``s``'s time grid from its search on the reduced graph (one row of reduced_times)."""
        unbounded = self.reduction.fill_times(reduced, False)
        within = unbounded <= limit_s
        node_time = np.where(within, unbounded, np.inf)
        grid = self.fast_grid(s, node_time, limit_s)
        grid.reach_s = float(np.max(unbounded, where=within, initial=0.0))
        grid.saturated = self._saturated(reduced, unbounded, limit_s)
        return grid

    def _searched(self, services: np.ndarray, limit_s: float, step: Optional[int] = None):
        """Yield (service index, reduced times or None when not attached), in batches of bounded searches."""
        services = np.asarray(services, dtype=np.int64)
        step = self.batch_size() if step is None else step
        for start in range(0, len(services), step):
            chunk = services[start:start + step]
            ok = self.services.ok[chunk]
            times = iter(self.reduced_times(chunk[ok], limit_s)) if ok.any() else None
            for s, good in zip(chunk.tolist(), ok.tolist()):
                yield s, (next(times) if good else None)

    def grids(self, services: np.ndarray, limit_s: float):
        """Yield (service index, TimeGrid) for each service, in batches of bounded searches."""
        for s, reduced in self._searched(services, limit_s):
            yield s, (self.grid(s, reduced, limit_s) if reduced is not None else _empty_grid())

    def zones(self, services: np.ndarray, bands_s: Sequence[float], workers: Optional[int] = None):
        """Yield (service index, TimeGrid, [(WKB or None, area m2) per band]) in the order given.

        The searches run here (SciPy holds the GIL); each service's grid and polygons run in
        ``workers`` threads (numpy and GDAL release the GIL), overlapping with the next searches.
        """
        bands_s = [float(b) for b in bands_s]
        limit_s = max(bands_s)
        workers = default_workers() if workers is None else max(1, int(workers))

        def job(s: int, reduced: Optional[np.ndarray]):
            grid = self.grid(s, reduced, limit_s) if reduced is not None else _empty_grid()
            return s, grid, [band_wkb(grid, self.spec, b) for b in bands_s]

        if workers == 1:
            for s, reduced in self._searched(services, limit_s):
                yield job(s, reduced)
            return
        pool = ThreadPoolExecutor(max_workers=workers)
        pending: deque = deque()
        # Small search batches keep the workers busy while the next batch is searched; at most
        # two batches of grids wait in memory.
        step = min(self.batch_size(), 4 * workers)
        try:
            for s, reduced in self._searched(services, limit_s, step):
                pending.append(pool.submit(job, s, reduced))
                while pending and (pending[0].done() or len(pending) > 2 * step):
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _saturated(self, reduced: np.ndarray, node_time: np.ndarray, limit_s: float) -> bool:
        """True when the search ran out of network before the limit.

        That is: no reached junction has an arc to an unreached one (every junction that can be
        reached was), and no road node hanging off them lies beyond the limit.
        """
        if (np.isfinite(node_time) & (node_time > limit_s)).any():  # the cheaper test first
            return False
        reached = np.isfinite(reduced)
        if "_tails" not in self.__dict__:
            self._tails = self.graph.tails()
        return not (reached[self._tails] & ~reached[self.graph.indices]).any()


def _empty_grid() -> TimeGrid:
    return TimeGrid(0, 0, np.full((0, 0), np.inf, dtype=np.float32))


def default_workers() -> int:
    """Threads for grids and polygons: the cores there are, at most 4."""
    return max(1, min(4, os.cpu_count() or 1))


def merge_grids(grids: Sequence[TimeGrid]) -> TimeGrid:
    """Cell-wise minimum of several grids (a dissolved catchment per type)."""
    grids = [g for g in grids if g.times.size]
    if not grids:
        return TimeGrid(0, 0, np.full((0, 0), np.inf, dtype=np.float32))
    i0 = min(g.i0 for g in grids)
    j0 = min(g.j0 for g in grids)
    i1 = max(g.i0 + g.times.shape[0] for g in grids)
    j1 = max(g.j0 + g.times.shape[1] for g in grids)
    if (i1 - i0) * (j1 - j0) > MAX_GRID_CELLS:
        raise CatchmentError(f"the dissolved catchment needs {(i1 - i0) * (j1 - j0)} grid cells; use a larger cell size")
    out = np.full((i1 - i0, j1 - j0), np.inf, dtype=np.float32)
    for g in grids:
        h, w = g.times.shape
        view = out[g.i0 - i0:g.i0 - i0 + h, g.j0 - j0:g.j0 - j0 + w]
        np.minimum(view, g.times, out=view)
    return TimeGrid(i0, j0, out, max(g.reach_s for g in grids), all(g.saturated for g in grids))


def values_at(grid: TimeGrid, spec: GridSpec, xy: np.ndarray) -> np.ndarray:
    """Grid seconds at points (inf outside the grid or unreached)."""
    out = np.full(len(xy), np.inf)
    if grid.times.size == 0 or len(xy) == 0:
        return out
    finite = np.isfinite(xy).all(axis=1)
    i, j = spec.cell_of(np.where(finite[:, None], xy, 0.0))
    i, j = i - grid.i0, j - grid.j0
    h, w = grid.times.shape
    inside = finite & (i >= 0) & (i < h) & (j >= 0) & (j < w)
    out[inside] = grid.times[i[inside], j[inside]]
    return out


def band_wkb(grid: TimeGrid, spec: GridSpec, band_s: float, method: Optional[str] = None) -> tuple[Optional[bytes], float]:
    """(MultiPolygon WKB in map units or None, area in m2) of the cells reached within ``band_s``.

    The numpy tracer (core/polygons.py), or ``method="gdal"``: GDAL's polygonize; same polygons.
    """
    if grid.times.size == 0:
        return None, 0.0
    mask = grid.times <= band_s
    area = float(np.count_nonzero(mask)) * spec.cell * spec.cell
    wkb = mask_wkb(mask, spec.x0 + grid.j0 * spec.cell, spec.y0 + grid.i0 * spec.cell, spec.cell, method)
    return wkb, area
