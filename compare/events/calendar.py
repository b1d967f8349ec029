"""The calendar of known contacts (``rules/events.yaml``): an optional user file.

The shipped file is an empty example.  A user who lists the contacts of the
leaders they follow helps two rare cases: a day and month with no year and no
publication date ("On May 2, ..."), and a text with no date at all whose topic
words single out one known contact.  Nothing else depends on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from attrs import frozen

from compare.core.errors import RuleError, RuleProblem
from compare.core.models import EventKind
from compare.core.rulefiles import RuleFile
from compare.events.datephrases import MAX_SCAN_CHARS

KINDS: tuple[str, ...] = ("call", "meeting", "statement", "other")


@frozen
class CalendarEntry:
    """A known contact: its date, kind, participants (canonical names), label, keywords."""

    date: dt.date
    kind: EventKind
    participants: tuple[str, ...]
    label: str
    keywords: tuple[str, ...] = ()


@frozen
class EventCalendar:
    entries: tuple[CalendarEntry, ...] = ()

    def on(self, month: int, day: int) -> list[CalendarEntry]:
        return [e for e in self.entries if e.date.month == month and e.date.day == day]

    def near(self, date: dt.date, slack: int = 1) -> list[CalendarEntry]:
        by_day = _entries_by_day(self.entries)
        day = date.toordinal()
        return [e for d in range(day - slack, day + slack + 1) for e in by_day.get(d, ())]


_BY_DAY: dict[int, tuple[tuple[CalendarEntry, ...], dict[int, tuple[CalendarEntry, ...]]]] = {}


def _entries_by_day(entries: tuple[CalendarEntry, ...]) -> dict[int, tuple[CalendarEntry, ...]]:
    """The calendar indexed by day (built once per entries tuple)."""
    hit = _BY_DAY.get(id(entries))
    if hit is not None and hit[0] is entries:
        return hit[1]
    out: dict[int, list[CalendarEntry]] = {}
    for e in entries:
        out.setdefault(e.date.toordinal(), []).append(e)
    index = {k: tuple(v) for k, v in out.items()}
    if len(_BY_DAY) > 16:
        _BY_DAY.clear()
    _BY_DAY[id(entries)] = (entries, index)
    return index


def parse_event_calendar(rf: RuleFile) -> EventCalendar:
    """Parse ``events.yaml`` (schema-validated shape) and check what a schema cannot:
    real calendar dates, non-empty labels, unique (date, label) pairs."""
    raw = rf.get("events", []) or []
    problems: list[RuleProblem] = []
    if not isinstance(raw, list):
        raise RuleError([rf.problem(("events",), "must be a list of events")])
    entries: list[CalendarEntry] = []
    seen: set[tuple[dt.date, str]] = set()
    for i, item in enumerate(raw):
        path: tuple[str | int, ...] = ("events", i)
        if not isinstance(item, dict):
            problems.append(rf.problem(path, "must be a mapping with date, kind, participants, label"))
            continue
        value = item.get("date")
        date: dt.date | None = value if isinstance(value, dt.date) else None
        if isinstance(value, str):
            try:
                date = dt.date.fromisoformat(value)
            except ValueError:
                problems.append(rf.problem((*path, "date"), f"{value!r} is not a real date (YYYY-MM-DD)"))
                continue
        if date is None:
            problems.append(rf.problem((*path, "date"), "date is required (YYYY-MM-DD)"))
            continue
        kind = item.get("kind", "other")
        if kind not in KINDS:
            problems.append(rf.problem((*path, "kind"), f"{kind!r} is not one of {', '.join(KINDS)}"))
            continue
        label = str(item.get("label") or "").strip()
        if not label:
            problems.append(rf.problem((*path, "label"), "label must not be empty"))
            continue
        if (date, label) in seen:
            problems.append(rf.problem(path, f"duplicate event {date.isoformat()} {label!r}"))
            continue
        seen.add((date, label))
        participants = tuple(str(p) for p in item.get("participants") or ())
        keywords = tuple(" ".join(str(k).lower().split()) for k in item.get("keywords") or () if str(k).strip())
        entries.append(CalendarEntry(date, kind, participants, label, keywords))
    if problems:
        raise RuleError(problems)
    entries.sort(key=lambda e: (e.date, e.label))
    return EventCalendar(tuple(entries))


def matches(entry: CalendarEntry, participants: Sequence[str]) -> bool:
    return not entry.participants or set(entry.participants) <= set(participants)


def calendar_year(cal: EventCalendar, month: int, day: int, participants: Sequence[str]) -> int | None:
    years = {e.date.year for e in cal.on(month, day) if matches(e, participants)}
    return years.pop() if len(years) == 1 else None


def calendar_match(low: str, cal: EventCalendar, participants: Sequence[str],
                    kind: EventKind | None) -> CalendarEntry | None:
    low = " ".join(low[:MAX_SCAN_CHARS].split())
    scored = []
    for e in cal.entries:
        if not matches(e, participants) or (kind is not None and e.kind != kind):
            continue
        hits = sum(1 for k in e.keywords if k in low)
        if hits:
            scored.append((hits, e))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None  # two known events fit equally: do not guess
    return scored[0][1]
