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


def test_the_pipeline_on_dask_gives_the_same_report_byte_for_byte(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from test_pipeline import mode_inputs

    from compare import pipeline
    from compare.report.jsonio import report_to_dict
    from compare.report.output import dump_json

    srcs, rules = mode_inputs(tmp_path)
    one = dump_json(report_to_dict(pipeline.analyse(srcs, rules)))
    monkeypatch.setattr(pipeline, "DOC_CHUNK", 2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        assert dump_json(report_to_dict(pipeline.analyse(srcs, rules, scheduler=client))) == one
