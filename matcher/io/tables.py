"""Reading a raw table (CSV, Excel, JSON) from disk as a DataFrame of strings.

`read_table` knows nothing about people or pairs: it turns a file into a table of text
cells and says what is wrong with the *file* (missing, unreadable, not a table). What
is wrong with the *values* is for the validators in `people.py` and `pairs.py`, which
also use the helpers here (`ProblemCollector`, `text_column`, `source_rows`).

Row numbers are what a spreadsheet user sees: the header is row 1, the first data row
is row 2 (for CSV, a row is a record: a quoted cell spanning two lines is still one
row, as in Excel). In JSON there is no header: row N is the N-th record (record
index + 1). The returned table carries these numbers as its index, named
``source_row``; rows whose cells are all empty (blank lines, ";;;;" lines of an Excel
export) are dropped, so the numbers can have gaps.

Slightly over 500 lines: the file-level checks (size, kind, encoding, delimiter, sheet) and the
cell helpers every validator shares are one job, the reading of a table; JSON is apart
(`json_table.py`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
import stat
import warnings
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from matcher.domain import fold
from matcher.errors import InputError, InputProblem
from matcher.i18n import Msg
from matcher.output.cells import restore

#: Name of the index `read_table` puts on its tables: the row number in the file.
ROW_INDEX_NAME: Final = "source_row"
#: `DataFrame.attrs` key: the row of the header in the file (None for JSON).
HEADER_ROW_ATTR: Final = "header_row"
#: At most this many problems are listed; the rest are counted in one closing line.
MAX_LISTED_PROBLEMS: Final = 50

#: The sheet of a workbook that holds each kind of table, in English and Swedish (compared in any
#: case, with or without å/ä/ö); a workbook without such a sheet is read from its first sheet.
#: `pairs` is a pairs list, e.g. the tool's own matching.xlsx ("Pairs" / "Par").
SHEETS: Final[Mapping[str, tuple[str, ...]]] = {
    "people": ("people", "personer", "deltagare"),
    "pair_scores": ("scores", "pair_scores", "poäng"),
    "exclusions": ("exclusions", "undantag"),
    "locked": ("locked", "låsta"),
    "pairs": ("pairs", "par", "parlista"),
    "leavers": ("leavers", "slutar", "avslutade"),
    "joiners": ("joiners", "nya", "tillkommande"),
}

#: A table file (or a workbook unpacked) larger than this is refused before it is read: a people
#: file of 400,000 x 400,000 people is 24 MB as CSV, so this leaves room ten times over while
#: keeping a mistaken or hostile file (a disk image, a zip bomb) from filling the memory.
MAX_TABLE_BYTES: Final = 256_000_000

CSV_SUFFIXES: Final = (".csv", ".txt")
XLSX_SUFFIXES: Final = (".xlsx", ".xlsm")
JSON_SUFFIXES: Final = (".json",)
SUPPORTED_TEXT: Final = ".csv (or .txt), .xlsx, .xlsm and .json"

_MAX_SHOWN_VALUE: Final = 40
_LEADING_BLANK_LINES: Final = re.compile(r"(?:[ \t]*(?:\r\n|\n|\r))*")
_LINE_BREAK: Final = re.compile(r"\r\n|\n|\r")
_SKIPPED_LINE: Final = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")
_EOF_IN_STRING: Final = re.compile(r"EOF inside string starting at row (\d+)")
_DELIMITERS: Final = (";", ",", "\t")
_GUARDED: Final = re.compile(r"(?:^|[,;\t\"\r\n])'+[=+\-@\t\r]")

ObjectArray = npt.NDArray[np.object_]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


# ----------------------------------------------------------------------------- problems


def one_line(text: str) -> str:
    """Collapse whitespace (newlines included) so a message or header fits on one line."""
    return " ".join(text.split())


def display_header(header: object) -> str:
    """A header as written, made safe for the FILE:ROW:COLUMN format (one line, no ':')."""
    return one_line(str(header)).replace(":", " ")


def listing(items: Sequence[Any], joiner: str = "input.or") -> Msg | str:
    """'a' or 'b' or 'c' in the language rendered ("eller" in Swedish); `joiner` "input.and" for 'and'."""
    if len(items) <= 1:
        return str(items[0]) if items else ""
    return Msg(joiner, {"first": items[0], "rest": listing(items[1:], joiner)})


def show(value: object) -> str:
    """A cell value quoted for a message, shortened when long: 'kvina'."""
    text = str(value)
    if len(text) > _MAX_SHOWN_VALUE:
        text = text[: _MAX_SHOWN_VALUE - 3] + "..."
    return repr(text)


class ProblemCollector:
    """Collects the problems of one input and raises them together as one InputError.

    Problems of many rows are added with a mask (`add_rows`): all are counted, but
    only the first `limit` are turned into messages, so a file with a million bad rows
    is checked as fast as a good one and the listing ends with "... and N more".
    """

    def __init__(self, source: str, rows: IntArray | None = None, limit: int = MAX_LISTED_PROBLEMS) -> None:
        self.source = source
        self.rows: IntArray = np.zeros(0, dtype=np.int64) if rows is None else rows
        self.limit = limit
        self.total = 0
        self._problems: list[InputProblem] = []

    def __bool__(self) -> bool:
        return self.total > 0

    def add(self, row: int | None, column: str | None, message: Msg | str) -> None:
        self.total += 1
        if len(self._problems) < 4 * self.limit:
            column_text = None if column is None else display_header(column)
            self._problems.append(InputProblem(self.source, row, column_text, _one_line(message)))

    def add_rows(self, mask: BoolArray, column: str | None, message: Callable[[int], Msg | str]) -> None:
        """One problem per position where `mask` is true; `message(position)` words it."""
        positions = np.flatnonzero(mask)
        self.total += len(positions)
        column_text = None if column is None else display_header(column)
        for position in positions[: self.limit].tolist():
            row = int(self.rows[position]) if len(self.rows) else None
            self._problems.append(InputProblem(self.source, row, column_text, _one_line(message(position))))

    def raise_if_any(self) -> None:
        if self.total == 0:
            return
        problems = sorted(self._problems, key=InputProblem.sort_key)
        if self.total > self.limit:
            problems = problems[: self.limit]
            more = Msg("input.more", {"count": self.total - self.limit, "limit": self.limit})
            problems.append(InputProblem(self.source, None, None, more))
        raise InputError(problems)


def _one_line(message: Msg | str) -> Msg | str:
    return message if isinstance(message, Msg) else one_line(message)


# ----------------------------------------------------------------------------- cells


def cell_text(value: Any) -> str:
    """Any cell value as trimmed text: None/NaN -> '', 3.0 -> '3', True -> 'yes', lists joined by ';'."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating | Decimal):
        number = float(value)
        if math.isnan(number):
            return ""
        if math.isfinite(number) and number.is_integer():
            return str(int(number))
        return repr(number)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        items = (cell_text(item) for item in value)
        return ";".join(item for item in items if item)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value).strip()


