"""Mid-year repair: a new matching that keeps the pairs that still work.

A cohort runs a year and people leave or join. Re-running the whole matching would
reshuffle pairs that already work, so `repair_matching` keeps every current pair that is
still valid (both people remain and the scenario's hard pair rules still allow it), fixed
like a locked pair, and matches the stranded adepts and the joiners around them. With
`allow_moves=N` at most N kept pairs may be broken, and only when that matches more people:
a hard row "at least K - N of the K pairs stay" plus an objective level right after
coverage that rewards each pair kept (fewest moves among the matchings that match the most).
The keeping is the `keep_pairs` rule (constraints/keep_pairs.py), so the independent
checker verifies it like any other rule.

`repair_matching` is a pure function of its inputs (the simulator calls it in worker
processes); `read_leavers`, `read_current_pairs`, `read_joiners` and `write_repair` are the
file side the `matcher repair` command uses. About 600 lines on purpose: the pure repair and the
files it reads and writes belong together (the workspace and the simulator call the same pieces),
and splitting them would put one story in two places.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

import pandas as pd

from constraints import MATCHING_RULE, REGISTRY
from matcher.engine import Result, eligibility, solve
from matcher.errors import Conflict, InfeasibleError, InputError, InputProblem
from matcher.i18n import Lang, Msg, say
from matcher.io.pairs import read_pair_list, validate_pair_table
from matcher.io.people import SOURCE_ATTR, validate_people
from matcher.io.tables import SHEETS, header_key, header_row, read_table, source_rows, text_column
from matcher.scenario import Scenario

__all__ = [
    "CHANGE_KINDS",
    "RepairResult",
    "changes_table",
    "check_out_dir",
    "read_current_pairs",
    "read_joiners",
    "read_leavers",
    "repair_matching",
    "repaired_scenario",
    "write_repair",
]

#: The kinds of change, in the order changes.csv lists them.
CHANGE_KINDS: Final = (
    "kept",  # the pair stays as it was
    "moved",  # the adept has another mentor now (only with allow_moves)
    "ended_moved",  # the pair was broken to match more people; the adept is unmatched (allow_moves)
    "ended_leaver",  # the mentor or the adept (or both) left
    "pair_dropped_invalid",  # a hard pair rule no longer allows the pair
    "new_pair",  # a pair that did not exist: stranded adepts, joiners, people unmatched before
    "unmatched",  # lost their pair or joined, and could not be matched
    "still_unmatched",  # unmatched before and still
)
CHANGE_COLUMNS: Final = ("change", "mentor_id", "adept_id", "previous_mentor_id", "reason")
_ENDED: Final = ("ended_moved", "ended_leaver", "pair_dropped_invalid")
_KEEP_LEAVERS: Final = " (the scenario's people file lists everyone as they were: keep the leavers in it)"


@dataclass
class RepairResult:
    """The repaired matching (an engine Result), what changed, and the scenario it solved."""

    result: Result  # the new matching, as `solve` returns it
    changes: pd.DataFrame  # CHANGE_COLUMNS, one row per current pair and per new or unmatched adept
    scenario: Scenario  # people - leavers + joiners, with the keep_pairs rule: check against this
    allow_moves: int = 0
    leavers: tuple[str, ...] = ()
    joiners: tuple[str, ...] = ()
    # per change row: the reason without the engine's per-person detail (for aggregate reports)
    why: list[str] = field(default_factory=list)
    # the same reasons as catalogue messages (`repair.why.*`), to say them in any language
    why_msgs: list[Msg] = field(default_factory=list)

    def _reasons(self) -> list[str | Msg]:
        return list(self.why_msgs) if len(self.why_msgs) == len(self.why) else list(self.why)

    @property
    def counts(self) -> dict[str, int]:
        """How many rows of each kind of change, plus `current_pairs` and `ended` in total."""
        found = Counter(self.changes["change"])
        counts = {kind: int(found.get(kind, 0)) for kind in CHANGE_KINDS}
        counts["current_pairs"] = sum(counts[k] for k in ("kept", "moved", *_ENDED))
        counts["ended"] = sum(counts[k] for k in _ENDED)
        return counts

    def summary_line(self, lang: Lang = "en") -> str:
        """One line for stderr: 'kept 9 of 10 pairs, 1 ended (mentor left), 2 new pairs, ...'."""
        c = self.counts
        program = self.scenario.program
        taker = "trainee" if program == "trainee" else "adept"
        short = {"pair_dropped_invalid": "repair.line.no_longer_allowed", "ended_moved": "repair.line.broken_by_move"}

        def said(why: str | Msg) -> str:
            return why.render(lang, program) if isinstance(why, Msg) else why

        ended_why = Counter(
            say(short[change], lang) if change in short else said(why)
            for change, why in zip(self.changes["change"], self._reasons(), strict=True)
            if change in _ENDED
        )
        several = len(ended_why) > 1 or c["ended"] > 1
        reasons = ", ".join(say("repair.line.why_count", lang, why=why, count=n) if several else why
                            for why, n in ended_why.most_common())
        ended = say("repair.line.ended", lang, count=c["ended"]) + (
            say("repair.line.why", lang, reasons=reasons) if ended_why else ""
        )
        unmatched = c["unmatched"] + c["still_unmatched"] + c["ended_moved"]
        return say(
            "repair.line", lang, kept=c["kept"], current=c["current_pairs"], ended=ended, new=c["new_pair"],
            new_pairs=say("repair.line.new_pair" if c["new_pair"] == 1 else "repair.line.new_pairs", lang),
            moved=c["moved"], allowed=self.allow_moves, unmatched=unmatched,
            unmatched_takers=say(f"role.{taker}.{'one' if unmatched == 1 else 'many'}", lang),
            leaving=len(self.leavers), joining=len(self.joiners),
        )

    def summary(self) -> dict[str, Any]:
        """summary.json's `changes` entry: counts and reasons only, never an id or a name."""
        reasons = Counter(zip(self.changes["change"], self.why, strict=True))
        messages = {(change, why): msg for change, why, msg in
                    zip(self.changes["change"], self.why, self._reasons(), strict=True)}
        return {
            "allow_moves": self.allow_moves,
            "leavers": len(self.leavers),
            "joiners": len(self.joiners),
            "counts": self.counts,
            "reasons": [
                {"change": change, "reason": why, "count": n,
                 **({"reason_msg": m.to_json()} if isinstance(m := messages[(change, why)], Msg) else {})}
                for (change, why), n in sorted(reasons.items(), key=lambda kv: (CHANGE_KINDS.index(kv[0][0]), kv[0][1]))
            ],
        }


