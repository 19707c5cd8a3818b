"""A smaller road graph with the same shortest paths: dead-end trees pruned, degree-2 chains contracted.

Most road nodes never need to be *searched*:

- a node in a dead-end tree (a cul-de-sac, a farm road and its branches) reaches the rest of the
  network only through the tree's root, so its time is the root's time plus a fixed cost along
  the tree;
- a node inside a chain of degree-2 nodes (a road drawn as several lines, a bend where two ways
  meet) reaches the rest only through the chain's two ends, so its time is the better of
  "end a + cost along the chain" and "end b + cost along the chain".

Dijkstra therefore runs on the *junctions* only (the nodes that are neither in a tree nor inside a
chain), with one arc per chain; every other node is filled in afterwards from at most two
*anchors* (junctions) with costs prepared once per network, in both directions (towards the
anchor for searches to services, away from it for searches out of a service). Nodes where a
search starts (the ends of an edge a service attaches to) are *pinned*: never pruned, never
contracted. All of this is exact: the fill-in is the same minimum Dijkstra would take, summed in
another order (differences of the order of 1e-12 s).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from .graph import NO_NODE, ArcGraph, ShortestPaths, build_arc_graph, build_arc_graph_ids, connected_components, gather_ranges


@dataclass
class Reduction:
    """The junction graph of a road graph and how every road node hangs off it."""

    n: int  # road nodes
    junction: np.ndarray  # (J,) road node of each reduced node
    reduced_of: np.ndarray  # (n,) reduced node of each road node, -1 when it is not a junction
    graph: ArcGraph  # forward arcs between junctions: direct roads and contracted chains
    via_tail: np.ndarray  # per arc of ``graph``: the road node after its tail (its head for a direct road)
    via_head: np.ndarray  # per arc of ``graph``: the road node before its head (its tail for a direct road)
    anchor: np.ndarray  # (n, 2) reduced nodes a road node is reached through; -1 = none
    to_cost: np.ndarray  # (n, 2) seconds from the node to each anchor (road direction)
    from_cost: np.ndarray  # (n, 2) seconds from each anchor to the node
    to_len: np.ndarray  # (n, 2) metres of those routes
    from_len: np.ndarray  # (n, 2)
    hop: np.ndarray  # (n, 2) the neighbour on the way to each anchor (the node itself for a junction)
    n_pruned: int  # nodes in dead-end trees
    n_contracted: int  # nodes inside degree-2 chains

    @property
    def n_reduced(self) -> int:
        return int(len(self.junction))

    def fill(self, reduced_dist: np.ndarray, to_sources: bool, nodes: Optional[np.ndarray] = None):
        """(seconds, anchor slot) per road node from the junction distances of one search.

        ``to_sources`` True: ``reduced_dist`` is the time from each junction *to* the sources (a
        search on the reversed graph); False: the time *from* the sources to each junction.
        ``reduced_dist`` may hold more entries than junctions (extra search nodes); they are ignored.
        """
        anchor = self.anchor if nodes is None else self.anchor[nodes]
        cost = (self.to_cost if to_sources else self.from_cost)
        cost = cost if nodes is None else cost[nodes]
        has = anchor >= 0
        with np.errstate(invalid="ignore"):
            cand = np.where(has, reduced_dist[np.where(has, anchor, 0)] + cost, np.inf)
        slot = (cand[:, 1] < cand[:, 0]).astype(np.int64)
        return np.minimum(cand[:, 0], cand[:, 1]), slot

    def fill_times(self, reduced_dist: np.ndarray, to_sources: bool) -> np.ndarray:
        """Seconds per road node, as ``fill(...)[0]`` for all nodes, without the slot (one gather, one add)."""
        n_junctions = self.n_reduced
        padded = np.empty(n_junctions + 1)
        padded[:n_junctions] = reduced_dist[:n_junctions]
        padded[n_junctions] = np.inf  # "no anchor" reads inf; its cost is inf as well
        if "_anchor_or_none" not in self.__dict__:
            self._anchor_or_none = np.where(self.anchor >= 0, self.anchor, n_junctions)
        cand = padded[self._anchor_or_none]
        cand += self.to_cost if to_sources else self.from_cost
        return np.minimum(cand[:, 0], cand[:, 1])

    def expand(self, paths: ShortestPaths, metres: np.ndarray, to_sources: bool) -> tuple[ShortestPaths, np.ndarray]:
        """A search on the junctions (plus extra nodes J, J+1, ...) as a search on the road graph.

        ``metres`` is the route length per search node (``path_lengths`` on the search graph).
        Returns distance, predecessor and source per road node, and the route length in metres.
        Extra search nodes (service points) are numbered n, n+1, ... in the result. The
        predecessor is the previous node of the search graph: with ``to_sources`` the next road
        node towards the source, otherwise the road node before, coming from the source.
        """
        n, j_count = self.n, self.n_reduced
        dist, slot = self.fill(paths.dist, to_sources)
        a = self.anchor[np.arange(n), slot]
        reached = np.isfinite(dist) & (a >= 0)
        a0 = np.where(reached, a, 0)

        def to_road(node: np.ndarray) -> np.ndarray:
            return np.where(node < 0, NO_NODE, np.where(node >= j_count, node - j_count + n, self.junction[
                np.clip(node, 0, max(j_count - 1, 0))]))

        source = np.where(reached, to_road(paths.source[a0]), NO_NODE)
        pred = np.where(reached, self.hop[np.arange(n), slot], NO_NODE)
        # A junction's predecessor: through the reduced arc its search took.
        j = np.flatnonzero(reached & (self.reduced_of >= 0))
        rj = self.reduced_of[j]
        z = paths.pred[rj]
        road_arc = (z >= 0) & (z < j_count)
        pred[j] = to_road(z)
        zz = z[road_arc]
        if to_sources:
            arc = self.graph.arc_index(rj[road_arc], zz)
            pred[j[road_arc]] = self.via_tail[arc]
        else:
            arc = self.graph.arc_index(zz, rj[road_arc])
            pred[j[road_arc]] = self.via_head[arc]
        length = (self.to_len if to_sources else self.from_len)[np.arange(n), slot]
        road_m = np.where(reached, metres[a0] + length, np.nan)
        extra = len(paths.dist) - j_count
        full = ShortestPaths(np.concatenate([np.where(reached, dist, np.inf), paths.dist[j_count:]]),
                             np.concatenate([pred, to_road(paths.pred[j_count:])]),
                             np.concatenate([source, to_road(paths.source[j_count:])]))
        return full, np.concatenate([road_m, metres[j_count:j_count + extra]])


def hilbert_key(xy: np.ndarray, bits: int = 12) -> np.ndarray:
    """Position of each point along a Hilbert curve over the points' bounding box (2**bits cells a side).

    Points in one cell keep their order (a stable sort on the key); 4096 cells a side is enough
    for memory locality, from a village to Sweden.
    """
    xy = np.asarray(xy, dtype=float)
    key = np.zeros(len(xy), dtype=np.int64)
    if len(xy) == 0:
        return key
    lo = xy.min(axis=0)
    span = np.maximum(xy.max(axis=0) - lo, 1e-9)
    side = 2 ** bits
    x = np.minimum(((xy[:, 0] - lo[0]) / span[0] * side).astype(np.int32), side - 1)
    y = np.minimum(((xy[:, 1] - lo[1]) / span[1] * side).astype(np.int32), side - 1)
    step = side // 2
    while step > 0:
        rx = (x & step) > 0
        ry = (y & step) > 0
        key += step * step * ((3 * rx) ^ ry).astype(np.int64)
        # Rotate the quadrant so that the curve continues where it left off: where ry is 0,
        # mirror both coordinates if rx is 1, then swap them (with xor masks, no copies).
        turn = ~ry
        mirror = -(turn & rx).astype(np.int32) & (side - 1)
        x ^= mirror
        y ^= mirror
        swap = (x ^ y) & -turn.astype(np.int32)
        x ^= swap
        y ^= swap
        step //= 2
    return key


def reduce_graph(forward: ArcGraph, pinned: Optional[np.ndarray] = None, prune: bool = True,
                 contract: bool = True, node_xy: Optional[np.ndarray] = None) -> Reduction:
    """Prune dead-end trees, then contract degree-2 chains, keeping every ``pinned`` node a junction.

    With ``node_xy`` (road node coordinates) the junctions are numbered along a Hilbert curve:
    neighbours on the map are then neighbours in memory, which makes SciPy's Dijkstra 25-30 %
    faster on large networks (same distances; docs/benchmarks.md).
    """
    n = forward.n
    pinned = np.zeros(n, dtype=bool) if pinned is None else np.asarray(pinned, dtype=bool)
    tails = forward.tails()
    heads = forward.indices.astype(np.int64)
    # Simple undirected neighbour lists (a one-way road still makes two nodes neighbours). Each
    # entry carries the cost and length of the arc node -> neighbour ("out") and back ("in"),
    # inf / NaN where that arc does not exist, so no arc is ever looked up again.
    lo_hi = tails < heads
    pair_key, pair = np.unique(np.minimum(tails, heads) * n + np.maximum(tails, heads), return_inverse=True)
    pair = pair.ravel()
    values = np.empty((4, len(pair_key)))  # cost lo->hi, cost hi->lo, length lo->hi, length hi->lo
    values[:2] = np.inf
    values[2:] = np.nan
    values[0, pair[lo_hi]] = forward.cost[lo_hi]
    values[1, pair[~lo_hi]] = forward.cost[~lo_hi]
    values[2, pair[lo_hi]] = forward.length[lo_hi]
    values[3, pair[~lo_hi]] = forward.length[~lo_hi]
    lo, hi = pair_key // n, pair_key % n
    src = np.concatenate([lo, hi])
    order = np.argsort(src, kind="stable")
    nbr = np.concatenate([hi, lo])[order]
    out_cost = np.concatenate([values[0], values[1]])[order]
    in_cost = np.concatenate([values[1], values[0]])[order]
    out_len = np.concatenate([values[2], values[3]])[order]
    in_len = np.concatenate([values[3], values[2]])[order]
    nbr_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=nbr_ptr[1:])
    del values, pair, src, order, lo, hi, pair_key
    deg = np.diff(nbr_ptr)

    # 1. Dead-end trees: peel leaves round by round; each remembers its parent (its last neighbour).
    alive = np.ones(n, dtype=bool)
    parent = np.full(n, -1, dtype=np.int64)
    parent_entry = np.full(n, -1, dtype=np.int64)  # the neighbour entry node -> parent
    rounds: list[np.ndarray] = []
    in_round = np.zeros(n, dtype=bool)
    cand = np.flatnonzero((deg <= 1) & ~pinned) if prune else np.zeros(0, dtype=np.int64)
    while len(cand):
        idx = gather_ranges(nbr_ptr, cand)
        owner = np.repeat(np.arange(len(cand)), nbr_ptr[cand + 1] - nbr_ptr[cand])
        live = alive[nbr[idx]]
        entry = np.full(len(cand), -1, dtype=np.int64)
        entry[owner[live]] = idx[live]
        par = np.where(entry >= 0, nbr[np.maximum(entry, 0)], -1)
        # Two leaves holding only each other (the last two nodes of a tree): the smaller one stays
        # for the next round, as the root of a piece with no way out.
        in_round[cand] = True
        mutual = (par >= 0) & in_round[np.maximum(par, 0)] & (cand < par)
        in_round[cand] = False
        removed, removed_parent = cand[~mutual], par[~mutual]
        alive[removed] = False
        parent[removed] = removed_parent
        parent_entry[removed] = entry[~mutual]
        rounds.append(removed)
        hit, count = np.unique(removed_parent[removed_parent >= 0], return_counts=True)
        deg[hit] -= count
        cand = hit[(deg[hit] <= 1) & ~pinned[hit]]

    # Costs from every tree node to its root (the first node that stays) and back, top-down.
    root = np.where(alive, np.arange(n), -1)
    to_root = np.zeros(n)
    from_root = np.zeros(n)
    to_root_len = np.zeros(n)
    from_root_len = np.zeros(n)
    for removed in reversed(rounds):
        p = parent[removed]
        dead = p < 0
        p0 = np.where(dead, 0, p)
        e = np.maximum(parent_entry[removed], 0)
        root[removed] = np.where(dead, -1, root[p0])
        to_root[removed] = out_cost[e] + to_root[p0]
        from_root[removed] = from_root[p0] + in_cost[e]
        to_root_len[removed] = out_len[e] + to_root_len[p0]
        from_root_len[removed] = from_root_len[p0] + in_len[e]

    # 2. Degree-2 chains among the nodes that stay.
    interior = alive & ~pinned & (deg == 2) if contract else np.zeros(n, dtype=bool)
    xi, entries = _two_neighbours(np.flatnonzero(interior), nbr, nbr_ptr, alive)
    ends = nbr[entries]
    # A ring of degree-2 nodes with no junction on it keeps one node as its junction.
    pos = np.full(n, -1, dtype=np.int64)
    pos[xi] = np.arange(len(xi))
    if len(xi):
        both = interior[ends]
        pair_a = np.repeat(np.arange(len(xi)), 2)[both.ravel()]
        pair_b = pos[ends[both]]
        ring_graph = build_arc_graph(len(xi), pair_a, pair_b, np.ones(len(pair_a)), np.ones(len(pair_a)))
        label = connected_components(ring_graph)
        has_end = np.bincount(label, weights=(~both).any(axis=1), minlength=label.max() + 1) > 0
        first = np.full(label.max() + 1, len(xi))
        np.minimum.at(first, label, np.arange(len(xi)))
        promote = xi[first[~has_end]]
        if len(promote):
            interior[promote] = False
            xi, entries = _two_neighbours(np.flatnonzero(interior), nbr, nbr_ptr, alive)
            ends = nbr[entries]
            pos[:] = -1
            pos[xi] = np.arange(len(xi))
    is_junction = alive & ~interior
    junction = np.flatnonzero(is_junction)
    if node_xy is not None and len(junction):
        junction = junction[np.argsort(hilbert_key(np.asarray(node_xy)[junction]), kind="stable")]
    reduced_of = np.full(n, -1, dtype=np.int64)
    reduced_of[junction] = np.arange(len(junction))

    # Pointer doubling along the chains: per interior node and side, the far end reached so far,
    # the node just before it, and the cost/length both ways; until every far end is a junction.
    far = ends.copy()
    prev = np.repeat(xi[:, None], 2, axis=1)
    ct, cf, lt, lf = out_cost[entries], in_cost[entries], out_len[entries], in_len[entries]
    open_r, open_s = np.nonzero(~is_junction[far])
    while len(open_r):
        y = pos[far[open_r, open_s]]
        t = np.where(ends[y, 0] != prev[open_r, open_s], 0, 1)
        new = (far[y, t], prev[y, t], ct[open_r, open_s] + ct[y, t], cf[y, t] + cf[open_r, open_s],
               lt[open_r, open_s] + lt[y, t], lf[y, t] + lf[open_r, open_s])
        far[open_r, open_s], prev[open_r, open_s], ct[open_r, open_s], cf[open_r, open_s] = new[:4]
        lt[open_r, open_s], lf[open_r, open_s] = new[4:]
        still = ~is_junction[far[open_r, open_s]]
        open_r, open_s = open_r[still], open_s[still]

    # Reduced arcs: roads between two junctions, and one arc each way per chain (built from the
    # chain's end at its smaller junction; the end at the other junction would give the same).
    direct = is_junction[tails] & is_junction[heads]
    arc_t, arc_h = [tails[direct]], [heads[direct]]
    arc_c, arc_l = [forward.cost[direct]], [forward.length[direct]]
    via_t, via_h = [heads[direct]], [tails[direct]]
    if len(xi):
        for s in (0, 1):
            j_end, k_end = ends[:, s], far[:, 1 - s]
            use = is_junction[j_end] & (j_end < k_end)
            x, j_end, k_end, e = xi[use], j_end[use], k_end[use], entries[use, s]
            before_k = prev[use, 1 - s]
            arc_t += [j_end, k_end]
            arc_h += [k_end, j_end]
            arc_c += [in_cost[e] + ct[use, 1 - s], cf[use, 1 - s] + out_cost[e]]
            arc_l += [in_len[e] + lt[use, 1 - s], lf[use, 1 - s] + out_len[e]]
            via_t += [x, before_k]
            via_h += [before_k, x]
    graph, ids = build_arc_graph_ids(len(junction), reduced_of[np.concatenate(arc_t)], reduced_of[np.concatenate(arc_h)],
                                     np.concatenate(arc_c), np.concatenate(arc_l))

    # Anchors: a junction is its own; an interior node has its chain's two ends; a tree node those of its root.
    anchor = np.full((n, 2), -1, dtype=np.int64)
    to_cost = np.full((n, 2), np.inf)
    from_cost = np.full((n, 2), np.inf)
    to_len = np.full((n, 2), np.nan)
    from_len = np.full((n, 2), np.nan)
    hop = np.repeat(np.arange(n)[:, None], 2, axis=1)
    anchor[junction, 0] = np.arange(len(junction))
    to_cost[junction, 0] = from_cost[junction, 0] = 0.0
    to_len[junction, 0] = from_len[junction, 0] = 0.0
    anchor[xi] = reduced_of[far]
    to_cost[xi], from_cost[xi], to_len[xi], from_len[xi], hop[xi] = ct, cf, lt, lf, ends
    tree = np.flatnonzero(~alive)
    r = root[tree]
    has_root = r >= 0
    tree, r = tree[has_root], r[has_root]
    anchor[tree] = anchor[r]
    to_cost[tree] = to_root[tree, None] + to_cost[r]
    from_cost[tree] = from_cost[r] + from_root[tree, None]
    to_len[tree] = to_root_len[tree, None] + to_len[r]
    from_len[tree] = from_len[r] + from_root_len[tree, None]
    hop[tree] = parent[tree, None]
    # A dead piece (a tree with no way out and nothing pinned in it) keeps no anchor: never reached.
    return Reduction(
        n=n, junction=junction, reduced_of=reduced_of, graph=graph,
        via_tail=np.concatenate(via_t)[ids], via_head=np.concatenate(via_h)[ids],
        anchor=anchor, to_cost=to_cost, from_cost=from_cost, to_len=to_len, from_len=from_len, hop=hop,
        n_pruned=int((~alive).sum()), n_contracted=int(len(xi)),
    )


def _two_neighbours(xi: np.ndarray, nbr: np.ndarray, nbr_ptr: np.ndarray, alive: np.ndarray):
    """The interior nodes and the neighbour entries of their two remaining neighbours, (m, 2)."""
    idx = gather_ranges(nbr_ptr, xi)
    return xi, idx[alive[nbr[idx]]].reshape(-1, 2)
