"""`matcher app`: a shared server without a password or a proxy header is refused before it listens."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main


def test_a_shared_server_needs_a_password_or_a_proxy_header(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    result = CliRunner().invoke(main, ["app", str(tmp_path), "--host", "0.0.0.0", "--no-browser"],
                                env={"MATCHER_APP_PASSWORD": ""})
    assert result.exit_code == 2
    assert "--password-file" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / ".matcher").exists(), "nothing is made before the server may start"


def test_the_folder_must_exist(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["app", str(tmp_path / "saknas"), "--no-browser"])
    assert result.exit_code == 2 and "does not exist" in result.stderr
