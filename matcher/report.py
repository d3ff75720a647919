"""The self-contained HTML report of one matching run.

`render_report` turns the engine's three outputs (pairs, unmatched, summary) into one HTML
page for a mentorship coordinator and a steering group: a header band, KPI cards, plots
drawn as inline SVG by the small helpers below, and the tables. The page needs no network:
no scripts, no web fonts, no external images, no CSS from elsewhere.

Privacy: the page only ever shows what it is given -- person ids, roles, reasons and
aggregate numbers. Only the first two columns of `pairs` (the ids), `score` and `reasons`
are read, so a stray column (such as a name) is never printed.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import pandas as pd

from matcher.domain import ADMINISTRATIONS, BAND_RULE_TEXT, BANDS, GENDERS

__all__ = ["render_report"]

Lang = Literal["en", "sv"]

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
_INK = "#1d2733"
_MUTED = "#5b6675"
_GRID = "#e3e7ec"
_HEAT_ZERO = "#f3f5f8"
_HEAT_LOW = "#dcebf7"
_HEAT_HIGH = "#0b5f99"

# --------------------------------------------------------------------------------------------
# Words. Every label on the page comes from here; `{giver}` etc. are the programme's roles.
# --------------------------------------------------------------------------------------------
_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "report": "Matching report",
        "program.mentorship": "Mentorship programme",
        "program.trainee": "Trainee programme",
        "generated": "Generated",
        "solver": "Solver",
        "solve_time": "solve time",
        "status.OPTIMAL": "the best matching the rules allow (proven)",
        "status.FEASIBLE": "a valid matching; not proven to be the best",
        "status.other": "status reported by the solver",
        "hard_violated": "A hard rule does not hold",
        "kpi.matched": "Matched",
        "kpi.matched_sub": "{count} still without a {giver}",
        "kpi.of": "of",
        "kpi.match_rate": "Match rate",
        "kpi.match_rate_sub": "share of {takers} matched",
        "kpi.cross": "Cross-administration pairs",
        "kpi.cross_sub": "pairs spanning two administrations",
        "kpi.score": "Mean pair score",
        "kpi.score_sub": "range {low} to {high}",
        "kpi.givers": "{Givers} used / capacity",
        "kpi.givers_sub": "{used} of {count} {givers}; room for {capacity} {takers}",
        "plot.rate.title": "Match rate by administration and gender",
        "plot.rate.caption": (
            "Each bar is the share of {takers} of one gender in that administration who got a {giver}; "
            "the numbers above a bar are the rate and matched of total (hover a bar for the counts)."
        ),
        "plot.rate.y": "Match rate",
        "plot.rate.x": "Administration of the {taker}",
        "plot.rate.group_total": "{matched} of {total} · {rate}",
        "plot.rate.tooltip": "{administration}, {gender}: {matched} of {total} {takers} matched ({rate})",
        "plot.rate.all": "All",
        "plot.admin.title": "Pairs by administration",
        "plot.admin.caption": (
            "Each cell counts the pairs where {the_giver} works in the row's administration and {the_taker} "
            "works in the column's; cells off the outlined diagonal are cross-administration pairs."
        ),
        "plot.admin.rows": "{Giver}'s administration",
        "plot.admin.cols": "{Taker}'s administration",
        "plot.band.title": "Pairs by experience band",
        "plot.band.caption": (
            "Each cell counts the pairs from the {giver}'s experience band (row) to the {taker}'s band "
            "(column); bands by years in the profession: {rule}."
        ),
        "plot.band.rows": "{Giver}'s band",
        "plot.band.cols": "{Taker}'s band",
        "plot.heat.tooltip": "{row} → {col}: {count} pairs",
        "plot.total": "Total",
        "plot.hist.title": "Distribution of pair scores",
        "plot.hist.caption": (
            "Each bar counts the pairs whose score falls in the range under it; the dashed line marks the "
            "mean. A higher score means a better fit by the scenario's rules."
        ),
        "plot.hist.x": "Pair score",
        "plot.hist.y": "Number of pairs",
        "plot.hist.mean": "mean {mean}",
        "plot.hist.tooltip": "score {low} to {high}: {count} pairs",
        "plot.obj.title": "Objective by priority",
        "plot.obj.caption": (
            "Priorities are optimised in order, 1 first; each bar shows the value reached against the best "
            "possible bound (the full track), so a gap of 0 % means proven best."
        ),
        "plot.obj.tooltip": "priority {priority}: value {value}, bound {bound}, gap {gap}",
        "no_data": "No data",
        "no_pairs": "No pairs were made in this run.",
        "all_matched": "No one was left without a match.",
        "years": " years",
        "constraints": "Constraints",
        "constraints.caption": (
            "The rules of this scenario: hard rules must hold, soft rules are weighed by priority "
            "(1 first) and weight. A red row is a hard rule that does not hold."
        ),
        "constraints.none": "No constraints reported.",
        "col.rule": "Rule",
        "col.kind": "Kind",
        "col.priority": "Priority",
        "col.weight": "Weight",
        "col.holds": "Holds",
        "col.detail": "Detail",
        "col.value": "Value",
        "col.bound": "Bound",
        "col.gap": "Gap",
        "col.terms": "Terms",
        "col.score": "Score",
        "col.reasons": "Reasons",
        "col.id": "ID",
        "col.role": "Role",
        "col.reason": "Reason",
        "kind.hard": "Hard",
        "kind.soft": "Soft",
        "objective": "Objective",
        "objective.overall": "Overall objective {value}, best bound {bound}, gap {gap}.",
        "objective.none": "No per-priority objectives reported.",
        "pairs": "Pairs",
        "pairs.caption": "Every pair made, with its score and the reasons it was made.",
        "unmatched": "Unmatched",
        "unmatched.caption": "Everyone left without a match, and why.",
        "changes": "Changes",
        "changes.caption": (
            "A mid-year repair (matcher repair): how the current pairs fared and why, in counts; "
            "changes.csv lists them person by person. At most {allow_moves} kept pairs could be moved; "
            "{leavers} left, {joiners} joined."
        ),
        "changes.counts": (
            "{kept} kept, {moved} moved, {new} new, {ended} ended of {current} current pairs; "
            "{unmatched} {takers} without a match now"
        ),
        "col.change": "Change",
        "col.count": "Count",
        "footer": (
            "Made by gbg-matcher{version}. This page contains ids only, never names; it works offline "
            "and can be printed."
        ),
        "gender.woman": "Woman",
        "gender.man": "Man",
        "gender.non-binary": "Non-binary",
        "gender.undisclosed": "Undisclosed",
        "plot.split.title": "Selected cohort's gender split per administration",
        "plot.split.caption": (
            "Each bar is 100 % of a group, split by gender: men from the left edge, women from the right "
            "edge, other genders in between. The top bars are the {takers} placed in each administration, "
            "then the whole placed cohort, all applicants, and, as a reference, today's staff (87 % women, "
            "13 % men). A placed cohort more even than the staff has a longer men's segment than the "
            "reference bar; n is the number of people in the bar (hover a segment for the counts)."
        ),
        "plot.split.placed": "{administration}: placed",
        "plot.split.cohort": "Whole cohort: placed",
        "plot.split.applicants": "All applicants",
        "plot.split.staff": "Staff (reference)",
        "plot.split.n": "n = {n}",
        "plot.split.staff_n": "n = {n} (2024)",
        "plot.split.tooltip": "{row}, {gender}: {count} of {total} ({share})",
        "plot.split.staff_tooltip": "{row}, {gender}: {share} (DOMAIN figures: {count} of {total})",
    },
    "sv": {
        "report": "Matchningsrapport",
        "program.mentorship": "Mentorskapsprogram",
        "program.trainee": "Traineeprogram",
        "generated": "Skapad",
        "solver": "Lösare",
        "solve_time": "lösningstid",
        "status.OPTIMAL": "den bästa matchning reglerna tillåter (bevisat)",
        "status.FEASIBLE": "en giltig matchning; inte bevisat den bästa",
        "status.other": "status enligt lösaren",
        "hard_violated": "Ett skallkrav uppfylls inte",
        "kpi.matched": "Matchade",
        "kpi.matched_sub": "{count} fortfarande utan {giver}",
        "kpi.of": "av",
        "kpi.match_rate": "Matchningsgrad",
        "kpi.match_rate_sub": "andel {takers} som matchades",
        "kpi.cross": "Andel över förvaltningsgräns",
        "kpi.cross_sub": "par med personer från två förvaltningar",
        "kpi.score": "Medelpoäng per par",
        "kpi.score_sub": "från {low} till {high}",
        "kpi.givers": "{Givers} använda / kapacitet",
        "kpi.givers_sub": "{used} av {count} {givers}; plats för {capacity} {takers}",
        "plot.rate.title": "Matchningsgrad per förvaltning och kön",
        "plot.rate.caption": (
            "Varje stapel är andelen {takers} av ett kön i förvaltningen som fick en {giver}; "
            "talen ovanför är matchningsgraden och antal matchade av alla (håll muspekaren över en stapel "
            "för antalen)."
        ),
        "plot.rate.y": "Matchningsgrad",
        "plot.rate.x": "Förvaltning ({taker})",
        "plot.rate.group_total": "{matched} av {total} · {rate}",
        "plot.rate.tooltip": "{administration}, {gender}: {matched} av {total} {takers} matchade ({rate})",
        "plot.rate.all": "Alla",
        "plot.admin.title": "Par per förvaltning",
        "plot.admin.caption": (
            "Varje ruta räknar paren där {the_giver} arbetar i radens förvaltning och {the_taker} i "
            "kolumnens; rutor utanför den markerade diagonalen är par över förvaltningsgränsen."
        ),
        "plot.admin.rows": "Förvaltning ({giver})",
        "plot.admin.cols": "Förvaltning ({taker})",
        "plot.band.title": "Par per erfarenhetsnivå",
        "plot.band.caption": (
            "Varje ruta räknar paren från erfarenhetsnivån hos {the_giver} (rad) till nivån hos {the_taker} "
            "(kolumn); nivåer efter år i yrket: {rule}."
        ),
        "plot.band.rows": "Erfarenhet ({giver})",
        "plot.band.cols": "Erfarenhet ({taker})",
        "plot.heat.tooltip": "{row} → {col}: {count} par",
        "plot.total": "Summa",
        "plot.hist.title": "Fördelning av parpoäng",
        "plot.hist.caption": (
            "Varje stapel räknar paren vars poäng ligger i intervallet under den; den streckade linjen "
            "visar medelvärdet. Högre poäng betyder bättre passform enligt scenariots regler."
        ),
        "plot.hist.x": "Parpoäng",
        "plot.hist.y": "Antal par",
        "plot.hist.mean": "medel {mean}",
        "plot.hist.tooltip": "poäng {low} till {high}: {count} par",
        "plot.obj.title": "Målfunktion per prioritet",
        "plot.obj.caption": (
            "Prioriteterna optimeras i ordning, 1 först; varje stapel visar uppnått värde mot bästa möjliga "
            "gräns (hela spåret), så ett gap på 0 % betyder bevisat bäst."
        ),
        "plot.obj.tooltip": "prioritet {priority}: värde {value}, gräns {bound}, gap {gap}",
        "no_data": "Inga data",
        "no_pairs": "Inga par bildades i den här körningen.",
        "all_matched": "Ingen blev utan matchning.",
        "years": " år",
        "constraints": "Regler",
        "constraints.caption": (
            "Scenariots regler: skallkrav måste uppfyllas, börkrav vägs efter prioritet (1 först) och "
            "vikt. En röd rad är ett skallkrav som inte uppfylls."
        ),
        "constraints.none": "Inga regler rapporterade.",
        "col.rule": "Regel",
        "col.kind": "Typ",
        "col.priority": "Prioritet",
        "col.weight": "Vikt",
        "col.holds": "Uppfylls",
        "col.detail": "Detalj",
        "col.value": "Värde",
        "col.bound": "Gräns",
        "col.gap": "Gap",
        "col.terms": "Termer",
        "col.score": "Poäng",
        "col.reasons": "Motivering",
        "col.id": "ID",
        "col.role": "Roll",
        "col.reason": "Orsak",
        "kind.hard": "Skallkrav",
        "kind.soft": "Börkrav",
        "objective": "Målfunktion",
        "objective.overall": "Total målfunktion {value}, bästa gräns {bound}, gap {gap}.",
        "objective.none": "Inga målvärden per prioritet rapporterade.",
        "pairs": "Par",
        "pairs.caption": "Alla par som bildades, med poäng och motivering.",
        "unmatched": "Omatchade",
        "unmatched.caption": "Alla som blev utan matchning, och varför.",
        "changes": "Förändringar",
        "changes.caption": (
            "En omatchning mitt i året (matcher repair): hur de nuvarande paren gick och varför, i antal; "
            "changes.csv listar dem person för person. Högst {allow_moves} behållna par fick flyttas; "
            "{leavers} slutade, {joiners} tillkom."
        ),
        "changes.counts": (
            "{kept} behållna, {moved} flyttade, {new} nya, {ended} avslutade av {current} nuvarande par; "
            "{unmatched} {takers} utan matchning nu"
        ),
        "col.change": "Förändring",
        "col.count": "Antal",
        "footer": (
            "Skapad av gbg-matcher{version}. Sidan innehåller bara id:n, aldrig namn; den fungerar "
            "utan nätverk och kan skrivas ut."
        ),
        "gender.woman": "Kvinna",
        "gender.man": "Man",
        "gender.non-binary": "Icke-binär",
        "gender.undisclosed": "Ej angivet",
        "plot.split.title": "Den antagna kullens könsfördelning per förvaltning",
        "plot.split.caption": (
            "Varje stapel är 100 % av en grupp, uppdelad efter kön: män från vänsterkanten, kvinnor från "
            "högerkanten, övriga kön däremellan. Överst de {takers} som placerats i varje förvaltning, sedan "
            "hela den antagna kullen, alla sökande och som referens dagens personal (87 % kvinnor, 13 % män). "
            "En antagen kull som är jämnare än personalen har en längre del för män än referensstapeln; "
            "n är antalet personer i stapeln (håll muspekaren över en del för antalen)."
        ),
        "plot.split.placed": "{administration}: antagna",
        "plot.split.cohort": "Hela kullen: antagna",
        "plot.split.applicants": "Alla sökande",
        "plot.split.staff": "Personalen (referens)",
        "plot.split.n": "n = {n}",
        "plot.split.staff_n": "n = {n} (2024)",
        "plot.split.tooltip": "{row}, {gender}: {count} av {total} ({share})",
        "plot.split.staff_tooltip": "{row}, {gender}: {share} (enligt underlaget: {count} av {total})",
    },
}

#: Role -> (singular, plural, definite singular) per language.
_ROLE_NAMES: dict[str, dict[str, tuple[str, str, str]]] = {
    "en": {
        "mentor": ("mentor", "mentors", "the mentor"),
        "adept": ("adept", "adepts", "the adept"),
        "supervisor": ("supervisor", "supervisors", "the supervisor"),
        "trainee": ("trainee", "trainees", "the trainee"),
    },
    "sv": {
        "mentor": ("mentor", "mentorer", "mentorn"),
        "adept": ("adept", "adepter", "adepten"),
        "supervisor": ("handledare", "handledare", "handledaren"),
        "trainee": ("trainee", "traineer", "traineen"),
    },
}


class _Text:
    """Translated labels for one language, with the programme's role names filled in."""

    def __init__(self, lang: Lang, giver_role: str, taker_role: str) -> None:
        self.lang: Lang = lang
        self.strings = _STRINGS[lang]
        giver, givers, the_giver = self.role(giver_role)
        taker, takers, the_taker = self.role(taker_role)
        self.roles = {
            "giver": giver, "givers": givers, "taker": taker, "takers": takers,
            "the_giver": the_giver, "the_taker": the_taker,
            "Giver": _cap(giver), "Givers": _cap(givers), "Taker": _cap(taker), "Takers": _cap(takers),
        }

    def role(self, role: str) -> tuple[str, str, str]:
        names = _ROLE_NAMES[self.lang].get(str(role).strip().lower())
        return names if names is not None else (str(role), str(role), str(role))

    def __call__(self, key: str, **values: object) -> str:
        template = self.strings.get(key, _STRINGS["en"].get(key, key))
        return template.format(**{**self.roles, **{k: str(v) for k, v in values.items()}})

    def gender(self, gender: str) -> str:
        return self.strings.get(f"gender.{gender}", str(gender))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _esc(value: object) -> str:
    """HTML-escape anything that goes into the page (text and attribute values alike)."""
    return html.escape("" if value is None else str(value), quote=True)


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------
def _as_float(value: object) -> float | None:
    """A finite float, or None for None / NaN / text that is not a number."""
    if value is None or isinstance(value, bool):
        return None if value is None else float(value)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _as_int(value: object) -> int:
    number = _as_float(value)
    return 0 if number is None else round(number)


