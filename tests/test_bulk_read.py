"""The bulk road reader (GDAL's Arrow stream or QGIS's WKB, parsed at once) against the per-feature reading.

Every case compares ``read_lines`` as the algorithms call it with ``method="features"`` (the
per-feature reading through QGIS's geometry API, the reading before the bulk path): the same
vertices, parts, feature ids, attribute values, repair counts and unrepairable ids, bit for bit.
"""
from __future__ import annotations

import math
import shutil

import numpy as np
import pytest

from tests.conftest import DATA

OSM_PBF = DATA / "osm" / "finland-sample.osm.pbf"


@pytest.fixture()
def alg(qgis_app, qgis_processing):
    from serviceperspektiv.processing.algorithms.catchments import CatchmentsAlgorithm

    instance = CatchmentsAlgorithm()
    instance.initAlgorithm()
    from qgis.core import QgsProcessingContext, QgsProject

    # Layers loaded from a path live in the context's store: one context per test keeps them alive.
    instance.test_context = QgsProcessingContext()
    instance.test_context.setProject(QgsProject.instance())
    yield instance
    del instance.test_context  # its layers go now, not at interpreter exit


def _norm(values):
    from serviceperspektiv.adapters.layers import is_null

    return [None if is_null(v) else v for v in values]


def _read(alg, value, fields, crs=None, method="bulk"):
    from serviceperspektiv.adapters.layers import read_lines, working_crs
    from serviceperspektiv.adapters.ogrtable import whole_layer

    context = alg.test_context
    parameters = {"ROADS": value}
    source = alg.parameterAsSource(parameters, "ROADS", context)
    crs = crs or working_crs(source.sourceCrs())
    layer = whole_layer(alg, parameters, "ROADS", context)
    return read_lines(source, crs, context, fields, layer=layer, method=method), layer, crs


def _same(alg, value, fields, crs=None):
    """Bulk and per-feature readings of one source are identical; returns the bulk one."""
    bulk, layer, crs = _read(alg, value, fields, crs)
    reference, _, _ = _read(alg, value, fields, crs, method="features")
    assert bulk.n_parts == reference.n_parts and bulk.n_features == reference.n_features
    np.testing.assert_array_equal(bulk.coords, reference.coords)  # exact, not approximately
    np.testing.assert_array_equal(bulk.part_start, reference.part_start)
    np.testing.assert_array_equal(bulk.part_feature, reference.part_feature)
    np.testing.assert_array_equal(bulk.feature_ids, reference.feature_ids)
    for name in fields:
        assert _norm(bulk.attributes[name]) == _norm(reference.attributes[name]), name
    assert bulk.n_repaired == reference.n_repaired
    assert bulk.unrepairable_ids == reference.unrepairable_ids
    return bulk, layer, crs


def _osm_gpkg(tmp_path, srs="EPSG:3006"):
    """The real OSM sample's highway lines as a GeoPackage (as fetchroads or ogr2ogr would write it)."""
    from osgeo import gdal

    path = tmp_path / "osm_roads.gpkg"
    gdal.VectorTranslate(str(path), str(OSM_PBF), format="GPKG", layerName="roads", dstSRS=srs,
                         SQLStatement="SELECT * FROM lines WHERE highway IS NOT NULL", SQLDialect="OGRSQL")
    return path


def test_real_osm_lines_through_gdal_and_through_qgis(alg, tmp_path):
    from qgis.core import QgsVectorLayer

    from serviceperspektiv.adapters.ogrtable import read_ogr_table

    # A GeoPackage in a metric CRS: read through GDAL's Arrow stream.
    path = _osm_gpkg(tmp_path)
    value = f"{path}|layername=roads"
    bulk, layer, crs = _same(alg, value, ["highway", "z_order", "osm_id", "name"])
    assert read_ogr_table(layer, crs, ["highway", "z_order"]) is not None
    assert bulk.n_features == 331 and "residential" in bulk.attributes["highway"]
    assert any(isinstance(v, str) and any(c in v for c in "äöÄÖ") for v in bulk.attributes["name"])
    # The .pbf itself (GDAL's OSM driver, not a plain file table) and the same GeoPackage in
    # EPSG:4326: both through QGIS's features with their WKB, the latter transformed to SWEREF99 TM.
    pbf = QgsVectorLayer(f"{OSM_PBF}|layername=lines", "lines", "ogr")
    assert pbf.isValid()
    _same(alg, pbf, ["highway", "z_order"])
    (tmp_path / "wgs").mkdir()
    wgs = _osm_gpkg(tmp_path / "wgs", "EPSG:4326")
    bulk_wgs, layer_wgs, crs_wgs = _same(alg, f"{wgs}|layername=roads", ["highway", "z_order"])
    assert crs_wgs.authid() == "EPSG:3006" and read_ogr_table(layer_wgs, crs_wgs, []) is None
    assert np.abs(bulk_wgs.coords - bulk.coords).max() < 0.01  # the same roads, reprojected


