"""Hypothesis strategies shared by the property tests: random small populations and rule sets.

Everything is drawn as *raw input* (the dicts a library caller would pass to
`Scenario.from_people`, with the spellings a coordinator might type), wrapped in a `Spec`.
The brute-force solver (tests/brute_force.py) reads the same raw Spec, never the engine's
validated tables, so the two stay independent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import composite

from matcher.scenario import Scenario

# Spellings as a coordinator may type them; the brute force canonicalises them on its own.
ADMINISTRATION_SPELLINGS = ("Nordost", "Centrum", "Hisingen", "Sydväst", "Sydvast", "nordost", "CENTRUM")
GENDER_SPELLINGS = ("woman", "woman", "woman", "man", "man", "non-binary", "undisclosed", "kvinna", "annan")
# (key, value): years in the profession (boundaries of the band rule included) or a band.
EXPERIENCE = (
    ("years", 0), ("years", 1), ("years", 1.99), ("years", 2), ("years", 3.5), ("years", 5),
    ("years", 5.01), ("years", 8), ("years", 25),
    ("band", "Ny"), ("band", "Van"), ("band", "Erfaren"), ("band", "ny"), ("band", "erfaren"),
)
UNITS = ("", "", "Utredning 1", "utredning 1", "Mottagning", "Familjehem 2")
TOPICS = ("utredning", "BBIC", "bbic", "barnsamtal", "LVU", "MI", "Mini Maria")
SAME_GENDER = ("no", "no", "no", "nej", "", "yes", "ja")
BANDS = ("Ny", "Van", "Erfaren")
SHARES = (0.0, 0.2, 0.25, 0.3, 1 / 3, 0.4, 0.5, 0.6, 2 / 3, 0.75, 1.0)
TOLERANCES = (0.0, 0.05, 0.1, 0.2, 0.25, 1 / 3, 0.5, 1.0)
#: Constraint names the rule-set strategy draws from (exclusions/locked come with their tables).
RULES = ("coverage", "capacity", "band", "unit", "administration", "gender_balance", "topics", "pair_scores")


@dataclass
class Spec:
    """A scenario as raw input: people dicts, rules, pair tables, solver options."""

    people: list[dict[str, Any]]
    constraints: dict[str, dict[str, Any]]
    pair_scores: list[dict[str, Any]] | None = None
    exclusions: list[dict[str, Any]] | None = None
    locked: list[dict[str, Any]] | None = None
    program: str = "mentorship"
    solver: dict[str, Any] = field(default_factory=dict)

    @property
    def givers(self) -> list[dict[str, Any]]:
        return [p for p in self.people if p["role"] in ("mentor", "supervisor")]

    @property
    def takers(self) -> list[dict[str, Any]]:
        return [p for p in self.people if p["role"] in ("adept", "trainee")]

    def scenario(self, **solver: Any) -> Scenario:
        return build_scenario(self, **solver)


def build_scenario(spec: Spec, **solver: Any) -> Scenario:
    """The engine's Scenario for a Spec (solver options override the Spec's)."""
    return Scenario.from_people(
        spec.people,
        program=spec.program,
        constraints=spec.constraints,
        pair_scores=spec.pair_scores,
        exclusions=spec.exclusions,
        locked=spec.locked,
        solver={"time_limit_s": 30, "workers": 1, "seed": 0, **spec.solver, **solver},
    )


# -- people ------------------------------------------------------------------------------------

@composite
def person(draw: st.DrawFn, pid: str, role: str, giver: bool) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": pid,
        "role": role,
        "administration": draw(st.sampled_from(ADMINISTRATION_SPELLINGS)),
        "gender": draw(st.sampled_from(GENDER_SPELLINGS)),
    }
    key, value = draw(st.sampled_from(EXPERIENCE))
    row[key] = value
    if giver:
        row["capacity"] = draw(st.integers(0, 3))
    unit = draw(st.sampled_from(UNITS))
    if unit:
        row["unit"] = unit
    topics = draw(st.lists(st.sampled_from(TOPICS), max_size=3))
    if topics:
        row["topics"] = draw(st.sampled_from((";", ", "))).join(topics)
    if not giver:
        answer = draw(st.sampled_from(SAME_GENDER))
        if answer:
            row["same_gender"] = answer
    return row


@composite
def populations(
    draw: st.DrawFn, min_givers: int = 1, max_givers: int = 6, min_takers: int = 1, max_takers: int = 7
) -> list[dict[str, Any]]:
    """Givers M1.. and takers A1.. with random administrations, genders, bands, units, topics, capacity 0-3."""
    n_givers = draw(st.integers(min_givers, max_givers))
    n_takers = draw(st.integers(min_takers, max_takers))
    givers = [draw(person(f"M{i + 1}", "mentor", True)) for i in range(n_givers)]
    takers = [draw(person(f"A{i + 1}", "adept", False)) for i in range(n_takers)]
    return givers + takers


# -- pair tables -------------------------------------------------------------------------------

def _pairs(people: list[dict[str, Any]]) -> list[tuple[str, str]]:
    givers = [p["id"] for p in people if p["role"] == "mentor"]
    takers = [p["id"] for p in people if p["role"] == "adept"]
    return [(g, t) for g in givers for t in takers]


@composite
def score_tables(draw: st.DrawFn, people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A random subset of the pairs with integer scores (negative allowed)."""
    pairs = _pairs(people)
    listed = draw(st.lists(st.sampled_from(pairs), unique=True, min_size=1, max_size=len(pairs)))
    return [{"mentor_id": g, "adept_id": t, "score": draw(st.integers(-3, 20))} for g, t in listed]


