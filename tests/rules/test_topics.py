"""topics: each topic a mentor offers that the adept has as a goal adds `weight`; min_shared."""

from __future__ import annotations

import pytest
from rule_helpers import adept, build, mentor, pairs, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError


def _people() -> list[dict]:
    return [mentor("M_topics", topics="BBIC; barnsamtal"), mentor("M_score", topics="LVU"),
            adept("A1", topics="bbic, Barnsamtal , MI")]


TABLE = scores({("M_topics", "A1"): 0, ("M_score", "A1"): 7})


@pytest.mark.parametrize(("weight", "chosen"), [(0, "M_score"), (3, "M_score"), (4, "M_topics")])
def test_weight_changes_the_choice(weight: int, chosen: str) -> None:
    # M_topics shares 2 topics (case and spaces ignored): 2 x weight against a score of 7
    result = run(_people(), {"coverage": {}, "topics": {"weight": weight}, "pair_scores": {}}, pair_scores=TABLE)
    assert pairs(result) == {(chosen, "A1")}
    assert result.objectives[2] == max(2 * weight, 7)


def test_priority_puts_topics_first() -> None:
    result = run(_people(), {"coverage": {}, "topics": {"weight": 1, "priority": 1}, "pair_scores": {}},
                 pair_scores=TABLE)
    assert pairs(result) == {("M_topics", "A1")}
    assert result.objectives == {1: 2.0, 2: 0.0}


def test_min_shared_forbids_pairs_without_a_shared_topic() -> None:
    people = [*_people(), mentor("M_other", topics="placering"), adept("A2", topics="LVU"),
              adept("A3", topics="Placering;LVU")]
    result = run(people, {"coverage": {"hard": False}, "topics": {"min_shared": 1, "weight": 0}})
    assert pairs(result) == {("M_topics", "A1"), ("M_score", "A2"), ("M_other", "A3")}
    with pytest.raises(InfeasibleError) as caught:
        run([mentor("M1", topics="LVU"), adept("A1", topics="MI")], {"coverage": {}, "topics": {"min_shared": 1}})
    assert "topics" in str(caught.value) and "A1" in str(caught.value)


def test_check_catches_too_few_shared_topics() -> None:
    scenario = build(_people(), {"topics": {"min_shared": 1}})
    bad = verdict(scenario, "topics", [("M_score", "A1")])
    assert bad.hard_broken and bad.violations == ["M_score - A1"]
    good = verdict(scenario, "topics", [("M_topics", "A1")])
    assert good.holds
    says(good.detail, "2.0 shared topics")


@pytest.mark.parametrize("params", [{"min_shared": -1}, {"weight": -2}, {"weight": "high"}, {"shared": 1}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("topics", params)


def test_hard_true_is_refused_for_a_preference() -> None:
    rejects("topics", {"hard": True})


def test_explanations() -> None:
    result = run(_people(), {"coverage": {}, "topics": {"weight": 5}})
    assert "2 shared topics (barnsamtal, bbic) +10" in result.pairs.at[0, "reasons"]
    scenario = build(_people(), {"topics": {"weight": 5, "min_shared": 1}})
    topics = rule(scenario, "topics")
    says(topics.describe(), "+5 per shared topic", "priority 2", "at least 1")
    says(topics.explain_pair(scenario.instance(), 1, 0), "no shared topics")
