"""Fairness across groups of adepts that never levels down.

The equal-match-rate rule of `gender_balance` can be met by matching *fewer* people: when
one group cannot be matched at all, equal rates mean everyone's rate falls to that group's.
The rules built on this module ask instead, for groups of adepts (by gender, administration,
experience band, or administration × gender):

    every group's match rate is at least r, or its own attainable maximum if that is lower,
    with r as high as the hard rules allow                                      (mode "floor")

and, as the alternative to a tolerance, the max–min refinement of it (mode "leximin"): once the
worst-off groups are as high as they can go, raise the next ones, and so on.

A group's **attainable maximum** m_g is the most of its adepts the hard pair rules and the
mentors' capacities allow when no other group competes (a maximum flow over the eligible
pairs of its adepts alone). A group that cannot be matched (m_g = 0) therefore holds no other
group back, and no floor ever asks a group for more than it could get alone.

Worked example. Three gender groups: 80 women (all could be matched: m = 80), 10 men (m = 10),
5 undisclosed adepts with no eligible mentor (m = 0); 60 places in all. Equal rates within 0 %
force every group to 0 %: nobody matched. The floor rule asks each group for min(r · n_g, m_g)
with r as high as possible: r = 60 / 90 = 0.67 gives floors 54 women, 7 men, 0 undisclosed
(61 > 60 places), so r = 0.66 with floors 53 and 7 (60 places): 60 adepts matched, the
undisclosed left out because nobody can take them, not because the rule wants them out.

The search for r is a bisection over the rates where some group's floor changes (k / n_g),
each step a feasibility question that the engine answers with its own solver
(`Feasibility`): the floors are rows on per-group matched counts, which on a single grouping
keep the model a network flow.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

import numpy as np
import numpy.typing as npt

GroupBy = Literal["gender", "administration", "band", "administration_gender"]
GROUP_BYS: tuple[GroupBy, ...] = ("gender", "administration", "band", "administration_gender")

#: Answers: can every hard rule hold with these per-group floors (group -> least matched)?
Feasibility = Callable[[Mapping[str, int]], bool]


def group_keys(takers_administration: npt.ArrayLike, takers_gender: npt.ArrayLike, takers_band: npt.ArrayLike,
               by: GroupBy) -> npt.NDArray[np.object_]:
    """Each adept's group under `by`: e.g. 'Nordost' or 'Nordost / woman'."""
    administration = np.asarray(takers_administration, dtype=object)
    gender = np.asarray(takers_gender, dtype=object)
    band = np.asarray(takers_band, dtype=object)
    if by == "gender":
        return gender.astype(str).astype(object)
    if by == "administration":
        return administration.astype(str).astype(object)
    if by == "band":
        return band.astype(str).astype(object)
    return np.array([f"{a} / {g}" for a, g in zip(administration, gender, strict=True)], dtype=object)


@dataclass
class Groups:
    """The groups compared (at least `min_group_size` adepts) and those too small to compare."""

    key_of_taker: npt.NDArray[np.object_]
    sizes: dict[str, int]  # compared groups -> adepts
    small: dict[str, int]  # groups below min_group_size -> adepts (listed, not compared)

    def members(self, group: str) -> npt.NDArray[np.bool_]:
        result: npt.NDArray[np.bool_] = self.key_of_taker == group
        return result


def make_groups(keys: npt.NDArray[np.object_], min_group_size: int) -> Groups:
    values, counts = np.unique(keys.astype(str), return_counts=True)
    sizes = {str(v): int(n) for v, n in zip(values, counts, strict=True) if n >= min_group_size}
    small = {str(v): int(n) for v, n in zip(values, counts, strict=True) if n < min_group_size}
    return Groups(keys, sizes, small)


