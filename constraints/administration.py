"""administration: pairs within, or across, the four administrations; a minimum cross share.

Mentoring is meant to build cooperation between administrations, so the steering group can
ask for pairs that cross them (`mode: cross`) or for a minimum share that does.
"""

from __future__ import annotations

from fractions import Fraction
from typing import ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import Constraint, Instance, Params, Verdict, joined
from matcher.i18n import Msg
from matcher.problem import BoolArray, IntArray, PairClasses, Problem, Row


class AdministrationParams(Params):
    mode: Literal["any", "same", "cross"] = Field("any", description="same: within one administration; cross: across")
    min_cross_share: float | None = Field(
        None, ge=0.0, le=1.0, description="at least this share of all pairs cross administrations"
    )


class Administration(Constraint):
    name = "administration"
    example = "administration: {mode: any, min_cross_share: 0.4}"
    params_model: ClassVar[type[Params]] = AdministrationParams

    @property
    def p(self) -> AdministrationParams:
        assert isinstance(self.params, AdministrationParams)
        return self.params

    def describe(self) -> Msg:
        parts = [self.msg(f"describe.{self.p.mode}")] if self.p.mode != "any" else []
        if self.p.min_cross_share is not None:
            parts.append(self.msg("describe.share", share=self.p.min_cross_share))
        return joined(parts) if parts else self.msg("describe.none")

    def cross_matrix(self, inst: Instance) -> BoolArray:
        codes, _ = pd.factorize(pd.concat([inst.givers["administration"], inst.takers["administration"]]))
        g, t = codes[: inst.n_givers], codes[inst.n_givers :]
        result: BoolArray = g[:, None] != t[None, :]
        return result

    def allowed(self, inst: Instance) -> BoolArray | None:
        if self.p.mode == "any":
            return None
        cross = self.cross_matrix(inst)
        return cross if self.p.mode == "cross" else np.logical_not(cross)

    def share_fraction(self) -> Fraction:
        """The share as an exact small fraction, so the row has integer coefficients."""
        return Fraction(self.p.min_cross_share or 0.0).limit_denominator(1000)

    def apply(self, inst: Instance, problem: Problem) -> None:
        if self.p.min_cross_share is None or self.p.min_cross_share <= 0:
            return
        share = self.share_fraction()
        cross = self.cross_matrix(inst)[problem.giver, problem.taker]
        problem.counters["cross-administration pairs"] = cross
        problem.counters["pairs"] = np.ones(problem.n_pairs, dtype=bool)
        per_kind = np.array([-share.numerator, share.denominator - share.numerator], dtype=np.float64)
        problem.rows.append(
            Row(
                constraint=self.name,
                label="administration.min_cross_share",
                description=self.msg("row.share", share=float(share)),
                coef=None,
                classes=PairClasses(cross.view(np.int8), per_kind),  # code: 1 when the pair crosses
                sense=">=",
                rhs=0.0,
                penalty=None if self.hard else self.p.weight / share.denominator,
                priority=self.p.priority,
            )
        )

    def pair_terms(self, inst: Instance, giver: IntArray, taker: IntArray) -> IntArray | None:
        if self.hard:
            return None
        mask = self.allowed(inst)
        return None if mask is None else mask[giver, taker].astype(np.int64)

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        g, t = inst.giver_records[giver]["administration"], inst.taker_records[taker]["administration"]
        if g != t:
            return self.msg("pair.cross", giver_administration=g, taker_administration=t)
        return self.msg("pair.same", administration=g)

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        giver_adm = dict(zip(inst.givers["id"].tolist(), inst.givers["administration"].tolist(), strict=True))
        taker_adm = dict(zip(inst.takers["id"].tolist(), inst.takers["administration"].tolist(), strict=True))
        pair_list = list(zip(pairs["mentor_id"].tolist(), pairs["adept_id"].tolist(), strict=True))
        crossing = [giver_adm[m] != taker_adm[a] for m, a in pair_list]
        n_cross, n_pairs = sum(crossing), len(crossing)
        parts = []
        if self.p.mode != "any":
            want_cross = self.p.mode == "cross"
            bad = [
                f"{m} - {a}"
                for (m, a), c in zip(pair_list, crossing, strict=True)
                if c != want_cross
            ]
            detail = (self.msg(f"check.mode.{self.p.mode}", bad=len(bad), pairs=bad[:10]) if bad
                      else self.msg(f"check.mode.{self.p.mode}.holds", count=n_pairs))
            parts.append(self.part(not bad, detail, bad))
        share_words = self.msg("check.share", cross=n_cross, count=n_pairs)
        if self.p.min_cross_share is not None and n_pairs:
            share = self.share_fraction()
            below = n_cross * share.denominator < share.numerator * n_pairs
            detail = self.msg("check.share.below", cross=n_cross, count=n_pairs, share=float(share)) if below \
                else share_words
            parts.append(self.part(not below, detail))
        return Verdict.of_parts(parts or [self.part(True, share_words)])
