"""The `matcher` command: run, validate, explain, generate.

Exit codes (docs/interface.md): 0 solved, 2 bad input, 3 infeasible, 4 no solution in time.
Errors are printed as FILE:ROW:COLUMN: message on stderr, never as a traceback.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from matcher.cli_help import LocalisedGroup
from matcher.clitools import (
    EXIT_INFEASIBLE,
    fail,
    handles_errors,
    lang_of,
    lang_option,
    out_dir_option,
    out_dir_or_default,
    points_text,
    with_time_limit,
    words,
)
from matcher.commands import register_commands
from matcher.errors import InfeasibleError, InputError, InputProblem
from matcher.html import Text
from matcher.i18n import Msg, Words, say


@click.group(cls=LocalisedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.version_option(package_name="gbg-matcher", prog_name="matcher")
def main(debug: bool) -> None:
    """Match mentors with adepts (and supervisors with trainees) under the scenario's rules."""


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path, dir_okay=False))
@out_dir_option("pairs.csv, unmatched.csv, summary.json, report.html, matching.xlsx")
@lang_option()
@click.option("--time-limit", type=float, default=None, help="Override solver.time_limit_s (seconds).")
@click.option("--db", default=None, help="History database (path or URL) for the history rules; overrides history_db:.")
@handles_errors
def run(scenario: Path, out_dir: Path | None, lang: str, time_limit: float | None, db: str | None) -> None:
    """Solve SCENARIO.yaml and write the outputs into --out (default: a new folder out/SCENARIO-TIME beside it)."""
    from matcher.engine import solve
    from matcher.output.folder import preflight
    from matcher.output.run import OUTPUT_FILES, write_result
    from matcher.scenario import Scenario

    started = time.perf_counter()
    loaded = Scenario.from_yaml(scenario, history_db=db)
    loaded.solver = with_time_limit(loaded.solver, time_limit)
    if out_dir is not None:  # refused before solving, not after
        preflight(out_dir, loaded.files.values(), OUTPUT_FILES)
    result = solve(loaded)
    out_dir = out_dir_or_default(out_dir, scenario)
    write_result(result, out_dir, lang=lang_of(lang))
    k = result.kpis
    w = words(lang, loaded.program)
    share = k["cross_administration_share"]
    cross = w("cli.run.cross", share=share) if share is not None and loaded.program == "mentorship" else ""
    click.echo(
        # The status code for scripts; whether it is proven best is said in words by `points`.
        w("cli.run.done", status=result.status, matched=k["matched_takers"], total=k["takers"],
          cross=cross, points=points_text(result.objective, result.best_bound, w), solver=result.solver,
          solve=result.solve_seconds, seconds=time.perf_counter() - started, out=str(out_dir)),
        err=True,
    )
    if result.time_limit_hit:
        from matcher.i18n import default_lang, say

        click.echo(say("solver.time_limit_hit", default_lang(lang), seconds=loaded.solver.time_limit_s), err=True)
    for price in result.fairness:
        click.echo(fairness_line(price, w), err=True)


