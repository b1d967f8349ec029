"""Dates written in other calendars than the Gregorian one.

News pages date events in the calendar of their country, and a date the tool
cannot read leaves the page undated (or, worse, dated by a background year):

- the Thai (and Lao, Khmer) Buddhist era: "14 กันยายน 2569", "14 ก.ย. 69"
  (year - 543; a two-digit year is the era's last two digits);
- the Iranian (Solar Hijri) calendar of Persian, Dari and Pashto pages:
  "۲۳ شهریور ۱۴۰۵", "1405/06/23", Afghan month names ("۲۳ سنبله ۱۴۰۵");
  converted with convertdate (dateparser's ``calendars`` extra);
- Japanese eras: "令和8年9月14日", "平成31年4月30日", "令和元年" (the first year);
- the Minguo calendar of Taiwan: "民國115年9月14日" (year + 1911).

Each becomes the same :class:`~compare.events.datephrases.Mention` a Gregorian
date gives ("full" with its year, "daymonth" without), so the resolver weighs it
the same way.  Digits of any script count ("۲۳", "๑๔"): Python reads every
Unicode decimal digit.  A Solar Hijri day and month without a year are converted
in the year of the Iranian calendar's usual alignment (Farvardin 1 = 21 March),
which can be a day off in the years whose new year falls on 20 March.
"""

from __future__ import annotations

import re
from functools import lru_cache

from convertdate import persian

from compare.events.locale_dates import Add, add_date, alternation, locale_dates

__all__ = ["BUDDHIST_ERA_LANGUAGES", "SOLAR_HIJRI_LANGUAGES", "calendar_matches"]

BUDDHIST_ERA_OFFSET = 543
# Languages whose pages give years in the Buddhist era.
BUDDHIST_ERA_LANGUAGES = frozenset({"th", "lo", "km"})
# Buddhist-era years a news page can give (1857-2156 CE); below, a four-digit year is
# taken to be Gregorian.
BE_YEARS = (2400, 2699)
# Thai month abbreviations ("ก.ย." is September): the locale data lists them without dots.
_THAI_ABBREVIATIONS = {"ม.ค.": 1, "ก.พ.": 2, "มี.ค.": 3, "เม.ย.": 4, "พ.ค.": 5, "มิ.ย.": 6, "ก.ค.": 7,
                       "ส.ค.": 8, "ก.ย.": 9, "ต.ค.": 10, "พ.ย.": 11, "ธ.ค.": 12}
_THAI_ERA_MARK = r"(?:พ\.\s?ศ\.\s?)?"

# Persian, Dari and Pashto pages (Iran and Afghanistan) date in the Solar Hijri calendar.
SOLAR_HIJRI_LANGUAGES = frozenset({"fa", "ps"})
# The Iranian month names and the Afghan (zodiac) ones, with their common spellings.
SOLAR_HIJRI_MONTHS: dict[str, int] = {
    "فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "امرداد": 5, "شهریور": 6, "شهريور": 6,
    "مهر": 7, "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12,
    "حمل": 1, "ثور": 2, "جوزا": 3, "سرطان": 4, "اسد": 5, "سنبله": 6, "میزان": 7, "عقرب": 8, "قوس": 9,
    "جدی": 10, "دلو": 11, "حوت": 12,
}
# Solar Hijri years a news page can give (1921-2120 CE).
SH_YEARS = (1300, 1499)
# A year whose Farvardin 1 is 21 March: a day and month without a year are converted in it.
_SH_NOMINAL_YEAR = 1402

_LETTER_AFTER = r"(?![^\W\d_])"


_SH_MONTH_NAMES = alternation(list(SOLAR_HIJRI_MONTHS))
_SH_DAY_MONTH = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})(?:\s*ام)?\s+(?P<mon>{_SH_MONTH_NAMES}){_LETTER_AFTER}"
    rf"(?:\s*(?:ماه\s*)?(?:سال\s*)?(?P<year>\d{{4}})(?!\d))?")
_SH_NUMERIC = re.compile(r"(?<![\d/.-])(?P<year>\d{4})[/.-](?P<mon>\d{1,2})[/.-](?P<day>\d{1,2})(?![\d/.-])")

