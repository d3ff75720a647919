"""The history database: published cohorts and their pairs, in SQLite (default) or PostgreSQL.

A plain path means an SQLite file (`sqlite:///PATH`); anything with `://` is an SQLAlchemy
URL (`postgresql+psycopg://user@host/matcher`). The tool creates and migrates its own schema
on open (`MIGRATIONS`, applied in order, each in its own transaction, recorded in
`schema_version`). Every write is one transaction: a publish killed half-way leaves nothing.

No names are ever stored: people appear only as ids, with their role and administration.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError

from matcher.domain import GIVER_ROLE, TAKER_ROLE
from matcher.errors import InputError
from matcher.history.loading import HISTORY_COLUMNS

#: Test hook (used by tests/history/test_cli_history.py): seconds to sleep inside the publish
#: transaction after half of the pairs are written, announced on stderr, so a test can kill
#: the process mid-publish. Unset in normal use.
PAUSE_ENV = "MATCHER_TEST_PUBLISH_PAUSE"
PAUSE_MARK = "matcher: publish paused inside its transaction"

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", String(32), nullable=False),
)

cohorts = Table(
    "cohorts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("program", String(20), nullable=False),
    Column("published_at", String(32), nullable=False),  # ISO 8601, UTC
    Column("scenario_name", Text),
    Column("scenario_file", Text),
    Column("scenario_yaml", Text, nullable=False),  # the scenario file's text, as run
    Column("inputs", Text, nullable=False),  # JSON: kind -> {path, sha256, bytes}, checked at publish
    Column("outputs", Text, nullable=False),  # JSON: pairs.csv / summary.json -> sha256
    Column("solver_status", String(20), nullable=False),
    Column("solver", String(60)),
    Column("objective", Float),
    Column("best_bound", Float),
    Column("tool_version", String(40), nullable=False),
    Column("n_pairs", Integer, nullable=False),
    Column("kpis", Text),  # JSON aggregates from summary.json: never a name, never an id
)

pairs = Table(
    "pairs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("cohort_id", Integer, ForeignKey("cohorts.id", ondelete="CASCADE"), nullable=False),
    Column("mentor_id", String(200), nullable=False),
    Column("adept_id", String(200), nullable=False),
    Column("score", Integer),
    UniqueConstraint("cohort_id", "adept_id", name="one_mentor_per_adept"),
    Index("pairs_mentor", "mentor_id"),
)

# Schema version 2: who took part in a cohort (matched or not), as ids only.
participants = Table(
    "participants",
    metadata,
    Column("cohort_id", Integer, ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", String(200), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("administration", String(40)),
)


def _migration_1(conn: Connection) -> None:
    """The first schema: cohorts and their pairs."""
    metadata.create_all(conn, tables=[cohorts, pairs])


def _migration_2(conn: Connection) -> None:
    """Participants per cohort; older cohorts get theirs from their pairs (administration unknown)."""
    participants.create(conn)
    for cohort_id, program in conn.execute(select(cohorts.c.id, cohorts.c.program)).all():
        rows = conn.execute(select(pairs.c.mentor_id, pairs.c.adept_id).where(pairs.c.cohort_id == cohort_id)).all()
        people = {m: GIVER_ROLE.get(program, "mentor") for m, _ in rows}
        people |= {a: TAKER_ROLE.get(program, "adept") for _, a in rows}
        if people:
            found = [
                {"cohort_id": cohort_id, "person_id": p, "role": r, "administration": None} for p, r in people.items()
            ]
            conn.execute(insert(participants), found)


#: Applied in order on open; version N is MIGRATIONS[N - 1]. The Table objects above describe
#: the latest schema: a later change to an existing table is a new migration with its own DDL.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_migration_1, _migration_2)
SCHEMA_VERSION = len(MIGRATIONS)


# -- opening ------------------------------------------------------------------------------------


def is_url(target: str | Path) -> bool:
    return "://" in str(target)


def resolve_target(target: str | Path, base: Path | None = None) -> str:
    """A URL as given; a path made absolute (relative to `base`, the scenario's folder, when given)."""
    if is_url(target):
        return str(target)
    path = Path(target).expanduser()
    if base is not None and not path.is_absolute():
        path = base / path
    return str(path.resolve())


def display(target: str) -> str:
    """The target for messages: a URL without its password."""
    if not is_url(target):
        return target
    try:
        return make_url(target).render_as_string(hide_password=True)
    except ArgumentError:
        return target.split("://", 1)[0] + "://..."


def _sqlite_engine(path: str) -> Engine:
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is off: SQLAlchemy's begin() emits BEGIN below,
        # so DDL (migrations) and the read-then-write of publish are inside the transaction too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # take the write lock first: no lost update between processes

    return engine


def open_database(target: str, *, create: bool, column: str = "history_db") -> Engine:
    """An engine on the database, its schema created or migrated to SCHEMA_VERSION.

    `create=False` (reading history) refuses a missing SQLite file: a typo must not look
    like an empty history. Problems are InputErrors located at `column` (history_db / --db).
    """
    shown = display(target)
    if not is_url(target):
        path = Path(target)
        if not path.exists() and not create:
            raise InputError.single(
                shown,
                None,
                column,
                "history database not found; publish a cohort first (`matcher publish OUT --cohort NAME "
                "--db PATH`) or check the path (it is relative to the scenario file)",
            )
        if path.is_dir():
            raise InputError.single(shown, None, column, "is a folder; give the database file, e.g. history.sqlite")
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = _sqlite_engine(target) if not is_url(target) else create_engine(target)
        migrate(engine, shown=shown)
    except InputError:
        raise
    except (SQLAlchemyError, ImportError) as exc:
        raise InputError.single(shown, None, column, f"cannot open the history database: {_reason(exc)}") from None
    return engine


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).splitlines()[0]


