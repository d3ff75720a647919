"""Beasley's OR-Library linear assignment problems: a loader and their published optima.

The files are not committed (and there is no network on the benchmark machines): put them,
unpacked, in ``benchmarks/data/orlib/`` (git-ignored), named as OR-Library names them
(``assign100.txt`` or ``assign100``, ..., ``assignp800.txt``, ...). Source:
http://people.brunel.ac.uk/~mastjjb/jeb/orlib/assigninfo.html

Formats (whitespace-separated integers, line breaks carry no meaning):

* dense, ``assign100`` ... ``assign800``: the size n, then for each item i = 1..n the costs
  c(i, j) for j = 1..n;
* sparse, ``assignp800`` ... ``assignp5000``: the size n, then for each *valid* assignment
  the triple ``i j c(i, j)`` (1-based); a pair that is not listed may not be used.

All are minimisation problems over a perfect assignment. The engine maximises, so each is
solved as a pure assignment (every taker covered, each giver capacity 1) with objective
``-c(i, j)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from matcher.problem import Problem, Solution
from matcher.solvers.settings import SolverSettings

IntArray = npt.NDArray[np.int64]

#: Published optima (minimum total cost). Dense ones: OR-Library's assigninfo / assignopt.
#: Sparse ones: OR-Library's ``assignopt`` file as quoted by public code that checks against
#: it; the runner prefers an ``assignopt.txt`` found beside the data files when there is one.
PUBLISHED_OPTIMA: dict[str, int] = {
    "assign100": 305,
    "assign200": 475,
    "assign300": 626,
    "assign400": 804,
    "assign500": 991,
    "assign600": 1176,
    "assign700": 1362,
    "assign800": 1552,
    "assignp800": 2239,
    "assignp1500": 5839,
    "assignp3000": 18696,
    "assignp5000": 48533,
}

DATA_DIR = Path(__file__).resolve().parent / "data" / "orlib"


class OrlibFormatError(ValueError):
    """The file is not in either OR-Library assignment format."""


@dataclass
class AssignmentInstance:
    """An n x n minimisation assignment over the listed (i, j) pairs (0-based)."""

    name: str
    n: int
    rows: IntArray
    cols: IntArray
    costs: IntArray
    sparse: bool

    def cost_matrix(self) -> npt.NDArray[np.float64]:
        """Dense costs with +inf where a pair is not allowed (for scipy as a referee)."""
        matrix = np.full((self.n, self.n), np.inf)
        matrix[self.rows, self.cols] = self.costs
        return matrix


def instance_name(path: Path) -> str:
    """``assign100.txt`` -> ``assign100``."""
    name = path.name
    for suffix in (".txt", ".gz", ".dat"):
        name = name.removesuffix(suffix)
    return name


def parse_orlib(text: str, name: str = "", sparse: bool | None = None) -> AssignmentInstance:
    """Parse either format. `sparse=None`: from the name (``assignp...``), else from the count
    of numbers (exactly n*n after n means dense)."""
    numbers = np.array(text.split(), dtype=np.int64) if text.strip() else np.zeros(0, dtype=np.int64)
    if numbers.size == 0:
        raise OrlibFormatError(f"{name or 'file'}: empty")
    n = int(numbers[0])
    body = numbers[1:]
    if n <= 0:
        raise OrlibFormatError(f"{name or 'file'}: size must be positive, got {n}")
    if sparse is None:
        sparse = bool(re.match(r"assignp", name)) if name else body.size != n * n
    if not sparse:
        if body.size != n * n:
            raise OrlibFormatError(f"{name or 'file'}: dense size {n} needs {n * n} costs, found {body.size}")
        rows, cols = np.divmod(np.arange(n * n, dtype=np.int64), n)
        return AssignmentInstance(name, n, rows, cols, body.copy(), sparse=False)
    if body.size % 3:
        raise OrlibFormatError(f"{name or 'file'}: sparse entries are triples i j c, found {body.size} numbers")
    triples = body.reshape(-1, 3)
    rows, cols = triples[:, 0] - 1, triples[:, 1] - 1
    if rows.min(initial=0) < 0 or cols.min(initial=0) < 0 or rows.max(initial=0) >= n or cols.max(initial=0) >= n:
        raise OrlibFormatError(f"{name or 'file'}: an index is outside 1..{n}")
    # Keep the cheapest entry per pair and sort by (i, j), as the engine's Problem expects.
    key = rows * n + cols
    order = np.lexsort((triples[:, 2], key))
    key, first = np.unique(key[order], return_index=True)
    costs = triples[order, 2][first]
    return AssignmentInstance(name, n, key // n, key % n, costs.astype(np.int64), sparse=True)


def read_orlib(path: Path, sparse: bool | None = None) -> AssignmentInstance:
    return parse_orlib(path.read_text(encoding="ascii"), instance_name(path), sparse)


def read_assignopt(path: Path) -> dict[str, int]:
    """OR-Library's ``assignopt`` file: lines ``name value``."""
    optima: dict[str, int] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[0].startswith("assign") and re.fullmatch(r"-?\d+", fields[1]):
            optima[instance_name(Path(fields[0]))] = int(fields[1])
    return optima


def to_problem(inst: AssignmentInstance) -> Problem:
    """Givers = rows (capacity 1), takers = columns (all must be matched), maximise -cost."""
    order = np.lexsort((inst.cols, inst.rows))
    problem = Problem(
        n_givers=inst.n,
        n_takers=inst.n,
        giver=inst.rows[order].astype(np.int64),
        taker=inst.cols[order].astype(np.int64),
        giver_min=np.zeros(inst.n, dtype=np.int64),
        giver_max=np.ones(inst.n, dtype=np.int64),
        taker_min=np.ones(inst.n, dtype=np.int64),
        fixed=np.zeros(len(order), dtype=bool),
    )
    problem.add_pair_objective(1, -inst.costs[order])
    return problem


def solve_orlib(inst: AssignmentInstance, settings: SolverSettings | None = None) -> tuple[int, Solution]:
    """Minimum total cost found by the engine's `solve_problem`, and the engine's solution."""
    from matcher.engine import solve_problem

    solution = solve_problem(to_problem(inst), settings or SolverSettings(time_limit_s=120, workers=2))
    return round(-solution.objectives[1]), solution


def data_files(folder: Path = DATA_DIR) -> list[Path]:
    """The OR-Library assignment files present, smallest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and re.fullmatch(r"assignp?\d+(\.txt)?", p.name)]
    return sorted(found, key=lambda p: (instance_name(p).startswith("assignp"), int(re.sub(r"\D", "", p.name))))
