"""The run report (report.html): every label, caption and sentence, in Swedish and English.

The charts' shared labels are `pages.*`; rule titles are `rule.<name>.title` when the rule
has one in the catalogue. `{giver}`, `{takers}`, ... are the programme's roles.
"""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "report.report": T(sv="Matchningsrapport", en="Matching report"),
    "report.solver": T(sv="Lösare", en="Solver"),
    "report.solve_time": T(sv="lösningstid", en="solve time"),
    "report.status.OPTIMAL": T(sv="den bästa matchning reglerna tillåter (bevisat)",
                               en="the best matching the rules allow (proven)"),
    "report.status.FEASIBLE": T(sv="en giltig matchning; inte bevisat den bästa",
                                en="a valid matching; not proven to be the best"),
    "report.status.other": T(sv="status enligt lösaren", en="status reported by the solver"),
    "report.hard_violated": T(sv="Ett skallkrav uppfylls inte", en="A hard rule does not hold"),
    # KPI cards
    "report.kpi.matched": T(sv="Matchade", en="Matched"),
    "report.kpi.matched_sub": T(sv="{count} fortfarande utan {giver}", en="{count} still without a {giver}"),
    "report.kpi.of": T(sv="av", en="of"),
    "report.kpi.match_rate": T(sv="Matchningsgrad", en="Match rate"),
    "report.kpi.match_rate_sub": T(sv="andel {takers} som matchades", en="share of {takers} matched"),
    "report.kpi.cross": T(sv="Andel över förvaltningsgräns", en="Cross-administration pairs"),
    "report.kpi.cross_sub": T(sv="par med personer från två förvaltningar", en="pairs spanning two administrations"),
    "report.kpi.score": T(sv="Medelpoäng per par", en="Mean pair score"),
    "report.kpi.score_sub": T(
        sv="parpoäng: summan av alla önskemålsreglers poäng för paret; från {low} till {high}",
        en="pair score: the points of every preference rule for the pair; range {low} to {high}",
    ),
    "report.kpi.givers": T(sv="{Givers} med par", en="{Givers} paired"),
    "report.kpi.givers_sub": T(sv="{idle} {givers} utan {taker}", en="{idle} {givers} with no {taker}"),
    "report.kpi.places": T(sv="Platser använda", en="Places used"),
    "report.kpi.places_sub": T(
        sv="en plats är en {taker} som en {giver} kan ta emot; {free} lediga",
        en="a place is one {taker} a {giver} can take; {free} free",
    ),
    # Match rate by administration and gender
    "report.plot.rate.title": T(sv="Matchningsgrad per förvaltning och kön",
                                en="Match rate by administration and gender"),
    "report.plot.rate.caption": T(
        sv="Varje stapel är andelen {takers} av ett kön i förvaltningen som fick en {giver}; "
        "talen ovanför är matchningsgraden och antal matchade av alla (håll muspekaren över en stapel "
        "för antalen).",
        en="Each bar is the share of {takers} of one gender in that administration who got a {giver}; "
        "the numbers above a bar are the rate and matched of total (hover a bar for the counts).",
    ),
    # Pairs by administration / band
    "report.plot.admin.title": T(sv="Par per förvaltning", en="Pairs by administration"),
    "report.plot.admin.caption": T(
        sv="Varje ruta räknar paren där {the_giver} arbetar i radens förvaltning och {the_taker} i "
        "kolumnens; rutor utanför den markerade diagonalen är par över förvaltningsgränsen.",
        en="Each cell counts the pairs where {the_giver} works in the row's administration and {the_taker} "
        "works in the column's; cells off the outlined diagonal are cross-administration pairs.",
    ),
    "report.plot.admin.rows": T(sv="Förvaltning ({giver})", en="{Giver}'s administration"),
    "report.plot.admin.cols": T(sv="Förvaltning ({taker})", en="{Taker}'s administration"),
    "report.plot.band.title": T(sv="Par per erfarenhetsnivå", en="Pairs by experience band"),
    "report.plot.band.caption": T(
        sv="Varje ruta räknar paren från erfarenhetsnivån hos {the_giver} (rad) till nivån hos {the_taker} "
        "(kolumn); nivåer efter år i yrket: {rule}.",
        en="Each cell counts the pairs from the {giver}'s experience band (row) to the {taker}'s band "
        "(column); bands by years in the profession: {rule}.",
    ),
    "report.plot.band.rows": T(sv="Erfarenhet ({giver})", en="{Giver}'s band"),
    "report.plot.band.cols": T(sv="Erfarenhet ({taker})", en="{Taker}'s band"),
    "report.plot.heat.tooltip": T(sv="{row} → {col}: {count} par", en="{row} → {col}: {count} pairs"),
    "report.plot.total": T(sv="Summa", en="Total"),
    # Pair scores
    "report.plot.hist.title": T(sv="Fördelning av parpoäng", en="Distribution of pair scores"),
    "report.plot.hist.caption": T(
        sv="Varje stapel räknar paren vars poäng ligger i intervallet under den; den streckade linjen "
        "visar medelvärdet. Högre poäng betyder bättre passform enligt scenariots regler.",
        en="Each bar counts the pairs whose score falls in the range under it; the dashed line marks the "
        "mean. A higher score means a better fit by the scenario's rules.",
    ),
    "report.plot.hist.x": T(sv="Parpoäng", en="Pair score"),
    "report.plot.hist.y": T(sv="Antal par", en="Number of pairs"),
    "report.plot.hist.mean": T(sv="medel {mean}", en="mean {mean}"),
    "report.plot.hist.tooltip": T(sv="poäng {low} till {high}: {count} par", en="score {low} to {high}: {count} pairs"),
    # What was optimised, level by level (summary.json's objectives)
    "report.levels.title": T(sv="Vad matchningen strävade efter, i turordning",
                             en="What the matching aimed for, in order"),
    "report.levels.caption": T(
        sv="Matchningen görs nivå för nivå, nivå 1 först: en senare nivå får aldrig kosta en tidigare något. "
        "Varje nivå samlar poäng för det dess regler ber om (en matchad {taker}, ett gemensamt ämne, "
        "enkätpoäng ...). Stapeln visar poängen som nåddes mot det mesta någon matchning kan nå, som "
        "lösaren har bevisat; en full stapel betyder bevisat bäst.",
        en="The matching is made level by level, level 1 first: a later level may never cost an earlier one "
        "anything. Each level collects points for what its rules ask for (a matched {taker}, a shared topic, "
        "a questionnaire score, ...). The bar shows the points reached against the most any matching can "
        "reach, as the solver proved; a full bar means proven best.",
    ),
    "report.levels.level": T(sv="Nivå {priority}", en="Level {priority}"),
    "report.levels.matched": T(sv="{Takers} som matchas", en="{Takers} matched"),
    "report.levels.quality": T(sv="Parens kvalitet", en="Pair quality"),
    "report.levels.both": T(sv="{Takers} som matchas och parens kvalitet",
                            en="{Takers} matched and pair quality"),
    "report.levels.reached": T(sv="{value} poäng", en="{value} points"),
    "report.levels.best": T(sv="bevisat bäst", en="proven best"),
    "report.levels.at_most": T(sv="högst {bound} möjligt", en="at most {bound} possible"),
    "report.levels.unproven": T(sv="inte bevisat bäst", en="not proven best"),
    "report.levels.tooltip": T(sv="nivå {priority}: {value} poäng nåddes; {proof}",
                               en="level {priority}: {value} points reached; {proof}"),
    "report.levels.all_best": T(sv="Varje nivå nådde det bästa möjliga (bevisat).",
                                en="Every level reached the best possible (proven)."),
    "report.levels.not_all_best": T(sv="Inte bevisat bäst på nivå {levels}.", en="Not proven best at level {levels}."),
    "report.levels.none": T(sv="Inga nivåer rapporterade.", en="No levels reported."),
    "report.col.level": T(sv="Nivå", en="Level"),
    "report.col.aims": T(sv="Vad nivån räknar", en="What the level counts"),
    "report.col.rules": T(sv="Regler", en="Rules"),
    "report.col.reached": T(sv="Nått", en="Reached"),
    "report.col.best": T(sv="Bästa möjliga (bevisat)", en="Best possible (proven)"),
    # Empty states
    "report.no_pairs": T(sv="Inga par bildades i den här körningen.", en="No pairs were made in this run."),
    "report.all_matched": T(sv="Ingen blev utan matchning.", en="No one was left without a match."),
    # The rules and their verdicts
    "report.constraints": T(sv="Regler", en="Constraints"),
    "report.constraints.caption": T(
        sv="Scenariots regler: skallkrav måste uppfyllas, börkrav vägs efter prioritet (1 först) och "
        "vikt. En röd rad är ett skallkrav som inte uppfylls.",
        en="The rules of this scenario: hard rules must hold, soft rules are weighed by priority "
        "(1 first) and weight. A red row is a hard rule that does not hold.",
    ),
    "report.constraints.none": T(sv="Inga regler rapporterade.", en="No constraints reported."),
    "report.part.hard": T(sv="skallkrav", en="hard"),
    "report.part.preference": T(sv="önskemål", en="preference"),
    "report.col.rule": T(sv="Regel", en="Rule"),
    "report.col.kind": T(sv="Typ", en="Kind"),
    "report.col.priority": T(sv="Prioritet", en="Priority"),
    "report.col.weight": T(sv="Vikt", en="Weight"),
    "report.col.holds": T(sv="Uppfylls", en="Holds"),
    "report.col.detail": T(sv="Detalj", en="Detail"),
    "report.col.score": T(sv="Poäng", en="Score"),
    "report.col.reasons": T(sv="Motivering", en="Reasons"),
    "report.col.id": T(sv="ID", en="ID"),
    "report.col.role": T(sv="Roll", en="Role"),
    "report.col.reason": T(sv="Orsak", en="Reason"),
    "report.kind.hard": T(sv="Skallkrav", en="Hard"),
    "report.kind.soft": T(sv="Börkrav", en="Soft"),
    "report.holds.yes": T(sv="uppfylls", en="holds"),
    "report.holds.no": T(sv="uppfylls inte", en="does not hold"),
    # Pairs, unmatched
    "report.pairs": T(sv="Par", en="Pairs"),
    "report.pairs.caption": T(sv="Alla par som bildades, med poäng och motivering.",
                              en="Every pair made, with its score and the reasons it was made."),
    "report.unmatched": T(sv="Omatchade", en="Unmatched"),
    "report.unmatched.caption": T(sv="Alla som blev utan matchning, och varför.",
                                  en="Everyone left without a match, and why."),
    # A repair's changes
    "report.fairness.title": T(sv="Vad rättvisereglerna kostar", en="What the fairness rules cost"),
    "report.fairness.caption": T(
        sv="Varje rättviseregel jämförd med samma scenario utan den (löst en gång till): hur många {takers} som "
           "matchas och parens medelpoäng, med och utan regeln.",
        en="Each fairness rule against the same scenario without it (solved once more): how many {takers} are "
           "matched and the pairs' mean score, with and without the rule."),
    "report.fairness.col.rule": T(sv="Regel", en="Rule"),
    "report.fairness.col.with": T(sv="Matchade med", en="Matched with"),
    "report.fairness.col.without": T(sv="Matchade utan", en="Matched without"),
    "report.fairness.col.score_with": T(sv="Medelpoäng med", en="Mean score with"),
    "report.fairness.col.score_without": T(sv="Medelpoäng utan", en="Mean score without"),
    "report.fairness.col.how": T(sv="Hur säkert", en="How sure"),
    "report.fairness.exact": T(sv="exakt (båda bevisat bäst)", en="exact (both proven best)"),
    "report.fairness.not_proven": T(sv="inte bevisat bäst", en="not proven best"),
    "report.fairness.levelled": T(
        sv="{rule} jämnar ut nedåt: regeln lämnar {count} {takers} utan {giver} som annars hade matchats, "
           "utan att någon grupp vinner på det.",
        en="{rule} levels down: the rule leaves {count} {takers} without a {giver} who could otherwise be "
           "matched, and no group gains."),
    "report.changes": T(sv="Förändringar", en="Changes"),
    "report.changes.caption": T(
        sv="En omatchning mitt i året (matcher repair): hur de nuvarande paren gick och varför, i antal; "
        "changes.csv listar dem person för person. Högst {allow_moves} behållna par fick flyttas; "
        "{leavers} slutade, {joiners} tillkom.",
        en="A mid-year repair (matcher repair): how the current pairs fared and why, in counts; "
        "changes.csv lists them person by person. At most {allow_moves} kept pairs could be moved; "
        "{leavers} left, {joiners} joined.",
    ),
    "report.changes.counts": T(
        sv="{kept} behållna, {moved} flyttade, {new} nya, {ended} avslutade av {current} nuvarande par; "
        "{unmatched} {takers} utan matchning nu",
        en="{kept} kept, {moved} moved, {new} new, {ended} ended of {current} current pairs; "
        "{unmatched} {takers} without a match now",
    ),
    "report.col.change": T(sv="Förändring", en="Change"),
    "report.change.kept": T(sv="behållet", en="kept"),
    "report.change.moved": T(sv="flyttat", en="moved"),
    "report.change.ended_moved": T(sv="avslutat av en flytt", en="ended by a move"),
    "report.change.ended_leaver": T(sv="avslutat: någon slutade", en="ended: someone left"),
    "report.change.pair_dropped_invalid": T(sv="avslutat: inte längre tillåtet", en="ended: no longer allowed"),
    "report.change.new_pair": T(sv="nytt par", en="new pair"),
    "report.change.unmatched": T(sv="omatchad", en="unmatched"),
    "report.change.still_unmatched": T(sv="fortfarande omatchad", en="still unmatched"),
    "report.col.count": T(sv="Antal", en="Count"),
    "report.footer": T(
        sv="Skapad av gbg-matcher{version}. Sidan innehåller bara id:n, aldrig namn; den fungerar "
        "utan nätverk och kan skrivas ut.",
        en="Made by gbg-matcher{version}. This page contains ids only, never names; it works offline "
        "and can be printed.",
    ),
    # The trainee cohort's gender split
    "report.plot.split.title": T(sv="Den antagna kullens könsfördelning per förvaltning",
                                 en="Selected cohort's gender split per administration"),
    "report.plot.split.caption": T(
        sv="Varje stapel är 100 % av en grupp, uppdelad efter kön: män från vänsterkanten, kvinnor från "
        "högerkanten, övriga kön däremellan. Överst de {takers} som placerats i varje förvaltning, sedan "
        "hela den antagna kullen, alla sökande och som referens dagens personal (87 % kvinnor, 13 % män). "
        "En antagen kull som är jämnare än personalen har en längre del för män än referensstapeln; "
        "n är antalet personer i stapeln (håll muspekaren över en del för antalen).",
        en="Each bar is 100 % of a group, split by gender: men from the left edge, women from the right "
        "edge, other genders in between. The top bars are the {takers} placed in each administration, "
        "then the whole placed cohort, all applicants, and, as a reference, today's staff (87 % women, "
        "13 % men). A placed cohort more even than the staff has a longer men's segment than the "
        "reference bar; n is the number of people in the bar (hover a segment for the counts).",
    ),
    "report.plot.split.placed": T(sv="{administration}: antagna", en="{administration}: placed"),
    "report.plot.split.cohort": T(sv="Hela kullen: antagna", en="Whole cohort: placed"),
    "report.plot.split.applicants": T(sv="Alla sökande", en="All applicants"),
    "report.plot.split.staff": T(sv="Personalen (referens)", en="Staff (reference)"),
}
