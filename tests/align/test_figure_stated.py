"""A figure of the reference claim in another claim of the document
(:func:`compare.align.elsewhere.figure_stated`): the document reports the
claim in words alignment did not pair, so it is no omission.  Sentences written
for these tests (fictional), in Persian, Hungarian, Thai, Swahili and English."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_align import REF, config, lexicon, make

from compare.align.alignment import align_event
from compare.align.elsewhere import figure_stated
from compare.align.flags import flag_event
from compare.core.models import Claim


def claim(doc: str, n: int, text: str) -> Claim:
    return Claim(id=f"{doc}:c{n}", document=doc, event="e", text=text, span=(0, len(text)))


REF_FA = claim("ref", 1, "ایران سالانه ۴۵ هزار تن گندم از مجارستان وارد می‌کند")


def test_a_translated_figure_is_stated() -> None:
    hu = [claim("hu", 1, "A két elnök videohívást folytatott szerdán."),
          claim("hu", 2, "Irán évente 45 ezer tonna búzát vásárol Magyarországtól.")]
    assert figure_stated(REF_FA, "fa", hu, "hu", lexicon())
    # another figure (a changed one) is not the claim stated
    changed = [hu[0], claim("hu", 2, "Irán évente 65 ezer tonna búzát vásárol.")]
    assert not figure_stated(REF_FA, "fa", changed, "hu", lexicon())


def test_an_unread_scale_word_and_another_calendar() -> None:
    th = claim("ref", 1, "รัฐบาลจะลงทุน 3,400 ล้านบาทในท่าเรือภายในปี 2574")
    en = [claim("en", 1, "The government will invest 3.4 billion baht in the port by 2031.")]
    assert figure_stated(th, "th", en, "en", lexicon())
    sw = [claim("sw", 1, "Serikali itawekeza kwenye bandari ifikapo 2031.")]
    assert not figure_stated(th, "th", sw, "sw", lexicon())  # a year alone tells nothing


@given(st.integers(1, 31) | st.integers(1800, 2200))
def test_counts_days_and_years_are_no_evidence(n: int) -> None:
    ref = claim("ref", 1, f"The ministers agreed on point {n} of the plan.")
    doc = [claim("doc", 1, f"Point {n} was agreed, the agency said.")]
    assert not figure_stated(ref, "en", doc, "sw", lexicon())


@given(st.integers(32, 1799) | st.integers(2201, 99999))
def test_a_telling_figure_in_any_claim_counts(n: int) -> None:
    ref = claim("ref", 1, f"The fund will pay {n} grants to farmers.")
    doc = [claim("doc", 1, "Wakulima wamefurahi."), claim("doc", 2, f"Ruzuku {n} zitatolewa.")]
    assert figure_stated(ref, "en", doc, "sw", lexicon())
    assert not figure_stated(ref, "en", doc[:1], "sw", lexicon())


def test_the_carrier_is_neither_omission_nor_addition() -> None:
    # the wire says the readout's claim in other words, with its figure: no
    # omission of the readout's claim, no addition of the wire's
    fund = "The ministers agreed that the fund will pay 4,750 grants to farmers in the north."
    said = "An official added that 4,750 rural households can expect cheques by winter."
    event, docs, claims = make([("mfa", "primary", [*REF, fund]), ("wire", "wire", [*REF, said])],
                               reference="mfa")
    ev, groups = align_event(event, docs, claims, config(), lexicon())
    assert not any(set(g.claims) >= {"mfa:c5", "wire:c5"} for g in groups)  # not paired
    flags = flag_event(ev, docs, claims, groups, lexicon(), config())
    text = {c.id: c.text for c in claims}
    about = {text.get(f.claim or f.reference_claim or "") for f in flags}
    assert fund not in about and said not in about
    assert figure_stated(claim("mfa", 5, fund), "en", [claim("wire", 5, said)], "en",
                         lexicon()) == frozenset({"wire:c5"})
