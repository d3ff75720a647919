"""preference: trainees' ranked administrations, rewarded by rank."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.preference.title": T(sv="traineernas önskemål", en="trainees' preferences"),
    "rule.preference.ref": T(sv="”traineernas önskemål”", en="preference"),
    "rule.preference.help": T(
        sv="Belönar att en trainee placeras i en förvaltning efter dess plats bland traineens val: poäng för 1:a, "
        "2:a, 3:e valet (förval 3, 2, 1; senare 0), gånger vikten.",
        en="Rewards placing a trainee in an administration by its rank among the trainee's choices: points for the "
        "1st, 2nd, 3rd choice (default 3, 2, 1; later 0), times the weight.",
    ),
    "rule.preference.param.points.title": T(sv="Poäng per val", en="Points per choice"),
    "rule.preference.param.points.help": T(
        sv="Poäng för en placering i 1:a, 2:a, 3:e ... valet (senare val: 0), gånger vikten, t.ex. [3, 2, 1].",
        en="Points for a placement at the 1st, 2nd, 3rd, ... choice (later choices: 0), times the weight, "
        "e.g. [3, 2, 1].",
    ),
    "rule.preference.ordinal.st_a": T(sv="{n}:a", en="{n}st"),
    "rule.preference.ordinal.nd_a": T(sv="{n}:a", en="{n}nd"),
    "rule.preference.ordinal.rd_e": T(sv="{n}:e", en="{n}rd"),
    "rule.preference.ordinal.th_e": T(sv="{n}:e", en="{n}th"),
    "rule.preference.rank": T(sv="{choice} valet +{points}", en="{choice} choice +{points}"),
    "rule.preference.describe": T(
        sv="{ranks} (x {weight}, prioritet {priority})", en="{ranks} (x {weight}, priority {priority})"
    ),
    "rule.preference.pair": T(
        sv="{choice} valet ({administration}) +{points}", en="{choice} choice ({administration}) +{points}"
    ),
    "rule.preference.pair.none": T(
        sv="inte bland valen ({administration}) +0", en="not among the choices ({administration}) +0"
    ),
    "rule.preference.check": T(
        sv="{first} av {count} placerade {takers} på sitt 1:a val ({share:.0%})",
        en="{first} of {count} placed {takers} at their 1st choice ({share:.0%})",
    ),
    "rule.preference.check.none": T(
        sv="0 av 0 placerade {takers} på sitt 1:a val", en="0 of 0 placed {takers} at their 1st choice"
    ),
    # -- the parameters' validators (matcher.errors.InvalidValue) --
    "rule.preference.invalid.empty": T(
        sv="ange poäng för åtminstone förstahandsvalet, t.ex. [3, 2, 1]",
        en="points must list at least the 1st choice's points, e.g. [3, 2, 1]",
    ),
    "rule.preference.invalid.negative": T(
        sv="poängen måste vara heltal från 0 och uppåt, angivet: {points}",
        en="points must be whole numbers >= 0, got {points}",
    ),
}
