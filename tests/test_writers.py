"""Writing outputs: all five files, a real workbook, all-or-nothing, never over an input."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest

from matcher import writers
from matcher.errors import InputError
from matcher.writers import OUTPUT_FILES, atomic_write_text, write_outputs, write_xlsx


def make_pairs() -> pd.DataFrame:
    return pd.DataFrame({
        "mentor_id": ["M001", "M002"],
        "adept_id": ["A001", "A002"],
        "score": [22.5, 13.0],
        "reasons": ["band Erfaren→Ny allowed; cross-administration Centrum→Sydväst",
                    "band Erfaren→Van allowed; same administration Hisingen"],
    })


def make_unmatched() -> pd.DataFrame:
    return pd.DataFrame({"id": ["A003"], "role": ["adept"], "reason": ["no mentor with capacity left"]})


def make_summary() -> dict[str, Any]:
    return {
        "scenario": "Mentorship cohort VT26", "program": "mentorship",
        "roles": {"giver": "mentor", "taker": "adept"},
        "status": "OPTIMAL", "solver": "network-flow", "objective": 35.5, "best_bound": 35.5, "gap": 0.0,
        "objectives": [{"priority": 1, "value": 2.0, "bound": 3.0, "terms": ["coverage"]},
                       {"priority": 2, "value": 35.5, "bound": 35.5, "terms": ["topics", "pair_scores"]}],
        "solve_seconds": 0.02, "generated_at": "2026-11-25T12:00:00+00:00", "tool_version": "0.1.0",
        "kpis": {
            "givers": 2, "takers": 3, "pairs": 2, "matched_takers": 2, "match_rate": 2 / 3,
            "givers_used": 2, "capacity_total": 3, "cross_administration_share": 0.5,
            "score_mean": 17.75, "score_min": 13.0, "score_max": 22.5,
            "by_administration": [{"administration": "Sydväst", "takers": 2, "matched": 1, "rate": 0.5,
                                   "givers": 0, "givers_used": 0},
                                  {"administration": "Hisingen", "takers": 1, "matched": 1, "rate": 1.0,
                                   "givers": 1, "givers_used": 1}],
            "by_gender": [{"gender": "woman", "takers": 3, "matched": 2, "rate": 2 / 3}],
            "by_band": [{"band": "Ny", "takers": 2, "matched": 1, "rate": 0.5},
                        {"band": "Van", "takers": 1, "matched": 1, "rate": 1.0}],
            "matched_by_group": [],
            "pairs_by_administration": [{"giver_administration": "Centrum", "taker_administration": "Sydväst",
                                         "pairs": 1}],
            "pairs_by_band": [{"giver_band": "Erfaren", "taker_band": "Ny", "pairs": 1}],
        },
        "constraints": [
            {"name": "band", "hard": True, "priority": None, "weight": None, "holds": True,
             "detail": "every pair's bands are allowed"},
            {"name": "topics", "hard": False, "priority": 2, "weight": 5, "holds": True,
             "detail": "mean 1.5 shared topics per pair"},
        ],
    }


def write(out_dir: Path, **overrides: Any) -> list[Path]:
    arguments: dict[str, Any] = {
        "pairs": make_pairs(), "unmatched": make_unmatched(), "summary": make_summary(),
        "report_html": "<!DOCTYPE html><html lang=\"en\"><body>Sydväst</body></html>\n",
    }
    arguments.update(overrides)
    return write_outputs(out_dir, **arguments)


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under `directory` (relative path -> bytes)."""
    files = sorted(p for p in directory.rglob("*") if p.is_file())
    return {str(p.relative_to(directory)): p.read_bytes() for p in files}


def test_all_five_files_are_written(tmp_path: Path) -> None:
    out_dir = tmp_path / "out" / "run1"  # parents are created too
    written = write(out_dir)
    assert written == [out_dir / name for name in OUTPUT_FILES]
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(OUTPUT_FILES)

    pairs_text = (out_dir / "pairs.csv").read_text(encoding="utf-8")
    assert pairs_text.splitlines()[0] == "mentor_id,adept_id,score,reasons"
    assert not pairs_text.startswith("\ufeff")
    assert "\r\n" not in pairs_text
    pd.testing.assert_frame_equal(pd.read_csv(out_dir / "pairs.csv", encoding="utf-8"), make_pairs())
    pd.testing.assert_frame_equal(pd.read_csv(out_dir / "unmatched.csv", encoding="utf-8"), make_unmatched())

    summary_text = (out_dir / "summary.json").read_text(encoding="utf-8")
    assert "Sydväst" in summary_text  # ensure_ascii=False
    assert summary_text.startswith('{\n  "scenario"')  # indent 2
    assert json.loads(summary_text) == make_summary()
    assert "Sydväst" in (out_dir / "report.html").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["run1"]  # no temp dir left behind


