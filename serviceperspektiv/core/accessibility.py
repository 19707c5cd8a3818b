"""Nearest-service travel times: one multi-source Dijkstra per service type, on a reduced graph.

The search runs on the *reversed* road graph from the services, so one-way streets are
respected in the direction origin -> service, and only on the junctions of the road graph
(core/reduction.py: dead-end trees pruned, degree-2 chains contracted, the ends of every edge a
service attaches to kept). A service is one extra search node, joined to both ends of its edge
with the partial edge in the right direction. Origins are not part of the search at all: an
origin on edge (u, v) at fraction g is attached in a post-pass, as the better of
"u's time + g of the edge backward" and "v's time + (1 - g) of the edge forward" (plus the access
leg), or the direct stretch to a service on the same edge. u's and v's times come from their
anchors (the reduction's fill-in). The result is the same as searching the whole network with
every origin as a node.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from .graph import HAVE_SCIPY, NO_NODE, ArcGraph, ShortestPaths, build_arc_graph, multi_source_dijkstra, path_lengths
from .network import MIN_ARC_SECONDS, Network
from .reduction import Reduction, reduce_graph
from .snapping import Snapped


@dataclass
class NearestResult:
    """Per origin: minutes and route km to the nearest service, and that service's index."""

    minutes: np.ndarray  # NaN when unreachable
    km: np.ndarray  # NaN when unreachable
    service: np.ndarray  # index into the services array; -1 when unreachable

    @property
    def reached(self) -> np.ndarray:
        return self.service >= 0


def _partial(frac: np.ndarray, time: np.ndarray) -> np.ndarray:
    """Time for a fraction of an edge; 0 * inf (standing on the node) is 0, not NaN."""
    with np.errstate(invalid="ignore"):
        return np.where(frac > 0, frac * time, 0.0)


def service_pins(network: Network, services: Snapped) -> np.ndarray:
    """Road nodes a search starts from: both ends of every edge a service attaches to."""
    pinned = np.zeros(network.n_nodes, dtype=bool)
    e = services.edge[services.ok]
    pinned[network.edge_u[e]] = True
    pinned[network.edge_v[e]] = True
    return pinned