def attainable_maximum(eligible: npt.NDArray[np.bool_], capacity: npt.ArrayLike,
                       takers: npt.NDArray[np.bool_]) -> int:
    """The most of the chosen takers that can be matched when no other taker competes: a maximum
    b-matching over their eligible pairs (givers x takers mask) under the givers' capacities."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_flow

    columns = np.flatnonzero(takers)
    if columns.size == 0:
        return 0
    sub = eligible[:, columns]
    g_idx, t_idx = np.nonzero(sub)
    if g_idx.size == 0:
        return 0
    caps = np.minimum(np.asarray(capacity, dtype=np.int64), columns.size)
    n_g, n_t = sub.shape
    source, sink = 0, 1 + n_g + n_t
    tails = np.concatenate([np.zeros(n_g, dtype=np.int64), 1 + g_idx, 1 + n_g + np.arange(n_t)])
    heads = np.concatenate([1 + np.arange(n_g), 1 + n_g + t_idx, np.full(n_t, sink)])
    weights = np.concatenate([caps, np.ones(g_idx.size, dtype=np.int64), np.ones(n_t, dtype=np.int64)])
    keep = weights > 0
    graph = csr_matrix(
        (weights[keep].astype(np.int32), (tails[keep], heads[keep])), shape=(sink + 1, sink + 1)
    )
    return int(maximum_flow(graph, source, sink).flow_value)


def floors_at(rate: Fraction, sizes: Mapping[str, int], attainable: Mapping[str, int]) -> dict[str, int]:
    """Each group's least matched count at the common rate: ceil(rate * n_g), capped at m_g."""
    return {g: min(math.ceil(rate * n), attainable[g]) for g, n in sizes.items()}


def _candidate_rates(sizes: Mapping[str, int]) -> list[Fraction]:
    """The rates at which some group's ceil(r * n_g) changes: k / n_g. (Above a group's own
    maximum its floor stays capped, so r may reach 100 % with every group at its maximum.)"""
    rates = {Fraction(0)}
    for n in sizes.values():
        rates.update(Fraction(k, n) for k in range(1, n + 1))
    return sorted(rates)


def best_common_rate(
    sizes: Mapping[str, int], attainable: Mapping[str, int], feasible: Feasibility,
    fixed: Mapping[str, int] | None = None,
) -> tuple[Fraction, dict[str, int]]:
    """The highest common rate r whose floors (with `fixed` floors for groups already settled)
    the hard rules allow, and those floors. Feasibility is monotone in r, so a bisection over
    the candidate rates finds it in O(log) questions."""
    fixed = dict(fixed or {})
    active = {g: n for g, n in sizes.items() if g not in fixed}
    candidates = _candidate_rates(active)

    def floors(rate: Fraction) -> dict[str, int]:
        return {**floors_at(rate, active, attainable), **fixed}

    low, high = 0, len(candidates) - 1  # candidates[low] is feasible (rate 0: only the fixed floors)
    if not feasible(floors(candidates[0])):
        raise ValueError("the hard rules do not hold even without the fairness floors")
    while low < high:
        middle = (low + high + 1) // 2
        if feasible(floors(candidates[middle])):
            low = middle
        else:
            high = middle - 1
    rate = candidates[low]
    return rate, floors(rate)


@dataclass
class FairnessFloors:
    """What a fairness rule settled before the model is built: per group, the least matched."""

    floors: dict[str, int]
    rate: Fraction  # the common rate of the first (worst-off) round
    attainable: dict[str, int]
    rounds: list[tuple[Fraction, list[str]]] = field(default_factory=list)  # leximin: rate, groups settled


def floor_rule(sizes: Mapping[str, int], attainable: Mapping[str, int], feasible: Feasibility) -> FairnessFloors:
    """Mode "floor": every group at least min(r * n_g, m_g), r as high as possible."""
    rate, floors = best_common_rate(sizes, attainable, feasible)
    return FairnessFloors(floors, rate, dict(attainable), [(rate, sorted(sizes))])


#: Up to this many groups tied (each could rise alone, not all together), leximin tries keeping
#: each one back and follows every choice to the end (exact); beyond, it looks one step ahead.
EXACT_TIE_GROUPS = 5


