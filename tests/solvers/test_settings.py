"""The one solver-settings model: every setting bounded, located errors, the back-end registry."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from matcher import InputError, Scenario, solve
from matcher.solvers import BACKEND_CHOICES, BACKENDS, SolverSettings


@pytest.mark.parametrize(
    "setting",
    [
        {"workers": 100_000_000},
        {"workers": 0},
        {"seed": 2**31},
        {"seed": -1},
        {"time_limit_s": -1},
        {"time_limit_s": float("nan")},
        {"time_limit_s": float("inf")},
        {"relative_gap": 2},
        {"backend": "simplex"},
        {"unknown": 1},
    ],
)
def test_every_setting_is_bounded(setting: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        SolverSettings.model_validate(setting)


def test_a_scenario_refuses_an_unbounded_setting_with_its_location(tmp_path: Path) -> None:
    people = Path("scenarios/cohort/people.csv").resolve()
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"people: {people}\nsolver: {{workers: 100000000, seed: 4294967296}}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Scenario.from_yaml(scenario)
    columns = sorted(p.column or "" for p in caught.value.problems)
    assert columns == ["solver.seed", "solver.workers"]
    assert all(p.row == 2 for p in caught.value.problems)


def test_the_registry_names_every_backend_once() -> None:
    assert ("auto", *BACKENDS) == BACKEND_CHOICES
    assert set(BACKENDS) == {
        "assignment", "min-cost-flow", "mip-highs", "mip-scip", "lagrangian", "cp-sat", "structured"
    }
    assert SolverSettings.model_json_schema()["properties"]["backend"]["enum"] == list(BACKEND_CHOICES)


@pytest.mark.parametrize("backend", ["assignment", "min-cost-flow"])
def test_a_network_backend_with_a_side_rule_is_bad_input_naming_the_rule(backend: str) -> None:
    people = [
        {"id": "M1", "role": "mentor", "administration": "Nordost", "gender": "woman", "years": 9},
        {"id": "M2", "role": "mentor", "administration": "Centrum", "gender": "woman", "years": 9},
        {"id": "A1", "role": "adept", "administration": "Nordost", "gender": "woman", "years": 0},
    ]
    scenario = Scenario.from_people(
        people,
        constraints={"coverage": {"hard": False}, "administration": {"min_cross_share": 1.0}},
        solver={"backend": backend},
    )
    with pytest.raises(InputError) as caught:
        solve(scenario)
    (problem,) = caught.value.problems
    assert problem.column == "solver.backend"
    assert "administration" in problem.message and backend in problem.message


def test_one_default_relative_gap() -> None:
    from matcher.scenario import SolverConfig

    assert SolverConfig is SolverSettings
    assert SolverSettings().relative_gap == 1e-6
