"""From a validated scenario to a checked, explained result.

file -> Scenario -> eligible pairs (hard pair rules, vectorised) -> Problem (constraint
modules add bounds, rows and objective terms) -> back-end -> Result (pairs with reasons,
unmatched with reasons, KPIs, each rule re-checked independently).

Why someone is left out, and who the hard pair rules leave without a partner, are worded in
`matcher.left_out`; every sentence is a catalogue message (`matcher.i18n`). Around 600 lines:
building, solving and reading the answer back share the Model and are kept in one place.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from constraints import Constraint, Instance, Verdict
from constraints.base import BestMatching, Questions, RowsOf, joined
from matcher.errors import Conflict, InfeasibleError, InputError, NoSolutionError, rule_ref
from matcher.fairness_price import FairnessPrice, RowFree, fairness_prices
from matcher.i18n import Lang, Msg
from matcher.left_out import eligibility_conflicts, unmatched_reasons, unmatched_table
from matcher.problem import (
    BoolArray,
    Problem,
    ProblemInfeasible,
    ProblemTimeout,
    Row,
    Solution,
    level_gap,
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
    # The words behind `pairs["reasons"]` and `unmatched["reason"]` (those two columns are English, for library
    # callers): each pair's reasons (mentor_id, adept_id) -> one message per rule, and each unmatched person's
    # reason by id. `tables(lang)` / `in_language(lang)` render them in another language.
    pair_reasons: dict[tuple[str, str], list[Msg]] = field(default_factory=dict)
    unmatched_reasons: dict[str, Msg] = field(default_factory=dict)
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

    def tables(self, lang: Lang) -> tuple[pd.DataFrame, pd.DataFrame]:
        """`pairs` and `unmatched` with their reasons in `lang` (what a writer puts in pairs.csv and
        unmatched.csv); a row the messages do not cover keeps its text."""
        program = self.scenario.program
        pairs = self.pairs.copy()
        if self.pair_reasons and len(pairs):
            keys = zip(pairs["mentor_id"].astype(str), pairs["adept_id"].astype(str), strict=True)
            pairs["reasons"] = [
                pair_reasons_text(self.pair_reasons[key], lang, program) if key in self.pair_reasons else text
                for key, text in zip(keys, pairs["reasons"], strict=True)
            ]
        unmatched = self.unmatched.copy()
        if self.unmatched_reasons and len(unmatched):
            unmatched["reason"] = [
                self.unmatched_reasons[pid].render(lang, program) if pid in self.unmatched_reasons else text
                for pid, text in zip(unmatched["id"].astype(str), unmatched["reason"], strict=True)
            ]
        return pairs, unmatched

    def in_language(self, lang: Lang) -> Result:
        """This result with `pairs` and `unmatched` in `lang`: hand it to a writer for `--lang`."""
        pairs, unmatched = self.tables(lang)
        return dataclasses.replace(self, pairs=pairs, unmatched=unmatched)

    @property
    def roles(self) -> dict[str, str]:
        """What the two sides are called in this programme: mentor/adept or supervisor/trainee."""
        return {"giver": _giver(self.scenario.program), "taker": _taker(self.scenario.program)}

    def summary(self) -> dict[str, Any]:
        """summary.json's content (`matcher.run_record.RunRecord`, as JSON); hashes the input files, so call it once."""
        from matcher.run_record import record_of

        return record_of(self).to_json()


def pair_reasons_text(reasons: list[Msg], lang: Lang, program: str) -> str:
    """A pair's reasons as one cell: each rule's words, joined with '; '."""
    return "; ".join(reason.render(lang, program) for reason in reasons)


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
    giver = giver.astype(np.int64, copy=False)  # already int64 on a 64-bit machine: no copy
    taker = taker.astype(np.int64, copy=False)
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
            weight = constraint.params.weight
            # Weight 1: the terms themselves (add_pair_objective copies or adds; neither changes them).
            weighted = terms if weight == 1 and terms.dtype == np.int64 else terms * weight
            problem.add_pair_objective(constraint.params.priority, weighted)
            if constraint.counts_in_score:
                score += weighted
    if not with_objective:
        problem.rows = [row for row in problem.rows if row.hard]
    return problem, score


