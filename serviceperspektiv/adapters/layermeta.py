"""What a result layer is: run parameters from its metadata and the plugin's custom properties."""
from __future__ import annotations

from typing import Any

from qgis.core import QgsMapLayer

from .. import definitions as d


def layer_parameters(layer: QgsMapLayer | None) -> dict[str, str]:
    """The 'key = value' run parameters that base.apply_layer_metadata writes into the abstract."""
    if layer is None:
        return {}
    values: dict[str, str] = {}
    for line in layer.metadata().abstract().splitlines():
        if " = " in line:
            key, value = line.split(" = ", 1)
            values.setdefault(key.strip(), value.strip())
    return values


def layer_algorithm(layer: QgsMapLayer | None) -> str:
    """The serviceperspektiv algorithm that wrote the layer ('' when none): from the metadata keywords."""
    if layer is None:
        return ""
    words = layer.metadata().keywords().get("serviceperspektiv", [])
    return next((w for w in words if w and w != "serviceperspektiv"), "")


def prop(layer: QgsMapLayer | None, name: str, default: Any = "") -> Any:
    if layer is None:
        return default
    value = layer.customProperty(name, default)
    return default if value is None else value


def kind(layer: QgsMapLayer | None) -> str:
    return str(prop(layer, d.PROP_KIND, ""))


def shown_type(layer: QgsMapLayer | None) -> str:
    return str(prop(layer, d.PROP_TYPE, ""))


def types(layer: QgsMapLayer | None) -> list[str]:
    text = str(prop(layer, d.PROP_TYPES, ""))
    return [t for t in text.split(",") if t]
