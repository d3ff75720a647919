"""coverage: every adept matched, or as many as possible."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.coverage.title": T(sv="alla matchas", en="every adept matched"),
    "rule.coverage.ref": T(sv="”alla matchas”", en="coverage"),
    "rule.coverage.help": T(
        sv="Måste gälla: varje adept får en mentor. Önskemål: så många adepter som möjligt får en (vikten per adept).",
        en="Must hold: every adept gets a mentor. Preferred: as many adepts as possible get one (the "
        "weight per adept).",
    ),
    "rule.coverage.describe.hard": T(sv="varje {taker} får en {giver}", en="every {taker} gets a {giver}"),
    "rule.coverage.describe.soft": T(
        sv="matcha så många {takers} som möjligt",
        en="match as many {takers} as possible",
    ),
    "rule.coverage.conflict.places": T(
        sv="{givers_count} {givers} erbjuder {places} platser för {takers_count} {takers}, och regeln säger att "
        "varje {taker} måste matchas: höj kapaciteten med {short}, rekrytera {givers} eller gör regeln till ett "
        "önskemål (coverage: {{hard: false}})",
        en="the {givers_count} {givers} offer {places} places for {takers_count} {takers}, and coverage says every "
        "{taker} must be matched: raise capacities by {short}, recruit {givers}, or make coverage soft "
        "(coverage: {{hard: false}})",
    ),
    "rule.coverage.conflict_words": T(
        sv="alla {count} {takers} måste matchas", en="every one of the {count} {takers} must be matched"
    ),
    "rule.coverage.check": T(sv="{matched} av {count} {takers} matchade", en="{matched} of {count} {takers} matched"),
}
