"""administration_quota: at most so many placements per administration (the supervisor's)."""

from __future__ import annotations

from typing import Any

import pytest
from rule_helpers import build, english, pairs, rejects, rule, run, says, verdict

from constraints import REGISTRY
from matcher import InfeasibleError
from matcher.engine import build_model


def supervisor(pid: str, administration: str = "Centrum", trained: bool = True, capacity: int = 1,
               **extra: Any) -> dict[str, Any]:
    return {"id": pid, "role": "supervisor", "administration": administration, "gender": "woman", "years": 10,
            "capacity": capacity, "supervisor_trained": "yes" if trained else "no", **extra}


def trainee(pid: str, applied_to: str = "Centrum", administration: str = "Nordost", **extra: Any) -> dict[str, Any]:
    return {"id": pid, "role": "trainee", "administration": administration, "gender": "woman", "years": 0,
            "applied_to": applied_to, **extra}


def trainee_run(people: list[dict[str, Any]], constraints: dict[str, dict[str, Any]], **kwargs: Any) -> Any:
    return run(people, constraints, program="trainee", **kwargs)


TWO_FOR_CENTRUM = [supervisor("S_c1"), supervisor("S_c2"), trainee("T1"), trainee("T2")]


def test_quota_of_one_places_one_of_two_applicants() -> None:
    result = trainee_run(TWO_FOR_CENTRUM, {"coverage": {"hard": False},
                                           "administration_quota": {"places": {"Centrum": 1}}})
    assert len(result.pairs) == 1
    assert result.checks["administration_quota"].holds
    assert "Centrum 1/1" in english(result.checks["administration_quota"].detail)


def test_without_the_quota_both_are_placed() -> None:
    result = trainee_run(TWO_FOR_CENTRUM, {"coverage": {"hard": False}})
    assert len(result.pairs) == 2


def test_placement_counts_in_the_supervisors_administration_not_the_trainees() -> None:
    people = [supervisor("S_c", "Centrum"), trainee("T1", applied_to="Centrum", administration="Nordost")]
    blocked = trainee_run(people, {"coverage": {"hard": False}, "administration_quota": {"places": {"Centrum": 0}}})
    assert pairs(blocked) == set()
    free = trainee_run(people, {"coverage": {"hard": False}, "administration_quota": {"places": {"Nordost": 0}}})
    assert pairs(free) == {("S_c", "T1")}


def test_default_places_and_any_spelling_merge_with_the_defaults() -> None:
    params = REGISTRY["administration_quota"].from_config({}).params
    assert params.places == {"Hisingen": 10, "Nordost": 10, "Sydväst": 5, "Centrum": 5}  # type: ignore[attr-defined]
    grown = REGISTRY["administration_quota"].from_config({"places": {"sydvast": 7, "CENTRUM": 6}}).params
    assert grown.places == {"Hisingen": 10, "Nordost": 10, "Sydväst": 7, "Centrum": 6}  # type: ignore[attr-defined]


def test_model_has_a_row_and_a_counter_per_administration_with_supervisors() -> None:
    people = [supervisor("S_c", "Centrum"), supervisor("S_h", "Hisingen"), trainee("T1", "Centrum, Hisingen")]
    scenario = build(people, {"administration_quota": {}}, program="trainee")
    problem = build_model(scenario).problem
    quota_rows = {r.label: r for r in problem.rows if r.constraint == "administration_quota"}
    assert set(quota_rows) == {"administration_quota.Centrum", "administration_quota.Hisingen"}
    assert quota_rows["administration_quota.Hisingen"].rhs == 10 and quota_rows["administration_quota.Hisingen"].hard
    assert {"placed in Centrum", "placed in Hisingen"} <= set(problem.counters)


def test_soft_quota_costs_weight_per_placement_over_quota() -> None:
    # coverage soft at priority 1 gives +1 per trainee; a quota penalty of 2 at priority 1 outweighs it
    strict = trainee_run(TWO_FOR_CENTRUM, {"coverage": {"hard": False},
                                           "administration_quota": {"places": {"Centrum": 1}, "hard": False,
                                                                    "weight": 2, "priority": 1}})
    assert len(strict.pairs) == 1 and strict.objectives[1] == 1
    # at the default priority 2 coverage comes first: both placed, the quota reported broken but not hard
    loose = trainee_run(TWO_FOR_CENTRUM, {"coverage": {"hard": False},
                                          "administration_quota": {"places": {"Centrum": 1}, "hard": False}})
    assert len(loose.pairs) == 2
    assert not loose.checks["administration_quota"].holds
    assert not loose.checks["administration_quota"].hard_broken
    assert loose.objectives[2] == -1


def test_check_catches_placements_over_quota() -> None:
    scenario = build(TWO_FOR_CENTRUM, {"administration_quota": {"places": {"Centrum": 1}}}, program="trainee")
    over = verdict(scenario, "administration_quota", [("S_c1", "T1"), ("S_c2", "T2")])
    assert not over.holds and over.hard_broken
    assert over.violations == ["Centrum: 2 placed, quota 1"]
    assert verdict(scenario, "administration_quota", [("S_c1", "T1")]).holds


def test_hard_quota_and_hard_coverage_conflict_in_words() -> None:
    with pytest.raises(InfeasibleError) as caught:
        trainee_run(TWO_FOR_CENTRUM, {"coverage": {}, "administration_quota": {"places": {"Centrum": 1}}})
    text = str(caught.value)
    assert "administration_quota" in text and "quota" in text and "Centrum 1" in text


def test_locked_pairs_over_a_hard_quota_are_refused_before_solving() -> None:
    locked = [{"supervisor_id": "S_c1", "trainee_id": "T1"}, {"supervisor_id": "S_c2", "trainee_id": "T2"}]
    with pytest.raises(InfeasibleError) as caught:
        trainee_run(TWO_FOR_CENTRUM, {"coverage": {"hard": False}, "administration_quota": {"places": {"Centrum": 1}}},
                    locked=locked)
    says(str(caught.value), "2 locked pairs", "Centrum", "quota is 1")


@pytest.mark.parametrize("params", [{"places": {"Göteborg": 3}}, {"places": {"Centrum": -1}}, {"places": "lots"},
                                    {"places": {"Sydväst": 1, "sydvast": 2}}, {"quota": 3}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("administration_quota", params, TWO_FOR_CENTRUM, program="trainee")


def test_explanations() -> None:
    scenario = build(TWO_FOR_CENTRUM, {"administration_quota": {"places": {"Centrum": 1}}}, program="trainee")
    quota = rule(scenario, "administration_quota")
    assert english(quota.explain_pair(scenario.instance(), 0, 0), "trainee") == "placement in Centrum (quota 1)"
    says(quota.describe(), "Hisingen 10", "Centrum 1", "26 in all", program="trainee")
    says(quota.conflict_words(scenario.instance()), "quota", "Centrum 1", "places (Centrum 2)",
         "at most 1 of the 2 trainees", program="trainee")
