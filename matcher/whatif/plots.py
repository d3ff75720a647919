"""Plots and the page frame for the what-if pages (sweep, simulate): inline SVG, no network.

They use the shared colours, CSS and SVG primitives of `matcher.html` so every page of the
tool looks the same; what is new here is a scatter with its Pareto front, a line chart and a
distribution strip, which one run's report never needed. Numbers follow the page's language
(`matcher.i18n`); the words are the caller's, from the catalogue.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matcher.html import CSS, GRID, MUTED, OKABE_ITO, esc, nice_step, svg_line, svg_open, svg_text
from matcher.i18n import Lang, format_number, say

SERIES_COLOURS = (
    OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["green"], OKABE_ITO["vermillion"],
    OKABE_ITO["purple"], OKABE_ITO["sky_blue"], "#555555",
)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str  # tooltip: what this point is (never a person)
    series: int = 0
    highlight: bool = False  # e.g. on the Pareto front


def pareto_front(points: Sequence[tuple[float, float]]) -> list[int]:
    """Indices of the points no other point beats on both axes (both maximised)."""
    front = []
    for i, (x, y) in enumerate(points):
        dominated = any(
            (ox >= x and oy >= y) and (ox > x or oy > y) for j, (ox, oy) in enumerate(points) if j != i
        )
        if not dominated:
            front.append(i)
    return sorted(front, key=lambda i: points[i])


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high <= low:
        high = low + 1.0
    step = nice_step((high - low) / count)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-6:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _fmt(value: float, percent: bool, lang: Lang = "en") -> str:
    if percent:
        return format_number(value, lang, ".0%")
    return format_number(value, lang, "g" if abs(value) >= 1 or value == 0 else ".2g")


@dataclass(frozen=True)
class Axes:
    """Maps data to the SVG; draws the grid and the axis titles."""

    x_range: tuple[float, float]
    y_range: tuple[float, float]
    width: float = 560.0
    height: float = 340.0
    left: float = 62.0
    right: float = 20.0
    top: float = 20.0
    bottom: float = 52.0
    lang: Lang = "en"

    def sx(self, x: float) -> float:
        lo, hi = self.x_range
        return self.left + (x - lo) / ((hi - lo) or 1.0) * (self.width - self.left - self.right)

    def sy(self, y: float) -> float:
        lo, hi = self.y_range
        return self.height - self.bottom - (y - lo) / ((hi - lo) or 1.0) * (self.height - self.top - self.bottom)

    def frame(self, x_title: str, y_title: str, *, x_percent: bool, y_percent: bool,
              x_ticks: Sequence[float] | None = None, x_title_y: float | None = None) -> list[str]:
        parts = []
        for tick in _ticks(*self.y_range):
            if self.y_range[0] - 1e-9 <= tick <= self.y_range[1] + 1e-9:
                y = self.sy(tick)
                parts.append(svg_line(self.left, y, self.width - self.right, y, GRID))
                parts.append(svg_text(self.left - 8, y + 4, _fmt(tick, y_percent, self.lang), size=11, anchor="end",
                                      fill=MUTED))
        for tick in x_ticks if x_ticks is not None else _ticks(*self.x_range):
            if self.x_range[0] - 1e-9 <= tick <= self.x_range[1] + 1e-9:
                x = self.sx(tick)
                parts.append(svg_line(x, self.top, x, self.height - self.bottom, GRID))
                parts.append(svg_text(x, self.height - self.bottom + 16, _fmt(tick, x_percent, self.lang), size=11,
                                      anchor="middle", fill=MUTED))
        base = self.height - self.bottom
        parts.append(svg_line(self.left, base, self.width - self.right, base, "#9aa5b1"))
        parts.append(svg_text((self.left + self.width - self.right) / 2,
                              self.height - 12 if x_title_y is None else x_title_y, x_title, size=12,
                              anchor="middle", fill=MUTED))
        parts.append(svg_text(16, (self.top + base) / 2, y_title, size=12, anchor="middle", fill=MUTED, rotate=-90))
        return parts


def _padded(values: Sequence[float], percent: bool) -> tuple[float, float]:
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    if percent:
        lo, hi = max(0.0, lo - 0.05), min(1.0, hi + 0.05)
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5 if not percent else max(0.0, lo - 0.1), hi + 0.5 if not percent else min(1.0, hi + 0.1)
    return lo, hi


def svg_scatter(points: Sequence[Point], *, title: str, x_title: str, y_title: str,
                x_percent: bool = False, y_percent: bool = False, front_label: str = "", lang: Lang = "en") -> str:
    """Each run a dot; highlighted dots (the Pareto front) joined by a line and ringed."""
    axes = Axes(_padded([p.x for p in points], x_percent), _padded([p.y for p in points], y_percent), lang=lang)
    parts = [svg_open(axes.width, axes.height, title)]
    parts += axes.frame(x_title, y_title, x_percent=x_percent, y_percent=y_percent)
    front = sorted((p for p in points if p.highlight), key=lambda p: (p.x, -p.y))
    if len(front) > 1:
        path = " ".join(f"{axes.sx(p.x):.1f},{axes.sy(p.y):.1f}" for p in front)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{OKABE_ITO["vermillion"]}" '
                     'stroke-width="2" stroke-dasharray="6 4"/>')
    for p in points:
        colour = SERIES_COLOURS[p.series % len(SERIES_COLOURS)]
        ring = f' stroke="{OKABE_ITO["vermillion"]}" stroke-width="2.5"' if p.highlight else ' stroke="#fff"'
        parts.append(f'<circle cx="{axes.sx(p.x):.1f}" cy="{axes.sy(p.y):.1f}" r="6" fill="{colour}" '
                     f'fill-opacity="0.85"{ring}><title>{esc(p.label)}</title></circle>')
    if front_label and front:
        parts.append(svg_text(axes.width - axes.right, axes.top + 4, front_label, size=12, anchor="end",
                              fill=OKABE_ITO["vermillion"], weight="600"))
    parts.append("</svg>")
    return "".join(parts)


def svg_lines(x_values: Sequence[float], series: Mapping[str, Sequence[float | None]], *, title: str,
              x_title: str, y_title: str, x_percent: bool = False, y_percent: bool = False,
              lang: Lang = "en") -> str:
    """One line per series over the same x values (a varied parameter), legend below, one entry a row."""
    ys = [y for values in series.values() for y in values if y is not None]
    x_range = _padded(list(x_values), x_percent) if len(set(x_values)) > 1 else (x_values[0] - 1, x_values[0] + 1)
    legend_h = 20.0 * len(series)
    axes = Axes(x_range, _padded(ys, y_percent), height=340.0 + legend_h, bottom=52.0 + legend_h, lang=lang)
    parts = [svg_open(axes.width, axes.height, title)]
    parts += axes.frame(x_title, y_title, x_percent=x_percent, y_percent=y_percent, x_ticks=sorted(set(x_values)),
                        x_title_y=axes.height - axes.bottom + 36)  # above the legend
    for k, (name, values) in enumerate(series.items()):
        colour = SERIES_COLOURS[k % len(SERIES_COLOURS)]
        points = [(x, y) for x, y in zip(x_values, values, strict=True) if y is not None]
        dash = ' stroke-dasharray="7 4"' if k % 2 else ""
        if len(points) > 1:
            path = " ".join(f"{axes.sx(x):.1f},{axes.sy(y):.1f}" for x, y in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>')
        for x, y in points:
            tip = f"{name}: {_fmt(x, x_percent, lang)} → {_fmt(y, y_percent, lang)}"
            parts.append(f'<circle cx="{axes.sx(x):.1f}" cy="{axes.sy(y):.1f}" r="4.5" fill="{colour}">'
                         f"<title>{esc(tip)}</title></circle>")
        ly = axes.height - legend_h + 20.0 * k + 6
        parts.append(svg_line(axes.left, ly, axes.left + 22, ly, colour, width=3))
        parts.append(svg_text(axes.left + 30, ly + 4, name, size=12))
    parts.append("</svg>")
    return "".join(parts)


def svg_distribution(groups: Mapping[str, Sequence[float]], *, title: str, x_title: str,
                     x_range: tuple[float, float] | None = None, lang: Lang = "en") -> str:
    """Per group a box (middle half), whiskers (5th-95th percentile), median and mean: one row each.

    Give two plots the same `x_range` to make them comparable side by side.
    """
    names = list(groups)
    values = [v for vs in groups.values() for v in vs]
    lo, hi = x_range if x_range is not None else ((min(values), max(values)) if values else (0.0, 1.0))
    if hi - lo < 1:
        hi = lo + 1
    row_h = 44.0
    axes = Axes((lo, hi), (0.0, 1.0), height=row_h * len(names) + 70, left=120.0, top=14.0, bottom=50.0, lang=lang)
    parts = [svg_open(axes.width, axes.height, title)]
    for tick in _ticks(lo, hi):
        if lo - 1e-9 <= tick <= hi + 1e-9:
            x = axes.sx(tick)
            parts.append(svg_line(x, axes.top, x, axes.height - axes.bottom, GRID))
            parts.append(svg_text(x, axes.height - axes.bottom + 16, _fmt(tick, False, lang), size=11, anchor="middle",
                                  fill=MUTED))
    parts.append(svg_text((axes.left + axes.width - axes.right) / 2, axes.height - 12, x_title, size=12,
                          anchor="middle", fill=MUTED))
    for k, name in enumerate(names):
        data = sorted(groups[name])
        centre = axes.top + row_h * k + row_h / 2
        parts.append(svg_text(axes.left - 10, centre + 4, name, size=12, anchor="end", weight="600"))
        if not data:
            continue
        q = {p: _quantile(data, p) for p in (0.05, 0.25, 0.5, 0.75, 0.95)}
        mean = sum(data) / len(data)
        colour = SERIES_COLOURS[k % len(SERIES_COLOURS)]
        tip = say("pages.dist.tooltip", lang, name=name, median=q[0.5], mean=mean, q25=q[0.25], q75=q[0.75],
                  p5=q[0.05], p95=q[0.95], worst=data[-1])
        parts.append(svg_line(axes.sx(q[0.05]), centre, axes.sx(q[0.95]), centre, colour, width=2))
        for end in (q[0.05], q[0.95]):
            parts.append(svg_line(axes.sx(end), centre - 7, axes.sx(end), centre + 7, colour, width=2))
        x0, x1 = axes.sx(q[0.25]), axes.sx(q[0.75])
        parts.append(f'<rect x="{x0:.1f}" y="{centre - 12:.1f}" width="{max(x1 - x0, 3):.1f}" height="24" '
                     f'fill="{colour}" fill-opacity="0.35" stroke="{colour}" rx="3"><title>{esc(tip)}</title></rect>')
        parts.append(svg_line(axes.sx(q[0.5]), centre - 12, axes.sx(q[0.5]), centre + 12, colour, width=3))
        parts.append(f'<circle cx="{axes.sx(mean):.1f}" cy="{centre:.1f}" r="4" fill="#fff" stroke="{colour}" '
                     f'stroke-width="2"><title>{esc(tip)}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def _quantile(sorted_values: Sequence[float], p: float) -> float:
    """Linear-interpolated quantile of already sorted values."""
    position = p * (len(sorted_values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def page(title: str, eyebrow: str, meta: Sequence[str], body: Sequence[str], *, lang: str = "en",
         footer: str = "") -> str:
    """A whole self-contained page in the run report's style."""
    meta_html = "".join(f"<span>{esc(m)}</span>" for m in meta)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header class="band"><div class="wrap"><div class="eyebrow">{esc(eyebrow)}</div>'
        f'<h1>{esc(title)}</h1><div class="meta">{meta_html}</div></div></header>\n'
        f'<main class="wrap">{"".join(body)}<footer>{esc(footer)}</footer></main>\n</body>\n</html>\n'
    )


def card(title: str, caption: str, content: str) -> str:
    return f'<section class="card"><h2>{esc(title)}</h2><p class="caption">{esc(caption)}</p>{content}</section>'


def table(columns: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[bool] | None = None) -> str:
    numeric = numeric or [False] * len(columns)
    head = "".join(f'<th class="{"num" if n else ""}">{esc(c)}</th>' for c, n in zip(columns, numeric, strict=True))
    body = "".join(
        "<tr>" + "".join(f'<td class="{"num" if n else ""}">{esc(v)}</td>' for v, n in zip(row, numeric, strict=True))
        + "</tr>"
        for row in rows
    )
    return f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
