"""What a detaljplan reader returns, whatever the file format: plans, areas, provisions, problems.

QGIS-free. Messages are English templates with arguments (``Reason``); the Processing algorithm
translates the template with ``tr()`` and formats it, so the log is Swedish in a Swedish QGIS.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Optional, Union

from .detaljplan_geometry import Polygon, polygons_area

FORMAT_SS637040 = "SS 637040:2016"
FORMAT_V4 = "detaljplan 4.1"
MEDIA_TYPE_V4 = "application/vnd.lm.detaljplan.v4+json"

# SWEREF 99 TM and the twelve local zones (central meridian), EPSG 3006-3018.
SWEREF99_EPSG = {
    "TM": 3006, "12_00": 3007, "13_30": 3008, "15_00": 3009, "16_30": 3010, "18_00": 3011, "14_15": 3012,
    "15_45": 3013, "17_15": 3014, "18_45": 3015, "20_15": 3016, "21_45": 3017, "23_15": 3018,
}

# The first part of a provision code names its användningsform (Boverket's catalogue and SS 637040 alike).
FORM_PREFIXES = {"DP_KM_": "Kvartersmark", "DP_AP_": "Allmän plats", "DP_VO_": "Vattenområde",
                 "DP_PO_": "Planområdet"}


class Role(str, Enum):
    """The kind of provision, and so the role of the area it covers. Values are stable ASCII."""

    ANVANDNING = "anvandning"
    EGENSKAP = "egenskap"
    ADMINISTRATIV = "administrativ"


class Reason:
    """An English message template with its arguments (arguments may be Reasons themselves)."""

    def __init__(self, template: str, *args) -> None:
        self.template = template
        self.args = args

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reason) and (self.template, self.args) == (other.template, other.args)

    def __repr__(self) -> str:
        return f"Reason({self.english()!r})"

    def english(self) -> str:
        return self.template.format(*[a.english() if isinstance(a, Reason) else a for a in self.args])


class DetaljplanError(ValueError):
    """The file cannot be read as a detaljplan at all (nothing is imported)."""

    def __init__(self, template: str, *args) -> None:
        self.reason = Reason(template, *args)
        super().__init__(self.reason.english())


@dataclass
class Provision:
    ident: str  # gml:id (SS 637040) or objektidentitet (4.1)
    role: Role
    beteckning: Optional[str] = None  # R, GATA, e, u ...
    kod: Optional[str] = None  # anvandningsslag / bestammelsetyp, or the catalogue reference (4.1)
    formulering: Optional[str] = None
    anvandningsform: Optional[str] = None
    kategori: Optional[str] = None
    underkategori: Optional[str] = None
    huvudsaklig: bool = False
    values: list[str] = field(default_factory=list)  # "hojd=13"
    anvandning: list[str] = field(default_factory=list)  # labels of the use provisions it belongs to
    uuid: Optional[str] = None  # the same provision may be written more than once (nested copies)

    @property
    def label(self) -> str:
        return self.beteckning or self.formulering or self.kod or self.ident


@dataclass
class Area:
    ident: str
    polygons: list[Polygon]
    provisions: list[Provision] = field(default_factory=list)
    plan: str = ""  # the ident of the plan the area belongs to

    def roles(self) -> set[Role]:
        return {p.role for p in self.provisions}

    def with_roles(self, roles: set[Role]) -> list[Provision]:
        return [p for p in self.provisions if p.role in roles]

    def add(self, provision: Provision) -> None:
        """Keep one copy of a provision written several times (SS 637040 nests copies per use)."""
        for known in self.provisions:
            if provision.uuid and known.uuid == provision.uuid and known.role == provision.role:
                known.anvandning.extend(a for a in provision.anvandning if a not in known.anvandning)
                return
        self.provisions.append(provision)

    @property
    def area_m2(self) -> float:
        return polygons_area(self.polygons)


@dataclass
class Plan:
    ident: str
    planid: Optional[str]
    plannamn: Optional[str]
    kommun: Optional[str]
    status: Optional[str]
    forslag: Optional[bool]
    area: Optional[Area]  # None when a published plan came without its own plan geometry
    general: list[Provision] = field(default_factory=list)  # provisions for the whole plan area
    lagakraft: Optional[str] = None
    uuid: Optional[str] = None


@dataclass
class Skipped:
    ident: str
    reason: Reason


@dataclass
class Detaljplan:
    format: str
    epsg: int
    crs_name: str
    plans: list[Plan]
    areas: list[Area]  # every area that is not a plan area, with the provisions that point at it
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Reason] = field(default_factory=list)  # things not read, assumptions made

    def areas_with(self, roles: set[Role]) -> list[Area]:
        return [a for a in self.areas if a.roles() & roles]

    def plan_by_ident(self) -> dict[str, Plan]:
        return {p.ident: p for p in self.plans}


def epsg_for(name: Union[str, int, None]) -> int:
    """'SWEREF99_TM' -> 3006, 'SWEREF 99 13 30' -> 3008, 'EPSG:3010' / an OGC CRS URI -> 3010.

    Only SWEREF 99 (EPSG:3006-3018) is accepted: both formats require it, and anything else
    (RT 90, a local system) would be placed wrongly without a transformation the file cannot give.
    """
    text = str(name or "").strip().upper()
    match = (re.search(r"EPSG:{1,2}(\d+)$", text) or re.search(r"EPSG/\d+/(\d+)$", text)
             or re.fullmatch(r"(\d{4,5})", text))
    if match:
        code = int(match.group(1))
        if code in SWEREF99_EPSG.values():
            return code
        raise DetaljplanError("unknown coordinate system '{}': expected SWEREF 99 TM or a SWEREF 99 local zone "
                              "(EPSG:3006-3018). Transform the plan to SWEREF 99 and export it again.", name)
    words = re.sub(r"[\s\-.]+", "_", text).replace("SWEREF_99", "SWEREF99")
    match = re.fullmatch(r"SWEREF99_?(TM|\d{2}_\d{2})", words)
    if match and match.group(1) in SWEREF99_EPSG:
        return SWEREF99_EPSG[match.group(1)]
    raise DetaljplanError("unknown coordinate system '{}': expected SWEREF 99 TM or a SWEREF 99 local zone "
                          "(EPSG:3006-3018). Transform the plan to SWEREF 99 and export it again.", name)


def form_of(code: Optional[str]) -> Optional[str]:
    """'DP_KM_R_A' -> 'Kvartersmark', 'DP_AP_Ko_Gata' -> 'Allmän plats'."""
    for prefix, form in FORM_PREFIXES.items():
        if code and code.startswith(prefix):
            return form
    return None


def is_proposal(status: Optional[str]) -> Optional[bool]:
    """SS 637040 ``forslag`` (true/false) or a 4.1 ``status`` -> whether the plan is still a proposal."""
    if status is None:
        return None
    text = status.strip().lower()
    if text in ("true", "1", "ja", "yes", "förslag", "forslag", "påbörjad", "samråd", "granskning"):
        return True
    if text in ("false", "0", "nej", "no", "antagen", "överklagad", "laga kraft", "upphävd", "avslutad", "tillsyn"):
        return False
    return None
