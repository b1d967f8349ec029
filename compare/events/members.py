"""Documents as clustering sees them: principals, words, date bounds, and when two
principals, a document and a group, are compatible.

:mod:`compare.events.cluster` groups :class:`_Item` objects into :class:`_Group`
objects; this module holds the data and the identity tests it uses (surnames across
scripts and transliterations through :mod:`compare.events.identity`, countries when
a surname is missing).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import attrs
import numpy as np
from rapidfuzz import fuzz

from compare.core.models import Document, EventKind
from compare.events.dates import YEAR_GUESSED, hinted_day_month, hinted_weekday
from compare.events.identity import han_foreign, is_han, near_name, same_name
from compare.events.participants import parse_participant
from compare.events.stamps import url_month

# Two surname keys of at least five letters this similar (rapidfuzz ratio) are one person
# ("zelensky"/"zelenskyy" 94, transliterated "tramp"/"trump" 80, "putin"/"pashinyan" 43).
# benchmarks/events_sweep.py: without the name lists B-cubed F1 0.978 from 70 to 90, 0.956
# with exact surnames only; 1.000 with the lists throughout.
SURNAME_RATIO = 80
TOPIC_CHARS = 4000
# Characters of the text (after the title) a lead embedding encodes.
LEAD_CHARS = 400
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
    items: list[_Item]
    kind: EventKind
    key: tuple[Identity, ...]
    people: list[Identity]
    words: set[str]
    # The earliest and latest firm event date of the members, and the event's date.
    first: dt.date
    last: dt.date
    date: dt.date

    @property
    def principals(self) -> list[Identity]:
        """Every member's principals (documents of one event put different people first)."""
        out: list[Identity] = []
        for i in self.items:
            out.extend(x for x in i.key if not _in(x, out))
        return out

    @property
    def members(self) -> list[Document]:
        return [i.doc for i in self.items]

    def add(self, item: _Item) -> None:
        self.items.append(item)
        self.words |= item.words
        if item.firm and item.lo is not None:
            self.first, self.last = min(self.first, item.lo), max(self.last, item.lo)
        if self.kind == "other":
            self.kind = item.doc.event_kind or "other"
        self.key = _merge_key(self.key, item.key) if self.key else item.key
        for p in item.people:
            at = next((i for i, q in enumerate(self.people) if _same(p, q)), None)
            if at is None:
                self.people.append(p)
            elif self.people[at][1] is None and p[1] is not None:
                self.people[at] = (self.people[at][0] or p[0], p[1])


def _key(doc: Document) -> tuple[Identity, ...]:
    out = []
    for value in doc.participants[:2]:
        _, surname, country = parse_participant(value)
        out.append((surname, country))
    return tuple(sorted(out, key=lambda x: (x[0] or "", x[1] or "")))


def _same(a: Identity, b: Identity) -> bool:
    """The same participant: equal surnames, or equal countries when a surname is missing."""
    if a[0] is not None and b[0] is not None:
        # One surname spelt or transliterated two ways ("Zelensky", "Zelenskyy", "Трамп").
        if a[0] == b[0] or (min(len(a[0]), len(b[0])) >= 5 and fuzz.ratio(a[0], b[0]) >= SURNAME_RATIO):
            return True
        if a[1] is not None and b[1] is not None and a[1] != b[1]:
            return False
        if a[1] is not None and a[1] == b[1] and near_name(a[0], b[0]):
            return True  # one country's leader, one consonant apart ("Wierzbicki", "Вєжбицький")
        # another transliteration or script ("Zaroubine", "Sarubin", "扎鲁宾"), or a foreign
        # name in Chinese characters, whose country stands for it ("卡拉斯科 (Mexico)")
        return same_name(a[0], b[0]) or (a[1] is not None and a[1] == b[1] and is_han(a[0]) != is_han(b[0])
                                         and (han_foreign(a[0], a[1]) or han_foreign(b[0], b[1])))
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


def lead_text(doc: Document) -> str:
    """What a document's lead embedding encodes: its title and the start of its text."""
    return f"{doc.title or ''}\n{doc.text[:LEAD_CHARS]}"


def lead_similarity(item: _Item, group: _Group) -> float | None:
    """The cosine of ``item``'s lead with the closest lead of a ``group`` member written in
    another language, when the item's language is none of the group's (topic words cannot
    tell there); None without leads or when a member shares the item's language."""
    if item.lead is None or item.doc.language in {i.doc.language for i in group.items}:
        return None
    sims = [float(item.lead @ i.lead) for i in group.items if i.lead is not None]
    return max(sims) if sims else None


def containment(item: set[str], group: set[str]) -> float:
    """The share of a document's topic words that a group's documents use too."""
    return len(item & group) / len(item) if item else 0.0


def topic_overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


# Date evidence that only bounds the event: a publication / dateline stamp says the event
# happened on that day or shortly before it.  benchmarks/events_sweep.py: realdev date
# exact 0.929 at 0, 0.988 at 1, 1.000 at 2-3; B-cubed F1 0.938 / 0.990 / 1.000 / 1.000
# (without the lists 0.915 / 0.968 / 0.978 / 0.969).
_STAMP_RULES = frozenset({"pub_stamp", "dateline_stamp"})
STAMP_LAG_DAYS = 2


