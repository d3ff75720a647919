"""supervisor_trained: trainees only with supervisors who have taken supervisor training."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "rule.supervisor_trained.title": T(sv="utbildade handledare", en="trained supervisors"),
    "rule.supervisor_trained.ref": T(sv="”utbildade handledare”", en="supervisor_trained"),
    "rule.supervisor_trained.help": T(
        sv="Handledaren ska ha gått handledarutbildning (som önskemål: vikten per par med en utbildad handledare).",
        en="The supervisor must have supervisor training, handledarutbildning (preferred: the weight per pair with a "
        "trained supervisor).",
    ),
    "rule.supervisor_trained.describe": T(
        sv="bara {givers} med handledarutbildning får ta {takers}",
        en="only {givers} with supervisor training may take {takers}",
    ),
    "rule.supervisor_trained.describe.soft": T(
        sv="+{weight} per par med en utbildad {giver} (prioritet {priority})",
        en="+{weight} per pair with a trained {giver} (priority {priority})",
    ),
    "rule.supervisor_trained.pair.trained": T(sv="{giver} utbildad", en="{giver} trained"),
    "rule.supervisor_trained.pair.untrained": T(
        sv="{giver} inte utbildad (behöver handledarutbildning)", en="{giver} not trained (needs handledarutbildning)"
    ),
    "rule.supervisor_trained.conflict_words": T(
        sv="bara de {trained} av {count} {givers} som har handledarutbildning ({places} platser) får ta {takers}",
        en="only the {trained} of {count} {givers} with supervisor training ({places} places) may take {takers}",
    ),
    "rule.supervisor_trained.check": T(
        sv="alla {count} placerade {takers} har en utbildad {giver}",
        en="all {count} placed {takers} have a trained {giver}",
    ),
    "rule.supervisor_trained.check.untrained": T(
        sv="{bad} av {count} placerade {takers} har en {giver} utan utbildning",
        en="{bad} of {count} placed {takers} have an untrained {giver}",
    ),
    "rule.supervisor_trained.check.need_training": T(
        sv="{detail}; {givers} som behöver utbildningen: {ids}", en="{detail}; {givers} who need the training: {ids}"
    ),
}
