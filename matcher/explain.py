"""`matcher explain`: why a pair was made, why someone is unmatched, what came next."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from matcher.checker import normalise_pair_columns
from matcher.engine import Model, build_model
from matcher.errors import InputError
from matcher.output.cells import read_csv_back
from matcher.repair_story import leaver_story, person_story, read_changes
from matcher.run_record import read_run, solved_scenario
from matcher.scenario import Scenario


def _load(out_dir: Path) -> tuple[Scenario, pd.DataFrame, pd.DataFrame]:
    scenario = solved_scenario(read_run(out_dir), as_of="run")  # the history exactly as the run saw it
    pairs = normalise_pair_columns(read_csv_back(out_dir / "pairs.csv"))
    unmatched = read_csv_back(out_dir / "unmatched.csv")
    return scenario, pairs, unmatched


def _alternatives(model: Model, taker: int, exclude_giver: int | None, load: np.ndarray, top: int = 3) -> list[str]:
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
        room = "had room" if load[g] < capacity else f"was full ({load[g]}/{capacity})"
        lines.append(f"{inst.givers['id'].iat[g]} (score {int(model.score[e])}, {room})")
        if len(lines) == top:
            break
    return lines


def explain_output(out_dir: Path, *, pair: str | None = None, person: str | None = None) -> str:
    scenario, pairs, unmatched = _load(out_dir)
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
    if pair is not None:
        parts = [p.strip() for p in pair.split(",")]
        if len(parts) != 2 or parts[0] not in giver_pos or parts[1] not in taker_pos:
            raise InputError.single(
                "--pair",
                None,
                None,
                f"{pair!r} is not {inst.giver_role}_id,{inst.taker_role}_id of known people",
            )
        return "\n".join([_explain_pair(model, pairs, parts[0], parts[1], load), *_repair_lines(out_dir, parts[1])])
    assert person is not None
    if person in taker_pos:
        match = pairs[pairs["adept_id"] == person]
        if len(match):
            story = _repair_lines(out_dir, person)
            return "\n".join([_explain_pair(model, pairs, str(match["mentor_id"].iat[0]), person, load), *story])
        reason = unmatched.loc[unmatched["id"] == person, "reason"]
        why = str(reason.iat[0]) if len(reason) else "no reason recorded"
        lines = [f"{person} ({inst.taker_role}) is unmatched: {why}"]
        options = _alternatives(model, taker_pos[person], None, load)
        lines.append("best eligible options: " + ("; ".join(options) if options else "none"))
        return "\n".join(lines)
    if person in giver_pos:
        mine = pairs[pairs["mentor_id"] == person]
        capacity = int(inst.giver_records[giver_pos[person]]["capacity"])
        lines = [f"{person} ({inst.giver_role}) has {len(mine)} of capacity {capacity}"]
        for a, reasons in zip(mine["adept_id"], mine.get("reasons", [""] * len(mine)), strict=True):
            lines.append(f"  - {a}: {reasons}")
        reason = unmatched.loc[unmatched["id"] == person, "reason"]
        if len(reason):
            lines.append(f"unused: {reason.iat[0]}")
        return "\n".join(lines)
    changes = read_changes(out_dir)
    left = leaver_story(changes, person) if changes is not None else None
    if left is not None:
        return left
    raise InputError.single("--person", None, None, f"{person!r} is not an id in the people file")


def _repair_lines(out_dir: Path, person: str) -> list[str]:
    """What a repair changed for this person (nothing for a plain run's output)."""
    changes = read_changes(out_dir)
    return person_story(changes, person) if changes is not None else []


def _explain_pair(model: Model, pairs: pd.DataFrame, giver_id: str, taker_id: str, load: np.ndarray) -> str:
    inst = model.inst
    g, t = inst.giver_position[giver_id], inst.taker_position[taker_id]
    made = bool(((pairs["mentor_id"] == giver_id) & (pairs["adept_id"] == taker_id)).any())
    lines = [f"{giver_id} - {taker_id}: {'made' if made else 'NOT made'}"]
    if not model.eligible[g, t]:
        blockers = [c.name for c in model.constraints if (a := c.filter_mask(inst)) is not None and not a[g, t]]
        lines.append(f"not allowed by: {', '.join(blockers)}")
    for constraint in model.constraints:
        words = constraint.explain_pair(inst, g, t)
        if words:
            lines.append(f"  {constraint.name}: {words}")
    others = _alternatives(model, t, g, load)
    lines.append(f"next alternatives for {taker_id}: " + ("; ".join(others) if others else "none eligible"))
    return "\n".join(lines)
