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

from ...i18n import tr
from ...layouts.builder import (
    LayoutError,
    LayoutRequest,
    build_layout,
    export_pdf,
    result_layers_in_group,
)
from ..base import ServiceperspektivAlgorithm

TEMPLATE = "TEMPLATE"
TITLE = "TITLE"
LAYERS = "LAYERS"
EXTENT = "EXTENT"
ATLAS_BY_TYPE = "ATLAS_BY_TYPE"
STATS = "STATS"
AREA_NAME = "AREA_NAME"
OUTPUT = "OUTPUT"
TEMPLATE_LABELS = ("A4 portrait", "A4 landscape", "A3 landscape")


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
        "layers of the project's 'Serviceperspektiv' group are used. With 'one page per service type' (atlas) "
        "the PDF gets one page per service type. House templates with the same item ids can replace the "
        "built-in ones: see the template folder in the plugin settings."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterEnum(TEMPLATE, tr("Template"), [tr(t) for t in TEMPLATE_LABELS],
                                                     defaultValue=1))
        self.addParameter(QgsProcessingParameterString(TITLE, tr("Title"), defaultValue=tr("Access to everyday service"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            LAYERS, tr("Result layers (default: the visible layers of the 'Serviceperspektiv' group)"),
            QgsProcessing.SourceType.TypeMapLayer, optional=True))
        self.addParameter(QgsProcessingParameterExtent(EXTENT, tr("Map extent (default: the layers' extent)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterBoolean(ATLAS_BY_TYPE, tr("One page per service type (atlas)"),
                                                        defaultValue=False))
        self.addParameter(QgsProcessingParameterVectorLayer(
            STATS, tr("Statistics table (STATS output of the service gaps analysis, optional)"),
            [QgsProcessing.SourceType.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterString(AREA_NAME, tr("Area name for the subtitle"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(OUTPUT, tr("PDF file"), tr("PDF files (*.pdf)")))

    def flags(self):
        # Layouts and project layers live in the main thread.
        return super().flags() | ServiceperspektivAlgorithm.FlagNoThreading

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
        request = LayoutRequest(
            template=self.parameterAsEnum(parameters, TEMPLATE, context),
            title=self.parameterAsString(parameters, TITLE, context),
            layers=layers,
            extent=extent,
            extent_crs=extent_crs,
            atlas_by_type=self.parameterAsBool(parameters, ATLAS_BY_TYPE, context),
            stats_layer=self.parameterAsVectorLayer(parameters, STATS, context) if parameters.get(STATS) else None,
            area_name=self.parameterAsString(parameters, AREA_NAME, context),
        )
        try:
            layout = build_layout(project, request)
            feedback.setProgress(40)
            if feedback.isCanceled():
                raise QgsProcessingException(tr("Cancelled: no output was written."))
            export_pdf(layout, output, feedback)
        except LayoutError as error:
            self.fail(str(error), feedback)
        feedback.pushInfo(tr("The layout '{}' is in the project's layout manager; the PDF is {}.").format(
            layout.name(), output))
        feedback.setProgress(100)
        return {OUTPUT: output, "LAYOUT": layout.name()}


ALGORITHMS = [ExportMapAlgorithm]
