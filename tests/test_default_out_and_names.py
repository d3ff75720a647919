"""Every command that writes a folder works without --out (a new folder beside the scenario,
named after it and the time, printed on the last line); and a name planted in the people file
reaches only the coordinator's own pair list (pairs.csv, matching.xlsx): never an aggregate
output, a terminal line, or the history database."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from cli_helpers import run_matcher as matcher

REPO = Path(__file__).resolve().parents[1]
PLANTED = "Zyxwvu Sentinelsdóttir"
STAMP = r"\d{8}-\d{6}(-\d+)?"


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The cohort example with a distinctive name planted, every command run on it without --out."""
    folder = tmp_path_factory.mktemp("planted") / "cohort"
    shutil.copytree(REPO / "scenarios" / "cohort", folder)
    people = folder / "people.csv"
    text = people.read_text(encoding="utf-8-sig")
    first_name = text.splitlines()[1].rsplit(";", 1)[1]
    people.write_text("\ufeff" + text.replace(first_name, PLANTED, 1), encoding="utf-8")
    scenario = folder / "scenario.yaml"
    variant = folder / "strict_gender.yaml"
    (folder / "left.csv").write_text("id\nM0001\n", encoding="utf-8")
    runs: dict[str, subprocess.CompletedProcess[str]] = {}
    runs["run"] = matcher("run", scenario)
    runs["compare"] = matcher("compare", scenario, variant)
    runs["sweep"] = matcher("sweep", scenario, "--vary", "constraints.administration.min_cross_share=0,0.3",
                            "--workers", "1")
    runs["simulate"] = matcher("simulate", scenario, "--dropout", "0.3", "--runs", "2", "--workers", "1")
    runs["plan"] = matcher("plan", scenario)
    for name, done in runs.items():
        assert done.returncode == 0, (name, done.stderr)
    run_folder = _folder(runs["run"])
    runs["repair"] = matcher("repair", run_folder / "pairs.csv", scenario, "--leavers", folder / "left.csv")
    assert runs["repair"].returncode == 0, runs["repair"].stderr
    db = folder / "history.sqlite"
    runs["publish"] = matcher("publish", run_folder, "--cohort", "VT26", "--db", db)
    runs["export"] = matcher("history", "export", "VT26", "--db", db, "--out", folder / "vt26.csv")
    for name in ("publish", "export"):
        assert runs[name].returncode == 0, (name, runs[name].stderr)
    return {"folder": folder, "runs": runs, "db": db}


def _folder(done: subprocess.CompletedProcess[str]) -> Path:
    """The output folder a command names at the end of its last line."""
    last = done.stderr.strip().splitlines()[-1]
    found = re.search(r"-> (\S+?)(/[a-z]+\.html)?$", last)
    assert found, last
    return Path(found.group(1))


@pytest.mark.parametrize(("command", "suffix", "files"), [
    ("run", "", {"pairs.csv", "summary.json", "matching.xlsx"}),
    ("compare", "-compare", {"compare.html", "compare.csv"}),
    ("repair", "-repair", {"changes.csv", "pairs.csv"}),
    ("sweep", "-sweep", {"sweep.csv", "points"}),
    ("simulate", "-simulate", {"simulate.csv", "simulate.html"}),
    ("plan", "-plan", {"plan.csv", "recruits.csv"}),
])
def test_without_out_a_new_folder_beside_the_scenario_is_written_and_named_last(
    cohort: dict[str, object], command: str, suffix: str, files: set[str],
) -> None:
    done = cohort["runs"][command]  # type: ignore[index]
    out = _folder(done)
    assert out.parent == cohort["folder"] / "out"  # type: ignore[operator]
    assert re.fullmatch(rf"scenario{suffix}-{STAMP}", out.name), out.name
    assert files <= {p.name for p in out.iterdir()}


def test_the_default_folder_is_never_an_existing_one(cohort: dict[str, object]) -> None:
    folders = [p for p in (cohort["folder"] / "out").iterdir()]  # type: ignore[operator]
    assert len({p.name for p in folders}) == len(folders) == 6
    again = matcher("run", cohort["folder"] / "scenario.yaml")  # type: ignore[operator]
    assert again.returncode == 0, again.stderr
    assert _folder(again) not in folders


def test_the_sweeps_point_files_say_how_to_rerun_them(cohort: dict[str, object]) -> None:
    out = _folder(cohort["runs"]["sweep"])  # type: ignore[index]
    point = next((out / "points").iterdir())
    first = point.read_text(encoding="utf-8").splitlines()[0]
    assert f"matcher run {point.relative_to(out)} --out DIR" in first
    rerun = matcher("run", point)  # as the comment says: without --out, a new folder beside it
    assert rerun.returncode == 0, rerun.stderr
    assert _folder(rerun).parent == point.parent / "out"


def test_the_planted_name_is_only_in_the_coordinators_pair_list(cohort: dict[str, object]) -> None:
    runs: dict[str, subprocess.CompletedProcess[str]] = cohort["runs"]  # type: ignore[assignment]
    for name, done in runs.items():
        assert PLANTED not in done.stdout + done.stderr, f"the name is on the terminal of {name}"
    pair_lists = []
    for command in ("run", "repair", "compare", "sweep", "simulate", "plan"):
        out = _folder(runs[command])
        for path in sorted(p for p in out.rglob("*") if p.is_file()):
            if path.name in ("pairs.csv", "matching.xlsx"):
                pair_lists.append(path)
                continue
            assert PLANTED.encode() not in path.read_bytes(), f"the name is in {path}"
    # run and repair (and a sweep point re-run as a run): each its pairs.csv and matching.xlsx
    assert {_folder(runs["run"]), _folder(runs["repair"])} <= {p.parent for p in pair_lists}
    for path in (_folder(runs["run"]) / "pairs.csv", _folder(runs["run"]) / "matching.xlsx"):
        if path.suffix == ".csv":
            pairs = pd.read_csv(path, dtype=str)
            assert PLANTED in set(pairs["mentor_name"]) | set(pairs["adept_name"]), path
        else:
            cells = {c.value for row in openpyxl.load_workbook(path).worksheets[0].iter_rows() for c in row}
            assert PLANTED in cells, path
    folder: Path = cohort["folder"]  # type: ignore[assignment]
    database = [p for p in folder.iterdir() if p.name.startswith("history.sqlite")]
    assert database
    for path in [*database, folder / "vt26.csv"]:
        assert PLANTED.encode() not in path.read_bytes(), f"the name is in {path}"
