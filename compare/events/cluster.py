"""Clustering: documents to events, by what they report (participants, date, topic).

``cluster_documents`` is pure.  Two documents report the same event when

* their event dates are at most one day apart (time zones: a call late on
  Thursday in Washington is Friday in Moscow), with no chaining (every member
  within the slack);
* they name the same principals: each side's principals (the first two people
  of its participants) are people the other side names, and they share one, so
  a document that puts an aide or a third leader first still joins, while a
  Putin–Trump call and a Putin–Pashinyan call on one day stay apart.  A document
  that names nobody joins a group only when its vocabulary overlaps strongly, or,
  written in a language none of the group's documents use (where words cannot
  tell), when the embeddings of their leads are close (``LEAD_JOIN``);
* the kind label (call, meeting, statement) never splits documents of one day:
  outlets word one contact differently.  A call one day and a meeting the next
  are two contacts.

Firmly dated documents are grouped first.  Then the documents whose date only
bounds the event join the group whose date they allow: a publication or
dateline stamp (the event is on that day or up to ``STAMP_LAG_DAYS`` before), a
bare weekday with no date to resolve it (the group's day must be that weekday,
within the month of the URL when it gives one).

The event's date is its date in the capital of its reference readout (a call
late on Wednesday there is Thursday morning elsewhere) when the other reports
agree within the slack, else the one most of the evidence gives; every member takes
it (evidence rule ``event_consensus`` when it changes): one wrong page can
neither split nor mislabel an event.  Republications (``duplicate_of``) join
their original's event.  A document without any date evidence joins the event of
compatible principals whose documents report the same content, clearly ahead of
any other (``join_undated``); otherwise it gets its own event ``undated-<doc id>``.

Event ids are readable and stable: ``<date>-<surnames>-<kind>``
(``2020-06-01-putin-trump-call``), ``-2``, ``-3`` on collision.  The reference is
the official readout (``outlet_role == "primary"``) when there is one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence

import attrs
import numpy as np

from compare.core.models import Document, Event, EventKind, Evidence
from compare.events.anchors import anchor_people
from compare.events.identity import fold_latin, latin, surname_key
from compare.events.members import (
    STAMP_LAG_DAYS,
    Identity,
    _compatible,
    _Group,
    _in,
    _Item,
    _item,
    _loose_compatible,
    _tentatively_compatible,
    containment,
    lead_similarity,
    lead_text,
    topic_overlap,
)
from compare.events.participants import COUNTRIES, parse_participant

DATE_SLACK_DAYS = 1
TOPIC_JOIN = 0.3
# A document naming one side or nobody joins a group whose documents use at least this
# share of its topic words.  On realdev a document's share with the other documents of
# its event: 5th percentile 0.38, 10th 0.47, median 0.68.  benchmarks/events_sweep.py:
# without the name lists B-cubed F1 0.978 from 0.20 to 0.45, 0.945 at 0.55 (1.000 with the
# lists throughout); 0.35 keeps a margin over another engagement of the same leader (0.25
# in the unit test).
PARTIAL_JOIN = 0.35
# A document with no date evidence at all joins the event of compatible principals
# whose closest member uses at least UNDATED_JOIN of its topic words, UNDATED_MARGIN
# ahead of the next compatible event.  benchmarks/undated_join_sweep.py (every dated
# document held out as if undated; right / wrong / abstained joins): at 0.5 / 0.1 realdev
# 26/0/53, without the lists 25/0/52, devset 10/0/7, evalset 5/0/2, multiling 1/0/34 (its
# cross-language documents share no words); at 0.4 / 0.1 realdev 42/0 but multiling 2/1;
# margin 0 lets a devset document into the wrong call of its pair (10/1).
UNDATED_JOIN = 0.5
UNDATED_MARGIN = 0.1
# Across languages topic words cannot tell, so a document that names nobody (or a group
# that does not) joins on the cosine of the two leads' embeddings (title and start of
# the text) when it reaches LEAD_JOIN, LEAD_MARGIN ahead of the next group that fits.
# benchmarks/lead_join_sweep.py (B-cubed F1 with the participants of documents outside
# the set's commonest language blanked, as where titles go unrecognised): multiling
# 0.439 without the join, 0.926 from 0.3 to 0.4, 0.896 at 0.45, 0.729 at 0.55; realdev
# 0.991 without, 1.000 from 0.3 to 0.55; the sets as they are 1.000 at every value.
# With every document's participants blanked realdev goes 0.815 -> 0.801 at 0.3-0.5
# (one wrong join across languages), multiling 0.412 -> 0.887.  The margin is flat
# from 0 to 0.2.
LEAD_JOIN = 0.35
LEAD_MARGIN = 0.1
# A join on the leads ranks below any join on topic words (those fits are above -1).
_LEAD_FIT = -2.0
# Encodes texts into unit-length rows (the embedding model), or gives None.
Encoder = Callable[[Sequence[str]], "np.ndarray | None"]
KIND_LABEL = {"call": "telephone call", "meeting": "meeting", "statement": "statement", "other": "event"}
def _on(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _with_countries(items: list[_Item]) -> list[_Item]:
    """Countries the whole collection gives a surname fill the documents that name the
    person without one; a country role of a key ("the US president") that a named
    principal of that country already stands for is dropped."""
    seen: dict[str, Counter[str]] = {}
    surnames: set[str] = set()
    first_names: dict[str, Counter[str]] = {}
    full: dict[str, set[tuple[str, ...]]] = {}  # surname key -> the full names (lower case) with it
    for i in items:
        for surname, country in i.people:
            if surname and country:
                seen.setdefault(surname, Counter())[country] += 1
        for value in i.doc.participants:
            name, surname, _ = parse_participant(value)
            words = (name or "").split()
            if surname and len(words) >= 2:
                surnames.add(surname)
                first_names.setdefault(surname_key(words[0]), Counter())[surname] += 1
                full.setdefault(surname, set()).add(tuple(w.lower() for w in words))
    known = {s: c.most_common(1)[0][0] for s, c in seen.items()}
    # A name given by its first word only ("President Donald" before a garbled surname)
    # is the person of the collection with that first name (four in five of its full names).
    alias = {f: top[0][0] for f, c in first_names.items()
             if f not in surnames and (top := c.most_common(1)) and top[0][1] >= 0.8 * sum(c.values())}
    alias.update(_leading_name_alias(full))

    def fill(ids: Sequence[Identity]) -> tuple[Identity, ...]:
        out = []
        for s, c in ids:
            s = alias.get(s, s) if s else s
            out.append((s, c or (known.get(s) if s else None)))
        return tuple(out)

    for i in items:
        i.people = fill(i.people)
        key = fill(i.key)
        named = {c for s, c in key if s and c}
        key = tuple(x for x in key if x[0] or x[1] not in named)
        if len(key) < len(i.key):  # the role stood for a named principal: take the next person
            more = [x for x in i.people if x[0] and not _in(x, key)]
            key = tuple(sorted((*key, *more[:len(i.key) - len(key)]), key=lambda x: (x[0] or "", x[1] or "")))
        i.key = key
    return items


def _leading_name_alias(full: dict[str, set[tuple[str, ...]]]) -> dict[str, str]:
    """Surname keys that only ever end the leading words of a longer name of the
    collection ("Ana Sousa" where others write "Ana Sousa Lima": a name given without its
    last surname), each to the surname of that longer name when there is one."""
    out: dict[str, str] = {}
    for short_key, names in full.items():
        targets = {long_key for long_key, longer in full.items() if long_key != short_key
                   for name in names for other in longer
                   if len(other) > len(name) and other[:len(name)] == name}
        if len(targets) == 1 and all(any(len(o) > len(n) and o[:len(n)] == n
                                         for long_key in targets for o in full[long_key]) for n in names):
            out[short_key] = targets.pop()
    return out


def _merge_groups(groups: list[_Group]) -> list[_Group]:
    """Groups of one contact that the order of the documents kept apart (each put other
    people first): two groups within the date slack of each other whose principals the
    other names join, so the event has one group and one agreed date."""
    merged = True
    while merged:
        merged = False
        for i, a in enumerate(groups):
            for j in range(i + 1, len(groups)):
                b = groups[j]
                if max(a.last, b.last) - min(a.first, b.first) > dt.timedelta(days=DATE_SLACK_DAYS) \
                        or len(a.key) != 2 or len(b.key) != 2:
                    continue
                if not any(_in(x, a.principals) for x in b.principals):
                    continue
                kinds = {a.kind, b.kind}
                if (kinds == {"call", "meeting"} or ("other" in kinds and kinds & {"call", "meeting"})) \
                        and (a.first, a.last) != (b.first, b.last):
                    continue  # a call one day and a visit (or no contact) the next: two events
                a_in_b = all(_in(x, b.people) for x in a.key)
                b_in_a = all(_in(x, a.people) for x in b.key)
                # on other days both must name each other's principals (see _fits)
                same_days = (a.first, a.last) == (b.first, b.last)
                if not same_days and any(i.repeat for i in [*a.items, *b.items]):
                    continue  # a repeated contact the next day: two contacts
                if (a_in_b or b_in_a) if same_days else (a_in_b and b_in_a):
                    for item in b.items:
                        a.add(item)
                    del groups[j]
                    merged = True
                    break
            if merged:
                break
    return groups


def _day_fit(item: _Item, group: _Group) -> int | None:
    """How many days the item's date lies from the group's dates (None: it cannot join).
    A firm date must be within the slack of every member (no chaining); a stamp
    bounds the event (on that day or up to STAMP_LAG_DAYS before it); a bare weekday
    must be the weekday of the group's day; a day and month whose year was guessed
    must be the group's day of the year."""
    if item.firm:
        assert item.lo is not None
        gap = max(abs((group.first - item.lo).days), abs((group.last - item.lo).days))
        return gap if gap <= DATE_SLACK_DAYS else None
    day = group.date
    if item.day_month is not None:
        # the same day of the year, give or take the slack, in whatever year
        gaps = [abs((day - d).days) for y in (day.year - 1, day.year, day.year + 1)
                if (d := _on(y, *item.day_month)) is not None]
        gap = min(gaps, default=DATE_SLACK_DAYS + 1)
        return gap if gap <= DATE_SLACK_DAYS else None
    if item.lo is not None and item.hi is not None and not item.lo <= day <= item.hi:
        return None
    if item.weekday is not None and day.weekday() != item.weekday:
        return None
    if item.weekday is None and item.lo is None:
        return None
    return 0 if item.hi == day else 1


