"""`auto`'s count boxes: a gap that whole numbers of people open, closed with assignment solves.

Equal match rates across gender groups of 379, 57, 9 and 5 adepts leave the LP (and so the
Lagrangian dual, whose bound is the LP's) free to match 300 adepts at rate 2/3 each, while
whole numbers of people allow 271 at most (3 of the 5, 5 of the 9, ...). No multiplier closes
that gap; a branch over the group counts does, and on such rows it needs very few boxes:
`structure.CountSystem.propagate` settles a box of counts by bound propagation ("3 of the 5"
leaves at most 229 of the 379), and the rest is a flow.

Here each box of counts is bounded and solved by one assignment, without an LP:

* **The box's relaxation** is the b-matching whose taker groups (the flow counters, a laminar
  family) match at most their box's upper count, the rows dropped. Caps on a laminar family are
  exact in an assignment (`_CappedAssignment`): a group that may match at most h of its n
  members gets n - h *blocker* rows that can take only its members (fewer when its subgroups'
  blockers already leave that many out). Its optimum is an upper bound for the box (the
  rows, the box's lower counts and the soft rows' penalties only lower it). Before that, a box
  is tightened by propagation (none left: no whole counts meet the rows) and bounded by a sum
  of each group's best members (`_cheap_bound`), which prunes most boxes without a solve.
  When the matching falls short of a count the box fixes, a second solve gives the groups of
  the fixed counts a bonus larger than any difference in value: its matching is the best one
  meeting them all, or, when it does not meet them, no matching in the box does.
* **A box is settled** when its relaxation's matching meets every hard row and breaks no soft
  row: that matching is feasible and worth the box's bound. **A box is split** when that
  matching breaks a count row or misses the box: on the count with the fewest values left
  among those, one box per value (halves above MAX_CHILDREN values). Best first by bound. It
  starts from the split `whole_counts_bind` made to decide that this method goes first.
* **Anything else** (a row on a pair attribute broken, a soft row broken by a box's best
  matching, the work limit reached): `None`, and the caller asks its other methods.

Exact when it answers: the bound is the largest bound of the boxes given up (every box pruned
or settled), so OPTIMAL means proven. Every limit counts work (assignment solves and boxes),
never seconds. Applies when no one has a minimum load (a slot may stay empty), every flow
counter used is a taker group, and the dense matrix is small enough.
"""

from __future__ import annotations

import heapq
import math
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from matcher.problem import BoolArray, FloatArray, Problem, Solution
from matcher.solvers.common import linear_sum_assignment
from matcher.solvers.registry import NotApplicable
from matcher.solvers.settings import SolverSettings
from matcher.solvers.structure import CounterGroups, CountSystem, count_system, counter_groups, flow_counters

if TYPE_CHECKING:
    from matcher.solvers.lagrangian import Combined

#: Largest assignment matrix (cells): slots and takers, each way.
MAX_CELLS = 4_000_000
#: Assignment solves per run at most (each box that survives its cheap bound costs one).
MAX_BOX_SOLVES = 8
#: Boxes taken from the queue at most.
MAX_BOXES = 400
#: A count with more values left than this is split in halves, not one box per value.
MAX_CHILDREN = 8
#: `whole_counts_bind` tries each value of a count with at most this many values.
MAX_PREDICT_VALUES = 32


@dataclass
class _Groups:
    """The taker groups of the flow counters (equal groups merged), as a laminar tree."""

    members: list[BoolArray]  # per group: its takers
    size: FloatArray  # per group: number of members
    parent: list[int]  # per group: the smallest group strictly containing it, -1 if none
    of_count: list[int]  # per count (CountSystem order): its group
    order: list[int]  # groups, smallest first (children before parents)


