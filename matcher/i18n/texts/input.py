"""What is wrong with a file a person handed over: people, pair files, pairs lists, scenario YAML
and its solver settings.

Each message says what is wrong and how to fix it; the terminal prints it after `FILE:ROW:COLUMN:`
(`matcher.errors.InputProblem`). The English texts are the sentences the readers printed before
they moved here, so English output is unchanged. Values are the file's own words (a header as
written, a cell shown quoted), never translated.
"""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    # -- words several messages share --------------------------------------------------------------
    "input.or": T(sv="{first} eller {rest}", en="{first} or {rest}"),
    "input.and": T(sv="{first} och {rest}", en="{first} and {rest}"),
    "input.role.a.mentor": T(sv="en mentor", en="a mentor"),
    "input.role.a.adept": T(sv="en adept", en="an adept"),
    "input.role.a.supervisor": T(sv="en handledare", en="a supervisor"),
    "input.role.a.trainee": T(sv="en trainee", en="a trainee"),
    "input.role.a.giver": T(sv="en mentor eller handledare", en="a mentor or supervisor"),
    "input.role.a.taker": T(sv="en adept eller trainee", en="an adept or trainee"),
    "input.band_rule": T(sv="Ny < 2 år ≤ Van ≤ 5 år < Erfaren", en="Ny < 2 years <= Van <= 5 years < Erfaren"),
    "input.more": T(
        sv="... och {count} problem till (bara de {limit} första, efter rad, visas); rätta dem och kör igen "
        "för att se resten",
        en="... and {count} more problems (only the first {limit} by row are listed); fix these and run again "
        "to see the rest",
    ),
    # -- the file itself (matcher.io.tables) ---------------------------------------------------------
    "input.file.unsupported": T(
        sv="filtypen '{suffix}' kan inte läsas; använd {supported}",
        en="unsupported file type '{suffix}'; use {supported}",
    ),
    "input.file.unsupported_xls": T(
        sv="filtypen '{suffix}' kan inte läsas (gammalt Excel-format: öppna filen i Excel och spara den som "
        ".xlsx); använd {supported}",
        en="unsupported file type '{suffix}' (old Excel format: open it in Excel and save it as .xlsx); "
        "use {supported}",
    ),
    "input.file.kinds": T(sv=".csv (eller .txt), .xlsx, .xlsm eller .json",
                          en=".csv (or .txt), .xlsx, .xlsm and .json"),
    "input.file.empty": T(
        sv="filen är tom; den behöver en rubrikrad och sedan en rad per post",
        en="the file is empty; it needs a header row followed by one row per record",
    ),
    "input.file.not_found": T(sv="filen finns inte; kontrollera filnamnet och mappen",
                              en="file not found; check the file name and its folder"),
    "input.file.is_folder": T(sv="detta är en mapp, inte en fil; ange sökvägen till filen",
                              en="this is a folder, not a file; give the path of the file"),
    "input.file.not_regular": T(
        sv="detta är ingen vanlig fil (en enhet eller en rörledning); ange en fil",
        en="this is not a regular file (a device or a pipe); give a file",
    ),
    "input.file.permission": T(
        sv="åtkomst nekad; stäng filen i Excel eller be om läsrätt",
        en="permission denied; close the file in Excel or ask for read access",
    ),
    "input.file.unreadable": T(sv="filen kan inte läsas ({reason})", en="cannot read the file ({reason})"),
    "input.file.too_large": T(
        sv="filen är {size} MB, mer än de {limit} MB som tas emot; dela upp den, eller kontrollera att det är "
        "rätt fil",
        en="the file is {size} MB, more than the {limit} MB accepted; split it, or check that it is the right "
        "file",
    ),
    "input.file.too_large_unpacked": T(
        sv="arbetsboken packas upp till {size} MB, mer än de {limit} MB som tas emot; spara den igen från Excel, "
        "eller kontrollera att det är rätt fil",
        en="the workbook unpacks to {size} MB, more than the {limit} MB accepted; save it again from Excel, or "
        "check that it is the right file",
    ),
    "input.csv.encoding.utf8_bom": T(
        sv="filen är inte giltig UTF-8 (den börjar med en UTF-8-byteordningsmarkering): byte 0x{byte} på "
        "position {position} kan inte läsas; spara den igen från Excel som 'CSV UTF-8' (eller CSV)",
        en="the file is not valid UTF-8 (it starts with a UTF-8 byte-order mark): byte 0x{byte} at position "
        "{position} cannot be read; save it again from Excel as 'CSV UTF-8' (or CSV)",
    ),
    "input.csv.encoding.utf16_bom": T(
        sv="filen är inte giltig UTF-16 (den börjar med en UTF-16-byteordningsmarkering): byte 0x{byte} på "
        "position {position} kan inte läsas; spara den igen från Excel som 'CSV UTF-8' (eller CSV)",
        en="the file is not valid UTF-16 (it starts with a UTF-16 byte-order mark): byte 0x{byte} at position "
        "{position} cannot be read; save it again from Excel as 'CSV UTF-8' (or CSV)",
    ),
    "input.csv.encoding.unknown": T(
        sv="filen är varken UTF-8- eller Windows-1252-text: byte 0x{byte} på position {position} kan inte "
        "läsas; spara den igen från Excel som 'CSV UTF-8' (eller CSV)",
        en="the file is neither UTF-8 nor Windows-1252 text: byte 0x{byte} at position {position} cannot be "
        "read; save it again from Excel as 'CSV UTF-8' (or CSV)",
    ),
    "input.csv.nul": T(
        sv="filen innehåller NUL-tecken, så den är inte CSV-text; exportera den igen som CSV",
        en="the file contains NUL characters, so it is not CSV text; export it again as CSV",
    ),
    "input.table.no_header": T(
        sv="filen har ingen rubrikrad; första raden ska namnge kolumnerna",
        en="the file has no header row; the first row must name the columns",
    ),
    "input.csv.ragged": T(
        sv="raden har {seen} celler men rubrikraden har {expected}; ta bort de extra cellerna, eller sätt "
        "citattecken runt en cell som innehåller {separator}",
        en="this row has {seen} cells but the header has {expected}; remove the extra cells, or put double "
        "quotes around a cell that contains {separator}",
    ),
    "input.csv.tab": T(sv="en tabb", en="a tab"),
    "input.csv.unclosed_quote": T(
        sv='en cell som börjar med citattecken på denna rad avslutas aldrig; lägg till det avslutande '
        'citattecknet (")',
        en='a quoted cell starting on this row is never closed; add the closing double quote (")',
    ),
    "input.csv.unparsable": T(
        sv="filen kan inte läsas som CSV ({detail}); exportera den igen som CSV",
        en="cannot read the file as CSV ({detail}); export it again as CSV",
    ),
    "input.csv.is_xlsx": T(
        sv="detta är en Excel-arbetsbok (eller en zip-fil), inte CSV-text; byt filändelse till .xlsx",
        en="this is an Excel workbook (or a zip file), not CSV text; rename it to .xlsx",
    ),
    "input.csv.is_xls": T(
        sv="detta är en gammal Excel-arbetsbok (.xls), inte CSV-text; spara den från Excel som CSV eller .xlsx",
        en="this is an old Excel .xls workbook, not CSV text; save it from Excel as CSV or .xlsx",
    ),
    "input.xlsx.unopenable": T(
        sv="filen kan inte öppnas som Excel-arbetsbok ({error}); öppna den i Excel och spara den igen som "
        ".xlsx, eller exportera den som CSV",
        en="cannot open the file as an Excel workbook ({error}); open it in Excel and save it again as .xlsx, "
        "or export it as CSV",
    ),
    "input.xlsx.no_sheets": T(
        sv="arbetsboken har inga blad; lägg tabellen på första bladet",
        en="the workbook has no sheets; put the table on the first sheet",
    ),
    "input.xlsx.unreadable": T(
        sv="första bladet kan inte läsas ({error}); öppna filen i Excel och spara den igen som .xlsx, eller "
        "exportera den som CSV",
        en="cannot read the first sheet ({error}); open it in Excel and save it again as .xlsx, or export it "
        "as CSV",
    ),
    "input.xlsx.empty": T(
        sv="första bladet är tomt; det behöver en rubrikrad och datarader",
        en="the first sheet is empty; it needs a header row and data rows",
    ),
    "input.json.invalid": T(
        sv="inte giltig JSON: {reason} på rad {line} kolumn {column}",
        en="not valid JSON: {reason} at line {line} column {column}",
    ),
    "input.json.too_deep": T(
        sv="JSON-texten är nästlad mer än {limit} nivåer djupt här; en personfil är en lista av poster vars "
        "celler är text, tal eller listor",
        en="the JSON is nested more than {limit} levels deep here; a people file is a list of records whose "
        "cells hold text, numbers or lists",
    ),
    "input.json.cell_too_deep": T(
        sv="cellen är nästlad mer än {limit} nivåer djupt; en cell är text, ett tal eller en lista",
        en="the cell is nested more than {limit} levels deep; a cell holds text, a number or a list",
    ),
    "input.json.record_not_object": T(
        sv='post {number} är inget objekt; skriv varje post som {{"id": ...}}',
        en='record {number} is not an object; write each record as {{"id": ...}}',
    ),
    "input.json.not_records": T(
        sv='en lista av poster väntades, [{{"id": ..., ...}}, ...], eller ett objekt {{"people": [...]}}',
        en='expected a list of records, [{{"id": ..., ...}}, ...], or an object {{"people": [...]}}',
    ),
    # -- columns (people and pair files) --------------------------------------------------------------
    "input.column.missing": T(
        sv="kolumnen '{name}' saknas; lägg till en kolumn med rubriken {accepted}",
        en="missing column '{name}'; add a column headed {accepted}",
    ),
    "input.column.repeats": T(
        sv="kolumnen {header} upprepar kolumnen {first} (båda är {name}); ta bort en av dem",
        en="column {header} repeats column {first} (both are {name}); delete one of them",
    ),
    # -- the people file (matcher.io.people) ----------------------------------------------------------
    "input.people.none": T(sv="tabellen har inga personer; lägg till en post per person",
                           en="the table has no people; add one record per person"),
    "input.people.no_rows": T(
        sv="tabellen har inga personer; lägg till en rad per person under rubrikraden",
        en="the table has no people; add one row per person below the header row",
    ),
    "input.people.missing_experience": T(
        sv="kolumn för erfarenhet saknas; lägg till {years} (år i yrket) eller {band} (Ny, Van eller Erfaren)",
        en="missing column for experience; add {years} (years in the profession) or {band} (Ny, Van or Erfaren)",
    ),
    "input.people.missing_applied_to": T(
        sv="kolumnen 'applied_to' saknas och behövs för traineer; lägg till en kolumn med rubriken {accepted} "
        "som listar de förvaltningar varje trainee sökt till, t.ex. 'Hisingen; Nordost'",
        en="missing column 'applied_to', needed for trainees; add a column headed {accepted} listing the "
        "administrations each trainee applied to, e.g. 'Hisingen; Nordost'",
    ),
    "input.people.applied_to_empty": T(
        sv="{header} är tom för en trainee; lista de förvaltningar traineen sökt till, i den ordning hen "
        "föredrar dem, t.ex. 'Hisingen; Nordost'",
        en="{header} is empty for a trainee; list the administrations the trainee applied to, in order of "
        "preference, e.g. 'Hisingen; Nordost'",
    ),
    "input.people.applied_to_unknown": T(
        sv="{items} i {header} är ingen förvaltning; lista förvaltningar ({administrations}) i den ordning "
        "de föredras, gärna med enhet som 'Hisingen/Enhet 3'",
        en="{items} in {header} is not an administration; list administrations ({administrations}) in order of "
        "preference, optionally with a unit as 'Hisingen/Enhet 3'",
    ),
    "input.people.empty_id": T(
        sv="tomt id; ge varje person ett eget id (vilken text som helst, t.ex. M01)",
        en="empty id; give every person a unique id (any text, e.g. M01)",
    ),
    "input.people.duplicate_id": T(
        sv="id {id} finns två gånger: rad {row} har samma id; ge varje person ett eget id",
        en="duplicate id {id}: row {row} has the same id; give each person a unique id",
    ),
    "input.people.hint.role": T(sv="använd en av {roles} (eller handledare, student)",
                                en="use one of {roles} (or handledare, student)"),
    "input.people.hint.administration": T(
        sv="använd en av {administrations} (stora eller små bokstäver; Sydvast går också)",
        en="use one of {administrations} (any case; Sydvast also works)",
    ),
    "input.people.hint.gender": T(sv="använd kvinna, man, annan eller ej angivet",
                                  en="use one of woman, man, non-binary, undisclosed (or kvinna, man, annan, "
                                     "ej angivet)"),
    "input.people.hint.band": T(sv="använd {bands} eller {last} ({rule})", en="use {bands} or {last} ({rule})"),
    "input.people.empty.role": T(sv="roll saknas; {hint}", en="empty role; {hint}"),
    "input.people.empty.administration": T(sv="förvaltning saknas; {hint}", en="empty administration; {hint}"),
    "input.people.empty.gender": T(sv="kön saknas; {hint}", en="empty gender; {hint}"),
    "input.people.unknown.role": T(sv="{value} är inte en roll vi känner igen — {hint}",
                                   en="unknown role {value}; {hint}"),
    "input.people.unknown.administration": T(sv="{value} är inte en förvaltning vi känner igen — {hint}",
                                             en="unknown administration {value}; {hint}"),
    "input.people.unknown.gender": T(sv="{value} är inte ett kön vi känner igen — {hint}",
                                     en="unknown gender {value}; {hint}"),
    "input.people.unknown.band": T(sv="{value} är inte en erfarenhetsnivå vi känner igen — {hint}",
                                   en="unknown band {value}; {hint}"),
    "input.people.years.not_number": T(
        sv="{header} {value} är inget tal; skriv antal år i yrket som ett tal, t.ex. 3 eller 2,5",
        en="{header} {value} is not a number; write the years in the profession as a number, e.g. 3 or 2,5",
    ),
    "input.people.years.negative": T(
        sv="{header} {value} är negativt; skriv antal år i yrket som ett tal, 0 eller mer",
        en="{header} {value} is negative; write the years in the profession as a number of 0 or more",
    ),
    "input.people.years.too_large": T(
        sv="{header} {value} är mer än {limit} år; skriv antal år i yrket, t.ex. 3 eller 2,5",
        en="{header} {value} is more than {limit} years; write the years in the profession, e.g. 3 or 2,5",
    ),
    "input.people.no_experience": T(
        sv="varken år eller erfarenhetsnivå anges; fyll i {years} (år i yrket, t.ex. 3) eller {band} "
        "(Ny, Van eller Erfaren)",
        en="neither years nor band given; fill in {years} (years in the profession, e.g. 3) or {band} "
        "(Ny, Van or Erfaren)",
    ),
    "input.people.band_disagrees": T(
        sv="nivån {band} stämmer inte med {years_header} {years}, som är {derived} enligt regeln {rule}; "
        "rätta en av dem, eller lämna {band_header} tom",
        en="band {band} disagrees with {years_header} {years}, which is {derived} by the rule {rule}; correct "
        "one of them, or leave {band_header} empty",
    ),
    "input.people.capacity": T(
        sv="{header} {value} {reason}; skriv hur många adepter eller traineer personen kan ta, ett heltal "
        "0 eller mer (tom betyder 1)",
        en="{header} {value} {reason}; write how many adepts or trainees this person can take, a whole number "
        "of 0 or more (empty means 1)",
    ),
    "input.people.capacity.not_whole": T(sv="är inget heltal", en="is not a whole number"),
    "input.people.capacity.negative": T(sv="är negativt", en="is negative"),
    "input.people.capacity.too_large": T(sv="är mer än {limit}", en="is more than {limit}"),
    "input.people.yes_no": T(
        sv="{header} {value} är varken ja eller nej; skriv ja eller nej (yes eller no), eller lämna tomt för nej",
        en="{header} {value} is not yes or no; write yes or no (ja or nej), or leave it empty for no",
    ),
    "input.people.no_role": T(
        sv="inga {role} i personfilen: en matchning i {program} behöver båda sidor",
        en="no {role} in the people file: a {program} matching needs both sides",
    ),
    "input.people.foreign_roles": T(
        sv="rollerna {roles} hör inte till programmet {program}; använd {giver} och {taker}",
        en="roles {roles} do not belong to the {program} programme; use {giver} and {taker}",
    ),
    "input.people.too_many_pairs": T(
        sv="{givers:,} {giver_word} och {takers:,} {taker_word} ger {pairs:,} möjliga par, fler än de {limit:,} som "
        "ryms i minnet (varje möjligt par tar omkring {bytes} byte); dela upp gruppen, t.ex. per förvaltning",
        en="{givers:,} {giver_word} and {takers:,} {taker_word} make {pairs:,} possible pairs, more than the {limit:,} "
        "that fit in memory (each possible pair takes about {bytes} bytes); split the cohort, e.g. by "
        "administration",
    ),
    # -- pair files and pairs lists (matcher.io.pairs) --------------------------------------------------
    "input.pairs.empty_id": T(sv="{header} är tom; varje rad behöver båda id:n",
                              en="empty {header}; every row needs both ids"),
    "input.pairs.unknown_id": T(
        sv="{id} är inget id i {people}; rätta id:t här, eller lägg till personen i {people}",
        en="{id} is not an id in {people}; fix the id here, or add the person to {people}",
    ),
    "input.pairs.wrong_role": T(
        sv="{id} är {role}, men {header} ska vara {wanted}; kontrollera id:t, och att kolumnerna "
        "{giver_header} och {taker_header} inte är omkastade",
        en="{id} is {role}, but {header} must be {wanted}; check the id, and that the {giver_header} and "
        "{taker_header} columns are not swapped",
    ),
    "input.pairs.programmes": T(
        sv="{taker} är {taker_role} men {giver} är {giver_role}; para mentorer med adepter och handledare "
        "med traineer",
        en="{taker} is {taker_role} but {giver} is {giver_role}; pair mentors with adepts and supervisors "
        "with trainees",
    ),
    "input.pairs.repeated": T(
        sv="paret {giver} - {taker} finns redan (först på rad {row}); behåll bara en rad per par",
        en="the pair {giver} - {taker} is listed again (first on row {row}); keep only one row per pair",
    ),
    "input.pairs.score": T(sv="{header} {reason}; skriv ett heltal, t.ex. 3 eller -2",
                           en="{header} {reason}; write a whole number such as 3 or -2"),
    "input.pairs.score.empty": T(sv="är tom", en="is empty"),
    "input.pairs.score.not_number": T(sv="{value} är inget tal", en="{value} is not a number"),
    "input.pairs.score.not_whole": T(sv="{value} är inget heltal", en="{value} is not a whole number"),
    "input.pairs.score.too_large": T(sv="{value} är för stort (högst {limit} åt något håll)",
                                     en="{value} is too large (at most {limit} either way)"),
    "input.pairs.locked_twice": T(
        sv="{role} {taker} är låst till {giver} här och till {other} på rad {row}; {a_role} kan bara låsas "
        "till {a_giver}, så behåll en av raderna",
        en="{role} {taker} is locked to {giver} here and to {other} on row {row}; {a_role} can be locked to "
        "only {a_giver}, so keep one of the rows",
    ),
    "input.pairs.paired_twice": T(
        sv="{role} {taker} är parad med {giver} här och med {other} på rad {row}; {a_role} kan bara paras med "
        "{a_giver}, så behåll en av raderna",
        en="{role} {taker} is paired with {giver} here and to {other} on row {row}; {a_role} can be paired with "
        "only {a_giver}, so keep one of the rows",
    ),
    "input.pairs.one_mentor": T(sv="en mentor", en="one mentor"),
    "input.pairs.one_supervisor": T(sv="en handledare", en="one supervisor"),
    # -- the scenario file (matcher.scenario, matcher.io.yaml_safe) ------------------------------------------
    "input.scenario.not_found": T(sv="scenariofilen finns inte", en="scenario file not found"),
    "input.scenario.unreadable": T(sv="scenariofilen kan inte läsas ({reason}); spara den som UTF-8",
                                   en="cannot read the scenario file ({reason}); save it as UTF-8"),
    "input.scenario.not_mapping": T(
        sv="en scenariofil ska vara en samling nycklar (name:, people:, ...)",
        en="a scenario file must be a mapping of keys (name:, people:, ...)",
    ),
    "input.scenario.unknown_key": T(sv="okänd nyckel {key}; kända nycklar: {known}",
                                    en="unknown key {key}; known keys: {known}"),
    "input.scenario.unknown_program": T(sv="okänt program {program}; använd {known}",
                                        en="unknown program {program}; use one of {known}"),
    "input.scenario.constraints_not_mapping": T(
        sv="constraints ska vara en samling regelnamn -> parametrar",
        en="constraints must be a mapping of constraint name -> parameters",
    ),
    "input.scenario.no_people": T(sv="ingen personfil anges; lägg till `people: people.csv`",
                                  en="no people file given; add `people: people.csv`"),
    "input.scenario.file_missing": T(
        sv="filen {file} finns inte; sökvägar räknas från den YAML-fil som nämner dem",
        en="file {file} not found; paths are relative to the YAML file that names them",
    ),
    "input.scenario.extends_cycle": T(sv="`extends:` bildar en cirkel: {cycle}",
                                      en="`extends:` forms a cycle: {cycle}"),
    "input.scenario.extends_too_deep": T(
        sv="`extends:` går mer än {limit} filer djupt; ett scenario bygger på en eller två grundfiler",
        en="`extends:` goes more than {limit} files deep; a scenario extends one or two bases",
    ),
    "input.scenario.base_missing": T(sv="grundscenariot {path} finns inte", en="base scenario {path} not found"),
    "input.scenario.unknown_rule": T(sv="okänd regel {name}; kända: {known}",
                                     en="unknown constraint {name}; known: {known}"),
    "input.scenario.params_not_mapping": T(sv="parametrarna ska vara en samling, t.ex. {example}",
                                           en="parameters must be a mapping, e.g. {example}"),
    "input.scenario.unused_weight": T(
        sv="{given} gäller bara ett börkrav, och {name} är ett skallkrav här: lägg till `hard: false` för att "
        "göra den till ett börkrav, eller ta bort {given}",
        en="{given} only count for a preference, and {name} is a hard rule here: add `hard: false` to make it a "
        "preference, or remove {given}",
    ),
    "input.scenario.needs_file": T(sv="{name} behöver en `{file}:`-fil i scenariot",
                                   en="{name} needs a `{file}:` file in the scenario"),
    "input.scenario.needs_history": T(
        sv="{name} läser tidigare omgångar: lägg till `history_db: history.sqlite` i scenariot (eller kör med "
        "--db SÖKVÄG)",
        en="{name} reads earlier cohorts: add `history_db: history.sqlite` to the scenario (or run with --db PATH)",
    ),
    "input.yaml.invalid": T(sv="ogiltig YAML: {problem}; kontrollera indrag och kolon",
                            en="invalid YAML: {problem}; check indentation and colons"),
    "input.yaml.duplicate_key": T(
        sv="nyckeln {key} finns redan på rad {first}; en nyckel får bara finnas en gång, så slå ihop dem "
        "eller ta bort en",
        en="the key {key} is already given on line {first}; a key may appear only once, so merge the two or "
        "delete one",
    ),
    "input.yaml.too_deep": T(
        sv="YAML-texten är nästlad mer än {limit} nivåer djupt här; ett scenario behöver bara några få nivåer",
        en="the YAML is nested more than {limit} levels deep here; a scenario needs only a few levels",
    ),
    "input.yaml.too_many_aliases": T(
        sv="fler än {limit} alias (*namn) i filen; ett scenario behöver inga, så skriv ut värdena",
        en="more than {limit} aliases (*name) in the file; a scenario needs none, so write the values out",
    ),
    "input.yaml.too_big": T(
        sv="alias (*namn) gör filen till mer än {limit} värden när de skrivs ut; detta ser ut som en "
        "'alias-bomb', så filen läses inte",
        en="aliases (*name) expand the file to more than {limit} values; this looks like an alias bomb, so the "
        "file is not read",
    ),
    "input.yaml.recursive_alias": T(
        sv="aliaset *{name} står inuti värdet det pekar på, så värdet tar aldrig slut; skriv ut värdet",
        en="the alias *{name} is inside the value it refers to, so that value never ends; write the value out",
    ),
    "input.yaml.too_long": T(
        sv="scenariofilen är {size} kB, mer än de {limit} kB som tas emot; ett scenario är några få kB",
        en="the scenario file is {size} kB, more than the {limit} kB accepted; a scenario is a few kB",
    ),
    # -- settings (pydantic errors of the solver block and rule parameters) ------------------------------------
    "input.setting.unknown": T(sv="okänd parameter {name}", en="unknown parameter {name}"),
    "input.setting.unknown_known": T(sv="okänd parameter {name}; kända: {known}",
                                     en="unknown parameter {name}; known: {known}"),
    "input.setting.invalid": T(sv="{message} (angivet: {value})", en="{message} (got {value})"),
    "input.setting.greater_than": T(sv="Värdet ska vara större än {limit}", en="Input should be greater than {limit}"),
    "input.setting.greater_than_equal": T(sv="Värdet ska vara minst {limit}",
                                          en="Input should be greater than or equal to {limit}"),
    "input.setting.less_than": T(sv="Värdet ska vara mindre än {limit}", en="Input should be less than {limit}"),
    "input.setting.less_than_equal": T(sv="Värdet ska vara högst {limit}",
                                       en="Input should be less than or equal to {limit}"),
    "input.setting.finite_number": T(sv="Värdet ska vara ett ändligt tal", en="Input should be a finite number"),
    "input.setting.int_parsing": T(
        sv="Värdet ska vara ett heltal; texten kan inte läsas som ett heltal",
        en="Input should be a valid integer, unable to parse string as an integer",
    ),
    "input.setting.int_from_float": T(
        sv="Värdet ska vara ett heltal, men talet har decimaler",
        en="Input should be a valid integer, got a number with a fractional part",
    ),
    "input.setting.int_type": T(sv="Värdet ska vara ett heltal", en="Input should be a valid integer"),
    "input.setting.float_parsing": T(
        sv="Värdet ska vara ett tal; texten kan inte läsas som ett tal",
        en="Input should be a valid number, unable to parse string as a number",
    ),
    "input.setting.float_type": T(sv="Värdet ska vara ett tal", en="Input should be a valid number"),
    "input.setting.bool_parsing": T(
        sv="Värdet ska vara sant eller falskt (true/false); det kan inte tolkas",
        en="Input should be a valid boolean, unable to interpret input",
    ),
    "input.setting.bool_type": T(sv="Värdet ska vara sant eller falskt (true/false)",
                                 en="Input should be a valid boolean"),
    "input.setting.string_type": T(sv="Värdet ska vara en text", en="Input should be a valid string"),
    "input.setting.dict_type": T(sv="Värdet ska vara en samling nycklar", en="Input should be a valid dictionary"),
    "input.setting.list_type": T(sv="Värdet ska vara en lista", en="Input should be a valid list"),
    "input.setting.literal_error": T(sv="Värdet ska vara {expected}", en="Input should be {expected}"),
    "input.setting.missing": T(sv="Värdet saknas", en="Field required"),
    "input.setting.backend": T(sv="okänd lösare {value}; använd en av {known}",
                               en="Value error, unknown back-end {value}; use one of {known}"),
    "input.setting.other": T(sv="Ogiltigt värde: {message}", en="{message}"),
    "input.setting.backend_rows": T(
        sv="lösaren {backend} kan inte lösa det här scenariot: {rules} gäller hela gruppen, inte enskilda par; "
        "använd `backend: auto` (eller mip-highs)",
        en="the back-end {backend} cannot solve this scenario: {rules} add cohort-wide rows it cannot take; "
        "use `backend: auto` (or mip-highs)",
    ),
    "input.setting.backend_cannot": T(
        sv="lösaren {backend} kan inte lösa det här scenariot ({reason}); använd `backend: auto`",
        en="the back-end {backend} cannot solve this scenario ({reason}); use `backend: auto`",
    ),
    "input.setting.value_error": T(sv="{reason}", en="Value error, {reason}"),
    # -- command-line values ----------------------------------------------------------------------------------
    "input.cli.capacity_range": T(sv="{value} är inget intervall som 1-3", en="{value} is not a range like 1-3"),
    "input.cli.capacity_order": T(
        sv="{value}: det första talet får inte vara större än det andra (t.ex. 1-3)",
        en="{value}: the first number must not be larger than the second (e.g. 1-3)",
    ),
    "input.cli.too_many": T(
        sv="{value:,} är för många; högst {limit:,} per sida",
        en="{value:,} is too many; at most {limit:,} per side",
    ),
    "input.cli.too_many_scores": T(
        sv="--scores för {pairs:,} par är för många; högst {limit:,} (färre --mentors eller --adepts)",
        en="--scores for {pairs:,} pairs is too many; at most {limit:,} (fewer --mentors or --adepts)",
    ),
    "input.cli.out_kind": T(
        sv="filtypen '{suffix}' kan inte skrivas; använd .csv, .xlsx eller .json",
        en="cannot write a '{suffix}' file; use .csv, .xlsx or .json",
    ),
    # -- library arguments --------------------------------------------------------------------------------------
    "input.argument.type": T(
        sv="{name} ska vara {wanted}, inte {got}",
        en="{name} must be {wanted}, not {got}",
    ),
    "input.argument.scenario": T(sv="ett Scenario (Scenario.from_yaml eller Scenario.from_people)",
                                 en="a Scenario (Scenario.from_yaml or Scenario.from_people)"),
    "input.argument.pairs_table": T(
        sv="en tabell (pandas DataFrame) med kolumnerna mentor_id och adept_id",
        en="a table (pandas DataFrame) with the columns mentor_id and adept_id",
    ),
    "input.argument.people_table": T(
        sv="en tabell (pandas DataFrame) eller en lista av poster (dict), en per person",
        en="a table (pandas DataFrame) or a list of records (dicts), one per person",
    ),
    "input.argument.ids": T(sv="en lista av id:n", en="a list of ids"),
    "input.argument.mapping": T(sv="en samling (dict) av namn -> värden", en="a mapping (dict) of names -> values"),
    "input.argument.pairs_columns": T(
        sv="{name} saknar kolumnerna {missing}; ge mentor_id och adept_id (eller supervisor_id och trainee_id)",
        en="{name} lacks the columns {missing}; give mentor_id and adept_id (or supervisor_id and trainee_id)",
    ),
}
