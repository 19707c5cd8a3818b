"""The three detaljplan layers that 'Import' and 'Fetch' both write, from a parsed plan (sources.detaljplan).

Layer and field names are an interface (styles, the dock's Planområde step, planareaprofile):
- plan_area (OUTPUT): one feature per plan;
- plan_landuse (OUTPUT_AREAS): one feature per användningsområde, with its use provisions only;
- plan_properties (OUTPUT_PROPERTIES): egenskapsområden and administrative areas, marked in ``roll``.
Several provisions on one area are joined with ';' (``formulering`` and ``varden`` with ' | ').
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProject,
    QgsWkbTypes,
)

from ...adapters import fieldtypes as field_type
from ...i18n import tr
from ...sources.detaljplan import Area, Detaljplan, Plan, Polygon, Provision, Reason, Role

OUTPUT = "OUTPUT"
OUTPUT_AREAS = "OUTPUT_AREAS"
OUTPUT_PROPERTIES = "OUTPUT_PROPERTIES"
LAYER_NAMES = {OUTPUT: "plan_area", OUTPUT_AREAS: "plan_landuse", OUTPUT_PROPERTIES: "plan_properties"}
USE = {Role.ANVANDNING}
OTHER = {Role.EGENSKAP, Role.ADMINISTRATIV}
MULTIPOLYGON = QgsWkbTypes.Type.MultiPolygon  # an alias of Qgis.WkbType.MultiPolygon on QGIS >= 3.30

PLAN_FIELDS = [("planid", field_type.STRING), ("plannamn", field_type.STRING), ("kommun", field_type.STRING),
               ("forslag", field_type.BOOL), ("status", field_type.STRING), ("lagakraft", field_type.STRING),
               ("plan_uuid", field_type.STRING), ("bestammelser", field_type.STRING), ("n_anvandning", field_type.INT),
               ("area_m2", field_type.DOUBLE), ("format", field_type.STRING)]
AREA_FIELDS = [("planid", field_type.STRING), ("omrade_id", field_type.STRING), ("roll", field_type.STRING),
               ("beteckning", field_type.STRING), ("kod", field_type.STRING), ("formulering", field_type.STRING),
               ("anvandningsform", field_type.STRING), ("kategori", field_type.STRING),
               ("underkategori", field_type.STRING), ("huvudsaklig", field_type.STRING), ("varden", field_type.STRING),
               ("anvandning", field_type.STRING), ("bestammelse_id", field_type.STRING),
               ("n_bestammelser", field_type.INT), ("area_m2", field_type.DOUBLE), ("format", field_type.STRING)]


def add_output_parameters(alg) -> None:
    polygon = QgsProcessing.SourceType.TypeVectorPolygon
    alg.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, tr("Plan area"), polygon))
    # Secondary outputs are optional but created by default, so `qgis_process ... OUTPUT=x` works.
    alg.addParameter(QgsProcessingParameterFeatureSink(OUTPUT_AREAS, tr("Land-use areas"), polygon,
                                                       optional=True, createByDefault=True))
    alg.addParameter(QgsProcessingParameterFeatureSink(OUTPUT_PROPERTIES, tr("Property and administrative areas"),
                                                       polygon, optional=True, createByDefault=True))


def fields_of(spec: list) -> QgsFields:
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, kind))
    return fields


def translate(reason: Reason) -> str:
    """The message in the user's language (templates are translated in i18n/detaljplan_sv.ts)."""
    return tr(reason.template).format(*[translate(a) if isinstance(a, Reason) else a for a in reason.args])


def geometry_of(polygons: list[Polygon]) -> QgsGeometry:
    geometry = QgsGeometry.fromMultiPolygonXY([
        [[QgsPointXY(x, y) for x, y in ring] for ring in [polygon.exterior, *polygon.holes]] for polygon in polygons])
    if not geometry.isGeosValid():
        repaired = geometry.makeValid()
        if not repaired.isNull() and not repaired.isEmpty():
            geometry = repaired
            geometry.convertToMultiType()
    return geometry


def _join(values: list[Optional[str]], separator: str = ";") -> Optional[str]:
    unique: list[str] = []
    for value in values:
        if value and str(value) not in unique:
            unique.append(str(value))
    return separator.join(unique) or None


def roll_of(provisions: list[Provision]) -> str:
    roles = {p.role for p in provisions}
    return ";".join(r.value for r in (Role.ANVANDNING, Role.EGENSKAP, Role.ADMINISTRATIV) if r in roles)


def area_values(area: Area, provisions: list[Provision], planid: Optional[str], fmt: str) -> list[Any]:
    return [planid, area.ident, roll_of(provisions), _join([p.beteckning for p in provisions]),
            _join([p.kod for p in provisions]), _join([p.formulering for p in provisions], " | "),
            _join([p.anvandningsform for p in provisions]), _join([p.kategori for p in provisions]),
            _join([p.underkategori for p in provisions]), _join([p.beteckning or p.label for p in provisions
                                                                  if p.huvudsaklig]),
            _join([v for p in provisions for v in p.values], " | "), _join([a for p in provisions for a in p.anvandning]),
            _join([p.ident for p in provisions]), len(provisions), round(area.area_m2, 2), fmt]


