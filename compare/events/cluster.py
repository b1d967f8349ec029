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

from compare.core.models import Document, Event, EventKind
from compare.events.participants import COUNTRIES, parse_participant

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


# Who a principal participant is: surname key and country (either may be unknown).
Identity = tuple[str | None, str | None]


@attrs.define
class _Group:
    members: list[Document]
    kind: EventKind
    key: tuple[Identity, ...]
    words: set[str]
    # The earliest and latest event date of the members (every member is dated).
    first: dt.date
    last: dt.date


def _key(doc: Document) -> tuple[Identity, ...]:
    out = []
    for value in doc.participants[:2]:
        _, surname, country = parse_participant(value)
        out.append((surname, country))
    return tuple(sorted(out, key=lambda x: (x[0] or "", x[1] or "")))


def _same(a: Identity, b: Identity) -> bool:
    """The same participant: equal surnames, or equal countries when a surname is missing."""
    if a[0] is not None and b[0] is not None:
        return a[0] == b[0]
    return a[1] is not None and a[1] == b[1]


def _pairing(a: Sequence[Identity], b: Sequence[Identity]) -> list[int] | None:
    """For each identity of ``a`` the index of the one of ``b`` it is (a one-to-one
    pairing of equal-sized keys), or None when the keys name different participants."""
    if len(a) != len(b):
        return None
    for order in ([0, 1], [1, 0]) if len(a) == 2 else ([0],) if len(a) == 1 else ([],):
        if all(_same(x, b[j]) for x, j in zip(a, order, strict=True)):
            return list(order)
    return None


def _merge_key(key: tuple[Identity, ...], other: tuple[Identity, ...]) -> tuple[Identity, ...]:
    """Fill the unknown surnames / countries of ``key`` from the paired ``other``."""
    order = _pairing(key, other)
    if order is None:
        return key
    return tuple((x[0] or other[j][0], x[1] or other[j][1]) for x, j in zip(key, order, strict=True))


def _words(doc: Document) -> set[str]:
    return {w for w in _WORD.findall(doc.text[:TOPIC_CHARS].lower()) if w not in _STOP}


def topic_overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _fits(group: _Group, doc: Document, words: set[str], key: tuple[Identity, ...]) -> float | None:
    """How well ``doc`` fits ``group`` (higher is better), or None when it cannot join."""
    assert doc.event_date is not None
    # Every member within the slack (no chaining: d, d+1, d+2 ... is not one event).
    gap = max(abs((group.first - doc.event_date).days), abs((group.last - doc.event_date).days))
    if gap > DATE_SLACK_DAYS:
        return None
    kind = doc.event_kind or "other"
    # A call and a meeting of the same two people on the same day: one contact that
    # outlets word differently ("phone talks"); any other kind mismatch is another event.
    contact = {kind, group.kind} == {"call", "meeting"} and gap == 0 and bool(key) and \
        bool(group.key) and _pairing(key, group.key) is not None
    if kind != group.kind and "other" not in (kind, group.kind) and not contact:
        return None
    if kind != group.kind and gap > 0:
        return None
    overlap = topic_overlap(words, group.words)
    if key and group.key:
        if _pairing(key, group.key) is None:
            return None
    elif (key or group.key) and overlap < TOPIC_JOIN:
        return None
    return overlap - gap


def _slug(name: str) -> str:
    last = name if name in COUNTRIES else _surname(name)
    ascii_name = unicodedata.normalize("NFKD", last).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"


def _surname(name: str) -> str:
    if name in COUNTRIES:
        return name
    return name.split()[-1] if name.split() else name


def _principals(doc: Document) -> list[tuple[str, str]]:
    """(identity, shown name) of the document's first two participants."""
    out = []
    for value in doc.participants[:2]:
        name, surname, country = parse_participant(value)
        shown = name or country or value
        out.append((surname or shown.lower(), shown))
    return out


def _sorted_names(names: Sequence[str]) -> tuple[str, ...]:
    """Names in surname order, so ids and labels do not depend on mention order."""
    return tuple(sorted(names, key=lambda n: (_slug(n), n)))


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
    """The principal participants most members name (longest written form of each)."""
    counts: Counter[tuple[str, ...]] = Counter()
    shown: dict[str, str] = {}
    for d in docs:
        pairs = _principals(d)
        for ident, name in pairs:
            if len(name) > len(shown.get(ident, "")):
                shown[ident] = name
        if pairs:
            counts[tuple(sorted(ident for ident, _ in pairs))] += 1
    if not counts:
        return ()
    best = max(counts, key=lambda p: (counts[p], len(p), p))
    return _sorted_names([shown[i] for i in best])


