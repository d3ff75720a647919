"""The catalogue's machinery: entries, messages, language-aware formatting, role words.

Kept free of the engine's imports (numpy, pandas) so that every module, the constraint
modules included, can import it cheaply.
"""

from __future__ import annotations

import functools
import importlib
import math
import os
import pkgutil
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast, get_args

Lang = Literal["sv", "en"]
#: Every language the catalogue carries; Swedish first: it is the coordinator's language.
LANGS: tuple[Lang, ...] = cast("tuple[Lang, ...]", get_args(Lang))
#: The language when nothing asks for another (`MATCHER_LANG` in the environment overrides it).
DEFAULT_LANG: Lang = "en"


class CatalogueError(LookupError):
    """A key the catalogue does not have, or an entry that breaks the catalogue's rules."""


@dataclass(frozen=True)
class T:
    """One catalogue entry: the same sentence in each language, with the same placeholders."""

    sv: str
    en: str

    def text(self, lang: Lang) -> str:
        return self.sv if lang == "sv" else self.en


def default_lang(explicit: str | None = None) -> Lang:
    """The language asked for: explicit, else `MATCHER_LANG`, else DEFAULT_LANG."""
    for candidate in (explicit, os.environ.get("MATCHER_LANG")):
        if candidate:
            folded = candidate.strip().lower()[:2]
            if folded in LANGS:
                return cast(Lang, folded)
    return DEFAULT_LANG


@functools.cache
def catalogue() -> dict[str, T]:
    """Every entry, from every module in `matcher.i18n.texts`; a key defined twice is an error."""
    import matcher.i18n.texts as package

    found: dict[str, T] = {}
    owner: dict[str, str] = {}
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        texts: Mapping[str, T] = getattr(module, "TEXTS", {})
        for key, entry in texts.items():
            if key in found:
                raise CatalogueError(f"key {key!r} is defined in both {owner[key]} and {module_info.name}")
            found[key] = entry
            owner[key] = module_info.name
    return found


def _entry(key: str) -> T:
    try:
        return catalogue()[key]
    except KeyError:
        raise CatalogueError(f"no catalogue entry {key!r}") from None


# -- numbers ------------------------------------------------------------------------------------


def _swedish_number(text: str) -> str:
    """'1,234.5' -> '1 234,5' (non-breaking space for thousands), '-' -> '−'."""
    swapped = text.replace(",", "\u00a0").replace(".", ",")
    return swapped.replace("-", "\u2212") if swapped.startswith("-") else swapped


