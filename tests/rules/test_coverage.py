"""coverage: every adept matched (hard), or as many as possible (soft, weight per adept)."""

from __future__ import annotations

import pytest
from rule_helpers import adept, build, mentor, pairs, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError


def test_hard_coverage_matches_everyone_even_at_a_cost() -> None:
    people = [mentor("M1"), mentor("M2"), adept("A1"), adept("A2")]
    table = scores({("M1", "A1"): 10, ("M2", "A1"): 9, ("M1", "A2"): -5, ("M2", "A2"): -5})
    result = run(people, {"coverage": {}, "pair_scores": {}}, pair_scores=table)
    assert len(result.pairs) == 2


def test_hard_coverage_with_too_few_places_is_infeasible_in_words() -> None:
    people = [mentor("M1", capacity=2), adept("A1"), adept("A2"), adept("A3")]
    with pytest.raises(InfeasibleError) as caught:
        run(people, {"coverage": {}})
    text = str(caught.value)
    assert "offer 2 places for 3 adepts" in text and "coverage" in text and "capacity" in text


def test_soft_coverage_matches_as_many_as_possible() -> None:
    people = [mentor("M1", capacity=2), adept("A1"), adept("A2"), adept("A3")]
    result = run(people, {"coverage": {"hard": False}})
    assert len(result.pairs) == 2 and result.objectives == {1: 2.0}
    assert result.checks["coverage"].holds is False and not result.checks["coverage"].hard_broken


def test_soft_coverage_priority_1_beats_pair_quality() -> None:
    # one mentor, capacity 2: matching both adepts wins at priority 1 even though A2 scores -5
    people = [mentor("M1", capacity=2), adept("A1"), adept("A2")]
    table = scores({("M1", "A1"): 3, ("M1", "A2"): -5})
    result = run(people, {"coverage": {"hard": False}, "pair_scores": {}}, pair_scores=table)
    assert len(result.pairs) == 2 and result.objectives == {1: 2.0, 2: -2.0}


@pytest.mark.parametrize(("weight", "matched"), [(1, 1), (4, 1), (6, 2)])
def test_soft_coverage_weight_at_the_same_priority_as_scores(weight: int, matched: int) -> None:
    people = [mentor("M1", capacity=2), adept("A1"), adept("A2")]
    table = scores({("M1", "A1"): 3, ("M1", "A2"): -5})
    result = run(people, {"coverage": {"hard": False, "priority": 2, "weight": weight}, "pair_scores": {}},
                 pair_scores=table)
    assert len(result.pairs) == matched  # A2 is worth weight - 5


def test_without_coverage_nothing_rewards_a_pair() -> None:
    people = [mentor("M1"), adept("A1")]
    assert run(people, {"capacity": {}}).objectives == {}  # no objective: any matching is as good
    assert run(people, {"topics": {}}).objectives == {2: 0.0}  # no shared topic: nothing to gain
    with_topic = [mentor("M1", topics="MI"), adept("A1", topics="mi")]
    assert pairs(run(with_topic, {"topics": {}})) == {("M1", "A1")}


def test_check_catches_an_unmatched_adept() -> None:
    people = [mentor("M1"), adept("A1"), adept("A2")]
    hard = verdict(build([mentor("M1", capacity=2), *people[1:]], {"coverage": {}}), "coverage", [("M1", "A1")])
    assert hard.hard_broken and hard.violations == ["A2 unmatched"]
    soft = verdict(build(people, {"coverage": {"hard": False}}), "coverage", [("M1", "A1")])
    assert not soft.holds and not soft.hard_broken
    says(soft.detail, "1 of 2 adepts")


@pytest.mark.parametrize("params", [{"hard": "sometimes"}, {"weight": -1}, {"priority": 0}, {"min": 3}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("coverage", params)


def test_explanations() -> None:
    hard = build([mentor("M1"), adept("A1")], {"coverage": {}})
    soft = build([mentor("M1"), adept("A1")], {"coverage": {"hard": False}})
    says(rule(hard, "coverage").describe(), "every adept")
    says(rule(soft, "coverage").describe(), "as many adepts as possible")
    assert rule(soft, "coverage").params.priority == 1  # coverage's default priority
    says(rule(hard, "coverage").conflict_words(hard.instance()), "1 adepts", "matched")
