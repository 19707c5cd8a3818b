"""Sweden's 290 municipalities (SCB code + name, data/municipalities.csv) and resolving a user's pick.

The area of a municipality is the bounding box of its OSM boundary relation (admin_level=7,
ref:scb=<code>), fetched once through Overpass and cached. A bounding box rather than the exact
border on purpose: people cross borders for services, and a service just outside the municipality
is often the nearest one, so it must be fetched too.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..adapters.resources import data_path
from .catalogue import normalise_label

DATA_PATH = data_path("municipalities.csv")


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str

    @property
    def county_code(self) -> str:
        return self.code[:2]


def load_municipalities(path: Path | None = None) -> list[Municipality]:
    with open(path or DATA_PATH, encoding="utf-8", newline="") as handle:
        return [Municipality(row["code"], row["name"]) for row in csv.DictReader(handle, delimiter=";")]


def resolve(text: str, municipalities: list[Municipality] | None = None) -> Municipality | None:
    """'0180', '180', 'Stockholm', 'stockholms kommun', 'Malung-Sälen', '0180 Stockholm' -> Municipality."""
    items = municipalities or load_municipalities()
    value = (text or "").strip()
    if not value:
        return None
    head = value.split()[0]
    if head.isdigit():
        code = head.zfill(4)
        return next((m for m in items if m.code == code), None)
    norm = normalise_label(value)
    candidates = [norm]
    for prefix in ("region ",):
        if norm.startswith(prefix):
            candidates.append(norm[len(prefix):])
    for suffix in (" kommun", " stad"):
        candidates += [c[: -len(suffix)] for c in list(candidates) if c.endswith(suffix)]
    candidates += [c[:-1] for c in list(candidates) if c.endswith("s")]  # 'Stockholms (kommun)'
    candidates += [c + "n" for c in list(candidates) if c.endswith("u")]  # 'Falu kommun' -> Falun
    by_name = {normalise_label(m.name): m for m in items}
    return next((by_name[c] for c in candidates if c in by_name), None)
