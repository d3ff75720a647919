"""gender_target: a minimum share per gender among the selected adepts / trainees."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from rule_helpers import adept, build, english, mentor, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError


def supervisor(pid: str, administration: str = "Hisingen", **extra: Any) -> dict[str, Any]:
    return {"id": pid, "role": "supervisor", "administration": administration, "gender": "woman", "years": 10,
            "capacity": 1, "supervisor_trained": "ja", **extra}


def trainee(pid: str, gender: str = "woman", administration: str = "Hisingen", **extra: Any) -> dict[str, Any]:
    return {"id": pid, "role": "trainee", "administration": administration, "gender": gender, "years": 0,
            "applied_to": administration, **extra}


def _two_places_two_women_two_men() -> tuple[list[dict], list[dict]]:
    """Two mentor places; the scores would give both to the women."""
    people = [mentor("M1"), mentor("M2"), adept("W1"), adept("W2", gender="kvinna"),
              adept("N1", gender="man"), adept("N2", gender="man")]
    table = scores({(m, a): (10 if a.startswith("W") else 0) for m in ("M1", "M2") for a in ("W1", "W2", "N1", "N2")})
    return people, table


def _selected(result: Any) -> list[str]:
    return sorted(a[0] for a in result.pairs["adept_id"])


def test_hard_target_changes_who_is_selected() -> None:
    people, table = _two_places_two_women_two_men()
    free = run(people, {"coverage": {"hard": False}, "pair_scores": {}}, pair_scores=table)
    assert _selected(free) == ["W", "W"]
    fair = run(people, {"coverage": {"hard": False}, "pair_scores": {}, "gender_target": {"min_share": {"man": 0.5}}},
               pair_scores=table)
    assert _selected(fair) == ["N", "W"]  # both places still filled: one man, one woman
    assert fair.checks["gender_target"].holds
    says(fair.checks["gender_target"].detail, "1 of 2", "men", "50%")


def test_several_genders_and_swedish_spellings() -> None:
    people = [mentor("M1"), mentor("M2"), mentor("M3"), adept("W1"), adept("W2"), adept("N1", gender="man"),
              adept("B1", gender="annan")]
    table = scores({(m, a): (10 if a.startswith("W") else 0) for m in ("M1", "M2", "M3")
                    for a in ("W1", "W2", "N1", "B1")})
    result = run(people, {"coverage": {"hard": False}, "pair_scores": {},
                          "gender_target": {"min_share": {"Man": 0.3, "ANNAN": 0.3}}}, pair_scores=table)
    assert _selected(result) == ["B", "N", "W"]
    assert rule(build(people, {"gender_target": {"min_share": {"Kvinna": 0.2, "m": 0.3}}}),
                "gender_target").p.min_share == {"woman": 0.2, "man": 0.3}


def test_trainee_term_target_lowered_when_the_applicants_do_not_allow_it() -> None:
    # 3 places, 1 man among 5 applicants: 30% men is 1 of 3 -> reachable; 50% is not, lowered to 33%
    people = [supervisor(f"S{i}") for i in range(3)] + [trainee(f"W{i}") for i in range(4)] + [trainee("N1", "man")]
    reachable = run(people, {"coverage": {"hard": False}, "gender_target": {"min_share": {"man": 0.3}}},
                    program="trainee")
    assert "N1" in set(reachable.pairs["adept_id"]) and len(reachable.pairs) == 3
    assert "lowered" not in english(reachable.checks["gender_target"].detail)
    lowered = run(people, {"coverage": {"hard": False}, "gender_target": {"min_share": {"man": 0.5}}},
                  program="trainee")
    assert len(lowered.pairs) == 3 and "N1" in set(lowered.pairs["adept_id"])  # every place filled, the man in
    check = lowered.checks["gender_target"]
    assert check.holds
    says(check.detail, "target 50% men lowered to 33%", "only 1 man applied for 3 places")


def test_without_only_if_possible_places_are_left_empty_or_the_scenario_is_infeasible() -> None:
    people = [supervisor(f"S{i}") for i in range(3)] + [trainee(f"W{i}") for i in range(4)] + [trainee("N1", "man")]
    strict = {"min_share": {"man": 0.5}, "only_if_possible": False}
    empty = run(people, {"coverage": {"hard": False}, "gender_target": strict}, program="trainee")
    assert sorted(empty.pairs["adept_id"].str[0]) == ["N", "W"]  # one place left empty to reach 50%
    says(empty.checks["gender_target"].detail, "cannot be met with every place filled", "at most 33%")
    # every supervisor must take a trainee: now 50% men cannot be reached at all
    with pytest.raises(InfeasibleError) as caught:
        run(people, {"coverage": {"hard": False}, "capacity": {"min_per_mentor": 1}, "gender_target": strict},
            program="trainee")
    conflict = caught.value.conflicts[0]
    assert "gender_target" in conflict.constraints
    says(conflict.message, "50%", "men", "1 of 5 applicants", "only_if_possible")


def test_hard_coverage_and_a_target_above_the_applicants_share_is_infeasible_in_words() -> None:
    people, _ = _two_places_two_women_two_men()
    people = [*people, mentor("M3"), mentor("M4")]  # 4 places, every adept must be matched: 50% men exactly
    with pytest.raises(InfeasibleError) as caught:
        run(people, {"coverage": {}, "gender_target": {"min_share": {"man": 0.6}, "only_if_possible": False}})
    conflict = caught.value.conflicts[0]
    assert set(conflict.constraints) == {"coverage", "gender_target"}
    says(str(caught.value), "gender_target", "60%", "men", "2 of 4 applicants")
    lowered = run(people, {"coverage": {}, "gender_target": {"min_share": {"man": 0.6}}})
    assert len(lowered.pairs) == 4
    says(lowered.checks["gender_target"].detail, "lowered to 50%", "only 2 men applied for 4 places")


@pytest.mark.parametrize(("weight", "women_only"), [(5, True), (15, False)])
def test_soft_target_penalty_is_weight_per_person_short(weight: int, women_only: bool) -> None:
    # share 1/2: two women make the row 2*(0 - 1) = -2, i.e. 1 person short -> a penalty of `weight`,
    # against the 10 points the second woman's score brings
    people, table = _two_places_two_women_two_men()
    result = run(people, {"coverage": {"hard": False}, "pair_scores": {},
                          "gender_target": {"min_share": {"man": 0.5}, "hard": False, "weight": weight}},
                 pair_scores=table)
    assert _selected(result) == (["W", "W"] if women_only else ["N", "W"])
    assert Fraction(result.objectives[2]).limit_denominator(100) == max(20 - weight, 10)
    assert result.checks["gender_target"].holds is not women_only
    assert not result.checks["gender_target"].hard_broken


def test_check_catches_a_share_below_the_target() -> None:
    people, _ = _two_places_two_women_two_men()
    hard = build(people, {"gender_target": {"min_share": {"man": 0.5, "woman": 0.25}}})
    women_only = verdict(hard, "gender_target", [("M1", "W1"), ("M2", "W2")])
    assert not women_only.holds and women_only.hard_broken
    says(women_only.detail, "below the target of 50%", "0 of 2 selected are men")
    men_only = verdict(hard, "gender_target", [("M1", "N1"), ("M2", "N2")])
    assert men_only.hard_broken and "25%" in english(men_only.detail) and len(men_only.violations) == 1
    assert verdict(hard, "gender_target", [("M1", "N1"), ("M2", "W2")]).holds
    assert verdict(hard, "gender_target", []).holds  # nobody selected: no share to miss
    soft = build(people, {"gender_target": {"min_share": {"man": 0.5}, "hard": False}})
    reported = verdict(soft, "gender_target", [("M1", "W1"), ("M2", "W2")])
    assert not reported.holds and not reported.hard_broken


@pytest.mark.parametrize("params", [
    {"min_share": {"robot": 0.3}},
    {"min_share": {"man": 1.5}},
    {"min_share": {"man": -0.1}},
    {"min_share": {"man": "lots"}},
    {"min_share": {}},
    {"min_share": {"man": 0.6, "woman": 0.6}},
    {"min_share": {"man": 0.3, "m": 0.2}},
    {"min_share": 0.3},
    {"only_if_possible": "perhaps"},
    {"share": {"man": 0.3}},
])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("gender_target", params)


def test_default_is_the_citys_goal_and_explanations() -> None:
    scenario = build([mentor("M1"), adept("A1")], {"gender_target": {}})
    target = rule(scenario, "gender_target")
    assert target.p.min_share == {"man": 0.3}
    says(target.describe(), "30% men", "among the selected", "lowered")
    assert target.explain_pair(scenario.instance(), 0, 0) is None  # nothing per pair: the check gives shares
    soft = build([mentor("M1"), adept("A1")], {"gender_target": {"min_share": {"woman": 0.4}, "hard": False,
                                                                 "only_if_possible": False}})
    says(rule(soft, "gender_target").describe(), "40% women", "(soft)")
