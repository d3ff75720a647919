"""Scenarios: the YAML file (with `extends:`), or the same built in Python.

A scenario is validated once, here, at the edge: every later step may trust it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pydantic import ValidationError

from constraints import REGISTRY, Constraint, Instance
from matcher.domain import GIVER_ROLE, TAKER_ROLE
from matcher.errors import InputError, Problem
from matcher.history.loading import history_table, scenario_history
from matcher.io.fastscores import read_scores
from matcher.io.pairs import load_pair_file, validate_pair_table
from matcher.io.people import load_people, validate_people
from matcher.solvers.settings import SolverSettings

PROGRAMS = ("mentorship", "trainee")
PAIR_FILE_KINDS = ("pair_scores", "exclusions", "locked")
SCENARIO_KEYS = (
    "name", "program", "people", *PAIR_FILE_KINDS, "extends", "solver", "constraints", "cohort", "history_db"
)


#: The `solver:` block's model (its former name; one model serves the scenario and the solvers).
SolverConfig = SolverSettings


@dataclass
class Scenario:
    """Everything one matching run needs, validated."""

    people: pd.DataFrame
    program: str = "mentorship"
    name: str = "scenario"
    constraints: dict[str, dict[str, Any]] = field(default_factory=lambda: {"coverage": {}})
    pair_scores: pd.DataFrame | None = None
    exclusions: pd.DataFrame | None = None
    locked: pd.DataFrame | None = None
    solver: SolverSettings = field(default_factory=SolverSettings)
    files: dict[str, Path] = field(default_factory=dict)  # input files, never written over
    path: Path | None = None  # the YAML file, when loaded from one
    cohort: str | None = None  # this cohort's name (e.g. VT26): history rules read the cohorts before it
    history_db: str | None = None  # the history database (a path or URL), when the scenario names one
    history: pd.DataFrame | None = None  # earlier cohorts' pairs (matcher.history), when a rule reads them

    # -- building ------------------------------------------------------------------------
    @classmethod
    def from_people(
        cls,
        people: pd.DataFrame | Sequence[Mapping[str, Any]],
        *,
        program: str = "mentorship",
        name: str = "scenario",
        constraints: Mapping[str, Mapping[str, Any]] | None = None,
        pair_scores: pd.DataFrame | Sequence[Mapping[str, Any]] | None = None,
        exclusions: pd.DataFrame | Sequence[Mapping[str, Any]] | None = None,
        locked: pd.DataFrame | Sequence[Mapping[str, Any]] | None = None,
        solver: Mapping[str, Any] | None = None,
        history: pd.DataFrame | Sequence[Mapping[str, Any]] | None = None,
        cohort: str | None = None,
    ) -> Scenario:
        """Build a scenario in Python from a DataFrame (or list of dicts) of people.

        `history`: earlier cohorts' pairs (cohort, back, mentor_id, adept_id) for the history rules.

        >>> s = Scenario.from_people([
        ...     {"id": "M1", "role": "mentor", "administration": "Centrum", "gender": "woman", "years": 12},
        ...     {"id": "A1", "role": "adept", "administration": "Nordost", "gender": "man", "years": 1},
        ... ], constraints={"coverage": {}, "band": {}})
        >>> len(s.people)
        2
        """
        people_table = validate_people(
            pd.DataFrame(list(people)) if not isinstance(people, pd.DataFrame) else people, "<people>"
        )
        tables: dict[str, pd.DataFrame | None] = {}
        for kind, given in (("pair_scores", pair_scores), ("exclusions", exclusions), ("locked", locked)):
            if given is None:
                tables[kind] = None
                continue
            raw = given if isinstance(given, pd.DataFrame) else pd.DataFrame(list(given))
            tables[kind] = validate_pair_table(raw, f"<{kind}>", kind, people_table)  # type: ignore[arg-type]
        scenario = cls(
            people=people_table,
            program=program,
            name=name,
            constraints={k: dict(v) for k, v in (constraints if constraints is not None else {"coverage": {}}).items()},
            pair_scores=tables["pair_scores"],
            exclusions=tables["exclusions"],
            locked=tables["locked"],
            solver=_solver_config(solver or {}, "<scenario>", None),
            cohort=cohort,
            history=None if history is None else history_table(history),
        )
        scenario.validate("<scenario>")
        return scenario

    @classmethod
    def from_yaml(
        cls, path: str | Path, *, history_db: str | Path | None = None, cohort: str | None = None
    ) -> Scenario:
        """Load a scenario file, following `extends:`; every problem is an InputError.

        `history_db` / `cohort` override the file's keys (`matcher run --db`, `matcher publish --cohort`).
        """
        path = Path(path)
        bases: list[Path] = []  # every file reached through `extends:`, nearest first
        config, origins = _load_with_extends(path, [], bases)
        source = str(path)
        problems: list[Problem] = []
        program = config.get("program", "mentorship")
        if program not in PROGRAMS:
            problems.append(
                Problem(
                    source,
                    _line(origins, "program"),
                    "program",
                    f"unknown program {program!r}; use one of {', '.join(PROGRAMS)}",
                )
            )
        name = str(config.get("name", path.stem))
        try:
            solver = SolverSettings.model_validate(config.get("solver") or {})
        except ValidationError as exc:
            problems.extend(_pydantic_problems(source, _line(origins, "solver"), "solver", exc))
            solver = SolverSettings()
        constraints_config = config.get("constraints") or {}
        if not isinstance(constraints_config, dict):
            problems.append(
                Problem(
                    source,
                    _line(origins, "constraints"),
                    "constraints",
                    "constraints must be a mapping of constraint name -> parameters",
                )
            )
            constraints_config = {}
        if not config.get("people"):
            problems.append(Problem(source, 1, "people", "no people file given; add `people: people.csv`"))
        problems.extend(_constraint_config_problems(constraints_config, source, origins))
        if problems:
            raise InputError(problems)

        files = {
            kind: origins[kind][1] / str(config[kind]) for kind in ("people", *PAIR_FILE_KINDS) if config.get(kind)
        }
        for kind, file in files.items():
            if not _is_file(file):
                problems.append(
                    Problem(
                        source,
                        _line(origins, kind),
                        kind,
                        f"file {file} not found; paths are relative to the YAML file that names them",
                    )
                )
        if problems:
            raise InputError(problems)
        people = load_people(files["people"])
        tables: dict[str, pd.DataFrame | None] = dict.fromkeys(PAIR_FILE_KINDS)
        for kind in PAIR_FILE_KINDS:
            if kind in files:
                try:
                    # A clean score CSV: integer codes straight from the C parser, or the parse kept
                    # from an earlier run of the same bytes (matcher.io.fastscores); else the general reader.
                    fast = read_scores(files[kind], people) if kind == "pair_scores" else None
                    tables[kind] = fast if fast is not None else load_pair_file(files[kind], kind, people)  # type: ignore[arg-type]
                except InputError as exc:
                    problems.extend(exc.problems)
        if problems:
            raise InputError(problems)
        cohort_name = cohort if cohort is not None else config.get("cohort")
        db_target, history = scenario_history(
            needed=any(getattr(REGISTRY.get(str(n)), "requires_history", False) for n in constraints_config),
            program=program,
            cohort=None if cohort_name in (None, "") else str(cohort_name),
            cli_db=history_db,
            yaml_db=config.get("history_db"),
            yaml_dir=origins.get("history_db", (None, path.parent))[1],
            source=source,
            line=_line(origins, "history_db"),
        )
        scenario = cls(
            people=people,
            program=program,
            name=name,
            constraints={str(k): dict(v or {}) for k, v in constraints_config.items()},
            pair_scores=tables["pair_scores"],
            exclusions=tables["exclusions"],
            locked=tables["locked"],
            solver=solver,
            files={k: v.resolve() for k, v in files.items()} | {"scenario": path.resolve()} | _extends_files(bases),
            path=path,
            cohort=None if cohort_name in (None, "") else str(cohort_name),
            history_db=db_target,
            history=history,
        )
        scenario.validate(source, origins)
        return scenario

    # -- checking ---------------------------------------------------------------------------
    def validate(self, source: str, origins: dict[str, tuple[int, Path]] | None = None) -> None:
        """Cross-checks between the parts: constraint names and parameters, roles present."""
        origins = origins or {}
        problems: list[Problem] = []
        problems.extend(_constraint_config_problems(self.constraints, source, origins))
        for name in self.constraints:
            cls = REGISTRY.get(name)
            if cls is None:
                continue  # reported above as an unknown rule
            needs = []
            if cls.requires_file and getattr(self, cls.requires_file) is None:
                needs.append(f"{name} needs a `{cls.requires_file}:` file in the scenario")
            if cls.requires_history and self.history is None:
                needs.append(f"{name} reads earlier cohorts: add `history_db: history.sqlite` to the scenario "
                             "(or run with --db PATH)")
            where = _line(origins, f"constraints.{name}") or _line(origins, "constraints")
            problems.extend(Problem(source, where, f"constraints.{name}", message) for message in needs)
        if self.program in GIVER_ROLE:
            for role in (GIVER_ROLE[self.program], TAKER_ROLE[self.program]):
                if not (self.people["role"] == role).any():
                    problems.append(
                        Problem(
                            str(self.files.get("people", "<people>")),
                            None,
                            "role",
                            f"no {role}s in the people file: a {self.program} matching needs both sides",
                        )
                    )
            others = sorted(set(self.people["role"]) - {GIVER_ROLE[self.program], TAKER_ROLE[self.program]})
            if others:
                problems.append(
                    Problem(
                        str(self.files.get("people", "<people>")),
                        None,
                        "role",
                        f"roles {', '.join(others)} do not belong to the {self.program} programme; "
                        f"use {GIVER_ROLE[self.program]} and {TAKER_ROLE[self.program]}",
                    )
                )
        if problems:
            raise InputError(problems)

    # -- what the engine reads ------------------------------------------------------------
    def instance(self) -> Instance:
        givers = self.people[self.people["role"] == GIVER_ROLE[self.program]].reset_index(drop=True)
        takers = self.people[self.people["role"] == TAKER_ROLE[self.program]].reset_index(drop=True)
        inst = Instance(
            program=self.program,
            givers=givers,
            takers=takers,
            pair_scores=self.pair_scores,
            exclusions=self.exclusions,
            locked=self.locked,
            sources={k: v.name for k, v in self.files.items()},
            history=self.history,
        )
        limits = [limit for c in self.active_constraints() if (limit := c.max_places(inst)) is not None]
        inst.place_limit = min(limits) if limits else None
        return inst

    def active_constraints(self) -> list[Constraint]:
        """The rules in force: those listed, those always on (capacity), and those on whenever their
        pair file is given (exclusions, locked)."""
        configs = dict(self.constraints)
        for name, rule in REGISTRY.items():
            if rule.always_on or (rule.on_with_file and getattr(self, str(rule.requires_file)) is not None):
                configs.setdefault(name, {})
        order = list(REGISTRY)
        return [REGISTRY[name].from_config(configs[name]) for name in sorted(configs, key=order.index)]


def resolved_yaml(scenario: Scenario) -> str:
    """The scenario as one self-contained file: `extends:` followed and merged, every file by its
    absolute path, the solver block and the rules in full. What `publish` stores, so the published
    cohort can be re-run even when a base has changed or gone since."""
    config: dict[str, Any] = {"name": scenario.name, "program": scenario.program}
    for kind in ("people", *PAIR_FILE_KINDS):
        if kind in scenario.files:
            config[kind] = str(scenario.files[kind])
    if scenario.cohort:
        config["cohort"] = scenario.cohort
    if scenario.history_db:
        config["history_db"] = str(scenario.history_db)
    config["solver"] = scenario.solver.model_dump()
    config["constraints"] = {name: dict(params) for name, params in scenario.constraints.items()}
    bases = sorted((k for k in scenario.files if k.split(".")[0] == "extends"),
                   key=lambda k: int(k.split(".")[1]) if "." in k else 1)
    read = [str(scenario.files[k]) for k in ["scenario", *bases] if k in scenario.files]
    header = "# Resolved from " + " <- ".join(read) + " (every extends: merged, paths absolute)\n"
    return header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


# -- YAML with line numbers and `extends:` ------------------------------------------------------


def _extends_files(bases: list[Path]) -> dict[str, Path]:
    """The `extends:` bases as input files: `extends` (the file's own base), `extends.2` (its base), ..."""
    return {("extends" if depth == 1 else f"extends.{depth}"): base for depth, base in enumerate(bases, start=1)}


def _load_with_extends(
    path: Path, chain: list[Path], bases: list[Path] | None = None
) -> tuple[dict[str, Any], dict[str, tuple[int, Path]]]:
    """The merged mapping, and for each key (and constraints.NAME) the line and folder it came from.

    `bases` receives every base file read through `extends:` (resolved), nearest first: they are
    inputs too (never written over, hashed for publish)."""
    source = str(path)
    resolved = path.resolve()
    if resolved in chain:
        cycle = " -> ".join(str(p) for p in [*chain, resolved])
        raise InputError.single(source, None, "extends", f"`extends:` forms a cycle: {cycle}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError.single(source, None, None, "scenario file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.single(
            source, None, None, f"cannot read the scenario file ({exc}); save it as UTF-8"
        ) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        column = str(mark.column + 1) if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError.single(
            source, line, column, f"invalid YAML: {problem}; check indentation and colons"
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode | type(None)):
        raise InputError.single(source, 1, None, "a scenario file must be a mapping of keys (name:, people:, ...)")
    origins: dict[str, tuple[int, Path]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            origins[str(key_node.value)] = (key_node.start_mark.line + 1, path.parent)
            if key_node.value == "constraints" and isinstance(value_node, yaml.MappingNode):
                for c_key, _ in value_node.value:
                    origins[f"constraints.{c_key.value}"] = (c_key.start_mark.line + 1, path.parent)
    unknown = [k for k in data if k not in SCENARIO_KEYS]
    if unknown:
        raise InputError(
            [
                Problem(
                    source,
                    origins.get(str(k), (None, path))[0],
                    str(k),
                    f"unknown key {k!r}; known keys: {', '.join(SCENARIO_KEYS)}",
                )
                for k in unknown
            ]
        )
    base_name = data.pop("extends", None)
    if base_name is None:
        return data, origins
    base_path = path.parent / str(base_name)
    if not _is_file(base_path):
        raise InputError.single(source, origins["extends"][0], "extends", f"base scenario {base_path} not found")
    if bases is not None:
        bases.append(base_path.resolve())
    base, base_origins = _load_with_extends(base_path, [*chain, resolved], bases)
    merged = {**base, **{k: v for k, v in data.items() if k != "constraints"}}
    merged_origins = {**base_origins, **origins}
    for which, config, where in (("base", base, base_path), ("this", data, path)):
        if not isinstance(config.get("constraints") or {}, dict):
            line = (base_origins if which == "base" else origins).get("constraints", (None, path))[0]
            raise InputError.single(
                str(where), line, "constraints", "constraints must be a mapping of constraint name -> parameters"
            )
    constraints = dict(base.get("constraints") or {})
    for name, params in (data.get("constraints") or {}).items():
        if params is None and name in constraints:
            del constraints[name]  # `name: null` switches a base constraint off
        elif isinstance(params, dict) and isinstance(constraints.get(name), dict):
            constraints[name] = {**constraints[name], **params}
        else:
            constraints[name] = params if params is not None else {}
    merged["constraints"] = constraints
    return merged, merged_origins


def _solver_config(config: Mapping[str, Any], source: str, line: int | None) -> SolverSettings:
    try:
        return SolverSettings.model_validate(dict(config))
    except ValidationError as exc:
        raise InputError(_pydantic_problems(source, line, "solver", exc)) from None


def _constraint_config_problems(
    constraints: Mapping[str, Any], source: str, origins: dict[str, tuple[int, Path]]
) -> list[Problem]:
    """Unknown constraint names and bad parameters, every one of them."""
    problems: list[Problem] = []
    for name, params in constraints.items():
        where = _line(origins, f"constraints.{name}") or _line(origins, "constraints")
        if name not in REGISTRY:
            problems.append(
                Problem(
                    source,
                    where,
                    f"constraints.{name}",
                    f"unknown constraint {name!r}; known: {', '.join(sorted(REGISTRY))}",
                )
            )
            continue
        cls = REGISTRY[name]
        if not isinstance(params, dict):
            problems.append(
                Problem(source, where, f"constraints.{name}", f"parameters must be a mapping, e.g. {cls.example}")
            )
            continue
        try:
            rule = cls.from_config(params)
        except ValidationError as exc:
            problems.extend(_pydantic_problems(source, where, f"constraints.{name}", exc))
            continue
        # A parameter that would change nothing is an error, not ignored: `coverage: {priority: 1,
        # weight: 1}` most likely means a preference, and running it as a hard rule would surprise.
        unused = [key for key in ("weight", "priority") if key in params]
        if unused and not rule.has_preference_part():
            given = " and ".join(f"`{key}`" for key in unused)
            problems.append(
                Problem(
                    source,
                    where,
                    f"constraints.{name}.{unused[0]}",
                    f"{given} only count for a preference, and {name} is a hard rule here: add `hard: false` "
                    f"to make it a preference, or remove {given}",
                )
            )
    return problems


def _is_file(path: Path) -> bool:
    """Path.is_file, but a name the system cannot even look up (too long, ...) is just 'not found'."""
    try:
        return path.is_file()
    except OSError:
        return False


def _line(origins: dict[str, tuple[int, Path]], key: str) -> int | None:
    found = origins.get(key)
    return found[0] if found else None


def _pydantic_problems(source: str, line: int | None, prefix: str, exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors():
        location = ".".join(str(part) for part in error["loc"])
        column = f"{prefix}.{location}" if location else prefix
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = f"unknown parameter {location!r}"
            known = _known_parameters(prefix)
            if known:
                message += f"; known: {', '.join(known)}"
        else:
            message = f"{message} (got {error.get('input')!r})"
        problems.append(Problem(source, line, column, message))
    return problems


def _known_parameters(prefix: str) -> list[str]:
    if prefix == "solver":
        return list(SolverSettings.model_fields)
    name = prefix.removeprefix("constraints.")
    cls = REGISTRY.get(name)
    return list(cls.params_model.model_fields) if cls else []
