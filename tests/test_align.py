"""Alignment tests; the helpers here are shared with test_flags.py (fresh fictional examples)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from compare.align import MatchingConfig, parse_matching_config
from compare.lexicon import Lexicon, parse_lexicon
from compare.models import Claim, Document, Event
from compare.rulefiles import load_rule_file

RULES = Path(__file__).resolve().parent.parent / "rules"


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

from compare.align import align_event  # noqa: E402

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
    event, docs, claims = make([("a", "outlet", WIRE), ("a2", "outlet", WIRE),
                                ("c", "outlet", REF)], duplicates={"a2": "a"})
    _, groups = align_event(event, docs, claims, config(), lexicon())
    snow = next(g for g in groups if "a:c4" in g.claims)
    assert snow.reference_claim is None  # one outlet (and its copy) is not a majority


def test_empty_event() -> None:
    event, docs, claims = make([("a", "outlet", [])])
    assert align_event(event, docs, claims, config(), lexicon())[1] == []


def test_idf_weights_favour_rare_stems_and_ignore_order() -> None:
    from compare.align import idf_weights
    from compare.normalize import normalize
    texts = [normalize(t, lexicon()) for t in [*REF, *WIRE]]
    w = idf_weights(texts)
    assert w == idf_weights(list(reversed(texts)))
    assert w["snow"] > w["danub"] > 0  # "snow" in one claim, "Danube" in two


def test_headline_never_takes_a_body_claims_place() -> None:
    from compare.models import Claim
    event, docs, claims = make([("mfa", "primary", REF), ("wire", "wire", WIRE)],
                               reference="mfa")
    import attrs
    claims = [attrs.evolve(c, headline=True) if c.id == "mfa:c1" else c for c in claims]
    event, groups = align_event(event, docs, claims, config(), lexicon())
    by_ref = {g.reference_claim: g.claims for g in groups}
    assert by_ref["mfa:c1"] == ("mfa:c1",)
    assert isinstance(claims[0], Claim)
