"""Writes the QML styles of the result layers (run once with PyQGIS; the .qml files are committed).

Colours: viridis/magma-like sequential ramps and a blue-orange diverging ramp, all colour-blind
safe; 'no change' and 'no service' are neutral greys. Legend labels are Swedish.
"""
from __future__ import annotations

import sys
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRendererRange,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from serviceperspektiv.adapters.resources import styles_dir  # noqa: E402 - needs the checkout on sys.path

HERE = styles_dir()  # the styles ship in serviceperspektiv/resources/styles/


def symbol(kind: str, colour: str, opacity: float = 1.0):
    if kind == "point":
        s = QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "size": "2.4", "outline_color": "#333333",
                                          "outline_width": "0.1"})
    else:
        s = QgsFillSymbol.createSimple({"color": colour, "outline_color": "#4d4d4d", "outline_width": "0.1"})
    s.setOpacity(opacity)
    return s


def graduated(layer, field: str, ranges, kind: str, opacity: float = 1.0):
    items = [QgsRendererRange(lo, hi, symbol(kind, colour, opacity), label) for lo, hi, colour, label in ranges]
    layer.setRenderer(QgsGraduatedSymbolRenderer(field, items))


def label(layer, expression: str) -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    text = QgsTextFormat()
    text.setSize(9)
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


GAPS = [(0.5, 1.5, "#fcfdbf", "Saknar 1 servicetyp"), (1.5, 2.5, "#fc8961", "Saknar 2 servicetyper"),
        (2.5, 4.5, "#b73779", "Saknar 3–4 servicetyper"), (4.5, 99, "#51127c", "Saknar 5 eller fler servicetyper")]
DELTA = [(-999, -5, "#2166ac", "Kortare restid, mer än 5 min"), (-5, -1, "#92c5de", "Kortare restid, 1–5 min"),
         (-1, 1, "#d9d9d9", "I stort sett oförändrad (±1 min)"), (1, 5, "#fdb863", "Längre restid, 1–5 min"),
         (5, 999, "#b35806", "Längre restid, mer än 5 min")]
TRAVEL = [(0, 5, "#fde725", "< 5 min"), (5, 10, "#5ec962", "5–10 min"), (10, 20, "#21918c", "10–20 min"),
          (20, 30, "#3b528b", "20–30 min"), (30, 9999, "#440154", "> 30 min")]