# -- the library entry point ------------------------------------------------------------------


@dataclass
class _Prepared:
    """A repair before solving: the scenario to solve and what became of each current pair."""

    repaired: Scenario  # people - leavers + joiners, with the keep_pairs rule
    current: pd.DataFrame  # the current pairs, validated
    keep: list[tuple[str, str]]  # the current pairs still valid
    status: dict[tuple[str, str], tuple[str, Msg]]  # the others: pair -> (change, why)
    leaver_ids: list[str]
    joiner_ids: list[str]


def _prepare(
    scenario: Scenario,
    current_pairs: pd.DataFrame,
    leavers: Sequence[str],
    joiners: pd.DataFrame | None,
    allow_moves: int,
) -> _Prepared:
    from matcher.arguments import checked_scenario, id_list, pairs_table, table

    scenario = checked_scenario(scenario)
    current_pairs = pairs_table(current_pairs, "current_pairs")
    leavers = id_list(leavers, "leavers")
    joiners = None if joiners is None else table(joiners, "joiners", "input.argument.people_table")
    if not isinstance(allow_moves, int) or allow_moves < 0:
        raise InputError.single("allow_moves", None, None, f"allow_moves must be 0 or more, got {allow_moves}")
    leaver_ids = _check_leavers(scenario, leavers)
    new_people, joiner_ids = _new_people(scenario, leaver_ids, joiners)
    current = _check_current_pairs(scenario, current_pairs)
    base = _without_leavers(scenario, new_people, set(leaver_ids))
    inst = base.instance()
    constraints = base.active_constraints()
    allowed = eligibility(inst, constraints)

    # Which current pairs are still valid, and why the others are not.
    status: dict[tuple[str, str], tuple[str, Msg]] = {}  # pair -> (change, why)
    locked = base.locked
    locked_to = dict(zip(locked["adept_id"], locked["mentor_id"], strict=True)) if locked is not None else {}
    gone = set(leaver_ids)
    keep: list[tuple[str, str]] = []
    for m, a in zip(current["mentor_id"], current["adept_id"], strict=True):
        if m in gone or a in gone:
            who = "both_left" if m in gone and a in gone else "giver_left" if m in gone else "taker_left"
            status[(m, a)] = ("ended_leaver", Msg(f"repair.why.{who}"))
            continue
        g, t = inst.giver_position[m], inst.taker_position[a]
        if int(inst.giver_records[g]["capacity"]) == 0:
            status[(m, a)] = ("pair_dropped_invalid", Msg("repair.why.no_capacity"))
        elif a in locked_to and locked_to[a] != m:
            status[(m, a)] = ("pair_dropped_invalid", Msg("repair.why.locked_elsewhere"))
        elif not allowed[g, t]:
            blockers = [
                f"{c.name} ({c.describe()})"
                for c in constraints
                if (mask := c.filter_mask(inst)) is not None and not mask[g, t]
            ]
            status[(m, a)] = ("pair_dropped_invalid", Msg("repair.why.not_allowed", {"rules": "; ".join(blockers)}))
        else:
            keep.append((m, a))

    repaired = dataclasses.replace(
        base, constraints=_with_keep_pairs(base.constraints, keep, allow_moves), files=dict(base.files)
    )
    return _Prepared(repaired, current, keep, status, leaver_ids, joiner_ids)


