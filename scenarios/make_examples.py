"""Regenerates the example data in scenarios/; deterministic.

Run from anywhere:  /work/venv/bin/python scenarios/make_examples.py [FOLDER ...]
(no FOLDER: all of them; e.g. ``make_examples.py trainee stockholm`` writes only those two)

Writes, with matcher.generate (all names are invented, no real personal data):
- cohort/: 10 mentors + 10 adepts as a Swedish Excel export (``;``, UTF-8 with BOM,
  Swedish headers), scores.csv, exclusions.csv (2 rows), locked.csv (1 row);
- city/:   120 mentors (capacity 1-2) + 200 adepts, plain comma CSV, scores.csv;
- forste/: 14 experienced förste socialsekreterare mentoring 12 new förste;
- trainee/: a trainee term, 36 supervisors + 45 student applicants for 30 places
  (Hisingen 10, Nordost 10, Sydväst 5, Centrum 5) as a Swedish Excel export;
- stockholm/: a Stockholm-size term, 115 supervisors + 150 applicants for 100 places,
  plain comma CSV.

The scenario YAML files next to the data are written by hand, not by this script.
The script only picks seeds and pairs; it checks, independently of the engine, that
every adept in the cohort and förste scenarios can be matched under the rules their
YAML files list (band table, different unit, exclusions, same-gender requests, the
locked pair, and for cohort/strict_gender.yaml also cross-administration), that every
place of the trainee terms can be filled (trained supervisors, applied-to administrations,
quotas), and prints
counts by administration, gender and band for a human to compare with docs/domain.md.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run as a script from a checkout, not installed
    sys.path.insert(0, str(HERE.parent))

from matcher.domain import parse_gender, parse_role, parse_yes_no  # noqa: E402
from matcher.generate import (  # noqa: E402
    GENDER_WEIGHTS,
    SWEDISH_HEADERS,
    TRAINEE_GENDER_WEIGHTS,
    TRAINEE_QUOTAS,
    generate_pair_scores,
    generate_people,
    generate_trainees,
    write_people,
)

#: The default band table (docs/interface.md: `band: {}`), and the förste scenario's table.
DEFAULT_BANDS: dict[str, set[str]] = {"Erfaren": {"Ny", "Van"}, "Van": {"Ny"}}
FORSTE_BANDS: dict[str, set[str]] = {"Erfaren": {"Ny", "Van", "Erfaren"}, "Van": {"Ny"}}

COHORT_BASE_SEED = 2026
CITY_SEED = 2025
FORSTE_BASE_SEED = 80
TRAINEE_BASE_SEED = 30
STOCKHOLM_BASE_SEED = 100
#: Stands in for Stockholm's 100 student placements per term (docs/domain.md) in Gothenburg's four
#: administrations; the split is an assumption, in the spirit of 10/10/5/5.
STOCKHOLM_QUOTAS: dict[str, int] = {"Hisingen": 30, "Nordost": 30, "Sydväst": 20, "Centrum": 20}
#: The trainee scenario's gender_target (scenario.yaml: min_share man 0.3).
TRAINEE_MIN_MEN_SHARE = 0.3
SCORES_SEED = 7
MAX_SEED_TRIES = 500
#: Why a coordinator forbids a pair that the rules would allow.
EXCLUSION_REASONS = ("same team before (former colleagues)", "jäv: relative")

Pair = tuple[str, str]


@dataclass(frozen=True)
class Rules:
    """The hard rules a scenario's YAML lists, as far as eligibility goes."""

    bands: Mapping[str, set[str]]
    cross_administration: bool = False


def canonical(people: pd.DataFrame) -> pd.DataFrame:
    """English headers and values, whatever the generator wrote (for the checks only)."""
    english = {sv: en for en, sv in SWEDISH_HEADERS.items()}
    out = people.rename(columns=english).copy()
    out["role"] = [parse_role(str(r)) for r in out["role"]]
    out["gender"] = [parse_gender(str(g)) for g in out["gender"]]
    out["same_gender"] = [bool(parse_yes_no(str(v))) for v in out["same_gender"]]
    return out


