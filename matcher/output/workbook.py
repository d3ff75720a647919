"""matching.xlsx: the pairs, the unmatched, a repair's changes, the summary and the key figures.

It exists because a Swedish Excel opens a comma-separated CSV as one column. It is written in
the run's language: sheet names, headers and the words in its cells come from the catalogue
(`workbook.` area), with the programme's role words (mentor/adept, supervisor/trainee), never
the code's names for things. Numbers are stored as numbers; text is stored as text, never as
a formula.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from matcher.i18n import Lang, Words
from matcher.run_record import RunRecord, json_safe

__all__ = ["write_workbook"]

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=12)
_PERCENT_KEYS = {"rate", "match_rate", "cross_administration_share", "gap"}

#: A frame column -> its catalogue key (both programmes' spellings).
_COLUMN_KEYS = {
    "mentor_id": "workbook.col.giver_id", "supervisor_id": "workbook.col.giver_id",
    "adept_id": "workbook.col.taker_id", "trainee_id": "workbook.col.taker_id",
    "mentor_name": "workbook.col.giver_name", "supervisor_name": "workbook.col.giver_name",
    "adept_name": "workbook.col.taker_name", "trainee_name": "workbook.col.taker_name",
    "previous_mentor_id": "workbook.col.previous_giver_id", "previous_supervisor_id": "workbook.col.previous_giver_id",
    "score": "workbook.col.score", "reasons": "workbook.col.reasons", "id": "workbook.col.id",
    "role": "workbook.col.role", "reason": "workbook.col.reason", "change": "workbook.col.change",
}
_KPI_TABLES = ("by_administration", "by_gender", "by_band", "matched_by_group", "pairs_by_administration",
               "pairs_by_band", "placed_by_administration_gender")
_SUMMARY_ROWS = ("scenario", "scenario_file", "program", "status", "solver", "objective", "best_bound", "gap",
                 "solve_seconds", "build_seconds", "generated_at", "tool_version")


class _Words:
    """The catalogue's words for this workbook; a key it lacks falls back to the raw name (and is noted)."""

    def __init__(self, lang: Lang, program: str) -> None:
        self.w = Words(lang, program)
        self.missing: list[str] = []

    def __call__(self, key: str, fallback: str) -> str:
        if self.w.has(key):
            return self.w(key)
        self.missing.append(key)
        return fallback

    def rule(self, name: str) -> str:
        """A rule's title: the catalogue's (`rule.<name>.title`) once the rule's words are there, else
        the rule's own English title; the code name only for a rule no one knows."""
        if self.w.has(f"rule.{name}.title"):
            return self.w(f"rule.{name}.title")
        from constraints import REGISTRY

        known = REGISTRY.get(name)
        return str(known.title) if known is not None else name

    def value(self, column: str, value: Any) -> Any:
        """Words for the codes a cell may hold: roles, genders, kinds of change."""
        if not isinstance(value, str):
            return value
        if column == "role" and self.w.has(f"role.{value}.one"):
            return self.w(f"role.{value}.one")
        if column == "gender" and self.w.has(f"gender.{value}"):
            return self.w(f"gender.{value}")
        if column == "change" and self.w.has(f"workbook.change.{value}"):
            return self.w(f"workbook.change.{value}")
        return value


def _cell_value(value: Any) -> Any:
    """A value openpyxl stores natively: numbers stay numbers, missing becomes an empty cell."""
    if value is None:
        return None
    if hasattr(value, "item") and callable(value.item) and not isinstance(value, str | bytes):
        with contextlib.suppress(TypeError, ValueError):
            value = value.item()
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(json_safe(value), ensure_ascii=False, default=str)
    with contextlib.suppress(TypeError, ValueError):
        if pd.isna(value):
            return None
    return str(value)


def _put(ws: Worksheet, row: int, column: int, value: Any, *, key: str = "", bold: bool = False) -> None:
    cell = ws.cell(row=row, column=column)
    stored = _cell_value(value)
    cell.value = stored
    if isinstance(stored, str) and stored.startswith("="):
        cell.data_type = "s"  # text from the input, never a formula
    if bold:
        cell.font = _BOLD
    if key in _PERCENT_KEYS and isinstance(stored, float | int) and not isinstance(stored, bool):
        cell.number_format = "0.0%"


def _write_table(ws: Worksheet, start_row: int, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                 keys: Sequence[str] = ()) -> int:
    """A bold header row and the data rows below; returns the next free row. `keys`: each column's
    name in the data (for number formats)."""
    for ci, name in enumerate(headers, start=1):
        _put(ws, start_row, ci, name, bold=True)
    row_number = start_row
    for row_number, values in enumerate(rows, start=start_row + 1):
        for ci, value in enumerate(values, start=1):
            _put(ws, row_number, ci, value, key=keys[ci - 1] if ci <= len(keys) else "")
    return row_number + 1


def _frame_sheet(ws: Worksheet, frame: pd.DataFrame, words: _Words) -> None:
    columns = [str(c) for c in frame.columns]
    headers = [words(_COLUMN_KEYS.get(c, f"workbook.col.{c}"), c) for c in columns]
    rows = ([words.value(c, v) for c, v in zip(columns, values, strict=True)]
            for values in frame.itertuples(index=False, name=None))
    _write_table(ws, 1, headers, rows, columns)
    ws.freeze_panes = "A2"


def _records_table(ws: Worksheet, start_row: int, records: Sequence[Mapping[str, Any]], words: _Words) -> int:
    columns: list[str] = []
    for record in records:
        columns.extend(str(k) for k in record if str(k) not in columns)
    headers = [words(f"workbook.kpi.col.{c}", c) for c in columns]
    rows = ([words.value(c, record.get(c)) for c in columns] for record in records)
    return _write_table(ws, start_row, headers, rows, columns)


