"""From a validated scenario to a checked, explained result.

file -> Scenario -> eligible pairs (hard pair rules, vectorised) -> Problem (constraint
modules add bounds, rows and objective terms) -> back-end -> Result (pairs with reasons,
unmatched with reasons, KPIs, each rule re-checked independently).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from constraints import Constraint, Instance, Verdict
from matcher.errors import Conflict, InfeasibleError, InputError, NoSolutionError
from matcher.fairness_price import FairnessPrice, fairness_prices
from matcher.problem import (
    BoolArray,
    Problem,
    ProblemInfeasible,
    ProblemTimeout,
    Row,
    Solution,
    dot,
    level_gap,
    pair_index,
    proven_status,
)
from matcher.scenario import Scenario
from matcher.solvers import NotApplicable, choose_backend, run_backends
from matcher.solvers.common import expand, take_out_fixed
from matcher.solvers.settings import SolverSettings


@dataclass
class Model:
    """The built optimisation model and what is needed to read its answer back."""

    inst: Instance
    constraints: list[Constraint]
    problem: Problem
    eligible: BoolArray  # givers x takers
    score: np.ndarray  # per eligible pair: the pair's score (terms of rules that count in it)
    build_seconds: float
    term_owners: dict[int, list[str]] = field(default_factory=dict)  # priority -> rules with pair terms


@dataclass
class Result:
    """A solved scenario: what `solve()` returns and the writers turn into files."""

    scenario: Scenario
    status: str
    pairs: pd.DataFrame  # mentor_id, adept_id, score, reasons
    unmatched: pd.DataFrame  # id, role, reason
    objectives: dict[int, float]
    bounds: dict[int, float]
    solver: str
    solve_seconds: float
    build_seconds: float
    kpis: dict[str, Any]
    checks: dict[str, Verdict]
    constraints: list[Constraint] = field(default_factory=list)
    terms: dict[int, list[str]] = field(default_factory=dict)  # priority -> rules in that objective level
    notes: list[str] = field(default_factory=list)
    fairness: list[FairnessPrice] = field(default_factory=list)  # each fairness rule's price (matcher.fairness_price)
    time_limit_hit: bool = False  # the time limit (a safety net) stopped the search: not reproducible

    @property
    def objective(self) -> float:
        """The last (lowest-priority) level's value: the pair quality once coverage is fixed."""
        return self.objectives[max(self.objectives)] if self.objectives else 0.0

    @property
    def best_bound(self) -> float | None:
        """The last level's proven bound; None when nothing is proven about it."""
        return self.bounds.get(max(self.objectives)) if self.objectives else 0.0

    @property
    def level_gaps(self) -> dict[int, float | None]:
        """Each level's own relative gap (None: no bound proven for that level)."""
        return {p: level_gap(v, self.bounds.get(p)) for p, v in sorted(self.objectives.items())}

    @property
    def gap(self) -> float | None:
        """The largest level gap; None when some level has no proven bound."""
        gaps = list(self.level_gaps.values())
        if any(g is None for g in gaps):
            return None
        return max([0.0, *(g for g in gaps if g is not None)])

    @property
    def roles(self) -> dict[str, str]:
        """What the two sides are called in this programme: mentor/adept or supervisor/trainee."""
        return {"giver": _giver(self.scenario.program), "taker": _taker(self.scenario.program)}

    def summary(self) -> dict[str, Any]:
        """summary.json's content (`matcher.run_record.RunRecord`, as JSON); hashes the input files, so call it once."""
        from matcher.run_record import record_of

        return record_of(self).to_json()


def _giver(program: str) -> str:
    return {"mentorship": "mentor", "trainee": "supervisor"}[program]


def _taker(program: str) -> str:
    return {"mentorship": "adept", "trainee": "trainee"}[program]


# -- building -------------------------------------------------------------------------------


def model_terms(model: Model) -> dict[int, list[str]]:
    """Priority -> rules in that level: those with pair terms, and those with soft rows there."""
    terms = {p: list(names) for p, names in model.term_owners.items()}
    for row in model.problem.rows:
        if not row.hard and row.constraint not in terms.setdefault(row.priority, []):
            terms[row.priority].append(row.constraint)
    return terms


