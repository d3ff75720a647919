"""The hostile-input corpus (issue 16): files an attacker or bad luck hands over, each run through the
real `matcher` command in a subprocess with its memory bounded (RLIMIT_AS 2 GB) and a 20 s deadline.

Every case asserts its exit code, a located message (FILE:ROW:COLUMN: ...) naming the file -- and
where it applies the line and key -- the problem is in, the time taken and the peak memory. Small
cases are files in `files/` (read them: each is what it says); large ones are generated here into
the case's folder. The example cohort's people.csv is copied beside them (the scenarios name it).
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
COHORT = HERE.parents[1] / "scenarios" / "cohort"
MEMORY_LIMIT = 2 * 1024**3  # bytes of address space the command may use
TIME_LIMIT_S = 20.0


# -- generated files -----------------------------------------------------------------------------------


def _write(name: str, text: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_text(text, encoding="utf-8")


def deep_flow(levels: int) -> Callable[[Path], None]:
    """name: [[[[...]]]] -- flow sequences `levels` deep."""
    return _write("scenario.yaml", "people: people.csv\nname: " + "[" * levels + "]" * levels + "\n")


def deep_block(levels: int) -> Callable[[Path], None]:
    """name: - - - - x -- block sequences `levels` deep on one line."""
    return _write("scenario.yaml", "people: people.csv\nname:\n  " + "- " * levels + "x\n")


def deep_mapping(levels: int) -> Callable[[Path], None]:
    """Mappings `levels` deep, one key per line, each indented one more space."""
    lines = [f"{' ' * depth}k{depth}:" for depth in range(levels)]
    return _write("scenario.yaml", "people: people.csv\nname:\n" + "\n".join(" " + line for line in lines) + " x\n")


def extends_chain(length: int) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        for i in range(length):
            text = f"extends: s{i + 1}.yaml\n" if i < length - 1 else "people: people.csv\n"
            (folder / f"s{i}.yaml").write_text(text, encoding="utf-8")
    return make


def long_scenario(folder: Path) -> None:
    """A 2 MB scenario: a valid file, but no scenario is a thousandth of that."""
    (folder / "scenario.yaml").write_text("people: people.csv\n" + "# padding\n" * 200_000, encoding="utf-8")


def json_cell(levels: int) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        people = [{"id": "M1", "role": "mentor", "administration": "Centrum", "gender": "woman", "years": 10,
                   "topics": "@"}, {"id": "A1", "role": "adept", "administration": "Nordost", "gender": "man",
                                    "years": 1}]
        text = json.dumps(people).replace('"@"', "[" * levels + "]" * levels)
        (folder / "people.json").write_text(text, encoding="utf-8")
        (folder / "scenario.yaml").write_text("people: people.json\n", encoding="utf-8")
    return make


def json_document(levels: int) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / "people.json").write_text("[" * levels + "]" * levels, encoding="utf-8")
        (folder / "scenario.yaml").write_text("people: people.json\n", encoding="utf-8")
    return make


def huge_people(givers: int, takers: int) -> Callable[[Path], None]:
    """A valid people file with `givers` mentors and `takers` adepts (400 k x 400 k: 24 MB)."""
    def make(folder: Path) -> None:
        with (folder / "big.csv").open("w", encoding="utf-8") as out:
            out.write("id,role,administration,gender,years\n")
            out.write("".join(f"M{i},mentor,Centrum,woman,10\n" for i in range(givers)))
            out.write("".join(f"A{i},adept,Nordost,man,1\n" for i in range(takers)))
        (folder / "scenario.yaml").write_text("people: big.csv\nconstraints: {coverage: {}}\n", encoding="utf-8")
    return make


def sparse_people(folder: Path) -> None:
    """A 300 MB people file that takes no disk (sparse): refused by its size, before it is read."""
    with (folder / "big.csv").open("wb") as out:
        out.write(b"id,role,administration,gender,years\n")
        out.truncate(300_000_000)
    (folder / "scenario.yaml").write_text("people: big.csv\n", encoding="utf-8")


def _xlsx_with_sheet(folder: Path, name: str, sheet: bytes) -> None:
    """A real workbook (pandas writes it) whose first sheet's XML is replaced by `sheet`."""
    base = folder / "base.xlsx"
    pd.DataFrame({"id": ["M1"], "role": ["mentor"]}).to_excel(base, index=False)
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.namelist():
            data = sheet if item == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item, data)
    (folder / "scenario.yaml").write_text(f"people: {name}\n", encoding="utf-8")


