"""Run inside QGIS desktop (--code): the newcomer's workflow from the dock on the demo data.

Writes screenshots, PDFs and result.json to $SP_DEMO_OUT, records every Python error from the QGIS
log, then quits QGIS. Driven by scripts/demo_gui.py.
"""
import json
import os
import traceback
from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsPointXY, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins

from serviceperspektiv.adapters.resources import demo_gpkg

OUT = Path(os.environ.get("SP_DEMO_OUT", "out/demo-gui"))
DEMO = os.environ.get("SP_DEMO_GPKG") or str(demo_gpkg())
OUT.mkdir(parents=True, exist_ok=True)
state = {"errors": [], "steps": [], "pdfs": [], "screenshots": []}


def on_log(message, tag, level):
    if tag == "Python error" or (level == Qgis.MessageLevel.Critical and "Traceback" in message):
        state["errors"].append(f"{tag}: {message[:2000]}")


QgsApplication.messageLog().messageReceived.connect(on_log)


def shot(name):
    QgsApplication.processEvents()
    path = OUT / f"{name}.png"
    iface.mainWindow().grab().save(str(path))
    state["screenshots"].append(str(path))


def finish():
    (OUT / "result.json").write_text(json.dumps(state, indent=2, ensure_ascii=False), encoding="utf-8")
    QgsApplication.exit(0)


def wait_then(dock, step):
    """Call step() once the dock's task has finished (polls; QGIS stays responsive)."""
    def poll():
        if dock.runner.busy() or QgsApplication.taskManager().countActiveTasks():
            QTimer.singleShot(200, poll)
        else:
            QTimer.singleShot(300, step)
    QTimer.singleShot(300, poll)


def run():
    try:
        plugin = plugins.get("serviceperspektiv")
        if plugin is None or plugin.gui is None:
            state["errors"].append("plugin not loaded")
            return finish()
        iface.mainWindow().resize(1500, 950)
        dock = plugin.gui.open_dock()
        state["steps"].append("dock opened")
        # 1. area: the municipality; 2. data from the demo files (local layers are opened directly)
        dock.area_mode.setCurrentIndex(0)
        dock.source_services.setCurrentIndex(2)
        dock.file_services.setFilePath(f"{DEMO}|layername=services")
        dock.source_roads.setCurrentIndex(2)
        dock.file_roads.setFilePath(f"{DEMO}|layername=roads")
        dock.source_population.setCurrentIndex(1)
        dock.file_population.setFilePath(f"{DEMO}|layername=population")
        dock.fetch_data()
        from serviceperspektiv.i18n import tr as sp_tr  # the plugin's translations, not Qt's own tr

        plan = QgsVectorLayer(f"{DEMO}|layername=plan_area", sp_tr("Plan area"), "ogr")
        QgsProject.instance().addMapLayer(plan)
        dock.plan_layer.setLayer(plan)
        dock._zoom_to(dock.origins.currentLayer())
        wait_then(dock, lambda: step_nearest(dock, plan))
    except Exception:  # noqa: BLE001
        state["errors"].append(traceback.format_exc())
        finish()


def step_nearest(dock, plan):
    state["steps"].append("data fetched")
    shot("01_data")
    dock.run_nearest()
    wait_then(dock, lambda: step_gaps(dock, plan))


def step_gaps(dock, plan):
    state["steps"].append(f"nearest: {'nearest' in dock.results}")
    shot("02_nearest")
    if dock.runner.algorithm("servicegaps") is not None:
        dock.run_gaps()
    wait_then(dock, lambda: step_scenario(dock, plan))


def step_scenario(dock, plan):
    state["steps"].append(f"gaps: {'gaps' in dock.results}")
    dock.new_type.setCurrentIndex(dock.new_type.findData("dagligvaror_full"))
    canvas_crs = iface.mapCanvas().mapSettings().destinationCrs()
    from qgis.core import QgsCoordinateTransform
    centre = QgsCoordinateTransform(plan.crs(), canvas_crs, QgsProject.instance()).transform(plan.extent().center())
    dock.add_scenario_point(QgsPointXY(centre))
    if dock.runner.algorithm("scenario") is not None:
        dock.run_scenario()
    wait_then(dock, lambda: step_plan(dock, plan))


def step_plan(dock, plan):
    state["steps"].append(f"scenario: {'scenario' in dock.results}")
    shot("03_scenario")
    plan.selectAll()
    if dock.runner.algorithm("planareaprofile") is not None:
        dock.run_plan_profile()
    wait_then(dock, lambda: step_pdf(dock))


def step_pdf(dock):
    state["steps"].append(f"plan area: {'profile' in dock.results}")
    try:
        root = QgsProject.instance().layerTreeRoot()
        nearest = dock.results.get("nearest")
        for layer in dock.results.values():
            node = root.findLayer(layer.id())
            if node is not None:
                node.setItemVisibilityChecked(layer is nearest)
        dock.title.setText("Tillgång till vardaglig service")
        for index, name in enumerate(("a4_portrait", "a4_landscape", "a3_landscape")):
            pdf = dock.export_pdf(str(OUT / f"{name}.pdf"), template=index)
            if pdf:
                state["pdfs"].append(str(pdf))
        dock.atlas.setChecked(True)
        pdf = dock.export_pdf(str(OUT / "atlas_a4_landscape.pdf"), template=1)
        dock.atlas.setChecked(False)
        if pdf:
            state["pdfs"].append(str(pdf))
        state["layouts"] = [layout.name() for layout in QgsProject.instance().layoutManager().layouts()]
        shot("04_export")
        QgsProject.instance().write(str(OUT / "demo_project.qgz"))
    except Exception:  # noqa: BLE001
        state["errors"].append(traceback.format_exc())
    finish()


QTimer.singleShot(2500, run)
