"""How many mentors to recruit so that every adept can be matched (`matcher plan`).

Solved as one optimisation, not by trial. A recruit is a hypothetical mentor of a *class*:
administration x band (x gender when a hard same-gender rule makes gender matter). Recruits
of one class are identical for every rule (each has a unit no one else has, so `unit` never
separates them), so one *pooled* giver per class stands for all of them: the scenario's own
model is built with the pools as extra givers and coverage made hard, and then

    n_c >= 0 integer   recruits of class c
    lo * n_c <= sum_t x_{c,t} <= capacity * n_c     (lo: min_per_mentor, capped at capacity)
    every other bound and hard row of the scenario's model, unchanged
    minimise  W * sum_c n_c  -  sum_{recruit pairs} tie_e x_e         (W > the largest tie-break)

The second term only breaks ties (W keeps the levels lexicographic): among the fewest
recruits, prefer recruiting in the administrations whose adepts need them (and, when
recruits have a gender, of the adept's gender). Identical
recruits make the pooled model exact: a pool carrying k adepts splits into n_c recruits
whenever lo * n_c <= k <= capacity * n_c. Soft rules (topics, scores, soft rows) shape the
quality of the matching, not whether everyone can be matched, and are left out; so are
hard rows that every full matching meets (equal match rates when everyone is matched).

How it is solved (`_solve_plan`): with capacity 1, n_c is the pool's number of pairs, so
the model is an ordinary Problem for the engine's own back-ends (a min-cost flow without
rows; HiGHS or the Lagrangian with its dual bound with a cross-share row). With larger
capacities, a branch and bound on the few n_c over HiGHS LPs (pairs stay continuous: with
integral counts the rest is a b-matching whose LP is integral); beyond MIP_MAX_PAIRS, the
engine's fewest pool pairs F give the bound ceil(F / capacity) and the pools are capped at
it. The status is OPTIMAL only when the total meets a proven lower bound.

What recruits do not have yet -- questionnaire scores and topics -- cannot be held against
them: `pair_scores: {missing: forbid}` and `topics: {min_shared: N}` do not filter the
pools. Each proposed recruit is then given the topics of the adepts the plan has them
mentor, and `with_recruits` adds score rows for those pairs, so the plan's own matching
is valid in an ordinary run.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from constraints import MATCHING_RULE, Constraint, Instance
from matcher.domain import ADMINISTRATIONS, BANDS, VAN_UP_TO_YEARS
from matcher.engine import build_problem, prechecks, solve, solve_problem
from matcher.errors import Conflict, InfeasibleError, InputError, NoSolutionError
from matcher.io.pairs import validate_pair_table
from matcher.io.people import PEOPLE_COLUMNS, validate_people
from matcher.left_out import eligibility_conflicts
from matcher.problem import (
    BoolArray,
    FloatArray,
    Problem,
    ProblemInfeasible,
    ProblemTimeout,
    Row,
)
from matcher.scenario import Scenario
from matcher.solvers.settings import SolverSettings

#: Ids of proposed recruits: REKRYT-001, REKRYT-002, ...
RECRUIT_PREFIX = "REKRYT"
#: Rules whose filter reads information a recruit does not have before being recruited.
NOT_YET_KNOWN = ("pair_scores", "topics")
#: Years in the profession a recruit is assumed to have, per band (only the `position` rule
#: reads years; the band rule reads the band). Ny and Van: near the top of the band. Erfaren:
#: see `recruit_years` (more than any adept, so "the mentor is the more experienced" holds).
BAND_YEARS: dict[str, float] = {"Ny": 1.5, "Van": VAN_UP_TO_YEARS}
#: An Erfaren recruit has at least this many years (more when an adept has more).
ERFAREN_MIN_YEARS = 10.0


@dataclass(frozen=True, order=True)
class RecruitClass:
    """A kind of recruit: identical for every rule of the scenario."""

    administration: str
    band: str
    gender: str | None = None  # None: no hard rule reads a mentor's gender, any will do

    def label(self) -> str:
        parts = [self.administration, self.band] + ([self.gender] if self.gender else [])
        return " / ".join(parts)


@dataclass
class RecruitPlan:
    """The fewest recruits, per class, that let every adept be matched, with the proof."""

    scenario: Scenario
    capacity: int  # adepts per recruit
    classes: list[RecruitClass]  # every class considered (some may get 0)
    counts: dict[RecruitClass, int]
    status: str  # OPTIMAL when the total is proven fewest, else FEASIBLE
    bound: int  # proven lower bound on the total number of recruits
    by_gender: bool
    recruits: pd.DataFrame  # one people-file row per proposed recruit (canonical columns)
    planned_pairs: pd.DataFrame  # mentor_id, adept_id: the plan's matching (recruits named)
    solve_seconds: float
    build_seconds: float
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def table(self) -> pd.DataFrame:
        """Recruits per administration x band (x gender), every class listed, zeros included."""
        rows = []
        for c in self.classes:
            row: dict[str, Any] = {"administration": c.administration, "band": c.band}
            if self.by_gender:
                row["gender"] = c.gender
            row["recruits"] = self.counts.get(c, 0)
            rows.append(row)
        columns = ["administration", "band", *(["gender"] if self.by_gender else []), "recruits"]
        return pd.DataFrame(rows, columns=columns)

    def summary(self) -> dict[str, Any]:
        """plan.json: totals, status, time and the bound that proves the total is fewest."""
        inst = self.scenario.instance()
        return {
            "scenario": self.scenario.name,
            "program": self.scenario.program,
            "question": f"fewest {inst.giver_role}s to recruit so that every {inst.taker_role} can be matched",
            "status": self.status,
            "recruits_total": self.total,
            "best_bound": self.bound,
            "proof": (
                f"no recruits are needed: every {inst.taker_role} can already be matched"
                if self.total == 0
                else f"the solver's proven lower bound is {self.bound}: no plan with fewer than {self.bound} "
                f"recruits lets every {inst.taker_role} be matched"
                + ("" if self.status == "OPTIMAL" else f"; this plan has {self.total}, not proven fewest")
            ),
            "capacity_per_recruit": self.capacity,
            "givers": inst.n_givers,
            "places": int(inst.givers["capacity"].sum()),
            "takers": inst.n_takers,
            "by_gender": self.by_gender,
            "recruits": [
                {
                    "administration": c.administration,
                    "band": c.band,
                    **({"gender": c.gender} if self.by_gender else {}),
                    "recruits": self.counts.get(c, 0),
                }
                for c in self.classes
            ],
            "recruit_ids": [str(i) for i in self.recruits["id"]],
            "solve_seconds": round(self.solve_seconds, 4),
            "build_seconds": round(self.build_seconds, 4),
            "notes": self.notes,
        }


# -- the classes and their people rows -----------------------------------------------------------


def _rule(constraints: Iterable[Constraint], name: str) -> Constraint | None:
    return next((c for c in constraints if c.name == name), None)


def gender_matters(scenario: Scenario) -> bool:
    """Whether a hard rule reads a mentor's gender: only hard same-gender requests do."""
    rule = _rule(scenario.active_constraints(), "gender_balance")
    if rule is None or getattr(rule.params, "same_gender_requests", "off") != "hard":
        return False
    takers = scenario.instance().takers
    return bool(takers["same_gender"].any())


