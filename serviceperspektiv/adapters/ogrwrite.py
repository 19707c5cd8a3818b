"""Many features with ready WKB written into a just-created GeoPackage layer through GDAL, in one transaction.

QGIS's feature sink takes one QgsFeature at a time: every geometry is parsed from WKB into QGIS's
geometry classes, exported to WKB again and handed to OGR, which parses it once more. For
catchment polygons (100 000s of rings) that is most of the time spent writing. When Processing
has just created the output as a new GeoPackage file (its fields, CRS and table as QGIS makes
them), the rows go straight into that empty table through OGR instead: the same WKB, the same
attribute values, the same feature ids (1, 2, ... in order). Other destinations, and a layer
that is not as expected, are left to QGIS's sink before anything is written.
"""
from __future__ import annotations

import os
from typing import Any, Iterable, Optional, Sequence

from .ogrtable import in_main_thread

try:
    from osgeo import gdal, ogr
except ImportError:  # pragma: no cover - GDAL ships with QGIS
    gdal = ogr = None


def new_gpkg_path(destination: Optional[str]) -> Optional[str]:
    """``destination`` when it is a plain GeoPackage file path that does not exist yet, else None.

    Only then is the layer Processing creates the file's only one, ours to fill. Appending to an
    existing GeoPackage, other formats, memory layers and database URIs stay with QGIS's sink.
    """
    if not destination or ogr is None or not in_main_thread():
        # GDAL's Python bindings crashed in a Processing task's worker thread (QGIS 3.40, see
        # ogrtable.read_ogr_table): tasks write through QGIS's sink.
        return None
    if "|" in destination or destination.startswith(("ogr:", "memory:", "postgres")):
        return None
    if not destination.lower().endswith(".gpkg") or os.path.lexists(destination):
        return None
    return destination


def append_wkb_rows(path: str, field_names: Sequence[str], rows: Iterable[tuple[bytes, Sequence[Any]]],
                    is_canceled=None) -> bool:
    """Append (WKB, attribute values) rows to the GeoPackage's only layer; False (nothing written) when it does not fit.

    The layer must be empty and have exactly ``field_names`` (in order) besides its feature id.
    A failure while writing rolls the transaction back and raises; ``is_canceled()`` returning
    True stops the same way (RuntimeError).
    """
    store = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    table = None
    try:
        if store is None or store.GetDriver().ShortName != "GPKG":
            return False
        if store.GetLayerCount() == 1:
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
