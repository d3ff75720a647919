"""The assignment back-end's two matrix shapes give the min-cost-flow back-end's optimum.

With every eligible pair worth making, ineligible cells cost 0 and the 'unmatched' rows are left
out (slots x takers); with some pair weights <= 0 the rows are kept. Both must be exact.
"""

from __future__ import annotations

import numpy as np
import pytest

from matcher.problem import Problem
from matcher.solvers import run_backends
from matcher.solvers.settings import SolverSettings


def random_problem(rng: np.random.Generator, positive: bool) -> Problem:
    n_givers, n_takers = int(rng.integers(1, 7)), int(rng.integers(1, 9))
    giver, taker = np.nonzero(rng.random((n_givers, n_takers)) < rng.uniform(0.2, 1.0))
    n = len(giver)
    levels = {2: rng.integers(1 if positive else -3, 20, n).astype(np.int64)}
    if rng.random() < 0.5:
        levels[1] = np.ones(n, dtype=np.int64)  # coverage, soft, first
    return Problem(n_givers, n_takers, giver.astype(np.int64), taker.astype(np.int64),
                   np.zeros(n_givers, np.int64), rng.integers(0, 3, n_givers).astype(np.int64),
                   np.zeros(n_takers, np.int64), np.zeros(n, bool), levels)


@pytest.mark.parametrize("positive", [True, False])
def test_assignment_matches_min_cost_flow(positive: bool) -> None:
    rng = np.random.default_rng(1 if positive else 2)
    settings = SolverSettings()
    for _ in range(200):
        problem = random_problem(rng, positive)
        fast = run_backends(problem, settings, ["assignment"])
        flow = run_backends(problem, settings, ["min-cost-flow"])
        assert problem.is_feasible(fast.x)
        for level in sorted(problem.pair_objective):
            assert problem.level_value(level, fast.x) == problem.level_value(level, flow.x)