def fairness_line(price: Any, w: Words) -> str:
    """A fairness rule's price (matcher.fairness_price.FairnessPrice) as one terminal line."""
    how = w("cli.fairness.exact" if price.exact else "cli.fairness.inexact")
    rule = Text(w.lang, w.program).rule_title(price.rule)
    if price.matched_without is None:
        return w("cli.fairness.none", rule=rule)
    if price.levelled_down:
        return w("cli.fairness.levelled", rule=rule, count=price.levelled_down, how=how)
    if price.score_lost is None:
        score = ""
    elif price.score_lost < 0:  # the rule raises the mean score (it matches fewer, better pairs)
        score = w("cli.fairness.score_gain", score=-price.score_lost)
    else:
        score = w("cli.fairness.score", score=price.score_lost)
    return w("cli.fairness.cost", rule=rule, lost=price.matches_lost or 0, score=score, how=how)


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path, dir_okay=False))
@lang_option()
@handles_errors
def validate(scenario: Path, lang: str) -> None:
    """Check SCENARIO.yaml's files and rules without solving; print the rules in force."""
    from constraints import REGISTRY
    from matcher.engine import build_model, model_terms
    from matcher.scenario import Scenario

    loaded = Scenario.from_yaml(scenario)
    # Building the model runs the same prechecks `run` does, so validate and run agree.
    try:
        model = build_model(loaded)
        conflict = None
    except InfeasibleError as exc:
        model, conflict = None, exc
    inst = model.inst if model is not None else loaded.instance()
    constraints = model.constraints if model is not None else loaded.active_constraints()
    w = words(lang, loaded.program)
    click.echo(w("cli.validate.scenario", name=loaded.name, program=w(f"cli.program.{loaded.program}")))
    click.echo(w("cli.validate.people", givers_n=inst.n_givers, places=int(inst.givers["capacity"].sum()),
                 takers_n=inst.n_takers))
    for kind in ("pair_scores", "exclusions", "locked"):
        table = getattr(loaded, kind)
        if table is not None:
            click.echo(w("cli.validate.file", kind=kind, count=len(table), file=loaded.files[kind].name))
    click.echo(w("cli.validate.hard"))
    for c in constraints:
        if c.hard or c.filter_mask(inst) is not None:
            click.echo(f"  {c.name:15} {c.describe().render(w.lang, loaded.program)}")
    if conflict is not None:
        raise conflict
    assert model is not None
    click.echo(w("cli.validate.levels"))
    terms = model_terms(model)
    by_name = {c.name: c for c in constraints}
    for c in (by_name[name] for priority in sorted(terms) for name in terms[priority]):
        click.echo(w("cli.validate.level", priority=c.params.priority, name=c.name, weight=c.params.weight,
                     describe=c.describe().render(w.lang, loaded.program)))
    deciding = [name for name, rule in REGISTRY.items() if rule.decides_matching]
    if not any(name in loaded.constraints for name in deciding):
        click.echo(w("cli.validate.no_coverage"), err=True)
    click.echo(w("cli.validate.ok"))


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--pair", "pair", default=None, help="MENTOR_ID,ADEPT_ID: why this pair was made.")
@click.option("--person", "person", default=None, help="ID: why this person was matched as they were, or not.")
@lang_option()
@handles_errors
def explain(out_dir: Path, pair: str | None, person: str | None, lang: str) -> None:
    """Say why a pair was made or why someone is unmatched, and which alternative came next."""
    from matcher.explain import explain_output
    from matcher.i18n import default_lang

    if (pair is None) == (person is None):
        raise InputError.single("explain", None, None, "give exactly one of --pair MENTOR_ID,ADEPT_ID or --person ID")
    click.echo(explain_output(out_dir, pair=pair, person=person, lang=default_lang(lang)))


