"""administration_equity: likvärdighet, no administration's adepts with a lower chance of a mentor."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.administration_equity.title": T(
        sv="likvärdighet mellan förvaltningarna", en="equal treatment across administrations (likvärdighet)"
    ),
    "rule.administration_equity.ref": T(sv="”likvärdighet mellan förvaltningarna”", en="administration_equity"),
    "rule.administration_equity.help": T(
        sv="Varje förvaltnings adepter matchas minst i en gemensam takt, eller så många de kan få, de sämst "
        "ställda först; uppfylls aldrig genom att matcha färre.",
        en="Every administration's adepts are matched at least at a common rate, or as many as they can get, "
        "the worst-off first; never met by matching fewer.",
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
    "rule.administration_equity.mean": T(sv="{administration} {mean:g}", en="{administration} {mean:g}"),
    "rule.administration_equity.check.quality": T(
        sv="{detail}; medelpoäng per par {means}", en="{detail}; mean pair score {means}"
    ),
}
