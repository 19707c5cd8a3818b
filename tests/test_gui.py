"""The panel in pytest-qgis (qgis_iface): loads, pickers fill, the workflow runs through the same
pipeline as the toolbox, cancel leaves nothing, and the panel survives removed layers and new projects."""
from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsPointXY, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QEvent
from qgis.PyQt.QtWidgets import QToolBar

from serviceperspektiv import definitions as d


def wait_idle(dock, timeout: float = 120.0) -> None:
    """Process events until the panel's task is done (tasks report back in the main thread)."""
    end = time.time() + timeout
    while time.time() < end:
        QgsApplication.processEvents()
        if not dock.runner.busy() and QgsApplication.taskManager().countActiveTasks() == 0:
            for _ in range(5):
                QgsApplication.processEvents()
            return
        time.sleep(0.02)
    raise AssertionError("task did not finish")


@pytest.fixture()
def gui(qgis_iface, provider, qgis_new_project, tmp_path):
    from serviceperspektiv.adapters.outputfolder import set_chosen_dir
    from serviceperspektiv.gui.main import PluginGui

    plugin_gui = PluginGui(qgis_iface)
    plugin_gui.init_gui()
    set_chosen_dir(str(tmp_path / "out"))
    yield plugin_gui
    plugin_gui.unload()
    # Python may collect the panel's objects before Qt deletes the dock (as on a plugin reload):
    # nothing may call back into them then.
    gc.collect()
    QgsApplication.processEvents()
    QgsProject.instance().layoutManager().clear()
    QgsProject.instance().removeAllMapLayers()
    gc.collect()  # free layer/iterator wrappers while QGIS is still up (else a crash at exit)


def fetch_demo_files(dock, demo_gpkg) -> None:
    """'Fetch' from the demo files: GeoPackage layers are opened directly."""
    data = dock.data
    dock.area.mode.setCurrentIndex(0)
    for kind, name in (("services", "services"), ("roads", "roads"), ("population", "population")):
        data.files[kind].setFilePath(f"{demo_gpkg}|layername={name}")
    dock.fetch_data()
    wait_idle(dock)


def test_plugin_loads_and_dock_opens(qgis_iface, provider):
    import serviceperspektiv

    plugin = serviceperspektiv.classFactory(qgis_iface)
    plugin.initGui()
    if QgsApplication.processingRegistry().providerById("serviceperspektiv") is not plugin.provider:
        plugin.provider = None  # the session fixture registered it first; the duplicate was dropped
    assert plugin.gui is not None
    dock = plugin.gui.open_dock()
    assert dock.isVisible() or dock.parent() is not None
    assert dock.data.type_boxes["dagligvaror_full"].text()
    assert plugin.gui.options_factory is not None
    from serviceperspektiv.gui.main import QAction  # QtWidgets on Qt5, QtGui on Qt6

    window = qgis_iface.mainWindow()
    ours = {"Serviceperspektiv panel", "Serviceperspektiv algorithms (Processing)"}
    assert ours <= {action.text() for action in window.findChildren(QAction)}
    plugin.unload()
    QgsApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # nothing of the plugin lives on in QGIS's window to call into a reloaded plugin's old objects
    assert not ours & {action.text() for action in window.findChildren(QAction)}
    assert window.findChild(QToolBar, "ServiceperspektivToolbar") is None


def test_every_control_has_a_tooltip_and_steps_stay_small(gui):
    from qgis.gui import QgsFileWidget
    from qgis.PyQt import sip
    from qgis.PyQt.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    dock = gui.open_dock()
    # By C++ address: Python's id() of a wrapper changes once the wrapper is collected.
    parts = {sip.unwrapinstance(w) for step in dock.steps for fw in step.findChildren(QgsFileWidget)
             for w in fw.findChildren(object)}
    controls = [w for step in dock.steps for w in step.findChildren((QComboBox, QLineEdit, QAbstractButton, QgsFileWidget))
                if sip.unwrapinstance(w) not in parts and not isinstance(w.parent(), QComboBox)]  # not a file widget's parts
    assert len(controls) > 30
    missing = [f"{type(w).__name__} {getattr(w, 'text', lambda: '')()}" for w in controls if not w.toolTip()]
    assert not missing, missing
    gui_dir = Path(__file__).resolve().parent.parent / "serviceperspektiv" / "gui"
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in gui_dir.rglob("*.py")}
    assert max(sizes.values()) <= 260, sizes


