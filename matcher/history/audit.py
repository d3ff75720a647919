"""What a published matching keeps so it can be traced and re-run: the inputs' hashes.

Light on purpose (hashlib only): `Result.summary()` calls it for every run.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matcher.errors import Problem

if TYPE_CHECKING:
    import pandas as pd

    from matcher.scenario import Scenario

_CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in chunks (a score file may be large)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_hashes(files: dict[str, Path]) -> dict[str, dict[str, Any]]:
    """kind -> {path, sha256, bytes} for each input file that exists (kinds as Scenario.files names them)."""
    hashes: dict[str, dict[str, Any]] = {}
    for kind, path in sorted(files.items()):
        try:
            hashes[kind] = {"path": str(path), "sha256": file_sha256(path), "bytes": Path(path).stat().st_size}
        except OSError:
            continue  # gone since loading: publish reports it when it compares
    return hashes


def input_audit(scenario: Scenario) -> dict[str, Any]:
    """summary.json's `inputs`: the files' hashes, the cohort, and which earlier cohorts the history rules saw."""
    history = getattr(scenario, "history", None)
    seen = sorted({str(c) for c in history["cohort"]}) if history is not None and len(history) else []
    database = getattr(scenario, "history_db", None)
    return {
        "files": file_hashes(dict(scenario.files)),
        "cohort": getattr(scenario, "cohort", None),
        # Where the history came from, so `explain` re-reads the same; a URL's password is never written.
        "history_db": None if database is None or history is None else _without_password(str(database)),
        "history_cohorts": seen if history is not None else None,
        # Each earlier cohort's place (1 = the latest), so `explain` can rebuild exactly this window
        # after later cohorts are published (they would otherwise be seen, and shift the places).
        "history_backs": _backs(history) if history is not None else None,
    }


def _backs(history: pd.DataFrame) -> dict[str, int]:
    places = history[["cohort", "back"]].drop_duplicates().sort_values("back", kind="stable")
    return {str(c): int(b) for c, b in zip(places["cohort"], places["back"], strict=True)}


def _without_password(target: str) -> str:
    """`postgresql://user:secret@host/db` -> `postgresql://user:***@host/db`; paths unchanged."""
    return re.sub(r"^([a-z0-9+]+://[^:/@]+):[^@]*@", r"\1:***@", target)


def changed_files(recorded: Mapping[str, Any], *, since: str, rerun: str) -> list[Problem]:
    """Files whose bytes differ from those recorded ({kind: {"path", "sha256"}}), or that are gone,
    each located at the file itself. `since` names what read them ("the run"), `rerun` what to do."""
    problems = []
    for kind, entry in sorted(recorded.items()):
        path = Path(str(entry.get("path", "")))
        if not path.is_file():
            problems.append(Problem(str(path), None, kind, f"used by {since} but gone: restore it, or {rerun}"))
        elif file_sha256(path) != entry.get("sha256"):
            problems.append(
                Problem(str(path), None, kind, f"has changed since {since} (its SHA-256 differs from summary.json's): "
                        f"{rerun}")
            )
    return problems