def recruit_classes(scenario: Scenario) -> tuple[list[RecruitClass], bool]:
    """Every administration x band, times the genders of adepts who require a same-gender mentor.

    Adepts without such a request accept any gender, so the requesters' genders are enough.
    """
    if not gender_matters(scenario):
        return [RecruitClass(a, b) for a in ADMINISTRATIONS for b in BANDS], False
    takers = scenario.instance().takers
    genders = sorted(set(takers.loc[takers["same_gender"], "gender"].astype(str)))
    return [RecruitClass(a, b, g) for a in ADMINISTRATIONS for b in BANDS for g in genders], True


def recruit_years(scenario: Scenario) -> dict[str, float]:
    """Years per band: Ny 1.5, Van 5, Erfaren more than any adept (at least 10)."""
    takers = scenario.instance().takers
    most = float(np.nanmax(takers["years"].to_numpy(dtype=np.float64))) if takers["years"].notna().any() else 0.0
    return {**BAND_YEARS, "Erfaren": max(ERFAREN_MIN_YEARS, math.floor(most) + 1.0)}


def recruit_position(scenario: Scenario) -> str:
    """The position a recruit holds: the one the `position` rule asks of mentors, else the usual one."""
    rule = _rule(scenario.active_constraints(), "position")
    if rule is not None:
        return str(rule.params.giver_position)  # type: ignore[attr-defined]
    givers = scenario.instance().givers
    positions = givers["position"].astype(str)
    positions = positions[positions.str.strip() != ""]
    return str(positions.mode().iat[0]) if len(positions) else ""


def _free_ids(scenario: Scenario, count: int, prefix: str = RECRUIT_PREFIX) -> list[str]:
    """REKRYT-001.. (wider when needed), skipping ids the people file already uses."""
    taken = set(scenario.people["id"].astype(str))
    width = max(3, len(str(count)))
    ids: list[str] = []
    number = 1
    while len(ids) < count:
        candidate = f"{prefix}-{number:0{width}d}"
        if candidate not in taken:
            ids.append(candidate)
        number += 1
    return ids


def _people_rows(
    scenario: Scenario, classes: list[RecruitClass], ids: list[str], capacity: int, topics: list[str] | None = None
) -> pd.DataFrame:
    """Recruits as people-file rows (canonical English columns), validated like any input."""
    years = recruit_years(scenario)
    position = recruit_position(scenario)
    giver_role = scenario.instance().giver_role
    records = [
        {
            "id": rid,
            "role": giver_role,
            "administration": c.administration,
            "gender": c.gender or "undisclosed",
            "years": years[c.band],
            "band": c.band,
            "capacity": capacity,
            "unit": f"Rekrytering {rid}",  # a unit no one else has: `unit` never separates recruits
            "position": position,
            "topics": topics[k] if topics else "",
            "same_gender": "no",
            "name": "",
        }
        for k, (c, rid) in enumerate(zip(classes, ids, strict=True))
    ]
    return pd.DataFrame(records, columns=list(_RECRUIT_COLUMNS))


_RECRUIT_COLUMNS = tuple(c for c in PEOPLE_COLUMNS if c not in ("supervisor_trained", "applied_to", "source_row"))


def _with_people(scenario: Scenario, rows: pd.DataFrame, source: str) -> Scenario:
    """The scenario with extra people rows appended (validated), everything else as it was."""
    if rows.empty:
        return scenario
    extra = validate_people(rows, source)
    people = pd.concat([scenario.people, extra], ignore_index=True)
    people.attrs = dict(scenario.people.attrs)
    return replace(scenario, people=people)


def _coverage_hard(scenario: Scenario) -> Scenario:
    """The same scenario, but every adept must be matched."""
    constraints = {name: dict(params) for name, params in scenario.constraints.items()}
    constraints[MATCHING_RULE] = {**constraints.get(MATCHING_RULE, {}), "hard": True}
    return replace(scenario, constraints=constraints)


def _settings(scenario: Scenario, time_limit_s: float | None = None) -> SolverSettings:
    return scenario.solver.but(time_limit_s=time_limit_s or scenario.solver.time_limit_s)


# -- the pooled model ------------------------------------------------------------------------------


