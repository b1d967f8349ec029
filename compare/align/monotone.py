"""Monotone alignment of two documents' claims in text order, for claim pairs
the embedding model cannot read (a language outside the model's,
:func:`compare.align.anchors.covers`).

An outlet writing in another language than the readout very often translates
or closely follows it in order.  Sentence aligners for translations (Gale &
Church 1993; bleualign; vecalign 2019) exploit that: the best alignment is a
monotone path through the matrix of sentence pairs, scored by whatever
evidence there is, with a length-ratio term.  Here:

* :func:`length_mismatch`: ``|log((len_a / len_b) / c)|`` for every pair,
  ``c`` the ratio of the two documents' total lengths in characters (the
  language pair's expansion, as Gale-Church normalise per document pair);
* :func:`pair_gains`: the evidence of each pair (the caller's score: centred
  cosine plus anchors) above what the document pair's typical (median) pair
  scores, minus ``length_weight`` times the mismatch;
* :func:`monotone_path`: the one-to-one monotone path of the largest summed
  gain (dynamic programming with free skips, as Needleman-Wunsch with gap cost
  0), each row of the table vectorised; only pairs of positive gain are on it;
* :func:`follows`: whether that path beats chance: some monotone path runs
  through any matrix, so the path of a document that does not follow the
  other's order (its best path gains no more than that of the document
  shuffled, on average over 8 fixed shuffles) is dropped;
* :func:`order_pairs`: all of it at once.

The alignment gives the pairs on the path ``alignment.order_bonus`` in its
fused similarity (compare/align/scoring.py, compare/align/pivot.py).  Pure
functions of numpy arrays; no alignment decisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np


def length_mismatch(len_a: Sequence[int], len_b: Sequence[int]) -> np.ndarray:
    """``|log(len_a[i] / len_b[j] / c)|`` for every pair, ``c = sum(len_a) /
    sum(len_b)``: 0 where a pair has the two documents' own length ratio
    (lengths in characters, at least 1 each)."""
    a = np.maximum(np.asarray(len_a, dtype=np.float64), 1.0)
    b = np.maximum(np.asarray(len_b, dtype=np.float64), 1.0)
    if not a.size or not b.size:
        return np.zeros((a.size, b.size), dtype=np.float32)
    ratio = a.sum() / b.sum()
    return np.asarray(np.abs(np.log(a[:, None] / (b[None, :] * ratio))), dtype=np.float32)


def pair_gains(score: np.ndarray, len_a: Sequence[int], len_b: Sequence[int],
               length_weight: float) -> np.ndarray:
    """What each pair of ``score`` (rows: one document's claims, columns: the
    other's) scores above the median pair of the matrix (most pairs of two
    documents are not translations of each other: the median is what an
    unrelated pair scores), less ``length_weight`` times :func:`length_mismatch`."""
    s = np.asarray(score, dtype=np.float64)
    if not s.size:
        return np.zeros(s.shape, dtype=np.float64)
    return s - float(np.median(s)) - length_weight * length_mismatch(len_a, len_b)


def monotone_path(gain: np.ndarray) -> list[tuple[int, int]]:
    """The pairs ``(i, j)`` of the monotone one-to-one path of the largest summed
    ``gain`` (``i`` and ``j`` both increase along it; a row or column may be
    skipped at no cost, so a pair of gain <= 0 is never on it).  O(rows x
    columns) time and memory, one vectorised step per row; ties prefer a skip,
    then the earlier pair."""
    g = np.asarray(gain, dtype=np.float64)
    m, n = g.shape if g.ndim == 2 else (0, 0)
    if m == 0 or n == 0:
        return []
    table = np.zeros((m + 1, n + 1), dtype=np.float64)
    for i in range(1, m + 1):
        # best of: skip row i (the row above), or match (i, j) after (i-1, j-1);
        # then skipping column j is a running maximum along the row.
        step = np.maximum(table[i - 1, 1:], table[i - 1, :-1] + g[i - 1])
        table[i, 1:] = np.maximum.accumulate(step)
    out: list[tuple[int, int]] = []
    i, j = m, n
    while i > 0 and j > 0:
        here = table[i, j]
        if here == table[i - 1, j]:
            i -= 1
        elif here == table[i, j - 1]:
            j -= 1
        else:
            out.append((i - 1, j - 1))
            i -= 1
            j -= 1
    out.reverse()
    return out


def path_gain(gain: np.ndarray, path: Sequence[tuple[int, int]]) -> float:
    """The summed ``gain`` of the pairs of ``path``."""
    return float(sum(gain[i, j] for i, j in path))


def reorderings(m: int, count: int = 8) -> list[list[int]]:
    """``count`` shuffled row orders of an ``m``-row matrix (a fixed seed: the
    same orders on every run), each breaking a document's order."""
    return [list(rows) for rows in _reorderings(m, count)]


@lru_cache(maxsize=1024)
def _reorderings(m: int, count: int) -> tuple[tuple[int, ...], ...]:
    if m < 2:
        return ()
    rng = np.random.default_rng(m)
    return tuple(tuple(int(i) for i in rng.permutation(m)) for _ in range(count))


def best_gains(gains: np.ndarray) -> np.ndarray:
    """The summed gain of the best monotone path of each matrix of ``gains``
    (shape ``(k, rows, columns)``): :func:`monotone_path`'s table, the ``k``
    matrices one vectorised step per row at once, its last cell only (no path
    is traced back).  The same additions in the same order as
    ``path_gain(g, monotone_path(g))``, so the same numbers."""
    k, m, n = gains.shape
    row = np.zeros((k, n + 1), dtype=np.float64)
    for i in range(m):
        step = np.maximum(row[:, 1:], row[:, :-1] + gains[:, i])
        np.maximum.accumulate(step, axis=1, out=row[:, 1:])
    return row[:, n]


def follows(gain: np.ndarray, path: Sequence[tuple[int, int]]) -> bool:
    """Whether the document follows the other's order: its best monotone path
    gains more than the best path of the document shuffled does on average
    (:func:`reorderings`).  Some monotone path runs through any matrix; one
    that a shuffled document would match is noise.  The shuffles' best gains
    are computed together (:func:`best_gains`)."""
    best = path_gain(gain, path)
    orders = _reorderings(gain.shape[0], 8)
    if not orders:
        return True
    chance = best_gains(np.asarray(gain, dtype=np.float64)[np.array(orders)])
    return best > float(np.mean(chance))


def order_pairs(score: np.ndarray, len_a: Sequence[int], len_b: Sequence[int],
                length_weight: float) -> list[tuple[int, int]]:
    """:func:`monotone_path` of :func:`pair_gains`: the pairs of two documents'
    claims (each list in text order) a translation in order would pair; none
    when the path is no better than that of the document reordered
    (:func:`follows`)."""
    gain = pair_gains(score, len_a, len_b, length_weight)
    path = monotone_path(gain)
    return path if path and follows(gain, path) else []


def path_mask(shape: tuple[int, int], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """A boolean matrix of ``shape``, True on ``pairs``."""
    out = np.zeros(shape, dtype=bool)
    if pairs:
        r, c = zip(*pairs, strict=True)
        out[list(r), list(c)] = True
    return out
