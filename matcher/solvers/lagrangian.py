"""Lagrangian back-end: the global rows priced by multipliers around the exact flow core.

For large problems (a city: ~1,000 mentors x 1,500 adepts, ~1.4 M eligible pairs) with a few
global rows, where a MIP on the full model takes minutes. Without its rows the problem is a
b-matching, whose polytope is integral and which an assignment solver settles in a fraction
of a second; the rows are few (a cross share, a handful of equal-match-rate rows). So:

1. **One integer objective** (`combine_levels`): the rule of `common.lexicographic_weights`
   (identical weights when there is no soft row) extended to soft rows: level p is scaled by
   D_p, the common denominator of its soft penalties per unit of (integer-scaled) violation,
   and multiplied by M_p = 2R + 1, R bounding what the later levels, soft penalties included,
   can add or lose. One unit of level p then outweighs all later levels, and the maximum of
   C(x) = sum_e c_e x_e - sum_soft P_r viol_r(x) is the lexicographic maximum. A penalty or
   row coefficient that is no small fraction (denominator > 10^6) raises NotApplicable.
2. **Row-free first.** x(0) = the best matching ignoring rows (one assignment solve, or the
   caller's own row-free assignment when it is the very same LAPJV call). If it
   meets every hard row and leaves no soft row violated it is optimal: done (the common
   "capacity to spare" case).
3. **Dual.** The rows, in "<=" form G x <= h, get multipliers lam >= 0 (a soft row's capped at
   its penalty P_r, which is exact for the slack formulation; a hard row's at a cap where one
   unit of violation costs more than the whole objective range, so L stays bounded).
   L(lam) = max over the b-matching polytope of (c - lam G) x + lam h is one assignment solve
   on modified weights: the dense capacity-expanded matrix is built once and only its pair
   entries are rewritten. L is convex piecewise linear; it is minimised by cutting planes in
   a box trust region (Kelley's model as a small HiGHS LP, serious and null steps, the box
   growing fourfold on long serious steps). Every L(lam) is an upper bound on max C; every x
   seen is kept. When min L falls below the lowest C any matching can have, the hard rows are
   proven infeasible; a single hard row no matching can satisfy is caught earlier by a
   phase-1 solve (minimise its left-hand side over the polytope).
4. **Primal repair** (`mip.solve_mip` on a sub-problem with C as its one level) over the
   pairs of the x(lam) at the few best multipliers (the LP optimum is a mix of those, so this
   small MIP usually holds the optimum).
5. **LP refinement and reduced-cost window**, only if the gap is still open: the LP relaxation
   with the rows on candidates (the CANDIDATES_PER_TAKER best pairs of each taker by reduced
   weight at the best lam; column generation: priced over all pairs, the pairs that price out
   added) gives duals u (givers), v (takers), mu (rows), repaired into a valid global bound
   (= min L at the LP optimum) and a reduced cost rc_e <= 0 per pair. Any x using a pair with
   rc_e < -(bound - incumbent) is worse than the incumbent, so a restricted MIP holding that
   window is exact: its bound is the whole problem's. When the window is too wide, a
   restricted MIP over the candidates may still improve the incumbent (bound: the dual's).
6. **Certificate.** The combined bound UB becomes per-level bounds: level p (scaled) is at
   most floor((UB - earlier levels at their achieved values - lowest later levels) / M_p).
   "OPTIMAL" when every level's gap is within settings.relative_gap (an integral level: 0).

Subproblems: scipy's `linear_sum_assignment` on a dense matrix whose rows are the smaller
side (takers, or the capacity-expanded giver slots when places are short; measured 0.05 s
against 0.45 s the other way round on the city), with a private zero-cost 'unmatched'
column per row unless coverage is hard. With mentor minimums or partial taker minimums, or
when the dense matrix would be too large: OR-Tools' min-cost flow on weights scaled to
integers (the rounding is added to the bound).

About 950 lines on purpose: one algorithm (the dual, its cutting planes, pricing, the restricted
MIP and the certificate) whose steps share their state; `rowspace.py` already holds the rows.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matcher import progress
from matcher.problem import (
    BoolArray,
    FloatArray,
    IntArray,
    PairClasses,
    Problem,
    ProblemInfeasible,
    ProblemTimeout,
    Row,
    Solution,
    dot,
    proven_status,
)
from matcher.solvers.common import (
    FLOAT_EXACT_LIMIT,
    INT_COST_LIMIT,
    MAX_DENOMINATOR,
    expand,
    integral_scale,
    linear_sum_assignment,
    per_taker,
    take_out_fixed,
    taker_sum,
    taker_tops,
)
from matcher.solvers.flow import MAX_DENSE_ENTRIES
from matcher.solvers.highs_runs import run_highs
from matcher.solvers.mip import HIGHS_THREADS, quiet_stdout, solve_mip, use_threads
from matcher.solvers.registry import NotApplicable
from matcher.solvers.rowspace import RowMatrix
from matcher.solvers.settings import SolverSettings

#: Candidate pairs per taker for the second restricted MIP and the LP refinement.
CANDIDATES_PER_TAKER = 12
#: The first restricted MIP holds the pairs of the x(lam) at this many best multipliers.
NEAR_OPTIMAL_XS = 5
#: Largest restricted MIP (pairs) built for the repair and the reduced-cost proof.
MAX_RESTRICTED_PAIRS = 120_000
#: Dual iterations at most (each is one assignment solve).
MAX_DUAL_ITERATIONS = 80
#: Column-generation rounds for the LP refinement at most.
MAX_PRICING_ROUNDS = 6


@dataclass
class _Clock:
    """The time limit: a safety net only (every step is limited by counts of work). A check that
    finds it passed is remembered: the answer then depends on the machine's speed and load."""

    deadline: float
    hit: bool = False

    def expired(self) -> bool:
        if time.perf_counter() >= self.deadline:
            self.hit = True
        return self.hit

    def left(self) -> float:
        return self.deadline - time.perf_counter()


# ----------------------------------------------------------------------------------------
# One integer objective
# ----------------------------------------------------------------------------------------


def _fraction(value: float) -> Fraction:
    frac = Fraction(value).limit_denominator(MAX_DENOMINATOR)
    if abs(float(frac) - value) > 4e-15 * abs(value):
        raise NotApplicable(f"soft penalty {value!r} is not a small fraction")
    return frac


@dataclass
class Combined:
    """The lexicographic objective as one integer objective, and the rows in '<=' form."""

    levels: list[int]
    weights: IntArray  # combined integer weight per pair
    multiplier: dict[int, int]  # M_p: one unit of scaled level p is worth M_p
    scale: dict[int, int]  # D_p: D_p * level_p is an integer
    lower_lo: dict[int, float]  # lowest value the levels after p can take together (combined units)
    level_hi: dict[int, float]  # highest value D_p * level_p can take alone
    coef: RowMatrix  # the rows in '<=' form, integral coefficients, as a table over pair classes
    rhs: FloatArray  # (rows,)
    penalty: FloatArray  # (rows,) combined cost of one unit of (scaled) violation; inf when hard
    hard: BoolArray  # (rows,)
    labels: list[str]
    total_lo: float  # lowest combined value any matching can have
    total_hi: float  # highest

    def lhs(self, x: BoolArray) -> FloatArray:
        return self.coef.lhs(x)

    def violation(self, x: BoolArray) -> FloatArray:
        result: FloatArray = np.maximum(self.lhs(x) - self.rhs, 0.0)
        return result

    def feasible(self, x: BoolArray) -> bool:
        return bool(np.all(self.violation(x)[self.hard] <= 1e-9))

    def value(self, x: BoolArray) -> float:
        """Combined objective of x (soft rows at their minimum slack); exact integer in float."""
        soft = ~self.hard
        penalty = dot(self.penalty[soft], self.violation(x)[soft]) if soft.any() else 0.0
        return float(self.weights[x].sum()) - penalty


