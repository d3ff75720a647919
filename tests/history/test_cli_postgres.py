"""The term-to-term workflow with the history on a real PostgreSQL server (a shared database):
the same commands as with the SQLite file, given `--db postgresql+psycopg://...`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import psycopg
from test_cli_history import COHORT, matcher, pair_set, scenario_text


def stored_text(url: str) -> str:
    """Every value the database holds, as text: to look for a name in it."""
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1)) as conn:
        parts = []
        for table in ("cohorts", "pairs", "participants"):
            parts += [str(row) for row in conn.execute(f"SELECT * FROM {table}").fetchall()]
    return "\n".join(parts)


def test_publish_history_rules_and_export_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    shutil.copytree(COHORT, folder)
    (folder / "vt26.yaml").write_text(scenario_text("VT26").replace("history_db: history.sqlite\n", ""), "utf-8")
    rules = "  history: {}\n  mentor_load: {max_adepts: 2, terms: 2}\n  coverage: {hard: false, priority: 1}\n"
    ht26 = scenario_text("HT26", rules).replace("history_db: history.sqlite\n", "")
    (folder / "ht26.yaml").write_text(ht26, encoding="utf-8")

    assert matcher("run", folder / "vt26.yaml", "--out", tmp_path / "vt26").returncode == 0
    published = matcher("publish", tmp_path / "vt26", "--db", postgres_url)
    assert published.returncode == 0, published.stderr
    assert "published VT26" in published.stderr

    # The next term reads the history rules from the server.
    done = matcher("run", folder / "ht26.yaml", "--out", tmp_path / "ht26", "--db", postgres_url)
    assert done.returncode == 0, done.stderr
    before, after = pair_set(tmp_path / "vt26" / "pairs.csv"), pair_set(tmp_path / "ht26" / "pairs.csv")
    assert after and not before & after, "a VT26 pair was repeated in HT26"
    summary = json.loads((tmp_path / "ht26" / "summary.json").read_text(encoding="utf-8"))
    assert summary["inputs"]["history_cohorts"] == ["VT26"]

    assert matcher("publish", tmp_path / "ht26", "--db", postgres_url).returncode == 0
    again = matcher("publish", tmp_path / "ht26", "--db", postgres_url)
    assert again.returncode == 2 and "already published" in again.stderr
    listed = matcher("history", "list", "--db", postgres_url)
    assert listed.returncode == 0 and listed.stdout.index("VT26") < listed.stdout.index("HT26")
    out = tmp_path / "ht26.csv"
    assert matcher("history", "export", "HT26", "--db", postgres_url, "--out", out).returncode == 0
    assert pair_set(out) == pair_set(tmp_path / "ht26" / "pairs.csv")
    # explain and check re-read the same server and history window
    pair = next(iter(after))
    explained = matcher("explain", tmp_path / "ht26", "--pair", f"{pair[0]},{pair[1]}")
    assert explained.returncode == 0, explained.stderr
    names = pd.read_csv(COHORT / "people.csv", sep=";", encoding="utf-8-sig")["namn"]
    text = stored_text(postgres_url)
    assert not [n for n in names if n in text], "a name was stored in the shared database"
