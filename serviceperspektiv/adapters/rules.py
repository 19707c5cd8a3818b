"""Rule-based renderers whose rules QGIS creates, never Python.

A ``QgsRuleBasedRenderer.Rule`` made in Python is a sip subclass, but ``Rule``'s destructor is
not virtual: when QGIS deletes the renderer (a new style, a removed layer), sip is not told,
and when the rule's Python wrapper goes later, sip writes into the freed rule (8 bytes at its
end, seen with valgrind on QGIS 3.22). That corrupted the heap and crashed QGIS at random
later. Rules cloned by QGIS are plain wrappers, which sip never writes through.
"""
from __future__ import annotations

from collections.abc import Sequence

from qgis.core import QgsMarkerSymbol, QgsRuleBasedRenderer, QgsSingleSymbolRenderer, QgsSymbol


def new_rule(symbol: QgsSymbol | None, filter_expression: str = "", label: str = "") -> QgsRuleBasedRenderer.Rule:
    """A rule (``filter_expression`` "ELSE" for the else rule); without a symbol it only groups or filters."""
    if symbol is None:
        empty = _empty()  # kept until cloned: its rules die with it
        rule = empty.rootRule().clone()
    else:
        converted = QgsRuleBasedRenderer.convertFromRenderer(QgsSingleSymbolRenderer(symbol))
        rule = converted.rootRule().children()[0].clone()
    rule.setFilterExpression(filter_expression)
    rule.setLabel(label)
    return rule


def rule_renderer(children: Sequence[QgsRuleBasedRenderer.Rule]) -> QgsRuleBasedRenderer:
    """A renderer with these top-level rules (from ``new_rule`` or cloned from another renderer)."""
    renderer = _empty()
    root = renderer.rootRule()
    for child in children:
        root.appendChild(child)
    return renderer


def _empty() -> QgsRuleBasedRenderer:
    renderer = QgsRuleBasedRenderer.convertFromRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({})))
    root = renderer.rootRule()
    while root.children():
        root.removeChildAt(0)
    return renderer
