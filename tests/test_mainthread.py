"""Background runs resolve no layer in the task's worker thread (QGIS 3.22 crashed on that).

QGIS 3.22's ``QgsProject.layerStore()`` empties the project's cached expression scope, and
Processing calls it for every layer id it resolves. Called from a task's worker thread, that raced
the map canvas and the legend, which fill the same cache in the main thread: QGIS died with a
segfault in the real-desktop test (see serviceperspektiv/processing/mainthread.py).

The canary: a project setting written behind the cache's back (``writeEntry`` does not empty it)
stays unseen in the project scope until something empties the cache.
"""
from __future__ import annotations

import time

import pytest

CACHED, WRITTEN = "EPSG:7019", "EPSG:7030"


def scope_ellipsoid(project) -> str:
    from qgis.core import QgsExpressionContextUtils

    return QgsExpressionContextUtils.projectScope(project).variable("project_ellipsoid")


def arm(project) -> None:
    """Fill the cache with one ellipsoid, then write another one behind its back."""
    project.setEllipsoid(CACHED)
    assert scope_ellipsoid(project) == CACHED
    project.writeEntry("Measure", "/Ellipsoid", WRITTEN)


@pytest.fixture()
def project_layers(provider, demo_gpkg):
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsVectorLayer

    project = QgsProject.instance()
    crs_before = project.crs()
    layers = {name: QgsVectorLayer(f"{demo_gpkg}|layername={name}", name, "ogr")
              for name in ("roads", "services", "population", "plan_area", "tatorter")}
    assert all(layer.isValid() for layer in layers.values())
    project.addMapLayers(list(layers.values()))
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:3006"))  # the scope has an ellipsoid only with a CRS
    arm(project)
    project.layerStore()
    if scope_ellipsoid(project) != WRITTEN:
        project.removeMapLayers([layer.id() for layer in layers.values()])
        project.setCrs(crs_before)
        pytest.skip("this QGIS's layerStore() keeps the project's expression cache: nothing to guard")
    yield project, {name: layer.id() for name, layer in layers.items()}
    project.removeMapLayers(list(project.mapLayers()))
    project.setEllipsoid("NONE")
    project.setCrs(crs_before)


def run_as_task(alg_id: str, parameters: dict, project) -> tuple[bool, str, str]:
    """Run in a QgsTask as the panel does; the canary is read when the worker has finished, before
    the task's completion in the main thread (postProcess, result loading) may empty the cache."""
    from qgis.core import (
        QgsApplication,
        QgsProcessingAlgRunnerTask,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsTask,
    )

    alg = QgsApplication.processingRegistry().algorithmById(f"serviceperspektiv:{alg_id}")
    context = QgsProcessingContext()
    context.setProject(project)
    feedback = QgsProcessingFeedback()
    task = QgsProcessingAlgRunnerTask(alg, parameters, context, feedback)  # prepare(): main thread
    arm(project)  # after prepare, before the worker starts
    seen: dict = {}
    # Connected before addTask, so it runs before the task manager's own slot calls finished().
    task.statusChanged.connect(lambda status: seen.setdefault("ellipsoid", scope_ellipsoid(project))
                               if status in (QgsTask.TaskStatus.Complete, QgsTask.TaskStatus.Terminated) else None)
    done: dict = {}
    task.executed.connect(lambda ok, _results: done.update(ok=ok))
    QgsApplication.taskManager().addTask(task)
    end = time.time() + 180
    while "ok" not in done and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.02)
    return bool(done.get("ok")), str(seen.get("ellipsoid")), feedback.textLog()[-2000:]


NETWORK = {"SPEED_FIELD": "maxspeed", "CLASS_FIELD": "highway", "ONEWAY_FIELD": "oneway", "MODE": 0,
           "TYPE_FIELD": "type", "POPULATION_FIELD": "pop"}


def network(ids: dict) -> dict:
    return {**NETWORK, "ROADS": ids["roads"], "SERVICES": ids["services"], "ORIGINS": ids["population"]}


@pytest.mark.parametrize("alg_id, extra", [
    ("nearestservice", {}),
    ("planareaprofile", {"PLAN_AREA": "plan_area"}),
    ("scenario", {"REMOVE": "1"}),
    ("placeanalysis", {"PLACE": "tatorter", "OUTPUT_HTML": "html"}),  # draws its maps in the worker
])
def test_the_worker_resolves_no_layer(project_layers, tmp_path, alg_id, extra):
    project, ids = project_layers
    values = {**ids, "html": str(tmp_path / "report.html")}
    parameters = {**network(ids), **{key: values.get(value, value) for key, value in extra.items()},
                  "OUTPUT": str(tmp_path / f"{alg_id}.gpkg")}
    ok, ellipsoid, log = run_as_task(alg_id, parameters, project)
    assert ok, log
    assert ellipsoid == CACHED, "the task's worker thread emptied the project's expression cache (layerStore())"


