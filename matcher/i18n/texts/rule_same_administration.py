"""same_administration: a trainee is placed only where they applied."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.same_administration.title": T(sv="placering där traineen sökt", en="placed where applied"),
    "rule.same_administration.ref": T(sv="”placering där traineen sökt”", en="same_administration"),
    "rule.same_administration.help": T(
        sv="Handledarens förvaltning ska vara en som traineen sökt till; med samma enhet även den enhet traineen "
        "angav där (som önskemål: vikten per sådant par).",
        en="The supervisor's administration must be one the trainee applied to; with the same unit, also the unit "
        "the trainee named there (preferred: the weight per such pair).",
    ),
    "rule.same_administration.param.same_unit.title": T(sv="Samma enhet", en="Same unit"),
    "rule.same_administration.param.same_unit.help": T(
        sv="Där traineen angett en enhet (”Hisingen/Enhet 3”) ska handledaren arbeta på den.",
        en="Where the trainee named a unit ('Hisingen/Enhet 3'), the supervisor must work in it.",
    ),
    "rule.same_administration.describe.administration": T(
        sv="{takers} placeras bara i en förvaltning de sökt till",
        en="{takers} are placed only in an administration they applied to",
    ),
    "rule.same_administration.describe.unit": T(
        sv="{takers} placeras bara i en förvaltning (och enhet, där den angetts) de sökt till",
        en="{takers} are placed only in an administration (and unit, where named) they applied to",
    ),
    "rule.same_administration.describe.administration.soft": T(
        sv="{takers} placeras bara i en förvaltning de sökt till (önskemål: +{weight} per par)",
        en="{takers} are placed only in an administration they applied to (soft: +{weight} per pair)",
    ),
    "rule.same_administration.describe.unit.soft": T(
        sv="{takers} placeras bara i en förvaltning (och enhet, där den angetts) de sökt till (önskemål: +{weight} "
        "per par)",
        en="{takers} are placed only in an administration (and unit, where named) they applied to (soft: +{weight} "
        "per pair)",
    ),
    "rule.same_administration.pair.applied": T(sv="placerad i {where}, som sökt", en="placed in {where}, as applied"),
    "rule.same_administration.pair.not_applied": T(
        sv="placerad i {administration}, inte sökt dit (sökte till {applied})",
        en="placed in {administration}, not applied to (applied to {applied})",
    ),
    "rule.same_administration.pair.nothing": T(
        sv="placerad i {administration}, inte sökt dit (sökte inte till något)",
        en="placed in {administration}, not applied to (applied to nothing)",
    ),
    "rule.same_administration.conflict_words.administration": T(
        sv="{takers} får bara placeras i förvaltningar de sökt till",
        en="{takers} may only be placed in administrations they applied to",
    ),
    "rule.same_administration.conflict_words.unit": T(
        sv="{takers} får bara placeras i förvaltningar (och enheter) de sökt till",
        en="{takers} may only be placed in administrations (and units) they applied to",
    ),
    "rule.same_administration.conflict_words.stranded": T(
        sv="{words}; {count} sökte bara dit där det inte finns någon {giver}: {ids}",
        en="{words}; {count} applied only where there is no {giver}: {ids}",
    ),
}
