"""Property tests for the trainee programme: the engine against an exhaustive search written here.

Random small trainee terms (1-5 supervisors, 1-6 trainees) with a random subset of the trainee
rules (administration_quota, supervisor_trained, same_administration [+ same_unit],
preference, gender_target) and coverage hard or soft at priority 1.

The exhaustive search enumerates every assignment of each trainee to a supervisor or to
nobody and decides validity and the objective vector from the rules' definitions
(docs/constraints.md and the constraint modules' docstrings), never from the engine's model.
Its validity predicate is cross-checked against the independent checker
(`matcher.checker.check_matching`) on random assignments and on every assignment it relies
on (the witness of feasibility, the lexicographic best), so "no valid matching" means
no assignment the checker accepts either.

Objective per priority (1, 2, 3), from the definitions:
  coverage soft             weight x matched trainees
  preference                weight x points[rank of the supervisor's administration in applied_to] (0 beyond)
  supervisor_trained soft   weight x pairs with a trained supervisor
  same_administration soft  weight x pairs where the trainee applied (and unit, with same_unit)
  gender_target soft        -(weight / q) x max(0, p N - q k), p/q the applied target
                            (Fraction(share).limit_denominator(1000), lowered with only_if_possible
                            to min(applicants, places) / places, places = min(capacity, trainees,
                            hard-quota limit)); N selected, k selected of the gender
  administration_quota soft -weight x placements over quota, per administration
"""

from __future__ import annotations

import itertools
import random
import unicodedata
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import composite
from objectives import close, engine_vector, lex_better

from matcher import InfeasibleError, Scenario, solve
from matcher.checker import check_matching

ADMINISTRATIONS = ("Nordost", "Centrum", "Hisingen", "Sydväst")
UNITS = ("Enhet 1", "Enhet 2")
GENDERS = ("woman", "man", "non-binary", "undisclosed")
PRIORITIES = (1, 2, 3)
SHARES = (0.0, 0.1, 0.2, 0.25, 0.3, 1 / 3, 0.4, 0.5, 0.6)

Assignment = tuple[int | None, ...]  # per trainee: the supervisor's position, or None
Vector = tuple[Fraction, ...]

PROPERTY = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(text).strip().lower())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


# -- the random term -------------------------------------------------------------------------


@dataclass
class Term:
    supervisors: list[dict[str, Any]]
    trainees: list[dict[str, Any]]
    choices: list[list[tuple[str, str]]]  # per trainee: (administration, unit or '') in order
    constraints: dict[str, dict[str, Any]]

    @property
    def people(self) -> list[dict[str, Any]]:
        return self.supervisors + self.trainees

    def scenario(self, backend: str = "auto") -> Scenario:
        return Scenario.from_people(
            self.people,
            program="trainee",
            constraints=self.constraints,
            solver={"time_limit_s": 20, "workers": 1, "seed": 0, "backend": backend},
        )


