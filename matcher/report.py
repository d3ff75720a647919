"""The self-contained HTML report of one matching run.

`render_report` turns the engine's three outputs (pairs, unmatched, summary) into one HTML
page for a mentorship coordinator and a steering group: a header band, KPI cards, plots
drawn as inline SVG, and the tables. The palette, stylesheet, labels and drawing primitives
shared with the what-if pages live in `matcher.html`; the charts only this page draws are
below. The page needs no network: no scripts, no web fonts, no external images, no CSS from
elsewhere.

Privacy: the page only ever shows what it is given -- person ids, roles, reasons and
aggregate numbers. Only the first two columns of `pairs` (the ids), `score` and `reasons`
are read, so a stray column (such as a name) is never printed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import pandas as pd

from matcher.domain import ADMINISTRATIONS, BAND_RULE_TEXT, BANDS, GENDERS
from matcher.html import (
    CSS,
    GRID,
    HEAT_HIGH,
    HEAT_LOW,
    INK,
    MUTED,
    OKABE_ITO,
    STRINGS,
    Bar,
    SplitRow,
    Text,
    as_float,
    canonical_order,
    capitalize_first,
    esc,
    format_number,
    format_percent,
    format_timestamp,
    kpi_card,
    mix_colours,
    nice_step,
    svg_empty,
    svg_line,
    svg_open,
    svg_rate_bars,
    svg_rect,
    svg_split_bars,
    svg_text,
    text_width,
)

__all__ = ["render_report"]

# --------------------------------------------------------------------------------------------
# Colours: from the Okabe-Ito palette (matcher.html), distinguishable with the common
# colour-vision deficiencies.
# --------------------------------------------------------------------------------------------
GENDER_COLOURS: dict[str, str] = {
    "woman": OKABE_ITO["orange"],
    "man": OKABE_ITO["blue"],
    "non-binary": OKABE_ITO["green"],
    "undisclosed": OKABE_ITO["purple"],
}
#: Order of the segments in a 100%-stacked gender bar: men from the left edge and women from
#: the right edge, so both shares line up across bars; other genders in between.
SPLIT_ORDER: tuple[str, ...] = ("man", "non-binary", "undisclosed", "woman")
#: DOMAIN.md: 989 social secretaries, 864 women and 125 men (87% / 13%). The reference bar
#: for "today's staff" in the trainee cohort plot; other genders are not counted in the source.
STAFF_GENDER_COUNTS: dict[str, int] = {"woman": 864, "man": 125}
_FALLBACK_COLOURS = (OKABE_ITO["sky_blue"], OKABE_ITO["vermillion"], OKABE_ITO["yellow"], "#555555")
_HEAT_ZERO = "#f3f5f8"


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------
def _as_int(value: object) -> int:
    number = as_float(value)
    return 0 if number is None else round(number)


def _gap(value: float | None, bound: float | None) -> float | None:
    """Relative gap |bound - value| / |bound|; 0 when both are 0; None when unknown."""
    if value is None or bound is None:
        return None
    if bound == 0:
        return 0.0 if value == 0 else None
    return abs(bound - value) / abs(bound)


def _rows(value: object) -> list[Mapping[str, Any]]:
    """A KPI table (list of dicts), tolerating None and stray entries."""
    if not isinstance(value, list):
        return []
    return [row for row in value if isinstance(row, Mapping)]


# --------------------------------------------------------------------------------------------
# The charts only this page draws (the primitives and bar charts are in matcher.html). Each
# returns a complete <svg> element sized by viewBox, so it scales with the page; `max-width`
# keeps small plots from being blown up. Every mark carries a <title>.
# --------------------------------------------------------------------------------------------
def svg_heatmap(
    rows: Sequence[str],
    cols: Sequence[str],
    counts: Mapping[tuple[str, str], int],
    *,
    row_title: str,
    col_title: str,
    text: Text,
    title: str,
    outline_diagonal: bool = False,
) -> str:
    """A labelled count matrix with row and column totals; darker means more pairs."""
    if not rows or not cols:
        return svg_empty(title, text("no_pairs"))
    cell = 66.0 if len(cols) <= 4 else 52.0
    row_label_w = max(text_width(r, 12) for r in [*rows, text("plot.total")]) + 14
    left = 28 + row_label_w
    top = 56.0
    width = left + cell * (len(cols) + 1) + 12
    height = top + cell * (len(rows) + 1) + 14
    peak = max([counts.get((r, c), 0) for r in rows for c in cols] + [1])
    parts = [svg_open(width, height, title)]
    parts.append(svg_text(left + cell * len(cols) / 2, 16, col_title, size=12, anchor="middle", fill=MUTED))
    parts.append(svg_text(14, top + cell * len(rows) / 2, row_title, size=12, anchor="middle", fill=MUTED,
                          rotate=-90))
    for ci, col in enumerate(cols):
        parts.append(svg_text(left + cell * (ci + 0.5), top - 10, col, size=12, anchor="middle", weight="600"))
    parts.append(svg_text(left + cell * (len(cols) + 0.5), top - 10, text("plot.total"), size=11,
                          anchor="middle", fill=MUTED))
    col_totals = [sum(counts.get((r, c), 0) for r in rows) for c in cols]
    for ri, row in enumerate(rows):
        y = top + cell * ri
        parts.append(svg_text(left - 10, y + cell / 2 + 4, row, size=12, anchor="end", weight="600"))
        for ci, col in enumerate(cols):
            x = left + cell * ci
            count = counts.get((row, col), 0)
            fraction = count / peak
            fill = _HEAT_ZERO if count == 0 else mix_colours(HEAT_LOW, HEAT_HIGH, fraction)
            tooltip = text("plot.heat.tooltip", row=row, col=col, count=count)
            parts.append(svg_rect(x + 1.5, y + 1.5, cell - 3, cell - 3, fill, tooltip=tooltip, extra=' rx="4"'))
            if outline_diagonal and row == col:
                outline = f' rx="4" stroke="{INK}" stroke-width="1.5" stroke-dasharray="4 3"'
                parts.append(svg_rect(x + 1.5, y + 1.5, cell - 3, cell - 3, "none", extra=outline))
            ink = "#ffffff" if fraction > 0.55 and count else (INK if count else "#9aa5b1")
            parts.append(svg_text(x + cell / 2, y + cell / 2 + 6, str(count), size=17, anchor="middle", fill=ink,
                                  weight="600" if count else "normal"))
        row_total = sum(counts.get((row, c), 0) for c in cols)
        parts.append(svg_text(left + cell * (len(cols) + 0.5), y + cell / 2 + 5, str(row_total), size=13,
                              anchor="middle", fill=MUTED))
    y_tot = top + cell * len(rows)
    parts.append(svg_line(left, y_tot + 4, left + cell * (len(cols) + 1), y_tot + 4, GRID))
    parts.append(svg_text(left - 10, y_tot + cell / 2 + 4, text("plot.total"), size=11, anchor="end",
                          fill=MUTED))
    for ci, total in enumerate(col_totals):
        parts.append(svg_text(left + cell * (ci + 0.5), y_tot + cell / 2 + 5, str(total), size=13,
                              anchor="middle", fill=MUTED))
    parts.append(svg_text(left + cell * (len(cols) + 0.5), y_tot + cell / 2 + 5, str(sum(col_totals)), size=13,
                          anchor="middle", fill=INK, weight="600"))
    parts.append("</svg>")
    return "".join(parts)


def histogram_bins(values: Sequence[float], max_bins: int = 12) -> tuple[list[float], list[int]]:
    """Bin edges on round numbers and the count per bin (last edge exclusive, values clamped in)."""
    if not values:
        return [], []
    low, high = min(values), max(values)
    if high == low:
        return [low - 0.5, low + 0.5], [len(values)]
    wanted = max(1, min(max_bins, math.ceil(math.sqrt(len(values))) + 1))
    step = nice_step((high - low) / wanted)
    all_integers = all(float(v).is_integer() for v in values)
    if all_integers:
        step = max(1.0, math.ceil(step))
    first = math.floor(low / step) * step
    n_bins = max(1, math.floor((high - first) / step + 1e-9) + 1)
    edges = [first + i * step for i in range(n_bins + 1)]
    counts = [0] * n_bins
    for v in values:
        index = min(n_bins - 1, max(0, math.floor((v - first) / step + 1e-9)))
        counts[index] += 1
    return edges, counts


def svg_histogram(values: Sequence[float], *, text: Text, title: str) -> str:
    """Histogram of pair scores with a dashed mean line."""
    lang = text.lang
    if not values:
        return svg_empty(title, text("no_pairs"))
    edges, counts = histogram_bins(values)
    width, height = 520.0, 300.0
    left, right, top, bottom = 56.0, 18.0, 34.0, 56.0
    plot_w, plot_h = width - left - right, height - top - bottom
    base_y = top + plot_h
    peak = max(counts)
    y_step = nice_step(peak / 4) if peak > 4 else 1.0
    y_step = max(1.0, math.ceil(y_step))
    y_max = max(y_step * math.ceil(peak / y_step), 1.0)
    lo, hi = edges[0], edges[-1]

    def sx(v: float) -> float:
        return left + (v - lo) / (hi - lo) * plot_w

    parts = [svg_open(width, height, title)]
    tick = 0.0
    while tick <= y_max + 1e-9:
        y = base_y - tick / y_max * plot_h
        parts.append(svg_line(left, y, width - right, y, GRID if tick else "#9aa5b1"))
        parts.append(svg_text(left - 8, y + 4, format_number(tick, lang), size=11, anchor="end", fill=MUTED))
        tick += y_step
    for i, count in enumerate(counts):
        x0, x1 = sx(edges[i]), sx(edges[i + 1])
        bh = count / y_max * plot_h
        tooltip = text("plot.hist.tooltip", low=format_number(edges[i], lang, 2),
                       high=format_number(edges[i + 1], lang, 2), count=count)
        parts.append(svg_rect(x0 + 1, base_y - bh, x1 - x0 - 2, bh, OKABE_ITO["sky_blue"], tooltip=tooltip,
                              extra=' rx="2"'))
        if count:
            parts.append(svg_text((x0 + x1) / 2, base_y - bh - 5, str(count), size=11, anchor="middle",
                                  weight="600"))
    label_every = max(1, math.ceil(len(edges) / 9))
    for i, edge in enumerate(edges):
        if i % label_every == 0 or i == len(edges) - 1:
            parts.append(svg_text(sx(edge), base_y + 16, format_number(edge, lang, 2), size=11, anchor="middle",
                                  fill=MUTED))
    mean = sum(values) / len(values)
    mx = sx(mean)
    parts.append(svg_line(mx, top - 6, mx, base_y, OKABE_ITO["vermillion"], width=2, dash="6 4"))
    mean_label = text("plot.hist.mean", mean=format_number(mean, lang))
    anchor = "end" if mx > left + plot_w * 0.75 else "start"
    parts.append(svg_text(mx + (-6 if anchor == "end" else 6), top + 2, mean_label, size=12, anchor=anchor,
                          fill=OKABE_ITO["vermillion"], weight="600"))
    parts.append(svg_text(left + plot_w / 2, height - 10, text("plot.hist.x"), size=12, anchor="middle",
                          fill=MUTED))
    parts.append(svg_text(16, top + plot_h / 2, text("plot.hist.y"), size=12, anchor="middle", fill=MUTED,
                          rotate=-90))
    parts.append("</svg>")
    return "".join(parts)


def svg_objectives(objectives: Sequence[Mapping[str, Any]], *, text: Text, title: str) -> str:
    """One track per priority: the bar is the value reached, the full track the bound."""
    lang = text.lang
    if not objectives:
        return svg_empty(title, text("objective.none"))
    width = 520.0
    row_h = 54.0
    top = 10.0
    left = 20.0
    track_w = width - left - 20
    height = top + row_h * len(objectives) + 6
    parts = [svg_open(width, height, title)]
    for i, objective in enumerate(objectives):
        y = top + row_h * i
        priority = objective.get("priority")
        value = as_float(objective.get("value"))
        bound = as_float(objective.get("bound"))
        gap = _gap(value, bound)
        terms = objective.get("terms") or []
        terms_text = ", ".join(str(t) for t in terms) if isinstance(terms, list) else str(terms)
        head = f"{text('col.priority')} {priority if priority is not None else '–'}"
        parts.append(svg_text(left, y + 14, head, size=13, weight="600"))
        parts.append(svg_text(left + text_width(head, 13) + 10, y + 14, terms_text, size=12, fill=MUTED))
        numbers = (f"{format_number(value, lang)} / {format_number(bound, lang)} · "
                   f"{text('col.gap')} {format_percent(gap, lang, 2)}")
        parts.append(svg_text(width - 20, y + 14, numbers, size=12, anchor="end"))
        tooltip = text("plot.obj.tooltip", priority=priority, value=format_number(value, lang),
                       bound=format_number(bound, lang), gap=format_percent(gap, lang, 2))
        parts.append(svg_rect(left, y + 22, track_w, 14, GRID, tooltip=tooltip, extra=' rx="7"'))
        if value is not None and bound is not None and bound > 0 and value >= 0:
            share = min(value / bound, 1.0)
            colour = OKABE_ITO["green"] if gap is not None and gap < 1e-6 else OKABE_ITO["orange"]
            parts.append(svg_rect(left, y + 22, track_w * share, 14, colour, tooltip=tooltip, extra=' rx="7"'))
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Page sections
# --------------------------------------------------------------------------------------------
def _kpi_section(kpis: Mapping[str, Any], text: Text) -> str:
    lang = text.lang
    takers = as_float(kpis.get("takers"))
    matched = as_float(kpis.get("matched_takers"))
    rate = as_float(kpis.get("match_rate"))
    if rate is None and takers and matched is not None:
        rate = matched / takers
    cross = as_float(kpis.get("cross_administration_share"))
    givers = as_float(kpis.get("givers"))
    used = as_float(kpis.get("givers_used"))
    capacity = as_float(kpis.get("capacity_total"))
    cards = [
        kpi_card(
            f"{text('kpi.matched')} {text.roles['takers']}",
            f"{esc(format_number(matched, lang))} "
            f"<small>{esc(text('kpi.of'))} {esc(format_number(takers, lang))}</small>",
            text("kpi.matched_sub",
                 count=format_number(takers - matched if takers is not None and matched is not None else None, lang)),
        ),
        kpi_card(text("kpi.match_rate"), esc(format_percent(rate, lang)), text("kpi.match_rate_sub"), rate),
        kpi_card(text("kpi.cross"), esc(format_percent(cross, lang)), text("kpi.cross_sub"), cross),
        kpi_card(
            text("kpi.score"), esc(format_number(kpis.get("score_mean"), lang)),
            text("kpi.score_sub", low=format_number(kpis.get("score_min"), lang),
                 high=format_number(kpis.get("score_max"), lang)),
        ),
        kpi_card(
            text("kpi.givers"),
            f"{esc(format_number(used, lang))} <small>/ {esc(format_number(capacity, lang))}</small>",
            text("kpi.givers_sub", used=format_number(used, lang), count=format_number(givers, lang),
                 capacity=format_number(capacity, lang)),
            used / capacity if used is not None and capacity else None,
        ),
    ]
    return f'<section class="kpis">{"".join(cards)}</section>'


def _plot_card(title: str, caption: str, svg: str) -> str:
    return (
        f'<section class="card"><h2>{esc(title)}</h2><p class="caption">{esc(caption)}</p>{svg}</section>'
    )


def _rate_plot(kpis: Mapping[str, Any], text: Text) -> str:
    title = text("plot.rate.title")
    cells: dict[tuple[str, str], list[int]] = {}
    for row in _rows(kpis.get("matched_by_group")):
        key = (str(row.get("administration") or "–"), str(row.get("gender") or "undisclosed"))
        cell = cells.setdefault(key, [0, 0])
        cell[0] += _as_int(row.get("matched"))
        cell[1] += _as_int(row.get("takers"))
    totals: dict[str, tuple[int, int]] = {}
    for row in _rows(kpis.get("by_administration")):
        name = str(row.get("administration") or "–")
        totals[name] = (_as_int(row.get("matched")), _as_int(row.get("takers")))
    if not totals:
        for (adm, _gender), (m, t) in cells.items():
            old = totals.get(adm, (0, 0))
            totals[adm] = (old[0] + m, old[1] + t)
    series_labels = {g: text.gender(g) for g in GENDERS}
    colours = dict(GENDER_COLOURS)
    if cells:
        bars = [Bar(adm, g, m, t) for (adm, g), (m, t) in cells.items() if t > 0]
        series = canonical_order((b.series for b in bars), GENDERS)
    else:  # no gender split given: one bar per administration
        bars = [Bar(adm, "all", m, t) for adm, (m, t) in totals.items() if t > 0]
        series = ["all"] if bars else []
        series_labels["all"] = text("plot.rate.all")
        colours["all"] = OKABE_ITO["blue"]
    for i, s in enumerate(s for s in series if s not in colours):
        colours[s] = _FALLBACK_COLOURS[i % len(_FALLBACK_COLOURS)]
    groups = canonical_order([*totals, *(b.group for b in bars)], ADMINISTRATIONS)
    svg = svg_rate_bars(groups, series, bars, totals, colours=colours, series_labels=series_labels,
                        text=text, title=title)
    return _plot_card(title, text("plot.rate.caption"), svg)


def _split_plot(kpis: Mapping[str, Any], text: Text) -> str:
    """Trainee programme: the placed cohort's gender split per administration, against all
    applicants and the staff (DOMAIN.md's 87/13), as 100%-stacked bars."""
    title = text("plot.split.title")
    placed: dict[str, dict[str, int]] = {}
    for row in _rows(kpis.get("placed_by_administration_gender")):
        adm = str(row.get("administration") or "–")
        gender = str(row.get("gender") or "undisclosed")
        cell = placed.setdefault(adm, {})
        cell[gender] = cell.get(gender, 0) + _as_int(row.get("placed"))
    applicants: dict[str, int] = {}
    for row in _rows(kpis.get("by_gender")):
        gender = str(row.get("gender") or "undisclosed")
        applicants[gender] = applicants.get(gender, 0) + _as_int(row.get("takers"))
    cohort: dict[str, int] = {}
    for cell in placed.values():
        for gender, count in cell.items():
            cohort[gender] = cohort.get(gender, 0) + count
    rows = [SplitRow(text("plot.split.placed", administration=adm), placed[adm])
            for adm in canonical_order(placed, ADMINISTRATIONS)]
    first_comparison = len(rows)
    rows += [
        SplitRow(text("plot.split.cohort"), cohort),
        SplitRow(text("plot.split.applicants"), applicants),
        SplitRow(text("plot.split.staff"), STAFF_GENDER_COUNTS, reference=True),
    ]
    present = {g for r in rows for g, n in r.counts.items() if n > 0}
    series = canonical_order(present, SPLIT_ORDER)
    colours = dict(GENDER_COLOURS)
    for i, s in enumerate(s for s in series if s not in colours):
        colours[s] = _FALLBACK_COLOURS[i % len(_FALLBACK_COLOURS)]
    labels = {g: text.gender(g) for g in series}
    svg = svg_split_bars(rows, series, colours=colours, series_labels=labels, text=text, title=title,
                         gap_before=first_comparison)
    return _plot_card(title, text("plot.split.caption"), svg)


def _matrix(
    rows_in: list[Mapping[str, Any]], row_key: str, col_key: str,
) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for row in rows_in:
        key = (str(row.get(row_key) or "–"), str(row.get(col_key) or "–"))
        counts[key] = counts.get(key, 0) + _as_int(row.get("pairs"))
    return counts


def _admin_plot(kpis: Mapping[str, Any], text: Text) -> str:
    title = text("plot.admin.title")
    counts = _matrix(_rows(kpis.get("pairs_by_administration")),
                     "giver_administration", "taker_administration")
    known = [str(r.get("administration")) for r in _rows(kpis.get("by_administration"))
             if r.get("administration")]
    names = canonical_order([*known, *(r for r, _ in counts), *(c for _, c in counts)], ADMINISTRATIONS)
    if not counts:
        names = []
    svg = svg_heatmap(names, names, counts, row_title=text("plot.admin.rows"),
                      col_title=text("plot.admin.cols"), text=text, title=title, outline_diagonal=True)
    return _plot_card(title, text("plot.admin.caption"), svg)


def _band_plot(kpis: Mapping[str, Any], text: Text) -> str:
    title = text("plot.band.title")
    counts = _matrix(_rows(kpis.get("pairs_by_band")), "giver_band", "taker_band")
    rows = list(reversed(canonical_order((r for r, _ in counts), BANDS)))  # most experienced on top
    cols = canonical_order((c for _, c in counts), BANDS)
    svg = svg_heatmap(rows, cols, counts, row_title=text("plot.band.rows"), col_title=text("plot.band.cols"),
                      text=text, title=title)
    rule = BAND_RULE_TEXT.replace("<=", "≤").replace(" years", text("years"))
    return _plot_card(title, text("plot.band.caption", rule=rule), svg)


def _score_values(pairs: pd.DataFrame) -> list[float]:
    if "score" not in pairs.columns or pairs.empty:
        return []
    return [float(v) for v in pd.to_numeric(pairs["score"], errors="coerce").dropna().tolist()
            if math.isfinite(float(v))]


def _objective_section(summary: Mapping[str, Any], text: Text) -> str:
    lang = text.lang
    title = text("plot.obj.title")
    objectives = _rows(summary.get("objectives"))
    svg = svg_objectives(objectives, text=text, title=title)
    overall = text(
        "objective.overall", value=format_number(summary.get("objective"), lang),
        bound=format_number(summary.get("best_bound"), lang), gap=format_percent(summary.get("gap"), lang, 2),
    )
    body = ""
    if objectives:
        head = "".join(
            f'<th class="{cls}">{esc(text(key))}</th>'
            for key, cls in (("col.priority", "num"), ("col.terms", ""), ("col.value", "num"),
                             ("col.bound", "num"), ("col.gap", "num"))
        )
        lines = []
        for objective in objectives:
            value = as_float(objective.get("value"))
            bound = as_float(objective.get("bound"))
            terms = objective.get("terms") or []
            chips = "".join(f'<span class="chip rule">{esc(t)}</span>' for t in
                            (terms if isinstance(terms, list) else [terms]))
            lines.append(
                f'<tr><td class="num">{esc(objective.get("priority"))}</td><td>{chips}</td>'
                f'<td class="num">{esc(format_number(value, lang))}</td>'
                f'<td class="num">{esc(format_number(bound, lang))}</td>'
                f'<td class="num">{esc(format_percent(_gap(value, bound), lang, 2))}</td></tr>'
            )
        body = f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(lines)}</tbody></table>'
    return (
        f'<section class="card"><h2>{esc(title)}</h2><p class="caption">{esc(text("plot.obj.caption"))}</p>'
        f'{svg}<p class="stats">{esc(overall)}</p>{body}</section>'
    )


