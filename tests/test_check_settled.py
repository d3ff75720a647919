"""`matcher check OUT_DIR` checks a pair list against what the run settled (a fairness rule's
floors and least mean pair score, kept in summary.json), with each pair's score recomputed from
the scenario, so the check's verdict on the run's own pairs is the run's verdict."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from cli_helpers import run_matcher

from matcher.run_record import read_run

SCENARIO = """\
extends: {city}
constraints:
  gender_balance: null
  administration_equity: {{quality_gap: 0.005}}
"""


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("settled")
    scenario = where / "equity.yaml"
    scenario.write_text(SCENARIO.format(city=Path("scenarios/city/scenario.yaml").resolve()), encoding="utf-8")
    done = run_matcher("run", scenario, "--out", where / "out")
    assert done.returncode == 0, done.stderr
    return where / "out"


def _lines(text: str, rule: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if f" {rule} " in line]


def test_the_record_keeps_the_floors_and_the_least_mean(run_folder: Path) -> None:
    rule = read_run(run_folder).rule("administration_equity")
    assert rule is not None and rule.settled is not None
    assert rule.settled["floors"] == {"Centrum": 48, "Hisingen": 50, "Nordost": 56, "Sydväst": 25}
    assert rule.settled["quality"]["target"] == 93.4


def test_checking_the_run_folder_gives_the_run_s_own_verdict(run_folder: Path) -> None:
    record = read_run(run_folder)
    rule = record.rule("administration_equity")
    assert rule is not None
    checked = run_matcher("check", run_folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    lines = _lines(checked.stdout, "administration_equity")
    assert len(lines) == len(rule.parts) == 2
    for line, part in zip(lines, rule.parts, strict=True):
        assert line.endswith(" ".join(part.detail.msg().render("en", "mentorship").split())), (line, part)


def test_a_hand_edited_list_is_checked_against_the_run_s_floors_with_its_own_scores(
    run_folder: Path, tmp_path: Path
) -> None:
    """Dropping three of Sydväst's pairs puts it under its floor of 25: broken, exit 3. Scores
    written into the list are not believed: zeroing them changes no mean."""
    pairs = pd.read_csv(run_folder / "pairs.csv", dtype=str)
    people = pd.read_csv("scenarios/city/people.csv", dtype=str).set_index("id")
    sydvast = pairs.index[people.loc[pairs["adept_id"], "administration"].to_numpy() == "Sydväst"]
    zeroed = pairs.assign(score="0")
    zeroed.to_csv(tmp_path / "zeroed.csv", index=False)
    same = run_matcher("check", run_folder, tmp_path / "zeroed.csv")
    assert same.returncode == 0
    assert _lines(same.stdout, "administration_equity") == _lines(run_matcher("check", run_folder).stdout,
                                                                  "administration_equity")
    pairs.drop(sydvast[:3]).to_csv(tmp_path / "fewer.csv", index=False)
    fewer = run_matcher("check", run_folder, tmp_path / "fewer.csv")
    assert fewer.returncode == 3
    assert "Sydväst: 22 matched, fewer than its floor 25" in fewer.stdout + fewer.stderr
