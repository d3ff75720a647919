"""exclusions: pairs from the exclusions file must never be matched (always hard)."""

from __future__ import annotations

from typing import ClassVar, Literal

import pandas as pd
from pydantic import Field

from constraints.base import Constraint, Instance, Params, Verdict
from matcher.problem import BoolArray


class HardOnlyParams(Params):
    hard: Literal[True] = Field(True, description="always hard")


class Exclusions(Constraint):
    name = "exclusions"
    title = "excluded pairs"
    summary = "pairs listed in the exclusions file are never matched"
    example = "exclusions: {}   # on whenever the scenario names an exclusions file"
    params_model: ClassVar[type[Params]] = HardOnlyParams
    requires_file: ClassVar[str] = "exclusions"

    def allowed(self, inst: Instance) -> BoolArray:
        result: BoolArray = ~inst.pair_mask(self.file_table(inst))
        return result

    def conflict_words(self, inst: Instance) -> str:
        source = inst.sources.get("exclusions", "the exclusions file")
        return f"the {len(self.file_table(inst))} pairs in {source} are forbidden"

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        excluded = set(zip(self.file_table(inst)["mentor_id"], self.file_table(inst)["adept_id"], strict=False))
        bad = [f"{m} - {a}" for m, a in zip(pairs["mentor_id"], pairs["adept_id"], strict=True) if (m, a) in excluded]
        if bad:
            return Verdict(False, f"{len(bad)} excluded pairs matched: {', '.join(bad[:10])}", bad, True)
        return Verdict(True, f"none of the {len(excluded)} excluded pairs matched")
