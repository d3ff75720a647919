"""Network-flow back-ends for the core without global rows: exact and fast.

The b-matching polytope is integral, so with no global row the lexicographic optimum is
a min-cost flow (OR-Tools) or, when no mentor has a minimum, a rectangular assignment
(scipy's Jonker-Volgenant `linear_sum_assignment` on capacity-expanded rows).
"""

from __future__ import annotations

import time

import numpy as np

from matcher.problem import BoolArray, Problem, ProblemInfeasible, Solution
from matcher.solvers.common import FLOAT_EXACT_LIMIT, INT_COST_LIMIT, lexicographic_weights, linear_sum_assignment
from matcher.solvers.registry import NotApplicable
from matcher.solvers.settings import SolverSettings

#: Largest dense cost matrix (entries) the assignment back-end builds: 400 M floats = 3.2 GB.
MAX_DENSE_ENTRIES = 400_000_000


def _solution(problem: Problem, x: BoolArray, solver: str, seconds: float) -> Solution:
    values = {p: problem.level_value(p, x) for p in problem.priorities}
    return Solution(x=x, status="OPTIMAL", objectives=values, bounds=dict(values), solver=solver, solve_seconds=seconds)


def solve_min_cost_flow(problem: Problem, settings: SolverSettings) -> Solution:
    """Source -> givers (capacity, minimums as supplies) -> takers -> sink, plus a bypass arc."""
    if problem.rows:
        raise NotApplicable("global rows need a MIP or Lagrangian back-end")
    weights = lexicographic_weights(problem, INT_COST_LIMIT)
    if weights is None:
        raise NotApplicable("objective levels too wide for one integer cost")
    started = time.perf_counter()
    g_n, t_n = problem.n_givers, problem.n_takers
    source, sink = g_n + t_n, g_n + t_n + 1
    giver_nodes = np.arange(g_n, dtype=np.int64)
    taker_nodes = g_n + np.arange(t_n, dtype=np.int64)
    tails = np.concatenate([np.full(g_n, source), problem.giver, taker_nodes, [source]])
    heads = np.concatenate([giver_nodes, g_n + problem.taker, np.full(t_n, sink), [sink]])
    capacities = np.concatenate(
        [
            problem.giver_max - problem.giver_min,
            np.ones(problem.n_pairs, np.int64),
            1 - problem.taker_min,
            [t_n],
        ]
    )
    costs = np.concatenate([np.zeros(g_n, np.int64), -weights, np.zeros(t_n, np.int64), [0]])
    supplies = np.zeros(g_n + t_n + 2, dtype=np.int64)
    # Lower bounds l on an arc u->v become supplies: u sends l less, v has l more.
    supplies[source] = t_n - int(problem.giver_min.sum())
    supplies[giver_nodes] += problem.giver_min
    supplies[taker_nodes] -= problem.taker_min
    supplies[sink] = -t_n + int(problem.taker_min.sum())
    from ortools.graph.python import min_cost_flow  # imported on use: 0.1 s of start-up otherwise

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), capacities.astype(np.int64), costs.astype(np.int64)
    )
    flow.set_nodes_supplies(np.arange(g_n + t_n + 2, dtype=np.int32), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise ProblemInfeasible(f"no flow meets capacities, minimums and coverage ({status.name})")
    pair_arcs = np.arange(g_n, g_n + problem.n_pairs, dtype=np.int32)
    x = flow.flows(pair_arcs) > 0
    return _solution(problem, x, "min-cost-flow", time.perf_counter() - started)


def solve_assignment(problem: Problem, settings: SolverSettings) -> Solution:
    """Rows are givers' places (capacity-expanded) plus one 'unmatched' row per taker unless
    coverage is hard; columns are takers. Ineligible pairs cost +inf."""
    if problem.rows:
        raise NotApplicable("global rows need a MIP or Lagrangian back-end")
    if problem.giver_min.any():
        raise NotApplicable("mentor minimums need the min-cost-flow back-end")
    coverage_hard = bool(problem.taker_min.all()) and problem.n_takers > 0
    if problem.taker_min.any() and not coverage_hard:
        raise NotApplicable("partial taker minimums need the min-cost-flow back-end")
    slots = int(problem.giver_max.sum())
    n_rows = slots + (0 if coverage_hard else problem.n_takers)
    if n_rows * problem.n_takers > MAX_DENSE_ENTRIES:
        raise NotApplicable("too large for a dense assignment matrix")
    weights = lexicographic_weights(problem, FLOAT_EXACT_LIMIT)
    if weights is None:
        raise NotApplicable("objective levels too wide for float64")
    started = time.perf_counter()
    if problem.n_takers == 0 or (problem.n_pairs == 0 and coverage_hard):
        if coverage_hard and problem.n_takers:
            raise ProblemInfeasible("no eligible pairs but every taker must be matched")
        return _solution(problem, np.zeros(problem.n_pairs, bool), "assignment", time.perf_counter() - started)
    if coverage_hard and slots < problem.n_takers:
        raise ProblemInfeasible("fewer places than takers, and every taker must be matched")
    # When every eligible pair is worth making, an ineligible cell can cost 0 and stand for "this
    # place (or taker) stays empty": a max-weight matching extends to a full assignment of the
    # smaller side at no cost, so no 'unmatched' rows are needed (the matrix is slots x takers,
    # not (slots + takers) x takers: 2.5 times fewer rows at city scale with capacity 1).
    fill_free = not coverage_hard and bool(problem.n_pairs) and float(weights.min()) > 0
    giver_cost = np.zeros((problem.n_givers, problem.n_takers)) if fill_free else np.full(
        (problem.n_givers, problem.n_takers), np.inf
    )
    giver_cost[problem.giver, problem.taker] = np.negative(weights, dtype=np.float64)
    slot_giver = np.repeat(np.arange(problem.n_givers), problem.giver_max)
    # Every giver with one place: the slots are the givers, no copy of the matrix (48 MB at 2,000 x 3,000).
    cost = giver_cost if bool(np.all(problem.giver_max == 1)) else giver_cost[slot_giver]
    if not coverage_hard and not fill_free:
        cost = np.vstack([cost, np.zeros((problem.n_takers, problem.n_takers))])
    try:
        rows, cols = linear_sum_assignment(cost)
    except ValueError as exc:  # scipy: "cost matrix is infeasible"
        raise ProblemInfeasible("no assignment matches every taker to an eligible giver") from exc
    real = rows < slots
    chosen = np.zeros((problem.n_givers, problem.n_takers), dtype=bool)
    chosen_g, chosen_t = slot_giver[rows[real]], cols[real]
    # Only keep pairs that are worth it (a zero-weight pair and 'unmatched' tie: leave it out).
    worth = -cost[rows[real], chosen_t] > 0 if not coverage_hard else np.ones(len(chosen_t), bool)
    chosen[chosen_g[worth], chosen_t[worth]] = True
    x = chosen[problem.giver, problem.taker]
    return _solution(problem, x, "assignment", time.perf_counter() - started)