@composite
def terms(draw: st.DrawFn, max_supervisors: int = 5, max_trainees: int = 6) -> Term:
    n_sup = draw(st.integers(1, max_supervisors))
    n_tr = draw(st.integers(1, max_trainees))
    supervisors = [
        {
            "id": f"S{i + 1}",
            "role": "supervisor",
            "administration": draw(st.sampled_from(ADMINISTRATIONS)),
            "gender": draw(st.sampled_from(GENDERS)),
            "years": draw(st.integers(3, 20)),
            "capacity": draw(st.integers(0, 2)),
            "unit": draw(st.sampled_from(UNITS)),
            "supervisor_trained": draw(st.sampled_from(("yes", "no"))),
        }
        for i in range(n_sup)
    ]
    trainees, choices = [], []
    for i in range(n_tr):
        applied = draw(st.lists(st.sampled_from(ADMINISTRATIONS), min_size=1, max_size=3, unique=True))
        parts, mine = [], []
        for administration in applied:
            unit = draw(st.sampled_from(("", "", *UNITS, "ENHET  1")))
            parts.append(f"{administration}/{unit}" if unit else administration)
            mine.append((administration, unit))
        trainees.append(
            {
                "id": f"T{i + 1}",
                "role": "trainee",
                "administration": applied[0],
                "gender": draw(st.sampled_from(GENDERS)),
                "years": 0,
                "applied_to": ";".join(parts),
            }
        )
        choices.append(mine)

    def soft(extra: dict[str, Any] | None = None) -> dict[str, Any]:
        return {
            "hard": False,
            "weight": draw(st.integers(1, 3)),
            "priority": draw(st.sampled_from((2, 3))),
            **(extra or {}),
        }

    constraints: dict[str, dict[str, Any]] = {}
    if draw(st.booleans()):
        constraints["coverage"] = {}
    else:
        constraints["coverage"] = {"hard": False, "weight": draw(st.integers(1, 2)), "priority": 1}
    if draw(st.booleans()):
        places = {a: draw(st.integers(0, 3)) for a in ADMINISTRATIONS}
        constraints["administration_quota"] = {"places": places} if draw(st.booleans()) else soft({"places": places})
    if draw(st.booleans()):
        constraints["supervisor_trained"] = {} if draw(st.booleans()) else soft()
    if draw(st.booleans()):
        same_unit = {"same_unit": draw(st.booleans())}
        constraints["same_administration"] = same_unit if draw(st.booleans()) else soft(same_unit)
    if draw(st.booleans()):
        points = draw(st.lists(st.integers(0, 3), min_size=1, max_size=3))
        constraints["preference"] = {
            "points": points,
            "weight": draw(st.integers(1, 2)),
            "priority": draw(st.sampled_from((2, 3))),
        }
    if draw(st.booleans()):
        target = {"min_share": {"man": draw(st.sampled_from(SHARES))}, "only_if_possible": draw(st.booleans())}
        constraints["gender_target"] = target if draw(st.booleans()) else soft(target)
    return Term(supervisors, trainees, choices, constraints)


# -- the exhaustive search, from the definitions ---------------------------------------------


@dataclass
class Truth:
    feasible: bool
    best: Vector | None
    best_assignment: Assignment | None
    n_valid: int


