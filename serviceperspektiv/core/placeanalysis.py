"""Nulägesanalys for places: who lives there, which services are there, the local underlag, compared.

Pure numpy (no QGIS). Everything shared is computed once for all places: one access graph, one
nearest search per service type for every origin, one allocation per type, and one bounded
search per place for its travel-time bands. Per-place numbers are then read from those arrays.
Extra searches run only where a place has service points of a type inside it: one without the
place's points (the nearest point outside, and what happens if they all close) and, where a
place has several points of a type, what happens if each one closes on its own.

Index spaces (the caller builds one AccessGraph for all of them):

- origins ``[0, n_cells)`` are the population cells; further origins (the places' representative
  points) follow them;
- services ``[0, n_existing)`` are the existing service points, ``[n_existing, n_total)`` the
  scenario's moved and added points (core/scenario.py), then the places' anchor points.

Definitions (docs/placeanalysis.md says more):

- a cell or service point is *in* a place when its representative point lies inside the polygon;
- the *travel time to a place* from a cell is the network travel time to the nearest point where
  the road network enters the place (its anchors: the crossings of the place's boundary, or its
  representative point when no road crosses it); a cell whose own road attachment lies inside the
  place is at the place after its access leg; cells inside the place count in every band;
- the residents' figures (mean, median, classes) are population-weighted over the cells inside;
  a place without residents is measured from its representative point instead.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

import numpy as np

from . import statistics as st
from .accessibility import AccessGraph, NearestResult
from .allocation import allocate, second_nearest, sperner_codes
from .scenario import ScenarioPlan

# Tillväxtverket's travel-time classes (core/statistics.py; definitions.TVV_CLASS_LIMITS for the UI).
TVV_CLASS_LIMITS: tuple[float, ...] = st.TVV_MINUTE_CLASSES
CLASS_KEYS: tuple[str, ...] = ("lt5", "5_10", "10_30", "gt30", "none")  # field-name parts, "none" = unreachable
GAP_MINUTES = 10.0  # Tillväxtverket: more than 10 minutes to groceries is a service gap
FROM_POPULATION, FROM_POINT, FROM_NOTHING = "population", "representative_point", "none"


class Cancelled(Exception):
    """The caller's progress callback asked to stop."""


@dataclass
class Place:
    """One place (polygon) in the index spaces above."""

    name: str
    cells: np.ndarray  # origin indices of the cells inside
    inside: np.ndarray  # bool over services [0, n_total): the point lies inside
    anchors: np.ndarray  # service indices (in the graph) of the place's anchor points; may be empty
    rep_origin: int = -1  # origin index of the representative point in the graph; -1 when not attached
    entry_cells: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # outside, road entry inside
    entry_minutes: np.ndarray = field(default_factory=lambda: np.zeros(0))  # their access leg (minutes)


@dataclass
class Access:
    """Travel time of a group to the nearest point of one type."""

    population: float
    mean_min: float
    median_min: float
    mean_km: float
    median_km: float
    class_population: np.ndarray  # per TVV class, then unreachable (len(limits) + 2)
    class_share: np.ndarray  # percent of ``population``; NaN when measured from a point
    measured_from: str

    def share(self, key: str) -> float:
        return float(self.class_share[CLASS_KEYS.index(key)])

    @property
    def share_over_gap(self) -> float:
        """Percent with more than 10 minutes or no service at all (Tillväxtverket's gap for groceries)."""
        return float(self.class_share[2:].sum())


@dataclass
class Zone:
    """The population inside the place (limit None) or within a band's minutes of it (cumulative)."""

    limit_min: Optional[float]
    population: float
    cells: int
    ages: Optional[np.ndarray]  # population per age group (core/agebands.AGE_GROUPS), or None


@dataclass
class PointResult:
    """A service point inside a place: its underlag and what its people would face if it closed."""

    place: int
    key: str
    service: int  # index in the combined service space
    status: str  # core/scenario statuses ('kept' without a scenario)
    population: float  # allocated population (the underlag); NaN for new points without a before state
    cells: int
    population_inside: float  # of which living inside the place
    mean_min: float
    max_min: float
    closed_mean_min: float  # the same people's mean time to the nearest other point of the type
    closed_mean_km: float
    closed_no_service: float  # of them, the population with no other point of the type at all
    population_after: float = float("nan")  # scenario: allocated population after the change


@dataclass
class ScenarioTypeResult:
    inside_points: np.ndarray  # combined service indices of the type inside the place after the change
    access: Access
    underlag_population: float

    def delta_mean(self, before: Access) -> float:
        return self.access.mean_min - before.mean_min


