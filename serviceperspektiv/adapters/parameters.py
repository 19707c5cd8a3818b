"""Processing parameter reads whose API changed between QGIS 3.22 and 3.32+."""
from __future__ import annotations

from typing import Any


def field_names(alg: Any, parameters: dict, name: str, context: Any) -> list[str]:
    """Names chosen in a multi-field parameter.

    ``parameterAsFields`` is deprecated since 3.32 in favour of ``parameterAsStrings``.
    """
    getter = getattr(alg, "parameterAsStrings", None) or alg.parameterAsFields
    return list(getter(parameters, name, context))
