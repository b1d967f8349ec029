"""The on-disk cache of claim embeddings, keyed by text hash and model version.

A claim's embedding depends only on its text and on the model, so it is kept
across runs: a re-run over a grown corpus encodes only the claims it has not
seen.  Where: ``$OUTLET_COMPARE_CACHE_DIR`` when set, else the user cache
directory (``$XDG_CACHE_HOME/outlet-compare``, by default
``~/.cache/outlet-compare``), file ``embeddings.sqlite``.  A user cache
directory rather than a folder beside the report, because an embedding does not
belong to one report: two report folders over overlapping corpora (a daily
folder and a weekly one, a re-run with other rules into a new folder) share
it, the report folder stays what the report is made of (and stays small to
copy and review), and deleting the cache only costs time.  Set the variable
to ``off`` (or ``RunOptions.cache_dir = None``) to use no disk cache.

The store is one SQLite file (standard library, safe with several worker
processes writing at once: WAL journal, a busy timeout), one row per (model
version, SHA-256 of the text as encoded) holding the float32 vector.  The
model version is the package name and its installed version
(:func:`model_version`), so upgrading the model misses every old row (they
stay until the file is deleted; ``prune`` drops them).

A cache can never change a result: the vectors are stored bit for bit as the
model returned them (the encoder is deterministic, see ``embed._load_use``),
a row of the wrong size is a miss, and a file that is not a SQLite database
(corrupt, truncated, another program's) is moved aside once with one warning
and a fresh file is started; when even that fails the run goes on without the
disk cache.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

import numpy as np

ENV_VAR = "OUTLET_COMPARE_CACHE_DIR"
FILE_NAME = "embeddings.sqlite"
# Rows fetched per SELECT (SQLite's default limit on parameters is 999 or 32766).
_CHUNK = 500
_SCHEMA = ("CREATE TABLE IF NOT EXISTS emb (model TEXT NOT NULL, key BLOB NOT NULL, "
           "vec BLOB NOT NULL, PRIMARY KEY (model, key)) WITHOUT ROWID")


def default_cache_dir() -> Path | None:
    """``$OUTLET_COMPARE_CACHE_DIR`` (None when it is ``off``, ``none`` or ``0``), else the
    user cache directory."""
    env = os.environ.get(ENV_VAR)
    if env is not None:
        return None if env.strip().lower() in {"", "off", "none", "0", "no"} else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "outlet-compare"


def model_version(package: str) -> str:
    """``package==version`` of the installed distribution that ships the model
    (``package==?`` when it has no metadata)."""
    try:
        return f"{package}=={metadata.version(package)}"
    except metadata.PackageNotFoundError:
        return f"{package}==?"


def text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def _warn(message: str) -> None:
    print(f"outlet-compare: warning: {message}", file=sys.stderr)


class EmbeddingStore:
    """One SQLite file of vectors for one model version; opened lazily, one
    connection per process (a forked worker opens its own)."""

    def __init__(self, folder: Path, model: str, dim: int | None = None) -> None:
        self.path = Path(folder) / FILE_NAME
        self.model = model
        self.dim = dim
        self._conn: sqlite3.Connection | None = None
        self._pid = -1
        self.broken = False
        self.hits = 0
        self.misses = 0

    # ------------------------------------------------------------------ connection

    def _open(self) -> sqlite3.Connection | None:
        if self.broken:
            return None
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        self._conn = None
        for attempt in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=60.0, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute(_SCHEMA)
                conn.execute("SELECT 1 FROM emb LIMIT 1").fetchall()
            except sqlite3.DatabaseError as exc:
                if attempt == 0 and self._move_aside(exc):
                    continue
                self._disable(f"{exc}")
                return None
            except OSError as exc:
                self._disable(exc.strerror or str(exc))
                return None
            self._conn, self._pid = conn, os.getpid()
            return conn
        return None  # pragma: no cover - the loop returns

    def _move_aside(self, exc: Exception) -> bool:
        """A file that is no SQLite database: keep it for inspection, start a new one."""
        locked = isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
        if locked or not self.path.exists():
            return False
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}-{os.getpid()}")
        try:
            self.path.rename(aside)
            for suffix in ("-wal", "-shm"):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    side.unlink()
        except OSError:
            return False
        _warn(f"{self.path}: embedding cache unreadable ({exc}); moved to {aside.name}, "
              "starting a new one")
        return True

    def _disable(self, why: str) -> None:
        if not self.broken:
            _warn(f"{self.path}: embedding cache not used ({why})")
        self.broken = True
        self._conn = None

    def close(self) -> None:
        if self._conn is not None and self._pid == os.getpid():
            self._conn.close()
        self._conn = None

    # ------------------------------------------------------------------ rows

    def get_many(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those ``texts`` that have one (misses are absent)."""
        conn = self._open()
        if conn is None or not texts:
            return {}
        keys = {text_key(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        items = list(keys)
        try:
            for start in range(0, len(items), _CHUNK):
                chunk = items[start:start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(f"SELECT key, vec FROM emb WHERE model = ? AND key IN ({marks})",
                                    [self.model, *chunk]).fetchall()
                for key, blob in rows:
                    vec = _vector(blob, self.dim)
                    if vec is not None:
                        found[keys[bytes(key)]] = vec
        except sqlite3.DatabaseError as exc:
            self._disable(str(exc))
            return {}
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        conn = self._open()
        if conn is None:
            return
        rows = [(self.model, text_key(t), np.ascontiguousarray(v, dtype=np.float32).tobytes())
                for t, v in items]
        if not rows:
            return
        try:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany("INSERT OR REPLACE INTO emb (model, key, vec) VALUES (?, ?, ?)", rows)
        except sqlite3.DatabaseError as exc:
            self._disable(str(exc))

    def prune(self) -> int:
        """Drop the rows of other model versions; returns how many."""
        conn = self._open()
        if conn is None:
            return 0
        with conn:
            cur = conn.execute("DELETE FROM emb WHERE model != ?", (self.model,))
        return cur.rowcount


def _vector(blob: object, dim: int | None) -> np.ndarray | None:
    """The stored vector, or None for a row that cannot be one (a miss)."""
    if not isinstance(blob, bytes) or not blob or len(blob) % 4:
        return None
    vec = np.frombuffer(blob, dtype=np.float32)
    if (dim is not None and vec.shape[0] != dim) or not np.isfinite(vec).all():
        return None
    return vec


# The process-wide store embed.embed_texts consults (None: no disk cache).
_FOLDER: Path | None = None
_STORES: dict[str, EmbeddingStore] = {}


def configure(folder: Path | None) -> None:
    """Use the cache in ``folder`` (None: no disk cache) for the rest of this process."""
    global _FOLDER
    if folder == _FOLDER:
        return
    for store in _STORES.values():
        store.close()
    _STORES.clear()
    _FOLDER = Path(folder) if folder is not None else None


def configured() -> Path | None:
    return _FOLDER


def store_for(package: str) -> EmbeddingStore | None:
    """The store of ``package``'s model in the configured folder, if any."""
    if _FOLDER is None:
        return None
    store = _STORES.get(package)
    if store is None:
        store = _STORES[package] = EmbeddingStore(_FOLDER, model_version(package))
    return None if store.broken else store
