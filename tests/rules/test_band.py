"""band: which mentor bands may mentor which adept bands (Ny < 2 <= Van <= 5 < Erfaren)."""

from __future__ import annotations

import pytest
from rule_helpers import adept, build, english, mentor, pairs, rejects, rule, run, says, scores, verdict

from matcher import InfeasibleError


def test_default_table_forbids_van_to_van_and_allows_erfaren_to_van() -> None:
    people = [mentor("M_van", years=3), mentor("M_erf", years=12), adept("A_van", years=3), adept("A_ny", years=1)]
    # the scores would put the Van mentor with the Van adept: the band table forbids it
    table = scores({("M_van", "A_van"): 100, ("M_erf", "A_ny"): 100, ("M_van", "A_ny"): 0, ("M_erf", "A_van"): 0})
    result = run(people, {"coverage": {}, "band": {}, "pair_scores": {}}, pair_scores=table)
    assert pairs(result) == {("M_van", "A_ny"), ("M_erf", "A_van")}


@pytest.mark.parametrize(
    ("mentor_years", "adept_years", "allowed"),
    [
        (5.01, 2, True),  # Erfaren -> Van
        (5, 2, False),  # Van -> Van (5 years is still Van, 2 years already Van)
        (5, 1.99, True),  # Van -> Ny
        (2, 1.99, True),  # Van -> Ny (2 years is Van)
        (1.99, 0, False),  # Ny mentors nobody
        (30, 30, False),  # Erfaren -> Erfaren is not in the default table
    ],
)
def test_band_boundaries(mentor_years: float, adept_years: float, allowed: bool) -> None:
    people = [mentor("M1", years=mentor_years), adept("A1", years=adept_years)]
    constraints = {"coverage": {}, "band": {}}
    if allowed:
        assert pairs(run(people, constraints)) == {("M1", "A1")}
    else:
        with pytest.raises(InfeasibleError) as caught:
            run(people, constraints)
        text = str(caught.value)
        assert "band" in text and "A1" in text and "coverage" in text


def test_custom_table_lets_erfaren_mentor_erfaren() -> None:
    people = [mentor("M1", years=None, band="Erfaren"), adept("A1", years=None, band="Erfaren")]
    assert pairs(run(people, {"coverage": {}, "band": {"allowed": {"erfaren": ["ERFAREN"]}}})) == {("M1", "A1")}
    scenario = build(people, {"band": {"allowed": {"Erfaren": ["Erfaren"]}}})
    says(rule(scenario, "band").describe(), "Erfaren->Erfaren")


def test_soft_band_prefers_allowed_pairs_and_weight_can_be_outbid() -> None:
    people = [mentor("M1", years=3), adept("A_van", years=3), adept("A_ny", years=1)]
    table = scores({("M1", "A_van"): 4, ("M1", "A_ny"): 0})
    soft = {"coverage": {"hard": False}, "band": {"hard": False, "weight": 5}, "pair_scores": {}}
    assert pairs(run(people, soft, pair_scores=table)) == {("M1", "A_ny")}  # 5 for the band beats 4
    soft["band"]["weight"] = 3
    result = run(people, soft, pair_scores=table)
    assert pairs(result) == {("M1", "A_van")}  # 4 beats 3: a soft rule can be broken
    assert result.checks["band"].holds is False and result.checks["band"].hard_broken is False


def test_check_catches_a_forbidden_pair() -> None:
    scenario = build([mentor("M1", years=3), adept("A1", years=3), adept("A2", years=1)], {"band": {}})
    bad = verdict(scenario, "band", [("M1", "A1")])
    assert not bad.holds and bad.hard_broken and bad.violations == ["M1 - A1"]
    good = verdict(scenario, "band", [("M1", "A2")])
    assert good.holds and not good.hard_broken


@pytest.mark.parametrize(
    "params",
    [{"allowed": {"Senior": ["Ny"]}}, {"allowed": {"Erfaren": ["Junior"]}}, {"allowed": ["Erfaren"]},
     {"hard": "maybe"}, {"weight": -1}, {"priority": 0}, {"table": {}}],
)
def test_bad_parameters_are_refused(params: dict) -> None:
    texts = rejects("band", params)
    if "table" in params:
        assert any("unknown parameter 'table'" in t and "allowed" in t for t in texts)


def test_explanations() -> None:
    result = run([mentor("M1", years=12), adept("A1", years=1)], {"coverage": {}, "band": {}})
    assert "band Erfaren->Ny allowed" in result.pairs.at[0, "reasons"]
    scenario = build([mentor("M1", years=3), adept("A1", years=3)], {"band": {"hard": False}})
    says(rule(scenario, "band").explain_pair(scenario.instance(), 0, 0), "Van->Van", "outside")
    assert "Erfaren->Ny/Van" in english(rule(scenario, "band").describe())
