"""The Lagrangian back-end against the exact references (solve_mip, solve_assignment).

`random_problem` builds small Problems directly: eligible pairs, capacities, one or two
priority levels of integer coefficients, and up to three rows shaped like the real ones (a
minimum cross share, equal match rates in both directions), each hard or soft with the
fractional penalties the constraint modules use.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.problem import Problem, ProblemInfeasible, ProblemTimeout, Row, Solution
from matcher.solvers import lagrangian
from matcher.solvers.common import FLOAT_EXACT_LIMIT, lexicographic_weights
from matcher.solvers.flow import solve_assignment
from matcher.solvers.mip import solve_mip
from matcher.solvers.settings import SolverSettings
from tests.solvers.problems import mask_problem

EXACT = SolverSettings(time_limit_s=20.0, workers=1, seed=0, relative_gap=1e-9)


def random_problem(
    seed: int,
    n_givers: int,
    n_takers: int,
    levels: int = 2,
    rows: tuple[str, ...] = (),
    soft: bool = False,
    hard_coverage: bool = False,
    density: float = 0.8,
    max_capacity: int = 3,
) -> Problem:
    """A small random Problem; `rows` names the rows to add: "cross" and/or "rates".

    levels=2: coverage (+1 per pair) at priority 1 and an integer score 0-9 at priority 2;
    levels=1: the score alone at priority 1. Soft rows use penalties like the constraint
    modules' (weight / denominator, weight / group size): fractional.
    """
    rng = np.random.default_rng(seed)
    eligible = rng.random((n_givers, n_takers)) < density
    eligible[0, 0] = True  # at least one pair (the MIP reference reports an empty model as a timeout)
    problem = mask_problem(eligible, rng.integers(1, max_capacity + 1, n_givers), 1 if hard_coverage else 0)
    giver, taker, n = problem.giver, problem.taker, problem.n_pairs
    score = rng.integers(0, 10, n)
    if levels == 2:
        if not hard_coverage:
            problem.add_pair_objective(1, np.ones(n, dtype=np.int64))
        problem.add_pair_objective(2, score)
    else:
        problem.add_pair_objective(1, score)
    priority = 1 if levels == 1 else 2
    weight = float(rng.integers(1, 4))
    if "cross" in rows:
        giver_adm = rng.integers(0, 3, n_givers)
        taker_adm = rng.integers(0, 3, n_takers)
        cross = giver_adm[giver] != taker_adm[taker]
        problem.counters["cross-administration pairs"] = cross
        problem.counters["pairs"] = np.ones(n, dtype=bool)
        num, den = [(1, 2), (2, 5), (3, 4)][int(rng.integers(0, 3))]
        problem.rows.append(
            Row(
                "administration",
                "cross",
                "cross share",
                np.where(cross, den - num, -num).astype(float),
                ">=",
                0.0,
                penalty=weight / den if soft else None,
                priority=priority,
            )
        )
    if "rates" in rows:
        man = rng.random(n_takers) < 0.4
        n_man, n_woman = int(man.sum()), int((~man).sum())
        if n_man and n_woman:
            tolerance = [0.0, 0.1, 0.25][int(rng.integers(0, 3))]
            groups = {"w": (~man, n_woman), "m": (man, n_man)}
            for name, (mask, _) in groups.items():
                problem.counters[f"matched {name} adepts"] = mask[taker]
            for g, h in (("w", "m"), ("m", "w")):
                mask_g, n_g = groups[g]
                mask_h, n_h = groups[h]
                coef = np.where(mask_g[taker], n_h, 0) - np.where(mask_h[taker], n_g, 0)
                problem.rows.append(
                    Row(
                        "gender_balance",
                        f"rate.{g}-{h}",
                        "equal rates",
                        coef.astype(float),
                        "<=",
                        float(math.floor(tolerance * n_g * n_h + 1e-9)),
                        penalty=weight / n_h if soft else None,
                        priority=priority,
                    )
                )
    return problem


def reference(problem: Problem) -> Solution | None:
    """solve_mip's answer, None when it proves the problem infeasible.

    HiGHS first; SCIP (also solve_mip) where HiGHS does not settle a tiny problem: it reports
    some infeasible ones (LP-feasible, integer-infeasible, with mentor minimums) as a timeout,
    and stops unproven at level 2 of some three-level problems with fractional penalties."""
    try:
        result = solve_mip(problem, EXACT, "highs")
        if result.status == "OPTIMAL":
            return result
    except ProblemInfeasible:
        return None
    except ProblemTimeout:
        pass
    try:
        return solve_mip(problem, EXACT, "scip")
    except ProblemInfeasible:
        return None


def check_against_mip(problem: Problem, solution: Solution | None, expected: Solution | None) -> None:
    if expected is None:
        assert solution is None, "the reference proved the problem infeasible"
        return
    assert solution is not None, "the back-end raised ProblemInfeasible on a feasible problem"
    assert problem.is_feasible(solution.x)
    assert expected.status == "OPTIMAL"
    for p in problem.priorities:
        assert solution.bounds[p] >= solution.objectives[p] - 1e-9
        assert solution.objectives[p] == pytest.approx(problem.level_value(p, solution.x), abs=1e-9)
    # Bounds are valid: the true optimum does not exceed them (level by level, as long as the
    # earlier levels agree).
    for p in problem.priorities:
        assert expected.objectives[p] <= solution.bounds[p] + 1e-6
        if expected.objectives[p] != pytest.approx(solution.objectives[p], abs=1e-6):
            break
    if solution.status == "OPTIMAL":
        for p in problem.priorities:
            assert solution.objectives[p] == pytest.approx(expected.objectives[p], abs=1e-6)
            assert solution.bounds[p] == pytest.approx(solution.objectives[p], abs=1e-6)


def run(problem: Problem, solver_settings: SolverSettings = EXACT) -> Solution | None:
    try:
        return lagrangian.solve_lagrangian(problem, solver_settings)
    except ProblemInfeasible:
        return None


ROW_SETS = st.sampled_from([(), ("cross",), ("rates",), ("cross", "rates")])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31),
    n_givers=st.integers(1, 7),
    n_takers=st.integers(1, 9),
    levels=st.sampled_from([1, 2]),
    rows=ROW_SETS,
    soft=st.booleans(),
    hard_coverage=st.booleans(),
)
def test_matches_mip(
    seed: int, n_givers: int, n_takers: int, levels: int, rows: tuple[str, ...], soft: bool, hard_coverage: bool
) -> None:
    problem = random_problem(seed, n_givers, n_takers, levels, rows, soft, hard_coverage)
    solution = run(problem)
    check_against_mip(problem, solution, reference(problem))
    if solution is not None:
        assert solution.status == "OPTIMAL"  # small problems: the restricted MIP holds every pair


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31),
    n_givers=st.integers(3, 9),
    n_takers=st.integers(4, 12),
    rows=st.sampled_from([("cross",), ("rates",), ("cross", "rates")]),
    soft=st.booleans(),
)
def test_small_candidate_sets_stay_exact(
    seed: int, n_givers: int, n_takers: int, rows: tuple[str, ...], soft: bool
) -> None:
    """With one candidate per taker the restricted MIPs miss pairs: the LP pricing and the
    reduced-cost window must still give a correct answer and honest bounds."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lagrangian, "CANDIDATES_PER_TAKER", 1)
        patch.setattr(lagrangian, "NEAR_OPTIMAL_XS", 1)
        problem = random_problem(seed, n_givers, n_takers, 2, rows, soft)
        check_against_mip(problem, run(problem), reference(problem))


