"""An independent, deliberately simple reference router for tests.

It shares no code with the engine: it splits every straight edge at the points snapped onto it,
then runs a textbook Dijkstra from each origin.
"""
from __future__ import annotations

import heapq
import math
from collections import defaultdict


def closest_on_segment(p, a, b):
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    seg = dx * dx + dy * dy
    t = 0.0 if seg == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / seg))
    q = (ax + t * dx, ay + t * dy)
    return math.dist(p, q), t


def components(nodes, edges):
    parent = {n: n for n in nodes}

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b, *_ in edges:
        parent[find(a)] = find(b)
    groups = defaultdict(set)
    for n in nodes:
        groups[find(n)].add(n)
    return list(groups.values())


class AmbiguousComponents(Exception):
    """Two components tie for largest: which one is 'main' is arbitrary."""


def route_times(edges, origins, services, max_snap, access_kmh, junctions=None):
    """edges: (a_xy, b_xy, speed_kmh, direction) with direction 0 both, 1 a->b only, -1 b->a only.

    ``speed_kmh`` is one speed, or a (a->b, b->a) pair for roads with a speed per direction.

    Returns per origin (seconds, metres) to the nearest service, or (inf, inf).
    Points attach to the nearest edge of the largest component (by node count).
    """
    nodes = {e[0] for e in edges} | {e[1] for e in edges}
    usable = [e for e in edges if e[0] != e[1]]
    comps = components(nodes, usable)
    size = (lambda c: len(c & junctions)) if junctions is not None else len
    sizes = sorted((size(c) for c in comps), reverse=True)
    if len(sizes) > 1 and sizes[0] == sizes[1]:
        raise AmbiguousComponents
    main = max(comps, key=size) if comps else set()
    main_edges = [i for i, e in enumerate(usable) if e[0] in main]

    def snap(p):
        best = None
        for i in main_edges:
            a, b = usable[i][0], usable[i][1]
            d, t = closest_on_segment(p, a, b)
            if best is None or d < best[0] - 1e-12:
                best = (d, i, t)
        if best is None or best[0] > max_snap:
            return None
        return best

    access_ms = access_kmh / 3.6
    # Split points per edge.
    cuts = defaultdict(list)  # edge -> [(t, node_name)]
    attach = {}
    for kind, points in (("o", origins), ("s", services)):
        for j, p in enumerate(points):
            s = snap(p)
            if s is None:
                continue
            d, i, t = s
            # Points at the same spot of an edge share one network node; the ends are the junctions.
            a, b = usable[i][0], usable[i][1]
            name = a if t == 0.0 else b if t == 1.0 else ("cut", i, t)
            if name not in (a, b) and (t, name) not in cuts[i]:
                cuts[i].append((t, name))
            attach[(kind, j)] = (name, d)
    adj = defaultdict(list)

    def link(u, v, seconds, metres):
        adj[u].append((v, seconds, metres))

    for i, (a, b, speed, direction) in enumerate(usable):
        length = math.dist(a, b)
        ms_ab, ms_ba = (speed[0] / 3.6, speed[1] / 3.6) if isinstance(speed, tuple) else (speed / 3.6,) * 2
        chain = [(0.0, a)] + sorted(cuts.get(i, []), key=lambda x: x[0]) + [(1.0, b)]
        for (t0, n0), (t1, n1) in zip(chain[:-1], chain[1:]):
            metres = (t1 - t0) * length
            if direction in (0, 1):
                link(n0, n1, metres / ms_ab, metres)
            if direction in (0, -1):
                link(n1, n0, metres / ms_ba, metres)
    for (kind, j), (name, d) in attach.items():
        leg = d / access_ms
        if kind == "o":
            link(("o", j), name, leg, d)
        else:
            link(name, ("s", j), leg, d)

    results = []
    for j in range(len(origins)):
        start = ("o", j)
        if (("o", j)) not in attach:
            results.append((math.inf, math.inf))
            continue
        dist = {start: (0.0, 0.0)}
        heap = [(0.0, 0.0, 0, start)]
        counter = 1
        best = (math.inf, math.inf)
        seen = set()
        while heap:
            d, m, _, u = heapq.heappop(heap)
            if u in seen:
                continue
            seen.add(u)
            if isinstance(u, tuple) and len(u) == 2 and u[0] == "s":
                best = (d, m)
                break
            for v, sec, met in adj[u]:
                nd = d + sec
                if v not in dist or nd < dist[v][0]:
                    dist[v] = (nd, m + met)
                    heapq.heappush(heap, (nd, m + met, counter, v))
                    counter += 1
        results.append(best)
    return results
