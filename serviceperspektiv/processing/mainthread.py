"""Layer, CRS and extent parameters resolved in the main thread, before a task's worker runs.

QGIS 3.22's ``QgsProject.layerStore()`` empties the project's cached expression scope, and
Processing calls it for every layer id, path or CRS text it resolves
(``QgsProcessingUtils.mapLayerFromString``). An algorithm that resolves its inputs in a task's
worker thread therefore empties that cache while the main thread (the map canvas, the legend)
may be filling it, and QGIS crashes (a segfault in ``QgsExpressionContextScope::addVariable``;
seen in the real-desktop test, found with a hardware watchpoint). ``prepareAlgorithm`` runs in
the main thread for every way of running (panel, toolbox, ``qgis_process``): there the values
are resolved once, and the ``parameterAs…`` calls of ``processAlgorithm`` get the resolved ones.
"""
from __future__ import annotations

import re
from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsMapLayer,
    QgsProcessingAlgorithm,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingParameterCrs,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterVectorLayer,
    QgsRectangle,
    QgsReferencedRectangle,
)

LAYER_PARAMETERS = (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer,
                    QgsProcessingParameterMapLayer)
# Values Processing reads without looking anything up: left as they are.
NO_LOOKUP = (QgsMapLayer, QgsRectangle, QgsCoordinateReferenceSystem, QgsGeometry)
# Processing's own pattern for an extent text, "xmin,xmax,ymin,ymax [EPSG:3006]".
EXTENT_TEXT = re.compile(r"^(.*?)\s*,\s*(.*?),\s*(.*?),\s*(.*?)\s*(?:\[(.*)\])?\s*$")


def _extent_without_crs(text: str) -> bool:
    """An extent text of four numbers and no valid CRS: Processing never transforms it."""
    match = EXTENT_TEXT.match(text)
    if match is None:
        return False
    try:
        for i in range(1, 5):
            float(match.group(i))
    except ValueError:
        return False
    return not QgsCoordinateReferenceSystem(match.group(5) or "").isValid()


def _same(a: Any, b: Any) -> bool:
    """The value ``processAlgorithm`` got is the one resolved (not another dict's)."""
    try:
        return bool(a == b)
    except TypeError:
        return a is b


class MainThreadParameters:
    """Mixin for a QgsProcessingAlgorithm: call ``resolve_in_main_thread`` from prepareAlgorithm."""

    def resolve_in_main_thread(self, parameters: dict, context) -> None:
        self._main_values: dict[str, tuple[Any, Any]] = {}  # name -> (value given, value resolved)
        self._main_sources: dict[str, tuple[Any, Any, Any]] = {}  # name -> (value given, source, layer)
        base = QgsProcessingAlgorithm
        for definition in self.parameterDefinitions():
            name = definition.name()
            given = (parameters or {}).get(name)
            absent = given is None or (isinstance(given, (str, list)) and not given)
            if isinstance(given, NO_LOOKUP) or (absent and not isinstance(definition, QgsProcessingParameterCrs)):
                continue  # an absent CRS still has its default text to look up
            if isinstance(definition, QgsProcessingParameterFeatureSource) and \
                    isinstance(given, QgsProcessingFeatureSourceDefinition):
                # Selected features only, a feature limit …: Processing's own source and layer, made here.
                self._main_sources[name] = (given, base.parameterAsSource(self, parameters, name, context),
                                            base.parameterAsVectorLayer(self, parameters, name, context))
                continue
            if isinstance(definition, LAYER_PARAMETERS):
                resolved: Any = base.parameterAsLayer(self, parameters, name, context)
            elif isinstance(definition, QgsProcessingParameterMultipleLayers):
                resolved = base.parameterAsLayerList(self, parameters, name, context)
            elif isinstance(definition, QgsProcessingParameterCrs):
                resolved = base.parameterAsCrs(self, parameters, name, context)
            elif isinstance(definition, QgsProcessingParameterExtent):
                rectangle = base.parameterAsExtent(self, parameters, name, context)
                if isinstance(given, str) and _extent_without_crs(given):
                    resolved = rectangle  # as Processing reads it: in whatever CRS is asked for
                else:
                    resolved = QgsReferencedRectangle(rectangle, base.parameterAsExtentCrs(self, parameters, name,
                                                                                           context))
            else:
                continue
            if resolved is not None and resolved != []:
                self._main_values[name] = (given, resolved)

    def _resolved(self, parameters: dict, name: str) -> dict:
        entry = getattr(self, "_main_values", {}).get(name)
        if entry is None or not _same((parameters or {}).get(name), entry[0]):
            return parameters
        return {**parameters, name: entry[1]}

    # The parameterAs… calls that would resolve a layer (or CRS text) in the calling thread.
    def _prepared_source(self, parameters: dict, name: str):
        entry = getattr(self, "_main_sources", {}).get(name)
        return entry if entry is not None and _same((parameters or {}).get(name), entry[0]) else None

    def parameterAsSource(self, parameters, name, context):  # noqa: N802 - QGIS API
        prepared = self._prepared_source(parameters, name)
        if prepared is not None:
            return prepared[1]
        return QgsProcessingAlgorithm.parameterAsSource(self, self._resolved(parameters, name), name, context)

    def parameterAsVectorLayer(self, parameters, name, context):  # noqa: N802 - QGIS API
        prepared = self._prepared_source(parameters, name)
        if prepared is not None:
            return prepared[2]
        return QgsProcessingAlgorithm.parameterAsVectorLayer(self, self._resolved(parameters, name), name, context)

    def parameterAsLayer(self, parameters, name, context):  # noqa: N802 - QGIS API
        return QgsProcessingAlgorithm.parameterAsLayer(self, self._resolved(parameters, name), name, context)

    def parameterAsLayerList(self, parameters, name, context):  # noqa: N802 - QGIS API
        return QgsProcessingAlgorithm.parameterAsLayerList(self, self._resolved(parameters, name), name, context)

    def parameterAsCrs(self, parameters, name, context):  # noqa: N802 - QGIS API
        return QgsProcessingAlgorithm.parameterAsCrs(self, self._resolved(parameters, name), name, context)

    def parameterAsExtent(self, parameters, name, context, crs=None):  # noqa: N802 - QGIS API
        resolved = self._resolved(parameters, name)
        if crs is None:
            return QgsProcessingAlgorithm.parameterAsExtent(self, resolved, name, context)
        return QgsProcessingAlgorithm.parameterAsExtent(self, resolved, name, context, crs)

    def parameterAsExtentCrs(self, parameters, name, context):  # noqa: N802 - QGIS API
        return QgsProcessingAlgorithm.parameterAsExtentCrs(self, self._resolved(parameters, name), name, context)
