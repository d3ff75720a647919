"""The coordinator's term-to-term workflow through the real `matcher` command, on a real SQLite file.

run VT26 -> publish -> run HT26 with `history` + `mentor_load` -> no pair repeats, loads held
-> publish -> list / show / export; double publish refused; a publish killed mid-transaction
leaves the database consistent.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from matcher import Scenario
from matcher.checker import check_matching
from matcher.cli import main
from matcher.history.db import PAUSE_ENV, PAUSE_MARK

REPO = Path(__file__).resolve().parents[2]
COHORT = REPO / "scenarios" / "cohort"


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def matcher(*args: str | Path) -> Done:
    """The `matcher` command in-process (a subprocess costs ~2 s of imports on this machine; the
    killed-publish test below runs the real process)."""
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.stderr, result.stderr
    return Done(result.exit_code, result.stdout, result.stderr)


def pair_set(path: Path) -> set[tuple[str, str]]:
    table = pd.read_csv(path, dtype=str)
    return set(zip(table["mentor_id"], table["adept_id"], strict=True))


def rows(db: Path, query: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(query).fetchall()


def scenario_text(cohort: str, extra_rules: str = "") -> str:
    """The example cohort's scenario without its locked pair (it would repeat), for one term."""
    text = (COHORT / "scenario.yaml").read_text(encoding="utf-8")
    text = text.replace("locked: locked.csv\n", "")
    text = text.replace("name: Mentorship cohort VT26", f"name: Mentorship {cohort}")
    for rule in (line.split(":")[0] for line in extra_rules.splitlines()):
        # a rule given again replaces the example's line: a key given twice is an error (issue 16)
        text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith(f"{rule}:"))
    return text + extra_rules + f"cohort: {cohort}\nhistory_db: history.sqlite\n"


