"""Fault injection: the process is killed (SIGKILL, no clean-up) at every write step
of ``write_report`` and of a review decision; the report folder must then hold
the old report or the new one, byte for byte, never a mix, and the next write
must clean up and finish.

Each trial is a forked child that patches the write functions of
:mod:`compare.core.atomic` to kill itself on the N-th call (before or after the
call); the parent compares the folder with the two states it may hold.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from report_fixtures import build_report

import compare.core.atomic as atomic
from compare.report import review as rv
from compare.report.output import write_report
from compare.report.reviews import load_reviews, reviews_path

pytestmark = pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "fork"), reason="needs fork")

STEPS = ("atomic_write_bytes", "_link_tree", "_exchange", "swap_in", "recover_folder")
Snapshot = dict[str, bytes | None]


def snapshot(folder: Path) -> Snapshot:
    """Every file (bytes) and folder (None) under ``folder``."""
    out: Snapshot = {}
    for path in sorted(folder.rglob("*")):
        out[str(path.relative_to(folder))] = path.read_bytes() if path.is_file() else None
    return out


def leftovers(folder: Path) -> list[str]:
    """Staging folders and temp files a killed write left beside or in ``folder``."""
    beside = [p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.")]
    inside = [str(p) for p in folder.rglob("*.tmp")] if folder.exists() else []
    return beside + inside


def _patch_kill(n: int, after: bool, counter: list[int]) -> None:
    """Make the n-th call of any step in STEPS kill the process (n < 0: only count)."""
    for name in STEPS:
        original = getattr(atomic, name)

        def wrapped(*args: object, __original: Callable[..., object] = original, **kwargs: object) -> object:
            counter[0] += 1
            step = counter[0]
            if step == n and not after:
                os.kill(os.getpid(), signal.SIGKILL)
            result = __original(*args, **kwargs)
            if step == n and after:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        setattr(atomic, name, wrapped)


def _in_child(n: int, after: bool, action: Callable[[], None]) -> int:
    """Run ``action`` in a forked child killed at step ``n``; returns the number of
    steps the child took (n < 0) or -signal when it was killed."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_fd)
        counter = [0]
        try:
            _patch_kill(n, after, counter)
            action()
        except BaseException:
            os._exit(3)
        os.write(write_fd, str(counter[0]).encode())
        os._exit(0)
    os.close(write_fd)
    _, status = os.waitpid(pid, 0)
    data = os.read(read_fd, 100)
    os.close(read_fd)
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status)
    assert os.WEXITSTATUS(status) == 0, "the write failed in the child"
    return int(data)


def _trials(out: Path, old: Snapshot, action: Callable[[], None]) -> tuple[Snapshot, int]:
    """Kill ``action`` at every step, before and after; returns the new state and
    the number of trials."""
    base = out.parent / "base"
    shutil.copytree(out, base, symlinks=True)

    def restore() -> None:
        shutil.rmtree(out)
        for p in out.parent.iterdir():
            if p.name.startswith(f".{out.name}."):
                shutil.rmtree(p) if p.is_dir() else p.unlink()
        shutil.copytree(base, out, symlinks=True)

    steps = _in_child(-1, False, action)
    new = snapshot(out)
    assert new != old
    trials = 0
    for n in range(1, steps + 1):
        for after in (False, True):
            restore()
            assert _in_child(n, after, action) == -signal.SIGKILL
            state = snapshot(out) if out.exists() else {}
            assert state in (old, new), f"mixed folder after a kill at step {n} ({'after' if after else 'before'})"
            trials += 1
            with atomic.folder_lock(out):  # what the next write does first
                atomic.recover_folder(out)
            if state == old:
                assert _in_child(-1, False, action) > 0  # and then it completes
            assert snapshot(out) == new
            assert leftovers(out) == []
    return new, trials


