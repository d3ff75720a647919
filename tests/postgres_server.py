"""A real PostgreSQL server for the history tests: a throwaway cluster, or the one CI names.

`MATCHER_TEST_POSTGRES_URL` (a libpq URL of a server the tests may create databases on) is
used when set. Otherwise, where PostgreSQL's server programs are installed (Debian's
`postgresql` package: `.ci/run` installs it when missing), a cluster is created in a temporary
folder, listening on a Unix socket only, and removed after the session. As root the server runs
as the `postgres` user (it refuses to run as root).

Without either, the PostgreSQL tests skip with the reason; with `MATCHER_REQUIRE_POSTGRES=1`
(set by `.ci/run`) they fail instead, so CI cannot pass without having run them.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REQUIRED = os.environ.get("MATCHER_REQUIRE_POSTGRES") == "1"


def _server_programs() -> Path | None:
    """The folder with initdb and pg_ctl, if PostgreSQL's server is installed
    (`MATCHER_POSTGRES_BIN` names another folder; the CI-gate test names one that does not exist)."""
    override = os.environ.get("MATCHER_POSTGRES_BIN")
    if override is not None:
        return Path(override) if (Path(override) / "initdb").exists() else None
    for name in ("pg_config",):
        found = shutil.which(name)
        if found:
            bindir = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
            if bindir and (Path(bindir) / "initdb").exists():
                return Path(bindir)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Start a PostgreSQL cluster in a temporary folder; yield a libpq URL of its superuser."""
    programs = _server_programs()
    if programs is None:
        raise RuntimeError("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    folder = Path(tempfile.mkdtemp(prefix="matcher-pg-"))
    data = folder / "data"
    try:
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        subprocess.run(
            _as_server_user([str(programs / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                             "--no-sync", "-E", "UTF8", "--locale", "C"]),
            check=True, capture_output=True, timeout=120,
        )
        options = f"-c listen_addresses='' -k {folder} -c fsync=off -c full_page_writes=off"
        subprocess.run(
            _as_server_user([str(programs / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"),
                             "-w", "-t", "60", "start"]),
            check=True, capture_output=True, timeout=90,
        )
        try:
            yield f"postgresql://postgres@/postgres?host={folder}"
        finally:
            subprocess.run(
                _as_server_user([str(programs / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                check=False, capture_output=True, timeout=60,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A libpq URL of a PostgreSQL server whose superuser may create databases."""
    given = os.environ.get("MATCHER_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg driver is not installed (the `postgres` extra)")
    if _server_programs() is None:
        _unavailable("PostgreSQL's server is not installed (Debian: apt install postgresql)")
    with throwaway_cluster() as url:
        yield url


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"MATCHER_REQUIRE_POSTGRES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """An SQLAlchemy URL of a fresh, empty database on the server, dropped afterwards."""
    import psycopg

    name = f"matcher_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    server = postgres_server.split("?", 1)
    base = server[0].rsplit("/", 1)[0]
    query = f"?{server[1]}" if len(server) > 1 else ""
    try:
        yield f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}{query}"
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