def _kind(docs: Sequence[Document]) -> EventKind:
    counts = Counter(d.event_kind or "other" for d in docs)
    named = [k for k in counts if k != "other"]
    if named:
        return max(named, key=lambda k: (counts[k], -("call", "meeting", "statement").index(k)))
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


def _join_partial(groups: list[_Group]) -> list[_Group]:
    """A group whose documents name one participant (the other side went
    unrecognised: a name in another script, a title the rules do not know)
    joins the one group of the same kind (a call, a meeting) within the date
    slack that names that participant beside another, when the two share the
    topic words (or are written in different languages, where words cannot
    tell); with two or more such groups the contact is ambiguous and it stays
    apart.  A leader's other engagements of those days are other events."""
    out = [g for g in groups if len(g.key) != 1]
    for g in groups:
        if len(g.key) != 1:
            continue
        if g.kind == "other":
            out.append(g)
            continue
        langs = {d.language for d in g.members}
        fits = [h for h in out if len(h.key) == 2 and h.kind == g.kind
                and max(abs((h.last - g.first).days), abs((g.last - h.first).days)) <= DATE_SLACK_DAYS
                and any(_same(g.key[0], x) for x in h.key)
                and (topic_overlap(g.words, h.words) >= TOPIC_JOIN
                     or not langs & {d.language for d in h.members})]
        if len(fits) != 1:
            out.append(g)
            continue
        h = fits[0]
        h.members.extend(g.members)
        h.words |= g.words
        h.first, h.last = min(h.first, g.first), max(h.last, g.last)
    return out


def cluster_documents(docs: Sequence[Document]) -> tuple[list[Event], list[Document]]:
    """Group documents into events; returns the events (by date, then id) and the
    documents (input order) with ``event_id`` set."""
    ids = {d.id for d in docs}
    originals = [d for d in docs if d.duplicate_of is None or d.duplicate_of not in ids]
    copies = [d for d in docs if d.duplicate_of is not None and d.duplicate_of in ids]
    groups: list[_Group] = []
    undated: list[Document] = []
    # Documents come in date order and groups are opened in that order, so a group whose
    # first date is more than the slack before the document's can never take it (nor any
    # later one): only the groups from ``active`` on are tried.
    active = 0
    for doc in sorted(originals, key=lambda d: (d.event_date or dt.date.max, d.id)):
        if doc.event_date is None:
            undated.append(doc)
            continue
        while active < len(groups) and (doc.event_date - groups[active].first).days > DATE_SLACK_DAYS:
            active += 1
        words = _words(doc)
        key = _key(doc)
        scored = [(fit, i) for i in range(active, len(groups))
                  if (fit := _fits(groups[i], doc, words, key)) is not None]
        if scored:
            _, best = max(scored, key=lambda x: (x[0], -x[1]))
            group = groups[best]
            group.members.append(doc)
            group.words |= words
            group.first = min(group.first, doc.event_date)
            group.last = max(group.last, doc.event_date)
            if group.kind == "other":
                group.kind = doc.event_kind or "other"
            group.key = _merge_key(group.key, key) if group.key else key
        else:
            groups.append(_Group([doc], doc.event_kind or "other", key, words,
                                 doc.event_date, doc.event_date))
    groups = _join_partial(groups)
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
        people = _sorted_names([name for _, name in _principals(doc)])
        events.append(_make_event(event_id, None, doc.event_kind or "other", people, [doc]))
        assigned[doc.id] = event_id
    out = [attrs.evolve(d, event_id=assigned.get(d.id)) for d in docs]
    return events, out


def _make_event(event_id: str, date: dt.date | None, kind: EventKind, people: tuple[str, ...],
                members: Sequence[Document]) -> Event:
    reference = _reference(members)
    return Event(id=event_id, date=date, label=_label(date, kind, people), kind=kind,
                 participants=people, documents=tuple(d.id for d in members), reference=reference,
                 reference_basis="primary" if reference else "none")
