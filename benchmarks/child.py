"""One measurement in a process of its own: ``python -m benchmarks.child STEP FOLDER`` prints one
JSON line. STEP is `scipy` (the baseline: scipy's linear_sum_assignment loading the same CSV
files and solving the capacity-expanded score matrix without any side rule), `engine` (the
whole run: load, build, solve, explanations, checks, fairness prices) or `sweep` (a what-if
sweep on a number of worker processes: ``python -m benchmarks.child sweep SCENARIO WORKERS
GRID_JSON TABLE_FILE``; the table is written to TABLE_FILE as a pickle).

Each side imports its libraries before its clock starts, and its peak resident memory (VmHWM)
is counted from there, in its own process: nothing of the other side, or of an earlier case,
is in either figure. The machine's load average is read before and after (`/proc/loadavg`; the
measured process itself adds about 1 to it while it runs).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any


def load_average() -> float | None:
    """The 1-minute load average (None where /proc is missing)."""
    try:
        return float(Path("/proc/loadavg").read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return None


def scipy_step(folder: Path) -> dict[str, Any]:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    from benchmarks.__main__ import _score_matrix, peak_rss_mb, reset_peak_rss

    reset_peak_rss()
    started = time.perf_counter()
    mentors, _, matrix = _score_matrix(folder)
    rows = np.repeat(np.arange(len(mentors)), mentors["capacity"].astype(int).to_numpy())
    r, c = linear_sum_assignment(matrix[rows], maximize=True)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "objective": float(matrix[rows][r, c].sum()), "matched": len(r),
            "rss_mb": peak_rss_mb()}


def _import_engine() -> None:
    """Every module a run may use, imported before the clock (as scipy.optimize is for the baseline).
    highspy too: the solvers import it on first use (mip-highs, and since 2026-12-06 the Lagrangian
    dual's model step), about 8 ms; the runs measured before that counted it inside the clock."""
    import highspy  # noqa: F401
    import ortools.graph.python.min_cost_flow  # noqa: F401  (imported on use by flow and the Lagrangian)
    import scipy.optimize  # (imported on use by the solvers since 2026-12-06 05:30)
    import scipy.sparse  # noqa: F401

    import matcher.engine
    import matcher.solvers.countbb
    import matcher.solvers.countflow
    import matcher.solvers.flow
    import matcher.solvers.lagrangian
    import matcher.solvers.mip
    import matcher.solvers.structured  # noqa: F401
    from matcher.i18n import catalogue

    catalogue()  # the catalogue's ~40 text modules, imported on a run's first sentence: modules too


def engine_step(scenario: Path) -> dict[str, Any]:
    from benchmarks.__main__ import peak_rss_mb, reset_peak_rss
    from matcher import Scenario, solve

    _import_engine()
    reset_peak_rss()
    started = time.perf_counter()
    result = solve(Scenario.from_yaml(scenario))
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "rss_mb": peak_rss_mb(),
        "solver": result.solver,
        "status": result.status,
        "time_limit_hit": result.time_limit_hit,
        "objectives": {str(p): v for p, v in sorted(result.objectives.items())},
        "bounds": {str(p): v for p, v in sorted(result.bounds.items())},
        "gap": result.gap,
        "build_seconds": result.build_seconds,
        "solve_seconds": result.solve_seconds,
        "matched": result.kpis["matched_takers"],
        "notes": result.notes[-3:],
    }


def sweep_step(scenario: Path, workers: int, grid: list[tuple[str, list[Any]]], table_file: Path) -> dict[str, Any]:
    """The sweep as `matcher sweep` runs it, in a process of its own: the scenario read and the
    points planned before the clock, the clock around running the points (spawned processes'
    start-up included), the table pickled to `table_file` for the caller to compare."""
    from matcher.scenario import Scenario
    from matcher.whatif.runner import Execution
    from matcher.whatif.sweep import Sweep

    _import_engine()
    plan = Sweep.plan(Scenario.from_yaml(scenario), grid)
    started = time.perf_counter()
    table = plan.run(Execution(workers=workers))
    seconds = time.perf_counter() - started
    table.to_pickle(table_file)
    return {"seconds": seconds, "points": len(plan.points), "scenario": plan.base.name}


def main(argv: list[str]) -> int:
    step, target = argv[0], Path(argv[1])
    before = load_average()
    if step == "scipy":
        out = scipy_step(target)
    elif step == "engine":
        out = engine_step(target)
    elif step == "sweep":
        grid = [(str(key), list(values)) for key, values in json.loads(argv[3])]
        out = sweep_step(target, int(argv[2]), grid, Path(argv[4]))
    else:
        raise SystemExit(f"unknown step {step!r}; use scipy, engine or sweep")
    out["load_before"], out["load_after"] = before, load_average()
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
