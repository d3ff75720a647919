"""The history database on a real SQLite file and a real PostgreSQL server: schema, migrations,
publish, term order, history reads, concurrent publishes.

Never mocked: every test opens a database through the same code the commands use; each runs on
SQLite (a file in tmp_path) and on PostgreSQL (a fresh database on a throwaway server, see
tests/postgres_server.py), except where it is about one of them.
"""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import create_engine, insert, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from matcher.errors import InputError
from matcher.history import db
from matcher.history.db import (
    AlreadyPublished,
    CohortRecord,
    cohort_pairs,
    earlier,
    get_cohort,
    list_cohorts,
    open_database,
    publish_cohort,
    read_history,
    term_key,
)


def record(name: str, program: str = "mentorship") -> CohortRecord:
    return CohortRecord(
        name=name, program=program, scenario_name="s", scenario_file="/x/scenario.yaml",
        scenario_yaml="people: p.csv\n",
        inputs={"files": {"people": {"path": "/x/p.csv", "sha256": "ab"}}}, outputs={"pairs.csv": "cd"},
        solver_status="OPTIMAL", solver="assignment", objective=3.0, best_bound=3.0, tool_version="0.1.0",
        kpis={"pairs": 2},
    )


def pair_table(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame([(m, a, 1) for m, a in rows], columns=["mentor_id", "adept_id", "score"])


def people_table(ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"id": ids, "role": ["mentor" if i.startswith("M") else "adept" for i in ids],
                         "administration": "Centrum"})


def publish(engine: object, name: str, rows: list[tuple[str, str]], program: str = "mentorship",
            replace: bool = False) -> db.CohortInfo:
    ids = sorted({p for pair in rows for p in pair})
    return publish_cohort(engine, record(name, program), pair_table(rows), people_table(ids),  # type: ignore[arg-type]
                          replace=replace)


def rows_of(target: Path | str, query: str) -> list[tuple]:
    """Read with the plain driver (sqlite3, psycopg) on a new connection: what is stored, not what
    SQLAlchemy caches."""
    if isinstance(target, Path) or "://" not in target:
        with sqlite3.connect(target) as conn:
            return conn.execute(query).fetchall()
    import psycopg

    with psycopg.connect(target.replace("postgresql+psycopg://", "postgresql://", 1)) as conn:
        return [tuple(row) for row in conn.execute(query).fetchall()]


