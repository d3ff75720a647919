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
from matcher.errors import InvalidValue
from matcher.i18n import Msg
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
            raise InvalidValue(Msg("rule.preference.invalid.empty"))
        if any(p < 0 for p in value):
            raise InvalidValue(Msg("rule.preference.invalid.negative", {"points": str(value)}))
        return value


def ordinal(n: int) -> Msg:
    """1 -> '1st' / '1:a', 2 -> '2nd' / '2:a', 3 -> '3rd' / '3:e', 4 -> '4th' / '4:e'. The key names both
    languages' suffix (they differ for 3 and 11-13), so one message renders right in each."""
    teen = n % 100 in (11, 12, 13)
    english = "th" if teen else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    swedish = "a" if n % 10 in (1, 2) and n % 100 not in (11, 12) else "e"
    return Msg(f"rule.preference.ordinal.{english}_{swedish}", {"n": n})


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
    example = "preference: {points: [3, 2, 1], weight: 1}"
    params_model: ClassVar[type[Params]] = PreferenceParams

    @property
    def points(self) -> list[int]:
        assert isinstance(self.params, PreferenceParams)
        return self.params.points

    def points_for(self, rank: int | None) -> int:
        return self.points[rank] if rank is not None and rank < len(self.points) else 0

    def describe(self) -> Msg:
        ranks = [self.msg("rank", choice=ordinal(i + 1), points=p) for i, p in enumerate(self.points)]
        return self.msg("describe", ranks=ranks, weight=self.params.weight, priority=self.params.priority)

    def pair_terms(self, inst: Instance, giver: IntArray, taker: IntArray) -> IntArray | None:
        code = {a: i for i, a in enumerate(ADMINISTRATIONS)}
        table = np.zeros((len(ADMINISTRATIONS), inst.n_takers), dtype=np.int64)
        for t, applied_to in enumerate(inst.takers["applied_to"]):
            for administration in ADMINISTRATIONS:
                table[code[administration], t] = self.points_for(rank_of(applied_to, administration))
        giver_code = inst.givers["administration"].map(code).to_numpy(dtype=np.int64)
        result: IntArray = table[giver_code[giver], taker]
        return result

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        administration = str(inst.giver_records[giver]["administration"])
        rank = rank_of(inst.taker_records[taker]["applied_to"], administration)
        gained = self.points_for(rank) * self.params.weight
        if rank is None:
            return self.msg("pair.none", administration=administration)
        return self.msg("pair", choice=ordinal(rank + 1), administration=administration, points=gained)

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        administration_of = dict(zip(inst.givers["id"], inst.givers["administration"], strict=True))
        applied = dict(zip(inst.takers["id"], inst.takers["applied_to"], strict=True))
        ranks = [
            rank_of(applied[a], administration_of[m])
            for m, a in zip(pairs["mentor_id"], pairs["adept_id"], strict=True)
        ]
        first = sum(1 for r in ranks if r == 0)
        placed = len(ranks)
        detail = (self.msg("check", first=first, count=placed, share=first / placed) if placed
                  else self.msg("check.none"))
        others = [
            f"{a} at {'no choice' if r is None else ordinal(r + 1).render('en') + ' choice'}"  # ids: not shown
            for a, r in zip(pairs["adept_id"], ranks, strict=True)
            if r != 0
        ]
        return Verdict.of_parts([self.part(not others, detail, others)])
