"""Fuzzing the people reader: whatever a damaged file holds, the answer is a clean table or an InputError.

Random mutations of a valid people CSV (cells deleted, duplicated or replaced by random
text, rows dropped or repeated, random bytes, other encodings and separators) must never
raise anything but InputError, and every problem must print as FILE:ROW:COLUMN: message.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.domain import ADMINISTRATIONS, BANDS, GENDERS, ROLES, band_of_years
from matcher.errors import InputError
from matcher.io.people import PEOPLE_COLUMNS, load_people

PROBLEM_FORMAT = re.compile(r"^[^:\n]+:\d*:[^:\n]*: .+")

ENGLISH = [
    "id",
    "role",
    "administration",
    "gender",
    "years",
    "band",
    "capacity",
    "unit",
    "topics",
    "same_gender",
    "supervisor_trained",
    "applied_to",
    "name",
]
SWEDISH = [
    "id",
    "roll",
    "förvaltning",
    "kön",
    "år i yrket",
    "erfarenhet",
    "kapacitet",
    "enhet",
    "ämnen",
    "samma_kön",
    "handledarutbildning",
    "sökt_till",
    "namn",
]
ROWS = [
    ["M1", "mentor", "Nordost", "kvinna", "12", "", "2", "Enhet 1", "BBIC; LVU", "", "ja", "", "Åsa Öberg"],
    ["M2", "mentor", "Sydväst", "man", "6", "Erfaren", "1", "", "MI", "", "", "", "Örjan"],
    ["A1", "adept", "Centrum", "woman", "1,5", "Ny", "", "Enhet 2", "barnsamtal", "ja", "", "", "Märta"],
    ["A2", "adept", "Hisingen", "ej angivet", "", "Van", "", "", "", "nej", "", "", ""],
    ["S1", "handledare", "Hisingen", "non-binary", "9", "", "2", "Enhet 3", "", "", "yes", "", "Cy"],
    ["T1", "student", "Hisingen", "man", "0", "", "", "", "", "", "", "Hisingen/Enhet 3; Nordost", "Di"],
]
ODD_CELLS = [
    "",
    " ",
    "NA",
    "nan",
    "inf",
    "-1",
    "2,5",
    "1e9",
    "9" * 30,
    "ja",
    "kanske",
    "Sydvast",
    "SYDVÄST",
    '"',
    '""',
    ";",
    ",",
    "\n",
    "\r",
    "a\tb",
    ":",
    "Göteborg",
    "M1",
    "A1",
    "\x00",
    "\ufeff",
    "ä/ö",
    "/",
]

cell_text = st.one_of(st.sampled_from(ODD_CELLS), st.text(max_size=12))


def _cell(text: str, separator: str) -> str:
    if any(char in text for char in (separator, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def damaged_files(draw: st.DrawFn) -> bytes:
    header = list(draw(st.sampled_from([ENGLISH, SWEDISH])))
    table = [header] + [list(row) for row in ROWS]
    for _ in range(draw(st.integers(0, 6))):
        operation = draw(st.sampled_from(["delete", "duplicate", "replace", "replace", "drop_row", "repeat_row"]))
        row = table[draw(st.integers(0, len(table) - 1))]
        if operation == "drop_row" and len(table) > 1:
            table.remove(row)
            continue
        if operation == "repeat_row":
            table.append(list(row))
            continue
        if not row:
            continue
        column = draw(st.integers(0, len(row) - 1))
        if operation == "delete":
            del row[column]
        elif operation == "duplicate":
            row.insert(column, row[column])
        else:
            row[column] = draw(cell_text)
    separator = draw(st.sampled_from([",", ";", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    quoting = draw(st.booleans())  # quote cells as a spreadsheet would, or write them raw
    text = newline.join(separator.join(_cell(c, separator) if quoting else c for c in row) for row in table) + newline
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "cp1252", "utf-16", "latin-1"]))
    data = bytearray(text.encode(encoding, errors="replace"))
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.integers(0, len(data)))
        chunk = draw(st.binary(min_size=0, max_size=4))
        cut = draw(st.integers(0, 3))
        data[where : where + cut] = chunk
    return bytes(data)


def _check_table(people: pd.DataFrame) -> None:
    assert list(people.columns[: len(PEOPLE_COLUMNS)]) == list(PEOPLE_COLUMNS)
    assert len(people) > 0
    ids = people["id"].tolist()
    assert all(isinstance(i, str) and i for i in ids) and len(set(ids)) == len(ids)
    assert set(people["role"]) <= set(ROLES)
    assert set(people["administration"]) <= set(ADMINISTRATIONS)
    assert set(people["gender"]) <= set(GENDERS)
    assert set(people["band"]) <= set(BANDS)
    assert people["capacity"].dtype == np.int64 and (people["capacity"] >= 0).all()
    assert people["years"].dtype == np.float64
    for years, band in zip(people["years"], people["band"], strict=True):
        assert math.isnan(years) or (years >= 0 and band_of_years(years) == band)
    rows = people["source_row"].to_numpy()
    assert people["source_row"].dtype == np.int64 and (rows >= 1).all() and (np.diff(rows) > 0).all()
    assert people["same_gender"].dtype == bool and people["supervisor_trained"].dtype == bool
    for topics in people["topics"]:
        assert isinstance(topics, tuple) and all(isinstance(t, str) and t for t in topics)
    for choices in people["applied_to"]:
        assert isinstance(choices, tuple)
        assert all(choice.split("/", 1)[0] in ADMINISTRATIONS for choice in choices)
    trainees = people[people["role"] == "trainee"]
    assert all(len(choices) > 0 for choices in trainees["applied_to"])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=damaged_files())
def test_damaged_people_file(folder: Path, data: bytes) -> None:
    path = folder / "people.csv"
    path.write_bytes(data)
    try:
        people = load_people(path)
    except InputError as error:
        assert error.problems
        for problem in error.problems:
            assert PROBLEM_FORMAT.match(str(problem)), str(problem)
        return
    _check_table(people)


def test_unchanged_base_file_is_valid(folder: Path) -> None:
    for header in (ENGLISH, SWEDISH):
        path = folder / "base.csv"
        text = "\n".join(";".join(_cell(cell, ";") for cell in row) for row in [header, *ROWS]) + "\n"
        path.write_bytes(text.encode("cp1252"))
        people = load_people(path)
        _check_table(people)
        assert len(people) == len(ROWS)
