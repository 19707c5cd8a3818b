"""The panel's "Nulägesanalys" step (issue 14) in pytest-qgis: the demo's tätort and plan area, the
line town of tests/test_placeanalysis_alg.py with a selected place, the scenario of step 4, and a
removed layer and a new project."""
from __future__ import annotations

import re

import pytest
from qgis.core import QgsApplication, QgsPointXY, QgsProject, QgsVectorLayer

from serviceperspektiv import definitions as d
from serviceperspektiv.adapters.layers import is_null
from tests.test_gui import gui, wait_idle  # noqa: F401 - the panel fixture of test_gui.py
from tests.test_placeanalysis_alg import rows, town


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _fresh(step) -> None:
    """The step's defaults (an unsaved project's choices are remembered across sessions)."""
    step.restore({})


def test_place_step_on_the_demo_tatort(gui, demo_gpkg):  # noqa: F811
    dock = gui.open_dock()
    assert dock.load_demo_data(str(demo_gpkg))
    step = dock.place
    place = step.layer()  # the demo's tätort is chosen, its name field guessed
    assert place is not None and place.customProperty(d.PROP_ROLE) == "places", step.layer_combo.currentText()
    _fresh(step)
    assert step.name_field.currentField() == "tatort" and step.bands.text() == "5,10,20,30"
    assert not step.with_scenario.isChecked()
    names = [step.layer_combo.itemText(i) for i in range(step.layer_combo.count())]
    assert "Plan area" in names and "Population" not in names  # plan areas offered; the grid is no place
    assert dock.run_place_analysis()
    wait_idle(dock)
    table = dock.results.get("place")
    assert isinstance(table, QgsVectorLayer) and table.featureCount() > 0, dock.status.text()
    # the toolbox's pipeline: the algorithm's kind, style and name, in the run's group under Serviceperspektiv
    assert table.customProperty(d.PROP_KIND) == "placeanalysis"
    assert table.renderer().type() == "RuleRenderer"  # one service type drawn: a filtered rule
    assert table.renderer().rootRule().children()[0].filterExpression() == "\"type\" = 'dagligvaror_full'"
    assert table.name() == "Current-state analysis groceries, full range (car)"
    group = QgsProject.instance().layerTreeRoot().findGroup("Serviceperspektiv")
    assert group.findLayer(table.id()) is not None and group.findLayer(table.id()).parent().name().startswith(
        "Current-state analysis Fredriksberg")
    points = dock.results.get("place_points")
    assert points is not None and points.customProperty(d.PROP_KIND) == "placeanalysis_points"
    ids = [node.layerId() for node in group.findLayer(table.id()).parent().findLayers()]
    assert ids.index(points.id()) < ids.index(table.id())  # the service points are drawn above the places
    assert table.renderer().rootRule().children()[0].label() == "Groceries, full range"  # the legend names the type
    labels = [rule.label() for rule in table.renderer().rootRule().children()[0].children()]
    assert labels[:4] == ["Median < 5 min", "Median 5–10 min", "Median 10–30 min", "Median > 30 min"], labels
    # one sentence: the residents and their travel time to a full-range grocery store, from the table
    row = next(r for r in rows(table) if r["type"] == "dagligvaror_full")
    text = step.summary.text()
    shares = [row[f"share_{k}"] for k in ("lt5", "5_10", "10_30", "gt30")]
    assert text.startswith(f"In Fredriksberg live {row['population_inside']:.0f} people; {max(shares):.0f}\u00a0% have ")
    assert text.endswith("by car to a full-range grocery store.") and step.summary.isVisibleTo(step)
    report = dock.state.files["place_report"]
    assert report.is_file() and report.parent.name == "out" and step.open_button.isVisibleTo(step)
    html = report.read_text(encoding="utf-8")
    assert f"I Fredriksberg bor {row['population_inside']:.0f} personer" in html and "data:image/png;base64," in html
    assert "Illustrativa demodata" in html.split("<h2")[0]  # the data's rights stand at the top of the report
    # the result is no place to analyse; the type picker switches it with the other results
    assert table.id() not in [step.layer_combo.itemData(i) for i in range(step.layer_combo.count())]
    dock.analysis.shown.setCurrentIndex(dock.analysis.shown.findData("apotek"))
    assert "apotek" in table.renderer().rootRule().children()[0].filterExpression() and "pharmacy" in table.name()

    # the plan area: a drawn or planned area, named by its plannamn
    step.layer_combo.setCurrentIndex(step.layer_combo.findText("Plan area"))
    assert step.name_field.currentField() == "plannamn"
    step.bands.setText("10,20")
    assert dock.run_place_analysis()
    wait_idle(dock)
    table = dock.results["place"]
    assert {f["place_name"] for f in table.getFeatures()} == {"Detaljplan för bostäder vid Bygatan (illustrativ)"}
    assert {"pop_10min", "pop_20min"} <= set(table.fields().names()) and "pop_5min" not in table.fields().names()
    assert dock.state.files["place_report"] != report and dock.state.files["place_report"].is_file()


