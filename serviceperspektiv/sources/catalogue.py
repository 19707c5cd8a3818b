"""The service-type catalogue (data/service_types.json) and matching OSM tags and register labels.

One element may be several services (a supermarket that is also a parcel agent): ``match_tags``
returns every type that matches. Types that OSM hardly ever tags (pharmacy agents) keep a
conservative rule and are marked ``osm_coverage: none``; they come from a register export (the
Pipos CSV, source 2) instead, and fetchservices warns when such a type is asked from OSM.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..adapters.resources import data_path

DEFAULT_PATH = data_path("service_types.json")
ENV_EXTRA = "SERVICEPERSPEKTIV_CATALOGUE"  # path of a user file that adds or overrides types

_TRANSLIT = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def normalise_label(text: Any) -> str:
    """'Post- och paketombud' -> 'post och paketombud' (for comparing register labels)."""
    value = str(text or "").strip().lower().translate(_TRANSLIT)
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", " ", value).strip()


@dataclass(frozen=True)
class Rule:
    all: dict[str, Any]
    none: dict[str, Any] = field(default_factory=dict)

    def matches(self, tags: Mapping[str, str]) -> bool:
        return all(_value_ok(tags.get(k), v) for k, v in self.all.items()) and not any(
            _value_ok(tags.get(k), v) for k, v in self.none.items())


def _value_ok(actual: str | None, wanted: Any) -> bool:
    """A tag value against a rule value: '*', a value, a list of values, {"has": v} (one of a
    ';'-separated list, as healthcare:speciality=general;paediatrics) or {"regex": r} (searched,
    case-insensitive, as a name containing 'vårdcentral')."""
    if actual is None:
        return False
    if wanted == "*":
        return True
    if isinstance(wanted, (list, tuple)):
        return actual in wanted
    if isinstance(wanted, dict):
        if "has" in wanted:
            return str(wanted["has"]).lower() in {part.strip().lower() for part in actual.split(";")}
        if "regex" in wanted:
            return re.search(str(wanted["regex"]), actual, re.IGNORECASE) is not None
        return False
    return actual == wanted


def _overpass_condition(tag: str, value: Any) -> str:
    if value == "*":
        return f'["{tag}"]'
    if isinstance(value, (list, tuple)):
        alternatives = "|".join(re.escape(v) for v in value)
        return f'["{tag}"~"^({alternatives})$"]'
    if isinstance(value, dict) and "has" in value:
        return f'["{tag}"~"(^|;) *{re.escape(str(value["has"]))} *(;|$)",i]'
    if isinstance(value, dict) and "regex" in value:
        return f'["{tag}"~"{value["regex"]}",i]'
    return f'["{tag}"="{value}"]'


@dataclass(frozen=True)
class ServiceType:
    key: str
    sv: str
    en: str
    group: str
    rules: tuple[Rule, ...]
    aliases: tuple[str, ...]
    osm_coverage: str
    register_type: str = ""  # the Pipos service type ('Kontantuttag'), matched in download file names

    def matches(self, tags: Mapping[str, str]) -> bool:
        return any(rule.matches(tags) for rule in self.rules)


class CatalogueError(ValueError):
    pass


class Catalogue:
    def __init__(self, types: dict[str, ServiceType], shared: dict[str, tuple[str, ...]] | None = None) -> None:
        self.types = types
        self._labels: dict[str, str] = {}
        for t in types.values():
            for label in (t.key, t.sv, t.en, *t.aliases):
                self._labels.setdefault(normalise_label(label), t.key)
        # Register labels that several service types use ('Bankkassa'): label -> the types, default first.
        self.shared = {normalise_label(k): tuple(v) for k, v in (shared or {}).items() if v}

    def type_from_file_name(self, name: str) -> str | None:
        """The type whose register name a download's file name contains ('pipos_kontantuttag_2025-11-12')."""
        text = normalise_label(name)
        found = [t.key for t in self.types.values() if t.register_type and normalise_label(t.register_type) in text]
        return found[0] if len(found) == 1 else None

    def keys(self) -> list[str]:
        return list(self.types)

    def select(self, text: str) -> list[str]:
        """'apotek, drivmedel' -> keys; empty means all; unknown keys raise CatalogueError."""
        wanted = [k.strip() for k in (text or "").split(",") if k.strip()]
        if not wanted:
            return self.keys()
        unknown = [k for k in wanted if k not in self.types]
        if unknown:
            raise CatalogueError(f"Unknown service type(s): {', '.join(unknown)}. Known: {', '.join(self.types)}")
        return list(dict.fromkeys(wanted))

    def match_tags(self, tags: Mapping[str, str], keys: Iterable[str] | None = None) -> list[str]:
        return [k for k in (keys or self.types) if self.types[k].matches(tags)]

    def match_label(self, label: Any) -> str | None:
        """A register's type label (Pipos CSV) to a key, by key, name or alias; None when unknown."""
        norm = normalise_label(label)
        if not norm:
            return None
        if norm in self._labels:
            return self._labels[norm]
        as_key = norm.replace(" ", "_")
        return as_key if as_key in self.types else None

    def overpass_filters(self, keys: Iterable[str]) -> list[str]:
        """Overpass tag filters ('[shop~"^(a|b)$"]...') that select candidates for ``keys``.

        Only the 'all' part goes to the server; the 'none' part is checked here after download.
        """
        filters: list[str] = []
        for key in keys:
            for rule in self.types[key].rules:
                flt = "".join(_overpass_condition(tag, value) for tag, value in sorted(rule.all.items()))
                if flt and flt not in filters:
                    filters.append(flt)
        return filters


def _parse(raw: dict, source: str) -> dict[str, ServiceType]:
    types: dict[str, ServiceType] = {}
    for key, spec in (raw.get("types") or {}).items():
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", key):
            raise CatalogueError(f"{source}: type key {key!r} must be lower-case ASCII (a-z, 0-9, _)")
        try:
            rules = tuple(Rule(dict(r.get("all") or {}), dict(r.get("none") or {})) for r in spec.get("osm", []))
            types[key] = ServiceType(key, spec["sv"], spec["en"], spec.get("group", ""), rules,
                                     tuple(spec.get("aliases", [])), spec.get("osm_coverage", "partial"),
                                     str(spec.get("register_type", "")))
        except (KeyError, AttributeError, TypeError) as error:
            raise CatalogueError(f"{source}: type {key!r} is malformed ({error})") from None
    return types


def load_catalogue(path: Path | None = None, extra: Path | None = None) -> Catalogue:
    """The bundled catalogue, plus types from ``extra`` (or $SERVICEPERSPEKTIV_CATALOGUE) that add or replace."""
    paths = [Path(path or DEFAULT_PATH)]
    extra = extra or (Path(os.environ[ENV_EXTRA]) if os.environ.get(ENV_EXTRA) else None)
    if extra:
        paths.append(Path(extra))
    types: dict[str, ServiceType] = {}
    shared: dict[str, list[str]] = {}
    for p in paths:
        try:
            raw = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise CatalogueError(f"Could not read the service catalogue {p}: {error}") from None
        types.update(_parse(raw, str(p)))
        shared.update({k: list(v) for k, v in (raw.get("shared_labels") or {}).items() if not k.startswith("_")})
    for label, keys in shared.items():
        unknown = [k for k in keys if k not in types]
        if unknown:
            raise CatalogueError(f"shared_labels: {label!r} names unknown type(s) {', '.join(unknown)}")
    return Catalogue(types, shared)
