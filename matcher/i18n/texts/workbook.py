"""matching.xlsx: sheet names, headers and the words in its cells (the coordinator opens it in Excel).

Sheet names stay within Excel's 31 characters. The pairs sheet's id columns are headed by the
role alone ("Mentor", "Handledare", ...): the pair readers accept those headers, so the
workbook can be handed back to `matcher check` and `matcher repair`.
"""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    # -- sheets
    "workbook.sheet.pairs": T(sv="Par", en="Pairs"),
    "workbook.sheet.unmatched": T(sv="Ej matchade", en="Unmatched"),
    "workbook.sheet.changes": T(sv="Ändringar", en="Changes"),
    "workbook.sheet.summary": T(sv="Sammanfattning", en="Summary"),
    "workbook.sheet.kpis": T(sv="Nyckeltal", en="Key figures"),
    # -- columns of the pairs, unmatched and changes sheets
    "workbook.col.giver_id": T(sv="{Giver}", en="{Giver}"),
    "workbook.col.taker_id": T(sv="{Taker}", en="{Taker}"),
    "workbook.col.giver_name": T(sv="{The_giver}s namn", en="{The_giver}'s name"),
    "workbook.col.taker_name": T(sv="{The_taker}s namn", en="{The_taker}'s name"),
    "workbook.col.previous_giver_id": T(sv="Tidigare {giver}", en="Previous {giver}"),
    "workbook.col.score": T(sv="Poäng", en="Score"),
    "workbook.col.reasons": T(sv="Varför detta par", en="Why this pair"),
    "workbook.col.id": T(sv="Id", en="Id"),
    "workbook.col.role": T(sv="Roll", en="Role"),
    "workbook.col.reason": T(sv="Varför", en="Why"),
    "workbook.col.change": T(sv="Ändring", en="Change"),
    # -- the kinds of change (changes.csv's codes, in words)
    "workbook.change.kept": T(sv="behålls", en="kept"),
    "workbook.change.moved": T(sv="flyttad till annan {giver}", en="moved to another {giver}"),
    "workbook.change.ended_moved": T(sv="avslutat för att fler ska matchas", en="ended to match more people"),
    "workbook.change.ended_leaver": T(sv="avslutat: någon slutade", en="ended: someone left"),
    "workbook.change.pair_dropped_invalid": T(sv="avslutat: inte längre tillåtet", en="ended: no longer allowed"),
    "workbook.change.new_pair": T(sv="nytt par", en="new pair"),
    "workbook.change.unmatched": T(sv="utan {giver} nu", en="without a {giver} now"),
    "workbook.change.still_unmatched": T(sv="fortfarande utan {giver}", en="still without a {giver}"),
    # -- the summary sheet
    "workbook.summary.what": T(sv="Vad", en="What"),
    "workbook.summary.value": T(sv="Värde", en="Value"),
    "workbook.summary.scenario": T(sv="Scenario", en="Scenario"),
    "workbook.summary.scenario_file": T(sv="Scenariofil", en="Scenario file"),
    "workbook.summary.program": T(sv="Program", en="Programme"),
    "workbook.summary.status": T(sv="Resultat", en="Result"),
    "workbook.summary.solver": T(sv="Beräknad med", en="Calculated with"),
    "workbook.summary.objective": T(
        sv="Matchningens poäng (sista prioritetsnivån)", en="Score of the matching (last priority level)"
    ),
    "workbook.summary.best_bound": T(sv="Högsta möjliga poäng (bevisad)", en="Highest possible score (proven)"),
    "workbook.summary.gap": T(
        sv="Högst så långt under bästa möjliga", en="At most this far below the best possible"
    ),
    "workbook.summary.solve_seconds": T(sv="Beräkningstid (sekunder)", en="Solving time (seconds)"),
    "workbook.summary.build_seconds": T(sv="Förberedelsetid (sekunder)", en="Preparation time (seconds)"),
    "workbook.summary.generated_at": T(sv="Skapad (UTC)", en="Created (UTC)"),
    "workbook.summary.tool_version": T(sv="matcher-version", en="matcher version"),
    "workbook.summary.cohort": T(sv="Kull", en="Cohort"),
    "workbook.summary.not_proven": T(sv="inte bevisad", en="not proven"),
    "workbook.program.mentorship": T(sv="Mentorskap", en="Mentorship"),
    "workbook.program.trainee": T(sv="Traineeprogrammet", en="Trainee programme"),
    "workbook.status.OPTIMAL": T(sv="bästa möjliga (bevisat)", en="best possible (proven)"),
    "workbook.status.FEASIBLE": T(
        sv="giltig, men inte bevisat bästa inom tidsgränsen", en="valid, not proven best within the time limit"
    ),
    "workbook.levels": T(sv="Prioritetsnivåer (1 först)", en="Priority levels (1 first)"),
    "workbook.levels.priority": T(sv="Prioritet", en="Priority"),
    "workbook.levels.value": T(sv="Poäng", en="Score"),
    "workbook.levels.bound": T(sv="Högsta möjliga (bevisad)", en="Highest possible (proven)"),
    "workbook.levels.terms": T(sv="Regler som räknas", en="Rules that count"),
    "workbook.rules": T(sv="Regler", en="Rules"),
    "workbook.rules.name": T(sv="Regel", en="Rule"),
    "workbook.rules.kind": T(sv="Slag", en="Kind"),
    "workbook.rules.holds": T(sv="Uppfylld", en="Met"),
    "workbook.rules.priority": T(sv="Prioritet", en="Priority"),
    "workbook.rules.weight": T(sv="Vikt", en="Weight"),
    "workbook.rules.detail": T(sv="Utfall", en="Outcome"),
    "workbook.kind.hard": T(sv="krav", en="requirement"),
    "workbook.kind.preference": T(sv="önskemål", en="preference"),
    "workbook.yes": T(sv="ja", en="yes"),
    "workbook.no": T(sv="nej", en="no"),
    # -- the key figures sheet (summary.json's kpis)
    "workbook.kpi.what": T(sv="Nyckeltal", en="Key figure"),
    "workbook.kpi.givers": T(sv="{Givers}", en="{Givers}"),
    "workbook.kpi.takers": T(sv="{Takers}", en="{Takers}"),
    "workbook.kpi.pairs": T(sv="Par", en="Pairs"),
    "workbook.kpi.matched_takers": T(sv="{Takers} som fick en {giver}", en="{Takers} matched with a {giver}"),
    "workbook.kpi.match_rate": T(
        sv="Andel {takers} som fick en {giver}", en="Share of {takers} matched with a {giver}"
    ),
    "workbook.kpi.givers_used": T(sv="{Givers} med minst en {taker}", en="{Givers} with at least one {taker}"),
    "workbook.kpi.capacity_total": T(sv="Platser hos {givers} (kapacitet)", en="Places offered by {givers}"),
    "workbook.kpi.cross_administration_share": T(
        sv="Andel par över förvaltningsgräns", en="Share of pairs across administrations"
    ),
    "workbook.kpi.score_mean": T(sv="Medelpoäng per par", en="Mean score per pair"),
    "workbook.kpi.score_min": T(sv="Lägsta poäng för ett par", en="Lowest score of a pair"),
    "workbook.kpi.score_max": T(sv="Högsta poäng för ett par", en="Highest score of a pair"),
    "workbook.kpi.by_administration": T(sv="Per förvaltning", en="By administration"),
    "workbook.kpi.by_gender": T(sv="Per kön", en="By gender"),
    "workbook.kpi.by_band": T(sv="Per erfarenhet", en="By experience"),
    "workbook.kpi.matched_by_group": T(
        sv="Per förvaltning, kön och erfarenhet", en="By administration, gender and experience"
    ),
    "workbook.kpi.pairs_by_administration": T(
        sv="Par per förvaltning ({giver} → {taker})", en="Pairs by administration ({giver} → {taker})"
    ),
    "workbook.kpi.pairs_by_band": T(sv="Par per erfarenhet ({giver} → {taker})",
                                    en="Pairs by experience ({giver} → {taker})"),
    "workbook.kpi.placed_by_administration_gender": T(
        sv="Placerade per förvaltning och kön", en="Placed by administration and gender"
    ),
    "workbook.kpi.col.administration": T(sv="Förvaltning", en="Administration"),
    "workbook.kpi.col.gender": T(sv="Kön", en="Gender"),
    "workbook.kpi.col.band": T(sv="Erfarenhet", en="Experience"),
    "workbook.kpi.col.takers": T(sv="{Takers}", en="{Takers}"),
    "workbook.kpi.col.matched": T(sv="Matchade", en="Matched"),
    "workbook.kpi.col.rate": T(sv="Andel matchade", en="Share matched"),
    "workbook.kpi.col.givers": T(sv="{Givers}", en="{Givers}"),
    "workbook.kpi.col.givers_used": T(sv="{Givers} med minst en {taker}", en="{Givers} with at least one {taker}"),
    "workbook.kpi.col.giver_administration": T(sv="{The_giver}s förvaltning", en="{The_giver}'s administration"),
    "workbook.kpi.col.taker_administration": T(sv="{The_taker}s förvaltning", en="{The_taker}'s administration"),
    "workbook.kpi.col.giver_band": T(sv="{The_giver}s erfarenhet", en="{The_giver}'s experience"),
    "workbook.kpi.col.taker_band": T(sv="{The_taker}s erfarenhet", en="{The_taker}'s experience"),
    "workbook.kpi.col.pairs": T(sv="Par", en="Pairs"),
    "workbook.kpi.col.placed": T(sv="Placerade", en="Placed"),
}
