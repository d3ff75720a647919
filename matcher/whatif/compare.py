"""Compare scenarios on the same participants: the steering group's "what if we ...?".

Each scenario is solved on its own with `matcher.engine.solve`; one that is infeasible or
finds no solution in time becomes a column with that status and its reasons, not an abort,
because "this rule cannot hold" is itself an answer to a what-if. The first scenario is the
baseline the others' pairs are compared with.

Three views of one comparison:
- `Comparison.kpis`: the KPI table (rows = KPI, columns = scenario names), compare.csv;
- `Comparison.pair_differences_table()`: pair-level detail with person ids, for the
  coordinator only (pair_differences.csv);
- `render_comparison` (`matcher.whatif.compare_page`): the steering group's self-contained
  HTML page. Aggregates only: no names and no person ids, not even inside the reasons a
  scenario could not be solved. `terminal_table` (`matcher.whatif.compare_terminal`): the
  KPI table for the terminal.

This module is the comparison itself (the model, the solving, the KPI table); the words of
the page and the terminal are in the catalogue (`matcher/i18n/texts/compare.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from constraints import Constraint
from matcher.domain import ADMINISTRATIONS, BANDS, GENDERS, GIVER_ROLE, TAKER_ROLE
from matcher.engine import Result, solve
from matcher.errors import InfeasibleError, InputError, NoSolutionError, Problem
from matcher.i18n import Msg
from matcher.scenario import Scenario

__all__ = ["Comparison", "Outcome", "PairDifference", "compare_scenarios", "scenario_letters"]

INFEASIBLE, NO_SOLUTION = "INFEASIBLE", "NO_SOLUTION"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_LISTED = 20  # participant differences listed one by one before "and N more"


# --------------------------------------------------------------------------------------------
# What a comparison holds
# --------------------------------------------------------------------------------------------
@dataclass
class Outcome:
    """One scenario's column: solved (`result`) or not (`status` and `reasons` say why)."""

    name: str  # distinct among the compared scenarios
    scenario: Scenario
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE or NO_SOLUTION
    result: Result | None = None
    # In words (catalogue messages, or text); may name people (stderr only, never the page).
    reasons: list[Msg | str] = field(default_factory=list)
    rules: list[list[str]] = field(default_factory=list)  # per reason: the rules involved

    @property
    def solved(self) -> bool:
        return self.result is not None


@dataclass
class PairDifference:
    """How one scenario's pairs differ from the baseline's (ids: for the coordinator only)."""

    baseline: str
    scenario: str
    removed: list[tuple[str, str]]  # (giver, taker) pairs only in the baseline
    added: list[tuple[str, str]]  # pairs only in this scenario
    kept: int  # pairs in both
    partner_changed: list[str]  # takers matched in both, to another giver
    no_longer_matched: list[str]  # takers matched in the baseline only
    newly_matched: list[str]  # takers matched in this scenario only
    unmatched_in_both: int

    @property
    def pairs_differing(self) -> int:
        """Pairs that are in one matching but not the other, counted once per pair."""
        return len(self.removed) + len(self.added)

    def counts(self) -> dict[str, int]:
        return {
            "pairs_kept": self.kept,
            "pairs_removed": len(self.removed),
            "pairs_added": len(self.added),
            "partner_changed": len(self.partner_changed),
            "no_longer_matched": len(self.no_longer_matched),
            "newly_matched": len(self.newly_matched),
        }


