"""gender_target: a least share per gender among the selected adepts or trainees."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.gender_target.title": T(sv="könsmål bland de antagna", en="gender target among the selected"),
    "rule.gender_target.ref": T(sv="”könsmål bland de antagna”", en="gender_target"),
    "rule.gender_target.help": T(
        sv="Minst en viss andel av varje angivet kön bland de antagna (matchade) adepterna eller traineerna; målet "
        "kan sänkas när de sökande inte räcker till.",
        en="At least a given share of each listed gender among the selected (matched) adepts or trainees; the "
        "target can be lowered when the applicants cannot reach it.",
    ),
    "rule.gender_target.param.min_share.title": T(sv="Lägsta andel per kön", en="Least share per gender"),
    "rule.gender_target.param.min_share.help": T(
        sv="Kön -> lägsta andel (0–1) av det könet bland de antagna, t.ex. {{man: 0.3}} för 30 % män.",
        en="Gender -> least share (0–1) of that gender among the selected, e.g. {{man: 0.3}} for 30% men.",
    ),
    "rule.gender_target.param.only_if_possible.title": T(sv="Bara om det går", en="Only if possible"),
    "rule.gender_target.param.only_if_possible.help": T(
        sv="Ja: ett mål som de sökande inte kan nå med alla platser fyllda sänks till det som går (och det sägs). "
        "Nej: målet står kvar, och platser lämnas tomma om det behövs.",
        en="Yes: a target the applicants cannot reach with every place filled is lowered to what can be reached "
        "(and that is said). No: the target stands, leaving places empty if need be.",
    ),
    "rule.gender_target.people.woman.one": T(sv="kvinna", en="woman"),
    "rule.gender_target.people.woman.many": T(sv="kvinnor", en="women"),
    "rule.gender_target.people.man.one": T(sv="man", en="man"),
    "rule.gender_target.people.man.many": T(sv="män", en="men"),
    "rule.gender_target.people.non-binary.one": T(sv="person med annan könsidentitet", en="non-binary person"),
    "rule.gender_target.people.non-binary.many": T(sv="personer med annan könsidentitet", en="non-binary people"),
    "rule.gender_target.people.undisclosed.one": T(sv="person med ej angivet kön", en="person of undisclosed gender"),
    "rule.gender_target.people.undisclosed.many": T(
        sv="personer med ej angivet kön", en="people of undisclosed gender"
    ),
    "rule.gender_target.share": T(sv="{share:.0%} {people}", en="{share:.0%} {people}"),
    "rule.gender_target.describe.possible": T(
        sv="minst {shares} bland de antagna (sänks när de sökande inte räcker till)",
        en="at least {shares} among the selected (lowered when the applicants cannot reach it)",
    ),
    "rule.gender_target.describe.possible.soft": T(
        sv="minst {shares} bland de antagna (sänks när de sökande inte räcker till) (önskemål)",
        en="at least {shares} among the selected (lowered when the applicants cannot reach it) (soft)",
    ),
    "rule.gender_target.describe.asked": T(
        sv="minst {shares} bland de antagna",
        en="at least {shares} among the selected",
    ),
    "rule.gender_target.describe.asked.soft": T(
        sv="minst {shares} bland de antagna (önskemål)", en="at least {shares} among the selected (soft)"
    ),
    "rule.gender_target.who": T(
        sv="bara {applicants} {people} sökte till {places} platser",
        en="only {applicants} {people} applied for {places} places",
    ),
    "rule.gender_target.note.lowered": T(
        sv="målet {asked:.0%} {people} sänkt till {best:.0%}: {who}",
        en="target {asked:.0%} {people} lowered to {best:.0%}: {who}",
    ),
    "rule.gender_target.note.unreachable": T(
        sv="målet {asked:.0%} {people} kan inte nås med alla platser fyllda (högst {best:.0%}): {who}",
        en="target {asked:.0%} {people} cannot be met with every place filled (at most {best:.0%}): {who}",
    ),
    "rule.gender_target.row": T(
        sv="bland {takers} som antas måste minst {share:.0%} vara {people}",
        en="at least {share:.0%} of the selected {takers} must be {people}",
    ),
    "rule.gender_target.row.note": T(
        sv="bland {takers} som antas måste minst {share:.0%} vara {people} ({note})",
        en="at least {share:.0%} of the selected {takers} must be {people} ({note})",
    ),
    "rule.gender_target.conflict_words": T(
        sv="bland {takers} som antas måste minst {share:.0%} vara {people} ({applicants} av {count} sökande är "
        "{people}; {places} platser)",
        en="at least {share:.0%} of the selected {takers} must be {people} ({applicants} of {count} applicants are "
        "{people}; {places} places)",
    ),
    "rule.gender_target.conflict_words.note": T(
        sv="bland {takers} som antas måste minst {share:.0%} vara {people} ({applicants} av {count} sökande är "
        "{people}; {places} platser); {note}: fyll färre platser, sänk min_share eller sätt only_if_possible: true",
        en="at least {share:.0%} of the selected {takers} must be {people} ({applicants} of {count} applicants are "
        "{people}; {places} places); {note}: fill fewer places, lower min_share or set only_if_possible: true",
    ),
    "rule.gender_target.check.count": T(
        sv="{matched} av {count} antagna är {people}", en="{matched} of {count} selected are {people}"
    ),
    "rule.gender_target.check.share": T(
        sv="{matched} av {count} antagna är {people} ({rate:.0%})",
        en="{matched} of {count} selected are {people} ({rate:.0%})",
    ),
    "rule.gender_target.check.note": T(sv="{share}; {note}", en="{share}; {note}"),
    "rule.gender_target.check.below": T(
        sv="under målet {target:.0%}: {share}", en="below the target of {target:.0%}: {share}"
    ),
    # -- the parameters' validators (matcher.errors.InvalidValue) --
    "rule.gender_target.invalid.unknown": T(
        sv="okänt kön {gender}; använd ett av {known} (eller kvinna, man, annan)",
        en="unknown gender {gender}; use one of {known} (or kvinna, man, annan)",
    ),
    "rule.gender_target.invalid.twice": T(
        sv="könet {gender} står två gånger (som {key} och med en annan stavning)",
        en="gender {gender} is given twice (as {key} and another spelling)",
    ),
    "rule.gender_target.invalid.empty": T(
        sv="ange minst ett kön och dess lägsta andel, t.ex. {{man: 0.3}}",
        en="give at least one gender and its minimum share, e.g. {{man: 0.3}}",
    ),
    "rule.gender_target.invalid.share": T(
        sv="andelen för {gender} måste vara mellan 0 och 1, angivet: {share}",
        en="the share for {gender} must be between 0 and 1, got {share}",
    ),
    "rule.gender_target.invalid.sum": T(
        sv="de lägsta andelarna blir tillsammans mer än 1 (100 %): inget urval kan uppfylla alla",
        en="the minimum shares add up to more than 1 (100%): no selection can meet them all",
    ),
}