def _fit_columns(ws: Worksheet, *, max_width: int = 70, wrap_beyond: int = 70) -> None:
    """Column widths from the longest text in each column, within sensible limits."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            value = cell.value
            text = f"{value:.4g}" if isinstance(value, float) else str(value)
            widths[cell.column] = max(widths.get(cell.column, 0), len(text))
            if len(text) > wrap_beyond:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), max_width)


def _summary_sheet(ws: Worksheet, record: RunRecord, words: _Words) -> None:
    _put(ws, 1, 1, words("workbook.summary.what", "what"), bold=True)
    _put(ws, 1, 2, words("workbook.summary.value", "value"), bold=True)
    not_proven = words("workbook.summary.not_proven", "not proven")
    shown: dict[str, Any] = {
        "scenario": record.scenario,
        "scenario_file": record.scenario_file,
        "program": words(f"workbook.program.{record.program}", record.program),
        "status": words(f"workbook.status.{record.status}", record.status),
        "solver": record.solver,
        "objective": record.objective,
        "best_bound": record.best_bound if record.best_bound is not None else not_proven,
        "gap": record.gap if record.gap is not None else not_proven,
        "solve_seconds": record.solve_seconds,
        "build_seconds": record.build_seconds,
        "generated_at": record.generated_at,
        "tool_version": record.tool_version,
    }
    row = 2
    for key in _SUMMARY_ROWS:
        _put(ws, row, 1, words(f"workbook.summary.{key}", key))
        _put(ws, row, 2, shown[key], key=key)
        row += 1
    if record.inputs.cohort:
        _put(ws, row, 1, words("workbook.summary.cohort", "cohort"))
        _put(ws, row, 2, record.inputs.cohort)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value=words("workbook.levels", "levels")).font = _TITLE
    level_keys = ("priority", "value", "bound", "terms")
    row = _write_table(
        ws, row + 1, [words(f"workbook.levels.{k}", k) for k in level_keys],
        ([lv.priority, lv.value, lv.bound if lv.bound is not None else not_proven, [words.rule(t) for t in lv.terms]]
         for lv in record.objectives),
        level_keys,
    )
    row += 1
    ws.cell(row=row, column=1, value=words("workbook.rules", "rules")).font = _TITLE
    rule_keys = ("name", "kind", "holds", "priority", "weight", "detail")
    yes, no = words("workbook.yes", "yes"), words("workbook.no", "no")
    rows = [
        [words.rule(rule.name), words(f"workbook.kind.{part.kind}", part.kind), yes if part.holds else no,
         rule.priority, rule.weight, words.w.msg(part.detail.msg())]
        for rule in record.constraints for part in rule.parts
    ]
    _write_table(ws, row + 1, [words(f"workbook.rules.{k}", k) for k in rule_keys], rows, rule_keys)
    ws.freeze_panes = "A2"


def _kpis_sheet(ws: Worksheet, kpis: Mapping[str, Any], words: _Words) -> None:
    _put(ws, 1, 1, words("workbook.kpi.what", "key figure"), bold=True)
    _put(ws, 1, 2, words("workbook.summary.value", "value"), bold=True)
    row = 2
    for key, value in kpis.items():
        if not isinstance(value, Mapping | list):
            _put(ws, row, 1, words(f"workbook.kpi.{key}", key))
            _put(ws, row, 2, value, key=str(key))
            row += 1
    tables = [*_KPI_TABLES, *(k for k, v in kpis.items() if isinstance(v, list) and k not in _KPI_TABLES)]
    for name in tables:
        given = kpis.get(name)
        records = [r for r in given if isinstance(r, Mapping)] if isinstance(given, list) else []
        row += 1
        ws.cell(row=row, column=1, value=words(f"workbook.kpi.{name}", name)).font = _TITLE
        row = _records_table(ws, row + 1, records, words) if records else row + 1
    ws.freeze_panes = "A2"


def write_workbook(
    path: Path,
    record: RunRecord,
    pairs: pd.DataFrame,
    unmatched: pd.DataFrame,
    *,
    lang: Lang = "en",
    extra_sheets: Mapping[str, pd.DataFrame] | None = None,
) -> list[str]:
    """matching.xlsx: pairs (with names when the people file has them), unmatched, any `extra_sheets`
    (by catalogue name: "changes"), summary and key figures. Returns the catalogue keys it lacked
    (shown under their raw names; the tests require none)."""
    words = _Words(lang, record.program)
    workbook = Workbook()
    pairs_ws = workbook.active
    assert pairs_ws is not None
    pairs_ws.title = words("workbook.sheet.pairs", "pairs")
    _frame_sheet(pairs_ws, pairs, words)
    sheets = [pairs_ws]
    for name, frame in {"unmatched": unmatched, **(extra_sheets or {})}.items():
        sheet = workbook.create_sheet(words(f"workbook.sheet.{name}", name))
        _frame_sheet(sheet, frame, words)
        sheets.append(sheet)
    summary_ws = workbook.create_sheet(words("workbook.sheet.summary", "summary"))
    _summary_sheet(summary_ws, record, words)
    kpis_ws = workbook.create_sheet(words("workbook.sheet.kpis", "kpis"))
    _kpis_sheet(kpis_ws, record.to_json()["kpis"], words)
    for ws in (*sheets, summary_ws, kpis_ws):
        _fit_columns(ws)
    workbook.save(Path(path))
    return sorted(set(words.missing))
