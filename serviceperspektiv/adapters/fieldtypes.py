"""Attribute types for QgsField on QGIS 3.22 (QVariant.Type) and on 3.38+ / Qt6 (QMetaType.Type).

QGIS 3.38 moved QgsField to QMetaType.Type, and Qt6 (QGIS 4) has no QVariant.Type at all, so
every field the plugin creates takes its type from here.
"""
from __future__ import annotations

from qgis.core import Qgis
from qgis.PyQt.QtCore import QVariant

if Qgis.QGIS_VERSION_INT >= 33800:
    from qgis.PyQt.QtCore import QMetaType

    DOUBLE = QMetaType.Type.Double
    INT = QMetaType.Type.Int
    LONG = QMetaType.Type.LongLong
    STRING = QMetaType.Type.QString
    BOOL = QMetaType.Type.Bool
else:  # pragma: no cover - depends on the QGIS version
    DOUBLE = QVariant.Type.Double  # qt5-only
    INT = QVariant.Type.Int  # qt5-only
    LONG = QVariant.Type.LongLong  # qt5-only
    STRING = QVariant.Type.String  # qt5-only
    BOOL = QVariant.Type.Bool  # qt5-only
