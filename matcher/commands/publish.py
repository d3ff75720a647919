"""`matcher publish OUT_DIR --cohort VT26 [--db PATH_OR_URL] [--replace]`: record a run as a cohort's."""

from __future__ import annotations

from pathlib import Path

import click

from matcher.clitools import handles_errors


@click.command(name="publish")
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--cohort", default=None, help="The cohort's name, e.g. VT26 (default: the scenario's `cohort:`).")
@click.option("--db", default=None, help="History database: a file path (SQLite) or a URL; default: history_db:.")
@click.option("--replace", is_flag=True, help="Replace a cohort of that name already published (one transaction).")
@handles_errors
def command(out_dir: Path, cohort: str | None, db: str | None, replace: bool) -> None:
    """Record the matching in OUT_DIR (written by `matcher run`) as the cohort's, for the history rules.

    The input files must be unchanged since the run, and pairs.csv must hold every hard rule.
    Publishing a cohort name twice is refused unless --replace.
    """
    from matcher.history.db import display
    from matcher.history.publish import publish_output

    info, target = publish_output(out_dir, cohort=cohort, db=db, replace=replace)
    click.echo(
        f"published {info.name} ({info.program}): {info.n_pairs} pairs, {info.solver_status}, "
        f"on {info.published_at} -> {display(target)}",
        err=True,
    )
