"""Probe: the Lagrangian back-end on a city-size Problem, beside a row-free assignment.

Not a test: a small script that prints figures. Run from the project root:

    PYTHONPATH=. python benchmarks/lagrangian_probe.py [--seed N] [--variants cap13,cap1]

The Problem is built directly (no people files): 1,000 givers, 1,500 takers, about 93% of
the pairs eligible (~1.4 M), priority 1 = coverage (+1 per pair, soft coverage), priority 2 =
a random integer score 0-100 plus a topic-like 0-5 term. Two global rows families:

* cross share: at least 40% of pairs cross administrations (4 labels weighted
  0.32/0.26/0.24/0.18), i.e. sum_e (5*cross_e - 2) x_e >= 0;
* equal match rates for women (87%) and men (13%) within 0.05, both directions.

With purely random scores neither row has anything to do (random pairs cross 74% of the
time; the rates come out equal), so the score has a *locality* part: a pair within one
administration gets +LOCAL_BONUS (travel, shared routines), which pulls the row-free optimum
far below the 40% cross share, and men's topic terms are drawn lower (MEN_TOPIC_SHIFT),
which pulls their match rate down when places are short. Variants:

* `plain`: capacity 1-3, random scores only: the row-free optimum meets the rows (the
  "capacity to spare" case, one assignment solve);
* `cap13`: capacity 1-3 (about 2,000 places, everyone can be matched), with locality: the
  cross-share row binds;
* `cap1`: capacity 1 (1,000 places for 1,500 takers), with locality: the cross share and
  the equal-rate rows bind.

Counters (cross pairs, pairs, matched adepts per gender) are set as the constraint modules
set them. The script prints, per variant, the row-free optimum's left-hand sides, and for the
Lagrangian back-end: build and solve seconds, status, per-level gap, the notes (dual
iterations, subproblem timings, restricted MIPs); and the time of the assignment back-end
(`flow.solve_assignment`: scipy's linear_sum_assignment, matrix build included) on the same
weights without rows.
"""

from __future__ import annotations

import argparse
import math
import time
from dataclasses import replace

import numpy as np

from matcher.problem import Problem, Row
from matcher.solvers.flow import solve_assignment
from matcher.solvers.lagrangian import solve_lagrangian
from matcher.solvers.settings import SolverSettings

N_GIVERS = 1000
N_TAKERS = 1500
ELIGIBLE_SHARE = 0.93
ADMINISTRATION_WEIGHTS = (0.32, 0.26, 0.24, 0.18)
WOMEN_SHARE = 0.87
CROSS_SHARE = (2, 5)  # 0.4 as numerator / denominator, as constraints/administration.py does
RATE_TOLERANCE = 0.05
LOCAL_BONUS = 30
MEN_TOPIC_SHIFT = 2


def build_problem(
    capacity: str, seed: int = 0, local_bonus: int = LOCAL_BONUS, men_shift: int = MEN_TOPIC_SHIFT
) -> Problem:
    """The probe Problem; `capacity` is "1-3" or "1"."""
    rng = np.random.default_rng(seed)
    giver_adm = rng.choice(4, size=N_GIVERS, p=ADMINISTRATION_WEIGHTS)
    taker_adm = rng.choice(4, size=N_TAKERS, p=ADMINISTRATION_WEIGHTS)
    taker_man = rng.random(N_TAKERS) >= WOMEN_SHARE
    giver_max = rng.integers(1, 4, N_GIVERS) if capacity == "1-3" else np.ones(N_GIVERS, dtype=np.int64)
    eligible = rng.random((N_GIVERS, N_TAKERS)) < ELIGIBLE_SHARE
    giver, taker = np.nonzero(eligible)
    n = len(giver)
    same = giver_adm[giver] == taker_adm[taker]
    score = rng.integers(0, 101, n) + local_bonus * same
    topic = rng.integers(0, 6, n) - men_shift * taker_man[taker]
    problem = Problem(
        n_givers=N_GIVERS,
        n_takers=N_TAKERS,
        giver=giver.astype(np.int64),
        taker=taker.astype(np.int64),
        giver_min=np.zeros(N_GIVERS, dtype=np.int64),
        giver_max=giver_max.astype(np.int64),
        taker_min=np.zeros(N_TAKERS, dtype=np.int64),
        fixed=np.zeros(n, dtype=bool),
    )
    problem.add_pair_objective(1, np.ones(n, dtype=np.int64))
    problem.add_pair_objective(2, score + np.maximum(topic, 0))
    problem.counters["cross-administration pairs"] = ~same
    problem.counters["pairs"] = np.ones(n, dtype=bool)
    problem.counters["matched man adepts"] = taker_man[taker]
    problem.counters["matched woman adepts"] = ~taker_man[taker]
    num, den = CROSS_SHARE
    problem.rows.append(
        Row(
            "administration",
            "administration.min_cross_share",
            "cross share",
            np.where(~same, den - num, -num).astype(float),
            ">=",
            0.0,
        )
    )
    n_man = int(taker_man.sum())
    n_woman = N_TAKERS - n_man
    groups = {"woman": (~taker_man, n_woman), "man": (taker_man, n_man)}
    for g, h in (("woman", "man"), ("man", "woman")):
        mask_g, n_g = groups[g]
        mask_h, n_h = groups[h]
        coef = np.where(mask_g[taker], n_h, 0) - np.where(mask_h[taker], n_g, 0)
        rhs = float(math.floor(RATE_TOLERANCE * n_g * n_h + 1e-9))
        problem.rows.append(
            Row("gender_balance", f"gender_balance.rate.{g}-{h}", "equal rates", coef.astype(float), "<=", rhs)
        )
    return problem


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variants", default="plain,cap13,cap1")
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()
    settings = SolverSettings(time_limit_s=args.time_limit, workers=2, seed=0, relative_gap=1e-4)
    for variant in args.variants.split(","):
        capacity = "1" if variant == "cap1" else "1-3"
        started = time.perf_counter()
        if variant == "plain":
            problem = build_problem(capacity, args.seed, local_bonus=0, men_shift=0)
        else:
            problem = build_problem(capacity, args.seed)
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        solution = solve_lagrangian(problem, settings)
        solve_s = time.perf_counter() - started
        gaps = {p: solution.bounds[p] - solution.objectives[p] for p in problem.priorities}
        iterations = next((note for note in solution.notes if note.startswith("dual:")), "dual: not needed")
        places = int(problem.giver_max.sum())
        print(f"== {variant}: capacity {capacity}, {problem.n_pairs:,} eligible pairs, {places} places")
        print(f"   build {build_s:.2f} s, solve {solve_s:.2f} s, status {solution.status}, {iterations.split(',')[0]}")
        print(f"   objectives {solution.objectives}, bounds {solution.bounds}, gap per level {gaps}")
        started = time.perf_counter()
        free = solve_assignment(replace(problem, rows=[]), settings).x  # scipy's linear_sum_assignment
        lsa_s = time.perf_counter() - started
        for row in problem.rows:
            print(
                f"   row {row.label}: lhs {float(row.coef @ solution.x):.0f} {row.sense} {row.rhs:.0f} "
                f"(row-free optimum: {float(row.coef @ free):.0f})"
            )
        for note in solution.notes:
            print(f"   note: {note}")
        print(f"   flow.solve_assignment (scipy linear_sum_assignment), same weights, no rows: {lsa_s:.2f} s")


if __name__ == "__main__":
    main()
