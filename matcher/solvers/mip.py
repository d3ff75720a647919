"""MIP back-ends for problems with global rows: HiGHS (highspy) and SCIP (inside the ortools wheel).

Used when global rows (cross share, equal match rates) make the problem more than a flow
and it is small enough for an LP-based branch and bound. The model is handed over in bulk
(one sparse matrix), never variable by variable. Priorities are solved one after another:
level 1 is optimised, its value fixed as a constraint, then level 2, and so on, each level
started from the previous level's solution.

Measured on the city example (120 x 200, 23 k pairs, 7 rows), level 1: highspy 1.16 proves
the optimum in 6 s; the HiGHS 1.12 behind ortools' model_builder ran 45-110 s past a 15 s
limit and returned UNKNOWN; SCIP through model_builder found no solution in 15 s. Hence
`mip-highs` calls highspy directly; `mip-scip` stays for cross-checks.

Counters (named sums such as "matched man adepts") get integer variables: branching on
them settles the equal-match-rate rows in a few nodes where branching on pairs does not.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from matcher.problem import FloatArray, Problem, ProblemInfeasible, ProblemTimeout, Solution, SolverSettings


@dataclass
class MatrixModel:
    """The MILP in arrays: rows = givers, takers, global rows, counter links."""

    matrix: Any  # scipy.sparse.csr_matrix
    row_lower: FloatArray
    row_upper: FloatArray
    col_lower: FloatArray
    col_upper: FloatArray
    integer: np.ndarray  # bool per column
    n_x: int
    slack_of: dict[int, int]  # row index in problem.rows -> slack column

    @property
    def n_cols(self) -> int:
        return int(self.col_lower.shape[0])

    def level_objective(self, problem: Problem, priority: int) -> FloatArray:
        coef = np.zeros(self.n_cols)
        pair_coef = problem.pair_objective.get(priority)
        if pair_coef is not None:
            coef[: self.n_x] = pair_coef
        for k, row in enumerate(problem.rows):
            if not row.hard and row.priority == priority:
                coef[self.slack_of[k]] = -float(row.penalty or 0.0)
        return coef


def build_matrix(problem: Problem) -> MatrixModel:
    import scipy.sparse as sp  # imported here to keep the CLI's start-up short

    n_x = problem.n_pairs
    soft = [i for i, row in enumerate(problem.rows) if not row.hard]
    counters = list(problem.counters.values())
    first_counter = n_x + len(soft)
    n_cols = first_counter + len(counters)
    slack_of = {row_index: n_x + k for k, row_index in enumerate(soft)}
    g_n, t_n = problem.n_givers, problem.n_takers
    pair_ids = np.arange(n_x)
    row_idx = [problem.giver, g_n + problem.taker]
    col_idx = [pair_ids, pair_ids]
    vals = [np.ones(n_x), np.ones(n_x)]
    lower = [problem.giver_min.astype(float), problem.taker_min.astype(float)]
    upper = [problem.giver_max.astype(float), np.ones(t_n)]
    for k, row in enumerate(problem.rows):
        r = g_n + t_n + k
        nz = np.flatnonzero(row.coef)
        row_idx.append(np.full(len(nz), r))
        col_idx.append(nz)
        vals.append(row.coef[nz])
        if not row.hard:
            row_idx.append(np.array([r]))
            col_idx.append(np.array([slack_of[k]]))
            vals.append(np.array([1.0 if row.sense == ">=" else -1.0]))
        lower.append(np.array([row.rhs if row.sense == ">=" else -np.inf]))
        upper.append(np.array([row.rhs if row.sense == "<=" else np.inf]))
    for k, mask in enumerate(counters):
        r = g_n + t_n + len(problem.rows) + k
        members = np.flatnonzero(mask)
        row_idx += [np.full(len(members), r), np.array([r])]
        col_idx += [members, np.array([first_counter + k])]
        vals += [np.ones(len(members)), np.array([-1.0])]
        lower.append(np.array([0.0]))
        upper.append(np.array([0.0]))
    n_rows = g_n + t_n + len(problem.rows) + len(counters)
    matrix = sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(row_idx), np.concatenate(col_idx))), shape=(n_rows, n_cols)
    )
    col_lower = np.zeros(n_cols)
    col_lower[:n_x] = problem.fixed.astype(float)
    col_upper = np.concatenate([np.ones(n_x), np.full(len(soft), np.inf), [float(m.sum()) for m in counters]])
    integer = np.zeros(n_cols, dtype=bool)
    integer[:n_x] = True
    integer[first_counter:] = True
    return MatrixModel(
        matrix, np.concatenate(lower), np.concatenate(upper), col_lower, col_upper, integer, n_x, slack_of
    )


def _fix_slack(coef: FloatArray, value: float) -> float:
    """How much a fixed level may give: half a unit when the level is integral, else a hair."""
    integral = bool(np.all(coef == np.round(coef)))
    return 0.5 if integral else 1e-7 * max(1.0, abs(value))


def solve_mip(problem: Problem, settings: SolverSettings, engine: str = "highs") -> Solution:
    if engine == "highs":
        return _solve_highs(problem, settings)
    if engine == "scip":
        return _solve_model_builder(problem, settings, "scip")
    raise ValueError(f"unknown MIP engine {engine!r}; use highs or scip")


def _levels(problem: Problem) -> list[int]:
    # A problem with no objective still needs one solve, to prove it feasible.
    return problem.priorities or [0]


@contextmanager
def _quiet_stdout() -> Iterator[None]:
    """HiGHS prints a banner on stdout when created, before any option can be set."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _solve_highs(problem: Problem, settings: SolverSettings) -> Solution:
    import highspy

    started = time.perf_counter()
    mm = build_matrix(problem)
    csc = mm.matrix.tocsc()
    with _quiet_stdout():
        highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", max(1, settings.workers))
    highs.setOptionValue("random_seed", settings.seed)
    highs.setOptionValue("mip_rel_gap", settings.relative_gap)
    lp = highspy.HighsLp()
    lp.num_col_ = mm.n_cols
    lp.num_row_ = csc.shape[0]
    lp.col_cost_ = np.zeros(mm.n_cols)
    lp.col_lower_ = mm.col_lower
    lp.col_upper_ = mm.col_upper
    lp.row_lower_ = mm.row_lower
    lp.row_upper_ = mm.row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = csc.indptr
    lp.a_matrix_.index_ = csc.indices
    lp.a_matrix_.value_ = csc.data
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in mm.integer]
    highs.passModel(lp)

    deadline = started + settings.time_limit_s
    levels = _levels(problem)
    bounds: dict[int, float] = {}
    proven = True
    x = np.zeros(mm.n_x, dtype=bool)
    previous: FloatArray | None = None
    all_cols = np.arange(mm.n_cols, dtype=np.int32)
    for level, priority in enumerate(levels):
        coef = mm.level_objective(problem, priority)
        highs.changeColsCost(mm.n_cols, all_cols, coef)
        integral = bool(np.all(coef == np.round(coef)))
        highs.setOptionValue("mip_abs_gap", 0.999 if integral else 1e-9)
        remaining = max(deadline - time.perf_counter(), 0.05)
        highs.setOptionValue("time_limit", remaining / (len(levels) - level))
        if previous is not None:
            start = highspy.HighsSolution()
            start.col_value = list(previous)
            highs.setSolution(start)
        highs.run()
        status = highs.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            raise ProblemInfeasible("HiGHS proved the hard rules cannot all hold")
        info = highs.getInfo()
        has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
        if not has_solution:
            if level == 0:
                raise ProblemTimeout(f"HiGHS: {highs.modelStatusToString(status)}")
            proven = False
            break
        proven = proven and status == highspy.HighsModelStatus.kOptimal
        values = np.asarray(highs.getSolution().col_value)
        x = values[: mm.n_x] > 0.5
        previous = values
        value = float(coef @ values)
        bound = value if status == highspy.HighsModelStatus.kOptimal else max(float(info.mip_dual_bound), value)
        bounds[priority] = float(np.floor(bound + 1e-6)) if integral else bound
        # Fix this level before optimising the next one.
        nz = np.flatnonzero(coef)
        highs.addRow(value - _fix_slack(coef, value), highspy.kHighsInf, len(nz), nz.astype(np.int32), coef[nz])
    return Solution(
        x=x,
        status="OPTIMAL" if proven else "FEASIBLE",
        objectives={p: problem.level_value(p, x) for p in problem.priorities},
        bounds={p: b for p, b in bounds.items() if p in problem.priorities},
        solver="mip-highs",
        solve_seconds=time.perf_counter() - started,
    )