def test_demo_geopackage_roads(alg, demo_gpkg):
    bulk, layer, crs = _same(alg, f"{demo_gpkg}|layername=roads", ["highway", "maxspeed", "oneway"])
    assert bulk.n_features > 50


def test_nvdb_style_geopackage(alg, tmp_path):
    from tests.test_formats_nvdb import _grid_rows, _write_gpkg

    rows = _grid_rows()
    _write_gpkg(tmp_path / "nvdb.gpkg", rows)
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{tmp_path / 'nvdb.gpkg'}|layername=Tillgänglighetsvägnät", "nvdb", "ogr")
    bulk, _, crs = _same(alg, layer, ["klass_181", "f_hogst_225", "b_hogst_225", "extlen"])
    assert bulk.n_features == len(rows)
    assert bulk.attributes["f_hogst_225"].count(None) == 4  # NULL stays NULL
    # A boolean (subtype) field is left to QGIS: same values, read the per-feature way.
    _same(alg, layer, ["F_ForbjudenFardriktning", "klass_181"])


def _edge_case_layer(path, driver="GPKG"):
    """Lines as real files hold them now and then: NULL and empty geometries, Z/M, multi-part,
    degenerate and non-finite parts, a curve, text with NULLs."""
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    store = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    layer = store.CreateLayer("roads", srs, ogr.wkbUnknown if driver == "GPKG" else ogr.wkbMultiLineString)
    layer.CreateField(ogr.FieldDefn("speed", ogr.OFTReal))
    layer.CreateField(ogr.FieldDefn("oneway", ogr.OFTInteger))
    if driver == "GPKG":
        layer.CreateField(ogr.FieldDefn("highway", ogr.OFTString))
    wkts = [
        "LINESTRING (500000 6700000, 500100 6700000)",
        None,  # no geometry
        "LINESTRING EMPTY",
        "LINESTRING Z (500100 6700000 10, 500200 6700050 12, 500300 6700000 11)",
        "LINESTRING M (500300 6700000 1, 500300 6700100 2)",
        "LINESTRING ZM (500300 6700100 1 2, 500400 6700100 3 4)",
        "MULTILINESTRING ((500400 6700100, 500500 6700100), (500500 6700100, 500500 6700200, 500600 6700250))",
        "LINESTRING (500600 6700250, 500600 6700250)",  # one point twice: not a line, cannot be repaired
        "MULTILINESTRING ((500600 6700250, 500700 6700250), (500700 6700250, 500700 6700250))",  # a degenerate part
        "LINESTRING (500700 6700250, 500700.5 6700250.25, 500700.5 6700250.25, 500800 6700300)",  # a repeated vertex
        "COMPOUNDCURVE (CIRCULARSTRING (500800 6700300, 500850 6700350, 500900 6700300))",
        "MULTILINESTRING EMPTY",
        "LINESTRING (500900 6700300, 501000 6700300)",
    ]
    if driver != "GPKG":
        wkts = [w for w in wkts if w is None or ("CURVE" not in w and " M " not in w and "ZM" not in w)]
    for k, wkt in enumerate(wkts):
        feature = ogr.Feature(layer.GetLayerDefn())
        if wkt is not None:
            feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        if k % 4:
            feature.SetField("speed", 30.0 + k)
        feature.SetField("oneway", k % 3 - 1)
        if driver == "GPKG" and k % 5:
            feature.SetField("highway", ["residential", "tertiary", "väg"][k % 3])
        layer.CreateFeature(feature)
    store = None
    return path


@pytest.mark.parametrize("driver,name", [("GPKG", "edge.gpkg"), ("ESRI Shapefile", "edge.shp")])
def test_edge_cases_match_the_per_feature_reading(alg, tmp_path, driver, name):
    from serviceperspektiv.adapters.ogrtable import read_ogr_table

    path = _edge_case_layer(tmp_path / name, driver)
    value = f"{path}|layername=roads" if driver == "GPKG" else str(path)
    fields = ["speed", "oneway"] + (["highway"] if driver == "GPKG" else [])
    bulk, layer, crs = _same(alg, value, fields)
    assert read_ogr_table(layer, crs, fields) is not None  # the GDAL path ran
    assert len(bulk.unrepairable_ids) >= 1  # the one-point line is reported, as before
    assert None in bulk.attributes["speed"]


