"""Service type keys: stable ASCII names made from a type field's values."""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable, Optional

MAX_TYPES = 50
DEFAULT_TYPE = "service"
_TRANSLIT = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "ü": "u", "é": "e", "ß": "ss"})


def safe_type_key(value: Any) -> Optional[str]:
    """'Dagligvaror (full)' -> 'dagligvaror_full'; None for NULL/blank values."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if not text or text in {"null", "none"}:
        return None
    text = text.translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    if not text:
        return None
    if text[0].isdigit():
        text = f"t_{text}"
    return text[:40]


class TooManyTypes(ValueError):
    pass


def type_keys(values: Iterable[Any], limit: int = MAX_TYPES) -> list[Optional[str]]:
    """Key per value; raise TooManyTypes when there are more than ``limit`` distinct keys."""
    keys = [safe_type_key(v) for v in values]
    distinct = {k for k in keys if k is not None}
    if len(distinct) > limit:
        raise TooManyTypes(f"{len(distinct)} distinct service types (at most {limit})")
    return keys
