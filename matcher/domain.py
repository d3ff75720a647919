"""The organisation's vocabulary: administrations, genders, roles, experience bands.

Every spelling a user may type (English, Swedish, ASCII without å/ä/ö, any case) is
normalised here, in one place, so the rest of the code only sees canonical values.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from typing import Final

ADMINISTRATIONS: Final = ("Nordost", "Centrum", "Hisingen", "Sydväst")
GENDERS: Final = ("woman", "man", "non-binary", "undisclosed")
BANDS: Final = ("Ny", "Van", "Erfaren")
ROLES: Final = ("mentor", "adept", "supervisor", "trainee")

#: Which roles give and which receive, per programme.
GIVER_ROLE: Final = {"mentorship": "mentor", "trainee": "supervisor"}
TAKER_ROLE: Final = {"mentorship": "adept", "trainee": "trainee"}

# The band rule, stated once. The regional "Yrkesresan" programme gives Ny = 0-2 years and
# Van = 2-5 years, which overlap at 2 and leave 5 ambiguous. Our rule:
#     Ny: years < 2      Van: 2 <= years <= 5      Erfaren: years > 5
NY_BELOW_YEARS: Final = 2.0
VAN_UP_TO_YEARS: Final = 5.0
BAND_RULE_TEXT: Final = "Ny < 2 years <= Van <= 5 years < Erfaren"


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, trim and strip diacritics: 'Sydväst ' -> 'sydvast', 'Kön' -> 'kon'."""
    # Cached: explanations and checks fold the same few unit and administration names per pair.
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_ADMINISTRATION_ALIASES: Final = {fold(a): a for a in ADMINISTRATIONS}

_GENDER_ALIASES: Final = {
    "woman": "woman",
    "women": "woman",
    "female": "woman",
    "f": "woman",
    "w": "woman",
    "kvinna": "woman",
    "k": "woman",
    "man": "man",
    "male": "man",
    "m": "man",
    "non-binary": "non-binary",
    "nonbinary": "non-binary",
    "non binary": "non-binary",
    "other": "non-binary",
    "annan": "non-binary",
    "annat": "non-binary",
    "ickebinar": "non-binary",
    "undisclosed": "undisclosed",
    "ej angivet": "undisclosed",
    "ej angiven": "undisclosed",
    "vill ej ange": "undisclosed",
    "unknown": "undisclosed",
    "okant": "undisclosed",
}

_ROLE_ALIASES: Final = {
    "mentor": "mentor",
    "adept": "adept",
    "adeptus": "adept",
    "mentee": "adept",
    "supervisor": "supervisor",
    "handledare": "supervisor",
    "trainee": "trainee",
    "student": "trainee",
}

_BAND_ALIASES: Final = {"ny": "Ny", "new": "Ny", "van": "Van", "erfaren": "Erfaren"}

_YES: Final = {"yes", "y", "ja", "j", "true", "1", "x"}
_NO: Final = {"no", "n", "nej", "false", "0", ""}


def parse_administration(value: str) -> str | None:
    """Canonical administration name, or None when the value is not one of the four."""
    return _ADMINISTRATION_ALIASES.get(fold(value))


def parse_gender(value: str) -> str | None:
    return _GENDER_ALIASES.get(fold(value))


def parse_role(value: str) -> str | None:
    return _ROLE_ALIASES.get(fold(value))


def parse_band(value: str) -> str | None:
    return _BAND_ALIASES.get(fold(value))


def parse_yes_no(value: str) -> bool | None:
    """True/False for yes/no in English or Swedish; None when it is neither."""
    folded = fold(value)
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    return None


def band_of_years(years: float) -> str:
    """The experience band for years in the profession, by BAND_RULE_TEXT."""
    if math.isnan(years) or years < 0:
        raise ValueError(f"years must be a number >= 0, got {years!r}")
    if years < NY_BELOW_YEARS:
        return "Ny"
    if years <= VAN_UP_TO_YEARS:
        return "Van"
    return "Erfaren"


def split_list(value: str) -> list[str]:
    """Split a ';'- or ','-separated cell into trimmed, non-empty items, order kept."""
    separators_unified = value.replace(";", ",")
    return [item.strip() for item in separators_unified.split(",") if item.strip()]


def normalise_topic(topic: str) -> str:
    """Topics compare case-insensitively, spaces collapsed ('Barnsamtal ' == 'barnsamtal').

    Diacritics are kept (unlike `fold`) because topics are shown back to the coordinator.
    """
    return " ".join(unicodedata.normalize("NFC", topic).casefold().split())
