"""serviceperspektiv:importdetaljplan – a digital detaljplan (SS 637040:2016 GML) as plan-area polygons."""
from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsWkbTypes,
)

from ...adapters import fieldtypes as field_type
from ...i18n import tr
from ...sources.detaljplan import Area, DetaljplanError, is_true, parse_detaljplan
from ..base import ServiceperspektivAlgorithm

FILE = "FILE"
OUTPUT = "OUTPUT"
OUTPUT_AREAS = "OUTPUT_AREAS"


def area_geometry(area: Area) -> QgsGeometry:
    return QgsGeometry.fromMultiPolygonXY([
        [[QgsPointXY(x, y) for x, y in ring] for ring in [polygon.exterior, *polygon.holes]]
        for polygon in area.polygons])


class ImportDetaljplanAlgorithm(ServiceperspektivAlgorithm):
    ALG_ID = "importdetaljplan"
    DISPLAY = "Import digital detaljplan (SS 637040)"
    GROUP = "Sources"
    HELP = (
        "Reads a digital detaljplan in the exchange format SS 637040:2016 (GML 3.2, root DP_Data) and builds "
        "the plan area (OUTPUT: planid, plannamn, kommun, forslag) and the land-use areas with their provisions' "
        "codes (OUTPUT_AREAS) from the plan's boundary-line topology. The coordinate system is taken from "
        "DP_Plan/koordinatsystem (SWEREF 99 TM or a SWEREF 99 local zone). Use the plan area as PLAN_AREA in "
        "'Area profile for a plan area'."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFile(
            FILE, tr("Detaljplan file (SS 637040:2016 GML)"), fileFilter=tr("GML files (*.gml *.xml)")))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, tr("Plan area"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            OUTPUT_AREAS, tr("Land-use areas"), QgsProcessing.SourceType.TypeVectorPolygon,
            optional=True, createByDefault=True))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        path = self.parameterAsFile(parameters, FILE, context)
        try:
            plan = parse_detaljplan(path)
        except DetaljplanError as error:
            self.fail(tr("Detaljplan '{}': {}").format(path, error), feedback)
        crs = QgsCoordinateReferenceSystem(f"EPSG:{plan.epsg}")
        if not crs.isValid():
            self.fail(tr("Detaljplan: the coordinate system EPSG:{} is not known to QGIS.").format(plan.epsg), feedback)
        feedback.pushInfo(tr("{} plan(s), {} land-use area(s); coordinate system {} ({}).").format(
            len(plan.plans), len(plan.areas), plan.crs_name, crs.authid()))
        plan_fields = QgsFields()
        for name, kind in (("planid", field_type.STRING), ("plannamn", field_type.STRING), ("kommun", field_type.STRING),
                           ("forslag", field_type.BOOL)):
            plan_fields.append(QgsField(name, kind))
        area_fields = QgsFields()
        for name in ("planid", "omrade_id", "codes"):
            area_fields.append(QgsField(name, field_type.STRING))
        first_id = plan.plans[0].attributes.get("planid")

        def plan_features():
            for p in plan.plans:
                feature = QgsFeature(plan_fields)
                feature.setGeometry(area_geometry(p.area))
                a = p.attributes
                feature.setAttributes([a.get("planid"), a.get("plannamn"), a.get("kommun"), is_true(a.get("forslag"))])
                yield feature

        def area_features():
            for area in plan.areas:
                feature = QgsFeature(area_fields)
                feature.setGeometry(area_geometry(area))
                feature.setAttributes([first_id, area.gml_id, ",".join(area.codes)])
                yield feature

        meta = {"algorithm": self.ALG_ID, "attribution": [tr("Detaljplan {} (SS 637040:2016)").format(first_id or "")],
                "parameters": {"file": path, "crs": plan.crs_name}}
        out = {
            OUTPUT: self.write_features(parameters, context, feedback, OUTPUT, plan_fields, QgsWkbTypes.Type.MultiPolygon, crs,
                                        plan_features(), {**meta, "title": tr("Plan area")}),
            OUTPUT_AREAS: self.write_features(parameters, context, feedback, OUTPUT_AREAS, area_fields,
                                              QgsWkbTypes.Type.MultiPolygon, crs, area_features(),
                                              {**meta, "title": tr("Land-use areas")}),
        }
        self.place_outputs({out[OUTPUT]: "plan_area", out[OUTPUT_AREAS]: "plan_landuse"},
                           tr("Detaljplan") + f" {first_id or ''}")
        return self.written(out)



ALGORITHMS = [ImportDetaljplanAlgorithm]
