"""Every file a scenario reads, through any depth of `extends:`, is an input (issue 16 items 1, 3):
never written over, hashed at the run, checked at publish; publish stores the resolved scenario."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from cli_helpers import run_matcher as matcher

from matcher import Scenario

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


def test_the_scenario_knows_every_file_it_read(chain: dict[str, Path]) -> None:
    files = Scenario.from_yaml(chain["child"]).files
    assert files["scenario"] == chain["child"].resolve()
    assert files["extends.1"] == chain["middle"].resolve() and files["extends.2"] == chain["base"].resolve()


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


def test_history_export_never_writes_over_a_base(chain: dict[str, Path]) -> None:
    assert matcher("run", chain["child"], "--out", chain["out"]).returncode == 0
    assert matcher("publish", chain["out"]).returncode == 0
    before = chain["middle"].read_bytes()
    over = matcher("history", "export", "VT26", "--scenario", chain["child"], "--out", chain["middle"])
    assert over.returncode == 2 and "input file" in over.stderr, over.stderr
    assert chain["middle"].read_bytes() == before


def test_a_sweep_never_writes_over_the_point_file_its_scenario_extends(chain: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "sweep"
    first = matcher("sweep", chain["base"], "--vary", "constraints.topics.weight=1,2", "--out", out, "--workers", "1")
    assert first.returncode == 0, first.stderr
    point = out / "points" / "point-0001.yaml"
    again = tmp_path / "again.yaml"
    again.write_text(f"extends: {point}\n", encoding="utf-8")
    before = point.read_bytes()
    second = matcher("sweep", again, "--vary", "constraints.topics.weight=3,4", "--out", out, "--workers", "1")
    assert second.returncode == 2 and "input" in second.stderr, second.stderr
    assert point.read_bytes() == before
