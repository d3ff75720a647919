"""Pieces several back-ends share: taking locked pairs out, lexicographic weights, and scipy's
assignment solver imported on first use."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from matcher.problem import BoolArray, IntArray, Problem, ProblemInfeasible

#: Float64 represents integers exactly up to 2**53; keep combined weights well inside.
FLOAT_EXACT_LIMIT = 2**52
#: OR-Tools' min-cost flow multiplies costs by about the node count internally.
INT_COST_LIMIT = 2**62
#: Largest denominator accepted when a soft penalty or a row coefficient is made integral.
MAX_DENOMINATOR = 1_000_000


def linear_sum_assignment(cost: npt.NDArray[np.float64]) -> tuple[IntArray, IntArray]:
    """scipy's LAPJV on a dense cost matrix (rows, columns of the minimum-cost assignment).

    Imported here, on first use: importing scipy.optimize takes 0.2-0.4 s, and runs solved by
    OR-Tools' min-cost flow (the cohort through the CLI, every small scenario) never use it.
    """
    from scipy.optimize import linear_sum_assignment as lapjv

    rows, cols = lapjv(cost)
    return rows, cols


@dataclass
class Reduced:
    """A problem with its fixed pairs taken out, and the way back to the full pair list."""

    problem: Problem
    kept: IntArray  # index in the full problem of each pair of the reduced one
    fixed: BoolArray  # full-problem mask of the fixed pairs


def take_out_fixed(problem: Problem) -> Reduced:
    """Remove locked pairs: their takers leave, their givers lose the places they use.

    Rows keep their meaning: the fixed pairs' contributions move to the right-hand side.
    """
    fixed = problem.fixed.copy()
    if not fixed.any():
        return Reduced(problem, np.arange(problem.n_pairs, dtype=np.int64), fixed)
    fixed_takers = np.zeros(problem.n_takers, dtype=bool)
    fixed_takers[problem.taker[fixed]] = True
    used = np.bincount(problem.giver[fixed], minlength=problem.n_givers).astype(np.int64)
    if np.any(used > problem.giver_max):
        raise ProblemInfeasible("locked pairs exceed a mentor's capacity")
    kept = np.flatnonzero(~fixed_takers[problem.taker])
    rows = [row.restricted(kept, rhs=row.rhs - row.lhs(fixed)) for row in problem.rows]
    reduced = Problem(
        n_givers=problem.n_givers,
        n_takers=problem.n_takers,
        giver=problem.giver[kept],
        taker=problem.taker[kept],
        giver_min=np.maximum(problem.giver_min - used, 0),
        giver_max=problem.giver_max - used,
        taker_min=np.where(fixed_takers, 0, problem.taker_min),
        fixed=np.zeros(len(kept), dtype=bool),
        pair_objective={p: c[kept] for p, c in problem.pair_objective.items()},
        rows=rows,
        counters={name: mask[kept] for name, mask in problem.counters.items()},
    )
    return Reduced(reduced, kept.astype(np.int64), fixed)


def expand(reduced: Reduced, x_reduced: BoolArray) -> BoolArray:
    """The full problem's 0/1 vector from the reduced problem's."""
    x = reduced.fixed.copy()
    x[reduced.kept[x_reduced]] = True
    return x


def per_taker(problem: Problem, values: npt.NDArray[np.float64], how: str) -> npt.NDArray[np.float64]:
    """Per taker, the max (or min) of `values` over its pairs; 0 for a taker without pairs."""
    if not values.any():
        return np.zeros(problem.n_takers)
    if how == "max":
        out = np.full(problem.n_takers, -np.inf)
        np.maximum.at(out, problem.taker, values)
    else:
        out = np.full(problem.n_takers, np.inf)
        np.minimum.at(out, problem.taker, values)
    out[~np.isfinite(out)] = 0.0
    return out


def taker_tops(problem: Problem, values: IntArray, how: str = "max") -> IntArray:
    """Per taker, the max of max(values, 0) (or with how="min" the min of min(values, 0)) over its
    pairs; 0 for a taker without pairs. The integers `per_taker` gives on max(values, 0) as floats,
    without a pair-length float copy (one scatter in the values' own dtype)."""
    out = np.zeros(problem.n_takers, dtype=values.dtype)
    if how == "max":
        if values.size and values.max() > 0:
            np.maximum.at(out, problem.taker, values)
    elif values.size and values.min() < 0:
        np.minimum.at(out, problem.taker, values)
    return out


def taker_sum(tops: IntArray) -> float:
    """The sum of per-taker values, as `per_taker(...).sum()` adds them (the same float64 array:
    rounding is monotone, so the float of each taker's integer max is the max of the floats)."""
    return float(tops.astype(np.float64).sum())


def _per_taker_range(problem: Problem, coef: IntArray) -> int:
    """An upper bound on |sum_e coef_e x_e| for any matching: each taker is in one pair at most."""
    if not coef.size:
        return 0
    return int(taker_sum(taker_tops(problem, coef if coef.min() >= 0 else np.abs(coef))))


def lexicographic_multipliers(problem: Problem, limit: int) -> tuple[IntArray, dict[int, int]] | None:
    """One integer objective whose maximum is the lexicographic maximum of the levels,
    and each level's multiplier in it.

    Level p is multiplied by 2R+1, where R bounds what all later levels can add up to,
    so one unit at level p outweighs any change below it. None when the weights would
    exceed `limit` (then a back-end must solve the levels one after another).
    """
    combined = np.zeros(problem.n_pairs, dtype=np.int64)
    combined_top = 0  # max |combined|
    multipliers: dict[int, int] = {}
    for priority in sorted(problem.pair_objective, reverse=True):
        coef = problem.pair_objective[priority]
        # The first level: combined is all zero (no pass over the pairs for its range).
        multiplier = 2 * _per_taker_range(problem, combined) + 1 if multipliers else 1
        coef_top = max(int(coef.max(initial=0)), -int(coef.min(initial=0)))
        top = coef_top * multiplier + combined_top
        if top * max(problem.n_givers + problem.n_takers + 2, 1) >= limit:
            return None
        multipliers[priority] = multiplier
        combined = coef * multiplier + combined if multiplier != 1 else coef + combined
        combined_top = max(int(combined.max(initial=0)), -int(combined.min(initial=0)))
    return combined, multipliers


def lexicographic_weights(problem: Problem, limit: int) -> IntArray | None:
    """The combined objective of `lexicographic_multipliers` alone."""
    found = lexicographic_multipliers(problem, limit)
    return None if found is None else found[0]


def integral_scale(values: npt.NDArray[np.float64], who: str) -> int:
    """Smallest k <= MAX_DENOMINATOR with k * values integral; NotApplicable for `who` if none."""
    from matcher.solvers.registry import NotApplicable

    if values.size == 0 or np.all(values == np.round(values)):
        return 1
    scale = 1
    for value in np.unique(values):
        frac = Fraction(float(value)).limit_denominator(MAX_DENOMINATOR)
        if abs(float(frac) - float(value)) > 4e-15 * abs(float(value)):
            raise NotApplicable(f"{who}: row coefficient {value!r} is not a small fraction")
        scale = math.lcm(scale, frac.denominator)
        if scale > MAX_DENOMINATOR:
            raise NotApplicable(f"{who}: row coefficients need too large a common denominator")
    return scale
