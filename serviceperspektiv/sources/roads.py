"""Road attributes for the engine (class, speed, one-way) from OSM tags and NVDB rows, per mode.

QGIS-free. The routable classes per mode come from the engine's own speed table, so a road is
fetched exactly when ``nearestservice`` would use it.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.oneway import BACKWARD, BOTH, CLOSED, FORWARD, direction_from_prohibited, is_true, parse_direction
from ..core.speeds import MODES, SpeedTable, load_speed_table, normalise_class

# highway=* values that are not roads one travels along (or not yet/no longer roads).
NOT_ROUTABLE = {"proposed", "construction", "abandoned", "disused", "platform", "bus_stop", "elevator",
                "corridor", "raceway", "services", "rest_area", "emergency_bay", "escape", "bus_guideway"}
_MODE_ACCESS = {"car": ("motor_vehicle", "motorcar", "vehicle"), "bike": ("bicycle", "vehicle"), "walk": ("foot",)}
_NO = {"no", "private", "agricultural", "forestry", "delivery", "discouraged_no"}
# Swedish implicit limits (OSM maxspeed=SE:*); km/h.
_ZONE_SPEEDS = {"se:urban": 50.0, "se:rural": 70.0, "se:motorway": 110.0, "se:living_street": 7.0, "walk": 7.0,
                "se:walk": 7.0}
_NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(mph|km/h|kmh|kph)?\s*$")


def routable_classes(mode: str, table: SpeedTable | None = None) -> list[str]:
    """OSM highway classes open to ``mode`` in the speed table (its generic rows excluded)."""
    table = table or load_speed_table()
    return sorted(k for k, row in table.classes.items()
                  if ":" not in k and k not in {"default", "built_up", "rural", "ferry"} and k not in NOT_ROUTABLE
                  and row.get(mode) is not None)


def parse_maxspeed(value: Any) -> float | None:
    """'50' -> 50, '30 mph' -> 48.3, 'SE:urban' -> 50; None when unknown ('none', 'signals', ...)."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if not text:
        return None
    text = text.split(";")[0].strip()
    if text in _ZONE_SPEEDS:
        return _ZONE_SPEEDS[text]
    match = _NUMBER.match(text)
    if not match:
        return None
    speed = float(match.group(1)) * (1.609344 if match.group(2) == "mph" else 1.0)
    return speed if speed > 0 else None


def osm_speeds(tags: Mapping[str, str]) -> tuple[float | None, float | None]:
    """(forward, backward) km/h from ``maxspeed:forward``/``maxspeed:backward``, else ``maxspeed``."""
    both = parse_maxspeed(tags.get("maxspeed"))
    forward = parse_maxspeed(tags.get("maxspeed:forward"))
    backward = parse_maxspeed(tags.get("maxspeed:backward"))
    return (forward if forward is not None else both), (backward if backward is not None else both)


def oneway_value(tags: Mapping[str, str], mode: str) -> str:
    """The one-way text the engine parses; bicycles may use ``oneway:bicycle=no``; walkers ignore one-way."""
    if mode == "walk":
        return "no"
    value = tags.get("oneway", "")
    if mode == "bike" and tags.get("oneway:bicycle") == "no":
        return "no"
    if not value and (tags.get("junction") == "roundabout" or tags.get("highway") in {"motorway"}):
        return "yes"
    return value or "no"


def osm_road_allowed(tags: Mapping[str, str], mode: str, classes: set[str]) -> bool:
    """True when the way is a road that ``mode`` may use (class and access tags)."""
    highway = tags.get("highway")
    if not highway or highway not in classes or tags.get("area") == "yes":
        return False
    for key in (*_MODE_ACCESS[mode], "access"):
        value = tags.get(key)
        if value is not None:
            # The most specific access tag decides (motorcar=yes beats access=no).
            return value not in _NO
    return True


# -- NVDB ---------------------------------------------------------------------------------------
# Tillväxtverket's processed NVDB network ("Tillgänglighetsvägnät", GeoPackage). The first name of
# each tuple is the column Tillväxtverket's own loader reads (Pipos.GeoLib, BinaryRoadCreator.cs);
# the others are older or other exports. Names are matched case-insensitively; the log says which
# column was used.
NVDB_CLASS_FIELDS = ("klass_181", "klass", "funkvagklass", "funktionell_vagklass", "funk_vagklass", "fc", "class",
                     "highway")
NVDB_FORWARD_SPEED_FIELDS = ("f_hogst_225", "hogst_225", "hastighet", "hastighetsgrans", "hogsta_hastighet", "hast",
                             "maxspeed", "speed")
