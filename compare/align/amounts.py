"""Numbers in claim text as values: "1,200億円", "15 mld", "$2.5bn", "12 लाख".

:func:`scan` finds the figures of a text written with digits, reads their
grouping and decimal separators ("1,200", "1.200", "1 200", "1,5", "٣٫٥") and
the scale word after them in many languages (thousand/million/billion and
their forms: tys./mln/mld, ribu/juta/miliar, bin/milyon/milyar,
mil/milhões/bilhões, mila/milioni/miliardi, тис./млн/млрд, 万/億/兆/亿,
만/억/조, lakh/crore/लाख/करोड़, ألف/مليون/مليار ...), and returns each figure as
an :class:`Amount` (value and precision) together with the text with those
figures masked out (the rest, plain integers and dates, is read on tokens by
:mod:`compare.align.discrepancies`).

A figure in brackets right after another figure ("120 billion yen ($830
million)", "12 lakh (1.2 million) tonnes") restates it in another currency or
unit and is skipped, and so are clock times ("17:30", "5時30分").  Numeric dates ("18/11/2026", "06.10.2026") and CJK
month-day dates ("9月14日", "9월 14일") are returned as (month, day) pairs.

:func:`same_value` compares two amounts with a tolerance for rounding: half a
unit of the less precise one's last digit, or 1.5 % when both carry a scale
word ("1.23 million" ~ "1.2 million"; "15 billion" vs "20 billion" differ).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from attrs import frozen

from compare.events.calendars import (
    BE_YEARS,
    BUDDHIST_ERA_LANGUAGES,
    BUDDHIST_ERA_OFFSET,
    SH_YEARS,
    SOLAR_HIJRI_LANGUAGES,
)

# Scale words after a number, by value.  Lower-case; a trailing dot is optional
# ("tys.", "mln."), matching is case-insensitive.  Words of spaced scripts need a
# word boundary after them; CJK / Hangul scale characters do not.
_WORD_SCALES: dict[float, tuple[str, ...]] = {
    1e3: ("thousand", "thousands", "tys", "tysięcy", "tysiące", "tysiąc", "ribu", "bin",
          "mil", "mille", "mila", "tausend", "тис", "тисяч", "тисячі", "тыс", "тысяч",
          "тысячи", "hazar", "हज़ार", "हजार", "ألف", "آلاف"),
    1e5: ("lakh", "lakhs", "lac", "lacs", "लाख"),
    1e6: ("million", "millions", "mln", "mn", "mio", "juta", "milyon", "milhão", "milhões",
          "milhao", "milhoes", "milione", "milioni", "millones", "millón", "millon",
          "milionów", "miliony", "milion", "millionen", "млн", "мільйон", "мільйони",
          "мільйонів", "миллион", "миллиона", "миллионов", "मिलियन", "مليون", "ملايين"),
    1e7: ("crore", "crores", "करोड़", "करोड"),
    1e9: ("billion", "billions", "bn", "mld", "mlrd", "mrd", "miliar", "milyar", "bilhão",
          "bilhões", "bilhao", "bilhoes", "miliardo", "miliardi", "milliard", "milliards",
          "miliardów", "miliardy", "miliard", "milliarden", "млрд", "мільярд", "мільярди",
          "мільярдів", "миллиард", "миллиарда", "миллиардов", "अरब", "بليون", "مليار",
          "مليارات"),
    1e12: ("trillion", "trillions", "tn", "triliun", "trilyon", "trilhão", "trilhões",
           "bilione", "billones", "billón", "bln", "bilionów", "biliony", "bilion", "трлн",
           "трильйон", "триллион", "ट्रिलियन", "تريليون"),
}
# Attached abbreviations: "$5m", "$2bn", "30k" (not after a space: "5 m" is metres).
_ATTACHED: dict[str, float] = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
_CJK_SCALES: dict[str, float] = {"千": 1e3, "万": 1e4, "萬": 1e4, "億": 1e8, "亿": 1e8,
                                 "兆": 1e12, "천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12}

_SCALE_OF: dict[str, float] = {w: v for v, ws in _WORD_SCALES.items() for w in ws}
_WORDS_ALT = "|".join(sorted((re.escape(w) for w in _SCALE_OF), key=len, reverse=True))
_CJK_ALT = "|".join(map(re.escape, _CJK_SCALES))
_ATT_ALT = "|".join(sorted(_ATTACHED, key=len, reverse=True))

# A number: digits grouped by spaces in threes ("1 200 000"), or digits with
# dots, commas, apostrophes or Arabic separators between them.
_NUM = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,'’٬٫]\d+)*"
_FIGURE = re.compile(
    rf"(?<![\d.,])(?:(?<=Rp)|(?<=Rs)|(?<![A-Za-z\u00c0-\u024f\u0400-\u04ff]))(?P<num>{_NUM})"
    rf"(?:(?P<cjk>(?:{_CJK_ALT})+)"
    rf"|(?P<att>{_ATT_ALT})(?![^\W\d_])"
    rf"|[ \u00a0\u202f]?(?P<word>(?:{_WORDS_ALT})\.?(?:[ \u00a0](?:{_WORDS_ALT})\.?)?)(?![^\W\d_]))?",
    re.IGNORECASE)
# "18/11/2026", "06.10.2026", "18-11-26"
_NUM_DATE = re.compile(r"(?<![\w.,/])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/])")
# "9月14日", "9월 14일"
_CJK_DATE = re.compile(r"(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# Clock times: "17:30", "17h30", "午後5時30分", "오후 5시 30분" (when, not how much)
_CLOCK = re.compile(r"(?<![\d.,:])\d{1,2}(?::\d{2}|h\d{2})(?![\d:])"
                    r"|\d{1,2}\s*[時시](?:\s*\d{1,2}\s*[分분])?")
# "11月", "11월" without a day: a month, not a figure
_CJK_MONTH = re.compile(r"(\d{1,2})\s*[月월](?!\s*\d)")
# "10日", "10일" without a month: the day of the month ("10日间", "10일간" are spans of days)
_CJK_DAY = re.compile(r"(?<![\d月월])(\d{1,2})\s*[日일](?![間间간])")
_OPEN = "([（［"
_CLOSE = ")]）］"
MAX_CONVERSION_CHARS = 40
MAX_UNIT_CHARS = 15
_CJK_CHAR = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af"
_SPLIT_CJK = re.compile(rf"(?<=[{_CJK_CHAR}])(?=\d)|(?<=\d)(?=[{_CJK_CHAR}])")


@frozen
class Amount:
    """A figure: its value and precision (the value of one unit of its last digit)."""

    value: float
    step: float = 1.0
    scaled: bool = False  # written with a scale word ("15 mld", "1,200億")


@frozen
class Scan:
    amounts: tuple[Amount, ...]
    dates: frozenset[tuple[int, int]]  # (month, day)
    masked: str  # the text with the figures and dates read here replaced by spaces


def _digits(s: str) -> str:
    """Unicode digits (Arabic-Indic, Devanagari, full-width) as ASCII digits."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdigit() else ch for ch in s)


