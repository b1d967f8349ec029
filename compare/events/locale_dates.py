"""Date phrases in any language dateparser has locale data for.

The hand-written tables of :mod:`foreign_dates` cover French, German, Spanish and
Chinese; :mod:`datephrases` English and Russian.  A page in Italian, Turkish,
Portuguese, Indonesian, Korean, Arabic... is read here from dateparser's own
locale data (the library's month and weekday names, its "today" / "yesterday"
words, its connector words and its usual date order), so no language needs a
table of ours:

- a day number next to a month name, in the locale's order ("12 marzo 2026",
  "12 de março", "12 Mart 2026", "2026. március 12.", "marzo 12" for month-first
  locales), with the locale's skip words allowed between them ("12 de março");
- numeric month names: Korean "2026년 3월 12일", Vietnamese "ngày 12 tháng 3"
  (Japanese "3月12日" is read as Chinese is), and Japanese and Korean weekday names
  ("月曜日", "월요일");
- a weekday name ("lunedì", "pazartesi", "segunda-feira");
- "today" and "yesterday" ("oggi", "ieri", "dün", "ontem").

Short forms are left out: a month abbreviation of three letters is read only
right after a day number, a weekday name of fewer than four letters and a
"today" / "yesterday" word of fewer than three (fewer than two characters for a
spaceless script) never, since such words are often ordinary words of the
language ("mar" is "sea" in Italian, "sen" is "you" in Turkish).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

import attrs

from compare.events.datephrases import valid_date

__all__ = ["Add", "LocaleDates", "add_date", "alternation", "locale_dates", "locale_matches"]

MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE_KEYS = {"0 day ago": 0, "1 day ago": -1}
MIN_MONTH_CHARS = 3
MIN_WORD_CHARS = 4
MIN_RELATIVE_CHARS = 3
MIN_SPACELESS_CHARS = 2
# Connector words allowed between the day and the month ("12 de março"): the
# locale's skip words of at most this many letters.
MAX_CONNECTOR_CHARS = 3
# ISO 639-1 codes our detector gives whose dateparser locale has another name.
_LOCALE_ALIASES = {"no": "nb"}
# Numeric month names: Korean "2026년 3월 12일", Vietnamese "ngày 12 tháng 3 năm 2026".
_NUMERIC_MONTH = {
    "ko": re.compile(r"(?:(?P<year>(?:19|20)\d{2})\s*년\s*)?(?P<mon>\d{1,2})\s*월\s*(?P<day>\d{1,2})\s*일"),
    "vi": re.compile(r"(?<![^\W\d_])ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<mon>\d{1,2})(?!\d)"
                     r"(?:,?\s+năm\s+(?P<year>(?:19|20)\d{2})(?!\d))?", re.IGNORECASE),
}


# A numeric day and month (and year) in brackets right after a weekday, as Indonesian and
# Malay news date the event: "Senin (14/9)", "Selasa (15/9/2026)".
_BRACKETED_DATE = re.compile(r"[ \t]*\((?P<day>\d{1,2})/(?P<mon>\d{1,2})(?:/(?P<year>(?:19|20)?\d{2}))?\)")


def _full_year(digits: str | None) -> int | None:
    """A bracketed date's year; two digits are 1970-2069 ("(14/9/98)" is 1998)."""
    if not digits:
        return None
    year = int(digits)
    return year if len(digits) == 4 else year + (1900 if year >= 70 else 2000)


