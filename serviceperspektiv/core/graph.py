"""Compressed sparse arc graphs and shortest paths (SciPy when present, heapq otherwise)."""
from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

try:  # Some QGIS installs ship without SciPy: everything below has a pure-Python fallback.
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components as _sp_components
    from scipy.sparse.csgraph import dijkstra as _sp_dijkstra

    HAVE_SCIPY = True
except ImportError:  # pragma: no cover - exercised by forcing use_scipy=False in tests
    HAVE_SCIPY = False

NO_NODE = -9999  # SciPy's marker for "no predecessor/source"


@dataclass
class ArcGraph:
    """Directed graph in CSR form with a cost (seconds) and a length (metres) per arc."""

    n: int
    indptr: np.ndarray
    indices: np.ndarray
    cost: np.ndarray
    length: np.ndarray

    @property
    def n_arcs(self) -> int:
        return int(self.indices.shape[0])

    def tails(self) -> np.ndarray:
        return np.repeat(np.arange(self.n, dtype=np.int64), np.diff(self.indptr))

    def reversed(self) -> "ArcGraph":
        return build_arc_graph(self.n, self.indices, self.tails(), self.cost, self.length, dedupe=False)

    def scipy_matrix(self):
        return csr_matrix((self.cost, self.indices, self.indptr), shape=(self.n, self.n))

    def arc_keys(self) -> np.ndarray:
        """tail * n + head per arc; sorted, because CSR rows are sorted by head."""
        keys = self.__dict__.get("_arc_keys")
        if keys is None:
            keys = self.tails() * self.n + self.indices
            self.__dict__["_arc_keys"] = keys
        return keys

    def arc_index(self, tail: np.ndarray, head: np.ndarray) -> np.ndarray:
        """Position of the arc tail->head in the CSR arrays, -1 where there is none."""
        keys = self.arc_keys()
        want = np.asarray(tail, dtype=np.int64) * self.n + np.asarray(head, dtype=np.int64)
        if len(keys) == 0:
            return np.full(want.shape, -1, dtype=np.int64)
        found = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
        return np.where(keys[found] == want, found, -1)

    def arc_length(self, tail: np.ndarray, head: np.ndarray) -> np.ndarray:
        """Length of the arcs tail->head (which must exist)."""
        if HAVE_SCIPY:
            # SciPy's CSR look-up searches only the tail's row: far faster than one global search.
            lengths = self.__dict__.get("_length_matrix")
            if lengths is None:
                lengths = csr_matrix((self.length, self.indices, self.indptr), shape=(self.n, self.n))
                self.__dict__["_length_matrix"] = lengths
            return np.asarray(lengths[tail, head]).ravel()
        found = np.searchsorted(self.arc_keys(), tail.astype(np.int64) * self.n + head)
        return self.length[found]


def build_arc_graph(
    n: int,
    tail: np.ndarray,
    head: np.ndarray,
    cost: np.ndarray,
    length: np.ndarray,
    dedupe: bool = True,
) -> ArcGraph:
    """CSR graph from arc lists. Infinite-cost arcs are dropped; parallel arcs keep the cheapest.

    SciPy would *sum* duplicate (i, j) entries, so duplicates never reach it.
    """
    return build_arc_graph_ids(n, tail, head, cost, length, dedupe)[0]


def build_arc_graph_ids(
    n: int,
    tail: np.ndarray,
    head: np.ndarray,
    cost: np.ndarray,
    length: np.ndarray,
    dedupe: bool = True,
) -> tuple[ArcGraph, np.ndarray]:
    """build_arc_graph, plus the input position of every kept arc (to carry other per-arc data)."""
    tail = np.asarray(tail, dtype=np.int64)
    head = np.asarray(head, dtype=np.int64)
    cost = np.asarray(cost, dtype=float)
    length = np.asarray(length, dtype=float)
    ids = np.flatnonzero(np.isfinite(cost) & (tail != head))
    tail, head, cost, length = tail[ids], head[ids], cost[ids], length[ids]
    # By (tail, head); parallel arcs cheapest first, the shorter one on a tie. One argsort of a
    # single key, then the (few) runs of parallel arcs sorted on their own.
    key = tail * max(n, 1) + head
    order = np.argsort(key, kind="stable")
    key = key[order]
    same = key[1:] == key[:-1]
    if same.any():
        runs = np.flatnonzero(np.r_[same, False] | np.r_[False, same])
        sub = order[runs]
        order[runs] = sub[np.lexsort((length[sub], cost[sub], key[runs]))]
    tail, head, cost, length, ids = tail[order], head[order], cost[order], length[order], ids[order]
    if dedupe and len(tail):
        first = np.r_[True, ~same]
        tail, head, cost, length, ids = tail[first], head[first], cost[first], length[first], ids[first]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(tail, minlength=n), out=indptr[1:])
    return ArcGraph(n, indptr, head.astype(np.int32 if n < 2**31 else np.int64), cost, length), ids