def _groups(problem: Problem, names: list[str], known: CounterGroups | None = None) -> _Groups:
    known = known or counter_groups(problem)
    members: list[BoolArray] = []
    of_count: list[int] = []
    for name in names:
        group = known.members[name]
        for g, other in enumerate(members):
            if np.array_equal(other, group):
                of_count.append(g)
                break
        else:
            of_count.append(len(members))
            members.append(group)
    size = np.array([float(m.sum()) for m in members])
    parent = []
    for g, group in enumerate(members):
        holders = [o for o, other in enumerate(members) if o != g and not np.any(group & ~other)]
        parent.append(min(holders, key=lambda o: (size[o], o)) if holders else -1)
    order = sorted(range(len(members)), key=lambda g: (size[g], g))
    return _Groups(members, size, parent, of_count, order)


def _group_caps(groups: _Groups, upper: FloatArray) -> FloatArray:
    """Per group, the most of its members the box lets match (the least over its counts)."""
    caps = groups.size.copy()
    for k, g in enumerate(groups.of_count):
        caps[g] = min(caps[g], max(float(upper[k]), 0.0))
    return caps


class _CappedAssignment:
    """max w.x over the b-matching whose taker groups match at most their caps (see the module
    docstring), as one dense assignment: rows are the givers' capacity slots and the blockers,
    columns the takers and enough 'empty' columns for every slot. A cell no worthwhile pair is
    costs 0 for a slot (the slot stays empty)."""

    def __init__(self, problem: Problem, w: FloatArray, groups: _Groups) -> None:
        t_n = problem.n_takers
        slots = int(problem.giver_max.sum())
        self.t_n, self.slots = t_n, slots
        self.groups = groups
        self.n_pairs = problem.n_pairs
        self.w = w
        self.taker = problem.taker
        slot_start = np.cumsum(problem.giver_max) - problem.giver_max
        self.slot_giver = np.repeat(np.arange(problem.n_givers), problem.giver_max)
        per_pair = problem.giver_max[problem.giver]
        # Each pair's cell in each of its giver's slots: (pairs, rows, columns) per slot number.
        self.cells = []
        for j in range(int(problem.giver_max.max(initial=0))):
            pairs = np.flatnonzero(per_pair > j)
            self.cells.append((pairs, slot_start[problem.giver[pairs]] + j, problem.taker[pairs]))
        self.base = self._slot_costs(w)
        self.blocker = np.where(np.array(groups.members), 0.0, np.inf).reshape(len(groups.members), t_n)
        self.pair_of = np.full((problem.n_givers, t_n), -1, dtype=np.int64)
        self.pair_of[problem.giver, problem.taker] = np.arange(problem.n_pairs)

    def _slot_costs(self, w: FloatArray) -> FloatArray:
        """Slot x taker costs: -w for a pair worth making, 0 (the slot stays empty) elsewhere."""
        base = np.zeros((self.slots, self.t_n))
        for pairs, rows, cols in self.cells:
            worth = w[pairs] > 0
            base[rows[worth], cols[worth]] = -w[pairs[worth]]
        return base

    def blockers(self, caps: FloatArray) -> list[int]:
        """Blocker rows per group: each group leaves at least size - cap members unmatched, its
        subgroups' blockers counting towards it."""
        groups = self.groups
        need = [0.0] * len(caps)
        below = [0.0] * len(caps)
        for g in groups.order:  # children before parents
            need[g] = max(groups.size[g] - caps[g], below[g])
            if groups.parent[g] >= 0:
                below[groups.parent[g]] += need[g]
        return [round(need[g] - below[g]) for g in range(len(caps))]

    def solve(self, caps: FloatArray, bonus: BoolArray | None = None) -> BoolArray:
        """The best matching under the caps; with `bonus` (groups), the best of those matching
        the most members of the bonus groups together (each member matched is worth more than
        any difference in w.x, per bonus group holding it), so that when some matching meets every
        bonus group's cap, the answer is the best of those."""
        w, base = self.w, self.base
        if bonus is not None and bonus.any():
            # A bonus that outweighs any difference in w.x: one unit more of a bonus group wins.
            widest = np.zeros(self.t_n)
            np.maximum.at(widest, self.taker, np.abs(self.w))
            extra = (float(widest.sum()) + 1.0) * np.array(self.groups.members)[bonus].sum(axis=0)
            w = w + extra[self.taker]
            base = self._slot_costs(w)
        count = self.blockers(caps)
        blocked = sum(count)
        empties = max(self.slots + blocked - self.t_n, 0)
        # Blocker rows first: LAPJV then settles the many equal-cost blocker cells before the slots
        # (half the time on the 300 x 450 pool's boxes with 150-180 blockers).
        cost = np.empty((blocked + self.slots, self.t_n + empties))
        if blocked:
            cost[:blocked, : self.t_n] = np.repeat(self.blocker, count, axis=0)
            cost[:blocked, self.t_n :] = np.inf
        cost[blocked:, : self.t_n] = base
        cost[blocked:, self.t_n :] = 0.0
        found_rows, found_cols = linear_sum_assignment(cost)  # always feasible: see blockers()
        taken = (found_rows >= blocked) & (found_cols < self.t_n)
        pairs = self.pair_of[self.slot_giver[found_rows[taken] - blocked], found_cols[taken]]
        pairs = pairs[pairs >= 0]
        pairs = pairs[w[pairs] > 0]
        x = np.zeros(self.n_pairs, dtype=bool)
        x[pairs] = True
        return x