@dataclass
class Comparison:
    """Scenarios solved on the same participants, the KPI table and the pair differences."""

    outcomes: list[Outcome]
    kpis: pd.DataFrame  # index: KPI; columns: scenario names
    differences: dict[str, PairDifference | None]  # scenario name -> vs the baseline (None: not comparable)
    program: str
    groups: list[tuple[str, str, str, int]]  # (administration, gender, band, takers)

    @property
    def names(self) -> list[str]:
        return [o.name for o in self.outcomes]

    @property
    def baseline(self) -> Outcome:
        return self.outcomes[0]

    def pair_differences_table(self) -> pd.DataFrame:
        """One row per pair in one matching but not the other, with what happened to the taker.

        Columns: baseline, scenario, change (removed: only in the baseline; added: only in the
        scenario), mentor_id, adept_id (supervisor_id, trainee_id for trainees), score, and
        taker_change (partner changed / no longer matched / newly matched).
        """
        giver_col, taker_col = _id_columns(self.program)
        rows: list[dict[str, Any]] = []
        by_name = {o.name: o for o in self.outcomes}
        for name, diff in self.differences.items():
            if diff is None:
                continue
            changed = set(diff.partner_changed)
            lost, gained = set(diff.no_longer_matched), set(diff.newly_matched)
            base_scores = _scores(by_name[diff.baseline].result)
            new_scores = _scores(by_name[name].result)
            for change, pairs, scores in (("removed", diff.removed, base_scores), ("added", diff.added, new_scores)):
                for giver, taker in pairs:
                    what = ("partner changed" if taker in changed else "no longer matched" if taker in lost
                            else "newly matched" if taker in gained else "")
                    rows.append({
                        "baseline": diff.baseline, "scenario": name, "change": change,
                        giver_col: giver, taker_col: taker, "score": scores.get((giver, taker)),
                        "taker_change": what,
                    })
        columns = ["baseline", "scenario", "change", giver_col, taker_col, "score", "taker_change"]
        table = pd.DataFrame(rows, columns=columns)
        if not table.empty:  # scenarios in the order given; per taker, the baseline's pair first
            order = {name: i for i, name in enumerate(self.names)}
            table = table.sort_values(
                ["scenario", taker_col, "change"], kind="stable",
                key=lambda col: col.map(order) if col.name == "scenario"
                else col.map({"removed": 0, "added": 1}) if col.name == "change" else col,
            ).reset_index(drop=True)
            table["score"] = table["score"].astype("Int64")
        return table

    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.solved]


def _id_columns(program: str) -> tuple[str, str]:
    return f"{GIVER_ROLE[program]}_id", f"{TAKER_ROLE[program]}_id"


def _scores(result: Result | None) -> dict[tuple[str, str], int]:
    if result is None:
        return {}
    return {
        (str(m), str(a)): int(s)
        for m, a, s in zip(result.pairs["mentor_id"], result.pairs["adept_id"], result.pairs["score"], strict=True)
    }


# --------------------------------------------------------------------------------------------
# Checking the scenarios compare like with like
# --------------------------------------------------------------------------------------------
def distinct_names(scenarios: Sequence[Scenario]) -> list[str]:
    """Column names: the scenario's name; where two are equal, with the file stem added."""
    names = [s.name or (s.path.stem if s.path else "scenario") for s in scenarios]
    counts = {n: names.count(n) for n in names}
    names = [
        f"{n} ({s.path.stem})" if counts[n] > 1 and s.path is not None else n
        for n, s in zip(names, scenarios, strict=True)
    ]
    seen: dict[str, int] = {}
    out = []
    for n in names:
        if names.count(n) > 1:  # same name and same file stem: number them
            seen[n] = seen.get(n, 0) + 1
            n = f"{n} #{seen[n]}"
        out.append(n)
    return out


def _where(scenario: Scenario) -> str:
    return str(scenario.path) if scenario.path is not None else scenario.name


def _people_file(scenario: Scenario) -> str:
    return str(scenario.files.get("people") or _where(scenario))


