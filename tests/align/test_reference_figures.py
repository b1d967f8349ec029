"""The reference claim of a group without a primary readout: a member whose
figure the other members do not share is not it, however central its
wording or language (alignment._central, _figure_outliers).  Sentences
written for these tests (fictional), in Danish, Spanish, Polish and Czech."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st
from test_align import lexicon

from compare.align.alignment import _central, _figure_outliers
from compare.core.models import Claim, Document


def doc(did: str, lang: str) -> Document:
    return Document(id=did, path=f"{did}.txt", sha256=did, text="x", outlet=did,
                    outlet_role="outlet", language=lang)


def claim(did: str, text: str) -> Claim:
    return Claim(id=f"{did}:c1", document=did, event="e", text=text, span=(0, len(text)))


DOCS = {"da": doc("da", "da"), "es": doc("es", "es"), "pl": doc("pl", "pl"), "cs": doc("cs", "cs")}
GROUP = [
    # the only member in the event's main language (Danish), and the longest: the
    # reference claim by language and by length, but its figure is the odd one
    claim("da", "Danmark giver 640 millioner kroner til vandforsyningen i provinsen over fem år, "
                "oplyste ministeriet."),
    claim("es", "Dinamarca aportará 480 millones de coronas al agua potable de la provincia."),
    claim("pl", "Dania przekaże 480 mln koron na wodociągi w prowincji."),
    claim("cs", "Dánsko poskytne 480 milionů korun na vodovody v provincii."),
]


def test_the_member_with_the_odd_figure_is_no_reference() -> None:
    assert _figure_outliers(GROUP, DOCS, lexicon()) == frozenset({"da:c1"})
    chosen = _central(GROUP, DOCS, {}, lexicon(), "da")
    assert chosen.document != "da"


def test_without_figures_or_with_too_few_members_nothing_is_odd() -> None:
    words = [attrs.evolve(c, text=c.text.split(" ")[0] + " og provinsen.") for c in GROUP]
    assert _figure_outliers(words, DOCS, lexicon()) == frozenset()
    assert _figure_outliers(GROUP[:2], DOCS, lexicon()) == frozenset()
    assert _central(GROUP[:2], DOCS, {}, lexicon(), "da").document == "da"


# Not 64: the Danish 640 read without its scale word is then 64 million times
# 10^-5, a power of ten that same_across accepts (a lakh, 10^5, is a scale word
# in Indian languages), so the Danish member shares the others' figure.
@given(st.permutations(range(4)), st.integers(32, 900).filter(lambda n: n != 64))
def test_the_outliers_do_not_depend_on_the_order(order: list[int], n: int) -> None:
    group = [attrs.evolve(c, text=c.text.replace("480", str(n))) for c in GROUP]
    got = _figure_outliers([group[i] for i in order], DOCS, lexicon())
    assert got == (frozenset() if n == 640 else frozenset({"da:c1"}))
