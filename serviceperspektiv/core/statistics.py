"""Travel-time classes, population shares, weighted percentiles and service gaps (pure numpy).

Every table built here adds up: the population of all classes plus the population that cannot
reach a service equals the total population, so a planner can check the figures against Pipos.
"""
from __future__ import annotations

import fnmatch
import math
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

DEFAULT_MINUTE_CLASSES = (5.0, 10.0, 20.0, 30.0)
# Tillväxtverket's car travel-time classes (< 5, 5–10, 10–30, > 30 minutes), as in its reports and Pipos.
TVV_MINUTE_CLASSES = (5.0, 10.0, 30.0)
DEFAULT_KM_CLASSES = (5.0, 10.0, 25.0)
UNREACHABLE = "unreachable"
UNITS = ("min", "km")

# Tillväxtverket: more than 10 minutes to groceries is a gap; the payment services act
# (lag 2010:751 om betaltjänster, Post- och telestyrelsen's assessment) uses 25 km for cash and payments.
DEFAULT_THRESHOLDS = "dagligvaror*=10min, kontant*=25km, betal*=25km, *=10min"


class StatisticsError(ValueError):
    """A class or threshold specification cannot be read."""


def parse_limits(text: str | Sequence[float], unit: str = "min") -> tuple[float, ...]:
    """'5,10,20,30' -> (5.0, 10.0, 20.0, 30.0); empty -> the unit's default classes."""
    if isinstance(text, str):
        parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
        if not parts:
            return DEFAULT_KM_CLASSES if unit == "km" else DEFAULT_MINUTE_CLASSES
        try:
            values = [float(p) for p in parts]
        except ValueError:
            raise StatisticsError(f"the class limits '{text}' are not numbers separated by commas") from None
    else:
        values = [float(v) for v in text]
    if any(not math.isfinite(v) or v <= 0 for v in values):
        raise StatisticsError("class limits must be positive numbers")
    if any(b <= a for a, b in zip(values, values[1:])):
        raise StatisticsError("class limits must be strictly increasing")
    return tuple(values)


def _fmt(value: float) -> str:
    return f"{value:g}"


def class_labels(limits: Sequence[float]) -> list[str]:
    """(5, 10) -> ['< 5', '5–10', '> 10'] (half-open: a value of exactly 5 is in '5–10')."""
    if not limits:
        return ["all"]
    labels = [f"< {_fmt(limits[0])}"]
    labels += [f"{_fmt(a)}–{_fmt(b)}" for a, b in zip(limits, limits[1:])]
    labels.append(f"> {_fmt(limits[-1])}")
    return labels


def classify(values: np.ndarray, limits: Sequence[float]) -> np.ndarray:
    """Class index per value (0 .. len(limits)); -1 for NaN (cannot reach a service)."""
    values = np.asarray(values, dtype=float)
    index = np.searchsorted(np.asarray(limits, dtype=float), values, side="right")
    return np.where(np.isfinite(values), index, -1)


def clean_population(population: Optional[np.ndarray], n: int) -> tuple[np.ndarray, int]:
    """Population with NULL/NaN as 0 (counted, so the caller can warn); ones when no field."""
    if population is None:
        return np.ones(n), 0
    population = np.asarray(population, dtype=float)
    missing = ~np.isfinite(population)
    return np.where(missing, 0.0, population), int(missing.sum())


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """Smallest value whose cumulative weight reaches ``q`` of the total (NaN values ignored).

    With all weights equal this is the lower empirical quantile; a cell with no people does not
    move the median, which is what a population-weighted figure should do.
    """
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    keep = np.isfinite(values) & np.isfinite(weights) & (weights > 0)
    if not keep.any():
        return float("nan")
    v, w = values[keep], weights[keep]
    order = np.argsort(v, kind="stable")
    v, w = v[order], w[order]
    cumulative = np.cumsum(w)
    target = q * cumulative[-1]
    # A small tolerance so that q=0.5 over two equal weights picks the first, not the second.
    i = int(np.searchsorted(cumulative, target - 1e-9 * cumulative[-1], side="left"))
    return float(v[min(i, len(v) - 1)])


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> float:
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    keep = np.isfinite(values) & np.isfinite(weights) & (weights > 0)
    if not keep.any():
        return float("nan")
    return float(np.average(values[keep], weights=weights[keep]))


@dataclass
class ClassRow:
    label: str
    cells: int
    population: float
    share_pct: float
    age_population: Optional[float] = None
    age_share_pct: Optional[float] = None


