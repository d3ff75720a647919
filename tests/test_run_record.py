"""summary.json is a typed, versioned record: its schema in docs/ is current, every output folder
`matcher run` and `matcher repair` write validates against it, and reading a folder goes
through it (missing, damaged or newer records are located errors, an older one is upgraded)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pandas as pd
import pytest
from cli_helpers import run_matcher as matcher

from constraints.base import PartVerdict, Verdict
from matcher import Scenario, solve
from matcher.errors import InputError
from matcher.i18n import Msg
from matcher.run_record import SCHEMA_PATH, SCHEMA_VERSION, read_run, record_of, schema_text, solved_scenario

REPO = Path(__file__).resolve().parents[1]
SCENARIOS = REPO / "scenarios"


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_schema_in_docs_is_current() -> None:
    written = SCHEMA_PATH.read_text(encoding="utf-8")
    assert written == schema_text(), "docs/summary.schema.json is stale: run `python -m matcher.run_record`"


def test_the_schema_regenerates_with_the_documented_command(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    done = subprocess.run([sys.executable, "-m", "matcher.run_record", str(target)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8") == schema_text()


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Real output folders: the cohort and trainee examples run, and a repair of the cohort's run."""
    root = tmp_path_factory.mktemp("record")
    cohort = root / "cohort"
    shutil.copytree(SCENARIOS / "cohort", cohort)
    out = {"cohort": root / "out-cohort", "trainee": root / "out-trainee", "repair": root / "out-repair"}
    for name, scenario in (("cohort", cohort / "scenario.yaml"), ("trainee", SCENARIOS / "trainee" / "scenario.yaml")):
        done = matcher("run", scenario, "--out", out[name])
        assert done.returncode == 0, done.stderr
    pairs = pd.read_csv(out["cohort"] / "pairs.csv", dtype=str)
    (root / "left.csv").write_text(f"id\n{pairs['mentor_id'].iat[0]}\n", encoding="utf-8")
    done = matcher("repair", out["cohort"] / "pairs.csv", cohort / "scenario.yaml", "--leavers", root / "left.csv",
                   "--out", out["repair"])
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("which", ["cohort", "trainee", "repair"])
def test_every_output_folder_validates_against_the_schema_in_docs(folders: dict[str, Path], which: str) -> None:
    data = json.loads((folders[which] / "summary.json").read_text(encoding="utf-8"))
    errors = sorted(_validator().iter_errors(data), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    assert data["schema_version"] == SCHEMA_VERSION
    assert ("changes" in data) == ("repair_inputs" in data) == (which == "repair")
    record = read_run(folders[which])
    assert record.to_json() == data  # read back exactly as written


def test_the_schema_rejects_what_the_record_does_not_know(folders: dict[str, Path]) -> None:
    data = json.loads((folders["cohort"] / "summary.json").read_text(encoding="utf-8"))
    validator = _validator()
    assert not list(validator.iter_errors(data))
    for broken in ({**data, "surprise": 1}, {**data, "status": "MAYBE"},
                   {**data, "kpis": {**data["kpis"], "pairs": "ten"}}):
        assert list(validator.iter_errors(broken))


def test_each_rule_has_its_parts_with_a_message(folders: dict[str, Path]) -> None:
    record = read_run(folders["cohort"])
    for rule in record.constraints:
        assert rule.parts, rule.name
        for part in rule.parts:
            assert part.kind in ("hard", "preference")
            # every rule speaks through the catalogue: a message of its own, in either language
            assert part.detail.key.startswith("rule.") and part.detail.key != "text.verbatim", part.detail.key
            english = part.detail.msg().render("en", record.program)
            assert english and part.detail.msg().render("sv", record.program) != english
        if len(rule.parts) == 1:
            assert rule.parts[0].detail.msg().render("en", record.program) == rule.detail


def test_a_rule_with_a_hard_part_and_a_preference_keeps_them_apart() -> None:
    result = solve(Scenario.from_people([
        {"id": "M1", "role": "mentor", "administration": "Centrum", "gender": "woman", "years": 12},
        {"id": "A1", "role": "adept", "administration": "Nordost", "gender": "man", "years": 1},
    ], constraints={"coverage": {}}))
    result.checks["coverage"] = Verdict.of_parts([
        PartVerdict("hard", True, Msg("role.adept.many")),
        PartVerdict("preference", False, "one request not met"),
    ])
    rule = record_of(result).rule("coverage")
    assert rule is not None
    assert [(p.kind, p.holds) for p in rule.parts] == [("hard", True), ("preference", False)]
    assert not rule.holds and not rule.hard_broken
    assert rule.parts[0].detail.model_dump() == {"key": "role.adept.many", "values": {}}
    assert rule.parts[1].detail.msg().render("en") == "one request not met"
    assert rule.detail == "adepts; one request not met"  # version 1's one sentence, in English


def test_a_level_without_a_proven_bound_is_null_never_the_value() -> None:
    result = solve(Scenario.from_people([
        {"id": "M1", "role": "mentor", "administration": "Centrum", "gender": "woman", "years": 12, "topics": "lvu"},
        {"id": "A1", "role": "adept", "administration": "Nordost", "gender": "man", "years": 1, "topics": "lvu"},
    ], constraints={"coverage": {"hard": False, "priority": 1}, "topics": {"weight": 3}}))
    assert len(result.objectives) == 2
    first, last = sorted(result.objectives)
    proven = record_of(result)
    assert proven.best_bound == proven.objective and proven.gap == 0.0
    result.bounds = {first: result.bounds[first]}  # the last level: nothing proven about it
    record = record_of(result)
    assert record.best_bound is None and record.gap is None
    assert [level.bound for level in record.objectives] == [result.bounds[first], None]
    assert record.objective == result.objectives[last]
    assert _validator().is_valid(record.to_json())


def _write_summary(folder: Path, data: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "summary.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_reading_a_folder_without_a_record_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_run(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'summary.json'}:::")
    assert "matcher run" in str(caught.value)


def test_a_damaged_record_is_a_located_error(tmp_path: Path, folders: dict[str, Path]) -> None:
    path = _write_summary(tmp_path / "cut", '{"status": "OPTI')
    with pytest.raises(InputError, match="cannot read it") as caught:
        read_run(path.parent)
    assert str(caught.value).startswith(f"{path}:::")
    data = json.loads((folders["cohort"] / "summary.json").read_text(encoding="utf-8"))
    del data["kpis"]["pairs"]
    path = _write_summary(tmp_path / "edited", data)
    with pytest.raises(InputError) as caught:
        read_run(path.parent)
    assert f"{path}::kpis.pairs:" in str(caught.value)
    path = _write_summary(tmp_path / "list", [1, 2])
    with pytest.raises(InputError, match="not a matcher summary"):
        read_run(path.parent)


def test_a_record_of_a_newer_version_is_refused(tmp_path: Path, folders: dict[str, Path]) -> None:
    data = json.loads((folders["cohort"] / "summary.json").read_text(encoding="utf-8"))
    path = _write_summary(tmp_path / "newer", {**data, "schema_version": SCHEMA_VERSION + 1})
    with pytest.raises(InputError) as caught:
        read_run(path.parent)
    message = str(caught.value)
    assert message.startswith(f"{path}::schema_version: written by a newer matcher")
    assert "update matcher" in message
    done = matcher("explain", path.parent, "--person", "A0001")  # the commands say the same, exit 2
    assert done.returncode == 2 and "newer matcher" in done.stderr


def test_a_version_1_record_is_read_and_upgraded(tmp_path: Path, folders: dict[str, Path]) -> None:
    data = json.loads((folders["cohort"] / "summary.json").read_text(encoding="utf-8"))
    del data["schema_version"]
    for rule in data["constraints"]:
        del rule["parts"]
    path = _write_summary(tmp_path / "old", data)
    record = read_run(path.parent)
    assert record.schema_version == SCHEMA_VERSION
    for rule in record.constraints:
        assert [p.kind for p in rule.parts] == ["hard" if rule.hard else "preference"]
        assert rule.parts[0].detail.values["text"] == rule.detail


def test_the_scenario_is_rebuilt_as_of_the_run_or_as_of_now(folders: dict[str, Path]) -> None:
    record = read_run(folders["repair"])
    assert record.repair_inputs is not None
    repaired = solved_scenario(record, as_of="run")
    leaver = pd.read_csv(record.repair_inputs.leavers or "", dtype=str)["id"].iat[0]
    assert leaver not in set(repaired.people["id"])  # the cohort as repaired: the leaver is out
    assert "keep_pairs" in repaired.constraints
    assert set(solved_scenario(record, as_of="now").people["id"]) == set(repaired.people["id"])
    with pytest.raises(ValueError, match="as_of"):
        solved_scenario(record, as_of="then")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="as_of='now'"):
        solved_scenario(record, as_of="run", cohort="VT26")
