"""What a long solve has proven so far, for whoever watches it (the workspace's live page).

A back-end calls `report` during its search; nothing happens unless a caller set a reporter with
`reporting` (the workspace's run process does; the CLI and library calls do not). Reports carry
numbers only -- per priority level the best value found so far and the proven bound -- never a
name or an id. They are for display: how often they are sent may depend on the clock, what the
search decides never does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

Reporter = Callable[[dict[str, Any]], None]

_reporter: ContextVar[Reporter | None] = ContextVar("matcher_progress", default=None)

#: Seconds between two reports of one search (the first is sent at once).
REPORT_EVERY_S = 0.5


def watching() -> bool:
    """Whether anyone listens (a back-end skips the work of a report otherwise)."""
    return _reporter.get() is not None


def report(event: dict[str, Any]) -> None:
    """Send `event` to the reporter, if any. A reporter's own failure never stops a solve."""
    reporter = _reporter.get()
    if reporter is not None:
        with contextlib.suppress(Exception):
            reporter(event)


def level_report(levels: list[tuple[int, float | None, float]]) -> None:
    """The search's state: per priority level (priority, best value so far or None, proven bound)."""
    report({"search": [{"priority": p, "best": best, "bound": bound} for p, best, bound in levels]})


@contextlib.contextmanager
def reporting(reporter: Reporter) -> Iterator[None]:
    """Send the reports of every solve inside the block to `reporter`."""
    token = _reporter.set(reporter)
    try:
        yield
    finally:
        _reporter.reset(token)


@contextlib.contextmanager
def unheard() -> Iterator[None]:
    """Report nothing of the solves inside the block: a back-end's sub-problem (a restricted MIP
    over other weights) whose levels are not the problem's own."""
    token = _reporter.set(None)
    try:
        yield
    finally:
        _reporter.reset(token)
