"""The steering group's comparison page (compare.html): one self-contained HTML file.

Inline CSS and SVG, no scripts, no network. Aggregates only: scenario names, counts, rates and
rules; every reason text passes through `redactor`, so neither a person id nor a name reaches
the page. The comparison itself is `matcher.whatif.compare`; the bar charts are in
`matcher.whatif.compare_charts`; every word is in the catalogue (`compare.*`, then the run
report's `report.*` and the shared `pages.*`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from constraints import Constraint
from matcher import __version__
from matcher.html import (
    CSS,
    HEAT_HIGH,
    HEAT_LOW,
    OKABE_ITO,
    SplitRow,
    Text,
    esc,
    format_number,
    format_percent,
    format_timestamp,
    mix_colours,
    svg_split_bars,
)
from matcher.i18n import Lang, Msg
from matcher.whatif.compare import (
    Comparison,
    Outcome,
    _constraints,
    _counts,
    _rule_order,
    redactor,
    scenario_letters,
)
from matcher.whatif.compare_charts import admin_chart, band_chart, cross_and_score, gender_chart, short

__all__ = ["ComparePage", "render_comparison"]

#: One colour per scenario (Okabe-Ito, as the run report), then grey shades.
SCENARIO_COLOURS = (
    OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["green"], OKABE_ITO["vermillion"],
    OKABE_ITO["purple"], OKABE_ITO["sky_blue"], "#555555", "#8a96a3",
)
MAX_REASONS = 8  # distinct reasons a scenario has no matching, shown on the page

_PAGE_CSS = """
.scen{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:14px;margin-bottom:22px}
.scen .kpi{border-top:5px solid var(--c)}
.scen .name{font-weight:700;font-size:15px;line-height:1.3;margin:2px 0 6px}
.scen .letter{display:inline-block;width:24px;height:24px;border-radius:6px;background:var(--c);color:#fff;
text-align:center;font-weight:700;line-height:24px;margin-right:8px;font-size:14px}
.scen .file{font-size:12px;color:var(--muted);font-family:ui-monospace,Menlo,Consolas,monospace}
.scen .line{font-size:13px;color:var(--ink);margin-top:2px}
.scen .failed{color:var(--bad);font-size:13px;margin-top:6px}
.scen .value .badge{font-size:10.5px;vertical-align:middle;padding:2px 8px;letter-spacing:.04em}
.scen .keeps{margin-top:6px;font-weight:600}
.badge.bad{background:var(--bad);color:#fff}
.delta{display:block;font-size:11.5px;font-weight:600;color:var(--muted)}
.delta.up{color:#007a5a}.delta.down{color:var(--bad)}
th.sc,td.sc{text-align:center}
th.sc .letter{display:inline-block;min-width:22px;border-radius:5px;background:var(--c);color:#fff;padding:0 6px;
margin-bottom:3px}
th.sc .sub{display:block;text-transform:none;letter-spacing:0;font-weight:600;color:var(--ink);font-size:12px;
max-width:22ch;margin:0 auto;line-height:1.25}
td.big{font-size:16px;font-weight:700;font-variant-numeric:tabular-nums}
td.mark{text-align:center;font-size:13px}
td.mark .yes,td.mark .no{font-size:18px;display:block;line-height:1.1}
td.mark .what{display:block;color:var(--muted);font-size:11.5px;line-height:1.3;max-width:28ch;margin:2px auto 0}
td.mark.changed{background:#fff6dd !important}
td.mark.changed .what{color:#6b4e00;font-weight:600}
td.mark .kind{font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
td.off{color:#9aa5b1;font-style:italic;text-align:center}
td.cell{text-align:center;font-variant-numeric:tabular-nums;font-weight:600}
td.cell.diff{outline:2px solid #E69F00;outline-offset:-3px}
.rulename{font-weight:600}.rulekey{display:block;font-size:12px;color:var(--muted)}
.failed-list li{margin:0 0 10px}
.chip.rule{background:#fdecea;color:var(--bad)}
"""



class ComparePage:
    """Everything the page's sections share: words, scenario letters and colours."""

    def __init__(self, comparison: Comparison, lang: Lang) -> None:
        self.c = comparison
        self.lang: Lang = lang
        self.text = Text(lang, comparison.program, ("compare", "report"))
        self.letters = scenario_letters(len(comparison.outcomes))
        self.colours = {
            letter: SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)] for i, letter in enumerate(self.letters)
        }
        self.redact = redactor(comparison.baseline.scenario)

    def words(self, **overrides: str) -> Text:
        """This page's words with some labels replaced (a chart's own axis title)."""
        return self.text.but(**overrides)

    def k(self, outcome: Outcome, key: str) -> Any:
        return outcome.result.kpis.get(key) if outcome.result is not None else None


def _header(page: ComparePage) -> str:
    t, c = page.text, page.c
    base = c.baseline
    k = next((o.result.kpis for o in c.outcomes if o.result is not None), None)
    inst_counts = (k["givers"], k["takers"]) if k is not None else _counts(base.scenario)
    program = t(f"program.{c.program}")
    headline = t("headline", n=len(c.outcomes), givers_n=format_number(inst_counts[0], page.lang),
                 takers_n=format_number(inst_counts[1], page.lang))
    meta = [
        f"<span>{esc(t('baseline_is', letter=page.letters[0], name=base.name))}</span>",
        f"<span>{esc(t('generated'))} {esc(format_timestamp(datetime.now(UTC).isoformat(timespec='seconds')))}</span>",
    ]
    return (
        '<header class="band"><div class="wrap">'
        f'<div class="eyebrow">{esc(program)} · {esc(t("page"))}</div>'
        f"<h1>{esc(headline)}</h1>"
        f'<div class="meta">{"".join(meta)}</div>'
        "</div></header>"
    )


def _badge(page: ComparePage, status: str) -> str:
    klass = {"OPTIMAL": "ok", "FEASIBLE": "warn"}.get(status, "bad")
    return (f'<span class="badge {klass}" title="{esc(page.text.status_words(status))}">'
            f"{esc(page.text.status_badge(status))}</span>")


def _scenario_cards(page: ComparePage) -> str:
    t, lang = page.text, page.lang
    cards = []
    for i, (outcome, letter) in enumerate(zip(page.c.outcomes, page.letters, strict=True)):
        file = outcome.scenario.path.name if outcome.scenario.path is not None else ""
        head = (f'<div class="name"><span class="letter">{esc(letter)}</span>{esc(outcome.name)}</div>'
                f'<div class="file">{esc(file)}</div>')
        if outcome.result is None:
            titles = " + ".join(t.rule_title(r) for r in sorted({r for rs in outcome.rules for r in rs}))
            body = (f'<div class="value">–</div>{_badge(page, outcome.status)} '
                    f'<span class="sub">{esc(t.status_words(outcome.status))}</span>'
                    f'<div class="failed">{esc(t("card.failed", rules=titles or "–"))}</div>')
        else:
            k = outcome.result.kpis
            diff = page.c.differences.get(outcome.name)
            base = page.c.baseline.result
            if i == 0:
                diff_line = t("card.baseline")
            elif diff is None or base is None:
                diff_line = ""
            elif diff.pairs_differing:
                diff_line = t("card.keeps", kept=diff.kept, letter=page.letters[0], total=len(base.pairs))
            else:
                diff_line = t("card.same", letter=page.letters[0])
            lines = [
                t("card.matched", matched=k["matched_takers"], total=k["takers"]),
                t("card.cross", share=format_percent(k["cross_administration_share"], lang)),
                t("card.score", mean=format_number(k["score_mean"], lang)),
            ]
            body = (
                f'<div class="value">{esc(format_percent(k["match_rate"], lang))} {_badge(page, outcome.status)}</div>'
                + "".join(f'<div class="line">{esc(line)}</div>' for line in lines)
                + f'<div class="sub keeps">{esc(diff_line)}</div>'
            )
        cards.append(f'<div class="kpi" style="--c:{page.colours[letter]}">{head}{body}</div>')
    return f'<section class="scen">{"".join(cards)}</section>'


def _th_scenarios(page: ComparePage, first: str) -> str:
    heads = "".join(
        f'<th class="sc" style="--c:{page.colours[letter]}"><span class="letter">{esc(letter)}</span>'
        f'<span class="sub">{esc(short(o.name, 40))}</span></th>'
        for letter, o in zip(page.letters, page.c.outcomes, strict=True)
    )
    return f"<thead><tr><th>{esc(first)}</th>{heads}</tr></thead>"


def _delta(page: ComparePage, value: Any, base: Any, *, percent: bool = False, higher_is_better: bool | None = True,
           digits: int = 1) -> str:
    if value is None or base is None or isinstance(value, str):
        return ""
    change = float(value) - float(base)
    if abs(change) < 1e-9:
        return '<span class="delta">±0</span>'
    shown = (f"{format_number(change * 100, page.lang, 1)} {page.text('pp')}" if percent
             else format_number(change, page.lang, digits))
    sign = "+" if change > 0 else ""
    klass = "" if higher_is_better is None else ("up" if (change > 0) == higher_is_better else "down")
    return f'<span class="delta {klass}">{esc(sign + shown)}</span>'


def _kpi_table(page: ComparePage) -> str:
    t, lang = page.text, page.lang
    base = page.c.baseline
    rows: list[tuple[str, Callable[[Outcome], Any], Callable[[Any], str], bool, bool | None]] = [
        (t("row.matched"), lambda o: page.k(o, "matched_takers"), lambda v: format_number(v, lang), False, True),
        (t("row.match_rate"), lambda o: page.k(o, "match_rate"), lambda v: format_percent(v, lang), True, True),
        (t("row.cross"), lambda o: page.k(o, "cross_administration_share"), lambda v: format_percent(v, lang), True,
         None),
        (t("row.score_mean"), lambda o: page.k(o, "score_mean"), lambda v: format_number(v, lang), False, True),
        (t("row.score_min"), lambda o: page.k(o, "score_min"), lambda v: format_number(v, lang), False, True),
        (t("row.givers_used"), lambda o: page.k(o, "givers_used"), lambda v: format_number(v, lang), False, None),
        (t("row.gap"), lambda o: o.result.gap if o.result else None, lambda v: format_percent(v, lang, 2), False, None),
    ]
    lines = []
    for label, get, fmt, percent, better in rows:
        base_value = get(base)
        cells = []
        for i, o in enumerate(page.c.outcomes):
            value = get(o)
            delta = "" if i == 0 or label == t("row.gap") else _delta(
                page, value, base_value, percent=percent, higher_is_better=better)
            cells.append(f'<td class="sc big">{esc(fmt(value))}{delta}</td>')
        lines.append(f"<tr><td>{esc(label)}</td>{''.join(cells)}</tr>")
    statuses = "".join(f'<td class="sc">{_badge(page, o.status)}</td>' for o in page.c.outcomes)
    lines.append(f"<tr><td>{esc(t('row.status'))}</td>{statuses}</tr>")
    kept = []
    for i, o in enumerate(page.c.outcomes):
        diff = page.c.differences.get(o.name)
        base_pairs = len(base.result.pairs) if base.result is not None else 0
        value = (format_number(base_pairs, lang) if i == 0 and base.result is not None
                 else f"{format_number(diff.kept, lang)} <small>/ {format_number(base_pairs, lang)}</small>"
                 if diff is not None else "–")
        kept.append(f'<td class="sc big">{value}</td>')
    lines.append(f"<tr><td>{esc(t('row.kept', letter=page.letters[0]))}</td>{''.join(kept)}</tr>")
    priced = [_fairness_cell(page, o) for o in page.c.outcomes]
    if any(priced):
        fairness_cells = "".join(f'<td class="sc">{cell or "–"}</td>' for cell in priced)
        lines.append(f"<tr><td>{esc(t('row.fairness'))}</td>{fairness_cells}</tr>")
    seconds = "".join(
        f'<td class="sc">{esc(format_number(o.result.solve_seconds, lang, 1) if o.result else "–")}</td>'
        for o in page.c.outcomes
    )
    lines.append(f"<tr><td>{esc(t('row.seconds'))}</td>{seconds}</tr>")
    table = (f'<div class="table-scroll"><table>{_th_scenarios(page, "")}<tbody>{"".join(lines)}</tbody>'
             "</table></div>")
    return (f'<section class="card"><h2>{esc(t("table.title"))}</h2><p class="caption">'
            f'{esc(t("table.caption", letter=page.letters[0]))}</p>{table}</section>')


def _fairness_cell(page: ComparePage, outcome: Outcome) -> str:
    """What the scenario's fairness rules cost (matches, mean score) and whether one levels down:
    a levelling-down scenario is marked, never dropped."""
    if outcome.result is None or not outcome.result.fairness:
        return ""
    t, lang = page.text, page.lang
    parts = []
    for price in outcome.result.fairness:
        rule = t.rule_title(price.rule)
        if price.levelled_down:
            parts.append(f'<span class="no">⚠ {esc(t("fairness.levelled", rule=rule, count=price.levelled_down))}'
                         "</span>")
        elif price.matches_lost is not None:
            lost = price.score_lost if price.score_lost is not None else 0.0
            key = "fairness.price_gain" if lost < 0 else "fairness.price"
            parts.append(esc(t(key, rule=rule, matches=format_number(price.matches_lost, lang),
                               score=format_number(abs(lost), lang))))
    return "<br>".join(parts)


def _groups_table(page: ComparePage) -> str:
    t = page.text
    head = (f'<th>{esc(t("col.administration"))}</th><th>{esc(t("col.gender"))}</th>'
            f'<th>{esc(t("col.band"))}</th><th class="num">{esc(t("col.takers"))}</th>')
    scen = "".join(
        f'<th class="sc" style="--c:{page.colours[letter]}"><span class="letter">{esc(letter)}</span></th>'
        for letter in page.letters
    )
    matched: list[dict[tuple[str, str, str], int] | None] = [
        {(g["administration"], g["gender"], g["band"]): int(g["matched"]) for g in o.result.kpis["matched_by_group"]}
        if o.result is not None else None
        for o in page.c.outcomes
    ]
    lines = []
    for adm, gender, band, n in page.c.groups:
        cells = []
        base = matched[0].get((adm, gender, band), 0) if matched[0] is not None else None
        for i, found in enumerate(matched):
            if found is None:
                cells.append('<td class="cell">–</td>')
                continue
            m = found.get((adm, gender, band), 0)
            rate = m / n if n else 0.0
            fill = mix_colours(HEAT_LOW, HEAT_HIGH, rate) if m else "#f3f5f8"
            ink = "#ffffff" if rate > 0.55 else "#1d2733"
            klass = "cell diff" if i > 0 and base is not None and m != base else "cell"
            cells.append(f'<td class="{klass}" style="background:{fill};color:{ink}" '
                         f'title="{esc(f"{m} / {n}")}">{m}</td>')
        lines.append(f"<tr><td>{esc(adm)}</td><td>{esc(t.gender(gender))}</td><td>{esc(band)}</td>"
                     f'<td class="num">{n}</td>{"".join(cells)}</tr>')
    table = (f'<div class="table-scroll"><table><thead><tr>{head}{scen}</tr></thead>'
             f'<tbody>{"".join(lines)}</tbody></table></div>')
    return (f'<section class="card"><h2>{esc(t("groups.title"))}</h2>'
            f'<p class="caption">{esc(t("groups.caption"))}</p>{table}</section>')


def _rules_grid(page: ComparePage) -> str:
    t = page.text
    rules = _rule_order(page.c.outcomes)
    active = [{c.name: c for c in _constraints(o)} for o in page.c.outcomes]
    lines = []
    for name in rules:
        base_words = _rule_words(active[0].get(name), page)
        cells = []
        for i, (o, found) in enumerate(zip(page.c.outcomes, active, strict=True)):
            c = found.get(name)
            if c is None:
                changed = " changed" if i > 0 and base_words is not None else ""
                cells.append(f'<td class="off{changed}">{esc(t("rules.off"))}</td>')
                continue
            words = _rule_words(c, page)
            changed = " changed" if i > 0 and words != base_words else ""
            kind = t("kind.hard" if c.hard else "kind.soft")
            if o.result is None and any(name in rules for rules in o.rules):
                mark = f'<span class="no">⚠</span><span class="what">{esc(t("rules.conflict"))}</span>'
            elif o.result is None:
                mark = f'<span class="what">{esc(t("rules.unsolved"))}</span>'
            else:  # the verdict part by part: an unmet preference never reads as a broken rule
                unmet = [p for p in o.result.checks[name].part_list(c.hard) if not p.holds]
                mark = '<span class="yes">✓</span>' if not unmet else '<span class="no">✗</span>' + "".join(
                    f'<span class="what">{esc(t("rules.part.hard" if p.kind == "hard" else "rules.part.preference"))}'
                    "</span>" for p in unmet
                )
            tip = page.redact(t.detail(o.result.checks[name].detail)) if o.result is not None else ""
            cells.append(f'<td class="mark{changed}" title="{esc(tip)}">{mark}<span class="kind">{esc(kind)}</span>'
                         f'<span class="what">{esc(words)}</span></td>')
        lines.append(f'<tr><td><span class="rulename">{esc(_cap(t.rule_title(name)))}</span>'
                     f'<code class="rulekey rule">{esc(name)}</code></td>{"".join(cells)}</tr>')
    table = (f'<div class="table-scroll"><table>{_th_scenarios(page, "")}<tbody>{"".join(lines)}</tbody>'
             "</table></div>")
    return (f'<section class="card"><h2>{esc(t("rules.title"))}</h2>'
            f'<p class="caption">{esc(t("rules.caption"))}</p>{table}</section>')


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _rule_words(constraint: Constraint | None, page: ComparePage) -> str | None:
    """What the rule asks in a scenario, in words, with any person id taken out."""
    if constraint is None:
        return None
    try:
        words = constraint.describe().render(page.lang, page.c.baseline.scenario.program)
    except Exception:  # a rule that cannot describe itself still gets its row
        words = constraint.name
    return page.redact(words)


_DIFF_SERIES = ("same", "changed", "lost", "gained", "neither")
_DIFF_COLOURS = {
    "same": "#8a96a3", "changed": OKABE_ITO["blue"], "lost": OKABE_ITO["vermillion"],
    "gained": OKABE_ITO["green"], "neither": "#56606c",
}


def _diff_section(page: ComparePage) -> str:
    t = page.text
    base_letter = page.letters[0]
    rows = []
    notes = []
    for letter, o in zip(page.letters[1:], page.c.outcomes[1:], strict=True):
        diff = page.c.differences.get(o.name)
        if diff is None:
            status = page.c.baseline.status if page.c.baseline.result is None else o.status
            notes.append(t("diff.unsolved", letter=letter, status=t.status_words(status)))
            continue
        counts = {
            "same": diff.kept,  # a taker has one partner, so a kept pair's taker did not change
            "changed": len(diff.partner_changed),
            "lost": len(diff.no_longer_matched),
            "gained": len(diff.newly_matched),
            "neither": diff.unmatched_in_both,
        }
        rows.append(SplitRow(t("diff.row", letter=letter, base=base_letter), counts))
        notes.append(t("diff.summary", letter=letter, count=diff.pairs_differing, base=base_letter,
                       removed=len(diff.removed), added=len(diff.added)))
    labels = {s: t(f"diff.{s}") for s in _DIFF_SERIES}
    title = t("diff.title")
    svg = (svg_split_bars(rows, list(_DIFF_SERIES), colours=_DIFF_COLOURS, series_labels=labels, text=t,
                          title=title) if rows else f'<p class="empty">{esc(t("diff.none"))}</p>')
    items = "".join(f"<li>{esc(n)}</li>" for n in notes)
    return (f'<section class="card"><h2>{esc(title)}</h2><p class="caption">'
            f'{esc(t("diff.caption", letter=base_letter))}</p>{svg}<ul class="stats">{items}</ul></section>')


def _failed_section(page: ComparePage) -> str:
    t = page.text
    failed = [(letter, o) for letter, o in zip(page.letters, page.c.outcomes, strict=True) if not o.solved]
    if not failed:
        return ""
    items = []
    for letter, o in failed:
        # One line per distinct reason once people are taken out: 40 adepts without a mentor
        # for the same cause read as one line with "× 40", not 40 lines.
        distinct: dict[tuple[tuple[str, ...], str], int] = {}
        for reason, rules in zip(o.reasons, o.rules, strict=True):
            said = reason.render(page.lang, o.scenario.program) if isinstance(reason, Msg) else str(reason)
            key = (tuple(t.rule_title(r) for r in rules), page.redact(said))
            distinct[key] = distinct.get(key, 0) + 1
        shown = list(distinct.items())[:MAX_REASONS]
        reasons = "".join(
            "<li>" + "".join(f'<span class="chip rule">{esc(r)}</span>' for r in rules)
            + f" {esc(msg)}" + (f" <strong>× {count}</strong>" if count > 1 else "") + "</li>"
            for (rules, msg), count in shown
        )
        if len(distinct) > len(shown):
            hidden = sum(count for _, count in list(distinct.items())[MAX_REASONS:])
            reasons += f'<li class="empty">{esc(t("failed.more", count=hidden))}</li>'
        items.append(f'<li><strong>{esc(letter)} · {esc(o.name)}</strong> {_badge(page, o.status)}'
                     f"<ul>{reasons}</ul></li>")
    return (f'<section class="card"><h2>{esc(t("failed.title"))}</h2>'
            f'<p class="caption">{esc(t("failed.caption"))}</p><ul class="failed-list">{"".join(items)}</ul>'
            "</section>")


def render_comparison(comparison: Comparison, *, lang: Lang = "en") -> str:
    """The steering group's page: one self-contained HTML file (inline CSS and SVG, no scripts).

    Aggregates only: scenario names, counts, rates and rules; every reason text passes
    through `redactor`, so neither a person id nor a name reaches the page.
    """
    page = ComparePage(comparison, lang)
    t = page.text
    failed = comparison.failed()
    alert = (f'<div class="alert">⚠ {esc(t("not_solved", count=len(failed), n=len(comparison.outcomes)))}</div>'
             if failed else "")
    body = "".join([
        _header(page),
        '<main class="wrap">',
        alert,
        _scenario_cards(page),
        _kpi_table(page),
        admin_chart(page),
        gender_chart(page),
        band_chart(page),
        cross_and_score(page),
        _rules_grid(page),
        _diff_section(page),
        _groups_table(page),
        _failed_section(page),
        "<footer>" + esc(t("footer", version=f" {__version__}",
                           generated=format_timestamp(datetime.now(UTC).isoformat(timespec="seconds"))))
        + "</footer>",
        "</main>",
    ])
    title = f"{t('page')} — {comparison.baseline.name}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}{_PAGE_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