def test_trainee_columns_are_written_as_given(tmp_path: Path) -> None:
    pairs = make_pairs().rename(columns={"mentor_id": "supervisor_id", "adept_id": "trainee_id"})
    write(tmp_path / "out", pairs=pairs)
    header = (tmp_path / "out" / "pairs.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "supervisor_id,trainee_id,score,reasons"


def test_workbook_has_four_sheets_with_numbers_as_numbers(tmp_path: Path) -> None:
    write(tmp_path / "out")
    book = openpyxl.load_workbook(tmp_path / "out" / "matching.xlsx")
    assert book.sheetnames == ["pairs", "unmatched", "summary", "kpis"]

    pairs = book["pairs"]
    assert [c.value for c in pairs[1]] == ["mentor_id", "adept_id", "score", "reasons"]
    assert all(c.font.bold for c in pairs[1])
    assert pairs.freeze_panes == "A2"
    assert pairs["A2"].value == "M001"
    assert isinstance(pairs["C2"].value, float) and pairs["C2"].value == 22.5
    assert pairs["C3"].data_type == "n"
    assert pairs.column_dimensions["D"].width > pairs.column_dimensions["A"].width

    unmatched = book["unmatched"]
    assert [c.value for c in unmatched[2]] == ["A003", "adept", "no mentor with capacity left"]

    summary = book["summary"]
    values = {row[0].value: row[1].value for row in summary.iter_rows() if row[0].value is not None}
    assert values["status"] == "OPTIMAL"
    assert values["scenario"] == "Mentorship cohort VT26"
    assert values["roles.giver"] == "mentor"
    assert isinstance(values["objective"], float) and values["objective"] == 35.5
    assert isinstance(values["solve_seconds"], float)
    column_a = [row[0].value for row in summary.iter_rows()]
    assert "objectives" in column_a and "constraints" in column_a
    objectives_at = column_a.index("objectives") + 1
    assert summary.cell(row=objectives_at, column=1).font.bold
    assert [c.value for c in summary[objectives_at + 1]][:4] == ["priority", "value", "bound", "terms"]
    assert summary.cell(row=objectives_at + 2, column=1).value == 1
    assert summary.cell(row=objectives_at + 3, column=2).value == 35.5
    assert summary.cell(row=objectives_at + 3, column=4).value == "topics, pair_scores"
    assert "band" in column_a and "topics" in column_a
    band_row = column_a.index("band") + 1
    assert summary.cell(row=band_row, column=2).value is True

    kpis = book["kpis"]
    column_a = [row[0].value for row in kpis.iter_rows()]
    for title in ("by_administration", "by_gender", "by_band"):
        assert title in column_a
        at = column_a.index(title) + 1
        assert kpis.cell(row=at, column=1).font.bold
        assert kpis.cell(row=at + 1, column=1).font.bold  # the table's header row
    assert column_a.index("by_administration") < column_a.index("by_gender") < column_a.index("by_band")
    at = column_a.index("by_administration") + 1
    header = [c.value for c in kpis[at + 1]]
    first = dict(zip(header, [c.value for c in kpis[at + 2]], strict=False))
    assert first["administration"] == "Sydväst"
    assert first["takers"] == 2 and isinstance(first["takers"], int)
    assert first["rate"] == 0.5
    rate_cell = kpis.cell(row=at + 2, column=header.index("rate") + 1)
    assert rate_cell.data_type == "n" and rate_cell.number_format == "0.0%"
    scalars = {row[0].value: row[1].value for row in kpis.iter_rows() if row[0].value in ("takers", "pairs")}
    assert scalars == {"takers": 3, "pairs": 2}


def test_workbook_never_turns_text_into_a_formula(tmp_path: Path) -> None:
    pairs = make_pairs()
    pairs.loc[0, "mentor_id"] = "=HYPERLINK(\"x\")"
    write_xlsx(tmp_path / "m.xlsx", pairs, make_unmatched(), make_summary())
    cell = openpyxl.load_workbook(tmp_path / "m.xlsx")["pairs"]["A2"]
    assert cell.data_type == "s"
    assert cell.value == "=HYPERLINK(\"x\")"


def test_workbook_handles_empty_frames_and_odd_values(tmp_path: Path) -> None:
    summary = make_summary()
    summary["objective"] = np.float64(1.5)
    summary["gap"] = float("nan")
    summary["kpis"]["takers"] = np.int64(7)
    summary["kpis"]["by_gender"] = []
    path = tmp_path / "m.xlsx"
    write_xlsx(path, pd.DataFrame(columns=["mentor_id", "adept_id", "score", "reasons"]),
               pd.DataFrame(columns=["id", "role", "reason"]), summary)
    book = openpyxl.load_workbook(path)
    assert book["pairs"].max_row == 1
    values = {row[0].value: row[1].value for row in book["summary"].iter_rows()}
    assert values["objective"] == 1.5 and values["gap"] is None
    kpi_values = {row[0].value: row[1].value for row in book["kpis"].iter_rows()}
    assert kpi_values["takers"] == 7 and isinstance(kpi_values["takers"], int)


def test_summary_json_is_valid_with_numpy_and_nan(tmp_path: Path) -> None:
    summary = make_summary()
    summary["objective"] = np.float64(35.5)
    summary["gap"] = math.nan
    summary["kpis"]["pairs"] = np.int64(2)
    write(tmp_path / "out", summary=summary)
    loaded = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert loaded["objective"] == 35.5 and loaded["gap"] is None and loaded["kpis"]["pairs"] == 2


def test_failure_while_writing_leaves_out_dir_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "pairs.csv").write_text("old pairs\n", encoding="utf-8")
    (out_dir / "notes.txt").write_text("the coordinator's notes\n", encoding="utf-8")
    before = snapshot(tmp_path)
    mtimes = {p.name: p.stat().st_mtime_ns for p in out_dir.iterdir()}

    def broken_xlsx(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(writers, "write_xlsx", broken_xlsx)
    with pytest.raises(RuntimeError, match="disk full"):
        write(out_dir)
    assert snapshot(tmp_path) == before
    assert {p.name: p.stat().st_mtime_ns for p in out_dir.iterdir()} == mtimes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temp dir left


def test_failure_does_not_create_a_missing_out_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_xlsx(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(writers, "write_xlsx", broken_xlsx)
    with pytest.raises(RuntimeError):
        write(tmp_path / "new" / "out")
    assert list(tmp_path.iterdir()) == []


def test_failure_while_moving_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for name in ("pairs.csv", "summary.json", "report.html"):
        (out_dir / name).write_text(f"old {name}\n", encoding="utf-8")
    before = snapshot(tmp_path)
    real_replace = os.replace

    def flaky_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        moving_new_report = Path(dst) == out_dir.resolve() / "report.html" and "new" in Path(src).parts
        if moving_new_report:  # fail on the 4th file moved in; rolling back still works
            raise OSError("device went away")
        real_replace(src, dst)

    monkeypatch.setattr(writers.os, "replace", flaky_replace)
    with pytest.raises(OSError, match="device went away"):
        write(out_dir)
    monkeypatch.undo()
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_existing_outputs_are_replaced(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "pairs.csv").write_text("old\n", encoding="utf-8")
    (out_dir / "keep.txt").write_text("keep\n", encoding="utf-8")
    write(out_dir)
    assert (out_dir / "pairs.csv").read_text(encoding="utf-8").startswith("mentor_id,")
    assert (out_dir / "keep.txt").read_text(encoding="utf-8") == "keep\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_protected_input_is_refused(tmp_path: Path) -> None:
    out_dir = tmp_path / "data"
    out_dir.mkdir()
    people = out_dir / "people.csv"
    people.write_text("id,role\n", encoding="utf-8")
    scores = out_dir / "pairs.csv"  # an input that happens to be called like an output
    scores.write_text("mentor_id,adept_id,score\nM1,A1,3\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(InputError) as caught:
        write(out_dir, protected=[people, scores])
    message = str(caught.value)
    assert str(scores) in message
    assert "--out" in message
    assert message.startswith(f"{out_dir}::: ")
    assert snapshot(tmp_path) == before


def test_protected_input_is_recognised_through_another_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "sub").mkdir()
    report = tmp_path / "report.html"
    report.write_text("input, not output\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    with pytest.raises(InputError, match=r"report\.html"):
        write(Path(".."), protected=[Path("../sub/../report.html")])
    assert report.read_text(encoding="utf-8") == "input, not output\n"


def test_protected_input_behind_a_symlink_is_refused(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    summary = inputs / "summary.json"
    summary.write_text("{}\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "summary.json").symlink_to(summary)
    with pytest.raises(InputError):
        write(out_dir, protected=[summary])
    assert summary.read_text(encoding="utf-8") == "{}\n"


def test_out_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("id\n", encoding="utf-8")
    with pytest.raises(InputError, match="input file"):
        write(people, protected=[people])
    with pytest.raises(InputError, match="not a directory"):
        write(people)
    assert people.read_text(encoding="utf-8") == "id\n"


def test_atomic_write_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "note.txt"
    atomic_write_text(target, "första\n")
    assert target.read_text(encoding="utf-8") == "första\n"
    atomic_write_text(target, "andra\r\n")
    assert target.read_bytes() == b"andra\r\n"

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("no")

    monkeypatch.setattr(writers.os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_text(target, "tredje\n")
    monkeypatch.undo()
    assert target.read_bytes() == b"andra\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["note.txt"]