def eligible_pairs(people: pd.DataFrame, rules: Rules, excluded: set[Pair]) -> dict[str, list[str]]:
    """adept id -> mentor ids the rules allow (band, unit, exclusions, same gender, cross)."""
    people = canonical(people)
    mentors = people[people["role"] == "mentor"]
    adepts = people[people["role"] == "adept"]
    result: dict[str, list[str]] = {}
    for adept in adepts.itertuples():
        allowed = []
        for mentor in mentors.itertuples():
            if adept.band not in rules.bands.get(str(mentor.band), set()):
                continue
            if mentor.unit == adept.unit or (str(mentor.id), str(adept.id)) in excluded:
                continue
            if adept.same_gender and mentor.gender != adept.gender:
                continue
            if rules.cross_administration and mentor.administration == adept.administration:
                continue
            allowed.append(str(mentor.id))
        result[str(adept.id)] = allowed
    return result


def max_matching(
    eligible: Mapping[str, Sequence[str]], capacity: Mapping[str, int], locked: Sequence[Pair] = ()
) -> int:
    """Size of a largest matching respecting capacities, with the locked pairs forced.

    Augmenting paths over mentor slots (Kuhn's algorithm); small inputs only.
    """
    slots_left = dict(capacity)
    assigned: dict[str, str] = {}
    for mentor, adept in locked:
        if mentor not in eligible.get(adept, ()) or slots_left.get(mentor, 0) < 1:
            return -1
        slots_left[mentor] -= 1
        assigned[adept] = mentor
    holders: dict[str, list[str]] = {m: [] for m in capacity}  # mentor -> free adepts held

    def augment(adept: str, seen: set[str]) -> bool:
        for mentor in eligible[adept]:
            if mentor in seen:
                continue
            seen.add(mentor)
            if len(holders[mentor]) < slots_left[mentor]:
                holders[mentor].append(adept)
                return True
            for other in list(holders[mentor]):
                if augment(other, seen):  # `mentor` is in `seen`: `other` moves elsewhere
                    holders[mentor].remove(other)
                    holders[mentor].append(adept)
                    return True
        return False

    free = [a for a in eligible if a not in assigned]
    return len(assigned) + sum(augment(a, set()) for a in free)


def capacities(people: pd.DataFrame) -> dict[str, int]:
    people = canonical(people)
    mentors = people[people["role"] == "mentor"]
    return dict(zip(mentors["id"].astype(str), mentors["capacity"].astype(int), strict=True))


def n_adepts(people: pd.DataFrame) -> int:
    return int((canonical(people)["role"] == "adept").sum())


def fully_matchable(people: pd.DataFrame, rules: Rules, excluded: set[Pair], locked: Sequence[Pair]) -> bool:
    eligible = eligible_pairs(people, rules, excluded)
    if any(not mentors for mentors in eligible.values()):
        return False
    return max_matching(eligible, capacities(people), locked) == n_adepts(people)


# --------------------------------------------------------------------------------------
# cohort
# --------------------------------------------------------------------------------------


def make_cohort(out: Path) -> None:
    """A 10 + 10 cohort that is feasible under scenario.yaml and strict_gender.yaml."""
    base, strict = Rules(DEFAULT_BANDS), Rules(DEFAULT_BANDS, cross_administration=True)
    for seed in range(COHORT_BASE_SEED, COHORT_BASE_SEED + MAX_SEED_TRIES):
        people = generate_people(10, 10, seed=seed, capacity=(1, 1), swedish_headers=True)
        # A couple of the experienced mentors take two adepts.
        rng = np.random.default_rng(seed)
        erfaren = people.index[(people["roll"] == "mentor") & (people["erfarenhet"] == "Erfaren")]
        if len(erfaren) < 2:
            continue
        people.loc[rng.choice(erfaren, size=2, replace=False), "kapacitet"] = 2
        canon = canonical(people)
        adepts = canon[canon["role"] == "adept"]
        # Make the example exercise the rules: a same-gender request, a Van adept, a man,
        # adepts from all four administrations (equal service is compared per administration).
        if not (adepts["same_gender"].any() and (adepts["band"] == "Van").any()
                and (canon["gender"] == "man").any() and adepts["administration"].nunique() == 4):
            continue
        if not fully_matchable(people, strict, set(), []):
            continue
        scores = generate_pair_scores(people, seed=SCORES_SEED)
        chosen = choose_exclusions_and_lock(people, scores, base, strict)
        if chosen is None:
            continue
        exclusions, locked = chosen
        break
    else:
        raise SystemExit(f"no feasible cohort in {MAX_SEED_TRIES} seeds from {COHORT_BASE_SEED}")

    out.mkdir(parents=True, exist_ok=True)
    write_people(people, out / "people.csv", excel_style=True)
    scores.to_csv(out / "scores.csv", index=False)
    pd.DataFrame(
        [(m, a, reason) for (m, a), reason in zip(exclusions, EXCLUSION_REASONS, strict=True)],
        columns=["mentor_id", "adept_id", "reason"],
    ).to_csv(out / "exclusions.csv", index=False)
    pd.DataFrame([locked], columns=["mentor_id", "adept_id"]).to_csv(out / "locked.csv", index=False)
    print(f"cohort: seed {seed}, exclusions {exclusions}, locked {locked}")
    for label, rules in (("scenario.yaml", base), ("strict_gender.yaml", strict)):
        eligible = eligible_pairs(people, rules, set(exclusions))
        fewest = min(len(m) for m in eligible.values())
        size = max_matching(eligible, capacities(people), [locked])
        print(f"  {label}: every adept has >= {fewest} eligible mentors; max matching {size}/10")


