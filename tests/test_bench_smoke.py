"""A tiny run of the benchmark: the tables are written with all three baselines and the real network."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_bench_quick(tmp_path):
    out = tmp_path / "bench.md"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--out", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    assert "| tiny |" in text and "(1) SciPy before" in text and "(2) lean + contracted" in text
    assert "QGIS service area" in text and "finland-sample" in text and "same numbers as before" in text
    # The tiny network's row carries numbers in every baseline column, and the same numbers as before.
    nearest = next(line for line in text.splitlines() if line.startswith("| tiny | 1,000 |"))
    assert nearest.count("–") == 0 and "| yes |" in nearest


def test_bench_network_is_deterministic():
    sys.path.insert(0, str(ROOT))
    from scripts.bench_networks import make

    a, b = make("tiny"), make("tiny")
    assert (a.edge_xy == b.edge_xy).all() and (a.direction == b.direction).all()
    assert 3000 < a.n_arcs < 6000 and (a.direction != 0).any()
