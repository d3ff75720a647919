"""The solver's state while it searches (matcher.progress), as the workspace's run page shows it.

A report is a claim like any other the engine prints: its bound must never be below what an
exact solver proves, the best value never above it, and listening must not change the answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from matcher import progress
from matcher.engine import build_model, solve_problem
from matcher.scenario import Scenario
from matcher.solvers.settings import SolverSettings
from tests.solvers.test_proven_bounds import _issue_17_scenario, exact_levels

CITY = Path(__file__).resolve().parents[2] / "scenarios" / "city" / "scenario.yaml"


def _levels(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    assert all(set(event) == {"search"} for event in events), events
    return [level for event in events for level in event["search"]]


def test_the_city_search_reports_its_incumbent_and_an_honest_bound() -> None:
    scenario = Scenario.from_yaml(CITY)
    problem = build_model(scenario).problem
    quiet = solve_problem(problem, scenario.solver)
    events: list[dict[str, Any]] = []
    with progress.reporting(events.append):
        heard = solve_problem(problem, scenario.solver)
    assert (heard.x == quiet.x).all() and heard.objectives == quiet.objectives  # listening changes nothing
    levels = _levels(events)
    assert levels, f"no report from {heard.solver}: {heard.notes}"
    adepts = problem.n_takers
    for level in levels:
        assert set(level) == {"priority", "best", "bound"}
        final = heard.objectives[level["priority"]]
        assert level["bound"] >= final  # nothing proven that the optimum beats
        if level["best"] is not None:
            assert level["best"] <= level["bound"]
        if level["priority"] == 1:
            assert level["bound"] <= adepts  # never above what the pool could reach
    assert not progress.watching()  # the reporter is gone after the block


def test_reports_on_random_pools_never_claim_past_the_exact_optimum() -> None:
    reported = 0
    for seed in (5, 6, 7):
        problem = build_model(_issue_17_scenario(60, 80, 5, seed)).problem
        exact = exact_levels(problem)
        events: list[dict[str, Any]] = []
        with progress.reporting(events.append):
            solve_problem(problem, SolverSettings(backend="mip-highs", relative_gap=0.0))
        reported += len(events)
        for level in _levels(events):
            truth = exact.levels[level["priority"]]
            assert level["bound"] >= truth - 1e-6, (seed, level, exact.levels)
            if level["best"] is not None and level["priority"] == min(exact.levels):
                assert level["best"] <= truth + 1e-6
    assert reported, "no search reported anything: the pools were too easy to test the reports"


def test_nobody_listening_means_no_work_and_a_failing_listener_stops_nothing() -> None:
    assert not progress.watching()
    progress.report({"search": []})  # no reporter: nothing happens

    def broken(_: dict[str, Any]) -> None:
        raise RuntimeError("the page went away")

    scenario = Scenario.from_yaml(CITY)
    with progress.reporting(broken):
        assert progress.watching()
        result = solve_problem(build_model(scenario).problem, scenario.solver)
    assert result.status == "OPTIMAL"
