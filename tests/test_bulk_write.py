"""Catchment polygons written into a GeoPackage through GDAL in bulk (adapters/ogrwrite.py).

The bulk write must give the same layer as QGIS's feature sink: the same feature ids,
attributes, geometries, fields and CRS; fall back to the sink when the layer does not fit; and
leave no file behind when cancelled.
"""
from __future__ import annotations

import numpy as np
import pytest

from tests.test_catchments_alg import grid_parts, make_cells, make_points, make_roads, save_gpkg


def _layer_rows(path: str):
    """(schema, [(fid, attributes, ISO WKB)]) of the only layer of a GeoPackage, read with GDAL."""
    from osgeo import ogr

    store = ogr.Open(path)
    assert store.GetLayerCount() == 1
    table = store.GetLayer(0)
    definition = table.GetLayerDefn()
    fields = [(definition.GetFieldDefn(i).GetName(), definition.GetFieldDefn(i).GetType())
              for i in range(definition.GetFieldCount())]
    schema = (table.GetName(), table.GetGeomType(), table.GetSpatialRef().GetAuthorityCode(None), fields)
    rows = [(f.GetFID(), [f.GetField(i) if f.IsFieldSetAndNotNull(i) else None for i in range(len(fields))],
             bytes(f.GetGeometryRef().ExportToIsoWkb())) for f in table]
    table = None
    store = None
    return schema, rows


def _inputs(tmp_path):
    roads = save_gpkg(make_roads(grid_parts(6)), tmp_path / "roads.gpkg")
    services = make_points([(100.0, 100.0), (700.0, 500.0), (300.0, 900.0)], ["grocery", "fuel", "grocery"])
    cells = make_cells([(200.0, 200.0), (600.0, 600.0), (900.0, 100.0)], [5, 7, 11])
    return {"ROADS": roads, "SPEED_FIELD": "speed", "SERVICES": services, "TYPE_FIELD": "type", "BANDS": "1,2,3",
            "ORIGINS": cells, "POPULATION_FIELD": "pop", "CELL_SIZE": 20}


