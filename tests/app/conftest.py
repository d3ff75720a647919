"""Fixtures of the workspace tests: a workspace folder with the example cohort as the coordinator
has it (a Swedish Excel file), and a signed-in test client of the application."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from workspace_helpers import COHORT, TOKEN, csrf_of, swedish_people_xlsx


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "arbetsmapp"
    folder.mkdir()
    swedish_people_xlsx(folder / "personer.xlsx")
    shutil.copy(COHORT / "scores.csv", folder / "poang.csv")
    return folder


@pytest.fixture
def client(workspace: Path) -> Iterator[Any]:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from matcher.app.security import AppConfig
    from matcher.app.web import create_app

    config = AppConfig(workspace=workspace, token=TOKEN, max_upload_bytes=200_000)
    with TestClient(create_app(config)) as test_client:
        response = test_client.get(f"/?token={TOKEN}")
        assert response.status_code == 200
        test_client.csrf = csrf_of(response.text)  # type: ignore[attr-defined]
        yield test_client
