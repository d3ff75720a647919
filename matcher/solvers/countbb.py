"""One priority level of `mip-highs`: a branch and bound over group counts whose leaves are flows.

The b-matching LP is integral; only the global rows make it fractional, and most rows are
written on a few group counts (matched adepts per gender, placements per administration).
`structure.flow_counters` names the counts that can be fixed without losing the flow's
integrality. So, on the HiGHS model of `mip.build_matrix`:

1. **The LP** of the whole level (pairs and counts continuous). Integral: that is the answer.
2. **Best-first branch and bound over the flow counts**, every node an LP warm-started from
   the last basis: a node whose counts are fractional is split on the most fractional count;
   a node whose LP is integral everywhere is a matching, exact for its box of counts.
3. A node with integral counts but fractional pairs (a row on a pair attribute binds, such as
   a minimum cross share): its counts are fixed (a *leaf*: the flow with those counts plus
   the attribute rows) and the rest of its box is split off into boxes of its own. A leaf is
   solved as a MIP over the pairs its LP reduced costs leave open: a pair whose reduced cost
   exceeds the leaf's LP value minus the incumbent cannot be changed by any better matching,
   so with that window the restricted MIP is exact for the leaf (`_leaf`).
4. **Certificate**: the best matching found, and as bound the largest of its value, the open
   nodes' LP bounds and the unfinished leaves' bounds.

**Priced LPs.** On a large pool the LPs above would carry every eligible pair, though only a
few per person can matter. The HiGHS model starts with a *window* (each person's best pairs,
`pair_window`) and the other pairs absent, at 0 (`columns.ModelColumns`); after every LP each
absent pair's reduced cost is computed from the row duals, and any that could improve the LP is
let in and the LP solved again, until none can. The LP is then the LP of the whole pool (its
value and reduced costs are those of all pairs), so every bound and window above stays exact;
only the work differs (the 300 x 450 benchmark pool's LP of 130 k pairs solves over about
8.5 k of them).

Every limit is counted in work (LPs and MIP nodes, `SolverSettings.node_limit` per level),
never in seconds: the same input gives the same answer however busy the machine is. The time
limit stays as a safety net only; when it stops a run, `Outcome.time_limit_hit` says so.
"""

from __future__ import annotations

import heapq
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from matcher import progress
from matcher.problem import FloatArray, ProblemInfeasible, dot
from matcher.solvers.highs_runs import run_highs

if TYPE_CHECKING:
    from collections.abc import Callable

    from matcher.solvers.columns import ModelColumns
    from matcher.solvers.mip import MatrixModel
    from matcher.solvers.structure import CountSystem

    #: Told (the incumbent's column values or None, the level's proven bound) during the search;
    #: answers whether it reported anything (the next report then waits REPORT_EVERY_S).
    Progress = Callable[[FloatArray | None, float], bool]

#: Reduced-cost windows tried per leaf at most (each a restricted MIP; the last is the whole leaf).
LEAF_ROUNDS = 6
#: Integrality tolerance on a column value.
INT_TOL = 1e-7
#: Pools with fewer eligible pairs than this solve their LPs over every pair (no window).
WINDOW_MIN_PAIRS = 20_000
#: A window holds each giver's and each taker's best pairs, this many of each.
WINDOW_PER_PERSON = 16
#: An absent pair whose reduced cost exceeds this is let into the LP.
PRICE_TOL = 1e-9
#: At most this many absent pairs let in per LP (the most improving): column generation's batch.
PRICE_BATCH = 2_000