def _fits(group: _Group, item: _Item) -> float | None:
    """How well a firmly dated ``item`` fits ``group`` (higher is better), or None."""
    gap = _day_fit(item, group)
    if gap is None:
        return None
    tentative = not _compatible(item, group)
    if tentative and not _tentatively_compatible(item, group):
        return None
    kind = item.doc.event_kind or "other"
    # A call one day and a visit the next are two contacts (documents of one day that word
    # one contact differently stay together).
    if gap > 0 and {kind, group.kind} == {"call", "meeting"}:
        return None
    # Nor is a report that dates no contact at all (the premier opens a fair the day before
    # his talks) the other day's part of a call or a meeting.
    if gap > 0 and "other" in {kind, group.kind} and {kind, group.kind} & {"call", "meeting"}:
        return None
    # On another day the document's own principals must all be people of the group: a
    # call of one of them with someone else the day after (which recalls the first call)
    # is another contact, not a time-zone split.
    if gap > 0 and item.key and not all(_in(x, group.people) for x in item.key):
        return None
    # A contact its report calls a repeat is not the other day's contact (nor is the other
    # day's contact that of a group holding a repeat).
    if gap > 0 and (item.repeat or any(i.repeat for i in group.items)):
        return None
    overlap = topic_overlap(item.words, group.words)
    if (tentative or not item.key or not group.key) and containment(item.words, group.words) < PARTIAL_JOIN:
        lead = None if tentative else lead_similarity(item, group)
        return None if lead is None or lead < LEAD_JOIN else _LEAD_FIT + lead - gap
    return overlap - gap


