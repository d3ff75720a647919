"""The trainee programme through the real command: a term runs, every output names the two
sides right, and an impossible quota/supervisor combination is explained (exit 3)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from cli_helpers import run_matcher as matcher

from matcher import Scenario
from matcher.checker import check_matching

REPO = Path(__file__).resolve().parents[1]


def test_trainee_term_runs_and_the_checker_accepts_it(tmp_path: Path) -> None:
    scenario = REPO / "scenarios" / "trainee" / "scenario.yaml"
    result = matcher("run", scenario, "--out", tmp_path / "out", "--lang", "sv")
    assert result.returncode == 0, result.stderr
    pairs = pd.read_csv(tmp_path / "out" / "pairs.csv", dtype=str)
    # the people file has names: each id has its name beside it (the coordinator's pair list)
    assert list(pairs.columns[:4]) == ["supervisor_id", "supervisor_name", "trainee_id", "trainee_name"]
    assert check_matching(Scenario.from_yaml(scenario), pairs).valid
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    placed = {row["administration"]: 0 for row in summary["kpis"]["placed_by_administration_gender"]}
    for row in summary["kpis"]["placed_by_administration_gender"]:
        placed[row["administration"]] += row["placed"]
    quotas = {"Hisingen": 10, "Nordost": 10, "Sydväst": 5, "Centrum": 5}
    assert all(placed[a] <= quotas[a] for a in placed)
    unmatched = pd.read_csv(tmp_path / "out" / "unmatched.csv", dtype=str)
    assert (unmatched.loc[unmatched["role"] == "trainee", "reason"].str.len() > 20).all()
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "handledare" in html.lower()


@pytest.fixture
def tiny_term(tmp_path: Path) -> Path:
    (tmp_path / "people.csv").write_text(
        "id;roll;förvaltning;kön;år_i_yrket;kapacitet;enhet;handledarutbildning;sökt_till\n"
        "H1;handledare;Centrum;kvinna;9;2;C1;ja;\n"
        "H2;handledare;Hisingen;man;12;1;H1;nej;\n"
        "T1;student;Centrum;kvinna;0;;;;Centrum\n"
        "T2;student;Centrum;man;0;;;;Centrum, Hisingen\n"
        "T3;student;Hisingen;kvinna;0;;;;Hisingen\n",
        encoding="cp1252",
    )
    return tmp_path


def test_quota_and_untrained_supervisor_conflict_is_explained(tiny_term: Path) -> None:
    scenario = tiny_term / "scenario.yaml"
    scenario.write_text(
        "name: tiny term\nprogram: trainee\npeople: people.csv\nconstraints:\n"
        "  coverage: {}\n  administration_quota: {places: {Centrum: 1}}\n"
        "  supervisor_trained: {}\n  same_administration: {}\n",
        encoding="utf-8",
    )
    result = matcher("run", scenario, "--out", tiny_term / "out")
    assert result.returncode == 3, result.stderr
    words = result.stderr
    assert "INFEASIBLE" in words
    assert "T3" in words or "quota" in words  # the trainee left without a trained supervisor, or the quota
    assert not (tiny_term / "out").exists()  # nothing written


def test_same_term_solves_when_coverage_is_soft_and_says_why_each_is_left_out(tiny_term: Path) -> None:
    scenario = tiny_term / "scenario.yaml"
    scenario.write_text(
        "name: tiny term\nprogram: trainee\npeople: people.csv\nconstraints:\n"
        "  coverage: {hard: false}\n  administration_quota: {places: {Centrum: 1}}\n"
        "  supervisor_trained: {}\n  same_administration: {}\n",
        encoding="utf-8",
    )
    result = matcher("run", scenario, "--out", tiny_term / "out")
    assert result.returncode == 0, result.stderr
    unmatched = pd.read_csv(tiny_term / "out" / "unmatched.csv", dtype=str).set_index("id")
    assert "supervisor_trained" in unmatched.at["T3", "reason"]  # H2 in Hisingen is not trained
    left_in_centrum = [t for t in ("T1", "T2") if t in unmatched.index]
    assert len(left_in_centrum) == 1
    assert "quota" in unmatched.at[left_in_centrum[0], "reason"]


def test_forste_scenario_runs_with_the_position_rule(tmp_path: Path) -> None:
    shutil.copytree(REPO / "scenarios" / "forste", tmp_path / "forste")
    result = matcher("run", tmp_path / "forste" / "scenario.yaml", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    pairs = pd.read_csv(tmp_path / "out" / "pairs.csv", dtype=str)
    assert pairs["reasons"].str.contains("förste socialsekreterare").all()
