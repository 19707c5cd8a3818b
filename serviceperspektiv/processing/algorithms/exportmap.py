"""serviceperspektiv:exportmap – a print layout from a template, kept in the project, exported to PDF."""
from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ... import definitions as d
from ...i18n import tr
from ...layouts.builder import (
    EXTENT_PROPERTY,
    LayoutError,
    LayoutRequest,
    build_layout,
    export_pdf,
    result_layers_in_group,
)
from ...layouts.maplayers import MapContext
from ..base import ServiceperspektivAlgorithm

TEMPLATE = "TEMPLATE"
TITLE = "TITLE"
LAYERS = "LAYERS"
EXTENT = "EXTENT"
ATLAS_BY_TYPE = "ATLAS_BY_TYPE"
STATS = "STATS"
AREA_NAME = "AREA_NAME"
PLAN_AREA = "PLAN_AREA"
ROADS = "ROADS"
SERVICES = "SERVICES"
SERVICE_TYPE = "SERVICE_TYPE"
OUTPUT = "OUTPUT"
EXTENT_NOTES = {
    "plan": "The map shows the plan area and its surroundings.",
    "view": "The map shows the given extent.",
    "project": "No EXTENT: the map shows the project's saved map view.",
    "layers": "No EXTENT and no saved map view: the map shows the whole extent of the result layers.",
}


class ExportMapAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "exportmap"
    DISPLAY = "Export map to PDF"
    GROUP = "Maps and reports"
    HELP = (
        "Creates a print layout from a template (A4 portrait, A4 landscape or A3 landscape) in the project's "
        "layout manager, so it can be edited in the layout designer, and exports it to PDF. The layout has a "
        "title and subtitle (area, service type, date), the map, a legend of the result layers, a scale bar in "
        "km, a north arrow, an overview inset, the sources (from the layers' metadata rights), a statistics "
        "table and the municipality's name and logo (from the plugin settings). Without LAYERS the visible "
        "layers of the project's 'Serviceperspektiv' group are used. Besides the result the map shows the roads, "
        "the service points of the type shown (with their names), the plan boundary, place names and the raster "
        "basemaps visible in the project; ROADS, SERVICES and PLAN_AREA choose them, else they are found in the "
        "project. The extent is EXTENT, else the plan area (PLAN_AREA with its surroundings), else the project's saved map "
        "view; the log says which. With 'one page per service type' (atlas) "
        "the PDF gets one page per service type. House templates with the same item ids can replace the "
        "built-in ones: see the template folder in the plugin settings."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterEnum(TEMPLATE, tr("Template"), [tr(label) for _k, label in d.TEMPLATES],
                                                     defaultValue=d.DEFAULT_TEMPLATE))
        self.addParameter(QgsProcessingParameterString(TITLE, tr("Title"), defaultValue=tr("Access to everyday service"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            LAYERS, tr("Result layers (default: the visible layers of the 'Serviceperspektiv' group)"),
            QgsProcessing.SourceType.TypeMapLayer, optional=True))
        self.addParameter(QgsProcessingParameterExtent(
            EXTENT, tr("Map extent (default: the plan area, else the project's saved map view)"), optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(
            PLAN_AREA, tr("Plan area: boundary on the map and the map's extent (optional)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(
            ROADS, tr("Roads on the map (optional; default: the project's road layer)"),
            [QgsProcessing.SourceType.TypeVectorLine], optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(
            SERVICES, tr("Service points on the map (optional; default: the project's service layer)"),
            [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterString(
            SERVICE_TYPE, tr("Service type shown (key, e.g. apotek; default: what the result shows)"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean(ATLAS_BY_TYPE, tr("One page per service type (atlas)"),
                                                        defaultValue=False))
        self.addParameter(QgsProcessingParameterVectorLayer(
            STATS, tr("Statistics table (STATS output of the service gaps analysis, optional)"),
            [QgsProcessing.SourceType.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterString(AREA_NAME, tr("Area name for the subtitle"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(OUTPUT, tr("PDF file"), tr("PDF files (*.pdf)")))

    def flags(self):
        # Layouts and project layers live in the main thread.
        from qgis.core import Qgis

        from ...adapters.compat import enum

        return super().flags() | enum((Qgis, "ProcessingAlgorithmFlag", "NoThreading"), ServiceperspektivAlgorithm.Flag,
                                      "FlagNoThreading")

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        project = context.project()
        if project is None:
            from qgis.core import QgsProject

            project = QgsProject.instance()
        layers = self.parameterAsLayerList(parameters, LAYERS, context)
        if not layers:
            layers = result_layers_in_group(project)
        if not layers:
            self.fail(tr("No layers to export: give LAYERS, or put the result layers in a visible "
                         "'Serviceperspektiv' group in the project."), feedback)
        extent = self.parameterAsExtent(parameters, EXTENT, context) if parameters.get(EXTENT) else None
        extent_crs = self.parameterAsExtentCrs(parameters, EXTENT, context) if extent is not None else None
        output = self.parameterAsFileOutput(parameters, OUTPUT, context)
        plan = self.parameterAsVectorLayer(parameters, PLAN_AREA, context) if parameters.get(PLAN_AREA) else None
        given = MapContext(
            roads=self.parameterAsVectorLayer(parameters, ROADS, context) if parameters.get(ROADS) else None,
            services=self.parameterAsVectorLayer(parameters, SERVICES, context) if parameters.get(SERVICES) else None,
            plan=plan)
        request = LayoutRequest(
            template=self.parameterAsEnum(parameters, TEMPLATE, context),
            title=self.parameterAsString(parameters, TITLE, context),
            layers=layers,
            extent=extent,
            extent_crs=extent_crs,
            atlas_by_type=self.parameterAsBool(parameters, ATLAS_BY_TYPE, context),
            stats_layer=self.parameterAsVectorLayer(parameters, STATS, context) if parameters.get(STATS) else None,
            area_name=self.parameterAsString(parameters, AREA_NAME, context),
            use_plan_extent=plan is not None and extent is None,
            type_key=self.parameterAsString(parameters, SERVICE_TYPE, context) or None,
            context=given,
        )
        try:
            layout = build_layout(project, request)
            feedback.setProgress(40)
            if feedback.isCanceled():
                raise QgsProcessingException(tr("Cancelled: no output was written."))
            export_pdf(layout, output, feedback)
        except LayoutError as error:
            self.fail(str(error), feedback)
        feedback.pushInfo(tr(EXTENT_NOTES.get(layout.customProperty(EXTENT_PROPERTY, ""), EXTENT_NOTES["layers"])))
        feedback.pushInfo(tr("The layout '{}' is in the project's layout manager; the PDF is {}.").format(
            layout.name(), output))
        feedback.setProgress(100)
        return {OUTPUT: output, "LAYOUT": layout.name()}


ALGORITHMS = [ExportMapAlgorithm]
