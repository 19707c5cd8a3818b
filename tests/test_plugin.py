"""The plugin loads through classFactory with pytest-qgis's iface, and registers its provider."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from qgis.core import QgsApplication

ROOT = Path(__file__).resolve().parent.parent


_KEEP: list = []


def test_class_factory_loads_and_registers_provider(qgis_iface, qgis_processing):
    import serviceperspektiv
    from serviceperspektiv.processing.provider import ServiceperspektivProvider

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("serviceperspektiv")
    if existing is not None:  # registered by another test's session fixture
        registry.removeProvider(existing)
    plugin = serviceperspektiv.classFactory(qgis_iface)
    plugin.initProcessing()
    try:
        assert registry.providerById("serviceperspektiv") is not None
        assert registry.algorithmById("serviceperspektiv:nearestservice") is not None
        plugin.initGui()
    finally:
        plugin.unload()
    assert registry.providerById("serviceperspektiv") is None
    # Later tests run algorithms by id: register a provider again (and keep it alive).
    _KEEP.append(ServiceperspektivProvider())
    registry.addProvider(_KEEP[-1])


def test_metadata_has_required_keys():
    text = (ROOT / "serviceperspektiv" / "metadata.txt").read_text(encoding="utf-8")
    for key in ("name=", "description=", "about=", "version=", "qgisMinimumVersion=3.22", "hasProcessingProvider=yes",
                "tags=", "category=", "changelog="):
        assert key in text


def test_package_builds_an_installable_zip(tmp_path):
    completed = subprocess.run(["bash", str(ROOT / "scripts" / "package.sh")], capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    archive = ROOT / completed.stdout.strip().splitlines()[-1]
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    assert "serviceperspektiv/metadata.txt" in names and "serviceperspektiv/__init__.py" in names
    assert all(name.startswith("serviceperspektiv/") for name in names)
    assert not any("__pycache__" in name for name in names)
    assert sys.executable  # the zip is plain: QGIS's "Install from ZIP" unpacks it into the plugins folder


def test_swedish_translation_of_algorithm_names(qgis_processing):
    from serviceperspektiv.i18n import install_translator

    try:
        assert install_translator("sv") == "sv"
        alg = QgsApplication.processingRegistry().algorithmById("serviceperspektiv:nearestservice").create()
        assert alg.displayName() == "Restid till närmaste service"
    finally:
        install_translator("en")
