"""The score file read straight into integer codes, and kept parsed for re-runs (issue 15).

A city score file has 1.5 M rows and 2,500 distinct ids. The general reader
(`matcher.io.pairs.load_pair_file`) reads every cell as a Python string so that any problem can
be reported with its row and column; on a clean file that costs about as much as the whole
scipy baseline. This module is the fast path for the common case and nothing else:

* **Parse**: a plain CSV (UTF-8, with or without BOM; comma or semicolon; no quotes, no blank
  lines) whose header is exactly the three score columns, read by pandas' C parser with the id
  columns as categories (each distinct id hashed in C, one Python string per distinct id, never
  one per cell) and the score as int64.
* **Cache**: the parse is stored under the file's SHA-256 (its bytes, nothing else: a changed
  file is a new key) in the user's cache folder, as int32 codes and the distinct ids; a re-run or
  a sweep point loads it in milliseconds. `MATCHER_CACHE_DIR` moves the folder,
  `MATCHER_CACHE=off` turns it off. Entries are written to a temporary file and renamed, so
  parallel workers never see half an entry. The cache holds ids and scores, never names.
* **Checks**, always, against the people table: every id known, a giver then a taker of the same
  programme, no pair listed twice, scores within range -- on the distinct ids and on integer
  codes.

Anything else -- another encoding, quotes, a bad cell, an unknown id, a duplicate -- returns None
and the caller uses the general reader, which reports every problem with its row and column.
The table returned equals the general reader's (same columns, values and dtypes; the id
categories are the distinct ids in order of first appearance).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from matcher.io.people import SOURCE_ATTR
from matcher.io.tables import MAX_TABLE_BYTES

#: Bump when the cached layout or the parse changes: older entries are then not read.
CACHE_VERSION: Final = 1
#: The header names accepted here (lower case; the general reader accepts more).
_GIVER_HEADERS: Final = ("mentor_id", "supervisor_id")
_TAKER_HEADERS: Final = ("adept_id", "trainee_id")
_SCORE_HEADERS: Final = ("score", "poäng", "poang")
_GIVERS: Final = {"mentor": 0, "supervisor": 1}  # role -> programme, as the general reader
_TAKERS: Final = {"adept": 0, "trainee": 1}
#: Scores beyond this are the general reader's to refuse (matcher.io.pairs.MAX_ABS_SCORE).
_MAX_ABS_SCORE: Final = 10**12


#: A blank line inside the body (b"\n\n" or b"\n\r\n").
_BLANK_LINE: Final = re.compile(rb"\n\r?\n")

_DTYPES: Final[dict[str, Any]] = {"giver": "category", "taker": "category", "score": np.int64}


class Parsed:
    """A score file as codes: distinct giver and taker ids, each row's codes and score."""

    def __init__(
        self, giver_ids: np.ndarray, taker_ids: np.ndarray, giver: np.ndarray, taker: np.ndarray, score: np.ndarray
    ) -> None:
        self.giver_ids, self.taker_ids = giver_ids, taker_ids  # object arrays of str
        self.giver, self.taker = giver, taker  # int32 codes per row
        self.score = score  # int64 per row