def test_selection_subset_edits_and_memory_layers_read_through_qgis(alg, tmp_path):
    from qgis.core import QgsFeatureRequest, QgsProcessingFeatureSourceDefinition, QgsVectorLayer

    from serviceperspektiv.adapters.ogrtable import read_ogr_table

    path = _osm_gpkg(tmp_path)
    layer = QgsVectorLayer(f"{path}|layername=roads", "roads", "ogr")
    ids = [f.id() for f in layer.getFeatures(QgsFeatureRequest().setFilterExpression("\"highway\" = 'residential'"))]
    layer.selectByIds(ids)
    from qgis.core import QgsProject

    QgsProject.instance().addMapLayer(layer)
    try:
        selected = QgsProcessingFeatureSourceDefinition(layer.id(), True)
        bulk, whole, _ = _same(alg, selected, ["highway", "z_order"])
        assert whole is None and bulk.n_features == len(ids) and set(bulk.attributes["highway"]) == {"residential"}
        bulk_all, whole_all, crs = _same(alg, QgsProcessingFeatureSourceDefinition(layer.id(), False), ["highway"])
        assert whole_all is not None and bulk_all.n_features == 331
        # A filter on the layer, pending edits, a memory layer: QGIS's features, never the file.
        layer.setSubsetString("\"highway\" = 'service'")
        bulk_subset, whole_subset, _ = _same(alg, layer, ["highway"])
        assert read_ogr_table(whole_subset, crs, ["highway"]) is None
        assert set(bulk_subset.attributes["highway"]) == {"service"}
        layer.setSubsetString("")
        layer.startEditing()
        first = next(layer.getFeatures())
        layer.changeAttributeValue(first.id(), layer.fields().lookupField("highway"), "edited")
        bulk_edit, whole_edit, _ = _same(alg, layer, ["highway"])
        assert read_ogr_table(whole_edit, crs, ["highway"]) is None and "edited" in bulk_edit.attributes["highway"]
        layer.rollBack()
        memory = layer.materialize(QgsFeatureRequest())
        _same(alg, memory, ["highway", "z_order"])
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_wkb_parser_flags_everything_it_does_not_certainly_understand():
    import struct

    from serviceperspektiv.core.wkb import LINE_EMPTY, LINE_NULL, LINE_OK, LINE_OTHER, parse_lines

    def line(points, code=2, order=1):
        fmt = "<" if order == 1 else ">"
        body = b"".join(struct.pack(fmt + "d" * len(p), *p) for p in points)
        return struct.pack(fmt + "BII", order, code, len(points)) + body

    def multi(parts, code=5):
        return struct.pack("<BII", 1, code, len(parts)) + b"".join(parts)

    wkbs = [
        line([(0, 0), (1, 1)]),
        None,
        b"",
        line([]),
        line([(0, 0, 5), (2, 2, 6)], code=1002),
        line([(0, 0, 5), (2, 2, 6)], code=0x80000002),  # old-style 2.5D
        line([(0, 0), (3, 3)], order=0),  # big-endian: left to QGIS
        line([(1, 1), (1, 1)]),  # degenerate
        line([(0, 0), (math.nan, 1)]),  # not finite
        multi([line([(0, 0), (1, 0)]), line([(1, 0), (1, 1), (2, 1)])]),
        multi([]),
        multi([line([(0, 0), (1, 0)]), line([])]),  # an empty part
        line([(0, 0), (1, 1)])[:-4],  # truncated
        struct.pack("<BIdd", 1, 1, 0.0, 0.0),  # a point
        multi([line([(0, 0, 1), (1, 0, 1)], code=1002)], code=1005),
    ]
    parsed = parse_lines(wkbs)
    assert parsed.status.tolist() == [LINE_OK, LINE_NULL, LINE_NULL, LINE_EMPTY, LINE_OK, LINE_OK, LINE_OTHER,
                                      LINE_OTHER, LINE_OTHER, LINE_OK, LINE_EMPTY, LINE_OTHER, LINE_OTHER, LINE_OTHER,
                                      LINE_OK]
    assert parsed.part_owner.tolist() == [0, 4, 5, 9, 9, 14]
    assert parsed.part_start.tolist() == [0, 2, 4, 6, 8, 11, 13]
    assert parsed.coords[8:11].tolist() == [[1, 0], [1, 1], [2, 1]]
    assert parsed.coords[2:4].tolist() == [[0, 0], [2, 2]]


