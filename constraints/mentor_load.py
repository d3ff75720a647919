"""mentor_load: a mentor takes at most `max_adepts` adepts over the last `terms` cohorts, this one included.

Mentoring costs a mentor at least 16 hours a term; the same seniors should not carry every
cohort. The earlier cohorts' pairs come from the history database (`history_db:`). Hard, a
mentor's places this term are lowered to what the window leaves (none left: the mentor is
not eligible at all, which the explanations then name); soft, each adept over costs `weight`.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import Constraint, Instance, Params, Verdict, joined
from matcher.errors import Conflict
from matcher.i18n import Msg
from matcher.problem import BoolArray, IntArray, PairClasses, Problem, Row


class MentorLoadParams(Params):
    max_adepts: int = Field(2, ge=0, description="most adepts a mentor takes summed over the window")
    terms: int = Field(
        2, ge=1, description="the window: this cohort and the terms - 1 cohorts before it (1: this cohort only)"
    )


class MentorLoad(Constraint):
    name = "mentor_load"
    example = "mentor_load: {max_adepts: 2, terms: 2}"
    params_model: ClassVar[type[Params]] = MentorLoadParams
    requires_history = True

    @property
    def p(self) -> MentorLoadParams:
        assert isinstance(self.params, MentorLoadParams)
        return self.params

    def _window(self) -> Msg:
        return self.msg("window.this") if self.p.terms == 1 else self.msg("window.last", count=self.p.terms)

    def describe(self) -> Msg:
        if self.hard:
            return self.msg("describe", most=self.p.max_adepts, window=self._window())
        return self.msg("describe.soft", most=self.p.max_adepts, window=self._window(), weight=self.p.weight,
                        priority=self.p.priority)

    def past_load(self, inst: Instance) -> IntArray:
        """Per giver (by position): adepts taken in the earlier cohorts of the window."""
        return self.per_instance(inst, "past_load", lambda: self._count_past_load(inst))

    def _count_past_load(self, inst: Instance) -> IntArray:
        history = inst.history
        if history is None:
            raise ValueError("mentor_load needs the history database (`history_db:` in the scenario)")
        window = history[history["back"] <= self.p.terms - 1]
        counts = window["mentor_id"].value_counts()
        result: IntArray = np.array([int(counts.get(g, 0)) for g in inst.givers["id"]], dtype=np.int64)
        return result

    def left(self, inst: Instance) -> IntArray:
        """Per giver: places the window leaves this cohort (never below 0)."""
        result: IntArray = np.maximum(self.p.max_adepts - self.past_load(inst), 0)
        return result

    def hard_filter(self, inst: Instance) -> BoolArray | None:
        """Hard: a mentor with no place left in the window is not eligible for anyone."""
        if not self.hard:
            return None
        result: BoolArray = np.repeat((self.left(inst) > 0)[:, None], inst.n_takers, axis=1)
        return result

    def apply(self, inst: Instance, problem: Problem) -> None:
        left = self.left(inst)
        if self.hard:
            # Applied after capacity (catalogue order): lower the bound where the window binds.
            problem.giver_max = np.where(left > 0, np.minimum(problem.giver_max, left), problem.giver_max)
            return
        capacity = inst.givers["capacity"].to_numpy(dtype=np.int64)
        past = self.past_load(inst)
        giver_code = problem.giver.astype(np.int32)  # the pair's mentor, shared by the rows
        for g in np.flatnonzero(left < capacity):
            one = np.zeros(inst.n_givers)
            one[g] = 1.0
            giver_id = str(inst.givers["id"].iat[int(g)])
            problem.rows.append(
                Row(
                    constraint=self.name,
                    label=f"mentor_load.{giver_id}",
                    description=self.msg(
                        "row.left", id=giver_id, past=int(past[g]), left=int(left[g]), most=self.p.max_adepts,
                        window=self._window(),
                    ),
                    coef=None,
                    classes=PairClasses(giver_code, one),
                    sense="<=",
                    rhs=float(left[g]),
                    penalty=float(self.p.weight),
                    priority=self.p.priority,
                )
            )

    def max_places(self, inst: Instance) -> int | None:
        if not self.hard:
            return None
        return int(np.minimum(inst.givers["capacity"].to_numpy(dtype=np.int64), self.left(inst)).sum())

    def precheck(self, inst: Instance) -> list[Conflict]:
        """Locked pairs alone beyond a mentor's places left in the window."""
        if not self.hard or inst.locked is None or inst.locked.empty:
            return []
        left = dict(zip(inst.givers["id"], self.left(inst).tolist(), strict=True))
        conflicts = []
        for giver_id, count in inst.locked["mentor_id"].value_counts().items():
            places = left.get(str(giver_id), 0)
            if 0 < places < count:
                conflicts.append(
                    self.conflict(inst, "conflict.locked", [str(giver_id)], ["locked", self.name], id=str(giver_id),
                                  count=int(count), places=int(places), most=self.p.max_adepts,
                                  window=self._window())
                )
        return conflicts

    def conflict_words(self, inst: Instance) -> Msg:
        past, left = self.past_load(inst), self.left(inst)
        busy = [
            self.msg("busy", id=g, past=int(n), left=int(k))
            for g, n, k in zip(inst.givers["id"], past, left, strict=True)
            if n > 0
        ]
        load = self.msg("conflict_words.busy", busy=busy[:10]) if busy else self.msg("conflict_words.nobody")
        words = self.msg("conflict_words", most=self.p.max_adepts, window=self._window(), load=load)
        usable = self.max_places(inst)
        return words if usable is None else self.msg("conflict_words.places", words=words, places=usable)

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        before = int(self.past_load(inst)[giver]) if self.p.terms > 1 else 0
        if not before:
            return None
        earlier = self.msg("earlier.one") if self.p.terms == 2 else self.msg("earlier.many", count=self.p.terms - 1)
        return self.msg("pair.one" if before == 1 else "pair.many", count=before, earlier=earlier,
                        most=self.p.max_adepts, terms=self.p.terms)

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        history = inst.history
        if history is None:
            return Verdict.of_parts([self.part(False, Msg("rule.no_history"))])
        before: dict[str, int] = {}
        for mentor_id, back in zip(history["mentor_id"], history["back"], strict=True):
            if int(back) < self.p.terms:
                before[str(mentor_id)] = before.get(str(mentor_id), 0) + 1
        now: dict[str, int] = {}
        for mentor_id in pairs["mentor_id"].astype(str):
            now[mentor_id] = now.get(mentor_id, 0) + 1
        heavy = [(m, n) for m, n in sorted(now.items()) if before.get(m, 0) + n > self.p.max_adepts]
        over = [f"{m}: {before.get(m, 0)} before + {n} now > {self.p.max_adepts}" for m, n in heavy]
        if over:
            words = [self.msg("over", id=m, before=before.get(m, 0), now=n, most=self.p.max_adepts)
                     for m, n in heavy[:10]]
            return Verdict.of_parts([self.part(False, self.msg("check.over", count=len(over), over=joined(words)),
                                               over)])
        most = max((before.get(m, 0) + n for m, n in now.items()), default=0)
        return Verdict.of_parts([self.part(True, self.msg("check", window=self._window(), heaviest=most,
                                                          most=self.p.max_adepts))])
