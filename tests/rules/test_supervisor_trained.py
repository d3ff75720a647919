"""supervisor_trained: trainees only with supervisors who have supervisor training."""

from __future__ import annotations

from typing import Any

import pytest
from rule_helpers import build, english, pairs, rejects, rule, run, says, verdict

from matcher import InfeasibleError


def supervisor(pid: str, administration: str = "Centrum", trained: bool = True, capacity: int = 1,
               **extra: Any) -> dict[str, Any]:
    return {"id": pid, "role": "supervisor", "administration": administration, "gender": "woman", "years": 10,
            "capacity": capacity, "supervisor_trained": "ja" if trained else "nej", **extra}


def trainee(pid: str, applied_to: str = "Centrum", administration: str = "Nordost", **extra: Any) -> dict[str, Any]:
    return {"id": pid, "role": "trainee", "administration": administration, "gender": "woman", "years": 0,
            "applied_to": applied_to, **extra}


def trainee_run(people: list[dict[str, Any]], constraints: dict[str, dict[str, Any]], **kwargs: Any) -> Any:
    return run(people, constraints, program="trainee", **kwargs)


PEOPLE = [supervisor("S_t"), supervisor("S_u", trained=False, name="Anna Andersson"), trainee("T1"), trainee("T2")]


def test_hard_excludes_the_untrained_supervisor() -> None:
    result = trainee_run(PEOPLE, {"coverage": {"hard": False}, "supervisor_trained": {}})
    assert len(result.pairs) == 1
    assert set(result.pairs["mentor_id"]) == {"S_t"}
    assert result.checks["supervisor_trained"].holds


def test_soft_uses_the_untrained_supervisor_and_names_who_needs_training() -> None:
    result = trainee_run(PEOPLE, {"coverage": {"hard": False}, "supervisor_trained": {"hard": False}})
    assert set(result.pairs["mentor_id"]) == {"S_t", "S_u"}
    check = result.checks["supervisor_trained"]
    assert not check.holds and not check.hard_broken
    says(check.detail, "1 of 2 placed trainees", "untrained", "need the training: S_u", program="trainee")
    assert "Anna" not in english(check.detail, "trainee")  # ids only, never names
    assert result.objectives[2] == 1  # +1 for the one pair with a trained supervisor


def test_soft_prefers_the_trained_supervisor() -> None:
    people = [supervisor("S_u", trained=False), supervisor("S_t"), trainee("T1")]
    result = trainee_run(people, {"coverage": {"hard": False}, "supervisor_trained": {"hard": False, "weight": 3}})
    assert pairs(result) == {("S_t", "T1")}
    assert result.objectives[2] == 3
    assert result.checks["supervisor_trained"].holds


def test_check_catches_an_untrained_supervisor() -> None:
    hard = build(PEOPLE, {"supervisor_trained": {}}, program="trainee")
    broken = verdict(hard, "supervisor_trained", [("S_t", "T1"), ("S_u", "T2")])
    assert not broken.holds and broken.hard_broken
    assert broken.violations == ["S_u - T2"]
    says(broken.detail, "1 of 2", program="trainee")
    assert verdict(hard, "supervisor_trained", [("S_t", "T1")]).holds


def test_too_few_trained_supervisors_with_hard_coverage_is_infeasible_in_words() -> None:
    with pytest.raises(InfeasibleError) as caught:
        trainee_run(PEOPLE, {"coverage": {}, "supervisor_trained": {}})
    text = str(caught.value)
    assert "supervisor_trained" in text
    says(text, "1 of 2 supervisors with supervisor training", "1 places")


def test_no_trained_supervisor_at_all_leaves_trainees_without_eligible_supervisor() -> None:
    people = [supervisor("S_u", trained=False), trainee("T1")]
    with pytest.raises(InfeasibleError) as caught:
        trainee_run(people, {"coverage": {}, "supervisor_trained": {}})
    says(str(caught.value), "supervisor_trained", "T1")


@pytest.mark.parametrize("params", [{"hard": "maybe"}, {"weight": -1}, {"trained": True}, {"priority": 0}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("supervisor_trained", params, PEOPLE, program="trainee")


def test_vectorised_and_plain_rule_agree() -> None:
    scenario = build(PEOPLE, {"supervisor_trained": {}}, program="trainee")
    trained = rule(scenario, "supervisor_trained")
    inst = scenario.instance()
    allowed = trained.allowed(inst)
    for g, giver in enumerate(inst.giver_records):
        for t, taker in enumerate(inst.taker_records):
            assert allowed[g, t] == trained.pair_ok(giver, taker, inst)


def test_explanations() -> None:
    scenario = build(PEOPLE, {"supervisor_trained": {}}, program="trainee")
    trained = rule(scenario, "supervisor_trained")
    says(trained.explain_pair(scenario.instance(), 0, 0), "trained")
    says(trained.explain_pair(scenario.instance(), 1, 0), "not trained", "handledarutbildning")
    says(trained.describe(), "supervisor training")
