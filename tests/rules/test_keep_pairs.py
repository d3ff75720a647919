"""keep_pairs: the current pairs stay (fixed), or at most max_moves of them are broken."""

from __future__ import annotations

from typing import Any

import pytest
from rule_helpers import adept, build, english, frame, mentor, pairs, rejects, rule, run, says, verdict

from matcher import InfeasibleError
from matcher.checker import check_matching


def _people() -> list[dict]:
    return [mentor("M1"), mentor("M2"), adept("A1"), adept("A2")]


def test_kept_pairs_stay_against_the_scores() -> None:
    table = [{"mentor_id": "M1", "adept_id": "A2", "score": 50}, {"mentor_id": "M2", "adept_id": "A1", "score": 50}]
    result = run(_people(), {"coverage": {}, "pair_scores": {}, "keep_pairs": {"pairs": [["M1", "A1"]]}},
                 pair_scores=table)
    assert pairs(result) == {("M1", "A1"), ("M2", "A2")}
    says(str(result.pairs.set_index("adept_id").at["A1", "reasons"]), "kept from the current matching")
    assert result.checks["keep_pairs"].holds


def test_max_moves_lets_a_pair_go_only_when_that_matches_more() -> None:
    # A2 can only have M1 (M2-A2 excluded); A1 can have either: moving A1 to M2 matches both.
    people = _people()
    rules: dict[str, dict[str, Any]] = {
        "coverage": {"hard": False, "priority": 1},
        "keep_pairs": {"pairs": [["M1", "A1"]], "max_moves": 1},
    }
    excluded = [{"mentor_id": "M2", "adept_id": "A2"}]
    moved = run(people, rules, exclusions=excluded)
    assert pairs(moved) == {("M2", "A1"), ("M1", "A2")}
    assert moved.checks["keep_pairs"].holds and "1 broken" in english(moved.checks["keep_pairs"].detail)
    fixed = run(people, {**rules, "keep_pairs": {"pairs": [["M1", "A1"]]}}, exclusions=excluded)
    assert pairs(fixed) == {("M1", "A1")}


def test_the_reward_keeps_pairs_when_moving_gains_nothing() -> None:
    # Scores prefer the swap, but the keep level (priority 2) comes before the scores (priority 3).
    table = [{"mentor_id": "M1", "adept_id": "A2", "score": 50}, {"mentor_id": "M2", "adept_id": "A1", "score": 50}]
    rules: dict[str, dict[str, Any]] = {
        "coverage": {"hard": False, "priority": 1},
        "keep_pairs": {"pairs": [["M1", "A1"], ["M2", "A2"]], "max_moves": 2, "priority": 2},
        "pair_scores": {"priority": 3},
    }
    assert pairs(run(_people(), rules, pair_scores=table)) == {("M1", "A1"), ("M2", "A2")}
    rules["pair_scores"]["priority"] = 1  # scores first: now the swap wins, within the 2 moves
    assert pairs(run(_people(), rules, pair_scores=table)) == {("M1", "A2"), ("M2", "A1")}


def test_a_pair_a_hard_rule_forbids_is_infeasible_in_words() -> None:
    people = [mentor("M1", years=3), mentor("M2"), adept("A1", years=3), adept("A2")]  # Van -> Van
    with pytest.raises(InfeasibleError) as caught:
        run(people, {"coverage": {"hard": False}, "band": {}, "keep_pairs": {"pairs": [["M1", "A1"]]}})
    says(str(caught.value), "band", "keep_pairs", "1 current pairs must all stay")


def test_unknown_ids_and_over_capacity_are_prechecked() -> None:
    with pytest.raises(InfeasibleError) as caught:
        run(_people(), {"keep_pairs": {"pairs": [["M9", "A1"]]}})
    says(str(caught.value), "M9", "not a mentor")
    with pytest.raises(InfeasibleError) as caught:
        run(_people(), {"keep_pairs": {"pairs": [["M1", "A1"], ["M1", "A2"]]}})
    says(str(caught.value), "M1", "capacity 1", "allow-moves")


def test_check_counts_broken_pairs_against_max_moves() -> None:
    scenario = build(_people(), {"keep_pairs": {"pairs": [["M1", "A1"], ["M2", "A2"]], "max_moves": 1}})
    one = verdict(scenario, "keep_pairs", [("M1", "A1")])
    assert one.holds and not one.hard_broken and "1 broken" in english(one.detail)
    both = verdict(scenario, "keep_pairs", [("M1", "A2")])
    assert both.hard_broken and both.violations == ["M1 - A1", "M2 - A2"]
    assert not check_matching(scenario, frame([("M1", "A2")])).valid
    assert check_matching(scenario, frame([("M1", "A1")])).valid
    soft = build(_people(), {"keep_pairs": {"pairs": [["M1", "A1"]], "hard": False}})
    assert not verdict(soft, "keep_pairs", []).hard_broken


@pytest.mark.parametrize("params", [{"max_moves": -1}, {"pairs": [["M1"]]}, {"keep": []}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("keep_pairs", params)


def test_describe_and_conflict_words() -> None:
    scenario = build(_people(), {"keep_pairs": {"pairs": [["M1", "A1"]], "max_moves": 1}})
    says(rule(scenario, "keep_pairs").describe(), "at most 1", "1 current pairs")
    says(rule(scenario, "keep_pairs").conflict_words(scenario.instance()), "at least 0 of the 1")