def repaired_scenario(
    scenario: Scenario,
    current_pairs: pd.DataFrame,
    leavers: Sequence[str] = (),
    joiners: pd.DataFrame | None = None,
    allow_moves: int = 0,
) -> Scenario:
    """The scenario `repair_matching` solves (the people as they are now, the keep_pairs rule),
    without solving: what explaining or checking a repair's output needs."""
    return _prepare(scenario, current_pairs, leavers, joiners, allow_moves).repaired


def repair_matching(
    scenario: Scenario,
    current_pairs: pd.DataFrame,
    leavers: Sequence[str] = (),
    joiners: pd.DataFrame | None = None,
    allow_moves: int = 0,
    *,
    diagnose_infeasible: bool = True,
    price_fairness: bool = True,
) -> RepairResult:
    """A new matching for `scenario`'s people minus `leavers` plus `joiners` that keeps every
    current pair still valid (at most `allow_moves` of them broken, fewest first).

    `current_pairs`: mentor_id,adept_id (or supervisor_id,trainee_id; other columns ignored),
    e.g. an earlier run's pairs.csv. `joiners`: people rows, validated like a people file.
    Input tables may carry their file name in `attrs["source"]` for FILE:ROW:COLUMN messages.
    Raises InputError (bad ids, clashing joiner ids), InfeasibleError (with a hint to allow
    moves when keeping the pairs is what cannot hold) or NoSolutionError. Does not change its
    inputs. `diagnose_infeasible=False`, `price_fairness=False`: see `matcher.engine.solve`.
    """
    prepared = _prepare(scenario, current_pairs, leavers, joiners, allow_moves)
    repaired, current, keep, status = prepared.repaired, prepared.current, prepared.keep, prepared.status
    leaver_ids, joiner_ids = prepared.leaver_ids, prepared.joiner_ids
    try:
        result = solve(repaired, diagnose_infeasible=diagnose_infeasible, price_fairness=price_fairness)
    except InfeasibleError as exc:
        raise _with_moves_hint(exc, len(keep), allow_moves) from None
    result.notes = [
        *result.notes,
        f"repair: {len(keep)} current pairs still valid, at most {allow_moves} of them may be broken; "
        f"{len(leaver_ids)} leaving, {len(joiner_ids)} joining",
    ]
    rows, why, why_msgs = _changes(result, current, status, keep, leaver_ids, joiner_ids, allow_moves)
    return RepairResult(
        result=result,
        changes=pd.DataFrame(rows, columns=list(CHANGE_COLUMNS)),
        scenario=repaired,
        allow_moves=allow_moves,
        leavers=tuple(leaver_ids),
        joiners=tuple(joiner_ids),
        why=why,
        why_msgs=why_msgs,
    )