def text_column(column: pd.Series[Any] | Sequence[Any]) -> ObjectArray:
    """A column as an object array of trimmed strings ('' for missing); each distinct value converted once."""
    values = column.to_numpy(dtype=object) if isinstance(column, pd.Series) else _object_array(list(column))
    try:
        codes, uniques = pd.factorize(values)
    except TypeError:  # unhashable cells (lists): convert one by one
        return _object_array([cell_text(value) for value in values])
    cleaned = np.empty(len(uniques) + 1, dtype=object)
    for position, value in enumerate(uniques):
        cleaned[position] = cell_text(value)
    cleaned[-1] = ""  # code -1 marks missing values
    result: ObjectArray = cleaned[codes]
    return result


def _object_array(items: Sequence[Any]) -> ObjectArray:
    """An object array holding `items` as they are (np.array would unpack tuples)."""
    array = np.empty(len(items), dtype=object)
    for position, item in enumerate(items):
        array[position] = item
    return array


def source_rows(raw: pd.DataFrame, first_row: int = 2) -> IntArray:
    """Row numbers of a table's rows, for problems and the output's source_row column.

    From `read_table`'s index (named source_row); else from an integer column named
    source_row (a table this package returned, validated again: its rows keep their
    numbers); else first_row, first_row + 1, ...
    """
    index = raw.index
    if index.name == ROW_INDEX_NAME and pd.api.types.is_integer_dtype(index.dtype):
        rows: IntArray = index.to_numpy(dtype=np.int64)
        return rows
    matches = [j for j, header in enumerate(raw.columns) if header == ROW_INDEX_NAME]
    if len(matches) == 1:
        column = raw.iloc[:, matches[0]]
        if pd.api.types.is_integer_dtype(column.dtype) and (len(column) == 0 or int(column.min()) >= 1):
            given: IntArray = column.to_numpy(dtype=np.int64)
            return given
    return np.arange(first_row, first_row + len(raw), dtype=np.int64)


