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

from constraints.base import Constraint, Instance, Params, Verdict
from matcher.errors import Conflict
from matcher.problem import BoolArray, IntArray, PairClasses, Problem, Row


class MentorLoadParams(Params):
    max_adepts: int = Field(2, ge=0, description="most adepts a mentor takes summed over the window")
    terms: int = Field(
        2, ge=1, description="the window: this cohort and the terms - 1 cohorts before it (1: this cohort only)"
    )


class MentorLoad(Constraint):
    name = "mentor_load"
    title = "mentor load across terms"
    summary = (
        "a mentor takes at most `max_adepts` adepts summed over the last `terms` cohorts, this one included "
        "(soft: `weight` off per adept over); reads the history database (`history_db:` or `--db`)"
    )
    example = "mentor_load: {max_adepts: 2, terms: 2}"
    params_model: ClassVar[type[Params]] = MentorLoadParams
    requires_history = True

    @property
    def p(self) -> MentorLoadParams:
        assert isinstance(self.params, MentorLoadParams)
        return self.params

    def _window(self) -> str:
        return "this cohort" if self.p.terms == 1 else f"the last {self.p.terms} cohorts (this one included)"

    def describe(self) -> str:
        text = f"a mentor takes at most {self.p.max_adepts} adepts over {self._window()}"
        return text if self.hard else f"{text} (soft: -{self.p.weight} per adept over, priority {self.p.priority})"

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
                    description=(
                        f"{giver_id} had {int(past[g])} {inst.taker_role}s in the earlier cohorts of the window: "
                        f"{int(left[g])} more keeps them within {self.p.max_adepts} over {self._window()}"
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
                    Conflict(
                        ["locked", self.name],
                        f"{giver_id} is locked to {count} {inst.taker_role}s but has {places} places left under "
                        f"mentor_load (at most {self.p.max_adepts} over {self._window()}): unlock a pair or raise "
                        "max_adepts",
                        [str(giver_id)],
                    )
                )
        return conflicts

    def conflict_words(self, inst: Instance) -> str:
        past, left = self.past_load(inst), self.left(inst)
        busy = [
            f"{g} had {int(n)} (leaves {int(k)})"
            for g, n, k in zip(inst.givers["id"], past, left, strict=True)
            if n > 0
        ]
        usable = self.max_places(inst)
        places = f"; the {inst.giver_role}s keep {usable} places in all" if usable is not None else ""
        return (
            f"a {inst.giver_role} takes at most {self.p.max_adepts} {inst.taker_role}s over {self._window()}: "
            + (", ".join(busy[:10]) if busy else "nobody had any before")
            + places
        )

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> str | None:
        before = int(self.past_load(inst)[giver]) if self.p.terms > 1 else 0
        if not before:
            return None
        earlier = "the previous cohort" if self.p.terms == 2 else f"the previous {self.p.terms - 1} cohorts"
        plural = "" if before == 1 else "s"
        return (
            f"{inst.giver_role} load: {before} {inst.taker_role}{plural} in {earlier} "
            f"(at most {self.p.max_adepts} over {self.p.terms} cohorts)"
        )

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        history = inst.history
        if history is None:
            return Verdict(False, "no history database was read", [], self.hard)
        before: dict[str, int] = {}
        for mentor_id, back in zip(history["mentor_id"], history["back"], strict=True):
            if int(back) < self.p.terms:
                before[str(mentor_id)] = before.get(str(mentor_id), 0) + 1
        now: dict[str, int] = {}
        for mentor_id in pairs["mentor_id"].astype(str):
            now[mentor_id] = now.get(mentor_id, 0) + 1
        over = [
            f"{m}: {before.get(m, 0)} before + {n} now > {self.p.max_adepts}"
            for m, n in sorted(now.items())
            if before.get(m, 0) + n > self.p.max_adepts
        ]
        if over:
            return Verdict(False, f"{len(over)} mentors over the load: {'; '.join(over[:10])}", over, self.hard)
        most = max((before.get(m, 0) + n for m, n in now.items()), default=0)
        return Verdict(True, f"heaviest load over {self._window()}: {most} of at most {self.p.max_adepts}")
