"""The comparison page's charts: match rates per group as grouped bars, one bar per scenario, and
the cross-administration share and pair quality as horizontal bars.

Drawn with the shared primitives of `matcher.html`; split from `compare_page` to keep each
module to one job (the page's sections there, its charts here).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from matcher.domain import ADMINISTRATIONS, BANDS, GENDERS
from matcher.html import (
    GRID,
    MUTED,
    Bar,
    canonical_order,
    esc,
    format_number,
    format_percent,
    svg_empty,
    svg_line,
    svg_open,
    svg_rate_bars,
    svg_rect,
    svg_text,
    text_width,
)
from matcher.whatif.compare import Outcome

if TYPE_CHECKING:
    from matcher.whatif.compare_page import ComparePage

__all__ = ["admin_chart", "band_chart", "cross_and_score", "gender_chart", "short"]


def short(name: str, limit: int) -> str:
    """A scenario's name cut to `limit` characters (with '…')."""
    return name if len(name) <= limit else name[: max(limit - 1, 1)].rstrip() + "…"


def _rate_chart(
    page: ComparePage,
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
    labels = {letter: f"{letter} · {short(o.name, limit)}" for letter, o in solved}
    bars = [Bar(label, letter, m, n) for _key, label, cells in groups for letter, (m, n) in cells.items()
            if letter in series and n > 0]
    totals = {label: (0, max((n for _, n in cells.values()), default=0)) for _key, label, cells in groups}
    text = page.words(**{"plot.rate.x": x_label})
    svg = svg_rate_bars([label for _, label, _ in groups], series, bars, totals,
                        colours=page.colours, series_labels=labels, text=text, title=title)
    return (f'<section class="card"><h2>{esc(title)}</h2><p class="caption">{esc(caption)}</p>'
            f"{svg}</section>")


def _rate_groups(page: ComparePage, table: str, key: str, order: Sequence[str],
                 label: Callable[[str], str]) -> list[tuple[str, str, dict[str, tuple[int, int]]]]:
    cells: dict[str, dict[str, tuple[int, int]]] = {}
    for letter, o in zip(page.letters, page.c.outcomes, strict=True):
        if o.result is None:
            continue
        for row in o.result.kpis.get(table, []):
            cells.setdefault(str(row[key]), {})[letter] = (int(row["matched"]), int(row["takers"]))
    return [(value, label(value), cells[value]) for value in canonical_order(cells, order)]


def admin_chart(page: ComparePage) -> str:
    t = page.text
    everyone: dict[str, tuple[int, int]] = {
        letter: (int(o.result.kpis["matched_takers"]), int(o.result.kpis["takers"]))
        for letter, o in zip(page.letters, page.c.outcomes, strict=True) if o.result is not None
    }
    groups = [("*", t("all"), everyone), *_rate_groups(page, "by_administration", "administration",
                                                        ADMINISTRATIONS, str)]
    return _rate_chart(page, groups, title=t("plot.admin.title"), caption=t("plot.admin.caption"),
                       x_label=t("plot.rate.x"))


def gender_chart(page: ComparePage) -> str:
    t = page.text
    groups = _rate_groups(page, "by_gender", "gender", GENDERS, t.gender)
    return _rate_chart(page, groups, title=t("plot.gender.title"),
                       caption=t("plot.gender.caption"), x_label=t("plot.gender.x"))


def band_chart(page: ComparePage) -> str:
    t = page.text
    groups = _rate_groups(page, "by_band", "band", BANDS, str)
    return _rate_chart(page, groups, title=t("plot.band.title"),
                       caption=t("plot.band.caption"), x_label=t("plot.band.x"))


def _hbars(
    page: ComparePage,
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


def cross_and_score(page: ComparePage) -> str:
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