def header_row(raw: pd.DataFrame, first_row: int = 2) -> int | None:
    """The row of the header (where missing-column problems point), None when there is none."""
    if HEADER_ROW_ATTR in raw.attrs:
        value = raw.attrs[HEADER_ROW_ATTR]
        return None if value is None else int(value)
    return first_row - 1 if first_row > 1 else None


def header_key(header: object) -> str:
    """How headers are compared: folded, with spaces and hyphens as '_' ('År i yrket' -> 'ar_i_yrket')."""
    return "_".join(fold(str(header)).replace("-", " ").split())


# ----------------------------------------------------------------------------- reading


def find_columns(
    raw: pd.DataFrame, column_of_key: Mapping[str, str], problems: ProblemCollector, header_at: int | None
) -> tuple[dict[str, tuple[int, str]], list[int]]:
    """Which file column is which canonical column: name -> (position, header as written), and the
    positions of the columns no name claims. A name claimed twice is reported (the first one wins)."""
    found: dict[str, tuple[int, str]] = {}
    others: list[int] = []
    for position, header in enumerate(raw.columns):
        key = header_key(header)
        name = column_of_key.get(key)
        if name is None:
            if key != ROW_INDEX_NAME:
                others.append(position)
            continue
        if name in found:
            problems.add(
                header_at,
                str(header),
                Msg("input.column.repeats",
                    {"header": show(display_header(header)), "first": show(found[name][1]), "name": name}),
            )
            continue
        found[name] = (position, display_header(header))
    return found, others


def read_table(path: Path, sheets: Sequence[str] = ()) -> tuple[pd.DataFrame, str]:
    """Read a CSV, Excel (.xlsx/.xlsm) or JSON file as a table of strings.

    From a workbook, the first sheet named like one of `sheets` (any case, with or without
    å/ä/ö: a pairs list is the sheet "pairs" or "Par" of the tool's own matching.xlsx), else the
    first sheet.

    A CSV cell that the tool's own CSV writers defused against formula injection (`'=...`,
    `'+...`, `'-...`, `'@...`; see `matcher.output.cells`) is read back without that quote.

    Returns the table and the file's display name (``str(path)``). Every cell is a
    string ('' when empty; 'NA' stays 'NA'), headers are trimmed, the index holds the
    row numbers (see the module docstring; for JSON, the record index + 1) and
    ``attrs["header_row"]`` the row of the header (None for JSON). Raises InputError
    when the file is missing, unreadable, empty, has no header or is not a table.
    """
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES + JSON_SUFFIXES:
        key = "input.file.unsupported_xls" if suffix == ".xls" else "input.file.unsupported"
        raise InputError.single(
            name, None, None, Msg(key, {"suffix": suffix or path.name, "supported": Msg("input.file.kinds")})
        )
    data = _read_bytes(path, name)
    if not data.strip():
        raise InputError.single(name, None, None, Msg("input.file.empty"))
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(data, name, sheets), name
    if suffix in JSON_SUFFIXES:
        from matcher.io.json_table import read_json

        return read_json(data, name), name
    return _read_csv(data, name), name


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(name)
        if not stat.S_ISREG(status.st_mode):  # a device or a pipe (/dev/zero would be read for ever)
            raise InputError.single(name, None, None, Msg("input.file.not_regular"))
        if status.st_size > MAX_TABLE_BYTES:
            raise _too_large(name, status.st_size)
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError.single(name, None, None, Msg("input.file.not_found")) from None
    except IsADirectoryError:
        raise InputError.single(name, None, None, Msg("input.file.is_folder")) from None
    except PermissionError:
        raise InputError.single(name, None, None, Msg("input.file.permission")) from None
    except OSError as exc:
        reason = one_line(exc.strerror or str(exc))
        raise InputError.single(name, None, None, Msg("input.file.unreadable", {"reason": reason})) from None


