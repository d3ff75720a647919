"""Fuzzing scenario YAML: whatever the file says, Scenario.from_yaml either loads it or raises
InputError whose every problem reads FILE:ROW:COLUMN: message -- never another exception."""

from __future__ import annotations

import copy
import itertools
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from matcher import InputError, Scenario

COHORT = Path(__file__).resolve().parents[1] / "scenarios" / "cohort"
LOCATED = re.compile(r"^[^:\n]+:\d*:[^:\n]*: .+")
FUZZ = settings(deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow])

BASE: dict[str, Any] = {
    "name": "fuzz",
    "program": "mentorship",
    "people": "people.csv",
    "pair_scores": "scores.csv",
    "exclusions": "exclusions.csv",
    "locked": "locked.csv",
    "solver": {"time_limit_s": 5, "workers": 1, "seed": 0},
    "constraints": {
        "coverage": {},
        "capacity": {"min_per_mentor": 0},
        "band": {"allowed": {"Erfaren": ["Ny", "Van"], "Van": ["Ny"]}},
        "unit": {},
        "administration": {"mode": "any", "min_cross_share": 0.3},
        "gender_balance": {"equal_match_rate_tolerance": 0.2, "min_group_size": 3, "same_gender_requests": "soft"},
        "topics": {"weight": 5, "min_shared": 0},
        "pair_scores": {"weight": 1, "missing": "zero"},
        "exclusions": {},
        "locked": {},
    },
}
PARAMETERS = {
    "": ["hard", "weight", "priority"],
    "capacity": ["min_per_mentor"],
    "band": ["allowed"],
    "administration": ["mode", "min_cross_share"],
    "gender_balance": ["equal_match_rate_tolerance", "min_group_size", "same_gender_requests"],
    "topics": ["min_shared"],
    "pair_scores": ["missing"],
}
SOLVER_KEYS = ["time_limit_s", "workers", "seed", "backend", "relative_gap"]

# Names without ':' or a line break: such a name cannot be located as FILE:ROW:COLUMN at all
# (see test_a_colon_in_a_constraint_name_keeps_the_location_readable).
names = st.text(alphabet=st.characters(blacklist_characters=":\n\r\x85\u2028\u2029", blacklist_categories=("Cs",)),
                min_size=1, max_size=12)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=15), st.sampled_from(["Ny", "Van", "erfaren", "hard", "soft", "off", "same", "cross", "zero",
                                           "forbid", "auto", "mip-highs", "1e400", "-1", "0.5", "yes"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                        st.dictionaries(names, inner, max_size=3)), max_leaves=6)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("fuzz")
    for name in ("people.csv", "scores.csv", "exclusions.csv", "locked.csv"):
        shutil.copy(COHORT / name, target / name)
    return target


_counter = itertools.count()


def write(folder: Path, text: str) -> Path:
    path = folder / f"s{next(_counter)}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _no_event(_: str) -> None:
    pass


def load(path: Path, config: Any = None, note: Any = _no_event) -> None:
    """The property: loads, or InputError whose every problem is located as FILE:ROW:COLUMN.

    `note` is hypothesis' `event` inside @given tests (it may not be called elsewhere).
    """
    try:
        Scenario.from_yaml(path)
        note("loaded")
    except InputError as exc:
        assert exc.problems, "an InputError without problems"
        for problem in exc.problems:
            assert LOCATED.match(str(problem)), f"not FILE:ROW:COLUMN: {str(problem)!r}"
        note("InputError")


# -- mutations of the parsed mapping --------------------------------------------------------------

@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    config = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["top", "top_new", "drop", "constraint", "constraint_new", "param", "param_new",
                                     "solver", "constraints_value"]))
        if kind == "top":
            config[draw(st.sampled_from(sorted(config) or ["name"]))] = draw(values)
        elif kind == "top_new":
            config[draw(names)] = draw(values)
        elif kind == "drop" and config:
            config.pop(draw(st.sampled_from(sorted(config))))
        elif kind == "constraints_value":
            config["constraints"] = draw(values)
        elif isinstance(config.get("constraints"), dict):
            constraints = config["constraints"]
            if kind == "constraint" and constraints:
                constraints[draw(st.sampled_from(sorted(map(str, constraints))))] = draw(values)
            elif kind == "constraint_new":
                constraints[draw(st.one_of(names, st.sampled_from(["Band", "coverage ", "seniority", "gender"])))] = {}
            elif kind in ("param", "param_new") and constraints:
                name = draw(st.sampled_from(sorted(map(str, constraints))))
                if isinstance(constraints.get(name), dict):
                    key = (draw(st.sampled_from(PARAMETERS[""] + PARAMETERS.get(name, []))) if kind == "param"
                           else draw(names))
                    constraints[name][key] = draw(values)
        if kind == "solver":
            solver = config.setdefault("solver", {})
            if isinstance(solver, dict):
                solver[draw(st.one_of(st.sampled_from(SOLVER_KEYS), names))] = draw(values)
    return config


@FUZZ
@given(config=mutated())
def test_mutated_scenarios_load_or_report_located_problems(folder: Path, config: dict[str, Any]) -> None:
    load(write(folder, yaml.safe_dump(config, allow_unicode=True, sort_keys=False)), config, event)


# -- raw text mutations: broken syntax ----------------------------------------------------------------

