"""topics: reward overlap between a mentor's topics and the adept's goals.

The mentorship is steered by the adept's questions, interests and goals, so each topic the
two share adds `weight` to the pair.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import Constraint, Instance, Params, SoftParams, Verdict
from matcher.i18n import Msg
from matcher.problem import BoolArray, IntArray


class TopicsParams(SoftParams):
    min_shared: int = Field(0, ge=0, description="pairs must share at least this many topics (0: no such rule)")


def _topic_matrix(column: pd.Series, vocabulary: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(column), max(len(vocabulary), 1)), dtype=np.int32)
    for row, topics in enumerate(column):
        for topic in topics:
            matrix[row, vocabulary[topic]] = 1
    return matrix


class Topics(Constraint):
    name = "topics"
    example = "topics: {weight: 5, min_shared: 0}"
    params_model: ClassVar[type[Params]] = TopicsParams

    @property
    def p(self) -> TopicsParams:
        assert isinstance(self.params, TopicsParams)
        return self.params

    def describe(self) -> Msg:
        if self.p.min_shared:
            return self.msg("describe.least", weight=self.p.weight, priority=self.p.priority, least=self.p.min_shared)
        return self.msg("describe", weight=self.p.weight, priority=self.p.priority)

    def overlap(self, inst: Instance) -> np.ndarray:
        """Givers x takers: number of shared topics."""
        topics = sorted(
            {t for ts in inst.givers["topics"] for t in ts} | {t for ts in inst.takers["topics"] for t in ts}
        )
        vocabulary = {t: i for i, t in enumerate(topics)}
        g = _topic_matrix(inst.givers["topics"], vocabulary)
        t = _topic_matrix(inst.takers["topics"], vocabulary)
        # Multiplied in float32 (BLAS; exact for counts below 2**24), then made whole numbers
        # again: numpy multiplies integer matrices without BLAS (0.12 s at 2,000 x 3,000).
        result: np.ndarray = (g.astype(np.float32) @ t.T.astype(np.float32)).astype(np.int32)
        return result

    def hard_filter(self, inst: Instance) -> BoolArray | None:
        if self.p.min_shared <= 0:
            return None
        result: BoolArray = self.overlap(inst) >= self.p.min_shared
        return result

    def pair_terms(self, inst: Instance, giver: IntArray, taker: IntArray) -> IntArray | None:
        return self.overlap(inst)[giver, taker].astype(np.int64)

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        shared = sorted(set(inst.giver_records[giver]["topics"]) & set(inst.taker_records[taker]["topics"]))
        if not shared:
            return self.msg("pair.none")
        return self.msg("pair.one" if len(shared) == 1 else "pair.many", count=len(shared), topics=shared,
                        points=len(shared) * self.p.weight)

    def conflict_words(self, inst: Instance) -> Msg:
        return self.msg("conflict_words", least=self.p.min_shared)

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        giver_topics = dict(zip(inst.givers["id"].tolist(), inst.givers["topics"].tolist(), strict=True))
        taker_topics = dict(zip(inst.takers["id"].tolist(), inst.takers["topics"].tolist(), strict=True))
        pair_list = list(zip(pairs["mentor_id"].tolist(), pairs["adept_id"].tolist(), strict=True))
        shared = [len(set(giver_topics[m]) & set(taker_topics[a])) for m, a in pair_list]
        too_few = [f"{m} - {a}" for (m, a), s in zip(pair_list, shared, strict=True) if s < self.p.min_shared]
        mean = sum(shared) / len(shared) if shared else 0.0
        parts = []
        if self.p.min_shared > 0:  # a filter on every pair: a hard part, beside the reward
            least = (self.msg("check.too_few", count=len(too_few), least=self.p.min_shared) if too_few
                     else self.msg("check.least", count=len(shared), least=self.p.min_shared))
            parts.append(self.part(not too_few, least, too_few, kind="hard"))
        parts.append(self.part(True, self.msg("check", mean=mean)))
        return Verdict.of_parts(parts)
