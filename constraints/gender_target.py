"""gender_target: a minimum share per gender among the selected (matched) adepts or trainees.

The trainee programme wants, e.g., at least 30% men among the selected trainees "when the
applicants allow it". The share is taken over the matched takers only (each is matched at
most once, so that is the number of pairs).

What "when the applicants allow it" means here (`only_if_possible: true`, the default):
the *places* are min(total capacity of the mentors/supervisors, number of applicants, the
count limit of other hard rules such as the administration quotas), and
the best share a gender g can reach with every place filled is min(applicants of g, places)
/ places. When the target is above that, the target is lowered to it and the check's detail
says so ("target 30% men lowered to 20%: only 2 men applied for 10 places"). This reads the
numbers only, not who is eligible for whom (nor quotas of other rules): a man with no
eligible supervisor still counts as an applicant.

With `only_if_possible: false` the target stands as written. The rule alone is then never
infeasible (leaving places empty raises a share), so the solver leaves places unfilled to
reach it; when something forces the places to be filled (hard coverage, capacity
minimums) the scenario is infeasible and the message names this rule with the numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from pydantic import Field, field_validator

from constraints.base import Constraint, Instance, Params, Verdict, joined
from matcher.domain import GENDERS, parse_gender
from matcher.errors import InvalidValue
from matcher.i18n import Msg
from matcher.problem import PairClasses, Problem, Row


def people(gender: str, count: int = 2) -> Msg:
    """A gender group as the rule writes it in a sentence: '30% men', 'only 1 man applied'."""
    return Msg(f"rule.gender_target.people.{gender}.{'one' if count == 1 else 'many'}")


def share_fraction(share: float) -> Fraction:
    """A share as an exact small fraction, so the row has integer coefficients."""
    return Fraction(share).limit_denominator(1000)


def percent(share: Fraction) -> float:
    """A share as the number a `{share:.0%}` placeholder shows."""
    return float(share)


class GenderTargetParams(Params):
    min_share: dict[str, float] = Field(
        default_factory=lambda: {"man": 0.3},
        description=(
            "gender -> minimum share (0..1) of that gender among the selected adepts/trainees "
            "(default: the city's goal of 30% men)"
        ),
    )
    only_if_possible: bool = Field(
        True,
        description=(
            "lower a target the applicants cannot reach with every place filled to the best reachable share "
            "(and say so); false: keep it, leaving places empty if need be"
        ),
    )

    @field_validator("min_share", mode="before")
    @classmethod
    def _canonical_genders(cls, value: Any) -> Any:
        if not isinstance(value, Mapping):
            return value  # pydantic reports the type error
        canonical: dict[str, Any] = {}
        for key, share in value.items():
            gender = parse_gender(str(key))
            if gender is None:
                raise InvalidValue(
                    Msg("rule.gender_target.invalid.unknown", {"gender": repr(key), "known": ", ".join(GENDERS)})
                )
            if gender in canonical:
                raise InvalidValue(Msg("rule.gender_target.invalid.twice", {"gender": repr(gender), "key": repr(key)}))
            canonical[gender] = share
        return canonical

    @field_validator("min_share")
    @classmethod
    def _shares_in_range(cls, value: dict[str, float]) -> dict[str, float]:
        if not value:
            raise InvalidValue(Msg("rule.gender_target.invalid.empty"))
        for gender, share in value.items():
            if not 0.0 <= share <= 1.0:
                raise InvalidValue(Msg("rule.gender_target.invalid.share", {"gender": gender, "share": str(share)}))
        if sum(share_fraction(s) for s in value.values()) > 1:
            raise InvalidValue(Msg("rule.gender_target.invalid.sum"))
        return value


@dataclass(frozen=True)
class Target:
    """One gender's target on one instance: as asked, as applied, and why they differ."""

    gender: str
    asked: Fraction
    applied: Fraction
    applicants: int
    places: int
    note: Msg | None  # set when the target cannot be reached with every place filled

    @property
    def lowered(self) -> bool:
        return self.applied < self.asked


