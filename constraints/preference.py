"""preference: trainees' ranked administrations, rewarded by rank.

A trainee lists the administrations they applied to in order of preference. A placement
in their 1st choice earns `points[0]`, the 2nd `points[1]`, and so on (beyond the list: 0),
times `weight`. The rank is that of the supervisor's administration; units do not count.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import pandas as pd
from pydantic import Field, field_validator

from constraints.base import Constraint, Instance, Params, SoftParams, Verdict
from matcher.domain import ADMINISTRATIONS
from matcher.problem import IntArray


class PreferenceParams(SoftParams):
    points: list[int] = Field(
        default_factory=lambda: [3, 2, 1],
        description="points for a placement at the 1st, 2nd, 3rd, ... choice (later choices: 0), times weight",
    )

    @field_validator("points")
    @classmethod
    def _points(cls, value: list[int]) -> list[int]:
        if not value:
            raise ValueError("points must list at least the 1st choice's points, e.g. [3, 2, 1]")
        if any(p < 0 for p in value):
            raise ValueError(f"points must be whole numbers >= 0, got {value}")
        return value


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 3 -> '3rd', 4 -> '4th'."""
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(n if n < 20 else n % 10, "th")
    return f"{n}{suffix}"


def rank_of(applied_to: Any, administration: str) -> int | None:
    """0-based rank of an administration among a trainee's choices (units ignored), None if absent."""
    seen: list[str] = []
    for choice in applied_to or ():
        name = str(choice).partition("/")[0]
        if name not in seen:
            seen.append(name)
    return seen.index(administration) if administration in seen else None


class Preference(Constraint):
    name = "preference"
    title = "trainees' preferences"
    summary = (
        "rewards placing a trainee in an administration by its rank in `applied_to`: `points` (default 3, 2, 1 "
        "for 1st, 2nd, 3rd choice; later 0), times `weight`"
    )
    example = "preference: {points: [3, 2, 1], weight: 1}"
    params_model: ClassVar[type[Params]] = PreferenceParams

    @property
    def points(self) -> list[int]:
        assert isinstance(self.params, PreferenceParams)
        return self.params.points

    def points_for(self, rank: int | None) -> int:
        return self.points[rank] if rank is not None and rank < len(self.points) else 0

    def describe(self) -> str:
        ranks = ", ".join(f"{ordinal(i + 1)} choice +{p}" for i, p in enumerate(self.points))
        return f"{ranks} (x {self.params.weight}, priority {self.params.priority})"

    def pair_terms(self, inst: Instance, giver: IntArray, taker: IntArray) -> IntArray | None:
        code = {a: i for i, a in enumerate(ADMINISTRATIONS)}
        table = np.zeros((len(ADMINISTRATIONS), inst.n_takers), dtype=np.int64)
        for t, applied_to in enumerate(inst.takers["applied_to"]):
            for administration in ADMINISTRATIONS:
                table[code[administration], t] = self.points_for(rank_of(applied_to, administration))
        giver_code = inst.givers["administration"].map(code).to_numpy(dtype=np.int64)
        result: IntArray = table[giver_code[giver], taker]
        return result

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> str | None:
        administration = str(inst.giver_records[giver]["administration"])
        rank = rank_of(inst.taker_records[taker]["applied_to"], administration)
        gained = self.points_for(rank) * self.params.weight
        if rank is None:
            return f"not among the choices ({administration}) +0"
        return f"{ordinal(rank + 1)} choice ({administration}) +{gained}"

    def conflict_words(self, inst: Instance) -> str:
        return self.describe()

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        administration_of = dict(zip(inst.givers["id"], inst.givers["administration"], strict=True))
        applied = dict(zip(inst.takers["id"], inst.takers["applied_to"], strict=True))
        ranks = [
            rank_of(applied[a], administration_of[m])
            for m, a in zip(pairs["mentor_id"], pairs["adept_id"], strict=True)
        ]
        first = sum(1 for r in ranks if r == 0)
        placed = len(ranks)
        share = f" ({first / placed:.0%})" if placed else ""
        detail = f"{first} of {placed} placed {inst.taker_role}s at their 1st choice{share}"
        others = [
            f"{a} at {'no choice' if r is None else ordinal(r + 1) + ' choice'}"
            for a, r in zip(pairs["adept_id"], ranks, strict=True)
            if r != 0
        ]
        return Verdict(not others, detail, others, False)
