"""`say` parses each template once and fills plain fields itself (`matcher.i18n.core._parsed`):
it must give exactly what `string.Formatter.vformat` gives, in every language and programme,
whatever the values, and never a text rendered earlier with other values."""

from __future__ import annotations

import string
from typing import Any

import pytest

from matcher.i18n import LANGS, CatalogueError, Msg, T, catalogue, core, say
from matcher.i18n.core import _formatter, _parsed, _role_words


def _value(spec: str, turn: int) -> Any:
    """A value the field's spec accepts; `turn` picks among the kinds a message carries."""
    if spec.endswith("d") or spec.endswith("n"):
        return [7, -1234567][turn % 2]
    if spec:
        return [0.4567, -1234.5, 3, float("nan")][turn % 4]
    return ["Erfaren", 1234, -2.5, Msg("gender.woman"), ["a", Msg("gender.man"), 2], True, None][turn % 7]


def _by_vformat(key: str, lang: Any, program: str | None, values: dict[str, Any]) -> str:
    template = catalogue()[key].text(lang)
    fields = _role_words(lang, program) if program is not None and "{" in template else {}
    return _formatter(lang, program).vformat(template, (), {**fields, **values})


@pytest.mark.parametrize("turn", range(4))
def test_every_entry_renders_as_vformat_does(turn: int) -> None:
    role_names = set(_role_words("en", "mentorship"))
    for key, entry in catalogue().items():
        specs: dict[str, str] = {}
        for text in (entry.sv, entry.en):
            for _, name, spec, _ in string.Formatter().parse(text):
                if name and (name not in role_names or spec):  # `{givers:,}`: a count given, not the role
                    specs[name] = specs.get(name) or spec or ""  # a spec in either language decides the kind
        values = {name: _value(spec, turn + i) for i, (name, spec) in enumerate(sorted(specs.items()))}
        for lang in LANGS:
            for program in ("mentorship", "trainee"):
                assert say(key, lang, program, **values) == _by_vformat(key, lang, program, values), (key, lang)


def test_the_same_sentence_with_other_values_or_languages_is_not_reused() -> None:
    key = "rule.pair_scores.pair"
    first = say(key, "en", "mentorship", score=97, points=97)
    assert say(key, "en", "mentorship", score=12, points=24) != first
    assert "12" in say(key, "en", "mentorship", score=12, points=24)
    assert say(key, "sv", "mentorship", score=97, points=97) != first
    assert say(key, "en", "mentorship", score=97, points=97) == first
    # A float and an int that are equal as keys format differently in Swedish.
    assert format(1.5, "") != format(2, "")
    assert say("text.verbatim", "sv", None, text=1.5) == "1,5"
    assert say("text.verbatim", "en", None, text=1.5) == "1.5"


def test_a_value_given_wins_over_a_role_word_and_a_missing_one_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    entries = {**catalogue(), "test.roles": T(sv="{giver} {x:.1f}", en="{giver} {x:.1f}")}
    monkeypatch.setattr(core, "catalogue", lambda: entries)
    assert say("test.roles", "en", "mentorship", x=2) == "mentor 2.0"
    assert say("test.roles", "sv", "trainee", x=2) == f"{_role_words('sv', 'trainee')['giver']} 2,0"
    assert say("test.roles", "en", "mentorship", x=2, giver="G") == "G 2.0"
    with pytest.raises(CatalogueError, match="'x'"):
        say("test.roles", "en", "mentorship")


@pytest.mark.parametrize("template", ["{0} and {x}", "{x!r}", "{x[0]}", "{x:{w}}", "{}"])
def test_fields_beyond_a_plain_name_go_through_vformat(template: str) -> None:
    assert _parsed(template) is None


def test_literal_braces_and_specs_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    entries = {**catalogue(), "test.braces": T(sv="a {{b}} {c:.1%} d", en="a {{b}} {c:.1%} d")}
    monkeypatch.setattr(core, "catalogue", lambda: entries)
    assert _parsed("a {{b}} {c:.1%} d") is not None
    assert say("test.braces", "en", None, c=0.25) == "a {b} 25.0% d"
    assert say("test.braces", "sv", None, c=0.25) == "a {b} 25,0\u00a0% d"
