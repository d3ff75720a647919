"""CP-SAT back-end: the whole model for OR-Tools' CP-SAT, for cross-checks on small and medium
problems (the Lagrangian and MIP back-ends are the ones for a city).

The CpModelProto is filled in bulk: the 0/1 pair variables by doubling a one-variable proto
with `merge_from` (no Python loop per variable), one at-most-one (or exactly-one under hard
coverage) per taker, one linear constraint per giver and per global row, the objective and
the hints as whole lists.

Priorities are solved one after another, as `mip.solve_mip` does: level 1 is maximised, then
`level_1 >= achieved` is added, the last solution is given as a hint, and level 2 is
maximised, and so on. CP-SAT needs integer coefficients:

* a row whose coefficients or right-hand side are fractions is multiplied by the least common
  denominator of its values (denominators up to 10^6; its slack is in those scaled units);
* each level's objective is multiplied by one integer factor D_p, the least common multiple
  of the denominators of its soft rows' penalties per scaled unit (e.g. 1/195 from an equal-
  rate row, 1/5 from a cross share), so every coefficient is an integer and nothing is
  rounded. If that factor would exceed 10^6 (a penalty that is no small fraction), D_p is
  PENALTY_SCALE = 1000 and the penalties are rounded to 1/1000: then, and only then, the
  optimum may differ from the exact one by the rounding, and no bound is claimed for that
  level (it would be the rounded level's). Values and bounds are reported in
  the level's own units (divided by D_p); values are recomputed with `problem.level_value`.

Parameters: num_workers = settings.workers, random_seed = settings.seed, a deterministic
work limit per level (`max_deterministic_time`, DETERMINISTIC_SECONDS_PER_NODE x node_limit)
with the time limit only as a safety net (a level it stops sets `time_limit_hit`),
relative_gap_limit = settings.relative_gap; with one worker
linearization_level = 2 (measured: proves assignments much faster); with several workers
interleave_search, which keeps the search deterministic. The first level is hinted with the
row-free flow optimum when one of the flow back-ends applies; when that optimum meets every
row it is returned as optimal at once (it bounds every level).
"""

from __future__ import annotations

import math
import time
from dataclasses import replace
from fractions import Fraction

import numpy as np
from ortools.sat.python import cp_model

from matcher.problem import (
    BoolArray,
    FloatArray,
    IntArray,
    Problem,
    ProblemInfeasible,
    ProblemTimeout,
    Solution,
    proven_status,
)
from matcher.solvers.common import MAX_DENOMINATOR, integral_scale
from matcher.solvers.flow import solve_assignment, solve_min_cost_flow
from matcher.solvers.registry import NotApplicable
from matcher.solvers.settings import SolverSettings

#: The objective factor used when a level's penalties are no small fractions.
PENALTY_SCALE = 1000
#: CP-SAT's deterministic time (its own work units, about a second each on a fast machine) per
#: unit of `SolverSettings.node_limit`: the default 20,000 gives each level 20 units.
DETERMINISTIC_SECONDS_PER_NODE = 0.001


def _penalty_fraction(value: float) -> Fraction | None:
    """The penalty as a fraction with denominator <= MAX_DENOMINATOR, if it is one."""
    frac = Fraction(value).limit_denominator(MAX_DENOMINATOR)
    return frac if abs(float(frac) - value) <= 4e-15 * abs(value) else None


def _bool_variables(model: cp_model.CpModel, count: int) -> None:
    """Append `count` 0/1 variables to the proto by doubling a one-variable block."""
    block = cp_model.CpModel().proto
    block.variables.add().domain.extend([0, 1])
    while count:
        if count & 1:
            model.proto.merge_from(block)
        count >>= 1
        if count:
            twin = cp_model.CpModel().proto
            twin.copy_from(block)
            block.merge_from(twin)


def _groups(index: IntArray, size: int) -> list[list[int]]:
    """Pair indices grouped by `index` (a giver or taker per pair), as Python lists."""
    order = np.argsort(index, kind="stable")
    cuts = np.searchsorted(index[order], np.arange(1, size))
    return [part.tolist() for part in np.split(order, cuts)]


def _max_positive(problem: Problem, coef: FloatArray) -> float:
    """Largest value of sum_e coef_e x_e over matchings (each taker in one pair at most)."""
    best = np.zeros(problem.n_takers)
    np.maximum.at(best, problem.taker, np.maximum(coef, 0.0))
    return float(best.sum())


