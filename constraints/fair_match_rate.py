"""fair_match_rate: every group of adepts gets a fair chance of a mentor, without levelling down.

Groups are adepts of one gender, one administration, one experience band, or one
administration and gender (`group_by`). In mode `floor` every group's match rate is at least
the common rate r, or its own attainable maximum if that is lower, with r as high as the hard
rules allow; in mode `leximin` the worst-off groups are raised first, then the next, as far as
each can go. A group nobody can match never holds another back: see `matcher/equity.py` for
the exact definition and a worked example.

Unlike `gender_balance.equal_match_rate_tolerance` (equal rates within a tolerance), this rule
cannot be met by matching fewer people: no floor ever exceeds what a group could get alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import Constraint, Instance, Params, Questions, Verdict, gender_word, joined
from matcher import group_quality
from matcher.equity import (
    FairnessFloors,
    GroupBy,
    Groups,
    attainable_maximum,
    floor_rule,
    group_keys,
    leximin_rule,
    make_groups,
)
from matcher.group_quality import QualityTarget
from matcher.i18n import Msg
from matcher.problem import PairClasses, Problem, Row


class FairMatchRateParams(Params):
    group_by: GroupBy = Field(
        "gender", description="the groups compared: gender, administration, band or administration_gender"
    )
    mode: Literal["floor", "leximin"] = Field(
        "floor",
        description="floor: every group at least the common rate r (or its own maximum), r as high as possible; "
        "leximin: raise the worst-off groups first, then the next",
    )
    min_group_size: int = Field(5, ge=1, le=10_000, description="only groups with at least this many adepts count")
    quality_gap: float | None = Field(
        None,
        ge=0,
        le=1,
        description="no group's mean pair score more than this share below the mean of all pairs "
        "(a preference; null: not compared)",
    )
    quality_weight: int = Field(
        1, ge=1, le=100, description="points of pair score one missing point of a group's pairs costs"
    )


class FairMatchRate(Constraint):
    name = "fair_match_rate"
    example = "fair_match_rate: {group_by: administration, mode: leximin, min_group_size: 5}"
    params_model: ClassVar[type[Params]] = FairMatchRateParams
    default_priority = 1
    fairness = True
    # Left out for its price, it takes only its floor rows and their counters with it.
    fairness_adds_rows_only = True

    def fairness_group_by(self) -> GroupBy:
        return self.p.group_by

    @property
    def p(self) -> FairMatchRateParams:
        assert isinstance(self.params, FairMatchRateParams)
        return self.params

    # -- the groups --------------------------------------------------------------------------
    def groups(self, inst: Instance) -> Groups:
        return self.per_instance(inst, "groups", lambda: make_groups(self._keys(inst), self.p.min_group_size))

    def _keys(self, inst: Instance) -> np.ndarray:
        takers = inst.takers
        return group_keys(takers["administration"], takers["gender"], takers["band"], self.p.group_by)

    def attainable(self, inst: Instance, eligible: np.ndarray) -> dict[str, int]:
        """Each compared group's most matchable adepts when it alone is matched."""
        groups = self.groups(inst)
        capacity = inst.givers["capacity"].to_numpy(dtype=np.int64)
        return {g: attainable_maximum(eligible, capacity, groups.members(g)) for g in groups.sizes}

    # -- settled before the model is built ---------------------------------------------------
    def prepare(self, inst: Instance, eligible: np.ndarray, ask: Questions) -> None:
        """Find r (and, for leximin, each round's rate) with the engine's own feasibility answers."""
        groups = self.groups(inst)
        attainable = self.attainable(inst, eligible)
        self.eligible_seen = eligible

        def with_floors(floors: Mapping[str, int]) -> bool:
            return ask.feasible(lambda problem: self._rows(inst, problem, floors, hard=True))

        rule = leximin_rule if self.p.mode == "leximin" else floor_rule
        self.settled = rule(groups.sizes, attainable, with_floors) if groups.sizes else None
        self.reference = None
        if self.p.quality_gap is not None and self.settled is not None:
            # The pair-quality reference: the best matching with these floors, without the part.
            floors = self.settled.floors
            best = ask.best(lambda problem: self._rows(inst, problem, floors, hard=self.hard))
            self.reference = group_quality.settle(groups, best, self.p.quality_gap) if best is not None else None
        self.quality = self.reference.target if self.reference is not None else None

    settled: FairnessFloors | None = None
    quality: QualityTarget | None = None
    reference: group_quality.Reference | None = None
    eligible_seen: np.ndarray = np.zeros((0, 0), dtype=bool)

    def settlement(self) -> dict[str, Any] | None:
        """The floors, the common rate and the least mean pair score, for the run's record."""
        if self.settled is None:
            return None
        return {
            "rate": str(self.settled.rate),
            "floors": dict(self.settled.floors),
            "attainable": dict(self.settled.attainable),
            "quality": self.quality.to_json() if self.quality is not None else None,
        }

    def restore(self, settlement: Mapping[str, Any], eligible: np.ndarray) -> None:
        """Take a run's recorded settlement, to check a pair list against it (`matcher check`);
        `eligible` is what the hard pair rules allow, for the check's own attainable counts."""
        self.settled = FairnessFloors(
            {str(g): int(n) for g, n in settlement["floors"].items()},
            Fraction(str(settlement["rate"])),
            {str(g): int(n) for g, n in settlement.get("attainable", {}).items()},
        )
        quality = settlement.get("quality")
        self.quality = group_quality.QualityTarget.from_json(quality) if quality else None
        self.eligible_seen = eligible

    # -- effect on the model -------------------------------------------------------------------
    def _rows(self, inst: Instance, problem: Problem, floors: Mapping[str, int], *, hard: bool) -> list[Row]:
        groups = self.groups(inst)
        taker_code, names = pd.factorize(pd.Series(groups.key_of_taker, dtype=object))
        pair_group = taker_code.astype(np.int32)[problem.taker]  # one code per pair, shared by the rows
        index = {str(name): k for k, name in enumerate(names)}
        rows = []
        for group, floor in sorted(floors.items()):
            if floor <= 0:
                continue
            code = index.get(group, -1)
            members = pair_group == code
            one = np.zeros(max(len(names), 1))
            if code >= 0:
                one[code] = 1.0
            problem.counters.setdefault(f"matched adepts in {group}", members)
            rows.append(
                Row(
                    constraint=self.name,
                    label=f"{self.name}.{group}",
                    description=_fair("row.floor", floor=floor, size=groups.sizes[group],
                                         group=self.group_word(group)),
                    coef=None,
                    classes=PairClasses(pair_group, one),
                    sense=">=",
                    rhs=float(floor),
                    penalty=None if hard else float(self.params.weight),
                    priority=self.params.priority,
                )
            )
        return rows

    def apply(self, inst: Instance, problem: Problem) -> None:
        if self.settled is not None:
            problem.rows.extend(self._rows(inst, problem, self.settled.floors, hard=self.hard))
        reference = self.reference
        if reference is not None and group_quality.same_pairs(problem, reference):
            target = reference.target
            problem.rows.extend(group_quality.quality_rows(
                self.name, self.groups(inst), problem, reference, self.p.quality_weight,
                lambda g: _fair("row.quality", group=self.group_word(g), target=target.target,
                                matched=target.matched[g])))

    # -- words -----------------------------------------------------------------------------
    def describe(self) -> Msg:
        rates = _fair(f"describe.{self.p.mode}", groups=_fair(f"group_by.{self.p.group_by}"),
                      size=self.p.min_group_size)
        return self.with_quality_words(rates)

    def with_quality_words(self, rates: Msg) -> Msg:
        """The description of the match-rate part, and of the pair-quality part when it is on."""
        if self.p.quality_gap is None:
            return rates
        return _fair("describe.quality", rates=rates, percent=group_quality.percent(self.p.quality_gap))

    def conflict_words(self, inst: Instance) -> Msg:
        if self.settled is None:
            return self.describe()
        floors = [_fair("count", group=self.group_word(g), count=n)
                  for g, n in sorted(self.settled.floors.items()) if n]
        return _fair("conflict_words", floors=floors)

    def group_word(self, group: str) -> Msg:
        """A group's name in words: a gender as the catalogue says it, administrations as they are."""
        if self.p.group_by == "gender":
            return gender_word(group)
        if self.p.group_by == "administration_gender":
            administration, _, gender = group.partition(" / ")
            return _fair("group", administration=administration, gender=gender_word(gender))
        return Msg("text.verbatim", {"text": group})

    # -- independent check -------------------------------------------------------------------
    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        """The match-rate part (`check_rates`); the pair-quality part from the pairs' own scores,
        each group's mean against the settled least mean."""
        verdict = self.check_rates(inst, pairs)
        quality = self.quality
        means = group_quality.means_by_group(self.groups(inst), inst.takers["id"], pairs)
        if quality is None or not means:
            return verdict
        grid = group_quality.step(quality.mean)

        def shown(groups: list[str]) -> list[Msg]:
            return [_fair("mean", group=self.group_word(g), mean=group_quality.down(means[g], grid)) for g in groups]

        below = sorted(g for g, m in means.items() if g in quality.matched and m < quality.target - 1e-9)
        values = {"means": shown(sorted(means)), "target": quality.target,
                  "percent": group_quality.percent(self.p.quality_gap or 0.0),
                  "mean": round(quality.mean, 1 if grid >= 0.1 else 2)}
        if below:
            part = self.part(False, _fair("check.quality.below", below=shown(below), **values), below,
                             kind="preference")
        else:
            part = self.part(True, _fair("check.quality.held", **values), kind="preference")
        return Verdict.of_parts([*verdict.parts, part])

    def check_rates(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        """Every group at least its floor, and no floor above what the group could get alone
        (recomputed here by augmenting paths, without the solver): never levelled down."""
        groups = self.groups(inst)
        matched = set(pairs["adept_id"])
        ids = inst.takers["id"].to_numpy(dtype=object)
        counts = {g: int(sum(1 for i in ids[groups.members(g)] if i in matched)) for g in groups.sizes}
        rates = [_fair("rate", group=self.group_word(g), matched=counts[g], size=n)
                 for g, n in sorted(groups.sizes.items())]
        small = [_fair("small", group=self.group_word(g), size=n) for g, n in sorted(groups.small.items())]
        if self.settled is None:
            detail = _fair("check.unsettled", rates=rates) if rates else _fair("check.few.none")
            return Verdict.of_parts([self.part(True, self._with_small(detail, small))])
        problems: list[str] = []
        words: list[Msg] = []
        capacity = inst.givers["capacity"].to_numpy(dtype=np.int64)
        for group, floor in sorted(self.settled.floors.items()):
            alone = _matchable_alone(self.eligible_seen, capacity, groups.members(group))
            if floor > alone:
                problems.append(f"{group}: asked for {floor}, but only {alone} can be matched at all")
                words.append(_fair("check.above_alone", group=self.group_word(group), floor=floor, alone=alone))
            if counts[group] < floor:
                problems.append(f"{group}: {counts[group]} matched, fewer than its floor {floor}")
                words.append(_fair("check.below_floor", group=self.group_word(group), matched=counts[group],
                                      floor=floor))
        detail = self._with_small(_fair("check", rate=float(self.settled.rate), rates=rates), small)
        if problems:
            return Verdict.of_parts([self.part(False, _fair("check.broken", problems=joined(words),
                                                                 detail=detail), problems)])
        return Verdict.of_parts([self.part(True, detail)])

    def _with_small(self, detail: Msg, small: list[Msg]) -> Msg:
        return _fair("check.small", detail=detail, small=small) if small else detail


def _fair(part: str, **values: object) -> Msg:
    """The words of the fairness rules (administration_equity shares them): `rule.fair_match_rate.PART`."""
    return Msg(f"rule.fair_match_rate.{part}", values)


def _matchable_alone(eligible: np.ndarray, capacity: np.ndarray, members: np.ndarray) -> int:
    """The most of these adepts matchable alone, by Hopcroft-Karp on the capacity-expanded pairs
    (a different algorithm from the maximum flow the rule itself uses: the check's own count)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_bipartite_matching

    columns = np.flatnonzero(members)
    if columns.size == 0:
        return 0
    slots_of = np.repeat(np.arange(eligible.shape[0]), np.minimum(capacity, columns.size))
    expanded = eligible[slots_of][:, columns]
    if not expanded.any():
        return 0
    matching = maximum_bipartite_matching(csr_matrix(expanded.astype(np.int8)), perm_type="column")
    return int((matching >= 0).sum())