def decode(data: bytes, name: str) -> str:
    """Text of a file: UTF-8 with BOM, UTF-16 with BOM, UTF-8, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_as(data[3:], "utf-8", name, "input.csv.encoding.utf8_bom", 3)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_as(data, "utf-16", name, "input.csv.encoding.utf16_bom", 0)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_as(data, "cp1252", name, "input.csv.encoding.unknown", 0)


def _decode_as(data: bytes, encoding: str, name: str, key: str, offset: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex()
        raise InputError.single(
            name, line, None, Msg(key, {"byte": byte, "position": str(exc.start + offset)})
        ) from None


def _detect_delimiter(text: str) -> str:
    """';', ',' or tab: whichever occurs most in the header line, outside quotes (ties: ';')."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    in_quotes = False
    for char in text[:100_000]:
        if char == '"':
            in_quotes = not in_quotes
        elif in_quotes:
            continue
        elif char in "\r\n":
            break
        elif char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _read_csv(data: bytes, name: str) -> pd.DataFrame:
    if data.startswith(b"PK\x03\x04"):
        raise InputError.single(name, None, None, Msg("input.csv.is_xlsx"))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError.single(name, None, None, Msg("input.csv.is_xls"))
    text = decode(data, name)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError.single(name, line, None, Msg("input.csv.nul"))
    prefix = _LEADING_BLANK_LINES.match(text)
    leading = len(_LINE_BREAK.findall(prefix.group(0))) if prefix else 0
    text = text[prefix.end() :] if prefix else text
    if not text.strip():
        raise InputError.single(name, None, None, Msg("input.table.no_header"))
    delimiter = _detect_delimiter(text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            grid = pd.read_csv(
                io.StringIO(text),
                sep=delimiter,
                header=None,
                dtype=object,  # Python str cells: pyarrow-backed strings (pandas 3 with pyarrow) read 3x slower here
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                index_col=False,
                quotechar='"',
                engine="c",
                on_bad_lines="warn",
            )
        except pd.errors.EmptyDataError:
            raise InputError.single(name, None, None, Msg("input.table.no_header")) from None
        except (pd.errors.ParserError, ValueError) as exc:
            raise _parser_problem(name, leading, str(exc)) from None
    ragged = [
        (int(line), int(expected), int(seen))
        for warning in caught
        for line, expected, seen in _SKIPPED_LINE.findall(str(warning.message))
    ]
    if ragged:
        separators: dict[str, Msg | str] = {";": "';'", ",": "','", "\t": Msg("input.csv.tab")}
        sep_name = separators[delimiter]
        collector = ProblemCollector(name)
        for line, expected, seen in ragged:
            collector.add(
                leading + line,
                None,
                Msg("input.csv.ragged", {"seen": seen, "expected": expected, "separator": sep_name}),
            )
        collector.raise_if_any()
    if _GUARDED.search(text):  # cells our CSV writers defused ('=...): read back as they were
        grid = grid.map(restore)
    rows = np.arange(leading + 1, leading + 1 + len(grid), dtype=np.int64)
    return _table_from_grid(grid, rows, name)


def _parser_problem(name: str, leading: int, message: str) -> InputError:
    found = _EOF_IN_STRING.search(message)
    if found:
        return InputError.single(name, leading + int(found.group(1)) + 1, None, Msg("input.csv.unclosed_quote"))
    detail = one_line(message.replace("Error tokenizing data. C error:", ""))
    return InputError.single(name, None, None, Msg("input.csv.unparsable", {"detail": detail}))


def _table_from_grid(grid: pd.DataFrame, rows: IntArray, name: str) -> pd.DataFrame:
    """Header = first non-empty record; data = the later non-empty records, numbered by `rows`.

    Worked on as one object array and made a table once (one block of Python strings): column
    by column through pandas this was 6 ms of a 100 x 150 run's 60.
    """
    values = grid.to_numpy(dtype=object)
    nonempty = (values != "").any(axis=1) if values.shape[1] else np.zeros(len(values), dtype=bool)
    records = np.flatnonzero(nonempty)
    if len(records) == 0:
        raise InputError.single(name, None, None, Msg("input.table.no_header"))
    header_at = int(records[0])
    data_at = records[1:]
    contiguous = len(data_at) == len(values) - header_at - 1
    body = values[header_at + 1 :] if contiguous else values[data_at]
    headers: list[str] = []
    keep: list[int] = []
    for j in range(values.shape[1]):
        header = str(values[header_at, j]).strip()
        if not header:
            if not (body[:, j] != "").any():
                continue  # an unnamed, empty column (e.g. a ';' at the end of every line)
            header = f"column {j + 1}"
        headers.append(header)
        keep.append(j)
    index = pd.Index(rows[header_at + 1 :] if contiguous else rows[data_at], dtype=np.int64, name=ROW_INDEX_NAME)
    table = pd.DataFrame(body[:, keep], columns=pd.Index(headers, dtype=object), index=index, dtype=object)
    table.attrs[HEADER_ROW_ATTR] = int(rows[header_at])
    return table


def _too_large(name: str, size: int, key: str = "input.file.too_large") -> InputError:
    values = {"size": f"{size / 1e6:.0f}", "limit": f"{MAX_TABLE_BYTES / 1e6:.0f}"}
    return InputError.single(name, None, None, Msg(key, values))


def _unpacked_size(data: bytes) -> int:
    """What a workbook's parts say they unpack to (a zip reader never unpacks more than that)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0  # not a zip: openpyxl says so below


def _read_xlsx(data: bytes, name: str, sheets: Sequence[str] = ()) -> pd.DataFrame:
    import openpyxl  # imported here: only Excel users pay for it

    unpacked = _unpacked_size(data)
    if unpacked > MAX_TABLE_BYTES:  # a "zip bomb": a small file that unpacks to gigabytes
        raise _too_large(name, unpacked, "input.file.too_large_unpacked")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, key errors) for a damaged file
        error = f"{type(exc).__name__}: {one_line(str(exc))[:120]}"
        raise InputError.single(name, None, None, Msg("input.xlsx.unopenable", {"error": error})) from None
    try:
        if not workbook.worksheets:
            raise InputError.single(name, None, None, Msg("input.xlsx.no_sheets"))
        wanted = [fold(sheet_name) for sheet_name in sheets]
        named = [ws for ws in workbook.worksheets if fold(str(ws.title)) in wanted]
        sheet = named[0] if named else workbook.worksheets[0]
        records = [[cell_text(value) for value in row] for row in sheet.iter_rows(min_row=1, values_only=True)]
    except InputError:
        raise
    except Exception as exc:
        error = f"{type(exc).__name__}: {one_line(str(exc))[:120]}"
        raise InputError.single(name, None, None, Msg("input.xlsx.unreadable", {"error": error})) from None
    finally:
        workbook.close()
    width = max((len(record) for record in records), default=0)
    if width == 0:
        raise InputError.single(name, None, None, Msg("input.xlsx.empty"))
    padded = [record + [""] * (width - len(record)) for record in records]
    grid = pd.DataFrame(padded, columns=range(width), dtype=str)
    return _table_from_grid(grid, np.arange(1, len(padded) + 1, dtype=np.int64), name)
