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

from typing import Any

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingParameterCrs,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterVectorLayer,
    QgsReferencedRectangle,
)

LAYER_PARAMETERS = (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer,
                    QgsProcessingParameterMapLayer)


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
        self._main_sources: dict[str, tuple[Any, Any]] = {}  # name -> (value given, feature source)
        base = QgsProcessingAlgorithm
        for definition in self.parameterDefinitions():
            name = definition.name()
            given = (parameters or {}).get(name)
            if isinstance(definition, QgsProcessingParameterFeatureSource) and \
                    isinstance(given, QgsProcessingFeatureSourceDefinition):
                # Selected features only, a feature limit …: Processing's own source, made here.
                self._main_sources[name] = (given, base.parameterAsSource(self, parameters, name, context))
                layer = base.parameterAsVectorLayer(self, parameters, name, context)
                resolved: Any = layer
            elif isinstance(definition, LAYER_PARAMETERS):
                resolved = base.parameterAsLayer(self, parameters, name, context) if given not in (None, "") else None
            elif isinstance(definition, QgsProcessingParameterMultipleLayers):
                resolved = base.parameterAsLayerList(self, parameters, name, context) if given else None
            elif isinstance(definition, QgsProcessingParameterCrs):
                resolved = base.parameterAsCrs(self, parameters, name, context)  # also a default like "EPSG:3006"
            elif isinstance(definition, QgsProcessingParameterExtent) and given not in (None, ""):
                resolved = QgsReferencedRectangle(base.parameterAsExtent(self, parameters, name, context),
                                                  base.parameterAsExtentCrs(self, parameters, name, context))
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
    def parameterAsSource(self, parameters, name, context):  # noqa: N802 - QGIS API
        entry = getattr(self, "_main_sources", {}).get(name)
        if entry is not None and _same((parameters or {}).get(name), entry[0]):
            return entry[1]
        return QgsProcessingAlgorithm.parameterAsSource(self, self._resolved(parameters, name), name, context)

    def parameterAsVectorLayer(self, parameters, name, context):  # noqa: N802 - QGIS API
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
