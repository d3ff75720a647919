"""The price of every fairness rule, and levelling down said out loud.

For each fairness rule of a run (`Constraint.is_fairness_rule`: `gender_balance` with equal
match rates, `fair_match_rate`, `administration_equity`), the scenario is solved again without
that rule's fairness part, and the two matchings are compared: adepts matched and mean pair
score with the rule and without it. Both are exact when both runs are proven optimal (the
figures say so: `exact`).

**Levelling down**: the rule leaves adepts unmatched who are matched without it, while no
group's match rate rises above what it is without the rule -- it makes some worse off and
nobody better off. The old equal-rate rule does this when a group cannot be matched (on the
city example at tolerance 0: nobody matched, where 169 can be); the fairness rules of
`matcher.equity` never do, because no floor asks a group for more than it can get alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from matcher.equity import GroupBy, group_keys

if TYPE_CHECKING:
    from constraints import Constraint
    from matcher.engine import Model, Result
    from matcher.problem import Problem
    from matcher.scenario import Scenario



@dataclass
class FairnessPrice:
    """One fairness rule's effect: the run with it against the same scenario without it."""

    rule: str
    group_by: str
    matched_with: int
    matched_without: int | None  # None: the scenario has no solution without the rule (or none in time)
    score_mean_with: float | None
    score_mean_without: float | None
    exact: bool  # both runs proven optimal: the difference is the rule's true price
    levelled_down: int  # adepts the rule leaves unmatched while no group gains (0: no levelling down)
    groups_with: dict[str, int]
    groups_without: dict[str, int]

    @property
    def matches_lost(self) -> int | None:
        return None if self.matched_without is None else self.matched_without - self.matched_with

    @property
    def score_lost(self) -> float | None:
        if self.score_mean_with is None or self.score_mean_without is None:
            return None
        return self.score_mean_without - self.score_mean_with

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "group_by": self.group_by,
            "with": {"matched": self.matched_with, "score_mean": self.score_mean_with, "by_group": self.groups_with},
            "without": {
                "matched": self.matched_without,
                "score_mean": self.score_mean_without,
                "by_group": self.groups_without,
            },
            "matches_lost": self.matches_lost,
            "score_mean_lost": self.score_lost,
            "exact": self.exact,
            "levelled_down": self.levelled_down,
        }

    def sentence(self) -> str:
        """One line for the terminal (English; the pages render it through the catalogue)."""
        if self.matched_without is None:
            return f"{self.rule}: no matching without the rule to compare with"
        how = "exact" if self.exact else "not proven optimal"
        if self.levelled_down:
            return (
                f"{self.rule}: this rule leaves {self.levelled_down} adepts unmatched who could otherwise be "
                f"matched, and no group gains (levelling down; {how})"
            )
        lost = self.matches_lost or 0
        score = self.score_lost
        if score is None:
            score_text = ""
        elif score < 0:
            score_text = f", and raises the mean score by {-score:.1f} points"
        else:
            score_text = f" and {score:.1f} points of mean score"
        return f"{self.rule}: costs {lost} matches{score_text} ({how})"


def _group_counts(result: Result, by: str) -> dict[str, int]:
    """Matched adepts per group of `by` (gender, administration, band, administration_gender)."""
    takers = result.scenario.people[result.scenario.people["role"] == _taker_role(result)]
    keys = group_keys(takers["administration"], takers["gender"], takers["band"], _group_by(by))
    # A set and sorted(): np.isin and np.unique on object arrays sort them (0.6 ms a call at 100 x 150).
    matched_ids = set(result.pairs["adept_id"].tolist())
    names = [str(k) for k in keys]
    counts: dict[str, int] = dict.fromkeys(sorted(set(names)), 0)
    for name, pid in zip(names, takers["id"].tolist(), strict=True):
        counts[name] += pid in matched_ids
    return counts


def _taker_role(result: Result) -> str:
    return str(result.roles["taker"])


def _group_by(by: str) -> GroupBy:
    if by in ("gender", "administration", "band", "administration_gender"):
        return by  # type: ignore[return-value]
    return "gender"


def _score_mean(pairs: pd.DataFrame) -> float | None:
    return float(pairs["score"].astype(float).mean()) if len(pairs) else None


@dataclass(frozen=True)
class RowFree:
    """The run's model and matching when that matching is the row-free optimum (a flow back-end
    solved it: the rows held by counting). Without a rule that adds only rows, it stays optimal."""

    problem: Problem
    x: np.ndarray


