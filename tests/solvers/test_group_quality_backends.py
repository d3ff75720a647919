"""The pair-quality rows (fairness rules' `quality_gap`) on the city example, where they bind:
every back-end `auto` may choose reaches scipy's exact optimum at every level."""

from __future__ import annotations

import dataclasses

import pytest
from test_proven_bounds import Exact, exact_levels

from matcher import Scenario
from matcher.engine import Model, build_model, solve_problem


@pytest.fixture(scope="module")
def city_with_quality() -> Scenario:
    city = Scenario.from_yaml("scenarios/city/scenario.yaml")
    rules = {k: v for k, v in city.constraints.items() if k != "gender_balance"}
    rules["administration_equity"] = {"quality_gap": 0.005}
    return dataclasses.replace(city, constraints=rules)


@pytest.fixture(scope="module")
def model(city_with_quality: Scenario) -> Model:
    return build_model(city_with_quality)


@pytest.fixture(scope="module")
def exact(model: Model) -> Exact:
    found = exact_levels(model.problem)
    assert found.feasible
    return found


@pytest.mark.parametrize("backend", ["auto", "mip-highs", "lagrangian"])
def test_every_backend_reaches_the_exact_optimum_with_pair_quality_rows(
    city_with_quality: Scenario, model: Model, exact: Exact, backend: str
) -> None:
    quality_rows = [row for row in model.problem.rows if ".quality." in row.label]
    assert len(quality_rows) == 4 and all(not row.hard for row in quality_rows)
    solution = solve_problem(model.problem, city_with_quality.solver.but(backend=backend))
    assert solution.status == "OPTIMAL"
    for priority, value in exact.levels.items():
        assert solution.objectives[priority] == pytest.approx(value, abs=1e-6), (priority, backend)


def test_the_pair_quality_rows_bind_on_this_example(city_with_quality: Scenario, model: Model, exact: Exact) -> None:
    """Else the test above would prove little: without the rows the best level 2 is higher, and
    the same number are matched."""
    bare = dataclasses.replace(model.problem, rows=[r for r in model.problem.rows if ".quality." not in r.label])
    without = solve_problem(bare, city_with_quality.solver)
    assert without.status == "OPTIMAL"
    assert without.objectives[1] == exact.levels[1]
    assert without.objectives[2] > exact.levels[2] + 1