def test_place_step_on_the_test_town_selected_place_and_scenario(gui):  # noqa: F811
    """The line town of test_placeanalysis_alg.py: SCB's tätort columns, one of two places selected."""
    dock = gui.open_dock()
    roads, services, origins, places = town()
    QgsProject.instance().addMapLayers([roads, services, origins, places])
    inputs = dock.data.inputs
    inputs.set_layer("roads", roads)
    inputs.set_layer("services", services)
    inputs.set_layer("population", origins)
    QgsApplication.processEvents()  # the step refreshes its list once the project has changed
    assert inputs.speed_field.currentField() == "maxspeed" and inputs.pop_field.currentField() == "pop"
    step = dock.place
    _fresh(step)
    assert step.layer() is places and step.name_field.currentField() == "tatort"
    places.selectByExpression("\"tatort\" = 'Öster'")
    assert dock.run_place_analysis()
    wait_idle(dock)
    table = dock.results.get("place")
    assert table is not None, dock.status.text()
    out = rows(table)
    assert {r["place_name"] for r in out} == {"Öster"} and len(out) == 4  # the selected place only, four types
    row = next(r for r in out if r["type"] == "dagligvaror_full")
    assert step.summary.text() == (f"In Öster live {row['population_inside']:.0f} people; 100\u00a0% have less than "
                                   f"5 minutes by car to a full-range grocery store.")
    assert row["share_lt5"] == pytest.approx(100.0) and all(is_null(r["scn_mean_min"]) for r in out)

    # with the scenario of step 4: Fredriksberg Livs (in Öster) closed
    step.with_scenario.setChecked(True)
    services.selectByExpression("\"namn\" = 'Fredriksberg Livs'")
    assert dock.run_place_analysis()
    wait_idle(dock)
    out = {r["type"]: r for r in rows(dock.results["place"])}
    assert out["dagligvaror_full"]["scn_n_inside"] == 0 and out["dagligvaror_full"]["n_inside"] == 1
    assert out["dagligvaror_full"]["scn_mean_min"] > out["dagligvaror_full"]["mean_min"]
    assert "Scenario" in dock.state.files["place_report"].read_text(encoding="utf-8")
    # a scenario without a change is a clear message, not a run
    services.removeSelection()
    assert not dock.run_place_analysis() and "no change" in dock.status.text()
    # a new point clicked on the map joins the scenario
    dock.scenario.new_type.setCurrentIndex(dock.scenario.new_type.findData("apotek"))
    gui.iface.mapCanvas().setDestinationCrs(origins.crs())
    dock.add_scenario_point(QgsPointXY(places.getFeature(2).geometry().centroid().asPoint()))
    assert dock.run_place_analysis()
    wait_idle(dock)
    out = {r["type"]: r for r in rows(dock.results["place"])}
    assert out["apotek"]["n_inside"] == 0 and out["apotek"]["scn_n_inside"] == 1, dock.status.text()


def test_place_step_survives_removed_layers_and_new_projects(gui, demo_gpkg):  # noqa: F811
    dock = gui.open_dock()
    dock.load_demo_data(str(demo_gpkg))
    step = dock.place
    _fresh(step)
    place_id = step.layer().id()
    assert dock.run_place_analysis()
    wait_idle(dock)
    assert "place" in dock.results and step.summary.text()
    QgsProject.instance().removeMapLayer(dock.results["place"].id())
    assert "place" not in dock.results  # forgotten at once
    QgsProject.instance().removeMapLayer(place_id)
    QgsApplication.processEvents()
    assert step.layer() is not None and step.layer().name() == "Plan area"  # never the removed layer
    QgsProject.instance().removeMapLayer(step.layer().id())
    QgsApplication.processEvents()
    assert step.layer() is None
    assert not dock.run_place_analysis() and "Choose a polygon layer with the places" in dock.status.text()

    QgsProject.instance().clear()  # "New project": nothing of the old one is shown or used
    assert not step.summary.isVisibleTo(step) and not step.open_button.isVisibleTo(step)
    assert step.layer() is None and step.layer_combo.count() == 1
    dock.load_demo_data(str(demo_gpkg))
    assert step.layer() is not None and step.layer().id() != place_id
    assert dock.run_place_analysis()
    wait_idle(dock)
    assert "place" in dock.results and _number(step.summary.text().split(";")[0]) > 0, dock.status.text()
    # bad bands: the algorithm's own message in the panel, nothing added, no traceback
    step.bands.setText("5,x")
    before = set(QgsProject.instance().mapLayers())
    assert dock.run_place_analysis()
    wait_idle(dock)
    assert "Bands" in dock.status.text() and "Traceback" not in dock.status.text()
    assert set(QgsProject.instance().mapLayers()) == before
