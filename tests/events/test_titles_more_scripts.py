"""Leaders named by title in Persian, Urdu, Hebrew, Bengali, Thai and Georgian (compare/events/moretitles.py),
their names meeting the Latin and each other's spellings, and pages in those scripts alone
forming one event.  Every sentence here is written for these tests; the leaders are invented."""

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
from compare.events.identity import readings, same_name, surname_key
from compare.events.moretitles import cldr_countries, more_titled_people
from compare.events.titles import foreign_titled_people
from compare.ingest.documents import detect_language

D = dt.date


def _read(text: str) -> list[tuple[str | None, str | None]]:
    return [(p.name, p.country) for p in more_titled_people(text)]


@pytest.mark.parametrize(("text", "want"), [
    # the name before the title, the country after it; a country's adjective ("کنیایی")
    ("به گزارش خبرگزاری، کاوه رستمی رئیس جمهور روز سه‌شنبه با ژوزف مواکا رئیس جمهور کنیا گفت‌وگو کرد.",
     [("کاوه رستمی", None), ("ژوزف مواکا", "Kenya")]),
    # the title and country first, a comma, the name; a title after "with" names its country only
    ("نخست‌وزیر هند، نارندرا مودی، روز دوشنبه با رئیس‌جمهور ایران دیدار کرد.", [("نارندرا مودی", "India")]),
    # "our country's" foreign minister, named after the title
    ("وزیر امور خارجه کشورمان عباس نادری نیز در این دیدار حضور داشت.", [("عباس نادری", None)]),
    # an honorific is no part of the name; after one, a surname alone is a name
    ("دکتر سارا کریمی رئیس جمهور در این دیدار گفت.", [("سارا کریمی", None)]),
    ("آقای رستمی رئیس جمهور در این دیدار گفت.", [("رستمی", None)]),
    # the president's office announcing, the counterpart's adjective: no names
    ("دفتر رئیس جمهور اعلام کرد که این گفت‌وگو به درخواست طرف کنیایی انجام شد.", []),
    ("آقای رستمی همچنین از همتای کنیایی خود برای سفر به تهران دعوت کرد.", []),
    # Arabic letter forms in a Persian page ("رئيس", "ك") read as the Persian ones
    ("کاوه رستمی رئيس جمهور با ژوزف مواکا رئیس جمهور كنيا گفت‌وگو کرد.", [("کاوه رستمی", None),
                                                                       ("ژوزف مواکا", "Kenya")]),
])
def test_persian_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # a definite title, then a construct title with its country; a verb ends the name
    ("ראש הממשלה אבנר שגיא שוחח הערב בטלפון עם נשיא קניה ג'וזף מוואקה.",
     [("אבנר שגיא", None), ("ג'וזף מוואקה", "Kenya")]),
    # the country, then the name between commas
    ("ראש ממשלת בריטניה, אליס גרנט, נפגשה אתמול עם הנשיא הצרפתי.",
     [("אליס גרנט", "United Kingdom")]),
    # a given name and a surname: a third word is not read (a verb the stop list lacks)
    ("הנשיא יצחק ברגר קיים שיחה עם ראש הממשלה.", [("יצחק ברגר", None)]),
    # the head of state; a nationality adjective CLDR's names do not give is no name
    ("נשיא המדינה יעל ברגר אירחה את ראש הממשלה הבריטי אליס גרנט.",
     [("יעל ברגר", None), ("אליס גרנט", None)]),
    ("שר החוץ נועם שגיא נפגש עם שר החוץ האמריקני.", [("נועם שגיא", None)]),
    # the prime minister's office, a title followed by another title: no names
    ("לשכת ראש הממשלה מסרה כי השניים דנו בשיתוף הפעולה הכלכלי.", []),
    ("בשיחה עם נשיא צרפת, ראש הממשלה אמר שישראל מחויבת לשלום.", []),
    ("לדברי ראש הממשלה, הפגישה הייתה חיובית.", []),
])
def test_hebrew_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # a country in the genitive before the title; the name's case ending before a postposition
    ("প্রধানমন্ত্রী নাসরিন হক মঙ্গলবার জাপানের প্রধানমন্ত্রী কেনজি মোরির সঙ্গে টেলিফোনে কথা বলেন।",
     [("নাসরিন হক", None), ("কেনজি মোরি", "Japan")]),
    ("রাষ্ট্রপতি আবদুল করিম চৌধুরী গতকাল বঙ্গভবনে অতিথিদের স্বাগত জানান।", [("আবদুল করিম চৌধুরী", None)]),
    # an abbreviated title of address before the name ("মো." Mohammad); a place in the
    # locative after it; a short surname so ending ("দে") stays
    ("রাষ্ট্রপতি মো. সাহাবুদ্দিন বঙ্গভবনে নতুন রাষ্ট্রদূতদের স্বাগত জানান।", [("সাহাবুদ্দিন", None)]),
    ("প্রধানমন্ত্রী সুমন দে ও জাপানের প্রধানমন্ত্রী কেনজি মোরি বৈঠক করেন।",
     [("সুমন দে", None), ("কেনজি মোরি", "Japan")]),
    # the prime minister's office (the title in the genitive), a verb after the title
    ("প্রধানমন্ত্রীর কার্যালয় জানিয়েছে, দুই নেতা বাণিজ্য নিয়ে আলোচনা করেছেন।", []),
    ("ভারতের প্রধানমন্ত্রী বলেন, সম্পর্ক আরও গভীর হবে।", []),
])
def test_bengali_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("นายกรัฐมนตรี ประยุทธ์ ศรีสุข เดินทางเยือนญี่ปุ่น", [("ประยุทธ์ ศรีสุข", None)]),
    # the country written on the title; an honorific written on the given name
    ("ประธานาธิบดีฝรั่งเศส นายปอล แมร์ซีเย ได้โทรศัพท์หารือกับนายกรัฐมนตรี นายสมชาย ใจดี",
     [("ปอล แมร์ซีเย", "France"), ("สมชาย ใจดี", None)]),
    # a title running on into a verb, a title followed by a verb phrase: no names
    ("เมื่อวันที่ 3 ธันวาคม นายกรัฐมนตรีกล่าวว่าการหารือเป็นไปด้วยดี", []),
    ("สำนักนายกรัฐมนตรี แจ้งว่า นายกรัฐมนตรี จะเดินทางไปญี่ปุ่น", []),
    # the spokesman of the prime minister's office, then a verb and a phrase written
    # without spaces: no name
    ("โฆษกประจำสำนักนายกรัฐมนตรี เปิดเผยว่า การประชุมเป็นไปด้วยดี", []),
])
def test_thai_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # the name after the title up to a postposition; a country and "کے" before the title
    # (CLDR's "ترکیہ", the press's "ترکی")
    ("وزیراعظم شہباز احمد نے بدھ کو ترکیہ کے صدر کمال آیدین سے ٹیلیفون پر بات کی۔",
     [("شہباز احمد", None), ("کمال آیدین", "Turkey")]),
    ("ترکی کے صدر کمال آیدین اور وزیراعظم شہباز احمد کے درمیان ملاقات ہوئی۔",
     [("کمال آیدین", "Turkey"), ("شہباز احمد", None)]),
    ("صدر مملکت آصف علی نے وفد سے ملاقات کی۔", [("آصف علی", None)]),
    # a verb after the title, the prime minister's house: no names
    ("وزیراعظم نے کہا کہ دونوں ممالک تعاون بڑھائیں گے۔", []),
    ("وزیراعظم ہاؤس سے جاری بیان کے مطابق ملاقات خوشگوار ماحول میں ہوئی۔", []),
])
def test_urdu_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # the country in the genitive before the title (a bare -ს after a vowel); the name in
    # the case the sentence gives it (dative "მერსიეს")
    ("საქართველოს პრემიერ-მინისტრი ირაკლი ბერიძე ოთხშაბათს ტელეფონით ესაუბრა საფრანგეთის პრეზიდენტს "
     "პოლ მერსიეს.", [("ირაკლი ბერიძე", "Georgia"), ("პოლ მერსიეს", "France")]),
    ("უნგრეთის პრემიერ-მინისტრი ილონა ვარგა ორშაბათს რიგაში შეხვდა ჩეხეთის პრემიერს ტომას კრალს.",
     [("ილონა ვარგა", "Hungary"), ("ტომას კრალს", "Czech Republic")]),
    # the president's administration, the prime minister's press service (the title in the
    # genitive owns the next word): no name
    ("პრეზიდენტის ადმინისტრაციის ცნობით, შეხვედრა გაიმართა თბილისში.", []),
    ("პრემიერ-მინისტრის პრესსამსახურის ინფორმაციით, შეხვედრა ორ საათს გაგრძელდა.", []),
])
def test_georgian_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


