"""The sweep's page (sweep.html): the trade-offs between the figures, each varied setting's
effect, and every point in a table. Aggregates only: no person appears on it.

Apart from `matcher.whatif.sweep` (the grid and its solving) so that the page's words (the
catalogue's `sweep.*`) and drawing never mix with the runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from matcher.domain import ADMINISTRATIONS
from matcher.html import Text
from matcher.i18n import Lang, format_number
from matcher.whatif.plots import Point, card, page, pareto_front, svg_lines, svg_scatter, table

__all__ = ["setting_label", "sweep_page"]

PERCENT_KPIS = {"match_rate", "cross_administration_share"} | {f"match_rate_{a}" for a in ADMINISTRATIONS}
SOLVED = ("OPTIMAL", "FEASIBLE")


def _label(kpi: str, text: Text) -> str:
    return text(f"kpi.{kpi}") if text.words.has(f"sweep.kpi.{kpi}") else kpi.replace("_", " ")


def setting_label(key: str, text: Text) -> str:
    """A varied setting in words: `constraints.administration.min_cross_share` ->
    'administrations: least share of pairs across administrations'."""
    parts = key.split(".")

    def parameter(name: str) -> str:
        return text(f"param.{name}") if text.words.has(f"sweep.param.{name}") else name.replace("_", " ")

    if parts[0] == "constraints" and len(parts) >= 2:
        rule = text.rule_title(parts[1])
        if len(parts) == 2:
            return rule
        return text("setting", rule=rule, parameter=parameter(".".join(parts[2:])))
    return parameter(parts[-1]) if len(parts) == 2 and parts[0] == "solver" else key


def _value(value: Any, lang: Lang, text: Text) -> str:
    if isinstance(value, bool):
        return text("value.true" if value else "value.false")
    if isinstance(value, int | float):
        return format_number(value, lang, "g")
    return str(value)


def _describe(row: pd.Series, keys: Sequence[str], text: Text) -> str:
    return ", ".join(text("point_settings", setting=setting_label(k, text), value=_value(row[k], text.lang, text))
                     for k in keys)


def _solved(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["status"].isin(SOLVED)]


def _tradeoff(frame: pd.DataFrame, keys: Sequence[str], x: str, y: str, text: Text) -> str:
    lang = text.lang
    lx, ly = _label(x, text), _label(y, text)
    solved = _solved(frame).dropna(subset=[x, y])
    if solved.empty:
        return card(text("tradeoff.svg", x=lx, y=ly), text("tradeoff.none"), "")
    coords = [(float(a), float(b)) for a, b in zip(solved[x], solved[y], strict=True)]
    front = set(pareto_front(coords))
    points = [
        Point(cx, cy, text("tradeoff.point", point=int(row["point"]), settings=_describe(row, keys, text), y=ly,
                           y_value=_figure(y, row[y], lang), x=lx, x_value=_figure(x, row[x], lang)),
              highlight=i in front)
        for i, ((cx, cy), (_, row)) in enumerate(zip(coords, solved.iterrows(), strict=True))
    ]
    front_rows = solved.iloc[sorted(front)].drop_duplicates(subset=[x, y])
    listing = "; ".join(text("tradeoff.listed", point=int(r["point"]), settings=_describe(r, keys, text))
                        for _, r in front_rows.head(6).iterrows())
    more = text("tradeoff.more", count=len(front_rows) - 6) if len(front_rows) > 6 else ""
    svg = svg_scatter(points, title=text("tradeoff.svg", x=lx, y=ly), x_title=lx, y_title=ly,
                      x_percent=x in PERCENT_KPIS, y_percent=y in PERCENT_KPIS, front_label=text("tradeoff.front"),
                      lang=lang)
    return card(text("tradeoff.title", x=lx, y=ly), text("tradeoff.caption", listing=listing, more=more), svg)


def _effect(frame: pd.DataFrame, keys: Sequence[str], key: str, kpi: str, text: Text) -> str:
    """The KPI as one varied parameter changes, one line per setting of the others."""
    values = [v for v in dict.fromkeys(frame[key]) if isinstance(v, int | float) and not isinstance(v, bool)]
    if len(values) < 2:
        return ""
    others = [k for k in keys if k != key]
    series: dict[str, list[float | None]] = {}
    groups = frame.groupby(others, sort=False) if others else [((), frame)]
    for group_key, group in list(groups)[:7]:
        labels = group_key if isinstance(group_key, tuple) else (group_key,)
        name = ", ".join(text("point_settings", setting=setting_label(k, text), value=_value(v, text.lang, text))
                         for k, v in zip(others, labels, strict=True)) or text("effect.all")
        by_value = {row[key]: row for _, row in group.iterrows()}
        series[name] = [
            float(by_value[v][kpi]) if v in by_value and by_value[v]["status"] in SOLVED
            and pd.notna(by_value[v][kpi]) else None
            for v in values
        ]
    setting, label = setting_label(key, text), _label(kpi, text)
    svg = svg_lines([float(v) for v in values], series, title=text("effect.svg", kpi=label, setting=setting),
                    x_title=setting, y_title=label, y_percent=kpi in PERCENT_KPIS, lang=text.lang)
    return card(text("effect.title", Kpi=label[:1].upper() + label[1:], setting=setting),
                text("effect.caption"), svg)


#: Rules whose settings are fairness settings: a sweep over one of them draws the price of fairness.
FAIRNESS_RULES = ("gender_balance", "fair_match_rate", "administration_equity")


def _fairness_key(frame: pd.DataFrame, keys: Sequence[str]) -> str | None:
    """The varied setting to draw the price of fairness against: a fairness rule's, numeric."""
    if "fairness_matches_lost" not in frame or frame["fairness_matches_lost"].isna().all():
        return None
    numeric = [k for k in keys if pd.api.types.is_numeric_dtype(frame[k].dropna().infer_objects().dtype)]
    preferred = [k for k in numeric if any(f".{rule}." in f".{k}." for rule in FAIRNESS_RULES)]
    candidates = preferred or numeric
    return candidates[0] if candidates else None