@dataclass
class _Pooled:
    """The scenario with one pooled giver per class appended, ready to build models from."""

    scenario: Scenario  # people incl. the pools, coverage hard
    inst: Instance
    constraints: list[Constraint]
    classes: list[RecruitClass]
    first_pool: int  # giver index of the first pool

    def eligible(self, constraints: list[Constraint] | None = None) -> BoolArray:
        """The engine's eligibility, except that rules on not-yet-known data spare the pools."""
        mask = np.ones((self.inst.n_givers, self.inst.n_takers), dtype=bool)
        for constraint in constraints if constraints is not None else self.constraints:
            allowed = constraint.filter_mask(self.inst)
            if allowed is None:
                continue
            if constraint.name in NOT_YET_KNOWN:
                allowed = allowed.copy()
                allowed[self.first_pool :, :] = True
            mask &= allowed
        return mask


def _pooled(scenario: Scenario, classes: list[RecruitClass]) -> _Pooled:
    base = _coverage_hard(scenario)
    n_takers = int((scenario.people["role"] == scenario.instance().taker_role).sum())
    ids = _free_ids(scenario, len(classes), prefix=f"{RECRUIT_PREFIX}-POOL")
    # A pool's capacity only needs to let it take every adept; the MIP sets the real bound.
    rows = _people_rows(scenario, classes, ids, max(n_takers, 1))
    augmented = _with_people(base, rows, "<recruits>")
    inst = augmented.instance()
    return _Pooled(augmented, inst, augmented.active_constraints(), classes, inst.n_givers - len(classes))


def _min_per_recruit(constraints: list[Constraint], capacity: int) -> int:
    rule = _rule(constraints, "capacity")
    return min(capacity, int(getattr(rule, "min_per_mentor", 0))) if rule is not None else 0


