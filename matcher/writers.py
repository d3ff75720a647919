"""Writing a run's outputs: whole or not at all, and never over an input file.

`write_outputs` writes the five files of `matcher run` (pairs.csv, unmatched.csv,
summary.json, report.html, matching.xlsx) into a temporary directory next to the output
directory (same filesystem), fsyncs them, and only then moves each into place with
`os.replace`. If anything fails -- while writing or while moving -- the output directory is
left exactly as it was: files already moved are put back from hard-linked (or copied)
backups and the temporary directory is removed.

`write_xlsx` exists because a Swedish Excel opens a comma-separated CSV as one column:
the workbook carries the same pairs, unmatched and summary as sheets.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from matcher.errors import InputError

__all__ = [
    "OUTPUT_FILES", "FileWriter", "atomic_write_text", "run_writers", "write_bundle", "write_csv", "write_outputs",
    "write_xlsx",
]

#: Writes one output file at the path it is given.
FileWriter = Callable[[Path], object]

#: The files `matcher run` writes, in the order they are written.
OUTPUT_FILES: tuple[str, ...] = ("pairs.csv", "unmatched.csv", "summary.json", "report.html", "matching.xlsx")

_TEMP_PREFIX = ".matcher-out-"


# --------------------------------------------------------------------------------------------
# Small file helpers
# --------------------------------------------------------------------------------------------
def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    """Make renames in `path` durable; a no-op where directories cannot be opened (Windows)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically: a temp file in the same directory, then os.replace."""
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _json_safe(value: Any) -> Any:
    """Plain JSON values: numpy scalars to Python, NaN/inf to None, tuples to lists, Paths to str."""
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json_safe(v) for v in value]
    if hasattr(value, "item") and callable(value.item) and not isinstance(value, str | bytes):
        with contextlib.suppress(TypeError, ValueError):
            value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Path):
        return str(value)
    return value


def _summary_json(summary: Mapping[str, Any]) -> str:
    return json.dumps(_json_safe(summary), indent=2, ensure_ascii=False, allow_nan=False, default=str) + "\n"


#: A text cell starting with one of these is run as a formula by Excel and LibreOffice.
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def defuse_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading single quote (OWASP's
    advice against CSV injection: an id `=HYPERLINK(...)` is shown, not executed). Numbers stay
    numbers; the tool's own readers take the quote off again (`matcher.io.pairs.unguard`)."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype != object and not pd.api.types.is_string_dtype(values.dtype):
            continue
        text = values.astype(str)
        risky = values.notna() & values.map(lambda v: isinstance(v, str)) & text.str.startswith(FORMULA_TRIGGERS)
        if risky.any():
            out[column] = values.where(~risky, "'" + text)
    return out


def _one_kind_of_line_break(frame: pd.DataFrame) -> pd.DataFrame:
    """A line break inside a cell as '\n' only: Python's csv writer quotes a cell holding '\n' but
    not one holding a bare '\r', which every reader then takes for the end of the row."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
            has_cr = values.map(lambda v: isinstance(v, str) and "\r" in v)
            if has_cr.any():
                unified = values.astype(str).str.replace("\r\n", "\n").str.replace("\r", "\n")
                out[column] = values.where(~has_cr, unified)
    return out


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        defuse_formulas(_one_kind_of_line_break(frame)).to_csv(handle, index=False, lineterminator="\n")


# --------------------------------------------------------------------------------------------
# The five outputs, together
# --------------------------------------------------------------------------------------------
def _check_protected(out_dir: Path, protected: Iterable[Path], names: Sequence[str] = OUTPUT_FILES) -> None:
    """Refuse when an output would land on an input file (compared as resolved paths)."""
    inputs = {Path(p).resolve(): Path(p) for p in protected}
    if out_dir.exists() and not out_dir.is_dir():
        if out_dir.resolve() in inputs:
            raise InputError.single(
                str(out_dir), None, None,
                f"the output directory is the input file {inputs[out_dir.resolve()]}; "
                "choose another --out directory",
            )
        raise InputError.single(str(out_dir), None, None,
                                "the output path is a file, not a directory; choose another --out directory")
    for name in names:
        if (out_dir / name).is_dir():
            raise InputError.single(
                str(out_dir), None, None,
                f"{name} there is a directory; remove it or choose another --out directory",
            )
        target = (out_dir / name).resolve()
        if target in inputs:
            raise InputError.single(
                str(out_dir), None, None,
                f"writing {name} here would overwrite the input file {inputs[target]}; "
                "choose another --out directory",
            )


def _missing_dirs(path: Path) -> list[Path]:
    """`path` and its ancestors that do not exist yet, outermost first."""
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    return list(reversed(missing))


