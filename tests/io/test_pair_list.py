"""The one reader of a pairs list a person hands back: a run's pairs.csv as Swedish Excel saves it
(semicolons, Windows-1252), its matching.xlsx, Swedish headers; and the formula guard the CSV
writers add, read back off."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from cli_helpers import run_matcher as matcher

from matcher.io.pairs import read_pair_list
from matcher.output.cells import neutralise, write_csv

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example cohort, copied, and one run of it: (scenario, output folder)."""
    folder = tmp_path_factory.mktemp("pairlist") / "cohort"
    shutil.copytree(REPO / "scenarios" / "cohort", folder)
    out = folder.parent / "out"
    done: subprocess.CompletedProcess[str] = matcher("run", folder / "scenario.yaml", "--out", out)
    assert done.returncode == 0, done.stderr
    return folder / "scenario.yaml", out


def test_check_reads_the_workbook_of_the_run(run: tuple[Path, Path]) -> None:
    scenario, out = run
    done = matcher("check", scenario, out / "matching.xlsx")
    assert done.returncode == 0, done.stderr
    assert "every hard rule holds" in done.stdout


def test_check_reads_a_pairs_csv_saved_by_swedish_excel(run: tuple[Path, Path], tmp_path: Path) -> None:
    """Semicolons, Windows-1252 (a reason with 'é' and 'ö'), CRLF: what Excel writes as 'CSV (semikolonavgränsad)'."""
    scenario, out = run
    pairs = pd.read_csv(out / "pairs.csv", dtype=str, keep_default_na=False)
    pairs["reasons"] = pairs["reasons"] + "; noterat av samordnaren: idé för höstens träff"
    saved = tmp_path / "pairs-excel.csv"
    saved.write_bytes(pairs.to_csv(index=False, sep=";", lineterminator="\r\n").encode("cp1252"))
    assert b"\xe9" in saved.read_bytes()  # the byte that broke the old reader ('utf-8' codec can't decode 0xe9)
    done = matcher("check", scenario, saved)
    assert done.returncode == 0, done.stderr
    # ... and the same file with one pair moved onto an excluded pair is caught (exit 3), located
    exclusions = pd.read_csv(scenario.parent / "exclusions.csv", sep=None, engine="python", dtype=str,
                             encoding="utf-8-sig")
    mentor, adept = exclusions.iloc[0, 0], exclusions.iloc[0, 1]
    pairs.loc[pairs["adept_id"] == adept, "mentor_id"] = mentor
    if adept not in set(pairs["adept_id"]):
        pairs.loc[len(pairs)] = [mentor, adept, "0", ""]
    saved.write_bytes(pairs.to_csv(index=False, sep=";", lineterminator="\r\n").encode("cp1252"))
    broken = matcher("check", scenario, saved)
    assert broken.returncode == 3 and "exclusions" in broken.stderr


def test_swedish_headers_and_a_sheet_named_par(tmp_path: Path) -> None:
    path = tmp_path / "lista.xlsx"
    with pd.ExcelWriter(path) as book:
        pd.DataFrame({"x": [1]}).to_excel(book, sheet_name="Sammanfattning", index=False)
        pd.DataFrame({"Mentor": ["M1", "M2"], "Adept": ["A1", "A2"], "Poäng": ["3", "4,0"]}).to_excel(
            book, sheet_name="Par", index=False)
    table = read_pair_list(path, with_score=True)
    assert table[["mentor_id", "adept_id"]].values.tolist() == [["M1", "A1"], ["M2", "A2"]]
    assert table["score"].tolist() == [3, 4]
    assert table.index.tolist() == [2, 3]  # the rows a spreadsheet user sees


def test_a_file_without_the_id_columns_is_a_located_error(tmp_path: Path) -> None:
    from matcher.errors import InputError

    path = tmp_path / "pairs.csv"
    path.write_text("mentor;namn\nM1;Anna\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_pair_list(path)
    (problem,) = caught.value.problems
    assert problem.row == 1 and problem.column == "adept_id"


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x","click")', "+1+1", "-1+2", "@SUM(1+1)", "\tx", "\rx"])
def test_every_csv_written_defuses_formulas_and_the_reader_takes_the_guard_off(cell: str, tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    write_csv(pd.DataFrame({"mentor_id": [cell], "adept_id": ["A1"], "score": [-3]}), path)
    raw = path.read_text(encoding="utf-8")
    assert not any(line.startswith(("=", "+", "-", "@")) or ",=" in line or ",+" in line for line in raw.splitlines())
    assert "-3" in raw  # a number stays a number
    assert read_pair_list(path)["mentor_id"].tolist() == [cell.strip()]


def test_defuse_leaves_ordinary_text_and_numbers_alone() -> None:
    frame = pd.DataFrame({"id": ["M1", "'quoted", "a-b", "-12"], "n": [-1, 2, 3, 4]})
    assert neutralise(frame).equals(frame)