def _slug(name: str) -> str:
    last = name if name in COUNTRIES else _surname(name)
    ascii_name = fold_latin(latin(last)).encode("ascii", "ignore").decode()
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


def _event_date(items: Sequence[_Item]) -> dt.date | None:
    """The date most of the evidence gives (firm dates weigh 1 + confidence, stamps their
    confidence); on a tie the earlier day (a call late on Thursday in Washington is
    Friday in Moscow)."""
    weight: dict[dt.date, float] = {}
    for i in items:
        d = i.doc
        if d.event_date is not None:
            conf = d.event_date_evidence.confidence if d.event_date_evidence else 0.5
            weight[d.event_date] = weight.get(d.event_date, 0.0) + (1.0 if i.firm else 0.0) + conf
    if not weight:
        return None
    return max(weight, key=lambda day: (weight[day], -day.toordinal()))


def _reference_date(items: Sequence[_Item]) -> dt.date | None:
    """The event's date in the capital of its reference readout: a call late on Wednesday
    in one capital is Thursday morning in the other, and the event is compared against
    the reference (``_reference``), so its own firm date, when the other reports put the
    contact within the slack of it, is the event's."""
    ref = _reference([i.doc for i in items])
    own = next((i for i in items if i.doc.id == ref), None)
    if own is None or not own.firm or own.lo is None:
        return None
    others = [i.lo for i in items if i.firm and i.lo is not None]
    if any(abs((d - own.lo).days) > DATE_SLACK_DAYS for d in others):
        return None
    return own.lo


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
    # on a tie the pair written in Latin letters names the event (a reader of the report
    # reads it; the keys in other scripts are of the same people)
    best = max(counts, key=lambda p: (counts[p], len(p), all(k.isascii() for k in p), p))
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
    joins the one group of the same kind within the date slack that names that participant
    beside another, when the two share the topic words (or are written in
    different languages, where words cannot tell); with two or more such groups
    the contact is ambiguous and it stays apart."""
    out = [g for g in groups if len(g.key) != 1]
    for g in groups:
        if len(g.key) != 1:
            continue
        if g.kind == "other":
            out.append(g)
            continue
        # With one side unknown, the kind is a clue left: a meeting of that leader is
        # not part of a call of the same day.
        langs = {d.language for d in g.members}
        fits = [h for h in out if len(h.key) == 2 and g.kind in {d.event_kind for d in h.members}
                and max(abs((h.last - g.first).days), abs((g.last - h.first).days)) <= DATE_SLACK_DAYS
                and _in(g.key[0], h.principals)
                and (containment(g.words, h.words) >= PARTIAL_JOIN
                     or not langs & {d.language for d in h.members})]
        if len(fits) != 1:
            out.append(g)
            continue
        h = fits[0]
        for item in g.items:
            h.add(item)
    return out


def _group(items: Sequence[_Item]) -> tuple[list[_Group], list[_Item]]:
    """Firmly dated documents first (in date order), each into the group that fits it
    best or a new one; then the documents whose date is only bounded (a stamp, a bare
    weekday) into the group whose consensus date they allow; the rest stay undated."""
    groups: list[_Group] = []
    # On each day the documents that call their contact a repeat open their group first, so
    # that day's other reports find it at no distance rather than the day before's.
    firm = sorted((i for i in items if i.firm and i.lo is not None), key=lambda i: (i.lo, not i.repeat, i.doc.id))
    # Groups are opened in date order, so a group whose first date is more than the
    # slack before the document's can never take it: only the groups from ``active`` on.
    active = 0
    for item in firm:
        assert item.lo is not None
        while active < len(groups) and (item.lo - groups[active].first).days > DATE_SLACK_DAYS:
            active += 1
        scored = [(fit, i) for i in range(active, len(groups)) if (fit := _fits(groups[i], item)) is not None]
        fits = sorted((fit for fit, _ in scored), reverse=True)
        if len(fits) > 1 and fits[0] <= _LEAD_FIT + 1 and fits[0] - fits[1] < LEAD_MARGIN:
            scored = []  # joined on the leads alone, and another group is about as close: do not guess
        if scored:
            groups[max(scored, key=lambda x: (x[0], -x[1]))[1]].add(item)
        else:
            groups.append(_Group([item], item.doc.event_kind or "other", item.key, list(item.people),
                                 set(item.words), item.lo, item.lo, item.lo))
    groups = _join_partial(_merge_groups(groups))
    for g in groups:
        g.date = _reference_date(g.items) or _event_date(g.items) or g.first
    undated: list[_Item] = []
    loose = sorted((i for i in items if not i.firm or i.lo is None),
                   key=lambda i: (i.doc.event_date or dt.date.max, i.doc.id))
    for item in loose:
        lang = item.doc.language
        scored = [(share - gap, i) for i, g in enumerate(groups)
                  if (gap := _day_fit(item, g)) is not None and _loose_compatible(item, g)
                  and ((share := containment(item.words, g.words)) >= PARTIAL_JOIN
                       or (len(item.key) == 2 and len(g.key) == 2)
                       # words cannot tell across languages: the named side and the date must
                       or (len(item.key) == 1 and lang not in {d.language for d in g.members})
                       # or, naming nobody, the leads' embeddings
                       or ((lead := lead_similarity(item, g)) is not None and lead >= LEAD_JOIN))]
        if len(item.key) < 2 and len(scored) > 1:
            scored = []  # one side or nobody named, several contacts fit: do not guess
        if scored:
            groups[max(scored, key=lambda x: (x[0], -x[1]))[1]].add(item)
        elif item.doc.event_date is not None:
            date = item.doc.event_date
            groups.append(_Group([item], item.doc.event_kind or "other", item.key, list(item.people),
                                 set(item.words), date, date, date))
        else:
            undated.append(item)
    return groups, join_undated(undated, groups)


def content_scores(item: _Item, groups: Sequence[_Group]) -> list[tuple[float, int]]:
    """(content similarity, group index) of the groups an undated ``item`` could report:
    the principals compatible (each names the other's), a repeat of a contact where
    most of the group's reports call it one, best first.  The similarity is
    the largest share of the item's topic words that one member uses (a whole group's
    vocabulary grows with its size; one close report is the evidence)."""
    out = []
    for k, g in enumerate(groups):
        if not item.key or not _loose_compatible(item, g) or (len(item.key) == 2 and len(g.key) != 2):
            continue
        if item.repeat != (2 * sum(i.repeat for i in g.items) >= len(g.items)):
            continue  # a report of a repeated contact and the reports of a first one: two contacts
        out.append((max(containment(item.words, i.words) for i in g.items), k))
    return sorted(out, key=lambda x: (-x[0], x[1]))


def join_undated(undated: list[_Item], groups: list[_Group]) -> list[_Item]:
    """Documents without any date evidence join the event whose documents report the
    same thing: compatible principals and the best content similarity, when it is at
    least UNDATED_JOIN and ahead of the next compatible event by UNDATED_MARGIN (two
    calls of one pair a week apart share much of their vocabulary).  They then take the
    event's date; the others stay undated."""
    rest = []
    for item in undated:
        scored = content_scores(item, groups)
        best = scored[0][0] if scored else 0.0
        second = scored[1][0] if len(scored) > 1 else 0.0
        if scored and best >= UNDATED_JOIN and best - second >= UNDATED_MARGIN:
            groups[scored[0][1]].add(item)
        else:
            rest.append(item)
    return rest


