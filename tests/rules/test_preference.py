"""preference: trainees' ranked administrations, rewarded by rank (3, 2, 1 by default)."""

from __future__ import annotations

from typing import Any

import pytest
from rule_helpers import build, english, pairs, rejects, rule, run, says, verdict


def supervisor(pid: str, administration: str = "Centrum", capacity: int = 1, **extra: Any) -> dict[str, Any]:
    return {"id": pid, "role": "supervisor", "administration": administration, "gender": "woman", "years": 10,
            "capacity": capacity, "supervisor_trained": "yes", **extra}


def trainee(pid: str, applied_to: str = "Centrum", administration: str = "Nordost", **extra: Any) -> dict[str, Any]:
    return {"id": pid, "role": "trainee", "administration": administration, "gender": "woman", "years": 0,
            "applied_to": applied_to, **extra}


def trainee_run(people: list[dict[str, Any]], constraints: dict[str, dict[str, Any]], **kwargs: Any) -> Any:
    return run(people, constraints, program="trainee", **kwargs)


SUPERVISORS = [supervisor("S_c", "Centrum"), supervisor("S_h", "Hisingen"), supervisor("S_n", "Nordost")]


def test_first_choice_when_it_is_free() -> None:
    people = [*SUPERVISORS, trainee("T1", "Nordost, Hisingen, Centrum")]
    result = trainee_run(people, {"coverage": {}, "preference": {}})
    assert pairs(result) == {("S_n", "T1")}
    assert result.objectives[2] == 3
    says(result.checks["preference"].detail, "1 of 1", "1st choice", "100%", program="trainee")


def test_ranks_trade_off_across_trainees() -> None:
    # both want Nordost first; T2's 2nd choice is Sydväst (no supervisor), T1's is Hisingen:
    # T2 at Nordost (3) + T1 at Hisingen (2) = 5 beats T1 at Nordost (3) + T2 at Centrum (0)
    people = [*SUPERVISORS, trainee("T1", "Nordost; Hisingen"), trainee("T2", "Nordost; Sydväst")]
    result = trainee_run(people, {"coverage": {}, "preference": {}})
    assert pairs(result) == {("S_n", "T2"), ("S_h", "T1")}
    assert result.objectives[2] == 5
    check = result.checks["preference"]
    assert not check.holds and not check.hard_broken and check.violations == ["T1 at 2nd choice"]


def test_points_and_weight() -> None:
    people = [supervisor("S_h", "Hisingen"), trainee("T1", "Nordost, Hisingen/Enhet 2")]
    result = trainee_run(people, {"coverage": {}, "preference": {"points": [5, 4], "weight": 3}})
    assert result.objectives[2] == 12  # 2nd choice: 4 x 3 (the unit named does not matter)
    beyond = trainee_run([supervisor("S_c", "Centrum"), trainee("T1", "Nordost, Hisingen, Centrum")],
                         {"coverage": {}, "preference": {"points": [5, 4]}})
    assert beyond.objectives[2] == 0  # 3rd choice, but only two ranks are rewarded


def test_check_fails_when_not_at_the_first_choice() -> None:
    people = [*SUPERVISORS, trainee("T1", "Nordost, Hisingen"), trainee("T2", "Hisingen")]
    scenario = build(people, {"preference": {}}, program="trainee")
    assert verdict(scenario, "preference", [("S_n", "T1"), ("S_h", "T2")]).holds
    worse = verdict(scenario, "preference", [("S_h", "T1"), ("S_c", "T2")])
    assert not worse.holds and not worse.hard_broken
    assert worse.violations == ["T1 at 2nd choice", "T2 at no choice"]
    says(worse.detail, "0 of 2", "1st choice", program="trainee")


@pytest.mark.parametrize("params", [{"hard": True}, {"points": []}, {"points": [3, -1]}, {"points": "many"},
                                    {"ranks": [3, 2, 1]}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("preference", params, [*SUPERVISORS, trainee("T1")], program="trainee")


def test_explanations() -> None:
    people = [*SUPERVISORS, trainee("T1", "Hisingen, Nordost")]
    scenario = build(people, {"preference": {"weight": 2}}, program="trainee")
    pref, inst = rule(scenario, "preference"), scenario.instance()
    assert english(pref.explain_pair(inst, 1, 0), "trainee") == "1st choice (Hisingen) +6"
    assert english(pref.explain_pair(inst, 2, 0), "trainee") == "2nd choice (Nordost) +4"
    says(pref.explain_pair(inst, 0, 0), "not among the choices", "Centrum", "+0", program="trainee")
    says(pref.describe(), "1st choice +3", "2nd choice +2", "3rd choice +1", program="trainee")
