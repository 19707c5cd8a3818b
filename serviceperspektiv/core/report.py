"""Self-contained HTML report (inline CSS and SVG, nothing fetched from the web) and CSV copies.

Pure Python. The report language is a parameter, independent of the QGIS UI language, because a
planner may need an English copy of a Swedish analysis.
"""
from __future__ import annotations

import csv
import html
import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Optional, Sequence

# Viridis, sampled: colour-blind safe and readable in greyscale; 'unreachable' is grey.
VIRIDIS = ["#fde725", "#90d743", "#35b779", "#21918c", "#31688e", "#443983", "#440154"]
UNREACHABLE_COLOUR = "#9e9e9e"

STRINGS = {
    "sv": {
        "lang": "sv", "generated": "Skapad", "summary": "Sammanfattning per servicetyp",
        "stats": "Befolkning per restidsklass", "charts": "Befolkning per restidsklass (diagram)",
        "sources": "Källor", "parameters": "Parametrar", "source": "Källa", "date": "Datum",
        "parameter": "Parameter", "value": "Värde", "rights": "Upphov och villkor",
        "people": "invånare", "unreachable": "når ingen service",
        "crossings": "Scenario: personer som passerar en klassgräns", "underlag": "Scenario: ändrat underlag per servicepunkt",
        "profile": "Områdesprofil för planområde", "csv": "Tabellerna finns också som CSV-filer:",
        "note": "Restider längs vägnätet med bil om inget annat anges. Summorna per typ inkluderar befolkning "
                "som inte når någon service, så att varje typ summerar till den totala befolkningen.",
    },
    "en": {
        "lang": "en", "generated": "Generated", "summary": "Summary per service type",
        "stats": "Population per travel-time class", "charts": "Population per travel-time class (charts)",
        "sources": "Sources", "parameters": "Parameters", "source": "Source", "date": "Date",
        "parameter": "Parameter", "value": "Value", "rights": "Attribution and terms",
        "people": "people", "unreachable": "reaches no service",
        "crossings": "Scenario: people crossing a class limit", "underlag": "Scenario: change in population base",
        "profile": "Area profile for the plan area", "csv": "The tables are also saved as CSV files:",
        "note": "Travel times along the road network by car unless stated otherwise. The totals per type include "
                "the population that reaches no service, so every type adds up to the total population.",
    },
}

COLUMNS_SV = {
    "type": "Servicetyp", "unit": "Enhet", "class": "Klass", "cells": "Rutor", "population": "Befolkning",
    "share_pct": "Andel (%)", "age_population": "Åldersgrupp", "age_share_pct": "Åldersgrupp andel (%)",
    "threshold": "Gräns", "threshold_unit": "Gränsens enhet", "population_total": "Befolkning totalt",
    "population_reached": "Når service", "population_gap": "I serviceglapp", "gap_share_pct": "Andel i glapp (%)",
    "median_min": "Median (min)", "p90_min": "90:e percentil (min)", "mean_min": "Medel (min)",
    "median_km": "Median (km)", "p90_km": "90:e percentil (km)", "mean_km": "Medel (km)",
    "age_population_gap": "Åldersgrupp i glapp", "limit_min": "Klassgräns (min)", "worse_cells": "Sämre, rutor",
    "worse_population": "Sämre, befolkning", "better_cells": "Bättre, rutor", "better_population": "Bättre, befolkning",
    "service_id": "Id", "name": "Namn", "status": "Status", "population_before": "Underlag före",
    "population_after": "Underlag efter", "population_delta": "Förändring", "cells_before": "Rutor före",
    "cells_after": "Rutor efter", "mean_min_before": "Medel före (min)", "mean_min_after": "Medel efter (min)",
    "population_inside": "Befolkning inom", "population_2km": "Befolkning inom 2 km",
    "population_5km": "Befolkning inom 5 km", "cells_inside": "Rutor inom", "class_order": "Ordning",
    "planid": "Plan-id", "plannamn": "Plannamn",
}
VALUES_SV = {"unreachable": "når ingen", "reachable": "når någon", "kept": "kvar", "removed": "stängd",
             "moved_from": "flyttad (gammal plats)", "moved_to": "flyttad (ny plats)", "added": "ny"}

CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:2em auto;max-width:60em;
color:#222;line-height:1.4}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.2em .5em}
th{background:#f0f0f0;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:1em}.chart{border:1px solid #ddd;padding:.5em}.note{color:#555;font-size:.9em}
@media print{h2{page-break-after:avoid}table{page-break-inside:avoid}}"""


@dataclass
class Table:
    key: str  # file-name part and the STRINGS key of its heading
    columns: list[str]
    rows: list[list[Any]]
    title: Optional[str] = None


@dataclass
class Report:
    title: str
    tables: list[Table] = field(default_factory=list)
    sources: list[tuple[str, str, str]] = field(default_factory=list)  # (layer, attribution, date)
    parameters: dict[str, str] = field(default_factory=dict)
    language: str = "sv"
    created: str = field(default_factory=lambda: date.today().isoformat())


def fmt(value: Any, language: str = "sv") -> str:
    """Numbers with thin-space thousands and (in Swedish) a decimal comma; NULL as a dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
        text = text.replace(",", "\u202f")
        return text.replace(".", ",") if language == "sv" else text
    text = str(value)
    return VALUES_SV.get(text, text) if language == "sv" else text


def _header(column: str, language: str) -> str:
    if language != "sv":
        return column
    for suffix, label in (("_min_median", " median (min)"), ("_km_median", " median (km)"), ("_min_min", " min (min)"),
                          ("_min_max", " max (min)"), ("_inside", " inom området")):
        if column.endswith(suffix) and column not in COLUMNS_SV:
            return column[: -len(suffix)] + label
    return COLUMNS_SV.get(column, column)


def table_html(table: Table, language: str) -> str:
    head = "".join(f"<th>{html.escape(_header(c, language))}</th>" for c in table.columns)
    body = []
    for row in table.rows:
        cells = "".join(
            f'<td class="n">{html.escape(fmt(v, language))}</td>' if isinstance(v, (int, float)) and not isinstance(v, bool)
            else f"<td>{html.escape(fmt(v, language))}</td>" for v in row)
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def class_chart_svg(title: str, labels: Sequence[str], values: Sequence[float], unit: str, language: str = "sv") -> str:
    """Horizontal bars: population per class, the last ('unreachable') in grey."""
    s = STRINGS[language]
    width, bar_h, left, right = 360, 18, 110, 70
    height = 28 + bar_h * len(labels) + 6
    top = max([v for v in values if v] + [1.0])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{html.escape(title)}"><text x="4" y="16" font-size="13" font-weight="bold">'
             f'{html.escape(title)}</text>']
    n_classes = len(labels) - 1
    for i, (label, value) in enumerate(zip(labels, values)):
        y = 26 + i * bar_h
        unreachable = i == len(labels) - 1 and label in ("unreachable", s["unreachable"], VALUES_SV["unreachable"])
        colour = UNREACHABLE_COLOUR if unreachable else VIRIDIS[round(i * (len(VIRIDIS) - 1) / max(n_classes - 1, 1))]
        w = (width - left - right) * (value or 0) / top
        shown = s["unreachable"] if unreachable else f"{label} {unit}"
        parts.append(f'<text x="{left - 4}" y="{y + 13}" font-size="11" text-anchor="end">{html.escape(shown)}</text>'
                     f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{bar_h - 4}" fill="{colour}"/>'
                     f'<text x="{left + w + 4:.1f}" y="{y + 13}" font-size="11">{html.escape(fmt(value, language))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def charts_from_stats(stats: Table, language: str) -> list[str]:
    """One chart per service type from a STATS table (type, unit, class_order, class, ..., population)."""
    col = {c: i for i, c in enumerate(stats.columns)}
    if not {"type", "class", "population"} <= set(col):
        return []
    by_type: dict[str, list[list[Any]]] = {}
    for row in stats.rows:
        by_type.setdefault(str(row[col["type"]]), []).append(row)
    charts = []
    for key, rows in by_type.items():
        if "class_order" in col:
            rows = sorted(rows, key=lambda r: (r[col["class_order"]] if r[col["class_order"]] is not None else 99))
        unit = str(rows[0][col["unit"]]) if "unit" in col else "min"
        charts.append(class_chart_svg(key, [str(r[col["class"]]) for r in rows],
                                      [float(r[col["population"]] or 0) for r in rows], unit, language))
    return charts


def render_html(report: Report, csv_names: Sequence[str] = ()) -> str:
    s = STRINGS.get(report.language, STRINGS["sv"])
    out = [f'<!DOCTYPE html><html lang="{s["lang"]}"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">'
           f"<title>{html.escape(report.title)}</title><style>{CSS}</style></head><body>",
           f"<h1>{html.escape(report.title)}</h1><p>{s['generated']}: {html.escape(report.created)}</p>",
           f'<p class="note">{html.escape(s["note"])}</p>']
    stats = next((t for t in report.tables if t.key == "stats"), None)
    for table in report.tables:
        out.append(f"<h2>{html.escape(table.title or s.get(table.key, table.key))}</h2>")
        out.append(table_html(table, report.language))
        if table is stats:
            charts = charts_from_stats(stats, report.language)
            if charts:
                out.append(f"<h2>{s['charts']}</h2><div class=\"charts\">"
                           + "".join(f'<div class="chart">{c}</div>' for c in charts) + "</div>")
    if report.sources:
        out.append(f"<h2>{s['sources']}</h2>")
        out.append(table_html(Table("sources", [s["source"], s["rights"], s["date"]], [list(x) for x in report.sources]),
                              "en"))
    if report.parameters:
        out.append(f"<h2>{s['parameters']}</h2>")
        out.append(table_html(Table("parameters", [s["parameter"], s["value"]],
                                    [[k, v] for k, v in report.parameters.items()]), "en"))
    if csv_names:
        out.append(f'<p class="note">{s["csv"]} ' + ", ".join(html.escape(n) for n in csv_names) + "</p>")
    out.append("</body></html>")
    return "\n".join(out)


def write_csv(path: Path, table: Table) -> None:
    """UTF-8 with BOM and ';' so that Excel with Swedish settings opens it correctly."""
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow(["" if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in row])


def write_report(report: Report, html_path: Path) -> list[Path]:
    """The HTML file plus <stem>_<table>.csv per table; returns every path written."""
    html_path = Path(html_path)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for table in report.tables:
        path = html_path.with_name(f"{html_path.stem}_{table.key}.csv")
        write_csv(path, table)
        written.append(path)
    html_path.write_text(render_html(report, [p.name for p in written]), encoding="utf-8")
    return [html_path, *written]
