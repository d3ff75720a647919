"""`matcher explain`: why a pair was made, why someone is unmatched, what came next.

Every line comes from the language catalogue (`explain.*`, the rules' own `rule.*` words and the
engine's reasons), so `--lang sv` explains in Swedish. The reasons are worked out again from the
scenario and the pairs (the same engine code the run used), not read from the CSV, which may have
been written in another language.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from matcher.checker import normalise_pair_columns
from matcher.engine import Model, build_model, pair_reasons_text
from matcher.errors import InputError, rule_ref
from matcher.i18n import Lang, Msg
from matcher.left_out import unmatched_reasons
from matcher.output.cells import read_csv_back
from matcher.problem import pair_index
from matcher.repair_story import leaver_story, person_story, read_changes
from matcher.run_record import read_run, solved_scenario
from matcher.scenario import Scenario


def _load(out_dir: Path) -> tuple[Scenario, pd.DataFrame, pd.DataFrame]:
    scenario = solved_scenario(read_run(out_dir), as_of="run")  # the history exactly as the run saw it
    pairs = normalise_pair_columns(read_csv_back(out_dir / "pairs.csv"))
    unmatched = read_csv_back(out_dir / "unmatched.csv")
    return scenario, pairs, unmatched


def _alternatives(model: Model, taker: int, exclude_giver: int | None, load: np.ndarray, top: int = 3) -> list[Msg]:
    """The best other eligible givers for a taker by pair score, and whether they had room."""
    inst, problem = model.inst, model.problem
    at_taker = np.flatnonzero(problem.taker == taker)
    order = at_taker[np.argsort(-model.score[at_taker], kind="stable")]
    lines = []
    for e in order:
        g = int(problem.giver[e])
        if g == exclude_giver:
            continue
        capacity = int(inst.giver_records[g]["capacity"])
        values = {"id": str(inst.givers["id"].iat[g]), "score": int(model.score[e])}
        if load[g] < capacity:
            lines.append(Msg("explain.alternative.room", values))
        else:
            lines.append(Msg("explain.alternative.full", {**values, "load": int(load[g]), "capacity": capacity}))
        if len(lines) == top:
            break
    return lines


def _reasons_left_out(model: Model, pairs: pd.DataFrame) -> dict[str, Msg]:
    """Why each person the pairs leave out is left out: the engine's reasons for this matching."""
    inst, problem = model.inst, model.problem
    g = np.array([inst.giver_position[m] for m in pairs["mentor_id"]], dtype=np.int64)
    t = np.array([inst.taker_position[a] for a in pairs["adept_id"]], dtype=np.int64)
    x = np.zeros(problem.n_pairs, dtype=bool)
    index = pair_index(problem, g, t)
    x[index[index >= 0]] = True
    return {pid: reason for pid, _, reason in unmatched_reasons(inst, model, g, t, x)}


