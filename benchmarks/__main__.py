"""Benchmarks of the engine beside scipy, measured interleaved (issue 15).

    python -m benchmarks              # every scale (100 x 150 ... 5,000 x 7,500), the CLI, the city sweep
    python -m benchmarks --only small # up to 300 x 450 (also: scales, region, sweep, cli)
    python -m benchmarks --quick      # one small case and a 6-point sweep, printed (the test suite's smoke run)
    python -m benchmarks.report       # RESULTS.md again from results.json

Each measurement runs in a process of its own, the engine and scipy interleaved with their
order rotated, with the machine's load read around each (`benchmarks.interleaved`,
`benchmarks.child`). The results go to benchmarks/results.json (a partial run replaces its own
cases) and RESULTS.md is generated from it (`benchmarks.report`), with each target met or missed.
`--only ladder|baselines|highs|stable|orlib` prints the older comparisons of this module
(side-constraint ladder, OR-Tools and plain HiGHS on the same model, stable matching,
OR-Library instances) without recording them; their code is why this module is longer than
500 lines (it is a harness, not product code).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import platform
import resource
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

from benchmarks.interleaved import Case

ROOT = Path(__file__).resolve().parent.parent

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
    """This process's peak resident memory since the last `reset_peak_rss` (Linux: VmHWM).

    Not ru_maxrss alone: it never goes down within a process, and on Linux it carries the forked
    parent's resident set over exec, so a step run in a child of a big benchmark process would
    report the parent's memory as its own.
    """
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss() -> None:
    """Start a new peak: on Linux (>= 4.0) writing 5 to /proc/self/clear_refs resets VmHWM."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")


def write_scenario(
    folder: Path,
    rules: str,
    *,
    filename: str = "scenario.yaml",
    label: str = "",
    exclusions: bool = False,
    locked: bool = False,
    time_limit_s: float = 120,
) -> Path:
    """A scenario file over the people.csv / scores.csv (and exclusions.csv / locked.csv) in `folder`."""
    pair_files = ("exclusions: exclusions.csv\n" if exclusions else "") + ("locked: locked.csv\n" if locked else "")
    scenario = folder / filename
    scenario.write_text(
        f"name: bench {label}\nprogram: mentorship\npeople: people.csv\npair_scores: scores.csv\n{pair_files}"
        f"solver: {{time_limit_s: {time_limit_s:g}, workers: 2, seed: 0}}\nconstraints:\n{rules}",
        encoding="utf-8",
    )
    return scenario


def write_instance(
    folder: Path,
    n_mentors: int,
    n_adepts: int,
    capacity: tuple[int, int],
    rules: str,
    seed: int = 7,
    *,
    exclusions: pd.DataFrame | None = None,
    locked: pd.DataFrame | None = None,
    density: float = 1.0,
    time_limit_s: float = 120,
) -> Path:
    """people.csv, scores.csv (and exclusions.csv / locked.csv when given) and scenario.yaml."""
    from matcher.generate import generate_pair_scores, generate_people, write_people

    people = generate_people(n_mentors, n_adepts, seed=seed, capacity=capacity)
    write_people(people, folder / "people.csv")
    generate_pair_scores(people, seed=seed, density=density).to_csv(folder / "scores.csv", index=False)
    if exclusions is not None:
        exclusions.to_csv(folder / "exclusions.csv", index=False)
    if locked is not None:
        locked.to_csv(folder / "locked.csv", index=False)
    return write_scenario(
        folder,
        rules,
        label=f"{n_mentors}x{n_adepts} cap {capacity}",
        exclusions=exclusions is not None,
        locked=locked is not None,
        time_limit_s=time_limit_s,
    )


def random_pairs(folder: Path, count: int, seed: int = 11) -> pd.DataFrame:
    """`count` distinct random mentor x adept pairs of the people.csv in `folder` (an exclusions file)."""
    people = pd.read_csv(folder / "people.csv", dtype=str, keep_default_na=False)
    mentors = people.loc[people["role"] == "mentor", "id"].to_numpy()
    adepts = people.loc[people["role"] == "adept", "id"].to_numpy()
    rng = np.random.default_rng(seed)
    flat = rng.choice(len(mentors) * len(adepts), size=min(count, len(mentors) * len(adepts)), replace=False)
    m, a = np.divmod(flat, len(adepts))
    return pd.DataFrame({"mentor_id": mentors[m], "adept_id": adepts[a], "reason": "benchmark exclusion"})


