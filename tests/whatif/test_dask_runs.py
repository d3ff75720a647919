"""Sweeps on a real dask.distributed cluster (worker processes started here): same results as locally,
and a worker killed mid-sweep does not lose a point."""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from cli_helpers import run_matcher
from distributed import Client, LocalCluster
from pool import write_pool

from matcher import InputError, Scenario, solve
from matcher.whatif.runner import SCHEDULER_VARIABLE, Execution
from matcher.whatif.simulate import Run, TurnoverModel, simulate
from matcher.whatif.sweep import Sweep, comparable

VARIED = [
    ("constraints.gender_balance.equal_match_rate_tolerance", [0, 0.05, 0.1]),
    ("constraints.administration.min_cross_share", [0.5, 0.8, 0.9, 1.0]),
]


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pool(tmp_path_factory.mktemp("pool"))


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as local_cluster:
        yield local_cluster


@pytest.fixture(scope="module")
def serial(pool: Path) -> pd.DataFrame:
    return Sweep.plan(Scenario.from_yaml(pool), VARIED).run(Execution(workers=1))


def test_a_sweep_on_the_cluster_equals_the_local_run(pool: Path, cluster: LocalCluster,
                                                     serial: pd.DataFrame) -> None:
    on_dask = Sweep.plan(Scenario.from_yaml(pool), VARIED).run(Execution(scheduler=cluster.scheduler_address))
    assert len(on_dask) == 12
    pd.testing.assert_frame_equal(comparable(on_dask), comparable(serial))


def test_killing_a_worker_mid_sweep_loses_no_point(pool: Path, cluster: LocalCluster,
                                                   serial: pd.DataFrame) -> None:
    with Client(cluster.scheduler_address) as client:
        pids: dict[str, int] = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    finished: list[int] = []

    def kill_after_first(index: int, _row: dict[str, Any]) -> None:
        finished.append(index)
        if len(finished) == 1:
            os.kill(victim, signal.SIGKILL)

    sweep = Sweep.plan(Scenario.from_yaml(pool), VARIED)
    table = sweep.run(Execution(scheduler=cluster.scheduler_address), on_done=kill_after_first)
    with pytest.raises(ProcessLookupError):
        os.kill(victim, 0)  # the worker really died
    assert sorted(finished) == list(range(len(sweep.points)))  # each point reported once
    pd.testing.assert_frame_equal(comparable(table), comparable(serial))


def test_the_cli_runs_on_the_cluster_named_by_the_environment(pool: Path, cluster: LocalCluster,
                                                             serial: pd.DataFrame, tmp_path: Path) -> None:
    out = tmp_path / "sweep"
    env = {**os.environ, SCHEDULER_VARIABLE: cluster.scheduler_address}
    result = run_matcher("sweep", pool, "--out", out,
                         "--vary", "constraints.gender_balance.equal_match_rate_tolerance=0,0.05,0.1",
                         "--vary", "constraints.administration.min_cross_share=0.5,0.8,0.9,1.0", env=env)
    assert result.returncode == 0, result.stderr
    assert "Dask cluster at " + cluster.scheduler_address in result.stderr
    table = pd.read_csv(out / "sweep.csv")
    assert table["objective"].tolist() == serial["objective"].tolist()
    assert table["matched"].tolist() == serial["matched"].tolist()


def test_a_simulation_on_the_cluster_equals_the_local_run(pool: Path, cluster: LocalCluster) -> None:
    scenario = Scenario.from_yaml(pool)
    model = TurnoverModel.create(scenario, solve(scenario).pairs, 0.2)
    runs = [Run(i) for i in range(1, 9)]
    on_dask = simulate(model, runs, Execution(scheduler=cluster.scheduler_address))
    pd.testing.assert_frame_equal(on_dask, simulate(model, runs, Execution(workers=1)))
    assert on_dask["stranded"].sum() > 0


def test_an_unreachable_scheduler_is_an_input_error(pool: Path) -> None:
    sweep = Sweep.plan(Scenario.from_yaml(pool), VARIED[:1])
    with pytest.raises(InputError) as caught:
        sweep.run(Execution(scheduler="tcp://127.0.0.1:9", connect_timeout_s=2))
    assert "cannot reach the Dask scheduler" in str(caught.value)