def execute(target: str, statement: str) -> None:
    """One statement through the plain driver, committed."""
    if "://" not in target:
        with sqlite3.connect(target) as conn:
            conn.execute(statement)
        return
    import psycopg

    with psycopg.connect(target.replace("postgresql+psycopg://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute(statement)


def raw_engine(target: str) -> Engine:
    """An engine without the tool's migrations: to write what an older matcher wrote."""
    return db._sqlite_engine(target) if "://" not in target else create_engine(target)


def tables_of(target: str) -> set[str]:
    engine = raw_engine(target)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def columns_of(target: str, table: str) -> set[str]:
    engine = raw_engine(target)
    try:
        return {column["name"] for column in inspect(engine).get_columns(table)}
    finally:
        engine.dispose()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite"


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The database, as `--db` takes it: an SQLite file's path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "history.sqlite")
    url: str = request.getfixturevalue("postgres_url")
    return url


def test_a_new_database_gets_the_latest_schema(target: str) -> None:
    engine = open_database(target, create=True)
    engine.dispose()
    assert {"schema_version", "cohorts", "pairs", "participants"} <= tables_of(target)
    assert [v for (v,) in rows_of(target, "SELECT version FROM schema_version ORDER BY version")] == [1, 2]
    # Opening again applies nothing twice.
    open_database(target, create=False).dispose()
    assert rows_of(target, "SELECT count(*) FROM schema_version") == [(2,)]


def test_reading_a_missing_database_is_an_input_error_not_an_empty_history(path: Path) -> None:
    with pytest.raises(InputError) as caught:
        open_database(str(path), create=False)
    assert "not found" in str(caught.value) and "matcher publish" in str(caught.value)
    assert not path.exists()


def test_migration_from_schema_version_1_keeps_the_data_and_backfills_participants(target: str) -> None:
    engine = raw_engine(target)
    assert db.migrate(engine, target_version=1) == 1
    with engine.begin() as conn:  # a cohort written by a version-1 matcher
        values = {k: getattr(record("VT25"), k) for k in record("VT25").__dataclass_fields__}
        values |= {"inputs": "{}", "outputs": "{}", "kpis": "{}", "published_at": "2025-01-10T10:00:00+00:00",
                   "n_pairs": 2}
        cohort_id = conn.execute(insert(db.cohorts).values(**values).returning(db.cohorts.c.id)).scalar_one()
        conn.execute(insert(db.pairs), [{"cohort_id": cohort_id, "mentor_id": "M1", "adept_id": "A1", "score": 5},
                                        {"cohort_id": cohort_id, "mentor_id": "M1", "adept_id": "A2", "score": 4}])
    engine.dispose()
    assert "participants" not in tables_of(target)

    engine = open_database(target, create=False)
    assert rows_of(target, "SELECT max(version) FROM schema_version") == [(2,)]
    info = get_cohort(engine, "VT25")
    assert info is not None and info.n_pairs == 2
    assert info.participants == {"mentor": 1, "adept": 2}
    assert cohort_pairs(engine, "VT25")[["mentor_id", "adept_id"]].values.tolist() == [["M1", "A1"], ["M1", "A2"]]
    publish(engine, "HT25", [("M2", "A3")])  # and the migrated database takes new cohorts
    assert [c.name for c in list_cohorts(engine)] == ["VT25", "HT25"]


def test_a_newer_schema_is_refused(target: str) -> None:
    open_database(target, create=True).dispose()
    execute(target, "INSERT INTO schema_version VALUES (99, 'later')")
    with pytest.raises(InputError) as caught:
        open_database(target, create=False)
    assert "99" in str(caught.value) and "upgrade matcher" in str(caught.value)


def test_publish_stores_the_audit_and_no_names(target: str) -> None:
    engine = open_database(target, create=True)
    info = publish(engine, "VT26", [("M1", "A1"), ("M2", "A2")])
    assert info.n_pairs == 2 and info.solver_status == "OPTIMAL" and info.tool_version == "0.1.0"
    assert info.inputs["files"]["people"]["sha256"] == "ab" and info.scenario_yaml == "people: p.csv\n"
    stored = rows_of(target, "SELECT inputs, scenario_yaml, kpis FROM cohorts")[0]
    assert json.loads(stored[0])["files"]["people"]["sha256"] == "ab"
    columns = {c for t in ("cohorts", "pairs", "participants") for c in columns_of(target, t)}
    assert not any("name" in c and c not in ("name", "scenario_name") for c in columns)
    assert "namn" not in columns
    assert rows_of(target, "SELECT person_id, role FROM participants ORDER BY person_id") == [
        ("A1", "adept"), ("A2", "adept"), ("M1", "mentor"), ("M2", "mentor")]


def test_double_publish_is_refused_and_changes_nothing(target: str) -> None:
    engine = open_database(target, create=True)
    publish(engine, "VT26", [("M1", "A1")])
    before = rows_of(target, "SELECT * FROM pairs"), rows_of(target, "SELECT * FROM cohorts")
    with pytest.raises(AlreadyPublished) as caught:
        publish(engine, "VT26", [("M1", "A2"), ("M3", "A3")])
    assert caught.value.existing.n_pairs == 1
    assert (rows_of(target, "SELECT * FROM pairs"), rows_of(target, "SELECT * FROM cohorts")) == before


def test_replace_swaps_the_cohort_in_one_transaction(target: str) -> None:
    engine = open_database(target, create=True)
    publish(engine, "VT26", [("M1", "A1")])
    publish(engine, "VT26", [("M1", "A2"), ("M3", "A3")], replace=True)
    assert cohort_pairs(engine, "VT26")[["mentor_id", "adept_id"]].values.tolist() == [["M1", "A2"], ["M3", "A3"]]
    assert rows_of(target, "SELECT count(*) FROM cohorts") == [(1,)]
    assert rows_of(target, "SELECT count(*) FROM participants") == [(4,)]  # the old A1 is gone


def test_a_failing_write_leaves_nothing_behind(target: str) -> None:
    engine = open_database(target, create=True)
    with pytest.raises(IntegrityError):  # the same adept twice: the unique key fails on the last insert
        publish(engine, "VT26", [("M1", "A1"), ("M2", "A1")])
    assert rows_of(target, "SELECT count(*) FROM cohorts") == [(0,)]
    assert rows_of(target, "SELECT count(*) FROM participants") == [(0,)]


def test_foreign_keys_are_enforced(target: str) -> None:
    engine = open_database(target, create=True)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(db.pairs).values(cohort_id=42, mentor_id="M1", adept_id="A1", score=1))


def _publish_in_a_process(target: str, name: str, rows: list[tuple[str, str]], start: Any, outcome: Any) -> None:
    engine = open_database(target, create=False)
    start.wait(30)
    try:
        publish(engine, name, rows)
        outcome.put("published")
    except AlreadyPublished:
        outcome.put("refused")
    except Exception as exc:  # reported to the test, which fails on it
        outcome.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.parametrize("same_cohort", [True, False])
def test_concurrent_publishes_lose_nothing(target: str, same_cohort: bool) -> None:
    """Four processes publish at the same moment: the same cohort (one wins, the rest are told it is
    published) or four different ones (all kept); the database stays whole either way."""
    open_database(target, create=True).dispose()
    context = multiprocessing.get_context("spawn")
    start, outcome = context.Event(), context.Queue()
    names = ["VT26"] * 4 if same_cohort else ["VT26", "HT26", "VT27", "HT27"]
    workers = [
        context.Process(target=_publish_in_a_process, args=(target, name, [(f"M{k}", f"A{k}")], start, outcome))
        for k, name in enumerate(names)
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(60)
    results = sorted(outcome.get(timeout=5) for _ in workers)
    if same_cohort:
        assert results == ["published", "refused", "refused", "refused"], results
    else:
        assert results == ["published"] * 4, results
    engine = open_database(target, create=False)
    assert sorted(c.name for c in list_cohorts(engine)) == sorted(set(names))
    assert rows_of(target, "SELECT count(*) FROM pairs") == [(len(set(names)),)]
    assert rows_of(target, "SELECT count(*) FROM participants") == [(2 * len(set(names)),)]


@pytest.mark.parametrize(("name", "key"), [
    ("VT26", (2026, 0)), ("HT26", (2026, 1)), ("ht 2027", (2027, 1)), ("Kull VT-25", (2025, 0)),
    ("trainee HT26", (2026, 1)), ("autumn", None), ("VT26 and HT26", None), ("VT260", None),
])
def test_term_names(name: str, key: tuple[int, int] | None) -> None:
    assert term_key(name) == key


def test_cohort_order_by_term_else_by_publication() -> None:
    rows = [{"id": 1, "name": "HT26"}, {"id": 2, "name": "VT26"}, {"id": 3, "name": "VT27"}]
    assert [r["name"] for r in db.ordered(rows)] == ["VT26", "HT26", "VT27"]
    assert [r["name"] for r in earlier(rows, "HT26")] == ["VT26"]  # published: those before it
    assert [r["name"] for r in earlier(rows, "VT27")] == ["HT26", "VT26"]
    assert [r["name"] for r in earlier(rows, "HT27")] == ["VT27", "HT26", "VT26"]  # not published: by term
    assert earlier(rows, "kull VT26 rerun") == []  # the term of VT26: nothing before it
    assert [r["name"] for r in earlier(rows, "special")] == ["VT27", "HT26", "VT26"]  # no term: all published
    assert earlier(rows, "VT25") == []  # re-running an old term sees nothing later
    mixed = [*rows, {"id": 4, "name": "extra"}]
    assert [r["name"] for r in db.ordered(mixed)] == ["HT26", "VT26", "VT27", "extra"]


def test_read_history_numbers_cohorts_back_and_keeps_programmes_apart(target: str) -> None:
    engine = open_database(target, create=True)
    publish(engine, "HT26", [("M1", "A2")])
    publish(engine, "VT26", [("M1", "A1")])
    publish(engine, "trainee VT26", [("S1", "T1")], program="trainee")
    history = read_history(engine, "mentorship", "VT27")
    assert list(history.columns) == ["cohort", "back", "mentor_id", "adept_id"]
    assert history.values.tolist() == [["HT26", 1, "M1", "A2"], ["VT26", 2, "M1", "A1"]]
    assert read_history(engine, "mentorship", "HT26").values.tolist() == [["VT26", 1, "M1", "A1"]]
    assert read_history(engine, "trainee", None).values.tolist() == [["trainee VT26", 1, "S1", "T1"]]
    assert read_history(engine, "mentorship", "VT26").empty
    assert str(read_history(engine, "mentorship", "VT26")["back"].dtype) == "int64"


def test_a_url_works_as_well_as_a_path(path: Path) -> None:
    engine = open_database(f"sqlite:///{path}", create=True)
    publish(engine, "VT26", [("M1", "A1")])
    engine.dispose()
    again = open_database(str(path), create=False)
    assert [c.name for c in list_cohorts(again)] == ["VT26"]
    with pytest.raises(InputError) as caught:
        open_database("nosuchdialect://user:secret@host/db", create=False)
    assert "secret" not in str(caught.value)


def test_transactions_are_real_transactions(path: Path) -> None:
    """Reads inside publish see a consistent file: BEGIN is emitted, not left to the driver."""
    engine = open_database(str(path), create=True)
    with engine.connect() as conn:
        conn.begin()
        conn.execute(insert(db.schema_version).values(version=50, applied_at="x"))
        assert conn.exec_driver_sql("SELECT 1").scalar() == 1
        assert sqlite3.connect(path, timeout=0.1).execute("SELECT max(version) FROM schema_version").fetchone() == (2,)
        conn.rollback()
    with engine.begin() as conn:
        assert conn.execute(select(db.schema_version.c.version)).scalars().all() == [1, 2]
