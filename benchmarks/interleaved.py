"""The engine beside scipy, measured so that the order and the machine cannot bias the ratio.

For every case (a scale, a capacity, every rule on) the instance is generated once; then each
*variant* is measured `repeats` times, every measurement in a fresh process (`benchmarks.child`):

* `scipy`: the baseline (load the CSV files, solve the capacity-expanded matrix, no side rule);
* `engine`: the whole run, the score file parsed afresh (`MATCHER_CACHE=off`), as a first run;
* `engine, cached`: the same with the parse cache filled by an untimed run before (a re-run,
  a sweep point).

The variants are interleaved and their order rotates from one repetition to the next (scipy
first, then engine first, ...), so neither side always runs on a warm or a cold disk cache,
nor always just after the other. Figures are medians with their min-max; the ratio is the
engine's median over scipy's, with the min-max of the per-repetition ratios. The 1-minute load
average is read before and after every measurement and reported beside every figure.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

VARIANTS = ("scipy", "engine", "engine, cached")


@dataclass(frozen=True)
class Case:
    """One instance: a scale, a capacity range, a score density and the rules."""

    label: str
    n_mentors: int
    n_adepts: int
    capacity: tuple[int, int]
    density: float = 1.0
    rules: str = "every rule"
    repeats: int = 3

    @property
    def key(self) -> str:
        extra = f", density {self.density:g}" if self.density < 1 else ""
        return (
            f"{self.label} {self.n_mentors}x{self.n_adepts} cap {self.capacity[0]}-{self.capacity[1]}, "
            f"{self.rules}{extra}"
        )


def run_child(step: str, target: Path, env: dict[str, str] | None = None, timeout: float = 1800,
              extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """One measurement in its own process; {"error": ...} when it failed."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.child", step, str(target), *extra],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})}, timeout=timeout, check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"error": f"{step} failed (exit {done.returncode}): {tail[0]}"}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def measure_case(case: Case, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Generate the instance, fill the cache with one untimed run, then the rotated repetitions."""
    from benchmarks.__main__ import ALL_RULES, PURE, REGION_RULES, write_instance

    rules = {"every rule": ALL_RULES, "pure scores": PURE}[case.rules]
    if case.density < 1 and case.rules == "every rule":
        rules = REGION_RULES  # sparse scores: an unlisted pair is not eligible
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        scenario = write_instance(
            folder, case.n_mentors, case.n_adepts, case.capacity, rules, density=case.density, time_limit_s=300
        )
        generated = time.perf_counter() - started
        with (folder / "scores.csv").open("rb") as handle:
            score_rows = sum(1 for _ in handle) - 1
        cache = {"MATCHER_CACHE_DIR": str(folder / "cache")}
        envs = {"engine": {"MATCHER_CACHE": "off"}, "engine, cached": cache}
        warm_up = run_child("engine", scenario, cache)  # fills the cache; not counted
        samples: dict[str, list[dict[str, Any]]] = {variant: [] for variant in VARIANTS}
        for repetition in range(case.repeats):
            shift = repetition % len(VARIANTS)
            for variant in VARIANTS[shift:] + VARIANTS[:shift]:
                step, target = ("scipy", folder) if variant == "scipy" else ("engine", scenario)
                sample = run_child(step, target, envs.get(variant))
                sample["order"] = repetition
                samples[variant].append(sample)
                log(f"  {case.key}: {variant} #{repetition + 1}: {_short(sample)}")
    return {
        "case": case.key,
        "label": case.label,
        "n_mentors": case.n_mentors,
        "n_adepts": case.n_adepts,
        "capacity": list(case.capacity),
        "density": case.density,
        "rules": case.rules,
        "score_rows": score_rows,
        "generate_seconds": generated,
        "warm_up": warm_up,
        "samples": samples,
    }


def _short(sample: dict[str, Any]) -> str:
    if "error" in sample:
        return str(sample["error"])
    text = f"{sample['seconds']:.3f} s, {sample['rss_mb']:.0f} MB, load {sample['load_before']}->{sample['load_after']}"
    if "status" in sample:
        text += f", {sample['solver']} {sample['status']}"
    return text


# -- statistics of a measured case ------------------------------------------------------------


def seconds(case: dict[str, Any], variant: str) -> list[float]:
    return [float(s["seconds"]) for s in case["samples"][variant] if "seconds" in s]


def rss(case: dict[str, Any], variant: str) -> list[float]:
    return [float(s["rss_mb"]) for s in case["samples"][variant] if "rss_mb" in s]


def loads(case: dict[str, Any]) -> list[float]:
    return [
        float(s[key])
        for variant in case["samples"]
        for s in case["samples"][variant]
        for key in ("load_before", "load_after")
        if s.get(key) is not None
    ]


def ratios(case: dict[str, Any], variant: str, of: Callable[[dict[str, Any], str], list[float]] = seconds) -> list[
    float]:
    """Per repetition: the variant's figure over scipy's of the same repetition."""
    base = {s["order"]: s for s in case["samples"]["scipy"] if "seconds" in s}
    out = []
    for sample in case["samples"][variant]:
        if "seconds" in sample and sample["order"] in base:
            key = "seconds" if of is seconds else "rss_mb"
            out.append(float(sample[key]) / float(base[sample["order"]][key]))
    return out


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


@dataclass(frozen=True)
class CliSetup:
    """One way of running the coordinator's command: an interpreter and its bytecode handling."""

    label: str  # in the report
    python: str
    #: True: Python's default, compiled modules cached (a first, untimed run writes them, to a
    #: folder of the benchmark's: nothing is written in the checkout). False: no bytecode written
    #: (PYTHONDONTWRITEBYTECODE=1, as set on this machine): every start compiles the project's modules.
    bytecode: bool
    verdict: bool = False  # the setup the target is judged on


def readme_install(folder: Path) -> str:
    """The coordinator's install, as the README's first command makes it: a new venv and
    `pip install -e .`, no extras (no pyarrow, which the test extras bring and pandas then
    imports on every start). Returns its interpreter."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, capture_output=True)
    python = folder / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "-e", str(ROOT)], check=True, capture_output=True)
    return str(python)


def cli_cohort(setups: list[CliSetup], repeats: int = 5) -> dict[str, Any]:
    """The coordinator's command on the example cohort, Python start-up included, in each setup:
    one untimed run each first, then `repeats` rounds with the setups' order rotated."""
    from benchmarks.child import load_average

    samples: list[dict[str, Any]] = [
        {"label": s.label, "python": s.python, "bytecode": s.bytecode, "verdict": s.verdict, "seconds": [],
         "loads": []}
        for s in setups
    ]
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as caches:
        envs = []
        for number, setup in enumerate(setups):
            env = dict(os.environ)
            if setup.bytecode:
                env.pop("PYTHONDONTWRITEBYTECODE", None)
                env["PYTHONPYCACHEPREFIX"] = str(Path(caches) / str(number))
            else:
                env["PYTHONDONTWRITEBYTECODE"] = "1"
                env.pop("PYTHONPYCACHEPREFIX", None)
            envs.append(env)

        def once(number: int) -> float:
            started = time.perf_counter()
            subprocess.run(
                [setups[number].python, "-m", "matcher.cli", "run", str(ROOT / "scenarios/cohort/scenario.yaml"),
                 "--out", out],
                check=True, capture_output=True, cwd=ROOT, env=envs[number],
            )
            return time.perf_counter() - started

        for number in range(len(setups)):
            once(number)  # untimed: writes the bytecode cache where Python would
        for repetition in range(repeats):
            shift = repetition % len(setups)
            for number in [*range(shift, len(setups)), *range(shift)]:
                samples[number]["loads"].append(load_average())
                samples[number]["seconds"].append(once(number))
                samples[number]["loads"].append(load_average())
    for sample in samples:
        sample["loads"] = [x for x in sample["loads"] if x is not None]
    return {"setups": samples}


def sweep(workers: tuple[int, ...] = (1, 2), scenario: Path | None = None,
          varied: list[tuple[str, list[Any]]] | None = None, repeats: int = 3) -> dict[str, Any]:
    """The README's 100-point city sweep serially and on local worker processes, `repeats` times
    each, the modes' order rotated from one repetition to the next (each run about 10-20 s; the
    load is read around each). Every run is a process of its own (`benchmarks.child sweep`), as a
    user's `matcher sweep` is: a serial run does not start warm from the runs before it, while
    the worker processes it is compared with always start cold. Figures are medians; every run's
    table, pair fingerprints included, is compared with the first serial one."""
    import pandas as pd

    from benchmarks.__main__ import CITY_SWEEP
    from matcher.whatif.sweep import comparable

    target = scenario or ROOT / "scenarios/city/scenario.yaml"
    grid = json.dumps(varied or CITY_SWEEP)
    samples: dict[int, list[dict[str, Any]]] = {count: [] for count in workers}
    first = None
    points, name = 0, ""
    with tempfile.TemporaryDirectory() as folder:
        for repetition in range(repeats):
            turn = repetition % len(workers)
            for count in (*workers[turn:], *workers[:turn]):
                table_file = Path(folder) / f"sweep-{repetition}-{count}.pkl"
                out = run_child("sweep", target, extra=(str(count), grid, str(table_file)))
                if "error" in out:
                    raise RuntimeError(out["error"])
                table = pd.read_pickle(table_file)
                points, name = int(out["points"]), str(out["scenario"])
                first = comparable(table) if first is None else first
                samples[count].append({
                    "seconds": out["seconds"], "load_before": out["load_before"], "load_after": out["load_after"],
                    "table": table, "same": comparable(table).equals(first),
                })
    runs: list[dict[str, Any]] = []
    for count in workers:
        done = samples[count]
        middle = sorted(done, key=lambda sample: sample["seconds"])[len(done) // 2]
        table = middle["table"]
        runs.append({
            "workers": count,
            "seconds": middle["seconds"],
            "seconds_all": [sample["seconds"] for sample in done],
            "load_before": middle["load_before"],
            "load_after": middle["load_after"],
            "point_seconds_max": float(table["seconds"].max()),
            "point_seconds_median": float(table["seconds"].median()),
            "statuses": {str(k): int(v) for k, v in table["status"].value_counts().items()},
            "time_limit_hit": int(table["time_limit_hit"].fillna(False).astype(bool).sum())
            if "time_limit_hit" in table else 0,
            "same_as_serial": all(sample["same"] for sample in done),
        })
    return {"points": points, "scenario": name, "repeats": repeats, "fresh_process": True, "runs": runs,
            "machine": two_at_once(repeats)}


#: A fixed piece of pure-Python work, about a second: what two cores give two processes at once.
_SPIN = "s = 0\nfor i in range(12_000_000):\n    s += i\n"


def two_at_once(repeats: int = 3) -> dict[str, Any]:
    """The machine's own speed-up on two processes, beside the sweep's: a fixed loop run alone
    and two copies at once, alternated `repeats` times. On two cores that share a host with
    others, two processes at once each run slower than one alone; the sweep cannot beat that."""

    def timed(copies: int) -> float:
        started = time.perf_counter()
        children = [subprocess.Popen([sys.executable, "-c", _SPIN]) for _ in range(copies)]
        for child in children:
            child.wait()
        return time.perf_counter() - started

    alone: list[float] = []
    together: list[float] = []
    for repetition in range(repeats):
        order = (1, 2) if repetition % 2 == 0 else (2, 1)
        for copies in order:
            (alone if copies == 1 else together).append(timed(copies))
    return {"alone": alone, "together": together,
            "speedup": 2 * statistics.median(alone) / statistics.median(together)}
