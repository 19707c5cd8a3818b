"""Layer filters for QgsMapLayerComboBox on QGIS 3.22 and on 3.34+ / Qt6.

3.34 moved them to ``Qgis.LayerFilters``. There, ``Qgis.LayerFilter.A | Qgis.LayerFilter.B`` is a
plain int under Python 3.14 and picks the deprecated ``QgsMapLayerProxyModel.Filters`` overload
of ``setFilters``, so the flags are accumulated in a ``Qgis.LayerFilters`` value.
"""
from __future__ import annotations

from typing import Any

from qgis.core import Qgis, QgsMapLayerProxyModel


def layer_filters(*names: str) -> Any:
    """``layer_filters("PointLayer", "PolygonLayer")`` for ``QgsMapLayerComboBox.setFilters``."""
    scoped = getattr(Qgis, "LayerFilter", None)
    flags_type = getattr(Qgis, "LayerFilters", None)  # QGIS >= 3.34 only
    if scoped is not None and flags_type is not None:
        flags = flags_type()
        for name in names:
            flags |= getattr(scoped, name)
        return flags
    value = getattr(QgsMapLayerProxyModel, names[0])  # pragma: no cover - QGIS < 3.34
    for name in names[1:]:
        value = value | getattr(QgsMapLayerProxyModel, name)
    return value
