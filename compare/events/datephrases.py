"""Finding date phrases in article text (the lexical half of :mod:`compare.events.dates`).

Own regular expressions for the well-defined formats articles use ("June 1,
2020", "1 June 2020", "02.06.2020 07:30", "1 июня 2020 года", "17/03/2023", "on Monday",
"yesterday", datelines such as "MOSCOW, June 1 (Reuters) -").  Each phrase
becomes a :class:`Mention` with its offsets and what it fixes (year, month,
day, weekday, offset from the publication day); resolving and weighing the
mentions is :mod:`compare.events.dates`' job.

Month names are matched case-sensitively (capitalised), so the modal verb
"may" and the verb "march" are never read as months.  Scrape artefacts such as
"12 months ago" are recognised so that nothing inside them counts as a date.
Lines that are captions, copyright notices or teasers are flagged so that
their dates are not taken as evidence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import re2
from attrs import frozen

MAX_SCAN_CHARS = 100_000

MONTHS: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6,
    "July": 7, "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
RU_MONTHS: dict[str, int] = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
    "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
    "понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3,
    "пятницу": 4, "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6,
}
RELATIVE_DAYS: dict[str, int] = {
    "today": 0, "tonight": 0, "earlier today": 0, "yesterday": -1,
    "сегодня": 0, "вчера": -1,
}

# Time-zone abbreviations of stamps ("16:20 GMT").
TIME_ZONES = ("GMT", "UTC", "MSK", "ET", "EDT", "EST", "CET", "CEST", "BST")
_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|"
             r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
_WEEKDAY_EN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19|20)\d{2}"
_TIME = (r"(?:,?[ \t]*(?:at[ \t]+|-[ \t]*|\|[ \t]*)?\d{1,2}[:.]\d{2}(?!\d)(?:[ \t]*[ap]\.?[ \t]?m\.?)?"
         rf"(?:[ \t]*(?:{'|'.join(TIME_ZONES)}))?)")

# Patterns start with a literal or a digit (no leading \b or look-behind), which lets
# the regex engine skip ahead quickly; left boundaries are checked in Python.
# "May 22, 2020", "May 2", "Jun. 1st, 2020", "July 7-8" (a weekday before is looked up separately)
MONTH_DAY = re.compile(
    rf"(?P<mon>{_MONTH_RE})\.?[ \t]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
    rf"(?:[ \t]*[-–][ \t]*\d{{1,2}}(?!\d))?(?:,?[ \t]+(?P<year>{_YEAR})(?!\d))?(?P<time>{_TIME})?")
# "23 July 2020 22:19", "30 May", "1st of June 2020"
DAY_MONTH = re.compile(
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:[ \t]*[-–][ \t]*\d{{1,2}})?[ \t]+(?:of[ \t]+)?"
    rf"(?P<mon>{_MONTH_RE})(?![a-z])\.?(?:,?[ \t]+(?P<year>{_YEAR})(?!\d))?(?P<time>{_TIME})?")
# "02.06.2020 07:30"
NUMERIC = re.compile(rf"(?P<day>\d{{1,2}})\.(?P<mon>\d{{1,2}})\.(?P<year>{_YEAR})(?![\d])(?P<time>{_TIME})?")
# "17/03/2023 18:22" (day and month in either order: used only when one part is above 12)
SLASHED = re.compile(rf"(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<year>{_YEAR})(?![\d/])(?P<time>{_TIME})?")
# "2020-06-01"
ISO = re.compile(rf"(?P<year>{_YEAR})-(?P<mon>\d{{2}})-(?P<day>\d{{2}})(?![\d])(?P<time>T?{_TIME})?")
# "1 июня 2020 года", "1 июня"
RUSSIAN = re.compile(
    r"(?P<day>\d{1,2})[ \t]+(?P<mon>января|февраля|марта|апреля|мая|июня|июля|августа|"
    rf"сентября|октября|ноября|декабря)(?:[ \t]+(?P<year>{_YEAR})(?:[ \t]*(?:года|г\.))?)?(?P<time>{_TIME})?")
WEEKDAY = re.compile(rf"(?P<wd>{_WEEKDAY_EN})(?P<poss>['’]s)?(?![a-z])|"
                     r"(?P<ruwd>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)(?![а-я])")
_WEEKDAY_BEFORE = re.compile(rf"(?P<wd>{_WEEKDAY_EN}),?[ \t]+$")
_MODIFIER_BEFORE = re.compile(r"(?P<mod>late|early|on|last|this|next)[ \t]+$", re.IGNORECASE)
_RU_WEEKDAY_BEFORE = re.compile(r"(?:^|[^а-яА-Я])(?P<prep>[вВ][оО]?)[ \t]+$")
# Searched in the lower-cased text.
RELATIVE = re.compile(r"(?P<rel>earlier today|today|tonight|yesterday|сегодня|вчера)(?P<poss>['’]s)?")
# "MOSCOW, June 1 (Reuters) -", "WASHINGTON, May 2, 2017 -"
DATELINE = re.compile(
    rf"^(?P<city>[A-Z][A-Z .'’-]{{1,30}}[A-Z]),[ \t]+(?P<mon>{_MONTH_RE})\.?[ \t]+(?P<day>\d{{1,2}})(?!\d)"
    rf"(?:,[ \t]+(?P<year>{_YEAR}))?[ \t]*(?:\([^()\n]{{1,40}}\))?[ \t]*[-–—]", re.MULTILINE)
# Searched in the lower-cased text.
AGO = re.compile(r"(?:\d+|an?|one)[ \t]+(?:seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)"
                 r"[ \t]+ago(?![a-z])|\d+[ \t]+(?:час|дн|день|недел|месяц|год|лет)[а-я]*[ \t]+назад")
_DIGIT = re.compile(r"\d")
_CYRILLIC = re.compile(r"[а-яё]")
YEAR_ONLY = re.compile(rf"(?P<year>{_YEAR})(?![\d])")

# Lines whose dates are not evidence of the reported event (words found in the lower-cased text).
NON_EVIDENCE_WORDS: tuple[str, ...] = (
    "photo", "picture:", "©", "(c)", "copyright", "all rights reserved", "sputnik international", "getty images",
    "file image", "archive", "read also", "related:", "more from", "see also", "читайте также", "tags:",
    "теги:", "views:", "presidential executive office", "при использовании материалов")
NON_EVIDENCE = re.compile("|".join(re.escape(w) for w in NON_EVIDENCE_WORDS))
_AGO_WORDS = (" ago", " назад")

MentionKind = Literal["full", "daymonth", "numeric", "iso", "russian", "weekday", "relative", "dateline", "day"]


@frozen
class Mention:
    """One date phrase: where it is and what it fixes."""

    start: int
    end: int
    quote: str
    kind: MentionKind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    # Days from the publication date ("yesterday" = -1), for relative phrases.
    offset: int | None = None
    has_time: bool = False
    # True when the phrase is on a caption / copyright / teaser line.
    excluded: bool = False
    # "next Monday", "Saturday's launch": a weekday that names something else.
    modifier: str | None = None


class WordScan:
    """Which of a fixed set of literal words occur in a text (as substrings, so exactly
    ``word in text``): one pass of an RE2 set over the text instead of one ``str.find``
    per word.  The answer for the last text is kept (looked up by identity), so the
    helpers of one document share one pass."""

    __slots__ = ("_last", "_set", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words: tuple[str, ...] = tuple(dict.fromkeys(w for w in words if w))
        options = re2.Options()
        options.literal = True
        rset: Any = re2.Set.SearchSet(options)
        for w in self.words:
            rset.Add(w)
        rset.Compile()
        self._set = rset
        self._last: tuple[str, frozenset[str]] | None = None

    def present(self, text: str) -> frozenset[str]:
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        data = _utf8(text)
        if data is None:  # lone surrogates: ask str itself
            found = frozenset(w for w in self.words if w in text)
        else:
            found = frozenset(self.words[i] for i in self._set.Match(data) or ())
        self._last = (text, found)
        return found

    def prime(self, text: str, found: frozenset[str]) -> None:
        """Take the answer for ``text`` from a scan of more words (see :func:`scan_together`)."""
        self._last = (text, found.intersection(self.words))


_TOGETHER: dict[tuple[WordScan, ...], WordScan] = {}


def scan_together(text: str, scans: Sequence[WordScan]) -> None:
    """Answer several scans for ``text`` with one pass (a scan of all their words, built
    once per combination); each then has its answer for ``text`` at hand."""
    key = tuple(scans)
    combined = _TOGETHER.get(key)
    if combined is None:
        if len(_TOGETHER) > 32:
            _TOGETHER.clear()
        combined = _TOGETHER[key] = WordScan(w for scan in scans for w in scan.words)
    found = combined.present(text)
    for scan in scans:
        scan.prime(text, found)


_LAST_UTF8: list[tuple[str, bytes | None]] = []


def _utf8(text: str) -> bytes | None:
    """``text`` as UTF-8 (None when it holds lone surrogates); the last answer is kept, so
    the word scans of one text encode it once."""
    if _LAST_UTF8 and _LAST_UTF8[0][0] is text:
        return _LAST_UTF8[0][1]
    try:
        data: bytes | None = text.encode("utf-8")
    except UnicodeEncodeError:
        data = None
    _LAST_UTF8[:] = [(text, data)]
    return data


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


# Every decimal digit of another script ("٣", "۲۳", "३", "৩", "๓") as its ASCII digit: the
# date patterns, which read years as "(?:19|20)\d{2}", then read native digits too.
_NATIVE_DIGITS = {cp: str(unicodedata.decimal(chr(cp))) for cp in range(0x80, 0x20000)
                  if unicodedata.category(chr(cp)) == "Nd"}


def lower_same_length(text: str) -> str:
    """``text.lower()`` when that keeps every offset (almost always), else an
    ASCII/Cyrillic-only lower-casing that does; digits of any script become ASCII digits."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low if low.isascii() else low.translate(_NATIVE_DIGITS)


