"""The faster passes of issue 15 give the same numbers as the plain ones:
distinct texts scored once, symmetric scorers on the upper triangle only, one
event's scores shared between passes, the similarity graph in row blocks, the
support feature as one product, the dense average-linkage clustering."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from test_align import config, lexicon, make

from compare.align import scoring
from compare.align.flagfeatures import claim_context
from compare.align.grouping import BODY, HEADLINE, PART, _cluster_dense, _cluster_sparse
from compare.align.matching import SCORERS
from compare.align.normalize import normalize
from compare.align.scoring import (
    center,
    claim_embeddings,
    fuse,
    fuzzy_matrix,
    jaccard_matrix,
    shared_scores,
    similarity_edges,
)

# Words of several languages (original), so that texts share some tokens.
WORDS = ["talks", "ministers", "river", "Danube", "agreed", "trade", "Handel", "Minister",
         "сотрудничество", "министры", "acordaron", "comercio", "pont", "discutèrent", "the",
         "on", "12", "2019", "fire", "engines", "Hafen", "Zusammenarbeit"]
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=0, max_size=9).map(" ".join)
# Lists with repeated texts (republished copies repeat whole sentences).
TEXTS = st.lists(SENTENCE, min_size=0, max_size=14).flatmap(
    lambda base: st.lists(st.sampled_from(base) if base else SENTENCE, min_size=0, max_size=20))


def plain(a: list[str], b: list[str], scorer: str) -> np.ndarray:
    return np.asarray(process.cdist(a, b, scorer=SCORERS[scorer], dtype=np.float32))


@settings(max_examples=150, deadline=None)
@given(TEXTS, TEXTS, st.sampled_from(sorted(SCORERS)), st.integers(1, 5))
def test_fuzzy_matrix_equals_cdist(a: list[str], b: list[str], scorer: str, chunk: int) -> None:
    assert np.array_equal(fuzzy_matrix(a, b, scorer), plain(a, b, scorer))
    same = fuzzy_matrix(a, a, scorer, same=True, chunk=chunk)
    assert same.dtype == np.float32
    assert np.array_equal(same, plain(a, a, scorer))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(TEXTS, TEXTS, st.booleans()), min_size=1, max_size=5),
       st.sampled_from(sorted(SCORERS)), st.integers(1, 12))
def test_shared_scores_answer_as_cdist(calls: list[tuple[list[str], list[str], bool]],
                                       scorer: str, limit: int) -> None:
    """Within one event's shared table (small limits: some calls bypass it),
    every request gets the plain cdist numbers, whatever was asked before."""
    with shared_scores(limit=limit):
        for a, b, same in calls:
            if same:
                assert np.array_equal(fuzzy_matrix(a, a, scorer, same=True, chunk=3),
                                      plain(a, a, scorer))
            else:
                assert np.array_equal(fuzzy_matrix(a, b, scorer, chunk=2), plain(a, b, scorer))


def plain_edges(texts: list[str], lexical: list[str], floor: float, chunk: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """similarity_edges as it was: rapidfuzz over every pair of each row block
    (the cosine, when the model is installed, in the same blocks)."""
    cfg = config()
    emb = claim_embeddings(texts, cfg)
    unit = center(emb, cfg.align_center) if emb is not None and cfg.align_center > 0 \
        and len(texts) > 1 else emb
    rows, cols, sims = [], [], []
    for start in range(0, len(texts), chunk):
        stop = min(len(texts), start + chunk)
        lex = plain(lexical[start:stop], lexical[start:], cfg.align_scorer) / 100.0
        cos = unit[start:stop] @ unit[start:].T if unit is not None else None
        s = fuse(cos, lex, cfg.align_lexical_weight)
        r, c = np.nonzero(np.triu(s >= floor, k=1))
        rows.append(r + start)
        cols.append(c + start)
        sims.append(s[r, c])
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, np.float32)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)


@settings(max_examples=80, deadline=None)
@given(TEXTS, st.integers(1, 6), st.sampled_from([0.0, 0.2, 0.3, 0.6]))
def test_similarity_edges_blocks(texts: list[str], chunk: int, floor: float) -> None:
    texts = sorted(set(texts))
    lexical = [normalize(t, lexicon()).text for t in texts]
    rows, cols, sims, _ = similarity_edges(texts, lexical, config(), floor, chunk=chunk)
    r, c, s = plain_edges(texts, lexical, floor, chunk)
    assert np.array_equal(rows, r)
    assert np.array_equal(cols, c)
    assert np.array_equal(sims, s)


def test_support_counts_independent_documents() -> None:
    """support = share of the other independent documents with a similar
    claim; a republished copy is not independent, a repeated sentence counts once."""
    shared = "The ministers agreed to reopen the bridge over the Danube in the spring."
    event, docs, claims = make([
        ("a", "wire", [shared, "Les ministres ont discuté du commerce fluvial sur le Danube."]),
        ("b", "blog", [shared, shared + " Officials said.", "Weather was cold in the capital."]),
        ("c", "blog", [shared, "Weather was cold in the capital."]),
        ("d", "blog", ["Министры обсудили торговлю."]),
    ], duplicates={"c": "b"})
    ctx = claim_context(event, docs, claims, set(), [], set(), lexicon(), config())
    # roots a, b (with its copy c), d: 3 independent documents, 2 others each
    assert ctx.support["a:c1"] == 0.5  # b (and its copy c) say it
    assert ctx.support["b:c1"] == 0.5  # a says it; c is b's copy
    assert ctx.support["d:c1"] == 0.0
    assert ctx.support["c:c2"] == 0.0  # only b, c's own original, says it


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 14).flatmap(lambda n: st.tuples(
    st.lists(st.integers(1, 3), min_size=n, max_size=n),
    st.lists(st.frozensets(st.sampled_from("abcde"), max_size=2), min_size=n, max_size=n),
    st.lists(st.sampled_from([HEADLINE, BODY, PART]), min_size=n, max_size=n),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                       st.sampled_from([0.2, 0.35, 0.4, 0.5, 0.55, 0.7, 0.9, 1.0])),
             max_size=3 * n))),
    st.sampled_from([0.3, 0.4, 0.5]), st.sampled_from([0.5, 0.7]),
    st.sampled_from([(0.0, 0.0), (0.3, 0.0), (0.45, 0.04), (0.35, 0.1)]))
def test_dense_clustering_is_the_sparse_one(
        graph: tuple[list[int], list[frozenset[str]], list[int], list[tuple[int, int, float]]],
        threshold: float, restatement: float, mutual: tuple[float, float]) -> None:
    """The dense clustering (events up to DENSE_NODES texts) makes the merges
    of the dictionary one, ties and repeated similarities included, with and
    without the mutual-best pass."""
    sizes, docs, kinds, edges = graph
    pairs = {(min(i, j), max(i, j)): s for i, j, s in edges if i != j}
    rows = np.array([i for i, _ in pairs], dtype=np.int64)
    cols = np.array([j for _, j in pairs], dtype=np.int64)
    sims = np.array(list(pairs.values()), dtype=np.float32)
    args = (sizes, docs, kinds, rows, cols, sims, threshold, restatement, *mutual)
    assert _cluster_dense(*args) == _cluster_sparse(*args)


@settings(max_examples=100, deadline=None)
@given(TEXTS, TEXTS)
def test_small_jaccard_is_the_sparse_one(a: list[str], b: list[str]) -> None:
    """The set-intersection Jaccard of small requests equals the sparse product's."""
    na = [normalize(t, lexicon()) for t in a]
    nb = [normalize(t, lexicon()) for t in b]
    small = scoring._small_jaccard(na, nb) if na and nb else jaccard_matrix(na, nb)
    old, scoring._SMALL_PAIRS = scoring._SMALL_PAIRS, -1
    try:
        sparse = jaccard_matrix(na, nb)
    finally:
        scoring._SMALL_PAIRS = old
    assert small.dtype == sparse.dtype == np.float32
    assert np.array_equal(small, sparse)


