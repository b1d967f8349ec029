"""Dates in other calendars: the Thai Buddhist era, the Solar Hijri calendar of Iran and
Afghanistan, Japanese eras and the Minguo calendar.  Every text here is written for these
tests; the people are invented."""

from __future__ import annotations

import datetime as dt

import pytest
from convertdate import persian
from hypothesis import given
from hypothesis import strategies as st

from compare.core.models import Document
from compare.events.calendar import EventCalendar
from compare.events.calendars import solar_hijri_to_gregorian
from compare.events.datephrases import Mention, lower_same_length
from compare.events.dates import date_document
from compare.events.foreign_dates import foreign_mentions
from compare.ingest.language import detect_language

D = dt.date


def _dated(text: str, pub: dt.date | None = None) -> Document:
    doc = Document(id="t", path="t.txt", sha256="", text=text, language=detect_language(text), published=pub)
    return date_document(doc, EventCalendar(), ())


def _mentions(text: str, lang: str) -> list[Mention]:
    return foreign_mentions(text, lower_same_length(text), (), (), lang)


CASES = [
    # Thai: the Buddhist era (2569 = 2026), full and abbreviated month, two-digit year
    ("th", "เมื่อวันที่ 3 มีนาคม 2570 นายกรัฐมนตรีประยุทธ์ ศรีสุข ได้หารือทางโทรศัพท์กับนายกรัฐมนตรีนอร์เวย์ "
           "ทั้งสองฝ่ายเห็นพ้องที่จะขยายความร่วมมือด้านพลังงาน", D(2027, 3, 3)),
    ("th", "นายกรัฐมนตรีได้หารือทางโทรศัพท์กับประธานาธิบดีชิลีเมื่อวันที่ 21 ต.ค. 68 "
           "โดยทั้งสองฝ่ายตกลงที่จะเริ่มการเจรจาการค้าเสรี", D(2025, 10, 21)),
    # Persian (Iran): Solar Hijri month, Persian digits, the weekday before the date
    ("fa", "تهران - رئیس‌جمهور کاوه رستمی روز سه‌شنبه ۱۱ آذر ۱۴۰۴ در گفت‌وگوی تلفنی با صدراعظم اتریش "
           "درباره همکاری‌های انرژی گفت‌وگو کرد.", D(2025, 12, 2)),
    # Persian (Afghanistan): the zodiac month names
    ("fa", "کابل - رئیس دولت در گفت‌وگوی تلفنی روز ۵ حمل ۱۴۰۳ با نخست‌وزیر قزاقستان درباره ترانزیت "
           "کالا گفت‌وگو کرد.", D(2024, 3, 24)),
    # Japanese era, and the first year of an era written 元
    ("ja", "令和9年2月3日、森田総理大臣は、チリのロハス大統領と電話会談を行いました。", D(2027, 2, 3)),
    ("ja", "令和元年5月7日、首相はチリ大統領と電話会談を行った。", D(2019, 5, 7)),
]


@pytest.mark.parametrize(("lang", "text", "want"), CASES, ids=[f"{c[0]}{i}" for i, c in enumerate(CASES)])
def test_a_date_in_another_calendar_dates_the_event(lang: str, text: str, want: dt.date) -> None:
    out = _dated(text)
    assert out.language == lang
    assert out.event_date == want


def test_minguo_years_count_from_1912() -> None:
    [m] = [x for x in _mentions("中華民國116年3月4日，總統與智利總統通電話。", "zh") if x.kind == "full"]
    assert (m.year, m.month, m.day) == (2027, 3, 4)
    assert m.quote == "中華民國116年3月4日"


def test_a_gregorian_year_is_not_read_as_buddhist() -> None:
    [m] = [x for x in _mentions("วันที่ 3 มีนาคม 2027", "th") if x.kind in ("full", "daymonth")]
    assert m.year is None and (m.month, m.day) == (3, 3)  # 2027 is no Buddhist-era year


def test_a_gregorian_date_in_a_persian_page_is_left_to_the_gregorian_patterns() -> None:
    found = [x for x in _mentions("۱۱ آذر ۲۰۲۵ و ۱۴۰۴/۰۹/۱۱", "fa") if x.kind == "full"]
    assert [(x.quote, x.year, x.month, x.day) for x in found] == [("۱۴۰۴/۰۹/۱۱", 2025, 12, 2)]


def test_the_weekday_before_a_date_is_part_of_it() -> None:
    [m] = _mentions("lunedì 14 settembre 2026", "it")
    assert m.kind == "full" and m.weekday == 0 and m.quote == "lunedì 14 settembre 2026"


def test_solar_hijri_months_past_their_length_are_no_dates() -> None:
    assert solar_hijri_to_gregorian(1404, 7, 31) is None  # Mehr has 30 days
    assert solar_hijri_to_gregorian(1299, 1, 1) is None  # no year a news page gives


@given(st.dates(D(1925, 1, 1), D(2100, 12, 31)))
def test_any_solar_hijri_date_reads_back(date: dt.date) -> None:
    year, month, day = persian.from_gregorian(date.year, date.month, date.day)
    text = f"{day} {_SH_NAMES[month - 1]} {year}".translate(_PERSIAN_DIGITS)
    found = [x for x in _mentions(text, "fa") if x.kind == "full"]
    assert [(x.year, x.month, x.day) for x in found] == [(date.year, date.month, date.day)]


@given(st.dates(D(1960, 1, 1), D(2150, 12, 31)))
def test_any_buddhist_era_date_reads_back(date: dt.date) -> None:
    text = f"วันที่ {date.day} {_TH_MONTHS[date.month - 1]} {date.year + 543}"
    found = [x for x in _mentions(text, "th") if x.kind == "full"]
    assert [(x.year, x.month, x.day) for x in found] == [(date.year, date.month, date.day)]


_SH_NAMES = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن",
             "اسفند"]
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_TH_MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
              "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
