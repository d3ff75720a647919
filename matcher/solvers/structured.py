"""`auto` for a problem with global rows: structure first, at every size.

1. The row-free optimum: the b-matching without its rows is a flow, solved exactly in a
   fraction of a second by the flow back-ends (`flow.py`).
2. The rows checked by counting over the chosen pairs: when every hard row holds and no soft
   row is broken, that matching is optimal for the whole problem (its value bounds every level)
   -- the common case of a cohort with room to spare: one assignment solve, nothing else built.
3. Otherwise the method that fits the size: `mip-highs` (a branch and bound over group counts
   whose leaves are flows, `countbb.py`) up to MIP_MAX_PAIRS eligible pairs, the `lagrangian`
   back-end (the rows priced around the same flow) beyond, both with the dual bound as
   certificate. Up to MIP_MAX_PAIRS the cheap steps of `lagrangian` go first (its dual and one
   restricted MIP, a few assignment solves): when they prove the optimum, no HiGHS model is
   built (100 x 150 at capacity 1: 0.01 s against 0.15 s); when they leave a gap, mip-highs
   answers. Which one answers depends on the bound and the incumbent, never on the clock.
   Before them, when whole numbers of people cost matches (`countflow.whole_counts_bind`: the
   count rows, with one count set to each of its whole values, let fewer takers match than
   over the root box), the LP bound and so the Lagrangian dual's cannot be reached: the count
   boxes of `countflow` go first (300 x 450 at capacity 1: two capped assignment solves where
   the Lagrangian's steps and mip-highs took 0.09 + 0.3 s), and the others answer when they
   give up. That order is read from the rows, not the clock.
"""

from __future__ import annotations

import time
from dataclasses import replace

from matcher.problem import Problem, ProblemInfeasible, Solution
from matcher.solvers.registry import MIP_MAX_PAIRS, NotApplicable
from matcher.solvers.settings import SolverSettings

#: A row counts as held when its violation is below this (rows have integral or small-fraction
#: coefficients, so a real violation is far larger).
HELD = 1e-9


def row_free_optimum(problem: Problem, settings: SolverSettings) -> Solution | None:
    """The exact optimum without the rows, as a Solution of `problem` when it meets every row
    (hard rows held, soft rows unbroken); None when a row is broken or no flow back-end applies."""
    found = _row_free(problem, settings)
    return found if found is not None and found.row_free is None else None


def _row_free(problem: Problem, settings: SolverSettings) -> Solution | None:
    """row_free_optimum, and when a row is broken there, a Solution whose `row_free` alone is
    meaningful (the optimum without the rows); None when no flow back-end applies."""
    from matcher.solvers.flow import solve_assignment, solve_min_cost_flow

    started = time.perf_counter()
    bare = replace(problem, rows=[], counters={})
    found: Solution | None = None
    for backend in (solve_assignment, solve_min_cost_flow):
        try:
            found = backend(bare, settings)
            break
        except NotApplicable:
            continue
        except ProblemInfeasible:
            raise  # no matching meets even the bounds: the rows cannot help
    if found is None:
        return None
    x = found.x
    if any(row.violation(x) > HELD for row in problem.rows):
        return replace(found, row_free=x)
    values = {p: problem.level_value(p, x) for p in problem.priorities}
    note = f"row-free optimum meets every row: one {found.solver} solve ({found.solve_seconds:.2f} s)"
    return Solution(x, "OPTIMAL", values, dict(values), found.solver, time.perf_counter() - started, [note])


def solve_structured(problem: Problem, settings: SolverSettings) -> Solution:
    """The `auto` choice for a problem with rows (see the module docstring)."""
    started = time.perf_counter()
    found = _row_free(problem, settings)
    if found is not None and found.row_free is None:
        return found  # the row-free optimum meets every row
    # Imported past that return: a cohort with room to spare (the example cohort) never loads
    # the Lagrangian or HiGHS modules, nor scipy.sparse with them (about 0.1 s together).
    from matcher.solvers.countflow import solve_count_boxes
    from matcher.solvers.lagrangian import solve_lagrangian
    from matcher.solvers.mip import solve_mip_highs

    row_free = None if found is None else found.row_free
    spent = time.perf_counter() - started
    rest = settings.but(time_limit_s=max(settings.time_limit_s - spent, 0.1))
    if problem.n_pairs > MIP_MAX_PAIRS:
        try:
            solution = solve_lagrangian(problem, rest, row_free=found)
        except NotApplicable:
            solution = solve_mip_highs(problem, rest)
    else:
        counted = _proven(solve_count_boxes(problem, rest))
        if counted is not None:
            return replace(counted, solve_seconds=time.perf_counter() - started, row_free=row_free)
        quick_started = time.perf_counter()
        quick = _quick_lagrangian(problem, rest)
        quick_seconds = time.perf_counter() - quick_started
        if quick is not None:
            return replace(quick, solve_seconds=time.perf_counter() - started, row_free=row_free)
        spent = time.perf_counter() - started
        solution = solve_mip_highs(problem, settings.but(time_limit_s=max(settings.time_limit_s - spent, 0.1)))
        note = f"lagrangian's dual and first restricted MIP left a gap ({quick_seconds:.2f} s)"
        solution = replace(solution, notes=[note, *solution.notes])
    return replace(solution, solve_seconds=time.perf_counter() - started, row_free=row_free)


def _quick_lagrangian(problem: Problem, settings: SolverSettings) -> Solution | None:
    """The lagrangian back-end's cheap steps, kept only when they prove the optimum (None else).
    A run page listening hears the proven levels once (mip-highs reports while it searches)."""
    from matcher.solvers.lagrangian import solve_lagrangian

    try:
        solution = solve_lagrangian(problem, settings, quick=True)
    except NotApplicable:
        return None
    return _proven(solution)


def _proven(solution: Solution | None) -> Solution | None:
    """The solution when it is proven optimal (a run page listening hears its levels), else None."""
    from matcher import progress

    if solution is None or solution.status != "OPTIMAL" or solution.time_limit_hit:
        return None
    if progress.watching():
        progress.level_report([(p, solution.objectives[p], solution.bounds[p]) for p in sorted(solution.bounds)])
    return solution
