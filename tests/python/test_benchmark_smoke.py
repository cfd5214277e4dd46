"""A smoke run of the benchmark at scale 1, so `make bench` keeps working (no timing
assertions: performance is measured by the benchmark, not asserted in tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_benchmark_runs_every_step_at_scale_1(tmp_path):
    out = tmp_path / "results"
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "benchmark.py"), "--scales", "1",
         "--work", str(tmp_path / "work"), "--out", str(out),
         # no second full build: each builds every edition of the figure book (~2.5 min)
         "--full-refresh-max-scale", "0"],
        check=True, cwd=REPO,
    )
    summary = json.loads(out.with_suffix(".json").read_text())
    steps = {r["step"] for r in summary["results"]}
    assert {"generate", "gate (31 deliveries)", "full build", "incremental (+1 month)",
            "report", "floor: SQL over CSV", "pandas over CSV", "warehouse query"} <= steps
    assert all(r["exit_code"] == 0 and r["seconds"] > 0 for r in summary["results"])
    assert all(r["peak_rss_mib"] for r in summary["results"])
    assert summary["machine"]["cores"] >= 1
    table = out.with_suffix(".md").read_text()
    assert "| 1 | full build |" in table and "## Ratios" in table
    assert not (tmp_path / "work" / "scale-1").exists()  # work folders are cleaned up