# -- inputs -------------------------------------------------------------------------------------


def _source(table: pd.DataFrame | None, default: str) -> str:
    return str(table.attrs.get(SOURCE_ATTR, default)) if table is not None else default


def _check_leavers(scenario: Scenario, leavers: Sequence[str]) -> list[str]:
    """Distinct leaver ids, in the given order; each must be a person of the scenario."""
    if isinstance(leavers, str):
        leavers = [leavers]
    known = set(scenario.people["id"])
    ids = list(dict.fromkeys(str(pid).strip() for pid in leavers))
    unknown = [pid for pid in ids if pid not in known]
    if unknown:
        people_file = str(scenario.files.get("people", "the people file"))
        raise InputError(
            [InputProblem("<leavers>", None, "id", f"{pid!r} is not an id in {people_file}{_KEEP_LEAVERS}")
             for pid in unknown]
        )
    return ids


def _new_people(
    scenario: Scenario, leavers: list[str], joiners: pd.DataFrame | None
) -> tuple[pd.DataFrame, list[str]]:
    """The scenario's people minus the leavers plus the validated joiners, and the joiners' ids."""
    people = scenario.people
    remaining = people[~people["id"].isin(leavers)]
    if joiners is None or joiners.shape == (0, 0) or len(joiners) == 0:
        return remaining.reset_index(drop=True), []
    source = _source(joiners, "<joiners>")
    valid = validate_people(joiners, source)
    clash = valid["id"].isin(set(people["id"])).to_numpy()
    if clash.any():
        people_file = str(scenario.files.get("people", "the people file"))
        raise InputError(
            [
                InputProblem(
                    source,
                    int(row),
                    "id",
                    f"{pid!r} is already a person in {people_file}; give the new person an id of their own",
                )
                for pid, row in zip(valid["id"][clash], valid["source_row"][clash], strict=True)
            ]
        )
    combined = pd.concat([remaining, valid], ignore_index=True)
    combined.attrs = dict(people.attrs)
    return combined, [str(pid) for pid in valid["id"]]


def _paired(problem: InputProblem) -> InputProblem:
    """The pair-file validator's "locked to two mentors", worded for pairs that are simply current."""
    if problem.words.key != "input.pairs.locked_twice":
        return problem
    words = Msg("input.pairs.paired_twice", problem.words.values)
    return InputProblem(problem.file, problem.row, problem.column, words)


def _check_current_pairs(scenario: Scenario, current_pairs: pd.DataFrame) -> pd.DataFrame:
    """The current pairs validated against the scenario's people (before anyone leaves)."""
    source = _source(current_pairs, "<current pairs>")
    try:
        table = validate_pair_table(current_pairs, source, "locked", scenario.people)
    except InputError as exc:
        # The validator words an adept in two pairs as "locked to"; here they are paired.
        raise InputError([_paired(p) for p in exc.problems]) from None
    table = table.copy()
    table["mentor_id"] = table["mentor_id"].astype(str)
    table["adept_id"] = table["adept_id"].astype(str)
    return table


def _filtered(table: pd.DataFrame | None, gone: set[str]) -> pd.DataFrame | None:
    """A pair table without the pairs of people who left."""
    if table is None or not gone:
        return table
    keep = ~(table["mentor_id"].astype(str).isin(gone) | table["adept_id"].astype(str).isin(gone)).to_numpy()
    if keep.all():
        return table
    out = table[keep].reset_index(drop=True)
    out.attrs = dict(table.attrs)
    return out


