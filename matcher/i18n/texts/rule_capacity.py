"""capacity: a mentor takes at most their capacity (always on)."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.capacity.title": T(sv="mentorns kapacitet", en="mentor capacity"),
    "rule.capacity.ref": T(sv="”mentorns kapacitet”", en="capacity"),
    "rule.capacity.help": T(
        sv="Varje mentor tar högst så många adepter som sin kapacitet (personfilens kolumn, annars 1).",
        en="Each mentor takes at most their capacity of adepts (the people file's column, default 1).",
    ),
    "rule.capacity.param.min_per_mentor.title": T(sv="Minst per mentor", en="At least per mentor"),
    "rule.capacity.param.min_per_mentor.help": T(
        sv="Varje mentor som anmält sig (kapacitet minst 1) får minst så här många adepter, högst sin kapacitet.",
        en="Each mentor who signed up (capacity at least 1) gets at least this many adepts, at most their capacity.",
    ),
    "rule.capacity.describe": T(
        sv="varje {giver} tar högst så många {takers} som sin kapacitet (personfilens kolumn, annars 1)",
        en="each {giver} takes at most their `capacity` {takers} (the people file's column, default 1)",
    ),
    "rule.capacity.describe.minimum": T(
        sv="varje {giver} tar högst så många {takers} som sin kapacitet (personfilens kolumn, annars 1); "
        "varje {giver} med kapacitet får minst {minimum}",
        en="each {giver} takes at most their `capacity` {takers} (the people file's column, default 1); "
        "every {giver} with capacity gets at least {minimum}",
    ),
    "rule.capacity.conflict.minimum": T(
        sv="min_per_mentor kräver minst {needed} {takers} sammanlagt, men bara {signed_up} har anmält sig; "
        "sänk min_per_mentor eller rekrytera {takers}",
        en="min_per_mentor asks for at least {needed} {takers} in all, but only {signed_up} signed up; "
        "lower min_per_mentor or recruit {takers}",
    ),
    "rule.capacity.conflict_words": T(
        sv="{count} {givers} erbjuder {places} platser sammanlagt",
        en="the {count} {givers} offer {places} places in all",
    ),
    "rule.capacity.conflict_words.minimum": T(
        sv="{count} {givers} erbjuder {places} platser sammanlagt, och var och en måste få minst {minimum}",
        en="the {count} {givers} offer {places} places in all, and each must get at least {minimum}",
    ),
    # why a mentor must get someone (engine.conflict.no_taker): the parameter that asks for it
    "rule.capacity.minimum": T(sv="minst per mentor", en="min_per_mentor"),
    "rule.capacity.check": T(
        sv="{used} av {count} {givers} används, ingen över sin kapacitet",
        en="{used} of {count} {givers} used, none over capacity",
    ),
    "rule.capacity.check.over": T(
        sv="{id} har {taken} men kapaciteten {capacity}", en="{id} has {taken} but capacity {capacity}"
    ),
    "rule.capacity.check.under": T(
        sv="{id} har {taken} men måste få minst {minimum}", en="{id} has {taken} but must get at least {minimum}"
    ),
}
