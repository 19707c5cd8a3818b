"""Road-class speed defaults per travel mode, read from ``data/road_speeds.json``."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import numpy as np

from ..adapters.resources import data_path

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
    speed_kmh: np.ndarray  # NaN where the mode may not use the road
    n_defaulted: int  # roads whose speed field was NULL/non-positive and got the class default
    n_excluded: int  # roads the mode may not use


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
    class_keys: Iterable[str] = (normalise_class(c) for c in classes) if classes is not None else ("default",) * count
    speeds = np.empty(count, dtype=float)
    defaulted = 0
    excluded = 0
    for i, key in enumerate(class_keys):
        class_speed = table.class_speed_kmh(key, mode)
        if class_speed is None:
            speeds[i] = math.nan
            excluded += 1
            continue
        if speed_values is not None and mode == "car":
            field_speed = _as_speed(speed_values[i])
            if math.isnan(field_speed):
                defaulted += 1
                speeds[i] = class_speed
            else:
                speeds[i] = field_speed
        else:
            speeds[i] = class_speed
    return ResolvedSpeeds(speeds, defaulted, excluded)
