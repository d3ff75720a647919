"""The charts only the run report draws: match rates by administration and gender, the trainee
cohort's gender split, the pair count matrices, the score histogram and the levels of what
the matching aimed for. Split from `matcher.report` (the page and its sections)
so each module keeps to one job; the shared primitives and bar charts are in `matcher.html`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from matcher.domain import ADMINISTRATIONS, BAND_RULE_TEXT, BANDS, GENDERS
from matcher.html import (
    GRID,
    HEAT_HIGH,
    HEAT_LOW,
    INK,
    MUTED,
    OKABE_ITO,
    Bar,
    SplitRow,
    Text,
    as_float,
    canonical_order,
    esc,
    format_number,
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

__all__ = [
    "admin_plot", "as_int", "band_plot", "histogram_bins", "level_aim", "level_proven", "plot_card", "rate_plot",
    "rows_of", "split_plot", "svg_heatmap", "svg_histogram", "svg_levels",
]

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
#: docs/domain.md: 989 social secretaries, 864 women and 125 men (87% / 13%). The reference bar
#: for "today's staff" in the trainee cohort plot; other genders are not counted in the source.
STAFF_GENDER_COUNTS: dict[str, int] = {"woman": 864, "man": 125}
_FALLBACK_COLOURS = (OKABE_ITO["sky_blue"], OKABE_ITO["vermillion"], OKABE_ITO["yellow"], "#555555")
_HEAT_ZERO = "#f3f5f8"


def as_int(value: object) -> int:
    number = as_float(value)
    return 0 if number is None else round(number)


def rows_of(value: object) -> list[Mapping[str, Any]]:
    """A KPI table (list of dicts), tolerating None and stray entries."""
    if not isinstance(value, list):
        return []
    return [row for row in value if isinstance(row, Mapping)]


def _gap(value: float | None, bound: float | None) -> float | None:
    """Relative gap |bound - value| / |bound|; 0 when both are 0; None when unknown."""
    if value is None or bound is None:
        return None
    if bound == 0:
        return 0.0 if value == 0 else None
    return abs(bound - value) / abs(bound)



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


def level_aim(terms: object, text: Text) -> str:
    """What a level counts, for the coordinator: matched people, pair quality, or both."""
    names = [str(t) for t in terms] if isinstance(terms, list) else [str(terms)] if terms else []
    if names and all(name == "coverage" for name in names):
        return text("levels.matched")
    return text("levels.both") if "coverage" in names else text("levels.quality")


def level_proven(value: float | None, bound: float | None) -> bool:
    """Whether a level reached the best possible: the points reached meet the proven bound (within
    the solver's default relative gap; a looser `relative_gap` shows as "at most N possible")."""
    gap = _gap(value, bound)
    return gap is not None and gap <= 1e-6


def svg_levels(levels: Sequence[Mapping[str, Any]], *, text: Text, title: str) -> str:
    """One track per level: the bar is the points reached, the full track the most possible."""
    lang = text.lang
    if not levels:
        return svg_empty(title, text("levels.none"))
    width = 520.0
    row_h = 54.0
    top = 10.0
    left = 20.0
    track_w = width - left - 20
    height = top + row_h * len(levels) + 6
    parts = [svg_open(width, height, title)]
    for i, level in enumerate(levels):
        y = top + row_h * i
        priority = level.get("priority")
        value = as_float(level.get("value"))
        bound = as_float(level.get("bound"))
        proven = level_proven(value, bound)
        head = text("levels.level", priority=priority if priority is not None else "–")
        parts.append(svg_text(left, y + 14, head, size=13, weight="600"))
        parts.append(svg_text(left + text_width(head, 13) + 10, y + 14, level_aim(level.get("terms"), text),
                              size=12, fill=MUTED))
        proof = (text("levels.best") if proven else text("levels.at_most", bound=format_number(bound, lang))
                 if bound is not None else text("levels.unproven"))
        numbers = f"{text('levels.reached', value=format_number(value, lang))} · {proof}"
        parts.append(svg_text(width - 20, y + 14, numbers, size=12, anchor="end"))
        tooltip = text("levels.tooltip", priority=priority, value=format_number(value, lang), proof=proof)
        parts.append(svg_rect(left, y + 22, track_w, 14, GRID, tooltip=tooltip, extra=' rx="7"'))
        if value is not None and bound is not None and bound > 0 and value >= 0:
            share = min(value / bound, 1.0)
            colour = OKABE_ITO["green"] if proven else OKABE_ITO["orange"]
            parts.append(svg_rect(left, y + 22, track_w * share, 14, colour, tooltip=tooltip, extra=' rx="7"'))
    parts.append("</svg>")
    return "".join(parts)


def plot_card(title: str, caption: str, svg: str) -> str:
    return (
        f'<section class="card"><h2>{esc(title)}</h2><p class="caption">{esc(caption)}</p>{svg}</section>'
    )


def rate_plot(kpis: Mapping[str, Any], text: Text) -> str:
    title = text("plot.rate.title")
    cells: dict[tuple[str, str], list[int]] = {}
    for row in rows_of(kpis.get("matched_by_group")):
        key = (str(row.get("administration") or "–"), str(row.get("gender") or "undisclosed"))
        cell = cells.setdefault(key, [0, 0])
        cell[0] += as_int(row.get("matched"))
        cell[1] += as_int(row.get("takers"))
    totals: dict[str, tuple[int, int]] = {}
    for row in rows_of(kpis.get("by_administration")):
        name = str(row.get("administration") or "–")
        totals[name] = (as_int(row.get("matched")), as_int(row.get("takers")))
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
    return plot_card(title, text("plot.rate.caption"), svg)


def split_plot(kpis: Mapping[str, Any], text: Text) -> str:
    """Trainee programme: the placed cohort's gender split per administration, against all
    applicants and the staff (docs/domain.md's 87/13), as 100%-stacked bars."""
    title = text("plot.split.title")
    placed: dict[str, dict[str, int]] = {}
    for row in rows_of(kpis.get("placed_by_administration_gender")):
        adm = str(row.get("administration") or "–")
        gender = str(row.get("gender") or "undisclosed")
        cell = placed.setdefault(adm, {})
        cell[gender] = cell.get(gender, 0) + as_int(row.get("placed"))
    applicants: dict[str, int] = {}
    for row in rows_of(kpis.get("by_gender")):
        gender = str(row.get("gender") or "undisclosed")
        applicants[gender] = applicants.get(gender, 0) + as_int(row.get("takers"))
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
    return plot_card(title, text("plot.split.caption"), svg)


def _matrix(
    rows_in: list[Mapping[str, Any]], row_key: str, col_key: str,
) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for row in rows_in:
        key = (str(row.get(row_key) or "–"), str(row.get(col_key) or "–"))
        counts[key] = counts.get(key, 0) + as_int(row.get("pairs"))
    return counts


def admin_plot(kpis: Mapping[str, Any], text: Text) -> str:
    title = text("plot.admin.title")
    counts = _matrix(rows_of(kpis.get("pairs_by_administration")),
                     "giver_administration", "taker_administration")
    known = [str(r.get("administration")) for r in rows_of(kpis.get("by_administration"))
             if r.get("administration")]
    names = canonical_order([*known, *(r for r, _ in counts), *(c for _, c in counts)], ADMINISTRATIONS)
    if not counts:
        names = []
    svg = svg_heatmap(names, names, counts, row_title=text("plot.admin.rows"),
                      col_title=text("plot.admin.cols"), text=text, title=title, outline_diagonal=True)
    return plot_card(title, text("plot.admin.caption"), svg)


def band_plot(kpis: Mapping[str, Any], text: Text) -> str:
    title = text("plot.band.title")
    counts = _matrix(rows_of(kpis.get("pairs_by_band")), "giver_band", "taker_band")
    rows = list(reversed(canonical_order((r for r, _ in counts), BANDS)))  # most experienced on top
    cols = canonical_order((c for _, c in counts), BANDS)
    svg = svg_heatmap(rows, cols, counts, row_title=text("plot.band.rows"), col_title=text("plot.band.cols"),
                      text=text, title=title)
    rule = BAND_RULE_TEXT.replace("<=", "≤").replace(" years", text("years"))
    return plot_card(title, text("plot.band.caption", rule=rule), svg)


