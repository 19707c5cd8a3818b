"""The panel in detail: one Swedish line for source errors, where outputs go, and demo data made
on demand in the installed plugin."""
from __future__ import annotations

import socket

from qgis.core import QgsApplication, QgsProject

from tests.test_gui import gui, wait_idle  # noqa: F401 - the fixture


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens here once the socket is closed


def test_source_error_is_one_line_in_the_panel_details_in_the_log(gui, monkeypatch, tmp_path):  # noqa: F811
    monkeypatch.setenv("SERVICEPERSPEKTIV_OVERPASS_URL", f"http://127.0.0.1:{closed_port()}/api/interpreter")
    monkeypatch.setenv("SERVICEPERSPEKTIV_WAIT_SCALE", "0.01")
    monkeypatch.setenv("SERVICEPERSPEKTIV_MAX_RETRIES", "1")
    monkeypatch.setenv("SERVICEPERSPEKTIV_CACHE_DIR", str(tmp_path / "cache"))
    logged = []
    QgsApplication.messageLog().messageReceived.connect(lambda text, tag, _level: logged.append((tag, text)))
    dock = gui.open_dock()
    dock.data.sources["services"].setCurrentIndex(0)  # Overpass, online
    dock.data.fetch(("services",))
    wait_idle(dock)
    line = dock.status.text()
    assert line and "\n" not in line and len(line) <= 200
    assert not any(word in line for word in ("Traceback", "HTTPConnectionPool", "Errno", "0x"))
    assert not dock.results and dock.data.inputs.services.currentLayer() is None
    assert any(tag == "Serviceperspektiv" and "fetchservices" in text for tag, text in logged)  # the details


def test_outputs_go_next_to_the_saved_project(gui, tmp_path):  # noqa: F811
    from serviceperspektiv.adapters.outputfolder import output_dir, set_chosen_dir

    set_chosen_dir("")  # nothing picked: next to the project
    project = QgsProject.instance()
    assert project.write(str(tmp_path / "plan.qgz"))
    assert output_dir() == tmp_path / "serviceperspektiv" and output_dir().is_dir()
    set_chosen_dir(str(tmp_path / "picked"))  # a folder the user picked, kept in the project
    assert output_dir() == tmp_path / "picked"


def test_demo_data_is_made_on_demand_in_an_installed_plugin(gui, monkeypatch, tmp_path):  # noqa: F811
    """The installed plugin has no resources/demo: 'Öppna demodata' generates the GeoPackage."""
    from serviceperspektiv import demo

    target = tmp_path / "profile" / "serviceperspektiv" / "demo" / demo.FILE_NAME
    monkeypatch.setattr(demo, "bundled", lambda: None)
    monkeypatch.setattr(demo, "generated_path", lambda: target)
    dock = gui.open_dock()
    assert dock.load_demo_data()
    assert target.is_file()
    assert dock.data.inputs.roads.currentLayer().source().startswith(str(target))
    assert dock.plan.layer() is not None


def test_a_failure_while_loading_results_is_one_line_in_the_panel(gui, demo_gpkg, monkeypatch):  # noqa: F811
    """An exception in the task's completion slot must not escape it: PyQt then aborts QGIS."""
    from serviceperspektiv.gui import tasks

    def broken(*_args, **_kwargs):
        raise TypeError("argument 3 has unexpected type")

    monkeypatch.setattr(tasks, "load_results", broken)
    logged = []
    QgsApplication.messageLog().messageReceived.connect(lambda text, tag, _level: logged.append((tag, text)))
    dock = gui.open_dock()
    assert dock.load_demo_data(str(demo_gpkg))
    assert dock.run_nearest()
    wait_idle(dock)
    assert "nearest" not in dock.results
    assert dock.status.text() and "Traceback" not in dock.status.text()
    assert not dock.runner.busy()
    assert any(tag == "Serviceperspektiv" and "unexpected type" in text for tag, text in logged)
