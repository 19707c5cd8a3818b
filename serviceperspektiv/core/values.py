"""Per-value functions over whole attribute columns, evaluated once per distinct value.

Attribute columns (road class, one-way, speed) hold few distinct values over 100 000s of rows;
computing a Python function once per distinct value instead of once per row keeps the column
work negligible beside the network.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np


def map_values(values: Sequence[Any], fn: Callable[[Any], Any], dtype=float) -> np.ndarray:
    """``np.array([fn(v) for v in values], dtype)``, calling ``fn`` once per distinct (type, value).

    The keys, the distinct ones and the look-ups all run in C (map, zip, dict); only ``fn`` runs
    per distinct value in Python. 1, 1.0 and True stay apart (the type is part of the key).
    """
    values = values.tolist() if isinstance(values, np.ndarray) else values
    if values and set(map(type, values)) == {int}:
        # Whole numbers only (a one-way or class code column): the distinct ones by a numpy sort.
        column = np.asarray(values)
        if column.dtype.kind == "i":
            distinct, inverse = np.unique(column, return_inverse=True)
            results = np.fromiter(map(fn, distinct.tolist()), dtype=dtype, count=len(distinct))
            return results[inverse]
    keys = list(zip(map(type, values), values))
    try:
        results = dict.fromkeys(keys)
    except TypeError:  # an unhashable value: one call per value
        return np.fromiter(map(fn, values), dtype=dtype, count=len(values))
    for key in results:
        results[key] = fn(key[1])
    return np.fromiter(map(results.__getitem__, keys), dtype=dtype, count=len(keys))


_PLAIN_NUMBERS = frozenset({int, float, type(None)})


def plain_floats(values: Sequence[Any]) -> np.ndarray | None:
    """Floats (NaN for None) when every value is a Python int, float or None; else None.

    For those types ``np.asarray(values, float)`` is exactly ``float(v)`` per value.
    """
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":
        return values.astype(float)
    if not set(map(type, values)) <= _PLAIN_NUMBERS:
        return None
    return np.asarray(values, dtype=float).reshape(len(values))
