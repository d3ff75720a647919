"""locked: pairs from the locked file are matched as given."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.locked.title": T(sv="låsta par", en="locked pairs"),
    "rule.locked.ref": T(sv="”låsta par”", en="locked"),
    "rule.locked.help": T(
        sv="Par i filen med låsta par bildas som de står.", en="Pairs listed in the locked file are matched as given."
    ),
    "rule.locked.conflict.capacity": T(
        sv="{id} är låst till {count} {takers} men har kapaciteten {capacity}: höj kapaciteten i personfilen "
        "eller lås upp ett par",
        en="{id} is locked to {count} {takers} but has capacity {capacity}: raise the capacity in the people file "
        "or unlock a pair",
    ),
    "rule.locked.conflict_words": T(
        sv="de låsta paren måste behållas ({pairs})", en="the locked pairs must be kept ({pairs})"
    ),
    "rule.locked.pair": T(sv="låst av samordnaren", en="locked by the coordinator"),
    "rule.locked.check": T(sv="alla {count} låsta par behölls", en="all {count} locked pairs kept"),
    "rule.locked.check.missing": T(
        sv="{count} låsta par saknas: {pairs}", en="{count} locked pairs missing: {pairs}"
    ),
}