def _solve_pooled(
    pooled: _Pooled,
    problem: Problem,
    capacity: int,
    settings: SolverSettings,
    *,
    tie_break: bool = True,
) -> tuple[FloatArray, np.ndarray, str, int] | None:
    """The MIP over pair variables x and recruit counts n. Returns (x, n, status, bound) or None if infeasible."""
    import highspy

    from matcher.solvers.mip import quiet_stdout, use_threads

    started = time.perf_counter()
    n_x, n_pool = problem.n_pairs, len(pooled.classes)
    g_n, t_n = problem.n_givers, problem.n_takers
    first = pooled.first_pool
    low = _min_per_recruit(pooled.constraints, capacity)
    pool_of_pair = problem.giver - first  # >= 0 for pairs with a pool
    in_pool = pool_of_pair >= 0
    hard_rows = [row for row in problem.rows if row.hard]
    n_cols = n_x + n_pool
    rows: list[np.ndarray] = [problem.giver, g_n + problem.taker]
    cols: list[np.ndarray] = [np.arange(n_x), np.arange(n_x)]
    vals: list[np.ndarray] = [np.ones(n_x), np.ones(n_x)]
    # Pools: sum x - capacity * n <= 0 and sum x - low * n >= 0.
    pool_rows = first + np.arange(n_pool)
    extra_rows = g_n + t_n + len(hard_rows)
    rows.append(pool_rows)
    cols.append(n_x + np.arange(n_pool))
    vals.append(np.full(n_pool, -float(capacity)))
    if low > 0:
        rows.append(extra_rows + np.arange(n_pool))
        cols.append(n_x + np.arange(n_pool))
        vals.append(np.full(n_pool, -float(low)))
    rows.append(extra_rows + pool_of_pair[in_pool])
    cols.append(np.flatnonzero(in_pool))
    vals.append(np.ones(int(in_pool.sum())))
    giver_lower = problem.giver_min.astype(float)
    giver_upper = problem.giver_max.astype(float)
    giver_lower[first:], giver_upper[first:] = -np.inf, 0.0
    lower = [giver_lower, problem.taker_min.astype(float)]
    upper = [giver_upper, np.ones(t_n)]
    for k, row in enumerate(hard_rows):
        nz = np.flatnonzero(row.coef)
        rows.append(np.full(len(nz), g_n + t_n + k))
        cols.append(nz)
        vals.append(row.coef[nz])
        lower.append(np.array([row.rhs if row.sense == ">=" else -np.inf]))
        upper.append(np.array([row.rhs if row.sense == "<=" else np.inf]))
    lower.append(np.zeros(n_pool))
    upper.append(np.full(n_pool, np.inf))
    n_rows = extra_rows + n_pool
    row_idx, col_idx, values = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    order = np.lexsort((row_idx, col_idx))
    start = np.zeros(n_cols + 1, dtype=np.int64)
    np.cumsum(np.bincount(col_idx, minlength=n_cols), out=start[1:])

    weight = float(2 * t_n + 1)  # above the largest tie-break (two points per adept)
    cost = np.zeros(n_cols)
    cost[n_x:] = weight
    if tie_break:
        cost[:n_x] = -_tie_break(pooled, problem).astype(float)

    with quiet_stdout():
        highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    use_threads(highs, max(1, settings.workers))
    highs.setOptionValue("random_seed", settings.seed)
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_abs_gap", 0.999)  # the objective is integral
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n_cols, n_rows
    lp.col_cost_ = cost
    lp.col_lower_ = np.concatenate([problem.fixed.astype(float), np.zeros(n_pool)])
    lp.col_upper_ = np.concatenate([np.ones(n_x), np.full(n_pool, float(t_n))])
    lp.row_lower_ = np.concatenate(lower)
    lp.row_upper_ = np.concatenate(upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = start
    lp.a_matrix_.index_ = row_idx[order].astype(np.int32)
    lp.a_matrix_.value_ = values[order].astype(np.float64)
    lp.sense_ = highspy.ObjSense.kMinimize
    lp.integrality_ = [highspy.HighsVarType.kContinuous] * n_cols
    highs.passModel(lp)
    return _branch_on_counts(highs, n_x, n_pool, weight, started + settings.time_limit_s)


def _branch_on_counts(
    highs: Any, n_x: int, n_pool: int, weight: float, deadline: float
) -> tuple[FloatArray, np.ndarray, str, int] | None:
    """Best-first branch and bound on the recruit counts n only; every node an LP.

    Why not HiGHS' own MIP: it took 17-23 s on the city example (23 k pairs) where this takes
    about a second. With the counts fixed at integers the rest is a b-matching whose LP is
    integral (bounds are integers, the matrix is totally unimodular), so a basic optimum
    with integral counts has integral pairs too -- unless a hard row (e.g. a cross share)
    remains; then that node is solved as a MIP. Objective: W * sum n - tie-break, where the
    tie-break is below W, so a node with LP value L needs at least ceil(L / W) recruits. Nodes
    are pruned on that: the total is proven fewest, the tie-break only steers the search
    (proving it too took a minute on the city example, for no change in the total).
    """
    import heapq

    import highspy

    from matcher.solvers.mip import limit_time

    kind = highspy.HighsVarType
    status_of = highspy.HighsModelStatus
    count_cols = (n_x + np.arange(n_pool)).astype(np.int32)
    base_lower = np.zeros(n_pool)
    base_upper = np.full(n_pool, np.inf)
    # (priority, serial, parent's LP value, lower, upper): best-first by the parent's value, except
    # that until a first plan is found the search dives (the "round a count up" child first).
    queue: list[tuple[float, int, float, FloatArray, FloatArray]] = [(-np.inf, 0, -np.inf, base_lower, base_upper)]
    best: tuple[FloatArray, float, int] | None = None  # solution, objective, recruits
    serial = 1

    def needed(lp_value: float) -> int:
        """Fewest recruits any solution of a node with this LP value has."""
        return max(0, math.ceil(lp_value / weight - 1e-9))

    open_bound = np.inf  # smallest LP value of a node left open when time ran out
    first = True

    def run_node(lower: FloatArray, upper: FloatArray) -> tuple[Any, FloatArray | None]:
        highs.changeColsBounds(n_pool, count_cols, lower, upper)
        limit_time(highs, deadline)
        highs.run()
        status = highs.getModelStatus()
        values = np.asarray(highs.getSolution().col_value) if status == status_of.kOptimal else None
        return status, values

    while queue:
        if time.perf_counter() >= deadline:
            open_bound = min(entry[2] for entry in queue)
            break
        _, _, parent, lower, upper = heapq.heappop(queue)
        if best is not None and needed(parent) >= best[2]:
            continue
        if first:
            # The LP first by primal simplex: the engine measured dual simplex 20x slower on this degenerate LP.
            highs.setOptionValue("simplex_strategy", 4)
        status, values = run_node(lower, upper)
        if first:
            highs.setOptionValue("simplex_strategy", 1)  # later nodes: dual simplex from the last basis
            first = False
        if status in (status_of.kInfeasible, status_of.kUnboundedOrInfeasible):
            continue
        if values is None:  # out of time: the node stays open
            open_bound = min([parent, *(entry[2] for entry in queue)])
            break
        cost = np.asarray(highs.getLp().col_cost_)
        value = float(cost @ values)
        if best is not None and needed(value) >= best[2]:
            continue
        counts = values[n_x:]
        fractional = np.abs(counts - np.round(counts))
        if fractional.max() <= 1e-7:
            pairs = values[:n_x]
            if np.abs(pairs - np.round(pairs)).max() > 1e-7:
                # A remaining row made the pairs fractional: solve this node's box exactly.
                every = np.arange(n_x + n_pool, dtype=np.int32)
                highs.changeColsIntegrality(len(every), every, [kind.kInteger] * len(every))
                status, values = run_node(lower, upper)
                highs.changeColsIntegrality(len(every), every, [kind.kContinuous] * len(every))
                if status != status_of.kOptimal or values is None:
                    if status not in (status_of.kInfeasible, status_of.kUnboundedOrInfeasible):
                        open_bound = min([value, *(entry[2] for entry in queue)])
                        break
                    continue
                value = float(cost @ values)
            rounded = np.round(values)
            if best is None or float(cost @ rounded) < best[1]:
                best = (rounded, float(cost @ rounded), int(rounded[n_x:].sum()))
            continue
        i = int(np.argmax(fractional))
        down_upper, up_lower = upper.copy(), lower.copy()
        down_upper[i] = np.floor(counts[i])
        up_lower[i] = np.ceil(counts[i])
        heapq.heappush(queue, (value, serial, value, lower, down_upper))
        heapq.heappush(queue, (value if best is not None else -np.inf, -serial, value, up_lower, upper))
        serial += 1
    if best is None:
        if open_bound < np.inf:
            raise ProblemTimeout("no plan found within the time limit")
        return None
    solution, _, total = best
    counts = np.round(solution[n_x:]).astype(np.int64)
    bound = total if open_bound == np.inf else min(needed(open_bound), total)
    return solution[:n_x], counts, ("OPTIMAL" if bound >= total else "FEASIBLE"), bound


#: Up to this many eligible pairs a plan with recruits of capacity > 1 is one HiGHS MIP (the
#: engine's own limit for MIPs); beyond, see `_solve_plan`.
MIP_MAX_PAIRS = 150_000


def _constant_rows(problem: Problem) -> tuple[list[Row], list[Row]]:
    """Hard rows split into (varying, broken-for-sure); rows that always hold are dropped.

    With every adept matched exactly once, a row whose coefficient depends on the adept only
    (equal match rates across gender groups) has the same left-hand side in every matching:
    it holds always or never, and need not be in the model.
    """
    varying, broken = [], []
    n_t = problem.n_takers
    for row in problem.rows:
        if not row.hard:
            continue
        low = np.full(n_t, np.inf)
        high = np.full(n_t, -np.inf)
        np.minimum.at(low, problem.taker, row.coef)
        np.maximum.at(high, problem.taker, row.coef)
        if problem.n_pairs and np.all(low == high) and np.all(problem.taker_min == 1):
            lhs = float(low.sum())
            if (row.sense == "<=" and lhs > row.rhs + 1e-9) or (row.sense == ">=" and lhs < row.rhs - 1e-9):
                broken.append(row)
        else:
            varying.append(row)
    return varying, broken


def _plan_problem(pooled: _Pooled, problem: Problem, rows: list[Row], tie_break: bool) -> Problem:
    """For recruits of capacity 1 the plan is an ordinary Problem: each pool pair is one recruit.

    Level 1 maximises minus the recruits; level 2 prefers recruits in the adept's administration.
    """
    in_pool = problem.giver >= pooled.first_pool
    giver_min = problem.giver_min.copy()
    giver_min[pooled.first_pool :] = 0  # n_c = pairs of the pool: lo <= 1 per recruit always holds
    objective = {1: -in_pool.astype(np.int64)}
    if tie_break:
        objective[2] = _tie_break(pooled, problem)
    return replace(
        problem,
        giver_min=giver_min,
        rows=rows,
        pair_objective=objective,
        counters=dict(problem.counters) if rows else {},
    )


def _tie_break(pooled: _Pooled, problem: Problem) -> np.ndarray:
    """Per pair, among plans with the fewest recruits: a point for a recruit in the adept's own
    administration (recruit where the need is), and, when recruits have a gender, a point for
    the adept's gender (where gender does not bind, a recruit like the adept is the natural pick).
    """
    in_pool = problem.giver >= pooled.first_pool
    givers, takers = pooled.inst.givers, pooled.inst.takers
    points = np.zeros(problem.n_pairs, dtype=np.int64)
    for column, applies in (("administration", True), ("gender", any(c.gender for c in pooled.classes))):
        if applies:
            same = givers[column].to_numpy(dtype=object)[problem.giver] == takers[column].to_numpy(dtype=object)[
                problem.taker
            ]
            points += (in_pool & same).astype(np.int64)
    return points


def _solve_plan(
    pooled: _Pooled, problem: Problem, capacity: int, settings: SolverSettings, *, tie_break: bool = True
) -> tuple[FloatArray, np.ndarray, str, int, str] | None:
    """(x, recruits per class, status, proven lower bound on the total, method); None: infeasible.

    Capacity 1: recruits = pool pairs, so the plan is a Problem the engine's own back-ends
    solve exactly (a min-cost flow without rows; with a row, HiGHS or the Lagrangian with
    its dual bound). Larger capacities round up per class (n_c = ceil(pairs / capacity)):
    one HiGHS MIP with integer n_c up to MIP_MAX_PAIRS pairs; beyond, the fewest pool
    pairs F from the engine give the bound ceil(F / capacity) and the rounding is reported
    against it (OPTIMAL only when it meets the bound).
    """
    rows, broken = _constant_rows(problem)
    if broken:
        return None
    if capacity > 1 and problem.n_pairs <= MIP_MAX_PAIRS:
        found = _solve_pooled(pooled, replace(problem, rows=rows), capacity, settings, tie_break=tie_break)
        return None if found is None else (*found, "branch and bound on the recruit counts (HiGHS LPs)")
    try:
        solution = solve_problem(_plan_problem(pooled, problem, rows, tie_break), settings)
    except ProblemInfeasible:
        return None
    flows = _pool_flows(pooled, problem, solution.x)
    counts = -(-flows // capacity)
    level_bound = solution.bounds.get(1)  # no bound from the back-end: nothing is proven
    fewest_pairs = 0 if level_bound is None else math.ceil(-level_bound - 1e-9)
    bound = min(int(counts.sum()), max(0, -(-fewest_pairs // capacity)))
    method = f"{solution.solver} on the pooled matching"
    if counts.sum() > bound:
        # Rounding up per class wasted places. Cap the pools at the bound's recruits -- whole
        # recruits where a class's pairs fill them, the rest to the largest remainders -- and
        # solve again: if that matches everyone, it meets the bound.
        caps = flows // capacity
        spare = bound - int(caps.sum())
        if spare >= 0:
            caps[np.argsort(-(flows % capacity), kind="stable")[:spare]] += 1
            capped = _plan_problem(pooled, problem, rows, tie_break)
            capped.giver_max = capped.giver_max.copy()
            capped.giver_max[pooled.first_pool :] = caps * capacity
            try:
                again = solve_problem(capped, settings)
            except (ProblemInfeasible, ProblemTimeout):
                again = None
            if again is not None:
                solution, flows = again, _pool_flows(pooled, problem, again.x)
                counts = -(-flows // capacity)
                method += ", pools then capped at the bound"
    low = _min_per_recruit(pooled.constraints, capacity)
    if np.any(flows < low * counts):
        found = _solve_pooled(pooled, replace(problem, rows=rows), capacity, settings, tie_break=tie_break)
        return None if found is None else (*found, "branch and bound on the recruit counts (HiGHS LPs)")
    status = "OPTIMAL" if bound == int(counts.sum()) else "FEASIBLE"
    return solution.x.astype(np.float64), counts.astype(np.int64), status, bound, method


def _pool_flows(pooled: _Pooled, problem: Problem, x: BoolArray) -> np.ndarray:
    """Adepts each pool takes in the matching x."""
    pool_of = problem.giver[x] - pooled.first_pool
    return np.bincount(pool_of[pool_of >= 0], minlength=len(pooled.classes)).astype(np.int64)


def _feasible_with_pools(
    pooled: _Pooled, constraints: list[Constraint], capacity: int, settings: SolverSettings
) -> bool:
    """Whether these rules alone let every adept be matched with unlimited recruits."""
    eligible = pooled.eligible(constraints)
    if np.any(eligible.sum(axis=0) == 0):
        return False
    problem, _ = build_problem(pooled.inst, constraints, eligible, with_objective=False)
    try:
        return _solve_plan(pooled, problem, capacity, settings, tie_break=False) is not None
    except ProblemTimeout:
        return False


def _person(inst: Instance, t: int) -> str:
    row = inst.takers.iloc[t]
    return f"{row['id']} ({row['band']}, {row['administration']}, {row['gender']})"


def _kinds(pooled: _Pooled) -> str:
    """The recruit classes in words: 'every administration x Ny/Van/Erfaren x woman/man'."""
    bands = "/".join(b for b in BANDS if any(c.band == b for c in pooled.classes))
    genders = sorted({c.gender for c in pooled.classes if c.gender})
    return f"every administration x {bands}" + (f" x {'/'.join(genders)}" if genders else "")


def _no_recruit_helps(pooled: _Pooled, eligible: BoolArray) -> list[Conflict]:
    """Adepts no existing mentor and no kind of recruit may mentor, and the rules that say so."""
    inst, first = pooled.inst, pooled.first_pool
    conflicts = []
    for t in np.flatnonzero(eligible.sum(axis=0) == 0):
        mentors_left = np.ones(first, dtype=bool)
        kinds_left = np.ones(inst.n_givers - first, dtype=bool)
        steps, names = [], []
        for constraint in pooled.constraints:
            allowed = constraint.filter_mask(inst)
            if allowed is None:
                continue
            before = (int(mentors_left.sum()), int(kinds_left.sum()))
            mentors_left &= allowed[:first, t]
            if constraint.name not in NOT_YET_KNOWN:
                kinds_left &= allowed[first:, t]
            after = (int(mentors_left.sum()), int(kinds_left.sum()))
            if after != before:
                names.append(constraint.name)
                steps.append(
                    f"{constraint.name} leaves {after[0]} of {before[0]} {inst.giver_role}s and {after[1]} of "
                    f"{before[1]} kinds of recruit"
                )
        conflicts.append(
            Conflict(
                [*names, MATCHING_RULE],
                f"{inst.taker_role} {_person(inst, int(t))} cannot be matched even with new recruits: of the "
                f"{first} {inst.giver_role}s and the {len(pooled.classes)} kinds of recruit ({_kinds(pooled)}), "
                f"{', then '.join(steps)}. Recruiting does not help: relax {' or '.join(names) or 'these rules'} "
                "for them, or make coverage soft.",
                [str(inst.takers["id"].iat[int(t)])],
            )
        )
    return conflicts


def _diagnose(pooled: _Pooled, original: Instance, capacity: int, settings: SolverSettings) -> list[Conflict]:
    """A minimal set of rules that, even with unlimited recruits, cannot all hold (deletion filter)."""
    needed = [c for c in pooled.constraints if not c.decides_matching]
    coverage = [c for c in pooled.constraints if c.decides_matching]
    for constraint in list(needed):
        trial = [c for c in needed if c is not constraint]
        if not _feasible_with_pools(pooled, coverage + trial, capacity, settings):
            needed = trial
    low = _min_per_recruit(pooled.constraints, capacity)
    words = "; ".join(
        f"{c.name}: {c.conflict_words(original).render('en', original.program)}"
        + (f", and each recruit (capacity {capacity}) at least {low}" if c.name == "capacity" and low else "")
        for c in needed
    )
    return [
        Conflict(
            [*(c.name for c in needed), MATCHING_RULE],
            f"no number of new recruits lets every {original.taker_role} be matched: "
            + (f"these rules stand in the way — {words}. " if needed else "")
            + "Relax one of them, or make coverage soft.",
        )
    ]


# -- the plan -----------------------------------------------------------------------------------------


def _split(counts: np.ndarray, low: int, capacity: int, takers_of: list[list[int]]) -> list[list[list[int]]]:
    """Each pool's adepts shared out over its recruits: first `low` each, then up to capacity."""
    result = []
    for n, takers in zip(counts, takers_of, strict=True):
        shares: list[list[int]] = [[] for _ in range(int(n))]
        queue = list(takers)
        for share in shares:
            share.extend(queue[:low])
            queue = queue[low:]
        for share in shares:
            room = capacity - len(share)
            share.extend(queue[:room])
            queue = queue[room:]
        result.append(shares)
    return result


def plan_recruits(scenario: Scenario, capacity: int = 1, time_limit_s: float | None = None) -> RecruitPlan:
    """The fewest recruits (per administration x band) that let every adept be matched.

    Raises InputError for the trainee programme (see `matcher plan --help`), InfeasibleError
    when no number of recruits can do it (naming the adepts or rules in the way), and
    NoSolutionError when HiGHS finds no plan within the time limit.
    """
    if capacity < 1:
        raise InputError.single("--capacity", None, None, f"capacity must be at least 1, got {capacity}")
    if scenario.program != "mentorship":
        source = str(scenario.path or "<scenario>")
        raise InputError.single(
            source,
            None,
            "program",
            "plan answers 'how many mentors to recruit so that every adept is matched'; in the trainee "
            "programme the quotas, not the supervisors, cap the placements, so 'everyone placed' is not the goal. "
            "Run the scenario and read unmatched.csv: it says, per applicant, whether a supervisor or a quota "
            "place was missing.",
        )
    started = time.perf_counter()
    settings = _settings(scenario, time_limit_s)
    original = _coverage_hard(scenario)
    original_inst = original.instance()
    # Prechecks recruits cannot fix; only "too few places" is what recruiting is for.
    conflicts = [
        c for c in prechecks(original_inst, original.active_constraints()) if MATCHING_RULE not in c.constraints
    ]
    if conflicts:
        raise InfeasibleError(conflicts)

    classes, by_gender = recruit_classes(scenario)
    pooled = _pooled(scenario, classes)
    eligible = pooled.eligible()
    conflicts = _no_recruit_helps(pooled, eligible)
    if conflicts:
        raise InfeasibleError(conflicts)
    useful = [bool(v) for v in np.any(eligible[pooled.first_pool :], axis=1)]
    if not all(useful):  # a class no adept may have as a mentor is never recruited: leave it out
        pooled = _pooled(scenario, [c for c, keep in zip(classes, useful, strict=True) if keep])
        eligible = pooled.eligible()
    conflicts = eligibility_conflicts(pooled.inst, pooled.constraints, eligible)
    if conflicts:
        raise InfeasibleError(conflicts)
    problem, _ = build_problem(pooled.inst, pooled.constraints, eligible, with_objective=False)
    build_seconds = time.perf_counter() - started

    solve_started = time.perf_counter()
    try:
        found = _solve_plan(pooled, problem, capacity, settings)
    except ProblemTimeout:
        raise NoSolutionError(
            settings.time_limit_s, "Try a longer solver.time_limit_s or --time-limit, or fewer hard rules."
        ) from None
    if found is None:
        raise InfeasibleError(_diagnose(pooled, original_inst, capacity, settings))
    x_values, counts, status, bound, method = found
    solve_seconds = time.perf_counter() - solve_started

    # Name the recruits and share each pool's adepts out over them.
    x = x_values > 0.5
    chosen = np.flatnonzero(x)
    pool_of = problem.giver[chosen] - pooled.first_pool
    takers_of = [[int(t) for t in problem.taker[chosen][pool_of == k]] for k in range(len(pooled.classes))]
    low = _min_per_recruit(pooled.constraints, capacity)
    shares = _split(counts, low, capacity, takers_of)
    recruit_classes_list = [c for c, n in zip(pooled.classes, counts, strict=True) for _ in range(int(n))]
    recruit_shares = [share for pool in shares for share in pool]
    ids = _free_ids(scenario, len(recruit_classes_list))
    takers = pooled.inst.takers
    needs_topics = any(c.name == "topics" and c.filter_mask(pooled.inst) is not None for c in pooled.constraints)
    taker_topics: list[tuple[str, ...]] = list(takers["topics"])
    topics = (
        ["; ".join(sorted({t for a in share for t in taker_topics[a]})) for share in recruit_shares]
        if needs_topics
        else None
    )
    recruits = _people_rows(scenario, recruit_classes_list, ids, capacity, topics)
    planned = [
        (str(pooled.inst.givers["id"].iat[int(g)]), str(takers["id"].iat[int(t)]))
        for g, t in zip(problem.giver[chosen], problem.taker[chosen], strict=True)
        if g < pooled.first_pool
    ]
    planned += [(rid, str(takers["id"].iat[a])) for rid, share in zip(ids, recruit_shares, strict=True) for a in share]
    notes = [f"solved by {method}"]
    if needs_topics:
        notes.append("topics.min_shared: each recruit is given the topics of the adepts the plan has them mentor")
    if _rule(pooled.constraints, "pair_scores") is not None:
        notes.append("recruits have no questionnaire scores yet: scores do not decide the plan")
    return RecruitPlan(
        scenario=scenario,
        capacity=capacity,
        classes=list(pooled.classes),
        counts={c: int(n) for c, n in zip(pooled.classes, counts, strict=True)},
        status=status,
        bound=bound,
        by_gender=by_gender,
        recruits=recruits,
        planned_pairs=pd.DataFrame(planned, columns=["mentor_id", "adept_id"]),
        solve_seconds=solve_seconds,
        build_seconds=build_seconds,
        notes=notes,
    )


# -- checking a plan with the engine itself ---------------------------------------------------------


def with_recruits(scenario: Scenario, plan: RecruitPlan, drop: Iterable[str] = ()) -> Scenario:
    """The scenario with the plan's recruits appended as people (minus `drop`), coverage hard.

    With `pair_scores: {missing: forbid}`, the plan's recruit pairs get score rows (0): the
    questionnaire a recruit fills in once recruited.
    """
    dropped = set(drop)
    rows = plan.recruits[~plan.recruits["id"].isin(dropped)]
    result = _with_people(_coverage_hard(scenario), rows, "<recruits>")
    scores_rule = _rule(result.active_constraints(), "pair_scores")
    if scores_rule is not None and getattr(scores_rule.params, "missing", "zero") == "forbid":
        ids = set(rows["id"])
        planned = plan.planned_pairs[plan.planned_pairs["mentor_id"].isin(ids)]
        current = result.pair_scores if result.pair_scores is not None else pd.DataFrame()
        table = pd.concat(
            [
                current[["mentor_id", "adept_id", "score"]].astype({"mentor_id": str, "adept_id": str}),
                planned.assign(score=0),
            ],
            ignore_index=True,
        )
        result = replace(result, pair_scores=validate_pair_table(table, "<scores>", "pair_scores", result.people))
    return result


def run_covers_everyone(scenario: Scenario) -> tuple[str, str]:
    """What `solve` says with coverage hard: ("matched" | "cannot" | "unknown", the detail).

    "cannot" only when the engine raises InfeasibleError (proven); a time-out is "unknown".
    """
    try:
        result = solve(_coverage_hard(scenario), price_fairness=False)
    except InfeasibleError as exc:
        return "cannot", str(exc.conflicts[0]) if exc.conflicts else "infeasible"
    except NoSolutionError as exc:
        return "unknown", str(exc)
    matched, takers = int(result.kpis["matched_takers"]), int(result.kpis["takers"])
    return ("matched" if matched == takers else "cannot"), f"{result.status}: {matched} of {takers} matched"


@dataclass
class Verification:
    """What `verify_plan` found: with the recruits everyone is matched; with one fewer, not."""

    with_plan: tuple[str, str]  # run_covers_everyone with every proposed recruit
    one_fewer: dict[str, tuple[str, str]]  # class label -> run_covers_everyone with one recruit fewer

    @property
    def ok(self) -> bool:
        return self.with_plan[0] == "matched" and all(answer == "cannot" for answer, _ in self.one_fewer.values())

    def lines(self) -> list[str]:
        answer, detail = self.with_plan
        out = [f"{'ok  ' if answer == 'matched' else 'FAIL'} with the proposed recruits: {detail}"]
        for label, (answer, detail) in self.one_fewer.items():
            if answer == "cannot":
                out.append(f"ok   one fewer {label}: cannot — {detail}")
            elif answer == "matched":
                out.append(f"FAIL one fewer {label}: still everyone matched ({detail}); the plan is not the fewest")
            else:
                out.append(f"FAIL one fewer {label}: not shown — {detail}")
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "with_plan": {"answer": self.with_plan[0], "detail": self.with_plan[1]},
            "one_fewer": [
                {"class": label, "answer": answer, "detail": detail}
                for label, (answer, detail) in self.one_fewer.items()
            ],
        }


def verify_plan(scenario: Scenario, plan: RecruitPlan) -> Verification:
    """Check the plan with `run`'s engine (`solve`), the recruits as people and coverage hard.

    1. With every proposed recruit, `solve` matches every adept.
    2. For each class with recruits, with one recruit of it fewer, `solve` raises InfeasibleError.
    """
    one_fewer: dict[str, tuple[str, str]] = {}
    for c in plan.classes:
        if plan.counts.get(c, 0) == 0:
            continue
        same_class = (plan.recruits["administration"] == c.administration) & (plan.recruits["band"] == c.band)
        if c.gender:
            same_class &= plan.recruits["gender"] == c.gender
        last = str(plan.recruits.loc[same_class, "id"].iat[-1])
        one_fewer[c.label()] = run_covers_everyone(with_recruits(scenario, plan, drop=[last]))
    return Verification(run_covers_everyone(with_recruits(scenario, plan)), one_fewer)


# -- files ------------------------------------------------------------------------------------------


def people_file_layout(path: Path | None) -> tuple[dict[str, str], str, bool, str] | None:
    """The people file's headers (canonical name -> as written), delimiter, BOM and line end, if a CSV."""
    import csv

    from matcher.io.people import COLUMN_OF_KEY
    from matcher.io.tables import header_key

    if path is None or path.suffix.lower() not in (".csv", ".txt"):
        return None
    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    line_end = "\r\n" if b"\r\n" in data[:100_000] else "\n"
    lines = data.decode("utf-8-sig", errors="replace").splitlines()
    first = lines[0] if lines else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    headers: dict[str, str] = {}
    for header in next(csv.reader([first], delimiter=delimiter), []):
        name = COLUMN_OF_KEY.get(header_key(header), f"extra:{header}")
        headers.setdefault(name, header.strip())
    return headers, delimiter, bom, line_end


def recruits_csv(plan: RecruitPlan) -> str:
    """recruits.csv: in the people file's own headers and delimiter, so it can be appended to it.

    Falls back to the canonical English columns when the people file is not a CSV or lacks
    a column the recruits need (experience, capacity other than 1, unit, position, topics).
    """
    from matcher.writers import defuse_formulas

    table = plan.recruits.copy()
    layout = people_file_layout(plan.scenario.files.get("people"))
    needed = {"id", "role", "administration", "gender", "unit"}
    # Years only matter to the position rule; elsewhere the band says it all.
    needs_years = _rule(plan.scenario.active_constraints(), "position") is not None
    needed |= {"capacity"} if plan.capacity != 1 else set()
    needed |= {c for c in ("position", "topics") if (table[c].astype(str) != "").any()}
    has_experience = layout is not None and ("years" in layout[0] or (not needs_years and "band" in layout[0]))
    if layout is not None and has_experience and needed <= set(layout[0]):
        headers, delimiter, bom, line_end = layout
        out = pd.DataFrame(
            {
                written: (table[name] if name in table.columns else "")
                for name, written in headers.items()
            }
        )
        if delimiter == ";" and headers.get("topics") in out.columns:
            out[headers["topics"]] = out[headers["topics"]].astype(str).str.replace("; ", ", ")
        text = defuse_formulas(out).to_csv(index=False, sep=delimiter, lineterminator=line_end)
        return ("\ufeff" if bom else "") + text
    return defuse_formulas(table).to_csv(index=False, lineterminator="\n")


def plan_files(plan: RecruitPlan, verification: Verification | None = None) -> Mapping[str, str]:
    """The texts of plan.csv, recruits.csv and plan.json."""
    import json

    from matcher.writers import _json_safe, defuse_formulas

    summary = plan.summary()
    if verification is not None:
        summary["verification"] = verification.as_dict()
    return {
        "plan.csv": defuse_formulas(plan.table()).to_csv(index=False, lineterminator="\n"),
        "recruits.csv": recruits_csv(plan),
        "plan.json": json.dumps(_json_safe(summary), indent=2, ensure_ascii=False) + "\n",
    }


def write_plan(plan: RecruitPlan, out_dir: Path, verification: Verification | None = None) -> list[Path]:
    """Write plan.csv, recruits.csv and plan.json into out_dir, never over an input file."""
    from matcher.writers import atomic_write_text

    out_dir = Path(out_dir)
    texts = plan_files(plan, verification)
    inputs = {Path(p).resolve(): Path(p) for p in plan.scenario.files.values()}
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError.single(str(out_dir), None, None, "the output path is a file; choose another --out directory")
    for name in texts:
        target = (out_dir / name).resolve()
        if target in inputs:
            raise InputError.single(
                str(out_dir), None, None,
                f"writing {name} here would overwrite the input file {inputs[target]}; choose another --out directory",
            )
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        atomic_write_text(out_dir / name, text)
        written.append(out_dir / name)
    return written
