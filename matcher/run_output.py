"""Reading an output folder back (`matcher run` / `matcher repair` --out): its summary.json, and
the scenario it was solved with, for explain, check and publish."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from matcher.errors import InputError
from matcher.history.loading import as_seen
from matcher.scenario import Scenario


def read_summary(out_dir: Path) -> dict[str, Any]:
    """summary.json of an output folder, as a dict; InputError when it is missing or unreadable."""
    path = out_dir / "summary.json"
    if not path.is_file():
        raise InputError.single(
            str(out_dir), None, None, "no summary.json here: give the folder `matcher run SCENARIO --out DIR` wrote"
        )
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError.single(str(path), None, None, f"cannot read it ({exc}); run `matcher run` again") from None
    if not isinstance(summary, dict):
        raise InputError.single(str(path), None, None, "not a matcher summary; run `matcher run` again")
    return summary


def scenario_of_output(out_dir: Path) -> Scenario:
    """The scenario an output folder of `matcher run` or `matcher repair` was solved with: its
    scenario file, the history exactly as the run saw it, and for a repair the cohort as
    repaired. InputError (located in summary.json) when something it needs is gone."""
    summary_path = out_dir / "summary.json"
    summary = read_summary(out_dir)
    scenario_file = summary.get("scenario_file")
    if not scenario_file or not Path(scenario_file).is_file():
        raise InputError.single(
            str(summary_path),
            None,
            "scenario_file",
            f"the scenario {scenario_file!r} this result came from is no longer there",
        )
    # The same history the run saw: its cohort (so a cohort published since is not counted) and database.
    inputs = summary.get("inputs") or {}
    database = inputs.get("history_db")
    usable = database if database and "***@" not in str(database) else None
    scenario = Scenario.from_yaml(scenario_file, history_db=usable, cohort=inputs.get("cohort"))
    backs = inputs.get("history_backs")
    if scenario.history is not None and isinstance(backs, dict):
        scenario.history = as_seen(scenario.history, backs)  # not the cohorts published since the run
    recorded = summary.get("repair_inputs")
    if isinstance(recorded, dict):  # the output of `matcher repair`: the cohort as it was repaired
        from matcher.repair import rebuild_repaired_scenario

        scenario = rebuild_repaired_scenario(scenario, recorded, str(summary_path))
    return scenario
