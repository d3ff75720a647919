"""A fairness rule's price without a second solve, when the run's matching proves it (issue 15).

When a flow back-end solved the run (its rows held at the row-free optimum) and the rule adds only
rows, the scenario without the rule has the same row-free relaxation, which that matching solves:
the price is exactly zero. Each price here is compared with the one found by solving again.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks.__main__ import ALL_RULES, write_instance
from matcher import fairness_price
from matcher.engine import Model, build_model, make_result, solve_problem
from matcher.fairness_price import RowFree, fairness_prices
from matcher.scenario import Scenario


def _run(scenario: Scenario) -> tuple[object, RowFree | None, Model]:
    model = build_model(scenario)
    solution = solve_problem(model.problem, scenario.solver)
    result = make_result(scenario, model, solution)
    flow = solution.solver in ("assignment", "min-cost-flow") and solution.status == "OPTIMAL"
    return result, RowFree(model.problem, solution.x) if flow else None, model


def count_still_optimal(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Spy on `fairness_price.still_optimal`: each answer it gives is appended to the list returned."""
    calls: list[bool] = []
    real = fairness_price.still_optimal

    def counting(*args: object) -> bool:
        answer = real(*args)  # type: ignore[arg-type]
        calls.append(answer)
        return answer

    monkeypatch.setattr(fairness_price, "still_optimal", counting)
    return calls


@pytest.mark.parametrize("rules", [
    ALL_RULES,  # gender_balance with equal rates, same-gender requests soft: only rows and objective terms
    # a pair filter too: the price drops only the equal rates, so the filter stays and so do the pairs
    ALL_RULES.replace("same_gender_requests: soft", "same_gender_requests: hard"),
    ALL_RULES + "  fair_match_rate: {group_by: administration, min_group_size: 5}\n",
])
def test_a_price_settled_without_solving_equals_the_solved_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rules: str
) -> None:
    scenario = Scenario.from_yaml(write_instance(tmp_path, 60, 90, (1, 3), rules))
    result, row_free, model = _run(scenario)
    assert row_free is not None, "the instance should be settled by the row-free optimum"
    solved = [p.to_json() for p in fairness_prices(scenario, result)]  # type: ignore[arg-type]
    calls = count_still_optimal(monkeypatch)
    settled = [p.to_json() for p in fairness_prices(scenario, result, row_free)]  # type: ignore[arg-type]
    assert settled == solved
    assert calls and all(calls), calls  # each rule's fairness part adds only rows: no second solve
    calls.clear()
    on_the_run = [p.to_json() for p in fairness_prices(scenario, result, row_free, model)]  # type: ignore[arg-type]
    assert on_the_run == solved  # the run's model with other rows, not a second build
    assert calls and all(calls), calls


def test_a_row_the_matching_breaks_without_the_rule_means_a_solve(tmp_path: Path) -> None:
    """still_optimal is no rubber stamp: another pool's rows, or other pairs, are refused."""
    scenario = Scenario.from_yaml(write_instance(tmp_path, 40, 60, (1, 2), ALL_RULES))
    _, row_free, _ = _run(scenario)
    assert row_free is not None
    problem = build_model(scenario).problem
    assert fairness_price.still_optimal(row_free, problem)
    fewer = RowFree(row_free.problem, row_free.x.copy())
    fewer.x[:] = False  # nobody matched: a cross-share row, say, is no longer met
    from matcher.problem import Row

    problem.rows.append(Row("test", "at least one pair", "at least one pair", problem.giver * 0 + 1.0, ">=", 1.0))
    assert not fairness_price.still_optimal(fewer, problem)
    other = build_model(Scenario.from_yaml(write_instance(tmp_path / "b", 41, 60, (1, 2), ALL_RULES))).problem
    assert not fairness_price.still_optimal(row_free, other)


FAIRNESS_RULES = [
    ALL_RULES,
    ALL_RULES.replace("same_gender_requests: soft", "same_gender_requests: hard"),
    ALL_RULES.replace("equal_match_rate_tolerance: 0.05", "equal_match_rate_tolerance: 0.0"),
    PURE_FAIR := "  coverage: {hard: false, priority: 1}\n  pair_scores: {weight: 1}\n"
    "  fair_match_rate: {group_by: gender, min_group_size: 5}\n",
]


