"""The Swedish report of a place analysis: one section per place with a map, plain sentences and tables.

Pure Python on top of core/report.py (its CSS, number format and tables), self-contained HTML: the
maps are embedded as PNG data, nothing is fetched from the web. The report is Swedish because it
is the planner's deliverable; the table (OUTPUT) carries the same numbers under stable ASCII names.
"""
from __future__ import annotations

import base64
import html
import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

import numpy as np

from .agebands import AGE_GROUP_LABELS
from .placeanalysis import FROM_NOTHING, FROM_POINT, GAP_MINUTES, Access, PlaceAnalysis, PlaceResult, TypeResult
from .report import CSS, Table, fmt, table_html
from .spending import SpendingTable

MODE_PHRASE = {"car": "med bil", "bike": "med cykel", "walk": "till fots"}
# The type in a sentence, with its article: "till en dagligvarubutik med fullsortiment", "något apotek".
TYPE_NOUN = {
    "dagligvaror_full": ("en", "dagligvarubutik med fullsortiment"),
    "dagligvaror_ovrig": ("en", "dagligvarubutik utan fullsortiment"),
    "drivmedel": ("en", "drivmedelsstation"),
    "apotek": ("ett", "apotek"),
    "apoteksombud": ("ett", "apoteksombud"),
    "post_paket": ("ett", "post- eller paketombud"),
    "kontantuttag": ("en", "uttagsautomat"),
    "betalning": ("ett", "ställe för betalningsförmedling"),
    "grundskola": ("en", "grundskola"),
    "forskola": ("en", "förskola"),
    "vardcentral": ("en", "vårdcentral"),
    "bibliotek": ("ett", "bibliotek"),
    "aldreboende": ("ett", "äldreboende"),
}
CLASS_PHRASE = ("mindre än 5 minuter", "5–10 minuter", "10–30 minuter", "mer än 30 minuter")
# The run's parameters (OUTPUT's metadata keys) as the report names them; unknown keys are shown as they are.
PARAMETER_LABELS = {
    "mode": "Färdsätt", "roads": "Vägar (objekt)", "defaulted_speeds": "Vägar utan hastighet (schablonhastighet)",
    "speed_fields": "Hastighetsfält", "components": "Delnät i vägnätet", "crs": "Koordinatsystem",
    "access_speed_kmh": "Anslutningshastighet (km/h)", "bands": "Restidsintervall runt orten (min)",
    "classes": "Restidsklasser (min)", "types": "Servicetyper", "population_field": "Befolkningsfält",
    "age_fields": "Åldersfält", "place_name_field": "Ortnamnsfält", "spending_file": "Köpkraftsfil",
    "spend": "Köpkraft per person och år", "scenario_types": "Servicetyper i scenariot",
}
MODE_NAMES = {"car": "bil", "bike": "cykel", "walk": "gång"}
CLASS_HEADERS = ("< 5 min (%)", "5–10 min (%)", "10–30 min (%)", "> 30 min (%)", "Når ingen (%)")
EXTRA_CSS = """img.map{max-width:100%;border:1px solid #ccc;margin:.5em 0}p.s{margin:.4em 0}
h3{font-size:1.05em;margin-top:1.4em}nav ul{columns:2}dl dt{font-weight:bold;margin-top:.6em}"""


@dataclass
class ReportInputs:
    places: list[str]
    labels: dict[str, str]  # type key -> Swedish name
    mode: str  # core.speeds.MODES
    spending: SpendingTable
    service_names: list[Optional[str]]  # per combined service index
    service_ids: list[Optional[int]]  # feature id per combined service index (None for added points)
    sources: list[str] = field(default_factory=list)  # attribution lines of the inputs
    parameters: dict = field(default_factory=dict)
    maps: list[Optional[bytes]] = field(default_factory=list)  # PNG per place
    age_fields: list[str] = field(default_factory=list)
    title: str = ""
    created: str = field(default_factory=lambda: date.today().isoformat())