def test_the_readers_run_inside_the_title_stage() -> None:
    text = "کاوه رستمی رئیس جمهور با ژوزف مواکا رئیس جمهور کنیا گفت‌وگو کرد."
    people = [(p.name, p.country) for p in foreign_titled_people(text, lower_same_length(text))]
    assert ("ژوزف مواکا", "Kenya") in people


def test_cldr_country_names_are_the_english_tables() -> None:
    # CLDR's English name "Türkiye" is the table's "Turkey", in every language read here
    for language, turkey in (("fa", "ترکیه"), ("he", "טורקיה"), ("ar", "تركيا")):
        assert cldr_countries(language)[turkey] == "Turkey"


@pytest.mark.parametrize(("latin_name", "forms"), [
    # pe read p or f, the geresh of a foreign j, tsadi the ts of a Latin z, kaf k
    ("Vladimir Putin", ["ولادیمیر پوتین", "ולדימיר פוטין"]),
    ("Donald Trump", ["دونالد ترامپ", "דונלד טראמפ"]),
    ("Xi Jinping", ["شی جین‌پینگ", "שי ג'ינפינג"]),
    ("Friedrich Merz", ["فریدریش مرتس", "פרידריך מרץ"]),
    ("Ruth Cohen", ["רות כהן"]),
    ("Ilan Bennett", ["אילן בנט"]),
    # Persian writes the w of "Mwakalinga" as a vowel letter
    ("Joseph Mwakalinga", ["جوزف مواکالینگا", "ג'וזף מוואקלינגה"]),
    ("Kaveh Rostami", ["کاوه رستمی", "קאוה רוסתמי"]),
    ("Narendra Modi", ["নরেন্দ্র মোদী", "नरेंद्र मोदी"]),
    # Georgian, in the nominative, the ergative and the dative
    ("Irakli Beridze", ["ირაკლი ბერიძე", "ირაკლი ბერიძემ", "ირაკლი ბერიძეს"]),
])
def test_names_in_persian_hebrew_and_bengali_meet_the_latin_spelling(latin_name: str, forms: list[str]) -> None:
    key = surname_key(latin_name)
    for form in forms:
        assert same_name(surname_key(form), key), (form, readings(surname_key(form)))
        assert same_name(key, surname_key(form))
    for a in forms:  # and each other, across the two scripts
        for b in forms:
            assert same_name(surname_key(a), surname_key(b)), (a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("רוסתמי", "Putin"), ("رستمی", "פוטין"), ("فراهانی", "מוואקיוסה"), ("כהן", "Levy"), ("בנט", "Putin"),
    ("مواکالینگا", "Rostami"), ("ბერიძე", "Mercier"), ("მერსიე", "Beridze"),
])
def test_other_names_do_not_meet(a: str, b: str) -> None:
    assert not same_name(surname_key(a), surname_key(b))


