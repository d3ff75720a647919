"""The record of a run: `summary.json`, typed, versioned, and the only way to read an output folder.

`matcher run` and `matcher repair` write one `RunRecord` per output folder; explain, check,
publish, repair and the workspace read it back with `read_run(out_dir)`, and rebuild the
scenario it solved with `solved_scenario(record, as_of=...)`. The JSON Schema of the file is
generated from these models into `docs/summary.schema.json`:

    python -m matcher.run_record            # regenerate docs/summary.schema.json

Versions: 1 is the untyped summary.json written before this record (no `schema_version`
key); it is read and upgraded here. 2 adds `schema_version`, each rule's `parts` (hard part or
preference, each with its own verdict and a message in the catalogue's form), and states
that a level's `bound` and the run's `best_bound`/`gap` are null when nothing is proven
(never the value itself). A record of a newer version than this code knows is refused.

The keys readers rely on (`status`, `objective`, `best_bound`, `solve_seconds`, `kpis`, the
per-rule `name`/`hard`/`holds`/`detail`) keep their names and meanings from version 1.
Aggregates only: never a name; ids appear nowhere in this file.
"""

from __future__ import annotations

import contextlib
import json
import math
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from matcher.errors import InputError, Problem
from matcher.i18n import Msg

if TYPE_CHECKING:
    from constraints import Verdict
    from matcher.engine import Result
    from matcher.scenario import Scenario

#: The version this code writes, and the newest it reads (RunRecord.schema_version's literal says the same).
SCHEMA_VERSION: Literal[2] = 2
SUMMARY_FILE = "summary.json"
SCHEMA_PATH = Path(__file__).resolve().parents[1] / "docs" / "summary.schema.json"

AsOf = Literal["run", "now"]


class _Model(BaseModel):
    """Every part of the record: unknown keys are an error, so a field is typed before it is written."""

    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


# -- the parts -------------------------------------------------------------------------------------


class Roles(_Model):
    """What the two sides are called in this programme."""

    giver: Literal["mentor", "supervisor"]
    taker: Literal["adept", "trainee"]


class Level(_Model):
    """One priority level of what was optimised (1 first), with the bound the solver proved."""

    priority: int = Field(ge=1)
    value: float = Field(description="the level's value in the matching")
    bound: float | None = Field(
        description="the best value the solver proved possible for this level; null when nothing is proven "
        "(unknown: never take it as equal to the value)"
    )
    terms: list[str] = Field(description="the rules that count in this level")


