"""Run many independent matchings: serially, on local processes, or on a Dask cluster.

The same task function runs in all three, on the same inputs, so the results are equal;
only where it runs changes. On Dask the shared input (the base scenario, often tens of MB
of scores) is scattered to every worker once, tasks are submitted as futures and collected
with `as_completed`; a task on a worker that dies is rescheduled by the scheduler, and a
task that fails is retried (`retries`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
import uuid
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from matcher.errors import InputError
from matcher.i18n import Lang, say

SCHEDULER_VARIABLE = "MATCHER_SCHEDULER"

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Execution:
    """Where the tasks run: `scheduler` a Dask address (tcp://HOST:PORT), else local processes."""

    scheduler: str | None = None
    workers: int = 2  # local processes; 1 runs the tasks one after another in this process
    retries: int = 2  # Dask only: times a failed task is tried again
    connect_timeout_s: float = 20.0  # Dask only: how long to wait for the scheduler

    @classmethod
    def from_options(cls, scheduler: str | None, workers: int | None, retries: int = 2) -> Execution:
        """`--scheduler` wins, then the MATCHER_SCHEDULER variable; `--workers` defaults to the cores."""
        address = scheduler or os.environ.get(SCHEDULER_VARIABLE) or None
        return cls(address, workers if workers is not None else min(os.cpu_count() or 1, 8), retries)

    def describe(self, lang: Lang = "en") -> str:
        """Where the tasks run, in words (`cli.execution.*`)."""
        if self.scheduler:
            return say("cli.execution.dask", lang, address=self.scheduler)
        if self.workers <= 1:
            return say("cli.execution.serial", lang)
        return say("cli.execution.local", lang, workers=self.workers)


# -- local processes: the shared input is sent once per process, not once per task ---------

_SHARED: Any = None


def _install_shared(shared: Any) -> None:
    global _SHARED
    _SHARED = shared


def _call_with_shared(function: Callable[[Any, Any], Any], task: Any) -> Any:
    return function(_SHARED, task)


#: Numerical libraries that start a thread per core unless told otherwise.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@contextlib.contextmanager
def _one_thread_per_library() -> Iterator[None]:
    """Children spawned meanwhile run numpy's BLAS on one thread, as Dask's nanny does for its workers:
    N processes each starting a BLAS thread per core would fight over the same cores."""
    before = {name: os.environ.get(name) for name in _THREAD_VARIABLES}
    for name, value in before.items():
        if value is None:  # the user's own setting wins
            os.environ[name] = "1"
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)


@contextlib.contextmanager
def _pool_not_joined(pool: ProcessPoolExecutor) -> Iterator[ProcessPoolExecutor]:
    """The pool, shut down on the way out without waiting for its processes to exit (they are
    told to stop, and the interpreter joins them at exit); tasks not started are cancelled."""
    try:
        yield pool
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


class _Queue:
    """Which task a free process takes next.

    Without `features`, the tasks' own order. With them (a sweep: each point's varied settings),
    the pending task that the finished tasks sharing one of its features say is the slowest (the
    mean of their seconds; the mean of all finished tasks for a task that shares none), the first
    in order of equals: a grid's costly rows or columns start early, so the last tasks handed out
    are short ones and no process waits alone at the end. City sweep on 2 workers, runs in turn:
    8.40 / 8.52 s against 8.73 / 8.72 s in grid order; later, the machine slower, 9.17 / 9.26 s
    against 9.49 / 9.64 s. Only the order of running changes: every
    result is placed by its task's number, and a task's result does not depend on where or after
    what it ran.

    A task's expectation is the largest mean among its features, so the slowest pending task is
    the first pending one of the slowest feature: each take looks at the features measured so
    far, not at every pending task (a sweep of 10,000 points stays cheap to hand out).
    """

    def __init__(self, count: int, features: Sequence[tuple[Hashable, ...]] | None) -> None:
        self.count = count
        self.features = features
        self.taken = [False] * count
        self.left = count
        self.in_order = 0  # no task before this one is pending
        self.seconds: dict[Hashable, list[float]] = {}  # feature -> [sum of seconds, finished tasks]
        self.total = [0.0, 0]
        self.having: dict[Hashable, list[int]] = {}  # feature -> its tasks, in order
        for index, own in enumerate(features or []):
            for feature in own:
                self.having.setdefault(feature, []).append(index)
        self.cursor = dict.fromkeys(self.having, 0)  # per feature: none of its tasks before is pending
        self.unknown_from = 0  # before this, every task is taken or has a measured feature

    def take(self) -> int | None:
        if not self.left:
            return None
        if self.features is None or not self.total[1]:
            while self.taken[self.in_order]:
                self.in_order += 1
            index = self.in_order
        else:
            candidates = []  # (expected seconds, -task)
            for feature, (total, finished) in self.seconds.items():
                first = self._first_with(feature)
                if first is not None:
                    candidates.append((total / finished, -first))
            unknown = self._first_unknown()
            if unknown is not None:
                candidates.append((self.total[0] / self.total[1], -unknown))
            index = -max(candidates)[1]
        self.taken[index] = True
        self.left -= 1
        return index

    def _first_with(self, feature: Hashable) -> int | None:
        tasks, at = self.having[feature], self.cursor[feature]
        while at < len(tasks) and self.taken[tasks[at]]:
            at += 1
        self.cursor[feature] = at
        return tasks[at] if at < len(tasks) else None

    def _first_unknown(self) -> int | None:
        """The first pending task none of whose features is measured (taken and measured stay so)."""
        assert self.features is not None
        at = self.unknown_from
        while at < self.count and (self.taken[at] or any(f in self.seconds for f in self.features[at])):
            at += 1
        self.unknown_from = at
        return at if at < self.count else None

    def finished(self, index: int, seconds: float) -> None:
        if self.features is None:
            return
        for feature in self.features[index]:
            entry = self.seconds.setdefault(feature, [0.0, 0])
            entry[0] += seconds
            entry[1] += 1
        self.total[0] += seconds
        self.total[1] += 1


