"""Run inside QGIS desktop (--code): the planner's workflow from the panel on the demo data, then the
real-use sequence that used to break it (issue 11): remove a result, run again, start a new
project, open the demo data, run again.

Writes screenshots, PDFs, the report and result.json to $SP_DEMO_OUT, records every Python error
from the QGIS message log, then quits QGIS. Driven by scripts/demo_gui.py.
"""
import json
import os
import traceback
from pathlib import Path

from qgis.core import QgsApplication, QgsCoordinateTransform, QgsPointXY, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins

from serviceperspektiv.adapters.resources import demo_gpkg

OUT = Path(os.environ.get("SP_DEMO_OUT", "out/demo-gui"))
# SP_DEMO_GPKG="" (the installed-ZIP run): "Öppna demodata" finds or generates the data itself,
# as it does for a user of the installed plugin.
DEMO = os.environ.get("SP_DEMO_GPKG", str(demo_gpkg())) or None
OUT.mkdir(parents=True, exist_ok=True)
state = {"errors": [], "steps": [], "pdfs": [], "screenshots": [], "results_added": []}


def on_log(message, tag, level):
    if tag == "Python error" or "Traceback" in message or "wrapped C/C++ object" in message:
        state["errors"].append(f"{tag}: {message[:2000]}")


QgsApplication.messageLog().messageReceived.connect(on_log)


def shot(name, widget=None):
    canvas = iface.mapCanvas()
    canvas.refresh()
    canvas.waitWhileRendering()  # the finished map, not the preview of the last extent
    QgsApplication.processEvents()
    path = OUT / f"{name}.png"
    (widget or iface.mainWindow()).grab().save(str(path))
    state["screenshots"].append(str(path))


def finish():
    (OUT / "result.json").write_text(json.dumps(state, indent=2, ensure_ascii=False), encoding="utf-8")
    # Close the project first, as QGIS's own exit does: QgsApplication.exit() alone leaves the layers
    # to QGIS's teardown, and QGIS 3.44 then crashes (its layer tree view is gone before the project
    # is cleared). Project ▸ Exit would ask about the scenario's memory layer instead.
    iface.newProject(False)
    QgsApplication.exit(0)


def guarded(step):
    def run(*args):
        try:
            step(*args)
        except Exception:  # noqa: BLE001 - every failure ends the demo with its traceback recorded
            state["errors"].append(traceback.format_exc())
            finish()
    return run


def wait_then(dock, step):
    """Call step() once the panel's task has finished (polls; QGIS stays responsive)."""
    def poll():
        if dock.runner.busy() or QgsApplication.taskManager().countActiveTasks():
            QTimer.singleShot(200, poll)
        else:
            QTimer.singleShot(300, guarded(step))
    QTimer.singleShot(300, poll)


def result_count():
    """Travel-time results in the layer tree (the maps' own copies are not in the tree)."""
    return sum(1 for node in QgsProject.instance().layerTreeRoot().findLayers()
               if str(node.layer().customProperty("serviceperspektiv/kind", "")) == "nearestservice")


@guarded
def run():
    plugin = plugins.get("serviceperspektiv")
    if plugin is None or plugin.gui is None:
        state["errors"].append("plugin not loaded")
        return finish()
    iface.mainWindow().resize(1500, 950)
    dock = plugin.gui.open_dock()
    state["steps"].append("dock opened")
    dock.area.mode.setCurrentIndex(0)
    dock.load_demo_data(DEMO)  # "Öppna demodata": roads, services, population, plan area, place names
    zoom_village(dock)
    wait_then(dock, lambda: step_nearest(dock))


def zoom_village(dock, margin=3500.0):
    """The village and its plan area, as a planner would look at them."""
    plan = dock.plan.layer()
    canvas = iface.mapCanvas()
    transform = QgsCoordinateTransform(plan.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance())
    canvas.setExtent(transform.transformBoundingBox(plan.extent().buffered(margin)))
    canvas.refresh()


def step_nearest(dock):
    state["steps"].append("data fetched")
    zoom_village(dock)  # again: QGIS zooms to the first layers of an empty project on its own
    QgsApplication.processEvents()
    shot("01_data")
    dock.run_nearest()
    wait_then(dock, lambda: step_gaps(dock))


def step_gaps(dock):
    state["steps"].append(f"nearest: {'nearest' in dock.results}")
    state["results_added"].append(result_count())
    dock.scroll_to(dock.analysis)
    shot("02_nearest")
    dock.run_gaps()
    wait_then(dock, lambda: step_scenario(dock))


