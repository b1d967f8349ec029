"""The mutual-best pass of the graph clustering (``alignment.mutual``): two
groups of one fact that the one-claim-per-document rule kept apart merge when
each is the other's clearly best neighbour.  Unit cases, hypothesis properties
and an event in Portuguese and Dutch written for these tests (fictional)."""

from __future__ import annotations

from random import Random

import attrs
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align.alignment import align_event
from compare.align.grouping import BODY, PART, _mutual_pairs, cluster
from tests.align.test_align import lexicon, make
from tests.align.test_grouping import _pairs, edges, graph, graphs, needs_model


def _twice_told() -> tuple[list[frozenset[str]], tuple[np.ndarray, np.ndarray, np.ndarray]]:
    # Documents a and b each say the fact twice (nodes 0/1 and 2/3), in two
    # wordings: wording X = nodes 0, 2, 4 (a, b, c), wording Y = 1, 3, 5 (a, b, d).
    # Node 6 (doc e) is another fact, loosely related to both.
    docs = [frozenset({d}) for d in ("a", "a", "b", "b", "c", "d", "e")]
    pairs = {(0, 2): 0.9, (0, 4): 0.9, (2, 4): 0.9,  # wording X
             (1, 3): 0.9, (1, 5): 0.9, (3, 5): 0.9,  # wording Y
             (0, 1): 0.8, (2, 3): 0.8,  # each document's two wordings
             (0, 3): 0.5, (1, 2): 0.5, (0, 5): 0.5, (1, 4): 0.5, (2, 5): 0.5, (3, 4): 0.5,
             (4, 5): 0.5,
             (0, 6): 0.3, (5, 6): 0.3}
    return docs, edges(pairs)


def test_one_fact_in_two_wordings_joins_by_mutual_best() -> None:
    docs, (r, c, s) = _twice_told()
    apart = cluster([1] * 7, docs, [1] * 7, r, c, s, 0.5, 0.9)
    assert [0, 2, 4] in apart and [1, 3, 5] in apart  # average 0.6 < restatement 0.9
    joined = cluster([1] * 7, docs, [1] * 7, r, c, s, 0.5, 0.9, mutual=0.45, margin=0.04)
    assert [0, 1, 2, 3, 4, 5] in joined and [6] in joined
    # a margin larger than the lead over the next neighbour (0.6 - 0.067) keeps them apart
    assert cluster([1] * 7, docs, [1] * 7, r, c, s, 0.5, 0.9, mutual=0.45,
                   margin=0.6) == apart
    # and so does a bar above their average
    assert cluster([1] * 7, docs, [1] * 7, r, c, s, 0.5, 0.9, mutual=0.65,
                   margin=0.0) == apart


def test_no_merge_when_a_rival_is_almost_as_close() -> None:
    # Group {0, 1} (docs a, b) is 0.5 from {2, 3} and 0.48 from {4, 5}: no clear
    # best neighbour, so nothing merges at margin 0.04 (at 0.0 the best does).
    docs = [frozenset({d}) for d in ("a", "b", "a", "b", "a", "b")]
    pairs = {(0, 1): 0.9, (2, 3): 0.9, (4, 5): 0.9}
    pairs.update({(i, j): 0.5 for i in (0, 1) for j in (2, 3)})
    pairs.update({(i, j): 0.48 for i in (0, 1) for j in (4, 5)})
    r, c, s = edges(pairs)
    assert cluster([1] * 6, docs, [1] * 6, r, c, s, 0.6, 0.9, mutual=0.45,
                   margin=0.04) == [[0, 1], [2, 3], [4, 5]]
    assert [0, 1, 2, 3] in cluster([1] * 6, docs, [1] * 6, r, c, s, 0.6, 0.9, mutual=0.45,
                                   margin=0.0)


@given(st.dictionaries(st.integers(0, 9), st.dictionaries(st.integers(0, 9),
                                                          st.floats(0, 1), max_size=6),
                       max_size=10),
       st.floats(0, 1), st.floats(0, 0.3))
@settings(max_examples=200, deadline=None)
def test_mutual_pairs_properties(raw: dict[int, dict[int, float]], bar: float,
                                 margin: float) -> None:
    # a symmetric neighbour table without self-loops
    avg: dict[int, dict[int, float]] = {a: {} for a in raw}
    for a, row in raw.items():
        for b, v in row.items():
            if a != b:
                avg.setdefault(a, {})[b] = v
                avg.setdefault(b, {})[a] = v
    pairs = _mutual_pairs(avg, bar, margin)
    seen = [x for p in pairs for x in p]
    assert len(seen) == len(set(seen))  # disjoint
    for a, b in pairs:
        assert a < b and avg[a][b] >= bar
        for x in (a, b):
            other = b if x == a else a
            rest = [v for y, v in avg[x].items() if y != other]
            assert all(avg[a][b] - v >= margin for v in rest)
            assert avg[a][b] >= max(rest, default=0.0)


