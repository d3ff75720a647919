"""Mentor-adept and supervisor-trainee matching for Gothenburg's children-and-youth services.

>>> from matcher import Scenario, solve
>>> result = solve(Scenario.from_yaml("scenarios/cohort/scenario.yaml"))  # doctest: +SKIP
>>> result.pairs.head()  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from matcher.engine import Result, solve
from matcher.errors import Conflict, InfeasibleError, InputError, MatcherError, NoSolutionError, Problem
from matcher.scenario import Scenario

__all__ = [
    "Conflict",
    "InfeasibleError",
    "InputError",
    "MatcherError",
    "NoSolutionError",
    "Problem",
    "Result",
    "Scenario",
    "__version__",
    "solve",
]
