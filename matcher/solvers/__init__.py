"""Solver back-ends: the registry (`registry.py`), the settings (`settings.py`) and one module
per method (`flow.py`, `mip.py`, `lagrangian.py`, `cpsat.py`)."""

from matcher.solvers.registry import (
    BACKEND_CHOICES,
    BACKENDS,
    MIP_MAX_PAIRS,
    Backend,
    NotApplicable,
    choose_backend,
    run_backends,
)
from matcher.solvers.settings import SolverSettings

__all__ = [
    "BACKENDS",
    "BACKEND_CHOICES",
    "MIP_MAX_PAIRS",
    "Backend",
    "NotApplicable",
    "SolverSettings",
    "choose_backend",
    "run_backends",
]
