"""unit: a mentor never from the adept's own unit (units are named within an administration)."""

from __future__ import annotations

import pytest
from rule_helpers import adept, build, english, mentor, pairs, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError


def test_same_unit_is_forbidden() -> None:
    people = [
        mentor("M1", administration="Hisingen", unit="Utredning 1"),
        mentor("M2", administration="Hisingen", unit="Mottagning"),
        adept("A1", administration="Hisingen", unit="Utredning 1"),
        adept("A2", administration="Hisingen", unit="Mottagning"),
    ]
    table = scores({("M1", "A1"): 50, ("M2", "A2"): 50, ("M1", "A2"): 1, ("M2", "A1"): 1})
    result = run(people, {"coverage": {}, "unit": {}, "pair_scores": {}}, pair_scores=table)
    assert pairs(result) == {("M1", "A2"), ("M2", "A1")}


def test_same_unit_name_in_another_administration_is_allowed() -> None:
    people = [mentor("M1", administration="Hisingen", unit="Utredning 1"),
              adept("A1", administration="Nordost", unit="Utredning 1")]
    result = run(people, {"coverage": {}, "unit": {}})
    assert pairs(result) == {("M1", "A1")}
    assert "different units (Utredning 1 / Utredning 1)" in result.pairs.at[0, "reasons"]


def test_unit_names_compare_without_case_or_spaces() -> None:
    people = [mentor("M1", administration="Centrum", unit="UTREDNING 1 "),
              adept("A1", administration="centrum", unit=" utredning 1")]
    with pytest.raises(InfeasibleError) as caught:
        run(people, {"coverage": {}, "unit": {}})
    assert "unit" in str(caught.value) and "A1" in str(caught.value)


def test_people_without_a_unit_are_not_restricted() -> None:
    people = [mentor("M1", administration="Centrum"), adept("A1", administration="Centrum"),
              mentor("M2", administration="Centrum", unit="X"), adept("A2", administration="Centrum")]
    assert len(run(people, {"coverage": {}, "unit": {}}).pairs) == 2


def test_soft_unit_rewards_different_units() -> None:
    people = [mentor("M1", administration="Centrum", unit="X"),
              adept("A1", administration="Centrum", unit="X"), adept("A2", administration="Centrum", unit="Y")]
    result = run(people, {"coverage": {"hard": False}, "unit": {"hard": False, "weight": 2}})
    assert pairs(result) == {("M1", "A2")}
    assert result.objectives == {1: 1.0, 2: 2.0}


def test_check_catches_a_same_unit_pair() -> None:
    scenario = build([mentor("M1", unit="X"), adept("A1", administration="Centrum", unit="x")], {"unit": {}})
    bad = verdict(scenario, "unit", [("M1", "A1")])
    assert bad.hard_broken and bad.violations == ["M1 - A1"]
    assert verdict(scenario, "unit", []).holds


@pytest.mark.parametrize("params", [{"hard": "maybe"}, {"weight": 1.5}, {"units": ["X"]}, {"priority": -1}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("unit", params)


def test_explanations() -> None:
    scenario = build([mentor("M1", administration="Centrum", unit="X"), adept("A1", administration="Centrum", unit="X"),
                      adept("A2", administration="Centrum")], {"unit": {"hard": False}})
    unit = rule(scenario, "unit")
    says(unit.explain_pair(scenario.instance(), 0, 0), "same unit", "X")
    assert unit.explain_pair(scenario.instance(), 0, 1) is None  # no unit: nothing to say
    assert "different units" in english(unit.describe())
