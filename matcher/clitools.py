"""What every `matcher` sub-command shares: exit codes, turning errors into messages, --lang.

Exit codes (docs/): 0 solved, 2 bad input, 3 infeasible, 4 no solution in time, 1 a bug.
Every line a command prints comes from the catalogue (`matcher/i18n/texts/cli.py`) in the
language of `--lang` (default: `MATCHER_LANG`, else English).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from matcher.errors import InfeasibleError, InputError, InputProblem, NoSolutionError
from matcher.i18n import LANGS, Lang, Msg, Words, default_lang

if TYPE_CHECKING:
    from matcher.solvers.settings import SolverSettings

EXIT_INPUT, EXIT_INFEASIBLE, EXIT_NO_SOLUTION, EXIT_INTERNAL = 2, 3, 4, 1

F = TypeVar("F", bound=Callable[..., Any])


def fail(code: int, lines: list[str]) -> None:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(code)


def words(lang: str | None, program: str | None = None) -> Words:
    """The terminal's words in the language asked for (`--lang`, else `MATCHER_LANG`, else English)."""
    return Words(default_lang(lang), program)


def status_text(status: str, w: Words) -> str:
    """A solver status on the terminal: the code (scripts read it), and in Swedish what it means."""
    key = f"status.{status}"
    if w.lang == "en" or not w.has(key):
        return status
    return w("cli.status", code=status, words=w(key))


def points_text(value: float | None, bound: float | None, w: Words) -> str:
    """The points a matching reached and whether that is proven best ('718 points, proven best')."""
    points = "–" if value is None else f"{value:g}"
    if bound is None:
        return w("cli.points.unproven", points=points)
    if value is not None and abs(bound - value) <= 1e-6 * max(1.0, abs(bound)):
        return w("cli.points.best", points=points)
    return w("cli.points.at_most", points=points, bound=f"{bound:g}")


def conflict_text(conflict: object, w: Words) -> str:
    """An InfeasibleError's conflict: '[rule + rule] why', the why rendered if it is a message."""
    from matcher.errors import Conflict

    if isinstance(conflict, Conflict):
        return conflict.text(w.lang)
    rules = getattr(conflict, "constraints", None)
    message = getattr(conflict, "message", conflict)
    said = w.msg(message) if isinstance(message, Msg) else str(message)
    return f"[{' + '.join(rules)}] {said}" if rules is not None else said


def handles_errors(command: F) -> F:
    """Turn the engine's exceptions into the documented exit codes and messages, in `--lang`."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        w = words(kwargs.get("lang"))
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            fail(EXIT_INPUT, exc.lines(w.lang))
        except InfeasibleError as exc:
            lines = [w("cli.infeasible")]
            lines += [f"  - {conflict_text(conflict, w)}" for conflict in exc.conflicts]
            fail(EXIT_INFEASIBLE, lines)
        except NoSolutionError as exc:
            if w.lang == "en" and getattr(exc, "hint_key", None) is None:
                fail(EXIT_NO_SOLUTION, [f"NO SOLUTION: {exc}"])  # the engine's own sentence
            hint = w(getattr(exc, "hint_key", None) or "cli.no_solution.hint")
            fail(EXIT_NO_SOLUTION, [w("cli.no_solution", limit=f"{exc.time_limit_s:g}", hint=hint)])
        except KeyboardInterrupt:
            fail(130, [w("cli.interrupted")])
        except Exception as exc:  # a bug: say so plainly, without a traceback unless asked
            if "--debug" in sys.argv or click.get_current_context().find_root().params.get("debug"):
                raise
            fail(
                EXIT_INTERNAL,
                [w("cli.internal_error", kind=type(exc).__name__, message=str(exc)), w("cli.internal_error.hint")],
            )
        return None

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr (plain text when stderr is not a terminal); yields 'one more done'.

    `label` is already in the command's language (`cli.progress.*`)."""
    with click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True) as bar:
        yield lambda: bar.update(1)


def execution_options(function: Any) -> Any:
    """--workers and --scheduler, shared by sweep and simulate."""
    function = click.option(
        "--scheduler", default=None, metavar="tcp://HOST:PORT",
        help="Run on this Dask cluster (or set MATCHER_SCHEDULER); default: local processes.",
    )(function)
    return click.option(
        "--workers", type=click.IntRange(1), default=None,
        help="Local processes to use (default: the machine's cores; 1 runs serially).",
    )(function)


def out_dir_option(writes: str) -> Callable[[F], F]:
    """--out DIR: the folder a command writes its files into (`writes` names them in the help).

    Optional: without it the command writes a new folder beside the scenario (`out_dir_or_default`).
    """
    return click.option(
        "--out", "out_dir", required=False, default=None, type=click.Path(path_type=Path, file_okay=False),
        help=f"Folder for {writes} (default: a new folder out/SCENARIO-DATE-TIME next to the scenario).",
    )


def out_dir_or_default(out_dir: Path | None, scenario: Path, command: str | None = None) -> Path:
    """--out as given, or a new folder `out/<scenario>[-command]-YYYYMMDD-HHMMSS` next to the scenario."""
    if out_dir is not None:
        return out_dir
    from matcher.output.folder import default_out_dir

    return default_out_dir(scenario, command)


def lang_option() -> Callable[[F], F]:
    """--lang sv|en: the language of everything a command prints and writes for people.

    Default: `MATCHER_LANG` when set (so `MATCHER_LANG=sv` makes Swedish the default), else
    English; read when the command runs, not when the module is imported."""
    return click.option(
        "--lang", type=click.Choice(list(LANGS)), default=lambda: default_lang(), show_default="MATCHER_LANG, else en",
        help="Language of the terminal lines, pages and workbook: sv or en.",
    )


def with_time_limit(settings: SolverSettings, time_limit: float | None) -> SolverSettings:
    """`settings` with `--time-limit` applied, checked as the YAML's `solver.time_limit_s` is: a
    negative, zero, NaN, infinite or week-long limit is an InputError (exit 2) naming the option."""
    if time_limit is None:
        return settings
    from pydantic import ValidationError

    from matcher.scenario_file import setting_message

    try:
        return settings.but(time_limit_s=time_limit)
    except ValidationError as exc:
        problems = [
            InputProblem("--time-limit", None, None,
                         Msg("input.setting.invalid", {"message": setting_message(e), "value": repr(time_limit)}))
            for e in exc.errors()
        ]
        raise InputError(problems) from None


def lang_of(value: str | None) -> Lang:
    return default_lang(value)
