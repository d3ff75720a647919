"""exclusions: pairs in the exclusions file are never matched (always hard)."""

from __future__ import annotations

import pytest
from rule_helpers import adept, build, mentor, pairs, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError, InputError

EXCLUDED = [{"mentor_id": "M1", "adept_id": "A1", "reason": "jäv"}]


def _people() -> list[dict]:
    return [mentor("M1"), mentor("M2"), adept("A1"), adept("A2")]


def test_excluded_pair_is_never_made_even_when_best() -> None:
    table = scores({("M1", "A1"): 100, ("M2", "A2"): 100, ("M1", "A2"): 0, ("M2", "A1"): 0})
    free = run(_people(), {"coverage": {}, "pair_scores": {}}, pair_scores=table)
    assert ("M1", "A1") in pairs(free)
    result = run(_people(), {"coverage": {}, "pair_scores": {}}, pair_scores=table, exclusions=EXCLUDED)
    assert pairs(result) == {("M1", "A2"), ("M2", "A1")}
    assert "exclusions" in [c.name for c in result.constraints]  # on because the file is given


def test_adept_whose_only_mentor_is_excluded_is_infeasible_in_words() -> None:
    both = [*EXCLUDED, {"mentor_id": "M2", "adept_id": "A1"}]
    with pytest.raises(InfeasibleError) as caught:
        run(_people(), {"coverage": {}}, exclusions=both)
    text = str(caught.value)
    assert "A1" in text and "exclusions" in text and "coverage" in text


def test_check_catches_an_excluded_pair() -> None:
    scenario = build(_people(), {"coverage": {}}, exclusions=EXCLUDED)
    bad = verdict(scenario, "exclusions", [("M1", "A1"), ("M2", "A2")])
    assert bad.hard_broken and bad.violations == ["M1 - A1"]
    assert verdict(scenario, "exclusions", [("M2", "A1")]).holds


@pytest.mark.parametrize("params", [{"hard": False}, {"soft": True}])
def test_bad_parameters_are_refused(params: dict) -> None:
    rejects("exclusions", params, exclusions=EXCLUDED)


def test_listing_exclusions_without_a_file_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        build(_people(), {"exclusions": {}})
    says(str(caught.value), "constraints.exclusions", "`exclusions:`")


def test_exclusions_with_unknown_ids_are_input_errors() -> None:
    with pytest.raises(InputError) as caught:
        build(_people(), {}, exclusions=[{"mentor_id": "M9", "adept_id": "A1"}, {"mentor_id": "A1", "adept_id": "M1"}])
    text = str(caught.value)
    says(text, "'M9' is not an id", "mentor")


def test_explanations() -> None:
    scenario = build(_people(), {}, exclusions=EXCLUDED)
    says(rule(scenario, "exclusions").conflict_words(scenario.instance()), "1 pairs", "exclusions")
