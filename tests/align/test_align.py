"""Alignment tests; the helpers here are shared with test_flags.py (fresh fictional examples)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest

from compare.align.lexicon import Lexicon, parse_lexicon
from compare.align.matching import MatchingConfig, parse_matching_config
from compare.core.models import Claim, Document, Event
from compare.core.rulefiles import load_rule_file

RULES = Path(__file__).resolve().parent.parent.parent / "rules"


@cache
def lexicon() -> Lexicon:
    return parse_lexicon(load_rule_file("lexicon", [RULES]))


@cache
def config() -> MatchingConfig:
    return parse_matching_config(load_rule_file("matching", [RULES]))


def make(docs: Sequence[tuple[str, str, Sequence[str]]], *, reference: str | None = None,
         duplicates: dict[str, str] | None = None
         ) -> tuple[Event, list[Document], list[Claim]]:
    """docs: (doc id, role, sentences); each sentence becomes one claim."""
    documents, claims = [], []
    for did, role, sents in docs:
        text = " ".join(sents)
        documents.append(Document(id=did, path=f"{did}.txt", sha256=did, text=text,
                                  outlet=did, outlet_role=role,  # type: ignore[arg-type]
                                  duplicate_of=(duplicates or {}).get(did)))
        pos = 0
        for n, s in enumerate(sents, start=1):
            claims.append(Claim(id=f"{did}:c{n}", document=did, event="ev", text=s,
                                span=(pos, pos + len(s)), sentence=n))
            pos += len(s) + 1
    event = Event(id="ev", date=None, label="ev", kind="call", participants=(),
                  documents=tuple(d.id for d in documents), reference=reference)
    return event, documents, claims


# --------------------------------------------------------------------------- tests

from compare.align.alignment import align_event  # noqa: E402

REF = ["The ministers discussed cooperation on river shipping along the Danube.",
       "Minister Kovac thanked his colleague for the delivery of twelve fire engines.",
       "The sides agreed to continue consultations at expert level.",
       "The conversation was constructive and friendly."]
WIRE = ["Kovac thanked his counterpart for the 12 fire engines delivered.",
        "The two ministers talked about river shipping cooperation on the Danube.",
        "They agreed to keep consultations going at expert level.",
        "Police reported heavy snow in the capital on the same day."]


def test_paraphrases_join_reference_groups_and_ids_are_ordered() -> None:
    event, docs, claims = make([("mfa", "primary", REF), ("wire", "wire", WIRE)],
                               reference="mfa")
    event2, groups = align_event(event, docs, claims, config(), lexicon())
    assert event2.reference_basis == "primary"
    assert [g.id for g in groups][:4] == ["ev:g1", "ev:g2", "ev:g3", "ev:g4"]
    by_ref = {g.reference_claim: set(g.claims) for g in groups}
    assert by_ref["mfa:c1"] == {"mfa:c1", "wire:c2"}
    assert by_ref["mfa:c2"] == {"mfa:c2", "wire:c1"}
    assert by_ref["mfa:c3"] == {"mfa:c3", "wire:c3"}
    assert by_ref["mfa:c4"] == {"mfa:c4"}
    assert not any("wire:c4" in g.claims for g in groups)


def test_majority_reference_without_primary() -> None:
    other = ["Kovac thanked the colleague for twelve fire engines.",
             "The ministers discussed shipping on the Danube river."]
    event, docs, claims = make([("a", "outlet", WIRE), ("b", "outlet", other),
                                ("c", "outlet", REF)])
    event2, groups = align_event(event, docs, claims, config(), lexicon())
    assert event2.reference_basis == "majority" and event2.reference is None
    engines = next(g for g in groups if "b:c1" in g.claims)
    assert engines.reference_claim is not None and len(engines.claims) == 3
    snow = [g for g in groups if "a:c4" in g.claims]
    assert not snow or snow[0].reference_claim is None


def test_duplicates_count_once_for_majority() -> None:
    other = ["Kovac thanked the colleague for twelve fire engines.",
             "The ministers discussed shipping on the Danube river."]
    event, docs, claims = make([("a", "outlet", WIRE), ("a2", "outlet", WIRE),
                                ("b", "outlet", other), ("c", "outlet", REF)],
                               duplicates={"a2": "a"})
    event2, groups = align_event(event, docs, claims, config(), lexicon())
    assert event2.reference_basis == "majority" and event2.reference is None
    snow = [g for g in groups if "a:c4" in g.claims]
    # one outlet (and its copy) is not a majority
    assert not snow or snow[0].reference_claim is None


def test_two_outlets_without_primary_take_the_earlier_as_reference() -> None:
    import datetime as dt

    import attrs
    event, docs, claims = make([("a", "outlet", WIRE), ("a2", "outlet", WIRE),
                                ("c", "outlet", REF)], duplicates={"a2": "a"})
    docs = [attrs.evolve(d, published=dt.date(2021, 5, 4 if d.id == "a" else 5)) for d in docs]
    event2, groups = align_event(event, docs, claims, config(), lexicon())
    assert event2.reference_basis == "majority" and event2.reference == "a"
    assert all(g.reference_claim is None or g.reference_claim.startswith("a:") for g in groups)
    # same dates: the longer text wins, whatever the order of the documents
    docs = [attrs.evolve(d, published=None) for d in docs]
    first = align_event(event, docs, claims, config(), lexicon())[0].reference
    again = align_event(attrs.evolve(event, documents=tuple(reversed(event.documents))),
                        list(reversed(docs)), claims, config(), lexicon())[0].reference
    longer = max(("a", "c"), key=lambda d: len(next(x.text for x in docs if x.id == d)))
    assert first == again == longer


def test_event_statements_pair_and_tone_claims_pair_by_type() -> None:
    import attrs
    ref = ["Minister Kovac held a telephone conversation with Minister Horvat.", *REF]
    other = ["Horvat and Kovac spoke by phone on Friday.",
             "The talks took place in a warm atmosphere.", *WIRE[:3]]
    event, docs, claims = make([("mfa", "primary", ref), ("wire", "wire", other)],
                               reference="mfa")
    types = {"mfa:c5": "tone", "wire:c2": "tone"}
    claims = [attrs.evolve(c, event_statement=c.id in ("mfa:c1", "wire:c1"),
                           type=types.get(c.id, "other")) for c in claims]
    _, groups = align_event(event, docs, claims, config(), lexicon())
    by_ref = {g.reference_claim: set(g.claims) for g in groups}
    assert by_ref["mfa:c1"] == {"mfa:c1", "wire:c1"}
    assert by_ref["mfa:c5"] == {"mfa:c5", "wire:c2"}


def test_other_language_documents_are_left_out_without_a_multilingual_model() -> None:
    import attrs

    from compare.align.alignment import other_language
    ru = ["Министры обсудили сотрудничество в области судоходства по Дунаю."]
    event, docs, claims = make([("mfa", "primary", REF), ("wire", "wire", WIRE),
                                ("ru", "outlet", ru)], reference="mfa")
    docs = [attrs.evolve(d, language="ru" if d.id == "ru" else "en") for d in docs]
    # the embed extra is absent (a model package that is not installed) ...
    absent = attrs.evolve(config(), embedding_model="no-such-embedding-package",
                          embedding_multilingual=True)
    assert other_language(event, docs, absent) == {"ru": "ru"}
    _, groups = align_event(event, docs, claims, absent, lexicon())
    assert not any(c.startswith("ru:") for g in groups for c in g.claims)
    # ... or comparison across languages is switched off
    off = attrs.evolve(config(), cross_language=False)
    assert other_language(event, docs, off) == {"ru": "ru"}
    # an unsure language is compared as usual
    und = [attrs.evolve(d, language="und") if d.id == "ru" else d for d in docs]
    assert other_language(event, und, absent) == {}


def test_cross_language_pairs_use_the_embedding_cosine(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a (fake) multilingual model a document in another language is
    aligned by cosine alone, one to one at the cross-language threshold."""
    import attrs
    import numpy as np

    from compare.align import embed
    from compare.align.alignment import other_language
    mp = monkeypatch
    ru = ["Министры обсудили судоходство по Дунаю.",        # = REF[0]
          "Стороны продолжат консультации экспертов.",      # = REF[2]
          "В столице выпал снег."]                          # nothing
    partner = {ru[0]: 0, ru[1]: 2}
    ref_rows = {t: i for i, t in enumerate(REF)}

    def fake_cos(a: list[str], b: list[str], package: str = "") -> np.ndarray:
        out = np.full((len(a), len(b)), 0.2, dtype=np.float32)
        for i, x in enumerate(a):
            for j, y in enumerate(b):
                if x == y or (ref_rows.get(x, -1) == partner.get(y, -2)):
                    out[i, j] = 0.8
        return out

    mp.setattr(embed, "available", lambda package="": True)
    mp.setattr(embed, "cosine_matrix", fake_cos)
    event, docs, claims = make([("mfa", "primary", REF), ("ru", "outlet", ru)],
                               reference="mfa")
    docs = [attrs.evolve(d, language="ru" if d.id == "ru" else "en") for d in docs]
    assert other_language(event, docs, config()) == {}
    _, groups = align_event(event, docs, claims, config(), lexicon())
    by_ref = {g.reference_claim: set(g.claims) for g in groups}
    assert by_ref["mfa:c1"] == {"mfa:c1", "ru:c1"}
    assert by_ref["mfa:c3"] == {"mfa:c3", "ru:c2"}
    assert not any("ru:c3" in g.claims for g in groups)
    # above the threshold only: nothing pairs when the bar is out of reach
    high = attrs.evolve(config(), cross_language_threshold=0.9,
                        cross_language_restatement=0.95)
    _, groups = align_event(event, docs, claims, high, lexicon())
    assert not any(c.startswith("ru:") for g in groups for c in g.claims)


