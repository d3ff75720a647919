"""Words every rule shares: verdict parts, pair checks, the common parameters.

Each rule's own words are in `rule_<name>.py` beside this module (`rule.<name>.title`, `.ref`,
`.help`, `.param.<field>.title/.help`, its details, explanations and conflicts).
"""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    # one part of a rule's verdict (constraints.base.PartVerdict): what it is, and how it stands
    "rule.part.kind.hard": T(sv="måste gälla", en="must hold"),
    "rule.part.kind.preference": T(sv="önskemål", en="preferred"),
    "rule.part.state.holds": T(sv="uppfylls", en="holds"),
    "rule.part.state.broken": T(sv="bryts", en="broken"),
    "rule.part.state.unmet": T(sv="uppfylls inte", en="not met"),
    # the check of a rule about each pair on its own (constraints.base.PairRule)
    "rule.pairs.all": T(sv="alla {count} par uppfyller regeln", en="all {count} pairs satisfy it"),
    "rule.pairs.broken": T(
        sv="{bad} av {count} par bryter mot regeln: {pairs}", en="{bad} of {count} pairs break it: {pairs}"
    ),
    "rule.pairs.unmet": T(
        sv="{bad} av {count} par uppfyller inte önskemålet: {pairs}",
        en="{bad} of {count} pairs do not meet it: {pairs}",
    ),
    "rule.no_history": T(sv="ingen historikdatabas lästes", en="no history database was read"),
    # two sentences of one detail, and more than two (a list of messages)
    "rule.join": T(sv="{first}; {then}", en="{first}; {then}"),
    # the parameters every rule takes (a rule's own `rule.<name>.param.<field>` comes first)
    "rule.param.hard.title": T(sv="Måste gälla", en="Must hold"),
    "rule.param.hard.help": T(
        sv="Ja: regeln måste gälla. Nej: den är ett önskemål som vägs mot de andra.",
        en="Yes: the rule must hold. No: it is a preference, weighed against the others.",
    ),
    "rule.param.hard.always.title": T(sv="Måste gälla", en="Must hold"),
    "rule.param.hard.always.help": T(
        sv="Alltid ja: regeln kan inte vara ett önskemål.", en="Always yes: this rule cannot be a preference."
    ),
    "rule.param.hard.never.title": T(sv="Måste gälla", en="Must hold"),
    "rule.param.hard.never.help": T(
        sv="Alltid nej: regeln är alltid ett önskemål.", en="Always no: this rule is always a preference."
    ),
    "rule.param.weight.title": T(sv="Vikt", en="Weight"),
    "rule.param.weight.help": T(
        sv="Bara för önskemål: hur mycket regeln väger mot andra önskemål med samma prioritet (ett heltal).",
        en="Preferences only: how much the rule weighs against other preferences at the same priority "
        "(a whole number).",
    ),
    "rule.param.priority.title": T(sv="Prioritet", en="Priority"),
    "rule.param.priority.help": T(
        sv="Bara för önskemål: 1 uppfylls först så långt det går och hålls sedan fast, därefter 2, och så vidare.",
        en="Preferences only: 1 is met first as far as it can be and then held, then 2, and so on.",
    ),
}
