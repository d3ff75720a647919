"""`matcher repair CURRENT_PAIRS.csv SCENARIO.yaml --leavers ids.csv --joiners people.csv --out DIR`.

Mid-year: keeps every current pair that is still valid, matches the stranded and the joiners,
and says what changed (changes.csv, the report's Changes section, one line on stderr).
Exit codes as `matcher run`: 0 solved, 2 bad input, 3 infeasible (with a hint to allow moves
when keeping the pairs is part of the conflict), 4 no solution in time.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from matcher.clitools import (
    handles_errors,
    lang_of,
    lang_option,
    out_dir_option,
    out_dir_or_default,
    status_text,
    with_time_limit,
    words,
)


@click.command(name="repair")
@click.argument("current_pairs", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("scenario", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--leavers", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="File of the ids of people who left (a column `id`, or a single column).")
@click.option("--joiners", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="People file of those who joined (the same columns as the scenario's people file).")
@click.option("--allow-moves", "allow_moves", type=click.IntRange(min=0), default=0, show_default=True,
              help="Let the optimiser break at most N still-valid pairs when that matches more people.")
@out_dir_option("pairs.csv, unmatched.csv, summary.json, report.html, matching.xlsx and changes.csv")
@lang_option()
@click.option("--time-limit", type=float, default=None,
              help="Override solver.time_limit_s (seconds).")
@handles_errors
def command(
    current_pairs: Path,
    scenario: Path,
    leavers: Path | None,
    joiners: Path | None,
    allow_moves: int,
    out_dir: Path | None,
    lang: str,
    time_limit: float | None,
) -> None:
    """Re-match mid-year: keep CURRENT_PAIRS.csv's pairs that still hold, match the rest.

    CURRENT_PAIRS.csv is an earlier run's pairs.csv (mentor_id,adept_id or
    supervisor_id,trainee_id). SCENARIO.yaml is the cohort's scenario, with the people as they
    were; --leavers and --joiners say who left and who came. Example:
    matcher repair out/cohort/pairs.csv scenarios/cohort/scenario.yaml --leavers left.csv --out out/repair
    """
    from matcher.errors import InputError, InputProblem
    from matcher.repair import (
        RepairSources,
        check_out_dir,
        read_current_pairs,
        read_joiners,
        read_leavers,
        repair_matching,
        write_repair,
    )
    from matcher.scenario import Scenario

    started = time.perf_counter()
    loaded = Scenario.from_yaml(scenario)
    loaded.solver = with_time_limit(loaded.solver, time_limit)
    inputs = [current_pairs, *(p for p in (leavers, joiners) if p is not None)]
    out_dir = out_dir_or_default(out_dir, scenario, "repair")
    check_out_dir(out_dir, loaded, inputs)  # before solving, not after
    problems: list[InputProblem] = []  # every input file's problems at once
    current = leaver_ids = joiner_rows = None
    for read in ("current", "leavers", "joiners"):
        try:
            if read == "current":
                current = read_current_pairs(current_pairs)
            elif read == "leavers" and leavers is not None:
                leaver_ids = read_leavers(leavers, loaded)
            elif read == "joiners" and joiners is not None:
                joiner_rows = read_joiners(joiners)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems or current is None:
        raise InputError(problems)
    repair = repair_matching(loaded, current, leavers=leaver_ids or (), joiners=joiner_rows, allow_moves=allow_moves)
    sources = RepairSources(current_pairs, leavers, joiners)
    write_repair(repair, out_dir, lang=lang_of(lang), protected=inputs, sources=sources)
    result = repair.result
    k = result.kpis
    w = words(lang, loaded.program)
    click.echo(f"{status_text(result.status, w)}: {repair.summary_line(w.lang)}", err=True)
    click.echo(
        w("cli.repair.done", matched=k["matched_takers"], total=k["takers"], solver=result.solver,
          solve=result.solve_seconds, seconds=time.perf_counter() - started, out=str(out_dir)),
        err=True,
    )
