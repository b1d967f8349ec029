"""Contact words and weekdays of more languages, in their inflected forms: a weekday with
a short ending ("i onsdags") or a one-letter clitic ("ביום", "وال"), or an ending in place
of its final vowel ("ხუთშაბათს", "szerdán"), a noun in its construct state ("פגישת"), a
case ending on a loanword ("summitu").

Every text here is written for these tests; the people and places are invented.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.core.models import Document
from compare.events.calendar import EventCalendar
from compare.events.cues import find_cues, kind_of
from compare.events.datephrases import lower_same_length
from compare.events.dates import date_document
from compare.events.foreign_dates import foreign_mentions
from compare.events.locale_dates import locale_dates

D = dt.date
PUB = D(2031, 3, 14)  # a Friday

# (language, text, the event's date): the weekday and the contact word only; the
# publication date is the next day or later.
CASES = [
    ("sv", "Statsministern Ulla Berg och Islands premiärminister kom i onsdags överens om ett nytt "
           "avtal om fiske.", D(2031, 3, 12)),
    ("sv", "Ulla Berg hade i måndags ett videosamtal med Islands premiärminister.", D(2031, 3, 10)),
    ("cs", "Premiér Jan Novák se ve středu na okraj summitu v Rize dohodl s lotyšskou premiérkou na "
           "společném postupu.", D(2031, 3, 12)),
    ("he", "ראש הממשלה אורי לוי קיים ביום שלישי פגישת עבודה עם נשיא איסלנד.", D(2031, 3, 11)),
    ("he", "ראש הממשלה אורי לוי קיים ביום שלישי שיחת טלפון עם נשיא איסלנד.", D(2031, 3, 11)),
    ("fa", "رئیس\u200cجمهور روز سه\u200cشنبه در تماس تلفنی با نخست\u200cوزیر ایسلند درباره همکاری "
           "گفت\u200cوگو کرد.", D(2031, 3, 11)),
    ("ro", "Premierul Ion Stan și omologul său islandez au convenit miercuri asupra unui nou acord "
           "privind pescuitul.", D(2031, 3, 12)),
    ("el", "Ο πρωθυπουργός Γιώργος Λάμπρου είχε την Τετάρτη συνάντηση εργασίας με τον πρωθυπουργό της "
           "Ισλανδίας.", D(2031, 3, 12)),
    ("nl", "Premier Joost Vos heeft dinsdag in Reykjavik gesprekken gevoerd met de IJslandse premier.",
     D(2031, 3, 11)),
    # a case ending that replaces the weekday's final vowel (Georgian dative "-ს", Hungarian
    # "-án"), and the contact words of Georgian and Urdu
    ("ka", "პრემიერ-მინისტრი ლევან გელაშვილი ოთხშაბათს ტელეფონით ესაუბრა ისლანდიის პრემიერს.",
     D(2031, 3, 12)),
    ("ka", "პრემიერ-მინისტრი ლევან გელაშვილი სამშაბათს რეიკიავიკში შეხვდა ისლანდიის პრემიერს.",
     D(2031, 3, 11)),
    ("hu", "Tóth Gábor miniszterelnök szerdán telefonon beszélt az izlandi kormányfővel.", D(2031, 3, 12)),
    ("ur", "وزیراعظم سلیم اختر نے بدھ کو آئس لینڈ کے وزیراعظم سے ٹیلیفون پر بات کی۔", D(2031, 3, 12)),
]


@pytest.mark.parametrize(("lang", "text", "want"), CASES, ids=[f"{c[0]}{i}" for i, c in enumerate(CASES)])
def test_a_weekday_beside_a_contact_word_dates_the_event(lang: str, text: str, want: dt.date) -> None:
    doc = Document(id="t", path="t.txt", sha256="", text=text, language=lang, published=PUB)
    out = date_document(doc, EventCalendar(), ())
    assert out.event_date == want
    assert out.event_date_evidence is not None and out.event_date_evidence.rule == "weekday"


def test_without_the_contact_word_the_stamp_stays() -> None:
    doc = Document(id="t", path="t.txt", sha256="", text="Ulla Berg åkte i onsdags till Reykjavik.",
                   language="sv", published=PUB)
    assert date_document(doc, EventCalendar(), ()).event_date == PUB


def _weekdays(text: str, lang: str) -> list[tuple[str, int | None]]:
    return [(m.quote, m.weekday) for m in foreign_mentions(text, lower_same_length(text), (), (), lang)
            if m.kind == "weekday"]


def test_endings_and_clitics_of_weekdays() -> None:
    assert _weekdays("i onsdags", "sv") == [("onsdags", 2)]
    assert _weekdays("ביום חמישי", "he") == [("ביום חמישי", 3)]
    assert _weekdays("والخميس الماضي", "ar") == [("والخميس", 3)]
    # a short form takes no ending: Romanian "luni" is Monday, "lunile" is "the months"
    assert _weekdays("în ultimele lunile", "ro") == []
    assert _weekdays("luni", "ro") == [("luni", 0)]
    # an ending is a few letters, not a compound's second word
    assert _weekdays("onsdagskvällen", "sv") == []
    # a weekday's final vowel gives way to an ending of one or two letters, never to none
    # or to more
    assert _weekdays("ხუთშაბათს", "ka") == [("ხუთშაბათს", 3)]
    assert _weekdays("szerdán", "hu") == [("szerdán", 2)]
    assert _weekdays("ხუთშაბათ", "ka") == [] and _weekdays("szerdákat", "hu") == []


@given(st.sampled_from(["sv", "nl", "cs", "fi", "pl", "el", "ro", "de", "it"]), st.integers(0, 6),
       st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8))
def test_a_weekday_with_a_long_tail_is_no_weekday(lang: str, day: int, tail: str) -> None:
    table = locale_dates(lang)
    if table is None:
        return
    for word, n in table.weekdays.items():
        if n == day:
            assert _weekdays(f"x {word}{tail} y", lang) == []
            assert _weekdays(f"x {word} y", lang) in ([(word, day)], [])  # a longer form may win


def test_contact_words_in_more_languages() -> None:
    calls = ("שיחת וידאו", "در تماس تلفنی", "o convorbire telefonică", "ett videosamtal", "mazungumzo kwa simu",
             "een videogesprek", "telefonický rozhovor", "ტელეფონით ესაუბრა", "ٹیلیفون پر بات کی")
    meetings = ("na okraj summitu", "פגישת עבודה", "vid besöket i", "κατά τη συνάντησή τους", "mkutano wa kilele",
                "chuyến thăm chính thức", "tijdens de bijeenkomst", "შეხვედრის დროს")
    for text in calls:
        assert kind_of(find_cues(lower_same_length(text))) == "call", text
    for text in meetings:
        assert kind_of(find_cues(lower_same_length(text))) == "meeting", text
    # whole words where the language does not glue affixes on: "simulate" is no "simu"
    assert find_cues("they simulate it") == []


def test_persian_weekdays_in_both_spellings() -> None:
    assert _weekdays("روز دو شنبه", "fa") == [("دو شنبه", 0)]
    assert _weekdays("روز یکشنبه", "fa") == [("یکشنبه", 6)]  # Persian kaf and yeh
    assert _weekdays("روز شنبه", "fa") == [("روز شنبه", 5)]


def test_weekdays_of_the_baltic_languages_and_albanian() -> None:
    # Lithuanian: the nominative's final vowel and "s" give way to a case ending
    # ("ketvirtadienis", Thursday; "ketvirtadienį", on Thursday)
    assert _weekdays("ketvirtadienį", "lt") == [("ketvirtadienį", 3)]
    assert _weekdays("antradienio", "lt") == [("antradienio", 1)]
    # Latvian: the weekday adverb is the form without its final vowel
    assert _weekdays("ceturtdien", "lv") == [("ceturtdien", 3)]
    assert _weekdays("otrdien", "lv") == [("otrdien", 1)]
    # Albanian writes the weekday with an article ("e enjte"); "të enjten" declines both
    assert _weekdays("të enjten", "sq") == [("enjten", 3)]
    # a Spanish form in "-es" leaves too short a stem to take an ending: "Marta" is a name
    assert _weekdays("Marta", "es") == []
    # a bare stem is a weekday only where the language writes one (Latvian, not Georgian)
    assert _weekdays("ხუთშაბათ", "ka") == []


def test_a_day_and_month_written_without_a_space() -> None:
    # Latvian and Slovak agencies write "3.decembris", "3.decembra"
    from compare.events.locale_dates import locale_dates as table

    lv = table("lv")
    assert lv is not None
    m = lv.day_month[0].search("RĪGA, 3.decembris (LETA) – Valsts prezidents")
    assert m is not None and m["day"] == "3" and m["mon"] == "decembris"
    # a number with a point before a word is no date unless the word is a month
    assert lv.day_month[0].search("versija 3.dienas plāns") is None


def test_a_short_slavic_weekday_in_the_accusative() -> None:
    # "sreda" (Wednesday) is too short for endings in general; after "on" Slavic languages
    # put it in the accusative ("v sredo", "w środę")
    assert _weekdays("v sredo", "sl") == [("sredo", 2)]
    assert _weekdays("w środę", "pl") == [("środę", 2)]
    # only Slavic languages, and only that one letter: Portuguese "terço" (a third) and
    # "sexto" (sixth) are no Tuesday or Friday, Slovenian "sredina" (middle) no Wednesday
    assert _weekdays("um terço", "pt") == [] and _weekdays("o sexto", "pt") == []
    assert _weekdays("v sredini", "sl") == []


def test_weekdays_of_devanagari_spellings_and_icelandic() -> None:
    # Nepali writes Thursday "बिहिबार" and "बिहीबार" (a vowel short or long)
    assert _weekdays("बिहीबार", "ne") == [("बिहीबार", 3)] and _weekdays("बिहिबार", "ne") == [("बिहिबार", 3)]
    # Icelandic "fimmtudagur" (Thursday) gives up its nominative "-ur": "á fimmtudag"
    assert _weekdays("á fimmtudag", "is") == [("fimmtudag", 3)]
    assert _weekdays("fimmtudagskvöld", "is") == []  # a compound's second word is no ending


def test_contact_words_of_one_language_are_no_cue_in_another() -> None:
    # stems of the new languages' contact words would read ordinary words of others:
    # English "funding" (Icelandic "fund-"), Indonesian "sarung" (Latvian "sarun-"),
    # Turkish "danışman" (Azerbaijani "danış-"), Finnish "kohtuullinen" (Estonian "kohtu-")
    for text in ("new funding for fundamental research", "sarung batik", "danışmanı açıkladı",
                 "kohtuullinen hinta"):
        assert find_cues(text) == [], text
    # their own forms still are
    for text in ("fundaði með", "telefonsaruna", "telefonla danışıb", "kohtus eile"):
        assert find_cues(text), text


def test_tamil_weekdays_joined_to_the_word_for_day() -> None:
    # "வியாழன்" (Thursday) and "கிழமை" (day) make "வியாழக்கிழமை"; the short "சனி"
    # (Saturday) too; the word for "day" alone is no weekday
    assert _weekdays("வியாழக்கிழமை", "ta") == [("வியாழக்கிழமை", 3)]
    assert _weekdays("திங்கட்கிழமை", "ta") == [("திங்கட்கிழமை", 0)]
    assert _weekdays("ஞாயிற்றுக்கிழமை", "ta") == [("ஞாயிற்றுக்கிழமை", 6)]
    assert _weekdays("சனிக்கிழமை", "ta") == [("சனிக்கிழமை", 5)]
    assert _weekdays("வியாழக்கிழமையன்று", "ta") == [("வியாழக்கிழமையன்று", 3)]  # on Thursday
    assert _weekdays("கிழமை", "ta") == []