@attrs.define
class _Item:
    """One document as clustering sees it."""

    doc: Document
    words: set[str]
    key: tuple[Identity, ...]
    people: tuple[Identity, ...]
    # The days the event may fall on (a firm date: one day).
    lo: dt.date | None
    hi: dt.date | None
    weekday: int | None = None
    firm: bool = True
    # A day and month whose year the text does not give (the year was guessed).
    day_month: tuple[int, int] | None = None
    # Surname keys of the participants named by one word only (a country role or an
    # unlisted country read as a surname, never a full name).
    bare: frozenset[str] = frozenset()
    # The document calls its contact a repeat ("spoke again", "second call", "再次").
    repeat: bool = False
    # Unit embedding of the title and lead (see :func:`lead_text`), when a model is given.
    lead: np.ndarray | None = None


def _item(doc: Document) -> _Item:
    ev = doc.event_date_evidence
    parsed = [parse_participant(v) for v in doc.participants]
    people = tuple((s, c) for _, s, c in parsed)
    bare = frozenset(s for name, s, _ in parsed if s and len((name or "").split()) <= 1)
    item = _Item(doc, _words(doc), _key(doc), people, doc.event_date, doc.event_date, bare=bare,
                 repeat=is_repeat(doc))
    if doc.event_date is not None and ev is not None and ev.rule in _STAMP_RULES:
        item.lo, item.firm = doc.event_date - dt.timedelta(days=STAMP_LAG_DAYS), False
    elif doc.event_date is not None and ev is not None and ev.rule == YEAR_GUESSED:
        item.firm, item.lo, item.hi = False, None, None
        item.day_month = (doc.event_date.month, doc.event_date.day)
    elif doc.event_date is None:
        item.firm = False
        item.weekday = hinted_weekday(ev, doc.language)
        # a day and month with the weekday but no year: that day of the year, as a guessed year's
        item.day_month = hinted_day_month(ev, doc.language)
        month = url_month(doc.url)
        if item.weekday is not None and month is not None:
            item.lo = dt.date(*month, 1)
            item.hi = dt.date(month[0] + month[1] // 12, month[1] % 12 + 1, 1) + dt.timedelta(days=6)
    return item


# Words that call a contact a repeat of an earlier one, in the title or the sentence that
# dates it: a second call of a pair the day after the first is not a time-zone split of it.
_REPEAT = re.compile(
    r"\b(?:again|second (?:call|time|conversation|phone|telephone|talks?)|another (?:call|phone|conversation)|"
    r"follow-up (?:call|conversation)|повторн\w*|вновь|снова|ещё раз|еще раз|втор\w+ раз|втор\w+ разговор|"
    r"de nouveau|à nouveau|deuxième (?:fois|entretien|conversation)|second entretien|nouvel entretien|"
    r"erneut|zum zweiten mal|abermals|nochmals|de nuevo|otra vez|nuevamente|segunda (?:vez|llamada|conversación))"
    r"(?!\w)|再次|再度|第二次|又一次")


def is_repeat(doc: Document) -> bool:
    """True when the title or the sentence that dates the event calls the contact a repeat."""
    parts = [doc.title or ""]
    ev = doc.event_date_evidence
    if ev is not None and ev.start is not None and doc.text:
        text = doc.text
        a = max(text.rfind("\n", 0, ev.start), text.rfind(". ", 0, ev.start), text.rfind("。", 0, ev.start))
        ends = [k for k in (text.find("\n", ev.start), text.find(". ", ev.start), text.find("。", ev.start)) if k >= 0]
        parts.append(text[a + 1:min(ends) if ends else len(text)])
    return any(_REPEAT.search(p.lower()) for p in parts)


def _in(ident: Identity, people: Sequence[Identity]) -> bool:
    return any(_same(ident, p) for p in people)


def _compatible(item: _Item, group: _Group) -> bool:
    """The same principals: each side's principals are people the other side names (a
    document that puts an aide or a third leader first still names the two principals),
    and they share at least one principal."""
    if not item.key or not group.key:
        return True  # nobody named on one side: the caller asks for strong topic overlap
    if len(item.key) != len(group.key):
        return False  # one side unrecognised: _join_partial decides, seeing every candidate
    if not any(_in(x, group.principals) for x in item.key):
        return False
    if all(_in(x, group.principals) for x in item.key):
        return True
    # the document puts someone first whom the group names but never as a principal
    # (an aide, a third leader): it still names the group's principals
    return all(_in(x, item.people) for x in group.key) and all(_in(x, group.people) for x in item.key)


def _tentatively_compatible(item: _Item, group: _Group) -> bool:
    """Principals that may be the same though the texts never say so: both sides name
    two, share one, and each principal the other side lacks is matched by a different
    unplaced one there, one of the two named by a single word (a country role: an
    invented or unlisted country reads like a surname; a full name is a person).  The caller asks for topic
    overlap besides, as for a document that names nobody."""
    if len(item.key) != 2 or len(group.key) != 2 or not any(_in(x, group.principals) for x in item.key):
        return False
    bare = item.bare.union(*(i.bare for i in group.items))
    open_people = [p for p in group.people if not any(_same(p, x) for x in item.key)]
    for x in item.key:
        if _in(x, group.people):
            continue
        # one of the two is a bare word (a country or a role, never a full name) and
        # neither has a country that would tell them apart
        spare = next((p for p in open_people if (p[1] is None or x[1] is None) and (p[0] in bare or x[0] in bare)),
                     None)
        if spare is None or (x[0] is not None and x[1] is not None):
            return False
        open_people.remove(spare)
    return True


def _loose_compatible(item: _Item, group: _Group) -> bool:
    """A document whose date only bounds the event may also name one side only (the
    other went unrecognised): that side must be one of the group's principals."""
    if len(item.key) == 1 and len(group.key) == 2:
        return _in(item.key[0], group.principals)
    return _compatible(item, group)
