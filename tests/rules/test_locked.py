"""locked: pairs in the locked file are matched as given (always hard)."""

from __future__ import annotations

import pytest
from rule_helpers import adept, build, mentor, pairs, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError, InputError

LOCKED = [{"mentor_id": "M1", "adept_id": "A1"}]


def _people() -> list[dict]:
    return [mentor("M1"), mentor("M2"), adept("A1"), adept("A2")]


def test_locked_pair_is_kept_against_the_scores() -> None:
    table = scores({("M1", "A1"): 0, ("M2", "A2"): 0, ("M1", "A2"): 50, ("M2", "A1"): 50})
    result = run(_people(), {"coverage": {}, "pair_scores": {}}, pair_scores=table, locked=LOCKED)
    assert pairs(result) == {("M1", "A1"), ("M2", "A2")}
    reasons = result.pairs.set_index("adept_id").at["A1", "reasons"]
    assert "locked by the coordinator" in reasons


def test_locked_beyond_capacity_is_infeasible_in_words() -> None:
    locked = [{"mentor_id": "M1", "adept_id": "A1"}, {"mentor_id": "M1", "adept_id": "A2"}]
    with pytest.raises(InfeasibleError) as caught:
        run(_people(), {"coverage": {"hard": False}}, locked=locked)
    says(str(caught.value), "M1", "locked to 2 adepts", "capacity 1")


def test_locked_pair_forbidden_by_a_hard_rule_is_infeasible_in_words() -> None:
    people = [mentor("M1", years=3), mentor("M2"), adept("A1", years=3), adept("A2")]  # Van -> Van
    with pytest.raises(InfeasibleError) as caught:
        run(people, {"coverage": {"hard": False}, "band": {}}, locked=LOCKED)
    conflict = caught.value.conflicts[0]
    assert conflict.constraints == ["locked", "band"] and conflict.people == ["M1", "A1"]
    says(conflict.message, "M1 - A1", "band")


def test_adept_locked_twice_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        build(_people(), {}, locked=[{"mentor_id": "M1", "adept_id": "A1"}, {"mentor_id": "M2", "adept_id": "A1"}])
    says(str(caught.value), "A1", "'M2'", "'M1'")


def test_check_catches_a_missing_locked_pair() -> None:
    scenario = build(_people(), {}, locked=LOCKED)
    missing = verdict(scenario, "locked", [("M2", "A1")])
    assert missing.hard_broken and missing.violations == ["M1 - A1"]
    assert verdict(scenario, "locked", [("M1", "A1")]).holds


@pytest.mark.parametrize("params", [{"hard": False}, {"pairs": []}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("locked", params, locked=LOCKED)


def test_explanations() -> None:
    scenario = build(_people(), {}, locked=LOCKED)
    locked = rule(scenario, "locked")
    says(locked.conflict_words(scenario.instance()), "locked", "M1-A1")
    assert locked.explain_pair(scenario.instance(), 1, 1) is None
