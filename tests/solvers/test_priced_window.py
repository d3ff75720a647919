"""mip-highs' LPs start from a window of each person's best pairs and are priced (countbb).

The window only changes the work: a priced LP is the LP over every pair, so the answers, the
bounds and the statuses must be the ones an exact solver proves. Here the window is forced on
small models (normally only pools of WINDOW_MIN_PAIRS and more get one) and made as narrow as
one pair per person, so that pricing has to let pairs in, and the results are checked against
scipy's exact `milp` (the referee of test_proven_bounds).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from matcher.engine import build_model, solve_problem
from matcher.problem import Problem
from matcher.solvers import countbb
from matcher.solvers.settings import SolverSettings
from tests.solvers.test_proven_bounds import _issue_17_scenario, assert_claims_hold, problems


def _narrow_window(monkeypatch: pytest.MonkeyPatch, per_person: int = 1) -> None:
    monkeypatch.setattr(countbb, "WINDOW_MIN_PAIRS", 0)
    monkeypatch.setattr(countbb, "WINDOW_PER_PERSON", per_person)
    monkeypatch.setattr(countbb, "PRICE_BATCH", 3)  # several pricing rounds even on small models


def test_the_window_holds_each_persons_best_pairs_by_level_order() -> None:
    giver = np.array([0, 0, 0, 1, 1, 1])
    taker = np.array([0, 1, 2, 0, 1, 2])
    first = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 0.0])  # level 1: a tie but for pair 5
    second = np.array([5.0, 9.0, 1.0, 2.0, 3.0, 99.0])  # level 2 breaks the tie
    original = (countbb.WINDOW_MIN_PAIRS, countbb.WINDOW_PER_PERSON)
    try:
        countbb.WINDOW_MIN_PAIRS, countbb.WINDOW_PER_PERSON = 0, 1
        window = countbb.pair_window(giver, taker, [first, second])
    finally:
        countbb.WINDOW_MIN_PAIRS, countbb.WINDOW_PER_PERSON = original
    assert window is not None
    # giver 0's best: pair 1 (9); giver 1's: pair 4 (3; pair 5 loses on level 1);
    # taker 0's: pair 0 (5); taker 1's: pair 1 (9); taker 2's: pair 2 (level 1 beats 99 on level 2)
    assert np.flatnonzero(window).tolist() == [0, 1, 2, 4]
    assert countbb.pair_window(giver, taker, [first, second]) is None  # small pool: every pair


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.sampled_from([0.0, 1e-6, 0.02]))
def test_a_priced_window_claims_only_what_the_exact_solver_proves(problem: Problem, relative_gap: float) -> None:
    with pytest.MonkeyPatch.context() as patch:
        _narrow_window(patch)
        event(f"mip-highs with a window: {assert_claims_hold(problem, 'mip-highs', relative_gap)}")


def test_with_and_without_the_window_the_same_optimum_and_pricing_did_work(monkeypatch: pytest.MonkeyPatch) -> None:
    problem = build_model(_issue_17_scenario(300, 400, 6, 11)).problem
    settings_ = SolverSettings(backend="mip-highs", relative_gap=0.0, time_limit_s=60)
    whole = solve_problem(problem, settings_)
    assert not any("window" in note for note in whole.notes)
    _narrow_window(monkeypatch, per_person=2)
    monkeypatch.setattr(countbb, "PRICE_BATCH", 50)
    windowed = solve_problem(problem, settings_)
    assert windowed.status == whole.status == "OPTIMAL"
    assert windowed.objectives == whole.objectives
    assert windowed.bounds == whole.bounds
    priced = [note for note in windowed.notes if "priced from a window" in note]
    assert priced, windowed.notes
    let_in = [int(part.split()[0]) for note in priced for part in note.split(", ")[-1:] if part.endswith("let in")]
    assert let_in and max(let_in) > 0, priced  # the narrow window was not enough: pricing let pairs in
