"""`auto`'s count boxes (`solvers/countflow.py`): every claim checked against exact referees.

* The capped assignment is the exact optimum of the b-matching with group caps (every matching
  enumerated), and the cheap bound is never below it.
* On random problems whose rows are equal match rates over taker groups (plus, now and then, a
  row on a pair attribute or a soft row, which the method must hand back), what it answers is
  the optimum at every level and its bounds are never below the optimum (scipy's milp referee of
  test_proven_bounds). The same through `auto`.
* A sabotaged bound (the cheap bound under the truth) fails that check: the test has teeth.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from matcher.engine import solve_problem
from matcher.problem import Problem, Row
from matcher.solvers import countflow
from matcher.solvers.countflow import (
    _CappedAssignment,
    _cheap_bound,
    _group_caps,
    _groups,
    solve_count_boxes,
    whole_counts_bind,
)
from matcher.solvers.settings import SolverSettings
from matcher.solvers.structure import count_system, flow_counters
from tests.solvers.problems import mask_problem
from tests.solvers.test_proven_bounds import assert_claims_hold, exact_levels


def _problem(
    eligible: np.ndarray, capacity: list[int], gender: list[int], scores: list[int], tolerance: float
) -> Problem:
    """Givers x takers with coverage at priority 1, scores at priority 2, a counter per taker
    gender and "pairs", and hard equal-rate rows between every two genders (as gender_balance
    writes them: n_h m_g - n_g m_h <= floor(tol n_g n_h))."""
    problem = mask_problem(eligible, capacity)
    taker, n = problem.taker, problem.n_pairs
    problem.add_pair_objective(1, np.ones(n, dtype=np.int64))
    problem.add_pair_objective(2, np.array(scores[:n], dtype=np.int64))
    problem.counters["pairs"] = np.ones(n, dtype=bool)
    genders = np.array(gender)
    sizes = {g: int(np.sum(genders == g)) for g in sorted(set(gender))}
    for g in sizes:
        problem.counters[f"gender {g}"] = genders[taker] == g
    for g, h in itertools.permutations(sizes, 2):
        coef = sizes[h] * (genders[taker] == g) - sizes[g] * (genders[taker] == h)
        rhs = float(np.floor(tolerance * sizes[g] * sizes[h] + 1e-9))
        problem.rows.append(Row("test", f"rate {g}-{h}", f"rate {g}-{h}", coef.astype(np.float64), "<=", rhs))
    return problem


@st.composite
def rate_problems(draw: st.DrawFn) -> Problem:
    n_g = draw(st.integers(1, 4))
    n_t = draw(st.integers(2, 7))
    flat = draw(st.lists(st.booleans(), min_size=n_g * n_t, max_size=n_g * n_t))
    eligible = np.array(flat).reshape(n_g, n_t)
    capacity = draw(st.lists(st.integers(1, 2), min_size=n_g, max_size=n_g))
    gender = draw(st.lists(st.integers(0, 2), min_size=n_t, max_size=n_t))
    scores = draw(st.lists(st.integers(-5, 20), min_size=n_g * n_t, max_size=n_g * n_t))
    tolerance = draw(st.sampled_from([0.0, 0.05, 0.1, 0.2]))
    problem = _problem(eligible, capacity, gender, scores, tolerance)
    extra = draw(st.sampled_from(["none", "none", "pair attribute", "soft"]))
    if extra != "none" and problem.n_pairs:
        attribute = np.array(draw(st.lists(st.booleans(), min_size=problem.n_pairs, max_size=problem.n_pairs)))
        if extra == "pair attribute":  # at least half of the pairs cross
            coef = 2.0 * attribute - 1.0
            problem.rows.append(Row("test", "cross", "cross", coef, ">=", 0.0))
        else:  # soft: at most one such pair, 3 points per pair over
            problem.rows.append(Row("test", "soft", "soft", attribute.astype(np.float64), "<=", 1.0, 3.0, 2))
    return problem


def _all_matchings(problem: Problem) -> list[np.ndarray]:
    """Every b-matching of a tiny problem (each taker: one of its pairs or none)."""
    options = [[-1, *np.flatnonzero(problem.taker == t).tolist()] for t in range(problem.n_takers)]
    found = []
    for choice in itertools.product(*options):
        x = np.zeros(problem.n_pairs, dtype=bool)
        x[[e for e in choice if e >= 0]] = True
        if np.all(np.bincount(problem.giver[x], minlength=problem.n_givers) <= problem.giver_max):
            found.append(x)
    return found


@settings(deadline=None, max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(rate_problems(), st.data())
def test_capped_assignment_is_the_exact_optimum_under_the_caps(problem: Problem, data: st.DataObject) -> None:
    names = flow_counters(problem)
    groups = _groups(problem, names)
    upper = np.array([data.draw(st.integers(0, int(groups.size[g]))) for g in groups.of_count], dtype=np.float64)
    caps = _group_caps(groups, upper)
    w = np.asarray(problem.pair_objective[2], dtype=np.float64) + 100.0 * problem.pair_objective[1]
    x = _CappedAssignment(problem, w, groups).solve(caps)
    matched = np.zeros(problem.n_takers, dtype=bool)

    def within(x: np.ndarray) -> bool:
        matched[:] = False
        matched[problem.taker[x]] = True
        return all(np.count_nonzero(matched & groups.members[g]) <= caps[g] for g in range(len(caps)))

    assert within(x), "the capped assignment broke a cap"
    assert np.all(np.bincount(problem.giver[x], minlength=problem.n_givers) <= problem.giver_max)
    best = max(float(w[m].sum()) for m in _all_matchings(problem) if within(m))
    assert float(w[x].sum()) == pytest.approx(best)
    best_of = np.zeros(problem.n_takers)
    np.maximum.at(best_of, problem.taker, np.maximum(w, 0.0))
    assert _cheap_bound(groups, best_of, caps) >= best - 1e-9


def _check(problem: Problem) -> str:
    """What solve_count_boxes answers is the optimum, with honest bounds (or it hands back)."""
    solution = solve_count_boxes(problem, SolverSettings(time_limit_s=30), only_if_bind=False)
    if solution is None:
        return "handed back"
    exact = exact_levels(problem)
    assert exact.feasible
    assert solution.status == "OPTIMAL" and solution.solver == "count-boxes"
    assert problem.is_feasible(solution.x)
    for priority, truth in exact.levels.items():
        assert solution.bounds[priority] >= truth - 1e-6, (
            f"bound {solution.bounds} below the optimum {exact.levels} ({solution.notes})"
        )
        assert solution.objectives[priority] == pytest.approx(truth), (solution.objectives, exact.levels)
    return "answered"


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(rate_problems())
def test_count_boxes_answer_the_optimum_with_true_bounds(problem: Problem) -> None:
    event(_check(problem))


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(rate_problems(), st.sampled_from([0.0, 0.05]))
def test_auto_with_count_boxes_claims_only_the_truth(problem: Problem, relative_gap: float) -> None:
    event(assert_claims_hold(problem, "auto", relative_gap))


def _whole_counts_case() -> Problem:
    """Five women and two men, five places, rates within 0.1: the LP matches 5 (rate 5/7 each),
    whole people 4 at most (3 women and 1 man; both men would need all five women)."""
    n_g, n_t = 5, 7
    eligible = np.ones((n_g, n_t), dtype=bool)
    gender = [0, 0, 0, 0, 0, 1, 1]
    scores = [10 if gender[t] == 0 else 1 for _ in range(n_g) for t in range(n_t)]
    return _problem(eligible, [1] * n_g, gender, scores, 0.1)


def test_whole_counts_that_cost_matches_are_settled_by_count_boxes() -> None:
    problem = _whole_counts_case()
    names = flow_counters(problem)
    assert whole_counts_bind(count_system(problem, names), _groups(problem, names))
    assert _check(problem) == "answered"
    solution = solve_problem(problem, SolverSettings())
    assert solution.solver == "count-boxes" and solution.status == "OPTIMAL"
    assert solution.objectives == exact_levels(problem).levels
    assert solution.objectives[1] == 4.0


def test_a_bound_under_the_truth_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sabotage: a cheap bound of 0 for every box that may match anyone (under the truth) lets
    the empty box's matching prune the box holding the optimum. The check above must then fail
    (a bound below the optimum, a value short of it)."""
    problem = _whole_counts_case()
    real = countflow._cheap_bound
    monkeypatch.setattr(
        countflow, "_cheap_bound", lambda groups, best, caps: real(groups, best, caps) if not caps.any() else 0.0
    )
    with pytest.raises(AssertionError):
        _check(problem)


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(rate_problems(), st.data())
def test_every_matching_meeting_the_rows_fits_the_count_system(problem: Problem, data: st.DataObject) -> None:
    """Soundness of `count_system` (what every count box and mip-highs' boxes rest on): the
    counts of any matching that meets the hard rows pass propagation on their own point. Extra
    counters on a pair attribute, some of them one per taker by accident (each taker has one
    eligible pair) and so the same people as a gender's counter: found in test_backends_agree,
    where mip-highs called a feasible model infeasible and a worse matching optimal."""
    if problem.n_pairs:
        attribute = np.array(data.draw(st.lists(st.booleans(), min_size=problem.n_pairs, max_size=problem.n_pairs)))
        problem.counters = {"attribute pairs": attribute, **problem.counters}
        some_gender = [name for name in problem.counters if name.startswith("gender")][-1]
        problem.counters["same people"] = problem.counters[some_gender].copy()
    names = flow_counters(problem)
    system = count_system(problem, names)
    for x in _all_matchings(problem):
        if not all(row.violation(x) <= 1e-9 for row in problem.rows if row.hard):
            continue
        counts = np.array([float(x[problem.counters[name]].sum()) for name in names])
        assert system.propagate(counts, counts) is not None, (names, counts, system)


