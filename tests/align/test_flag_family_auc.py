"""The candidate features of a wording drift in benchmarks/flag_family_auc.py,
on wordings written for these tests."""

from __future__ import annotations

import numpy as np
import pytest
from bench_helpers import benchmark
from hypothesis import given, settings
from hypothesis import strategies as st
from test_align import config, lexicon

from compare.align.normalize import normalize
from compare.align.scoring import claim_embeddings

mod = benchmark("flag_family_auc")


def unit_vectors(texts: list[str]) -> dict[str, np.ndarray] | None:
    emb = claim_embeddings(texts, config())
    if emb is None:
        return None
    emb = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    return {t: emb[i] for i, t in enumerate(texts)}


def test_a_wording_that_drops_qualifiers_is_a_strict_reduction() -> None:
    ref = "The talks on the canal tolls were frank, detailed and useful"
    claim = "The talks on the canal tolls were useful"
    f = mod.drift_candidates(ref, claim, [], lexicon(), None, True)
    assert f["dr_reduction"] == 1.0 and f["dr_claim_cover"] == 1.0
    assert 0.0 < f["dr_ref_cover"] < 1.0 and f["dr_length"] < 0.0
    # an outlet that adds a word of its own is no reduction
    f = mod.drift_candidates(ref, claim + " and warm", [], lexicon(), None, True)
    assert f["dr_reduction"] == 0.0 and f["dr_claim_cover"] < 1.0


def test_german_reduction_and_the_words_other_outlets_keep() -> None:
    ref = "Die Gespräche über die Hafengebühren waren offen, ausführlich und nützlich"
    claim = "Die Gespräche über die Hafengebühren waren nützlich"
    others = [ref, "Die Gespräche über die Hafengebühren waren offen und ausführlich"]
    f = mod.drift_candidates(ref, claim, others, lexicon(), None, True)
    assert f["dr_reduction"] == 1.0
    keep = mod.content_cover(normalize(ref, lexicon()).stems,
                             normalize(others[1], lexicon()).stems)
    assert f["dr_peer_keep"] == (1.0 + keep) / 2 and keep < 1.0


def test_a_qualifier_the_document_states_elsewhere_is_not_lost() -> None:
    ref = "Die Gespräche über die Hafengebühren waren offen und nützlich"
    claim = "Die Gespräche über die Hafengebühren waren nützlich"
    elsewhere = normalize("Beide Seiten nannten den Ton offen und sachlich. " + claim, lexicon()).stems
    nowhere = normalize("Beide Seiten lobten den Ton. " + claim, lexicon()).stems
    assert mod.lost_share(ref, claim, elsewhere, lexicon()) == 0.0
    assert mod.lost_share(ref, claim, nowhere, lexicon()) == 1.0
    assert mod.lost_share(claim, claim, nowhere, lexicon()) == 0.0


def test_word_features_only_within_one_language() -> None:
    ref = "Les ministres ont qualifié l'entretien de franc et utile"
    claim = "The ministers called the talk frank"
    f = mod.drift_candidates(ref, claim, [], lexicon(), None, False)
    assert not {"dr_reduction", "dr_length", "dr_ref_cover", "dr_peer_keep", "dr_lost"} & set(f)


def test_the_odd_wording_out_ranks_last() -> None:
    ref = "The ministers agreed to reopen the mountain border crossing next month."
    others = ["The ministers agreed to reopen the mountain border crossing in the coming month.",
              "Ministers agreed that the mountain border crossing will reopen next month."]
    odd = "The ministers talked about winter tourism in the valley."
    vec = unit_vectors([ref, odd, *others])
    if vec is None:
        pytest.skip("no embedding model installed: the features are not computed")
    f = mod.drift_candidates(ref, odd, others, lexicon(), vec, True)
    assert f["dr_odd_rank"] == 1.0 and f["dr_peer_gap"] < 0.0
    close = mod.drift_candidates(ref, others[0], [others[1], odd], lexicon(), vec, True)
    assert close["dr_odd_rank"] < 1.0 and close["dr_peer_max"] > f["dr_peer_max"]


@settings(max_examples=60, deadline=None)
@given(st.floats(-1, 1), st.floats(0, 0.5), st.lists(st.floats(-1, 1), max_size=8))
def test_odd_rank_is_a_share_and_never_rises_with_closeness(here: float, up: float,
                                                            others: list[float]) -> None:
    r = mod.odd_rank(here, others)
    assert 0.0 <= r <= 1.0
    assert mod.odd_rank(here + up, others) <= r + 1e-12


WORDS = ["harbour", "tolls", "ferry", "agreed", "Zoll", "Fähre", "talks", "useful", "frank",
         "détaillé", "canal", "grain"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
       st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
def test_cover_and_length_are_bounded_and_symmetric(a: list[str], b: list[str]) -> None:
    ta, tb = " ".join(a), " ".join(b)
    sa, sb = normalize(ta, lexicon()).stems, normalize(tb, lexicon()).stems
    assert 0.0 <= mod.content_cover(sa, sb) <= 1.0
    if sa:
        assert mod.content_cover(sa, sa) == 1.0
    assert mod.length_ratio(ta, tb, lexicon()) == pytest.approx(-mod.length_ratio(tb, ta, lexicon()))
