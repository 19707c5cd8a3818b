"""Styles, resources and the result layer group (the GUI side of the analysis outputs)."""
from __future__ import annotations

from serviceperspektiv.adapters.resources import resources_dir, style_path
from tests.test_gaps_data import line_town, network_params


def test_resources_and_styles():
    assert (resources_dir() / "styles").is_dir()
    for name in ("servicegaps", "servicegaps_point", "scenario", "scenario_point", "planareaprofile", "plan_area",
                 "plan_landuse"):
        assert style_path(name) is not None, name
    assert style_path("no_such_style") is None


def test_group_keeps_user_layers(qgis_app):
    from qgis.core import QgsProject, QgsVectorLayer

    from serviceperspektiv.adapters.layergroups import ROOT_GROUP, add_result_layer, apply_style

    project = QgsProject()
    mine = [QgsVectorLayer("Point?crs=EPSG:3006", f"ÖP-utkast {i}", "memory") for i in range(3)]
    for layer in mine:
        project.addMapLayer(layer)
    order = [n.layerId() for n in project.layerTreeRoot().findLayers()]
    result = QgsVectorLayer("Point?crs=EPSG:3006&field=n_gaps:integer", "Serviceglapp", "memory")
    assert apply_style(result, "servicegaps")
    assert result.renderer().type() == "graduatedSymbol"
    add_result_layer(project, result, "Fredriksberg 2026-01-01 10:00")
    add_result_layer(project, result, "Fredriksberg 2026-01-01 10:00")  # idempotent
    root = project.layerTreeRoot()
    group = root.findGroup(ROOT_GROUP).findGroup("Fredriksberg 2026-01-01 10:00")
    assert [n.layerId() for n in group.findLayers()] == [result.id()]
    assert [n.layerId() for n in root.findLayers() if n.layerId() != result.id()] == order


def test_styles_applied_in_post_processing(run_alg, tmp_path):
    from qgis.core import QgsVectorLayer

    roads, services, origins = line_town()
    out = tmp_path / "gaps.gpkg"
    run_alg("servicegaps", network_params(roads, services, origins, {
        "GAPS": str(out), "STATS": "memory:", "SUMMARY": "memory:"}))
    layer = QgsVectorLayer(str(out))
    assert "servicegaps" in layer.metadata().history()[-1]
    assert "thresholds" in layer.metadata().abstract()


def test_swedish_translations_cover_the_analysis():
    import ast
    import xml.etree.ElementTree as ET
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "serviceperspektiv"
    translated = {}
    for path in sorted((root / "i18n").glob("*_sv.ts")):  # every area's file is loaded together
        ts = ET.parse(path).getroot()
        assert ts.get("language") == "sv_SE" and ts.find("context").findtext("name") == "Serviceperspektiv"
        translated.update({m.findtext("source"): m.findtext("translation") for m in ts.iter("message")})
    for name in ("servicegaps", "scenario", "planareaprofile", "importdetaljplan", "report"):
        tree = ast.parse((root / "processing" / "algorithms" / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" and node.args \
                    and isinstance(node.args[0], ast.Constant):
                assert translated.get(node.args[0].value), (name, node.args[0].value)


def test_swedish_ui(qgis_app):
    from serviceperspektiv.i18n import install_translator, tr

    try:
        if install_translator("sv") is None:
            return  # .qm not built (make translations)
        assert tr("Service gaps") == "Serviceglapp"
        assert tr("Area profile for a plan area") == "Områdesprofil för planområde"
    finally:
        install_translator("en")


def test_results_land_in_the_group_styled(provider, tmp_path, monkeypatch):
    """nearestservice, catchments and allocation results, loaded as in QGIS: grouped and styled."""
    import processing
    import qgis.utils
    from qgis.core import QgsApplication, QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    from serviceperspektiv.adapters.layergroups import ROOT_GROUP

    project = QgsProject.instance()
    # A real layer tree view as in QGIS desktop: Processing 3.40+ hands it to C++, which rejects
    # the MagicMock that pytest-qgis's iface returns for it.
    view = QgsLayerTreeView()
    view.setModel(QgsLayerTreeModel(project.layerTreeRoot(), view))
    monkeypatch.setattr(qgis.utils.iface, "layerTreeView", lambda: view, raising=False)
    roads, services, origins = line_town()
    base = network_params(roads, services, origins, {})
    runs = {
        "nearestservice": {"OUTPUT": str(tmp_path / "nearest.gpkg")},
        "catchments": {"BANDS": "5,10", "DISSOLVE": 0, "OUTPUT": str(tmp_path / "zones.gpkg")},
        "allocation": {"OUTPUT": str(tmp_path / "alloc.gpkg"), "OUTPUT_AREAS": str(tmp_path / "areas.gpkg")},
    }
    for alg, outputs in runs.items():
        definition = QgsApplication.processingRegistry().algorithmById(f"serviceperspektiv:{alg}")
        params = {k: v for k, v in base.items() if definition.parameterDefinition(k) is not None}
        processing.runAndLoadResults(f"serviceperspektiv:{alg}", {**params, **outputs})
    group = project.layerTreeRoot().findGroup(ROOT_GROUP)
    assert group is not None
    layers = [node.layer() for node in group.findLayers()]
    renderers = {layer.source().split("|")[0].rsplit("/", 1)[-1]: layer.renderer().type() for layer in layers}
    assert renderers.get("nearest.gpkg") == "categorizedSymbol"  # travel-time classes, half-open like the tables
    assert renderers.get("zones.gpkg") == "RuleRenderer"  # one type: its bands under a type filter
    assert renderers.get("alloc.gpkg") == "RuleRenderer"  # the QML's size classes, for the type shown
    alloc = next(layer for layer in layers if "alloc.gpkg" in layer.source())
    sizes = [rule.label() for rule in alloc.renderer().rootRule().children()[0].children()]
    assert len(sizes) == 4 and all("inv." in label for label in sizes)
    assert "areas.gpkg" in renderers
    project.clear()

