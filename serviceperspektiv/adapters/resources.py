"""Where the plugin's resources (styles, templates) are: the checkout or the packaged plugin."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

_PACKAGE = Path(__file__).resolve().parent.parent  # serviceperspektiv/


def resources_dir() -> Path:
    """serviceperspektiv/resources in the packaged zip, else <repo>/resources in a checkout."""
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if (candidate / "styles").is_dir():
            return candidate
    return _PACKAGE.parent / "resources"


def style_path(name: str) -> Optional[Path]:
    """resources/styles/<name>.qml, or None when it is not shipped."""
    path = resources_dir() / "styles" / f"{name}.qml"
    return path if path.is_file() else None


def template_dir() -> Path:
    """resources/templates: the built-in print layout templates (.qpt)."""
    return resources_dir() / "templates"