class Exhaustive:
    """Every assignment trainee -> supervisor-or-none, judged from the rules' definitions."""

    def __init__(self, term: Term) -> None:
        self.term = term
        self.c = term.constraints
        self.sup = term.supervisors
        self.n_tr = len(term.trainees)
        self.trained = [s["supervisor_trained"] == "yes" for s in self.sup]
        self.capacity = [int(s["capacity"]) for s in self.sup]
        self.admin = [s["administration"] for s in self.sup]
        self.is_man = [t["gender"] == "man" for t in term.trainees]

    def _hard(self, name: str) -> bool:
        return name in self.c and self.c[name].get("hard", True)

    def _soft(self, name: str) -> dict[str, Any] | None:
        config = self.c.get(name)
        return config if config is not None and not config.get("hard", True) else None

    def applied_ok(self, s: int, t: int) -> bool:
        same_unit = self.c.get("same_administration", {}).get("same_unit", False)
        for administration, unit in self.term.choices[t]:
            if administration != self.admin[s]:
                continue
            if not same_unit or not unit or _fold(unit) == _fold(self.sup[s]["unit"]):
                return True
        return False

    def pair_hard_ok(self, s: int, t: int) -> bool:
        if self._hard("supervisor_trained") and not self.trained[s]:
            return False
        return not (self._hard("same_administration") and not self.applied_ok(s, t))

    def places(self) -> dict[str, int]:
        given = self.c.get("administration_quota", {}).get("places", {})
        return {a: int(given.get(a, 0)) for a in ADMINISTRATIONS}

    def target(self) -> Fraction | None:
        """The applied target share of men (lowered per only_if_possible), None when no row."""
        config = self.c.get("gender_target")
        if config is None:
            return None
        asked = Fraction(config["min_share"]["man"]).limit_denominator(1000)
        places = min(sum(self.capacity), self.n_tr)
        if self._hard("administration_quota"):
            quota = self.places()
            limit = sum(
                min(sum(c for c, a in zip(self.capacity, self.admin, strict=True) if a == adm), q)
                for adm, q in quota.items()
            )
            places = min(places, limit)
        applicants = sum(self.is_man)
        best = Fraction(min(applicants, places), places) if places else Fraction(1)
        applied = best if best < asked and config.get("only_if_possible", True) else asked
        return applied if applied > 0 else None

    def pairs(self, a: Assignment) -> pd.DataFrame:
        rows = [(self.sup[s]["id"], self.term.trainees[t]["id"]) for t, s in enumerate(a) if s is not None]
        return pd.DataFrame(rows, columns=["supervisor_id", "trainee_id"], dtype=object)

    def assignment_of(self, pairs: pd.DataFrame) -> Assignment:
        sup_pos = {s["id"]: i for i, s in enumerate(self.sup)}
        of = dict(zip(pairs["adept_id"], pairs["mentor_id"], strict=True))
        return tuple(sup_pos[of[t["id"]]] if t["id"] in of else None for t in self.term.trainees)

    def hard_ok(self, a: Assignment) -> bool:
        load = Counter(s for s in a if s is not None)
        if any(n > self.capacity[s] for s, n in load.items()):
            return False
        if self._hard("coverage") and any(s is None for s in a):
            return False
        if any(s is not None and not self.pair_hard_ok(s, t) for t, s in enumerate(a)):
            return False
        if self._hard("administration_quota"):
            placed = Counter(self.admin[s] for s in a if s is not None)
            if any(placed[adm] > q for adm, q in self.places().items()):
                return False
        target = self.target()
        if self._hard("gender_target") and target is not None:
            n = sum(1 for s in a if s is not None)
            k = sum(1 for t, s in enumerate(a) if s is not None and self.is_man[t])
            if k * target.denominator < target.numerator * n:
                return False
        return True

    def vector(self, a: Assignment) -> Vector:
        value = dict.fromkeys(PRIORITIES, Fraction(0))
        matched = [(s, t) for t, s in enumerate(a) if s is not None]
        if (cov := self._soft("coverage")) is not None:
            value[cov["priority"]] += cov["weight"] * len(matched)
        if (pref := self.c.get("preference")) is not None:
            for s, t in matched:
                seen = list(dict.fromkeys(adm for adm, _ in self.term.choices[t]))
                rank = seen.index(self.admin[s]) if self.admin[s] in seen else None
                pts = pref["points"][rank] if rank is not None and rank < len(pref["points"]) else 0
                value[pref["priority"]] += pref["weight"] * pts
        if (st_ := self._soft("supervisor_trained")) is not None:
            value[st_["priority"]] += st_["weight"] * sum(1 for s, _ in matched if self.trained[s])
        if (sa := self._soft("same_administration")) is not None:
            value[sa["priority"]] += sa["weight"] * sum(1 for s, t in matched if self.applied_ok(s, t))
        if (gt := self._soft("gender_target")) is not None and (target := self.target()) is not None:
            n = len(matched)
            k = sum(1 for _, t in matched if self.is_man[t])
            short = max(0, target.numerator * n - target.denominator * k)
            value[gt["priority"]] -= Fraction(gt["weight"], target.denominator) * short
        if (aq := self._soft("administration_quota")) is not None:
            placed = Counter(self.admin[s] for s, _ in matched)
            over = sum(max(0, placed[adm] - q) for adm, q in self.places().items())
            value[aq["priority"]] -= aq["weight"] * over
        return tuple(value[p] for p in PRIORITIES)

    def solve(self) -> Truth:
        options = [
            [None, *(s for s in range(len(self.sup)) if self.capacity[s] > 0 and self.pair_hard_ok(s, t))]
            for t in range(self.n_tr)
        ]
        best: Vector | None = None
        best_a: Assignment | None = None
        n_valid = 0
        for a in itertools.product(*options):
            if not self.hard_ok(a):
                continue
            n_valid += 1
            v = self.vector(a)
            if best is None or v > best:
                best, best_a = v, a
        return Truth(best is not None, best, best_a, n_valid)


