"""A tiny run of the benchmark: the table is written with floor and native columns."""
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
    assert "| tiny |" in text and "engine/floor" in text and "native" in text


def test_bench_network_is_deterministic():
    sys.path.insert(0, str(ROOT))
    from scripts.bench_networks import make

    a, b = make("tiny"), make("tiny")
    assert (a.edge_xy == b.edge_xy).all() and (a.direction == b.direction).all()
    assert 3000 < a.n_arcs < 6000 and (a.direction != 0).any()