@settings(max_examples=20, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    n_givers=st.integers(1, 8),
    n_takers=st.integers(1, 10),
    levels=st.sampled_from([1, 2]),
    hard_coverage=st.booleans(),
)
def test_without_rows_equals_assignment(
    seed: int, n_givers: int, n_takers: int, levels: int, hard_coverage: bool
) -> None:
    problem = random_problem(seed, n_givers, n_takers, levels, (), False, hard_coverage)
    try:
        expected = solve_assignment(problem, EXACT)
    except ProblemInfeasible:
        with pytest.raises(ProblemInfeasible):
            lagrangian.solve_lagrangian(problem, EXACT)
        return
    solution = lagrangian.solve_lagrangian(problem, EXACT)
    assert solution.status == "OPTIMAL"
    assert problem.is_feasible(solution.x)
    assert solution.objectives == expected.objectives
    assert solution.bounds == solution.objectives


def test_combined_weights_agree_with_common_helper() -> None:
    """Without soft rows the combined weights are lexicographic_weights' own."""
    problem = random_problem(3, 6, 8, 2, ("cross", "rates"), soft=False)
    expected = lexicographic_weights(problem, FLOAT_EXACT_LIMIT)
    assert expected is not None
    assert np.array_equal(lagrangian.combine_levels(problem).weights, expected)


