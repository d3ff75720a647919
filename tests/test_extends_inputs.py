"""Every file a scenario reads through `extends:`, at any depth, is an input: recorded and hashed
in summary.json, and never written over (a sweep into the folder its base came from, a history
export onto a base)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import run_matcher as matcher

from matcher import Scenario

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    """cohort/scenario.yaml <- middle.yaml <- child.yaml."""
    folder = tmp_path / "cohort"
    shutil.copytree(REPO / "scenarios" / "cohort", folder)
    (folder / "middle.yaml").write_text("extends: scenario.yaml\nname: middle\n", encoding="utf-8")
    (folder / "child.yaml").write_text("extends: middle.yaml\nname: child\ncohort: VT26\n", encoding="utf-8")
    return folder


def test_the_bases_are_input_files_at_any_depth(chain: Path) -> None:
    files = Scenario.from_yaml(chain / "child.yaml").files
    assert files["scenario"] == (chain / "child.yaml").resolve()
    assert files["extends"] == (chain / "middle.yaml").resolve()
    assert files["extends.2"] == (chain / "scenario.yaml").resolve()


def test_summary_json_hashes_every_base(chain: Path, tmp_path: Path) -> None:
    done = matcher("run", chain / "child.yaml", "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    recorded = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["inputs"]["files"]
    assert {"extends", "extends.2"} <= set(recorded)
    (chain / "scenario.yaml").write_text((chain / "scenario.yaml").read_text(encoding="utf-8") + "\n# edited\n",
                                         encoding="utf-8")
    refused = matcher("publish", tmp_path / "out", "--db", tmp_path / "h.sqlite")
    assert refused.returncode == 2 and "scenario.yaml" in refused.stderr and "has changed" in refused.stderr


def test_a_sweep_never_writes_over_the_point_its_scenario_extends(chain: Path, tmp_path: Path) -> None:
    out = tmp_path / "sweep"
    vary = ("--vary", "constraints.administration.min_cross_share=0,0.3", "--workers", "1")
    first = matcher("sweep", chain / "scenario.yaml", *vary, "--out", out)
    assert first.returncode == 0, first.stderr
    point = out / "points" / "point-0001.yaml"
    (chain / "again.yaml").write_text(f"extends: {point}\nname: again\n", encoding="utf-8")
    before = point.read_bytes()
    second = matcher("sweep", chain / "again.yaml", *vary, "--out", out)
    assert second.returncode == 2, second.stderr
    assert "point-0001.yaml" in second.stderr and "overwrite the input file" in second.stderr
    assert point.read_bytes() == before


def test_history_export_never_writes_over_a_base(chain: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert matcher("run", chain / "child.yaml", "--out", out).returncode == 0
    db = tmp_path / "h.sqlite"
    assert matcher("publish", out, "--db", db).returncode == 0
    before = (chain / "scenario.yaml").read_bytes()
    refused = matcher("history", "export", "VT26", "--db", db, "--out", chain / "scenario.yaml")
    assert refused.returncode == 2 and "input file" in refused.stderr
    assert (chain / "scenario.yaml").read_bytes() == before
