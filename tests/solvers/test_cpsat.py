"""The CP-SAT back-end against the HiGHS MIP reference, on the same random Problems as the
Lagrangian tests (`random_problem` in test_lagrangian.py)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_lagrangian import EXACT, check_against_mip, random_problem, reference

from matcher.problem import Problem, ProblemInfeasible, Row, Solution
from matcher.solvers.cpsat import PENALTY_SCALE, solve_cpsat
from matcher.solvers.settings import SolverSettings


def run(problem: Problem, solver_settings: SolverSettings = EXACT) -> Solution | None:
    try:
        return solve_cpsat(problem, solver_settings)
    except ProblemInfeasible:
        return None


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31),
    n_givers=st.integers(1, 7),
    n_takers=st.integers(1, 9),
    levels=st.sampled_from([1, 2]),
    rows=st.sampled_from([(), ("cross",), ("rates",), ("cross", "rates")]),
    soft=st.booleans(),
    hard_coverage=st.booleans(),
    mentor_minimums=st.booleans(),
    fixed=st.booleans(),
)
def test_matches_mip(
    seed: int,
    n_givers: int,
    n_takers: int,
    levels: int,
    rows: tuple[str, ...],
    soft: bool,
    hard_coverage: bool,
    mentor_minimums: bool,
    fixed: bool,
) -> None:
    problem = random_problem(seed, n_givers, n_takers, levels, rows, soft, hard_coverage)
    if mentor_minimums:
        problem.giver_min = np.minimum(problem.giver_max, 1)
    if fixed:
        problem.fixed[0] = True
    solution = run(problem)
    check_against_mip(problem, solution, reference(problem))
    if solution is not None:
        assert solution.status == "OPTIMAL"
        assert solution.solver == "cp-sat"


def test_several_workers_agree() -> None:
    problem = random_problem(21, 8, 12, 2, ("cross", "rates"), soft=True, max_capacity=1)
    expected = reference(problem)
    solution = solve_cpsat(problem, EXACT.but(workers=2))
    check_against_mip(problem, solution, expected)


def test_infeasible_row_raises() -> None:
    problem = random_problem(7, 5, 6, 2)
    problem.rows.append(Row("test", "too_many", "more pairs than takers", np.ones(problem.n_pairs), ">=", 7.0))
    with pytest.raises(ProblemInfeasible):
        solve_cpsat(problem, EXACT)


def test_fractional_row_and_penalty_are_scaled_exactly() -> None:
    """A row with fractional coefficients and a soft penalty of 1/7: integer scaling, no rounding."""
    problem = random_problem(23, 6, 9, 2, ("cross",), soft=True)
    row = problem.rows[0]
    problem.rows[0] = replace(row, coef=row.coef / 4.0, rhs=0.5, penalty=1.0 / 7.0)
    solution = solve_cpsat(problem, EXACT)
    assert not any("rounded" in note for note in solution.notes)
    check_against_mip(problem, solution, reference(problem))


def test_penalty_that_is_no_small_fraction_is_rounded_and_said() -> None:
    problem = random_problem(29, 6, 9, 2)
    problem.rows.append(Row("test", "few", "at most one pair", np.ones(problem.n_pairs), "<=", 1.0, float(np.pi), 2))
    solution = solve_cpsat(problem, EXACT)
    assert problem.is_feasible(solution.x)
    assert any(f"1/{PENALTY_SCALE}" in note for note in solution.notes)


def test_deterministic() -> None:
    problem = random_problem(17, 9, 14, 2, ("cross", "rates"), soft=False, max_capacity=1)
    first = solve_cpsat(problem, EXACT)
    second = solve_cpsat(problem, EXACT)
    assert np.array_equal(first.x, second.x)
    assert first.objectives == second.objectives
