"""The per-event stage on a Dask LocalCluster gives the same results as in-process."""

from __future__ import annotations

import pytest

from compare.distributed import SchedulerError, map_on_dask

distributed = pytest.importorskip("distributed", reason="the 'dist' extra (dask[distributed]) is not installed")


def _square(x: int) -> int:
    return x * x


def test_map_on_local_cluster_keeps_order() -> None:
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        assert map_on_dask(_square, list(range(20)), client) == [x * x for x in range(20)]
        assert map_on_dask(_square, [], client) == []


def test_map_by_address() -> None:
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        assert map_on_dask(_square, [3, 4], cluster.scheduler_address) == [9, 16]


def test_unreachable_scheduler_is_one_clear_error() -> None:
    with pytest.raises(SchedulerError, match=r"cannot reach Dask scheduler tcp://127\.0\.0\.1:1"):
        map_on_dask(_square, [1], "tcp://127.0.0.1:1", connect_timeout=1)
