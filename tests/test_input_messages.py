"""Input problems speak through the catalogue (issue 11, 12): each `InputProblem` carries a `Msg`,
`str()` stays the English `FILE:ROW:COLUMN: message` it always was, and the same problems render
in Swedish (`InputError.lines("sv")`, `--lang sv`), located alike.

`input_messages.en.json` holds the English lines of every case in `input_cases.py`, as `matcher
validate` printed them on the main branch before the messages moved to the catalogue -- except
two cases whose behaviour issue 16 changes: `yaml_keys` (one unknown key used to hide the twelve
other problems of the file) and `yaml_duplicate` (a key given twice used to be accepted).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from input_cases import write_cases

import matcher
from matcher.cli import main
from matcher.errors import InputError, InputProblem, Problem
from matcher.i18n import Msg, catalogue
from matcher.scenario import Scenario

HERE = Path(__file__).resolve().parent
GOLDEN: dict[str, list[str]] = json.loads((HERE / "input_messages.en.json").read_text(encoding="utf-8"))
LOCATED = re.compile(r"^([^:]*):(\d*):([^:]*): (.+)$")


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("input-cases")
    assert sorted(write_cases(folder)) == sorted(GOLDEN)
    return folder


def _validate(folder: Path, scenario: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`matcher validate SCENARIO --lang LANG` in `folder` (in-process: the command as the terminal runs it)."""
    monkeypatch.chdir(folder)
    monkeypatch.delenv("MATCHER_LANG", raising=False)
    done = CliRunner().invoke(main, ["validate", scenario, "--lang", lang], catch_exceptions=False)
    assert "Traceback" not in done.stderr
    return [line for line in done.stderr.splitlines() if not line.startswith("  ")]


