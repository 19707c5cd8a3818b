"""Shared parameters and helpers of the fetch algorithms (area, HTTP client, errors, metadata).

The data work happens in ``serviceperspektiv.sources`` (QGIS-free); this module only turns
Processing parameters into its inputs and its records into QGIS geometries.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsProject,
    QgsRectangle,
)

from ...i18n import tr
from ...sources import settings
from ...sources.catalogue import CatalogueError
from ...sources.errors import AuthConfigError, AuthFailed, SourceError
from ...sources.fetch import municipality_bbox
from ...sources.http import EndpointHeaders, HttpClient, HttpOptions
from ...sources.municipalities import resolve
from ...sources.overpass import BBox
from ...sources.pointcsv import CsvError

EXTENT = "EXTENT"
AREA = "AREA"
MUNICIPALITY = "MUNICIPALITY"
SOURCE = "SOURCE"
FILE = "FILE"
OFFLINE = "OFFLINE"
CRS = "CRS"
AUTHCFG = "AUTHCFG"
OUTPUT = "OUTPUT"
GROUP = "Data sources"
SWEREF = "EPSG:3006"
WGS84 = "EPSG:4326"


def advanced(parameter):
    parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    return parameter


def add_area_parameters(alg) -> None:
    alg.addParameter(QgsProcessingParameterExtent(EXTENT, tr("Area: extent"), optional=True))
    alg.addParameter(QgsProcessingParameterFeatureSource(
        AREA, tr("Area: polygon layer (optional; features outside it are dropped)"),
        [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
    alg.addParameter(QgsProcessingParameterString(
        MUNICIPALITY, tr("Area: municipality, name or SCB code (optional, e.g. 0180 or Stockholm)"), optional=True))


def add_source_and_area_parameters(alg, sources) -> None:
    """SOURCE (numbered in the order given) and the area parameters: the same first rows in every fetch."""
    alg.addParameter(QgsProcessingParameterEnum(SOURCE, tr("Source"), [tr(s) for s in sources], defaultValue=0))
    add_area_parameters(alg)


def add_file_parameter(alg, label: str, file_filter: str = "") -> None:
    alg.addParameter(QgsProcessingParameterFile(FILE, label, QgsProcessingParameterFile.Behavior.File, optional=True,
                                                fileFilter=file_filter))


def add_common_parameters(alg) -> None:
    alg.addParameter(advanced(QgsProcessingParameterBoolean(
        OFFLINE, tr("Offline: use cached data only (fails if data are missing)"), defaultValue=False)))
    alg.addParameter(advanced(QgsProcessingParameterCrs(CRS, tr("Output CRS"), SWEREF, optional=True)))


def add_auth_parameter(alg) -> None:
    """AUTHCFG: a login for the algorithm's own endpoint (``alg.AUTH_ENDPOINT``), over the setting."""
    alg.addParameter(advanced(QgsProcessingParameterAuthConfig(
        AUTHCFG, tr("Login: QGIS authentication configuration (empty = the plugin setting)"), optional=True)))


def login_choice(alg, parameters, context, url_key: str) -> tuple[str, str]:
    """(authcfg id, where it was set) for an endpoint setting; ("", "") when no login is configured.

    The AUTHCFG parameter wins for the algorithm's own endpoint, then the environment, then QgsSettings.
    """
    if url_key == getattr(alg, "AUTH_ENDPOINT", None) and alg.parameterDefinition(AUTHCFG) is not None:
        value = alg.parameterAsString(parameters, AUTHCFG, context).strip() if parameters.get(AUTHCFG) else ""
        if value:
            return value, AUTHCFG
    key = settings.AUTHCFG_KEYS[url_key]
    value = str(settings.get(key) or "").strip()
    if not value:
        return "", ""
    where = settings.SETTINGS[key].env_var if settings.source_of(key) == "environment" \
        else settings.SETTINGS[key].settings_key
    return value, where


