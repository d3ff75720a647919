"""topics: reward the topics a mentor offers that the adept has as goals."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.topics.title": T(sv="gemensamma ämnen", en="shared topics"),
    "rule.topics.ref": T(sv="”gemensamma ämnen”", en="topics"),
    "rule.topics.help": T(
        sv="Varje ämne mentorn erbjuder som adepten har som mål ger paret vikten i poäng.",
        en="Each topic a mentor offers that the adept has as a goal adds the weight to the pair.",
    ),
    "rule.topics.param.min_shared.title": T(sv="Minst antal gemensamma ämnen", en="Least shared topics"),
    "rule.topics.param.min_shared.help": T(
        sv="Varje par måste ha minst så här många ämnen gemensamt (0: ingen sådan regel).",
        en="Every pair must share at least this many topics (0: no such rule).",
    ),
    "rule.topics.describe": T(
        sv="+{weight} per gemensamt ämne (prioritet {priority})", en="+{weight} per shared topic (priority {priority})"
    ),
    "rule.topics.describe.least": T(
        sv="+{weight} per gemensamt ämne (prioritet {priority}); paren har minst {least} gemensamma",
        en="+{weight} per shared topic (priority {priority}); pairs share at least {least}",
    ),
    "rule.topics.pair.none": T(sv="inga gemensamma ämnen", en="no shared topics"),
    "rule.topics.pair.one": T(
        sv="{count} gemensamt ämne ({topics}) +{points}", en="{count} shared topic ({topics}) +{points}"
    ),
    "rule.topics.pair.many": T(
        sv="{count} gemensamma ämnen ({topics}) +{points}", en="{count} shared topics ({topics}) +{points}"
    ),
    "rule.topics.conflict_words": T(
        sv="paren måste ha minst {least} ämnen gemensamt", en="pairs must share at least {least} topics"
    ),
    "rule.topics.check": T(
        sv="i snitt {mean:.1f} gemensamma ämnen per par", en="mean {mean:.1f} shared topics per pair"
    ),
    "rule.topics.check.least": T(
        sv="alla {count} par har minst {least} ämnen gemensamt", en="all {count} pairs share at least {least} topics"
    ),
    "rule.topics.check.too_few": T(
        sv="{count} par har färre än {least} ämnen gemensamt", en="{count} pairs share fewer than {least} topics"
    ),
}