def price_of(
    rule: Constraint,
    scenario: Scenario,
    result: Result,
    row_free: RowFree | None = None,
    model: Model | None = None,
) -> FairnessPrice:
    """Solve `scenario` without the fairness part of `rule` and compare with `result` (`model`:
    the run's, whose pairs and objective the variant shares when the rule's fairness part adds
    only rows)."""
    from matcher.errors import InfeasibleError, NoSolutionError

    constraints = dict(scenario.constraints)
    free = rule.fairness_free_config()
    if free is None:
        constraints.pop(rule.name, None)
    else:
        constraints[rule.name] = free
    variant = replace(scenario, constraints=constraints)
    by = rule.fairness_group_by()
    groups_with = _group_counts(result, by)
    try:
        run = model if model is not None and rule.fairness_adds_rows_only else None
        without = _solve_pairs(variant, row_free, run)
    except (InfeasibleError, NoSolutionError):
        return FairnessPrice(rule.name, by, len(result.pairs), None, _score_mean(result.pairs), None, False, 0,
                             groups_with, {})
    groups_without = _group_counts(without, by)  # type: ignore[arg-type]  # _Pairs has what it reads
    matched_with, matched_without = len(result.pairs), len(without.pairs)
    nobody_gains = all(groups_with.get(g, 0) <= n for g, n in groups_without.items())
    levelled = matched_without - matched_with if matched_without > matched_with and nobody_gains else 0
    return FairnessPrice(
        rule=rule.name,
        group_by=by,
        matched_with=matched_with,
        matched_without=matched_without,
        score_mean_with=_score_mean(result.pairs),
        score_mean_without=_score_mean(without.pairs),
        exact=result.status == "OPTIMAL" and without.status == "OPTIMAL",
        levelled_down=levelled,
        groups_with=groups_with,
        groups_without=groups_without,
    )


@dataclass
class _Pairs:
    """What a price reads of a run: its status and pairs (ids and scores), no explanations."""

    scenario: Scenario
    status: str
    pairs: pd.DataFrame
    roles: dict[str, str]


def still_optimal(row_free: RowFree, problem: Problem) -> bool:
    """Whether the run's row-free optimum is optimal for `problem` too, proven without solving:
    the same pairs, bounds and pair objectives (so the same row-free relaxation, which that
    matching solves exactly) and every row of `problem` met with nothing to pay. Then no
    matching of `problem` can do better, since each one is a matching of that relaxation."""
    old = row_free.problem

    def equal(a: np.ndarray, b: np.ndarray) -> bool:
        return a is b or np.array_equal(a, b)  # a model built from the run's shares its pair arrays

    same = (
        equal(old.giver, problem.giver) and equal(old.taker, problem.taker)
        and equal(old.giver_min, problem.giver_min) and equal(old.giver_max, problem.giver_max)
        and equal(old.taker_min, problem.taker_min) and equal(old.fixed, problem.fixed)
        and old.pair_objective.keys() == problem.pair_objective.keys()
        and all(equal(old.pair_objective[p], problem.pair_objective[p]) for p in old.pair_objective)
    )
    from matcher.solvers.structured import HELD

    return same and all(row.violation(row_free.x) <= HELD for row in problem.rows)


def _solve_pairs(scenario: Scenario, row_free: RowFree | None = None, run: Model | None = None) -> _Pairs:
    """The scenario's matching without what only a run's outputs need (each pair's reasons, who
    is unmatched and why, the rules' independent checks, the KPIs): about half of a city run.
    With the run's row-free optimum, not even a solve when that matching is proven optimal here.
    With the run's model (`run`: the scenario differs from the run's only in rows), its pairs and
    objective are reused, not built again (a build took 1.3-1.5 s at 2,000 x 3,000, in one process)."""
    from matcher.engine import build_model, solve_problem, with_rows_of
    from matcher.errors import InfeasibleError, NoSolutionError
    from matcher.problem import ProblemInfeasible, ProblemTimeout
    from matcher.solvers import NotApplicable

    shared = with_rows_of(run, scenario.active_constraints()) if run is not None else None
    model = shared if shared is not None else build_model(scenario)
    if row_free is not None and still_optimal(row_free, model.problem):
        return _pairs_of(scenario, model, row_free.x, "OPTIMAL")
    try:
        solution = solve_problem(model.problem, scenario.solver)
    except ProblemInfeasible:
        raise InfeasibleError([]) from None
    except (ProblemTimeout, NotApplicable):
        raise NoSolutionError(scenario.solver.time_limit_s, "") from None
    return _pairs_of(scenario, model, solution.x, solution.status)


def _pairs_of(scenario: Scenario, model: Model, x: np.ndarray, status: str) -> _Pairs:
    chosen = np.flatnonzero(x)
    inst, problem = model.inst, model.problem
    pairs = pd.DataFrame(
        {
            "mentor_id": inst.givers["id"].to_numpy()[problem.giver[chosen]],
            "adept_id": inst.takers["id"].to_numpy()[problem.taker[chosen]],
            "score": model.score[chosen].astype(np.int64),
        }
    )
    taker = {"mentorship": "adept", "trainee": "trainee"}[scenario.program]
    giver = {"mentorship": "mentor", "trainee": "supervisor"}[scenario.program]
    return _Pairs(scenario, status, pairs, {"giver": giver, "taker": taker})


def fairness_prices(
    scenario: Scenario, result: Result, row_free: RowFree | None = None, model: Model | None = None
) -> list[FairnessPrice]:
    """The price of each fairness rule of the run, in catalogue order (`row_free`: the run's
    matching when it is the row-free optimum, which often settles a price without a solve;
    `model`: the run's, reused when a rule's fairness part adds only rows)."""
    return [
        price_of(rule, scenario, result, row_free, model) for rule in result.constraints if rule.is_fairness_rule()
    ]
