"""The one table reader for every kind of table a person hands over (issue 11): a workbook's sheet
named like the kind (English or Swedish), the pairs sheet of matching.xlsx as the tool writes it in
either language, and the formula guard of the tool's CSV writers read back off, in every CSV."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from cli_helpers import run_matcher as matcher

from matcher.io.pairs import read_pair_list
from matcher.output.cells import write_csv
from matcher.repair import read_joiners, read_leavers
from matcher.scenario import Scenario

REPO = Path(__file__).resolve().parents[2]


def _workbook(path: Path, sheets: dict[str, pd.DataFrame]) -> Path:
    with pd.ExcelWriter(path) as book:
        for name, frame in sheets.items():
            frame.to_excel(book, sheet_name=name, index=False)
    return path


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    folder = tmp_path / "cohort"
    shutil.copytree(REPO / "scenarios" / "cohort", folder)
    return folder


@pytest.mark.parametrize("sheet", ["Undantag", "exclusions"])
def test_a_pair_file_is_read_from_the_sheet_named_like_its_kind(cohort: Path, sheet: str) -> None:
    """An exclusions workbook whose first sheet is instructions: the 'Undantag' sheet is the table."""
    notes = pd.DataFrame({"Instruktion": ["Skriv ett par per rad"]})
    pairs = pd.DataFrame({"mentor_id": ["M0001"], "adept_id": ["A0002"], "orsak": ["jäv"]})
    _workbook(cohort / "exclusions.xlsx", {"Instruktioner": notes, sheet: pairs})
    text = (cohort / "scenario.yaml").read_text(encoding="utf-8").replace("exclusions.csv", "exclusions.xlsx")
    (cohort / "scenario.yaml").write_text(text, encoding="utf-8")
    loaded = Scenario.from_yaml(cohort / "scenario.yaml")
    assert loaded.exclusions is not None
    assert loaded.exclusions[["mentor_id", "adept_id", "reason"]].values.tolist() == [["M0001", "A0002", "jäv"]]


def test_people_leavers_and_joiners_sheets(cohort: Path, tmp_path: Path) -> None:
    people = pd.read_csv(cohort / "people.csv", sep=None, engine="python", dtype=str, encoding="utf-8-sig")
    _workbook(cohort / "people.xlsx", {"Läs mig": pd.DataFrame({"x": ["y"]}), "Personer": people})
    text = (cohort / "scenario.yaml").read_text(encoding="utf-8").replace("people.csv", "people.xlsx")
    (cohort / "scenario.yaml").write_text(text, encoding="utf-8")
    loaded = Scenario.from_yaml(cohort / "scenario.yaml")
    assert len(loaded.people) == len(people)

    leavers = _workbook(tmp_path / "changes.xlsx", {"Nya": people.iloc[:1].assign(id="N1"),
                                                     "Slutar": pd.DataFrame({"id": ["M0001"]})})
    assert read_leavers(leavers, loaded) == ["M0001"]
    assert read_joiners(leavers)["id"].tolist() == ["N1"]


@pytest.mark.parametrize(("scenario", "lang"), [("cohort", "sv"), ("cohort", "en"), ("trainee", "sv")])
def test_check_reads_matching_xlsx_as_the_tool_writes_it(tmp_path: Path, scenario: str, lang: str) -> None:
    """The workbook in Swedish (sheet 'Par', columns 'Mentor'/'Adept', 'Handledare'/'Trainee') or English."""
    folder = tmp_path / scenario
    shutil.copytree(REPO / "scenarios" / scenario, folder)
    out = tmp_path / "out"
    done: subprocess.CompletedProcess[str] = matcher("run", folder / "scenario.yaml", "--out", out, "--lang", lang)
    assert done.returncode == 0, done.stderr
    written = pd.read_excel(out / "matching.xlsx", sheet_name=None)
    pairs_sheet = "Par" if lang == "sv" else "Pairs"
    assert pairs_sheet in written
    from_book = read_pair_list(out / "matching.xlsx")
    from_csv = read_pair_list(out / "pairs.csv")
    assert sorted(map(tuple, from_book.values.tolist())) == sorted(map(tuple, from_csv.values.tolist()))
    checked = matcher("check", folder / "scenario.yaml", out / "matching.xlsx")
    assert checked.returncode == 0, checked.stderr


def test_every_csv_cell_the_tool_defused_is_read_back_as_it_was(tmp_path: Path) -> None:
    """Ids that look like formulas: the people file has them as they are; the locked and leavers
    files were written by the tool's CSV writer ('=M1 with a quote in front), and read back exact."""
    people = pd.DataFrame({
        "id": ["=M1", "+M2", "@A1", "-A2"],
        "role": ["mentor", "mentor", "adept", "adept"],
        "administration": ["Centrum", "Nordost", "Hisingen", "Sydväst"],
        "gender": ["woman", "man", "woman", "man"],
        "years": [10, 12, 1, 1],
    })
    people.to_csv(tmp_path / "people.csv", index=False)
    write_csv(pd.DataFrame({"mentor_id": ["=M1"], "adept_id": ["@A1"]}), tmp_path / "locked.csv")
    write_csv(pd.DataFrame({"id": ["-A2"]}), tmp_path / "leavers.csv")
    assert "'=M1" in (tmp_path / "locked.csv").read_text(encoding="utf-8")  # the guard is on the disk
    (tmp_path / "scenario.yaml").write_text("people: people.csv\nlocked: locked.csv\n", encoding="utf-8")
    loaded = Scenario.from_yaml(tmp_path / "scenario.yaml")
    assert loaded.locked is not None
    assert loaded.locked[["mentor_id", "adept_id"]].values.tolist() == [["=M1", "@A1"]]
    assert read_leavers(tmp_path / "leavers.csv", loaded) == ["-A2"]
