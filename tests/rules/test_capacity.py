"""capacity: a mentor takes at most `capacity` adepts (always on); min_per_mentor."""

from __future__ import annotations

import pytest
from rule_helpers import adept, build, english, mentor, pairs, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError, solve


def test_capacity_limits_and_capacity_zero() -> None:
    people = [mentor("M2", capacity=2), mentor("M0", capacity=0), adept("A1"), adept("A2"), adept("A3")]
    result = run(people, {"coverage": {"hard": False}})
    assert len(result.pairs) == 2 and set(result.pairs["mentor_id"]) == {"M2"}
    reasons = result.unmatched.set_index("id")["reason"]
    says(reasons["M0"], "capacity 0")
    assert "full" in reasons[next(a for a in ("A1", "A2", "A3") if a not in set(result.pairs["adept_id"]))]


def test_capacity_is_always_on_even_when_not_listed() -> None:
    scenario = build([mentor("M1"), adept("A1"), adept("A2")], {"coverage": {"hard": False}})
    assert "capacity" in [c.name for c in scenario.active_constraints()]
    assert len(solve(scenario).pairs) == 1


def test_min_per_mentor_spreads_the_adepts() -> None:
    people = [mentor("M_star", capacity=2), mentor("M_other", capacity=2), adept("A1"), adept("A2")]
    table = scores({("M_star", "A1"): 50, ("M_star", "A2"): 50, ("M_other", "A1"): 1, ("M_other", "A2"): 0})
    loose = run(people, {"coverage": {}, "pair_scores": {}}, pair_scores=table)
    assert pairs(loose) == {("M_star", "A1"), ("M_star", "A2")}
    spread = run(people, {"coverage": {}, "pair_scores": {}, "capacity": {"min_per_mentor": 1}}, pair_scores=table)
    assert pairs(spread) == {("M_star", "A2"), ("M_other", "A1")}


def test_min_per_mentor_is_capped_at_capacity() -> None:
    people = [mentor("M1", capacity=1), mentor("M0", capacity=0), adept("A1"), adept("A2")]
    result = run(people, {"coverage": {"hard": False}, "capacity": {"min_per_mentor": 2}})
    assert pairs(result) == {("M1", "A1")} or pairs(result) == {("M1", "A2")}


def test_min_per_mentor_beyond_the_adepts_is_infeasible_in_words() -> None:
    people = [mentor("M1", capacity=2), mentor("M2", capacity=2), adept("A1"), adept("A2"), adept("A3")]
    with pytest.raises(InfeasibleError) as caught:
        run(people, {"coverage": {"hard": False}, "capacity": {"min_per_mentor": 2}})
    says(str(caught.value), "min_per_mentor", "4 adepts", "only 3")
    assert caught.value.conflicts[0].constraints == ["capacity"]


def test_check_catches_over_capacity_and_under_minimum() -> None:
    scenario = build([mentor("M1", capacity=1), mentor("M2", capacity=1), adept("A1"), adept("A2")],
                     {"capacity": {"min_per_mentor": 1}})
    over = verdict(scenario, "capacity", [("M1", "A1"), ("M1", "A2")])
    assert over.hard_broken
    words = english(over.detail)
    assert "M1 has 2 but capacity 1" in words and "M2 has 0 but must get at least 1" in words
    assert verdict(scenario, "capacity", [("M1", "A1"), ("M2", "A2")]).holds


@pytest.mark.parametrize("params", [{"hard": False}, {"min_per_mentor": -1}, {"min_per_mentor": "one"},
                                    {"max_per_mentor": 3}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("capacity", params)


def test_explanations() -> None:
    scenario = build([mentor("M1", capacity=2), mentor("M2", capacity=1), adept("A1")],
                     {"capacity": {"min_per_mentor": 1}})
    capacity = rule(scenario, "capacity")
    says(capacity.describe(), "at least 1")
    says(capacity.conflict_words(scenario.instance()), "2 mentors", "3 places", "at least 1")
