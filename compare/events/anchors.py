"""Names anchored across documents: a person one document names is found in the others.

The title readers (:mod:`compare.events.participants`, :mod:`compare.events.titles`,
:mod:`compare.events.scripttitles`) know some languages; a page in any other language names
nobody for them, and clustering cannot tell which contact it reports.  But the people of a
contact are named by several outlets within a few days, and a full name is written much
the same way in every alphabet: "Aino Virtanen", "Айно Виртанен", "Άινο Βιρτάνεν", "איינו
וירטנן".  So a document that names fewer than two participants takes every person of two
name words or more whom another document of nearby dates names, when its own lead writes
that person's last two name words side by side, in either order (Korean, Hungarian and
Vietnamese put the surname first), compared by :func:`compare.events.identity.same_word`,
which reads every script in Latin letters and allows a short case ending.

Two name words side by side are what anchors a name: one word alone ("Vinh", "Mark")
recurs by chance, two rarely do.  The people of the sentence that dates the event come
first (a page may recall another contact of the same leader before it reports its own).
The date window keeps apart the same pair of leaders meeting again weeks later (each
contact's documents name them both).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import attrs

from compare.core.models import Document
from compare.events.datephrases import sentence_at
from compare.events.identity import is_abjad, read_word, same_word, surname_key, weak_skeleton
from compare.events.participants import parse_participant

# Days between two documents' dates for a name of one to anchor in the other: clustering
# joins documents one day apart, and a publication stamp may be two days after the event.
WINDOW_DAYS = 3
# The part of a document where its principals are named: the title and the lead.
LEAD_CHARS = 2500
# The fewest consonant classes the two words of a name in Hebrew or Arabic script must
# give together (vowels are not written there, so the skeleton is all there is).
_ABJAD_MIN = 4
# Word separators: spaces and punctuation (a letter followed by a combining mark stays one
# word, as Thai and Devanagari write them).
_SPLIT = re.compile(r"[\s,.;:!?()\[\]{}\"'«»“”„‘’|/\\<>*#=+&]+")
# A letter a Hebrew or Arabic word may take before a name ("and", "to", "the", "in").
_CLITICS = frozenset("ובלמשהכ" "وبلف")
# Honorifics Thai writes before a name with no space: "นาย" (Mr), "นาง" (Mrs), "นางสาว" (Miss).
_THAI_HONORIFICS = ("นางสาว", "นาย", "นาง")


@attrs.frozen
class _Known:
    """A person a document names with two name words or more."""

    label: str
    first: str
    last: str
    day: dt.date | None
    doc: str


def _day(doc: Document) -> dt.date | None:
    return doc.event_date or doc.published


def _known(docs: Sequence[Document]) -> list[_Known]:
    out: list[_Known] = []
    for d in docs:
        for value in d.participants:
            name, _, _ = parse_participant(value)
            words = (name or "").split()
            if len(words) >= 2:
                out.append(_Known(value, words[-2], words[-1], _day(d), d.id))
    return out


def _words(text: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for part in _SPLIT.split(text):
        at = text.find(part, pos) if part else pos
        if part:
            out.append((at, part))
            pos = at + len(part)
    return out


@lru_cache(maxsize=65536)
def _variants(word: str, first: bool) -> tuple[str, ...]:
    """A word as written and without what a script glues before a name (the first word
    only): a Hebrew or Arabic one-letter clitic, a Thai honorific."""
    out = [word]
    if first and len(word) > 3 and word[0] in _CLITICS:
        out.append(word[1:])
    if first:
        out.extend(word[len(h):] for h in _THAI_HONORIFICS if word.startswith(h) and len(word) > len(h) + 2)
    return tuple(out)


def _names(a: str, b: str, first: str, last: str) -> bool:
    """Words ``a`` ``b`` (side by side in a text) write the name words ``first`` ``last``."""
    if not any(same_word(v, first) for v in _variants(a, True)) or not same_word(b, last):
        return False
    if is_abjad(a) or is_abjad(b):
        # no vowels written: the two skeletons together must identify
        skel = len(weak_skeleton(read_word(b))) + max(len(weak_skeleton(read_word(v)))
                                                       for v in _variants(a, True) if same_word(v, first))
        return skel >= _ABJAD_MIN
    return True


def _coarse(word: str) -> str:
    """The first consonant class a name word's reading keeps in every script ("" when it
    has none): words of one name share it (but for rare spellings, "Bela" and Greek "Βέλα",
    read "vela"), so a word is compared only with the known people in its bucket (a corpus
    of thousands of pages has thousands of names)."""
    return weak_skeleton(read_word(word))[:1]


@lru_cache(maxsize=65536)
def _may_name(word: str) -> bool:
    """A word that may write a name: capitalised in the alphabets that capitalise names
    (Latin, Greek, Cyrillic, Armenian), any word in the other scripts (Arabic, Hebrew,
    Thai, Georgian, whose letters Unicode may class as lower case)."""
    ch = word[0]
    return ch.isupper() or not ch.islower() or not unicodedata.name(ch, "").startswith(_CASED)


_CASED = ("LATIN", "GREEK", "CYRILLIC", "ARMENIAN")


def _buckets(known: Sequence[_Known], attr: str) -> dict[str, list[_Known]]:
    out: dict[str, list[_Known]] = {}
    for k in known:
        out.setdefault(_coarse(getattr(k, attr)), []).append(k)
    return out


def _focus(doc: Document, offset: int) -> tuple[int, int]:
    """The span of the sentence that dates the event (shifted by ``offset``), or (0, 0)."""
    ev = doc.event_date_evidence
    if ev is None or ev.start is None or not doc.text:
        return 0, 0
    start, end = sentence_at(doc.text, ev.start)
    return start + offset, end + offset


def _found(doc: Document, known: Sequence[_Known]) -> list[str]:
    """The labels of the known people the document's title and lead name: those the
    sentence that dates the event names first, then by first mention."""
    title = f"{doc.title or ''}\n"
    words = _words(title + doc.text[:LEAD_CHARS])
    by_last, by_first = _buckets(known, "last"), _buckets(known, "first")
    focus = _focus(doc, len(title))
    out: dict[str, tuple[int, int, str]] = {}  # surname key -> (not in focus, first mention, label)
    for in_focus in (True, False):
        for (at, a), (_, b) in itertools.pairwise(words):
            if in_focus != (focus[0] <= at < focus[1]) or not (_may_name(a) and _may_name(b)):
                continue
            if any(v[1] == at for v in out.values()):
                continue  # one name in the text is one person, however many spellings know it
            key_b = _coarse(b)
            hits = [k for k in by_last.get(key_b, ()) if _names(a, b, k.first, k.last)]
            hits += [k for k in by_first.get(key_b, ()) if _names(a, b, k.last, k.first)]  # surname first
            hits = [k for k in hits if surname_key(k.last) not in out]
            if hits:
                # one person however many pages and scripts name them: the label that gives
                # a country, then one in Latin letters
                k = min(hits, key=lambda k: ("(" not in k.label, not k.label.isascii()))
                out[surname_key(k.last)] = (not in_focus, at, k.label)
    labels = [label for _, _, label in sorted(out.values())]
    # one person named in two scripts by two pages is found once, by the first label
    return [x for i, x in enumerate(labels) if not any(_same_person(x, y) for y in labels[:i])]


def _same_person(a: str, b: str) -> bool:
    name_a, name_b = parse_participant(a)[0] or "", parse_participant(b)[0] or ""
    wa, wb = name_a.split(), name_b.split()
    return bool(wa and wb) and same_word(wa[-1], wb[-1])


# Scripts whose names are read by title alone, the words around a title being all the
# evidence (compare/events/moretitles.py, scripttitles.py): no capital marks a name.
_UNCASED = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0900-\u09ff\u0e00-\u0e7f\u10d0-\u10ff]")


def _uncased(doc: Document) -> bool:
    """Every person the document names is written in a script without capitals: the title
    readers may have taken a verb or a noun for a name."""
    return all((n := parse_participant(v)[0]) and _UNCASED.search(n) for v in doc.participants)


def _near(by_day: dict[dt.date, list[_Known]], day: dt.date, doc: str) -> list[_Known]:
    """The people the other documents of dates within WINDOW_DAYS of ``day`` name, one
    entry per name (the label with a country where one document gives it)."""
    near: dict[tuple[str, str], _Known] = {}
    for offset in range(-WINDOW_DAYS, WINDOW_DAYS + 1):
        for k in by_day.get(day + dt.timedelta(days=offset), ()):
            old = near.get((k.first, k.last))
            if k.doc != doc and (old is None or ("(" in k.label and "(" not in old.label)):
                near[(k.first, k.last)] = k
    return list(near.values())


def _named(doc: Document, label: str) -> bool:
    """The document already names the person of ``label`` (same last word)."""
    name, _, _ = parse_participant(label)
    last = (name or "").split()[-1:]
    for value in doc.participants:
        own, _, _ = parse_participant(value)
        words = (own or "").split()
        if last and words and same_word(words[-1], last[0]):
            return True
    return False


def anchor_people(docs: Sequence[Document]) -> list[Document]:
    """The documents (input order), each that names fewer than two participants completed
    with the people of two name words or more that other documents within WINDOW_DAYS
    name, when its title and lead write them: after its own participants, those of the
    sentence that dates the event first, then in text order; a country role of a found
    person's country gives way to the person.  A document naming two or more only in
    scripts without capitals (:func:`_uncased`), none of whom another document names,
    takes two such people before its own; where its lead writes fewer, and other documents
    of those days name people, it keeps only those it writes.  A document without a date
    (event or publication) is left as it is and anchors nothing."""
    by_day: dict[dt.date, list[_Known]] = {}
    for k in _known(docs):
        if k.day is not None:
            by_day.setdefault(k.day, []).append(k)
    if not by_day:
        return list(docs)
    out: list[Document] = []
    for d in docs:
        day = _day(d)
        named = len(d.participants) >= 2
        if day is None or (named and not _uncased(d)):
            out.append(d)
            continue
        near = _near(by_day, day, d.id)
        if named and any(_named(d, k.label) for k in near):
            out.append(d)  # another page confirms a name the title readers gave it
            continue
        found = [label for label in _found(d, near) if not _named(d, label)] if near else []
        if named:
            # Names read by title in a script without capitals that no page of those days
            # confirms, while other pages name people: where the lead writes two of them,
            # those two come first; otherwise the page counts the people its lead writes
            # (one, or nobody), as before it had a title reader, so that a misread word does
            # not split it from its event.
            if len(found) >= 2:
                out.append(attrs.evolve(d, participants=(*found[:2], *d.participants)))
            else:
                out.append(attrs.evolve(d, participants=tuple(found)) if near else d)
            continue
        if not found:
            out.append(d)
            continue
        # a country role ("the Vietnamese president") that a found person of that country fills
        countries = {parse_participant(label)[2] for label in found}
        own = [v for v in d.participants
               if parse_participant(v)[0] is not None or parse_participant(v)[2] not in countries]
        out.append(attrs.evolve(d, participants=(*own, *found)))
    return out
