"""Road attributes for the engine (class, speed, one-way) from OSM tags and NVDB rows, per mode.

QGIS-free. The routable classes per mode come from the engine's own speed table, so a road is
fetched exactly when ``nearestservice`` would use it.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

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
                  if ":" not in k and k not in {"default", "built_up", "rural"} and k not in NOT_ROUTABLE
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
# Tillväxtverket's processed NVDB GeoPackage. Column names differ between NVDB exports, so each
# attribute is looked for under several names (case-insensitive); the log says which was used.
NVDB_CLASS_FIELDS = ("klass", "funkvagklass", "funktionell_vagklass", "funk_vagklass", "klass_181", "fc", "class",
                     "highway")
NVDB_SPEED_FIELDS = ("hastighet", "hastighetsgrans", "hogsta_hastighet", "f_hogst_225", "hogst_225", "hast",
                     "maxspeed", "speed")
NVDB_DIRECTION_FIELDS = ("korriktning", "forbjuden_fardriktning", "riktning", "oneway", "direction")
NETWORK_KEEP = ("all", "no_loose", "main")  # index = the NETWORK parameter


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
