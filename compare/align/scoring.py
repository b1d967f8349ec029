"""Vectorised similarity scores of claims, every claim of one list against
every claim of another (numpy / scipy, no alignment decisions):

* :func:`score_matrix`: ``rapidfuzz.process.cdist`` with the configured
  scorer, combined with token overlap (:func:`jaccard_matrix`: Jaccard on
  stemmed content words, a sparse matrix product, weighted by
  :func:`idf_weights`) and, with ``embedding.weight``, sentence-embedding
  cosine (the optional ``embed`` extra);
* :func:`cross_scores`: embedding cosine alone, for claims in different
  languages;
* :func:`shared_guard`: whether two claims share enough content stems, or a
  lexicon topic only one claim of the pivot names (:func:`distinctive_stems`).

Used by the alignment (:mod:`compare.align.alignment`) and the flags
(:mod:`compare.align.flags`); the settings are :class:`compare.align.matching.MatchingConfig`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

import numpy as np
from rapidfuzz import process
from scipy.sparse import csr_matrix

from compare.align.anchors import AnchorIndex, anchor_index, covers, overlap
from compare.align.lexicon import Lexicon
from compare.align.matching import SCORERS, MatchingConfig
from compare.align.monotone import order_pairs
from compare.align.normalize import NormText

# Scores that pick one claim among others (a group's central claim) within this
# share of the best one tie: the two members of a pair score each other alike in
# exact arithmetic, but a float32 sum or a @ b.T against b @ a.T differs in its
# last bits with the machine's BLAS kernels (1.8973365 and 1.8973367), and such a
# tie must go to the claim id on every machine.
TIE_TOLERANCE = 1e-5


def best_index(n: int, first: Callable[[int], tuple[bool, ...]], score: Callable[[int], float],
               last: Callable[[int], str]) -> int:
    """The index of ``range(n)`` with the largest ``(first, score, last)``, the
    scores within :data:`TIE_TOLERANCE` (relative) of the best taken as equal."""
    top = max(first(i) for i in range(n))
    pool = [i for i in range(n) if first(i) == top]
    best = max(float(score(i)) for i in pool)
    near = best - TIE_TOLERANCE * max(1.0, abs(best))
    return max((i for i in pool if float(score(i)) >= near), key=last)


def idf_weights(texts: Sequence[NormText]) -> dict[str, float]:
    """Inverse document frequency of every stem over ``texts`` (the claims of one
    event): ``log(1 + n / df)``, so a stem in every claim weighs ``log 2`` and a
    rare one up to ``log(1 + n)``.  Order of ``texts`` does not matter."""
    df: dict[str, int] = {}
    for n in texts:
        for s in n.stems:
            df[s] = df.get(s, 0) + 1
    total = max(len(texts), 1)
    return {s: math.log1p(total / d) for s, d in df.items()}


# Up to this many pairs an unweighted Jaccard matrix is counted with Python
# sets: building the sparse matrices costs more than the few set intersections
# (the flags ask for thousands of one-row matrices per event).
_SMALL_PAIRS = 256


def _small_jaccard(a: Sequence[NormText], b: Sequence[NormText]) -> np.ndarray:
    """:func:`jaccard_matrix` without weights, by set intersections: the same
    float32 counts, sizes and division as the sparse product."""
    inter = np.array([[len(x.stems & y.stems) for y in b] for x in a], dtype=np.float32)
    size_a = np.array([len(x.stems) for x in a], dtype=np.float32)[:, None]
    size_b = np.array([len(y.stems) for y in b], dtype=np.float32)[None, :]
    union = size_a + size_b - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(union > 0, inter / union, 0.0)
    return out.astype(np.float32)


def jaccard_matrix(a: Sequence[NormText], b: Sequence[NormText],
                   weights: Mapping[str, float] | None = None) -> np.ndarray:
    """(Weighted) Jaccard overlap of the stem sets, as a sparse product (vectorised).

    With ``weights`` each stem counts its weight (default 1; unknown stems get
    the largest weight): sum of shared weights / sum of weights of the union."""
    if not a or not b:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    if not weights and len(a) * len(b) <= _SMALL_PAIRS:
        return _small_jaccard(a, b)
    vocab: dict[str, int] = {}
    for n in (*a, *b):
        for s in n.stems:
            vocab.setdefault(s, len(vocab))

    default = max(weights.values(), default=1.0) if weights else 1.0
    w = np.ones(max(len(vocab), 1), dtype=np.float32)
    if weights:
        for s, k in vocab.items():
            w[k] = weights.get(s, default)

    def mat(items: Sequence[NormText], weighted: bool) -> csr_matrix:
        rows, cols = [], []
        for i, n in enumerate(items):
            for s in n.stems:
                rows.append(i)
                cols.append(vocab[s])
        data = w[cols] if weighted else np.ones(len(rows), dtype=np.float32)
        return csr_matrix((data, (rows, cols)), shape=(len(items), max(len(vocab), 1)))

    inter = (mat(a, True) @ mat(b, False).T).toarray()
    size_a = np.array([sum(w[vocab[s]] for s in n.stems) for n in a], dtype=np.float32)[:, None]
    size_b = np.array([sum(w[vocab[s]] for s in n.stems) for n in b], dtype=np.float32)[None, :]
    union = size_a + size_b - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(union > 0, inter / union, 0.0)
    return out.astype(np.float32)


def shared_guard(a: Sequence[NormText], b: Sequence[NormText], need: int,
                 enough: frozenset[str] = frozenset()) -> np.ndarray:
    """True where two claims share at least ``min(need, stems of the shorter)``
    content stems, or any stem of ``enough`` (a topic only one reference claim
    names); a sparse product of the binary stem sets (vectorised)."""
    if not a or not b or need <= 0:
        return np.ones((len(a), len(b)), dtype=bool)
    vocab: dict[str, int] = {}
    for n in (*a, *b):
        for s in n.stems:
            vocab.setdefault(s, len(vocab))

    def mat(items: Sequence[NormText], only: frozenset[str] | None = None) -> csr_matrix:
        rows = [i for i, n in enumerate(items) for s in n.stems if only is None or s in only]
        cols = [vocab[s] for n in items for s in n.stems if only is None or s in only]
        return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                          shape=(len(items), max(len(vocab), 1)))

    mb = mat(b).T
    inter = (mat(a) @ mb).toarray()
    size_a = np.array([len(n.stems) for n in a])[:, None]
    size_b = np.array([len(n.stems) for n in b])[None, :]
    ok = inter >= np.minimum(need, np.minimum(size_a, size_b))
    if enough:
        ok |= (mat(a, enough) @ mb).toarray() > 0
    return np.asarray(ok, dtype=bool)


def distinctive_stems(claims: Sequence[NormText], lexicon: Lexicon) -> frozenset[str]:
    """Lexicon topics (synonym tokens: "north_korea", "new_start", "g7") that
    only one of ``claims`` (the pivot's) names: such a topic alone may tie a
    claim to it.  The participants' countries recur across a readout, so they
    are not among them; a plain word or place shared once is not enough."""
    df: dict[str, int] = {}
    for n in claims:
        for s in n.stems:
            df[s] = df.get(s, 0) + 1
    return frozenset(s for s, k in df.items() if k == 1) & _topics(lexicon)


@lru_cache(maxsize=16)
def _topics(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(syn.name for syn in lexicon.synonyms)


# Scorers whose score does not depend on the order of the two texts (checked by
# tests/align/test_scoring_speed.py): a list against itself scores only the pairs
# i <= j and mirrors them.
_SYMMETRIC = frozenset({"token_set_ratio", "token_sort_ratio", "ratio"})


def _distinct(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The distinct ``texts`` in order of first occurrence, and each text's index among them."""
    index: dict[str, int] = {}
    inv = np.fromiter((index.setdefault(t, len(index)) for t in texts), dtype=np.int64,
                      count=len(texts))
    return list(index), inv


class _Table:
    """Every pair of the texts registered so far, scored by one symmetric
    scorer: a dense float32 matrix that grows by doubling (see :func:`shared_scores`)."""

    def __init__(self, scorer: str, limit: int) -> None:
        self.fn = SCORERS[scorer]
        self.limit = limit
        self.index: dict[str, int] = {}
        self.texts: list[str] = []
        self.scores = np.zeros((0, 0), dtype=np.float32)

    def register(self, texts: Sequence[str], chunk: int) -> bool:
        """Score the new ones of ``texts`` (distinct) against every registered
        text; False (nothing done) when that would pass ``limit`` texts."""
        new = [t for t in texts if t not in self.index]
        if new:
            u0, u = len(self.texts), len(self.texts) + len(new)
            if u > self.limit:
                return False
            if u > len(self.scores):
                grown = np.zeros((min(self.limit, max(u, 2 * len(self.scores))),) * 2,
                                 dtype=np.float32)
                grown[:u0, :u0] = self.scores[:u0, :u0]
                self.scores = grown
            for t in new:
                self.index[t] = len(self.texts)
                self.texts.append(t)
            all_texts, m = self.texts, self.scores
            for r0 in range(u0, u, chunk):
                r1 = min(u, r0 + chunk)
                if u0:
                    old = process.cdist(all_texts[r0:r1], all_texts[:u0], scorer=self.fn,
                                        dtype=np.float32)
                    m[r0:r1, :u0] = old
                    m[:u0, r0:r1] = old.T
                block = process.cdist(all_texts[r0:r1], all_texts[r0:u], scorer=self.fn,
                                      dtype=np.float32)
                m[r0:r1, r0:u] = block
                m[r0:u, r0:r1] = block.T
        return True


# The tables of the innermost :func:`shared_scores` block of this thread (or
# task): worker threads analysing two events at once never share one.
_TABLES: ContextVar[tuple[dict[str, _Table], int] | None] = ContextVar("shared_scores", default=None)
# Texts one event's shared table holds at most (4,096: 64 MB); an event with
# more distinct claim texts is scored pass by pass, as without the table.
SHARED_LIMIT = 4096


@contextmanager
def shared_scores(limit: int = SHARED_LIMIT) -> Iterator[None]:
    """Within the block, :func:`fuzzy_matrix` keeps the scores of every pair of
    texts it was asked about (symmetric scorers) and answers later requests
    from them: the similarity graph, the support feature and the flags score
    the same normalised claims of an event again and again.  The numbers are
    the scorer's own, so results do not change; memory is one float32 matrix
    over the event's distinct texts (at most ``limit``), freed at the end."""
    token = _TABLES.set(({}, limit))
    try:
        yield
    finally:
        _TABLES.reset(token)


def fuzzy_matrix(a: Sequence[str], b: Sequence[str], scorer: str, same: bool = False,
                 chunk: int = 256) -> np.ndarray:
    """``rapidfuzz.process.cdist(a, b, scorer)`` (0..100, float32), the same
    numbers computed with less work: each distinct text is scored once (a
    republished copy repeats every sentence of its original); when ``same``
    (``a`` is ``b``) and the scorer is symmetric, only the pairs ``i <= j`` of
    the distinct texts, in blocks of ``chunk`` rows, are computed and mirrored;
    within :func:`shared_scores` a pair scored before is looked up.  Every
    entry is the scorer's own value for its pair, so the result equals the
    plain ``cdist`` element for element."""
    fn = SCORERS[scorer]
    ua, ia = _distinct(a)
    ub, ib = (ua, ia) if same else _distinct(b)
    shared = _TABLES.get()
    if shared is not None and scorer in _SYMMETRIC and ua and ub:
        tables, limit = shared
        table = tables.get(scorer)
        if table is None:
            table = tables[scorer] = _Table(scorer, limit)
        if table.register(list(dict.fromkeys([*ua, *ub])), chunk):
            rows = np.fromiter((table.index[t] for t in ua), dtype=np.int64, count=len(ua))
            cols = rows if same else np.fromiter((table.index[t] for t in ub), dtype=np.int64,
                                                 count=len(ub))
            return np.asarray(table.scores[np.ix_(rows[ia], cols[ib])], dtype=np.float32)
    if same and scorer in _SYMMETRIC:
        n = len(ua)
        u = np.zeros((n, n), dtype=np.float32)
        for start in range(0, n, chunk):
            stop = min(n, start + chunk)
            block = process.cdist(ua[start:stop], ua[start:], scorer=fn, dtype=np.float32)
            u[start:stop, start:] = block
            u[start:, start:stop] = block.T
        return np.asarray(u[np.ix_(ia, ia)], dtype=np.float32)
    if len(ua) == len(a) and len(ub) == len(b):
        return np.asarray(process.cdist(a, b, scorer=fn, dtype=np.float32), dtype=np.float32)
    u = process.cdist(ua, ub, scorer=fn, dtype=np.float32)
    return np.asarray(u[np.ix_(ia, ib)], dtype=np.float32)


def score_matrix(a: Sequence[NormText], b: Sequence[NormText], config: MatchingConfig,
                 raw_a: Sequence[str] = (), raw_b: Sequence[str] = (),
                 weights: Mapping[str, float] | None = None) -> np.ndarray:
    """Similarity 0..1 of every claim of ``a`` with every claim of ``b`` (token
    overlap weighted by ``weights`` when given, see :func:`idf_weights`)."""
    if not a or not b:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    jac = jaccard_matrix(a, b, weights)
    if config.scorer == "jaccard":
        score = jac
    else:
        fz = fuzzy_matrix([n.text for n in a], [n.text for n in b], config.scorer,
                          same=a is b) / 100.0
        w = config.fuzzy_weight
        score = w * fz + (1.0 - w) * jac
    if config.embedding_weight > 0 and raw_a and raw_b:
        from compare.align.embed import cosine_matrix

        cos = cosine_matrix(raw_a, raw_b, config.embedding_model)
        if cos is not None:
            ew = config.embedding_weight
            score = (1.0 - ew) * score + ew * np.clip(cos, 0.0, 1.0)
    return np.asarray(score, dtype=np.float32)


def column_passes(widths: Sequence[int], limit: int) -> list[tuple[int, int]]:
    """Consecutive runs ``(start, stop)`` of blocks whose ``widths`` add up to at
    most ``limit`` columns (a wider block alone in its run)."""
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(widths):
        stop, width = start, 0
        while stop < len(widths) and (stop == start or width + widths[stop] <= limit):
            width += widths[stop]
            stop += 1
        out.append((start, stop))
        start = stop
    return out


def score_blocks(a: Sequence[NormText], blocks: Sequence[Sequence[NormText]],
                 config: MatchingConfig, raw_a: Sequence[str] = (),
                 raw_blocks: Sequence[Sequence[str]] = (),
                 weights: Mapping[str, float] | None = None,
                 limit: int = 65536) -> list[np.ndarray]:
    """``[score_matrix(a, b, config, raw_a, raw_b, weights) for b in blocks]``
    with the word scores of many blocks in one pass (one sparse product, one
    rapidfuzz ``cdist`` over the distinct texts, for at most ``limit`` columns
    at a time): the pivot against each document of an event.  Every entry is
    the same number: the stem counts and weights of a pair are summed in the
    order of ``a``'s stems whatever the other columns, the fuzzy score is the
    scorer's own, and the embedding term is added block by block as before."""
    out: list[np.ndarray] = []
    for start, stop in column_passes([len(b) for b in blocks], limit):
        flat = [n for b in blocks[start:stop] for n in b]
        lex: np.ndarray
        if not a or not flat:
            lex = np.zeros((len(a), len(flat)), dtype=np.float32)
        else:
            jac = jaccard_matrix(a, flat, weights)
            if config.scorer == "jaccard":
                lex = jac
            else:
                fz = fuzzy_matrix([n.text for n in a], [n.text for n in flat], config.scorer) / 100.0
                w = config.fuzzy_weight
                lex = w * fz + (1.0 - w) * jac
        at = 0
        for k in range(start, stop):
            score = lex[:, at:at + len(blocks[k])]
            at += len(blocks[k])
            raw_b = raw_blocks[k] if k < len(raw_blocks) else ()
            if config.embedding_weight > 0 and raw_a and raw_b and a and blocks[k]:
                from compare.align.embed import cosine_matrix

                cos = cosine_matrix(raw_a, raw_b, config.embedding_model)
                if cos is not None:
                    ew = config.embedding_weight
                    score = (1.0 - ew) * score + ew * np.clip(cos, 0.0, 1.0)
            out.append(np.asarray(score, dtype=np.float32))
    return out


def cross_scores(a: Sequence[str], b: Sequence[str], config: MatchingConfig) -> np.ndarray:
    """Cosine 0..1 of claims in different languages (zeros without the model)."""
    from compare.align.embed import cosine_matrix

    if not a or not b:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    cos = cosine_matrix(a, b, config.embedding_model)
    if cos is None:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    return np.asarray(np.clip(cos, 0.0, 1.0), dtype=np.float32)



def claim_embeddings(texts: Sequence[str], config: MatchingConfig) -> np.ndarray | None:
    """Unit-length embeddings of ``texts`` (one row each), or None without the model."""
    from compare.align.embed import available, embed_texts

    if not texts or not available(config.embedding_model):
        return None
    return embed_texts(texts, config.embedding_model)


def fuse(cos: np.ndarray | None, lex: np.ndarray, lexical_weight: float) -> np.ndarray:
    """The similarity of claim pairs in any language: the embedding cosine,
    raised towards the lexical score where the words agree,
    ``max(cos, (1 - w) * cos + w * lex)``: a verbatim copy or a copy with one
    number changed scores high on both, a paraphrase on the cosine alone, and
    across languages (lexical score near 0) the cosine decides.  Without the
    model the lexical score alone."""
    if cos is None:
        return np.asarray(lex, dtype=np.float32)
    cos = np.clip(cos, 0.0, 1.0)
    return np.asarray(np.maximum(cos, (1.0 - lexical_weight) * cos + lexical_weight * lex),
                      dtype=np.float32)


def center(emb: np.ndarray, share: float, groups: Sequence[str] | None = None) -> np.ndarray:
    """Unit rows of ``emb`` minus ``share`` times the mean row of their group
    (``groups[i]`` names row i's group, e.g. its language; one group without).

    What all claims of an event (of one language) share, the participants and
    "held a phone call", and the offset each language has in a multilingual
    model, no longer make two claims alike; what is left is what a claim says
    beyond the event."""
    keys = list(groups) if groups is not None else [""] * len(emb)
    out = np.array(emb, dtype=np.float32, copy=True)
    for key in sorted(set(keys)):
        idx = np.array([i for i, k in enumerate(keys) if k == key])
        if len(idx) > 1:
            out[idx] -= share * emb[idx].mean(axis=0, keepdims=True)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.asarray(out / np.where(norms > 0, norms, 1.0), dtype=np.float32)


# Rows of the lexical scores per rapidfuzz call, and of the fused scores per
# step of similarity_edges.
LEXICAL_STEP = 256


def _upper_lexical(lexical: Sequence[str], start: int, stop: int, scorer: str,
                   step: int = LEXICAL_STEP) -> np.ndarray:
    """The rapidfuzz scores of rows ``start:stop`` of ``lexical`` against
    columns ``start:`` (0..100, float32), computed only on and above the
    diagonal (in row blocks of ``step``; below it the entries are 0, which
    :func:`similarity_edges` never reads: it keeps the pairs ``i < j``)."""
    out = np.zeros((stop - start, len(lexical) - start), dtype=np.float32)
    for r0 in range(start, stop, step):
        r1 = min(stop, r0 + step)
        out[r0 - start:r1 - start, r0 - start:] = fuzzy_matrix(lexical[r0:r1], lexical[r0:],
                                                               scorer)
    return out


def _uncovered(groups: Sequence[str] | None, config: MatchingConfig) -> np.ndarray | None:
    """Per text, whether its language is outside the embedding model's
    (:func:`compare.align.anchors.covers`); None when every one is inside or
    the anchors are off (``alignment.anchor_weight`` 0)."""
    if groups is None or config.align_anchor_weight <= 0:
        return None
    out = np.array([not covers(config.embedding_model, g) for g in groups], dtype=bool)
    return out if out.any() else None


def order_bonus(unit: np.ndarray, anchors: AnchorIndex, texts: Sequence[str],
                orders: Sequence[tuple[Sequence[int], Sequence[int]]],
                config: MatchingConfig) -> csr_matrix | None:
    """``alignment.order_bonus`` on the pairs of texts the monotone alignment of
    each ``(document, reference)`` of ``orders`` (their texts' indices, each in
    text order) pairs (:func:`compare.align.monotone.order_pairs`: centred
    cosine plus ``anchor_weight`` times the anchors, less the length mismatch),
    as a symmetric sparse matrix over ``texts``; None when there is none."""
    rows: list[int] = []
    cols: list[int] = []
    # A document meets many others: its anchor rows are computed once.
    lifts: dict[tuple[int, ...], np.ndarray] = {}
    for a, b in orders:
        if not len(a) or not len(b):
            continue
        ia, ib = list(a), list(b)
        lift = lifts.get(tuple(ia))
        if lift is None:
            lift = lifts[tuple(ia)] = config.align_anchor_weight * overlap(anchors, ia)
        score = unit[ia] @ unit[ib].T + lift[:, ib]
        for i, j in order_pairs(score, [len(texts[k]) for k in ia], [len(texts[k]) for k in ib],
                                config.align_order_length):
            if ia[i] != ib[j]:
                rows += [ia[i], ib[j]]
                cols += [ib[j], ia[i]]
    if not rows:
        return None
    n = len(texts)
    out = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, n))
    out.data = np.minimum(out.data, 1.0) * config.align_order_bonus
    return out


