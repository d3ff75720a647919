"""The rules' and the engine's words come from the catalogue, in Swedish and English.

Every rule has a title, a one-line help and a name for sentences; every parameter a title and a
help (the workspace builds its rules form from them, without a programme: so no role words in
them). Rendered in Swedish on the example cohorts, what a rule says (its description, its verdict
part by part, each pair's reasons, each unmatched person's reason) has no English left in it.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from constraints import REGISTRY
from matcher import Scenario, solve
from matcher.catalogue import parameter_words
from matcher.errors import Conflict
from matcher.i18n import LANGS, Msg, catalogue, say

ROOT = Path(__file__).resolve().parents[2]
#: Words that show English left in a Swedish sentence (none of them is Swedish).
ENGLISH = re.compile(
    r"\b(the|of|and|with|pairs?|matched|mentors|adepts|trainees|supervisors|allowed|shared|topics?|score|"
    r"placed|placement|holds|broken|must|hold|preferred|requests?|honoured|rate|rates|eligible|room|"
    r"cohorts?|units?|administrations?|quota|choice|between|within|across|every|none|only|not)\b",
    re.IGNORECASE,
)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_rule_has_its_words_in_both_languages(name: str) -> None:
    rule = REGISTRY[name]
    for part in ("title", "help", "ref"):
        assert f"rule.{name}.{part}" in catalogue(), f"rule.{name}.{part}"
    for lang in LANGS:
        title, help_text = rule.title_in(lang), rule.help_in(lang)
        assert title != name and "_" not in title, f"{name}: the title is a code key"  # a coordinator's words
        assert help_text.endswith("."), f"{name}: the help is one sentence"
        for field in rule.params_model.model_fields:
            words = parameter_words(name, field, lang)
            assert all(w.strip() for w in words), (name, field, lang)
    # the form renders these without a programme: no role placeholders
    for key in (f"rule.{name}.title", f"rule.{name}.help",
                *(k for k in catalogue() if k.startswith(f"rule.{name}.param."))):
        for lang in LANGS:
            assert not _fields(catalogue()[key].text(lang)), key


def test_english_titles_and_help_are_what_the_rules_said() -> None:
    """The English words are the ones the code used before the catalogue, where they were fine."""
    assert REGISTRY["capacity"].title == "mentor capacity"
    assert REGISTRY["gender_balance"].title == "gender balance"
    assert REGISTRY["same_administration"].title == "placed where applied"
    assert REGISTRY["gender_balance"].title_in("sv") == "könsbalans"


def test_a_conflict_renders_in_each_language() -> None:
    conflict = Conflict(["capacity", "coverage"], Msg("rule.coverage.conflict.places", {
        "givers_count": 1, "places": 2, "takers_count": 3, "short": 1}), ["M1"], "mentorship")
    assert str(conflict) == (
        "[capacity + coverage] the 1 mentors offer 2 places for 3 adepts, and coverage says every adept must be "
        "matched: raise capacities by 1, recruit mentors, or make coverage soft (coverage: {hard: false})"
    )
    assert conflict.message == str(conflict).split("] ", 1)[1]
    swedish = conflict.text("sv")
    assert swedish.startswith("[”mentorns kapacitet” + ”alla matchas”] 1 mentorer erbjuder 2 platser för 3 adepter")
    trainee = Conflict(["coverage"], conflict.words, program="trainee")
    assert "supervisors" in trainee.message and "handledare" in trainee.render("sv")
    plain = Conflict(["locked"], "words not in the catalogue yet")
    assert plain.text("sv") == "[”låsta par”] words not in the catalogue yet"


@pytest.mark.parametrize("example", ["cohort", "trainee", "forste", "city"])
def test_what_the_rules_say_is_swedish_throughout(example: str) -> None:
    scenario = Scenario.from_yaml(ROOT / "scenarios" / example / "scenario.yaml")
    result = solve(scenario, price_fairness=False)
    program = scenario.program
    inst = scenario.instance()
    said: list[str] = []
    for rule in result.constraints:
        said.append(rule.describe().render("sv", program))
        said.append(rule.conflict_words(inst).render("sv", program))
        said += [part.render("sv", program) for part in result.checks[rule.name].part_list(rule.hard)]
    pairs, unmatched = result.tables("sv")
    said += list(pairs["reasons"]) + list(unmatched["reason"])
    # ids, administrations, units and bands are data, not words: take them out
    data = {str(v) for column in ("id", "unit", "position") if column in scenario.people
            for v in scenario.people[column]}
    leftovers = []
    for sentence in said:
        text = sentence
        for value in sorted(data, key=len, reverse=True):
            if value:
                text = text.replace(value, " ")
        leftovers += [f"{m.group(0)!r} in {sentence!r}" for m in ENGLISH.finditer(text)]
    assert not leftovers, leftovers[:10]
    # and the English tables are what a library caller reads, unchanged
    english_pairs, english_unmatched = result.tables("en")
    assert english_pairs["reasons"].tolist() == result.pairs["reasons"].tolist()
    assert english_unmatched["reason"].tolist() == result.unmatched["reason"].tolist()


def test_every_verdict_part_and_kind_has_words() -> None:
    for lang in LANGS:
        assert {say(f"rule.part.state.{s}", lang) for s in ("holds", "broken", "unmet")}.__len__() == 3
        assert say("rule.part.kind.hard", lang) != say("rule.part.kind.preference", lang)