def current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "schema_version"):
        return 0
    return int(conn.execute(select(func.coalesce(func.max(schema_version.c.version), 0))).scalar_one())


def migrate(engine: Engine, *, target_version: int = SCHEMA_VERSION, shown: str = "history database") -> int:
    """Apply the missing migrations, each with its version row in one transaction; the version reached."""
    with engine.begin() as conn:
        if not conn.dialect.has_table(conn, "schema_version"):
            schema_version.create(conn)
        version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise InputError.single(
            shown,
            None,
            None,
            f"the history database has schema version {version}, newer than this matcher knows "
            f"({SCHEMA_VERSION}); upgrade matcher",
        )
    while version < target_version:
        with engine.begin() as conn:
            if current_version(conn) != version:  # another process migrated meanwhile
                version = current_version(conn)
                continue
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(insert(schema_version).values(version=version, applied_at=_now()))
    return version


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- terms: the order of cohorts ----------------------------------------------------------------

_TERM = re.compile(r"(?<![A-Za-z0-9])(VT|HT)[ _-]?(\d{4}|\d{2})(?!\d)", re.IGNORECASE)


def term_key(name: str) -> tuple[int, int] | None:
    """(year, 0 spring / 1 autumn) for a name with exactly one term in it: VT26, HT 2026, 'kull VT26'."""
    found = _TERM.findall(name)
    if len(found) != 1:
        return None
    half, year = found[0]
    number = int(year)
    return (number + 2000 if number < 100 else number, 0 if half.upper() == "VT" else 1)


def ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cohorts oldest first: by term when every name is a term (VT26 < HT26 < VT27), else by publication."""
    keys = [term_key(str(r["name"])) for r in rows]
    if all(k is not None for k in keys):
        return [r for _, r in sorted(zip(keys, rows, strict=True), key=lambda kr: (kr[0], kr[1]["id"]))]
    return sorted(rows, key=lambda r: int(r["id"]))


def earlier(rows: list[dict[str, Any]], current: str | None) -> list[dict[str, Any]]:
    """The cohorts before `current`, most recent first (all of them when `current` is None).

    `current` published: those before it in `ordered`. Not published: all, unless every name
    (the current one too) is a term, then those of earlier terms -- a re-run of VT26 after
    HT26 was published does not see HT26.
    """
    oldest_first = ordered(rows)
    if current is not None:
        names = [str(r["name"]) for r in oldest_first]
        if current in names:
            oldest_first = oldest_first[: names.index(current)]
        else:
            key = term_key(current)
            keys = [term_key(n) for n in names]
            if key is not None and all(k is not None for k in keys):
                oldest_first = [r for r, k in zip(oldest_first, keys, strict=True) if k is not None and k < key]
    return oldest_first[::-1]


# -- reading ------------------------------------------------------------------------------------



def _cohort_rows(conn: Connection, program: str | None = None) -> list[dict[str, Any]]:
    query = select(cohorts)
    if program is not None:
        query = query.where(cohorts.c.program == program)
    return [dict(r._mapping) for r in conn.execute(query).all()]


def _info(conn: Connection, row: dict[str, Any]) -> CohortInfo:
    counts = conn.execute(
        select(participants.c.role, func.count())
        .where(participants.c.cohort_id == row["id"])
        .group_by(participants.c.role)
    ).all()
    return CohortInfo(
        **{k: row[k] for k in row if k not in ("inputs", "outputs", "kpis")},
        inputs=json.loads(row["inputs"] or "{}"),
        outputs=json.loads(row["outputs"] or "{}"),
        kpis=json.loads(row["kpis"] or "{}"),
        participants={str(role): int(n) for role, n in counts},
    )


def list_cohorts(engine: Engine) -> list[CohortInfo]:
    """Every published cohort, per programme oldest first."""
    with engine.begin() as conn:
        rows = _cohort_rows(conn)
        by_program = sorted({str(r["program"]) for r in rows})
        return [_info(conn, r) for p in by_program for r in ordered([r for r in rows if r["program"] == p])]


def get_cohort(engine: Engine, name: str) -> CohortInfo | None:
    with engine.begin() as conn:
        row = conn.execute(select(cohorts).where(cohorts.c.name == name)).first()
        return _info(conn, dict(row._mapping)) if row is not None else None


def cohort_pairs(engine: Engine, name: str) -> pd.DataFrame:
    """The cohort's pairs: mentor_id, adept_id, score (sorted)."""
    with engine.begin() as conn:
        rows = conn.execute(
            select(pairs.c.mentor_id, pairs.c.adept_id, pairs.c.score)
            .join(cohorts, cohorts.c.id == pairs.c.cohort_id)
            .where(cohorts.c.name == name)
            .order_by(pairs.c.mentor_id, pairs.c.adept_id)
        ).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=["mentor_id", "adept_id", "score"])


