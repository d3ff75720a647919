"""What the review shows, computed from a run and the decisions: the rows of the pair table,
the changes since the previous run, whether the matching may be published, the letters.

Names appear here: the review is the coordinator's own pair list. Nothing here is logged.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from matcher.app.adapter import RunView
from matcher.app.store import Decision
from matcher.i18n import Lang, Words


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def person_info(record: dict[str, Any], lang: Lang) -> dict[str, str]:
    """A person as the pages show them: name, id, administration, unit, band, gender (in words)."""
    w = Words(lang)
    gender = _text(record.get("gender"))
    return {
        "id": _text(record.get("id")),
        "name": _text(record.get("name")),
        "administration": _text(record.get("administration")),
        "unit": _text(record.get("unit")),
        "band": _text(record.get("band")),
        "gender": w(f"gender.{gender}") if gender and w.has(f"gender.{gender}") else gender,
        "role": _text(record.get("role")),
    }


def review_rows(
    view: RunView, decisions: dict[tuple[str, str], Decision], lang: Lang, *, admin: str = "", status: str = "",
    only: tuple[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The pair table's rows, filtered by administration (either side's) and decision status."""
    rows = []
    for record in view.pairs.to_dict("records"):
        m, a = str(record["mentor_id"]), str(record["adept_id"])
        if only is not None and (m, a) != only:
            continue
        decision = decisions.get((m, a))
        state = decision.status if decision else "undecided"
        mentor, adept = person_info(view.person(m), lang), person_info(view.person(a), lang)
        if admin and admin not in (mentor["administration"], adept["administration"]):
            continue
        if status and status != state:
            continue
        rows.append({
            "m": m, "a": a, "mentor": mentor, "adept": adept, "score": _text(record.get("score")),
            "reasons": [r.strip() for r in _text(record.get("reasons")).split(";") if r.strip()],
            "status": state, "reason": decision.reason if decision else None, "who": decision.who if decision else None,
        })
    return rows


def change_rows(before: RunView, after: RunView, lang: Lang) -> list[dict[str, Any]]:
    """Pairs added, removed and moved (the adept has another mentor) from one run to the next."""
    old = dict(zip(before.pairs["adept_id"], before.pairs["mentor_id"], strict=True))
    new = dict(zip(after.pairs["adept_id"], after.pairs["mentor_id"], strict=True))

    def who(pid: str | None) -> dict[str, str] | None:
        if pid is None:
            return None
        return person_info(after.person(pid) or before.person(pid), lang)

    rows = []
    for adept in sorted(set(old) | set(new)):
        was, now = old.get(adept), new.get(adept)
        if was == now:
            continue
        kind = "added" if was is None else "removed" if now is None else "moved"
        rows.append({"kind": kind, "adept": who(adept), "before": who(was), "after": who(now)})
    order = {"removed": 0, "moved": 1, "added": 2}
    return sorted(rows, key=lambda r: (order[r["kind"]], r["adept"]["id"]))


def publish_readiness(view: RunView, decisions: dict[tuple[str, str], Decision]) -> dict[str, Any]:
    """Every pair approved (or locked) and none declined: only then is the matching hers to publish."""
    counts = dict.fromkeys(("undecided", "approved", "locked", "declined"), 0)
    for m, a in zip(view.pairs["mentor_id"], view.pairs["adept_id"], strict=True):
        decision = decisions.get((str(m), str(a)))
        counts[decision.status if decision else "undecided"] += 1
    ok = bool(len(view.pairs)) and counts["undecided"] == 0 and counts["declined"] == 0
    status = str(view.summary.get("status"))
    return {"ok": ok and status in ("OPTIMAL", "FEASIBLE"), "counts": counts, "pairs": len(view.pairs)}


def letters(view: RunView, lang: Lang) -> list[dict[str, Any]]:
    """One entry per mentor with their adepts: the letter-ready list."""
    by_mentor: dict[str, list[str]] = {}
    for m, a in zip(view.pairs["mentor_id"], view.pairs["adept_id"], strict=True):
        by_mentor.setdefault(str(m), []).append(str(a))
    entries = []
    for mentor, adepts in by_mentor.items():
        entries.append({"mentor": person_info(view.person(mentor), lang),
                        "adepts": [person_info(view.person(a), lang) for a in adepts]})
    return sorted(entries, key=lambda e: (e["mentor"]["name"], e["mentor"]["id"]))
