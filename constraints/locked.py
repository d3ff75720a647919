"""locked: pairs from the locked file must be matched as given (always hard)."""

from __future__ import annotations

from typing import ClassVar

import pandas as pd

from constraints.base import Constraint, Instance, Params, Verdict
from constraints.exclusions import HardOnlyParams
from matcher.errors import Conflict
from matcher.i18n import Msg
from matcher.problem import Problem, pair_index


class Locked(Constraint):
    name = "locked"
    example = "locked: {}   # on whenever the scenario names a locked file"
    relaxable = False
    params_model: ClassVar[type[Params]] = HardOnlyParams
    requires_file: ClassVar[str] = "locked"
    on_with_file = True

    def apply(self, inst: Instance, problem: Problem) -> None:
        g, t = inst.pair_positions(self.file_table(inst))
        index = pair_index(problem, g, t)
        # A locked pair that a hard rule made ineligible is reported by the engine's precheck.
        problem.fixed[index[index >= 0]] = True

    def precheck(self, inst: Instance) -> list[Conflict]:
        table = self.file_table(inst)
        conflicts = []
        per_giver = table["mentor_id"].value_counts()
        capacity = dict(zip(inst.givers["id"], inst.givers["capacity"], strict=True))
        for giver_id, count in per_giver[per_giver > 0].items():
            if count > capacity[str(giver_id)]:
                conflicts.append(
                    self.conflict(inst, "conflict.capacity", [str(giver_id)], ["locked", "capacity"],
                                  id=str(giver_id), count=int(count), capacity=int(capacity[str(giver_id)]))
                )
        return conflicts

    def conflict_words(self, inst: Instance) -> Msg:
        table = self.file_table(inst)
        pairs = [f"{m}-{a}" for m, a in zip(table["mentor_id"], table["adept_id"], strict=True)]
        return self.msg("conflict_words", pairs=pairs)

    def _locked_pairs(self, inst: Instance) -> set[tuple[str, str]]:
        table = self.file_table(inst)
        return set(zip(table["mentor_id"].astype(str), table["adept_id"].astype(str), strict=True))

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        locked = self.per_instance(inst, "locked_pairs", lambda: self._locked_pairs(inst))
        pair = (str(inst.giver_records[giver]["id"]), str(inst.taker_records[taker]["id"]))
        return self.msg("pair") if pair in locked else None

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        made = set(zip(pairs["mentor_id"], pairs["adept_id"], strict=False))
        missing = [
            f"{m} - {a}"
            for m, a in zip(self.file_table(inst)["mentor_id"], self.file_table(inst)["adept_id"], strict=False)
            if (m, a) not in made
        ]
        if missing:
            detail = self.msg("check.missing", count=len(missing), pairs=missing[:10])
            return Verdict.of_parts([self.part(False, detail, missing)])
        return Verdict.of_parts([self.part(True, self.msg("check", count=len(self.file_table(inst))))])
