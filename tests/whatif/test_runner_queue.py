"""The order in which local processes take tasks: slowest-looking first, results in task order."""

from __future__ import annotations

import operator
import threading
import time
from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from matcher.whatif.runner import Execution, _Queue, run_tasks


def test_without_features_the_tasks_go_in_their_order() -> None:
    queue = _Queue(3, None)
    first = queue.take()
    queue.finished(0, 9.0)
    assert [first, queue.take(), queue.take(), queue.take()] == [0, 1, 2, None]


def test_the_task_whose_alike_tasks_were_slowest_goes_next() -> None:
    # A 2 x 3 grid of settings: (a|b) x (x|y|z).
    grid = [(row, column) for row in "ab" for column in "xyz"]
    queue = _Queue(len(grid), grid)
    assert [queue.take(), queue.take()] == [0, 1]  # nothing measured yet: the grid's order
    queue.finished(0, 0.1)  # (a, x) was quick
    queue.finished(1, 5.0)  # (a, y) was slow
    # (b, y) shares y with the slow one: 5.0 expected. (a, z) and (b, z) expect 2.55 (the mean of
    # row a, and of everything for a task sharing nothing), (b, x) 0.1.
    assert queue.take() == 4
    assert queue.take() == 2  # (a, z) before (b, z): the first of equals
    queue.finished(2, 0.2)
    assert [queue.take(), queue.take(), queue.take()] == [5, 3, None]


def test_results_come_back_in_task_order_whatever_order_they_ran_in() -> None:
    tasks = list(range(12))
    serial = run_tasks(operator.add, 100, tasks, Execution(workers=1))
    spread = run_tasks(operator.add, 100, tasks, Execution(workers=2), similar=lambda task: [task % 3])
    assert serial == spread == [100 + task for task in tasks]


_STARTED_HERE = threading.Event()


class _WatchedInput:
    """Shared input that notes whether a task was already running in this process while it was
    pickled for the spawned processes (a task may fill caches on it meanwhile: a race)."""

    raced: bool | None = None

    def __getstate__(self) -> dict[str, bool]:
        time.sleep(0.3)  # a large input takes a while to pickle
        return {"raced": _STARTED_HERE.is_set()}

    def __setstate__(self, state: dict[str, bool]) -> None:
        self.raced = state["raced"]


def _note_start(shared: _WatchedInput, task: int) -> bool | None:
    _STARTED_HERE.set()  # in a spawned process this is that process's own event
    return shared.raced  # None here (the original), the pickling's finding in a spawned process


def test_the_shared_input_is_pickled_before_any_task_runs_beside_it() -> None:
    _STARTED_HERE.clear()
    found = run_tasks(_note_start, _WatchedInput(), list(range(4)), Execution(workers=2))
    assert False in found and True not in found, found


def _slowest_first_by_definition(features: Sequence[tuple[str, ...]], seconds: list[float]) -> list[int]:
    """The order `_Queue` promises, computed the plain way (every pending task looked at), with
    each task finishing, in the order taken, before the next is handed out."""
    pending, order = list(range(len(features))), []
    measured: dict[str, list[float]] = {}
    total: list[float] = []
    while pending:
        if not total:
            chosen = pending[0]
        else:
            prior = sum(total) / len(total)
            expected = {
                task: max([sum(measured[f]) / len(measured[f]) for f in features[task] if f in measured], default=prior)
                for task in pending
            }
            chosen = max(pending, key=lambda task: (expected[task], -task))
        pending.remove(chosen)
        order.append(chosen)
        for feature in features[chosen]:
            measured.setdefault(feature, []).append(seconds[chosen])
        total.append(seconds[chosen])
    return order


@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("xyz"), st.integers(1, 9)), min_size=1, max_size=25))
def test_the_queue_hands_out_tasks_as_its_definition_says(tasks: list[tuple[str, str, int]]) -> None:
    features = [(f"row {row}", f"column {column}") for row, column, _ in tasks]
    seconds = [float(cost) for _, _, cost in tasks]
    queue = _Queue(len(tasks), features)
    order = []
    while (index := queue.take()) is not None:
        order.append(index)
        queue.finished(index, seconds[index])
    assert order == _slowest_first_by_definition(features, seconds)