def choose_exclusions_and_lock(
    people: pd.DataFrame, scores: pd.DataFrame, base: Rules, strict: Rules
) -> tuple[list[Pair], Pair] | None:
    """Two exclusions that bite (high-scoring eligible pairs) and one lock, keeping feasibility."""
    eligible = eligible_pairs(people, base, set())
    allowed = {(m, a) for a, ms in eligible.items() for m in ms}
    ranked = scores.sort_values(["score", "mentor_id", "adept_id"], ascending=[False, True, True])
    ranked_pairs = [(str(m), str(a)) for m, a in zip(ranked["mentor_id"], ranked["adept_id"], strict=True)]
    canon = canonical(people).set_index("id")
    exclusions: list[Pair] = []
    for pair in ranked_pairs:
        if pair not in allowed or any(pair[1] == e[1] or pair[0] == e[0] for e in exclusions):
            continue
        # The first reason (former colleagues) only makes sense within one administration.
        same_administration = canon.at[pair[0], "administration"] == canon.at[pair[1], "administration"]
        if not exclusions and not same_administration:
            continue
        if fully_matchable(people, strict, {*exclusions, pair}, []):
            exclusions.append(pair)
        if len(exclusions) == len(EXCLUSION_REASONS):
            break
    if len(exclusions) < len(EXCLUSION_REASONS):
        return None
    for pair in ranked_pairs:
        mentor, adept = pair
        if pair not in allowed or pair in exclusions:
            continue
        # Locked pair: allowed by the band rule, different units (by `allowed`), and
        # cross-administration so strict_gender.yaml (mode: cross) can keep it.
        if canon.at[mentor, "administration"] == canon.at[adept, "administration"]:
            continue
        if all(fully_matchable(people, rules, set(exclusions), [pair]) for rules in (base, strict)):
            return exclusions, pair
    return None


# --------------------------------------------------------------------------------------
# city and förste
# --------------------------------------------------------------------------------------


def representative(people: pd.DataFrame) -> bool:
    """Whether a sample shows docs/domain.md's picture: Nordost largest, women ~85% per role."""
    for _, group in canonical(people).groupby("role"):
        if group["administration"].value_counts().idxmax() != "Nordost":
            return False
        if abs((group["gender"] == "woman").mean() - GENDER_WEIGHTS["woman"]) > 0.03:
            return False
    return True


def make_city(out: Path) -> None:
    """A city-wide yearly pool: coverage is soft there, so no feasibility search.

    The seed is the first from CITY_SEED whose sample looks like the city (see
    `representative`), so the steering group is not shown a sampling accident.
    """
    for seed in range(CITY_SEED, CITY_SEED + MAX_SEED_TRIES):
        people = generate_people(120, 200, seed=seed, capacity=(1, 2))
        if representative(people):
            break
    else:
        raise SystemExit(f"no representative city pool in {MAX_SEED_TRIES} seeds from {CITY_SEED}")
    out.mkdir(parents=True, exist_ok=True)
    write_people(people, out / "people.csv")
    generate_pair_scores(people, seed=SCORES_SEED).to_csv(out / "scores.csv", index=False)
    eligible = eligible_pairs(people, Rules(DEFAULT_BANDS), set())
    size = max_matching(eligible, capacities(people))
    without = sum(not m for m in eligible.values())
    print(f"city: seed {seed}, total mentor capacity {sum(capacities(people).values())}, "
          f"adepts without any eligible mentor {without}, max matching {size}/200")