def check_same_participants(scenarios: Sequence[Scenario], names: Sequence[str] | None = None) -> None:
    """InputError (exit 2) unless every scenario has the baseline's programme, person ids and roles.

    A what-if changes rules, not people: comparing two different cohorts would report their
    differences as the rules' effect.
    """
    names = list(names) if names is not None else distinct_names(scenarios)
    base = scenarios[0]
    base_roles = dict(zip(base.people["id"].astype(str), base.people["role"].astype(str), strict=True))
    problems: list[Problem] = []
    for scenario, name in zip(scenarios[1:], names[1:], strict=True):
        if scenario.program != base.program:
            problems.append(Problem(
                _where(scenario), None, "program",
                f"scenario {name!r} is a {scenario.program} scenario but {names[0]!r} ({_where(base)}) is "
                f"{base.program}; compare scenarios of one programme",
            ))
            continue
        people_file = _people_file(scenario)
        rows = dict(zip(scenario.people["id"].astype(str), scenario.people["source_row"], strict=True)) \
            if "source_row" in scenario.people.columns else {}
        roles = dict(zip(scenario.people["id"].astype(str), scenario.people["role"].astype(str), strict=True))
        found: list[Problem] = []
        for pid in sorted(set(roles) - set(base_roles)):
            row = rows.get(pid)
            found.append(Problem(
                people_file, int(row) if row is not None and pd.notna(row) else None, "id",
                f"person {pid} is in scenario {name!r} but not in the baseline {names[0]!r} "
                f"({_people_file(base)}); compare needs the same participants in every scenario",
            ))
        for pid in sorted(set(base_roles) - set(roles)):
            found.append(Problem(
                people_file, None, "id",
                f"person {pid} of the baseline {names[0]!r} ({_people_file(base)}) is missing from scenario "
                f"{name!r}; compare needs the same participants in every scenario",
            ))
        for pid in sorted(set(roles) & set(base_roles)):
            if roles[pid] != base_roles[pid]:
                row = rows.get(pid)
                found.append(Problem(
                    people_file, int(row) if row is not None and pd.notna(row) else None, "role",
                    f"person {pid} is a {roles[pid]} in scenario {name!r} but a {base_roles[pid]} in the "
                    f"baseline {names[0]!r}; compare needs the same roles in every scenario",
                ))
        if len(found) > MAX_LISTED:
            more = len(found) - MAX_LISTED
            found = [*found[:MAX_LISTED], Problem(
                people_file, None, "id",
                f"and {more} more differences from the baseline's people; is this the same cohort?",
            )]
        problems.extend(found)
    if problems:
        raise InputError(problems)


# --------------------------------------------------------------------------------------------
# Solving and comparing
# --------------------------------------------------------------------------------------------
def solve_outcome(scenario: Scenario, name: str) -> Outcome:
    """Solve one scenario; infeasible or no solution in time is recorded, not raised."""
    try:
        result = solve(scenario)
    except InfeasibleError as exc:
        return Outcome(name, scenario, INFEASIBLE, reasons=[c.words for c in exc.conflicts],
                       rules=[list(c.constraints) for c in exc.conflicts])
    except NoSolutionError as exc:
        return Outcome(name, scenario, NO_SOLUTION, reasons=[str(exc)], rules=[[]])
    return Outcome(name, scenario, result.status, result=result)


def pair_difference(baseline: Outcome, other: Outcome) -> PairDifference | None:
    """The pairs and takers that differ between two solved outcomes (None if one is unsolved)."""
    if baseline.result is None or other.result is None:
        return None
    a = {(str(m), str(t)) for m, t in zip(baseline.result.pairs["mentor_id"], baseline.result.pairs["adept_id"],
                                          strict=True)}
    b = {(str(m), str(t)) for m, t in zip(other.result.pairs["mentor_id"], other.result.pairs["adept_id"],
                                          strict=True)}
    partners_a: dict[str, set[str]] = {}
    partners_b: dict[str, set[str]] = {}
    for giver, taker in a:
        partners_a.setdefault(taker, set()).add(giver)
    for giver, taker in b:
        partners_b.setdefault(taker, set()).add(giver)
    takers = int(other.result.kpis["takers"])
    return PairDifference(
        baseline=baseline.name,
        scenario=other.name,
        removed=sorted(a - b, key=lambda p: (p[1], p[0])),
        added=sorted(b - a, key=lambda p: (p[1], p[0])),
        kept=len(a & b),
        partner_changed=sorted(t for t in set(partners_a) & set(partners_b) if partners_a[t] != partners_b[t]),
        no_longer_matched=sorted(set(partners_a) - set(partners_b)),
        newly_matched=sorted(set(partners_b) - set(partners_a)),
        unmatched_in_both=takers - len(set(partners_a) | set(partners_b)),
    )