def test_a_report_on_a_project_layer(project_layers, tmp_path):
    """The task that crashed QGIS in the desktop test: the HTML report, reading a result layer by id."""
    from qgis.core import QgsVectorLayer

    project, ids = project_layers
    ok, _, log = run_as_task("nearestservice", {**network(ids), "OUTPUT": str(tmp_path / "nearest.gpkg")}, project)
    assert ok, log
    nearest = QgsVectorLayer(str(tmp_path / "nearest.gpkg"), "nearest", "ogr")
    project.addMapLayer(nearest)
    ok, ellipsoid, log = run_as_task("report", {"NEAREST": nearest.id(), "OUTPUT": str(tmp_path / "r.html")}, project)
    assert ok, log
    assert ellipsoid == CACHED
    assert "<table" in (tmp_path / "r.html").read_text(encoding="utf-8")


EXTENTS = ["480000,490000,6640000,6650000 [EPSG:3006]", "480000,490000,6640000,6650000",
           "15.1,15.3,60.0,60.1 [EPSG:4326]", "plan_area", "plan_area path"]


@pytest.mark.parametrize("extent", EXTENTS)
def test_resolved_values_read_as_processing_reads_them(project_layers, demo_gpkg, extent):
    """What processAlgorithm gets from the values resolved in the main thread equals what Processing
    itself makes of the values given, for every CRS asked for; another dict is read as it is."""
    from qgis.core import (
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsProcessingAlgorithm,
        QgsProcessingContext,
        QgsProcessingFeatureSourceDefinition,
    )

    project, ids = project_layers
    path = f"{demo_gpkg}|layername=plan_area"
    given = {"plan_area": ids["plan_area"], "plan_area path": path}.get(extent, extent)
    parameters = {"EXTENT": given, "AREA": QgsProcessingFeatureSourceDefinition(ids["tatorter"], False),
                  "CRS": "EPSG:3021"}
    context = QgsProcessingContext()
    context.setProject(project)
    alg = QgsApplication.processingRegistry().algorithmById("serviceperspektiv:fetchservices").create()
    alg.resolve_in_main_thread(parameters, context)
    assert set(alg._main_values) == {"EXTENT", "CRS"} and set(alg._main_sources) == {"AREA"}
    plain = QgsProcessingAlgorithm
    for crs in (None, QgsCoordinateReferenceSystem("EPSG:3006"), QgsCoordinateReferenceSystem("EPSG:4326")):
        ours = alg.parameterAsExtent(parameters, "EXTENT", context, crs)
        theirs = plain.parameterAsExtent(alg, parameters, "EXTENT", context, *([crs] if crs else []))
        assert ours.toString(6) == theirs.toString(6), (crs, ours, theirs)
    assert alg.parameterAsExtentCrs(parameters, "EXTENT", context) == \
        plain.parameterAsExtentCrs(alg, parameters, "EXTENT", context)
    assert alg.parameterAsCrs(parameters, "CRS", context).authid() == "EPSG:3021"
    assert alg.parameterAsSource(parameters, "AREA", context).featureCount() == \
        plain.parameterAsSource(alg, parameters, "AREA", context).featureCount() > 0
    layer = plain.parameterAsVectorLayer(alg, parameters, "AREA", context)  # None on 3.22 for a definition
    assert alg.parameterAsVectorLayer(parameters, "AREA", context) == layer
    other = {**parameters, "EXTENT": "0,1,0,1 [EPSG:3006]", "CRS": "EPSG:4326"}
    assert alg.parameterAsExtent(other, "EXTENT", context).xMaximum() == 1
    assert alg.parameterAsCrs(other, "CRS", context).authid() == "EPSG:4326"


def test_a_default_crs_is_resolved_too(provider):
    """An absent CRS parameter reads its default text ("EPSG:3006"), which Processing would look up."""
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProject

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    alg = QgsApplication.processingRegistry().algorithmById("serviceperspektiv:fetchservices").create()
    alg.resolve_in_main_thread({}, context)
    assert alg.parameterAsCrs({}, "CRS", context).authid() == "EPSG:3006"
    assert "CRS" in alg._main_values and "EXTENT" not in alg._main_values
