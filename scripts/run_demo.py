#!/usr/bin/env python3
"""The main job: the whole chain, headless, on the bundled (illustrative) demo data.

Writes out/demo/serviceperspektiv_demo.gpkg (inputs + results), out/demo/serviceperspektiv_demo.pdf
and prints a summary: population per travel-time class and service type.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CLASSES = [(0, 5, "< 5"), (5, 10, "5-10"), (10, 20, "10-20"), (20, 30, "20-30"), (30, float("inf"), "> 30")]
FOOTNOTE = ("Illustrativa demodata runt Fredriksberg – inte inmätt geografi. "
            "Illustrative demo data, not surveyed geography.")


def start_qgis():
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from serviceperspektiv.i18n import install_translator
    from serviceperspektiv.processing.provider import ServiceperspektivProvider

    install_translator("sv")
    provider = ServiceperspektivProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


class LogFeedback:
    """Processing feedback that prints warnings and errors only (the demo stays readable)."""

    def __new__(cls):
        from qgis.core import QgsProcessingFeedback

        class _Feedback(QgsProcessingFeedback):
            def pushWarning(self, text):  # noqa: N802
                print(f"  ! {text}")

            def reportError(self, text, fatalError=False):  # noqa: N802
                print(f"  ERROR: {text}")

        return _Feedback()


def copy_layer(src_uri: str, gpkg: Path, name: str) -> None:
    from qgis.core import QgsProject, QgsVectorFileWriter, QgsVectorLayer

    layer = QgsVectorLayer(src_uri, name, "ogr")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.actionOnExistingFile = (QgsVectorFileWriter.CreateOrOverwriteLayer if gpkg.exists()
                                    else QgsVectorFileWriter.CreateOrOverwriteFile)
    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(gpkg), QgsProject.instance().transformContext(), options)
    if error[0] != QgsVectorFileWriter.NoError:
        raise SystemExit(f"could not write {name}: {error}")
    copied = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    copied.setMetadata(layer.metadata())
    copied.saveDefaultMetadata()


def summarise(layer, population_field: str, type_keys: list[str]) -> list[str]:
    """Population per travel-time class and type (the Tillväxtverket classes)."""
    import math

    totals = {k: [0.0] * (len(CLASSES) + 1) for k in type_keys}
    all_people = 0.0
    for feature in layer.getFeatures():
        people = float(feature[population_field] or 0)
        all_people += people
        for key in type_keys:
            value = feature[f"{key}_min"]
            if value is None or str(value) == "NULL" or (isinstance(value, float) and math.isnan(value)):
                totals[key][-1] += people
                continue
            for i, (lo, hi, _) in enumerate(CLASSES):
                if lo <= float(value) < hi:
                    totals[key][i] += people
                    break
    header = f"{'typ':<20}" + "".join(f"{label + ' min':>11}" for _, _, label in CLASSES) + f"{'ej nåbar':>10}"
    lines = [f"Befolkning per restidsklass med bil (totalt {all_people:.0f} personer)", header]
    for key in type_keys:
        lines.append(f"{key:<20}" + "".join(f"{v:>11.0f}" for v in totals[key][:-1]) + f"{totals[key][-1]:>10.0f}")
        assert abs(sum(totals[key]) - all_people) < 1e-6  # every person is in exactly one class
    return lines


def style_travel_time(layer, field: str) -> None:
    """Graduated classes <5, 5-10, 10-20, 20-30, >30 min in a colour-blind-safe ramp (viridis)."""
    from qgis.core import QgsFillSymbol, QgsGraduatedSymbolRenderer, QgsRendererRange

    colours = ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"]
    ranges = []
    for (lo, hi, label), colour in zip(CLASSES, colours):
        symbol = QgsFillSymbol.createSimple({"color": colour, "outline_style": "no"})
        ranges.append(QgsRendererRange(lo, 1e9 if hi == float("inf") else hi, symbol, f"{label} min"))
    layer.setRenderer(QgsGraduatedSymbolRenderer(field, ranges))


def export_pdf(gpkg: Path, pdf: Path, grocery_field: str) -> None:
    from qgis.core import (
        Qgis,
        QgsCoordinateReferenceSystem,
        QgsLayoutExporter,
        QgsLayoutItemLabel,
        QgsLayoutItemLegend,
        QgsLayoutItemMap,
        QgsLayoutItemPicture,
        QgsLayoutItemScaleBar,
        QgsLayoutPoint,
        QgsLayoutSize,
        QgsPrintLayout,
        QgsProject,
        QgsRenderContext,
        QgsUnitTypes,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtGui import QFont

    from serviceperspektiv.layouts.compat import enum

    project = QgsProject.instance()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:3006"))
    result = QgsVectorLayer(f"{gpkg}|layername=nearest_service", "Restid till dagligvaror (min)", "ogr")
    style_travel_time(result, grocery_field)
    roads = QgsVectorLayer(f"{gpkg}|layername=roads", "Vägar", "ogr")
    services = QgsVectorLayer(f"{gpkg}|layername=services", "Serviceställen", "ogr")
    for layer in (result, roads, services):
        project.addMapLayer(layer)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("Serviceperspektiv demo")
    page = layout.pageCollection().page(0)
    page.setPageSize("A4", page.Landscape)

    def label(text: str, x: float, y: float, w: float, h: float, size: int, bold: bool = False):
        item = QgsLayoutItemLabel(layout)
        item.setText(text)
        font = QFont("DejaVu Sans", size)
        font.setBold(bold)
        item.setFont(font)
        layout.addLayoutItem(item)
        item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters))
        item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))
        return item

    label("Restid med bil till närmaste dagligvarubutik (fullsortiment)", 10, 6, 270, 10, 16, True)
    label("Fredriksberg, Ludvika kommun – demonstration av Serviceperspektiv", 10, 15, 270, 7, 10)
    map_item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(map_item)
    map_item.attemptMove(QgsLayoutPoint(10, 24, QgsUnitTypes.LayoutMillimeters))
    map_item.attemptResize(QgsLayoutSize(205, 160, QgsUnitTypes.LayoutMillimeters))
    map_item.setLayers([services, roads, result])
    extent = result.extent()
    extent.combineExtentWith(roads.extent())
    extent.scale(1.05)
    map_item.setCrs(result.crs())
    # Widen the extent to the item's aspect ratio: setExtent would otherwise resize the item.
    aspect = 205.0 / 160.0
    if extent.width() / extent.height() < aspect:
        grow = (extent.height() * aspect - extent.width()) / 2
        extent.setXMinimum(extent.xMinimum() - grow)
        extent.setXMaximum(extent.xMaximum() + grow)
    else:
        grow = (extent.width() / aspect - extent.height()) / 2
        extent.setYMinimum(extent.yMinimum() - grow)
        extent.setYMaximum(extent.yMaximum() + grow)
    map_item.setExtent(extent)
    map_item.setFrameEnabled(True)

    legend = QgsLayoutItemLegend(layout)
    legend.setTitle("Teckenförklaring")
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()
    for layer in (result, services, roads):
        root.addLayer(layer)
    layout.addLayoutItem(legend)
    legend.adjustBoxSize()
    legend.attemptMove(QgsLayoutPoint(220, 24, QgsUnitTypes.LayoutMillimeters))

    scale = QgsLayoutItemScaleBar(layout)
    layout.addLayoutItem(scale)
    scale.setLinkedMap(map_item)
    scale.applyDefaultSettings()
    scale.setStyle("Single Box")
    scale.setUnits(QgsUnitTypes.DistanceKilometers)
    scale.setUnitLabel("km")
    scale.setUnitsPerSegment(5)
    scale.setNumberOfSegments(4)
    scale.setNumberOfSegmentsLeft(0)
    scale.update()
    scale.attemptMove(QgsLayoutPoint(14, 170, QgsUnitTypes.LayoutMillimeters))

    arrow = QgsLayoutItemPicture(layout)
    arrow.setPicturePath(str(Path("/usr/share/qgis/svg/arrows/NorthArrow_02.svg")))
    layout.addLayoutItem(arrow)
    arrow.attemptMove(QgsLayoutPoint(200, 26, QgsUnitTypes.LayoutMillimeters))
    arrow.attemptResize(QgsLayoutSize(12, 12, QgsUnitTypes.LayoutMillimeters))

    label("Källor: " + FOOTNOTE + " Beräknat med Serviceperspektiv (QGIS). Bakgrundsdata: © OpenStreetMap "
          "contributors gäller för OSM-data när sådana används.", 10, 192, 275, 12, 7)
    exporter = QgsLayoutExporter(layout)
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = True
    # QGIS 3.40+ turns label items into outlines unless told otherwise; keep searchable text.
    settings.textRenderFormat = enum((Qgis, "TextRenderFormat", "AlwaysText"), QgsRenderContext,
                                     "TextFormatAlwaysText")
    status = exporter.exportToPdf(str(pdf), settings)
    if status != QgsLayoutExporter.Success:
        raise SystemExit(f"PDF export failed ({status})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "resources" / "demo" / "fredriksberg_demo.gpkg")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "demo")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"demo data missing: {args.data} (run: make demo-data)")
    app, provider = start_qgis()
    import processing
    from qgis.core import QgsVectorLayer

    work = Path(tempfile.mkdtemp(prefix="serviceperspektiv-demo-"))
    gpkg = work / "serviceperspektiv_demo.gpkg"
    data = str(args.data)
    for name in ("roads", "services", "population", "plan_area"):
        copy_layer(f"{data}|layername={name}", gpkg, name)
    print("Serviceperspektiv demo (illustrativa data runt Fredriksberg)")
    print("1/3 Restid till närmaste service (serviceperspektiv:nearestservice) ...")
    result = processing.run("serviceperspektiv:nearestservice", {
        "ROADS": f"{gpkg}|layername=roads", "CLASS_FIELD": "highway", "SPEED_FIELD": "maxspeed",
        "ONEWAY_FIELD": "oneway", "MODE": 0, "SERVICES": f"{gpkg}|layername=services", "TYPE_FIELD": "type",
        "ORIGINS": f"{gpkg}|layername=population", "POPULATION_FIELD": "pop",
        "OUTPUT": f"ogr:dbname='{gpkg}' table=\"nearest_service\" (geom)",
    }, feedback=LogFeedback())
    nearest = QgsVectorLayer(f"{gpkg}|layername=nearest_service", "nearest", "ogr")
    if not nearest.isValid():
        raise SystemExit(f"nearestservice wrote no layer: {result}")
    keys = sorted({f.name()[:-4] for f in nearest.fields() if f.name().endswith("_min")})
    summary = summarise(nearest, "pop", keys)

    print("2/3 PDF-karta ...")
    pdf = work / "serviceperspektiv_demo.pdf"
    export_pdf(gpkg, pdf, "dagligvaror_full_min")

    extra: list[str] = []
    analysis = ROOT / "scripts" / "demo_analysis.py"
    if analysis.exists():
        print("3/3 Serviceglapp, scenario, planområde och rapport ...")
        import demo_analysis

        extra = demo_analysis.run(gpkg, f"{gpkg}|layername=nearest_service", work)

    args.out.mkdir(parents=True, exist_ok=True)
    for item in work.iterdir():
        target = args.out / item.name
        if target.is_dir():
            shutil.rmtree(target)
        shutil.move(str(item), str(target))
    shutil.rmtree(work, ignore_errors=True)
    print()
    print("\n".join(summary))
    if extra:
        print()
        print("\n".join(line.replace(str(work), str(args.out)) for line in extra))
    print()
    print(f"Skrivet: {args.out / gpkg.name}")
    print(f"Skrivet: {args.out / pdf.name}")
    print(FOOTNOTE)
    del provider, app  # the process ends with os._exit: QGIS teardown from PyQt can crash


if __name__ == "__main__":
    main()
    # PyQt's teardown of QGIS objects after exitQgis() can crash; all output is written by now.
    sys.stdout.flush()
    os._exit(0)
