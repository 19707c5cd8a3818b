"""SS 637040:2016 (GML 3.2, root DP_Data, namespace http://www.sis.se/ss637040) as real systems write it.

Structure (checked against a plan exported from Focus Detaljplan, tests/data/detaljplan/plankarta.xml):
- areas are topology: a ``DP_Omrade`` lists its ``DP_Grans`` boundary lines as ``plus`` (as stored)
  and ``minus`` (reversed) xlink references; ``DP_Plan/planomrade`` points at the plan area;
- provisions point at their areas: ``DP_Anvandningsbestammelse/omrade xlink:href="#a"`` (also
  ``DP_Egenskapsbestammelse``, ``DP_AdministrativBestammelse``); several provisions may point at one
  area, one provision at several; property and administrative provisions may be nested inside the
  use provision they belong to (then written once per use, with the same ``uuid``);
- codes: ``beteckning`` (R, GATA, e, u), ``anvandningsslag`` (use) or ``bestammelsetyp`` (others);
- positions are northing first; the CRS is named in ``DP_Plan/koordinatsystem``.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Optional

from .detaljplan_geometry import (
    Point,
    RingGap,
    arc_points,
    chain_rings,
    distinct_points,
    northing_first_swapped,
    rings_to_polygons,
)
from .detaljplan_model import (
    FORMAT_SS637040,
    Area,
    Detaljplan,
    DetaljplanError,
    Plan,
    Provision,
    Reason,
    Role,
    Skipped,
    epsg_for,
    form_of,
    is_proposal,
)

GML_ID = "{http://www.opengis.net/gml/3.2}id"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
NAMESPACE = "http://www.sis.se/ss637040"
ROLES = {"DP_Anvandningsbestammelse": Role.ANVANDNING, "DP_Egenskapsbestammelse": Role.EGENSKAP,
         "DP_AdministrativBestammelse": Role.ADMINISTRATIV}
NOT_READ = ("DP_Upplysning", "DP_Planbeskrivning")  # mentioned in the log, not imported


class AreaProblem(ValueError):
    def __init__(self, template: str, *args) -> None:
        super().__init__(template)
        self.reason = Reason(template, *args)


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _text(element: ET.Element, name: str) -> Optional[str]:
    for child in element:
        if local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _refs(element: ET.Element, name: str) -> list[str]:
    """Targets of the direct ``name`` children's xlink:href ('#a' -> 'a')."""
    return [(c.get(XLINK_HREF) or "").rsplit("#", 1)[-1] for c in element
            if local(c.tag) == name and c.get(XLINK_HREF)]


def parse_xml(data: bytes) -> Detaljplan:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise DetaljplanError("the XML is not well-formed or the file is cut off ({}). Export the plan again "
                              "and check that the whole file was copied.", str(error)) from None
    if local(root.tag) != "DP_Data":
        raise DetaljplanError("the root element is '{}', not DP_Data: this is not an SS 637040:2016 file.",
                              local(root.tag))
    space = namespace(root.tag)
    if space.rstrip("/") != NAMESPACE:
        raise DetaljplanError("unknown schema version: the namespace '{}' is not SS 637040:2016 ({}).",
                              space or "-", NAMESPACE)
    return _Reader(root).read()


