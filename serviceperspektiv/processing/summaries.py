"""Short summaries of a scenario, a plan-area profile and a current-state analysis, read from their output layers.

The panel shows them as a few Swedish lines and the report as tables, so both say the same.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from qgis.core import QgsVectorLayer

from ..adapters.layermeta import layer_parameters
from ..adapters.layers import is_null
from ..core import statistics as st
from ..i18n import tr

CHANGED_MIN = 0.05  # smaller changes are rounding, not a change a person notices


def _column(features: list, name: str) -> np.ndarray:
    return np.array([np.nan if is_null(f[name]) else float(f[name]) for f in features], dtype=float)


def _population(layer: QgsVectorLayer, features: list) -> np.ndarray:
    name = layer_parameters(layer).get("population_field", "")
    if name and layer.fields().indexOf(name) >= 0:
        values = _column(features, name)
        return np.where(np.isfinite(values), values, 0.0)
    return np.ones(len(features))


@dataclass
class ScenarioSummary:
    type_key: str
    people_worse: float  # a longer trip, or no service any more
    people_better: float
    lost_access: float
    mean_change_min: float  # population-weighted, over the people whose time changes
    max_change_min: float  # the largest change (by size; + longer, - shorter)
    threshold: str  # e.g. "10 min"
    over_before: float  # people beyond the threshold before and after
    over_after: float


def scenario_summaries(layer: QgsVectorLayer, thresholds: str = st.DEFAULT_THRESHOLDS) -> list[ScenarioSummary]:
    """One summary per affected type of a scenario OUTPUT layer (T_before_min, T_after_min …)."""
    features = list(layer.getFeatures())
    population = _population(layer, features)
    rules = st.parse_thresholds(thresholds)
    names = layer.fields().names()
    out = []
    for key in [n[: -len("_delta_min")] for n in names
                if n.endswith("_delta_min") and f"{n[: -len('_delta_min')]}_before_min" in names]:
        before, after = _column(features, f"{key}_before_min"), _column(features, f"{key}_after_min")
        before_km = _column(features, f"{key}_before_km") if f"{key}_before_km" in names else np.full(len(features), np.nan)
        after_km = _column(features, f"{key}_after_km") if f"{key}_after_km" in names else np.full(len(features), np.nan)
        delta = after - before
        lost = np.isfinite(before) & ~np.isfinite(after)
        worse = lost | (np.isfinite(delta) & (delta > CHANGED_MIN))
        better = (~np.isfinite(before) & np.isfinite(after)) | (np.isfinite(delta) & (delta < -CHANGED_MIN))
        changed = np.isfinite(delta) & (np.abs(delta) > CHANGED_MIN)
        weights = population[changed]
        mean = float(np.average(delta[changed], weights=weights)) if weights.sum() > 0 else 0.0
        largest = float(delta[changed][np.argmax(np.abs(delta[changed]))]) if changed.any() else 0.0
        threshold = rules.for_type(key)
        over_before = float(population[st.gap_mask(before, before_km, threshold)].sum())
        over_after = float(population[st.gap_mask(after, after_km, threshold)].sum())
        out.append(ScenarioSummary(key, float(population[worse].sum()), float(population[better].sum()),
                                   float(population[lost].sum()), mean, largest, threshold.label(),
                                   over_before, over_after))
    return out


@dataclass
class ProfileSummary:
    planid: str
    name: str
    population_inside: float
    population_near: float
    population_far: float
    median_min: dict[str, float] = field(default_factory=dict)  # type -> median minutes from the area
    new_median_min: dict[str, float] = field(default_factory=dict)  # with a new service in the area


def profile_summaries(layer: QgsVectorLayer) -> list[ProfileSummary]:
    names = layer.fields().names()
    keys = [n[: -len("_min_median")] for n in names if n.endswith("_min_median")]
    out = []
    for feature in layer.getFeatures():
        def value(name: str, feature=feature) -> float:
            return float("nan") if name not in names or is_null(feature[name]) else float(feature[name])

        planid = next((str(feature[n]) for n in ("planid", "plan_id", "id") if n in names and not is_null(feature[n])),
                      str(feature.id()))
        title = next((str(feature[n]) for n in ("plannamn", "namn", "name") if n in names and not is_null(feature[n])), "")
        out.append(ProfileSummary(planid, title, value("population_inside"), value("population_2km"),
                                  value("population_5km"), {k: value(f"{k}_min_median") for k in keys},
                                  {k: value(f"{k}_new_median") for k in keys}))
    return out


# -- text for the panel ----------------------------------------------------------------------------
def _n(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f") if np.isfinite(value) else "–"


def _min(value: float, signed: bool = False) -> str:
    if not np.isfinite(value):
        return "–"
    text = f"{value:+.1f}" if signed else f"{value:.1f}"
    from ..layouts.catalogue import ui_language

    return text.replace(".", ",") if ui_language() == "sv" else text


def scenario_text(summaries: list[ScenarioSummary], type_label) -> str:
    lines = []
    for s in summaries:
        lines.append(tr("{}: {} people get a longer trip, {} a shorter one; mean change {} min, largest {} min. "
                        "Beyond {}: {} before, {} after.").format(
            type_label(s.type_key), _n(s.people_worse), _n(s.people_better), _min(s.mean_change_min, True),
            _min(s.max_change_min, True), s.threshold, _n(s.over_before), _n(s.over_after)))
        if s.lost_access > 0:
            lines.append(tr("{} people can no longer reach the service at all.").format(_n(s.lost_access)))
    return "\n".join(lines)


def profile_text(summaries: list[ProfileSummary], type_label, types: Optional[list[str]] = None) -> str:
    lines = []
    for p in summaries:
        lines.append(tr("{}: {} people inside, {} within 2 km, {} within 5 km.").format(
            p.name or p.planid, _n(p.population_inside), _n(p.population_near), _n(p.population_far)))
        shown = [k for k in (types or list(p.median_min)) if k in p.median_min]
        times = [f"{type_label(k)} {_min(p.median_min[k])}" for k in shown if np.isfinite(p.median_min[k])]
        if times:
            lines.append(tr("Median travel time (min): {}.").format(", ".join(times)))
    return "\n".join(lines)


# -- the current-state analysis (placeanalysis) ------------------------------------------------------
PLACE_CLASS_KEYS = ("lt5", "5_10", "10_30", "gt30", "none")  # the OUTPUT's share_* fields, in class order
MAX_PLACES_SHOWN = 5  # the panel names this many places; the report has them all


@dataclass
class PlaceSummary:
    name: str
    population: float
    type_key: str  # the type the sentence is about (full-range groceries when there are any)
    shares: tuple  # % of the residents per class: < 5, 5–10, 10–30, > 30 min, reaches none (NaN: no residents)
    median_min: float
    mode: str


def place_summaries(layer: QgsVectorLayer) -> list[PlaceSummary]:
    """One summary per place of a placeanalysis OUTPUT layer (one row per place and type), in its order."""
    from .. import definitions as d

    features = list(layer.getFeatures())
    mode = layer_parameters(layer).get("mode", "car")
    places: dict = {}
    for feature in features:
        places.setdefault(feature["place_id"], {})[str(feature["type"])] = feature
    out = []
    for rows in places.values():
        key = d.default_shown_type(list(rows))
        row = rows[key]

        def value(name: str, row=row) -> float:
            return float("nan") if is_null(row[name]) else float(row[name])

        out.append(PlaceSummary(str(row["place_name"]), value("population_inside"), key,
                                tuple(value(f"share_{k}") for k in PLACE_CLASS_KEYS), value("median_min"), mode))
    return out


def type_phrases() -> dict[str, str]:
    """A type in a sentence, with its article ('a full-range grocery store'); the report's own phrases."""
    return {"dagligvaror_full": tr("a full-range grocery store"),
            "dagligvaror_ovrig": tr("a grocery store without the full range"), "drivmedel": tr("a fuel station"),
            "apotek": tr("a pharmacy"), "apoteksombud": tr("a pharmacy agent"),
            "post_paket": tr("a post or parcel agent"), "kontantuttag": tr("a cash machine"),
            "betalning": tr("a bill-payment point"), "grundskola": tr("a compulsory school"),
            "forskola": tr("a preschool"), "vardcentral": tr("a health centre"), "bibliotek": tr("a library"),
            "aldreboende": tr("a care home for the elderly")}


