"""The workspace's one coupling to the engine, the output folder and the table reader.

Everything the browser workspace needs from the rest of matcher goes through here, so that
when the run record (one reader of an output folder), the catalogue conversion (Swedish
messages) and the table reader land, only this module changes. Today it uses:

* `Scenario.from_yaml`, `matcher.io.people.load_people`, `matcher.io.pairs.load_pair_file`
  to check what is uploaded (their problems are English until the reader's messages move to
  the catalogue: shown as they are, in a Swedish table);
* `engine.solve` and `output.write_result` for a run, `repair.repair_matching` and
  `repair.write_repair` for mid-year changes, `whatif.compare` for "what if";
* `run_record.read_run` / `solved_scenario` to read a run back, `explain.explain_output`;
* `history.publish.publish_output`: the same transaction and checks as `matcher publish`.

Work-arounds, until the other branches land: names are added to the downloaded workbook
here (the writers do not carry them yet), and explanations are the engine's English text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from matcher.errors import InfeasibleError, InputError, NoSolutionError, Problem
from matcher.i18n import Lang

Phase = Callable[[str], None]


@dataclass(frozen=True)
class ProblemView:
    """One input problem, for the page's table (file, row, column, what is wrong)."""

    file: str
    row: int | None
    column: str | None
    message: str


def problem_views(problems: list[Problem], workspace: Path) -> list[ProblemView]:
    """Problems with file names shown relative to the workspace (never the server's full paths)."""
    root = str(workspace.resolve())
    views = []
    for p in problems:
        file = p.file
        if file.startswith(root):
            file = file[len(root):].lstrip("/\\")
        views.append(ProblemView(file, p.row, p.column, p.message.replace(root + "/", "")))
    return views


# -- checking what is uploaded -----------------------------------------------------------------------


def check_people(path: Path) -> pd.DataFrame:
    """The people file, validated; InputError with every problem."""
    from matcher.io.people import load_people

    return load_people(path)


def read_pairs(path: Path, kind: str, people: pd.DataFrame) -> pd.DataFrame:
    """A scores, exclusions or locked file, validated against the people (canonical columns
    mentor_id, adept_id, and score or reason); InputError with every problem."""
    from matcher.io.pairs import load_pair_file

    return load_pair_file(path, kind, people)  # type: ignore[arg-type]


def load_scenario(path: Path) -> Any:
    """A scenario file, validated (history read when a rule needs it); InputError otherwise."""
    from matcher.scenario import Scenario

    return Scenario.from_yaml(path)


def flat_config(path: Path) -> dict[str, Any]:
    """An existing scenario (with its `extends:` followed) as one mapping: the files as absolute
    paths, the rules merged. The workspace writes its own file from it, never over the original."""
    scenario = load_scenario(path)
    config: dict[str, Any] = {"name": scenario.name, "program": scenario.program}
    if scenario.cohort:
        config["cohort"] = scenario.cohort
    files = dict(scenario.files)
    for kind in ("people", "pair_scores", "exclusions", "locked"):
        if kind in files:
            config[kind] = str(files[kind])
    if scenario.history_db and "://" not in str(scenario.history_db):
        config["history_db"] = str(scenario.history_db)
    config["solver"] = scenario.solver.model_dump(exclude_defaults=True)
    config["constraints"] = {name: dict(params) for name, params in scenario.constraints.items()}
    return config


def history_default(yaml_path: Path) -> str | None:
    """The history database a scenario names (absolute path or URL), read without solving."""
    import yaml

    data = yaml.safe_load(yaml_path.read_text(encoding="utf-8-sig")) or {}
    value = data.get("history_db") if isinstance(data, dict) else None
    if not value:
        return None
    return str(value) if "://" in str(value) else str((yaml_path.parent / str(value)).resolve())


# -- solving (in the worker process) ----------------------------------------------------------------


def run_matching(yaml_path: Path, out_dir: Path, lang: str, phase: Phase) -> dict[str, Any]:
    """Solve a scenario and write its output folder; the outcome for the page."""
    from matcher.engine import solve
    from matcher.output import write_result

    phase("read")
    scenario = load_scenario(yaml_path)
    phase("solve")
    result = solve(scenario)
    phase("write")
    write_result(result, out_dir, lang=lang)
    return _outcome(result)