def test_empty_event() -> None:
    event, docs, claims = make([("a", "outlet", [])])
    assert align_event(event, docs, claims, config(), lexicon())[1] == []


def test_idf_weights_favour_rare_stems_and_ignore_order() -> None:
    from compare.align.normalize import normalize
    from compare.align.scoring import idf_weights
    texts = [normalize(t, lexicon()) for t in [*REF, *WIRE]]
    w = idf_weights(texts)
    assert w == idf_weights(list(reversed(texts)))
    assert w["snow"] > w["danub"] > 0  # "snow" in one claim, "Danube" in two


def test_headline_never_takes_a_body_claims_place() -> None:
    from compare.core.models import Claim
    event, docs, claims = make([("mfa", "primary", REF), ("wire", "wire", WIRE)],
                               reference="mfa")
    import attrs
    claims = [attrs.evolve(c, headline=True) if c.id == "mfa:c1" else c for c in claims]
    event, groups = align_event(event, docs, claims, config(), lexicon())
    by_ref = {g.reference_claim: g.claims for g in groups}
    assert by_ref["mfa:c1"] == ("mfa:c1",)
    assert isinstance(claims[0], Claim)


def test_one_shared_country_does_not_pair_a_short_claim_with_a_long_one() -> None:
    ref = ["Minister Kovac held talks with Secretary Miller in Zagreb.",
           "at the request of the US side",
           "The ministers discussed river shipping along the Danube.",
           "US and Croatian experts will meet in Split in May."]
    other = ["Observers noted that American tourists have returned to the Dalmatian "
             "coast in large numbers this summer.",
             "The ministers talked about shipping on the Danube.",
             "the talks were held at Washington's request"]
    event, docs, claims = make([("mfa", "primary", ref), ("wire", "wire", other)],
                               reference="mfa")
    _, groups = align_event(event, docs, claims, config(), lexicon())
    by_ref = {g.reference_claim: set(g.claims) for g in groups}
    assert by_ref["mfa:c2"] == {"mfa:c2", "wire:c3"}
    assert not any("wire:c1" in g.claims for g in groups)


