"""Synthetic mentors and adepts, calibrated on the figures in docs/domain.md.

Why: the engine, its tests, benchmarks and the example scenarios need people files that
look like Gothenburg's children-and-youth units (87% women, Nordost largest, ~47 units,
senior mentors and junior adepts) without touching real personal data. Every figure is a
named constant below; each says whether it comes from docs/domain.md or is an assumption.

Everything is drawn from numpy Generators seeded from ``seed``: the same arguments give
the same frame, byte for byte. Mentors and adepts use separate child streams, so adding
adepts does not change the mentors (likewise supervisors and trainee applicants).

Public API: :func:`generate_people`, :func:`generate_trainees`, :func:`generate_pair_scores`,
:func:`write_people`. Over 800 lines on purpose: a third of it is the domain's calibrated
constants (administrations, units, bands, genders, topics, trainee programmes), each saying
whether it comes from docs/domain.md or is an assumption; the rest draws mentors, adepts,
trainees and scores from those same constants, so they stay in one place.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from matcher.domain import (
    ADMINISTRATIONS,
    GENDERS,
    band_of_years,
    normalise_topic,
    parse_role,
    split_list,
)

__all__ = [
    "ADEPT_ADMINISTRATION_WEIGHTS",
    "COLUMNS",
    "FORSTE_POSITION",
    "GENDER_WEIGHTS",
    "NEW_HIRES_2023",
    "POSITION",
    "STAFF_ADMINISTRATION_WEIGHTS",
    "SUPERVISOR_TRAINED_SHARE",
    "SWEDISH_HEADERS",
    "TOPICS",
    "TRAINEE_APPLICATION_WEIGHTS",
    "TRAINEE_COLUMNS",
    "TRAINEE_GENDER_WEIGHTS",
    "TRAINEE_QUOTAS",
    "UNITS",
    "generate_pair_scores",
    "generate_people",
    "generate_trainees",
    "write_people",
]

Program = Literal["mentorship", "forste"]

# --------------------------------------------------------------------------------------
# Calibration. Every number is named; the comment says where it comes from.
# --------------------------------------------------------------------------------------

#: Staff (mentors) per administration. docs/domain.md gives only the order "Nordost is the
#: largest, then Hisingen, Centrum, Sydväst"; the shares are an assumption.
STAFF_ADMINISTRATION_WEIGHTS: Final[Mapping[str, float]] = {
    "Nordost": 0.32,
    "Hisingen": 0.26,
    "Centrum": 0.24,
    "Sydväst": 0.18,
}

#: New hires in 2023 (docs/domain.md: Nordost 62, Centrum 58, Sydväst 36). Hisingen is not
#: given: 50 is an assumption (second-largest administration, ~200 hires a year in total).
NEW_HIRES_2023: Final[Mapping[str, int]] = {"Nordost": 62, "Centrum": 58, "Sydväst": 36, "Hisingen": 50}

#: Adepts (new staff) per administration follow the new hires: Nordost has the most.
ADEPT_ADMINISTRATION_WEIGHTS: Final[Mapping[str, float]] = {
    adm: count / sum(NEW_HIRES_2023.values()) for adm, count in NEW_HIRES_2023.items()
}

#: docs/domain.md: 989 social secretaries, 864 women and 125 men (87% / 13%).
STAFF_WOMEN: Final = 864
STAFF_MEN: Final = 125
#: Assumption: the source counts only women and men; we set aside small shares for people
#: of another gender identity and for people who do not say, taken proportionally from both.
NON_BINARY_SHARE: Final = 0.010
UNDISCLOSED_SHARE: Final = 0.015
_BINARY_SHARE: Final = 1.0 - NON_BINARY_SHARE - UNDISCLOSED_SHARE
#: Probabilities in the order of domain.GENDERS (woman, man, non-binary, undisclosed).
GENDER_WEIGHTS: Final[Mapping[str, float]] = {
    "woman": _BINARY_SHARE * STAFF_WOMEN / (STAFF_WOMEN + STAFF_MEN),
    "man": _BINARY_SHARE * STAFF_MEN / (STAFF_WOMEN + STAFF_MEN),
    "non-binary": NON_BINARY_SHARE,
    "undisclosed": UNDISCLOSED_SHARE,
}

#: docs/domain.md: 47 unit managers, "so roughly 47 units" across the four administrations.
N_UNITS: Final = 47
#: Assumption: unit kinds, used to give units Swedish-style names ("Utredning Nordost 2").
UNIT_KINDS: Final = ("Utredning", "Mottagning", "Familjehem", "Uppföljning", "Ungdom", "Öppenvård")

#: Share of mentors who are Erfaren (> 5 years); the rest are Van (2-5 years). docs/domain.md:
#: mentors are "senior, experienced"; "Centrum has the most seniors". Shares: assumption.
MENTOR_ERFAREN_SHARE: Final[Mapping[str, float]] = {
    "Nordost": 0.78,
    "Hisingen": 0.80,
    "Centrum": 0.92,
    "Sydväst": 0.80,
}
#: Mean years beyond 5 for an Erfaren mentor (gamma-distributed). Assumption; Centrum is
#: higher because it has the most seniors and the most staff over 50 (docs/domain.md).
ERFAREN_EXTRA_YEARS_MEAN: Final[Mapping[str, float]] = {
    "Nordost": 6.0,
    "Hisingen": 7.0,
    "Centrum": 10.0,
    "Sydväst": 7.0,
}
#: Gamma shape for the Erfaren tail (assumption: right-skewed, few with 30+ years).
ERFAREN_GAMMA_SHAPE: Final = 2.0
#: Upper bound on years in the profession (assumption: a working life).
MAX_YEARS: Final = 42.0

#: Share of adepts who are Ny (< 2 years); the rest are Van. docs/domain.md: adepts "have
#: worked at most two years"; some Van is allowed for realism. Shares: assumption, Nordost
#: highest because it has the most new hires.
ADEPT_NY_SHARE: Final[Mapping[str, float]] = {
    "Nordost": 0.90,
    "Hisingen": 0.85,
    "Centrum": 0.82,
    "Sydväst": 0.85,
}
#: docs/domain.md: adepts "have finished their introduction": assumption that takes >= 0.5 year.
NY_MIN_YEARS: Final = 0.5
#: Van adepts are drawn in [2.0, VAN_ADEPT_MAX_YEARS] (assumption: early in the Van band).
VAN_ADEPT_MAX_YEARS: Final = 3.5

#: Förste programme (docs/domain.md: "experienced förste mentor new förste"). Assumptions:
#: new förste have 3-10 years in the profession; förste mentors at least 8.
FORSTE_ADEPT_YEARS: Final = (3.0, 10.0)
FORSTE_MENTOR_MIN_YEARS: Final = 8.0
FORSTE_MENTOR_EXTRA_YEARS_MEAN: Final = 8.0

#: docs/domain.md topic list, in Swedish. Weights (popularity) are an assumption: the core
#: investigation work is wanted most, specialised topics less.
TOPIC_WEIGHTS: Final[Mapping[str, float]] = {
    "utredning": 10.0,
    "barnsamtal": 9.0,
    "BBIC": 7.0,
    "LVU": 7.0,
    "våld i nära relationer": 6.0,
    "dokumentation (Treserva)": 6.0,
    "placeringar och familjehem": 5.0,
    "hot och våld mot personal": 4.0,
    "sekretess": 4.0,
    "MI": 4.0,
    "hedersrelaterat våld": 3.0,
    "otillåten påverkan": 3.0,
    "brott mot barn": 3.0,
    "barn som begår brott": 3.0,
    "interkulturell kompetens": 3.0,
    "missbruk (Mini Maria)": 2.0,
}
TOPICS: Final = tuple(TOPIC_WEIGHTS)
#: docs/domain.md: "leading without being a manager (for förste)"; weight is an assumption
#: (the most wanted topic in the förste programme).
FORSTE_TOPIC: Final = "leda utan att vara chef"
FORSTE_TOPIC_WEIGHT: Final = 12.0

#: Brief for this generator (no docs/domain.md figure): mentors list 2-4 interests, adepts 1-3 goals.
MENTOR_TOPICS_RANGE: Final = (2, 4)
ADEPT_TOPICS_RANGE: Final = (1, 3)

#: Assumption: ~8% of all adepts ask for a same-gender mentor. Only women and men ask
#: (a same-gender request from a non-binary adept is nearly always unsatisfiable in a
#: cohort of ten, and "undisclosed" has no gender to match).
SAME_GENDER_REQUEST_SHARE: Final = 0.08

POSITION: Final = "socialsekreterare"
FORSTE_POSITION: Final = "förste socialsekreterare"

#: Pair-score model (assumption): base + slope * share of the adept's goals the mentor
#: covers + normal noise, clipped to 0-100.
SCORE_BASE: Final = 35.0
SCORE_OVERLAP_SLOPE: Final = 45.0
SCORE_NOISE_SD: Final = 12.0

# Fake names. Real sign-up sheets carry personal data; these lists are invented and small.
WOMEN_FIRST_NAMES: Final = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Emma", "Elin", "Johanna", "Linnea", "Frida",
    "Malin", "Sofia", "Hanna", "Ida", "Jenny", "Amira", "Fatima", "Leila", "Nour", "Zeynep",
    "Ebba", "Matilda", "Klara", "Helena", "Camilla", "Therese", "Lina", "Maja", "Josefin", "Aisha",
)
MEN_FIRST_NAMES: Final = (
    "Erik", "Lars", "Anders", "Johan", "Karl", "Mikael", "Per", "Oskar", "Viktor", "Jonas",
    "Ahmed", "Ali", "Hassan", "Omar", "Emil", "Fredrik", "Daniel", "Simon", "Mattias", "Henrik",
)
NEUTRAL_FIRST_NAMES: Final = ("Kim", "Robin", "Alex", "Sam", "Charlie", "Love", "Noa", "Eli", "Mio", "Ellis")
LAST_NAMES: Final = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist", "Berg", "Holm",
    "Sandberg", "Lund", "Ekström", "Nyström", "Ali", "Mohammed", "Hassan", "Yilmaz", "Nguyen",
    "Hussein", "Abdi", "Kovačević", "Rahimi", "Novak",
)

# --------------------------------------------------------------------------------------
# Trainee programme (docs/domain.md, "Trainee programme").
# --------------------------------------------------------------------------------------

#: docs/domain.md: 30 trainees per term, Hisingen 10, Nordost 10, Sydväst 5, Centrum 5 ("may
#: grow"). Supervisors are spread over the administrations in proportion to these places.
TRAINEE_QUOTAS: Final[Mapping[str, int]] = {"Hisingen": 10, "Nordost": 10, "Sydväst": 5, "Centrum": 5}

#: Assumption (docs/domain.md only says supervisors "should have completed, or be taking,
#: supervisor training"): 80% of the volunteering supervisors have the training.
SUPERVISOR_TRAINED_SHARE: Final = 0.8
#: Assumption: a few supervisors take two trainees; the rest one ("at least one supervisor
#: per student" in Stockholm's programme, docs/domain.md).
SUPERVISOR_CAPACITY_TWO_SHARE: Final = 0.1

#: docs/domain.md: the students are "about 80% women". The rest is an assumption: 18% men, and
#: 1% each non-binary and undisclosed. Order of domain.GENDERS.
TRAINEE_GENDER_WEIGHTS: Final[Mapping[str, float]] = {
    "woman": 0.80,
    "man": 0.18,
    "non-binary": 0.01,
    "undisclosed": 0.01,
}

#: Assumption (no figure in docs/domain.md): how popular each administration is with students,
#: used for the ranked `applied_to` choices. Centrum (city centre, most seniors) is asked for
#: most, Sydväst least; Nordost's complex cases attract fewer than its size would suggest.
TRAINEE_APPLICATION_WEIGHTS: Final[Mapping[str, float]] = {
    "Centrum": 0.32,
    "Hisingen": 0.26,
    "Nordost": 0.24,
    "Sydväst": 0.18,
}
#: Assumption: how many administrations a student lists (1, 2 or 3), in preference order.
TRAINEE_CHOICE_COUNT_WEIGHTS: Final[Mapping[int, float]] = {1: 0.3, 2: 0.4, 3: 0.3}
#: Assumption: share of listed choices that name a unit ("Hisingen/Utredning Hisingen 1"),
#: always a unit where one of the generated supervisors works.
TRAINEE_UNIT_CHOICE_SHARE: Final = 0.15
#: Assumption: share of students who state any topics (the field is optional for them).
TRAINEE_TOPICS_SHARE: Final = 0.6
#: docs/domain.md: social-work students in their 7th (last) term; 0 years in the profession.
TRAINEE_POSITION: Final = "socionomstudent (termin 7)"
TRAINEE_YEARS: Final = 0.0
#: Supervisors are drawn like mentors (Van or Erfaren socialsekreterare).
SUPERVISOR_TOPICS_RANGE: Final = MENTOR_TOPICS_RANGE
TRAINEE_TOPICS_RANGE: Final = (1, 3)

# --------------------------------------------------------------------------------------
# Columns and their Swedish spellings (docs/interface.md, people file).
# --------------------------------------------------------------------------------------

COLUMNS: Final = (
    "id", "role", "administration", "gender", "years", "band", "capacity",
    "unit", "position", "topics", "same_gender", "name",
)
SWEDISH_HEADERS: Final[Mapping[str, str]] = {
    "id": "id",
    "role": "roll",
    "administration": "förvaltning",
    "gender": "kön",
    "years": "år_i_yrket",
    "band": "erfarenhet",
    "capacity": "kapacitet",
    "unit": "enhet",
    "position": "befattning",
    "topics": "ämnen",
    "same_gender": "samma_kön",
    "supervisor_trained": "handledarutbildning",
    "applied_to": "sökt_till",
    "name": "namn",
}
#: The trainee programme's people file: COLUMNS plus supervisor training and applications.
TRAINEE_COLUMNS: Final = (*COLUMNS[:-1], "supervisor_trained", "applied_to", COLUMNS[-1])
_SWEDISH_ROLE: Final[Mapping[str, str]] = {"supervisor": "handledare", "trainee": "trainee"}
_SWEDISH_GENDER: Final[Mapping[str, str]] = {
    "woman": "kvinna", "man": "man", "non-binary": "annan", "undisclosed": "ej angivet",
}
_SWEDISH_YES_NO: Final[Mapping[str, str]] = {"yes": "ja", "no": "nej"}
_TOPICS_HEADERS: Final = ("topics", "ämnen", "amnen")
_LIST_SEPARATOR: Final = ";"
_EXCEL_LIST_SEPARATOR: Final = ", "


def _build_units() -> dict[str, tuple[str, ...]]:
    """~47 unit names split over the administrations by staff size (largest remainder)."""
    weights = np.array([STAFF_ADMINISTRATION_WEIGHTS[a] for a in ADMINISTRATIONS])
    exact = weights / weights.sum() * N_UNITS
    counts = np.floor(exact).astype(int)
    for i in np.argsort(-(exact - counts), kind="stable")[: N_UNITS - counts.sum()]:
        counts[i] += 1
    units: dict[str, tuple[str, ...]] = {}
    for adm, count in zip(ADMINISTRATIONS, counts, strict=True):
        seen: dict[str, int] = {}
        names = []
        for i in range(int(count)):
            kind = UNIT_KINDS[i % len(UNIT_KINDS)]
            seen[kind] = seen.get(kind, 0) + 1
            names.append(f"{kind} {adm} {seen[kind]}")
        units[adm] = tuple(names)
    return units


#: Unit names per administration; fixed (not seeded), so files from different seeds share units.
UNITS: Final[Mapping[str, tuple[str, ...]]] = _build_units()


# --------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------


def _choice(rng: np.random.Generator, weights: Mapping[str, float], n: int) -> np.ndarray:
    """n labels drawn with the given (unnormalised) weights; order of the mapping is kept."""
    labels = list(weights)
    p = np.array([weights[k] for k in labels], dtype=float)
    return np.array(labels, dtype=object)[rng.choice(len(labels), size=n, p=p / p.sum())]


def _tenths(values: np.ndarray) -> np.ndarray:
    """Years with one decimal, as a person would write them."""
    return np.round(values, 1)


def _draw_years(
    rng: np.random.Generator, role: str, administrations: np.ndarray, program: Program
) -> np.ndarray:
    """Years in the profession; the band follows from domain.band_of_years."""
    n = len(administrations)
    if program == "forste":
        if role == "mentor":
            extra = rng.gamma(ERFAREN_GAMMA_SHAPE, FORSTE_MENTOR_EXTRA_YEARS_MEAN / ERFAREN_GAMMA_SHAPE, n)
            return _tenths(np.minimum(FORSTE_MENTOR_MIN_YEARS + extra, MAX_YEARS))
        low, high = FORSTE_ADEPT_YEARS
        return _tenths(rng.uniform(low, high, n))
    uniform = rng.random(n)
    if role == "mentor":
        senior_share = np.array([MENTOR_ERFAREN_SHARE[a] for a in administrations])
        extra_mean = np.array([ERFAREN_EXTRA_YEARS_MEAN[a] for a in administrations])
        # Erfaren: strictly above 5 after rounding to tenths, so start at 5.1.
        erfaren = 5.1 + rng.gamma(ERFAREN_GAMMA_SHAPE, extra_mean / ERFAREN_GAMMA_SHAPE)
        van = rng.uniform(2.0, 5.0, n)
        years = np.where(rng.random(n) < senior_share, np.minimum(erfaren, MAX_YEARS), van)
    else:
        ny_share = np.array([ADEPT_NY_SHARE[a] for a in administrations])
        # Ny: below 2 after rounding to tenths, so at most 1.9.
        ny = NY_MIN_YEARS + uniform * (1.9 - NY_MIN_YEARS)
        van = rng.uniform(2.0, VAN_ADEPT_MAX_YEARS, n)
        years = np.where(rng.random(n) < ny_share, ny, van)
    return _tenths(years)


def _draw_topics(
    rng: np.random.Generator, n: int, k_range: tuple[int, int], weights: Mapping[str, float]
) -> list[list[str]]:
    """k distinct topics per person, popular ones more often (Gumbel top-k, vectorised)."""
    labels = np.array(list(weights), dtype=object)
    log_w = np.log(np.array([weights[t] for t in labels], dtype=float))
    keys = log_w[None, :] + rng.gumbel(size=(n, len(labels)))
    order = np.argsort(-keys, axis=1)
    ks = rng.integers(k_range[0], k_range[1] + 1, size=n)
    return [list(labels[order[i, : ks[i]]]) for i in range(n)]


def _draw_names(rng: np.random.Generator, genders: np.ndarray) -> list[str]:
    """Fake 'First Last' names whose first name fits the stated gender."""
    n = len(genders)
    women = rng.integers(len(WOMEN_FIRST_NAMES), size=n)
    men = rng.integers(len(MEN_FIRST_NAMES), size=n)
    anyone = rng.integers(len(WOMEN_FIRST_NAMES) + len(MEN_FIRST_NAMES) + len(NEUTRAL_FIRST_NAMES), size=n)
    last = rng.integers(len(LAST_NAMES), size=n)
    pool = WOMEN_FIRST_NAMES + MEN_FIRST_NAMES + NEUTRAL_FIRST_NAMES
    names = []
    for i, gender in enumerate(genders):
        if gender == "woman":
            first = WOMEN_FIRST_NAMES[women[i]]
        elif gender == "man":
            first = MEN_FIRST_NAMES[men[i]]
        else:
            first = pool[anyone[i]]
        names.append(f"{first} {LAST_NAMES[last[i]]}")
    return names


def _draw_group(
    rng: np.random.Generator,
    n: int,
    role: Literal["mentor", "adept"],
    program: Program,
    capacity: tuple[int, int],
) -> pd.DataFrame:
    """One role's rows in canonical (English) form; topics as Python lists."""
    prefix = "M" if role == "mentor" else "A"
    width = max(4, len(str(n)))
    ids = [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]
    adm_weights = STAFF_ADMINISTRATION_WEIGHTS if role == "mentor" else ADEPT_ADMINISTRATION_WEIGHTS
    administrations = _choice(rng, adm_weights, n)
    genders = _choice(rng, GENDER_WEIGHTS, n)
    years = _draw_years(rng, role, administrations, program)
    unit_counts = np.array([len(UNITS[a]) for a in administrations], dtype=np.int64)
    unit_index = np.floor(rng.random(n) * unit_counts).astype(np.int64)
    units = [UNITS[a][j] for a, j in zip(administrations, unit_index, strict=True)]
    if role == "mentor":
        low, high = capacity
        capacities = rng.integers(low, high + 1, size=n)
    else:
        capacities = np.ones(n, dtype=np.int64)
    topic_weights = dict(TOPIC_WEIGHTS)
    if program == "forste":
        topic_weights[FORSTE_TOPIC] = FORSTE_TOPIC_WEIGHT
    k_range = MENTOR_TOPICS_RANGE if role == "mentor" else ADEPT_TOPICS_RANGE
    topics = _draw_topics(rng, n, k_range, topic_weights)
    # Only women and men ask; their rate is scaled so ~8% of all adepts ask.
    asks = rng.random(n) < SAME_GENDER_REQUEST_SHARE / (GENDER_WEIGHTS["woman"] + GENDER_WEIGHTS["man"])
    binary = np.isin(genders, ["woman", "man"])
    same_gender = np.where((role == "adept") & asks & binary, "yes", "no")
    names = _draw_names(rng, genders)
    return pd.DataFrame(
        {
            "id": ids,
            "role": role,
            "administration": administrations.astype(str),
            "gender": genders.astype(str),
            "years": years.astype(float),
            "band": [band_of_years(float(y)) for y in years],
            "capacity": capacities.astype(np.int64),
            "unit": units,
            "position": FORSTE_POSITION if program == "forste" else POSITION,
            "topics": pd.Series(topics, dtype=object),
            "same_gender": same_gender.astype(str),
            "name": names,
        },
        columns=list(COLUMNS),
    )