@pytest.mark.parametrize("rules", FAIRNESS_RULES)
def test_the_model_without_a_fairness_part_is_the_run_s_with_other_rows(tmp_path: Path, rules: str) -> None:
    """`with_rows_of` (the run's pairs and objective, the rows of the rules without the fairness
    part) gives the very problem a fresh build of that scenario gives: the rule's claim to add
    only rows (`fairness_adds_rows_only`) holds."""
    from dataclasses import replace

    from matcher.engine import with_rows_of

    scenario = Scenario.from_yaml(write_instance(tmp_path, 60, 90, (1, 1), rules))
    model = build_model(scenario)
    for rule in model.constraints:
        if not rule.is_fairness_rule():
            continue
        assert rule.fairness_adds_rows_only
        constraints = dict(scenario.constraints)
        free = rule.fairness_free_config()
        constraints.pop(rule.name) if free is None else constraints.__setitem__(rule.name, free)
        variant = replace(scenario, constraints=constraints)
        shared = with_rows_of(model, variant.active_constraints())
        assert shared is not None
        built = build_model(variant)
        got, want = shared.problem, built.problem
        for name in ("giver", "taker", "giver_min", "giver_max", "taker_min", "fixed"):
            assert np.array_equal(getattr(got, name), getattr(want, name)), name
        assert got.pair_objective.keys() == want.pair_objective.keys()
        assert all(np.array_equal(got.pair_objective[p], want.pair_objective[p]) for p in got.pair_objective)
        assert [(r.label, r.sense, r.rhs, r.penalty, r.priority) for r in got.rows] == [
            (r.label, r.sense, r.rhs, r.penalty, r.priority) for r in want.rows
        ]
        assert all(np.array_equal(a.coef, b.coef) for a, b in zip(got.rows, want.rows, strict=True))
        assert got.counters.keys() == want.counters.keys()
        assert np.array_equal(shared.score, built.score)
        assert any(r.constraint == rule.name for r in model.problem.rows)
        assert not any(r.constraint == rule.name for r in got.rows)  # the fairness rows are gone


@pytest.mark.parametrize("rules", FAIRNESS_RULES)
def test_a_price_on_the_run_s_model_equals_the_one_built_afresh(tmp_path: Path, rules: str) -> None:
    """Capacity 1, so the run needs its rows (no row-free shortcut): the price solved on the run's
    model with other rows is the price solved on a model built again."""
    scenario = Scenario.from_yaml(write_instance(tmp_path, 30, 45, (1, 1), rules))
    model = build_model(scenario)
    solution = solve_problem(model.problem, scenario.solver)
    result = make_result(scenario, model, solution)
    built = [p.to_json() for p in fairness_prices(scenario, result)]
    shared = [p.to_json() for p in fairness_prices(scenario, result, None, model)]
    assert built and shared == built


def test_a_run_its_rows_did_not_settle_still_hands_its_row_free_optimum_to_the_price(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Capacity 1: the row-free optimum breaks an equal-rate row, so the run needs its rows; it
    still is the optimum of the relaxation the scenario without the rule shares, and settles that
    price when the rows left hold there. The engine's prices equal the ones solved again."""
    from matcher import solve

    scenario = Scenario.from_yaml(write_instance(tmp_path, 100, 150, (1, 1), ALL_RULES))
    model = build_model(scenario)
    solution = solve_problem(model.problem, scenario.solver)
    assert solution.solver not in ("assignment", "min-cost-flow") and solution.row_free is not None
    assert any(row.violation(solution.row_free) > 0 for row in model.problem.rows)
    calls = count_still_optimal(monkeypatch)
    result = solve(scenario)
    assert calls == [True]  # settled without a second solve
    solved = fairness_prices(scenario, result)  # built and solved again, nothing reused
    assert [p.to_json() for p in result.fairness] == [p.to_json() for p in solved]
