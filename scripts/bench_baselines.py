"""The search set-ups the benchmark compares the engine with (no QGIS needed).

1. ``AugmentedGraph``: SciPy as the engine used it before the reduced graph: every service
   *and every origin* a node of one augmented graph (the whole road graph plus 2 arcs per point),
   reversed, ``dijkstra(min_only=True)`` per type; for catchments, one bounded search per service
   on the road graph plus the services. Kept verbatim in behaviour so that the tests can check
   that the reduced engine gives the same numbers.
2. ``lean_contracted``: the road graph only (points attached afterwards), degree-2 chains
   contracted but dead-end trees kept: SciPy alone, without the engine's post-pass.
"""
from __future__ import annotations

import numpy as np

from serviceperspektiv.core.graph import NO_NODE, ArcGraph, build_arc_graph, multi_source_dijkstra
from serviceperspektiv.core.network import MIN_ARC_SECONDS, Network
from serviceperspektiv.core.reduction import reduce_graph
from serviceperspektiv.core.snapping import Snapped


def _partial(frac: np.ndarray, time: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.where(frac > 0, frac * time, 0.0)


class AugmentedGraph:
    """Services and origins as extra nodes joined to both ends of their edge (the engine before)."""

    def __init__(self, network: Network, services: Snapped, origins: Snapped, access_speed_kmh: float) -> None:
        n_nodes = network.n_nodes
        n_services = len(services.edge)
        self.network = network
        self.services = services
        self.service_node = n_nodes + np.arange(n_services)
        self.origin_node = n_nodes + n_services + np.arange(len(origins.edge))
        self.n = n_nodes + n_services + len(origins.edge)
        access_ms = access_speed_kmh / 3.6
        fwd = network.forward
        tails, heads, costs, lengths = [fwd.tails()], [fwd.indices.astype(np.int64)], [fwd.cost], [fwd.length]

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
        add(network.edge_u[e], s_node, _partial(f, network.edge_time_fwd_s[e]) + s_acc, f * s_len + services.dist_m[ok_s])
        add(network.edge_v[e], s_node, _partial(1 - f, network.edge_time_bwd_s[e]) + s_acc,
            (1 - f) * s_len + services.dist_m[ok_s])
        ok_o = np.flatnonzero(origins.ok)
        e_o, g = origins.edge[ok_o], origins.frac[ok_o]
        o_node = self.origin_node[ok_o]
        o_len = network.edge_length_m[e_o]
        o_acc = origins.dist_m[ok_o] / access_ms
        add(o_node, network.edge_u[e_o], _partial(g, network.edge_time_bwd_s[e_o]) + o_acc,
            g * o_len + origins.dist_m[ok_o])
        add(o_node, network.edge_v[e_o], _partial(1 - g, network.edge_time_fwd_s[e_o]) + o_acc,
            (1 - g) * o_len + origins.dist_m[ok_o])
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
                add(o_node[o_rep], s_node[s_rep], along + o_acc[o_rep] + s_acc[s_rep],
                    np.abs(delta) * network.edge_length_m[edge] + origins.dist_m[ok_o][o_rep]
                    + services.dist_m[ok_s][s_rep])
        forward = build_arc_graph(self.n, np.concatenate(tails), np.concatenate(heads), np.concatenate(costs),
                                  np.concatenate(lengths))
        self.reverse: ArcGraph = forward.reversed()
        self.matrix = self.reverse.scipy_matrix()

    def raw(self, service_indices: np.ndarray) -> None:
        """The bare SciPy call per type (what the benchmark times as "SciPy as used before")."""
        from scipy.sparse.csgraph import dijkstra

        attached = service_indices[self.services.ok[service_indices]]
        dijkstra(self.matrix, directed=True, indices=self.service_node[attached], min_only=True)

    def nearest(self, service_indices: np.ndarray, max_minutes: float = np.inf):
        """(minutes, service) per origin, NaN / -1 when unreached."""
        attached = service_indices[self.services.ok[service_indices]]
        paths = multi_source_dijkstra(self.reverse, self.service_node[attached], limit=max_minutes * 60.0,
                                      matrix=self.matrix)
        dist = paths.dist[self.origin_node]
        source = paths.source[self.origin_node]
        reached = np.isfinite(dist) & (source != NO_NODE)
        return np.where(reached, dist / 60.0, np.nan), np.where(reached, source - self.network.n_nodes, -1)


def catchment_matrix(network: Network, services: Snapped, access_speed_kmh: float):
    """The road graph plus one node per service (arcs to both ends of its edge), as SciPy searched it."""
    n_nodes = network.n_nodes
    service_node = n_nodes + np.arange(len(services.edge))
    ok = np.flatnonzero(services.ok)
    e, f = services.edge[ok], services.frac[ok]
    acc = np.nan_to_num(services.dist_m[ok]) / (access_speed_kmh / 3.6)
    fwd = network.forward
    graph = build_arc_graph(
        n_nodes + len(services.edge),
        np.concatenate([fwd.tails(), service_node[ok], service_node[ok]]),
        np.concatenate([fwd.indices.astype(np.int64), network.edge_u[e], network.edge_v[e]]),
        np.concatenate([fwd.cost, np.maximum(_partial(f, network.edge_time_bwd_s[e]) + acc, MIN_ARC_SECONDS),
                        np.maximum(_partial(1 - f, network.edge_time_fwd_s[e]) + acc, MIN_ARC_SECONDS)]),
        np.concatenate([fwd.length, f * network.edge_length_m[e], (1 - f) * network.edge_length_m[e]]))
    return graph, service_node


def lean_contracted(network: Network, services: Snapped, access_speed_kmh: float, forward: bool = False):
    """The road graph with chains contracted (trees kept) plus the services, searched backwards
    (``forward``: outwards from the services, as a catchment search)."""
    e = services.edge[services.ok]
    pinned = np.zeros(network.n_nodes, dtype=bool)
    pinned[network.edge_u[e]] = pinned[network.edge_v[e]] = True
    red = reduce_graph(network.forward, pinned, prune=False)
    ok = np.flatnonzero(services.ok)
    f = services.frac[ok]
    acc = np.nan_to_num(services.dist_m[ok]) / (access_speed_kmh / 3.6)
    service_node = red.n_reduced + np.arange(len(services.edge))
    g = red.graph
    tails, heads = g.tails(), g.indices.astype(np.int64)
    to_u, to_v = (network.edge_time_bwd_s[e], network.edge_time_fwd_s[e]) if forward else \
        (network.edge_time_fwd_s[e], network.edge_time_bwd_s[e])
    graph = build_arc_graph(
        red.n_reduced + len(services.edge),
        np.concatenate([tails if forward else heads, service_node[ok], service_node[ok]]),
        np.concatenate([heads if forward else tails, red.reduced_of[network.edge_u[e]], red.reduced_of[network.edge_v[e]]]),
        np.concatenate([g.cost, np.maximum(_partial(f, to_u) + acc, MIN_ARC_SECONDS),
                        np.maximum(_partial(1 - f, to_v) + acc, MIN_ARC_SECONDS)]),
        np.concatenate([g.length, np.zeros(len(ok)), np.zeros(len(ok))]))
    return red, graph.scipy_matrix(), service_node