def assert_agrees_with_checker(ex: Exhaustive, scenario: Scenario, extra: list[Assignment], seed: int) -> None:
    """The definitional predicate and the independent checker agree (capacity/coverage included)."""
    rng = random.Random(seed)
    samples = list(extra)
    for _ in range(8):
        samples.append(tuple(rng.choice([None, *range(len(ex.sup))]) for _ in range(ex.n_tr)))
    for a in samples:
        report = check_matching(scenario, ex.pairs(a))
        assert report.valid == ex.hard_ok(a), (
            f"checker says valid={report.valid} ({report.problems()}) but the definitions say {ex.hard_ok(a)} for {a}"
        )


# -- properties ------------------------------------------------------------------------------


@PROPERTY
@given(terms())
def test_solve_is_valid_or_infeasible_in_words(term: Term) -> None:
    """solve() returns a matching the checker accepts, or InfeasibleError exactly when none exists."""
    scenario = term.scenario()
    ex = Exhaustive(term)
    truth = ex.solve()
    witness = [truth.best_assignment] if truth.best_assignment is not None else []
    assert_agrees_with_checker(ex, scenario, witness, seed=len(term.people))
    try:
        result = solve(scenario)
    except InfeasibleError as exc:
        event("infeasible")
        assert exc.conflicts and all(str(c).strip() for c in exc.conflicts), "infeasible without words"
        assert not truth.feasible, (
            f"engine says infeasible ({exc}) but {truth.best_assignment} is valid "
            f"(pairs {ex.pairs(truth.best_assignment).to_dict('records')})"
        )
        return
    event(f"solved {result.status}")
    assert result.status in ("OPTIMAL", "FEASIBLE")
    report = check_matching(scenario, result.pairs)
    assert report.valid, report.problems()
    chosen = ex.assignment_of(result.pairs)
    assert ex.hard_ok(chosen), f"the engine's matching {chosen} breaks a hard rule by definition"
    assert truth.feasible, f"engine returned {result.pairs.to_dict('records')} but no valid matching exists"


@PROPERTY
@given(terms())
def test_optimal_is_lexicographically_best(term: Term) -> None:
    """An OPTIMAL result's objective vector is the exhaustive search's best, and reported truthfully."""
    scenario = term.scenario()
    try:
        result = solve(scenario)
    except InfeasibleError:
        event("infeasible")
        return
    ex = Exhaustive(term)
    truth = ex.solve()
    assert truth.feasible and truth.best is not None and truth.best_assignment is not None
    chosen = ex.assignment_of(result.pairs)
    assert_agrees_with_checker(ex, scenario, [chosen, truth.best_assignment], seed=len(term.people))
    actual = ex.vector(chosen)
    reported = engine_vector(result.objectives, PRIORITIES)
    assert close(reported, actual), f"reported objectives {reported} but the pairs are worth {actual}"
    assert not lex_better(actual, truth.best), f"engine {actual} beats the exhaustive best {truth.best}"
    # A term this small is proven well within the time limit: OPTIMAL, and the true optimum.
    assert result.status == "OPTIMAL", f"not proven on a tiny term: {result.objectives} {result.bounds}"
    assert not lex_better(truth.best, actual), (
        f"engine {actual} (pairs {chosen}) but {truth.best_assignment} is worth {truth.best}"
    )


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(terms())
def test_backends_agree(term: Term) -> None:
    """mip-highs, mip-scip and cp-sat give the same objective vector when all are OPTIMAL."""
    vectors: dict[str, tuple[float, ...]] = {}
    infeasible: set[str] = set()
    for backend in ("mip-highs", "mip-scip", "cp-sat"):
        try:
            result = solve(term.scenario(backend))
        except InfeasibleError:
            infeasible.add(backend)
            continue
        # A term this small is proven by each back-end well within the time limit.
        assert result.status == "OPTIMAL", f"{backend} did not prove a tiny term: {result.objectives} {result.bounds}"
        vectors[backend] = engine_vector(result.objectives, PRIORITIES)
    assert not infeasible or len(infeasible) == 3, f"only {sorted(infeasible)} say infeasible"
    event("infeasible" if infeasible else f"{len(vectors)} optimal")
    if not infeasible:
        first = vectors["mip-highs"]
        assert all(close(v, first) for v in vectors.values()), vectors