@dataclass
class _Runner(Generic[S, T, R]):
    function: Callable[[S, T], R]
    shared: S
    tasks: Sequence[T]
    on_done: Callable[[int, R], None] | None
    similar: Callable[[T], Iterable[Hashable]] | None = None

    def done(self, results: list[Any], index: int, value: R) -> None:
        results[index] = value
        if self.on_done is not None:
            self.on_done(index, value)

    def serial(self) -> list[R]:
        results: list[Any] = [None] * len(self.tasks)
        for index, task in enumerate(self.tasks):
            self.done(results, index, self.function(self.shared, task))
        return results

    def processes(self, workers: int) -> list[R]:
        """`workers` at once: this process (which has everything imported already) and workers - 1
        spawned ones. Each takes the task `_Queue` hands out next when it is free, so the fast and
        the slow tasks spread themselves; a spawned process's start (importing the solvers, about a second)
        overlaps this process's first tasks instead of holding every core idle."""
        results: list[Any] = [None] * len(self.tasks)
        features = None if self.similar is None else [tuple(self.similar(task)) for task in self.tasks]
        queue = _Queue(len(self.tasks), features)
        # spawn, not fork: a forked child inherits the solvers' thread pools in whatever state they were.
        context = multiprocessing.get_context("spawn")
        spawned = max(1, min(workers - 1, len(self.tasks) - 1))
        # The pool is shut down without waiting for its processes to exit: every result is in by
        # then, and joining them cost about 0.14 s of a 6.5 s city sweep on 2 workers.
        with _one_thread_per_library(), _pool_not_joined(ProcessPoolExecutor(
            max_workers=spawned,
            mp_context=context,
            initializer=_install_shared,
            initargs=(self.shared,),
        )) as pool, ThreadPoolExecutor(max_workers=1, thread_name_prefix="matcher-task") as here:
            # future -> (task index, run in this process, when it was handed out)
            running: dict[Future[R], tuple[int, bool, float]] = {}

            def start(in_here: bool) -> None:
                index = queue.take()
                if index is None:
                    return
                task = self.tasks[index]
                future = (here.submit(self.function, self.shared, task) if in_here
                          else pool.submit(_call_with_shared, self.function, task))
                running[future] = (index, in_here, time.perf_counter())

            # The spawned processes first: starting one pickles the shared input, which a task
            # already running here could be changing (a cache filled on first use): a rare
            # "dictionary changed size during iteration". One task each; another as each is freed.
            for _ in range(spawned):
                start(in_here=False)
            start(in_here=True)
            while running:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in sorted(finished, key=lambda f: running[f][0]):
                    index, in_here, handed_out = running.pop(future)
                    # Each process holds one task at a time, so this is about the task's own time.
                    queue.finished(index, time.perf_counter() - handed_out)
                    self.done(results, index, future.result())
                    start(in_here)
        return results

    def dask(self, address: str, retries: int, timeout_s: float) -> list[R]:
        try:
            from distributed import Client, as_completed
        except ImportError:
            raise InputError.single(
                "--scheduler", None, None,
                "running on a Dask cluster needs the dask extra: pip install 'gbg-matcher[dask]'",
            ) from None
        try:
            client = Client(address, timeout=f"{timeout_s}s")
        except (OSError, TimeoutError) as exc:
            raise InputError.single(
                "--scheduler", None, None,
                f"cannot reach the Dask scheduler at {address} ({exc}); start one with `dask scheduler` "
                f"and `dask worker {address}`, or drop --scheduler to run locally",
            ) from None
        results: list[Any] = [None] * len(self.tasks)
        run = uuid.uuid4().hex[:8]
        with client:
            shared = client.scatter(self.shared, broadcast=True, hash=False)
            futures = [
                client.submit(self.function, shared, task, key=f"matcher-{run}-{i}", retries=retries, pure=False)
                for i, task in enumerate(self.tasks)
            ]
            position = {future.key: i for i, future in enumerate(futures)}
            for future in as_completed(futures):
                self.done(results, position[future.key], future.result())
        return results


def run_tasks(
    function: Callable[[S, T], R],
    shared: S,
    tasks: Sequence[T],
    execution: Execution,
    *,
    on_done: Callable[[int, R], None] | None = None,
    similar: Callable[[T], Iterable[Hashable]] | None = None,
) -> list[R]:
    """`[function(shared, task) for task in tasks]`, run where `execution` says, in task order.

    `function` must be importable by name (a module-level function) and must not depend on
    where it runs; `on_done(index, result)` is called in this process as each task finishes.
    `similar(task)`: features that tasks of alike cost share (a sweep point's settings); local
    processes then start the tasks expected slowest first (`_Queue`). The results are the same.
    """
    runner = _Runner(function, shared, tasks, on_done, similar)
    if not tasks:
        return []
    if execution.scheduler:
        return runner.dask(execution.scheduler, execution.retries, execution.connect_timeout_s)
    if execution.workers <= 1 or len(tasks) == 1:
        return runner.serial()
    return runner.processes(execution.workers)
