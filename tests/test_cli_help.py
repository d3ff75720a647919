"""`--help` speaks the command line's language (matcher.cli_help): every help text in the catalogue,
its English the code's own, Swedish with `--lang sv` or MATCHER_LANG=sv, and nothing carried over
from one invocation to the next."""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from matcher.cli import main
from matcher.cli_help import commands, help_key, option_help_key
from matcher.i18n import catalogue, say

sys.path.insert(0, str(Path(__file__).resolve().parent / "i18n"))
from english import english_left

COMMANDS = [path for path, _ in commands(main)]


def test_every_help_text_is_in_the_catalogue_with_the_codes_english() -> None:
    texts = catalogue()
    missing = []
    for path, command in commands(main):
        if command.help:
            key = help_key(path)
            if key not in texts:
                missing.append(key)
            else:
                assert say(key, "en") == inspect.cleandoc(command.help), key
        for param in command.params:
            if isinstance(param, click.Option) and param.help:
                key = option_help_key(path, param)
                if key is None:
                    missing.append(help_key(path, param.name))
                else:
                    assert say(key, "en") == param.help, key
    assert missing == []


def _help(args: list[str], env: dict[str, str] | None = None) -> str:
    done = CliRunner().invoke(main, [*args, "--help"], env=env, catch_exceptions=False, prog_name="matcher")
    assert done.exit_code == 0, done.output
    return done.output


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) or "matcher" for p in COMMANDS])
def test_help_in_swedish_has_no_english_left(path: tuple[str, ...]) -> None:
    text = _help(list(path), env={"MATCHER_LANG": "sv"})
    assert "Användning:" in text
    # What the user types is not language: metavariables (SCENARIO), choices ([sv|en]), examples.
    typed = set(re.findall(r"\b[A-Z][A-Z_]+\b", text)) | set(re.findall(r"\[[^\]\s]*\|[^\]\s]*\]", text))
    typed |= {line.strip() for line in text.splitlines() if line.strip().startswith("matcher ")}
    typed |= {name for path in COMMANDS for name in path}  # command names
    typed |= {str(choice) for _, command in commands(main) for param in command.params
              if isinstance(param.type, click.Choice) for choice in param.type.choices}  # values
    hits = [str(hit) for hit in english_left(text, typed)]
    assert hits == [], "\n".join(hits)


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


def test_one_invocations_language_never_reaches_the_next() -> None:
    swedish = _help(["run", "--lang", "sv"])
    english = _help(["run"], env={"MATCHER_LANG": "en"})
    again = _help(["run", "--lang=sv"])
    assert swedish == again
    assert "Usage:" in english and "Options:" in english and "Show this message and exit." in english
    assert "Användning:" not in english and "Val:" in swedish
    assert len(english_left(english, set())) >= 3  # the detector finds English where it is
    assert say("help.run", "sv").split()[0] in swedish
    assert inspect.cleandoc(_command(("run",)).help or "").split()[0] in english
