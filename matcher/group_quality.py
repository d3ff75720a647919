"""Pair quality per group, for the fairness rules (`fair_match_rate`, `administration_equity`):
no group's adepts get clearly worse pairs than all pairs on average.

A mean inside the model would be a ratio of two unknowns, so the reference is settled first:
the run solved without the pair-quality part (every other rule, and the rule's own match-rate
floors, in force) gives the mean pair score M and each compared group's matched adepts k_g. The
least mean a group should get is T = M - gap * |M| (rounded down on the grid of `step`), and each
group g gets a soft row at the level where pair scores are optimised:

    sum of the scores of g's pairs  >=  ceil(T * k_g)

Counting points rather than a mean, the row never rewards leaving one of g's adepts unmatched,
and with coverage and the floors settled at higher levels it can never cost a match. The full
definition and a worked example: docs/fairness.md.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from constraints.base import BestMatching
from matcher.equity import Groups
from matcher.i18n import Msg
from matcher.problem import IntArray, PairClasses, Problem, Row


@dataclass(frozen=True)
class QualityTarget:
    """What the pair-quality part settled before the model is built: all the check needs, and
    what the run's record keeps so `matcher check` verifies a pair list against it."""

    mean: float  # M: the mean pair score of the run without the pair-quality part
    target: float  # T: the least mean pair score a group should get, rounded down on the grid of `step`
    matched: dict[str, int]  # k_g: each compared group's matched adepts in that run

    def to_json(self) -> dict[str, Any]:
        return {"mean": self.mean, "target": self.target, "matched": dict(self.matched)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> QualityTarget:
        return cls(float(data["mean"]), float(data["target"]), {str(g): int(n) for g, n in data["matched"].items()})


@dataclass(frozen=True)
class Reference:
    """The target and what the rows are made of: the eligible pairs the reference was solved
    over (the final model's own) and each one's score."""

    target: QualityTarget
    giver: IntArray
    taker: IntArray
    score: IntArray
    priority: int  # the level pair scores are optimised at


def settle(groups: Groups, best: BestMatching, gap: float) -> Reference | None:
    """The reference from the best matching without the part (None when it matched nobody)."""
    if not best.chosen.any():
        return None
    mean = float(best.score[best.chosen].mean())
    target = down(mean - gap * abs(mean), step(mean))
    matched_groups = groups.key_of_taker[best.taker[best.chosen]]
    matched = {g: int(np.count_nonzero(matched_groups == g)) for g in groups.sizes}
    return Reference(QualityTarget(mean, target, matched), best.giver, best.taker, best.score, best.score_priority)


def same_pairs(problem: Problem, reference: Reference) -> bool:
    """Whether `problem` is over the pairs the reference was solved on: the run's own model. A
    model of other pairs (a diagnosis without some rule) gets no pair-quality rows; they are
    preferences, which such a model drops anyway."""
    return (problem.n_pairs == len(reference.score) and np.array_equal(problem.giver, reference.giver)
            and np.array_equal(problem.taker, reference.taker))


def quality_rows(rule: str, groups: Groups, problem: Problem, reference: Reference, weight: float,
                 describe: Callable[[str], Msg]) -> list[Row]:
    """One soft row per compared group with matched adepts, as classes (a pair's group and its
    score), so no pair-length float array is kept."""
    quality = reference.target
    names = sorted(quality.matched)
    index = {g: k for k, g in enumerate(names)}
    taker_group = np.array([index.get(str(key), len(names)) for key in groups.key_of_taker], dtype=np.int64)
    values, score_code = np.unique(reference.score, return_inverse=True)
    width = len(values)
    code = (taker_group[problem.taker] * width + score_code.reshape(-1)).astype(np.int32)
    rows = []
    for k, group in enumerate(names):
        if quality.matched[group] == 0:
            continue
        per_class = np.zeros((len(names) + 1) * width)
        per_class[k * width:(k + 1) * width] = values
        rows.append(Row(
            constraint=rule,
            label=f"{rule}.quality.{group}",
            description=describe(group),
            coef=None,
            classes=PairClasses(code, per_class),
            sense=">=",
            rhs=float(math.ceil(quality.target * quality.matched[group] - 1e-9)),
            penalty=float(weight),
            priority=reference.priority,
        ))
    return rows


def means_by_group(groups: Groups, taker_ids: pd.Series, pairs: pd.DataFrame) -> dict[str, float]:
    """Each group's mean pair score, read from the pairs' own `score` column ({} without one)."""
    if pairs.empty or "score" not in pairs:
        return {}
    group_of = dict(zip(taker_ids, groups.key_of_taker, strict=True))
    frame = pd.DataFrame({
        "group": [str(group_of[a]) for a in pairs["adept_id"]],
        "score": pd.to_numeric(pairs["score"], errors="coerce").to_numpy(dtype=float),
    }).dropna()
    return {str(g): float(m) for g, m in frame.groupby("group")["score"].mean().items()}


def step(mean: float) -> float:
    """The precision means are settled and shown at: 0.1 point on a score scale of tens (the
    city's pair scores), 0.01 on a small one (ranked choices scoring 1-3)."""
    return 0.1 if abs(mean) >= 10 else 0.01


def down(value: float, grid: float) -> float:
    """`value` rounded down on `grid`. T is settled on this grid and every mean is shown rounded
    down on it, so a mean shown at or above T meets it and one shown below does not."""
    return round(math.floor(value / grid + 1e-9) * grid, 2)


def percent(share: float) -> float:
    return round(share * 100, 2)
