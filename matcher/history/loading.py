"""The bridge from a scenario to its history: which database, and the earlier cohorts' pairs.

Called by `Scenario.from_yaml` only when a listed rule reads history (`requires_history`),
so a scenario without such rules never opens a database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from matcher.errors import InputError, Problem

HISTORY_COLUMNS = ["cohort", "back", "mentor_id", "adept_id"]


def scenario_history(
    *,
    needed: bool,
    program: str,
    cohort: str | None,
    cli_db: str | Path | None,
    yaml_db: Any,
    yaml_dir: Path,
    source: str,
    line: int | None,
) -> tuple[str | None, pd.DataFrame | None]:
    """The database target (`--db` first, else the scenario's `history_db:` relative to its file)
    and, when `needed`, the pairs of this programme's cohorts before `cohort`."""
    if cli_db is None and yaml_db in (None, ""):
        return None, None  # no database named: SQLAlchemy is not even imported
    from matcher.history.db import open_database, read_history, resolve_target

    try:
        target = resolve_target(cli_db) if cli_db is not None else resolve_target(str(yaml_db), yaml_dir)
    except (OSError, ValueError) as exc:  # e.g. a NUL byte or a name too long for the system
        where = ("--db", None, "--db") if cli_db is not None else (source, line, "history_db")
        raise InputError.single(*where, f"not a usable database path or URL: {exc}") from None
    if not needed:
        return target, None
    try:
        engine = open_database(target, create=False, column="--db" if cli_db is not None else "history_db")
    except InputError as exc:
        if cli_db is not None:
            raise
        # Located in the scenario, where the coordinator fixes it.
        located = [Problem(source, line, "history_db", f"{p.file}: {p.message}") for p in exc.problems]
        raise InputError(located) from None
    try:
        return target, read_history(engine, program, cohort)
    finally:
        engine.dispose()


def history_table(given: pd.DataFrame | Sequence[Mapping[str, Any]], source: str = "<history>") -> pd.DataFrame:
    """A history given in Python (Scenario.from_people): columns cohort, back (1 = latest earlier cohort),
    mentor_id, adept_id. Past people need not be in this cohort's people file."""
    raw = given if isinstance(given, pd.DataFrame) else pd.DataFrame(list(given), columns=HISTORY_COLUMNS)
    missing = [c for c in HISTORY_COLUMNS if c not in raw.columns]
    if missing:
        raise InputError.single(source, None, ", ".join(missing), f"history needs columns {', '.join(HISTORY_COLUMNS)}")
    table = raw[HISTORY_COLUMNS].copy()
    back = pd.to_numeric(table["back"], errors="coerce")
    bad = [i for i, b in enumerate(back) if pd.isna(b) or b < 1 or b != int(b)]
    if bad:
        raise InputError.single(source, bad[0] + 2, "back", "back must be a whole number >= 1 (1 = the latest cohort)")
    table["back"] = back.astype("int64")
    for column in ("cohort", "mentor_id", "adept_id"):
        table[column] = table[column].astype(str)
    return table.reset_index(drop=True)


def as_seen(history: pd.DataFrame, backs: Mapping[str, int]) -> pd.DataFrame:
    """The history as an earlier run saw it: only its cohorts (`summary.json`'s `history_backs`),
    each at the place it had then. Cohorts published since are left out."""
    kept = history[history["cohort"].astype(str).isin(set(backs))].copy()
    kept["back"] = kept["cohort"].astype(str).map(dict(backs)).astype("int64")
    return kept.reset_index(drop=True)
