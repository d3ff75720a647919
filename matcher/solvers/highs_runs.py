"""Running HiGHS in a process that may hold other HiGHS users."""

from __future__ import annotations

from typing import Any


def run_highs(highs: Any) -> Any:
    """`highs.run()`, and its model status.

    HiGHS has one thread pool per process. When another HiGHS user (another back-end, a test, a
    caller of the library) made it with another thread count, a run answers 'not set' at once;
    then the pool is rebuilt (about a millisecond) and the run done again. Rebuilding it before
    every model instead, as mip.py did, could pull the pool away from a solve running in
    another thread of the same process (the workspace, Dask's threads).
    """
    highs.run()
    status = highs.getModelStatus()
    if status == type(status).kNotset:
        type(highs).resetGlobalScheduler(True)
        highs.run()
        status = highs.getModelStatus()
    return status