#: Up to this many taker x class cells, `_row_tops` marks the classes each taker has in a table.
MAX_TAKER_CLASS_CELLS = 20_000_000


def _row_tops(problem: Problem, coef: RowMatrix) -> FloatArray:
    """Per row, the most its left-hand side can reach: each taker's largest positive coefficient,
    summed. From the classes each taker has (one taker x class table), not one pair-length array
    and one scatter per row: 0.8 s of the combine step at 2,000 x 3,000 with 13 rows."""
    if coef.n_rows == 0:
        return np.zeros(0)
    if problem.n_takers * coef.n_classes > MAX_TAKER_CLASS_CELLS:
        return np.array(
            [float(per_taker(problem, np.maximum(coef.row(r), 0.0), "max").sum()) for r in range(coef.n_rows)]
        )
    present = np.zeros((problem.n_takers, coef.n_classes), dtype=bool)
    present[problem.taker, coef.pair_class] = True
    positive = np.maximum(coef.table, 0.0)
    # A taker without the class gets 0 there: the same as per_taker's "no pair, 0" and max(., 0).
    return np.array([float(np.where(present, line, 0.0).max(axis=1, initial=0.0).sum()) for line in positive])


def combine_levels(problem: Problem) -> Combined:
    """Integer combined weights; exact lexicographic order (see the module docstring)."""
    levels = problem.priorities
    n_rows = len(problem.rows)
    given = RowMatrix.of(problem.rows, problem.n_pairs)  # no rows x pairs floats: see rowspace
    rhs = np.zeros(n_rows)
    factors = np.ones(n_rows)
    row_scale: list[int] = []
    for r, row in enumerate(problem.rows):
        k = integral_scale(np.append(given.table[r], row.rhs), "lagrangian")
        sign = 1.0 if row.sense == "<=" else -1.0
        factors[r] = sign * k
        rhs[r] = round(sign * k * row.rhs)
        row_scale.append(k)
    coef = given.scaled(factors, rounding=True)
    max_violation = np.maximum(_row_tops(problem, coef) - rhs, 0.0)

    # D_p: the common denominator of the level's soft penalties (per unit of scaled violation).
    unit_penalty: dict[int, Fraction] = {}
    scale: dict[int, int] = {}
    for p in levels:
        d = 1
        for r, row in enumerate(problem.rows):
            if not row.hard and row.priority == p:
                frac = _fraction(float(row.penalty or 0.0)) / row_scale[r]
                unit_penalty[r] = frac
                d = math.lcm(d, frac.denominator)
        if d > MAX_DENOMINATOR:
            raise NotApplicable("soft penalties need too large a common denominator")
        scale[p] = d

    # Per taker sums of per-pair extremes, in integers (`common.taker_tops`): the same floats as
    # `per_taker` on float copies, without a pair-length float copy per level (0.7 s -> 0.2 s at
    # 2,000 x 3,000). While the weights are one level times its multiplier, their extremes are
    # that level's, times the multiplier: no pass over the pairs at all.
    weights = np.zeros(problem.n_pairs, dtype=np.int64)
    tops: tuple[IntArray, IntArray] | None = (np.zeros(problem.n_takers, np.int64),) * 2  # max>=0, min<=0
    penalty = np.full(n_rows, np.inf)
    multiplier: dict[int, int] = {}
    lower_lo: dict[int, float] = {}
    level_hi: dict[int, float] = {}
    lower_soft = 0.0  # what the soft rows of later levels can cost at most
    for p in reversed(levels):
        if tops is None:
            high, low = taker_tops(problem, weights), taker_tops(problem, weights, "min")
        else:
            high, low = tops
        lower_range = taker_sum(np.maximum(high, -low)) + lower_soft  # per taker max |w|
        lower_lo[p] = taker_sum(low) - lower_soft
        m = int(2 * lower_range + 1)
        multiplier[p] = m
        level_coef = problem.pair_objective.get(p)
        if level_coef is not None:
            scaled = level_coef.astype(np.int64, copy=False)
            if scale[p] != 1:
                scaled = scaled * scale[p]
            level_high = taker_tops(problem, scaled)
            level_hi[p] = taker_sum(level_high)
            if tops is not None and not tops[0].any() and not tops[1].any():  # the weights are all 0
                tops = (level_high * m, taker_tops(problem, scaled, "min") * m)
                weights = scaled * m
            else:
                tops = None
                weights = scaled * m + weights
        else:
            level_hi[p] = 0.0
        for r, frac in unit_penalty.items():
            if problem.rows[r].priority == p:
                value = frac * scale[p] * m
                assert value.denominator == 1
                penalty[r] = float(value.numerator)
                lower_soft += penalty[r] * max_violation[r]
    high, low = tops if tops is not None else (taker_tops(problem, weights), taker_tops(problem, weights, "min"))
    total_hi = taker_sum(high)
    total_lo = taker_sum(low) - lower_soft
    # Every combined value must be an exact float64 integer (the min-cost-flow subproblem
    # scales its costs down by itself when they are too wide for OR-Tools).
    if total_hi - total_lo + 1.0 >= FLOAT_EXACT_LIMIT:
        raise NotApplicable("objective levels too wide for one float64 objective")
    return Combined(
        levels=levels,
        weights=weights,
        multiplier=multiplier,
        scale=scale,
        lower_lo=lower_lo,
        level_hi=level_hi,
        coef=coef,
        rhs=rhs,
        penalty=penalty,
        hard=np.array([row.hard for row in problem.rows], dtype=bool),
        labels=[row.label for row in problem.rows],
        total_lo=total_lo,
        total_hi=total_hi,
    )


# ----------------------------------------------------------------------------------------
# Row-free subproblem: max w x over the b-matching polytope
# ----------------------------------------------------------------------------------------


class _Subproblem:
    """Solves max_x w.x over the b-matching polytope for ever new weights w."""

    name = "?"

    def solve(self, w: FloatArray) -> tuple[BoolArray, float]:
        """The best x and an upper bound on how much the true maximum may exceed w.x."""
        raise NotImplementedError

    def solve_priced(
        self, weights: FloatArray, price: FloatArray, pair_class: npt.NDArray[np.int32]
    ) -> tuple[BoolArray, float]:
        """`solve` for w = weights - price[pair_class] (a per-class price): the dual's weights."""
        return self.solve(weights - price[pair_class])


