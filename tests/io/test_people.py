"""Reading and validating the people file: formats, encodings, and every kind of problem."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest

from matcher.domain import BAND_RULE_TEXT, normalise_topic
from matcher.errors import InputError, Problem
from matcher.io.people import PEOPLE_COLUMNS, load_people, validate_people
from matcher.io.tables import read_table

ENGLISH_CSV = """\
id,role,administration,gender,years,band,capacity,unit,position,topics,same_gender,supervisor_trained,applied_to,name,notes
M1,mentor,Nordost,woman,12,,2,Enhet 1,förste socialsekreterare,"Barnsamtal; BBIC",no,yes,,Anna Berg,call first
A1,adept,Centrum,man,1.5,Ny,,Enhet 2,socialsekreterare,"barnsamtal, LVU",yes,,,Bo Ek,
S1,supervisor,Hisingen,non-binary,,Erfaren,1,Enhet 3,,,,,,Cy Dahl,
T1,trainee,Sydvast,undisclosed,0,,,,,,,,"Hisingen/Enhet 3; nordost",Di Falk,NA
"""

SWEDISH_HEADER = (
    "ID;Roll;Förvaltning;Kön;År i yrket;Erfarenhet;Kapacitet;Enhet;Befattning;Ämnen;Samma kön;"
    "Handledarutbildning;Sökt till;Namn"
)
SWEDISH_CSV = f"""\
{SWEDISH_HEADER}
M1;mentor;Sydväst;kvinna;7,5;;2;Enhet Väst;socialsekreterare;barnsamtal;nej;ja;;Åsa Öberg
A1;adept;NORDOST;ej angivet;1;Ny;;;;Otillåten påverkan;ja;;;Märta Ärlig
H1;handledare;Hisingen;man;10;;;;;;;ja;;Örjan Åkesson
T1;student;Centrum;annan;0;;;;;;;;Sydväst;Ängla Ström
"""

HEADER = ["id", "role", "administration", "gender", "years", "band", "capacity", "same_gender", "applied_to"]


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _csv(rows: list[list[str]], header: list[str] = HEADER, sep: str = ",") -> str:
    return "\n".join(sep.join(cells) for cells in [header, *rows]) + "\n"


def _good_rows() -> list[list[str]]:
    return [
        ["M1", "mentor", "Nordost", "woman", "10", "", "2", "", ""],
        ["A1", "adept", "Centrum", "man", "1", "Ny", "", "ja", ""],
        ["S1", "supervisor", "Hisingen", "woman", "8", "", "1", "", ""],
        ["T1", "trainee", "Sydväst", "man", "0", "", "", "", "Hisingen"],
    ]


def _problems(tmp_path: Path, text: str, name: str = "people.csv") -> list[Problem]:
    path = _write(tmp_path, name, text)
    with pytest.raises(InputError) as caught:
        load_people(path)
    return caught.value.problems


def _only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(str(p) for p in problems)
    return problems[0]


# ----------------------------------------------------------------------------- formats


def test_english_csv_with_commas(tmp_path: Path) -> None:
    people = load_people(_write(tmp_path, "people.csv", ENGLISH_CSV))
    assert list(people.columns) == [*PEOPLE_COLUMNS, "notes"]
    assert people["id"].tolist() == ["M1", "A1", "S1", "T1"]
    assert people["role"].tolist() == ["mentor", "adept", "supervisor", "trainee"]
    assert people["administration"].tolist() == ["Nordost", "Centrum", "Hisingen", "Sydväst"]
    assert people["gender"].tolist() == ["woman", "man", "non-binary", "undisclosed"]
    assert people["band"].tolist() == ["Erfaren", "Ny", "Erfaren", "Ny"]
    assert people["years"].iloc[0] == 12.0 and people["years"].iloc[1] == 1.5
    assert math.isnan(people["years"].iloc[2])
    assert people["capacity"].tolist() == [2, 1, 1, 1]
    assert people["topics"].iloc[0] == ("barnsamtal", "bbic")
    assert people["topics"].iloc[1] == ("barnsamtal", "lvu")
    assert people["topics"].iloc[2] == ()
    assert people["same_gender"].tolist() == [False, True, False, False]
    assert people["supervisor_trained"].tolist() == [True, False, False, False]
    assert people["applied_to"].iloc[3] == ("Hisingen/Enhet 3", "Nordost")
    assert people["applied_to"].iloc[0] == ()
    assert people["position"].iloc[0] == "förste socialsekreterare"
    assert people["unit"].iloc[2] == "Enhet 3"
    assert people["name"].iloc[0] == "Anna Berg"
    assert people["source_row"].tolist() == [2, 3, 4, 5]
    assert people["notes"].tolist() == ["call first", "", "", "NA"]  # extra column kept as it is
    assert people.attrs["source"].endswith("people.csv")


def test_dtypes(tmp_path: Path) -> None:
    people = load_people(_write(tmp_path, "people.csv", ENGLISH_CSV))
    for column in ("id", "role", "administration", "gender", "band", "unit", "position", "name"):
        assert pd.api.types.is_string_dtype(people[column].dtype), column
    assert people["years"].dtype == np.float64
    assert people["capacity"].dtype == np.int64
    assert people["source_row"].dtype == np.int64
    assert people["same_gender"].dtype == bool
    assert people["supervisor_trained"].dtype == bool
    assert people["topics"].dtype == object
    assert people["applied_to"].dtype == object


def test_swedish_semicolons_windows_1252(tmp_path: Path) -> None:
    people = load_people(_write(tmp_path, "anmalan.csv", SWEDISH_CSV, "cp1252"))
    assert people["id"].tolist() == ["M1", "A1", "H1", "T1"]
    assert people["role"].tolist() == ["mentor", "adept", "supervisor", "trainee"]
    assert people["administration"].tolist() == ["Sydväst", "Nordost", "Hisingen", "Centrum"]
    assert people["gender"].tolist() == ["woman", "undisclosed", "man", "non-binary"]
    assert people["years"].iloc[0] == 7.5  # decimal comma
    assert people["band"].tolist() == ["Erfaren", "Ny", "Erfaren", "Ny"]
    assert people["name"].tolist() == ["Åsa Öberg", "Märta Ärlig", "Örjan Åkesson", "Ängla Ström"]
    assert people["unit"].iloc[0] == "Enhet Väst"
    assert people["topics"].iloc[1] == (normalise_topic("Otillåten påverkan"),)
    assert people["same_gender"].tolist() == [False, True, False, False]
    assert people["supervisor_trained"].tolist() == [True, False, True, False]
    assert people["applied_to"].iloc[3] == ("Sydväst",)


def test_utf8_with_bom(tmp_path: Path) -> None:
    people = load_people(_write(tmp_path, "people.csv", SWEDISH_CSV, "utf-8-sig"))
    assert people["id"].tolist() == ["M1", "A1", "H1", "T1"]
    assert people["name"].iloc[0] == "Åsa Öberg"


def test_utf8_without_bom_semicolons(tmp_path: Path) -> None:
    people = load_people(_write(tmp_path, "people.csv", SWEDISH_CSV, "utf-8"))
    assert people["administration"].iloc[0] == "Sydväst"


def test_xlsx(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id", "roll", "förvaltning", "kön", "år_i_yrket", "kapacitet", "samma_kön", "ämnen", "namn"])
    sheet.append(["M1", "mentor", "Centrum", "kvinna", 12, 2.0, False, "BBIC; MI", "Åsa"])
    sheet.append(["A1", "adept", "Hisingen", "man", 2.5, None, True, None, "Örjan"])
    sheet.append(["A2", "adept", "Nordost", "kvinna", 1, None, None, None, None])
    sheet.append([None] * 9)  # formatted, empty rows at the end are ignored
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    people = load_people(path)
    assert people["id"].tolist() == ["M1", "A1", "A2"]
    assert people["years"].tolist() == [12.0, 2.5, 1.0]
    assert people["band"].tolist() == ["Erfaren", "Van", "Ny"]
    assert people["capacity"].tolist() == [2, 1, 1]
    assert people["same_gender"].tolist() == [False, True, False]
    assert people["topics"].iloc[0] == ("bbic", "mi")
    assert people["source_row"].tolist() == [2, 3, 4]


def test_xlsx_numbers_become_text(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["a", "b", "c"])
    sheet.append([3.0, 2.5, 7])
    path = tmp_path / "t.xlsx"
    workbook.save(path)
    table, name = read_table(path)
    assert name == str(path)
    assert table.iloc[0].tolist() == ["3", "2.5", "7"]


def test_xlsx_problem_rows(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id", "role", "administration", "gender", "years"])
    sheet.append(["M1", "mentor", "Centrum", "kvinna", 12])
    sheet.append(["A1", "adept", "Göteborg", "man", 1])
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    with pytest.raises(InputError) as caught:
        load_people(path)
    problem = _only(caught.value.problems)
    assert (problem.row, problem.column) == (3, "administration")


def test_json_records(tmp_path: Path) -> None:
    records: list[dict[str, Any]] = [
        {
            "id": "M1",
            "role": "mentor",
            "administration": "Nordost",
            "gender": "woman",
            "years": 9,
            "capacity": 2,
            "topics": ["BBIC", "LVU"],
            "supervisor_trained": True,
        },
        {
            "id": "A1",
            "role": "adept",
            "administration": "Centrum",
            "gender": "man",
            "years": 0.5,
            "same_gender": False,
            "topics": None,
            "extra": {"a": 1},
        },
    ]
    people = load_people(_write(tmp_path, "people.json", json.dumps(records)))
    assert people["id"].tolist() == ["M1", "A1"]
    assert people["capacity"].tolist() == [2, 1]
    assert people["topics"].iloc[0] == ("bbic", "lvu")
    assert people["supervisor_trained"].tolist() == [True, False]
    assert people["years"].tolist() == [9.0, 0.5]
    assert people["source_row"].tolist() == [1, 2]  # JSON: record index + 1
    wrapped = load_people(_write(tmp_path, "wrapped.json", json.dumps({"people": records})))
    assert wrapped["id"].tolist() == ["M1", "A1"]


def test_json_problem_row_is_record_number(tmp_path: Path) -> None:
    records = [
        {"id": "M1", "role": "mentor", "administration": "Nordost", "gender": "woman", "years": 9},
        {"id": "A1", "role": "adept", "administration": "Nordost", "gender": "kvina", "years": 1},
    ]
    problem = _only(_problems(tmp_path, json.dumps(records), "people.json"))
    assert (problem.row, problem.column) == (2, "gender")


def test_blank_lines_keep_row_numbers(tmp_path: Path) -> None:
    rows = _good_rows()
    text = _csv(rows[:2]) + "\n,,,,,,,,\n" + "\n".join(",".join(r) for r in rows[2:]) + "\n\n"
    people = load_people(_write(tmp_path, "people.csv", text))
    assert people["source_row"].tolist() == [2, 3, 6, 7]  # line 4 is blank, line 5 only commas


def test_trailing_separator_on_every_line(tmp_path: Path) -> None:
    text = "".join(line + ";\n" for line in _csv(_good_rows(), sep=";").splitlines())
    people = load_people(_write(tmp_path, "people.csv", text))
    assert list(people.columns) == list(PEOPLE_COLUMNS)


def test_quoted_cells_with_separator_and_newline(tmp_path: Path) -> None:
    text = _csv(_good_rows(), header=[*HEADER, "notes"]).splitlines()
    text[1] += ',"line one\nline two, with comma"'
    people = load_people(_write(tmp_path, "people.csv", "\n".join(text) + "\n"))
    assert people["notes"].iloc[0] == "line one\nline two, with comma"
    assert people["source_row"].tolist() == [2, 3, 4, 5]


# ----------------------------------------------------------------------------- library callers


def test_validate_people_accepts_python_values() -> None:
    records: list[dict[str, Any]] = [
        {
            "id": "M1",
            "role": "mentor",
            "administration": "centrum",
            "gender": "woman",
            "years": 12,
            "capacity": 2.0,
            "topics": ["BBIC"],
            "supervisor_trained": True,
        },
        {
            "id": "A1",
            "role": "adept",
            "administration": "Nordost",
            "gender": "man",
            "years": float("nan"),
            "band": "Ny",
            "capacity": None,
            "topics": None,
            "supervisor_trained": np.nan,
        },
    ]
    people = validate_people(records, "<people>")
    assert people["capacity"].tolist() == [2, 1]
    assert people["band"].tolist() == ["Erfaren", "Ny"]
    assert people["supervisor_trained"].tolist() == [True, False]
    assert people["source_row"].tolist() == [2, 3]
    again = validate_people(people, "<people>")  # its own output validates to the same table
    pd.testing.assert_frame_equal(again, people)


def test_revalidating_a_filtered_table_keeps_row_numbers(tmp_path: Path) -> None:
    people = load_people(_write(tmp_path, "people.csv", ENGLISH_CSV))
    subset = people[people["role"] != "adept"].copy()
    subset.loc[subset["id"] == "S1", "gender"] = "kvina"
    with pytest.raises(InputError) as caught:
        validate_people(subset, "people.csv")
    assert (_only(caught.value.problems).row, _only(caught.value.problems).column) == (4, "gender")


def test_validate_people_first_row_numbers_problems() -> None:
    frame = pd.DataFrame([{"id": "M1", "role": "boss", "administration": "Nordost", "gender": "woman", "years": 3}])
    with pytest.raises(InputError) as caught:
        validate_people(frame, "<people>", first_row=10)
    problem = _only(caught.value.problems)
    assert str(problem).startswith("<people>:10:role: unknown role 'boss'")


# ----------------------------------------------------------------------------- problems


def test_example_message(tmp_path: Path) -> None:
    rows = [[f"P{i}", "adept", "Nordost", "kvinna", "1", "", "", "", ""] for i in range(5)]
    rows[4][3] = "kvina"
    header = ["id", "roll", "förvaltning", "kön", "år_i_yrket", "erfarenhet", "kapacitet", "samma_kön", "sökt_till"]
    path = _write(tmp_path, "people.csv", _csv(rows, header=header, sep=";"), "cp1252")
    with pytest.raises(InputError) as caught:
        load_people(path)
    assert str(caught.value) == (
        f"{path}:6:kön: unknown gender 'kvina'; use one of woman, man, non-binary, undisclosed "
        "(or kvinna, man, annan, ej angivet)"
    )


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        (2, "id", "", "empty id"),
        (3, "role", "", "empty role"),
        (3, "role", "chef", "unknown role 'chef'; use one of mentor, adept, supervisor, trainee"),
        (2, "administration", "Angered", "unknown administration 'Angered'; use one of Nordost, Centrum"),
        (2, "administration", "", "empty administration"),
        (4, "gender", "kvina", "unknown gender 'kvina'; use one of woman, man, non-binary, undisclosed"),
        (4, "gender", "", "empty gender"),
        (2, "years", "tio", "years 'tio' is not a number"),
        (2, "years", "-1", "years '-1' is negative"),
        (2, "years", "200", "years '200' is more than"),
        (3, "band", "Junior", "unknown band 'Junior'; use Ny, Van or Erfaren"),
        (2, "capacity", "two", "capacity 'two' is not a whole number"),
        (2, "capacity", "1.5", "capacity '1.5' is not a whole number"),
        (2, "capacity", "-2", "capacity '-2' is negative"),
        (3, "same_gender", "kanske", "same_gender 'kanske' is not yes or no; write yes or no (ja or nej)"),
        (5, "applied_to", "Hisingen; Lundby", "'Lundby' in applied_to is not an administration"),
        (5, "applied_to", "", "applied_to is empty for a trainee"),
    ],
)
def test_each_cell_problem(tmp_path: Path, row: int, column: str, value: str, message: str) -> None:
    rows = _good_rows()
    rows[row - 2][HEADER.index(column)] = value
    problem = _only(_problems(tmp_path, _csv(rows)))
    assert (problem.row, problem.column) == (row, column)
    assert message in problem.message
    assert ";" in problem.message  # says what is wrong; how to fix it


def test_good_values_pass(tmp_path: Path) -> None:
    rows = _good_rows()
    rows[0][HEADER.index("years")] = "2,5"
    rows[0][HEADER.index("capacity")] = "0"
    rows[3][HEADER.index("applied_to")] = '"Hisingen/Enhet 3, SYDVAST/Enhet 9;Centrum"'
    people = load_people(_write(tmp_path, "people.csv", _csv(rows, sep=";")))
    assert people["years"].iloc[0] == 2.5
    assert people["capacity"].iloc[0] == 0
    assert people["applied_to"].iloc[3] == ("Hisingen/Enhet 3", "Sydväst/Enhet 9", "Centrum")


def test_neither_years_nor_band(tmp_path: Path) -> None:
    rows = _good_rows()
    rows[0][HEADER.index("years")] = ""
    problem = _only(_problems(tmp_path, _csv(rows)))
    assert (problem.row, problem.column) == (2, "years")
    assert "neither years nor band" in problem.message


def test_duplicate_id_names_the_other_row(tmp_path: Path) -> None:
    rows = _good_rows()
    rows[2][0] = "M1"
    problem = _only(_problems(tmp_path, _csv(rows)))
    assert (problem.row, problem.column) == (4, "id")
    assert "duplicate id 'M1'" in problem.message and "row 2" in problem.message


@pytest.mark.parametrize(
    ("years", "band"),
    [("0", "Ny"), ("1.99", "Ny"), ("2", "Van"), ("3", "Van"), ("5", "Van"), ("5.01", "Erfaren"), ("30", "Erfaren")],
)
def test_band_rule_boundaries(tmp_path: Path, years: str, band: str) -> None:
    rows = _good_rows()
    rows[0][HEADER.index("years")] = years
    people = load_people(_write(tmp_path, "derived.csv", _csv(rows)))
    assert people["band"].iloc[0] == band
    rows[0][HEADER.index("band")] = band
    agreeing = load_people(_write(tmp_path, "agreeing.csv", _csv(rows)))
    assert agreeing["band"].iloc[0] == band
    for other in {"Ny", "Van", "Erfaren"} - {band}:
        rows[0][HEADER.index("band")] = other
        problem = _only(_problems(tmp_path, _csv(rows), "disagreeing.csv"))
        assert (problem.row, problem.column) == (2, "band")
        assert f"which is {band}" in problem.message
        assert BAND_RULE_TEXT in problem.message


@pytest.mark.parametrize("missing", ["id", "role", "administration", "gender"])
def test_missing_required_column(tmp_path: Path, missing: str) -> None:
    at = HEADER.index(missing)
    rows = [r[:at] + r[at + 1 :] for r in _good_rows()]
    header = HEADER[:at] + HEADER[at + 1 :]
    problems = _problems(tmp_path, _csv(rows, header=header))
    problem = _only(problems)
    assert (problem.row, problem.column) == (1, missing)
    assert f"missing column '{missing}'" in problem.message


def test_missing_years_and_band_columns(tmp_path: Path) -> None:
    keep = [i for i, h in enumerate(HEADER) if h not in ("years", "band")]
    rows = [[r[i] for i in keep] for r in _good_rows()]
    problem = _only(_problems(tmp_path, _csv(rows, header=[HEADER[i] for i in keep])))
    assert problem.row == 1 and "år_i_yrket" in problem.message and "erfarenhet" in problem.message


def test_missing_applied_to_column_with_trainees(tmp_path: Path) -> None:
    rows = [r[:-1] for r in _good_rows()]
    problem = _only(_problems(tmp_path, _csv(rows, header=HEADER[:-1])))
    assert (problem.row, problem.column) == (1, "applied_to")


def test_same_header_twice(tmp_path: Path) -> None:
    rows = [[*r, "kvinna"] for r in _good_rows()]
    problem = _only(_problems(tmp_path, _csv(rows, header=[*HEADER, "kön"])))
    assert (problem.row, problem.column) == (1, "kön")
    assert "repeats column 'gender'" in problem.message


def test_empty_table(tmp_path: Path) -> None:
    problem = _only(_problems(tmp_path, _csv([])))
    assert "no people" in problem.message


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    rows = _good_rows()
    rows[0][HEADER.index("gender")] = "kvina"
    rows[1][HEADER.index("administration")] = "Angered"
    rows[1][HEADER.index("capacity")] = "x"
    rows[2][0] = "M1"
    rows[3][HEADER.index("years")] = "abc"
    problems = _problems(tmp_path, _csv(rows))
    located = {(p.row, p.column) for p in problems}
    assert located == {(2, "gender"), (3, "administration"), (3, "capacity"), (4, "id"), (5, "years")}


def test_problem_column_is_header_as_written(tmp_path: Path) -> None:
    text = _csv(
        _good_rows(),
        header=["ID", "Roll", "Förvaltning", "KÖN", "År i yrket", "band", "kapacitet", "Samma kön", "sokt_till"],
    )
    text = text.replace("Sydväst", "Söder")
    problem = _only(_problems(tmp_path, text))
    assert (problem.row, problem.column) == (5, "Förvaltning")


def test_many_problems_are_capped(tmp_path: Path) -> None:
    rows = [[f"A{i}", "adept", "Nowhere", "man", "1", "", "", "", ""] for i in range(120)]
    problems = _problems(tmp_path, _csv(rows))
    assert len(problems) == 51
    assert any("... and 70 more problems" in p.message for p in problems)


# ----------------------------------------------------------------------------- file problems


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_people(tmp_path / "nope.csv")
    assert "file not found" in _only(caught.value.problems).message


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in _only(_problems(tmp_path, "")).message


def test_blank_file_has_no_header(tmp_path: Path) -> None:
    assert "empty" in _only(_problems(tmp_path, "\n\n  \n")).message


def test_unsupported_extension(tmp_path: Path) -> None:
    message = _only(_problems(tmp_path, _csv(_good_rows()), "people.ods")).message
    assert ".csv" in message and ".xlsx" in message and ".json" in message


def test_ragged_rows(tmp_path: Path) -> None:
    lines = _csv(_good_rows()).splitlines()
    lines[2] += ",surplus"
    lines[4] += ",one,two"
    problems = _problems(tmp_path, "\n".join(lines) + "\n")
    assert [p.row for p in problems] == [3, 5]
    assert "has 10 cells but the header has 9" in problems[0].message


def test_unclosed_quote(tmp_path: Path) -> None:
    lines = _csv(_good_rows()).splitlines()
    lines[3] = lines[3].replace("S1", '"S1')
    problem = _only(_problems(tmp_path, "\n".join(lines) + "\n"))
    assert problem.row == 4 and "never closed" in problem.message


def test_corrupt_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "people.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(InputError) as caught:
        load_people(path)
    assert "Excel workbook" in _only(caught.value.problems).message


def test_invalid_json(tmp_path: Path) -> None:
    problem = _only(_problems(tmp_path, '[{"id": "M1",\n "role": }]', "people.json"))
    assert problem.row == 2 and "not valid JSON" in problem.message


def test_json_record_not_an_object(tmp_path: Path) -> None:
    problem = _only(_problems(tmp_path, '[{"id": "M1"}, 7]', "people.json"))
    assert problem.row == 2 and "not an object" in problem.message


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(_csv(_good_rows()).encode("utf-8").replace(b"Nordost", b"Nord\x81\xc3ost"))
    with pytest.raises(InputError) as caught:
        load_people(path)
    problem = _only(caught.value.problems)
    assert problem.row == 2 and "Windows-1252" in problem.message