def parse_number(text: str) -> tuple[float, float] | None:
    """(value, step) of a number written with digits and separators, or None
    when its separators are not a grouping or decimal pattern ("1.2.3").

    A separator followed by exactly three digits groups thousands ("1,200",
    "1.200", "1 200"); otherwise it is the decimal mark ("1,5", "2.75").
    With both marks, the last one is the decimal mark ("1,234.5", "1.234,5")."""
    s = _digits(text).replace("\u00a0", " ").replace("\u202f", " ")
    s = s.replace("٬", ",").replace("٫", ".").replace("’", "'")
    seps = [ch for ch in s if not ch.isdigit()]
    if not seps:
        return float(int(s)), 1.0
    parts = re.split(r"[.,' ]", s)
    kinds = list(dict.fromkeys(seps))
    if len(kinds) == 1:
        if all(len(p) == 3 for p in parts[1:]) and not (len(parts) == 2 and parts[0] == "0"):
            return float(int("".join(parts))), 1.0
        if len(parts) == 2 and kinds[0] in ".,":
            return float(f"{parts[0]}.{parts[1]}"), 10.0 ** -len(parts[1])
        return None
    if len(kinds) == 2 and kinds[1] in ".," and seps.count(kinds[1]) == 1 and s[-1].isdigit():
        head, _, tail = s.rpartition(kinds[1])
        groups = re.split(r"[.,' ]", head)
        if all(len(g) == 3 for g in groups[1:]):
            return float(f"{''.join(groups)}.{tail}"), 10.0 ** -len(tail)
    return None