def _empty_problem(inst: Instance) -> Problem:
    """A problem with no pairs: constraint modules apply to it to show what they add."""
    nothing = np.zeros(0, dtype=np.int64)
    return Problem(
        inst.n_givers,
        inst.n_takers,
        nothing,
        nothing.copy(),
        np.zeros(inst.n_givers, np.int64),
        np.zeros(inst.n_givers, np.int64),
        np.zeros(inst.n_takers, np.int64),
        np.zeros(0, bool),
    )


def eligibility(inst: Instance, constraints: list[Constraint]) -> BoolArray:
    """Givers x takers: the pairs every hard pair rule allows."""
    mask = np.ones((inst.n_givers, inst.n_takers), dtype=bool)
    for constraint in constraints:
        allowed = constraint.filter_mask(inst)
        if allowed is not None:
            mask &= allowed
    return mask


def build_problem(
    inst: Instance,
    constraints: list[Constraint],
    eligible: BoolArray,
    *,
    with_objective: bool = True,
    term_owners: dict[int, list[str]] | None = None,
) -> tuple[Problem, np.ndarray]:
    """The Problem over the eligible pairs, and each pair's score.

    `term_owners`, when given, receives priority -> the rules that added pair terms there.
    """
    giver, taker = np.nonzero(eligible)
    giver = giver.astype(np.int64)
    taker = taker.astype(np.int64)
    problem = Problem(
        n_givers=inst.n_givers,
        n_takers=inst.n_takers,
        giver=giver,
        taker=taker,
        giver_min=np.zeros(inst.n_givers, dtype=np.int64),
        giver_max=np.full(inst.n_givers, inst.n_takers, dtype=np.int64),
        taker_min=np.zeros(inst.n_takers, dtype=np.int64),
        fixed=np.zeros(len(giver), dtype=bool),
    )
    score = np.zeros(len(giver), dtype=np.int64)
    for constraint in constraints:
        constraint.apply(inst, problem)
        if not with_objective:
            continue
        terms = constraint.pair_terms(inst, giver, taker)
        if terms is not None:
            if term_owners is not None:
                term_owners.setdefault(constraint.params.priority, []).append(constraint.name)
            weighted = terms * constraint.params.weight
            problem.add_pair_objective(constraint.params.priority, weighted)
            if constraint.counts_in_score:
                score += weighted
    if not with_objective:
        problem.rows = [row for row in problem.rows if row.hard]
    return problem, score


def build_model(scenario: Scenario) -> Model:
    started = time.perf_counter()
    inst = scenario.instance()
    constraints = scenario.active_constraints()
    conflicts = prechecks(inst, constraints)
    if conflicts:
        raise InfeasibleError(conflicts)
    eligible = eligibility(inst, constraints)
    conflicts = eligibility_conflicts(inst, constraints, eligible)
    if conflicts:
        raise InfeasibleError(conflicts)
    prepare_rules(inst, constraints, eligible, scenario.solver)
    owners: dict[int, list[str]] = {}
    problem, score = build_problem(inst, constraints, eligible, term_owners=owners)
    return Model(inst, constraints, problem, eligible, score, time.perf_counter() - started, owners)


def prepare_rules(
    inst: Instance, constraints: list[Constraint], eligible: BoolArray, settings: SolverSettings
) -> None:
    """Let each rule with a `prepare` hook settle what it must ask the solver first (a fairness
    rule's common rate), in catalogue order; a rule prepared earlier counts in later answers."""
    pending = [c for c in constraints if type(c).prepare is not Constraint.prepare]
    for rule in pending:
        settled = [c for c in constraints if c not in pending or pending.index(c) < pending.index(rule)]

        def feasible(rows_of: Callable[[Problem], list[Row]], others: list[Constraint] = settled) -> bool:
            return _feasible_with_rows(inst, others, eligible, rows_of, settings)

        rule.prepare(inst, eligible, feasible)


def _feasible_with_rows(
    inst: Instance,
    constraints: list[Constraint],
    eligible: BoolArray,
    rows_of: Callable[[Problem], list[Row]],
    settings: SolverSettings,
) -> bool:
    """Whether the hard rules of `constraints`, plus the rows `rows_of` makes, can all hold.
    A question that runs out of time counts as "no" (the answer is then cautious, never wrong)."""
    problem, _ = build_problem(inst, constraints, eligible, with_objective=False)
    problem.rows.extend(rows_of(problem))
    problem.pair_objective[1] = np.zeros(problem.n_pairs, dtype=np.int64)
    try:
        solve_problem(problem, settings.but(time_limit_s=min(settings.time_limit_s, 20.0), backend="auto"))
    except (ProblemInfeasible, ProblemTimeout):
        return False
    return True