def _solve_model_builder(problem: Problem, settings: SolverSettings, engine: str) -> Solution:
    """SCIP (or the HiGHS build) shipped inside the ortools wheel, through model_builder."""
    from ortools.linear_solver.python import model_builder as mb

    started = time.perf_counter()
    mm = build_matrix(problem)
    model = mb.Model()
    helper: Any = model.helper  # its stubs mistype numpy arrays
    helper.fill_model_from_sparse_data(
        mm.col_lower, mm.col_upper, np.zeros(mm.n_cols), mm.row_lower, mm.row_upper, mm.matrix
    )
    for var in np.flatnonzero(mm.integer):
        helper.set_var_integrality(int(var), True)
    variables = model.get_variables()
    deadline = started + settings.time_limit_s
    levels = _levels(problem)
    bounds: dict[int, float] = {}
    proven = True
    x = np.zeros(mm.n_x, dtype=bool)
    for level, priority in enumerate(levels):
        coef = mm.level_objective(problem, priority)
        integral = bool(np.all(coef == np.round(coef)))
        nz = np.flatnonzero(coef)
        helper.clear_objective()
        helper.set_maximize(True)
        helper.set_objective_coefficients(nz.tolist(), coef[nz].tolist())
        solver = mb.Solver(engine)
        seconds = max(deadline - time.perf_counter(), 0.05) / (len(levels) - level)
        solver.set_time_limit_in_seconds(seconds)
        abs_gap = 0.999 if integral else 1e-9
        solver.set_solver_specific_parameters(
            "\n".join(
                [
                    f"limits/time = {seconds:.3f}",
                    f"randomization/randomseedshift = {settings.seed}",
                    f"limits/gap = {settings.relative_gap}",
                    f"limits/absgap = {abs_gap}",
                ]
            )
        )
        status = solver.solve(model)
        if status == mb.SolveStatus.INFEASIBLE:
            raise ProblemInfeasible(f"{engine} proved the hard rules cannot all hold")
        if status not in (mb.SolveStatus.OPTIMAL, mb.SolveStatus.FEASIBLE):
            if level == 0:
                raise ProblemTimeout(f"{engine}: {status.name}")
            proven = False
            break
        proven = proven and status == mb.SolveStatus.OPTIMAL
        values = solver.values(variables).to_numpy()
        x = values[: mm.n_x] > 0.5
        value = float(coef @ values)
        bounds[priority] = value if status == mb.SolveStatus.OPTIMAL else max(float(solver.best_objective_bound), value)
        constraint = helper.add_linear_constraint()
        helper.set_constraint_lower_bound(constraint, value - _fix_slack(coef, value))
        helper.set_constraint_upper_bound(constraint, np.inf)
        helper.add_terms_to_constraint(constraint, [variables[int(i)] for i in nz], coef[nz].tolist())
    return Solution(
        x=x,
        status="OPTIMAL" if proven else "FEASIBLE",
        objectives={p: problem.level_value(p, x) for p in problem.priorities},
        bounds={p: b for p, b in bounds.items() if p in problem.priorities},
        solver=f"mip-{engine}",
        solve_seconds=time.perf_counter() - started,
    )