def _num(value: object, lang: Lang, digits: int = 1) -> str:
    """'1,234.5' in English, '1 234,5' in Swedish; integers without decimals; '–' when missing."""
    number = _as_float(value)
    if number is None:
        return "–"
    shown_digits = 0 if float(number).is_integer() else digits
    text = f"{abs(number):,.{shown_digits}f}"
    if shown_digits and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "sv":
        text = text.replace(",", "\u00a0").replace(".", ",")
    sign = "−" if number < 0 and text.strip("0,.\u00a0") else ""
    return sign + text


def _pct(value: object, lang: Lang, digits: int = 1) -> str:
    number = _as_float(value)
    if number is None:
        return "–"
    text = _num(number * 100, lang, digits)
    return f"{text}\u00a0%" if lang == "sv" else f"{text}%"


def _gap(value: float | None, bound: float | None) -> float | None:
    """Relative gap |bound - value| / |bound|; 0 when both are 0; None when unknown."""
    if value is None or bound is None:
        return None
    if bound == 0:
        return 0.0 if value == 0 else None
    return abs(bound - value) / abs(bound)


def _when(text: object) -> str:
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


def _ordered(values: Iterable[str], canonical: Sequence[str]) -> list[str]:
    """Distinct values, canonical ones first in canonical order, then the rest sorted."""
    seen = {v for v in values if v}
    known = [c for c in canonical if c in seen]
    return known + sorted(seen - set(known))


