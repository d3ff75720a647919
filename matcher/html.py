"""The shared building blocks of every HTML page the tool writes.

The run report (`matcher.report`), the scenario comparison (`matcher.whatif.compare`) and
the sweep and simulation pages (`matcher.whatif.plots`) all draw from here: the palette,
the stylesheet, a page's words (`Text`, over the language catalogue `matcher.i18n`), HTML
escaping, number formatting, the SVG
primitives, the bar charts and the KPI cards. Keeping them in one public module means every
page looks the same and no page imports another page's private names, so changing one page
cannot silently break another. Everything here is offline: inline CSS and SVG, no scripts,
no fonts, no network.

About 550 lines, on purpose: it is the one toolbox every page draws from (a third of it the
stylesheet and the two bar charts both the report and the comparison draw); split, each page
would import the same names from several modules for no gain in clarity.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from matcher.i18n import LANGS, CatalogueError, Lang, Msg, Words, role_words
from matcher.i18n import format_number as catalogue_number

__all__ = [
    "CSS", "GRID", "HEAT_HIGH", "HEAT_LOW", "INK", "MUTED", "OKABE_ITO", "PROGRAM_OF_ROLE",
    "Bar", "Lang", "SplitRow", "Text",
    "as_float", "canonical_order", "capitalize_first", "esc", "format_number", "format_percent",
    "format_timestamp", "kpi_card", "mix_colours", "nice_step", "svg_empty", "svg_line", "svg_open",
    "svg_rate_bars", "svg_rect", "svg_split_bars", "svg_text", "text_width",
]

# --------------------------------------------------------------------------------------------
# Colours: Okabe-Ito, distinguishable with the common colour-vision deficiencies.
# --------------------------------------------------------------------------------------------
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
INK = "#1d2733"  # text
MUTED = "#5b6675"  # axis titles, secondary text
GRID = "#e3e7ec"  # grid lines, empty tracks
HEAT_LOW = "#dcebf7"  # the palest and the darkest fill of a count matrix
HEAT_HIGH = "#0b5f99"

# --------------------------------------------------------------------------------------------
# Stylesheet: one for every page; a page may add its own rules after it.
# --------------------------------------------------------------------------------------------
CSS = """
:root{--ink:#1d2733;--muted:#5b6675;--line:#e3e7ec;--bg:#f4f6f9;--card:#fff;--accent:#0b5f99;
--ok:#00795a;--warn:#E69F00;--bad:#b8322a}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",
sans-serif;font-size:15px;line-height:1.5}
.wrap{max-width:1120px;margin:0 auto;padding:0 28px}
header.band{background:linear-gradient(120deg,#0a3558 0%,#0b5f99 100%);color:#fff;padding:30px 0 64px}
.eyebrow{text-transform:uppercase;letter-spacing:.09em;font-size:12px;opacity:.82;font-weight:600}
h1{font-size:32px;line-height:1.2;margin:6px 0 14px;font-weight:700;letter-spacing:-.01em}
.meta{display:flex;flex-wrap:wrap;gap:10px 18px;align-items:center;font-size:14px;opacity:.95}
.badge{display:inline-block;border-radius:999px;padding:3px 12px;font-weight:700;font-size:13px;
letter-spacing:.06em}
.badge.ok{background:var(--ok);color:#fff}.badge.warn{background:var(--warn);color:#1d1d1d}
.badge.other{background:#d0d5db;color:#1d1d1d}
.status-note{opacity:.9}
main.wrap{margin-top:-40px}
.alert{background:#fdecea;border:1px solid #f3b8b3;color:var(--bad);border-radius:10px;padding:12px 16px;
margin:0 0 18px;font-weight:600}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:14px;margin-bottom:22px}
.kpi{background:var(--card);border-radius:12px;padding:16px 18px;box-shadow:0 1px 2px rgba(16,32,48,.06),
0 4px 14px rgba(16,32,48,.06)}
.kpi .label{font-size:13px;color:var(--muted);font-weight:600;min-height:2.7em;line-height:1.35}
.kpi .value{font-size:30px;font-weight:700;margin:4px 0 2px;font-variant-numeric:tabular-nums;
letter-spacing:-.01em}
.kpi .value small{font-size:16px;color:var(--muted);font-weight:600}
.kpi .sub{font-size:13px;color:var(--muted)}
.meter{height:6px;border-radius:3px;background:var(--line);margin-top:10px;overflow:hidden}
.meter span{display:block;height:100%;background:var(--accent);border-radius:3px}
.card{background:var(--card);border-radius:12px;padding:20px 22px 18px;margin-bottom:22px;
box-shadow:0 1px 2px rgba(16,32,48,.06),0 4px 14px rgba(16,32,48,.06);break-inside:avoid}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:22px;margin-bottom:0}
h2{font-size:19px;margin:0 0 4px;font-weight:700}
.caption{color:var(--muted);font-size:13.5px;margin:0 0 14px;max-width:80ch}
.plot{display:block;margin:0 auto;height:auto;overflow:visible}
.plot text{font-family:inherit}
table{border-collapse:collapse;width:100%;font-size:14px}
th{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);
font-weight:600;border-bottom:2px solid var(--line);padding:8px 10px}
td{border-bottom:1px solid var(--line);padding:8px 10px;vertical-align:top}
tbody tr:nth-child(even) td{background:#fafbfc}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.id{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-size:13px;
white-space:nowrap}
tr.violated td{background:#fdecea !important;color:var(--bad)}
.yes{color:var(--ok);font-weight:700}.no{color:var(--bad);font-weight:700}
.chip{display:inline-block;background:#eef3f8;color:#2b3a4a;border-radius:6px;padding:1px 8px;
margin:2px 4px 2px 0;font-size:12.5px}
.rule{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-size:13px}
.rulename{font-weight:600}code.rule{display:block;font-size:12px;color:var(--muted)}
.empty{color:var(--muted);font-style:italic;margin:6px 0}
.stats{font-size:13.5px;color:var(--ink);margin:12px 0 8px}
.table-scroll{overflow-x:auto}
footer{color:var(--muted);font-size:12.5px;padding:10px 0 40px}
@media print{body{background:#fff}header.band{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.card,.kpi{box-shadow:none;border:1px solid var(--line)}main.wrap{margin-top:16px}}
"""


# --------------------------------------------------------------------------------------------
# Words. Every label comes from the language catalogue (`matcher.i18n`): a page reads its own
# area's keys first (`report.`, `compare.`, ...), then the words every page shares (`pages.`).
# --------------------------------------------------------------------------------------------
#: The programme a pair of roles belongs to (summary.json names the roles).
PROGRAM_OF_ROLE: dict[str, str] = {"mentor": "mentorship", "adept": "mentorship",
                                   "supervisor": "trainee", "trainee": "trainee"}


class Text:
    """One page's words in one language, with the programme's role names filled in.

    `text("kpi.matched")` is the first of `report.kpi.matched`, `pages.kpi.matched` (for
    `areas=("report",)`) the catalogue has; `overrides` replaces a label outright (a chart
    drawn twice with different axis titles).
    """

    def __init__(self, lang: Lang, program: str | None, areas: Sequence[str] = ("report",),
                 overrides: Mapping[str, str] | None = None) -> None:
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {sorted(LANGS)}, got {lang!r}")
        self.lang: Lang = lang
        self.program = program if program in ("mentorship", "trainee") else "mentorship"
        self.areas = (*areas, "pages")
        self.overrides = dict(overrides or {})
        self.words = Words(lang, self.program)
        self.roles = role_words(lang, self.program)

    def but(self, **overrides: str) -> Text:
        """The same words with these labels replaced."""
        return Text(self.lang, self.program, self.areas[:-1], {**self.overrides, **overrides})

    def key(self, key: str) -> str:
        for area in self.areas:
            if self.words.has(f"{area}.{key}"):
                return f"{area}.{key}"
        raise CatalogueError(f"no catalogue entry {key!r} in the areas {self.areas}")

    def __call__(self, key: str, **values: object) -> str:
        if key in self.overrides:
            return self.overrides[key]
        return self.words(self.key(key), **values)

    def role(self, role: str) -> tuple[str, str, str]:
        """(one, many, definite) for a role's code, e.g. ('adept', 'adepter', 'adepten')."""
        name = str(role).strip().lower()
        if not self.words.has(f"role.{name}.one"):
            return (str(role), str(role), str(role))
        return (self.words(f"role.{name}.one"), self.words(f"role.{name}.many"), self.words(f"role.{name}.the"))

    def gender(self, gender: str) -> str:
        key = f"pages.gender.{gender}"
        return self.words(key) if self.words.has(key) else str(gender)

    def status_badge(self, status: str) -> str:
        """The short word on a status badge: the code in English, a word in Swedish."""
        key = f"status.{status}.badge"
        return self.words(key) if self.words.has(key) else str(status)

    def status_words(self, status: str) -> str:
        """What a status means ('proven best'), or the code when the catalogue has no words for it."""
        key = f"status.{status}"
        return self.words(key) if self.words.has(key) else str(status)

    def detail(self, detail: object) -> str:
        """A rule's detail as summary.json holds it: a message ({"key", "values"}), a list of them, or text."""
        if detail is None:
            return ""
        if isinstance(detail, Msg):
            return self.words.msg(detail)
        if isinstance(detail, Mapping) and "key" in detail:
            try:
                return self.words.msg(Msg.from_json(detail))
            except CatalogueError:
                return str(detail.get("key"))
        if isinstance(detail, list | tuple):
            return "; ".join(part for part in (self.detail(d) for d in detail) if part)
        return str(detail)

    def rule_title(self, name: str) -> str:
        """A rule's title in words: `rule.<name>.title` when the catalogue has it, else the rule's own."""
        key = f"rule.{name}.title"
        if self.words.has(key):
            return self.words(key)
        from constraints import REGISTRY

        rule = REGISTRY.get(name)
        return str(getattr(rule, "title", name)) if rule is not None else str(name)


def capitalize_first(text: str) -> str:
    """'mentor' -> 'Mentor', leaving the rest as is (unlike `str.capitalize`)."""
    return text[:1].upper() + text[1:]


def esc(value: object) -> str:
    """HTML-escape anything that goes into the page (text and attribute values alike)."""
    return html.escape("" if value is None else str(value), quote=True)


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------
def as_float(value: object) -> float | None:
    """A finite float, or None for None / NaN / text that is not a number."""
    if value is None or isinstance(value, bool):
        return None if value is None else float(value)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def format_number(value: object, lang: Lang, digits: int = 1) -> str:
    """'1,234.5' in English, '1 234,5' in Swedish (the catalogue's convention); integers without
    decimals, trailing zeros dropped; '–' when missing."""
    number = as_float(value)
    if number is None:
        return "–"
    shown_digits = 0 if float(number).is_integer() else digits
    text = catalogue_number(abs(number), lang, f",.{shown_digits}f")
    point = "," if lang == "sv" else "."
    if shown_digits and point in text:
        text = text.rstrip("0").rstrip(point)
    sign = "−" if number < 0 and text.strip("0,.\u00a0") else ""
    return sign + text


def format_percent(value: object, lang: Lang, digits: int = 1) -> str:
    """A share (0.5) as '50%' in English, '50 %' in Swedish; '–' when missing."""
    number = as_float(value)
    if number is None:
        return "–"
    text = format_number(number * 100, lang, digits)
    return f"{text}\u00a0%" if lang == "sv" else f"{text}%"


def format_timestamp(text: object) -> str:
    """An ISO timestamp as '2026-11-25 12:00 UTC'; anything else as given."""
    if not text:
        return "–"
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return str(text)
    shown = moment.strftime("%Y-%m-%d %H:%M")
    offset = moment.utcoffset()
    if offset is None:
        return shown
    if offset.total_seconds() == 0:
        return f"{shown} UTC"
    return f"{shown} {moment.strftime('%z')[:3]}:{moment.strftime('%z')[3:]}"


def canonical_order(values: Iterable[str], canonical: Sequence[str]) -> list[str]:
    """Distinct values, canonical ones first in canonical order, then the rest sorted."""
    seen = {v for v in values if v}
    known = [c for c in canonical if c in seen]
    return known + sorted(seen - set(known))


def nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k that is >= raw."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if factor * power >= raw - 1e-12:
            return factor * power
    return 10.0 * power


# --------------------------------------------------------------------------------------------
# SVG helpers. Each returns a complete <svg> element sized by viewBox, so it scales with the
# page; `max-width` keeps small plots from being blown up. Every mark carries a <title>.
# --------------------------------------------------------------------------------------------
def svg_open(width: float, height: float, label: str) -> str:
    """The opening <svg> tag, labelled for screen readers; the caller closes it."""
    return (
        f'<svg class="plot" viewBox="0 0 {width:.0f} {height:.0f}" width="100%" '
        f'style="max-width:{width:.0f}px" role="img" aria-label="{esc(label)}">'
        f"<title>{esc(label)}</title>"
    )


def svg_text(
    x: float, y: float, content: str, *, size: float = 12, anchor: str = "start", fill: str = INK,
    weight: str = "normal", rotate: float | None = None, cls: str = "",
) -> str:
    """A <text> label; `content` is escaped, so it may hold anything."""
    transform = f' transform="rotate({rotate:.0f} {x:.1f} {y:.1f})"' if rotate is not None else ""
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" fill="{fill}" '
        f'font-weight="{weight}"{transform}{klass}>{esc(content)}</text>'
    )


def svg_rect(x: float, y: float, w: float, h: float, fill: str, *, tooltip: str = "", extra: str = "") -> str:
    """A <rect> (negative sizes drawn as 0) with an optional hover tooltip; `extra` is raw attributes."""
    title = f"<title>{esc(tooltip)}</title>" if tooltip else ""
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
        f'fill="{fill}"{extra}>{title}</rect>'
    )


def svg_line(
    x1: float, y1: float, x2: float, y2: float, stroke: str, *, width: float = 1, dash: str = "",
) -> str:
    """A <line>, dashed when `dash` is an SVG dash pattern such as "6 4"."""
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
        f'stroke-width="{width:g}"{dashed}/>'
    )


def svg_empty(label: str, message: str, width: float = 520, height: float = 140) -> str:
    """A framed placeholder with a message, so a plot with no data still says why."""
    return (
        svg_open(width, height, label)
        + svg_rect(0.5, 0.5, width - 1, height - 1, "#fafbfc", extra=f' stroke="{GRID}" rx="8"')
        + svg_text(width / 2, height / 2 + 5, message, size=14, anchor="middle", fill=MUTED)
        + "</svg>"
    )


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def mix_colours(low: str, high: str, fraction: float) -> str:
    """The '#rrggbb' colour `fraction` (clamped to 0..1) of the way from `low` to `high`."""
    f = min(max(fraction, 0.0), 1.0)
    a, b = _hex_to_rgb(low), _hex_to_rgb(high)
    return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b, strict=True))


