"""Settings of the data sources: one place for keys, defaults and environment variables.

The effective value of a key is: environment variable > QgsSettings > default. Environment
variables make headless runs (qgis_process, CI) configurable; the GUI builds its settings page
from ``SETTINGS``. QGIS is imported lazily so that this module works without it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..adapters.resources import metadata_path

PREFIX = "serviceperspektiv/"
ENV_PREFIX = "SERVICEPERSPEKTIV_"


@dataclass(frozen=True)
class Setting:
    key: str  # QgsSettings key without the "serviceperspektiv/" prefix
    default: Any
    kind: type
    label: str  # English label for the settings page (the GUI translates it)

    @property
    def settings_key(self) -> str:
        return PREFIX + self.key

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.key.upper()


def _default_cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "serviceperspektiv")


SETTINGS: dict[str, Setting] = {s.key: s for s in (
    Setting("overpass_url", "https://overpass-api.de/api/interpreter", str, "Overpass API endpoint"),
    Setting("overpass_authcfg", "", str, "Overpass API: login (QGIS authentication configuration)"),
    Setting("scb_wfs_url", "https://geodata.scb.se/geoserver/stat/wfs", str, "SCB geodata WFS endpoint"),
    Setting("scb_wfs_authcfg", "", str, "SCB geodata WFS: login (QGIS authentication configuration)"),
    Setting("scb_wfs_layer", "stat:befolkning_1km_{year}", str, "SCB WFS layer name ({year} is replaced)"),
    Setting("nvdb_url", "", str, "URL of Tillväxtverket's processed NVDB GeoPackage"),
    Setting("nvdb_authcfg", "", str, "NVDB GeoPackage URL: login (QGIS authentication configuration)"),
    Setting("cache_dir", "", str, "Cache folder (empty: the user's cache folder)"),
    Setting("cache_ttl_hours", 168.0, float, "Cache time-to-live (hours)"),
    Setting("offline", False, bool, "Offline: use the cache only"),
    Setting("connect_timeout_s", 15.0, float, "Connect timeout (s)"),
    Setting("read_timeout_s", 240.0, float, "Read timeout (s)"),
    Setting("max_retries", 4, int, "Retries after a failed request"),
    Setting("backoff_s", 2.0, float, "First back-off wait (s); doubles on each retry"),
    Setting("overpass_429_wait_s", 30.0, float, "Least wait after HTTP 429 from Overpass (s)"),
    Setting("wait_scale", 1.0, float, "Scale factor for all waits (tests use a small value)"),
    Setting("tile_km", 25.0, float, "Largest Overpass tile side (km)"),
    Setting("wfs_page_size", 5000, int, "Features per WFS page"),
    Setting("detaljplan_url", "https://api.lantmateriet.se/distribution/geodatakatalog/sokning/v1/detaljplan/v2", str,
            "Detaljplan OGC API Features endpoint (one collection per municipality)"),
    Setting("detaljplan_authcfg", "", str, "Detaljplan service: login (QGIS authentication configuration, e.g. "
            "Basic with the Geotorget account)"),
    Setting("detaljplan_page_size", 1000, int, "Features per detaljplan page"),
)}

# Endpoint setting -> its login setting. The value is the id of a configuration in the QGIS
# authentication manager (7 characters); the user name and password stay in QGIS's encrypted
# database and never reach the plugin's settings, cache or log.
AUTHCFG_KEYS: dict[str, str] = {
    "overpass_url": "overpass_authcfg",
    "scb_wfs_url": "scb_wfs_authcfg",
    "nvdb_url": "nvdb_authcfg",
    "detaljplan_url": "detaljplan_authcfg",
}


def _qgs_value(key: str) -> Any | None:
    try:
        from qgis.core import QgsSettings
    except ImportError:  # plain Python (unit tests, scripts)
        return None
    value = QgsSettings().value(PREFIX + key, None)
    return None if value in (None, "") else value


def _convert(value: Any, kind: type) -> Any:
    if kind is bool:
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in {"1", "true", "yes", "on", "ja"}
    return kind(value)


def get(key: str) -> Any:
    """The effective value of ``key``: environment > QgsSettings > default."""
    setting = SETTINGS[key]
    raw = os.environ.get(setting.env_var)
    if raw is None or raw == "":
        raw = _qgs_value(key)
    if raw is None:
        value = setting.default
    else:
        try:
            value = _convert(raw, setting.kind)
        except (TypeError, ValueError):
            value = setting.default
    if key == "cache_dir" and not value:
        return _default_cache_dir()
    return value


def source_of(key: str) -> str:
    """Where the effective value comes from ("environment", "settings" or "default"), for the log."""
    if os.environ.get(SETTINGS[key].env_var):
        return "environment"
    return "settings" if _qgs_value(key) is not None else "default"


def _metadata(name: str, default: str) -> str:
    metadata = metadata_path()
    try:
        for line in metadata.read_text(encoding="utf-8").splitlines():
            if line.startswith(name + "="):
                return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return default


def plugin_version() -> str:
    """The version line of metadata.txt (the User-Agent names it)."""
    return _metadata("version", "unknown")


def user_agent() -> str:
    """Overpass asks scripts to identify themselves; name the plugin, its version and home page."""
    return f"Serviceperspektiv-QGIS-plugin/{plugin_version()} (+{_metadata('homepage', 'unknown')})"


def qgis_proxies(url: str) -> dict[str, str] | None:
    """``proxies=`` for requests from QGIS's network settings; None outside QGIS or with no proxy.

    QGIS's "Default proxy" means the system's, which requests already takes from the environment.
    """
    try:
        from qgis.core import QgsSettings
    except ImportError:
        return None
    settings = QgsSettings()
    if not settings.value("proxy/proxyEnabled", False, type=bool):
        return None
    kind = str(settings.value("proxy/proxyType", "DefaultProxy"))
    host = str(settings.value("proxy/proxyHost", "") or "")
    if kind == "DefaultProxy" or not host:
        return None
    excluded = settings.value("proxy/proxyExcludedUrls", "") or settings.value("proxy/noProxyUrls", "") or ""
    if isinstance(excluded, str):
        excluded = [e for e in excluded.split("|") if e]
    if any(url.startswith(str(prefix)) for prefix in excluded):
        return None
    port = str(settings.value("proxy/proxyPort", "") or "")
    user = str(settings.value("proxy/proxyUser", "") or "")
    password = str(settings.value("proxy/proxyPassword", "") or "")
    scheme = "socks5h" if kind.startswith("Socks") else "http"
    auth = f"{user}:{password}@" if user else ""
    proxy = f"{scheme}://{auth}{host}{':' + port if port else ''}"
    return {"http": proxy, "https": proxy}
