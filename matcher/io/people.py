"""The people file: one row per mentor, adept, supervisor or trainee.

`load_people` reads and validates a file; `validate_people` validates a table that is
already in memory (from `read_table`, or a DataFrame / list of dicts a library caller
builds). Both return a new DataFrame with the canonical columns of PEOPLE_COLUMNS,
in that order, followed by any extra columns of the input, untouched. Every problem of
the table is reported at once, as FILE:ROW:COLUMN: what is wrong and how to fix it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from matcher.domain import (
    ADMINISTRATIONS,
    BANDS,
    ROLES,
    band_of_years,
    normalise_topic,
    parse_administration,
    parse_band,
    parse_gender,
    parse_role,
    parse_yes_no,
    split_list,
)
from matcher.errors import InputError
from matcher.i18n import Msg
from matcher.io.tables import (
    SHEETS,
    BoolArray,
    ObjectArray,
    ProblemCollector,
    find_columns,
    header_key,
    header_row,
    listing,
    read_table,
    show,
    source_rows,
    text_column,
)

#: The canonical columns of a validated people table, in order (extra columns follow).
PEOPLE_COLUMNS: Final = (
    "id",
    "role",
    "administration",
    "gender",
    "years",
    "band",
    "capacity",
    "unit",
    "position",
    "topics",
    "same_gender",
    "supervisor_trained",
    "applied_to",
    "name",
    "source_row",
)

#: `DataFrame.attrs` key under which a validated table remembers its file name.
SOURCE_ATTR: Final = "source"

#: A capacity above this is refused (it would be a typing error, and it guards int64).
MAX_CAPACITY: Final = 1_000_000
#: Years in the profession above this are refused as a typing error.
MAX_YEARS: Final = 80.0


@dataclass(frozen=True)
class _Column:
    name: str
    headers: tuple[str, ...]  # accepted headers as shown to users; compared with header_key()
    required: bool = False


_COLUMNS: Final = (
    _Column("id", ("id",), required=True),
    _Column("role", ("role", "roll"), required=True),
    _Column("administration", ("administration", "förvaltning", "forvaltning"), required=True),
    _Column("gender", ("gender", "kön", "kon"), required=True),
    _Column("years", ("years", "år_i_yrket", "ar_i_yrket", "years_in_profession")),
    _Column("band", ("band", "erfarenhet")),
    _Column("capacity", ("capacity", "kapacitet")),
    _Column("unit", ("unit", "enhet")),
    _Column("position", ("position", "befattning")),
    _Column("topics", ("topics", "ämnen", "amnen")),
    _Column("same_gender", ("same_gender", "samma_kön", "samma_kon")),
    _Column("supervisor_trained", ("supervisor_trained", "handledarutbildning")),
    _Column("applied_to", ("applied_to", "sökt_till", "sokt_till")),
    _Column("name", ("name", "namn")),
)
COLUMN_OF_KEY: Final = {header_key(h): column.name for column in _COLUMNS for h in column.headers}
_ACCEPTED: Final = {
    column.name: listing([f"'{h}'" for h in {header_key(h): h for h in reversed(column.headers)}.values()])
    for column in _COLUMNS
}

_HINTS: Final = {
    "role": Msg("input.people.hint.role", {"roles": ", ".join(ROLES)}),
    "administration": Msg("input.people.hint.administration", {"administrations": ", ".join(ADMINISTRATIONS)}),
    "gender": Msg("input.people.hint.gender"),
}
_BAND_HINT: Final = Msg(
    "input.people.hint.band", {"bands": ", ".join(BANDS[:-1]), "last": BANDS[-1], "rule": Msg("input.band_rule")}
)
_NUMBER: Final = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$")
_WHOLE: Final = re.compile(r"^\+?(\d+)(?:[.,]0*)?$")
_NEGATIVE_WHOLE: Final = re.compile(r"^-\d+(?:[.,]0*)?$")


def load_people(path: Path) -> pd.DataFrame:
    """Read and validate a people file (CSV, XLSX or JSON); see `validate_people`."""
    raw, source = read_table(Path(path), SHEETS["people"])
    return validate_people(raw, source)


def validate_people(raw: pd.DataFrame | Sequence[Mapping[str, Any]], source: str, first_row: int = 2) -> pd.DataFrame:
    """Check a people table and return it in canonical form, or raise InputError with every problem.

    `raw` has headers as in the file: English or Swedish, any case, with or without
    å/ä/ö, spaces or '_'. Cells may be text or Python values (numbers, booleans, lists,
    None/NaN). Rows are numbered by the index when it comes from `read_table`, by an
    integer source_row column when the table is one this function returned (so a
    filtered table validated again keeps its file's row numbers), otherwise first_row,
    first_row + 1, ... Output columns: PEOPLE_COLUMNS, then the extra input columns,
    unchanged. The output's ``attrs["source"]`` is `source` (pair files name it).
    """
    if not isinstance(raw, pd.DataFrame):
        raw = pd.DataFrame(list(raw))
    if raw.shape == (0, 0):  # e.g. a JSON file holding []
        raise InputError.single(source, None, None, Msg("input.people.none"))
    rows = source_rows(raw, first_row)
    header_at = header_row(raw, first_row)
    problems = ProblemCollector(source, rows)
    count = len(raw)

    found, extras = find_columns(raw, COLUMN_OF_KEY, problems, header_at)  # extras: kept, ignored

    def header_of(name: str) -> str:
        return found[name][1] if name in found else name

    cache: dict[str, ObjectArray] = {}

    def cells(name: str) -> ObjectArray:
        if name not in cache:
            present = name in found
            cache[name] = text_column(raw.iloc[:, found[name][0]]) if present else np.full(count, "", dtype=object)
        return cache[name]

    for column in _COLUMNS:
        if column.required and column.name not in found:
            problems.add(
                header_at,
                column.name,
                Msg("input.column.missing", {"name": column.name, "accepted": _ACCEPTED[column.name]}),
            )
    if "years" not in found and "band" not in found:
        problems.add(
            header_at,
            "years",
            Msg("input.people.missing_experience", {"years": _ACCEPTED["years"], "band": _ACCEPTED["band"]}),
        )
    if count == 0:
        problems.add(None, None, Msg("input.people.no_rows"))

    ids = cells("id")
    _check_ids(ids, header_of("id"), rows, problems, "id" in found)
    role = _parse_required(cells("role"), "role", header_of("role"), parse_role, problems, "role" in found)
    administration = _parse_required(
        cells("administration"),
        "administration",
        header_of("administration"),
        parse_administration,
        problems,
        "administration" in found,
    )
    gender = _parse_required(
        cells("gender"), "gender", header_of("gender"), parse_gender, problems, "gender" in found
    )
    years, band = _parse_experience(
        cells("years"),
        cells("band"),
        header_of("years"),
        header_of("band"),
        problems,
        experience_given="years" in found or "band" in found,
    )
    capacity = _parse_capacity(cells("capacity"), header_of("capacity"), problems)
    same_gender = _parse_yes_no(cells("same_gender"), header_of("same_gender"), problems)
    supervisor_trained = _parse_yes_no(cells("supervisor_trained"), header_of("supervisor_trained"), problems)
    applied_to, no_choice = _parse_applied_to(cells("applied_to"), header_of("applied_to"), problems)
    topics = _map_unique(cells("topics"), _topics)

    is_trainee = role == "trainee"
    if is_trainee.any() and "applied_to" not in found:
        problems.add(
            header_at, "applied_to", Msg("input.people.missing_applied_to", {"accepted": _ACCEPTED["applied_to"]})
        )
    elif is_trainee.any():
        problems.add_rows(
            is_trainee & no_choice,
            header_of("applied_to"),
            lambda _: Msg("input.people.applied_to_empty", {"header": header_of("applied_to")}),
        )

    problems.raise_if_any()

    # Text columns hold Python strings (object), not pandas' default string dtype: with pyarrow
    # installed that dtype is pyarrow-backed, and membership tests and iteration over it are Python
    # loops several times slower; the engine must behave the same whether pyarrow is there or not.
    table = pd.DataFrame(
        {
            "id": pd.Series(ids, dtype=object),
            "role": pd.Series(role, dtype=object),
            "administration": pd.Series(administration, dtype=object),
            "gender": pd.Series(gender, dtype=object),
            "years": pd.Series(years, dtype=np.float64),
            "band": pd.Series(band, dtype=object),
            "capacity": pd.Series(capacity, dtype=np.int64),
            "unit": pd.Series(cells("unit"), dtype=object),
            "position": pd.Series(cells("position"), dtype=object),
            "topics": pd.Series(topics, dtype=object),
            "same_gender": pd.Series(same_gender, dtype=bool),
            "supervisor_trained": pd.Series(supervisor_trained, dtype=bool),
            "applied_to": pd.Series(applied_to, dtype=object),
            "name": pd.Series(cells("name"), dtype=object),
            "source_row": pd.Series(rows, dtype=np.int64),
        }
    )
    if extras:
        extra = raw.iloc[:, extras].reset_index(drop=True)
        table = pd.concat([table, extra], axis=1)
    table.attrs = {SOURCE_ATTR: source}
    return table


# ----------------------------------------------------------------------------- helpers


def _map_unique(values: ObjectArray, parse: Callable[[str], Any]) -> ObjectArray:
    """parse() applied once per distinct value, spread back over the column."""
    codes, uniques = pd.factorize(values)
    parsed = np.empty(len(uniques) + 1, dtype=object)
    for position, value in enumerate(uniques):
        parsed[position] = parse(str(value))
    parsed[-1] = parse("")
    result: ObjectArray = parsed[codes]
    return result


def _check_ids(ids: ObjectArray, header: str, rows: Any, problems: ProblemCollector, present: bool) -> None:
    if not present:
        return
    problems.add_rows(ids == "", header, lambda _: Msg("input.people.empty_id"))
    codes, _ = pd.factorize(ids)
    _, first_of_code = np.unique(codes, return_index=True)
    first = first_of_code[codes]
    duplicate = (first != np.arange(len(ids))) & (ids != "")
    problems.add_rows(
        duplicate,
        header,
        lambda p: Msg("input.people.duplicate_id", {"id": show(ids[p]), "row": str(rows[first[p]])}),
    )


def _parse_required(
    values: ObjectArray,
    name: str,
    header: str,
    parse: Callable[[str], str | None],
    problems: ProblemCollector,
    present: bool,
) -> ObjectArray:
    """role, administration or gender (`name`): every cell must be one the domain knows."""
    parsed = _map_unique(values, lambda v: parse(v) if v else None)
    if present:
        hint = _HINTS[name]
        empty = values == ""
        problems.add_rows(empty, header, lambda _: Msg(f"input.people.empty.{name}", {"hint": hint}))
        unknown = _is_none(parsed) & ~empty
        problems.add_rows(
            unknown, header, lambda p: Msg(f"input.people.unknown.{name}", {"value": show(values[p]), "hint": hint})
        )
    return np.where(_is_none(parsed), "", parsed)


def _years_of(text: str) -> float | str:
    """Years as a number (NaN when empty), or the reason the text is not acceptable."""
    if not text:
        return math.nan
    if not _NUMBER.match(text):
        return "not a number"
    number = float(text.replace(",", "."))
    if number < 0:
        return "negative"
    if number > MAX_YEARS:
        return "too large"
    return number


def _parse_experience(
    years_text: ObjectArray,
    band_text: ObjectArray,
    years_header: str,
    band_header: str,
    problems: ProblemCollector,
    experience_given: bool,
) -> tuple[np.ndarray[Any, np.dtype[np.float64]], ObjectArray]:
    """Years (NaN when not given) and band (given, else derived from the years) per row."""
    parsed_years = _map_unique(years_text, _years_of)
    bad_years = np.fromiter((isinstance(v, str) for v in parsed_years), dtype=bool, count=len(parsed_years))
    reasons = {
        "not a number": "input.people.years.not_number",
        "negative": "input.people.years.negative",
        "too large": "input.people.years.too_large",
    }
    problems.add_rows(
        bad_years,
        years_header,
        lambda p: Msg(
            reasons[parsed_years[p]], {"header": years_header, "value": show(years_text[p]), "limit": f"{MAX_YEARS:g}"}
        ),
    )
    years = np.where(bad_years, math.nan, parsed_years).astype(np.float64)

    given_band = _map_unique(band_text, lambda v: parse_band(v) if v else None)
    bad_band = _is_none(given_band) & (band_text != "")
    problems.add_rows(
        bad_band,
        band_header,
        lambda p: Msg("input.people.unknown.band", {"value": show(band_text[p]), "hint": _BAND_HINT}),
    )

    has_years = ~np.isnan(years)
    has_band = ~_is_none(given_band)
    derived = np.empty(len(years), dtype=object)
    derived[:] = None
    for position in np.flatnonzero(has_years).tolist():
        derived[position] = band_of_years(float(years[position]))
    neither = ~has_years & ~has_band & ~bad_years & ~bad_band & experience_given
    problems.add_rows(
        neither,
        years_header,
        lambda _: Msg("input.people.no_experience", {"years": years_header, "band": band_header}),
    )
    disagree = has_years & has_band & (derived != given_band)
    problems.add_rows(
        disagree,
        band_header,
        lambda p: Msg(
            "input.people.band_disagrees",
            {
                "band": show(given_band[p]),
                "years_header": years_header,
                "years": f"{years[p]:g}",
                "derived": derived[p],
                "rule": Msg("input.band_rule"),
                "band_header": band_header,
            },
        ),
    )
    band = np.where(has_band, given_band, derived)
    band = np.where(_is_none(band), "", band)
    return years, band


def _capacity_of(text: str) -> int | str:
    if not text:
        return 1
    whole = _WHOLE.match(text)
    if whole:
        number = int(whole.group(1))
        return number if number <= MAX_CAPACITY else "too large"
    if _NEGATIVE_WHOLE.match(text):
        return "negative"
    return "not whole"


def _parse_capacity(values: ObjectArray, header: str, problems: ProblemCollector) -> ObjectArray:
    parsed = _map_unique(values, _capacity_of)
    bad = np.fromiter((isinstance(v, str) for v in parsed), dtype=bool, count=len(parsed))
    reasons = {
        "not whole": Msg("input.people.capacity.not_whole"),
        "negative": Msg("input.people.capacity.negative"),
        "too large": Msg("input.people.capacity.too_large", {"limit": str(MAX_CAPACITY)}),
    }
    problems.add_rows(
        bad,
        header,
        lambda p: Msg(
            "input.people.capacity", {"header": header, "value": show(values[p]), "reason": reasons[parsed[p]]}
        ),
    )
    result: ObjectArray = np.where(bad, 0, parsed)
    return result


def _parse_yes_no(values: ObjectArray, header: str, problems: ProblemCollector) -> BoolArray:
    parsed = _map_unique(values, parse_yes_no)
    bad = _is_none(parsed)
    problems.add_rows(bad, header, lambda p: Msg("input.people.yes_no", {"header": header, "value": show(values[p])}))
    result: BoolArray = np.fromiter((value is True for value in parsed), dtype=bool, count=len(parsed))
    return result


def _topics(text: str) -> tuple[str, ...]:
    topics = (normalise_topic(item) for item in split_list(text))
    return tuple(dict.fromkeys(topic for topic in topics if topic))


def _choices(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """('Hisingen/Enhet 3', 'Nordost'), and the items that are not administrations."""
    good: list[str] = []
    bad: list[str] = []
    for item in split_list(text):
        administration_text, _, unit = item.partition("/")
        administration = parse_administration(administration_text)
        if administration is None:
            bad.append(item)
            continue
        unit = " ".join(unit.split())
        good.append(f"{administration}/{unit}" if unit else administration)
    return tuple(dict.fromkeys(good)), tuple(bad)


def _parse_applied_to(values: ObjectArray, header: str, problems: ProblemCollector) -> tuple[ObjectArray, BoolArray]:
    """The choices of each row, and where a row lists nothing at all."""
    parsed = _map_unique(values, _choices)
    bad = np.fromiter((len(choice[1]) > 0 for choice in parsed), dtype=bool, count=len(parsed))
    nothing = np.fromiter((not choice[0] and not choice[1] for choice in parsed), dtype=bool, count=len(parsed))

    def message(position: int) -> Msg:
        items = ", ".join(show(item) for item in parsed[position][1])
        return Msg(
            "input.people.applied_to_unknown",
            {"items": items, "header": header, "administrations": ", ".join(ADMINISTRATIONS)},
        )

    problems.add_rows(bad, header, message)
    result = np.empty(len(parsed), dtype=object)
    for position, choice in enumerate(parsed):
        result[position] = choice[0]
    return result, nothing


def _is_none(values: ObjectArray) -> BoolArray:
    return np.fromiter((value is None for value in values), dtype=bool, count=len(values))
