"""Optimality on instances too large for brute force, against solvers we drive ourselves.

(a) Pure assignment (pair_scores + soft coverage): scipy's linear_sum_assignment on the
    capacity-expanded score matrix gives the best total score among maximum matchings.
(b) Side rules (band, unit, min_cross_share, equal match rates, same-gender requests,
    topics, pair scores): the same MILP written here directly in highspy, from the people
    table and the rules' definitions (tests/brute_force.py), solved level by level.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import highspy
import numpy as np
import pytest
from brute_force import BruteForce
from scipy.optimize import linear_sum_assignment
from strategies import Spec

from matcher import solve
from matcher.checker import check_matching

ADMINS = ("Nordost", "Centrum", "Hisingen", "Sydväst")


def _assignment_spec(n_givers: int, n_takers: int, capacity: tuple[int, int], seed: int) -> tuple[Spec, np.ndarray]:
    rng = np.random.default_rng(seed)
    people = [
        {"id": f"M{g:03d}", "role": "mentor", "administration": ADMINS[g % 4], "gender": "woman", "years": 10,
         "capacity": int(rng.integers(capacity[0], capacity[1] + 1))}
        for g in range(n_givers)
    ] + [
        {"id": f"A{t:03d}", "role": "adept", "administration": ADMINS[t % 4], "gender": "man", "years": 1}
        for t in range(n_takers)
    ]
    scores = rng.integers(0, 101, size=(n_givers, n_takers))
    listed = rng.random((n_givers, n_takers)) < 0.9  # the rest are missing: they score 0
    scores = np.where(listed, scores, 0)
    table = [
        {"mentor_id": f"M{g:03d}", "adept_id": f"A{t:03d}", "score": int(scores[g, t])}
        for g, t in zip(*np.nonzero(listed), strict=True)
    ]
    spec = Spec(people, {"coverage": {"hard": False}, "pair_scores": {"weight": 1}}, pair_scores=table)
    return spec, scores


@pytest.mark.parametrize("backend", ["assignment", "min-cost-flow"])
@pytest.mark.parametrize(
    ("n_givers", "n_takers", "capacity", "seed"),
    [(40, 60, (1, 3), 1), (150, 200, (1, 3), 2), (60, 100, (1, 1), 3)],  # the last has fewer places than adepts
)
def test_pure_assignment_matches_linear_sum_assignment(
    backend: str, n_givers: int, n_takers: int, capacity: tuple[int, int], seed: int
) -> None:
    spec, scores = _assignment_spec(n_givers, n_takers, capacity, seed)
    capacities = np.array([p["capacity"] for p in spec.givers])
    expanded = np.repeat(scores, capacities, axis=0)  # one row per place
    rows, cols = linear_sum_assignment(expanded, maximize=True)
    best_total = int(expanded[rows, cols].sum())
    best_matched = len(cols)
    assert best_matched == min(int(capacities.sum()), n_takers)

    scenario = spec.scenario(backend=backend)
    result = solve(scenario)
    assert result.status == "OPTIMAL"
    assert result.solver == backend
    assert check_matching(scenario, result.pairs).valid
    assert len(result.pairs) == best_matched
    assert int(result.pairs["score"].sum()) == best_total
    assert result.objectives[1] == pytest.approx(best_matched)
    assert result.objectives[2] == pytest.approx(best_total)
    # the reported scores are the table's
    g = result.pairs["mentor_id"].str[1:].astype(int).to_numpy()
    t = result.pairs["adept_id"].str[1:].astype(int).to_numpy()
    assert (result.pairs["score"].to_numpy() == scores[g, t]).all()


# -- (b) side rules, against a MILP built here ---------------------------------------------

SIDE_RULES = {
    "coverage": {"hard": False, "priority": 1},
    "band": {},
    "unit": {},
    "administration": {"min_cross_share": 0.4},
    "gender_balance": {"equal_match_rate_tolerance": 0.05, "min_group_size": 3},  # requests soft, weight 1
    "topics": {"weight": 5, "priority": 2},
    "pair_scores": {"weight": 1, "priority": 2},
}
TOPIC_POOL = ("utredning", "barnsamtal", "BBIC", "LVU", "MI", "hedersrelaterat våld", "placering")


def _side_spec(seed: int, n_givers: int = 30, n_takers: int = 50) -> Spec:
    rng = np.random.default_rng(seed)

    def pick(options: tuple, weights: tuple) -> str:
        return str(options[int(rng.choice(len(options), p=np.array(weights) / sum(weights)))])

    def row(pid: str, role: str, giver: bool) -> dict:
        admin = pick(ADMINS, (4, 3, 3, 2))
        person = {
            "id": pid, "role": role, "administration": admin,
            "gender": pick(("woman", "man", "non-binary", "undisclosed"), (80, 15, 3, 2)),
            "band": pick(("Ny", "Van", "Erfaren"), (0, 2, 8) if giver else (8, 3, 0)),
            "unit": f"Enhet {int(rng.integers(1, 4))}",
            "topics": ";".join(rng.choice(TOPIC_POOL, size=int(rng.integers(0, 4)), replace=False)),
        }
        if giver:
            person["capacity"] = 1
        else:
            person["same_gender"] = "yes" if rng.random() < 0.15 else "no"
        return person

    people = [row(f"M{g:02d}", "mentor", True) for g in range(n_givers)]
    people += [row(f"A{t:02d}", "adept", False) for t in range(n_takers)]
    scores = [
        {"mentor_id": f"M{g:02d}", "adept_id": f"A{t:02d}", "score": int(rng.integers(0, 101))}
        for g in range(n_givers) for t in range(n_takers)
    ]
    return Spec(people, {k: dict(v) for k, v in SIDE_RULES.items()}, pair_scores=scores)


def _lexicographic_milp(spec: Spec) -> tuple[int, int]:
    """Level 1 (matched adepts) and level 2 (topics x 5 + score + honoured requests), by HiGHS."""
    bf = BruteForce(spec)  # only its per-pair definitions: eligibility and rewards
    n_g, n_t = len(bf.givers), len(bf.takers)
    pairs = [(g, t) for g in range(n_g) for t in range(n_t) if bf.allowed[g][t]]
    n = len(pairs)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.0)
    # HiGHS keeps one global thread scheduler per process; the engine may have set it to another
    # thread count in an earlier test, and then run() refuses to start (status kNotset).
    highspy.Highs.resetGlobalScheduler(True)
    h.setOptionValue("threads", 1)
    h.addVars(n, np.zeros(n), np.ones(n))
    everything = np.arange(n, dtype=np.int32)
    h.changeColsIntegrality(n, everything, np.array([highspy.HighsVarType.kInteger] * n))
    inf = highspy.kHighsInf

    def add_row(lower: float, upper: float, coef: dict[int, float]) -> None:
        idx = np.array(sorted(coef), dtype=np.int32)
        h.addRow(lower, upper, len(idx), idx, np.array([coef[i] for i in idx], dtype=np.float64))

    for g in range(n_g):  # capacity
        add_row(-inf, bf.givers[g].capacity, {e: 1.0 for e, (gg, _) in enumerate(pairs) if gg == g})
    for t in range(n_t):  # one mentor per adept
        add_row(-inf, 1.0, {e: 1.0 for e, (_, tt) in enumerate(pairs) if tt == t})
    share = Fraction(0.4).limit_denominator(1000)  # at least 40 % of pairs cross administrations
    add_row(0.0, inf, {e: float(share.denominator * bf.crosses(g, t) - share.numerator)
                       for e, (g, t) in enumerate(pairs)})
    genders = [p.gender for p in bf.takers]
    groups = {x: genders.count(x) for x in set(genders) if genders.count(x) >= 3}
    for a, b in itertools.permutations(sorted(groups), 2):  # rate_a - rate_b <= 0.05
        n_a, n_b = groups[a], groups[b]
        coef = {e: float(n_b * (genders[t] == a) - n_a * (genders[t] == b)) for e, (_, t) in enumerate(pairs)}
        add_row(-inf, math.floor(0.05 * n_a * n_b + 1e-9), coef)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)

    # level 1: as many adepts as possible
    h.changeColsCost(n, everything, np.ones(n))
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    level1 = round(h.getInfo().objective_function_value)
    # level 2: pair quality, with level 1 held
    add_row(level1 - 0.5, inf, {e: 1.0 for e in range(n)})
    quality = np.array([
        5 * bf.shared(g, t) + bf.scores.get((g, t), 0) + int(bf.takers[t].asks_same_gender and bf.request_ok(g, t))
        for g, t in pairs
    ], dtype=np.float64)
    h.changeColsCost(n, everything, quality)
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return level1, round(h.getInfo().objective_function_value)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_side_rules_match_our_own_highs_milp(seed: int) -> None:
    spec = _side_spec(seed)
    level1, level2 = _lexicographic_milp(spec)
    scenario = spec.scenario()
    result = solve(scenario)
    assert result.status == "OPTIMAL"
    assert check_matching(scenario, result.pairs).valid
    bf = BruteForce(spec)
    chosen = bf.assignment_of(result.pairs)
    assert bf.hard_ok(chosen)
    assert level1 < 50, "capacity 1 for 30 mentors: not everyone can be matched"
    assert result.objectives[1] == pytest.approx(level1)
    assert result.objectives[2] == pytest.approx(level2)
    assert [float(v) for v in bf.vector(chosen)[:2]] == pytest.approx([level1, level2])
