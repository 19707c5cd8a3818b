"""Where results are written: a folder the user picked, else <project folder>/serviceperspektiv next
to the saved project, else Serviceperspektiv in the user's documents (never a temporary folder)."""
from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProject, QgsSettings

SETTING_OUTPUT_DIR = "serviceperspektiv/output_dir"  # the settings page's default
PROJECT_SCOPE, PROJECT_KEY = "serviceperspektiv", "output_dir"  # a folder picked for this project


def chosen_dir(project: QgsProject | None = None) -> str:
    """The folder picked in the panel for this project (saved in the project), else the settings' one."""
    project = project or QgsProject.instance()
    picked, _ok = project.readEntry(PROJECT_SCOPE, PROJECT_KEY, "")
    return picked or QgsSettings().value(SETTING_OUTPUT_DIR, "", type=str)


def set_chosen_dir(path: str, project: QgsProject | None = None) -> None:
    (project or QgsProject.instance()).writeEntry(PROJECT_SCOPE, PROJECT_KEY, path or "")


def default_dir(project: QgsProject | None = None) -> Path:
    project = project or QgsProject.instance()
    if project.homePath():
        return Path(project.homePath()) / "serviceperspektiv"
    from qgis.PyQt.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return Path(documents) / "Serviceperspektiv"


def output_dir(project: QgsProject | None = None) -> Path:
    chosen = chosen_dir(project)
    path = Path(chosen) if chosen else default_dir(project)
    path.mkdir(parents=True, exist_ok=True)
    return path


def free_path(path: str | Path) -> Path:
    """``path``, or ``name_2.ext``, ``name_3.ext`` … when it exists: nothing is overwritten silently."""
    path = Path(path)
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}_{n}{path.suffix}")
        n += 1
    return candidate
