"""A whole file layer read in bulk through GDAL's Arrow stream (GDAL >= 3.6), bypassing QGIS's features.

QGIS hands out one feature object at a time; for a road layer of 100 000s of lines that costs
more than everything the plugin computes from it. When a layer is a plain GeoPackage or
shapefile on disk, read whole (no selection, no filter, no pending edits, no joined or virtual
field, already in the CRS we measure in), GDAL gives the same feature ids, WKB and attribute
values in a few column arrays. Every other case returns None and the caller reads through QGIS.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Sequence

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFields,
    QgsProcessingFeatureSourceDefinition,
    QgsProperty,
    QgsProviderRegistry,
    QgsVectorLayer,
)

try:
    from osgeo import gdal, ogr

    HAVE_ARROW = hasattr(ogr.Layer, "GetArrowStreamAsNumPy")  # GDAL >= 3.6
except ImportError:  # pragma: no cover - GDAL ships with QGIS
    gdal = ogr = None
    HAVE_ARROW = False

# Drivers whose feature ids QGIS takes unchanged from OGR. Text is UTF-8 by definition only in a
# GeoPackage; a shapefile's text depends on QGIS's encoding setting, so it is read fast only
# when every requested field is a number.
_DRIVERS = {"GPKG": True, "ESRI Shapefile": False}  # driver: text fields allowed
_URI_KEYS = {"path", "layerName", "layerId"}


@dataclass
class OgrTable:
    fids: np.ndarray  # int64 feature ids, as QGIS numbers them
    wkbs: list  # WKB bytes per feature, None where it has no geometry
    attributes: dict[str, list[Any]]  # requested fields, None for NULL


def whole_layer(alg, parameters: dict, name: str, context) -> Optional[QgsVectorLayer]:
    """The vector layer behind a feature-source parameter when the whole layer is used, else None."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly or value.featureLimit not in (-1, None):
            return None
        if getattr(value, "filterExpression", ""):  # QGIS >= 3.32
            return None
        # QGIS 3.22 resolves a layer from the definition's source, not from the definition itself.
        source = value.source
        if isinstance(source, QgsProperty):
            source = source.valueAsString(context.expressionContext(), "")
            source = source[0] if isinstance(source, tuple) else source  # (value, ok) in PyQGIS
        value = source
        parameters = {**parameters, name: value}
        if not value:
            return None
    try:
        layer = alg.parameterAsVectorLayer(parameters, name, context)
    except Exception:  # noqa: BLE001 - any failure means "read through QGIS"
        return None
    return layer if isinstance(layer, QgsVectorLayer) and layer.isValid() else None


def _text(value: Any) -> Optional[str]:
    return None if value is None or not isinstance(value, str) else value


def _column(values: np.ndarray, decode: bool) -> list:
    """A column as Python values, None for NULL (masked); bytes decoded as UTF-8."""
    out = values.tolist()  # a masked array gives None for masked entries
    if decode:
        out = [None if v is None else v.decode("utf-8") for v in out]
    return out


def in_main_thread() -> bool:
    from qgis.PyQt.QtCore import QCoreApplication, QThread

    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


def read_ogr_table(layer: Optional[QgsVectorLayer], crs: QgsCoordinateReferenceSystem,
                   fields: Sequence[str]) -> Optional[OgrTable]:
    """Feature ids, WKB and ``fields`` of every feature of ``layer``; None when the fast path does not apply."""
    if layer is None or not HAVE_ARROW or layer.providerType() != "ogr" or layer.isEditable():
        return None
    if not in_main_thread():
        # GDAL's Python bindings crashed opening a GeoPackage from a Processing task's worker thread
        # (QGIS 3.40 / GDAL 3.10, the panel's runs) while QGIS's provider had it open: tasks read
        # through QGIS's WKB. qgis_process, processing.run and the demo run in the main thread.
        return None
    if layer.subsetString() or layer.crs() != crs:
        return None
    uri = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    if any(key not in _URI_KEYS and uri[key] not in (None, "") for key in uri):
        return None
    path = _text(uri.get("path"))
    if not path:
        return None
    qgis_fields = layer.fields()
    for field in fields:
        index = qgis_fields.lookupField(field)
        if index < 0 or qgis_fields.fieldOrigin(index) != QgsFields.FieldOrigin.OriginProvider:
            return None
    try:
        return _read(path, uri, layer, fields)
    except Exception:  # noqa: BLE001 - an unexpected file: read it through QGIS instead
        return None


def _read(path: str, uri: dict, layer: QgsVectorLayer, fields: Sequence[str]) -> Optional[OgrTable]:
    store = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
    if store is None:
        return None
    table = None
    try:
        driver = store.GetDriver().ShortName
        if driver not in _DRIVERS:
            return None
        name, layer_id = _text(uri.get("layerName")), uri.get("layerId")
        if name:
            table = store.GetLayerByName(name)
        elif isinstance(layer_id, int):
            table = store.GetLayer(layer_id)
        else:
            table = store.GetLayer(0) if store.GetLayerCount() == 1 else None
        if table is None or table.GetFeatureCount() != layer.featureCount():
            return None
        decode = _decodable(table.GetLayerDefn(), fields, _DRIVERS[driver])
        if decode is None:
            return None
        return _stream(table, fields, decode, layer.featureCount())
    finally:
        # The layer before its dataset (GDAL 3.6's bindings do not keep the dataset alive for it).
        table = None
        store = None


def _decodable(definition, fields: Sequence[str], text_ok: bool) -> Optional[dict]:
    """Per requested field whether it is text (to decode), or None when a field cannot be read fast."""
    decode = {}
    for field in fields:
        index = definition.GetFieldIndex(field)
        if index < 0:
            return None
        field_defn = definition.GetFieldDefn(index)
        if field_defn.GetName() != field or field_defn.GetSubType() != ogr.OFSTNone:
            return None
        kind = field_defn.GetType()
        if kind == ogr.OFTString and not text_ok:
            return None
        if kind not in (ogr.OFTInteger, ogr.OFTInteger64, ogr.OFTReal, ogr.OFTString):
            return None
        decode[field] = kind == ogr.OFTString
    return decode


def _stream(table, fields: Sequence[str], decode: dict, expected: int) -> Optional[OgrTable]:
    """All features through the Arrow stream, copied out of its buffers before the stream goes."""
    definition = table.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    table.SetIgnoredFields([n for n in names if n not in decode] + ["OGR_STYLE"])
    fid_name = table.GetFIDColumn() or "OGC_FID"
    geometry_name = table.GetGeometryColumn() or "wkb_geometry"
    fids, wkbs = [], []
    columns: dict[str, list] = {f: [] for f in fields}
    table.ResetReading()
    stream = table.GetArrowStreamAsNumPy(options=["INCLUDE_FID=YES"])
    try:
        for batch in stream:
            fids.append(np.array(batch[fid_name], dtype=np.int64, copy=True))
            wkbs.extend(batch[geometry_name].tolist())  # bytes copies; masked (no geometry): None
            for field in fields:
                columns[field].extend(_column(batch[field], decode[field]))
            del batch
    finally:
        del stream
    ids = np.concatenate(fids) if fids else np.zeros(0, dtype=np.int64)
    if len(ids) != expected:
        return None
    return OgrTable(ids, wkbs, columns)