@given(graphs(), st.floats(0.3, 0.9), st.floats(0.2, 0.9), st.floats(0, 0.2))
@settings(max_examples=150, deadline=None)
def test_cluster_with_mutual_pass_is_a_coarser_partition(
        g: tuple[list[frozenset[str]], dict[tuple[int, int], float]], threshold: float,
        mutual: float, margin: float) -> None:
    docs, pairs = g
    r, c, s = edges(pairs)
    n = len(docs)
    base = cluster([1] * n, docs, [1] * n, r, c, s, threshold, 1.01)
    more = cluster([1] * n, docs, [1] * n, r, c, s, threshold, 1.01, mutual, margin)
    assert sorted(i for grp in more for i in grp) == list(range(n))
    # the pass only merges: every group of the first phase lies inside one group
    where = {i: k for k, grp in enumerate(more) for i in grp}
    assert all(len({where[i] for i in grp}) == 1 for grp in base)
    assert len(more) <= len(base)
    # an impossible margin changes nothing
    assert cluster([1] * n, docs, [1] * n, r, c, s, threshold, 1.01, mutual, 1.01) == base


PORTUGUESE = [
    ("pt1", ["Os ministros acordaram reabrir a ponte sobre o rio Mira em março.",
             "A ponte do Mira volta a abrir em março, disse o ministro.",
             "Os dois governos falaram também de bolsas para estudantes."]),
    ("pt2", ["A ponte sobre o Mira será reaberta em março, acordaram os ministros.",
             "O ministro afirmou que a travessia do Mira reabre no mês de março.",
             "Choveu muito durante a visita."]),
    ("pt3", ["Os ministros decidiram reabrir em março a ponte sobre o rio Mira.",
             "Falou-se ainda de bolsas de estudo para estudantes dos dois países."]),
]


@needs_model
def test_portuguese_event_keeps_a_fact_told_twice_together() -> None:
    event, docs, claims = make([(d, "outlet", s) for d, s in PORTUGUESE])
    docs = [attrs.evolve(d, language="pt") for d in docs]
    _, groups = align_event(event, docs, claims, graph(), lexicon())
    pairs = _pairs(groups)
    # the bridge, in whatever wording, is one group
    bridge = {"pt1:c1", "pt1:c2", "pt2:c1", "pt2:c2", "pt3:c1"}
    assert {frozenset(("pt1:c1", "pt3:c1")), frozenset(("pt2:c1", "pt3:c1"))} <= pairs
    holding = [set(g.claims) for g in groups if set(g.claims) & bridge]
    assert len(holding) == 1 and holding[0] <= bridge
    # the rain stays out of every group
    assert not any("pt2:c3" in g.claims for g in groups)


def _with_a_topic() -> tuple[list[frozenset[str]], list[int],
                             tuple[np.ndarray, np.ndarray, np.ndarray]]:
    # Groups {0, 1} (docs a, b) and {2, 3} (docs a, c): one fact in two
    # wordings, 0.5 apart, kept apart by document a.  Node 4 is a topic of a
    # list claim of document a (kind PART), 0.48 from {2, 3}: it cannot join
    # either group (document a) and forms no group of its own.
    docs = [frozenset({d}) for d in ("a", "b", "a", "c", "a")]
    kinds = [BODY, BODY, BODY, BODY, PART]
    pairs = {(0, 1): 0.9, (2, 3): 0.9}
    pairs.update({(i, j): 0.5 for i in (0, 1) for j in (2, 3)})
    pairs.update({(2, 4): 0.48, (3, 4): 0.48})
    return docs, kinds, edges(pairs)


def test_a_topic_alone_is_no_rival_of_a_mutual_pair() -> None:
    docs, kinds, (r, c, s) = _with_a_topic()
    # {2, 3} prefers {0, 1} by 0.02 only over the topic, yet the topic is no
    # group: the two wordings merge at margin 0.04 and the topic stays alone.
    joined = cluster([1] * 5, docs, kinds, r, c, s, 0.6, 0.9, mutual=0.45, margin=0.04)
    assert joined == [[0, 1, 2, 3], [4]]
    # the same node as a body claim is a rival, and nothing merges
    body = cluster([1] * 5, docs, [BODY] * 5, r, c, s, 0.6, 0.9, mutual=0.45, margin=0.04)
    assert body == [[0, 1], [2, 3], [4]]


