"""The sweep page (sweep.html): a grid of what-if runs, its trade-offs and its table.

A varied setting is shown in words: the rule's title (`rule.<name>.title` when the catalogue
has it) and the parameter's words (`sweep.param.<parameter>`), with its YAML key beside it.
"""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "sweep.eyebrow": T(sv="Vad händer om: svep", en="What-if sweep"),
    "sweep.title": T(sv="Svep: {settings}", en="Sweep: {settings}"),
    "sweep.meta.base": T(sv="utgångsläge: {name}", en="base: {name}"),
    "sweep.meta.points": T(sv="{count} punkter, {solved} lösta", en="{count} points, {solved} solved"),
    "sweep.meta.ran": T(sv="kördes på {where} på {seconds:.1f} s", en="ran on {where} in {seconds:.1f} s"),
    "sweep.footer": T(sv="matcher {version} · bara summerade tal: ingen person syns på sidan",
                      en="matcher {version} · aggregates only: no person appears on this page"),
    # The figures a sweep reports, as axis titles and labels
    "sweep.kpi.match_rate": T(sv="andel {takers} matchade", en="{takers} matched"),
    "sweep.kpi.cross_administration_share": T(sv="par över förvaltningsgräns", en="pairs across administrations"),
    "sweep.kpi.score_mean": T(sv="medelpoäng per par", en="mean pair score"),
    "sweep.kpi.score_min": T(sv="lägsta parpoäng", en="lowest pair score"),
    "sweep.kpi.objective": T(sv="poäng som nåddes", en="points reached"),
    "sweep.kpi.givers_used": T(sv="{givers} med par", en="{givers} paired"),
    # The parameters most often varied, in words (others: the key with spaces)
    "sweep.param.min_cross_share": T(sv="minsta andel par över förvaltningsgräns",
                                     en="least share of pairs across administrations"),
    "sweep.param.equal_match_rate_tolerance": T(sv="tillåten skillnad i matchningsgrad mellan könen",
                                                en="allowed difference in match rate between genders"),
    "sweep.param.weight": T(sv="vikt", en="weight"),
    "sweep.param.priority": T(sv="prioritet", en="priority"),
    "sweep.param.hard": T(sv="skallkrav", en="hard"),
    "sweep.param.same_gender_requests": T(sv="önskemål om samma kön", en="same-gender requests"),
    "sweep.param.min_shared": T(sv="minsta antal gemensamma ämnen", en="least number of shared topics"),
    "sweep.param.max_per_mentor": T(sv="högst per mentor", en="most per mentor"),
    "sweep.param.min_per_mentor": T(sv="minst per mentor", en="least per mentor"),
    "sweep.param.time_limit_s": T(sv="tidsgräns (s)", en="time limit (s)"),
    "sweep.setting": T(sv="{rule}: {parameter}", en="{rule}: {parameter}"),
    "sweep.point_settings": T(sv="{setting} = {value}", en="{setting} = {value}"),
    "sweep.value.true": T(sv="ja", en="yes"),
    "sweep.value.false": T(sv="nej", en="no"),
    # The trade-off plot
    "sweep.tradeoff.title": T(sv="Avvägning: {y} mot {x}", en="Trade-off: {y} against {x}"),
    "sweep.tradeoff.svg": T(sv="{y} mot {x}", en="{y} against {x}"),
    "sweep.tradeoff.none": T(sv="Ingen punkt i svepet gick att lösa.", en="No point of the sweep was solved."),
    "sweep.tradeoff.caption": T(
        sv="Varje prick är en punkt i svepet (håll muspekaren över den för dess inställningar). Ringade prickar "
        "som förbinds av den streckade linjen är Paretofronten: ingen annan inställning ger mer av båda. På "
        "fronten: {listing}{more}.",
        en="Each dot is one point of the sweep (hover for its settings). Ringed dots joined by the dashed line "
        "are the Pareto front: no other setting gets more of both. On the front: {listing}{more}.",
    ),
    "sweep.tradeoff.front": T(sv="Paretofronten", en="Pareto front"),
    "sweep.tradeoff.point": T(sv="punkt {point}: {settings} → {y} {y_value}, {x} {x_value}",
                              en="point {point}: {settings} → {y} {y_value}, {x} {x_value}"),
    "sweep.tradeoff.listed": T(sv="punkt {point} ({settings})", en="point {point} ({settings})"),
    "sweep.tradeoff.more": T(sv=" och {count} till", en=" and {count} more"),
    # The effect of one varied setting
    "sweep.effect.title": T(sv="{Kpi} för varje värde av ”{setting}”", en="{Kpi} for each value of “{setting}”"),
    "sweep.effect.svg": T(sv="{kpi} efter {setting}", en="{kpi} by {setting}"),
    "sweep.effect.caption": T(sv="Prickar som saknas: den inställningen har ingen matchning (omöjlig) — se tabellen.",
                              en="Missing dots: that setting has no matching (infeasible) — see the table."),
    "sweep.effect.all": T(sv="alla punkter", en="all points"),
    # The table of every point
    "sweep.fairness.title": T(sv="Vad rättvisan kostar, för varje värde av ”{setting}”",
                              en="The price of fairness, for each value of “{setting}”"),
    "sweep.fairness.svg": T(sv="Matchade adepter med och utan regeln, efter {setting}",
                            en="Adepts matched with and without the rule, by {setting}"),
    "sweep.fairness.caption": T(
        sv="Heldragen linje: matchade med rättviseregeln; streckad: samma scenario utan den (varje punkt löst "
           "två gånger). Avståndet mellan linjerna är vad regeln kostar i matchningar.",
        en="Solid line: matched with the fairness rule; dashed: the same scenario without it (each point solved "
           "twice). The distance between the lines is what the rule costs in matches."),
    "sweep.fairness.levelled_at": T(
        sv="Markerade punkter ({values}) jämnar ut nedåt: regeln lämnar adepter utan mentor som annars hade "
           "matchats, utan att någon grupp vinner på det (som mest {most}).",
        en="Marked points ({values}) level down: the rule leaves adepts without a mentor who would otherwise be "
           "matched, and no group gains (at most {most})."),
    "sweep.fairness.held": T(sv="Övriga inställningar: {settings}.", en="Other settings held at: {settings}."),
    "sweep.fairness.with": T(sv="med regeln", en="with the rule"),
    "sweep.fairness.without": T(sv="utan regeln", en="without the rule"),
    "sweep.fairness.levelled": T(sv="jämnar ut nedåt", en="levels down"),
    "sweep.col.levelled": T(sv="Jämnar ut nedåt", en="Levels down"),
    "sweep.levelled_cell": T(sv="ja: {count} adepter utan mentor i onödan",
                             en="yes: {count} adepts left out for nothing"),
    "sweep.table.title": T(sv="Alla punkter", en="Every point"),
    "sweep.table.caption": T(
        sv="Kör om vilken punkt som helst för sig: matcher run UT/points/point-NNNN.yaml --out MAPP.",
        en="Re-run any point alone: matcher run OUT/points/point-NNNN.yaml --out DIR.",
    ),
    "sweep.col.point": T(sv="punkt", en="point"),
    "sweep.col.status": T(sv="status", en="status"),
    "sweep.col.matched": T(sv="matchade", en="matched"),
    "sweep.col.match_rate": T(sv="matchningsgrad", en="match rate"),
    "sweep.col.cross": T(sv="över förv.gräns", en="across adm."),
    "sweep.col.score_mean": T(sv="medelpoäng per par", en="mean pair score"),
    "sweep.col.broken": T(sv="brutna skallkrav / orsak", en="rules broken / reason"),
    "sweep.col.file": T(sv="scenariofil", en="scenario file"),
}
