"""Reading a scenario file: YAML with bounds, `extends:` followed, every key located in its own file.

`load_with_extends` returns the merged mapping, where each key came from (`Origin`: line, folder
and file, so that a problem inside an `extends:` base is reported under the base's name with the
base's line), every base file read, and the problems that do not stop reading (unknown keys: one
no longer hides the others). `setting_problems` turns pydantic's errors for the `solver:` block
and rule parameters into catalogue messages (`input.setting.*`).
"""

from __future__ import annotations

import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, NamedTuple

import yaml
from pydantic import ValidationError

from matcher.errors import InputError, InputProblem, InvalidValue
from matcher.i18n import Msg
from matcher.io.yaml_safe import MAX_YAML_BYTES, load_yaml

SCENARIO_KEYS: Final = (
    "name", "program", "people", "pair_scores", "exclusions", "locked", "extends", "solver", "constraints", "cohort",
    "history_db",
)


#: Files one scenario may chain through `extends:`: one or two in practice; the bound keeps a
#: hostile chain of thousands of files from exhausting the stack (each level is a recursive call).
MAX_EXTENDS: Final = 32


class Origin(NamedTuple):
    """Where a key of the merged scenario was written: its line, the folder its paths are relative
    to, and the file's name as problems show it."""

    line: int | None
    folder: Path
    file: str


Origins = dict[str, Origin]


