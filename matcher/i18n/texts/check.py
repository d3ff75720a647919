"""`matcher check`: the verdict on a pairs list, part by part (the part words are `rule.part.*`)."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "check.ok": T(sv="OK: alla regler som måste gälla uppfylls.", en="OK: every hard rule holds."),
    "check.invalid": T(sv="OGILTIG: {problem}", en="INVALID: {problem}"),
    "check.problem": T(sv="{rule}: {detail}", en="{rule}: {detail}"),
    "check.structure.not_giver": T(
        sv="{id} är inte en {giver} i personfilen", en="{id} is not a {giver} in the people file"
    ),
    "check.structure.not_taker.a": T(
        sv="{id} är inte en {taker} i personfilen", en="{id} is not a {taker} in the people file"
    ),
    "check.structure.not_taker.an": T(
        sv="{id} är inte en {taker} i personfilen", en="{id} is not an {taker} in the people file"
    ),
    "check.structure.twice": T(
        sv="{id} finns i {count} par; varje {taker} har en {giver}",
        en="{id} appears in {count} pairs; each {taker} has one {giver}",
    ),
    "check.structure.same_pair": T(sv="samma par står två gånger", en="the same pair is listed twice"),
}
