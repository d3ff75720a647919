"""The real `matcher` command, run as a subprocess: outputs, exit codes and messages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from cli_helpers import run_matcher as matcher

from matcher import Scenario
from matcher.checker import check_matching

REPO = Path(__file__).resolve().parents[1]
COHORT = REPO / "scenarios" / "cohort"
OUTPUTS = ("pairs.csv", "unmatched.csv", "summary.json", "report.html", "matching.xlsx")
LOCATED = re.compile(r"^[^:\n]+:\d*:[^:\n]*: .+")  # FILE:ROW:COLUMN: message


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of scenarios/cohort (the tests write next to it)."""
    target = tmp_path_factory.mktemp("cli") / "cohort"
    shutil.copytree(COHORT, target)
    return target


@pytest.fixture(scope="module")
def cohort_run(cohort: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = cohort.parent / "out1"
    return out, matcher("run", cohort / "scenario.yaml", "--out", out)


def _people_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("id,role,administration,gender,years,capacity,unit,name\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    return path


def _scenario(folder: Path, text: str, name: str = "scenario.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- run ---------------------------------------------------------------------------------------

def test_run_writes_every_output_and_the_checker_accepts_the_pairs(cohort: Path, cohort_run: tuple) -> None:
    out, result = cohort_run
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("OPTIMAL: 10 of 10 adepts matched")
    for name in OUTPUTS:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    pairs = pd.read_csv(out / "pairs.csv", dtype=str, keep_default_na=False)
    # the coordinator's pair list: the people file has names, so each id has its name beside it
    assert list(pairs.columns) == ["mentor_id", "mentor_name", "adept_id", "adept_name", "score", "reasons"]
    report = check_matching(Scenario.from_yaml(cohort / "scenario.yaml"), pairs)
    assert report.valid, report.problems()
    assert ("M0003", "A0009") in set(zip(pairs["mentor_id"], pairs["adept_id"], strict=True))  # locked
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "OPTIMAL"
    for key in ("objective", "best_bound", "solve_seconds", "kpis", "constraints"):
        assert key in summary
    assert all(c["holds"] or not c["hard"] for c in summary["constraints"])
    unmatched = pd.read_csv(out / "unmatched.csv", dtype=str, keep_default_na=False)
    assert list(unmatched.columns) == ["id", "role", "reason"]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<html" in html.lower() and not re.search(r"""(src|href)=["']https?://""", html)


def test_two_runs_give_byte_identical_pairs(cohort: Path, cohort_run: tuple) -> None:
    out, _ = cohort_run
    again = cohort.parent / "out2"
    assert matcher("run", cohort / "scenario.yaml", "--out", again).returncode == 0
    assert (out / "pairs.csv").read_bytes() == (again / "pairs.csv").read_bytes()
    assert (out / "unmatched.csv").read_bytes() == (again / "unmatched.csv").read_bytes()


def test_names_never_reach_stderr_summary_or_report(cohort: Path, cohort_run: tuple) -> None:
    out, result = cohort_run
    people = pd.read_csv(cohort / "people.csv", sep=";", encoding="utf-8-sig", dtype=str)
    names = [n for n in people["namn"] if isinstance(n, str) and n.strip()]
    assert len(names) == 20
    texts = {
        "stderr": result.stderr + result.stdout,
        "summary.json": (out / "summary.json").read_text(encoding="utf-8"),
        "report.html": (out / "report.html").read_text(encoding="utf-8"),
    }
    for where, text in texts.items():
        leaked = [n for n in names if n in text]
        assert not leaked, f"names in {where}: {leaked}"


def test_explain_pair_and_person(cohort_run: tuple) -> None:
    out, _ = cohort_run
    pairs = pd.read_csv(out / "pairs.csv", dtype=str)
    m, a = pairs.iloc[0]["mentor_id"], pairs.iloc[0]["adept_id"]
    pair = matcher("explain", out, "--pair", f"{m},{a}")
    assert pair.returncode == 0, pair.stderr
    assert f"{m} - {a}: made" in pair.stdout and "band" in pair.stdout
    person = matcher("explain", out, "--person", a)
    assert person.returncode == 0, person.stderr
    assert a in person.stdout and m in person.stdout
    both = matcher("explain", out)
    assert both.returncode == 2 and "exactly one of --pair" in both.stderr
    unknown = matcher("explain", out, "--person", "NOBODY")
    assert unknown.returncode == 2


def test_explain_refuses_pairs_of_people_no_longer_in_the_people_file(cohort_run: tuple, tmp_path: Path) -> None:
    out, _ = cohort_run
    edited = tmp_path / "edited"
    shutil.copytree(out, edited)
    pairs = pd.read_csv(edited / "pairs.csv", dtype=str, keep_default_na=False)
    pairs.loc[0, "mentor_id"] = "M9999"
    pairs.to_csv(edited / "pairs.csv", index=False)
    done = matcher("explain", edited, "--person", pairs.loc[1, "adept_id"])
    assert done.returncode == 2 and "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert "pairs.csv" in done.stderr and "M9999 is not in the scenario's people file" in done.stderr


# -- validate -----------------------------------------------------------------------------------

def test_validate_prints_the_rules(cohort: Path) -> None:
    result = matcher("validate", cohort / "scenario.yaml")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "people: 10 mentors (capacity 12), 10 adepts" in text
    assert "hard rules:" in text and "preferences, level by level (level 1 first" in text
    assert "objective" not in text  # issue 12: no optimisation jargon
    for line in ("coverage        every adept gets a mentor", "band            allowed mentor band -> adept band",
                 "exclusions", "locked", "priority 2  topics          weight 5", "priority 2  pair_scores"):
        assert line in text, line
    assert text.rstrip().endswith("OK: the files and rules are valid.")


def test_extends_merges_constraints_by_name_and_null_removes_one(cohort: Path) -> None:
    child = _scenario(cohort, (
        "extends: scenario.yaml\n"
        "name: what-if\n"
        "constraints:\n"
        "  topics: null\n"
        "  administration: {mode: cross}\n"
        "  coverage: {hard: false}\n"
    ), "whatif.yaml")
    loaded = Scenario.from_yaml(child)
    assert "topics" not in loaded.constraints
    assert loaded.constraints["administration"] == {"mode": "cross", "min_cross_share": 0.3}  # merged
    assert loaded.constraints["coverage"] == {"hard": False}
    assert loaded.constraints["pair_scores"] == {"weight": 1}  # inherited
    assert loaded.name == "what-if" and loaded.exclusions is not None  # files come from the base
    result = matcher("validate", child)
    assert result.returncode == 0, result.stderr
    assert "topics" not in result.stdout
    assert "pairs cross administrations; at least 30% of pairs cross administrations" in result.stdout
    assert "priority 1  coverage" in result.stdout


# -- errors ---------------------------------------------------------------------------------------

def test_too_few_places_with_hard_coverage_exits_3_in_words(tmp_path: Path) -> None:
    _people_csv(tmp_path / "people.csv", [
        "M1,mentor,Centrum,woman,10,2,,", "A1,adept,Nordost,man,1,,,", "A2,adept,Nordost,man,1,,,",
        "A3,adept,Hisingen,woman,1,,,",
    ])
    scenario = _scenario(tmp_path, "people: people.csv\nconstraints:\n  coverage: {}\n")
    result = matcher("run", scenario, "--out", tmp_path / "out")
    assert result.returncode == 3
    assert "INFEASIBLE" in result.stderr
    assert "offer 2 places for 3 adepts" in result.stderr and "capacity" in result.stderr
    assert "coverage" in result.stderr
    assert not (tmp_path / "out").exists()  # nothing written


def test_adept_without_any_allowed_mentor_exits_3_naming_the_adept(tmp_path: Path) -> None:
    # A2 is Van: the Van mentor M2 may not take her (band) and M1 is excluded
    _people_csv(tmp_path / "people.csv", [
        "M1,mentor,Centrum,woman,10,1,,", "M2,mentor,Centrum,woman,3,1,,",
        "A1,adept,Nordost,man,1,,,", "A2,adept,Nordost,woman,3,,,",
    ])
    (tmp_path / "exclusions.csv").write_text("mentor_id,adept_id,reason\nM1,A2,jäv\n", encoding="utf-8")
    scenario = _scenario(tmp_path, "people: people.csv\nexclusions: exclusions.csv\n"
                                   "constraints:\n  coverage: {}\n  band: {}\n")
    result = matcher("run", scenario, "--out", tmp_path / "out")
    assert result.returncode == 3, result.stderr
    assert "A2" in result.stderr and "band" in result.stderr and "exclusions" in result.stderr
    assert "coverage" in result.stderr
    validate = matcher("validate", scenario)
    assert validate.returncode == 3 and "A2" in validate.stderr


def test_adept_without_any_allowed_mentor_exits_3_with_more_mentors_than_adepts(tmp_path: Path) -> None:
    _people_csv(tmp_path / "people.csv", [
        "M1,mentor,Centrum,woman,10,1,,", "M2,mentor,Centrum,woman,3,1,,", "M3,mentor,Centrum,woman,3,1,,",
        "A1,adept,Nordost,man,1,,,", "A2,adept,Nordost,woman,3,,,",
    ])
    (tmp_path / "exclusions.csv").write_text("mentor_id,adept_id\nM1,A2\n", encoding="utf-8")
    scenario = _scenario(tmp_path, "people: people.csv\nexclusions: exclusions.csv\n"
                                   "constraints:\n  coverage: {}\n  band: {}\n")
    result = matcher("run", scenario, "--out", tmp_path / "out")
    assert result.returncode == 3, result.stderr
    assert "A2" in result.stderr


def test_unknown_constraint_exits_2_and_lists_the_known_ones(cohort: Path) -> None:
    bad = _scenario(cohort, "extends: scenario.yaml\nconstraints:\n  seniority: {}\n", "unknown.yaml")
    result = matcher("run", bad, "--out", cohort.parent / "never")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines and all(LOCATED.match(line) for line in lines), lines
    assert "unknown.yaml:3:constraints.seniority: unknown constraint 'seniority'" in result.stderr
    for name in ("administration", "band", "capacity", "coverage", "exclusions", "gender_balance", "locked",
                 "pair_scores", "topics", "unit"):
        assert name in result.stderr
    assert not (cohort.parent / "never").exists()


def test_yaml_syntax_error_exits_2_with_file_row_column(cohort: Path) -> None:
    bad = _scenario(cohort, "people: people.csv\nconstraints:\n  coverage: {hard: false\n  band: {}\n", "broken.yaml")
    result = matcher("validate", bad)
    assert result.returncode == 2
    assert re.search(r"broken\.yaml:\d+:\d+: invalid YAML", result.stderr), result.stderr


def test_bad_parameter_exits_2_naming_the_parameter(cohort: Path) -> None:
    bad = _scenario(cohort, "extends: scenario.yaml\nconstraints:\n  administration: {min_cross_share: 1.4}\n",
                    "badparam.yaml")
    result = matcher("validate", bad)
    assert result.returncode == 2
    assert "badparam.yaml:3:constraints.administration.min_cross_share:" in result.stderr


def test_output_never_overwrites_an_input_file(tmp_path: Path) -> None:
    # the people file is called pairs.csv, and --out is the folder it sits in
    _people_csv(tmp_path / "pairs.csv", ["M1,mentor,Centrum,woman,10,1,,", "A1,adept,Nordost,man,1,,,"])
    scenario = _scenario(tmp_path, "people: pairs.csv\nconstraints:\n  coverage: {}\n")
    before = (tmp_path / "pairs.csv").read_bytes()
    result = matcher("run", scenario, "--out", tmp_path)
    assert result.returncode == 2
    assert "overwrite" in result.stderr and "pairs.csv" in result.stderr and LOCATED.match(result.stderr.strip())
    assert (tmp_path / "pairs.csv").read_bytes() == before
    assert not any((tmp_path / name).exists() for name in OUTPUTS if name != "pairs.csv")  # all or nothing
    # --out naming the input file itself
    as_file = matcher("run", scenario, "--out", tmp_path / "pairs.csv")
    assert as_file.returncode == 2
    assert (tmp_path / "pairs.csv").read_bytes() == before


def test_output_next_to_the_inputs_leaves_them_untouched(tmp_path: Path) -> None:
    _people_csv(tmp_path / "people.csv", ["M1,mentor,Centrum,woman,10,1,,", "A1,adept,Nordost,man,1,,,"])
    scenario = _scenario(tmp_path, "people: people.csv\nconstraints:\n  coverage: {}\n")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert matcher("run", scenario, "--out", tmp_path).returncode == 0
    assert {name: (tmp_path / name).read_bytes() for name in before} == before
    assert all((tmp_path / name).is_file() for name in OUTPUTS)


# -- generate -------------------------------------------------------------------------------------

def test_generate_writes_and_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "people.csv"
    first = matcher("generate", "--mentors", "4", "--adepts", "5", "--seed", "7", "--out", target)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["rows"] == 9
    written = target.read_bytes()
    again = matcher("generate", "--mentors", "2", "--adepts", "2", "--out", target)
    assert again.returncode == 2 and "file exists" in again.stderr and "--force" in again.stderr
    assert target.read_bytes() == written
    forced = matcher("generate", "--mentors", "2", "--adepts", "2", "--out", target, "--force")
    assert forced.returncode == 0
    assert len(pd.read_csv(target)) == 4


# -- check --------------------------------------------------------------------------------------

def test_check_a_run_folder_and_a_hand_edited_pairs_file(cohort: Path, cohort_run: tuple, tmp_path: Path) -> None:
    out, _ = cohort_run
    folder = matcher("check", out)  # the output folder: its pairs.csv against the scenario it was solved with
    assert folder.returncode == 0, folder.stderr
    assert folder.stdout.rstrip().endswith("OK: every hard rule holds.")
    # an excluded pair written in by hand: exit 3, the rule named
    excluded = pd.read_csv(cohort / "exclusions.csv", sep=None, engine="python", dtype=str, encoding="utf-8-sig")
    m, a = excluded.iloc[0, 0], excluded.iloc[0, 1]
    pairs = pd.read_csv(out / "pairs.csv", dtype=str, keep_default_na=False)
    pairs = pairs[(pairs["adept_id"] != a)]
    pairs = pd.concat([pairs, pd.DataFrame([{"mentor_id": m, "adept_id": a, "score": "0", "reasons": ""}])])
    pairs.to_csv(tmp_path / "edited.csv", index=False)
    edited = matcher("check", cohort / "scenario.yaml", tmp_path / "edited.csv")
    assert edited.returncode == 3
    # one line per rule part: how it stands, the rule, its kind, the detail
    assert re.search(r"^broken +exclusions +must hold +1 excluded pairs matched", edited.stdout, re.M), edited.stdout
    assert "INVALID: exclusions: 1 excluded pairs matched" in edited.stderr
    missing = matcher("check", cohort / "scenario.yaml")
    assert missing.returncode == 2 and "give the pairs file" in missing.stderr
