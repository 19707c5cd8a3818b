"""Small synthetic layers shared by the analysis tests (not a test module itself)."""
from __future__ import annotations

from typing import Optional


def memory_layer(uri: str, name: str, fields: list[tuple[str, str]], rows: list[tuple[str, list]]):
    """rows: (WKT, attribute values)."""
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer

    from serviceperspektiv.adapters import fieldtypes as ft

    kinds = {"int": ft.INT, "double": ft.DOUBLE, "string": ft.STRING}
    layer = QgsVectorLayer(uri, name, "memory")
    provider = layer.dataProvider()
    provider.addAttributes([QgsField(n, kinds[k]) for n, k in fields])
    layer.updateFields()
    features = []
    for wkt, values in rows:
        feature = QgsFeature(layer.fields())
        if wkt:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(values)
        features.append(feature)
    provider.addFeatures(features)
    layer.updateExtents()
    return layer


X0, Y0 = 500000.0, 6600000.0


def line_town(crs: str = "EPSG:3006"):
    """A 10 km straight road at 60 km/h (1 km per minute) with a spur; services at both ends.

    Origins every km along the road, population 10 each; one origin far off the network.
    """
    roads = memory_layer(f"LineString?crs={crs}", "roads", [("maxspeed", "double"), ("highway", "string")], [
        (f"LINESTRING({X0} {Y0}, {X0 + 10000} {Y0})", [60.0, "primary"]),
        (f"LINESTRING({X0 + 5000} {Y0}, {X0 + 5000} {Y0 + 3000})", [60.0, "primary"]),
    ])
    services = memory_layer(f"Point?crs={crs}", "services", [("type", "string"), ("name", "string")], [
        (f"POINT({X0} {Y0})", ["dagligvaror_ovrig", "Affären Väst"]),
        (f"POINT({X0 + 10000} {Y0})", ["dagligvaror_full", "Fredriksberg Livs"]),
        (f"POINT({X0 + 9000} {Y0})", ["kontantuttag", "Bankomat"]),
    ])
    rows = []
    for i in range(11):
        rows.append((f"POINT({X0 + 1000 * i} {Y0 + 10})", [10.0, 1.0 if i % 2 else None, 2.0]))
    rows.append((f"POINT({X0 + 5000} {Y0 + 50000})", [7.0, 1.0, 1.0]))  # far away: unreachable
    origins = memory_layer(f"Point?crs={crs}", "origins",
                           [("pop", "double"), ("age_65_69", "double"), ("age_70_79", "double")], rows)
    return roads, services, origins


def network_params(roads, services, origins, extra: Optional[dict] = None) -> dict:
    params = {"ROADS": roads, "SPEED_FIELD": "maxspeed", "CLASS_FIELD": "highway", "SERVICES": services,
              "TYPE_FIELD": "type", "ORIGINS": origins, "POPULATION_FIELD": "pop", "MODE": 0}
    params.update(extra or {})
    return params