class _DenseAssignment(_Subproblem):
    """scipy's LAPJV on a dense matrix built once; only the pair entries change per solve.

    The smaller side are the rows (LAPJV augments once per row): takers, or the givers'
    capacity-expanded slots when there are fewer places than takers. Unless coverage is hard,
    every cell a pair is not worth making (an ineligible one, or weight <= 0) costs 0 and stands
    for "this row stays empty": all cells are finite and the rows are the smaller side, so any
    matching of the worthwhile pairs extends to a full assignment at no cost, and the best
    assignment is the best matching (its cost-0 cells dropped). No 'unmatched' columns: at
    2,000 x 3,000 cap 1 the matrix is 2,000 x 3,000 instead of 2,000 x 5,000, and the dual's six
    LAPJV calls took 0.57 s instead of 0.88 s. With hard coverage the rows are the takers and
    ineligible cells cost +inf.

    When every giver has one place (capacity 1) pair e is cell e's only pair, and the pairs
    (in giver-major order, as the engine makes them) have increasing cells: the pair at a cell
    is found by a binary search, and no givers x takers table of pair numbers (24 MB at
    2,000 x 3,000) nor a pair-length index of repetitions is built.
    """

    name = "assignment"

    def __init__(self, problem: Problem) -> None:
        t_n = problem.n_takers
        self.coverage_hard = bool(problem.taker_min.all()) and t_n > 0
        slots = int(problem.giver_max.sum())
        if self.coverage_hard and slots < t_n:
            raise ProblemInfeasible("fewer places than takers, and every taker must be matched")
        self.slot_rows = not self.coverage_hard and slots < t_n
        n_rows = slots if self.slot_rows else t_n
        self.n_real = t_n if self.slot_rows else slots  # every column is a taker or a slot
        n_cols = self.n_real
        if n_rows * n_cols > MAX_DENSE_ENTRIES or problem.n_givers * t_n > MAX_DENSE_ENTRIES:
            raise NotApplicable("too large for a dense assignment matrix")
        self.problem = problem
        self.n_pairs = problem.n_pairs
        self.n_cols = n_cols
        # Cell (row, column) of each pair's j-th slot, in int32 (the matrix has < 2**31 cells).
        slot_start = (np.cumsum(problem.giver_max) - problem.giver_max).astype(np.int32)
        # Every giver with one place: pair e is cell e's only pair, no gather needed.
        self.one_cell_each = bool(np.all(problem.giver_max == 1))
        self.rep: IntArray | None = None
        if self.one_cell_each:
            self.cells = _cells(slot_start[problem.giver], problem.taker, n_cols, self.slot_rows)
        else:
            per_pair = problem.giver_max[problem.giver]
            rep_parts, cell_parts = [], []
            for j in range(int(problem.giver_max.max(initial=0))):
                pairs = np.flatnonzero(per_pair > j).astype(np.int32)
                slot = slot_start[problem.giver[pairs]] + np.int32(j)
                rep_parts.append(pairs)
                cell_parts.append(_cells(slot, problem.taker[pairs], n_cols, self.slot_rows))
            self.rep = np.concatenate(rep_parts) if rep_parts else np.zeros(0, dtype=np.int32)
            self.cells = np.concatenate(cell_parts) if cell_parts else np.zeros(0, dtype=np.int32)
        # Increasing cells (one cell per pair, pairs in giver-major order): a binary search finds
        # the pair of a cell; else the givers x takers table `pair_of`, made when first asked.
        self.sorted_cells = (
            self.one_cell_each and self.slot_rows and bool(np.all(self.cells[1:] > self.cells[:-1]))
        )
        self.buffer = np.empty(len(self.cells))
        if self.coverage_hard:
            self.cost = np.full((n_rows, n_cols), np.inf)
        else:
            self.cost = np.zeros((n_rows, n_cols))
        self.slot_giver = np.repeat(np.arange(problem.n_givers, dtype=np.int64), problem.giver_max)
        self._pair_of: npt.NDArray[np.int32] | None = None

    @property
    def pair_of(self) -> npt.NDArray[np.int32]:
        """Givers x takers: the pair number of each cell, -1 where none (made when first asked)."""
        if self._pair_of is None:
            problem = self.problem
            self._pair_of = np.full((problem.n_givers, problem.n_takers), -1, dtype=np.int32)
            self._pair_of[problem.giver, problem.taker] = np.arange(problem.n_pairs, dtype=np.int32)
        return self._pair_of

    def solve(self, w: FloatArray) -> tuple[BoolArray, float]:
        if self.cost.shape[0] == 0:
            return np.zeros(self.n_pairs, dtype=bool), 0.0
        cost = np.negative(w if self.rep is None else w[self.rep], out=self.buffer)
        return self._assign(cost, lambda pairs: w[pairs])

    def solve_priced(
        self, weights: FloatArray, price: FloatArray, pair_class: npt.NDArray[np.int32]
    ) -> tuple[BoolArray, float]:
        """The cells' costs -(weights - price[class]) = price[class] - weights (the same floats:
        rounding to nearest is symmetric) written in one buffer, no pair-length w made."""
        if self.cost.shape[0] == 0:
            return np.zeros(self.n_pairs, dtype=bool), 0.0
        if self.rep is not None:
            return self.solve(weights - price[pair_class])
        # take with mode="clip" writes straight into the buffer (the classes are in range: the same
        # values; the default mode gathers into a fresh pair-length array first).
        cost = np.take(price, pair_class, out=self.buffer, mode="clip")
        np.subtract(cost, weights, out=cost)
        return self._assign(cost, lambda pairs: weights[pairs] - price[pair_class[pairs]])

    def _assign(self, cost: FloatArray, w_at: Callable[[IntArray], FloatArray]) -> tuple[BoolArray, float]:
        """LAPJV on the matrix with these pair cells' costs (`cost`, overwritten); w_at gives the
        weights of some pairs."""
        x = np.zeros(self.n_pairs, dtype=bool)
        if not self.coverage_hard:
            np.minimum(cost, 0.0, out=cost)
        self.cost.reshape(-1)[self.cells] = cost
        try:
            rows, cols = linear_sum_assignment(self.cost)
        except ValueError as exc:
            raise ProblemInfeasible("no assignment matches every taker to an eligible giver") from exc
        if self.sorted_cells:
            # int32 like the cells (< 2**31): an int64 key would make searchsorted copy them all.
            wanted = (rows * self.n_cols + cols).astype(np.int32)
            at = np.minimum(np.searchsorted(self.cells, wanted), len(self.cells) - 1)
            pairs = np.where(self.cells[at] == wanted, at, -1) if len(self.cells) else at
        elif self.slot_rows:
            pairs = self.pair_of[self.slot_giver[rows], cols]
        else:
            pairs = self.pair_of[self.slot_giver[cols], rows]
        if not self.coverage_hard:
            pairs = pairs[pairs >= 0]  # a cell no pair is: the row stays empty
            pairs = pairs[w_at(pairs) > 0]
        x[pairs] = True
        return x, 0.0


def _cells(
    slot: npt.NDArray[np.int32], taker: IntArray, n_cols: int, slot_rows: bool
) -> npt.NDArray[np.int32]:
    """Flat int32 cell numbers of (slot, taker) in the slots x takers (or takers x slots) matrix."""
    if slot_rows:
        cells = slot.astype(np.int32, copy=True)
        cells *= np.int32(n_cols)
        np.add(cells, taker, out=cells, casting="unsafe")
        return cells
    cells = taker.astype(np.int32)
    cells *= np.int32(n_cols)
    cells += slot
    return cells


