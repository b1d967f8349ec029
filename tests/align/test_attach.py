"""Second groups of whole claims (``alignment.attach``, ``attach_margin``;
compare/align/alignment.py ``_attach_claims``).  Unit cases on small graphs,
hypothesis properties, and events in English and Spanish written for these
tests (fictional leaders and places)."""

from __future__ import annotations

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align.alignment import _attach_claims, align_event
from compare.align.grouping import BODY, HEADLINE, PART
from tests.align.test_align import config, lexicon, make
from tests.align.test_grouping import _pairs, needs_model


def _edges(pairs: dict[tuple[int, int], float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    keys = sorted(pairs)
    return (np.array([a for a, _ in keys], dtype=np.int64),
            np.array([b for _, b in keys], dtype=np.int64),
            np.array([pairs[k] for k in keys], dtype=np.float32))


# nodes 0-2: fact 1 told by docs b, c, d; nodes 3-4: fact 2 told by docs c, d;
# node 5: doc a's compound claim, clustered with fact 1 (0-2); node 6: doc b's
# unrelated claim.
DOCS = [frozenset({d}) for d in ("b", "c", "d", "c", "d", "a", "b")]
KINDS = [BODY] * 7
CLUSTERS = [[0, 1, 2, 5], [3, 4], [6]]
PAIRS = {(0, 1): 0.8, (0, 2): 0.8, (1, 2): 0.8, (3, 4): 0.8,
         (0, 5): 0.7, (1, 5): 0.7, (2, 5): 0.7,
         (3, 5): 0.7, (4, 5): 0.65,  # the compound claim also says fact 2
         (5, 6): 0.3}


def test_a_compound_claim_joins_the_second_group_it_says() -> None:
    r, c, s = _edges(PAIRS)
    assert _attach_claims(CLUSTERS, [1] * 7, DOCS, KINDS, r, c, s, 0.6, 0.1) == {1: [5]}
    # below the bar: nothing
    assert _attach_claims(CLUSTERS, [1] * 7, DOCS, KINDS, r, c, s, 0.7, 0.1) == {}
    # a group holding a claim of its document is no target
    docs = [*DOCS[:3], frozenset({"a"}), *DOCS[4:]]
    assert _attach_claims(CLUSTERS, [1] * 7, docs, KINDS, r, c, s, 0.6, 0.1) == {}
    # a group of one document is no target
    r2, c2, s2 = _edges({**PAIRS, (5, 6): 0.9})
    assert _attach_claims([[0, 1, 2, 5], [3, 4, 6]], [1] * 7,
                          [*DOCS[:6], frozenset({"e"})], KINDS, r2, c2, s2, 0.6, 0.1) \
        == {1: [5]}
    assert _attach_claims(CLUSTERS, [1] * 7, DOCS, KINDS, r2, c2, s2, 0.6, 0.1) == {1: [5]}
    # headlines (unless their own bar is set) and list parts are not attached
    kinds = [*KINDS[:5], HEADLINE, BODY]
    assert _attach_claims(CLUSTERS, [1] * 7, DOCS, kinds, r, c, s, 0.6, 0.1) == {}
    kinds = [*KINDS[:5], PART, BODY]
    assert _attach_claims(CLUSTERS, [1] * 7, DOCS, kinds, r, c, s, 0.6, 0.1) == {}
    assert _attach_claims(CLUSTERS, [1] * 7, DOCS, kinds, r, c, s, 0.6, 0.1, 0.5, 0.0) == {}


def test_a_headline_joins_the_body_group_it_says_at_its_own_bar() -> None:
    # node 5 is now doc a's title, in a group of titles with node 7 (doc e)
    docs = [*DOCS, frozenset({"e"})]
    kinds = [*KINDS[:5], HEADLINE, BODY, HEADLINE]
    clusters = [[0, 1, 2], [3, 4], [6], [5, 7]]
    r, c, s = _edges({**PAIRS, (5, 7): 0.8})
    # its own title group is no target; the best body group is fact 1 (0.7)
    # against fact 2 (0.675): a margin of 0.02 lets it join, 0.05 does not
    assert _attach_claims(clusters, [1] * 8, docs, kinds, r, c, s, 1.01, 0.0, 0.6, 0.02) \
        == {0: [5]}
    assert _attach_claims(clusters, [1] * 8, docs, kinds, r, c, s, 1.01, 0.0, 0.6, 0.05) == {}
    assert _attach_claims(clusters, [1] * 8, docs, kinds, r, c, s, 1.01, 0.0, 0.75, 0.0) == {}
    # (a body bar above 1 attaches no body claim) the body bar does not move
    # titles, nor the title bar body claims
    assert _attach_claims(clusters, [1] * 8, docs, kinds, r, c, s, 0.6, 0.0) == {}
    body = [*KINDS, BODY]
    assert _attach_claims([[0, 1, 2], [3, 4], [6], [5], [7]], [1] * 8, docs, body, r, c, s,
                          1.01, 0.0, 0.6, 0.0) == {}


def test_two_groups_it_likes_equally_are_no_clear_second_group() -> None:
    # fact 3 (nodes 7, 8; docs e, f) scores as well with the claim as fact 2
    docs = [*DOCS, frozenset({"e"}), frozenset({"f"})]
    pairs = {**PAIRS, (7, 8): 0.8, (5, 7): 0.66, (5, 8): 0.66}
    r, c, s = _edges(pairs)
    clusters = [*CLUSTERS, [7, 8]]
    assert _attach_claims(clusters, [1] * 9, docs, [BODY] * 9, r, c, s, 0.6, 0.1) == {}
    assert _attach_claims(clusters, [1] * 9, docs, [BODY] * 9, r, c, s, 0.6, 0.0) == {1: [5]}


@st.composite
def setups(draw: st.DrawFn) -> tuple[list[list[int]], list[frozenset[str]], list[int],
                                     dict[tuple[int, int], float]]:
    n = draw(st.integers(2, 10))
    docs = [frozenset({draw(st.sampled_from("abcde"))}) for _ in range(n)]
    kinds = [draw(st.sampled_from((BODY, BODY, HEADLINE, PART))) for _ in range(n)]
    labels = [draw(st.integers(0, 3)) for _ in range(n)]
    clusters = [sorted(i for i in range(n) if labels[i] == k) for k in range(4)]
    clusters = [m for m in clusters if m]
    pairs = {(i, j): draw(st.floats(0.0, 1.0)) for i in range(n) for j in range(i + 1, n)
             if draw(st.booleans())}
    return clusters, docs, kinds, pairs


@given(setups(), st.floats(0.0, 1.0), st.floats(0.0, 0.3), st.floats(0.0, 1.0),
       st.floats(0.0, 0.3))
@settings(max_examples=200, deadline=None)
def test_attach_properties(setup: tuple[list[list[int]], list[frozenset[str]], list[int],
                                        dict[tuple[int, int], float]],
                           bar: float, margin: float, head_bar: float, head_margin: float
                           ) -> None:
    clusters, docs, kinds, pairs = setup
    r, c, s = _edges(pairs)
    n = len(docs)
    added = _attach_claims(clusters, [1] * n, docs, kinds, r, c, s, bar, margin)
    # titles take second groups only at their own bar, and that leaves the
    # body claims' second groups as they were
    both = _attach_claims(clusters, [1] * n, docs, kinds, r, c, s, bar, margin, head_bar,
                          head_margin)
    assert {(k, m) for k, ms in both.items() for m in ms if kinds[m] == BODY} \
        == {(k, m) for k, ms in added.items() for m in ms}
    for k, nodes in both.items():
        group_docs = {d for m in clusters[k] for d in docs[m]}
        for node in nodes:
            assert kinds[node] in (BODY, HEADLINE)
            assert node not in clusters[k] and not docs[node] & group_docs
    heads = [m for ms in both.values() for m in ms if kinds[m] == HEADLINE]
    assert len(heads) == len(set(heads)) and (head_bar > 0 or not heads)
    seen: list[int] = []
    for k, nodes in added.items():
        group_docs = {d for m in clusters[k] for d in docs[m]}
        assert len(group_docs) >= 2
        for node in nodes:
            assert kinds[node] == BODY
            assert node not in clusters[k]  # never its own group
            assert not docs[node] & group_docs  # one claim per document still
            seen.append(node)
    assert len(seen) == len(set(seen))  # one second group at most
    # a higher bar or a wider margin only takes attachments away
    stricter = _attach_claims(clusters, [1] * n, docs, kinds, r, c, s, min(1.0, bar + 0.1),
                              margin + 0.05)
    assert {(k, m) for k, ms in stricter.items() for m in ms} \
        <= {(k, m) for k, ms in added.items() for m in ms}
    # the result does not depend on the order of the edges
    order = np.argsort(-s, kind="stable")
    assert _attach_claims(clusters, [1] * n, docs, kinds, r[order], c[order], s[order], bar,
                          margin) == added


ENGLISH = [
    ("a", ["President Maro and Chancellor Vell agreed to extend the grain corridor through "
           "the port of Tessa and to reopen the rail link to Kesh.",
           "The leaders spoke for an hour."]),
    ("b", ["The grain corridor through the port of Tessa will be extended, Maro and Vell agreed.",
           "Maro and Vell also agreed to reopen the rail link to Kesh."]),
    ("c", ["Maro and Vell decided to keep the Tessa grain corridor open for longer.",
           "The two leaders agreed that the rail link to Kesh will reopen."]),
    ("d", ["Both leaders backed a longer grain corridor via Tessa harbour.",
           "Vell and Maro agreed on reopening the Kesh rail link."]),
]

SPANISH = [
    ("a", ["El presidente Maro y la canciller Vell acordaron ampliar el corredor de grano por el "
           "puerto de Tessa y reabrir el ferrocarril hacia Kesh.",
           "La conversación duró una hora."]),
    ("b", ["Maro y Vell acordaron ampliar el corredor de grano a través del puerto de Tessa.",
           "Maro y Vell acordaron también reabrir el ferrocarril hacia Kesh."]),
    ("c", ["El corredor de grano por Tessa seguirá abierto más tiempo, decidieron los dos.",
           "Los dos líderes acordaron que el ferrocarril hacia Kesh se reabrirá."]),
    ("d", ["Ambos líderes apoyaron prolongar el corredor de grano del puerto de Tessa.",
           "Vell y Maro acordaron reabrir la línea ferroviaria de Kesh."]),
]


def _run(texts: list[tuple[str, list[str]]], language: str, attach: float
         ) -> set[frozenset[str]]:
    event, docs, claims = make([(d, "outlet", s) for d, s in texts])
    docs = [attrs.evolve(d, language=language) for d in docs]
    # clause pieces off: the whole claim is attached, not one of its pieces
    cfg = attrs.evolve(config(), align_method="graph", align_split_words=0, align_attach=attach,
                       align_attach_margin=0.1)
    _, groups = align_event(event, docs, claims, cfg, lexicon())
    for g in groups:
        # a second membership is never a group's reference claim (no readout
        # here: the reference claims are those of the majority groups)
        if "a:c1" in g.claims and "b:c2" in g.claims:
            assert g.reference_claim not in (None, "a:c1")
    return _pairs(groups)


@needs_model
def test_compound_claim_is_in_both_groups_in_english() -> None:
    plain = _run(ENGLISH, "en", 0.0)
    pairs = _run(ENGLISH, "en", config().align_attach or 0.6)
    rail = {frozenset(("a:c1", f"{d}:c2")) for d in "bcd"}
    grain = {frozenset(("a:c1", f"{d}:c1")) for d in "bcd"}
    assert grain <= plain and not rail & plain  # the clustering gives it one group
    assert grain <= pairs and rail <= pairs  # the rail group takes it as well
    assert frozenset(("a:c2", "b:c2")) not in pairs  # "spoke for an hour" stays alone


@needs_model
def test_compound_claim_is_in_both_groups_in_spanish() -> None:
    pairs = _run(SPANISH, "es", config().align_attach or 0.6)
    assert {frozenset(("a:c1", f"{d}:c1")) for d in "bcd"} <= pairs
    assert {frozenset(("a:c1", f"{d}:c2")) for d in "bcd"} <= pairs
    assert not any("a:c2" in p for p in pairs)


@needs_model
@given(st.permutations(range(len(ENGLISH))), st.permutations(range(2)))
@settings(max_examples=8, deadline=None)
def test_second_groups_do_not_depend_on_input_order(order: list[int], claim_order: list[int]
                                                    ) -> None:
    cfg = attrs.evolve(config(), align_method="graph", align_split_words=0, align_attach=0.6,
                       align_attach_margin=0.1)
    event, docs, claims = make([(d, "outlet", s) for d, s in ENGLISH])
    docs = [attrs.evolve(d, language="en") for d in docs]
    _, base = align_event(event, docs, claims, cfg, lexicon())
    shuffled_docs = [docs[i] for i in order]
    shuffled_claims = sorted(claims, key=lambda c: (claim_order[int(c.id[-1]) % 2], c.document))
    _, again = align_event(event, shuffled_docs, shuffled_claims, cfg, lexicon())
    assert sorted(sorted(g.claims) for g in base) == sorted(sorted(g.claims) for g in again)


ITALIAN = [
    ("a", ["Maro e Vell riaprono la ferrovia per Kesh",
           "Il corridoio del grano per il porto di Tessa sarà prolungato, hanno deciso i due "
           "leader.",
           "La telefonata è durata un'ora."]),
    ("b", ["Accordo tra Maro e Vell sul corridoio del grano",
           "Maro e Vell hanno concordato di riaprire la linea ferroviaria per Kesh.",
           "Hanno deciso anche di prolungare il corridoio del grano attraverso il porto di "
           "Tessa."]),
    ("c", ["Telefonata tra Maro e Vell",
           "I due leader hanno concordato che la ferrovia per Kesh sarà riaperta.",
           "Il corridoio del grano per Tessa resterà aperto più a lungo."]),
    ("d", ["Maro e Vell al telefono",
           "Vell e Maro hanno deciso di riaprire il collegamento ferroviario con Kesh.",
           "Entrambi sostengono un corridoio del grano più lungo via Tessa."]),
]


@needs_model
def test_an_italian_title_joins_the_body_group_it_announces() -> None:
    # Document a's title announces the rail link, which its body does not
    # repeat; the other documents say it in their bodies.
    event, docs, claims = make([(d, "outlet", s) for d, s in ITALIAN])
    docs = [attrs.evolve(d, language="it") for d in docs]
    claims = [attrs.evolve(c, headline=c.id.endswith(":c1")) for c in claims]
    rail = {frozenset(("a:c1", f"{d}:c2")) for d in "bcd"}
    off = attrs.evolve(config(), align_method="graph", align_headline_attach=0.0)
    _, groups = align_event(event, docs, claims, off, lexicon())
    assert not rail & _pairs(groups)  # the titles stay in a group of their own
    on = attrs.evolve(off, align_headline_attach=config().align_headline_attach or 0.5)
    _, groups = align_event(event, docs, claims, on, lexicon())
    pairs = _pairs(groups)
    assert rail <= pairs
    # still in the titles' group, and nowhere else: not in the grain group
    assert frozenset(("a:c1", "b:c1")) in pairs
    assert not any(frozenset(("a:c1", f"{d}:c3")) in pairs for d in "bcd")
    # a title joining a group never becomes its reference claim
    assert all(g.reference_claim != "a:c1" for g in groups if "b:c2" in g.claims)


def test_headline_attach_settings_parse_and_ship_on() -> None:
    from compare.align.matching import parse_matching_config
    from compare.core.errors import RuleError
    from compare.core.rulefiles import RuleFile

    def parse(data: dict[str, object]) -> float:
        cfg = parse_matching_config(RuleFile(name="matching", sources=("m.yaml",), data=data,
                                             lines={}))
        return cfg.align_headline_attach + 10 * cfg.align_headline_attach_margin

    assert parse({"alignment": {"headline_attach": 0.5, "headline_attach_margin": 0.03}}) \
        == pytest.approx(0.8)
    assert parse({}) == 0.0  # off unless the file sets it
    with pytest.raises(RuleError) as err:
        parse({"alignment": {"headline_attach": 1.5}})
    assert "alignment" in str(err.value)
    assert config().align_headline_attach > 0  # the shipped matching.yaml turns it on
