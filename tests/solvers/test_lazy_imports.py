"""A cohort with room to spare loads neither scipy nor the heavier back-ends.

The example cohort is settled by one min-cost flow whose pairs meet every rule. Importing
scipy.optimize, scipy.sparse and the Lagrangian and HiGHS modules took 0.3-0.5 s of the
coordinator's 1-1.5 s command; they are imported where a run first needs them. A run that does
need them (pairs breaking a rule) must still load and use them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ["scipy.optimize", "scipy.sparse", "matcher.solvers.lagrangian", "matcher.solvers.mip", "highspy"]

PROBE = """
import json, sys
from matcher import Scenario, solve
result = solve(Scenario.from_yaml(sys.argv[1]))
print(json.dumps({"solver": result.solver, "loaded": [m for m in sys.argv[2:] if m in sys.modules]}))
"""


def _loaded(scenario: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", PROBE, str(scenario), *HEAVY], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_cohort_is_solved_without_loading_the_heavier_solvers() -> None:
    found = _loaded(ROOT / "scenarios/cohort/scenario.yaml")
    assert found["solver"] == "min-cost-flow"
    assert found["loaded"] == []


def test_a_run_whose_flow_breaks_a_rule_loads_what_it_needs() -> None:
    # The city pool's row-free optimum breaks its rows: count boxes, the Lagrangian or HiGHS
    # answer, so their modules are loaded on use.
    found = _loaded(ROOT / "scenarios/city/scenario.yaml")
    assert found["solver"] != "min-cost-flow"
    assert "matcher.solvers.lagrangian" in found["loaded"]
