"""The library's public functions refuse what they cannot use with the project's InputError and a
clear message (issue 16 item 14), and the scenario loader reports problems where they are (items
10, 11) -- the library side of what tests/hostile checks through the command."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from matcher import InputError, Scenario, solve
from matcher.checker import check_matching
from matcher.repair import repair_matching

COHORT = Path(__file__).resolve().parents[1] / "scenarios" / "cohort"
PEOPLE = [
    {"id": "M1", "role": "mentor", "administration": "Centrum", "gender": "woman", "years": 12},
    {"id": "A1", "role": "adept", "administration": "Nordost", "gender": "man", "years": 1},
]


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return Scenario.from_yaml(COHORT / "scenario.yaml")


def _message(call: object) -> str:
    with pytest.raises(InputError) as caught:
        call()  # type: ignore[operator]
    return str(caught.value)


def test_solve_needs_a_scenario() -> None:
    assert "scenario must be a Scenario" in _message(lambda: solve(None))  # type: ignore[arg-type]
    assert "not a DataFrame" in _message(lambda: solve(pd.DataFrame(PEOPLE)))  # type: ignore[arg-type]


def test_check_matching_needs_a_table_of_pairs(scenario: Scenario) -> None:
    assert "pairs must be a table" in _message(lambda: check_matching(scenario, None))  # type: ignore[arg-type]
    lacking = _message(lambda: check_matching(scenario, pd.DataFrame({"mentor": ["M0001"]})))
    assert "lacks the columns mentor_id, adept_id" in lacking


def test_repair_matching_needs_a_table_of_pairs_and_a_list_of_leavers(scenario: Scenario) -> None:
    given = [("M0001", "A0001")]
    assert "not a list of tuple" in _message(lambda: repair_matching(scenario, given))  # type: ignore[arg-type]
    pairs = pd.DataFrame({"mentor_id": ["M0001"], "adept_id": ["A0001"]})
    assert "leavers must be a list of ids" in _message(lambda: repair_matching(scenario, pairs, leavers="M0001"))


def test_from_people_refuses_an_unknown_programme_and_bad_arguments() -> None:
    assert "unknown program 'foo'" in _message(lambda: Scenario.from_people(PEOPLE, program="foo"))
    assert "people must be a table" in _message(lambda: Scenario.from_people(None))  # type: ignore[arg-type]
    assert "constraints must be a mapping" in _message(
        lambda: Scenario.from_people(PEOPLE, constraints=["coverage"]))  # type: ignore[arg-type]
    assert "parameters must be a mapping" in _message(
        lambda: Scenario.from_people(PEOPLE, constraints={"band": 1}))  # type: ignore[dict-item]


def test_a_scenario_too_large_to_hold_is_refused_before_solving() -> None:
    """Built directly (no loader to stop it), it is stopped at solve()'s entry, before any matrix."""
    small = Scenario.from_people(PEOPLE)
    givers = 100_000_000 // 1000 + 1  # matcher.limits.MAX_POSSIBLE_PAIRS, passed by one thousand pairs
    people = pd.DataFrame({"role": ["mentor"] * givers + ["adept"] * 1000})
    huge = Scenario(people=people)
    message = _message(lambda: solve(huge))
    assert f"{givers:,} mentors and 1,000 adepts make {givers * 1000:,} possible pairs" in message
    assert solve(small).status == "OPTIMAL"  # one under the bound is solved as ever


def test_problems_in_a_base_are_reported_under_the_base_with_its_lines(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_bytes((COHORT / "people.csv").read_bytes())
    (tmp_path / "base.yaml").write_text(
        "people: people.csv\ncolour: red\nconstraints:\n  coverage: {}\n  band:\n    allowed: 7\n", encoding="utf-8")
    (tmp_path / "child.yaml").write_text("extends: base.yaml\nshape: round\nsolver: {workers: 0}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Scenario.from_yaml(tmp_path / "child.yaml")
    where = sorted((Path(p.file).name, p.row, p.column) for p in caught.value.problems)
    assert where == [("base.yaml", 2, "colour"), ("base.yaml", 6, "constraints.band.allowed"),
                     ("child.yaml", 2, "shape"), ("child.yaml", 3, "solver.workers")]


def test_a_key_given_twice_is_an_error_at_its_line(tmp_path: Path) -> None:
    """Two constraints: blocks used to keep the second silently (coverage vanished)."""
    (tmp_path / "people.csv").write_bytes((COHORT / "people.csv").read_bytes())
    text = "people: people.csv\nconstraints:\n  coverage: {}\nname: x\nconstraints:\n  band: {}\n"
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Scenario.from_yaml(tmp_path / "s.yaml")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (5, "constraints")
    assert "already given on line 2" in problem.message
