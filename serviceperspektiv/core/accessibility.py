"""Nearest-service travel times: one multi-source Dijkstra per service type.

Services and origins become extra nodes of one graph, joined to both ends of the edge they snap
to, so that a point in the middle of an edge is charged the partial edge correctly in each
direction. The search runs on the *reversed* graph from the services, so one-way streets are
respected in the direction origin -> service.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from .graph import NO_NODE, ArcGraph, build_arc_graph, multi_source_dijkstra, path_lengths
from .network import MIN_ARC_SECONDS, Network
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


class AccessGraph:
    """The network plus attached services and origins, reversed for origin -> service searches."""

    def __init__(
        self,
        network: Network,
        services: Snapped,
        origins: Snapped,
        access_speed_kmh: float,
        use_scipy: Optional[bool] = None,
    ) -> None:
        if access_speed_kmh <= 0:
            raise ValueError("access speed must be positive")
        self.network = network
        self.services = services
        self.origins = origins
        self.use_scipy = use_scipy
        n_nodes = network.n_nodes
        n_services = len(services.edge)
        self.service_node = n_nodes + np.arange(n_services)
        self.origin_node = n_nodes + n_services + np.arange(len(origins.edge))
        self.n = n_nodes + n_services + len(origins.edge)
        access_ms = access_speed_kmh / 3.6

        fwd = network.forward
        tails = [fwd.tails()]
        heads = [fwd.indices.astype(np.int64)]
        costs = [fwd.cost]
        lengths = [fwd.length]

        def add(tail, head, cost, length):
            tails.append(tail)
            heads.append(head)
            costs.append(np.maximum(cost, MIN_ARC_SECONDS))
            lengths.append(length)

        ok_s = np.flatnonzero(services.ok)
        e, f = services.edge[ok_s], services.frac[ok_s]
        s_node = self.service_node[ok_s]
        s_len = network.edge_length_m[e]
        s_acc = services.dist_m[ok_s] / access_ms
        # Forward arcs edge end -> service: arrive at u and drive f of the edge, or at v and drive back.
        add(network.edge_u[e], s_node, _partial(f, network.edge_time_fwd_s[e]) + s_acc, f * s_len + services.dist_m[ok_s])
        add(network.edge_v[e], s_node, _partial(1 - f, network.edge_time_bwd_s[e]) + s_acc,
            (1 - f) * s_len + services.dist_m[ok_s])

        ok_o = np.flatnonzero(origins.ok)
        e_o, g = origins.edge[ok_o], origins.frac[ok_o]
        o_node = self.origin_node[ok_o]
        o_len = network.edge_length_m[e_o]
        o_acc = origins.dist_m[ok_o] / access_ms
        add(o_node, network.edge_u[e_o], _partial(g, network.edge_time_bwd_s[e_o]) + o_acc, g * o_len + origins.dist_m[ok_o])
        add(o_node, network.edge_v[e_o], _partial(1 - g, network.edge_time_fwd_s[e_o]) + o_acc,
            (1 - g) * o_len + origins.dist_m[ok_o])

        # Origin and service on the same edge: the direct stretch along the edge.
        if len(ok_s) and len(ok_o):
            order = np.argsort(e, kind="stable")
            e_sorted = e[order]
            lo = np.searchsorted(e_sorted, e_o, side="left")
            hi = np.searchsorted(e_sorted, e_o, side="right")
            count = hi - lo
            if count.sum():
                o_rep = np.repeat(np.arange(len(ok_o)), count)
                offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
                s_rep = order[np.repeat(lo, count) + offsets]
                edge = e_o[o_rep]
                delta = f[s_rep] - g[o_rep]
                along = np.where(
                    delta >= 0,
                    _partial(delta, network.edge_time_fwd_s[edge]),
                    _partial(-delta, network.edge_time_bwd_s[edge]),
                )
                add(o_node[o_rep], s_node[s_rep], along + o_acc[o_rep] + s_acc[s_rep],
                    np.abs(delta) * network.edge_length_m[edge] + origins.dist_m[ok_o][o_rep] + services.dist_m[ok_s][s_rep])

        forward = build_arc_graph(
            self.n, np.concatenate(tails), np.concatenate(heads), np.concatenate(costs), np.concatenate(lengths)
        )
        self.reverse: ArcGraph = forward.reversed()
        self._matrix = None

    def matrix(self):
        """The reversed graph as a SciPy matrix, built once and reused for every type."""
        if self._matrix is None:
            self._matrix = self.reverse.scipy_matrix()
        return self._matrix

    def nearest(self, service_indices: np.ndarray, max_minutes: float = np.inf) -> NearestResult:
        """Nearest of the given services (indices into the services array) for every origin."""
        service_indices = np.asarray(service_indices, dtype=np.int64)
        attached = service_indices[self.services.ok[service_indices]]
        n_origins = len(self.origin_node)
        if len(attached) == 0:
            return NearestResult(np.full(n_origins, np.nan), np.full(n_origins, np.nan), np.full(n_origins, -1))
        use_scipy = self.use_scipy
        from .graph import HAVE_SCIPY

        scipy_path = HAVE_SCIPY if use_scipy is None else use_scipy
        paths = multi_source_dijkstra(
            self.reverse,
            self.service_node[attached],
            limit=max_minutes * 60.0,
            use_scipy=use_scipy,
            matrix=self.matrix() if scipy_path else None,
        )
        dist = paths.dist[self.origin_node]
        source = paths.source[self.origin_node]
        reached = np.isfinite(dist) & (source != NO_NODE)
        km = path_lengths(self.reverse, paths)[self.origin_node] / 1000.0
        service = np.where(reached, source - self.network.n_nodes, -1)
        return NearestResult(
            minutes=np.where(reached, dist / 60.0, np.nan),
            km=np.where(reached, km, np.nan),
            service=service,
        )
