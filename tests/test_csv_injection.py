"""CSV formula injection (OWASP): every CSV the tool writes puts a quote before a text cell that
starts with = + - @ tab or CR; numbers stay numbers; our own readers take the quote off again,
so check, explain, publish and repair work on such files."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from cli_helpers import run_matcher as matcher

from matcher.output.cells import csv_text, neutral, read_csv_back, restore

HOSTILE_MENTORS = ['=HYPERLINK("http://x","click")', "+1+1"]
HOSTILE_ADEPTS = ["@SUM(1+1)", "-2+3+cmd|' /C calc'!A0"]
TRIGGERED = ["=1+1", "+A1", "-1+1", "@A1", "\t=1", "\r=1", "-", "'=already quoted"]
LEFT_ALONE = ["M0001", "-12", "+3.5", "1,5", "", "plain text", "'quoted but harmless", "a=b"]


@pytest.mark.parametrize("text", TRIGGERED)
def test_a_would_be_formula_gets_a_quote_and_comes_back(text: str) -> None:
    assert neutral(text) == "'" + text
    assert restore(neutral(text)) == text


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_other_text_and_plain_numbers_are_left_alone(text: str) -> None:
    assert neutral(text) == text
    assert restore(text) == text


def test_numbers_stay_numbers_and_headers_are_covered() -> None:
    frame = pd.DataFrame({"id": ["=1+1", "M1"], "score": [-5, 7], "share": [-0.5, 0.25], "=head": ["x", "y"]})
    lines = csv_text(frame).splitlines()
    assert lines == ["id,score,share,'=head", "'=1+1,-5,-0.5,x", "M1,7,0.25,y"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A cohort whose ids are formulas, run; its folder and scenario."""
    root = tmp_path_factory.mktemp("injection")
    rows = [
        *({"id": m, "role": "mentor", "administration": "Centrum", "gender": "woman", "years": "12", "capacity": "1",
           "unit": f"=unit{i}"} for i, m in enumerate(HOSTILE_MENTORS)),
        *({"id": a, "role": "adept", "administration": "Nordost", "gender": "man", "years": "1", "capacity": "",
           "unit": "@adepts"} for a in HOSTILE_ADEPTS),
    ]
    with (root / "people.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (root / "scenario.yaml").write_text(
        "name: hostile\ncohort: VT26\nhistory_db: history.sqlite\npeople: people.csv\n"
        "constraints:\n  coverage: {}\n  unit: {}\n", encoding="utf-8")
    out = root / "out"
    done = matcher("run", root / "scenario.yaml", "--out", out)
    assert done.returncode == 0, done.stderr
    return {"root": root, "out": out, "scenario": root / "scenario.yaml"}


def test_run_outputs_carry_no_live_formula(hostile: dict[str, Path]) -> None:
    out = hostile["out"]
    for name in ("pairs.csv", "unmatched.csv"):
        with (out / name).open(encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert cells, name
        live = [c for c in cells if c[:1] in "=+-@\t\r" and not c.lstrip("+-").replace(".", "").isdigit()]
        assert not live, (name, live)
    pairs = pd.read_csv(out / "pairs.csv", dtype=str, keep_default_na=False)
    assert set(pairs["mentor_id"]) == {"'" + m for m in HOSTILE_MENTORS}
    assert pd.to_numeric(pairs["score"]).notna().all()  # a number column is still numbers
    back = read_csv_back(out / "pairs.csv")
    assert set(back["mentor_id"]) == set(HOSTILE_MENTORS) and set(back["adept_id"]) == set(HOSTILE_ADEPTS)


def test_check_explain_and_publish_read_such_a_folder(hostile: dict[str, Path]) -> None:
    out = hostile["out"]
    checked = matcher("check", out)
    assert checked.returncode == 0, checked.stderr
    checked_file = matcher("check", hostile["scenario"], out / "pairs.csv")
    assert checked_file.returncode == 0, checked_file.stderr
    explained = matcher("explain", out, "--person", HOSTILE_ADEPTS[0])
    assert explained.returncode == 0, explained.stderr
    assert "NOT made" not in explained.stdout
    published = matcher("publish", out)
    assert published.returncode == 0, published.stderr
    stored = sqlite3.connect(hostile["root"] / "history.sqlite").execute("select mentor_id from pairs").fetchall()
    assert {row[0] for row in stored} == set(HOSTILE_MENTORS)  # the ids as they are, not quoted


def test_repair_reads_such_a_pairs_file(hostile: dict[str, Path]) -> None:
    out = hostile["out"]
    repaired = matcher("repair", out / "pairs.csv", hostile["scenario"], "--out", hostile["root"] / "repaired")
    assert repaired.returncode == 0, repaired.stderr
    assert "kept 2 of 2 pairs" in repaired.stderr


def test_history_export_neutralises_too(hostile: dict[str, Path], tmp_path: Path) -> None:
    db = hostile["root"] / "history.sqlite"
    if not db.exists():
        assert matcher("publish", hostile["out"]).returncode == 0
    target = tmp_path / "vt26.csv"
    done = matcher("history", "export", "VT26", "--db", db, "--out", target)
    assert done.returncode == 0, done.stderr
    text = target.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "\n=" not in text and ",@" not in text
    assert set(read_csv_back(target)["mentor_id"]) == set(HOSTILE_MENTORS)
