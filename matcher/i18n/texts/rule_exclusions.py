"""exclusions: pairs from the exclusions file are never matched."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.exclusions.title": T(sv="uteslutna par", en="excluded pairs"),
    "rule.exclusions.ref": T(sv="”uteslutna par”", en="exclusions"),
    "rule.exclusions.help": T(
        sv="Par i filen med uteslutna par bildas aldrig (till exempel vid jäv).",
        en="Pairs listed in the exclusions file are never matched (for example a conflict of interest).",
    ),
    "rule.exclusions.conflict_words": T(
        sv="de {count} paren i {file} är förbjudna", en="the {count} pairs in {file} are forbidden"
    ),
    "rule.exclusions.conflict_words.file": T(
        sv="de {count} paren i filen med uteslutna par är förbjudna",
        en="the {count} pairs in the exclusions file are forbidden",
    ),
    "rule.exclusions.check": T(
        sv="inget av de {count} uteslutna paren bildades", en="none of the {count} excluded pairs matched"
    ),
    "rule.exclusions.check.broken": T(
        sv="{count} uteslutna par bildades: {pairs}", en="{count} excluded pairs matched: {pairs}"
    ),
}