class FileHash(_Model):
    path: str
    sha256: str = Field(pattern="^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)


class Inputs(_Model):
    """What the run read, so publish can check it is unchanged and explain can re-read the same."""

    files: dict[str, FileHash] = Field(
        default_factory=dict, description="kind (people, pair_scores, scenario, extends, ...) -> file"
    )
    cohort: str | None = None
    history_db: str | None = Field(None, description="the history database read (a URL's password as ***)")
    history_cohorts: list[str] | None = None
    history_backs: dict[str, int] | None = Field(
        None, description="each earlier cohort the history rules saw -> its place (1 = the latest)"
    )


class MsgJson(_Model):
    """A sentence in the catalogue's form (`matcher.i18n.Msg`): rendered in any language later."""

    key: str
    values: dict[str, Any] = Field(default_factory=dict)

    def msg(self) -> Msg:
        return Msg.from_json(self.model_dump())


class Part(_Model):
    """One part of a rule: a hard part must hold; a preference is met or not."""

    kind: Literal["hard", "preference"]
    holds: bool
    detail: MsgJson


class Rule(_Model):
    """One rule in force and the independent check's verdict on the matching."""

    name: str
    hard: bool
    priority: int | None = Field(description="soft rules: the level it counts in; null for hard rules")
    weight: int | None = Field(description="soft rules: its weight; null for hard rules")
    holds: bool = Field(description="every part of the rule is met")
    detail: str = Field(description="the verdict in English words (version 1's field); `parts` carry it per part")
    parts: list[Part] = Field(min_length=1)

    @property
    def hard_broken(self) -> bool:
        return any(p.kind == "hard" and not p.holds for p in self.parts)


class AdministrationRate(_Model):
    administration: str
    takers: int
    matched: int
    rate: float | None
    givers: int
    givers_used: int


class GenderRate(_Model):
    gender: str
    takers: int
    matched: int
    rate: float | None


class BandRate(_Model):
    band: str
    takers: int
    matched: int
    rate: float | None


class GroupCount(_Model):
    administration: str
    gender: str
    band: str
    takers: int
    matched: int


class AdministrationPairs(_Model):
    giver_administration: str
    taker_administration: str
    pairs: int


class BandPairs(_Model):
    giver_band: str
    taker_band: str
    pairs: int


class Placed(_Model):
    administration: str
    gender: str
    placed: int


class Kpis(_Model):
    """Aggregates of the matching (`engine.compute_kpis`); giver/taker are the programme's two sides."""

    givers: int
    takers: int
    pairs: int
    matched_takers: int
    match_rate: float | None
    givers_used: int
    capacity_total: int
    cross_administration_share: float | None
    score_mean: float | None
    score_min: float | None
    score_max: float | None
    by_administration: list[AdministrationRate]
    by_gender: list[GenderRate]
    by_band: list[BandRate]
    matched_by_group: list[GroupCount]
    pairs_by_administration: list[AdministrationPairs]
    pairs_by_band: list[BandPairs]
    placed_by_administration_gender: list[Placed]


class ChangeReason(_Model):
    change: str
    reason: str
    count: int = Field(ge=0)


class Changes(_Model):
    """A repair's changes: counts and reasons only, never an id (`repair.RepairResult.summary`)."""

    allow_moves: int = Field(ge=0)
    leavers: int = Field(ge=0)
    joiners: int = Field(ge=0)
    counts: dict[str, int]
    reasons: list[ChangeReason]


class RepairInputs(_Model):
    """The files a `matcher repair` read besides the scenario, to rebuild the repaired cohort."""

    current_pairs: str
    leavers: str | None = None
    joiners: str | None = None
    sha256: dict[str, str]
    allow_moves: int = Field(0, ge=0)


class RunRecord(_Model):
    """summary.json: one solved run of a scenario (`matcher run` or `matcher repair`)."""

    model_config = ConfigDict(extra="forbid", title="matcher summary.json",
                              json_schema_serialization_defaults_required=True)

    schema_version: Literal[2] = Field(SCHEMA_VERSION, description="the version of this record's layout")
    scenario: str = Field(description="the scenario's name")
    scenario_file: str | None = Field(description="the scenario file solved (absolute); null when built in Python")
    program: Literal["mentorship", "trainee"]
    roles: Roles
    status: Literal["OPTIMAL", "FEASIBLE"] = Field(
        description="OPTIMAL: proven best; FEASIBLE: a matching, not proven best within the time limit"
    )
    solver: str
    objective: float = Field(description="the last (lowest-priority) level's value")
    best_bound: float | None = Field(description="that level's proven bound; null when none is proven")
    gap: float | None = Field(description="the largest relative gap over the levels; null when a level has no bound")
    objectives: list[Level]
    solve_seconds: float
    build_seconds: float
    generated_at: str
    tool_version: str
    inputs: Inputs
    kpis: Kpis
    constraints: list[Rule]
    notes: list[str]
    changes: Changes | None = Field(None, description="`matcher repair` only: what changed")
    repair_inputs: RepairInputs | None = Field(None, description="`matcher repair` only: the files it read")

    _source: Path | None = PrivateAttr(None)

    @property
    def source(self) -> str:
        """Where the record was read from (for messages located in it)."""
        return str(self._source) if self._source is not None else SUMMARY_FILE

    def rule(self, name: str) -> Rule | None:
        return next((r for r in self.constraints if r.name == name), None)

    def to_json(self) -> dict[str, Any]:
        """The JSON value written to summary.json (a run without a repair has no changes/repair_inputs keys)."""
        omit = {key for key in ("changes", "repair_inputs") if getattr(self, key) is None}
        data: dict[str, Any] = self.model_dump(mode="json", exclude=omit)
        return data

    def to_text(self) -> str:
        """summary.json's text: indented, UTF-8 (Swedish letters as they are), no NaN."""
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


# -- from a Result ---------------------------------------------------------------------------------


def json_safe(value: Any) -> Any:
    """Plain JSON values: numpy scalars to Python, NaN/inf to None, tuples to lists, Paths to str."""
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [json_safe(v) for v in value]
    if hasattr(value, "item") and callable(value.item) and not isinstance(value, str | bytes):
        with contextlib.suppress(TypeError, ValueError):
            value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Path):
        return str(value)
    return value


def msg_json(detail: Any) -> dict[str, Any]:
    """A verdict's detail as a message: a Msg as it is; plain text (a rule not yet converted to the
    catalogue) as `text.verbatim`."""
    if isinstance(detail, Msg):
        return detail.to_json()
    return Msg("text.verbatim", {"text": "" if detail is None else str(detail)}).to_json()


def detail_text(detail: Any, program: str) -> str:
    """A verdict's detail as one English sentence (the per-rule `detail` readers of version 1 know)."""
    if isinstance(detail, Msg):
        return detail.render("en", program)
    if isinstance(detail, list):
        return "; ".join(detail_text(d, program) for d in detail)
    return "" if detail is None else str(detail)


