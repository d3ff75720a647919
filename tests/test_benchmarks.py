"""The benchmark suite's quick mode runs as a smoke test (figures are not asserted: timing is
measured in benchmarks, never in tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_runs_and_reports_every_case() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick"],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # Interleaved: every variant measured, each with its load; the engine proven optimal.
    rows = [line for line in lines if line.startswith("| administration 100x150 cap 1-3, every rule |")]
    assert [row.split(" | ")[1] for row in rows] == ["scipy", "engine", "engine, cached"], rows
    assert all(" OPTIMAL " in row for row in rows[1:]), rows
    assert all(row.split(" | ")[7][:1].isdigit() for row in rows), rows  # the load column holds figures
    # The targets are judged from what was measured, one verdict each.
    targets = [line for line in lines if line.startswith("| ") and line.rstrip().endswith(("| met |", "| MISSED |"))]
    assert len(targets) == 4, lines
    sweep_rows = [line for line in lines if line.startswith(("| serial, one process |", "| 2 local worker"))]
    assert len(sweep_rows) == 2 and all("OPTIMAL 6" in row and row.endswith("| yes |") for row in sweep_rows)
    # Each sweep run in a process of its own, as `matcher sweep` runs (not warm from the runs before).
    speedup = [line for line in targets if line.startswith("| the sweep >= ")]
    assert len(speedup) == 1 and "each run a process of its own" in speedup[0], targets
    # Beside it, what the machine itself gives two processes at once (a figure, not a verdict).
    assert "the machine itself: two copies of a fixed Python loop at once " in speedup[0], speedup
    # The CLI in two setups, both shown; the judged one first.
    cli = [line for line in targets if line.startswith("| the cohort through the CLI")]
    assert len(cli) == 1 and cli[0].count(" s this checkout's environment") == 2, cli
    assert cli[0].index("no bytecode written") < cli[0].index("bytecode cached"), cli
