"""band: which mentor experience bands may mentor which adept bands."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.band.title": T(sv="erfarenhetsnivåer", en="experience bands"),
    "rule.band.ref": T(sv="”erfarenhetsnivåer”", en="band"),
    "rule.band.help": T(
        sv="Mentorns erfarenhetsnivå och adeptens måste vara ett tillåtet par i tabellen "
        "(Ny under 2 år, Van 2–5 år, Erfaren över 5 år i yrket).",
        en="The mentor's experience band and the adept's must be an allowed pair in the table "
        "(Ny < 2 years <= Van <= 5 years < Erfaren).",
    ),
    "rule.band.param.allowed.title": T(sv="Tillåtna nivåer", en="Allowed bands"),
    "rule.band.param.allowed.help": T(
        sv="För varje mentors nivå: de adepters nivåer den får vara mentor för, t.ex. {{Erfaren: [Ny, "
        "Van], Van: [Ny]}}.",
        en="For each mentor band: the adept bands it may mentor, e.g. {{Erfaren: [Ny, Van], Van: [Ny]}}.",
    ),
    "rule.band.describe": T(
        sv="tillåtna nivåer {giver} -> {taker}: {table}", en="allowed {giver} band -> {taker} band: {table}"
    ),
    "rule.band.describe.none": T(
        sv="tillåtna nivåer {giver} -> {taker}: inga", en="allowed {giver} band -> {taker} band: none"
    ),
    "rule.band.pair.allowed": T(
        sv="nivå {giver_band}->{taker_band} tillåten", en="band {giver_band}->{taker_band} allowed"
    ),
    "rule.band.pair.outside": T(
        sv="nivå {giver_band}->{taker_band} utanför tabellen",
        en="band {giver_band}->{taker_band} outside the band table",
    ),
    # -- the parameters' validators (matcher.errors.InvalidValue) --
    "rule.band.invalid.unknown": T(
        sv="okänd erfarenhetsnivå {band}; använd en av {known}",
        en="unknown band {band}; use one of {known}",
    ),
}
