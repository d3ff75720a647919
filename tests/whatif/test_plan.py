"""`matcher plan`: the fewest recruits, checked with the ordinary engine.

Every plan is checked the way the issue asks: with the proposed recruits appended to the
people, `solve` (coverage hard) matches every adept; with one recruit fewer, of any class,
it raises InfeasibleError. On tiny instances a brute force over recruit counts shows no
smaller total works.
"""

from __future__ import annotations

import itertools
import json
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from cli_helpers import run_matcher

import matcher.whatif.plan_search as plan_search
from matcher import InfeasibleError, Scenario, solve
from matcher.checker import check_matching
from matcher.domain import ADMINISTRATIONS, BANDS
from matcher.errors import InputError
from matcher.generate import generate_pair_scores, generate_people
from matcher.whatif.plan import (
    RecruitPlan,
    plan_recruits,
    recruit_position,
    recruit_years,
    verify_plan,
    with_recruits,
)

REPO = Path(__file__).resolve().parents[2]

#: The city example's hard rules (coverage made hard by plan), on small generated pools.
CITY_RULES: dict[str, dict[str, Any]] = {
    "coverage": {"hard": False},
    "band": {},
    "unit": {},
    "administration": {"min_cross_share": 0.3},
    "gender_balance": {"equal_match_rate_tolerance": 0.05},
    "topics": {"weight": 2},
}
COVERAGE_HARD = {"hard": True}


