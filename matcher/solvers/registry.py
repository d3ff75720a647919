"""Solver back-ends by name: the one registry, and the rule that picks one by structure.

auto:
  * no global row   -> `assignment` (scipy's LAPJV on capacity-expanded rows) when no mentor
                       has a minimum, else `min-cost-flow` (OR-Tools). Both exact.
  * global rows     -> `structured`: the row-free optimum first, the rows checked by counting
                       (optimal when they hold); else, up to MIP_MAX_PAIRS eligible pairs, the
                       lagrangian's cheap steps when they prove the optimum, else `mip-highs`
                       (a branch and bound over group counts whose leaves are flows),
                       beyond, `lagrangian` (the rows priced around the flow core, a primal
                       repair, and the dual bound as certificate).
An unknown back-end name is an error, never a silent fallback. Each back-end's module is
imported when it is first used: scipy.optimize and CP-SAT are slow to import.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matcher.problem import Problem, Solution
    from matcher.solvers.settings import SolverSettings

Backend = Callable[["Problem", "SolverSettings"], "Solution"]


class NotApplicable(Exception):
    """Raised by a back-end whose method does not fit the problem (e.g. a flow with global rows)."""


def _lazy(module: str, function: str) -> Backend:
    def run(problem: Problem, settings: SolverSettings) -> Solution:
        solver: Backend = getattr(importlib.import_module(module), function)
        return solver(problem, settings)

    run.__name__ = function
    run.__doc__ = f"{module}.{function}, imported on first use."
    return run


#: Every back-end, by the name a scenario's `solver.backend` gives. Names are written here only.
BACKENDS: dict[str, Backend] = {
    "assignment": _lazy("matcher.solvers.flow", "solve_assignment"),
    "min-cost-flow": _lazy("matcher.solvers.flow", "solve_min_cost_flow"),
    "mip-highs": _lazy("matcher.solvers.mip", "solve_mip_highs"),
    "mip-scip": _lazy("matcher.solvers.mip", "solve_mip_scip"),
    "lagrangian": _lazy("matcher.solvers.lagrangian", "solve_lagrangian"),
    "cp-sat": _lazy("matcher.solvers.cpsat", "solve_cpsat"),
    "structured": _lazy("matcher.solvers.structured", "solve_structured"),
}

#: What `solver.backend` accepts.
BACKEND_CHOICES: tuple[str, ...] = ("auto", *BACKENDS)

#: Above this many eligible pairs a problem with rows goes to the Lagrangian back-end.
MIP_MAX_PAIRS = 150_000


def choose_backend(problem: Problem, requested: str = "auto") -> list[str]:
    """Back-ends to try, in order, for this problem (the first that applies is used)."""
    if requested != "auto":
        if requested not in BACKENDS:
            raise ValueError(f"unknown solver backend {requested!r}; known: {', '.join(BACKEND_CHOICES)}")
        return [requested]
    if not problem.rows:
        return ["assignment", "min-cost-flow", "mip-highs"]
    return ["structured"]


def run_backends(problem: Problem, settings: SolverSettings, names: list[str]) -> Solution:
    last: NotApplicable | None = None
    for name in names:
        try:
            return BACKENDS[name](problem, settings)
        except NotApplicable as exc:
            last = exc
    raise NotApplicable(f"no solver back-end applies to this problem: {last}")