def make_forste(out: Path) -> None:
    """Förste mentorship, feasible under its own band table (Erfaren may mentor Erfaren)."""
    rules = Rules(FORSTE_BANDS)
    for seed in range(FORSTE_BASE_SEED, FORSTE_BASE_SEED + MAX_SEED_TRIES):
        people = generate_people(14, 12, seed=seed, program="forste")
        if fully_matchable(people, rules, set(), []):
            break
    else:
        raise SystemExit(f"no feasible förste pool in {MAX_SEED_TRIES} seeds from {FORSTE_BASE_SEED}")
    out.mkdir(parents=True, exist_ok=True)
    write_people(people, out / "people.csv")
    eligible = eligible_pairs(people, rules, set())
    print(f"forste: seed {seed}, every adept has >= {min(len(m) for m in eligible.values())} "
          f"eligible mentors; max matching {max_matching(eligible, capacities(people))}/12")


# --------------------------------------------------------------------------------------
# trainee terms
# --------------------------------------------------------------------------------------


def placeable(people: pd.DataFrame, quotas: Mapping[str, int], gender: str | None = None) -> int:
    """Most applicants (of `gender`, or all) placeable at once, without the engine.

    The rules checked are those both trainee YAML files list as hard: a trained supervisor
    (`supervisor_trained`), in an administration the applicant applied to
    (`same_administration`, units not required), at most the quota per administration
    (`administration_quota`). Within an administration any trained supervisor will do, so
    the administrations are the slots: min(quota, trained capacity there) each.
    """
    canon = canonical(people)
    supervisors = canon[(canon["role"] == "supervisor")
                        & canon["supervisor_trained"].map(lambda v: bool(parse_yes_no(str(v))))]
    trained = supervisors.groupby("administration")["capacity"].sum()
    slots = {adm: min(int(q), int(trained.get(adm, 0))) for adm, q in quotas.items()}
    applicants = canon[canon["role"] == "trainee"]
    if gender is not None:
        applicants = applicants[applicants["gender"] == gender]
    eligible = {
        str(a.id): [c.split("/", 1)[0] for c in applied_choices(a.applied_to)]
        for a in applicants.itertuples()
    }
    return max_matching(eligible, slots)


def applied_choices(cell: object) -> list[str]:
    if isinstance(cell, list):
        return [str(c) for c in cell]
    return [c.strip() for c in str(cell).replace(";", ",").split(",") if c.strip()]


def representative_applicants(people: pd.DataFrame, tolerance: float) -> bool:
    """Women's share among applicants within `tolerance` of the calibrated ~80%."""
    applicants = canonical(people)
    applicants = applicants[applicants["role"] == "trainee"]
    return abs((applicants["gender"] == "woman").mean() - TRAINEE_GENDER_WEIGHTS["woman"]) <= tolerance