def _login(authcfg: str, where: str, url: str, feedback) -> Callable[[], dict[str, str]]:
    """Headers of the login, made by QGIS's auth manager when the first request to ``url``'s host goes out."""
    def resolve() -> dict[str, str]:
        from ...adapters.auth import auth_headers

        try:
            headers = auth_headers(authcfg, url)
        except AuthConfigError as error:
            raise AuthConfigError(f"{error.english} (set in {where})", f"{error.swedish} (angiven i {where})",
                                  url) from None
        feedback.pushInfo(tr("Login for {}: authentication configuration {} (from {})").format(url, authcfg, where))
        return headers

    return resolve


def make_client(alg, parameters, context, feedback) -> HttpClient:
    offline = alg.parameterAsBool(parameters, OFFLINE, context) or bool(settings.get("offline"))
    options = HttpOptions.from_settings(offline=offline)
    if offline:
        feedback.pushInfo(tr("Offline mode: only cached data are used."))
    endpoints = EndpointHeaders()
    for url_key in settings.AUTHCFG_KEYS:
        url = str(settings.get(url_key))
        authcfg, where = login_choice(alg, parameters, context, url_key)
        endpoints.add(url_key, url, _login(authcfg, where, url, feedback) if authcfg else None)
    return HttpClient(options, is_cancelled=feedback.isCanceled, log=feedback.pushInfo, endpoints=endpoints)


def login_hint(alg, error: AuthFailed) -> str:
    """What to do about an HTTP 401/403: where to choose a login for this endpoint, or what to check."""
    if error.with_credentials:
        if error.status == 403:
            return tr("The login was accepted but has no access to this service: ask the provider for access, or "
                      "choose another authentication configuration.")
        return tr("Check the user name and password of the authentication configuration (Settings ▸ Options ▸ "
                  "Authentication); the log names the one that was used.")
    auth_key = settings.AUTHCFG_KEYS.get(error.endpoint_name)
    if auth_key is None:
        return tr("Add an authentication configuration in Settings ▸ Options ▸ Authentication and choose it in the "
                  "plugin's settings for this service.")
    setting = settings.SETTINGS[auth_key]
    if error.endpoint_name == getattr(alg, "AUTH_ENDPOINT", None) and alg.parameterDefinition(AUTHCFG) is not None:
        return tr("Add an authentication configuration (e.g. Basic: user name and password) in Settings ▸ Options ▸ "
                  "Authentication and choose it in the plugin's settings ('{}') or in AUTHCFG, or set {} to its "
                  "id.").format(tr(setting.label), setting.env_var)
    return tr("Add an authentication configuration (e.g. Basic: user name and password) in Settings ▸ Options ▸ "
              "Authentication and choose it in the plugin's settings ('{}'), or set {} to its id.").format(
        tr(setting.label), setting.env_var)


def endpoint(key: str, feedback) -> str:
    """The configured endpoint, logged with where it came from (environment, settings, default)."""
    url = str(settings.get(key))
    feedback.pushInfo(tr("Endpoint {}: {} (from {})").format(key, url, settings.source_of(key)))
    return url


@dataclass
class Area:
    rect: QgsRectangle | None  # EPSG:3006
    polygon: QgsGeometry | None  # EPSG:3006, only for an AREA layer
    label: str

    def wgs84(self) -> BBox | None:
        if self.rect is None:
            return None
        box = transform(SWEREF, WGS84).transformBoundingBox(self.rect)
        return BBox(box.yMinimum(), box.xMinimum(), box.yMaximum(), box.xMaximum())

    def contains(self, geometry: QgsGeometry) -> bool:
        """Keep features that touch the area (a road crossing the border is kept whole)."""
        if self.polygon is not None:
            return self.polygon.intersects(geometry)
        if self.rect is not None:
            return geometry.boundingBox().intersects(self.rect)
        return True

    def rect_in(self, crs: QgsCoordinateReferenceSystem) -> QgsRectangle | None:
        if self.rect is None:
            return None
        return transform(SWEREF, crs).transformBoundingBox(self.rect)