_HEBREW = st.text(alphabet=st.characters(min_codepoint=0x05D0, max_codepoint=0x05EA), min_size=1, max_size=9)
_PERSIAN = st.text(alphabet="ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی", min_size=1, max_size=9)


@given(_HEBREW, st.one_of(_PERSIAN, st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)))
def test_hebrew_keys_compare_symmetrically(hebrew: str, other: str) -> None:
    a, b = surname_key(hebrew), surname_key(other)
    assert same_name(a, b) == same_name(b, a)
    assert same_name(a, a)
    assert 1 <= len(readings(a)) <= 16


def _dated(text: str, doc_id: str) -> Document:
    doc = Document(id=doc_id, path=f"{doc_id}.txt", sha256="", text=text, language=detect_language(text),
                   published=D(2031, 6, 11))
    return date_document(doc, EventCalendar(), ())


def test_persian_and_hebrew_pages_alone_make_one_event_with_its_people() -> None:
    # no page in Latin letters names them: the title readers are the only source
    docs = [
        _dated("گفت‌وگوی تلفنی\nکاوه رستمی رئیس جمهور روز چهارشنبه در تماس تلفنی با جوزف مواکالینگا "
               "رئیس جمهور کنیا درباره صادرات چای گفت‌وگو کرد.", "fa"),
        _dated("שיחת טלפון\nנשיא קניה ג'וזף מוואקלינגה קיים ביום רביעי שיחת טלפון עם נשיא איראן קאוה רוסתמי "
               "על יצוא תה.", "he"),
        _dated("دیدار\nعباس نادری وزیر امور خارجه کشورمان روز چهارشنبه در بغداد با فواد حسین وزیر امور خارجه "
               "عراق دیدار کرد.", "fa2"),
    ]
    events, _ = cluster_documents(docs)
    by_doc = {d: e for e in events for d in e.documents}
    assert by_doc["fa"] is by_doc["he"]
    assert by_doc["fa2"] is not by_doc["fa"]
    assert len(by_doc["fa"].participants) == 2