def test_run_killed_at_every_write_step_leaves_old_or_new(tmp_path: Path) -> None:
    report = build_report()
    out = tmp_path / "reports"
    smaller = attrs.evolve(report, events=report.events[:1],
                           documents=tuple(d for d in report.documents if d.id != "quay-post-2021-11-18"),
                           flags=tuple(f for f in report.flags if f.event == report.events[0].id))
    write_report(smaller, out, ("md", "html"))
    (out / "reviews.yaml").write_text("schema: outlet-compare/reviews/v1\ndecisions:\n  f-at04:\n"
                                      "    status: confirmed\n", "utf-8")
    old = snapshot(out)
    _, trials = _trials(out, old, lambda: write_report(report, out, ("md", "html")) and None)
    assert trials >= 20


def test_review_killed_at_every_write_step_leaves_old_or_new(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rv, "_now", lambda: "2026-01-01T00:00:00Z")
    out = tmp_path / "reports"
    write_report(build_report(), out, ("md", "html"))
    old = snapshot(out)
    new, trials = _trials(out, old, lambda: rv.record_decisions(out, ["f-at04", "f-wd01"], "dismissed",
                                                                "hedge", "ana") and None)
    assert trials >= 10
    # The new state is one unit: the decisions and the pages that show them.
    assert load_reviews(reviews_path(out)).decisions["f-at04"].status == "dismissed"
    assert b"9 flags (7 open)" in (old["index.md"] or b"")
    assert b"9 flags (5 open)" in (new["index.md"] or b"")


def test_failed_write_removes_its_temp_files_and_keeps_the_old_report(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "reports"
    write_report(build_report(), out, ("md",))
    old = snapshot(out)
    calls = [0]
    real_replace = os.replace

    def failing_replace(src: str, dst: str) -> None:
        calls[0] += 1
        if calls[0] == 3:
            raise OSError(28, "No space left on device", dst)
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    report = build_report()
    with pytest.raises(OSError):
        write_report(attrs.evolve(report, flags=report.flags[:2]), out, ("md", "html"))
    assert snapshot(out) == old
    assert leftovers(out) == []


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_written_files_follow_the_umask(tmp_path: Path, umask: int) -> None:
    old_mask = os.umask(umask)
    try:
        out = tmp_path / "reports"
        report = build_report()
        write_report(report, out, ("md",))
        write_report(attrs.evolve(report, flags=report.flags[:3]), out, ("md",))  # rewrites
        rv.record_decision(out, report.flags[0].id, "confirmed", None, "ana")
    finally:
        os.umask(old_mask)
    for path in out.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o777 if path.is_dir() else 0o666) & ~umask, (path, oct(mode))


def test_temp_files_left_by_an_older_killed_review_are_dropped(tmp_path: Path) -> None:
    """Issue 16: a killed review used to leave ``.reviews.yaml.*.tmp`` in the folder."""
    out = tmp_path / "reports"
    write_report(build_report(), out, ("md",))
    (out / ".reviews.yaml.k2j4_x9q.tmp").write_text("half a file", "utf-8")
    (out / ".my-notes.txt").write_text("kept", "utf-8")
    rv.record_decision(out, "f-at04", "confirmed", None, "ana")
    assert not (out / ".reviews.yaml.k2j4_x9q.tmp").exists()
    assert (out / ".my-notes.txt").read_text("utf-8") == "kept"
    assert leftovers(out) == []


def test_a_report_folder_that_is_the_current_folder_is_written_in_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "reports"
    write_report(build_report(), out, ("md",))
    inode = out.stat().st_ino
    monkeypatch.chdir(out)
    rv.record_decision(Path("."), "f-at04", "confirmed", None, "ana")
    assert out.stat().st_ino == inode and Path.cwd().exists()
    assert "f-at04" in (out / "reviews.yaml").read_text("utf-8")
    monkeypatch.chdir(tmp_path)
    rv.record_decision(out, "f-at04", "dismissed", None, "ana")
    assert out.stat().st_ino != inode  # from outside: swapped in as one unit