def transform(source, target) -> QgsCoordinateTransform:
    src = source if isinstance(source, QgsCoordinateReferenceSystem) else QgsCoordinateReferenceSystem(source)
    dst = target if isinstance(target, QgsCoordinateReferenceSystem) else QgsCoordinateReferenceSystem(target)
    return QgsCoordinateTransform(src, dst, QgsProject.instance())


def resolve_area(alg, parameters, context, feedback, client_factory: Callable[[], HttpClient] | None,
                 required: bool) -> Area:
    """AREA layer > MUNICIPALITY > EXTENT. Municipalities need Overpass (cached) for their bounds."""
    sweref = QgsCoordinateReferenceSystem(SWEREF)
    if parameters.get(AREA):
        source = alg.parameterAsSource(parameters, AREA, context)
        if source is None:
            raise SourceError("The area layer could not be opened", "Områdeslagret kunde inte öppnas")
        request = QgsFeatureRequest().setDestinationCrs(sweref, context.transformContext())
        parts = [f.geometry() for f in source.getFeatures(request) if f.hasGeometry()]
        if not parts:
            raise SourceError("The area layer has no polygons", "Områdeslagret saknar polygoner")
        polygon = QgsGeometry.unaryUnion(parts)
        return Area(polygon.boundingBox(), polygon, tr("area layer"))
    text = alg.parameterAsString(parameters, MUNICIPALITY, context).strip()
    if text:
        municipality = resolve(text)
        if municipality is None:
            raise SourceError(f"Unknown municipality '{text}'; give a name or a four-digit SCB code",
                              f"Okänd kommun '{text}'; ange namn eller fyrsiffrig kommunkod")
        if client_factory is None:
            raise SourceError("A municipality needs the Overpass API for its boundary",
                              "En kommun kräver Overpass API för sin gräns")
        bbox = municipality_bbox(client_factory(), endpoint("overpass_url", feedback), municipality.code,
                                 float(settings.get("overpass_429_wait_s")))
        rect = transform(WGS84, SWEREF).transformBoundingBox(QgsRectangle(bbox.west, bbox.south, bbox.east, bbox.north))
        feedback.pushInfo(tr("Municipality {} {}: bounding box {}").format(
            municipality.code, municipality.name, rect.toString(0)))
        return Area(rect, None, f"{municipality.code} {municipality.name}")
    if parameters.get(EXTENT):
        rect = alg.parameterAsExtent(parameters, EXTENT, context, sweref)
        if rect is not None and not rect.isNull() and rect.width() > 0 and rect.height() > 0:
            return Area(rect, None, tr("extent"))
    if required:
        raise SourceError("Choose an area: EXTENT, AREA (polygon layer) or MUNICIPALITY",
                          "Välj ett område: EXTENT, AREA (polygonlager) eller MUNICIPALITY")
    return Area(None, None, tr("whole file"))


def friendly_errors(alg, feedback, work: Callable[[], Any]) -> Any:
    """Run ``work``; source errors end the run with a clear message (no traceback, nothing written)."""
    try:
        return work()
    except AuthFailed as error:
        alg.fail(f"{error} {login_hint(alg, error)}", feedback)
    except (SourceError, CatalogueError, CsvError) as error:
        alg.fail(str(error), feedback)
    except OSError as error:
        alg.fail(tr("Could not read or write a file: {}").format(error), feedback)


def metadata(alg_id: str, title: str, abstract: str, attribution: list[str], params: dict[str, Any]) -> dict:
    retrieved = date.today().isoformat()
    return {
        "algorithm": alg_id, "title": title, "abstract": f"{abstract}\n{tr('Retrieved')}: {retrieved}",
        "attribution": [*attribution, f"{tr('Retrieved')} {retrieved}"],
        "parameters": {**params, "retrieved": retrieved},
    }


def point_geometry(x: float, y: float) -> QgsGeometry:
    return QgsGeometry.fromPointXY(QgsPointXY(x, y))


def ogr_layers(path: str, names: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """GDAL OSM driver layers of an .osm/.osm.pbf file (opened one by one)."""
    from qgis.core import QgsVectorLayer

    for name in names:
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        if layer.isValid():
            yield name, layer