@pytest.fixture(scope="module")
def term(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """VT26 run and published, HT26 run with the history rules: the two terms of the workflow."""
    folder = tmp_path_factory.mktemp("terms") / "cohort"
    shutil.copytree(COHORT, folder)
    (folder / "vt26.yaml").write_text(scenario_text("VT26"), encoding="utf-8")
    rules = "  history: {}\n  mentor_load: {max_adepts: 2, terms: 2}\n  coverage: {hard: false, priority: 1}\n"
    (folder / "ht26.yaml").write_text(scenario_text("HT26", rules), encoding="utf-8")
    out_vt, out_ht = folder.parent / "out_vt26", folder.parent / "out_ht26"
    done = matcher("run", folder / "vt26.yaml", "--out", out_vt)
    assert done.returncode == 0, done.stderr
    published = matcher("publish", out_vt)  # cohort and database from the scenario
    assert published.returncode == 0, published.stderr
    assert "published VT26" in published.stderr
    done = matcher("run", folder / "ht26.yaml", "--out", out_ht)
    assert done.returncode == 0, done.stderr
    return {"folder": folder, "db": folder / "history.sqlite", "vt26": out_vt, "ht26": out_ht}


def test_the_next_cohort_repeats_no_pair_and_the_independent_check_agrees(term: dict[str, Path]) -> None:
    before, after = pair_set(term["vt26"] / "pairs.csv"), pair_set(term["ht26"] / "pairs.csv")
    assert len(before) == 10 and after and not before & after
    scenario = Scenario.from_yaml(term["folder"] / "ht26.yaml")
    assert scenario.history is not None and set(scenario.history["cohort"]) == {"VT26"}
    report = check_matching(scenario, pd.read_csv(term["ht26"] / "pairs.csv", dtype=str))
    assert report.valid and report.verdicts["history"].holds and report.verdicts["mentor_load"].holds
    # ... and the checker would catch a repeat: VT26's own pairs fail HT26's history rule.
    repeat = check_matching(scenario, pd.read_csv(term["vt26"] / "pairs.csv", dtype=str))
    assert repeat.verdicts["history"].hard_broken
    summary = json.loads((term["ht26"] / "summary.json").read_text(encoding="utf-8"))
    assert summary["inputs"]["cohort"] == "HT26" and summary["inputs"]["history_cohorts"] == ["VT26"]


def test_mentor_load_holds_across_the_two_terms(term: dict[str, Path]) -> None:
    both = pd.concat([pd.read_csv(term[t] / "pairs.csv", dtype=str) for t in ("vt26", "ht26")])
    load = both["mentor_id"].value_counts()
    assert load.max() <= 2
    vt26 = pd.read_csv(term["vt26"] / "pairs.csv", dtype=str)["mentor_id"].value_counts()
    full = set(vt26[vt26 >= 2].index)
    assert full, "the example should have a mentor with 2 adepts in VT26"
    ht26 = set(pd.read_csv(term["ht26"] / "pairs.csv", dtype=str)["mentor_id"])
    assert not full & ht26
    unmatched = pd.read_csv(term["ht26"] / "unmatched.csv", dtype=str).set_index("id")["reason"]
    assert all("mentor_load" in unmatched[m] for m in full)


def test_publish_list_show_export(term: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    shutil.copy(term["db"], db)
    done = matcher("publish", term["ht26"], "--db", db)
    assert done.returncode == 0, done.stderr
    listed = matcher("history", "list", "--db", db)
    assert listed.returncode == 0 and listed.stdout.index("VT26") < listed.stdout.index("HT26")
    shown = matcher("history", "show", "HT26", "--db", db)
    assert shown.returncode == 0, shown.stderr
    people_hash = json.loads((term["ht26"] / "summary.json").read_text())["inputs"]["files"]["people"]["sha256"]
    for fact in ("HT26 (mentorship)", "OPTIMAL", "0.1.0", people_hash, "history seen: VT26"):
        assert fact in shown.stdout, fact
    names = pd.read_csv(COHORT / "people.csv", sep=";", encoding="utf-8-sig")["namn"]
    blob = db.read_bytes()
    assert not [n for n in names if n.encode() in blob], "a name was stored"
    out = tmp_path / "ht26.csv"
    exported = matcher("history", "export", "HT26", "--db", db, "--out", out)
    assert exported.returncode == 0, exported.stderr
    assert pair_set(out) == pair_set(term["ht26"] / "pairs.csv")
    over = matcher("history", "export", "HT26", "--db", db, "--out", term["folder"] / "people.csv")
    assert over.returncode == 2 and "input file" in over.stderr
    missing = matcher("history", "show", "VT27", "--db", db)
    assert missing.returncode == 2 and "VT26, HT26" in missing.stderr


def test_double_publish_is_refused_and_the_database_is_unchanged(term: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    shutil.copy(term["db"], db)
    before = rows(db, "SELECT * FROM cohorts"), rows(db, "SELECT * FROM pairs")
    again = matcher("publish", term["vt26"], "--db", db)
    assert again.returncode == 2
    assert "already published" in again.stderr and "--replace" in again.stderr and "Traceback" not in again.stderr
    assert (rows(db, "SELECT * FROM cohorts"), rows(db, "SELECT * FROM pairs")) == before
    replaced = matcher("publish", term["vt26"], "--db", db, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert rows(db, "SELECT name FROM cohorts") == [("VT26",)] and len(rows(db, "SELECT * FROM pairs")) == 10


def test_publish_refuses_inputs_changed_since_the_run(term: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    shutil.copytree(term["folder"], folder)
    (folder / "history.sqlite").unlink()
    out = tmp_path / "out"
    assert matcher("run", folder / "vt26.yaml", "--out", out).returncode == 0
    with (folder / "scores.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    refused = matcher("publish", out)
    assert refused.returncode == 2 and "scores.csv" in refused.stderr and "changed since the run" in refused.stderr
    assert not (folder / "history.sqlite").exists()


def test_publish_checks_a_hand_edited_pairs_file(term: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(term["ht26"], out)
    vt26 = pd.read_csv(term["vt26"] / "pairs.csv", dtype=str)
    vt26.to_csv(out / "pairs.csv", index=False)  # last term's pairs, as if pasted in by mistake
    db = tmp_path / "h.sqlite"
    shutil.copy(term["db"], db)
    refused = matcher("publish", out, "--db", db)
    assert refused.returncode == 2 and "history" in refused.stderr
    assert rows(db, "SELECT name FROM cohorts") == [("VT26",)]


def test_history_rules_need_a_database(term: dict[str, Path], tmp_path: Path) -> None:
    scenario = term["folder"] / "ht26.yaml"
    text = scenario.read_text(encoding="utf-8").replace("history_db: history.sqlite\n", "")
    bare = term["folder"] / "nodb.yaml"
    bare.write_text(text, encoding="utf-8")
    refused = matcher("run", bare, "--out", tmp_path / "out")
    assert refused.returncode == 2 and "history_db" in refused.stderr
    typo = matcher("run", bare, "--out", tmp_path / "out", "--db", tmp_path / "nosuch.sqlite")
    assert typo.returncode == 2 and "not found" in typo.stderr
    db = tmp_path / "h.sqlite"
    shutil.copy(term["db"], db)
    ok = matcher("run", bare, "--out", tmp_path / "out", "--db", db)
    assert ok.returncode == 0, ok.stderr


def test_a_publish_killed_mid_transaction_leaves_the_database_consistent(term: dict[str, Path],
                                                                          tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    shutil.copy(term["db"], db)
    before = rows(db, "SELECT * FROM cohorts"), rows(db, "SELECT * FROM pairs"), rows(db, "SELECT * FROM participants")
    env = {**os.environ, PAUSE_ENV: "60"}
    process = subprocess.Popen([sys.executable, "-m", "matcher.cli", "publish", str(term["ht26"]), "--db", str(db)],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    try:
        assert process.stderr is not None
        ready, _, _ = select.select([process.stderr], [], [], 60)
        assert ready, "the publish never reached its pause"
        line = process.stderr.readline()  # the publish is inside its transaction, half of the pairs written
        assert PAUSE_MARK in line, line
        journal = Path(f"{db}-journal")
        assert journal.exists()  # the write is under way
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    after = rows(db, "SELECT * FROM cohorts"), rows(db, "SELECT * FROM pairs"), rows(db, "SELECT * FROM participants")
    assert after == before  # no partial HT26: no cohort row, no half of its pairs
    again = matcher("publish", term["ht26"], "--db", db)
    assert again.returncode == 0, again.stderr
    assert rows(db, "SELECT count(*) FROM pairs") == [(len(before[1]) + len(pair_set(term["ht26"] / "pairs.csv")),)]


def test_publish_needs_a_cohort_name_and_a_database(term: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    shutil.copytree(COHORT, folder)
    text = (COHORT / "scenario.yaml").read_text(encoding="utf-8")
    (folder / "plain.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert matcher("run", folder / "plain.yaml", "--out", out).returncode == 0
    no_name = matcher("publish", out, "--db", tmp_path / "h.sqlite")
    assert no_name.returncode == 2 and "--cohort VT26" in no_name.stderr
    no_db = matcher("publish", out, "--cohort", "VT26")
    assert no_db.returncode == 2 and "no history database" in no_db.stderr
    assert not (tmp_path / "h.sqlite").exists()
    # A summary.json from before input hashes were recorded: hashed at publish, and said so.
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    del summary["inputs"]  # ... which was a version 1 record: no schema_version, no parts per rule
    del summary["schema_version"]
    for rule in summary["constraints"]:
        del rule["parts"]
    (out / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    assert matcher("publish", out, "--cohort", "VT26", "--db", tmp_path / "h.sqlite").returncode == 0
    shown = matcher("history", "show", "VT26", "--db", tmp_path / "h.sqlite")
    assert "hashed at publish" in shown.stdout and "people.csv" in shown.stdout


def test_explain_reads_the_database_the_run_was_given(term: dict[str, Path], tmp_path: Path) -> None:
    """`run --db` (no history_db: in the file): explain re-reads the same database and cohorts."""
    database = tmp_path / "elsewhere.sqlite"
    shutil.copy(term["db"], database)
    text = (term["folder"] / "ht26.yaml").read_text(encoding="utf-8").replace("history_db: history.sqlite\n", "")
    scenario = term["folder"] / "ht26_without_db.yaml"
    scenario.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert matcher("run", scenario, "--db", database, "--out", out).returncode == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["inputs"]["history_db"] == str(database.resolve())
    assert matcher("publish", out, "--db", database).returncode == 0  # HT26 is now history too
    pairs = pd.read_csv(out / "pairs.csv", dtype=str)
    done = matcher("explain", out, "--pair", f"{pairs['mentor_id'][0]},{pairs['adept_id'][0]}")
    assert done.returncode == 0, done.stderr
    assert "a new pair" in done.stdout and "matched before in" not in done.stdout  # only cohorts before HT26


def test_explain_without_a_cohort_key_sees_only_the_cohorts_the_run_saw(
    term: dict[str, Path], tmp_path: Path
) -> None:
    """No `cohort:` in the scenario: the run saw every published cohort (VT26). Publishing this run
    afterwards (as HT26) must not make explain call its own pairs 'matched before in HT26'."""
    database = tmp_path / "h.sqlite"
    shutil.copy(term["db"], database)
    text = (term["folder"] / "ht26.yaml").read_text(encoding="utf-8")
    text = text.replace("history_db: history.sqlite\n", "").replace("cohort: HT26\n", "")
    scenario = term["folder"] / "ht26_without_cohort.yaml"
    scenario.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert matcher("run", scenario, "--db", database, "--out", out).returncode == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["inputs"]["cohort"] is None
    assert summary["inputs"]["history_backs"] == {"VT26": 1}
    assert matcher("publish", out, "--cohort", "HT26", "--db", database).returncode == 0
    pairs = pd.read_csv(out / "pairs.csv", dtype=str)
    for mentor, adept in zip(pairs["mentor_id"], pairs["adept_id"], strict=True):
        done = matcher("explain", out, "--pair", f"{mentor},{adept}")
        assert done.returncode == 0, done.stderr
        assert "a new pair" in done.stdout and "matched before in" not in done.stdout
    checked = matcher("check", out)  # the hard rules with the window the run saw: HT26 is not a repeat of itself
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # publish, on purpose, checks against the database as it is now: these pairs are in HT26 already
    again = matcher("publish", out, "--cohort", "VT27", "--db", database)
    assert again.returncode == 2 and "matched in HT26" in again.stderr


def test_history_commands_find_the_database_the_scenario_names(term: dict[str, Path], tmp_path: Path) -> None:
    """`--scenario FILE` instead of --db (the scenario's history_db:, relative to its folder); export
    says what it wrote in a sentence (it printed JSON); neither option is a located error."""
    scenario = term["folder"] / "vt26.yaml"
    listed = matcher("history", "list", "--scenario", scenario)
    assert listed.returncode == 0, listed.stderr
    assert "VT26" in listed.stdout
    shown = matcher("history", "show", "VT26", "--scenario", scenario)
    assert shown.returncode == 0 and "VT26 (mentorship)" in shown.stdout
    out = tmp_path / "vt26.csv"
    exported = matcher("history", "export", "VT26", "--scenario", scenario, "--out", out)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.strip() == f"wrote the 10 pairs of cohort VT26 to {out}"
    assert pair_set(out) == pair_set(term["vt26"] / "pairs.csv")
    neither = matcher("history", "list")
    assert neither.returncode == 2 and "--scenario" in neither.stderr and "--db" in neither.stderr
