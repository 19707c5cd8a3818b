"""Rule-based styles hold no rule that Python created (adapters/rules.py says why: a heap
corruption when QGIS deleted such a renderer), and still draw what they should."""
from __future__ import annotations

import gc

from qgis.core import (
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsLineSymbol,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt import sip

from serviceperspektiv.adapters import fieldtypes as field_type


def rules_of(renderer: QgsRuleBasedRenderer) -> list:
    found, todo = [], [renderer.rootRule()]
    while todo:
        rule = todo.pop()
        found.append(rule)
        todo.extend(rule.children())
    return found


def assert_made_by_qgis(layer: QgsVectorLayer) -> None:
    renderer = layer.renderer()
    assert isinstance(renderer, QgsRuleBasedRenderer), type(renderer)
    made_in_python = [rule.label() or rule.filterExpression() for rule in rules_of(renderer) if sip.ispycreated(rule)]
    assert not made_in_python


def polygons(fields: dict[str, str], rows: list[dict]) -> QgsVectorLayer:
    layer = QgsVectorLayer("Polygon?crs=EPSG:3006", "zones", "memory")
    types = {"str": field_type.STRING, "float": field_type.DOUBLE}
    layer.dataProvider().addAttributes([QgsField(name, types[kind]) for name, kind in fields.items()])
    layer.updateFields()
    for i, row in enumerate(rows):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({i} 0, {i + 1} 0, {i + 1} 1, {i} 0))"))
        for name, value in row.items():
            feature[name] = value
        layer.dataProvider().addFeature(feature)
    return layer


def test_new_rule_and_rule_renderer(qgis_app):
    from serviceperspektiv.adapters.rules import new_rule, rule_renderer

    red = QgsLineSymbol.createSimple({"color": "#ff0000"})
    grey = QgsLineSymbol.createSimple({"color": "#8c8c8c"})
    renderer = rule_renderer([new_rule(red, '"highway" = \'primary\'', "Main roads"), new_rule(grey, "ELSE", "Other")])
    main, other = renderer.rootRule().children()
    assert (main.filterExpression(), main.label(), main.isElse()) == ('"highway" = \'primary\'', "Main roads", False)
    assert other.isElse() and other.label() == "Other"
    assert main.symbol().color().name() == "#ff0000" and other.symbol().color().name() == "#8c8c8c"
    group = new_rule(None, '"type" = \'apotek\'')
    assert group.symbol() is None and group.filterExpression() == '"type" = \'apotek\''
    assert not any(sip.ispycreated(rule) for rule in rules_of(renderer))


def test_replacing_and_restyling_result_layers_leaves_no_python_rule(qgis_app):
    from serviceperspektiv.adapters.resultstyle import _STYLERS, style_catchments

    zones = polygons({"type": "str", "band_min": "float"},
                     [{"type": "apotek", "band_min": b} for b in (5.0, 10.0)] + [{"type": "bibliotek", "band_min": 5.0}])
    for key in ("apotek", "bibliotek", "apotek"):  # the planner switches the type shown, back and forth
        style_catchments(zones, key)
        assert_made_by_qgis(zones)
        top = zones.renderer().rootRule().children()[0]
        assert top.filterExpression() == f"\"type\" = '{key}'" and top.children()
        gc.collect()
    gaps = polygons({"gap_types": "str"}, [{"gap_types": "apotek,bibliotek"}])
    _STYLERS["servicegaps"](gaps, "apotek")
    assert_made_by_qgis(gaps)
    gaps.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({})))  # QGIS deletes the rules
    gc.collect()


def test_map_copies_hold_no_python_rule(qgis_app):
    from serviceperspektiv.layouts.maplayers import roads_copy

    roads = QgsVectorLayer("LineString?crs=EPSG:3006&field=highway:string", "roads", "memory")
    copy = roads_copy(roads)
    assert_made_by_qgis(copy)
    assert [rule.isElse() for rule in copy.renderer().rootRule().children()] == [False, True]


def test_no_rule_is_made_in_python_anywhere():
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "serviceperspektiv"
    made = re.compile(r"QgsRuleBasedRenderer(\.Rule)?\(")
    offenders = [f"{path.relative_to(package)}:{n}" for path in package.rglob("*.py") if path.name != "rules.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if made.search(line)]
    assert not offenders, "build rule-based renderers with adapters/rules.py"
