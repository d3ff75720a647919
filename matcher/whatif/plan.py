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

How it is solved (`matcher.whatif.plan_search._solve_plan`): with capacity 1, n_c is the pool's number of pairs, so
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

import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from constraints import MATCHING_RULE
from matcher.engine import build_problem, prechecks, solve
from matcher.errors import Conflict, InfeasibleError, InputError, NoSolutionError
from matcher.i18n import Lang, Msg, say
from matcher.io.pairs import validate_pair_table
from matcher.left_out import eligibility_conflicts
from matcher.problem import (
    ProblemTimeout,
)
from matcher.scenario import Scenario
from matcher.whatif.plan_files import people_file_layout, plan_files, recruits_csv, write_plan
from matcher.whatif.plan_pool import (
    BAND_YEARS,
    ERFAREN_MIN_YEARS,
    NOT_YET_KNOWN,
    RECRUIT_PREFIX,
    RecruitClass,
    _coverage_hard,
    _free_ids,
    _min_per_recruit,
    _people_rows,
    _pooled,
    _rule,
    _settings,
    _with_people,
    gender_matters,
    recruit_classes,
    recruit_position,
    recruit_years,
)
from matcher.whatif.plan_search import MIP_MAX_PAIRS, _diagnose, _no_recruit_helps, _solve_plan

__all__ = [
    "BAND_YEARS", "ERFAREN_MIN_YEARS", "MIP_MAX_PAIRS", "NOT_YET_KNOWN", "RECRUIT_PREFIX", "RecruitClass",
    "RecruitPlan", "Verification", "gender_matters", "people_file_layout", "plan_files", "plan_recruits",
    "recruit_classes", "recruit_position", "recruit_years", "recruits_csv", "run_covers_everyone", "verify_plan",
    "with_recruits", "write_plan",
]

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
            settings.time_limit_s, say("cli.no_solution.hint.plan", "en"), hint_key="cli.no_solution.hint.plan"
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


#: What a check found, in words: the engine's own (plain text), a catalogue message, or the first
#: reason no matching exists (rendered in the language asked for).
Detail = str | Msg | Conflict


def _said(detail: Detail, lang: Lang) -> str:
    if isinstance(detail, Conflict):
        return detail.text(lang)
    return detail.render(lang) if isinstance(detail, Msg) else detail


def run_covers_everyone(scenario: Scenario) -> tuple[str, Detail]:
    """What `solve` says with coverage hard: ("matched" | "cannot" | "unknown", the detail).

    "cannot" only when the engine raises InfeasibleError (proven); a time-out is "unknown".
    The detail is the engine's words, or a message (`cli.plan.check.matched`) said in any language.
    """
    try:
        result = solve(_coverage_hard(scenario), price_fairness=False)
    except InfeasibleError as exc:
        return "cannot", exc.conflicts[0] if exc.conflicts else "infeasible"
    except NoSolutionError as exc:
        return "unknown", str(exc)
    matched, takers = int(result.kpis["matched_takers"]), int(result.kpis["takers"])
    detail = Msg("cli.plan.check.matched", {"status": result.status, "matched": matched, "total": takers})
    return ("matched" if matched == takers else "cannot"), detail


@dataclass
class Verification:
    """What `verify_plan` found: with the recruits everyone is matched; with one fewer, not."""

    with_plan: tuple[str, Detail]  # run_covers_everyone with every proposed recruit
    one_fewer: dict[str, tuple[str, Detail]]  # class label -> run_covers_everyone with one recruit fewer

    @property
    def ok(self) -> bool:
        return self.with_plan[0] == "matched" and all(answer == "cannot" for answer, _ in self.one_fewer.values())

    def lines(self, lang: Lang = "en") -> list[str]:
        """One line per check, for the terminal (`cli.plan.check.*`)."""
        def said(detail: Detail) -> str:
            return _said(detail, lang)

        answer, detail = self.with_plan
        out = [say("cli.plan.check.with", lang, mark="ok  " if answer == "matched" else "FAIL", detail=said(detail))]
        for label, (answer, detail) in self.one_fewer.items():
            key = {"cannot": "cannot", "matched": "still"}.get(answer, "unknown")
            out.append(say(f"cli.plan.check.{key}", lang, label=label, detail=said(detail)))
        return out

    def as_dict(self) -> dict[str, Any]:
        """plan.json's `verification` (in English: plan.json is read by tools)."""
        def said(detail: Detail) -> str:
            return _said(detail, "en")

        return {
            "ok": self.ok,
            "with_plan": {"answer": self.with_plan[0], "detail": said(self.with_plan[1])},
            "one_fewer": [
                {"class": label, "answer": answer, "detail": said(detail)}
                for label, (answer, detail) in self.one_fewer.items()
            ],
        }


def verify_plan(scenario: Scenario, plan: RecruitPlan) -> Verification:
    """Check the plan with `run`'s engine (`solve`), the recruits as people and coverage hard.

    1. With every proposed recruit, `solve` matches every adept.
    2. For each class with recruits, with one recruit of it fewer, `solve` raises InfeasibleError.
    """
    one_fewer: dict[str, tuple[str, Detail]] = {}
    for c in plan.classes:
        if plan.counts.get(c, 0) == 0:
            continue
        same_class = (plan.recruits["administration"] == c.administration) & (plan.recruits["band"] == c.band)
        if c.gender:
            same_class &= plan.recruits["gender"] == c.gender
        last = str(plan.recruits.loc[same_class, "id"].iat[-1])
        one_fewer[c.label()] = run_covers_everyone(with_recruits(scenario, plan, drop=[last]))
    return Verification(run_covers_everyone(with_recruits(scenario, plan)), one_fewer)