def _cheap_bound(groups: _Groups, best: FloatArray, caps: FloatArray) -> float:
    """An upper bound on w.x over the box: each group matches at most its cap of members, each
    worth at most its best pair (`best`, per taker); a group at most its best `cap` members, or
    its subgroups' bounds plus its best other members."""
    bound = [0.0] * len(caps)
    inner = [0.0] * len(caps)
    direct = np.ones(len(best), dtype=bool)
    for g in groups.order:
        cap = int(caps[g])
        top = np.sort(best[groups.members[g]])[::-1][:cap].sum()
        own = groups.members[g].copy()
        for h in range(len(caps)):
            if groups.parent[h] == g:
                own &= ~groups.members[h]
        top_own = np.sort(best[own])[::-1][:cap].sum()
        bound[g] = float(min(top, inner[g] + top_own))
        if groups.parent[g] >= 0:
            inner[groups.parent[g]] += bound[g]
        else:
            direct &= ~groups.members[g]
    return float(sum(bound[g] for g in range(len(caps)) if groups.parent[g] < 0) + best[direct].sum())


Box = tuple[FloatArray, FloatArray]


def whole_counts_bind(system: CountSystem, groups: _Groups) -> list[Box] | None:
    """Whether whole numbers of people cost matches: the most takers the count rows let match
    (the top groups' counts) is smaller when one count is set to each of its whole values (the
    count with the fewest values, up to MAX_PREDICT_VALUES of them) than over the root box,
    both after propagation. Then the LP, and so the Lagrangian dual, overestimates what any
    matching reaches, and this method goes first; else the Lagrangian does. A choice of order
    made from the rows' structure only: both methods prove what they answer.

    The answer when they do: those boxes, one per value (a split of the root box, the ones no
    whole counts fit left out), where the search starts. None when they do not."""
    root = system.propagate(system.count_lower, system.count_upper)
    if root is None:
        return None
    lower, upper = root
    top = np.array([groups.parent[g] < 0 for g in groups.of_count])
    seen: set[int] = set()
    tops = [k for k, g in enumerate(groups.of_count) if top[k] and not (g in seen or seen.add(g))]  # type: ignore[func-returns-value]

    def most(upper: FloatArray) -> float:
        return float(sum(upper[k] for k in tops))

    open_counts = np.flatnonzero(upper > lower)
    if not len(open_counts):
        return None
    k = int(open_counts[np.argmin(upper[open_counts] - lower[open_counts])])
    if upper[k] - lower[k] + 1 > MAX_PREDICT_VALUES:
        return None
    boxes: list[Box] = []
    for value in range(int(upper[k]), int(lower[k]) - 1, -1):  # the most first: an early no
        child_lower, child_upper = lower.copy(), upper.copy()
        child_lower[k] = child_upper[k] = value
        tightened = system.propagate(child_lower, child_upper)
        if tightened is not None:
            if most(tightened[1]) >= most(upper) - 0.5:
                return None  # some whole value lets as many match as the root box
            boxes.append(tightened)
    return boxes[::-1]


