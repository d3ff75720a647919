"""gender_balance: equal match rates across gender groups; same-gender requests."""

from __future__ import annotations

from fractions import Fraction

import pytest
from rule_helpers import adept, build, english, mentor, pairs, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError


def _two_places_four_adepts() -> tuple[list[dict], list[dict]]:
    """Two places; the scores would give both to the women."""
    people = [mentor("M1"), mentor("M2"), adept("W1", gender="woman"), adept("W2", gender="kvinna"),
              adept("N1", gender="man"), adept("N2", gender="man")]
    table = scores({(m, a): (10 if a.startswith("W") else 1) for m in ("M1", "M2") for a in ("W1", "W2", "N1", "N2")})
    return people, table


def test_equal_rates_hard_matches_each_group_at_the_same_rate() -> None:
    people, table = _two_places_four_adepts()
    free = run(people, {"coverage": {"hard": False}, "pair_scores": {}}, pair_scores=table)
    assert set(free.pairs["adept_id"]) == {"W1", "W2"}
    fair = run(people, {"coverage": {"hard": False}, "pair_scores": {},
                        "gender_balance": {"equal_match_rate_tolerance": 0.0, "min_group_size": 2}},
               pair_scores=table)
    assert sorted(a[0] for a in fair.pairs["adept_id"]) == ["N", "W"]
    assert {r["gender"]: r["rate"] for r in fair.kpis["by_gender"]} == {"man": 0.5, "woman": 0.5}


def test_groups_below_min_group_size_are_not_compared() -> None:
    people, table = _two_places_four_adepts()
    result = run(people, {"coverage": {"hard": False}, "pair_scores": {},
                          "gender_balance": {"equal_match_rate_tolerance": 0.0, "min_group_size": 3}},
                 pair_scores=table)
    assert set(result.pairs["adept_id"]) == {"W1", "W2"}
    assert "not compared" in english(result.checks["gender_balance"].detail)


def test_more_than_two_genders() -> None:
    people = [mentor("M1"), mentor("M2"), mentor("M3"), adept("W1"), adept("W2"), adept("B1", gender="non-binary"),
              adept("B2", gender="annan"), adept("U1", gender="undisclosed"), adept("U2", gender="undisclosed")]
    table = scores({(m, a): (10 if a.startswith("W") else 1) for m in ("M1", "M2", "M3")
                    for a in ("W1", "W2", "B1", "B2", "U1", "U2")})
    result = run(people, {"coverage": {"hard": False}, "pair_scores": {},
                          "gender_balance": {"equal_match_rate_tolerance": 0.0, "min_group_size": 2}},
                 pair_scores=table)
    assert sorted(a[0] for a in result.pairs["adept_id"]) == ["B", "U", "W"]


def test_soft_rates_penalty_is_weight_over_n_h_per_unit() -> None:
    # 1 place, 2 women and 2 men, tolerance 0: one match makes n_h*m_g - n_g*m_h = 2 for one ordered
    # pair of groups, a penalty of weight/2 * 2 = weight, against coverage's 2
    people = [mentor("M1"), adept("W1"), adept("W2"), adept("N1", gender="man"), adept("N2", gender="man")]
    for weight, matched in ((1, 1), (3, 0)):
        result = run(people, {"coverage": {"hard": False, "priority": 2, "weight": 2},
                              "gender_balance": {"equal_match_rate_tolerance": 0.0, "min_group_size": 2,
                                                 "hard": False, "weight": weight}})
        assert len(result.pairs) == matched
        assert Fraction(result.objectives[2]).limit_denominator(100) == max(2 - weight, 0)
        assert not result.checks["gender_balance"].hard_broken


def test_hard_rates_conflict_with_a_locked_pair_in_words() -> None:
    # one place, locked to the only woman: women 1/1, men 0/2 -- a gap of 100% > 40%
    people = [mentor("M1"), adept("W1"), adept("N1", gender="man"), adept("N2", gender="man")]
    with pytest.raises(InfeasibleError) as caught:
        run(people, {"coverage": {"hard": False},
                     "gender_balance": {"equal_match_rate_tolerance": 0.4, "min_group_size": 1}},
            locked=[{"mentor_id": "M1", "adept_id": "W1"}])
    conflict = caught.value.conflicts[0]
    assert set(conflict.constraints) == {"capacity", "gender_balance", "locked"}  # all three are needed
    says(conflict.message, "40%", "M1-W1")


@pytest.mark.parametrize(("mode", "expected"), [("hard", "M_man"), ("soft", "M_man"), ("off", "M_woman")])
def test_same_gender_requests(mode: str, expected: str) -> None:
    people = [mentor("M_woman"), mentor("M_man", gender="man"), adept("A1", gender="man", same_gender="ja")]
    table = scores({("M_woman", "A1"): 1, ("M_man", "A1"): 0})
    weight = {"weight": 2} if mode == "soft" else {}  # weight only counts for soft requests (else an error)
    result = run(people, {"coverage": {}, "pair_scores": {},
                          "gender_balance": {"same_gender_requests": mode, **weight}}, pair_scores=table)
    assert pairs(result) == {(expected, "A1")}