def _word_start(text: str, i: int) -> bool:
    return i == 0 or not text[i - 1].isalnum()


def _number_start(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".-/")


def excluded_lines(text: str, low: str | None = None) -> list[tuple[int, int]]:
    """Spans of the lines whose dates are not evidence (captions, copyright, teasers),
    merged and in order."""
    low = lower_same_length(text) if low is None else low
    spans: list[tuple[int, int]] = []
    present = PHRASE_SCAN.present(low)
    # A line is excluded when any of the words occurs in it (the first occurrence per
    # line is enough: what matters is the line).  An "N hours ago" artefact is no
    # date itself (find_mentions skips it) and marks a teaser's line ("... talks
    # in Sochi on February 14 · 3 days ago"), except on a stamp line, whose date
    # is the publication's ("January 21, 2022 4:30 PM UTC  Updated 2 hours ago").
    hits = [a for a, b in ago_spans(low) if not _stamp_line(low, a, b)]
    for word in NON_EVIDENCE_WORDS:
        if word in present:
            pos = low.find(word)
            while pos >= 0:
                hits.append(pos)
                end = low.find("\n", pos)
                pos = low.find(word, end) if end >= 0 else -1
    for pos in sorted(hits):
        if spans and pos < spans[-1][1]:
            continue
        spans.append(line_bounds(text, pos))
    return spans