def with_rows_of(model: Model, constraints: list[Constraint]) -> Model | None:
    """`model` with the bounds, rows and counters of `constraints` instead of its own, its pairs,
    pair objective and scores shared (no pair-length array computed again): the model of a
    scenario whose rules differ from the run's only in parts that add rows (a fairness rule left
    out for its price, `Constraint.fairness_adds_rows_only`). None when a rule of `constraints`
    prepares (`Constraint.prepare`): its rows depend on solves this does not repeat."""
    if any(type(c).prepare is not Constraint.prepare for c in constraints):
        return None
    started = time.perf_counter()
    run = model.problem
    problem = Problem(
        n_givers=run.n_givers,
        n_takers=run.n_takers,
        giver=run.giver,
        taker=run.taker,
        giver_min=np.zeros(run.n_givers, dtype=np.int64),
        giver_max=np.full(run.n_givers, run.n_takers, dtype=np.int64),
        taker_min=np.zeros(run.n_takers, dtype=np.int64),
        fixed=np.zeros(run.n_pairs, dtype=bool),
        pair_objective=dict(run.pair_objective),
    )
    for constraint in constraints:
        constraint.apply(model.inst, problem)
    return Model(model.inst, constraints, problem, model.eligible, model.score, time.perf_counter() - started,
                 model.term_owners)


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

        def feasible(rows_of: RowsOf, others: list[Constraint] = settled) -> bool:
            return _feasible_with_rows(inst, others, eligible, rows_of, settings)

        def best(rows_of: RowsOf, others: list[Constraint] = settled) -> BestMatching | None:
            return _best_with_rows(inst, others, eligible, rows_of, settings)

        rule.prepare(inst, eligible, Questions(feasible, best))