def test_row_free_optimum_that_meets_the_rows_takes_one_solve() -> None:
    problem = random_problem(5, 6, 8, 2, ("cross",), soft=False)
    problem.rows[0] = replace(problem.rows[0], coef=np.ones(problem.n_pairs), rhs=0.0)  # always holds
    solution = lagrangian.solve_lagrangian(problem, EXACT)
    assert solution.status == "OPTIMAL"
    assert any("one assignment solve" in note for note in solution.notes)


def test_a_row_no_matching_can_meet_is_infeasible() -> None:
    problem = random_problem(7, 5, 6, 2, (), False)
    problem.rows.append(Row("test", "too_many", "more pairs than takers", np.ones(problem.n_pairs), ">=", 7.0))
    with pytest.raises(ProblemInfeasible) as raised:
        lagrangian.solve_lagrangian(problem, EXACT)
    assert raised.value.rows == ["too_many"]


def test_rows_that_cannot_hold_together_are_infeasible() -> None:
    problem = random_problem(8, 5, 6, 2, (), False, density=1.0)
    ones = np.ones(problem.n_pairs)
    problem.rows.append(Row("test", "at_least_3", "at least three pairs", ones, ">=", 3.0))
    problem.rows.append(Row("test", "at_most_2", "at most two pairs", ones, "<=", 2.0))
    with pytest.raises(ProblemInfeasible):
        lagrangian.solve_lagrangian(problem, EXACT)


def test_soft_rows_only_and_fixed_pairs() -> None:
    problem = random_problem(11, 6, 9, 2, ("cross", "rates"), soft=True)
    problem.fixed[[0, len(problem.fixed) - 1]] = True
    solution = lagrangian.solve_lagrangian(problem, EXACT)
    check_against_mip(problem, solution, reference(problem))
    assert solution.x[0] and solution.x[-1]


def test_mentor_minimums_use_min_cost_flow() -> None:
    problem = random_problem(13, 5, 9, 2, ("cross", "rates"), soft=False, density=1.0)
    problem.giver_min = np.minimum(problem.giver_max, 1)
    check_against_mip(problem, run(problem), reference(problem))


def test_deterministic() -> None:
    problem = random_problem(17, 9, 14, 2, ("cross", "rates"), soft=False, max_capacity=1)
    first = lagrangian.solve_lagrangian(problem, EXACT)
    second = lagrangian.solve_lagrangian(problem, EXACT)
    assert np.array_equal(first.x, second.x)
    assert first.objectives == second.objectives


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31),
    n_givers=st.integers(2, 8),
    n_takers=st.integers(2, 10),
    rows=st.sampled_from([("cross",), ("rates",), ("cross", "rates")]),
    soft=st.booleans(),
)
def test_the_quick_attempt_is_exact_or_says_it_is_not(
    seed: int, n_givers: int, n_takers: int, rows: tuple[str, ...], soft: bool
) -> None:
    """`quick=True` (what `auto` tries before mip-highs): an OPTIMAL answer equal to the reference,
    or NotSettled; and `auto` answers with the reference's levels either way."""
    from matcher.solvers.structured import solve_structured

    problem = random_problem(seed, n_givers, n_takers, 2, rows, soft)
    expected = reference(problem)
    try:
        quick: Solution | None = lagrangian.solve_lagrangian(problem, EXACT, quick=True)
    except lagrangian.NotSettled:
        quick = None
    except ProblemInfeasible:
        assert expected is None
        return
    if quick is not None:
        check_against_mip(problem, quick, expected)
    if expected is not None:
        auto = solve_structured(problem, EXACT)
        check_against_mip(problem, auto, expected)
        assert auto.status == "OPTIMAL"


