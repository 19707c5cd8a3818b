"""report: self-contained HTML (inline SVG, offline), CSV copies, Swedish and English."""
from __future__ import annotations

import csv

from serviceperspektiv.core.report import Report, Table, class_chart_svg, fmt, render_html
from tests.test_gaps_data import line_town, network_params


def test_format_and_chart():
    assert fmt(1234567.0, "sv") == "1\u202f234\u202f567"
    assert fmt(2.25, "sv") == "2,2" or fmt(2.25, "sv") == "2,3"
    assert fmt(2.5, "en") == "2.5" and fmt(None) == "–" and fmt("removed", "sv") == "stängd"
    svg = class_chart_svg("apotek", ["< 5", "5–10", "unreachable"], [10, 20, 3], "min")
    assert svg.startswith("<svg") and svg.count("<rect") == 3 and "#9e9e9e" in svg


def test_render_offline():
    page = render_html(Report("T", [Table("stats", ["type", "unit", "class_order", "class", "population"],
                                          [["a", "min", 0, "< 5", 3.0], ["a", "min", 1, "unreachable", 1.0]])]))
    for forbidden in ("<script", "<link", "@import", "src=", "url("):
        assert forbidden not in page
    assert "<svg" in page and 'lang="sv"' in page and "Befolkning" in page


def test_report_algorithm(run_alg, tmp_path):
    roads, services, origins = line_town()
    gaps = run_alg("servicegaps", network_params(roads, services, origins, {
        "GAPS": "memory:", "STATS": "memory:", "SUMMARY": "memory:"}))
    out = tmp_path / "rapport.html"
    result = run_alg("report", {"STATS": gaps["STATS"], "SUMMARY": gaps["SUMMARY"], "TITLE": "Fredriksberg",
                                "OUTPUT": str(out)})
    page = out.read_text(encoding="utf-8")
    assert result["OUTPUT"] == str(out)
    assert page.count("<svg") == 3 and "Sammanfattning per servicetyp" in page and "I serviceglapp" in page
    assert "maxspeed" not in page or "Parametrar" in page
    assert "Parametrar" in page and "thresholds" in page
    stats_csv = tmp_path / "rapport_stats.csv"
    with open(stats_csv, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:4] == ["type", "unit", "class_order", "class"] and len(rows) == 1 + 3 * 6
    assert (tmp_path / "rapport_summary.csv").exists()
    english = tmp_path / "report_en.html"
    run_alg("report", {"STATS": gaps["STATS"], "LANGUAGE": 1, "OUTPUT": str(english)})
    assert "Population per travel-time class" in english.read_text(encoding="utf-8")