@pytest.mark.parametrize("scenario", sorted(GOLDEN))
def test_english_lines_are_as_before(cases: Path, scenario: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _validate(cases, scenario, "en", monkeypatch) == GOLDEN[scenario]


@pytest.mark.parametrize("scenario", sorted(GOLDEN))
def test_swedish_lines_are_located_alike_and_worded_otherwise(
    cases: Path, scenario: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    swedish = _validate(cases, scenario, "sv", monkeypatch)
    english = GOLDEN[scenario]
    assert len(swedish) == len(english)
    for sv, en in zip(swedish, english, strict=True):
        sv_match, en_match = LOCATED.match(sv), LOCATED.match(en)
        assert sv_match and en_match, (sv, en)
        assert sv_match.groups()[:3] == en_match.groups()[:3]
        assert sv_match.group(4) != en_match.group(4), sv


def test_the_coordinators_gender_message_in_swedish(cases: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _validate(cases, "people_rows.yaml", "sv", monkeypatch)
    gender = "'K?' är inte ett kön vi känner igen — använd kvinna, man, annan eller ej angivet"
    assert f"people_rows.csv:7:kön: {gender}" in lines


def test_an_input_error_renders_in_either_language() -> None:
    with pytest.raises(InputError) as caught:
        Scenario.from_people([{"id": "M1", "role": "mentor", "administration": "Centrum", "gender": "K?", "years": 3}])
    (problem,) = caught.value.problems
    assert str(problem) == problem.text("en") == (
        "<people>:2:gender: unknown gender 'K?'; use one of woman, man, non-binary, undisclosed "
        "(or kvinna, man, annan, ej angivet)")
    assert caught.value.lines("sv") == [
        "<people>:2:gender: 'K?' är inte ett kön vi känner igen — använd kvinna, man, annan eller ej angivet"]
    assert problem.words.key == "input.people.unknown.gender"
    assert InputProblem.from_json(json.loads(json.dumps(problem.to_json()))) == problem


def test_problem_is_a_deprecated_name_of_input_problem() -> None:
    assert Problem is InputProblem and matcher.Problem is matcher.InputProblem is InputProblem
    plain = Problem("f.csv", 3, "id", "a sentence not in the catalogue yet")
    assert str(plain) == "f.csv:3:id: a sentence not in the catalogue yet"
    assert plain.render("sv") == plain.message  # plain text reads the same in every language
    assert InputProblem.from_json({"file": "f.csv", "row": 3, "column": "id", "message": plain.message}) == plain


def test_every_input_entry_is_used() -> None:
    """Each `input.*` key is named in the code (literally, or as an f-string prefix such as
    `input.people.unknown.{name}` for the keys it makes)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (HERE.parent / "matcher").rglob("*.py")
                       if "i18n" not in p.parts)
    prefixes = re.findall(r'f"(input\.[a-z_.]*)\{', source)
    unused = [key for key in catalogue() if key.startswith("input.") and f'"{key}"' not in source
              and not any(key.startswith(prefix) for prefix in prefixes)]
    assert not unused, unused


def test_a_message_made_of_messages_renders_each_part_in_the_language() -> None:
    from matcher.io.tables import listing

    either = listing(["'a'", "'b'", "'c'"])
    assert isinstance(either, Msg)
    assert either.render("en") == "'a' or 'b' or 'c'" and either.render("sv") == "'a' eller 'b' eller 'c'"


def test_a_rules_own_validator_speaks_both_languages(tmp_path: Path) -> None:
    """A rule parameter its validator refuses (matcher.errors.InvalidValue): English as pydantic
    always printed it ("Value error, ..."), Swedish from the catalogue, each at its line."""
    people = Path(matcher.__file__).resolve().parent.parent / "scenarios" / "cohort" / "people.csv"
    scenario = tmp_path / "rules.yaml"
    scenario.write_text(
        f"name: validators\npeople: {people}\nconstraints:\n"
        "  band: {allowed: {Expert: [Ny]}}\n"
        "  gender_target: {min_share: {kvinna: 0.7, man: 0.5}}\n"
        "  administration_quota: {places: {Nowhere: 3}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        Scenario.from_yaml(scenario)
    english = [line.replace(f"{tmp_path}/", "") for line in caught.value.lines("en")]
    swedish = [line.replace(f"{tmp_path}/", "") for line in caught.value.lines("sv")]
    assert english == [
        "rules.yaml:4:constraints.band.allowed: Value error, unknown band 'Expert'; use one of Ny, Van, Erfaren "
        "(got {'Expert': ['Ny']})",
        "rules.yaml:5:constraints.gender_target.min_share: Value error, the minimum shares add up to more than 1 "
        "(100%): no selection can meet them all (got {'kvinna': 0.7, 'man': 0.5})",
        "rules.yaml:6:constraints.administration_quota.places: Value error, unknown administration 'Nowhere'; "
        "use one of Nordost, Centrum, Hisingen, Sydväst (got {'Nowhere': 3})",
    ], english
    assert [line.split(": ", 1)[0] for line in swedish] == [line.split(": ", 1)[0] for line in english]
    assert swedish[0].endswith(
        "okänd erfarenhetsnivå 'Expert'; använd en av Ny, Van, Erfaren (angivet: {'Expert': ['Ny']})")
    assert "de lägsta andelarna blir tillsammans mer än 1 (100 %)" in swedish[1]
    assert "okänd förvaltning 'Nowhere'" in swedish[2]
    assert not any("Value error" in line for line in swedish)


def test_a_back_end_that_cannot_take_the_rules_is_a_located_input_error(tmp_path: Path) -> None:
    """Issue 16, item 8: `backend: min-cost-flow` with cohort-wide rules is bad input (exit 2) at the
    line that asks for it, naming the rules that need another back-end, in either language."""
    from matcher.engine import solve

    city = Path(matcher.__file__).resolve().parent.parent / "scenarios" / "city"
    text = (city / "scenario.yaml").read_text(encoding="utf-8").replace("\npeople: ", f"\npeople: {city}/")
    text = text.replace("\npair_scores: ", f"\npair_scores: {city}/")
    text = text.replace("seed: 0}", "seed: 0, backend: min-cost-flow}")
    scenario = tmp_path / "flow.yaml"
    scenario.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "backend" in row)
    with pytest.raises(InputError) as caught:
        solve(Scenario.from_yaml(scenario))
    (english,) = caught.value.lines("en")
    (swedish,) = caught.value.lines("sv")
    assert english.startswith(f"{scenario}:{line}:solver.backend: the back-end 'min-cost-flow' cannot solve")
    assert "administration, gender_balance add cohort-wide rows" in english
    assert swedish.startswith(f"{scenario}:{line}:solver.backend: lösaren 'min-cost-flow' kan inte lösa")
    assert "”förvaltningar”" in swedish
    done = CliRunner().invoke(main, ["run", str(scenario), "--out", str(tmp_path / "out"), "--lang", "sv"])
    assert done.exit_code == 2 and "lösaren 'min-cost-flow'" in done.stderr
    assert not (tmp_path / "out").exists()