def _hard_part_broken(rule: Mapping[str, Any]) -> bool:
    """A hard part of the rule does not hold (summary.json's `parts`; a summary without them: a hard
    rule that does not hold). An unmet preference of a hard rule is not a broken rule."""
    parts = rule.get("parts")
    if isinstance(parts, list) and parts:
        return any(isinstance(p, Mapping) and p.get("kind") == "hard" and p.get("holds") is False for p in parts)
    return bool(rule.get("hard")) and rule.get("holds") is False


def _constraints_section(constraints: list[Mapping[str, Any]], text: Text) -> str:
    lang = text.lang
    if not constraints:
        table = f'<p class="empty">{esc(text("constraints.none"))}</p>'
    else:
        head = "".join(
            f'<th class="{cls}">{esc(text(key))}</th>'
            for key, cls in (("col.rule", ""), ("col.kind", ""), ("col.priority", "num"),
                             ("col.weight", "num"), ("col.holds", ""), ("col.detail", ""))
        )
        lines = []
        for c in constraints:
            hard = bool(c.get("hard"))
            holds = c.get("holds")
            violated = _hard_part_broken(c)
            row_class = ' class="violated"' if violated else ""
            mark = ('<span class="yes">✓</span>' if holds is True
                    else '<span class="no">✗</span>' if holds is False else "–")
            priority = c.get("priority")
            lines.append(
                f"<tr{row_class}>"
                f'<td class="rule">{esc(c.get("name"))}</td>'
                f'<td>{esc(text("kind.hard" if hard else "kind.soft"))}</td>'
                f'<td class="num">{esc("–" if priority is None else priority)}</td>'
                f'<td class="num">{esc(format_number(c.get("weight"), lang, 3))}</td>'
                f"<td>{mark}</td><td>{esc(c.get('detail') or '')}</td></tr>"
            )
        table = (f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead>'
                 f'<tbody>{"".join(lines)}</tbody></table></div>')
    return (
        f'<section class="card"><h2>{esc(text("constraints"))}</h2>'
        f'<p class="caption">{esc(text("constraints.caption"))}</p>{table}</section>'
    )


