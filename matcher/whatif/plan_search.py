"""Solving the pooled model of `matcher plan`: the fewest recruits, with a proven lower bound.

Capacity 1 goes to the engine's own back-ends (each pool pair is one recruit); larger
capacities to a branch and bound on the few recruit counts over HiGHS LPs (`_branch_on_counts`,
beside `matcher.solvers.mip`, because HiGHS' own MIP took 17-23 s where this takes about a
second on the city example). When no number of recruits can do it, `_no_recruit_helps` and
`_diagnose` say which adepts or rules stand in the way.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace
from typing import Any

import numpy as np

from constraints import MATCHING_RULE, Constraint, Instance
from matcher.domain import BANDS
from matcher.engine import build_problem, solve_problem
from matcher.errors import Conflict
from matcher.problem import (
    BoolArray,
    FloatArray,
    Problem,
    ProblemInfeasible,
    ProblemTimeout,
    Row,
)
from matcher.solvers.highs_runs import run_highs
from matcher.solvers.settings import SolverSettings
from matcher.whatif.plan_pool import NOT_YET_KNOWN, _min_per_recruit, _Pooled


def _solve_pooled(
    pooled: _Pooled,
    problem: Problem,
    capacity: int,
    settings: SolverSettings,
    *,
    tie_break: bool = True,
) -> tuple[FloatArray, np.ndarray, str, int] | None:
    """The MIP over pair variables x and recruit counts n. Returns (x, n, status, bound) or None if infeasible."""
    import highspy

    from matcher.solvers.mip import HIGHS_THREADS, quiet_stdout, use_threads

    started = time.perf_counter()
    n_x, n_pool = problem.n_pairs, len(pooled.classes)
    g_n, t_n = problem.n_givers, problem.n_takers
    first = pooled.first_pool
    low = _min_per_recruit(pooled.constraints, capacity)
    pool_of_pair = problem.giver - first  # >= 0 for pairs with a pool
    in_pool = pool_of_pair >= 0
    hard_rows = [row for row in problem.rows if row.hard]
    n_cols = n_x + n_pool
    rows: list[np.ndarray] = [problem.giver, g_n + problem.taker]
    cols: list[np.ndarray] = [np.arange(n_x), np.arange(n_x)]
    vals: list[np.ndarray] = [np.ones(n_x), np.ones(n_x)]
    # Pools: sum x - capacity * n <= 0 and sum x - low * n >= 0.
    pool_rows = first + np.arange(n_pool)
    extra_rows = g_n + t_n + len(hard_rows)
    rows.append(pool_rows)
    cols.append(n_x + np.arange(n_pool))
    vals.append(np.full(n_pool, -float(capacity)))
    if low > 0:
        rows.append(extra_rows + np.arange(n_pool))
        cols.append(n_x + np.arange(n_pool))
        vals.append(np.full(n_pool, -float(low)))
    rows.append(extra_rows + pool_of_pair[in_pool])
    cols.append(np.flatnonzero(in_pool))
    vals.append(np.ones(int(in_pool.sum())))
    giver_lower = problem.giver_min.astype(float)
    giver_upper = problem.giver_max.astype(float)
    giver_lower[first:], giver_upper[first:] = -np.inf, 0.0
    lower = [giver_lower, problem.taker_min.astype(float)]
    upper = [giver_upper, np.ones(t_n)]
    for k, row in enumerate(hard_rows):
        nz = np.flatnonzero(row.coef)
        rows.append(np.full(len(nz), g_n + t_n + k))
        cols.append(nz)
        vals.append(row.coef[nz])
        lower.append(np.array([row.rhs if row.sense == ">=" else -np.inf]))
        upper.append(np.array([row.rhs if row.sense == "<=" else np.inf]))
    lower.append(np.zeros(n_pool))
    upper.append(np.full(n_pool, np.inf))
    n_rows = extra_rows + n_pool
    row_idx, col_idx, values = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    order = np.lexsort((row_idx, col_idx))
    start = np.zeros(n_cols + 1, dtype=np.int64)
    np.cumsum(np.bincount(col_idx, minlength=n_cols), out=start[1:])

    weight = float(2 * t_n + 1)  # above the largest tie-break (two points per adept)
    cost = np.zeros(n_cols)
    cost[n_x:] = weight
    if tie_break:
        cost[:n_x] = -_tie_break(pooled, problem).astype(float)

    with quiet_stdout():
        highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    use_threads(highs, HIGHS_THREADS)
    highs.setOptionValue("random_seed", settings.seed)
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_abs_gap", 0.999)  # the objective is integral
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n_cols, n_rows
    lp.col_cost_ = cost
    lp.col_lower_ = np.concatenate([problem.fixed.astype(float), np.zeros(n_pool)])
    lp.col_upper_ = np.concatenate([np.ones(n_x), np.full(n_pool, float(t_n))])
    lp.row_lower_ = np.concatenate(lower)
    lp.row_upper_ = np.concatenate(upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = start
    lp.a_matrix_.index_ = row_idx[order].astype(np.int32)
    lp.a_matrix_.value_ = values[order].astype(np.float64)
    lp.sense_ = highspy.ObjSense.kMinimize
    lp.integrality_ = [highspy.HighsVarType.kContinuous] * n_cols
    highs.passModel(lp)
    return _branch_on_counts(highs, n_x, n_pool, weight, started + settings.time_limit_s)


def _branch_on_counts(
    highs: Any, n_x: int, n_pool: int, weight: float, deadline: float
) -> tuple[FloatArray, np.ndarray, str, int] | None:
    """Best-first branch and bound on the recruit counts n only; every node an LP.

    Why not HiGHS' own MIP: it took 17-23 s on the city example (23 k pairs) where this takes
    about a second. With the counts fixed at integers the rest is a b-matching whose LP is
    integral (bounds are integers, the matrix is totally unimodular), so a basic optimum
    with integral counts has integral pairs too -- unless a hard row (e.g. a cross share)
    remains; then that node is solved as a MIP. Objective: W * sum n - tie-break, where the
    tie-break is below W, so a node with LP value L needs at least ceil(L / W) recruits. Nodes
    are pruned on that: the total is proven fewest, the tie-break only steers the search
    (proving it too took a minute on the city example, for no change in the total).
    """
    import heapq

    import highspy

    from matcher.solvers.mip import limit_time

    kind = highspy.HighsVarType
    status_of = highspy.HighsModelStatus
    count_cols = (n_x + np.arange(n_pool)).astype(np.int32)
    base_lower = np.zeros(n_pool)
    base_upper = np.full(n_pool, np.inf)
    # (priority, serial, parent's LP value, lower, upper): best-first by the parent's value, except
    # that until a first plan is found the search dives (the "round a count up" child first).
    queue: list[tuple[float, int, float, FloatArray, FloatArray]] = [(-np.inf, 0, -np.inf, base_lower, base_upper)]
    best: tuple[FloatArray, float, int] | None = None  # solution, objective, recruits
    serial = 1

    def needed(lp_value: float) -> int:
        """Fewest recruits any solution of a node with this LP value has."""
        return max(0, math.ceil(lp_value / weight - 1e-9))

    open_bound = np.inf  # smallest LP value of a node left open when time ran out
    first = True

    def run_node(lower: FloatArray, upper: FloatArray) -> tuple[Any, FloatArray | None]:
        highs.changeColsBounds(n_pool, count_cols, lower, upper)
        limit_time(highs, deadline)
        status = run_highs(highs)
        values = np.asarray(highs.getSolution().col_value) if status == status_of.kOptimal else None
        return status, values

    while queue:
        if time.perf_counter() >= deadline:
            open_bound = min(entry[2] for entry in queue)
            break
        _, _, parent, lower, upper = heapq.heappop(queue)
        if best is not None and needed(parent) >= best[2]:
            continue
        if first:
            # The LP first by primal simplex: the engine measured dual simplex 20x slower on this degenerate LP.
            highs.setOptionValue("simplex_strategy", 4)
        status, values = run_node(lower, upper)
        if first:
            highs.setOptionValue("simplex_strategy", 1)  # later nodes: dual simplex from the last basis
            first = False
        if status in (status_of.kInfeasible, status_of.kUnboundedOrInfeasible):
            continue
        if values is None:  # out of time: the node stays open
            open_bound = min([parent, *(entry[2] for entry in queue)])
            break
        cost = np.asarray(highs.getLp().col_cost_)
        value = float(cost @ values)
        if best is not None and needed(value) >= best[2]:
            continue
        counts = values[n_x:]
        fractional = np.abs(counts - np.round(counts))
        if fractional.max() <= 1e-7:
            pairs = values[:n_x]
            if np.abs(pairs - np.round(pairs)).max() > 1e-7:
                # A remaining row made the pairs fractional: solve this node's box exactly.
                every = np.arange(n_x + n_pool, dtype=np.int32)
                highs.changeColsIntegrality(len(every), every, [kind.kInteger] * len(every))
                status, values = run_node(lower, upper)
                highs.changeColsIntegrality(len(every), every, [kind.kContinuous] * len(every))
                if status != status_of.kOptimal or values is None:
                    if status not in (status_of.kInfeasible, status_of.kUnboundedOrInfeasible):
                        open_bound = min([value, *(entry[2] for entry in queue)])
                        break
                    continue
                value = float(cost @ values)
            rounded = np.round(values)
            if best is None or float(cost @ rounded) < best[1]:
                best = (rounded, float(cost @ rounded), int(rounded[n_x:].sum()))
            continue
        i = int(np.argmax(fractional))
        down_upper, up_lower = upper.copy(), lower.copy()
        down_upper[i] = np.floor(counts[i])
        up_lower[i] = np.ceil(counts[i])
        heapq.heappush(queue, (value, serial, value, lower, down_upper))
        heapq.heappush(queue, (value if best is not None else -np.inf, -serial, value, up_lower, upper))
        serial += 1
    if best is None:
        if open_bound < np.inf:
            raise ProblemTimeout("no plan found within the time limit")
        return None
    solution, _, total = best
    counts = np.round(solution[n_x:]).astype(np.int64)
    bound = total if open_bound == np.inf else min(needed(open_bound), total)
    return solution[:n_x], counts, ("OPTIMAL" if bound >= total else "FEASIBLE"), bound


#: Up to this many eligible pairs a plan with recruits of capacity > 1 is one HiGHS MIP (the
#: engine's own limit for MIPs); beyond, see `_solve_plan`.
MIP_MAX_PAIRS = 150_000


def _constant_rows(problem: Problem) -> tuple[list[Row], list[Row]]:
    """Hard rows split into (varying, broken-for-sure); rows that always hold are dropped.

    With every adept matched exactly once, a row whose coefficient depends on the adept only
    (equal match rates across gender groups) has the same left-hand side in every matching:
    it holds always or never, and need not be in the model.
    """
    varying, broken = [], []
    n_t = problem.n_takers
    for row in problem.rows:
        if not row.hard:
            continue
        low = np.full(n_t, np.inf)
        high = np.full(n_t, -np.inf)
        np.minimum.at(low, problem.taker, row.coef)
        np.maximum.at(high, problem.taker, row.coef)
        if problem.n_pairs and np.all(low == high) and np.all(problem.taker_min == 1):
            lhs = float(low.sum())
            if (row.sense == "<=" and lhs > row.rhs + 1e-9) or (row.sense == ">=" and lhs < row.rhs - 1e-9):
                broken.append(row)
        else:
            varying.append(row)
    return varying, broken


def _plan_problem(pooled: _Pooled, problem: Problem, rows: list[Row], tie_break: bool) -> Problem:
    """For recruits of capacity 1 the plan is an ordinary Problem: each pool pair is one recruit.

    Level 1 maximises minus the recruits; level 2 prefers recruits in the adept's administration.
    """
    in_pool = problem.giver >= pooled.first_pool
    giver_min = problem.giver_min.copy()
    giver_min[pooled.first_pool :] = 0  # n_c = pairs of the pool: lo <= 1 per recruit always holds
    objective = {1: -in_pool.astype(np.int64)}
    if tie_break:
        objective[2] = _tie_break(pooled, problem)
    return replace(
        problem,
        giver_min=giver_min,
        rows=rows,
        pair_objective=objective,
        counters=dict(problem.counters) if rows else {},
    )


def _tie_break(pooled: _Pooled, problem: Problem) -> np.ndarray:
    """Per pair, among plans with the fewest recruits: a point for a recruit in the adept's own
    administration (recruit where the need is), and, when recruits have a gender, a point for
    the adept's gender (where gender does not bind, a recruit like the adept is the natural pick).
    """
    in_pool = problem.giver >= pooled.first_pool
    givers, takers = pooled.inst.givers, pooled.inst.takers
    points = np.zeros(problem.n_pairs, dtype=np.int64)
    for column, applies in (("administration", True), ("gender", any(c.gender for c in pooled.classes))):
        if applies:
            same = givers[column].to_numpy(dtype=object)[problem.giver] == takers[column].to_numpy(dtype=object)[
                problem.taker
            ]
            points += (in_pool & same).astype(np.int64)
    return points


def _solve_plan(
    pooled: _Pooled, problem: Problem, capacity: int, settings: SolverSettings, *, tie_break: bool = True
) -> tuple[FloatArray, np.ndarray, str, int, str] | None:
    """(x, recruits per class, status, proven lower bound on the total, method); None: infeasible.

    Capacity 1: recruits = pool pairs, so the plan is a Problem the engine's own back-ends
    solve exactly (a min-cost flow without rows; with a row, HiGHS or the Lagrangian with
    its dual bound). Larger capacities round up per class (n_c = ceil(pairs / capacity)):
    one HiGHS MIP with integer n_c up to MIP_MAX_PAIRS pairs; beyond, the fewest pool
    pairs F from the engine give the bound ceil(F / capacity) and the rounding is reported
    against it (OPTIMAL only when it meets the bound).
    """
    rows, broken = _constant_rows(problem)
    if broken:
        return None
    if capacity > 1 and problem.n_pairs <= MIP_MAX_PAIRS:
        found = _solve_pooled(pooled, replace(problem, rows=rows), capacity, settings, tie_break=tie_break)
        return None if found is None else (*found, "branch and bound on the recruit counts (HiGHS LPs)")
    try:
        solution = solve_problem(_plan_problem(pooled, problem, rows, tie_break), settings)
    except ProblemInfeasible:
        return None
    flows = _pool_flows(pooled, problem, solution.x)
    counts = -(-flows // capacity)
    level_bound = solution.bounds.get(1)  # no bound from the back-end: nothing is proven
    fewest_pairs = 0 if level_bound is None else math.ceil(-level_bound - 1e-9)
    bound = min(int(counts.sum()), max(0, -(-fewest_pairs // capacity)))
    method = f"{solution.solver} on the pooled matching"
    if counts.sum() > bound:
        # Rounding up per class wasted places. Cap the pools at the bound's recruits -- whole
        # recruits where a class's pairs fill them, the rest to the largest remainders -- and
        # solve again: if that matches everyone, it meets the bound.
        caps = flows // capacity
        spare = bound - int(caps.sum())
        if spare >= 0:
            caps[np.argsort(-(flows % capacity), kind="stable")[:spare]] += 1
            capped = _plan_problem(pooled, problem, rows, tie_break)
            capped.giver_max = capped.giver_max.copy()
            capped.giver_max[pooled.first_pool :] = caps * capacity
            try:
                again = solve_problem(capped, settings)
            except (ProblemInfeasible, ProblemTimeout):
                again = None
            if again is not None:
                solution, flows = again, _pool_flows(pooled, problem, again.x)
                counts = -(-flows // capacity)
                method += ", pools then capped at the bound"
    low = _min_per_recruit(pooled.constraints, capacity)
    if np.any(flows < low * counts):
        found = _solve_pooled(pooled, replace(problem, rows=rows), capacity, settings, tie_break=tie_break)
        return None if found is None else (*found, "branch and bound on the recruit counts (HiGHS LPs)")
    status = "OPTIMAL" if bound == int(counts.sum()) else "FEASIBLE"
    return solution.x.astype(np.float64), counts.astype(np.int64), status, bound, method


def _pool_flows(pooled: _Pooled, problem: Problem, x: BoolArray) -> np.ndarray:
    """Adepts each pool takes in the matching x."""
    pool_of = problem.giver[x] - pooled.first_pool
    return np.bincount(pool_of[pool_of >= 0], minlength=len(pooled.classes)).astype(np.int64)


def _feasible_with_pools(
    pooled: _Pooled, constraints: list[Constraint], capacity: int, settings: SolverSettings
) -> bool:
    """Whether these rules alone let every adept be matched with unlimited recruits."""
    eligible = pooled.eligible(constraints)
    if np.any(eligible.sum(axis=0) == 0):
        return False
    problem, _ = build_problem(pooled.inst, constraints, eligible, with_objective=False)
    try:
        return _solve_plan(pooled, problem, capacity, settings, tie_break=False) is not None
    except ProblemTimeout:
        return False


def _person(inst: Instance, t: int) -> str:
    row = inst.takers.iloc[t]
    return f"{row['id']} ({row['band']}, {row['administration']}, {row['gender']})"


def _kinds(pooled: _Pooled) -> str:
    """The recruit classes in words: 'every administration x Ny/Van/Erfaren x woman/man'."""
    bands = "/".join(b for b in BANDS if any(c.band == b for c in pooled.classes))
    genders = sorted({c.gender for c in pooled.classes if c.gender})
    return f"every administration x {bands}" + (f" x {'/'.join(genders)}" if genders else "")


def _no_recruit_helps(pooled: _Pooled, eligible: BoolArray) -> list[Conflict]:
    """Adepts no existing mentor and no kind of recruit may mentor, and the rules that say so."""
    inst, first = pooled.inst, pooled.first_pool
    conflicts = []
    for t in np.flatnonzero(eligible.sum(axis=0) == 0):
        mentors_left = np.ones(first, dtype=bool)
        kinds_left = np.ones(inst.n_givers - first, dtype=bool)
        steps, names = [], []
        for constraint in pooled.constraints:
            allowed = constraint.filter_mask(inst)
            if allowed is None:
                continue
            before = (int(mentors_left.sum()), int(kinds_left.sum()))
            mentors_left &= allowed[:first, t]
            if constraint.name not in NOT_YET_KNOWN:
                kinds_left &= allowed[first:, t]
            after = (int(mentors_left.sum()), int(kinds_left.sum()))
            if after != before:
                names.append(constraint.name)
                steps.append(
                    f"{constraint.name} leaves {after[0]} of {before[0]} {inst.giver_role}s and {after[1]} of "
                    f"{before[1]} kinds of recruit"
                )
        conflicts.append(
            Conflict(
                [*names, MATCHING_RULE],
                f"{inst.taker_role} {_person(inst, int(t))} cannot be matched even with new recruits: of the "
                f"{first} {inst.giver_role}s and the {len(pooled.classes)} kinds of recruit ({_kinds(pooled)}), "
                f"{', then '.join(steps)}. Recruiting does not help: relax {' or '.join(names) or 'these rules'} "
                "for them, or make coverage soft.",
                [str(inst.takers["id"].iat[int(t)])],
            )
        )
    return conflicts


def _diagnose(pooled: _Pooled, original: Instance, capacity: int, settings: SolverSettings) -> list[Conflict]:
    """A minimal set of rules that, even with unlimited recruits, cannot all hold (deletion filter)."""
    needed = [c for c in pooled.constraints if not c.decides_matching]
    coverage = [c for c in pooled.constraints if c.decides_matching]
    for constraint in list(needed):
        trial = [c for c in needed if c is not constraint]
        if not _feasible_with_pools(pooled, coverage + trial, capacity, settings):
            needed = trial
    low = _min_per_recruit(pooled.constraints, capacity)
    words = "; ".join(
        f"{c.name}: {c.conflict_words(original).render('en', original.program)}"
        + (f", and each recruit (capacity {capacity}) at least {low}" if c.name == "capacity" and low else "")
        for c in needed
    )
    return [
        Conflict(
            [*(c.name for c in needed), MATCHING_RULE],
            f"no number of new recruits lets every {original.taker_role} be matched: "
            + (f"these rules stand in the way — {words}. " if needed else "")
            + "Relax one of them, or make coverage soft.",
        )
    ]


