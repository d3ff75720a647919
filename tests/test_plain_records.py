"""`Instance.giver_records` / `taker_records` are built column by column (`plain_records`): they must be
exactly `DataFrame.to_dict("records")` (keys as str), value for value and type for type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from constraints.base import plain_records
from matcher import Scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def _by_to_dict(table: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in table.to_dict("records")]


def _same(table: pd.DataFrame) -> None:
    fast, oracle = plain_records(table), _by_to_dict(table)
    assert repr(fast) == repr(oracle)
    assert [[type(v) for v in row.values()] for row in fast] == [[type(v) for v in row.values()] for row in oracle]


@pytest.mark.parametrize("name", ["trainee/scenario.yaml", "cohort/scenario.yaml", "forste/scenario.yaml"])
def test_people_records_are_to_dicts(name: str) -> None:
    inst = Scenario.from_yaml(SCENARIOS / name).instance()
    _same(inst.givers)
    _same(inst.takers)


def test_columns_to_dict_boxes_are_boxed_the_same() -> None:
    odd = pd.DataFrame({
        "a": [1, 2], 1: [np.int64(3), "x"], "c": pd.array([1, None], dtype="Int64"),
        "d": pd.array(["x", None], dtype="string"), "e": [np.nan, 1.0], "f": pd.to_datetime(["2020-01-01", None]),
        "g": [pd.NA, (1, 2)], "h": np.array([1, 2], dtype=np.uint8), "i": [True, False],
        "j": pd.Categorical(["a", "b"]), "k": [["t"], ()],
    })
    _same(odd)
    _same(odd.iloc[:0])
    _same(pd.DataFrame(index=range(2)))
    with pytest.warns(UserWarning, match="not unique"):  # to_dict's own warning, both ways
        _same(pd.DataFrame([[1, "x"]], columns=["a", "a"]))