def text_width(text: str, size: float) -> float:
    """A rough width for layout (no font metrics offline): ~0.58 em per character."""
    return len(text) * size * 0.58


# --------------------------------------------------------------------------------------------
# Bar charts
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bar:
    """One bar of `svg_rate_bars`: `matched` of `total` in one group and series."""

    group: str
    series: str
    matched: int
    total: int


def _legend(series: Sequence[str], labels: Mapping[str, str], colours: Mapping[str, str], x: float) -> list[str]:
    """A colour swatch and label per series, in one row from `x` along the top of a chart."""
    parts = []
    for s in series:
        label = labels.get(s, s)
        parts.append(svg_rect(x, 14, 14, 14, colours.get(s, MUTED), extra=' rx="3"'))
        parts.append(svg_text(x + 20, 26, label, size=13))
        x += 20 + text_width(label, 13) + 22
    return parts


def svg_rate_bars(
    groups: Sequence[str],
    series: Sequence[str],
    bars: Sequence[Bar],
    group_totals: Mapping[str, tuple[int, int]],
    *,
    colours: Mapping[str, str],
    series_labels: Mapping[str, str],
    text: Text,
    title: str,
) -> str:
    """Grouped bars of match rates (0-100 %), one group per administration, one bar per series."""
    lang = text.lang
    if not groups or not bars:
        return svg_empty(title, text("no_data"), width=960)
    width, height = 960.0, 380.0
    left, right, top, bottom = 64.0, 16.0, 64.0, 78.0
    plot_w, plot_h = width - left - right, height - top - bottom
    base_y = top + plot_h
    parts = [svg_open(width, height, title)]

    parts += _legend(series, series_labels, colours, left)  # top left

    # Grid and y axis.
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = base_y - tick * plot_h
        parts.append(svg_line(left, y, width - right, y, GRID if tick else "#9aa5b1"))
        parts.append(svg_text(left - 8, y + 4, format_percent(tick, lang, 0), size=11, anchor="end", fill=MUTED))
    parts.append(svg_text(16, top + plot_h / 2, text("plot.rate.y"), size=12, anchor="middle", fill=MUTED,
                          rotate=-90))
    parts.append(svg_text(left + plot_w / 2, height - 8, text("plot.rate.x"), size=12, anchor="middle",
                          fill=MUTED))

    group_w = plot_w / len(groups)
    slot_w = min(56.0, group_w * 0.8 / max(len(series), 1))
    bar_w = slot_w - 4
    by_key = {(b.group, b.series): b for b in bars}
    for gi, group in enumerate(groups):
        centre = left + group_w * (gi + 0.5)
        # Only the series present in this group get a slot, centred under the group's name;
        # colour and legend (not position) say which gender a bar is.
        present = [s for s in series if (group, s) in by_key and by_key[(group, s)].total > 0]
        first_x = centre - slot_w * len(present) / 2
        for si, s in enumerate(present):
            bar = by_key[(group, s)]
            rate = bar.matched / bar.total
            bx = first_x + si * slot_w + 2
            bh = rate * plot_h
            tooltip = text(
                "plot.rate.tooltip", administration=group, gender=series_labels.get(s, s),
                matched=bar.matched, total=bar.total, rate=format_percent(rate, lang),
            )
            parts.append(svg_rect(bx, base_y - bh, bar_w, bh, colours.get(s, MUTED), tooltip=tooltip,
                                  extra=' rx="2"'))
            label_size = 11 if bar_w >= 36 else 10 if bar_w >= 26 else 9
            parts.append(svg_text(bx + bar_w / 2, base_y - bh - 18, format_percent(rate, lang, 0), size=label_size,
                                  anchor="middle", weight="600"))
            parts.append(svg_text(bx + bar_w / 2, base_y - bh - 5, f"{bar.matched}/{bar.total}",
                                  size=label_size - 1, anchor="middle", fill=MUTED))
        parts.append(svg_text(centre, base_y + 20, group, size=13, anchor="middle", weight="600"))
        if group in group_totals:
            matched, total = group_totals[group]
            rate_text = format_percent(matched / total, lang) if total else "–"
            parts.append(svg_text(centre, base_y + 37, text("plot.rate.group_total", matched=matched,
                                                            total=total, rate=rate_text),
                                  size=11, anchor="middle", fill=MUTED))
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class SplitRow:
    """One bar of `svg_split_bars`: counts per series; a `reference` row is drawn paler."""

    label: str
    counts: Mapping[str, int]
    reference: bool = False


