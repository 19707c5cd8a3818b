"""scripts/bench_placeanalysis.py runs end to end on the tiny synthetic network (the real run is make bench)."""
from __future__ import annotations


def test_bench_runs_on_a_tiny_case(provider, tmp_path):
    from scripts.bench_placeanalysis import run

    lines: list[str] = []
    info = run(lines, network="tiny", n_places=3, work=tmp_path, repeats=1)
    assert info["places"] == 3 and info["types"] == 8 and info["cells"] == 1000
    assert info["nearest_s"] > 0 and info["placeanalysis_s"] > 0 and info["ratio"] == info["placeanalysis_s"] / info["nearest_s"]
    assert len(lines) == 1 and "placeanalysis (tiny" in lines[0] and ("met" in lines[0] or "MISSED" in lines[0])
    html = (tmp_path / "nla.html").read_text(encoding="utf-8")
    assert html.count('<h2 id="ort-') == 3 and len(list(tmp_path.glob("nla_karta_*.png"))) == 3
