"""administration_equity: likvärdighet, no administration's adepts with a lower chance of a mentor."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.administration_equity.title": T(
        sv="likvärdighet mellan förvaltningarna", en="equal treatment across administrations (likvärdighet)"
    ),
    "rule.administration_equity.ref": T(sv="”likvärdighet mellan förvaltningarna”", en="administration_equity"),
    "rule.administration_equity.help": T(
        sv="Varje förvaltnings adepter matchas minst i en gemensam takt, eller så många de kan få, de sämst "
        "ställda först; uppfylls aldrig genom att matcha färre. Önskemål: ingen förvaltning får klart sämre "
        "par (medelpoäng mer än quality_gap under alla pars).",
        en="Every administration's adepts are matched at least at a common rate, or as many as they can get, "
        "the worst-off first; never met by matching fewer. Preferred: no administration gets clearly worse "
        "pairs (a mean pair score more than quality_gap below that of all pairs).",
    ),
    "rule.administration_equity.param.group_by.title": T(sv="Grupper", en="Groups"),
    "rule.administration_equity.param.group_by.help": T(
        sv="Alltid förvaltningarna.", en="Always the administrations."
    ),
    "rule.administration_equity.param.mode.title": T(sv="Sätt", en="Mode"),
    "rule.administration_equity.param.mode.help": T(
        sv="leximin: de sämst ställda förvaltningarna lyfts först, sedan nästa; floor: en gemensam takt.",
        en="leximin: the worst-off administrations are raised first, then the next; floor: one common rate.",
    ),
    "rule.administration_equity.param.min_group_size.title": T(
        sv="Minsta förvaltning som räknas", en="Smallest administration counted"
    ),
    "rule.administration_equity.param.min_group_size.help": T(
        sv="Bara förvaltningar med minst så här många adepter räknas.",
        en="Only administrations with at least this many adepts count.",
    ),
    "rule.administration_equity.describe": T(
        sv="varje förvaltnings {takers} matchas minst i en gemensam takt eller så många de kan få",
        en="every administration's {takers} matched at least at a common rate or their own maximum",
    ),
    "rule.administration_equity.param.quality_gap.title": T(
        sv="Hur mycket sämre par en förvaltning får", en="How much worse pairs an administration may get"
    ),
    "rule.administration_equity.param.quality_gap.help": T(
        sv="Ingen förvaltnings medelpoäng per par mer än så här stor andel under medelpoängen för alla par "
        "(önskemål; tomt: medelpoängen visas bara).",
        en="No administration's mean pair score more than this share below the mean of all pairs "
        "(a preference; empty: the means are only shown).",
    ),
    "rule.administration_equity.param.quality_weight.title": T(
        sv="Vikt för parens kvalitet", en="Weight of pair quality"
    ),
    "rule.administration_equity.param.quality_weight.help": T(
        sv="Hur många poäng för alla par en saknad poäng för en förvaltnings par får kosta.",
        en="How many points of all pairs' score one missing point for an administration's pairs may cost.",
    ),
    "rule.administration_equity.check.quality": T(
        sv="{detail}; medelpoäng per par {means}", en="{detail}; mean pair score {means}"
    ),
}