def cache_dir() -> Path | None:
    """Where parsed files are kept; None when caching is off."""
    if os.environ.get("MATCHER_CACHE", "").strip().lower() in ("0", "off", "no", "false"):
        return None
    given = os.environ.get("MATCHER_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "gbg-matcher" / "scores"


def read_scores(path: Path, people: pd.DataFrame) -> pd.DataFrame | None:
    """The validated score table of `path` (as `load_pair_file(path, "pair_scores", people)`
    returns it), or None when the file is not a plain, clean score CSV (see the module docstring)."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".txt"):
        return None
    try:
        # Only a regular file within the table reader's size bound; anything else is the general
        # reader's to refuse with its located message.
        if not path.is_file() or path.stat().st_size > MAX_TABLE_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(data).hexdigest()
    parsed = _load(digest)
    if parsed is None:
        parsed = _parse(data)
        if parsed is None:
            return None
        _store(digest, parsed)
    return _validated(parsed, people, str(path))


def _parse(data: bytes) -> Parsed | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b'"' in data or b"\x00" in data:
        return None
    end = data.find(b"\n")
    if end <= 0:
        return None
    header_line = data[:end].rstrip(b"\r")
    try:
        header_text = header_line.decode("utf-8")
    except UnicodeDecodeError:
        return None
    sep = ";" if header_text.count(";") > header_text.count(",") else ","
    headers = [h.strip().lower() for h in header_text.split(sep)]
    if (
        len(headers) != 3
        or headers[0] not in _GIVER_HEADERS
        or headers[1] not in _TAKER_HEADERS
        or headers[2] not in _SCORE_HEADERS
    ):
        return None
    body = data[end + 1 :]
    if _BLANK_LINE.search(body) or body.startswith((b"\n", b"\r\n")):  # one pass, not two
        return None  # blank lines would shift the row numbers
    try:
        table = pd.read_csv(
            io.BytesIO(body),
            sep=sep,
            header=None,
            names=["giver", "taker", "score"],
            dtype=_DTYPES,
            engine="c",
            index_col=False,
            encoding="utf-8",
            skip_blank_lines=False,
            na_filter=True,
            keep_default_na=False,
            na_values=[""],
        )
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError, OverflowError):
        return None
    giver = table["giver"].cat
    taker = table["taker"].cat
    giver_codes = giver.codes.to_numpy()
    taker_codes = taker.codes.to_numpy()
    if len(table) and (giver_codes.min() < 0 or taker_codes.min() < 0):
        return None  # an empty id
    giver_ids = np.asarray(giver.categories.astype(object), dtype=object)
    taker_ids = np.asarray(taker.categories.astype(object), dtype=object)
    for ids in (giver_ids, taker_ids):
        if any(text != text.strip() or not text for text in ids):
            return None  # the general reader trims; keep its view of the ids
    # Categories in order of first appearance, as the general reader's factorize gives them.
    giver_ids, giver_new = _first_appearance(giver_ids, giver_codes)
    taker_ids, taker_new = _first_appearance(taker_ids, taker_codes)
    score = table["score"].to_numpy(dtype=np.int64)
    return Parsed(giver_ids, taker_ids, giver_new, taker_new, score)


def _first_appearance(ids: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Renumber codes so that category 0 is the first seen, 1 the next new one, ..."""
    n = len(ids)
    first = np.full(n, len(codes), dtype=np.int64)
    seen = np.zeros(n, dtype=bool)
    changes = np.diff(codes)
    if len(codes) and np.count_nonzero(changes) < len(codes) // 8:
        # Codes in runs (a file sorted by this column: the givers of a giver-major file): a code's
        # first row is the start of its first run; the block scan would read every row.
        starts = np.concatenate([[0], np.flatnonzero(changes) + 1])
        first[codes[starts[::-1]]] = starts[::-1]  # the last write wins: the earliest start
        seen[:] = True
    # The first row of each code: scan in blocks until every code is seen (ids repeat early).
    start = 0
    block = 4096
    while start < len(codes) and not seen.all():
        chunk = codes[start : start + block].astype(np.int64)
        positions = np.arange(start, start + len(chunk))
        fresh = ~seen[chunk]
        if fresh.any():
            candidates = chunk[fresh]
            where = positions[fresh]
            # earliest position per code within the chunk: first occurrence in a reversed assignment
            first_here = np.full(n, len(codes), dtype=np.int64)
            first_here[candidates[::-1]] = where[::-1]
            first = np.minimum(first, first_here)
            seen[candidates] = True
        start += block
        block *= 2
    order = np.argsort(first, kind="stable")
    if np.array_equal(order, np.arange(n)):
        return ids, codes.astype(np.int32)  # already in order of first appearance
    new_of_old = np.empty(n, dtype=np.int32)
    new_of_old[order] = np.arange(n, dtype=np.int32)
    return ids[order], new_of_old[codes]


def _entry(digest: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"v{CACHE_VERSION}-{digest}.npz"


def _load(digest: str) -> Parsed | None:
    entry = _entry(digest)
    if entry is None:
        return None
    try:  # a cache that cannot be read (another user's folder, a damaged entry) is no error
        if not entry.is_file():
            return None
        with np.load(entry, allow_pickle=False) as stored:
            parsed = Parsed(
                stored["giver_ids"].astype(object),
                stored["taker_ids"].astype(object),
                stored["giver"],
                stored["taker"],
                stored["score"].astype(np.int64),
            )
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None  # a damaged entry: parse again (and replace it)
    return parsed if _whole(parsed) else None


def _whole(parsed: Parsed) -> bool:
    """Whether an entry read back is one the parser could have written: integer codes in range,
    one per row on both sides (a damaged or foreign entry is a cache miss, never a crash)."""
    n = len(parsed.score)
    for codes, ids in ((parsed.giver, parsed.giver_ids), (parsed.taker, parsed.taker_ids)):
        if codes.ndim != 1 or len(codes) != n or not np.issubdtype(codes.dtype, np.integer):
            return False
        if n and (int(codes.min()) < 0 or int(codes.max()) >= len(ids)):
            return False
    return parsed.score.ndim == 1


def _store(digest: str, parsed: Parsed) -> None:
    """Write the entry whole or not at all; a cache that cannot be written is no error."""
    entry = _entry(digest)
    if entry is None:
        return
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".npz")
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez(
                    stream,
                    giver_ids=parsed.giver_ids.astype(str),
                    taker_ids=parsed.taker_ids.astype(str),
                    giver=parsed.giver.astype(np.int32),
                    taker=parsed.taker.astype(np.int32),
                    score=_narrow(parsed.score),
                )
            os.replace(temporary, entry)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


def _narrow(score: np.ndarray) -> np.ndarray:
    if len(score) == 0 or (score.min() >= np.iinfo(np.int32).min and score.max() <= np.iinfo(np.int32).max):
        return score.astype(np.int32)
    return score


def _validated(parsed: Parsed, people: pd.DataFrame, source: str) -> pd.DataFrame | None:
    """The canonical score table when every check passes, else None (the general reader reports)."""
    ids = people["id"].astype(str).to_numpy(dtype=object)
    roles = people["role"].astype(str).to_numpy(dtype=object)
    index = pd.Index(ids, dtype=object)
    if index.has_duplicates:
        return None
    giver_at = index.get_indexer(pd.Index(parsed.giver_ids, dtype=object))
    taker_at = index.get_indexer(pd.Index(parsed.taker_ids, dtype=object))
    if (giver_at < 0).any() or (taker_at < 0).any():
        return None
    giver_programme = np.array([_GIVERS.get(str(r), -1) for r in roles[giver_at]], dtype=np.int64)
    taker_programme = np.array([_TAKERS.get(str(r), -1) for r in roles[taker_at]], dtype=np.int64)
    if (giver_programme < 0).any() or (taker_programme < 0).any():
        return None
    programmes = set(giver_programme.tolist()) | set(taker_programme.tolist())
    if len(programmes) > 1:
        return None  # mentors with trainees, say: the general reader says which rows
    n_rows = len(parsed.score)
    if n_rows and int(np.abs(parsed.score).max()) > _MAX_ABS_SCORE:
        return None
    n_takers = max(len(parsed.taker_ids), 1)
    key = parsed.giver.astype(np.int64) * n_takers + parsed.taker
    cells = len(parsed.giver_ids) * n_takers
    if cells <= 2**27:
        repeated = n_rows and int(np.bincount(key, minlength=cells).max()) > 1
    else:
        repeated = len(np.unique(key)) != n_rows
    if repeated:
        return None
    # copy=False: the columns are taken as they are, not copied and stacked into one int64 block
    # (0.25 s and 96 MB of fresh pages at 6 M rows); the same table to every reader.
    table = pd.DataFrame(
        {
            "mentor_id": pd.Categorical.from_codes(parsed.giver, categories=pd.Index(parsed.giver_ids, dtype=object)),
            "adept_id": pd.Categorical.from_codes(parsed.taker, categories=pd.Index(parsed.taker_ids, dtype=object)),
            "score": np.asarray(parsed.score, dtype=np.int64),
            "source_row": np.arange(2, n_rows + 2, dtype=np.int64),
        },
        copy=False,
    )
    table.attrs = {SOURCE_ATTR: source}
    return table
