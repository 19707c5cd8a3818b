"""planareaprofile: population inside/around, times from cells or the representative point, CRS."""
from __future__ import annotations

import pytest

from serviceperspektiv.adapters.layers import is_null
from tests.test_gaps_data import X0, Y0, line_town, memory_layer, network_params

SAMPLES = __import__("pathlib").Path(__file__).resolve().parent / "data" / "detaljplan"


def _profile(run_alg, plan, **extra):
    roads, services, origins = line_town()
    params = network_params(roads, services, origins, {"PLAN_AREA": plan, "OUTPUT": "memory:", **extra})
    layer = run_alg("planareaprofile", params)["OUTPUT"]
    return [dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()]


def _box(x0, y0, x1, y1):
    return f"POLYGON(({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0}))"


def test_profile_from_cells(run_alg):
    plan = memory_layer("Polygon?crs=EPSG:3006", "plan", [("planid", "string")],
                        [(_box(X0 + 3500, Y0 - 100, X0 + 6500, Y0 + 100), ["P1"])])
    row = _profile(run_alg, plan)[0]
    assert row["population_inside"] == 30 and row["cells_inside"] == 3
    # cells at 2..8 km lie within 2 km of the area
    assert row["population_2km"] == 70 and row["population_5km"] == 110
    assert row["dagligvaror_ovrig_min_min"] == pytest.approx(4.0, abs=0.1)
    assert row["dagligvaror_ovrig_min_median"] == pytest.approx(5.0, abs=0.1)
    assert row["dagligvaror_ovrig_min_max"] == pytest.approx(6.0, abs=0.1)
    assert row["dagligvaror_ovrig_km_median"] == pytest.approx(5.0, abs=0.1)
    assert row["dagligvaror_ovrig_inside"] == 0
    assert row["dagligvaror_ovrig_new_delta"] < -3
    assert row["measured_from"] == "cells"
    assert row["catchment_services"] == "Affären Väst (1); Fredriksberg Livs (2); Bankomat (3)"
    short = _profile(run_alg, plan, CATCHMENT_MINUTES=3.5)[0]
    assert short["catchment_services"] == "Bankomat (3)"  # 3 km from the cell at 6 km


def test_profile_point_area_other_crs(run_alg):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject

    geometry = QgsGeometry.fromWkt(_box(X0 + 9700, Y0 + 200, X0 + 10200, Y0 + 400))
    geometry.transform(QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:3006"),
                                              QgsCoordinateReferenceSystem("EPSG:3009"), QgsProject.instance()))
    plan = memory_layer("Polygon?crs=EPSG:3009", "plan", [("planid", "string")], [(geometry.asWkt(), ["P2"])])
    row = _profile(run_alg, plan, NEW_SERVICE=False)[0]
    assert row["cells_inside"] == 0 and row["measured_from"] == "representative_point"
    assert row["dagligvaror_full_min_median"] < 1.5
    assert row["dagligvaror_full_inside"] == 0 and row["kontantuttag_inside"] == 0
    assert is_null(row["dagligvaror_full_new_median"])  # NEW_SERVICE=False


def test_profile_outside_extent(run_alg):
    from qgis.core import QgsProcessingException

    plan = memory_layer("Polygon?crs=EPSG:3006", "plan", [("planid", "string")],
                        [(_box(X0 + 90000, Y0, X0 + 91000, Y0 + 1000), ["far"])])
    with pytest.raises(QgsProcessingException, match="outside the road network"):
        _profile(run_alg, plan)


def test_imported_detaljplan_is_profiled(run_alg):
    """The local-zone sample (EPSG:3009) placed over the test town after import: import -> profile."""
    plan = run_alg("importdetaljplan", {"FILE": str(SAMPLES / "plankarta_sweref99_15_00.xml"), "OUTPUT": "memory:",
                                        "OUTPUT_AREAS": "memory:", "OUTPUT_PROPERTIES": "memory:"})["OUTPUT"]
    assert plan.crs().authid() == "EPSG:3009"
    roads, services, origins = line_town()
    from qgis.core import QgsProcessingException

    # The sample lies in Fredriksberg, far from the synthetic town: a clear message, not a crash.
    with pytest.raises(QgsProcessingException, match="outside"):
        run_alg("planareaprofile", network_params(roads, services, origins, {"PLAN_AREA": plan, "OUTPUT": "memory:"}))
