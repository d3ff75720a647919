"""history: no pair from an earlier cohort again (hard), or a penalty per repeated pair (soft).

An adept meets a new mentor each time; a mentor meets new people. The earlier cohorts' pairs
come from the history database (`history_db:` in the scenario, filled by `matcher publish`).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import Constraint, Instance, Params, Verdict
from matcher.i18n import Msg
from matcher.problem import BoolArray, IntArray


class HistoryParams(Params):
    cohorts_back: int | None = Field(
        None, ge=1, description="look back only this many earlier cohorts (none: every earlier cohort)"
    )


def past_pairs(inst: Instance, cohorts_back: int | None) -> pd.DataFrame:
    """The earlier cohorts' pairs within the window, both people present in this cohort."""
    history = inst.history
    if history is None:
        raise ValueError("history needs the history database (`history_db:` in the scenario)")
    if cohorts_back is not None:
        history = history[history["back"] <= cohorts_back]
    present = history["mentor_id"].isin(inst.giver_position) & history["adept_id"].isin(inst.taker_position)
    return history[present]


class History(Constraint):
    name = "history"
    example = "history: {cohorts_back: 4}"
    params_model: ClassVar[type[Params]] = HistoryParams
    requires_history = True

    @property
    def p(self) -> HistoryParams:
        assert isinstance(self.params, HistoryParams)
        return self.params

    def _window(self) -> Msg:
        if self.p.cohorts_back is None:
            return self.msg("window.all")
        return self.msg("window.last", count=self.p.cohorts_back)

    def describe(self) -> Msg:
        if self.hard:
            return self.msg("describe", window=self._window())
        return self.msg("describe.soft", window=self._window(), weight=self.p.weight, priority=self.p.priority)

    def _past(self, inst: Instance) -> pd.DataFrame:
        return self.per_instance(inst, "past", lambda: past_pairs(inst, self.p.cohorts_back))

    def repeated(self, inst: Instance) -> BoolArray:
        """Givers x takers: pairs made in an earlier cohort within the window."""
        return inst.pair_mask(self._past(inst))

    def allowed(self, inst: Instance) -> BoolArray:
        result: BoolArray = ~self.repeated(inst)
        return result

    def pair_terms(self, inst: Instance, giver: IntArray, taker: IntArray) -> IntArray | None:
        """Soft: -1 per repeated pair (times weight), so repeating costs and matching more is not rewarded."""
        if self.hard:
            return None
        result: IntArray = -self.repeated(inst)[giver, taker].astype(np.int64)
        return result

    def _cohorts_by_pair(self, inst: Instance) -> dict[tuple[str, str], list[str]]:
        """(mentor id, adept id) -> the earlier cohorts they were matched in, oldest first."""
        past = self._past(inst)
        order = {cohort: k for k, cohort in enumerate(dict.fromkeys(past["cohort"]))}
        found: dict[tuple[str, str], set[str]] = {}
        for m, a, cohort in zip(past["mentor_id"], past["adept_id"], past["cohort"], strict=True):
            found.setdefault((str(m), str(a)), set()).add(cohort)
        return {pair: sorted(cohorts, key=order.__getitem__) for pair, cohorts in found.items()}

    def _cohorts_of(self, inst: Instance, mentor_id: str, adept_id: str) -> list[str]:
        by_pair = self.per_instance(inst, "cohorts_by_pair", lambda: self._cohorts_by_pair(inst))
        return by_pair.get((mentor_id, adept_id), [])

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        mentor_id, adept_id = inst.giver_records[giver]["id"], inst.taker_records[taker]["id"]
        cohorts = self._cohorts_of(inst, str(mentor_id), str(adept_id))
        if not cohorts:
            return self.msg("pair.new", window=self._window())
        return self.msg("pair.repeated", cohorts=cohorts, weight=self.p.weight)

    def conflict_words(self, inst: Instance) -> Msg:
        past = self._past(inst)
        cohorts = [str(c) for c in dict.fromkeys(past["cohort"])]
        if not cohorts:
            return self.msg("conflict_words.none", count=len(past), window=self._window())
        return self.msg("conflict_words", count=len(past), window=self._window(), cohorts=cohorts)

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        history = inst.history
        if history is None:
            return Verdict.of_parts([self.part(False, Msg("rule.no_history"))])
        window = history if self.p.cohorts_back is None else history[history["back"] <= self.p.cohorts_back]
        before: dict[tuple[str, str], list[str]] = {}
        for cohort, m, a in zip(window["cohort"], window["mentor_id"], window["adept_id"], strict=True):
            before.setdefault((str(m), str(a)), []).append(str(cohort))
        again = [
            (m, a) for m, a in zip(pairs["mentor_id"].astype(str), pairs["adept_id"].astype(str), strict=True)
            if (m, a) in before
        ]
        repeats = [f"{m} - {a} (matched in {', '.join(before[(m, a)])})" for m, a in again]
        repeat_words = [self.msg("repeat", pair=f"{m} - {a}", cohorts=before[(m, a)]) for m, a in again]
        n_cohorts = window["cohort"].nunique()
        if repeats:
            return Verdict.of_parts([self.part(False, self.msg("check.repeated", count=len(repeats),
                                                               pairs=repeat_words[:10]), repeats)])
        return Verdict.of_parts([self.part(True, self.msg("check", cohorts=n_cohorts, pairs=len(window)))])
