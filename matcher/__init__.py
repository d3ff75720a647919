"""Mentor-adept and supervisor-trainee matching for Gothenburg's children-and-youth services.

>>> from matcher import Scenario, solve
>>> result = solve(Scenario.from_yaml("scenarios/cohort/scenario.yaml"))  # doctest: +SKIP
>>> result.pairs.head()  # doctest: +SKIP

The names below are loaded on first use (PEP 562), so that importing a light module such as
`matcher.domain` (as the constraint modules do) does not pull in the engine, and
`import constraints` works before or after `import matcher`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from matcher.errors import Conflict, InfeasibleError, InputError, InputProblem, MatcherError, NoSolutionError, Problem

__version__ = "0.1.0"

if TYPE_CHECKING:
    from matcher.engine import Result, solve
    from matcher.scenario import Scenario

_LAZY = {"Result": "matcher.engine", "solve": "matcher.engine", "Scenario": "matcher.scenario"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'matcher' has no attribute {name!r}")


__all__ = [
    "Conflict",
    "InfeasibleError",
    "InputError",
    "InputProblem",
    "MatcherError",
    "NoSolutionError",
    "Problem",
    "Result",
    "Scenario",
    "__version__",
    "solve",
]