def _combine_reference(problem: Problem) -> dict[str, object]:
    """The combined weights' multipliers and ranges the way `combine_levels` first computed them: a
    float copy of the weights per level and `per_taker` on it (the integer shortcut must agree)."""
    from matcher.solvers.common import per_taker

    comb = lagrangian.combine_levels(problem)  # scale and penalties per unit come from it unchanged
    weights = np.zeros(problem.n_pairs, dtype=np.int64)
    lower_soft = 0.0
    multiplier, lower_lo, level_hi = {}, {}, {}
    max_violation = np.maximum(lagrangian._row_tops(problem, comb.coef) - comb.rhs, 0.0)
    for p in reversed(comb.levels):
        as_float = weights.astype(np.float64)
        lower_range = float(per_taker(problem, np.abs(as_float), "max").sum()) + lower_soft
        lower_lo[p] = float(per_taker(problem, np.minimum(as_float, 0.0), "min").sum()) - lower_soft
        m = int(2 * lower_range + 1)
        multiplier[p] = m
        coef = problem.pair_objective.get(p)
        if coef is not None:
            scaled = coef.astype(np.int64) * comb.scale[p]
            level_hi[p] = float(per_taker(problem, np.maximum(scaled, 0).astype(np.float64), "max").sum())
            weights = scaled * m + weights
        else:
            level_hi[p] = 0.0
        for r, row in enumerate(problem.rows):
            if not row.hard and row.priority == p:
                lower_soft += comb.penalty[r] * max_violation[r]
    as_float = weights.astype(np.float64)
    return {
        "weights": weights,
        "multiplier": multiplier,
        "lower_lo": lower_lo,
        "level_hi": level_hi,
        "total_hi": float(per_taker(problem, np.maximum(as_float, 0.0), "max").sum()),
        "total_lo": float(per_taker(problem, np.minimum(as_float, 0.0), "min").sum()) - lower_soft,
    }


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    levels=st.sampled_from([1, 2]),
    soft=st.booleans(),
    negative=st.booleans(),
    third=st.booleans(),
)
def test_combined_ranges_agree_with_float_reference(
    seed: int, levels: int, soft: bool, negative: bool, third: bool
) -> None:
    """The integer per-taker extremes of `combine_levels` give exactly the multipliers and ranges of
    float copies and `per_taker`: with negative coefficients, a third level, soft rows."""
    problem = random_problem(seed, 5, 7, levels, ("cross", "rates"), soft)
    rng = np.random.default_rng(seed)
    if negative:
        problem.pair_objective[levels] = problem.pair_objective[levels] - 4
    if third:
        problem.add_pair_objective(3, rng.integers(-3, 6, problem.n_pairs))
    comb = lagrangian.combine_levels(problem)
    expected = _combine_reference(problem)
    assert np.array_equal(comb.weights, expected["weights"])
    for name in ("multiplier", "lower_lo", "level_hi", "total_hi", "total_lo"):
        assert getattr(comb, name) == expected[name], name


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31), soft=st.booleans(), n_givers=st.integers(2, 6))
def test_row_free_assignment_reused_as_x_zero(seed: int, soft: bool, n_givers: int) -> None:
    """At capacity 1 with fewer places than takers and no soft row, the dual's x(0) is the row-free
    assignment's x (the same LAPJV matrix): the same answer as solving it again, one solve fewer.
    With a soft row the matrices differ and x(0) is solved again."""
    problem = random_problem(seed, n_givers, n_givers + 3, 2, ("cross", "rates"), soft, max_capacity=1)
    found = solve_assignment(replace(problem, rows=[], counters={}), EXACT)
    handed = replace(found, row_free=found.x)
    alone = lagrangian.solve_lagrangian(problem, EXACT)
    reusing = lagrangian.solve_lagrangian(problem, EXACT, row_free=handed)
    assert np.array_equal(alone.x, reusing.x)
    assert alone.bounds == reusing.bounds and alone.status == reusing.status
    assert any("row-free assignment's" in note for note in reusing.notes) == (not soft)


def test_row_free_x_reused_only_from_an_assignment() -> None:
    """A row-free x from another back-end (min-cost flow) may break ties differently: solved again."""
    problem = random_problem(11, 4, 7, 2, ("cross",), False, max_capacity=1)
    found = solve_assignment(replace(problem, rows=[], counters={}), EXACT)
    other = replace(found, solver="min-cost-flow", row_free=found.x)
    solution = lagrangian.solve_lagrangian(problem, EXACT, row_free=other)
    assert not any("row-free assignment's" in note for note in solution.notes)
