"""Atomic writes of files and of whole folders.

* :func:`atomic_write_bytes`: a temp file in the same folder, fsync, then rename
  over the target; the temp file is removed on every path an exception takes,
  and the file gets the mode the umask gives a new file (``mkstemp`` would
  leave 0600).
* :func:`staged_folder`: a folder updated as one unit.  The new state is built
  in a sibling folder (``.NAME.new-PID-RANDOM``) that starts as a hard-linked
  copy of the old one; writes there replace directory entries, never the shared
  files, so the old folder is untouched until the new one is swapped in with
  one ``renameat2(RENAME_EXCHANGE)``.  A kill at any moment leaves the old
  folder or the new one, never a mix; a leftover staging folder is removed by
  the next update (:func:`recover_folder`).  Where the exchange is not available
  two renames are used and :func:`recover_folder` puts the old folder back if a
  kill fell between them.
* :func:`folder_lock`: an advisory lock (``flock`` on the folder's parent
  directory) that writers hold exclusively and readers shared, so a reader never
  sees one file of the old folder and the next of the new one.
* :func:`locked`: an exclusive lock on ``path + '.lock'`` for a file kept outside
  a report folder (a ``--reviews FILE``).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def file_mode() -> int:
    """The mode of a new file under the current umask (0644 under umask 022)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), durable=durable)


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` atomically.  ``durable=False`` skips the fsync, for
    files written into a staging folder that :func:`staged_folder` syncs as a whole."""
    atomic_write_chunks(path, (data,), durable=durable)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``path + '.lock'`` for read-modify-write cycles."""
    import fcntl

    lock_path = Path(str(path) + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def atomic_write_chunks(path: Path, chunks: Iterable[bytes], *, unless_same: bool = False,
                        durable: bool = True) -> bool:
    """Like :func:`atomic_write_bytes` for data that comes in pieces (never all in
    memory).  With ``unless_same`` an existing file with exactly these bytes is left
    alone (compared on disk, piece by piece).  Returns whether the file was replaced."""
    import filecmp

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), file_mode())
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            if unless_same and path.is_file() and filecmp.cmp(tmp, path, shallow=False):
                os.unlink(tmp)
                return False
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
        return True
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# --------------------------------------------------------------------------- folders


def _target(folder: Path) -> Path:
    """The real path of ``folder`` (a symlinked report folder is updated where it points)."""
    return Path(os.path.realpath(folder))


@contextlib.contextmanager
def folder_lock(folder: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold ``flock`` on the parent directory of ``folder``: exclusive for a writer,
    shared for a reader.  No lock file is created."""
    import fcntl

    parent = _target(folder).parent
    if shared and not parent.is_dir():
        yield  # nothing to read there; a reader never creates folders
        return
    parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def _staging_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"^\.{re.escape(name)}\.(new|old)-\d+-[0-9a-f]{{8}}$")


def recover_folder(folder: Path) -> None:
    """Undo what a killed update left beside ``folder`` (call it holding the lock):
    the old folder is put back if the kill fell between the two renames of the
    fallback swap, and leftover staging folders are removed."""
    target = _target(folder)
    if not target.parent.is_dir():
        return
    pattern = _staging_pattern(target.name)
    leftovers = sorted(p for p in target.parent.iterdir() if pattern.match(p.name))
    for path in leftovers:
        if path.name.split(".")[-1].startswith("old-") and not target.exists():
            os.rename(path, target)
            continue
        shutil.rmtree(path, ignore_errors=True)


# The temp files of atomic_write_bytes: ".NAME.RANDOM.tmp".
_TEMP_FILE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def _link_tree(src: Path, dst: Path) -> None:
    """``dst`` as a copy of ``src`` made of hard links (a copy where a link is refused),
    without the temp files of killed writes."""
    for root, dirs, files in os.walk(src):
        rel = Path(root).relative_to(src)
        for name in dirs:
            s = Path(root) / name
            d = dst / rel / name
            if s.is_symlink():
                os.symlink(os.readlink(s), d)
            else:
                d.mkdir()
                shutil.copystat(s, d)
        dirs[:] = [n for n in dirs if not (Path(root) / n).is_symlink()]
        for name in files:
            if _TEMP_FILE.match(name):
                continue  # a temp file an older version's killed write left behind
            s = Path(root) / name
            d = dst / rel / name
            if s.is_symlink():
                os.symlink(os.readlink(s), d)
                continue
            try:
                os.link(s, d, follow_symlinks=False)
            except OSError:
                shutil.copy2(s, d, follow_symlinks=False)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sync_folder(folder: Path) -> None:
    """Flush every file written under ``folder`` to disk: one ``syncfs`` of its file
    system (one journal commit instead of one fsync per file), or an fsync of each
    file where ``syncfs`` is not available."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.syncfs(fd) == 0:
                return
        except (OSError, AttributeError):
            pass
        for root, _dirs, files in os.walk(folder):
            for name in files:
                with contextlib.suppress(OSError), open(Path(root) / name, "rb") as handle:
                    os.fsync(handle.fileno())
    finally:
        os.close(fd)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where that is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(stage: Path, folder: Path) -> None:
    """Make ``stage`` the folder at ``folder`` in one step and remove the old one."""
    target = _target(folder)
    if not target.exists():
        os.rename(stage, target)
        _fsync_dir(target.parent)
        return
    if _exchange(stage, target):
        _fsync_dir(target.parent)
        shutil.rmtree(stage, ignore_errors=True)
        return
    old = target.parent / f".{target.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
    os.rename(target, old)
    os.rename(stage, target)
    _fsync_dir(target.parent)
    shutil.rmtree(old, ignore_errors=True)


def _holds_cwd(target: Path) -> bool:
    try:
        cwd = Path(os.path.realpath(os.getcwd()))
    except OSError:
        return False
    return cwd == target or target in cwd.parents


@contextlib.contextmanager
def staged_folder(folder: Path) -> Iterator[Path]:
    """Yield a staging copy of ``folder`` to write the new state into; on a normal
    exit it replaces ``folder`` in one step, on an exception it is removed and
    ``folder`` stays as it was.  Hold :func:`folder_lock` around it.

    The one exception: when the current folder is ``folder`` (or inside it), the
    new state is written in place, file by file, so the shell of whoever runs
    ``outlet-compare review . ID`` from inside the report is not left in a
    deleted folder."""
    target = _target(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    recover_folder(target)
    if _holds_cwd(target):
        # Swapping the folder a shell is in would leave that shell in a deleted
        # folder: written in place, file by file (each file still atomic).
        yield target
        sync_folder(target)
        return
    stage = target.parent / f".{target.name}.new-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        if target.is_dir():
            stage.mkdir()
            shutil.copystat(target, stage)
            _link_tree(target, stage)
        else:
            stage.mkdir()
        yield stage
        sync_folder(stage)
        swap_in(stage, target)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