def explain_output(out_dir: Path, *, pair: str | None = None, person: str | None = None, lang: Lang = "en") -> str:
    """The explanation of a pair (`pair`: "MENTOR_ID,ADEPT_ID") or a person, in `lang`."""
    scenario, pairs, unmatched = _load(out_dir)
    program = scenario.program
    model = build_model(scenario)
    inst = model.inst
    giver_pos, taker_pos = inst.giver_position, inst.taker_position
    strangers = sorted({m for m in pairs["mentor_id"] if m not in giver_pos} | {
        a for a in pairs["adept_id"] if a not in taker_pos
    })
    if strangers:  # pairs.csv edited by hand, or the people file changed since the run
        raise InputError.single(
            str(out_dir / "pairs.csv"), None, None,
            f"{', '.join(strangers[:5])} {'is' if len(strangers) == 1 else 'are'} not in the scenario's people "
            "file any more: explain the output with the inputs it was made from",
        )
    load = np.zeros(inst.n_givers, dtype=np.int64)
    for m in pairs["mentor_id"]:
        load[giver_pos[m]] += 1

    def lines(messages: list[Msg]) -> str:
        return "\n".join(message.render(lang, program) for message in messages)

    if pair is not None:
        parts = [p.strip() for p in pair.split(",")]
        if len(parts) != 2 or parts[0] not in giver_pos or parts[1] not in taker_pos:
            raise InputError.single(
                "--pair",
                None,
                None,
                f"{pair!r} is not {inst.giver_role}_id,{inst.taker_role}_id of known people",
            )
        return lines([*_explain_pair(model, pairs, parts[0], parts[1], load), *_repair_lines(out_dir, parts[1])])
    assert person is not None
    if person in taker_pos:
        match = pairs[pairs["adept_id"] == person]
        if len(match):
            story = _repair_lines(out_dir, person)
            return lines([*_explain_pair(model, pairs, str(match["mentor_id"].iat[0]), person, load), *story])
        found: list[Msg] = [Msg("explain.person.unmatched", {"person": person, "why": _why(model, pairs, unmatched,
                                                                                              person)})]
        options = _alternatives(model, taker_pos[person], None, load)
        found.append(Msg("explain.person.options", {"options": _semicolons(options)}) if options
                     else Msg("explain.person.options.none"))
        return lines(found)
    if person in giver_pos:
        mine = pairs[pairs["mentor_id"] == person]
        g = giver_pos[person]
        capacity = int(inst.giver_records[g]["capacity"])
        found = [Msg("explain.person.giver", {"person": person, "count": len(mine), "capacity": capacity})]
        for a in mine["adept_id"]:
            reasons = [w for c in model.constraints if (w := c.explain_pair(inst, g, taker_pos[a])) is not None]
            found.append(Msg("explain.person.giver.pair", {"adept": a, "reasons": pair_reasons_text(reasons, lang,
                                                                                                     program)}))
        if not len(mine):
            found.append(Msg("explain.person.unused", {"why": _why(model, pairs, unmatched, person)}))
        return lines(found)
    changes = read_changes(out_dir)
    left = leaver_story(changes, person) if changes is not None else None
    if left is not None:
        return left.render(lang, program)
    raise InputError.single("--person", None, None, f"{person!r} is not an id in the people file")


def _why(model: Model, pairs: pd.DataFrame, unmatched: pd.DataFrame, person: str) -> Msg:
    """Why the person is left out: the engine's reason, else unmatched.csv's text, else 'no reason'."""
    reason = _reasons_left_out(model, pairs).get(person)
    if reason is not None:
        return reason
    recorded = unmatched.loc[unmatched["id"] == person, "reason"]
    if len(recorded):
        return Msg("text.verbatim", {"text": str(recorded.iat[0])})
    return Msg("explain.person.no_reason")


def _semicolons(messages: list[Msg]) -> Msg:
    if len(messages) == 1:
        return messages[0]
    return Msg("explain.list", {"first": messages[0], "then": _semicolons(messages[1:])})


def _repair_lines(out_dir: Path, person: str) -> list[Msg]:
    """What a repair changed for this person (nothing for a plain run's output)."""
    changes = read_changes(out_dir)
    return person_story(changes, person) if changes is not None else []


def _explain_pair(model: Model, pairs: pd.DataFrame, giver_id: str, taker_id: str, load: np.ndarray) -> list[Msg]:
    inst = model.inst
    g, t = inst.giver_position[giver_id], inst.taker_position[taker_id]
    made = bool(((pairs["mentor_id"] == giver_id) & (pairs["adept_id"] == taker_id)).any())
    pair = {"pair": f"{giver_id} - {taker_id}"}
    found = [Msg("explain.pair.made" if made else "explain.pair.not_made", pair)]
    if not model.eligible[g, t]:
        blockers = [c.name for c in model.constraints if (a := c.filter_mask(inst)) is not None and not a[g, t]]
        found.append(Msg("explain.pair.not_allowed", {"rules": [rule_ref(name) for name in blockers]}))
    for constraint in model.constraints:
        words = constraint.explain_pair(inst, g, t)
        if words is not None:
            found.append(Msg("explain.pair.rule", {"rule": rule_ref(constraint.name), "words": words}))
    others = _alternatives(model, t, g, load)
    found.append(Msg("explain.pair.next", {"id": taker_id, "options": _semicolons(others)}) if others
                 else Msg("explain.pair.next.none", {"id": taker_id}))
    return found
