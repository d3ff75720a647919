"""matching.xlsx: in the run's language, from the catalogue, with the programme's role words and no
code names or optimisation jargon; numbers as numbers, text never a formula; names on the pairs
sheet when the people file has them."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from matcher import Scenario, solve
from matcher.engine import Result
from matcher.i18n import Lang
from matcher.output.run import coordinator_pairs, write_result
from matcher.output.workbook import write_workbook
from matcher.run_record import record_of

REPO = Path(__file__).resolve().parents[1]
#: Words a coordinator must not meet in her workbook (the code's names and the solver's terms).
JARGON = re.compile(r"giver|taker|objective|bound|\bgap\b|kpi|_id\b|_name\b|_|Målfunktion", re.I)


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    return {name: solve(Scenario.from_yaml(REPO / "scenarios" / name / "scenario.yaml"))
            for name in ("cohort", "trainee")}


def _book(result: Result, path: Path, lang: Lang) -> openpyxl.Workbook:
    missing = write_workbook(path, record_of(result), coordinator_pairs(result), result.unmatched, lang=lang)
    assert missing == [], f"catalogue keys missing: {missing}"
    return openpyxl.load_workbook(path)


def _texts(book: openpyxl.Workbook) -> list[str]:
    return [*book.sheetnames, *(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
                                if isinstance(c.value, str))]


@pytest.mark.parametrize(("lang", "sheets"), [
    ("en", ["Pairs", "Unmatched", "Summary", "Key figures"]),
    ("sv", ["Par", "Ej matchade", "Sammanfattning", "Nyckeltal"]),
])
def test_sheets_and_headers_are_in_the_runs_language(results: dict[str, Result], tmp_path: Path, lang: Lang,
                                                     sheets: list[str]) -> None:
    book = _book(results["cohort"], tmp_path / "m.xlsx", lang)
    assert book.sheetnames == sheets
    pairs = book[sheets[0]]
    expected = {"en": ["Mentor", "The mentor's name", "Adept", "The adept's name", "Score", "Why this pair"],
                "sv": ["Mentor", "Mentorns namn", "Adept", "Adeptens namn", "Poäng", "Varför detta par"]}[lang]
    assert [c.value for c in pairs[1]] == expected
    assert all(c.font.bold for c in pairs[1]) and pairs.freeze_panes == "A2"
    leaked = [t for t in _texts(book) if JARGON.search(t) and "->" not in t]  # pair reasons are the rules' words
    assert not leaked, leaked


def test_the_trainee_workbook_says_supervisor_and_trainee(results: dict[str, Result], tmp_path: Path) -> None:
    for lang, words in (("en", ["Supervisor", "The supervisor's name", "Trainee", "The trainee's name"]),
                        ("sv", ["Handledare", "Handledarens namn", "Trainee", "Traineens namn"])):
        book = _book(results["trainee"], tmp_path / f"{lang}.xlsx", lang)  # type: ignore[arg-type]
        assert [c.value for c in book.worksheets[0][1]][:4] == words
        kpis = book.worksheets[3]
        labels = [row[0].value for row in kpis.iter_rows()]
        assert ("Traineer" if lang == "sv" else "Trainees") in labels
        # the workbook's own words (rule titles and pair reasons are the rules' words, converted elsewhere)
        labels_a = [str(row[0].value) for ws in book.worksheets[2:] for row in ws.iter_rows() if row[0].value]
        rules_at = labels_a.index("Regler" if lang == "sv" else "Rules")
        kpis_at = labels_a.index("Traineer" if lang == "sv" else "Trainees")
        own = [*book.sheetnames, *(c.value for ws in book.worksheets[:2] for c in ws[1]),
               *labels_a[:rules_at + 2], *labels_a[kpis_at - 2:]]
        assert not [t for t in own if re.search(r"mentor|adept", str(t), re.I)]


def test_numbers_stay_numbers_and_rates_are_percentages(results: dict[str, Result], tmp_path: Path) -> None:
    result = results["cohort"]
    book = _book(result, tmp_path / "m.xlsx", "en")
    pairs = book["Pairs"]
    assert pairs["E2"].data_type == "n" and pairs["E2"].value == int(result.pairs["score"].iat[0])
    assert pairs["A2"].value == result.pairs["mentor_id"].iat[0]
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows() if row[0].value}
    assert summary["Result"] == "best possible (proven)"
    assert summary["Score of the matching (last priority level)"] == result.objective
    assert summary["Highest possible score (proven)"] == result.objective
    kpis = book["Key figures"]
    rows = {row[0].value: row[1] for row in kpis.iter_rows() if row[0].value}
    matched = rows["Adepts matched with a mentor"].value
    assert matched == 10 and isinstance(matched, int)
    assert rows["Share of adepts matched with a mentor"].number_format == "0.0%"
    labels = [row[0].value for row in kpis.iter_rows()]
    at = labels.index("By administration") + 1
    assert [c.value for c in kpis[at + 1]][:3] == ["Administration", "Adepts", "Matched"]


def test_each_rule_part_is_a_row_with_its_verdict_in_words(results: dict[str, Result], tmp_path: Path) -> None:
    book = _book(results["cohort"], tmp_path / "m.xlsx", "sv")
    rows = [[c.value for c in row] for row in book["Sammanfattning"].iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[:3] == ["Regel", "Slag", "Uppfylld"])
    rules = {r[0]: r for r in rows[header + 1:] if r[0]}
    # the rule's title in the workbook's language, never its code name
    from matcher.i18n import say

    assert rules[say("rule.band.title", "sv")][1:3] == ["krav", "ja"]
    assert rules[say("rule.topics.title", "sv")][1:3] == ["önskemål", "ja"]
    assert "pair_scores" not in rules and say("rule.pair_scores.title", "sv") in rules


def test_a_level_without_a_proven_bound_says_not_proven(results: dict[str, Result], tmp_path: Path) -> None:
    result = results["cohort"]
    saved = dict(result.bounds)
    try:
        result.bounds = {}
        book = _book(result, tmp_path / "m.xlsx", "en")
    finally:
        result.bounds = saved
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows() if row[0].value}
    assert summary["Highest possible score (proven)"] == "not proven"
    assert summary["At most this far below the best possible"] == "not proven"


def test_text_is_never_a_formula(results: dict[str, Result], tmp_path: Path) -> None:
    result = results["cohort"]
    pairs = coordinator_pairs(result).copy()
    pairs.loc[0, "mentor_name"] = '=HYPERLINK("http://x","click")'
    write_workbook(tmp_path / "m.xlsx", record_of(result), pairs, result.unmatched)
    cell = openpyxl.load_workbook(tmp_path / "m.xlsx")["Pairs"]["B2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","click")'


def test_empty_tables_give_header_rows_only(results: dict[str, Result], tmp_path: Path) -> None:
    result = results["cohort"]
    write_workbook(tmp_path / "m.xlsx", record_of(result),
                   pd.DataFrame(columns=["mentor_id", "adept_id", "score", "reasons"]),
                   pd.DataFrame(columns=["id", "role", "reason"]))
    book = openpyxl.load_workbook(tmp_path / "m.xlsx")
    assert book["Pairs"].max_row == 1 and book["Unmatched"].max_row == 1


def test_without_names_in_the_people_file_there_are_no_name_columns(tmp_path: Path) -> None:
    result = solve(Scenario.from_people([
        {"id": "M1", "role": "mentor", "administration": "Centrum", "gender": "woman", "years": 12},
        {"id": "A1", "role": "adept", "administration": "Nordost", "gender": "man", "years": 1},
    ]))
    write_result(result, tmp_path / "out", lang="sv")
    assert (tmp_path / "out" / "pairs.csv").read_text(encoding="utf-8").splitlines()[0] == \
        "mentor_id,adept_id,score,reasons"
    book = openpyxl.load_workbook(tmp_path / "out" / "matching.xlsx")
    assert [c.value for c in book["Par"][1]] == ["Mentor", "Adept", "Poäng", "Varför detta par"]
    assert [c.value for c in book["Ej matchade"][1]] == ["Id", "Roll", "Varför"]
