"""Graph alignment (``alignment.method: graph``): the constrained clustering, its
properties under hypothesis, and events in German, Spanish and French written
for these tests (fictional)."""

from __future__ import annotations

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align import embed
from compare.align.alignment import align_event
from compare.align.grouping import cluster
from compare.align.matching import MatchingConfig
from tests.align.test_align import config, lexicon, make

needs_model = pytest.mark.skipif(not embed.available(), reason="embedding model not installed")


def graph() -> MatchingConfig:
    return attrs.evolve(config(), align_method="graph")


def edges(pairs: dict[tuple[int, int], float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    keys = sorted(pairs)
    return (np.array([i for i, _ in keys], dtype=np.int64),
            np.array([j for _, j in keys], dtype=np.int64),
            np.array([pairs[k] for k in keys], dtype=np.float32))


# --------------------------------------------------------------------------- cluster()


def test_cluster_keeps_one_claim_per_document_and_leaves_weak_claims_alone() -> None:
    # nodes 0,1 from doc a; 2 from b; 3 from c; 4 from c (unrelated)
    docs = [frozenset({"a"}), frozenset({"a"}), frozenset({"b"}), frozenset({"c"}),
            frozenset({"c"})]
    r, c, s = edges({(0, 2): 0.9, (1, 2): 0.85, (0, 3): 0.8, (2, 3): 0.8, (1, 4): 0.2})
    groups = cluster([1] * 5, docs, [1] * 5, r, c, s, threshold=0.5, restatement=0.95)
    assert [0, 2, 3] in groups  # 1 is a second claim of doc a: not with 0
    assert [1] in groups and [4] in groups


def test_restatement_joins_despite_its_document() -> None:
    docs = [frozenset({"a"}), frozenset({"a"}), frozenset({"b"})]
    r, c, s = edges({(0, 2): 0.9, (1, 2): 0.8, (0, 1): 0.9})
    assert cluster([1] * 3, docs, [1] * 3, r, c, s, 0.5, 0.8) == [[0, 1, 2]]
    assert cluster([1] * 3, docs, [1] * 3, r, c, s, 0.5, 0.95) == [[0, 2], [1]]


def test_headlines_do_not_pull_body_claims_together() -> None:
    docs = [frozenset({"a"}), frozenset({"b"}), frozenset({"c"})]
    r, c, s = edges({(0, 1): 0.6, (0, 2): 0.6, (1, 2): 0.1})
    # node 0 a headline (kind 0) close to two unrelated body claims
    groups = cluster([1] * 3, docs, [0, 1, 1], r, c, s, 0.5, 0.9)
    assert groups == [[0], [1], [2]]


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[frozenset[str]], dict[tuple[int, int], float]]:
    n = draw(st.integers(1, 12))
    docs = [frozenset({f"d{draw(st.integers(0, 4))}"}) for _ in range(n)]
    pairs = {(i, j): draw(st.floats(0, 1)) for i in range(n) for j in range(i + 1, n)
             if draw(st.booleans())}
    return docs, pairs


@given(graphs(), st.floats(0.3, 0.9))
@settings(max_examples=150, deadline=None)
def test_cluster_properties(g: tuple[list[frozenset[str]], dict[tuple[int, int], float]],
                            threshold: float) -> None:
    docs, pairs = g
    r, c, s = edges(pairs)
    groups = cluster([1] * len(docs), docs, [1] * len(docs), r, c, s, threshold, 1.01)
    assert sorted(i for grp in groups for i in grp) == list(range(len(docs)))
    for grp in groups:
        owners = [d for i in grp for d in docs[i]]
        assert len(owners) == len(set(owners))  # one node per document and group
        if len(grp) > 1:  # a merged group is held together by its average
            inner = [pairs.get((i, j), 0.0) for i in grp for j in grp if i < j]
            assert max(inner) >= threshold


# --------------------------------------------------------------------------- align_event

POOL = ["The ministers agreed to reopen the border crossing at Drava next month.",
        "Both sides discussed fishing quotas in the northern lake.",
        "The foreign minister thanked his host for the delivery of eight ambulances.",
        "A joint commission on rail freight will meet in the autumn.",
        "The talks were described as open and constructive.",
        "Stormy weather delayed several flights at the capital airport."]


@needs_model
@given(st.lists(st.lists(st.sampled_from(POOL), min_size=1, max_size=5, unique=True),
                min_size=2, max_size=5), st.randoms(use_true_random=False))
@settings(max_examples=25, deadline=None)
def test_alignment_properties(docs_sents: list[list[str]], rnd: object) -> None:
    spec = [(f"d{k}", "outlet", sents) for k, sents in enumerate(docs_sents)]
    event, docs, claims = make(spec)
    _, groups = align_event(event, docs, claims, graph(), lexicon())
    by_id = {c.id: c for c in claims}
    for g in groups:
        owners = [by_id[c].document for c in g.claims]
        # pool sentences are distinct statements: no document restates itself
        assert len(owners) == len(set(owners))
    # permuting the documents (and their claims) changes nothing
    order = list(range(len(docs)))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    event2 = attrs.evolve(event, documents=tuple(event.documents[i] for i in order))
    docs2 = [docs[i] for i in order]
    claims2 = sorted(claims, key=lambda c: order.index(int(c.document[1:])))
    _, groups2 = align_event(event2, docs2, claims2, graph(), lexicon())
    assert {frozenset(g.claims) for g in groups} == {frozenset(g.claims) for g in groups2}


@needs_model
@given(st.lists(st.sampled_from(POOL), min_size=1, max_size=6, unique=True),
       st.integers(2, 4))
@settings(max_examples=15, deadline=None)
def test_identical_documents_align_fully(sents: list[str], copies: int) -> None:
    spec = [(f"d{k}", "outlet", sents) for k in range(copies)]
    event, docs, claims = make(spec)
    _, groups = align_event(event, docs, claims, graph(), lexicon())
    assert sorted(sorted(g.claims) for g in groups) == sorted(
        sorted(f"d{k}:c{n}" for k in range(copies)) for n in range(1, len(sents) + 1))


def _pairs(groups: list[object]) -> set[frozenset[str]]:
    out: set[frozenset[str]] = set()
    for g in groups:
        ids = sorted(g.claims)  # type: ignore[attr-defined]
        out |= {frozenset((a, b)) for a in ids for b in ids if a < b}
    return out


@needs_model
def test_paraphrase_with_few_shared_words_and_an_addition() -> None:
    a = ["The ministers agreed to reopen the border crossing at Drava next month.",
         "Both sides discussed fishing quotas in the northern lake."]
    b = ["The frontier posts at Drava will open again in a month, the ministers decided.",
         "Stormy weather delayed several flights at the capital airport."]
    event, docs, claims = make([("a", "outlet", a), ("b", "outlet", b)])
    _, groups = align_event(event, docs, claims, graph(), lexicon())
    assert frozenset({"a:c1", "b:c1"}) in _pairs(groups)
    # the weather stays alone (a group of its own only if it is the reference's)
    assert all(g.claims == ("b:c2",) for g in groups if "b:c2" in g.claims)


GERMAN = ["Die Minister vereinbarten, den Grenzübergang an der Drau im nächsten Monat "
          "wieder zu öffnen.",
          "Beide Seiten sprachen über Fangquoten im nördlichen See.",
          "In der Hauptstadt fiel am Abend starker Schnee."]
SPANISH = ["Ambas partes hablaron de las cuotas de pesca en el lago del norte.",
           "Los ministros acordaron reabrir el paso fronterizo del Drava el mes que viene.",
           "El equipo local ganó el partido de fútbol por tres goles."]
FRENCH = ["Les ministres sont convenus de rouvrir le poste-frontière de la Drave le mois "
          "prochain.",
          "Les deux parties ont évoqué les quotas de pêche dans le lac du nord."]
ENGLISH = ["The ministers agreed to reopen the border crossing at Drava next month.",
           "Both sides discussed fishing quotas in the northern lake."]


@needs_model
def test_same_language_german_and_spanish_events_align() -> None:
    de2 = ["Über die Fangquoten im See im Norden haben beide Seiten gesprochen.",
           "Der Grenzübergang an der Drau soll nächsten Monat wieder öffnen, "
           "beschlossen die Minister."]
    event, docs, claims = make([("de1", "outlet", GERMAN), ("de2", "outlet", de2)])
    docs = [attrs.evolve(d, language="de") for d in docs]
    _, groups = align_event(event, docs, claims, graph(), lexicon())
    assert _pairs(groups) == {frozenset({"de1:c1", "de2:c2"}), frozenset({"de1:c2", "de2:c1"})}
    es2 = ["Los ministros decidieron que el paso del Drava se abrirá de nuevo en un mes.",
           "Se habló de las cuotas de pesca del lago septentrional."]
    event, docs, claims = make([("es1", "outlet", SPANISH), ("es2", "outlet", es2)])
    docs = [attrs.evolve(d, language="es") for d in docs]
    _, groups = align_event(event, docs, claims, graph(), lexicon())
    assert _pairs(groups) == {frozenset({"es1:c1", "es2:c2"}), frozenset({"es1:c2", "es2:c1"})}


@needs_model
def test_four_languages_align_across_all_documents() -> None:
    spec = [("en", "primary", ENGLISH), ("de", "outlet", GERMAN), ("es", "outlet", SPANISH),
            ("fr", "outlet", FRENCH)]
    event, docs, claims = make(spec, reference="en")
    docs = [attrs.evolve(d, language=d.id) for d in docs]
    _, groups = align_event(event, docs, claims, graph(), lexicon())
    by_ref = {g.reference_claim: set(g.claims) for g in groups}
    assert by_ref["en:c1"] == {"en:c1", "de:c1", "es:c2", "fr:c1"}
    # The German fisheries sentence ("Fangquoten") scores a raw cosine of
    # 0.55/0.46/0.47 with the English/Spanish/French ones, near the threshold
    # (centering and the cross-language bonus move it): it may stay alone, but
    # never joins another group.
    assert {"en:c2", "es:c1", "fr:c2"} <= by_ref["en:c2"] <= {"en:c2", "de:c2", "es:c1", "fr:c2"}
    assert not any("de:c2" in g.claims for g in groups if g.reference_claim != "en:c2")
    # the snow and the football stay alone: addition candidates, in no group
    assert not any(c in g.claims for g in groups for c in ("de:c3", "es:c3"))


@needs_model
def test_claim_types_do_not_steer_the_graph_alignment() -> None:
    event, docs, claims = make([("a", "outlet", ENGLISH), ("b", "outlet", list(reversed(ENGLISH)))])
    typed = [attrs.evolve(c, type="trade" if c.document == "a" else "tone") for c in claims]
    _, g1 = align_event(event, docs, claims, graph(), lexicon())
    _, g2 = align_event(event, docs, typed, graph(), lexicon())
    assert {frozenset(g.claims) for g in g1} == {frozenset(g.claims) for g in g2}


# --------------------------------------------------------------------------- topic lists


def test_list_parts_reads_each_topic_with_its_subject_and_verb() -> None:
    from compare.align.alignment import list_parts

    parts = list_parts("The two ministers reviewed rail freight, fishing quotas and "
                       "the new border crossing at their meeting in Split.")
    assert parts == [
        "The two ministers reviewed rail freight at their meeting in Split.",
        "The two ministers reviewed fishing quotas at their meeting in Split.",
        "The two ministers reviewed the new border crossing at their meeting in Split."]
    assert list_parts("Kovac and Horvat met in Split on Monday.") == []
    assert list_parts("The ministers discussed trade and tourism.") == []  # two items: no list
    assert list_parts("The ministers discussed trade and tourism.", 2) == [
        "The ministers discussed trade.", "The ministers discussed tourism."]
    assert list_parts("Kovac and Horvat met in Split on Monday.", 2) == []


@needs_model
def test_a_topic_list_lede_joins_the_group_of_each_topic() -> None:
    ref = ["The ministers agreed to reopen the border crossing at Drava next month.",
           "Both sides discussed fishing quotas in the northern lake.",
           "A joint commission on rail freight will meet in the autumn."]
    wire = ["The ministers talked about rail freight, fishing quotas and a border "
            "crossing on Tuesday.",
            "Stormy weather delayed several flights at the capital airport."]
    event, docs, claims = make([("mfa", "primary", ref), ("wire", "outlet", wire)],
                               reference="mfa")
    on = graph()
    _, groups = align_event(event, docs, claims, on, lexicon())
    with_lede = {g.reference_claim for g in groups if "wire:c1" in g.claims}
    assert len(with_lede) >= 2  # the lede is in more than one topic's group
    _, groups = align_event(event, docs, claims, attrs.evolve(on, align_list_items=0),
                            lexicon())
    assert len({g.reference_claim for g in groups if "wire:c1" in g.claims}) <= 1
    # a discount of 0 leaves the parts without any edge: as without parts
    _, groups = align_event(event, docs, claims, attrs.evolve(on, align_part_discount=0.0),
                            lexicon())
    assert len({g.reference_claim for g in groups if "wire:c1" in g.claims}) <= 1


# --------------------------------------------------------------------------- settings


def test_alignment_settings_parse_and_bad_values_name_their_path() -> None:
    from compare.align.matching import parse_matching_config
    from compare.core.errors import RuleError
    from compare.core.rulefiles import RuleFile

    def parse(data: dict[str, object]) -> MatchingConfig:
        return parse_matching_config(RuleFile(name="matching", sources=("m.yaml",),
                                              data=data, lines={}))

    cfg = parse({"alignment": {"method": "graph", "scorer": "ratio", "lexical_weight": 0.25,
                               "threshold": 0.5, "restatement": 0.8, "list_items": 0}})
    assert (cfg.align_method, cfg.align_scorer, cfg.align_lexical_weight, cfg.align_threshold,
            cfg.align_restatement, cfg.align_list_items) == ("graph", "ratio", 0.25, 0.5, 0.8,
                                                             0)
    for bad in ({"method": "nearest"}, {"scorer": "cosine"}, {"threshold": 1.5},
                {"list_items": 1}):
        with pytest.raises(RuleError) as err:
            parse({"alignment": bad})
        assert "alignment" in str(err.value)


def test_centering_and_cross_language_settings_parse() -> None:
    from compare.align.matching import parse_matching_config
    from compare.core.errors import RuleError
    from compare.core.rulefiles import RuleFile

    def parse(data: dict[str, object]) -> MatchingConfig:
        return parse_matching_config(RuleFile(name="matching", sources=("m.yaml",),
                                              data=data, lines={}))

    cfg = parse({"alignment": {"center": 0.6, "center_by_language": False,
                               "cross_language_bonus": 0.1, "list_part_discount": 0.7}})
    assert (cfg.align_center, cfg.align_center_by_language,
            cfg.align_cross_language_bonus, cfg.align_part_discount) == (0.6, False, 0.1, 0.7)
    for bad in ({"center": 2}, {"center_by_language": "yes"}, {"cross_language_bonus": -0.1},
                {"list_part_discount": 1.5}):
        with pytest.raises(RuleError) as err:
            parse({"alignment": bad})
        assert "alignment" in str(err.value)


# --------------------------------------------------------------------------- centering


def test_centering_removes_what_every_claim_shares() -> None:
    from compare.align.scoring import center

    # Three claims = one strong common direction (the participants, "held a
    # call") plus a small direction of their own.
    common = np.array([1.0, 0, 0, 0])
    own = np.eye(4)[1:]
    emb = np.vstack([common + 0.3 * o for o in own])
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    raw = emb @ emb.T
    out = center(emb, 1.0)
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0)
    cos = out @ out.T
    assert raw[0, 1] > 0.9 and cos[0, 1] < 0.0  # alike only by what all share: no longer
    half = center(emb, 0.5) @ center(emb, 0.5).T
    assert cos[0, 1] < half[0, 1] < raw[0, 1]