def _changes_section(summary: Mapping[str, Any], text: Text) -> str:
    """A repair's changes (summary["changes"], from matcher.repair): counts and reasons, never ids."""
    changes = summary.get("changes")
    if not isinstance(changes, Mapping):
        return ""
    given = changes.get("counts")
    counts: Mapping[str, Any] = given if isinstance(given, Mapping) else {}

    def n(key: str) -> int:
        return _as_int(counts.get(key))

    caption = text("changes.caption", allow_moves=_as_int(changes.get("allow_moves")),
                   leavers=_as_int(changes.get("leavers")), joiners=_as_int(changes.get("joiners")))
    stats = text("changes.counts", kept=n("kept"), moved=n("moved"), new=n("new_pair"), ended=n("ended"),
                 current=n("current_pairs"), unmatched=n("unmatched") + n("still_unmatched") + n("ended_moved"))
    lines = [
        f'<tr><td class="rule">{esc(r.get("change"))}</td><td>{esc(r.get("reason"))}</td>'
        f'<td class="num">{esc(_as_int(r.get("count")))}</td></tr>'
        for r in _rows(changes.get("reasons"))
    ]
    head = (f'<th>{esc(text("col.change"))}</th><th>{esc(text("col.reason"))}</th>'
            f'<th class="num">{esc(text("col.count"))}</th>')
    table = (f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead>'
             f'<tbody>{"".join(lines)}</tbody></table></div>') if lines else ""
    return (f'<section class="card"><h2>{esc(text("changes"))}</h2><p class="caption">{esc(caption)}</p>'
            f'<p class="stats">{esc(stats)}</p>{table}</section>')


