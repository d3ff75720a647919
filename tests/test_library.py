"""The library as other tools use it: the README example, result types, errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from matcher import InfeasibleError, InputError, Result, Scenario, solve
from matcher.checker import check_matching

README = Path(__file__).resolve().parents[1] / "README.md"
KPI_KEYS = {
    "givers", "takers", "pairs", "matched_takers", "match_rate", "givers_used", "capacity_total",
    "cross_administration_share", "score_mean", "score_min", "score_max", "by_administration", "by_gender",
    "by_band", "matched_by_group", "pairs_by_administration", "pairs_by_band", "placed_by_administration_gender",
}


def _readme_example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## For other tools: the library"):]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README's library section has no python example"
    return match.group(1)


def test_readme_library_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code = _readme_example()
    assert "from matcher import Scenario, solve" in code
    namespace: dict = {}
    exec(compile(code, str(README), "exec"), namespace)  # the example exactly as documented
    result = namespace["result"]
    assert isinstance(result, Result)
    assert result.status == "OPTIMAL"
    assert set(zip(result.pairs["mentor_id"], result.pairs["adept_id"], strict=True)) == {("M1", "A1"), ("M2", "A2")}
    assert result.objectives == {2: 6.0}  # one shared topic per pair, weight 3
    printed = capsys.readouterr().out
    assert printed.startswith("OPTIMAL {2: 6.0}") and "1.0" in printed
    assert check_matching(namespace["scenario"], result.pairs).valid


def _people() -> pd.DataFrame:
    return pd.DataFrame([
        {"id": "M1", "role": "mentor", "administration": "Centrum", "gender": "woman", "years": 12,
         "capacity": 2, "topics": "LVU;BBIC", "name": "Karin Karlsson"},
        {"id": "M2", "role": "mentor", "administration": "Hisingen", "gender": "man", "years": 8,
         "topics": "barnsamtal", "name": "Olof Olsson"},
        {"id": "A1", "role": "adept", "administration": "Nordost", "gender": "woman", "years": 1, "topics": "lvu",
         "name": "Anna Andersson"},
        {"id": "A2", "role": "adept", "administration": "Nordost", "gender": "man", "years": 0.5,
         "topics": "barnsamtal", "name": "Bo Berg"},
        {"id": "A3", "role": "adept", "administration": "sydvast", "gender": "non-binary", "band": "Ny",
         "name": "Cim Ceder"},
        {"id": "A4", "role": "adept", "administration": "Centrum", "gender": "undisclosed", "years": 1,
         "name": "Dana Dahl"},
    ])


def test_result_types_and_kpis() -> None:
    people = _people()
    before = people.copy()
    scenario = Scenario.from_people(people, constraints={"coverage": {"hard": False}, "band": {}, "topics": {}})
    result = solve(scenario)
    pd.testing.assert_frame_equal(people, before)  # the caller's table is not changed
    assert isinstance(result.pairs, pd.DataFrame) and list(result.pairs.columns) == [
        "mentor_id", "adept_id", "score", "reasons"]
    assert isinstance(result.unmatched, pd.DataFrame) and list(result.unmatched.columns) == ["id", "role", "reason"]
    assert len(result.pairs) == 3 and len(result.unmatched) == 1
    assert result.unmatched.iloc[0]["role"] == "adept" and result.unmatched.iloc[0]["reason"]
    assert set(result.kpis) == KPI_KEYS
    k = result.kpis
    assert (k["givers"], k["takers"], k["pairs"], k["matched_takers"], k["capacity_total"]) == (2, 4, 3, 3, 3)
    assert k["match_rate"] == pytest.approx(0.75)
    assert {r["administration"] for r in k["by_administration"]} == {"Centrum", "Nordost", "Sydväst"}
    assert sum(r["takers"] for r in k["by_gender"]) == 4
    assert all(set(r) == {"gender", "takers", "matched", "rate"} for r in k["by_gender"])
    assert sum(r["pairs"] for r in k["pairs_by_band"]) == 3
    assert isinstance(result.objectives, dict) and set(result.objectives) == {1, 2}
    assert result.objectives[1] == 3.0 and result.bounds[1] == pytest.approx(3.0)
    assert result.gap == pytest.approx(0.0)
    assert set(result.checks) == {"capacity", "coverage", "band", "topics"}


def test_summary_is_json_and_aggregates_only() -> None:
    result = solve(Scenario.from_people(_people(), constraints={"coverage": {"hard": False}, "topics": {}}))
    summary = result.summary()
    text = json.dumps(summary, allow_nan=False)
    assert json.loads(text)["status"] == "OPTIMAL"
    for key in ("status", "objective", "best_bound", "solve_seconds", "kpis", "constraints"):
        assert key in summary
    assert {c["name"] for c in summary["constraints"]} == {"capacity", "coverage", "topics"}
    for name in _people()["name"]:
        assert name not in text
    kpis = json.dumps(summary["kpis"])
    assert not re.search(r'"[MA]\d"', kpis), "the KPIs carry ids"


def test_list_of_dicts_and_dataframe_give_the_same_result() -> None:
    people = _people()
    rules = {"coverage": {"hard": False}, "band": {}, "topics": {"weight": 2}}
    from_frame = solve(Scenario.from_people(people, constraints=rules))
    from_rows = solve(Scenario.from_people(people.to_dict("records"), constraints=rules))
    pd.testing.assert_frame_equal(from_frame.pairs, from_rows.pairs)


def test_input_errors_are_located_and_complete() -> None:
    rows = _people().to_dict("records")
    rows[2]["administration"] = "Angered"
    rows[3]["gender"] = "?"
    with pytest.raises(InputError) as caught:
        Scenario.from_people(rows)
    texts = [str(p) for p in caught.value.problems]
    assert len(texts) == 2
    assert texts[0].startswith("<people>:4:administration: unknown administration 'Angered'")
    assert texts[1].startswith("<people>:5:gender: unknown gender '?'")
    with pytest.raises(InputError, match="unknown constraint 'senority'"):
        Scenario.from_people(_people(), constraints={"senority": {}})


def test_bad_solver_options_are_an_input_error() -> None:
    with pytest.raises(InputError, match="solver"):
        Scenario.from_people(_people(), solver={"backend": "gurobi"})


def test_infeasible_error_carries_conflicts_with_people() -> None:
    with pytest.raises(InfeasibleError) as caught:
        solve(Scenario.from_people(_people(), constraints={"coverage": {}}))
    conflict = caught.value.conflicts[0]
    assert conflict.constraints == ["capacity", "coverage"]
    assert "offer 3 places for 4 adepts" in conflict.message


def test_trainee_programme_uses_supervisor_and_trainee_roles() -> None:
    people = [
        {"id": "S1", "role": "handledare", "administration": "Hisingen", "gender": "kvinna", "years": 10,
         "capacity": 2},
        {"id": "T1", "role": "student", "administration": "Hisingen", "gender": "man", "years": 0,
         "applied_to": "Hisingen; Nordost"},
        {"id": "T2", "role": "trainee", "administration": "Nordost", "gender": "woman", "years": 0,
         "applied_to": "Nordost"},
    ]
    result = solve(Scenario.from_people(people, program="trainee", constraints={"coverage": {}}))
    assert len(result.pairs) == 2
    assert result.summary()["roles"] == {"giver": "supervisor", "taker": "trainee"}


def test_empty_constraints_mean_no_rules() -> None:
    people = [{"id": "M1", "role": "mentor", "administration": "Centrum", "gender": "woman", "years": 9,
               "capacity": 1}] + [
        {"id": f"A{i}", "role": "adept", "administration": "Nordost", "gender": "man", "years": 1} for i in (1, 2)]
    scenario = Scenario.from_people(people, constraints={})
    assert "coverage" not in scenario.constraints
    solve(scenario)  # 1 place for 2 adepts is fine when coverage is not asked for


def test_yaml_empty_constraints_mean_no_rules(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(
        "id,role,administration,gender,years\nM1,mentor,Centrum,woman,9\nA1,adept,Nordost,man,1\n"
        "A2,adept,Nordost,man,1\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text("people: people.csv\nconstraints: {}\n", encoding="utf-8")
    scenario = Scenario.from_yaml(tmp_path / "s.yaml")
    assert [c.name for c in scenario.active_constraints()] == ["capacity"]


def test_constraints_package_imports_on_its_own() -> None:
    done = subprocess.run([sys.executable, "-c", "import constraints; print(sorted(constraints.REGISTRY))"],
                          capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
