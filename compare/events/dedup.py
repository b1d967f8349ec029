"""Near-duplicate republications: the same body on two sites is counted once.

Each document's cleaned text becomes a set of hashed 5-word shingles.  Candidate
pairs come from an inverted index (shingle -> documents), so only documents that
share shingles are compared and no all-pairs pass is made; shingles shared by
very many documents (boilerplate that escaped cleaning, a sentence quoted by
everyone) are left out of the index.  Two documents are copies when at least
``CONTAINMENT`` of the smaller one's shingles are in the larger one and the
smaller has at least ``SIZE_RATIO`` of the larger's shingles: a republication
with a new headline, teaser and footer passes, while two articles on one event
quoting the same official sentences do not.

Copies form groups; every member but the earliest (by published date, then id)
gets ``duplicate_of`` = the earliest's id.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections import defaultdict
from collections.abc import Sequence
from itertools import accumulate

import attrs
import numpy as np
from scipy.sparse import csr_matrix

from compare.core.models import Document
from compare.core.textnorm import words

SHINGLE = 5
CONTAINMENT = 0.8
SIZE_RATIO = 0.5
MIN_SHINGLES = 8
MAX_POSTING = 200
MAX_WORDS = 20_000
_BLOCK_ROWS = 512


def shingles(text: str, k: int = SHINGLE) -> frozenset[int]:
    """Hashed k-word shingles of ``text`` (lowercased words; stable across processes).

    A shingle's hash is the CRC-32 of its words joined by single spaces (UTF-8);
    the words are joined and encoded once and every shingle hashed as a slice.
    """
    toks = [w.casefold() for w in words(text)[:MAX_WORDS]]
    if len(toks) < k:
        return frozenset([zlib.crc32(" ".join(toks).encode())]) if toks else frozenset()
    joined = " ".join(toks)
    data = memoryview(joined.encode("utf-8", "surrogatepass"))
    sizes = (len(t) + 1 for t in toks) if joined.isascii() else (
        len(t.encode("utf-8", "surrogatepass")) + 1 for t in toks)
    starts = list(accumulate(sizes, initial=0))
    # shingle i covers words i..i+k-1: from starts[i] to the space before word i+k
    return frozenset(zlib.crc32(data[starts[i]:starts[i + k] - 1]) for i in range(len(toks) - k + 1))


def _order_key(doc: Document) -> tuple[bool, dt.date, str]:
    return (doc.published is None, doc.published or dt.date.min, doc.id)


def _shingle_array(text: str) -> np.ndarray:
    """:func:`shingles` as a sorted array of uint32 (CRC-32 values): 4 bytes a shingle
    instead of a Python int in a set (~60), which at 10,000 realistic articles was
    most of the run's peak memory."""
    return np.unique(np.fromiter(shingles(text), dtype=np.uint32))


def _shared_shingles(sets: Sequence[np.ndarray], members: Sequence[int]) -> np.ndarray:
    """The shingles held by 2 to ``MAX_POSTING`` of the ``members``, sorted.

    Made from one sorted copy of all their shingles (4 bytes each, sorted in
    place) and arrays the size of the repeated shingles only: ``np.unique`` with
    an inverse and counts over every shingle of the corpus needed ~8 arrays of
    8 bytes a shingle, the +440 MB the duplicates stage took at 10,000
    realistic documents (bench_memory.py)."""
    all_hashes = np.concatenate([sets[i] for i in members])
    all_hashes.sort()
    repeated = all_hashes[1:][all_hashes[1:] == all_hashes[:-1]]  # each shingle seen again
    candidates = np.unique(repeated)  # shingles held by 2 or more documents
    del repeated
    posting = (np.searchsorted(all_hashes, candidates, side="right")
               - np.searchsorted(all_hashes, candidates, side="left"))
    shared: np.ndarray = candidates[posting <= MAX_POSTING]
    return shared


