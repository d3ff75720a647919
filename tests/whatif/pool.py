"""A small generated pool (40 mentors, 60 adepts, binding rules) written to a folder, for what-if tests."""

from __future__ import annotations

from pathlib import Path

from matcher.generate import generate_pair_scores, generate_people, write_people

SCENARIO = """name: test pool
people: people.csv
pair_scores: scores.csv
solver: {time_limit_s: 30, workers: 1, seed: 0}
constraints:
  coverage: {hard: false}
  band: {}
  unit: {}
  administration: {min_cross_share: 0.3}
  gender_balance: {equal_match_rate_tolerance: 0.05}
  pair_scores: {weight: 1}
"""


def write_pool(folder: Path, mentors: int = 40, adepts: int = 60, seed: int = 3) -> Path:
    """Write people.csv, scores.csv and scenario.yaml into `folder`; returns the scenario path."""
    folder.mkdir(parents=True, exist_ok=True)
    people = generate_people(mentors, adepts, seed=seed, capacity=(1, 1))
    write_people(people, folder / "people.csv")
    generate_pair_scores(people, seed=seed).to_csv(folder / "scores.csv", index=False)
    (folder / "scenario.yaml").write_text(SCENARIO, encoding="utf-8")
    return folder / "scenario.yaml"