def _without_leavers(scenario: Scenario, people: pd.DataFrame, gone: set[str]) -> Scenario:
    base = dataclasses.replace(
        scenario,
        people=people,
        pair_scores=_filtered(scenario.pair_scores, gone),
        exclusions=_filtered(scenario.exclusions, gone),
        locked=_filtered(scenario.locked, gone),
        constraints={k: dict(v) for k, v in scenario.constraints.items() if k != "keep_pairs"},
        files=dict(scenario.files),
    )
    base.validate(str(scenario.files.get("scenario", "<scenario>")))
    return base


def _priority(name: str, config: Mapping[str, Any]) -> int:
    return int(config.get("priority", REGISTRY[name].default_priority))


def _with_keep_pairs(
    constraints: Mapping[str, dict[str, Any]], keep: list[tuple[str, str]], allow_moves: int
) -> dict[str, dict[str, Any]]:
    """The scenario's rules plus keep_pairs; with moves, its reward level goes right after coverage.

    Priorities are integers, so the levels after coverage (all levels when coverage is hard
    or absent) move down by one to make room: the scenario's own order is unchanged.
    """
    rules = {name: dict(config) for name, config in constraints.items()}
    entry: dict[str, Any] = {"pairs": [list(p) for p in keep], "max_moves": allow_moves}
    if allow_moves > 0:
        coverage = rules.get(MATCHING_RULE)
        soft = coverage is not None and coverage.get("hard") is False
        level = _priority(MATCHING_RULE, coverage) + 1 if soft and coverage is not None else 1
        for name, config in rules.items():
            weighed = name in REGISTRY and REGISTRY[name].from_config(config).has_preference_part()
            if weighed and _priority(name, config) >= level:
                config["priority"] = _priority(name, config) + 1
        entry["priority"] = level
    rules["keep_pairs"] = entry
    return rules


def _with_moves_hint(exc: InfeasibleError, kept: int, allow_moves: int) -> InfeasibleError:
    """The engine's conflicts, plus what to try when keeping the pairs is part of the conflict."""
    if allow_moves >= kept or not any("keep_pairs" in c.constraints for c in exc.conflicts):
        return exc
    hint = Conflict(
        ["keep_pairs"],
        f"keeping the {kept} still-valid current pairs (at most {allow_moves} broken) is part of the conflict: "
        f"let the optimiser move some of them with `matcher repair --allow-moves N` (library: allow_moves=N), "
        f"e.g. --allow-moves {min(kept, max(allow_moves * 2, 1))}; up to {kept} makes every pair movable",
    )
    return InfeasibleError([*exc.conflicts, hint])


# -- what changed ---------------------------------------------------------------------------------


