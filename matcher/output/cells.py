"""Every CSV the tool writes, and reading our own CSVs back.

Formula injection: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
is a formula (or a DDE command) to Excel when the coordinator opens the CSV, and the ids,
units and reasons come from files other people fill in. As OWASP recommends, such a cell is
written with a single quote in front (`'=HYPERLINK(...)`), which Excel shows as text. Numbers
stay numbers: a number column is never touched, and neither is a text cell that is a plain
number ("-12", "+3.5"): Excel reads those as numbers, not formulas. Headers get the same
treatment. Reading our own CSVs back (`read_csv_back`, `restore`) removes that one quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

#: What makes a cell a formula to a spreadsheet (OWASP's list).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
# A trigger first, or quotes and then a trigger (so a value that really starts with "'=" comes back).
_QUOTED = re.compile(r"'*[=+\-@\t\r]")


def neutral(text: str) -> str:
    """`text` as a cell a spreadsheet will not run: a quote in front of a would-be formula."""
    if _QUOTED.match(text) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The cell as it was before `neutral`: one leading quote removed where `neutral` added one."""
    if text[:1] == "'" and neutral(text[1:]) == text:
        return text[1:]
    return text


def _cell(value: Any) -> Any:
    return neutral(value) if isinstance(value, str) else value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and header) made safe; number columns as they are."""
    safe = frame.copy()
    for column in safe.columns:
        series = safe[column]
        if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype):
            continue
        safe[column] = series.astype(object).map(_cell)
    safe.columns = [_cell(c) for c in safe.columns]
    return safe


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A table read from one of our CSVs, with the quotes `neutralise` added taken off again."""
    restored = frame.copy()
    for column in restored.columns:
        if not pd.api.types.is_numeric_dtype(restored[column].dtype):
            restored[column] = restored[column].map(lambda v: restore(v) if isinstance(v, str) else v)
    restored.columns = [restore(c) if isinstance(c, str) else c for c in restored.columns]
    return restored


def _one_kind_of_line_break(value: Any) -> Any:
    """A line break inside a cell as '\n' only: Python's csv writer quotes a cell holding '\n' but
    not one holding a bare '\r', which every reader then takes for the end of the row."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def csv_text(frame: pd.DataFrame, *, sep: str = ",", lineterminator: str = "\n") -> str:
    """The table as CSV text (no index), its text cells made safe."""
    unified = frame.copy()
    for column in unified.columns:
        if not pd.api.types.is_numeric_dtype(unified[column].dtype):
            unified[column] = unified[column].astype(object).map(_one_kind_of_line_break)
    text: str = neutralise(unified).to_csv(index=False, sep=sep, lineterminator=lineterminator)
    return text


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """A CSV as every output CSV is written: UTF-8, comma, '\\n', no index, text cells made safe."""
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        handle.write(csv_text(frame))


def csv_writer(frame: pd.DataFrame) -> Callable[[Path], None]:
    """`write_csv` for one table, as a file writer for `write_bundle`."""
    return lambda path: write_csv(frame, path)


def text_writer(text: str) -> Callable[[Path], None]:
    """A text file (UTF-8, line ends as given), as a file writer for `write_bundle`."""
    def write(path: Path) -> None:
        with Path(path).open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    return write


def read_csv_back(path: Path) -> pd.DataFrame:
    """One of our own output CSVs (pairs.csv, unmatched.csv, ...), every cell text, as it was written.

    InputError (exit 2) when it is missing or cannot be read as a CSV.
    """
    from matcher.errors import InputError

    path = Path(path)
    if not path.is_file():
        raise InputError.single(str(path), None, None, "not found: give the folder `matcher run --out` wrote")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError.single(str(path), None, None, f"cannot read it as a CSV ({exc})") from None
    return restore_frame(table)