def format_number(value: float | int, lang: Lang, spec: str = "") -> str:
    """A number with a Python format spec, in the language's convention.

    English is exactly Python's `format(value, spec)`; Swedish uses a decimal comma, a space
    before '%' and a non-breaking space between thousands.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return "–"
    text = format(value, spec)
    if lang == "en":
        return text
    if text.endswith("%"):
        return _swedish_number(text[:-1]) + "\u00a0%"
    return _swedish_number(text)


def format_percent(value: float, lang: Lang, digits: int = 0) -> str:
    """A share (0.05) as a percentage: '5%' / '5 %'."""
    return format_number(value, lang, f".{digits}%")


# -- roles -----------------------------------------------------------------------------------------

_GIVER = {"mentorship": "mentor", "trainee": "supervisor"}
_TAKER = {"mentorship": "adept", "trainee": "trainee"}


def role_words(lang: Lang, program: str | None) -> dict[str, str]:
    """`{giver}`, `{givers}`, `{the_giver}`, `{Giver}`, `{Givers}` and the same for taker."""
    return dict(_role_words(lang, program))


@functools.cache
def _role_words(lang: Lang, program: str | None) -> dict[str, str]:
    """role_words, made once per language and programme (the catalogue is read once too): every
    sentence with a field asked for them, six sentences each: 0.45 s of a 3,000-pair run under the
    profiler."""
    if program is None:
        return {}
    words: dict[str, str] = {}
    for side, role in (("giver", _GIVER.get(program)), ("taker", _TAKER.get(program))):
        if role is None:
            continue
        one = say(f"role.{role}.one", lang)
        many = say(f"role.{role}.many", lang)
        the = say(f"role.{role}.the", lang)
        words |= {
            side: one,
            f"{side}s": many,
            f"the_{side}": the,
            side.capitalize(): one[:1].upper() + one[1:],
            f"{side.capitalize()}s": many[:1].upper() + many[1:],
            f"The_{side}": the[:1].upper() + the[1:],
        }
    return words


# -- messages ------------------------------------------------------------------------------------


class _Formatter(string.Formatter):
    def __init__(self, lang: Lang, program: str | None) -> None:
        self.lang = lang
        self.program = program

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Msg):
            return value.render(self.lang, self.program)
        if isinstance(value, bool) or value is None:
            return str(value)
        if isinstance(value, int | float):
            return format_number(value, self.lang, format_spec)
        if isinstance(value, list | tuple):
            return ", ".join(self.format_field(item, format_spec) for item in value)
        return format(value, format_spec)


@functools.cache
def _formatter(lang: Lang, program: str | None) -> _Formatter:
    """One formatter per language and programme: it holds nothing else."""
    return _Formatter(lang, program)


_PARSER = string.Formatter()
#: A template cut into (literal text, field name or None, format spec): see `_parsed`.
_Parts = tuple[tuple[str, str | None, str], ...]


@functools.cache
def _parsed(template: str) -> _Parts | None:
    """`template` parsed once (the catalogue's sentences are few, their renders many: 11,600 at
    300 x 450, where `string.Formatter.vformat` re-parsing each was the largest cost of reading
    the answer back). None when a field is more than a plain `{name}` or `{name:spec}` (an index,
    an attribute, a conversion, a nested spec, an automatic number): `vformat` does those."""
    parts: list[tuple[str, str | None, str]] = []
    for literal, name, spec, conversion in _PARSER.parse(template):
        if name is not None and (not name.isidentifier() or conversion is not None or "{" in (spec or "")):
            return None
        parts.append((literal, name, spec or ""))
    return tuple(parts)


def say(key: str, lang: Lang, program: str | None = None, /, **values: Any) -> str:
    """The catalogue's sentence `key` in `lang`, with `values` (and the programme's roles) filled in."""
    template = _entry(key).text(lang)
    fields = _role_words(lang, program) if program is not None and "{" in template else {}
    formatter = _formatter(lang, program)
    parts = _parsed(template)
    try:
        if parts is None:
            return formatter.vformat(template, (), {**fields, **values})
        # What vformat does for plain fields (a value given wins over a role word of that name).
        out: list[str] = []
        for literal, name, spec in parts:
            out.append(literal)
            if name is not None:
                value = values[name] if name in values else fields[name]
                # A plain string without a spec is itself (format(text, "") is text): most fields.
                out.append(value if type(value) is str and not spec else formatter.format_field(value, spec))
        return "".join(out)
    except (KeyError, IndexError) as exc:
        raise CatalogueError(f"catalogue entry {key!r} needs the value {exc}") from None


@dataclass(frozen=True)
class Msg:
    """A sentence decided now and shown later: a catalogue key and its values.

    Values are plain JSON values, other Msgs, or lists of them, so a Msg is stored in
    summary.json as `{"key": ..., "values": {...}}` and rendered in any language later.
    """

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: Lang, program: str | None = None) -> str:
        return say(self.key, lang, program, **dict(self.values))

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "values": {k: _value_to_json(v) for k, v in self.values.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Msg:
        return cls(str(data["key"]), {str(k): _value_from_json(v) for k, v in dict(data.get("values") or {}).items()})


def _value_to_json(value: Any) -> Any:
    if isinstance(value, Msg):
        return {"msg": value.to_json()}
    if isinstance(value, list | tuple):
        return [_value_to_json(v) for v in value]
    return value


def _value_from_json(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"msg"}:
        return Msg.from_json(value["msg"])
    if isinstance(value, list):
        return [_value_from_json(v) for v in value]
    return value


class Words:
    """`say` bound to one language and programme: `w = Words("sv", "mentorship"); w("kpi.matched")`."""

    def __init__(self, lang: Lang, program: str | None = None) -> None:
        self.lang: Lang = lang
        self.program = program

    def __call__(self, key: str, **values: Any) -> str:
        return say(key, self.lang, self.program, **values)

    def msg(self, message: Msg) -> str:
        return message.render(self.lang, self.program)

    def has(self, key: str) -> bool:
        return key in catalogue()
