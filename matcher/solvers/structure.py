"""What the global rows are made of, and which group counts keep the flow integral.

A counter (`Problem.counters`) is a named sum of pair variables, such as "matched woman adepts"
or "cross-administration pairs". A *side* counter's mask depends on the taker alone (or on the
giver alone): it counts the matched members of a group of people. Fixing the counts of a
laminar family of such groups on each side (any two groups of a side are disjoint or nested)
keeps the b-matching a network flow -- source -> giver groups -> givers -> takers -> taker
groups -> sink -- whose constraint matrix (two laminar families) is totally unimodular, so its
LP is integral. Rows written on those counts (equal match rates, quotas, shares of a group) are
then settled by a branch and bound over a few integers whose every leaf is an exact flow.

A counter over a pair attribute ("cross-administration pairs", "current pairs kept") is not of
that kind: fixing it makes the LP fractional, so it is never branched on; its row stays in
the model as an inequality, checked (or priced) at the leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from matcher.problem import BoolArray, FloatArray, IntArray, Problem, Row

Side = Literal["taker", "giver"]
#: Bound-propagation sweeps over the count rows per box at most (each a few dozen float operations).
PROPAGATION_ROUNDS = 500


def side_of(problem: Problem, mask: BoolArray) -> Side | None:
    """`taker` when the mask is the same on every pair of each taker, "giver" likewise, else None.

    Counted with bincount (no per-pair Python): a taker is consistent when the number of its
    pairs in the mask is 0 or all of them.
    """
    return _side_and_members(problem, mask, {})[0]


def _side_and_members(
    problem: Problem, mask: BoolArray, totals: dict[Side, IntArray]
) -> tuple[Side | None, BoolArray]:
    """side_of, and the people of that side the counter counts (taker side when None); `totals`
    keeps each side's pairs per person between calls."""
    if mask.shape != (problem.n_pairs,):
        return None, np.zeros(problem.n_takers, dtype=bool)
    mask = np.asarray(mask, dtype=bool)
    first: BoolArray | None = None
    for side, index, size in (("taker", problem.taker, problem.n_takers), ("giver", problem.giver, problem.n_givers)):
        inside = np.bincount(index[mask], minlength=size)
        if side not in totals:
            totals[side] = np.bincount(index, minlength=size)  # type: ignore[index]
        members = inside > 0
        first = members if first is None else first
        if np.all((inside == 0) | (inside == totals[side])):  # type: ignore[index]
            return side, members  # type: ignore[return-value]
    assert first is not None
    return None, first


@dataclass
class CounterGroups:
    """Each counter's side (None: neither) and the people it counts: what `flow_counters` and
    `count_system` both read, computed once when handed to both."""

    side: dict[str, Side | None]
    members: dict[str, BoolArray]


def counter_groups(problem: Problem) -> CounterGroups:
    totals: dict[Side, IntArray] = {}
    side: dict[str, Side | None] = {}
    members: dict[str, BoolArray] = {}
    for name, mask in problem.counters.items():
        side[name], members[name] = _side_and_members(problem, mask, totals)
    return CounterGroups(side, members)


def _laminar(a: BoolArray, b: BoolArray) -> bool:
    """Two groups that are disjoint or nested."""
    both = a & b
    return not both.any() or np.array_equal(both, a) or np.array_equal(both, b)


def flow_counters(problem: Problem, groups: CounterGroups | None = None) -> list[str]:
    """The counters that may be fixed without breaking the flow's integrality: side counters
    forming one laminar family per side, taken in the problem's order (a counter crossing an
    earlier one of its side is left out)."""
    groups = groups or counter_groups(problem)
    chosen: dict[Side, list[BoolArray]] = {"taker": [], "giver": []}
    names: list[str] = []
    for name in problem.counters:
        side = groups.side[name]
        if side is None:
            continue
        members = groups.members[name]
        if all(_laminar(members, other) for other in chosen[side]):
            chosen[side].append(members)
            names.append(name)
    return names


