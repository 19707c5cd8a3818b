"""The layers every analysis uses: road network, service points and population, with their fields."""
from __future__ import annotations

from typing import Any

from qgis.core import QgsMapLayer, QgsProject
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QFormLayout, QWidget

from ... import definitions as d
from ...i18n import tr
from ..widgets import field_combo, field_filter, guess_field, layer_combo, layer_filter

ROLES = ("roads", "services", "population")


class InputsError(ValueError):
    """A layer the analysis needs is not chosen."""


class Inputs(QWidget):
    changed = pyqtSignal()

    def __init__(self) -> None:
        super().__init__()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.roads = layer_combo(layer_filter("LineLayer"), tr("The road network (lines) the travel times follow."))
        self.speed_field = field_combo(self.roads, field_filter("Numeric"),
                                       tr("Speed in km/h (optional; else the road class gives the speed)."))
        self.class_field = field_combo(self.roads, field_filter("String"),
                                       tr("Road class, e.g. OSM highway or the NVDB class (optional)."))
        self.oneway_field = field_combo(self.roads, None, tr("One-way or direction field (optional)."))
        self.services = layer_combo(layer_filter("PointLayer", "PolygonLayer"),
                                    tr("Service points (points or areas), e.g. fetched from OSM or a Pipos export."))
        self.type_field = field_combo(self.services, None, tr("The field with the service type of each point."))
        self.origins = layer_combo(layer_filter("PointLayer", "PolygonLayer"),
                                   tr("Where people live: a population grid or address points."))
        self.pop_field = field_combo(self.origins, field_filter("Numeric"), tr("The number of people per cell or point."))
        for label, widget in ((tr("Road network"), self.roads), (tr("  speed field"), self.speed_field),
                              (tr("  road class field"), self.class_field), (tr("  one-way field"), self.oneway_field),
                              (tr("Service points"), self.services), (tr("  type field"), self.type_field),
                              (tr("Population (origins)"), self.origins), (tr("  population field"), self.pop_field)):
            form.addRow(label, widget)
        for combo in (self.roads, self.services, self.origins):
            combo.layerChanged.connect(lambda _layer: self.guess_fields())
            combo.layerChanged.connect(lambda _layer: self.changed.emit())
        self.restoring = False

    def combo(self, role: str):
        return {"roads": self.roads, "services": self.services, "population": self.origins}[role]

    def set_layer(self, role: str, layer: QgsMapLayer) -> None:
        """Choose ``layer`` for a role and tag it, so that maps and later sessions find it."""
        layer.setCustomProperty(d.PROP_ROLE, role)
        self.combo(role).setLayer(layer)
        self.guess_fields()

    def guess_fields(self) -> None:
        if self.restoring:
            return
        for combo, kind in ((self.speed_field, "speed"), (self.class_field, "class"), (self.oneway_field, "oneway"),
                            (self.type_field, "type"), (self.pop_field, "pop")):
            guess_field(combo, kind)

    def network_parameters(self, mode: int) -> dict[str, Any]:
        """ROADS, SERVICES, ORIGINS and their fields for the network algorithms; InputsError when missing."""
        roads, services, origins = self.roads.currentLayer(), self.services.currentLayer(), self.origins.currentLayer()
        missing = [name for name, layer in ((tr("road network"), roads), (tr("service points"), services),
                                            (tr("population"), origins)) if layer is None]
        if missing:
            raise InputsError(tr("Choose a layer for: {}. Fetch data in step 2 or open the demo data.").format(
                ", ".join(missing)))
        return {
            "ROADS": roads.id(), "SPEED_FIELD": self.speed_field.currentField() or None,
            "CLASS_FIELD": self.class_field.currentField() or None,
            "ONEWAY_FIELD": self.oneway_field.currentField() or None, "MODE": mode,
            "SERVICES": services.id(), "TYPE_FIELD": self.type_field.currentField() or None,
            "ORIGINS": origins.id(), "POPULATION_FIELD": self.pop_field.currentField() or None,
        }

    def values(self) -> dict:
        values: dict[str, Any] = {}
        for name, combo in (("roads", self.roads), ("services", self.services), ("origins", self.origins)):
            values[name] = combo.currentLayer().id() if combo.currentLayer() else ""
        for name, combo in (("speed_field", self.speed_field), ("class_field", self.class_field),
                            ("oneway_field", self.oneway_field), ("type_field", self.type_field),
                            ("pop_field", self.pop_field)):
            values[name] = combo.currentField()
        return values

    def restore(self, values: dict) -> None:
        self.restoring = True
        try:
            project = QgsProject.instance()
            for name, combo in (("roads", self.roads), ("services", self.services), ("origins", self.origins)):
                layer = project.mapLayer(values.get(name, "") or "")
                if layer is not None:
                    combo.setLayer(layer)
            for name, combo in (("speed_field", self.speed_field), ("class_field", self.class_field),
                                ("oneway_field", self.oneway_field), ("type_field", self.type_field),
                                ("pop_field", self.pop_field)):
                if values.get(name):
                    combo.setField(values[name])
        finally:
            self.restoring = False