def scipy_baseline(folder: Path) -> tuple[float, float, int]:
    """Load the same scores and solve the capacity-expanded matrix with no side rule."""
    from scipy.optimize import linear_sum_assignment

    import matcher.engine  # noqa: F401 - import both sides' libraries before any clock starts

    started = time.perf_counter()
    mentors, _, matrix = _score_matrix(folder)
    rows = np.repeat(np.arange(len(mentors)), mentors["capacity"].astype(int).to_numpy())
    r, c = linear_sum_assignment(matrix[rows], maximize=True)
    seconds = time.perf_counter() - started
    return seconds, float(matrix[rows][r, c].sum()), len(r)


def baseline_row(case: str, seconds: float, objective: float, matched: int) -> Row:
    """The scipy baseline's row in the older comparisons: the same scores, no side rule, loading included."""
    return Row(
        case,
        "scipy linear_sum_assignment, no side rules (load + solve)",
        seconds,
        objective=f"score {objective:g}, {matched} matched",
    )


def engine_run(scenario: Path) -> tuple[float, Any]:
    from matcher import Scenario, solve  # imported before the clock starts, like scipy for the baseline

    reset_peak_rss()  # the row's peak RSS is this run's, not an earlier case's
    started = time.perf_counter()
    result = solve(Scenario.from_yaml(scenario))
    return time.perf_counter() - started, result


#: Capacity 1-3 (room to spare) and capacity 1 (tight: the fairness rules bind).
CAPACITIES: list[tuple[int, int]] = [(1, 3), (1, 1)]


# -- side-constraint ladder, baselines, OR-Library, region ----------------------------------

BAND_UNIT = "  band: {}\n  unit: {}\n"
ADMINISTRATION = "  administration: {mode: any, min_cross_share: 0.4}\n"
GENDER = "  gender_balance: {equal_match_rate_tolerance: 0.05, same_gender_requests: soft}\n"
TOPICS = "  topics: {weight: 2}\n"


def _engine_row(case: str, step: str, seconds: float, result: Any, base_s: float | None = None) -> Row:
    objective_text = ", ".join(f"p{p}={v:g}" for p, v in sorted(result.objectives.items()))
    bound_text = ", ".join(f"p{p}={v:g}" for p, v in sorted(result.bounds.items()))
    return Row(
        case,
        f"{step}matcher ({result.solver}; load + build + solve)",
        seconds,
        result.status,
        objective_text,
        bound_text,
        "unproven" if result.gap is None else f"{result.gap:.2e}",
        f"{seconds / base_s:.1f}x" if base_s else "",
        f"build {result.build_seconds:.2f} s, solve {result.solve_seconds:.2f} s; "
        f"{result.kpis['matched_takers']} matched; peak RSS {peak_rss_mb():.0f} MB",
    )


def ladder_case(n_mentors: int = 1000, n_adepts: int = 1500, capacity: tuple[int, int] = (1, 3)) -> list[Row]:
    """Pure scores, then one rule family more per step: where the time goes."""
    case = f"city ladder {n_mentors}x{n_adepts} cap {capacity[0]}-{capacity[1]}"
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_instance(folder, n_mentors, n_adepts, capacity, PURE)
        random_pairs(folder, 500).to_csv(folder / "exclusions.csv", index=False)
        base_s, base_obj, base_n = scipy_baseline(folder)
        rows.append(baseline_row(case, base_s, base_obj, base_n))
        steps: list[tuple[str, str, bool]] = [
            ("1 pure scores", PURE, False),
            ("2 + band/unit/500 exclusions", PURE + BAND_UNIT, False),
            ("3 + min_cross_share 0.4", PURE + BAND_UNIT + ADMINISTRATION, False),
            ("4 + equal match rate 0.05", PURE + BAND_UNIT + ADMINISTRATION + GENDER, False),
            ("5 + 20 locked pairs", PURE + BAND_UNIT + ADMINISTRATION + GENDER, True),
            ("6 all (+ topics)", PURE + BAND_UNIT + ADMINISTRATION + GENDER + TOPICS, True),
        ]
        for k, (step, rules, locked) in enumerate(steps):
            scenario = write_scenario(
                folder, rules, filename=f"step{k + 1}.yaml", label=step, exclusions=k > 0, locked=locked
            )
            seconds, result = engine_run(scenario)
            rows.append(_engine_row(case, f"step {step}: ", seconds, result, base_s))
            if k == 1:
                # Locked pairs from the optimum without global rows (band/unit/exclusions hold there).
                chosen = result.pairs.sample(n=min(20, len(result.pairs)), random_state=3)
                chosen[["mentor_id", "adept_id"]].to_csv(folder / "locked.csv", index=False)
    return rows


