"""`matcher repair` end to end, as a coordinator runs it: files in, files out, exit codes."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from cli_helpers import run_matcher as matcher

from matcher.checker import check_matching
from matcher.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
COHORT = ROOT / "scenarios" / "cohort"


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of scenarios/cohort with an earlier run's pairs in run/."""
    target = tmp_path_factory.mktemp("repair") / "cohort"
    shutil.copytree(COHORT, target)
    done = matcher("run", target / "scenario.yaml", "--out", target / "run")
    assert done.returncode == 0, done.stderr
    return target


def test_repair_writes_everything_and_keeps_the_other_pairs(cohort: Path) -> None:
    before = pd.read_csv(cohort / "run" / "pairs.csv", dtype=str)
    leaver = before["mentor_id"].iat[0]
    (cohort / "left.csv").write_text(f"id\n{leaver}\n", encoding="utf-8")
    (cohort / "new.csv").write_text(
        "id;roll;förvaltning;kön;år_i_yrket;kapacitet\nM0100;mentor;Centrum;man;12;2\nA0100;adept;Nordost;kvinna;1;\n",
        encoding="utf-8-sig",
    )
    done = matcher("repair", cohort / "run" / "pairs.csv", cohort / "scenario.yaml", "--leavers", cohort / "left.csv",
                   "--joiners", cohort / "new.csv", "--out", cohort / "repaired")
    assert done.returncode == 0, done.stderr
    out = cohort / "repaired"
    assert {p.name for p in out.iterdir()} == {"pairs.csv", "unmatched.csv", "summary.json", "report.html",
                                               "matching.xlsx", "changes.csv"}
    assert f"kept {len(before) - 1} of {len(before)} pairs, 1 ended (the mentor left), 2 new pairs" in done.stderr
    after = pd.read_csv(out / "pairs.csv", dtype=str)
    old = set(zip(before["mentor_id"], before["adept_id"], strict=True))
    new = set(zip(after["mentor_id"], after["adept_id"], strict=True))
    assert {p for p in old if p[0] != leaver} <= new
    changes = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    assert list(changes.columns) == ["change", "mentor_id", "adept_id", "previous_mentor_id", "reason"]
    assert (changes["change"] == "ended_leaver").sum() == 1
    assert set(changes.loc[changes["change"] == "new_pair", "adept_id"]) >= {"A0100"}
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["counts"]["kept"] == len(before) - 1
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<h2>Changes</h2>" in html and "the mentor left" in html
    # the coordinator's workbook has the same changes, on a sheet of their own
    workbook = pd.read_excel(out / "matching.xlsx", sheet_name=None, dtype=str, keep_default_na=False)
    assert list(workbook) == ["Pairs", "Unmatched", "Changes", "Summary", "Key figures"]
    sheet = workbook["Changes"]  # the same rows, in the coordinator's words
    assert list(sheet.columns) == ["Change", "Mentor", "Adept", "Previous mentor", "Why"]
    assert sheet[["Mentor", "Adept", "Previous mentor", "Why"]].to_numpy().tolist() == \
        changes[["mentor_id", "adept_id", "previous_mentor_id", "reason"]].to_numpy().tolist()
    assert (sheet["Change"] == "ended: someone left").sum() == 1
    # the people as they are now, checked by the independent checker against the written pairs
    people = pd.concat([
        pd.read_csv(cohort / "people.csv", sep=";", dtype=str, encoding="utf-8-sig"),
        pd.read_csv(cohort / "new.csv", sep=";", dtype=str, encoding="utf-8-sig"),
    ])
    people = people[people["id"] != leaver]
    loaded = Scenario.from_yaml(cohort / "scenario.yaml")

    def without_leaver(table: pd.DataFrame | None) -> pd.DataFrame | None:
        if table is None:
            return None
        kept = (table["mentor_id"].astype(str) != leaver) & (table["adept_id"].astype(str) != leaver)
        return table[kept].drop(columns="source_row").astype({"mentor_id": str, "adept_id": str})

    now = Scenario.from_people(people.fillna(""), constraints=loaded.constraints,
                               pair_scores=without_leaver(loaded.pair_scores),
                               exclusions=without_leaver(loaded.exclusions), locked=without_leaver(loaded.locked))
    assert check_matching(now, after).valid
    # explain re-reads the files the repair read: a joiner and a kept pair are explained
    summary_inputs = summary["repair_inputs"]
    assert summary_inputs["joiners"] == str((cohort / "new.csv").resolve()) and summary_inputs["allow_moves"] == 0
    joiner = matcher("explain", out, "--person", "A0100")
    assert joiner.returncode == 0, joiner.stderr
    assert "A0100: made" in joiner.stdout
    kept = next(p for p in old if p[0] != leaver and p in new and not _locked(cohort, p))
    explained = matcher("explain", out, "--pair", ",".join(kept))
    assert explained.returncode == 0 and "keep_pairs: kept from the current matching" in explained.stdout
    checked = matcher("check", out)  # the repaired cohort's hard rules, keep_pairs included
    assert checked.returncode == 0, checked.stderr
    assert "keep_pairs" in checked.stdout and "OK: every hard rule holds." in checked.stdout
    # without the joiners file the output cannot be rebuilt: said, located in summary.json, exit 2
    (cohort / "new.csv").rename(cohort / "new_moved.csv")
    gone = matcher("explain", out, "--person", "A0100")
    assert gone.returncode == 2 and "summary.json" in gone.stderr and "repair_inputs.joiners" in gone.stderr
    (cohort / "new_moved.csv").rename(cohort / "new.csv")
    # the repaired matching can be published as the cohort's history: joiners in, the leaver out
    database = cohort / "history.sqlite"
    published = matcher("publish", out, "--cohort", "VT26", "--db", database)
    assert published.returncode == 0, published.stderr
    with sqlite3.connect(database) as conn:
        people_stored = {row[0] for row in conn.execute("SELECT person_id FROM participants")}
        pairs_stored = set(conn.execute("SELECT mentor_id, adept_id FROM pairs").fetchall())
    assert {"A0100", "M0100"} <= people_stored and leaver not in people_stored
    assert pairs_stored == new
    # a repair input changed since: refused, not explained with other people than the repair had
    with (cohort / "new.csv").open("a", encoding="utf-8") as handle:
        handle.write("A0101;adept;Centrum;man;1;\n")
    changed = matcher("explain", out, "--person", "A0100")
    assert changed.returncode == 2 and "has changed since the repair" in changed.stderr