@pytest.mark.parametrize("dissolve", [0, 1])
def test_bulk_write_same_as_qgis_sink(run_alg, tmp_path, monkeypatch, dissolve):
    from serviceperspektiv.processing import base

    params = {**_inputs(tmp_path), "DISSOLVE": dissolve}
    calls = []
    original = base.append_wkb_rows

    def counted(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(base, "append_wkb_rows", counted)
    bulk = tmp_path / "zones_bulk.gpkg"
    run_alg("catchments", {**params, "OUTPUT": str(bulk)})
    assert calls == [str(bulk)]  # written by GDAL
    monkeypatch.setattr(base, "new_gpkg_path", lambda destination: None)  # the sink, as for any other output
    sink = tmp_path / "zones_sink.gpkg"
    run_alg("catchments", {**params, "OUTPUT": str(sink)})
    assert len(calls) == 1
    bulk_schema, bulk_rows = _layer_rows(str(bulk))
    sink_schema, sink_rows = _layer_rows(str(sink))
    assert bulk_schema[1:] == sink_schema[1:]  # the table is named after its file
    assert bulk_schema[2] == "3006"
    assert len(bulk_rows) == (9 if not dissolve else 6) and bulk_rows == sink_rows
    assert [fid for fid, _, _ in bulk_rows] == list(range(1, len(bulk_rows) + 1))
    if dissolve:
        assert all(values[0] is None for _, values, _ in bulk_rows)  # no service id for a dissolved zone


def test_bulk_write_keeps_metadata_and_loads(run_alg, tmp_path):
    from qgis.core import QgsVectorLayer

    out = tmp_path / "zones.gpkg"
    result = run_alg("catchments", {**_inputs(tmp_path), "OUTPUT": str(out)})
    layer = QgsVectorLayer(result["OUTPUT"], "zones", "ogr")
    assert layer.isValid() and layer.featureCount() == 9
    assert layer.metadata().title() == "Travel-time zones"
    feature = next(layer.getFeatures())
    assert feature.geometry().isGeosValid() and feature["band_kind"] == "cumulative"
    assert feature["area_km2"] == pytest.approx(feature.geometry().area() / 1e6)


def test_bulk_write_falls_back_to_the_sink(run_alg, tmp_path, monkeypatch):
    """A layer GDAL cannot take (here: refused) is written through QGIS's sink after all."""
    from serviceperspektiv.processing import base

    params = _inputs(tmp_path)
    expected = tmp_path / "zones_expected.gpkg"
    run_alg("catchments", {**params, "OUTPUT": str(expected)})
    monkeypatch.setattr(base, "append_wkb_rows", lambda *args, **kwargs: False)
    out = tmp_path / "zones.gpkg"
    run_alg("catchments", {**params, "OUTPUT": str(out)})
    assert _layer_rows(str(out))[1] == _layer_rows(str(expected))[1]


def test_bulk_write_cancelled_leaves_no_file(provider, tmp_path):
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

    params = _inputs(tmp_path)
    out = tmp_path / "zones.gpkg"

    class CancelWhileWriting(QgsProcessingFeedback):
        """Cancels once the polygons are being written (the progress is at its end)."""

        def isCanceled(self):  # noqa: N802 - QGIS API
            return self.progress() >= 95 or super().isCanceled()

    alg = QgsApplication.processingRegistry().createAlgorithmById("serviceperspektiv:catchments")
    context, feedback = QgsProcessingContext(), CancelWhileWriting()
    _result, ok = alg.run({**params, "OUTPUT": str(out)}, context, feedback)
    assert not ok
    assert not out.exists()


def test_append_wkb_rows_refuses_unfit_layers(tmp_path, qgis_app):
    from osgeo import ogr, osr

    from serviceperspektiv.adapters.ogrwrite import append_wkb_rows, new_gpkg_path

    path = str(tmp_path / "t.gpkg")
    assert new_gpkg_path(path) == path
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    store = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    table = store.CreateLayer("t", srs, ogr.wkbMultiPolygon)
    table.CreateField(ogr.FieldDefn("a", ogr.OFTInteger64))
    table.CreateField(ogr.FieldDefn("b", ogr.OFTString))
    table = store = None
    square = ogr.CreateGeometryFromWkt("MULTIPOLYGON (((0 0,1 0,1 1,0 1,0 0)))").ExportToIsoWkb()
    assert not append_wkb_rows(path, ["a"], [(square, [1])])  # other fields
    assert append_wkb_rows(path, ["a", "b"], [(square, [2**40, "x"]), (square, [None, None])])
    assert not append_wkb_rows(path, ["a", "b"], [(square, [1, "y"])])  # not empty any more
    store = ogr.Open(path)
    got = [(f.GetFID(), f.GetField(0), f.GetField(1)) for f in store.GetLayer(0)]
    store = None
    assert got == [(1, 2**40, "x"), (2, None, None)]
    two = str(tmp_path / "two.gpkg")
    store = ogr.GetDriverByName("GPKG").CreateDataSource(two)
    for name in ("p", "q"):
        store.CreateLayer(name, srs, ogr.wkbMultiPolygon).CreateField(ogr.FieldDefn("a", ogr.OFTInteger64))
    store = None
    assert not append_wkb_rows(two, ["a"], [(square, [1])])  # not the file's only layer
    assert new_gpkg_path(path) is None  # exists: QGIS's sink decides what to do with it
    assert new_gpkg_path(str(tmp_path / "new.shp")) is None
    assert new_gpkg_path("memory:") is None
    assert new_gpkg_path(f"{tmp_path / 'new.gpkg'}|layername=t") is None
    assert new_gpkg_path(f"ogr:dbname='{tmp_path / 'new.gpkg'}' table=\"t\" (geom)") is None


def test_bulk_write_not_used_for_other_outputs(run_alg, tmp_path, monkeypatch):
    """An existing GeoPackage (a layer added to it) and a memory layer go through QGIS's sink."""
    from serviceperspektiv.processing import base

    calls = []
    monkeypatch.setattr(base, "append_wkb_rows", lambda *args, **kwargs: calls.append(args) or False)
    params = _inputs(tmp_path)
    result = run_alg("catchments", {**params, "OUTPUT": "memory:"})
    assert result["OUTPUT"].featureCount() == 9
    out = tmp_path / "zones.gpkg"
    run_alg("catchments", {**params, "OUTPUT": f"ogr:dbname='{out}' table=\"zones\" (geom)"})
    assert len(_layer_rows(str(out))[1]) == 9
    assert calls == []


def test_map_values_whole_numbers_as_before():
    """The numpy path for whole-number columns gives what one call per value gives."""
    from serviceperspektiv.core.oneway import parse_direction, parse_directions
    from serviceperspektiv.core.values import map_values

    rng = np.random.default_rng(3)
    values = rng.choice([0, 1, -1, 2, 7], 5000).tolist()
    assert parse_directions(values).tolist() == [parse_direction(v) for v in values]
    assert parse_directions(np.array(values, dtype=np.int16)).tolist() == [parse_direction(v) for v in values]
    assert map_values([2**70, 3, 2**70], lambda v: v % 5, int).tolist() == [2**70 % 5, 3, 2**70 % 5]
    assert map_values([True, 1, None, 1.0], str, object).tolist() == ["True", "1", "None", "1.0"]
    assert map_values([], str, object).tolist() == []


def test_rings_wkb_same_bytes_as_ring_by_ring():
    """The one-buffer WKB writer gives byte for byte the WKB written ring by ring with struct."""
    from scipy import ndimage

    from serviceperspektiv.core.polygons import mask_rings, multipolygon_wkb, rings_wkb, trace_mask

    rng = np.random.default_rng(7)
    for k in range(12):
        mask = ndimage.binary_opening(rng.random((40 + k, 55)) < 0.7)  # pieces, holes, saddles
        x0, y0, cell = 512345.5, 6612345.25, 25.0
        polygons = [[np.column_stack([x0 + ring[:, 0] * cell, y0 + ring[:, 1] * cell]) for ring in polygon]
                    for polygon in trace_mask(mask)]
        assert len(polygons) > 1 and any(len(p) > 1 for p in polygons)
        assert rings_wkb(mask_rings(mask), x0, y0, cell) == multipolygon_wkb(polygons)