def _level_gap(value: float, bound: float | None) -> float | None:
    return None if bound is None else abs(bound - value) / max(abs(bound), 1.0)


def _rule(name: str, hard: bool, priority: int | None, weight: int | None, verdict: Verdict,
          program: str) -> dict[str, Any]:
    return {
        "name": name,
        "hard": hard,
        "priority": priority,
        "weight": weight,
        "holds": bool(verdict.holds),
        "detail": detail_text(verdict.detail, program),
        "parts": [
            {"kind": part.kind, "holds": bool(part.holds), "detail": msg_json(part.detail)}
            for part in verdict.part_list(hard)
        ],
    }


def record_of(
    result: Result,
    *,
    changes: Mapping[str, Any] | None = None,
    repair_inputs: Mapping[str, Any] | None = None,
) -> RunRecord:
    """The record of a solved run: the one way from a Result to summary.json.

    Hashes the input files (so call it once per run). `changes` and `repair_inputs`: what
    `matcher repair` adds (`RepairResult.summary()`, `RepairSources.as_summary()`).
    """
    from datetime import UTC, datetime

    from matcher import __version__
    from matcher.history.audit import input_audit

    scenario = result.scenario
    program = scenario.program
    values = dict(sorted(result.objectives.items()))
    bounds = {p: b for p, b in result.bounds.items() if b is not None and math.isfinite(b)}
    last = max(values) if values else None
    gaps = [_level_gap(v, bounds.get(p)) for p, v in values.items()]
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "scenario": scenario.name,
        "scenario_file": str(scenario.path.resolve()) if scenario.path else None,
        "program": program,
        "roles": result.roles,
        "status": result.status,
        "solver": result.solver,
        "objective": values[last] if last is not None else 0.0,
        # Nothing optimised: nothing to prove. A level without a proven bound stays null.
        "best_bound": bounds.get(last) if last is not None else 0.0,
        "gap": None if any(g is None for g in gaps) else max([0.0, *(g for g in gaps if g is not None)]),
        "objectives": [
            {"priority": p, "value": v, "bound": bounds.get(p), "terms": result.terms.get(p, [])}
            for p, v in values.items()
        ],
        "solve_seconds": round(result.solve_seconds, 4),
        "build_seconds": round(result.build_seconds, 4),
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tool_version": __version__,
        # Input files' SHA-256, the cohort and the earlier cohorts seen: `matcher publish` checks and keeps them.
        "inputs": input_audit(scenario),
        "kpis": result.kpis,
        "constraints": [
            _rule(c.name, c.hard, None if c.hard else c.params.priority, None if c.hard else c.params.weight,
                  result.checks[c.name], program)
            for c in result.constraints
        ],
        "notes": list(result.notes),
        "changes": changes,
        "repair_inputs": repair_inputs,
    }
    return RunRecord.model_validate(json_safe(data))


# -- reading an output folder ----------------------------------------------------------------------


def _upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """A version 1 summary.json (no `schema_version`) in version 2's form: each rule one part."""
    upgraded = dict(data)
    upgraded["schema_version"] = SCHEMA_VERSION
    upgraded.setdefault("inputs", {"files": {}})  # a summary.json from before hashes were written
    upgraded.setdefault("notes", [])
    rules = []
    for rule in data.get("constraints") or []:
        if isinstance(rule, dict) and "parts" not in rule:
            hard, holds = bool(rule.get("hard")), bool(rule.get("holds"))
            kind = "hard" if hard else "preference"
            rule = {**rule, "detail": str(rule.get("detail") or ""),
                    "parts": [{"kind": kind, "holds": holds, "detail": msg_json(rule.get("detail"))}]}
        rules.append(rule)
    upgraded["constraints"] = rules
    return upgraded


def parse_record(data: Any, source: str) -> RunRecord:
    """A record from summary.json's JSON value; InputError located in `source` when it is not one."""
    if not isinstance(data, dict):
        raise InputError.single(source, None, None, "not a matcher summary; run `matcher run` again")
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError.single(source, None, "schema_version", f"{version!r} is not a record version")
    if version > SCHEMA_VERSION:
        raise InputError.single(
            source, None, "schema_version",
            f"written by a newer matcher (record version {version}; this one reads up to {SCHEMA_VERSION}): "
            "update matcher (pip install -U gbg-matcher), or run the scenario again with this one",
        )
    if version < SCHEMA_VERSION:
        data = _upgrade(data)
    try:
        return RunRecord.model_validate(data)
    except ValidationError as exc:
        raise InputError([
            Problem(source, None, ".".join(str(p) for p in error["loc"]) or None,
                    f"{error['msg']}: this summary.json is damaged or was edited; run the scenario again")
            for error in exc.errors()
        ]) from None


