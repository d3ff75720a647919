"""administration_quota: at most so many trainee placements per administration.

Each term the trainee programme has a fixed number of places per administration
(Hisingen 10, Nordost 10, Sydväst 5, Centrum 5; they may grow). A placement counts in the
administration of the supervisor, where the trainee works. The quota is a maximum; that
places are "filled as far as possible" comes from `coverage` soft at priority 1.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd
from pydantic import Field, field_validator

from constraints.base import Constraint, Instance, Params, Verdict, joined
from matcher.domain import ADMINISTRATIONS, parse_administration
from matcher.errors import Conflict, InvalidValue
from matcher.i18n import Msg
from matcher.problem import PairClasses, Problem, Row

DEFAULT_PLACES: dict[str, int] = {"Hisingen": 10, "Nordost": 10, "Sydväst": 5, "Centrum": 5}


class AdministrationQuotaParams(Params):
    places: dict[str, int] = Field(
        default_factory=lambda: dict(DEFAULT_PLACES),
        description=(
            "administration -> most placements there (the supervisor's administration); "
            "administrations not listed keep their default (Hisingen 10, Nordost 10, Sydväst 5, Centrum 5)"
        ),
    )

    @field_validator("places")
    @classmethod
    def _canonical_places(cls, value: dict[str, int]) -> dict[str, int]:
        given: dict[str, int] = {}
        for name, places in value.items():
            administration = parse_administration(str(name))
            if administration is None:
                raise InvalidValue(
                    Msg("rule.administration_quota.invalid.unknown",
                        {"name": repr(name), "known": ", ".join(ADMINISTRATIONS)})
                )
            if administration in given:
                raise InvalidValue(
                    Msg("rule.administration_quota.invalid.twice",
                        {"administration": administration, "name": repr(name)})
                )
            if isinstance(places, bool) or places < 0:
                raise InvalidValue(
                    Msg("rule.administration_quota.invalid.places",
                        {"administration": administration, "places": repr(places)})
                )
            given[administration] = int(places)
        return {**DEFAULT_PLACES, **given}


class AdministrationQuota(Constraint):
    name = "administration_quota"
    example = "administration_quota: {places: {Hisingen: 10, Nordost: 10, Sydväst: 5, Centrum: 5}}"
    params_model: ClassVar[type[Params]] = AdministrationQuotaParams

    @property
    def places(self) -> dict[str, int]:
        assert isinstance(self.params, AdministrationQuotaParams)
        return self.params.places

    def _quota_text(self) -> list[str]:
        return [f"{a} {n}" for a, n in self.places.items()]

    def describe(self) -> Msg:
        total = sum(self.places.values())
        if self.hard:
            return self.msg("describe", quota=self._quota_text(), total=total)
        return self.msg("describe.soft", quota=self._quota_text(), total=total, weight=self.params.weight)

    def apply(self, inst: Instance, problem: Problem) -> None:
        codes, names = inst.codes("giver", "administration")
        pair_administration = codes.astype(np.int32)[problem.giver]  # one code per pair, shared by the rows
        for administration, places in self.places.items():
            if administration not in names:
                continue
            code = names.index(administration)
            in_administration = pair_administration == code
            one = np.zeros(len(names))
            one[code] = 1.0
            problem.counters[f"placed in {administration}"] = in_administration
            problem.rows.append(
                Row(
                    constraint=self.name,
                    label=f"administration_quota.{administration}",
                    description=self.msg("row.quota", places=places, administration=administration),
                    coef=None,
                    classes=PairClasses(pair_administration, one),
                    sense="<=",
                    rhs=float(places),
                    penalty=None if self.hard else float(self.params.weight),
                    priority=self.params.priority,
                )
            )

    def precheck(self, inst: Instance) -> list[Conflict]:
        """Locked pairs alone more than a hard quota allows."""
        if not self.hard or inst.locked is None or inst.locked.empty:
            return []
        administration_of = dict(zip(inst.givers["id"], inst.givers["administration"], strict=True))
        locked = pd.Series([administration_of[str(m)] for m in inst.locked["mentor_id"]], dtype=object)
        conflicts = []
        for administration, count in locked.value_counts().items():
            places = self.places[str(administration)]
            if count > places:
                conflicts.append(
                    self.conflict(inst, "conflict.locked", rules=["locked", self.name], count=int(count),
                                  administration=str(administration), places=places)
                )
        return conflicts

    def max_places(self, inst: Instance) -> int | None:
        """Per administration the smaller of its quota and its supervisors' capacity, summed."""
        if not self.hard:
            return None
        capacity = inst.givers.groupby("administration")["capacity"].sum()
        return sum(min(int(capacity.get(a, 0)), q) for a, q in self.places.items())

    def conflict_words(self, inst: Instance) -> Msg:
        offered = inst.givers.groupby("administration")["capacity"].sum()
        present = {str(a): int(n) for a, n in offered.items()}
        usable = sum(min(places, present.get(a, 0)) for a, places in self.places.items())
        offers = [f"{a} {n}" for a, n in present.items()]
        return self.msg("conflict_words", quota=self._quota_text(), offers=offers, usable=usable,
                        count=inst.n_takers)

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        administration = str(inst.giver_records[giver]["administration"])
        return self.msg("pair", administration=administration, places=self.places[administration])

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        administration_of = dict(zip(inst.givers["id"], inst.givers["administration"], strict=True))
        placed = {administration: 0 for administration in self.places}
        for giver_id in pairs["mentor_id"]:
            placed[administration_of[giver_id]] += 1
        over = [
            f"{administration}: {placed[administration]} placed, quota {places}"
            for administration, places in self.places.items()
            if placed[administration] > places
        ]
        detail = self.msg("check", placed=[f"{a} {placed[a]}/{n}" for a, n in self.places.items()])
        if over:
            words = [self.msg("over", administration=a, placed=placed[a], places=n)
                     for a, n in self.places.items() if placed[a] > n]
            return Verdict.of_parts([self.part(False, self.msg("check.over", over=joined(words), detail=detail),
                                               over)])
        return Verdict.of_parts([self.part(True, detail)])
