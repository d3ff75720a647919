"""A detector of English left in an output that should be Swedish.

The vocabulary it looks for is built from the catalogue itself, so it grows with every entry:
every word of an English text that occurs in no Swedish text, plus common English words
(function words and the domain's everyday words). Before looking, it takes out what is data,
not language: person and cohort ids, numbers, file paths and YAML keys, status codes, rule
names, administrations, bands, and the data values a test names (scenario names, units,
topics). HTML is reduced to what a reader meets: the text, `title` and `aria-label`
attributes; styles, scripts and `<code>` (identifiers) are left out.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import ClassVar

from constraints import REGISTRY
from matcher.i18n import catalogue
from matcher.solvers.registry import BACKENDS

#: Common English words a Swedish output must not contain (those that are also Swedish words in
#: the catalogue, such as "per", "status" or "under", are taken out below).
COMMON_ENGLISH = frozenset(re.findall(r"\w+", """
the and of with not every which matched is are was were be been being this that these those to for from
at on or no yes any each than then there their they them it its has have had will would can could should
may must more most less least only also into out over without within between after before because if
else when where who what why how an as so do does did none one two three new still yet again same other
another pair pairs people person mentor mentors adept adepts supervisor supervisors trainees rule rules hard
soft preference preferences points score scores mean lowest highest rate share level levels proven best
solver time limit total solve solved run runs years year place places capacity unmatched matching match
matches recruit recruits cohort published report page generated objective bound gap note error internal
bug interrupted sweep point baseline stranded dropout leaving joining kept moved ended verification fewest
holds off left right by your you our we all
"""))

#: Words that are data or names in any language: the product, tools, units of the trade.
NAMES = frozenset(re.findall(r"\w+", """
matcher gbg dask pareto sha utc csv html json yaml xlsx parquet pyarrow pip install highs mip scip cp sat
lagrangian flow network debug lvu bbic mi vt ht id
"""))

STATUS_CODES = ("NO_SOLUTION", "NO SOLUTION", "NO_MENTORS_LEFT", "INFEASIBLE", "FEASIBLE", "OPTIMAL")
ADMINISTRATIONS = ("Nordost", "Centrum", "Hisingen", "Sydväst", "Sydvast")
BANDS = ("Ny", "Van", "Erfaren")

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Code and paths: anything with a slash, underscore, dot between letters, '=', or a --flag.
_CODE = re.compile(r"\S*[/\\_=]\S*|\S+\.[A-Za-z]\w*\S*|--[\w-]+|`[^`]*`")
_ID = re.compile(r"\b[A-ZÅÄÖ]+[-]?\d+[\w-]*\b|\b[0-9a-f]{12,}\b")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _words(text: str) -> list[str]:
    text = _CODE.sub(" ", _PLACEHOLDER.sub(" ", text))
    return [w.lower() for w in _WORD.findall(text)]


@functools.cache
def vocabularies() -> tuple[frozenset[str], frozenset[str]]:
    """(English-only words of the catalogue, every Swedish word of the catalogue)."""
    english: set[str] = set()
    swedish: set[str] = set()
    for entry in catalogue().values():
        english.update(_words(entry.en))
        swedish.update(_words(entry.sv))
    return frozenset(english - swedish), frozenset(swedish)


def english_vocabulary() -> frozenset[str]:
    only, swedish = vocabularies()
    return only | (COMMON_ENGLISH - swedish)


class _Visible(HTMLParser):
    """What a reader meets on a page: text, plus `title` and `aria-label` attributes."""

    SKIP: ClassVar[frozenset[str]] = frozenset({"style", "script", "code"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    parser.close()
    return "\n".join(parser.parts)


@dataclass(frozen=True)
class Hit:
    word: str
    context: str

    def __str__(self) -> str:
        return f"{self.word!r} in …{self.context}…"


def english_left(text: str, data: Iterable[str] = ()) -> list[Hit]:
    """The English words in `text` (terminal lines, or `visible_text` of a page), with context.

    `data` are values to take out first (scenario names, units, topics, names of files): they
    are whatever the user wrote, in whatever language.
    """
    # Paths and code first: taking a data value out of the middle of a path would break it up
    # (".../pool/out/pool-plan-2026..." left "-plan-" behind as a word).
    def without_code(value: str) -> str:
        return "\n".join(_CODE.sub(" ", line) for line in value.splitlines())

    cleaned = without_code(text)
    values = {without_code(d).strip() for d in data if d and d.strip()}  # the same treatment, so they still match
    for value in sorted({v for v in values if v}, key=len, reverse=True):
        if value in cleaned:  # whole words only: a unit "Mottagning" must not hide "Mottagningar"
            cleaned = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", cleaned)
    for code in STATUS_CODES:
        cleaned = cleaned.replace(code, " ")
    # Rule names and back-end names are identifiers (the scenario file's keys, `solver.backend`).
    for name in sorted((*REGISTRY, *BACKENDS), key=len, reverse=True):
        cleaned = re.sub(rf"\b{re.escape(name)}\b", " ", cleaned)
    cleaned = _ID.sub(" ", cleaned)
    vocabulary = english_vocabulary()
    skip = NAMES | {b.lower() for b in (*ADMINISTRATIONS, *BANDS)}
    hits = []
    for line in cleaned.splitlines():
        for word in _words(line):
            base = word.split("'")[0].split("’")[0]
            if len(base) > 1 and base not in skip and (word in vocabulary or base in vocabulary):
                hits.append(Hit(word, line.strip()[:120]))
    return hits


def data_values(*frames: object) -> set[str]:
    """Every text cell of the given tables (people files: units, positions, topics, ...)."""
    values: set[str] = set()
    for frame in frames:
        for column in getattr(frame, "columns", []):
            for cell in frame[column].dropna().astype(str):  # type: ignore[index]
                values.add(cell.strip())
                values.update(part.strip() for part in re.split(r"[;,]", cell) if part.strip())
    return {v for v in values if v and not set(v) <= set(string.digits + ".,- ")}
