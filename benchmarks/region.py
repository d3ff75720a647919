"""One step of the region-scale benchmark, run in its own process so that its peak RSS
(VmHWM of the process, see `peak_rss_mb`) is its own: ``python -m benchmarks.region STEP FOLDER N_MENTORS N_ADEPTS
CAP_LOW CAP_HIGH DENSITY`` with STEP one of generate, scipy, solve. Prints one JSON line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any


def run(
    step: str, folder: Path, n_mentors: int, n_adepts: int, capacity: tuple[int, int], density: float
) -> dict[str, Any]:
    from benchmarks.__main__ import REGION_RULES, engine_run, peak_rss_mb, scipy_baseline, write_instance

    if step == "generate":
        started = time.perf_counter()
        write_instance(folder, n_mentors, n_adepts, capacity, REGION_RULES, density=density, time_limit_s=120)
        seconds = time.perf_counter() - started
        with (folder / "scores.csv").open("rb") as handle:
            pairs = sum(1 for _ in handle) - 1
        mb = (folder / "scores.csv").stat().st_size / 2**20
        return {"seconds": seconds, "pairs": pairs, "mb": mb, "rss_mb": peak_rss_mb()}
    if step == "scipy":
        seconds, objective, matched = scipy_baseline(folder)
        return {"seconds": seconds, "objective": objective, "matched": matched, "rss_mb": peak_rss_mb()}
    if step == "solve":
        seconds, result = engine_run(folder / "scenario.yaml")
        return {
            "seconds": seconds,
            "solver": result.solver,
            "status": result.status,
            "objective": ", ".join(f"p{p}={v:g}" for p, v in sorted(result.objectives.items())),
            "bound": ", ".join(f"p{p}={v:g}" for p, v in sorted(result.bounds.items())),
            "gap": result.gap,
            "build": result.build_seconds,
            "solve": result.solve_seconds,
            "matched": result.kpis["matched_takers"],
            "rss_mb": peak_rss_mb(),
        }
    raise SystemExit(f"unknown step {step!r}; use generate, scipy or solve")


def main(argv: list[str]) -> int:
    step, folder, n_m, n_a, low, high, density = argv
    out = run(step, Path(folder), int(n_m), int(n_a), (int(low), int(high)), float(density))
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