def _shared_counts(sets: Sequence[np.ndarray], members: Sequence[int]) -> list[tuple[int, int, int]]:
    """``(i, j, n)``, i < j: documents i and j share n shingles, counting only the shingles
    held by 2 to ``MAX_POSTING`` of the ``members`` (an inverted index, as a sparse product).

    Only pairs that can be copies are returned (sizes close enough, enough shared shingles).
    """
    if len(members) < 2:
        return []
    shared = _shared_shingles(sets, members)
    if not shared.size:
        return []
    n = max(members) + 1
    # one row per document, one column per shared shingle (its index in ``shared``)
    lengths = np.zeros(n, dtype=np.int64)
    counts = np.zeros(n, dtype=np.int64)
    columns: list[np.ndarray] = []
    for i in sorted(members):
        own = sets[i]
        lengths[i] = len(own)
        at = np.searchsorted(shared, own)
        hit = at < shared.size
        hit[hit] = shared[at[hit]] == own[hit]
        cols = at[hit].astype(np.int32)
        counts[i] = cols.size
        columns.append(cols)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    indices = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int32)
    del columns
    # rows in member order == rows in index order: members are increasing
    matrix = csr_matrix((np.ones(indices.size, dtype=np.int32), indices, indptr),
                        shape=(n, shared.size))
    transposed = matrix.T.tocsr()
    out: list[tuple[int, int, int]] = []
    # The product in blocks of rows: whole, the pair counts of a large corpus (shingles
    # shared by up to MAX_POSTING documents) took gigabytes before the filter below.
    for start in range(0, n, _BLOCK_ROWS):
        shared_counts = (matrix[start:start + _BLOCK_ROWS] @ transposed).tocoo()
        row, col, count = shared_counts.row.astype(np.int64) + start, shared_counts.col, shared_counts.data
        small = np.minimum(lengths[row], lengths[col])
        large = np.maximum(lengths[row], lengths[col])
        # the cheap tests of duplicate_pairs, for all pairs at once (each pair is tested again there)
        keep = ((row < col) & (small >= MIN_SHINGLES) & (small >= SIZE_RATIO * large)
                & (count >= CONTAINMENT * small * 0.5))
        out.extend(zip(row[keep].tolist(), col[keep].tolist(), count[keep].tolist(), strict=True))
    return out


def duplicate_pairs(docs: Sequence[Document]) -> list[tuple[int, int, float]]:
    """Index pairs ``(i, j, containment)`` of documents that are copies of each other."""
    sets = [_shingle_array(d.text) for d in docs]
    # identical texts pair up directly; only one of them enters the shingle index
    pairs: list[tuple[int, int, float]] = []
    first_of: dict[str, int] = {}
    for i, d in enumerate(docs):
        j = first_of.setdefault(d.text, i)
        if j != i and d.text.strip():
            pairs.append((j, i, 1.0))
    members = [i for i, s in enumerate(sets) if first_of.get(docs[i].text) == i and len(s) >= MIN_SHINGLES]
    for i, j, n in _shared_counts(sets, members):
        small, large = sorted((len(sets[i]), len(sets[j])))
        if small < MIN_SHINGLES or small < SIZE_RATIO * large:
            continue
        # common shingles counted from the index may miss very common ones: recount exactly
        if n < CONTAINMENT * small * 0.5:
            continue
        exact = np.intersect1d(sets[i], sets[j], assume_unique=True).size / small
        if exact >= CONTAINMENT:
            pairs.append((i, j, exact))
    return sorted(pairs)


def mark_duplicates(docs: Sequence[Document]) -> list[Document]:
    """Set ``duplicate_of`` on every copy to the id of the earliest copy of its group."""
    parent = list(range(len(docs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in duplicate_pairs(docs):
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[find(i)].append(i)
    out = [attrs.evolve(d, duplicate_of=None) if d.duplicate_of else d for d in docs]
    for members in groups.values():
        if len(members) < 2:
            continue
        first = min(members, key=lambda i: _order_key(docs[i]))
        for i in members:
            if i != first:
                out[i] = attrs.evolve(docs[i], duplicate_of=docs[first].id)
    return out
