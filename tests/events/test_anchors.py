"""Names anchored across documents (compare.events.anchors) and name words compared across
scripts (compare.events.identity.same_word).  Every text is written for these tests."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.core.models import Document, Evidence
from compare.events.anchors import anchor_people
from compare.events.cluster import cluster_documents
from compare.events.identity import read_word, same_word

D = dt.date
DAY = D(2031, 3, 10)
PAIR = ("Ilona Varga (Hungary)", "Tomas Kral (Czech Republic)")

TEXTS = {
    "fi": "Unkarin pääministeri Ilona Varga ja Tšekin pääministeri Tomas Kral tapasivat maanantaina "
          "Riiassa ja sopivat kaasuputken rakentamisesta.",
    "el": "Η πρωθυπουργός της Ουγγαρίας Ιλόνα Βάργκα συναντήθηκε τη Δευτέρα στη Ρίγα με τον Τσέχο "
          "πρωθυπουργό Τόμας Κραλ.",
    "ar": "التقت رئيسة وزراء المجر إيلونا فارغا يوم الاثنين في ريغا رئيس وزراء التشيك توماس كرال.",
    "he": "ראש ממשלת הונגריה אילונה וארגה נפגשה ביום שני בריגה עם ראש ממשלת צ'כיה תומאס קראל.",
    "ka": "უნგრეთის პრემიერ-მინისტრი ილონა ვარგა ორშაბათს რიგაში შეხვდა ჩეხეთის პრემიერს ტომას კრალს.",
}


def doc(doc_id: str, text: str, day: dt.date | None = DAY, participants: tuple[str, ...] = (),
        language: str = "en") -> Document:
    ev = Evidence("x", "explicit", 0.8, 0) if day else None
    return Document(id=doc_id, path=f"{doc_id}.txt", sha256="", text=text, language=language, event_date=day,
                    event_date_evidence=ev, event_kind="meeting", participants=participants)


def wire() -> Document:
    return doc("wire", "Prime Ministers Ilona Varga and Tomas Kral met in Riga on Monday.", participants=PAIR)


def test_a_pair_named_by_one_document_is_found_in_five_scripts() -> None:
    docs = [wire(), *(doc(lang, text, language=lang) for lang, text in TEXTS.items())]
    out = {d.id: d.participants for d in anchor_people(docs)}
    for lang in TEXTS:
        assert set(out[lang]) == set(PAIR), lang


def test_the_documents_of_one_meeting_form_one_event_without_any_title_reader() -> None:
    docs = [wire(), *(doc(lang, text, language=lang) for lang, text in TEXTS.items())]
    events, _ = cluster_documents(docs)
    assert [len(e.documents) for e in events] == [6]


def test_a_name_of_another_week_one_word_or_words_apart_anchors_nothing() -> None:
    far = doc("far", TEXTS["el"], day=DAY + dt.timedelta(days=20), language="el")
    one = doc("one", "Kral sagte am Montag in Riga, die Gespräche seien gut gewesen.", language="de")
    apart = doc("apart", "Tomas sprach mit Ilona. Später kam Kral, dann Varga.", language="de")
    out = {d.id: d.participants for d in anchor_people([wire(), far, one, apart])}
    assert out["far"] == () and out["one"] == () and out["apart"] == ()


def test_a_document_that_names_two_keeps_them_and_one_named_gains_the_other() -> None:
    two = doc("two", TEXTS["fi"], participants=("Anna Berg (Sweden)", "Olli Koski (Finland)"), language="fi")
    one = doc("one", TEXTS["fi"], participants=("Tomas Kral (Czech Republic)",), language="fi")
    out = {d.id: d.participants for d in anchor_people([wire(), two, one])}
    assert out["two"] == two.participants
    assert out["one"] == ("Tomas Kral (Czech Republic)", "Ilona Varga (Hungary)")


def test_names_read_in_a_script_without_capitals_that_nobody_confirms_give_way() -> None:
    # a title reader took a verb and an adverb for a name ("همچنین اعلام", "also announced")
    # and a noun for the other; the lead writes the two people the wire names
    misread = doc("he", TEXTS["he"], participants=("שוחחה ביום", "הנשיא היום"), language="he")
    confirmed = doc("ar", TEXTS["ar"], participants=("إيلونا فارغا", "توماس كرال"), language="ar")
    latin = doc("fi", TEXTS["fi"], participants=("Anna Berg (Sweden)", "Olli Koski (Finland)"), language="fi")
    out = {d.id: d.participants for d in anchor_people([wire(), misread, confirmed, latin])}
    assert out["he"][:2] == PAIR
    assert out["ar"] == confirmed.participants  # the wire names them: kept as they are
    assert out["fi"] == latin.participants  # names read by their capitals: kept
    events, _ = cluster_documents([wire(), misread])
    assert len(events) == 1


def test_unconfirmed_names_without_the_others_in_the_lead_are_dropped_only_beside_named_pages() -> None:
    # the lead writes nobody the wire names: its misread names would make it another contact
    text = "ראש הממשלה שוחח ביום שני עם עמיתו על צינור הגז."
    misread = doc("he", text, participants=("שוחח ביום", "עמיתו על"), language="he")
    assert {d.id: d.participants for d in anchor_people([wire(), misread])}["he"] == ()
    # with no other page naming anyone nearby, its names are all there is: kept
    alone = doc("he2", text, participants=("שוחח ביום", "עמיתו על"), language="he")
    far_wire = doc("wire", "Prime Ministers Ilona Varga and Tomas Kral met in Riga.",
                   day=DAY + dt.timedelta(days=20), participants=PAIR)
    assert {d.id: d.participants for d in anchor_people([far_wire, alone])}["he2"] == alone.participants


def test_surname_first_and_case_endings() -> None:
    # Hungarian writes the surname first; Finnish adds a case ending ("Kralin", genitive)
    hu = doc("hu", "Varga Ilona magyar miniszterelnök hétfőn Rigában találkozott a cseh kormányfővel, "
             "Kral Tomassal.", language="hu")
    fi = doc("fi", "Pääministeri Tomas Kralin mukaan tapaaminen oli hyödyllinen.", language="fi")
    out = {d.id: d.participants for d in anchor_people([wire(), hu, fi])}
    assert set(out["hu"]) == set(PAIR)
    assert out["fi"] == ("Tomas Kral (Czech Republic)",)


def test_name_words_across_scripts() -> None:
    assert same_word("Σένγκτονγκ", "Sengtong")  # Greek "γκ" is g
    assert same_word("Κένεντι", "Kennedy") and same_word("Λουντ", "Lund")  # "ντ" is d or nd inside a word
    assert same_word("Βάργκα", "Varga") and same_word("Κραλ", "Kral")
    assert same_word("وارغا", "Varga") and same_word("קראל", "Kral")
    assert same_word("Кралом", "Kral")  # a Russian instrumental ending
    assert same_word("Айно", "Aino")
    assert same_word("Kralin", "Kral") and same_word("Vargan", "Varga")
    assert not same_word("Marek", "Mark") and not same_word("Nowak", "Novak")
    assert not same_word("Kral", "Karl")
    assert read_word("กิตติพงษ์") == "kittiphng"  # the letter under the silencing mark is not read


# --------------------------------------------------------------------------- properties

_LATIN = st.text(alphabet="abcdefghijklmnoprstuvyz", min_size=4, max_size=10)
_SYLLABLES = st.lists(st.tuples(st.sampled_from("klmprstd"), st.sampled_from("aeio")), min_size=2, max_size=5)
_TO_GREEK = str.maketrans("klmprstdaeio", "κλμπρστδαειο")
_TO_CYRILLIC = str.maketrans("klmprstdaeio", "клмпрстдаэио")
_ANY = st.text(alphabet="abcdkmrstvАБВКМРαβκμρשלמוכבاوبكمرყკმ ", min_size=0, max_size=8)


@given(_ANY, _ANY)
@settings(max_examples=300, deadline=None)
def test_same_word_is_symmetric(a: str, b: str) -> None:
    assert same_word(a, b) == same_word(b, a)


@given(_LATIN, st.text(alphabet="aeinosu", max_size=3))
@settings(max_examples=200, deadline=None)
def test_a_case_ending_of_up_to_three_letters_is_the_same_name(stem: str, ending: str) -> None:
    assert same_word(stem.title(), (stem + ending).title())


@given(_SYLLABLES)
@settings(max_examples=200, deadline=None)
def test_a_name_written_in_greek_or_cyrillic_letters_is_its_latin_spelling(syllables: list[tuple[str, str]]) -> None:
    word = "".join(c + v for c, v in syllables)
    assert same_word(word.title(), word.translate(_TO_GREEK).title())
    assert same_word(word.title(), word.translate(_TO_CYRILLIC).title())


_TO_ARABIC = {"b": "ب", "t": "ت", "d": "د", "r": "ر", "s": "س", "k": "ك", "l": "ل", "m": "م", "n": "ن"}
_ARABIC_VOWELS = {"a": "ا", "i": "ي", "u": "و"}


@given(st.lists(st.tuples(st.sampled_from(sorted(_TO_ARABIC)), st.sampled_from("aiu"), st.booleans()),
                min_size=2, max_size=5))
@settings(max_examples=200, deadline=None)
def test_a_name_written_in_arabic_consonants_is_its_latin_spelling(syllables: list[tuple[str, str, bool]]) -> None:
    # Arabic script writes the consonants and some vowels (long ones), never the short ones
    latin = "".join(c + v for c, v, _ in syllables)
    arabic = "".join(_TO_ARABIC[c] + (_ARABIC_VOWELS[v] if long else "") for c, v, long in syllables)
    assert same_word(latin.title(), arabic)


@given(_LATIN, _LATIN)
@settings(max_examples=300, deadline=None)
def test_two_latin_words_that_start_differently_are_never_one_name(a: str, b: str) -> None:
    if a[0] != b[0]:
        assert not same_word(a.title(), b.title())


@given(st.lists(st.tuples(st.sampled_from(["Ilona Varga", "Tomas Kral", "Anna Berg", "Olli Koski"]),
                          st.integers(0, 30)), min_size=1, max_size=5),
       st.lists(st.sampled_from(["Ilona", "Varga", "Tomas", "Kral", "Berg", "Koski", "und", "met", "Riga"]),
                max_size=12))
@settings(max_examples=100, deadline=None)
def test_anchoring_only_adds_people_named_in_another_document(named: list[tuple[str, int]], words: list[str]) -> None:
    docs = [doc(f"d{i}", name, day=DAY + dt.timedelta(days=off), participants=(name,))
            for i, (name, off) in enumerate(named)]
    docs.append(doc("x", " ".join(words)))
    out = anchor_people(docs)
    assert [d.id for d in out] == [d.id for d in docs]
    for before, after in zip(docs, out, strict=True):
        assert after.participants[:len(before.participants)] == before.participants
        added = after.participants[len(before.participants):]
        assert len(set(added)) == len(added)
        for label in added:
            assert any(label in o.participants for o in docs if o.id != before.id
                       and abs((o.event_date - before.event_date).days) <= 3)  # type: ignore[operator]
            # the two name words stand side by side in the text
            first, last = label.split()[:2]
            assert f"{first} {last}" in before.text or f"{last} {first}" in before.text


def test_a_country_role_gives_way_to_the_found_person_of_that_country() -> None:
    role = doc("role", TEXTS["el"], participants=("Hungary",), language="el")
    out = {d.id: d.participants for d in anchor_people([wire(), role])}
    assert set(out["role"]) == set(PAIR)


def test_the_people_of_the_sentence_that_dates_the_event_come_first() -> None:
    # Kral met Varga on one day and Lund the next; the Greek page reports the second meeting
    # and recalls the first in its opening sentence
    day2 = DAY + dt.timedelta(days=1)
    ab = doc("ab", "x", participants=("Tomas Kral (Czech Republic)", "Ilona Varga (Hungary)"))
    ac = doc("ac", "y", day=day2, participants=("Tomas Kral (Czech Republic)", "Anders Lund (Norway)"))
    text = ("Χθες ο Τόμας Κραλ συναντήθηκε με την Ιλόνα Βάργκα στη Ρίγα. Σήμερα συναντήθηκε στο Όσλο "
            "με τον Άντερς Λουντ για την ενέργεια.")
    page = attrs.evolve(doc("el", text, day=day2, language="el"),
                        event_date_evidence=Evidence("Σήμερα", "explicit", 0.8, text.index("Σήμερα")))
    out = {d.id: d.participants for d in anchor_people([ab, ac, page])}
    assert out["el"][0] == "Anders Lund (Norway)"
    events, _ = cluster_documents([ab, ac, page])
    assert sorted(sorted(e.documents) for e in events) == [["ab"], ["ac", "el"]]
