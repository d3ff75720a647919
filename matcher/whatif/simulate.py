"""Turnover simulation: mentors leave mid-year, the stranded adepts are re-matched.

Each run draws which mentors leave (each independently, with probability `dropout`) from
its own seed, then repairs the year's matching with `matcher.repair.repair_matching`:
every pair that still works is kept, the stranded adepts are matched to the mentors with
room left, as many as the rules allow. What is counted is how many adepts who had a
mentor end up without one, per administration. A run is a pure function of (base, run):
it gives the same numbers serially, on local processes or on a Dask cluster, and
`--runs 1 --first-run N` repeats run N alone. The page is `matcher.whatif.simulate_page`.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from constraints import MATCHING_RULE, REGISTRY
from matcher.domain import ADMINISTRATIONS, GIVER_ROLE, TAKER_ROLE
from matcher.engine import adds_hard_rows
from matcher.errors import InfeasibleError, InputError, NoSolutionError
from matcher.repair import RepairResult, repair_matching
from matcher.scenario import Scenario
from matcher.whatif.runner import Execution, run_tasks


@dataclass(frozen=True)
class TurnoverModel:
    """What every run shares: the scenario, the year's starting pairs and the turnover assumptions."""

    scenario: Scenario  # coverage soft at priority 1: mid-year, match as many as possible
    pairs: pd.DataFrame  # mentor_id, adept_id: the matching the year starts with
    dropout: float  # probability that a mentor leaves during the year
    allow_moves: int = 0  # kept pairs the re-match may break to match more adepts
    seed: int = 0

    @functools.cached_property
    def relaxable_targets(self) -> list[str]:
        """Computed once per model: the people who may leave are mentors, so the targets do not change."""
        return relaxable_targets(self.scenario)

    @classmethod
    def create(cls, scenario: Scenario, pairs: pd.DataFrame, dropout: float, *, allow_moves: int = 0,
               seed: int | None = None) -> TurnoverModel:
        if not 0.0 <= dropout <= 1.0:
            raise InputError.single("--dropout", None, None, f"{dropout} is not a probability between 0 and 1")
        constraints = {name: dict(config) for name, config in scenario.constraints.items()}
        constraints[MATCHING_RULE] = {**constraints.get(MATCHING_RULE, {}), "hard": False, "priority": 1}
        mid_year = dataclasses.replace(scenario, constraints=constraints)
        return cls(mid_year, pairs[["mentor_id", "adept_id"]].copy(), dropout, allow_moves,
                   scenario.solver.seed if seed is None else seed)


@dataclass(frozen=True)
class Run:
    index: int  # 1-based

    def rng(self, seed: int) -> np.random.Generator:
        """Run N's draws depend only on (seed, N): not on how many runs or where they run."""
        return np.random.default_rng(np.random.SeedSequence([seed, self.index]))


def leaving_mentors(model: TurnoverModel, run: Run) -> list[str]:
    giver = GIVER_ROLE[model.scenario.program]
    mentors = sorted(model.scenario.people.loc[model.scenario.people["role"] == giver, "id"])
    draws = run.rng(model.seed).random(len(mentors))
    return [m for m, u in zip(mentors, draws, strict=True) if u < model.dropout]


def simulate_run(model: TurnoverModel, run: Run) -> dict[str, Any]:
    """One simulated year: who leaves, who is stranded, who is re-matched. Aggregates only."""
    people = model.scenario.people
    taker_role = TAKER_ROLE[model.scenario.program]
    administration = dict(zip(people["id"], people["administration"], strict=True))
    leavers = leaving_mentors(model, run)
    gone = set(leavers)
    stranded = sorted(a for m, a in zip(model.pairs["mentor_id"], model.pairs["adept_id"], strict=True) if m in gone)
    row: dict[str, Any] = {"run": run.index, "seed": model.seed, "mentors_leaving": len(leavers),
                           "stranded": len(stranded)}
    relaxed: list[str] = []
    everyone_left = len(leavers) == int((people["role"] == GIVER_ROLE[model.scenario.program]).sum())
    if everyone_left:
        matched_after, status, reason, moved = set(), "NO_MENTORS_LEFT", "every mentor left", 0
    else:
        try:
            repair, relaxed = _rematch(model, leavers)
        except InfeasibleError as exc:
            matched_after = set(model.pairs["adept_id"]) - set(stranded)
            status, reason, moved = "INFEASIBLE", " | ".join(str(c) for c in exc.conflicts), 0
        except NoSolutionError as exc:
            matched_after = set(model.pairs["adept_id"]) - set(stranded)
            status, reason, moved = "NO_SOLUTION", str(exc), 0
        else:
            matched_after = set(repair.result.pairs["adept_id"])
            status, reason, moved = repair.result.status, "", repair.counts["moved"]
    before = set(model.pairs["adept_id"])
    left_without = [a for a in before if a not in matched_after]
    takers = people.loc[people["role"] == taker_role, "id"]
    row.update(
        rematched=sum(a in matched_after for a in stranded),
        left_without=len(left_without),
        newly_matched=len(matched_after - before),
        unmatched_after=int((~takers.isin(matched_after)).sum()),
        moved=moved,
        status=status,
    )
    for adm in ADMINISTRATIONS:
        row[f"leaving_{adm}"] = sum(administration[m] == adm for m in leavers)
        row[f"stranded_{adm}"] = sum(administration[a] == adm for a in stranded)
        row[f"left_without_{adm}"] = sum(administration[a] == adm for a in left_without)
    row["relaxed"] = ";".join(relaxed)
    row["reason"] = reason
    return row



