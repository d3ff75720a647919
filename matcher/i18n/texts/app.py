"""The coordinator's workspace in the browser (`matcher app`): every word of its pages."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "app.name": T(sv="Matchning", en="Matching"),
    "app.skip": T(sv="Hoppa till innehållet", en="Skip to the content"),
    "app.nav.label": T(sv="Huvudmeny", en="Main menu"),
    "app.nav.home": T(sv="Start", en="Home"),
    "app.nav.rules": T(sv="Regler", en="Rules"),
    "app.nav.review": T(sv="Granskning", en="Review"),
    "app.nav.latest_run": T(sv="Senaste körningen", en="Latest run"),
    "app.user": T(sv="Inloggad: {user}", en="Signed in: {user}"),
    "app.optional": T(sv="(valfritt)", en="(optional)"),
    # refusals
    "app.refused.title": T(sv="Det gick inte", en="That did not work"),
    "app.error.token": T(
        sv="Adressen saknar sin nyckel. Öppna adressen som `matcher app` skrev ut (den slutar med ?token=…).",
        en="The address lacks its key. Open the address `matcher app` printed (it ends with ?token=…).",
    ),
    "app.error.no_user_header": T(
        sv="Servern väntar sig användarens namn i rubriken {header} från den omvända proxyn; den saknas.",
        en="The server expects the user's name in the header {header} from the reverse proxy; it is missing.",
    ),
    "app.error.csrf": T(
        sv="Formuläret saknar sin säkerhetskod eller har en gammal. Ladda om sidan och försök igen.",
        en="The form lacks its security code or has an old one. Reload the page and try again.",
    ),
    "app.error.too_large": T(
        sv="Filen är för stor: högst {megabytes} MB tas emot.",
        en="The file is too large: at most {megabytes} MB is accepted.",
    ),
    "app.error.length": T(
        sv="Begäran saknar sin längd; skicka filen från sidan i en webbläsare.",
        en="The request does not state its length; send the file from the page in a browser.",
    ),
    "app.error.upload_name": T(
        sv="Filnamnet '{name}' tas inte emot: det ska vara ett vanligt filnamn, utan mappar eller '..'.",
        en="The file name '{name}' is refused: it must be a plain file name, without folders or '..'.",
    ),
    "app.error.upload_kind": T(
        sv="Filen '{name}' är inte av ett slag som tas emot: använd .xlsx eller .csv (scenarier: .yaml).",
        en="The file '{name}' is not of an accepted kind: use .xlsx or .csv (scenarios: .yaml).",
    ),
    "app.error.outside": T(
        sv="'{name}' ligger inte i arbetsmappen; välj en fil i mappen.",
        en="'{name}' is not in the workspace folder; pick a file in the folder.",
    ),
    "app.error.internal": T(
        sv="Ett internt fel ({kind}); det är ett fel i programmet. Ladda om sidan eller kontakta förvaltaren.",
        en="An internal error ({kind}); it is a bug. Reload the page or contact the maintainer.",
    ),
    "app.error.not_found": T(sv="Det finns inget sådant här.", en="There is no such thing here."),
    "app.error.bad_decision": T(
        sv="Beslutet gäller inte ett par i den här körningen; ladda om sidan.",
        en="The decision is not about a pair of this run; reload the page.",
    ),
    "app.error.bad_explain": T(
        sv="Välj ett par eller en person i en färdig körning.", en="Choose a pair or a person of a finished run."
    ),
    "app.error.bad_rule": T(sv="Välj en regel i listan.", en="Choose a rule from the list."),
    "app.error.decisions": T(
        sv="Besluten kunde inte skrivas in i filerna för nästa körning: {problems}",
        en="The decisions could not be written into the next run's files: {problems}",
    ),
    # input problems
    "app.problems.title": T(sv="{count} saker att rätta", en="{count} things to fix"),
    "app.problems.intro": T(
        sv="Rätta dem i filen (t.ex. i Excel), spara och ladda upp den igen. Inget har sparats.",
        en="Fix them in the file (e.g. in Excel), save it and upload it again. Nothing has been saved.",
    ),
    "app.problems.file": T(sv="Fil", en="File"),
    "app.problems.row": T(sv="Rad", en="Row"),
    "app.problems.column": T(sv="Kolumn", en="Column"),
    "app.problems.what": T(sv="Vad som är fel och hur det rättas", en="What is wrong and how to fix it"),
    # home and start
    "app.home.title": T(sv="Matchningar", en="Matchings"),
    "app.home.matchings": T(sv="Dina matchningar", en="Your matchings"),
    "app.home.matching": T(sv="Matchning", en="Matching"),
    "app.home.file": T(sv="Scenariofil", en="Scenario file"),
    "app.home.latest": T(sv="Senaste körning", en="Latest run"),
    "app.home.not_run": T(sv="inte körd ännu", en="not run yet"),
    "app.start.title": T(sv="Starta en ny matchning", en="Start a new matching"),
    "app.start.intro": T(
        sv="Ladda upp personfilen som du har den (Excel eller CSV från Excel), eller välj en fil i arbetsmappen.",
        en="Upload the people file as you have it (Excel, or CSV from Excel), or pick a file in the workspace folder.",
    ),
    "app.start.name": T(sv="Namn på matchningen", en="Name of the matching"),
    "app.start.name_help": T(sv="Till exempel Mentorskap VT26.", en="For example Mentorship VT26."),
    "app.start.program": T(sv="Program", en="Programme"),
    "app.start.program.mentorship": T(sv="Mentorskap (mentorer och adepter)", en="Mentorship (mentors and adepts)"),
    "app.start.program.trainee": T(sv="Trainee (handledare och traineer)", en="Trainee (supervisors and trainees)"),
    "app.start.people": T(sv="Personfil", en="People file"),
    "app.start.people_help": T(
        sv="En rad per person: id, roll, förvaltning, kön, år i yrket eller erfarenhet, och gärna namn och enhet.",
        en="One row per person: id, role, administration, gender, years or band, and preferably name and unit.",
    ),
    "app.start.pair_scores": T(sv="Enkätpoäng per par", en="Questionnaire scores per pair"),
    "app.start.pair_scores_help": T(
        sv="Kolumnerna mentor_id, adept_id, poäng.",
        en="Columns mentor_id, adept_id, score.",
    ),
    "app.start.exclusions": T(sv="Par som aldrig ska bildas", en="Pairs never to make"),
    "app.start.exclusions_help": T(
        sv="Kolumnerna mentor_id, adept_id, orsak (till exempel jäv).",
        en="Columns mentor_id, adept_id, reason (for example a conflict of interest).",
    ),
    "app.start.locked": T(sv="Par som ska behållas", en="Pairs to keep"),
    "app.start.locked_help": T(sv="Kolumnerna mentor_id, adept_id.", en="Columns mentor_id, adept_id."),
    "app.start.upload": T(sv="Ladda upp", en="Upload"),
    "app.start.pick": T(sv="eller välj i mappen", en="or pick from the folder"),
    "app.start.pick_none": T(sv="(ingen)", en="(none)"),
    "app.start.submit": T(sv="Kontrollera filerna och fortsätt", en="Check the files and continue"),
    "app.start.people_missing": T(
        sv="Ladda upp en personfil eller välj en i mappen.", en="Upload a people file or pick one in the folder."
    ),
    "app.start.scenario_missing": T(
        sv="Ladda upp en scenariofil eller välj en i mappen.", en="Upload a scenario file or pick one in the folder."
    ),
    "app.open.title": T(sv="Öppna ett scenario du redan har", en="Open a scenario you already have"),
    "app.open.intro": T(
        sv="Arbetsytan gör en egen kopia av scenariot och ändrar aldrig din fil.",
        en="The workspace makes its own copy of the scenario and never changes your file.",
    ),
    "app.open.submit": T(sv="Öppna", en="Open"),
    # rules
    "app.rules.title": T(sv="Regler för {name}", en="Rules for {name}"),
    "app.rules.intro": T(
        sv="Reglerna sparas i scenariofilen {file} i arbetsmappen; kommandot matcher run läser samma fil.",
        en="The rules are saved in the scenario file {file} in the workspace folder; matcher run reads the same file.",
    ),
    "app.rules.about": T(sv="Matchningen", en="The matching"),
    "app.rules.name": T(sv="Namn", en="Name"),
    "app.rules.cohort": T(sv="Kull (termin)", en="Cohort (term)"),
    "app.rules.cohort_help": T(
        sv="Till exempel VT26: namnet matchningen publiceras under.",
        en="For example VT26: the name it is published as."
    ),
    "app.rules.history_db": T(sv="Historikdatabas", en="History database"),
    "app.rules.history_db_help": T(
        sv="Fil i arbetsmappen med tidigare kullar, till exempel history.sqlite.",
        en="A file in the workspace folder with earlier cohorts, for example history.sqlite.",
    ),
    "app.rules.in_use": T(sv="Regler som används", en="Rules in use"),
    "app.rules.more": T(sv="Fler regler att slå på", en="More rules to switch on"),
    "app.rules.use": T(sv="Använd regeln {rule}", en="Use the rule {rule}"),
    "app.rules.always_on": T(sv="Gäller alltid.", en="Always applies."),
    "app.rules.needs_history": T(
        sv="Läser tidigare kullar: ange historikdatabasen ovan.",
        en="Reads earlier cohorts: give the history database above.",
    ),
    "app.rules.kind": T(sv="Hur regeln gäller", en="How the rule applies"),
    "app.rules.kind.hard": T(sv="Måste gälla", en="Must hold"),
    "app.rules.kind.soft": T(sv="Önskemål", en="Preferred"),
    "app.rules.kind.soft_only": T(
        sv="Ett önskemål: uppfylls så långt det går.",
        en="A preference: met as far as possible.",
    ),
    "app.rules.weight": T(sv="Vikt", en="Weight"),
    "app.rules.weight.help": T(
        sv="När regeln är ett önskemål: hur mycket den väger mot de andra önskemålen.",
        en="When the rule is a preference: how much it weighs against the other preferences.",
    ),
    "app.rules.priority": T(sv="Prioritet", en="Priority"),
    "app.rules.priority.help": T(
        sv="När regeln är ett önskemål: 1 uppfylls först, sedan 2 och så vidare.",
        en="When the rule is a preference: 1 is met first, then 2, and so on.",
    ),
    "app.rules.bounds": T(sv="tillåtet {bounds}", en="allowed {bounds}"),
    "app.rules.save": T(sv="Spara reglerna", en="Save the rules"),
    "app.rules.run": T(sv="Kör matchningen", en="Run the matching"),
    "app.rules.rerun": T(sv="Kör igen med besluten", en="Run again with the decisions"),
    "app.rules.saved": T(sv="Reglerna är sparade i {file}", en="The rules are saved in {file}"),
    "app.rules.changes": T(sv="Det här ändrades", en="What changed"),
    "app.rules.no_changes": T(sv="Inga regler ändrades.", en="No rule changed."),
    "app.rules.errors": T(
        sv="{count} värden behöver rättas; inget sparades. Se markeringarna nedan.",
        en="{count} values need fixing; nothing was saved. See the marks below.",
    ),
    "app.rules.rule": T(sv="Regel", en="Rule"),
    "app.rules.what": T(sv="Vad", en="What"),
    "app.rules.before": T(sv="Före", en="Before"),
    "app.rules.after": T(sv="Efter", en="After"),
    "app.rules.onoff": T(sv="används", en="in use"),
    "app.rules.on": T(sv="på", en="on"),
    "app.rules.off": T(sv="av", en="off"),
    "app.rules.error.number": T(sv="Skriv ett tal, till exempel 0,3.", en="Write a number, for example 0.3."),
    "app.rules.error.min": T(sv="Minst {limit:g}.", en="At least {limit:g}."),
    "app.rules.error.above": T(sv="Mer än {limit:g}.", en="More than {limit:g}."),
    "app.rules.error.max": T(sv="Högst {limit:g}.", en="At most {limit:g}."),
    "app.rules.error.below": T(sv="Mindre än {limit:g}.", en="Less than {limit:g}."),
    "app.rules.error.whole": T(sv="Skriv ett heltal.", en="Write a whole number."),
    "app.rules.error.choice": T(sv="Välj ett av alternativen.", en="Choose one of the options."),
    "app.rules.error.yaml": T(
        sv="Skriv värdet som i scenariofilen, till exempel {{man: 0.3}}.",
        en="Write the value as in the scenario file, for example {{man: 0.3}}.",
    ),
    # running
    "app.run.title": T(sv="Körning {run}", en="Run {run}"),
    "app.run.running": T(sv="Matchningen körs", en="The matching is running"),
    "app.run.time": T(sv="Tid hittills:", en="Time so far:"),
    "app.run.elapsed": T(sv="{seconds:.0f} s", en="{seconds:.0f} s"),
    "app.run.background": T(
        sv="Du kan lämna sidan; körningen fortsätter och syns under Start.",
        en="You may leave the page; the run goes on and shows under Home.",
    ),
    "app.run.reload": T(sv="Visa läget", en="Show the state"),
    "app.run.search": T(sv="Lösarens läge:", en="The solver so far:"),
    "app.run.level": T(sv="nivå {priority}: bästa hittills {best:,.0f} poäng, högst {bound:,.0f} möjligt (bevisat)",
                       en="level {priority}: best so far {best:,.0f} points, at most {bound:,.0f} possible (proven)"),
    "app.run.level_none": T(sv="nivå {priority}: ingen matchning än, högst {bound:,.0f} poäng möjligt (bevisat)",
                            en="level {priority}: no matching yet, at most {bound:,.0f} points possible (proven)"),
    "app.run.cancel": T(sv="Avbryt körningen", en="Cancel the run"),
    "app.run.conflicts": T(sv="Reglerna går inte att uppfylla samtidigt", en="The rules cannot all hold at once"),
    "app.run.conflicts_help": T(
        sv="Gör en av reglerna till ett önskemål, eller ändra ett värde, och kör igen.",
        en="Make one of the rules a preference, or change a value, and run again.",
    ),
    "app.run.internal": T(
        sv="Ett internt fel ({kind}) stoppade körningen; det är ett fel i programmet. Kör igen eller kontakta "
        "förvaltaren.",
        en="An internal error ({kind}) stopped the run; it is a bug. Run again or contact the maintainer.",
    ),
    "app.run.back_to_rules": T(sv="Tillbaka till reglerna", en="Back to the rules"),
    "app.phase.start": T(sv="Startar", en="Starting"),
    "app.phase.read": T(sv="Läser filerna", en="Reading the files"),
    "app.phase.solve": T(sv="Söker den bästa matchningen", en="Finding the best matching"),
    "app.phase.write": T(sv="Kontrollerar och sparar resultatet", en="Checking and saving the result"),
    "app.state.running": T(sv="körs", en="running"),
    "app.state.done": T(sv="klar", en="done"),
    "app.state.failed": T(sv="Körningen stoppade på fel i indata.", en="The run stopped on input problems."),
    "app.state.infeasible": T(sv="Ingen matchning uppfyller alla regler.", en="No matching meets every rule."),
    "app.state.no_solution": T(sv="Ingen matchning hittades inom tidsgränsen.", en="No matching was found in time."),
    "app.state.cancelled": T(sv="Körningen avbröts.", en="The run was cancelled."),
    "app.state.interrupted": T(
        sv="Körningen avbröts oväntat (servern stängdes?). Kör igen.",
        en="The run stopped unexpectedly (was the server closed?). Run again.",
    ),
    # review
    "app.review.title": T(sv="Granska körning {run}", en="Review run {run}"),
    "app.review.status.OPTIMAL": T(
        sv="Det här är den bästa matchningen reglerna tillåter (bevisat).",
        en="This is the best matching the rules allow (proven).",
    ),
    "app.review.status.FEASIBLE": T(
        sv="Matchningen uppfyller reglerna, men tiden räckte inte för att bevisa att den är bäst.",
        en="The matching meets the rules, but there was not time to prove it is the best.",
    ),
    "app.review.kpis": T(sv="I siffror", en="In figures"),
    "app.kpi.matched": T(sv="{Takers} med {giver}", en="{Takers} with a {giver}"),
    "app.kpi.of": T(sv="{part} av {whole}", en="{part} of {whole}"),
    "app.kpi.pairs": T(sv="Par", en="Pairs"),
    "app.kpi.cross": T(sv="Par över förvaltningsgränser", en="Pairs across administrations"),
    "app.kpi.share": T(sv="{share:.0%}", en="{share:.0%}"),
    "app.kpi.score": T(sv="Genomsnittlig poäng per par", en="Mean score per pair"),
    "app.kpi.mean": T(sv="{mean:.1f}", en="{mean:.1f}"),
    "app.kpi.decided": T(sv="Beslut", en="Decisions"),
    "app.kpi.decided_counts": T(
        sv="{approved} godkända, {locked} låsta, {declined} avböjda, {undecided} obeslutade",
        en="{approved} approved, {locked} locked, {declined} declined, {undecided} undecided",
    ),
    "app.download.report": T(sv="Rapporten (report.html)", en="The report (report.html)"),
    "app.download.xlsx": T(sv="Excelfil med namn (matching.xlsx)", en="Excel file with names (matching.xlsx)"),
    "app.download.letters": T(sv="Lista per {giver} för utskick", en="List per {giver} for letters"),
    "app.download.letters_csv": T(sv="som CSV för Excel", en="as CSV for Excel"),
    "app.review.publish": T(sv="Publicera", en="Publish"),
    "app.review.repair": T(sv="Ändringar under året", en="Changes during the year"),
    "app.review.whatif": T(sv="Tänk om … (för styrgruppen)", en="What if … (for the steering group)"),
    "app.review.published": T(sv="Publicerad som {cohort} ({at}).", en="Published as {cohort} ({at})."),
    "app.review.pairs": T(sv="Paren", en="The pairs"),
    "app.review.filter_admin": T(sv="Förvaltning", en="Administration"),
    "app.review.filter_status": T(sv="Beslut", en="Decision"),
    "app.review.all": T(sv="alla", en="all"),
    "app.review.filter": T(sv="Visa", en="Show"),
    "app.review.caption": T(sv="{shown} av {total} par visas", en="{shown} of {total} pairs shown"),
    "app.review.tick": T(sv="Markera", en="Tick"),
    "app.review.pick": T(sv="Markera paret {mentor} och {adept}", en="Tick the pair {mentor} and {adept}"),
    "app.review.mentor": T(sv="{Giver}", en="{Giver}"),
    "app.review.adept": T(sv="{Taker}", en="{Taker}"),
    "app.review.score": T(sv="Poäng", en="Score"),
    "app.review.reasons": T(sv="Skäl", en="Reasons"),
    "app.review.status": T(sv="Beslut", en="Decision"),
    "app.review.decide": T(sv="Besluta", en="Decide"),
    "app.review.why_pair": T(sv="Varför det här paret?", en="Why this pair?"),
    "app.review.why_person": T(sv="Varför så för {name}?", en="Why so for {name}?"),
    "app.review.by": T(sv="av {user}", en="by {user}"),
    "app.review.unmatched": T(sv="Utan par ({count})", en="Without a pair ({count})"),
    "app.review.person": T(sv="Person", en="Person"),
    "app.review.role": T(sv="Roll", en="Role"),
    "app.review.why": T(sv="Varför", en="Why"),
    "app.review.all_matched": T(sv="Alla fick ett par.", en="Everyone has a pair."),
    "app.review.rerun": T(sv="Kör igen med besluten", en="Run again with the decisions"),
    "app.review.rerun_help": T(
        sv="Godkända och låsta par behålls, avböjda par föreslås aldrig igen.",
        en="Approved and locked pairs are kept, declined pairs are never suggested again.",
    ),
    "app.review.repair_next": T(
        sv="Fler ändringar under året görs från den här sidan (Ändringar under året), så att de som har slutat "
        "och de nya följer med.",
        en="Further changes during the year are made from this page (Changes during the year), so that those who "
        "left and those who joined are carried along.",
    ),
    "app.status.undecided": T(sv="Obeslutat", en="Undecided"),
    "app.status.approved": T(sv="Godkänt", en="Approved"),
    "app.status.locked": T(sv="Låst", en="Locked"),
    "app.status.declined": T(sv="Avböjt", en="Declined"),
    "app.decide.approve": T(sv="Godkänn", en="Approve"),
    "app.decide.lock": T(sv="Lås", en="Lock"),
    "app.decide.decline": T(sv="Avböj", en="Decline"),
    "app.decide.undo": T(sv="Ångra", en="Undo"),
    "app.decide.reason": T(sv="Skäl att avböja (valfritt)", en="Reason to decline (optional)"),
    "app.decide.reason_short": T(sv="skäl", en="reason"),
    "app.bulk.legend": T(sv="Besluta flera par på en gång", en="Decide several pairs at once"),
    "app.bulk.status": T(sv="Beslut", en="Decision"),
    "app.bulk.ticked": T(sv="För de markerade paren", en="For the ticked pairs"),
    "app.bulk.all": T(sv="För alla par", en="For every pair"),
    "app.changes.title": T(sv="Ändrat sedan körning {previous}", en="Changed since run {previous}"),
    "app.changes.kind": T(sv="Ändring", en="Change"),
    "app.changes.adept": T(sv="{Taker}", en="{Taker}"),
    "app.changes.before": T(sv="Förut", en="Before"),
    "app.changes.after": T(sv="Nu", en="Now"),
    "app.changes.added": T(sv="Nytt par", en="New pair"),
    "app.changes.removed": T(sv="Paret finns inte längre", en="Pair gone"),
    "app.changes.moved": T(sv="Bytt", en="Moved"),
    "app.changes.none": T(sv="Samma par som förra körningen.", en="The same pairs as the previous run."),
    "app.explain.title": T(sv="Förklaring", en="Explanation"),
    "app.explain.pair": T(sv="Varför {mentor} och {adept}", en="Why {mentor} and {adept}"),
    "app.explain.person": T(sv="Varför så för {name}", en="Why so for {name}"),
    "app.explain.back": T(sv="Tillbaka till granskningen", en="Back to the review"),
    # publish and downloads
    "app.publish.title": T(sv="Publicera körning {run}", en="Publish run {run}"),
    "app.publish.intro": T(
        sv="Att publicera sparar matchningen som kullens i historikdatabasen (id, roller, förvaltningar och par, "
        "aldrig namn), så att nästa termin kan undvika samma par. Samma kontroller som matcher publish.",
        en="Publishing records the matching as the cohort's in the history database (ids, roles, administrations "
        "and pairs, never names), so that next term can avoid the same pairs. The same checks as matcher publish.",
    ),
    "app.publish.not_ready": T(
        sv="Alla par måste vara godkända eller låsta innan matchningen publiceras: {undecided} obeslutade, "
        "{declined} avböjda (kör igen för att ersätta de avböjda).",
        en="Every pair must be approved or locked before the matching is published: {undecided} undecided, "
        "{declined} declined (run again to replace the declined ones).",
    ),
    "app.publish.back": T(sv="Tillbaka till granskningen", en="Back to the review"),
    "app.publish.cohort": T(sv="Kull", en="Cohort"),
    "app.publish.cohort_help": T(sv="Till exempel VT26.", en="For example VT26."),
    "app.publish.cohort_missing": T(
        sv="Skriv kullens namn, till exempel VT26.",
        en="Write the cohort's name, e.g. VT26.",
    ),
    "app.publish.db": T(sv="Historikdatabas", en="History database"),
    "app.publish.db_help": T(
        sv="En fil i arbetsmappen; den skapas första gången.",
        en="A file in the workspace folder; created the first time."
    ),
    "app.publish.submit": T(sv="Publicera {pairs} par", en="Publish {pairs} pairs"),
    "app.publish.done": T(
        sv="Publicerad: kull {cohort}, {pairs} par, {at}.", en="Published: cohort {cohort}, {pairs} pairs, {at}."
    ),
    "app.publish.earlier": T(sv="Publiceringar av den här körningen", en="Publications of this run"),
    "app.publish.record": T(sv="{cohort} i {db}, av {who}, {at}", en="{cohort} in {db}, by {who}, {at}"),
    "app.letters.title": T(sv="Utskick per {giver}, körning {run}", en="Letters per {giver}, run {run}"),
    "app.letters.intro": T(
        sv="En sida per {giver}; skriv ut sidan eller kopiera texten till brevet.",
        en="One page per {giver}; print the page or copy the text into the letter.",
    ),
    "app.letters.your": T(sv="Dina {takers} ({count}):", en="Your {takers} ({count}):"),
    # mid-year changes
    "app.repair.title": T(sv="Ändringar under året, från körning {run}", en="Changes during the year, from run {run}"),
    "app.repair.intro": T(
        sv="Markera vilka som har slutat och lägg till nya personer. Par som fortfarande håller behålls; "
        "resten matchas runt dem.",
        en="Tick who has left and add new people. Pairs that still hold are kept; the rest are matched around them.",
    ),
    "app.repair.leavers": T(sv="Har slutat", en="Have left"),
    "app.repair.joiners": T(sv="Nya personer", en="New people"),
    "app.repair.joiners_help": T(
        sv="En personfil med samma kolumner som kullens, bara de nya.",
        en="A people file with the same columns as the cohort's, only the new people.",
    ),
    "app.repair.allow_moves": T(sv="Högst så många par får brytas", en="At most this many pairs may be broken"),
    "app.repair.allow_moves_help": T(
        sv="0: inget par som håller ändras. Fler: par får brytas om det ger fler ett par.",
        en="0: no pair that holds changes. More: pairs may be broken when that gives more people a pair.",
    ),
    "app.repair.submit": T(sv="Matcha om runt ändringarna", en="Re-match around the changes"),
    "app.repair.nothing": T(
        sv="Markera någon som har slutat eller lägg till nya personer.", en="Tick someone who left or add new people."
    ),
    "app.repair.problem": T(
        sv="Ändringarna kunde inte läggas ihop med de tidigare: {problems}",
        en="The changes could not be combined with the earlier ones: {problems}",
    ),
    "app.repair.changes": T(sv="Ändringarna", en="The changes"),
    "app.repair.previous": T(sv="Tidigare {giver}", en="Previous {giver}"),
    "app.change.kept": T(sv="Behålls", en="Kept"),
    "app.change.moved": T(sv="Bytt {giver}", en="Moved to another {giver}"),
    "app.change.ended_moved": T(sv="Bruten för att fler ska få par", en="Broken so more get a pair"),
    "app.change.ended_leaver": T(sv="Avslutad: någon har slutat", en="Ended: someone left"),
    "app.change.pair_dropped_invalid": T(
        sv="Avslutad: regel tillåter den inte längre",
        en="Ended: a rule no longer allows it",
    ),
    "app.change.new_pair": T(sv="Nytt par", en="New pair"),
    "app.change.unmatched": T(sv="Utan par", en="Without a pair"),
    "app.change.still_unmatched": T(sv="Fortfarande utan par", en="Still without a pair"),
    # what if
    "app.whatif.title": T(sv="Tänk om …", en="What if …"),
    "app.whatif.intro": T(
        sv="Ändra en regel och jämför med nuvarande regler. Jämförelsen visar bara siffror, inga namn: den kan "
        "visas för styrgruppen.",
        en="Change one rule and compare with the current rules. The comparison shows figures only, no names: it can "
        "be shown to the steering group.",
    ),
    "app.whatif.rule": T(sv="Regel att ändra", en="Rule to change"),
    "app.whatif.choose": T(sv="Välj", en="Choose"),
    "app.whatif.submit": T(sv="Jämför", en="Compare"),
    "app.whatif.done_title": T(sv="Jämförelsen är klar", en="The comparison is ready"),
    "app.whatif.done_intro": T(sv="Ändringen som jämförs:", en="The change compared:"),
    "app.whatif.open": T(sv="Öppna jämförelsen (bara siffror)", en="Open the comparison (figures only)"),
    # login
    "app.login.title": T(sv="Logga in", en="Sign in"),
    "app.login.user": T(sv="Ditt namn", en="Your name"),
    "app.login.password": T(sv="Lösenord", en="Password"),
    "app.login.submit": T(sv="Logga in", en="Sign in"),
    "app.login.failed": T(sv="Fel lösenord, eller inget namn.", en="Wrong password, or no name."),
    # the command
    "app.cli.open": T(sv="Öppna {url} i webbläsaren (Ctrl+C stoppar).", en="Open {url} in the browser (Ctrl+C stops)."),
    "app.cli.shared": T(
        sv="En delad server (--host) kräver --password-file, MATCHER_APP_PASSWORD eller --user-header.",
        en="A shared server (--host) needs --password-file, MATCHER_APP_PASSWORD or --user-header.",
    ),
}