# -- formatting --------------------------------------------------------------------------------------
def _n(value: float) -> str:
    """Whole people/minutes for sentences: '1 250'."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    return fmt(float(round(value)))


def _min(value: float) -> str:
    return "–" if value is None or not math.isfinite(value) else fmt(round(float(value), 1))


def _minutes(value: float) -> str:
    """'1 minut', '29,5 minuter' (a sentence's number with its noun)."""
    text = _min(value)
    return f"{text} minut" if text == "1" else f"{text} minuter"


def _pct(value: float) -> str:
    return "–" if value is None or not math.isfinite(value) else f"{round(value):.0f}\u00a0%"


def money(value: Optional[float]) -> str:
    """'28,3 miljoner kronor' / '450 000 kronor'."""
    if value is None or not math.isfinite(value):
        return "–"
    if value >= 1e6:
        return fmt(round(value / 1e6, 1)) + " miljoner kronor"
    return fmt(float(round(value, -3))) + " kronor"


def _e(text: str) -> str:
    return html.escape(text)


def type_noun(key: str, label: str) -> tuple[str, str]:
    """(article, noun) of a type; unknown types read 'en servicepunkt av typen <label>'."""
    return TYPE_NOUN.get(key, ("en", f"servicepunkt av typen {label.lower()}"))


def type_phrase(key: str, label: str) -> str:
    """'en dagligvarubutik med fullsortiment'."""
    return " ".join(type_noun(key, label))


def any_of(key: str, label: str) -> str:
    """'någon dagligvarubutik med fullsortiment' / 'något apotek'."""
    article, noun = type_noun(key, label)
    return ("någon " if article == "en" else "något ") + noun


def _point(inputs: ReportInputs, s: int) -> str:
    """A point in a table: its name and feature id, so it can be found in the layer."""
    name = inputs.service_names[s] if 0 <= s < len(inputs.service_names) else None
    ident = inputs.service_ids[s] if 0 <= s < len(inputs.service_ids) else None
    if ident is None:
        return name or "ny servicepunkt"
    return f"{name} (id {ident})" if name else f"servicepunkt id {ident}"


def _point_name(inputs: ReportInputs, s: int) -> str:
    """A point in a sentence: its name alone (the tables give the id), unless another point has the same name."""
    name = inputs.service_names[s] if 0 <= s < len(inputs.service_names) else None
    if name and inputs.service_names.count(name) == 1:
        return name
    return _point(inputs, s)


# -- sentences -----------------------------------------------------------------------------------------
def population_sentences(result: PlaceResult, analysis: PlaceAnalysis, inputs: ReportInputs) -> list[str]:
    mode = MODE_PHRASE.get(inputs.mode, "")
    inside = result.inside
    out = []
    if inside.population > 0:
        out.append(f"I {result.name} bor {_n(inside.population)} personer ({inside.cells} befolkningsrutor).")
        if inside.ages is not None:
            a = inside.ages
            out.append(f"Åldrar: {_n(a[0])} är 0–19 år, {_n(a[1])} är 20–64 år, {_n(a[2])} är 65–79 år och "
                       f"{_n(a[3])} är 80 år eller äldre.")
    else:
        out.append(f"I {result.name} finns ingen befolkningsruta med invånare; restiderna mäts därför från en punkt "
                   "i området.")
    if len(result.zones) > 1:
        first, *rest = result.zones[1:]
        parts = [f"inom {fmt(z.limit_min)} minuter {_n(z.population)}" for z in rest]
        listed = ", ".join(parts[:-1]) + " och " + parts[-1] if len(parts) > 1 else "".join(parts)
        out.append(f"Inom {fmt(first.limit_min)} minuter {mode} till orten bor {_n(first.population)} personer"
                   + (f", {listed}" if listed else "") + " (orten inräknad).")
    return out


def _dominant(access: Access) -> tuple[int, float]:
    shares = np.nan_to_num(access.class_share)
    i = int(np.argmax(shares))
    return i, float(shares[i])


def type_sentences(key: str, t: TypeResult, analysis: PlaceAnalysis, inputs: ReportInputs, place: str) -> list[str]:
    """The sentences of one type, to follow its name ('Dagligvaror, övriga: …')."""
    label = inputs.labels.get(key, key)
    phrase = type_phrase(key, label)
    mode = MODE_PHRASE.get(inputs.mode, "")
    out = []
    n = len(t.inside_points)
    if n:
        names = [_point_name(inputs, int(s)) for s in t.inside_points]
        listed = names[0] if n == 1 else ", ".join(names[:-1]) + " och " + names[-1]
        out.append(f"{n} i orten: {listed}.")
    elif t.nearest_out >= 0:  # the median to it is the residents' median: the class sentence need not repeat it
        where = f"Ingen i orten. Närmast utanför ligger {_point_name(inputs, t.nearest_out)}"
        if t.access.measured_from != FROM_POINT:
            out.append(f"{where}; hälften av invånarna har högst {_minutes(t.nearest_out_min)} "
                       f"({_min(t.nearest_out_km)} km) dit.")
        else:
            out.append(f"{where}, {_minutes(t.nearest_out_min)} ({_min(t.nearest_out_km)} km) från orten.")
    else:
        out.append("Ingen i orten, och ingen som går att nå längs vägnätet.")
    a = t.access
    if a.measured_from not in (FROM_POINT, FROM_NOTHING) and a.population > 0:
        i, share = _dominant(a)
        if i < len(CLASS_PHRASE):
            median = f" (medianen är {_minutes(a.median_min)})" if n or t.nearest_out < 0 else ""
            out.append(f"{_pct(share)} av invånarna har {CLASS_PHRASE[i]} {mode} till {phrase}{median}.")
        else:
            out.append(f"{_pct(share)} av invånarna når inte {any_of(key, label)} alls längs vägnätet.")
        muni = analysis.municipality[key]
        if muni.population > 0:
            here, there = a.share_over_gap, muni.share_over_gap
            verdict = "."
            if here > there + 1:
                verdict = f": {place} har sämre tillgång än kommunen som helhet."
            elif here < there - 1:
                verdict = f": {place} har bättre tillgång än kommunen som helhet."
            out.append(f"Mer än {fmt(GAP_MINUTES)} minuter har {_pct(here)} i orten och {_pct(there)} i hela "
                       f"kommunen{verdict}")
    elif a.measured_from == FROM_POINT:
        out.append(f"Från en punkt i området är restiden till {phrase} {_minutes(a.median_min)} {mode}.")
    return out


def underlag_sentences(analysis: PlaceAnalysis, p: int, inputs: ReportInputs) -> list[str]:
    out = []
    for point in (q for q in analysis.points if q.place == p and math.isfinite(q.population)):
        label = inputs.labels.get(point.key, point.key)
        text = (f"{_point_name(inputs, point.service)} är den närmaste av sin typ för {_n(point.population)} personer, "
                f"varav {_n(point.population_inside)} bor i orten; de har i dag i genomsnitt {_minutes(point.mean_min)} dit.")
        noun = type_noun(point.key, label)[1]
        if math.isfinite(point.closed_mean_min):
            text += (f" Om den stängde skulle de i genomsnitt få {_minutes(point.closed_mean_min)} "
                     f"({_min(point.closed_mean_km)} km) till närmaste andra {noun}.")
        if point.closed_no_service > 0:
            text += f" {_n(point.closed_no_service)} av dem skulle inte nå {any_of(point.key, label)} alls."
        spend = inputs.spending.for_type(point.key)
        if spend is not None and spend.sek_per_capita is not None:
            text += (f" Underlagets årliga köpkraft för {spend.label_sv.lower()} är högst "
                     f"{money(point.population * spend.sek_per_capita)} ({_n(point.population)} personer × "
                     f"{spend_basis(spend)}; förutsätter att de köper alla sina {spend.label_sv.lower()} där).")
        out.append(text)
    return out


def spend_basis(spend) -> str:
    """'31 429 kronor per person och år, rikets genomsnitt 2020 enligt SCB'."""
    publisher = spend.sources[0].get("publisher", "").split(" (")[0] if spend.sources else ""
    source = f" enligt {publisher}" if publisher else ""
    return f"{_n(spend.sek_per_capita)} kronor per person och år, rikets genomsnitt {spend.year}{source}"


def resident_spending_sentence(result: PlaceResult, inputs: ReportInputs) -> Optional[str]:
    parts = []
    seen = set()
    for key in result.types:
        spend = inputs.spending.for_type(key)
        if spend is None or spend.sek_per_capita is None or spend.category in seen:
            continue
        seen.add(spend.category)
        parts.append(f"{spend.label_sv.lower()} {money(result.inside.population * spend.sek_per_capita)} "
                     f"({_n(result.inside.population)} personer × {spend_basis(spend)})")
    if not parts or result.inside.population <= 0:
        return None
    return "Invånarnas samlade köpkraft per år, var de än handlar: " + ", ".join(parts) + "."


def scenario_sentences(result: PlaceResult, inputs: ReportInputs) -> list[str]:
    out = []
    for key, t in result.types.items():
        if t.scenario is None:
            continue
        label = inputs.labels.get(key, key)
        before, after = t.access, t.scenario.access
        text = (f"Scenariot, {label.lower()}: medelrestiden för invånarna går från {_min(before.mean_min)} till "
                f"{_minutes(after.mean_min)}")
        if before.measured_from not in (FROM_POINT, FROM_NOTHING) and before.population > 0:
            text += (f"; andelen med mer än {fmt(GAP_MINUTES)} minuter från {_pct(before.share_over_gap)} till "
                     f"{_pct(after.share_over_gap)}")
        text += (f". I orten finns {len(t.inside_points)} före och {len(t.scenario.inside_points)} efter; deras "
                 f"underlag går från {_n(t.underlag_population)} till {_n(t.scenario.underlag_population)} personer.")
        out.append(text)
    return out


# -- tables --------------------------------------------------------------------------------------------
def population_table(result: PlaceResult, has_ages: bool) -> Table:
    columns = ["Område", "Befolkning", "Rutor"] + ([f"{g} år" for g in AGE_GROUP_LABELS] if has_ages else [])
    rows = []
    for zone in result.zones:
        name = "I orten" if zone.limit_min is None else f"Inom {fmt(zone.limit_min)} min"
        row = [name, round(zone.population), zone.cells]
        if has_ages and zone.ages is not None:
            row += [round(float(v)) for v in zone.ages]
        rows.append(row)
    return Table("population", columns, rows)


def access_table(result: PlaceResult, analysis: PlaceAnalysis, inputs: ReportInputs) -> Table:
    columns = ["Servicetyp", "I orten", "Medel (min)", "Median (min)", "Median (km)", *CLASS_HEADERS,
               "Närmast utanför", "Dit (min)", "Dit (km)"]
    rows = []
    for key, t in result.types.items():
        a = t.access
        rows.append([inputs.labels.get(key, key), len(t.inside_points), _r(a.mean_min), _r(a.median_min),
                     _r(a.median_km), *[_r(v) for v in a.class_share],
                     _point(inputs, t.nearest_out) if t.nearest_out >= 0 else "–", _r(t.nearest_out_min),
                     _r(t.nearest_out_km)])
    return Table("access", columns, rows)


def underlag_table(analysis: PlaceAnalysis, p: int, inputs: ReportInputs) -> Optional[Table]:
    points = [q for q in analysis.points if q.place == p]
    if not points:
        return None
    scenario = any(math.isfinite(q.population_after) for q in points)
    columns = ["Servicetyp", "Servicepunkt", *(["Status"] if scenario else []), "Underlag", "varav i orten",
               "Medel i dag (min)", "Om den stängde (min)", "Om den stängde (km)", "Utan alternativ", "Köpkraft/år (kr)"]
    if scenario:  # the status (kept, closed, new) only means something with a scenario
        columns.append("Underlag efter scenariot")
    rows = []
    for q in points:
        per = inputs.spending.per_capita(q.key)
        row = [inputs.labels.get(q.key, q.key), _point(inputs, q.service), *([q.status] if scenario else []),
               _r(q.population, 0), _r(q.population_inside, 0), _r(q.mean_min), _r(q.closed_mean_min),
               _r(q.closed_mean_km), _r(q.closed_no_service, 0),
               _r(q.population * per, -3) if per is not None and math.isfinite(q.population) else None]
        if scenario:
            row.append(_r(q.population_after, 0))
        rows.append(row)
    return Table("underlag", columns, rows)


def comparison_table(result: PlaceResult, analysis: PlaceAnalysis, inputs: ReportInputs) -> Table:
    columns = ["Servicetyp", f"> {fmt(GAP_MINUTES)} min i orten (%)", f"> {fmt(GAP_MINUTES)} min i kommunen (%)",
               "Median i orten (min)", "Median i kommunen (min)", "Medel i orten (min)", "Medel i kommunen (min)"]
    rows = []
    for key, t in result.types.items():
        muni = analysis.municipality[key]
        here = t.access.share_over_gap if t.access.population > 0 else float("nan")
        rows.append([inputs.labels.get(key, key), _r(here), _r(muni.share_over_gap), _r(t.access.median_min),
                     _r(muni.median_min), _r(t.access.mean_min), _r(muni.mean_min)])
    return Table("comparison", columns, rows)


def scenario_table(result: PlaceResult, analysis: PlaceAnalysis, inputs: ReportInputs) -> Optional[Table]:
    rows = []
    for key, t in result.types.items():
        if t.scenario is None:
            continue
        after = t.scenario.access
        muni_after = analysis.municipality_after.get(key)
        rows.append([inputs.labels.get(key, key), len(t.inside_points), len(t.scenario.inside_points),
                     _r(t.access.mean_min), _r(after.mean_min), _r(after.mean_min - t.access.mean_min),
                     _r(t.access.share_over_gap if t.access.population > 0 else float("nan")),
                     _r(after.share_over_gap if after.population > 0 else float("nan")),
                     _r(t.underlag_population, 0), _r(t.scenario.underlag_population, 0),
                     _r(muni_after.share_over_gap) if muni_after is not None else None])
    if not rows:
        return None
    columns = ["Servicetyp", "I orten före", "I orten efter", "Medel före (min)", "Medel efter (min)",
               "Förändring (min)", f"> {fmt(GAP_MINUTES)} min före (%)", f"> {fmt(GAP_MINUTES)} min efter (%)",
               "Underlag före", "Underlag efter", f"Kommunen > {fmt(GAP_MINUTES)} min efter (%)"]
    return Table("scenario", columns, rows)


def _r(value, digits: int = 1):
    if value is None:
        return None
    value = float(value)
    if not math.isfinite(value):
        return None
    return float(round(value, digits))


# -- the page --------------------------------------------------------------------------------------------
def _section(analysis: PlaceAnalysis, p: int, inputs: ReportInputs) -> str:
    result = analysis.places[p]
    anchor = f"ort-{p + 1}"
    out = [f'<h2 id="{anchor}">{_e(result.name)}</h2>']
    png = inputs.maps[p] if p < len(inputs.maps) else None
    if png:
        data = base64.b64encode(png).decode("ascii")
        out.append(f'<img class="map" alt="Karta över {_e(result.name)}" src="data:image/png;base64,{data}">')
    sentences = population_sentences(result, analysis, inputs)
    spending = resident_spending_sentence(result, inputs)
    if spending:
        sentences.append(spending)
    out += [f'<p class="s">{_e(s)}</p>' for s in sentences]
    out.append("<h3>Befolkning i orten och runt den</h3>")
    out.append(table_html(population_table(result, analysis.has_ages), "sv"))
    out.append("<h3>Service</h3>")
    for key, t in result.types.items():  # one paragraph per type, led by its name
        text = " ".join(type_sentences(key, t, analysis, inputs, result.name))
        out.append(f'<p class="s"><b>{_e(inputs.labels.get(key, key))}:</b> {_e(text)}</p>')
    out.append(table_html(access_table(result, analysis, inputs), "sv"))
    table = underlag_table(analysis, p, inputs)
    if table is not None:
        out.append("<h3>Underlag för servicen i orten</h3>")
        out += [f'<p class="s">{_e(s)}</p>' for s in underlag_sentences(analysis, p, inputs)]
        out.append(table_html(table, "sv"))
    out.append("<h3>Jämfört med hela kommunen</h3>")
    out.append(table_html(comparison_table(result, analysis, inputs), "sv"))
    table = scenario_table(result, analysis, inputs)
    if table is not None:
        out.append("<h3>Scenario</h3>")
        out += [f'<p class="s">{_e(s)}</p>' for s in scenario_sentences(result, inputs)]
        out.append(table_html(table, "sv"))
    return "\n".join(out)


def definitions(analysis: PlaceAnalysis, inputs: ReportInputs) -> list[tuple[str, str]]:
    mode = MODE_PHRASE.get(inputs.mode, "")
    classes = ", ".join(["< 5", "5–10", "10–30", "> 30"])
    items = [
        ("I orten", "En befolkningsruta eller servicepunkt räknas till orten när dess representativa punkt (rutans "
                    "mittpunkt, eller en punkt på ytan) ligger inom ortens polygon."),
        ("Restid", f"Restid {mode} längs vägnätet, från bostadsrutan till närmaste servicepunkt av typen. Sträckan "
                   "mellan punkten och närmaste väg räknas med färdsättets anslutningshastighet."),
        ("Restid till orten", "Restiden till närmaste punkt där vägnätet går in i orten (där en väg korsar ortens "
                              "gräns; finns ingen sådan väg mäts till en punkt i orten). Intervallen är kumulativa och "
                              "omfattar orten själv."),
        ("Medel och median", "Befolkningsviktade över rutorna i orten. Saknar orten invånare mäts från en punkt i "
                             "området."),
        ("Restidsklasser", f"Tillväxtverkets klasser {classes} minuter; andelarna räknas på ortens befolkning, och "
                           "de som inte når någon servicepunkt längs vägnätet redovisas för sig."),
        ("Närmast utanför", "Den servicepunkt utanför orten som är närmast för flest av invånarna; restiden dit är "
                            "medianen av invånarnas restid till närmaste punkt utanför orten."),
        ("Underlag", "De personer för vilka servicepunkten är den närmaste av sin typ (samma fördelning som "
                     "algoritmen Underlag per serviceställe). Om den stängde: samma personers restid till närmaste "
                     "andra punkt av typen (samma som ett scenario som stänger den)."),
        ("Jämförelse", "Hela kommunen = alla befolkningsrutor i indata."),
    ]
    if analysis.has_ages:
        items.append(("Åldersgrupper", "Summor av rutnätets åldersband (" + ", ".join(inputs.age_fields) + "). "
                      "SCB kan justera små värden av sekretesskäl, så åldersgrupperna summerar inte alltid exakt "
                      "till totalen."))
    return items


def spending_section(inputs: ReportInputs) -> list[str]:
    out = ["<h3>Köpkraft</h3>"]
    for c in inputs.spending.categories:
        if c.sek_per_capita is None:
            out.append(f"<p>{_e(c.label_sv)}: ingen siffra i {_e(Path(inputs.spending.path).name)}. "
                       f"{_e(c.note_sv)}</p>")
            continue
        text = (f"{c.label_sv}: {_n(c.sek_per_capita)} kronor per person och år ({c.year}).")
        d = c.derivation
        if d:
            text += f" Härledning: {d.get('numerator_text_sv', '')} / {d.get('denominator_text_sv', '')}."
        out.append(f"<p>{_e(text)} {_e(c.assumption_sv)}</p>")
        links = []
        for s in c.sources:
            title = _e(f"{s.get('publisher', '')}: {s.get('title', '')} ({s.get('date', '')})")
            links.append(f'<li><a href="{_e(s["url"])}">{title}</a></li>' if s.get("url") else f"<li>{title}</li>")
        out.append("<ul>" + "".join(links) + "</ul>")
    return out


def parameter_value(key: str, value, inputs: ReportInputs) -> str:
    """A parameter's value for the reader: type names, not keys; the mode in Swedish; '–' for nothing."""
    if key == "mode":
        return MODE_NAMES.get(str(value), str(value))
    if key in ("types", "scenario_types"):
        value = ", ".join(inputs.labels.get(k, k) for k in str(value).split(",") if k)
    if isinstance(value, float):
        value = fmt(value)
    return str(value) if str(value) != "" else "–"


def render_report(analysis: PlaceAnalysis, inputs: ReportInputs) -> str:
    title = inputs.title or ("Nulägesanalys: " + (analysis.places[0].name if len(analysis.places) == 1
                                                  else f"{len(analysis.places)} orter"))
    out = [f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(title)}</title>'
           f"<style>{CSS}{EXTRA_CSS}</style></head><body>",
           f"<h1>{_e(title)}</h1><p>Skapad: {_e(inputs.created)}</p>",
           '<p class="note">Nulägesanalys av kommersiell och offentlig service: vem som bor i orten och runt den, '
           "vilken service som finns, underlaget för den lokala servicen och jämförelsen med kommunen. Definitioner, "
           "källor och antaganden står sist.</p>"]
    # What the numbers rest on, before any number (e.g. that the data are illustrative), or that nobody says.
    sources = " · ".join(inputs.sources) or "indatalagren anger ingen källa (rättigheter i lagrets metadata)."
    out.append(f'<p class="note"><b>Data:</b> {_e(sources)}</p>')
    if len(analysis.places) > 1:
        out.append("<nav><ul>" + "".join(f'<li><a href="#ort-{i + 1}">{_e(r.name)}</a></li>'
                                         for i, r in enumerate(analysis.places)) + "</ul></nav>")
    for p in range(len(analysis.places)):
        out.append(_section(analysis, p, inputs))
    out.append("<h2>Definitioner, källor och antaganden</h2><dl>")
    out += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in definitions(analysis, inputs)]
    out.append("</dl>")
    out += spending_section(inputs)
    if inputs.sources:
        out.append("<h3>Data</h3><ul>" + "".join(f"<li>{_e(s)}</li>" for s in inputs.sources) + "</ul>")
    if inputs.parameters:
        out.append("<h3>Parametrar</h3>")
        out.append(table_html(Table("parameters", ["Parameter", "Värde"],
                                    [[PARAMETER_LABELS.get(k, k), parameter_value(k, v, inputs)]
                                     for k, v in inputs.parameters.items()]), "sv"))
    out.append("</body></html>")
    return "\n".join(out)
