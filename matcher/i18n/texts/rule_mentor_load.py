"""mentor_load: a mentor takes at most so many adepts over the last terms."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.mentor_load.title": T(sv="mentorns belastning över terminer", en="mentor load across terms"),
    "rule.mentor_load.ref": T(sv="”mentorns belastning över terminer”", en="mentor_load"),
    "rule.mentor_load.help": T(
        sv="En mentor tar högst så många adepter sammanlagt under de senaste kullarna, den här medräknad "
        "(som önskemål: vikten dras av per adept över); läser historikdatabasen.",
        en="A mentor takes at most so many adepts summed over the last cohorts, this one included "
        "(preferred: the weight off per adept over); reads the history database.",
    ),
    "rule.mentor_load.param.max_adepts.title": T(sv="Högst antal adepter", en="Most adepts"),
    "rule.mentor_load.param.max_adepts.help": T(
        sv="Flest adepter en mentor tar sammanlagt under perioden.",
        en="Most adepts a mentor takes summed over the window.",
    ),
    "rule.mentor_load.param.terms.title": T(sv="Antal terminer", en="Terms"),
    "rule.mentor_load.param.terms.help": T(
        sv="Perioden: den här kullen och kullarna närmast före, så många sammanlagt (1: bara den här kullen).",
        en="The window: this cohort and the cohorts just before it, this many in all (1: this cohort only).",
    ),
    "rule.mentor_load.window.this": T(sv="den här kullen", en="this cohort"),
    "rule.mentor_load.window.last": T(
        sv="de senaste {count} kullarna (den här medräknad)", en="the last {count} cohorts (this one included)"
    ),
    "rule.mentor_load.describe": T(
        sv="en {giver} tar högst {most} {takers} under {window}",
        en="a {giver} takes at most {most} {takers} over {window}",
    ),
    "rule.mentor_load.describe.soft": T(
        sv="en {giver} tar högst {most} {takers} under {window} (önskemål: -{weight} per {taker} över, prioritet "
        "{priority})",
        en="a {giver} takes at most {most} {takers} over {window} (soft: -{weight} per {taker} over, priority "
        "{priority})",
    ),
    "rule.mentor_load.row.left": T(
        sv="{id} hade {past} {takers} i periodens tidigare kullar: {left} till håller hen inom {most} under {window}",
        en="{id} had {past} {takers} in the earlier cohorts of the window: {left} more keeps them within {most} "
        "over {window}",
    ),
    "rule.mentor_load.conflict.locked": T(
        sv="{id} är låst till {count} {takers} men har {places} platser kvar enligt ”mentorns belastning” (högst "
        "{most} under {window}): lås upp ett par eller höj max_adepts",
        en="{id} is locked to {count} {takers} but has {places} places left under mentor_load (at most {most} over "
        "{window}): unlock a pair or raise max_adepts",
    ),
    "rule.mentor_load.busy": T(sv="{id} hade {past} (kvar {left})", en="{id} had {past} (leaves {left})"),
    "rule.mentor_load.conflict_words": T(
        sv="en {giver} tar högst {most} {takers} under {window}: {load}",
        en="a {giver} takes at most {most} {takers} over {window}: {load}",
    ),
    "rule.mentor_load.conflict_words.busy": T(sv="{busy}", en="{busy}"),
    "rule.mentor_load.conflict_words.nobody": T(sv="ingen hade någon tidigare", en="nobody had any before"),
    "rule.mentor_load.conflict_words.places": T(
        sv="{words}; {givers} har kvar {places} platser sammanlagt",
        en="{words}; the {givers} keep {places} places in all",
    ),
    "rule.mentor_load.earlier.one": T(sv="förra kullen", en="the previous cohort"),
    "rule.mentor_load.earlier.many": T(sv="de {count} förra kullarna", en="the previous {count} cohorts"),
    "rule.mentor_load.pair.one": T(
        sv="{giver}ns belastning: {count} {taker} i {earlier} (högst {most} under {terms} kullar)",
        en="{giver} load: {count} {taker} in {earlier} (at most {most} over {terms} cohorts)",
    ),
    "rule.mentor_load.pair.many": T(
        sv="{giver}ns belastning: {count} {takers} i {earlier} (högst {most} under {terms} kullar)",
        en="{giver} load: {count} {takers} in {earlier} (at most {most} over {terms} cohorts)",
    ),
    "rule.mentor_load.over": T(
        sv="{id}: {before} tidigare + {now} nu > {most}", en="{id}: {before} before + {now} now > {most}"
    ),
    "rule.mentor_load.check": T(
        sv="tyngsta belastningen under {window}: {heaviest} av högst {most}",
        en="heaviest load over {window}: {heaviest} of at most {most}",
    ),
    "rule.mentor_load.check.over": T(
        sv="{count} {givers} över belastningen: {over}", en="{count} {givers} over the load: {over}"
    ),
}