# -- solving --------------------------------------------------------------------------------


def solve(scenario: Scenario, *, diagnose_infeasible: bool = True, price_fairness: bool = True) -> Result:
    """Solve a scenario: the library's main entry point.

    Raises InfeasibleError (with the conflicting rules in words) or NoSolutionError. Finding the
    conflicting rules solves the problem once per hard rule; a caller that only needs to know
    *whether* it is feasible (a simulation trying relaxations) passes diagnose_infeasible=False.
    Each fairness rule's price is found by solving once more without it (`Result.fairness`);
    `price_fairness=False` skips that.
    """
    model = build_model(scenario)
    settings = scenario.solver
    try:
        solution = solve_problem(model.problem, settings)
    except NotApplicable as exc:
        raise _backend_error(scenario, model, str(exc)) from None
    except ProblemInfeasible:
        if not diagnose_infeasible:
            raise InfeasibleError([Conflict([], "no matching meets every hard rule (not diagnosed)")]) from None
        raise InfeasibleError(diagnose(model.inst, model.constraints, settings)) from None
    except ProblemTimeout:
        raise NoSolutionError(
            settings.time_limit_s,
            "Try a longer solver.time_limit_s, fewer hard rules (make some soft), or backend: mip-scip.",
        ) from None
    result = make_result(scenario, model, solution)
    if price_fairness:
        result.fairness = fairness_prices(scenario, result)
    return result


def _backend_error(scenario: Scenario, model: Model, reason: str) -> InputError:
    """The back-end the scenario asks for cannot take its model: say which rules need another."""
    needing = sorted({row.constraint for row in model.problem.rows})
    why = f" ({', '.join(needing)} add cohort-wide rows)" if needing else ""
    source = str(scenario.path) if scenario.path is not None else "<scenario>"
    return InputError.single(
        source,
        None,
        "solver.backend",
        f"the back-end {scenario.solver.backend!r} cannot solve this scenario{why}: {reason}; "
        "use `backend: auto` (or mip-highs)",
    )


def solve_problem(problem: Problem, settings: SolverSettings) -> Solution:
    """Take locked pairs out, run the chosen back-end, put them back."""
    reduced = take_out_fixed(problem)
    solution = run_backends(reduced.problem, settings, choose_backend(reduced.problem, settings.backend))
    x = expand(reduced, solution.x)
    values = {p: problem.level_value(p, x) for p in problem.priorities}
    offset = {p: values[p] - solution.objectives.get(p, 0.0) for p in values}
    bounds = {p: b + offset.get(p, 0.0) for p, b in solution.bounds.items()}
    if not problem.is_feasible(x):
        raise RuntimeError("internal error: the back-end returned a matching that breaks a hard bound or row")
    # The status is what the bounds prove, level by level, whatever the back-end called it.
    status = proven_status(problem.priorities, values, bounds, settings.relative_gap) if values else solution.status
    return Solution(
        x, status, values, bounds, solution.solver, solution.solve_seconds, solution.notes, solution.time_limit_hit
    )


# -- infeasibility in words ----------------------------------------------------------------


def prechecks(inst: Instance, constraints: list[Constraint]) -> list[Conflict]:
    return [conflict for c in constraints for conflict in c.precheck(inst)]


def _person(inst: Instance, side: str, index: int) -> str:
    table = inst.givers if side == "giver" else inst.takers
    row = table.iloc[index]
    return f"{row['id']} ({row['band']}, {row['administration']}, {row['gender']})"


def _filter_story(inst: Instance, constraints: list[Constraint], side: str, index: int) -> tuple[list[str], str]:
    """Which hard pair rules, applied in turn, leave this person without a partner."""
    total = inst.n_givers if side == "taker" else inst.n_takers  # the other side's size
    other = inst.giver_role if side == "taker" else inst.taker_role
    remaining = np.ones(total, dtype=bool)
    steps, names = [], []
    for constraint in constraints:
        allowed = constraint.filter_mask(inst)
        if allowed is None:
            continue
        line = allowed[:, index] if side == "taker" else allowed[index, :]
        before = int(remaining.sum())
        remaining &= line
        after = int(remaining.sum())
        if after < before:
            names.append(constraint.name)
            steps.append(f"{constraint.name} leaves {after} of {before}")
        if after == 0:
            break
    return names, f"of {total} {other}s, " + ", then ".join(steps)