def test_pickers_fill_only_fitting_layers(gui, demo_gpkg):
    dock = gui.open_dock()
    assert dock.load_demo_data(str(demo_gpkg))
    inputs = dock.data.inputs
    assert inputs.roads.currentLayer().geometryType() == 1  # lines
    assert inputs.class_field.currentField() == "highway"
    assert inputs.speed_field.currentField() == "maxspeed"
    assert inputs.type_field.currentField() == "type"
    assert inputs.pop_field.currentField() == "pop"
    assert all(inputs.roads.layer(i).geometryType() == 1 for i in range(inputs.roads.count()) if inputs.roads.layer(i))
    assert 1 not in {inputs.origins.layer(i).geometryType() for i in range(inputs.origins.count()) if inputs.origins.layer(i)}
    # the plan step offers the demo plan area; the source choices are the fetch algorithms' own
    assert dock.plan.layer() is not None and dock.plan.layer().name()
    assert dock.data.sources["roads"].count() == len(dock.runner.algorithm("fetchroads").parameterDefinition(
        "SOURCE").options())


def test_full_workflow_through_the_panel(gui, demo_gpkg, tmp_path):
    dock = gui.open_dock()
    fetch_demo_files(dock, demo_gpkg)
    assert dock.data.inputs.roads.currentLayer() is not None and dock.data.inputs.pop_field.currentField() == "pop"

    assert dock.run_nearest()
    wait_idle(dock)
    nearest = dock.results.get("nearest")
    assert isinstance(nearest, QgsVectorLayer) and nearest.featureCount() > 0, dock.status.text()
    # the toolbox's pipeline: styled in the panel's classes, named with type and mode, in the run's group
    assert nearest.renderer().type() == "categorizedSymbol"
    assert "5" in nearest.renderer().classAttribute() and "dagligvaror_full_min" in nearest.renderer().classAttribute()
    assert nearest.name().endswith("(car)") and "groceries, full range" in nearest.name()
    group = QgsProject.instance().layerTreeRoot().findGroup("Serviceperspektiv")
    assert group.findLayer(nearest.id()) is not None

    # the service-type picker decides what the map shows
    dock.analysis.shown.setCurrentIndex(dock.analysis.shown.findData("apotek"))
    assert "apotek_min" in nearest.renderer().classAttribute() and "pharmacy" in nearest.name()

    assert dock.run_gaps()
    wait_idle(dock)
    assert {"gaps", "stats", "summary"} <= set(dock.results), dock.status.text()
    assert dock.results["gaps"].name() == "Service gaps pharmacy (car)"

    assert dock.run_catchments()
    wait_idle(dock)
    zones = dock.results.get("catchments")
    assert isinstance(zones, QgsVectorLayer) and zones.featureCount() > 0, dock.status.text()
    top = zones.renderer().rootRule().children()[0]
    assert top.filterExpression() == "\"type\" = 'apotek'"  # one type at a time
    bands = sorted({f["band_min"] for f in zones.getFeatures() if f["type"] == "apotek"})
    labels = [rule.label() for rule in top.children()]
    assert labels == [f"Within {b:g} min" for b in bands]  # the legend lists what is drawn, shortest first
    assert zones.renderer().orderByEnabled() and "band_min DESC" in zones.renderer().orderBy().dump()  # shortest on top

    assert dock.run_allocation()
    wait_idle(dock)
    allocation = dock.results.get("allocation")
    assert isinstance(allocation, QgsVectorLayer) and allocation.featureCount() > 0, dock.status.text()
    assert "second_min_mean" in allocation.fields().names()

    # scenario: a new grocery store where the map is clicked; the panel shows a short summary
    extent = QgsVectorLayer(f"{demo_gpkg}|layername=plan_area", "plan", "ogr").extent()
    gui.iface.mapCanvas().setDestinationCrs(dock.data.inputs.origins.currentLayer().crs())
    dock.scenario.new_type.setCurrentIndex(dock.scenario.new_type.findData("dagligvaror_full"))
    dock.add_scenario_point(QgsPointXY(extent.center()))
    assert dock.state.layer("new_points").featureCount() == 1
    assert dock.run_scenario()
    wait_idle(dock)
    scenario = dock.results.get("scenario")
    assert scenario is not None, dock.status.text()
    assert "dagligvaror_full_delta_min" in scenario.fields().names()
    # its QML style did not wipe what the layer is: the picker still switches it
    assert scenario.customProperty(d.PROP_KIND) == "scenario" and allocation.customProperty(d.PROP_KIND) == "allocation"
    assert scenario.renderer().classAttribute() == "dagligvaror_full_delta_min"
    assert "shorter" in dock.scenario.summary.text() and dock.scenario.summary.isVisibleTo(dock.scenario)

    # plan area profile on the demo plan; a short summary in the panel
    assert dock.plan.layer() is None  # the population grid is a polygon layer, but not a plan
    dock.load_demo_data(str(demo_gpkg))
    assert dock.plan.layer() is not None
    assert dock.run_plan_profile()
    wait_idle(dock)
    assert "profile" in dock.results, dock.status.text()
    assert "people inside" in dock.plan.summary.text() and "within 2 km" in dock.plan.summary.text()

    # the PDF: a nearest-service map of the plan area; never overwritten
    root = QgsProject.instance().layerTreeRoot()
    for layer in dock.results.values():
        node = root.findLayer(layer.id())
        if node is not None:
            node.setItemVisibilityChecked(layer is nearest)
    root.findGroup("Serviceperspektiv").findGroup(root.findLayer(nearest.id()).parent().name()).setItemVisibilityChecked(True)
    dock.export.extent.setCurrentIndex(1)
    first = dock.export_pdf(str(tmp_path / "karta.pdf"), template=1)
    second = dock.export_pdf(str(tmp_path / "karta.pdf"), template=1)
    assert first == tmp_path / "karta.pdf" and second == tmp_path / "karta_2.pdf", dock.status.text()
    assert first.stat().st_size > 10000 and dock.export.written.text().endswith("karta_2.pdf")
    layout = QgsProject.instance().layoutManager().layouts()[0]
    assert layout.customProperty("serviceperspektiv/extent") == "plan"

    # the report holds the whole session, with type names
    assert dock.run_report()
    wait_idle(dock)
    report = dock.state.files.get("report")
    assert report is not None and report.exists(), dock.status.text()
    page = report.read_text(encoding="utf-8")
    assert report.parent == tmp_path / "out"
    # in the UI's language (English here): type names, the scenario summary, the plan area, the classes
    for text in ("Groceries, full range", "Scenario: summary", "Area profile", "Population per travel-time class",
                 "Plan area: travel time per service type"):
        assert text in page, text
    assert "dagligvaror_full" not in page.split("<h2>")[1]  # names, not keys