def _encode_leads(items: Sequence[_Item], encode: Encoder) -> None:
    """Lead embeddings for the documents a lead join may concern: those naming fewer than
    two principals and every document within a few days of one (all of them when one is
    undated), when the collection has more than one language."""
    if len({i.doc.language for i in items}) < 2:
        return
    open_days = [i.doc.event_date for i in items if len(i.key) < 2]
    if not open_days:
        return
    reach = DATE_SLACK_DAYS + STAMP_LAG_DAYS
    days = None if None in open_days else {d + dt.timedelta(days=k) for d in open_days if d is not None
                                           for k in range(-reach, reach + 1)}
    chosen = [i for i in items if days is None or i.doc.event_date is None or i.doc.event_date in days]
    vectors = encode([lead_text(i.doc) for i in chosen])
    if vectors is not None:
        for i, row in zip(chosen, vectors, strict=True):
            i.lead = row


def _agreed(doc: Document, date: dt.date | None) -> Document:
    """``doc`` with the event's date: the documents of one event agree on it (a page
    that dates it a day off, by its time zone or its stamp, takes the consensus)."""
    if date is None or doc.event_date == date:
        return doc
    own = doc.event_date_evidence
    evidence = Evidence(own.quote if own else date.isoformat(), "event_consensus",
                        own.confidence if own else 0.3, own.start if own else None)
    return attrs.evolve(doc, event_date=date, event_date_evidence=evidence)