NVDB_BACKWARD_SPEED_FIELDS = ("b_hogst_225", "maxspeed_backward")
NVDB_F_PROHIBITED_FIELDS = ("f_forbjudenfardriktning", "f_forbjuden_fardriktning")
NVDB_B_PROHIBITED_FIELDS = ("b_forbjudenfardriktning", "b_forbjuden_fardriktning")
NVDB_DIRECTION_FIELDS = ("oneway", "korriktning", "riktning", "direction")  # one text column (other exports)
NVDB_FERRY_FIELDS = ("farjeled",)
NVDB_MOTORWAY_FIELDS = ("typ_41",)
NVDB_LENGTH_FIELDS = ("extlen",)
NETWORK_KEEP = ("all", "no_loose", "main")  # index = the NETWORK parameter
FERRY_CLASS = "ferry"  # the speed table's row for ferry links
_ONEWAY_TEXT = {BOTH: "no", FORWARD: "yes", BACKWARD: "-1"}


@dataclass(frozen=True)
class NvdbColumns:
    """The columns found in one NVDB layer (None where absent)."""

    road_class: str | None
    forward_speed: str | None
    backward_speed: str | None
    forward_prohibited: str | None
    backward_prohibited: str | None
    direction: str | None  # a single one-way column, used only when the F/B pair is absent
    ferry: str | None
    motorway: str | None
    length: str | None
    network_grp: str | None
    remove_code: str | None

    def used(self) -> list[str]:
        return [name for name in (self.road_class, self.forward_speed, self.backward_speed, self.forward_prohibited,
                                  self.backward_prohibited, self.direction, self.ferry, self.motorway, self.length,
                                  self.network_grp, self.remove_code) if name]

    def describe(self) -> str:
        pairs = (("class", self.road_class), ("speed forward", self.forward_speed),
                 ("speed backward", self.backward_speed), ("prohibited forward", self.forward_prohibited),
                 ("prohibited backward", self.backward_prohibited), ("one-way", self.direction),
                 ("ferry", self.ferry), ("motorway", self.motorway), ("length", self.length),
                 ("networkGrp", self.network_grp), ("RemoveCode", self.remove_code))
        return ", ".join(f"{label}={name or '-'}" for label, name in pairs)


def nvdb_columns(names: list[str]) -> NvdbColumns:
    f_prohibited = find_field(names, NVDB_F_PROHIBITED_FIELDS)
    b_prohibited = find_field(names, NVDB_B_PROHIBITED_FIELDS)
    pair = f_prohibited is not None or b_prohibited is not None
    return NvdbColumns(
        find_field(names, NVDB_CLASS_FIELDS), find_field(names, NVDB_FORWARD_SPEED_FIELDS),
        find_field(names, NVDB_BACKWARD_SPEED_FIELDS), f_prohibited, b_prohibited,
        None if pair else find_field(names, NVDB_DIRECTION_FIELDS), find_field(names, NVDB_FERRY_FIELDS),
        find_field(names, NVDB_MOTORWAY_FIELDS), find_field(names, NVDB_LENGTH_FIELDS),
        find_field(names, ("networkgrp",)), find_field(names, ("removecode",)))


@dataclass
class NvdbLink:
    """One NVDB row as the engine reads it (speeds already with their fallbacks)."""

    road_class: str | None  # 'nvdb:N', or 'ferry'
    oneway: str  # 'no', 'yes' (along the digitised direction only) or '-1' (against it only)
    maxspeed: float | None  # forward speed, else the backward one; None: the class default applies
    maxspeed_backward: float | None  # backward speed, else the forward one
    ferry: bool = False
    motorway: bool = False


@dataclass
class NvdbTally:
    """What happened to the rows of an NVDB layer, for the log."""

    closed: int = 0  # both directions prohibited: left out (as Pipos does)
    mode: int = 0  # class closed to the mode
    motorway: int = 0  # typ_41 = 1 for bike/walk
    one_way_forward: int = 0
    one_way_backward: int = 0
    ferries: int = 0
    both_speeds: int = 0  # open directions that have their own speed
    other_direction: int = 0  # open directions that took the other direction's speed
    class_default: int = 0  # links with no speed at all: the class default applies in routing
    lengths_differ: int = 0  # geometry length and extlen differ by more than 5 % (and 5 m)
    classes: dict = field(default_factory=dict, repr=False)  # class value -> (key, open to the mode), per run


