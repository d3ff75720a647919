"""`matcher plan BASE.yaml`: how many mentors to recruit so that every adept can be matched."""

from __future__ import annotations

import time
from pathlib import Path

import click

from matcher.clitools import handles_errors, out_dir_option, out_dir_or_default


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
@handles_errors
def command(scenario: Path, capacity: int, out_dir: Path | None, verify: bool, time_limit: float | None) -> None:
    """The fewest mentors to recruit, per administration and band, so every adept can be matched.

    Solved as one optimisation under SCENARIO's hard rules with coverage made hard (soft
    preferences do not decide who can be matched). A recruit is assumed to have a unit of
    their own and no questionnaire scores yet. Exit 3 names the adepts or rules that no
    number of recruits can get past. The trainee programme is refused (exit 2): its quotas,
    not the supervisors, cap the placements.
    """
    from matcher.scenario import Scenario
    from matcher.whatif.plan import plan_recruits, verify_plan, write_plan

    started = time.perf_counter()
    loaded = Scenario.from_yaml(scenario)
    plan = plan_recruits(loaded, capacity=capacity, time_limit_s=time_limit)
    table = plan.table()
    inst = loaded.instance()
    plural = "" if plan.total == 1 else "s"
    click.echo(
        f"{plan.total} {inst.giver_role}{plural} to recruit (capacity {capacity} each) so that all {inst.n_takers} "
        f"{inst.taker_role}s can be matched; today {inst.n_givers} {inst.giver_role}s offer "
        f"{int(inst.givers['capacity'].sum())} places."
    )
    shown = table[table["recruits"] > 0]
    if not shown.empty:
        click.echo(shown.to_string(index=False))
    verification = None
    if verify:
        verification = verify_plan(loaded, plan)
        click.echo("verification (the recruits added to the people, coverage hard, solved by `run`'s engine):")
        for line in verification.lines():
            click.echo(f"  {line}")
    out_dir = out_dir_or_default(out_dir, scenario, "plan")
    write_plan(plan, out_dir, verification)
    proof = (
        f"proven fewest (bound {plan.bound})"
        if plan.status == "OPTIMAL"
        else f"not proven fewest: at least {plan.bound} are needed"
    )
    click.echo(
        f"{plan.status}: {plan.total} recruit{plural}, {proof}; solve {plan.solve_seconds:.2f} s, "
        f"total {time.perf_counter() - started:.2f} s -> {out_dir}",
        err=True,
    )
    if verification is not None and not verification.ok:
        raise RuntimeError("the verification rejects the plan: " + "; ".join(verification.lines()))
