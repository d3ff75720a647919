"""A sweep: the base scenario run at every point of a grid of rule settings.

Each point is a scenario of its own (the base plus overrides, with its seed), solved by the
ordinary engine, so any point can be re-run alone with `matcher run` on the point's YAML
file and gives the same answer. The rows are aggregates only (rates, shares, scores): no
person appears in a sweep's results. The page is `matcher.whatif.sweep_page`.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from matcher.domain import ADMINISTRATIONS, GENDERS
from matcher.engine import Result, solve
from matcher.errors import InfeasibleError, NoSolutionError
from matcher.scenario import Scenario
from matcher.whatif.overrides import apply_overrides, grid, variant_yaml
from matcher.whatif.runner import Execution, run_tasks

#: Result columns that depend on the machine, not on the scenario; left out when runs are compared.
TIMING_COLUMNS = ("solve_seconds", "build_seconds", "seconds")


@dataclass(frozen=True)
class SweepPoint:
    index: int  # 1-based, as in the point's file name
    overrides: dict[str, Any]

    @property
    def file_name(self) -> str:
        return f"points/point-{self.index:04d}.yaml"


def pairs_fingerprint(pairs: pd.DataFrame) -> str:
    """16 hex digits of SHA-256 over the sorted pair list: equal exactly when two runs chose the
    same pairs, so runs compare pair for pair without a person in the table (a hash of a whole
    matching reveals no one)."""
    lines = sorted(f"{m}\t{a}" for m, a in zip(pairs["mentor_id"], pairs["adept_id"], strict=True))
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def result_row(result: Result) -> dict[str, Any]:
    """The aggregates of one solved scenario, flat: one table row."""
    k = result.kpis
    row: dict[str, Any] = {
        "status": result.status,
        "objective": result.objective,
        "best_bound": result.best_bound,
        "gap": result.gap,
        "matched": k["matched_takers"],
        "takers": k["takers"],
        "match_rate": k["match_rate"],
        "cross_administration_share": k["cross_administration_share"],
        "score_mean": k["score_mean"],
        "score_min": k["score_min"],
        "givers_used": k["givers_used"],
        "pairs_fingerprint": pairs_fingerprint(result.pairs),
    }
    rates = {entry["administration"]: entry["rate"] for entry in k["by_administration"]}
    row.update({f"match_rate_{adm}": rates.get(adm) for adm in ADMINISTRATIONS})
    by_gender = {entry["gender"]: entry["rate"] for entry in k["by_gender"]}
    row.update({f"match_rate_{gender}": by_gender.get(gender) for gender in GENDERS})
    # One verdict per rule part: a broken hard part (the matching is invalid) is not an unmet preference.
    row["rules_broken"] = ";".join(name for name, verdict in result.checks.items() if verdict.hard_broken)
    row["preferences_unmet"] = ";".join(
        name for name, verdict in result.checks.items() if verdict.unmet_preference
    )
    # The price of the fairness rules at this point, and whether one levels down (matcher.fairness_price).
    row["levelled_down"] = sum(price.levelled_down for price in result.fairness)
    lost = [price.matches_lost for price in result.fairness if price.matches_lost is not None]
    row["fairness_matches_lost"] = sum(lost) if lost else None
    scores = [price.score_lost for price in result.fairness if price.score_lost is not None]
    row["fairness_score_mean_lost"] = sum(scores) if scores else None
    row["solver"] = result.solver
    row["time_limit_hit"] = result.time_limit_hit  # True: this point's pairs may differ on another run
    row["solve_seconds"] = round(result.solve_seconds, 4)
    row["build_seconds"] = round(result.build_seconds, 4)
    row["reason"] = ""
    return row


def point_settings(point: SweepPoint) -> list[tuple[str, str]]:
    """A point's varied settings, as (key, value) pairs that points of alike cost may share
    (`run_tasks(similar=...)`: the slowest-looking points are started first)."""
    return [(key, repr(value)) for key, value in point.overrides.items()]


def solve_point(base: Scenario, point: SweepPoint) -> dict[str, Any]:
    """One point of the sweep: what a worker runs. A pure function of (base, point)."""
    started = time.perf_counter()
    variant = apply_overrides(base, point.overrides)
    row: dict[str, Any] = {"point": point.index, **point.overrides, "seed": variant.solver.seed,
                           "scenario_file": point.file_name}
    try:
        row.update(result_row(solve(variant)))
    except InfeasibleError as exc:
        row.update(status="INFEASIBLE", reason=" | ".join(str(c) for c in exc.conflicts))
    except NoSolutionError as exc:
        row.update(status="NO_SOLUTION", reason=str(exc))
    row["seconds"] = round(time.perf_counter() - started, 4)
    return row


@dataclass
class Sweep:
    base: Scenario
    varied: list[tuple[str, list[Any]]]
    points: list[SweepPoint] = field(default_factory=list)

    @classmethod
    def plan(cls, base: Scenario, varied: Sequence[tuple[str, Sequence[Any]]]) -> Sweep:
        """Lay out the grid and validate every point before anything is solved (bad values: exit 2)."""
        points = [SweepPoint(i + 1, overrides) for i, overrides in enumerate(grid(varied))]
        for point in points:
            apply_overrides(base, point.overrides)
        return cls(base, [(key, list(values)) for key, values in varied], points)

    @property
    def keys(self) -> list[str]:
        return [key for key, _ in self.varied]

    def run(self, execution: Execution, on_done: Callable[[int, dict[str, Any]], None] | None = None) -> pd.DataFrame:
        rows = run_tasks(solve_point, self.base, self.points, execution, on_done=on_done, similar=point_settings)
        return results_table(rows, self.keys)

    def point_files(self, relative_to: Path) -> dict[str, str]:
        """Each point's scenario file: `extends:` the base, with the point's overrides."""
        return {
            point.file_name: f"# point {point.index} of a sweep; re-run alone with "
            f"`matcher run {point.file_name} --out DIR` (without --out: a new folder beside this file)\n"
            + variant_yaml(self.base, point.overrides, relative_to=(relative_to / point.file_name).parent)
            for point in self.points
        }


def results_table(rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> pd.DataFrame:
    """Rows in point order; a varied column that mixes numbers and words (0.1, off) is kept as text."""
    table = pd.DataFrame(list(rows)).sort_values("point", kind="stable").reset_index(drop=True)
    for column in table.columns:
        if table[column].isna().all():  # e.g. the match rate of a gender no one has: a number column
            table[column] = table[column].astype("float64")
    for key in keys:
        kinds = {type(v) for v in table[key]}
        if len(kinds) > 1 and not kinds <= {int, float}:
            table[key] = table[key].map(lambda v: v if isinstance(v, str) else json.dumps(v))
    return table


def comparable(table: pd.DataFrame) -> pd.DataFrame:
    """The table without the machine-dependent columns: what must be equal wherever it ran."""
    return table.drop(columns=[c for c in TIMING_COLUMNS if c in table.columns])


def __getattr__(name: str) -> Any:
    """`sweep_page` lives with the page (`matcher.whatif.sweep_page`); imported from here on first use."""
    if name == "sweep_page":
        from matcher.whatif.sweep_page import sweep_page

        return sweep_page
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
