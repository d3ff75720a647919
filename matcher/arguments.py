"""The library's public functions check what they are given and say what is wrong as an InputError
(exit 2 on the command line), instead of failing deep inside with AttributeError or KeyError.

`solve`, `check_matching`, `repair_matching` and `Scenario.from_people` call these at their entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from matcher.errors import InputError
from matcher.i18n import Msg
from matcher.limits import size_problems

if TYPE_CHECKING:
    from matcher.scenario import Scenario

_GIVER_COLUMNS = ("mentor_id", "supervisor_id")
_TAKER_COLUMNS = ("adept_id", "trainee_id")


def _kind(value: object) -> str:
    """What a value is, for a message: 'None', 'a DataFrame', 'a list of tuple'."""
    if value is None:
        return "None"
    if isinstance(value, list | tuple) and value:
        return f"a {type(value).__name__} of {type(value[0]).__name__}"
    return f"a {type(value).__name__}"


def _wrong(name: str, wanted: str, value: object) -> InputError:
    return InputError.single(name, None, None,
                             Msg("input.argument.type", {"name": name, "wanted": Msg(wanted), "got": _kind(value)}))


def checked_scenario(value: object, name: str = "scenario") -> Scenario:
    """`value` when it is a Scenario small enough to solve; InputError otherwise."""
    from matcher.scenario import Scenario

    if not isinstance(value, Scenario):
        raise _wrong(name, "input.argument.scenario", value)
    source = str(value.files.get("people", "<people>"))
    too_large = size_problems(value.people, value.program, source)
    if too_large:
        raise InputError(too_large)
    return value


def table(value: object, name: str, wanted: str = "input.argument.pairs_table") -> pd.DataFrame:
    """A DataFrame, or a list of dicts made one; InputError for anything else."""
    if isinstance(value, pd.DataFrame):
        return value
    if isinstance(value, Sequence) and not isinstance(value, str | bytes) and all(
        isinstance(row, Mapping) for row in value
    ):
        return pd.DataFrame(list(value))
    raise _wrong(name, wanted, value)


def pairs_table(value: object, name: str) -> pd.DataFrame:
    """A table of pairs with mentor_id,adept_id (or supervisor_id,trainee_id) columns."""
    frame = table(value, name)
    missing = [
        columns[0] for columns in (_GIVER_COLUMNS, _TAKER_COLUMNS) if not any(c in frame.columns for c in columns)
    ]
    if missing:
        raise InputError.single(name, None, None,
                                Msg("input.argument.pairs_columns", {"name": name, "missing": ", ".join(missing)}))
    return frame


def id_list(value: Any, name: str) -> list[str]:
    """A list of ids (a single string is refused: iterating it would give its letters)."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | set | frozenset | pd.Series):
        raise InputError.single(name, None, None, Msg("input.argument.type", {
            "name": name, "wanted": Msg("input.argument.ids"), "got": _kind(value)}))
    return [str(item) for item in value]


def mapping(value: object, name: str) -> Mapping[str, Any]:
    """A mapping (constraints, solver settings); InputError for anything else."""
    if not isinstance(value, Mapping):
        raise _wrong(name, "input.argument.mapping", value)
    return value
