"""The global rows as a small table over classes of pairs, never as rows x pairs floats.

Every side row is made of a few group counts: its coefficient depends on a pair only through
a small code (the adept's gender, whether the pair crosses administrations, the mentor's
administration). `Row.classes` carries that code and the row's value per code. Here the codes
of all rows are combined once into one class per pair (pairs alike for every row share a class)
and the rows become a table of rows x classes, typically a few dozen classes:

* a row's left-hand side at a matching is the table times the matched pairs per class (one
  bincount), not a product over a pair-length float array;
* the weights a Lagrangian multiplier gives the pairs are one gather of a per-class value;
* a restricted sub-problem takes the columns of its own pairs only.

At the city scale (1,000 x 1,500, 1.4 M pairs, 13 rows) this replaces three dense 13 x 1.4 M
float64 matrices (145 MB each) with one int32 array (5.6 MB) and a 13 x C table. A row given as
a dense array (a test, an external caller) gets a code of its own from its distinct values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matcher.problem import BoolArray, FloatArray, IntArray, Row, dot

#: Mixed-radix class codes stay below this; beyond, the codes so far are compressed first.
_CODE_LIMIT = 2**62
#: Up to this many possible codes, classes are found with a lookup table (linear time).
_LOOKUP_LIMIT = 2**24


@dataclass
class RowMatrix:
    """Rows x pairs as `table[:, pair_class]`: each pair's class, and each row's value per class."""

    pair_class: npt.NDArray[np.int32]  # per pair: its class
    table: FloatArray  # (rows, classes)

    @property
    def n_rows(self) -> int:
        return int(self.table.shape[0])

    @property
    def n_classes(self) -> int:
        return int(self.table.shape[1])

    @classmethod
    def of(cls, rows: list[Row], n_pairs: int) -> RowMatrix:
        """The table of `rows` (each with classes, or dense coefficients) over `n_pairs` pairs."""
        codes: list[npt.NDArray[np.integer]] = []
        sizes: list[int] = []
        where: dict[int, int] = {}  # id of a shared code array -> its position in codes
        row_code: list[tuple[int, FloatArray]] = []
        for row in rows:
            if row.classes is not None and row.__dict__.get("_coef") is None:
                key = id(row.classes.code)
                if key not in where:
                    where[key] = len(codes)
                    codes.append(row.classes.code)
                    sizes.append(0)
                position = where[key]
                values = np.asarray(row.classes.values, dtype=np.float64)
            else:
                values, inverse = np.unique(np.asarray(row.coef, dtype=np.float64), return_inverse=True)
                position = len(codes)
                codes.append(inverse.reshape(-1))
                sizes.append(0)
            sizes[position] = max(sizes[position], len(values))
            row_code.append((position, values))
        pair_class, per_code = _classes(codes, sizes, n_pairs)
        table = np.zeros((len(rows), per_code.shape[1] if per_code.ndim == 2 else 0))
        for r, (position, values) in enumerate(row_code):
            code = per_code[position]
            table[r] = np.where(code < len(values), values[np.minimum(code, len(values) - 1)], 0.0)
        return cls(pair_class, table)

    def scaled(self, factors: FloatArray, rounding: bool = False) -> RowMatrix:
        """The rows multiplied by `factors` (one per row); the pair classes are shared, not copied."""
        table = self.table * np.asarray(factors, dtype=np.float64)[:, None]
        return RowMatrix(self.pair_class, np.round(table) if rounding else table)

    def class_counts(self, x: BoolArray) -> FloatArray:
        """How many pairs of x fall in each class."""
        return np.bincount(self.pair_class[x], minlength=self.n_classes).astype(np.float64)

    def lhs(self, x: BoolArray) -> FloatArray:
        """Each row's left-hand side at the 0/1 solution x."""
        if self.n_rows == 0:
            return np.zeros(0)
        counts = self.class_counts(x)
        return np.array([dot(line, counts) for line in self.table])

    def per_class(self, multipliers: FloatArray) -> FloatArray:
        """sum_r multipliers_r * table_r, row by row (the same rounding on any thread count)."""
        out = np.zeros(self.n_classes)
        for weight, line in zip(multipliers, self.table, strict=True):
            if weight:
                out += weight * line
        return out

    def combine(self, multipliers: FloatArray) -> FloatArray:
        """multipliers @ rows, per pair: one gather of a per-class value."""
        result: FloatArray = self.per_class(multipliers)[self.pair_class]
        return result

    def row(self, r: int) -> FloatArray:
        """Row r's coefficient per pair (made when asked; for the few places that need it)."""
        result: FloatArray = self.table[r][self.pair_class]
        return result

    def columns(self, index: IntArray) -> FloatArray:
        """The rows over the pairs `index` only: (rows, len(index))."""
        result: FloatArray = self.table[:, self.pair_class[index]]
        return result

    def abs_max(self) -> FloatArray:
        """Per row, the largest |coefficient| of any pair."""
        if self.n_classes == 0:
            return np.zeros(self.n_rows)
        result: FloatArray = np.abs(self.table).max(axis=1)
        return result


def _classes(
    codes: list[npt.NDArray[np.integer]], sizes: list[int], n_pairs: int
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64]]:
    """Each pair's class (pairs with equal codes everywhere share one) and, per code array, the
    code of each class: (pair_class, per_code of shape (len(codes), classes))."""
    if not codes:
        return np.zeros(n_pairs, dtype=np.int32), np.zeros((0, 1 if n_pairs else 0), dtype=np.int64)
    joint = np.zeros(n_pairs, dtype=np.int64)
    radix = 1
    exact = True  # no compression on the way: each class's codes can be read back from its number
    for code, size in zip(codes, sizes, strict=True):
        size = max(size, 1)
        if radix * size >= _CODE_LIMIT:
            _, joint = np.unique(joint, return_inverse=True)
            joint = joint.reshape(-1).astype(np.int64)
            radix = int(joint.max(initial=0)) + 1
            exact = False
        joint = joint * size + np.asarray(code, dtype=np.int64)
        radix *= size
    if exact and radix <= _LOOKUP_LIMIT:
        present = np.bincount(joint, minlength=radix) > 0
        numbers = np.flatnonzero(present)
        lookup = np.full(radix, -1, dtype=np.int64)
        lookup[numbers] = np.arange(len(numbers))
        pair_class = lookup[joint]
    else:
        numbers, first, pair_class = np.unique(joint, return_index=True, return_inverse=True)
        pair_class = pair_class.reshape(-1)
        if not exact:
            per_code = np.array([np.asarray(code, dtype=np.int64)[first] for code in codes])
            return pair_class.astype(np.int32), per_code
    # Mixed radix, first code most significant: the k-th code of class number v.
    per_code = np.zeros((len(codes), len(numbers)), dtype=np.int64)
    rest = numbers.copy()
    for k in range(len(codes) - 1, -1, -1):
        size = max(sizes[k], 1)
        per_code[k] = rest % size
        rest //= size
    return pair_class.astype(np.int32), per_code
