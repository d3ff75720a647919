"""administration_equity: likvärdighet -- no administration's adepts get a lower chance of a mentor.

The four administrations should give their staff the same chance of a good mentor. This is
`fair_match_rate` with the administrations as the groups: every administration's match rate at
least a common rate r, or all its adepts could get alone if that is lower, r as high as the
hard rules allow (mode `leximin`: the worst-off administrations raised first). It never asks
an administration for more than it can get, so it cannot be met by matching fewer people.
Each administration's mean pair score is reported beside its match rate in the verdict and in
the rule's price (with and without the rule), so a difference in quality is seen.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import Instance, Params, PartVerdict, Verdict
from constraints.fair_match_rate import FairMatchRate, FairMatchRateParams
from matcher.i18n import Msg


class AdministrationEquityParams(FairMatchRateParams):
    group_by: Literal["administration"] = Field("administration", description="always the administrations")
    mode: Literal["floor", "leximin"] = Field(
        "leximin", description="leximin: the worst-off administrations raised first, then the next; floor: one rate"
    )
    min_group_size: int = Field(1, ge=1, le=10_000, description="only administrations with this many adepts count")


class AdministrationEquity(FairMatchRate):
    name = "administration_equity"
    example = "administration_equity: {mode: leximin}"
    params_model: ClassVar[type[Params]] = AdministrationEquityParams

    def describe(self) -> Msg:
        return self.msg("describe")

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        verdict = super().check(inst, pairs)
        quality = _mean_score_by_administration(inst, pairs)
        if not quality:
            return verdict
        part = verdict.parts[0]
        detail = self.msg("check.quality", detail=part.detail, means=quality)
        return Verdict.of_parts([PartVerdict(part.kind, part.holds, detail, part.violations)])


def _mean_score_by_administration(inst: Instance, pairs: pd.DataFrame) -> list[Msg]:
    if pairs.empty or "score" not in pairs:
        return []
    administration = dict(zip(inst.takers["id"], inst.takers["administration"], strict=True))
    frame = pd.DataFrame({
        "administration": [administration[a] for a in pairs["adept_id"]],
        "score": pairs["score"].astype(float).to_numpy(),
    })
    means = frame.groupby("administration")["score"].mean()
    return [Msg("rule.administration_equity.mean", {"administration": a, "mean": float(np.round(m, 1))})
            for a, m in means.items()]
