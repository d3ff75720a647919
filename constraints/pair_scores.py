"""pair_scores: an external compatibility score per pair (e.g. from a questionnaire tool)."""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import Constraint, Instance, Params, SoftParams, Verdict
from matcher.problem import BoolArray, IntArray


class PairScoresParams(SoftParams):
    missing: Literal["zero", "forbid"] = Field(
        "zero", description="pairs not in the file score 0 (zero) or may not be matched (forbid)"
    )


class PairScores(Constraint):
    name = "pair_scores"
    title = "questionnaire scores"
    summary = "each pair's score from the pair_scores file, times `weight`; unlisted pairs score 0 or are forbidden"
    example = "pair_scores: {weight: 1, missing: zero}"
    params_model: ClassVar[type[Params]] = PairScoresParams
    requires_file: ClassVar[str] = "pair_scores"

    @property
    def p(self) -> PairScoresParams:
        assert isinstance(self.params, PairScoresParams)
        return self.params

    def describe(self) -> str:
        text = f"+{self.p.weight} x the pair's score (priority {self.p.priority})"
        return text + ("; only listed pairs may be matched" if self.p.missing == "forbid" else "")

    def _table(self, inst: Instance) -> pd.DataFrame:
        if inst.pair_scores is None:
            raise ValueError("pair_scores needs a pair_scores file in the scenario")
        return inst.pair_scores

    def hard_filter(self, inst: Instance) -> BoolArray | None:
        return inst.pair_mask(self._table(inst)) if self.p.missing == "forbid" else None

    def scores(self, inst: Instance) -> np.ndarray:
        return inst.pair_matrix(self._table(inst), "score", fill=0)

    def pair_terms(self, inst: Instance, giver: IntArray, taker: IntArray) -> IntArray | None:
        table = self._table(inst)
        g, t = inst.pair_positions(table)
        # Sparse lookup: only the eligible pairs, without a dense givers x takers matrix.
        keys = g * inst.n_takers + t
        order = np.argsort(keys, kind="stable")
        keys_sorted = keys[order]
        values = table["score"].to_numpy(dtype=np.int64)[order]
        wanted = giver * inst.n_takers + taker
        pos = np.searchsorted(keys_sorted, wanted)
        pos_clipped = np.minimum(pos, max(len(keys_sorted) - 1, 0))
        if len(keys_sorted) == 0:
            return np.zeros(len(wanted), dtype=np.int64)
        found = keys_sorted[pos_clipped] == wanted
        return np.where(found, values[pos_clipped], 0).astype(np.int64)

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> str | None:
        score = int(self.scores(inst)[giver, taker])
        return f"questionnaire score {score} +{score * self.p.weight}"

    def conflict_words(self, inst: Instance) -> str:
        return "only the pairs listed in the pair_scores file may be matched"

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        table = self._table(inst)
        listed = dict(zip(zip(table["mentor_id"], table["adept_id"], strict=False), table["score"], strict=True))
        scores = [listed.get((m, a)) for m, a in zip(pairs["mentor_id"], pairs["adept_id"], strict=True)]
        unlisted = [
            f"{m} - {a}"
            for (m, a), s in zip(zip(pairs["mentor_id"], pairs["adept_id"], strict=False), scores, strict=False)
            if s is None
        ]
        known = [int(s) for s in scores if s is not None]
        detail = f"mean score {sum(known) / len(known):.1f}" if known else "no scored pairs"
        if self.p.missing == "forbid" and unlisted:
            return Verdict(False, f"{len(unlisted)} pairs not in the pair_scores file", unlisted, True)
        return Verdict(True, detail)
