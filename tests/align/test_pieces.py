"""Clause pieces of long claims (compare/align/pieces.py) and the second group
they give their claim (``alignment.split_words``, ``split_attach``,
compare/align/alignment.py ``_attach_pieces``).  Unit cases, hypothesis
properties and events in English and German written for these tests
(fictional leaders and places)."""

from __future__ import annotations

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align.alignment import _attach_pieces, align_event
from compare.align.grouping import BODY, PART
from compare.align.pieces import clause_pieces
from compare.core.models import Alignment
from tests.align.test_align import config, lexicon, make
from tests.align.test_grouping import _pairs, graph, needs_model


def test_pieces_at_commas_dashes_and_conjunctions() -> None:
    text = ("Prime Minister Lund spoke with President Okafor on Friday, "
            "their first call since the harbour dispute in March")
    assert clause_pieces(text, 5) == [
        "Prime Minister Lund spoke with President Okafor on Friday",
        "their first call since the harbour dispute in March"]
    # a short stretch is read on into the next one, the last into the one before
    assert clause_pieces("Lund said, on Friday, that the two ministers will meet in Oslo in June", 5) \
        == []
    assert clause_pieces("The talks were long – the ministers of both countries met for six hours "
                         "and they agreed to meet again in the autumn", 5) == [
        "The talks were long – the ministers of both countries met for six hours",
        "they agreed to meet again in the autumn"]
    # German: the conjunction of the table ("und") and a dash
    de = ("Die Kanzlerin telefonierte am Freitag mit Präsident Okafor – das erste Gespräch "
          "seit dem Streit um den Hafen")
    assert clause_pieces(de, 5) == ["Die Kanzlerin telefonierte am Freitag mit Präsident Okafor",
                                    "das erste Gespräch seit dem Streit um den Hafen"]
    # a quotation of two sentences kept in one claim; "U.S." does not cut
    quoted = ('"Minister Lund asked everyone for patience in the weeks ahead," the statement '
              'said. "Both sides have agreed to draft a common plan for the harbour."')
    assert clause_pieces(quoted, 5) == [
        'Minister Lund asked everyone for patience in the weeks ahead," the statement said',
        "Both sides have agreed to draft a common plan for the harbour"]
    assert clause_pieces("The U.S. delegation met the Norwegian ministers in Bergen on Friday", 3) \
        == []
    # too short, no cut, or off
    assert clause_pieces("Lund and Okafor spoke on Friday", 5) == []
    assert clause_pieces(text, 0) == []


@given(st.lists(st.sampled_from(["Lund", "met", "Okafor", "in", "the", "harbour", "talks",
                                 ",", " –", " and", ";", "Friday", "agreed", "fish"]),
                max_size=40),
       st.integers(1, 8))
@settings(max_examples=300, deadline=None)
def test_pieces_properties(words: list[str], min_words: int) -> None:
    text = " ".join(words).replace(" ,", ",").replace(" ;", ";")
    pieces = clause_pieces(text, min_words)
    assert pieces == [] or 2 <= len(pieces) <= 6
    pos = 0
    for p in pieces:
        assert p and p in text
        assert len(p.split()) >= min_words or len(p.replace(",", " ").split()) >= min_words
        assert text.find(p, pos) >= pos  # in order, not overlapping
        pos = text.find(p, pos) + len(p)


