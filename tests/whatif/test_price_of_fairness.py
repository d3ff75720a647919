"""The price of fairness shown where the steering group looks (issue 13): the report's section, the
compare page's row and the sweep's curve, with levelling down marked, never dropped."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from cli_helpers import run_matcher as matcher

PEOPLE = """id,role,administration,gender,years,capacity
M1,mentor,Nordost,woman,9,1
M2,mentor,Centrum,man,9,1
A1,adept,Hisingen,woman,1,
A2,adept,Sydväst,man,1,
X1,adept,Nordost,non-binary,9,
X2,adept,Centrum,non-binary,9,
"""


@pytest.fixture
def pool(tmp_path: Path) -> dict[str, Path]:
    """Two adepts any mentor can take, and two (Erfaren) whom the band rule lets nobody take: equal
    match rates within 0 % can then only be met by matching nobody."""
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    base = tmp_path / "base.yaml"
    base.write_text(
        "name: small pool\npeople: people.csv\nconstraints:\n  coverage: {hard: false}\n  band: {}\n"
        "  gender_balance: {equal_match_rate_tolerance: 0.0, min_group_size: 1}\n", encoding="utf-8")
    fair = tmp_path / "fair.yaml"
    fair.write_text("extends: base.yaml\nname: fair chance\nconstraints:\n  gender_balance: null\n"
                    "  fair_match_rate: {group_by: gender, min_group_size: 1}\n", encoding="utf-8")
    return {"base": base, "fair": fair, "folder": tmp_path}


def test_the_report_says_the_rule_levels_down_with_its_size(pool: dict[str, Path]) -> None:
    out = pool["folder"] / "run"
    done = matcher("run", pool["base"], "--out", out, "--lang", "sv")
    assert done.returncode == 0, done.stderr
    assert "2 adepter omatchade som annars kunde matchas" in done.stderr
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Vad rättvisereglerna kostar" in page and "lämnar 2 adepter utan mentor" in page
    fair = matcher("run", pool["fair"], "--out", pool["folder"] / "fair", "--lang", "en")
    assert fair.returncode == 0 and "costs 0 matches" in fair.stderr, fair.stderr
    assert "levels down" not in (pool["folder"] / "fair" / "report.html").read_text(encoding="utf-8")


def test_compare_marks_the_scenario_that_levels_down(pool: dict[str, Path]) -> None:
    out = pool["folder"] / "compare"
    done = matcher("compare", pool["fair"], pool["base"], "--out", out, "--lang", "en")
    assert done.returncode == 0, done.stderr
    page = (out / "compare.html").read_text(encoding="utf-8")
    assert "What the fairness rules cost" in page and "levels down: 2 left out for nothing" in page


def test_the_sweep_draws_the_price_and_marks_the_levelled_points(pool: dict[str, Path]) -> None:
    out = pool["folder"] / "sweep"
    done = matcher("sweep", pool["base"], "--vary", "constraints.gender_balance.equal_match_rate_tolerance=0,0.5,1",
                   "--out", out, "--workers", "1", "--lang", "en")
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out / "sweep.csv")
    by_tolerance = table.set_index("constraints.gender_balance.equal_match_rate_tolerance")
    assert by_tolerance.at[0.0, "matched"] == 0 and by_tolerance.at[0.0, "levelled_down"] == 2
    assert by_tolerance.at[1.0, "levelled_down"] == 0 and by_tolerance.at[1.0, "matched"] == 2
    assert set(table["status"]) == {"OPTIMAL"}  # the levelled point is kept, as a solved point
    page = (out / "sweep.html").read_text(encoding="utf-8")
    assert "The price of fairness" in page and "Marked points (0, 0.5) level down" in page
    assert "yes: 2 adepts left out for nothing" in page