def read_scenario_text(path: Path) -> str:
    """The file's text; InputError when missing, unreadable, too large or not UTF-8."""
    source = str(path)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):  # /dev/zero, a pipe
            raise InputError.single(source, None, None, Msg("input.file.not_regular"))
        size = status.st_size
        if size > MAX_YAML_BYTES:
            raise InputError.single(
                source, None, None,
                Msg("input.yaml.too_long", {"size": f"{size / 1000:.0f}", "limit": f"{MAX_YAML_BYTES / 1000:.0f}"}),
            )
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError.single(source, None, None, Msg("input.scenario.not_found")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.single(source, None, None, Msg("input.scenario.unreadable", {"reason": str(exc)})) from None


def load_with_extends(
    path: Path, chain: list[Path] | None = None, bases: list[Path] | None = None
) -> tuple[dict[str, Any], Origins, list[InputProblem]]:
    """The merged mapping, where each key (and constraints.NAME[.PARAM], solver.KEY) came from, and
    the problems that do not stop reading (unknown keys, in every file of the chain).

    `bases` receives every base file read through `extends:` (resolved), nearest first: they are
    inputs too (never written over, hashed for publish). InputError at once for what makes a file
    unreadable: syntax, bounds (`matcher.io.yaml_safe`), duplicate keys, a missing base, a cycle.
    """
    chain = chain or []
    source = str(path)
    resolved = path.resolve()
    if resolved in chain:
        cycle = " -> ".join(str(p) for p in [*chain, resolved])
        raise InputError.single(source, None, "extends", Msg("input.scenario.extends_cycle", {"cycle": cycle}))
    data, node = load_yaml(read_scenario_text(path), source)
    if data is None:
        data = {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode | type(None)):
        raise InputError.single(source, 1, None, Msg("input.scenario.not_mapping"))
    origins = _origins(node, path)
    problems = [
        InputProblem(source, origins[str(k)].line if str(k) in origins else None, str(k),
                     Msg("input.scenario.unknown_key", {"key": repr(k), "known": ", ".join(SCENARIO_KEYS)}))
        for k in data if k not in SCENARIO_KEYS
    ]
    data = {k: v for k, v in data.items() if k in SCENARIO_KEYS}
    base_name = data.pop("extends", None)
    if base_name is None:
        return data, origins, problems
    base_path = path.parent / str(base_name)
    if not is_file(base_path):
        raise InputError([*problems, InputProblem(source, origins["extends"].line, "extends",
                                                  Msg("input.scenario.base_missing", {"path": str(base_path)}))])
    if base_path.resolve() in [*chain, resolved]:  # reported at the `extends:` that closes the cycle
        cycle = " -> ".join(str(p) for p in [*chain, resolved, base_path.resolve()])
        raise InputError([*problems, InputProblem(source, origins["extends"].line, "extends",
                                                  Msg("input.scenario.extends_cycle", {"cycle": cycle}))])
    if len(chain) + 1 > MAX_EXTENDS:
        raise InputError([*problems, InputProblem(source, origins["extends"].line, "extends",
                                                  Msg("input.scenario.extends_too_deep", {"limit": MAX_EXTENDS}))])
    if bases is not None:
        bases.append(base_path.resolve())
    base, base_origins, base_problems = load_with_extends(base_path, [*chain, resolved], bases)
    problems += base_problems
    merged = {**base, **{k: v for k, v in data.items() if k != "constraints"}}
    merged_origins = {**base_origins, **origins}
    for config, where, located in ((base, base_path, base_origins), (data, path, origins)):
        if not isinstance(config.get("constraints") or {}, dict):
            line = located["constraints"].line if "constraints" in located else None
            raise InputError([*problems, InputProblem(str(where), line, "constraints",
                                                      Msg("input.scenario.constraints_not_mapping"))])
    constraints = dict(base.get("constraints") or {})
    for name, params in (data.get("constraints") or {}).items():
        if params is None and name in constraints:
            del constraints[name]  # `name: null` switches a base constraint off
        elif isinstance(params, dict) and isinstance(constraints.get(name), dict):
            constraints[name] = {**constraints[name], **params}
        else:
            constraints[name] = params if params is not None else {}
    merged["constraints"] = constraints
    return merged, merged_origins, problems


def _origins(node: yaml.Node | None, path: Path) -> Origins:
    """Line of each top-level key, of constraints.NAME, constraints.NAME.PARAM and solver.KEY."""
    found: Origins = {}
    if not isinstance(node, yaml.MappingNode):
        return found

    def note(key: str, at: yaml.Node) -> None:
        found[key] = Origin(at.start_mark.line + 1, path.parent, str(path))

    for key_node, value_node in node.value:
        key = str(key_node.value)
        note(key, key_node)
        if key in ("constraints", "solver") and isinstance(value_node, yaml.MappingNode):
            for inner_key, inner_value in value_node.value:
                note(f"{key}.{inner_key.value}", inner_key)
                if key == "constraints" and isinstance(inner_value, yaml.MappingNode):
                    for param_key, _ in inner_value.value:
                        note(f"{key}.{inner_key.value}.{param_key.value}", param_key)
    return found


def located(origins: Origins, key: str, default_file: str) -> tuple[str, int | None]:
    """(file, line) where `key` was written; the line None (and `default_file`) when it was not."""
    found = origins.get(key)
    return (found.file, found.line) if found else (default_file, None)


def is_file(path: Path) -> bool:
    """Path.is_file, but a name the system cannot even look up (too long, ...) is just 'not found'."""
    try:
        return path.is_file()
    except OSError:
        return False


# -- pydantic's errors as catalogue messages -------------------------------------------------------------

#: pydantic error type -> (catalogue key, the context value its text shows).
_SETTING_KEYS: Final = {
    "greater_than": "gt",
    "greater_than_equal": "ge",
    "less_than": "lt",
    "less_than_equal": "le",
    "finite_number": None,
    "int_parsing": None,
    "int_from_float": None,
    "int_type": None,
    "float_parsing": None,
    "float_type": None,
    "bool_parsing": None,
    "bool_type": None,
    "string_type": None,
    "dict_type": None,
    "list_type": None,
    "missing": None,
}
_LAST_OR: Final = re.compile(r"^(.*) or ([^,]*)$")


def setting_message(error: Mapping[str, Any]) -> Msg:
    """pydantic's sentence for one error, from the catalogue; its own words ('other') when the
    catalogue's English would not read exactly as pydantic's (English output stays as it was)."""
    kind = str(error.get("type"))
    ctx = error.get("ctx") or {}
    words: Msg | None = None
    if kind in _SETTING_KEYS:
        field = _SETTING_KEYS[kind]
        values = {"limit": _number(ctx.get(field))} if field else {}
        words = Msg(f"input.setting.{kind}", values)
    elif kind == "value_error" and tuple(error.get("loc", ())) == ("backend",):
        from matcher.solvers.registry import BACKEND_CHOICES

        words = Msg("input.setting.backend", {"value": repr(error.get("input")), "known": ", ".join(BACKEND_CHOICES)})
    elif kind == "value_error" and isinstance(ctx.get("error"), InvalidValue):
        words = Msg("input.setting.value_error", {"reason": ctx["error"].words})
    elif kind == "literal_error" and isinstance(ctx.get("expected"), str):
        expected = str(ctx["expected"])
        match = _LAST_OR.match(expected)
        choice: Msg | str = Msg("input.or", {"first": match.group(1), "rest": match.group(2)}) if match else expected
        words = Msg("input.setting.literal_error", {"expected": choice})
    message = str(error.get("msg", ""))
    if words is None or words.render("en") != message:
        words = Msg("input.setting.other", {"message": message})
    return words


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def setting_problems(
    source: str, origins: Origins, prefix: str, exc: ValidationError, known: list[str]
) -> list[InputProblem]:
    """One problem per pydantic error under `prefix` (`solver`, `constraints.NAME`), each at the line
    (and in the file) where the parameter was written, else where `prefix` was."""
    problems = []
    for error in exc.errors():
        location = ".".join(str(part) for part in error["loc"])
        column = f"{prefix}.{location}" if location else prefix
        first = f"{prefix}.{error['loc'][0]}" if error["loc"] else prefix
        file, line = located(origins, first, "")
        if not file:
            file, line = located(origins, prefix, source)
        if error["type"] == "extra_forbidden":
            key = "input.setting.unknown_known" if known else "input.setting.unknown"
            message = Msg(key, {"name": repr(location), "known": ", ".join(known)})
        else:
            message = Msg("input.setting.invalid", {"message": setting_message(error),
                                                    "value": repr(error.get("input"))})
        problems.append(InputProblem(file, line, column, message))
    return problems
