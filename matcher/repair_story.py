"""What a repair did to one person, read from its changes.csv: for `matcher explain` on a repair's
output (a leaver is not in the repaired cohort, and a moved adept's pair has a history)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: changes.csv's columns in the trainee programme, and the names used here.
_COLUMNS = {"supervisor_id": "mentor_id", "trainee_id": "adept_id", "previous_supervisor_id": "previous_mentor_id"}


def read_changes(out_dir: Path) -> pd.DataFrame | None:
    """The repair's changes.csv (None for a plain run's output folder)."""
    path = out_dir / "changes.csv"
    if not path.is_file():
        return None
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return table.rename(columns=_COLUMNS)


def person_story(changes: pd.DataFrame, person: str) -> list[str]:
    """One line per change the repair made to this person's pairs, in its words."""
    lines = []
    for record in changes.to_dict("records"):
        change, mentor, adept = str(record["change"]), str(record["mentor_id"]), str(record["adept_id"])
        previous, reason = str(record.get("previous_mentor_id", "")), str(record.get("reason", ""))
        if person not in (mentor, adept, previous):
            continue
        if change in ("ended_leaver", "ended_moved", "pair_dropped_invalid"):
            lines.append(f"the pair {mentor} - {adept} ended in the repair: {reason}")
        elif change == "moved":
            lines.append(f"moved in the repair: {adept} had {previous}, now {mentor} ({reason})")
        elif change == "new_pair" and previous:
            lines.append(f"new pair in the repair: {adept} had {previous}, now {mentor} ({reason})")
        elif change == "new_pair":
            lines.append(f"new pair in the repair: {mentor} - {adept} ({reason})")
    return lines


def leaver_story(changes: pd.DataFrame, person: str) -> str | None:
    """For someone who left (in the changes, not in the repaired cohort): what happened, else None."""
    ended = changes[(changes["change"] == "ended_leaver")
                    & ((changes["mentor_id"] == person) | (changes["adept_id"] == person))]
    if ended.empty:
        return None
    partners = [m if a == person else a for m, a in zip(ended["mentor_id"], ended["adept_id"], strict=True)]
    after = [line for line in person_story(changes, person) if line.startswith("new pair")]
    for partner in partners:
        after += [line for line in person_story(changes, partner) if line.startswith("new pair")]
    text = (f"{person} left the cohort in this repair (listed among the leavers): "
            f"the pair with {', '.join(partners)} ended")
    return text + ("; " + "; ".join(dict.fromkeys(after)) if after else "")
