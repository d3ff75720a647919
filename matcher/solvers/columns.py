"""mip-highs' HiGHS model over only some of its pair columns; the others are priced, not held.

A pool's LP needs only a few pairs per person (`countbb.pair_window`); the others stay at 0
unless their reduced cost says they would improve the LP. Held in the model at bounds [0, 0]
they still cost HiGHS their size in every run: on the 300 x 450 benchmark pool (130 k pairs,
8.5 k in the window) a re-solve that moves nothing took 0.05 s, the first LP 0.27 s against
0.12 s over the window alone, and building the model 0.18 s. So the model holds the columns
let in so far, and a column *absent* from it is one at 0 whose reduced cost is computed here
from the row duals (c_j - a_j . y, the same as HiGHS' own for a column at its bound).

Every column keeps its bounds, integrality and cost here as the search sets them, whether in
the model or not, so a column added later enters as if it had been there all along; a row
added to the model (a level held) is kept too, for the columns added after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from matcher.problem import FloatArray

if TYPE_CHECKING:
    from matcher.solvers.mip import MatrixModel


class ModelColumns:
    """The HiGHS model over the columns of `mm` marked `present`; the rest are absent (at 0)."""

    def __init__(self, highs: Any, mm: MatrixModel, present: np.ndarray) -> None:
        from matcher.solvers.mip import highs_lp

        present = present | (mm.col_lower > 0)  # a column that must be > 0 cannot be left at 0
        self.highs, self.mm = highs, mm
        self.index = np.flatnonzero(present).astype(np.int32)  # model column -> mm column
        self.where = np.full(mm.n_cols, -1, dtype=np.int32)  # mm column -> model column (-1: absent)
        self.where[self.index] = np.arange(len(self.index), dtype=np.int32)
        self.lower, self.upper = mm.col_lower.copy(), mm.col_upper.copy()
        self.integer = mm.integer.copy()
        self.cost = np.zeros(mm.n_cols)
        self.start, self.row_of, self.value_of = mm.column_wise()
        self.rows_added: list[tuple[int, FloatArray]] = []  # (model row, coefficient per mm column)
        self.initial_pairs = int(np.count_nonzero(present[: mm.n_x]))
        self.added = 0  # absent columns let in since
        highs.passModel(highs_lp(mm, self.index))

    @property
    def absent(self) -> np.ndarray:
        """The mm columns not in the model, in order."""
        return np.flatnonzero(self.where < 0).astype(np.int32)

    def _model(self, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The model columns of the present ones among `cols`, and which of `cols` they are."""
        at = self.where[cols]
        keep = at >= 0
        return at[keep], keep

    def set_cost(self, coef: FloatArray) -> None:
        self.cost = np.asarray(coef, dtype=np.float64).copy()
        n = len(self.index)
        self.highs.changeColsCost(n, np.arange(n, dtype=np.int32), self.cost[self.index])

    def set_bounds(self, cols: np.ndarray, lower: FloatArray, upper: FloatArray) -> None:
        cols = np.asarray(cols, dtype=np.int32)
        lower = np.broadcast_to(np.asarray(lower, dtype=np.float64), cols.shape)
        upper = np.broadcast_to(np.asarray(upper, dtype=np.float64), cols.shape)
        self.lower[cols], self.upper[cols] = lower, upper
        self.add(cols[lower > 0])  # an absent column is at 0: one that must not be comes in
        at, keep = self._model(cols)
        if len(at):
            self.highs.changeColsBounds(len(at), at, np.ascontiguousarray(lower[keep]),
                                        np.ascontiguousarray(upper[keep]))

    def set_integrality(self, cols: np.ndarray, integer: bool) -> None:
        import highspy

        cols = np.asarray(cols, dtype=np.int32)
        self.integer[cols] = integer
        at, _ = self._model(cols)
        if len(at):
            kind = highspy.HighsVarType.kInteger if integer else highspy.HighsVarType.kContinuous
            self.highs.changeColsIntegrality(len(at), at, [kind] * len(at))

    def add_row(self, lower: float, upper: float, coef: FloatArray) -> None:
        """A row over every column (a level held at its value); kept for columns added later."""
        import highspy

        coef = np.asarray(coef, dtype=np.float64).copy()
        nz = np.flatnonzero(coef[self.index])
        upper = highspy.kHighsInf if not np.isfinite(upper) else upper
        self.highs.addRow(lower, upper, len(nz), nz.astype(np.int32), coef[self.index][nz])
        self.rows_added.append((self.highs.getNumRow() - 1, coef))

    def add(self, cols: np.ndarray) -> None:
        """Let the absent columns `cols` into the model, with their current bounds, cost and kind."""
        import highspy

        cols = np.asarray(cols, dtype=np.int32)
        cols = cols[self.where[cols] < 0]
        if not len(cols):
            return
        take, counts = _entries(self.start, cols)
        rows, values = self.row_of[take], self.value_of[take]
        column = np.repeat(np.arange(len(cols)), counts)
        for row, coef in self.rows_added:
            here = np.flatnonzero(coef[cols])
            rows = np.concatenate([rows, np.full(len(here), row, dtype=rows.dtype)])
            values = np.concatenate([values, coef[cols][here]])
            column = np.concatenate([column, here])
        order = np.argsort(column, kind="stable")
        starts = np.zeros(len(cols), dtype=np.int32)
        np.cumsum(np.bincount(column, minlength=len(cols))[:-1], out=starts[1:])
        first = len(self.index)
        self.highs.addCols(
            len(cols), self.cost[cols], self.lower[cols], self.upper[cols], len(order),
            starts, rows[order].astype(np.int32), values[order],
        )
        integer = np.flatnonzero(self.integer[cols]).astype(np.int32)
        if len(integer):
            self.highs.changeColsIntegrality(
                len(integer), first + integer, [highspy.HighsVarType.kInteger] * len(integer)
            )
        self.where[cols] = first + np.arange(len(cols), dtype=np.int32)
        self.index = np.concatenate([self.index, cols])
        self.added += len(cols)

    def values(self, solution: Any) -> FloatArray:
        """Every mm column's value in `solution` (an absent column: 0)."""
        out = np.zeros(self.mm.n_cols)
        out[self.index] = np.asarray(solution.col_value)
        return out

    def reduced_costs(self, solution: Any) -> FloatArray:
        """Every mm column's reduced cost in `solution`: HiGHS' own for a column in the model,
        c_j - a_j . y from the row duals y for an absent one."""
        out = np.zeros(self.mm.n_cols)
        out[self.index] = np.asarray(solution.col_dual)
        absent = self.where < 0
        if absent.any():
            y = np.asarray(solution.row_dual)
            mm = self.mm
            priced = np.bincount(mm.cols, weights=mm.vals * y[mm.rows], minlength=mm.n_cols)
            for row, coef in self.rows_added:
                priced += y[row] * coef
            out[absent] = self.cost[absent] - priced[absent]
        return out


def _entries(start: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the columns `cols` in CSC arrays with column starts `start`, column by
    column, and each column's number of entries."""
    counts = (start[cols + 1] - start[cols]).astype(np.int64)
    first = np.cumsum(counts) - counts
    take = np.repeat(start[cols].astype(np.int64) - first, counts) + np.arange(int(counts.sum()), dtype=np.int64)
    return take, counts
