"""OSM tags from GDAL's OSM driver: known columns plus the hstore-like ``other_tags`` text."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_PAIR = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')
_NOT_TAGS = {"osm_id", "osm_way_id", "other_tags", "z_order", "fid", "ogc_fid", "all_tags"}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def parse_other_tags(text: str | None) -> dict[str, str]:
    """'"a"=>"1","b"=>"x"' -> {'a': '1', 'b': 'x'} (GDAL escapes quotes and backslashes)."""
    if not text:
        return {}
    return {_unescape(k): _unescape(v) for k, v in _PAIR.findall(str(text))}


def tags_from_fields(fields: Mapping[str, Any]) -> dict[str, str]:
    """All tags of a feature from GDAL's OSM layer: the named columns and ``other_tags``."""
    tags = parse_other_tags(fields.get("other_tags"))
    for name, value in fields.items():
        if name in _NOT_TAGS or value is None or value == "":
            continue
        if str(value) in ("NULL",):
            continue
        tags.setdefault(name, str(value))
    return tags
