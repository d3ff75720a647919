"""The rules form, generated from the constraint catalogue, and what a submitted form changed.

Each rule in `constraints.REGISTRY` becomes a fieldset: on or off, hard ("must hold") or
preferred, and one control per parameter of its pydantic `params_model`: a checkbox for a
yes/no, a number input carrying the field's bounds (`ge`/`le`/`gt`/`lt`), a list of choices
for a `Literal`, and a short YAML text for anything richer (a band table, a share per
gender). Titles and help come from the language catalogue (`rule.NAME.title`,
`rule.NAME.param.FIELD.title/.help`) when present, else the rule's `title` and the field's
description. A submitted form is validated by the rule's own model, so the form and a
hand-written YAML file accept exactly the same values.
"""

from __future__ import annotations

import math
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import annotated_types
import yaml
from pydantic import ValidationError

from constraints import REGISTRY, Constraint
from matcher.errors import InvalidValue
from matcher.i18n import Msg, Words

#: Rules the form does not offer: the pair files and the decisions feed them, or only repair uses them.
NOT_IN_FORM = ("exclusions", "locked", "keep_pairs")
COMMON = ("hard", "weight", "priority")
Kind = Literal["bool", "int", "float", "choice", "yaml"]


@dataclass
class FieldSpec:
    name: str
    kind: Kind
    label: str
    help: str
    default: Any
    optional: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: list[str] = field(default_factory=list)

    def shown(self, value: Any) -> str:
        """The value as the control shows it."""
        if value is None:
            return ""
        if self.kind == "yaml":
            return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip().removesuffix("...")\
                .strip()
        if self.kind == "bool":
            return "true" if value else "false"
        return str(value)

    @property
    def bounds(self) -> str:
        low = "" if self.minimum is None else _number(self.minimum)
        high = "" if self.maximum is None else _number(self.maximum)
        return f"{low}–{high}" if (low or high) else ""


@dataclass
class RuleSpec:
    name: str
    title: str
    help: str
    fields: list[FieldSpec]
    soft_only: bool
    hard_only: bool
    always_on: bool
    needs_history: bool
    default_priority: int


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _words_or(w: Words, key: str, fallback: str) -> str:
    return w(key) if w.has(key) else fallback


def _field_kind(annotation: Any) -> tuple[Kind, bool, list[str]]:
    """(kind, may be empty, choices) for a pydantic field's annotation."""
    optional = False
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        if len(args) == 1:
            annotation, origin = args[0], typing.get_origin(args[0])
        else:
            return "yaml", optional, []
    if origin is Literal:
        return "choice", optional, [str(a) for a in typing.get_args(annotation)]
    if annotation is bool:
        return "bool", optional, []
    if annotation is int:
        return "int", optional, []
    if annotation is float:
        return "float", optional, []
    return "yaml", optional, []


def rule_specs(w: Words) -> list[RuleSpec]:
    """Every rule the form offers, in the catalogue's order."""
    specs = []
    for name, cls in REGISTRY.items():
        if name in NOT_IN_FORM:
            continue
        model = cls.params_model
        hard_field = model.model_fields["hard"]
        fixed = typing.get_args(hard_field.annotation) if typing.get_origin(hard_field.annotation) is Literal else ()
        soft_only, hard_only = fixed == (False,), fixed == (True,)
        fields = []
        for fname, info in model.model_fields.items():
            if fname == "hard":
                continue
            kind, optional, choices = _field_kind(info.annotation)
            minimum = maximum = None
            for meta in info.metadata:
                if isinstance(meta, annotated_types.Ge | annotated_types.Gt):
                    minimum = float(meta.ge if isinstance(meta, annotated_types.Ge) else meta.gt)  # type: ignore[arg-type]
                if isinstance(meta, annotated_types.Le | annotated_types.Lt):
                    maximum = float(meta.le if isinstance(meta, annotated_types.Le) else meta.lt)  # type: ignore[arg-type]
            key = f"rule.{name}.param.{fname}"
            fallback_label = (w(f"app.rules.{fname}") if fname in COMMON else (info.description or fname))
            fallback_help = w(f"app.rules.{fname}.help") if fname in COMMON else ""
            default = cls.default_priority if fname == "priority" else info.get_default(call_default_factory=True)
            fields.append(FieldSpec(
                name=fname, kind=kind, label=_words_or(w, f"{key}.title", fallback_label),
                help=_words_or(w, f"{key}.help", fallback_help), default=default, optional=optional,
                minimum=minimum, maximum=maximum, choices=choices,
            ))
        specs.append(RuleSpec(
            name=name, title=_words_or(w, f"rule.{name}.title", cls.title),
            help=_words_or(w, f"rule.{name}.help", cls.summary), fields=fields,
            soft_only=soft_only, hard_only=hard_only,
            always_on=cls.always_on, needs_history=cls.requires_history,
            default_priority=cls.default_priority,
        ))
    return specs


def effective(name: str, config: Mapping[str, Any]) -> dict[str, Any]:
    """A rule's parameters with the defaults filled in (what the rule will use)."""
    cls: type[Constraint] = REGISTRY[name]
    return dict(cls.from_config(dict(config)).params.model_dump())


