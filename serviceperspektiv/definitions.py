"""One home for the domain definitions shared by the panel, the algorithms, the layouts and the demo.

Travel modes, travel-time classes (limits, labels, colours), layout templates, map extent choices,
the names of result kinds and where the source choices live. Pure Python: no QGIS imports, so the
same definitions serve Processing, the panel and the scripts. English strings here are translated
with ``tr()`` where they are shown.
"""
from __future__ import annotations

from typing import Sequence

from .core.report import UNREACHABLE_COLOUR, VIRIDIS
from .core.speeds import MODES as MODE_KEYS
from .core.statistics import DEFAULT_MINUTE_CLASSES, TVV_MINUTE_CLASSES, StatisticsError, class_labels, parse_limits
from .sources.servicefiles import SERVICE_FILE_FILTER

# -- travel modes --------------------------------------------------------------------------------
# Index = the MODE enum value of every network algorithm; keys are core.speeds.MODES.
MODE_LABELS: tuple[str, ...] = ("Car", "Bike", "Walk")  # the pickers (translated)
MODE_IN_NAMES: tuple[str, ...] = ("car", "bike", "walk")  # in layer names: "Restid apotek (bil)" (translated)
assert len(MODE_KEYS) == len(MODE_LABELS) == len(MODE_IN_NAMES)


def mode_index(mode: str | int | None) -> int:
    """'car' / 'bike' / 'walk' or an enum index -> the index (0 for unknown)."""
    if isinstance(mode, int):
        return mode if 0 <= mode < len(MODE_KEYS) else 0
    return MODE_KEYS.index(mode) if mode in MODE_KEYS else 0


# -- travel-time classes ---------------------------------------------------------------------------
# One set of limits everywhere: the layer style, the legend, the statistics table and the report.
# The default is core.statistics' (5, 10, 20, 30 minutes); the panel's "Klassgränser" overrides it.
DEFAULT_CLASS_LIMITS: tuple[float, ...] = tuple(DEFAULT_MINUTE_CLASSES)
DEFAULT_CLASSES_TEXT = ",".join(f"{v:g}" for v in DEFAULT_CLASS_LIMITS)
# Tillväxtverket's classes (< 5, 5–10, 10–30, > 30 min): fixed in the place analysis (its field names say them).
TVV_CLASS_LIMITS: tuple[float, ...] = tuple(TVV_MINUTE_CLASSES)
NOT_REACHED_COLOUR = UNREACHABLE_COLOUR


class ClassError(ValueError):
    """Class limits that cannot be read; the message says what to fix."""


def class_limits(text: str | Sequence[float] | None) -> tuple[float, ...]:
    """'5,10,20,30' -> (5.0, 10.0, 20.0, 30.0); empty -> the default limits."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return DEFAULT_CLASS_LIMITS
    try:
        return parse_limits(text, "min")
    except StatisticsError as error:
        raise ClassError(str(error)) from None


def limits_text(limits: Sequence[float]) -> str:
    return ",".join(f"{v:g}" for v in limits)


def class_colour(index: int, n_classes: int) -> str:
    """The report's chart colour of class ``index`` of ``n_classes`` (light = near, viridis)."""
    return VIRIDIS[round(index * (len(VIRIDIS) - 1) / max(n_classes - 1, 1))]


def class_styles(limits: Sequence[float], unit: str = "min") -> list[tuple[int, str, str]]:
    """(class index, colour, label) per class; labels as in the STATS table ('< 5 min', '5–10 min')."""
    labels = class_labels(limits)
    return [(i, class_colour(i, len(labels)), f"{text} {unit}") for i, text in enumerate(labels)]


def class_expression(value: str, limits: Sequence[float]) -> str:
    """A QGIS expression giving the class index of ``value`` (-1 for NULL), half-open like the tables."""
    cases = " ".join(f"WHEN {value} < {limit:g} THEN {i}" for i, limit in enumerate(limits))
    return f"CASE WHEN {value} IS NULL THEN -1 {cases} ELSE {len(limits)} END"


