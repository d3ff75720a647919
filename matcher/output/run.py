"""The output folder of `matcher run` and `matcher repair`: from a Result to its files.

pairs.csv and matching.xlsx are the coordinator's own pair list: when the people file has a
`name`/`namn` column they carry each side's name beside the id (`mentor_name`, `adept_name`;
`supervisor_name`, `trainee_name`). Nothing else does: not summary.json, not report.html,
not unmatched.csv or changes.csv, not the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from matcher.i18n import Lang
from matcher.output.cells import csv_writer, text_writer
from matcher.output.folder import FileWriter, write_bundle
from matcher.run_record import SUMMARY_FILE, RunRecord, record_of

if TYPE_CHECKING:
    from matcher.engine import Result

#: The files `matcher run` writes, in the order they are written.
OUTPUT_FILES: tuple[str, ...] = ("pairs.csv", "unmatched.csv", SUMMARY_FILE, "report.html", "matching.xlsx")

_ID_COLUMNS = {"mentorship": ("mentor_id", "adept_id"), "trainee": ("supervisor_id", "trainee_id")}


def output_pairs(result: Result) -> pd.DataFrame:
    """The pairs with the programme's column names (supervisor_id,trainee_id for trainees); no names."""
    if result.scenario.program == "trainee":
        return result.pairs.rename(columns={"mentor_id": "supervisor_id", "adept_id": "trainee_id"})
    return result.pairs


def with_names(pairs: pd.DataFrame, people: pd.DataFrame, program: str) -> pd.DataFrame:
    """The coordinator's pair list: each side's name right after its id, when the people file has names.

    `pairs` has the programme's id columns (`output_pairs`); `people` is the validated people table.
    """
    if "name" not in people.columns:
        return pairs
    names = {str(pid): str(name).strip() for pid, name in zip(people["id"], people["name"], strict=True)
             if isinstance(name, str) and name.strip()}
    if not names:
        return pairs
    named = pairs.copy()
    for id_column in reversed(_ID_COLUMNS[program]):
        position = named.columns.get_loc(id_column)
        assert isinstance(position, int)
        column = id_column.removesuffix("_id") + "_name"
        named.insert(position + 1, column, [names.get(str(pid), "") for pid in named[id_column]])
    return named


def coordinator_pairs(result: Result) -> pd.DataFrame:
    """pairs.csv's table: the programme's columns, and the names when the people file has them."""
    return with_names(output_pairs(result), result.scenario.people, result.scenario.program)


def run_writers(
    record: RunRecord,
    pairs: pd.DataFrame,
    unmatched: pd.DataFrame,
    report_html: str,
    *,
    lang: Lang = "en",
    extra_tables: Mapping[str, pd.DataFrame] | None = None,
) -> dict[str, FileWriter]:
    """The files of a run as writers for `write_bundle`: the five, and `<name>.csv` (and a workbook
    sheet) per extra table (a repair's `changes`)."""
    from matcher.output.workbook import write_workbook

    extra = dict(extra_tables or {})
    writers: dict[str, FileWriter] = {
        "pairs.csv": csv_writer(pairs),
        "unmatched.csv": csv_writer(unmatched),
        SUMMARY_FILE: text_writer(record.to_text()),
        "report.html": text_writer(report_html),
        "matching.xlsx": lambda path: write_workbook(path, record, pairs, unmatched, lang=lang, extra_sheets=extra),
    }
    writers.update({f"{name}.csv": csv_writer(table) for name, table in extra.items()})
    return writers


def write_run(
    result: Result,
    out_dir: Path,
    *,
    lang: Lang = "en",
    record: RunRecord | None = None,
    extra_tables: Mapping[str, pd.DataFrame] | None = None,
    protected: Iterable[Path] = (),
) -> list[Path]:
    """Write a run's folder, whole or not at all, never over an input file (the scenario's files
    and `protected`). `record`: the run's record when the caller adds to it (a repair)."""
    from matcher.report import render_report

    result = result.in_language(lang)  # pair and unmatched reasons in the language asked for
    record = record if record is not None else record_of(result)
    report_pairs = output_pairs(result)  # the report shows ids, never names
    html = render_report(record.to_json(), report_pairs, result.unmatched, lang=lang)
    writers = run_writers(record, coordinator_pairs(result), result.unmatched, html, lang=lang,
                          extra_tables=extra_tables)
    inputs = [*result.scenario.files.values(), *(Path(p) for p in protected)]
    return write_bundle(Path(out_dir), writers, protected=inputs)


def write_result(result: Result, out_dir: Path, *, lang: Lang = "en") -> list[Path]:
    """Write every output of `matcher run`, whole or not at all, never over an input file."""
    return write_run(result, out_dir, lang=lang)
