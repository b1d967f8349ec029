"""Choosing one claim among others (a group's central claim, the reference claim of a
group without a reference) must not depend on the machine: two members of a pair
score each other alike in exact arithmetic, but float32 sums and BLAS kernels differ
in the last bits (on one machine 1.8973365 against 1.8973367 for two wordings of one
quote).  :func:`compare.align.scoring.best_index` takes scores within
``TIE_TOLERANCE`` of the best as equal and lets the claim id decide.  Texts written
for these tests."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from compare.align.alignment import _central
from compare.align.scoring import TIE_TOLERANCE, best_index, claim_embeddings
from tests.align.test_align import config, lexicon, make
from tests.align.test_grouping import needs_model


def _pick(scores: list[float], ids: list[str], flags: list[bool] | None = None) -> str:
    marks = flags or [False] * len(ids)
    return ids[best_index(len(ids), lambda i: (marks[i],), lambda i: scores[i], lambda i: ids[i])]


def test_a_tie_in_the_last_bits_goes_to_the_id() -> None:
    assert _pick([1.8973365, 1.8973367], ["b", "a"]) == "b"
    assert _pick([1.8973367, 1.8973365], ["b", "a"]) == "b"
    # a real difference decides; so do the flags before the score
    assert _pick([1.90, 1.80], ["a", "b"]) == "a"
    assert _pick([1.90, 1.80], ["a", "b"], [False, True]) == "b"
    # the tolerance is relative: large sums of similarities tie as small ones do
    assert _pick([40.0, 40.0 * (1 - TIE_TOLERANCE / 2)], ["a", "b"]) == "b"


@given(st.lists(st.tuples(st.sampled_from([0.5, 1.0, 1.0 + 1e-7, 1.2]), st.booleans()),
                min_size=1, max_size=8, unique_by=lambda t: t), st.randoms(use_true_random=False))
def test_the_pick_does_not_depend_on_the_order(items: list[tuple[float, bool]], rnd: object) -> None:
    ids = [f"c{k}" for k in range(len(items))]
    want = _pick([s for s, _ in items], ids, [f for _, f in items])
    order = list(range(len(items)))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    got = _pick([items[k][0] for k in order], [ids[k] for k in order], [items[k][1] for k in order])
    assert got == want


@needs_model
def test_two_wordings_of_one_quote_give_the_same_central_claim_in_any_order() -> None:
    quote = "It means that the foreign ministers of Norland and Ostrava will meet again in June"
    _, docs, claims = make([("one", "outlet", [quote]), ("two", "outlet", [f'> "{quote}'])])
    by_id = {d.id: d for d in docs}
    vecs = claim_embeddings([c.text for c in claims], config())
    assert vecs is not None
    emb = {c.id: np.asarray(v, dtype=np.float32) for c, v in zip(claims, vecs, strict=True)}
    # another machine's kernels: either vector a few units of the last place off
    for shrink in ("one:c1", "two:c1"):
        off = {**emb, shrink: emb[shrink] * np.float32(1 - 3e-7)}
        picks = {_central(list(grp), by_id, off, lexicon(), "en").id for grp in (claims, claims[::-1])}
        assert picks == {"two:c1"}, shrink
