"""administration: pairs within, or across, the administrations; a minimum share across."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.administration.title": T(sv="förvaltningar", en="administrations"),
    "rule.administration.ref": T(sv="”förvaltningar”", en="administration"),
    "rule.administration.help": T(
        sv="Par inom samma förvaltning eller över förvaltningsgränsen, och en lägsta andel par över gränsen.",
        en="Pairs within one administration or across administrations, and a least share of pairs across.",
    ),
    "rule.administration.param.mode.title": T(sv="Inom eller över gränsen", en="Within or across"),
    "rule.administration.param.mode.help": T(
        sv="any: fritt; same: varje par inom samma förvaltning; cross: varje par över förvaltningsgränsen.",
        en="any: either; same: every pair within one administration; cross: every pair across administrations.",
    ),
    "rule.administration.param.min_cross_share.title": T(
        sv="Lägsta andel över gränsen", en="Least share across administrations"
    ),
    "rule.administration.param.min_cross_share.help": T(
        sv="Minst denna andel av alla par går över förvaltningsgränsen, t.ex. 0,3 för 30 %.",
        en="At least this share of all pairs crosses administrations, e.g. 0.3 for 30%.",
    ),
    "rule.administration.describe.same": T(
        sv="paren stannar inom en förvaltning", en="pairs stay within one administration"
    ),
    "rule.administration.describe.cross": T(sv="paren går över förvaltningsgränsen", en="pairs cross administrations"),
    "rule.administration.describe.share": T(
        sv="minst {share:.0%} av paren går över förvaltningsgränsen",
        en="at least {share:.0%} of pairs cross administrations",
    ),
    "rule.administration.describe.none": T(sv="ingen regel om förvaltningar", en="no administration rule"),
    "rule.administration.row.share": T(
        sv="minst {share:.0%} av paren måste gå över förvaltningsgränsen",
        en="at least {share:.0%} of pairs must cross administrations",
    ),
    "rule.administration.pair.cross": T(
        sv="över förvaltningsgränsen {giver_administration}->{taker_administration}",
        en="cross-administration {giver_administration}->{taker_administration}",
    ),
    "rule.administration.pair.same": T(
        sv="samma förvaltning ({administration})",
        en="same administration ({administration})",
    ),
    "rule.administration.check.mode.same": T(
        sv="{bad} par går över förvaltningsgränsen fast de ska stanna inom en: {pairs}",
        en="{bad} pairs break mode same: {pairs}",
    ),
    "rule.administration.check.mode.cross": T(
        sv="{bad} par stannar inom en förvaltning fast de ska gå över gränsen: {pairs}",
        en="{bad} pairs break mode cross: {pairs}",
    ),
    "rule.administration.check.mode.same.holds": T(
        sv="alla {count} par inom en förvaltning", en="all {count} pairs within one administration"
    ),
    "rule.administration.check.mode.cross.holds": T(
        sv="alla {count} par över förvaltningsgränsen", en="all {count} pairs cross administrations"
    ),
    "rule.administration.check.share": T(
        sv="{cross} av {count} par går över förvaltningsgränsen",
        en="{cross} of {count} pairs cross administrations",
    ),
    "rule.administration.check.share.below": T(
        sv="bara {cross} av {count} par går över förvaltningsgränsen, under {share:.0%}",
        en="only {cross} of {count} pairs cross administrations, below {share:.0%}",
    ),
}
