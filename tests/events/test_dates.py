"""Tests for compare.events.dates / compare.events.datephrases: each rule on fresh sentences, the
calendar loader, and the five seed scrapes (expected dates from general rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from compare.core.errors import RuleError
from compare.core.models import Document, PersonName
from compare.core.rulefiles import RuleFile, load_rules, load_schema, validate
from compare.events.calendar import EventCalendar, parse_event_calendar
from compare.events.datephrases import find_mentions
from compare.events.dates import date_document, find_participants
from compare.events.stamps import url_date

ROOT = Path(__file__).resolve().parent.parent.parent
D = dt.date

NAMES = (
    PersonName("Vladimir Putin", ("Putin", "the Russian President", "Путин"), "Russia"),
    PersonName("Donald Trump", ("Trump", "the US President", "Трамп"), "United States"),
    PersonName("Nikol Pashinyan", ("Pashinyan",), "Armenia"),
    PersonName("Emmanuel Macron", ("Macron",), "France"),
)


@pytest.fixture(scope="module")
def calendar() -> EventCalendar:
    """The example calendar a user may add (the shipped one is empty)."""
    return parse_event_calendar(load_rules([ROOT / "examples" / "calendar"])["events"])


def doc(text: str, **kw: object) -> Document:
    return Document(id="t", path="t.txt", sha256="", text=text, **kw)  # type: ignore[arg-type]


def run(text: str, cal: EventCalendar | None = None, **kw: object) -> Document:
    return date_document(doc(text, **kw), cal or EventCalendar(), NAMES)


# --------------------------------------------------------------------------- publication date


@pytest.mark.parametrize(("stamp", "want"), [
    ("14.03.2019 09:05", D(2019, 3, 14)),
    ("9 October 2018 11:40 (UTC +03:00)", D(2018, 10, 9)),
    ("Wednesday, October 10, 2018", D(2018, 10, 10)),
    ("Publication date: March 5, 2019, 16:20", D(2019, 3, 5)),
    ("March 6, 2019 | 07:10 GMT", D(2019, 3, 6)),
    ("By Anna Lee, March 7, 2019", D(2019, 3, 7)),
    ("Updated Mar. 8, 2019, 6:02 p.m. ET", D(2019, 3, 8)),
    ("March 9, 2019 4:30 PM UTC Updated 2 hours ago", D(2019, 3, 9)),
])
def test_header_stamps_give_the_publication_date(stamp: str, want: dt.date) -> None:
    text = f"Ministers review fishing quotas\n{stamp}\nThe ministers met to review the quotas for next year."
    assert run(text).published == want


def test_ago_artefacts_and_body_dates_are_not_publication_stamps() -> None:
    text = ("Leaders trade notes\n3 years ago\nThe two leaders, who first met on April 2, 2016 in Rome, "
            "exchanged letters about the harvest and the weather in the northern provinces.")
    assert run(text).published is None


def test_a_teaser_line_marked_ago_is_no_evidence() -> None:
    text = ("Ministers talk grain by phone\nThe two ministers spoke by phone, the ministry said.\n"
            "Ministers met in Riga on March 14, 2019 · 3 days ago\n")
    assert run(text).event_date is None


def test_labelled_stamp_at_the_bottom_counts() -> None:
    text = "Talks on grain\nThe ministers held talks.\nPublication date: 11 February 2021"
    assert run(text).published == D(2021, 2, 11)


def test_published_given_by_ingest_is_kept() -> None:
    out = run("Brief note\nThey spoke on Tuesday by phone.", published=D(2021, 3, 4))
    assert out.published == D(2021, 3, 4)
    assert out.event_date == D(2021, 3, 2)


def test_url_date() -> None:
    assert url_date("https://example.org/world/2019/07/31/leaders-call/")[0] == D(2019, 7, 31)  # type: ignore[index]
    assert url_date("https://example.org/news/20190731-leaders-call") is not None
    assert url_date("https://example.org/news/12345") is None
    assert run("Putin and Trump spoke by phone.", url="https://x.org/2019/07/31/call").published == D(2019, 7, 31)


# --------------------------------------------------------------------------- event date rules


def test_explicit_date_near_event_words() -> None:
    out = run("Leaders talk\nOn 14 March 2019 Putin held a telephone conversation with Macron.")
    assert out.event_date == D(2019, 3, 14)
    assert out.event_date_evidence is not None and out.event_date_evidence.rule == "explicit"
    assert out.event_date_evidence.quote == "14 March 2019"
    assert out.event_kind == "call"
    assert out.participants == ("Vladimir Putin (Russia)", "Emmanuel Macron (France)")


def test_day_month_takes_the_publication_year_and_nearest_past_date() -> None:
    out = run("Call recap\n02.01.2019 08:00\nOn December 30, Putin and Macron spoke by phone.")
    assert out.event_date == D(2018, 12, 30)
    out = run("Call recap\n12.05.2019 08:00\nOn May 10 Putin and Macron spoke by telephone.")
    assert out.event_date == D(2019, 5, 10)


@pytest.mark.parametrize(("phrase", "want"), [
    ("on Tuesday", D(2019, 3, 12)),
    ("late Thursday", D(2019, 3, 7)),
    ("on Wednesday", D(2019, 3, 13)),   # the publication day itself
    ("today", D(2019, 3, 13)),
    ("yesterday", D(2019, 3, 12)),
])
def test_weekdays_and_relative_days_resolve_against_the_publication_date(phrase: str, want: dt.date) -> None:
    text = f"Phone diplomacy\nWednesday, March 13, 2019\nPutin and Macron spoke by phone {phrase}, aides said."
    out = run(text)
    assert out.event_date == want
    assert out.event_date_evidence is not None and out.event_date_evidence.rule in ("weekday", "relative")


def test_a_dateline_anchors_weekdays_and_is_no_event_evidence() -> None:
    text = ("Wire story\nPARIS, Oct 4 (Agency) - Macron and Putin discussed grain exports by phone on Friday.\n"
            "Publication date: October 5, 2019")
    out = run(text)
    assert out.event_date == D(2019, 10, 4)
    assert out.event_date_evidence is not None and out.event_date_evidence.rule == "weekday"
    # "spoke yesterday" under a dateline: the day before the dateline, not the dateline's day
    out = run("OSLO, March 9 (Wire) - Prime Minister Kari Holm spoke yesterday with Chancellor "
              "Lena Vogt by telephone about energy.\nPublished: March 10, 2021")
    assert out.event_date == D(2021, 3, 8)
    # the dateline alone: the writing day, as publication evidence only
    out = run("Vienna, June 3 (Agency): Chancellor Lena Vogt has called President Ana Sousa of "
              "Portugal.\nPublished: June 3, 2022")
    assert out.event_date == D(2022, 6, 3)
    assert out.event_date_evidence is not None and out.event_date_evidence.rule in ("pub_stamp", "dateline_stamp")


def test_russian_dates() -> None:
    out = run("Новости\n5 марта 2021 года Путин провел телефонный разговор с Макроном.")
    assert out.event_date == D(2021, 3, 5)
    assert out.event_date_evidence is not None and out.event_date_evidence.rule == "russian"
    assert out.event_kind == "call"
    out = run("Новости\n06.03.2021 10:00\n4 марта Путин провел телефонный разговор с Макроном.")
    assert out.event_date == D(2021, 3, 4)


def test_captions_copyright_and_teasers_are_not_evidence() -> None:
    text = ("Leaders' phone call\n"
            "Photo: Macron and Putin at Brégançon, August 19, 2019. (c) Agency\n"
            "© Agency 2023\n"
            "READ ALSO: Floods on 2 March 2021 close roads\n"
            "The presidents spoke by phone, the Elysee said.\n")
    out = run(text)
    assert out.event_date is None
    assert out.published is None


def test_dates_of_other_events_lose_to_the_reported_event() -> None:
    text = ("Space and grain\n10.04.2021 09:00\n"
            "Putin congratulated Macron on the successful launch of the satellite on April 8. "
            "The two leaders spoke by telephone on Friday, the Kremlin said. "
            "The treaty was signed on March 24, 1992 in Helsinki.")
    out = run(text)
    assert out.event_date == D(2021, 4, 9)


def test_future_dates_are_plans_not_the_event() -> None:
    text = ("Summit plans\n03.06.2021 10:00\nPutin and Macron agreed on the phone to meet on June 24 in Paris.")
    out = run(text)
    assert out.event_date == D(2021, 6, 3)
    assert out.event_date_evidence is not None and out.event_date_evidence.rule == "pub_stamp"


def test_modal_may_and_verb_march_are_not_months() -> None:
    mentions = find_mentions("Officials may 3 times a year march 5 kilometres. It may be that Trump calls.")
    assert mentions == []


def test_weekday_day_month_without_year_takes_the_matching_year_near_other_evidence(
        calendar: EventCalendar) -> None:
    # 2020-05-07 is a known call; "Friday, May 15" is a Friday in 2020 (also 2015, 2026).
    text = ("Officials count the calls\nOn Friday, May 15, a deputy minister said at a briefing that "
            "more contacts would follow. On May 7, Trump, after a telephone conversation with Putin, said so.")
    out = run(text, calendar)
    assert out.event_date == D(2020, 5, 15)
    assert out.event_kind == "statement"


def test_day_month_without_any_year_uses_the_calendar(calendar: EventCalendar) -> None:
    out = run("Kremlin readout\nOn July 23, Putin had a telephone conversation with Trump.", calendar)
    assert out.event_date == D(2020, 7, 23)


def test_no_date_at_all_uses_calendar_keywords(calendar: EventCalendar) -> None:
    text = ("Leaders talk\nPutin and Trump met today at the summit in Helsinki, the first full summit "
            "between them.")
    out = run(text, calendar)
    assert out.event_date == D(2018, 7, 16)
    assert out.event_date_evidence is not None and out.event_date_evidence.rule.startswith("calendar:")
    assert out.event_date_evidence.confidence < 0.5
    assert run("Leaders talk\nPutin and Trump spoke today about the weather.", calendar).event_date is None


def test_only_a_publication_stamp_gives_a_low_confidence_event_date() -> None:
    out = run("Leaders talk\nPolitics | 05.05.2021 14:00\nPutin and Macron held a telephone conversation.")
    assert out.event_date == D(2021, 5, 5)
    ev = out.event_date_evidence
    assert ev is not None and ev.rule == "pub_stamp" and ev.confidence <= 0.5


def test_participants_by_first_mention() -> None:
    text = "Trump phoned Pashinyan; the Russian President was not involved. Путин молчал."
    assert find_participants(text, NAMES) == ("Donald Trump", "Nikol Pashinyan", "Vladimir Putin")
    assert find_participants("Trumpet players and Putinism", NAMES) == ()


def test_evidence_start_points_at_the_quote() -> None:
    text = "Title\n01.02.2021 10:00\nMacron and Putin spoke by phone yesterday about gas."
    out = run(text)
    ev = out.event_date_evidence
    assert ev is not None and ev.start is not None
    assert text[ev.start:ev.start + len(ev.quote)] == ev.quote


# --------------------------------------------------------------------------- calendar file


def test_shipped_calendar_is_valid(calendar: EventCalendar) -> None:
    assert len(calendar.entries) >= 20
    assert D(2017, 1, 28) in {e.date for e in calendar.entries}
    assert all(e.kind in ("call", "meeting", "statement", "other") for e in calendar.entries)


def _rf(data: Mapping[str, Any]) -> RuleFile:
    return RuleFile(name="events", sources=("events.yaml",), data=data,
                    lines={("events", 0): ("events.yaml", 3, ("events", 0)),
                           ("events", 0, "date"): ("events.yaml", 3, ("events", 0, "date"))})


def test_impossible_date_is_a_rule_error() -> None:
    bad = {"events": [{"date": "2019-02-30", "kind": "call", "participants": ["A"], "label": "x"}]}
    with pytest.raises(RuleError) as err:
        parse_event_calendar(_rf(bad))
    assert str(err.value).startswith("events.yaml:3: events[0].date:")


def test_schema_rejects_bad_kind_and_format() -> None:
    schema = load_schema("rules-events")
    bad = {"events": [{"date": "5 May 2019", "kind": "chat", "participants": ["A"], "label": "x"}]}
    problems = validate(_rf(bad), schema)
    messages = " ".join(p.message for p in problems)
    assert "chat" in messages and "does not match" in messages


# --------------------------------------------------------------------------- seeds

SEEDS = {
    "000_cb8a50212d55363e.txt": (D(2020, 6, 1), D(2020, 6, 1), "call"),
    "001_962d638a3c7eedc9.txt": (D(2017, 5, 2), None, "call"),
    "002_534ef28fa55041c0.txt": (D(2020, 5, 22), None, "statement"),
    "003_a7d8b8155052d827.txt": (D(2020, 7, 23), D(2020, 7, 23), "call"),
    "004_79426c3a71f2707e.txt": (D(2017, 1, 28), None, "call"),
}


def seed_doc(name: str) -> Document:
    raw = (ROOT / "seeds" / name).read_text("utf-8").replace("\u00a0", " ")
    text = "\n".join(" ".join(line.split()) for line in raw.splitlines() if line.strip())
    return Document(id=name[:3], path=name, sha256="", text=text)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seeds(name: str, calendar: EventCalendar) -> None:
    want_event, want_pub, want_kind = SEEDS[name]
    out = date_document(seed_doc(name), calendar, NAMES)
    assert out.event_date == want_event
    assert out.published == want_pub
    assert out.event_kind == want_kind
    assert {"Vladimir Putin (Russia)", "Donald Trump (United States)"} <= set(out.participants)


# --------------------------------------------------------------------------- fast paths
# The scans take shortcuts (one RE2 pass for which words occur, cue occurrences found once
# per text, numeric patterns chosen by the digit run); each must give exactly what the
# plain regular expression gives.  Timings live in benchmarks/bench_dates.py.

_PIECES = st.sampled_from([
    "call", "called", "calls", "phone", "telephone", "spoke", "met", "meeting", "said", "talks",
    "launch", "since", "разговор", "встреч", "photo", "(c)", "read also", "tags:", "©", "copyright",
    "monday", "today", "yesterday", "сегодня", " ago", "2 days ago", "x", "-", "so-", " for ", ".",
    "\n", " ", "  ", "\t", "s", "ed", "a", "я", "May 2", "2 May", "12.05.2021", "2021-05-12",
    "17/03/2023", "Sept. 4", "MOSCOW, May 1 (Wire) -", "3 мая 2020", "1st", "Friday,", "22"])
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


def _regex_cues(low: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The reference: one trie alternation of the cue words, boundaries checked after."""
    import re

    from compare.events.cues import CALLED_NOT_CALL, CUE_CLASS, STEMS
    from compare.events.participants import trie_pattern

    pattern = re.compile(trie_pattern(sorted(CUE_CLASS)))
    out = []
    for m in pattern.finditer(low, start, end):
        a, b = m.span()
        word = m.group(0)
        if (a and low[a - 1].isalnum()) or (b < len(low) and low[b].isalnum() and word not in STEMS):
            continue
        if word == "called" and (low[a - 1:a] == "-" or CALLED_NOT_CALL.match(low, b)):
            continue
        out.append((a, b, CUE_CLASS[word]))
    return out


