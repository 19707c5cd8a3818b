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

from ...adapters.layers import is_null
from ...core.report import Report, Table, write_report
from ...i18n import tr
from ..base import ServiceperspektivAlgorithm

STATS = "STATS"
SUMMARY = "SUMMARY"
CROSSINGS = "CROSSINGS"
UNDERLAG = "UNDERLAG"
PROFILE = "PROFILE"
TITLE = "TITLE"
LANGUAGE = "LANGUAGE"
OUTPUT = "OUTPUT"
CSV_FILES = "CSV_FILES"
LANGUAGES = ("sv", "en")
TABLE_INPUTS = ((SUMMARY, "summary"), (STATS, "stats"), (CROSSINGS, "crossings"), (UNDERLAG, "underlag"),
                (PROFILE, "profile"))
PROFILE_KEEP = ("planid", "plannamn", "population_inside", "population_2km", "population_5km", "cells_inside")
PROFILE_SUFFIXES = ("_min_median", "_km_median", "_inside")


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
        "'Service gaps' (SUMMARY, STATS), 'Scenario' (CROSSINGS, UNDERLAG) and 'Area profile for a plan area' "
        "(PROFILE): the tables, a small chart per service type (population per travel-time class), the sources "
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
        self.addParameter(QgsProcessingParameterString(TITLE, tr("Title"), "Serviceperspektiv", optional=True))
        self.addParameter(QgsProcessingParameterEnum(LANGUAGE, tr("Report language"), [tr("Swedish"), tr("English")],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterFileDestination(OUTPUT, tr("Report"), tr("HTML files (*.html)")))
        self.addOutput(QgsProcessingOutputString(CSV_FILES, tr("CSV files")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        language = LANGUAGES[self.parameterAsEnum(parameters, LANGUAGE, context)]
        report = Report(self.parameterAsString(parameters, TITLE, context) or "Serviceperspektiv", language=language)
        for name, key in TABLE_INPUTS:
            if not parameters.get(name):
                continue
            source = self.parameterAsSource(parameters, name, context)
            if source is None:
                self.fail(tr("{}: the layer could not be opened.").format(name), feedback)
            columns = [f.name() for f in source.fields() if f.name().lower() != "fid"]
            if key == "profile":
                columns = [c for c in columns if c in PROFILE_KEEP or c.endswith(PROFILE_SUFFIXES)]
            rows = [[_plain(f[c]) for c in columns] for f in source.getFeatures()]
            report.tables.append(Table(key, columns, rows))
            layer = self.parameterAsVectorLayer(parameters, name, context)
            if layer is not None:
                self._collect_metadata(report, layer)
        if not report.tables:
            self.fail(tr("Report: give at least one table (SUMMARY, STATS, CROSSINGS, UNDERLAG or PROFILE)."), feedback)
        path = Path(self.parameterAsFileOutput(parameters, OUTPUT, context))
        if path.suffix.lower() not in (".html", ".htm"):
            path = path.with_suffix(".html")
        try:
            written = write_report(report, path)
        except OSError as error:
            self.fail(tr("Report: could not write {} ({}).").format(path, error), feedback)
        feedback.pushInfo(tr("Report written: {} (+ {} CSV file(s)).").format(written[0], len(written) - 1))
        return {OUTPUT: str(written[0]), CSV_FILES: ";".join(str(p) for p in written[1:])}

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