def compare_scenarios(
    scenarios: Sequence[Scenario],
    *,
    on_solved: Callable[[Outcome], None] | None = None,
) -> Comparison:
    """Solve each scenario on the same participants and put the results side by side.

    Raises InputError when fewer than two scenarios are given or their participants differ.
    `on_solved` is called after each scenario (e.g. to print progress).
    """
    if len(scenarios) < 2:
        raise InputError.single("compare", None, None, "give at least two scenario files to compare")
    names = distinct_names(scenarios)
    check_same_participants(scenarios, names)
    outcomes = []
    for scenario, name in zip(scenarios, names, strict=True):
        outcome = solve_outcome(scenario, name)
        outcomes.append(outcome)
        if on_solved is not None:
            on_solved(outcome)
    differences = {o.name: pair_difference(outcomes[0], o) for o in outcomes[1:]}
    inst = scenarios[0].instance()
    groups = [
        (str(adm), str(gender), str(band), len(group))
        for (adm, gender, band), group in inst.takers.groupby(["administration", "gender", "band"], sort=False)
    ]
    groups.sort(key=lambda g: (_rank(g[0], ADMINISTRATIONS), _rank(g[1], GENDERS), _rank(g[2], BANDS)))
    return Comparison(outcomes, kpi_table(outcomes, differences, groups), differences, scenarios[0].program, groups)


def _rank(value: str, order: Sequence[str]) -> tuple[int, str]:
    return (order.index(value) if value in order else len(order), value)


# --------------------------------------------------------------------------------------------
# The KPI table
# --------------------------------------------------------------------------------------------
def _rule_order(outcomes: Sequence[Outcome]) -> list[str]:
    from constraints import REGISTRY

    order = list(REGISTRY)
    names = {c.name for o in outcomes for c in _constraints(o)}
    return sorted(names, key=lambda n: (order.index(n) if n in order else len(order), n))


def _constraints(outcome: Outcome) -> list[Constraint]:
    if outcome.result is not None:
        return outcome.result.constraints
    return outcome.scenario.active_constraints()


def _column(
    outcome: Outcome,
    diff: PairDifference | None,
    is_baseline: bool,
    groups: Sequence[tuple[str, str, str, int]],
    rules: Sequence[str],
    redact: Callable[[str], str],
) -> dict[str, Any]:
    """One scenario's KPIs, keyed as the table's rows; None where the scenario was not solved."""
    r = outcome.result
    program = outcome.scenario.program
    k: Mapping[str, Any] = r.kpis if r is not None else {}
    col: dict[str, Any] = {
        "status": outcome.status,
        "reasons": "; ".join(redact(f"[{' + '.join(rules_)}] {_english(reason, program)}" if rules_
                                    else _english(reason, program))
                             for reason, rules_ in zip(outcome.reasons, outcome.rules, strict=True)) or None,
        "solver": r.solver if r is not None else None,
        "objective": r.objective if r is not None else None,
        "best_bound": r.best_bound if r is not None else None,
        "gap": r.gap if r is not None else None,
        "solve_seconds": round(r.solve_seconds, 2) if r is not None else None,
    }
    for key in ("givers", "takers", "capacity_total", "pairs", "matched_takers", "match_rate", "givers_used",
                "cross_administration_share", "score_mean", "score_min", "score_max"):
        col[key] = k.get(key)
    if r is None:  # the participants are known even without a matching
        scenario = outcome.scenario
        givers = scenario.people[scenario.people["role"] == GIVER_ROLE[scenario.program]]
        col["givers"], col["takers"] = _counts(scenario)
        col["capacity_total"] = int(givers["capacity"].sum())
    for row in sorted(k.get("by_administration", []), key=lambda row: _rank(row["administration"], ADMINISTRATIONS)):
        col[f"matched[{row['administration']}] of {row['takers']}"] = row["matched"]
        col[f"match_rate[{row['administration']}]"] = row["rate"]
    for what, order in (("gender", GENDERS), ("band", BANDS)):
        for row in sorted(k.get(f"by_{what}", []), key=lambda row: _rank(row[what], order)):
            col[f"match_rate[{row[what]}]"] = row["rate"]
    matched = {(g["administration"], g["gender"], g["band"]): g["matched"] for g in k.get("matched_by_group", [])}
    for adm, gender, band, n in groups:
        col[f"matched[{adm}, {gender}, {band}] of {n}"] = matched.get((adm, gender, band)) if r is not None else None
    active = {c.name: c for c in _constraints(outcome)}
    for name in rules:
        if name not in active:
            col[f"holds[{name}]"] = "off"
        elif r is None:
            col[f"holds[{name}]"] = None
        else:
            col[f"holds[{name}]"] = _holds(r.checks[name])
    counts = diff.counts() if diff is not None else None
    for key in ("pairs_kept", "pairs_removed", "pairs_added", "partner_changed", "no_longer_matched",
                "newly_matched"):
        if is_baseline:
            col[f"vs_baseline.{key}"] = (len(r.pairs) if key == "pairs_kept" else 0) if r is not None else None
        else:
            col[f"vs_baseline.{key}"] = counts[key] if counts is not None else None
    return col


