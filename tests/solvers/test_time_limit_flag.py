"""When the time limit (a safety net) stops the search, the run says so (issue 15): the status
is what the bounds prove, `time_limit_hit` is true in summary.json, the notes say the pairs are
not reproducible, and the terminal tells the coordinator in their language."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import run_matcher

REPO = Path(__file__).resolve().parents[2]
POINT = """extends: {base}
solver: {{backend: lagrangian, time_limit_s: 0.001}}
constraints:
  gender_balance: {{equal_match_rate_tolerance: 0.1}}
  administration: {{min_cross_share: 0.1}}
"""


def test_a_run_stopped_by_the_time_limit_is_marked_not_reproducible(tmp_path: Path) -> None:
    scenario = tmp_path / "rushed.yaml"
    scenario.write_text(POINT.format(base=REPO / "scenarios" / "city" / "scenario.yaml"), encoding="utf-8")
    out = tmp_path / "out"
    done = run_matcher("run", scenario, "--out", out, "--lang", "sv")
    assert done.returncode == 0, done.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["time_limit_hit"] is True
    assert summary["status"] == "FEASIBLE"
    assert any("not reproducible" in note for note in summary["notes"])
    assert "Tidsgränsen (0.001 s) nåddes" in done.stderr or "Tidsgränsen (0,001 s) nåddes" in done.stderr


def test_a_run_within_the_work_limit_is_not_marked(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_matcher("run", REPO / "scenarios" / "cohort" / "scenario.yaml", "--out", out)
    assert done.returncode == 0, done.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["time_limit_hit"] is False
    assert "time limit" not in done.stderr
