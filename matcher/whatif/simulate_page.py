"""The turnover simulation's page (simulate.html): counts per administration across the runs.

Aggregates only, never a person. Apart from `matcher.whatif.simulate` (the runs) so that the
page's words (the catalogue's `simulate.*`) and drawing never mix with the simulation.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from matcher.domain import ADMINISTRATIONS
from matcher.html import Text, kpi_card
from matcher.i18n import Lang, format_number
from matcher.whatif.plots import card, page, svg_distribution, table

__all__ = ["simulate_page"]


def simulate_page(model: Any, frame: pd.DataFrame, *, execution: str, seconds: float, lang: Lang = "en") -> str:
    """The whole page for a `matcher.whatif.simulate.TurnoverModel` and its runs."""
    from matcher import __version__
    from matcher.whatif.simulate import distribution

    text = Text(lang, model.scenario.program, ("simulate",))
    summary = distribution(frame)
    total = summary[summary["administration"] == "all"].iloc[0]
    runs = len(frame)
    stranded_sum = int(frame["stranded"].sum())
    rematched_share = float(frame["rematched"].sum()) / stranded_sum if stranded_sum else None

    def mean(value: float) -> str:
        return format_number(value, lang, ".1f")

    cards = "".join([
        kpi_card(text("kpi.leaving"), mean(frame["mentors_leaving"].mean()),
                 text("kpi.leaving_sub", dropout=model.dropout)),
        kpi_card(text("kpi.stranded"), mean(frame["stranded"].mean()), text("kpi.stranded_sub", runs=runs)),
        kpi_card(text("kpi.rematched"),
                 "–" if rematched_share is None else format_number(rematched_share, lang, ".0%"),
                 text("kpi.rematched_sub"), rematched_share),
        kpi_card(text("kpi.left"), mean(total["left_without_mean"]),
                 text("kpi.left_sub", p5=total["left_without_p5"], p95=total["left_without_p95"],
                      worst=int(total["left_without_max"]))),
    ])
    everyone = text("all")
    left = {adm: frame[f"left_without_{adm}"].astype(float).tolist() for adm in ADMINISTRATIONS}
    left[everyone] = frame["left_without"].astype(float).tolist()
    stranded = {adm: frame[f"stranded_{adm}"].astype(float).tolist() for adm in ADMINISTRATIONS}
    stranded[everyone] = frame["stranded"].astype(float).tolist()
    scale = (0.0, max(1.0, float(frame["stranded"].max())))  # one scale for both plots: the gap is the saving
    per_year = text("per_year")
    body = [
        f'<section class="kpis">{cards}</section>',
        card(text("left.title"), text("left.caption", runs=runs),
             svg_distribution(left, title=text("left.svg"), x_title=per_year, x_range=scale, lang=lang)),
        card(text("stranded.title"), text("stranded.caption"),
             svg_distribution(stranded, title=text("stranded.svg"), x_title=per_year, x_range=scale, lang=lang)),
    ]
    columns = [text(f"col.{c}") for c in ("administration", "stranded", "left", "median", "p5", "p95", "worst", "any")]
    rows = [[everyone if r["administration"] == "all" else r["administration"],
             format_number(r["stranded_mean"], lang, ".2f"), format_number(r["left_without_mean"], lang, ".2f"),
             format_number(r["left_without_median"], lang, ".3g"), format_number(r["left_without_p5"], lang, ".3g"),
             format_number(r["left_without_p95"], lang, ".3g"), int(r["left_without_max"]),
             format_number(r["share_of_runs_with_any"], lang, ".0%")] for _, r in summary.iterrows()]
    body.append(card(text("table.title"), text("table.caption"), table(columns, rows, [False, *[True] * 7])))
    relaxed = frame["relaxed"].fillna("").astype(str)
    if (relaxed != "").any():
        counts = pd.Series([name for cell in relaxed for name in cell.split(";") if name]).value_counts()
        body.append(card(
            text("relaxed.title"), text("relaxed.caption"),
            table([text("col.rule"), text("col.years")], [[text.rule_title(str(name)), int(n)]
                                                          for name, n in counts.items()], [False, True])))
    failed = frame[~frame["status"].isin(["OPTIMAL", "FEASIBLE"])]
    if not failed.empty:
        body.append(card(text("failed.title", count=len(failed)), text("failed.caption"),
                         table([text("col.run"), text("col.reason")],
                               [[int(r["run"]), _reason(r, text)] for _, r in failed.head(20).iterrows()])))
    meta = [text("meta.scenario", name=model.scenario.name), text("meta.runs", runs=runs, dropout=model.dropout),
            text("meta.moves", moves=model.allow_moves), text("meta.ran", where=execution, seconds=seconds)]
    return page(text("title", dropout=model.dropout), text("eyebrow"), meta, body, lang=lang,
                footer=text("footer", version=__version__, seed=model.seed))


def _reason(row: pd.Series, text: Text) -> str:
    """Why a year has no re-match: the engine's words, or the status in words when it gave none."""
    reason = row.get("reason")
    if isinstance(reason, str) and reason and reason != "every mentor left":
        return reason
    return text.status_words(str(row["status"]))
