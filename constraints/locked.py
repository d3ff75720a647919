"""locked: pairs from the locked file must be matched as given (always hard)."""

from __future__ import annotations

from typing import ClassVar

import pandas as pd

from constraints.base import Constraint, Instance, Params, Verdict
from constraints.exclusions import HardOnlyParams
from matcher.errors import Conflict
from matcher.problem import Problem, pair_index


class Locked(Constraint):
    name = "locked"
    title = "locked pairs"
    summary = "pairs listed in the locked file are matched as given"
    example = "locked: {}   # on whenever the scenario names a locked file"
    params_model: ClassVar[type[Params]] = HardOnlyParams
    requires_file: ClassVar[str] = "locked"

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
                    Conflict(
                        ["locked", "capacity"],
                        f"{giver_id} is locked to {count} {inst.taker_role}s "
                        f"but has capacity {capacity[str(giver_id)]}: "
                        "raise the capacity in the people file or unlock a pair",
                        [str(giver_id)],
                    )
                )
        return conflicts

    def conflict_words(self, inst: Instance) -> str:
        table = self.file_table(inst)
        pairs = ", ".join(f"{m}-{a}" for m, a in zip(table["mentor_id"], table["adept_id"], strict=True))
        return f"the locked pairs must be kept ({pairs})"

    def _locked_pairs(self, inst: Instance) -> set[tuple[str, str]]:
        table = self.file_table(inst)
        return set(zip(table["mentor_id"].astype(str), table["adept_id"].astype(str), strict=True))

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> str | None:
        locked = self.per_instance(inst, "locked_pairs", lambda: self._locked_pairs(inst))
        pair = (str(inst.giver_records[giver]["id"]), str(inst.taker_records[taker]["id"]))
        return "locked by the coordinator" if pair in locked else None

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        made = set(zip(pairs["mentor_id"], pairs["adept_id"], strict=False))
        missing = [
            f"{m} - {a}"
            for m, a in zip(self.file_table(inst)["mentor_id"], self.file_table(inst)["adept_id"], strict=False)
            if (m, a) not in made
        ]
        if missing:
            return Verdict(False, f"{len(missing)} locked pairs missing: {', '.join(missing[:10])}", missing, True)
        return Verdict(True, f"all {len(self.file_table(inst))} locked pairs kept")
