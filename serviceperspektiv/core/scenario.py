"""Scenarios: close, add or move service points and compare with the current state (pure numpy).

All points live in one combined index space, so one access graph answers both states:
``[0, n)`` the existing services, ``[n, n + m)`` the moved points at their new places and
``[n + m, n + m + a)`` the added points. Only the types a change touches are recomputed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from .accessibility import NearestResult

KEPT, REMOVED, MOVED_FROM, MOVED_TO, ADDED = "kept", "removed", "moved_from", "moved_to", "added"
REACHABLE = "reachable"


class ScenarioError(ValueError):
    """A change refers to something that does not exist, or contradicts another change."""


def parse_ids(text: str) -> list[int]:
    """'3, 7;12' -> [3, 7, 12]."""
    ids = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            ids.append(int(float(part)))
        except ValueError:
            raise ScenarioError(f"'{part}' is not a feature id") from None
    return ids


@dataclass
class ScenarioPlan:
    existing_types: list[Optional[str]]  # type key per existing service (None = not analysed)
    remove: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # indices of existing
    move_targets: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # index of existing, per move
    add_types: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.remove = np.unique(np.asarray(self.remove, dtype=np.int64))
        self.move_targets = np.asarray(self.move_targets, dtype=np.int64)
        n = len(self.existing_types)
        for name, values in (("remove", self.remove), ("move", self.move_targets)):
            if len(values) and (values.min() < 0 or values.max() >= n):
                raise ScenarioError(f"{name}: index out of range")
        if len(np.unique(self.move_targets)) != len(self.move_targets):
            raise ScenarioError("a service is moved more than once")
        both = np.intersect1d(self.remove, self.move_targets)
        if len(both):
            raise ScenarioError("a service is both closed and moved")

    @property
    def n_existing(self) -> int:
        return len(self.existing_types)

    @property
    def n_total(self) -> int:
        return self.n_existing + len(self.move_targets) + len(self.add_types)

    def types(self) -> list[Optional[str]]:
        """Type per point of the combined index space."""
        moved = [self.existing_types[i] for i in self.move_targets]
        return list(self.existing_types) + moved + list(self.add_types)

    def status(self) -> list[str]:
        out = [KEPT] * self.n_existing
        for i in self.remove:
            out[i] = REMOVED
        for i in self.move_targets:
            out[i] = MOVED_FROM
        return out + [MOVED_TO] * len(self.move_targets) + [ADDED] * len(self.add_types)

    def affected_types(self) -> list[str]:
        keys = {self.existing_types[i] for i in self.remove} | {self.existing_types[i] for i in self.move_targets}
        keys |= set(self.add_types)
        return sorted(k for k in keys if k is not None)

    def before(self, key: str) -> np.ndarray:
        return np.array([i for i, k in enumerate(self.existing_types) if k == key], dtype=np.int64)

    def after(self, key: str) -> np.ndarray:
        status = self.status()
        return np.array([i for i, (k, s) in enumerate(zip(self.types(), status))
                         if k == key and s in (KEPT, MOVED_TO, ADDED)], dtype=np.int64)


@dataclass
class CrossingRow:
    limit_label: str  # '10' for the 10-minute limit, or REACHABLE
    limit: float
    worse_cells: int
    worse_population: float
    better_cells: int
    better_population: float


def threshold_crossings(before: np.ndarray, after: np.ndarray, population: np.ndarray,
                        limits: Sequence[float]) -> list[CrossingRow]:
    """Per limit L: who goes from under L to L or more (worse), and back (better).

    Unreachable counts as infinitely far, so losing every service crosses every limit above the
    old time; the REACHABLE row counts those who lose (or gain) any access at all.
    """
    b = np.where(np.isfinite(before), before, np.inf)
    a = np.where(np.isfinite(after), after, np.inf)
    population = np.asarray(population, dtype=float)
    rows = []
    for limit in list(limits) + [np.inf]:
        if np.isinf(limit):
            worse = np.isfinite(b) & ~np.isfinite(a)
            better = ~np.isfinite(b) & np.isfinite(a)
            label = REACHABLE
        else:
            worse = (b < limit) & (a >= limit)
            better = (a < limit) & (b >= limit)
            label = f"{limit:g}"
        rows.append(CrossingRow(label, float(limit), int(worse.sum()), float(population[worse].sum()),
                                int(better.sum()), float(population[better].sum())))
    return rows


@dataclass
class Comparison:
    before: NearestResult
    after: NearestResult

    @property
    def delta_min(self) -> np.ndarray:
        """After minus before; NaN where either state reaches nothing."""
        return self.after.minutes - self.before.minutes

    @property
    def delta_km(self) -> np.ndarray:
        return self.after.km - self.before.km
