"""Every line the `matcher` commands print on the terminal, in Swedish and English.

A status code at the start of a line stays the English code in both languages (scripts read
"OPTIMAL:"); Swedish adds what it means (`cli.status`). `{takers}`, `{Giver}`, ... are the
programme's roles.
"""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    # -- shared -----------------------------------------------------------------------------------
    # English terminal lines show the code alone, as they always have (clitools.status_text).
    "cli.status": T(sv="{code} ({words})", en="{code} ({words})"),
    "cli.program.mentorship": T(sv="mentorskap", en="mentorship"),
    "cli.program.trainee": T(sv="trainee", en="trainee"),
    "cli.points.best": T(sv="{points} poäng, bevisat bäst", en="{points} points, proven best"),
    "cli.points.at_most": T(sv="{points} poäng, högst {bound} möjligt", en="{points} points, at most {bound} possible"),
    "cli.points.unproven": T(sv="{points} poäng, inte bevisat bäst", en="{points} points, not proven best"),
    # -- errors, as handles_errors prints them ------------------------------------------------------
    "cli.infeasible": T(sv="INFEASIBLE: ingen matchning uppfyller alla skallkrav.",
                        en="INFEASIBLE: no matching satisfies all hard rules."),
    "cli.no_solution": T(
        sv="NO SOLUTION: ingen matchning hittades inom tidsgränsen {limit} s. {hint}",
        en="NO SOLUTION: No matching found within the time limit of {limit} s. {hint}",
    ),
    "cli.no_solution.hint": T(
        sv="Prova en längre solver.time_limit_s, färre skallkrav (gör några till börkrav) eller backend: mip-scip.",
        en="Try a longer solver.time_limit_s, fewer hard rules (make some soft), or backend: mip-scip.",
    ),
    "cli.no_solution.hint.plan": T(
        sv="Prova en längre solver.time_limit_s eller --time-limit, eller färre skallkrav.",
        en="Try a longer solver.time_limit_s or --time-limit, or fewer hard rules.",
    ),
    "cli.interrupted": T(sv="avbrutet", en="interrupted"),
    "cli.internal_error": T(sv="internt fel: {kind}: {message}", en="internal error: {kind}: {message}"),
    "cli.internal_error.hint": T(
        sv="  detta är ett fel i matcher; kör igen med --debug och rapportera utskriften",
        en="  this is a bug in matcher; rerun with --debug and report the output",
    ),
    "cli.progress.solving": T(sv="löser", en="solving"),
    "cli.progress.simulating": T(sv="simulerar", en="simulating"),
    "cli.execution.dask": T(sv="Dask-klustret på {address}", en="Dask cluster at {address}"),
    "cli.execution.serial": T(sv="den här processen (i tur och ordning)", en="this process (serial)"),
    "cli.execution.local": T(sv="{workers} lokala processer", en="{workers} local processes"),
    # -- run ----------------------------------------------------------------------------------------
    "cli.run.done": T(
        sv="{status}: {matched} av {total} {takers} matchade{cross}; {points}; lösare {solver} {solve:.2f} s, "
        "totalt {seconds:.2f} s -> {out}",
        en="{status}: {matched} of {total} {takers} matched{cross}; {points}; solver {solver} {solve:.2f} s, "
        "total {seconds:.2f} s -> {out}",
    ),
    "cli.run.cross": T(sv=", {share:.0%} över förvaltningsgräns", en=", {share:.0%} across administrations"),
    "cli.fairness.none": T(sv="{rule}: ingen matchning utan regeln att jämföra med",
                           en="{rule}: no matching without the rule to compare with"),
    "cli.fairness.levelled": T(
        sv="{rule}: regeln lämnar {count} {takers} omatchade som annars kunde matchas, och ingen grupp vinner "
        "på det (utjämning nedåt; {how})",
        en="{rule}: this rule leaves {count} {takers} unmatched who could otherwise be matched, and no group "
        "gains (levelling down; {how})",
    ),
    "cli.fairness.cost": T(sv="{rule}: kostar {lost} matchningar{score} ({how})",
                           en="{rule}: costs {lost} matches{score} ({how})"),
    "cli.fairness.score": T(sv=" och {score:.1f} poäng i medelpoäng", en=" and {score:.1f} points of mean score"),
    "cli.fairness.score_gain": T(sv=", och höjer medelpoängen med {score:.1f}",
                                 en=", and raises the mean score by {score:.1f} points"),
    "cli.fairness.exact": T(sv="exakt", en="exact"),
    "cli.fairness.inexact": T(sv="inte bevisat bäst", en="not proven optimal"),
    # -- validate -----------------------------------------------------------------------------------
    "cli.validate.scenario": T(sv="scenario: {name} ({program})", en="scenario: {name} ({program})"),
    "cli.validate.people": T(sv="personer: {givers_n} {givers} ({places} platser), {takers_n} {takers}",
                             en="people: {givers_n} {givers} (capacity {places}), {takers_n} {takers}"),
    "cli.validate.file": T(sv="{kind}: {count} par från {file}", en="{kind}: {count} pairs from {file}"),
    "cli.validate.hard": T(sv="skallkrav:", en="hard rules:"),
    "cli.validate.levels": T(
        sv="önskemål, nivå för nivå (nivå 1 först; inom en nivå läggs viktade poäng ihop):",
        en="preferences, level by level (level 1 first; within a level, weighted points are added up):",
    ),
    "cli.validate.level": T(sv="  prioritet {priority}  {name:15} vikt {weight}: {describe}",
                            en="  priority {priority}  {name:15} weight {weight}: {describe}"),
    "cli.validate.no_coverage": T(
        sv="  obs: coverage finns inte med, så inget belönar att fler matchas",
        en="  note: coverage is not listed, so nothing rewards matching more people",
    ),
    "cli.validate.ok": T(sv="OK: filerna och reglerna är giltiga.", en="OK: the files and rules are valid."),
    # -- compare ------------------------------------------------------------------------------------
    "cli.compare.solved": T(sv="{name}: {status}, {matched} av {total} matchade ({seconds:.1f} s)",
                            en="{name}: {status}, {matched} of {total} matched ({seconds:.1f} s)"),
    "cli.compare.unsolved": T(sv="{name}: {status}", en="{name}: {status}"),
    "cli.compare.two_files": T(sv="ange minst två scenariofiler, utgångsläget först",
                               en="give at least two scenario files, the baseline first"),
    "cli.compare.failed": T(
        sv="obs: {count} av {total} scenarier saknar matchning ({which}); deras kolumner säger varför",
        en="note: {count} of {total} scenarios have no matching ({which}); their columns say why",
    ),
    "cli.compare.done": T(
        sv="jämförde {count} scenarier på {seconds:.1f} s; {rows} parrader skiljer sig från utgångsläget -> {out}",
        en="compared {count} scenarios in {seconds:.1f} s; {rows} pair rows differ from the baseline -> {out}",
    ),
    # -- sweep --------------------------------------------------------------------------------------
    "cli.sweep.start": T(
        sv="svep: {count} punkter av {name} på {where}",
        en="sweep: {count} points of {name} on {where}",
    ),
    "cli.sweep.parquet": T(sv="Parquet kräver pyarrow: pip install 'gbg-matcher[parquet]'",
                           en="Parquet needs pyarrow: pip install 'gbg-matcher[parquet]'"),
    "cli.sweep.done": T(sv="{solved} av {count} punkter lösta på {seconds:.1f} s{best} -> {out}",
                        en="{solved} of {count} points solved in {seconds:.1f} s{best} -> {out}"),
    "cli.sweep.best": T(
        sv="; flest matchade: punkt {point} ({rate:.0%})",
        en="; most matched: point {point} ({rate:.0%})",
    ),
    # -- simulate -----------------------------------------------------------------------------------
    "cli.simulate.start": T(sv="simulera: {runs} år från {start}, avhopp {dropout:.0%}, på {where}",
                            en="simulate: {runs} years from {start}, dropout {dropout:.0%}, on {where}"),
    "cli.simulate.from_pairs": T(sv="paren i {file}", en="the pairs in {file}"),
    "cli.simulate.from_scenario": T(sv="scenariots egen matchning", en="the scenario's own matching"),
    "cli.simulate.done": T(
        sv="{runs} år: i medel {stranded:.1f} {takers} utan {giver} när någon slutar, {left:.1f} utan {giver} "
        "efter omatchningen (95:e percentilen {p95:.3g}); {seconds:.1f} s -> {out}",
        en="{runs} years: on average {stranded:.1f} {takers} stranded, {left:.1f} left without a {giver} after "
        "the re-match (95th percentile {p95:.3g}); {seconds:.1f} s -> {out}",
    ),
    # -- plan ---------------------------------------------------------------------------------------
    "cli.plan.headline": T(
        sv="{total} {recruits} att rekrytera (kapacitet {capacity} var) så att alla {takers_n} {takers} kan matchas; "
        "i dag erbjuder {givers_n} {givers} {places} platser.",
        en="{total} {recruits} to recruit (capacity {capacity} each) so that all {takers_n} {takers} can be "
        "matched; today {givers_n} {givers} offer {places} places.",
    ),
    "cli.plan.verification": T(
        sv="kontroll (rekryterna tillagda bland personerna, coverage som skallkrav, löst av `run`:s motor):",
        en="verification (the recruits added to the people, coverage hard, solved by `run`'s engine):",
    ),
    "cli.plan.proven": T(sv="bevisat färst", en="proven fewest"),
    "cli.plan.unproven": T(sv="inte bevisat färst: minst {bound} behövs",
                           en="not proven fewest: at least {bound} are needed"),
    "cli.plan.one_recruit": T(sv="rekryt", en="recruit"),
    "cli.plan.recruits": T(sv="rekryter", en="recruits"),
    "cli.plan.done": T(
        sv="{status}: {total} {recruits}, {proof}; lösning {solve:.2f} s, totalt {seconds:.2f} s{out}",
        en="{status}: {total} {recruits}, {proof}; solve {solve:.2f} s, total {seconds:.2f} s{out}",
    ),
    "cli.plan.rejected": T(
        sv="kontrollen underkänner planen: {lines}",
        en="the verification rejects the plan: {lines}",
    ),
    "cli.plan.col.administration": T(sv="förvaltning", en="administration"),
    "cli.plan.col.band": T(sv="erfarenhet", en="band"),
    "cli.plan.col.gender": T(sv="kön", en="gender"),
    "cli.plan.col.recruits": T(sv="rekryter", en="recruits"),
    # plan's check with `run`'s engine (Verification.lines)
    "cli.plan.check.with": T(sv="{mark} med de föreslagna rekryterna: {detail}",
                             en="{mark} with the proposed recruits: {detail}"),
    "cli.plan.check.cannot": T(
        sv="ok   en färre {label}: går inte — {detail}",
        en="ok   one fewer {label}: cannot — {detail}",
    ),
    "cli.plan.check.still": T(
        sv="FAIL en färre {label}: fortfarande alla matchade ({detail}); planen är inte den minsta",
        en="FAIL one fewer {label}: still everyone matched ({detail}); the plan is not the fewest",
    ),
    "cli.plan.check.unknown": T(sv="FAIL en färre {label}: inte visat — {detail}",
                                en="FAIL one fewer {label}: not shown — {detail}"),
    "cli.plan.check.matched": T(
        sv="{status}: {matched} av {total} matchade",
        en="{status}: {matched} of {total} matched",
    ),
    # -- repair -------------------------------------------------------------------------------------
    "cli.repair.done": T(
        sv="{matched} av {total} {takers} matchade; lösare {solver} {solve:.2f} s, totalt {seconds:.2f} s -> {out}",
        en="{matched} of {total} {takers} matched; solver {solver} {solve:.2f} s, total {seconds:.2f} s -> {out}",
    ),
    # -- publish ------------------------------------------------------------------------------------
    "cli.publish.done": T(
        sv="publicerade {name} ({program}): {pairs} par, {status}, {at} -> {target}",
        en="published {name} ({program}): {pairs} pairs, {status}, on {at} -> {target}",
    ),
    # -- history ------------------------------------------------------------------------------------
    "cli.history.none": T(sv="inga kullar publicerade än", en="no cohorts published yet"),
    "cli.history.col.cohort": T(sv="kull", en="cohort"),
    "cli.history.col.program": T(sv="program", en="program"),
    "cli.history.col.published": T(sv="publicerad (UTC)", en="published (UTC)"),
    "cli.history.col.pairs": T(sv="par", en="pairs"),
    "cli.history.col.status": T(sv="status", en="status"),
    "cli.history.col.tool": T(sv="verktyg", en="tool"),
    "cli.history.cohort": T(sv="kull:         {name} ({program})", en="cohort:       {name} ({program})"),
    "cli.history.published": T(sv="publicerad:   {at} (UTC)", en="published:    {at} (UTC)"),
    "cli.history.scenario": T(sv="scenario:     {name} - {file}", en="scenario:     {name} - {file}"),
    "cli.history.solver": T(
        sv="lösare:       {status} av {solver}, {points}",
        en="solver:       {status} by {solver}, {points}",
    ),
    "cli.history.tool": T(sv="version:      {version}", en="tool version: {version}"),
    "cli.history.people": T(sv="personer:     {people}; {pairs} par", en="people:       {people}; {pairs} pairs"),
    "cli.history.people_count": T(sv="{count} {role}", en="{count} {role}"),
    "cli.history.seen": T(sv="historik:     {cohorts}", en="history seen: {cohorts}"),
    "cli.history.inputs": T(sv="indatafiler (SHA-256):", en="input files (SHA-256):"),
    "cli.history.inputs_hashed": T(sv="indatafiler (SHA-256), beräknade vid publiceringen:",
                                   en="input files (SHA-256), hashed at publish:"),
    "cli.history.outputs": T(sv="utdata (SHA-256):", en="outputs (SHA-256):"),
    "cli.history.pairs": T(sv="par:", en="pairs:"),
    "cli.history.score": T(sv="  poäng {score}", en="  score {score}"),
}
