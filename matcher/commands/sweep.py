"""`matcher sweep BASE.yaml --vary KEY=VALUES ... --out DIR`: a grid of what-if runs."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from matcher.clitools import (
    execution_options,
    handles_errors,
    lang_of,
    lang_option,
    out_dir_option,
    out_dir_or_default,
    progress,
    with_time_limit,
    words,
)
from matcher.errors import InputError

if TYPE_CHECKING:
    from matcher.output.folder import FileWriter

AXIS_KPIS = ("match_rate", "cross_administration_share", "score_mean", "score_min", "objective", "givers_used")


@click.command(name="sweep")
@click.argument("base", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--vary", "vary", multiple=True, required=True, metavar="KEY=V1,V2,...|KEY=START:STOP:STEP",
              help="A setting to vary, e.g. constraints.administration.min_cross_share=0:0.8:0.2 (repeatable).")
@out_dir_option("sweep.csv, sweep.html, sweep.json and points/*.yaml")
@execution_options
@click.option("--parquet", is_flag=True, help="Also write sweep.parquet (needs the parquet extra).")
@click.option("--x", "x_kpi", type=click.Choice(AXIS_KPIS), default="cross_administration_share",
              show_default=True, help="Trade-off plot: horizontal axis.")
@click.option("--y", "y_kpi", type=click.Choice(AXIS_KPIS), default="match_rate", show_default=True,
              help="Trade-off plot: vertical axis.")
@click.option("--time-limit", type=float, default=None, help="Override solver.time_limit_s for every point.")
@lang_option()
@handles_errors
def command(base: Path, vary: tuple[str, ...], out_dir: Path | None, workers: int | None, scheduler: str | None,
            parquet: bool, x_kpi: str, y_kpi: str, time_limit: float | None, lang: str) -> None:
    """Run BASE.yaml at every combination of the --vary values; table, trade-off plots, Pareto front."""
    from matcher.output.cells import csv_writer, text_writer
    from matcher.output.folder import write_bundle
    from matcher.scenario import Scenario
    from matcher.whatif.overrides import parse_vary
    from matcher.whatif.runner import Execution
    from matcher.whatif.sweep import Sweep
    from matcher.whatif.sweep_page import sweep_page

    w = words(lang)
    varied = [parse_vary(spec) for spec in vary]
    if parquet:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise InputError.single("--parquet", None, None, w("cli.sweep.parquet")) from None
    loaded = Scenario.from_yaml(base)
    loaded.solver = with_time_limit(loaded.solver, time_limit)
    sweep = Sweep.plan(loaded, varied)
    execution = Execution.from_options(scheduler, workers)
    where = execution.describe(w.lang)
    click.echo(w("cli.sweep.start", count=len(sweep.points), name=loaded.name, where=where), err=True)
    started = time.perf_counter()
    with progress(len(sweep.points), w("cli.progress.solving")) as advance:
        table = sweep.run(execution, on_done=lambda _i, _row: advance())
    seconds = time.perf_counter() - started
    html = sweep_page(sweep, table, execution=where, seconds=seconds, x=x_kpi, y=y_kpi, lang=lang_of(lang))
    meta = {
        "base": str(base.resolve()),
        "varied": {key: values for key, values in sweep.varied},
        "points": len(sweep.points),
        "statuses": table["status"].value_counts().to_dict(),
        "ran_on": execution.describe(),
        "seconds": round(seconds, 3),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "rerun": "matcher run OUT/points/point-NNNN.yaml --out DIR gives that point's matching",
    }
    out_dir = out_dir_or_default(out_dir, base, "sweep")
    writers: dict[str, FileWriter] = {
        "sweep.csv": csv_writer(table),
        "sweep.html": text_writer(html),
        "sweep.json": text_writer(json.dumps(meta, indent=2, default=str)),
    }
    if parquet:
        writers["sweep.parquet"] = lambda path: table.to_parquet(path, index=False)
    writers.update({name: text_writer(text) for name, text in sweep.point_files(out_dir).items()})
    write_bundle(out_dir, writers, protected=loaded.files.values())
    solved = table["status"].isin(["OPTIMAL", "FEASIBLE"])
    best = table[solved].sort_values(["match_rate", "score_mean"], ascending=False).head(1)
    most = "" if best.empty else w("cli.sweep.best", point=int(best["point"].iloc[0]),
                                   rate=float(best["match_rate"].iloc[0]))
    click.echo(w("cli.sweep.done", solved=int(solved.sum()), count=len(table), seconds=seconds, best=most,
                 out=str(out_dir / "sweep.html")), err=True)
