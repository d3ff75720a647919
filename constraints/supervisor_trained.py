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
from matcher.problem import BoolArray


class SupervisorTrained(PairRule):
    name = "supervisor_trained"
    title = "trained supervisors"
    summary = (
        "the supervisor must have supervisor training (`supervisor_trained`, handledarutbildning); "
        "soft: +`weight` per pair with a trained supervisor"
    )
    example = "supervisor_trained: {hard: false, weight: 2}"

    def describe(self) -> str:
        if self.hard:
            return "only supervisors with supervisor training may take trainees"
        return f"+{self.params.weight} per pair with a trained supervisor (priority {self.params.priority})"

    def allowed(self, inst: Instance) -> BoolArray:
        trained = inst.givers["supervisor_trained"].to_numpy(dtype=bool)
        result: BoolArray = np.repeat(trained[:, None], inst.n_takers, axis=1)
        return result

    def pair_ok(self, giver: Mapping[str, Any], taker: Mapping[str, Any], inst: Instance) -> bool:
        return bool(giver["supervisor_trained"])

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> str | None:
        if bool(inst.giver_records[giver]["supervisor_trained"]):
            return f"{inst.giver_role} trained"
        return f"{inst.giver_role} not trained (needs handledarutbildning)"

    def conflict_words(self, inst: Instance) -> str:
        trained = inst.givers["supervisor_trained"].to_numpy(dtype=bool)
        places = int(inst.givers["capacity"].to_numpy()[trained].sum())
        return (
            f"only the {int(trained.sum())} of {inst.n_givers} {inst.giver_role}s with supervisor training "
            f"({places} places) may take {inst.taker_role}s"
        )

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        trained = dict(zip(inst.givers["id"], inst.givers["supervisor_trained"], strict=True))
        bad = [
            (m, a)
            for m, a in zip(pairs["mentor_id"].tolist(), pairs["adept_id"].tolist(), strict=True)
            if not bool(trained[m])
        ]
        if not bad:
            return Verdict(True, f"all {len(pairs)} placed {inst.taker_role}s have a trained {inst.giver_role}")
        untrained = sorted({m for m, _ in bad})
        detail = f"{len(bad)} of {len(pairs)} placed {inst.taker_role}s have an untrained {inst.giver_role}"
        if not self.hard:
            detail += f"; {inst.giver_role}s who need the training: {', '.join(untrained)}"
        return Verdict(False, detail, [f"{m} - {a}" for m, a in bad], self.hard)
