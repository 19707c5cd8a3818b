"""The one place that knows where the plugin's files are, in a checkout and in the installed plugin.

The checkout and the ZIP have the same layout (``scripts/package.sh`` copies the package folder
as it is), so every path is relative to the package folder ``serviceperspektiv/``::

    serviceperspektiv/
      metadata.txt
      icons/<name>.svg                 plugin and toolbox icons
      data/<name>.json|csv             catalogues (service types, road speeds, municipalities)
      i18n/*_<locale>.qm               translations (built from the *.ts sources; only .qm ship)
      resources/styles/<name>.qml      layer styles
      resources/templates/<name>.qpt   print-layout templates

The demo GeoPackage is the one exception: ``make demo-data`` writes it to ``<checkout>/resources/demo/``
and it does not ship in the ZIP (illustrative data, not surveyed geography). Plain ``pathlib``
only, no QGIS imports, so the pure-Python core may use it too.
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

PLUGIN_DIR = Path(__file__).resolve().parent.parent  # serviceperspektiv/
DEMO_NAME = "fredriksberg_demo.gpkg"


def plugin_dir() -> Path:
    """The package folder: ``<checkout>/serviceperspektiv`` or ``<profile>/python/plugins/serviceperspektiv``."""
    return PLUGIN_DIR


def metadata_path() -> Path:
    return PLUGIN_DIR / "metadata.txt"


def resources_dir() -> Path:
    """``serviceperspektiv/resources`` (styles and templates)."""
    return PLUGIN_DIR / "resources"


def styles_dir() -> Path:
    return resources_dir() / "styles"


def style_path(name: str) -> Optional[Path]:
    """``resources/styles/<name>.qml``, or None when there is no such style."""
    path = styles_dir() / f"{name}.qml"
    return path if path.is_file() else None


def templates_dir() -> Path:
    return resources_dir() / "templates"


def template_path(name: str) -> Path:
    """``resources/templates/<name>.qpt`` (the caller reports a missing template)."""
    return templates_dir() / f"{name}.qpt"


def data_path(name: str) -> Path:
    """A catalogue in ``serviceperspektiv/data``, e.g. ``data_path("service_types.json")``."""
    return PLUGIN_DIR / "data" / name


def icon_path(name: str = "serviceperspektiv.svg") -> Path:
    return PLUGIN_DIR / "icons" / name


def i18n_dir() -> Path:
    return PLUGIN_DIR / "i18n"


def translation_files(locale: str) -> List[Path]:
    """Every compiled ``*_<locale>.qm`` (one per area), sorted so the load order is stable."""
    return sorted(i18n_dir().glob(f"*_{locale[:2]}.qm"))


def demo_gpkg() -> Path:
    """Where the demo GeoPackage is: ``<checkout>/resources/demo/fredriksberg_demo.gpkg``.

    It may not exist (``make demo-data`` writes it; the installed plugin has none): callers check.
    """
    return demo_dir() / DEMO_NAME


def demo_dir() -> Path:
    return PLUGIN_DIR.parent / "resources" / "demo"


def has_demo_data() -> bool:
    return demo_gpkg().is_file()


def docs_path(name: str) -> Optional[Path]:
    """The user documentation page ``name``: ``docs/<name>.html`` shipped in the ZIP (built from the
    checkout's ``docs/<name>.md`` by ``scripts/package.sh``), else the Markdown in a checkout."""
    for path in (PLUGIN_DIR / "docs" / f"{name}.html", PLUGIN_DIR.parent / "docs" / f"{name}.md"):
        if path.is_file():
            return path
    return None