class AccessGraph:
    """The reduced road graph with the services as search nodes; origins attached in a post-pass."""

    def __init__(
        self,
        network: Network,
        services: Snapped,
        origins: Snapped,
        access_speed_kmh: float,
        use_scipy: Optional[bool] = None,
        reduce: bool = True,
    ) -> None:
        if access_speed_kmh <= 0:
            raise ValueError("access speed must be positive")
        self.network = network
        self.services = services
        self.origins = origins
        self.use_scipy = use_scipy
        access_ms = access_speed_kmh / 3.6
        self.reduction: Reduction = reduce_graph(network.forward, service_pins(network, services),
                                                 prune=reduce, contract=reduce, node_xy=network.node_xy)
        red = self.reduction
        n_junctions = red.n_reduced
        n_services = len(services.edge)
        self.service_node = n_junctions + np.arange(n_services)  # search node of each service
        self.n = n_junctions + n_services

        # Forward arcs edge end -> service: arrive at u and drive f of the edge, or at v and drive back.
        ok_s = np.flatnonzero(services.ok)
        e, f = services.edge[ok_s], services.frac[ok_s]
        s_node = self.service_node[ok_s]
        s_len = network.edge_length_m[e]
        s_dist = services.dist_m[ok_s]
        s_acc = s_dist / access_ms
        fwd = red.graph
        tails = [fwd.tails(), red.reduced_of[network.edge_u[e]], red.reduced_of[network.edge_v[e]]]
        heads = [fwd.indices.astype(np.int64), s_node, s_node]
        costs = [fwd.cost, np.maximum(_partial(f, network.edge_time_fwd_s[e]) + s_acc, MIN_ARC_SECONDS),
                 np.maximum(_partial(1 - f, network.edge_time_bwd_s[e]) + s_acc, MIN_ARC_SECONDS)]
        lengths = [fwd.length, f * s_len + s_dist, (1 - f) * s_len + s_dist]
        # Searched backwards (from the services), so the arcs are stored reversed.
        self.reverse: ArcGraph = build_arc_graph(self.n, np.concatenate(heads), np.concatenate(tails),
                                                 np.concatenate(costs), np.concatenate(lengths))
        self._matrix = None

        # Origins: the legs to both ends of their edge (as arcs origin -> u and origin -> v would be).
        ok_o = np.flatnonzero(origins.ok)
        self._o = ok_o
        e_o, g = origins.edge[ok_o], origins.frac[ok_o]
        o_len = network.edge_length_m[e_o]
        o_dist = origins.dist_m[ok_o]
        o_acc = o_dist / access_ms
        u, v = network.edge_u[e_o], network.edge_v[e_o]
        leg_u = np.maximum(_partial(g, network.edge_time_bwd_s[e_o]) + o_acc, MIN_ARC_SECONDS)
        leg_v = np.maximum(_partial(1 - g, network.edge_time_fwd_s[e_o]) + o_acc, MIN_ARC_SECONDS)
        # Up to four ways into the junction graph per origin: u's two anchors and v's two, each a
        # fixed cost and length to add to that junction's time and route length.
        anchor = np.concatenate([red.anchor[u], red.anchor[v]], axis=1)
        cost = np.concatenate([red.to_cost[u] + leg_u[:, None], red.to_cost[v] + leg_v[:, None]], axis=1)
        self._o_len = np.concatenate([red.to_len[u] + (g * o_len + o_dist)[:, None],
                                      red.to_len[v] + ((1 - g) * o_len + o_dist)[:, None]], axis=1)
        self._o_cost = np.where(anchor >= 0, cost, np.inf)
        self._o_anchor = np.maximum(anchor, 0)

        # Origin and service on the same edge: the direct stretch along the edge.
        self._pair_o = self._pair_s = np.zeros(0, dtype=np.int64)
        self._pair_cost = self._pair_len = np.zeros(0)
        if len(ok_s) and len(ok_o):
            order = np.argsort(e, kind="stable")
            e_sorted = e[order]
            lo = np.searchsorted(e_sorted, e_o, side="left")
            count = np.searchsorted(e_sorted, e_o, side="right") - lo
            if count.sum():
                o_rep = np.repeat(np.arange(len(ok_o)), count)
                offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
                s_rep = order[np.repeat(lo, count) + offsets]
                edge = e_o[o_rep]
                delta = f[s_rep] - g[o_rep]
                along = np.where(delta >= 0, _partial(delta, network.edge_time_fwd_s[edge]),
                                 _partial(-delta, network.edge_time_bwd_s[edge]))
                self._pair_o = o_rep
                self._pair_s = ok_s[s_rep]
                self._pair_cost = np.maximum(along + o_acc[o_rep] + s_acc[s_rep], MIN_ARC_SECONDS)
                self._pair_len = np.abs(delta) * network.edge_length_m[edge] + o_dist[o_rep] + s_dist[s_rep]

    def matrix(self):
        """The reversed search graph as a SciPy matrix, built once and reused for every type."""
        if self._matrix is None:
            self._matrix = self.reverse.scipy_matrix()
        return self._matrix

    def _scipy(self) -> bool:
        return HAVE_SCIPY if self.use_scipy is None else self.use_scipy

    def search(self, service_indices: np.ndarray, limit_s: float = np.inf) -> ShortestPaths:
        """One multi-source search from the given services on the reduced graph (search nodes)."""
        return multi_source_dijkstra(self.reverse, self.service_node[service_indices], limit=limit_s,
                                     use_scipy=self.use_scipy, matrix=self.matrix() if self._scipy() else None)

    def at_origins(self, service_indices: np.ndarray, limit_s: float = np.inf, want_km: bool = True):
        """(seconds, service index, km) per origin to the nearest of the given services.

        Unreached origins get inf, -1 and NaN.
        """
        n_origins = len(self.origins.edge)
        seconds = np.full(n_origins, np.inf)
        service = np.full(n_origins, -1, dtype=np.int64)
        km = np.full(n_origins, np.nan)
        service_indices = np.asarray(service_indices, dtype=np.int64)
        if len(service_indices) == 0 or len(self._o) == 0:
            return seconds, service, km
        paths = self.search(service_indices, limit_s)
        red = self.reduction
        junction_m = path_lengths(self.reverse, paths) if want_km else None
        cand = paths.dist[self._o_anchor] + self._o_cost
        pick = np.argmin(cand, axis=1)
        rows = np.arange(len(self._o))
        best = cand[rows, pick]
        best_node = np.where(np.isfinite(best), self._o_anchor[rows, pick], NO_NODE)
        best_m = junction_m[self._o_anchor[rows, pick]] + self._o_len[rows, pick] if want_km \
            else np.full(len(self._o), np.nan)
        source = np.where(best_node >= 0, paths.source[np.maximum(best_node, 0)], NO_NODE)
        best_service = np.where(source >= 0, source - red.n_reduced, -1)
        if len(self._pair_o):
            chosen = np.zeros(len(self.services.edge), dtype=bool)
            chosen[service_indices] = True
            use = np.flatnonzero(chosen[self._pair_s])
            use = use[np.lexsort((self._pair_cost[use], self._pair_o[use]))]  # cheapest first per origin
            first = np.r_[True, self._pair_o[use][1:] != self._pair_o[use][:-1]] if len(use) else use
            k = use[first]
            o = self._pair_o[k]
            better = self._pair_cost[k] < best[o]
            k, o = k[better], o[better]
            best[o] = self._pair_cost[k]
            best_service[o] = self._pair_s[k]
            best_m[o] = self._pair_len[k]
        reached = (best <= limit_s) & (best_service >= 0)
        seconds[self._o[reached]] = best[reached]
        service[self._o[reached]] = best_service[reached]
        km[self._o[reached]] = best_m[reached] / 1000.0 if want_km else np.nan
        return seconds, service, km

    def nearest(self, service_indices: np.ndarray, max_minutes: float = np.inf) -> NearestResult:
        """Nearest of the given services (indices into the services array) for every origin."""
        service_indices = np.asarray(service_indices, dtype=np.int64)
        attached = service_indices[self.services.ok[service_indices]]
        seconds, service, km = self.at_origins(attached, max_minutes * 60.0)
        reached = service >= 0
        return NearestResult(minutes=np.where(reached, seconds / 60.0, np.nan), km=km, service=service)