class _FlowSubproblem(_Subproblem):
    """OR-Tools min-cost flow (mentor minimums, partial taker minimums, or very large problems).

    Costs must be integers: w is scaled by a power of two and rounded; the rounding can cost at
    most one scaled unit per matched pair, which `solve` reports for the bound.
    """

    name = "min-cost-flow"

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        g_n, t_n = problem.n_givers, problem.n_takers
        source, sink = g_n + t_n, g_n + t_n + 1
        self.n_nodes = g_n + t_n + 2
        taker_nodes = g_n + np.arange(t_n, dtype=np.int64)
        self.tails = np.concatenate([np.full(g_n, source), problem.giver, taker_nodes, [source]]).astype(np.int32)
        self.heads = np.concatenate([np.arange(g_n), g_n + problem.taker, np.full(t_n, sink), [sink]]).astype(np.int32)
        self.capacities = np.concatenate(
            [problem.giver_max - problem.giver_min, np.ones(problem.n_pairs, np.int64), 1 - problem.taker_min, [t_n]]
        ).astype(np.int64)
        supplies = np.zeros(self.n_nodes, dtype=np.int64)
        supplies[source] = t_n - int(problem.giver_min.sum())
        supplies[:g_n] += problem.giver_min
        supplies[taker_nodes] -= problem.taker_min
        supplies[sink] = -t_n + int(problem.taker_min.sum())
        self.supplies = supplies
        self.max_matched = min(t_n, int(problem.giver_max.sum()))

    def solve(self, w: FloatArray) -> tuple[BoolArray, float]:
        problem = self.problem
        top = float(np.abs(w).max(initial=1.0))
        exponent = math.floor(math.log2(INT_COST_LIMIT / (4.0 * top * self.n_nodes)))
        factor = 2.0 ** min(exponent, 40)
        pair_cost = -np.round(w * factor).astype(np.int64)
        g_n, t_n = problem.n_givers, problem.n_takers
        costs = np.concatenate([np.zeros(g_n, np.int64), pair_cost, np.zeros(t_n + 1, np.int64)])
        # Imported on use, as in flow.py: about 0.05 s of every run's start-up otherwise, and only
        # mentor minimums, partial taker minimums or too many cells for a dense matrix come here.
        from ortools.graph.python import min_cost_flow

        flow = min_cost_flow.SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(self.tails, self.heads, self.capacities, costs)
        flow.set_nodes_supplies(np.arange(self.n_nodes, dtype=np.int32), self.supplies)
        status = flow.solve()
        if status != flow.OPTIMAL:
            raise ProblemInfeasible(f"no flow meets capacities, minimums and coverage ({status.name})")
        x = flow.flows(np.arange(g_n, g_n + problem.n_pairs, dtype=np.int32)) > 0
        return x, self.max_matched / factor


def _subproblem(problem: Problem) -> _Subproblem:
    coverage_hard = bool(problem.taker_min.all()) and problem.n_takers > 0
    if not problem.giver_min.any() and (coverage_hard or not problem.taker_min.any()):
        try:
            return _DenseAssignment(problem)
        except NotApplicable:
            pass
    return _FlowSubproblem(problem)


# ----------------------------------------------------------------------------------------
# The dual: cutting planes with a trust region
# ----------------------------------------------------------------------------------------


@dataclass
class _Primal:
    x: BoolArray
    value: float  # combined value


class _CutModel:
    """Kelley's cutting-plane model of L as one HiGHS LP, kept for a whole dual minimisation.

    Columns: the multipliers lam (bounds: the step's box) and theta (free, cost 1), the model's
    value less f_center. One row per evaluation i of L (point p_i, value L_i, subgradient g_i):
    theta >= L_i - f_center + g_i (lam - p_i), i.e. g_i lam - theta <= g_i p_i - (L_i - f_center).
    Each step adds the evaluations made since the last one as rows, moves every row's bound when
    f_center moved, sets the box and solves again from the last basis. Measured over the steps
    of the 100 x 150 and 1000 x 1500 benchmark runs and of the Lagrangian tests (replayed):
    scipy's linprog took 1.26-1.36 ms a step on this LP of a few columns, nearly all of it its
    input checks and option handling; this 0.17-0.19 ms; the model rebuilt every step on one
    Highs object 0.19-0.25 ms. The first step in a process that has not run a MIP yet also
    imports highspy (about 8 ms).
    """

    def __init__(self, k: int) -> None:
        import highspy

        with quiet_stdout():
            highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        use_threads(highs, HIGHS_THREADS)  # the pool itself is rebuilt only if needed (`highs_runs.run_highs`)
        highs.setOptionValue("presolve", "off")  # one of these LPs solved afresh: 0.36 ms with it, 0.15 without
        cost = np.zeros(k + 1)
        cost[k] = 1.0
        lower = np.append(np.zeros(k), -highspy.kHighsInf)
        upper = np.append(np.zeros(k), highspy.kHighsInf)
        no_entries = np.zeros(0, dtype=np.int32)
        highs.addCols(k + 1, cost, lower, upper, 0, np.zeros(k + 1, dtype=np.int32), no_entries, np.zeros(0))
        self.highs: Any = highs  # as in columns.py: the stubs lack some methods (changeRowsBounds)
        self.k = k
        self.lam_cols = np.arange(k, dtype=np.int32)
        self.optimal = highspy.HighsModelStatus.kOptimal
        self.no_lower = -highspy.kHighsInf
        self.cut_at = np.zeros(0)  # g_i p_i per row
        self.cut_value = np.zeros(0)  # L_i per row
        self.f_center: float | None = None

    def minimise(
        self,
        points: list[FloatArray],
        grads: list[FloatArray],
        values: list[float],
        f_center: float,
        lower: FloatArray,
        upper: FloatArray,
    ) -> tuple[FloatArray, float] | None:
        """(lam, theta) minimising the model over lower <= lam <= upper given every evaluation so
        far (`points`, `grads`, `values` only ever grow); None unless HiGHS proved it optimal."""
        highs, k = self.highs, self.k
        old = len(self.cut_value)
        if old and f_center != self.f_center:
            bound = self.cut_at - (self.cut_value - f_center)
            highs.changeRowsBounds(old, np.arange(old, dtype=np.int32), np.full(old, self.no_lower), bound)
        self.f_center = f_center
        new = len(values) - old
        if new > 0:
            g = np.array(grads[old:])
            at = np.einsum("ij,ij->i", g, np.array(points[old:]))
            value = np.array(values[old:], dtype=np.float64)
            self.cut_at = np.concatenate([self.cut_at, at])
            self.cut_value = np.concatenate([self.cut_value, value])
            dense = np.hstack([g, -np.ones((new, 1))])
            row, col = np.nonzero(dense)  # row by row
            starts = np.searchsorted(row, np.arange(new)).astype(np.int32)
            highs.addRows(
                new, np.full(new, self.no_lower), at - (value - f_center),
                len(col), starts, col.astype(np.int32), dense[row, col],
            )
        highs.changeColsBounds(k, self.lam_cols, lower, upper)
        if run_highs(highs) != self.optimal:  # rebuilds the thread pool only when made with another count
            return None
        x = np.asarray(highs.getSolution().col_value, dtype=np.float64)
        return x[:k], float(x[k])


