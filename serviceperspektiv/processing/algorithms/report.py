"""serviceperspektiv:report – a self-contained HTML report with CSV copies of every table."""
from __future__ import annotations

import math
from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ... import definitions as d
from ...adapters.layers import is_null, numeric_column
from ...core import statistics as st
from ...core.report import Report, Table, write_report
from ...i18n import tr
from ...layouts import catalogue
from ..base import ServiceperspektivAlgorithm
from ..summaries import profile_summaries, scenario_summaries

STATS = "STATS"
SUMMARY = "SUMMARY"
CROSSINGS = "CROSSINGS"
UNDERLAG = "UNDERLAG"
PROFILE = "PROFILE"
NEAREST = "NEAREST"
SCENARIO = "SCENARIO"
CLASSES = "CLASSES"
TITLE = "TITLE"
LANGUAGE = "LANGUAGE"
OUTPUT = "OUTPUT"
CSV_FILES = "CSV_FILES"
LANGUAGES = ("sv", "en")
TABLE_INPUTS = ((SUMMARY, "summary"), (STATS, "stats"), (CROSSINGS, "crossings"), (UNDERLAG, "underlag"),
                (PROFILE, "profile"))
PROFILE_KEEP = ("planid", "plannamn", "population_inside", "population_2km", "population_5km", "cells_inside")
POPULATION_FIELDS = ("pop", "population", "befolkning", "beftotalt", "folkmangd")
# Headings of the tables this algorithm adds (core.report knows the others): (Swedish, English).
HEADINGS = {
    "type": ("Servicetyp", "Service type"), "people_worse": ("Längre restid, invånare", "Longer trip, people"),
    "people_better": ("Kortare restid, invånare", "Shorter trip, people"),
    "lost_access": ("Når ingen service längre", "No service any more"),
    "mean_change_min": ("Medelförändring (min)", "Mean change (min)"),
    "max_change_min": ("Största förändring (min)", "Largest change (min)"),
    "threshold": ("Gräns", "Threshold"), "over_before": ("Över gränsen före", "Beyond it before"),
    "over_after": ("Över gränsen efter", "Beyond it after"), "planid": ("Plan-id", "Plan id"),
    "median_min": ("Median (min)", "Median (min)"), "new_median_min": ("Med ny service i området (min)",
                                                                       "With a new service in the area (min)"),
}
TITLES = {"scenario_summary": ("Scenario: sammanfattning", "Scenario: summary"),
          "profile_types": ("Planområdet: restid per servicetyp", "Plan area: travel time per service type"),
          "nearest": ("Befolkning per restidsklass (restid till närmaste service)",
                      "Population per travel-time class (travel time to nearest service)")}


def _plain(value):
    if is_null(value):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value if isinstance(value, (int, float, str, bool)) else str(value)


class ReportAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "report"
    DISPLAY = "Report (HTML)"
    HELP = (
        "Writes a self-contained HTML report (works offline: no scripts or fonts from the web) from the tables of "
        "'Service gaps' (SUMMARY, STATS), 'Scenario' (CROSSINGS, UNDERLAG, and a summary from its OUTPUT given as "
        "SCENARIO) and 'Area profile for a plan area' (PROFILE), and from a 'Travel time to nearest service' result "
        "(NEAREST: population per class in CLASSES, when no STATS is given). Service types appear by their names. "
        "It holds the tables, a small chart per service type (population per travel-time class), the sources "
        "with their dates and the parameters used, read from the layers' metadata. Every table is also written as "
        "a CSV file next to the report (<name>_<table>.csv; UTF-8, ';'-separated). Language: Swedish or English."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        for name, label in ((SUMMARY, "Summary per service type"), (STATS, "Population per travel-time class"),
                            (CROSSINGS, "Scenario: people crossing a class limit"),
                            (UNDERLAG, "Scenario: change in population base per service point"),
                            (PROFILE, "Area profile")):
            self.addParameter(QgsProcessingParameterFeatureSource(name, tr(label), [QgsProcessing.SourceType.TypeVector],
                                                                  optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            NEAREST, tr("Travel time to nearest service (a result of 'Travel time to nearest service')"),
            [QgsProcessing.SourceType.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            SCENARIO, tr("Scenario: travel time before and after"), [QgsProcessing.SourceType.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterString(
            CLASSES, tr("Class limits in minutes, comma-separated"), d.DEFAULT_CLASSES_TEXT, optional=True))
        self.addParameter(QgsProcessingParameterString(TITLE, tr("Title"), "Serviceperspektiv", optional=True))
        self.addParameter(QgsProcessingParameterEnum(LANGUAGE, tr("Report language"), [tr("Swedish"), tr("English")],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterFileDestination(OUTPUT, tr("Report"), tr("HTML files (*.html)")))
        self.addOutput(QgsProcessingOutputString(CSV_FILES, tr("CSV files")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        language = LANGUAGES[self.parameterAsEnum(parameters, LANGUAGE, context)]
        report = Report(self.parameterAsString(parameters, TITLE, context) or "Serviceperspektiv", language=language)
        try:
            limits = d.class_limits(self.parameterAsString(parameters, CLASSES, context))
        except d.ClassError as error:
            self.fail(tr("Class limits: {}").format(error), feedback)
        for name, key in TABLE_INPUTS:
            if not parameters.get(name):
                continue
            source = self._source(parameters, name, context, feedback)
            columns = [f.name() for f in source.fields() if f.name().lower() != "fid"]
            if key == "profile":
                columns = [c for c in columns if c in PROFILE_KEEP]
            rows = [[_plain(f[c]) for c in columns] for f in source.getFeatures()]
            report.tables.append(Table(key, columns, self._type_names(columns, rows, language)))
            if key == "profile":
                self._profile_types(report, parameters, context, language)
            self._collect(report, parameters, name, context)
        if parameters.get(NEAREST) and not parameters.get(STATS):
            self._nearest_table(report, parameters, context, feedback, limits, language)
        if parameters.get(SCENARIO):
            self._scenario_table(report, parameters, context, feedback, language)
        if not report.tables:
            self.fail(tr("Report: give at least one table (SUMMARY, STATS, CROSSINGS, UNDERLAG or PROFILE), "
                         "or a NEAREST or SCENARIO layer."), feedback)
        path = Path(self.parameterAsFileOutput(parameters, OUTPUT, context))
        if path.suffix.lower() not in (".html", ".htm"):
            path = path.with_suffix(".html")
        try:
            written = write_report(report, path)
        except OSError as error:
            self.fail(tr("Report: could not write {} ({}).").format(path, error), feedback)
        feedback.pushInfo(tr("Report written: {} (+ {} CSV file(s)).").format(written[0], len(written) - 1))
        return {OUTPUT: str(written[0]), CSV_FILES: ";".join(str(p) for p in written[1:])}

    def _source(self, parameters, name, context, feedback):
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            self.fail(tr("{}: the layer could not be opened.").format(name), feedback)
        return source

    def _collect(self, report: Report, parameters, name, context) -> None:
        layer = self.parameterAsVectorLayer(parameters, name, context)
        if layer is not None:
            self._collect_metadata(report, layer)

    @staticmethod
    def _type_names(columns: list[str], rows: list[list], language: str) -> list[list]:
        """Service types by their names in the report's language, not their keys."""
        if "type" not in columns:
            return rows
        i = columns.index("type")
        return [[catalogue.label(str(v), language) if j == i and v else v for j, v in enumerate(row)] for row in rows]

    @staticmethod
    def _heading(key: str, language: str) -> str:
        return HEADINGS[key][0 if language == "sv" else 1]

    def _table(self, report: Report, key: str, columns: list[str], rows: list[list], language: str) -> None:
        title = TITLES[key][0 if language == "sv" else 1]
        report.tables.append(Table(key, [self._heading(c, language) for c in columns], rows, title))

    def _nearest_table(self, report, parameters, context, feedback, limits, language) -> None:
        """Population per class and type from a nearest-service result, in the panel's classes."""
        source = self._source(parameters, NEAREST, context, feedback)
        names = source.fields().names()
        keys = catalogue.result_types(names)
        if not keys:
            self.fail(tr("{}: the layer has no T_min/T_km fields. Choose a result of 'Travel time to nearest "
                         "service'.").format(NEAREST), feedback)
        features = list(source.getFeatures())
        pop_field = next((n for n in names if n.lower() in POPULATION_FIELDS), None)
        population = numeric_column([f[pop_field] for f in features], pop_field) if pop_field else None
        population, _missing = st.clean_population(population, len(features))
        rows = []
        for key in keys:
            minutes = numeric_column([f[f"{key}_min"] for f in features], f"{key}_min")
            for order, row in enumerate(st.class_table(minutes, population, limits)):
                rows.append([catalogue.label(key, language), "min", order, row.label, row.cells, row.population,
                             row.share_pct])
        report.tables.append(Table("stats", ["type", "unit", "class_order", "class", "cells", "population", "share_pct"],
                                   rows, TITLES["nearest"][0 if language == "sv" else 1]))
        self._collect(report, parameters, NEAREST, context)

    def _scenario_table(self, report, parameters, context, feedback, language) -> None:
        layer = self.parameterAsVectorLayer(parameters, SCENARIO, context)
        if layer is None:
            self.fail(tr("{}: the layer could not be opened.").format(SCENARIO), feedback)
        rows = [[catalogue.label(s.type_key, language), s.people_worse, s.people_better, s.lost_access,
                 round(s.mean_change_min, 1), round(s.max_change_min, 1), s.threshold, s.over_before, s.over_after]
                for s in scenario_summaries(layer)]
        self._table(report, "scenario_summary", ["type", "people_worse", "people_better", "lost_access",
                                                 "mean_change_min", "max_change_min", "threshold", "over_before",
                                                 "over_after"], rows, language)
        self._collect_metadata(report, layer)

    def _profile_types(self, report, parameters, context, language) -> None:
        layer = self.parameterAsVectorLayer(parameters, PROFILE, context)
        if layer is None:
            return
        rows = [[p.planid, catalogue.label(key, language), _plain(round(minutes, 1)),
                 _plain(round(p.new_median_min.get(key, float("nan")), 1))]
                for p in profile_summaries(layer) for key, minutes in p.median_min.items()]
        self._table(report, "profile_types", ["planid", "type", "median_min", "new_median_min"], rows, language)

    @staticmethod
    def _collect_metadata(report: Report, layer) -> None:
        """Sources (attribution, date of the run) and parameters from the layer's metadata."""
        metadata = layer.metadata()
        history = [h for h in metadata.history() if "serviceperspektiv" in h]
        when = history[-1].split()[0] if history else ""
        rights = "; ".join(r for r in metadata.rights() if r)
        entry = (metadata.title() or layer.name(), rights, when)
        if entry not in report.sources:
            report.sources.append(entry)
        for line in metadata.abstract().splitlines():
            if " = " in line:
                key, value = line.split(" = ", 1)
                report.parameters.setdefault(key.strip(), value.strip())


ALGORITHMS = [ReportAlgorithm]