BASE_TEXT = yaml.safe_dump(BASE, sort_keys=False, default_flow_style=False)
junk = st.text(alphabet=st.sampled_from(list(":{}[]\"'#-?|>&*!%@`\t\n ,x1")), min_size=1, max_size=4)


@FUZZ
@given(position=st.integers(0, len(BASE_TEXT)), cut=st.integers(0, 6), insert=junk)
def test_broken_syntax_is_located(folder: Path, position: int, cut: int, insert: str) -> None:
    text = BASE_TEXT[:position] + insert + BASE_TEXT[position + cut:]
    load(write(folder, text), note=event)


@pytest.mark.parametrize("text", [
    "people: people.csv\nconstraints:\n  coverage: {hard: false\n",
    "people: people.csv\n\tconstraints: {}\n",
    "- a\n- b\n",
    "just a string\n",
    "people: people.csv\npeople: other.csv\n",
    "{unclosed: [1, 2}\n",
    "people: people.csv\nconstraints: &a [*a]\n",
    "",
    "\ufeffpeople: people.csv\n",
])
def test_hand_picked_bad_texts(folder: Path, text: str) -> None:
    load(write(folder, text))


def test_syntax_error_location_is_the_line_and_column(folder: Path) -> None:
    path = write(folder, "people: people.csv\nconstraints:\n  band: {allowed: [}\n")
    with pytest.raises(InputError) as caught:
        Scenario.from_yaml(path)
    (problem,) = caught.value.problems
    assert problem.row == 3 and problem.column is not None and problem.column.isdigit()
    assert "invalid YAML" in problem.message


def test_not_utf8_is_an_input_error(folder: Path) -> None:
    path = folder / "latin1.yaml"
    path.write_bytes("name: Sydväst\npeople: people.csv\n".encode("cp1252"))
    load(path)


# -- extends ---------------------------------------------------------------------------------------------

def test_extends_to_a_missing_file(folder: Path) -> None:
    path = write(folder, "extends: nowhere.yaml\n")
    with pytest.raises(InputError) as caught:
        Scenario.from_yaml(path)
    assert "base scenario" in str(caught.value) and "not found" in str(caught.value)
    load(path)


@pytest.mark.parametrize("length", [1, 2, 3])
def test_extends_cycles(folder: Path, length: int) -> None:
    stem = f"cycle{length}_"
    for i in range(length):
        (folder / f"{stem}{i}.yaml").write_text(
            f"extends: {stem}{(i + 1) % length}.yaml\npeople: people.csv\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Scenario.from_yaml(folder / f"{stem}0.yaml")
    assert "cycle" in str(caught.value)
    load(folder / f"{stem}0.yaml")


@settings(FUZZ, max_examples=40)
@given(base=mutated(), child=mutated(), drop=st.lists(st.sampled_from(sorted(BASE["constraints"])), max_size=3))
def test_extends_of_mutated_bases(folder: Path, base: dict[str, Any], child: dict[str, Any], drop: list[str]) -> None:
    base_path = write(folder, yaml.safe_dump(base, allow_unicode=True))
    child = {k: v for k, v in child.items() if k not in ("people", "pair_scores", "exclusions", "locked")}
    child["extends"] = base_path.name
    if isinstance(child.get("constraints"), dict):
        child["constraints"].update(dict.fromkeys(drop))
    load(write(folder, yaml.safe_dump(child, allow_unicode=True)), child, event)


# -- the bugs the fuzzer found -------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["null", '""'])
def test_empty_people_entry_is_an_input_error(folder: Path, value: str) -> None:
    with pytest.raises(InputError):
        Scenario.from_yaml(write(folder, f"people: {value}\n"))


@pytest.mark.parametrize("value", ["[1]", "5", "text", "[hard]"])
def test_constraint_parameters_that_are_not_a_mapping_are_an_input_error(folder: Path, value: str) -> None:
    with pytest.raises(InputError) as caught:
        Scenario.from_yaml(write(folder, f"people: people.csv\nconstraints:\n  band: {value}\n"))
    assert "parameters must be a mapping" in str(caught.value)


@pytest.mark.parametrize("text", [
    "people: people.csv\nconstraints:\n  capacity:1: {}\n",  # a typo: no space after the colon
    "people: people.csv\n:name: x\n",
    'people: people.csv\nconstraints:\n  "a\\nb": {}\n',
])
def test_a_colon_in_a_constraint_name_keeps_the_location_readable(folder: Path, text: str) -> None:
    with pytest.raises(InputError) as caught:
        Scenario.from_yaml(write(folder, text))
    assert all(LOCATED.match(str(p)) for p in caught.value.problems), [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("key", ["people", "extends", "exclusions"])
def test_a_too_long_file_name_is_an_input_error(folder: Path, key: str) -> None:
    extra = "" if key == "people" else "people: people.csv\n"
    with pytest.raises(InputError):
        Scenario.from_yaml(write(folder, f"{extra}{key}: {'x' * 300}.csv\n"))


@pytest.mark.parametrize(("base", "child"), [("{}", "true"), ("{}", "[band]"), ("[band]", "{}"), ("[[1]]", "{}")])
def test_extends_with_constraints_that_are_not_a_mapping(folder: Path, base: str, child: str) -> None:
    base_path = write(folder, f"people: people.csv\nconstraints: {base}\n")
    with pytest.raises(InputError):
        Scenario.from_yaml(write(folder, f"extends: {base_path.name}\nconstraints: {child}\n"))
