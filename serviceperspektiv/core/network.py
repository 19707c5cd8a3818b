"""Road network from line geometries: nodes at shared vertices, per-direction travel times."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from .graph import ArcGraph, build_arc_graph, connected_components
from .oneway import BACKWARD, BOTH, FORWARD

# Travel time on an arc is never exactly zero: sparse graph libraries may drop explicit zeros.
MIN_ARC_SECONDS = 1e-6


class NetworkError(ValueError):
    """The line data cannot form a usable network."""


@dataclass
class Network:
    """A routable network in a metric CRS (metres, seconds)."""

    node_xy: np.ndarray  # (N, 2)
    edge_u: np.ndarray  # (E,) node index at the edge's start
    edge_v: np.ndarray  # (E,) node index at the edge's end
    edge_length_m: np.ndarray  # (E,)
    edge_time_fwd_s: np.ndarray  # (E,) u->v, inf when not allowed
    edge_time_bwd_s: np.ndarray  # (E,) v->u, inf when not allowed
    edge_feature: np.ndarray  # (E,) index of the input line feature
    seg_xy0: np.ndarray  # (S, 2) segment start
    seg_xy1: np.ndarray  # (S, 2) segment end
    seg_edge: np.ndarray  # (S,) edge of each segment
    seg_offset_m: np.ndarray  # (S,) distance from the edge's start to the segment's start
    node_component: np.ndarray  # (N,) component label (weakly connected)
    main_component: int
    forward: ArcGraph = field(repr=False)

    @property
    def n_nodes(self) -> int:
        return int(self.node_xy.shape[0])

    @property
    def n_edges(self) -> int:
        return int(self.edge_u.shape[0])

    @property
    def n_components(self) -> int:
        return int(self.node_component.max()) + 1 if self.n_nodes else 0

    def edge_component(self) -> np.ndarray:
        return self.node_component[self.edge_u]

    def component_sizes(self) -> np.ndarray:
        return np.bincount(self.node_component, minlength=self.n_components)


@dataclass
class LineParts:
    """Many line parts in two arrays: part p's vertices are ``coords[start[p]:start[p + 1]]``."""

    coords: np.ndarray  # (V, 2) or (V, 3): x, y first
    start: np.ndarray  # (P + 1,) offsets, start[0] = 0

    def __len__(self) -> int:
        return len(self.start) - 1


def _quantise(coords: np.ndarray, tolerance: float) -> np.ndarray:
    """One int64 key per vertex; vertices closer than ``tolerance`` (on a grid) share a key."""
    if tolerance > 0:
        grid = np.floor(coords / tolerance + 0.5).astype(np.int64)
    else:
        grid = np.ascontiguousarray(coords).view(np.int64).reshape(-1, 2).copy()
        return np.unique(grid, axis=0, return_inverse=True)[1].ravel()
    gx = grid[:, 0] - grid[:, 0].min()
    gy = grid[:, 1] - grid[:, 1].min()
    key = gx * (int(gy.max()) + 1) + gy
    return np.unique(key, return_inverse=True)[1].ravel()


def _edge_times(length_m: np.ndarray, speed_kmh: np.ndarray, open_: np.ndarray) -> np.ndarray:
    """Seconds per edge in one direction; inf where that direction is closed."""
    with np.errstate(divide="ignore", invalid="ignore"):
        seconds = np.maximum(length_m / (speed_kmh / 3.6), MIN_ARC_SECONDS)
    return np.where(open_, seconds, np.inf)