@dataclass
class TypeResult:
    key: str
    inside_points: np.ndarray  # existing service indices of the type inside the place
    access: Access  # the residents (or representative point) to the nearest point of the type
    nearest_out: int  # the outside point that is nearest for most of the place's people (-1 none)
    nearest_out_min: float  # population-weighted median minutes to the nearest point outside
    nearest_out_km: float
    underlag_population: float  # population allocated to the points inside
    underlag_cells: int
    underlag_inside: float  # of which living inside the place
    closed_mean_min: float  # the underlag's mean time if every point of the type inside closed
    closed_mean_km: float
    closed_no_service: float
    scenario: Optional[ScenarioTypeResult] = None


@dataclass
class PlaceResult:
    name: str
    zones: list[Zone]  # inside first, then one per band
    types: dict[str, TypeResult]

    @property
    def inside(self) -> Zone:
        return self.zones[0]


@dataclass
class PlaceAnalysis:
    places: list[PlaceResult]
    points: list[PointResult]
    municipality: dict[str, Access]
    municipality_after: dict[str, Access]
    bands: tuple[float, ...]
    limits: tuple[float, ...]
    affected: list[str]
    has_ages: bool
    searches: int  # shortest-path searches run (for the log and the benchmark)
    minutes: dict[str, np.ndarray] = field(default_factory=dict)  # per type, each cell's minutes (maps)


# -- small pure helpers ---------------------------------------------------------------------------
def access_of(minutes: np.ndarray, km: np.ndarray, idx: np.ndarray, weights: np.ndarray,
              measured_from: str, limits: Sequence[float] = TVV_CLASS_LIMITS) -> Access:
    """Population-weighted figures of the origins ``idx`` (statistics as servicegaps computes them)."""
    n_classes = len(limits) + 2
    if measured_from == FROM_NOTHING or len(idx) == 0:
        nan = float("nan")
        return Access(0.0, nan, nan, nan, nan, np.zeros(n_classes), np.full(n_classes, np.nan), FROM_NOTHING)
    m, k, w = minutes[idx], km[idx], np.asarray(weights, dtype=float)
    rows = st.class_table(m, w, limits)
    pops = np.array([r.population for r in rows])
    shares = np.array([r.share_pct for r in rows]) if measured_from == FROM_POPULATION else np.full(n_classes, np.nan)
    return Access(float(w.sum()) if measured_from == FROM_POPULATION else 0.0,
                  st.weighted_mean(m, w), st.weighted_quantile(m, w, 0.5),
                  st.weighted_mean(k, w), st.weighted_quantile(k, w, 0.5), pops, shares, measured_from)


def mean_as_allocation(values: np.ndarray, weights: np.ndarray) -> float:
    """Population-weighted mean of the finite values; the plain mean where their people weigh 0.

    The rule of allocation's mean_min and second_min_mean, so that the numbers match it.
    """
    keep = np.isfinite(values)
    if not keep.any():
        return float("nan")
    v, w = values[keep], weights[keep]
    total = float(w.sum())
    return float((w * v).sum() / total) if total > 0 else float(v.mean())


def _cells(result: NearestResult, n_cells: int) -> NearestResult:
    return NearestResult(result.minutes[:n_cells], result.km[:n_cells], result.service[:n_cells])


def _empty(n: int) -> NearestResult:
    return NearestResult(np.full(n, np.nan), np.full(n, np.nan), np.full(n, -1, dtype=np.int64))


class _Searches:
    """The graph's nearest searches, counted, with cancellation between them."""

    def __init__(self, graph: AccessGraph, check: Callable[[], None]) -> None:
        self.graph = graph
        self.check = check
        self.count = 0
        self._cache: dict[tuple, NearestResult] = {}

    def nearest(self, services: np.ndarray, max_minutes: float = np.inf) -> NearestResult:
        services = np.asarray(services, dtype=np.int64)
        key = (tuple(services.tolist()), max_minutes)
        if key in self._cache:
            return self._cache[key]
        self.check()
        if len(services) == 0:
            result = _empty(len(self.graph.origins.edge))
        else:
            result = self.graph.nearest(services, max_minutes=max_minutes)
            self.count += 1
        self._cache[key] = result
        return result