def test_cancel_leaves_no_partial_layer(gui, demo_gpkg):
    dock = gui.open_dock()
    dock.load_demo_data(str(demo_gpkg))
    before = set(QgsProject.instance().mapLayers())
    assert dock.run_nearest()
    dock.runner.cancel()  # cancel while the task is queued or running
    wait_idle(dock)
    assert set(QgsProject.instance().mapLayers()) == before
    assert "nearest" not in dock.results
    assert not dock.cancel_button.isEnabled()


def test_panel_survives_removed_layers_and_new_projects(gui, demo_gpkg):
    """The bug of issue 11: a removed result or a new project broke every later run."""
    dock = gui.open_dock()
    dock.load_demo_data(str(demo_gpkg))
    assert dock.run_nearest()
    wait_idle(dock)
    nearest = dock.results["nearest"]
    QgsProject.instance().removeMapLayer(nearest.id())
    assert "nearest" not in dock.results  # forgotten at once, not used again
    assert dock.run_gaps()  # computes its own travel times instead of using the removed layer
    wait_idle(dock)
    assert "gaps" in dock.results, dock.status.text()
    assert dock.run_report()
    wait_idle(dock)
    assert dock.state.files["report"].exists(), dock.status.text()

    QgsProject.instance().clear()  # "New project"
    assert not dock.state.results and dock.data.inputs.roads.currentLayer() is None
    assert not dock.run_nearest()  # no layers: a clear message, no traceback
    assert "Choose a layer" in dock.status.text()
    dock.load_demo_data(str(demo_gpkg))
    count = len(QgsProject.instance().mapLayers())
    assert dock.run_nearest()
    wait_idle(dock)
    assert len(QgsProject.instance().mapLayers()) == count + 1 and "nearest" in dock.results, dock.status.text()