@dataclass
class _Dual:
    """Evaluations of L, the cutting-plane model, and every x seen."""

    comb: Combined
    sub: _Subproblem
    norm: FloatArray  # per row: max |coef| (multipliers are kept per unit of coef / norm)
    coef_n: RowMatrix  # coef / norm
    rhs_n: FloatArray
    cap_n: FloatArray  # multiplier caps, normalised
    weights: FloatArray
    points: list[FloatArray] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    grads: list[FloatArray] = field(default_factory=list)
    xs: list[IntArray] = field(default_factory=list)  # x of each evaluation (pair indices)
    seen: list[IntArray] = field(default_factory=list)  # every distinct x
    best: _Primal | None = None
    solve_seconds: list[float] = field(default_factory=list)
    cut_model: _CutModel | None = field(default=None, repr=False)  # built at the first model step

    @classmethod
    def build(cls, comb: Combined, sub: _Subproblem) -> _Dual:
        norm = comb.coef.abs_max()
        norm = np.where(norm > 0, norm, 1.0)
        coef_n = comb.coef.scaled(1.0 / norm)
        rhs_n = comb.rhs / norm
        hard_cap = comb.total_hi - comb.total_lo + 1.0
        cap_n = np.where(comb.hard, hard_cap, comb.penalty) * norm
        return cls(comb, sub, norm, coef_n, rhs_n, cap_n, comb.weights.astype(np.float64))

    def reduced(self, lam: FloatArray) -> FloatArray:
        if lam.size == 0 or not lam.any():
            return self.weights
        result: FloatArray = self.weights - self.coef_n.combine(lam)
        return result

    def evaluate(self, lam: FloatArray, given: BoolArray | None = None) -> tuple[float, FloatArray, BoolArray]:
        """L(lam) (an upper bound, with the subproblem's rounding added), a subgradient, x(lam).
        `given`: x(lam) already known (the very x the subproblem would return), not solved again."""
        started = time.perf_counter()
        if given is not None:
            x, slack = given, 0.0
            w_x = self.weights[x]
        elif lam.size == 0 or not lam.any():
            x, slack = self.sub.solve(self.weights)
            w_x = self.weights[x]
        else:  # w = reduced(lam), never made whole: the subproblem writes the costs it needs
            price = self.coef_n.per_class(lam)
            x, slack = self.sub.solve_priced(self.weights, price, self.coef_n.pair_class)
            w_x = self.weights[x] - price[self.coef_n.pair_class[x]]
        if given is None:
            self.solve_seconds.append(time.perf_counter() - started)
        magnitude = float(np.abs(w_x).sum()) + dot(np.abs(lam), np.abs(self.rhs_n))
        # Float rounding in the assignment's sums: far below one unit of the integer objective.
        value = float(w_x.sum()) + dot(lam, self.rhs_n) + slack + 1e-14 * magnitude + 1e-9
        grad = self.rhs_n - (self.coef_n.lhs(x) if lam.size else np.zeros(0))
        self.points.append(lam.copy())
        self.values.append(value)
        self.grads.append(grad)
        self.xs.append(np.flatnonzero(x))
        self.offer(x)
        return value, grad, x

    def seen_x(self, evaluation: int) -> BoolArray:
        x = np.zeros(self.weights.shape[0], dtype=bool)
        x[self.xs[evaluation]] = True
        return x

    def offer(self, x: BoolArray) -> None:
        idx = np.flatnonzero(x)
        if not any(len(s) == len(idx) and np.array_equal(s, idx) for s in self.seen[-50:]):
            self.seen.append(idx)
        if self.comb.feasible(x):
            value = self.comb.value(x)
            if self.best is None or value > self.best.value:
                self.best = _Primal(x.copy(), value)

    def model_step(self, center: FloatArray, f_center: float, radius: float) -> tuple[FloatArray, float]:
        """Minimise the cutting-plane model in the box |lam - center| <= radius, 0 <= lam <= cap."""
        lower = np.maximum(0.0, center - radius)
        upper = np.minimum(self.cap_n, center + radius)
        if self.cut_model is None:
            self.cut_model = _CutModel(len(center))
        found = self.cut_model.minimise(self.points, self.grads, self.values, f_center, lower, upper)
        if found is None:
            return center.copy(), f_center
        lam, theta = found
        return np.clip(lam, lower, upper), f_center + theta


# ----------------------------------------------------------------------------------------
# The back-end
# ----------------------------------------------------------------------------------------


class NotSettled(NotApplicable):
    """A quick attempt (`solve_lagrangian(..., quick=True)`) proved nothing: another method should
    answer. Decided by the bound and the incumbent only, never by the clock."""


def solve_lagrangian(
    problem: Problem, settings: SolverSettings, *, quick: bool = False, row_free: Solution | None = None
) -> Solution:
    """Exact when the dual closes (or the reduced-cost window fits a restricted MIP), else a
    row-feasible x with proven per-level bounds. See the module docstring for the method.

    `quick`: only the dual and the first restricted MIP (the cheap steps); NotSettled when they
    leave a gap, so that a caller with a stronger method for the size asks that one instead.
    `row_free`: the caller's row-free solve of this problem (`structured._row_free`); its x is
    taken for x(0) when the dual's first assignment would be the very same LAPJV call
    (`_row_free_reused`), saving that solve."""
    started = time.perf_counter()
    if not problem.fixed.any():
        return _solve(problem, settings, started, quick, row_free)
    reduced = take_out_fixed(problem)
    inner = _solve(reduced.problem, settings, started, quick)
    x = expand(reduced, inner.x)
    objectives = {p: problem.level_value(p, x) for p in problem.priorities}
    bounds = {}
    for p in problem.priorities:
        if p not in inner.bounds:
            continue  # nothing proven for this level
        fixed_part = objectives[p] - reduced.problem.level_value(p, inner.x)
        bounds[p] = max(inner.bounds[p] + fixed_part, objectives[p])
    status = proven_status(problem.priorities, objectives, bounds, settings.relative_gap)
    return replace(
        inner, x=x, status=status, objectives=objectives, bounds=bounds, solve_seconds=time.perf_counter() - started
    )


def leveled_solution(
    problem: Problem,
    comb: Combined,
    x: BoolArray,
    upper: float,
    settings: SolverSettings,
    started: float,
    notes: list[str],
    time_limit_hit: bool = False,
) -> Solution:
    """Per-level values, and per-level bounds from the combined integer bound `upper`.

    Level p (scaled to integers) is at most floor((what is left of upper - the lowest the
    later levels can be) / M_p); what is left for the later levels is upper minus the earlier
    levels at their achieved values.
    """
    objectives = {p: problem.level_value(p, x) for p in problem.priorities}
    bounds: dict[int, float] = {}
    remaining = float(upper)
    for p in comb.levels:
        m, d = comb.multiplier[p], comb.scale[p]
        achieved = round(objectives[p] * d)
        top = max(min(math.floor((remaining - comb.lower_lo[p]) / m), math.floor(comb.level_hi[p])), achieved)
        bounds[p] = objectives[p] if top == achieved else top / d
        remaining -= m * achieved
    return Solution(
        x=x,
        status=proven_status(problem.priorities, objectives, bounds, settings.relative_gap),
        objectives=objectives,
        bounds=bounds,
        solver="lagrangian",
        solve_seconds=time.perf_counter() - started,
        notes=[*notes, "time limit reached: not reproducible"] if time_limit_hit else notes,
        time_limit_hit=time_limit_hit,
    )