# -- the analysis ---------------------------------------------------------------------------------
def analyse_places(
    graph: AccessGraph,
    n_cells: int,
    population: np.ndarray,
    types: dict[str, np.ndarray],
    places: Sequence[Place],
    bands: Sequence[float],
    plan: ScenarioPlan,
    ages: Optional[np.ndarray] = None,
    limits: Sequence[float] = TVV_CLASS_LIMITS,
    progress: Optional[Callable[[float], bool]] = None,
) -> PlaceAnalysis:
    """The place analysis; ``types`` maps a type key to its existing service indices.

    ``population`` (n_cells) has no NaN (clean it first); ``ages`` is (n_cells, n_groups) or None.
    ``plan`` holds the existing services' types and the scenario's changes (none: no scenario). ``progress(fraction)``
    returning False cancels (raises Cancelled).
    """
    population = np.asarray(population, dtype=float)
    bands = tuple(float(b) for b in bands)
    limits = tuple(float(v) for v in limits)
    n_existing, n_total = plan.n_existing, plan.n_total
    steps = [0.0]
    total_steps = len(types) * 2 + len(places) * (1 + len(types)) + 1

    def check() -> None:
        if progress is not None and progress(min(steps[0] / total_steps, 1.0)) is False:
            raise Cancelled()

    def step() -> None:
        steps[0] += 1

    search = _Searches(graph, check)
    # 1. Shared: the nearest point of each type for every origin, and the allocation over the cells.
    before: dict[str, NearestResult] = {}
    alloc = {}
    for key, members in types.items():
        before[key] = search.nearest(members)
        alloc[key] = allocate(_cells(before[key], n_cells), population, max(n_existing, 1))
        step()
    municipality = {key: access_of(before[key].minutes, before[key].km, np.arange(n_cells), population,
                                   FROM_POPULATION, limits) for key in types}

    # 2. Closing single points: the alternative time of the people allocated to a point, for every
    #    point that shares its place with another point of its type (the others come from step 4).
    alt_min: dict[str, np.ndarray] = {}
    alt_km: dict[str, np.ndarray] = {}
    for key, members in types.items():
        shared = set()
        for place in places:
            inside = members[place.inside[members]]
            if len(inside) >= 2:
                shared.update(inside.tolist())
        alt_min[key] = np.full(n_cells, np.nan)
        alt_km[key] = np.full(n_cells, np.nan)
        if not shared:
            step()
            continue
        attached = members[graph.services.ok[members]]
        service = before[key].service[:n_cells]
        k_codes = sperner_codes(max(len(attached), 2)).shape[1]
        if len(shared) > k_codes:
            # Exact for every point at once: the second-nearest is where its people go when it closes.
            check()
            second = second_nearest(graph, members, before[key], want_km=True)
            search.count += k_codes
            mask = np.isin(service, list(shared))
            alt_min[key][mask] = second.minutes[:n_cells][mask]
            alt_km[key][mask] = second.km[:n_cells][mask]
        else:
            for s in sorted(shared):
                without = search.nearest(members[members != s])
                mask = service == s
                alt_min[key][mask] = without.minutes[:n_cells][mask]
                alt_km[key][mask] = without.km[:n_cells][mask]
        step()

    # 3. The scenario's after state for the types it touches (shared by every place).
    after: dict[str, NearestResult] = {}
    alloc_after = {}
    municipality_after: dict[str, Access] = {}
    affected = plan.affected_types()
    statuses = plan.status()
    for key in affected:
        members_after = plan.after(key)
        after[key] = search.nearest(members_after)
        alloc_after[key] = allocate(_cells(after[key], n_cells), population, n_total)
        municipality_after[key] = access_of(after[key].minutes, after[key].km, np.arange(n_cells), population,
                                            FROM_POPULATION, limits)

    # 4. Per place.
    results: list[PlaceResult] = []
    points: list[PointResult] = []
    limit_band = max(bands) if bands else 0.0
    for p, place in enumerate(places):
        cells = np.asarray(place.cells, dtype=np.int64)
        # Who lives there, and within each band of it.
        t_place = search.nearest(place.anchors, max_minutes=limit_band).minutes[:n_cells].copy() \
            if bands and len(place.anchors) else np.full(n_cells, np.nan)
        if len(place.entry_cells):
            entry = np.asarray(place.entry_cells, dtype=np.int64)
            t_place[entry] = np.fmin(t_place[entry], place.entry_minutes)
        step()
        zones = [_zone(None, cells, population, ages)]
        at_place = np.zeros(n_cells, dtype=bool)
        at_place[cells] = True
        for band in bands:
            with np.errstate(invalid="ignore"):
                within = at_place | (t_place <= band)
            zones.append(_zone(band, np.flatnonzero(within), population, ages))
        residents = float(population[cells].sum())
        if residents > 0:
            idx, weights, measured = cells, population[cells], FROM_POPULATION
        elif place.rep_origin >= 0:
            idx, weights, measured = np.array([place.rep_origin]), np.ones(1), FROM_POINT
        else:
            idx, weights, measured = np.zeros(0, np.int64), np.zeros(0), FROM_NOTHING

        in_place = np.zeros(n_cells, dtype=bool)
        in_place[cells] = True
        type_results: dict[str, TypeResult] = {}
        for key, members in types.items():
            result = before[key]
            inside = members[place.inside[members]]
            out = search.nearest(members[~place.inside[members]]) if len(inside) else result
            access = access_of(result.minutes, result.km, idx, weights, measured, limits)
            nearest_out, out_min, out_km = _nearest_outside(out, idx, weights, measured)
            service = result.service[:n_cells]
            underlag = np.isin(service, inside) if len(inside) else np.zeros(n_cells, dtype=bool)
            type_result = TypeResult(
                key, inside, access, nearest_out, out_min, out_km,
                underlag_population=float(alloc[key].population[inside].sum()) if len(inside) else 0.0,
                underlag_cells=int(alloc[key].cells[inside].sum()) if len(inside) else 0,
                underlag_inside=float(population[underlag & in_place].sum()),
                closed_mean_min=mean_as_allocation(out.minutes[:n_cells][underlag], population[underlag]),
                closed_mean_km=mean_as_allocation(out.km[:n_cells][underlag], population[underlag]),
                closed_no_service=float(population[underlag & ~np.isfinite(out.minutes[:n_cells])].sum()),
            )
            for s in inside:
                mine = service == s
                if len(inside) == 1:
                    a_min, a_km = out.minutes[:n_cells], out.km[:n_cells]
                else:
                    a_min, a_km = alt_min[key], alt_km[key]
                point = PointResult(
                    p, key, int(s), statuses[s], float(alloc[key].population[s]), int(alloc[key].cells[s]),
                    float(population[mine & in_place].sum()), float(alloc[key].mean_min[s]),
                    float(alloc[key].max_min[s]),
                    closed_mean_min=mean_as_allocation(a_min[mine], population[mine]),
                    closed_mean_km=mean_as_allocation(a_km[mine], population[mine]),
                    closed_no_service=float(population[mine & ~np.isfinite(a_min)].sum()))
                if key in alloc_after:
                    point.population_after = float(alloc_after[key].population[s])
                points.append(point)
            if key in after:
                members_after = plan.after(key)
                inside_after = members_after[place.inside[members_after]]
                type_result.scenario = ScenarioTypeResult(
                    inside_after, access_of(after[key].minutes, after[key].km, idx, weights, measured, limits),
                    float(alloc_after[key].population[inside_after].sum()) if len(inside_after) else 0.0)
                for s in inside_after[inside_after >= n_existing]:  # new points inside the place
                    mine = after[key].service[:n_cells] == s
                    points.append(PointResult(
                        p, key, int(s), statuses[s], float("nan"), 0, float(population[mine & in_place].sum()),
                        float("nan"), float("nan"), float("nan"), float("nan"), float("nan"),
                        population_after=float(alloc_after[key].population[s])))
            type_results[key] = type_result
            step()
        results.append(PlaceResult(place.name, zones, type_results))
    if progress is not None and progress(1.0) is False:
        raise Cancelled()
    return PlaceAnalysis(results, points, municipality, municipality_after, bands, limits, affected,
                         ages is not None, search.count, {k: r.minutes[:n_cells] for k, r in before.items()})