class _Reader:
    def __init__(self, root: ET.Element) -> None:
        self.root = root
        self.objects: dict[str, ET.Element] = {}
        for element in root.iter():
            gml_id = element.get(GML_ID)
            if gml_id and local(element.tag).startswith("DP_"):
                self.objects[gml_id] = element
        self.swap = False
        self.lines: dict[str, list[Point]] = {}
        self.notes: list[Reason] = []

    # -- geometry ---------------------------------------------------------------------------------
    def _raw_positions(self, grans: ET.Element) -> list[tuple[bool, list[tuple[float, float]]]]:
        """Per curve segment: (is an arc, positions as written: first value, second value)."""
        segments = []
        for element in grans.iter():
            name = local(element.tag)
            if name not in ("LineStringSegment", "LineString", "Arc", "ArcString"):
                continue
            values: list[float] = []
            for pos in element.iter():
                if local(pos.tag) in ("pos", "posList") and pos.text:
                    try:
                        values.extend(float(v) for v in pos.text.split())
                    except ValueError:
                        raise AreaProblem("a position of the boundary line '{}' is not a number",
                                          grans.get(GML_ID)) from None
            dim = int(next((e.get("srsDimension") for e in element.iter() if e.get("srsDimension")), None) or 2)
            segments.append((name.startswith("Arc"), [(values[i], values[i + 1])
                                                      for i in range(0, len(values) - dim + 1, dim)]))
        return segments

    def _line(self, gml_id: str) -> list[Point]:
        if gml_id in self.lines:
            return self.lines[gml_id]
        grans = self.objects.get(gml_id)
        if grans is None or local(grans.tag) != "DP_Grans":
            raise AreaProblem("its boundary line '{}' is missing from the file", gml_id)
        line: list[Point] = []
        for arc, raw in self._raw_positions(grans):
            points = [(a, b) if self.swap else (b, a) for a, b in raw]  # northing first -> (E, N)
            if arc:
                curved: list[Point] = []
                for k in range(0, len(points) - 2, 2):
                    curved += arc_points(points[k], points[k + 1], points[k + 2])[1 if curved else 0:]
                points = curved
            line += points[1:] if line and points and line[-1] == points[0] else points
        if len(line) < 2:
            raise AreaProblem("its boundary line '{}' has no positions", gml_id)
        self.lines[gml_id] = line
        return line

    def _area(self, omrade: ET.Element) -> Area:
        gml_id = omrade.get(GML_ID) or ""
        lines = []
        for child in omrade:
            name = local(child.tag)
            if name in ("plus", "minus"):
                line = self._line((child.get(XLINK_HREF) or "").rsplit("#", 1)[-1])
                lines.append(line if name == "plus" else line[::-1])
        if not lines:
            raise AreaProblem("it has no boundary lines (plus/minus)")
        try:
            rings = chain_rings(lines)
        except RingGap as gap:
            raise AreaProblem("its boundary lines do not close (loose end at E {:.2f}, N {:.2f})",
                              gap.at[0], gap.at[1]) from None
        for ring in rings:
            if distinct_points(ring) < 3:
                raise AreaProblem("a ring has fewer than three distinct points")
        return Area(gml_id, rings_to_polygons(rings))

    def _detect_axis_order(self, plan_area: ET.Element) -> None:
        raw: list[tuple[float, float]] = []
        for gml_id in _refs(plan_area, "plus") + _refs(plan_area, "minus"):
            grans = self.objects.get(gml_id)
            if grans is not None:
                try:
                    for _, points in self._raw_positions(grans):
                        raw += points
                except AreaProblem:
                    pass
        if northing_first_swapped(raw):
            self.swap = True
            self.notes.append(Reason("the positions are written easting first, not northing first as "
                                     "SS 637040 prescribes; they were read as easting, northing"))

    # -- provisions ----------------------------------------------------------------------------
    def _provision(self, element: ET.Element, parents: list[Provision]) -> Provision:
        role = ROLES[local(element.tag)]
        code = _text(element, "anvandningsslag") or _text(element, "bestammelsetyp")
        values, texts = [], []
        for variable in element:
            if local(variable.tag) != "variabel":
                continue
            for item in variable:
                name, value = _text(item, "namn"), _text(item, "varde")
                if value is None:
                    continue
                if local(item.tag) == "DP_VarText":
                    texts.append(value)
                else:
                    values.append(f"{name}={value}" if name else value)
        precisering = _text(element, "precisering")
        return Provision(
            ident=element.get(GML_ID) or "", role=role, beteckning=_text(element, "beteckning"), kod=code,
            formulering="; ".join(t for t in [precisering, *texts] if t) or None, anvandningsform=form_of(code),
            huvudsaklig=(_text(element, "huvudsaklig") or "").lower() == "true", values=values,
            anvandning=[p.label for p in parents if p.role == Role.ANVANDNING],
            uuid=_text(element, "uuid"))

    def _walk(self, element: ET.Element, parents: list[Provision], out: list[tuple[Provision, list[str]]]) -> None:
        """Every provision under ``element`` with the areas it points at; nesting gives the parents."""
        for child in element:
            name = local(child.tag)
            if name in ROLES:
                provision = self._provision(child, parents)
                out.append((provision, _refs(child, "omrade")))
                self._walk(child, [*parents, provision], out)
            elif name in NOT_READ:
                note = Reason("{} is not read", name)
                if note not in self.notes:
                    self.notes.append(note)
            elif not name.startswith("DP_Omrade") and not name.startswith("DP_Grans"):
                self._walk(child, parents, out)

    # -- the plan ------------------------------------------------------------------------------
    def read(self) -> Detaljplan:
        plan_elements = [e for e in self.root.iter() if local(e.tag) == "DP_Plan"]
        if not plan_elements:
            raise DetaljplanError("the file has no DP_Plan: it holds no plan.")
        crs_name = next((t for t in (_text(p, "koordinatsystem") for p in plan_elements) if t), None)
        if not crs_name:
            crs_name = next((e.get("srsName") for e in self.root.iter() if e.get("srsName")), None)
        if not crs_name:
            raise DetaljplanError("no coordinate system: DP_Plan/koordinatsystem is missing. Export the plan "
                                  "again with its coordinate system.")
        epsg = epsg_for(crs_name)

        plans: list[Plan] = []
        plan_area_ids: dict[str, Plan] = {}
        for element in plan_elements:
            planid = _text(element, "planid")
            refs = _refs(element, "planomrade")
            target = self.objects.get(refs[0]) if refs else None
            if target is None or local(target.tag) != "DP_Omrade":
                raise DetaljplanError("plan '{}': DP_Plan/planomrade does not point at a DP_Omrade.", planid or "?")
            self._detect_axis_order(target)
            try:
                area = self._area(target)
            except AreaProblem as problem:
                raise DetaljplanError("the plan area '{}' of plan '{}' cannot be built: {}", refs[0], planid or "?",
                                      problem.reason) from None
            # SS 637040 has no plan status, only whether the plan is a proposal (forslag true/false).
            plan = Plan(ident=element.get(GML_ID) or refs[0], planid=planid, plannamn=_text(element, "plannamn"),
                        kommun=_text(element, "kommun"), status=None,
                        forslag=is_proposal(_text(element, "forslag")), area=area,
                        uuid=_text(element, "uuid"))
            area.plan = plan.ident
            plans.append(plan)
            plan_area_ids[refs[0]] = plan

        areas: dict[str, Area] = {}
        skipped: list[Skipped] = []
        for element in self.root.iter():
            gml_id = element.get(GML_ID) or ""
            if local(element.tag) != "DP_Omrade" or gml_id in plan_area_ids:
                continue
            try:
                areas[gml_id] = self._area(element)
            except AreaProblem as problem:
                skipped.append(Skipped(gml_id, problem.reason))

        for plan, element in zip(plans, plan_elements):
            provisions: list[tuple[Provision, list[str]]] = []
            self._walk(element, [], provisions)
            for provision, targets in provisions:
                for target in targets:
                    if target in plan_area_ids:
                        plan_area_ids[target].general.append(provision)
                    elif target in areas:
                        areas[target].add(provision)
                        areas[target].plan = plan.ident  # the plan whose DP_Plan holds the provision
                if not targets:
                    plan.general.append(provision)
        unused = [a for a in areas.values() if not a.provisions]
        if unused:
            self.notes.append(Reason("{} area(s) carry no provision and are left out: {}", len(unused),
                                     ", ".join(a.ident for a in unused)))
        return Detaljplan(FORMAT_SS637040, epsg, crs_name, plans, [a for a in areas.values() if a.provisions],
                          skipped, self.notes)
