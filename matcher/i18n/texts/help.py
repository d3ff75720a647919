"""Every command's --help text (`matcher.cli_help`): the command, then its options; options many
commands share alike under `help.option.NAME`; click's own words under `help.click.*`."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "help.click.usage": T(sv="Användning:", en="Usage:"),
    "help.click.options": T(sv="Val", en="Options"),
    "help.click.commands": T(sv="Kommandon", en="Commands"),
    "help.click.arguments": T(sv="Argument", en="Positional arguments"),
    "help.click.default": T(sv="förval: {{default}}", en="default: {{default}}"),
    "help.click.required": T(sv="krävs", en="required"),
    "help.click.env_var": T(sv="miljövariabel: {{var}}", en="env var: {{var}}"),
    "help.click.dynamic": T(sv="(beräknas)", en="(dynamic)"),
    "help.click.options_metavar": T(sv="[VAL]", en="[OPTIONS]"),
    "help.click.subcommand_metavar": T(sv="KOMMANDO [ARGUMENT]...", en="COMMAND [ARGS]..."),
    "help.option.lang.default": T(sv="MATCHER_LANG, annars en", en="MATCHER_LANG, else en"),
    "help.click.type.directory": T(sv="MAPP", en="DIRECTORY"),
    "help.click.type.file": T(sv="FIL", en="FILE"),
    "help.click.type.path": T(sv="SÖKVÄG", en="PATH"),
    "help.click.type.text": T(sv="TEXT", en="TEXT"),
    "help.click.type.integer": T(sv="HELTAL", en="INTEGER"),
    "help.click.type.integer_range": T(sv="HELTAL", en="INTEGER RANGE"),
    "help.click.type.float": T(sv="TAL", en="FLOAT"),
    "help.click.type.float_range": T(sv="TAL", en="FLOAT RANGE"),
    "help.click.help": T(sv="Visa den här hjälpen och avsluta.", en="Show this message and exit."),
    "help.option.db": T(
        sv=(
            "Historikdatabas: en filsökväg (SQLite) eller en URL (förval: history_db: i filen som anges med "
            "--scenario)."
        ),
        en="History database: a file path (SQLite) or a URL (default: the --scenario's history_db:).",
    ),
    "help.option.lang": T(
        sv="Språk för terminalraderna, sidorna och arbetsboken: sv eller en.",
        en="Language of the terminal lines, pages and workbook: sv or en.",
    ),
    "help.option.scenario": T(
        sv="En scenariofil som anger databasen (history_db:), i stället för --db.",
        en="A scenario file naming the database (history_db:), instead of --db.",
    ),
    "help.option.scheduler": T(
        sv="Kör på detta Dask-kluster (eller ange MATCHER_SCHEDULER); förval: lokala processer.",
        en="Run on this Dask cluster (or set MATCHER_SCHEDULER); default: local processes.",
    ),
    "help.option.time_limit": T(
        sv="Tidsgräns i sekunder, i stället för solver.time_limit_s.",
        en="Override solver.time_limit_s (seconds).",
    ),
    "help.option.workers": T(
        sv="Antal lokala processer (förval: datorns antal kärnor; med 1 körs allt i tur och ordning).",
        en="Local processes to use (default: the machine's cores; 1 runs serially).",
    ),
    "help.matcher": T(
        sv="Matcha mentorer med adepter (och handledare med trainees) enligt scenariots regler.",
        en="Match mentors with adepts (and supervisors with trainees) under the scenario's rules.",
    ),
    "help.matcher.debug": T(
        sv="Visa fullständig felspårning (traceback) vid interna fel.",
        en="Show tracebacks of internal errors.",
    ),
    "help.matcher.version": T(sv="Visa versionen och avsluta.", en="Show the version and exit."),
    "help.app": T(
        sv=(
            "Öppna arbetsytan för FOLDER (förval: den här mappen): ladda upp, ange regler, kör, granska, "
            "publicera."
        ),
        en="Open the workspace on FOLDER (default: this folder): upload, set rules, run, review, publish.",
    ),
    "help.app.host": T(
        sv="Adress att lyssna på (delad server: se nedan).",
        en="Address to listen on (shared: see below).",
    ),
    "help.app.port": T(sv="Port (0: valfri ledig port).", en="Port (0: any free)."),
    "help.app.password_file": T(
        sv="Delad server: en fil med lösenordet som alla loggar in med (eller MATCHER_APP_PASSWORD).",
        en="Shared server: a file holding the password everyone signs in with (or MATCHER_APP_PASSWORD).",
    ),
    "help.app.user_header": T(
        sv=(
            "Delad server bakom en betrodd omvänd proxy: det fält i förfrågans huvud (header) som anger "
            "användaren."
        ),
        en="Shared server behind a trusted reverse proxy: the request header naming the user.",
    ),
    "help.app.no_browser": T(
        sv="Öppna inte webbläsaren; skriv bara ut adressen.",
        en="Do not open the browser; only print the address.",
    ),
    "help.app.lang": T(
        sv="Sidornas språk tills någon byter (förval: MATCHER_LANG, annars sv).",
        en="The pages' language until someone switches (default: MATCHER_LANG, else sv).",
    ),
    "help.check": T(
        sv=(
            "Kontrollera en pairs.csv (t.ex. ändrad för hand) mot skallkraven i SCENARIO igen, utan att "
            "matcha.\n"
            "\n"
            "SCENARIO är en scenariofil (ange då även PAIRS_FILE) eller --out-mappen från `matcher run` "
            "eller\n"
            "`matcher repair`: dess pairs.csv (eller PAIRS_FILE) kontrolleras mot det scenario den togs fram\n"
            "med, inklusive nytillkomna och behållna par vid en ommatchning.\n"
            "En rad per del av varje regel: den är uppfylld, bruten (en del som måste gälla) eller inte "
            "uppfylld\n"
            "(ett börkrav). Slutkod 0 när alla delar av skallkraven är uppfyllda, 3 när någon inte är det\n"
            "(varje brott listas)."
        ),
        en=(
            "Re-verify a pairs.csv (e.g. edited by hand) against SCENARIO's hard rules, without solving.\n"
            "\n"
            "SCENARIO is a scenario file (then give PAIRS_FILE), or the --out folder of `matcher run` or\n"
            "`matcher repair`: its pairs.csv (or PAIRS_FILE) is checked against the scenario it was solved\n"
            "with, a repair's joiners and kept pairs included.\n"
            "One line per part of each rule: it holds, is broken (a part that must hold) or is not met (a\n"
            "preference). Exit 0 when every hard part holds, 3 when one does not (each violation is listed)."
        ),
    ),
    "help.compare": T(
        sv=(
            "Jämför SCENARIO-filer med samma deltagare: nyckeltal sida vid sida och vilka par som ändras.\n"
            "\n"
            "Den första filen är utgångsläget; de övriga jämförs med den. Exempel:\n"
            "\n"
            "\x08\n"
            "matcher compare scenarios/city/scenario.yaml scenarios/whatif/strict_gender.yaml --out "
            "out/whatif"
        ),
        en=(
            "Compare SCENARIO files on the same participants: KPIs side by side and which pairs change.\n"
            "\n"
            "The first file is the baseline; the others are compared with it. Example:\n"
            "\n"
            "\x08\n"
            "matcher compare scenarios/city/scenario.yaml scenarios/whatif/strict_gender.yaml --out "
            "out/whatif"
        ),
    ),
    "help.compare.out_dir": T(
        sv=(
            "Mapp för compare.html, compare.csv och pair_differences.csv (förval: en ny mapp "
            "out/SCENARIO-DATE-TIME bredvid scenariot)."
        ),
        en=(
            "Folder for compare.html, compare.csv and pair_differences.csv (default: a new folder "
            "out/SCENARIO-DATE-TIME next to the scenario)."
        ),
    ),
    "help.compare.time_limit": T(
        sv="Tidsgräns i sekunder för alla scenarier, i stället för deras solver.time_limit_s.",
        en="Override every scenario's solver.time_limit_s (seconds).",
    ),
    "help.constraints": T(
        sv="Lista alla regler med deras inställningar och ett exempel (docs/constraints.md).",
        en="List every constraint with its parameters and an example (docs/constraints.md).",
    ),
    "help.explain": T(
        sv=(
            "Förklara varför ett par bildades eller varför någon saknar matchning, och vilket alternativ som "
            "var näst bäst."
        ),
        en="Say why a pair was made or why someone is unmatched, and which alternative came next.",
    ),
    "help.explain.pair": T(
        sv="MENTOR_ID,ADEPT_ID: varför det här paret bildades.",
        en="MENTOR_ID,ADEPT_ID: why this pair was made.",
    ),
    "help.explain.person": T(
        sv="ID: varför personen matchades som den gjorde, eller inte matchades alls.",
        en="ID: why this person was matched as they were, or not.",
    ),
    "help.generate": T(
        sv="Skapa en syntetisk personfil som följer organisationens siffror (påhittade namn).",
        en="Write a synthetic people file calibrated on the organisation's figures (fake names).",
    ),
    "help.generate.capacity": T(
        sv="Hur många adepter en mentor kan ta, som intervall, t.ex. 1-3.",
        en="Mentor capacity range, e.g. 1-3.",
    ),
    "help.generate.swedish": T(
        sv="Svenska kolumnrubriker och värden, som i en svensk Excel-export.",
        en="Swedish headers and values, as a Swedish Excel export.",
    ),
    "help.generate.out": T(
        sv="Personfil att skriva (.csv, .xlsx eller .json).",
        en="People file to write (.csv, .xlsx or .json).",
    ),
    "help.generate.scores": T(sv="Skriv även en pair_scores-fil hit.", en="Also write a pair_scores file here."),
    "help.generate.force": T(sv="Skriv över befintliga filer.", en="Overwrite existing files."),
    "help.history": T(
        sv="De publicerade kohorterna: lista dem, visa en (med dess händelselogg), exportera dess par.",
        en="The published cohorts: list them, show one (with its audit trail), export its pairs.",
    ),
    "help.history.export": T(
        sv="Skriv kohortens par som CSV (mentor_id,adept_id,score; supervisor_id,trainee_id för trainees).",
        en=(
            "Write the cohort's pairs as CSV (mentor_id,adept_id,score; supervisor_id,trainee_id for "
            "trainees)."
        ),
    ),
    "help.history.export.out": T(sv="CSV-fil att skriva.", en="CSV to write."),
    "help.history.export.scenario_yaml": T(
        sv="Skriv även scenariofilen som den publicerades (för att kunna köra om den).",
        en="Also write the scenario file as published (to re-run it).",
    ),
    "help.history.list": T(
        sv="Alla publicerade kohorter, per program med den äldsta först.",
        en="Every published cohort, per programme oldest first.",
    ),
    "help.history.show": T(
        sv=(
            "En kohorts uppgifter: scenario, indatafilernas kontrollsummor, lösarens status, verktygets "
            "version och kohortens par."
        ),
        en="A cohort's record: scenario, input hashes, solver status, tool version, and its pairs.",
    ),
    "help.plan": T(
        sv=(
            "Det minsta antal mentorer som behöver rekryteras, per förvaltning och erfarenhetsnivå, för att\n"
            "alla adepter ska kunna matchas.\n"
            "\n"
            "Beräknas i ett enda steg enligt skallkraven i SCENARIO, där kravet att alla ska matchas också\n"
            "är ett skallkrav (börkraven avgör inte vem som kan matchas). En nyrekryterad antas ha en egen\n"
            "enhet och ännu inga enkätpoäng. Slutkod 3 anger de adepter eller regler som inget antal\n"
            "nyrekryteringar kan lösa. Traineeprogrammet avvisas (slutkod 2): där är det kvoterna, inte\n"
            "handledarna, som begränsar antalet platser."
        ),
        en=(
            "The fewest mentors to recruit, per administration and band, so every adept can be matched.\n"
            "\n"
            "Solved as one optimisation under SCENARIO's hard rules with coverage made hard (soft\n"
            "preferences do not decide who can be matched). A recruit is assumed to have a unit of\n"
            "their own and no questionnaire scores yet. Exit 3 names the adepts or rules that no\n"
            "number of recruits can get past. The trainee programme is refused (exit 2): its quotas,\n"
            "not the supervisors, cap the placements."
        ),
    ),
    "help.plan.capacity": T(
        sv="Antal adepter som varje nyrekryterad tar (programmets norm är 1).",
        en="Adepts each recruit takes (the programme's norm is 1).",
    ),
    "help.plan.out_dir": T(
        sv=(
            "Mapp för plan.csv, recruits.csv (rader att lägga till i personfilen) och plan.json (förval: en "
            "ny mapp out/SCENARIO-DATE-TIME bredvid scenariot)."
        ),
        en=(
            "Folder for plan.csv, recruits.csv (rows to append to the people file) and plan.json (default: a "
            "new folder out/SCENARIO-DATE-TIME next to the scenario)."
        ),
    ),
    "help.plan.verify": T(
        sv=(
            "Kontrollera planen med samma beräkning som `run`: alla matchas, men inte med en nyrekrytering "
            "färre."
        ),
        en="Check the plan with `run`'s engine: everyone matched, one fewer not.",
    ),
    "help.publish": T(
        sv=(
            "Spara matchningen i OUT_DIR (från `matcher run`) som kohortens matchning, för historikreglerna.\n"
            "\n"
            "Indatafilerna måste vara oförändrade sedan körningen, och pairs.csv måste uppfylla alla "
            "skallkrav.\nAtt publicera samma kohortnamn två gånger avvisas, om inte --replace anges."
        ),
        en=(
            "Record the matching in OUT_DIR (written by `matcher run`) as the cohort's, for the history "
            "rules.\n"
            "\n"
            "The input files must be unchanged since the run, and pairs.csv must hold every hard rule.\n"
            "Publishing a cohort name twice is refused unless --replace."
        ),
    ),
    "help.publish.cohort": T(
        sv="Kohortens namn, t.ex. VT26 (förval: scenariots `cohort:`).",
        en="The cohort's name, e.g. VT26 (default: the scenario's `cohort:`).",
    ),
    "help.publish.db": T(
        sv="Historikdatabas: en filsökväg (SQLite) eller en URL; förval: history_db:.",
        en="History database: a file path (SQLite) or a URL; default: history_db:.",
    ),
    "help.publish.replace": T(
        sv="Ersätt en redan publicerad kohort med samma namn (i en enda transaktion).",
        en="Replace a cohort of that name already published (one transaction).",
    ),
    "help.repair": T(
        sv=(
            "Matcha om mitt i året: behåll de par i CURRENT_PAIRS.csv som fortfarande håller, matcha resten.\n"
            "\n"
            "CURRENT_PAIRS.csv är pairs.csv från en tidigare körning (mentor_id,adept_id eller\n"
            "supervisor_id,trainee_id). SCENARIO.yaml är kohortens scenario, med personerna som de\n"
            "var då; --leavers och --joiners anger vilka som har slutat och vilka som har tillkommit. "
            "Exempel:\n"
            "matcher repair out/cohort/pairs.csv scenarios/cohort/scenario.yaml --leavers left.csv --out "
            "out/repair"
        ),
        en=(
            "Re-match mid-year: keep CURRENT_PAIRS.csv's pairs that still hold, match the rest.\n"
            "\n"
            "CURRENT_PAIRS.csv is an earlier run's pairs.csv (mentor_id,adept_id or\n"
            "supervisor_id,trainee_id). SCENARIO.yaml is the cohort's scenario, with the people as they\n"
            "were; --leavers and --joiners say who left and who came. Example:\n"
            "matcher repair out/cohort/pairs.csv scenarios/cohort/scenario.yaml --leavers left.csv --out "
            "out/repair"
        ),
    ),
    "help.repair.leavers": T(
        sv="Fil med id för de personer som har slutat (en kolumn `id`, eller en enda kolumn).",
        en="File of the ids of people who left (a column `id`, or a single column).",
    ),
    "help.repair.joiners": T(
        sv="Personfil med dem som har tillkommit (samma kolumner som scenariots personfil).",
        en="People file of those who joined (the same columns as the scenario's people file).",
    ),
    "help.repair.allow_moves": T(
        sv="Låt lösaren bryta högst N fortfarande giltiga par när fler personer då kan matchas.",
        en="Let the optimiser break at most N still-valid pairs when that matches more people.",
    ),
    "help.repair.out_dir": T(
        sv=(
            "Mapp för pairs.csv, unmatched.csv, summary.json, report.html, matching.xlsx och changes.csv "
            "(förval: en ny mapp out/SCENARIO-DATE-TIME bredvid scenariot)."
        ),
        en=(
            "Folder for pairs.csv, unmatched.csv, summary.json, report.html, matching.xlsx and changes.csv "
            "(default: a new folder out/SCENARIO-DATE-TIME next to the scenario)."
        ),
    ),
    "help.run": T(
        sv=(
            "Gör matchningen enligt SCENARIO.yaml och skriv resultatfilerna till --out (förval: en ny mapp "
            "out/SCENARIO-TIME bredvid scenariofilen)."
        ),
        en=(
            "Solve SCENARIO.yaml and write the outputs into --out (default: a new folder out/SCENARIO-TIME "
            "beside it)."
        ),
    ),
    "help.run.out_dir": T(
        sv=(
            "Mapp för pairs.csv, unmatched.csv, summary.json, report.html, matching.xlsx (förval: en ny mapp "
            "out/SCENARIO-DATE-TIME bredvid scenariot)."
        ),
        en=(
            "Folder for pairs.csv, unmatched.csv, summary.json, report.html, matching.xlsx (default: a new "
            "folder out/SCENARIO-DATE-TIME next to the scenario)."
        ),
    ),
    "help.run.db": T(
        sv="Historikdatabas (sökväg eller URL) för historikreglerna; används i stället för history_db:.",
        en="History database (path or URL) for the history rules; overrides history_db:.",
    ),
    "help.simulate": T(
        sv=(
            "Slumpa fram mentorer som slutar mitt i året, matcha om dem som blir utan mentor och redovisa "
            "per förvaltning vilka som ändå står utan."
        ),
        en=(
            "Sample mentors leaving mid-year, re-match the stranded, report who is left without, per "
            "administration."
        ),
    ),
    "help.simulate.dropout": T(
        sv="Sannolikheten att en mentor slutar under året, t.ex. 0.15.",
        en="Probability that a mentor leaves during the year, e.g. 0.15.",
    ),
    "help.simulate.runs": T(sv="Antal simulerade år.", en="Simulated years."),
    "help.simulate.first_run": T(
        sv="Numret på den första körningen (med --runs 1: upprepa en enskild körning).",
        en="Number of the first run (with --runs 1: repeat one run alone).",
    ),
    "help.simulate.seed": T(
        sv="Slumpfrö för dragningarna (förval: solver.seed).",
        en="Seed of the draws (default: solver.seed).",
    ),
    "help.simulate.pairs_file": T(
        sv="Årets startpar (en pairs.csv); förval: matcha BASE först.",
        en="The year's starting pairs (a pairs.csv); default: solve BASE first.",
    ),
    "help.simulate.allow_moves": T(
        sv="Hur många behållna par varje ommatchning får bryta för att fler adepter ska matchas.",
        en="Kept pairs each re-match may break to match more adepts.",
    ),
    "help.simulate.out_dir": T(
        sv=(
            "Mapp för simulate.csv, simulate_summary.csv, simulate.html, simulate.json (förval: en ny mapp "
            "out/SCENARIO-DATE-TIME bredvid scenariot)."
        ),
        en=(
            "Folder for simulate.csv, simulate_summary.csv, simulate.html, simulate.json (default: a new "
            "folder out/SCENARIO-DATE-TIME next to the scenario)."
        ),
    ),
    "help.sweep": T(
        sv=(
            "Kör BASE.yaml för varje kombination av värdena i --vary; tabell, diagram över avvägningar och "
            "de bästa möjliga avvägningarna."
        ),
        en="Run BASE.yaml at every combination of the --vary values; table, trade-off plots, Pareto front.",
    ),
    "help.sweep.vary": T(
        sv=(
            "En inställning att variera, t.ex. constraints.administration.min_cross_share=0:0.8:0.2 (kan "
            "anges flera gånger)."
        ),
        en="A setting to vary, e.g. constraints.administration.min_cross_share=0:0.8:0.2 (repeatable).",
    ),
    "help.sweep.out_dir": T(
        sv=(
            "Mapp för sweep.csv, sweep.html, sweep.json och points/*.yaml (förval: en ny mapp "
            "out/SCENARIO-DATE-TIME bredvid scenariot)."
        ),
        en=(
            "Folder for sweep.csv, sweep.html, sweep.json and points/*.yaml (default: a new folder "
            "out/SCENARIO-DATE-TIME next to the scenario)."
        ),
    ),
    "help.sweep.parquet": T(
        sv="Skriv även sweep.parquet (kräver tilläggspaketet parquet).",
        en="Also write sweep.parquet (needs the parquet extra).",
    ),
    "help.sweep.x_kpi": T(sv="Diagram över avvägningar: vågrät axel.", en="Trade-off plot: horizontal axis."),
    "help.sweep.y_kpi": T(sv="Diagram över avvägningar: lodrät axel.", en="Trade-off plot: vertical axis."),
    "help.sweep.time_limit": T(
        sv="Tidsgräns i sekunder för varje kombination, i stället för solver.time_limit_s.",
        en="Override solver.time_limit_s for every point.",
    ),
    "help.validate": T(
        sv="Kontrollera filerna och reglerna i SCENARIO.yaml utan att matcha; skriv ut de regler som gäller.",
        en="Check SCENARIO.yaml's files and rules without solving; print the rules in force.",
    ),
}
