"""Why someone is left out, in the coordinator's words: the reasons in unmatched.csv, and the
people the hard pair rules leave without any partner (an infeasibility found before solving).

Every sentence is a catalogue message (`engine.*`), rendered in the language asked for; the
engine (`matcher.engine`) builds the model and calls these to explain its answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from constraints import Constraint, Instance
from constraints.base import gender_word, joined
from matcher.errors import Conflict, rule_ref
from matcher.i18n import Lang, Msg
from matcher.problem import BoolArray

if TYPE_CHECKING:
    from matcher.engine import Model


def _person(inst: Instance, side: str, index: int) -> Msg:
    table = inst.givers if side == "giver" else inst.takers
    row = table.iloc[index]
    return Msg("engine.person", {"id": str(row["id"]), "band": str(row["band"]),
                                 "administration": str(row["administration"]), "gender": gender_word(row["gender"])})


def _then(steps: list[Msg]) -> Msg:
    """Steps one after the other: 'a, then b, then c'."""
    if len(steps) == 1:
        return steps[0]
    return Msg("engine.story.then", {"first": steps[0], "then": _then(steps[1:])})


def filter_story(inst: Instance, constraints: list[Constraint], side: str, index: int) -> tuple[list[str], Msg]:
    """Which hard pair rules, applied in turn, leave this person without a partner."""
    total = inst.n_givers if side == "taker" else inst.n_takers  # the other side's size
    remaining = np.ones(total, dtype=bool)
    steps: list[Msg] = []
    names: list[str] = []
    for constraint in constraints:
        allowed = constraint.filter_mask(inst)
        if allowed is None:
            continue
        line = allowed[:, index] if side == "taker" else allowed[index, :]
        before = int(remaining.sum())
        remaining &= line
        after = int(remaining.sum())
        if after < before:
            names.append(constraint.name)
            steps.append(Msg("engine.story.step", {"rule": rule_ref(constraint.name), "after": after,
                                                   "before": before}))
        if after == 0:
            break
    others = "givers" if side == "taker" else "takers"
    if not steps:
        return names, Msg(f"engine.story.{others}.none", {"total": total})
    return names, Msg(f"engine.story.{others}", {"total": total, "steps": _then(steps)})


def eligibility_conflicts(inst: Instance, constraints: list[Constraint], eligible: BoolArray) -> list[Conflict]:
    """People the hard pair rules leave without any possible partner, when a rule needs one: a rule
    that wants every taker matched (`requires_every_taker`), or a least number per giver (`giver_minimums`)."""
    conflicts: list[Conflict] = []
    program = inst.program
    everyone = next((c for c in constraints if c.requires_every_taker()), None)
    if everyone is not None:
        for t in np.flatnonzero(eligible.sum(axis=0) == 0):
            names, story = filter_story(inst, constraints, "taker", int(t))
            words = Msg("engine.conflict.no_giver", {"person": _person(inst, "taker", int(t)), "story": story,
                                                     "rule": rule_ref(everyone.name)})
            conflicts.append(
                Conflict([*names, everyone.name], words, [str(inst.taker_records[int(t)]["id"])], program)
            )
    for rule in constraints:
        minimums = rule.giver_minimums(inst)
        if minimums is None:
            continue
        for g in np.flatnonzero((minimums > 0) & (eligible.sum(axis=1) == 0)):
            names, story = filter_story(inst, constraints, "giver", int(g))
            words = Msg("engine.conflict.no_taker", {"person": _person(inst, "giver", int(g)), "story": story,
                                                     "why": rule.msg("minimum")})
            conflicts.append(Conflict([*names, rule.name], words, [str(inst.giver_records[int(g)]["id"])], program))
    if inst.locked is not None:
        g_pos, t_pos = inst.pair_positions(inst.locked)
        for g, t in zip(g_pos, t_pos, strict=True):
            if eligible[g, t]:
                continue
            blockers = [c.name for c in constraints if (a := c.filter_mask(inst)) is not None and not a[g, t]]
            words = Msg("engine.conflict.locked_forbidden", {
                "pair": f"{inst.givers['id'].iat[g]} - {inst.takers['id'].iat[t]}",
                "rules": [rule_ref(name) for name in blockers],
            })
            people = [str(inst.giver_records[g]["id"]), str(inst.taker_records[t]["id"])]
            conflicts.append(Conflict(["locked", *blockers], words, people, program))
        per_taker = inst.locked["adept_id"].value_counts()
        for taker_id, count in per_taker[per_taker > 1].items():
            words = Msg("engine.conflict.locked_twice", {"id": str(taker_id), "count": int(count)})
            conflicts.append(Conflict(["locked"], words, program=program))
    return conflicts


def _row_sides(model: Model, x: BoolArray) -> list[float]:
    """Each row's left-hand side at x, computed once (counted by class when the row has classes:
    no pair-length array per row: 48 MB a row at 2,000 x 3,000, and 0.6 s for the 13 rows under
    the profiler)."""
    return [row.lhs(x) for row in model.problem.rows]


def _blocking_counts(
    model: Model, lhs_of: list[float], pairs: np.ndarray, owner: np.ndarray, n_owners: int
) -> list[tuple[Msg | str, np.ndarray]]:
    """For candidate pairs not in the matching: which hard rows adding each one alone would break.

    `owner[k]` numbers the person candidate `pairs[k]` is counted for. Returns, per hard row
    that blocks anything, its description and how many candidates it blocks for each owner.
    From each row's left-hand side at the matching (`_row_sides`). A row made of group counts
    breaks or not by the candidate's class alone: the candidates are counted per owner and class
    once for all rows sharing those classes, and a row sums the classes it breaks on (2,000 x
    3,000 at capacity 1 has 1.9 M candidates: 0.16 s for 13 rows pair by pair).
    """
    blocked: list[tuple[Msg | str, np.ndarray]] = []
    per_class: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}  # by the rows' shared code array
    for row, lhs in zip(model.problem.rows, lhs_of, strict=True):
        if not row.hard:
            continue
        classes = row.counted
        if classes is not None:
            n_codes = len(classes.values)
            key = (id(classes.code), n_codes)
            if key not in per_class:  # the code array is kept with its table: its id stays its own
                codes = classes.code[pairs].astype(np.int64)
                table = np.bincount(owner * n_codes + codes, minlength=n_owners * n_codes).reshape(n_owners, n_codes)
                per_class[key] = (classes.code, table)
            new = lhs + classes.values
            breaks_class = new > row.rhs + 1e-9 if row.sense == "<=" else new < row.rhs - 1e-9
            counts = per_class[key][1][:, breaks_class].sum(axis=1)
        else:
            new = lhs + row.coef_at(pairs)
            breaks = new > row.rhs + 1e-9 if row.sense == "<=" else new < row.rhs - 1e-9
            counts = np.bincount(owner[breaks], minlength=n_owners)
        if counts.any():
            blocked.append((row.description, counts))
    return blocked


def _taker_reasons(
    inst: Instance, model: Model, lhs_of: list[float], load: np.ndarray, capacity: np.ndarray, takers: np.ndarray
) -> list[Msg]:
    """Why each of `takers` (unmatched) is left out; all takers at once, the words per taker."""
    problem = model.problem
    options = model.eligible[:, takers]
    n_options = options.sum(axis=0)
    has_room = load < capacity  # per giver
    n_free = options[has_room].sum(axis=0)
    # A taker's candidates: its eligible givers with room, or all of them when none has room,
    # read off the problem's pairs (sorted by giver, then taker) without looking each one up.
    owner_of = np.full(problem.n_takers, -1, dtype=np.int64)
    owner_of[takers] = np.arange(len(takers))
    left = np.flatnonzero(owner_of[problem.taker] >= 0)  # the pairs of the takers left out
    owner = owner_of[problem.taker[left]]
    keep = has_room[problem.giver[left]] | (n_free[owner] == 0)
    blocked_rows = _blocking_counts(model, lhs_of, left[keep], owner[keep], len(takers))
    return _reasons_from_counts(inst, model, takers, n_options, n_free, blocked_rows)


def _reasons_from_counts(
    inst: Instance, model: Model, takers: np.ndarray, n_options: np.ndarray, n_free: np.ndarray,
    blocked_rows: list[tuple[Msg | str, np.ndarray]],
) -> list[Msg]:
    """The words for each of `takers` from its counts: eligible givers, those with room, and per
    hard row the candidates it blocks."""
    reasons: list[Msg] = []
    for k, t in enumerate(takers):
        blocked: dict[str, tuple[Msg | str, int]] = {}  # by the row's words in English: one entry per wording
        for words, counts in blocked_rows:
            if counts[k]:
                key = words.render("en", inst.program) if isinstance(words, Msg) else words
                seen = blocked.get(key, (words, 0))[1]
                blocked[key] = (words, seen + int(counts[k]))
        if n_options[k] == 0:
            _, story = filter_story(inst, model.constraints, "taker", int(t))
            reason = Msg("engine.unmatched.taker.no_eligible", {"story": story})
        elif n_free[k] == 0:
            if blocked:
                # More capacity alone would not do: a row (e.g. a quota) is reached as well.
                reason = Msg("engine.unmatched.taker.full_and_blocked", {
                    "count": int(n_options[k]), "rules": joined([_row_words(w) for w, _ in blocked.values()]),
                })
            else:
                reason = Msg("engine.unmatched.taker.full", {"count": int(n_options[k])})
        elif blocked:
            rules = joined([Msg("engine.unmatched.blocks", {"rule": _row_words(w), "count": n})
                            for w, n in blocked.values()])
            reason = Msg("engine.unmatched.taker.blocked", {"count": int(n_free[k]), "rules": rules})
        else:
            reason = Msg("engine.unmatched.taker.no_gain", {"count": int(n_free[k])})
        reasons.append(reason)
    return reasons


def _row_words(words: Msg | str) -> Msg:
    """A row's description as a message (a back-end's own rows carry plain labels)."""
    return words if isinstance(words, Msg) else Msg("text.verbatim", {"text": words})


def unmatched_reasons(
    inst: Instance, model: Model, g_idx: np.ndarray, t_idx: np.ndarray, x: BoolArray | None = None
) -> list[tuple[str, str, Msg]]:
    """Each person left out (id, role) and why: which rule stood in the way and what would help."""
    eligible = model.eligible
    problem = model.problem
    chosen = x if x is not None else np.zeros(problem.n_pairs, dtype=bool)
    lhs_of = _row_sides(model, chosen)
    matched_takers = np.zeros(inst.n_takers, dtype=bool)
    matched_takers[t_idx] = True
    load = np.bincount(g_idx, minlength=inst.n_givers)
    # The model's bounds: capacity, lowered by rules such as mentor_load.
    capacity = np.minimum(inst.givers["capacity"].to_numpy(dtype=np.int64), problem.giver_max)
    left_out = np.flatnonzero(~matched_takers)
    rows = [
        (str(inst.taker_records[int(t)]["id"]), inst.taker_role, reason)
        for t, reason in zip(left_out, _taker_reasons(inst, model, lhs_of, load, capacity, left_out), strict=True)
    ]
    for g in np.flatnonzero(load == 0):
        options = np.flatnonzero(eligible[int(g), :])
        if capacity[g] == 0:
            reason = Msg("engine.unmatched.giver.no_capacity")
        elif options.size == 0:
            _, story = filter_story(inst, model.constraints, "giver", int(g))
            reason = Msg("engine.unmatched.giver.no_eligible", {"story": story})
        else:
            reason = Msg("engine.unmatched.giver.others", {"count": int(options.size)})
        rows.append((str(inst.giver_records[int(g)]["id"]), inst.giver_role, reason))
    return rows


def unmatched_table(rows: list[tuple[str, str, Msg]], program: str, lang: Lang = "en") -> pd.DataFrame:
    return pd.DataFrame([(pid, role, reason.render(lang, program)) for pid, role, reason in rows],
                        columns=["id", "role", "reason"])


def unmatched_people(
    inst: Instance, model: Model, g_idx: np.ndarray, t_idx: np.ndarray, x: BoolArray | None = None
) -> pd.DataFrame:
    """Each person left out, and why, in English words (`unmatched_reasons` gives the messages)."""
    return unmatched_table(unmatched_reasons(inst, model, g_idx, t_idx, x), inst.program)
