"""Fixtures of the workspace tests: a workspace folder with the example cohort as the coordinator
has it (a Swedish Excel file), and a signed-in test client of the application."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from workspace_helpers import COHORT, TOKEN, LiveServer, csrf_of, swedish_people_xlsx


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


BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
CHROMIUM = Path(os.environ.get("MATCHER_CHROMIUM", "/usr/bin/chromium"))  # Debian's; override to test the gate


def _missing(reason: str) -> None:
    """Without the browser: skip, unless MATCHER_REQUIRE_BROWSER=1 (CI), where it is a failure."""
    if os.environ.get("MATCHER_REQUIRE_BROWSER") == "1":
        pytest.fail(f"MATCHER_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(f"{reason}; install it (apt-get install chromium, pip install '.[test]') to run the browser tests")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Debian Chromium for the whole session, driven by Playwright."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed")
    if not CHROMIUM.is_file():
        _missing(f"{CHROMIUM} is missing")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def server(workspace: Path) -> Iterator[LiveServer]:
    pytest.importorskip("uvicorn")
    live = LiveServer(workspace).start()
    try:
        yield live
    finally:
        live.stop()
