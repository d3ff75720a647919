"""Terminal lines in the language asked for: every command takes --lang, errors and the fairness line included."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from english import english_left

import matcher.engine
from matcher.cli import fairness_line, main
from matcher.errors import NoSolutionError
from matcher.fairness_price import FairnessPrice
from matcher.i18n import Words, say

COHORT = Path(__file__).resolve().parents[2] / "scenarios" / "cohort" / "scenario.yaml"


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix}{name} ")
        else:
            found.append((f"{prefix}{name}", command))
    return found


@pytest.mark.parametrize(("name", "command"), _commands(main), ids=[n for n, _ in _commands(main)])
def test_every_command_takes_lang(name: str, command: click.Command) -> None:
    option = next((p for p in command.params if p.name == "lang"), None)
    assert isinstance(option, click.Option), f"matcher {name} has no --lang"
    assert set(option.type.choices) == {"sv", "en"}  # type: ignore[attr-defined]


def test_a_bug_is_said_in_swedish(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(matcher.engine, "solve", broken)
    result = CliRunner().invoke(main, ["run", str(COHORT), "--out", str(tmp_path / "x"), "--lang", "sv"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [say("cli.internal_error", "sv", kind="RuntimeError", message="boom"),
                                          say("cli.internal_error.hint", "sv")]
    assert english_left(result.stderr, ["RuntimeError", "boom"]) == []
    english = CliRunner().invoke(main, ["run", str(COHORT), "--out", str(tmp_path / "y")])
    assert english.stderr.splitlines() == ["internal error: RuntimeError: boom",
                                           "  this is a bug in matcher; rerun with --debug and report the output"]


def test_no_solution_in_time_is_said_in_swedish_and_kept_in_english(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    hint = say("cli.no_solution.hint", "en")

    def slow(*_args: object, **_kwargs: object) -> None:
        raise NoSolutionError(30.0, hint)

    monkeypatch.setattr(matcher.engine, "solve", slow)
    swedish = CliRunner().invoke(main, ["run", str(COHORT), "--out", str(tmp_path / "x"), "--lang", "sv"])
    assert swedish.exit_code == 4
    assert swedish.stderr.startswith("NO SOLUTION: ingen matchning hittades inom tidsgränsen 30 s. Prova ")
    assert english_left(swedish.stderr) == []
    english = CliRunner().invoke(main, ["run", str(COHORT), "--out", str(tmp_path / "y"), "--lang", "en"])
    assert english.stderr.strip() == f"NO SOLUTION: {NoSolutionError(30.0, hint)}"


def test_the_fairness_line_in_both_languages() -> None:
    price = FairnessPrice("fair_match_rate", "gender", 169, 179, 95.23, 94.06, True, 0, {}, {})
    # A rule that matches fewer, better pairs raises the mean score: said so, not as "-1.2 points".
    assert fairness_line(price, Words("en", "mentorship")).endswith(
        ": costs 10 matches, and raises the mean score by 1.2 points (exact)")
    swedish = fairness_line(price, Words("sv", "mentorship"))
    assert swedish.endswith(": kostar 10 matchningar, och höjer medelpoängen med 1,2 (exakt)")
    costly = FairnessPrice("fair_match_rate", "gender", 179, 179, 93.2, 94.0, True, 0, {}, {})
    assert fairness_line(costly, Words("en", "mentorship")).endswith(
        ": costs 0 matches and 0.8 points of mean score (exact)")
    levelling = FairnessPrice("fair_match_rate", "gender", 160, 170, None, None, False, 2, {}, {})
    assert "lämnar 2 adepter omatchade" in fairness_line(levelling, Words("sv", "mentorship"))
    assert "leaves 2 adepts unmatched" in fairness_line(levelling, Words("en", "mentorship"))
