"""exclusions: pairs from the exclusions file must never be matched (always hard)."""

from __future__ import annotations

from typing import ClassVar, Literal

import pandas as pd
from pydantic import Field

from constraints.base import Constraint, Instance, Params, Verdict
from matcher.i18n import Msg
from matcher.problem import BoolArray


class HardOnlyParams(Params):
    hard: Literal[True] = Field(True, description="always hard")


class Exclusions(Constraint):
    name = "exclusions"
    example = "exclusions: {}   # on whenever the scenario names an exclusions file"
    relaxable = False
    params_model: ClassVar[type[Params]] = HardOnlyParams
    requires_file: ClassVar[str] = "exclusions"
    on_with_file = True

    def allowed(self, inst: Instance) -> BoolArray:
        result: BoolArray = ~inst.pair_mask(self.file_table(inst))
        return result

    def conflict_words(self, inst: Instance) -> Msg:
        source = inst.sources.get("exclusions")
        count = len(self.file_table(inst))
        return self.msg("conflict_words", count=count, file=source) if source else self.msg("conflict_words.file",
                                                                                            count=count)

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        excluded = set(zip(self.file_table(inst)["mentor_id"], self.file_table(inst)["adept_id"], strict=False))
        bad = [f"{m} - {a}" for m, a in zip(pairs["mentor_id"], pairs["adept_id"], strict=True) if (m, a) in excluded]
        if bad:
            return Verdict.of_parts([self.part(False, self.msg("check.broken", count=len(bad), pairs=bad[:10]), bad)])
        return Verdict.of_parts([self.part(True, self.msg("check", count=len(excluded)))])
