"""What a repair did to one person, read from its changes.csv: for `matcher explain` on a repair's
output (a leaver is not in the repaired cohort, and a moved adept's pair has a history).

The lines are catalogue messages (`explain.repair.*`); each change's reason is the repair's own
text from changes.csv, shown as it was written.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from constraints.base import joined
from matcher.i18n import Msg

#: changes.csv's columns in the trainee programme, and the names used here.
_COLUMNS = {"supervisor_id": "mentor_id", "trainee_id": "adept_id", "previous_supervisor_id": "previous_mentor_id"}


def read_changes(out_dir: Path) -> pd.DataFrame | None:
    """The repair's changes.csv (None for a plain run's output folder)."""
    path = out_dir / "changes.csv"
    if not path.is_file():
        return None
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return table.rename(columns=_COLUMNS)


def person_story(changes: pd.DataFrame, person: str) -> list[Msg]:
    """One message per change the repair made to this person's pairs."""
    lines = []
    for record in changes.to_dict("records"):
        change, mentor, adept = str(record["change"]), str(record["mentor_id"]), str(record["adept_id"])
        previous, reason = str(record.get("previous_mentor_id", "")), str(record.get("reason", ""))
        if person not in (mentor, adept, previous):
            continue
        values = {"mentor": mentor, "adept": adept, "previous": previous, "reason": reason}
        if change in ("ended_leaver", "ended_moved", "pair_dropped_invalid"):
            lines.append(Msg("explain.repair.ended", values))
        elif change == "moved":
            lines.append(Msg("explain.repair.moved", values))
        elif change == "new_pair" and previous:
            lines.append(Msg("explain.repair.new_pair.instead", values))
        elif change == "new_pair":
            lines.append(Msg("explain.repair.new_pair", values))
    return lines


def leaver_story(changes: pd.DataFrame, person: str) -> Msg | None:
    """For someone who left (in the changes, not in the repaired cohort): what happened, else None."""
    ended = changes[(changes["change"] == "ended_leaver")
                    & ((changes["mentor_id"] == person) | (changes["adept_id"] == person))]
    if ended.empty:
        return None
    partners = [m if a == person else a for m, a in zip(ended["mentor_id"], ended["adept_id"], strict=True)]
    after = [line for line in person_story(changes, person) if line.key.startswith("explain.repair.new_pair")]
    for partner in partners:
        after += [line for line in person_story(changes, partner) if line.key.startswith("explain.repair.new_pair")]
    left = Msg("explain.repair.left", {"person": person, "partners": partners})
    unique = list({repr(line.to_json()): line for line in after}.values())
    return Msg("explain.repair.left.after", {"left": left, "after": joined(unique)}) if unique else left
