"""coverage: every adept matched (hard), or as many as possible (soft)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from constraints.base import Constraint, Instance, Verdict
from matcher.errors import Conflict
from matcher.i18n import Msg
from matcher.problem import IntArray, Problem


class Coverage(Constraint):
    name = "coverage"
    example = "coverage: {hard: false, priority: 1}"
    relaxable = False
    default_priority = 1
    counts_in_score = False
    decides_matching = True

    def requires_every_taker(self) -> bool:
        return self.hard

    def describe(self) -> Msg:
        return self.msg("describe.hard" if self.hard else "describe.soft")

    def apply(self, inst: Instance, problem: Problem) -> None:
        if self.hard:
            problem.taker_min = np.ones(inst.n_takers, dtype=np.int64)

    def pair_terms(self, inst: Instance, giver: IntArray, taker: IntArray) -> IntArray | None:
        return None if self.hard else np.ones(giver.shape[0], dtype=np.int64)

    def precheck(self, inst: Instance) -> list[Conflict]:
        places = int(inst.givers["capacity"].sum())
        if self.hard and places < inst.n_takers:
            return [
                self.conflict(
                    inst, "conflict.places", rules=["capacity", "coverage"], givers_count=inst.n_givers,
                    places=places, takers_count=inst.n_takers, short=inst.n_takers - places,
                )
            ]
        return []

    def conflict_words(self, inst: Instance) -> Msg:
        return self.msg("conflict_words", count=inst.n_takers)

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        matched = set(pairs["adept_id"])
        missing = [t for t in inst.takers["id"] if t not in matched]
        detail = self.msg("check", matched=inst.n_takers - len(missing), count=inst.n_takers)
        return Verdict.of_parts([self.part(not missing, detail, [f"{t} unmatched" for t in missing])])