def _changes(
    result: Result,
    current: pd.DataFrame,
    status: dict[tuple[str, str], tuple[str, Msg]],
    keep: list[tuple[str, str]],
    leavers: list[str],
    joiners: list[str],
    allow_moves: int,
) -> tuple[list[tuple[str, str, str, str, str]], list[str], list[Msg]]:
    """One row per current pair (kept, moved, ended) and per adept newly paired or left unmatched.

    Returns the rows (their reasons in English: changes.csv), and per row the reason without the
    per-person detail, in English and as a catalogue message (`repair.why.*`)."""
    program = result.scenario.program
    t_role = str(result.roles["taker"])
    pairs, unmatched = result.pairs, result.unmatched
    new_mentor = dict(zip(pairs["adept_id"].astype(str), pairs["mentor_id"].astype(str), strict=True))
    unmatched_reason = dict(zip(unmatched["id"].astype(str), unmatched["reason"].astype(str), strict=True))
    previous = dict(zip(current["adept_id"], current["mentor_id"], strict=True))
    kept_set = set(keep)
    gone, joined = set(leavers), set(joiners)
    rows: list[tuple[str, str, str, str, str]] = []
    why: list[str] = []
    msgs: list[Msg] = []
    handled: set[str] = set()  # adepts whose outcome a current-pair row already gives

    def add(change: str, m: str, a: str, prev: str, message: Msg, detail: str = "") -> None:
        reason = message.render("en", program)
        rows.append((change, m, a, prev, f"{reason}; {detail}" if detail else reason))
        why.append(reason)
        msgs.append(message)

    # Why a still-valid pair moves: matching more people is the only thing rewarded above keeping
    # pairs; a hard row (a share, equal rates) can also need it.
    because = Msg("repair.why.because", {"moves": allow_moves})
    moved_words = Msg("repair.why.moved", {"because": because})
    for m, a in zip(current["mentor_id"], current["adept_id"], strict=True):
        if (m, a) in kept_set:
            now = new_mentor.get(a)
            handled.add(a)
            if now == m:
                add("kept", m, a, "", Msg("repair.why.kept"))
            elif now is not None:
                add("moved", now, a, m, moved_words)
            else:
                add(
                    "ended_moved",
                    m,
                    a,
                    "",
                    Msg("repair.why.ended_moved", {"because": because}),
                    unmatched_reason.get(a, ""),
                )
        else:
            change, words = status[(m, a)]
            add(change, m, a, "", words)

    for m, a in zip(result.pairs["mentor_id"].astype(str), result.pairs["adept_id"].astype(str), strict=True):
        if a in handled:
            continue
        prev = previous.get(a, "")
        reason = _new_reason(a, prev, status, joined, gone)
        if m in joined:
            reason = Msg("repair.why.giver_joined", {"reason": reason})
        add("new_pair", m, a, prev, reason)

    for pid, role in zip(result.unmatched["id"].astype(str), result.unmatched["role"].astype(str), strict=True):
        if role != t_role or pid in handled:
            continue
        prev = previous.get(pid, "")
        before = _new_reason(pid, prev, status, joined, gone)
        change = "still_unmatched" if not prev and pid not in joined else "unmatched"
        add(change, "", pid, prev, before, f"not matched now: {unmatched_reason.get(pid, '')}")
    order = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
    ranked = sorted(range(len(rows)), key=lambda i: (order[rows[i][0]], rows[i][2], rows[i][1]))
    return [rows[i] for i in ranked], [why[i] for i in ranked], [msgs[i] for i in ranked]


def _new_reason(
    adept: str,
    prev: str,
    status: dict[tuple[str, str], tuple[str, Msg]],
    joined: set[str],
    gone: set[str],
) -> Msg:
    """Why this adept needed a (new) mentor, in the coordinator's words and without ids."""
    if adept in joined:
        return Msg("repair.why.taker_joined")
    if prev:
        if prev in gone:
            return Msg("repair.why.previous_left")
        change = status[(prev, adept)][0] if (prev, adept) in status else ""
        if change == "pair_dropped_invalid":
            return Msg("repair.why.previous_invalid")
    return Msg("repair.why.not_before")


def changes_table(repair: RepairResult) -> pd.DataFrame:
    """changes.csv's table, with the programme's column names (supervisor_id,... for trainees)."""
    if repair.scenario.program == "trainee":
        return repair.changes.rename(
            columns={
                "mentor_id": "supervisor_id",
                "adept_id": "trainee_id",
                "previous_mentor_id": "previous_supervisor_id",
            }
        )
    return repair.changes


# -- files ------------------------------------------------------------------------------------------


def read_current_pairs(path: Path) -> pd.DataFrame:
    """A pairs list as read by the one pair-list reader (a run's pairs.csv or matching.xlsx, as
    Excel saved it); validated later against the scenario, named for messages."""
    return read_pair_list(Path(path))


def read_joiners(path: Path) -> pd.DataFrame:
    """A people file of joiners as read (validated by `repair_matching`), named for messages."""
    raw, source = read_table(Path(path), SHEETS["joiners"])
    raw.attrs[SOURCE_ATTR] = source
    return raw


