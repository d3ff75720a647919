"""Every word a person reads, in Swedish and English, from one catalogue.

Terminal lines and errors, rule titles and details, pair reasons, the pages and the workbook
all take their words from here, so `--lang sv` is Swedish throughout and a sentence is written
once per language. The catalogue is plain Python (`matcher/i18n/texts/*.py`, one module per
area, each a `TEXTS` mapping of key -> `T(sv=..., en=...)`): typed, greppable, and checked by
the test suite (every key has both languages, the same placeholders, and is used).

A sentence that is decided now and shown later (a rule's explanation of a pair, a verdict in
summary.json) is a `Msg`: a key and its values, rendered in whichever language is asked for.

Placeholders are Python format fields. Numbers follow the language: `{rate:.0%}` gives "5%"
in English and "5 %" in Swedish, `{mean:.1f}` gives "71.8" and "71,8". The programme's roles
fill `{giver}`, `{givers}`, `{the_giver}`, `{Giver}`, `{Givers}` and the same for `taker`
(mentor/adept, or supervisor/trainee, in the language asked for).
"""

from matcher.i18n.core import (
    DEFAULT_LANG,
    LANGS,
    CatalogueError,
    Lang,
    Msg,
    T,
    Words,
    catalogue,
    default_lang,
    format_number,
    format_percent,
    role_words,
    say,
)

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "CatalogueError",
    "Lang",
    "Msg",
    "T",
    "Words",
    "catalogue",
    "default_lang",
    "format_number",
    "format_percent",
    "role_words",
    "say",
]
