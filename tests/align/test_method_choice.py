"""Which alignment method ``auto`` runs for an event
(:func:`compare.align.languages.pivot_applies`, ``alignment.pivot_language_share``):
the pivot when the event has a primary readout told mostly in the readout's
language, the graph otherwise.  Events in Italian, Polish, Czech and Swedish
written for these tests (fictional)."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align.alignment import align_event
from compare.align.languages import pivot_applies
from compare.core.models import Claim, Document, Event
from tests.align.test_align import config, lexicon, make
from tests.align.test_grouping import _pairs, needs_model

READOUT = ["Il ministro Ferri e la ministra Nowak hanno concordato di riaprire il valico di Tarvisio.",
           "I due ministri hanno parlato anche delle borse di studio per gli studenti."]
POLISH = ["Minister Nowak i minister Ferri uzgodnili ponowne otwarcie przejścia w Tarvisio.",
          "Rozmawiano także o stypendiach dla studentów."]
CZECH = ["Ministři Ferri a Nowaková se dohodli na znovuotevření přechodu Tarvisio.",
         "Jednali také o stipendiích pro studenty."]
SWEDISH = ["Ministrarna Ferri och Nowak kom överens om att öppna gränsövergången i Tarvisio igen.",
           "De talade också om stipendier för studenter."]


def _event(langs: dict[str, str]) -> tuple[Event, list[Document], list[Claim]]:
    texts = {"it": READOUT, "pl": POLISH, "cs": CZECH, "sv": SWEDISH}
    rows = [(d, "primary" if d == "it" else "outlet", texts[d]) for d in langs]
    event, docs, claims = make(rows)
    docs = [attrs.evolve(d, language=langs[d.id]) for d in docs]
    return event, docs, claims


@needs_model
def test_readout_in_a_minority_language_is_clustered_as_a_graph() -> None:
    event, docs, _ = _event({"it": "it", "pl": "pl", "cs": "cs", "sv": "sv"})
    cfg = attrs.evolve(config(), align_method="auto", align_pivot_language_share=0.5)
    assert pivot_applies(event, docs, attrs.evolve(cfg, align_pivot_language_share=0.0))
    assert not pivot_applies(event, docs, cfg)  # 1 of 4 documents in Italian
    # the same event told in Italian by most outlets keeps the pivot
    same = [attrs.evolve(d, language="it") if d.id in ("pl", "cs") else d for d in docs]
    assert pivot_applies(event, same, cfg)
    # an unknown language counts as the readout's
    unknown = [attrs.evolve(d, language="und") if d.id != "it" else d for d in docs]
    assert pivot_applies(event, unknown, cfg)
    # without a primary readout: graph; explicit methods win
    plain = [attrs.evolve(d, outlet_role="outlet") for d in docs]
    assert not pivot_applies(event, plain, cfg)
    assert pivot_applies(event, docs, attrs.evolve(cfg, align_method="pivot"))
    assert not pivot_applies(event, docs, attrs.evolve(cfg, align_method="graph"))


@given(st.lists(st.sampled_from(["it", "pl", "cs", "sv", "und"]), min_size=1, max_size=8),
       st.floats(0, 1))
@settings(max_examples=100, deadline=None)
def test_pivot_share_is_monotone(langs: list[str], share: float) -> None:
    # more of the readout's language never turns the pivot off, a higher share never on
    event, docs, _ = _event({"it": "it", "pl": "pl"})
    extra = [attrs.evolve(docs[1], id=f"x{n}", language=lang) for n, lang in enumerate(langs)]
    all_docs = [docs[0], *extra]
    cfg = attrs.evolve(config(), align_method="auto", align_pivot_language_share=share)
    on = pivot_applies(event, all_docs, cfg)
    assert pivot_applies(event, all_docs, attrs.evolve(cfg, align_pivot_language_share=0.0))
    if not on:
        assert not pivot_applies(event, all_docs,
                                 attrs.evolve(cfg, align_pivot_language_share=min(1.0, share + 0.1)))
    more = [docs[0], *(attrs.evolve(d, language="it") for d in extra)]
    assert pivot_applies(event, more, cfg)


@needs_model
def test_foreign_documents_meet_each_other_without_the_readout_wording() -> None:
    # Polish, Czech and Swedish each say the crossing reopens; under the graph
    # the three pair with each other as well as with the Italian readout.
    event, docs, claims = _event({"it": "it", "pl": "pl", "cs": "cs", "sv": "sv"})
    cfg = attrs.evolve(config(), align_method="auto", align_pivot_language_share=0.5)
    _, groups = align_event(event, docs, claims, cfg, lexicon())
    pairs = _pairs(groups)
    assert frozenset(("pl:c1", "cs:c1")) in pairs
    assert frozenset(("it:c1", "sv:c1")) in pairs
    assert frozenset(("pl:c1", "cs:c2")) not in pairs
