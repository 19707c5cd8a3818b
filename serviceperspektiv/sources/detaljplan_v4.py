"""The national information specification for detaljplan, version 4.1 (Lantmäteriet/Boverket).

Plans begun after 2021-12-31 are delivered as a JSON FeatureCollection
(``"feature:mediatyp": "application/vnd.lm.detaljplan.v4+json"``, JSON Schema ``detaljplan-4.1.json``):
one ``detaljplan`` feature (``plangeometri``, identity, status) and one feature per provision and
geometry (``användningsbestämmelse``, ``egenskapsbestämmelse``, ``administrativ bestämmelse``) with
``bestammelsegeometri``, ``planbestammelsekatalogreferens`` (a UUID in Boverket's
planbestämmelsekatalog) and ``bestammelseformulering``. Every GeoJSON ``geometry`` is null; the
geometries sit in ``geometri.position`` with ``koordinatsystemPlan`` (EPSG:3006-3018).

Published plans (OGC API Features, one collection per municipality) come as ordinary GeoJSON
features with a ``geometry`` and nested properties (``feature.typ``, ``planbestammelse.*`` with
``anvandningsform``/``kategori``/``underkategori``, ``detaljplan.*``); both shapes are read here.
The 4.1 format has no beteckning (B, GATA): it lives in the catalogue, so ``beteckning`` is only
filled when the data carry one (``etikett`` in published data).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Optional

from .detaljplan_geometry import (
    Point,
    Polygon,
    Ring,
    canonical,
    distinct_points,
    northing_first_swapped,
    ring_area,
    rings_to_polygons,
)
from .detaljplan_model import (
    FORMAT_V4,
    MEDIA_TYPE_V4,
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

ROLE_OF = {"användningsbestämmelse": Role.ANVANDNING, "egenskapsbestämmelse": Role.EGENSKAP,
           "administrativ bestämmelse": Role.ADMINISTRATIV, "administrativbestämmelse": Role.ADMINISTRATIV,
           "administrativsbestämmelse": Role.ADMINISTRATIV}
AREA_TYPES = ("yta", "multiyta", "Polygon", "MultiPolygon")


class GeometryProblem(ValueError):
    def __init__(self, template: str, *args) -> None:
        super().__init__(template)
        self.reason = Reason(template, *args)


@dataclass
class _Record:
    """One feature, whichever of the two shapes it came in."""

    typ: str
    ident: str
    props: dict
    plan_ref: Optional[str]
    plan_meta: dict
    geometries: list[tuple[Optional[str], dict]] = field(default_factory=list)  # (koordinatsystemPlan, GeoJSON)


def parse_json(data: bytes, default_crs: Optional[str] = None) -> Detaljplan:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise DetaljplanError("the file is not UTF-8 text; a detaljplan JSON file is always UTF-8.") from None
    except json.JSONDecodeError as error:
        raise DetaljplanError("the JSON is not well-formed or the file is cut off (line {}, column {}). Download "
                              "or export the plan again.", error.lineno, error.colno) from None
    return read_collection(document, default_crs)


def read_collection(document: Any, default_crs: Optional[str] = None) -> Detaljplan:
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection" \
            or not isinstance(document.get("features"), list):
        raise DetaljplanError("the JSON is not a GeoJSON FeatureCollection, so it is not a detaljplan "
                              "(national specification 4.1).")
    media = document.get("feature:mediatyp")
    notes: list[Reason] = []
    if media is not None and media != MEDIA_TYPE_V4:
        raise DetaljplanError("unknown schema version '{}': only the national specification for detaljplan "
                              "version 4 ({}) is supported.", media, MEDIA_TYPE_V4)
    records = [r for r in (_record(f) for f in document["features"]) if r is not None]
    if not any(r.typ == "detaljplan" or r.typ in ROLE_OF or r.plan_ref for r in records):
        raise DetaljplanError("the FeatureCollection holds no detaljplan or provision features (feature:typ).")
    crs = _collection_crs(document) or default_crs
    return _Builder(records, crs, notes, single=media is not None).build()


def _record(feature: Any) -> Optional[_Record]:
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        return None
    props = feature["properties"]
    nested = props.get("feature") if isinstance(props.get("feature"), dict) else {}
    typ = str(props.get("feature:typ") or nested.get("typ") or "").strip().lower()
    provision = props.get("planbestammelse") if isinstance(props.get("planbestammelse"), dict) else {}
    plan_meta = props.get("detaljplan") if isinstance(props.get("detaljplan"), dict) else {}
    if not typ and plan_meta and not provision:
        typ = "detaljplan"  # a published plan item: the plan's own metadata, no provision
    merged = {**props, **provision}
    if nested.get("etikett") and not merged.get("beteckning"):
        merged["beteckning"] = nested["etikett"]
    if typ == "detaljplan":
        merged = {**plan_meta, **props}
        plan_ref = str(merged.get("objektidentitet") or feature.get("id") or "")
    else:
        plan_ref = plan_meta.get("objektidentitet") or (props.get("detaljplan") if isinstance(
            props.get("detaljplan"), str) else None)
    ident = str(merged.get("objektidentitet") or feature.get("id") or "")
    record = _Record(typ, ident, merged, str(plan_ref) if plan_ref else None, plan_meta)
    descriptions = merged.get("plangeometri") if typ == "detaljplan" else merged.get("bestammelsegeometri")
    if isinstance(descriptions, list) and descriptions:
        for item in descriptions:
            geometri = item.get("geometri") if isinstance(item, dict) else None
            if isinstance(geometri, dict):
                position = geometri.get("position")
                record.geometries.append((geometri.get("koordinatsystemPlan"),
                                          {"typ": geometri.get("typ"), **(position if isinstance(position, dict) else {})}))
    elif isinstance(feature.get("geometry"), dict):
        record.geometries.append((None, dict(feature["geometry"])))
    return record


def _collection_crs(document: dict) -> Optional[str]:
    crs = document.get("crs")
    if isinstance(crs, dict):
        return (crs.get("properties") or {}).get("name")
    return None


def _ring(coordinates: Any, swap: bool) -> Ring:
    if not isinstance(coordinates, list) or len(coordinates) < 4:
        raise GeometryProblem("a ring has fewer than four positions")
    try:
        ring = [(float(p[1]), float(p[0])) if swap else (float(p[0]), float(p[1])) for p in coordinates]
    except (TypeError, ValueError, IndexError):
        raise GeometryProblem("a position is not a pair of numbers") from None
    if ring[0] != ring[-1]:
        raise GeometryProblem("a ring does not close (first position E {:.2f}, N {:.2f}; last E {:.2f}, N {:.2f})",
                              ring[0][0], ring[0][1], ring[-1][0], ring[-1][1])
    if distinct_points(ring) < 3 or abs(ring_area(ring)) == 0:
        raise GeometryProblem("a ring has no area")
    return ring


def _positions(geometry: dict) -> list[Point]:
    """Every position of a GeoJSON polygon or multipolygon, as written (for the axis-order check)."""
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if geometry.get("type") == "Polygon" else coordinates
    out: list[Point] = []
    for polygon in polygons if isinstance(polygons, list) else []:
        for ring in polygon if isinstance(polygon, list) else []:
            for p in ring if isinstance(ring, list) else []:
                if isinstance(p, list) and len(p) >= 2 and all(isinstance(v, (int, float)) for v in p[:2]):
                    out.append((float(p[0]), float(p[1])))
    return out


def polygons_of(geometry: dict, swap: bool) -> list[Polygon]:
    """A ``yta``/``multiyta`` position (GeoJSON Polygon / MultiPolygon) -> polygons with holes."""
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        parts = [coordinates]
    elif kind == "MultiPolygon" and isinstance(coordinates, list):
        parts = coordinates
    else:
        raise GeometryProblem("its geometry is not a surface ({})", geometry.get("typ") or kind or "-")
    polygons: list[Polygon] = []
    for part in parts:
        if not isinstance(part, list) or not part:
            raise GeometryProblem("a polygon has no rings")
        polygons += rings_to_polygons([_ring(r, swap) for r in part])
    return polygons


class _Builder:
    def __init__(self, records: list[_Record], crs: Optional[str], notes: list[Reason], single: bool) -> None:
        self.records = records
        self.default_crs = crs
        self.notes = notes
        self.single = single  # a delivery file: one plan, and a broken plan area ends the import
        self.skipped: list[Skipped] = []
        self.epsg: Optional[int] = None
        self.swap = False

    def _plan_epsg(self) -> int:
        names = [c for r in self.records for c, _ in r.geometries if c]
        name = next((c for r in self.records if r.typ == "detaljplan" for c, _ in r.geometries if c), None)
        name = name or (names[0] if names else self.default_crs)
        if not name:
            raise DetaljplanError("no coordinate system: geometri/koordinatsystemPlan is missing. A detaljplan "
                                  "must name SWEREF 99 TM or a SWEREF 99 local zone (EPSG:3006-3018).")
        return epsg_for(name)

    def _detect_axis_order(self) -> None:
        points = [(b, a) for r in self.records for _, g in r.geometries for a, b in _positions(g)]
        if points and all(abs(a) <= 180 and abs(b) <= 180 for a, b in points):
            raise DetaljplanError("the coordinates look like longitude and latitude (WGS 84), not SWEREF 99. Ask "
                                  "the service for EPSG:3006 (crs parameter) or export the plan in SWEREF 99.")
        if northing_first_swapped(points):
            self.swap = True
            self.notes.append(Reason("the positions are written northing first; they were read as easting, "
                                     "northing"))

    def _polygons(self, record: _Record) -> list[Polygon]:
        polygons: list[Polygon] = []
        surfaces = [(c, g) for c, g in record.geometries if str(g.get("typ") or g.get("type")) in AREA_TYPES]
        for crs, geometry in surfaces:
            if crs and epsg_for(crs) != self.epsg:
                raise GeometryProblem("its coordinate system {} differs from the plan's EPSG:{}", crs, self.epsg)
            polygons += polygons_of(geometry, self.swap)
        if not surfaces:
            raise GeometryProblem("it has no surface geometry")
        return polygons

    def _plan(self, record: _Record) -> Plan:
        props = record.props
        lagakraft = props.get("datumLagakraft")
        for beslut in props.get("beslutsinformation") or []:
            dates = beslut.get("datumLagakraft") if isinstance(beslut, dict) else None
            if dates:
                lagakraft = dates[0] if isinstance(dates, list) else dates
        status = props.get("status")
        return Plan(ident=record.plan_ref or record.ident, planid=props.get("beteckning"), plannamn=props.get("namn"),
                    kommun=props.get("kommun"), status=status, forslag=is_proposal(status), area=None,
                    lagakraft=str(lagakraft) if lagakraft else None)

    def _provision(self, record: _Record, role: Role) -> Provision:
        props = record.props
        values = []
        for value in props.get("bestammelsevarde") or []:
            if isinstance(value, dict) and value.get("variabelvarde") is not None:
                unit = f" {value['enhet']}" if value.get("enhet") else ""
                name = value.get("beskrivning")
                values.append(f"{name}={value['variabelvarde']}{unit}" if name else f"{value['variabelvarde']}{unit}")
        code = props.get("planbestammelsekatalogreferens") or props.get("bestammelsekod")
        return Provision(ident=record.ident, role=role, beteckning=props.get("beteckning"), kod=code,
                         formulering=props.get("bestammelseformulering"),
                         anvandningsform=props.get("anvandningsform") or form_of(props.get("bestammelsekod")),
                         kategori=props.get("kategori"), underkategori=props.get("underkategori"), values=values,
                         uuid=record.ident)

    def build(self) -> Detaljplan:
        self.epsg = self._plan_epsg()
        self._detect_axis_order()
        plans: dict[str, Plan] = {}
        plan_keys: dict[str, tuple] = {}
        for record in self.records:
            if record.typ != "detaljplan":
                continue
            plan = self._plan(record)
            plans[plan.ident] = plan
            try:
                polygons = self._polygons(record)
            except GeometryProblem as problem:
                if self.single:
                    raise DetaljplanError("the plan area of plan '{}' cannot be built: {}", plan.planid or plan.ident,
                                          problem.reason) from None
                self.skipped.append(Skipped(plan.planid or plan.ident, problem.reason))
                continue
            plan.area = Area(plan.ident, polygons, plan=plan.ident)
            plan_keys[plan.ident] = canonical(polygons)
        if self.single and not plans:
            raise DetaljplanError("the file has no detaljplan feature (feature:typ 'detaljplan'): it holds no plan.")

        areas: dict[tuple, Area] = {}
        by_ident: dict[str, Provision] = {}
        regulates: list[tuple[Provision, list[str]]] = []
        ignored: dict[str, int] = {}
        for record in self.records:
            role = ROLE_OF.get(record.typ)
            if record.typ == "detaljplan":
                continue
            if role is None:
                ignored[record.typ or "-"] = ignored.get(record.typ or "-", 0) + 1
                continue
            plan_ident = record.plan_ref or (next(iter(plans)) if len(plans) == 1 else "")
            if plan_ident not in plans:
                plans[plan_ident] = self._plan(_Record("detaljplan", plan_ident, record.plan_meta, plan_ident, {}))
            kinds = {str(g.get("typ") or g.get("type")) for _, g in record.geometries}
            if record.geometries and not kinds & set(AREA_TYPES):
                ignored[f"{record.typ} ({', '.join(sorted(kinds))})"] = ignored.get(
                    f"{record.typ} ({', '.join(sorted(kinds))})", 0) + 1
                continue
            try:
                polygons = self._polygons(record)
            except GeometryProblem as problem:
                self.skipped.append(Skipped(record.ident, problem.reason))
                continue
            provision = self._provision(record, role)
            by_ident[provision.ident] = provision
            reglerar = record.props.get("reglerarAnvandningsbestammelse")
            if isinstance(reglerar, list):
                regulates.append((provision, [str(r) for r in reglerar]))
            key = canonical(polygons)
            plan = plans[plan_ident]
            if role != Role.ANVANDNING and (record.props.get("reglerarDetaljplan") or plan_keys.get(plan_ident) == key):
                plan.general.append(provision)
                continue
            area = areas.get((plan_ident, key))
            if area is None:
                area = areas[(plan_ident, key)] = Area(record.ident, polygons, plan=plan_ident)
            area.add(provision)
        for provision, targets in regulates:
            provision.anvandning = [by_ident[t].label for t in targets if t in by_ident]
        for typ, count in sorted(ignored.items()):
            self.notes.append(Reason("{} feature(s) of type '{}' are not read (only surfaces are imported)", count, typ))
        crs_name = f"EPSG:{self.epsg}"
        return Detaljplan(FORMAT_V4, self.epsg, crs_name, list(plans.values()), list(areas.values()), self.skipped,
                          self.notes)
