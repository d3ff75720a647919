"""keep_pairs: pairs of the current matching stay as they are (mid-year repair).

A cohort runs a year; when people leave or join, re-matching everyone would reshuffle pairs
that already work. `matcher repair` lists the current pairs that are still valid here: with
`max_moves: 0` they are fixed like locked pairs; with `max_moves: N` at most N of them may be
broken, and each kept pair earns `weight` at the rule's `priority` (repair puts that level
right after coverage: fewest moves among the matchings that match the most people).
"""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import Constraint, Instance, Params, Verdict
from matcher.errors import Conflict
from matcher.problem import BoolArray, IntArray, PairClasses, Problem, Row, pair_index


class KeepPairsParams(Params):
    pairs: tuple[tuple[str, str], ...] = Field(
        (), description="the current pairs, as [mentor_id, adept_id] (`matcher repair` fills this in)"
    )
    max_moves: int = Field(
        0, ge=0, description="hard: at most this many of the pairs may be broken (0: every pair stays exactly)"
    )


class KeepPairs(Constraint):
    name = "keep_pairs"
    title = "keep the current pairs"
    summary = (
        "pairs of the current matching stay; with `max_moves: N` at most N of them may be broken, "
        "and each pair kept is rewarded (hard: false keeps only the reward)"
    )
    example = "keep_pairs: {pairs: [[M0001, A0001], [M0002, A0003]], max_moves: 1}"
    params_model: ClassVar[type[Params]] = KeepPairsParams
    counts_in_score = False  # keeping a pair is not part of how good the pair is

    @property
    def p(self) -> KeepPairsParams:
        assert isinstance(self.params, KeepPairsParams)
        return self.params

    def describe(self) -> str:
        n = len(self.p.pairs)
        if not self.hard:
            return f"prefer keeping the {n} current pairs"
        if self.p.max_moves == 0:
            return f"the {n} current pairs stay as they are"
        return f"at most {self.p.max_moves} of the {n} current pairs may be broken, fewest first"

    def has_preference_part(self) -> bool:
        """With moves allowed, each pair kept is rewarded at the rule's priority and weight."""
        return not self.hard or self.p.max_moves > 0

    # -- the listed pairs, by position ---------------------------------------------------
    @cached_property
    def _pair_set(self) -> set[tuple[str, str]]:
        return set(self.p.pairs)

    def _positions(self, inst: Instance) -> tuple[IntArray, IntArray]:
        """Giver and taker positions of the listed pairs (-1 for an id not in the people)."""
        g = np.array([inst.giver_position.get(m, -1) for m, _ in self.p.pairs], dtype=np.int64)
        t = np.array([inst.taker_position.get(a, -1) for _, a in self.p.pairs], dtype=np.int64)
        return g, t

    def _listed(self, inst: Instance) -> BoolArray:
        mask = np.zeros((inst.n_givers, inst.n_takers), dtype=bool)
        g, t = self._positions(inst)
        known = (g >= 0) & (t >= 0)
        mask[g[known], t[known]] = True
        return mask

    # -- effect on the model -------------------------------------------------------------
    def apply(self, inst: Instance, problem: Problem) -> None:
        if not self.hard or not self.p.pairs:
            return
        g, t = self._positions(inst)
        known = (g >= 0) & (t >= 0)
        index = pair_index(problem, g[known], t[known])
        possible = index[index >= 0]
        total = len(self.p.pairs)
        if self.p.max_moves == 0 and len(possible) == total:
            problem.fixed[possible] = True  # like locked pairs: taken out before solving
            return
        if self.p.max_moves >= total:
            return  # every pair may go: only the reward remains
        # A pair no hard rule allows any more has no variable: it counts as broken, so the
        # row below is infeasible when there are more of those than max_moves (diagnose says so).
        kept = np.zeros(problem.n_pairs, dtype=bool)
        kept[possible] = True
        problem.counters["current pairs kept"] = kept
        problem.rows.append(
            Row(
                constraint=self.name,
                label="keep_pairs.max_moves",
                description=(
                    f"at least {total - self.p.max_moves} of the {total} current pairs must stay "
                    f"(at most {self.p.max_moves} moved)"
                ),
                coef=None,
                classes=PairClasses(kept.view(np.int8), np.array([0.0, 1.0])),  # code 1: a current pair
                sense=">=",
                rhs=float(total - self.p.max_moves),
            )
        )

    def pair_terms(self, inst: Instance, giver: IntArray, taker: IntArray) -> IntArray | None:
        if self.hard and self.p.max_moves == 0:
            return None  # the pairs are fixed: a reward would change nothing
        return self._listed(inst)[giver, taker].astype(np.int64)

    # -- words -----------------------------------------------------------------------------
    def explain_pair(self, inst: Instance, giver: int, taker: int) -> str | None:
        pair = (str(inst.giver_records[giver]["id"]), str(inst.taker_records[taker]["id"]))
        return "kept from the current matching" if pair in self._pair_set else None

    def precheck(self, inst: Instance) -> list[Conflict]:
        conflicts: list[Conflict] = []
        for m, a in self.p.pairs:
            missing = [
                f"{pid} is not {article} {role}"
                for pid, positions, article, role in (
                    (m, inst.giver_position, "a", inst.giver_role),
                    (a, inst.taker_position, "an" if inst.taker_role[0] in "aeiou" else "a", inst.taker_role),
                )
                if pid not in positions
            ]
            if missing:
                conflicts.append(
                    Conflict(
                        [self.name],
                        f"current pair {m} - {a} cannot be kept: {' and '.join(missing)} in the people file; "
                        "remove the pair from keep_pairs",
                        [m, a],
                    )
                )
        takers = pd.Series([a for _, a in self.p.pairs], dtype=object).value_counts()
        for taker_id, count in takers[takers > 1].items():
            conflicts.append(
                Conflict([self.name], f"{taker_id} is in {count} current pairs; keep one", [str(taker_id)])
            )
        if self.hard and self.p.max_moves == 0:
            givers = pd.Series([m for m, _ in self.p.pairs], dtype=object).value_counts()
            for giver_id, count in givers.items():
                position = inst.giver_position.get(str(giver_id))
                if position is None:
                    continue
                capacity = int(inst.giver_records[position]["capacity"])
                if count > capacity:
                    conflicts.append(
                        Conflict(
                            [self.name, "capacity"],
                            f"{giver_id} has {count} current {inst.taker_role}s but capacity {capacity}: "
                            "raise the capacity, or allow moves (matcher repair --allow-moves)",
                            [str(giver_id)],
                        )
                    )
        return conflicts

    def conflict_words(self, inst: Instance) -> str:
        n = len(self.p.pairs)
        if self.p.max_moves == 0:
            return f"the {n} current pairs must all stay (no moves allowed)"
        return f"at least {max(n - self.p.max_moves, 0)} of the {n} current pairs must stay"

    # -- independent check -----------------------------------------------------------------
    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        made = set(zip(pairs["mentor_id"].astype(str), pairs["adept_id"].astype(str), strict=True))
        broken = [f"{m} - {a}" for m, a in self.p.pairs if (m, a) not in made]
        total = len(self.p.pairs)
        detail = f"{total - len(broken)} of {total} current pairs kept"
        if self.hard:
            detail += f", {len(broken)} broken (at most {self.p.max_moves} allowed)"
            too_many = len(broken) > self.p.max_moves
            return Verdict(not too_many, detail, broken if too_many else [], too_many)
        return Verdict(not broken, detail, broken)
