"""mentor_load: a mentor takes at most `max_adepts` adepts over the last `terms` cohorts, this one included."""

from __future__ import annotations

import pytest
from rule_helpers import adept, build, mentor, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError, InputError


def past(*rows: tuple[str, int, str, str]) -> list[dict]:
    return [{"cohort": c, "back": b, "mentor_id": m, "adept_id": a} for c, b, m, a in rows]


# M1 took two adepts last term, one the term before; M2 one the term before.
HISTORY = past(("HT26", 1, "M1", "X1"), ("HT26", 1, "M1", "X2"), ("VT26", 2, "M1", "X3"), ("VT26", 2, "M2", "X4"))
TABLE = scores({("M1", "A1"): 100, ("M1", "A2"): 100, ("M2", "A1"): 1, ("M2", "A2"): 1})


def _people() -> list[dict]:
    return [mentor("M1", capacity=2), mentor("M2", capacity=2), adept("A1"), adept("A2")]


def test_a_mentor_at_the_limit_takes_no_one_and_the_reason_says_so() -> None:
    free = run(_people(), {"coverage": {}, "pair_scores": {}}, pair_scores=TABLE)
    assert set(free.pairs["mentor_id"]) == {"M1"}
    result = run(_people(), {"coverage": {}, "pair_scores": {}, "mentor_load": {"max_adepts": 2, "terms": 2}},
                 pair_scores=TABLE, history=HISTORY)
    assert set(result.pairs["mentor_id"]) == {"M2"}
    assert result.checks["mentor_load"].holds
    says(result.unmatched.set_index("id")["reason"]["M1"], "mentor_load leaves 0")


def test_places_left_in_the_window_lower_the_capacity() -> None:
    # M1: 1 adept over the last 2 terms (VT26 is outside) -> 1 place left of max 2.
    history = past(("HT26", 1, "M1", "X1"), ("VT26", 2, "M1", "X2"), ("VT26", 2, "M1", "X3"))
    result = run(_people(), {"coverage": {"hard": False}, "pair_scores": {}, "mentor_load": {"max_adepts": 2}},
                 pair_scores=TABLE, history=history, )
    assert (result.pairs["mentor_id"] == "M1").sum() == 1 and len(result.pairs) == 2
    three_terms = run(_people(), {"coverage": {"hard": False}, "pair_scores": {},
                                  "mentor_load": {"max_adepts": 3, "terms": 3}}, pair_scores=TABLE, history=history)
    assert set(three_terms.pairs["mentor_id"]) == {"M2"}  # 3 in the window already
    says(result.pairs.set_index("mentor_id")["reasons"]["M1"], "mentor load: 1 adept", "at most 2")


def test_unmatched_adepts_are_told_the_mentors_were_full() -> None:
    people = [mentor("M1", capacity=2), adept("A1"), adept("A2")]
    history = past(("HT26", 1, "M1", "X1"))
    result = run(people, {"coverage": {"hard": False}, "mentor_load": {"max_adepts": 2}}, history=history)
    assert len(result.pairs) == 1
    unmatched = result.unmatched[result.unmatched["role"] == "adept"]["reason"].iloc[0]
    says(unmatched, "were full")


def test_soft_mentor_load_costs_weight_per_adept_over() -> None:
    rules = {"coverage": {}, "pair_scores": {}}
    cheap = run(_people(), {**rules, "mentor_load": {"max_adepts": 2, "hard": False, "weight": 10}},
                pair_scores=TABLE, history=HISTORY)
    assert set(cheap.pairs["mentor_id"]) == {"M1"}  # 2 x 100 - 2 x 10 beats 2 x 1
    assert not cheap.checks["mentor_load"].holds and not cheap.checks["mentor_load"].hard_broken
    dear = run(_people(), {**rules, "mentor_load": {"max_adepts": 2, "hard": False, "weight": 200}},
               pair_scores=TABLE, history=HISTORY)
    assert set(dear.pairs["mentor_id"]) == {"M2"}


def test_too_few_places_left_is_infeasible_in_words() -> None:
    people = [mentor("M1", capacity=2), adept("A1"), adept("A2")]
    with pytest.raises(InfeasibleError) as caught:
        run(people, {"coverage": {}, "mentor_load": {"max_adepts": 3}}, history=HISTORY)
    says(str(caught.value), "mentor_load", "M1 had 2 (leaves 1)", "coverage")


def test_locked_pairs_beyond_the_places_left_are_named_before_solving() -> None:
    locked = [{"mentor_id": "M1", "adept_id": "A1"}, {"mentor_id": "M1", "adept_id": "A2"}]
    with pytest.raises(InfeasibleError) as caught:
        run(_people(), {"mentor_load": {"max_adepts": 3}}, history=HISTORY, locked=locked)
    assert caught.value.conflicts[0].constraints == ["locked", "mentor_load"]
    says(str(caught.value), "M1 is locked to 2", "1 places left")


def test_check_counts_earlier_terms_in_the_window() -> None:
    scenario = build(_people(), {"mentor_load": {"max_adepts": 3, "terms": 2}}, history=HISTORY)
    over = verdict(scenario, "mentor_load", [("M1", "A1"), ("M1", "A2")])
    assert over.hard_broken and over.violations == ["M1: 2 before + 2 now > 3"]
    assert verdict(scenario, "mentor_load", [("M1", "A1"), ("M2", "A2")]).holds
    this_term_only = build(_people(), {"mentor_load": {"max_adepts": 2, "terms": 1}}, history=HISTORY)
    assert verdict(this_term_only, "mentor_load", [("M1", "A1"), ("M1", "A2")]).holds


def test_listing_mentor_load_without_a_database_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        build(_people(), {"mentor_load": {}})
    says(str(caught.value), "constraints.mentor_load", "history_db")


@pytest.mark.parametrize("params", [{"max_adepts": -1}, {"terms": 0}, {"terms": "two"}, {"max": 2}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("mentor_load", params, history=HISTORY)


def test_explanations() -> None:
    scenario = build(_people(), {"mentor_load": {"max_adepts": 4, "terms": 3}}, history=HISTORY)
    load = rule(scenario, "mentor_load")
    inst = scenario.instance()
    says(load.describe(), "at most 4", "last 3 cohorts")
    says(load.conflict_words(inst), "M1 had 3 (leaves 1)", "M2 had 1 (leaves 3)", "keep 3 places")
    says(load.explain_pair(inst, 0, 0), "3 adepts", "previous 2 cohorts")
    assert load.max_places(inst) == 3