def _row_free_hint(problem: Problem, settings: SolverSettings) -> BoolArray | None:
    """The flow optimum without rows (a good start for the first level), if a flow applies.

    Only when no pair is locked: the flow back-ends leave locked pairs to the engine."""
    if problem.fixed.any():
        return None
    relaxed = replace(problem, rows=[])
    for backend in (solve_assignment, solve_min_cost_flow):
        try:
            return backend(relaxed, settings).x
        except (NotApplicable, ProblemInfeasible):
            continue
    return None


def _meets_every_row(problem: Problem, x: BoolArray) -> bool:
    return problem.is_feasible(x) and all(row.violation(x) <= 0 for row in problem.rows)


def solve_cpsat(problem: Problem, settings: SolverSettings) -> Solution:
    started = time.perf_counter()
    deadline = started + settings.time_limit_s
    time_limit_hit = False
    n = problem.n_pairs
    hint = _row_free_hint(problem, settings)
    if hint is not None and _meets_every_row(problem, hint):
        # The row-free lexicographic optimum is an upper bound at every level; meeting every
        # row (and leaving no soft row violated) it is optimal. CP-SAT would only re-prove it
        # (measured: 20 k pairs with a complete feasible hint, still UNKNOWN after 5 s of presolve).
        values = {p: problem.level_value(p, hint) for p in problem.priorities}
        return Solution(
            x=hint,
            status="OPTIMAL",
            objectives=values,
            bounds=dict(values),
            solver="cp-sat",
            solve_seconds=time.perf_counter() - started,
            notes=["the row-free flow optimum meets every row: optimal without CP-SAT"],
        )
    model = cp_model.CpModel()
    _bool_variables(model, n)
    proto = model.proto
    for e in np.flatnonzero(problem.fixed):
        domain = proto.variables[int(e)].domain
        domain.clear()
        domain.extend([1, 1])

    for pairs, low, high in zip(
        _groups(problem.giver, problem.n_givers), problem.giver_min, problem.giver_max, strict=True
    ):
        if low > 0 or high < len(pairs):
            linear = proto.constraints.add().linear
            linear.vars.extend(pairs)
            linear.coeffs.extend([1] * len(pairs))
            linear.domain.extend([int(low), int(high)])
    for pairs, low in zip(_groups(problem.taker, problem.n_takers), problem.taker_min, strict=True):
        if low > 0:
            proto.constraints.add().exactly_one.literals.extend(pairs)
        elif len(pairs) > 1:
            proto.constraints.add().at_most_one.literals.extend(pairs)

    # Global rows, integral; soft rows get a slack variable in the row's scaled units.
    slack_of: dict[int, int] = {}
    unit_penalty: dict[int, tuple[float, int]] = {}  # (penalty, row scale k): penalty / k per unit of slack
    for r, row in enumerate(problem.rows):
        k = integral_scale(np.append(row.coef, row.rhs), "cp-sat")
        sign = 1 if row.sense == "<=" else -1  # as "<=": sign * k * coef . x <= sign * k * rhs
        coef = np.round(sign * k * row.coef).astype(np.int64)
        rhs = round(sign * k * row.rhs)
        nz = np.flatnonzero(coef)
        linear = proto.constraints.add().linear
        linear.vars.extend(nz.tolist())
        linear.coeffs.extend(coef[nz].tolist())
        if not row.hard:
            slack = len(proto.variables)
            top = max(0, math.ceil(_max_positive(problem, coef.astype(np.float64)) - rhs))
            proto.variables.add().domain.extend([0, top])
            linear.vars.append(slack)
            linear.coeffs.append(-1)
            slack_of[r] = slack
            unit_penalty[r] = (float(row.penalty or 0.0), k)
        linear.domain.extend([-(2**62), rhs])

    if hint is not None:
        proto.solution_hint.vars.extend(range(n))
        proto.solution_hint.values.extend(hint.astype(np.int64).tolist())

    objectives: dict[int, float] = {}
    bounds: dict[int, float] = {}
    x = np.zeros(n, dtype=bool)
    notes: list[str] = []
    # With no objective at all (hard rules only) one solve still has to find a feasible x.
    levels = problem.priorities or [0]
    for position, priority in enumerate(levels):
        vars_, coeffs, factor, exact = _level_objective(problem, priority, slack_of, unit_penalty, notes)
        proto.clear_objective()
        objective = proto.objective
        objective.vars.extend(vars_)
        objective.coeffs.extend([-c for c in coeffs])  # CP-SAT minimises; scaling -1 reports the max
        objective.scaling_factor = -1.0
        solver = cp_model.CpSolver()
        parameters = solver.parameters
        parameters.num_workers = max(1, settings.workers)
        parameters.random_seed = settings.seed
        parameters.relative_gap_limit = settings.relative_gap
        parameters.absolute_gap_limit = 0.5
        remaining = max(deadline - time.perf_counter(), 0.1)
        parameters.max_time_in_seconds = remaining
        parameters.max_deterministic_time = DETERMINISTIC_SECONDS_PER_NODE * settings.node_limit
        if settings.workers <= 1:
            parameters.linearization_level = 2
        else:
            parameters.interleave_search = True
        status = solver.solve(model)
        if status != cp_model.OPTIMAL and solver.wall_time >= remaining * 0.99:
            time_limit_hit = True
        if status == cp_model.INFEASIBLE:
            raise ProblemInfeasible("CP-SAT proved the hard rules cannot all hold")
        if status == cp_model.MODEL_INVALID:
            raise RuntimeError(f"cp-sat: invalid model: {model.validate()}")
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if position == 0:
                raise ProblemTimeout(f"cp-sat: {solver.status_name(status)}")
            break
        solution = np.asarray(solver.response_proto.solution, dtype=np.int64)
        x = solution[:n] > 0
        value = round(solver.objective_value)
        objectives[priority] = value / factor
        if exact:  # with rounded penalties the bound is the rounded level's, not this one's: none is claimed
            bounds[priority] = max(math.floor(solver.best_objective_bound + 1e-6), value) / factor
        # Fix this level (in its integer units) and hint the solution for the next one.
        linear = proto.constraints.add().linear
        linear.vars.extend(vars_)
        linear.coeffs.extend(coeffs)
        linear.domain.extend([value, 2**62])
        proto.clear_solution_hint()
        proto.solution_hint.vars.extend(range(len(solution)))
        proto.solution_hint.values.extend(solution.tolist())
    values = {p: problem.level_value(p, x) for p in problem.priorities}
    # A level CP-SAT did not reach has nothing proven: no bound, never its value as one.
    bounds = {p: max(bounds[p], values[p]) for p in problem.priorities if p in bounds}
    return Solution(
        x=x,
        status=proven_status(problem.priorities, values, bounds, settings.relative_gap),
        objectives=values,
        bounds=bounds,
        solver="cp-sat",
        solve_seconds=time.perf_counter() - started,
        notes=[*notes, "time limit reached: not reproducible"] if time_limit_hit else notes,
        time_limit_hit=time_limit_hit,
    )