def eligibility_conflicts(inst: Instance, constraints: list[Constraint], eligible: BoolArray) -> list[Conflict]:
    """People the hard pair rules leave without any possible partner, when a rule needs one."""
    conflicts: list[Conflict] = []
    coverage_hard = any(c.name == "coverage" and c.hard for c in constraints)
    if coverage_hard:
        for t in np.flatnonzero(eligible.sum(axis=0) == 0):
            names, story = _filter_story(inst, constraints, "taker", int(t))
            conflicts.append(
                Conflict(
                    [*names, "coverage"],
                    f"{inst.taker_role} {_person(inst, 'taker', int(t))} has no eligible {inst.giver_role}: {story}; "
                    "coverage requires every one to be matched. Relax one of these rules or make coverage soft.",
                    [str(inst.taker_records[int(t)]["id"])],
                )
            )
    capacity = next((c for c in constraints if c.name == "capacity"), None)
    if capacity is not None:
        minimums = capacity.minimums(inst)  # type: ignore[attr-defined]
        for g in np.flatnonzero((minimums > 0) & (eligible.sum(axis=1) == 0)):
            names, story = _filter_story(inst, constraints, "giver", int(g))
            conflicts.append(
                Conflict(
                    [*names, "capacity"],
                    f"{inst.giver_role} {_person(inst, 'giver', int(g))} must get at least one {inst.taker_role} "
                    f"(min_per_mentor) but has none eligible: {story}.",
                    [str(inst.giver_records[int(g)]["id"])],
                )
            )
    if inst.locked is not None:
        g_pos, t_pos = inst.pair_positions(inst.locked)
        for g, t in zip(g_pos, t_pos, strict=True):
            if eligible[g, t]:
                continue
            blockers = [c.name for c in constraints if (a := c.filter_mask(inst)) is not None and not a[g, t]]
            conflicts.append(
                Conflict(
                    ["locked", *blockers],
                    f"locked pair {inst.givers['id'].iat[g]} - {inst.takers['id'].iat[t]} is forbidden by "
                    f"{', '.join(blockers)}: unlock it or relax that rule",
                    [str(inst.giver_records[g]["id"]), str(inst.taker_records[t]["id"])],
                )
            )
        per_taker = inst.locked["adept_id"].value_counts()
        for taker_id, count in per_taker[per_taker > 1].items():
            conflicts.append(Conflict(["locked"], f"{taker_id} is locked to {count} {inst.giver_role}s; keep one"))
    return conflicts


def _probe(constraint: Constraint, inst: Instance) -> Problem:
    """What the rule adds to a model, applied to one with no pairs."""
    probe = _empty_problem(inst)
    constraint.apply(inst, probe)
    return probe


def _has_hard_part(constraint: Constraint, inst: Instance) -> bool:
    if constraint.hard or constraint.filter_mask(inst) is not None:
        return True
    probe = _probe(constraint, inst)
    return any(row.hard for row in probe.rows) or bool(probe.giver_min.any()) or bool(probe.taker_min.any())


def adds_hard_rows(constraint: Constraint, inst: Instance) -> bool:
    """Whether the rule puts a hard cohort-wide row in the model (a target over many pairs,
    such as equal match rates or a cross-administration share), as opposed to a pair filter."""
    return any(row.hard for row in _probe(constraint, inst).rows)


def _feasible(inst: Instance, constraints: list[Constraint], settings: SolverSettings) -> bool:
    eligible = eligibility(inst, constraints)
    problem, _ = build_problem(inst, constraints, eligible, with_objective=False)
    problem.pair_objective[1] = np.zeros(problem.n_pairs, dtype=np.int64)
    try:
        solve_problem(
            problem,
            SolverSettings(time_limit_s=min(settings.time_limit_s, 20.0), workers=settings.workers, seed=settings.seed),
        )
    except (ProblemInfeasible, ProblemTimeout):
        return False
    return True


