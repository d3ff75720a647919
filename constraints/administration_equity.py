"""administration_equity: likvärdighet -- no administration's adepts get a lower chance of a
mentor, or clearly worse pairs.

`fair_match_rate` with the administrations as the groups, leximin by default, and its pair-quality
part on by default. **Match rate** (hard by default): every administration's match rate at least
a common rate r, or all its adepts could get alone if that is lower, r as high as the hard rules
allow, the worst-off administrations raised first; it cannot be met by matching fewer people.
**Pair quality** (a preference, `quality_gap`): no administration's mean pair score more than
`quality_gap` (a share) below the mean of all pairs, settled as `matcher.group_quality` says; it
can never cost a match. With `quality_gap: null` each administration's mean is only shown.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import pandas as pd
from pydantic import Field

from constraints.base import Instance, Params, PartVerdict, Verdict
from constraints.fair_match_rate import FairMatchRate, FairMatchRateParams
from matcher import group_quality
from matcher.i18n import Msg


class AdministrationEquityParams(FairMatchRateParams):
    group_by: Literal["administration"] = Field("administration", description="always the administrations")
    mode: Literal["floor", "leximin"] = Field(
        "leximin", description="leximin: the worst-off administrations raised first, then the next; floor: one rate"
    )
    min_group_size: int = Field(1, ge=1, le=10_000, description="only administrations with this many adepts count")
    quality_gap: float | None = Field(
        0.02,
        ge=0,
        le=1,
        description="no administration's mean pair score more than this share below the mean of all pairs "
        "(a preference; null: pair quality only shown)",
    )


class AdministrationEquity(FairMatchRate):
    name = "administration_equity"
    example = "administration_equity: {mode: leximin, quality_gap: 0.02}"
    params_model: ClassVar[type[Params]] = AdministrationEquityParams

    def describe(self) -> Msg:
        return self.with_quality_words(self.msg("describe"))

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        """fair_match_rate's check; without the pair-quality part each administration's mean pair
        score is still shown beside the rates, so a difference in quality is seen."""
        verdict = super().check(inst, pairs)
        means = group_quality.means_by_group(self.groups(inst), inst.takers["id"], pairs)
        if self.quality is not None or not means:
            return verdict
        grid = group_quality.step(sum(means.values()) / len(means))
        shown = [Msg("rule.fair_match_rate.mean", {"group": self.group_word(a), "mean": group_quality.down(m, grid)})
                 for a, m in sorted(means.items())]
        part = verdict.parts[0]
        detail = self.msg("check.quality", detail=part.detail, means=shown)
        return Verdict.of_parts([PartVerdict(part.kind, part.holds, detail, part.violations)])