def test_two_counters_of_the_same_people_are_one_subgroup() -> None:
    """The shrunk case of test_backends_agree: a mentor with places for two, adepts A2 (the only
    non-binary one, whose one pair crosses administrations) and A4: the counters 'cross pairs'
    and 'non-binary' hold the same person. Counting both under 'pairs' asked for 3 matched of 2."""
    problem = Problem(
        n_givers=2,
        n_takers=4,
        giver=np.array([1, 1]),
        taker=np.array([1, 3]),
        giver_min=np.zeros(2, dtype=np.int64),
        giver_max=np.array([0, 2]),
        taker_min=np.zeros(4, dtype=np.int64),
        fixed=np.zeros(2, dtype=bool),
    )
    problem.add_pair_objective(2, np.array([1, 1]))
    problem.counters = {
        "cross pairs": np.array([True, False]),
        "pairs": np.array([True, True]),
        "woman": np.array([False, True]),
        "non-binary": np.array([True, False]),
    }
    problem.rows.append(Row("test", "cross", "cross", np.array([4.0, -1.0]), ">=", 0.0))
    system = count_system(problem, flow_counters(problem))
    both = np.array([1.0, 2.0, 1.0, 1.0])  # A2 and A4 matched
    assert system.propagate(both, both) is not None
    assert solve_problem(problem, SolverSettings(backend="mip-highs")).objectives[2] == 2.0
