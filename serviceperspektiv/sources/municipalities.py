"""Sweden's 290 municipalities (SCB code + name, data/municipalities.csv) and resolving a user's pick.

The area of a municipality is the bounding box of its OSM boundary relation (admin_level=7,
ref:scb=<code>), fetched once through Overpass and cached. A bounding box rather than the exact
border on purpose: people cross borders for services, and a service just outside the municipality
is often the nearest one, so it must be fetched too.
"""
from __future__ import annotations

import csv
import re
import unicodedata
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


def _key(text: str) -> str:
    """Case-folded words with their diacritics kept ('Håbo kommun' -> 'håbo kommun')."""
    return re.sub(r"[\W_]+", " ", unicodedata.normalize("NFC", text).casefold()).strip()


def _candidates(key: str) -> list[str]:
    """The name itself, and without 'Region'/'kommun'/'stad', the genitive -s, or with Falu -> Falun."""
    candidates = [key]
    if key.startswith("region "):
        candidates.append(key[len("region "):])
    for suffix in (" kommun", " stad"):
        candidates += [c[: -len(suffix)] for c in list(candidates) if c.endswith(suffix)]
    candidates += [c[:-1] for c in list(candidates) if c.endswith("s")]  # 'Stockholms (kommun)'
    candidates += [c + "n" for c in list(candidates) if c.endswith("u")]  # 'Falu kommun' -> Falun
    return candidates


def resolve(text: str, municipalities: list[Municipality] | None = None) -> Municipality | None:
    """'0180', '180', 'Stockholm', 'stockholms kommun', 'Malung-Sälen', '0180 Stockholm' -> Municipality.

    Names are compared with their diacritics first ('Håbo' is 0305, 'Habo' is 0643); a name typed
    without them ('Malung-Salen') is folded to ASCII only when that still leaves one municipality.
    """
    items = municipalities or load_municipalities()
    value = (text or "").strip()
    if not value:
        return None
    head = value.split()[0]
    if head.isdigit():
        code = head.zfill(4)
        return next((m for m in items if m.code == code), None)
    candidates = _candidates(_key(value))
    exact = {_key(m.name): m for m in items}
    for candidate in candidates:
        if candidate in exact:
            return exact[candidate]
    folded: dict[str, list[Municipality]] = {}
    for m in items:
        folded.setdefault(normalise_label(m.name), []).append(m)
    for candidate in candidates:
        matches = folded.get(normalise_label(candidate))
        if matches:
            return matches[0] if len(matches) == 1 else None
    return None