def xlsx_entity_bomb(folder: Path) -> None:
    entities = "".join(
        f'<!ENTITY e{i} "{(f"&e{i - 1};" if i > 1 else "lol") * 10}">' for i in range(1, 10)
    )
    sheet = (f'<?xml version="1.0"?><!DOCTYPE s [{entities}]><worksheet xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e9;</t></is></c>'
             "</row></sheetData></worksheet>")
    _xlsx_with_sheet(folder, "people.xlsx", sheet.encode())


def xlsx_zip_bomb(folder: Path) -> None:
    """A workbook of ~300 kB whose sheet unpacks to 300 MB."""
    sheet = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b"<sheetData>" + b" " * 300_000_000 + b"</sheetData></worksheet>")
    _xlsx_with_sheet(folder, "people.xlsx", sheet)


def device_scenario(folder: Path) -> None:
    """A scenario that is /dev/zero: endless, empty of lines (it would be read for ever)."""
    (folder / "zero.yaml").symlink_to("/dev/zero")


def pipe_pairs(folder: Path) -> None:
    """A pairs list that is a named pipe nobody writes to (reading it would wait for ever)."""
    os.mkfifo(folder / "pairs.csv")


def deep_pairs_json(folder: Path) -> None:
    (folder / "pairs.json").write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")


def many_bad_scores(folder: Path) -> None:
    """200,000 score rows naming nobody: all counted, 50 listed, in bounded time."""
    rows = "".join(f"X{i},Y{i},3\n" for i in range(200_000))
    (folder / "scores.csv").write_text("mentor_id,adept_id,score\n" + rows, encoding="utf-8")
    (folder / "scenario.yaml").write_text("people: people.csv\npair_scores: scores.csv\n", encoding="utf-8")


# -- extra checks on what a case wrote ---------------------------------------------------------------------------


def formulas_defused(folder: Path) -> None:
    """Ids that are formulas come out of pairs.csv as text ('=...), never as a live formula."""
    lines = (folder / "out" / "pairs.csv").read_text(encoding="utf-8").splitlines()[1:]
    cells = [cell.strip('"') for line in lines for cell in line.split(",")]
    assert lines and not [c for c in cells if c[:1] in ("=", "+", "@")], lines


