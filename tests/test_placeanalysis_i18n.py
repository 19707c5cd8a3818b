"""The place analysis speaks Swedish: every tr() string has a translation, none duplicates another file's."""
from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "serviceperspektiv"
MODULES = ["processing/algorithms/placeanalysis.py", "adapters/places.py", "layouts/placemap.py"]


def _messages(ts: Path) -> list[tuple[str, str]]:
    return [(m.findtext("source"), m.findtext("translation")) for m in ET.parse(ts).getroot().iter("message")]


def _sources() -> list[str]:
    found = []
    for module in MODULES:
        tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" and node.args \
                    and isinstance(node.args[0], ast.Constant):
                found.append(node.args[0].value)
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") in ("DISPLAY", "HELP"):
                found.append(ast.literal_eval(node.value))
    return found


def test_every_place_analysis_string_is_translated():
    translated = {s: t for ts in sorted((ROOT / "i18n").glob("*_sv.ts")) for s, t in _messages(ts)}
    missing = [s for s in _sources() if not translated.get(s)]
    assert not missing, missing
    # placeholders survive translation, so that .format() fills the Swedish text too
    for source in _sources():
        assert translated[source].count("{}") == source.count("{}"), source


def test_new_entries_live_in_their_own_file_once():
    ours = _messages(ROOT / "i18n" / "placeanalysis_sv.ts")
    sources = [s for s, _ in ours]
    assert len(sources) == len(set(sources))
    others = {s for ts in (ROOT / "i18n").glob("*_sv.ts") if ts.name != "placeanalysis_sv.ts" for s, _ in _messages(ts)}
    assert not set(sources) & others


def test_swedish_name_in_the_toolbox(registered):
    from qgis.core import QgsApplication

    from serviceperspektiv.i18n import install_translator

    try:
        assert install_translator("sv") == "sv"
        alg = QgsApplication.processingRegistry().createAlgorithmById("serviceperspektiv:placeanalysis")
        assert alg.displayName() == "Nulägesanalys för ort"
        assert alg.parameterDefinition("PLACE").description().startswith("Ort (polygoner")
        assert "SCB:s tätorter" in alg.parameterDefinition("PLACE").help()
    finally:
        install_translator("en")
