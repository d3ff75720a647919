"""An independent brute-force solver for tiny scenarios, written from the rules' definitions.

It reads the raw input of a `strategies.Spec` (people dicts as typed, rule parameters,
pair tables) and canonicalises every value itself, following docs/interface.md, docs/domain.md and
the constraint catalogue (docs/constraints.md); it never looks at the engine's Problem,
eligibility matrix or solvers. It enumerates every assignment of each taker to a giver or
to nobody, keeps those that satisfy every hard rule, scores them per priority, and returns
the lexicographic maximum (priority 1 first).

Objective per priority, from the definitions:
  coverage soft        weight per matched taker
  band/unit soft       weight per pair that satisfies the rule
  administration soft  weight per pair satisfying `mode` (same/cross); for min_cross_share
                       share = p/q = Fraction(share).limit_denominator(1000), the row is
                       sum_pairs (q*cross - p) >= 0 and the penalty (weight / q) x shortfall
  gender_balance       soft same-gender requests: weight per honoured request; soft equal
                       rates: for each ordered pair of groups (g, h) with >= min_group_size
                       takers, -(weight / n_h) x max(0, n_h*m_g - n_g*m_h - floor(tol*n_g*n_h + 1e-9))
  topics               weight x number of shared topics
  pair_scores          weight x score (unlisted pairs 0)
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import pandas as pd

PRIORITIES = (1, 2, 3)
DEFAULT_BAND_TABLE = {"Erfaren": {"Ny", "Van"}, "Van": {"Ny"}}
Assignment = tuple[int | None, ...]  # per taker: the giver's position, or None
Vector = tuple[Fraction, ...]  # one value per priority in PRIORITIES


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(text).strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


ADMINISTRATIONS = {"nordost": "Nordost", "centrum": "Centrum", "hisingen": "Hisingen", "sydvast": "Sydväst"}
GENDERS = {
    "woman": "woman", "kvinna": "woman", "man": "man", "non-binary": "non-binary", "annan": "non-binary",
    "undisclosed": "undisclosed", "ej angivet": "undisclosed",
}
BANDS = {"ny": "Ny", "van": "Van", "erfaren": "Erfaren"}
YES = {"yes", "ja", "y", "j", "true", "1", "x"}


def band_of(row: dict[str, Any]) -> str:
    """docs/domain.md's rule as the project states it: Ny < 2 <= Van <= 5 < Erfaren."""
    if row.get("years") is not None:
        years = float(row["years"])
        return "Ny" if years < 2 else "Van" if years <= 5 else "Erfaren"
    return BANDS[_fold(row["band"])]


def topics_of(text: Any) -> frozenset[str]:
    """';'- or ','-separated, compared case-insensitively with spaces collapsed."""
    if not text:
        return frozenset()
    return frozenset(" ".join(t.split()).casefold() for t in re.split(r"[;,]", str(text)) if t.strip())


@dataclass(frozen=True)
class Person:
    id: str
    administration: str
    gender: str
    band: str
    capacity: int
    unit: str  # '' when none
    topics: frozenset[str]
    asks_same_gender: bool

    @classmethod
    def of(cls, row: dict[str, Any]) -> Person:
        return cls(
            id=str(row["id"]),
            administration=ADMINISTRATIONS[_fold(row["administration"])],
            gender=GENDERS[_fold(row["gender"])],
            band=band_of(row),
            capacity=int(row.get("capacity", 1)),
            unit=_fold(row.get("unit", "") or ""),
            topics=topics_of(row.get("topics")),
            asks_same_gender=_fold(row.get("same_gender", "") or "") in YES,
        )


@dataclass
class BruteResult:
    feasible: bool
    best: Vector | None  # the lexicographic maximum over valid assignments
    best_assignment: Assignment | None
    n_valid: int
    n_total: int
    disagreements: list[str] = field(default_factory=list)  # our verdict vs check_matching's

    def value(self, priority: int) -> Fraction:
        assert self.best is not None
        return self.best[PRIORITIES.index(priority)]


