"""Shared builders for the per-constraint tests (tests/rules/test_<name>.py).

The folder is `tests/rules`, not `tests/constraints`: a `constraints` folder next to test
modules that pytest puts on sys.path shadows the engine's own `constraints` package (a
namespace package wins over the editable install's finder), which breaks every test file
in tests/ when run on its own.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from constraints import REGISTRY, Verdict
from constraints.base import render_detail
from matcher import InputError, Scenario, solve
from matcher.engine import Result


def mentor(pid: str, administration: str = "Centrum", gender: str = "woman", years: float | None = 10,
           capacity: int = 1, **extra: Any) -> dict[str, Any]:
    """A mentor row; years=None with band=... gives the band instead of years."""
    row = {"id": pid, "role": "mentor", "administration": administration, "gender": gender, "years": years,
           "capacity": capacity, **extra}
    return {k: v for k, v in row.items() if v is not None}


def adept(pid: str, administration: str = "Nordost", gender: str = "woman", years: float | None = 1,
          **extra: Any) -> dict[str, Any]:
    row = {"id": pid, "role": "adept", "administration": administration, "gender": gender, "years": years,
           **extra}
    return {k: v for k, v in row.items() if v is not None}


def scores(table: dict[tuple[str, str], int]) -> list[dict[str, Any]]:
    return [{"mentor_id": m, "adept_id": a, "score": s} for (m, a), s in table.items()]


def build(people: list[dict[str, Any]], constraints: dict[str, dict[str, Any]], **kwargs: Any) -> Scenario:
    return Scenario.from_people(people, constraints=constraints, solver={"workers": 1, "time_limit_s": 30},
                                **kwargs)


def run(people: list[dict[str, Any]], constraints: dict[str, dict[str, Any]], **kwargs: Any) -> Result:
    return solve(build(people, constraints, **kwargs))


def pairs(result: Result) -> set[tuple[str, str]]:
    return set(zip(result.pairs["mentor_id"], result.pairs["adept_id"], strict=True))


def frame(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["mentor_id", "adept_id"], dtype=str)


def verdict(scenario: Scenario, name: str, rows: list[tuple[str, str]]) -> Verdict:
    """The named rule's own independent check on a hand-made matching."""
    rule = next(c for c in scenario.active_constraints() if c.name == name)
    return rule.check(scenario.instance(), frame(rows))


def rule(scenario: Scenario, name: str) -> Any:
    return next(c for c in scenario.active_constraints() if c.name == name)


def rejects(name: str, params: dict[str, Any], people: list[dict[str, Any]] | None = None,
            **kwargs: Any) -> list[str]:
    """Bad parameters: pydantic refuses them, and a scenario reports them as FILE:ROW:COLUMN problems."""
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        REGISTRY[name].from_config(params)
    people = people or [mentor("M1"), adept("A1")]
    with pytest.raises(InputError) as caught:
        build(people, {name: params}, **kwargs)
    texts = [str(p) for p in caught.value.problems]
    assert texts and all(f"constraints.{name}" in t for t in texts), texts
    return texts


def english(words: Any, program: str = "mentorship") -> str:
    """A verdict's detail, a rule's message or plain text, as the English sentence it renders to."""
    return render_detail(words, "en", program)


def says(text: Any, *facts: str, program: str = "mentorship") -> None:
    """An explanation mentions every fact (numbers, names, bands): the words around them may change.
    `text` may be a catalogue message (or a verdict's detail): its English is checked."""
    assert text is not None, "no explanation"
    text = english(text, program)
    missing = [fact for fact in facts if fact.lower() not in text.lower()]
    assert not missing, f"{text!r} does not mention {missing}"
