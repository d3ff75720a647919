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

from matcher.problem import BoolArray, FloatArray, IntArray, Problem

Side = Literal["taker", "giver"]
#: Bound-propagation sweeps over the count rows per box at most (each a few dozen float operations).
PROPAGATION_ROUNDS = 500


def side_of(problem: Problem, mask: BoolArray) -> Side | None:
    """`taker` when the mask is the same on every pair of each taker, "giver" likewise, else None.

    Counted with bincount (no per-pair Python): a taker is consistent when the number of its
    pairs in the mask is 0 or all of them.
    """
    if mask.shape != (problem.n_pairs,):
        return None
    hits = mask.astype(np.float64)
    for side, index, size in (("taker", problem.taker, problem.n_takers), ("giver", problem.giver, problem.n_givers)):
        inside = np.bincount(index, weights=hits, minlength=size)
        total = np.bincount(index, minlength=size)
        if np.all((inside == 0) | (inside == total)):
            return side  # type: ignore[return-value]
    return None


def _members(problem: Problem, mask: BoolArray, side: Side) -> BoolArray:
    """The people of `side` the counter counts (those with at least one pair in the mask)."""
    index, size = (problem.taker, problem.n_takers) if side == "taker" else (problem.giver, problem.n_givers)
    members = np.zeros(size, dtype=bool)
    members[index[mask]] = True
    return members


def _laminar(a: BoolArray, b: BoolArray) -> bool:
    """Two groups that are disjoint or nested."""
    both = a & b
    return not both.any() or np.array_equal(both, a) or np.array_equal(both, b)


def flow_counters(problem: Problem) -> list[str]:
    """The counters that may be fixed without breaking the flow's integrality: side counters
    forming one laminar family per side, taken in the problem's order (a counter crossing an
    earlier one of its side is left out)."""
    chosen: dict[Side, list[BoolArray]] = {"taker": [], "giver": []}
    names: list[str] = []
    for name, mask in problem.counters.items():
        side = side_of(problem, mask)
        if side is None:
            continue
        members = _members(problem, mask, side)
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
        for _ in range(rounds):
            least = pos @ lo + neg @ hi  # each row's smallest and largest value over the box
            most = pos @ hi + neg @ lo
            if np.any(least > self.upper + 1e-9) or np.any(most < self.lower - 1e-9):
                return None
            new_lo, new_hi = lo.copy(), hi.copy()
            for r in range(a.shape[0]):
                for k in np.flatnonzero(a[r]):
                    coef = a[r, k]
                    own_least = coef * (lo[k] if coef > 0 else hi[k])
                    own_most = coef * (hi[k] if coef > 0 else lo[k])
                    room_up = self.upper[r] - (least[r] - own_least)  # coef * c_k <= room_up
                    room_down = self.lower[r] - (most[r] - own_most)  # coef * c_k >= room_down
                    if coef > 0:
                        if np.isfinite(room_up):
                            new_hi[k] = min(new_hi[k], np.floor(room_up / coef + 1e-9))
                        if np.isfinite(room_down):
                            new_lo[k] = max(new_lo[k], np.ceil(room_down / coef - 1e-9))
                    else:
                        if np.isfinite(room_up):
                            new_lo[k] = max(new_lo[k], np.ceil(room_up / coef - 1e-9))
                        if np.isfinite(room_down):
                            new_hi[k] = min(new_hi[k], np.floor(room_down / coef + 1e-9))
            if np.any(new_lo > new_hi):
                return None
            if np.array_equal(new_lo, lo) and np.array_equal(new_hi, hi):
                break
            lo, hi = new_lo, new_hi
        return lo, hi


def _as_count_row(
    coef: FloatArray, bits: npt.NDArray[np.int64], first: IntArray, inverse: IntArray, order: list[int]
) -> FloatArray | None:
    """The row's coefficients on the counters when its coefficient is sum_k a_k mask_k on every
    pair (constant on each class of pairs with the same counter memberships), else None.

    Nested groups make the representation ambiguous (all pairs = the sum of the genders); the
    counters in `order` (largest groups first) are dropped while the row stays exact, so the row
    is written on the finest groups, where bound propagation is strongest.
    """
    per_class = coef[first]
    if not np.array_equal(coef, per_class[inverse]):
        return None
    columns = bits.astype(np.float64)

    def fit(keep: list[int]) -> FloatArray | None:
        solution = np.zeros(columns.shape[1])
        if keep:
            found, *_ = np.linalg.lstsq(columns[:, keep], per_class, rcond=None)
            solution[keep] = np.round(found * 1e6) / 1e6
        exact = np.allclose(columns @ solution, per_class, rtol=0.0, atol=1e-7)
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


def count_system(problem: Problem, names: list[str]) -> CountSystem:
    """The count rows of `problem` over the flow counters `names` (see CountSystem)."""
    k = len(names)
    masks = [problem.counters[name] for name in names]
    count_lower = np.zeros(k)
    count_upper = np.zeros(k)
    places = float(problem.giver_max.sum())
    members: list[BoolArray] = []
    sides: list[Side] = []
    for i, mask in enumerate(masks):
        side = side_of(problem, mask) or "taker"
        group = _members(problem, mask, side)
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
        bits = np.column_stack(masks).astype(np.int64)
        codes = bits @ (np.int64(1) << np.arange(k, dtype=np.int64))
        _, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
        class_bits = bits[first]
        largest_first = sorted(range(k), key=lambda i: -int(members[i].sum()))
        for row in problem.rows:
            if not row.hard:
                continue
            on_counts = _as_count_row(np.asarray(row.coef, dtype=np.float64), class_bits, first, inverse, largest_first)
            if on_counts is None:
                continue
            rows.append(on_counts)
            lower.append(row.rhs if row.sense == ">=" else -np.inf)
            upper.append(row.rhs if row.sense == "<=" else np.inf)
    # Nesting: a group counts at least its largest subgroups (disjoint in a laminar family), and
    # at most their counts plus its members outside them.
    for i in range(k):
        inside = [
            j
            for j in range(k)
            if j != i
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