def test_shared_guard_counts_stems_and_distinctive_topics() -> None:
    from compare.align.normalize import normalize
    from compare.align.scoring import distinctive_stems, shared_guard
    lex = lexicon()
    a = [normalize(t, lex) for t in ("The talks covered North Korea.",
                                     "The sides discussed fishing quotas in the Baltic.",
                                     "Fishing boats were discussed too.")]
    b = [normalize(t, lex) for t in ("They exchanged ideas on the standoff over Pyongyang.",
                                     "Quotas for Baltic fishing were reviewed.")]
    topics = distinctive_stems(a, lex)
    assert "north_korea" in topics and "fish" not in topics
    plain = shared_guard(a, b, 2)
    assert plain.tolist() == [[False, False], [False, True], [False, False]]
    assert shared_guard(a, b, 2, topics)[0, 0]  # one distinctive topic is enough
    assert shared_guard(a, b, 0).all()


def test_a_left_over_claim_joins_the_only_reference_claim_naming_its_topic() -> None:
    ref = ["Minister Kovac held talks with Secretary Miller in Zagreb.",
           "They reviewed the schedule of the consultations, including on the G20 agenda.",
           "The ministers discussed river shipping along the Danube."]
    other = ["The ministers talked about shipping on the Danube.",
             "agreed to coordinate positions before the G20 summit in the autumn"]
    event, docs, claims = make([("mfa", "primary", ref), ("wire", "wire", other)],
                               reference="mfa")
    _, groups = align_event(event, docs, claims, config(), lexicon())
    by_ref = {g.reference_claim: set(g.claims) for g in groups}
    assert by_ref["mfa:c2"] == {"mfa:c2", "wire:c2"}
    # two reference claims naming the topic: no guess
    ref2 = [*ref, "The G20 presidency was mentioned too."]
    event, docs, claims = make([("mfa", "primary", ref2), ("wire", "wire", other)],
                               reference="mfa")
    _, groups = align_event(event, docs, claims, config(), lexicon())
    assert not any("wire:c2" in g.claims for g in groups)
