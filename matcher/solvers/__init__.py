"""Solver back-ends by name, and the rule that picks one from the problem's structure.

auto:
  * no global row   -> `assignment` (scipy's LAPJV on capacity-expanded rows) when no mentor
                       has a minimum, else `min-cost-flow` (OR-Tools). Both exact.
  * global rows     -> `mip-highs` up to MIP_MAX_PAIRS eligible pairs; beyond, `lagrangian`
                       (the rows priced by multipliers around the flow core, a primal repair,
                       and the dual bound as certificate) when it is available.
An unknown back-end name is an error, never a silent fallback.
"""

from __future__ import annotations

from collections.abc import Callable

from matcher.problem import Problem, Solution, SolverSettings
from matcher.solvers.flow import NotApplicable, solve_assignment, solve_min_cost_flow
from matcher.solvers.mip import solve_mip

Backend = Callable[[Problem, SolverSettings], Solution]

#: Above this many eligible pairs a problem with rows goes to the Lagrangian back-end.
MIP_MAX_PAIRS = 150_000


def _mip_highs(problem: Problem, settings: SolverSettings) -> Solution:
    return solve_mip(problem, settings, "highs")


def _mip_scip(problem: Problem, settings: SolverSettings) -> Solution:
    return solve_mip(problem, settings, "scip")


BACKENDS: dict[str, Backend] = {
    "assignment": solve_assignment,
    "min-cost-flow": solve_min_cost_flow,
    "mip-highs": _mip_highs,
    "mip-scip": _mip_scip,
}

def _lagrangian(problem: Problem, settings: SolverSettings) -> Solution:
    from matcher.solvers.lagrangian import solve_lagrangian  # imported on use: scipy.optimize is slow to import

    return solve_lagrangian(problem, settings)


def _cpsat(problem: Problem, settings: SolverSettings) -> Solution:
    from matcher.solvers.cpsat import solve_cpsat

    return solve_cpsat(problem, settings)


BACKENDS["lagrangian"] = _lagrangian
BACKENDS["cp-sat"] = _cpsat


def choose_backend(problem: Problem, requested: str = "auto") -> list[str]:
    """Back-ends to try, in order, for this problem (the first that applies is used)."""
    if requested != "auto":
        if requested not in BACKENDS:
            raise ValueError(f"unknown solver backend {requested!r}; known: auto, {', '.join(sorted(BACKENDS))}")
        return [requested]
    if not problem.rows:
        return ["assignment", "min-cost-flow", "mip-highs"]
    if problem.n_pairs > MIP_MAX_PAIRS and "lagrangian" in BACKENDS:
        return ["lagrangian", "mip-highs"]
    return ["mip-highs"]


def run_backends(problem: Problem, settings: SolverSettings, names: list[str]) -> Solution:
    last: NotApplicable | None = None
    for name in names:
        try:
            return BACKENDS[name](problem, settings)
        except NotApplicable as exc:
            last = exc
    raise RuntimeError(f"no solver back-end applies to this problem: {last}")


__all__ = ["BACKENDS", "MIP_MAX_PAIRS", "NotApplicable", "choose_backend", "run_backends"]
