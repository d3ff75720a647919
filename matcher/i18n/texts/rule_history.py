"""history: no pair from an earlier cohort again."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.history.title": T(sv="inga upprepade par", en="no repeated pairs"),
    "rule.history.ref": T(sv="”inga upprepade par”", en="history"),
    "rule.history.help": T(
        sv="Ett par som matchats i en tidigare publicerad kull matchas inte igen (som önskemål: vikten dras av per "
        "upprepat par); läser historikdatabasen.",
        en="A pair matched in an earlier published cohort is not matched again (preferred: the weight off per "
        "repeated pair); reads the history database.",
    ),
    "rule.history.param.cohorts_back.title": T(sv="Antal kullar bakåt", en="Cohorts back"),
    "rule.history.param.cohorts_back.help": T(
        sv="Se bara så här många tidigare kullar bakåt (tomt: alla tidigare kullar).",
        en="Look back only this many earlier cohorts (empty: every earlier cohort).",
    ),
    "rule.history.window.all": T(sv="tidigare kullar", en="earlier cohorts"),
    "rule.history.window.last": T(sv="de senaste {count} kullarna", en="the last {count} cohorts"),
    "rule.history.describe": T(
        sv="inget par som matchats i {window} igen", en="no pair matched in {window} again"
    ),
    "rule.history.describe.soft": T(
        sv="inget par som matchats i {window} igen (önskemål: -{weight} per upprepat par, prioritet {priority})",
        en="no pair matched in {window} again (soft: -{weight} per repeated pair, priority {priority})",
    ),
    "rule.history.pair.new": T(sv="ett nytt par (inte matchat i {window})", en="a new pair (not matched in {window})"),
    "rule.history.pair.repeated": T(
        sv="matchat tidigare i {cohorts} -{weight}", en="matched before in {cohorts} -{weight}"
    ),
    "rule.history.conflict_words": T(
        sv="de {count} par som redan matchats i {window} ({cohorts}) får inte upprepas",
        en="the {count} pairs already matched in {window} ({cohorts}) may not be repeated",
    ),
    "rule.history.conflict_words.none": T(
        sv="de {count} par som redan matchats i {window} (inga) får inte upprepas",
        en="the {count} pairs already matched in {window} (none) may not be repeated",
    ),
    "rule.history.repeat": T(sv="{pair} (matchat i {cohorts})", en="{pair} (matched in {cohorts})"),
    "rule.history.check": T(
        sv="inget par upprepat från {cohorts} tidigare kullar ({pairs} par)",
        en="no pair repeated from {cohorts} earlier cohorts ({pairs} pairs)",
    ),
    "rule.history.check.repeated": T(sv="{count} par upprepade: {pairs}", en="{count} pairs repeated: {pairs}"),
}
