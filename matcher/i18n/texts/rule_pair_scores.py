"""pair_scores: an external compatibility score per pair (a questionnaire tool's)."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.pair_scores.title": T(sv="enkätpoäng", en="questionnaire scores"),
    "rule.pair_scores.ref": T(sv="”enkätpoäng”", en="pair_scores"),
    "rule.pair_scores.help": T(
        sv="Varje pars poäng från poängfilen, gånger vikten; par som inte finns i filen får 0 eller får inte bildas.",
        en="Each pair's score from the pair_scores file, times the weight; unlisted pairs score 0 or are forbidden.",
    ),
    "rule.pair_scores.param.missing.title": T(sv="Par utan poäng", en="Pairs without a score"),
    "rule.pair_scores.param.missing.help": T(
        sv="Par som inte finns i poängfilen: får 0 poäng (zero) eller får inte bildas (forbid).",
        en="Pairs not in the score file: score 0 (zero) or may not be matched (forbid).",
    ),
    "rule.pair_scores.describe": T(
        sv="+{weight} x parets poäng (prioritet {priority})", en="+{weight} x the pair's score (priority {priority})"
    ),
    "rule.pair_scores.describe.forbid": T(
        sv="+{weight} x parets poäng (prioritet {priority}); bara par i poängfilen får bildas",
        en="+{weight} x the pair's score (priority {priority}); only listed pairs may be matched",
    ),
    "rule.pair_scores.pair": T(sv="enkätpoäng {score} +{points}", en="questionnaire score {score} +{points}"),
    "rule.pair_scores.conflict_words": T(
        sv="bara paren i poängfilen får bildas", en="only the pairs listed in the pair_scores file may be matched"
    ),
    "rule.pair_scores.check": T(sv="medelpoäng {mean:.1f}", en="mean score {mean:.1f}"),
    "rule.pair_scores.check.none": T(sv="inga par med poäng", en="no scored pairs"),
    "rule.pair_scores.check.listed": T(
        sv="alla {count} par finns i poängfilen", en="all {count} pairs are in the pair_scores file"
    ),
    "rule.pair_scores.check.unlisted": T(
        sv="{count} par finns inte i poängfilen", en="{count} pairs not in the pair_scores file"
    ),
}