def _reasons_html(reasons: object) -> str:
    if reasons is None or (isinstance(reasons, float) and math.isnan(reasons)):
        return ""
    items = [r.strip() for r in str(reasons).split(";") if r.strip()]
    return "".join(f'<span class="chip">{esc(item)}</span>' for item in items)


def _pairs_section(pairs: pd.DataFrame, text: Text) -> str:
    lang = text.lang
    columns = list(pairs.columns)
    heading = f'<h2>{esc(text("pairs"))} <small>({len(pairs)})</small></h2>'
    if pairs.empty or len(columns) < 2:
        body = f'<p class="empty">{esc(text("no_pairs"))}</p>'
    else:
        giver_col, taker_col = columns[0], columns[1]
        scores = pairs["score"].tolist() if "score" in pairs.columns else [None] * len(pairs)
        reasons = pairs["reasons"].tolist() if "reasons" in pairs.columns else [None] * len(pairs)
        lines = [
            f'<tr><td class="id">{esc(g)}</td><td class="id">{esc(t)}</td>'
            f'<td class="num">{esc(format_number(s, lang, 2))}</td><td>{_reasons_html(r)}</td></tr>'
            for g, t, s, r in zip(pairs[giver_col].tolist(), pairs[taker_col].tolist(), scores, reasons,
                                  strict=True)
        ]
        head = (f'<th>{esc(text.roles["Giver"])}</th><th>{esc(text.roles["Taker"])}</th>'
                f'<th class="num">{esc(text("col.score"))}</th><th>{esc(text("col.reasons"))}</th>')
        body = (f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(lines)}</tbody></table></div>')
    caption = f'<p class="caption">{esc(text("pairs.caption"))}</p>'
    return f'<section class="card">{heading}{caption}{body}</section>'


