"""The coordinator's folder as the workspace sees it: her files, the matchings' scenario files,
uploads, runs, and the decisions written out as the pair files the next run reads.

Layout inside FOLDER (everything the workspace writes stays here):

* `SLUG.yaml` — one ordinary scenario file per matching, written by the rules form (the CLI
  runs it as it is). The workspace only ever rewrites files it created.
* `uploads/` — files uploaded through the page (never replacing a file: `name-2.csv`, ...).
* `decisions/SLUG-locked.csv`, `decisions/SLUG-exclusions.csv` — the pairs kept (approved or
  locked) and declined, merged with the lock and exclusion files she gave, written before
  each run: the scenario names them, so a run from the command line sees the same decisions.
* `runs/ID/` — each run's output folder (pairs.csv, report.html, matching.xlsx, ...).
* `.matcher/` — the workspace database (decisions) and the running jobs' progress.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from matcher.app.security import SCENARIO_ENDINGS, TABLE_ENDINGS, free_name, inside
from matcher.app.store import Matching, Store

SKIPPED = {".matcher", ".git", ".venv", "runs", "decisions", "whatif", "node_modules", "__pycache__"}
HEADER = (
    "# Written by `matcher app` (the rules form); `matcher run` reads it as any scenario.\n"
    "# Editing it by hand is fine: the form starts from what is here.\n"
)


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.meta = self.root / ".matcher"
        self.meta.mkdir(parents=True, exist_ok=True)
        (self.meta / "scratch").mkdir(exist_ok=True)
        self.store = Store(self.meta / "workspace.sqlite")

    # -- files -----------------------------------------------------------------------------------
    def files(self, endings: tuple[str, ...]) -> list[str]:
        """Files in the folder with one of `endings` (relative paths), for "pick from the folder"."""
        found = []
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not d.startswith("."))
            for name in sorted(names):
                if name.lower().endswith(endings) and not name.startswith((".", "~$")):
                    found.append(str((Path(folder) / name).relative_to(self.root)))
            if len(found) > 500:
                break
        return found

    def table_files(self) -> list[str]:
        return self.files(TABLE_ENDINGS)

    def scenario_files(self) -> list[str]:
        return self.files(SCENARIO_ENDINGS)

    def path(self, relative: str) -> Path:
        """A file the request names, inside the workspace (PathRefused otherwise)."""
        return inside(self.root, relative)

    def relative(self, path: Path) -> str:
        return os.path.relpath(path, self.root)

    def save_upload(self, name: str, data: bytes) -> Path:
        """Store an upload under uploads/ (name already checked by security.plain_upload_name)."""
        folder = self.root / "uploads"
        folder.mkdir(exist_ok=True)
        target = free_name(folder, name)
        with open(target, "xb") as handle:
            handle.write(data)
        return target

    # -- matchings ---------------------------------------------------------------------------------
    def new_slug(self, wanted: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "-", wanted.lower().translate(str.maketrans("åäöé", "aaoe"))).strip("-")[:40]
        base = base or "matchning"
        slug, number = base, 2
        while self.store.matching(slug) is not None or (self.root / f"{slug}.yaml").exists():
            slug, number = f"{base}-{number}", number + 1
        return slug

    def yaml_path(self, matching: Matching) -> Path:
        return self.path(matching.yaml)

    def read_config(self, matching: Matching) -> dict[str, Any]:
        data = yaml.safe_load(self.yaml_path(matching).read_text(encoding="utf-8-sig")) or {}
        return data if isinstance(data, dict) else {}

    def write_config(self, matching: Matching, config: dict[str, Any]) -> None:
        """Write the matching's scenario file whole (temporary file, then rename), decisions included."""
        config = self.with_decisions(matching, config)
        order = ["name", "program", "cohort", "history_db", "people", "pair_scores", "exclusions", "locked",
                 "solver", "constraints"]
        ordered = {k: config[k] for k in order if config.get(k) not in (None, "", {})}
        if "constraints" not in ordered:
            ordered["constraints"] = {}
        text = HEADER + yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, default_flow_style=None)
        target = self.yaml_path(matching)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)

    def refresh_decisions(self, matching: Matching) -> None:
        """Rewrite the decision files and the scenario's keys naming them (before a run)."""
        self.write_config(matching, self.read_config(matching))

    def with_decisions(self, matching: Matching, config: dict[str, Any]) -> dict[str, Any]:
        """`config` with `locked:` and `exclusions:` naming the decision files, written now."""
        people_file = config.get("people")
        if not people_file:
            return config
        locked, excluded = self._merged_pairs(matching, str(people_file))
        folder = self.root / "decisions"
        config = dict(config)
        for key, table, base in (("locked", locked, matching.base_locked),
                                 ("exclusions", excluded, matching.base_exclusions)):
            target = folder / f"{matching.slug}-{key}.csv"
            if table.empty:
                config.pop(key, None)
                if base:
                    config[key] = base
                continue
            folder.mkdir(exist_ok=True)
            text = table.to_csv(index=False, lineterminator="\n")
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                temporary = target.with_name(f".{target.name}.tmp")
                temporary.write_text(text, encoding="utf-8")
                os.replace(temporary, target)
            config[key] = self.relative(target)
        return config

    def _merged_pairs(self, matching: Matching, people_file: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(locked, exclusions): her files' pairs and the decisions; a decision overrides her files."""
        from matcher.app import adapter

        decisions = self.store.decisions(matching.slug)
        keep = [(m, a) for (m, a), d in decisions.items() if d.status in ("approved", "locked")]
        declined = {(m, a): d.reason for (m, a), d in decisions.items() if d.status == "declined"}
        base_locked: list[tuple[str, str]] = []
        base_excluded: list[tuple[str, str, str]] = []
        if matching.base_locked or matching.base_exclusions:
            people = adapter.check_people(self.path(people_file))
            if matching.base_locked:
                table = adapter.read_pairs(self.path(matching.base_locked), "locked", people)
                base_locked = list(zip(table["mentor_id"], table["adept_id"], strict=True))
            if matching.base_exclusions:
                table = adapter.read_pairs(self.path(matching.base_exclusions), "exclusions", people)
                base_excluded = list(zip(table["mentor_id"], table["adept_id"], table["reason"], strict=True))
        kept_adepts = {a for _, a in keep}
        locked = [p for p in base_locked if p not in declined and p[1] not in kept_adepts] + sorted(keep)
        locked_set = set(locked)
        excluded = [(m, a, r) for m, a, r in base_excluded if (m, a) not in locked_set and (m, a) not in declined]
        excluded += [(m, a, r or "declined in the workspace") for (m, a), r in sorted(declined.items())]
        only_base = not decisions
        if only_base:  # nothing decided yet: her own files, as they are
            return pd.DataFrame(columns=["mentor_id", "adept_id"]), pd.DataFrame(columns=["mentor_id", "adept_id"])
        return (pd.DataFrame(locked, columns=["mentor_id", "adept_id"]),
                pd.DataFrame(excluded, columns=["mentor_id", "adept_id", "reason"]))

    def run_dir(self, run_id: str) -> Path:
        return self.root / "runs" / run_id