def diagnose(inst: Instance, constraints: list[Constraint], settings: SolverSettings) -> list[Conflict]:
    """A minimal set of hard rules that cannot hold together (a deletion filter).

    Each rule is dropped in turn; if the rest is still infeasible, it was not needed for
    the conflict and stays out. What remains conflicts, and removing any one of them helps.
    """
    needed = [c for c in constraints if _has_hard_part(c, inst)]
    for constraint in list(needed):
        trial = [c for c in needed if c is not constraint]
        if not _feasible(inst, trial, settings):
            needed = trial
    if not needed:
        return [Conflict([], "the solver found no matching, but no single rule explains it")]
    words = "; ".join(f"{c.name}: {c.conflict_words(inst)}" for c in needed)
    return [
        Conflict(
            [c.name for c in needed],
            f"these rules cannot all hold together — {words}. Relaxing any one of them makes the scenario solvable.",
        )
    ]


# -- reading the answer back ----------------------------------------------------------------


def make_result(scenario: Scenario, model: Model, solution: Solution) -> Result:
    inst, problem = model.inst, model.problem
    chosen = np.flatnonzero(solution.x)
    g_idx, t_idx = problem.giver[chosen], problem.taker[chosen]
    reasons = [
        "; ".join(r for c in model.constraints if (r := c.explain_pair(inst, int(g), int(t))))
        for g, t in zip(g_idx, t_idx, strict=True)
    ]
    pairs = (
        pd.DataFrame(
            {
                "mentor_id": inst.givers["id"].to_numpy()[g_idx],
                "adept_id": inst.takers["id"].to_numpy()[t_idx],
                "score": model.score[chosen].astype(np.int64),
                "reasons": reasons,
            }
        )
        .sort_values(["mentor_id", "adept_id"], kind="stable")
        .reset_index(drop=True)
    )
    unmatched = unmatched_people(inst, model, g_idx, t_idx, solution.x)
    checks = {c.name: c.check(inst, pairs) for c in model.constraints}
    broken = [f"{name}: {v.detail}" for name, v in checks.items() if v.hard_broken]
    if broken:
        raise RuntimeError("internal error: the independent check rejects the matching: " + "; ".join(broken))
    return Result(
        scenario=scenario,
        status=solution.status,
        pairs=pairs,
        unmatched=unmatched,
        objectives=solution.objectives,
        bounds=solution.bounds,
        solver=solution.solver,
        solve_seconds=solution.solve_seconds,
        build_seconds=model.build_seconds,
        kpis=compute_kpis(inst, pairs),
        checks=checks,
        constraints=model.constraints,
        terms=model_terms(model),
        notes=solution.notes,
        time_limit_hit=solution.time_limit_hit,
    )


def _row_sides(model: Model, x: BoolArray) -> list[float]:
    """Each row's left-hand side at x, computed once (a dot product over every pair)."""
    return [dot(row.coef, x) for row in model.problem.rows]


def _blocking_counts(
    model: Model, lhs_of: list[float], pairs: np.ndarray, owner: np.ndarray, n_owners: int
) -> list[tuple[str, np.ndarray]]:
    """For candidate pairs not in the matching: which hard rows adding each one alone would break.

    `owner[k]` numbers the person candidate `pairs[k]` is counted for. Returns, per hard row
    that blocks anything, its description and how many candidates it blocks for each owner.
    O(1) per candidate and row, from each row's left-hand side at the matching (`_row_sides`).
    """
    blocked: list[tuple[str, np.ndarray]] = []
    for row, lhs in zip(model.problem.rows, lhs_of, strict=True):
        if not row.hard:
            continue
        new = lhs + row.coef[pairs]
        breaks = new > row.rhs + 1e-9 if row.sense == "<=" else new < row.rhs - 1e-9
        counts = np.bincount(owner[breaks], minlength=n_owners)
        if counts.any():
            blocked.append((row.description, counts))
    return blocked