@dataclass
class CountSystem:
    """The hard rows that are sums of counts, over the flow counters (`flow_counters`' order):
    lower <= A c <= upper for the vector c of counts. With the nesting of the groups
    (a group holds at least its subgroups' members) and each count's range, bound propagation
    on a box of counts settles most boxes without an LP: "rates equal to the person" across
    groups of 171, 24 and 5 adepts leave only 0 matched, found in a few dozen integer steps."""

    names: list[str]
    matrix: FloatArray  # (rows, counters)
    lower: FloatArray
    upper: FloatArray
    count_lower: FloatArray  # each count's own range
    count_upper: FloatArray

    def propagate(
        self, lower: FloatArray, upper: FloatArray, rounds: int = PROPAGATION_ROUNDS
    ) -> tuple[FloatArray, FloatArray] | None:
        """The box tightened by the rows, integer-rounded; None when no integer point fits."""
        lo = np.maximum(np.asarray(lower, dtype=np.float64), self.count_lower)
        hi = np.minimum(np.asarray(upper, dtype=np.float64), self.count_upper)
        if np.any(lo > hi):
            return None
        a = self.matrix
        pos, neg = np.maximum(a, 0.0), np.minimum(a, 0.0)
        up, down = a > 0, a < 0
        # Per row and count, what the rest of the row can reach and the room that leaves the
        # count: each sweep computes every bound from the box at its start (the same numbers a
        # loop over rows and counts would give), so the rows are handled at once.
        upper_finite = np.isfinite(self.upper)[:, None]
        lower_finite = np.isfinite(self.lower)[:, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            safe = np.where(a != 0, a, 1.0)
            for _ in range(rounds):
                least = pos @ lo + neg @ hi  # each row's smallest and largest value over the box
                most = pos @ hi + neg @ lo
                if np.any(least > self.upper + 1e-9) or np.any(most < self.lower - 1e-9):
                    return None
                own_least = np.where(up, a * lo, np.where(down, a * hi, 0.0))
                own_most = np.where(up, a * hi, np.where(down, a * lo, 0.0))
                room_up = (self.upper[:, None] - (least[:, None] - own_least)) / safe  # a c_k <= room_up
                room_down = (self.lower[:, None] - (most[:, None] - own_most)) / safe  # a c_k >= room_down
                ceiling = np.where(up & upper_finite, np.floor(room_up + 1e-9), np.inf)
                ceiling = np.minimum(ceiling, np.where(down & lower_finite, np.floor(room_down + 1e-9), np.inf))
                floor = np.where(up & lower_finite, np.ceil(room_down - 1e-9), -np.inf)
                floor = np.maximum(floor, np.where(down & upper_finite, np.ceil(room_up - 1e-9), -np.inf))
                new_lo = np.maximum(lo, floor.max(axis=0, initial=-np.inf))
                new_hi = np.minimum(hi, ceiling.min(axis=0, initial=np.inf))
                if np.any(new_lo > new_hi):
                    return None
                if np.array_equal(new_lo, lo) and np.array_equal(new_hi, hi):
                    break
                lo, hi = new_lo, new_hi
        return lo, hi


def _on_counts(per_class: FloatArray, class_bits: npt.NDArray[np.int64], order: list[int]) -> FloatArray | None:
    """The row's coefficients on the counters when its coefficient on each class of pairs (pairs
    with the same counter memberships: `per_class`) is sum_k a_k bit_k, else None.

    Nested groups make the representation ambiguous (all pairs = the sum of the genders); the
    counters in `order` (largest groups first) are dropped while the row stays exact, so the row
    is written on the finest groups, where bound propagation is strongest.
    """
    columns = class_bits.astype(np.float64)

    def fit(keep: list[int]) -> FloatArray | None:
        solution = np.zeros(columns.shape[1])
        if keep:
            found, *_ = np.linalg.lstsq(columns[:, keep], per_class, rcond=None)
            solution[keep] = np.round(found * 1e6) / 1e6
        exact = bool(np.all(np.abs(columns @ solution - per_class) <= 1e-7))  # allclose(atol=1e-7), finite
        return solution if exact else None

    keep = list(range(columns.shape[1]))
    best = fit(keep)
    if best is None:
        return None
    for k in order:
        fewer = [j for j in keep if j != k]
        found = fit(fewer)
        if found is not None:
            keep, best = fewer, found
    return best


def _per_class(row: Row, first: IntArray, inverse: IntArray, seen: dict[int, IntArray]) -> FloatArray | None:
    """The row's coefficient on each class of pairs when it is the same on every pair of a class,
    else None. A row given by its own classes is checked on the (class, code) combinations that
    occur (`seen` keeps them per code array, shared by the rows of one rule), not pair by pair."""
    if row.classes is not None and row.__dict__.get("_coef") is None:
        code, values = row.classes.code, np.asarray(row.classes.values, dtype=np.float64)
        n_codes = len(values)
        key = id(code)
        if key not in seen:
            joint = inverse.astype(np.int64) * n_codes + code
            seen[key] = np.flatnonzero(np.bincount(joint, minlength=(int(inverse.max(initial=0)) + 1) * n_codes))
        combos = seen[key]
        per_class: FloatArray = values[code[first]]
        return per_class if np.array_equal(values[combos % n_codes], per_class[combos // n_codes]) else None
    coef = np.asarray(row.coef, dtype=np.float64)
    per_class = coef[first]
    return per_class if np.array_equal(coef, per_class[inverse]) else None


def _classes(masks: list[BoolArray]) -> tuple[IntArray, IntArray, npt.NDArray[np.int64]]:
    """Classes of pairs by their counter memberships, in the order of their codes (bit i: in
    counter i): each class's first pair, each pair's class, each class's code. With few counters
    by a table over the codes (linear time), else by sorting."""
    n, k = len(masks[0]), len(masks)
    codes = np.zeros(n, dtype=np.int64)
    for i, mask in enumerate(masks):
        codes |= mask.astype(np.int64) << np.int64(i)
    if k > 20:
        class_codes, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
        return first, inverse.reshape(-1), class_codes
    class_codes = np.flatnonzero(np.bincount(codes, minlength=1 << k)).astype(np.int64)
    lookup = np.zeros(1 << k, dtype=np.int64)
    lookup[class_codes] = np.arange(len(class_codes))
    inverse = lookup[codes]
    first = np.full(len(class_codes), n, dtype=np.int64)
    np.minimum.at(first, inverse, np.arange(n, dtype=np.int64))
    return first, inverse, class_codes


def count_system(problem: Problem, names: list[str], groups: CounterGroups | None = None) -> CountSystem:
    """The count rows of `problem` over the flow counters `names` (see CountSystem)."""
    groups = groups or counter_groups(problem)
    k = len(names)
    masks = [problem.counters[name] for name in names]
    count_lower = np.zeros(k)
    count_upper = np.zeros(k)
    places = float(problem.giver_max.sum())
    members: list[BoolArray] = []
    sides: list[Side] = []
    for i, name in enumerate(names):
        side = groups.side[name] or "taker"
        group = groups.members[name]
        members.append(group)
        sides.append(side)
        if side == "taker":
            count_upper[i] = min(float(group.sum()), places)
            count_lower[i] = float(problem.taker_min[group].sum())
        else:
            count_upper[i] = min(float(problem.giver_max[group].sum()), float(problem.n_takers))
            count_lower[i] = float(problem.giver_min[group].sum())
    rows: list[FloatArray] = []
    lower: list[float] = []
    upper: list[float] = []
    if k and problem.n_pairs:
        first, inverse, class_codes = _classes(masks)
        class_bits = (class_codes[:, None] >> np.arange(k, dtype=np.int64)) & 1
        largest_first = sorted(range(k), key=lambda i: -int(members[i].sum()))
        seen: dict[int, IntArray] = {}
        for row in problem.rows:
            if not row.hard:
                continue
            per_class = _per_class(row, first, inverse, seen)
            on_counts = None if per_class is None else _on_counts(per_class, class_bits, largest_first)
            if on_counts is None:
                continue
            rows.append(on_counts)
            lower.append(row.rhs if row.sense == ">=" else -np.inf)
            upper.append(row.rhs if row.sense == "<=" else np.inf)
    # Nesting: a group counts at least its largest subgroups (disjoint in a laminar family), and
    # at most their counts plus its members outside them. Counters of the same people (a pair
    # attribute that happens to be one per taker, such as "cross-administration pairs" where each
    # adept has one eligible mentor) are one subgroup, taken once: its first counter (the others
    # are tied to it by the rows of `equal`); counting it twice would ask the group for its members
    # twice over and cut off every matching that uses them.
    first_of = [
        min(j for j in range(k) if sides[j] == sides[i] and np.array_equal(members[j], members[i])) for i in range(k)
    ]
    for i in range(k):
        inside = [
            j
            for j in range(k)
            if j != i
            and first_of[j] == j
            and sides[j] == sides[i]
            and not np.array_equal(members[j], members[i])
            and not np.any(members[j] & ~members[i])
        ]
        maximal = [
            j
            for j in inside
            if not any(
                o != j and not np.any(members[j] & ~members[o]) and not np.array_equal(members[o], members[j])
                for o in inside
            )
        ]
        equal = [j for j in range(i + 1, k) if sides[j] == sides[i] and np.array_equal(members[j], members[i])]
        for j in equal:
            line = np.zeros(k)
            line[i], line[j] = 1.0, -1.0
            rows.append(line)
            lower.append(0.0)
            upper.append(0.0)
        if maximal:
            line = np.zeros(k)
            line[i] = 1.0
            line[maximal] = -1.0
            covered = np.logical_or.reduce([members[j] for j in maximal])
            outside = members[i] & ~covered
            room = float(outside.sum()) if sides[i] == "taker" else float(problem.giver_max[outside].sum())
            rows.append(line)
            lower.append(0.0)
            upper.append(room)
    matrix = np.array(rows, dtype=np.float64).reshape(len(rows), k)
    return CountSystem(names, matrix, np.array(lower), np.array(upper), count_lower, count_upper)