def main() -> None:
    app = QgsApplication([], False)
    app.initQgis()
    for kind, uri in (("polygon", "Polygon?crs=EPSG:3006"), ("point", "Point?crs=EPSG:3006")):
        suffix = "" if kind == "polygon" else "_point"
        layer = QgsVectorLayer(uri + "&field=n_gaps:integer&field=gap_types:string", "x", "memory")
        graduated(layer, "n_gaps", GAPS, kind, 0.85)
        layer.saveNamedStyle(str(HERE / f"servicegaps{suffix}.qml"))
        layer = QgsVectorLayer(uri + "&field=max_delta_min:double", "x", "memory")
        graduated(layer, "max_delta_min", DELTA, kind, 0.85)
        layer.saveNamedStyle(str(HERE / f"scenario{suffix}.qml"))
        # Travel-time classes for nearest-service results: the expression picks the first *_min field
        # at load time is not possible in QML, so this style classifies a 'min' field the GUI can set.
        layer = QgsVectorLayer(uri + "&field=min:double", "x", "memory")
        graduated(layer, "min", TRAVEL, kind, 0.85)
        layer.saveNamedStyle(str(HERE / f"traveltime{suffix}.qml"))
    # Catchments: cumulative bands, semi-transparent, the shortest band drawn on top.
    layer = QgsVectorLayer("Polygon?crs=EPSG:3006&field=band_min:double&field=type:string", "x", "memory")
    bands = [(0, 5, "#fde725", "Inom 5 min"), (5, 10, "#5ec962", "Inom 10 min"), (10, 20, "#21918c", "Inom 20 min"),
             (20, 30, "#3b528b", "Inom 30 min"), (30, 9999, "#440154", "Inom mer än 30 min")]
    graduated(layer, "band_min", bands, "polygon", 0.45)
    renderer = layer.renderer()
    for level, item in enumerate(renderer.ranges()):
        item.symbol().symbolLayer(0).setRenderingPass(len(bands) - level)
    renderer.setUsingSymbolLevels(True)
    layer.saveNamedStyle(str(HERE / "catchments.qml"))
    # Allocation (underlag): service points sized by the population that has them as nearest.
    layer = QgsVectorLayer("Point?crs=EPSG:3006&field=population:double&field=name:string", "x", "memory")
    sizes = [(0, 50, 2.0, "Under 50 inv."), (50, 250, 3.2, "50–250 inv."), (250, 1000, 4.6, "250–1 000 inv."),
             (1000, 1e9, 6.2, "Över 1 000 inv.")]
    items = []
    for lo, hi, size, text in sizes:
        marker = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#21918c", "size": str(size),
                                               "outline_color": "#ffffff", "outline_width": "0.3"})
        items.append(QgsRendererRange(lo, hi, marker, text))
    layer.setRenderer(QgsGraduatedSymbolRenderer("population", items))
    label(layer, "format_number(coalesce(\"population\", 0), 0) || ' inv.'")
    layer.saveNamedStyle(str(HERE / "allocation_point.qml"))
    layer = QgsVectorLayer("Polygon?crs=EPSG:3006&field=population:double&field=type:string", "x", "memory")
    fill = QgsFillSymbol.createSimple({"color": "#fde725", "outline_color": "#3b528b", "outline_width": "0.4"})
    fill.setOpacity(0.35)
    layer.setRenderer(QgsSingleSymbolRenderer(fill))
    label(layer, "format_number(coalesce(\"population\", 0), 0) || ' inv.'")
    layer.saveNamedStyle(str(HERE / "allocation_areas.qml"))
    layer = QgsVectorLayer("Polygon?crs=EPSG:3006&field=planid:string&field=population_inside:double", "x", "memory")
    fill = QgsFillSymbol.createSimple({"color": "#21918c", "outline_color": "#21918c", "outline_width": "0.6"})
    fill.setOpacity(0.35)  # catchment-like areas are semi-transparent so the map below shows
    layer.setRenderer(QgsSingleSymbolRenderer(fill))
    label(layer, "coalesce(\"planid\", '') || '\\n' || format_number(coalesce(\"population_inside\", 0), 0) || ' inv.'")
    layer.saveNamedStyle(str(HERE / "planareaprofile.qml"))
    layer = QgsVectorLayer("Polygon?crs=EPSG:3006&field=planid:string&field=plannamn:string", "x", "memory")
    outline = QgsFillSymbol.createSimple({"style": "no", "outline_color": "#440154", "outline_width": "0.8",
                                          "outline_style": "dash"})
    layer.setRenderer(QgsSingleSymbolRenderer(outline))
    label(layer, "'Planområde ' || coalesce(\"planid\", '')")
    layer.saveNamedStyle(str(HERE / "plan_area.qml"))
    # Detaljplan land use: labelled with the beteckningar (R;S), or the formulation when a 4.1 plan has none.
    layer = QgsVectorLayer("Polygon?crs=EPSG:3006&field=beteckning:string&field=formulering:string", "x", "memory")
    fill = QgsFillSymbol.createSimple({"color": "#fde725", "outline_color": "#3b528b", "outline_width": "0.3"})
    fill.setOpacity(0.4)
    layer.setRenderer(QgsSingleSymbolRenderer(fill))
    label(layer, "coalesce(\"beteckning\", \"formulering\")")
    layer.saveNamedStyle(str(HERE / "plan_landuse.qml"))
    # Property and administrative areas: hatched outlines only, so the land use below stays readable.
    layer = QgsVectorLayer("Polygon?crs=EPSG:3006&field=beteckning:string&field=roll:string", "x", "memory")
    hatch = QgsFillSymbol.createSimple({"style": "b_diagonal", "color": "#3b528b", "outline_color": "#3b528b",
                                        "outline_width": "0.3", "outline_style": "dot"})
    hatch.setOpacity(0.6)
    layer.setRenderer(QgsSingleSymbolRenderer(hatch))
    label(layer, "coalesce(\"beteckning\", '')")
    layer.saveNamedStyle(str(HERE / "plan_properties.qml"))
    app.exitQgis()


if __name__ == "__main__":
    main()
