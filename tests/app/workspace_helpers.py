"""Helpers of the workspace tests (imported by the tests and the fixtures)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd

COHORT = Path(__file__).resolve().parents[2] / "scenarios" / "cohort"
TOKEN = "test-token-0123456789"


def swedish_people_xlsx(target: Path) -> Path:
    """The example cohort's people.csv as a Swedish Excel workbook (Swedish headers, one sheet)."""
    people = pd.read_csv(COHORT / "people.csv", sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert "förvaltning" in people.columns and "namn" in people.columns  # Swedish headers, names included
    people.to_excel(target, index=False, sheet_name="Personer")
    return target


def people_names() -> dict[str, str]:
    people = pd.read_csv(COHORT / "people.csv", sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return dict(zip(people["id"], people["namn"], strict=True))


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no form code"
    return found.group(1)


def wait_for_run(client: Any, url: str, timeout: float = 120) -> str:
    """The run's page once the run has ended (the worker is a real process)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = client.get(url).text
        if 'id="progress"' not in page:
            return str(page)
        time.sleep(0.3)
    raise AssertionError(f"run {url} did not end within {timeout} s")


class LiveServer:
    """`matcher app FOLDER` as the coordinator starts it: a real server process on a free port."""

    def __init__(self, folder: Path, token: str = TOKEN, env: dict[str, str] | None = None) -> None:
        self.folder, self.token, self.env = folder, token, env or {}
        self.process: subprocess.Popen[str] | None = None
        self.url = ""

    def start(self) -> LiveServer:
        env = {**os.environ, "MATCHER_APP_TOKEN": self.token, **self.env}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "matcher.cli", "app", str(self.folder), "--port", "0", "--no-browser"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
        )
        assert self.process.stderr is not None
        line = self.process.stderr.readline()  # the address, printed once listening
        found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if not found:
            self.process.kill()
            raise AssertionError(f"the server did not start: {line!r}")
        self.url = found.group(1)
        return self

    def kill(self) -> None:
        """SIGKILL, as a crash or a pulled plug: nothing gets to clean up."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
