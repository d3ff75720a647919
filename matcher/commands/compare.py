"""`matcher compare A.yaml B.yaml ...`: the same participants under several scenarios.

Prints the KPI table (one letter per scenario) and writes compare.html (the steering
group's page: aggregates only), compare.csv (the KPI table) and pair_differences.csv (the
pairs that differ from the first scenario, with ids: for the coordinator) into --out.
A scenario without a matching is a column that says why, not a failed run: exit 0 once
the comparison is written, 2 on bad input.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from matcher.clitools import (
    conflict_text,
    handles_errors,
    lang_of,
    lang_option,
    out_dir_option,
    out_dir_or_default,
    status_text,
    with_time_limit,
    words,
)


@click.command(name="compare")
@click.argument("scenarios", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@out_dir_option("compare.html, compare.csv and pair_differences.csv")
@lang_option()
@click.option("--time-limit", type=float, default=None,
              help="Override every scenario's solver.time_limit_s (seconds).")
@handles_errors
def command(scenarios: tuple[Path, ...], out_dir: Path | None, lang: str, time_limit: float | None) -> None:
    """Compare SCENARIO files on the same participants: KPIs side by side and which pairs change.

    The first file is the baseline; the others are compared with it. Example:

    \b
    matcher compare scenarios/city/scenario.yaml scenarios/whatif/strict_gender.yaml --out out/whatif
    """
    from matcher.errors import InputError, InputProblem, rule_ref
    from matcher.output.cells import csv_writer, text_writer
    from matcher.output.folder import write_bundle
    from matcher.scenario import Scenario
    from matcher.whatif.compare import Outcome, compare_scenarios
    from matcher.whatif.compare_page import render_comparison
    from matcher.whatif.compare_terminal import terminal_table

    started = time.perf_counter()
    w = words(lang)
    if len(scenarios) < 2:
        raise InputError.single("compare", None, None, w("cli.compare.two_files"))
    loaded: list[Scenario] = []
    problems: list[InputProblem] = []
    for path in scenarios:  # every file's problems at once, not only the first file's
        try:
            scenario = Scenario.from_yaml(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        scenario.solver = with_time_limit(scenario.solver, time_limit)
        loaded.append(scenario)
    if problems:
        raise InputError(problems)

    def progress(outcome: Outcome) -> None:
        status = status_text(outcome.status, w)
        if outcome.result is not None:
            k = outcome.result.kpis
            click.echo(w("cli.compare.solved", name=outcome.name, status=status, matched=k["matched_takers"],
                         total=k["takers"], seconds=outcome.result.solve_seconds), err=True)
        else:
            click.echo(w("cli.compare.unsolved", name=outcome.name, status=status), err=True)
            said_in = words(lang, outcome.scenario.program)  # the reasons name mentors/adepts or supervisors/trainees
            for reason, rules in zip(outcome.reasons, outcome.rules, strict=True):
                said = conflict_text(reason, said_in)
                named = " + ".join(rule_ref(r).render(said_in.lang) for r in rules)
                click.echo(f"  - [{named}] {said}" if rules else f"  - {said}", err=True)

    comparison = compare_scenarios(loaded, on_solved=progress)
    page = render_comparison(comparison, lang=lang_of(lang))
    kpis = comparison.kpis.reset_index()
    differences = comparison.pair_differences_table()

    protected = [file for scenario in loaded for file in scenario.files.values()]
    out_dir = out_dir_or_default(out_dir, scenarios[0], "compare")
    write_bundle(
        out_dir,
        {
            "compare.html": text_writer(page),
            "compare.csv": csv_writer(kpis),
            "pair_differences.csv": csv_writer(differences),
        },
        protected=protected,
    )
    click.echo(terminal_table(comparison, lang=lang_of(lang)))
    failed = comparison.failed()
    if failed:
        which = ", ".join(f"{o.name}: {status_text(o.status, w)}" for o in failed)
        click.echo(w("cli.compare.failed", count=len(failed), total=len(comparison.outcomes), which=which), err=True)
    click.echo(
        w("cli.compare.done", count=len(comparison.outcomes), seconds=time.perf_counter() - started,
          rows=len(differences), out=str(out_dir)),
        err=True,
    )