def _taker_reasons(
    inst: Instance, model: Model, lhs_of: list[float], load: np.ndarray, capacity: np.ndarray, takers: np.ndarray
) -> list[str]:
    """Why each of `takers` (unmatched) is left out; all takers at once, the words per taker."""
    problem = model.problem
    givers, column = np.nonzero(model.eligible[:, takers])
    n_options = np.bincount(column, minlength=len(takers))
    has_room = load[givers] < capacity[givers]
    n_free = np.bincount(column[has_room], minlength=len(takers))
    # A taker's candidates: its eligible givers with room, or all of them when none has room.
    candidate = has_room | (n_free[column] == 0)
    pairs = pair_index(problem, givers[candidate], takers[column[candidate]])
    found = pairs >= 0
    blocked_rows = _blocking_counts(model, lhs_of, pairs[found], column[candidate][found], len(takers))
    reasons = []
    for k, t in enumerate(takers):
        blocked: dict[str, int] = {}
        for words, counts in blocked_rows:
            if counts[k]:
                blocked[words] = blocked.get(words, 0) + int(counts[k])
        if n_options[k] == 0:
            _, story = _filter_story(inst, model.constraints, "taker", int(t))
            reason = f"no eligible {inst.giver_role}: {story}"
        elif n_free[k] == 0:
            reason = f"all {n_options[k]} eligible {inst.giver_role}s were full in the best matching"
            if blocked:
                # More capacity alone would not do: a row (e.g. a quota) is reached as well.
                reason += "; and even with room, a rule stands in the way: " + "; ".join(blocked)
                reason += ". Both more places and relaxing that rule would be needed."
            else:
                reason += f"; one more place with any of them ({inst.giver_role}s or capacity) would help"
        elif blocked:
            rules = "; ".join(f"{words} (blocks {n} of them)" for words, n in blocked.items())
            reason = (
                f"{n_free[k]} eligible {inst.giver_role}s had room, but placing this {inst.taker_role} "
                f"with any of them breaks a rule: {rules}. Relaxing that rule would place them."
            )
        else:
            reason = (
                f"{n_free[k]} eligible {inst.giver_role}s had room and no hard rule stands in the way, "
                "but matching them would not improve the objective (nothing rewards it, or it would "
                "cost a higher priority)"
            )
        reasons.append(reason)
    return reasons


def unmatched_people(
    inst: Instance, model: Model, g_idx: np.ndarray, t_idx: np.ndarray, x: BoolArray | None = None
) -> pd.DataFrame:
    """Each person left out, and why, in words: which rule stood in the way and what would help."""
    eligible = model.eligible
    problem = model.problem
    chosen = x if x is not None else np.zeros(problem.n_pairs, dtype=bool)
    lhs_of = _row_sides(model, chosen)
    matched_takers = np.zeros(inst.n_takers, dtype=bool)
    matched_takers[t_idx] = True
    load = np.bincount(g_idx, minlength=inst.n_givers)
    # The model's bounds: capacity, lowered by rules such as mentor_load.
    capacity = np.minimum(inst.givers["capacity"].to_numpy(dtype=np.int64), problem.giver_max)
    left_out = np.flatnonzero(~matched_takers)
    rows = [
        (inst.taker_records[int(t)]["id"], inst.taker_role, reason)
        for t, reason in zip(left_out, _taker_reasons(inst, model, lhs_of, load, capacity, left_out), strict=True)
    ]
    for g in np.flatnonzero(load == 0):
        options = np.flatnonzero(eligible[int(g), :])
        if capacity[g] == 0:
            reason = "capacity 0"
        elif options.size == 0:
            _, story = _filter_story(inst, model.constraints, "giver", int(g))
            reason = f"no eligible {inst.taker_role}: {story}"
        else:
            reason = f"its {options.size} eligible {inst.taker_role}s were matched to others with better fit"
        rows.append((inst.giver_records[int(g)]["id"], inst.giver_role, reason))
    return pd.DataFrame(rows, columns=["id", "role", "reason"])


def _rates(takers: pd.DataFrame, is_matched: np.ndarray, by: str) -> list[dict[str, Any]]:
    out = []
    counts = pd.DataFrame({by: takers[by].to_numpy(dtype=object), "matched": is_matched}).groupby(by, sort=True)
    for value, group in counts:
        n = len(group)
        k = int(group["matched"].sum())
        out.append({by: value, "takers": n, "matched": k, "rate": k / n if n else None})
    return out


