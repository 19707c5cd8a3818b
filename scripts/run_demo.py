#!/usr/bin/env python3
"""The main job: the whole chain, headless, on the bundled (illustrative) demo data.

Runs the same algorithms as the panel and the toolbox, loads their results the way the toolbox
does (the algorithms' own style, name and group), and makes the PDF with the same layout builder
(serviceperspektiv:exportmap). Writes out/demo/serviceperspektiv_demo.gpkg (inputs + results),
out/demo/serviceperspektiv_demo.pdf, the project and the report, the nulägesanalys of Fredriksberg
(out/demo/nulagesanalys*.gpkg, nulagesanalys.html with its map), and prints a summary: population
per travel-time class and service type, in the classes of serviceperspektiv/definitions.py, and the
nulägesanalys in one sentence.
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
from serviceperspektiv.adapters.resources import demo_gpkg  # noqa: E402 - needs ROOT on sys.path

FOOTNOTE = ("Illustrativa demodata runt Fredriksberg – inte inmätt geografi. "
            "Illustrative demo data, not surveyed geography.")
TITLE = "Restid med bil till närmaste dagligvarubutik"
MAP_MARGIN_M = 9000.0  # the map shows the village and the roads around it


def start_qgis():
    from qgis.core import QgsApplication

    app = QgsApplication([], True)  # layouts need the GUI classes (offscreen platform)
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
    options.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer if gpkg.exists()
                                    else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile)
    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(gpkg), QgsProject.instance().transformContext(), options)
    if error[0] != QgsVectorFileWriter.WriterError.NoError:
        raise SystemExit(f"could not write {name}: {error}")
    copied = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    copied.setMetadata(layer.metadata())
    copied.saveDefaultMetadata()


def summarise(layer, population_field: str, type_keys: list[str]) -> list[str]:
    """Population per travel-time class and type, in the plugin's classes (definitions.py)."""
    import numpy as np

    from serviceperspektiv import definitions as d
    from serviceperspektiv.adapters.layers import is_null
    from serviceperspektiv.core.statistics import class_labels, class_table

    features = list(layer.getFeatures())
    people = np.array([float(f[population_field] or 0) for f in features])
    labels = class_labels(d.DEFAULT_CLASS_LIMITS)
    header = f"{'typ':<20}" + "".join(f"{label + ' min':>11}" for label in labels) + f"{'ej nåbar':>10}"
    lines = [f"Befolkning per restidsklass med bil (totalt {people.sum():.0f} personer)", header]
    for key in type_keys:
        minutes = np.array([np.nan if is_null(f[f"{key}_min"]) else float(f[f"{key}_min"]) for f in features])
        rows = class_table(minutes, people, d.DEFAULT_CLASS_LIMITS)
        assert abs(sum(r.population for r in rows) - people.sum()) < 1e-6  # every person in exactly one class
        lines.append(f"{key:<20}" + "".join(f"{r.population:>11.0f}" for r in rows[:-1]) + f"{rows[-1].population:>10.0f}")
    return lines


def load_inputs(gpkg: Path) -> dict:
    """The demo layers in the project, tagged with their roles as the panel tags them."""
    from qgis.core import QgsProject, QgsVectorLayer

    from serviceperspektiv import definitions as d

    layers = {}
    for name, title, role in (("roads", "Vägar", "roads"), ("services", "Servicepunkter", "services"),
                              ("plan_area", "Planområde", "plan"), ("places", "Ortnamn", ""),
                              ("tatorter", "Tätorter", "places")):
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", title, "ogr")
        if role:
            layer.setCustomProperty(d.PROP_ROLE, role)
        QgsProject.instance().addMapLayer(layer)
        layers[name] = layer
    return layers


