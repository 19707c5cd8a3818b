"""Yearly spending per person per service category (data/spending.json), for spending potentials.

Pure Python. A figure is only used when it cites a source; a derived figure is checked against the
published numbers it comes from, so that an edited file cannot silently disagree with itself.
"""
from __future__ import annotations

import fnmatch
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..adapters.resources import data_path

DEFAULT_PATH = data_path("spending.json")


class SpendingError(ValueError):
    """The file cannot be used. ``kind``: 'unreadable', 'no_categories', 'bad_value', 'no_source',
    'inconsistent'; ``category`` and ``detail`` say where (for translated messages)."""

    def __init__(self, kind: str, category: str = "", detail: str = "") -> None:
        super().__init__(f"{kind}: {category} {detail}".strip())
        self.kind = kind
        self.category = category
        self.detail = detail


@dataclass
class Spending:
    category: str
    label_sv: str
    label_en: str
    patterns: list[str]
    sek_per_capita: Optional[float]
    year: Optional[int]
    sources: list[dict[str, str]] = field(default_factory=list)
    assumption_sv: str = ""
    assumption_en: str = ""
    derivation: dict[str, Any] = field(default_factory=dict)
    note_sv: str = ""
    note_en: str = ""

    def source_text(self) -> str:
        """'SCB (Statistiska centralbyrån), 2021-06-03: Title; …' for the report and the layer metadata."""
        return "; ".join(f"{s.get('publisher', '')}, {s.get('date', '')}: {s.get('title', '')}".strip(", :")
                         for s in self.sources)


@dataclass
class SpendingTable:
    categories: list[Spending]
    path: str
    unit: str = "SEK per person and year"

    def for_type(self, key: str) -> Optional[Spending]:
        """The first category whose patterns match the type key (None: no category)."""
        for category in self.categories:
            if any(fnmatch.fnmatchcase(key, pattern) for pattern in category.patterns):
                return category
        return None

    def per_capita(self, key: str) -> Optional[float]:
        category = self.for_type(key)
        return category.sek_per_capita if category is not None else None


def _number(value: Any, category: str, name: str) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise SpendingError("bad_value", category, name)
    return float(value)


def parse(data: Any, path: str = "") -> SpendingTable:
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict) or not data["categories"]:
        raise SpendingError("no_categories")
    categories = []
    for name, entry in data["categories"].items():
        if not isinstance(entry, dict):
            raise SpendingError("bad_value", name, "entry")
        patterns = entry.get("types") or [name + "*"]
        if isinstance(patterns, str):
            patterns = [patterns]
        if not all(isinstance(p, str) and p for p in patterns):
            raise SpendingError("bad_value", name, "types")
        value = _number(entry.get("sek_per_capita"), name, "sek_per_capita")
        year = entry.get("year")
        sources = entry.get("sources") or []
        if value is not None:
            if not isinstance(year, int) or isinstance(year, bool):
                raise SpendingError("bad_value", name, "year")
            if not isinstance(sources, list) or not sources or not all(isinstance(s, dict) and s.get("title")
                                                                        for s in sources):
                raise SpendingError("no_source", name)
        derivation = entry.get("derivation") or {}
        if value is not None and derivation:
            numerator = _number(derivation.get("numerator"), name, "derivation.numerator")
            denominator = _number(derivation.get("denominator"), name, "derivation.denominator")
            if numerator is None or denominator is None:
                raise SpendingError("bad_value", name, "derivation")
            computed = numerator / denominator
            if abs(computed - value) > 1.0:  # the figure is the quotient rounded to whole kronor
                raise SpendingError("inconsistent", name, f"{computed:.0f}")
        categories.append(Spending(
            name, str(entry.get("sv", name)), str(entry.get("en", name)), list(patterns), value,
            year if value is not None else None, list(sources), str(entry.get("assumption_sv", "")),
            str(entry.get("assumption_en", "")), dict(derivation), str(entry.get("note_sv", "")),
            str(entry.get("note_en", ""))))
    return SpendingTable(categories, path, str(data.get("unit", "SEK per person and year")))


def load(path: Optional[str | Path] = None) -> SpendingTable:
    """The bundled table, or the file at ``path`` (same shape)."""
    file = Path(path) if path else DEFAULT_PATH
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SpendingError("unreadable", "", str(error)) from None
    return parse(data, str(file))
