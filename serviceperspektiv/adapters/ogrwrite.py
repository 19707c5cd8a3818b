"""Many features with ready WKB written into a just-created GeoPackage layer through GDAL, in one transaction.

QGIS's feature sink takes one QgsFeature at a time: every geometry is parsed from WKB into QGIS's
geometry classes, exported to WKB again and handed to OGR, which parses it once more. For
catchment polygons (100 000s of rings) that is most of the time spent writing. When Processing
has created the output as a GeoPackage layer (its fields, CRS and table as QGIS makes them), the
rows go straight into that empty table through OGR instead: the same WKB, the same attribute
values, the same feature ids (1, 2, ... in order). Any other destination returns False before
anything is written, and the caller writes through QGIS's sink.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence

from qgis.core import QgsProviderRegistry

from .ogrtable import _in_main_thread

try:
    from osgeo import gdal, ogr
except ImportError:  # pragma: no cover - GDAL ships with QGIS
    gdal = ogr = None


def gpkg_target(dest_id: Optional[str]) -> Optional[tuple[str, Optional[str]]]:
    """(file path, layer name or None) when ``dest_id`` is a GeoPackage file layer, else None."""
    if not dest_id or ogr is None or not _in_main_thread():
        # GDAL's Python bindings crashed in a Processing task's worker thread (QGIS 3.40, see
        # ogrtable.read_ogr_table): tasks write through QGIS's sink.
        return None
    try:
        uri = QgsProviderRegistry.instance().decodeUri("ogr", dest_id)
    except Exception:  # noqa: BLE001 - not an OGR destination
        return None
    path = uri.get("path")
    if not isinstance(path, str) or not path.lower().endswith(".gpkg"):
        return None
    if any(uri.get(key) not in (None, "") for key in uri if key not in ("path", "layerName")):
        return None  # a subset, layer id or other option: leave it to QGIS
    name = uri.get("layerName")
    return path, name if isinstance(name, str) and name else None


def append_wkb_rows(path: str, layer_name: Optional[str], field_names: Sequence[str],
                    rows: Iterable[tuple[bytes, Sequence[Any]]], is_canceled=None) -> bool:
    """Append (WKB, attribute values) rows to the empty layer; False (nothing written) when it does not fit.

    The layer must be empty and have exactly ``field_names`` (in order) besides its feature id.
    A failure while writing rolls the transaction back and raises; ``is_canceled()`` returning
    True stops the same way (RuntimeError).
    """
    store = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    table = None
    try:
        if store is None or store.GetDriver().ShortName != "GPKG":
            return False
        if layer_name:
            table = store.GetLayerByName(layer_name)
        elif store.GetLayerCount() == 1:
            table = store.GetLayer(0)
        if table is None or table.GetFeatureCount() != 0:
            return False
        definition = table.GetLayerDefn()
        names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
        if names != list(field_names):
            return False
        kinds = [definition.GetFieldDefn(i).GetType() for i in range(definition.GetFieldCount())]
        integer = (ogr.OFTInteger, ogr.OFTInteger64)
        if store.StartTransaction() != 0:
            return False
        try:
            for wkb, values in rows:
                if is_canceled is not None and is_canceled():
                    raise RuntimeError("cancelled")
                feature = ogr.Feature(definition)
                feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
                for k, value in enumerate(values):
                    if value is None:
                        feature.SetFieldNull(k)
                    else:
                        feature.SetField(k, int(value) if kinds[k] in integer else value)
                if table.CreateFeature(feature) != 0:
                    raise RuntimeError(gdal.GetLastErrorMsg() or "could not write a feature")
        except BaseException:
            store.RollbackTransaction()
            raise
        if store.CommitTransaction() != 0:
            raise RuntimeError(gdal.GetLastErrorMsg() or "could not commit the features")
        return True
    finally:
        # The layer before its dataset (GDAL 3.6's bindings do not keep the dataset alive for it).
        table = None
        store = None