def _rows(value: object) -> list[Mapping[str, Any]]:
    """A KPI table (list of dicts), tolerating None and stray entries."""
    if not isinstance(value, list):
        return []
    return [row for row in value if isinstance(row, Mapping)]


# --------------------------------------------------------------------------------------------
# SVG helpers. Each returns a complete <svg> element sized by viewBox, so it scales with the
# page; `max-width` keeps small plots from being blown up. Every mark carries a <title>.
# --------------------------------------------------------------------------------------------
def _svg_open(width: float, height: float, label: str) -> str:
    return (
        f'<svg class="plot" viewBox="0 0 {width:.0f} {height:.0f}" width="100%" '
        f'style="max-width:{width:.0f}px" role="img" aria-label="{_esc(label)}">'
        f"<title>{_esc(label)}</title>"
    )


def _text(
    x: float, y: float, content: str, *, size: float = 12, anchor: str = "start", fill: str = _INK,
    weight: str = "normal", rotate: float | None = None, cls: str = "",
) -> str:
    transform = f' transform="rotate({rotate:.0f} {x:.1f} {y:.1f})"' if rotate is not None else ""
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" fill="{fill}" '
        f'font-weight="{weight}"{transform}{klass}>{_esc(content)}</text>'
    )


def _rect(x: float, y: float, w: float, h: float, fill: str, *, tooltip: str = "", extra: str = "") -> str:
    title = f"<title>{_esc(tooltip)}</title>" if tooltip else ""
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
        f'fill="{fill}"{extra}>{title}</rect>'
    )


