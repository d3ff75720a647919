"""`matcher plan BASE.yaml`: how many mentors to recruit so that every adept can be matched."""

from __future__ import annotations

import time
from pathlib import Path

import click

from matcher.clitools import (
    handles_errors,
    lang_option,
    out_dir_option,
    out_dir_or_default,
    status_text,
    with_time_limit,
    words,
)


@click.command(name="plan")
@click.argument("scenario", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--capacity",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Adepts each recruit takes (the programme's norm is 1).",
)
@out_dir_option("plan.csv, recruits.csv (rows to append to the people file) and plan.json")
@click.option("--verify", is_flag=True, help="Check the plan with `run`'s engine: everyone matched, one fewer not.")
@click.option("--time-limit", type=float, default=None, help="Override solver.time_limit_s (seconds).")
@lang_option()
@handles_errors
def command(scenario: Path, capacity: int, out_dir: Path | None, verify: bool, time_limit: float | None,
            lang: str) -> None:
    """The fewest mentors to recruit, per administration and band, so every adept can be matched.

    Solved as one optimisation under SCENARIO's hard rules with coverage made hard (soft
    preferences do not decide who can be matched). A recruit is assumed to have a unit of
    their own and no questionnaire scores yet. Exit 3 names the adepts or rules that no
    number of recruits can get past. The trainee programme is refused (exit 2): its quotas,
    not the supervisors, cap the placements.
    """
    from matcher.scenario import Scenario
    from matcher.whatif.plan import plan_recruits, verify_plan
    from matcher.whatif.plan_files import write_plan

    started = time.perf_counter()
    loaded = Scenario.from_yaml(scenario)
    loaded.solver = with_time_limit(loaded.solver, time_limit)
    w = words(lang, loaded.program)
    plan = plan_recruits(loaded, capacity=capacity, time_limit_s=time_limit)
    table = plan.table()
    inst = loaded.instance()
    giver = "one" if plan.total == 1 else "many"
    click.echo(w("cli.plan.headline", total=plan.total, recruits=w(f"role.{inst.giver_role}.{giver}"),
                 capacity=capacity, takers_n=inst.n_takers, givers_n=inst.n_givers,
                 places=int(inst.givers["capacity"].sum())))
    shown = table[table["recruits"] > 0]
    if not shown.empty:
        headers = {column: w(f"cli.plan.col.{column}") for column in shown.columns}
        click.echo(shown.rename(columns=headers).to_string(index=False))
    verification = None
    if verify:
        verification = verify_plan(loaded, plan)
        click.echo(w("cli.plan.verification"))
        for line in verification.lines(w.lang):
            click.echo(f"  {line}")
    out_dir = out_dir_or_default(out_dir, scenario, "plan")
    write_plan(plan, out_dir, verification)
    proof = w("cli.plan.proven") if plan.status == "OPTIMAL" else w("cli.plan.unproven", bound=plan.bound)
    click.echo(
        w("cli.plan.done", status=status_text(plan.status, w), total=plan.total,
          recruits=w("cli.plan.one_recruit" if plan.total == 1 else "cli.plan.recruits"), proof=proof,
          solve=plan.solve_seconds, seconds=time.perf_counter() - started, out=f" -> {out_dir}"),
        err=True,
    )
    if verification is not None and not verification.ok:
        raise RuntimeError(w("cli.plan.rejected", lines="; ".join(verification.lines(w.lang))))
