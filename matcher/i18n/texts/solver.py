"""What the solver tells the coordinator about a run, beyond its pairs (issue 15)."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "solver.time_limit_hit": T(
        sv="Tidsgränsen ({seconds:g} s) nåddes innan sökningen var klar: en ny körning kan ge andra par. "
        "Höj solver.time_limit_s eller kör när datorn är mindre belastad.",
        en="The time limit ({seconds:g} s) was reached before the search finished: another run may give other "
        "pairs. Raise solver.time_limit_s or run when the computer is less busy.",
    ),
}