def _best_with_rows(
    inst: Instance,
    constraints: list[Constraint],
    eligible: BoolArray,
    rows_of: RowsOf,
    settings: SolverSettings,
) -> BestMatching | None:
    """The optimal matching of `constraints` plus the rows `rows_of` makes, solved as a run
    would be (None when it is infeasible or no back-end finds one within its limits)."""
    owners: dict[int, list[str]] = {}
    problem, score = build_problem(inst, constraints, eligible, term_owners=owners)
    problem.rows.extend(rows_of(problem))
    try:
        solution = solve_problem(problem, settings)
    except (ProblemInfeasible, ProblemTimeout, NotApplicable):
        return None
    in_score = {c.name for c in constraints if c.counts_in_score}
    levels = [priority for priority, names in owners.items() if in_score & set(names)]
    return BestMatching(np.asarray(solution.x) > 0.5, score, problem.giver, problem.taker, min(levels, default=2))


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
    `price_fairness=False` skips that. InputError when `scenario` is not a Scenario, or when its
    people make more possible pairs than the engine can hold (`matcher.limits`).
    """
    from matcher.arguments import checked_scenario

    scenario = checked_scenario(scenario)
    model = build_model(scenario)
    settings = scenario.solver
    try:
        solution = solve_problem(model.problem, settings)
    except NotApplicable as exc:
        raise _backend_error(scenario, model, str(exc)) from None
    except ProblemInfeasible:
        if not diagnose_infeasible:
            raise InfeasibleError(
                [Conflict([], Msg("engine.conflict.not_diagnosed"), program=scenario.program)]
            ) from None
        raise InfeasibleError(diagnose(model.inst, model.constraints, settings)) from None
    except ProblemTimeout:
        raise NoSolutionError(
            settings.time_limit_s,
            "Try a longer solver.time_limit_s, fewer hard rules (make some soft), or backend: mip-scip.",
        ) from None
    result = make_result(scenario, model, solution)
    if price_fairness:
        # A flow back-end solved the model without its rows, which held: the row-free optimum;
        # or `structured` found it on the way, and the rows did not hold there.
        flow = solution.solver in ("assignment", "min-cost-flow") and solution.status == "OPTIMAL"
        found = solution.x if flow else solution.row_free
        row_free = RowFree(model.problem, found) if found is not None else None
        result.fairness = fairness_prices(scenario, result, row_free, model)
    return result


def _backend_error(scenario: Scenario, model: Model, reason: str) -> InputError:
    """The back-end the scenario asks for cannot take its model: say which rules need another,
    at the line of the scenario file that asks for it (when that file names it)."""
    from matcher.errors import rule_ref

    needing = sorted({row.constraint for row in model.problem.rows})
    source, line = "<scenario>", None
    if scenario.path is not None:
        source = str(scenario.path)
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = Path(scenario.path).read_text(encoding="utf-8")
            line = next((n for n, row in enumerate(text.splitlines(), 1) if "backend" in row), None)
    backend = repr(scenario.solver.backend)
    if needing:
        words = Msg("input.setting.backend_rows", {"backend": backend, "rules": [rule_ref(n) for n in needing]})
    else:
        words = Msg("input.setting.backend_cannot", {"backend": backend, "reason": reason})
    return InputError.single(source, line, "solver.backend", words)


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
    row_free = None if solution.row_free is None else expand(reduced, solution.row_free)
    return Solution(
        x, status, values, bounds, solution.solver, solution.solve_seconds, solution.notes, solution.time_limit_hit,
        row_free,
    )


# -- infeasibility in words ----------------------------------------------------------------


def prechecks(inst: Instance, constraints: list[Constraint]) -> list[Conflict]:
    return [conflict for c in constraints for conflict in c.precheck(inst)]


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
        return [Conflict([], Msg("engine.conflict.unexplained"), program=inst.program)]
    words = [Msg("engine.conflict.rule", {"rule": rule_ref(c.name), "words": c.conflict_words(inst)}) for c in needed]
    return [Conflict([c.name for c in needed], Msg("engine.conflict.together", {"rules": joined(words)}),
                     program=inst.program)]


# -- reading the answer back ----------------------------------------------------------------


def make_result(scenario: Scenario, model: Model, solution: Solution) -> Result:
    inst, problem = model.inst, model.problem
    chosen = np.flatnonzero(solution.x)
    g_idx, t_idx = problem.giver[chosen], problem.taker[chosen]
    program = scenario.program
    # Each rule's words for every chosen pair (`Constraint.explain_pairs`), then pair by pair in rule order.
    by_rule = [c.explain_pairs(inst, g_idx, t_idx) for c in model.constraints]
    if by_rule:
        words = [[r for r in column if r is not None] for column in zip(*by_rule, strict=True)]
    else:  # capacity is always on, but a rule-less model still gets one (empty) list per pair
        words = [[] for _ in range(len(g_idx))]
    giver_ids = inst.givers["id"].to_numpy()[g_idx]
    taker_ids = inst.takers["id"].to_numpy()[t_idx]
    pair_reasons = {(str(m), str(a)): w for m, a, w in zip(giver_ids, taker_ids, words, strict=True)}
    reasons = [pair_reasons_text(w, "en", program) for w in words]
    pairs = (
        pd.DataFrame(
            {
                "mentor_id": giver_ids,
                "adept_id": taker_ids,
                "score": model.score[chosen].astype(np.int64),
                "reasons": reasons,
            }
        )
        .sort_values(["mentor_id", "adept_id"], kind="stable")
        .reset_index(drop=True)
    )
    left_out = unmatched_reasons(inst, model, g_idx, t_idx, solution.x)
    unmatched = unmatched_table(left_out, program)
    checks = {c.name: c.check(inst, pairs) for c in model.constraints}
    # Only a broken hard part rejects the matching; an unmet preference is reported, not an error.
    broken = [
        f"{c.name}: {part.render('en', program)}"
        for c in model.constraints
        for part in checks[c.name].part_list(c.hard)
        if part.broken
    ]
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
        pair_reasons=pair_reasons,
        unmatched_reasons={pid: reason for pid, _, reason in left_out},
        time_limit_hit=solution.time_limit_hit,
    )


def _missing(value: Any) -> bool:
    """A value pandas' groupby leaves out (dropna): None, NaN, pd.NA, NaT."""
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _sizes(keys: list[Any], weights: list[bool] | None = None) -> list[tuple[Any, int, int]]:
    """(key, count, weighted count) per distinct key, sorted by key, missing keys left out:
    what `groupby(sort=True)` with `len` and `sum` gives, without a DataFrame per call (the
    KPIs' seven groupbys were 9 ms of a 46 ms run at 100 x 150)."""
    counts: dict[Any, list[int]] = {}
    for n, key in enumerate(keys):
        if any(_missing(part) for part in (key if isinstance(key, tuple) else (key,))):
            continue
        entry = counts.get(key)
        if entry is None:
            entry = counts[key] = [0, 0]
        entry[0] += 1
        if weights is not None and weights[n]:
            entry[1] += 1
    return [(key, n, k) for key, (n, k) in sorted(counts.items(), key=lambda item: item[0])]


