"""The OR-Library loader of the benchmarks, on tiny hand-written files, with scipy as referee."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks/ is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import orlib  # noqa: E402
from benchmarks.__main__ import orlib_case  # noqa: E402

# 3 x 3, costs split across lines as OR-Library files are. Optimum: (1,2) 1 + (2,1) 2 + (3,3) 2 = 5.
DENSE = """3
 4 1 3
 2 0
 5 3 2 2
"""
# Sparse: n, then "i j c" per allowed pair (1-based); (1,1) is listed twice, the cheaper one counts.
SPARSE = """3
1 1 9
1 2 4
2 1 3
2 3 1
3 2 2
3 3 7
1 1 8
"""


def _scipy_optimum(inst: orlib.AssignmentInstance) -> int:
    matrix = inst.cost_matrix()
    finite = np.where(np.isfinite(matrix), matrix, 1e9)
    rows, cols = linear_sum_assignment(finite)
    assert np.isfinite(matrix[rows, cols]).all()
    return int(matrix[rows, cols].sum())


def test_dense_file_is_read_and_solved_to_scipys_optimum(tmp_path: Path) -> None:
    path = tmp_path / "assign3.txt"
    path.write_text(DENSE, encoding="ascii")
    inst = orlib.read_orlib(path)
    assert (inst.name, inst.n, inst.sparse) == ("assign3", 3, False)
    assert inst.cost_matrix().tolist() == [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
    cost, solution = orlib.solve_orlib(inst)
    assert solution.status == "OPTIMAL"
    assert cost == _scipy_optimum(inst) == 5
    assert int(solution.x.sum()) == 3


def test_sparse_file_only_uses_listed_pairs(tmp_path: Path) -> None:
    path = tmp_path / "assignp3.txt"
    path.write_text(SPARSE, encoding="ascii")
    inst = orlib.read_orlib(path)
    assert inst.sparse and inst.n == 3 and len(inst.costs) == 6
    assert inst.cost_matrix()[0, 0] == 8  # the duplicate's cheaper cost
    cost, _ = orlib.solve_orlib(inst)
    # (1,1) 8 + (2,3) 1 + (3,2) 2 = 11 versus (1,2) 4 + (2,1) 3 + (3,3) 7 = 14.
    assert cost == _scipy_optimum(inst) == 11


def test_random_dense_instances_match_scipy() -> None:
    rng = np.random.default_rng(5)
    for n in (1, 4, 17, 40):
        costs = rng.integers(1, 101, size=(n, n))
        text = f"{n}\n" + "\n".join(" ".join(map(str, row)) for row in costs)
        inst = orlib.parse_orlib(text, f"assign{n}")
        rows, cols = linear_sum_assignment(costs)
        assert orlib.solve_orlib(inst)[0] == int(costs[rows, cols].sum())


def test_format_errors_are_reported() -> None:
    with pytest.raises(orlib.OrlibFormatError):
        orlib.parse_orlib("3\n1 2 3\n", "assign3")
    with pytest.raises(orlib.OrlibFormatError):
        orlib.parse_orlib("3\n1 4 2\n", "assignp3")
    with pytest.raises(orlib.OrlibFormatError):
        orlib.parse_orlib("", "assign3")


def test_case_checks_published_optima_and_reports_missing_files(tmp_path: Path) -> None:
    (empty := tmp_path / "empty").mkdir()
    [row] = orlib_case(empty)
    assert row.note == "no OR-Library files in benchmarks/data/orlib/"
    (folder := tmp_path / "orlib").mkdir()
    (folder / "assign3.txt").write_text(DENSE, encoding="ascii")
    (folder / "assignp3.txt").write_text(SPARSE, encoding="ascii")
    (folder / "assignopt.txt").write_text("assign3 5\nassignp3 12\n", encoding="ascii")
    dense_base, dense, sparse_base, sparse = orlib_case(folder)
    assert dense.objective == "cost 5" and dense.note.startswith("published optimum reproduced")
    assert sparse.objective == "cost 11" and sparse.note.startswith("MISMATCH: published 12")
    # scipy on the same cost matrix, in the same run, is the referee and the time baseline
    assert dense_base.method.startswith("scipy") and dense_base.objective == "cost 5"
    assert sparse_base.method.startswith("scipy") and sparse_base.objective == "cost 11"
    assert dense.ratio.endswith("x") and sparse.ratio.endswith("x")


def test_published_optima_table() -> None:
    assert orlib.PUBLISHED_OPTIMA["assign100"] == 305
    assert orlib.PUBLISHED_OPTIMA["assign800"] == 1552
    assert orlib.read_assignopt  # the runner prefers an assignopt file found beside the data