@composite
def exclusion_tables(draw: st.DrawFn, people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    pairs = _pairs(people)
    listed = draw(st.lists(st.sampled_from(pairs), unique=True, min_size=1, max_size=min(4, len(pairs))))
    return [{"mentor_id": g, "adept_id": t, "reason": "jäv"} for g, t in listed]


@composite
def locked_tables(
    draw: st.DrawFn, people: list[dict[str, Any]], excluded: list[dict[str, Any]] | None
) -> list[dict[str, Any]] | None:
    """Locked pairs drawn consistently: one per adept at most, within capacity, never excluded."""
    capacity = {p["id"]: p.get("capacity", 1) for p in people if p["role"] == "mentor"}
    banned = {(e["mentor_id"], e["adept_id"]) for e in excluded or []}
    candidates = [pair for pair in _pairs(people) if pair not in banned and capacity[pair[0]] > 0]
    if not candidates:
        return None
    chosen = draw(st.lists(st.sampled_from(candidates), unique=True, min_size=1, max_size=3))
    used: dict[str, int] = {}
    taken: set[str] = set()
    rows = []
    for g, t in chosen:
        if t in taken or used.get(g, 0) >= capacity[g]:
            continue
        taken.add(t)
        used[g] = used.get(g, 0) + 1
        rows.append({"mentor_id": g, "adept_id": t})
    return rows or None


# -- rules -------------------------------------------------------------------------------------

@composite
def soft_part(draw: st.DrawFn, can_be_hard: bool = True) -> dict[str, Any]:
    """hard (maybe), weight 0-5 and priority 1-3, each sometimes left to its default."""
    config: dict[str, Any] = {}
    if can_be_hard:
        hard = draw(st.sampled_from((None, True, False, False)))
        if hard is not None:
            config["hard"] = hard
    if draw(st.booleans()):
        config["weight"] = draw(st.integers(0, 5))
    if draw(st.booleans()):
        config["priority"] = draw(st.integers(1, 3))
    return config


@composite
def band_tables(draw: st.DrawFn) -> dict[str, list[str]]:
    spelled = {"Ny": ("Ny", "ny"), "Van": ("Van", "VAN"), "Erfaren": ("Erfaren", "erfaren")}
    givers = draw(st.lists(st.sampled_from(BANDS), unique=True, max_size=3))
    return {
        draw(st.sampled_from(spelled[g])): draw(st.lists(st.sampled_from(BANDS), unique=True, max_size=3))
        for g in givers
    }


@composite
def rule_config(draw: st.DrawFn, name: str) -> dict[str, Any]:
    """Random parameters for one catalogue rule."""
    if name == "capacity":
        return {"min_per_mentor": draw(st.sampled_from((0, 0, 1, 2)))} if draw(st.booleans()) else {}
    if name == "topics":
        config = draw(soft_part(can_be_hard=False))
        if draw(st.booleans()):
            config["min_shared"] = draw(st.integers(0, 1))
        return config
    if name == "pair_scores":
        config = draw(soft_part(can_be_hard=False))
        if draw(st.booleans()):
            config["missing"] = draw(st.sampled_from(("zero", "forbid")))
        return config
    config = draw(soft_part())
    if name == "band" and draw(st.booleans()):
        config["allowed"] = draw(band_tables())
    elif name == "administration":
        if draw(st.booleans()):
            config["mode"] = draw(st.sampled_from(("any", "same", "cross")))
        if draw(st.booleans()):
            config["min_cross_share"] = draw(st.sampled_from(SHARES))
    elif name == "gender_balance":
        if draw(st.booleans()):
            config["equal_match_rate_tolerance"] = draw(st.sampled_from(TOLERANCES))
        config["min_group_size"] = draw(st.integers(1, 3))
        if draw(st.booleans()):
            config["same_gender_requests"] = draw(st.sampled_from(("hard", "soft", "off")))
    return config


@composite
def rule_sets(draw: st.DrawFn, has_scores: bool, global_rows: bool = False) -> dict[str, dict[str, Any]]:
    """Any subset of the catalogue (pair_scores only when a score table exists).

    With `global_rows`, the set always holds a rule that adds a global row (administration
    min_cross_share > 0 or gender_balance equal match rates), hard or soft: the cases only a
    MIP (or Lagrangian) back-end can solve.
    """
    names = [n for n in RULES if has_scores or n != "pair_scores"]
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    rules = {name: draw(rule_config(name)) for name in chosen}
    if global_rows:
        which = draw(st.sampled_from(("administration", "gender_balance", "both")))
        if which in ("administration", "both"):
            config = rules.setdefault("administration", draw(soft_part()))
            config["min_cross_share"] = draw(st.sampled_from(SHARES[1:]))
        if which in ("gender_balance", "both"):
            config = rules.setdefault("gender_balance", draw(soft_part()))
            config["equal_match_rate_tolerance"] = draw(st.sampled_from(TOLERANCES))
            config["min_group_size"] = draw(st.integers(1, 2))
    return {name: _only_what_counts(name, config) for name, config in rules.items()}


def _only_what_counts(name: str, config: dict[str, Any]) -> dict[str, Any]:
    """weight and priority dropped where the rule, as configured, has no preference part: a
    scenario giving them there is refused (they would change nothing)."""
    from constraints import REGISTRY

    if REGISTRY[name].from_config(config).has_preference_part():
        return config
    return {k: v for k, v in config.items() if k not in ("weight", "priority")}


@composite
def specs(
    draw: st.DrawFn,
    max_givers: int = 6,
    max_takers: int = 7,
    tables: bool = True,
    global_rows: bool = False,
) -> Spec:
    """A whole random scenario: population, pair tables drawn consistently, and rules."""
    people = draw(populations(max_givers=max_givers, max_takers=max_takers))
    scores = draw(score_tables(people)) if tables and draw(st.booleans()) else None
    exclusions = draw(exclusion_tables(people)) if tables and draw(st.integers(0, 3)) == 0 else None
    locked = draw(locked_tables(people, exclusions)) if tables and draw(st.integers(0, 3)) == 0 else None
    constraints = draw(rule_sets(scores is not None, global_rows))
    # The pair-file rules are on whenever their files are given; list them explicitly sometimes.
    for kind, table in (("exclusions", exclusions), ("locked", locked)):
        if table is not None and draw(st.booleans()):
            constraints[kind] = {}
    return Spec(people, constraints, scores, exclusions, locked)


@composite
def assignments(draw: st.DrawFn, spec: Spec) -> list[tuple[str, str]]:
    """A random matching candidate (each taker to one giver or none), not necessarily valid."""
    givers = [g["id"] for g in spec.givers]
    pairs = []
    for taker in spec.takers:
        choice = draw(st.sampled_from([None, *givers]))
        if choice is not None:
            pairs.append((choice, taker["id"]))
    return pairs