class BruteForce:
    """The rules of one Spec, evaluated on explicit assignments."""

    def __init__(self, spec: Any) -> None:
        self.spec = spec
        self.givers = [Person.of(p) for p in spec.givers]
        self.takers = [Person.of(p) for p in spec.takers]
        self.rules: dict[str, dict[str, Any]] = {k: dict(v) for k, v in spec.constraints.items()}
        self.rules.setdefault("capacity", {})
        if spec.exclusions is not None:
            self.rules.setdefault("exclusions", {})
        if spec.locked is not None:
            self.rules.setdefault("locked", {})
        g_pos = {g.id: i for i, g in enumerate(self.givers)}
        t_pos = {t.id: i for i, t in enumerate(self.takers)}
        self.g_pos, self.t_pos = g_pos, t_pos
        self.scores = {(g_pos[r["mentor_id"]], t_pos[r["adept_id"]]): int(r["score"]) for r in spec.pair_scores or []}
        self.excluded = {(g_pos[r["mentor_id"]], t_pos[r["adept_id"]]) for r in spec.exclusions or []}
        self.locked = [(g_pos[r["mentor_id"]], t_pos[r["adept_id"]]) for r in spec.locked or []]
        n_g, n_t = len(self.givers), len(self.takers)
        self.allowed = [[self._pair_allowed(g, t) for t in range(n_t)] for g in range(n_g)]
        self.rewards = [[self._pair_reward(g, t) for t in range(n_t)] for g in range(n_g)]
        counts = Counter(t.gender for t in self.takers)
        gb = self.rules.get("gender_balance")
        size = int(gb.get("min_group_size", 5)) if gb is not None else 0
        self.groups = {g: n for g, n in counts.items() if n >= size} if gb is not None else {}

    # -- parameters with their documented defaults --------------------------------------
    def on(self, name: str) -> bool:
        return name in self.rules

    def hard(self, name: str) -> bool:
        default = name not in ("topics", "pair_scores")
        return bool(self.rules[name].get("hard", default))

    def weight(self, name: str) -> int:
        return int(self.rules[name].get("weight", 1))

    def priority(self, name: str) -> int:
        return int(self.rules[name].get("priority", 1 if name == "coverage" else 2))

    def band_table(self) -> dict[str, set[str]]:
        table = self.rules["band"].get("allowed")
        if table is None:
            return DEFAULT_BAND_TABLE
        return {BANDS[_fold(g)]: {BANDS[_fold(t)] for t in ts} for g, ts in table.items()}

    def share(self) -> Fraction | None:
        value = self.rules["administration"].get("min_cross_share")
        if value is None or value <= 0:
            return None
        return Fraction(value).limit_denominator(1000)

    def same_gender_mode(self) -> str:
        return str(self.rules["gender_balance"].get("same_gender_requests", "soft"))

    # -- per pair ------------------------------------------------------------------------
    def band_ok(self, g: int, t: int) -> bool:
        return self.takers[t].band in self.band_table().get(self.givers[g].band, set())

    def unit_ok(self, g: int, t: int) -> bool:
        giver, taker = self.givers[g], self.takers[t]
        same = bool(giver.unit) and giver.unit == taker.unit and giver.administration == taker.administration
        return not same

    def crosses(self, g: int, t: int) -> bool:
        return self.givers[g].administration != self.takers[t].administration

    def mode_ok(self, g: int, t: int) -> bool:
        mode = self.rules["administration"].get("mode", "any")
        return mode == "any" or (mode == "cross") == self.crosses(g, t)

    def request_ok(self, g: int, t: int) -> bool:
        return not self.takers[t].asks_same_gender or self.givers[g].gender == self.takers[t].gender

    def shared(self, g: int, t: int) -> int:
        return len(self.givers[g].topics & self.takers[t].topics)

    def _pair_allowed(self, g: int, t: int) -> bool:
        if self.on("band") and self.hard("band") and not self.band_ok(g, t):
            return False
        if self.on("unit") and self.hard("unit") and not self.unit_ok(g, t):
            return False
        if self.on("administration") and self.hard("administration") and not self.mode_ok(g, t):
            return False
        if self.on("gender_balance") and self.same_gender_mode() == "hard" and not self.request_ok(g, t):
            return False
        if self.on("topics") and self.shared(g, t) < int(self.rules["topics"].get("min_shared", 0)):
            return False
        if self.on("pair_scores") and self.rules["pair_scores"].get("missing", "zero") == "forbid" and (
            (g, t) not in self.scores
        ):
            return False
        return (g, t) not in self.excluded

    def _pair_reward(self, g: int, t: int) -> list[Fraction]:
        reward = dict.fromkeys(PRIORITIES, Fraction(0))

        def add(name: str, amount: int) -> None:
            reward[self.priority(name)] += self.weight(name) * amount

        if self.on("coverage") and not self.hard("coverage"):
            add("coverage", 1)
        if self.on("band") and not self.hard("band"):
            add("band", int(self.band_ok(g, t)))
        if self.on("unit") and not self.hard("unit"):
            add("unit", int(self.unit_ok(g, t)))
        if (self.on("administration") and not self.hard("administration")
                and self.rules["administration"].get("mode", "any") != "any"):
            add("administration", int(self.mode_ok(g, t)))
        if self.on("gender_balance") and self.same_gender_mode() == "soft":
            add("gender_balance", int(self.takers[t].asks_same_gender and self.request_ok(g, t)))
        if self.on("topics"):
            add("topics", self.shared(g, t))
        if self.on("pair_scores"):
            add("pair_scores", self.scores.get((g, t), 0))
        return [reward[p] for p in PRIORITIES]

    # -- whole assignments -----------------------------------------------------------------
    def cross_excess(self, assignment: Assignment) -> int:
        """sum over pairs of (q*cross - p); the min_cross_share row wants it >= 0."""
        share = self.share()
        assert share is not None
        return sum(
            share.denominator * self.crosses(g, t) - share.numerator
            for t, g in enumerate(assignment) if g is not None
        )

    def rate_excess(self, assignment: Assignment) -> list[tuple[int, int]]:
        """Per ordered pair of compared groups: (n_h*m_g - n_g*m_h - floor(tol*n_g*n_h), n_h)."""
        tolerance = self.rules["gender_balance"].get("equal_match_rate_tolerance")
        if tolerance is None or len(self.groups) < 2:
            return []
        matched = Counter(self.takers[t].gender for t, g in enumerate(assignment) if g is not None)
        out = []
        for a, b in itertools.permutations(sorted(self.groups), 2):
            n_a, n_b = self.groups[a], self.groups[b]
            allowance = math.floor(tolerance * n_a * n_b + 1e-9)
            out.append((n_b * matched[a] - n_a * matched[b] - allowance, n_b))
        return out

    def hard_ok(self, assignment: Assignment) -> bool:
        """Every hard rule (and the structure and capacity) holds."""
        load = Counter(g for g in assignment if g is not None)
        min_per = int(self.rules["capacity"].get("min_per_mentor", 0))
        for g, giver in enumerate(self.givers):
            if load[g] > giver.capacity or load[g] < min(giver.capacity, min_per):
                return False
        for t, g in enumerate(assignment):
            if g is not None and not self.allowed[g][t]:
                return False
        if self.on("coverage") and self.hard("coverage") and any(g is None for g in assignment):
            return False
        if any(assignment[t] != g for g, t in self.locked):
            return False
        if (self.on("administration") and self.hard("administration") and self.share() is not None
                and self.cross_excess(assignment) < 0):
            return False
        return not (self.on("gender_balance") and self.hard("gender_balance")
                    and any(excess > 0 for excess, _ in self.rate_excess(assignment)))

    def vector(self, assignment: Assignment) -> Vector:
        """The objective value per priority (PRIORITIES order)."""
        total = dict.fromkeys(PRIORITIES, Fraction(0))
        for t, g in enumerate(assignment):
            if g is not None:
                for p, r in zip(PRIORITIES, self.rewards[g][t], strict=True):
                    total[p] += r
        if self.on("administration") and not self.hard("administration") and self.share() is not None:
            shortfall = max(0, -self.cross_excess(assignment))
            total[self.priority("administration")] -= Fraction(self.weight("administration"),
                                                               self.share().denominator) * shortfall
        if self.on("gender_balance") and not self.hard("gender_balance"):
            for excess, n_h in self.rate_excess(assignment):
                total[self.priority("gender_balance")] -= Fraction(self.weight("gender_balance"), n_h) * max(0, excess)
        return tuple(total[p] for p in PRIORITIES)

    # -- conversions -----------------------------------------------------------------------
    def assignment_of(self, pairs: pd.DataFrame | Sequence[tuple[str, str]]) -> Assignment:
        rows = (zip(pairs["mentor_id"], pairs["adept_id"], strict=True) if isinstance(pairs, pd.DataFrame)
                else pairs)
        chosen: list[int | None] = [None] * len(self.takers)
        for m, a in rows:
            assert chosen[self.t_pos[str(a)]] is None, f"{a} twice"
            chosen[self.t_pos[str(a)]] = self.g_pos[str(m)]
        return tuple(chosen)

    def pairs_of(self, assignment: Assignment) -> pd.DataFrame:
        rows = [(self.givers[g].id, self.takers[t].id) for t, g in enumerate(assignment) if g is not None]
        return pd.DataFrame(rows, columns=["mentor_id", "adept_id"], dtype=str)

    # -- the search ------------------------------------------------------------------------
    def solve(self, scenario: Any = None) -> BruteResult:
        """Lexicographic maximum over every assignment that all hard rules accept.

        With `scenario`, a candidate counts only when the engine's independent checker
        (`check_matching`) accepts it too; each time our verdict and the checker's differ,
        a line goes into `disagreements` (checked lazily, from the best candidate down).
        """
        options = [None, *range(len(self.givers))]
        valid: list[tuple[Vector, Assignment]] = []
        total = 0
        for assignment in itertools.product(options, repeat=len(self.takers)):
            total += 1
            if self.hard_ok(assignment):
                valid.append((self.vector(assignment), assignment))
        valid.sort(key=lambda item: item[0], reverse=True)
        disagreements: list[str] = []
        if scenario is not None:
            from matcher.checker import check_matching

            while valid:
                report = check_matching(scenario, self.pairs_of(valid[0][1]))
                if report.valid:
                    break
                disagreements.append(f"{valid[0][1]} valid by definition, checker says {report.problems()}")
                valid.pop(0)
        if not valid:
            return BruteResult(False, None, None, 0, total, disagreements)
        best, assignment = valid[0]
        return BruteResult(True, best, assignment, len(valid), total, disagreements)


def brute_force(spec: Any, scenario: Any = None) -> BruteResult:
    return BruteForce(spec).solve(scenario)