def _holds(verdict: Any) -> str:
    """yes; no (a hard part is broken: the matching is not valid); or preference_unmet (issue 12:
    an unmet preference, such as a soft same-gender request of a hard gender_balance, is not a
    broken rule)."""
    if verdict.holds:
        return "yes"
    return "no" if verdict.hard_broken else "preference_unmet"


def kpi_table(
    outcomes: Sequence[Outcome],
    differences: Mapping[str, PairDifference | None],
    groups: Sequence[tuple[str, str, str, int]],
) -> pd.DataFrame:
    """Rows = KPI, columns = scenario names; numbers stay numbers (object dtype), None where unsolved."""
    rules = _rule_order(outcomes)
    redact = redactor(outcomes[0].scenario) if outcomes else (lambda s: s)
    columns = {
        o.name: _column(o, differences.get(o.name), i == 0, groups, rules, redact) for i, o in enumerate(outcomes)
    }
    keys: list[str] = []
    for col in columns.values():
        keys.extend(k for k in col if k not in keys)
    # Solved columns carry every row; keep their order (status ... holds ... vs_baseline).
    order = {k: i for i, k in enumerate(_canonical_keys(keys))}
    keys.sort(key=lambda key: order[key])
    table = pd.DataFrame({name: [col.get(key) for key in keys] for name, col in columns.items()},
                         index=pd.Index(keys, name="kpi"), dtype=object)
    return table


def _canonical_keys(keys: list[str]) -> list[str]:
    """Group the rows by section whatever order they were first seen in."""
    def section(key: str) -> int:
        if key.startswith("matched[") and key.count(",") == 2:
            return 3
        if key.startswith(("matched[", "match_rate[")):
            return 2
        if key.startswith("holds["):
            return 4
        if key.startswith("vs_baseline."):
            return 5
        if key in ("status", "reasons", "solver", "objective", "best_bound", "gap", "solve_seconds"):
            return 0
        return 1
    return sorted(keys, key=lambda k: (section(k), keys.index(k)))


def redactor(scenario: Scenario) -> Callable[[str], str]:
    """A function that replaces every person id and name of the participants with '…'.

    The engine's reasons name people ("adept A0007 (Ny, Nordost, woman) has no ..."): right
    for the coordinator's terminal, wrong for an aggregate page.
    """
    people = scenario.people
    words = {str(v).strip() for v in people["id"] if str(v).strip()}
    if "name" in people.columns:
        words |= {str(v).strip() for v in people["name"] if isinstance(v, str) and len(v.strip()) > 1}
    if not words:
        return lambda text: text
    pattern = re.compile(
        r"(?<![\w])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w])"
    )
    return lambda text: pattern.sub("…", text)


def _counts(scenario: Scenario) -> tuple[int, int]:
    """(givers, takers) among the scenario's people."""
    roles = scenario.people["role"]
    return int((roles == GIVER_ROLE[scenario.program]).sum()), int((roles == TAKER_ROLE[scenario.program]).sum())


def scenario_letters(count: int) -> list[str]:
    """A, B, C, ... (then A1, B1, ...): one letter per scenario, on the page and in the terminal."""
    return [LETTERS[i % 26] + ("" if i < 26 else str(i // 26)) for i in range(count)]


def __getattr__(name: str) -> Any:
    """`render_comparison` and `terminal_table` live with the page and the terminal; imported from
    here on first use, so the comparison itself never loads the page's code."""
    if name == "render_comparison":
        from matcher.whatif.compare_page import render_comparison

        return render_comparison
    if name == "terminal_table":
        from matcher.whatif.compare_terminal import terminal_table

        return terminal_table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _english(reason: Msg | str, program: str) -> str:
    """A reason for compare.csv (a machine file): the sentence in English."""
    return reason.render("en", program) if isinstance(reason, Msg) else reason