def current_values(constraints: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """rule -> {"on": bool, "hard": bool, field: value} for the form, from a scenario's constraints."""
    values: dict[str, dict[str, Any]] = {}
    for name in REGISTRY:
        given = constraints.get(name)
        on = name in constraints or REGISTRY[name].always_on
        try:
            params = effective(name, given if isinstance(given, dict) else {})
        except ValidationError:
            params = effective(name, {})
        values[name] = {"on": on, **params}
    return values


def _parse(spec: FieldSpec, raw: str | None) -> tuple[Any, str | None]:
    """(value, None) or (None, the catalogue key of what is wrong); a missing value is the default."""
    text = (raw or "").strip()
    if spec.kind == "bool":
        return text in ("true", "on", "1"), None
    if not text:
        return (None if spec.optional else spec.default), None
    if spec.kind in ("int", "float"):
        try:
            number = float(text.replace(",", ".").replace("\u2212", "-"))
        except ValueError:
            return None, "app.rules.error.number"
        if not math.isfinite(number):
            return None, "app.rules.error.number"
        if spec.kind == "int":
            if not number.is_integer():
                return None, "app.rules.error.whole"
            return int(number), None
        return number, None
    if spec.kind == "choice":
        return (text, None) if text in spec.choices else (None, "app.rules.error.choice")
    try:
        return yaml.safe_load(text), None
    except yaml.YAMLError:
        return None, "app.rules.error.yaml"


#: The rules' own validation errors, in the coordinator's words: pydantic error type -> (key, limit).
_ERRORS = {
    "greater_than_equal": ("app.rules.error.min", "ge"), "greater_than": ("app.rules.error.above", "gt"),
    "less_than_equal": ("app.rules.error.max", "le"), "less_than": ("app.rules.error.below", "lt"),
    "literal_error": ("app.rules.error.choice", None), "int_from_float": ("app.rules.error.whole", None),
    "int_parsing": ("app.rules.error.whole", None), "float_parsing": ("app.rules.error.number", None),
}


def _message(error: Mapping[str, Any]) -> Msg:
    known = _ERRORS.get(str(error.get("type")))
    refused = (error.get("ctx") or {}).get("error")
    if isinstance(refused, InvalidValue):  # a rule's own check, in the catalogue's words
        return refused.words
    if known is None:  # a check whose words are not in the catalogue: pydantic's own
        return Msg("text.verbatim", {"text": str(error.get("msg"))})
    key, limit = known
    value = (error.get("ctx") or {}).get(limit) if limit else None
    return Msg(key, {"limit": value} if limit else {})


def parse_form(
    specs: list[RuleSpec], form: Mapping[str, str], old: Mapping[str, Any]
) -> tuple[dict[str, dict[str, Any]], dict[str, Msg]]:
    """The constraints a submitted form asks for, and errors by control name (catalogue keys or
    the rule's own validation message), as messages. Only values that differ from the default, or that the
    scenario already spelled out, are written: the file stays as short as the coordinator's."""
    result: dict[str, dict[str, Any]] = {}
    errors: dict[str, Msg] = {}
    for spec in specs:
        prefix = f"r.{spec.name}"
        if not spec.always_on and form.get(f"{prefix}.on") not in ("true", "on"):
            continue
        given = old.get(spec.name)
        before: dict[str, Any] = given if isinstance(given, dict) else {}
        config: dict[str, Any] = {}
        hard = False if spec.soft_only else spec.hard_only or form.get(f"{prefix}.hard", "true") == "true"
        if not (spec.soft_only or spec.hard_only) and (not hard or "hard" in before):
            config["hard"] = hard
        for f in spec.fields:
            value, problem = _parse(f, form.get(f"{prefix}.{f.name}"))
            if problem:
                errors[f"{prefix}.{f.name}"] = Msg(problem)
                continue
            if value != f.default or f.name in before:
                config[f.name] = value
        try:
            REGISTRY[spec.name].from_config(config)
        except ValidationError as exc:
            for error in exc.errors():
                where = str(error["loc"][0]) if error["loc"] else "on"
                errors.setdefault(f"{prefix}.{where}", _message(error))
        if spec.always_on and not config and spec.name not in old:
            continue
        result[spec.name] = config
    return result, errors


@dataclass(frozen=True)
class Change:
    rule: str
    what: str
    before: str
    after: str


def changes(specs: list[RuleSpec], old: Mapping[str, Any], new: Mapping[str, Any], w: Words) -> list[Change]:
    """What the new rules change, in words: a rule switched on or off, made hard or preferred, a number."""
    found: list[Change] = []
    on, off = w("app.rules.on"), w("app.rules.off")
    for spec in specs:
        was, now = spec.name in old or spec.always_on, spec.name in new or spec.always_on
        if was != now:
            found.append(Change(spec.title, w("app.rules.onoff"), on if was else off, on if now else off))
            continue
        if not now:
            continue
        before = effective(spec.name, old.get(spec.name) or {})
        after = effective(spec.name, new.get(spec.name) or {})
        if before["hard"] != after["hard"]:
            words = {True: w("app.rules.kind.hard"), False: w("app.rules.kind.soft")}
            found.append(Change(spec.title, w("app.rules.kind"), words[before["hard"]], words[after["hard"]]))
        for f in spec.fields:
            if before.get(f.name) != after.get(f.name):
                found.append(Change(spec.title, f.label, f.shown(before.get(f.name)) or "–",
                                    f.shown(after.get(f.name)) or "–"))
    return found


def one_rule_override(spec: RuleSpec, form: Mapping[str, str], old: Mapping[str, Any]
                      ) -> tuple[dict[str, Any] | None, dict[str, Msg]]:
    """The "what if" form: one rule's new settings (None: switched off), validated like the full form."""
    parsed, errors = parse_form([spec], form, old)
    return parsed.get(spec.name), errors
