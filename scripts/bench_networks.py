"""Deterministic synthetic road networks for the benchmark (no QGIS needed).

A perturbed lattice (150 m) thinned to an undirected degree of about 2.5, with a road hierarchy
(every 12th line a 90 km/h main road, every 4th a 60 km/h collector, 30-40 km/h local streets),
10 % one-way local streets, and a few islands (separate components).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIZES = {  # name: (target arcs, population cells, services per type)
    "tiny": (4_000, 1_000, 5),
    "kommun": (50_000, 10_000, 20),
    "region": (342_000, 40_000, 40),  # the 180k-edge grid
    "lan": (750_000, 100_000, 100),
    "sverige": (6_000_000, 600_000, 400),
}
SPACING = 150.0
N_TYPES = 8


@dataclass
class Synthetic:
    name: str
    edge_xy: np.ndarray  # (E, 2, 2) straight edges
    speed: np.ndarray
    direction: np.ndarray  # 0 both, 1 forward, -1 backward
    cells_xy: np.ndarray
    population: np.ndarray
    services_xy: np.ndarray
    service_type: np.ndarray

    @property
    def n_arcs(self) -> int:
        return int(2 * (self.direction == 0).sum() + (self.direction != 0).sum())


def make(name: str, seed: int = 42) -> Synthetic:
    arcs, n_cells, per_type = SIZES[name]
    rng = np.random.default_rng(seed)
    edges = arcs / 1.9  # 10 % of local streets are one-way (one arc)
    nodes = 2 * edges / 2.5
    side = int(np.ceil(np.sqrt(nodes)))
    ii, jj = np.mgrid[0:side, 0:side]
    xy = np.column_stack([jj.ravel() * SPACING, ii.ravel() * SPACING]) + rng.normal(0, 15, (side * side, 2))
    idx = np.arange(side * side).reshape(side, side)
    h = np.column_stack([idx[:, :-1].ravel(), idx[:, 1:].ravel(), ii[:, :-1].ravel()])  # row = line id
    v = np.column_stack([idx[:-1, :].ravel(), idx[1:, :].ravel(), jj[:-1, :].ravel()])
    pairs = np.vstack([h, v])
    line = pairs[:, 2]
    main = line % 12 == 0
    collector = (line % 4 == 0) & ~main
    # Thin local streets to reach degree ~2.5; main roads and collectors stay continuous.
    keep_share = (2.5 / 4 * len(pairs) - (main | collector).sum()) / (~(main | collector)).sum()
    keep = main | collector | (rng.random(len(pairs)) < keep_share)
    # Islands: cut every road crossing a few square "sounds" so that they become separate parts.
    for cx, cy, r in [(0.8, 0.8, 0.06), (0.2, 0.75, 0.04), (0.7, 0.2, 0.05)]:
        centre = np.array([cx, cy]) * side * SPACING
        a = np.abs(xy[pairs[:, 0]] - centre).max(axis=1) < r * side * SPACING
        b = np.abs(xy[pairs[:, 1]] - centre).max(axis=1) < r * side * SPACING
        keep &= a == b
    pairs, main, collector = pairs[keep], main[keep], collector[keep]
    local = ~(main | collector)
    speed = np.where(main, 90.0, np.where(collector, 60.0, rng.choice([30.0, 40.0], len(pairs))))
    direction = np.where(local & (rng.random(len(pairs)) < 0.1), rng.choice([1, -1], len(pairs)), 0).astype(np.int8)
    edge_xy = np.stack([xy[pairs[:, 0]], xy[pairs[:, 1]]], axis=1)
    extent = side * SPACING
    cells = rng.random((n_cells, 2)) * extent
    population = rng.gamma(0.8, 20.0, n_cells).round()
    services = rng.random((per_type * N_TYPES, 2)) * extent
    service_type = np.repeat(np.arange(N_TYPES), per_type)
    return Synthetic(name, edge_xy, speed, direction, cells, population, services, service_type)