def allowed_gap(problem: Problem, comb: Combined, settings: SolverSettings, x: BoolArray) -> float:
    """The combined gap that still counts as optimal: the smallest per-level allowance (the
    levels' magnitudes estimated at x), in combined units; below 1 it means exact."""
    allowed = math.inf
    for p in comb.levels:
        size = max(1.0, abs(problem.level_value(p, x)))
        allowed = min(allowed, settings.relative_gap * size * comb.scale[p] * comb.multiplier[p])
    return allowed if math.isfinite(allowed) else 0.0


def _row_free_reused(comb: Combined, sub: _Subproblem, row_free: Solution | None) -> BoolArray | None:
    """The x of `flow.solve_assignment` when x(0) would come from the same matrix: no soft row (the
    combined weights are then `lexicographic_weights`' own), every weight > 0 (its ineligible
    cells cost 0 and it adds no 'unmatched' rows), and here too the rows are the givers' slots.
    Both matrices are then slots x takers with -w on the pairs and 0 elsewhere, so LAPJV returns
    the same assignment and x(0) is that x: the same pairs as solving again. None otherwise."""
    if row_free is None or row_free.row_free is None or row_free.solver != "assignment":
        return None
    if not isinstance(sub, _DenseAssignment) or not sub.slot_rows or not bool(comb.hard.all()):
        return None
    if len(row_free.row_free) != len(comb.weights) or not (len(comb.weights) and comb.weights.min() > 0):
        return None
    return row_free.row_free


def _solve(
    problem: Problem, settings: SolverSettings, started: float, quick: bool = False, row_free: Solution | None = None
) -> Solution:
    clock = _Clock(started + settings.time_limit_s)
    comb = combine_levels(problem)
    notes: list[str] = []
    if problem.n_pairs == 0:
        x = np.zeros(0, dtype=bool)
        if problem.taker_min.any() or not comb.feasible(x):
            raise ProblemInfeasible("no eligible pairs, and the hard rules need some")
        return leveled_solution(problem, comb, x, comb.value(x), settings, started, ["no eligible pairs"])
    sub = _subproblem(problem)
    dual = _Dual.build(comb, sub)
    if not problem.giver_min.any() and not problem.taker_min.any():
        dual.offer(np.zeros(problem.n_pairs, dtype=bool))  # the empty matching: a fallback incumbent

    # 1. The row-free optimum: optimal when it happens to meet every row.
    reused = _row_free_reused(comb, sub, row_free)
    f_zero, _, x_zero = dual.evaluate(np.zeros(len(problem.rows)), reused)
    if reused is not None:
        notes.append("x(0): the row-free assignment's, not solved again")
    if comb.feasible(x_zero) and not np.any(comb.violation(x_zero) > 0):
        seconds = dual.solve_seconds[0] if dual.solve_seconds else 0.0
        notes.append(f"row-free optimum meets every row: one {sub.name} solve ({seconds:.2f} s)")
        return leveled_solution(problem, comb, x_zero, math.floor(f_zero), settings, started, notes)

    # 2. The dual.
    iterations = _minimise_dual(dual, f_zero, clock, problem)
    at = int(np.argmin(dual.values))
    upper, center = dual.values[at], dual.points[at]
    if math.floor(upper) < comb.total_lo:
        raise ProblemInfeasible(
            "the hard rows cannot all hold together (the Lagrangian dual proves it)",
            [label for label, hard in zip(comb.labels, comb.hard, strict=True) if hard],
        )
    notes.append(
        f"dual: {iterations} iterations, {len(dual.solve_seconds)} {sub.name} solves in "
        f"{sum(dual.solve_seconds):.2f} s ({np.mean(dual.solve_seconds or [0.0]):.3f} s each), bound {upper:.1f}"
    )
    tolerance = allowed_gap(problem, comb, settings, dual.seen_x(at))

    def closed() -> bool:
        return dual.best is not None and math.floor(upper) - dual.best.value <= tolerance

    # 3. Primal repair: a restricted MIP over the pairs of the x(lam) at the best multipliers
    #    (the LP optimum is a mix of those, so it usually holds the optimum).
    restricted = np.zeros(problem.n_pairs, dtype=bool)
    for evaluation in np.argsort(dual.values, kind="stable")[:NEAR_OPTIMAL_XS]:
        restricted[dual.xs[evaluation]] = True
    mip_bound: float | None = None
    if not closed():
        mip_bound = _restricted_mip(problem, comb, dual, restricted, upper, tolerance, settings, clock, notes)
    if quick and not closed():
        raise NotSettled(f"lagrangian: the dual and one restricted MIP leave a gap ({'; '.join(notes)})")
    # 4. Still open: the LP over the best pairs of each taker, priced over all pairs, tightens
    #    the bound and gives reduced costs; a restricted MIP holding the window of pairs whose
    #    reduced cost is within the gap is exact. When the window is too wide, a restricted MIP
    #    over the candidates may still improve the incumbent.
    if not closed() and not clock.expired():
        lp_started = time.perf_counter()
        candidates = _top_per_taker(problem, dual.reduced(center), CANDIDATES_PER_TAKER, sub) | restricted
        for idx in dual.seen:
            candidates[idx] = True
        pricing = _price(problem, comb, candidates, clock)
        window: BoolArray | None = None
        if pricing is not None:
            upper = min(upper, pricing.bound)
            notes.append(
                f"LP refinement: {pricing.rounds} pricing rounds over {int(candidates.sum())} pairs, "
                f"bound {pricing.bound:.1f} ({time.perf_counter() - lp_started:.2f} s)"
            )
            if pricing.x is not None:
                dual.offer(pricing.x)
            if dual.best is not None:
                window = pricing.reduced_cost >= -(pricing.bound - dual.best.value) - 1e-6
        if closed():
            pass
        elif window is not None and mip_bound is not None and bool(np.all(restricted[window])):
            upper = min(upper, mip_bound)
            notes.append("the restricted MIP holds the whole reduced-cost window: its bound is global")
        elif window is not None and int((window | restricted).sum()) <= MAX_RESTRICTED_PAIRS:
            restricted |= window
            window_bound = _restricted_mip(problem, comb, dual, restricted, upper, tolerance, settings, clock, notes)
            if window_bound is not None:
                upper = min(upper, window_bound)
                notes.append("restricted MIP over the reduced-cost window: its bound is global")
        else:
            if window is not None:
                notes.append(f"reduced-cost window too wide for a restricted MIP ({int(window.sum())} pairs)")
            restricted |= candidates
            _restricted_mip(problem, comb, dual, restricted, upper, tolerance, settings, clock, notes)

    if dual.best is None:
        # Neither the dual nor the restricted MIP found a row-feasible x: ask the full MIP.
        remaining = clock.left()
        if remaining <= 0:
            raise ProblemTimeout("lagrangian: no row-feasible matching found in time")
        _phase_one(comb, dual)
        full = solve_mip(problem, settings.but(time_limit_s=remaining), "highs")
        return replace(
            full,
            solver="lagrangian",
            notes=[*notes, "no row-feasible x: fell back to the full MIP"],
            time_limit_hit=full.time_limit_hit or clock.hit,
        )
    best = dual.best
    upper_int = max(math.floor(upper + 1e-9), best.value)
    notes.append(f"combined objective {best.value:.0f}, bound {upper_int:.0f}, gap {upper_int - best.value:.0f}")
    return leveled_solution(problem, comb, best.x, upper_int, settings, started, notes, clock.hit)


