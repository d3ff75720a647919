"""supervisor_trained: trainees only with supervisors who have taken supervisor training.

Supervisors should have completed, or be taking, supervisor training (handledarutbildning).
Hard by default; soft when there are too few trained supervisors, and the check then names
the supervisors (by id) who need the training.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from constraints.base import Instance, PairRule, Verdict
from matcher.i18n import Msg
from matcher.problem import BoolArray


class SupervisorTrained(PairRule):
    name = "supervisor_trained"
    example = "supervisor_trained: {hard: false, weight: 2}"

    def describe(self) -> Msg:
        if self.hard:
            return self.msg("describe")
        return self.msg("describe.soft", weight=self.params.weight, priority=self.params.priority)

    def allowed(self, inst: Instance) -> BoolArray:
        trained = inst.givers["supervisor_trained"].to_numpy(dtype=bool)
        result: BoolArray = np.repeat(trained[:, None], inst.n_takers, axis=1)
        return result

    def pair_ok(self, giver: Mapping[str, Any], taker: Mapping[str, Any], inst: Instance) -> bool:
        return bool(giver["supervisor_trained"])

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        trained = bool(inst.giver_records[giver]["supervisor_trained"])
        return self.msg("pair.trained" if trained else "pair.untrained")

    def conflict_words(self, inst: Instance) -> Msg:
        trained = inst.givers["supervisor_trained"].to_numpy(dtype=bool)
        places = int(inst.givers["capacity"].to_numpy()[trained].sum())
        return self.msg("conflict_words", trained=int(trained.sum()), count=inst.n_givers, places=places)

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        trained = dict(zip(inst.givers["id"], inst.givers["supervisor_trained"], strict=True))
        bad = [
            (m, a)
            for m, a in zip(pairs["mentor_id"].tolist(), pairs["adept_id"].tolist(), strict=True)
            if not bool(trained[m])
        ]
        if not bad:
            return Verdict.of_parts([self.part(True, self.msg("check", count=len(pairs)))])
        untrained = sorted({m for m, _ in bad})
        detail = self.msg("check.untrained", bad=len(bad), count=len(pairs))
        if not self.hard:
            detail = self.msg("check.need_training", detail=detail, ids=untrained)
        return Verdict.of_parts([self.part(False, detail, [f"{m} - {a}" for m, a in bad])])