def svg_split_bars(
    rows: Sequence[SplitRow],
    series: Sequence[str],
    *,
    colours: Mapping[str, str],
    series_labels: Mapping[str, str],
    text: Text,
    title: str,
    gap_before: int | None = None,
) -> str:
    """Horizontal 100%-stacked bars, one per row, split by series (gender); n at the right.

    `gap_before` is the index of the first row after which a gap is left (the comparison rows).
    """
    lang = text.lang
    shown = [r for r in rows if sum(r.counts.values()) > 0]
    if not shown or not any(not r.reference for r in shown):
        return svg_empty(title, text("no_data"), width=960)
    width = 960.0
    label_w = max(text_width(r.label, 13) for r in shown) + 24
    n_w = 92.0
    left, right, top = 16 + label_w, n_w + 12, 52.0
    bar_w = width - left - right
    row_h, bar_h, gap = 36.0, 24.0, 18.0
    extra = gap if gap_before is not None and 0 < gap_before < len(rows) else 0.0
    height = top + row_h * len(shown) + extra + 34
    parts = [svg_open(width, height, title)]
    parts += _legend(series, series_labels, colours, left)
    # Grid: 0 %, 25 %, 50 %, 75 %, 100 %.
    bottom = height - 28
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        gx = left + tick * bar_w
        parts.append(svg_line(gx, top - 6, gx, bottom, "#9aa5b1" if tick in (0.0, 1.0) else GRID,
                              dash="" if tick in (0.0, 1.0) else "3 3"))
        parts.append(svg_text(gx, bottom + 16, format_percent(tick, lang, 0), size=11, anchor="middle", fill=MUTED))
    y = top
    for index, row in enumerate(rows):
        if gap_before is not None and index == gap_before and index > 0:
            y += gap
        total = sum(row.counts.values())
        if total <= 0:
            continue
        parts.append(svg_text(left - 10, y + bar_h / 2 + 5, row.label, size=13, anchor="end",
                              weight="normal" if row.reference else "600",
                              fill=MUTED if row.reference else INK))
        sx = left
        opacity = ' fill-opacity="0.55"' if row.reference else ""
        for s in series:
            count = row.counts.get(s, 0)
            if count <= 0:
                continue
            share = count / total
            w = share * bar_w
            gender = series_labels.get(s, s)
            key = "plot.split.staff_tooltip" if row.reference else "plot.split.tooltip"
            tooltip = text(key, row=row.label, gender=gender, count=count, total=total,
                           share=format_percent(share, lang))
            parts.append(svg_rect(sx, y, w, bar_h, colours.get(s, MUTED), tooltip=tooltip, extra=opacity))
            label = format_percent(share, lang, 0)
            if w >= text_width(label, 11) + 8:
                dark = s in ("woman", "undisclosed") or row.reference
                parts.append(svg_text(sx + w / 2, y + bar_h / 2 + 4, label, size=11, anchor="middle",
                                      fill=INK if dark else "#ffffff", weight="600"))
            sx += w
        n_key = "plot.split.staff_n" if row.reference else "plot.split.n"
        parts.append(svg_text(left + bar_w + 10, y + bar_h / 2 + 5, text(n_key, n=format_number(total, lang)), size=12,
                              fill=MUTED))
        y += row_h
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# KPI cards
# --------------------------------------------------------------------------------------------
def kpi_card(label: str, value: str, sub: str, meter: float | None = None) -> str:
    """A KPI card. `value` is HTML (it may hold <small>), so the caller escapes it; `label` and
    `sub` are escaped here. `meter`, a share in 0..1, adds a thin bar under the value."""
    bar = ""
    if meter is not None:
        share = min(max(meter, 0.0), 1.0) * 100
        bar = f'<div class="meter"><span style="width:{share:.1f}%"></span></div>'
    return (
        f'<div class="kpi"><div class="label">{esc(label)}</div><div class="value">{value}</div>'
        f'<div class="sub">{esc(sub)}</div>{bar}</div>'
    )
