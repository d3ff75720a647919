"""The benchmark suite's quick mode runs as a smoke test (figures are not asserted: timing is
measured in benchmarks, never in tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_runs_and_reports_every_case() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--no-append"],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("cohort 10x10") for line in lines)
    engine_rows = [line for line in lines if "matcher (" in line]
    assert len(engine_rows) >= 2  # cohort-free scale cases, plus the trainee term once its scenario exists
    assert all(" OPTIMAL " in line for line in engine_rows), engine_rows
    sweep_rows = [line for line in lines if line.startswith("sweep 6 points")]
    assert len(sweep_rows) == 2, lines
    assert all("6 solved" in line for line in sweep_rows)
    assert "results equal to the serial run" in sweep_rows[1]
