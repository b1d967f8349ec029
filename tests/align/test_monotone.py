"""The monotone alignment of two documents' claims in text order
(compare/align/monotone.py) and its order bonus in the graph alignment, for
languages the embedding model does not cover.  Every text here is written for
this test (invented people, places and figures)."""

from __future__ import annotations

import itertools

import attrs
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align.alignment import align_event
from compare.align.monotone import (
    best_gains,
    follows,
    length_mismatch,
    monotone_path,
    order_pairs,
    pair_gains,
    path_gain,
    path_mask,
    reorderings,
)
from tests.align.test_align import config, lexicon, make
from tests.align.test_grouping import _pairs, needs_model

GAINS = st.integers(min_value=0, max_value=6).flatmap(
    lambda m: st.integers(min_value=0, max_value=6).flatmap(
        lambda n: st.lists(
            st.lists(st.floats(min_value=-1, max_value=1, allow_nan=False), min_size=n, max_size=n),
            min_size=m,
            max_size=m,
        ).map(lambda rows, n=n: np.array(rows, dtype=np.float64).reshape(len(rows), n))
    )
)


def _best(g: np.ndarray) -> float:
    """The largest summed gain of any monotone one-to-one matching, by brute force."""
    m, n = g.shape
    best = 0.0
    for k in range(1, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                best = max(best, float(sum(g[r, c] for r, c in zip(rows, cols, strict=True))))
    return best


@settings(max_examples=150, deadline=None)
@given(GAINS)
def test_the_path_is_monotone_one_to_one_and_optimal(g: np.ndarray) -> None:
    path = monotone_path(g)
    rows = [i for i, _ in path]
    cols = [j for _, j in path]
    assert rows == sorted(set(rows)) and cols == sorted(set(cols))  # strictly increasing
    assert all(g[i, j] > 0 for i, j in path)  # a skip is free: no pair of gain <= 0
    total = float(sum(g[i, j] for i, j in path))
    if g.size and max(g.shape) <= 5:
        assert abs(total - _best(g)) < 1e-9


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2, max_value=12), st.randoms(use_true_random=False))
def test_a_document_in_the_references_order_aligns_each_claim_to_its_counterpart(
    n: int, rnd: object
) -> None:
    rng = np.random.default_rng(rnd.randrange(2**32))  # type: ignore[attr-defined]
    noise = rng.uniform(-0.2, 0.2, size=(n, n))
    score = noise + np.eye(n)  # each claim's translation stands out
    lengths = list(rng.integers(20, 200, size=n))
    assert order_pairs(score, lengths, lengths, 0.05) == [(i, i) for i in range(n)]
    # permuted: no crash, still a monotone path of the permuted matrix
    perm = list(range(n))
    rnd.shuffle(perm)  # type: ignore[attr-defined]
    path = order_pairs(score[perm], [lengths[i] for i in perm], lengths, 0.05)
    assert [i for i, _ in path] == sorted({i for i, _ in path})
    assert [j for _, j in path] == sorted({j for _, j in path})
    # reversed, the document no longer follows the reference: no path at all
    if n >= 4:
        assert order_pairs(score[::-1], lengths[::-1], lengths, 0.05) == []


@given(st.lists(GAINS.filter(lambda g: g.size > 0), min_size=1, max_size=1), st.integers(1, 4))
def test_the_batched_best_gain_is_the_paths_gain_to_the_bit(gs: list[np.ndarray], k: int) -> None:
    # follows() scores the shuffled documents k at a time; the same numbers as one by one
    g = gs[0]
    stack = np.stack([np.roll(g, s, axis=0) for s in range(k)])
    assert [float(x) for x in best_gains(stack)] == [path_gain(m, monotone_path(m)) for m in stack]


def test_a_path_must_beat_the_shuffled_document() -> None:
    g = np.eye(6) - 0.1
    assert follows(g, monotone_path(g))
    rev = g[::-1]
    assert not follows(rev, monotone_path(rev))  # one pair: a shuffle does as well
    assert all(sorted(r) == list(range(6)) for r in reorderings(6))
    assert reorderings(6) == reorderings(6)  # fixed: the same on every run
    assert reorderings(1) == []


def test_length_mismatch_is_relative_to_the_documents_ratio() -> None:
    m = length_mismatch([20, 40], [10, 20])  # the document is twice as long
    assert np.allclose(np.diag(m), 0.0)
    assert m[0, 1] > 0.5 and m[1, 0] > 0.5
    assert length_mismatch([], [3]).shape == (0, 1)
    gains = pair_gains(np.eye(2), [20, 40], [10, 20], 1.0)
    assert gains[0, 0] > gains[0, 1]


def test_path_mask_and_empty_input() -> None:
    assert monotone_path(np.zeros((0, 3))) == []
    assert monotone_path(np.full((3, 3), -0.5)) == []
    # one claim against one: the pair is its own median, no evidence either way
    assert order_pairs(np.ones((1, 1)), [10], [10], 0.0) == []
    mask = path_mask((2, 3), [(0, 1), (1, 2)])
    assert mask.sum() == 2 and mask[0, 1] and mask[1, 2]