def similarity_edges(texts: Sequence[str], lexical: Sequence[str], config: MatchingConfig,
                     floor: float, chunk: int = 1024, groups: Sequence[str] | None = None,
                     orders: Sequence[tuple[Sequence[int], Sequence[int]]] = ()
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """The pairs ``i < j`` of ``texts`` whose fused similarity (:func:`fuse`)
    reaches ``floor``: (rows, cols, similarities, embeddings or None).

    ``lexical`` holds the texts the rapidfuzz scorer compares (normalised
    claims); ``groups`` the language of each text ("und" when unknown): with
    ``alignment.center`` the embeddings lose their (per-language) mean
    (:func:`center`) and pairs of two different known languages score their
    cosine plus ``alignment.cross_language_bonus`` (no lexical score).
    ``orders`` (the indices of a document's texts and of the reference's,
    each in text order) add :func:`order_bonus` to those pairs across
    languages the model does not cover.
    Computed in blocks of ``chunk`` rows, so memory stays O(chunk * n) for
    events of thousands of distinct claims."""
    n = len(texts)
    emb = claim_embeddings(texts, config)
    unit = emb
    if emb is not None and config.align_center > 0 and n > 1:
        unit = center(emb, config.align_center, groups if config.align_center_by_language
                      else None)
    codes = None
    if groups is not None and config.align_cross_language_bonus > 0:
        ids = {k: i for i, k in enumerate(sorted(set(groups)))}
        codes = np.array([ids[k] if k != "und" else -1 for k in groups])
    uncovered = _uncovered(groups, config) if emb is not None else None
    anchors = anchor_index(texts) if uncovered is not None else None
    bonus = (order_bonus(unit, anchors, texts, orders, config)
             if orders and config.align_order_bonus > 0 and anchors is not None
             and unit is not None else None)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    sims: list[np.ndarray] = []
    # the edges of a large event number millions: 32-bit indices halve them
    index = np.int32 if n < 2**31 else np.int64
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        block = unit[start:stop] @ unit[start:].T if unit is not None else None
        # The rows are fused and thresholded LEXICAL_STEP at a time (the same
        # numbers: the cosines come from the chunk's one product, the lexical
        # scores from the same rapidfuzz calls): a chunk's temporaries at once
        # were a large event's largest allocation.
        for r0 in range(start, stop, LEXICAL_STEP):
            r1 = min(stop, r0 + LEXICAL_STEP)
            lex = _upper_lexical(lexical, r0, r1, config.align_scorer) / 100.0
            cos = block[r0 - start:r1 - start, r0 - start:] if block is not None else None
            s = fuse(cos, lex, config.align_lexical_weight)
            if codes is not None and cos is not None:
                # Two known, different languages: the cosine plus the bonus; the
                # lexical score means nothing across languages (two unrelated
                # sentences in Latin script share characters).
                a, b = codes[r0:r1, None], codes[None, r0:]
                cross = (a != b) & (a >= 0) & (b >= 0)
                lifted = np.clip(cos, 0.0, 1.0) + config.align_cross_language_bonus
                if uncovered is not None and anchors is not None:
                    # A language the model was not trained on: its cosine barely
                    # tells a translation from another claim of the event, so the
                    # anchors both claims share (numbers, acronyms, names) add to it.
                    beyond = uncovered[r0:r1, None] | uncovered[None, r0:]
                    if (cross & beyond).any():
                        lifted = lifted + np.where(
                            beyond, config.align_anchor_weight
                            * overlap(anchors, range(r0, r1))[:, r0:], 0.0)
                        if bonus is not None:
                            lifted = lifted + np.where(beyond, bonus[r0:r1, r0:].toarray(), 0.0)
                s = np.where(cross, np.minimum(1.0, lifted), s)
            r, c = np.nonzero(np.triu(s >= floor, k=1))
            rows.append((r + r0).astype(index))
            cols.append((c + r0).astype(index))
            sims.append(s[r, c])
        del block
    if not rows:
        empty = np.zeros(0, dtype=index)
        return empty, empty, np.zeros(0, dtype=np.float32), emb
    return (np.concatenate(rows), np.concatenate(cols), np.concatenate(sims), emb)