def _scale(m: re.Match[str]) -> float:
    if m.group("cjk"):
        scale = 1.0
        for ch in m.group("cjk"):
            scale *= _CJK_SCALES[ch]
        return scale
    if m.group("att"):
        return _ATTACHED[m.group("att").lower()]
    if m.group("word"):
        scale = 1.0
        for w in m.group("word").lower().replace("\u00a0", " ").split():
            scale *= _SCALE_OF[w.rstrip(".")]
        return scale
    return 1.0


def _in_brackets_after(text: str, start: int, end: int, prev_end: int | None) -> int | None:
    """The end of a bracket that opens right after the previous figure
    (``prev_end``, a unit word between them allowed) and holds only the figure
    at ``start``..``end`` with a short word before and after it ("(about US$830
    million)", "(1.2 million tonnes)"); None otherwise."""
    if prev_end is None:
        return None
    between = text[prev_end:start]
    k = next((i for i, ch in enumerate(between) if ch in _OPEN), -1)
    unit = between[:k].strip(" \u00a0")  # "yen", "tonnes", "dolarów" or nothing
    if (k < 0 or len(unit) > MAX_UNIT_CHARS or any(ch in _CLOSE for ch in between)
            or not all(ch.isalpha() or ch in " $€£¥₹" for ch in unit)
            or len(between) - k - 1 > MAX_UNIT_CHARS):  # "(about US$", "(sekitar Rp"
        return None
    close = min((i for i in (text.find(c, start) for c in _CLOSE) if i >= 0), default=-1)
    if close < 0 or close - end > MAX_UNIT_CHARS or close - (prev_end + k) > MAX_CONVERSION_CHARS:
        return None
    return close + 1


@lru_cache(maxsize=65536)
def scan(text: str) -> Scan:
    """The figures and numeric dates of ``text`` (see the module docstring)."""
    dates: set[tuple[int, int]] = set()
    spans: list[tuple[int, int]] = []
    for m in _NUM_DATE.finditer(text):
        a, b = int(_digits(m.group(1))), int(_digits(m.group(3)))
        day, month = (b, a) if a <= 12 < b else (a, b)  # d/m/y unless only m/d/y fits
        if 1 <= month <= 12 and 1 <= day <= 31:
            dates.add((month, day))
            spans.append(m.span())
    for m in _CJK_DATE.finditer(text):
        month, day = int(_digits(m.group(1))), int(_digits(m.group(2)))
        if 1 <= month <= 12 and 1 <= day <= 31:
            dates.add((month, day))
            spans.append(m.span())
    spans.extend(m.span() for m in _CJK_MONTH.finditer(text))
    spans.extend(m.span() for m in _CJK_DAY.finditer(text) if 1 <= int(_digits(m.group(1))) <= 31)
    spans.extend(m.span() for m in _CLOCK.finditer(text))
    amounts: list[Amount] = []
    prev_end: int | None = None
    prev_cjk: float | None = None
    prev_scale = 1.0
    skip_until = -1
    for m in _FIGURE.finditer(text):
        start, end = m.span()
        if any(s <= start < e for s, e in spans):
            continue
        parsed = parse_number(m.group("num"))
        if parsed is None:
            prev_end = None
            continue
        value, step = parsed
        scale = _scale(m)
        plain = scale == 1.0 and value == int(value) and m.group("num").isdigit()
        conversion = _in_brackets_after(text, start, end, prev_end)
        if conversion is not None or start < skip_until:
            skip_until = max(skip_until, conversion or -1)
            spans.append((start, end))
            continue
        if plain:
            prev_end, prev_scale = end, 1.0
            continue  # left to the token reading (dates, "two sides")
        adjacent = amounts and prev_end is not None and not text[prev_end:start].strip()
        if (m.group("cjk") and adjacent and prev_cjk is not None and prev_cjk > scale):
            # "1兆2,000億", "2조 5천억": the parts of one figure
            last = amounts.pop()
            amounts.append(Amount(last.value + value * scale, step * scale, True))
        elif adjacent and m.group("word") and 1.0 < prev_scale < scale:
            # "2 mil 400 millones": two thousand four hundred million
            last = amounts.pop()
            amounts.append(Amount((last.value + value) * scale, step * scale, True))
        else:
            amounts.append(Amount(value * scale, step * scale, scale != 1.0))
        prev_end = end
        prev_cjk = scale if m.group("cjk") else None
        prev_scale = scale
        spans.append((start, end))
    masked = list(text)
    for s, e in spans:
        masked[s:e] = " " * (e - s)
    rest = _SPLIT_CJK.sub(" ", "".join(masked))
    return Scan(tuple(amounts), frozenset(dates), rest)