class DetaljplanLayers:
    """Features of the three layers; ``target`` transforms from the plan's CRS when it differs."""

    def __init__(self, plan: Detaljplan, target: Optional[QgsCoordinateReferenceSystem] = None) -> None:
        self.plan = plan
        self.source_crs = QgsCoordinateReferenceSystem(f"EPSG:{plan.epsg}")
        self.crs = target if target is not None and target.isValid() else self.source_crs
        self.transform = None if self.crs == self.source_crs else QgsCoordinateTransform(
            self.source_crs, self.crs, QgsProject.instance())
        self.plans = plan.plan_by_ident()
        self.landuse = plan.areas_with(USE)
        self.others = plan.areas_with(OTHER)
        self.derived_areas: list[str] = []  # published plans without their own geometry

    def _geometry(self, polygons: list[Polygon]) -> QgsGeometry:
        geometry = geometry_of(polygons)
        if self.transform is not None:
            geometry.transform(self.transform)
        return geometry

    def _planid(self, area: Area) -> Optional[str]:
        plan = self.plans.get(area.plan)
        return plan.planid if plan else None

    def plan_geometry(self, plan: Plan) -> tuple[QgsGeometry, float]:
        if plan.area is not None:
            return self._geometry(plan.area.polygons), plan.area.area_m2
        parts = [a for a in self.plan.areas if a.plan == plan.ident and Role.ANVANDNING in a.roles()]
        self.derived_areas.append(plan.planid or plan.ident)
        union = QgsGeometry.unaryUnion([self._geometry(a.polygons) for a in parts]) if parts else QgsGeometry()
        union.convertToMultiType()
        return union, sum(a.area_m2 for a in parts)

    def plan_features(self, fields: QgsFields) -> Iterator[QgsFeature]:
        for plan in self.plan.plans:
            geometry, area_m2 = self.plan_geometry(plan)
            if geometry.isNull():
                continue
            feature = QgsFeature(fields)
            feature.setGeometry(geometry)
            n_use = sum(1 for a in self.landuse if a.plan == plan.ident)
            feature.setAttributes([plan.planid, plan.plannamn, plan.kommun, plan.forslag, plan.status, plan.lagakraft,
                                   plan.uuid or plan.ident, _join([p.kod or p.label for p in plan.general]), n_use,
                                   round(area_m2, 2), self.plan.format])
            yield feature

    def area_features(self, fields: QgsFields, areas: list[Area], roles: set[Role]) -> Iterator[QgsFeature]:
        for area in areas:
            feature = QgsFeature(fields)
            feature.setGeometry(self._geometry(area.polygons))
            feature.setAttributes(area_values(area, area.with_roles(roles), self._planid(area), self.plan.format))
            yield feature


def summary(layers: DetaljplanLayers, feedback) -> None:
    plan = layers.plan
    admin = sum(1 for a in layers.others if Role.ADMINISTRATIV in a.roles())
    feedback.pushInfo(tr("{} plan(s) in {}; {} land-use area(s), {} property area(s), {} administrative area(s); "
                         "coordinate system {}.").format(
        len(plan.plans), plan.format, len(layers.landuse), sum(1 for a in layers.others if Role.EGENSKAP in a.roles()),
        admin, layers.source_crs.authid()))
    for skipped in plan.skipped:
        feedback.pushWarning(tr("Area '{}' was skipped: {}").format(skipped.ident, translate(skipped.reason)))
    if plan.skipped:
        feedback.pushWarning(tr("{} area(s) were skipped; the other areas were imported.").format(len(plan.skipped)))
    for note in plan.notes:
        feedback.pushInfo(translate(note))


def write_layers(alg, parameters, context, feedback, layers: DetaljplanLayers, meta: dict, run_label: str) -> dict:
    """Write plan_area, plan_landuse and plan_properties (import and fetch alike)."""
    plan_fields, area_fields = fields_of(PLAN_FIELDS), fields_of(AREA_FIELDS)
    out = {
        OUTPUT: alg.write_features(parameters, context, feedback, OUTPUT, plan_fields, MULTIPOLYGON, layers.crs,
                                   layers.plan_features(plan_fields), {**meta, "title": tr("Plan area")}),
        OUTPUT_AREAS: alg.write_features(parameters, context, feedback, OUTPUT_AREAS, area_fields, MULTIPOLYGON,
                                         layers.crs, layers.area_features(area_fields, layers.landuse, USE),
                                         {**meta, "title": tr("Land-use areas")}),
        OUTPUT_PROPERTIES: alg.write_features(parameters, context, feedback, OUTPUT_PROPERTIES, area_fields,
                                              MULTIPOLYGON, layers.crs,
                                              layers.area_features(area_fields, layers.others, OTHER),
                                              {**meta, "title": tr("Property and administrative areas")}),
    }
    for planid in layers.derived_areas:
        feedback.pushInfo(tr("Plan {}: the service gave no plan geometry; the plan area is the union of its "
                             "land-use areas.").format(planid))
    alg.place_outputs({out[key]: name for key, name in LAYER_NAMES.items() if out[key] is not None}, run_label)
    return alg.written(out)
