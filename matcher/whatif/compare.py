"""Compare scenarios on the same participants: the steering group's "what if we ...?".

Each scenario is solved on its own with `matcher.engine.solve`; one that is infeasible or
finds no solution in time becomes a column with that status and its reasons, not an abort,
because "this rule cannot hold" is itself an answer to a what-if. The first scenario is the
baseline the others' pairs are compared with.

Three views of one comparison:
- `Comparison.kpis`: the KPI table (rows = KPI, columns = scenario names), compare.csv;
- `Comparison.pair_differences_table()`: pair-level detail with person ids, for the
  coordinator only (pair_differences.csv);
- `render_comparison`: the steering group's self-contained HTML page. Aggregates only:
  no names and no person ids, not even inside the reasons a scenario could not be solved.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import pandas as pd

from constraints import Constraint
from matcher import __version__
from matcher.domain import ADMINISTRATIONS, BANDS, GENDERS, GIVER_ROLE, TAKER_ROLE
from matcher.engine import Result, solve
from matcher.errors import InfeasibleError, InputError, NoSolutionError, Problem
from matcher.html import (
    CSS,
    GRID,
    HEAT_HIGH,
    HEAT_LOW,
    MUTED,
    OKABE_ITO,
    STRINGS,
    Bar,
    SplitRow,
    Text,
    canonical_order,
    esc,
    format_number,
    format_percent,
    format_timestamp,
    mix_colours,
    svg_empty,
    svg_line,
    svg_open,
    svg_rate_bars,
    svg_rect,
    svg_split_bars,
    svg_text,
    text_width,
)
from matcher.scenario import Scenario

__all__ = ["Comparison", "Outcome", "PairDifference", "compare_scenarios", "render_comparison"]

Lang = Literal["en", "sv"]

INFEASIBLE, NO_SOLUTION = "INFEASIBLE", "NO_SOLUTION"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: One colour per scenario (Okabe-Ito, as the run report), then grey shades.
SCENARIO_COLOURS = (
    OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["green"], OKABE_ITO["vermillion"],
    OKABE_ITO["purple"], OKABE_ITO["sky_blue"], "#555555", "#8a96a3",
)
MAX_LISTED = 20  # participant differences listed one by one before "and N more"
MAX_REASONS = 8  # distinct reasons a scenario has no matching, shown on the page


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
    reasons: list[str] = field(default_factory=list)  # in words; may name people (stderr only)
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
        return Outcome(name, scenario, INFEASIBLE, reasons=[c.message for c in exc.conflicts],
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
    k: Mapping[str, Any] = r.kpis if r is not None else {}
    col: dict[str, Any] = {
        "status": outcome.status,
        "reasons": "; ".join(redact(f"[{' + '.join(rules_)}] {reason}" if rules_ else reason)
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
            verdict = r.checks[name]  # per part: a broken hard part is "no", an unmet preference is not
            col[f"holds[{name}]"] = ("yes" if verdict.holds else "no" if verdict.hard_broken
                                     else "preference not met")
    counts = diff.counts() if diff is not None else None
    for key in ("pairs_kept", "pairs_removed", "pairs_added", "partner_changed", "no_longer_matched",
                "newly_matched"):
        if is_baseline:
            col[f"vs_baseline.{key}"] = (len(r.pairs) if key == "pairs_kept" else 0) if r is not None else None
        else:
            col[f"vs_baseline.{key}"] = counts[key] if counts is not None else None
    return col


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


# --------------------------------------------------------------------------------------------
# The table as text, for the terminal
# --------------------------------------------------------------------------------------------
_PERCENT_ROWS = ("match_rate", "cross_administration_share", "gap")


def format_value(key: str, value: Any, lang: Lang = "en") -> str:
    """A KPI cell as a person reads it: rates as %, scores with one decimal, missing as '–'."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, bool | str):
        return str(value)
    if key.startswith(_PERCENT_ROWS):
        return format_percent(value, lang)
    if isinstance(value, int):
        return str(value)
    return format_number(value, lang, 2)