def pair_window(giver: np.ndarray, taker: np.ndarray, levels: list[FloatArray]) -> np.ndarray | None:
    """The pairs an LP starts from: each giver's and each taker's WINDOW_PER_PERSON best pairs,
    best by the levels in priority order (the first level decides, the next breaks its ties).
    None for a small pool (every pair). Deterministic: ties fall to the pair's index."""
    n = len(giver)
    if n < WINDOW_MIN_PAIRS:
        return None
    index = np.arange(n)
    window = np.zeros(n, dtype=bool)
    # lexsort: the last key is primary -> person, then the first level, the next level, ..., index
    keys = [index, *[-level for level in reversed(levels)]]
    for person in (giver, taker):
        order = np.lexsort((*keys, person))
        sorted_person = person[order]
        starts = np.flatnonzero(np.r_[True, sorted_person[1:] != sorted_person[:-1]])
        rank = index - np.repeat(starts, np.diff(np.r_[starts, n]))
        window[order[rank < WINDOW_PER_PERSON]] = True
    return window


@dataclass
class Outcome:
    """A level's result: the best values found, the bound proven, what was done."""

    values: FloatArray
    bound: float
    note: str
    time_limit_hit: bool = False
    work_limit_hit: bool = False


@dataclass
class _Search:
    """State of one level's search (the HiGHS model is changed in place and restored at the end)."""

    highs: Any
    mm: MatrixModel
    cols: ModelColumns
    coef: FloatArray
    integral: bool
    relative_gap: float
    branch: np.ndarray  # counter columns branched on (flow counts)
    deadline: float  # the safety net
    budget: int  # work units left: one per LP, one per MIP node
    best: tuple[FloatArray, float] | None = None
    open_bounds: list[float] = field(default_factory=list)  # bounds of leaves left unfinished
    leaves: int = 0
    lps: int = 0
    time_limit_hit: bool = False
    work_limit_hit: bool = False
    pruned: float = -np.inf  # the largest bound of a region left within the gap of the incumbent
    basis: Any = None  # the last optimal LP basis: a MIP run or an infeasible node loses HiGHS' own
    priced_in: int = 0  # absent pairs let in by their reduced cost
    on_progress: Progress | None = None  # told the incumbent and the proven bound, now and then
    next_report: float = 0.0

    def tell(self, open_bound: float) -> None:
        """Report the incumbent and the level's proven bound (display only: throttled by the clock,
        which decides nothing in the search)."""
        if self.on_progress is None or time.perf_counter() < self.next_report:
            return
        best = self.best[1] if self.best is not None else -np.inf
        bound = max([open_bound, *self.open_bounds, self.pruned, best])
        if self.on_progress(None if self.best is None else self.best[0], self.floor_bound(bound)):
            self.next_report = time.perf_counter() + progress.REPORT_EVERY_S

    # -- HiGHS helpers (columns by their number in the MatrixModel: `ModelColumns` maps them) --
    def integrality(self, cols: np.ndarray, integer: bool) -> None:
        if len(cols):
            self.cols.set_integrality(cols, integer)

    def bounds(self, cols: np.ndarray, lower: FloatArray, upper: FloatArray) -> None:
        if len(cols):
            self.cols.set_bounds(cols, lower, upper)

    def let_in(self, cols: np.ndarray, priced: bool = True) -> None:
        """Add absent columns to the model (`priced`: let in by their reduced cost). The basis
        HiGHS extends by the new columns (nonbasic at their bound) is the one to start from."""
        self.cols.add(cols)
        self.priced_in += len(cols) if priced else 0
        self.basis = None

    def run(self, max_nodes: int | None = None) -> Any:
        """One HiGHS run under the safety-net time limit (and a node limit for a MIP)."""
        left = max(self.deadline - time.perf_counter(), 0.01)
        self.highs.setOptionValue("time_limit", self.highs.getRunTime() + left)
        self.highs.setOptionValue("mip_max_nodes", max_nodes if max_nodes is not None else 2**31 - 1)
        status = run_highs(self.highs)
        if status == type(status).kTimeLimit:
            self.time_limit_hit = True
        return status

    def run_lp(self) -> Any:
        """An LP from the last optimal basis (a few pivots instead of a fresh solve), priced: it
        returns only when no absent pair could improve it, so it is the LP over every pair."""
        while True:
            if self.basis is not None and len(self.basis.col_status) == self.highs.getNumCol():
                self.highs.setBasis(self.basis)
            status = self.run()
            self.lps += 1
            if status == type(status).kOptimal:
                self.basis = self.highs.getBasis()
            # An absent pair is at 0; one whose bounds keep it there cannot change the LP.
            absent = self.cols.absent
            absent = absent[self.cols.upper[absent] > 0]
            if not len(absent):
                return status
            if status in (type(status).kInfeasible, type(status).kUnboundedOrInfeasible):
                self.let_in(absent, priced=False)  # the absent pairs may make it feasible: ask with all
                continue
            if status != type(status).kOptimal:
                return status
            # Maximising: a pair at its lower bound 0 improves the LP when its reduced cost is > 0.
            reduced = self.cols.reduced_costs(self.highs.getSolution())[absent]
            positive = np.flatnonzero(reduced > PRICE_TOL)
            if not len(positive):
                return status
            if len(positive) > PRICE_BATCH:  # the most improving first, ties by index
                positive = positive[np.lexsort((positive, -reduced[positive]))[:PRICE_BATCH]]
                positive.sort()
            self.let_in(absent[positive])

    def floor_bound(self, value: float) -> float:
        return float(np.floor(value + 1e-6)) if self.integral else value

    def prunable(self, bound: float) -> bool:
        """Whether nothing in a region bounded by `bound` can beat the incumbent by more than the
        gap. A region given up on that ground still counts in the bound reported (`pruned`)."""
        if self.best is None:
            return False
        if bound - self.best[1] <= self.relative_gap * max(abs(bound), 1.0) + 1e-9:
            self.pruned = max(self.pruned, bound)
            return True
        return False

    def offer(self, values: FloatArray) -> None:
        value = dot(self.coef, values)
        if self.best is None or value > self.best[1] + 1e-9:
            self.best = (values.copy(), value)

    def integral_at(self, values: FloatArray, cols: np.ndarray) -> bool:
        return bool(np.all(np.abs(values[cols] - np.round(values[cols])) <= INT_TOL)) if len(cols) else True

    # -- a leaf: the counts fixed, pairs binary --------------------------------------------
    def leaf(self, int_cols: np.ndarray) -> None:
        """Solve the leaf now set in the model (counts fixed, LP just solved) as restricted MIPs.

        Window: a settled pair (LP value 0 or 1) whose reduced cost exceeds `delta` is fixed at
        its LP value. Any matching that changes a fixed pair is worth at most LP - rc, so the
        leaf's bound is the larger of that and the restricted MIP's own bound; with delta at
        least LP - incumbent the leaf is settled exactly. Without an incumbent the first window
        is narrow (a quick matching), then widened.
        """
        import highspy

        self.leaves += 1
        mm, n_x = self.mm, self.mm.n_x
        solution = self.highs.getSolution()
        lp_values = self.cols.values(solution)
        lp_value = dot(self.coef, lp_values)
        reduced = np.abs(self.cols.reduced_costs(solution)[:n_x])
        at_one = (lp_values[:n_x] > 0.5).astype(np.float64)
        settled = np.abs(lp_values[:n_x] - np.round(lp_values[:n_x])) < 1e-9
        pair_cols = np.arange(n_x, dtype=np.int32)
        lower, upper = mm.col_lower[:n_x], mm.col_upper[:n_x]
        granularity = 1.0 if self.integral else 1e-7
        # With an incumbent the first window is already the exact one.
        delta = granularity if self.best is None else max(lp_value - self.best[1], 0.0) + granularity
        leaf_bound = self.floor_bound(lp_value)
        self.integrality(int_cols, True)
        finished = False
        for round_number in range(LEAF_ROUNDS):
            if round_number == LEAF_ROUNDS - 1:
                delta = np.inf  # the last window is the whole leaf
            if self.budget <= 0:
                self.work_limit_hit = True
                break
            fix = settled & (reduced > delta)
            self.let_in(pair_cols[~fix], priced=False)  # a pair the window leaves open is in the MIP
            self.bounds(pair_cols, np.where(fix, at_one, lower), np.where(fix, at_one, upper))
            status = self.run(max_nodes=self.budget)
            info = self.highs.getInfo()
            self.budget -= max(int(info.mip_node_count), 1)
            if info.primal_solution_status == 2:
                self.offer(self.cols.values(self.highs.getSolution()))
            if status == highspy.HighsModelStatus.kInfeasible:
                restricted = -np.inf
            else:
                dual_bound = float(info.mip_dual_bound)
                restricted = dual_bound if np.isfinite(dual_bound) else np.inf
            outside = lp_value - float(reduced[fix].min()) if fix.any() else -np.inf
            leaf_bound = min(leaf_bound, self.floor_bound(max(restricted, outside)))
            solved = status in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kInfeasible)
            if not solved:
                if status != highspy.HighsModelStatus.kTimeLimit:
                    self.work_limit_hit = True
                break
            if self.prunable(leaf_bound) or not fix.any():
                finished = True
                break
            # Widen: to the exact window (LP - incumbent) once there is an incumbent.
            exact = lp_value - self.best[1] + granularity if self.best is not None else delta * 10
            delta = max(delta * 4, exact)
        self.bounds(pair_cols, lower, upper)  # every pair its own bounds again
        self.integrality(int_cols, False)
        if not finished and not self.prunable(leaf_bound):
            self.open_bounds.append(leaf_bound)


