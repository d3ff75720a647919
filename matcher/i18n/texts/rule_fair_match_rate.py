"""fair_match_rate: every group a fair chance of a mentor, without levelling down (administration_equity
shares the words after its own title and help)."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.fair_match_rate.title": T(
        sv="lika chans till mentor för varje grupp", en="a fair chance of a mentor for every group"
    ),
    "rule.fair_match_rate.ref": T(sv="”lika chans till mentor för varje grupp”", en="fair_match_rate"),
    "rule.fair_match_rate.help": T(
        sv="Varje grupp av adepter matchas minst i en gemensam takt, eller så många som gruppen alls kan få, med "
        "takten så hög som möjligt; uppfylls aldrig genom att matcha färre.",
        en="Every group of adepts is matched at least at a common rate, or as many as the group can get at all, "
        "with the rate as high as possible; never met by matching fewer.",
    ),
    "rule.fair_match_rate.param.group_by.title": T(sv="Grupper", en="Groups"),
    "rule.fair_match_rate.param.group_by.help": T(
        sv="Vilka grupper som jämförs: kön (gender), förvaltning (administration), erfarenhetsnivå (band) eller "
        "förvaltning och kön (administration_gender).",
        en="Which groups are compared: gender, administration, experience band (band) or administration and "
        "gender (administration_gender).",
    ),
    "rule.fair_match_rate.param.mode.title": T(sv="Sätt", en="Mode"),
    "rule.fair_match_rate.param.mode.help": T(
        sv="floor: en gemensam takt, så hög som möjligt; leximin: de sämst ställda grupperna lyfts först, sedan nästa.",
        en="floor: one common rate, as high as possible; leximin: the worst-off groups are raised "
        "first, then the next.",
    ),
    "rule.fair_match_rate.param.min_group_size.title": T(sv="Minsta grupp som räknas", en="Smallest group counted"),
    "rule.fair_match_rate.param.min_group_size.help": T(
        sv="Bara grupper med minst så här många adepter räknas.", en="Only groups with at least this many adepts count."
    ),
    "rule.fair_match_rate.group_by.gender": T(sv="könsgrupp", en="gender"),
    "rule.fair_match_rate.group_by.administration": T(sv="förvaltning", en="administration"),
    "rule.fair_match_rate.group_by.band": T(sv="erfarenhetsnivå", en="band"),
    "rule.fair_match_rate.group_by.administration_gender": T(
        sv="kombination av förvaltning och kön", en="administration × gender"
    ),
    "rule.fair_match_rate.describe.floor": T(
        sv="varje {groups} (minst {size} {takers}) matchas minst i den gemensamma takten eller så många den kan "
        "få (en gemensam takt, så hög som möjligt)",
        en="every {groups} group (>= {size} {takers}) matched at least at the common rate or its own maximum "
        "(one common rate, raised)",
    ),
    "rule.fair_match_rate.describe.leximin": T(
        sv="varje {groups} (minst {size} {takers}) matchas minst i den gemensamma takten eller så många den kan "
        "få (de sämst ställda först, sedan nästa)",
        en="every {groups} group (>= {size} {takers}) matched at least at the common rate or its own maximum "
        "(worst-off groups first, then the next)",
    ),
    "rule.fair_match_rate.group": T(sv="{administration} / {gender}", en="{administration} / {gender}"),
    "rule.fair_match_rate.count": T(sv="{group} {count}", en="{group} {count}"),
    "rule.fair_match_rate.rate": T(sv="{group} {matched}/{size}", en="{group} {matched}/{size}"),
    "rule.fair_match_rate.small": T(sv="{group} ({size})", en="{group} ({size})"),
    "rule.fair_match_rate.conflict_words": T(
        sv="varje grupp matchas minst: {floors}", en="each group matched at least: {floors}"
    ),
    "rule.fair_match_rate.row.floor": T(
        sv="minst {floor} av {size} {takers} i {group} matchas (den gemensamma takten, eller alla gruppen kan "
        "få ensam)",
        en="at least {floor} of the {size} {takers} in {group} matched (the common rate, or all the group could "
        "get alone)",
    ),
    "rule.fair_match_rate.check": T(
        sv="gemensam takt {rate:.0%}; matchade per grupp {rates}",
        en="common rate {rate:.0%}; matched per group {rates}",
    ),
    "rule.fair_match_rate.check.unsettled": T(
        sv="matchade per grupp {rates}; golven bestäms när matchningen görs: pröva körningens mapp "
        "(matcher check UTMAPP) för att kontrollera dem",
        en="matched per group {rates}; the floors are settled when the matching is made: check the run's folder "
        "(matcher check OUT_DIR) to verify them",
    ),
    "rule.fair_match_rate.check.few.none": T(
        sv="färre än två grupper att jämföra (inga)", en="fewer than two groups to compare (none)"
    ),
    "rule.fair_match_rate.check.small": T(
        sv="{detail}; för små för att jämföras: {small}", en="{detail}; too small to compare: {small}"
    ),
    "rule.fair_match_rate.check.above_alone": T(
        sv="{group}: {floor} begärda, men bara {alone} kan matchas alls",
        en="{group}: asked for {floor}, but only {alone} can be matched at all",
    ),
    "rule.fair_match_rate.check.below_floor": T(
        sv="{group}: {matched} matchade, färre än golvet {floor}",
        en="{group}: {matched} matched, fewer than its floor {floor}",
    ),
    "rule.fair_match_rate.check.broken": T(sv="{problems} ({detail})", en="{problems} ({detail})"),
    "rule.fair_match_rate.param.quality_gap.title": T(
        sv="Hur mycket sämre par en grupp får", en="How much worse pairs a group may get"
    ),
    "rule.fair_match_rate.param.quality_gap.help": T(
        sv="Ingen grupps medelpoäng per par mer än så här stor andel under medelpoängen för alla par "
        "(önskemål; tomt: jämförs inte).",
        en="No group's mean pair score more than this share below the mean of all pairs "
        "(a preference; empty: not compared).",
    ),
    "rule.fair_match_rate.param.quality_weight.title": T(sv="Vikt för parens kvalitet", en="Weight of pair quality"),
    "rule.fair_match_rate.param.quality_weight.help": T(
        sv="Hur många poäng för alla par en saknad poäng för en grupps par får kosta.",
        en="How many points of all pairs' score one missing point for a group's pairs may cost.",
    ),
    "rule.fair_match_rate.describe.quality": T(
        sv="{rates}, och ingen grupps par mer än {percent:g}\u00a0% under alla pars medelpoäng (önskemål)",
        en="{rates}, and no group's pairs more than {percent:g}% below the mean pair score (a preference)",
    ),
    "rule.fair_match_rate.row.quality": T(
        sv="parens medelpoäng i {group} minst {target:g} (räknat på {matched} matchade)",
        en="the mean pair score in {group} at least {target:g} (counted over {matched} matched)",
    ),
    "rule.fair_match_rate.mean": T(sv="{group} {mean:g}", en="{group} {mean:g}"),
    "rule.fair_match_rate.check.quality.held": T(
        sv="medelpoäng per par {means}; ingen grupp under {target:g} ({percent:g}\u00a0% under medelpoängen "
        "{mean:g} utan detta önskemål)",
        en="mean pair score {means}; no group below {target:g} ({percent:g}% under the mean {mean:g} "
        "without this preference)",
    ),
    "rule.fair_match_rate.check.quality.below": T(
        sv="{below} under {target:g} ({percent:g}\u00a0% under medelpoängen {mean:g} utan detta önskemål); "
        "medelpoäng per par {means}",
        en="{below} below {target:g} ({percent:g}% under the mean {mean:g} without this preference); mean pair "
        "score {means}",
    ),
}
