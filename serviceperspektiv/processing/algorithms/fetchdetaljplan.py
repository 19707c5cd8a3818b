"""serviceperspektiv:fetchdetaljplan – a municipality's published detaljplaner from an OGC API Features service."""
from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingParameterExtent, QgsProcessingParameterString

from ...i18n import tr
from ...sources import settings
from ...sources.detaljplan import DetaljplanError
from ...sources.detaljplan_ogcapi import fetch_plans
from ...sources.municipalities import resolve
from ..base import ServiceperspektivAlgorithm
from .detaljplanlayers import DetaljplanLayers, add_output_parameters, summary, translate, write_layers
from .fetchshared import (
    CRS,
    EXTENT,
    GROUP,
    MUNICIPALITY,
    SWEREF,
    add_auth_parameter,
    add_common_parameters,
    endpoint,
    friendly_errors,
    make_client,
    metadata,
)

ATTRIBUTION = "Lantmäteriet, nationella geodataplattformen (detaljplan)"


class FetchDetaljplanAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "fetchdetaljplan"
    DISPLAY = "Fetch detaljplaner"
    GROUP = GROUP
    AUTH_ENDPOINT = "detaljplan_url"  # AUTHCFG is the login for this endpoint
    HELP = (
        "Reads the detaljplaner a municipality has published under the national specification (plans begun after "
        "2021-12-31) from an OGC API Features service: one collection per municipality (its four-digit code), "
        "items as GeoJSON in SWEREF 99 TM, followed page by page through the 'next' links. The endpoint is set in "
        "the settings or with SERVICEPERSPEKTIV_DETALJPLAN_URL; answers are cached, so a run can be repeated "
        "offline. Lantmäteriet's service needs a login (a Geotorget account): keep it in the QGIS authentication "
        "manager and choose it in the settings or in AUTHCFG (SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG). EXTENT keeps "
        "only plans that meet the extent. The outputs are the same as those of 'Import "
        "digital detaljplan': plan areas, land-use areas and property/administrative areas with their provisions. "
        "Older plans (not delivered digitally) are not in the service: no plan there does not mean no plan."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterString(
            MUNICIPALITY, tr("Municipality, name or SCB code (e.g. 2085 or Ludvika)")))
        self.addParameter(QgsProcessingParameterExtent(EXTENT, tr("Only plans in this extent (optional)"),
                                                       optional=True))
        add_common_parameters(self)
        add_auth_parameter(self)
        add_output_parameters(self)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        text = self.parameterAsString(parameters, MUNICIPALITY, context).strip()
        municipality = resolve(text)
        if municipality is None:
            self.fail(tr("Unknown municipality '{}': give a name or a four-digit SCB code.").format(text), feedback)
        bbox = None
        if parameters.get(EXTENT):
            rect = self.parameterAsExtent(parameters, EXTENT, context, QgsCoordinateReferenceSystem(SWEREF))
            if rect is not None and not rect.isNull() and rect.width() > 0 and rect.height() > 0:
                bbox = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
        target = self.parameterAsCrs(parameters, CRS, context)
        client = make_client(self, parameters, context, feedback)
        url = endpoint("detaljplan_url", feedback)
        feedback.pushInfo(tr("Municipality {} {}: collection {}").format(municipality.code, municipality.name,
                                                                         municipality.code))

        try:
            plan = friendly_errors(self, feedback, lambda: fetch_plans(
                client, url, municipality.code, int(settings.get("detaljplan_page_size")), bbox, feedback.pushInfo))
        except DetaljplanError as error:
            self.fail(tr("Detaljplan service {}: {}").format(url, translate(error.reason)), feedback)
        if feedback.isCanceled():
            self.fail(tr("Cancelled: no output was written."), feedback)
        layers = DetaljplanLayers(plan, target if target.isValid() else None)
        summary(layers, feedback)
        meta = metadata(self.ALG_ID, tr("Detaljplaner {}").format(municipality.name),
                        tr("Published detaljplaner of {} ({}).").format(municipality.name, url), [ATTRIBUTION],
                        {"municipality": municipality.code, "endpoint": url, "plans": len(plan.plans),
                         "skipped": len(plan.skipped), "bbox": ",".join(f"{v:.0f}" for v in bbox) if bbox else ""})
        return write_layers(self, parameters, context, feedback, layers, meta,
                            tr("Detaljplaner") + f" {municipality.name}")


ALGORITHMS = [FetchDetaljplanAlgorithm]