def make_trainee(out: Path) -> None:
    """One trainee term (30 places) as the coordinator receives it: a Swedish Excel export.

    The seed is the first from TRAINEE_BASE_SEED whose term fills every place under the
    hard rules, can place 30% men (the YAML's gender_target) at the same time, has
    applicants of another or undisclosed gender, at least one choice naming a unit and one
    supervisor without the training, and women within 5 points of ~80% among applicants.
    """
    places = sum(TRAINEE_QUOTAS.values())
    men_needed = math.ceil(TRAINEE_MIN_MEN_SHARE * places)
    for seed in range(TRAINEE_BASE_SEED, TRAINEE_BASE_SEED + MAX_SEED_TRIES):
        people = generate_trainees(36, 45, seed=seed, swedish_headers=True)
        canon = canonical(people)
        applicants = canon[canon["role"] == "trainee"]
        supervisors = canon[canon["role"] == "supervisor"]
        if not (representative_applicants(people, 0.05)
                and (~applicants["gender"].isin(["woman", "man"])).any()
                and applicants["applied_to"].astype(str).str.contains("/").any()
                and (supervisors["supervisor_trained"].map(str) == "nej").any()):
            continue
        # gender_target and a full term at once: applicants form a transversal matroid, so a
        # set of men that can be placed together extends to a full placement of `places`.
        if placeable(people, TRAINEE_QUOTAS) == places and placeable(people, TRAINEE_QUOTAS, "man") >= men_needed:
            break
    else:
        raise SystemExit(f"no feasible trainee term in {MAX_SEED_TRIES} seeds from {TRAINEE_BASE_SEED}")
    out.mkdir(parents=True, exist_ok=True)
    write_people(people, out / "people.csv", excel_style=True)
    print(f"trainee: seed {seed}, places fillable {placeable(people, TRAINEE_QUOTAS)}/{places}, "
          f"men placeable {placeable(people, TRAINEE_QUOTAS, 'man')} (target {men_needed})")


def make_stockholm(out: Path) -> None:
    """A Stockholm-size term: 100 places (STOCKHOLM_QUOTAS), 115 supervisors, 150 applicants.

    The seed is the first from STOCKHOLM_BASE_SEED whose term fills all 100 places under the
    hard rules, with women within 3 points of ~80% among applicants.
    """
    places = sum(STOCKHOLM_QUOTAS.values())
    for seed in range(STOCKHOLM_BASE_SEED, STOCKHOLM_BASE_SEED + MAX_SEED_TRIES):
        people = generate_trainees(115, 150, seed=seed, quotas=STOCKHOLM_QUOTAS)
        if representative_applicants(people, 0.03) and placeable(people, STOCKHOLM_QUOTAS) == places:
            break
    else:
        raise SystemExit(f"no feasible Stockholm-size term in {MAX_SEED_TRIES} seeds from {STOCKHOLM_BASE_SEED}")
    out.mkdir(parents=True, exist_ok=True)
    write_people(people, out / "people.csv")
    print(f"stockholm: seed {seed}, places fillable {placeable(people, STOCKHOLM_QUOTAS)}/{places}, "
          f"men placeable {placeable(people, STOCKHOLM_QUOTAS, 'man')}")


# --------------------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------------------


def describe(name: str, people: pd.DataFrame) -> None:
    """Counts by role x administration, gender and band, for comparison with docs/domain.md."""
    canon = canonical(people)
    print(f"\n== {name}: {len(canon)} people")
    for column in ("administration", "gender", "band"):
        table = pd.crosstab(canon["role"], canon[column], margins=True, margins_name="all")
        print(table.to_string(), end="\n\n")
    givers = canon[canon["role"].isin(["mentor", "supervisor"])]
    line = (f"same-gender requests: {int(canon['same_gender'].sum())}; "
            f"capacity total (mentors/supervisors): {int(givers['capacity'].sum())}")
    if "supervisor_trained" in canon.columns and (canon["role"] == "supervisor").any():
        trained = givers["supervisor_trained"].map(lambda v: bool(parse_yes_no(str(v))))
        line += (f"; trained supervisors {int(trained.sum())} of {len(givers)}, "
                 f"capacity {int(givers.loc[trained, 'capacity'].sum())}")
    print(line)


MAKERS: dict[str, Callable[[Path], None]] = {
    "cohort": make_cohort,
    "city": make_city,
    "forste": make_forste,
    "trainee": make_trainee,
    "stockholm": make_stockholm,
}


def main(argv: Sequence[str] | None = None) -> None:
    names = list(sys.argv[1:] if argv is None else argv) or list(MAKERS)
    unknown = [n for n in names if n not in MAKERS]
    if unknown:
        raise SystemExit(f"unknown folder(s) {', '.join(unknown)}; choose from {', '.join(MAKERS)}")
    for name in names:
        MAKERS[name](HERE / name)
    for name in names:
        # sep=None sniffs ',' or ';'; utf-8-sig reads files with and without a BOM.
        written = pd.read_csv(HERE / name / "people.csv", sep=None, engine="python", encoding="utf-8-sig")
        describe(name, written)


if __name__ == "__main__":
    main()