def class_of(value: float, limits: Sequence[float]) -> str:
    """The STATS label of one value (half-open classes: exactly 5 is in '5–10')."""
    labels = class_labels(limits)
    for limit, label in zip(limits, labels):
        if value < limit:
            return label
    return labels[-1]


# -- layouts -------------------------------------------------------------------------------------
# Index = the exportmap TEMPLATE enum value; keys are the .qpt file names.
TEMPLATES: tuple[tuple[str, str], ...] = (
    ("a4_portrait", "A4 portrait"),
    ("a4_landscape", "A4 landscape"),
    ("a3_landscape", "A3 landscape"),
)
TEMPLATE_KEYS: tuple[str, ...] = tuple(key for key, _label in TEMPLATES)
DEFAULT_TEMPLATE = 1
# How the PDF map chooses its extent (never silently the full data extent in the panel).
EXTENT_CHOICES: tuple[str, ...] = ("Current map view", "Plan area")

# -- areas and sources ---------------------------------------------------------------------------
AREA_MODES: tuple[str, ...] = ("Municipality", "Map extent", "Polygon layer (selection)")
DEFAULT_MUNICIPALITY = "2085"  # Ludvika
# The source choices of each kind are the SOURCE enum of its fetch algorithm (its SOURCES constant);
# the panel lists them from the algorithm, so they have one home.
FETCH_ALGORITHMS: dict[str, str] = {"services": "fetchservices", "roads": "fetchroads", "population": "fetchpopulation"}
# Service points come from an OSM extract or a register file (a Pipos download is an .xlsx).
SERVICES_FILE_FILTER = "OSM extract (*.osm *.pbf);;" + SERVICE_FILE_FILTER
DATA_FILE_FILTER = "Data files (*.gpkg *.osm *.pbf *.csv *.shp);;All files (*)"
PLAN_FILE_FILTER = "Detaljplan files (*.xml *.gml *.json *.geojson);;All files (*)"

# -- service types -------------------------------------------------------------------------------
# Names come from the catalogue (layouts/catalogue.py, data/service_types.json).
DEFAULT_CHECKED_TYPES: tuple[str, ...] = ("dagligvaror_full", "dagligvaror_ovrig", "drivmedel", "apotek", "post_paket")
PREFERRED_SHOWN_TYPES: tuple[str, ...] = ("dagligvaror_full", "dagligvaror_ovrig")


def default_shown_type(types: Sequence[str]) -> str | None:
    """The type a result shows first: a grocery type when there is one."""
    for key in PREFERRED_SHOWN_TYPES:
        if key in types:
            return key
    return next((t for t in types if t.startswith("dagligvaror")), types[0] if types else None)


# -- result kinds --------------------------------------------------------------------------------
# kind (= the style name an algorithm places its output with) -> English name (tr) of its layers.
# A name that shows a type reads "<name> <type> (<mode>)", e.g. "Restid dagligvaror (bil)".
RESULT_NAMES: dict[str, str] = {
    "nearestservice": "Travel time",
    "servicegaps": "Service gaps",
    "catchments": "Travel-time zones",
    "allocation": "Population base per service point",
    "allocation_areas": "Population base areas",
    "scenario": "Scenario",
    "planareaprofile": "Plan area profile",
    "plan_area": "Plan area",
    "plan_landuse": "Land-use areas",
    "placeanalysis": "Current-state analysis",
    "placeanalysis_points": "Current-state analysis: service points in the places",
}
KINDS_BY_TYPE = ("nearestservice", "servicegaps", "catchments", "allocation", "allocation_areas", "scenario",
                 "placeanalysis")
# Custom properties on result layers (kept in the project file): what the layer is and shows.
PROP_KIND = "serviceperspektiv/kind"
PROP_MODE = "serviceperspektiv/mode"
PROP_TYPE = "serviceperspektiv/type"
PROP_TYPES = "serviceperspektiv/types"
PROP_CLASSES = "serviceperspektiv/classes"
PROP_ROLE = "serviceperspektiv/role"  # context layers: roads, services, population, plan, places