# An invented readout of a call and a Finnish report translating it in order.
# Few anchors on purpose (no figures, one name): the cosine of Finnish, a
# language the model was not trained on, barely tells a translation.
ENGLISH = [
    "President Marlow and Prime Minister Teivas spoke by telephone on Tuesday.",
    "The two leaders agreed to deepen cooperation on clean energy.",
    "They discussed the situation on the northern border.",
    "The president thanked the prime minister for the help after the floods.",
    "Both sides welcomed the progress made in the trade talks.",
    "The leaders agreed to meet again in the spring.",
    "Marlow said his country would send 40 rescue boats to the lake district.",
    "The hospital in Orvala will reopen in 2027 with help from both governments.",
]
FINNISH = [
    "Presidentti Marlow ja pääministeri Teivas keskustelivat tiistaina puhelimessa.",
    "Johtajat sopivat syventävänsä yhteistyötä puhtaan energian alalla.",
    "He keskustelivat pohjoisen rajan tilanteesta.",
    "Presidentti kiitti pääministeriä avusta tulvien jälkeen.",
    "Molemmat osapuolet pitivät myönteisenä kauppaneuvotteluissa saavutettua edistystä.",
    "Johtajat sopivat tapaavansa uudelleen keväällä.",
    "Marlow kertoi maansa lähettävän järvialueelle 40 pelastusvenettä.",
    "Orvalan sairaala avataan uudelleen vuonna 2027 molempien hallitusten tuella.",
]


def _finnish(bonus: float, finnish: list[str] = FINNISH) -> set[frozenset[str]]:
    event, docs, claims = make([("en", "primary", ENGLISH), ("fi", "outlet", finnish)], reference="en")
    docs = [attrs.evolve(d, language=d.id) for d in docs]
    cfg = attrs.evolve(config(), align_method="graph", align_order_bonus=bonus)
    _, groups = align_event(event, docs, claims, cfg, lexicon())
    return _pairs(groups)


TRUE = {frozenset((f"en:c{k}", f"fi:c{k}")) for k in range(1, 9)}


@needs_model
def test_order_aligns_a_finnish_translation_of_the_readout() -> None:
    assert config().align_order_bonus > 0  # shipped on
    before, after = _finnish(0.0), _finnish(config().align_order_bonus)
    # written: 3 of 8 true pairs before (the anchored ones), 6 after, none false
    assert len(after & TRUE) >= len(before & TRUE) + 2
    assert not after - TRUE  # no pair of two different facts


@needs_model
def test_order_gives_nothing_to_a_document_out_of_order() -> None:
    # The same sentences in reverse: a monotone path still runs through the
    # matrix (without the chance check it gave 6 false pairs), but it gains no
    # more than a shuffled document's, so nothing changes.
    reverse = FINNISH[::-1]
    renamed = {frozenset((f"en:c{k}", f"fi:c{9 - k}")) for k in range(1, 9)}
    after = _finnish(config().align_order_bonus, reverse)
    assert after == _finnish(0.0, reverse)
    assert not after - renamed


@needs_model
def test_order_leaves_the_models_languages_alone() -> None:
    spanish = [
        "El presidente Marlow y el primer ministro Teivas hablaron por teléfono el martes.",
        "Los dos líderes acordaron profundizar la cooperación en energía limpia.",
    ]
    event, docs, claims = make([("en", "primary", ENGLISH[:2]), ("es", "outlet", spanish)], reference="en")
    docs = [attrs.evolve(d, language=d.id) for d in docs]
    out = [
        align_event(event, docs, claims, attrs.evolve(config(), align_method="graph", align_order_bonus=b),
                    lexicon())[1]
        for b in (0.0, 1.0)
    ]
    assert out[0] == out[1]


def test_a_large_event_meets_each_document_with_a_bounded_number_of_others() -> None:
    from compare.align.alignment import ORDER_PARTNERS, _orders
    from compare.align.grouping import BODY
    from compare.core.models import Claim

    # 120 Hungarian documents and 60 English ones: every pair with a Hungarian
    # one would be 120 * 119 / 2 + 120 * 60 = 14,340 alignments
    n_hu, n_en = 120, 60
    claims, lang = [], {}
    for d in range(n_hu + n_en):
        did = f"d{d:03d}"
        lang[did] = "hu" if d < n_hu else "en"
        for k in range(1 + d % 3):
            claims.append(Claim(id=f"{did}:c{k}", document=did, event="ev",
                                text=f"claim {d} {k}", span=(10 * k, 10 * k + 5)))
    keys = [(c.text, BODY) for c in claims]
    node_doc = {i: c.document for i, c in enumerate(claims)}
    cfg = attrs.evolve(config(), align_order_bonus=0.15, align_anchor_weight=0.4)
    pairs = _orders(keys, claims, lang, cfg)
    assert 0 < len(pairs) <= (n_hu + n_en) * ORDER_PARTNERS
    docs = [(node_doc[a[0]], node_doc[b[0]]) for a, b in pairs]
    assert len(set(docs)) == len(docs)
    # never two English documents (both in the model's languages)
    assert not any(lang[a] == lang[b] == "en" for a, b in docs)
    # each document meets at most ORDER_PARTNERS others it chose, plus those that chose it
    assert all(sum(d in p for p in docs) >= 1 for d in lang if lang[d] == "hu")
