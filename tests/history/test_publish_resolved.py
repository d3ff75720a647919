"""Publish checks every file the scenario read, through any depth of `extends:`, and stores the
resolved scenario (issue 16 item 3); tests/test_extends_inputs.py covers the bases as inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from cli_helpers import run_matcher as matcher

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def chain(tmp_path: Path) -> dict[str, Path]:
    """cohort/base.yaml (the example cohort's rules) <- middle.yaml <- child.yaml (the cohort's name
    and database only): two levels of extends."""
    folder = tmp_path / "cohort"
    shutil.copytree(REPO / "scenarios" / "cohort", folder)
    (folder / "scenario.yaml").rename(folder / "base.yaml")
    (folder / "middle.yaml").write_text("extends: base.yaml\nconstraints:\n  topics: {weight: 7}\n", "utf-8")
    (folder / "child.yaml").write_text(
        "extends: middle.yaml\ncohort: VT26\nhistory_db: history.sqlite\n", encoding="utf-8")
    return {"folder": folder, "base": folder / "base.yaml", "middle": folder / "middle.yaml",
            "child": folder / "child.yaml", "out": tmp_path / "out"}


def test_publish_refuses_a_base_changed_since_the_run_and_stores_the_resolved_scenario(
    chain: dict[str, Path], tmp_path: Path,
) -> None:
    assert matcher("run", chain["child"], "--out", chain["out"]).returncode == 0
    original = chain["base"].read_text(encoding="utf-8")
    chain["base"].write_text(original.replace("topics: {weight: 5}", "topics: {weight: 50}"), encoding="utf-8")
    refused = matcher("publish", chain["out"])
    assert refused.returncode == 2 and str(chain["base"].resolve()) in refused.stderr, refused.stderr
    chain["base"].write_text(original, encoding="utf-8")
    published = matcher("publish", chain["out"])
    assert published.returncode == 0, published.stderr
    stored = tmp_path / "published.yaml"
    exported = matcher("history", "export", "VT26", "--scenario", chain["child"], "--out", tmp_path / "p.csv",
                       "--scenario-yaml", stored)
    assert exported.returncode == 0, exported.stderr
    text = stored.read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    assert "extends" not in config and config["constraints"]["topics"]["weight"] == 7  # the middle's
    assert config["constraints"]["administration"]["min_cross_share"] == 0.3  # the base's
    assert str(chain["base"].resolve()) in text.splitlines()[0]
    # ... and it re-runs, from anywhere, to the same pairs
    rerun = matcher("run", stored, "--out", tmp_path / "again")
    assert rerun.returncode == 0, rerun.stderr
    first = pd.read_csv(chain["out"] / "pairs.csv")[["mentor_id", "adept_id"]]
    again = pd.read_csv(tmp_path / "again" / "pairs.csv")[["mentor_id", "adept_id"]]
    assert first.equals(again)