def matcher(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_matcher(*args, cwd=cwd or REPO)


def _generated(mentors: int, adepts: int, seed: int, rules: dict[str, dict[str, Any]] | None = None,
               capacity: tuple[int, int] = (1, 2)) -> tuple[pd.DataFrame, Scenario]:
    people = generate_people(mentors, adepts, seed=seed, capacity=capacity)
    return people, Scenario.from_people(people, constraints=rules or CITY_RULES)


def _with_rows(people: pd.DataFrame, rows: pd.DataFrame, rules: dict[str, dict[str, Any]]) -> Scenario:
    """The people file plus recruit rows, validated like any input, coverage hard."""
    table = pd.concat([people.astype({"topics": str}) if "topics" in people else people, rows], ignore_index=True)
    return Scenario.from_people(table, constraints={**rules, "coverage": COVERAGE_HARD})


def _raw(people: pd.DataFrame) -> pd.DataFrame:
    """Generated people with list cells joined, as they would be read from a file."""
    return people.assign(**{c: people[c].map(lambda v: "; ".join(v) if isinstance(v, list | tuple) else v)
                            for c in ("topics",) if c in people})


def _everyone_matched(scenario: Scenario) -> bool:
    result = solve(scenario)
    assert check_matching(scenario, result.pairs).valid
    return int(result.kpis["matched_takers"]) == int(result.kpis["takers"])


def _assert_plan_is_tight(people: pd.DataFrame, rules: dict[str, dict[str, Any]], plan: RecruitPlan) -> None:
    raw = _raw(people)
    assert _everyone_matched(_with_rows(raw, plan.recruits, rules))
    recruits = plan.recruits
    for (adm, band, gender), group in recruits.groupby(["administration", "band", "gender"]):
        fewer = recruits.drop(index=group.index[-1])
        with pytest.raises(InfeasibleError):
            solve(_with_rows(raw, fewer, rules))
        assert (adm, band) in {(c.administration, c.band) for c in plan.classes if plan.counts[c] > 0}, gender


# -- the plan is tight -------------------------------------------------------------------------------

@pytest.mark.parametrize(("seed", "capacity"), [(1, 1), (2, 1), (3, 2), (4, 3)])
def test_with_the_recruits_everyone_is_matched_and_with_one_fewer_not(seed: int, capacity: int) -> None:
    people, scenario = _generated(8, 16, seed)
    plan = plan_recruits(scenario, capacity=capacity)
    assert plan.status == "OPTIMAL" and plan.bound == plan.total
    assert plan.total > 0, "the instance should need recruits, else the test proves nothing"
    assert len(plan.recruits) == plan.total
    assert (plan.recruits["capacity"] == capacity).all()
    assert plan.table()["recruits"].sum() == plan.total
    _assert_plan_is_tight(people, CITY_RULES, plan)


NOT_YET_KNOWN_RULES: dict[str, dict[str, Any]] = {
    "coverage": {}, "band": {}, "unit": {}, "administration": {"min_cross_share": 0.3},
    "topics": {"min_shared": 1}, "pair_scores": {"missing": "forbid"},
}
MINIMUM_LOAD_RULES: dict[str, dict[str, Any]] = {
    "coverage": {}, "band": {}, "unit": {}, "capacity": {"min_per_mentor": 2},
}


@pytest.mark.parametrize(("rules", "capacity"), [(NOT_YET_KNOWN_RULES, 1), (NOT_YET_KNOWN_RULES, 2),
                                                 (MINIMUM_LOAD_RULES, 1), (MINIMUM_LOAD_RULES, 3)])
def test_rules_on_what_recruits_do_not_have_yet_and_minimum_loads(rules: dict[str, Any], capacity: int) -> None:
    """topics.min_shared and scores with missing: forbid do not stop recruits; min_per_mentor binds them."""
    people = generate_people(6, 14, seed=3, capacity=(1, 2))
    scores = generate_pair_scores(people, seed=3, density=0.5)
    scenario = Scenario.from_people(people, constraints=rules, pair_scores=scores)
    plan = plan_recruits(scenario, capacity=capacity)
    assert plan.status == "OPTIMAL" and plan.total > 0
    if "topics" in rules:
        assert (plan.recruits["topics"] != "").all()  # the topics of the adepts the plan gives them
    with_plan = with_recruits(scenario, plan)
    result = solve(with_plan)
    assert check_matching(with_plan, result.pairs).valid
    assert int(result.kpis["matched_takers"]) == 14
    if "capacity" in rules:  # every recruit takes at least min(capacity, 2)
        load = result.pairs["mentor_id"].value_counts()
        assert all(load.get(rid, 0) >= min(capacity, 2) for rid in plan.recruits["id"])
    for rid in plan.recruits.groupby(["administration", "band"])["id"].last():
        with pytest.raises(InfeasibleError):
            solve(with_recruits(scenario, plan, drop=[rid]))


def test_minimum_load_parity_no_number_of_recruits_helps() -> None:
    """Existing mentors forced full leave 5 adepts; recruits of capacity 2 must each take exactly 2."""
    people = generate_people(6, 14, seed=3, capacity=(1, 2))
    scenario = Scenario.from_people(people, constraints=MINIMUM_LOAD_RULES)
    with pytest.raises(InfeasibleError) as caught:
        plan_recruits(scenario, capacity=2)
    assert "each recruit (capacity 2) at least 2" in str(caught.value)


@pytest.mark.parametrize("seed", [3, 4, 21])
def test_the_large_instance_method_agrees_with_the_branch_and_bound(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond MIP_MAX_PAIRS, capacity > 1 goes through the engine's back-ends and capped pools."""
    people, scenario = _generated(8, 16, seed)
    exact = plan_recruits(scenario, capacity=2)
    assert exact.status == "OPTIMAL" and "branch and bound" in exact.notes[0]
    monkeypatch.setattr(plan_search, "MIP_MAX_PAIRS", 0)
    large = plan_recruits(scenario, capacity=2)
    assert "pooled matching" in large.notes[0]
    assert large.bound <= exact.total <= large.total
    assert large.status == "FEASIBLE" or large.total == exact.total
    assert _everyone_matched(_with_rows(_raw(people), large.recruits, CITY_RULES))


def test_gender_counts_when_same_gender_requests_are_hard() -> None:
    rules = {**CITY_RULES, "gender_balance": {"same_gender_requests": "hard"}}
    people = generate_people(6, 12, seed=7, capacity=(1, 2))
    adepts = people["role"] == "adept"
    asks = adepts & ((people["gender"] == "man") | (people.index % 3 == 0))
    people["same_gender"] = ["yes" if a else "no" for a in asks]
    scenario = Scenario.from_people(people, constraints=rules)
    plan = plan_recruits(scenario)
    assert plan.by_gender and "gender" in plan.table().columns
    assert plan.total > 0
    _assert_plan_is_tight(people, rules, plan)


def test_verify_plan_agrees() -> None:
    _, scenario = _generated(8, 16, 2)
    plan = plan_recruits(scenario)
    check = verify_plan(scenario, plan)
    assert check.ok and check.with_plan[0] == "matched"
    assert set(check.one_fewer) == {c.label() for c in plan.classes if plan.counts[c] > 0}
    assert all(answer == "cannot" for answer, _ in check.one_fewer.values())
    assert all(line.startswith("ok ") for line in check.lines())


def test_no_recruits_when_everyone_can_already_be_matched() -> None:
    people, scenario = _generated(12, 8, 5, capacity=(2, 2))
    assert _everyone_matched(_with_rows(_raw(people), people.iloc[0:0], CITY_RULES))
    plan = plan_recruits(scenario)
    assert plan.total == 0 and plan.recruits.empty and plan.status == "OPTIMAL"


# -- fewest: brute force on tiny instances ------------------------------------------------------------

def _rows_for(scenario: Scenario, counts: dict[tuple[str, str], int], capacity: int) -> pd.DataFrame:
    years, position = recruit_years(scenario), recruit_position(scenario)
    rows = [
        {"id": f"BF-{adm[:3]}-{band}-{k}", "role": "mentor", "administration": adm, "gender": "woman",
         "years": years[band], "band": band, "capacity": capacity, "unit": f"BF unit {adm}-{band}-{k}",
         "position": position, "topics": "", "same_gender": "no"}
        for (adm, band), n in counts.items() for k in range(n)
    ]
    return pd.DataFrame(rows, columns=["id", "role", "administration", "gender", "years", "band", "capacity",
                                       "unit", "position", "topics", "same_gender"])


def _feasible(people: pd.DataFrame, rules: dict[str, dict[str, Any]], rows: pd.DataFrame) -> bool:
    try:
        return _everyone_matched(_with_rows(people, rows, rules))
    except InfeasibleError:
        return False


HAND_MADE = pd.DataFrame([
    # Nordost's Erfaren mentor shares a unit with A1; Centrum's mentor is Van (mentors Ny only).
    {"id": "M1", "role": "mentor", "administration": "Nordost", "gender": "woman", "years": 9, "capacity": 2,
     "unit": "U1"},
    {"id": "M2", "role": "mentor", "administration": "Centrum", "gender": "man", "years": 3, "capacity": 1,
     "unit": "C1"},
    {"id": "A1", "role": "adept", "administration": "Nordost", "gender": "woman", "years": 1, "unit": "U1"},
    {"id": "A2", "role": "adept", "administration": "Nordost", "gender": "man", "years": 3, "unit": "U2"},
    {"id": "A3", "role": "adept", "administration": "Centrum", "gender": "woman", "years": 3, "unit": "C2"},
    {"id": "A4", "role": "adept", "administration": "Hisingen", "gender": "woman", "years": 1, "unit": "H1"},
    {"id": "A5", "role": "adept", "administration": "Sydväst", "gender": "woman", "years": 4, "unit": "S1"},
])
CROSS_RULES: dict[str, dict[str, Any]] = {"coverage": {}, "band": {}, "unit": {}, "administration": {"mode": "cross"}}


@pytest.mark.parametrize("capacity", [1, 2])
def test_brute_force_finds_no_smaller_total(capacity: int) -> None:
    cases: list[tuple[pd.DataFrame, dict[str, dict[str, Any]]]] = [(HAND_MADE, CROSS_RULES)]
    cases += [(_raw(generate_people(3, 6, seed=seed, capacity=(1, 2))), CITY_RULES) for seed in (11, 12)]
    for people, rules in cases:
        scenario = Scenario.from_people(people, constraints=rules)
        plan = plan_recruits(scenario, capacity=capacity)
        assert plan.status == "OPTIMAL" and plan.total >= 1
        proposed = {(c.administration, c.band): n for c, n in plan.counts.items() if n}
        assert _feasible(people, rules, _rows_for(scenario, proposed, capacity))
        classes = [(adm, band) for adm in ADMINISTRATIONS for band in BANDS]
        tried = 0
        for total in range(plan.total):
            for chosen in itertools.combinations_with_replacement(classes, total):
                counts: dict[tuple[str, str], int] = {}
                for key in chosen:
                    counts[key] = counts.get(key, 0) + 1
                assert not _feasible(people, rules, _rows_for(scenario, counts, capacity)), counts
                tried += 1
        assert tried >= 1


# -- when recruiting cannot help ----------------------------------------------------------------------

def test_an_adept_no_mentor_band_may_mentor_is_named() -> None:
    people = pd.concat([HAND_MADE, pd.DataFrame([{"id": "A9", "role": "adept", "administration": "Centrum",
                                                   "gender": "woman", "years": 12, "unit": "C3"}])])
    scenario = Scenario.from_people(people, constraints={"coverage": {}, "band": {}})
    with pytest.raises(InfeasibleError) as caught:
        plan_recruits(scenario)
    text = str(caught.value)
    assert "A9 (Erfaren, Centrum, woman)" in text and "band" in text and "Recruiting does not help" in text
    assert caught.value.conflicts[0].people == ["A9"]


def test_rules_that_cannot_hold_with_any_recruits_are_named() -> None:
    rules = {"coverage": {}, "band": {}, "administration": {"mode": "same", "min_cross_share": 0.5}}
    scenario = Scenario.from_people(HAND_MADE, constraints=rules)
    with pytest.raises(InfeasibleError) as caught:
        plan_recruits(scenario)
    assert caught.value.conflicts[0].constraints == ["administration", "coverage"]
    assert "no number of new recruits" in str(caught.value)


def test_a_locked_pair_a_rule_forbids_is_reported() -> None:
    scenario = Scenario.from_people(HAND_MADE, constraints=CROSS_RULES, locked=[{"mentor_id": "M1", "adept_id": "A2"}])
    with pytest.raises(InfeasibleError) as caught:
        plan_recruits(scenario)
    assert "locked pair M1 - A2" in str(caught.value)


def test_trainee_programme_is_refused_with_a_reason() -> None:
    scenario = Scenario.from_yaml(REPO / "scenarios" / "trainee" / "scenario.yaml")
    with pytest.raises(InputError) as caught:
        plan_recruits(scenario)
    assert "quotas" in str(caught.value)


# -- the command -----------------------------------------------------------------------------------

def _cohort_with_more_adepts(folder: Path) -> Path:
    """The example cohort (Swedish semicolon CSV) with six more adepts than places."""
    target = folder / "cohort"
    target.mkdir()
    for name in ("scenario.yaml", "scores.csv", "exclusions.csv", "locked.csv"):
        (target / name).write_bytes((REPO / "scenarios" / "cohort" / name).read_bytes())
    text = (REPO / "scenarios" / "cohort" / "people.csv").read_text(encoding="utf-8-sig")
    extra = [f"A09{k};adept;{adm};kvinna;1,0;Ny;1;Ny enhet {k};socialsekreterare;LVU;nej;"
             for k, adm in enumerate(["Nordost", "Nordost", "Centrum", "Hisingen", "Sydväst", "Nordost"])]
    (target / "people.csv").write_text("\ufeff" + text.rstrip("\r\n") + "\r\n" + "\r\n".join(extra) + "\r\n",
                                       encoding="utf-8")
    return target


def test_cli_plan_verify_out_then_run_with_the_recruits_matches_everyone(tmp_path: Path) -> None:
    cohort = _cohort_with_more_adepts(tmp_path)
    out = tmp_path / "plan"
    result = matcher("plan", cohort / "scenario.yaml", "--verify", "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("OPTIMAL: ") and "proven fewest" in result.stderr
    assert "with the proposed recruits: OPTIMAL: 16 of 16 matched" in result.stdout
    assert "FAIL" not in result.stdout
    summary = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert summary["status"] == "OPTIMAL" and summary["best_bound"] == summary["recruits_total"] > 0
    assert summary["verification"]["ok"] is True
    table = pd.read_csv(out / "plan.csv")
    assert int(table["recruits"].sum()) == summary["recruits_total"]
    # recruits.csv has the people file's own headers and separator: append it and run.
    people_text = (cohort / "people.csv").read_text(encoding="utf-8-sig")
    recruits_text = (out / "recruits.csv").read_text(encoding="utf-8-sig")
    header, *rows = recruits_text.splitlines()
    assert header == people_text.splitlines()[0]
    assert len(rows) == summary["recruits_total"]
    (cohort / "people.csv").write_text(people_text.rstrip("\r\n") + "\r\n" + "\r\n".join(rows) + "\r\n",
                                       encoding="utf-8")
    run = matcher("run", cohort / "scenario.yaml", "--out", tmp_path / "run")
    assert run.returncode == 0, run.stderr
    assert run.stderr.startswith("OPTIMAL: 16 of 16 adepts matched")


def test_cli_exit_3_names_the_adept_recruits_cannot_help(tmp_path: Path) -> None:
    people = pd.concat([HAND_MADE, pd.DataFrame([{"id": "A9", "role": "adept", "administration": "Centrum",
                                                   "gender": "woman", "years": 12, "unit": "C3"}])])
    people.to_csv(tmp_path / "people.csv", index=False)
    (tmp_path / "s.yaml").write_text("people: people.csv\nconstraints: {coverage: {}, band: {}}\n", encoding="utf-8")
    result = matcher("plan", tmp_path / "s.yaml")
    assert result.returncode == 3
    assert "A9" in result.stderr and "band" in result.stderr and "Recruiting does not help" in result.stderr


def test_cli_trainee_exit_2_and_never_writes_over_an_input(tmp_path: Path) -> None:
    refused = matcher("plan", REPO / "scenarios" / "trainee" / "scenario.yaml")
    assert refused.returncode == 2 and "quotas" in refused.stderr
    HAND_MADE.to_csv(tmp_path / "plan.csv", index=False)  # the people file is called plan.csv
    (tmp_path / "s.yaml").write_text("people: plan.csv\nconstraints: {coverage: {}, band: {}, unit: {}}\n",
                                     encoding="utf-8")
    before = (tmp_path / "plan.csv").read_bytes()
    clash = matcher("plan", tmp_path / "s.yaml", "--out", tmp_path)
    assert clash.returncode == 2 and "overwrite the input file" in clash.stderr
    assert (tmp_path / "plan.csv").read_bytes() == before
    assert not (tmp_path / "recruits.csv").exists()