def solve_count_boxes(problem: Problem, settings: SolverSettings, *, only_if_bind: bool = True) -> Solution | None:
    """The optimum, proven, by a branch over count boxes bounded by assignments; None when this
    method does not settle the problem within its work limits (see the module docstring), or
    (`only_if_bind`) when whole counts do not cost matches (`whole_counts_bind`)."""
    started = time.perf_counter()
    if problem.n_pairs == 0 or problem.fixed.any() or problem.giver_min.any() or problem.taker_min.any():
        return None
    known = counter_groups(problem)
    names = [name for name in flow_counters(problem, known) if known.side[name] == "taker"]
    if not names:
        return None
    slots = int(problem.giver_max.sum())
    if (slots + problem.n_takers) ** 2 > MAX_CELLS:
        return None
    system = count_system(problem, names, known)
    if not len(system.lower):
        return None
    groups = _groups(problem, names, known)
    start = whole_counts_bind(system, groups) if only_if_bind else [(system.count_lower, system.count_upper)]
    if start is None:
        return None
    # Imported here, past the cheap refusals: most small runs stop above, and the Lagrangian
    # module brings scipy.sparse (about 0.1 s to import together).
    from matcher.solvers.lagrangian import allowed_gap, combine_levels, leveled_solution

    try:
        comb = combine_levels(problem)
    except NotApplicable:
        return None
    w = comb.weights.astype(np.float64)
    best_of = np.zeros(problem.n_takers)
    np.maximum.at(best_of, problem.taker, np.maximum(w, 0.0))
    solver = _CappedAssignment(problem, w, groups)
    search = _BoxSearch(problem, system, groups, solver, best_of, comb)
    outcome = search.run(settings, start)
    if outcome is None:
        return None
    x, value, upper = outcome
    tolerance = allowed_gap(problem, comb, settings, x)
    if upper - value > tolerance:
        return None
    notes = [
        f"count boxes over {len(names)} group counts: {len(start)} to start, {search.boxes} taken, "
        f"{search.solves} capped assignment solves; combined objective {value:.0f}, bound {upper:.0f}"
    ]
    return replace(leveled_solution(problem, comb, x, upper, settings, started, notes), solver="count-boxes")