def step_scenario(dock):
    state["steps"].append(f"gaps: {'gaps' in dock.results}")
    plan = dock.plan.layer()
    dock.scenario.new_type.setCurrentIndex(dock.scenario.new_type.findData("dagligvaror_full"))
    canvas_crs = iface.mapCanvas().mapSettings().destinationCrs()
    centre = QgsCoordinateTransform(plan.crs(), canvas_crs, QgsProject.instance()).transform(plan.extent().center())
    dock.add_scenario_point(QgsPointXY(centre))
    dock.run_scenario()
    wait_then(dock, lambda: step_plan(dock))


def step_plan(dock):
    state["steps"].append(f"scenario: {'scenario' in dock.results}")
    state["scenario_summary"] = dock.scenario.summary.text()
    dock.scroll_to(dock.scenario)
    shot("03_scenario")
    dock.run_plan_profile()
    wait_then(dock, lambda: step_place(dock))


def step_place(dock):
    """Nulägesanalys: the demo's tätort Fredriksberg (chosen by the step), with the scenario of step 4."""
    state["steps"].append(f"plan area: {'profile' in dock.results}")
    state["profile_summary"] = dock.plan.summary.text()
    dock.scroll_to(dock.plan)
    shot("04_plan")
    state["place_layer"] = dock.place.layer_combo.currentText()
    dock.place.with_scenario.setChecked(True)
    dock.run_place_analysis()
    wait_then(dock, lambda: step_pdf(dock))


def step_pdf(dock):
    state["steps"].append(f"nulägesanalys: {'place' in dock.results}")
    state["place_summary"] = dock.place.summary.text()
    state["place_report"] = str(dock.state.files.get("place_report", ""))
    dock.place.with_scenario.setChecked(False)
    zoom_village(dock, 1500.0)
    dock.scroll_to(dock.place)
    shot("04b_place")
    nearest = dock.results["nearest"]
    root = QgsProject.instance().layerTreeRoot()
    for group in root.findGroup("Serviceperspektiv").children():  # the travel-time map only
        group.setItemVisibilityChecked(group.findLayer(nearest.id()) is not None)
    dock.analysis.shown.setCurrentIndex(dock.analysis.shown.findData("dagligvaror_ovrig"))
    dock.export.title.setText("Tillgång till vardaglig service")
    zoom_village(dock, 9000.0)
    for index, name in enumerate(("a4_portrait", "a4_landscape", "a3_landscape")):
        dock.export.extent.setCurrentIndex(1 if index == 0 else 0)  # portrait: the plan area
        pdf = dock.export_pdf(str(OUT / f"{name}.pdf"), template=index)
        if pdf:
            state["pdfs"].append(str(pdf))
    dock.export.extent.setCurrentIndex(0)
    dock.export.atlas.setChecked(True)
    pdf = dock.export_pdf(str(OUT / "atlas_a4_landscape.pdf"), template=1)
    dock.export.atlas.setChecked(False)
    if pdf:
        state["pdfs"].append(str(pdf))
    state["layouts"] = [layout.name() for layout in QgsProject.instance().layoutManager().layouts()]
    dock.run_report()
    wait_then(dock, lambda: step_remove(dock))


def step_remove(dock):
    """Real use: remove the result layer, run again (this broke the panel before)."""
    state["report"] = str(dock.state.files.get("report", ""))
    dock.scroll_to(dock.export)
    shot("05_export")
    QgsProject.instance().write(str(OUT / "demo_project.qgz"))
    QgsProject.instance().removeMapLayer(dock.results["nearest"].id())
    state["steps"].append(f"removed: {'nearest' not in dock.results}")
    dock.run_gaps()  # must not use the removed layer
    wait_then(dock, lambda: step_rerun(dock))


def step_rerun(dock):
    state["steps"].append(f"gaps after removal: {'gaps' in dock.results}")
    dock.run_nearest()
    wait_then(dock, lambda: step_new_project(dock))


def step_new_project(dock):
    state["results_added"].append(result_count())
    iface.newProject(False)  # "New project", as from the menu
    state["steps"].append(f"new project: {not dock.results}")
    state["steps"].append(f"nulägesanalys reset: {not dock.place.summary.text() and dock.place.layer() is None}")
    dock.load_demo_data(DEMO)
    dock.run_nearest()
    wait_then(dock, lambda: step_last(dock))


def step_last(dock):
    state["results_added"].append(result_count())
    state["steps"].append(f"after new project: {'nearest' in dock.results}")
    dock.run_report()
    wait_then(dock, lambda: step_done(dock))


def step_done(dock):
    state["steps"].append(f"report after new project: {bool(dock.state.files.get('report'))}")
    state["status"] = dock.status.text()
    from serviceperspektiv.gui.settings_page import SettingsPage

    page = SettingsPage()  # the plugin's page of Inställningar ▸ Alternativ
    page.resize(820, 760)
    page.show()
    shot("06_settings", page)
    page.close()
    finish()


QTimer.singleShot(2500, guarded(run))
