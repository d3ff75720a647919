"""Reading an output folder back: its record (older versions upgraded, newer refused), and the
scenario the run solved, rebuilt with the history policy stated."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from matcher.errors import InputError, Problem
from matcher.run_record.model import SCHEMA_VERSION, SUMMARY_FILE, AsOf, RepairInputs, RunRecord, msg_json

if TYPE_CHECKING:
    from matcher.scenario import Scenario


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
