"""Output helpers shared by the algorithms: attribute values, checked field lists and tables."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
from qgis.core import QgsFeature, QgsField, QgsFields

from ..adapters.layers import InputError
from ..i18n import tr


def value_or_none(x: Any):
    """NaN -> NULL for attribute values."""
    if x is None:
        return None
    if isinstance(x, (float, np.floating)):
        return None if math.isnan(x) else float(x)
    if isinstance(x, np.integer):
        return int(x)
    return x


def add_fields_checked(fields: QgsFields, new: list[QgsField], label: str) -> QgsFields:
    out = QgsFields(fields)
    taken = {f.name().lower() for f in fields}
    for f in new:
        if f.name().lower() in taken:
            raise InputError(tr("{}: the layer already has a field named '{}'. Rename it or use another layer.").format(
                label, f.name()))
        taken.add(f.name().lower())
        out.append(f)
    return out


def table_fields(spec: list[tuple[str, Any]]) -> QgsFields:  # (name, fieldtypes.X)
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, kind))
    return fields


def table_features(fields: QgsFields, rows: list[list[Any]]):
    for row in rows:
        feature = QgsFeature(fields)
        feature.setAttributes([value_or_none(v) for v in row])
        yield feature