def mode_phrase(mode: str) -> str:
    return {"car": tr("by car"), "bike": tr("by bike"), "walk": tr("on foot")}.get(mode, "")


def class_phrase(index: int, limits=(5.0, 10.0, 30.0)) -> str:
    """'less than 5 minutes', '5–10 minutes', 'more than 30 minutes' (Tillväxtverket's classes)."""
    if index == 0:
        return tr("less than {} minutes").format(f"{limits[0]:g}")
    if index >= len(limits):
        return tr("more than {} minutes").format(f"{limits[-1]:g}")
    return tr("{}–{} minutes").format(f"{limits[index - 1]:g}", f"{limits[index]:g}")


def place_sentence(s: PlaceSummary, type_label) -> str:
    """'In Fredriksberg live 585 people; 88 % have 10–30 minutes by car to a full-range grocery store.'"""
    phrase = type_phrases().get(s.type_key) or tr("a service point of type {}").format(type_label(s.type_key).lower())
    shares = np.nan_to_num(np.asarray(s.shares, dtype=float), nan=-1.0)
    if not np.isfinite(s.population) or s.population <= 0 or shares.max() < 0:
        return tr("Nobody lives in {}; from a point in it, the travel time {} to {} is {} min.").format(
            s.name, mode_phrase(s.mode), phrase, _min(s.median_min))
    i = int(np.argmax(shares))
    share = f"{shares[i]:.0f}\u00a0%"
    if i == len(PLACE_CLASS_KEYS) - 1:
        return tr("In {} live {} people; {} cannot reach {} along the road network.").format(
            s.name, _n(s.population), share, phrase)
    return tr("In {} live {} people; {} have {} {} to {}.").format(
        s.name, _n(s.population), share, class_phrase(i), mode_phrase(s.mode), phrase)


def place_text(summaries: list[PlaceSummary], type_label) -> str:
    lines = [place_sentence(s, type_label) for s in summaries[:MAX_PLACES_SHOWN]]
    if len(summaries) > MAX_PLACES_SHOWN:
        lines.append(tr("… and {} more places: see the report.").format(len(summaries) - MAX_PLACES_SHOWN))
    return "\n".join(lines)