class GenderTarget(Constraint):
    name = "gender_target"
    example = "gender_target: {min_share: {man: 0.3}, only_if_possible: true}"
    params_model: ClassVar[type[Params]] = GenderTargetParams

    @property
    def p(self) -> GenderTargetParams:
        assert isinstance(self.params, GenderTargetParams)
        return self.params

    def describe(self) -> Msg:
        shares = [self.msg("share", share=percent(share_fraction(s)), people=people(g))
                  for g, s in self.p.min_share.items()]
        how = "possible" if self.p.only_if_possible else "asked"
        return self.msg(f"describe.{how}" + ("" if self.hard else ".soft"), shares=shares)

    # -- the numbers -----------------------------------------------------------------------
    @staticmethod
    def places(inst: Instance) -> int:
        """How many can be selected: the givers' total capacity, all applicants if fewer, and no
        more than another rule's count limit (e.g. the administration quotas) allows."""
        places = min(int(inst.givers["capacity"].sum()), inst.n_takers)
        return places if inst.place_limit is None else min(places, inst.place_limit)

    def targets(self, inst: Instance) -> list[Target]:
        places = self.places(inst)
        counts = inst.takers["gender"].value_counts()
        result = []
        for gender, share in self.p.min_share.items():
            asked = share_fraction(share)
            applicants = int(counts.get(gender, 0))
            best = Fraction(min(applicants, places), places) if places else Fraction(1)
            note = None
            applied = asked
            if best < asked:
                who = self.msg("who", applicants=applicants, people=people(gender, applicants), places=places)
                values = {"asked": percent(asked), "people": people(gender), "best": percent(best), "who": who}
                if self.p.only_if_possible:
                    applied = best
                    note = self.msg("note.lowered", **values)
                else:
                    note = self.msg("note.unreachable", **values)
            result.append(Target(gender, asked, applied, applicants, places, note))
        return result

    # -- effect on the model ---------------------------------------------------------------
    def apply(self, inst: Instance, problem: Problem) -> None:
        codes, names = inst.codes("taker", "gender")
        pair_gender = codes.astype(np.int32)[problem.taker]  # one code per pair, shared by the rows
        problem.counters.setdefault("pairs", np.ones(problem.n_pairs, dtype=bool))
        for target in self.targets(inst):
            if target.applied <= 0:
                continue
            p, q = target.applied.numerator, target.applied.denominator
            code = names.index(target.gender) if target.gender in names else -1
            in_group = pair_gender == code
            problem.counters.setdefault(f"matched {target.gender} takers", in_group)
            # matched_g / matched >= p/q  <=>  sum_e (q [gender_e = g] - p) x_e >= 0
            per_gender = np.full(max(len(names), 1), float(-p))
            if code >= 0:
                per_gender[code] = float(q - p)
            problem.rows.append(
                Row(
                    constraint=self.name,
                    label=f"gender_target.{target.gender}",
                    description=(
                        self.msg("row.note", share=percent(target.applied), people=people(target.gender),
                                 note=target.note) if target.note
                        else self.msg("row", share=percent(target.applied), people=people(target.gender))
                    ),
                    coef=None,
                    classes=PairClasses(pair_gender, per_gender),
                    sense=">=",
                    rhs=0.0,
                    # one selected person short is q units of the row: the weight per person
                    penalty=None if self.hard else self.p.weight / q,
                    priority=self.p.priority,
                )
            )

    # -- words -----------------------------------------------------------------------------
    def conflict_words(self, inst: Instance) -> Msg:
        parts = []
        for t in self.targets(inst):
            values = {"share": percent(t.applied), "people": people(t.gender), "applicants": t.applicants,
                      "count": inst.n_takers, "places": t.places}
            if t.note and not t.lowered:
                parts.append(self.msg("conflict_words.note", note=t.note, **values))
            else:
                parts.append(self.msg("conflict_words", **values))
        return joined(parts)

    # -- independent check -----------------------------------------------------------------
    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        gender_of = dict(zip(inst.takers["id"], inst.takers["gender"], strict=True))
        selected = set(pairs["adept_id"])
        total = len(selected)
        problems: list[str] = []
        texts: list[Msg] = []
        below: list[Msg] = []
        for t in self.targets(inst):
            matched = sum(1 for taker in selected if gender_of[taker] == t.gender)
            values = {"matched": matched, "count": total, "people": people(t.gender)}
            share = self.msg("check.share", rate=matched / total, **values) if total else self.msg("check.count",
                                                                                                  **values)
            if t.note:
                share = self.msg("check.note", share=share, note=t.note)
            texts.append(share)
            # matched / total >= p / q, in integers
            if matched * t.applied.denominator < t.applied.numerator * total:
                problems.append(f"below the target of {t.applied}: {matched} of {total}")
                below.append(self.msg("check.below", target=percent(t.applied), share=share))
        if problems:
            return Verdict.of_parts([self.part(False, joined(below), problems)])
        return Verdict.of_parts([self.part(True, joined(texts))])