def _score_matrix(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    people = pd.read_csv(folder / "people.csv", dtype=str, keep_default_na=False)
    scores = pd.read_csv(folder / "scores.csv")
    mentors = people[people["role"] == "mentor"].reset_index(drop=True)
    adepts = people[people["role"] == "adept"].reset_index(drop=True)
    m_pos = pd.Index(mentors["id"]).get_indexer(scores["mentor_id"])
    a_pos = pd.Index(adepts["id"]).get_indexer(scores["adept_id"])
    matrix = np.zeros((len(mentors), len(adepts)), dtype=np.int64)
    matrix[m_pos, a_pos] = scores["score"].to_numpy()
    return mentors, adepts, matrix


def min_cost_flow_baseline(folder: Path) -> tuple[float, float, int]:
    """OR-Tools min-cost flow on the same score matrix, no side rules (load + build + solve)."""
    from matcher.problem import Problem
    from matcher.solvers.flow import solve_min_cost_flow
    from matcher.solvers.settings import SolverSettings

    started = time.perf_counter()
    mentors, adepts, matrix = _score_matrix(folder)
    giver, taker = np.nonzero(np.ones_like(matrix, dtype=bool))
    problem = Problem(
        n_givers=len(mentors),
        n_takers=len(adepts),
        giver=giver.astype(np.int64),
        taker=taker.astype(np.int64),
        giver_min=np.zeros(len(mentors), dtype=np.int64),
        giver_max=mentors["capacity"].to_numpy().astype(np.int64),
        taker_min=np.zeros(len(adepts), dtype=np.int64),
        fixed=np.zeros(len(giver), dtype=bool),
    )
    problem.add_pair_objective(1, matrix[giver, taker])
    solution = solve_min_cost_flow(problem, SolverSettings(workers=2))
    return time.perf_counter() - started, solution.objectives[1], int(solution.x.sum())


def stable_matching_baseline(folder: Path) -> tuple[float, float, int, int]:
    """The `matching` package's hospital-residents (resident-optimal) stable matching from the
    same scores: mentors = hospitals with their capacities, adepts = residents, preferences =
    scores sorted high to low (ties by id). Returns seconds, total score, matched, left out."""
    from matching.algorithms import hospital_resident
    from matching.games.hospital_resident import _make_players

    started = time.perf_counter()
    mentors, adepts, matrix = _score_matrix(folder)
    m_ids, a_ids = mentors["id"].tolist(), adepts["id"].tolist()
    by_adept = np.argsort(-matrix, axis=0, kind="stable")  # mentors per adept, best first
    by_mentor = np.argsort(-matrix, axis=1, kind="stable")
    resident_prefs = {a: [m_ids[i] for i in by_adept[:, j]] for j, a in enumerate(a_ids)}
    hospital_prefs = {m: [a_ids[j] for j in by_mentor[i]] for i, m in enumerate(m_ids)}
    capacities = dict(zip(m_ids, mentors["capacity"].astype(int), strict=True))
    # The package's own HR algorithm on its own players. Not through HospitalResident(...): its
    # constructor deep-copies the player graph, which exceeds Python's recursion limit already
    # at 100 x 150 with full preference lists (matching 1.4).
    residents, hospitals = _make_players(resident_prefs, hospital_prefs, capacities)
    matching = hospital_resident(residents, hospitals, optimal="resident")
    seconds = time.perf_counter() - started
    m_pos = {m: i for i, m in enumerate(m_ids)}
    a_pos = {a: j for j, a in enumerate(a_ids)}
    total, matched = 0, 0
    for hospital, residents in matching.items():
        for resident in residents:
            total += int(matrix[m_pos[str(hospital.name)], a_pos[str(resident.name)]])
            matched += 1
    return seconds, float(total), matched, len(a_ids) - matched


def _highs_same_milp(scenario: Path, time_limit_s: float) -> tuple[float, Any, str]:
    """The engine's side-constrained model handed to the mip-highs back-end (highspy) with a limit."""
    from matcher import Scenario
    from matcher.engine import build_model, solve_problem
    from matcher.problem import ProblemInfeasible, ProblemTimeout
    from matcher.solvers.settings import SolverSettings

    model = build_model(Scenario.from_yaml(scenario))
    settings = SolverSettings(time_limit_s=time_limit_s, workers=2, seed=0, backend="mip-highs")
    started = time.perf_counter()
    try:
        solution = solve_problem(model.problem, settings)
    except ProblemTimeout:
        return time.perf_counter() - started, None, f"no solution within {time_limit_s:g} s"
    except ProblemInfeasible as exc:
        return time.perf_counter() - started, None, f"infeasible: {exc.detail}"
    return (
        time.perf_counter() - started,
        solution,
        f"{model.problem.n_pairs:,} pairs, build {model.build_seconds:.2f} s",
    )


def plain_highs_rows(label: str, n_mentors: int, n_adepts: int, capacity: tuple[int, int], limit_s: float) -> list[Row]:
    """The engine beside plain HiGHS on the identical side-constrained MILP: same optimum? time ratio."""
    from benchmarks.second_solver import run_with_deadline

    case = f"{label} {n_mentors}x{n_adepts} cap {capacity[0]}-{capacity[1]}, every v1 rule: second solver"
    with tempfile.TemporaryDirectory() as tmp:
        scenario = write_instance(Path(tmp), n_mentors, n_adepts, capacity, ALL_RULES)
        seconds, result = engine_run(scenario)
        highs_s, objectives, bounds, status, detail = run_with_deadline(scenario, limit_s)
    text = ", ".join(f"p{p}={v:g}" for p, v in sorted(objectives.items()))
    bound_text = ", ".join(f"p{p}={v:g}" for p, v in sorted(bounds.items()))
    verdict = ""
    if status == "OPTIMAL":
        same = objectives == result.objectives
        verdict = "; same optimum as the engine" if same else "; optimum DIFFERS from the engine"
    gaps = [(bounds[p] - v) / max(abs(bounds[p]), 1.0) for p, v in objectives.items()]
    return [
        _engine_row(case, "", seconds, result),
        Row(
            case,
            f"plain HiGHS MIP on the same matrix, level by level, limit {limit_s:g} s (solve only)",
            highs_s,
            status,
            text,
            bound_text,
            f"{max([0.0, *gaps]):.2e}" if gaps else "",
            f"{highs_s / max(result.solve_seconds, 1e-9):.1f}x engine solve" if objectives else "",
            f"{detail}{verdict}",
        ),
    ]


def second_solver_cases() -> list[Callable[[], list[Row]]]:
    """Plain HiGHS on the identical MILP where it can finish (administration scale, both
    capacities) and at the city scale with a limit."""
    return [
        functools.partial(plain_highs_rows, "administration", 100, 150, (1, 3), 300.0),
        functools.partial(plain_highs_rows, "administration", 100, 150, (1, 1), 300.0),
        functools.partial(plain_highs_rows, "city", 1000, 1500, (1, 3), 60.0),
    ]


def baselines_case(
    n_mentors: int = 1000, n_adepts: int = 1500, capacity: tuple[int, int] = (1, 3), highs_limit_s: float = 60.0
) -> list[Row]:
    """The every-rule case beside scipy, OR-Tools min-cost flow, HiGHS on the same MILP and a
    stable matching, all in one run."""
    case = f"baselines {n_mentors}x{n_adepts} cap {capacity[0]}-{capacity[1]}, every v1 rule"
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scenario = write_instance(folder, n_mentors, n_adepts, capacity, ALL_RULES)
        base_s, base_obj, base_n = scipy_baseline(folder)
        rows.append(baseline_row(case, base_s, base_obj, base_n))
        flow_s, flow_obj, flow_n = min_cost_flow_baseline(folder)
        same = "same optimum as scipy" if abs(flow_obj - base_obj) < 0.5 else f"DIFFERS from scipy's {base_obj:g}"
        rows.append(
            Row(
                case,
                "OR-Tools min-cost flow, no side rules (load + build + solve)",
                flow_s,
                "OPTIMAL",
                f"score {flow_obj:g}, {flow_n} matched",
                ratio=f"{flow_s / base_s:.1f}x",
                note=same,
            )
        )
        seconds, result = engine_run(scenario)
        rows.append(_engine_row(case, "", seconds, result, base_s))
        highs_s, solution, detail = _highs_same_milp(scenario, highs_limit_s)
        if solution is None:
            rows.append(
                Row(case, f"HiGHS (highspy) same MILP, limit {highs_limit_s:g} s", highs_s, "NO SOLUTION", note=detail)
            )
        else:
            objective_text = ", ".join(f"p{p}={v:g}" for p, v in sorted(solution.objectives.items()))
            bound_text = ", ".join(f"p{p}={v:g}" for p, v in sorted(solution.bounds.items()))
            gaps = [
                (solution.bounds[p] - v) / max(abs(solution.bounds[p]), 1.0)
                for p, v in solution.objectives.items()
                if p in solution.bounds
            ]
            agrees = solution.objectives == result.objectives
            rows.append(
                Row(
                    case,
                    f"HiGHS (highspy) same MILP, limit {highs_limit_s:g} s (solve only)",
                    highs_s,
                    solution.status,
                    objective_text,
                    bound_text,
                    f"{max([0.0, *gaps]):.2e}",
                    f"{highs_s / max(result.solve_seconds, 1e-9):.1f}x engine solve",
                    f"{detail}; {'same objectives as the engine' if agrees else 'objectives DIFFER from the engine'}",
                )
            )
    rows += stable_matching_rows(n_mentors, n_adepts, capacity)
    return rows


#: The `matching` package works on Python lists of players (0.13 s at 100 x 150, 2.6 s at
#: 300 x 450, 74-86 s at the city's 1,000 x 1,500: growing faster than the pair count); above
#: this many mentor x adept pairs it is run at the administration scale instead, and the row says so.
STABLE_MAX_PAIRS = 2_000_000


def stable_matching_rows(n_mentors: int, n_adepts: int, capacity: tuple[int, int]) -> list[Row]:
    note = ""
    if n_mentors * n_adepts > STABLE_MAX_PAIRS:
        note = f"run at 100x150 instead of {n_mentors}x{n_adepts} (pure-Python package, too slow there); "
        n_mentors, n_adepts = 100, 150
    case = f"stable matching {n_mentors}x{n_adepts} cap {capacity[0]}-{capacity[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_instance(folder, n_mentors, n_adepts, capacity, PURE)
        base_s, base_obj, base_n = scipy_baseline(folder)
        seconds, total, matched, left = stable_matching_baseline(folder)
    return [
        baseline_row(case, base_s, base_obj, base_n),
        Row(
            case,
            "matching hospital_resident, resident-optimal (load + prefs + solve)",
            seconds,
            "STABLE",
            f"score {total:g}, {matched} matched",
            ratio=f"{seconds / base_s:.1f}x",
            note=f"{note}{left} adepts left out; score {100 * total / max(base_obj, 1):.1f}% of scipy's optimum",
        ),
    ]


def orlib_case(folder: Path | None = None) -> list[Row]:
    """OR-Library assignment files found in benchmarks/data/orlib/, each checked against its optimum."""
    from benchmarks import orlib

    folder = folder or orlib.DATA_DIR
    files = orlib.data_files(folder)
    if not files:
        return [
            Row(
                "OR-Library assignment",
                "matcher (solve_problem)",
                0.0,
                note="no OR-Library files in benchmarks/data/orlib/",
            )
        ]
    optima = dict(orlib.PUBLISHED_OPTIMA)
    if (folder / "assignopt.txt").is_file():
        optima.update(orlib.read_assignopt(folder / "assignopt.txt"))
    from ortools.graph.python import min_cost_flow  # noqa: F401 - both sides' libraries imported before any clock
    from scipy.optimize import linear_sum_assignment

    import matcher.engine  # noqa: F401

    rows = []
    for path in files:
        started = time.perf_counter()
        reference = orlib.read_orlib(path).cost_matrix()
        r, c = linear_sum_assignment(reference)
        base_s = time.perf_counter() - started
        base_cost = int(reference[r, c].sum())
        started = time.perf_counter()
        inst = orlib.read_orlib(path)
        load_s = time.perf_counter() - started
        cost, solution = orlib.solve_orlib(inst)
        seconds = time.perf_counter() - started
        expected = optima.get(inst.name)
        verdict = (
            "no published optimum"
            if expected is None
            else ("published optimum reproduced" if cost == expected else f"MISMATCH: published {expected}")
        )
        case = f"OR-Library {inst.name} ({'sparse' if inst.sparse else 'dense'}, n={inst.n})"
        rows += [
            Row(case, "scipy linear_sum_assignment (load + solve)", base_s, objective=f"cost {base_cost}"),
            Row(
                case,
                f"matcher ({solution.solver}; load + solve)",
                seconds,
                solution.status,
                f"cost {cost}",
                ratio=f"{seconds / base_s:.1f}x",
                note=f"{verdict}; load {load_s:.2f} s, solve {solution.solve_seconds:.2f} s",
            ),
        ]
    return rows


REGION_RULES = ALL_RULES.replace("pair_scores: {weight: 1}", "pair_scores: {weight: 1, missing: forbid}")


CITY_SWEEP = [
    ("constraints.gender_balance.equal_match_rate_tolerance", [0, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3]),
    ("constraints.administration.min_cross_share", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]),
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


#: The scales of issue 15, every rule on, capacity 1-3 and 1. Repetitions per variant: enough
#: for a median and for each variant to run first, second and third once; nine for the runs of a
#: tenth of a second, where one run's noise (0.015-0.027 s for the same scipy baseline in two runs
#: of 2026-12-06) moves a ratio by a third.
SCALE_CASES = [
    Case(label, n_m, n_a, capacity, density=density, repeats=repeats)
    for label, n_m, n_a, density, repeats in (
        ("administration", 100, 150, 1.0, 9),
        ("district", 300, 450, 1.0, 9),
        ("city", 1000, 1500, 1.0, 3),
        ("large city", 2000, 3000, 1.0, 3),
        ("region", 5000, 7500, 0.2, 3),
    )
    for capacity in CAPACITIES
]
QUICK_CASES = [Case("administration", 100, 150, (1, 3), repeats=1)]


def _meta() -> dict[str, Any]:
    return {
        "when": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "machine": f"{platform.machine()} · Python {platform.python_version()}",
        "versions": _versions(),
        "cores": _cpus(),
    }


def _merge(new: dict[str, Any]) -> dict[str, Any]:
    """The measured parts replace the same parts of the last results (cases by name)."""
    import json

    from benchmarks.report import RESULTS_JSON

    old: dict[str, Any] = json.loads(RESULTS_JSON.read_text(encoding="utf-8")) if RESULTS_JSON.is_file() else {}
    cases = {c["case"]: c for c in old.get("cases", [])}
    for case in new.get("cases", []):
        cases[case["case"]] = case
    order = [c.key for c in SCALE_CASES]
    merged = {**old, **{k: v for k, v in new.items() if k != "cases"}}
    merged["cases"] = sorted(cases.values(), key=lambda c: order.index(c["case"]) if c["case"] in order else 99)
    notes = ROOT / "benchmarks" / "notes.md"
    if notes.is_file():
        merged["notes"] = notes.read_text(encoding="utf-8")
    return merged


LEGACY = ("ladder", "baselines", "highs", "stable", "orlib")


def _cli(quick: bool, coordinator_python: str | None) -> dict[str, Any]:
    """The cohort CLI as the coordinator installs it (README's first command; Python's bytecode
    cache), judged; beside it this checkout's test environment with no bytecode written, as on
    this machine. The quick run measures this checkout both ways and installs nothing."""
    from benchmarks.interleaved import CliSetup, cli_cohort, readme_install

    here = "this checkout's environment (test extras, pyarrow among them)"
    if quick:
        setups = [CliSetup(f"{here}, bytecode cached", sys.executable, True),
                  CliSetup(f"{here}, no bytecode written", sys.executable, False, verdict=True)]
        return cli_cohort(setups, repeats=2)
    with tempfile.TemporaryDirectory() as folder:
        python = coordinator_python or readme_install(Path(folder) / "venv")
        setups = [CliSetup("as the coordinator installs it (README's first command, no extras), bytecode cached",
                           python, True, verdict=True),
                  CliSetup(f"{here}, no bytecode written", sys.executable, False)]
        return cli_cohort(setups, repeats=7)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.interleaved import measure_case, sweep
    from benchmarks.report import render, write_results

    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="one small case and a 6-point sweep; writes nothing")
    parser.add_argument("--no-append", action="store_true", help="print only; leave results.json and RESULTS.md")
    parser.add_argument("--cli-python", metavar="PYTHON",
                        help="the coordinator's install to time the cohort CLI with (default: one made as the "
                        "README's first command makes it, in a temporary folder)")
    parser.add_argument(
        "--only",
        choices=["scales", "small", "region", "sweep", "cli", *LEGACY],
        help="one group: scales (all but the region), small (up to 300 x 450), region, sweep, cli; "
        "or an older comparison, printed only: " + ", ".join(LEGACY),
    )
    args = parser.parse_args(argv)
    if args.only in LEGACY:
        legacy: dict[str, Callable[[], list[Row]]] = {
            "ladder": ladder_case,
            "baselines": baselines_case,
            "highs": lambda: [row for case in second_solver_cases() for row in case()],
            "stable": lambda: stable_matching_rows(1000, 1500, (1, 3)),
            "orlib": orlib_case,
        }
        print(markdown(legacy[args.only](), f"only {args.only}"))
        return 0
    if args.quick:
        cases, do_sweep, do_cli = QUICK_CASES, True, True
    else:
        small = [c for c in SCALE_CASES if c.n_mentors <= 300]
        cases = {
            None: SCALE_CASES, "scales": [c for c in SCALE_CASES if c.label != "region"], "small": small,
            "region": [c for c in SCALE_CASES if c.label == "region"], "sweep": [], "cli": [],
        }[args.only]
        do_sweep = args.only in (None, "sweep")
        do_cli = args.only in (None, "cli", "scales")
    new: dict[str, Any] = {"meta": _meta(), "cases": []}
    if do_cli:
        new["cli"] = _cli(args.quick, args.cli_python)
        for setup in new["cli"]["setups"]:
            print(f"cohort CLI, {setup['label']}: {setup['seconds']}", flush=True)
    for case in cases:
        print(case.key, flush=True)
        new["cases"].append(measure_case(case))
    if do_sweep:
        if args.quick:
            grid = [(CITY_SWEEP[0][0], [0, 0.1]), (CITY_SWEEP[1][0], [0.2, 0.5, 0.8])]
            new["sweep"] = sweep(scenario=ROOT / "scenarios/cohort/scenario.yaml", varied=grid, repeats=1)
        else:
            new["sweep"] = sweep()
        for run in new["sweep"]["runs"]:
            print(f"sweep {new['sweep']['points']} points, {run['workers']} worker(s): {run['seconds']:.1f} s, "
                  f"slowest point {run['point_seconds_max']:.2f} s, statuses {run['statuses']}, "
                  f"same as serial: {run['same_as_serial']}", flush=True)
    if args.quick or args.no_append:
        print(render({**new, "notes": None}))
        return 0
    write_results(_merge(new))
    return 0


if __name__ == "__main__":
    sys.exit(main())