def test_centering_by_language_removes_each_languages_offset() -> None:
    from compare.align.scoring import center

    # Two topics said in two languages: each language adds its own offset.
    topic = np.eye(4)[:2]
    offset = {"en": np.array([0, 0, 1.0, 0]), "de": np.array([0, 0, 0, 1.0])}
    rows, langs = [], []
    for lang in ("en", "de"):
        for t in topic:
            rows.append(t + offset[lang])
            langs.append(lang)
    emb = np.vstack(rows)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    pooled = center(emb, 1.0) @ center(emb, 1.0).T
    by_lang = center(emb, 1.0, langs) @ center(emb, 1.0, langs).T
    # en topic 0 (row 0) and its German translation (row 2)
    assert by_lang[0, 2] > 0.99 > pooled[0, 2]
    assert by_lang[0, 3] < 0  # and not the other topic


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.floats(-1, 1), min_size=3, max_size=3), min_size=2, max_size=8),
       st.floats(0, 1), st.randoms(use_true_random=False))
def test_centering_properties(vecs: list[list[float]], share: float, rnd: object) -> None:
    from compare.align.scoring import center

    emb = np.array(vecs, dtype=np.float32) + np.array([3.0, 0, 0], dtype=np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    langs = ["en" if i % 2 else "fr" for i in range(len(emb))]
    out = center(emb, share, langs)
    norms = np.linalg.norm(out, axis=1)
    assert np.all((np.abs(norms - 1) < 1e-4) | (norms < 1e-4))
    perm = list(range(len(emb)))
    rnd.shuffle(perm)  # type: ignore[attr-defined]
    again = center(emb[perm], share, [langs[i] for i in perm])
    assert np.allclose(again, out[perm], atol=1e-5)


@needs_model
def test_cross_language_bonus_lifts_only_pairs_of_two_known_languages() -> None:
    from compare.align.scoring import similarity_edges

    texts = ["The ministers agreed to reopen the border crossing next month.",
             "Die Minister vereinbarten, den Grenzübergang im nächsten Monat wieder zu öffnen.",
             "Los ministros acordaron reabrir el paso fronterizo el mes que viene."]
    base = attrs.evolve(graph(), align_center=0.0)

    def sims(cfg: MatchingConfig, langs: list[str]) -> dict[tuple[int, int], float]:
        r, c, s, _ = similarity_edges(texts, texts, cfg, 0.0, groups=langs)
        return {(int(i), int(j)): float(v) for i, j, v in zip(r, c, s, strict=True)}

    from compare.align.scoring import claim_embeddings

    emb = claim_embeddings(texts, base)
    assert emb is not None
    cos = emb @ emb.T
    plain = sims(base, ["en", "de", "und"])
    lifted = sims(attrs.evolve(base, align_cross_language_bonus=0.1), ["en", "de", "und"])
    # en/de: the cosine plus the bonus, the lexical score left out
    assert lifted[(0, 1)] == pytest.approx(min(1.0, cos[0, 1] + 0.1), abs=1e-5)
    assert lifted[(0, 2)] == pytest.approx(plain[(0, 2)], abs=1e-6)  # "und": unknown, no bonus
    assert lifted[(1, 2)] == pytest.approx(plain[(1, 2)], abs=1e-6)


def test_auto_uses_the_readout_as_pivot_and_clusters_events_without_one() -> None:
    """``alignment.method: auto``: an event with a primary readout is aligned one-to-one
    against it (pivot); an event without one is clustered across all documents (graph)."""
    auto = attrs.evolve(config(), align_method="auto")
    pivot = attrs.evolve(config(), align_method="pivot")
    docs_in = [("a", "outlet", ENGLISH), ("b", "outlet",
               ["The border crossing at Drava will reopen next month, the ministers agreed.",
                "Fishing quotas in the northern lake were discussed by both sides."])]
    with_readout = make([("r", "primary", ENGLISH), *docs_in])
    without = make(docs_in)
    assert align_event(*with_readout, auto, lexicon()) == align_event(*with_readout, pivot, lexicon())
    assert align_event(*without, auto, lexicon()) == align_event(*without, graph(), lexicon())
