"""The same scenario gives the same pairs whatever BLAS's thread count.

Dask workers (and our local worker processes) run numpy's BLAS on one thread; this process uses
one per core. BLAS splits a dot product's sum across its threads, so the last bits differ, and
the solvers broke ties between equally good matchings differently: a sweep on Dask once
differed from the same sweep here. The solvers now sum the same way on any thread count.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from matcher import Scenario, solve

REPO = Path(__file__).resolve().parents[2]
# A city point where the two roundings once picked different optimal matchings (lowest score 77 vs 76).
VARIANT = """extends: {base}
constraints:
  gender_balance: {{equal_match_rate_tolerance: 0.05}}
  administration: {{min_cross_share: 0.3}}
"""
SOLVE = (
    "import sys; from matcher import Scenario, solve; "
    "r = solve(Scenario.from_yaml(sys.argv[1])); "
    "print(sorted(zip(r.pairs['mentor_id'], r.pairs['adept_id'])))"
)


def pairs_with_threads(scenario: Path, threads: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    if threads is not None:
        env["OMP_NUM_THREADS"] = env["OPENBLAS_NUM_THREADS"] = threads
    done = subprocess.run([sys.executable, "-c", SOLVE, str(scenario)], capture_output=True, text=True,
                          env=env, timeout=300, check=True)
    return done.stdout


def test_blas_threads_do_not_change_the_matching(tmp_path: Path) -> None:
    scenario = tmp_path / "variant.yaml"
    scenario.write_text(VARIANT.format(base=REPO / "scenarios" / "city" / "scenario.yaml"), encoding="utf-8")
    one = pairs_with_threads(scenario, "1")
    assert one.startswith("[(")
    assert pairs_with_threads(scenario, "2") == one


def test_highs_runs_on_one_thread_whatever_workers_says(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`workers` is cp-sat's: HiGHS on one thread everywhere, so it cannot change mip-highs' pairs,
    and a sweep's processes do not each start a pool of HiGHS threads (matcher.solvers.mip.HIGHS_THREADS)."""
    import highspy

    asked: list[object] = []
    original = highspy.Highs.setOptionValue

    def recording(self: highspy.Highs, name: str, value: object) -> object:
        if name == "threads":
            asked.append(value)
        return original(self, name, value)

    monkeypatch.setattr(highspy.Highs, "setOptionValue", recording)
    pairs = {}
    for workers in (1, 4):
        scenario = tmp_path / f"workers-{workers}.yaml"
        scenario.write_text(
            VARIANT.format(base=REPO / "scenarios" / "city" / "scenario.yaml")
            + f"solver: {{backend: mip-highs, workers: {workers}}}\n",
            encoding="utf-8",
        )
        result = solve(Scenario.from_yaml(scenario), price_fairness=False)
        pairs[workers] = sorted(zip(result.pairs["mentor_id"], result.pairs["adept_id"], strict=True))
    assert asked and set(asked) == {1}
    assert pairs[1] == pairs[4]
