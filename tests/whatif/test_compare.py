"""`matcher compare`: KPIs side by side, pair differences, unsolvable scenarios, privacy of the page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from cli_helpers import run_matcher as matcher

from matcher import Scenario
from matcher.engine import Result, solve
from matcher.errors import InputError
from matcher.whatif.compare import Comparison, compare_scenarios, distinct_names, render_comparison

REPO = Path(__file__).resolve().parents[2]
COHORT = REPO / "scenarios" / "cohort"
LOCATED = re.compile(r"^[^:\n]+:\d*:[^:\n]*: .+")  # FILE:ROW:COLUMN: message
LOCKED = ("M0003", "A0009")  # scenarios/cohort/locked.csv


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of scenarios/cohort with what-if variants next to its scenario.yaml."""
    folder = tmp_path_factory.mktemp("compare") / "cohort"
    shutil.copytree(COHORT, folder)
    (folder / "infeasible.yaml").write_text(
        "extends: scenario.yaml\nname: Only Erfaren adepts may be mentored\n"
        "constraints:\n  band: {allowed: {Erfaren: [Erfaren]}}\n",
        encoding="utf-8",
    )
    (folder / "again.yaml").write_text("extends: scenario.yaml\n", encoding="utf-8")
    lines = (folder / "people.csv").read_text(encoding="utf-8-sig").splitlines()
    extra = lines[-1].split(";")
    extra[0], extra[-1] = "A0999", "Extra Person"
    (folder / "people_plus.csv").write_text("\n".join([*lines, ";".join(extra)]) + "\n", encoding="utf-8")
    (folder / "more_people.yaml").write_text("extends: scenario.yaml\npeople: people_plus.csv\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def baseline(cohort: Path) -> Result:
    return solve(Scenario.from_yaml(cohort / "scenario.yaml"))


@pytest.fixture(scope="module")
def forbidden(cohort: Path, baseline: Result) -> tuple[str, str]:
    """A pair of the baseline's matching (not the locked one), forbidden by the variant forbid.yaml."""
    pairs = [(m, a) for m, a in zip(baseline.pairs["mentor_id"], baseline.pairs["adept_id"], strict=True)
             if (m, a) != LOCKED]
    mentor, adept = pairs[0]
    exclusions = (cohort / "exclusions.csv").read_text(encoding="utf-8").rstrip("\n")
    (cohort / "exclusions_more.csv").write_text(f"{exclusions}\n{mentor},{adept},what-if\n", encoding="utf-8")
    (cohort / "forbid.yaml").write_text(
        "extends: scenario.yaml\nname: Without one pair\nexclusions: exclusions_more.csv\n",
        encoding="utf-8",
    )
    return mentor, adept


@pytest.fixture(scope="module")
def comparison(cohort: Path, forbidden: tuple[str, str]) -> Comparison:
    return compare_scenarios([Scenario.from_yaml(cohort / f) for f in ("scenario.yaml", "forbid.yaml",
                                                                       "infeasible.yaml")])


def _pairs(result: Result) -> set[tuple[str, str]]:
    return set(zip(result.pairs["mentor_id"], result.pairs["adept_id"], strict=True))


def test_kpi_table_equals_single_runs(cohort: Path, comparison: Comparison) -> None:
    table = comparison.kpis
    assert list(table.columns) == comparison.names and len(set(table.columns)) == 3
    for file, name in zip(("scenario.yaml", "forbid.yaml"), comparison.names, strict=False):
        alone = solve(Scenario.from_yaml(cohort / file))
        k = alone.kpis
        column = table[name]
        assert column["status"] == alone.status
        assert column["objective"] == pytest.approx(alone.objective)
        for key in ("matched_takers", "pairs", "givers_used"):
            assert column[key] == k[key], key
        for key in ("match_rate", "cross_administration_share", "score_mean", "score_min"):
            assert column[key] == pytest.approx(k[key]), key
        for row in k["by_administration"]:
            assert column[f"match_rate[{row['administration']}]"] == pytest.approx(row["rate"])
            assert column[f"matched[{row['administration']}] of {row['takers']}"] == row["matched"]
        for row in k["by_gender"]:
            assert column[f"match_rate[{row['gender']}]"] == pytest.approx(row["rate"])
        for group in k["matched_by_group"]:
            key = f"matched[{group['administration']}, {group['gender']}, {group['band']}] of {group['takers']}"
            assert column[key] == group["matched"], key
        for rule, verdict in alone.checks.items():
            expected = "yes" if verdict.holds else "no" if verdict.hard_broken else "preference_unmet"
            assert column[f"holds[{rule}]"] == expected, rule


def test_pair_differences_show_the_forbidden_pair_removed(
    comparison: Comparison, baseline: Result, forbidden: tuple[str, str]
) -> None:
    base, variant = comparison.outcomes[0], comparison.outcomes[1]
    assert base.result is not None and variant.result is not None
    diff = comparison.differences[variant.name]
    assert diff is not None
    assert forbidden in diff.removed and forbidden not in diff.added
    assert forbidden not in _pairs(variant.result)
    a, b = _pairs(base.result), _pairs(variant.result)
    assert set(diff.removed) == a - b and set(diff.added) == b - a and diff.kept == len(a & b)
    mentor_of_a = {t: m for m, t in a}
    mentor_of_b = {t: m for m, t in b}
    assert diff.partner_changed == sorted(t for t in mentor_of_a.keys() & mentor_of_b.keys()
                                          if mentor_of_a[t] != mentor_of_b[t])
    assert forbidden[1] in diff.partner_changed + diff.no_longer_matched  # coverage is hard: re-matched
    assert comparison.kpis.at["vs_baseline.pairs_removed", variant.name] == len(a - b)
    table = comparison.pair_differences_table()
    assert list(table.columns) == ["baseline", "scenario", "change", "mentor_id", "adept_id", "score",
                                   "taker_change"]
    removed = table[(table["change"] == "removed") & (table["mentor_id"] == forbidden[0])
                    & (table["adept_id"] == forbidden[1])]
    assert len(removed) == 1 and removed.iloc[0]["scenario"] == variant.name
    assert len(table[table["scenario"] == variant.name]) == len(a ^ b)


def test_infeasible_variant_is_a_column_with_its_status(comparison: Comparison, cohort: Path) -> None:
    name = comparison.names[2]
    outcome = comparison.outcomes[2]
    assert outcome.status == "INFEASIBLE" and outcome.result is None
    assert outcome.reasons and any("band" in rules for rules in outcome.rules)
    column = comparison.kpis[name]
    assert column["status"] == "INFEASIBLE"
    assert column["matched_takers"] is None and column["holds[band]"] is None
    assert "band" in column["reasons"]
    ids = set(Scenario.from_yaml(cohort / "scenario.yaml").people["id"])
    assert not [i for i in ids if i in column["reasons"]]  # the reasons are aggregate, like the page
    assert comparison.differences[name] is None
    assert comparison.kpis.at["vs_baseline.pairs_removed", name] is None


def test_different_participants_or_programme_are_bad_input(cohort: Path) -> None:
    base = Scenario.from_yaml(cohort / "scenario.yaml")
    with pytest.raises(InputError) as caught:
        compare_scenarios([base, Scenario.from_yaml(cohort / "more_people.yaml")])
    (problem,) = caught.value.problems
    assert problem.file.endswith("people_plus.csv") and problem.column == "id" and problem.row == 22
    assert "A0999" in problem.message and "baseline" in problem.message
    trainee = Scenario.from_yaml(REPO / "scenarios" / "trainee" / "scenario.yaml")
    with pytest.raises(InputError) as caught:
        compare_scenarios([base, trainee])
    assert [p.column for p in caught.value.problems] == ["program"]


def test_equal_names_are_told_apart_by_file_stem(cohort: Path) -> None:
    scenarios = [Scenario.from_yaml(cohort / f) for f in ("scenario.yaml", "again.yaml")]
    assert scenarios[0].name == scenarios[1].name
    assert distinct_names(scenarios) == [f"{scenarios[0].name} (scenario)", f"{scenarios[0].name} (again)"]


def test_cli_writes_the_three_files(cohort: Path, forbidden: tuple[str, str]) -> None:
    out = cohort.parent / "out"
    result = matcher("compare", cohort / "scenario.yaml", cohort / "forbid.yaml", cohort / "infeasible.yaml",
                     "--out", out)
    assert result.returncode == 0, result.stderr
    assert "INFEASIBLE" in result.stderr and "1 of 3 scenarios have no matching" in result.stderr
    assert re.search(r"^match rate\s+100%\s+100%\s+–$", result.stdout, re.MULTILINE), result.stdout
    # Rows in words, not compare.csv's keys (issue 12: no givers/takers in the terminal table).
    assert re.search(r"^mentors paired\s+8\s+", result.stdout, re.MULTILINE), result.stdout
    assert not re.search(r"giver|taker|\[|objective|bound", result.stdout), result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["compare.csv", "compare.html", "pair_differences.csv"]
    kpis = pd.read_csv(out / "compare.csv", dtype=str, keep_default_na=False)
    assert kpis.columns[0] == "kpi" and len(kpis.columns) == 4
    assert kpis.set_index("kpi").loc["status"].tolist()[2] == "INFEASIBLE"
    pairs = pd.read_csv(out / "pair_differences.csv", dtype=str)
    assert (forbidden in set(zip(pairs["mentor_id"], pairs["adept_id"], strict=True)))


def test_the_page_has_no_person_id_or_name(cohort: Path, comparison: Comparison) -> None:
    html = render_comparison(comparison) + render_comparison(comparison, lang="sv")
    people = pd.read_csv(cohort / "people.csv", sep=";", encoding="utf-8-sig", dtype=str)
    ids = list(people["id"])
    names = [n for n in people["namn"] if isinstance(n, str) and n.strip()]
    assert len(ids) == 20 and len(names) == 20
    assert not [i for i in ids if i in html], "person ids on the page"
    assert not [n for n in names if n in html], "names on the page"
    assert "<script" not in html and not re.search(r"""(src|href)=["']https?://""", html)
    assert html.count("<svg") >= 5 and "INFEASIBLE" in html
    # the aggregate of the pair difference is there: pairs kept out of the baseline's
    diff = comparison.differences[comparison.names[1]]
    assert diff is not None and f"{diff.kept} <small>/ " in html


def test_an_unmet_preference_is_neither_a_no_nor_a_red_cross_for_the_rule(cohort: Path) -> None:
    """Issue 12: on the city example compare showed ✗ for gender_balance in every scenario when only
    a soft same-gender request was not honoured. A hard part broken is "no"; a preference unmet is not."""
    import dataclasses

    from constraints.base import PartVerdict, Verdict
    from matcher.whatif.compare import Outcome, kpi_table

    result = solve(Scenario.from_yaml(cohort / "scenario.yaml"))
    result.checks["gender_balance"] = Verdict.of_parts([
        PartVerdict("hard", True, "match rates within the tolerance"),
        PartVerdict("preference", False, "1 same-gender request not honoured"),
    ])
    band_now = result.checks["band"]
    result.checks["band"] = Verdict.of_parts([
        dataclasses.replace(part, holds=False) for part in band_now.part_list(rule_is_hard=True)
    ])
    outcome = Outcome("A", result.scenario, result.status, result=result)
    table = kpi_table([outcome, dataclasses.replace(outcome, name="B")], {"B": None}, [])
    assert table.at["holds[gender_balance]", "A"] == "preference_unmet"
    assert table.at["holds[band]", "A"] == "no"
    comparison = Comparison([outcome, dataclasses.replace(outcome, name="B")], table, {"B": None},
                            result.scenario.program, [])
    page = render_comparison(comparison)
    row = page[page.index("<code class=\"rulekey rule\">gender_balance</code>"):]
    row = row[: row.index("</tr>")]
    assert "a preference is not met" in row and "a hard part is broken" not in row
    band = page[page.index("<code class=\"rulekey rule\">band</code>"):]
    assert "a hard part is broken" in band[: band.index("</tr>")]