def read_leavers(path: Path, scenario: Scenario) -> list[str]:
    """The ids in a leavers file: a column `id` (any case), or the only column of the file.

    Every id must be a person of the scenario: InputError with FILE:ROW:COLUMN otherwise.
    """
    raw, source = read_table(Path(path), SHEETS["leavers"])
    columns = [c for c in raw.columns if header_key(c) == "id"]
    if not columns and len(raw.columns) == 1:
        columns = [raw.columns[0]]
    if not columns:
        raise InputError.single(
            source,
            header_row(raw),
            None,
            "no `id` column; list the leavers' ids in a column headed id (or in the only column)",
        )
    column = columns[0]
    ids = text_column(raw[column])
    rows = source_rows(raw)
    known = set(scenario.people["id"])
    people_file = str(scenario.files.get("people", "the people file"))
    problems = []
    # A one-column file without a header: its "header" is the first id.
    header_is_id = header_key(column) == "id" or str(column) not in known
    found = [] if header_is_id else [str(column)]
    for pid, row in zip(ids, rows, strict=True):
        text = str(pid).strip()
        if not text:
            continue
        if text not in known:
            problems.append(
                InputProblem(source, int(row), str(column),
                        f"{text!r} is not an id in {people_file}; fix the id{_KEEP_LEAVERS}")
            )
        found.append(text)
    if problems:
        raise InputError(problems)
    return list(dict.fromkeys(found))


#: The files `matcher repair` writes: those of `matcher run`, and changes.csv.
REPAIR_FILES: Final = ("pairs.csv", "unmatched.csv", "summary.json", "report.html", "matching.xlsx", "changes.csv")


def check_out_dir(out_dir: Path, scenario: Scenario, protected: Iterable[Path] = ()) -> None:
    """Refuse, before any solving, an --out where an output would land on an input file (or that
    cannot be written as a whole: a mount point, the folder the command runs in)."""
    from matcher.output.folder import preflight

    preflight(Path(out_dir), [*scenario.files.values(), *protected], REPAIR_FILES)


#: The files a repair reads besides the scenario, as summary.json's `repair_inputs` names them.
REPAIR_INPUTS: Final = ("current_pairs", "leavers", "joiners")


@dataclass(frozen=True)
class RepairSources:
    """The files a `matcher repair` read, besides the scenario."""

    current_pairs: Path
    leavers: Path | None = None
    joiners: Path | None = None

    def as_summary(self, allow_moves: int) -> dict[str, Any]:
        """Each file's absolute path and SHA-256 (so a later change is noticed), and allow_moves."""
        from matcher.history.audit import file_sha256

        def where(path: Path | None) -> str | None:
            return None if path is None else str(Path(path).resolve())

        files = dict(zip(REPAIR_INPUTS, (self.current_pairs, self.leavers, self.joiners), strict=True))
        return {
            **{kind: where(path) for kind, path in files.items()},
            "sha256": {kind: file_sha256(path) for kind, path in files.items() if path is not None},
            "allow_moves": allow_moves,
        }


def write_repair(repair: RepairResult, out_dir: Path, *, lang: Literal["en", "sv"] = "en",
                 protected: Iterable[Path] = (), sources: RepairSources | None = None) -> list[Path]:
    """Everything `matcher run` writes (the report with a Changes section) plus changes.csv.

    All six files or none (`matcher.output.folder.write_bundle`), never over an input: the
    scenario's files and `protected` (the current pairs, leavers and joiners files) are refused
    as targets. `sources`: the files the repair read, recorded in summary.json so explain, check
    and publish rebuild the repaired cohort (its joiners and its kept pairs) from them.
    """
    from matcher.output.run import write_run
    from matcher.run_record import record_of

    result = repair.result
    record = record_of(
        result,
        changes=repair.summary(),
        repair_inputs=sources.as_summary(repair.allow_moves) if sources is not None else None,
    )
    return write_run(result, Path(out_dir), lang=lang, record=record,
                     extra_tables={"changes": changes_table(repair)}, protected=protected)
