"""Benchmarks of the engine beside baselines run in the same process.

Absolute seconds drift on shared 2-core machines; the ratio to a baseline measured in the
same run does not. Instances come from the project's own generator, seeded.

    python -m benchmarks            # full: cohort CLI, city-scale pure and with every rule
    python -m benchmarks --quick    # cohort + administration scale only (the test suite's smoke run)
    python -m benchmarks --no-append   # print only, do not append to RESULTS.md
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"

ALL_RULES = """  coverage: {hard: false, priority: 1}
  band: {}
  unit: {}
  administration: {mode: any, min_cross_share: 0.4}
  gender_balance: {equal_match_rate_tolerance: 0.05, same_gender_requests: soft}
  topics: {weight: 2}
  pair_scores: {weight: 1}
"""
PURE = """  coverage: {hard: false, priority: 1}
  pair_scores: {weight: 1}
"""


@dataclass
class Row:
    case: str
    method: str
    seconds: float
    status: str = ""
    objective: str = ""
    bound: str = ""
    gap: str = ""
    ratio: str = ""
    note: str = ""


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_instance(
    folder: Path, n_mentors: int, n_adepts: int, capacity: tuple[int, int], rules: str, seed: int = 7
) -> Path:
    from matcher.generate import generate_pair_scores, generate_people, write_people

    people = generate_people(n_mentors, n_adepts, seed=seed, capacity=capacity)
    write_people(people, folder / "people.csv")
    generate_pair_scores(people, seed=seed).to_csv(folder / "scores.csv", index=False)
    scenario = folder / "scenario.yaml"
    scenario.write_text(
        f"name: bench {n_mentors}x{n_adepts} cap {capacity}\nprogram: mentorship\npeople: people.csv\n"
        f"pair_scores: scores.csv\nsolver: {{time_limit_s: 120, workers: 2, seed: 0}}\nconstraints:\n{rules}",
        encoding="utf-8",
    )
    return scenario


def scipy_baseline(folder: Path) -> tuple[float, float, int]:
    """Load the same scores and solve the capacity-expanded matrix with no side rule."""
    from scipy.optimize import linear_sum_assignment

    import matcher.engine  # noqa: F401 - import both sides' libraries before any clock starts

    started = time.perf_counter()
    people = pd.read_csv(folder / "people.csv", dtype=str, keep_default_na=False)
    scores = pd.read_csv(folder / "scores.csv")
    mentors = people[people["role"] == "mentor"].reset_index(drop=True)
    adepts = people[people["role"] == "adept"].reset_index(drop=True)
    m_pos = pd.Index(mentors["id"]).get_indexer(scores["mentor_id"])
    a_pos = pd.Index(adepts["id"]).get_indexer(scores["adept_id"])
    matrix = np.zeros((len(mentors), len(adepts)))
    matrix[m_pos, a_pos] = scores["score"].to_numpy()
    rows = np.repeat(np.arange(len(mentors)), mentors["capacity"].astype(int).to_numpy())
    r, c = linear_sum_assignment(matrix[rows], maximize=True)
    seconds = time.perf_counter() - started
    return seconds, float(matrix[rows][r, c].sum()), len(r)


def engine_run(scenario: Path) -> tuple[float, Any]:
    from matcher import Scenario, solve  # imported before the clock starts, like scipy for the baseline

    started = time.perf_counter()
    result = solve(Scenario.from_yaml(scenario))
    return time.perf_counter() - started, result


def cohort_cli(repeats: int = 5) -> Row:
    """The coordinator's command, Python start-up included."""
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeats):
            started = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "matcher.cli",
                    "run",
                    str(ROOT / "scenarios/cohort/scenario.yaml"),
                    "--out",
                    out,
                ],
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - started)
    median = statistics.median(times)
    verdict = "target < 1.5 s: " + ("met" if median < 1.5 else "MISSED")
    return Row(
        "cohort 10x10, CLI end to end",
        "matcher run",
        median,
        note=f"median of {repeats}; min {min(times):.2f} s; {verdict}",
    )