def same_value(a: Amount, b: Amount) -> bool:
    """The two figures agree up to rounding (see the module docstring)."""
    diff = abs(a.value - b.value)
    if diff <= max(a.step, b.step) / 2 + 1e-9 * max(abs(a.value), abs(b.value), 1.0):
        return True
    # 1.5 %: "1.23 million" rounds to "1.2 million"; 15 -> 20 billion is a change.
    return a.scaled and b.scaled and diff <= 0.015 * max(abs(a.value), abs(b.value))


def same_across(a: Amount, b: Amount) -> bool:
    """The two figures agree in claims of two languages: up to rounding
    (:func:`same_value`), or, when at least one was read without a scale
    word, one is the other times a power of ten of a thousand or more, up to
    the rounding of the more precise one (a scale word
    in a language :data:`_WORD_SCALES` does not list: "250 <million>" is
    "250 million", "1,100 <million>" is "1.1 billion").  Two figures both read
    with their scale words are compared as values."""
    if same_value(a, b):
        return True
    if (a.scaled and b.scaled) or a.value <= 0 or b.value <= 0:
        return False
    small, big = sorted((a, b), key=lambda x: x.value)
    k = round(math.log10(big.value / small.value))
    tolerance = min(small.step * 10.0**k, big.step) / 2
    return k >= 3 and abs(small.value * 10.0**k - big.value) <= tolerance * (1 + 1e-9)


def in_gregorian(amounts: Sequence[Amount], language: str | None) -> tuple[Amount, ...]:
    """The figures of a claim written in ``language`` with the years of its
    country's calendar read as Gregorian years: a Buddhist-era year of a Thai,
    Lao or Khmer page (2573 is 2030), a Solar Hijri year of a Persian or Pashto
    page (1405 is 2026 or 2027: it spans both), with the ranges
    :mod:`compare.events.calendars` reads dates in.  Other figures as they are."""
    if language in BUDDHIST_ERA_LANGUAGES:
        lo, hi = BE_YEARS
        return tuple(Amount(a.value - BUDDHIST_ERA_OFFSET) if not a.scaled and a.step == 1.0
                     and lo <= a.value <= hi else a for a in amounts)
    if language in SOLAR_HIJRI_LANGUAGES:
        lo, hi = SH_YEARS
        return tuple(Amount(a.value + SH_OFFSET + 0.5, 2.0) if not a.scaled and a.step == 1.0
                     and lo <= a.value <= hi else a for a in amounts)
    return tuple(amounts)


# The Solar Hijri year begins in March: year + 621 until December, + 622 from January.
SH_OFFSET = 621


_NAMES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_amount(a: Amount) -> str:
    """A figure for a reader: 120000000000 -> "120 billion", 1500000 -> "1.5 million"."""
    v = a.value
    for size, name in _NAMES:
        if abs(v) >= size:
            return f"{v / size:.4g} {name}"
    return f"{int(v)}" if v == int(v) else f"{v:.6g}"
