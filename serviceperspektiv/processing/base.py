"""Shared base for Serviceperspektiv algorithms: naming, help, errors and safe output writing."""
from __future__ import annotations

import functools
import os
from datetime import date
from typing import Any, Iterable, Optional, Sequence

from qgis.core import (
    QgsFeatureSink,
    QgsLayerMetadata,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingUtils,
)
from qgis.PyQt.QtGui import QIcon

from ..adapters.ogrwrite import append_wkb_rows, new_gpkg_path
from ..i18n import tr
from .mainthread import MainThreadParameters
from .parameter_help import help_source
from .provider import ICON_PATH

ATTRIBUTION_OSM = "© OpenStreetMap contributors (ODbL)"
ATTRIBUTION_SCB = "SCB (Statistiska centralbyrån)"
ATTRIBUTION_NVDB = "Trafikverket/Tillväxtverket (NVDB)"


class ServiceperspektivAlgorithm(MainThreadParameters, QgsProcessingAlgorithm):
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
        self._saved_metadata: set[str] = set()  # GeoPackage outputs whose file already holds their metadata

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

    # -- parameters -----------------------------------------------------------------------
    def unknown_parameters(self, parameters) -> list[str]:
        """Keys this algorithm does not define: a misspelt or stale key is an error, never ignored."""
        known = {definition.name() for definition in self.parameterDefinitions()}
        return sorted(str(key) for key in (parameters or {}) if key not in known)

    def unknown_parameters_message(self, unknown: list[str]) -> str:
        known = ", ".join(definition.name() for definition in self.parameterDefinitions())
        return tr("{}: unknown parameter(s) {}. This algorithm takes: {}.").format(
            self.ALG_ID, ", ".join(unknown), known)

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        unknown = self.unknown_parameters(parameters)
        if unknown:
            return False, self.unknown_parameters_message(unknown)
        return super().checkParameterValues(parameters, context)

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        # Every way of running passes here (toolbox, tasks, qgis_process, models), not only checkParameterValues.
        unknown = self.unknown_parameters(parameters)
        if unknown:
            self.fail(self.unknown_parameters_message(unknown), feedback)
        self.resolve_in_main_thread(parameters, context)  # see mainthread.py: QGIS 3.22 crashes otherwise
        return True

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
                       features: Iterable, metadata: Optional[dict[str, Any]] = None,
                       wkb_rows: Optional[Sequence[tuple[bytes, Sequence[Any]]]] = None) -> Optional[str]:
        """Create the sink only now (after all checks) and write; None for a skipped optional output.

        A cancelled or failed write removes this output and the ones this run already wrote, so
        that no half-finished set of results is left behind. ``wkb_rows``, (WKB, attribute values)
        per feature and the same features as ``features``, go straight into a new GeoPackage
        through GDAL (adapters/ogrwrite.py) when the output is one; else ``features`` are written.
        """
        if not parameters.get(name) and self.is_optional_output(name):
            return None  # a secondary output the caller did not ask for (qgis_process, "Skip output")
        destination = self.parameterAsOutputLayer(parameters, name, context)
        new_file = new_gpkg_path(destination) if wkb_rows is not None else None
        sink, dest_id = self._create_sink(parameters, context, feedback, name, fields, wkb_type, crs)
        if new_file is not None and dest_id == new_file:
            del sink  # closes the new, still empty layer before GDAL opens it
            sink = None
            if not self._append_wkb_rows(new_file, destination, name, fields, wkb_rows, feedback):
                # A layer GDAL cannot fill as it is (nothing written): through QGIS's sink after all.
                sink, dest_id = self._create_sink(parameters, context, feedback, name, fields, wkb_type, crs)
        if sink is not None:
            try:
                for feature in features:
                    if feedback is not None and feedback.isCanceled():
                        raise QgsProcessingException(tr("Cancelled: no output was written."))
                    sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            except BaseException:
                del sink
                self._discard_outputs(destination)
                raise
        self._written.append(destination)
        del sink
        if metadata:
            self._metadata[dest_id] = metadata
            if destination and not destination.startswith("memory:") and ".gpkg" in destination.lower():
                save_file_metadata(dest_id, metadata)  # headless runs keep it too
                self._saved_metadata.add(dest_id)
        return dest_id

    def _create_sink(self, parameters, context, feedback, name: str, fields, wkb_type, crs):
        sink, dest_id = self.parameterAsSink(parameters, name, context, fields, wkb_type, crs)
        if sink is None:
            self.fail(tr("Could not create the output {}").format(name), feedback)
        return sink, dest_id

    def _discard_outputs(self, destination: str = "") -> None:
        """A failed or cancelled run: the files it already wrote go, and ``destination`` (being written)."""
        for path in [*self._written, destination]:
            remove_output_file(path)
        self._written = []

    def _append_wkb_rows(self, path: str, destination: str, name: str, fields, rows, feedback) -> bool:
        """The rows into the new GeoPackage layer through GDAL; False when it cannot take them (nothing written)."""
        try:
            return append_wkb_rows(path, fields.names(), rows, feedback.isCanceled if feedback is not None else None)
        except BaseException as error:
            self._discard_outputs(destination)
            if feedback is not None and feedback.isCanceled():
                raise QgsProcessingException(tr("Cancelled: no output was written.")) from None
            if isinstance(error, Exception):
                self.fail(tr("Could not write the output {}: {}").format(name, str(error)), feedback)
            raise

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
            if layer is not None and not layer.metadata().keywords().get("serviceperspektiv"):
                apply_layer_metadata(layer, info, save=dest_id not in self._saved_metadata)
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


def layer_metadata(info: dict[str, Any], metadata: Optional[QgsLayerMetadata] = None) -> QgsLayerMetadata:
    """Title, abstract, attribution and run parameters as layer metadata."""
    metadata = QgsLayerMetadata(metadata) if metadata is not None else QgsLayerMetadata()
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
    return metadata


def save_file_metadata(dest_id: str, info: dict[str, Any]) -> None:
    """Write the metadata into a just-written GeoPackage without opening it as a layer.

    saveLayerMetadata opens and closes the file itself; a layer of the same file open meanwhile
    would lose its SQLite locks and fail later ("unable to open database file").
    """
    from pathlib import Path

    from qgis.core import QgsProviderRegistry

    path = dest_id.split("|")[0]
    table = dest_id.split("layername=")[1].split("|")[0] if "layername=" in dest_id else Path(path).stem
    provider = QgsProviderRegistry.instance().providerMetadata("ogr")
    if provider is not None and hasattr(provider, "saveLayerMetadata"):
        try:
            provider.saveLayerMetadata(f"{path}|layername={table}", layer_metadata(info))
        except Exception:  # noqa: BLE001 - metadata is a courtesy; the output itself is complete
            pass


def apply_layer_metadata(layer, info: dict[str, Any], save: bool = True) -> None:
    """Title, abstract, attribution and run parameters into the layer metadata (and the GPKG)."""
    metadata = layer_metadata(info, layer.metadata())
    layer.setMetadata(metadata)
    if save and layer.providerType() == "ogr" and ".gpkg" in layer.source().lower():
        uri = layer.source() if "layername=" in layer.source() else \
            f"{layer.source()}|layername={layer.dataProvider().subLayers()[0].split(_separator())[1]}"
        save_file_metadata(uri, info)


def _separator() -> str:
    from qgis.core import QgsDataProvider

    return QgsDataProvider.sublayerSeparator()
