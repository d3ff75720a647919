"""The optional pair files: external scores, exclusions and locked pairs.

Each file lists (mentor, adept) pairs - for the trainee programme (supervisor, trainee)
pairs in the same two columns. All checks are vectorised: every distinct id is looked
up once, so a score file of a million rows validates in well under a second.

Output columns (PAIR_COLUMNS): ``mentor_id``, ``adept_id`` (str; the supervisor and
trainee ids for the trainee programme), then ``score`` (int64, pair_scores) or
``reason`` (str, exclusions; '' when not given), then ``source_row`` (int64).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Literal, get_args

import numpy as np
import pandas as pd

from matcher.i18n import Msg
from matcher.io.people import SOURCE_ATTR
from matcher.io.tables import (
    SHEETS,
    BoolArray,
    IntArray,
    ObjectArray,
    ProblemCollector,
    cell_text,
    find_columns,
    header_key,
    header_row,
    listing,
    read_table,
    show,
    source_rows,
    text_column,
)

PairKind = Literal["pair_scores", "exclusions", "locked"]
PAIR_KINDS: Final[tuple[str, ...]] = get_args(PairKind)

#: Output columns per kind of pair file.
PAIR_COLUMNS: Final[Mapping[str, tuple[str, ...]]] = {
    "pair_scores": ("mentor_id", "adept_id", "score", "source_row"),
    "exclusions": ("mentor_id", "adept_id", "reason", "source_row"),
    "locked": ("mentor_id", "adept_id", "source_row"),
}

#: Scores beyond this size are refused: they would overflow the solver's objective.
MAX_ABS_SCORE: Final = 10**12

_HEADERS: Final = {
    "mentor_id": ("mentor_id", "supervisor_id", "mentor", "supervisor", "handledare", "handledare_id"),
    "adept_id": ("adept_id", "trainee_id", "adept", "trainee", "student", "student_id"),
    "score": ("score", "poäng", "poang"),
    "reason": ("reason", "orsak"),
}
_COLUMN_OF_KEY: Final = {header_key(h): name for name, headers in _HEADERS.items() for h in headers}
_GIVERS: Final = {"mentor": 0, "supervisor": 1}  # value: the programme, to match with _TAKERS
_TAKERS: Final = {"adept": 0, "trainee": 1}


#: The sheet of a workbook that holds a pairs list: matching.xlsx's own, in either language.
PAIR_SHEETS: Final = SHEETS["pairs"]


def read_pair_list(path: Path, *, with_score: bool = False) -> pd.DataFrame:
    """A list of pairs as a person hands it over: the pairs.csv of a run (maybe edited and saved by
    a Swedish Excel: semicolons, Windows-1252), its matching.xlsx (the pairs sheet), or any CSV/XLSX
    with mentor_id,adept_id (supervisor_id,trainee_id; Swedish headers too).

    Returns columns mentor_id, adept_id (and score when `with_score`: Int64, missing as <NA>) as
    text, indexed by the file's row numbers, with attrs["source"] the file's name; ids are checked
    against the scenario later (by `check_matching`, `repair_matching`, publish). InputError when
    the file cannot be read or lacks the id columns.
    """
    raw, source = read_table(Path(path), PAIR_SHEETS)
    problems = ProblemCollector(source, source_rows(raw))
    wanted = {"mentor_id", "adept_id"} | ({"score"} if with_score else set())
    found, _ = find_columns(raw, {k: v for k, v in _COLUMN_OF_KEY.items() if v in wanted}, problems, header_row(raw))
    for name in ("mentor_id", "adept_id"):
        if name not in found:
            problems.add(header_row(raw), name, _missing(name))
    problems.raise_if_any()
    table = pd.DataFrame(
        {name: raw.iloc[:, found[name][0]].astype(str).str.strip() for name in ("mentor_id", "adept_id")},
        index=raw.index,
    )
    if with_score:
        if "score" in found:
            scores = pd.to_numeric(raw.iloc[:, found["score"][0]].astype(str).str.replace(",", "."), errors="coerce")
            table["score"] = scores.round().astype("Int64")
        else:
            table["score"] = pd.array([pd.NA] * len(table), dtype="Int64")
    table.attrs[SOURCE_ATTR] = source
    return table


def load_pair_file(path: Path, kind: PairKind, people: pd.DataFrame) -> pd.DataFrame:
    """Read and validate a pair file against the validated people table; see `validate_pair_table`."""
    raw, source = read_table(Path(path), SHEETS[kind])
    return validate_pair_table(raw, source, kind, people)


def validate_pair_table(
    raw: pd.DataFrame | Sequence[Mapping[str, Any]], source: str, kind: PairKind, people: pd.DataFrame
) -> pd.DataFrame:
    """Check a table of pairs and return it in canonical form, or raise InputError with every problem.

    Headers: mentor_id/adept_id (also supervisor_id/trainee_id, mentor/adept,
    handledare/trainee), score (poäng) for pair_scores, reason (orsak) for exclusions.
    Checks: ids present and in the people file, the first id a mentor or supervisor and
    the second an adept or trainee of the same programme, scores whole numbers, no
    pair listed twice (pair_scores, locked), no adept locked to two mentors. At most
    MAX_LISTED_PROBLEMS problems are listed, then a count of the rest.
    """
    if kind not in PAIR_KINDS:
        raise ValueError(f"kind must be one of {', '.join(PAIR_KINDS)}, got {kind!r}")
    if not isinstance(raw, pd.DataFrame):
        raw = pd.DataFrame(list(raw))
    if raw.shape == (0, 0):  # e.g. a JSON file holding []: no pairs
        empty = {
            name: pd.Series([], dtype=np.int64 if name in ("score", "source_row") else str)
            for name in PAIR_COLUMNS[kind]
        }
        return pd.DataFrame(empty)
    rows = source_rows(raw)
    header_at = header_row(raw)
    problems = ProblemCollector(source, rows)
    count = len(raw)
    people_file = str(people.attrs.get(SOURCE_ATTR, "the people file"))

    wanted = {"mentor_id", "adept_id"} | ({"score"} if kind == "pair_scores" else set())
    wanted |= {"reason"} if kind == "exclusions" else set()
    # Other columns (a note, a score in an exclusions file) are ignored.
    wanted_keys = {key: name for key, name in _COLUMN_OF_KEY.items() if name in wanted}
    found, _ = find_columns(raw, wanted_keys, problems, header_at)
    for name in sorted(wanted - {"reason"} - set(found), key=("mentor_id", "adept_id", "score").index):
        problems.add(header_at, name, _missing(name))
    if "mentor_id" not in found or "adept_id" not in found or (kind == "pair_scores" and "score" not in found):
        problems.raise_if_any()

    giver_header = found["mentor_id"][1]
    taker_header = found["adept_id"][1]
    giver_codes, giver_ids = _coded_ids(raw.iloc[:, found["mentor_id"][0]])
    taker_codes, taker_ids = _coded_ids(raw.iloc[:, found["adept_id"][0]])

    role_of_person = pd.Series(
        people["role"].astype(str).to_numpy(dtype=object),
        index=pd.Index(text_column(people["id"]), dtype=object),
    )
    role_of_person = role_of_person[~role_of_person.index.duplicated(keep="first")]
    giver_role = _roles_of(giver_ids, role_of_person)
    taker_role = _roles_of(taker_ids, role_of_person)

    def check_ids(codes: IntArray, ids: ObjectArray, roles: ObjectArray, header: str, giver: bool) -> BoolArray:
        empty = (ids == "")[codes]
        unknown_unique = np.fromiter((role is None for role in roles), dtype=bool, count=len(roles)) & (ids != "")
        unknown = unknown_unique[codes]
        wanted_roles = _GIVERS if giver else _TAKERS
        wrong_unique = np.fromiter(
            (role is not None and role not in wanted_roles for role in roles), dtype=bool, count=len(roles)
        )
        wrong = wrong_unique[codes]
        what = Msg("input.role.a.giver" if giver else "input.role.a.taker")
        problems.add_rows(empty, header, lambda _: Msg("input.pairs.empty_id", {"header": header}))
        problems.add_rows(
            unknown,
            header,
            lambda p: Msg("input.pairs.unknown_id", {"id": show(ids[codes[p]]), "people": people_file}),
        )
        problems.add_rows(
            wrong,
            header,
            lambda p: Msg(
                "input.pairs.wrong_role",
                {
                    "id": show(ids[codes[p]]),
                    "role": _article(roles[codes[p]]),
                    "header": header,
                    "wanted": what,
                    "giver_header": giver_header,
                    "taker_header": taker_header,
                },
            ),
        )
        return ~(empty | unknown | wrong)

    giver_ok = check_ids(giver_codes, giver_ids, giver_role, giver_header, True)
    taker_ok = check_ids(taker_codes, taker_ids, taker_role, taker_header, False)
    giver_programme = np.array([_GIVERS.get(str(role), -1) for role in giver_role], dtype=np.int64)[giver_codes]
    taker_programme = np.array([_TAKERS.get(str(role), -1) for role in taker_role], dtype=np.int64)[taker_codes]
    valid = giver_ok & taker_ok
    mismatch = valid & (giver_programme != taker_programme)
    problems.add_rows(
        mismatch,
        taker_header,
        lambda p: Msg(
            "input.pairs.programmes",
            {
                "taker": show(taker_ids[taker_codes[p]]),
                "taker_role": _article(taker_role[taker_codes[p]]),
                "giver": show(giver_ids[giver_codes[p]]),
                "giver_role": _article(giver_role[giver_codes[p]]),
            },
        ),
    )
    valid &= ~mismatch

    key = giver_codes.astype(np.int64) * max(len(taker_ids), 1) + taker_codes
    if kind in ("pair_scores", "locked"):
        repeated = pd.Series(key).duplicated(keep="first").to_numpy(dtype=bool) & valid
        problems.add_rows(
            repeated,
            None,
            lambda p: Msg(
                "input.pairs.repeated",
                {
                    "giver": show(giver_ids[giver_codes[p]]),
                    "taker": show(taker_ids[taker_codes[p]]),
                    "row": str(rows[int(np.flatnonzero(key == key[p])[0])]),
                },
            ),
        )
    if kind == "locked":
        _check_locked_conflicts(
            key,
            valid,
            giver_codes,
            taker_codes,
            giver_ids,
            taker_ids,
            taker_role,
            taker_header,
            rows,
            problems,
        )

    # Score files get categorical id columns: 1.4 M rows hold ~2,500 distinct ids, and the
    # engine maps them to positions through the categories instead of hashing every row.
    if kind == "pair_scores":
        columns: dict[str, Any] = {
            "mentor_id": _id_column(giver_codes, giver_ids),
            "adept_id": _id_column(taker_codes, taker_ids),
        }
    else:
        columns = {
            "mentor_id": pd.Series(giver_ids[giver_codes], dtype=str),
            "adept_id": pd.Series(taker_ids[taker_codes], dtype=str),
        }
    if kind == "pair_scores":
        columns["score"] = _scores(raw.iloc[:, found["score"][0]], found["score"][1], problems)
    if kind == "exclusions":
        reasons = text_column(raw.iloc[:, found["reason"][0]]) if "reason" in found else np.full(count, "", object)
        columns["reason"] = pd.Series(reasons, dtype=str)
    columns["source_row"] = pd.Series(rows, dtype=np.int64)
    problems.raise_if_any()
    table = pd.DataFrame(columns)
    table.attrs = {SOURCE_ATTR: source}
    return table


def _article(noun: object) -> Msg:
    """'an adept', 'a mentor' (the roles are the domain's codes: mentor, adept, supervisor, trainee)."""
    return Msg(f"input.role.a.{noun}")


def _missing(name: str) -> Msg:
    """The message for a missing id or score column, naming the first three headers accepted."""
    return Msg("input.column.missing", {"name": name, "accepted": listing([f"'{h}'" for h in _HEADERS[name][:3]])})


def _id_column(codes: IntArray, ids: ObjectArray) -> pd.Series:
    """Ids as a categorical column; `ids` are the distinct values `_coded_ids` found."""
    column = pd.Categorical.from_codes(codes, categories=pd.Index(ids.astype(str), dtype=object))
    return pd.Series(column.remove_unused_categories())


def _coded_ids(column: pd.Series[Any]) -> tuple[IntArray, ObjectArray]:
    """Codes into the distinct trimmed ids (id text = uniques[codes]); missing cells become ''."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=True)
    texts = np.empty(len(uniques) + 1, dtype=object)
    for position, value in enumerate(uniques):
        texts[position] = cell_text(value)
    texts[-1] = ""
    merged_codes, merged = pd.factorize(texts)  # trimming can make two raw ids one
    all_codes: IntArray = merged_codes[codes].astype(np.int64)
    ids: ObjectArray = np.asarray(merged, dtype=object)
    return all_codes, ids


def _roles_of(ids: ObjectArray, role_of_person: pd.Series[Any]) -> ObjectArray:
    """The role of each distinct id, None for ids not in the people table."""
    at = role_of_person.index.get_indexer(pd.Index(ids, dtype=object))
    person_roles = role_of_person.to_numpy(dtype=object)
    roles = np.empty(len(ids), dtype=object)
    for position, index in enumerate(at.tolist()):
        roles[position] = None if index < 0 else person_roles[index]
    return roles


def _scores(column: pd.Series[Any], header: str, problems: ProblemCollector) -> pd.Series[int]:
    """Scores as int64, each distinct text parsed once (a fast path when all are plain integers)."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object))
    unique_values = np.asarray(uniques, dtype=object)
    plain = pd.api.types.infer_dtype(unique_values, skipna=False) in ("string", "integer")
    if plain and (codes >= 0).all():  # (floats are left to _score_of: astype would truncate 2.5)
        try:
            fast = unique_values.astype(np.int64)
            if len(fast) == 0 or int(np.abs(fast).max()) <= MAX_ABS_SCORE:
                result: IntArray = fast[codes]
                return pd.Series(result, dtype=np.int64)
        except (ValueError, TypeError, OverflowError):
            pass
    parsed = np.empty(len(unique_values) + 1, dtype=object)
    for position, value in enumerate(unique_values):
        parsed[position] = _score_of(value)
    parsed[-1] = _score_of(None)  # code -1: a missing cell
    per_row = parsed[codes]
    bad = np.fromiter((isinstance(v, Msg) for v in parsed), dtype=bool, count=len(parsed))[codes]
    problems.add_rows(bad, header, lambda p: Msg("input.pairs.score", {"header": header, "reason": per_row[p]}))
    return pd.Series(np.where(bad, 0, per_row).astype(np.int64), dtype=np.int64)


def _score_of(value: Any) -> int | Msg:
    """The score, or what is wrong with the cell (the end of `input.pairs.score`)."""
    text = cell_text(value).replace("\u2212", "-")  # Excel may write a minus sign
    if not text:
        return Msg("input.pairs.score.empty")
    try:
        number = int(text.replace(" ", ""), 10)
    except ValueError:
        try:
            real = float(text.replace(",", "."))
        except ValueError:
            return Msg("input.pairs.score.not_number", {"value": show(text)})
        if not real.is_integer() or not math.isfinite(real):
            return Msg("input.pairs.score.not_whole", {"value": show(text)})
        number = int(real)
    if abs(number) > MAX_ABS_SCORE:
        return Msg("input.pairs.score.too_large", {"value": show(text), "limit": f"{MAX_ABS_SCORE:.0e}"})
    return number


def _check_locked_conflicts(
    key: IntArray,
    valid: BoolArray,
    giver_codes: IntArray,
    taker_codes: IntArray,
    giver_ids: ObjectArray,
    taker_ids: ObjectArray,
    taker_role: ObjectArray,
    taker_header: str,
    rows: IntArray,
    problems: ProblemCollector,
) -> None:
    """An adept (trainee) locked to two different mentors (supervisors) cannot be matched as locked."""
    candidates = np.flatnonzero(valid & ~pd.Series(key).duplicated(keep="first").to_numpy(dtype=bool))
    takers = taker_codes[candidates]
    first_of_taker = pd.Series(candidates).groupby(takers).transform("first").to_numpy(dtype=np.int64)
    again = candidates[first_of_taker != candidates]
    mask = np.zeros(len(key), dtype=bool)
    mask[again] = True
    first_at = np.full(len(key), -1, dtype=np.int64)
    first_at[candidates] = first_of_taker

    def message(position: int) -> Msg:
        first = int(first_at[position])
        taker = taker_ids[taker_codes[position]]
        role = taker_role[taker_codes[position]] or "adept"
        giver_word = "supervisor" if role == "trainee" else "mentor"
        return Msg(
            "input.pairs.locked_twice",
            {
                "role": Msg(f"role.{role}.one"),
                "taker": show(taker),
                "giver": show(giver_ids[giver_codes[position]]),
                "other": show(giver_ids[giver_codes[first]]),
                "row": str(rows[first]),
                "a_role": _article(role),
                "a_giver": Msg(f"input.pairs.one_{giver_word}"),
            },
        )

    problems.add_rows(mask, taker_header, message)
