"""gender_balance: equal match rates across gender groups; same-gender requests."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.gender_balance.title": T(sv="könsbalans", en="gender balance"),
    "rule.gender_balance.ref": T(sv="”könsbalans”", en="gender_balance"),
    "rule.gender_balance.help": T(
        sv="Kvinnor, män och personer av annat kön matchas i nästan samma takt; önskemål om mentor av samma kön "
        "tillgodoses.",
        en="Equal match rates across gender groups (within a tolerance); same-gender requests honoured.",
    ),
    "rule.gender_balance.param.equal_match_rate_tolerance.title": T(
        sv="Största skillnad i matchningsgrad", en="Largest difference in match rate"
    ),
    "rule.gender_balance.param.equal_match_rate_tolerance.help": T(
        sv="Könsgruppernas matchningsgrad skiljer sig högst så här mycket, t.ex. 0,05 för 5 procentenheter "
        "(tomt: ingen sådan regel).",
        en="The gender groups' match rates differ by at most this, e.g. 0.05 for 5 percentage points "
        "(empty: no such rule).",
    ),
    "rule.gender_balance.param.min_group_size.title": T(sv="Minsta grupp som jämförs", en="Smallest group compared"),
    "rule.gender_balance.param.min_group_size.help": T(
        sv="Bara könsgrupper med minst så här många adepter jämförs: en andel av två personer säger inget.",
        en="Only gender groups with at least this many adepts are compared: a rate over two people says nothing.",
    ),
    "rule.gender_balance.param.same_gender_requests.title": T(
        sv="Önskemål om samma kön", en="Same-gender requests"
    ),
    "rule.gender_balance.param.same_gender_requests.help": T(
        sv="Adepter som vill ha en mentor av samma kön: ska få det (hard), helst (soft), eller inte alls (off).",
        en="Adepts who ask for a same-gender mentor: must get one (hard), preferably (soft), or off.",
    ),
    "rule.gender_balance.describe.rates": T(
        sv="könsgruppernas matchningsgrad (grupper med minst {size}) skiljer sig högst {tolerance:.0%}",
        en="match rates of gender groups (>= {size} people) differ by at most {tolerance:.0%}",
    ),
    "rule.gender_balance.describe.rates.soft": T(
        sv="könsgruppernas matchningsgrad (grupper med minst {size}) skiljer sig högst {tolerance:.0%} (önskemål)",
        en="match rates of gender groups (>= {size} people) differ by at most {tolerance:.0%} (soft)",
    ),
    "rule.gender_balance.describe.requests.hard": T(
        sv="önskemål om samma kön tillgodoses (måste gälla)", en="same-gender requests honoured (hard)"
    ),
    "rule.gender_balance.describe.requests.soft": T(
        sv="önskemål om samma kön tillgodoses (önskemål)", en="same-gender requests honoured (soft)"
    ),
    "rule.gender_balance.describe.none": T(sv="ingen regel om kön", en="no gender rule"),
    "rule.gender_balance.row.rate": T(
        sv="matchningsgraden för {takers} med kön {gender} ({size}) får vara högst {tolerance:.0%} högre än för kön "
        "{other} ({other_size})",
        en="the match rate of {gender} {takers} ({size}) may exceed that of {other} {takers} ({other_size}) by at "
        "most {tolerance:.0%}",
    ),
    "rule.gender_balance.pair.honoured": T(
        sv="önskemål om samma kön tillgodosett", en="same-gender request honoured"
    ),
    "rule.gender_balance.pair.not_honoured": T(
        sv="önskemål om samma kön INTE tillgodosett", en="same-gender request NOT honoured"
    ),
    "rule.gender_balance.group": T(sv="{count} {gender}", en="{count} {gender}"),
    "rule.gender_balance.conflict_words.rates": T(
        sv="{takers}s könsgrupper ({sizes}) måste matchas i takter som skiljer sig högst {tolerance:.0%}",
        en="the {takers}' gender groups ({sizes}) must be matched at rates within {tolerance:.0%}",
    ),
    "rule.gender_balance.conflict_words.requests": T(
        sv="{count} {takers} som bett om en {giver} av samma kön måste få en",
        en="{count} {takers} who asked for a same-gender {giver} must get one",
    ),
    "rule.gender_balance.rate": T(sv="{gender} {rate:.0%}", en="{gender} {rate:.0%}"),
    "rule.gender_balance.check.rates": T(sv="matchningsgrad {rates}", en="match rates {rates}"),
    "rule.gender_balance.check.rates.none": T(
        sv="matchningsgrad jämförs inte (för små grupper)", en="match rates not compared (groups too small)"
    ),
    "rule.gender_balance.check.rates.apart": T(
        sv="matchningsgraden skiljer sig {spread:.1%} > {tolerance:.0%} ({rates})",
        en="match rates differ by {spread:.1%} > {tolerance:.0%} ({rates})",
    ),
    "rule.gender_balance.check.requests": T(
        sv="alla {count} önskemål om samma kön bland de matchade tillgodosedda",
        en="all {count} same-gender requests among the matched honoured",
    ),
    "rule.gender_balance.check.requests.broken": T(
        sv="{count} önskemål om samma kön inte tillgodosedda: {pairs}",
        en="{count} same-gender requests not honoured: {pairs}",
    ),
}
