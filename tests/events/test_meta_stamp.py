"""A byline line of fields split by "|" (date, author, comments) is a stamp in any
language, however long its names: its date never dates the event.

Every text here is written for these tests; the people are invented.
"""

from __future__ import annotations

import datetime as dt

import pytest

from compare.core.models import Document
from compare.events.calendar import EventCalendar
from compare.events.datephrases import find_mentions, lower_same_length
from compare.events.dates import date_document, is_stamp
from compare.events.foreign_dates import foreign_mentions


def _stamps(line: str, lang: str) -> list[bool]:
    text = f"Titlu\n\n{line}\n\nText.\n"
    low = lower_same_length(text)
    found = find_mentions(text, skip=())
    found += foreign_mentions(text, low, (), [(m.start, m.end) for m in found], lang)
    return [is_stamp(text, low, m) for m in found if m.kind in ("full", "daymonth")]


@pytest.mark.parametrize(("lang", "line"), [
    ("ro", "Joi, 12 iunie 2031, 09:15 | Autor: Maria-Ioana Vasilescu-Dumitrescu | 14 comentarii la articol"),
    ("en", "June 12, 2031 | By Annabelle Worthington-Smythe and Bartholomew Fitz | 5 comments"),
    ("nl", "12 juni 2031, 09:15 | Door Maria van den Berg en Pieter Jansen | 7 reacties"),
])
def test_a_meta_line_of_short_fields_is_a_stamp(lang: str, line: str) -> None:
    assert _stamps(line, lang) == [True]


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "The two leaders met on June 12, 2031 in Oslo to talk about fishing | Photo"),
    ("ro", "Cei doi lideri s-au întâlnit pe 12 iunie 2031 la Oslo | foto"),
])
def test_a_sentence_with_a_bar_is_no_stamp(lang: str, line: str) -> None:
    assert _stamps(line, lang) == [False]


def test_the_bylines_date_does_not_date_the_event() -> None:
    text = ("Joi, 12 iunie 2031, 09:15 | Autor: Maria-Ioana Vasilescu-Dumitrescu | 14 comentarii la articol\n\n"
            "Premierul Ion Stan a avut marți o convorbire telefonică cu premierul norvegian.\n")
    doc = Document(id="t", path="t.txt", sha256="", text=text, language="ro", published=dt.date(2031, 6, 12))
    out = date_document(doc, EventCalendar(), ())
    assert out.event_date == dt.date(2031, 6, 10)