def read_history(engine: Engine, program: str, current: str | None) -> pd.DataFrame:
    """Pairs of the programme's cohorts before `current`: cohort, back (1 = the latest), mentor_id, adept_id."""
    with engine.begin() as conn:
        before = earlier(_cohort_rows(conn, program), current)
        frames: list[tuple[str, int, str, str]] = []
        for back, row in enumerate(before, start=1):
            found = conn.execute(
                select(pairs.c.mentor_id, pairs.c.adept_id).where(pairs.c.cohort_id == row["id"])
            ).all()
            frames.extend((str(row["name"]), back, str(m), str(a)) for m, a in found)
    table = pd.DataFrame(frames, columns=HISTORY_COLUMNS)
    table["back"] = table["back"].astype("int64")
    return table


# -- writing ------------------------------------------------------------------------------------


@dataclass
class CohortRecord:
    """What publish stores about a cohort besides its pairs and participants."""

    name: str
    program: str
    scenario_name: str | None
    scenario_file: str | None
    scenario_yaml: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    solver_status: str
    solver: str | None
    objective: float | None
    best_bound: float | None
    tool_version: str
    kpis: dict[str, Any]


@dataclass
class CohortInfo(CohortRecord):
    """One published cohort's record as stored (not its pairs)."""

    id: int
    published_at: str
    n_pairs: int
    participants: dict[str, int]  # role -> how many took part


class AlreadyPublished(Exception):
    """The cohort name is taken; carries the existing record for the message."""

    def __init__(self, existing: CohortInfo) -> None:
        self.existing = existing
        super().__init__(existing.name)


def _pause_for_tests() -> None:
    seconds = os.environ.get(PAUSE_ENV)
    if seconds:
        print(PAUSE_MARK, file=sys.stderr, flush=True)
        time.sleep(float(seconds))


def publish_cohort(
    engine: Engine,
    record: CohortRecord,
    pair_table: pd.DataFrame,
    people: pd.DataFrame,
    *,
    replace: bool = False,
) -> CohortInfo:
    """Record a cohort in one transaction: all of it, or nothing.

    `pair_table`: mentor_id, adept_id, score; `people`: id, role, administration (no names).
    A cohort of that name already there raises AlreadyPublished, unless `replace`: then the
    old record is removed in the same transaction.
    """
    try:
        return _publish(engine, record, pair_table, people, replace)
    except IntegrityError:
        # Another process published the name between our read and insert (SQLite's BEGIN IMMEDIATE
        # rules that out; a PostgreSQL server does not): the unique name is the last word.
        existing = get_cohort(engine, record.name)
        if existing is not None and not replace:
            raise AlreadyPublished(existing) from None
        raise


def _publish(
    engine: Engine, record: CohortRecord, pair_table: pd.DataFrame, people: pd.DataFrame, replace: bool
) -> CohortInfo:
    with engine.begin() as conn:
        row = conn.execute(select(cohorts).where(cohorts.c.name == record.name)).first()
        if row is not None:
            if not replace:
                raise AlreadyPublished(_info(conn, dict(row._mapping)))
            old = row._mapping["id"]
            for table in (pairs, participants):
                conn.execute(delete(table).where(table.c.cohort_id == old))
            conn.execute(delete(cohorts).where(cohorts.c.id == old))
        values = {k: getattr(record, k) for k in record.__dataclass_fields__}
        for key in ("inputs", "outputs", "kpis"):
            values[key] = json.dumps(values[key], sort_keys=True, default=str)
        values |= {"published_at": _now(), "n_pairs": len(pair_table)}
        cohort_id = conn.execute(insert(cohorts).values(**values).returning(cohorts.c.id)).scalar_one()
        people_rows = [
            {"cohort_id": cohort_id, "person_id": str(p), "role": str(r), "administration": str(a)}
            for p, r, a in zip(people["id"], people["role"], people["administration"], strict=True)
        ]
        if people_rows:
            conn.execute(insert(participants), people_rows)
        pair_rows = [
            {"cohort_id": cohort_id, "mentor_id": str(m), "adept_id": str(a), "score": None if pd.isna(s) else int(s)}
            for m, a, s in zip(pair_table["mentor_id"], pair_table["adept_id"], pair_table["score"], strict=True)
        ]
        half = (len(pair_rows) + 1) // 2
        if pair_rows:
            conn.execute(insert(pairs), pair_rows[:half])
        _pause_for_tests()  # a no-op unless a test asks: half of the pairs are written
        if pair_rows[half:]:
            conn.execute(insert(pairs), pair_rows[half:])
        info = _info(conn, dict(conn.execute(select(cohorts).where(cohorts.c.id == cohort_id)).one()._mapping))
    return info
