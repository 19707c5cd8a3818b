"""Demo analysis on the Fredriksberg demo data: gaps, a closing scenario, a plan-area profile, a report.

Called by scripts/run_demo.py (``run``) after nearestservice; runnable alone for a quick look:
    python scripts/demo_analysis.py --data resources/demo/fredriksberg_demo.gpkg --nearest out/demo/nearest.gpkg
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from serviceperspektiv.adapters.resources import demo_gpkg as default_demo_gpkg  # noqa: E402 - needs the checkout on sys.path

VILLAGE = "Fredriksberg"
GROCERY_TYPES = ("dagligvaror_ovrig", "dagligvaror_full")
AGE_65_PLUS = ["age_65_69", "age_70_79", "age_80_plus"]


def _layer(gpkg: Path, name: str) -> str:
    return f"{gpkg}|layername={name}"


def network_parameters(demo_gpkg: Path) -> dict:
    return {"ROADS": _layer(demo_gpkg, "roads"), "SPEED_FIELD": "maxspeed", "CLASS_FIELD": "highway",
            "ONEWAY_FIELD": "oneway", "MODE": 0, "SERVICES": _layer(demo_gpkg, "services"), "TYPE_FIELD": "type",
            "ORIGINS": _layer(demo_gpkg, "population"), "POPULATION_FIELD": "pop"}


def village_grocery(demo_gpkg: Path) -> tuple[int, str, str]:
    """(feature id, name, type) of the grocery store in the village."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(_layer(demo_gpkg, "services"), "services", "ogr")
    for feature in layer.getFeatures():
        if feature["type"] in GROCERY_TYPES and VILLAGE.lower() in str(feature["name"]).lower():
            return feature.id(), str(feature["name"]), str(feature["type"])
    raise LookupError(f"no grocery store named '{VILLAGE}…' in {demo_gpkg}")


def _rows(path: str) -> list[dict]:
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(path, "t", "ogr")
    names = layer.fields().names()
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


def run(demo_gpkg: Path, nearest_layer_path: str, out_dir: Path) -> list[str]:
    """Run servicegaps, scenario, planareaprofile and report into ``out_dir``; return summary lines.

    Results are loaded as the toolbox loads them (style, name, group) when a project is open.
    """
    import processing

    from serviceperspektiv.processing.summaries import scenario_summaries

    demo_gpkg, out_dir = Path(demo_gpkg), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    net = network_parameters(demo_gpkg)
    lines: list[str] = []

    gaps = processing.runAndLoadResults("serviceperspektiv:servicegaps", {
        "NEAREST": nearest_layer_path, "POPULATION_FIELD": "pop", "AGE_FIELDS": AGE_65_PLUS,
        "GAPS": str(out_dir / "servicegaps_gaps.gpkg"), "STATS": str(out_dir / "servicegaps_stats.gpkg"),
        "SUMMARY": str(out_dir / "servicegaps_summary.gpkg")})
    for row in _rows(gaps["SUMMARY"]):
        if row["type"] in GROCERY_TYPES or row["type"] == "kontantuttag":
            lines.append(f"Serviceglapp {row['type']}: {row['population_gap']:.0f} av {row['population_total']:.0f} inv. "
                         f"({row['gap_share_pct']:.1f} %) längre än {row['threshold']:g} {row['threshold_unit']}; "
                         f"median {row['median_min']:.1f} min, 65+ i glapp {row['age_population_gap']:.0f}")

    fid, name, key = village_grocery(demo_gpkg)
    scenario = processing.runAndLoadResults("serviceperspektiv:scenario", {
        **net, "REMOVE": str(fid), "OUTPUT": str(out_dir / "scenario_origins.gpkg"),
        "CROSSINGS": str(out_dir / "scenario_crossings.gpkg"), "UNDERLAG": str(out_dir / "scenario_underlag.gpkg")})
    from qgis.core import QgsVectorLayer

    for s in scenario_summaries(QgsVectorLayer(scenario["OUTPUT"], "scenario", "ogr")):  # as the panel shows it
        lines.append(f"Scenario: stäng '{name}' (id {fid}): {s.people_worse:.0f} inv. får längre restid till "
                     f"{s.type_key}, i genomsnitt {s.mean_change_min:+.1f} min (högst {s.max_change_min:+.1f} min); "
                     f"längre än {s.threshold}: {s.over_before:.0f} före, {s.over_after:.0f} efter")
    for row in _rows(scenario["CROSSINGS"]):
        if row["limit_min"] == "10" and row["worse_population"]:
            lines.append(f"Scenario: {row['worse_population']:.0f} inv. hamnar över 10 min till {row['type']}")

    profile = processing.runAndLoadResults("serviceperspektiv:planareaprofile", {
        **net, "PLAN_AREA": _layer(demo_gpkg, "plan_area"), "OUTPUT": str(out_dir / "planareaprofile.gpkg")})
    for row in _rows(profile["OUTPUT"]):
        lines.append(f"Planområde {row.get('planid')}: {row['population_inside']:.0f} inv. inom, "
                     f"{row['population_2km']:.0f} inom 2 km, {row['population_5km']:.0f} inom 5 km; "
                     f"dagligvaror (övrig) median {row['dagligvaror_ovrig_min_median']:.1f} min, "
                     f"med ny butik i området {row['dagligvaror_ovrig_new_median']:.1f} min")

    report = processing.run("serviceperspektiv:report", {
        "NEAREST": nearest_layer_path, "SUMMARY": gaps["SUMMARY"], "STATS": gaps["STATS"],
        "CROSSINGS": scenario["CROSSINGS"], "UNDERLAG": scenario["UNDERLAG"], "SCENARIO": scenario["OUTPUT"],
        "PROFILE": profile["OUTPUT"],
        "TITLE": "Serviceperspektiv – Fredriksberg, Ludvika kommun (demo)", "OUTPUT": str(out_dir / "rapport.html")})
    lines.append(f"Rapport: {report['OUTPUT']} (+ {len(report['CSV_FILES'].split(';'))} CSV-filer)")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=default_demo_gpkg())
    parser.add_argument("--nearest", help="a nearestservice result; computed when missing")
    parser.add_argument("--out", type=Path, default=Path("out/demo"))
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from serviceperspektiv.processing.provider import ServiceperspektivProvider

    provider = ServiceperspektivProvider()  # keep a reference: the registry does not own Python objects
    QgsApplication.processingRegistry().addProvider(provider)
    import processing

    nearest = args.nearest
    if not nearest:
        args.out.mkdir(parents=True, exist_ok=True)
        nearest = processing.run("serviceperspektiv:nearestservice", {
            **network_parameters(args.data), "OUTPUT": str(args.out / "nearest.gpkg")})["OUTPUT"]
    for line in run(args.data, nearest, args.out):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