def scale_case(
    label: str, n_mentors: int, n_adepts: int, capacity: tuple[int, int], rules: str, rules_label: str
) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scenario = write_instance(folder, n_mentors, n_adepts, capacity, rules)
        base_s, base_obj, base_n = scipy_baseline(folder)
        seconds, result = engine_run(scenario)
    case = f"{label} {n_mentors}x{n_adepts} cap {capacity[0]}-{capacity[1]}, {rules_label}"
    objective_text = ", ".join(f"p{p}={v:g}" for p, v in sorted(result.objectives.items()))
    bound_text = ", ".join(f"p{p}={v:g}" for p, v in sorted(result.bounds.items()))
    return [
        Row(
            case,
            "scipy linear_sum_assignment, no side rules (load + solve)",
            base_s,
            objective=f"score {base_obj:g}, {base_n} matched",
        ),
        Row(
            case,
            f"matcher ({result.solver}; load + build + solve)",
            seconds,
            result.status,
            objective_text,
            bound_text,
            f"{result.gap:.2e}",
            f"{seconds / base_s:.1f}x",
            f"build {result.build_seconds:.2f} s, solve {result.solve_seconds:.2f} s; "
            f"{result.kpis['matched_takers']} matched; peak RSS {peak_rss_mb():.0f} MB",
        ),
    ]


def example_case(label: str, scenario: Path) -> list[Row]:
    """One of the bundled example scenarios, solved in process (its data are in scenarios/)."""
    if not scenario.is_file():
        return [Row(label, "matcher", 0.0, note=f"{scenario} not present")]
    seconds, result = engine_run(scenario)
    objective_text = ", ".join(f"p{p}={v:g}" for p, v in sorted(result.objectives.items()))
    bound_text = ", ".join(f"p{p}={v:g}" for p, v in sorted(result.bounds.items()))
    k = result.kpis
    return [
        Row(
            label,
            f"matcher ({result.solver}; load + build + solve)",
            seconds,
            result.status,
            objective_text,
            bound_text,
            f"{result.gap:.2e}",
            "",
            f"{k['matched_takers']} of {k['takers']} placed; build {result.build_seconds:.2f} s, "
            f"solve {result.solve_seconds:.2f} s",
        )
    ]


def markdown(rows: list[Row], title: str) -> str:
    lines = [
        f"### {title}",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.machine()} · {platform.python_version()} · "
        f"{_versions()} · {_cpus()} cores",
        "",
        "| case | method | seconds | status | objective | bound | gap | ratio | note |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.case} | {r.method} | {r.seconds:.3f} | {r.status} | {r.objective} | {r.bound} | "
            f"{r.gap} | {r.ratio} | {r.note} |"
        )
    return "\n".join(lines) + "\n"


def _versions() -> str:
    from importlib.metadata import version

    return ", ".join(f"{p} {version(p)}" for p in ("ortools", "scipy", "numpy", "pandas"))


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="cohort and administration scale only")
    parser.add_argument("--no-append", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args(argv)
    cases: list[Callable[[], list[Row]]] = [
        lambda: [cohort_cli(3 if args.quick else 5)],
        lambda: scale_case("administration", 100, 150, (1, 3), PURE, "pure scores"),
        lambda: scale_case("administration", 100, 150, (1, 1), ALL_RULES, "every v1 rule"),
    ]
    cases += [
        lambda: example_case("trainee term (scenarios/trainee)", ROOT / "scenarios/trainee/scenario.yaml"),
    ]
    if not args.quick:
        cases += [
            lambda: example_case(
                "100-placement term (scenarios/stockholm)", ROOT / "scenarios/stockholm/scenario.yaml"
            ),
            lambda: scale_case("city", 1000, 1500, (1, 3), PURE, "pure scores"),
            lambda: scale_case("city", 1000, 1500, (1, 3), ALL_RULES, "every v1 rule"),
            lambda: scale_case("city", 1000, 1500, (1, 1), ALL_RULES, "every v1 rule"),
        ]
    rows: list[Row] = []
    for case in cases:
        new = case()
        for row in new:
            print(
                f"{row.case:55} {row.method:55} {row.seconds:8.3f} s {row.status:9} {row.gap:9} {row.ratio:6} "
                f"{row.note}",
                flush=True,
            )
        rows += new
    text = markdown(rows, "quick run" if args.quick else "full run")
    if not args.no_append:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
