"""Running the pipeline's stages on a Dask cluster (the optional ``dist`` extra).

The same pure stage functions that run in-process or in a process pool are
submitted to a ``distributed.Client`` (``compare.pipeline._Runner``): chunks of
documents, then chunks of events, with the rules scattered to every worker
once and passed to each task by reference; results are put back in
submission order, so the report is identical whichever scheduler ran it.
:func:`map_on_dask` is the plain one-task-per-item map.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from compare.core.errors import CompareError

T = TypeVar("T")
R = TypeVar("R")


class SchedulerError(CompareError):
    """The Dask scheduler cannot be used (extra missing, address unreachable)."""


def _client(scheduler: str | Any, timeout: float) -> tuple[Any, bool]:
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise SchedulerError(
            "--scheduler needs the 'dist' extra: pip install 'outlet-compare[dist]'") from None
    if not isinstance(scheduler, str):
        return scheduler, False  # an existing Client (tests, notebooks)
    try:
        return Client(scheduler, timeout=f"{timeout}s"), True  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(f"cannot reach Dask scheduler {scheduler}: {exc}") from None


def connect(scheduler: str | Any, timeout: float = 10.0) -> tuple[Any, bool]:
    """A ``distributed.Client`` for ``scheduler`` (an address or a Client) and
    whether the caller owns it (must close it)."""
    return _client(scheduler, timeout)


def map_on_dask(func: Callable[[T], R], jobs: Sequence[T], scheduler: str | Any,
                *, connect_timeout: float = 10.0) -> list[R]:
    """``[func(job) for job in jobs]``, computed on the cluster at ``scheduler``.

    ``scheduler`` is an address (``tcp://host:8786``) or an existing ``distributed.Client``.
    """
    if not jobs:
        return []
    client, owned = _client(scheduler, connect_timeout)
    try:
        futures = client.map(func, list(jobs), pure=False)
        results: list[R] = client.gather(futures)
        return results
    finally:
        if owned:
            client.close()