def read_run(out_dir: Path) -> RunRecord:
    """The record of the run in `out_dir` (written by `matcher run` or `matcher repair`).

    InputError, located at summary.json, when it is missing, unreadable, not a record, or of a
    newer version. A folder whose replacement was cut off (power loss mid-swap, on a system
    without an atomic swap) is put back as it was first.
    """
    from matcher.output.folder import recover

    out_dir = Path(out_dir)
    recover(out_dir)
    path = out_dir / SUMMARY_FILE
    if not path.is_file():
        raise InputError.single(
            str(path), None, None, "not found: give the folder `matcher run SCENARIO --out DIR` wrote"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError.single(str(path), None, None, f"cannot read it ({exc}); run `matcher run` again") from None
    record = parse_record(data, str(path))
    record._source = path
    return record


# -- the scenario a run solved ------------------------------------------------------------------------


def solved_scenario(
    record: RunRecord,
    *,
    as_of: AsOf,
    cohort: str | None = None,
    history_db: str | None = None,
) -> Scenario:
    """The scenario the run solved: its scenario file and, for a repair, the cohort as repaired
    (the recorded current pairs, leavers and joiners, which must be unchanged since).

    The history, stated explicitly:
    * `as_of="run"`: exactly the history window the run saw (its database, its cohort, and only
      the earlier cohorts in `inputs.history_backs`, each at the place it had): what explain
      and check need, so a cohort published since changes nothing.
    * `as_of="now"`: the history database as it is now (`history_db`, else the scenario's),
      for cohort `cohort` (else the run's): publish's guard against pairs repeated since.
    InputError, located in summary.json, when something it needs is gone or changed.
    """
    from matcher.history.loading import as_seen
    from matcher.scenario import Scenario

    where = record.source
    if as_of not in ("run", "now"):
        raise ValueError(f"as_of must be 'run' or 'now', not {as_of!r}")
    if as_of == "run" and (cohort is not None or history_db is not None):
        raise ValueError("as_of='run' rebuilds the run's own history: cohort and history_db are for as_of='now'")
    if not record.scenario_file:
        raise InputError.single(
            where, None, "scenario_file", "not run from a scenario file: use `matcher run SCENARIO.yaml --out DIR`"
        )
    if not Path(record.scenario_file).is_file():
        raise InputError.single(
            where, None, "scenario_file",
            f"the scenario {record.scenario_file!r} this result came from is no longer there",
        )
    inputs = record.inputs
    if as_of == "run":
        database = inputs.history_db
        usable = database if database and "***@" not in database else None
        scenario = Scenario.from_yaml(record.scenario_file, history_db=usable, cohort=inputs.cohort)
        if scenario.history is not None and inputs.history_backs is not None:
            scenario.history = as_seen(scenario.history, inputs.history_backs)
    else:
        scenario = Scenario.from_yaml(
            record.scenario_file, history_db=history_db, cohort=cohort if cohort is not None else inputs.cohort
        )
    if record.repair_inputs is not None:
        scenario = _repaired(scenario, record.repair_inputs, where)
    return scenario


def _repaired(scenario: Scenario, recorded: RepairInputs, where: str) -> Scenario:
    """The repaired cohort of an earlier `matcher repair`: the same files, read the same way."""
    from matcher.history.audit import changed_files
    from matcher.repair import read_current_pairs, read_joiners, read_leavers, repaired_scenario

    paths = {"current_pairs": recorded.current_pairs, "leavers": recorded.leavers, "joiners": recorded.joiners}
    files = {kind: {"path": path, "sha256": recorded.sha256.get(kind)} for kind, path in paths.items() if path}
    problems = [  # located in summary.json, where the repair recorded them
        Problem(where, None, f"repair_inputs.{p.column}", f"{p.file}: {p.message}")
        for p in changed_files(files, since="the repair", rerun="run `matcher repair` again")
    ]
    if problems:
        raise InputError(problems)
    return repaired_scenario(
        scenario,
        read_current_pairs(Path(recorded.current_pairs)),
        leavers=read_leavers(Path(recorded.leavers), scenario) if recorded.leavers else (),
        joiners=read_joiners(Path(recorded.joiners)) if recorded.joiners else None,
        allow_moves=recorded.allow_moves,
    )


# -- the JSON Schema --------------------------------------------------------------------------------


def schema() -> dict[str, Any]:
    """The JSON Schema of summary.json, as written into docs/summary.schema.json."""
    generated = RunRecord.model_json_schema(mode="serialization")
    # A run's record has no `changes` / `repair_inputs` keys at all (RunRecord.to_json).
    generated["required"] = [k for k in generated["required"] if k not in ("changes", "repair_inputs")]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Generated by `python -m matcher.run_record` from matcher/run_record.py: do not edit.",
        **generated,
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write docs/summary.schema.json (or the path given)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else SCHEMA_PATH
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
