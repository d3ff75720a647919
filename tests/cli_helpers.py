"""The real `matcher` command, run as a subprocess the way a user runs it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path


def run_matcher(*args: str | Path, cwd: Path | None = None, env: Mapping[str, str] | None = None,
                timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`python -m matcher.cli ARGS`; fails the test on any traceback (errors must be messages)."""
    result = subprocess.run(
        [sys.executable, "-m", "matcher.cli", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, env=None if env is None else dict(env), timeout=timeout,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
    return result