def _remove_empty_dirs(created: Sequence[Path]) -> None:
    for directory in reversed(created):
        with contextlib.suppress(OSError):
            directory.rmdir()


def _backup(target: Path, backup_dir: Path) -> Path | None:
    """A copy of an existing output, to put back on failure; None when there is none.

    A regular file is hard-linked (copied where links are not possible); a symlink is
    recreated as the same link, so that rolling back restores the link, not its target.
    """
    if not target.exists() and not target.is_symlink():
        return None
    backup_dir.mkdir(parents=True, exist_ok=True)
    backup = backup_dir / target.name
    if target.is_symlink():
        os.symlink(os.readlink(target), backup)
        return backup
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)
    return backup


def write_outputs(
    out_dir: Path,
    *,
    pairs: pd.DataFrame,
    unmatched: pd.DataFrame,
    summary: Mapping[str, Any],
    report_html: str,
    protected: Iterable[Path] = (),
) -> list[Path]:
    """Write pairs.csv, unmatched.csv, summary.json, report.html and matching.xlsx into `out_dir`.

    All or nothing: on any exception `out_dir` is left as it was (and not created if it did not
    exist). Raises InputError when an output would be one of the `protected` input files.
    Returns the written paths, in OUTPUT_FILES order.
    """
    return write_bundle(out_dir, run_writers(pairs, unmatched, summary, report_html), protected=protected)


def run_writers(
    pairs: pd.DataFrame,
    unmatched: pd.DataFrame,
    summary: Mapping[str, Any],
    report_html: str,
    extra_sheets: Mapping[str, pd.DataFrame] | None = None,
) -> dict[str, FileWriter]:
    """The five files of a run, as writers for `write_bundle` (commands that write more add theirs).

    `extra_sheets`: more tables for matching.xlsx after pairs and unmatched (e.g. a repair's changes).
    """
    return {
        "pairs.csv": lambda path: _write_csv(pairs, path),
        "unmatched.csv": lambda path: _write_csv(unmatched, path),
        "summary.json": lambda path: path.write_text(_summary_json(summary), encoding="utf-8", newline=""),
        "report.html": lambda path: path.write_text(report_html, encoding="utf-8", newline=""),
        "matching.xlsx": lambda path: write_xlsx(path, pairs, unmatched, summary, extra_sheets),
    }


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """A CSV as every output CSV is written (UTF-8, no index)."""
    _write_csv(frame, path)


def write_bundle(out_dir: Path, writers: Mapping[str, FileWriter], *, protected: Iterable[Path] = ()) -> list[Path]:
    """Write each `name -> writer(path)` into `out_dir`, all of them or none (see the module doc).

    Names may contain `/` (a sub-folder). Used by every command that writes several files.
    """
    out_dir = Path(out_dir)
    _check_protected(out_dir, protected, names=list(writers))
    real_out = out_dir.resolve()
    parent = real_out.parent

    created = _missing_dirs(real_out)
    staging: Path | None = None
    replaced: list[tuple[Path, Path | None]] = []  # (target, its backup; None when it did not exist)
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=parent))
        new_dir = staging / "new"
        backup_dir = staging / "old"
        new_dir.mkdir()
        for name, write in writers.items():
            (new_dir / name).parent.mkdir(parents=True, exist_ok=True)
            write(new_dir / name)
            _fsync_file(new_dir / name)

        real_out.mkdir(exist_ok=True)
        for name in writers:
            target = real_out / name
            created.extend(_missing_dirs(target.parent))
            target.parent.mkdir(parents=True, exist_ok=True)
            backup = _backup(target, (backup_dir / name).parent)
            os.replace(new_dir / name, target)
            replaced.append((target, backup))
        _fsync_dir(real_out)
    except BaseException:
        _roll_back(replaced)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        _remove_empty_dirs(created)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / name for name in writers]


def _roll_back(replaced: Sequence[tuple[Path, Path | None]]) -> None:
    """Undo the moves already made: restore backups, remove files that were not there before."""
    for target, backup in reversed(replaced):
        with contextlib.suppress(OSError):
            if backup is None:
                target.unlink()
            else:
                os.replace(backup, target)


# --------------------------------------------------------------------------------------------
# The workbook
# --------------------------------------------------------------------------------------------
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=12)
_PERCENT_KEYS = {"rate", "match_rate", "cross_administration_share", "gap"}


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
        return json.dumps(_json_safe(value), ensure_ascii=False, default=str)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
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


