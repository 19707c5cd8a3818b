"""Read a digital detaljplan file, whichever format it is in; the format is told by the content.

- SS 637040:2016 (GML 3.2 XML, root ``DP_Data``): the exchange format of plans begun before 2022;
- the national specification for detaljplan 4.1 (JSON, ``application/vnd.lm.detaljplan.v4+json``):
  plans begun after 2021-12-31, as delivered to and published by Lantmäteriet.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from .detaljplan_geometry import Polygon, chain_rings, ring_area
from .detaljplan_model import (
    FORMAT_SS637040,
    FORMAT_V4,
    SWEREF99_EPSG,
    Area,
    Detaljplan,
    DetaljplanError,
    Plan,
    Provision,
    Reason,
    Role,
    Skipped,
    epsg_for,
)
from .detaljplan_ss637040 import parse_xml
from .detaljplan_v4 import parse_json

__all__ = ["FORMAT_SS637040", "FORMAT_V4", "SWEREF99_EPSG", "Area", "Detaljplan", "DetaljplanError", "Plan",
           "Polygon", "Provision", "Reason", "Role", "Skipped", "chain_rings", "epsg_for", "read_detaljplan",
           "ring_area"]


def read_detaljplan(source: Union[str, Path, bytes], default_crs: Optional[str] = None) -> Detaljplan:
    """A path or the file's bytes -> plans, areas and provisions. Raises DetaljplanError."""
    if isinstance(source, bytes):
        data = source
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            raise DetaljplanError("the file cannot be read ({}).", error.strerror or str(error)) from None
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if not head:
        raise DetaljplanError("the file is empty.")
    if head == b"<":
        return parse_xml(data)
    if head in (b"{", b"["):
        return parse_json(data, default_crs)
    raise DetaljplanError("the file is neither SS 637040 XML nor a national detaljplan JSON file (it begins "
                          "with '{}').", data.lstrip()[:20].decode("utf-8", "replace"))
