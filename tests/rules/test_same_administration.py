"""same_administration: a trainee is placed only where they applied (and in the unit they named)."""

from __future__ import annotations

from typing import Any

import pytest
from rule_helpers import build, pairs, rejects, rule, run, says, verdict

from matcher import InfeasibleError


def supervisor(pid: str, administration: str = "Centrum", unit: str = "", capacity: int = 1,
               **extra: Any) -> dict[str, Any]:
    return {"id": pid, "role": "supervisor", "administration": administration, "unit": unit, "gender": "woman",
            "years": 10, "capacity": capacity, "supervisor_trained": "yes", **extra}


def trainee(pid: str, applied_to: str = "Centrum", administration: str = "Nordost", **extra: Any) -> dict[str, Any]:
    return {"id": pid, "role": "trainee", "administration": administration, "gender": "woman", "years": 0,
            "applied_to": applied_to, **extra}


def trainee_run(people: list[dict[str, Any]], constraints: dict[str, dict[str, Any]], **kwargs: Any) -> Any:
    return run(people, constraints, program="trainee", **kwargs)


ADMINISTRATIONS = [supervisor("S_c", "Centrum"), supervisor("S_h", "Hisingen"), supervisor("S_n", "Nordost")]
UNITS = [supervisor("S_h3", "Hisingen", "Enhet 3"), supervisor("S_h4", "Hisingen", "Enhet 4")]


def test_trainee_is_placed_only_where_applied() -> None:
    people = [supervisor("S_c", "Centrum"), trainee("T1", applied_to="Hisingen", administration="Centrum")]
    assert pairs(trainee_run(people, {"coverage": {"hard": False}})) == {("S_c", "T1")}
    assert pairs(trainee_run(people, {"coverage": {"hard": False}, "same_administration": {}})) == set()


def test_each_trainee_goes_to_an_administration_they_applied_to() -> None:
    people = [*ADMINISTRATIONS, trainee("T1", "Hisingen"), trainee("T2", "Nordost; Centrum"),
              trainee("T3", "Sydväst, Nordost")]
    result = trainee_run(people, {"coverage": {}, "same_administration": {}})
    assert pairs(result) == {("S_h", "T1"), ("S_c", "T2"), ("S_n", "T3")}
    assert result.checks["same_administration"].holds


def test_same_unit_follows_the_unit_named() -> None:
    people = [*UNITS, trainee("T1", "Hisingen/enhet 3"), trainee("T2", "Hisingen")]
    result = trainee_run(people, {"coverage": {}, "same_administration": {"same_unit": True}})
    assert pairs(result) == {("S_h3", "T1"), ("S_h4", "T2")}
    # without same_unit the unit named does not bind: T1 may also go to Enhet 4
    scenario = build(people, {"same_administration": {}}, program="trainee")
    assert rule(scenario, "same_administration").allowed(scenario.instance()).all()


def test_same_unit_compares_without_case_or_diacritics() -> None:
    people = [supervisor("S_s", "Sydväst", "Öppenvård  Barn"), trainee("T1", "sydvast/öppenvård barn")]
    result = trainee_run(people, {"coverage": {}, "same_administration": {"same_unit": True}})
    assert pairs(result) == {("S_s", "T1")}


def test_vectorised_and_plain_rule_agree() -> None:
    people = [*ADMINISTRATIONS, *UNITS, supervisor("S_x", "Hisingen"),
              trainee("T1", "Hisingen/Enhet 3, Centrum"), trainee("T2", "Hisingen"),
              trainee("T3", "Sydväst/Enhet 3; Hisingen/Enhet 4"), trainee("T4", "Nordost")]
    for same_unit in (False, True):
        scenario = build(people, {"same_administration": {"same_unit": same_unit}}, program="trainee")
        placement = rule(scenario, "same_administration")
        inst = scenario.instance()
        allowed = placement.allowed(inst)
        for g, giver in enumerate(inst.giver_records):
            for t, taker in enumerate(inst.taker_records):
                assert allowed[g, t] == placement.pair_ok(giver, taker, inst), (same_unit, giver["id"], taker["id"])
        assert allowed.sum() == (8 if same_unit else 14)


def test_soft_rewards_placements_where_applied() -> None:
    people = [supervisor("S_c", "Centrum"), supervisor("S_h", "Hisingen", capacity=2),
              trainee("T1", "Hisingen"), trainee("T2", "Hisingen")]
    result = trainee_run(people, {"coverage": {"hard": False}, "same_administration": {"hard": False, "weight": 2}})
    assert pairs(result) == {("S_h", "T1"), ("S_h", "T2")}
    assert result.objectives[2] == 4
    cramped = [supervisor("S_c", "Centrum"), supervisor("S_h", "Hisingen"), trainee("T1", "Hisingen"),
               trainee("T2", "Hisingen")]
    soft = trainee_run(cramped, {"coverage": {"hard": False}, "same_administration": {"hard": False}})
    assert len(soft.pairs) == 2  # coverage first: one trainee goes where they did not apply
    assert not soft.checks["same_administration"].holds
    assert not soft.checks["same_administration"].hard_broken


def test_check_catches_a_placement_not_applied_to() -> None:
    people = [*UNITS, supervisor("S_c", "Centrum"), trainee("T1", "Hisingen/Enhet 3")]
    scenario = build(people, {"same_administration": {"same_unit": True}}, program="trainee")
    assert verdict(scenario, "same_administration", [("S_h3", "T1")]).holds
    wrong_unit = verdict(scenario, "same_administration", [("S_h4", "T1")])
    assert not wrong_unit.holds and wrong_unit.hard_broken and wrong_unit.violations == ["S_h4 - T1"]
    assert not verdict(scenario, "same_administration", [("S_c", "T1")]).holds


def test_applied_only_where_no_supervisor_is_infeasible_with_hard_coverage() -> None:
    people = [supervisor("S_c", "Centrum", capacity=2), trainee("T1", "Sydväst"), trainee("T2", "Centrum")]
    with pytest.raises(InfeasibleError) as caught:
        trainee_run(people, {"coverage": {}, "same_administration": {}})
    says(str(caught.value), "same_administration", "T1", "leaves 0 of 1")
    scenario = build(people, {"same_administration": {}}, program="trainee")
    says(rule(scenario, "same_administration").conflict_words(scenario.instance()), "applied to",
         "1 applied only where there is no supervisor: T1", program="trainee")


@pytest.mark.parametrize("params", [{"same_unit": "sometimes"}, {"unit": True}, {"weight": -2}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("same_administration", params, [*UNITS, trainee("T1")], program="trainee")


def test_explanations() -> None:
    people = [*UNITS, supervisor("S_c", "Centrum"), trainee("T1", "Hisingen/Enhet 3; Nordost")]
    scenario = build(people, {"same_administration": {"same_unit": True}}, program="trainee")
    placement, inst = rule(scenario, "same_administration"), scenario.instance()
    says(placement.explain_pair(inst, 0, 0), "Hisingen/Enhet 3", "as applied")
    says(placement.explain_pair(inst, 2, 0), "Centrum", "not applied to", "Hisingen/Enhet 3, Nordost")
    says(placement.describe(), "applied to", "unit")
