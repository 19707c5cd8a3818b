"""Allocation ("underlag"): who depends on which service point, and the second-nearest service.

Pure numpy/SciPy (heapq fallback through the core's multi_source_dijkstra); no QGIS imports. The
searches are AccessGraph's (reduced graph, origins attached afterwards).
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Optional

import numpy as np

from .accessibility import AccessGraph, NearestResult


@dataclass
class Allocation:
    """Per service point (indexed like ``NearestResult.service``): who is allocated to it."""

    population: np.ndarray  # float; sum of the allocated origins' population
    cells: np.ndarray  # int; number of allocated origins
    mean_min: np.ndarray  # population-weighted mean minutes (NaN when nobody allocated)
    max_min: np.ndarray  # longest time among allocated origins (NaN when none)

    @property
    def total_population(self) -> float:
        return float(self.population.sum())


def allocate(result: NearestResult, population: Optional[np.ndarray], n_services: int) -> Allocation:
    """Sum each origin's population onto its nearest service.

    ``population`` None means every origin counts 1. Unreached origins are not allocated, so
    ``population.sum()`` equals the population that reached a service (the sum check).
    The mean is population-weighted; where a service's people weigh 0 in total, the plain mean of
    its cells is used so that a time is still reported.
    """
    service = np.asarray(result.service, dtype=np.int64)
    n_origins = len(service)
    pop = np.ones(n_origins) if population is None else np.asarray(population, dtype=float)
    if pop.shape != (n_origins,):
        raise ValueError("population must have one value per origin")
    pop = np.where(np.isfinite(pop), pop, 0.0)
    if (pop < 0).any():
        raise ValueError("population must not be negative")
    reached = (service >= 0) & np.isfinite(result.minutes)
    s = service[reached]
    if len(s) and s.max() >= n_services:
        raise ValueError("service index out of range")
    minutes = np.asarray(result.minutes, dtype=float)[reached]
    p = pop[reached]
    population_sum = np.bincount(s, weights=p, minlength=n_services)
    cells = np.bincount(s, minlength=n_services).astype(np.int64)
    weighted = np.bincount(s, weights=p * minutes, minlength=n_services)
    plain = np.bincount(s, weights=minutes, minlength=n_services)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(population_sum > 0, weighted / population_sum, plain / cells)
    mean = np.where(cells > 0, mean, np.nan)
    max_min = np.full(n_services, -np.inf)
    np.maximum.at(max_min, s, minutes)
    max_min = np.where(cells > 0, max_min, np.nan)
    return Allocation(population=population_sum, cells=cells, mean_min=mean, max_min=max_min)


def sperner_codes(n: int) -> np.ndarray:
    """(n, k) boolean codewords with exactly k//2 ones each, k the smallest with C(k, k//2) >= n."""
    k = 2
    while math.comb(k, k // 2) < n:
        k += 1
    codes = np.zeros((n, k), dtype=bool)
    for row, ones in zip(range(n), itertools.combinations(range(k), k // 2)):
        codes[row, list(ones)] = True
    return codes


def second_nearest(
    graph: AccessGraph,
    service_indices: np.ndarray,
    nearest: Optional[NearestResult] = None,
    max_minutes: float = np.inf,
    want_km: bool = True,
) -> NearestResult:
    """The second-nearest service of the same set for each origin (exact).

    Give every service a distinct k-bit codeword with exactly k//2 ones (a Sperner family: no
    codeword covers another). For the nearest s and the true second-nearest t there is a bit
    where t has a 1 and s a 0; the run from the services with a 1 in that bit excludes s and
    contains t. So the minimum, over the bits where s has a 0, of the runs from "bit = 1" is the
    second-nearest time: k searches with C(k, k//2) >= S (9 for 100 services, 11 for 400),
    instead of S. With ``want_km`` False the route length is skipped.
    """
    service_indices = np.asarray(service_indices, dtype=np.int64)
    attached = service_indices[graph.services.ok[service_indices]]
    n_origins = len(graph.origins.edge)
    empty = NearestResult(np.full(n_origins, np.nan), np.full(n_origins, np.nan), np.full(n_origins, -1))
    if len(attached) < 2:
        return empty
    first = nearest if nearest is not None else graph.nearest(attached, max_minutes=max_minutes)
    # Codeword of each origin's nearest service (-1: unreached).
    position_of = np.full(len(graph.services.edge), -1, dtype=np.int64)
    position_of[attached] = np.arange(len(attached))
    pos = np.where(first.service >= 0, position_of[np.maximum(first.service, 0)], -1)
    codes = sperner_codes(len(attached))
    best = np.full(n_origins, np.inf)
    best_src = np.full(n_origins, -1, dtype=np.int64)
    best_km = np.full(n_origins, np.nan)
    limit_s = max_minutes * 60.0
    for b in range(codes.shape[1]):
        group = attached[codes[:, b]]
        useful = (pos >= 0) & ~codes[np.maximum(pos, 0), b]
        if len(group) == 0 or not useful.any():
            continue
        dist, source, km = graph.at_origins(group, limit_s, want_km)
        better = useful & (dist < best) & (source >= 0)
        best[better] = dist[better]
        best_src[better] = source[better]
        best_km[better] = km[better]
    reached = np.isfinite(best) & (best_src >= 0)
    return NearestResult(
        minutes=np.where(reached, best / 60.0, np.nan),
        km=np.where(reached, best_km, np.nan),
        service=np.where(reached, best_src, -1),
    )
