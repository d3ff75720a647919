"""A mid-year repair's reasons (why a pair was kept, moved or ended; why someone needed a new
pair) and its one-line summary on the terminal. changes.csv keeps the English sentences; the
report's Changes section and `matcher repair --lang sv` say them in the language asked for."""

from matcher.i18n.core import T

TEXTS: dict[str, T] = {
    "repair.why.kept": T(sv="fortfarande giltigt: behållet som det var", en="still valid: kept as it was"),
    "repair.why.because": T(
        sv="att behålla varje par skulle matcha färre {takers} eller bryta ett skallkrav (högst {moves} flyttar)",
        en="keeping every pair would match fewer {takers} or break a hard rule (at most {moves} moves)",
    ),
    "repair.why.moved": T(sv="flyttad till en annan {giver}: {because}", en="moved to another {giver}: {because}"),
    "repair.why.ended_moved": T(sv="avslutat: {because}", en="ended: {because}"),
    "repair.why.both_left": T(sv="{the_giver} och {the_taker} slutade", en="{the_giver} and {the_taker} left"),
    "repair.why.giver_left": T(sv="{the_giver} slutade", en="{the_giver} left"),
    "repair.why.taker_left": T(sv="{the_taker} slutade", en="{the_taker} left"),
    "repair.why.no_capacity": T(sv="kapaciteten hos {the_giver} är nu 0", en="{the_giver}'s capacity is now 0"),
    "repair.why.locked_elsewhere": T(
        sv="låsfilen parar {the_taker} med en annan {giver}",
        en="the locked file pairs {the_taker} with another {giver}",
    ),
    "repair.why.not_allowed": T(sv="inte längre tillåtet enligt {rules}", en="no longer allowed by {rules}"),
    "repair.why.taker_joined": T(sv="{the_taker} kom till mitt i året", en="{the_taker} joined mid-year"),
    "repair.why.previous_left": T(sv="förra {giver} slutade", en="the previous {giver} left"),
    "repair.why.previous_invalid": T(sv="förra paret är inte längre tillåtet",
                                     en="the previous pair is no longer allowed"),
    "repair.why.not_before": T(sv="var inte matchad förut", en="was not matched before"),
    "repair.why.giver_joined": T(sv="{reason}; {the_giver} kom till mitt i året",
                                 en="{reason}; {the_giver} joined mid-year"),
    # The one line `matcher repair` prints (RepairResult.summary_line)
    "repair.line": T(
        sv="behöll {kept} av {current} par{ended}, {new} {new_pairs}, {moved} flyttade (högst {allowed} tillåtna); "
        "{unmatched} {unmatched_takers} omatchade ({leaving} slutar, {joining} tillkommer)",
        en="kept {kept} of {current} pairs{ended}, {new} {new_pairs}, {moved} moved (at most {allowed} allowed); "
        "{unmatched} {unmatched_takers} unmatched ({leaving} leaving, {joining} joining)",
    ),
    "repair.line.ended": T(sv=", {count} avslutade", en=", {count} ended"),
    "repair.line.why": T(sv=" ({reasons})", en=" ({reasons})"),
    "repair.line.why_count": T(sv="{why}: {count}", en="{why}: {count}"),
    "repair.line.new_pair": T(sv="nytt par", en="new pair"),
    "repair.line.new_pairs": T(sv="nya par", en="new pairs"),
    "repair.line.no_longer_allowed": T(sv="inte längre tillåtet", en="no longer allowed"),
    "repair.line.broken_by_move": T(sv="bröts av en flytt", en="broken by a move"),
}