def _line(
    x1: float, y1: float, x2: float, y2: float, stroke: str, *, width: float = 1, dash: str = "",
) -> str:
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
        f'stroke-width="{width:g}"{dashed}/>'
    )


def _svg_empty(label: str, message: str, width: float = 520, height: float = 140) -> str:
    return (
        _svg_open(width, height, label)
        + _rect(0.5, 0.5, width - 1, height - 1, "#fafbfc", extra=f' stroke="{_GRID}" rx="8"')
        + _text(width / 2, height / 2 + 5, message, size=14, anchor="middle", fill=_MUTED)
        + "</svg>"
    )


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def _mix(low: str, high: str, fraction: float) -> str:
    f = min(max(fraction, 0.0), 1.0)
    a, b = _hex_to_rgb(low), _hex_to_rgb(high)
    return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b, strict=True))


def _text_width(text: str, size: float) -> float:
    """A rough width for layout (no font metrics offline): ~0.58 em per character."""
    return len(text) * size * 0.58


@dataclass(frozen=True)
class _Bar:
    group: str
    series: str
    matched: int
    total: int


def svg_rate_bars(
    groups: Sequence[str],
    series: Sequence[str],
    bars: Sequence[_Bar],
    group_totals: Mapping[str, tuple[int, int]],
    *,
    colours: Mapping[str, str],
    series_labels: Mapping[str, str],
    text: _Text,
    title: str,
) -> str:
    """Grouped bars of match rates (0-100 %), one group per administration, one bar per series."""
    lang = text.lang
    if not groups or not bars:
        return _svg_empty(title, text("no_data"), width=960)
    width, height = 960.0, 380.0
    left, right, top, bottom = 64.0, 16.0, 64.0, 78.0
    plot_w, plot_h = width - left - right, height - top - bottom
    base_y = top + plot_h
    parts = [_svg_open(width, height, title)]

    # Legend, top left.
    x = left
    for s in series:
        label = series_labels.get(s, s)
        parts.append(_rect(x, 14, 14, 14, colours.get(s, _MUTED), extra=' rx="3"'))
        parts.append(_text(x + 20, 26, label, size=13))
        x += 20 + _text_width(label, 13) + 22

    # Grid and y axis.
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = base_y - tick * plot_h
        parts.append(_line(left, y, width - right, y, _GRID if tick else "#9aa5b1"))
        parts.append(_text(left - 8, y + 4, _pct(tick, lang, 0), size=11, anchor="end", fill=_MUTED))
    parts.append(_text(16, top + plot_h / 2, text("plot.rate.y"), size=12, anchor="middle", fill=_MUTED,
                       rotate=-90))
    parts.append(_text(left + plot_w / 2, height - 8, text("plot.rate.x"), size=12, anchor="middle",
                       fill=_MUTED))

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
                matched=bar.matched, total=bar.total, rate=_pct(rate, lang),
            )
            parts.append(_rect(bx, base_y - bh, bar_w, bh, colours.get(s, _MUTED), tooltip=tooltip,
                               extra=' rx="2"'))
            label_size = 11 if bar_w >= 36 else 10 if bar_w >= 26 else 9
            parts.append(_text(bx + bar_w / 2, base_y - bh - 18, _pct(rate, lang, 0), size=label_size,
                               anchor="middle", weight="600"))
            parts.append(_text(bx + bar_w / 2, base_y - bh - 5, f"{bar.matched}/{bar.total}",
                               size=label_size - 1, anchor="middle", fill=_MUTED))
        parts.append(_text(centre, base_y + 20, group, size=13, anchor="middle", weight="600"))
        if group in group_totals:
            matched, total = group_totals[group]
            rate_text = _pct(matched / total, lang) if total else "–"
            parts.append(_text(centre, base_y + 37, text("plot.rate.group_total", matched=matched,
                                                         total=total, rate=rate_text),
                               size=11, anchor="middle", fill=_MUTED))
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class _SplitRow:
    label: str
    counts: Mapping[str, int]
    reference: bool = False


def svg_split_bars(
    rows: Sequence[_SplitRow],
    series: Sequence[str],
    *,
    colours: Mapping[str, str],
    series_labels: Mapping[str, str],
    text: _Text,
    title: str,
    gap_before: int | None = None,
) -> str:
    """Horizontal 100%-stacked bars, one per row, split by series (gender); n at the right.

    `gap_before` is the index of the first row after which a gap is left (the comparison rows).
    """
    lang = text.lang
    shown = [r for r in rows if sum(r.counts.values()) > 0]
    if not shown or not any(not r.reference for r in shown):
        return _svg_empty(title, text("no_data"), width=960)
    width = 960.0
    label_w = max(_text_width(r.label, 13) for r in shown) + 24
    n_w = 92.0
    left, right, top = 16 + label_w, n_w + 12, 52.0
    bar_w = width - left - right
    row_h, bar_h, gap = 36.0, 24.0, 18.0
    extra = gap if gap_before is not None and 0 < gap_before < len(rows) else 0.0
    height = top + row_h * len(shown) + extra + 34
    parts = [_svg_open(width, height, title)]
    x = left
    for s in series:
        label = series_labels.get(s, s)
        parts.append(_rect(x, 14, 14, 14, colours.get(s, _MUTED), extra=' rx="3"'))
        parts.append(_text(x + 20, 26, label, size=13))
        x += 20 + _text_width(label, 13) + 22
    # Grid: 0 %, 25 %, 50 %, 75 %, 100 %.
    bottom = height - 28
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        gx = left + tick * bar_w
        parts.append(_line(gx, top - 6, gx, bottom, "#9aa5b1" if tick in (0.0, 1.0) else _GRID,
                           dash="" if tick in (0.0, 1.0) else "3 3"))
        parts.append(_text(gx, bottom + 16, _pct(tick, lang, 0), size=11, anchor="middle", fill=_MUTED))
    y = top
    for index, row in enumerate(rows):
        if gap_before is not None and index == gap_before and index > 0:
            y += gap
        total = sum(row.counts.values())
        if total <= 0:
            continue
        parts.append(_text(left - 10, y + bar_h / 2 + 5, row.label, size=13, anchor="end",
                           weight="normal" if row.reference else "600",
                           fill=_MUTED if row.reference else _INK))
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
                           share=_pct(share, lang))
            parts.append(_rect(sx, y, w, bar_h, colours.get(s, _MUTED), tooltip=tooltip, extra=opacity))
            label = _pct(share, lang, 0)
            if w >= _text_width(label, 11) + 8:
                dark = s in ("woman", "undisclosed") or row.reference
                parts.append(_text(sx + w / 2, y + bar_h / 2 + 4, label, size=11, anchor="middle",
                                   fill=_INK if dark else "#ffffff", weight="600"))
            sx += w
        n_key = "plot.split.staff_n" if row.reference else "plot.split.n"
        parts.append(_text(left + bar_w + 10, y + bar_h / 2 + 5, text(n_key, n=_num(total, lang)), size=12,
                           fill=_MUTED))
        y += row_h
    parts.append("</svg>")
    return "".join(parts)