def leximin_rule(sizes: Mapping[str, int], attainable: Mapping[str, int], feasible: Feasibility) -> FairnessFloors:
    """Mode "leximin": raise the worst-off groups as far as they go, settle them, then the next.

    Each round finds the best common rate for the groups not yet settled; a group is settled when
    its floor cannot rise by one more adept (with the others at this round's floors) or it is at
    its own maximum. Rounds repeat until every group is settled. Where every remaining group could
    rise alone but not all together (counts are whole adepts), one of them must stay: each choice
    is followed to the end and the one whose rates, sorted, come out highest is kept (up to
    EXACT_TIE_GROUPS tied groups; beyond, the choice looks one round ahead).
    """
    outcome = _Leximin(sizes, attainable, feasible).settle({})
    return FairnessFloors(outcome.floors, outcome.first_rate, dict(attainable), outcome.rounds)


@dataclass
class _Outcome:
    floors: dict[str, int]
    rounds: list[tuple[Fraction, list[str]]]
    first_rate: Fraction

    def sorted_rates(self, sizes: Mapping[str, int]) -> list[Fraction]:
        return sorted(Fraction(self.floors[g], n) for g, n in sizes.items())


@dataclass
class _Leximin:
    sizes: Mapping[str, int]
    attainable: Mapping[str, int]
    feasible: Feasibility
    seen: dict[frozenset[tuple[str, int]], _Outcome] = field(default_factory=dict)

    def settle(self, fixed: Mapping[str, int]) -> _Outcome:
        """The rounds from `fixed` (groups settled at these floors) until every group is settled."""
        key = frozenset(fixed.items())
        if key in self.seen:
            return self.seen[key]
        fixed = dict(fixed)
        rounds: list[tuple[Fraction, list[str]]] = []
        first_rate: Fraction | None = None
        floors: dict[str, int] = dict(fixed)
        while len(fixed) < len(self.sizes):
            rate, floors = best_common_rate(self.sizes, self.attainable, self.feasible, fixed)
            first_rate = rate if first_rate is None else first_rate
            active = sorted(set(self.sizes) - set(fixed))
            settled = [g for g in active
                       if floors[g] >= self.attainable[g] or not self.feasible({**floors, g: floors[g] + 1})]
            if not settled and len(active) <= EXACT_TIE_GROUPS:
                kept, rest = self._best_branch(active, floors, fixed)
                outcome = _Outcome(rest.floors, [*rounds, (rate, [kept]), *rest.rounds], first_rate)
                self.seen[key] = outcome
                return outcome
            if not settled:
                settled = [_group_to_keep(active, floors, self.sizes, self.attainable, self.feasible, fixed)]
            for group in settled:
                fixed[group] = floors[group]
            rounds.append((rate, settled))
        outcome = _Outcome(dict(floors) | fixed, rounds, first_rate if first_rate is not None else Fraction(0))
        self.seen[key] = outcome
        return outcome

    def _best_branch(
        self, active: list[str], floors: Mapping[str, int], fixed: Mapping[str, int]
    ) -> tuple[str, _Outcome]:
        """One of `active` must stay at its floor: each kept back in turn and followed to the end;
        the highest sorted rates win (ties: by name). The group kept, and the rounds after it."""
        best: tuple[list[Fraction], str, _Outcome] | None = None
        for group in active:
            branch = self.settle({**fixed, group: floors[group]})
            rates = branch.sorted_rates(self.sizes)
            if best is None or rates > best[0]:
                best = (rates, group, branch)
        assert best is not None
        return best[1], best[2]


def _group_to_keep(
    active: list[str], floors: Mapping[str, int], sizes: Mapping[str, int], attainable: Mapping[str, int],
    feasible: Feasibility, fixed: Mapping[str, int],
) -> str:
    """The active group to settle at its floor so that the groups' rates, sorted, come out highest
    when the others rise one round (leximin's next step beyond EXACT_TIE_GROUPS; ties by name)."""
    if len(active) == 1:
        return active[0]
    best: tuple[list[Fraction], str] | None = None
    for group in active:
        _, raised = best_common_rate(sizes, attainable, feasible, {**fixed, group: floors[group]})
        rates = sorted(Fraction(raised[h], sizes[h]) for h in active)
        if best is None or rates > best[0]:
            best = (rates, group)
    assert best is not None
    return best[1]
