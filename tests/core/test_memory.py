"""compare.core.memory: the heap settings a Dask nanny gives its workers are undone."""

from __future__ import annotations

import pytest

from compare.core import memory


def test_nothing_is_changed_without_the_nannys_variable() -> None:
    assert memory.undo_nanny_heap_settings(lambda name: None) is False


@pytest.mark.skipif(memory._libc() is None, reason="not glibc")
def test_the_nannys_thresholds_are_set_back_to_glibcs_ceilings() -> None:
    seen: list[str] = []

    def environ(name: str) -> str | None:
        seen.append(name)
        return "65536"

    assert memory.undo_nanny_heap_settings(environ) is True
    assert seen == ["MALLOC_TRIM_THRESHOLD_"]
    memory.give_back_memory()  # still gives the free pages back


def test_a_worker_initializer_undoes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from compare import pipeline

    calls: list[bool] = []
    monkeypatch.setattr(pipeline, "undo_nanny_heap_settings", lambda: calls.append(True) or True)
    monkeypatch.setattr(pipeline, "_pin_blas", lambda: None)
    monkeypatch.setattr(pipeline, "configure_embedding_cache", lambda folder: None)
    pipeline._init_worker(pipeline._Worker.rules, None)  # type: ignore[arg-type]
    assert calls == [True]