def svg_heatmap(
    rows: Sequence[str],
    cols: Sequence[str],
    counts: Mapping[tuple[str, str], int],
    *,
    row_title: str,
    col_title: str,
    text: _Text,
    title: str,
    outline_diagonal: bool = False,
) -> str:
    """A labelled count matrix with row and column totals; darker means more pairs."""
    if not rows or not cols:
        return _svg_empty(title, text("no_pairs"))
    cell = 66.0 if len(cols) <= 4 else 52.0
    row_label_w = max(_text_width(r, 12) for r in [*rows, text("plot.total")]) + 14
    left = 28 + row_label_w
    top = 56.0
    width = left + cell * (len(cols) + 1) + 12
    height = top + cell * (len(rows) + 1) + 14
    peak = max([counts.get((r, c), 0) for r in rows for c in cols] + [1])
    parts = [_svg_open(width, height, title)]
    parts.append(_text(left + cell * len(cols) / 2, 16, col_title, size=12, anchor="middle", fill=_MUTED))
    parts.append(_text(14, top + cell * len(rows) / 2, row_title, size=12, anchor="middle", fill=_MUTED,
                       rotate=-90))
    for ci, col in enumerate(cols):
        parts.append(_text(left + cell * (ci + 0.5), top - 10, col, size=12, anchor="middle", weight="600"))
    parts.append(_text(left + cell * (len(cols) + 0.5), top - 10, text("plot.total"), size=11,
                       anchor="middle", fill=_MUTED))
    col_totals = [sum(counts.get((r, c), 0) for r in rows) for c in cols]
    for ri, row in enumerate(rows):
        y = top + cell * ri
        parts.append(_text(left - 10, y + cell / 2 + 4, row, size=12, anchor="end", weight="600"))
        for ci, col in enumerate(cols):
            x = left + cell * ci
            count = counts.get((row, col), 0)
            fraction = count / peak
            fill = _HEAT_ZERO if count == 0 else _mix(_HEAT_LOW, _HEAT_HIGH, fraction)
            tooltip = text("plot.heat.tooltip", row=row, col=col, count=count)
            parts.append(_rect(x + 1.5, y + 1.5, cell - 3, cell - 3, fill, tooltip=tooltip, extra=' rx="4"'))
            if outline_diagonal and row == col:
                outline = f' rx="4" stroke="{_INK}" stroke-width="1.5" stroke-dasharray="4 3"'
                parts.append(_rect(x + 1.5, y + 1.5, cell - 3, cell - 3, "none", extra=outline))
            ink = "#ffffff" if fraction > 0.55 and count else (_INK if count else "#9aa5b1")
            parts.append(_text(x + cell / 2, y + cell / 2 + 6, str(count), size=17, anchor="middle", fill=ink,
                               weight="600" if count else "normal"))
        row_total = sum(counts.get((row, c), 0) for c in cols)
        parts.append(_text(left + cell * (len(cols) + 0.5), y + cell / 2 + 5, str(row_total), size=13,
                           anchor="middle", fill=_MUTED))
    y_tot = top + cell * len(rows)
    parts.append(_line(left, y_tot + 4, left + cell * (len(cols) + 1), y_tot + 4, _GRID))
    parts.append(_text(left - 10, y_tot + cell / 2 + 4, text("plot.total"), size=11, anchor="end",
                       fill=_MUTED))
    for ci, total in enumerate(col_totals):
        parts.append(_text(left + cell * (ci + 0.5), y_tot + cell / 2 + 5, str(total), size=13,
                           anchor="middle", fill=_MUTED))
    parts.append(_text(left + cell * (len(cols) + 0.5), y_tot + cell / 2 + 5, str(sum(col_totals)), size=13,
                       anchor="middle", fill=_INK, weight="600"))
    parts.append("</svg>")
    return "".join(parts)


def _nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k that is >= raw."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if factor * power >= raw - 1e-12:
            return factor * power
    return 10.0 * power


def histogram_bins(values: Sequence[float], max_bins: int = 12) -> tuple[list[float], list[int]]:
    """Bin edges on round numbers and the count per bin (last edge exclusive, values clamped in)."""
    if not values:
        return [], []
    low, high = min(values), max(values)
    if high == low:
        return [low - 0.5, low + 0.5], [len(values)]
    wanted = max(1, min(max_bins, math.ceil(math.sqrt(len(values))) + 1))
    step = _nice_step((high - low) / wanted)
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