def cluster_documents(docs: Sequence[Document], encode: Encoder | None = None) -> tuple[list[Event], list[Document]]:
    """Group documents into events; returns the events (by date, then id) and the
    documents (input order) with ``event_id`` set and the event's agreed date.
    ``encode`` (the embedding model) lets documents in different languages that name
    nobody join on their leads; without it they join only on names and topic words."""
    docs = anchor_people(docs)
    ids = {d.id for d in docs}
    originals = [d for d in docs if d.duplicate_of is None or d.duplicate_of not in ids]
    copies = [d for d in docs if d.duplicate_of is not None and d.duplicate_of in ids]
    items = _with_countries([_item(d) for d in originals])
    if encode is not None:
        _encode_leads(items, encode)
    groups, undated_items = _group(items)
    undated = [i.doc for i in undated_items]
    # Republications join their original's group (following chains of copies).
    member_of: dict[str, list[Document]] = {}
    members_by_group: list[list[Document]] = []
    for g in groups:
        members = g.members
        members_by_group.append(members)
        for d in members:
            member_of[d.id] = members
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
    drafts: list[tuple[dt.date, str, list[Document], EventKind, tuple[str, ...]]] = []
    for g, unsorted in zip(groups, members_by_group, strict=True):
        members = sorted(unsorted, key=lambda d: d.id)
        kind = _kind(members)
        people = _participants(members)
        base = "-".join([g.date.isoformat(), *(_slug(p) for p in people), kind])
        drafts.append((g.date, base, members, kind, people))
    drafts.sort(key=lambda x: (x[0], x[1], x[2][0].id))
    used: set[str] = set()
    events: list[Event] = []
    assigned: dict[str, tuple[str, dt.date | None]] = {}
    for day, base, members, kind, people in drafts:
        event_id = _unique(base, used)
        events.append(_make_event(event_id, day, kind, people, members))
        for d in members:
            assigned[d.id] = (event_id, day)
    for doc in sorted(undated, key=lambda d: d.id):
        event_id = _unique(f"undated-{doc.id}", used)
        people = _sorted_names([name for _, name in _principals(doc)])
        events.append(_make_event(event_id, None, doc.event_kind or "other", people, [doc]))
        assigned[doc.id] = (event_id, None)
    out = []
    for d in docs:
        got, agreed = assigned.get(d.id, (None, None))
        out.append(attrs.evolve(_agreed(d, agreed), event_id=got))
    return events, out


def _make_event(event_id: str, date: dt.date | None, kind: EventKind, people: tuple[str, ...],
                members: Sequence[Document]) -> Event:
    reference = _reference(members)
    return Event(id=event_id, date=date, label=_label(date, kind, people), kind=kind,
                 participants=people, documents=tuple(d.id for d in members), reference=reference,
                 reference_basis="primary" if reference else "none")