def test_algorithms_give_the_same_network_from_a_copy_in_another_format(alg, tmp_path):
    """A shapefile copy (numbers only: the GDAL path) and the GeoPackage give the same network."""
    from osgeo import gdal

    from serviceperspektiv.core.network import build_network

    path = _osm_gpkg(tmp_path)
    shp = tmp_path / "roads.shp"
    gdal.VectorTranslate(str(shp), str(path), format="ESRI Shapefile", SQLStatement="SELECT * FROM roads",
                         SQLDialect="OGRSQL")
    shutil.copy(path, tmp_path / "copy.gpkg")
    a, _, _ = _same(alg, f"{tmp_path / 'copy.gpkg'}|layername=roads", [])
    b, _, _ = _same(alg, str(shp), [])
    np.testing.assert_array_equal(a.coords, b.coords)
    n = a.n_features
    net = build_network(a.line_parts(), a.part_feature, np.full(n, 50.0), np.zeros(n, np.int8))
    ref = build_network(a.parts, a.part_feature, np.full(n, 50.0), np.zeros(n, np.int8))
    np.testing.assert_array_equal(net.edge_length_m, ref.edge_length_m)
    np.testing.assert_array_equal(net.node_xy, ref.node_xy)


def test_column_work_once_per_distinct_value_equals_the_per_row_rules(qgis_app):
    """Speeds, classes and one-way codes computed per distinct value equal the per-row rules."""
    from qgis.PyQt.QtCore import QVariant

    from serviceperspektiv.adapters.layers import numeric_column
    from serviceperspektiv.core.oneway import parse_direction, parse_directions
    from serviceperspektiv.core.speeds import _as_speed, load_speed_table, normalise_class, resolve_speeds

    rng = np.random.default_rng(4)
    pool_class = ["residential", "primary", "motorway", "footway", None, "3", 5, 5.0, "nvdb:7", "Klass 2", "",
                  QVariant(), float("nan"), "highway=service", "cycleway"]
    pool_speed = [50, 70.0, None, 0, -30, "80", "x", float("nan"), QVariant(), 30.5, True, float("inf")]
    pool_oneway = ["yes", "-1", "no", None, 1, -1, 0, 1.0, True, False, "Med", "TF", QVariant(), "closed", "x"]
    n = 3000
    classes = [pool_class[i] for i in rng.integers(0, len(pool_class), n)]
    speeds = [pool_speed[i] for i in rng.integers(0, len(pool_speed), n)]
    oneway = [pool_oneway[i] for i in rng.integers(0, len(pool_oneway), n)]
    table = load_speed_table()
    assert parse_directions(oneway).tolist() == [parse_direction(v) for v in oneway]
    for mode in ("car", "bike", "walk"):
        got = resolve_speeds(classes, speeds, mode, table)
        # The rule as it was written per road before.
        expected, defaulted, excluded = [], 0, 0
        for c, v in zip(classes, speeds):
            class_speed = table.class_speed_kmh(normalise_class(c), mode)
            if class_speed is None:
                expected.append(np.nan)
                excluded += 1
            elif mode == "car" and not np.isnan(_as_speed(v)):
                expected.append(_as_speed(v))
            else:
                defaulted += mode == "car"
                expected.append(class_speed)
        np.testing.assert_array_equal(got.speed_kmh, expected)
        assert (got.n_defaulted, got.n_excluded) == (defaulted, excluded)
    numbers = [1, 2.5, None, 7, None]
    np.testing.assert_array_equal(numeric_column(numbers, "x"), [1, 2.5, np.nan, 7, np.nan])
    np.testing.assert_array_equal(numeric_column([QVariant(), "3", 4], "x"), [np.nan, 3, 4])
    from serviceperspektiv.adapters.layers import InputError

    with pytest.raises(InputError):
        numeric_column([1, "fast"], "x")


def test_gdal_is_read_only_in_the_main_thread(qgis_app, demo_gpkg):
    """A Processing task (the panel) reads through QGIS: GDAL's bindings crashed in a worker thread on 3.40."""
    import threading

    from qgis.core import QgsVectorLayer

    from serviceperspektiv.adapters.ogrtable import read_ogr_table

    layer = QgsVectorLayer(f"{demo_gpkg}|layername=roads", "roads", "ogr")
    assert read_ogr_table(layer, layer.crs(), ["highway"]) is not None  # the main thread: the fast path
    found = {}
    worker = threading.Thread(target=lambda: found.update(table=read_ogr_table(layer, layer.crs(), ["highway"])))
    worker.start()
    worker.join()
    assert "table" in found and found["table"] is None
