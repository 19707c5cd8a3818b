"""Travel direction codes from OSM ``oneway=*`` and NVDB-style direction fields."""
from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

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
    return np.fromiter((parse_direction(v) for v in values), dtype=np.int8, count=len(values))