# -- the corpus ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One hostile input: the command, the exit code, and the located lines stderr must hold.

    `where`: (file, line, column) per expected problem; line '' for none, '*' for any number."""

    name: str
    args: tuple[str, ...]
    exit: int
    where: tuple[tuple[str, str, str], ...] = ()
    make: Callable[[Path], None] | None = None
    check: Callable[[Path], None] | None = None
    words: tuple[str, ...] = field(default_factory=tuple)  # phrases the message must contain


def v(scenario: str) -> tuple[str, ...]:
    return ("validate", scenario)


BOMB = "aliases (*name) expand the file"
CASES = [
    # YAML alias bombs inside every accepted key, and in a base
    Case("alias bomb in name", v("alias_bomb_name.yaml"), 2, (("alias_bomb_name.yaml", "2", "name"),), words=(BOMB,)),
    Case("alias bomb in solver.seed", v("alias_bomb_seed.yaml"), 2, (("alias_bomb_seed.yaml", "3", "solver.seed"),)),
    Case("alias bomb in a rule parameter", v("alias_bomb_rule.yaml"), 2,
         (("alias_bomb_rule.yaml", "5", "constraints.band.allowed"),)),
    Case("alias bomb in people", v("alias_bomb_people.yaml"), 2, (("alias_bomb_people.yaml", "1", "people"),)),
    Case("alias bomb in cohort", v("alias_bomb_cohort.yaml"), 2, (("alias_bomb_cohort.yaml", "2", "cohort"),)),
    Case("alias bomb in extends", v("alias_bomb_extends.yaml"), 2, (("alias_bomb_extends.yaml", "1", "extends"),)),
    Case("alias bomb in program", v("alias_bomb_program.yaml"), 2, (("alias_bomb_program.yaml", "2", "program"),)),
    Case("alias bomb in an extends base", v("alias_bomb_child.yaml"), 2,
         (("alias_bomb_base.yaml", "5", "constraints.topics.weight"),), words=(BOMB,)),
    Case("150 aliases", v("aliases_many.yaml"), 2, (("aliases_many.yaml", "3", "name"),), words=("more than 100",)),
    Case("recursive alias", v("alias_recursive.yaml"), 2, (("alias_recursive.yaml", "2", "name"),)),
    # deep nesting
    Case("YAML flow nested 3,000 deep", v("scenario.yaml"), 2, (("scenario.yaml", "2", "name"),),
         make=deep_flow(3_000), words=("nested more than 64 levels",)),
    Case("YAML flow nested 20,000 deep", v("scenario.yaml"), 2, (("scenario.yaml", "2", "name"),),
         make=deep_flow(20_000)),
    Case("YAML block sequences 3,000 deep", v("scenario.yaml"), 2, (("scenario.yaml", "3", "name"),),
         make=deep_block(3_000)),
    Case("YAML block sequences 20,000 deep", v("scenario.yaml"), 2, (("scenario.yaml", "3", "name"),),
         make=deep_block(20_000)),
    Case("YAML mappings 1,000 deep", v("scenario.yaml"), 2, (("scenario.yaml", "*", "name.k0.*"),),
         make=deep_mapping(1_000)),
    Case("JSON people cell nested 900 deep", v("scenario.yaml"), 2, (("people.json", "1", "topics"),),
         make=json_cell(900)),
    Case("JSON document nested 100,000 deep", v("scenario.yaml"), 2, (("people.json", "1", ""),),
         make=json_document(100_000)),
    Case("pairs list nested 50,000 deep (check)", ("check", "ok.yaml", "pairs.json"), 2, (("pairs.json", "1", ""),),
         make=deep_pairs_json),
    # duplicate keys, problems hidden, problems in bases, extends
    Case("two constraints: blocks", v("duplicate_constraints.yaml"), 2,
         (("duplicate_constraints.yaml", "6", "constraints"),), words=("already given on line 2",)),
    Case("a rule given twice", v("duplicate_rule.yaml"), 2, (("duplicate_rule.yaml", "6", "constraints.band"),)),
    Case("a solver key given twice", v("duplicate_solver_key.yaml"), 2,
         (("duplicate_solver_key.yaml", "5", "solver.workers"),)),
    Case("unknown key hides nothing", v("unknown_key_and_more.yaml"), 2,
         (("unknown_key_and_more.yaml", "2", "colour"), ("unknown_key_and_more.yaml", "3", "program"),
          ("unknown_key_and_more.yaml", "4", "solver.workers"),
          ("unknown_key_and_more.yaml", "7", "constraints.nonsense"))),
    Case("error inside an extends base", v("error_in_base_child.yaml"), 2,
         (("error_in_base_base.yaml", "6", "constraints.gender_balance.equal_match_rate_tolerance"),)),
    Case("extends chain of 1,000 files", v("s0.yaml"), 2, (("s32.yaml", "1", "extends"),), make=extends_chain(1_000)),
    Case("extends cycle", v("extends_cycle_a.yaml"), 2, (("extends_cycle_b.yaml", "1", "extends"),)),
    Case("2 MB scenario file", v("scenario.yaml"), 2, (("scenario.yaml", "", ""),), make=long_scenario),
    Case("a list, not a mapping", v("not_a_mapping.yaml"), 2, (("not_a_mapping.yaml", "1", ""),)),
    Case("binary garbage as YAML", v("garbage.yaml"), 2, (("garbage.yaml", "", ""),)),
    # solver settings, in the file and on the command line
    Case("workers: 100000000", v("workers_huge.yaml"), 2, (("workers_huge.yaml", "2", "solver.workers"),)),
    Case("seed 2^32 for mip-scip", v("seed_huge.yaml"), 2, (("seed_huge.yaml", "2", "solver.seed"),)),
    Case("time_limit_s: .nan", v("time_limit_nan.yaml"), 2, (("time_limit_nan.yaml", "2", "solver.time_limit_s"),)),
    Case("relative_gap: 5", v("relative_gap_huge.yaml"), 2, (("relative_gap_huge.yaml", "2", "solver.relative_gap"),)),
    Case("--time-limit -1", ("run", "ok.yaml", "--out", "out", "--time-limit=-1"), 2, (("--time-limit", "", ""),)),
    Case("--time-limit nan", ("run", "ok.yaml", "--out", "out", "--time-limit", "nan"), 2,
         (("--time-limit", "", ""),)),
    Case("--time-limit inf", ("run", "ok.yaml", "--out", "out", "--time-limit", "inf"), 2,
         (("--time-limit", "", ""),)),
    # tables
    Case("400 k x 400 k people", v("scenario.yaml"), 2, (("big.csv", "", "role"),), make=huge_people(400_000, 400_000),
         words=("possible pairs",)),
    Case("300 MB people file", v("scenario.yaml"), 2, (("big.csv", "", ""),), make=sparse_people),
    Case("workbook entity bomb", v("scenario.yaml"), 2, (("people.xlsx", "", ""),), make=xlsx_entity_bomb),
    Case("workbook zip bomb", v("scenario.yaml"), 2, (("people.xlsx", "", ""),), make=xlsx_zip_bomb,
         words=("unpacks to",)),
    Case("the scenario is /dev/zero", v("zero.yaml"), 2, (("zero.yaml", "", ""),), make=device_scenario,
         words=("not a regular file",)),
    Case("the pairs list is a named pipe", ("check", "ok.yaml", "pairs.csv"), 2, (("pairs.csv", "", ""),),
         make=pipe_pairs, words=("not a regular file",)),
    Case("a text file named .xlsx", v("xlsx_not_zip.yaml"), 2, (("xlsx_not_zip.xlsx", "", ""),)),
    Case("NUL bytes in a CSV", v("csv_nul.yaml"), 2, (("csv_nul.csv", "3", ""),)),
    Case("binary garbage as CSV", v("garbage_people.yaml"), 2, (("garbage.csv", "*", ""),)),
    Case("JSON that is not a list of records", v("json_not_records.yaml"), 2, (("json_not_records.json", "", ""),)),
    Case("200,000 score rows naming nobody", v("scenario.yaml"), 2, (("scores.csv", "2", "mentor_id"),),
         make=many_bad_scores, words=("more problems",)),
    # generate
    Case("generate --capacity 3-1", ("generate", "--capacity", "3-1", "--out", "gen.csv"), 2,
         (("--capacity", "", ""),)),
    Case("generate --out x.xls", ("generate", "--out", "x.xls"), 2, (("x.xls", "", ""),)),
    Case("generate --mentors 100000000", ("generate", "--mentors", "100000000", "--out", "gen.csv"), 2,
         (("--mentors", "", ""),)),
    # formula injection: runs, and the ids are written as text
    Case("formulas as ids", ("run", "formula_ids.yaml", "--out", "out"), 0, check=formulas_defused),
]


def located(file: str, line: str, column: str) -> re.Pattern[str]:
    row = r"\d+" if line == "*" else re.escape(line)
    col = re.escape(column[:-1]) + "[^:]*" if column.endswith("*") else re.escape(column)
    return re.compile(rf"^(?:.*/)?{re.escape(file)}:{row}:{col}: \S", re.MULTILINE)


def run_bounded(args: tuple[str, ...], cwd: Path) -> tuple[int, str, float, int]:
    """The command under RLIMIT_AS and a deadline: exit code, stderr, seconds, peak RSS in bytes."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    env = {k: val for k, val in os.environ.items() if k != "MATCHER_LANG"}
    if os.environ.get("HOSTILE_PYTHONPATH"):  # to run the corpus against another checkout (e.g. main)
        env["PYTHONPATH"] = os.environ["HOSTILE_PYTHONPATH"]
    with (cwd / ".stdout").open("w") as out, (cwd / ".stderr").open("w") as err:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "matcher.cli", *args], cwd=cwd, stdout=out, stderr=err,
                                   env=env, preexec_fn=limit)
        timer = threading.Timer(TIME_LIMIT_S, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, (cwd / ".stderr").read_text(), seconds, usage.ru_maxrss * 1024


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_is_refused_located_and_bounded(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(FILES, folder)
    shutil.copy(COHORT / "people.csv", folder / "people.csv")
    if case.make is not None:
        case.make(folder)
    code, stderr, seconds, peak = run_bounded(case.args, folder)
    assert seconds < TIME_LIMIT_S, f"took {seconds:.1f} s (killed at {TIME_LIMIT_S} s)"
    assert peak < MEMORY_LIMIT, f"peak memory {peak / 1e9:.2f} GB"
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr[-2000:]
    assert code == case.exit, stderr[-2000:]
    for where in case.where:
        assert located(*where).search(stderr), f"no line located at {where}:\n{stderr[-2000:]}"
    for words in case.words:
        assert words in stderr, stderr[-2000:]
    if case.check is not None:
        case.check(folder)


def test_every_file_of_the_corpus_is_used() -> None:
    """Every file in files/ is named by a case or by a scenario a case reads (none is dead weight)."""
    named = " ".join(" ".join(c.args) for c in CASES)
    texts = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in FILES.glob("*.yaml"))
    unused = [p.name for p in FILES.iterdir() if p.name not in named and p.name not in texts]
    assert not unused, unused
