"""Publication evidence: stamps in the text, dates in the URL.

A stamp dates the page, never the event: :func:`find_publication` reads a labelled
stamp ("Publication date: ...", "Updated: ...", the corpus line "date 2020-07-24") or a
stamp-like line in the head of the text; :func:`url_date` / :func:`url_month` read the
article's URL.  :mod:`compare.events.dates` uses them as the day the article was
written, against which weekdays and "today" are resolved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from compare.core.models import Evidence
from compare.events.datephrases import TIME_ZONES, Mention, line_bounds, valid_date

HEADER_FRACTION = 0.5
MAX_STAMP_RESIDUAL = 40
STAMP_NOISE = re.compile(
    r"\(?\s*UTC\s*[+-]?\s*\d{1,2}(?::\d{2})?\s*\)?|\b(?:" + "|".join(TIME_ZONES) + r")\b|"
    r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?|\b(?:updated|published|posted|publication date|date|"
    r"last modified|by|at|on|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"[|,\-–—()•·:/]", re.IGNORECASE)
LABEL = re.compile(r"(?:publication date|published|posted|updated|last modified|date of publication|"
                   r"опубликовано|обновлено|дата публикации)\s*:?\s*$|^\s*date\s*:?\s*$", re.IGNORECASE)
_URL_MONTH = re.compile(r"[/-]((?:19|20)\d{2})[/-](0[1-9]|1[0-2])(?:[/_-]|$)")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_-]|$)")


def _mention_date(m: Mention) -> dt.date | None:
    if m.year is None or m.month is None or m.day is None:
        return None
    return valid_date(m.year, m.month, m.day)


def find_publication(text: str, mentions: Sequence[Mention]) -> tuple[dt.date, Evidence] | None:
    """A labelled stamp anywhere ("Publication date: May 2, 2017"), else the first stamp-like
    line (a full date, optionally time, zone, weekday, byline) in the head of the text."""
    head_end = max(400, int(len(text) * HEADER_FRACTION))
    header: tuple[dt.date, Evidence] | None = None
    for m in mentions:
        date = _mention_date(m)
        if date is None or m.excluded or m.kind == "dateline":
            continue
        a, b = line_bounds(text, m.start)
        if LABEL.search(text[a:m.start]):
            return date, Evidence(text[a:b].strip()[:200], "labelled_stamp", 0.9, m.start)
        if header is None and m.start < head_end:
            residual = STAMP_NOISE.sub(" ", text[a:m.start] + " " + text[m.end:b])
            if len(" ".join(residual.split())) <= MAX_STAMP_RESIDUAL:
                header = (date, Evidence(m.quote, "header_stamp", 0.8, m.start))
    return header


def _dated(pattern: re.Pattern[str], text: str, rule: str, confidence: float) -> tuple[dt.date, Evidence] | None:
    """The first valid year-month-day ``pattern`` finds in ``text``, as evidence."""
    m = pattern.search(text)
    date = valid_date(int(m[1]), int(m[2]), int(m[3])) if m else None
    return (date, Evidence(m.group(0).strip("/_.-"), rule, confidence, None)) if m and date else None


def url_date(url: str | None) -> tuple[dt.date, Evidence] | None:
    """A date in the path of the article's URL (``/2017/05/02/``, ``/20170502-``)."""
    return _dated(_URL_DATE, url[:2000], "url", 0.7) if url else None


_NAME_DATE = re.compile(r"(?:^|[_.-])((?:19|20)\d{2})[_-]?(0[1-9]|1[0-2])[_-]?(0[1-9]|[12]\d|3[01])(?:[_.-]|$)")


def file_name_date(path: str | None) -> tuple[dt.date, Evidence] | None:
    """A date in the file's own name (``wire_2020-05-07_story.txt``), the way scrapers
    often name what they save: publication evidence of the last resort, after the text
    and the URL."""
    if not path:
        return None
    return _dated(_NAME_DATE, path.replace("\\", "/").rsplit("/", 1)[-1][:300], "file_name", 0.6)


def url_month(url: str | None) -> tuple[int, int] | None:
    """The year and month in the path of the article's URL (``/2017/05/``, ``-2017-05/``)."""
    if not url:
        return None
    m = _URL_MONTH.search(url[:2000])
    return (int(m[1]), int(m[2])) if m else None
