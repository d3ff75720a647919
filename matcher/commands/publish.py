"""`matcher publish OUT_DIR --cohort VT26 [--db PATH_OR_URL] [--replace]`: record a run as a cohort's."""

from __future__ import annotations

from pathlib import Path

import click

from matcher.clitools import handles_errors, lang_option, status_text, words


@click.command(name="publish")
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--cohort", default=None, help="The cohort's name, e.g. VT26 (default: the scenario's `cohort:`).")
@click.option("--db", default=None, help="History database: a file path (SQLite) or a URL; default: history_db:.")
@click.option("--replace", is_flag=True, help="Replace a cohort of that name already published (one transaction).")
@lang_option()
@handles_errors
def command(out_dir: Path, cohort: str | None, db: str | None, replace: bool, lang: str) -> None:
    """Record the matching in OUT_DIR (written by `matcher run`) as the cohort's, for the history rules.

    The input files must be unchanged since the run, and pairs.csv must hold every hard rule.
    Publishing a cohort name twice is refused unless --replace.
    """
    from matcher.history.db import display
    from matcher.history.publish import publish_output

    info, target = publish_output(out_dir, cohort=cohort, db=db, replace=replace)
    w = words(lang, info.program)
    program = w(f"cli.program.{info.program}") if w.has(f"cli.program.{info.program}") else info.program
    click.echo(
        w("cli.publish.done", name=info.name, program=program, pairs=info.n_pairs,
          status=status_text(info.solver_status, w), at=info.published_at, target=display(target)),
        err=True,
    )