@settings(max_examples=150, deadline=None)
@given(_TEXTS, st.integers(0, 60), st.integers(0, 400))
@example("they called him", 0, 9)  # "called" crosses the end: the regex sees "call"
@example("a telephone call", 4, 9)  # starts inside a word
def test_cues_match_the_plain_alternation(text: str, start: int, length: int) -> None:
    from compare.events.cues import find_cues

    low = text.lower()
    got = [(c.start, c.end, c.name) for c in find_cues(low, start, start + length)]
    assert got == _regex_cues(low, start, start + length)


@settings(max_examples=150, deadline=None)
@given(_TEXTS)
def test_word_scan_and_excluded_lines_match_plain_search(text: str) -> None:
    import re

    from compare.events.datephrases import (
        NON_EVIDENCE,
        WordScan,
        _stamp_line,
        ago_spans,
        excluded_lines,
        line_bounds,
        scan_together,
    )

    words = ("call", "ago", "photo", "©", "разговор", "a", "2 may")
    low = text.lower()
    assert WordScan(words).present(low) == {w for w in words if w in low}
    first, second = WordScan(words[:3]), WordScan(words[2:])
    scan_together(low, (first, second))  # one pass answers both
    assert first.present(low) == {w for w in words[:3] if w in low}
    assert second.present(low) == {w for w in words[2:] if w in low}
    spans: list[tuple[int, int]] = []
    teasers = [a for a, b in ago_spans(low) if not _stamp_line(low, a, b)]
    for pos in sorted([m.start() for m in NON_EVIDENCE.finditer(low)] + teasers):
        if not spans or pos >= spans[-1][1]:
            spans.append(line_bounds(text, pos))
    assert excluded_lines(text, low) == spans
    assert re.escape("(c)") in NON_EVIDENCE.pattern


