"""Service type catalogue: keys and Swedish/English names (serviceperspektiv/data/service_types.json).

The catalogue file belongs to the data engineer; this module reads it tolerantly and falls back to
built-in names so that labels never show raw keys.
"""
from __future__ import annotations

import json
from functools import lru_cache

from ..adapters.resources import data_path

CATALOGUE = data_path("service_types.json")

# key -> (Swedish, English). Order = order in the dock.
FALLBACK: dict[str, tuple[str, str]] = {
    "dagligvaror_full": ("Dagligvaror, fullsortiment", "Groceries, full range"),
    "dagligvaror_ovrig": ("Dagligvaror, övriga", "Groceries, other"),
    "drivmedel": ("Drivmedel", "Fuel"),
    "apotek": ("Apotek", "Pharmacy"),
    "apoteksombud": ("Apoteksombud", "Pharmacy agent"),
    "post_paket": ("Post- och paketombud", "Post and parcel point"),
    "kontantuttag": ("Kontantuttag", "Cash withdrawal"),
    "betalning": ("Betalningsförmedling", "Bill payment"),
    "grundskola": ("Grundskola", "Primary school"),
    "forskola": ("Förskola", "Preschool"),
    "vardcentral": ("Vårdcentral", "Health centre"),
    "bibliotek": ("Bibliotek", "Library"),
    "aldreboende": ("Äldreboende", "Elderly care home"),
}


def _names(entry) -> tuple[str, str] | None:
    if isinstance(entry, str):
        return entry, entry
    if not isinstance(entry, dict):
        return None
    sv = entry.get("name_sv") or entry.get("sv") or entry.get("label_sv") or entry.get("name")
    en = entry.get("name_en") or entry.get("en") or entry.get("label_en") or sv
    if isinstance(entry.get("name"), dict):
        sv = entry["name"].get("sv", sv)
        en = entry["name"].get("en", en)
    return (str(sv), str(en)) if sv else None


@lru_cache(maxsize=1)
def service_types() -> dict[str, tuple[str, str]]:
    """Ordered key -> (Swedish name, English name)."""
    result: dict[str, tuple[str, str]] = {}
    try:
        data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if isinstance(data, dict) and isinstance(data.get("types"), (list, dict)):
        data = data["types"]
    if isinstance(data, dict):
        for key, entry in data.items():
            names = _names(entry)
            if names:
                result[str(key)] = names
    elif isinstance(data, list):
        for entry in data:
            if isinstance(entry, dict) and (entry.get("key") or entry.get("id")):
                names = _names(entry)
                if names:
                    result[str(entry.get("key") or entry.get("id"))] = names
    for key, names in FALLBACK.items():
        result.setdefault(key, names)
    return result


def label(key: str, language: str = "sv") -> str:
    names = service_types().get(key)
    if names is None:
        return key.replace("_", " ").capitalize()
    return names[0] if language.startswith("sv") else names[1]


def result_types(field_names) -> list[str]:
    """Service type keys in a nearestservice result: fields ``T_min`` with a matching ``T_km``."""
    names = {n.lower() for n in field_names}
    return [n[:-4] for n in field_names if n.lower().endswith("_min") and f"{n[:-4].lower()}_km" in names
            and not n.lower().endswith(("_before_min", "_after_min", "_delta_min"))]


def ui_language() -> str:
    """'sv' when the Swedish translation is active (the names follow the UI language), else the locale."""
    from ..i18n import tr, user_locale

    return "sv" if tr("Service types") == "Servicetyper" else user_locale()
