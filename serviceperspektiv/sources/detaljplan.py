"""Digital detaljplan (SS 637040:2016, GML 3.2, root DP_Data) read as topology, in pure Python.

Areas are not stored as polygons: a ``DP_Omrade`` lists its ``DP_Grans`` boundary lines through
``plus`` (as stored) and ``minus`` (reversed) xlink references, and ``DP_Plan/planomrade`` points
at the plan area's ``DP_Omrade``. Positions are written northing first. The CRS is named in
``DP_Plan/koordinatsystem`` (e.g. ``SWEREF99_TM``, ``SWEREF99_13_30``).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

GML_ID = "{http://www.opengis.net/gml/3.2}id"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
TOLERANCE_M = 0.01  # endpoints closer than this are the same node

# SWEREF 99 TM and the twelve local zones (central meridian), EPSG 3006-3018.
SWEREF99_EPSG = {
    "TM": 3006, "12_00": 3007, "13_30": 3008, "15_00": 3009, "16_30": 3010, "18_00": 3011, "14_15": 3012,
    "15_45": 3013, "17_15": 3014, "18_45": 3015, "20_15": 3016, "21_45": 3017, "23_15": 3018,
}
PLAN_FIELDS = {"planid": ("planid", "planId", "planbeteckning"), "plannamn": ("plannamn", "namn"),
               "kommun": ("kommun", "kommunkod"), "forslag": ("forslag", "status")}
CODE_TAGS = ("kod", "bestammelsekod", "beteckning", "anvandningsform")

Ring = list[tuple[float, float]]  # (x = easting, y = northing), closed: first == last


class DetaljplanError(ValueError):
    """The file is not a readable SS 637040 detaljplan."""


@dataclass
class Polygon:
    exterior: Ring
    holes: list[Ring] = field(default_factory=list)


@dataclass
class Area:
    gml_id: str
    polygons: list[Polygon]
    codes: list[str]


@dataclass
class Plan:
    attributes: dict[str, Optional[str]]
    area: Area


@dataclass
class Detaljplan:
    epsg: int
    crs_name: str
    plans: list[Plan]
    areas: list[Area]  # the land-use areas (every DP_Omrade that is not a plan area)


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def epsg_for(name: str) -> int:
    """'SWEREF99_TM' -> 3006, 'SWEREF99 13 30' -> 3008, 'EPSG:3010' -> 3010."""
    text = (name or "").strip().upper()
    match = re.search(r"EPSG:{1,2}(\d+)$", text) or re.search(r"EPSG/0/(\d+)$", text)
    if match:
        return int(match.group(1))
    text = re.sub(r"[\s\-.]+", "_", text).replace("SWEREF_99", "SWEREF99")
    match = re.fullmatch(r"SWEREF99_?(TM|\d{2}_\d{2})", text)
    if match and match.group(1) in SWEREF99_EPSG:
        return SWEREF99_EPSG[match.group(1)]
    raise DetaljplanError(f"unknown coordinate system '{name}' (expected SWEREF99_TM or a SWEREF99 local zone)")


def _text(element: ET.Element, names: tuple[str, ...]) -> Optional[str]:
    for child in element:
        if local(child.tag) in names and child.text and child.text.strip():
            return child.text.strip()
    return None


def _positions(line: ET.Element) -> list[tuple[float, float]]:
    """All positions of a DP_Grans geometry, northing first in the file -> (easting, northing)."""
    points: list[tuple[float, float]] = []
    for element in line.iter():
        name = local(element.tag)
        if name not in ("posList", "pos") or not element.text:
            continue
        dim = int(element.get("srsDimension") or _inherited_dimension(line) or 2)
        try:
            values = [float(v) for v in element.text.split()]
        except ValueError:
            raise DetaljplanError("a position is not a number") from None
        for i in range(0, len(values) - dim + 1, dim):
            northing, easting = values[i], values[i + 1]
            points.append((easting, northing))
    return points


def _inherited_dimension(line: ET.Element) -> Optional[str]:
    for element in line.iter():
        if element.get("srsDimension"):
            return element.get("srsDimension")
    return None


def _same(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= TOLERANCE_M and abs(a[1] - b[1]) <= TOLERANCE_M


def chain_rings(lines: list[list[tuple[float, float]]]) -> list[Ring]:
    """Oriented boundary lines -> closed rings (a line may need reversing when the file is sloppy)."""
    pending = [list(line) for line in lines if len(line) >= 2]
    rings: list[Ring] = []
    while pending:
        ring = pending.pop(0)
        while not (_same(ring[0], ring[-1]) and len(ring) > 3):
            forward = next((k for k, line in enumerate(pending) if _same(line[0], ring[-1])), None)
            backward = next((k for k, line in enumerate(pending) if _same(line[-1], ring[-1])), None)
            if forward is not None:
                ring += pending.pop(forward)[1:]
            elif backward is not None:
                ring += pending.pop(backward)[::-1][1:]
            else:
                raise DetaljplanError("the boundary lines of an area do not form a closed ring")
        ring[-1] = ring[0]
        rings.append(ring)
    return rings


def ring_area(ring: Ring) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def point_in_ring(point: tuple[float, float], ring: Ring) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def rings_to_polygons(rings: list[Ring]) -> list[Polygon]:
    """Largest rings first become exteriors; a ring inside an exterior is its hole."""
    polygons: list[Polygon] = []
    for ring in sorted(rings, key=lambda r: -abs(ring_area(r))):
        host = next((p for p in polygons if point_in_ring(ring[0], p.exterior)
                     and not any(point_in_ring(ring[0], h) for h in p.holes)), None)
        if host is None:
            polygons.append(Polygon(ring if ring_area(ring) > 0 else ring[::-1]))  # exterior counter-clockwise
        else:
            host.holes.append(ring if ring_area(ring) < 0 else ring[::-1])
    return polygons


def parse_detaljplan(source: Union[str, Path, bytes]) -> Detaljplan:
    """Read a DP_Data file (path or bytes) into plan areas, land-use areas and the EPSG code."""
    try:
        root = ET.fromstring(source) if isinstance(source, bytes) else ET.parse(str(source)).getroot()
    except ET.ParseError as error:
        raise DetaljplanError(f"not well-formed XML ({error})") from None
    except OSError as error:
        raise DetaljplanError(f"the file cannot be read ({error})") from None
    if local(root.tag) != "DP_Data":
        raise DetaljplanError(f"the root element is '{local(root.tag)}', not DP_Data (SS 637040:2016)")

    objects: dict[str, ET.Element] = {}
    for element in root.iter():
        gml_id = element.get(GML_ID)
        if gml_id and local(element.tag).startswith("DP_"):
            objects[gml_id] = element

    def target(element: ET.Element) -> Optional[ET.Element]:
        href = element.get(XLINK_HREF) or ""
        return objects.get(href.rsplit("#", 1)[-1]) if href else None

    plan_elements = [e for e in root.iter() if local(e.tag) == "DP_Plan"]
    if not plan_elements:
        raise DetaljplanError("the file has no DP_Plan")
    crs_name = next((t for t in (_text(p, ("koordinatsystem",)) for p in plan_elements) if t), None)
    if not crs_name:
        srs = next((e.get("srsName") for e in root.iter() if e.get("srsName")), None)
        if not srs:
            raise DetaljplanError("no coordinate system: DP_Plan/koordinatsystem is missing")
        crs_name = srs
    epsg = epsg_for(crs_name)

    line_cache: dict[str, list[tuple[float, float]]] = {}

    def area_of(omrade: ET.Element) -> Area:
        lines = []
        codes: list[str] = []
        for child in omrade:
            name = local(child.tag)
            ref = target(child)
            if name in ("plus", "minus"):
                if ref is None or local(ref.tag) != "DP_Grans":
                    raise DetaljplanError(f"area '{omrade.get(GML_ID)}': '{child.get(XLINK_HREF)}' is not a DP_Grans")
                key = ref.get(GML_ID) or ""
                if key not in line_cache:
                    line_cache[key] = _positions(ref)
                line = line_cache[key]
                lines.append(line if name == "plus" else line[::-1])
            elif ref is not None:
                code = _text(ref, CODE_TAGS)
                if code and code not in codes:
                    codes.append(code)
            elif name in CODE_TAGS and child.text and child.text.strip() and child.text.strip() not in codes:
                codes.append(child.text.strip())
        if not lines:
            raise DetaljplanError(f"area '{omrade.get(GML_ID)}' has no boundary lines (plus/minus)")
        return Area(omrade.get(GML_ID) or "", rings_to_polygons(chain_rings(lines)), codes)

    plans: list[Plan] = []
    plan_area_ids: set[str] = set()
    for element in plan_elements:
        attributes = {key: _text(element, names) for key, names in PLAN_FIELDS.items()}
        ref = next((target(c) for c in element if local(c.tag) == "planomrade"), None)
        if ref is None:
            raise DetaljplanError(f"plan '{attributes.get('planid')}': DP_Plan/planomrade does not point at a DP_Omrade")
        plan_area_ids.add(ref.get(GML_ID) or "")
        plans.append(Plan(attributes, area_of(ref)))
    areas = [area_of(e) for e in root.iter()
             if local(e.tag) == "DP_Omrade" and (e.get(GML_ID) or "") not in plan_area_ids]
    return Detaljplan(epsg, crs_name, plans, areas)


def is_true(value: Optional[str]) -> Optional[bool]:
    """'true'/'1'/'ja'/'förslag' -> True; None stays None."""
    if value is None:
        return None
    return value.strip().lower() in ("true", "1", "ja", "yes", "forslag", "förslag", "samrad", "samråd", "granskning")
