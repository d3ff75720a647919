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
from matcher.i18n import Msg
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
    example = "keep_pairs: {pairs: [[M0001, A0001], [M0002, A0003]], max_moves: 1}"
    relaxable = False
    params_model: ClassVar[type[Params]] = KeepPairsParams
    counts_in_score = False  # keeping a pair is not part of how good the pair is

    @property
    def p(self) -> KeepPairsParams:
        assert isinstance(self.params, KeepPairsParams)
        return self.params

    def describe(self) -> Msg:
        n = len(self.p.pairs)
        if not self.hard:
            return self.msg("describe.soft", count=n)
        if self.p.max_moves == 0:
            return self.msg("describe.stay", count=n)
        return self.msg("describe.moves", moves=self.p.max_moves, count=n)

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
                description=self.msg("row", stay=total - self.p.max_moves, count=total, moves=self.p.max_moves),
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
    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        pair = (str(inst.giver_records[giver]["id"]), str(inst.taker_records[taker]["id"]))
        return self.msg("pair") if pair in self._pair_set else None

    def precheck(self, inst: Instance) -> list[Conflict]:
        conflicts: list[Conflict] = []
        for m, a in self.p.pairs:
            article = self.msg("article.an" if inst.taker_role[0] in "aeiou" else "article.a")  # an adept, a trainee
            missing = [
                self.msg(f"not.{side}", id=pid, article=article)
                for pid, positions, side in ((m, inst.giver_position, "giver"), (a, inst.taker_position, "taker"))
                if pid not in positions
            ]
            if missing:
                who = missing[0] if len(missing) == 1 else self.msg("not.both", first=missing[0], then=missing[1])
                conflicts.append(self.conflict(inst, "conflict.unknown", [m, a], pair=f"{m} - {a}", who=who))
        takers = pd.Series([a for _, a in self.p.pairs], dtype=object).value_counts()
        for taker_id, count in takers[takers > 1].items():
            conflicts.append(self.conflict(inst, "conflict.twice", [str(taker_id)], id=str(taker_id), count=int(count)))
        if self.hard and self.p.max_moves == 0:
            givers = pd.Series([m for m, _ in self.p.pairs], dtype=object).value_counts()
            for giver_id, count in givers.items():
                position = inst.giver_position.get(str(giver_id))
                if position is None:
                    continue
                capacity = int(inst.giver_records[position]["capacity"])
                if count > capacity:
                    conflicts.append(self.conflict(inst, "conflict.capacity", [str(giver_id)], [self.name, "capacity"],
                                                   id=str(giver_id), count=int(count), capacity=capacity))
        return conflicts

    def conflict_words(self, inst: Instance) -> Msg:
        n = len(self.p.pairs)
        if self.p.max_moves == 0:
            return self.msg("conflict_words.stay", count=n)
        return self.msg("conflict_words.moves", stay=max(n - self.p.max_moves, 0), count=n)

    # -- independent check -----------------------------------------------------------------
    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        made = set(zip(pairs["mentor_id"].astype(str), pairs["adept_id"].astype(str), strict=True))
        broken = [f"{m} - {a}" for m, a in self.p.pairs if (m, a) not in made]
        total = len(self.p.pairs)
        kept = self.msg("check", kept=total - len(broken), count=total)
        if not self.hard:
            return Verdict.of_parts([self.part(not broken, kept, broken)])
        # Hard: at most max_moves broken must hold (the reward for each pair kept is how moves are kept few).
        too_many = len(broken) > self.p.max_moves
        detail = self.msg("check.moves", kept=kept, broken=len(broken), moves=self.p.max_moves)
        return Verdict.of_parts([self.part(not too_many, detail, broken if too_many else [])])