def _speed(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        speed = float(value)
    except (TypeError, ValueError):
        return None
    return speed if speed > 0 and math.isfinite(speed) else None


def nvdb_link(row: Mapping[str, Any], cols: NvdbColumns, mode: str, table: SpeedTable,
              tally: NvdbTally) -> NvdbLink | None:
    """The link for ``mode``, or None when it is left out (counted in ``tally``).

    Directions: F_ForbjudenFardriktning true = travel only against the digitised direction,
    B_ForbjudenFardriktning true = only along it, both = closed. Walkers ignore one-way rules but
    not closed links. Speeds: the forward speed for forward travel and the backward speed for
    backward travel; an open direction without its own speed takes the other direction's; with
    neither, routing uses the class default (klass_181). Ferries get the table's ferry speed.
    """
    def get(column: str | None) -> Any:
        return row.get(column) if column else None

    if cols.forward_prohibited or cols.backward_prohibited:
        direction = direction_from_prohibited(get(cols.forward_prohibited), get(cols.backward_prohibited))
    else:
        direction = parse_direction(get(cols.direction))
    if direction == CLOSED:
        tally.closed += 1
        return None
    ferry = is_true(get(cols.ferry))
    motorway = _int(get(cols.motorway)) == 1
    if ferry:
        road_class = FERRY_CLASS
    else:
        value = get(cols.road_class)
        if value not in tally.classes:
            key = nvdb_class(value)
            tally.classes[value] = (key, nvdb_mode_allowed(key, mode, table))
        road_class, allowed = tally.classes[value]
        if not allowed:
            tally.mode += 1
            return None
    if motorway and mode != "car":
        tally.motorway += 1
        return None
    if mode == "walk":
        direction = BOTH
    if ferry:
        tally.ferries += 1
        speed = table.class_speed_kmh(FERRY_CLASS, mode)
        return NvdbLink(road_class, _ONEWAY_TEXT[direction], speed, speed, True, motorway)
    tally.one_way_forward += direction == FORWARD
    tally.one_way_backward += direction == BACKWARD
    forward, backward = _speed(get(cols.forward_speed)), _speed(get(cols.backward_speed))
    open_forward, open_backward = direction in (BOTH, FORWARD), direction in (BOTH, BACKWARD)
    for is_open, own, other in ((open_forward, forward, backward), (open_backward, backward, forward)):
        if is_open and own is not None:
            tally.both_speeds += 1
        elif is_open and other is not None:
            tally.other_direction += 1
    if forward is None and backward is None:
        tally.class_default += 1
    return NvdbLink(road_class, _ONEWAY_TEXT[direction], forward if forward is not None else backward,
                    backward if backward is not None else forward, False, motorway)


def lengths_differ(geometry_length_m: float, extlen: Any) -> bool:
    """True when NVDB's own length (extlen, metres) and the geometry's disagree (wrong CRS or units)."""
    try:
        reference = float(extlen)
    except (TypeError, ValueError):
        return False
    if not math.isfinite(reference) or reference <= 0:
        return False
    difference = abs(geometry_length_m - reference)
    return difference > 5.0 and difference > 0.05 * reference


def find_field(names: list[str], candidates: tuple[str, ...]) -> str | None:
    lower = {n.lower(): n for n in names}
    for candidate in candidates:
        if candidate in lower:
            return lower[candidate]
    return None


def _int(value: Any) -> int | None:
    try:
        return None if value is None or value == "" else int(float(value))
    except (TypeError, ValueError):
        return None


def is_removed(remove_code: Any) -> bool:
    """9000-series RemoveCode marks roads Tillväxtverket took out of the network (some ferries among them)."""
    code = _int(remove_code)
    return code is not None and 9000 <= code <= 9999


def network_kept(network_grp: Any, keep: str) -> bool:
    """networkGrp: 0 = main connected network, -1 = loose road, >0 = island network."""
    group = _int(network_grp)
    if keep == "main":
        return group == 0
    if keep == "no_loose":
        return group != -1
    return True


def nvdb_class(value: Any) -> str | None:
    """NVDB functional class 0–9 as the speed table's 'nvdb:N' (or the value itself if it is not 0–9)."""
    if value is None or value == "":
        return None
    key = normalise_class(value)
    return key


def nvdb_mode_allowed(road_class: str | None, mode: str, table: SpeedTable) -> bool:
    return road_class is None or table.class_speed_kmh(normalise_class(road_class), mode) is not None


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"Unknown mode {mode!r}")
    return mode
