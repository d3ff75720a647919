"""keep_pairs: pairs of the current matching stay as they are (mid-year repair)."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.keep_pairs.title": T(sv="behåll nuvarande par", en="keep the current pairs"),
    "rule.keep_pairs.ref": T(sv="”behåll nuvarande par”", en="keep_pairs"),
    "rule.keep_pairs.help": T(
        sv="Paren i den nuvarande matchningen finns kvar; med ett antal tillåtna flyttar får högst så många brytas, "
        "och varje par som behålls belönas (som önskemål: bara belöningen).",
        en="Pairs of the current matching stay; with moves allowed at most that many may be broken, and each pair "
        "kept is rewarded (preferred: only the reward).",
    ),
    "rule.keep_pairs.param.pairs.title": T(sv="Nuvarande par", en="Current pairs"),
    "rule.keep_pairs.param.pairs.help": T(
        sv="De nuvarande paren som [mentor_id, adept_id] (fylls i av matcher repair).",
        en="The current pairs, as [mentor_id, adept_id] (matcher repair fills this in).",
    ),
    "rule.keep_pairs.param.max_moves.title": T(sv="Högst antal flyttar", en="Most moves"),
    "rule.keep_pairs.param.max_moves.help": T(
        sv="Högst så många av paren får brytas (0: varje par står kvar precis som det är).",
        en="At most this many of the pairs may be broken (0: every pair stays exactly).",
    ),
    "rule.keep_pairs.describe.soft": T(
        sv="behåll helst de {count} nuvarande paren", en="prefer keeping the {count} current pairs"
    ),
    "rule.keep_pairs.describe.stay": T(
        sv="de {count} nuvarande paren står kvar som de är", en="the {count} current pairs stay as they are"
    ),
    "rule.keep_pairs.describe.moves": T(
        sv="högst {moves} av de {count} nuvarande paren får brytas, så få som möjligt",
        en="at most {moves} of the {count} current pairs may be broken, fewest first",
    ),
    "rule.keep_pairs.row": T(
        sv="minst {stay} av de {count} nuvarande paren måste stå kvar (högst {moves} flyttade)",
        en="at least {stay} of the {count} current pairs must stay (at most {moves} moved)",
    ),
    "rule.keep_pairs.pair": T(sv="behållet från den nuvarande matchningen", en="kept from the current matching"),
    "rule.keep_pairs.not.giver": T(sv="{id} är inte en {giver}", en="{id} is not a {giver}"),
    "rule.keep_pairs.not.taker": T(sv="{id} är inte {article} {taker}", en="{id} is not {article} {taker}"),
    "rule.keep_pairs.article.a": T(sv="en", en="a"),
    "rule.keep_pairs.article.an": T(sv="en", en="an"),
    "rule.keep_pairs.not.both": T(sv="{first} och {then}", en="{first} and {then}"),
    "rule.keep_pairs.conflict.unknown": T(
        sv="det nuvarande paret {pair} kan inte behållas: {who} i personfilen; ta bort paret ur keep_pairs",
        en="current pair {pair} cannot be kept: {who} in the people file; remove the pair from keep_pairs",
    ),
    "rule.keep_pairs.conflict.twice": T(
        sv="{id} finns i {count} nuvarande par; behåll ett", en="{id} is in {count} current pairs; keep one"
    ),
    "rule.keep_pairs.conflict.capacity": T(
        sv="{id} har {count} nuvarande {takers} men kapaciteten {capacity}: höj kapaciteten, eller tillåt flyttar "
        "(matcher repair --allow-moves)",
        en="{id} has {count} current {takers} but capacity {capacity}: raise the capacity, or allow moves "
        "(matcher repair --allow-moves)",
    ),
    "rule.keep_pairs.conflict_words.stay": T(
        sv="alla de {count} nuvarande paren måste stå kvar (inga flyttar tillåtna)",
        en="the {count} current pairs must all stay (no moves allowed)",
    ),
    "rule.keep_pairs.conflict_words.moves": T(
        sv="minst {stay} av de {count} nuvarande paren måste stå kvar",
        en="at least {stay} of the {count} current pairs must stay",
    ),
    "rule.keep_pairs.check": T(
        sv="{kept} av {count} nuvarande par behållna",
        en="{kept} of {count} current pairs kept",
    ),
    "rule.keep_pairs.check.moves": T(
        sv="{kept}, {broken} brutna (högst {moves} tillåtna)", en="{kept}, {broken} broken (at most {moves} allowed)"
    ),
}