def _level_objective(
    problem: Problem,
    priority: int,
    slack_of: dict[int, int],
    unit_penalty: dict[int, tuple[float, int]],
    notes: list[str],
) -> tuple[list[int], list[int], int, bool]:
    """Variables, integer coefficients and factor D of level `priority` (scaled by D), and whether
    they are exact (False: the soft penalties had to be rounded)."""
    soft = [r for r in slack_of if problem.rows[r].priority == priority]
    factor = 1
    exact: dict[int, Fraction] = {}
    for r in soft:
        penalty, k = unit_penalty[r]
        frac = _penalty_fraction(penalty)
        if frac is None:
            factor = MAX_DENOMINATOR + 1
            continue
        exact[r] = frac / k
        factor = math.lcm(factor, exact[r].denominator)
    rounded = factor > MAX_DENOMINATOR
    if rounded:
        factor = PENALTY_SCALE
        exact = {}
        notes.append(
            f"level {priority}: soft penalties rounded to 1/{PENALTY_SCALE} (its optimum and bound are those of "
            "the rounded penalties)"
        )
    vars_: list[int] = []
    coeffs: list[int] = []
    pair_coef = problem.pair_objective.get(priority)
    if pair_coef is not None:
        nz = np.flatnonzero(pair_coef)
        vars_.extend(nz.tolist())
        coeffs.extend((pair_coef[nz].astype(np.int64) * factor).tolist())
    for r in soft:
        penalty, k = unit_penalty[r]
        vars_.append(slack_of[r])
        if r in exact:
            scaled = exact[r] * factor
            assert scaled.denominator == 1
            coeffs.append(-scaled.numerator)
        else:
            coeffs.append(-round(penalty / k * factor))
    return vars_, coeffs, factor, not rounded


__all__ = ["PENALTY_SCALE", "solve_cpsat"]