def _edges(pairs: dict[tuple[int, int], float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    keys = sorted(pairs)
    return (np.array([a for a, _ in keys], dtype=np.int64),
            np.array([b for _, b in keys], dtype=np.int64),
            np.array([pairs[k] for k in keys], dtype=np.float32))


def test_attach_adds_the_claim_where_its_piece_is_the_better_partner() -> None:
    # nodes 0-2: one fact told by docs b, c, d; nodes 3-4: another (docs b, c);
    # node 5: doc a's compound claim, alone; node 6: its piece, which says the
    # first fact.
    docs = [frozenset({d}) for d in ("b", "c", "d", "b", "c", "a", "a")]
    kinds = [BODY] * 6 + [PART]
    clusters = [[0, 1, 2], [3, 4], [5], [6]]
    pairs = {(0, 1): 0.8, (0, 2): 0.8, (1, 2): 0.8, (3, 4): 0.8,
             (0, 6): 0.7, (1, 6): 0.6, (2, 6): 0.6,  # the piece says fact 1
             (0, 5): 0.4, (3, 5): 0.45, (5, 6): 0.8}
    r, c, s = _edges(pairs)
    out = _attach_pieces(clusters, {6: frozenset({5})}, [1] * 7, docs, kinds, r, c, s, 0.55, 0.0)
    assert out == [[0, 1, 2, 6], [3, 4], [5], [6]]
    # below the bar, or not clearly better than the whole claim: no attachment
    assert _attach_pieces(clusters, {6: frozenset({5})}, [1] * 7, docs, kinds, r, c, s,
                          0.7, 0.0) == clusters
    assert _attach_pieces(clusters, {6: frozenset({5})}, [1] * 7, docs, kinds, r, c, s,
                          0.55, 0.55) == clusters
    # the whole claim says the fact as well as its piece does: no second membership
    closer = {**pairs, (0, 5): 0.7, (1, 5): 0.6, (2, 5): 0.65}
    r2, c2, s2 = _edges(closer)
    assert _attach_pieces(clusters, {6: frozenset({5})}, [1] * 7, docs, kinds, r2, c2, s2,
                          0.55, 0.0) == clusters
    # two groups the piece likes equally: no clear best, at a margin
    rival = {**pairs, (3, 6): 0.63, (4, 6): 0.64}
    r3, c3, s3 = _edges(rival)
    assert _attach_pieces(clusters, {6: frozenset({5})}, [1] * 7, docs, kinds, r3, c3, s3,
                          0.55, 0.05) == clusters
    # a group that already holds a claim of the piece's document is no target
    docs_a = [frozenset({d}) for d in ("a", "c", "d", "b", "c", "a", "a")]
    assert _attach_pieces(clusters, {6: frozenset({5})}, [1] * 7, docs_a, kinds, r, c, s,
                          0.55, 0.0) == clusters


@given(st.integers(3, 9), st.data())
@settings(max_examples=150, deadline=None)
def test_attach_only_adds_pieces_to_groups_without_their_document(n: int, data: st.DataObject
                                                                  ) -> None:
    docs = [frozenset({data.draw(st.sampled_from("abcd"))}) for _ in range(n)]
    kinds = [BODY] * n
    pieces = data.draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n // 2))
    wholes = {}
    for p in pieces:
        kinds[p] = PART
        others = [i for i in range(n) if i not in pieces and docs[i] == docs[p]]
        wholes[p] = frozenset(others[:1])
    pairs = {(i, j): data.draw(st.floats(0.3, 1.0)) for i in range(n) for j in range(i + 1, n)
             if data.draw(st.booleans())}
    r, c, s = _edges(pairs)
    clusters = [[i] for i in range(n)]
    bar = data.draw(st.floats(0.0, 1.0))
    out = _attach_pieces(clusters, wholes, [1] * n, docs, kinds, r, c, s, bar, 0.0)
    assert len(out) == len(clusters)
    for before, after in zip(clusters, out, strict=True):
        assert set(before) <= set(after)
        added = set(after) - set(before)
        assert added <= set(wholes)
        if added:  # a group of another document than the pieces'
            assert not {d for m in added for d in docs[m]} & {d for m in before for d in docs[m]}
    # each piece is added at most once
    extra = [m for before, after in zip(clusters, out, strict=True)
             for m in set(after) - set(before)]
    assert len(extra) == len(set(extra))


ENGLISH = [
    ("a", ["Prime Minister Lund spoke with President Okafor on Friday, their first call since "
           "the harbour dispute in March.",
           "The two leaders agreed to reopen the fishing talks in Bergen."]),
    ("b", ["It was the first call between Lund and Okafor since the harbour dispute in March.",
           "Lund and Okafor spoke by phone on Friday.",
           "They agreed to resume the fishing negotiations in Bergen."]),
    ("c", ["The call was the first since the dispute over the harbour in March.",
           "Lund and Okafor held a phone call on Friday.",
           "A new ferry line was also mentioned."]),
    ("d", ["Lund and Okafor talked on the telephone on Friday.",
           "Fishing talks will reopen in Bergen, the two leaders agreed."]),
]


@needs_model
def test_compound_lede_joins_both_groups_in_english() -> None:
    event, docs, claims = make([(d, "outlet", s) for d, s in ENGLISH])
    docs = [attrs.evolve(d, language="en") for d in docs]
    cfg = attrs.evolve(graph(), align_split_words=5, align_split_attach=0.55,
                       align_split_margin=0.0)
    _, groups = align_event(event, docs, claims, cfg, lexicon())
    pairs = _pairs(groups)
    # the lede is with the other "spoke on Friday" claims and with "the first call since"
    assert frozenset(("a:c1", "b:c2")) in pairs
    assert frozenset(("a:c1", "b:c1")) in pairs
    # without pieces (and without second groups of whole claims) it is with one of them only
    _, plain = align_event(event, docs, claims,
                           attrs.evolve(cfg, align_split_words=0, align_attach=0.0), lexicon())
    assert len([g for g in plain if "a:c1" in g.claims]) == 1
    # the ferry, said by one outlet, stays alone
    assert not any("c:c3" in g.claims and len(g.claims) > 1 for g in groups)


GERMAN = [
    ("a", ["Die Ministerin traf ihren Kollegen Okafor am Montag in Bremen, das erste Treffen "
           "seit dem Streit um den Hafen.",
           "Beide vereinbarten neue Gespräche über die Fischerei."]),
    ("b", ["Es war das erste Treffen der beiden Minister seit dem Streit um den Hafen.",
           "Die Ministerin und Okafor kamen am Montag in Bremen zusammen.",
           "Über die Fischerei soll neu verhandelt werden."]),
    ("c", ["Seit dem Hafenstreit hatten sich die beiden Minister nicht mehr getroffen.",
           "Okafor besuchte die Ministerin am Montag in Bremen."]),
]

POLISH = [
    ("a", ["Rozmowa przebiegła w przyjaznej atmosferze i premier Lund zaprosiła prezydenta "
           "Okafora do Bergen w przyszłym roku."]),
    ("b", ["Rozmowa przebiegła w przyjaznej i rzeczowej atmosferze.",
           "Premier Lund zaprosiła prezydenta Okafora z wizytą do Bergen w przyszłym roku."]),
    ("c", ["Rozmowa przebiegła w bardzo przyjaznej atmosferze.",
           "Lund zaprosiła Okafora do Bergen na przyszły rok."]),
]


def _split_groups(spec: list[tuple[str, list[str]]], language: str, **overrides: float) -> list[Alignment]:
    """The graph alignment, with clause pieces, of documents ``spec`` written in ``language``."""
    event, docs, claims = make([(d, "outlet", s) for d, s in spec])
    docs = [attrs.evolve(d, language=language) for d in docs]
    cfg = attrs.evolve(config(), align_method="graph", align_split_words=5,
                       align_split_attach=0.55, align_split_margin=0.0, **overrides)
    return align_event(event, docs, claims, cfg, lexicon())[1]


@needs_model
@pytest.mark.parametrize(("spec", "language"), [(GERMAN, "de"), (POLISH, "pl")], ids=["de", "pl"])
def test_compound_claim_joins_both_groups(spec: list[tuple[str, list[str]]], language: str) -> None:
    # German "das erste Treffen seit ..." after a comma; Polish joins the two facts with
    # "i" and no comma (the clause splitter has no Polish verb grammar: the pieces cut at
    # the language's conjunction)
    groups = _split_groups(spec, language)
    assert len([g for g in groups if "a:c1" in g.claims]) == 2
    pairs = _pairs(groups)
    assert frozenset(("a:c1", "b:c1")) in pairs and frozenset(("a:c1", "b:c2")) in pairs


@needs_model
@given(st.permutations(range(len(ENGLISH))), st.permutations(range(3)))
@settings(max_examples=8, deadline=None)
def test_pieces_do_not_depend_on_input_order(order: list[int], claim_order: list[int]) -> None:
    # the groups (as sets of claim ids) are the same whatever the order of the
    # documents and of the claims
    cfg = attrs.evolve(graph(), align_split_words=5, align_split_attach=0.55,
                       align_split_margin=0.0)
    event, docs, claims = make([(d, "outlet", s) for d, s in ENGLISH])
    docs = [attrs.evolve(d, language="en") for d in docs]
    _, base = align_event(event, docs, claims, cfg, lexicon())
    shuffled_docs = [docs[i] for i in order]
    shuffled_claims = sorted(claims, key=lambda c: (claim_order[int(c.id[-1]) % 3], c.document))
    _, again = align_event(event, shuffled_docs, shuffled_claims, cfg, lexicon())
    assert sorted(sorted(g.claims) for g in base) == sorted(sorted(g.claims) for g in again)


def test_pieces_at_the_conjunctions_of_the_claims_language() -> None:
    # Slovak joins two facts with "a" and no comma; the cut is read only in a
    # Slovak claim (in English "a" is an article)
    sk = ("Rokovanie sa nieslo v priateľskej atmosfére a premiérka Horvátová pozvala "
          "prezidenta Okafora na návštevu Bratislavy")
    assert clause_pieces(sk, 5, language="sk") == [
        "Rokovanie sa nieslo v priateľskej atmosfére",
        "premiérka Horvátová pozvala prezidenta Okafora na návštevu Bratislavy"]
    assert clause_pieces(sk, 5) == []
    assert clause_pieces(sk, 5, language="en") == []
    # Danish "og", Indonesian "dan", Hungarian "és" (after a comma)
    da = "Ministrene talte om fiskeriet i Nordsøen og de aftalte at mødes igen i Aarhus til foråret"
    assert clause_pieces(da, 5, language="da") == [
        "Ministrene talte om fiskeriet i Nordsøen", "de aftalte at mødes igen i Aarhus til foråret"]
    idn = "Kedua pemimpin membahas kerja sama perikanan dan mereka sepakat bertemu lagi tahun depan"
    assert clause_pieces(idn, 5, language="id") == [
        "Kedua pemimpin membahas kerja sama perikanan", "mereka sepakat bertemu lagi tahun depan"]
    hu = ("A két vezető a halászatról tárgyalt hosszan, és Okafor elnök meghívta a "
          "miniszterelnököt Lagosba")
    assert clause_pieces(hu, 5, language="hu") == [
        "A két vezető a halászatról tárgyalt hosszan",
        "Okafor elnök meghívta a miniszterelnököt Lagosba"]


def test_a_conjunction_between_two_names_does_not_cut() -> None:
    # "between Bergen and Lagos": a pair of names, no clause boundary
    sk = "Od júna sa zvýši počet priamych letov medzi Bergenom a Lagosom z dvoch na štyri týždenne"
    assert clause_pieces(sk, 5, language="sk") == []
    pl = "Liczba lotów między Bergen i Lagos wzrośnie od czerwca z dwóch do czterech tygodniowo"
    assert clause_pieces(pl, 3, language="pl") == []


@given(st.lists(st.sampled_from(["Lund", "spotkał", "Okafora", "w", "porcie", "rozmowy", "i", "a",
                                 "oraz", ",", "Bergen", "uzgodnili", "ryby", "ale"]),
                max_size=40),
       st.integers(1, 8), st.sampled_from(["pl", "sk", "en", "und", "xx"]))
@settings(max_examples=300, deadline=None)
def test_pieces_properties_with_a_language(words: list[str], min_words: int, language: str) -> None:
    text = " ".join(words).replace(" ,", ",")
    pieces = clause_pieces(text, min_words, language=language)
    assert pieces == [] or 2 <= len(pieces) <= 6
    pos = 0
    for p in pieces:
        assert p and p in text
        assert text.find(p, pos) >= pos  # in order, not overlapping
        pos = text.find(p, pos) + len(p)
    # the language's conjunctions only add cut points: without them there are no
    # more pieces than with them, unless the short stretches merged differently
    if language in ("en", "und", "xx"):
        assert pieces == clause_pieces(text, min_words)




@needs_model
def test_a_language_without_its_conjunctions_keeps_the_claim_whole() -> None:
    # read as a language whose conjunctions the pieces do not know, the Polish claim stays
    # in one group
    groups = _split_groups(POLISH, "und", align_attach=0.0)
    assert len([g for g in groups if "a:c1" in g.claims]) == 1
