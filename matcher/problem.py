"""The optimisation model every solver back-end receives.

A bipartite b-matching over the *eligible* pairs only (hard pair rules have removed the
rest before this is built), plus a few global linear rows. In symbols, with x_e in {0,1}
for each eligible pair e = (giver g, taker t):

    giver_min[g] <= sum_{e at g} x_e <= giver_max[g]
    taker_min[t] <= sum_{e at t} x_e <= 1
    x_e = 1 for fixed (locked) pairs
    for each row r:  sum_e row.coef[e] x_e  (<= | >=)  row.rhs   [ - / + slack_r if soft ]
    maximise, lexicographically by priority (1 first):
        level_p = sum_e pair_objective[p][e] x_e - sum_{soft rows r at p} penalty_r * slack_r

The core without rows is a network flow whose LP is integral; rows are what make it hard,
and there are few of them. Solvers pick their method from that structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import numpy.typing as npt

from matcher.i18n import Msg

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def dot(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    """a . b summed the same way whatever the machine: numpy's pairwise sum over the products.

    BLAS's dot splits the sum across its threads, so the last bits depend on the thread count;
    the solvers compare such sums, and a different rounding breaks ties between equally good
    matchings differently: a sweep on Dask (one BLAS thread per worker) then differed from the
    same sweep in this process.
    """
    left, right = np.asarray(a), np.asarray(b)
    if left.dtype == object or right.dtype == object:  # exact values (Fractions): summed exactly anyway
        return float(left @ right)
    return float(np.multiply(left, right, dtype=np.float64).sum())


def combine_rows(multipliers: npt.NDArray[np.float64], rows: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """multipliers @ rows (few rows, many pairs), row by row: the same rounding on any thread count (see dot)."""
    out = np.zeros(rows.shape[1], dtype=np.float64)
    for weight, row in zip(multipliers, rows, strict=True):
        if weight:
            out += weight * row
    return out


@dataclass(frozen=True)
class PairClasses:
    """A row's coefficients by class of pair: coefficient of pair e = values[code[e]].

    The side rows are made of a few group counts (matched adepts per gender, pairs across
    administrations, placements per administration): one small code per pair (its gender, whether
    it crosses) and one value per code describe a row without a pair-length float array. The
    rows of one rule share their `code` array (the same object), so a solver forms the classes
    of all rows together once and works with a table of rows x classes (`solvers.rowspace`).
    """

    code: npt.NDArray[np.integer]  # per eligible pair, in [0, len(values))
    values: FloatArray  # the row's coefficient for each code

    def dense(self) -> FloatArray:
        result: FloatArray = self.values[self.code]
        return result

    def take(self, index: npt.NDArray[np.integer]) -> PairClasses:
        """The same row restricted to the pairs `index`."""
        return PairClasses(self.code[index], self.values)


class _Coefficients:
    """Row.coef: stored as given, or (given as None) made from the row's PairClasses on each read,
    never kept: code that only counts (a solver's check, a bound) reads `classes` instead."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.private = f"_{name}"

    def __get__(self, row: Row | None, owner: type | None = None) -> FloatArray:
        if row is None:
            raise AttributeError("coef has no default")  # the dataclass field stays required
        stored: FloatArray | None = row.__dict__.get(self.private)
        if stored is not None:
            return stored
        if row.classes is None:
            raise ValueError(f"row {row.label!r} has neither coefficients nor classes")
        return row.classes.dense()

    def __set__(self, row: Row, value: FloatArray | None) -> None:
        row.__dict__[self.private] = None if value is None else np.asarray(value, dtype=np.float64)


@dataclass
class Row:
    """One global linear constraint over the pair variables.

    Its coefficients are either a pair-length array (`coef`) or, for a row made of group counts,
    `classes` with `coef=None`: then `coef` is made when read, and solvers that know about
    classes never make it.
    """

    constraint: str  # the constraint module that added it
    label: str  # short machine label, unique within the problem
    description: Msg | str  # the coordinator's words (a catalogue message), used when this row blocks someone
    coef: _Coefficients = _Coefficients()  # one coefficient per eligible pair (None: made from classes)
    sense: Literal["<=", ">="]  # type: ignore[misc]  # coef has no default at run time (see _Coefficients)
    rhs: float  # type: ignore[misc]
    penalty: float | None = None  # None: hard. Else soft: objective cost per unit of violation
    priority: int = 2
    classes: PairClasses | None = None

    @property
    def hard(self) -> bool:
        return self.penalty is None

    def lhs(self, x: npt.NDArray[np.floating] | BoolArray) -> float:
        """The row's left-hand side at x (a 0/1 x with classes: counted, no float array made)."""
        x = np.asarray(x)
        if self.classes is not None and x.dtype == np.bool_:
            counts = np.bincount(self.classes.code[x], minlength=len(self.classes.values))
            return dot(self.classes.values, counts[: len(self.classes.values)].astype(np.float64))
        return dot(self.coef, np.asarray(x, dtype=np.float64))

    def violation(self, x: npt.NDArray[np.floating] | BoolArray) -> float:
        """How far a 0/1 (or fractional) solution x is from satisfying the row (0 if it does)."""
        lhs = self.lhs(x)
        excess = lhs - self.rhs if self.sense == "<=" else self.rhs - lhs
        return max(0.0, excess)

    @property
    def counted(self) -> PairClasses | None:
        """The row's classes when its coefficients are made from them (None: stored as given)."""
        return self.classes if self.__dict__.get("_coef") is None else None

    def coef_at(self, index: npt.NDArray[np.integer]) -> FloatArray:
        """The coefficients of the pairs `index` only (with classes: no pair-length array made)."""
        if (classes := self.counted) is not None:
            result: FloatArray = classes.values[classes.code[index]]
            return result
        picked: FloatArray = self.coef[index]
        return picked

    def restricted(self, index: npt.NDArray[np.integer], rhs: float | None = None) -> Row:
        """The row over the pairs `index` only (classes kept as classes)."""
        if (classes := self.counted) is not None:
            return replace(self, coef=None, classes=classes.take(index), rhs=self.rhs if rhs is None else rhs)
        return replace(self, coef=self.coef[index], classes=None, rhs=self.rhs if rhs is None else rhs)


@dataclass
class Problem:
    """Eligible pairs, bounds, fixed pairs, rows and the per-priority pair objectives."""

    n_givers: int
    n_takers: int
    giver: IntArray  # giver index of each eligible pair
    taker: IntArray  # taker index of each eligible pair
    giver_min: IntArray
    giver_max: IntArray
    taker_min: IntArray  # 1 where every taker must be matched (hard coverage), else 0
    fixed: BoolArray  # pairs that must be in the matching (locked)
    pair_objective: dict[int, IntArray] = field(default_factory=dict)  # priority -> coef per pair
    rows: list[Row] = field(default_factory=list)
    # Named sums of pair variables (e.g. matched adepts per gender, cross-administration pairs)
    # that rows are written in. MIP back-ends give each an integer variable to branch on:
    # branching on "4 or 5 of the 5 undisclosed adepts" ends fast; on single pairs it does not.
    counters: dict[str, BoolArray] = field(default_factory=dict)

    @property
    def n_pairs(self) -> int:
        return int(self.giver.shape[0])

    @property
    def priorities(self) -> list[int]:
        levels = set(self.pair_objective) | {r.priority for r in self.rows if not r.hard}
        return sorted(levels)

    def add_pair_objective(self, priority: int, coef: npt.ArrayLike) -> None:
        values = np.asarray(coef, dtype=np.int64)
        if values.shape != (self.n_pairs,):
            raise ValueError(f"pair objective must have one value per pair, got shape {values.shape}")
        current = self.pair_objective.get(priority)
        self.pair_objective[priority] = values.copy() if current is None else current + values

    def level_value(self, priority: int, x: BoolArray) -> float:
        """Objective value of level `priority` for the 0/1 solution x (slacks at their minimum)."""
        value = 0.0
        coef = self.pair_objective.get(priority)
        if coef is not None:
            value += float(coef[x].sum())
        for row in self.rows:
            if not row.hard and row.priority == priority:
                value -= float(row.penalty or 0.0) * row.violation(x)
        return value

    def is_feasible(self, x: BoolArray, tolerance: float = 1e-6) -> bool:
        """Whether x meets every hard bound and hard row (used to certify solver output)."""
        giver_load = np.bincount(self.giver[x], minlength=self.n_givers)
        taker_load = np.bincount(self.taker[x], minlength=self.n_takers)
        if np.any(giver_load > self.giver_max) or np.any(giver_load < self.giver_min):
            return False
        if np.any(taker_load > 1) or np.any(taker_load < self.taker_min):
            return False
        if np.any(self.fixed & ~x):
            return False
        return all(row.violation(x) <= tolerance for row in self.rows if row.hard)


@dataclass
class Solution:
    """A back-end's answer: the chosen pairs and what is proven about them."""

    x: BoolArray
    status: Literal["OPTIMAL", "FEASIBLE"]
    objectives: dict[int, float]  # priority -> achieved value
    bounds: dict[int, float]  # priority -> proven upper bound (maximisation); absent: nothing proven
    solver: str
    solve_seconds: float
    notes: list[str] = field(default_factory=list)
    # The wall-clock safety net stopped the search: what was found depends on the machine's
    # speed and load, so the same input may give other pairs on another run.
    time_limit_hit: bool = False
    # The exact optimum of the same problem without its rows, when the back-end solved it on the
    # way (`structured`): a fairness price asks whether the rows without the rule hold there.
    row_free: BoolArray | None = None


def level_gap(value: float, bound: float | None) -> float | None:
    """A level's own relative gap: how far its proven bound is above its value, relative to
    the bound's size (at least 1). None when no bound is proven."""
    if bound is None:
        return None
    return max(0.0, bound - value) / max(abs(bound), 1.0)


def proven_status(
    levels: list[int], objectives: dict[int, float], bounds: dict[int, float], relative_gap: float
) -> Literal["OPTIMAL", "FEASIBLE"]:
    """OPTIMAL only when every level's own gap is within `relative_gap`, each measured on that
    level's own objective -- never on a folded one, where a whole lower level can hide inside
    the tolerance of the level above. A level without a proven bound is not optimal."""
    for priority in levels:
        gap = level_gap(objectives.get(priority, 0.0), bounds.get(priority))
        if gap is None or gap > relative_gap + 1e-12:
            return "FEASIBLE"
    return "OPTIMAL"


class ProblemInfeasible(Exception):
    """Raised by a back-end that proves no x satisfies the hard bounds and rows."""

    def __init__(self, detail: str, rows: list[str] | None = None) -> None:
        self.detail = detail
        self.rows = rows or []
        super().__init__(detail)


class ProblemTimeout(Exception):
    """Raised by a back-end that found no feasible x within its time limit."""


def pair_index(problem: Problem, giver: IntArray, taker: IntArray) -> IntArray:
    """Index of each (giver, taker) among the eligible pairs, -1 where the pair is not eligible.

    Relies on pairs being sorted by (giver, taker), as np.nonzero on the eligibility matrix gives.
    """
    cached = problem.__dict__.get("_pair_keys")
    if cached is None or len(cached) != problem.n_pairs:
        cached = problem.giver * problem.n_takers + problem.taker
        problem.__dict__["_pair_keys"] = cached  # asked once per person when explaining
    keys = cached
    wanted = np.asarray(giver, dtype=np.int64) * problem.n_takers + np.asarray(taker, dtype=np.int64)
    pos = np.searchsorted(keys, wanted)
    pos_clipped = np.minimum(pos, max(len(keys) - 1, 0))
    found = (pos < len(keys)) & (keys[pos_clipped] == wanted) if len(keys) else np.zeros(len(wanted), bool)
    return np.where(found, pos_clipped, -1).astype(np.int64)
