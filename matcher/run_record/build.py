"""From a solved Result to its record: the one way a run's summary.json is made."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from matcher.run_record.model import SCHEMA_VERSION, RunRecord, detail_text, json_safe, msg_json

if TYPE_CHECKING:
    from constraints import Verdict
    from matcher.engine import Result


def _rule(name: str, hard: bool, priority: int | None, weight: int | None, verdict: Verdict,
          program: str, settled: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "settled": settled,
        "name": name,
        "hard": hard,
        "priority": priority,
        "weight": weight,
        "holds": bool(verdict.holds),
        "detail": detail_text(verdict.detail, program),
        "parts": [
            {"kind": part.kind, "holds": bool(part.holds), "detail": msg_json(part.detail)}
            for part in verdict.part_list(hard)
        ],
    }


def record_of(
    result: Result,
    *,
    changes: Mapping[str, Any] | None = None,
    repair_inputs: Mapping[str, Any] | None = None,
) -> RunRecord:
    """The record of a solved run: the one way from a Result to summary.json.

    Hashes the input files (so call it once per run). `changes` and `repair_inputs`: what
    `matcher repair` adds (`RepairResult.summary()`, `RepairSources.as_summary()`).
    """
    from datetime import UTC, datetime

    from matcher import __version__
    from matcher.history.audit import input_audit

    scenario = result.scenario
    program = scenario.program
    values = dict(sorted(result.objectives.items()))
    bounds = {p: b for p, b in result.bounds.items() if b is not None and math.isfinite(b)}
    last = max(values) if values else None
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "scenario": scenario.name,
        "scenario_file": str(scenario.path.resolve()) if scenario.path else None,
        "program": program,
        "roles": result.roles,
        "status": result.status,
        "solver": result.solver,
        "time_limit_hit": result.time_limit_hit,
        "objective": values[last] if last is not None else 0.0,
        # Nothing optimised: nothing to prove. A level without a proven bound stays null.
        "best_bound": bounds.get(last) if last is not None else 0.0,
        "gap": result.gap,  # one definition: the engine's (matcher.problem.level_gap, per level)
        "objectives": [
            {"priority": p, "value": v, "bound": bounds.get(p), "terms": result.terms.get(p, [])}
            for p, v in values.items()
        ],
        "solve_seconds": round(result.solve_seconds, 4),
        "build_seconds": round(result.build_seconds, 4),
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tool_version": __version__,
        # Input files' SHA-256, the cohort and the earlier cohorts seen: `matcher publish` checks and keeps them.
        "inputs": input_audit(scenario),
        "kpis": result.kpis,
        "constraints": [
            _rule(c.name, c.hard, None if c.hard else c.params.priority, None if c.hard else c.params.weight,
                  result.checks[c.name], program, c.settlement())
            for c in result.constraints
        ],
        "notes": list(result.notes),
        "fairness": [price.to_json() for price in result.fairness],
        "changes": changes,
        "repair_inputs": repair_inputs,
    }
    return RunRecord.model_validate(json_safe(data))