# Words of each script's titles and stop lists, names and punctuation, in any order: the
# readers never fail, and every name they give is words of the text.
_PIECES = st.sampled_from([
    "رئیس جمهور", "نخست‌وزیر", "وزیر امور خارجه", "کشورمان", "ترکیه", "کنیایی", "،", "با", "دکتر", "کاوه",
    "رستمی", "اعلام", "ראש הממשלה", "נשיא", "ממשלת", "צרפת", ",", "שוחח", "דוד", "כהן", "הצרפתי",
    "প্রধানমন্ত্রী", "জাপানের", "কেনজি", "মোরির", "সঙ্গে", "নরেন্দ্র", "นายกรัฐมนตรี", "ญี่ปุ่น", "นายสมชาย",
    "ใจดี", "หารือ", "وزیراعظم", "کے", "صدر", "نے", "مملکت", "شہباز", "საფრანგეთის", "პრეზიდენტი",
    "პოლ", "მერსიეს", "ესაუბრა", "\n", ".", "(", "2026",
])


@given(st.lists(_PIECES, max_size=30), st.sampled_from([" ", "", "\u200c"]))
def test_the_readers_take_any_text(pieces: list[str], sep: str) -> None:
    text = sep.join(pieces)
    for person in more_titled_people(text):
        assert 0 <= person.start < len(text)
        assert person.name is not None
        folded = text.replace("\u200c", " ")
        assert all(w in folded or w in text for w in person.name.split()), person


def test_tamil_titles() -> None:
    from compare.events.moretitles import more_titled_people

    # a title and the name; the country before it as a noun or an adjective; "with" written
    # onto the name ends it ("பிராண்ட்டுடன்", with Brandt; "குமாருடன்", with Kumar); a
    # weekday in "-கிழமை" is no part of a name
    ta = ("பிரதமர் ராஜேஷ் குமார் வியாழக்கிழமை ஜெர்மன் அதிபர் பெலிக்ஸ் பிராண்ட்டுடன் "
          "தொலைபேசியில் பேசினார்.")
    assert [(p.name, p.country) for p in more_titled_people(ta)] == [
        ("ராஜேஷ் குமார்", None), ("பெலிக்ஸ் பிராண்ட்", "Germany")]
    ta2 = "இலங்கை ஜனாதிபதி சுனில் பெரேரா இந்தியப் பிரதமர் ராஜேஷ் குமாருடன் தொலைபேசியில் பேசினார்."
    assert [(p.name, p.country) for p in more_titled_people(ta2)] == [
        ("சுனில் பெரேரா", "Sri Lanka"), ("ராஜேஷ் குமார்", "India")]


def test_tamil_names_meet_their_latin_spellings() -> None:
    # read letter by letter (Tamil writes k and g, t and d with one letter each: the
    # consonant classes of the skeleton do not tell them apart either)
    for tamil, latin_name in (("ராஜேஷ் குமார்", "Rajesh Kumar"), ("பெலிக்ஸ் பிராண்ட்", "Felix Brandt"),
                              ("புடின்", "Putin"), ("டிரம்ப்", "Trump")):
        assert same_name(surname_key(tamil), surname_key(latin_name)), tamil
    assert not same_name(surname_key("பிராண்ட்"), surname_key("Kumar"))
    # the other Indic scripts the same way: Telugu, Malayalam, Kannada, Gujarati, Gurmukhi, Sinhala
    for indic, latin_name in (("పుతిన్", "Putin"), ("ട്രംപ്", "Trump"), ("ಪುಟಿನ್", "Putin"), ("પુતિન", "Putin"),
                              ("ਪੁਤਿਨ", "Putin"), ("පුටින්", "Putin")):
        assert same_name(surname_key(indic), surname_key(latin_name)), indic
    assert not same_name(surname_key("పుతిన్"), surname_key("Trump"))


def test_a_tamil_page_joins_the_english_page_of_its_call() -> None:
    docs = [
        _dated("Kumar, Brandt discuss energy\nIndian Prime Minister Rajesh Kumar spoke by telephone on "
               "Wednesday with German Chancellor Felix Brandt about energy security.", "en"),
        _dated("குமார் - பிராண்ட் பேச்சு\nபிரதமர் ராஜேஷ் குமார் புதன்கிழமை ஜெர்மன் அதிபர் பெலிக்ஸ் "
               "பிராண்ட்டுடன் தொலைபேசியில் பேசினார்.", "ta"),
    ]
    assert docs[1].language == "ta"
    assert docs[1].event_date is not None and docs[1].event_date == docs[0].event_date
    events, _ = cluster_documents(docs)
    assert [sorted(e.documents) for e in events] == [["en", "ta"]]