@main.command(name="constraints")
@lang_option()
def constraints_command(lang: str) -> None:
    """List every constraint with its parameters and an example (docs/constraints.md)."""
    from matcher.catalogue import catalogue_markdown

    click.echo(catalogue_markdown())


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.argument("pairs_file", required=False, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@lang_option()
@handles_errors
def check(scenario: Path, pairs_file: Path | None, lang: str) -> None:
    """Re-verify a pairs.csv (e.g. edited by hand) against SCENARIO's hard rules, without solving.

    SCENARIO is a scenario file (then give PAIRS_FILE), or the --out folder of `matcher run` or
    `matcher repair`: its pairs.csv (or PAIRS_FILE) is checked against the scenario it was solved
    with, a repair's joiners and kept pairs included.
    One line per part of each rule: it holds, is broken (a part that must hold) or is not met (a
    preference). Exit 0 when every hard part holds, 3 when one does not (each violation is listed).
    """
    from matcher.checker import check_matching, report_lines
    from matcher.i18n import default_lang
    from matcher.io.pairs import read_pair_list
    from matcher.scenario import Scenario

    if scenario.is_dir():
        from matcher.run_record import read_run, solved_scenario

        record = read_run(scenario)
        loaded = solved_scenario(record, as_of="run")  # the history as the run saw it
        settled = record.settlements()  # what the fairness rules settled when the matching was made
        pairs_file = pairs_file or scenario / "pairs.csv"
    else:
        if pairs_file is None:
            raise InputError.single(
                str(scenario), None, None, "give the pairs file to check: matcher check SCENARIO.yaml PAIRS.csv"
            )
        loaded = Scenario.from_yaml(scenario)
        settled = {}
    report = check_matching(loaded, read_pair_list(pairs_file), settled)
    words = default_lang(lang)
    for line in report_lines(report, words):
        click.echo(line)
    if not report.valid:
        fail(EXIT_INFEASIBLE, [say("check.invalid", words, loaded.program, problem=p) for p in report.problems(words)])
    click.echo(say("check.ok", words, loaded.program))


@main.command()
@click.option("--mentors", type=click.IntRange(0), default=10, show_default=True)
@click.option("--adepts", type=click.IntRange(0), default=10, show_default=True)
@click.option("--program", type=click.Choice(["mentorship", "forste"]), default="mentorship", show_default=True)
@click.option("--capacity", default="1-1", show_default=True, help="Mentor capacity range, e.g. 1-3.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--swedish", is_flag=True, help="Swedish headers and values, as a Swedish Excel export.")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="People file to write (.csv, .xlsx or .json).",
)
@click.option(
    "--scores",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write a pair_scores file here.",
)
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@lang_option()
@handles_errors
def generate(
    mentors: int,
    adepts: int,
    program: str,
    capacity: str,
    seed: int,
    swedish: bool,
    out: Path,
    scores: Path | None,
    force: bool,
    lang: str,
) -> None:
    """Write a synthetic people file calibrated on the organisation's figures (fake names)."""
    from matcher.generate import generate_pair_scores, generate_people, write_people

    check_generate_options(mentors, adepts, out, scores)
    try:
        low, high = (int(part) for part in capacity.split("-", 1)) if "-" in capacity else (int(capacity),) * 2
    except ValueError:
        raise InputError.single("--capacity", None, None,
                                Msg("input.cli.capacity_range", {"value": repr(capacity)})) from None
    if low > high:
        raise InputError.single("--capacity", None, None, Msg("input.cli.capacity_order", {"value": repr(capacity)}))
    for target in (out, scores):
        if target is not None and target.exists() and not force:
            raise InputError.single(str(target), None, None, "file exists; choose another name or add --force")
    people = generate_people(
        mentors,
        adepts,
        seed=seed,
        program=program,  # type: ignore[arg-type]
        capacity=(low, high),
        swedish_headers=swedish,
    )
    write_people(people, out, excel_style=swedish)
    if scores is not None:
        table = generate_pair_scores(people, seed=seed)
        table.to_csv(scores, index=False)
    click.echo(json.dumps({"people": str(out), "rows": len(people), "scores": str(scores) if scores else None}))


#: The most people `generate` writes per side: 20 times the region benchmark's 5,000 mentors.
MAX_GENERATED = 100_000


def check_generate_options(mentors: int, adepts: int, out: Path, scores: Path | None) -> None:
    """Refuse, before generating anything, what would fail after (an .xls name) or never end."""
    from matcher.limits import MAX_POSSIBLE_PAIRS

    problems: list[InputProblem] = []
    for option, count in (("--mentors", mentors), ("--adepts", adepts)):
        if count > MAX_GENERATED:
            problems.append(InputProblem(option, None, None,
                                         Msg("input.cli.too_many", {"value": count, "limit": MAX_GENERATED})))
    if scores is not None and mentors * adepts > MAX_POSSIBLE_PAIRS:
        problems.append(InputProblem("--scores", None, None, Msg("input.cli.too_many_scores", {
            "pairs": mentors * adepts, "limit": MAX_POSSIBLE_PAIRS})))
    if out.suffix.lower() not in (".csv", ".xlsx", ".json"):
        kind = Msg("input.cli.out_kind", {"suffix": out.suffix or out.name})
        problems.append(InputProblem(str(out), None, None, kind))
    if problems:
        raise InputError(problems)


register_commands(main)

if __name__ == "__main__":  # pragma: no cover
    main()
