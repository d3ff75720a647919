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
from matcher.errors import InputError, InputProblem
from matcher.history.loading import history_table, scenario_history
from matcher.i18n import Msg
from matcher.io.fastscores import read_scores
from matcher.io.pairs import load_pair_file, validate_pair_table
from matcher.io.people import load_people, validate_people
from matcher.io.tables import listing
from matcher.limits import size_problems
from matcher.scenario_file import (
    SCENARIO_KEYS,
    Origin,
    Origins,
    is_file,
    load_with_extends,
    located,
    setting_problems,
)
from matcher.solvers.settings import SolverSettings

PROGRAMS = ("mentorship", "trainee")
PAIR_FILE_KINDS = ("pair_scores", "exclusions", "locked")
__all__ = ["PAIR_FILE_KINDS", "PROGRAMS", "SCENARIO_KEYS", "Scenario", "SolverConfig", "resolved_yaml"]


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
        from matcher.arguments import mapping, table

        if program not in PROGRAMS:
            raise InputError.single("<scenario>", None, "program", Msg(
                "input.scenario.unknown_program", {"program": repr(program), "known": ", ".join(PROGRAMS)}))
        rules = mapping(constraints if constraints is not None else {"coverage": {}}, "constraints")
        people_table = validate_people(table(people, "people", "input.argument.people_table"), "<people>")
        tables: dict[str, pd.DataFrame | None] = {}
        for kind, given in (("pair_scores", pair_scores), ("exclusions", exclusions), ("locked", locked)):
            if given is None:
                tables[kind] = None
                continue
            raw = table(given, kind)
            tables[kind] = validate_pair_table(raw, f"<{kind}>", kind, people_table)  # type: ignore[arg-type]
        scenario = cls(
            people=people_table,
            program=program,
            name=name,
            constraints={str(k): dict(v) if isinstance(v, Mapping) else v for k, v in rules.items()},
            pair_scores=tables["pair_scores"],
            exclusions=tables["exclusions"],
            locked=tables["locked"],
            solver=_solver_config(mapping(solver or {}, "solver"), "<scenario>", None),
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
        A problem is reported under the file it is in (a base's under the base's name and line).
        """
        path = Path(path)
        bases: list[Path] = []  # every file reached through `extends:`, nearest first
        config, origins, problems = load_with_extends(path, None, bases)
        source = str(path)
        program = config.get("program", "mentorship")
        if program not in PROGRAMS:
            file, line = located(origins, "program", source)
            problems.append(InputProblem(file, line, "program", Msg(
                "input.scenario.unknown_program", {"program": repr(program), "known": ", ".join(PROGRAMS)})))
        name = str(config.get("name", path.stem))
        try:
            solver = SolverSettings.model_validate(config.get("solver") or {})
        except ValidationError as exc:
            problems.extend(setting_problems(source, origins, "solver", exc, list(SolverSettings.model_fields)))
            solver = SolverSettings()
        constraints_config = config.get("constraints") or {}
        if not isinstance(constraints_config, dict):
            file, line = located(origins, "constraints", source)
            problems.append(InputProblem(file, line, "constraints", Msg("input.scenario.constraints_not_mapping")))
            constraints_config = {}
        if not config.get("people"):
            problems.append(InputProblem(source, 1, "people", Msg("input.scenario.no_people")))
        problems.extend(_constraint_config_problems(constraints_config, source, origins))
        if problems:
            raise InputError(problems)

        files = {
            kind: origins[kind].folder / str(config[kind]) for kind in ("people", *PAIR_FILE_KINDS) if config.get(kind)
        }
        for kind, file_path in files.items():
            if not is_file(file_path):
                file, line = located(origins, kind, source)
                problems.append(
                    InputProblem(file, line, kind, Msg("input.scenario.file_missing", {"file": str(file_path)}))
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
        db_file, db_line = located(origins, "history_db", source)
        db_origin = origins.get("history_db")
        db_target, history = scenario_history(
            needed=any(getattr(REGISTRY.get(str(n)), "requires_history", False) for n in constraints_config),
            program=program,
            cohort=None if cohort_name in (None, "") else str(cohort_name),
            cli_db=history_db,
            yaml_db=config.get("history_db"),
            yaml_dir=db_origin.folder if db_origin else path.parent,
            source=db_file,
            line=db_line,
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
    def validate(self, source: str, origins: Origins | None = None) -> None:
        """Cross-checks between the parts: constraint names and parameters, roles present, size."""
        origins = origins or {}
        problems: list[InputProblem] = []
        problems.extend(_constraint_config_problems(self.constraints, source, origins))
        for name in self.constraints:
            cls = REGISTRY.get(name)
            if cls is None:
                continue  # reported above as an unknown rule
            needs: list[Msg] = []
            if cls.requires_file and getattr(self, cls.requires_file) is None:
                needs.append(Msg("input.scenario.needs_file", {"name": name, "file": cls.requires_file}))
            if cls.requires_history and self.history is None:
                needs.append(Msg("input.scenario.needs_history", {"name": name}))
            file, where = _rule_origin(origins, name, source)
            problems.extend(InputProblem(file, where, f"constraints.{name}", message) for message in needs)
        people_file = str(self.files.get("people", "<people>"))
        if self.program in GIVER_ROLE:
            for role in (GIVER_ROLE[self.program], TAKER_ROLE[self.program]):
                if not (self.people["role"] == role).any():
                    problems.append(InputProblem(people_file, None, "role", Msg(
                        "input.people.no_role",
                        {"role": Msg(f"role.{role}.many"), "program": Msg(f"cli.program.{self.program}")})))
            others = sorted(set(self.people["role"]) - {GIVER_ROLE[self.program], TAKER_ROLE[self.program]})
            if others:
                problems.append(InputProblem(people_file, None, "role", Msg(
                    "input.people.foreign_roles",
                    {"roles": ", ".join(others), "program": Msg(f"cli.program.{self.program}"),
                     "giver": GIVER_ROLE[self.program], "taker": TAKER_ROLE[self.program]})))
            if not problems:
                problems.extend(size_problems(self.people, self.program, people_file))
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


# -- helpers ------------------------------------------------------------------------------------


def _extends_files(bases: list[Path]) -> dict[str, Path]:
    """The `extends:` bases as input files: `extends` (the file's own base), `extends.2` (its base), ..."""
    return {("extends" if depth == 1 else f"extends.{depth}"): base for depth, base in enumerate(bases, start=1)}


def _rule_origin(origins: Origins, name: str, source: str) -> tuple[str, int | None]:
    """(file, line) of the rule `name` in the scenario, else of `constraints:`."""
    file, line = located(origins, f"constraints.{name}", "")
    return (file, line) if file else located(origins, "constraints", source)


def _solver_config(config: Mapping[str, Any], source: str, line: int | None) -> SolverSettings:
    try:
        return SolverSettings.model_validate(dict(config))
    except ValidationError as exc:
        origins = {"solver": Origin(line, Path("."), source)}
        raise InputError(setting_problems(source, origins, "solver", exc, list(SolverSettings.model_fields))) from None


def _constraint_config_problems(constraints: Mapping[str, Any], source: str, origins: Origins) -> list[InputProblem]:
    """Unknown constraint names and bad parameters, every one of them, each in the file it is in."""
    problems: list[InputProblem] = []
    for name, params in constraints.items():
        file, where = _rule_origin(origins, name, source)
        if name not in REGISTRY:
            problems.append(InputProblem(file, where, f"constraints.{name}", Msg(
                "input.scenario.unknown_rule", {"name": repr(name), "known": ", ".join(sorted(REGISTRY))})))
            continue
        cls = REGISTRY[name]
        if not isinstance(params, dict):
            problems.append(InputProblem(file, where, f"constraints.{name}",
                                         Msg("input.scenario.params_not_mapping", {"example": cls.example})))
            continue
        try:
            rule = cls.from_config(params)
        except ValidationError as exc:
            rule_origins = {**origins, f"constraints.{name}": Origin(where, Path("."), file)}
            known = list(cls.params_model.model_fields)
            problems.extend(setting_problems(source, rule_origins, f"constraints.{name}", exc, known))
            continue
        # A parameter that would change nothing is an error, not ignored: `coverage: {priority: 1,
        # weight: 1}` most likely means a preference, and running it as a hard rule would surprise.
        unused = [key for key in ("weight", "priority") if key in params]
        if unused and not rule.has_preference_part():
            given = listing([f"`{key}`" for key in unused], "input.and")
            problems.append(InputProblem(file, where, f"constraints.{name}.{unused[0]}",
                                         Msg("input.scenario.unused_weight", {"given": given, "name": name})))
    return problems
