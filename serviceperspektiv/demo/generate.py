"""Write the demo GeoPackage: an ILLUSTRATIVE, deterministic dataset around Fredriksberg.

Nothing here is surveyed geography. The village centre sits at Fredriksberg's real location
(60.140 N, 14.372 E); roads, services and population are synthetic, made to show the plugin:
a through road towards Ludvika (about 60 km by road), local streets, forest roads, one
disconnected island road, services in the village and fuller services in towns 30-60 km away,
and a 250 m population grid with about 700 people in and around the village.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np

VILLAGE = np.array([465120.0, 6667169.0])  # Fredriksberg, EPSG:3006
SEED = 20261127
DISCLAIMER = ("Illustrativa demodata: inte inmätt geografi. Vägar, service och befolkning är påhittade runt "
              "Fredriksbergs verkliga läge. / Illustrative demo data, not surveyed geography.")
AGE_FIELDS = ["age_0_6", "age_7_15", "age_16_19", "age_20_64", "age_65_69", "age_70_79", "age_80_plus"]
AGE_SHARES = np.array([0.06, 0.09, 0.04, 0.50, 0.08, 0.14, 0.09])

# Relative waypoints (metres from the village centre).
ROUTES = {
    # name: (highway, maxspeed, waypoints)
    "Väg mot Ludvika": ("primary", 80, [(600, 0), (8000, 6000), (18000, -4000), (30000, 7000), (40000, -3000),
                                         (45263, 851)]),
    "Väg mot Ort syd": ("secondary", 70, [(-600, 0), (-3000, -8000), (2000, -20000), (-5000, -34000)]),
    "Väg mot Ort nord": ("tertiary", 70, [(0, 400), (-4000, 9000), (-14000, 16000), (-20000, 25000)]),
    "Skogsbilväg Norrberget": ("track", None, [(8000, 6000), (9500, 10000), (8500, 13500)]),
    "Skogsbilväg Västmyren": ("track", None, [(-3000, -8000), (-7000, -9500), (-10500, -8000)]),
    "Skogsbilväg Långtjärn": ("track", None, [(18000, -4000), (19000, -8500)]),
    "Ö-vägen (ej ansluten)": ("unclassified", None, [(6000, -6000), (7500, -6500), (8200, -7600)]),
}
TOWNS = {
    "Ludvika": (45263, 851, 2200),
    "Ort syd": (-5000, -34000, 900),
    "Ort nord": (-20000, 25000, 600),
}
VILLAGE_SERVICES = [
    ("dagligvaror_ovrig", "Fredriksbergs lanthandel (illustrativ)", (120, 40)),
    ("post_paket", "Paketombud i lanthandeln (illustrativ)", (120, 40)),
    ("grundskola", "Fredriksbergs skola (illustrativ)", (-250, 260)),
    ("bibliotek", "Fredriksbergs bibliotek (illustrativ)", (-80, -130)),
]
# What a planner would call each town service (no real brands: the towns are illustrative too).
TOWN_SERVICE_NAMES = {"dagligvaror_full": "Livsmedelsbutik", "dagligvaror_ovrig": "Närbutik", "drivmedel": "Bensinstation",
                      "apotek": "Apotek", "vardcentral": "Vårdcentral", "kontantuttag": "Bankomat",
                      "post_paket": "Paketombud", "grundskola": "Skola", "bibliotek": "Bibliotek"}
TOWN_SERVICE_TYPES = ["dagligvaror_full", "dagligvaror_ovrig", "drivmedel", "apotek", "vardcentral",
                      "kontantuttag", "post_paket", "grundskola", "bibliotek"]
PLAN_AREA = [(250, 250), (650, 250), (650, 520), (250, 520)]  # a new housing area (illustrative)
# Place names as OSM tags them (place=village/town); the towns are illustrative, only the village is real.
PLACES = [("Fredriksberg", "village", (0, -150)), ("Ludvika (illustrativ)", "town", (45263, 1500)),
          ("Ort syd (illustrativ)", "village", (-5000, -33300)), ("Ort nord (illustrativ)", "village", (-20000, 25700))]
# The village as an illustrative tätort polygon, with the columns of SCB's tätorter (WFS stat:Tatorter_<year>):
# the outline is drawn around the demo's own population, not SCB's boundary; bef and area_ha are computed from it.
TATORT = [(-750, -520), (-200, -600), (350, -560), (760, -430), (820, 0), (700, 430), (300, 560), (-250, 520),
          (-700, 380), (-820, 0)]
TATORT_NOTE = ("Tätortsgränsen är illustrativ, ritad runt demodatans befolkning – inte SCB:s avgränsning. / "
               "The urban-area outline is illustrative, not SCB's boundary.")
LAYERS = ("roads", "services", "population", "plan_area", "places", "tatorter")


def densify(points: list[tuple[float, float]], step: float, rng: np.random.Generator, wiggle: float) -> np.ndarray:
    """Polyline through the waypoints with a vertex every ``step`` m and a gentle lateral wiggle."""
    out = [np.asarray(points[0], float)]
    for a, b in zip(points[:-1], points[1:]):
        a, b = np.asarray(a, float), np.asarray(b, float)
        n = max(1, int(np.linalg.norm(b - a) // step))
        normal = np.array([-(b - a)[1], (b - a)[0]]) / max(np.linalg.norm(b - a), 1e-9)
        for i in range(1, n + 1):
            t = i / n
            offset = 0.0 if i == n else wiggle * np.sin(np.pi * t) * rng.uniform(-1, 1)
            out.append(a + (b - a) * t + normal * offset)
    return np.asarray(out)


def grid_streets(center: tuple[float, float], half_x: int, half_y: int, spacing: int) -> list[np.ndarray]:
    """A street grid split at every crossing, so that crossings share vertices (are junctions)."""
    cx, cy = center
    lines = []
    for y in range(-half_y, half_y + 1, spacing):
        for x in range(-half_x, half_x, spacing):
            lines.append(np.array([(cx + x, cy + y), (cx + x + spacing, cy + y)], float))
    for x in range(-half_x, half_x + 1, spacing):
        for y in range(-half_y, half_y, spacing):
            lines.append(np.array([(cx + x, cy + y), (cx + x, cy + y + spacing)], float))
    return lines


def build(rng: np.random.Generator):
    roads = []  # (coords relative, highway, maxspeed, oneway, name)
    for name, (highway, speed, waypoints) in ROUTES.items():
        roads.append((densify(waypoints, 250, rng, 60), highway, speed, None, name))
    # Village streets: the through road is 50 km/h inside the village.
    roads.append((np.array([(x, 0) for x in range(-600, 601, 200)], float), "secondary", 50, None, "Bygatan"))
    for line in grid_streets((0, 0), 600, 400, 200):
        if abs(line[0, 1]) < 1e-9 and abs(line[1, 1]) < 1e-9:
            continue  # that row is Bygatan
        oneway = "yes" if abs(line[0, 1] - 400) < 1e-9 and line[0, 1] == line[1, 1] else None
        roads.append((line, "residential", 30 if oneway else None, oneway, "Enkelriktad gata" if oneway else "Bygata"))
    for town, (tx, ty, _) in TOWNS.items():
        for line in grid_streets((tx, ty), 600, 600, 300):
            roads.append((line, "residential", 40, None, f"Gata i {town}"))

    services = [(t, n, xy) for t, n, xy in VILLAGE_SERVICES]
    for town, (tx, ty, _) in TOWNS.items():
        for i, service_type in enumerate(TOWN_SERVICE_TYPES):
            angle = 2 * np.pi * i / len(TOWN_SERVICE_TYPES)
            xy = (tx + 250 * np.cos(angle), ty + 250 * np.sin(angle))
            services.append((service_type, f"{TOWN_SERVICE_NAMES[service_type]} {town} (illustrativ)", xy))

    cells: dict[tuple[int, int], float] = {}

    def add_people(xy, people):
        key = (int(np.floor((VILLAGE[0] + xy[0]) / 250)), int(np.floor((VILLAGE[1] + xy[1]) / 250)))
        cells[key] = cells.get(key, 0.0) + people

    # Village: about 700 people, denser in the centre.
    village_points = rng.normal(0, 380, size=(700, 2))
    for xy in village_points:
        add_people(xy, 1.0)
    for tx, ty, people in TOWNS.values():
        for xy in rng.normal(0, 450, size=(people, 2)):
            add_people((tx + xy[0], ty + xy[1]), 1.0)
    # Scattered rural households along the roads, where the gaps are.
    for coords, highway, _, _, name in roads:
        if name.startswith(("Gata", "Bygata", "Enkelriktad", "Bygatan")):
            continue
        length = np.cumsum(np.r_[0, np.hypot(*np.diff(coords, axis=0).T)])
        for d in np.arange(1500, length[-1] - 800, 2200 if highway != "track" else 1200):
            i = np.searchsorted(length, d) - 1
            t = (d - length[i]) / max(length[i + 1] - length[i], 1e-9)
            p = coords[i] + (coords[i + 1] - coords[i]) * t
            side = rng.uniform(80, 500) * rng.choice([-1, 1])
            add_people((p[0] + side, p[1] + rng.uniform(-200, 200)), float(rng.integers(2, 18)))
    return roads, services, cells


def split_ages(pop: int, rng: np.random.Generator) -> list[int]:
    raw = AGE_SHARES * pop
    counts = np.floor(raw).astype(int)
    for i in np.argsort(-(raw - counts))[: pop - counts.sum()]:
        counts[i] += 1
    return counts.tolist()


def write(out: Path) -> str:
    """Write the GeoPackage (atomically: a temporary file renamed at the end); QGIS must be running."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsFeature,
        QgsField,
        QgsGeometry,
        QgsPointXY,
        QgsProject,
        QgsVectorFileWriter,
        QgsVectorLayer,
    )

    from ..adapters import fieldtypes as ft

    rng = np.random.default_rng(SEED)
    roads, services, cells = build(rng)
    crs = QgsCoordinateReferenceSystem("EPSG:3006")

    def layer(kind: str, name: str, fields: list[tuple[str, object]]):
        lyr = QgsVectorLayer(f"{kind}?crs=EPSG:3006", name, "memory")
        lyr.dataProvider().addAttributes([QgsField(n, t) for n, t in fields])
        lyr.updateFields()
        return lyr

    road_layer = layer("LineString", "roads", [("name", ft.STRING), ("highway", ft.STRING), ("maxspeed", ft.INT),
                                                ("oneway", ft.STRING)])
    features = []
    for coords, highway, speed, oneway, name in roads:
        f = QgsFeature(road_layer.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*(VILLAGE + c)) for c in coords]))
        f.setAttributes([name, highway, speed, oneway])
        features.append(f)
    road_layer.dataProvider().addFeatures(features)

    service_layer = layer("Point", "services", [("name", ft.STRING), ("type", ft.STRING)])
    features = []
    for service_type, name, xy in services:
        f = QgsFeature(service_layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*(VILLAGE + np.asarray(xy)))))
        f.setAttributes([name, service_type])
        features.append(f)
    service_layer.dataProvider().addFeatures(features)

    pop_layer = layer("Polygon", "population", [("rut_id", ft.STRING), ("pop", ft.INT)] + [(a, ft.INT) for a in AGE_FIELDS])
    features = []
    for (ix, iy), people in sorted(cells.items()):
        pop = int(round(people))
        if pop <= 0:
            continue
        x0, y0 = ix * 250, iy * 250
        f = QgsFeature(pop_layer.fields())
        x1, y1 = x0 + 250, y0 + 250
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"))
        f.setAttributes([f"{x0}_{y0}", pop] + split_ages(pop, rng))
        features.append(f)
    pop_layer.dataProvider().addFeatures(features)

    plan_layer = layer("Polygon", "plan_area", [("planid", ft.STRING), ("plannamn", ft.STRING)])
    f = QgsFeature(plan_layer.fields())
    ring = ",".join(f"{VILLAGE[0] + x} {VILLAGE[1] + y}" for x, y in PLAN_AREA + [PLAN_AREA[0]])
    f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({ring}))"))
    f.setAttributes(["DEMO-DP-1", "Detaljplan för bostäder vid Bygatan (illustrativ)"])
    plan_layer.dataProvider().addFeatures([f])

    place_layer = layer("Point", "places", [("name", ft.STRING), ("place", ft.STRING)])
    features = []
    for name, place, xy in PLACES:
        f = QgsFeature(place_layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*(VILLAGE + np.asarray(xy, float)))))
        f.setAttributes([name, place])
        features.append(f)
    place_layer.dataProvider().addFeatures(features)

    tatort_layer = layer("Polygon", "tatorter", [("tatortskod", ft.STRING), ("tatort", ft.STRING), ("kommun", ft.STRING),
                                                  ("kommunnamn", ft.STRING), ("lan", ft.STRING), ("bef", ft.INT),
                                                  ("area_ha", ft.DOUBLE)])
    ring = ",".join(f"{VILLAGE[0] + x} {VILLAGE[1] + y}" for x, y in TATORT + [TATORT[0]])
    outline = QgsGeometry.fromWkt(f"POLYGON(({ring}))")
    inside = sum(cell["pop"] for cell in pop_layer.getFeatures() if outline.contains(cell.geometry().centroid()))
    f = QgsFeature(tatort_layer.fields())
    f.setGeometry(outline)
    f.setAttributes(["DEMO-T1", "Fredriksberg", "2085", "Ludvika", "20", int(inside), round(outline.area() / 1e4, 1)])
    tatort_layer.dataProvider().addFeatures([f])

    out.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(suffix=".gpkg", dir=str(out.parent))
    os.close(handle)
    os.remove(tmp_name)
    context = QgsProject.instance().transformContext()
    for i, lyr in enumerate([road_layer, service_layer, pop_layer, plan_layer, place_layer, tatort_layer]):
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = lyr.name()
        options.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile if i == 0
                                        else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer)
        result = QgsVectorFileWriter.writeAsVectorFormatV3(lyr, tmp_name, context, options)
        if result[0] != QgsVectorFileWriter.WriterError.NoError:
            raise OSError(f"could not write {lyr.name()}: {result}")
    for name in LAYERS:
        saved = QgsVectorLayer(f"{tmp_name}|layername={name}", name, "ogr")
        metadata = saved.metadata()
        metadata.setTitle(f"Demo: {name} (illustrativ)")
        metadata.setAbstract(DISCLAIMER + (" " + TATORT_NOTE if name == "tatorter" else ""))
        metadata.setRights([DISCLAIMER])
        saved.setMetadata(metadata)
        saved.saveDefaultMetadata()
        del saved
    os.replace(tmp_name, out)
    assert crs.isValid()
    return (f"demo data: {out} ({len(roads)} roads, {len(services)} services, {len(pop_layer.allFeatureIds())} "
            f"population cells, {sum(int(round(v)) for v in cells.values())} people)")