def _restricted_mip(
    problem: Problem,
    comb: Combined,
    dual: _Dual,
    keep: BoolArray,
    upper: float,
    tolerance: float,
    settings: SolverSettings,
    clock: _Clock,
    notes: list[str],
) -> float | None:
    """solve_mip on the kept pairs with the combined objective as its one level (one solve
    instead of one per level; the same optimum). The x found is offered to `dual`; returns the
    restricted problem's proven bound (None if it found nothing)."""
    started = time.perf_counter()
    idx = np.flatnonzero(keep)
    sub_class = comb.coef.pair_class[idx]  # one code array shared by every row of the sub-problem
    rows = [
        Row(
            constraint="lagrangian",
            label=label,
            description=label,
            coef=None,
            classes=PairClasses(sub_class, comb.coef.table[r]),
            sense="<=",
            rhs=float(comb.rhs[r]),
            penalty=None if comb.hard[r] else float(comb.penalty[r]),
            priority=1,
        )
        for r, label in enumerate(comb.labels)
    ]
    sub = Problem(
        n_givers=problem.n_givers,
        n_takers=problem.n_takers,
        giver=problem.giver[idx],
        taker=problem.taker[idx],
        giver_min=problem.giver_min,
        giver_max=problem.giver_max,
        taker_min=problem.taker_min,
        fixed=np.zeros(len(idx), dtype=bool),
        pair_objective={1: comb.weights[idx]},
        rows=rows,
        counters={name: mask[idx] for name, mask in problem.counters.items()},
    )
    remaining = max(clock.left(), 0.1)
    relative = max(tolerance, 0.0) / max(1.0, abs(upper))
    mip_settings = settings.but(time_limit_s=remaining, relative_gap=min(relative, settings.relative_gap))
    try:
        with progress.unheard():  # its level 1 is the combined objective, not the problem's level 1
            result = _solve_sub_mip(sub, mip_settings, clock, notes)
    except (ProblemInfeasible, ProblemTimeout) as exc:
        seconds = time.perf_counter() - started
        notes.append(f"restricted MIP over {len(idx)} pairs: {type(exc).__name__} ({seconds:.2f} s)")
        return None
    clock.hit = clock.hit or result.time_limit_hit
    x = np.zeros(problem.n_pairs, dtype=bool)
    x[idx[result.x]] = True
    dual.offer(x)
    if 1 not in result.bounds:
        notes.append(f"restricted MIP over {len(idx)} pairs: {result.status}, nothing proven")
        return None
    bound = float(result.bounds[1])
    notes.append(
        f"restricted MIP over {len(idx)} pairs: {result.status}, {comb.value(x):.0f} "
        f"(bound {bound:.1f}, {time.perf_counter() - started:.2f} s)"
    )
    return bound


def _solve_sub_mip(sub: Problem, settings: SolverSettings, clock: _Clock, notes: list[str]) -> Solution:
    """HiGHS on a restricted problem; SCIP when HiGHS found nothing within its work limit and
    time is left."""
    try:
        return solve_mip(sub, settings, "highs")
    except ProblemTimeout:
        if clock.expired():
            raise
        result = solve_mip(sub, settings.but(time_limit_s=clock.left()), "scip")
        notes.append("HiGHS found no matching in a restricted MIP within its work limit: SCIP solved it")
        return result


def _minimise_dual(dual: _Dual, f_zero: float, clock: _Clock, problem: Problem) -> int:
    """Cutting planes with a box trust region, from lam = 0; returns the number of iterations.

    Each step minimises the cutting-plane model within the box around the centre; the centre
    moves when the true L falls by a tenth of the predicted decrease (serious step), and the box
    grows fourfold when a serious step reached its edge and made half the predicted progress
    (multipliers range from a score difference to a whole objective level). Stops when the
    model predicts less than a quarter unit of progress, when the best row-feasible x seen meets
    the bound, or at the iteration/time limit.
    """
    comb = dual.comb
    center = np.zeros(len(comb.labels))
    f_center = f_zero
    last = comb.levels[-1] if comb.levels else None
    spread = 1.0
    if last is not None and last in problem.pair_objective:
        spread = max(1.0, float(np.abs(problem.pair_objective[last]).max(initial=1)) * comb.scale[last])
    radius = spread
    phase_one_done = False
    iterations = 0
    bad_steps = 0
    while iterations < MAX_DUAL_ITERATIONS:
        if clock.expired():
            break
        lam, model = dual.model_step(center, f_center, radius)
        predicted = f_center - model
        tolerance = 0.25 + 1e-12 * abs(f_center)
        if predicted <= tolerance:
            break
        if dual.best is not None and math.floor(f_center) <= dual.best.value:
            break
        f_new, _, _ = dual.evaluate(lam)
        iterations += 1
        if f_new <= f_center - 0.1 * predicted:
            on_edge = bool(np.any(np.abs(lam - center) >= radius * (1 - 1e-9)))
            if on_edge and f_center - f_new >= 0.5 * predicted:
                radius *= 4.0
            center, f_center = lam, f_new
            bad_steps = 0
        else:
            bad_steps += 1
            if bad_steps >= 3:
                radius = max(radius / 2.0, 1e-3 * spread)
                bad_steps = 0
        if not phase_one_done and np.any(comb.hard & (center > 0.01 * dual.cap_n)):
            phase_one_done = True
            _phase_one(comb, dual)
        if math.floor(f_center) < comb.total_lo - 1e-6:
            break
    return iterations


def _phase_one(comb: Combined, dual: _Dual) -> None:
    """Raise ProblemInfeasible for a hard row that no matching satisfies on its own."""
    for r in np.flatnonzero(comb.hard):
        line = comb.coef.row(int(r))
        x, slack = dual.sub.solve(-line)
        lowest = float(line[x].sum()) - slack
        if lowest > comb.rhs[r] + 1e-6:
            raise ProblemInfeasible(f"no matching can satisfy {comb.labels[r]}", [comb.labels[r]])


def _top_per_taker(problem: Problem, w: FloatArray, k: int, sub: _Subproblem) -> BoolArray:
    """Mask of the k best pairs of each taker by weight w."""
    keep = np.zeros(problem.n_pairs, dtype=bool)
    if isinstance(sub, _DenseAssignment) and problem.n_givers > k:
        dense = np.full((problem.n_takers, problem.n_givers), -np.inf)
        dense[problem.taker, problem.giver] = w
        top = np.argpartition(-dense, k - 1, axis=1)[:, :k]
        takers = np.repeat(np.arange(problem.n_takers), k)
        pairs = sub.pair_of[top.reshape(-1), takers]
        keep[pairs[pairs >= 0]] = True
        return keep
    order = np.lexsort((-w, problem.taker))
    sorted_takers = problem.taker[order]
    first = np.searchsorted(sorted_takers, sorted_takers, side="left")
    rank = np.arange(len(order)) - first
    keep[order[rank < k]] = True
    return keep


