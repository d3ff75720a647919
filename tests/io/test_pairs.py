"""The pair files: scores, exclusions and locked pairs, checked against the people file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from matcher.errors import InputError, Problem
from matcher.io.pairs import PAIR_COLUMNS, PairKind, load_pair_file, validate_pair_table
from matcher.io.people import load_people

PEOPLE_CSV = """\
id,role,administration,gender,years,capacity,applied_to
M1,mentor,Nordost,woman,10,2,
M2,mentor,Centrum,man,12,1,
A1,adept,Hisingen,woman,1,,
A2,adept,Sydväst,man,0.5,,
A3,adept,Nordost,non-binary,1,,
S1,supervisor,Hisingen,woman,9,2,
T1,trainee,Hisingen,man,0,,Hisingen
"""


@pytest.fixture
def people(tmp_path: Path) -> pd.DataFrame:
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE_CSV, encoding="utf-8")
    return load_people(path)


def _file(tmp_path: Path, text: str, name: str = "pairs.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _problems(tmp_path: Path, text: str, kind: PairKind, people: pd.DataFrame) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        load_pair_file(_file(tmp_path, text), kind, people)
    return caught.value.problems


def _only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(str(p) for p in problems)
    return problems[0]


# ----------------------------------------------------------------------------- good files


def test_pair_scores(tmp_path: Path, people: pd.DataFrame) -> None:
    text = "mentor_id,adept_id,score\nM1,A1,5\nM1,A2,-3\n M2 ,A1 ,0\nS1,T1,7\n"
    table = load_pair_file(_file(tmp_path, text), "pair_scores", people)
    assert tuple(table.columns) == PAIR_COLUMNS["pair_scores"]
    assert table["mentor_id"].tolist() == ["M1", "M1", "M2", "S1"]
    assert table["adept_id"].tolist() == ["A1", "A2", "A1", "T1"]
    assert table["score"].tolist() == [5, -3, 0, 7]
    assert table["score"].dtype == np.int64
    assert table["source_row"].tolist() == [2, 3, 4, 5]
    assert table["source_row"].dtype == np.int64
    # score files' ids are categorical (strings as categories): millions of rows, a few thousand ids
    assert isinstance(table["mentor_id"].dtype, pd.CategoricalDtype)
    assert all(isinstance(c, str) for c in table["mentor_id"].cat.categories)


def test_trainee_headers_in_swedish_with_semicolons(tmp_path: Path, people: pd.DataFrame) -> None:
    text = "handledare;trainee;poäng\nS1;T1;3\n"
    table = load_pair_file(_file(tmp_path, text, encoding="cp1252"), "pair_scores", people)
    assert table[["mentor_id", "adept_id", "score"]].values.tolist() == [["S1", "T1", 3]]


def test_supervisor_trainee_headers(tmp_path: Path, people: pd.DataFrame) -> None:
    table = load_pair_file(_file(tmp_path, "supervisor_id,trainee_id\nS1,T1\n"), "locked", people)
    assert tuple(table.columns) == PAIR_COLUMNS["locked"]
    assert table["adept_id"].tolist() == ["T1"]


def test_exclusions_with_and_without_reason(tmp_path: Path, people: pd.DataFrame) -> None:
    text = "mentor_id,adept_id,reason\nM1,A1,same team\nM1,A2,\nM1,A1,listed twice is harmless\n"
    table = load_pair_file(_file(tmp_path, text), "exclusions", people)
    assert tuple(table.columns) == PAIR_COLUMNS["exclusions"]
    assert table["reason"].tolist() == ["same team", "", "listed twice is harmless"]
    bare = load_pair_file(_file(tmp_path, "mentor;adept\nM2;A3\n", "bare.csv"), "exclusions", people)
    assert bare["reason"].tolist() == [""]
    swedish = load_pair_file(_file(tmp_path, "mentor,adept,orsak\nM2,A3,chef\n", "sv.csv"), "exclusions", people)
    assert swedish["reason"].tolist() == ["chef"]


def test_locked(tmp_path: Path, people: pd.DataFrame) -> None:
    table = load_pair_file(_file(tmp_path, "mentor_id,adept_id\nM1,A1\nM1,A2\nM2,A3\n"), "locked", people)
    assert table["adept_id"].tolist() == ["A1", "A2", "A3"]


def test_header_only_file_is_no_pairs(tmp_path: Path, people: pd.DataFrame) -> None:
    table = load_pair_file(_file(tmp_path, "mentor_id,adept_id\n"), "locked", people)
    assert len(table) == 0 and tuple(table.columns) == PAIR_COLUMNS["locked"]


def test_library_table(people: pd.DataFrame) -> None:
    rows: list[dict[str, Any]] = [
        {"mentor_id": "M1", "adept_id": "A1", "score": 4},
        {"mentor_id": "M2", "adept_id": "A2", "score": 2.0},
    ]
    table = validate_pair_table(rows, "<pair_scores>", "pair_scores", people)
    assert table["score"].tolist() == [4, 2]
    with pytest.raises(InputError) as caught:
        validate_pair_table(
            pd.DataFrame({"mentor_id": ["M1"], "adept_id": ["A1"], "score": [2.5]}),
            "<pair_scores>",
            "pair_scores",
            people,
        )
    assert str(_only(caught.value.problems)).startswith("<pair_scores>:2:score: score '2.5' is not a whole number")


# ----------------------------------------------------------------------------- problems


def test_unknown_id_names_the_people_file(tmp_path: Path, people: pd.DataFrame) -> None:
    problems = _problems(tmp_path, "mentor_id,adept_id,score\nM1,A1,1\nM9,A1,2\nM1,A77,3\n", "pair_scores", people)
    assert [(p.row, p.column) for p in problems] == [(3, "mentor_id"), (4, "adept_id")]
    assert "'M9' is not an id in" in problems[0].message
    assert people.attrs["source"] in problems[0].message


def test_empty_id(tmp_path: Path, people: pd.DataFrame) -> None:
    problem = _only(_problems(tmp_path, "mentor_id,adept_id\nM1,\n", "locked", people))
    assert (problem.row, problem.column) == (2, "adept_id") and "empty" in problem.message


def test_wrong_role(tmp_path: Path, people: pd.DataFrame) -> None:
    problems = _problems(tmp_path, "mentor_id,adept_id\nA1,M1\nM1,A2\n", "exclusions", people)
    assert [(p.row, p.column) for p in problems] == [(2, "adept_id"), (2, "mentor_id")]
    by_column = {p.column: p.message for p in problems}
    assert "'A1' is an adept, but mentor_id must be a mentor or supervisor" in by_column["mentor_id"]
    assert "swapped" in by_column["mentor_id"]


def test_mentor_with_trainee_is_wrong_programme(tmp_path: Path, people: pd.DataFrame) -> None:
    problem = _only(_problems(tmp_path, "mentor_id,adept_id\nM1,T1\n", "locked", people))
    assert (problem.row, problem.column) == (2, "adept_id")
    assert "pair mentors with adepts and supervisors with trainees" in problem.message


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("abc", "is not a number"),
        ("2.5", "is not a whole number"),
        ("", "is empty"),
        ("1e400", "is not a whole number"),
    ],
)
def test_bad_score(tmp_path: Path, people: pd.DataFrame, cell: str, words: str) -> None:
    problem = _only(_problems(tmp_path, f"mentor_id,adept_id,score\nM1,A1,4\nM1,A2,{cell}\n", "pair_scores", people))
    assert (problem.row, problem.column) == (3, "score")
    assert words in problem.message and "whole number such as 3" in problem.message


def test_score_as_integral_decimal_is_accepted(tmp_path: Path, people: pd.DataFrame) -> None:
    table = load_pair_file(_file(tmp_path, "mentor_id;adept_id;score\nM1;A1;4,0\nM1;A2;−2\n"), "pair_scores", people)
    assert table["score"].tolist() == [4, -2]


@pytest.mark.parametrize("kind", ["pair_scores", "locked"])
def test_duplicate_pair(tmp_path: Path, people: pd.DataFrame, kind: PairKind) -> None:
    text = "mentor_id,adept_id,score\nM1,A1,1\nM2,A2,1\nM1,A1,1\n"
    problem = _only(_problems(tmp_path, text, kind, people))
    assert problem.row == 4
    assert "listed again (first on row 2)" in problem.message


def test_locked_adept_to_two_mentors(tmp_path: Path, people: pd.DataFrame) -> None:
    text = "mentor_id,adept_id\nM1,A1\nM1,A2\nM2,A1\n"
    problem = _only(_problems(tmp_path, text, "locked", people))
    assert (problem.row, problem.column) == (4, "adept_id")
    assert "adept 'A1' is locked to 'M2' here and to 'M1' on row 2" in problem.message


def test_missing_columns(tmp_path: Path, people: pd.DataFrame) -> None:
    problems = _problems(tmp_path, "mentor_id,points\nM1,3\n", "pair_scores", people)
    assert [(p.row, p.column) for p in problems] == [(1, "adept_id"), (1, "score")]
    assert all("missing column" in p.message for p in problems)


def test_repeated_header(tmp_path: Path, people: pd.DataFrame) -> None:
    problem = _only(_problems(tmp_path, "mentor_id,adept_id,adept\nM1,A1,A1\n", "locked", people))
    assert (problem.row, problem.column) == (1, "adept")


def test_all_problems_reported_and_capped(tmp_path: Path, people: pd.DataFrame) -> None:
    lines = ["mentor_id,adept_id,score"] + [f"M1,X{i},{i}" for i in range(200)] + ["M1,A1,x"]
    problems = _problems(tmp_path, "\n".join(lines) + "\n", "pair_scores", people)
    assert len(problems) == 51
    assert [p.row for p in problems if p.row is not None] == list(range(2, 52))
    assert "... and 151 more problems" in next(p.message for p in problems if p.row is None)


def test_kind_must_be_known(people: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="kind"):
        validate_pair_table(pd.DataFrame(), "x", "scores", people)  # type: ignore[arg-type]
