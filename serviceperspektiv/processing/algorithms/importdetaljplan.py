"""serviceperspektiv:importdetaljplan – a digital detaljplan file (SS 637040:2016 or national 4.1) as layers."""
from __future__ import annotations

from qgis.core import QgsProcessingParameterFile

from ...definitions import PLAN_FILE_FILTER
from ...i18n import tr
from ...sources.detaljplan import DetaljplanError, read_detaljplan
from ..base import ServiceperspektivAlgorithm
from .detaljplanlayers import DetaljplanLayers, add_output_parameters, summary, translate, write_layers

FILE = "FILE"


class ImportDetaljplanAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "importdetaljplan"
    DISPLAY = "Import digital detaljplan"
    GROUP = "Sources"
    HELP = (
        "Reads a digital detaljplan file: SS 637040:2016 (GML, root DP_Data, plans begun before 2022) or the "
        "national specification for detaljplan 4.1 (JSON, application/vnd.lm.detaljplan.v4+json, plans begun after "
        "2021-12-31); the format is recognised from the content. OUTPUT is the plan area (planid, plannamn, kommun, "
        "status, general provisions); OUTPUT_AREAS one polygon per land-use area (användningsområde) with all its "
        "use provisions: beteckning (e.g. R;S), kod (anvandningsslag, or the catalogue reference in 4.1), "
        "formulering, anvandningsform, kategori; OUTPUT_PROPERTIES the property (egenskap) and administrative "
        "areas, marked in 'roll'. Areas that cannot be built (boundary lines that do not close, broken geometry) "
        "are skipped and named in the log; the rest is imported. The coordinate system is taken from the file "
        "(SWEREF 99 TM or a SWEREF 99 local zone). Use the plan area as PLAN_AREA in 'Area profile for a plan area'."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFile(
            FILE, tr("Detaljplan file (SS 637040 XML/GML or national 4.1 JSON)"),
            QgsProcessingParameterFile.Behavior.File,
            fileFilter=tr(PLAN_FILE_FILTER)))
        add_output_parameters(self)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        path = self.parameterAsFile(parameters, FILE, context)
        if not path:
            self.fail(tr("Choose a detaljplan file (FILE)."), feedback)
        try:
            plan = read_detaljplan(path)
        except DetaljplanError as error:
            self.fail(tr("Detaljplan '{}': {}").format(path, translate(error.reason)), feedback)
        layers = DetaljplanLayers(plan)
        if not layers.crs.isValid():
            self.fail(tr("Detaljplan: the coordinate system EPSG:{} is not known to QGIS.").format(plan.epsg), feedback)
        summary(layers, feedback)
        if not layers.landuse:
            feedback.pushWarning(tr("The plan has no land-use area that could be imported."))
        first = plan.plans[0].planid or ""
        meta = {"algorithm": self.ALG_ID,
                "attribution": [tr("Detaljplan {} ({})").format(first, plan.format)],
                "parameters": {"file": path, "format": plan.format, "crs": plan.crs_name,
                               "skipped": len(plan.skipped)}}
        return write_layers(self, parameters, context, feedback, layers, meta, tr("Detaljplan") + f" {first}")


ALGORITHMS = [ImportDetaljplanAlgorithm]