def _price_of_fairness(frame: pd.DataFrame, keys: Sequence[str], text: Text) -> str:
    """Adepts matched, and mean pair score, with the fairness rule and without it, against the varied
    setting; the points where the rule levels down (matches fewer and no group gains) are marked."""
    key = _fairness_key(frame, keys)
    if key is None:
        return ""
    others = [k for k in keys if k != key]
    group = frame
    held = ""
    if others:  # the other settings held at their first values
        first = frame.iloc[0]
        group = frame[(frame[others] == first[others]).all(axis=1)]
        held = ", ".join(text("point_settings", setting=setting_label(k, text), value=_value(first[k], text.lang, text))
                         for k in others)
    group = group.sort_values(key, kind="stable")
    values = [float(v) for v in group[key]]
    if len(set(values)) < 2:
        return ""
    solved = group["status"].isin(SOLVED).to_numpy()
    matched = [float(m) if ok and pd.notna(m) else None for m, ok in zip(group["matched"], solved, strict=True)]
    lost = group["fairness_matches_lost"]
    without = [None if m is None or pd.isna(d) else m + float(d) for m, d in zip(matched, lost, strict=True)]
    levelled = group["levelled_down"].fillna(0).astype(int).to_numpy()
    marked = [m if n > 0 else None for m, n in zip(matched, levelled, strict=True)]
    setting = setting_label(key, text)
    series = {text("fairness.with"): matched, text("fairness.without"): without}
    if any(n > 0 for n in levelled):
        series[text("fairness.levelled")] = marked
    svg = svg_lines(values, series, title=text("fairness.svg", setting=setting), x_title=setting,
                    y_title=text("col.matched"), lang=text.lang)
    where = [_value(v, text.lang, text) for v, n in zip(group[key], levelled, strict=True) if n > 0]
    caption = text("fairness.caption")
    if where:
        caption += " " + text("fairness.levelled_at", values=", ".join(where), most=int(levelled.max()))
    if held:
        caption += " " + text("fairness.held", settings=held)
    return card(text("fairness.title", setting=setting), caption, svg)


def sweep_page(sweep: Any, frame: pd.DataFrame, *, execution: str, seconds: float, x: str, y: str,
               lang: Lang = "en") -> str:
    """The whole page for a sweep (`matcher.whatif.sweep.Sweep`) and its results table."""
    from matcher import __version__

    text = Text(lang, sweep.base.program, ("sweep",))
    keys = sweep.keys
    solved = _solved(frame)
    body = [b for b in (_price_of_fairness(frame, keys, text), _tradeoff(frame, keys, x, y, text)) if b]
    if {x, y} != {"score_mean", "match_rate"}:
        body.append(_tradeoff(frame, keys, "score_mean", "match_rate", text))
    body += [_effect(frame, keys, key, "match_rate", text) for key in keys]
    body += [_effect(frame, keys, key, "score_mean", text) for key in keys]
    columns = [text("col.point"), *[setting_label(k, text) for k in keys], text("col.status"), text("col.matched"),
               text("col.match_rate"), text("col.cross"), text("col.score_mean"), text("col.levelled"),
               text("col.broken"), text("col.file")]
    rows = [
        [int(r["point"]), *[_value(r[k], lang, text) for k in keys], text.status_badge(str(r["status"])),
         _int(r.get("matched")), _number(r.get("match_rate"), lang, ".0%"),
         _number(r.get("cross_administration_share"), lang, ".0%"), _number(r.get("score_mean"), lang, ".2f"),
         _levelled(r.get("levelled_down"), text),
         _broken(r.get("rules_broken"), text) or _trim(r.get("reason")), r["scenario_file"]]
        for _, r in frame.iterrows()
    ]
    numeric = [True, *[False] * len(keys), False, True, True, True, True, False, False, False]
    body.append(card(text("table.title"), text("table.caption"), table(columns, rows, numeric)))
    meta = [text("meta.base", name=sweep.base.name), text("meta.points", count=len(frame), solved=len(solved)),
            text("meta.ran", where=execution, seconds=seconds)]
    title = text("title", settings=", ".join(setting_label(k, text) for k in keys))
    return page(title, text("eyebrow"), meta, body, lang=lang, footer=text("footer", version=__version__))


def _figure(kpi: str, value: Any, lang: Lang) -> str:
    """A point's figure in a tooltip: a rate as a percentage, anything else to three digits."""
    return format_number(float(value), lang, ".0%" if kpi in PERCENT_KPIS else ".3g")


def _broken(value: Any, text: Text) -> str:
    """The rules broken at a point ('band;unit' in sweep.csv), by their titles."""
    if not isinstance(value, str) or not value:
        return ""
    return ", ".join(text.rule_title(name) for name in value.split(";") if name)


def _levelled(value: Any, text: Text) -> str:
    """'levels down: N adepts' at a point where a fairness rule does, else nothing."""
    if value is None or pd.isna(value) or int(value) <= 0:
        return ""
    return text("levelled_cell", count=int(value))


def _number(value: Any, lang: Lang, spec: str) -> str:
    return "–" if value is None or pd.isna(value) else format_number(float(value), lang, spec)


def _int(value: Any) -> str:
    return "–" if value is None or pd.isna(value) else str(int(value))


def _trim(value: Any, limit: int = 160) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
