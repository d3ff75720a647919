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

Counters (named sums such as "matched man adepts") get integer variables. Each level is
solved by `countbb.solve_level`: a branch and bound over the counts that keep the flow
integral (`structure.flow_counters`: groups of people, not pair attributes such as "crosses
administrations"), every leaf a flow or a small restricted MIP. The hardest point of the city
sweep (tolerance 0.1, cross share 0.1) took 42-67 s in the full MIP this replaced and now takes
a dozen LPs. Its limits are counted in work (`SolverSettings.node_limit`), never in seconds.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from matcher import progress
from matcher.problem import (
    FloatArray,
    Problem,
    ProblemInfeasible,
    ProblemTimeout,
    Solution,
    dot,
    proven_status,
)
from matcher.solvers.columns import ModelColumns
from matcher.solvers.common import FLOAT_EXACT_LIMIT, lexicographic_multipliers
from matcher.solvers.countbb import pair_window, solve_level
from matcher.solvers.settings import SolverSettings
from matcher.solvers.structure import count_system, counter_groups, flow_counters


@dataclass
class MatrixModel:
    """The MILP in arrays: rows = givers, takers, global rows, counter links."""

    rows: np.ndarray  # coordinate form: row, column and value of each non-zero
    cols: np.ndarray
    vals: FloatArray
    n_rows: int
    row_lower: FloatArray
    row_upper: FloatArray
    col_lower: FloatArray
    col_upper: FloatArray
    integer: np.ndarray  # bool per column
    n_x: int
    slack_of: dict[int, int]  # row index in problem.rows -> slack column
    counter_col: dict[str, int] = field(default_factory=dict)  # counter name -> its column
    _csc: tuple[np.ndarray, np.ndarray, FloatArray] | None = field(default=None, repr=False, compare=False)

    @property
    def n_cols(self) -> int:
        return int(self.col_lower.shape[0])

    def column_wise(self) -> tuple[np.ndarray, np.ndarray, FloatArray]:
        """CSC arrays (start, index, value) with numpy alone: scipy.sparse costs 0.16 s to import.
        Made once (the model and `columns.ModelColumns` both read them); one sort on one key."""
        if self._csc is None:
            order = np.argsort(self.cols.astype(np.int64) * max(self.n_rows, 1) + self.rows, kind="stable")
            start = np.zeros(self.n_cols + 1, dtype=np.int64)
            np.cumsum(np.bincount(self.cols, minlength=self.n_cols), out=start[1:])
            self._csc = (start, self.rows[order], self.vals[order])
        return self._csc

    def csr(self) -> Any:
        import scipy.sparse as sp

        return sp.csr_matrix((self.vals, (self.rows, self.cols)), shape=(self.n_rows, self.n_cols))

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
    col_lower = np.zeros(n_cols)
    col_lower[:n_x] = problem.fixed.astype(float)
    col_upper = np.concatenate([np.ones(n_x), np.full(len(soft), np.inf), [float(m.sum()) for m in counters]])
    integer = np.zeros(n_cols, dtype=bool)
    integer[:n_x] = True
    integer[first_counter:] = True
    return MatrixModel(
        np.concatenate(row_idx).astype(np.int64),
        np.concatenate(col_idx).astype(np.int64),
        np.concatenate(vals).astype(np.float64),
        n_rows,
        np.concatenate(lower),
        np.concatenate(upper),
        col_lower,
        col_upper,
        integer,
        n_x,
        slack_of,
        {name: first_counter + k for k, name in enumerate(problem.counters)},
    )


def level_is_integral(problem: Problem, mm: MatrixModel, coef: FloatArray) -> bool:
    """Whether every matching's best value of this level is an integer, so a bound may be rounded
    down and a level held within half a unit.

    Integral coefficients are not enough: a soft row's slack is continuous, and a row with
    fractional coefficients (or right-hand side) makes it fractional at a 0/1 matching. At a
    best solution each slack is at its least, the row's violation, integral when the row is.
    """
    if not bool(np.all(coef == np.round(coef))):
        return False
    for k, column in mm.slack_of.items():
        if coef[column] != 0:
            row = problem.rows[k]
            if not (bool(np.all(row.coef == np.round(row.coef))) and float(row.rhs).is_integer()):
                return False
    return True


def _fix_slack(integral: bool, value: float) -> float:
    """How much a fixed level may give: half a unit when the level is integral, else a hair."""
    return 0.5 if integral else 1e-7 * max(1.0, abs(value))


def solve_mip_highs(problem: Problem, settings: SolverSettings) -> Solution:
    """The `mip-highs` back-end."""
    return _solve_highs(problem, settings)


def solve_mip_scip(problem: Problem, settings: SolverSettings) -> Solution:
    """The `mip-scip` back-end: SCIP inside the ortools wheel, for cross-checks."""
    return _solve_model_builder(problem, settings, "scip")


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
def quiet_stdout() -> Iterator[None]:
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


def _combined_problem(problem: Problem) -> tuple[Problem, dict[int, int]] | None:
    """The levels folded into one integer objective, when that is exact and safe.

    Exact when every row is hard (no slack penalties): see `lexicographic_weights`.
    One MIP instead of one per level, and its LP is far less degenerate than the
    coverage level's (where every pair is worth 1). Returns the one-level problem and each
    level's multiplier, or None.
    """
    if len(problem.priorities) < 2 or any(not row.hard for row in problem.rows):
        return None
    found = lexicographic_multipliers(problem, FLOAT_EXACT_LIMIT // 1024)
    if found is None:
        return None
    weights, multipliers = found
    return replace(problem, pair_objective={0: weights}), multipliers


def _solve_highs(problem: Problem, settings: SolverSettings) -> Solution:
    folded = _combined_problem(problem)
    if folded is None:
        return _solve_highs_levels(problem, settings)
    one_level, multipliers = folded
    # The folded objective is solved to its exact optimum: a relative gap on it would be
    # measured against the huge multipliers of the upper levels, so a whole lower level could
    # hide inside it (issue 17: "OPTIMAL, gap 0" with a better matching 5 points away). Each
    # level's own gap is then read off the folded bound and judged on its own objective.
    live = _report_levels(problem, multipliers) if progress.watching() else None
    solution = _solve_highs_levels(one_level, settings.but(relative_gap=0.0), live)
    x = solution.x
    values = {p: problem.level_value(p, x) for p in problem.priorities}
    bounds = _level_bounds(problem, multipliers, values, solution.bounds[0]) if 0 in solution.bounds else {}
    notes = ["levels folded into one objective", *solution.notes]
    status = proven_status(problem.priorities, values, bounds, settings.relative_gap)
    return replace(solution, status=status, objectives=values, bounds=bounds, notes=notes)


def _level_bounds(
    problem: Problem, multipliers: dict[int, int], values: dict[int, float], folded_bound: float
) -> dict[int, float]:
    """Each level's proven bound, read off the folded objective's bound U through a matching
    worth `values`. U caps sum_p m_p * level_p. Going down the levels: while each level so far is
    at its own bound, the next level's bound is what U leaves over."""
    bounds: dict[int, float] = {}
    remaining = folded_bound
    for priority in sorted(problem.priorities):
        m = multipliers[priority]
        lower = sum(multipliers[q] * values[q] for q in problem.priorities if q > priority)
        level_bound = float(np.floor((remaining - lower + (m - 1)) / m + 1e-9)) if m > 1 else remaining - lower
        bounds[priority] = max(level_bound, values[priority])
        if bounds[priority] > values[priority]:
            break  # below a level that is not at its bound, no finer bound is claimed
        remaining -= m * values[priority]
    return bounds


def highs_lp(mm: MatrixModel, cols: np.ndarray | None = None) -> Any:
    """The MILP as a highspy.HighsLp, maximising, with a zero objective (each level sets its own);
    over the columns `cols` only, in that order, when given (`columns.ModelColumns`)."""
    import highspy

    from matcher.solvers.columns import _entries

    start, index, nonzeros = mm.column_wise()
    if cols is not None:
        take, counts = _entries(start, cols)
        start = np.zeros(len(cols) + 1, dtype=np.int64)
        np.cumsum(counts, out=start[1:])
        index, nonzeros = index[take], nonzeros[take]
    chosen = slice(None) if cols is None else cols
    n_cols = mm.n_cols if cols is None else len(cols)
    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = mm.n_rows
    lp.col_cost_ = np.zeros(n_cols)
    lp.col_lower_ = mm.col_lower[chosen]
    lp.col_upper_ = mm.col_upper[chosen]
    lp.row_lower_ = mm.row_lower
    lp.row_upper_ = mm.row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = start
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = nonzeros
    lp.sense_ = highspy.ObjSense.kMaximize
    kinds = (highspy.HighsVarType.kContinuous, highspy.HighsVarType.kInteger)
    lp.integrality_ = [kinds[i] for i in mm.integer[chosen].tolist()]
    return lp


#: HiGHS always runs on one thread, whatever `solver.workers` says. Its MIP is parallel only in
#: symmetry detection, and this back-end mostly runs LPs: a serial 100-point city sweep took the
#: same time on one thread as on two (21.2 / 20.9 s against 22.0 / 20.9 s), while on a 2-worker
#: sweep each process's pool of HiGHS threads competed with the other process for the cores.
#: One setting everywhere also means `workers` can never change which pairs mip-highs chooses.
HIGHS_THREADS = 1


def use_threads(highs: Any, threads: int) -> None:
    """Ask for `threads` threads. The pool itself is not rebuilt here: see `highs_runs.run_highs`."""
    highs.setOptionValue("threads", threads)


def _empty_solution(problem: Problem, started: float) -> Solution:
    """No eligible pair: the empty matching, if the bounds and rows allow it."""
    x = np.zeros(0, dtype=bool)
    if not problem.is_feasible(x):
        raise ProblemInfeasible("no eligible pairs, but the rules require some")
    values = {p: problem.level_value(p, x) for p in problem.priorities}
    return Solution(x, "OPTIMAL", values, dict(values), "mip-highs", time.perf_counter() - started)


#: Told during a level's search: (priority, the incumbent matching or None, the level's proven bound);
#: answers whether it reported.
LiveLevel = Callable[[int, np.ndarray | None, float], bool]


def level_caps(problem: Problem) -> dict[int, float]:
    """Per level, the most any matching can reach: each taker's best pair, or each giver's best
    pair times its places, whichever sums lower, counting only pairs that gain anything (soft rows
    only ever subtract). A report's bound is never shown above it."""
    caps: dict[int, float] = {}
    for priority, objective in problem.pair_objective.items():
        gain = np.maximum(np.asarray(objective, dtype=np.float64), 0.0)
        per_taker = np.zeros(problem.n_takers)
        np.maximum.at(per_taker, problem.taker, gain)
        per_giver = np.zeros(problem.n_givers)
        np.maximum.at(per_giver, problem.giver, gain)
        caps[priority] = float(min(per_taker.sum(), (per_giver * problem.giver_max).sum()))
    return caps


def _report_levels(problem: Problem, multipliers: dict[int, int] | None = None) -> LiveLevel:
    """What a level's search tells, reported per level of `problem`: with `multipliers` the search
    is the folded objective's, and each level's bound is read off it through the incumbent (none
    without one); a bound is never shown above what its level can reach (`level_caps`)."""
    caps = level_caps(problem)

    def live(priority: int, x: np.ndarray | None, bound: float) -> bool:
        if multipliers is None:
            best = None if x is None else problem.level_value(priority, x)
            levels = [(priority, best, bound)]
        elif x is None:
            return False
        else:
            values = {p: problem.level_value(p, x) for p in problem.priorities}
            bounds = _level_bounds(problem, multipliers, values, bound)
            levels = [(p, values[p], bounds[p]) for p in sorted(bounds)]
        progress.level_report([(p, best, min(b, caps.get(p, b))) for p, best, b in levels])
        return True

    return live


def _solve_highs_levels(problem: Problem, settings: SolverSettings, live: LiveLevel | None = None) -> Solution:
    import highspy

    started = time.perf_counter()
    if problem.n_pairs == 0:
        return _empty_solution(problem, started)
    mm = build_matrix(problem)
    with quiet_stdout():
        highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    use_threads(highs, HIGHS_THREADS)
    highs.setOptionValue("random_seed", settings.seed)
    # Each level is its own MIP objective here, so HiGHS' relative gap is the level's own.
    highs.setOptionValue("mip_rel_gap", settings.relative_gap)

    deadline = started + settings.time_limit_s  # the safety net only: the search is limited by work
    levels = _levels(problem)
    bounds: dict[int, float] = {}
    x = np.zeros(mm.n_x, dtype=bool)
    known = counter_groups(problem)
    flow_names = flow_counters(problem, known)
    branch = np.array([mm.counter_col[name] for name in flow_names], dtype=np.int32)
    counts = count_system(problem, flow_names, known) if flow_names else None
    # Each person's best pairs by the levels in priority order: the LPs start there and are priced.
    window = pair_window(
        problem.giver, problem.taker, [mm.level_objective(problem, p)[: mm.n_x] for p in sorted(problem.priorities)]
    )
    present = np.ones(mm.n_cols, dtype=bool)
    if window is not None:
        present[: mm.n_x] = window  # the other pairs absent from the model, priced (`columns`)
    cols = ModelColumns(highs, mm, present)
    notes: list[str] = []
    time_limit_hit = False
    tell = (live or _report_levels(problem)) if progress.watching() else None
    for priority in levels:
        coef = mm.level_objective(problem, priority)
        cols.set_cost(coef)
        integral = level_is_integral(problem, mm, coef)
        highs.setOptionValue("mip_abs_gap", 0.999 if integral else 1e-9)
        on_progress = None
        if tell is not None:

            def on_progress(
                values: FloatArray | None, bound: float, priority: int = priority, tell: LiveLevel = tell
            ) -> bool:
                return tell(priority, None if values is None else values[: mm.n_x] > 0.5, bound)

        outcome = solve_level(
            cols, coef, integral, settings.relative_gap, branch, counts, settings.node_limit, deadline, on_progress
        )
        time_limit_hit = time_limit_hit or (outcome is not None and outcome.time_limit_hit)
        if outcome is None:
            if not bounds:
                raise ProblemTimeout("HiGHS found no matching within the work and time limits")
            break  # the levels below keep the last solution, with nothing proven about them
        values, bound, note = outcome.values, outcome.bound, outcome.note
        notes.append(f"priority {priority}: {note}")
        x = values[: mm.n_x] > 0.5
        value = dot(coef, values)
        # A bound proven with this level held at least at the earlier levels' values: the true
        # lexicographic optimum is among those matchings, so the bound holds for it too.
        bounds[priority] = bound
        # Fix this level before optimising the next one.
        cols.add_row(value - _fix_slack(integral, value), np.inf, coef)
    objectives = {p: problem.level_value(p, x) for p in problem.priorities}
    level_bounds = {p: b for p, b in bounds.items() if p in problem.priorities}
    if problem.priorities:
        status = proven_status(problem.priorities, objectives, level_bounds, settings.relative_gap)
    else:
        status = "OPTIMAL"  # no objective: any matching meeting the hard rules is optimal
    if time_limit_hit or time.perf_counter() >= deadline:
        time_limit_hit = True
        notes.append(f"time limit of {settings.time_limit_s:g} s reached: not reproducible")
    return Solution(
        x=x,
        status=status,
        objectives=objectives,
        bounds=level_bounds,
        solver="mip-highs",
        solve_seconds=time.perf_counter() - started,
        notes=notes,
        time_limit_hit=time_limit_hit,
    )


def limit_time(highs: Any, deadline: float) -> None:
    """HiGHS' time_limit counts the instance's whole run time, not this run's: add to it."""
    highs.setOptionValue("time_limit", highs.getRunTime() + max(deadline - time.perf_counter(), 0.05))


def _solve_model_builder(problem: Problem, settings: SolverSettings, engine: str) -> Solution:
    """SCIP (or the HiGHS build) shipped inside the ortools wheel, through model_builder."""
    from ortools.linear_solver.python import model_builder as mb

    started = time.perf_counter()
    mm = build_matrix(problem)
    model = mb.Model()
    helper: Any = model.helper  # its stubs mistype numpy arrays
    helper.fill_model_from_sparse_data(
        mm.col_lower, mm.col_upper, np.zeros(mm.n_cols), mm.row_lower, mm.row_upper, mm.csr()
    )
    for var in np.flatnonzero(mm.integer):
        helper.set_var_integrality(int(var), True)
    variables = model.get_variables()
    deadline = started + settings.time_limit_s
    levels = _levels(problem)
    bounds: dict[int, float] = {}
    x = np.zeros(mm.n_x, dtype=bool)
    for level, priority in enumerate(levels):
        coef = mm.level_objective(problem, priority)
        integral = level_is_integral(problem, mm, coef)
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
            break
        values = solver.values(variables).to_numpy()
        x = values[: mm.n_x] > 0.5
        value = dot(coef, values)
        # SCIP stops within its gap limits and still says OPTIMAL: the bound is its dual bound.
        proven_bound = float(solver.best_objective_bound)
        if not np.isfinite(proven_bound):
            break  # nothing proven for this level, nor (being unfixed) for the levels below it
        bounds[priority] = max(float(np.floor(proven_bound + 1e-6)) if integral else proven_bound, value)
        constraint = helper.add_linear_constraint()
        helper.set_constraint_lower_bound(constraint, value - _fix_slack(integral, value))
        helper.set_constraint_upper_bound(constraint, np.inf)
        helper.add_terms_to_constraint(constraint, [variables[int(i)] for i in nz], coef[nz].tolist())
    objectives = {p: problem.level_value(p, x) for p in problem.priorities}
    level_bounds = {p: b for p, b in bounds.items() if p in problem.priorities}
    return Solution(
        x=x,
        status=proven_status(problem.priorities, objectives, level_bounds, settings.relative_gap),
        objectives=objectives,
        bounds=level_bounds,
        solver=f"mip-{engine}",
        solve_seconds=time.perf_counter() - started,
    )
