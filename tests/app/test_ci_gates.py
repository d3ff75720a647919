"""The browser tests skip with a reason on a machine without Chromium, and fail instead under
MATCHER_REQUIRE_BROWSER=1 (what .ci/run sets), so CI can never pass them by skipping; the same
for the PostgreSQL history tests and MATCHER_REQUIRE_POSTGRES=1."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run_without_browser(require: bool) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MATCHER_CHROMIUM": str(ROOT / "no-such-chromium")}
    env.pop("MATCHER_REQUIRE_BROWSER", None)
    if require:
        env["MATCHER_REQUIRE_BROWSER"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         "tests/app/test_browser.py::test_progress_is_live_and_a_run_can_be_cancelled"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )


def test_without_the_browser_the_tests_skip_with_the_reason() -> None:
    done = _run_without_browser(require=False)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "SKIPPED [1]" in done.stdout and "no-such-chromium is missing" in done.stdout


def test_ci_fails_instead_of_skipping_when_the_browser_is_missing() -> None:
    done = _run_without_browser(require=True)
    assert done.returncode == 1, done.stdout[-2000:]
    assert "MATCHER_REQUIRE_BROWSER=1 but" in done.stdout
    assert "SKIPPED" not in done.stdout and "ERROR" in done.stdout
    assert "--headless" in (ROOT / "tests" / "app" / "conftest.py").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^export .*MATCHER_REQUIRE_BROWSER=1", ci, re.M) and "chromium" in ci


def test_ci_fails_instead_of_skipping_when_postgresql_is_missing() -> None:
    env = {k: v for k, v in os.environ.items() if k != "MATCHER_TEST_POSTGRES_URL"}
    env |= {"MATCHER_REQUIRE_POSTGRES": "1", "MATCHER_POSTGRES_BIN": str(ROOT / "no-such-postgresql")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         "tests/history/test_db.py::test_a_new_database_gets_the_latest_schema"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 1 and "MATCHER_REQUIRE_POSTGRES=1 but" in done.stdout, done.stdout[-2000:]
    assert done.stdout.startswith(".E")  # the SQLite case still runs and passes; the PostgreSQL one errors
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^export .*MATCHER_REQUIRE_POSTGRES=1", ci, re.M) and "postgresql" in ci
