"""The workspace's own records: matchings, runs, decisions and publications, in SQLite.

Kept in `FOLDER/.matcher/workspace.sqlite` with the write-ahead log and `synchronous=FULL`,
one short transaction per decision: a server killed at any moment loses no decision it
has answered for, and two tabs deciding at once both land (SQLite serialises the writers,
each waiting up to `BUSY_TIMEOUT_S` for the other). Every call opens its own connection,
so the store is safe from any thread or process.

Names never enter this database: it holds ids, statuses, the coordinator's optional decline
reason and who decided.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

BUSY_TIMEOUT_S: Final = 30.0
STATUSES: Final = ("undecided", "approved", "locked", "declined")
Status = Literal["undecided", "approved", "locked", "declined"]
RunState = Literal["running", "done", "failed", "infeasible", "no_solution", "cancelled", "interrupted"]

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS matchings(
    slug TEXT PRIMARY KEY, yaml TEXT NOT NULL, base_locked TEXT, base_exclusions TEXT, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs(
    id TEXT PRIMARY KEY, slug TEXT NOT NULL, kind TEXT NOT NULL, out_dir TEXT NOT NULL, state TEXT NOT NULL,
    pid INTEGER, started_at TEXT NOT NULL, finished_at TEXT, outcome TEXT, previous TEXT, who TEXT);
CREATE TABLE IF NOT EXISTS decisions(
    slug TEXT NOT NULL, mentor_id TEXT NOT NULL, adept_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,
    who TEXT, at TEXT NOT NULL, PRIMARY KEY(slug, mentor_id, adept_id));
CREATE TABLE IF NOT EXISTS decision_log(
    id INTEGER PRIMARY KEY AUTOINCREMENT, slug TEXT NOT NULL, mentor_id TEXT NOT NULL, adept_id TEXT NOT NULL,
    status TEXT NOT NULL, reason TEXT, who TEXT, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS publications(
    id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, cohort TEXT NOT NULL, db TEXT NOT NULL,
    who TEXT, at TEXT NOT NULL);
"""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Matching:
    slug: str
    yaml: str  # relative to the workspace
    base_locked: str | None
    base_exclusions: str | None


@dataclass(frozen=True)
class Run:
    id: str
    slug: str
    kind: str  # run | repair | whatif
    out_dir: str  # relative to the workspace
    state: str
    pid: int | None
    started_at: str
    finished_at: str | None
    outcome: str | None  # JSON written by the worker's last line
    previous: str | None  # the run this one is compared with (re-run) or repairs / asks "what if" about
    who: str | None


@dataclass(frozen=True)
class Decision:
    mentor_id: str
    adept_id: str
    status: str
    reason: str | None
    who: str | None
    at: str


class Store:
    """The workspace database; one connection per call."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous=FULL")
            conn.row_factory = sqlite3.Row
            yield conn
        finally:
            conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE .. COMMIT: the writer lock is taken at once, so concurrent writers queue."""
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # -- matchings ------------------------------------------------------------------------------
    def add_matching(self, matching: Matching) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO matchings VALUES (?, ?, ?, ?, ?)",
                (matching.slug, matching.yaml, matching.base_locked, matching.base_exclusions, now()),
            )

    def matching(self, slug: str) -> Matching | None:
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM matchings WHERE slug = ?", (slug,)).fetchone()
        return None if row is None else Matching(row["slug"], row["yaml"], row["base_locked"], row["base_exclusions"])

    def matchings(self) -> list[Matching]:
        with self._connect() as conn:
            rows = conn.execute("SELECT * FROM matchings ORDER BY created_at, slug").fetchall()
        return [Matching(r["slug"], r["yaml"], r["base_locked"], r["base_exclusions"]) for r in rows]

    # -- runs --------------------------------------------------------------------------------------
    def next_run_id(self, slug: str, kind: str) -> str:
        prefix = {"run": "", "repair": "r", "whatif": "w"}[kind]
        with self._connect() as conn:
            count = conn.execute("SELECT COUNT(*) FROM runs WHERE slug = ? AND kind = ?", (slug, kind)).fetchone()[0]
        return f"{slug}-{prefix}{count + 1:03d}"

    def add_run(self, run: Run) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run.id, run.slug, run.kind, run.out_dir, run.state, run.pid, run.started_at, run.finished_at,
                 run.outcome, run.previous, run.who),
            )

    def set_pid(self, run_id: str, pid: int) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE runs SET pid = ? WHERE id = ?", (pid, run_id))

    def finish_run(self, run_id: str, state: RunState, outcome: str | None) -> None:
        """Record how a run ended, once: a run already finished keeps its first ending."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE runs SET state = ?, outcome = ?, finished_at = ? WHERE id = ? AND state = 'running'",
                (state, outcome, now(), run_id),
            )

    def run(self, run_id: str) -> Run | None:
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return None if row is None else Run(**dict(row))

    def runs(self, slug: str | None = None, kind: str | None = None) -> list[Run]:
        query, args = "SELECT * FROM runs WHERE 1=1", list[str]()
        if slug is not None:
            query, args = query + " AND slug = ?", [*args, slug]
        if kind is not None:
            query, args = query + " AND kind = ?", [*args, kind]
        with self._connect() as conn:
            rows = conn.execute(query + " ORDER BY started_at, id", args).fetchall()
        return [Run(**dict(r)) for r in rows]

    # -- decisions -------------------------------------------------------------------------------
    def decide(self, slug: str, mentor_id: str, adept_id: str, status: Status, reason: str | None, who: str) -> None:
        """One decision, in its own transaction (and in the log, so nothing is ever overwritten unseen)."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        at = now()
        reason = (reason or "").strip() or None if status == "declined" else None
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(slug, mentor_id, adept_id) "
                "DO UPDATE SET status = excluded.status, reason = excluded.reason, who = excluded.who, "
                "at = excluded.at",
                (slug, mentor_id, adept_id, status, reason, who, at),
            )
            conn.execute(
                "INSERT INTO decision_log(slug, mentor_id, adept_id, status, reason, who, at) VALUES (?,?,?,?,?,?,?)",
                (slug, mentor_id, adept_id, status, reason, who, at),
            )

    def decisions(self, slug: str) -> dict[tuple[str, str], Decision]:
        with self._connect() as conn:
            rows = conn.execute("SELECT * FROM decisions WHERE slug = ?", (slug,)).fetchall()
        return {
            (r["mentor_id"], r["adept_id"]): Decision(r["mentor_id"], r["adept_id"], r["status"], r["reason"],
                                                      r["who"], r["at"])
            for r in rows
        }

    # -- publications -----------------------------------------------------------------------------
    def add_publication(self, run_id: str, cohort: str, db: str, who: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO publications(run_id, cohort, db, who, at) VALUES (?, ?, ?, ?, ?)",
                (run_id, cohort, db, who, now()),
            )

    def publications(self, run_id: str | None = None) -> list[dict[str, Any]]:
        query = "SELECT * FROM publications" + (" WHERE run_id = ?" if run_id else "") + " ORDER BY id"
        with self._connect() as conn:
            rows = conn.execute(query, (run_id,) if run_id else ()).fetchall()
        return [dict(r) for r in rows]
