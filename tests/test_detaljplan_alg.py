"""serviceperspektiv:importdetaljplan through Processing and qgis_process.bin, on the real sample and the 4.1 file."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import QGIS_PROCESS, qgis_process_json, run_qgis_process

SAMPLES = Path(__file__).resolve().parent / "data" / "detaljplan"
REAL = SAMPLES / "plankarta.xml"
LOCAL = SAMPLES / "plankarta_sweref99_15_00.xml"
DELIVERY = SAMPLES / "fredriksberg_detaljplan_v41.json"
PLAN_FIELDS = ["planid", "plannamn", "kommun", "forslag", "status", "lagakraft", "plan_uuid", "bestammelser",
               "n_anvandning", "area_m2", "format"]
AREA_FIELDS = ["planid", "omrade_id", "roll", "beteckning", "kod", "formulering", "anvandningsform", "kategori",
               "underkategori", "huvudsaklig", "varden", "anvandning", "bestammelse_id", "n_bestammelser", "area_m2",
               "format"]
MEMORY = {"OUTPUT": "memory:", "OUTPUT_AREAS": "memory:", "OUTPUT_PROPERTIES": "memory:"}


def recorder():
    """A feedback that keeps what the algorithm reports (``.text``)."""
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushInfo(self, text):  # noqa: N802 - QGIS API
            self.lines.append(text)

        def pushWarning(self, text):  # noqa: N802 - QGIS API
            self.lines.append(text)

        def reportError(self, text, fatalError=False):  # noqa: N802,N803 - QGIS API
            self.lines.append(text)

        @property
        def text(self) -> str:
            return "\n".join(self.lines)

    return Feedback()


def features(layer) -> dict:
    return {f["omrade_id"]: f for f in layer.getFeatures()}


def test_real_sample_three_layers(run_alg):
    result = run_alg("importdetaljplan", {"FILE": str(REAL), **MEMORY})
    plan, uses, others = result["OUTPUT"], result["OUTPUT_AREAS"], result["OUTPUT_PROPERTIES"]
    assert plan.fields().names() == PLAN_FIELDS
    assert uses.fields().names() == AREA_FIELDS and others.fields().names() == AREA_FIELDS
    assert plan.crs().authid() == "EPSG:3008" and uses.crs().authid() == "EPSG:3008"
    row = next(plan.getFeatures())
    assert (row["planid"], row["kommun"], row["forslag"], row["n_anvandning"]) == ("BN16/1724", "1290", False, 5)
    assert row["bestammelser"] == "DP_PO_Ad_Genomforande;DP_PO_Ad_Strandskydd"
    assert row.geometry().area() == pytest.approx(19564.2, abs=0.1) and row["area_m2"] == pytest.approx(19564.2, abs=0.1)
    use = features(uses)
    assert sorted(use) == ["a", "c", "e", "f", "g"]
    assert {f["roll"] for f in use.values()} == {"anvandning"} and {f["planid"] for f in use.values()} == {"BN16/1724"}
    assert (use["a"]["beteckning"], use["a"]["kod"], use["a"]["huvudsaklig"]) == ("R;S", "DP_KM_R_A;DP_KM_S", "S")
    assert use["a"]["formulering"] == "Idrott, bad" and use["a"]["anvandningsform"] == "Kvartersmark"
    assert (use["c"]["beteckning"], use["c"]["n_bestammelser"]) == ("GÅNG;CYKEL", 2)
    assert use["e"]["beteckning"] == "GATA" and use["e"]["anvandningsform"] == "Allmän plats"
    assert use["a"].geometry().area() == pytest.approx(13482.8, abs=0.1)
    assert sum(f.geometry().area() for f in use.values()) == pytest.approx(row.geometry().area(), abs=0.05)
    other = features(others)
    assert Counter(f["roll"] for f in other.values()) == {"egenskap": 4, "administrativ": 2}
    assert (other["d"]["beteckning"], other["d"]["varden"], other["d"]["anvandning"]) == (
        "13;e", "hojd=13 | exploatering=5500", "R;S")
    assert other["i"]["beteckning"] == "u" and other["i"]["kod"] == "DP_KM_Ad_Markres_Underjord"
    assert row["status"] is None or str(row["status"]) == "NULL"  # SS 637040 has only forslag
    assert "Detaljplan BN16/1724 (SS 637040:2016)" in uses.metadata().rights()


def test_styles_of_the_plan_layers(run_alg):
    from serviceperspektiv.adapters.layergroups import apply_style
    from serviceperspektiv.adapters.resources import style_path

    result = run_alg("importdetaljplan", {"FILE": str(DELIVERY), **MEMORY})
    for key, name in (("OUTPUT", "plan_area"), ("OUTPUT_AREAS", "plan_landuse"), ("OUTPUT_PROPERTIES", "plan_properties")):
        assert style_path(name) is not None and apply_style(result[key], name), name
    labels = result["OUTPUT_AREAS"].labeling().settings()
    assert labels.fieldName == 'coalesce("beteckning", "formulering")'


def test_national_file_gives_the_same_layers(run_alg):
    result = run_alg("importdetaljplan", {"FILE": str(DELIVERY), **MEMORY})
    plan, uses, others = result["OUTPUT"], result["OUTPUT_AREAS"], result["OUTPUT_PROPERTIES"]
    assert uses.fields().names() == AREA_FIELDS and plan.crs().authid() == "EPSG:3006"
    row = next(plan.getFeatures())
    assert (row["planid"], row["status"], row["lagakraft"], row["format"]) == ("2085-P2025/7", "laga kraft",
                                                                               "2025-07-14", "detaljplan 4.1")
    assert uses.featureCount() == 5 and others.featureCount() == 5
    formulations = sorted(f["formulering"] for f in uses.getFeatures())
    assert formulations[0] == "Bostäder | Detaljhandel utom handel med livsmedel och skrymmande varor"
    assert {f["roll"] for f in others.getFeatures()} == {"egenskap"}
    assert sum(f.geometry().area() for f in uses.getFeatures()) == pytest.approx(19564.2, abs=0.1)


def test_skipped_area_is_named_and_the_rest_written(run_alg, tmp_path):
    broken = tmp_path / "plankarta_broken.xml"
    broken.write_bytes(REAL.read_bytes().replace(b'<plus xlink:href="#L21" />\n      <minus xlink:href="#L20" />',
                                                 b'<plus xlink:href="#L21" />', 1))
    feedback = recorder()
    result = run_alg("importdetaljplan", {"FILE": str(broken), **MEMORY}, feedback=feedback)
    assert result["OUTPUT_AREAS"].featureCount() == 5 and result["OUTPUT_PROPERTIES"].featureCount() == 5
    assert "b" not in features(result["OUTPUT_PROPERTIES"])
    assert "Area 'b' was skipped: its boundary lines do not close (loose end at E" in feedback.text
    assert "1 area(s) were skipped; the other areas were imported." in feedback.text


def test_bad_file_is_a_clear_error_in_swedish(run_alg, tmp_path):
    from qgis.core import QgsProcessingException

    from serviceperspektiv.i18n import install_translator

    cut = tmp_path / "cut.xml"
    cut.write_bytes(REAL.read_bytes()[:5000])
    rt90 = tmp_path / "rt90.xml"
    rt90.write_bytes(REAL.read_bytes().replace(b"SWEREF99_13_30", b"RT90_2.5_gon_V"))
    assert install_translator("sv") == "sv"
    try:
        with pytest.raises(QgsProcessingException, match="XML-filen är felaktig eller avkortad"):
            run_alg("importdetaljplan", {"FILE": str(cut), **MEMORY})
        with pytest.raises(QgsProcessingException, match="okänt koordinatsystem 'RT90_2.5_gon_V'"):
            run_alg("importdetaljplan", {"FILE": str(rt90), **MEMORY})
        broken = tmp_path / "broken.xml"
        broken.write_bytes(REAL.read_bytes().replace(b'<plus xlink:href="#L16" />', b'<plus xlink:href="#L99" />', 1))
        feedback = recorder()
        run_alg("importdetaljplan", {"FILE": str(broken), **MEMORY}, feedback=feedback)
        assert "Området 'f' hoppades över: dess gränslinje 'L99' saknas i filen" in feedback.text
    finally:
        install_translator("en")


@pytest.mark.skipif(not Path(QGIS_PROCESS).exists(), reason="qgis_process.bin not installed")
def test_qgis_process_exit_codes(tmp_path):
    done = run_qgis_process(tmp_path, "serviceperspektiv:importdetaljplan", {
        "FILE": str(LOCAL), "OUTPUT": str(tmp_path / "plan.gpkg"), "OUTPUT_AREAS": str(tmp_path / "uses.gpkg"),
        "OUTPUT_PROPERTIES": str(tmp_path / "other.gpkg")})
    assert done.returncode == 0, done.stderr + done.stdout
    assert qgis_process_json(done)["results"]["OUTPUT_AREAS"] == str(tmp_path / "uses.gpkg")
    from qgis.core import QgsVectorLayer

    uses = QgsVectorLayer(str(tmp_path / "uses.gpkg"), "uses", "ogr")
    assert uses.featureCount() == 5 and uses.crs().authid() == "EPSG:3009"
    real = REAL.read_bytes()
    cases = (
        ("bad.json", b'{"feature:mediatyp": "application/vnd.lm.detaljplan.v3+json", "type": "FeatureCollection", '
                     b'"features": []}', "unknown schema version"),
        ("cut.json", DELIVERY.read_bytes()[:3000], "not well-formed or the file is cut off"),
        ("rt90.xml", real.replace(b"SWEREF99_13_30", b"RT90_2.5_gon_V"), "unknown coordinate system 'RT90_2.5_gon_V'"),
        ("open.xml", real.replace(b'<minus xlink:href="#L17" />', b"", 1), "cannot be built: its boundary lines do not"),
    )
    for name, bad, words in cases:
        path = tmp_path / name
        path.write_bytes(bad)
        done = run_qgis_process(tmp_path, "serviceperspektiv:importdetaljplan", {
            "FILE": str(path), "OUTPUT": str(tmp_path / "x.gpkg"), "OUTPUT_AREAS": str(tmp_path / "y.gpkg"),
            "OUTPUT_PROPERTIES": str(tmp_path / "z.gpkg")})
        assert done.returncode != 0, name
        assert words in done.stdout + done.stderr and "Traceback" not in done.stdout + done.stderr, name
        assert not (tmp_path / "x.gpkg").exists()
    # an area that does not close: exit 0, the area is named in the log, the rest is written
    path = tmp_path / "area_open.xml"
    path.write_bytes(real.replace(b'<plus xlink:href="#L21" />\n      <minus xlink:href="#L20" />',
                                  b'<plus xlink:href="#L21" />', 1))
    done = run_qgis_process(tmp_path, "serviceperspektiv:importdetaljplan", {
        "FILE": str(path), "OUTPUT": str(tmp_path / "p2.gpkg"), "OUTPUT_AREAS": str(tmp_path / "u2.gpkg"),
        "OUTPUT_PROPERTIES": str(tmp_path / "o2.gpkg")})
    assert done.returncode == 0, done.stderr + done.stdout
    assert "Area 'b' was skipped: its boundary lines do not close" in done.stdout + done.stderr
    assert QgsVectorLayer(str(tmp_path / "o2.gpkg"), "o", "ogr").featureCount() == 5