@attrs.frozen
class LocaleDates:
    """One language's date words, lower-cased, from dateparser's locale data."""

    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, int]
    # Day first ("12 marzo 2026"), read in every locale; month first ("2026. március 12.")
    # as well where the locale's date order puts the month first.
    day_month: tuple[re.Pattern[str], ...]
    weekday: re.Pattern[str] | None
    relative_word: re.Pattern[str] | None
    # The locale writes the day before the month in numeric dates ("14/9" is 14 September).
    day_first: bool = True
    # Weekday names shorter than MIN_WORD_CHARS that are the whole name, not an abbreviation
    # (Romanian "joi", Thursday): read only beside a contact word (``modifier="short"``).
    short_weekdays: dict[str, int] = attrs.field(factory=dict)
    short_weekday: re.Pattern[str] | None = None
    # A day, a word and a year: the word may be a month name in a case the locale data
    # does not list (Serbian "3. децембра 2026" of "децембар", Finnish "3. joulukuuta 2026").
    inflected: re.Pattern[str] | None = None
    # A long weekday form without its final vowel (or its nominative ending), which a case
    # ending replaces (Georgian "ხუთშაბათ-ს" of "ხუთშაბათი", Hungarian "szerd-án" of
    # "szerda", Lithuanian "ketvirtadien-į"): matched with an ending of one or two letters
    # (or none in BARE_STEM_LANGUAGES); and a short Slavic form without its "-a", matched
    # with one accusative letter ("sred-o" of "sreda").
    weekday_stems: dict[str, int] = attrs.field(factory=dict)


def _syllabic(word: str) -> bool:
    """Han, kana and Hangul: one character is a syllable or a word."""
    return any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in word)


def _spaceless(word: str) -> bool:
    """Scripts written without spaces between words (Han, kana, Hangul particles, and Thai,
    Lao, Khmer and Burmese, whose weekday follows "on" unspaced: "เมื่อวันพฤหัสบดี")."""
    return _syllabic(word) or any("\u0e00" <= ch <= "\u0eff" or "\u1000" <= ch <= "\u109f"
                                  or "\u1780" <= ch <= "\u17ff" for ch in word)


def _long_enough(word: str, letters: int) -> bool:
    return len(word) >= (MIN_SPACELESS_CHARS if _syllabic(word) else letters)


def _full_forms(forms: object, letters: int) -> list[str]:
    """The forms of one locale entry that are whole words: long enough, no digits, not
    in brackets, and not an abbreviation (a prefix of another form: "månd" of "måndag")."""
    words = [w.lower() for w in forms if isinstance(w, str)] if isinstance(forms, list) else []
    words = [w for w in words if _long_enough(w, letters) and not any(ch.isdigit() or ch in "()." for ch in w)]
    return [w for w in words if not any(o != w and o.startswith(w) for o in words)]


def alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A weekday form may carry a short inflectional ending ("i tisdags", Swedish "last
# Tuesday"; Finnish "tiistaina"): at most this many letters after a form of at least
# INFLECTED_MIN_CHARS letters (shorter forms would take ordinary words: Romanian "luni"
# is also "months", "lunile" "the months").
MAX_ENDING_CHARS = 2
INFLECTED_MIN_CHARS = 5
# One-letter clitics written onto the next word in Hebrew ("ב" on, "ו" and, "ל" to,
# "מ" from, "ה" the, "ש" that) and Arabic ("و" and, "ب" with/on, "ل" for, "ف" so).
_HE_CLITICS = "בולמהש"
_AR_CLITICS = "وبلف"


def _clitics(word: str) -> str:
    if any("\u0590" <= ch <= "\u05ff" for ch in word):
        return _HE_CLITICS
    if any("\u0600" <= ch <= "\u06ff" for ch in word):
        return _AR_CLITICS
    return ""


# Vowels a weekday's form may end in and give up to a case ending (Georgian "ხუთშაბათი",
# "ხუთშაბათს" on Thursday; Hungarian "szerda", "szerdán" on Wednesday).
_FINAL_VOWELS = frozenset("aeiouáéíóúàèìòùâêîôûäëïöüőűаеиоуыэюяіїєёაეიოუ")


def _stem(word: str, language: str = "") -> str | None:
    """A long weekday form without its final vowel, or without a final vowel and "s" (the
    Baltic nominative: Lithuanian "ketvirtadienis", "ketvirtadienį" on Thursday), or
    without its language's nominative ending (:data:`NOMINATIVE_ENDINGS`), or None."""
    if len(word) <= INFLECTED_MIN_CHARS or not word.isalpha() or _clitics(word):
        return None
    for end in NOMINATIVE_ENDINGS.get(language, ()):
        if word.endswith(end):
            return word[: -len(end)]
    if word[-1] in _FINAL_VOWELS:
        return word[:-1]
    if word[-1] == "s" and word[-2] in _FINAL_VOWELS and len(word) - 2 >= MIN_S_STEM_CHARS:
        return word[:-2]
    return None


# The shortest stem left by a final vowel and "s" (Spanish "martes" leaves "mart", which
# "Marta" would meet).
MIN_S_STEM_CHARS = 6
# Languages whose weekday adverb is the form without its final vowel (or nominative
# ending) and no ending (Latvian "ceturtdiena" Thursday, "ceturtdien" on Thursday).
BARE_STEM_LANGUAGES = frozenset({"lv", "is"})
# Nominative endings a weekday gives up in the other cases: Icelandic "fimmtudagur"
# (Thursday), "á fimmtudag" (on Thursday).
NOMINATIVE_ENDINGS: dict[str, tuple[str, ...]] = {"is": ("ur",)}
# Languages that write a weekday as its name and a word for "day" in one word, the name's
# last consonant changed by the join: Tamil "வியாழன்" (Thursday) and "கிழமை" (day) make
# "வியாழக்கிழமை"; "திங்கள்" makes "திங்கட்கிழமை".
DAY_COMPOUNDS: dict[str, str] = {"ta": "கிழமை"}
# The most characters between the name's stem and the day word ("ற்றுக்" of
# "ஞாயிற்றுக்கிழமை", Sunday).
COMPOUND_JOIN_CHARS = 6
# Slavic languages put a short feminine weekday in "-a" in the accusative after "on"
# (Slovenian "v sredo", Polish "w środę", Russian "в среду"): its final "a" gives way to
# one of these letters even where the form is too short for other endings.
SLAVIC_LANGUAGES = frozenset({"pl", "cs", "sk", "sl", "hr", "sr", "bs", "uk", "be", "ru", "bg", "mk"})
_ACCUSATIVE = "uoęую"


def _article_free(weekdays: dict[str, int]) -> dict[str, int]:
    """Weekday forms written with a short article before them, as the word alone (Albanian
    "e enjte", Thursday: "të enjten", on Thursday, declines the word and changes the
    article); the word must be long enough to take an ending."""
    out: dict[str, int] = {}
    for form, n in weekdays.items():
        parts = form.split(" ")
        if len(parts) == 2 and len(parts[0]) <= 2 and len(parts[1]) >= INFLECTED_MIN_CHARS:
            out.setdefault(parts[1], n)
    return {w: n for w, n in out.items() if w not in weekdays}


def _compound_stem(word: str) -> str:
    """A weekday name without its last syllable sign (a letter and its virama or vowel
    sign: "வியாழ" of "வியாழன்", "ஞாயி" of "ஞாயிறு"), which the join with the word for
    "day" changes; a name of three characters or fewer whole ("சனி")."""
    return word[:-2] if len(word) > 3 and unicodedata.category(word[-1]).startswith("M") else word


def _words_pattern(words: list[str], inflected: bool = False, stems: Sequence[str] = (),
                   bare: bool = False, accusative: Sequence[str] = (),
                   compound: tuple[Sequence[str], str] | None = None) -> re.Pattern[str] | None:
    """Whole words for alphabetic scripts; spaceless scripts have no word boundary.  The
    word matched is the group ``w``.  ``inflected``: a long enough word may carry a short
    ending, a Hebrew or Arabic one a one-letter clitic before it; each of ``stems`` stands
    before an ending of one or two letters (a form whose final vowel the ending replaces),
    or of none with ``bare``; each of ``accusative`` before one letter of
    :data:`_ACCUSATIVE`; ``compound``: (stems, day word), a stem joined to the day word
    by at most a few letters (:data:`DAY_COMPOUNDS`)."""
    if not words:
        return None
    spaced = [w for w in words if not _spaceless(w)]
    spaceless = [w for w in words if _spaceless(w)]
    parts = []
    if spaced and inflected:
        long = [w for w in spaced if len(w) >= INFLECTED_MIN_CHARS and w.isalpha() and not _clitics(w)]
        rest = [w for w in spaced if w not in long]
        prefixes = "".join(sorted({ch for w in rest for ch in _clitics(w)}))
        before = f"(?<![^\\W\\d_])[{prefixes}]?" if prefixes else "(?<![^\\W\\d_])"
        alts = [rf"(?P<w>{alternation(long)})[^\W\d_]{{0,{MAX_ENDING_CHARS}}}"] if long else []
        alts += [rf"(?P<w4>{alternation(list(stems))})[^\W\d_]{{{0 if bare else 1},{MAX_ENDING_CHARS}}}"] \
            if stems else []
        alts += [rf"(?P<w5>{alternation(list(accusative))})[{_ACCUSATIVE}]"] if accusative else []
        if compound is not None and compound[0]:
            # the day word may carry a case of its own ("வியாழக்கிழமையன்று", on Thursday)
            alts += [rf"(?P<w6>{alternation(list(compound[0]))})\S{{0,{COMPOUND_JOIN_CHARS}}}?"
                     rf"{re.escape(compound[1])}\S{{0,{COMPOUND_JOIN_CHARS}}}"]
        alts += [rf"(?P<w2>{alternation(rest)})"] if rest else []
        parts.append(rf"{before}(?:{'|'.join(alts)})(?![^\W\d_])")
    elif spaced:
        parts.append(rf"(?<![^\W\d_])(?P<w>{alternation(spaced)})(?![^\W\d_])")
    parts += [rf"(?P<w3>{alternation(spaceless)})"] if spaceless else []
    return re.compile("|".join(parts))


def matched_word(m: re.Match[str]) -> str:
    """The list word a :func:`_words_pattern` match stands for (without clitic or ending)."""
    groups = m.groupdict()
    return next(groups[k] for k in ("w", "w2", "w3", "w4", "w5", "w6") if groups.get(k) is not None)


# Arabic letters Persian and Urdu write in other shapes (kaf, yeh): a form in the one
# spelling is also read in the other.
_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ك": "ک"})


def _mended_weekdays(weekdays: dict[str, int]) -> dict[str, int]:
    """The locale's weekday forms, mended: a form written with a space is the weekday of
    the same form written without it (the Persian data lists "دو شنبه", Monday, under
    Saturday), an Arabic-letter form is also read with Persian letters, and a Devanagari
    one with its i and u vowels short or long."""
    out = dict(weekdays)
    for word in weekdays:
        joined = word.replace(" ", "")
        if joined != word and joined in weekdays:
            out[word] = weekdays[joined]
    for word, n in list(out.items()):
        out.setdefault(word.translate(_PERSIAN_LETTERS), n)
        # Devanagari spellings differ in a vowel's length (Nepali "बिहिबार", "बिहीबार")
        for variant in _vowel_lengths(word):
            out.setdefault(variant, n)
    return out


_DEVANAGARI_PAIRS = {"ि": "ी", "ी": "ि", "ु": "ू", "ू": "ु"}


def _vowel_lengths(word: str) -> list[str]:
    """``word`` with each of its Devanagari i and u vowel signs short or long (at most four
    of them; none: ``[]``)."""
    at = [i for i, ch in enumerate(word) if ch in _DEVANAGARI_PAIRS][:4]
    out = []
    for choice in itertools.product((False, True), repeat=len(at)):
        chars = list(word)
        for i, swap in zip(at, choice, strict=True):
            if swap:
                chars[i] = _DEVANAGARI_PAIRS[chars[i]]
        out.append("".join(chars))
    return out[1:] if at else []


@lru_cache(maxsize=64)
def locale_dates(language: str) -> LocaleDates | None:
    """The date words of ``language`` (an ISO 639-1 code), or None when dateparser has
    no locale for it."""
    if not language or not language.isalpha():
        return None
    try:
        from dateparser.languages.loader import default_loader
        info = default_loader.get_locale(_LOCALE_ALIASES.get(language, language)).info
    except (KeyError, ValueError, ImportError):
        return None
    months = {w.lower(): n for n, key in enumerate(MONTH_KEYS, 1) for w in info.get(key, ())
              if isinstance(w, str) and not any(ch.isdigit() for ch in w) and len(w) >= MIN_MONTH_CHARS}
    weekdays = _mended_weekdays({w: n for n, key in enumerate(_WEEKDAY_KEYS)
                                 for w in _full_forms(info.get(key), MIN_WORD_CHARS)})
    weekdays.update(_article_free(weekdays))
    relative_data = info.get("relative-type") or {}
    relative = {w: offset for key, offset in _RELATIVE_KEYS.items()
                for w in _full_forms(relative_data.get(key), MIN_RELATIVE_CHARS)}
    # A word that is both (a weekday that is also "today") is not a date phrase we can trust.
    for word in set(weekdays) & set(relative):
        del weekdays[word], relative[word]
    connectors = sorted({w.lower() for w in info.get("skip", ()) if isinstance(w, str) and w.isalpha()
                         and len(w) <= MAX_CONNECTOR_CHARS})
    order = str(info.get("date_order") or "DMY")
    month_first = order.index("M") < order.index("D")
    day_month: tuple[re.Pattern[str], ...] = ()
    inflected: re.Pattern[str] | None = None
    if months:
        link = rf"(?:\.|,)?[ \t]+(?:(?:{alternation(connectors)})[ \t]+)?" if connectors else r"(?:\.|,)?[ \t]+"
        mon = rf"(?P<mon>{alternation(list(months))})\.?"
        day = r"(?P<day>\d{1,2})\.?"
        year = r"(?P<year>(?:19|20)\d{2})(?!\d)"
        # "3. decembris", "3 декабря", and Latvian's "3.decembris" with no space after the point
        day_month = (re.compile(rf"(?<![\w.]){day}(?:{link}|(?<=\.)){mon}(?![^\W\d_])(?:{link}{year})?"),)
        if month_first:
            day_month += (re.compile(rf"(?:{year}\.?[ \t]+)?(?<![^\W\d_]){mon}[ \t]+{day}(?!\d)"),)
        else:
            # The English order with its comma and year, as the press of some day-first
            # locales writes it too ("Desemba 2, 2026" in Swahili news).
            day_month += (re.compile(rf"(?<![^\W\d_]){mon}[ \t]+{day}(?!\d),[ \t]*{year}"),)
        inflected = re.compile(rf"(?<![\w.]){day}{link}(?P<word>[^\W\d_]{{{INFLECTED_MIN_CHARS},}}){link}{year}")
    stems = {st: n for w, n in weekdays.items() if (st := _stem(w, language)) is not None and st not in weekdays}
    accusative = {w[:-1]: n for w, n in weekdays.items()
                  if language in SLAVIC_LANGUAGES and len(w) == INFLECTED_MIN_CHARS and w[-1] in "aа"
                  and w.isalpha() and w[:-1] not in stems}
    day_word = DAY_COMPOUNDS.get(language)
    # every form of the data, the short ones too ("சனி", Saturday): joined to the day word
    # it is no other word
    compounds = {_compound_stem(w): n for n, key in enumerate(_WEEKDAY_KEYS)
                 for w in _full_forms(info.get(key), 2)} if day_word else {}
    weekday = _words_pattern(list(weekdays), inflected=True, stems=list(stems),
                             bare=language in BARE_STEM_LANGUAGES, accusative=list(accusative),
                             compound=(list(compounds), day_word) if day_word else None)
    short = _short_weekdays(info)
    short = {w: n for w, n in short.items() if w not in weekdays and w not in relative}
    relative_word = _words_pattern(list(relative))
    return LocaleDates(months=months, weekdays=weekdays, relative=relative, day_month=day_month,
                       weekday=weekday, relative_word=relative_word, day_first=not month_first,
                       short_weekdays=short, short_weekday=_words_pattern(list(short)), inflected=inflected,
                       weekday_stems={**compounds, **stems, **accusative})


# An inflected month name keeps all of the name's letters but its last MONTH_STEM_SLACK and
# adds at most MONTH_ENDING_CHARS ("децембар" -> "децембра", "joulukuu" -> "joulukuuta").
MONTH_STEM_SLACK = 2
MONTH_ENDING_CHARS = 3
# benchmarks/language_sweep.py: probe dates 69/72 at slack 1 (Serbian "децембра"), 70 at 2-3; endings
# flat from 2 to 4; every set flat.


def inflected_month(word: str, months: dict[str, int]) -> int | None:
    """The month whose full name ``word`` is an inflected form of (one month only), else None."""
    found = set()
    for name, n in months.items():
        if len(name) < INFLECTED_MIN_CHARS or any(o != name and o.startswith(name) for o in months):
            continue  # an abbreviation
        shared = next((i for i, (a, b) in enumerate(zip(name, word, strict=False)) if a != b),
                      min(len(name), len(word)))
        if shared >= len(name) - MONTH_STEM_SLACK and len(word) <= len(name) + MONTH_ENDING_CHARS:
            found.add(n)
    return found.pop() if len(found) == 1 else None


def _short_weekdays(info: dict[str, object]) -> dict[str, int]:
    """Weekday names of MIN_MONTH_CHARS to MIN_WORD_CHARS - 1 letters that are the longest
    form the locale gives for their day (the name itself: Romanian "joi"), not one of its
    abbreviations (Portuguese "sab" of "sábado", Turkish "pzt" of "pazartesi")."""
    out: dict[str, int] = {}
    for n, key in enumerate(_WEEKDAY_KEYS):
        forms = info.get(key)
        words = [w.lower() for w in forms if isinstance(w, str)] if isinstance(forms, list) else []
        longest = max((len(w) for w in words), default=0)
        out.update({w: n for w in words if w.isalpha() and MIN_MONTH_CHARS <= len(w) == longest < MIN_WORD_CHARS
                    and not _spaceless(w)})
    return out


Add = Callable[..., None]


def add_date(add: Add, start: int, end: int, year: int | None, month: int, day: int) -> None:
    """``add`` a day and month (a "full" date with its year) when it can be a calendar date."""
    if 1 <= month <= 12 and 1 <= day <= 31 and (year is None or valid_date(year, month, day) is not None):
        add(start, end, "full" if year else "daymonth", day=day, month=month, year=year)


def locale_matches(text: str, low: str, language: str, add: Add) -> None:
    """Call ``add(start, end, kind, **values)`` for each date phrase of ``language`` in
    ``text`` (``low`` is its lower-cased copy with the same offsets)."""
    if language in _NUMERIC_MONTH:
        for m in _NUMERIC_MONTH[language].finditer(text):
            add_date(add, m.start(), m.end(), int(m["year"]) if m["year"] else None, int(m["mon"]), int(m["day"]))
    table = locale_dates(language)
    if table is None:
        return
    for pattern in table.day_month:
        for m in pattern.finditer(low):
            add_date(add, m.start(), m.end(), int(m["year"]) if m["year"] else None, table.months[m["mon"]],
                     int(m["day"]))
    if table.weekday is not None:
        for m in table.weekday.finditer(low):
            word = matched_word(m)
            wd = table.weekdays[word] if word in table.weekdays else table.weekday_stems[word]
            num = _BRACKETED_DATE.match(low, m.end()) if table.day_first else None
            if num is not None:  # "Senin (14/9)": the weekday and its date in brackets
                day, mon = int(num["day"]), int(num["mon"])
                year = _full_year(num["year"])
                if 1 <= mon <= 12 and 1 <= day <= 31 and (year is None or valid_date(year, mon, day)):
                    add(m.start(), num.end(), "full" if year else "daymonth", day=day, month=mon, year=year,
                        weekday=wd)
            add(m.start(), m.end(), "weekday", weekday=wd, modifier=None)
    if table.inflected is not None:
        for m in table.inflected.finditer(low):
            if m["word"] not in table.months and (month := inflected_month(m["word"], table.months)):
                add_date(add, m.start(), m.end(), int(m["year"]), month, int(m["day"]))
    if table.short_weekday is not None:
        for m in table.short_weekday.finditer(low):
            add(m.start(), m.end(), "weekday", weekday=table.short_weekdays[matched_word(m)], modifier="short")
    if table.relative_word is not None:
        for m in table.relative_word.finditer(low):
            add(m.start(), m.end(), "relative", offset=table.relative[matched_word(m)])
