"""`matcher simulate BASE.yaml --dropout 0.15 --runs 200 --out DIR`: turnover, re-matched, in numbers."""

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
    words,
)

if TYPE_CHECKING:
    from matcher.output.folder import FileWriter


@click.command(name="simulate")
@click.argument("base", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dropout", type=click.FloatRange(0, 1), required=True,
              help="Probability that a mentor leaves during the year, e.g. 0.15.")
@click.option("--runs", type=click.IntRange(1), default=200, show_default=True, help="Simulated years.")
@click.option("--first-run", type=click.IntRange(1), default=1, show_default=True,
              help="Number of the first run (with --runs 1: repeat one run alone).")
@click.option("--seed", type=click.IntRange(0), default=None, help="Seed of the draws (default: solver.seed).")
@click.option("--pairs", "pairs_file", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="The year's starting pairs (a pairs.csv); default: solve BASE first.")
@click.option("--allow-moves", type=click.IntRange(0), default=0, show_default=True,
              help="Kept pairs each re-match may break to match more adepts.")
@out_dir_option("simulate.csv, simulate_summary.csv, simulate.html, simulate.json")
@execution_options
@lang_option()
@handles_errors
def command(base: Path, dropout: float, runs: int, first_run: int, seed: int | None, pairs_file: Path | None,
            allow_moves: int, out_dir: Path | None, workers: int | None, scheduler: str | None, lang: str) -> None:
    """Sample mentors leaving mid-year, re-match the stranded, report who is left without, per administration."""
    from matcher.engine import solve
    from matcher.output.cells import csv_writer, text_writer
    from matcher.output.folder import write_bundle
    from matcher.repair import read_current_pairs
    from matcher.scenario import Scenario
    from matcher.whatif.runner import Execution
    from matcher.whatif.simulate import Run, TurnoverModel, distribution, simulate
    from matcher.whatif.simulate_page import simulate_page

    loaded = Scenario.from_yaml(base)
    w = words(lang, loaded.program)
    if pairs_file is not None:
        raw = read_current_pairs(pairs_file)
        pairs = raw.rename(columns={"supervisor_id": "mentor_id", "trainee_id": "adept_id"})
        start = w("cli.simulate.from_pairs", file=str(pairs_file))
    else:
        pairs = solve(loaded).pairs
        start = w("cli.simulate.from_scenario")
    model = TurnoverModel.create(loaded, pairs, dropout, allow_moves=allow_moves, seed=seed)
    execution = Execution.from_options(scheduler, workers)
    where = execution.describe(w.lang)
    click.echo(w("cli.simulate.start", runs=runs, start=start, dropout=dropout, where=where), err=True)
    started = time.perf_counter()
    with progress(runs, w("cli.progress.simulating")) as advance:
        table = simulate(model, [Run(first_run + i) for i in range(runs)], execution,
                         on_done=lambda _i, _row: advance())
    seconds = time.perf_counter() - started
    summary = distribution(table)
    html = simulate_page(model, table, execution=where, seconds=seconds, lang=lang_of(lang))
    meta = {
        "scenario": str(base.resolve()), "pairs": str(pairs_file.resolve()) if pairs_file else None,
        "dropout": dropout, "runs": runs, "first_run": first_run, "seed": model.seed, "allow_moves": allow_moves,
        "ran_on": execution.describe(), "seconds": round(seconds, 3),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "rerun": "matcher simulate SCENARIO --dropout D --seed S --runs 1 --first-run N repeats run N",
    }
    writers: dict[str, FileWriter] = {
        "simulate.csv": csv_writer(table),
        "simulate_summary.csv": csv_writer(summary),
        "simulate.html": text_writer(html),
        "simulate.json": text_writer(json.dumps(meta, indent=2)),
    }
    protected = [*loaded.files.values(), *([pairs_file] if pairs_file else [])]
    out_dir = out_dir_or_default(out_dir, base, "simulate")
    write_bundle(out_dir, writers, protected=protected)
    total = summary[summary["administration"] == "all"].iloc[0]
    click.echo(
        w("cli.simulate.done", runs=runs, stranded=float(table["stranded"].mean()),
          left=float(total["left_without_mean"]), p95=float(total["left_without_p95"]), seconds=seconds,
          out=str(out_dir / "simulate.html")),
        err=True,
    )
