"""pair_scores: an external score per pair, times `weight`; unlisted pairs score 0 or are forbidden."""

from __future__ import annotations

import pytest
from rule_helpers import adept, build, mentor, pairs, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError, InputError


def _people() -> list[dict]:
    return [mentor("M1"), mentor("M2"), adept("A1"), adept("A2")]


def test_scores_decide_the_pairs() -> None:
    table = scores({("M1", "A1"): 1, ("M1", "A2"): 9, ("M2", "A1"): 8, ("M2", "A2"): 1})
    result = run(_people(), {"coverage": {}, "pair_scores": {"weight": 2}}, pair_scores=table)
    assert pairs(result) == {("M1", "A2"), ("M2", "A1")}
    assert result.objectives == {2: 34.0}
    assert sorted(result.pairs["score"]) == [16, 18]


def test_missing_zero_versus_forbid() -> None:
    table = scores({("M1", "A1"): 5, ("M2", "A2"): -10})  # M1-A2 and M2-A1 are not listed
    zero = run(_people(), {"coverage": {}, "pair_scores": {"missing": "zero"}}, pair_scores=table)
    assert pairs(zero) == {("M1", "A2"), ("M2", "A1")}  # 0 + 0 beats 5 - 10
    assert zero.objectives == {2: 0.0}
    forbid = run(_people(), {"coverage": {}, "pair_scores": {"missing": "forbid"}}, pair_scores=table)
    assert pairs(forbid) == {("M1", "A1"), ("M2", "A2")}
    assert forbid.objectives == {2: -5.0}


def test_forbid_leaves_an_adept_without_mentor_infeasible_in_words() -> None:
    table = scores({("M1", "A1"): 5, ("M2", "A1"): 5})
    with pytest.raises(InfeasibleError) as caught:
        run(_people(), {"coverage": {}, "pair_scores": {"missing": "forbid"}}, pair_scores=table)
    assert "pair_scores" in str(caught.value) and "A2" in str(caught.value)


def test_negative_scores_are_avoided_when_coverage_is_off() -> None:
    table = scores({("M1", "A1"): -3, ("M2", "A2"): 2})
    result = run(_people(), {"pair_scores": {}}, pair_scores=table)
    assert pairs(result) == {("M2", "A2")}


def test_needs_a_score_table() -> None:
    with pytest.raises(InputError) as caught:
        build(_people(), {"pair_scores": {}})
    says(str(caught.value), "constraints.pair_scores", "`pair_scores:`")


def test_check_catches_an_unlisted_pair_when_forbidden() -> None:
    table = scores({("M1", "A1"): 5})
    forbid = build(_people(), {"pair_scores": {"missing": "forbid"}}, pair_scores=table)
    bad = verdict(forbid, "pair_scores", [("M1", "A1"), ("M2", "A2")])
    assert bad.hard_broken and bad.violations == ["M2 - A2"]
    zero = build(_people(), {"pair_scores": {}}, pair_scores=table)
    assert verdict(zero, "pair_scores", [("M2", "A2")]).holds


@pytest.mark.parametrize("params", [{"missing": "drop"}, {"weight": -1}, {"priority": 0}, {"file": "x.csv"}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("pair_scores", params, pair_scores=scores({("M1", "A1"): 1}))


def test_explanations() -> None:
    table = scores({("M1", "A1"): 7})
    result = run([mentor("M1"), adept("A1")], {"coverage": {}, "pair_scores": {"weight": 2}}, pair_scores=table)
    says(result.pairs.at[0, "reasons"], "score 7", "+14")
    scenario = build(_people(), {"pair_scores": {"missing": "forbid", "weight": 3}}, pair_scores=table)
    says(rule(scenario, "pair_scores").describe(), "+3", "priority 2", "only listed pairs")