def gather_ranges(ptr: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Concatenated positions ptr[r]:ptr[r+1] for each r in rows (a vectorised CSR gather)."""
    start = ptr[rows]
    count = ptr[rows + 1] - start
    total = int(count.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    return np.repeat(start, count) + offsets


def connected_components(graph: ArcGraph, use_scipy: Optional[bool] = None) -> np.ndarray:
    """Weakly connected component label per node."""
    if graph.n == 0:
        return np.zeros(0, dtype=np.int64)
    if (HAVE_SCIPY if use_scipy is None else use_scipy):
        return _sp_components(graph.scipy_matrix(), directed=True, connection="weak")[1].astype(np.int64)
    parent = list(range(graph.n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in zip(graph.tails().tolist(), graph.indices.tolist()):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = np.fromiter((find(i) for i in range(graph.n)), dtype=np.int64, count=graph.n)
    return np.unique(roots, return_inverse=True)[1].ravel()


@dataclass
class ShortestPaths:
    """Result of a multi-source search: cost, predecessor and nearest source per node."""

    dist: np.ndarray
    pred: np.ndarray  # NO_NODE where none
    source: np.ndarray  # NO_NODE where unreached


def multi_source_dijkstra(
    graph: ArcGraph,
    sources: np.ndarray,
    limit: float = np.inf,
    use_scipy: Optional[bool] = None,
    want_predecessors: bool = True,
    matrix=None,
) -> ShortestPaths:
    """Distances from the nearest of ``sources`` to every node (min_only)."""
    sources = np.asarray(sources, dtype=np.int64)
    if (HAVE_SCIPY if use_scipy is None else use_scipy):
        mat = matrix if matrix is not None else graph.scipy_matrix()
        if want_predecessors:
            dist, pred, src = _sp_dijkstra(
                mat, directed=True, indices=sources, min_only=True, limit=limit, return_predecessors=True
            )
            return ShortestPaths(dist, pred.astype(np.int64), src.astype(np.int64))
        dist = _sp_dijkstra(mat, directed=True, indices=sources, min_only=True, limit=limit)
        return ShortestPaths(dist, np.full(graph.n, NO_NODE), np.full(graph.n, NO_NODE))
    return _heap_dijkstra(graph, sources, limit)


def _heap_dijkstra(graph: ArcGraph, sources: np.ndarray, limit: float) -> ShortestPaths:
    """Pure-Python multi-source Dijkstra, the fallback when SciPy is missing."""
    n = graph.n
    dist = [float("inf")] * n
    pred = [NO_NODE] * n
    src = [NO_NODE] * n
    indptr = graph.indptr.tolist()
    indices = graph.indices.tolist()
    cost = graph.cost.tolist()
    heap: list[tuple[float, int]] = []
    for s in sources.tolist():
        if dist[s] > 0.0:
            dist[s] = 0.0
            src[s] = s
            heap.append((0.0, s))
    heapq.heapify(heap)
    done = [False] * n
    push: Callable = heapq.heappush
    pop: Callable = heapq.heappop
    while heap:
        d, u = pop(heap)
        if done[u]:
            continue
        done[u] = True
        su = src[u]
        for k in range(indptr[u], indptr[u + 1]):
            v = indices[k]
            nd = d + cost[k]
            if nd < dist[v] and nd <= limit:
                dist[v] = nd
                pred[v] = u
                src[v] = su
                push(heap, (nd, v))
    return ShortestPaths(np.array(dist), np.array(pred, dtype=np.int64), np.array(src, dtype=np.int64))


def path_lengths(graph: ArcGraph, paths: ShortestPaths) -> np.ndarray:
    """Length (metres) of each node's shortest path back to its source, by pointer doubling.

    ``graph`` is the graph the search ran on: the arc used by node v is pred[v] -> v.
    """
    n = graph.n
    pred = paths.pred
    has_pred = pred >= 0
    length = np.zeros(n)
    idx = np.flatnonzero(has_pred)
    length[idx] = graph.arc_length(pred[idx], idx)
    jump = np.where(has_pred, pred, np.arange(n))
    # Invariant: length[v] is the path length from v up to jump[v]. Each round doubles the hops
    # covered, so log2(depth of the shortest-path tree) rounds; roots carry length 0.
    while True:
        jump_of_jump = jump[jump]
        if np.array_equal(jump_of_jump, jump):
            break
        length = length + length[jump]
        jump = jump_of_jump
    return np.where(np.isfinite(paths.dist), length, np.nan)