@settings(max_examples=150, deadline=None)
@given(_TEXTS)
def test_numeric_prescan_matches_every_pattern_at_every_run(text: str) -> None:
    import re

    from compare.events.datephrases import DAY_MONTH, ISO, NUMERIC, RUSSIAN, SLASHED, _digit_matches

    want = []
    for run in re.finditer(r"\d+", text):
        p = run.start()
        if p and (text[p - 1].isalnum() or text[p - 1] in ".-/"):
            continue
        for name, pattern in (("day_month", DAY_MONTH), ("numeric", NUMERIC), ("slashed", SLASHED),
                              ("iso", ISO), ("russian", RUSSIAN)):
            m = pattern.match(text, p)
            if m is not None:
                want.append((name, m.span()))
    got = [(name, m.span()) for name, m in _digit_matches(text, True)
           if name not in ("month_day", "dateline")]
    assert got == want


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_never_crashes_and_evidence_is_in_text(text: str) -> None:
    out = run(text)
    ev = out.event_date_evidence
    if ev is not None and ev.start is not None:
        assert text[ev.start:ev.start + len(ev.quote)] == ev.quote
    assert out.event_kind in ("call", "meeting", "statement", "other")


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=D(1995, 1, 1), max_value=D(2035, 12, 31)), st.integers(0, 6))
def test_weekday_is_never_after_publication(pub: dt.date, weekday: int) -> None:
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday]
    text = f"Note\n{pub.strftime('%d.%m.%Y')} 10:00\nPutin and Macron spoke by phone on {name}."
    out = run(text)
    assert out.event_date is not None
    assert 0 <= (pub - out.event_date).days < 7
    assert out.event_date.weekday() == weekday


def test_the_shipped_calendar_is_empty() -> None:
    """Issue 12: the tool dates events from the articles; a calendar is a user's own file."""
    assert parse_event_calendar(load_rules()["events"]) == EventCalendar()


def test_a_date_in_the_file_name_is_publication_evidence_of_the_last_resort() -> None:
    text = "Vienna (Agencies) - The two foreign ministers spoke by telephone on Thursday, the ministry said."
    out = date_document(Document(id="t", path="scrapes/wire_2031-03-06_ministers-call.txt", sha256="", text=text),
                        EventCalendar(), NAMES)
    assert out.published == D(2031, 3, 6)
    assert out.event_date == D(2031, 3, 6)  # Thursday, 6 March 2031
    dated = date_document(Document(id="t", path="scrapes/wire_2031-03-06_call.txt", sha256="",
                                   text="Published: March 1, 2031 10:42 GMT\n\n" + text), EventCalendar(), NAMES)
    assert dated.published == D(2031, 3, 1)  # the text's own stamp wins over the file name