def solve_level(
    cols: ModelColumns,
    coef: FloatArray,
    integral: bool,
    relative_gap: float,
    branch: np.ndarray,
    count_rows: CountSystem | None,
    node_limit: int,
    deadline: float,
    on_progress: Progress | None = None,
) -> Outcome | None:
    """One level, on the model as it stands (earlier levels held by rows): see the module
    docstring. None when nothing was found before the safety net stopped the search."""
    import highspy

    status_of = highspy.HighsModelStatus
    highs, mm = cols.highs, cols.mm
    n_x = mm.n_x
    counter_cols = (np.flatnonzero(mm.integer[n_x:]) + n_x).astype(np.int32)
    int_cols = np.concatenate([np.arange(n_x, dtype=np.int32), counter_cols])
    branch = np.asarray(branch, dtype=np.int32)
    search = _Search(
        highs, mm, cols, coef, integral, relative_gap, branch, deadline, node_limit, on_progress=on_progress
    )

    def priced() -> str:
        return (f"; LPs priced from a window of {cols.initial_pairs} pairs, {search.priced_in} let in"
                if cols.initial_pairs < n_x else "")

    def restore() -> None:
        search.integrality(int_cols, True)
        search.bounds(counter_cols, mm.col_lower[counter_cols], mm.col_upper[counter_cols])

    # 1. The LP. Primal simplex: the coverage-heavy objective is massively degenerate and
    # HiGHS' default dual simplex took 5.6 s where primal took 0.3 s (100 x 150 instance).
    search.integrality(int_cols, False)
    highs.setOptionValue("simplex_strategy", 4)
    status = search.run_lp()
    highs.setOptionValue("simplex_strategy", 1)  # after bound changes, dual simplex from the basis
    if status in (status_of.kInfeasible, status_of.kUnboundedOrInfeasible):
        restore()
        raise ProblemInfeasible("the hard rules cannot all hold (the LP relaxation is infeasible)")
    if status != status_of.kOptimal:
        restore()
        return None
    root = cols.values(highs.getSolution())
    root_bound = search.floor_bound(dot(coef, root))
    if search.integral_at(root, int_cols):
        restore()
        return Outcome(np.where(mm.integer, np.round(root), root), root_bound, "LP optimum integral" + priced())

    # 2./3. Best-first over boxes of flow counts, each box first tightened by the count rows.
    lower0, upper0 = mm.col_lower[branch].copy(), mm.col_upper[branch].copy()
    propagations = 0
    heap: list[tuple[float, int, FloatArray, FloatArray]] = [(-root_bound, 0, lower0, upper0)]
    sequence = 1
    while heap:
        parent_bound = -heap[0][0]
        search.tell(parent_bound)
        if search.prunable(parent_bound):
            heap.clear()  # best first: every node left is bounded by this one
            break
        if search.budget <= 0 or search.time_limit_hit:
            search.work_limit_hit = search.work_limit_hit or not search.time_limit_hit
            break
        _, _, lower, upper = heapq.heappop(heap)
        search.budget -= 1
        if count_rows is not None:
            propagations += 1
            tightened = count_rows.propagate(lower, upper)
            if tightened is None:
                continue  # no whole counts in this box meet the count rows
            lower, upper = tightened
        search.bounds(branch, lower, upper)
        status = search.run_lp()
        if status in (status_of.kInfeasible, status_of.kUnboundedOrInfeasible):
            continue
        if status != status_of.kOptimal:
            heapq.heappush(heap, (-parent_bound, sequence, lower, upper))  # stays open
            sequence += 1
            break
        values = cols.values(highs.getSolution())
        bound = min(search.floor_bound(dot(coef, values)), parent_bound)
        if search.prunable(bound):
            continue
        counts = values[branch]
        frac = np.abs(counts - np.round(counts))
        if len(branch) and frac.max() > INT_TOL:
            i = int(np.argmax(frac))
            down_upper, up_lower = upper.copy(), lower.copy()
            down_upper[i] = np.floor(counts[i])
            up_lower[i] = np.ceil(counts[i])
            heapq.heappush(heap, (-bound, sequence, lower, down_upper))
            heapq.heappush(heap, (-bound, sequence + 1, up_lower, upper))
            sequence += 2
            continue
        if search.integral_at(values, int_cols):
            search.offer(values)  # a matching, the best of its box
            search.tell(parent_bound)  # children's bounds never exceed their parent's
            continue
        # Integral counts, fractional pairs: fix the counts (a leaf) and split the rest of the box.
        point = np.round(counts)
        for i in range(len(branch)):
            fixed_lower = np.concatenate([point[:i], lower[i:]])
            fixed_upper = np.concatenate([point[:i], upper[i:]])
            if lower[i] <= point[i] - 1:
                below = fixed_upper.copy()
                below[i] = point[i] - 1
                heapq.heappush(heap, (-bound, sequence, fixed_lower, below))
                sequence += 1
            if point[i] + 1 <= upper[i]:
                above = fixed_lower.copy()
                above[i] = point[i] + 1
                heapq.heappush(heap, (-bound, sequence, above, fixed_upper))
                sequence += 1
        search.bounds(branch, point, point)
        if len(branch) and search.run_lp() != status_of.kOptimal:  # the same LP with the box a point: no pivots
            search.open_bounds.append(bound)
            continue
        search.leaf(int_cols)
        search.tell(parent_bound)

    open_bound = max([-entry[0] for entry in heap] + search.open_bounds + [search.pruned], default=-np.inf)
    restore()
    if search.best is None:
        if open_bound == -np.inf and not search.time_limit_hit and not search.work_limit_hit:
            raise ProblemInfeasible("the hard rules cannot all hold (no whole-pair matching meets the rows)")
        return None
    values, value = search.best
    bound = max(min(root_bound, max(open_bound, value)), search.floor_bound(value))
    note = (
        f"LP bound {root_bound:g}; {propagations} boxes of {len(branch)} group counts, {search.lps} LPs, "
        f"{search.leaves} leaves{priced()}"
        + ("; work limit reached" if search.work_limit_hit else "")
        + ("; time limit reached" if search.time_limit_hit else "")
    )
    rounded = np.where(mm.integer, np.round(values), values)
    return Outcome(rounded, bound, note, search.time_limit_hit, search.work_limit_hit)