def test_a_topic_alone_never_merges_by_mutual_best() -> None:
    # The topic's only neighbour is the group {0, 1}: each is the other's best,
    # but a topic joins a group only in the clustering proper (where document
    # a bars it), not by the mutual pass.
    docs = [frozenset({d}) for d in ("a", "b", "a")]
    r, c, s = edges({(0, 1): 0.9, (0, 2): 0.6, (1, 2): 0.6})
    assert cluster([1] * 3, docs, [BODY, BODY, PART], r, c, s, 0.7, 0.9, mutual=0.45,
                   margin=0.0) == [[0, 1], [2]]


@st.composite
def typed_graphs(draw: st.DrawFn) -> tuple[list[frozenset[str]], list[int],
                                           dict[tuple[int, int], float]]:
    docs, pairs = draw(graphs())
    kinds = [draw(st.sampled_from((BODY, BODY, PART))) for _ in docs]
    # distinct similarities: the node order then breaks no tie
    values = draw(st.lists(st.integers(1, 10**6), min_size=len(pairs), max_size=len(pairs),
                           unique=True))
    return docs, kinds, {k: v / 10**6 for k, v in zip(sorted(pairs), values, strict=True)}


@given(typed_graphs(), st.floats(0.3, 0.9), st.floats(0.2, 0.9), st.floats(0, 0.2),
       st.randoms(use_true_random=False))
@settings(max_examples=150, deadline=None)
def test_mutual_pass_with_topics_properties(
        g: tuple[list[frozenset[str]], list[int], dict[tuple[int, int], float]],
        threshold: float, mutual: float, margin: float, rnd: Random) -> None:
    docs, kinds, pairs = g
    n = len(docs)
    r, c, s = edges(pairs)
    base = cluster([1] * n, docs, kinds, r, c, s, threshold, 1.01)
    more = cluster([1] * n, docs, kinds, r, c, s, threshold, 1.01, mutual, margin)
    # a cluster of topics alone after the clustering proper is left as it is
    for grp in base:
        if all(kinds[i] == PART for i in grp):
            assert grp in more
    # each node is in exactly one cluster
    assert sorted(i for grp in more for i in grp) == list(range(n))
    # the clusters do not depend on the order of the nodes
    perm = list(range(n))
    rnd.shuffle(perm)  # node i becomes node perm[i]
    back = {perm[i]: i for i in range(n)}
    p_docs = [docs[back[j]] for j in range(n)]
    p_kinds = [kinds[back[j]] for j in range(n)]
    p_pairs = {(min(perm[i], perm[j]), max(perm[i], perm[j])): v for (i, j), v in pairs.items()}
    pr, pc, ps = edges(p_pairs)
    shuffled = cluster([1] * n, p_docs, p_kinds, pr, pc, ps, threshold, 1.01, mutual, margin)
    assert sorted(sorted(back[j] for j in grp) for grp in shuffled) == sorted(more)


MIXED = [
    ("en1", "en", ["The ministers agreed to reopen the bridge over the Douro in April.",
                   "The Douro crossing will open again in April, the minister said.",
                   "The ministers discussed fisheries, tourism and the Douro crossing "
                   "opening again in April."]),
    ("en2", "en", ["The bridge over the Douro will reopen in April, the ministers agreed.",
                   "According to the minister, traffic will cross the Douro again from April."]),
    ("de1", "de", ["Die Minister beschlossen, die Brücke über den Douro im April wieder "
                   "zu öffnen.",
                   "Außerdem ging es um Stipendien für Studierende beider Länder."]),
    ("fr1", "fr", ["Selon la ministre, on pourra de nouveau traverser le Douro en avril.",
                   "Il a aussi été question de pêche et de tourisme."]),
]


@needs_model
def test_fact_told_twice_beside_a_topic_list_is_one_group_across_languages() -> None:
    # The English documents say the reopening twice (agreed / the minister
    # said) and one of them lists it among other topics; the German and the
    # French report each give one wording.  All wordings form one group; the
    # list claim's topic neither splits it nor pulls the list claim into it.
    event, docs, claims = make([(d, "outlet", s) for d, _, s in MIXED])
    lang = {d: code for d, code, _ in MIXED}
    docs = [attrs.evolve(d, language=lang[d.id]) for d in docs]
    _, groups = align_event(event, docs, claims, graph(), lexicon())
    bridge = {"en1:c1", "en1:c2", "en2:c1", "en2:c2", "de1:c1", "fr1:c1"}
    holding = [set(g.claims) for g in groups if set(g.claims) & bridge]
    assert holding == [bridge]
    # the list's fisheries and tourism meet the French sentence about them
    assert frozenset(("en1:c3", "fr1:c2")) in _pairs(groups)