def build_network(
    parts: Sequence[np.ndarray] | LineParts,
    part_feature: Sequence[int] | np.ndarray,
    speed_kmh: np.ndarray,
    direction: np.ndarray,
    tolerance_m: float = 0.5,
) -> Network:
    """Build a network.

    ``parts`` are (M, 2) vertex arrays in metres (one per single-part line), or the same as one
    ``LineParts`` (no array per part: the bulk readers' form), ``part_feature`` the
    feature index of each part, and ``speed_kmh``/``direction`` are per feature. ``speed_kmh`` is
    either one speed per feature, or an (n, 2) array of (forward, backward) speeds: forward along
    the digitised direction, backward against it. A direction is open when ``direction`` allows it
    and its speed is positive; features with no open direction (NaN speed: the mode may not use
    them; or a closed direction) are left out.
    """
    part_feature = np.asarray(part_feature, dtype=np.int64)
    speed_kmh = np.asarray(speed_kmh, dtype=float)
    direction = np.asarray(direction, dtype=np.int8)
    if speed_kmh.ndim == 2 and speed_kmh.shape[1] == 2:
        speed_fwd, speed_bwd = speed_kmh[:, 0], speed_kmh[:, 1]
    elif speed_kmh.ndim == 1:
        speed_fwd = speed_bwd = speed_kmh
    else:
        raise ValueError(f"speed_kmh must have shape (n,) or (n, 2), not {speed_kmh.shape}")
    # Per feature once, not per part: numpy scalar indexing in a loop over millions of parts is slow.
    with np.errstate(invalid="ignore"):
        open_fwd = np.isfinite(speed_fwd) & (speed_fwd > 0) & ((direction == BOTH) | (direction == FORWARD))
        open_bwd = np.isfinite(speed_bwd) & (speed_bwd > 0) & ((direction == BOTH) | (direction == BACKWARD))
    usable = open_fwd | open_bwd
    if isinstance(parts, LineParts):
        part_vertices = np.diff(parts.start)
        keep_mask = (part_vertices >= 2) & usable[part_feature]
        if not keep_mask.any():
            raise NetworkError("no usable road lines (empty layer, no line geometries, or no roads open to this mode)")
        keep = np.flatnonzero(keep_mask)
        coords = np.asarray(parts.coords, dtype=float)[:, :2]
        if len(keep) < len(part_vertices):
            coords = coords[np.repeat(keep_mask, part_vertices)]
    else:
        part_vertices = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
        keep = np.flatnonzero((part_vertices >= 2) & usable[part_feature])
        if not len(keep):
            raise NetworkError("no usable road lines (empty layer, no line geometries, or no roads open to this mode)")
        keep_list = keep.tolist()
        try:  # One concatenation when all parts are arrays with the same columns (no copy per part).
            coords = np.concatenate([parts[i] for i in keep_list]).astype(float, copy=False)[:, :2]
        except ValueError:  # mixed 2D/3D parts
            coords = np.concatenate([np.asarray(parts[i], dtype=float)[:, :2] for i in keep_list])
    kept_feature = part_feature[keep]
    lengths = part_vertices[keep]
    part_of_vertex = np.repeat(np.arange(len(keep)), lengths)
    vid = _quantise(coords, tolerance_m)

    # Drop consecutive repeats (zero-length segments) inside a part.
    same_as_previous = np.zeros(len(vid), dtype=bool)
    same_as_previous[1:] = (vid[1:] == vid[:-1]) & (part_of_vertex[1:] == part_of_vertex[:-1])
    if same_as_previous.any():
        coords, vid, part_of_vertex = coords[~same_as_previous], vid[~same_as_previous], part_of_vertex[~same_as_previous]
    vertex_count = np.bincount(part_of_vertex, minlength=len(keep))
    valid_part = vertex_count >= 2  # a part collapsed to one point carries no segment
    if not valid_part.all():
        keep_vertex = valid_part[part_of_vertex]
        coords, vid, part_of_vertex = coords[keep_vertex], vid[keep_vertex], part_of_vertex[keep_vertex]
    if len(coords) < 2:
        raise NetworkError("all road lines have zero length")

    n_vertices = len(coords)
    first = np.ones(n_vertices, dtype=bool)
    first[1:] = part_of_vertex[1:] != part_of_vertex[:-1]
    last = np.ones(n_vertices, dtype=bool)
    last[:-1] = part_of_vertex[:-1] != part_of_vertex[1:]
    shared = np.bincount(vid)[vid] >= 2
    is_node_vertex = first | last | shared

    # Compact node numbering over the vertex keys that are nodes, in key order. The keys are
    # already dense (0 .. K-1), so a mark and a running count do what a sort would.
    node_vid = vid[is_node_vertex]
    is_node_key = np.zeros(int(vid.max()) + 1, dtype=bool)
    is_node_key[node_vid] = True
    key_to_node = np.cumsum(is_node_key) - 1
    n_nodes = int(key_to_node[-1]) + 1
    node_xy = np.zeros((n_nodes, 2))
    node_xy[key_to_node[node_vid]] = coords[is_node_vertex]

    seg_len = np.hypot(*(coords[1:] - coords[:-1]).T)
    seg_valid = ~last[:-1]  # segment i joins vertex i and i+1 within one part
    seg_len = np.where(seg_valid, seg_len, 0.0)
    cumulative = np.concatenate([[0.0], np.cumsum(seg_len)])

    node_vertex = np.flatnonzero(is_node_vertex)
    pair_same_part = part_of_vertex[node_vertex[:-1]] == part_of_vertex[node_vertex[1:]]
    edge_start = node_vertex[:-1][pair_same_part]
    edge_end = node_vertex[1:][pair_same_part]

    edge_u = key_to_node[vid[edge_start]]
    edge_v = key_to_node[vid[edge_end]]
    edge_length = cumulative[edge_end] - cumulative[edge_start]
    edge_feature = kept_feature[part_of_vertex[edge_start]]
    time_fwd = _edge_times(edge_length, speed_fwd[edge_feature], open_fwd[edge_feature])
    time_bwd = _edge_times(edge_length, speed_bwd[edge_feature], open_bwd[edge_feature])

    seg_index = np.flatnonzero(seg_valid)
    seg_edge = np.searchsorted(edge_start, seg_index, side="right") - 1
    seg_offset = cumulative[seg_index] - cumulative[edge_start[seg_edge]]

    forward = build_arc_graph(
        n_nodes,
        np.concatenate([edge_u, edge_v]),
        np.concatenate([edge_v, edge_u]),
        np.concatenate([time_fwd, time_bwd]),
        np.concatenate([edge_length, edge_length]),
    )
    labels = connected_components(forward)
    sizes = np.bincount(labels)
    return Network(
        node_xy=node_xy,
        edge_u=edge_u,
        edge_v=edge_v,
        edge_length_m=edge_length,
        edge_time_fwd_s=time_fwd,
        edge_time_bwd_s=time_bwd,
        edge_feature=edge_feature,
        seg_xy0=coords[seg_index],
        seg_xy1=coords[seg_index + 1],
        seg_edge=seg_edge,
        seg_offset_m=seg_offset,
        node_component=labels,
        main_component=int(np.argmax(sizes)),
        forward=forward,
    )


def edges_in_components(network: Network, components: Optional[Sequence[int]] = None) -> np.ndarray:
    """Boolean mask of edges that points may attach to (default: the main component only)."""
    allowed = [network.main_component] if components is None else list(components)
    return np.isin(network.edge_component(), allowed)
