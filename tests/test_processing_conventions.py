"""Processing conventions: secondary outputs are optional and created by default.

``qgis_process run … OUTPUT=x.gpkg`` must work without naming them (they are then skipped, as QGIS
does for optional outputs), and the toolbox creates them unless the user ticks "Skip output".
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import QGIS_PROCESS, qgis_process_json, run_qgis_process

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "detaljplan" / "plankarta.xml"  # the real Focus Detaljplan export
qgis_process_bin = pytest.mark.skipif(not Path(QGIS_PROCESS).exists(), reason="qgis_process.bin not installed")




def _net(demo: Path) -> dict:
    return {"ROADS": f"{demo}|layername=roads", "SPEED_FIELD": "maxspeed", "CLASS_FIELD": "highway",
            "ONEWAY_FIELD": "oneway", "SERVICES": f"{demo}|layername=services", "TYPE_FIELD": "type",
            "ORIGINS": f"{demo}|layername=population", "POPULATION_FIELD": "pop"}


def test_secondary_outputs_are_optional_and_created_by_default(registered):
    """In every algorithm, each layer/file output after the first one."""
    from qgis.core import QgsApplication, QgsProcessingParameterDefinition

    registry = QgsApplication.processingRegistry()
    secondary = {}
    for algorithm in registered.algorithms():
        alg = registry.createAlgorithmById(algorithm.id())
        outputs = [d for d in alg.parameterDefinitions() if d.isDestination()]
        assert outputs and not outputs[0].flags() & QgsProcessingParameterDefinition.Flag.FlagOptional, alg.id()
        for definition in outputs[1:]:
            secondary[f"{alg.name()}:{definition.name()}"] = (
                bool(definition.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional),
                definition.createByDefault())
    expected = {"allocation:OUTPUT_AREAS", "importdetaljplan:OUTPUT_AREAS", "scenario:CROSSINGS",
                "scenario:UNDERLAG", "servicegaps:STATS", "servicegaps:SUMMARY"}
    assert expected <= set(secondary)
    wrong = {name: flags for name, flags in secondary.items() if flags != (True, True)}
    assert not wrong, f"secondary outputs must be optional=True, createByDefault=True: {wrong}"


def test_skipped_outputs_in_processing_run(registered, demo_gpkg, tmp_path):
    """From Python too: only the named outputs are written and returned."""
    import processing

    def run_alg(alg_id: str, params: dict) -> dict:
        return processing.run(f"serviceperspektiv:{alg_id}", params)

    result = run_alg("allocation", {**_net(demo_gpkg), "OUTPUT": str(tmp_path / "alloc.gpkg")})
    assert set(result) == {"OUTPUT"} and (tmp_path / "alloc.gpkg").exists()
    result = run_alg("allocation", {**_net(demo_gpkg), "OUTPUT": str(tmp_path / "alloc2.gpkg"),
                                    "OUTPUT_AREAS": str(tmp_path / "areas.gpkg")})
    assert Path(result["OUTPUT_AREAS"].split("|")[0]).exists()


@qgis_process_bin
@pytest.mark.parametrize("alg,primary,skipped,extra", [
    ("allocation", "OUTPUT", ["OUTPUT_AREAS"], {}),
    ("scenario", "OUTPUT", ["CROSSINGS", "UNDERLAG"], {"REMOVE": "1"}),
    ("servicegaps", "GAPS", ["STATS", "SUMMARY"], {}),
    ("importdetaljplan", "OUTPUT", ["OUTPUT_AREAS"], None),
])
def test_qgis_process_without_secondary_outputs(tmp_path, demo_gpkg, alg, primary, skipped, extra):
    out = tmp_path / "main.gpkg"
    params = {"FILE": str(SAMPLE)} if extra is None else {**_net(demo_gpkg), **extra}
    done = run_qgis_process(tmp_path, f"serviceperspektiv:{alg}", {**params, primary: str(out)})
    text = done.stdout + done.stderr
    assert done.returncode == 0, text[-3000:]
    assert "mandatory" not in text.lower()
    results = qgis_process_json(done)["results"]
    assert results[primary] == str(out) and out.exists() and out.stat().st_size > 0
    assert not set(skipped) & set(results), results
    assert sorted(p.name for p in tmp_path.glob("*.gpkg")) == ["main.gpkg"]
