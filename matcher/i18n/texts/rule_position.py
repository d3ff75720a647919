"""position: both sides hold a given position (förste mentorship), the mentor the more experienced."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.position.title": T(sv="befattning (förstementorskap)", en="position (förste mentorship)"),
    "rule.position.ref": T(sv="”befattning”", en="position"),
    "rule.position.help": T(
        sv="Mentor och adept har de angivna befattningarna (förval: båda förste socialsekreterare) och mentorn är "
        "den mer erfarna (fler år i yrket; högre erfarenhetsnivå när år saknas).",
        en="Mentor and adept hold the given positions (default: both förste socialsekreterare) and the mentor is "
        "the more experienced (more years; a higher band when years are missing).",
    ),
    "rule.position.param.giver_position.title": T(sv="Mentorns befattning", en="Mentor's position"),
    "rule.position.param.giver_position.help": T(
        sv="Befattningen varje mentor (handledare) måste ha, t.ex. förste socialsekreterare.",
        en="The position every mentor (supervisor) must hold, e.g. förste socialsekreterare.",
    ),
    "rule.position.param.taker_position.title": T(sv="Adeptens befattning", en="Adept's position"),
    "rule.position.param.taker_position.help": T(
        sv="Befattningen varje adept (trainee) måste ha (tomt: samma som mentorns).",
        en="The position every adept (trainee) must hold (empty: the same as the mentor's).",
    ),
    "rule.position.param.more_experienced.title": T(sv="Mentorn mer erfaren", en="Mentor more experienced"),
    "rule.position.param.more_experienced.help": T(
        sv="Mentorn ska ha fler år i yrket än adepten (högre erfarenhetsnivå när år saknas).",
        en="The mentor must have more years than the adept (a higher band when years are missing).",
    ),
    "rule.position.describe.both": T(sv="båda är {position}", en="both sides {position}"),
    "rule.position.describe.each": T(
        sv="{givers} {giver_position}, {takers} {taker_position}",
        en="{givers} {giver_position}, {takers} {taker_position}",
    ),
    "rule.position.describe.experienced": T(
        sv="{giver}n mer erfaren (fler år, eller högre erfarenhetsnivå när år saknas)",
        en="the {giver} more experienced (more years, or a higher band when years are missing)",
    ),
    "rule.position.describe.soft": T(sv="{text} (önskemål)", en="{text} (soft)"),
    "rule.position.pair.both": T(sv="båda {position}", en="both {position}"),
    "rule.position.pair.giver.is": T(sv="{giver} är {position}", en="{giver} is {position}"),
    "rule.position.pair.giver.is_not": T(sv="{giver} är INTE {position}", en="{giver} is NOT {position}"),
    "rule.position.pair.taker.is": T(sv="{taker} är {position}", en="{taker} is {position}"),
    "rule.position.pair.taker.is_not": T(sv="{taker} är INTE {position}", en="{taker} is NOT {position}"),
    "rule.position.pair.years": T(
        sv="{giver} {giver_years:.1f} år > {taker} {taker_years:.1f} år",
        en="{giver} {giver_years:.1f} years > {taker} {taker_years:.1f} years",
    ),
    "rule.position.pair.years.not": T(
        sv="{giver} {giver_years:.1f} år INTE > {taker} {taker_years:.1f} år",
        en="{giver} {giver_years:.1f} years NOT > {taker} {taker_years:.1f} years",
    ),
    "rule.position.pair.band": T(
        sv="{giver} nivå {giver_band} över {taker} nivå {taker_band} (år saknas)",
        en="{giver} band {giver_band} above {taker} band {taker_band} (years not given)",
    ),
    "rule.position.pair.band.not": T(
        sv="{giver} nivå {giver_band} INTE över {taker} nivå {taker_band} (år saknas)",
        en="{giver} band {giver_band} NOT above {taker} band {taker_band} (years not given)",
    ),
    "rule.position.person": T(sv="{id} ({position})", en="{id} ({position})"),
    "rule.position.person.empty": T(sv="{id} (befattning tom)", en="{id} (position empty)"),
    "rule.position.people": T(sv="{listed}", en="{listed}"),
    "rule.position.people.more": T(sv="{listed} och {more} till", en="{listed} and {more} more"),
    "rule.position.conflict.givers": T(
        sv="{count} {givers} har inte befattningen {position} och kan aldrig matchas: {who}. Ta bort dem ur "
        "personfilen, rätta deras befattning, eller gör befattningsregeln till ett önskemål (hard: false).",
        en="{count} {givers} do not hold the position {position} and can never be matched: {who}. Remove them "
        "from the people file, correct their position (befattning) cell, or make the position rule soft "
        "(hard: false).",
    ),
    "rule.position.conflict.takers": T(
        sv="{count} {takers} har inte befattningen {position} och kan aldrig matchas: {who}. Ta bort dem ur "
        "personfilen, rätta deras befattning, eller gör befattningsregeln till ett önskemål (hard: false).",
        en="{count} {takers} do not hold the position {position} and can never be matched: {who}. Remove them "
        "from the people file, correct their position (befattning) cell, or make the position rule soft "
        "(hard: false).",
    ),
    # -- the parameters' validators (matcher.errors.InvalidValue) --
    "rule.position.invalid.empty": T(
        sv="en befattning får inte vara tom, t.ex. 'förste socialsekreterare'",
        en="a position must not be empty, e.g. 'förste socialsekreterare'",
    ),
}