def _locked(cohort: Path, pair: tuple[str, str]) -> bool:
    locked = pd.read_csv(cohort / "locked.csv", sep=None, engine="python", dtype=str, encoding="utf-8-sig")
    return pair in set(zip(locked.iloc[:, 0], locked.iloc[:, 1], strict=True))


def test_bad_ids_exit_2_with_file_row_column(cohort: Path) -> None:
    (cohort / "bad_left.csv").write_text("id\nM0001\nM9999\n", encoding="utf-8")
    done = matcher("repair", cohort / "run" / "pairs.csv", cohort / "scenario.yaml",
                   "--leavers", cohort / "bad_left.csv", "--out", cohort / "bad")
    assert done.returncode == 2
    assert f"{cohort / 'bad_left.csv'}:3:id: 'M9999' is not an id" in done.stderr
    assert not (cohort / "bad").exists()


def test_writing_over_the_current_pairs_is_refused(cohort: Path) -> None:
    done = matcher("repair", cohort / "run" / "pairs.csv", cohort / "scenario.yaml", "--out", cohort / "run")
    assert done.returncode == 2
    assert "would overwrite the input file" in done.stderr


def test_infeasible_exits_3_and_suggests_allow_moves(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(
        "id,role,administration,gender,years\nM1,mentor,Centrum,woman,10\nM2,mentor,Nordost,woman,10\n"
        "A1,adept,Centrum,woman,1\nA2,adept,Nordost,man,1\n", encoding="utf-8")
    (tmp_path / "scenario.yaml").write_text(
        "people: people.csv\nconstraints:\n  coverage: {hard: false}\n  administration: {min_cross_share: 1.0}\n",
        encoding="utf-8")
    (tmp_path / "pairs.csv").write_text("mentor_id,adept_id,score,reasons\nM1,A1,0,\nM2,A2,0,\n", encoding="utf-8")
    done = matcher("repair", tmp_path / "pairs.csv", tmp_path / "scenario.yaml", "--out", tmp_path / "out")
    assert done.returncode == 3, done.stderr
    assert "INFEASIBLE" in done.stderr and "--allow-moves" in done.stderr
    moved = matcher("repair", tmp_path / "pairs.csv", tmp_path / "scenario.yaml", "--allow-moves", "2",
                    "--out", tmp_path / "out")
    assert moved.returncode == 0, moved.stderr
    assert "kept 0 of 2 pairs, 0 ended, 0 new pairs, 2 moved (at most 2 allowed)" in moved.stderr


def test_the_readme_repair_example_runs_as_printed_and_explain_tells_the_story(tmp_path: Path) -> None:
    """The README's commands on the example cohort: one mentor leaves, a mentor and an adept join.
    explain on the leaver says what happened (it said "not an id in the people file"), and the
    adept who lost a mentor hears whom they had."""
    from cli_helpers import run_matcher

    root = Path(__file__).resolve().parents[1]
    out, mars = tmp_path / "cohort", tmp_path / "cohort-mars"
    assert run_matcher("run", "scenarios/cohort/scenario.yaml", "--out", out, cwd=root).returncode == 0
    done = run_matcher(
        "repair", out / "pairs.csv", "scenarios/cohort/scenario.yaml",
        "--leavers", "scenarios/cohort/mid-year/left.csv", "--joiners", "scenarios/cohort/mid-year/new_people.csv",
        "--out", mars, cwd=root,
    )
    assert done.returncode == 0, done.stderr
    assert "11 of 11 adepts matched" in done.stderr
    changes = pd.read_csv(mars / "changes.csv", dtype=str, keep_default_na=False)
    (ended,) = changes[changes["change"] == "ended_leaver"].itertuples(index=False)
    leaver = run_matcher("explain", mars, "--person", "M0003", cwd=root)
    assert leaver.returncode == 0, leaver.stderr
    assert "M0003 left the cohort" in leaver.stdout and ended.adept_id in leaver.stdout
    new = changes[(changes["change"] == "new_pair") & (changes["previous_mentor_id"] == "M0003")]
    adept = run_matcher("explain", mars, "--person", new["adept_id"].iat[0], cwd=root)
    assert adept.returncode == 0, adept.stderr
    assert f"had M0003, now {new['mentor_id'].iat[0]}" in adept.stdout
