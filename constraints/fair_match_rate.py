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
from typing import ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import Constraint, Instance, Params, RowsFeasible, Verdict, gender_word, joined
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
    def prepare(self, inst: Instance, eligible: np.ndarray, feasible: RowsFeasible) -> None:
        """Find r (and, for leximin, each round's rate) with the engine's own feasibility answers."""
        groups = self.groups(inst)
        attainable = self.attainable(inst, eligible)
        self.eligible_seen = eligible

        def with_floors(floors: Mapping[str, int]) -> bool:
            return feasible(lambda problem: self._rows(inst, problem, floors, hard=True))

        rule = leximin_rule if self.p.mode == "leximin" else floor_rule
        self.settled = rule(groups.sizes, attainable, with_floors) if groups.sizes else None

    settled: FairnessFloors | None = None
    eligible_seen: np.ndarray = np.zeros((0, 0), dtype=bool)

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

    # -- words -----------------------------------------------------------------------------
    def describe(self) -> Msg:
        return _fair(f"describe.{self.p.mode}", groups=_fair(f"group_by.{self.p.group_by}"),
                        size=self.p.min_group_size)

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
            detail = _fair("check.few", rates=rates) if rates else _fair("check.few.none")
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
