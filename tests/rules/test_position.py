"""position: both sides hold a position (förste mentorship) and the mentor is the more experienced."""

from __future__ import annotations

from typing import Any

import pytest
from rule_helpers import adept, build, english, mentor, pairs, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError

FORSTE = "förste socialsekreterare"


def forste_mentor(pid: str, years: float | None = 14, **extra: Any) -> dict[str, Any]:
    return mentor(pid, years=years, position=FORSTE, **extra)


def forste_adept(pid: str, years: float | None = 3.5, **extra: Any) -> dict[str, Any]:
    return adept(pid, years=years, position=FORSTE, **extra)


def _old_and_young() -> list[dict]:
    return [forste_mentor("M_old", 14), forste_mentor("M_young", 4),
            forste_adept("A_new", 3.5), forste_adept("A_five", 5)]


YOUNG_PREFERRED = scores({("M_young", "A_five"): 10, ("M_old", "A_new"): 10, ("M_old", "A_five"): 1,
                          ("M_young", "A_new"): 1})


def test_hard_rule_makes_the_mentor_the_more_experienced() -> None:
    free = run(_old_and_young(), {"coverage": {}, "pair_scores": {}}, pair_scores=YOUNG_PREFERRED)
    assert ("M_young", "A_five") in pairs(free)
    result = run(_old_and_young(), {"coverage": {}, "pair_scores": {}, "position": {}}, pair_scores=YOUNG_PREFERRED)
    assert pairs(result) == {("M_old", "A_five"), ("M_young", "A_new")}
    assert result.checks["position"].holds
    says(result.pairs.set_index("adept_id").at["A_new", "reasons"], "both förste socialsekreterare",
         "mentor 4.0 years > adept 3.5 years")


def test_more_experienced_can_be_switched_off() -> None:
    result = run(_old_and_young(), {"coverage": {}, "pair_scores": {}, "position": {"more_experienced": False}},
                 pair_scores=YOUNG_PREFERRED)
    assert pairs(result) == {("M_young", "A_five"), ("M_old", "A_new")}


def test_positions_compare_without_case_diacritics_or_spaces() -> None:
    people = [mentor("M1", position=" Forste Socialsekreterare "), adept("A1", position="FÖRSTE socialsekreterare")]
    scenario = build(people, {"coverage": {}, "position": {}})
    position = rule(scenario, "position")
    assert position.allowed(scenario.instance()).tolist() == [[True]]
    assert verdict(scenario, "position", [("M1", "A1")]).holds


def test_band_order_decides_when_years_are_missing() -> None:
    # rule: with both years known, more years; otherwise a strictly higher band (Ny < Van < Erfaren)
    people = [forste_mentor("M_erf", None, band="Erfaren"), forste_mentor("M_van", None, band="Van"),
              forste_adept("A_van4", 4), forste_adept("A_ny", None, band="Ny"),
              forste_adept("A_erf", 9)]
    scenario = build(people, {"position": {}})
    position = rule(scenario, "position")
    inst = scenario.instance()
    mask = position.allowed(inst)
    expected = [[True, True, False],  # Erfaren (no years) over Van, over Ny; not over Erfaren 9 years
                [False, True, False]]  # Van (no years) not over Van 4 years; over Ny
    assert mask.tolist() == expected
    plain = [[position.pair_ok(g, t, inst) for t in inst.taker_records] for g in inst.giver_records]
    assert plain == expected
    says(position.explain_pair(inst, 0, 0), "band Erfaren above adept band Van", "years not given")
    says(position.explain_pair(inst, 1, 0), "NOT above")


