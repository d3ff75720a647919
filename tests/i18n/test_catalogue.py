"""The language catalogue: every entry in both languages, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from matcher.i18n import LANGS, CatalogueError, Msg, catalogue, format_number, say

#: The programme's role words (matcher.i18n.role_words): filled from the programme, not from the
#: caller's values, so each language picks the form its grammar needs ("the mentor's band" /
#: "nivån hos mentorn").
ROLE_FIELDS = {f"{side}{plural}" for side in ("giver", "taker", "Giver", "Taker") for plural in ("", "s")} | {
    f"{the}_{side}" for the in ("the", "The") for side in ("giver", "taker")
}


def _fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_role_fields_are_the_ones_role_words_fills() -> None:
    from matcher.i18n import role_words

    assert set(role_words("sv", "mentorship")) == ROLE_FIELDS


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_entry_has_every_language_with_the_same_placeholders(key: str) -> None:
    entry = catalogue()[key]
    texts = {lang: entry.text(lang) for lang in LANGS}
    assert all(text.strip() for text in texts.values()), f"{key}: a language is empty"
    fields = {lang: _fields(text) - ROLE_FIELDS for lang, text in texts.items()}
    assert fields["sv"] == fields["en"], f"{key}: placeholders differ {fields}"


def test_an_unknown_key_is_an_error_not_the_key_itself() -> None:
    with pytest.raises(CatalogueError):
        say("no.such.key", "sv")


def test_numbers_follow_the_language() -> None:
    assert format_number(0.05, "en", ".0%") == "5%"
    assert format_number(0.05, "sv", ".0%") == "5\u00a0%"
    assert format_number(1234.5, "sv", ",.1f") == "1\u00a0234,5"
    assert format_number(1234.5, "en", ",.1f") == "1,234.5"


def test_roles_fill_in_per_programme() -> None:
    assert say("role.supervisor.many", "sv") == "handledare"
    message = Msg("role.adept.the")
    assert Msg.from_json(message.to_json()) == message
    assert message.render("sv") == "adepten"
