"""The comparison's KPI table as text, for `matcher compare`'s terminal.

compare.csv keeps its machine keys (`matched[Nordost] of 52`, `holds[band]`); here each row
gets its words from the catalogue (`compare.term.*`) in the language asked for, one letter
per scenario so the table fits a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from matcher.domain import GENDERS
from matcher.html import Text, format_number, format_percent
from matcher.i18n import Lang
from matcher.whatif.compare import Comparison, scenario_letters

_PERCENT_ROWS = ("match_rate", "cross_administration_share", "gap")
_MATCHED_IN = re.compile(r"^matched\[(?P<group>.*)\] of (?P<total>\d+)$")
_BRACKETED = re.compile(r"^(?P<kind>match_rate|holds)\[(?P<inner>.*)\]$")


def format_value(key: str, value: Any, lang: Lang = "en") -> str:
    """A KPI cell as a person reads it: rates as %, scores with two decimals, missing as '–'."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, bool | str):
        return str(value)
    if key.startswith(_PERCENT_ROWS):
        return format_percent(value, lang)
    if isinstance(value, int):
        return str(value)
    return format_number(value, lang, 2)


def _group(inner: str, text: Text) -> str:
    """'Nordost, woman, Ny' with the gender in words."""
    return ", ".join(text.gender(part).lower() if part in GENDERS else part for part in inner.split(", "))


def row_label(key: str, text: Text, baseline: str) -> str:
    """compare.csv's row key in words: 'matched[Nordost] of 52' -> 'adepts matched, Nordost (of 52)'."""
    if text.words.has(f"compare.term.{key}"):
        return text(f"term.{key}")
    if key.startswith("vs_baseline.") and text.words.has(f"compare.term.{key.removeprefix('vs_baseline.')}"):
        return text(f"term.{key.removeprefix('vs_baseline.')}", letter=baseline)
    matched = _MATCHED_IN.match(key)
    if matched:
        return text("term.matched_in", group=_group(matched["group"], text), total=matched["total"])
    bracketed = _BRACKETED.match(key)
    if bracketed and bracketed["kind"] == "match_rate":
        return text("term.rate_in", group=_group(bracketed["inner"], text))
    if bracketed:
        return text("term.holds", rule=text.rule_title(bracketed["inner"]))
    return key


def _cell(key: str, value: Any, text: Text) -> str:
    if key == "status" and isinstance(value, str):
        return text.status_badge(value)
    if key.startswith("holds[") and value in ("yes", "no", "off", "preference_unmet"):
        return text(f"term.{value}")
    return format_value(key, value, text.lang)


def terminal_table(comparison: Comparison, *, width: int = 14, skip: Iterable[str] = ("reasons",),
                   lang: Lang = "en") -> str:
    """The KPI table with one letter per scenario (legend above), so it fits a terminal."""
    text = Text(lang, comparison.program, ("compare",))
    letters = scenario_letters(len(comparison.outcomes))
    skipped = set(skip)
    keys = [k for k in comparison.kpis.index if k not in skipped]
    labels = {key: row_label(key, text, letters[0]) for key in keys}
    label_w = max(len(label) for label in [*labels.values(), text("term.kpi")]) + 2
    lines = [f"{letter} = {o.name}" + (f" {text('term.baseline')}" if i == 0 else "")
             for i, (letter, o) in enumerate(zip(letters, comparison.outcomes, strict=True))]
    lines.append("")
    lines.append(text("term.kpi").ljust(label_w) + "".join(letter.rjust(width) for letter in letters))
    for key in keys:
        cells = [_cell(key, comparison.kpis.at[key, name], text)[: width - 1] for name in comparison.names]
        lines.append(labels[key].ljust(label_w) + "".join(c.rjust(width) for c in cells))
    return "\n".join(lines)
