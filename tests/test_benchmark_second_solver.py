"""The benchmarks' second solver: plain HiGHS on the engine's own matrix must reach the engine's
optimum, and a run that overruns its deadline is stopped and reported, not waited for."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks/ is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import second_solver  # noqa: E402
from benchmarks.__main__ import ALL_RULES, engine_run, write_instance  # noqa: E402


def test_plain_highs_reaches_the_engines_optimum(tmp_path: Path) -> None:
    for capacity, seed in (((1, 3), 7), ((1, 1), 8)):
        folder = tmp_path / f"cap{capacity[1]}"
        folder.mkdir()
        scenario = write_instance(folder, 12, 18, capacity, ALL_RULES, seed=seed)
        _, result = engine_run(scenario)
        seconds, objectives, bounds, status, _ = second_solver.plain_highs(scenario, 120.0)
        assert status == "OPTIMAL" and seconds > 0
        assert objectives == result.objectives  # every level, found independently of the engine's pipeline
        assert bounds == objectives


def test_an_overrun_is_stopped_at_the_deadline(tmp_path: Path) -> None:
    scenario = write_instance(tmp_path, 12, 18, (1, 3), ALL_RULES)
    # A deadline the spawned child cannot meet (starting Python alone takes longer).
    seconds, objectives, _, status, note = second_solver.run_with_deadline(scenario, 0.01 - second_solver.START_UP_S)
    assert status == "NO ANSWER" and objectives == {}
    assert "stopped after" in note and seconds < 30