def test_soft_request_can_be_outbid_and_hard_request_cannot() -> None:
    people = [mentor("M_woman"), mentor("M_man", gender="man"), adept("A1", gender="man", same_gender="yes")]
    table = scores({("M_woman", "A1"): 5, ("M_man", "A1"): 0})
    soft = run(people, {"coverage": {}, "pair_scores": {}, "gender_balance": {"weight": 4}}, pair_scores=table)
    assert pairs(soft) == {("M_woman", "A1")}
    assert "same-gender request NOT honoured" in soft.pairs.at[0, "reasons"]
    assert not soft.checks["gender_balance"].hard_broken
    hard = run(people, {"coverage": {}, "pair_scores": {}, "gender_balance": {"same_gender_requests": "hard"}},
               pair_scores=table)
    assert pairs(hard) == {("M_man", "A1")}
    assert "same-gender request honoured" in hard.pairs.at[0, "reasons"]


def test_check_catches_unequal_rates_and_broken_requests() -> None:
    people, _ = _two_places_four_adepts()
    people = [*people, adept("N3", gender="man", same_gender="yes")]
    hard = build(people, {"gender_balance": {"equal_match_rate_tolerance": 0.1, "min_group_size": 2,
                                             "same_gender_requests": "hard"}})
    unequal = verdict(hard, "gender_balance", [("M1", "W1"), ("M2", "W2")])
    assert unequal.hard_broken and "match rates differ by 100.0%" in english(unequal.detail)
    request = verdict(hard, "gender_balance", [("M1", "W1"), ("M2", "N3")])
    assert request.hard_broken and "1 same-gender requests not honoured: M2 - N3" in english(request.detail)
    assert verdict(hard, "gender_balance", [("M1", "W1")]).hard_broken  # 1/2 vs 0/3
    # hard rule, soft requests: an unhonoured request is reported but does not invalidate
    soft_requests = build(people, {"gender_balance": {"same_gender_requests": "soft"}})
    reported = verdict(soft_requests, "gender_balance", [("M2", "N3")])
    assert not reported.holds and not reported.hard_broken
    soft_rates = build(people, {"gender_balance": {"equal_match_rate_tolerance": 0.1, "min_group_size": 2,
                                                   "hard": False}})
    assert not verdict(soft_rates, "gender_balance", [("M1", "W1"), ("M2", "W2")]).hard_broken


@pytest.mark.parametrize("params", [{"equal_match_rate_tolerance": 1.5}, {"equal_match_rate_tolerance": -0.1},
                                    {"min_group_size": 0}, {"same_gender_requests": "maybe"},
                                    {"same_gender": "hard"}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("gender_balance", params)


def test_explanations() -> None:
    scenario = build([mentor("M1"), adept("A1")], {"gender_balance": {"equal_match_rate_tolerance": 0.05,
                                                                        "min_group_size": 3, "hard": False}})
    says(rule(scenario, "gender_balance").describe(), ">= 3 people", "5% (soft)", "same-gender requests", "(soft)")
    off = build([mentor("M1"), adept("A1")], {"gender_balance": {"same_gender_requests": "off"}})
    says(rule(off, "gender_balance").describe(), "no gender rule")
    assert rule(off, "gender_balance").explain_pair(off.instance(), 0, 0) is None  # no request


@pytest.mark.parametrize(("rule", "config"), [
    ("coverage", {"priority": 1, "weight": 1}),
    ("gender_balance", {"same_gender_requests": "hard", "equal_match_rate_tolerance": 0.1, "weight": 3}),
    ("capacity", {"priority": 2}),
])
def test_weight_or_priority_on_a_hard_rule_is_an_error_not_ignored(rule: str, config: dict[str, object]) -> None:
    """`coverage: {priority: 1, weight: 1}` was taken as a hard rule with both silently ignored."""
    from matcher import InputError

    with pytest.raises(InputError) as caught:
        run([mentor("M1"), adept("A1")], {"coverage": {}, rule: config})
    (problem,) = caught.value.problems
    assert problem.column is not None and problem.column.startswith(f"constraints.{rule}.")
    assert "hard: false" in problem.message


def test_weight_on_a_hard_rule_with_a_soft_part_counts() -> None:
    """gender_balance hard (equal rates) with soft same-gender requests: the weight is the requests'."""
    result = run([mentor("M1"), adept("A1")], {"coverage": {}, "gender_balance": {"weight": 3}})
    assert len(result.pairs) == 1
