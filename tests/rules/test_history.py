"""history: pairs made in earlier cohorts are not repeated (hard), or cost `weight` each (soft)."""

from __future__ import annotations

import pytest
from rule_helpers import adept, build, mentor, pairs, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError, InputError

PAST = [
    {"cohort": "HT26", "back": 1, "mentor_id": "M1", "adept_id": "A1"},
    {"cohort": "VT26", "back": 2, "mentor_id": "M2", "adept_id": "A2"},
    # people of earlier cohorts who are not in this one are ignored
    {"cohort": "VT26", "back": 2, "mentor_id": "M9", "adept_id": "A1"},
    {"cohort": "VT26", "back": 2, "mentor_id": "M1", "adept_id": "A9"},
]
# The repeats would be the best pairs by far.
TABLE = scores({("M1", "A1"): 100, ("M2", "A2"): 100, ("M1", "A2"): 0, ("M2", "A1"): 0})


def _people() -> list[dict]:
    return [mentor("M1"), mentor("M2"), adept("A1"), adept("A2")]


def test_no_pair_from_an_earlier_cohort_is_made_again() -> None:
    assert pairs(run(_people(), {"coverage": {}, "pair_scores": {}}, pair_scores=TABLE)) == {("M1", "A1"), ("M2", "A2")}
    only_last = run(_people(), {"coverage": {}, "pair_scores": {}, "history": {"cohorts_back": 1}},
                    pair_scores=TABLE, history=PAST[:1])
    assert pairs(only_last) == {("M1", "A2"), ("M2", "A1")}
    assert only_last.checks["history"].holds


def test_cohorts_back_limits_how_far_back_pairs_count() -> None:
    people = [mentor("M1"), mentor("M2"), mentor("M3"), adept("A1"), adept("A2")]
    table = scores({("M1", "A1"): 100, ("M2", "A2"): 100, ("M3", "A1"): 50, ("M3", "A2"): 50})
    recent = run(people, {"coverage": {}, "pair_scores": {}, "history": {"cohorts_back": 1}},
                 pair_scores=table, history=PAST)
    assert ("M2", "A2") in pairs(recent) and ("M1", "A1") not in pairs(recent)
    every = run(people, {"coverage": {}, "pair_scores": {}, "history": {}}, pair_scores=table, history=PAST)
    assert not {("M1", "A1"), ("M2", "A2")} & pairs(every)


def test_soft_history_costs_weight_per_repeated_pair() -> None:
    cheap = run(_people(), {"coverage": {}, "pair_scores": {}, "history": {"hard": False, "weight": 50}},
                pair_scores=TABLE, history=PAST)
    assert pairs(cheap) == {("M1", "A1"), ("M2", "A2")}  # 2 x 100 - 2 x 50 > 0
    dear = run(_people(), {"coverage": {}, "pair_scores": {}, "history": {"hard": False, "weight": 150}},
               pair_scores=TABLE, history=PAST)
    assert pairs(dear) == {("M1", "A2"), ("M2", "A1")}
    reasons = cheap.pairs.set_index("adept_id")["reasons"]
    says(reasons["A1"], "matched before in HT26", "-50")
    assert not cheap.checks["history"].holds and not cheap.checks["history"].hard_broken


def test_an_adept_whose_only_mentor_was_theirs_before_is_infeasible_in_words() -> None:
    people = [mentor("M1"), adept("A1")]
    with pytest.raises(InfeasibleError) as caught:
        run(people, {"coverage": {}, "history": {}}, history=PAST)
    text = str(caught.value)
    says(text, "A1", "history leaves 0 of 1", "coverage")


def test_check_catches_a_repeat_within_the_window_only() -> None:
    scenario = build(_people(), {"history": {"cohorts_back": 1}}, history=PAST)
    bad = verdict(scenario, "history", [("M1", "A1"), ("M2", "A2")])
    assert bad.hard_broken and bad.violations == ["M1 - A1 (matched in HT26)"]
    assert verdict(scenario, "history", [("M2", "A2")]).holds  # VT26 is 2 cohorts back
    every = build(_people(), {"history": {}}, history=PAST)
    assert verdict(every, "history", [("M2", "A2")]).hard_broken


def test_an_empty_history_allows_everything() -> None:
    result = run(_people(), {"coverage": {}, "pair_scores": {}, "history": {}}, pair_scores=TABLE, history=[])
    assert pairs(result) == {("M1", "A1"), ("M2", "A2")}
    says(result.checks["history"].detail, "0 earlier cohorts")


def test_listing_history_without_a_database_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        build(_people(), {"history": {}})
    says(str(caught.value), "constraints.history", "history_db", "--db")


@pytest.mark.parametrize("params", [{"cohorts_back": 0}, {"cohorts_back": "two"}, {"back": 2}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("history", params, history=PAST)


def test_a_malformed_history_table_is_refused() -> None:
    with pytest.raises(InputError):
        build(_people(), {"history": {}}, history=[{"cohort": "VT26", "back": 0, "mentor_id": "M1", "adept_id": "A1"}])


def test_explanations() -> None:
    scenario = build(_people(), {"history": {"cohorts_back": 2}}, history=PAST)
    history = rule(scenario, "history")
    inst = scenario.instance()
    says(history.describe(), "last 2 cohorts")
    says(history.explain_pair(inst, 0, 1), "new pair")
    says(history.conflict_words(inst), "2 pairs", "HT26", "VT26")
