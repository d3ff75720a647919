"""pair_scores: an external compatibility score per pair (e.g. from a questionnaire tool)."""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import Constraint, Instance, Params, SoftParams, Verdict
from matcher.i18n import Msg
from matcher.problem import BoolArray, IntArray

#: Up to this many givers x takers the scores are looked up in a dense matrix, beyond by search.
DENSE_LIMIT = 50_000_000


class PairScoresParams(SoftParams):
    missing: Literal["zero", "forbid"] = Field(
        "zero", description="pairs not in the file score 0 (zero) or may not be matched (forbid)"
    )


class PairScores(Constraint):
    name = "pair_scores"
    example = "pair_scores: {weight: 1, missing: zero}"
    params_model: ClassVar[type[Params]] = PairScoresParams
    requires_file: ClassVar[str] = "pair_scores"

    @property
    def p(self) -> PairScoresParams:
        assert isinstance(self.params, PairScoresParams)
        return self.params

    def describe(self) -> Msg:
        forbid = self.p.missing == "forbid"
        return self.msg("describe.forbid" if forbid else "describe", weight=self.p.weight, priority=self.p.priority)

    def hard_filter(self, inst: Instance) -> BoolArray | None:
        return inst.pair_mask(self.file_table(inst)) if self.p.missing == "forbid" else None

    def pair_terms(self, inst: Instance, giver: IntArray, taker: IntArray) -> IntArray | None:
        if inst.n_givers * inst.n_takers <= DENSE_LIMIT:
            # A dense givers x takers matrix: O(pairs), no sort (12 MB at 1,000 x 1,500).
            table = self.file_table(inst)
            g, t = inst.pair_positions(table)
            matrix = np.zeros((inst.n_givers, inst.n_takers), dtype=np.int64)
            matrix[g, t] = table["score"].to_numpy(dtype=np.int64)
            result: IntArray = matrix[giver, taker]
            return result
        scores, _ = self._score_of(inst, giver, taker)
        return scores.astype(np.int64)

    def _sorted_scores(self, inst: Instance) -> tuple[np.ndarray, np.ndarray]:
        """Pair keys (giver * n_takers + taker), sorted, and their scores; built once per instance."""
        cached = getattr(self, "_cache", None)
        if cached is not None and cached[0] is inst:
            return cached[1], cached[2]
        table = self.file_table(inst)
        g, t = inst.pair_positions(table)
        keys = g * inst.n_takers + t
        order = np.argsort(keys, kind="stable")
        result = (keys[order], table["score"].to_numpy(dtype=np.int64)[order])
        self._cache = (inst, *result)
        return result

    def _score_of(self, inst: Instance, giver: np.ndarray, taker: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Scores of the given pairs, and whether each is listed in the file."""
        keys, scores = self._sorted_scores(inst)
        wanted = giver * inst.n_takers + taker
        if len(keys) == 0:
            return np.zeros(len(wanted), dtype=np.int64), np.zeros(len(wanted), dtype=bool)
        pos = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        found = keys[pos] == wanted
        return np.where(found, scores[pos], 0), found

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        # `_score_of` for one pair, without its arrays (asked once per chosen pair: 9 us each).
        keys, scores = self._sorted_scores(inst)
        wanted = giver * inst.n_takers + taker
        score = 0
        if len(keys):
            pos = min(int(np.searchsorted(keys, wanted)), len(keys) - 1)
            if keys[pos] == wanted:
                score = int(scores[pos])
        return self.msg("pair", score=score, points=score * self.p.weight)

    def explain_pairs(self, inst: Instance, givers: IntArray, takers: IntArray) -> list[Msg | None]:
        # One search for all the chosen pairs (450 single lookups were 4 ms at 300 x 450).
        scores, _ = self._score_of(inst, givers.astype(np.int64), takers.astype(np.int64))
        weight = self.p.weight
        return [self.msg("pair", score=score, points=score * weight) for score in scores.tolist()]

    def conflict_words(self, inst: Instance) -> Msg:
        return self.msg("conflict_words")

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        # Positions come from the people tables; the lookup is a sorted search in the file's pairs.
        giver = pd.Index(inst.givers["id"]).get_indexer(pairs["mentor_id"]).astype(np.int64)
        taker = pd.Index(inst.takers["id"]).get_indexer(pairs["adept_id"]).astype(np.int64)
        scores, listed = self._score_of(inst, giver, taker)
        known = scores[listed]
        mean = self.msg("check", mean=float(known.mean())) if len(known) else self.msg("check.none")
        parts = []
        if self.p.missing == "forbid":  # only listed pairs: a filter on every pair, a hard part
            ids = zip(pairs["mentor_id"], pairs["adept_id"], listed, strict=True)
            unlisted = [f"{m} - {a}" for m, a, ok in ids if not ok]
            words = (self.msg("check.unlisted", count=len(unlisted)) if unlisted
                     else self.msg("check.listed", count=len(pairs)))
            parts.append(self.part(not unlisted, words, unlisted, kind="hard"))
        parts.append(self.part(True, mean))
        return Verdict.of_parts(parts)
