"""Every `matcher` command the README shows runs as printed (issue 12), in order, on a fresh copy of
the bundled scenarios: the coordinator's, the trainee term's, term to term, the mid-year repair and
the steering group's. Lines that are templates, not examples, are named below and skipped."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Lines that stand for the user's own values (a folder, a cluster) or start a server.
TEMPLATES = ("~/", "BASE.yaml", "tcp://HOST", "matcher app")


def readme_commands() -> list[str]:
    """The README's `matcher ...` lines from its bash blocks: continuations joined, comments and
    optional `[...]` parts dropped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in re.sub(r"\\\n\s*", " ", block).splitlines():
            line = line.split("  #")[0].strip()
            if not line.startswith("matcher ") or any(t in line for t in TEMPLATES):
                continue
            commands.append(re.sub(r"\s*\[[^\]]*\]", "", line))
    return commands


def test_the_readme_shows_the_examples_this_test_runs() -> None:
    commands = readme_commands()
    assert len(commands) >= 20
    for needed in ("matcher run scenarios/cohort/scenario.yaml", "matcher publish out/vt26", "matcher repair",
                   "matcher compare", "matcher sweep", "matcher plan", "matcher simulate", "matcher history export"):
        assert any(c.startswith(needed) for c in commands), needed


def test_every_readme_example_runs_as_printed(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios",
                    ignore=shutil.ignore_patterns("history.sqlite", "out"))
    for command in readme_commands():
        words = command.split()[1:]
        done = subprocess.run([sys.executable, "-m", "matcher.cli", *words], cwd=tmp_path, capture_output=True,
                              text=True, timeout=600, check=False)
        assert "Traceback" not in done.stderr, f"{command}\n{done.stderr}"
        assert done.returncode == 0, f"{command} exited {done.returncode}:\n{done.stderr[-3000:]}"