def _rematch(model: TurnoverModel, leavers: Sequence[str]) -> tuple[RepairResult, list[str]]:
    """The year's repair, and the cohort-wide targets it had to make soft (fewest first).

    Kept pairs plus a hard cohort-wide target (equal match rates, a cross-administration share)
    can be impossible mid-year; a coordinator would then re-match as fairly as possible. So the
    rules as written are tried first, then each target made soft alone (in catalogue order),
    then all of them. Only whether each try is feasible is needed, so no try runs the engine's
    rule-by-rule diagnosis; the last, when even that fails, does, for the reason in words.
    Raises InfeasibleError or NoSolutionError like `repair_matching`.
    """
    targets = model.relaxable_targets
    tries = [[], *([name] for name in targets), *([list(targets)] if len(targets) > 1 else [])]
    for names in tries:
        try:
            repair = repair_matching(_soft(model.scenario, names), model.pairs, leavers=leavers,
                                     allow_moves=model.allow_moves, diagnose_infeasible=False, price_fairness=False)
        except InfeasibleError:
            continue
        return repair, names
    # Infeasible even with every target soft: this repeat raises with the conflicting rules in words.
    everything = list(targets)
    repair = repair_matching(_soft(model.scenario, everything), model.pairs, leavers=leavers,
                             allow_moves=model.allow_moves, price_fairness=False)
    return repair, everything


def relaxable_targets(scenario: Scenario) -> list[str]:
    """The scenario's hard cohort-wide targets that have a soft form: rules that put hard rows in
    the model (not pair filters), in catalogue order."""
    inst = scenario.instance()
    names = []
    for constraint in scenario.active_constraints():
        config = scenario.constraints.get(constraint.name)
        if not constraint.relaxable or config is None or not adds_hard_rows(constraint, inst):
            continue
        try:
            REGISTRY[constraint.name].from_config({**config, "hard": False})
        except (ValidationError, KeyError):
            continue
        names.append(constraint.name)
    return names


def _soft(scenario: Scenario, names: Sequence[str]) -> Scenario:
    constraints = {name: dict(config) for name, config in scenario.constraints.items()}
    for name in names:
        constraints[name]["hard"] = False
    return dataclasses.replace(scenario, constraints=constraints)


def simulate(model: TurnoverModel, runs: Sequence[Run], execution: Execution,
             on_done: Callable[[int, dict[str, Any]], None] | None = None) -> pd.DataFrame:
    rows = run_tasks(simulate_run, model, list(runs), execution, on_done=on_done)
    return pd.DataFrame(rows)


def distribution(table: pd.DataFrame) -> pd.DataFrame:
    """Per administration (and in total): adepts left without a mentor across the runs."""
    out = []
    for adm in (*ADMINISTRATIONS, "all"):
        column = "left_without" if adm == "all" else f"left_without_{adm}"
        stranded = "stranded" if adm == "all" else f"stranded_{adm}"
        values = table[column].astype(float)
        out.append({
            "administration": adm,
            "runs": len(values),
            "stranded_mean": float(table[stranded].mean()),
            "left_without_mean": float(values.mean()),
            "left_without_p5": float(values.quantile(0.05)),
            "left_without_median": float(values.median()),
            "left_without_p95": float(values.quantile(0.95)),
            "left_without_max": int(values.max()),
            "share_of_runs_with_any": float((values > 0).mean()),
        })
    return pd.DataFrame(out)


def __getattr__(name: str) -> Any:
    """`simulate_page` lives with the page (`matcher.whatif.simulate_page`); imported from here on first use."""
    if name == "simulate_page":
        from matcher.whatif.simulate_page import simulate_page

        return simulate_page
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
