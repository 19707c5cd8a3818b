"""Road-class speed defaults per travel mode, read from ``data/road_speeds.json``."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np

from ..adapters.resources import data_path
from .values import map_values, plain_floats

MODES: tuple[str, ...] = ("car", "bike", "walk")
DEFAULT_TABLE_PATH = data_path("road_speeds.json")

_NVDB_PATTERN = re.compile(r"^(?:nvdb[:_ ]?|klass\s*|fc\s*)?([0-9])$")


@dataclass(frozen=True)
class SpeedTable:
    """Speeds in km/h per (class, mode); ``None`` means the mode may not use the class."""

    classes: dict[str, dict[str, Optional[float]]]
    modes: dict[str, dict[str, float]]

    def access_speed_kmh(self, mode: str) -> float:
        return float(self.modes[check_mode(mode)]["access_speed_kmh"])

    def default_speed_kmh(self, mode: str) -> float:
        return float(self.modes[check_mode(mode)]["default_speed_kmh"])

    def class_speed_kmh(self, road_class: str, mode: str) -> Optional[float]:
        """Speed for a normalised class; unknown classes get the 'default' row."""
        row = self.classes.get(road_class) or self.classes["default"]
        value = row.get(mode)
        return None if value is None else float(value)


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"Unknown mode {mode!r}; expected one of {', '.join(MODES)}")
    return mode


def load_speed_table(path: Optional[Path] = None) -> SpeedTable:
    with open(path or DEFAULT_TABLE_PATH, encoding="utf-8") as handle:
        raw = json.load(handle)
    classes = {str(k).lower(): v for k, v in raw["classes"].items()}
    if "default" not in classes:
        raise ValueError("The speed table needs a 'default' class row")
    return SpeedTable(classes=classes, modes=raw["modes"])


def normalise_class(value: Any) -> str:
    """Map a class attribute (OSM highway value, NVDB functional class 0-9, ...) to a table key."""
    if value is None:
        return "default"
    if isinstance(value, float):
        if math.isnan(value):
            return "default"
        if value.is_integer():
            value = int(value)
    text = str(value).strip().lower()
    if not text or text in {"null", "none"}:
        return "default"
    if text.startswith("highway="):
        text = text[len("highway="):]
    match = _NVDB_PATTERN.match(text)
    if match:
        return f"nvdb:{match.group(1)}"
    return text


def _as_speed(value: Any) -> float:
    try:
        speed = float(value)
    except (TypeError, ValueError):
        return math.nan
    return speed if speed > 0 and math.isfinite(speed) else math.nan


@dataclass
class ResolvedSpeeds:
    speed_kmh: np.ndarray  # NaN where the mode may not use the road; (n, 2) forward/backward when directional
    n_defaulted: int  # roads whose speed field was NULL/non-positive and got the class default
    n_excluded: int  # roads the mode may not use
    n_other_direction: int = 0  # directional: open directions that took the other direction's speed


def resolve_speeds(
    classes: Optional[Sequence[Any]],
    speed_values: Optional[Sequence[Any]],
    mode: str,
    table: Optional[SpeedTable] = None,
    n_roads: Optional[int] = None,
) -> ResolvedSpeeds:
    """Speed per road for ``mode``.

    The speed field is a vehicle speed (posted limit), so it is used for car only; bike and walk
    use the table. A class the mode may not use excludes the road whatever its speed field says.
    """
    table = table or load_speed_table()
    check_mode(mode)
    count = n_roads if n_roads is not None else len(classes if classes is not None else speed_values)

    def class_speed(value: Any) -> float:
        speed = table.class_speed_kmh(normalise_class(value), mode)
        return math.nan if speed is None else speed

    if classes is not None:
        by_class = map_values(classes, class_speed)
    else:
        by_class = np.full(count, class_speed(None))
    excluded = np.isnan(by_class)
    speeds = by_class
    defaulted = 0
    if speed_values is not None and mode == "car":
        field = _speed_array(speed_values, count)
        use_class = np.isnan(field) & ~excluded
        defaulted = int(use_class.sum())
        speeds = np.where(excluded | use_class, by_class, field)
    return ResolvedSpeeds(speeds, defaulted, int(excluded.sum()))


def _speed_array(values: Optional[Sequence[Any]], count: int) -> np.ndarray:
    """Positive finite speeds as floats, NaN for NULL, zero, negative or unreadable values."""
    if values is None:
        return np.full(count, np.nan)
    out = plain_floats(values)
    if out is None:  # text, NULL objects, ...: exactly as one value at a time
        out = map_values(values, _as_speed)
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(out) & (out > 0), out, np.nan)


def resolve_directional_speeds(
    classes: Optional[Sequence[Any]],
    forward_values: Optional[Sequence[Any]],
    backward_values: Optional[Sequence[Any]],
    mode: str,
    direction: np.ndarray,
    table: Optional[SpeedTable] = None,
) -> ResolvedSpeeds:
    """(forward, backward) speed per road for ``mode``: an (n, 2) array for ``build_network``.

    Forward travel (along the digitised direction) uses the forward speed, backward travel the
    backward speed. An open direction without a usable speed takes the other direction's speed,
    then the class default; the counts say how often (only open directions count: a NULL speed on
    a prohibited direction is normal). As in ``resolve_speeds``, field speeds are car speeds; bike
    and walk use the table, and a class the mode may not use excludes the road.
    """
    from .oneway import BACKWARD, BOTH, FORWARD

    direction = np.asarray(direction, dtype=np.int8)
    count = len(direction)
    base = resolve_speeds(classes, None, mode, table, n_roads=count)
    class_speed = base.speed_kmh
    allowed = np.isfinite(class_speed)
    if mode != "car" or (forward_values is None and backward_values is None):
        both = np.column_stack([class_speed, class_speed])
        return ResolvedSpeeds(both, 0, base.n_excluded)
    fwd = _speed_array(forward_values, count)
    bwd = _speed_array(backward_values, count)
    open_fwd = allowed & ((direction == BOTH) | (direction == FORWARD))
    open_bwd = allowed & ((direction == BOTH) | (direction == BACKWARD))
    fwd_other = np.isnan(fwd) & ~np.isnan(bwd)
    bwd_other = np.isnan(bwd) & ~np.isnan(fwd)
    fwd_final = np.where(np.isnan(fwd), np.where(np.isnan(bwd), class_speed, bwd), fwd)
    bwd_final = np.where(np.isnan(bwd), np.where(np.isnan(fwd), class_speed, fwd), bwd)
    neither = np.isnan(fwd) & np.isnan(bwd)
    n_other = int((open_fwd & fwd_other).sum() + (open_bwd & bwd_other).sum())
    n_default = int((neither & (open_fwd | open_bwd)).sum())
    speeds = np.column_stack([np.where(allowed, fwd_final, np.nan), np.where(allowed, bwd_final, np.nan)])
    return ResolvedSpeeds(speeds, n_default, base.n_excluded, n_other)
