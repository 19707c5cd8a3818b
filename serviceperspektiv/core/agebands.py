"""Age-band fields of a population grid, grouped into the age groups of a place analysis.

Pure Python. Real grids name their bands in several ways, and every spelling below is read:

- SCB's 1 km grid after the plugin's fetch: ``age_0_4 … age_95_99, age_100plus``;
- SCB's raw WFS columns: ``ald0_4 … ald95_99, ald100w`` (2025), and the older vintages'
  ``ald0_5 … ald95_100`` for the same bands (labelled by lower bound: ``ald0_5`` is 0–4);
- other products and the bundled demo data: ``age_0_6, age_7_15, age_16_19, age_20_64,
  age_65_69, age_70_79, age_80_plus`` (inclusive bounds, ``_plus``/``plus``/``+`` open-ended).

A grid's bands are usable when one family of them (same prefix) covers every age from 0 up to an
open-ended band without gaps or overlaps, and no band straddles a group boundary (20, 65, 80).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

# (field-name suffix, lowest age, highest age or None = and older). The names are stable ASCII.
AGE_GROUPS: tuple[tuple[str, int, Optional[int]], ...] = (
    ("0_19", 0, 19),
    ("20_64", 20, 64),
    ("65_79", 65, 79),
    ("80plus", 80, None),
)
AGE_GROUP_LABELS = ("0–19", "20–64", "65–79", "80+")

_BAND = re.compile(r"^(ald(?:er)?|age)_?(\d{1,3})(?:[_-](\d{1,3}))?[_-]?(plus|\+|w)?$")


class AgeBandError(ValueError):
    """The grid's age fields cannot be grouped. ``kind`` and ``field``/``age`` say why (for translated messages).

    Kinds: 'gap', 'overlap' (at ``age``, by ``field``), 'open_not_last', 'no_open' (the bands end at
    ``age``), 'straddle' (``field`` crosses 20, 65 or 80).
    """

    def __init__(self, kind: str, field: str = "", age: int = 0, message: str = "") -> None:
        super().__init__(message or f"{kind}: {field} {age}")
        self.kind = kind
        self.field = field
        self.age = age


def band_bounds(name: str) -> Optional[tuple[str, int, Optional[int]]]:
    """(family prefix, lowest age, highest age or None when open-ended); None if not an age band."""
    match = _BAND.match(name.strip().lower())
    if not match:
        return None
    prefix, low, high, tail = match.group(1), int(match.group(2)), match.group(3), match.group(4)
    family = "ald" if prefix.startswith("ald") else prefix
    if high is None:
        return (family, low, None) if tail else None
    if tail:
        return None  # 'age_80_90plus' is no band we know
    high_age = int(high)
    if family == "ald" and high_age - low == 5 and low % 5 == 0:
        high_age -= 1  # SCB's older vintages: ald0_5 is 0–4, ald95_100 is 95–99
    return (family, low, high_age) if high_age >= low else None


@dataclass
class AgeGrouping:
    """Which fields sum to each age group (in AGE_GROUPS order)."""

    fields: list[list[str]]
    family: str
    skipped_families: list[str] = field(default_factory=list)  # other spellings present but not used

    @property
    def all_fields(self) -> list[str]:
        return [name for group in self.fields for name in group]


def _family_grouping(bands: list[tuple[str, int, Optional[int]]], family: str) -> AgeGrouping:
    bands = sorted(bands, key=lambda b: b[1])
    expected = 0
    for name, low, high in bands:
        if low != expected:
            kind = "gap" if low > expected else "overlap"
            what = "a gap" if kind == "gap" else "an overlap"
            raise AgeBandError(kind, name, expected,
                               f"the age fields {family}* have {what} at age {expected} ('{name}' starts at {low})")
        if high is None:
            if name != bands[-1][0]:
                raise AgeBandError("open_not_last", name, low, f"the open-ended age field '{name}' is not the oldest band")
            expected = -1
            break
        expected = high + 1
    if expected != -1:
        raise AgeBandError("no_open", bands[-1][0], expected - 1,
                           f"the age fields {family}* end at age {expected - 1} without an open-ended band "
                           "(such as age_100plus), so the oldest are missing")
    groups: list[list[str]] = [[] for _ in AGE_GROUPS]
    for name, low, high in bands:
        for g, (_suffix, g_low, g_high) in enumerate(AGE_GROUPS):
            top = high if high is not None else 10**6
            g_top = g_high if g_high is not None else 10**6
            if low >= g_low and top <= g_top:
                groups[g].append(name)
                break
        else:
            raise AgeBandError("straddle", name, low, f"the age field '{name}' straddles a group boundary (20, 65 "
                               "or 80 years), so the groups 0–19, 20–64, 65–79 and 80+ cannot be formed")
    return AgeGrouping(groups, family)


def group_age_fields(names: Sequence[str]) -> Optional[AgeGrouping]:
    """The grouping of a layer's age-band fields; None when the layer has none.

    Raises AgeBandError when it has age fields but they cannot be grouped (the message says why).
    With several families (e.g. both ``age_*`` and SCB's raw ``ald*``), the first complete one in the
    order age, ald is used.
    """
    families: dict[str, list[tuple[str, int, Optional[int]]]] = {}
    for name in names:
        bounds = band_bounds(name)
        if bounds is not None:
            families.setdefault(bounds[0], []).append((name, bounds[1], bounds[2]))
    if not families:
        return None
    first_error: Optional[AgeBandError] = None
    for family in sorted(families, key=lambda f: 0 if f == "age" else 1):
        try:
            grouping = _family_grouping(families[family], family)
        except AgeBandError as error:
            first_error = first_error or error
            continue
        grouping.skipped_families = sorted(f for f in families if f != family)
        return grouping
    assert first_error is not None
    raise first_error
