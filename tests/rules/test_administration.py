"""administration: pairs within or across administrations, and a minimum cross share."""

from __future__ import annotations

from fractions import Fraction

import pytest
from rule_helpers import adept, build, english, mentor, pairs, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError


def _two_by_two() -> list[dict]:
    return [mentor("M_c", administration="Centrum"), mentor("M_h", administration="Hisingen"),
            adept("A_c", administration="Centrum"), adept("A_h", administration="Hisingen")]


SAME_PREFERRED = scores({("M_c", "A_c"): 10, ("M_h", "A_h"): 10, ("M_c", "A_h"): 1, ("M_h", "A_c"): 1})


@pytest.mark.parametrize(("mode", "expected"), [
    ("cross", {("M_c", "A_h"), ("M_h", "A_c")}),
    ("same", {("M_c", "A_c"), ("M_h", "A_h")}),
    ("any", {("M_c", "A_c"), ("M_h", "A_h")}),
])
def test_mode(mode: str, expected: set) -> None:
    result = run(_two_by_two(), {"coverage": {}, "administration": {"mode": mode}, "pair_scores": {}},
                 pair_scores=SAME_PREFERRED)
    assert pairs(result) == expected


def test_min_cross_share_overrides_the_scores() -> None:
    # 4 pairs; scores prefer all within; at least half must cross
    people = [mentor(f"M{a}", administration=a) for a in ("Centrum", "Hisingen", "Nordost", "Sydväst")]
    people += [adept(f"A{a}", administration=a) for a in ("Centrum", "Hisingen", "Nordost", "Sydväst")]
    table = scores({(f"M{a}", f"A{b}"): 10 if a == b else 1 for a in ("Centrum", "Hisingen", "Nordost", "Sydväst")
                    for b in ("Centrum", "Hisingen", "Nordost", "Sydväst")})
    result = run(people, {"coverage": {}, "administration": {"min_cross_share": 0.5}, "pair_scores": {}},
                 pair_scores=table)
    assert result.kpis["cross_administration_share"] == 0.5  # exactly the minimum: the rest stay within
    assert result.objectives[2] == 2 * 10 + 2 * 1


def test_min_cross_share_with_sydvast_spelled_in_ascii_is_not_a_cross_pair() -> None:
    people = [mentor("M1", administration="Sydvast"), adept("A1", administration="SYDVÄST")]
    with pytest.raises(InfeasibleError) as caught:
        run(people, {"coverage": {}, "administration": {"min_cross_share": 1.0}})
    assert "administration" in str(caught.value)


def test_soft_min_cross_share_penalty_is_weight_over_q_per_unit_of_shortfall() -> None:
    # share 0.4 = 2/5: the row is sum(5*cross - 2) >= 0; two same-administration pairs fall short by 4
    result = run(_two_by_two(), {"coverage": {}, "administration": {"mode": "same", "min_cross_share": 0.4,
                                                                   "hard": False, "weight": 3, "priority": 1}})
    # the only alternatives: 2 same pairs (reward 2*3, shortfall 4 -> -3/5*4) or 2 cross (reward 0, no shortfall)
    assert Fraction(result.objectives[1]).limit_denominator(1000) == max(Fraction(6) - Fraction(12, 5), 0)
    assert pairs(result) == {("M_c", "A_c"), ("M_h", "A_h")}


@pytest.mark.parametrize(("weight", "crossing"), [(4, False), (10, True)])
def test_soft_mode_rewards_each_pair(weight: int, crossing: bool) -> None:
    # within: 10 + 10 = 20; across: 1 + 1 + 2 x weight
    result = run(_two_by_two(), {"coverage": {}, "administration": {"mode": "cross", "hard": False, "weight": weight},
                                 "pair_scores": {}}, pair_scores=SAME_PREFERRED)
    expected = {("M_c", "A_h"), ("M_h", "A_c")} if crossing else {("M_c", "A_c"), ("M_h", "A_h")}
    assert pairs(result) == expected
    assert result.objectives[2] == max(2 + 2 * weight, 20)
    assert result.checks["administration"].holds is crossing
    assert not result.checks["administration"].hard_broken


def test_check_catches_mode_and_share_violations() -> None:
    scenario = build(_two_by_two(), {"administration": {"mode": "cross", "min_cross_share": 0.5}})
    both_within = verdict(scenario, "administration", [("M_c", "A_c"), ("M_h", "A_h")])
    assert both_within.hard_broken and len(both_within.violations) == 2
    assert "break mode cross" in english(both_within.detail) and "below 50%" in english(both_within.detail)
    assert verdict(scenario, "administration", [("M_c", "A_h"), ("M_h", "A_c")]).holds
    share_only = build(_two_by_two(), {"administration": {"min_cross_share": 0.6}})
    assert verdict(share_only, "administration", [("M_c", "A_h")]).holds  # 1 of 1 crosses
    assert verdict(share_only, "administration", [("M_c", "A_h"), ("M_h", "A_h")]).hard_broken  # 1 of 2 < 60%


@pytest.mark.parametrize("params", [{"mode": "sideways"}, {"min_cross_share": 1.5}, {"min_cross_share": -0.1},
                                    {"min_cross_share": "lots"}, {"cross": True}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("administration", params)


def test_explanations() -> None:
    scenario = build(_two_by_two(), {"administration": {"mode": "cross", "min_cross_share": 0.4}})
    admin = rule(scenario, "administration")
    says(admin.describe(), "cross", "40%")
    says(admin.explain_pair(scenario.instance(), 0, 1), "cross", "Centrum", "Hisingen")
    says(admin.explain_pair(scenario.instance(), 0, 0), "same administration", "Centrum")
