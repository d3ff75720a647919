"""Scenario variants: `constraints.NAME.PARAM=VALUE` and `solver.KEY=VALUE` overrides.

A sweep's `--vary KEY=0,0.05,0.1` or `--vary KEY=0:0.8:0.2` lists values; each point of
the grid is the base scenario with one value per key, validated like a YAML file.
"""

from __future__ import annotations

import copy
import itertools
import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from matcher.errors import InputError, Problem
from matcher.scenario import Scenario
from matcher.solvers.settings import SolverSettings

OFF = "off"  # `constraints.NAME=off`: the rule is dropped
MAX_POINTS = 100_000


def parse_value(text: str) -> Any:
    """One value as YAML reads it: 0.05 -> float, true -> bool, Nordost -> str, off stays 'off'."""
    if text.strip().lower() == OFF:
        return OFF
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def _range(spec: str, option: str) -> list[Any]:
    """START:STOP:STEP, both ends included, in exact decimals (0:0.8:0.2 gives 0.6, not 0.6000000000000001)."""
    parts = spec.split(":")
    try:
        start, stop, step = (Decimal(p.strip()) for p in parts)
    except (ValueError, InvalidOperation):
        raise InputError.single(
            option, None, None, f"{spec!r} is not a range START:STOP:STEP such as 0:0.8:0.2"
        ) from None
    if step <= 0 or stop < start:
        raise InputError.single(option, None, None, f"range {spec!r} needs STEP > 0 and STOP >= START")
    count = int((stop - start) / step) + 1
    if count > MAX_POINTS:
        raise InputError.single(option, None, None, f"range {spec!r} has {count} values; at most {MAX_POINTS}")
    values = [start + i * step for i in range(count)]
    integral = all(v == v.to_integral_value() for v in (start, stop, step))
    return [int(v) if integral else float(v) for v in values]


def parse_vary(spec: str) -> tuple[str, list[Any]]:
    """`KEY=V1,V2,...` or `KEY=START:STOP:STEP` -> (KEY, values)."""
    option = f"--vary {spec}"
    key, sep, values = spec.partition("=")
    key = key.strip()
    if not sep or not key or not values.strip():
        raise InputError.single(option, None, None, "write --vary KEY=V1,V2,... or --vary KEY=START:STOP:STEP")
    text = values.strip()
    if text.count(":") == 2 and "," not in text:
        parsed = _range(text, option)
    else:
        parsed = [parse_value(part.strip()) for part in text.split(",") if part.strip()]
    if not parsed:
        raise InputError.single(option, None, key, "no values given")
    return key, parsed


def grid(varied: Sequence[tuple[str, Sequence[Any]]]) -> list[dict[str, Any]]:
    """Every combination of the varied values, the first key varying slowest."""
    keys = [key for key, _ in varied]
    if len(set(keys)) != len(keys):
        raise InputError.single("--vary", None, None, "a key is varied twice; give each key once")
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*(values for _, values in varied))]


def _set(config: dict[str, Any], path: Sequence[str], value: Any) -> None:
    node = config
    for part in path[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    node[path[-1]] = value


def apply_overrides(base: Scenario, overrides: Mapping[str, Any], *, source: str = "--vary") -> Scenario:
    """A copy of `base` with the overrides applied and validated; `base` is not changed.

    `constraints.NAME.PARAM=V` sets one parameter (listing the rule if it was not);
    `constraints.NAME=off` drops the rule; `solver.KEY=V` changes the solver block;
    `name=TEXT` renames the variant.
    """
    constraints = copy.deepcopy(base.constraints)
    solver = base.solver.model_dump()
    name = base.name
    problems: list[Problem] = []
    for key, value in overrides.items():
        path = key.split(".")
        where = f"{source} {key}={value}"
        if path[0] == "constraints" and len(path) == 2:
            if value == OFF or value is None or value is False:
                constraints.pop(path[1], None)
            elif value is True or value == {}:
                constraints.setdefault(path[1], {})
            elif isinstance(value, dict):
                constraints[path[1]] = dict(value)
            else:
                problems.append(Problem(where, None, key, "a whole rule takes `off` or `on`; set a parameter "
                                        "with constraints.NAME.PARAM=VALUE"))
        elif path[0] == "constraints" and len(path) >= 3:
            _set(constraints.setdefault(path[1], {}), path[2:], value)
        elif path[0] == "solver" and len(path) == 2:
            solver[path[1]] = value
        elif path == ["name"]:
            name = str(value)
        else:
            problems.append(Problem(where, None, key, "vary constraints.NAME.PARAM, constraints.NAME (off/on), "
                                    "solver.KEY or name"))
    try:
        solver_config = SolverSettings.model_validate(solver)
    except ValidationError as exc:
        problems.extend(Problem(source, None, "solver." + ".".join(map(str, e["loc"])), e["msg"])
                        for e in exc.errors())
        solver_config = base.solver
    if problems:
        raise InputError(problems)
    variant = replace(base, constraints=constraints, solver=solver_config, name=name)
    variant.validate(source)
    return variant


def variant_yaml(base: Scenario, overrides: Mapping[str, Any], *, relative_to: Path) -> str:
    """A scenario file that `extends:` the base with these overrides: `matcher run` re-runs the point alone.

    The whole solver block is written (a file's `solver:` replaces the base's, it is not merged),
    so the point runs with the seed and limits it ran with in the sweep.
    """
    lines: dict[str, Any] = {}
    if base.path is not None:
        lines["extends"] = os.path.relpath(base.path.resolve(), relative_to.resolve())
    constraints: dict[str, Any] = {}
    solver: dict[str, Any] = base.solver.model_dump()
    for key, value in overrides.items():
        path = key.split(".")
        if path[0] == "constraints" and len(path) == 2:
            constraints[path[1]] = None if value in (OFF, None, False) else ({} if value is True else value)
        elif path[0] == "constraints":
            _set(constraints.setdefault(path[1], {}), path[2:], value)
        elif path[0] == "solver":
            solver[path[1]] = value
        elif path == ["name"]:
            lines["name"] = value
    lines["solver"] = solver
    if constraints:
        lines["constraints"] = constraints
    return yaml.safe_dump(lines, sort_keys=False, allow_unicode=True)
