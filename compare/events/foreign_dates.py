"""Date phrases in French, German, Spanish and Chinese (English and Russian: :mod:`datephrases`).

"le 12 juin 2031", "lundi 3 mars", "am 12. Juni 2031", "am Montag", "gestern",
"2031年6月12日", "6月12日", "周一" / "星期一", "昨天" become the same
:class:`~compare.events.datephrases.Mention` objects the English patterns give, so
the event-date resolver weighs them the same way (link to the contact sentence,
weekday resolved against the dateline or publication date, plans, stamps).
Month names are matched in lower case only after a day number ("12 mars", not the
verb "mars"), weekday names only as whole words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from compare.events.calendars import calendar_matches
from compare.events.datephrases import Mention, in_spans
from compare.events.locale_dates import add_date, locale_matches

FR_MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
             "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
             "décembre": 12, "decembre": 12}
ES_MONTHS = {"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
             "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12}
DE_MONTHS = {"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6,
             "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
            "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
            "sonnabend": 5, "sonntag": 6, "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2,
            "jueves": 3, "viernes": 4, "sábado": 5, "sabado": 5, "domingo": 6}
RELATIVE = {"aujourd'hui": 0, "aujourd’hui": 0, "hier": -1, "heute": 0, "gestern": -1, "hoy": 0, "ayer": -1,
            "今天": 0, "今日": 0, "昨天": -1, "昨日": -1}
ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

# Languages these tables (or datephrases') are written for; any other language's
# phrases come from dateparser's locale data (:mod:`locale_dates`).
OWN_TABLES = frozenset({"fr", "de", "es", "zh", "en", "ru", "und"})

_MONTHS = "|".join(sorted({*FR_MONTHS, *DE_MONTHS, *ES_MONTHS}, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"(?<![\w.])(?P<day>\d{{1,2}})(?:er|\.)?[ \t]+(?:de[ \t]+)?(?P<mon>{_MONTHS})(?![\w])"
                        r"(?:[ \t]+(?:de[ \t]+)?(?P<year>(?:19|20)\d{2})(?!\d))?")
# German writes the part of the day onto the weekday: "am Dienstagabend".
_WEEKDAY = re.compile(r"(?<![\w])(?P<wd>" + "|".join(WEEKDAYS) + r")(?:morgen|vormittag|mittag|nachmittag|abend|nacht)?"
                      r"(?![\w])")
_RELATIVE = re.compile(r"(?<![\w])(?P<rel>aujourd['’]hui|hier|heute|gestern|hoy|ayer)(?![\w])|"
                       r"(?P<zh>今天|今日|昨天|昨日)")
_ZH_DATE = re.compile(r"(?:(?P<year>(?:19|20)\d{2})年)?(?P<mon>\d{1,2})月(?P<day>\d{1,2})[日号]")
# A day of the month alone ("10日", "10일"): Chinese, Japanese and Korean news date the
# event so, the month being the page's.
_CJK_DAY = re.compile(r"(?<![\d年月월/.-])(?<![\d年月월]\s)(?P<day>\d{1,2})\s*(?:日|号|일)(?![\d])")
_ZH_WEEKDAY = re.compile(r"(?:星期|周|礼拜)(?P<wd>[一二三四五六日天])")
# A modifier before a weekday that makes it another day than the last one of that name.
_NEXT = re.compile(r"(?:prochain|nächsten|kommenden|下)\W*$")
_NEXT_AFTER = re.compile(r"\W*(?:prochain)")


def foreign_mentions(text: str, low: str, skip: Sequence[tuple[int, int]] = (),
                     taken: Sequence[tuple[int, int]] = (), language: str = "und") -> list[Mention]:
    """French, German and Chinese date phrases of ``text`` (``low`` is its lower-cased
    copy with the same offsets), not overlapping the spans already ``taken`` nor each
    other (the first pattern below wins).  "hier" is "yesterday" only in French (in
    German it is "here")."""
    out: list[Mention] = []

    def add(start: int, end: int, kind: str, **values: object) -> None:
        if any(start < b and a < end for a, b in taken) or any(start < x.end and x.start < end for x in out):
            return
        out.append(Mention(start=start, end=end, quote=text[start:end], kind=kind,  # type: ignore[arg-type]
                           excluded=bool(skip) and in_spans(start, skip), **values))  # type: ignore[arg-type]

    calendar_matches(text, low, language, add)  # first: "令和8年9月14日" is more than "9月14日"
    for m in _DAY_MONTH.finditer(low):
        month = FR_MONTHS.get(m["mon"]) or DE_MONTHS.get(m["mon"]) or ES_MONTHS.get(m["mon"]) or 0
        add_date(add, m.start(), m.end(), int(m["year"]) if m["year"] else None, month, int(m["day"]))
    for m in _ZH_DATE.finditer(text):
        add_date(add, m.start(), m.end(), int(m["year"]) if m["year"] else None, int(m["mon"]), int(m["day"]))
    if language in ("zh", "ja", "ko"):
        for m in _CJK_DAY.finditer(text):
            if 1 <= int(m["day"]) <= 31:
                add(m.start(), m.end(), "day", day=int(m["day"]))
    for m in _WEEKDAY.finditer(low):
        nxt = bool(_NEXT.search(low, max(0, m.start() - 12), m.start()) or _NEXT_AFTER.match(low, m.end()))
        add(m.start(), m.end(), "weekday", weekday=WEEKDAYS[m["wd"]], modifier="next" if nxt else None)
    for m in _ZH_WEEKDAY.finditer(text):
        nxt = m.start() > 0 and text[m.start() - 1] == "下"
        add(m.start(), m.end(), "weekday", weekday=ZH_WEEKDAYS[m["wd"]], modifier="next" if nxt else None)
    for m in _RELATIVE.finditer(low):
        word = m["rel"] or m["zh"]
        if word == "hier" and language != "fr":
            continue
        add(m.start(), m.end(), "relative", offset=RELATIVE[word.replace("’", "'")])
    if language not in OWN_TABLES:
        locale_matches(text, low, language, add)
    out.sort(key=lambda x: x.start)
    return _with_weekdays(text, out)


# What may stand between a weekday and its date: "lunedì 14", "Monday, 14", "دوشنبه ۲۳".
_WEEKDAY_JOINT = re.compile(r"[ \t,،、]{0,3}")


def _with_weekdays(text: str, found: list[Mention]) -> list[Mention]:
    """A weekday written right before a day and month ("lunedì 14 settembre", "دوشنبه ۲۳
    شهریور") is that date's weekday, one phrase with it, not a weekday of its own."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "weekday" and prev.modifier is None and m.weekday is None \
                and m.kind in ("daymonth", "full") and prev.excluded == m.excluded \
                and _WEEKDAY_JOINT.fullmatch(text, prev.end, m.start):
            out[-1] = attrs.evolve(m, start=prev.start, quote=text[prev.start:m.end], weekday=prev.weekday)
        else:
            out.append(m)
    return out