def run_repair(
    yaml_path: Path, current_pairs: Path, leavers: Path | None, joiners: Path | None, allow_moves: int,
    out_dir: Path, lang: str, phase: Phase,
) -> dict[str, Any]:
    """`matcher repair`'s work: keep the pairs that still hold, match the rest, write changes.csv too."""
    from matcher.repair import (
        RepairSources,
        check_out_dir,
        read_current_pairs,
        read_joiners,
        read_leavers,
        repair_matching,
        write_repair,
    )

    phase("read")
    scenario = load_scenario(yaml_path)
    protected = [p for p in (current_pairs, leavers, joiners) if p is not None]
    check_out_dir(out_dir, scenario, protected)
    problems: list[Problem] = []
    current, leaver_ids, joiner_rows = None, None, None
    for step in ("current", "leavers", "joiners"):
        try:
            if step == "current":
                current = read_current_pairs(current_pairs)
            elif step == "leavers" and leavers is not None:
                leaver_ids = read_leavers(leavers, scenario)
            elif step == "joiners" and joiners is not None:
                joiner_rows = read_joiners(joiners)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems or current is None:
        raise InputError(problems)
    phase("solve")
    repair = repair_matching(scenario, current, leavers=leaver_ids or (), joiners=joiner_rows, allow_moves=allow_moves)
    phase("write")
    write_repair(repair, out_dir, lang=lang, protected=protected,  # type: ignore[arg-type]
                 sources=RepairSources(current_pairs, leavers, joiners))
    return {**_outcome(repair.result), "changes": repair.counts}


def carried_changes(summary: dict[str, Any], leavers: list[str], scenario_yaml: Path, folder: Path,
                    stem: str) -> tuple[Path, list[str]]:
    """A repair of a repaired matching: (the scenario to repair, every leaver so far).

    `matcher repair` reads the current pairs against the scenario's people file, which lists
    everyone as they were before the earlier repair. So when the earlier repair had joiners,
    a scenario is written into `folder` that extends the earlier one with a people file of
    its people and those joiners (the same columns are required); the earlier leavers stay
    leavers. Workaround here, in the adapter: `matcher.repair` repairs one step at a time.
    InputError when the joiners' file does not have the people file's columns.
    """
    import os

    import yaml

    from matcher.io.tables import header_key, read_table, text_column

    recorded = summary.get("repair_inputs")
    if not isinstance(recorded, dict):
        return scenario_yaml, leavers
    base = Path(str(summary.get("scenario_file") or scenario_yaml))
    earlier: list[str] = []
    if recorded.get("leavers"):
        raw, _ = read_table(Path(str(recorded["leavers"])))
        column = next((c for c in raw.columns if header_key(c) == "id"), raw.columns[0])
        earlier = [str(v).strip() for v in text_column(raw[column]) if str(v).strip()]
    everyone = list(dict.fromkeys([*earlier, *leavers]))
    if not recorded.get("joiners"):
        return base, everyone
    people_path = load_scenario(base).files["people"]
    people, _ = read_table(people_path)
    joined, joiners_name = read_table(Path(str(recorded["joiners"])))
    if list(people.columns) != list(joined.columns):
        raise InputError.single(joiners_name, 1, None, "the new people's file must have the same columns as "
                                f"{people_path.name}: {', '.join(map(str, people.columns))}")
    folder.mkdir(parents=True, exist_ok=True)
    combined = folder / f"{stem}-people.csv"
    pd.concat([people, joined], ignore_index=True).to_csv(combined, index=False, lineterminator="\n")
    derived = folder / f"{stem}.yaml"
    derived.write_text(yaml.safe_dump({"extends": os.path.relpath(base, folder), "people": combined.name},
                                      sort_keys=False, allow_unicode=True), encoding="utf-8")
    return derived, everyone


def run_whatif(base_yaml: Path, variant_yaml: Path, out_dir: Path, lang: str, phase: Phase) -> dict[str, Any]:
    """The steering group's comparison page (aggregates only) of a variant against the current rules."""
    from matcher.output.folder import write_bundle
    from matcher.whatif.compare import compare_scenarios, render_comparison

    phase("read")
    scenarios = [load_scenario(base_yaml), load_scenario(variant_yaml)]
    phase("solve")
    comparison = compare_scenarios(scenarios)
    phase("write")
    page = render_comparison(comparison, lang=lang)
    protected = [file for s in scenarios for file in s.files.values()]
    write_bundle(out_dir, {"compare.html": lambda p: p.write_text(page, encoding="utf-8", newline="")},
                 protected=protected)
    return {"status": comparison.outcomes[-1].status}


