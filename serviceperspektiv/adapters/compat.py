"""Enum look-ups that work on QGIS 3.22 (unscoped) and 3.40 / Qt6 (scoped)."""
from __future__ import annotations

from typing import Any


def enum(scoped: tuple[Any, str, str] | None, legacy_owner: Any, legacy_name: str) -> Any:
    """``scoped`` = (namespace, enum class, member), e.g. (Qgis, "TextRenderFormat", "AlwaysText").

    Scoped enums are used when the running QGIS has them, so the code stays Qt6-ready.
    """
    if scoped is not None:
        owner, klass, member = scoped
        value = getattr(getattr(owner, klass, None), member, None)
        if value is not None:
            return value
    return getattr(legacy_owner, legacy_name)


def layer_attribution(layer: Any) -> str:
    """A layer's attribution text (e.g. a basemap's); QGIS 3.38 moved it to the server properties."""
    properties = layer.serverProperties() if hasattr(layer, "serverProperties") else None
    if properties is not None and hasattr(properties, "attribution"):
        return properties.attribution() or ""
    return layer.attribution() if hasattr(layer, "attribution") else ""