def _pair_counts(pair_table: pd.DataFrame, what: str) -> list[dict[str, Any]]:
    """Pairs per (giver's value, taker's value) of one attribute, e.g. administration."""
    if pair_table.empty:
        return []
    counts = pair_table.groupby([f"giver_{what}", f"taker_{what}"]).size()
    return [
        {f"giver_{what}": str(key[0]), f"taker_{what}": str(key[1]), "pairs": int(n)}  # type: ignore[index]
        for key, n in counts.items()
    ]


def compute_kpis(inst: Instance, pairs: pd.DataFrame) -> dict[str, Any]:
    """Aggregates only: never a name, never an id."""
    matched = set(pairs["adept_id"])
    givers_used = set(pairs["mentor_id"])
    g_adm = dict(zip(inst.givers["id"], inst.givers["administration"], strict=True))
    t_adm = dict(zip(inst.takers["id"], inst.takers["administration"], strict=True))
    g_band = dict(zip(inst.givers["id"], inst.givers["band"], strict=True))
    t_band = dict(zip(inst.takers["id"], inst.takers["band"], strict=True))
    t_gender = dict(zip(inst.takers["id"], inst.takers["gender"], strict=True))
    pair_adm = pd.DataFrame(
        {
            "giver_administration": [g_adm[m] for m in pairs["mentor_id"]],
            "taker_administration": [t_adm[a] for a in pairs["adept_id"]],
            "giver_band": [g_band[m] for m in pairs["mentor_id"]],
            "taker_band": [t_band[a] for a in pairs["adept_id"]],
            "taker_gender": [t_gender[a] for a in pairs["adept_id"]],
        }
    )
    # Membership once per person, as numpy booleans: Series.isin on pyarrow-backed strings (pandas 3
    # with pyarrow installed) is a Python loop, and this ran it per group: 0.9 s at city scale.
    is_matched = np.array([pid in matched for pid in inst.takers["id"]], dtype=bool)
    giver_used = np.array([pid in givers_used for pid in inst.givers["id"]], dtype=bool)
    giver_admin = inst.givers["administration"].to_numpy(dtype=object)
    by_admin = _rates(inst.takers, is_matched, "administration")
    for entry in by_admin:
        here = giver_admin == entry["administration"]
        entry["givers"] = int(here.sum())
        entry["givers_used"] = int((here & giver_used).sum())
    groups = []
    frame = pd.DataFrame({
        "administration": inst.takers["administration"].to_numpy(dtype=object),
        "gender": inst.takers["gender"].to_numpy(dtype=object),
        "band": inst.takers["band"].to_numpy(dtype=object),
        "matched": is_matched,
    })
    for (adm, gender, band), group in frame.groupby(["administration", "gender", "band"], sort=True):
        groups.append(
            {
                "administration": adm,
                "gender": gender,
                "band": band,
                "takers": len(group),
                "matched": int(group["matched"].sum()),
            }
        )
    n_pairs = len(pairs)
    cross = int((pair_adm["giver_administration"] != pair_adm["taker_administration"]).sum()) if n_pairs else 0
    scores = pairs["score"].astype(float)
    return {
        "givers": inst.n_givers,
        "takers": inst.n_takers,
        "pairs": n_pairs,
        "matched_takers": len(matched),
        "match_rate": len(matched) / inst.n_takers if inst.n_takers else None,
        "givers_used": len(givers_used),
        "capacity_total": int(inst.givers["capacity"].sum()),
        "cross_administration_share": cross / n_pairs if n_pairs else None,
        "score_mean": float(scores.mean()) if n_pairs else None,
        "score_min": float(scores.min()) if n_pairs else None,
        "score_max": float(scores.max()) if n_pairs else None,
        "by_administration": by_admin,
        "by_gender": _rates(inst.takers, is_matched, "gender"),
        "by_band": _rates(inst.takers, is_matched, "band"),
        "matched_by_group": groups,
        "pairs_by_administration": _pair_counts(pair_adm, "administration"),
        "pairs_by_band": _pair_counts(pair_adm, "band"),
        # Where the matched takers are placed (the giver's administration) by the taker's gender:
        # for trainees this is the selected cohort's gender split per administration.
        "placed_by_administration_gender": [
            {"administration": str(key[0]), "gender": str(key[1]), "placed": int(n)}  # type: ignore[index]
            for key, n in pair_adm.groupby(["giver_administration", "taker_gender"]).size().items()
        ]
        if n_pairs
        else [],
    }