def _zone(limit: Optional[float], idx: np.ndarray, population: np.ndarray, ages: Optional[np.ndarray]) -> Zone:
    return Zone(limit, float(population[idx].sum()), int(len(idx)),
                ages[idx].sum(axis=0) if ages is not None else None)


def _nearest_outside(out: NearestResult, idx: np.ndarray, weights: np.ndarray,
                     measured: str) -> tuple[int, float, float]:
    """The outside point nearest for the most people, and the weighted median minutes and km to it."""
    if measured == FROM_NOTHING or len(idx) == 0:
        return -1, float("nan"), float("nan")
    service = out.service[idx]
    ok = service >= 0
    if not ok.any():
        return -1, float("nan"), float("nan")
    w = np.where(weights[ok] > 0, weights[ok], 0.0)
    counts = np.bincount(service[ok], weights=w if w.sum() > 0 else None)
    chosen = int(np.argmax(counts))
    return (chosen, st.weighted_quantile(out.minutes[idx], weights, 0.5),
            st.weighted_quantile(out.km[idx], weights, 0.5))


def spending_potential(population: float, per_capita: Optional[float]) -> Optional[float]:
    """Population × yearly spending per person (SEK); None without a figure."""
    if per_capita is None or not math.isfinite(population):
        return None
    return float(population) * float(per_capita)