def place_analysis(inputs: dict, gpkg: Path, work: Path) -> list[str]:
    """The nulägesanalys of the demo's (illustrative) tätort Fredriksberg, as the panel's step runs it: the table,
    the service points and the report with its map in ``work``; returns the summary lines (Swedish)."""
    import processing
    from qgis.core import QgsVectorLayer

    from serviceperspektiv.adapters.resultstyle import capital_type_label
    from serviceperspektiv.processing.algorithms.placeanalysis import place_analysis_parameters
    from serviceperspektiv.processing.summaries import place_sentence, place_summaries

    params = place_analysis_parameters(
        inputs["tatorter"].id(), inputs["roads"].id(), inputs["services"].id(), f"{gpkg}|layername=population", "pop",
        work, type_field="type", speed_field="maxspeed", class_field="highway", oneway_field="oneway",
        name_field="tatort")
    results = processing.runAndLoadResults("serviceperspektiv:placeanalysis", params, feedback=LogFeedback())
    table = QgsVectorLayer(results["OUTPUT"], "nulagesanalys", "ogr")
    if not table.isValid() or not Path(results.get("OUTPUT_HTML", "")).is_file():
        raise SystemExit("placeanalysis wrote no table or report")
    lines = [f"Nulägesanalys (illustrativa data): {place_sentence(s, capital_type_label)}" for s in place_summaries(table)]
    return lines + [f"Skrivet: {results['OUTPUT']}", f"Skrivet: {results['OUTPUT_HTML']} (med karta)"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=demo_gpkg())
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "demo")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"demo data missing: {args.data} (run: make demo-data)")
    app, provider = start_qgis()
    import processing
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject

    work = Path(tempfile.mkdtemp(prefix="serviceperspektiv-demo-"))
    gpkg = work / "serviceperspektiv_demo.gpkg"
    data = str(args.data)
    for name in ("roads", "services", "population", "plan_area", "places", "tatorter"):
        copy_layer(f"{data}|layername={name}", gpkg, name)
    project = QgsProject.instance()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:3006"))
    inputs = load_inputs(gpkg)
    print("Serviceperspektiv demo (illustrativa data runt Fredriksberg)")
    print("1/4 Restid till närmaste service (serviceperspektiv:nearestservice) ...")
    results = work / "resultat"
    results.mkdir()
    nearest_path = results / "nearest_service.gpkg"
    processing.runAndLoadResults("serviceperspektiv:nearestservice", {
        "ROADS": inputs["roads"].id(), "CLASS_FIELD": "highway", "SPEED_FIELD": "maxspeed",
        "ONEWAY_FIELD": "oneway", "MODE": 0, "SERVICES": inputs["services"].id(), "TYPE_FIELD": "type",
        "ORIGINS": f"{gpkg}|layername=population", "POPULATION_FIELD": "pop", "OUTPUT": str(nearest_path),
    }, feedback=LogFeedback())
    nearest = next((layer for layer in project.mapLayers().values() if str(nearest_path) in layer.source()), None)
    if nearest is None or not nearest.isValid():
        raise SystemExit("nearestservice wrote no layer")
    keys = sorted(f.name()[:-4] for f in nearest.fields() if f.name().endswith("_min"))
    summary = summarise(nearest, "pop", keys)

    print("2/4 PDF-karta (serviceperspektiv:exportmap) ...")
    pdf = work / "serviceperspektiv_demo.pdf"
    extent = inputs["plan_area"].extent().buffered(MAP_MARGIN_M)
    processing.run("serviceperspektiv:exportmap", {
        "TEMPLATE": 1, "TITLE": TITLE, "LAYERS": [nearest.id()], "AREA_NAME": "Fredriksberg, Ludvika kommun",
        "SERVICE_TYPE": "dagligvaror_full", "PLAN_AREA": inputs["plan_area"].id(),
        "EXTENT": f"{extent.xMinimum()},{extent.xMaximum()},{extent.yMinimum()},{extent.yMaximum()} [EPSG:3006]",
        "OUTPUT": str(pdf)}, feedback=LogFeedback())

    extra: list[str] = []
    analysis = ROOT / "scripts" / "demo_analysis.py"
    if analysis.exists():
        print("3/4 Serviceglapp, scenario, planområde och rapport ...")
        import demo_analysis

        extra = demo_analysis.run(gpkg, str(nearest_path), results)
    print("4/4 Nulägesanalys för Fredriksberg (serviceperspektiv:placeanalysis) ...")
    place_lines = place_analysis(inputs, gpkg, work)
    project.write(str(work / "serviceperspektiv_demo.qgz"))
    project.clear()  # no layer holds the GeoPackages open while the result is copied in
    copy_layer(str(nearest_path), gpkg, "nearest_service")  # inputs + the main result in one file

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
    print("\n".join(line.replace(str(work), str(args.out)) for line in place_lines))
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