def svg_histogram(values: Sequence[float], *, text: _Text, title: str) -> str:
    """Histogram of pair scores with a dashed mean line."""
    lang = text.lang
    if not values:
        return _svg_empty(title, text("no_pairs"))
    edges, counts = histogram_bins(values)
    width, height = 520.0, 300.0
    left, right, top, bottom = 56.0, 18.0, 34.0, 56.0
    plot_w, plot_h = width - left - right, height - top - bottom
    base_y = top + plot_h
    peak = max(counts)
    y_step = _nice_step(peak / 4) if peak > 4 else 1.0
    y_step = max(1.0, math.ceil(y_step))
    y_max = max(y_step * math.ceil(peak / y_step), 1.0)
    lo, hi = edges[0], edges[-1]

    def sx(v: float) -> float:
        return left + (v - lo) / (hi - lo) * plot_w

    parts = [_svg_open(width, height, title)]
    tick = 0.0
    while tick <= y_max + 1e-9:
        y = base_y - tick / y_max * plot_h
        parts.append(_line(left, y, width - right, y, _GRID if tick else "#9aa5b1"))
        parts.append(_text(left - 8, y + 4, _num(tick, lang), size=11, anchor="end", fill=_MUTED))
        tick += y_step
    for i, count in enumerate(counts):
        x0, x1 = sx(edges[i]), sx(edges[i + 1])
        bh = count / y_max * plot_h
        tooltip = text("plot.hist.tooltip", low=_num(edges[i], lang, 2), high=_num(edges[i + 1], lang, 2),
                       count=count)
        parts.append(_rect(x0 + 1, base_y - bh, x1 - x0 - 2, bh, OKABE_ITO["sky_blue"], tooltip=tooltip,
                           extra=' rx="2"'))
        if count:
            parts.append(_text((x0 + x1) / 2, base_y - bh - 5, str(count), size=11, anchor="middle",
                               weight="600"))
    label_every = max(1, math.ceil(len(edges) / 9))
    for i, edge in enumerate(edges):
        if i % label_every == 0 or i == len(edges) - 1:
            parts.append(_text(sx(edge), base_y + 16, _num(edge, lang, 2), size=11, anchor="middle",
                               fill=_MUTED))
    mean = sum(values) / len(values)
    mx = sx(mean)
    parts.append(_line(mx, top - 6, mx, base_y, OKABE_ITO["vermillion"], width=2, dash="6 4"))
    mean_label = text("plot.hist.mean", mean=_num(mean, lang))
    anchor = "end" if mx > left + plot_w * 0.75 else "start"
    parts.append(_text(mx + (-6 if anchor == "end" else 6), top + 2, mean_label, size=12, anchor=anchor,
                       fill=OKABE_ITO["vermillion"], weight="600"))
    parts.append(_text(left + plot_w / 2, height - 10, text("plot.hist.x"), size=12, anchor="middle",
                       fill=_MUTED))
    parts.append(_text(16, top + plot_h / 2, text("plot.hist.y"), size=12, anchor="middle", fill=_MUTED,
                       rotate=-90))
    parts.append("</svg>")
    return "".join(parts)


def svg_objectives(objectives: Sequence[Mapping[str, Any]], *, text: _Text, title: str) -> str:
    """One track per priority: the bar is the value reached, the full track the bound."""
    lang = text.lang
    if not objectives:
        return _svg_empty(title, text("objective.none"))
    width = 520.0
    row_h = 54.0
    top = 10.0
    left = 20.0
    track_w = width - left - 20
    height = top + row_h * len(objectives) + 6
    parts = [_svg_open(width, height, title)]
    for i, objective in enumerate(objectives):
        y = top + row_h * i
        priority = objective.get("priority")
        value = _as_float(objective.get("value"))
        bound = _as_float(objective.get("bound"))
        gap = _gap(value, bound)
        terms = objective.get("terms") or []
        terms_text = ", ".join(str(t) for t in terms) if isinstance(terms, list) else str(terms)
        head = f"{text('col.priority')} {priority if priority is not None else '–'}"
        parts.append(_text(left, y + 14, head, size=13, weight="600"))
        parts.append(_text(left + _text_width(head, 13) + 10, y + 14, terms_text, size=12, fill=_MUTED))
        numbers = f"{_num(value, lang)} / {_num(bound, lang)} · {text('col.gap')} {_pct(gap, lang, 2)}"
        parts.append(_text(width - 20, y + 14, numbers, size=12, anchor="end"))
        tooltip = text("plot.obj.tooltip", priority=priority, value=_num(value, lang),
                       bound=_num(bound, lang), gap=_pct(gap, lang, 2))
        parts.append(_rect(left, y + 22, track_w, 14, _GRID, tooltip=tooltip, extra=' rx="7"'))
        if value is not None and bound is not None and bound > 0 and value >= 0:
            share = min(value / bound, 1.0)
            colour = OKABE_ITO["green"] if gap is not None and gap < 1e-6 else OKABE_ITO["orange"]
            parts.append(_rect(left, y + 22, track_w * share, 14, colour, tooltip=tooltip, extra=' rx="7"'))
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Page sections
# --------------------------------------------------------------------------------------------
_CSS = """
:root{--ink:#1d2733;--muted:#5b6675;--line:#e3e7ec;--bg:#f4f6f9;--card:#fff;--accent:#0b5f99;
--ok:#009E73;--warn:#E69F00;--bad:#b8322a}
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
.empty{color:var(--muted);font-style:italic;margin:6px 0}
.stats{font-size:13.5px;color:var(--ink);margin:12px 0 8px}
.table-scroll{overflow-x:auto}
footer{color:var(--muted);font-size:12.5px;padding:10px 0 40px}
@media print{body{background:#fff}header.band{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.card,.kpi{box-shadow:none;border:1px solid var(--line)}main.wrap{margin-top:16px}}
"""


def _kpi_card(label: str, value: str, sub: str, meter: float | None = None) -> str:
    bar = ""
    if meter is not None:
        share = min(max(meter, 0.0), 1.0) * 100
        bar = f'<div class="meter"><span style="width:{share:.1f}%"></span></div>'
    return (
        f'<div class="kpi"><div class="label">{_esc(label)}</div><div class="value">{value}</div>'
        f'<div class="sub">{_esc(sub)}</div>{bar}</div>'
    )


def _kpi_section(kpis: Mapping[str, Any], text: _Text) -> str:
    lang = text.lang
    takers = _as_float(kpis.get("takers"))
    matched = _as_float(kpis.get("matched_takers"))
    rate = _as_float(kpis.get("match_rate"))
    if rate is None and takers and matched is not None:
        rate = matched / takers
    cross = _as_float(kpis.get("cross_administration_share"))
    givers = _as_float(kpis.get("givers"))
    used = _as_float(kpis.get("givers_used"))
    capacity = _as_float(kpis.get("capacity_total"))
    cards = [
        _kpi_card(
            f"{text('kpi.matched')} {text.roles['takers']}",
            f"{_esc(_num(matched, lang))} <small>{_esc(text('kpi.of'))} {_esc(_num(takers, lang))}</small>",
            text("kpi.matched_sub",
                 count=_num(takers - matched if takers is not None and matched is not None else None, lang)),
        ),
        _kpi_card(text("kpi.match_rate"), _esc(_pct(rate, lang)), text("kpi.match_rate_sub"), rate),
        _kpi_card(text("kpi.cross"), _esc(_pct(cross, lang)), text("kpi.cross_sub"), cross),
        _kpi_card(
            text("kpi.score"), _esc(_num(kpis.get("score_mean"), lang)),
            text("kpi.score_sub", low=_num(kpis.get("score_min"), lang),
                 high=_num(kpis.get("score_max"), lang)),
        ),
        _kpi_card(
            text("kpi.givers"),
            f"{_esc(_num(used, lang))} <small>/ {_esc(_num(capacity, lang))}</small>",
            text("kpi.givers_sub", used=_num(used, lang), count=_num(givers, lang),
                 capacity=_num(capacity, lang)),
            used / capacity if used is not None and capacity else None,
        ),
    ]
    return f'<section class="kpis">{"".join(cards)}</section>'


