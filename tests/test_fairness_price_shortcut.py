"""A fairness rule's price without a second solve, when the run's matching proves it (issue 15).

When a flow back-end solved the run (its rows held at the row-free optimum) and the rule adds only
rows, the scenario without the rule has the same row-free relaxation, which that matching solves:
the price is exactly zero. Each price here is compared with the one found by solving again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.__main__ import ALL_RULES, write_instance
from matcher import fairness_price
from matcher.engine import build_model, make_result, solve_problem
from matcher.fairness_price import RowFree, fairness_prices
from matcher.scenario import Scenario


def _run(scenario: Scenario) -> tuple[object, RowFree | None]:
    model = build_model(scenario)
    solution = solve_problem(model.problem, scenario.solver)
    result = make_result(scenario, model, solution)
    flow = solution.solver in ("assignment", "min-cost-flow") and solution.status == "OPTIMAL"
    return result, RowFree(model.problem, solution.x) if flow else None


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
    result, row_free = _run(scenario)
    assert row_free is not None, "the instance should be settled by the row-free optimum"
    solved = [p.to_json() for p in fairness_prices(scenario, result)]  # type: ignore[arg-type]
    calls = []
    real = fairness_price.still_optimal

    def counting(*args: object) -> bool:
        answer = real(*args)  # type: ignore[arg-type]
        calls.append(answer)
        return answer

    monkeypatch.setattr(fairness_price, "still_optimal", counting)
    settled = [p.to_json() for p in fairness_prices(scenario, result, row_free)]  # type: ignore[arg-type]
    assert settled == solved
    assert calls and all(calls), calls  # each rule's fairness part adds only rows: no second solve


def test_a_row_the_matching_breaks_without_the_rule_means_a_solve(tmp_path: Path) -> None:
    """still_optimal is no rubber stamp: another pool's rows, or other pairs, are refused."""
    scenario = Scenario.from_yaml(write_instance(tmp_path, 40, 60, (1, 2), ALL_RULES))
    _, row_free = _run(scenario)
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
