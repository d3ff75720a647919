"""What every `matcher` sub-command shares: exit codes and turning errors into messages.

Exit codes (INTERFACE.md): 0 solved, 2 bad input, 3 infeasible, 4 no solution in time, 1 a bug.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from matcher.errors import InfeasibleError, InputError, NoSolutionError

EXIT_INPUT, EXIT_INFEASIBLE, EXIT_NO_SOLUTION, EXIT_INTERNAL = 2, 3, 4, 1

F = TypeVar("F", bound=Callable[..., Any])


def fail(code: int, lines: list[str]) -> None:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(code)


def handles_errors(command: F) -> F:
    """Turn the engine's exceptions into the documented exit codes and messages."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            fail(EXIT_INPUT, [str(p) for p in exc.problems])
        except InfeasibleError as exc:
            lines = ["INFEASIBLE: no matching satisfies all hard rules."]
            lines += [f"  - {conflict}" for conflict in exc.conflicts]
            fail(EXIT_INFEASIBLE, lines)
        except NoSolutionError as exc:
            fail(EXIT_NO_SOLUTION, [f"NO SOLUTION: {exc}"])
        except KeyboardInterrupt:
            fail(130, ["interrupted"])
        except Exception as exc:  # a bug: say so plainly, without a traceback unless asked
            if "--debug" in sys.argv or click.get_current_context().find_root().params.get("debug"):
                raise
            fail(
                EXIT_INTERNAL,
                [
                    f"internal error: {type(exc).__name__}: {exc}",
                    "  this is a bug in matcher; rerun with --debug and report the output",
                ],
            )
        return None

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr (plain text when stderr is not a terminal); yields 'one more done'."""
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


def lang_option(page: str = "Report") -> Callable[[F], F]:
    """--lang en|sv: the language of the page a command writes."""
    return click.option(
        "--lang", type=click.Choice(["en", "sv"]), default="en", show_default=True, help=f"{page} language."
    )
