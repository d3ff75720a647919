"""The workspace publishing to the history database on a real PostgreSQL server, as a shared
workspace server would use it. The server is the suite's throwaway one (tests/postgres_server.py;
the engine-level and command-line PostgreSQL tests are in test_db.py and test_cli_postgres.py).
Each test gets its own empty database.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from test_cli_history import COHORT

from matcher.history.db import list_cohorts, open_database


@pytest.fixture
def pg_url(postgres_url: str) -> str:
    """A new empty database on the test server (tests/postgres_server.py); dropped afterwards."""
    return postgres_url


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
