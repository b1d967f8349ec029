"""The reference of an event with two primary readouts (the pages of both
governments): the one whose claims the other outlets support most
(:func:`compare.align.languages.best_supported_primary`), not merely the
earlier published.  Events written for these tests (fictional), in Spanish and
Finnish."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align.alignment import align_event
from compare.align.languages import best_supported_primary
from compare.core.models import Claim, Document, Event
from tests.align.test_align import lexicon, make
from tests.align.test_grouping import graph

# The readout the outlets follow (published second) and the other government's
# page (published first), which adds two claims no outlet carries.
FOLLOWED = ["Los ministros Ibarra y Lindqvist acordaron ampliar la línea ferroviaria de mercancías.",
            "Ibarra invitó a Lindqvist a la feria agrícola de Zaragoza en octubre.",
            "Ambos ministros firmaron un memorando sobre becas para estudiantes."]
OTHER = ["Los ministros Ibarra y Lindqvist acordaron ampliar la línea ferroviaria de mercancías.",
         "El ministro Lindqvist presentó el nuevo museo de diseño de su ciudad natal.",
         "Lindqvist recordó la larga tradición de los coros de su región."]
OUTLET_A = ["Los ministros Ibarra y Lindqvist acordaron ampliar la línea ferroviaria de mercancías.",
            "Ibarra invitó a Lindqvist a la feria agrícola de Zaragoza en octubre."]
OUTLET_B = ["Ibarra invitó a Lindqvist a la feria agrícola de Zaragoza en octubre.",
            "Ambos ministros firmaron un memorando sobre becas para estudiantes."]


def _event() -> tuple[Event, list[Document], list[Claim]]:
    event, docs, claims = make([("gov-a", "primary", OTHER), ("gov-b", "primary", FOLLOWED),
                                ("outlet-a", "outlet", OUTLET_A), ("outlet-b", "outlet", OUTLET_B)],
                               reference="gov-a")
    days = {"gov-a": dt.date(2031, 3, 4), "gov-b": dt.date(2031, 3, 5)}
    docs = [attrs.evolve(d, language="es", published=days.get(d.id, dt.date(2031, 3, 5)))
            for d in docs]
    return event, docs, claims


def test_the_primary_the_outlets_follow_is_the_reference() -> None:
    event, docs, claims = _event()
    assert event.reference == "gov-a"  # the events stage's choice: the earlier published
    out, groups = align_event(event, docs, claims, graph(), lexicon())
    assert out.reference == "gov-b" and out.reference_basis == "primary"
    refs = {g.reference_claim for g in groups if g.reference_claim}
    assert refs and all(r.startswith("gov-b:") for r in refs)


def test_one_primary_keeps_its_reference() -> None:
    event, docs, claims = _event()
    docs = [attrs.evolve(d, outlet_role="outlet") if d.id == "gov-b" else d for d in docs]
    out, _ = align_event(event, docs, claims, graph(), lexicon())
    assert out.reference == "gov-a"


def _claim(doc: str, n: int) -> Claim:
    return Claim(id=f"{doc}:c{n}", document=doc, event="ev", text=f"claim {n}", span=(n, n + 1))


FINNISH_IDS = ["valtioneuvosto", "tasavallanpresidentti", "uutistoimisto", "iltalehti", "blogi"]


@given(st.lists(st.lists(st.sampled_from(FINNISH_IDS), min_size=1, max_size=5, unique=True),
                max_size=8),
       st.permutations(FINNISH_IDS))
@settings(max_examples=100, deadline=None)
def test_choice_is_a_primary_and_order_free(groups: list[list[str]], order: list[str]) -> None:
    # any groups: the choice is one of the primaries, and neither the order of
    # the documents nor of the groups changes it
    roles = {"valtioneuvosto": "primary", "tasavallanpresidentti": "primary"}
    by_id = {d: Document(id=d, path=f"{d}.txt", sha256=d, text="x", outlet=d,
                         outlet_role=roles.get(d, "outlet"))  # type: ignore[arg-type]
             for d in order}
    roots = {d: d for d in order}
    grp = [[_claim(d, n) for d in g] for n, g in enumerate(groups)]
    claims = [c for g in grp for c in g]
    event, _, _ = make([], reference="valtioneuvosto")
    chosen = best_supported_primary(event, by_id, roots, claims, grp)
    assert chosen in roles
    again = best_supported_primary(event, dict(reversed(list(by_id.items()))), roots,
                                   list(reversed(claims)), list(reversed(grp)))
    assert again == chosen

