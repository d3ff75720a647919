"""`matcher history list|show COHORT|export COHORT --out FILE`: the published cohorts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from matcher.clitools import handles_errors, lang_option, points_text, status_text, words
from matcher.errors import InputError

DB_HELP = "History database: a file path (SQLite) or a URL (default: the --scenario's history_db:)."
SCENARIO_HELP = "A scenario file naming the database (history_db:), instead of --db."


def database_of(db: str | None, scenario: Path | None) -> str:
    """The database to read: --db as given, else the scenario file's `history_db:` (relative to the
    file that names it, through `extends:`), else a located error saying how to name one."""
    if db:
        return db
    if scenario is None:
        raise InputError.single(
            "--db", None, None,
            "name the history database: --db history.sqlite, or --scenario SCENARIO.yaml whose history_db: names it",
        )
    from matcher.history.db import is_url
    from matcher.scenario_file import load_with_extends

    config, origins, _ = load_with_extends(scenario)
    named = config.get("history_db")
    if not named:
        raise InputError.single(str(scenario), None, "history_db",
                                "this scenario names no history database; add `history_db: history.sqlite` or use --db")
    if is_url(str(named)):
        return str(named)
    folder = origins.get("history_db", (None, scenario.parent))[1]
    return str(Path(folder) / str(named))


def _open(db: str) -> Any:
    from matcher.history.db import open_database, resolve_target

    return open_database(resolve_target(db), create=False, column="--db")


def _cohort(engine: Any, db: str, name: str) -> Any:
    from matcher.history.db import display, get_cohort, list_cohorts

    info = get_cohort(engine, name)
    if info is None:
        known = ", ".join(c.name for c in list_cohorts(engine)) or "none yet"
        raise InputError.single(display(db), None, "COHORT", f"no cohort {name!r} is published; published: {known}")
    return info


@click.group(name="history")
def command() -> None:
    """The published cohorts: list them, show one (with its audit trail), export its pairs."""


@command.command(name="list")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--scenario", type=click.Path(path_type=Path, dir_okay=False), default=None, help=SCENARIO_HELP)
@lang_option()
@handles_errors
def list_command(db: str | None, scenario: Path | None, lang: str) -> None:
    """Every published cohort, per programme oldest first."""
    from matcher.history.db import list_cohorts

    engine = _open(database_of(db, scenario))
    try:
        found = list_cohorts(engine)
    finally:
        engine.dispose()
    w = words(lang)
    if not found:
        click.echo(w("cli.history.none"))
        return
    col = {name: w(f"cli.history.col.{name}") for name in ("cohort", "program", "published", "pairs", "status", "tool")}
    click.echo(f"{col['cohort']:16} {col['program']:11} {col['published']:26} {col['pairs']:>5}  {col['status']:9} "
               f"{col['tool']}")
    for c in found:
        click.echo(
            f"{c.name:16} {_program(c.program, w):11} {c.published_at:26} {c.n_pairs:>5}  {c.solver_status:9} "
            f"{c.tool_version}"
        )


def _cohort_and_pairs(db: str, cohort: str) -> tuple[Any, Any]:
    """The cohort's record and its pairs, the database closed again."""
    from matcher.history.db import cohort_pairs

    engine = _open(db)
    try:
        return _cohort(engine, db, cohort), cohort_pairs(engine, cohort)
    finally:
        engine.dispose()


@command.command(name="show")
@click.argument("cohort")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--scenario", type=click.Path(path_type=Path, dir_okay=False), default=None, help=SCENARIO_HELP)
@lang_option()
@handles_errors
def show_command(cohort: str, db: str | None, scenario: Path | None, lang: str) -> None:
    """A cohort's record: scenario, input hashes, solver status, tool version, and its pairs."""
    info, pairs = _cohort_and_pairs(database_of(db, scenario), cohort)
    w = words(lang, info.program)
    people = ", ".join(
        w("cli.history.people_count", count=n, role=w(f"role.{role}.many") if w.has(f"role.{role}.many") else role)
        for role, n in sorted(info.participants.items())
    )
    click.echo(w("cli.history.cohort", name=info.name, program=_program(info.program, w)))
    click.echo(w("cli.history.published", at=info.published_at))
    click.echo(w("cli.history.scenario", name=info.scenario_name, file=info.scenario_file))
    click.echo(w("cli.history.solver", status=status_text(info.solver_status, w), solver=info.solver,
                 points=points_text(_number(info.objective), _number(info.best_bound), w)))
    click.echo(w("cli.history.tool", version=info.tool_version))
    click.echo(w("cli.history.people", people=people, pairs=info.n_pairs))
    if info.inputs.get("history_cohorts"):
        click.echo(w("cli.history.seen", cohorts=", ".join(info.inputs["history_cohorts"])))
    click.echo(w("cli.history.inputs_hashed" if info.inputs.get("hashed_at") else "cli.history.inputs"))
    for kind, entry in sorted((info.inputs.get("files") or {}).items()):
        click.echo(f"  {kind:12} {entry.get('sha256')}  {entry.get('path')}")
    click.echo(w("cli.history.outputs"))
    for name, digest in sorted(info.outputs.items()):
        click.echo(f"  {name:12} {digest}")
    click.echo(w("cli.history.pairs"))
    for m, a, s in pairs.itertuples(index=False):
        click.echo(f"  {m} - {a}" + ("" if s is None else w("cli.history.score", score=s)))


def _program(program: str, w: Any) -> str:
    """The programme in words (mentorship / mentorskap); its code when the catalogue has none."""
    return str(w(f"cli.program.{program}")) if w.has(f"cli.program.{program}") else program


def _number(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


@command.command(name="export")
@click.argument("cohort")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--scenario", type=click.Path(path_type=Path, dir_okay=False), default=None, help=SCENARIO_HELP)
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False), help="CSV to write.")
@click.option("--scenario-yaml", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write the scenario file as published (to re-run it).")
@lang_option()
@handles_errors
def export_command(
    cohort: str, db: str | None, scenario: Path | None, out: Path, scenario_yaml: Path | None, lang: str
) -> None:
    """Write the cohort's pairs as CSV (mentor_id,adept_id,score; supervisor_id,trainee_id for trainees)."""
    from matcher.history.db import is_url, resolve_target
    from matcher.output.folder import atomic_write_text

    db = database_of(db, scenario)
    info, pairs = _cohort_and_pairs(db, cohort)
    protected = {Path(str(e.get("path"))).resolve() for e in (info.inputs.get("files") or {}).values()}
    if not is_url(db):
        protected.add(Path(resolve_target(db)))
    targets = [(out, pairs_csv(pairs, info.program))]
    if scenario_yaml is not None:
        targets.append((scenario_yaml, info.scenario_yaml))
    for path, _ in targets:
        if path.resolve() in protected:
            raise InputError.single(str(path), None, "--out", "is an input file of this cohort or the database: "
                                    "choose another name")
        if not path.parent.is_dir():
            raise InputError.single(str(path), None, "--out", f"folder {path.parent} does not exist")
    for path, text in targets:
        atomic_write_text(path, text)
    also = f", and the scenario as published to {scenario_yaml}" if scenario_yaml is not None else ""
    click.echo(f"wrote the {len(pairs)} pairs of cohort {info.name} to {out}{also}")


def pairs_csv(pairs: Any, program: str) -> str:
    """The pairs as CSV text, with the programme's column names (formula-looking cells neutralised)."""
    from matcher.output.cells import csv_text

    if program == "trainee":
        pairs = pairs.rename(columns={"mentor_id": "supervisor_id", "adept_id": "trainee_id"})
    return csv_text(pairs)
