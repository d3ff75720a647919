"""The scenario's `solver:` block: the one model of solver settings.

Every setting is bounded here, so a value the machine cannot honour (a hundred million
threads, a seed SCIP cannot take, a negative or NaN time limit) is refused where it is
written, with its location, instead of failing inside a solver. The command line's
overrides (`--time-limit`) go through the same model.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from matcher.solvers.registry import BACKEND_CHOICES

#: Most threads a solver may be given: far above any machine this runs on, far below what
#: makes a solver allocate per-thread memory until it dies.
MAX_WORKERS = 256
#: The largest seed every back-end accepts (SCIP's is a signed 32-bit integer).
MAX_SEED = 2**31 - 1
#: A week: a limit beyond it is a typing mistake, not a wish.
MAX_TIME_LIMIT_S = 7 * 24 * 3600.0
#: Branch-and-bound work per priority level by default (LPs and MIP nodes). The hardest point of
#: the city sweep needs a few dozen; the limit only stops a search that would run for minutes.
DEFAULT_NODE_LIMIT = 20_000
MAX_NODE_LIMIT = 10**9


class SolverSettings(BaseModel):
    """How to solve: work and time limits, threads, seed, back-end and the gap that counts as proven."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    time_limit_s: float = Field(
        60.0,
        gt=0,
        le=MAX_TIME_LIMIT_S,
        allow_inf_nan=False,
        description="wall-clock safety net for the solve, in seconds: a run it stops is marked not reproducible",
    )
    workers: int = Field(2, ge=1, le=MAX_WORKERS, description="threads cp-sat may use (HiGHS always runs on one)")
    seed: int = Field(0, ge=0, le=MAX_SEED, description="random seed: the same seed gives the same pairs")
    backend: str = Field(
        "auto",
        description="auto picks by the problem's structure (see README)",
        json_schema_extra={"enum": list(BACKEND_CHOICES)},
    )
    node_limit: int = Field(
        DEFAULT_NODE_LIMIT,
        ge=1,
        le=MAX_NODE_LIMIT,
        description="work per priority level at most, in branch-and-bound nodes and LPs: a limit counted in work, "
        "not seconds, so the same input gives the same pairs however busy the machine is",
    )
    relative_gap: float = Field(
        1e-6,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="OPTIMAL once every priority level is proven within this relative gap of its own best",
    )

    @field_validator("backend")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if value not in BACKEND_CHOICES:
            raise ValueError(f"unknown back-end {value!r}; use one of {', '.join(BACKEND_CHOICES)}")
        return value

    def but(self, **changes: object) -> SolverSettings:
        """A copy with some settings changed (and validated)."""
        return self.model_validate({**self.model_dump(), **changes})
