"""administration_equity: likvärdighet -- no administration's adepts get a lower chance of a
mentor, or clearly worse pairs.

Two parts. **Match rate** (hard by default): `fair_match_rate` with the administrations as the
groups: every administration's match rate at least a common rate r, or all its adepts could get
alone if that is lower, r as high as the hard rules allow (mode `leximin`: the worst-off
administrations raised first). It never asks an administration for more than it can get, so it
cannot be met by matching fewer people.

**Pair quality** (a preference, `quality_gap`): no administration's mean pair score more than
`quality_gap` (a share) below the mean of all pairs. A mean inside the model would be a ratio of
two unknowns, so the reference is settled first: the run is solved without this part (every
other rule in force), giving the overall mean M and each administration's matched count k_g.
Then, at the level where pair scores are optimised, each administration g gets a soft row

    sum of the scores of g's pairs  >=  ceil(T * k_g),      T = M - quality_gap * |M|

whose every missing point costs `quality_weight` points of score. Coverage and the match-rate
floors are settled at higher levels, so this part can never cost a match; and since the row
counts points, not a mean, leaving one of g's adepts unmatched never helps it: it can only be
met by giving g better pairs. The verdict judges what the coordinator reads: each
administration's mean pair score against T.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import BestMatching, Instance, Params, PartVerdict, Questions, Verdict
from constraints.fair_match_rate import FairMatchRate, FairMatchRateParams
from matcher.i18n import Msg
from matcher.problem import IntArray, PairClasses, Problem, Row


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
        "(a preference; null: pair quality only reported)",
    )
    quality_weight: int = Field(
        1, ge=1, le=100, description="points of pair score one missing point of an administration's pairs costs"
    )


@dataclass(frozen=True)
class QualityTarget:
    """The pair-quality reference settled before the model is built (see the module docstring)."""

    mean: float  # M: the mean pair score of the run without the pair-quality part
    target: float  # T: the least mean pair score an administration should get, rounded down (`_step`)
    matched: dict[str, int]  # k_g: each compared administration's matched adepts in that run
    giver: IntArray  # the eligible pairs the reference was solved over (the final model's own)
    taker: IntArray
    score: IntArray  # each eligible pair's score
    priority: int  # the level pair scores are optimised at


class AdministrationEquity(FairMatchRate):
    name = "administration_equity"
    example = "administration_equity: {mode: leximin, quality_gap: 0.02}"
    params_model: ClassVar[type[Params]] = AdministrationEquityParams

    quality: QualityTarget | None = None

    @property
    def q(self) -> AdministrationEquityParams:
        assert isinstance(self.params, AdministrationEquityParams)
        return self.params

    def describe(self) -> Msg:
        if self.q.quality_gap is None:
            return self.msg("describe")
        return self.msg("describe.quality", percent=_percent(self.q.quality_gap))

    # -- settled before the model is built ---------------------------------------------------
    def prepare(self, inst: Instance, eligible: np.ndarray, ask: Questions) -> None:
        """The match-rate floors first (fair_match_rate), then the pair-quality reference: the
        best matching with every other rule and those floors in force."""
        super().prepare(inst, eligible, ask)
        self.quality = None
        if self.q.quality_gap is None or self.settled is None:
            return
        floors = self.settled.floors
        best = ask.best(lambda problem: self._rows(inst, problem, floors, hard=self.hard))
        if best is not None and best.chosen.any():
            self.quality = self._reference(inst, best, self.q.quality_gap)

    def _reference(self, inst: Instance, best: BestMatching, gap: float) -> QualityTarget:
        groups = self.groups(inst)
        mean = float(best.score[best.chosen].mean())
        target = _down(mean - gap * abs(mean), _step(mean))
        matched_groups = groups.key_of_taker[best.taker[best.chosen]]
        matched = {g: int(np.count_nonzero(matched_groups == g)) for g in groups.sizes}
        return QualityTarget(mean, target, matched, best.giver, best.taker, best.score, best.score_priority)

    # -- effect on the model -------------------------------------------------------------------
    def apply(self, inst: Instance, problem: Problem) -> None:
        super().apply(inst, problem)
        if self.quality is not None and self._same_pairs(problem, self.quality):
            problem.rows.extend(self._quality_rows(inst, problem, self.quality))

    @staticmethod
    def _same_pairs(problem: Problem, quality: QualityTarget) -> bool:
        """Whether `problem` is over the pairs the reference was solved on (the run's own model;
        a model of other pairs -- a diagnosis without some rule -- gets no pair-quality rows)."""
        return (problem.n_pairs == len(quality.score) and np.array_equal(problem.giver, quality.giver)
                and np.array_equal(problem.taker, quality.taker))

    def _quality_rows(self, inst: Instance, problem: Problem, quality: QualityTarget) -> list[Row]:
        """One soft row per administration: its pairs' scores at least ceil(T * k_g), as classes
        (the administration and the score of a pair), so no pair-length float array is kept."""
        groups = self.groups(inst)
        names = sorted(quality.matched)
        index = {g: k for k, g in enumerate(names)}
        taker_group = np.array([index.get(str(key), len(names)) for key in groups.key_of_taker], dtype=np.int64)
        values, score_code = np.unique(quality.score, return_inverse=True)
        width = len(values)
        code = (taker_group[problem.taker] * width + score_code.reshape(-1)).astype(np.int32)
        rows = []
        for k, group in enumerate(names):
            if quality.matched[group] == 0:
                continue
            per_class = np.zeros((len(names) + 1) * width)
            per_class[k * width:(k + 1) * width] = values
            least = math.ceil(quality.target * quality.matched[group] - 1e-9)
            rows.append(Row(
                constraint=self.name,
                label=f"{self.name}.quality.{group}",
                description=self.msg("row.quality", group=self.group_word(group), target=quality.target,
                                     matched=quality.matched[group]),
                coef=None,
                classes=PairClasses(code, per_class),
                sense=">=",
                rhs=float(least),
                penalty=float(self.q.quality_weight),
                priority=quality.priority,
            ))
        return rows

    # -- independent check -------------------------------------------------------------------
    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        """The match-rate part as fair_match_rate checks it; pair quality from the pairs' own
        scores, each administration's mean against the settled least mean."""
        verdict = super().check(inst, pairs)
        means = _mean_score_by_administration(inst, pairs)
        if not means:
            return verdict
        step = _step(self.quality.mean if self.quality is not None else float(np.mean(list(means.values()))))
        shown = [Msg("rule.administration_equity.mean", {"administration": a, "mean": _down(m, step)})
                 for a, m in sorted(means.items())]
        if self.quality is None:
            part = verdict.parts[0]
            detail = self.msg("check.quality", detail=part.detail, means=shown)
            return Verdict.of_parts([PartVerdict(part.kind, part.holds, detail, part.violations)])
        target = self.quality.target
        below = sorted(a for a, m in means.items() if a in self.quality.matched and m < target - 1e-9)
        values = {"means": shown, "percent": _percent(self.q.quality_gap or 0.0), "target": target,
                  "mean": round(self.quality.mean, 1 if step >= 0.1 else 2)}
        if below:
            lows = [Msg("rule.administration_equity.mean", {"administration": a, "mean": _down(means[a], step)})
                    for a in below]
            part = self.part(False, self.msg("check.quality.below", below=lows, **values), below,
                             kind="preference")
        else:
            part = self.part(True, self.msg("check.quality.held", **values), kind="preference")
        return Verdict.of_parts([*verdict.parts, part])


def _percent(share: float) -> float:
    return round(share * 100, 2)


def _step(mean: float) -> float:
    """The precision means are settled and shown at: 0.1 point on a score scale of tens (the
    city's pair scores), 0.01 on a small one (ranked choices scoring 1-3)."""
    return 0.1 if abs(mean) >= 10 else 0.01


def _down(value: float, step: float) -> float:
    """`value` rounded down to `step`. The least mean T is settled on this grid and every mean is
    shown rounded down on it, so a mean shown at or above T meets it and one shown below does not."""
    return round(math.floor(value / step + 1e-9) * step, 2)


def _mean_score_by_administration(inst: Instance, pairs: pd.DataFrame) -> dict[str, float]:
    if pairs.empty or "score" not in pairs:
        return {}
    administration = dict(zip(inst.takers["id"], inst.takers["administration"], strict=True))
    frame = pd.DataFrame({
        "administration": [administration[a] for a in pairs["adept_id"]],
        "score": pd.to_numeric(pairs["score"], errors="coerce").to_numpy(dtype=float),
    }).dropna()
    return {str(a): float(m) for a, m in frame.groupby("administration")["score"].mean().items()}