_JAPANESE_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_ERA_DATE = re.compile(r"(?P<era>令和|平成|昭和|民國|民国|中華民國|中华民国)\s*(?P<year>\d{1,3}|元)\s*年"
                       r"(?:\s*(?P<mon>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号])?")
MINGUO_OFFSET = 1911


def _era_year(era: str, digits: str) -> int:
    number = 1 if digits == "元" else int(digits)
    return _JAPANESE_ERAS.get(era, MINGUO_OFFSET) + number


def _buddhist_year(digits: str | None) -> int | None:
    """A Buddhist-era year as a Gregorian one ("2569" and "69" are 2026), else None."""
    if not digits:
        return None
    year = int(digits)
    if len(digits) == 2:
        year += 2500
    return year - BUDDHIST_ERA_OFFSET if BE_YEARS[0] <= year <= BE_YEARS[1] else None


@lru_cache(maxsize=8)
def _buddhist_pattern(language: str) -> tuple[re.Pattern[str], dict[str, int]] | None:
    """A day, a month name of ``language`` and a Buddhist-era year, with the month numbers."""
    table = locale_dates(language)
    months = dict(_THAI_ABBREVIATIONS) if language == "th" else {}
    if table is not None:
        months.update(table.months)
    if not months:
        return None
    pattern = re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s*(?P<mon>{alternation(list(months))})"
                         rf"(?:\s*{_THAI_ERA_MARK}(?P<year>\d{{4}}|\d{{2}})(?!\d))?")
    return pattern, months


def _buddhist_matches(low: str, language: str, add: Add) -> None:
    found = _buddhist_pattern(language)
    if found is None:
        return
    pattern, months = found
    for m in pattern.finditer(low):
        year = _buddhist_year(m["year"])
        end = m.end() if year is not None else m.end("mon")
        add_date(add, m.start(), end, year, months[m["mon"]], int(m["day"]))


def solar_hijri_to_gregorian(year: int | None, month: int, day: int) -> tuple[int | None, int, int] | None:
    """(year, month, day) of a Solar Hijri date in the Gregorian calendar; a date
    without a year is converted in a year whose new year is 21 March."""
    if not (1 <= month <= 12 and 1 <= day <= (31 if month <= 6 else 30)):
        return None
    if year is not None and not SH_YEARS[0] <= year <= SH_YEARS[1]:
        return None
    y, m, d = persian.to_gregorian(year if year is not None else _SH_NOMINAL_YEAR, month, day)
    return (y if year is not None else None), m, d


def _solar_hijri_matches(text: str, add: Add) -> None:
    for m in _SH_DAY_MONTH.finditer(text):
        year = int(m["year"]) if m["year"] else None
        if year is not None and not SH_YEARS[0] <= year <= SH_YEARS[1]:
            year = None  # "۲۳ مهر 2026": a Gregorian year is not this date's
        converted = solar_hijri_to_gregorian(year, SOLAR_HIJRI_MONTHS[m["mon"]], int(m["day"]))
        if converted is not None:
            end = m.end() if year is not None else m.end("mon")
            add_date(add, m.start(), end, *converted)
    for m in _SH_NUMERIC.finditer(text):
        converted = solar_hijri_to_gregorian(int(m["year"]), int(m["mon"]), int(m["day"]))
        if converted is not None:
            add_date(add, m.start(), m.end(), *converted)


def _era_matches(text: str, add: Add) -> None:
    for m in _ERA_DATE.finditer(text):
        year = _era_year(m["era"], m["year"])
        if m["mon"]:
            add_date(add, m.start(), m.end(), year, int(m["mon"]), int(m["day"]))


def calendar_matches(text: str, low: str, language: str, add: Add) -> None:
    """Call ``add(start, end, kind, **values)`` for each date of ``text`` written in
    another calendar than the Gregorian one, converted to the Gregorian calendar
    (``low`` is the lower-cased copy of ``text`` with the same offsets)."""
    if language in BUDDHIST_ERA_LANGUAGES:
        _buddhist_matches(low, language, add)
    if language in SOLAR_HIJRI_LANGUAGES:
        _solar_hijri_matches(text, add)
    if language in ("ja", "zh") or any(era in text for era in ("令和", "平成", "昭和", "民國", "民国")):
        _era_matches(text, add)
