"""The second solver: plain HiGHS on the engine's identical side-constrained MILP.

What a user of HiGHS would do: the matrix the engine builds (`build_matrix`) handed to HiGHS'
MIP solver as it is, one priority level after another, each level held at its optimum by a row;
no structure-aware step of the engine. It runs in a child process because HiGHS' presolve does
not look at its time limit: at the city scale (1.4 M binary columns) it was still presolving
after 5 minutes with a 60 s limit, so the child is stopped at the deadline instead.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import numpy as np

#: Seconds, objectives and bounds per level, status, note.
Outcome = tuple[float, dict[int, float], dict[int, float], str, str]

#: What the child is given beyond the limit to start, load the scenario and build the model.
START_UP_S = 60.0


def plain_highs(scenario: Path, time_limit_s: float) -> Outcome:
    """What a user of HiGHS would do: the identical MILP (the engine's own matrix, built by
    `build_matrix`) handed to HiGHS' MIP solver as it is, one priority level after another, each
    level held at its optimum by a row. No structure-aware step of the engine.

    Returns solve seconds, each solved level's objective and bound, the status and a note.
    """
    import highspy

    from matcher import Scenario
    from matcher.engine import build_model
    from matcher.solvers.highs_runs import run_highs
    from matcher.solvers.mip import build_matrix, highs_lp, quiet_stdout, use_threads

    problem = build_model(Scenario.from_yaml(scenario)).problem
    started = time.perf_counter()
    mm = build_matrix(problem)
    with quiet_stdout():  # the banner the constructor prints
        highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    use_threads(highs, 2)
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.passModel(highs_lp(mm))
    objectives: dict[int, float] = {}
    bounds: dict[int, float] = {}
    everything = np.arange(mm.n_cols, dtype=np.int32)
    for priority in sorted(problem.priorities):
        left = time_limit_s - (time.perf_counter() - started)
        if left <= 0:
            return time.perf_counter() - started, objectives, bounds, "TIME LIMIT", f"level {priority} not reached"
        cost = mm.level_objective(problem, priority)
        highs.changeColsCost(mm.n_cols, everything, cost)
        highs.setOptionValue("time_limit", left)
        status = run_highs(highs)  # rebuilds HiGHS's thread pool for 2 threads when the engine made it for 1
        info = highs.getInfo()
        if info.primal_solution_status != 2:  # no feasible point
            return time.perf_counter() - started, objectives, bounds, "NO SOLUTION", f"level {priority}: {status}"
        objectives[priority] = float(round(info.objective_function_value))
        bounds[priority] = float(np.floor(info.mip_dual_bound + 1e-6))
        if status != highspy.HighsModelStatus.kOptimal:
            return time.perf_counter() - started, objectives, bounds, "TIME LIMIT", f"stopped in level {priority}"
        nz = np.flatnonzero(cost)
        highs.addRow(objectives[priority] - 0.5, highspy.kHighsInf, len(nz), nz.astype(np.int32), cost[nz])
    return time.perf_counter() - started, objectives, bounds, "OPTIMAL", f"{problem.n_pairs:,} pairs"


def run_with_deadline(scenario: Path, time_limit_s: float) -> Outcome:
    """`plain_highs` in a spawned child, stopped when it overruns its limit (see the module docstring)."""
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pending = pool.apply_async(plain_highs, (scenario, time_limit_s))
        try:
            outcome: Outcome = pending.get(timeout=time_limit_s + START_UP_S)
        except multiprocessing.TimeoutError:
            waited = time.perf_counter() - started
            note = f"stopped after {waited:.0f} s: HiGHS had not returned (its presolve does not check the time limit)"
            return waited, {}, {}, "NO ANSWER", note
    return outcome
