"""Default styling of result layers in Tillväxtverket's travel-time classes (used when no QML applies)."""
from __future__ import annotations

from qgis.core import (
    QgsGraduatedSymbolRenderer,
    QgsRendererRange,
    QgsSymbol,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from ..i18n import tr

# (lower, upper, colour, label) — Tillväxtverket's classes < 5, 5–10, 10–30, > 30 minutes, in a
# colour-blind-safe sequential ramp (viridis, light = near), as the QML styles in resources/styles.
TIME_CLASSES = (
    (0.0, 5.0, "#fde725", "< 5 min"),
    (5.0, 10.0, "#35b779", "5–10 min"),
    (10.0, 30.0, "#31688e", "10–30 min"),
    (30.0, 100000.0, "#440154", "> 30 min"),
)
NOT_REACHED = (100000.0, 10000000.0, "#bdbdbd")  # NULL (no service reachable) is drawn grey


def time_expression(type_key: str, atlas: bool = False) -> str:
    """Field of one type; in atlas mode the page's type picks the field (one page per type)."""
    if not atlas:
        return f'coalesce("{type_key}_min", 1000000)'
    return f"coalesce(attribute($currentfeature, coalesce(@atlas_pagename, '{type_key}') || '_min'), 1000000)"


def apply_time_classes(layer: QgsVectorLayer, type_key: str, atlas: bool = False) -> None:
    ranges = []
    for lower, upper, colour, text in TIME_CLASSES + (NOT_REACHED + (tr("Not reached"),),):
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        symbol.setColor(QColor(colour))
        if layer.geometryType() == _polygon():
            symbol.symbolLayer(0).setStrokeStyle(0)  # Qt.NoPen: cells without outlines read better
        ranges.append(QgsRendererRange(lower, upper, symbol, text))
    renderer = QgsGraduatedSymbolRenderer(time_expression(type_key, atlas), ranges)
    layer.setRenderer(renderer)
    layer.triggerRepaint()


def _polygon():
    from qgis.core import Qgis

    from .compat import enum

    return enum((Qgis, "GeometryType", "Polygon"), QgsWkbTypes, "PolygonGeometry")