def _plot_card(title: str, caption: str, svg: str) -> str:
    return (
        f'<section class="card"><h2>{_esc(title)}</h2><p class="caption">{_esc(caption)}</p>{svg}</section>'
    )


def _rate_plot(kpis: Mapping[str, Any], text: _Text) -> str:
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
        bars = [_Bar(adm, g, m, t) for (adm, g), (m, t) in cells.items() if t > 0]
        series = _ordered((b.series for b in bars), GENDERS)
    else:  # no gender split given: one bar per administration
        bars = [_Bar(adm, "all", m, t) for adm, (m, t) in totals.items() if t > 0]
        series = ["all"] if bars else []
        series_labels["all"] = text("plot.rate.all")
        colours["all"] = OKABE_ITO["blue"]
    for i, s in enumerate(s for s in series if s not in colours):
        colours[s] = _FALLBACK_COLOURS[i % len(_FALLBACK_COLOURS)]
    groups = _ordered([*totals, *(b.group for b in bars)], ADMINISTRATIONS)
    svg = svg_rate_bars(groups, series, bars, totals, colours=colours, series_labels=series_labels,
                        text=text, title=title)
    return _plot_card(title, text("plot.rate.caption"), svg)


def _split_plot(kpis: Mapping[str, Any], text: _Text) -> str:
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
    rows = [_SplitRow(text("plot.split.placed", administration=adm), placed[adm])
            for adm in _ordered(placed, ADMINISTRATIONS)]
    first_comparison = len(rows)
    rows += [
        _SplitRow(text("plot.split.cohort"), cohort),
        _SplitRow(text("plot.split.applicants"), applicants),
        _SplitRow(text("plot.split.staff"), STAFF_GENDER_COUNTS, reference=True),
    ]
    present = {g for r in rows for g, n in r.counts.items() if n > 0}
    series = _ordered(present, SPLIT_ORDER)
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


def _admin_plot(kpis: Mapping[str, Any], text: _Text) -> str:
    title = text("plot.admin.title")
    counts = _matrix(_rows(kpis.get("pairs_by_administration")),
                     "giver_administration", "taker_administration")
    known = [str(r.get("administration")) for r in _rows(kpis.get("by_administration"))
             if r.get("administration")]
    names = _ordered([*known, *(r for r, _ in counts), *(c for _, c in counts)], ADMINISTRATIONS)
    if not counts:
        names = []
    svg = svg_heatmap(names, names, counts, row_title=text("plot.admin.rows"),
                      col_title=text("plot.admin.cols"), text=text, title=title, outline_diagonal=True)
    return _plot_card(title, text("plot.admin.caption"), svg)


def _band_plot(kpis: Mapping[str, Any], text: _Text) -> str:
    title = text("plot.band.title")
    counts = _matrix(_rows(kpis.get("pairs_by_band")), "giver_band", "taker_band")
    rows = list(reversed(_ordered((r for r, _ in counts), BANDS)))  # most experienced on top
    cols = _ordered((c for _, c in counts), BANDS)
    svg = svg_heatmap(rows, cols, counts, row_title=text("plot.band.rows"), col_title=text("plot.band.cols"),
                      text=text, title=title)
    rule = BAND_RULE_TEXT.replace("<=", "≤").replace(" years", text("years"))
    return _plot_card(title, text("plot.band.caption", rule=rule), svg)


def _score_values(pairs: pd.DataFrame) -> list[float]:
    if "score" not in pairs.columns or pairs.empty:
        return []
    return [float(v) for v in pd.to_numeric(pairs["score"], errors="coerce").dropna().tolist()
            if math.isfinite(float(v))]


def _objective_section(summary: Mapping[str, Any], text: _Text) -> str:
    lang = text.lang
    title = text("plot.obj.title")
    objectives = _rows(summary.get("objectives"))
    svg = svg_objectives(objectives, text=text, title=title)
    overall = text(
        "objective.overall", value=_num(summary.get("objective"), lang),
        bound=_num(summary.get("best_bound"), lang), gap=_pct(summary.get("gap"), lang, 2),
    )
    body = ""
    if objectives:
        head = "".join(
            f'<th class="{cls}">{_esc(text(key))}</th>'
            for key, cls in (("col.priority", "num"), ("col.terms", ""), ("col.value", "num"),
                             ("col.bound", "num"), ("col.gap", "num"))
        )
        lines = []
        for objective in objectives:
            value = _as_float(objective.get("value"))
            bound = _as_float(objective.get("bound"))
            terms = objective.get("terms") or []
            chips = "".join(f'<span class="chip rule">{_esc(t)}</span>' for t in
                            (terms if isinstance(terms, list) else [terms]))
            lines.append(
                f'<tr><td class="num">{_esc(objective.get("priority"))}</td><td>{chips}</td>'
                f'<td class="num">{_esc(_num(value, lang))}</td>'
                f'<td class="num">{_esc(_num(bound, lang))}</td>'
                f'<td class="num">{_esc(_pct(_gap(value, bound), lang, 2))}</td></tr>'
            )
        body = f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(lines)}</tbody></table>'
    return (
        f'<section class="card"><h2>{_esc(title)}</h2><p class="caption">{_esc(text("plot.obj.caption"))}</p>'
        f'{svg}<p class="stats">{_esc(overall)}</p>{body}</section>'
    )


def _constraints_section(constraints: list[Mapping[str, Any]], text: _Text) -> str:
    lang = text.lang
    if not constraints:
        table = f'<p class="empty">{_esc(text("constraints.none"))}</p>'
    else:
        head = "".join(
            f'<th class="{cls}">{_esc(text(key))}</th>'
            for key, cls in (("col.rule", ""), ("col.kind", ""), ("col.priority", "num"),
                             ("col.weight", "num"), ("col.holds", ""), ("col.detail", ""))
        )
        lines = []
        for c in constraints:
            hard = bool(c.get("hard"))
            holds = c.get("holds")
            violated = hard and holds is False
            row_class = ' class="violated"' if violated else ""
            mark = ('<span class="yes">✓</span>' if holds is True
                    else '<span class="no">✗</span>' if holds is False else "–")
            priority = c.get("priority")
            lines.append(
                f"<tr{row_class}>"
                f'<td class="rule">{_esc(c.get("name"))}</td>'
                f'<td>{_esc(text("kind.hard" if hard else "kind.soft"))}</td>'
                f'<td class="num">{_esc("–" if priority is None else priority)}</td>'
                f'<td class="num">{_esc(_num(c.get("weight"), lang, 3))}</td>'
                f"<td>{mark}</td><td>{_esc(c.get('detail') or '')}</td></tr>"
            )
        table = (f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead>'
                 f'<tbody>{"".join(lines)}</tbody></table></div>')
    return (
        f'<section class="card"><h2>{_esc(text("constraints"))}</h2>'
        f'<p class="caption">{_esc(text("constraints.caption"))}</p>{table}</section>'
    )