def class_table(values: np.ndarray, population: np.ndarray, limits: Sequence[float],
                age_population: Optional[np.ndarray] = None) -> list[ClassRow]:
    """One row per class plus an 'unreachable' row; the rows add up to the totals exactly."""
    values = np.asarray(values, dtype=float)
    population = np.asarray(population, dtype=float)
    index = classify(values, limits)
    total = float(population.sum())
    age_total = float(age_population.sum()) if age_population is not None else None
    rows = []
    labels = class_labels(limits)
    for i, label in [(i, lab) for i, lab in enumerate(labels)] + [(-1, UNREACHABLE)]:
        mask = index == i
        pop = float(population[mask].sum())
        row = ClassRow(label, int(mask.sum()), pop, 100.0 * pop / total if total > 0 else 0.0)
        if age_population is not None:
            age = float(age_population[mask].sum())
            row.age_population = age
            row.age_share_pct = 100.0 * age / age_total if age_total else 0.0
        rows.append(row)
    return rows


@dataclass
class Threshold:
    value: float
    unit: str  # "min" or "km"

    def label(self) -> str:
        return f"{_fmt(self.value)} {self.unit}"


@dataclass
class ThresholdRules:
    """Per-type thresholds: ordered (pattern, Threshold) rules, the first match wins."""

    rules: list[tuple[str, Threshold]] = field(default_factory=list)

    def for_type(self, key: str) -> Threshold:
        for pattern, threshold in self.rules:
            if fnmatch.fnmatchcase(key, pattern):
                return threshold
        return Threshold(10.0, "min")


def _parse_threshold(text: str, default_unit: str) -> Threshold:
    text = text.strip().lower().replace(" ", "")
    unit = default_unit
    for suffix, name in (("minutes", "min"), ("min", "min"), ("km", "km")):
        if text.endswith(suffix):
            text, unit = text[: -len(suffix)], name
            break
    try:
        value = float(text)
    except ValueError:
        raise StatisticsError(f"'{text}' is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise StatisticsError("a threshold must be a positive number")
    return Threshold(value, unit)


def parse_thresholds(text: str, default_unit: str = "min") -> ThresholdRules:
    """'10' (every type), or 'dagligvaror*=10min, kontantuttag=25km, *=15'; empty -> the defaults.

    Rules are tried in order and the first matching type pattern wins; a rule without '=' applies
    to every type not matched before it.
    """
    text = (text or "").strip() or DEFAULT_THRESHOLDS
    rules: list[tuple[str, Threshold]] = []
    for part in [p for p in text.replace(";", ",").split(",") if p.strip()]:
        if "=" in part:
            pattern, value = part.split("=", 1)
            pattern = pattern.strip().lower() or "*"
        else:
            pattern, value = "*", part
        try:
            rules.append((pattern, _parse_threshold(value, default_unit)))
        except StatisticsError as error:
            raise StatisticsError(f"threshold '{part.strip()}': {error}") from None
    return ThresholdRules(rules)


def gap_mask(minutes: np.ndarray, km: np.ndarray, threshold: Threshold) -> np.ndarray:
    """In a gap: farther than the threshold, or no service reachable at all."""
    values = np.asarray(km if threshold.unit == "km" else minutes, dtype=float)
    with np.errstate(invalid="ignore"):
        return ~np.isfinite(values) | (values > threshold.value)


@dataclass
class TypeSummary:
    type: str
    threshold: Threshold
    cells: int
    population_total: float
    population_reached: float
    population_gap: float
    gap_share_pct: float
    median_min: float
    p90_min: float
    mean_min: float
    median_km: float
    p90_km: float
    mean_km: float
    age_population_gap: Optional[float] = None


def summarise(key: str, minutes: np.ndarray, km: np.ndarray, population: np.ndarray, threshold: Threshold,
              age_population: Optional[np.ndarray] = None) -> TypeSummary:
    """Population reached and in a gap, with population-weighted median, 90th percentile and mean."""
    minutes = np.asarray(minutes, dtype=float)
    km = np.asarray(km, dtype=float)
    population = np.asarray(population, dtype=float)
    gap = gap_mask(minutes, km, threshold)
    total = float(population.sum())
    reached = float(population[np.isfinite(minutes)].sum())
    in_gap = float(population[gap].sum())
    return TypeSummary(
        type=key, threshold=threshold, cells=len(minutes), population_total=total,
        population_reached=reached, population_gap=in_gap,
        gap_share_pct=100.0 * in_gap / total if total > 0 else 0.0,
        median_min=weighted_quantile(minutes, population, 0.5),
        p90_min=weighted_quantile(minutes, population, 0.9),
        mean_min=weighted_mean(minutes, population),
        median_km=weighted_quantile(km, population, 0.5),
        p90_km=weighted_quantile(km, population, 0.9),
        mean_km=weighted_mean(km, population),
        age_population_gap=float(age_population[gap].sum()) if age_population is not None else None,
    )