def _rates(values: list[Any], is_matched: list[bool], by: str) -> list[dict[str, Any]]:
    return [{by: value, "takers": n, "matched": k, "rate": k / n if n else None}
            for value, n, k in _sizes(values, is_matched)]


def _pair_counts(giver_values: list[Any], taker_values: list[Any], what: str) -> list[dict[str, Any]]:
    """Pairs per (giver's value, taker's value) of one attribute, e.g. administration."""
    return [
        {f"giver_{what}": str(key[0]), f"taker_{what}": str(key[1]), "pairs": n}
        for key, n, _ in _sizes(list(zip(giver_values, taker_values, strict=True)))
    ]


def compute_kpis(inst: Instance, pairs: pd.DataFrame) -> dict[str, Any]:
    """Aggregates only: never a name, never an id. Counted over plain lists: at these sizes a
    pandas groupby's set-up costs more than the counting."""
    mentor_ids = pairs["mentor_id"].tolist()
    adept_ids = pairs["adept_id"].tolist()
    matched = set(adept_ids)
    givers_used = set(mentor_ids)
    givers, takers = inst.givers, inst.takers
    giver_ids, taker_ids = givers["id"].tolist(), takers["id"].tolist()
    giver_admin = givers["administration"].tolist()
    taker_admin, taker_gender, taker_band = (takers[c].tolist() for c in ("administration", "gender", "band"))
    g_adm = dict(zip(giver_ids, giver_admin, strict=True))
    t_adm = dict(zip(taker_ids, taker_admin, strict=True))
    g_band = dict(zip(giver_ids, givers["band"].tolist(), strict=True))
    t_band = dict(zip(taker_ids, taker_band, strict=True))
    t_gender = dict(zip(taker_ids, taker_gender, strict=True))
    pair_giver_adm = [g_adm[m] for m in mentor_ids]
    pair_taker_adm = [t_adm[a] for a in adept_ids]
    pair_giver_band = [g_band[m] for m in mentor_ids]
    pair_taker_band = [t_band[a] for a in adept_ids]
    pair_taker_gender = [t_gender[a] for a in adept_ids]
    is_matched = [pid in matched for pid in taker_ids]
    giver_used = [pid in givers_used for pid in giver_ids]
    per_admin = {key: (n, k) for key, n, k in _sizes(giver_admin, giver_used)}
    by_admin = _rates(taker_admin, is_matched, "administration")
    for entry in by_admin:
        here, used = per_admin.get(entry["administration"], (0, 0))
        entry["givers"] = here
        entry["givers_used"] = used
    groups = [
        {"administration": key[0], "gender": key[1], "band": key[2], "takers": n, "matched": k}
        for key, n, k in _sizes(list(zip(taker_admin, taker_gender, taker_band, strict=True)), is_matched)
    ]
    n_pairs = len(pairs)
    cross = sum(g != t for g, t in zip(pair_giver_adm, pair_taker_adm, strict=True))
    scores = pairs["score"].to_numpy(dtype=float)
    return {
        "givers": inst.n_givers,
        "takers": inst.n_takers,
        "pairs": n_pairs,
        "matched_takers": len(matched),
        "match_rate": len(matched) / inst.n_takers if inst.n_takers else None,
        "givers_used": len(givers_used),
        "capacity_total": int(givers["capacity"].sum()),
        "cross_administration_share": cross / n_pairs if n_pairs else None,
        "score_mean": float(scores.mean()) if n_pairs else None,
        "score_min": float(scores.min()) if n_pairs else None,
        "score_max": float(scores.max()) if n_pairs else None,
        "by_administration": by_admin,
        "by_gender": _rates(taker_gender, is_matched, "gender"),
        "by_band": _rates(taker_band, is_matched, "band"),
        "matched_by_group": groups,
        "pairs_by_administration": _pair_counts(pair_giver_adm, pair_taker_adm, "administration"),
        "pairs_by_band": _pair_counts(pair_giver_band, pair_taker_band, "band"),
        # Where the matched takers are placed (the giver's administration) by the taker's gender:
        # for trainees this is the selected cohort's gender split per administration.
        "placed_by_administration_gender": [
            {"administration": str(key[0]), "gender": str(key[1]), "placed": n}
            for key, n, _ in _sizes(list(zip(pair_giver_adm, pair_taker_gender, strict=True)))
        ],
    }
