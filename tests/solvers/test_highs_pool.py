"""HiGHS's one thread pool per process: mip-highs rebuilds it only when it must.

Another HiGHS user in the process (a test, a library caller) may have made the pool with another
thread count; a run then answers 'not set', and `highs_runs.run_highs` rebuilds the pool and runs
again. When the pool is already right, nothing rebuilds it: rebuilding it under a solve in
another thread of the process (the workspace, Dask's threads) is not safe.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from matcher.problem import Problem, Row
from matcher.solvers import run_backends
from matcher.solvers.settings import SolverSettings
from tests.solvers.problems import mask_problem


def problem_with_a_row() -> Problem:
    """Coverage first, then scores, and at most two of the first four takers matched: the row
    binds, so mip-highs branches and runs HiGHS more than once."""
    rng = np.random.default_rng(5)
    problem = mask_problem(rng.random((6, 8)) < 0.7, [1, 2, 1, 2, 1, 1])
    n = problem.n_pairs
    problem.pair_objective = {1: np.ones(n, dtype=np.int64), 2: rng.integers(1, 30, n).astype(np.int64)}
    first_four = (problem.taker < 4).astype(np.float64)
    problem.rows = [Row(constraint="test", label="first four", description="first four", coef=first_four,
                        sense="<=", rhs=2.0)]
    return problem


def pool_made_by_another_user(threads: int) -> None:
    import highspy

    other = highspy.Highs()
    other.setOptionValue("output_flag", False)
    type(other).resetGlobalScheduler(True)
    other.setOptionValue("threads", threads)
    other.addCols(1, np.array([1.0]), np.array([0.0]), np.array([1.0]), 0, np.zeros(1, dtype=np.int32),
                  np.zeros(0, dtype=np.int32), np.zeros(0))
    other.run()
    assert other.getModelStatus() == highspy.HighsModelStatus.kOptimal


def solve_mip_highs(problem: Problem) -> tuple[str, dict[int, float]]:
    solution = run_backends(problem, SolverSettings(), ["mip-highs"])
    assert problem.is_feasible(solution.x)
    return solution.status, {p: problem.level_value(p, solution.x) for p in sorted(problem.priorities)}


def test_a_pool_made_with_another_thread_count_is_rebuilt_and_the_answer_is_the_same() -> None:
    problem = problem_with_a_row()
    pool_made_by_another_user(1)
    expected = solve_mip_highs(problem)
    assert expected[0] == "OPTIMAL"
    pool_made_by_another_user(2)
    assert solve_mip_highs(problem) == expected


def test_a_pool_already_right_is_not_rebuilt(monkeypatch: pytest.MonkeyPatch) -> None:
    import highspy

    problem = problem_with_a_row()
    pool_made_by_another_user(1)
    rebuilt: list[Any] = []
    original = highspy.Highs.resetGlobalScheduler

    def counting(blocking: bool) -> Any:
        rebuilt.append(blocking)
        return original(blocking)

    monkeypatch.setattr(highspy.Highs, "resetGlobalScheduler", staticmethod(counting))
    assert solve_mip_highs(problem)[0] == "OPTIMAL"
    assert rebuilt == []
    pool_made_by_another_user(2)  # counted too: the user above rebuilds it itself
    rebuilt.clear()
    assert solve_mip_highs(problem)[0] == "OPTIMAL"
    assert rebuilt == [True]  # once, on the first run that answered 'not set'