def generate_people(
    n_mentors: int,
    n_adepts: int,
    *,
    seed: int = 0,
    program: Literal["mentorship", "forste"] = "mentorship",
    capacity: tuple[int, int] = (1, 1),
    swedish_headers: bool = False,
) -> pd.DataFrame:
    """Synthetic mentors then adepts, one row per person, in the people-file format.

    Why: realistic, reproducible input for tests, benchmarks and example scenarios,
    without real personal data (names are invented).

    Parameters
    ----------
    n_mentors, n_adepts:
        How many of each; ids are ``M0001``.. and ``A0001``.. (wider when needed).
    seed:
        Seeds everything; the same arguments always give the same frame.
    program:
        ``"mentorship"`` (senior socialsekreterare mentor new staff) or ``"forste"``
        (experienced förste socialsekreterare mentor new förste).
    capacity:
        Inclusive range of mentor capacities, drawn uniformly; adepts have capacity 1.
    swedish_headers:
        Swedish headers (``roll, förvaltning, kön, ...``) and Swedish values
        (``kvinna/man/annan/ej angivet``, ``ja/nej``), as a coordinator's sheet has them.

    Returns
    -------
    DataFrame with the columns of :data:`COLUMNS` (or their Swedish headers); ``topics``
    holds lists of str (joined by :func:`write_people`), ``years`` one decimal.
    """
    if n_mentors < 0 or n_adepts < 0:
        raise ValueError("n_mentors and n_adepts must be >= 0")
    low, high = capacity
    if low < 0 or high < low:
        raise ValueError(f"capacity must be a range (low, high) with 0 <= low <= high, got {capacity!r}")
    if program not in ("mentorship", "forste"):
        raise ValueError(f"program must be 'mentorship' or 'forste', got {program!r}")
    mentor_rng, adept_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2))
    people = pd.concat(
        [
            _draw_group(mentor_rng, n_mentors, "mentor", program, capacity),
            _draw_group(adept_rng, n_adepts, "adept", program, capacity),
        ],
        ignore_index=True,
    )
    if swedish_headers:
        people["gender"] = people["gender"].map(_SWEDISH_GENDER)
        people["same_gender"] = people["same_gender"].map(_SWEDISH_YES_NO)
        people = people.rename(columns=dict(SWEDISH_HEADERS))
    return people


