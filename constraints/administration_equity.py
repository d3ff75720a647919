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

from constraints.base import Instance, Params, Verdict
from constraints.fair_match_rate import FairMatchRate, FairMatchRateParams


class AdministrationEquityParams(FairMatchRateParams):
    group_by: Literal["administration"] = Field("administration", description="always the administrations")
    mode: Literal["floor", "leximin"] = Field(
        "leximin", description="leximin: the worst-off administrations raised first, then the next; floor: one rate"
    )
    min_group_size: int = Field(1, ge=1, le=10_000, description="only administrations with this many adepts count")


class AdministrationEquity(FairMatchRate):
    name = "administration_equity"
    title = "equal treatment across administrations (likvärdighet)"
    summary = (
        "every administration's adepts matched at least at a common rate, or as many as they could get, "
        "raised worst-off first; never met by matching fewer"
    )
    example = "administration_equity: {mode: leximin}"
    params_model: ClassVar[type[Params]] = AdministrationEquityParams

    def describe(self) -> str:
        return "every administration's adepts matched at least at a common rate or their own maximum"

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        verdict = super().check(inst, pairs)
        quality = _mean_score_by_administration(inst, pairs)
        if quality:
            verdict.detail = f"{verdict.detail}; mean pair score {quality}"
        return verdict


def _mean_score_by_administration(inst: Instance, pairs: pd.DataFrame) -> str:
    if pairs.empty or "score" not in pairs:
        return ""
    administration = dict(zip(inst.takers["id"], inst.takers["administration"], strict=True))
    frame = pd.DataFrame({
        "administration": [administration[a] for a in pairs["adept_id"]],
        "score": pairs["score"].astype(float).to_numpy(),
    })
    means = frame.groupby("administration")["score"].mean()
    return ", ".join(f"{a} {float(np.round(m, 1)):g}" for a, m in means.items())
