"""Shared fixtures: the Processing framework with our provider, and qgis_process.bin runs."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
DEMO_GPKG = ROOT / "resources" / "demo" / "fredriksberg_demo.gpkg"  # = adapters.resources.demo_gpkg()
QGIS_PROCESS = "/usr/bin/qgis_process.bin"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def provider(qgis_app, qgis_processing):
    """Our provider registered in the session's Processing registry."""
    from qgis.core import QgsApplication

    from serviceperspektiv.processing.provider import ServiceperspektivProvider

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("serviceperspektiv")
    if existing is not None:
        yield existing
        return
    instance = ServiceperspektivProvider()
    registry.addProvider(instance)
    yield instance


@pytest.fixture(scope="session")
def qgis_iface(qgis_iface):
    """pytest-qgis's iface, with a real layer tree view where Processing's result handling needs one:
    from QGIS 3.32 it hands ``iface.layerTreeView()`` to C++, where pytest-qgis's MagicMock is a TypeError."""
    import inspect

    from processing.gui import Postprocessing
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    if "layerTreeView" in inspect.getsource(Postprocessing.handleAlgorithmResults):
        view = QgsLayerTreeView()
        model = QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), view)
        # No legend nodes: their icons build the project's expression scope from a timer in the main
        # thread, which raced a task that emptied it (QGIS 3.22; the algorithms no longer do, see
        # processing/mainthread.py; tests/test_gui_desktop.py has the legend).
        model.setFlag(QgsLayerTreeModel.Flag.ShowLegend, False)
        view.setModel(model)
        qgis_iface.layerTreeView = lambda: view
    # pytest-qgis's canvas draws nothing a test looks at (tests/test_gui_desktop.py has QGIS's own).
    # Its refresh timer built the project's expression scope in the main thread while a task's thread
    # emptied it (QGIS 3.22, processing/mainthread.py), and its render thread read layers while the main
    # thread deleted them.
    qgis_iface.mapCanvas().setRenderFlag(False)
    yield qgis_iface


@pytest.fixture(scope="session", autouse=True)
def message_log_to_stderr(qgis_app):
    """QGIS's message log (what the panel points users to) on stderr, shown with a failing test."""
    from qgis.core import QgsApplication

    def echo(message: str, tag: str, level) -> None:
        sys.stderr.write(f"[QGIS log {tag}] {message}\n")

    QgsApplication.messageLog().messageReceived.connect(echo)
    yield
    QgsApplication.messageLog().messageReceived.disconnect(echo)


_PROVIDERS: list = []


@pytest.fixture()
def registered(qgis_app, qgis_processing):
    """Our provider as the registry has it now (another test may have unloaded and reloaded the plugin)."""
    from qgis.core import QgsApplication

    from serviceperspektiv.processing.provider import ServiceperspektivProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("serviceperspektiv") is None:
        # Keep the Python object alive: the registry holds only the C++ side of a Python provider.
        _PROVIDERS.append(ServiceperspektivProvider())
        registry.addProvider(_PROVIDERS[-1])
    return registry.providerById("serviceperspektiv")


@pytest.fixture()
def run_alg(provider):
    """processing.run for our algorithms; returns the result dict."""
    import processing

    def run(alg_id: str, params: dict, **kwargs):
        return processing.run(f"serviceperspektiv:{alg_id}", params, **kwargs)

    return run


def qgis_process_env(tmp_path: Path) -> dict:
    """Environment for qgis_process.bin with this checkout on QGIS_PLUGINPATH and a private profile."""
    env = dict(os.environ)
    env["QGIS_PLUGINPATH"] = str(ROOT)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_RUNTIME_DIR"] = str(tmp_path / "xdg")
    (tmp_path / "xdg").mkdir(exist_ok=True, mode=0o700)
    # A private profile directory so that enabling the plugin does not touch the user's QGIS.
    env["QGIS_CUSTOM_CONFIG_PATH"] = str(tmp_path / "qgis-profile")
    return env


def run_qgis_process(tmp_path: Path, alg: str, params: dict, timeout: int = 300,
                     options: list[str] | None = None) -> subprocess.CompletedProcess:
    """Enable the plugin in a private profile, then run one algorithm with --json output.

    ``options`` go before the parameters, e.g. ``--PROJECT_PATH=plan.qgz``.
    """
    env = qgis_process_env(tmp_path)
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "serviceperspektiv"], env=env, capture_output=True,
                   text=True, timeout=120)
    args = [QGIS_PROCESS, "--json", "run", alg, *(options or []), "--"]
    for key, value in params.items():
        values = value if isinstance(value, list) else [value]
        args.extend(f"{key}={v}" for v in values)
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout)


def qgis_process_json(completed: subprocess.CompletedProcess) -> dict:
    text = completed.stdout
    start = text.find("{")
    return json.loads(text[start:]) if start >= 0 else {}


@pytest.fixture(scope="session")
def demo_gpkg() -> Path:
    if not DEMO_GPKG.exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_demo_data.py"), "--out", str(DEMO_GPKG)], check=True)
    return DEMO_GPKG