def _outcome(result: Any) -> dict[str, Any]:
    k = result.kpis
    return {
        "status": result.status,
        "matched": int(k["matched_takers"]),
        "takers": int(k["takers"]),
        "solve_seconds": round(float(result.solve_seconds), 2),
    }


def failure(exc: BaseException) -> dict[str, Any]:
    """How a run failed, for the page: input problems, conflicting rules, or no solution in time."""
    if isinstance(exc, InputError):
        return {"state": "failed", "problems": [
            {"file": p.file, "row": p.row, "column": p.column, "message": p.message} for p in exc.problems]}
    if isinstance(exc, InfeasibleError):
        # Both languages kept: the page shows the one the coordinator reads in, whichever it is then.
        return {"state": "infeasible", "conflicts": [str(c) for c in exc.conflicts],
                "conflicts_by_lang": {lang: [c.text(lang) for c in exc.conflicts] for lang in ("sv", "en")}}
    if isinstance(exc, NoSolutionError):
        return {"state": "no_solution", "message": str(exc)}
    return {"state": "failed", "internal": type(exc).__name__}


# -- reading a run back ------------------------------------------------------------------------------------


@dataclass
class RunView:
    """A finished run as the review page shows it."""

    summary: dict[str, Any]
    pairs: pd.DataFrame  # mentor_id, adept_id, score, reasons
    unmatched: pd.DataFrame  # id, role, reason
    people: pd.DataFrame  # the people as the run saw them (a repair's joiners included), indexed by id
    changes: pd.DataFrame | None  # a repair's changes.csv

    def person(self, pid: str) -> dict[str, Any]:
        if pid in self.people.index:
            row = self.people.loc[pid]
            return {str(k): v for k, v in row.items()}
        return {}


_RUN_CACHE: dict[tuple[str, tuple[float, ...]], RunView] = {}


def read_run(out_dir: Path) -> RunView:
    """pairs, unmatched, the run's record and the people of a finished run (cached while its files
    are unchanged): through the run record, the one reader of an output folder."""
    from matcher.checker import normalise_pair_columns
    from matcher.output.cells import read_csv_back
    from matcher.run_record import read_run as read_record
    from matcher.run_record import solved_scenario

    files = ("summary.json", "pairs.csv", "unmatched.csv")
    key = (str(out_dir), tuple((out_dir / name).stat().st_mtime for name in files))
    if key in _RUN_CACHE:
        return _RUN_CACHE[key]
    record = read_record(out_dir)
    pairs = normalise_pair_columns(read_csv_back(out_dir / "pairs.csv"))
    unmatched = read_csv_back(out_dir / "unmatched.csv")
    scenario = solved_scenario(record, as_of="run")
    people = scenario.people.set_index("id", drop=False)
    changes = None
    if (out_dir / "changes.csv").is_file():
        changes = normalise_pair_columns(read_csv_back(out_dir / "changes.csv"))
    view = RunView(record.to_json(), pairs, unmatched, people, changes)
    _RUN_CACHE.clear()
    _RUN_CACHE[key] = view
    return view


def explain(out_dir: Path, *, pair: str | None = None, person: str | None = None, lang: Lang = "en") -> str:
    """`matcher explain`'s text for a pair or a person (the engine's words), in `lang`."""
    from matcher.explain import explain_output

    return explain_output(out_dir, pair=pair, person=person, lang=lang)


def publish(out_dir: Path, cohort: str, db: str) -> dict[str, Any]:
    """`matcher publish OUT --cohort C --db DB`: the same checks and the one transaction."""
    from matcher.history.publish import publish_output

    info, _ = publish_output(out_dir, cohort=cohort, db=db, replace=False)
    return {"cohort": info.name, "pairs": int(info.n_pairs), "at": str(info.published_at)}


def workbook_with_names(out_dir: Path, scratch: Path) -> bytes:
    """matching.xlsx for the coordinator: the run's own workbook, which carries both people's names
    in its pairs sheet (`matcher.output.run.with_names`). `scratch` is kept for the callers."""
    del scratch
    return (out_dir / "matching.xlsx").read_bytes()


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def kpis(view: RunView) -> dict[str, Any]:
    return dict(view.summary.get("kpis") or {})


def summary_json(out_dir: Path) -> str:
    return json.dumps(read_run(out_dir).summary)
