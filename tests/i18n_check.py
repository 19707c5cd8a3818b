"""Which user-facing English strings of an area lack a Swedish translation in the *_sv.ts files."""
from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "serviceperspektiv"


def translations() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted((PACKAGE / "i18n").glob("*_sv.ts")):
        for message in ET.parse(path).getroot().iter("message"):
            found.setdefault(message.findtext("source"), message.findtext("translation"))
    return found


def literal_tr_strings(path: Path) -> list[str]:
    """The string literals passed to tr() in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" and node.args
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)]


def panel_strings() -> list[str]:
    """Every string the panel, the settings page, the layouts and the summaries show."""
    from serviceperspektiv import definitions as d
    from serviceperspektiv.gui import settings_page
    from serviceperspektiv.processing.algorithms import exportmap

    files = [*(PACKAGE / "gui").rglob("*.py"), *(PACKAGE / "layouts").glob("*.py"),
             PACKAGE / "adapters" / "resultstyle.py", PACKAGE / "processing" / "summaries.py",
             PACKAGE / "processing" / "algorithms" / "report.py", PACKAGE / "processing" / "algorithms" / "exportmap.py",
             PACKAGE / "processing" / "algorithms" / "nearestservice.py", PACKAGE / "processing" / "base.py"]
    strings = [s for path in files for s in literal_tr_strings(path)]
    strings += [*d.MODE_LABELS, *d.MODE_IN_NAMES, *(label for _k, label in d.TEMPLATES), *d.EXTENT_CHOICES,
                *d.AREA_MODES, *d.RESULT_NAMES.values(), d.SERVICES_FILE_FILTER, d.DATA_FILE_FILTER, d.PLAN_FILE_FILTER]
    strings += [label for *_rest, label in settings_page.SOURCE_KEYS + settings_page.GUI_KEYS]
    strings += list(settings_page.TOOLTIPS.values()) + list(exportmap.EXTENT_NOTES.values())
    return list(dict.fromkeys(strings))


def missing(strings: list[str]) -> list[str]:
    found = translations()
    return [s for s in strings if not found.get(s)]
