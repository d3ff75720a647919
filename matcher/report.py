"""The self-contained HTML report of one matching run.

`render_report` turns the engine's three outputs (pairs, unmatched, summary) into one HTML
page for a mentorship coordinator and a steering group: a header band, KPI cards, plots
drawn as inline SVG, and the tables. The palette, stylesheet and drawing primitives shared
with the what-if pages live in `matcher.html`, the words in the language catalogue
(`matcher/i18n/texts/report.py`); the charts only this page draws in `matcher.report_charts`. The page
needs no network: no scripts, no web fonts, no external images, no CSS from elsewhere.

Privacy: the page only ever shows what it is given -- person ids, roles, reasons and
aggregate numbers. Only the first two columns of `pairs` (the ids), `score` and `reasons`
are read, so a stray column (such as a name) is never printed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from matcher.html import (
    CSS,
    PROGRAM_OF_ROLE,
    Lang,
    Text,
    as_float,
    capitalize_first,
    esc,
    format_number,
    format_percent,
    format_timestamp,
    kpi_card,
)
from matcher.report_charts import (
    admin_plot,
    as_int,
    band_plot,
    histogram_bins,
    level_aim,
    level_proven,
    plot_card,
    rate_plot,
    rows_of,
    split_plot,
    svg_histogram,
    svg_levels,
)

__all__ = ["histogram_bins", "render_report"]


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
    places = as_float(kpis.get("pairs"))
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
        # People and places are two figures: a mentor with capacity 2 is one person and two places.
        kpi_card(
            text("kpi.givers"),
            f"{esc(format_number(used, lang))} "
            f"<small>{esc(text('kpi.of'))} {esc(format_number(givers, lang))}</small>",
            text("kpi.givers_sub", idle=format_number(_minus(givers, used), lang)),
            used / givers if used is not None and givers else None,
        ),
        kpi_card(
            text("kpi.places"),
            f"{esc(format_number(places, lang))} "
            f"<small>{esc(text('kpi.of'))} {esc(format_number(capacity, lang))}</small>",
            text("kpi.places_sub", free=format_number(_minus(capacity, places), lang)),
            places / capacity if places is not None and capacity else None,
        ),
    ]
    return f'<section class="kpis">{"".join(cards)}</section>'


def _minus(total: float | None, part: float | None) -> float | None:
    return total - part if total is not None and part is not None else None


def _score_values(pairs: pd.DataFrame) -> list[float]:
    if "score" not in pairs.columns or pairs.empty:
        return []
    return [float(v) for v in pd.to_numeric(pairs["score"], errors="coerce").dropna().tolist()
            if math.isfinite(float(v))]


def _levels_section(summary: Mapping[str, Any], text: Text) -> str:
    """summary.json's objectives, level by level, in the coordinator's words: what each level
    counts, the points reached and the most possible (the solver's proven bound)."""
    lang = text.lang
    title = text("levels.title")
    levels = rows_of(summary.get("objectives"))
    svg = svg_levels(levels, text=text, title=title)
    body = ""
    unproven: list[str] = []
    if levels:
        head = "".join(
            f'<th class="{cls}">{esc(text(key))}</th>'
            for key, cls in (("col.level", "num"), ("col.aims", ""), ("col.rules", ""), ("col.reached", "num"),
                             ("col.best", "num"))
        )
        lines = []
        for level in levels:
            value = as_float(level.get("value"))
            bound = as_float(level.get("bound"))
            terms = level.get("terms") or []
            names = terms if isinstance(terms, list) else [terms]
            chips = "".join(f'<span class="chip">{esc(text.rule_title(str(t)))}</span>' for t in names)
            proven = level_proven(value, bound)
            if not proven:
                unproven.append(str(level.get("priority")))
            mark = ' <span class="yes" aria-hidden="true">✓</span>' if proven else ""
            lines.append(
                f'<tr><td class="num">{esc(level.get("priority"))}</td><td>{esc(level_aim(terms, text))}</td>'
                f"<td>{chips}</td>"
                f'<td class="num">{esc(format_number(value, lang))}</td>'
                f'<td class="num">{esc(format_number(bound, lang))}{mark}</td></tr>'
            )
        body = (f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(lines)}</tbody></table></div>')
    overall = ("" if not levels else text("levels.all_best") if not unproven
               else text("levels.not_all_best", levels=", ".join(unproven)))
    return (
        f'<section class="card"><h2>{esc(title)}</h2><p class="caption">{esc(text("levels.caption"))}</p>'
        f'{svg}<p class="stats">{esc(overall)}</p>{body}</section>'
    )


def _part_list(c: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """A rule's verdict part by part: summary["constraints"][i]["parts"] when given, else one
    part made from `holds` and `detail` (hard for a hard rule, as the older summary knew it)."""
    parts = [p for p in (c.get("parts") or []) if isinstance(p, Mapping)]
    if parts:
        return parts
    return [{"kind": "hard" if c.get("hard") else "preference", "holds": c.get("holds"), "detail": c.get("detail")}]


def _broken(c: Mapping[str, Any]) -> bool:
    """A hard part of the rule does not hold: the matching is not valid."""
    return any(p.get("kind") == "hard" and p.get("holds") is False for p in _part_list(c))


def _mark(holds: object) -> str:
    return ('<span class="yes">✓</span>' if holds is True
            else '<span class="no">✗</span>' if holds is False else "–")


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
            parts = _part_list(c)
            row_class = ' class="violated"' if _broken(c) else ""
            if len(parts) == 1 and not c.get("parts"):
                marks = _mark(parts[0].get("holds"))
                details = esc(text.detail(parts[0].get("detail")))
            else:  # one line per part, each named as what it is: hard, or a preference
                kinds = [text("part.hard" if p.get("kind") == "hard" else "part.preference") for p in parts]
                marks = "<br>".join(f"{_mark(p.get('holds'))} {esc(k)}" for p, k in zip(parts, kinds, strict=True))
                details = "<br>".join(
                    f"{esc(k)}: {esc(text.detail(p.get('detail')))}" for p, k in zip(parts, kinds, strict=True)
                )
            priority = c.get("priority")
            name = str(c.get("name"))
            lines.append(
                f"<tr{row_class}>"
                f'<td><span class="rulename">{esc(text.rule_title(name))}</span> '
                f'<code class="rule">{esc(name)}</code></td>'
                f'<td>{esc(text("kind.hard" if hard else "kind.soft"))}</td>'
                f'<td class="num">{esc("–" if priority is None else priority)}</td>'
                f'<td class="num">{esc(format_number(c.get("weight"), lang, 3))}</td>'
                f"<td>{marks}</td><td>{details}</td></tr>"
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
        return as_int(counts.get(key))

    caption = text("changes.caption", allow_moves=as_int(changes.get("allow_moves")),
                   leavers=as_int(changes.get("leavers")), joiners=as_int(changes.get("joiners")))
    stats = text("changes.counts", kept=n("kept"), moved=n("moved"), new=n("new_pair"), ended=n("ended"),
                 current=n("current_pairs"), unmatched=n("unmatched") + n("still_unmatched") + n("ended_moved"))
    lines = [
        f'<tr><td>{esc(_change_words(r.get("change"), text))}</td>'
        f'<td>{esc(text.detail(r.get("reason_msg") or r.get("reason")))}</td>'
        f'<td class="num">{esc(as_int(r.get("count")))}</td></tr>'
        for r in rows_of(changes.get("reasons"))
    ]
    head = (f'<th>{esc(text("col.change"))}</th><th>{esc(text("col.reason"))}</th>'
            f'<th class="num">{esc(text("col.count"))}</th>')
    table = (f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead>'
             f'<tbody>{"".join(lines)}</tbody></table></div>') if lines else ""
    return (f'<section class="card"><h2>{esc(text("changes"))}</h2><p class="caption">{esc(caption)}</p>'
            f'<p class="stats">{esc(stats)}</p>{table}</section>')


def _fairness_section(summary: Mapping[str, Any], text: Text) -> str:
    """Each fairness rule's price: matched and mean score with the rule and without it (summary["fairness"],
    from matcher.fairness_price), and a warning where the rule levels down."""
    prices = rows_of(summary.get("fairness"))
    if not prices:
        return ""
    rows = []
    warnings = []
    for price in prices:
        given_with, given_without = price.get("with"), price.get("without")
        with_: Mapping[str, Any] = given_with if isinstance(given_with, Mapping) else {}
        without: Mapping[str, Any] = given_without if isinstance(given_without, Mapping) else {}
        rule = text.rule_title(str(price.get("rule")))
        how = text("fairness.exact") if price.get("exact") else text("fairness.not_proven")
        rows.append(
            f"<tr><td>{esc(rule)}</td><td class=\"num\">{esc(format_number(with_.get('matched'), text.lang))}</td>"
            f"<td class=\"num\">{esc(format_number(without.get('matched'), text.lang))}</td>"
            f"<td class=\"num\">{esc(format_number(with_.get('score_mean'), text.lang))}</td>"
            f"<td class=\"num\">{esc(format_number(without.get('score_mean'), text.lang))}</td>"
            f"<td>{esc(how)}</td></tr>"
        )
        levelled = as_int(price.get("levelled_down"))
        if levelled:
            warnings.append(text("fairness.levelled", rule=rule, count=levelled))
    head = "".join(f'<th{" class=num" if k in ("with", "without", "score_with", "score_without") else ""}>'
                   f'{esc(text("fairness.col." + k))}</th>'
                   for k in ("rule", "with", "without", "score_with", "score_without", "how"))
    alert = "".join(f'<div class="alert">⚠ {esc(w)}</div>' for w in warnings)
    return (f'<section class="card"><h2>{esc(text("fairness.title"))}</h2>'
            f'<p class="caption">{esc(text("fairness.caption"))}</p>{alert}'
            f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div></section>')


def _change_words(change: object, text: Text) -> str:
    key = f"change.{change}"
    return text(key) if text.words.has(f"report.{key}") else str(change)


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
            f"<td>{esc(text.detail(reason) if isinstance(reason, str | Mapping) else '')}</td></tr>"
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
    shown = text.status_badge(status)
    eyebrow = " · ".join(p for p in (program_label, text("report")) if p)
    seconds = as_float(summary.get("solve_seconds"))
    solver_bits = [f"{text('solver')}: {summary.get('solver') or '–'}"]
    if seconds is not None:
        solver_bits.append(f"{text('solve_time')} {format_number(seconds, lang, 2)}\u00a0s")
    return (
        '<header class="band"><div class="wrap">'
        f'<div class="eyebrow">{esc(eyebrow)}</div>'
        f"<h1>{esc(summary.get('scenario') or text('report'))}</h1>"
        f'<div class="meta"><span><span class="badge {badge}">{esc(shown)}</span> '
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
    lang: Lang = "en",
) -> str:
    """One self-contained HTML page (inline CSS and SVG, no scripts, no network) for a run.

    `pairs` has the giver id and the taker id as its first two columns (whatever they are
    called), then `score` and `reasons`; `unmatched` has `id, role, reason`; `summary` is the
    run summary (docs/). Every word comes from the catalogue in `lang`. Missing or None values
    are shown as '–', empty frames as a short sentence, so every run renders.
    """
    roles = summary.get("roles") or {}
    program = summary.get("program")
    if program not in ("mentorship", "trainee"):
        program = PROGRAM_OF_ROLE.get(str(roles.get("giver") or ""), "mentorship")
    text = Text(lang, str(program), ("report",))
    kpis: Mapping[str, Any] = summary.get("kpis") or {}
    constraints = rows_of(summary.get("constraints"))
    violated = [text.rule_title(str(c.get("name"))) for c in constraints if _broken(c)]
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
        rate_plot(kpis, text),
        split_plot(kpis, text) if program == "trainee" else "",
        '<div class="grid2">',
        admin_plot(kpis, text),
        band_plot(kpis, text),
        "</div>",
        '<div class="grid2">',
        plot_card(hist_title, text("plot.hist.caption"),
                   svg_histogram(_score_values(pairs), text=text, title=hist_title)),
        _levels_section(summary, text),
        "</div>",
        _fairness_section(summary, text),
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

