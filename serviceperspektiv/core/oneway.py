"""Travel direction codes from OSM ``oneway=*`` and NVDB-style direction fields."""
from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from .values import map_values

BOTH = 0
FORWARD = 1  # only in digitising direction
BACKWARD = -1  # only against digitising direction
CLOSED = 2  # neither direction

_FORWARD = {"yes", "1", "true", "t", "y", "forward", "ft", "med", "medriktning", "med riktning", "fram"}
_BACKWARD = {"-1", "reverse", "backward", "tf", "mot", "motriktning", "mot riktning", "bak"}
_BOTH = {"", "no", "0", "false", "f", "n", "both", "b", "bada", "båda", "alternating", "reversible", "null", "none"}
_CLOSED = {"closed", "stangd", "stängd", "none_allowed"}


def parse_direction(value: Any) -> int:
    """One value to BOTH/FORWARD/BACKWARD/CLOSED; unknown text means both directions."""
    if value is None:
        return BOTH
    if isinstance(value, bool):
        return FORWARD if value else BOTH
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return BOTH
        if value == 1:
            return FORWARD
        if value == -1:
            return BACKWARD
        return BOTH
    text = str(value).strip().lower()
    if text in _FORWARD:
        return FORWARD
    if text in _BACKWARD:
        return BACKWARD
    if text in _CLOSED:
        return CLOSED
    return BOTH


def parse_directions(values: Sequence[Any]) -> np.ndarray:
    return map_values(values, parse_direction, np.int8)


_TRUE = {"1", "true", "t", "yes", "y", "ja", "sant", "-1"}


def is_true(value: Any) -> bool:
    """A boolean attribute as GDAL/SQLite give it (1/0, 'true'/'false', NULL = false)."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return not (isinstance(value, float) and math.isnan(value)) and value != 0
    return str(value).strip().lower() in _TRUE


def direction_from_prohibited(forward_prohibited: Any, backward_prohibited: Any) -> int:
    """NVDB's pair 'Förbjuden färdriktning (F)/(B)' as a direction code.

    F true: travel along the digitised direction is prohibited, so only BACKWARD remains; B true:
    only FORWARD; both: CLOSED (Tillväxtverket's loader skips such links); neither: BOTH.
    """
    f, b = is_true(forward_prohibited), is_true(backward_prohibited)
    if f and b:
        return CLOSED
    if f:
        return BACKWARD
    if b:
        return FORWARD
    return BOTH
