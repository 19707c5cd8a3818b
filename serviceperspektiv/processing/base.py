"""Shared base for Serviceperspektiv algorithms: naming, help, errors and safe output writing."""
from __future__ import annotations

import functools
import os
from datetime import date
from typing import Any, Iterable, Optional

from qgis.core import (
    QgsFeatureSink,
    QgsLayerMetadata,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingUtils,
)
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from .parameter_help import help_source
from .provider import ICON_PATH

ATTRIBUTION_OSM = "© OpenStreetMap contributors (ODbL)"
ATTRIBUTION_SCB = "SCB (Statistiska centralbyrån)"
ATTRIBUTION_NVDB = "Trafikverket/Tillväxtverket (NVDB)"


class ServiceperspektivAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``ALG_ID``, ``DISPLAY`` (English; translated by tr) and ``HELP``."""

    ALG_ID = ""
    DISPLAY = ""
    GROUP = "Analysis"
    HELP = ""

    def __init_subclass__(cls, **kwargs) -> None:
        """Wrap each subclass's ``initAlgorithm`` so that its parameters get their help texts after it."""
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("initAlgorithm")
        if init is None or getattr(init, "_applies_help", False):
            return

        @functools.wraps(init)
        def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
            init(self, config)
            self.apply_parameter_help()

        initAlgorithm._applies_help = True  # type: ignore[attr-defined]
        cls.initAlgorithm = initAlgorithm

    def __init__(self) -> None:
        super().__init__()
        self._metadata: dict[str, dict[str, Any]] = {}
        # (output id -> style name, styling function or None; run label): where results land.
        self._placement: Optional[tuple[dict[str, Any], str]] = None
        self._written: list[str] = []  # file outputs of this run, removed again if a later one fails

    def name(self) -> str:
        return self.ALG_ID

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr(self.DISPLAY)

    def group(self) -> str:
        return tr(self.GROUP)

    def groupId(self) -> str:  # noqa: N802 - QGIS API
        return self.GROUP.lower().replace(" ", "_")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(self.HELP)

    def icon(self) -> QIcon:
        return QIcon(str(ICON_PATH))

    def createInstance(self):  # noqa: N802 - QGIS API
        return type(self)()

    def tr(self, text: str) -> str:
        return tr(text)

    def apply_parameter_help(self) -> None:
        """Each parameter's tooltip text from processing/parameter_help.py, translated (QGIS ≥ 3.16)."""
        for definition in self.parameterDefinitions():
            if definition.help():
                continue  # set by the algorithm itself
            source = help_source(self.ALG_ID, definition.name())
            if source:
                definition.setHelp(tr(source))

    # -- errors ---------------------------------------------------------------------------
    @staticmethod
    def fail(message: str, feedback=None) -> None:
        """Stop with a clear message (non-zero exit from qgis_process, no traceback)."""
        if feedback is not None:
            feedback.reportError(message, fatalError=True)
        raise QgsProcessingException(message)

    def input_attribution(self, parameters, context, names: Iterable[str]) -> list[str]:
        """Attribution lines (layer metadata rights) of the input layers, without repeats."""
        lines: list[str] = []
        for name in names:
            layer = self.parameterAsVectorLayer(parameters, name, context) if name in parameters else None
            if layer is None:
                continue
            for right in layer.metadata().rights():
                if right and right not in lines:
                    lines.append(right)
        return lines

    # -- outputs --------------------------------------------------------------------------
    def write_features(self, parameters, context, feedback, name: str, fields, wkb_type, crs,
                       features: Iterable, metadata: Optional[dict[str, Any]] = None) -> Optional[str]:
        """Create the sink only now (after all checks) and write; None for a skipped optional output.

        A cancelled or failed write removes this output and the ones this run already wrote, so
        that no half-finished set of results is left behind.
        """
        if not parameters.get(name) and self.is_optional_output(name):
            return None  # a secondary output the caller did not ask for (qgis_process, "Skip output")
        sink, dest_id = self.parameterAsSink(parameters, name, context, fields, wkb_type, crs)
        if sink is None:
            self.fail(tr("Could not create the output {}").format(name), feedback)
        destination = self.parameterAsOutputLayer(parameters, name, context)
        try:
            for feature in features:
                if feedback is not None and feedback.isCanceled():
                    raise QgsProcessingException(tr("Cancelled: no output was written."))
                sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        except BaseException:
            del sink
            for path in [*self._written, destination]:
                remove_output_file(path)
            raise
        self._written.append(destination)
        del sink
        if metadata:
            self._metadata[dest_id] = metadata
            if destination and not destination.startswith("memory:") and ".gpkg" in destination.lower():
                # File outputs get their metadata now, so that headless runs keep it too.
                from qgis.core import QgsVectorLayer

                written = QgsVectorLayer(dest_id, name, "ogr")
                if written.isValid():
                    apply_layer_metadata(written, metadata)
        return dest_id

    def write_table(self, parameters, context, feedback, name: str, spec: list, rows: list,
                    metadata: Optional[dict[str, Any]] = None) -> Optional[str]:
        """A geometry-less table output from (field name, fieldtypes.X) pairs and value rows."""
        from qgis.core import QgsCoordinateReferenceSystem, QgsWkbTypes

        from .outputs import table_features, table_fields

        fields = table_fields(spec)
        return self.write_features(parameters, context, feedback, name, fields, QgsWkbTypes.Type.NoGeometry,
                                   QgsCoordinateReferenceSystem(), table_features(fields, rows), metadata)

    def is_optional_output(self, name: str) -> bool:
        definition = self.parameterDefinition(name)
        return definition is not None and bool(definition.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional)

    def place_outputs(self, outputs: dict[Optional[str], Any], run_label: str) -> None:
        """Put these outputs (with their QML style) in the run's sub-group of "Serviceperspektiv"."""
        self._placement = ({dest: style for dest, style in outputs.items() if dest}, run_label)

    @staticmethod
    def written(outputs: dict[str, Optional[str]]) -> dict[str, str]:
        """The result map without the skipped optional outputs."""
        return {name: dest for name, dest in outputs.items() if dest is not None}

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 - QGIS API
        for dest_id, info in self._metadata.items():
            layer = QgsProcessingUtils.mapLayerFromString(dest_id, context)
            if layer is not None:
                apply_layer_metadata(layer, info)
        if self._placement is not None:
            from ..adapters.layergroups import place_outputs, run_group_name

            outputs, label = self._placement
            place_outputs(context, outputs, run_group_name(label))
        return {}


