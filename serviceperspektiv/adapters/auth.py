"""Logins from the QGIS authentication manager, as HTTP headers for the plugin's own HTTP client.

The user keeps user name and password (or a token) in QGIS's encrypted authentication database
(Settings ▸ Options ▸ Authentication) and gives the plugin only the configuration's id. QGIS's
auth method writes the headers (``Authorization: Basic …`` for Basic) into a QNetworkRequest; they
are read back from it, so every method that logs in with headers works, and none is reimplemented.
"""
from __future__ import annotations

from dataclasses import dataclass

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

from ..sources.errors import AuthConfigError


@dataclass(frozen=True)
class AuthConfigInfo:
    authcfg: str
    name: str
    method: str  # "Basic", "OAuth2", "APIHeader", "EsriToken", "Identity-Cert", ...


def auth_config_info(authcfg: str) -> AuthConfigInfo:
    """Name and method of a configuration (no master password needed); AuthConfigError if unknown."""
    manager = QgsApplication.authManager()
    if manager.isDisabled():
        raise AuthConfigError(
            f"The QGIS authentication system is disabled: {manager.disabledMessage()}",
            f"QGIS autentiseringssystem är avstängt: {manager.disabledMessage()}")
    config = manager.availableAuthMethodConfigs().get(authcfg)
    if config is None:
        raise AuthConfigError(
            f"There is no authentication configuration with the id '{authcfg}' in this QGIS profile "
            "(Settings ▸ Options ▸ Authentication lists the ids)",
            f"Det finns ingen autentiseringskonfiguration med id '{authcfg}' i denna QGIS-profil "
            "(Inställningar ▸ Alternativ ▸ Autentisering visar id:na)")
    return AuthConfigInfo(authcfg, config.name(), config.method())


def auth_headers(authcfg: str, url: str) -> dict[str, str]:
    """The request headers that configuration ``authcfg`` adds for ``url``; AuthConfigError if none."""
    info = auth_config_info(authcfg)
    manager = QgsApplication.authManager()
    request = QNetworkRequest(QUrl(url))
    result = manager.updateNetworkRequest(request, authcfg)
    ok, updated = result if isinstance(result, tuple) else (result, request)
    if not ok:
        if not manager.masterPasswordIsSet():
            raise AuthConfigError(
                f"The master password of the QGIS authentication database was not given or is wrong, so login "
                f"'{info.name}' ({authcfg}) cannot be read. In QGIS, enter it when asked; for qgis_process, set "
                "QGIS_AUTH_PASSWORD_FILE to a file (readable only by you) that holds it",
                f"Huvudlösenordet för QGIS autentiseringsdatabas angavs inte eller är fel, så inloggningen '{info.name}' "
                f"({authcfg}) kan inte läsas. I QGIS: ange det när du blir tillfrågad; för qgis_process: sätt "
                "QGIS_AUTH_PASSWORD_FILE till en fil (läsbar bara för dig) som innehåller det")
        raise AuthConfigError(
            f"QGIS could not apply login '{info.name}' ({authcfg}, method {info.method}); "
            "check it under Settings ▸ Options ▸ Authentication",
            f"QGIS kunde inte använda inloggningen '{info.name}' ({authcfg}, metod {info.method}); "
            "kontrollera den under Inställningar ▸ Alternativ ▸ Autentisering")
    headers = {bytes(name).decode("latin-1"): bytes(updated.rawHeader(name)).decode("latin-1")
               for name in updated.rawHeaderList()}
    if not headers:
        raise AuthConfigError(
            f"Login '{info.name}' ({authcfg}) uses the method {info.method}, which adds no HTTP headers "
            "(certificate logins are not supported here); use Basic (user name and password) or a header/token method",
            f"Inloggningen '{info.name}' ({authcfg}) använder metoden {info.method}, som inte lägger till några "
            "HTTP-huvuden (certifikat stöds inte här); använd Basic (användarnamn och lösenord) eller en "
            "huvud-/tokenmetod")
    return headers
