"""Rows as a table over pair classes (issue 15) say exactly what their pair-length arrays say."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.problem import PairClasses, Row
from matcher.solvers import rowspace
from matcher.solvers.rowspace import RowMatrix


def rows_of(seed: int, n: int) -> list[Row]:
    rng = np.random.default_rng(seed)
    gender = rng.integers(0, 4, n).astype(np.int32)  # shared by two rows, as one rule's rows share it
    cross = (rng.random(n) < 0.7).view(np.int8)
    return [
        Row("t", "rate.a", "a", None, "<=", 3.0, classes=PairClasses(gender, np.array([5.0, -24.0, 0.0, 0.0]))),
        Row("t", "rate.b", "b", None, "<=", 3.0, classes=PairClasses(gender, np.array([-5.0, 24.0, 1.0, 0.0]))),
        Row("t", "cross", "c", None, ">=", 0.0, classes=PairClasses(cross, np.array([-3.0, 7.0]))),
        Row("t", "dense", "d", rng.integers(-2, 3, n).astype(np.float64), "<=", 1.0),
    ]


@pytest.mark.parametrize("lookup_limit", [2**24, 2])  # the linear-time lookup and the sorting path
@pytest.mark.parametrize("code_limit", [2**62, 8])  # without and with compressing the codes on the way
def test_the_table_equals_the_dense_rows(monkeypatch: pytest.MonkeyPatch, lookup_limit: int, code_limit: int) -> None:
    monkeypatch.setattr(rowspace, "_LOOKUP_LIMIT", lookup_limit)
    monkeypatch.setattr(rowspace, "_CODE_LIMIT", code_limit)
    n = 2000
    rows = rows_of(3, n)
    dense = np.array([row.coef for row in rows])
    matrix = RowMatrix.of(rows, n)
    assert matrix.n_classes <= 4 * 2 * 5  # a handful of classes, not one per pair
    assert np.array_equal(matrix.table[:, matrix.pair_class], dense)
    x = np.random.default_rng(4).random(n) < 0.2
    assert np.allclose(matrix.lhs(x), dense[:, x].sum(axis=1))
    assert np.allclose([row.lhs(x) for row in rows], dense[:, x].sum(axis=1))
    multipliers = np.array([0.5, 0.0, 2.0, 1.0])
    assert np.allclose(matrix.combine(multipliers), multipliers @ dense)
    index = np.flatnonzero(x)
    assert np.array_equal(matrix.columns(index), dense[:, index])


def test_a_class_row_restricted_stays_a_class_row() -> None:
    row = rows_of(5, 50)[0]
    index = np.arange(0, 50, 3)
    part = row.restricted(index, rhs=1.0)
    assert part.classes is not None and part.__dict__.get("_coef") is None
    assert np.array_equal(part.coef, row.coef[index]) and part.rhs == 1.0