@dataclass
class _Pricing:
    bound: float  # a valid upper bound on the combined objective
    reduced_cost: FloatArray  # per pair, <= 0; x using a pair with rc < -(bound - v) is worse than v
    rounds: int
    x: BoolArray | None  # the LP's solution when it is integral


def _price(problem: Problem, comb: Combined, candidates: BoolArray, clock: _Clock) -> _Pricing | None:
    """LP relaxation on the candidates (grown in place), priced over all pairs.

    Each round solves the restricted LP, turns its duals into a valid bound for the whole
    problem (`_dual_bound`), and adds, per taker, the few pairs that price out against the
    LP's own taker duals. Stops when the bound meets the restricted LP value (then the LP is
    solved over all pairs) or after MAX_PRICING_ROUNDS.
    """
    best: _Pricing | None = None
    for rounds in range(1, MAX_PRICING_ROUNDS + 1):
        if clock.expired():
            break
        lp = _restricted_lp(problem, comb, np.flatnonzero(candidates))
        if lp is None:
            break
        u, v, mu, lp_value, x_lp = lp
        bound, rc, w = _dual_bound(problem, comb, u, mu)
        integral = bool(np.all(np.abs(x_lp - np.round(x_lp)) <= 1e-9))
        x = np.zeros(problem.n_pairs, dtype=bool)
        x[np.flatnonzero(candidates)[np.round(x_lp) > 0.5]] = True
        if best is None or bound < best.bound:
            best = _Pricing(bound, rc, rounds, x if integral else None)
        else:
            best.rounds = rounds
        if bound - lp_value <= 2e-9 * abs(lp_value) + 1e-3:
            break
        against_lp = w - u[problem.giver] - v[problem.taker]
        positive = (against_lp > 1e-7 * max(1.0, float(np.abs(w).max(initial=1.0)))) & ~candidates
        if not positive.any():
            break
        candidates |= _top_per_taker_masked(problem, against_lp, positive, 5)
    return best


def _top_per_taker_masked(problem: Problem, score: FloatArray, mask: BoolArray, k: int) -> BoolArray:
    """Among the masked pairs, the k with the highest score per taker."""
    idx = np.flatnonzero(mask)
    order = idx[np.lexsort((-score[idx], problem.taker[idx]))]
    sorted_takers = problem.taker[order]
    first = np.searchsorted(sorted_takers, sorted_takers, side="left")
    keep = np.zeros(problem.n_pairs, dtype=bool)
    keep[order[np.arange(len(order)) - first < k]] = True
    return keep


def _restricted_lp(
    problem: Problem, comb: Combined, idx: IntArray
) -> tuple[FloatArray, FloatArray, FloatArray, float, FloatArray] | None:
    """LP relaxation over the pairs idx: duals u (givers), v (takers), mu (rows), its value, x.

    In the maximisation's sign convention: u, v may be negative only where a minimum binds,
    0 <= mu <= penalty. None when this LP is infeasible or HiGHS fails.
    """
    g_n, t_n, n = problem.n_givers, problem.n_takers, len(idx)
    soft = np.flatnonzero(~comb.hard)
    k = comb.coef.n_rows
    cols = np.arange(n)
    giver, taker = problem.giver[idx], problem.taker[idx]
    g_low = np.flatnonzero(problem.giver_min > 0)
    t_low = np.flatnonzero(problem.taker_min > 0)
    blocks = [
        sp.csr_matrix((np.ones(n), (giver, cols)), shape=(g_n, n)),
        sp.csr_matrix((np.ones(n), (taker, cols)), shape=(t_n, n)),
        sp.csr_matrix(comb.coef.columns(idx)) if k else sp.csr_matrix((0, n)),
    ]
    if len(g_low):
        blocks.append(-blocks[0][g_low])
    if len(t_low):
        blocks.append(-blocks[1][t_low])
    a_x = sp.vstack(blocks, format="csr")
    n_cons = a_x.shape[0]
    slack = sp.csr_matrix((-np.ones(len(soft)), (g_n + t_n + soft, np.arange(len(soft)))), shape=(n_cons, len(soft)))
    a_ub = sp.hstack([a_x, slack], format="csr")
    b_ub = np.concatenate(
        [
            problem.giver_max.astype(np.float64),
            np.ones(t_n),
            comb.rhs,
            -problem.giver_min[g_low].astype(np.float64),
            -problem.taker_min[t_low].astype(np.float64),
        ]
    )
    cost = np.concatenate([-comb.weights[idx].astype(np.float64), comb.penalty[soft]])
    bounds = np.column_stack([np.zeros(n + len(soft)), np.concatenate([np.ones(n), np.full(len(soft), np.inf)])])
    from scipy.optimize import linprog  # on use: see common.linear_sum_assignment

    result = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    if result.status != 0:
        return None
    y = -np.asarray(result.ineqlin.marginals, dtype=np.float64)
    y = np.maximum(y, 0.0)
    u = y[:g_n].copy()
    v = y[g_n : g_n + t_n].copy()
    mu = y[g_n + t_n : g_n + t_n + k].copy()
    start = g_n + t_n + k
    u[g_low] -= y[start : start + len(g_low)]
    v[t_low] -= y[start + len(g_low) :]
    return u, v, mu, -float(result.fun), np.asarray(result.x[:n], dtype=np.float64)


def _dual_bound(
    problem: Problem, comb: Combined, u: FloatArray, mu: FloatArray
) -> tuple[float, FloatArray, FloatArray]:
    """A valid upper bound from giver duals u and row multipliers mu, whatever their quality.

    With w = c - mu G and v_t the smallest taker dual making u_g + v_t >= w_e on every pair:
    for every x in the polytope with the rows (soft ones with their slack),
        C(x) <= sum_g max(u_g b_g, u_g a_g) + sum_t max(v_t, v_t m_t) + mu h + sum_e rc_e x_e,
    rc_e = w_e - u_g - v_t <= 0 (a_g, b_g the giver bounds, m_t the taker minimum). Returns the
    bound (rounding margin added), rc and w.
    """
    cap = np.where(comb.hard, np.inf, comb.penalty)
    mu = np.clip(mu, 0.0, cap)
    w = comb.weights.astype(np.float64)
    if mu.size:
        w = w - comb.coef.combine(mu)
    need = w - u[problem.giver]
    v = np.full(problem.n_takers, -np.inf)
    np.maximum.at(v, problem.taker, need)
    v = np.where(np.isfinite(v), v, 0.0)
    v = np.where(problem.taker_min > 0, v, np.maximum(v, 0.0))
    giver_term = np.maximum(u * problem.giver_max, u * problem.giver_min)
    taker_term = np.maximum(v, v * problem.taker_min)
    bound = float(giver_term.sum() + taker_term.sum() + (dot(mu, comb.rhs) if mu.size else 0.0))
    bound += 1e-14 * float(np.abs(giver_term).sum() + np.abs(taker_term).sum()) + 1e-9
    rc = np.minimum(w - u[problem.giver] - v[problem.taker], 0.0)
    return bound, rc, w


__all__ = ["solve_lagrangian"]
