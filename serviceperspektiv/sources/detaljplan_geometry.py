"""Plane geometry for plan areas, in pure Python: rings from boundary lines, holes, areas, arcs.

Coordinates are (easting, northing) in the plan's SWEREF 99 system. A ring is closed (first == last).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

Point = tuple[float, float]
Ring = list[Point]
TOLERANCE_M = 0.01  # line ends closer than this are the same node
ARC_CHORD_M = 0.05  # largest distance between an arc and the chords that replace it
NORTHING_MIN = 6.0e6  # Sweden lies between about 6.1 and 7.7 million metres north in every SWEREF 99 system


@dataclass
class Polygon:
    exterior: Ring
    holes: list[Ring] = field(default_factory=list)


class RingGap(ValueError):
    """Boundary lines that do not close; ``at`` is the loose end (easting, northing)."""

    def __init__(self, at: Point) -> None:
        super().__init__(f"gap at {at[0]:.2f}, {at[1]:.2f}")
        self.at = at


def same(a: Point, b: Point) -> bool:
    return abs(a[0] - b[0]) <= TOLERANCE_M and abs(a[1] - b[1]) <= TOLERANCE_M


def chain_rings(lines: list[list[Point]]) -> list[Ring]:
    """Oriented boundary lines -> closed rings. A line is reversed when its file orientation is off."""
    pending = [list(line) for line in lines if len(line) >= 2]
    rings: list[Ring] = []
    while pending:
        ring = pending.pop(0)
        while not (same(ring[0], ring[-1]) and len(ring) > 3):
            forward = next((k for k, line in enumerate(pending) if same(line[0], ring[-1])), None)
            backward = next((k for k, line in enumerate(pending) if same(line[-1], ring[-1])), None)
            if forward is not None:
                ring += pending.pop(forward)[1:]
            elif backward is not None:
                ring += pending.pop(backward)[::-1][1:]
            else:
                raise RingGap(ring[-1])
        ring[-1] = ring[0]
        rings.append(ring)
    return rings


def ring_area(ring: Ring) -> float:
    """Signed area (counter-clockwise positive)."""
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def distinct_points(ring: Ring) -> int:
    kept: list[Point] = []
    for point in ring[:-1]:
        if not any(same(point, k) for k in kept):
            kept.append(point)
    return len(kept)


def point_in_ring(point: Point, ring: Ring) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def rings_to_polygons(rings: list[Ring]) -> list[Polygon]:
    """Largest rings first become exteriors (counter-clockwise); a ring inside one is its hole."""
    polygons: list[Polygon] = []
    for ring in sorted(rings, key=lambda r: -abs(ring_area(r))):
        probe = _inner_probe(ring)
        host = next((p for p in polygons if point_in_ring(probe, p.exterior)
                     and not any(point_in_ring(probe, h) for h in p.holes)), None)
        if host is None:
            polygons.append(Polygon(ring if ring_area(ring) > 0 else ring[::-1]))
        else:
            host.holes.append(ring if ring_area(ring) < 0 else ring[::-1])
    return polygons


def _inner_probe(ring: Ring) -> Point:
    """A vertex is ambiguous when rings touch; the midpoint of an edge moved slightly inwards is not."""
    (x0, y0), (x1, y1) = ring[0], ring[1]
    sign = 1.0 if ring_area(ring) > 0 else -1.0
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    step = min(TOLERANCE_M, length / 4)
    return ((x0 + x1) / 2 - sign * (y1 - y0) / length * step, (y0 + y1) / 2 + sign * (x1 - x0) / length * step)


def polygon_area(polygon: Polygon) -> float:
    return abs(ring_area(polygon.exterior)) - sum(abs(ring_area(h)) for h in polygon.holes)


def polygons_area(polygons: list[Polygon]) -> float:
    return sum(polygon_area(p) for p in polygons)


def arc_points(start: Point, middle: Point, end: Point) -> list[Point]:
    """The circular arc through three points (gml:Arc), as chords no farther than ARC_CHORD_M from it."""
    (ax, ay), (bx, by), (cx, cy) = start, middle, end
    d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
    if abs(d) < 1e-9:  # collinear: a straight line
        return [start, end]
    ux = ((ax * ax + ay * ay) * (by - cy) + (bx * bx + by * by) * (cy - ay) + (cx * cx + cy * cy) * (ay - by)) / d
    uy = ((ax * ax + ay * ay) * (cx - bx) + (bx * bx + by * by) * (ax - cx) + (cx * cx + cy * cy) * (bx - ax)) / d
    radius = math.hypot(ax - ux, ay - uy)
    a0, a1, a2 = (math.atan2(p[1] - uy, p[0] - ux) for p in (start, middle, end))
    ccw = (a1 - a0) % (2 * math.pi) < (a2 - a0) % (2 * math.pi)
    sweep = (a2 - a0) % (2 * math.pi) if ccw else -((a0 - a2) % (2 * math.pi))
    step = 2 * math.acos(max(-1.0, 1 - ARC_CHORD_M / radius)) if radius > ARC_CHORD_M else math.pi / 8
    n = max(2, math.ceil(abs(sweep) / max(step, 1e-3)))
    points = [(ux + radius * math.cos(a0 + sweep * k / n), uy + radius * math.sin(a0 + sweep * k / n))
              for k in range(n + 1)]
    points[0], points[-1] = start, end
    return points


def canonical(polygons: list[Polygon], decimals: int = 3) -> tuple:
    """A key that is equal for equal geometries, whatever the start vertex or orientation."""
    def ring_key(ring: Ring, ccw: bool) -> tuple:
        pts = [(round(x, decimals), round(y, decimals)) for x, y in ring[:-1]]
        if (ring_area(ring) > 0) != ccw:
            pts.reverse()
        start = pts.index(min(pts))
        return tuple(pts[start:] + pts[:start])

    return tuple(sorted((ring_key(p.exterior, True), tuple(sorted(ring_key(h, False) for h in p.holes)))
                        for p in polygons))


def northing_first_swapped(points: list[Point]) -> Optional[bool]:
    """True when (first, second) values look like (easting, northing) instead of SS 637040's
    (northing, easting); None when there are no points to judge by."""
    if not points:
        return None
    swapped = sum(1 for first, second in points if first < NORTHING_MIN <= second)
    return swapped > len(points) / 2
