"""Clustering: documents to events, by event date and content.

``cluster_documents`` is pure.  Two documents report the same event when

* their event dates are at most one day apart (time zones: a call late on
  Thursday in Washington is Friday in Moscow);
* they report the same kind of event (a call, a meeting, a statement: a
  statement *about* calls is not a call);
* they name the same principal participants (the first two people of the
  lexicon each text names), so a Putin–Trump call and a Putin–Pashinyan call on
  one day stay apart.  A document that names nobody of the lexicon joins a group
  only when its vocabulary overlaps the group's strongly.

Republications (``duplicate_of``) join their original's event.  Documents
without an event date each get their own event ``undated-<doc id>``: without a
date, two calls between the same leaders (whose topics overlap a lot) cannot be
told apart, so joining on content alone would merge different events; the
calendar of ``rules/events.yaml`` already dates the ones that can be dated.

Event ids are readable and stable: ``<date>-<surnames>-<kind>``
(``2020-06-01-putin-trump-call``), ``-2``, ``-3`` on collision.  The reference is
the official readout (``outlet_role == "primary"``) when there is one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

import attrs

from compare.models import Document, Event, EventKind

DATE_SLACK_DAYS = 1
TOPIC_JOIN = 0.3
TOPIC_CHARS = 4000
KIND_LABEL = {"call": "telephone call", "meeting": "meeting", "statement": "statement", "other": "event"}
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_STOP = frozenset("""
that this with from have been were their they there which would said also about after
into will more than them when what while other over such only some could president
presidents according press service told both sides side leaders leader
""".split())  # noqa: SIM905


@attrs.define
class _Group:
    members: list[Document]
    kind: EventKind
    key: frozenset[str]
    words: set[str]

    def dates(self) -> list[dt.date]:
        return [d.event_date for d in self.members if d.event_date is not None]


def _key(doc: Document) -> frozenset[str]:
    return frozenset(doc.participants[:2])


def _words(doc: Document) -> set[str]:
    return {w for w in _WORD.findall(doc.text[:TOPIC_CHARS].lower()) if w not in _STOP}


def topic_overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _fits(group: _Group, doc: Document, words: set[str]) -> float | None:
    """How well ``doc`` fits ``group`` (higher is better), or None when it cannot join."""
    assert doc.event_date is not None
    # Every member within the slack (no chaining: d, d+1, d+2 ... is not one event).
    gap = max(abs((d - doc.event_date).days) for d in group.dates())
    if gap > DATE_SLACK_DAYS:
        return None
    kind = doc.event_kind or "other"
    if kind != group.kind and "other" not in (kind, group.kind):
        return None
    if kind != group.kind and gap > 0:
        return None
    overlap = topic_overlap(words, group.words)
    key = _key(doc)
    if key != group.key:
        if key and group.key:
            return None
        if overlap < TOPIC_JOIN:
            return None
    return overlap - gap


def _slug(name: str) -> str:
    last = name.split()[-1] if name.split() else name
    ascii_name = unicodedata.normalize("NFKD", last).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def _event_date(docs: Sequence[Document]) -> dt.date | None:
    weight: dict[dt.date, float] = {}
    for d in docs:
        if d.event_date is not None:
            conf = d.event_date_evidence.confidence if d.event_date_evidence else 0.5
            weight[d.event_date] = weight.get(d.event_date, 0.0) + 1.0 + conf
    if not weight:
        return None
    return max(weight, key=lambda day: (weight[day], -day.toordinal()))


def _participants(docs: Sequence[Document]) -> tuple[str, ...]:
    counts = Counter(d.participants[:2] for d in docs if d.participants)
    if not counts:
        return ()
    return max(counts, key=lambda p: (counts[p], len(p), p))


def _kind(docs: Sequence[Document]) -> EventKind:
    counts = Counter(d.event_kind or "other" for d in docs)
    named = [k for k in counts if k != "other"]
    if named:
        return max(named, key=lambda k: (counts[k], k))
    return "other"


def _reference(docs: Sequence[Document]) -> str | None:
    primary = [d for d in docs if d.outlet_role == "primary"]
    if not primary:
        return None
    best = min(primary, key=lambda d: (d.duplicate_of is not None,
                                       d.published or dt.date.max, -len(d.text), d.id))
    return best.id


def _label(date: dt.date | None, kind: EventKind, participants: Sequence[str]) -> str:
    who = "–".join(_surname(p) for p in participants)
    what = KIND_LABEL[kind]
    head = f"{who} {what}" if who else what[0].upper() + what[1:]
    return f"{head}, {date.day} {date.strftime('%B')} {date.year}" if date else head


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base}-{n}"
        n += 1
    used.add(candidate)
    return candidate


def cluster_documents(docs: Sequence[Document]) -> tuple[list[Event], list[Document]]:
    """Group documents into events; returns the events (by date, then id) and the
    documents (input order) with ``event_id`` set."""
    ids = {d.id for d in docs}
    originals = [d for d in docs if d.duplicate_of is None or d.duplicate_of not in ids]
    copies = [d for d in docs if d.duplicate_of is not None and d.duplicate_of in ids]
    groups: list[_Group] = []
    undated: list[Document] = []
    for doc in sorted(originals, key=lambda d: (d.event_date or dt.date.max, d.id)):
        if doc.event_date is None:
            undated.append(doc)
            continue
        words = _words(doc)
        scored = [(fit, i) for i, g in enumerate(groups) if (fit := _fits(g, doc, words)) is not None]
        if scored:
            _, best = max(scored, key=lambda x: (x[0], -x[1]))
            group = groups[best]
            group.members.append(doc)
            group.words |= words
            if group.kind == "other":
                group.kind = doc.event_kind or "other"
            if not group.key:
                group.key = _key(doc)
        else:
            groups.append(_Group([doc], doc.event_kind or "other", _key(doc), words))
    # Republications join their original's group (following chains of copies).
    member_of: dict[str, list[Document]] = {}
    for g in groups:
        for d in g.members:
            member_of[d.id] = g.members
    by_id = {d.id: d for d in docs}
    for copy in copies:
        root, seen = copy, {copy.id}
        while root.duplicate_of in by_id and root.duplicate_of not in seen:
            root = by_id[root.duplicate_of]
            seen.add(root.id)
        if root.id in member_of:
            member_of[root.id].append(copy)
            member_of[copy.id] = member_of[root.id]
        else:
            undated.append(copy)  # the original is undated: the copy gets its own event too
    drafts: list[tuple[dt.date | None, str, list[Document], EventKind, tuple[str, ...]]] = []
    for g in groups:
        members = sorted(g.members, key=lambda d: d.id)
        date = _event_date(members)
        kind = _kind(members)
        people = _participants(members)
        base = "-".join([date.isoformat() if date else "undated", *(_slug(p) for p in people), kind])
        drafts.append((date, base, members, kind, people))
    drafts.sort(key=lambda x: (x[0] or dt.date.max, x[1], x[2][0].id))
    used: set[str] = set()
    events: list[Event] = []
    assigned: dict[str, str] = {}
    for date, base, members, kind, people in drafts:
        event_id = _unique(base, used)
        events.append(_make_event(event_id, date, kind, people, members))
        for d in members:
            assigned[d.id] = event_id
    for doc in sorted(undated, key=lambda d: d.id):
        event_id = _unique(f"undated-{doc.id}", used)
        events.append(_make_event(event_id, None, doc.event_kind or "other", doc.participants[:2], [doc]))
        assigned[doc.id] = event_id
    out = [attrs.evolve(d, event_id=assigned.get(d.id)) for d in docs]
    return events, out


def _make_event(event_id: str, date: dt.date | None, kind: EventKind, people: tuple[str, ...],
                members: Sequence[Document]) -> Event:
    reference = _reference(members)
    return Event(id=event_id, date=date, label=_label(date, kind, people), kind=kind,
                 participants=people, documents=tuple(d.id for d in members), reference=reference,
                 reference_basis="primary" if reference else "none")
