"""adapters/resources.py is the one way to locate the plugin's files, in the checkout as in the ZIP."""
from __future__ import annotations

import re
from pathlib import Path

from serviceperspektiv.adapters import resources

ROOT = Path(__file__).resolve().parent.parent


def test_every_kind_of_resource_is_found():
    assert resources.plugin_dir() == ROOT / "serviceperspektiv"
    assert resources.metadata_path().is_file()
    assert resources.icon_path().is_file() and resources.icon_path().suffix == ".svg"
    for name in ("a4_portrait", "a4_landscape", "a3_landscape"):
        assert resources.template_path(name).is_file()
    assert resources.style_path("traveltime") == resources.styles_dir() / "traveltime.qml"
    assert resources.style_path("no_such_style") is None
    for name in ("service_types.json", "road_speeds.json", "municipalities.csv"):
        assert resources.data_path(name).is_file()
    assert resources.translation_files("sv") and all(p.suffix == ".qm" for p in resources.translation_files("sv"))
    assert resources.translation_files("xx") == []
    assert resources.demo_gpkg() == ROOT / "resources" / "demo" / "fredriksberg_demo.gpkg"


def test_resources_live_inside_the_package():
    """The checkout has the installed layout: nothing the plugin reads lies outside serviceperspektiv/."""
    for path in (resources.styles_dir(), resources.templates_dir(), resources.i18n_dir()):
        assert resources.plugin_dir() in path.parents
    assert not (ROOT / "resources" / "styles").exists() and not (ROOT / "resources" / "templates").exists()


def test_no_other_module_computes_paths_from_its_own_location():
    offenders = []
    for path in sorted((ROOT / "serviceperspektiv").rglob("*.py")):
        if path.name == "resources.py" and path.parent.name == "adapters":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"__file__|importlib\.resources|pkgutil\.get_data|QgsApplication\.pluginPath", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, ("Locate files through serviceperspektiv/adapters/resources.py (styles_dir, template_path, "
                           "data_path, icon_path, i18n_dir, demo_gpkg …), not from a module's own path:\n"
                           + "\n".join(offenders))
