"""Every detaljplan message reaches a Swedish QGIS in Swedish: templates and tr() strings are translated."""
from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "serviceperspektiv"
MODULES = [*sorted((ROOT / "sources").glob("detaljplan*.py")),
           *[ROOT / "processing" / "algorithms" / f"{n}.py" for n in ("importdetaljplan", "fetchdetaljplan",
                                                                      "detaljplanlayers")]]
MESSAGE_CALLS = {"tr", "Reason", "DetaljplanError", "AreaProblem", "GeometryProblem"}


def sources_in(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in MESSAGE_CALLS and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                found.append(node.args[0].value)
        elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") in ("DISPLAY", "HELP") for t in node.targets):
            found.append(ast.literal_eval(node.value))
    return found


def translations() -> tuple[dict, Counter]:
    table, counts = {}, Counter()
    for ts in sorted((ROOT / "i18n").glob("*_sv.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            table[message.findtext("source")] = message.findtext("translation")
            counts[message.findtext("source")] += 1
    return table, counts


def test_every_detaljplan_message_has_a_swedish_translation():
    table, _ = translations()
    found = [text for module in MODULES for text in sources_in(module)]
    assert len(found) > 60  # the scan sees the messages at all
    missing = [text for text in found if not table.get(text)]
    assert missing == []
    assert table["Fetch detaljplaner"] == "Hämta detaljplaner"


def test_detaljplan_entries_are_not_duplicated():
    _, counts = translations()
    mine = ET.parse(ROOT / "i18n" / "detaljplan_sv.ts").getroot()
    assert mine.get("language") == "sv_SE"
    doubles = [m.findtext("source") for m in mine.iter("message") if counts[m.findtext("source")] > 1]
    assert doubles == []


def test_settings_labels_are_translated():
    from serviceperspektiv.sources.settings import SETTINGS

    table, _ = translations()
    for key in ("detaljplan_url", "detaljplan_page_size"):
        assert table.get(SETTINGS[key].label), key
        assert SETTINGS[key].env_var == f"SERVICEPERSPEKTIV_{key.upper()}"
