"""capacity: a mentor takes at most `capacity` adepts (always on)."""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import Constraint, Instance, Params, Verdict
from matcher.errors import Conflict
from matcher.problem import Problem


class CapacityParams(Params):
    hard: Literal[True] = Field(True, description="always hard")
    min_per_mentor: int = Field(
        0,
        ge=0,
        description="each mentor who signed up (capacity >= 1) gets at least this many (capped at capacity)",
    )


class Capacity(Constraint):
    name = "capacity"
    title = "mentor capacity"
    summary = "each mentor takes at most their `capacity` adepts (the people file's column, default 1)"
    example = "capacity: {min_per_mentor: 1}"
    params_model: ClassVar[type[Params]] = CapacityParams
    always_on = True

    @property
    def min_per_mentor(self) -> int:
        assert isinstance(self.params, CapacityParams)
        return self.params.min_per_mentor

    def describe(self) -> str:
        extra = f"; every mentor with capacity gets at least {self.min_per_mentor}" if self.min_per_mentor else ""
        return self.summary + extra

    def minimums(self, inst: Instance) -> np.ndarray:
        capacity = inst.givers["capacity"].to_numpy(dtype=np.int64)
        return np.minimum(capacity, self.min_per_mentor)

    def apply(self, inst: Instance, problem: Problem) -> None:
        problem.giver_max = inst.givers["capacity"].to_numpy(dtype=np.int64).copy()
        problem.giver_min = self.minimums(inst)

    def precheck(self, inst: Instance) -> list[Conflict]:
        needed = int(self.minimums(inst).sum())
        if needed > inst.n_takers:
            return [
                Conflict(
                    ["capacity"],
                    f"min_per_mentor asks for at least {needed} {inst.taker_role}s in all, "
                    f"but only {inst.n_takers} signed up; lower min_per_mentor or recruit {inst.taker_role}s",
                )
            ]
        return []

    def conflict_words(self, inst: Instance) -> str:
        total = int(inst.givers["capacity"].sum())
        words = f"the {inst.n_givers} {inst.giver_role}s offer {total} places in all"
        if self.min_per_mentor:
            words += f", and each must get at least {self.min_per_mentor}"
        return words

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        load = pairs["mentor_id"].value_counts()
        problems = []
        for giver_id, capacity in zip(inst.givers["id"], inst.givers["capacity"], strict=True):
            taken = int(load.get(giver_id, 0))
            if taken > capacity:
                problems.append(f"{giver_id} has {taken} but capacity {capacity}")
            if taken < min(int(capacity), self.min_per_mentor):
                problems.append(
                    f"{giver_id} has {taken} but must get at least {min(int(capacity), self.min_per_mentor)}"
                )
        if problems:
            return Verdict(False, "; ".join(problems[:10]), problems, True)
        used = int((load > 0).sum())
        return Verdict(True, f"{used} of {inst.n_givers} {inst.giver_role}s used, none over capacity")
