"""The documentation is executable: README examples run, generated docs are current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from matcher.catalogue import catalogue_markdown

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_constraint_docs_are_generated_from_the_code() -> None:
    on_disk = (ROOT / "docs" / "constraints.md").read_text(encoding="utf-8")
    assert on_disk == catalogue_markdown(), "run `python -m matcher.catalogue` to regenerate docs/constraints.md"


def test_every_constraint_example_is_a_valid_scenario_entry() -> None:
    import yaml

    from constraints import REGISTRY

    for name, cls in REGISTRY.items():
        entry = yaml.safe_load(cls.example.split("#")[0])
        assert list(entry) == [name]
        cls.from_config(entry[name] or {})


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_one() -> None:
    first_block = README.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in first_block.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert "matcher run scenarios/" in commands[0]
    assert "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_library_example_runs() -> None:
    block = re.search(r"```python\n(.*?)```", README, re.S)
    assert block is not None
    result = subprocess.run([sys.executable, "-c", block.group(1)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "OPTIMAL" in result.stdout
