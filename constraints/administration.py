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

from constraints.base import Constraint, Instance, Params, Verdict
from matcher.problem import BoolArray, IntArray, PairClasses, Problem, Row


class AdministrationParams(Params):
    mode: Literal["any", "same", "cross"] = Field("any", description="same: within one administration; cross: across")
    min_cross_share: float | None = Field(
        None, ge=0.0, le=1.0, description="at least this share of all pairs cross administrations"
    )


class Administration(Constraint):
    name = "administration"
    title = "administrations"
    summary = "pairs within (`mode: same`) or across (`mode: cross`) administrations; `min_cross_share` of pairs across"
    example = "administration: {mode: any, min_cross_share: 0.4}"
    params_model: ClassVar[type[Params]] = AdministrationParams

    @property
    def p(self) -> AdministrationParams:
        assert isinstance(self.params, AdministrationParams)
        return self.params

    def describe(self) -> str:
        parts = {
            "any": [],
            "same": ["pairs stay within one administration"],
            "cross": ["pairs cross administrations"],
        }[self.p.mode]
        if self.p.min_cross_share is not None:
            parts = [*parts, f"at least {self.p.min_cross_share:.0%} of pairs cross administrations"]
        return "; ".join(parts) or "no administration rule"

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
                description=f"at least {float(share):.0%} of pairs must cross administrations",
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

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> str | None:
        g, t = inst.giver_records[giver]["administration"], inst.taker_records[taker]["administration"]
        return f"cross-administration {g}->{t}" if g != t else f"same administration ({g})"

    def conflict_words(self, inst: Instance) -> str:
        return self.describe()

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        giver_adm = dict(zip(inst.givers["id"], inst.givers["administration"], strict=True))
        taker_adm = dict(zip(inst.takers["id"], inst.takers["administration"], strict=True))
        crossing = [giver_adm[m] != taker_adm[a] for m, a in zip(pairs["mentor_id"], pairs["adept_id"], strict=True)]
        problems = []
        if self.p.mode != "any":
            want_cross = self.p.mode == "cross"
            bad = [
                f"{m} - {a}"
                for (m, a), c in zip(zip(pairs["mentor_id"], pairs["adept_id"], strict=False), crossing, strict=False)
                if c != want_cross
            ]
            if bad:
                problems.append(f"{len(bad)} pairs break mode {self.p.mode}: {', '.join(bad[:10])}")
        n_cross, n_pairs = sum(crossing), len(crossing)
        share_text = f"{n_cross} of {n_pairs} pairs cross administrations"
        if self.p.min_cross_share is not None and n_pairs:
            share = self.share_fraction()
            if n_cross * share.denominator < share.numerator * n_pairs:
                problems.append(f"only {share_text}, below {float(share):.0%}")
        if problems:
            return Verdict(False, "; ".join(problems), problems, self.hard)
        return Verdict(True, share_text)