def _unmatched_section(unmatched: pd.DataFrame, text: Text) -> str:
    heading = f'<h2>{esc(text("unmatched"))} <small>({len(unmatched)})</small></h2>'
    if unmatched.empty:
        body = f'<p class="empty">{esc(text("all_matched"))}</p>'
    else:
        def column(name: str) -> list[Any]:
            return unmatched[name].tolist() if name in unmatched.columns else [""] * len(unmatched)

        lines = [
            f'<tr><td class="id">{esc(i)}</td><td>{esc(capitalize_first(text.role(str(r))[0]) if r else "")}</td>'
            f"<td>{esc(reason if isinstance(reason, str) else '')}</td></tr>"
            for i, r, reason in zip(column("id"), column("role"), column("reason"), strict=True)
        ]
        head = (f'<th>{esc(text("col.id"))}</th><th>{esc(text("col.role"))}</th>'
                f'<th>{esc(text("col.reason"))}</th>')
        body = (f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(lines)}</tbody></table></div>')
    return (f'<section class="card">{heading}<p class="caption">{esc(text("unmatched.caption"))}</p>'
            f"{body}</section>")


def _header(summary: Mapping[str, Any], text: Text) -> str:
    lang = text.lang
    status = str(summary.get("status") or "–")
    badge = {"OPTIMAL": "ok", "FEASIBLE": "warn"}.get(status, "other")
    note = text(f"status.{status}") if status in ("OPTIMAL", "FEASIBLE") else text("status.other")
    program = summary.get("program")
    program_label = text(f"program.{program}") if program in ("mentorship", "trainee") else str(program or "")
    eyebrow = " · ".join(p for p in (program_label, text("report")) if p)
    seconds = as_float(summary.get("solve_seconds"))
    solver_bits = [f"{text('solver')}: {summary.get('solver') or '–'}"]
    if seconds is not None:
        solver_bits.append(f"{text('solve_time')} {format_number(seconds, lang, 2)}\u00a0s")
    return (
        '<header class="band"><div class="wrap">'
        f'<div class="eyebrow">{esc(eyebrow)}</div>'
        f"<h1>{esc(summary.get('scenario') or text('report'))}</h1>"
        f'<div class="meta"><span><span class="badge {badge}">{esc(status)}</span> '
        f'<span class="status-note">{esc(note)}</span></span>'
        f"<span>{esc(text('generated'))} {esc(format_timestamp(summary.get('generated_at')))}</span>"
        f"<span>{esc(', '.join(solver_bits))}</span></div>"
        "</div></header>"
    )