def remove_output_file(destination: str) -> None:
    """Delete a half-written file output (GeoPackage, with its side files)."""
    if not destination or destination.startswith(("memory:", "ogr:", "postgres")):
        return
    path = destination.split("|")[0]
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except OSError:
            pass


def apply_layer_metadata(layer, info: dict[str, Any]) -> None:
    """Title, abstract, attribution and run parameters into the layer metadata (and the GPKG)."""
    metadata: QgsLayerMetadata = layer.metadata()
    if info.get("title"):
        metadata.setTitle(info["title"])
    abstract = info.get("abstract", "")
    params = info.get("parameters") or {}
    if params:
        abstract += "\n\n" + tr("Parameters") + ":\n" + "\n".join(f"{k} = {v}" for k, v in params.items())
    metadata.setAbstract(abstract.strip())
    metadata.setRights(list(info.get("attribution", [])))
    keywords = {"serviceperspektiv": ["serviceperspektiv", info.get("algorithm", "")]}
    metadata.setKeywords(keywords)
    history = list(metadata.history())
    history.append(f"{date.today().isoformat()} serviceperspektiv:{info.get('algorithm', '')}")
    metadata.setHistory(history)
    layer.setMetadata(metadata)
    if layer.providerType() == "ogr" and ".gpkg" in layer.source().lower():
        target = layer
        if "layername=" not in layer.source():
            # GeoPackage metadata is stored per table: name it, or QGIS cannot find the layer.
            from qgis.core import QgsDataProvider, QgsVectorLayer

            table = layer.dataProvider().subLayers()[0].split(QgsDataProvider.sublayerSeparator())[1]
            target = QgsVectorLayer(f"{layer.source()}|layername={table}", layer.name(), "ogr")
            target.setMetadata(metadata)
        target.saveDefaultMetadata()
