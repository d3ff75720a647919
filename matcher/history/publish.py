"""`matcher publish`: record a run's matching as a cohort's, with what is needed to trace and re-run it.

Before anything is written: the run's input files must be unchanged since the run (their
SHA-256 against summary.json's), and pairs.csv (it may have been edited by hand) must hold
every hard rule of the scenario, checked by the independent checker. Then one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from matcher.errors import InputError, Problem
from matcher.history.audit import changed_files, file_hashes, file_sha256
from matcher.run_record import read_run, solved_scenario


def _read_pairs(path: Path) -> pd.DataFrame:
    from matcher.io.pairs import read_pair_list

    if not path.is_file():
        raise InputError.single(str(path), None, None, "not found: give the folder `matcher run --out` wrote")
    table = read_pair_list(path, with_score=True)
    return table[["mentor_id", "adept_id", "score"]].reset_index(drop=True)


def publish_output(out_dir: Path, *, cohort: str | None, db: str | None, replace: bool = False) -> tuple[Any, str]:
    """Publish the run in `out_dir` as cohort `cohort`; returns (the stored CohortInfo, the database target)."""
    from matcher.checker import check_matching
    from matcher.history.db import AlreadyPublished, CohortRecord, display, open_database, publish_cohort
    from matcher.scenario import resolved_yaml

    record = read_run(out_dir)
    where = record.source
    if not record.scenario_file:
        raise InputError.single(
            where, None, "scenario_file", "not run from a scenario file: use `matcher run SCENARIO.yaml --out DIR`"
        )
    inputs: dict[str, Any] = record.inputs.model_dump(mode="json")
    name = cohort or inputs.get("cohort")
    if not name:
        raise InputError.single(
            "--cohort", None, None, "give the cohort's name, e.g. --cohort VT26 (or `cohort: VT26` in the scenario)"
        )
    name = str(name).strip()
    recorded = inputs.get("files") or None
    if recorded:
        problems = changed_files(recorded, since="the run", rerun="run `matcher run` again, then publish that result")
        if problems:
            raise InputError(problems)
    # The history as it is now (a cohort published since the run may repeat a pair); a repair's
    # output: the cohort as it is after the repair.
    scenario = solved_scenario(record, as_of="now", cohort=name, history_db=db)
    repaired = record.repair_inputs.model_dump(mode="json") if record.repair_inputs is not None else None
    target = scenario.history_db
    if target is None:
        raise InputError.single(
            "--db", None, None, "no history database: pass --db PATH (or a URL), or add `history_db: history.sqlite` "
            "to the scenario"
        )
    pairs_path = out_dir / "pairs.csv"
    pairs = _read_pairs(pairs_path)
    report = check_matching(scenario, pairs, record.settlements())
    if not report.valid:
        raise InputError([Problem(str(pairs_path), None, None, f"breaks a hard rule: {p}") for p in report.problems()])
    audit = dict(inputs)
    if repaired is not None:
        audit["repair"] = repaired
    if not recorded:  # a summary.json from before hashes were written: hash now, and say so
        audit["files"] = file_hashes(dict(scenario.files))
        audit["hashed_at"] = "publish"
    stored = CohortRecord(
        name=name,
        program=scenario.program,
        scenario_name=scenario.name,
        scenario_file=str(scenario.files["scenario"]),
        scenario_yaml=resolved_yaml(scenario),
        inputs=audit,
        outputs={f: file_sha256(out_dir / f) for f in ("pairs.csv", "summary.json")},
        solver_status=record.status,
        solver=record.solver,
        objective=record.objective,
        best_bound=record.best_bound,
        tool_version=record.tool_version,
        kpis=record.to_json()["kpis"],
    )
    people = scenario.people[["id", "role", "administration"]]
    engine = open_database(target, create=True, column="--db" if db is not None else "history_db")
    try:
        info = publish_cohort(engine, stored, pairs, people, replace=replace)
    except AlreadyPublished as exc:
        old = exc.existing
        raise InputError.single(
            display(target),
            None,
            "--cohort",
            f"cohort {old.name!r} is already published ({old.program}, {old.n_pairs} pairs, on {old.published_at}); "
            "nothing was written. Publish under another name (--cohort), or add --replace to replace it",
        ) from None
    finally:
        engine.dispose()
    return info, target
