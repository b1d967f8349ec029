"""Languages beyond the hand-written tables: the language of the page, its date phrases
(from dateparser's locale data), its contact words, and one call reported in six
languages getting one date.  Every text here is written for these tests; the people and places are invented.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.core.models import Document
from compare.events.calendar import EventCalendar
from compare.events.cues import find_cues, kind_of
from compare.events.datephrases import Mention, lower_same_length
from compare.events.dates import date_document
from compare.events.foreign_dates import foreign_mentions
from compare.events.locale_dates import locale_dates
from compare.ingest.language import detect_language

D = dt.date

LANGUAGE_CASES = [
    ("tr", "Cumhurbaşkanı Kemal Aydın, Finlandiya Başbakanı ile telefonda görüştü. Görüşmede iki ülke "
           "arasındaki ilişkiler ve bölgesel gelişmeler ele alındı."),
    ("id", "Presiden Budi Santoso melakukan pembicaraan telepon dengan Perdana Menteri Finlandia pada hari "
           "Senin. Kedua pemimpin membahas kerja sama ekonomi dan keamanan di kawasan."),
    ("vi", "Thủ tướng đã điện đàm với Thủ tướng Phần Lan vào ngày 12 tháng 3. Hai bên nhất trí thúc đẩy "
           "hợp tác kinh tế và an ninh trong khu vực."),
    ("cs", "Premiér ve čtvrtek telefonoval s finskou premiérkou. Oba politici se shodli na tom, že je třeba "
           "posílit spolupráci v oblasti energetiky a obrany."),
    ("sv", "Statsministern talade på måndagen i telefon med Finlands premiärminister. De två ledarna var "
           "överens om att stärka samarbetet om energi och försvar."),
    ("ro", "Președintele a avut joi o convorbire telefonică cu premierul finlandez. Cei doi lideri au "
           "convenit să consolideze cooperarea în domeniul energiei și al apărării."),
    ("hu", "A miniszterelnök csütörtökön telefonon beszélt a finn kormányfővel. A két vezető megállapodott "
           "abban, hogy erősítik az együttműködést az energia és a védelem területén."),
    ("it", "Il presidente del Consiglio ha avuto ieri un colloquio telefonico con il primo ministro "
           "finlandese. I due leader hanno concordato di rafforzare la cooperazione."),
    ("pt", "O presidente conversou por telefone com a primeira-ministra finlandesa na segunda-feira. Os dois "
           "líderes concordaram em reforçar a cooperação em energia e defesa."),
    ("fi", "Pääministeri keskusteli maanantaina puhelimessa Viron pääministerin kanssa. Johtajat sopivat, "
           "että yhteistyötä energian ja puolustuksen alalla vahvistetaan."),
    ("pl", "Premier rozmawiał w poniedziałek telefonicznie z premier Finlandii. Obaj przywódcy uzgodnili, "
           "że wzmocnią współpracę w dziedzinie energii i obrony."),
    ("hr", "Predsjednik je u ponedjeljak telefonom razgovarao s finskom premijerkom. Dvojica čelnika "
           "dogovorila su se da će ojačati suradnju u području energetike i obrane."),
    ("nl", "De premier heeft maandag telefonisch gesproken met de Finse premier. De twee leiders kwamen "
           "overeen de samenwerking op het gebied van energie en defensie te versterken."),
    ("es", "El presidente habló por teléfono con la primera ministra finlandesa el lunes. Los dos líderes "
           "acordaron reforzar la cooperación en energía y defensa."),
    ("fr", "Le président s'est entretenu par téléphone avec la Première ministre finlandaise lundi. Les deux "
           "dirigeants sont convenus de renforcer la coopération."),
    ("ko", "김민수 대통령은 화요일 핀란드 총리와 전화 통화를 했다."),
    ("ja", "佐藤健首相は火曜日、フィンランドの首相と電話会談を行った。"),
    ("ar", "أجرى الرئيس كريم حداد يوم الثلاثاء اتصالا هاتفيا مع رئيسة وزراء فنلندا."),
]


@pytest.mark.parametrize(("lang", "text"), LANGUAGE_CASES, ids=[c[0] for c in LANGUAGE_CASES])
def test_language_of_a_page(lang: str, text: str) -> None:
    assert detect_language(text) == lang


# (language, text, publication date, event date)
DATE_CASES = [
    ("it", "Colloquio telefonico\nIl presidente del Consiglio Marta Ferri ha avuto ieri un colloquio telefonico "
           "con il primo ministro finlandese Aino Virtanen. I due leader si incontreranno il 20 giugno.",
     D(2031, 6, 12), D(2031, 6, 11)),
    ("pt", "Telefonema\nO presidente Paulo Mendes conversou por telefone na terça-feira com a primeira-ministra "
           "finlandesa Aino Virtanen. Os dois voltarão a falar em 20 de junho.", D(2031, 6, 12), D(2031, 6, 10)),
    ("tr", "Telefon görüşmesi\nCumhurbaşkanı Kemal Aydın dün Finlandiya Başbakanı Aino Virtanen ile telefonda "
           "görüştü.", D(2031, 6, 12), D(2031, 6, 11)),
    ("tr", "Ankara, 12 Haziran 2031 – Cumhurbaşkanı Kemal Aydın salı günü Finlandiya Başbakanı Aino Virtanen "
           "ile telefonda görüştü.", None, D(2031, 6, 10)),
    ("id", "Presiden Budi Santoso melakukan pembicaraan telepon dengan Perdana Menteri Finlandia Aino Virtanen "
           "pada hari Selasa.", D(2031, 6, 12), D(2031, 6, 10)),
    ("ko", "서울, 2031년 6월 12일 – 김민수 대통령은 화요일 핀란드의 아이노 비르타넨 총리와 전화 통화를 했다.",
     None, D(2031, 6, 10)),
    ("ja", "佐藤健首相は火曜日、フィンランドのビルタネン首相と電話会談を行った。", D(2031, 6, 12), D(2031, 6, 10)),
    ("ar", "أجرى الرئيس كريم حداد يوم الثلاثاء اتصالا هاتفيا مع رئيسة وزراء فنلندا آينو فيرتانن.",
     D(2031, 6, 12), D(2031, 6, 10)),
    ("ar", "أجرى الرئيس كريم حداد أمس اتصالا هاتفيا مع رئيسة وزراء فنلندا آينو فيرتانن.",
     D(2031, 6, 12), D(2031, 6, 11)),
    ("pl", "Premier Jan Nowak rozmawiał we wtorek telefonicznie z premier Finlandii Aino Virtanen.",
     D(2031, 6, 12), D(2031, 6, 10)),
    # a day of the month alone, as Chinese, Japanese and Korean news date the event
    ("ja", "東京、2031年6月12日 – 佐藤健首相は10日、フィンランドのビルタネン首相と電話会談を行った。", None,
     D(2031, 6, 10)),
    ("zh", "新华社北京7月2日电 国家主席王志远30日同芬兰总统维尔塔宁通电话。", D(2031, 7, 2), D(2031, 6, 30)),
    ("zh", "中新社东京7月2日电 国家主席王志远30日同芬兰总统维尔塔宁通电话。", D(2031, 7, 3), D(2031, 6, 30)),
    ("ko", "김민수 대통령은 10일 핀란드 총리와 전화 통화를 했다.", D(2031, 6, 11), D(2031, 6, 10)),
    ("vi", "Thủ tướng Nguyễn Văn An đã điện đàm với Thủ tướng Phần Lan Aino Virtanen vào ngày 10 tháng 6.",
     D(2031, 6, 12), D(2031, 6, 10)),
    # Devanagari, Greek, Hebrew, Persian: contact words of their own
    ("hi", "नई दिल्ली, 12 जून 2031\nप्रधानमंत्री राहुल वर्मा ने मंगलवार को फ़िनलैंड की प्रधानमंत्री ऐनो "
           "विर्तानेन से फोन पर बातचीत की।", D(2031, 6, 12), D(2031, 6, 10)),
    ("el", "Ο πρωθυπουργός Νίκος Παππάς είχε την Τρίτη τηλεφωνική συνομιλία με την πρωθυπουργό της "
           "Φινλανδίας Άινο Βιρτάνεν.", D(2031, 6, 12), D(2031, 6, 10)),
    ("he", "ראש הממשלה דוד כהן שוחח ביום שלישי בטלפון עם ראש ממשלת פינלנד איינו וירטנן.",
     D(2031, 6, 12), D(2031, 6, 10)),
    # Ukrainian has no table of ours (the Russian one does not read its months and weekdays)
    ("uk", "12 червня 2031\nПрезидент Андрій Коваль у вівторок провів телефонну розмову з "
           "прем'єр-міністеркою Фінляндії Айно Віртанен.", D(2031, 6, 12), D(2031, 6, 10)),
]

# Only an "agreed" verb beside the weekday; the contact noun comes a sentence later.
AGREED_CASES = [
    ("uk", "12 червня 2031\nПрезидент Андрій Коваль та прем'єр-міністерка Фінляндії Айно Віртанен у вівторок "
           "домовилися посилити співпрацю в енергетиці. Під час зустрічі в Гельсінкі вони підписали угоду."),
    ("pt", "12 de junho de 2031\nO presidente Paulo Mendes e a primeira-ministra Aino Virtanen acordaram na "
           "terça-feira reforçar a cooperação em energia. Durante o encontro em Helsínquia assinaram um acordo."),
    ("id", "12 Juni 2031\nPresiden Budi Santoso dan Perdana Menteri Aino Virtanen pada hari Selasa sepakat "
           "memperkuat kerja sama energi. Dalam pertemuan di Helsinki keduanya menandatangani perjanjian."),
]


def dated(text: str, pub: dt.date | None, doc_id: str = "t") -> Document:
    doc = Document(id=doc_id, path=f"{doc_id}.txt", sha256="", text=text, language=detect_language(text),
                   published=pub)
    return date_document(doc, EventCalendar(), ())


@pytest.mark.parametrize(("lang", "text", "pub", "want"), DATE_CASES,
                         ids=[f"{c[0]}{i}" for i, c in enumerate(DATE_CASES)])
def test_event_date_in_a_language_without_a_table_of_ours(lang: str, text: str, pub: dt.date | None,
                                                          want: dt.date) -> None:
    out = dated(text, pub)
    assert out.language == lang
    assert out.event_date == want
    assert out.event_kind == "call"


def _mentions(text: str, lang: str) -> list[Mention]:
    return foreign_mentions(text, lower_same_length(text), (), (), lang)


def test_short_forms_are_not_dates() -> None:
    # "mar" is "sea" in Italian, "sen" "you" in Turkish: abbreviations are read only after a day number
    assert _mentions("Il mar Baltico è calmo.", "it") == []
    assert _mentions("Sen ne dersin?", "tr") == []
    assert [(m.day, m.month) for m in _mentions("il 3 mar. scorso", "it")] == [(3, 3)]


def test_a_day_alone_never_hides_its_month() -> None:
    assert [(m.kind, m.month, m.day) for m in _mentions("6월 10일 통화했다", "ko")] == [("daymonth", 6, 10)]
    assert [(m.kind, m.month, m.day) for m in _mentions("6月10日通电话", "zh")] == [("daymonth", 6, 10)]
    assert [(m.kind, m.day) for m in _mentions("总统10日通电话", "zh")] == [("day", 10)]
    assert _mentions("价格上涨10%", "zh") == []


def test_a_month_first_locale_reads_year_month_day() -> None:
    found = _mentions("Budapest, 2031. június 10. – A miniszterelnök telefonon beszélt.", "hu")
    assert [(m.year, m.month, m.day) for m in found if m.kind == "full"] == [(2031, 6, 10)]


def test_a_language_dateparser_does_not_know_gives_nothing() -> None:
    assert locale_dates("xx") is None
    assert locale_dates("") is None
    assert _mentions("12 foo 2031", "xx") == []


@pytest.mark.parametrize(("lang", "text"), AGREED_CASES, ids=[c[0] for c in AGREED_CASES])
def test_a_weekday_beside_agreed_dates_the_event_not_the_stamp(lang: str, text: str) -> None:
    out = dated(text, D(2031, 6, 12))
    assert out.language == lang
    assert out.event_date == D(2031, 6, 10)


def test_contact_words_of_more_languages_name_the_kind() -> None:
    for text in ("ha avuto un colloquio telefonico", "telefonda görüştü", "전화 통화를 했다", "電話会談を行った",
                 "اتصالا هاتفيا", "rozmawiał telefonicznie", "điện đàm", "फोन पर बातचीत की",
                 "τηλεφωνική συνομιλία", "שוחח בטלפון", "گفتگوی تلفنی", "หารือทางโทรศัพท์"):
        assert kind_of(find_cues(lower_same_length(text))) == "call", text
    for text in ("si sono incontrati al vertice", "bir araya geldi ve görüştü", "정상회담을 가졌다",
                 "التقى الرئيس"):
        assert kind_of(find_cues(lower_same_length(text))) == "meeting", text


_DMY_LANGUAGES = ["it", "pt", "tr", "id", "pl", "nl", "sv", "da", "no", "fi", "ro", "hr", "cs", "ca", "ar", "el", "hu"]


@given(st.sampled_from(_DMY_LANGUAGES), st.dates(D(1990, 1, 1), D(2060, 12, 31)), st.data())
def test_day_month_year_in_any_locale_reads_back(lang: str, date: dt.date, data: st.DataObject) -> None:
    table = locale_dates(lang)
    assert table is not None
    names = sorted(w for w, n in table.months.items() if n == date.month)
    name = data.draw(st.sampled_from(names))
    text = f"Il {date.day} {name} {date.year} si è svolto."
    found = [m for m in _mentions(text, lang) if m.kind == "full"]
    assert [(m.year, m.month, m.day) for m in found] == [(date.year, date.month, date.day)]


def test_one_call_in_six_languages_gets_one_date() -> None:
    pub = D(2031, 6, 11)
    texts = [
        "Il presidente Marta Ferri ha avuto martedì un colloquio telefonico con il primo ministro finlandese "
        "Aino Virtanen.",
        "A presidente Marta Ferri conversou por telefone na terça-feira com a primeira-ministra finlandesa "
        "Aino Virtanen.",
        "Cumhurbaşkanı Marta Ferri salı günü Finlandiya Başbakanı Aino Virtanen ile telefonda görüştü.",
        "Prezydent Marta Ferri rozmawiała we wtorek telefonicznie z premier Finlandii Aino Virtanen.",
        "Presiden Marta Ferri melakukan pembicaraan telepon dengan Perdana Menteri Finlandia Aino Virtanen "
        "pada hari Selasa.",
        "Marta Ferri spoke by phone on Tuesday with Finnish Prime Minister Aino Virtanen.",
    ]
    docs = [dated(t, pub, f"d{i}") for i, t in enumerate(texts)]
    assert [d.language for d in docs] == ["it", "pt", "tr", "pl", "id", "en"]
    assert {d.event_date for d in docs} == {D(2031, 6, 10)}
    assert {d.event_kind for d in docs} == {"call"}


def test_an_undated_weekday_hint_is_read_in_the_page_language() -> None:
    """With no year anywhere, the weekday of the contact sentence (and a bracketed day and
    month, as Indonesian news writes them) is kept for clustering, read in the page's
    own language, not only in English and Russian."""
    from compare.events.dates import hinted_day_month, hinted_weekday

    plain = dated("Presiden Budi Santoso menerima telepon dari Perdana Menteri Finlandia Aino Virtanen pada "
                  "hari Selasa. Keduanya membahas kerja sama energi.", None)
    assert plain.event_date is None
    assert hinted_weekday(plain.event_date_evidence, plain.language) == 1
    assert hinted_day_month(plain.event_date_evidence, plain.language) is None
    bracket = dated("Presiden Budi Santoso menerima telepon dari Perdana Menteri Finlandia Aino Virtanen pada "
                    "Selasa (10/6). Keduanya membahas kerja sama energi.", None)
    assert bracket.event_date is None
    assert hinted_weekday(bracket.event_date_evidence, bracket.language) == 1
    assert hinted_day_month(bracket.event_date_evidence, bracket.language) == (6, 10)
    # with a publication date the bracketed day dates the event
    assert dated("Presiden Budi Santoso menerima telepon dari Perdana Menteri Finlandia Aino Virtanen pada "
                 "Selasa (10/6). Keduanya membahas kerja sama energi.", D(2031, 6, 12)).event_date == D(2031, 6, 10)
    with_year = dated("Presiden Budi Santoso menerima telepon dari Perdana Menteri Finlandia Aino Virtanen pada "
                      "Selasa (10/6/2031). Keduanya membahas kerja sama energi.", None)
    assert with_year.event_date == D(2031, 6, 10)
    two_digits = dated("Presiden Budi Santoso menerima telepon dari Perdana Menteri Finlandia Aino Virtanen pada "
                       "Rabu (10/6/98). Keduanya membahas kerja sama energi.", None)
    assert two_digits.event_date == D(1998, 6, 10)


@given(st.dates(D(2000, 1, 1), D(2060, 12, 31)))
def test_a_bracketed_day_and_month_after_its_weekday_reads_back(date: dt.date) -> None:
    names = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    text = (f"Presiden Budi Santoso bertemu Perdana Menteri Aino Virtanen pada {names[date.weekday()]} "
            f"({date.day}/{date.month}/{date.year}) di Jakarta. Keduanya membahas kerja sama energi.")
    assert dated(text, None).event_date == date