@dataclass
class _BoxSearch:
    problem: Problem
    system: CountSystem
    groups: _Groups
    solver: _CappedAssignment
    best_of: FloatArray
    comb: Combined
    boxes: int = 0
    solves: int = 0
    stopped: str = ""  # why the search gave up, if it did

    def counts(self, x: BoolArray) -> FloatArray:
        """The counts (CountSystem order) of the matching x."""
        matched = np.zeros(self.problem.n_takers, dtype=bool)
        matched[self.problem.taker[x]] = True
        return np.array([float(np.count_nonzero(matched & self.groups.members[g])) for g in self.groups.of_count])

    def run(self, settings: SolverSettings, start: list[Box]) -> tuple[BoolArray, float, float] | None:
        """(the best matching, its combined value, the proven bound) or None (given up), from
        the boxes `start` (a split of the root box)."""
        from matcher.solvers.lagrangian import allowed_gap

        comb = self.comb
        system, groups = self.system, self.groups
        weights = comb.weights.astype(np.float64)
        best: tuple[BoolArray, float] | None = None
        tolerance = 0.0
        pruned = -math.inf  # the largest bound of a box given up on its bound
        heap: list[tuple[float, int, FloatArray, FloatArray]] = []
        sequence = 0

        def push(lower: FloatArray, upper: FloatArray, bound: float) -> None:
            nonlocal sequence
            tightened = system.propagate(lower, upper)
            if tightened is None:
                return  # no whole counts in this box meet the count rows
            lower, upper = tightened
            bound = min(bound, math.floor(_cheap_bound(groups, self.best_of, _group_caps(groups, upper)) + 1e-6))
            heapq.heappush(heap, (-bound, sequence, lower, upper))
            sequence += 1

        for lower, upper in start:
            push(lower.copy(), upper.copy(), math.inf)
        while heap:
            bound = -heap[0][0]
            if best is not None and bound - best[1] <= tolerance:
                pruned = max(pruned, bound)
                break  # best first: every box left is bounded by this one
            if self.boxes >= MAX_BOXES or self.solves >= MAX_BOX_SOLVES:
                self.stopped = "work limit"
                return None
            _, _, lower, upper = heapq.heappop(heap)
            self.boxes += 1
            self.solves += 1
            caps = _group_caps(groups, upper)
            x = self.solver.solve(caps)
            relaxed = float(weights[x].sum())  # a bound: the box's rows and lower counts dropped
            counts = self.counts(x)
            if np.any(counts < lower - 1e-9):
                # A count short of its box: the best matching with every count the box fixes met
                # (the bonus makes them the first aim). None meets them all: no matching in the box.
                fixed = np.zeros(len(caps), dtype=bool)
                for index in np.flatnonzero((lower == upper) & (upper > 0)):
                    fixed[groups.of_count[index]] = True
                if fixed.any():
                    self.solves += 1
                    x = self.solver.solve(caps, fixed)
                    counts = self.counts(x)
                    if any(counts[k] < upper[k] - 1e-9 for k in np.flatnonzero(lower == upper)):
                        continue
                    relaxed = min(relaxed, float(weights[x].sum()))
            bound = min(bound, relaxed)
            feasible = comb.feasible(x)
            if feasible:
                value = float(comb.value(x))
                if best is None or value > best[1]:
                    best = (x, value)
                    tolerance = allowed_gap(self.problem, comb, settings, x)
                if relaxed - value <= 0.5:
                    continue  # settled: a feasible matching worth the box's bound
            if best is not None and bound - best[1] <= tolerance:
                pruned = max(pruned, bound)
                continue
            if feasible:
                self.stopped = "a soft row broken at a box's best matching"
                return None
            lhs = system.matrix @ counts
            broken = (lhs > system.upper + 1e-9) | (lhs < system.lower - 1e-9)
            short = counts < lower - 1e-9  # outside the box: split the count it misses
            if not broken.any() and not short.any():
                self.stopped = "a row on a pair attribute broken"
                return None
            involved = np.flatnonzero((np.any(system.matrix[broken] != 0, axis=0) | short) & (upper > lower))
            if not len(involved):
                self.stopped = "a broken count row on fixed counts"
                return None
            k = int(involved[np.argmin(upper[involved] - lower[involved])])
            if upper[k] - lower[k] + 1 <= MAX_CHILDREN:
                for value_k in range(int(lower[k]), int(upper[k]) + 1):
                    child_lower, child_upper = lower.copy(), upper.copy()
                    child_lower[k] = child_upper[k] = value_k
                    push(child_lower, child_upper, bound)
            else:
                middle = math.floor((lower[k] + upper[k]) / 2)
                below, above = upper.copy(), lower.copy()
                below[k], above[k] = middle, middle + 1
                push(lower.copy(), below, bound)
                push(above, upper.copy(), bound)
        if best is None:
            return None
        return best[0], best[1], max(best[1], math.floor(pruned + 1e-9) if pruned > -math.inf else best[1])
