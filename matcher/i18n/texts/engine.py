"""The engine's words: why someone is unmatched, and why a scenario cannot be solved."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "engine.person": T(sv="{id} ({band}, {administration}, {gender})", en="{id} ({band}, {administration}, {gender})"),
    # which hard pair rules, applied in turn, leave a person without a partner
    "engine.story.givers": T(sv="av {total} {givers}, {steps}", en="of {total} {givers}, {steps}"),
    "engine.story.takers": T(sv="av {total} {takers}, {steps}", en="of {total} {takers}, {steps}"),
    "engine.story.givers.none": T(sv="av {total} {givers}", en="of {total} {givers}"),
    "engine.story.takers.none": T(sv="av {total} {takers}", en="of {total} {takers}"),
    "engine.story.step": T(sv="{rule} lämnar {after} av {before}", en="{rule} leaves {after} of {before}"),
    "engine.story.then": T(sv="{first}, sedan {then}", en="{first}, then {then}"),
    # why a person is left out (unmatched.csv)
    "engine.unmatched.taker.no_eligible": T(sv="ingen möjlig {giver}: {story}", en="no eligible {giver}: {story}"),
    "engine.unmatched.taker.full": T(
        sv="alla {count} möjliga {givers} var fulla i den bästa matchningen; en plats till hos någon av dem "
        "({givers} eller kapacitet) skulle hjälpa",
        en="all {count} eligible {givers} were full in the best matching; one more place with any of them "
        "({givers} or capacity) would help",
    ),
    "engine.unmatched.taker.full_and_blocked": T(
        sv="alla {count} möjliga {givers} var fulla i den bästa matchningen; och även med plats står en regel i "
        "vägen: {rules}. Både fler platser och en mildare regel skulle behövas.",
        en="all {count} eligible {givers} were full in the best matching; and even with room, a rule stands in the "
        "way: {rules}. Both more places and relaxing that rule would be needed.",
    ),
    "engine.unmatched.blocks": T(sv="{rule} (stoppar {count} av dem)", en="{rule} (blocks {count} of them)"),
    "engine.unmatched.taker.blocked": T(
        sv="{count} möjliga {givers} hade plats, men att placera denna {taker} hos någon av dem bryter mot en "
        "regel: {rules}. En mildare regel skulle ge en plats.",
        en="{count} eligible {givers} had room, but placing this {taker} with any of them breaks a rule: {rules}. "
        "Relaxing that rule would place them.",
    ),
    "engine.unmatched.taker.no_gain": T(
        sv="{count} möjliga {givers} hade plats och ingen regel som måste gälla står i vägen, men att matcha dem "
        "skulle inte göra matchningen bättre (inget belönar det, eller det skulle kosta på ett önskemål med högre "
        "prioritet)",
        en="{count} eligible {givers} had room and no hard rule stands in the way, but matching them would not "
        "improve the objective (nothing rewards it, or it would cost a higher priority)",
    ),
    "engine.unmatched.giver.no_capacity": T(sv="kapacitet 0", en="capacity 0"),
    "engine.unmatched.giver.no_eligible": T(sv="ingen möjlig {taker}: {story}", en="no eligible {taker}: {story}"),
    "engine.unmatched.giver.others": T(
        sv="dess {count} möjliga {takers} matchades med andra som passade bättre",
        en="its {count} eligible {takers} were matched to others with better fit",
    ),
    # why a scenario cannot be solved
    "engine.conflict.no_giver": T(
        sv="{taker} {person} har ingen möjlig {giver}: {story}; {rule} kräver att alla matchas. Mildra en av "
        "reglerna eller gör {rule} till ett önskemål.",
        en="{taker} {person} has no eligible {giver}: {story}; {rule} requires every one to be matched. Relax one "
        "of these rules or make {rule} soft.",
    ),
    "engine.conflict.no_taker": T(
        sv="{giver} {person} måste få minst en {taker} ({why}) men har ingen möjlig: {story}.",
        en="{giver} {person} must get at least one {taker} ({why}) but has none eligible: {story}.",
    ),
    "engine.conflict.locked_forbidden": T(
        sv="det låsta paret {pair} förbjuds av {rules}: lås upp det eller mildra den regeln",
        en="locked pair {pair} is forbidden by {rules}: unlock it or relax that rule",
    ),
    "engine.conflict.locked_twice": T(
        sv="{id} är låst till {count} {givers}; behåll en", en="{id} is locked to {count} {givers}; keep one"
    ),
    "engine.conflict.rule": T(sv="{rule}: {words}", en="{rule}: {words}"),
    "engine.conflict.together": T(
        sv="de här reglerna kan inte gälla samtidigt — {rules}. Mildras någon av dem går scenariot att lösa.",
        en="these rules cannot all hold together — {rules}. Relaxing any one of them makes the scenario solvable.",
    ),
    "engine.conflict.unexplained": T(
        sv="ingen matchning hittades, men ingen enskild regel förklarar det",
        en="the solver found no matching, but no single rule explains it",
    ),
    "engine.conflict.not_diagnosed": T(
        sv="ingen matchning uppfyller alla regler som måste gälla (inte utrett)",
        en="no matching meets every hard rule (not diagnosed)",
    ),
}