def terminal_table(comparison: Comparison, *, width: int = 14, skip: Iterable[str] = ("reasons",)) -> str:
    """The KPI table with one letter per scenario (legend above), so it fits a terminal."""
    letters = [LETTERS[i % 26] + ("" if i < 26 else str(i // 26)) for i in range(len(comparison.outcomes))]
    skipped = set(skip)
    keys = [k for k in comparison.kpis.index if k not in skipped]
    label_w = max(len(k) for k in keys) + 2
    lines = [f"{letter} = {o.name}" + (" (baseline)" if i == 0 else "")
             for i, (letter, o) in enumerate(zip(letters, comparison.outcomes, strict=True))]
    lines.append("")
    lines.append("kpi".ljust(label_w) + "".join(letter.rjust(width) for letter in letters))
    for key in keys:
        cells = [format_value(key, comparison.kpis.at[key, name])[: width - 1] for name in comparison.names]
        lines.append(key.ljust(label_w) + "".join(c.rjust(width) for c in cells))
    return "\n".join(lines)


# ============================================================================================
# The steering group's page
# ============================================================================================
_PAGE_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "page": "Scenario comparison",
        "headline": "{n} scenarios for the same {givers_n} {givers} and {takers_n} {takers}",
        "baseline": "Baseline",
        "baseline_is": "baseline: {letter} · {name}",
        "vs": "compared with {letter}",
        "not_solved": "{count} of {n} scenarios could not be solved; their columns show why.",
        "card.matched": "{matched} of {total} {takers} matched",
        "card.cross": "{share} across administrations",
        "card.score": "mean pair score {mean}",
        "card.keeps": "keeps {kept} of {letter}'s {total} pairs",
        "card.same": "the same pairs as {letter}",
        "card.baseline": "the baseline",
        "card.failed": "no matching: {rules}",
        "status.OPTIMAL": "proven best",
        "status.FEASIBLE": "valid, not proven best",
        "status.INFEASIBLE": "the rules cannot all hold",
        "status.NO_SOLUTION": "no matching within the time limit",
        "table.title": "Key figures side by side",
        "table.caption": (
            "Each column is one scenario solved on its own; the small numbers are the change from the baseline "
            "({letter}). A dash means the scenario has no matching."
        ),
        "row.matched": "Matched {takers}",
        "row.match_rate": "Match rate",
        "row.cross": "Cross-administration pairs",
        "row.score_mean": "Mean pair score",
        "row.score_min": "Lowest pair score",
        "row.givers_used": "{Givers} used",
        "row.objective": "Objective (last priority)",
        "row.gap": "Gap to the proven bound",
        "row.status": "Solver status",
        "row.seconds": "Solve time (s)",
        "row.kept": "Pairs of {letter} kept",
        "pp": "pp",
        "plot.admin.title": "Match rate by administration",
        "plot.admin.caption": (
            "One bar per scenario: the share of {takers} in each administration who got a {giver} (hover a bar "
            "for the counts). The first group is everyone."
        ),
        "plot.rate.x": "Administration of the {taker}",
        "plot.rate.group_total": "{total} {takers}",
        "plot.rate.tooltip": "{administration}, {gender}: {matched} of {total} {takers} matched ({rate})",
        "all": "All",
        "plot.gender.title": "Match rate by gender",
        "plot.gender.caption": "One bar per scenario: the share of {takers} of each gender who got a {giver}.",
        "plot.gender.x": "Gender of the {taker}",
        "plot.band.title": "Match rate by experience band",
        "plot.band.caption": (
            "One bar per scenario: the share of {takers} in each experience band who got a {giver}; the band rule "
            "decides which {givers} each band may have."
        ),
        "plot.band.x": "Experience band of the {taker}",
        "plot.cross.title": "Pairs across administrations",
        "plot.cross.caption": (
            "The share of pairs whose {giver} and {taker} work in different administrations; a tick marks the "
            "scenario's required minimum, where it has one."
        ),
        "plot.cross.required": "required ≥ {share}",
        "plot.score.title": "Pair quality",
        "plot.score.caption": (
            "The mean pair score (bar) and the lowest (dark tick), by each scenario's own scoring rules: compare "
            "scores only between scenarios with the same preference rules."
        ),
        "plot.score.mean": "mean {mean}",
        "plot.score.tooltip": "{name}: mean {mean}, lowest {low}, highest {high}",
        "groups.title": "Matched by administration, gender and band",
        "groups.caption": (
            "Every group of {takers} (administration × gender × experience band): how many each scenario "
            "matches. Darker cells mean a higher share of the group; an outlined cell differs from the baseline."
        ),
        "col.administration": "Administration",
        "col.gender": "Gender",
        "col.band": "Band",
        "col.takers": "{Takers}",
        "rules.title": "Rules in each scenario, and whether they hold",
        "rules.caption": (
            "✓ the rule holds in the scenario's matching, ✗ it does not (only a soft rule can be missed), “off” "
            "the scenario does not use it. Under the mark: what the rule asks in that scenario; highlighted where "
            "it asks something other than the baseline."
        ),
        "rules.off": "off",
        "rules.unsolved": "no matching",
        "rules.conflict": "part of the conflict",
        "rules.soft_part": "a soft part is not met (hover for detail)",
        "kind.hard": "hard",
        "kind.soft": "soft",
        "diff.title": "Which pairs change",
        "diff.caption": (
            "Every {taker}, compared with the baseline ({letter}): the same {giver}, another {giver}, no longer "
            "matched, newly matched, or unmatched in both. Some changes are only a choice between equally good "
            "matchings, not an effect of the rule: look at the key figures too. The coordinator finds the pairs "
            "in pair_differences.csv; this page shows counts only."
        ),
        "diff.same": "Same {giver}",
        "diff.changed": "Another {giver}",
        "diff.lost": "No longer matched",
        "diff.gained": "Newly matched",
        "diff.neither": "Unmatched in both",
        "diff.row": "{letter} vs {base}",
        "diff.summary": "{letter}: {count} pairs differ from {base} ({removed} removed, {added} added)",
        "diff.none": "Only one scenario could be compared with the baseline's pairs.",
        "diff.unsolved": "{letter}: not compared, {status}.",
        "failed.title": "Scenarios without a matching",
        "failed.caption": (
            "Why these scenarios have no matching, in the engine's words (people are shown as …)."
        ),
        "failed.more": "and {count} more reasons of the same kind",
        "footer": (
            "Made by gbg-matcher{version}, {generated}. Aggregates only: this page shows no names and no person "
            "ids; the pair-level detail is in pair_differences.csv for the coordinator. It works offline and "
            "can be printed."
        ),
    },
    "sv": {
        "page": "Jämförelse av scenarier",
        "headline": "{n} scenarier för samma {givers_n} {givers} och {takers_n} {takers}",
        "baseline": "Utgångsläge",
        "baseline_is": "utgångsläge: {letter} · {name}",
        "vs": "jämfört med {letter}",
        "not_solved": "{count} av {n} scenarier gick inte att lösa; deras kolumner visar varför.",
        "card.matched": "{matched} av {total} {takers} matchade",
        "card.cross": "{share} över förvaltningsgräns",
        "card.score": "medelpoäng per par {mean}",
        "card.keeps": "behåller {kept} av {letter}:s {total} par",
        "card.same": "samma par som {letter}",
        "card.baseline": "utgångsläget",
        "card.failed": "ingen matchning: {rules}",
        "status.OPTIMAL": "bevisat bäst",
        "status.FEASIBLE": "giltig, inte bevisat bäst",
        "status.INFEASIBLE": "reglerna kan inte uppfyllas samtidigt",
        "status.NO_SOLUTION": "ingen matchning inom tidsgränsen",
        "table.title": "Nyckeltal sida vid sida",
        "table.caption": (
            "Varje kolumn är ett scenario som lösts för sig; de små talen är skillnaden mot utgångsläget "
            "({letter}). Ett streck betyder att scenariot saknar matchning."
        ),
        "row.matched": "Matchade {takers}",
        "row.match_rate": "Matchningsgrad",
        "row.cross": "Par över förvaltningsgräns",
        "row.score_mean": "Medelpoäng per par",
        "row.score_min": "Lägsta parpoäng",
        "row.givers_used": "{Givers} som används",
        "row.objective": "Målfunktion (sista prioritet)",
        "row.gap": "Gap till bevisad gräns",
        "row.status": "Lösarens status",
        "row.seconds": "Lösningstid (s)",
        "row.kept": "Par från {letter} som behålls",
        "pp": "p.e.",
        "plot.admin.title": "Matchningsgrad per förvaltning",
        "plot.admin.caption": (
            "En stapel per scenario: andelen {takers} i varje förvaltning som fick en {giver} (håll muspekaren "
            "över en stapel för antalen). Första gruppen är alla."
        ),
        "plot.rate.x": "Förvaltning ({taker})",
        "plot.rate.group_total": "{total} {takers}",
        "plot.rate.tooltip": "{administration}, {gender}: {matched} av {total} {takers} matchade ({rate})",
        "all": "Alla",
        "plot.gender.title": "Matchningsgrad per kön",
        "plot.gender.caption": "En stapel per scenario: andelen {takers} av varje kön som fick en {giver}.",
        "plot.gender.x": "Kön ({taker})",
        "plot.band.title": "Matchningsgrad per erfarenhetsnivå",
        "plot.band.caption": (
            "En stapel per scenario: andelen {takers} på varje erfarenhetsnivå som fick en {giver}; "
            "nivåregeln avgör vilka {givers} varje nivå kan få."
        ),
        "plot.band.x": "Erfarenhet ({taker})",
        "plot.cross.title": "Par över förvaltningsgräns",
        "plot.cross.caption": (
            "Andelen par där {giver} och {taker} arbetar i olika förvaltningar; ett streck markerar scenariots "
            "krav, där det finns ett."
        ),
        "plot.cross.required": "krav ≥ {share}",
        "plot.score.title": "Parens kvalitet",
        "plot.score.caption": (
            "Medelpoängen per par (stapel) och den lägsta (mörkt streck), enligt varje scenarios egna "
            "poängregler: jämför poäng bara mellan scenarier med samma önskemålsregler."
        ),
        "plot.score.mean": "medel {mean}",
        "plot.score.tooltip": "{name}: medel {mean}, lägst {low}, högst {high}",
        "groups.title": "Matchade per förvaltning, kön och erfarenhet",
        "groups.caption": (
            "Varje grupp {takers} (förvaltning × kön × erfarenhetsnivå): hur många varje scenario matchar. "
            "Mörkare ruta betyder större andel av gruppen; en inramad ruta skiljer sig från utgångsläget."
        ),
        "col.administration": "Förvaltning",
        "col.gender": "Kön",
        "col.band": "Erfarenhet",
        "col.takers": "{Takers}",
        "rules.title": "Regler i varje scenario, och om de uppfylls",
        "rules.caption": (
            "✓ regeln uppfylls i scenariots matchning, ✗ den uppfylls inte (bara ett börkrav kan missas), "
            "”av” scenariot använder den inte. Under markeringen: vad regeln kräver i scenariot; markerat där "
            "det skiljer sig från utgångsläget."
        ),
        "rules.off": "av",
        "rules.unsolved": "ingen matchning",
        "rules.conflict": "del av konflikten",
        "rules.soft_part": "en mjuk del uppfylls inte (håll muspekaren här)",
        "kind.hard": "skallkrav",
        "kind.soft": "börkrav",
        "diff.title": "Vilka par ändras",
        "diff.caption": (
            "Varje {taker} jämfört med utgångsläget ({letter}): samma {giver}, en annan {giver}, inte längre "
            "matchad, nyss matchad eller omatchad i båda. En del ändringar är bara ett val mellan lika bra "
            "matchningar, inte en följd av regeln: se nyckeltalen också. Koordinatorn hittar paren i "
            "pair_differences.csv; sidan visar bara antal."
        ),
        "diff.same": "Samma {giver}",
        "diff.changed": "Annan {giver}",
        "diff.lost": "Inte längre matchad",
        "diff.gained": "Nyss matchad",
        "diff.neither": "Omatchad i båda",
        "diff.row": "{letter} mot {base}",
        "diff.summary": "{letter}: {count} par skiljer sig från {base} ({removed} borttagna, {added} nya)",
        "diff.none": "Inget scenario kunde jämföras med utgångslägets par.",
        "diff.unsolved": "{letter}: inte jämfört, {status}.",
        "failed.title": "Scenarier utan matchning",
        "failed.caption": "Varför scenarierna saknar matchning, med motorns ord (personer visas som …).",
        "failed.more": "och {count} skäl till av samma slag",
        "footer": (
            "Skapad av gbg-matcher{version}, {generated}. Bara summerade tal: sidan visar inga namn och inga "
            "person-id; detaljerna per par finns i pair_differences.csv för koordinatorn. Den fungerar utan "
            "nätverk och kan skrivas ut."
        ),
    },
}

_PAGE_CSS = """
.scen{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:14px;margin-bottom:22px}
.scen .kpi{border-top:5px solid var(--c)}
.scen .name{font-weight:700;font-size:15px;line-height:1.3;margin:2px 0 6px}
.scen .letter{display:inline-block;width:24px;height:24px;border-radius:6px;background:var(--c);color:#fff;
text-align:center;font-weight:700;line-height:24px;margin-right:8px;font-size:14px}
.scen .file{font-size:12px;color:var(--muted);font-family:ui-monospace,Menlo,Consolas,monospace}
.scen .line{font-size:13px;color:var(--ink);margin-top:2px}
.scen .failed{color:var(--bad);font-size:13px;margin-top:6px}
.scen .value .badge{font-size:10.5px;vertical-align:middle;padding:2px 8px;letter-spacing:.04em}
.scen .keeps{margin-top:6px;font-weight:600}
.badge.bad{background:var(--bad);color:#fff}
.delta{display:block;font-size:11.5px;font-weight:600;color:var(--muted)}
.delta.up{color:#007a5a}.delta.down{color:var(--bad)}
th.sc,td.sc{text-align:center}
th.sc .letter{display:inline-block;min-width:22px;border-radius:5px;background:var(--c);color:#fff;padding:0 6px;
margin-bottom:3px}
th.sc .sub{display:block;text-transform:none;letter-spacing:0;font-weight:600;color:var(--ink);font-size:12px;
max-width:22ch;margin:0 auto;line-height:1.25}
td.big{font-size:16px;font-weight:700;font-variant-numeric:tabular-nums}
td.mark{text-align:center;font-size:13px}
td.mark .yes,td.mark .no,td.mark .pref{font-size:18px;display:block;line-height:1.1}
td.mark .what{display:block;color:var(--muted);font-size:11.5px;line-height:1.3;max-width:28ch;margin:2px auto 0}
td.mark.changed{background:#fff6dd !important}
td.mark.changed .what{color:#6b4e00;font-weight:600}
td.mark .kind{font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
td.off{color:#9aa5b1;font-style:italic;text-align:center}
td.cell{text-align:center;font-variant-numeric:tabular-nums;font-weight:600}
td.cell.diff{outline:2px solid #E69F00;outline-offset:-3px}
.rulename{font-weight:600}.rulekey{display:block;font-size:12px;color:var(--muted)}
.failed-list li{margin:0 0 10px}
.chip.rule{background:#fdecea;color:var(--bad)}
"""


class _Page:
    """Everything the page's sections share: words, scenario letters and colours."""

    def __init__(self, comparison: Comparison, lang: Lang) -> None:
        self.c = comparison
        self.lang: Lang = lang
        program = comparison.program
        self.text = self.words()
        self.giver_role, self.taker_role = GIVER_ROLE[program], TAKER_ROLE[program]
        self.letters = [LETTERS[i % 26] + ("" if i < 26 else str(i // 26)) for i in range(len(comparison.outcomes))]
        self.colours = {
            letter: SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)] for i, letter in enumerate(self.letters)
        }
        self.redact = redactor(comparison.baseline.scenario)

    def words(self, **overrides: str) -> Text:
        """The shared `Text` (the run report's words), with this page's words laid over it."""
        program = self.c.program
        text = Text(self.lang, GIVER_ROLE[program], TAKER_ROLE[program])
        text.strings = {**STRINGS[self.lang], **_PAGE_STRINGS["en"], **_PAGE_STRINGS[self.lang], **overrides}
        return text

    def k(self, outcome: Outcome, key: str) -> Any:
        return outcome.result.kpis.get(key) if outcome.result is not None else None


def _short(name: str, limit: int) -> str:
    return name if len(name) <= limit else name[: max(limit - 1, 1)].rstrip() + "…"


def _header(page: _Page) -> str:
    t, c = page.text, page.c
    base = c.baseline
    k = next((o.result.kpis for o in c.outcomes if o.result is not None), None)
    inst_counts = (k["givers"], k["takers"]) if k is not None else _counts(base.scenario)
    program = t(f"program.{c.program}")
    headline = t("headline", n=len(c.outcomes), givers_n=format_number(inst_counts[0], page.lang),
                 takers_n=format_number(inst_counts[1], page.lang))
    meta = [
        f"<span>{esc(t('baseline_is', letter=page.letters[0], name=base.name))}</span>",
        f"<span>{esc(t('generated'))} {esc(format_timestamp(datetime.now(UTC).isoformat(timespec='seconds')))}</span>",
    ]
    return (
        '<header class="band"><div class="wrap">'
        f'<div class="eyebrow">{esc(program)} · {esc(t("page"))}</div>'
        f"<h1>{esc(headline)}</h1>"
        f'<div class="meta">{"".join(meta)}</div>'
        "</div></header>"
    )


def _counts(scenario: Scenario) -> tuple[int, int]:
    roles = scenario.people["role"]
    return int((roles == GIVER_ROLE[scenario.program]).sum()), int((roles == TAKER_ROLE[scenario.program]).sum())


def _badge(page: _Page, status: str) -> str:
    klass = {"OPTIMAL": "ok", "FEASIBLE": "warn"}.get(status, "bad")
    return f'<span class="badge {klass}" title="{esc(page.text(f"status.{status}"))}">{esc(status)}</span>'


def _scenario_cards(page: _Page) -> str:
    t, lang = page.text, page.lang
    cards = []
    for i, (outcome, letter) in enumerate(zip(page.c.outcomes, page.letters, strict=True)):
        file = outcome.scenario.path.name if outcome.scenario.path is not None else ""
        head = (f'<div class="name"><span class="letter">{esc(letter)}</span>{esc(outcome.name)}</div>'
                f'<div class="file">{esc(file)}</div>')
        if outcome.result is None:
            rules = sorted({r for rs in outcome.rules for r in rs})
            body = (f'<div class="value">–</div>{_badge(page, outcome.status)} '
                    f'<span class="sub">{esc(t(f"status.{outcome.status}"))}</span>'
                    f'<div class="failed">{esc(t("card.failed", rules=" + ".join(rules) or "–"))}</div>')
        else:
            k = outcome.result.kpis
            diff = page.c.differences.get(outcome.name)
            base = page.c.baseline.result
            if i == 0:
                diff_line = t("card.baseline")
            elif diff is None or base is None:
                diff_line = ""
            elif diff.pairs_differing:
                diff_line = t("card.keeps", kept=diff.kept, letter=page.letters[0], total=len(base.pairs))
            else:
                diff_line = t("card.same", letter=page.letters[0])
            lines = [
                t("card.matched", matched=k["matched_takers"], total=k["takers"]),
                t("card.cross", share=format_percent(k["cross_administration_share"], lang)),
                t("card.score", mean=format_number(k["score_mean"], lang)),
            ]
            body = (
                f'<div class="value">{esc(format_percent(k["match_rate"], lang))} {_badge(page, outcome.status)}</div>'
                + "".join(f'<div class="line">{esc(line)}</div>' for line in lines)
                + f'<div class="sub keeps">{esc(diff_line)}</div>'
            )
        cards.append(f'<div class="kpi" style="--c:{page.colours[letter]}">{head}{body}</div>')
    return f'<section class="scen">{"".join(cards)}</section>'


def _th_scenarios(page: _Page, first: str) -> str:
    heads = "".join(
        f'<th class="sc" style="--c:{page.colours[letter]}"><span class="letter">{esc(letter)}</span>'
        f'<span class="sub">{esc(_short(o.name, 40))}</span></th>'
        for letter, o in zip(page.letters, page.c.outcomes, strict=True)
    )
    return f"<thead><tr><th>{esc(first)}</th>{heads}</tr></thead>"


def _delta(page: _Page, value: Any, base: Any, *, percent: bool = False, higher_is_better: bool | None = True,
           digits: int = 1) -> str:
    if value is None or base is None or isinstance(value, str):
        return ""
    change = float(value) - float(base)
    if abs(change) < 1e-9:
        return '<span class="delta">±0</span>'
    shown = (f"{format_number(change * 100, page.lang, 1)} {page.text('pp')}" if percent
             else format_number(change, page.lang, digits))
    sign = "+" if change > 0 else ""
    klass = "" if higher_is_better is None else ("up" if (change > 0) == higher_is_better else "down")
    return f'<span class="delta {klass}">{esc(sign + shown)}</span>'


def _kpi_table(page: _Page) -> str:
    t, lang = page.text, page.lang
    base = page.c.baseline
    rows: list[tuple[str, Callable[[Outcome], Any], Callable[[Any], str], bool, bool | None]] = [
        (t("row.matched"), lambda o: page.k(o, "matched_takers"), lambda v: format_number(v, lang), False, True),
        (t("row.match_rate"), lambda o: page.k(o, "match_rate"), lambda v: format_percent(v, lang), True, True),
        (t("row.cross"), lambda o: page.k(o, "cross_administration_share"), lambda v: format_percent(v, lang), True,
         None),
        (t("row.score_mean"), lambda o: page.k(o, "score_mean"), lambda v: format_number(v, lang), False, True),
        (t("row.score_min"), lambda o: page.k(o, "score_min"), lambda v: format_number(v, lang), False, True),
        (t("row.givers_used"), lambda o: page.k(o, "givers_used"), lambda v: format_number(v, lang), False, None),
        (t("row.objective"), lambda o: o.result.objective if o.result else None, lambda v: format_number(v, lang),
         False, None),
        (t("row.gap"), lambda o: o.result.gap if o.result else None, lambda v: format_percent(v, lang, 2), False, None),
    ]
    lines = []
    for label, get, fmt, percent, better in rows:
        base_value = get(base)
        cells = []
        for i, o in enumerate(page.c.outcomes):
            value = get(o)
            delta = "" if i == 0 or label in (t("row.objective"), t("row.gap")) else _delta(
                page, value, base_value, percent=percent, higher_is_better=better)
            cells.append(f'<td class="sc big">{esc(fmt(value))}{delta}</td>')
        lines.append(f"<tr><td>{esc(label)}</td>{''.join(cells)}</tr>")
    statuses = "".join(f'<td class="sc">{_badge(page, o.status)}</td>' for o in page.c.outcomes)
    lines.append(f"<tr><td>{esc(t('row.status'))}</td>{statuses}</tr>")
    kept = []
    for i, o in enumerate(page.c.outcomes):
        diff = page.c.differences.get(o.name)
        base_pairs = len(base.result.pairs) if base.result is not None else 0
        value = (format_number(base_pairs, lang) if i == 0 and base.result is not None
                 else f"{format_number(diff.kept, lang)} <small>/ {format_number(base_pairs, lang)}</small>"
                 if diff is not None else "–")
        kept.append(f'<td class="sc big">{value}</td>')
    lines.append(f"<tr><td>{esc(t('row.kept', letter=page.letters[0]))}</td>{''.join(kept)}</tr>")
    seconds = "".join(
        f'<td class="sc">{esc(format_number(o.result.solve_seconds, lang, 1) if o.result else "–")}</td>'
        for o in page.c.outcomes
    )
    lines.append(f"<tr><td>{esc(t('row.seconds'))}</td>{seconds}</tr>")
    table = (f'<div class="table-scroll"><table>{_th_scenarios(page, "")}<tbody>{"".join(lines)}</tbody>'
             "</table></div>")
    return (f'<section class="card"><h2>{esc(t("table.title"))}</h2><p class="caption">'
            f'{esc(t("table.caption", letter=page.letters[0]))}</p>{table}</section>')


def _rate_chart(
    page: _Page,
    groups: list[tuple[str, str, dict[str, tuple[int, int]]]],
    *,
    title: str,
    caption: str,
    x_label: str,
) -> str:
    """Grouped bars: one group per (label), one bar per solved scenario, drawn by report.svg_rate_bars.

    `groups` is [(key, label, {scenario letter: (matched, total)})].
    """
    solved = [(letter, o) for letter, o in zip(page.letters, page.c.outcomes, strict=True) if o.solved]
    series = [letter for letter, _ in solved]
    room = (960 - 64) / max(len(series), 1) - 42  # the legend is one line: shorten the names to fit
    limit = max(int(room / (13 * 0.58)), 6)
    labels = {letter: f"{letter} · {_short(o.name, limit)}" for letter, o in solved}
    bars = [Bar(label, letter, m, n) for _key, label, cells in groups for letter, (m, n) in cells.items()
            if letter in series and n > 0]
    totals = {label: (0, max((n for _, n in cells.values()), default=0)) for _key, label, cells in groups}
    text = page.words(**{"plot.rate.x": x_label})
    svg = svg_rate_bars([label for _, label, _ in groups], series, bars, totals,
                        colours=page.colours, series_labels=labels, text=text, title=title)
    return (f'<section class="card"><h2>{esc(title)}</h2><p class="caption">{esc(caption)}</p>'
            f"{svg}</section>")


def _rate_groups(page: _Page, table: str, key: str, order: Sequence[str],
                 label: Callable[[str], str]) -> list[tuple[str, str, dict[str, tuple[int, int]]]]:
    cells: dict[str, dict[str, tuple[int, int]]] = {}
    for letter, o in zip(page.letters, page.c.outcomes, strict=True):
        if o.result is None:
            continue
        for row in o.result.kpis.get(table, []):
            cells.setdefault(str(row[key]), {})[letter] = (int(row["matched"]), int(row["takers"]))
    return [(value, label(value), cells[value]) for value in canonical_order(cells, order)]


def _admin_chart(page: _Page) -> str:
    t = page.text
    everyone: dict[str, tuple[int, int]] = {
        letter: (int(o.result.kpis["matched_takers"]), int(o.result.kpis["takers"]))
        for letter, o in zip(page.letters, page.c.outcomes, strict=True) if o.result is not None
    }
    groups = [("*", t("all"), everyone), *_rate_groups(page, "by_administration", "administration",
                                                        ADMINISTRATIONS, str)]
    return _rate_chart(page, groups, title=t("plot.admin.title"), caption=t("plot.admin.caption"),
                       x_label=t("plot.rate.x"))


def _gender_chart(page: _Page) -> str:
    t = page.text
    groups = _rate_groups(page, "by_gender", "gender", GENDERS, t.gender)
    return _rate_chart(page, groups, title=t("plot.gender.title"),
                       caption=t("plot.gender.caption"), x_label=t("plot.gender.x"))


def _band_chart(page: _Page) -> str:
    t = page.text
    groups = _rate_groups(page, "by_band", "band", BANDS, str)
    return _rate_chart(page, groups, title=t("plot.band.title"),
                       caption=t("plot.band.caption"), x_label=t("plot.band.x"))


def _hbars(
    page: _Page,
    rows: list[tuple[str, str, float | None, float | None, str, str]],
    *,
    title: str,
    maximum: float,
    percent: bool,
    tick_colour: str,
) -> str:
    """Horizontal bars, one per scenario: (letter, label, value, tick, value text, tooltip).

    Drawn with the report's SVG primitives so it matches the other plots.
    """
    shown = [r for r in rows if r[2] is not None]
    if not shown:
        return svg_empty(title, page.text("no_data"))
    width, row_h, bar_h = 520.0, 44.0, 22.0
    left, right, top = 44.0, 24.0, 12.0
    track = width - left - right
    height = top + row_h * len(rows) + 26
    parts = [svg_open(width, height, title)]
    scale = maximum if maximum > 0 else 1.0
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = left + tick * track
        parts.append(svg_line(x, top, x, top + row_h * len(rows), "#9aa5b1" if tick == 0 else GRID,
                              dash="" if tick == 0 else "3 3"))
        label = format_percent(tick * scale, page.lang, 0) if percent else format_number(tick * scale, page.lang, 0)
        parts.append(svg_text(x, top + row_h * len(rows) + 16, label, size=11, anchor="middle", fill=MUTED))
    for i, (letter, _label, value, tick_value, value_text, tooltip) in enumerate(rows):
        y = top + row_h * i + (row_h - bar_h) / 2
        parts.append(svg_rect(4, y, 26, bar_h, page.colours[letter], extra=' rx="5"'))
        parts.append(svg_text(17, y + bar_h / 2 + 5, letter, size=13, anchor="middle", fill="#ffffff", weight="700"))
        if value is None:
            parts.append(svg_text(left + 6, y + bar_h / 2 + 5, "–", size=13, fill=MUTED))
            continue
        w = max(min(value / scale, 1.0), 0.0) * track
        parts.append(svg_rect(left, y, w, bar_h, page.colours[letter], tooltip=tooltip, extra=' rx="3"'))
        inside = w > text_width(value_text, 13) + 14
        parts.append(svg_text(left + w - 6 if inside else left + w + 6, y + bar_h / 2 + 5, value_text, size=13,
                              anchor="end" if inside else "start", fill="#ffffff" if inside else "#1d2733",
                              weight="700"))
        if tick_value is not None:
            tx = left + max(min(tick_value / scale, 1.0), 0.0) * track
            parts.append(svg_line(tx, y - 5, tx, y + bar_h + 5, tick_colour, width=3))
    parts.append("</svg>")
    return "".join(parts)


def _min_cross(outcome: Outcome) -> float | None:
    config = outcome.scenario.constraints.get("administration")
    value = config.get("min_cross_share") if isinstance(config, dict) else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _cross_and_score(page: _Page) -> str:
    t, lang = page.text, page.lang
    cross_rows = []
    for letter, o in zip(page.letters, page.c.outcomes, strict=True):
        share = page.k(o, "cross_administration_share")
        required = _min_cross(o)
        tip = f"{o.name}: {format_percent(share, lang)}" + (
            f" ({t('plot.cross.required', share=format_percent(required, lang, 0))})" if required is not None else "")
        cross_rows.append((letter, o.name, share, required, format_percent(share, lang), tip))
    cross_svg = _hbars(page, cross_rows, title=t("plot.cross.title"), maximum=1.0, percent=True,
                       tick_colour="#1d2733")
    score_rows = []
    means = [m for o in page.c.outcomes if (m := page.k(o, "score_mean")) is not None]
    for letter, o in zip(page.letters, page.c.outcomes, strict=True):
        mean, low, high = (page.k(o, key) for key in ("score_mean", "score_min", "score_max"))
        tip = t("plot.score.tooltip", name=o.name, mean=format_number(mean, lang), low=format_number(low, lang),
                high=format_number(high, lang))
        score_rows.append((letter, o.name, mean, low, format_number(mean, lang), tip))
    peak = max([*means, *(page.k(o, "score_max") or 0 for o in page.c.outcomes), 1.0])
    score_svg = _hbars(page, score_rows, title=t("plot.score.title"), maximum=_nice_max(peak), percent=False,
                       tick_colour="#1d2733")
    return (
        '<div class="grid2">'
        f'<section class="card"><h2>{esc(t("plot.cross.title"))}</h2>'
        f'<p class="caption">{esc(t("plot.cross.caption"))}</p>{cross_svg}</section>'
        f'<section class="card"><h2>{esc(t("plot.score.title"))}</h2>'
        f'<p class="caption">{esc(t("plot.score.caption"))}</p>{score_svg}</section>'
        "</div>"
    )


def _nice_max(value: float) -> float:
    """A round axis end at or above `value` (10, 20, 25, 50, 100, ...)."""
    step = 10 ** max(len(str(int(value))) - 1, 0)
    for factor in (1, 2, 2.5, 5, 10):
        if factor * step >= value:
            return float(factor * step)
    return float(10 * step)


def _groups_table(page: _Page) -> str:
    t = page.text
    head = (f'<th>{esc(t("col.administration"))}</th><th>{esc(t("col.gender"))}</th>'
            f'<th>{esc(t("col.band"))}</th><th class="num">{esc(t("col.takers"))}</th>')
    scen = "".join(
        f'<th class="sc" style="--c:{page.colours[letter]}"><span class="letter">{esc(letter)}</span></th>'
        for letter in page.letters
    )
    matched: list[dict[tuple[str, str, str], int] | None] = [
        {(g["administration"], g["gender"], g["band"]): int(g["matched"]) for g in o.result.kpis["matched_by_group"]}
        if o.result is not None else None
        for o in page.c.outcomes
    ]
    lines = []
    for adm, gender, band, n in page.c.groups:
        cells = []
        base = matched[0].get((adm, gender, band), 0) if matched[0] is not None else None
        for i, found in enumerate(matched):
            if found is None:
                cells.append('<td class="cell">–</td>')
                continue
            m = found.get((adm, gender, band), 0)
            rate = m / n if n else 0.0
            fill = mix_colours(HEAT_LOW, HEAT_HIGH, rate) if m else "#f3f5f8"
            ink = "#ffffff" if rate > 0.55 else "#1d2733"
            klass = "cell diff" if i > 0 and base is not None and m != base else "cell"
            cells.append(f'<td class="{klass}" style="background:{fill};color:{ink}" '
                         f'title="{esc(f"{m} / {n}")}">{m}</td>')
        lines.append(f"<tr><td>{esc(adm)}</td><td>{esc(t.gender(gender))}</td><td>{esc(band)}</td>"
                     f'<td class="num">{n}</td>{"".join(cells)}</tr>')
    table = (f'<div class="table-scroll"><table><thead><tr>{head}{scen}</tr></thead>'
             f'<tbody>{"".join(lines)}</tbody></table></div>')
    return (f'<section class="card"><h2>{esc(t("groups.title"))}</h2>'
            f'<p class="caption">{esc(t("groups.caption"))}</p>{table}</section>')


def _rules_grid(page: _Page) -> str:
    t = page.text
    rules = _rule_order(page.c.outcomes)
    active = [{c.name: c for c in _constraints(o)} for o in page.c.outcomes]
    lines = []
    for name in rules:
        constraint = next(a[name] for a in active if name in a)
        base_words = _rule_words(active[0].get(name), page)
        cells = []
        for i, (o, found) in enumerate(zip(page.c.outcomes, active, strict=True)):
            c = found.get(name)
            if c is None:
                changed = " changed" if i > 0 and base_words is not None else ""
                cells.append(f'<td class="off{changed}">{esc(t("rules.off"))}</td>')
                continue
            words = _rule_words(c, page)
            changed = " changed" if i > 0 and words != base_words else ""
            kind = t("kind.hard" if c.hard else "kind.soft")
            if o.result is None and any(name in rules for rules in o.rules):
                mark = f'<span class="no">⚠</span><span class="what">{esc(t("rules.conflict"))}</span>'
            elif o.result is None:
                mark = f'<span class="what">{esc(t("rules.unsolved"))}</span>'
            elif o.result.checks[name].holds:
                mark = '<span class="yes">✓</span>'
            elif not o.result.checks[name].hard_broken:  # only a preference is not met (e.g. same-gender requests)
                mark = f'<span class="pref">○</span><span class="what">{esc(t("rules.soft_part"))}</span>'
            else:
                mark = '<span class="no">✗</span>'
            tip = page.redact(o.result.checks[name].render(page.lang, page.c.program)) if o.result is not None else ""
            cells.append(f'<td class="mark{changed}" title="{esc(tip)}">{mark}<span class="kind">{esc(kind)}</span>'
                         f'<span class="what">{esc(words)}</span></td>')
        title = constraint.title_in(page.lang)
        lines.append(f'<tr><td><span class="rulename">{esc(_cap(str(title)))}</span>'
                     f'<span class="rulekey rule">{esc(name)}</span></td>{"".join(cells)}</tr>')
    table = (f'<div class="table-scroll"><table>{_th_scenarios(page, "")}<tbody>{"".join(lines)}</tbody>'
             "</table></div>")
    return (f'<section class="card"><h2>{esc(t("rules.title"))}</h2>'
            f'<p class="caption">{esc(t("rules.caption"))}</p>{table}</section>')


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _rule_words(constraint: Constraint | None, page: _Page) -> str | None:
    """What the rule asks in a scenario, in words, with any person id taken out."""
    if constraint is None:
        return None
    try:
        words = constraint.describe().render(page.lang, page.c.program)
    except Exception:  # a rule that cannot describe itself still gets its row
        words = constraint.name
    return page.redact(words)


_DIFF_SERIES = ("same", "changed", "lost", "gained", "neither")
_DIFF_COLOURS = {
    "same": "#8a96a3", "changed": OKABE_ITO["blue"], "lost": OKABE_ITO["vermillion"],
    "gained": OKABE_ITO["green"], "neither": "#56606c",
}


def _diff_section(page: _Page) -> str:
    t = page.text
    base_letter = page.letters[0]
    rows = []
    notes = []
    for letter, o in zip(page.letters[1:], page.c.outcomes[1:], strict=True):
        diff = page.c.differences.get(o.name)
        if diff is None:
            status = page.c.baseline.status if page.c.baseline.result is None else o.status
            notes.append(t("diff.unsolved", letter=letter, status=t(f"status.{status}")))
            continue
        counts = {
            "same": diff.kept,  # a taker has one partner, so a kept pair's taker did not change
            "changed": len(diff.partner_changed),
            "lost": len(diff.no_longer_matched),
            "gained": len(diff.newly_matched),
            "neither": diff.unmatched_in_both,
        }
        rows.append(SplitRow(t("diff.row", letter=letter, base=base_letter), counts))
        notes.append(t("diff.summary", letter=letter, count=diff.pairs_differing, base=base_letter,
                       removed=len(diff.removed), added=len(diff.added)))
    labels = {s: t(f"diff.{s}") for s in _DIFF_SERIES}
    title = t("diff.title")
    text = page.words(**{"plot.split.n": "n = {n}"})
    svg = (svg_split_bars(rows, list(_DIFF_SERIES), colours=_DIFF_COLOURS, series_labels=labels, text=text,
                          title=title) if rows else f'<p class="empty">{esc(t("diff.none"))}</p>')
    items = "".join(f"<li>{esc(n)}</li>" for n in notes)
    return (f'<section class="card"><h2>{esc(title)}</h2><p class="caption">'
            f'{esc(t("diff.caption", letter=base_letter))}</p>{svg}<ul class="stats">{items}</ul></section>')


def _failed_section(page: _Page) -> str:
    t = page.text
    failed = [(letter, o) for letter, o in zip(page.letters, page.c.outcomes, strict=True) if not o.solved]
    if not failed:
        return ""
    items = []
    for letter, o in failed:
        # One line per distinct reason once people are taken out: 40 adepts without a mentor
        # for the same cause read as one line with "× 40", not 40 lines.
        distinct: dict[tuple[tuple[str, ...], str], int] = {}
        for msg, rules in zip(o.reasons, o.rules, strict=True):
            key = (tuple(rules), page.redact(msg))
            distinct[key] = distinct.get(key, 0) + 1
        shown = list(distinct.items())[:MAX_REASONS]
        reasons = "".join(
            "<li>" + "".join(f'<span class="chip rule">{esc(r)}</span>' for r in rules)
            + f" {esc(msg)}" + (f" <strong>× {count}</strong>" if count > 1 else "") + "</li>"
            for (rules, msg), count in shown
        )
        if len(distinct) > len(shown):
            hidden = sum(count for _, count in list(distinct.items())[MAX_REASONS:])
            reasons += f'<li class="empty">{esc(t("failed.more", count=hidden))}</li>'
        items.append(f'<li><strong>{esc(letter)} · {esc(o.name)}</strong> {_badge(page, o.status)}'
                     f"<ul>{reasons}</ul></li>")
    return (f'<section class="card"><h2>{esc(t("failed.title"))}</h2>'
            f'<p class="caption">{esc(t("failed.caption"))}</p><ul class="failed-list">{"".join(items)}</ul>'
            "</section>")


def render_comparison(comparison: Comparison, *, lang: Lang = "en") -> str:
    """The steering group's page: one self-contained HTML file (inline CSS and SVG, no scripts).

    Aggregates only: scenario names, counts, rates and rules; every reason text passes
    through `redactor`, so neither a person id nor a name reaches the page.
    """
    if lang not in _PAGE_STRINGS:
        raise ValueError(f"lang must be one of {sorted(_PAGE_STRINGS)}, got {lang!r}")
    page = _Page(comparison, lang)
    t = page.text
    failed = comparison.failed()
    alert = (f'<div class="alert">⚠ {esc(t("not_solved", count=len(failed), n=len(comparison.outcomes)))}</div>'
             if failed else "")
    body = "".join([
        _header(page),
        '<main class="wrap">',
        alert,
        _scenario_cards(page),
        _kpi_table(page),
        _admin_chart(page),
        _gender_chart(page),
        _band_chart(page),
        _cross_and_score(page),
        _rules_grid(page),
        _diff_section(page),
        _groups_table(page),
        _failed_section(page),
        "<footer>" + esc(t("footer", version=f" {__version__}",
                           generated=format_timestamp(datetime.now(UTC).isoformat(timespec="seconds"))))
        + "</footer>",
        "</main>",
    ])
    title = f"{t('page')} — {comparison.baseline.name}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}{_PAGE_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
