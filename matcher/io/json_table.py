"""A JSON people (or pairs) file as a table of text cells, for `matcher.io.tables.read_table`.

A list of records, or an object holding one (`{"people": [...]}`); row N is record N. A cell
holds text, a number or a list; one nested deeper than MAX_CELL_DEPTH is refused, located, before
anything recursive meets it (a cell nested 900 deep would end in RecursionError), and so is a
document the parser itself gives up on.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

import numpy as np
import pandas as pd

from matcher.errors import InputError
from matcher.i18n import Msg
from matcher.io.tables import HEADER_ROW_ATTR, ROW_INDEX_NAME, ProblemCollector, cell_text, decode

#: A cell nested deeper than this is refused: a cell holds text, a number or a list (of topics, of
#: administrations); anything deeper is a mistake or an attack on the code that turns cells into text.
MAX_CELL_DEPTH: Final = 16
#: The depth the whole document is reported against when the parser itself gives up.
MAX_JSON_DEPTH: Final = MAX_CELL_DEPTH + 2


def read_json(data: bytes, name: str) -> pd.DataFrame:
    """A list of records, or an object holding one ('people': [...]); row N = record N."""
    text = decode(data, name)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        where = {"reason": exc.msg, "line": str(exc.lineno), "column": str(exc.colno)}
        raise InputError.single(name, exc.lineno, None, Msg("input.json.invalid", where)) from None
    except RecursionError:
        limit = {"limit": MAX_JSON_DEPTH}
        raise InputError.single(name, _too_deep_line(text), None, Msg("input.json.too_deep", limit)) from None
    records = _json_records(document, name)
    collector = ProblemCollector(name)
    headers: dict[str, None] = {}
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            collector.add(number, None, Msg("input.json.record_not_object", {"number": str(number)}))
            continue
        for key, value in record.items():
            headers.setdefault(str(key).strip(), None)
            if isinstance(value, list | dict) and _nested_deeper(value, MAX_CELL_DEPTH):
                collector.add(number, str(key).strip(), Msg("input.json.cell_too_deep", {"limit": MAX_CELL_DEPTH}))
    collector.raise_if_any()
    columns: dict[str, list[str]] = {header: [] for header in headers}
    for record in records:
        texts = {str(key).strip(): cell_text(value) for key, value in record.items()}
        for header, cells in columns.items():
            cells.append(texts.get(header, ""))
    rows = np.arange(1, len(records) + 1, dtype=np.int64)
    table = pd.DataFrame(columns, dtype=str) if columns else pd.DataFrame(index=range(len(records)))
    table = table.set_axis(pd.Index(rows, dtype=np.int64, name=ROW_INDEX_NAME), axis=0)
    if columns:
        nonempty = np.zeros(len(table), dtype=bool)
        for cells_array in (table.iloc[:, j].to_numpy(dtype=object) for j in range(table.shape[1])):
            nonempty |= cells_array != ""
        table = table.iloc[np.flatnonzero(nonempty)]
    else:
        table = table.iloc[0:0]
    table.attrs[HEADER_ROW_ATTR] = None
    return table


def _nested_deeper(value: Any, limit: int) -> bool:
    """Whether lists/objects inside `value` go more than `limit` levels deep (walked without recursion,
    so a cell nested 900 deep is refused before anything recursive -- `cell_text` -- meets it)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, list | dict))
    return False


_JSON_TOKEN: Final = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep_line(text: str) -> int | None:
    """The line where the JSON text first goes more than MAX_JSON_DEPTH levels deep."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        mark = token.group(0)
        if mark in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return text.count("\n", 0, token.start()) + 1
        elif mark in "]}":
            depth -= 1
    return None


def _json_records(document: object, name: str) -> list[Any]:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        if isinstance(document.get("people"), list):
            return list(document["people"])
        lists = [value for value in document.values() if isinstance(value, list)]
        if len(lists) == 1:
            return list(lists[0])
    raise InputError.single(name, None, None, Msg("input.json.not_records"))