def _changes_section(summary: Mapping[str, Any], text: _Text) -> str:
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
        f'<tr><td class="rule">{_esc(r.get("change"))}</td><td>{_esc(r.get("reason"))}</td>'
        f'<td class="num">{_esc(_as_int(r.get("count")))}</td></tr>'
        for r in _rows(changes.get("reasons"))
    ]
    head = (f'<th>{_esc(text("col.change"))}</th><th>{_esc(text("col.reason"))}</th>'
            f'<th class="num">{_esc(text("col.count"))}</th>')
    table = (f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead>'
             f'<tbody>{"".join(lines)}</tbody></table></div>') if lines else ""
    return (f'<section class="card"><h2>{_esc(text("changes"))}</h2><p class="caption">{_esc(caption)}</p>'
            f'<p class="stats">{_esc(stats)}</p>{table}</section>')


def _reasons_html(reasons: object) -> str:
    if reasons is None or (isinstance(reasons, float) and math.isnan(reasons)):
        return ""
    items = [r.strip() for r in str(reasons).split(";") if r.strip()]
    return "".join(f'<span class="chip">{_esc(item)}</span>' for item in items)


def _pairs_section(pairs: pd.DataFrame, text: _Text) -> str:
    lang = text.lang
    columns = list(pairs.columns)
    heading = f'<h2>{_esc(text("pairs"))} <small>({len(pairs)})</small></h2>'
    if pairs.empty or len(columns) < 2:
        body = f'<p class="empty">{_esc(text("no_pairs"))}</p>'
    else:
        giver_col, taker_col = columns[0], columns[1]
        scores = pairs["score"].tolist() if "score" in pairs.columns else [None] * len(pairs)
        reasons = pairs["reasons"].tolist() if "reasons" in pairs.columns else [None] * len(pairs)
        lines = [
            f'<tr><td class="id">{_esc(g)}</td><td class="id">{_esc(t)}</td>'
            f'<td class="num">{_esc(_num(s, lang, 2))}</td><td>{_reasons_html(r)}</td></tr>'
            for g, t, s, r in zip(pairs[giver_col].tolist(), pairs[taker_col].tolist(), scores, reasons,
                                  strict=True)
        ]
        head = (f'<th>{_esc(text.roles["Giver"])}</th><th>{_esc(text.roles["Taker"])}</th>'
                f'<th class="num">{_esc(text("col.score"))}</th><th>{_esc(text("col.reasons"))}</th>')
        body = (f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(lines)}</tbody></table></div>')
    caption = f'<p class="caption">{_esc(text("pairs.caption"))}</p>'
    return f'<section class="card">{heading}{caption}{body}</section>'


def _unmatched_section(unmatched: pd.DataFrame, text: _Text) -> str:
    heading = f'<h2>{_esc(text("unmatched"))} <small>({len(unmatched)})</small></h2>'
    if unmatched.empty:
        body = f'<p class="empty">{_esc(text("all_matched"))}</p>'
    else:
        def column(name: str) -> list[Any]:
            return unmatched[name].tolist() if name in unmatched.columns else [""] * len(unmatched)

        lines = [
            f'<tr><td class="id">{_esc(i)}</td><td>{_esc(_cap(text.role(str(r))[0]) if r else "")}</td>'
            f"<td>{_esc(reason if isinstance(reason, str) else '')}</td></tr>"
            for i, r, reason in zip(column("id"), column("role"), column("reason"), strict=True)
        ]
        head = (f'<th>{_esc(text("col.id"))}</th><th>{_esc(text("col.role"))}</th>'
                f'<th>{_esc(text("col.reason"))}</th>')
        body = (f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(lines)}</tbody></table></div>')
    return (f'<section class="card">{heading}<p class="caption">{_esc(text("unmatched.caption"))}</p>'
            f"{body}</section>")


def _header(summary: Mapping[str, Any], text: _Text) -> str:
    lang = text.lang
    status = str(summary.get("status") or "–")
    badge = {"OPTIMAL": "ok", "FEASIBLE": "warn"}.get(status, "other")
    note = text(f"status.{status}") if status in ("OPTIMAL", "FEASIBLE") else text("status.other")
    program = summary.get("program")
    program_label = text(f"program.{program}") if program in ("mentorship", "trainee") else str(program or "")
    eyebrow = " · ".join(p for p in (program_label, text("report")) if p)
    seconds = _as_float(summary.get("solve_seconds"))
    solver_bits = [f"{text('solver')}: {summary.get('solver') or '–'}"]
    if seconds is not None:
        solver_bits.append(f"{text('solve_time')} {_num(seconds, lang, 2)}\u00a0s")
    return (
        '<header class="band"><div class="wrap">'
        f'<div class="eyebrow">{_esc(eyebrow)}</div>'
        f"<h1>{_esc(summary.get('scenario') or text('report'))}</h1>"
        f'<div class="meta"><span><span class="badge {badge}">{_esc(status)}</span> '
        f'<span class="status-note">{_esc(note)}</span></span>'
        f"<span>{_esc(text('generated'))} {_esc(_when(summary.get('generated_at')))}</span>"
        f"<span>{_esc(', '.join(solver_bits))}</span></div>"
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
    if lang not in _STRINGS:
        raise ValueError(f"lang must be one of {sorted(_STRINGS)}, got {lang!r}")
    roles = summary.get("roles") or {}
    program = summary.get("program")
    default_giver, default_taker = ("supervisor", "trainee") if program == "trainee" else ("mentor", "adept")
    text = _Text(lang, str(roles.get("giver") or default_giver), str(roles.get("taker") or default_taker))
    kpis: Mapping[str, Any] = summary.get("kpis") or {}
    constraints = _rows(summary.get("constraints"))
    violated = [str(c.get("name")) for c in constraints if c.get("hard") and c.get("holds") is False]
    alert = (f'<div class="alert">⚠ {_esc(text("hard_violated"))}: {_esc(", ".join(violated))}</div>'
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
        f'<footer>{_esc(text("footer", version=f" {version}" if version else ""))}</footer>',
        "</main>",
    ])
    page_title = f"{summary.get('scenario') or ''} — {text('report')}".strip(" —")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(page_title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