def test_different_taker_position_in_a_trainee_programme() -> None:
    people = [
        {"id": "S1", "role": "handledare", "administration": "Hisingen", "gender": "woman", "years": 8,
         "position": "socialsekreterare", "supervisor_trained": "ja"},
        {"id": "S2", "role": "handledare", "administration": "Hisingen", "gender": "man", "years": 12,
         "position": FORSTE, "supervisor_trained": "ja"},
        {"id": "T1", "role": "student", "administration": "Hisingen", "gender": "woman", "years": 0,
         "position": "socionomstudent", "applied_to": "Hisingen"},
    ]
    params = {"giver_position": FORSTE, "taker_position": "Socionomstudent"}
    soft = run(people, {"coverage": {}, "position": {**params, "hard": False}}, program="trainee")
    assert pairs(soft) == {("S2", "T1")}
    says(soft.pairs.at[0, "reasons"], "supervisor is förste socialsekreterare", "trainee is Socionomstudent",
         "supervisor 12.0 years > trainee 0.0 years")
    with pytest.raises(InfeasibleError) as caught:  # hard: S1 is not förste and can never be matched
        run(people, {"coverage": {}, "position": params}, program="trainee")
    says(str(caught.value), "position", "1 supervisors", "S1 (socialsekreterare)", "befattning")


def test_people_in_another_position_are_named_with_the_fix() -> None:
    people = [*_old_and_young(), adept("A_plain", position="socialsekreterare"), adept("A_blank")]
    with pytest.raises(InfeasibleError) as caught:
        run(people, {"coverage": {"hard": False}, "position": {}})
    conflict = caught.value.conflicts[0]
    assert conflict.constraints == ["position"] and conflict.people == ["A_plain", "A_blank"]
    says(conflict.message, "2 adepts", "A_plain (socialsekreterare)", "A_blank (position empty)",
         "remove them", "correct their position (befattning)", "hard: false")


def test_hard_rule_infeasible_with_hard_coverage_is_explained_in_words() -> None:
    # the adept has more years than every mentor: nobody may mentor them
    people = [forste_mentor("M1", 6), forste_mentor("M2", 7), forste_adept("A_senior", 8)]
    with pytest.raises(InfeasibleError) as caught:
        run(people, {"coverage": {}, "position": {}})
    conflict = caught.value.conflicts[0]
    assert set(conflict.constraints) == {"position", "coverage"}
    says(conflict.message, "A_senior", "position leaves 0 of 2")


@pytest.mark.parametrize(("weight", "rewarded"), [(4, False), (6, True)])
def test_soft_rule_rewards_each_pair_that_satisfies_it(weight: int, rewarded: bool) -> None:
    # M_plain is not förste: soft, it may still be matched; the rule rewards M_forste's pair with `weight`
    people = [mentor("M_plain", position="socialsekreterare"), forste_mentor("M_forste", 14), forste_adept("A1")]
    table = scores({("M_plain", "A1"): 5, ("M_forste", "A1"): 0})
    result = run(people, {"coverage": {}, "pair_scores": {}, "position": {"hard": False, "weight": weight}},
                 pair_scores=table)
    assert pairs(result) == ({("M_forste", "A1")} if rewarded else {("M_plain", "A1")})
    assert result.objectives[2] == max(5, weight)
    assert result.checks["position"].holds is rewarded
    assert not result.checks["position"].hard_broken
    if not rewarded:
        says(result.pairs.at[0, "reasons"], "mentor is NOT förste socialsekreterare")


def test_check_catches_pairs_that_break_it() -> None:
    people = [*_old_and_young(), mentor("M_plain", position="socialsekreterare")]
    scenario = build(people, {"position": {"hard": False}})
    hard = build(_old_and_young(), {"position": {}})
    broken = verdict(hard, "position", [("M_young", "A_five"), ("M_old", "A_new")])
    assert broken.hard_broken and broken.violations == ["M_young - A_five"]
    assert verdict(hard, "position", [("M_old", "A_five"), ("M_young", "A_new")]).holds
    soft = verdict(scenario, "position", [("M_plain", "A_new")])
    assert not soft.holds and not soft.hard_broken


@pytest.mark.parametrize("params", [{"giver_position": ""}, {"taker_position": "  "},
                                    {"more_experienced": "maybe"}, {"mentor_position": FORSTE},
                                    {"giver_position": 3}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("position", params)


def test_describe() -> None:
    scenario = build(_old_and_young(), {"position": {}})
    says(rule(scenario, "position").describe(), "both sides förste socialsekreterare", "more experienced")
    other = build(_old_and_young(), {"position": {"taker_position": "socialsekreterare", "more_experienced": False,
                                                  "hard": False}})
    text = english(rule(other, "position").describe())
    says(text, "mentors förste socialsekreterare", "adepts socialsekreterare", "(soft)")
    assert "experienced" not in text
