"""coverage: every adept matched (hard), or as many as possible (soft)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from constraints.base import Constraint, Instance, Verdict
from matcher.errors import Conflict
from matcher.problem import IntArray, Problem


class Coverage(Constraint):
    name = "coverage"
    title = "every adept matched"
    summary = "hard: every adept gets a mentor; soft: as many adepts as possible get one (weight per adept)"
    example = "coverage: {hard: false, priority: 1}"
    default_priority = 1
    counts_in_score = False

    def describe(self) -> str:
        return "every adept gets a mentor" if self.hard else "match as many adepts as possible"

    def apply(self, inst: Instance, problem: Problem) -> None:
        if self.hard:
            problem.taker_min = np.ones(inst.n_takers, dtype=np.int64)

    def pair_terms(self, inst: Instance, giver: IntArray, taker: IntArray) -> IntArray | None:
        return None if self.hard else np.ones(giver.shape[0], dtype=np.int64)

    def precheck(self, inst: Instance) -> list[Conflict]:
        places = int(inst.givers["capacity"].sum())
        if self.hard and places < inst.n_takers:
            return [
                Conflict(
                    ["capacity", "coverage"],
                    f"the {inst.n_givers} {inst.giver_role}s offer {places} places for {inst.n_takers} "
                    f"{inst.taker_role}s, and coverage says every {inst.taker_role} must be matched: raise "
                    f"capacities by {inst.n_takers - places}, recruit {inst.giver_role}s, or make coverage soft "
                    "(coverage: {hard: false})",
                )
            ]
        return []

    def conflict_words(self, inst: Instance) -> str:
        return f"every one of the {inst.n_takers} {inst.taker_role}s must be matched"

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> str | None:
        return None

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        matched = set(pairs["adept_id"])
        missing = [t for t in inst.takers["id"] if t not in matched]
        detail = f"{inst.n_takers - len(missing)} of {inst.n_takers} {inst.taker_role}s matched"
        return Verdict(not missing, detail, [f"{t} unmatched" for t in missing], self.hard and bool(missing))