# --------------------------------------------------------------------------------------
# Trainee programme: supervisors and student applicants
# --------------------------------------------------------------------------------------


def _allocate(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """`total` split over the keys in proportion to the weights (largest remainder, ties in key order)."""
    keys = list(weights)
    w = np.array([float(weights[k]) for k in keys])
    if total == 0 or w.sum() <= 0:
        return dict.fromkeys(keys, 0)
    exact = w / w.sum() * total
    counts = np.floor(exact).astype(int)
    for i in np.argsort(-(exact - counts), kind="stable")[: total - counts.sum()]:
        counts[i] += 1
    return {k: int(c) for k, c in zip(keys, counts, strict=True)}


def _ids(prefix: str, n: int) -> list[str]:
    width = max(4, len(str(n)))
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


def _draw_supervisors(
    rng: np.random.Generator, n: int, quotas: Mapping[str, int], trained_share: float
) -> pd.DataFrame:
    """Supervisors (handledare) in canonical form, spread over administrations by the quotas."""
    counts = _allocate(n, quotas)
    administrations = np.array([adm for adm in quotas for _ in range(counts[adm])], dtype=object)
    administrations = administrations[rng.permutation(n)]
    genders = _choice(rng, GENDER_WEIGHTS, n)
    # Experienced staff: drawn like mentors, so Van or Erfaren (Centrum the most senior).
    years = _draw_years(rng, "mentor", administrations, "mentorship")
    unit_counts = np.array([len(UNITS[a]) for a in administrations], dtype=np.int64)
    unit_index = np.floor(rng.random(n) * unit_counts).astype(np.int64)
    units = [UNITS[a][j] for a, j in zip(administrations, unit_index, strict=True)]
    capacities = np.where(rng.random(n) < SUPERVISOR_CAPACITY_TWO_SHARE, 2, 1).astype(np.int64)
    trained = np.where(rng.random(n) < trained_share, "yes", "no")
    topics = _draw_topics(rng, n, SUPERVISOR_TOPICS_RANGE, TOPIC_WEIGHTS)
    names = _draw_names(rng, genders)
    return pd.DataFrame(
        {
            "id": _ids("H", n),
            "role": "supervisor",
            "administration": administrations.astype(str),
            "gender": genders.astype(str),
            "years": years.astype(float),
            "band": [band_of_years(float(y)) for y in years],
            "capacity": capacities,
            "unit": units,
            "position": POSITION,
            "topics": pd.Series(topics, dtype=object),
            "same_gender": "no",
            "supervisor_trained": trained.astype(str),
            "applied_to": pd.Series([[] for _ in range(n)], dtype=object),
            "name": names,
        },
        columns=list(TRAINEE_COLUMNS),
    )


def _draw_applicants(
    rng: np.random.Generator, n: int, supervisor_units: Mapping[str, Sequence[str]]
) -> pd.DataFrame:
    """Student applicants in canonical form; `applied_to` holds ranked lists of str."""
    genders = _choice(rng, TRAINEE_GENDER_WEIGHTS, n)
    # Ranked, distinct administrations: Gumbel top-k over the popularity weights.
    labels = np.array(list(TRAINEE_APPLICATION_WEIGHTS), dtype=object)
    log_w = np.log(np.array([TRAINEE_APPLICATION_WEIGHTS[a] for a in labels], dtype=float))
    order = np.argsort(-(log_w[None, :] + rng.gumbel(size=(n, len(labels)))), axis=1)
    sizes = np.array(list(TRAINEE_CHOICE_COUNT_WEIGHTS), dtype=np.int64)
    p = np.array(list(TRAINEE_CHOICE_COUNT_WEIGHTS.values()), dtype=float)
    ks = sizes[rng.choice(len(sizes), size=n, p=p / p.sum())]
    max_k = int(sizes.max())
    names_unit = rng.random((n, max_k)) < TRAINEE_UNIT_CHOICE_SHARE
    unit_draw = rng.random((n, max_k))
    applied: list[list[str]] = []
    for i in range(n):
        choices = []
        for j, adm in enumerate(labels[order[i, : ks[i]]]):
            units = supervisor_units.get(str(adm), ())
            if names_unit[i, j] and units:
                choices.append(f"{adm}/{units[int(unit_draw[i, j] * len(units))]}")
            else:
                choices.append(str(adm))
        applied.append(choices)
    # Topics are optional for students: some state 1-3, the rest none.
    states_topics = rng.random(n) < TRAINEE_TOPICS_SHARE
    drawn = _draw_topics(rng, n, TRAINEE_TOPICS_RANGE, TOPIC_WEIGHTS)
    topics = [t if keep else [] for t, keep in zip(drawn, states_topics, strict=True)]
    binary_share = TRAINEE_GENDER_WEIGHTS["woman"] + TRAINEE_GENDER_WEIGHTS["man"]
    asks = rng.random(n) < SAME_GENDER_REQUEST_SHARE / binary_share
    same_gender = np.where(asks & np.isin(genders, ["woman", "man"]), "yes", "no")
    names = _draw_names(rng, genders)
    return pd.DataFrame(
        {
            "id": _ids("T", n),
            "role": "trainee",
            # A student belongs to no administration yet: the first choice stands in for it.
            "administration": [c[0].split("/", 1)[0] for c in applied],
            "gender": genders.astype(str),
            "years": np.full(n, TRAINEE_YEARS),
            "band": band_of_years(TRAINEE_YEARS),
            "capacity": np.ones(n, dtype=np.int64),
            "unit": pd.Series([None] * n, dtype=object),
            "position": TRAINEE_POSITION,
            "topics": pd.Series(topics, dtype=object),
            "same_gender": same_gender.astype(str),
            "supervisor_trained": "no",
            "applied_to": pd.Series(applied, dtype=object),
            "name": names,
        },
        columns=list(TRAINEE_COLUMNS),
    )


def generate_trainees(
    n_supervisors: int,
    n_applicants: int,
    *,
    seed: int = 0,
    swedish_headers: bool = False,
    trained_share: float = SUPERVISOR_TRAINED_SHARE,
    quotas: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Synthetic supervisors then trainee applicants for one term of the trainee programme.

    Why: realistic, reproducible input for the trainee programme (roles ``supervisor`` and
    ``trainee``) without real personal data (names are invented).

    Parameters
    ----------
    n_supervisors, n_applicants:
        How many of each; ids are ``H0001``.. (handledare) and ``T0001``.. (trainee).
    seed:
        Seeds everything; the same arguments always give the same frame. Supervisors and
        applicants use separate streams, so more applicants leave the supervisors unchanged.
    swedish_headers:
        Swedish headers (``roll, förvaltning, kön, ..., handledarutbildning, sökt_till``) and
        Swedish values (``handledare``, ``kvinna/man/annan/ej angivet``, ``ja/nej``).
    trained_share:
        Probability that a supervisor has supervisor training (``supervisor_trained``).
    quotas:
        Places per administration (default :data:`TRAINEE_QUOTAS`, 10/10/5/5); supervisors
        are spread over the administrations in proportion to them (largest remainder).

    Supervisors are experienced socialsekreterare (Van or Erfaren) in a unit of their
    administration, capacity 1 (about 10% take 2). Applicants are 7th-term social-work
    students (years 0, band Ny), ~80% women, with ``applied_to`` = 1-3 distinct
    administrations in order of preference, sometimes ``"Administration/unit"`` naming a unit
    where a generated supervisor works; their ``administration`` is their first choice and
    ``unit`` is empty.

    Returns
    -------
    DataFrame with the columns of :data:`TRAINEE_COLUMNS` (or their Swedish headers);
    ``topics`` and ``applied_to`` hold lists of str (joined by :func:`write_people`).
    """
    if n_supervisors < 0 or n_applicants < 0:
        raise ValueError("n_supervisors and n_applicants must be >= 0")
    if not 0.0 <= trained_share <= 1.0:
        raise ValueError(f"trained_share must be in [0, 1], got {trained_share!r}")
    places = dict(TRAINEE_QUOTAS if quotas is None else quotas)
    unknown = sorted(set(places) - set(ADMINISTRATIONS))
    if unknown or any(int(v) != v or v < 0 for v in places.values()) or sum(places.values()) <= 0:
        raise ValueError(
            f"quotas must map administrations ({', '.join(ADMINISTRATIONS)}) to places >= 0, "
            f"at least one > 0; got {places!r}"
        )
    supervisor_rng, applicant_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2))
    supervisors = _draw_supervisors(supervisor_rng, n_supervisors, places, trained_share)
    units = {
        adm: sorted(set(supervisors.loc[supervisors["administration"] == adm, "unit"]))
        for adm in ADMINISTRATIONS
    }
    people = pd.concat(
        [supervisors, _draw_applicants(applicant_rng, n_applicants, units)],
        ignore_index=True,
    )
    if swedish_headers:
        people["role"] = people["role"].map(_SWEDISH_ROLE)
        people["gender"] = people["gender"].map(_SWEDISH_GENDER)
        for column in ("same_gender", "supervisor_trained"):
            people[column] = people[column].map(_SWEDISH_YES_NO)
        people = people.rename(columns=dict(SWEDISH_HEADERS))
    return people


# --------------------------------------------------------------------------------------
# Pair scores
# --------------------------------------------------------------------------------------


def _column(people: pd.DataFrame, *names: str) -> pd.Series:
    """The first of the given headers present (English or Swedish), else a KeyError."""
    for name in names:
        if name in people.columns:
            return people[name]
    raise KeyError(f"people has none of the columns {names}")


def _as_topic_list(cell: Any) -> list[str]:
    """Topics from a list cell or a ';'/','-separated string, normalised for comparison."""
    if isinstance(cell, list | tuple | np.ndarray):
        items = [str(x) for x in cell]
    elif cell is None or (isinstance(cell, float) and np.isnan(cell)):
        items = []
    else:
        items = split_list(str(cell))
    return [normalise_topic(t) for t in items]


def _topic_matrix(cells: Sequence[Any], vocabulary: dict[str, int]) -> np.ndarray:
    """0/1 matrix person x topic; new topics are added to the vocabulary."""
    rows: list[list[int]] = []
    for cell in cells:
        rows.append([vocabulary.setdefault(t, len(vocabulary)) for t in _as_topic_list(cell)])
    matrix = np.zeros((len(rows), max(len(vocabulary), 1)), dtype=np.float32)
    for i, cols in enumerate(rows):
        matrix[i, cols] = 1.0
    return matrix


def generate_pair_scores(people: pd.DataFrame, *, seed: int = 0, density: float = 1.0) -> pd.DataFrame:
    """An external questionnaire's compatibility score for mentor x adept pairs.

    Why: the ``pair_scores`` file the engine can weigh in. The score rises with the share of
    the adept's goals that the mentor lists as interests, plus noise, clipped to 0-100:
    ``SCORE_BASE + SCORE_OVERLAP_SLOPE * covered_share + N(0, SCORE_NOISE_SD)``.

    ``density < 1`` keeps each pair with that probability (a questionnaire that lists
    acceptable pairs only). Accepts English or Swedish headers and topics as lists or
    separated strings. Vectorised: 1.5 M pairs take well under a second.

    Returns a DataFrame with columns ``mentor_id, adept_id, score`` (int), mentors outer.
    """
    if not 0.0 <= density <= 1.0:
        raise ValueError(f"density must be in [0, 1], got {density!r}")
    ids = _column(people, "id").astype(str).to_numpy()
    roles = np.array([parse_role(str(r)) for r in _column(people, "role", "roll")], dtype=object)
    has_topics = any(h in people.columns for h in _TOPICS_HEADERS)
    topics = _column(people, *_TOPICS_HEADERS).tolist() if has_topics else [[]] * len(people)
    is_mentor = roles == "mentor"
    is_adept = roles == "adept"
    vocabulary: dict[str, int] = {}
    mentor_topics = _topic_matrix([t for t, m in zip(topics, is_mentor, strict=True) if m], vocabulary)
    adept_topics = _topic_matrix([t for t, a in zip(topics, is_adept, strict=True) if a], vocabulary)
    width = max(len(vocabulary), 1)
    mentor_topics = np.pad(mentor_topics, ((0, 0), (0, width - mentor_topics.shape[1])))
    adept_topics = np.pad(adept_topics, ((0, 0), (0, width - adept_topics.shape[1])))

    n_m, n_a = mentor_topics.shape[0], adept_topics.shape[0]
    overlap = mentor_topics @ adept_topics.T  # (n_m, n_a) shared topics
    goals = np.maximum(adept_topics.sum(axis=1), 1.0)
    covered_share = overlap / goals[None, :]

    rng = np.random.default_rng(np.random.SeedSequence([seed, 1]))
    noise = rng.standard_normal((n_m, n_a), dtype=np.float32) * np.float32(SCORE_NOISE_SD)
    raw = np.float32(SCORE_BASE) + np.float32(SCORE_OVERLAP_SLOPE) * covered_share + noise
    scores = np.clip(np.rint(raw), 0, 100).astype(np.int64).ravel()

    mentor_idx = np.repeat(np.arange(n_m), n_a)
    adept_idx = np.tile(np.arange(n_a), n_m)
    if density < 1.0:
        keep = rng.random(n_m * n_a) < density
        mentor_idx, adept_idx, scores = mentor_idx[keep], adept_idx[keep], scores[keep]
    mentor_ids = ids[is_mentor].astype(object)[mentor_idx]
    adept_ids = ids[is_adept].astype(object)[adept_idx]
    return pd.DataFrame({"mentor_id": mentor_ids, "adept_id": adept_ids, "score": scores})


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def _join_lists(df: pd.DataFrame, separator: str) -> pd.DataFrame:
    """Copy with every list-valued cell joined into one string."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object and out[column].map(lambda v: isinstance(v, list | tuple)).any():
            out[column] = out[column].map(
                lambda v: separator.join(str(x) for x in v) if isinstance(v, list | tuple) else v
            )
    return out


def _write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Write to a temporary file next to `path`, then rename: whole file or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A plain open() (not mkstemp) so the file gets the usual umask permissions.
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp{path.suffix}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_people(df: pd.DataFrame, path: Path, *, excel_style: bool = False) -> None:
    """Write a people frame as CSV, XLSX or JSON records, chosen by the file extension.

    Why: the example scenarios and tests need files in the shapes coordinators really
    send. ``excel_style=True`` imitates a Swedish Excel CSV export: ``;``-separated,
    UTF-8 with BOM, lists in a cell joined with ``", "``. Otherwise plain comma CSV in
    UTF-8, lists joined with ``";"``. ``.xlsx`` goes through openpyxl; ``.json`` writes
    a list of records (lists joined as in CSV, so every format reads back alike).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    table = _join_lists(df, _EXCEL_LIST_SEPARATOR if excel_style else _LIST_SEPARATOR)

    def to_csv(target: Path) -> None:
        if excel_style:
            table.to_csv(target, index=False, sep=";", encoding="utf-8-sig", lineterminator="\r\n")
        else:
            table.to_csv(target, index=False, sep=",", encoding="utf-8")

    def to_xlsx(target: Path) -> None:
        table.to_excel(target, index=False, engine="openpyxl")

    def to_json(target: Path) -> None:
        text = table.to_json(orient="records", force_ascii=False, indent=1)
        target.write_text(f"{text}\n", encoding="utf-8")

    writers: dict[str, Callable[[Path], None]] = {".csv": to_csv, ".xlsx": to_xlsx, ".json": to_json}
    if suffix in writers:
        _write_atomically(path, writers[suffix])
    else:
        raise ValueError(f"{path}: unsupported extension {path.suffix!r}; use .csv, .xlsx or .json")


# GENDER_WEIGHTS must cover domain.GENDERS, in its order; fail at import if they drift apart.
if tuple(GENDER_WEIGHTS) != GENDERS or tuple(TRAINEE_GENDER_WEIGHTS) != GENDERS:
    raise RuntimeError("GENDER_WEIGHTS / TRAINEE_GENDER_WEIGHTS do not match matcher.domain.GENDERS")
