"""The dock in pytest-qgis (qgis_iface): loads, pickers fill, the workflow runs, cancel leaves nothing."""
from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsPointXY, QgsProject, QgsVectorLayer


def wait_idle(dock, timeout: float = 120.0) -> None:
    """Process events until the dock's task is done (tasks report back in the main thread)."""
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
def gui(qgis_iface, provider, qgis_new_project):
    from serviceperspektiv.gui.main import PluginGui

    plugin_gui = PluginGui(qgis_iface)
    plugin_gui.init_gui()
    yield plugin_gui
    plugin_gui.unload()
    QgsApplication.processEvents()
    QgsProject.instance().layoutManager().clear()
    QgsProject.instance().removeAllMapLayers()
    gc.collect()  # free layer/iterator wrappers while QGIS is still up (else a crash at exit)


def test_plugin_loads_and_dock_opens(qgis_iface, provider):
    import serviceperspektiv

    plugin = serviceperspektiv.classFactory(qgis_iface)
    plugin.initGui()
    if QgsApplication.processingRegistry().providerById("serviceperspektiv") is not plugin.provider:
        plugin.provider = None  # the session fixture registered it first; the duplicate was dropped
    assert plugin.gui is not None
    dock = plugin.gui.open_dock()
    assert dock.isVisible() or dock.parent() is not None
    assert dock.type_boxes["dagligvaror_full"].text()
    assert plugin.gui.options_factory is not None
    plugin.unload()


def test_pickers_fill_only_fitting_layers(gui, demo_gpkg):
    dock = gui.open_dock()
    assert dock.load_demo_data(str(demo_gpkg))
    assert dock.roads.currentLayer().geometryType() == 1  # lines
    assert dock.class_field.currentField() == "highway"
    assert dock.speed_field.currentField() == "maxspeed"
    assert dock.type_field.currentField() == "type"
    assert dock.pop_field.currentField() == "pop"
    # the road picker offers line layers only; the origin picker no line layers
    roads_names = {dock.roads.layer(i).name() for i in range(dock.roads.count()) if dock.roads.layer(i)}
    origin_types = {dock.origins.layer(i).geometryType() for i in range(dock.origins.count()) if dock.origins.layer(i)}
    assert roads_names and all(dock.roads.layer(i).geometryType() == 1 for i in range(dock.roads.count()) if dock.roads.layer(i))
    assert 1 not in origin_types
    # numeric fields only in the population picker
    pop_fields = [dock.pop_field.itemText(i) for i in range(dock.pop_field.count())]
    assert "rut_id" not in pop_fields or dock.origins.currentLayer().fields().field("rut_id").isNumeric()


def test_full_workflow_through_the_dock(gui, demo_gpkg, tmp_path):
    dock = gui.open_dock()
    dock.area_mode.setCurrentIndex(0)
    # "fetch" from the demo files: local layers are opened directly
    dock.file_services.setFilePath(f"{demo_gpkg}|layername=services")
    dock.source_services.setCurrentIndex(2)
    dock.file_roads.setFilePath(f"{demo_gpkg}|layername=roads")
    dock.source_roads.setCurrentIndex(2)
    dock.file_population.setFilePath(f"{demo_gpkg}|layername=population")
    dock.source_population.setCurrentIndex(1)
    dock.fetch_data()
    wait_idle(dock)
    assert dock.roads.currentLayer() is not None and dock.origins.currentLayer() is not None
    assert dock.pop_field.currentField() == "pop"

    assert dock.run_nearest()
    wait_idle(dock)
    nearest = dock.results.get("nearest")
    assert isinstance(nearest, QgsVectorLayer) and nearest.featureCount() > 0
    assert "dagligvaror_full_min" in nearest.fields().names()

    if dock.runner.algorithm("servicegaps") is not None:
        assert dock.run_gaps()
        wait_idle(dock)
        assert "stats" in dock.results

    # catchments and allocation (underlag) from the same step
    assert dock.run_catchments()
    wait_idle(dock)
    catchments = dock.results.get("catchments")
    assert isinstance(catchments, QgsVectorLayer) and catchments.featureCount() > 0, dock.status.text()
    assert {"type", "band_min", "area_km2"} <= set(catchments.fields().names())
    assert dock.run_allocation()
    wait_idle(dock)
    allocation = dock.results.get("allocation")
    assert isinstance(allocation, QgsVectorLayer) and allocation.featureCount() > 0, dock.status.text()
    assert "second_min_mean" in allocation.fields().names()

    # scenario: a new grocery store where the map is clicked
    extent = QgsVectorLayer(f"{demo_gpkg}|layername=plan_area", "plan", "ogr").extent()  # by the village roads
    gui.iface.mapCanvas().setDestinationCrs(dock.origins.currentLayer().crs())  # map clicks come in canvas CRS
    dock.new_type.setCurrentIndex(dock.new_type.findData("dagligvaror_full"))
    dock.add_scenario_point(QgsPointXY(extent.center()))
    assert dock.new_points.featureCount() == 1
    if dock.runner.algorithm("scenario") is not None:
        assert dock.run_scenario()
        wait_idle(dock)
        scenario = dock.results.get("scenario")
        assert scenario is not None, dock.status.text()
        assert any(name.endswith("_delta_min") for name in scenario.fields().names())

    # plan area profile (when the algorithm is there)
    dock.load_demo_data(str(demo_gpkg))
    if dock.runner.algorithm("planareaprofile") is not None:
        assert dock.run_plan_profile()
        wait_idle(dock)
        assert "profile" in dock.results, dock.status.text()

    # the PDF: only the nearest-service result visible
    root = QgsProject.instance().layerTreeRoot()
    for layer in QgsProject.instance().mapLayers().values():
        node = root.findLayer(layer.id())
        if node is not None:
            node.setItemVisibilityChecked(layer is nearest)
    pdf = dock.export_pdf(str(tmp_path / "karta.pdf"), template=1)
    assert pdf is not None and Path(pdf).stat().st_size > 10000
    assert QgsProject.instance().layoutManager().layouts()


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
