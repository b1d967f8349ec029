"""Leaders named by title in Japanese, Korean, Arabic and Hindi, and their surnames meeting
the Latin spelling.  Every sentence here is written for these tests; the leaders are
invented."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.core.models import Document
from compare.events.calendar import EventCalendar
from compare.events.cluster import cluster_documents
from compare.events.datephrases import lower_same_length
from compare.events.dates import date_document
from compare.events.identity import latin, same_name, surname_key
from compare.events.titles import foreign_titled_people
from compare.ingest.documents import detect_language

D = dt.date


def _read(text: str) -> list[tuple[str | None, str | None]]:
    return [(p.name, p.country) for p in foreign_titled_people(text, lower_same_length(text))]


@pytest.mark.parametrize(("text", "want"), [
    # the name before the title, the state's long form between them; 内閣総理大臣 is Japan's
    ("小野寺誠内閣総理大臣は、ブディ・ハルトノ・インドネシア共和国大統領と電話会談を行った。",
     [("小野寺誠", "Japan"), ("ブディ ハルトノ", "Indonesia")]),
    # a country before the name with の; a kanji name and 首相 without a country is Japan's
    ("ケニアのワンジル大統領は11日、小野寺首相と会談した。", [("ワンジル", "Kenya"), ("小野寺", "Japan")]),
    # a country abbreviation between name and title; a vice president is no president
    ("ベルグ英首相とモラレス副大統領が出席した。", [("ベルグ", "United Kingdom")]),
    # "the said prime minister", "both leaders": no names
    ("同首相は両首脳の合意を歓迎した。", []),
    # an office, a former prime minister: no leader of the contact
    ("韓国大統領府は、小野寺元首相が首相官邸を訪れたと発表した。", []),
])
def test_japanese_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # a Japanese name is family name first in Korean: turned to the Latin order
    ("오노데라 마코토 일본 총리는 11일 브라질의 헬레나 프라두 대통령과 전화 통화를 했다.",
     [("마코토 오노데라", "Japan"), ("헬레나 프라두", "Brazil")]),
    ("그는 어제 케냐 대통령과 만났다.", [(None, "Kenya")]),
    ("박서준 대통령은 프랑스 외교장관을 접견했다.", [("박서준", None), (None, "France")]),
    # the presidential office, a minister of a ministry: no names
    ("대통령실은 국방부 장관의 방문을 발표했다.", []),
])
def test_korean_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # title, nationality adjective, name; a verb after the name is not part of it
    ("أجرى رئيس الوزراء الياباني ماكوتو أونوديرا اتصالاً هاتفياً مع الرئيسة البرازيلية هيلينا برادو.",
     [("ماكوتو أونوديرا", "Japan"), ("هيلينا برادو", "Brazil")]),
    # the country as a noun in the genitive; the counterpart; an Arabic comma ends the name
    ("بحث رئيس وزراء السويد نيلس بيرغ مع نظيره الكيني غريس، التعاون في الطاقة.",
     [("نيلس بيرغ", "Sweden"), ("غريس", "Kenya")]),
    ("قال الرئيس المصري إن المحادثات كانت مثمرة.", [(None, "Egypt")]),
    # the adjective of a country CLDR writes in "-يا" drops it ("ماليزيا", "الماليزي"); a
    # country of two words is an adjective of two ("كوريا الشمالية", "الكوري الشمالي")
    ("استقبل رئيس الوزراء الماليزي عارف حمدان نظيره الروماني.", [("عارف حمدان", "Malaysia"), (None, "Romania")]),
    ("التقى الرئيس الكوري الشمالي كيم تشول مع رئيس الوزراء الصربي.",
     [("كيم تشول", "North Korea"), (None, "Serbia")]),
])
def test_arabic_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # a country in the genitive, the title, the name up to a postposition
    ("ब्राज़ील की राष्ट्रपति हेलेना प्रादो ने जापान के प्रधानमंत्री माकोतो ओनोदेरा से बात की।",
     [("हेलेना प्रादो", "Brazil"), ("माकोतो ओनोदेरा", "Japan")]),
    # an adjective, an honorific before the name
    ("केन्या के राष्ट्रपति श्री जोसेफ किमानी और जापानी विदेश मंत्री से मुलाकात हुई।",
     [("जोसेफ किमानी", "Kenya"), (None, "Japan")]),
    # the presidential palace is no name
    ("राष्ट्रपति भवन में बैठक हुई।", []),
])
def test_hindi_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(("latin_name", "forms"), [
    ("Sato", ["サトウ", "サトー", "사토", "ساتو", "सातो"]),
    ("Ken", ["ケン", "켄", "كين", "केन"]),
    ("Onodera", ["オノデラ", "오노데라", "أونوديرا", "ओनोदेरा"]),
    ("Prado", ["プラド", "프라두", "برادو", "प्रादो"]),
    ("Virtanen", ["ヴィルタネン", "ビルタネン", "비르타넨", "فيرتانن", "विर्तानेन"]),
    ("Zelensky", ["ゼレンスキー", "젤렌스키", "زيلينسكي", "ज़ेलेंस्की"]),
    ("Macron", ["マクロン", "마크롱", "ماكرون", "मैक्रों"]),
])
def test_surnames_in_four_scripts_meet_the_latin_spelling(latin_name: str, forms: list[str]) -> None:
    key = surname_key(latin_name)
    for form in forms:
        assert same_name(surname_key(form), key), (form, latin(surname_key(form)))
        assert same_name(key, surname_key(form))
    for a in forms:  # and each other
        for b in forms:
            assert same_name(surname_key(a), surname_key(b)), (a, b)


@pytest.mark.parametrize(("latin_name", "form"), [
    ("Sato", "サイトウ"), ("Seto", "ساتو"), ("Kask", "ケン"), ("Prado", "ブラント"), ("Macri", "マクロン"),
    ("Sato", "사이토"), ("Kim", "किमानी"),
])
def test_other_names_do_not_meet(latin_name: str, form: str) -> None:
    assert not same_name(surname_key(form), surname_key(latin_name))


def test_a_korean_name_in_hangul_is_surname_first() -> None:
    # Latin text writes the Korean name surname first too: its last word ends the reading
    assert same_name(surname_key("박서준"), surname_key("Park Seo-jun"))
    assert same_name(surname_key("박서준"), surname_key("Seojun"))
    assert not same_name(surname_key("박서준"), surname_key("Minho"))


_KANA = st.text(alphabet=st.characters(min_codepoint=0x30A1, max_codepoint=0x30F3), min_size=1, max_size=8)
_HANGUL = st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=5)


@given(st.one_of(_KANA, _HANGUL), st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10))
def test_script_keys_compare_symmetrically(form: str, name: str) -> None:
    key = surname_key(form)
    assert latin(key).isascii()
    assert same_name(key, name) == same_name(name, key)
    assert same_name(key, key)


def _dated(text: str, doc_id: str) -> Document:
    doc = Document(id=doc_id, path=f"{doc_id}.txt", sha256="", text=text, language=detect_language(text),
                   published=D(2031, 6, 11))
    return date_document(doc, EventCalendar(), ())


def test_pages_in_four_scripts_join_the_english_wire_event() -> None:
    docs = [
        _dated("Call\nJapanese Prime Minister Makoto Onodera and Brazilian President Helena Prado spoke by "
               "phone on Wednesday about soybean exports and port fees.", "en"),
        _dated("Call\nSwedish Prime Minister Nils Berg and Kenyan President Joseph Kimani spoke by phone on "
               "Wednesday about wind farms.", "en2"),
        _dated("電話会談\n小野寺誠首相は11日、ブラジルのヘレナ・プラド大統領と電話で会談し、大豆の輸出と港湾"
               "使用料について協議した。", "ja"),
        _dated("전화 통화\n오노데라 마코토 일본 총리는 11일 헬레나 프라두 브라질 대통령과 전화 통화를 하고 대두 "
               "수출과 항만 사용료 문제를 논의했다.", "ko"),
        _dated("اتصال هاتفي\nأجرى رئيس الوزراء الياباني ماكوتو أونوديرا اتصالاً هاتفياً مع الرئيسة البرازيلية "
               "هيلينا برادو يوم الأربعاء، تناول صادرات فول الصويا ورسوم الموانئ.", "ar"),
        _dated("फोन वार्ता\nजापान के प्रधानमंत्री माकोतो ओनोदेरा ने बुधवार को ब्राज़ील की राष्ट्रपति हेलेना प्रादो से "
               "फोन पर बात की और सोयाबीन निर्यात तथा बंदरगाह शुल्क पर चर्चा की।", "hi"),
    ]
    events, _ = cluster_documents(docs)
    by_doc = {d: e for e in events for d in e.documents}
    assert {d for d, e in by_doc.items() if e is by_doc["en"]} == {"en", "ja", "ko", "ar", "hi"}
    assert by_doc["en2"] is not by_doc["en"]
    # the event is named in Latin letters
    assert by_doc["en"].participants == ("Makoto Onodera", "Helena Prado")


def test_a_page_naming_other_leaders_in_a_script_stays_apart() -> None:
    docs = [
        _dated("Call\nJapanese Prime Minister Makoto Onodera and Brazilian President Helena Prado spoke by "
               "phone on Wednesday about soybean exports.", "en"),
        _dated("전화 통화\n스웨덴의 닐스 베리 총리는 11일 케냐의 조셉 키마니 대통령과 전화 통화를 하고 대두 수출 "
               "문제를 논의했다.", "ko"),
    ]
    events, _ = cluster_documents(docs)
    assert len(events) == 2