def test_opened_project_finds_its_results(gui, demo_gpkg, tmp_path):
    dock = gui.open_dock()
    dock.load_demo_data(str(demo_gpkg))
    assert dock.run_nearest()
    wait_idle(dock)
    name = dock.results["nearest"].name()
    path = tmp_path / "plan.qgz"
    assert QgsProject.instance().write(str(path))
    QgsProject.instance().clear()
    assert not dock.results
    assert QgsProject.instance().read(str(path))
    assert dock.results["nearest"].name() == name
    assert dock.results["nearest"].customProperty(d.PROP_KIND) == "nearestservice"


def test_plan_step_prefers_an_imported_plan_and_profiles_it(gui, demo_gpkg):
    """Issue 12: the Planområde step picks an imported detaljplan and runs planareaprofile on it."""
    # the real Kristianstad plan, moved onto the demo village (tests/data/detaljplan/README.md)
    sample = Path(__file__).resolve().parent / "data" / "detaljplan" / "plankarta_sweref99_15_00.xml"
    dock = gui.open_dock()
    dock.load_demo_data(str(demo_gpkg))
    assert dock.plan.layer().customProperty(d.PROP_ROLE) == "plan"  # the demo's plan area first
    assert dock.plan.import_plan(str(sample))
    wait_idle(dock)
    plan = dock.plan.layer()
    assert plan is not None and plan.customProperty(d.PROP_KIND) == "plan_area", dock.status.text()
    assert dock.plan.layer_combo.currentText().endswith("– detaljplan")
    names = [dock.plan.layer_combo.itemText(i) for i in range(dock.plan.layer_combo.count())]
    assert names.index(dock.plan.layer_combo.currentText()) == 1  # imported plans lead the list
    assert dock.run_plan_profile()  # the whole plan (nothing selected)
    wait_idle(dock)
    profile = dock.results.get("profile")
    assert profile is not None and profile.featureCount() == plan.featureCount(), dock.status.text()
    planid = next(plan.getFeatures())["planid"]
    assert next(profile.getFeatures())["planid"] == planid and str(planid) in dock.plan.summary.text() or \
        next(plan.getFeatures())["plannamn"] in dock.plan.summary.text()

    # a land-use area of the plan: the selected feature only
    landuse = next(layer for layer in QgsProject.instance().mapLayers().values()
                   if layer.customProperty(d.PROP_KIND) == "plan_landuse")
    assert landuse.featureCount() > 1
    landuse.selectByIds([next(landuse.getFeatures()).id()])
    dock.plan.layer_combo.setCurrentIndex(dock.plan.layer_combo.findData(landuse.id()))
    assert dock.run_plan_profile()
    wait_idle(dock)
    assert dock.results["profile"].featureCount() == 1, dock.status.text()