_STAMP_WORDS = frozenset(
    [m.casefold() for m in MONTHS] + [w for w in WEEKDAYS if w.isascii()]
    + [z.casefold() for z in TIME_ZONES]
    + ["updated", "published", "posted", "modified", "last", "edited", "on", "at", "am", "pm", "a", "p", "m"])
_LETTER_WORD = re.compile(r"[^\W\d_]+")


def _stamp_line(low: str, a: int, b: int) -> bool:
    """The line of the artefact ``low[a:b]`` holds nothing but date and time words."""
    start, end = line_bounds(low, a)
    rest = low[start:a] + " " + low[b:end]
    return all(w in _STAMP_WORDS for w in _LETTER_WORD.findall(rest))


def ago_spans(low: str) -> list[tuple[int, int]]:
    """Spans of "12 months ago" / "1 year ago" artefacts (looked for only around "ago")."""
    out = []
    present = PHRASE_SCAN.present(low)
    for word in _AGO_WORDS:
        if word not in present:
            continue
        pos = low.find(word)
        while pos >= 0:
            a = max(0, pos - 30)
            for m in AGO.finditer(low, a, pos + len(word) + 1):
                out.append((m.start(), m.end()))
            pos = low.find(word, pos + 1)
    return out


def in_spans(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (pos, 10**12)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _weekday_before(text: str, start: int) -> tuple[int, int | None]:
    if text[start - 1:start] not in (" ", "\t"):
        return start, None
    m = _WEEKDAY_BEFORE.search(text, max(0, start - 12), start)
    if m and _word_start(text, m.start()):
        return m.start(), WEEKDAYS[m["wd"].lower()]
    return start, None


_NUMBER_RUN = re.compile(r"\d+")
_MONTH_BEFORE = re.compile(rf"{_MONTH_RE}\.?[ \t]+$")
# Words (lower case) whose occurrences are looked at: every weekday and relative day.
_WEEKDAY_HITS = tuple(WEEKDAYS)
_RELATIVE_HITS = ("earlier today", "today", "tonight", "yesterday", "сегодня", "вчера")
# Every word the helpers look for, found in one pass per text.
PHRASE_SCAN = WordScan((*NON_EVIDENCE_WORDS, *_AGO_WORDS, *_WEEKDAY_HITS, *_RELATIVE_HITS))


_MONTH_TAILS = frozenset(m[-3:] for m in MONTHS)


def _month_may_end(text: str, k: int) -> bool:
    """Whether the text before the blanks that end at ``k`` (inclusive) ends like a month
    name ("May", "Sept."): a cheap check before the month-before pattern runs."""
    while k >= 0 and text[k] in " \t":
        k -= 1
    if k >= 0 and text[k] == ".":
        k -= 1
    return k >= 2 and text[k - 2:k + 1] in _MONTH_TAILS


def _digit_matches(text: str, cyrillic: bool) -> list[tuple[str, re.Match[str]]]:
    """Every numeric date pattern, tried only where a run of digits starts (and, for
    "May 22" and datelines, just before it): one pre-scan instead of a scan per pattern."""
    out: list[tuple[str, re.Match[str]]] = []
    lines_tried: set[int] = set()
    m: re.Match[str] | None
    for run in _NUMBER_RUN.finditer(text):
        p, q = run.span()
        prev = text[p - 1] if p else " "
        if not (prev.isalnum() or prev in ".-/"):
            # Which pattern can start here follows from the run's length and the next
            # character: "1." numeric, "1/" slashed, "2020-" ISO, "1 " / "1st" day-month.
            nxt = text[q:q + 1]
            if q - p <= 2:
                if nxt == ".":
                    m = NUMERIC.match(text, p)
                    if m is not None:
                        out.append(("numeric", m))
                elif nxt == "/":
                    m = SLASHED.match(text, p)
                    if m is not None:
                        out.append(("slashed", m))
                else:
                    m = DAY_MONTH.match(text, p)
                    if m is not None:
                        out.append(("day_month", m))
                    if cyrillic:
                        m = RUSSIAN.match(text, p)
                        if m is not None:
                            out.append(("russian", m))
            elif q - p == 4 and nxt == "-":
                m = ISO.match(text, p)
                if m is not None:
                    out.append(("iso", m))
        if prev in " \t" and _month_may_end(text, p - 1):
            before = _MONTH_BEFORE.search(text, max(0, p - 13), p)
            if before is not None and _word_start(text, before.start()):
                m = MONTH_DAY.match(text, before.start())
                if m is not None:
                    out.append(("month_day", m))
                line = text.rfind("\n", 0, p) + 1
                if line not in lines_tried:
                    lines_tried.add(line)
                    m = DATELINE.match(text, line)
                    if m is not None:
                        out.append(("dateline", m))
    return out


def _word_hits(low: str, words: Sequence[str]) -> list[int]:
    """Starts of whole-word occurrences of ``words`` in ``low`` (found with str.find)."""
    out = []
    present = PHRASE_SCAN.present(low)
    for w in words:
        if w not in present:
            continue
        pos = low.find(w)
        while pos >= 0:
            if pos == 0 or not low[pos - 1].isalnum():
                out.append(pos)
            pos = low.find(w, pos + 1)
    return sorted(set(out))


def find_mentions(text: str, low: str | None = None,
                  skip: Sequence[tuple[int, int]] | None = None) -> list[Mention]:
    """Every date phrase in ``text`` (bounded to the first ``MAX_SCAN_CHARS``), in text order.

    Overlapping matches keep the longest (a weekday inside "Friday, May 22" is
    part of that date, not a separate mention)."""
    text = text[:MAX_SCAN_CHARS]
    low = lower_same_length(text) if low is None else low[:MAX_SCAN_CHARS]
    skip = excluded_lines(text, low) if skip is None else skip
    ago = ago_spans(low)
    cyrillic = not low.isascii() and _CYRILLIC.search(low) is not None
    found: list[Mention] = []

    def add(start: int, end: int, kind: MentionKind, **values: object) -> None:
        quote = text[start:end].rstrip(" ,-–—|\t")
        found.append(Mention(start=start, end=start + len(quote), quote=quote, kind=kind,
                             excluded=in_spans(start, skip), **values))  # type: ignore[arg-type]

    m: re.Match[str] | None
    for name, dm in _digit_matches(text, cyrillic):
        m = dm
        if name == "dateline":
            add(m.start(), m.end(), "dateline", month=MONTHS[m["mon"]], day=int(m["day"]),
                year=int(m["year"]) if m["year"] else None)
        elif name in ("month_day", "day_month"):
            start, weekday = _weekday_before(text, m.start())
            add(start, m.end(), "full" if m["year"] else "daymonth", month=MONTHS[m["mon"]],
                day=int(m["day"]), year=int(m["year"]) if m["year"] else None, weekday=weekday,
                has_time=bool(m["time"]))
        elif name == "slashed":
            a, b = int(m["a"]), int(m["b"])
            if (a > 12) != (b > 12):
                day, month = (a, b) if a > 12 else (b, a)
                add(m.start(), m.end(), "numeric", day=day, month=month, year=int(m["year"]),
                    has_time=bool(m["time"]))
        elif name == "russian":
            add(m.start(), m.end(), "russian", day=int(m["day"]), month=RU_MONTHS[m["mon"]],
                year=int(m["year"]) if m["year"] else None, has_time=bool(m["time"]))
        else:
            add(m.start(), m.end(), "numeric" if name == "numeric" else "iso", day=int(m["day"]),
                month=int(m["mon"]), year=int(m["year"]), has_time=bool(m["time"]))
    for start in _word_hits(low, _WEEKDAY_HITS):
        m = WEEKDAY.match(text, start)
        if m is None:
            continue
        if m["ruwd"]:
            before = _RU_WEEKDAY_BEFORE.search(text, max(0, start - 4), start)
            if not before:
                continue
            add(before.start("prep"), m.end(), "weekday",
                weekday=WEEKDAYS[m["ruwd"]])
            continue
        mod_m = _MODIFIER_BEFORE.search(text, max(0, start - 7), start)
        mod = None
        if mod_m and _word_start(text, mod_m.start()):
            mod, start = mod_m["mod"].lower(), mod_m.start()
        if m["poss"]:
            mod = "possessive"
        add(start, m.end(), "weekday", weekday=WEEKDAYS[m["wd"].lower()], modifier=mod)
    for start in _word_hits(low, _RELATIVE_HITS):
        m = RELATIVE.match(low, start)
        if m is None or m["poss"] or (m.end() < len(low) and low[m.end()].isalnum()):
            continue
        add(m.start(), m.end(), "relative", offset=RELATIVE_DAYS[m["rel"]])
    # Longest first, then drop anything overlapping a kept mention or an "ago" artefact.
    kept: list[Mention] = []
    taken: list[tuple[int, int]] = list(ago)
    for mention in sorted(found, key=lambda x: (-(x.end - x.start), x.start)):
        if any(mention.start < b and a < mention.end for a, b in taken):
            continue
        if mention.month is not None and not 1 <= mention.month <= 12:
            continue
        if mention.day is not None and not 1 <= mention.day <= 31:
            continue
        if mention.year is not None and mention.month is not None and mention.day is not None and \
                valid_date(mention.year, mention.month, mention.day) is None:
            continue
        kept.append(mention)
        taken.append((mention.start, mention.end))
    kept.sort(key=lambda x: x.start)
    return kept


def years_in(text: str) -> list[int]:
    """Four-digit years written in ``text`` (not part of a longer number)."""
    return [int(m["year"]) for m in YEAR_ONLY.finditer(text[:MAX_SCAN_CHARS])
            if _number_start(text, m.start())]


# ---------------------------------------------------------------- sentences

_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”»’)]*[ \t]+|\n|[。！？]")
_ABBREVIATIONS = frozenset({"u.s", "mr", "ms", "mrs", "dr", "st", "jr", "no", "vs", "gen", "lt", "col",
                            "sen", "rep", "gov", "prof", "a.m", "p.m", "u.n", "u.k", "e.g", "i.e"})


def _is_break(text: str, m: re.Match[str]) -> bool:
    if m.group(0) in ("\n", "。", "！", "？"):
        return True
    end = m.end()
    nxt = text[end:end + 2].lstrip("\"“«(")
    if not nxt or not (nxt[0].isupper() or nxt[0].isdigit()):
        return False
    word = text[max(0, m.start() - 4):m.start()].rsplit(" ", 1)[-1].lower()
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos`` as (start, end), looking only at its own line
    (after a line break, or after . ! ? followed by a capital letter or digit, not
    after "U.S.", "Mr." and other abbreviations)."""
    start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    limit = len(text) if line_end < 0 else line_end + 1
    for m in _SENTENCE_BREAK.finditer(text, start, pos):
        if _is_break(text, m):
            start = m.end()
    for m in _SENTENCE_BREAK.finditer(text, pos, limit):
        if _is_break(text, m):
            return start, m.end()
    return start, limit
