"""gender_balance: equal match rates across gender groups; same-gender requests honoured.

In a workforce that is 87% women, when not everyone can be matched the men, women and
people of other genders should be matched at (nearly) the same rate. Groups smaller than
`min_group_size` are left out of the rate rule: a rate over two people says nothing.
"""

from __future__ import annotations

import math
from itertools import permutations
from typing import Any, ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import Constraint, Instance, Params, PartVerdict, Verdict, gender_word, joined
from matcher.i18n import Msg
from matcher.problem import BoolArray, IntArray, PairClasses, Problem, Row


class GenderBalanceParams(Params):
    equal_match_rate_tolerance: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="match rates of gender groups differ by at most this (None: no rate rule)",
    )
    min_group_size: int = Field(5, ge=1, description="only groups with at least this many adepts are compared")
    same_gender_requests: Literal["hard", "soft", "off"] = Field(
        "soft",
        description="adepts who ask for a same-gender mentor: must get one (hard), preferably (soft), or off",
    )


class GenderBalance(Constraint):
    name = "gender_balance"
    example = "gender_balance: {equal_match_rate_tolerance: 0.05, min_group_size: 5, same_gender_requests: hard}"
    params_model: ClassVar[type[Params]] = GenderBalanceParams
    # Equal rates are rows on group counts; the same-gender part (filter or terms) stays without them.
    fairness_adds_rows_only = True

    @property
    def p(self) -> GenderBalanceParams:
        assert isinstance(self.params, GenderBalanceParams)
        return self.params

    def describe(self) -> Msg:
        parts = []
        if self.p.equal_match_rate_tolerance is not None:
            parts.append(self.msg(
                "describe.rates" if self.hard else "describe.rates.soft",
                size=self.p.min_group_size, tolerance=self.p.equal_match_rate_tolerance,
            ))
        if self.p.same_gender_requests != "off":
            parts.append(self.msg(f"describe.requests.{self.p.same_gender_requests}"))
        return joined(parts) if parts else self.msg("describe.none")

    def has_preference_part(self) -> bool:
        return not self.hard or self.p.same_gender_requests == "soft"

    def is_fairness_rule(self) -> bool:
        """The equal-rate part is a fairness rule: its price, and any levelling down, is reported."""
        return self.p.equal_match_rate_tolerance is not None

    def fairness_free_config(self) -> dict[str, Any] | None:
        """The same rule without equal rates: same-gender requests stay as they are."""
        config = self.params.model_dump()
        config["equal_match_rate_tolerance"] = None
        return config

    def request_ok(self, inst: Instance) -> BoolArray:
        """Givers x takers: pairs that respect the taker's same-gender request (if any)."""
        # Compared as codes of one numbering of both sides' genders: comparing the Python strings
        # cell by cell took 0.1 s at 2,000 x 3,000. A missing gender (-1) equals nothing.
        givers = inst.givers["gender"].to_numpy(dtype=object)
        codes, _ = pd.factorize(np.concatenate([givers, inst.takers["gender"].to_numpy(dtype=object)]))
        g, t = codes[: len(givers)], codes[len(givers) :]
        asks = inst.takers["same_gender"].to_numpy(dtype=bool)
        result: BoolArray = ((g[:, None] == t[None, :]) & (g >= 0)[:, None]) | ~asks[None, :]
        return result

    def hard_filter(self, inst: Instance) -> BoolArray | None:
        return self.request_ok(inst) if self.p.same_gender_requests == "hard" else None

    def pair_terms(self, inst: Instance, giver: IntArray, taker: IntArray) -> IntArray | None:
        if self.p.same_gender_requests != "soft":
            return None
        asks = inst.takers["same_gender"].to_numpy(dtype=bool)[taker]
        honoured = self.request_ok(inst)[giver, taker] & asks
        return honoured.astype(np.int64)

    def groups(self, inst: Instance) -> dict[str, int]:
        """Gender -> number of adepts, for the groups large enough to compare."""
        counts = inst.takers["gender"].value_counts()
        return {str(g): int(n) for g, n in counts.items() if n >= self.p.min_group_size}

    def apply(self, inst: Instance, problem: Problem) -> None:
        tolerance = self.p.equal_match_rate_tolerance
        groups = self.groups(inst)
        if tolerance is None or len(groups) < 2:
            return
        codes, names = inst.codes("taker", "gender")
        pair_gender = codes.astype(np.int32)[problem.taker]  # one code per pair, shared by the rows
        in_group = {gender: pair_gender == names.index(gender) for gender in groups}
        for gender in groups:
            problem.counters[f"matched {gender} adepts"] = in_group[gender]
        for g, h in permutations(sorted(groups), 2):
            n_g, n_h = groups[g], groups[h]
            # rate_g - rate_h <= tol  <=>  n_h * matched_g - n_g * matched_h <= tol * n_g * n_h
            per_gender = np.zeros(len(names))
            per_gender[names.index(g)], per_gender[names.index(h)] = n_h, -n_g
            problem.rows.append(
                Row(
                    constraint=self.name,
                    label=f"gender_balance.rate.{g}-{h}",
                    description=self.msg(
                        "row.rate", gender=gender_word(g), size=n_g, other=gender_word(h), other_size=n_h,
                        tolerance=tolerance,
                    ),
                    coef=None,
                    classes=PairClasses(pair_gender, per_gender),
                    sense="<=",
                    rhs=float(math.floor(tolerance * n_g * n_h + 1e-9)),
                    penalty=None if self.hard else self.p.weight / n_h,
                    priority=self.p.priority,
                )
            )

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        if self.p.same_gender_requests == "off":
            return None
        if not bool(inst.taker_records[taker]["same_gender"]):
            return None
        same = inst.giver_records[giver]["gender"] == inst.taker_records[taker]["gender"]
        return self.msg("pair.honoured" if same else "pair.not_honoured")

    def conflict_words(self, inst: Instance) -> Msg:
        """Only the hard parts, with the group sizes: that is what can conflict."""
        parts = []
        tolerance = self.p.equal_match_rate_tolerance
        groups = self.groups(inst)
        if self.hard and tolerance is not None and len(groups) >= 2:
            sizes = [self.msg("group", count=n, gender=gender_word(g)) for g, n in sorted(groups.items())]
            parts.append(self.msg("conflict_words.rates", sizes=sizes, tolerance=tolerance))
        if self.p.same_gender_requests == "hard":
            asking = int(inst.takers["same_gender"].sum())
            parts.append(self.msg("conflict_words.requests", count=asking))
        return joined(parts) if parts else self.describe()

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        """One part per part of the rule: equal rates (hard when the rule is), same-gender requests
        (hard, or a preference, by `same_gender_requests`)."""
        parts: list[PartVerdict] = []
        matched = set(pairs["adept_id"].tolist())
        taker_ids, taker_genders = inst.takers["id"].tolist(), inst.takers["gender"].tolist()
        rates: dict[str, float] = {}
        for gender, size in self.groups(inst).items():
            ids = [i for i, g in zip(taker_ids, taker_genders, strict=True) if g == gender]
            rates[gender] = sum(1 for i in ids if i in matched) / size
        rate_words = [self.msg("rate", gender=gender_word(g), rate=r) for g, r in sorted(rates.items())]
        rates_detail = self.msg("check.rates", rates=rate_words) if rate_words else self.msg("check.rates.none")
        tolerance = self.p.equal_match_rate_tolerance
        if tolerance is not None:
            spread = max(rates.values()) - min(rates.values()) if len(rates) >= 2 else 0.0
            if spread > tolerance + 1e-9:
                detail = self.msg("check.rates.apart", spread=spread, tolerance=tolerance, rates=rate_words)
                parts.append(self.part(False, detail, [f"match rates differ by {spread:.1%}"]))
            else:
                parts.append(self.part(True, rates_detail))
        if self.p.same_gender_requests != "off":
            kind: Literal["hard", "preference"] = "hard" if self.p.same_gender_requests == "hard" else "preference"
            giver_gender = dict(zip(inst.givers["id"].tolist(), inst.givers["gender"].tolist(), strict=True))
            asks = dict(zip(taker_ids, inst.takers["same_gender"].tolist(), strict=True))
            taker_gender = dict(zip(taker_ids, taker_genders, strict=True))
            pair_list = zip(pairs["mentor_id"].tolist(), pairs["adept_id"].tolist(), strict=True)
            asking = [(m, a) for m, a in pair_list if bool(asks[a])]
            broken = [f"{m} - {a}" for m, a in asking if giver_gender[m] != taker_gender[a]]
            if broken:
                detail = self.msg("check.requests.broken", count=len(broken), pairs=broken[:10])
                parts.append(self.part(False, detail, broken, kind=kind))
            else:
                parts.append(self.part(True, self.msg("check.requests", count=len(asking)), kind=kind))
        return Verdict.of_parts(parts or [self.part(True, rates_detail)])