def _write_table(
    ws: Worksheet, start_row: int, columns: Sequence[str], rows: Iterable[Sequence[Any]],
) -> int:
    """A bold header row and the data rows below; returns the next free row."""
    for ci, name in enumerate(columns, start=1):
        _put(ws, start_row, ci, name, bold=True)
    row_number = start_row
    for row_number, values in enumerate(rows, start=start_row + 1):
        for ci, (name, value) in enumerate(zip(columns, values, strict=False), start=1):
            _put(ws, row_number, ci, value, key=str(name))
    return row_number + 1


def _records_table(ws: Worksheet, start_row: int, records: Sequence[Mapping[str, Any]]) -> int:
    columns: list[str] = []
    for record in records:
        columns.extend(str(k) for k in record if str(k) not in columns)
    return _write_table(ws, start_row, columns, ([record.get(c) for c in columns] for record in records))


def _frame_sheet(ws: Worksheet, frame: pd.DataFrame) -> None:
    columns = [str(c) for c in frame.columns]
    rows = (list(values) for values in frame.itertuples(index=False, name=None))
    _write_table(ws, 1, columns, rows)
    ws.freeze_panes = "A2"


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


def _rows(value: Any) -> list[Mapping[str, Any]]:
    return [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []


def _summary_sheet(ws: Worksheet, summary: Mapping[str, Any]) -> None:
    _put(ws, 1, 1, "key", bold=True)
    _put(ws, 1, 2, "value", bold=True)
    row = 2
    for key, value in summary.items():
        if isinstance(value, Mapping) and key == "roles":
            for sub_key, sub_value in value.items():
                _put(ws, row, 1, f"{key}.{sub_key}")
                _put(ws, row, 2, sub_value, key=str(sub_key))
                row += 1
        elif not isinstance(value, Mapping | list):
            _put(ws, row, 1, key)
            _put(ws, row, 2, value, key=str(key))
            row += 1
    objectives = _rows(summary.get("objectives"))
    row += 1
    ws.cell(row=row, column=1, value="objectives").font = _TITLE
    objective_columns = ["priority", "value", "bound", "terms"]
    objective_rows = ([o.get(c) for c in objective_columns] for o in objectives)
    row = _write_table(ws, row + 1, objective_columns, objective_rows)
    constraints = _rows(summary.get("constraints"))
    row += 1
    ws.cell(row=row, column=1, value="constraints").font = _TITLE
    if constraints:
        _records_table(ws, row + 1, constraints)
    else:
        _write_table(ws, row + 1, ["name", "hard", "priority", "weight", "holds", "detail"], [])
    ws.freeze_panes = "A2"


_KPI_TABLES = ("by_administration", "by_gender", "by_band",
               "matched_by_group", "pairs_by_administration", "pairs_by_band")


def _kpis_sheet(ws: Worksheet, kpis: Mapping[str, Any]) -> None:
    _put(ws, 1, 1, "kpi", bold=True)
    _put(ws, 1, 2, "value", bold=True)
    row = 2
    for key, value in kpis.items():
        if not isinstance(value, Mapping | list):
            _put(ws, row, 1, key)
            _put(ws, row, 2, value, key=str(key))
            row += 1
    tables = [*_KPI_TABLES, *(k for k, v in kpis.items() if isinstance(v, list) and k not in _KPI_TABLES)]
    for name in tables:
        records = _rows(kpis.get(name))
        row += 1
        ws.cell(row=row, column=1, value=name).font = _TITLE
        row = _records_table(ws, row + 1, records) if records else row + 1
    ws.freeze_panes = "A2"


def write_xlsx(
    path: Path,
    pairs: pd.DataFrame,
    unmatched: pd.DataFrame,
    summary: Mapping[str, Any],
    extra_sheets: Mapping[str, pd.DataFrame] | None = None,
) -> None:
    """matching.xlsx with sheets pairs, unmatched, any `extra_sheets`, summary and kpis; numbers
    stored as numbers."""
    workbook = Workbook()
    pairs_ws = workbook.active
    assert pairs_ws is not None
    pairs_ws.title = "pairs"
    _frame_sheet(pairs_ws, pairs)
    sheets = [pairs_ws]
    for title, frame in {"unmatched": unmatched, **(extra_sheets or {})}.items():
        sheet = workbook.create_sheet(title)
        _frame_sheet(sheet, frame)
        sheets.append(sheet)
    summary_ws = workbook.create_sheet("summary")
    _summary_sheet(summary_ws, summary)
    kpis = summary.get("kpis")
    kpis_ws = workbook.create_sheet("kpis")
    _kpis_sheet(kpis_ws, kpis if isinstance(kpis, Mapping) else {})
    for ws in (*sheets, summary_ws, kpis_ws):
        _fit_columns(ws)
    workbook.save(Path(path))