@settings(max_examples=80, deadline=None)
@given(TEXTS, st.lists(TEXTS, min_size=0, max_size=5), st.booleans(), st.integers(1, 30),
       st.sampled_from([0.0, 0.35]))
def test_score_blocks_are_score_matrix_per_block(pivot: list[str], blocks: list[list[str]],
                                                 idf: bool, limit: int, ew: float) -> None:
    """The pivot against many documents in one pass (pivot.align_pivot):
    per block the numbers of score_matrix, weighted or not, with the
    embedding term, in passes of any width; the shared-words guard likewise."""
    import attrs

    from compare.align.pivot import _guards
    from compare.align.scoring import idf_weights, score_blocks, score_matrix, shared_guard

    cfg = attrs.evolve(config(), embedding_weight=ew)
    a = [normalize(t, lexicon()) for t in pivot]
    bs = [[normalize(t, lexicon()) for t in b] for b in blocks]
    weights = idf_weights([n for b in (a, *bs) for n in b]) if idf else None
    got = score_blocks(a, bs, cfg, pivot, blocks, weights, limit=limit)
    assert len(got) == len(bs)
    for g, b, raw in zip(got, bs, blocks, strict=True):
        want = score_matrix(a, b, cfg, pivot, raw, weights)
        assert g.dtype == want.dtype and np.array_equal(g, want)
    topics = frozenset(s for n in a[:1] for s in n.stems)
    for g, b in zip(_guards(a, bs, 2, topics, limit=limit), bs, strict=True):
        assert np.array_equal(g, shared_guard(a, b, 2, topics))
