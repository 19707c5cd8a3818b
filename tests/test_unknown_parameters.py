"""Unknown parameter keys are an error in every way of running, with a message naming the keys."""
from __future__ import annotations

import pytest
from conftest import run_qgis_process


def test_processing_run_rejects_unknown_keys(run_alg, demo_gpkg, tmp_path):
    from qgis.core import QgsProcessingException

    g = str(demo_gpkg)
    with pytest.raises(QgsProcessingException) as error:
        run_alg("report", {"NEAREST_LAYER": f"{g}|layername=population", "OUTPUT": str(tmp_path / "r.html")})
    assert "NEAREST_LAYER" in str(error.value) and "NEAREST" in str(error.value)
    assert not (tmp_path / "r.html").exists()


def test_task_and_run_reject_unknown_keys(provider, demo_gpkg):
    """alg.run() is what tasks, models and qgis_process go through (prepareAlgorithm)."""
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

    alg = QgsApplication.processingRegistry().createAlgorithmById("serviceperspektiv:servicegaps")
    feedback = QgsProcessingFeedback()
    _results, ok = alg.run({"NEAREST": f"{demo_gpkg}|layername=population", "CLASS": "5,10", "GAPS": "memory:",
                            "STATS": "memory:", "SUMMARY": "memory:"}, QgsProcessingContext(), feedback)
    assert not ok and "CLASS" in feedback.textLog() and "CLASSES" in feedback.textLog()


@pytest.mark.slow
def test_qgis_process_exits_non_zero(demo_gpkg, tmp_path):
    completed = run_qgis_process(tmp_path, "serviceperspektiv:nearestservice", {
        "ROADS": f"{demo_gpkg}|layername=roads", "SERVICES": f"{demo_gpkg}|layername=services",
        "ORIGINS": f"{demo_gpkg}|layername=population", "MODES": "1", "OUTPUT": str(tmp_path / "n.gpkg")})
    assert completed.returncode != 0
    assert "MODES" in completed.stdout + completed.stderr
    assert not (tmp_path / "n.gpkg").exists()
