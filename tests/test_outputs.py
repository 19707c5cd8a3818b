"""A cancelled run leaves no output behind, not even the outputs it finished before the cancel."""
from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)

from serviceperspektiv.adapters import fieldtypes as ft
from serviceperspektiv.processing.base import ServiceperspektivAlgorithm


class TwoOutputs(ServiceperspektivAlgorithm):
    ALG_ID = "test_two_outputs"
    DISPLAY = "Two outputs"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSink("A", "A"))
        self.addParameter(QgsProcessingParameterFeatureSink("B", "B"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        fields = QgsFields()
        fields.append(QgsField("n", ft.INT))
        crs = QgsCoordinateReferenceSystem("EPSG:3006")

        def points(count, cancel_at=None):
            for i in range(count):
                if i == cancel_at:
                    feedback.cancel()
                f = QgsFeature(fields)
                f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(500000 + i, 6650000)))
                f.setAttributes([i])
                yield f

        a = self.write_features(parameters, context, feedback, "A", fields, QgsWkbTypes.Point, crs, points(10))
        b = self.write_features(parameters, context, feedback, "B", fields, QgsWkbTypes.Point, crs, points(10, 3))
        return {"A": a, "B": b}


def test_cancel_in_second_output_removes_both(qgis_processing, tmp_path):
    alg = TwoOutputs()
    alg.initAlgorithm()
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    feedback = QgsProcessingFeedback()
    _results, ok = alg.run({"A": str(a), "B": str(b)}, QgsProcessingContext(), feedback)
    assert not ok
    assert not a.exists() and not b.exists()


def test_finished_run_keeps_both(qgis_processing, tmp_path):
    class Done(TwoOutputs):
        def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
            fields = QgsFields()
            fields.append(QgsField("n", ft.INT))
            f = QgsFeature(fields)
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(500000, 6650000)))
            f.setAttributes([1])
            crs = QgsCoordinateReferenceSystem("EPSG:3006")
            return {name: self.write_features(parameters, context, feedback, name, fields, QgsWkbTypes.Point, crs, [f])
                    for name in ("A", "B")}

    alg = Done()
    alg.initAlgorithm()
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    _results, ok = alg.run({"A": str(a), "B": str(b)}, QgsProcessingContext(), QgsProcessingFeedback())
    assert ok and a.exists() and b.exists()
