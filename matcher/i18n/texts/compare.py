"""The scenario comparison (compare.html and the terminal table of `matcher compare`).

The page's words; the charts' shared labels are `pages.*`, statuses `status.*`.
"""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "compare.page": T(sv="Jämförelse av scenarier", en="Scenario comparison"),
    "compare.headline": T(
        sv="{n} scenarier för samma {givers_n} {givers} och {takers_n} {takers}",
        en="{n} scenarios for the same {givers_n} {givers} and {takers_n} {takers}",
    ),
    "compare.baseline": T(sv="Utgångsläge", en="Baseline"),
    "compare.baseline_is": T(sv="utgångsläge: {letter} · {name}", en="baseline: {letter} · {name}"),
    "compare.vs": T(sv="jämfört med {letter}", en="compared with {letter}"),
    "compare.not_solved": T(
        sv="{count} av {n} scenarier gick inte att lösa; deras kolumner visar varför.",
        en="{count} of {n} scenarios could not be solved; their columns show why.",
    ),
    "compare.card.matched": T(sv="{matched} av {total} {takers} matchade", en="{matched} of {total} {takers} matched"),
    "compare.card.cross": T(sv="{share} över förvaltningsgräns", en="{share} across administrations"),
    "compare.card.score": T(sv="medelpoäng per par {mean}", en="mean pair score {mean}"),
    "compare.card.keeps": T(
        sv="behåller {kept} av {letter}:s {total} par",
        en="keeps {kept} of {letter}'s {total} pairs",
    ),
    "compare.card.same": T(sv="samma par som {letter}", en="the same pairs as {letter}"),
    "compare.card.baseline": T(sv="utgångsläget", en="the baseline"),
    "compare.card.failed": T(sv="ingen matchning: {rules}", en="no matching: {rules}"),
    "compare.table.title": T(sv="Nyckeltal sida vid sida", en="Key figures side by side"),
    "compare.table.caption": T(
        sv="Varje kolumn är ett scenario som lösts för sig; de små talen är skillnaden mot utgångsläget "
        "({letter}). Ett streck betyder att scenariot saknar matchning.",
        en="Each column is one scenario solved on its own; the small numbers are the change from the "
        "baseline ({letter}). A dash means the scenario has no matching.",
    ),
    "compare.row.matched": T(sv="Matchade {takers}", en="Matched {takers}"),
    "compare.row.match_rate": T(sv="Matchningsgrad", en="Match rate"),
    "compare.row.cross": T(sv="Par över förvaltningsgräns", en="Cross-administration pairs"),
    "compare.row.score_mean": T(sv="Medelpoäng per par", en="Mean pair score"),
    "compare.row.score_min": T(sv="Lägsta parpoäng", en="Lowest pair score"),
    "compare.row.givers_used": T(sv="{Givers} med par", en="{Givers} paired"),
    "compare.row.gap": T(sv="Möjlig förbättring, högst", en="Possible improvement, at most"),
    "compare.row.fairness": T(sv="Vad rättvisereglerna kostar", en="What the fairness rules cost"),
    "compare.fairness.price": T(sv="{rule}: {matches} färre matchade, medelpoängen {score} lägre",
                                en="{rule}: {matches} fewer matched, mean score {score} points lower"),
    "compare.fairness.price_gain": T(sv="{rule}: {matches} färre matchade, medelpoängen {score} högre",
                                     en="{rule}: {matches} fewer matched, mean score {score} points higher"),
    "compare.fairness.levelled": T(sv="{rule} jämnar ut nedåt: {count} utan mentor i onödan",
                                   en="{rule} levels down: {count} left out for nothing"),
    "compare.row.status": T(sv="Lösarens status", en="Solver status"),
    "compare.row.seconds": T(sv="Lösningstid (s)", en="Solve time (s)"),
    "compare.row.kept": T(sv="Par från {letter} som behålls", en="Pairs of {letter} kept"),
    "compare.pp": T(sv="p.e.", en="pp"),
    "compare.plot.admin.title": T(sv="Matchningsgrad per förvaltning", en="Match rate by administration"),
    "compare.plot.admin.caption": T(
        sv="En stapel per scenario: andelen {takers} i varje förvaltning som fick en {giver} (håll "
        "muspekaren över en stapel för antalen). Första gruppen är alla.",
        en="One bar per scenario: the share of {takers} in each administration who got a {giver} (hover a "
        "bar for the counts). The first group is everyone.",
    ),
    "compare.plot.rate.x": T(sv="Förvaltning ({taker})", en="Administration of the {taker}"),
    "compare.plot.rate.group_total": T(sv="{total} {takers}", en="{total} {takers}"),
    "compare.all": T(sv="Alla", en="All"),
    "compare.plot.gender.title": T(sv="Matchningsgrad per kön", en="Match rate by gender"),
    "compare.plot.gender.caption": T(
        sv="En stapel per scenario: andelen {takers} av varje kön som fick en {giver}.",
        en="One bar per scenario: the share of {takers} of each gender who got a {giver}.",
    ),
    "compare.plot.gender.x": T(sv="Kön ({taker})", en="Gender of the {taker}"),
    "compare.plot.band.title": T(sv="Matchningsgrad per erfarenhetsnivå", en="Match rate by experience band"),
    "compare.plot.band.caption": T(
        sv="En stapel per scenario: andelen {takers} på varje erfarenhetsnivå som fick en {giver}; "
        "nivåregeln avgör vilka {givers} varje nivå kan få.",
        en="One bar per scenario: the share of {takers} in each experience band who got a {giver}; the band"
        " rule decides which {givers} each band may have.",
    ),
    "compare.plot.band.x": T(sv="Erfarenhet ({taker})", en="Experience band of the {taker}"),
    "compare.plot.cross.title": T(sv="Par över förvaltningsgräns", en="Pairs across administrations"),
    "compare.plot.cross.caption": T(
        sv="Andelen par där {giver} och {taker} arbetar i olika förvaltningar; ett streck markerar "
        "scenariots krav, där det finns ett.",
        en="The share of pairs whose {giver} and {taker} work in different administrations; a tick marks "
        "the scenario's required minimum, where it has one.",
    ),
    "compare.plot.cross.required": T(sv="krav ≥ {share}", en="required ≥ {share}"),
    "compare.plot.score.title": T(sv="Parens kvalitet", en="Pair quality"),
    "compare.plot.score.caption": T(
        sv="Medelpoängen per par (stapel) och den lägsta (mörkt streck), enligt varje scenarios egna "
        "poängregler: jämför poäng bara mellan scenarier med samma önskemålsregler.",
        en="The mean pair score (bar) and the lowest (dark tick), by each scenario's own scoring rules: "
        "compare scores only between scenarios with the same preference rules.",
    ),
    "compare.plot.score.mean": T(sv="medel {mean}", en="mean {mean}"),
    "compare.plot.score.tooltip": T(
        sv="{name}: medel {mean}, lägst {low}, högst {high}",
        en="{name}: mean {mean}, lowest {low}, highest {high}",
    ),
    "compare.groups.title": T(
        sv="Matchade per förvaltning, kön och erfarenhet",
        en="Matched by administration, gender and band",
    ),
    "compare.groups.caption": T(
        sv="Varje grupp {takers} (förvaltning × kön × erfarenhetsnivå): hur många varje scenario matchar. "
        "Mörkare ruta betyder större andel av gruppen; en inramad ruta skiljer sig från utgångsläget.",
        en="Every group of {takers} (administration × gender × experience band): how many each scenario "
        "matches. Darker cells mean a higher share of the group; an outlined cell differs from the "
        "baseline.",
    ),
    "compare.col.administration": T(sv="Förvaltning", en="Administration"),
    "compare.col.gender": T(sv="Kön", en="Gender"),
    "compare.col.band": T(sv="Erfarenhet", en="Band"),
    "compare.col.takers": T(sv="{Takers}", en="{Takers}"),
    "compare.rules.title": T(
        sv="Regler i varje scenario, och om de uppfylls",
        en="Rules in each scenario, and whether they hold",
    ),
    "compare.rules.off": T(sv="av", en="off"),
    "compare.rules.unsolved": T(sv="ingen matchning", en="no matching"),
    "compare.rules.conflict": T(sv="del av konflikten", en="part of the conflict"),
    "compare.kind.hard": T(sv="skallkrav", en="hard"),
    "compare.kind.soft": T(sv="börkrav", en="soft"),
    "compare.rules.caption": T(
        sv="✓ varje del av regeln uppfylls i scenariots matchning, ✗ en del uppfylls inte (under markeringen: "
        "ett önskemål som inte uppfylls, eller ett brutet skallkrav), ”av” scenariot använder den inte. "
        "Under markeringen: vad regeln kräver i scenariot; markerat där det skiljer sig från utgångsläget.",
        en="✓ every part of the rule holds in the scenario's matching, ✗ a part does not (under the mark: a "
        "preference not met, or a broken hard part), “off” the scenario does not use it. Under the mark: "
        "what the rule asks in that scenario; highlighted where it asks something other than the baseline.",
    ),
    "compare.rules.part.preference": T(
        sv="ett önskemål uppfylls inte (håll muspekaren här)",
        en="a preference is not met (hover for detail)",
    ),
    "compare.rules.part.hard": T(sv="ett skallkrav är brutet", en="a hard part is broken"),
    "compare.diff.title": T(sv="Vilka par ändras", en="Which pairs change"),
    "compare.diff.caption": T(
        sv="Varje {taker} jämfört med utgångsläget ({letter}): samma {giver}, en annan {giver}, inte längre"
        " matchad, nyss matchad eller omatchad i båda. En del ändringar är bara ett val mellan lika bra "
        "matchningar, inte en följd av regeln: se nyckeltalen också. Koordinatorn hittar paren i "
        "pair_differences.csv; sidan visar bara antal.",
        en="Every {taker}, compared with the baseline ({letter}): the same {giver}, another {giver}, no "
        "longer matched, newly matched, or unmatched in both. Some changes are only a choice between "
        "equally good matchings, not an effect of the rule: look at the key figures too. The coordinator"
        " finds the pairs in pair_differences.csv; this page shows counts only.",
    ),
    "compare.diff.same": T(sv="Samma {giver}", en="Same {giver}"),
    "compare.diff.changed": T(sv="Annan {giver}", en="Another {giver}"),
    "compare.diff.lost": T(sv="Inte längre matchad", en="No longer matched"),
    "compare.diff.gained": T(sv="Nyss matchad", en="Newly matched"),
    "compare.diff.neither": T(sv="Omatchad i båda", en="Unmatched in both"),
    "compare.diff.row": T(sv="{letter} mot {base}", en="{letter} vs {base}"),
    "compare.diff.summary": T(
        sv="{letter}: {count} par skiljer sig från {base} ({removed} borttagna, {added} nya)",
        en="{letter}: {count} pairs differ from {base} ({removed} removed, {added} added)",
    ),
    "compare.diff.none": T(
        sv="Inget scenario kunde jämföras med utgångslägets par.",
        en="Only one scenario could be compared with the baseline's pairs.",
    ),
    "compare.diff.unsolved": T(sv="{letter}: inte jämfört, {status}.", en="{letter}: not compared, {status}."),
    "compare.failed.title": T(sv="Scenarier utan matchning", en="Scenarios without a matching"),
    "compare.failed.caption": T(
        sv="Varför scenarierna saknar matchning, med motorns ord (personer visas som …).",
        en="Why these scenarios have no matching, in the engine's words (people are shown as …).",
    ),
    "compare.failed.more": T(sv="och {count} skäl till av samma slag", en="and {count} more reasons of the same kind"),
    "compare.footer": T(
        sv="Skapad av gbg-matcher{version}, {generated}. Bara summerade tal: sidan visar inga namn och inga"
        " person-id; detaljerna per par finns i pair_differences.csv för koordinatorn. Den fungerar utan"
        " nätverk och kan skrivas ut.",
        en="Made by gbg-matcher{version}, {generated}. Aggregates only: this page shows no names and no "
        "person ids; the pair-level detail is in pair_differences.csv for the coordinator. It works "
        "offline and can be printed.",
    ),
    # The KPI table in the terminal: one label per row of compare.csv (whose keys stay as they are).
    "compare.term.baseline": T(sv="(utgångsläge)", en="(baseline)"),
    "compare.term.kpi": T(sv="nyckeltal", en="kpi"),
    "compare.term.status": T(sv="status", en="status"),
    "compare.term.solver": T(sv="lösare", en="solver"),
    "compare.term.objective": T(sv="poäng som nåddes", en="points reached"),
    "compare.term.best_bound": T(sv="mest möjliga poäng (bevisat)", en="most points possible (proven)"),
    "compare.term.gap": T(sv="möjlig förbättring, högst", en="possible improvement, at most"),
    "compare.term.solve_seconds": T(sv="lösningstid (s)", en="solve time (s)"),
    "compare.term.givers": T(sv="{givers}", en="{givers}"),
    "compare.term.takers": T(sv="{takers}", en="{takers}"),
    "compare.term.capacity_total": T(sv="platser", en="places"),
    "compare.term.pairs": T(sv="par", en="pairs"),
    "compare.term.matched_takers": T(sv="matchade {takers}", en="{takers} matched"),
    "compare.term.match_rate": T(sv="matchningsgrad", en="match rate"),
    "compare.term.givers_used": T(sv="{givers} med par", en="{givers} paired"),
    "compare.term.cross_administration_share": T(sv="par över förvaltningsgräns", en="pairs across administrations"),
    "compare.term.score_mean": T(sv="medelpoäng per par", en="mean pair score"),
    "compare.term.score_min": T(sv="lägsta parpoäng", en="lowest pair score"),
    "compare.term.score_max": T(sv="högsta parpoäng", en="highest pair score"),
    "compare.term.matched_in": T(sv="matchade {takers}, {group} (av {total})",
                                 en="{takers} matched, {group} (of {total})"),
    "compare.term.rate_in": T(sv="matchningsgrad, {group}", en="match rate, {group}"),
    "compare.term.holds": T(sv="regeln uppfylls: {rule}", en="rule holds: {rule}"),
    "compare.term.yes": T(sv="ja", en="yes"),
    "compare.term.no": T(sv="nej", en="no"),
    "compare.term.off": T(sv="av", en="off"),
    "compare.term.preference_unmet": T(sv="önskemål ej mött", en="pref. unmet"),
    "compare.term.pairs_kept": T(sv="par från {letter} kvar", en="pairs of {letter} kept"),
    "compare.term.pairs_removed": T(sv="par från {letter} borta", en="pairs of {letter} gone"),
    "compare.term.pairs_added": T(sv="par som inte finns i {letter}", en="pairs not in {letter}"),
    "compare.term.partner_changed": T(sv="{takers} med annan {giver} än i {letter}",
                                      en="{takers} with another {giver} than in {letter}"),
    "compare.term.no_longer_matched": T(sv="{takers} inte längre matchade", en="{takers} no longer matched"),
    "compare.term.newly_matched": T(sv="{takers} nyss matchade", en="{takers} newly matched"),
}
