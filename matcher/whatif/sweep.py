"""A sweep: the base scenario run at every point of a grid of rule settings.

Each point is a scenario of its own (the base plus overrides, with its seed), solved by the
ordinary engine, so any point can be re-run alone with `matcher run` on the point's YAML
file and gives the same answer. The rows are aggregates only (rates, shares, scores): no
person appears in a sweep's results.
"""

from __future__ import annotations

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
    }
    rates = {entry["administration"]: entry["rate"] for entry in k["by_administration"]}
    row.update({f"match_rate_{adm}": rates.get(adm) for adm in ADMINISTRATIONS})
    by_gender = {entry["gender"]: entry["rate"] for entry in k["by_gender"]}
    row.update({f"match_rate_{gender}": by_gender.get(gender) for gender in GENDERS})
    row["rules_broken"] = ";".join(name for name, verdict in result.checks.items() if not verdict.holds)
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
        rows = run_tasks(solve_point, self.base, self.points, execution, on_done=on_done)
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


# -- the page ---------------------------------------------------------------------------------

KPI_LABELS = {
    "match_rate": "adepts matched",
    "cross_administration_share": "pairs across administrations",
    "score_mean": "mean pair score",
    "score_min": "lowest pair score",
    "objective": "objective",
    "givers_used": "mentors used",
}
PERCENT_KPIS = {"match_rate", "cross_administration_share"} | {f"match_rate_{a}" for a in ADMINISTRATIONS}


def _label(kpi: str) -> str:
    return KPI_LABELS.get(kpi, kpi.replace("_", " "))


def _short(key: str) -> str:
    """`constraints.administration.min_cross_share` -> `administration.min_cross_share`."""
    return key.removeprefix("constraints.")


def _describe(row: pd.Series, keys: Sequence[str]) -> str:
    return ", ".join(f"{_short(k)}={row[k]}" for k in keys)


def _solved(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["status"].isin(["OPTIMAL", "FEASIBLE"])]


def _tradeoff(table: pd.DataFrame, keys: Sequence[str], x: str, y: str) -> str:
    from matcher.whatif.plots import Point, card, pareto_front, svg_scatter

    solved = _solved(table).dropna(subset=[x, y])
    if solved.empty:
        return card(f"{_label(y)} against {_label(x)}", "No point of the sweep was solved.", "")
    coords = [(float(a), float(b)) for a, b in zip(solved[x], solved[y], strict=True)]
    front = set(pareto_front(coords))
    points = [
        Point(cx, cy, f"point {int(row['point'])}: {_describe(row, keys)} → {_label(y)} {row[y]:.3g}, "
              f"{_label(x)} {row[x]:.3g}", highlight=i in front)
        for i, ((cx, cy), (_, row)) in enumerate(zip(coords, solved.iterrows(), strict=True))
    ]
    front_rows = solved.iloc[sorted(front)].drop_duplicates(subset=[x, y])
    listing = "; ".join(f"point {int(r['point'])} ({_describe(r, keys)})" for _, r in front_rows.head(6).iterrows())
    more = f" and {len(front_rows) - 6} more" if len(front_rows) > 6 else ""
    caption = (f"Each dot is one point of the sweep (hover for its settings). Ringed dots joined by the dashed line "
               f"are the Pareto front: no other setting gets more of both. On the front: {listing}{more}.")
    svg = svg_scatter(points, title=f"{_label(y)} against {_label(x)}", x_title=_label(x), y_title=_label(y),
                      x_percent=x in PERCENT_KPIS, y_percent=y in PERCENT_KPIS, front_label="Pareto front")
    return card(f"Trade-off: {_label(y)} against {_label(x)}", caption, svg)


def _effect(table: pd.DataFrame, keys: Sequence[str], key: str, kpi: str) -> str:
    """The KPI as one varied parameter changes, one line per setting of the others."""
    from matcher.whatif.plots import card, svg_lines

    values = [v for v in dict.fromkeys(table[key]) if isinstance(v, int | float) and not isinstance(v, bool)]
    if len(values) < 2:
        return ""
    others = [k for k in keys if k != key]
    series: dict[str, list[float | None]] = {}
    groups = table.groupby(others, sort=False) if others else [((), table)]
    for group_key, group in list(groups)[:7]:
        labels = group_key if isinstance(group_key, tuple) else (group_key,)
        name = ", ".join(f"{_short(k)}={v}" for k, v in zip(others, labels, strict=True)) or "all points"
        by_value = {row[key]: row for _, row in group.iterrows()}
        series[name] = [
            float(by_value[v][kpi]) if v in by_value and by_value[v]["status"] in ("OPTIMAL", "FEASIBLE")
            and pd.notna(by_value[v][kpi]) else None
            for v in values
        ]
    svg = svg_lines([float(v) for v in values], series, title=f"{_label(kpi)} by {_short(key)}",
                    x_title=_short(key), y_title=_label(kpi), y_percent=kpi in PERCENT_KPIS)
    return card(f"{_label(kpi).capitalize()} as {_short(key)} changes",
                "Missing dots: that setting has no matching (infeasible) — see the table.", svg)


def sweep_page(sweep: Sweep, table: pd.DataFrame, *, execution: str, seconds: float, x: str, y: str) -> str:
    from matcher import __version__
    from matcher.whatif.plots import card, page
    from matcher.whatif.plots import table as html_table

    keys = sweep.keys
    solved = _solved(table)
    body = [_tradeoff(table, keys, x, y)]
    if {x, y} != {"score_mean", "match_rate"}:
        body.append(_tradeoff(table, keys, "score_mean", "match_rate"))
    body += [_effect(table, keys, key, "match_rate") for key in keys]
    body += [_effect(table, keys, key, "score_mean") for key in keys]
    columns = ["point", *[_short(k) for k in keys], "status", "matched", "match rate", "across adm.",
               "mean score", "rules broken / reason", "scenario file"]
    rows = [
        [int(r["point"]), *[r[k] for k in keys], r["status"], _int(r.get("matched")), _pct(r.get("match_rate")),
         _pct(r.get("cross_administration_share")), _num(r.get("score_mean")),
         r.get("rules_broken") or _trim(r.get("reason")), r["scenario_file"]]
        for _, r in table.iterrows()
    ]
    numeric = [True, *[False] * len(keys), False, True, True, True, True, False, False]
    body.append(card("Every point", "Re-run any point alone: matcher run OUT/points/point-NNNN.yaml --out DIR.",
                     html_table(columns, rows, numeric)))
    meta = [f"base: {sweep.base.name}", f"{len(table)} points, {len(solved)} solved",
            f"ran on {execution} in {seconds:.1f} s"]
    return page(f"Sweep: {', '.join(_short(k) for k in keys)}", "What-if sweep", meta, body,
                footer=f"matcher {__version__} · aggregates only: no person appears on this page")


def _pct(value: Any) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.0%}"


def _num(value: Any) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.2f}"


def _int(value: Any) -> str:
    return "–" if value is None or pd.isna(value) else str(int(value))


def _trim(value: Any, limit: int = 160) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