def render_report(
    summary: dict[str, Any],
    pairs: pd.DataFrame,
    unmatched: pd.DataFrame,
    *,
    lang: Literal["en", "sv"] = "en",
) -> str:
    """One self-contained HTML page (inline CSS and SVG, no scripts, no network) for a run.

    `pairs` has the giver id and the taker id as its first two columns (whatever they are
    called), then `score` and `reasons`; `unmatched` has `id, role, reason`; `summary` is the
    run summary (see INTERFACE.md). Missing or None values are shown as '–', empty frames as
    a short sentence, so every run renders.
    """
    if lang not in STRINGS:
        raise ValueError(f"lang must be one of {sorted(STRINGS)}, got {lang!r}")
    roles = summary.get("roles") or {}
    program = summary.get("program")
    default_giver, default_taker = ("supervisor", "trainee") if program == "trainee" else ("mentor", "adept")
    text = Text(lang, str(roles.get("giver") or default_giver), str(roles.get("taker") or default_taker))
    kpis: Mapping[str, Any] = summary.get("kpis") or {}
    constraints = _rows(summary.get("constraints"))
    violated = [str(c.get("name")) for c in constraints if _hard_part_broken(c)]
    alert = (f'<div class="alert">⚠ {esc(text("hard_violated"))}: {esc(", ".join(violated))}</div>'
             if violated else "")
    hist_title = text("plot.hist.title")
    version = summary.get("tool_version")
    body = "".join([
        _header(summary, text),
        '<main class="wrap">',
        alert,
        _kpi_section(kpis, text),
        _changes_section(summary, text),
        _rate_plot(kpis, text),
        _split_plot(kpis, text) if program == "trainee" else "",
        '<div class="grid2">',
        _admin_plot(kpis, text),
        _band_plot(kpis, text),
        "</div>",
        '<div class="grid2">',
        _plot_card(hist_title, text("plot.hist.caption"),
                   svg_histogram(_score_values(pairs), text=text, title=hist_title)),
        _objective_section(summary, text),
        "</div>",
        _constraints_section(constraints, text),
        _pairs_section(pairs, text),
        _unmatched_section(unmatched, text),
        f'<footer>{esc(text("footer", version=f" {version}" if version else ""))}</footer>',
        "</main>",
    ])
    page_title = f"{summary.get('scenario') or ''} — {text('report')}".strip(" —")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(page_title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
