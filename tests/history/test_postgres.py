"""The history database on a real PostgreSQL server, as a shared workspace server would use it.

`.ci/run` starts a throw-away server (`.ci/postgres`: Debian's PostgreSQL on a Unix socket) and
sets MATCHER_TEST_POSTGRES to its URL and MATCHER_REQUIRE_POSTGRES=1; without a server these
tests skip with the reason (or fail, when it is required). Each test gets its own empty database.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_cli_history import COHORT, matcher, pair_set, scenario_text
from test_db import publish

from matcher.history.db import AlreadyPublished, cohort_pairs, list_cohorts, open_database, read_history

SERVER = os.environ.get("MATCHER_TEST_POSTGRES")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A new empty database on the test server; dropped afterwards."""
    if not SERVER:
        reason = "no PostgreSQL test server: .ci/run starts one (.ci/postgres) and sets MATCHER_TEST_POSTGRES"
        if os.environ.get("MATCHER_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"MATCHER_REQUIRE_POSTGRES=1 but {reason}")
        pytest.skip(reason)
    pytest.importorskip("psycopg")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def test_schema_publish_replace_and_history_on_postgresql(pg_url: str) -> None:
    engine = open_database(pg_url, create=True)
    try:
        publish(engine, "VT26", [("M1", "A1"), ("M2", "A2")])
        publish(engine, "HT26", [("M1", "A2")])
        with pytest.raises(AlreadyPublished):
            publish(engine, "HT26", [("M2", "A1")])
        assert set(zip(cohort_pairs(engine, "HT26")["mentor_id"], cohort_pairs(engine, "HT26")["adept_id"],
                       strict=True)) == {("M1", "A2")}, "a refused publish changes nothing"
        publish(engine, "HT26", [("M2", "A1")], replace=True)
        assert [c.name for c in list_cohorts(engine)] == ["VT26", "HT26"]
        history = read_history(engine, "mentorship", "VT27")
        assert set(zip(history["cohort"], history["back"], strict=True)) == {("HT26", 1), ("VT26", 2)}
    finally:
        engine.dispose()
    again = open_database(pg_url, create=False)  # migrated once: opening again changes nothing
    try:
        assert len(list_cohorts(again)) == 2
    finally:
        again.dispose()


def test_term_to_term_through_the_command_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    """run VT26 -> publish to PostgreSQL -> run HT26 with `history` reading it: no pair repeats."""
    folder = tmp_path / "cohort"
    shutil.copytree(COHORT, folder)
    (folder / "vt26.yaml").write_text(scenario_text("VT26").replace("history_db: history.sqlite\n", ""), "utf-8")
    rules = "  history: {}\n  coverage: {hard: false, priority: 1}\n"
    (folder / "ht26.yaml").write_text(scenario_text("HT26", rules).replace("history_db: history.sqlite\n", ""),
                                      "utf-8")
    assert matcher("run", folder / "vt26.yaml", "--out", tmp_path / "vt26").returncode == 0
    published = matcher("publish", tmp_path / "vt26", "--db", pg_url)
    assert published.returncode == 0, published.stderr
    done = matcher("run", folder / "ht26.yaml", "--out", tmp_path / "ht26", "--db", pg_url)
    assert done.returncode == 0, done.stderr
    before, after = pair_set(tmp_path / "vt26" / "pairs.csv"), pair_set(tmp_path / "ht26" / "pairs.csv")
    assert len(before) == 10 and after and not before & after
    listed = matcher("history", "list", "--db", pg_url)
    assert listed.returncode == 0 and "VT26" in listed.stdout


def test_the_workspace_publishes_to_postgresql(pg_url: str, tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from matcher.app.security import AppConfig
    from matcher.app.web import create_app

    folder = tmp_path / "ws"
    folder.mkdir()
    shutil.copy(COHORT / "people.csv", folder / "personer.csv")
    with TestClient(create_app(AppConfig(workspace=folder, token="t"))) as client:
        csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/?token=t").text).group(1)  # type: ignore[union-attr]
        made = client.post("/matchings", data={"csrf": csrf, "people_pick": "personer.csv", "name": "pg"})
        slug = re.search(r"/m/([a-z0-9-]+)/rules", str(made.url)).group(1)  # type: ignore[union-attr]
        run_url = str(client.post(f"/m/{slug}/run", data={"csrf": csrf}).url).replace("http://testserver", "")
        for _ in range(400):
            if 'id="progress"' not in client.get(run_url).text:
                break
            time.sleep(0.3)
        client.post(f"{run_url}/bulk", data={"csrf": csrf, "status": "approved", "all": "1"})
        done = client.post(f"{run_url}/publish", data={"csrf": csrf, "cohort": "VT26", "db": pg_url})
        assert 'id="published"' in done.text, done.text[-2000:]
    engine = open_database(pg_url, create=False)
    try:
        assert [c.name for c in list_cohorts(engine)] == ["VT26"]
    finally:
        engine.dispose()
