"""Participants: who an article says took part in the event, with or without a lexicon.

People come from two sources:

* the lexicon (``rules/lexicon.yaml`` ``names``): every written form of a known
  person, found with one combined pattern per names tuple (built once, cached);
* titles and roles that introduce a name the lexicon does not know:
  "Foreign Minister Aino Virtanen", "his Finnish counterpart Tomas Novak",
  "Foreign Minister of Portugal Rui Carvalho", "Minister Kask",
  "President X of Country", "Portugal's Rui Carvalho".  Later mentions by surname
  ("Virtanen and Novak agreed...") are the same person.

A role with a country but no name ("Finland's foreign minister", "her Czech
counterpart") is a fallback identity: the country stands for the person.

The principal participants are the people (and country roles) named in the
sentence that dates the event, in text order, then everyone else by first
mention.  Each participant is written ``"Name (Country)"`` when the country is
known, ``"Name"`` otherwise, and a country role as the country name alone;
:func:`parse_participant` reads these back (the cluster stage compares surnames,
and countries when a surname is missing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from attrs import frozen

from compare.core.models import PersonName

# re-exported: other modules import these from here
from compare.events.countries import COUNTRIES as COUNTRIES
from compare.events.countries import COUNTRY_LAST
from compare.events.countries import COUNTRY_WORDS as COUNTRY_WORDS
from compare.events.countries import country_at as country_at
from compare.events.datephrases import WordScan, in_spans
from compare.events.identity import surname_key

SCAN_CHARS = 100_000
_WINDOW = 120

# Title heads that introduce a name (searched in the lower-cased text; whole words only).
_TRIGGER_WORDS = ("minister", "president", "chancellor", "secretary", "counterpart", "premier", "leader",
                  "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "aide", "king", "queen",
                  "emir", "prince", "sheikh", "adviser", "advisor", "mr.", "mr", "mrs.", "mrs", "ms.", "ms",
                  "'s ", "’s ")
_TRIGGER_SCAN = WordScan(_TRIGGER_WORDS)
# Words that may stand between a title head and the name ("Minister of Foreign Affairs of").
_ROLE = frozenset("""
of the for and foreign affairs state defence defense deputy first vice prime interior home
finance economy economic trade commerce justice health energy security national general
minister president secretary chancellor counterpart premier his her their its a an
""".split())  # noqa: SIM905
# Capitalised words that are never (part of) a person's name.
NOT_NAME = frozenset("""
the a an and of on in at to for by with from as but or after before during while when
this that these those his her their its our we they he she it i
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december
foreign minister ministry president presidential prime chancellor secretary state affairs
office government kremlin white house council parliament assembly union nations european
press service spokesman spokeswoman agency embassy ambassador republic federation kingdom
deputy vice general affairs national security defence defense trade finance
mr mrs ms dr sir lord lady
sea fleet ocean army navy air force forces bank central party duma senate congress court
committee news times post daily radio television channel day war summit forum group company
corporation airlines oil gas university institute academy church square street palace hall
centre center museum cup league games prize award media mission region province states city
island islands border borders economic political social democratic liberal conservative
communist socialist green new old north south east west northern southern eastern western
great grand supreme high federal royal nuclear strategic energy version release english
""".split())  # noqa: SIM905
# A word (letters, digits, apostrophes, hyphens, inner dots before a letter: "u.s") or a
# punctuation mark; written with single-class repeats, which the regex engine runs fastest.
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*(?:\.[^\W\d_][\w'’\-]*)*|[^\w\s]")
# Words that may stand between a country and a title ("Finland's foreign minister").
_ABBREV_DOT = re.compile(r"(?<=[A-Z]\.[A-Z])\.")
_BEFORE = frozenset("""
foreign prime deputy vice first defence defense interior finance economy trade the his her
their its a an former acting top
""".split())  # noqa: SIM905
_PARTICLES = frozenset({"van", "von", "de", "da", "der", "den", "bin", "al", "el", "di", "du", "la", "le"})
_CAMEL = re.compile(r"(?<!^Mc)(?<!^Mac)(?<=[a-zа-яё])[A-ZА-ЯЁ]")
_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zß-öø-ÿа-яё'’][\w'’\-]*")


@frozen
class Person:
    """One participant: canonical name (None for a country role), country, first mention."""

    name: str | None
    country: str | None
    start: int

    def label(self) -> str:
        if self.name is None:
            return self.country or ""
        return f"{self.name} ({self.country})" if self.country else self.name


@lru_cache(maxsize=4096)
def parse_participant(value: str) -> tuple[str | None, str | None, str | None]:
    """``"Aino Virtanen (Finland)"`` -> (name, surname key, country); a bare country name
    -> (None, None, country)."""
    value = value.strip()
    country: str | None = None
    m = re.fullmatch(r"(.*?)\s*\(([^()]+)\)", value)
    if m:
        value, country = m[1], m[2]
    if not m and value in COUNTRIES:
        return None, None, value
    return (value, surname_key(value), country) if value else (None, None, country)


# --------------------------------------------------------------------------- lexicon names

@frozen
class _Lexicon:
    # Anchor word -> the forms that contain it and where: each form is found by
    # looking up its longest word with str.find (much faster than one big regex).
    anchors: tuple[tuple[str, tuple[tuple[str, int, PersonName, bool], ...]], ...]
    # Surname key of each person, and of every one-word form ("Xi" -> "jinping").
    keys: dict[str, str]
    # Which anchor words a text holds (one pass), so only those are looked up.
    scan: WordScan


_LEXICON_CACHE: dict[int, tuple[tuple[PersonName, ...], _Lexicon]] = {}


def _lexicon(names: tuple[PersonName, ...]) -> _Lexicon:
    """The lexicon's forms indexed by anchor word, cached per names tuple."""
    hit = _LEXICON_CACHE.get(id(names))
    if hit is not None and hit[0] is names:
        return hit[1]
    by_form: dict[str, PersonName] = {}
    keys: dict[str, str] = {}
    for person in names:
        key = surname_key(person.name)
        for form in (person.name, *person.variants):
            low = " ".join(form.lower().split())
            if low:
                by_form.setdefault(low, person)
            if len(form.split()) == 1:
                keys.setdefault(surname_key(form), key)
        keys.setdefault(key, key)
    anchors: dict[str, list[tuple[str, int, PersonName, bool]]] = {}
    for form, person in by_form.items():
        anchor = max(form.split(), key=len)
        # A Russian form is a stem: it may take a case ending of up to three letters.
        stem = re.search(r"[а-яё]", form) is not None
        anchors.setdefault(anchor, []).append((form, form.index(anchor), person, stem))
    lex = _Lexicon(tuple((a, tuple(f)) for a, f in sorted(anchors.items())), keys, WordScan(sorted(anchors)))
    if len(_LEXICON_CACHE) > 32:
        _LEXICON_CACHE.clear()
    _LEXICON_CACHE[id(names)] = (names, lex)
    return lex




def _end_ok(low: str, end: int, stem: bool) -> int | None:
    """Where a form ending at ``end`` really ends (after a Russian case ending), or None
    when a word goes on."""
    if stem:
        k = end
        while k < len(low) and k - end < 3 and ("а" <= low[k] <= "я" or low[k] == "ё"):
            k += 1
        end = k
    return end if end >= len(low) or not low[end].isalnum() else None


def word_scans(names: Sequence[PersonName]) -> tuple[WordScan, ...]:
    """The word scans :func:`lexicon_mentions` and :func:`titled_people` run on a text."""
    return (_TRIGGER_SCAN, _lexicon(tuple(names)).scan) if names else (_TRIGGER_SCAN,)


def lexicon_mentions(low: str, names: tuple[PersonName, ...]) -> list[tuple[int, int, PersonName]]:
    """Every mention of a lexicon person in ``low`` (lower-cased text), in order; where
    forms overlap, the longest leftmost one ("vladimir putin", not "putin")."""
    if not names:
        return []
    low = low[:SCAN_CHARS]
    hits = []
    lex = _lexicon(names)
    present = lex.scan.present(low)
    for anchor, forms in lex.anchors:
        if anchor not in present:
            continue
        pos = low.find(anchor)
        while pos >= 0:
            for form, offset, person, stem in forms:
                a = pos - offset
                if a >= 0 and low.startswith(form, a) and (a == 0 or not low[a - 1].isalnum()):
                    end = _end_ok(low, a + len(form), stem)
                    if end is not None:
                        hits.append((a, end, person))
            pos = low.find(anchor, pos + 1)
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, int, PersonName]] = []
    for h in hits:
        if not out or h[0] >= out[-1][1]:
            out.append(h)
    return out


def find_lexicon_names(low: str, names: Sequence[PersonName],
                       mentions: Sequence[tuple[int, int, PersonName]] | None = None) -> tuple[str, ...]:
    """Canonical names of the lexicon people ``low`` mentions, by first mention."""
    seen: dict[str, None] = {}
    for _, _, person in lexicon_mentions(low, tuple(names)) if mentions is None else mentions:
        seen.setdefault(person.name, None)
    return tuple(seen)


# --------------------------------------------------------------------------- titled names


def _country_before(text: str, start: int) -> str | None:
    """A country adjective or possessive before a title: "Finnish Foreign Minister",
    "Finland's foreign minister", "the Czech Republic's", "his Estonian counterpart"."""
    head = text[max(0, start - 60):start].rsplit("\n", 1)[-1]
    if "." in head:
        head = _ABBREV_DOT.sub("", head)
    words = [w for w in _TOKEN.findall(head) if w not in ("'", "’")]
    i = len(words)
    while i > 0 and i > len(words) - 5:
        for n in (3, 2, 1):
            if i - n >= 0:
                country, used = country_at(words, i - n)
                if used == n:
                    return country
        if words[i - 1].lower() not in _BEFORE:
            return None
        i -= 1
    return None


_APPOSITIVE = re.compile(r"(?:^|[^\w'’\-])((?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’\-]+ ){1,3}[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’\-]+), "
                         r"((?:[\w'’\-]+ ){0,4})$")
# Titles an appositive may be ("<name>, the Finnish president"), and the words
# that may stand between the comma and the title besides a country adjective.
_APPOSITIVE_TITLES = frozenset(("minister", "president", "chancellor", "secretary", "premier",
                                "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy",
                                "adviser", "advisor"))
_APPOSITIVE_BEFORE = _BEFORE | frozenset(["current", "new", "then", "outgoing", "incoming"])
_APPOSITIVE_END = frozenset([",", ".", ";", ":", ")", "!", "?"])
# Words after capitalised words that make them an organisation's name, not a person's.
_ORGANISATION = frozenset("""
federation association council union party committee institute university company corporation bank
agency foundation fund organisation organization confederation chamber society league alliance group
""".split())  # noqa: SIM905
_PLACE_PREPOSITIONS = frozenset(["in", "at", "from", "near", "outside", "inside", "to", "into", "across",
                                 "around", "over", "via"])


def _name_before(text: str, start: int) -> list[str]:
    """The full name (two words or more) an appositive title follows: "Sauli
    Niinisto, the president of Finland" (the title is at ``start``)."""
    head = text[max(0, start - 80):start].rsplit("\n", 1)[-1]
    m = _APPOSITIVE.search(head)
    if m is None:
        return []
    between = m.group(2).split()
    if any(w.lower() not in _APPOSITIVE_BEFORE and w.lower() not in COUNTRY_WORDS for w in between):
        return []
    name = m.group(1).split()
    before = head[:m.start(1)].split()[-1:]
    if before and before[0].lower() in _PLACE_PREPOSITIONS:
        return []  # "in Saint Petersburg, the Russian president"
    while name and (name[0].lower() in NOT_NAME or name[0].lower() in COUNTRY_WORDS):
        if name[0].lower() in _PLACE_PREPOSITIONS:
            return []
        name = name[1:]
    got, used = _name_after(name, 0)  # the same name words as after a title
    return got if len(got) >= 2 and used == len(name) else []


def _name_after(words: Sequence[str], i: int) -> tuple[list[str], int]:
    """Name words starting at ``i`` ("Aino Virtanen", "Kask", "Jean-Yves Le Drian")."""
    name: list[str] = []
    while i < len(words) and len(name) < 4:
        w = words[i]
        poss = re.search(r"['’]s$", w)
        core = w[:poss.start()] if poss else w
        if core.lower() in _PARTICLES and name and i + 1 < len(words) and _NAME_WORD.fullmatch(words[i + 1]):
            name.append(core)
            i += 1
            continue
        if name and len(w) == 1 and w.isupper() and i + 2 < len(words) and words[i + 1] == "." \
                and _NAME_WORD.fullmatch(words[i + 2]):
            i += 2  # a middle initial: "Donald J. Trump"
            continue
        if not _NAME_WORD.fullmatch(core) or core.lower() in NOT_NAME or core.lower() in COUNTRY_WORDS \
                or _CAMEL.search(core):
            break
        name.append(core)
        i += 1
        if poss:
            break
    while name and name[-1].lower() in _PARTICLES:
        name.pop()
    return name, i


# Head nouns of geographic names ("the Atacama Desert", "the Red River Delta"): general English
# vocabulary; a possessive country before such a name names a place, not a person.
_PLACE_HEADS = frozenset("""
delta river valley basin desert mountains mountain range highlands lowlands plateau plain plains
coast coastline peninsula island islands archipelago lake lakes sea gulf bay strait straits canal
region province state county district territory city town port harbour harbor capital border
forest park reserve corridor zone steppe glacier falls dam
""".split())  # noqa: SIM905


def _possessive_place(low: str, a: int, name: Sequence[str]) -> bool:
    """True when "<Country>'s <Name>" (the "'s" at ``a``) names a place: its last word is a
    geographic head noun ("Vietnam's Mekong Delta") or a place preposition stands before
    the country ("in Chile's Atacama")."""
    if name and name[-1].lower() in _PLACE_HEADS:
        return True
    before = re.findall(r"[^\W\d_]+", low[max(0, a - 48):a])
    # the country's own words ("the Czech Republic's"), then the word before them
    while before and (before[-1] in COUNTRY_WORDS or before[-1] in COUNTRY_LAST or before[-1] == "the"):
        before.pop()
    return bool(before) and before[-1] in _IN_PLACE


# Prepositions of place before a possessive country ("in", not "to" or "with": "a call
# to Finland's Aino Virtanen" names a person).
_IN_PLACE = frozenset(["in", "at", "near", "across", "throughout", "around", "inside", "outside", "into",
                       "along", "off"])


def _trigger_hits(low: str, n: int) -> list[tuple[int, int]]:
    """Spans of the title words (str.find per word: faster than one alternation)."""
    hits = []
    present = _TRIGGER_SCAN.present(low)
    for word in _TRIGGER_WORDS:
        if word not in present:
            continue
        pos = low.find(word, 0, n)
        while pos >= 0:
            hits.append((pos, pos + len(word)))
            pos = low.find(word, pos + 1, n)
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, int]] = []
    for h in hits:
        if not out or h[0] >= out[-1][1]:
            out.append(h)
    return out


def titled_people(text: str, low: str, skip: Sequence[tuple[int, int]] = ()) -> list[Person]:
    """People (and country roles) introduced by a title or role, in text order."""
    out: list[Person] = []
    n = min(len(low), SCAN_CHARS)
    for a, b in _trigger_hits(low, n):
        possessive = low[b - 1] == " "
        if not possessive and ((a and low[a - 1].isalnum()) or (b < n and low[b].isalnum())):
            continue
        if skip and in_spans(a, skip):
            continue
        line_end = text.find("\n", b, b + _WINDOW)
        words = _TOKEN.findall(text[b:line_end if line_end >= 0 else b + _WINDOW])
        country: str | None = None
        if possessive:
            before = low[max(0, a - 24):a].rsplit(None, 1)[-1:]
            if not before or before[0].lstrip("(\"“«") not in COUNTRY_LAST:
                continue  # cheap check first: most "'s" follow no country
            country = _country_before(text, a + 2)
            if country is None:
                continue
            i = 0
        else:
            country = _country_before(text, a)
            i = 0
            # Skip role words and pick up "of (the) Country" ("Foreign Minister of Portugal").
            while i < len(words):
                c, used = country_at(words, i)
                if used and i and words[i - 1].lower() in ("of", "the"):
                    country = country or c
                    i += used
                    continue
                if words[i].lower() in _ROLE:
                    i += 1
                    continue
                break
        name, j = _name_after(words, i)
        if name and j == len(words) and line_end >= 0 and len(name) < 4:
            # A hard-wrapped line: "President Vladimir\nPutin" goes on with the next line.
            more, _ = _name_after(_TOKEN.findall(text[line_end + 1:line_end + 40].split("\n", 1)[0]), 0)
            name += more[:4 - len(name)]
        if possessive and (len(name) < 2 or _possessive_place(low, a, name)):
            name = []  # "Russia's Borders", "in Chile's Atacama Desert": a possessive introduces a full name only
        if name and ((j < len(words) and words[j].lower() in _ORGANISATION)
                     or any(w.endswith(("s'", "s’")) for w in name)):
            continue  # "president of the Grain Producers' Federation": an organisation, no person
        if (not name and not possessive and low[a:b] in _APPOSITIVE_TITLES
                and (i >= len(words) or words[i] in _APPOSITIVE_END)):
            # An appositive: "with Sauli Niinisto, the president of Finland." (the
            # title phrase ends there; "..., the French president said" is a subject).
            name = _name_before(text, a)
        if name:
            if j + 1 < len(words) and words[j].lower() == "of":
                k = j + 2 if j + 2 < len(words) and words[j + 1].lower() == "the" else j + 1
                c, used = country_at(words, k)
                country = country or c
            out.append(Person(" ".join(name), country, a))
        elif country is not None and (not possessive or (i < len(words) and words[i].lower() in _ROLE)):
            out.append(Person(None, country, a))
    return out


# --------------------------------------------------------------------------- principals


def find_people(text: str, low: str, names: Sequence[PersonName], *,
                skip: Sequence[tuple[int, int]] = (),
                focus: tuple[int, int] | None = None,
                mentions: Sequence[tuple[int, int, PersonName]] | None = None,
                extra: Sequence[Person] = ()) -> tuple[Person, ...]:
    """Every participant, principals first: the people and country roles named in the
    ``focus`` span (the sentence that dates the event) in text order, then the other
    people by first mention.  Lexicon people keep their canonical name and country;
    ``extra`` are people found by title in other languages (:mod:`compare.events.titles`)."""
    names = tuple(names)
    people: dict[str, Person] = {}  # surname key -> person
    positions: dict[str, list[int]] = {}
    lexicon_keys = _lexicon(names).keys if names else {}
    known_keys: set[str] = set()
    for a, end, known in lexicon_mentions(low, names) if mentions is None else mentions:
        if _role_then_name(text, low, a, end, known):
            continue  # "Russian Foreign Minister Kari Holm": the name after the title wins
        key = lexicon_keys[surname_key(known.name)]
        if key not in people:
            people[key] = Person(known.name, known.country, a)
            known_keys.add(key)
        positions.setdefault(key, []).append(a)
    roles: list[Person] = []
    for found in sorted([*titled_people(text, low, skip), *extra], key=lambda p: p.start):
        if found.name is None:
            roles.append(found)
            continue
        key = lexicon_keys.get(surname_key(found.name), surname_key(found.name))
        old = people.get(key)
        if old is None:
            people[key] = found
        elif key not in known_keys:
            longer = found.name if len(found.name) > len(old.name or "") else old.name
            people[key] = Person(longer, old.country or found.country, min(old.start, found.start))
        elif old.country is None and found.country is not None:
            people[key] = Person(old.name, found.country, old.start)
        positions.setdefault(key, []).append(found.start)
    _merge_leading_names(people, positions, known_keys)
    if not people and not roles:
        return ()
    ordered = sorted(people.items(), key=lambda kv: (kv[1].start, kv[0]))
    a, b = focus if focus is not None else (0, 0)
    in_focus: list[tuple[int, Person]] = []
    for key, person in ordered:
        at = [p for p in positions.get(key, ()) if a <= p < b]
        if not at and person.name:
            word = person.name.split()[-1].lower()
            pos = low.find(word, a, b)
            while pos >= 0 and not ((pos == 0 or not low[pos - 1].isalnum())
                                    and (pos + len(word) >= len(low) or not low[pos + len(word)].isalnum())):
                pos = low.find(word, pos + 1, b)
            at = [pos] if pos >= 0 else []
        if at:
            in_focus.append((min(at), person))
    countries = {p.country for _, p in in_focus if p.country}
    for role in roles:
        if a <= role.start < b and role.country and role.country not in countries:
            in_focus.append((role.start, role))
            countries.add(role.country)
    in_focus.sort(key=lambda x: x[0])
    # Who only reports the contact is no participant: staff (an aide, a spokesman, an
    # envoy) are left out whenever someone else is named; "X said" / "X told reporters"
    # goes last when two others in the sentence remain (a leader may say it too).
    said = {at: _reports(text, low, at, p.name, a) if p.name else None for at, p in in_focus}
    staff = [p for at, p in in_focus if said[at] == "staff"]
    staff += [p for _, p in ordered if p not in staff and p.name and _reports(text, low, p.start, p.name, 0)
              == "staff"]
    verb = [p for at, p in in_focus if said[at] == "verb" and p not in staff]
    if len(in_focus) - len(staff) - len(verb) < 2:
        verb = []
    first = [p for _, p in in_focus if p not in staff and p not in verb]
    rest = [p for _, p in ordered if p not in first and p not in staff and p not in verb]
    # A deputy ("Vice President X", "Deputy Foreign Minister Y") comes after the leaders
    # when two others are named: a contact of leaders is reported with their deputies.
    deputies = [p for p in first + rest if _DEPUTY.search(low, max(0, p.start - 16), p.start)]
    if len(first) + len(rest) - len(deputies) >= 2:
        first = [p for p in first if p not in deputies]
        rest = [p for p in rest if p not in deputies] + deputies
    kept = first + rest + verb
    return tuple(kept + ([] if kept else staff))


def _merge_leading_names(people: dict[str, Person], positions: dict[str, list[int]], known: set[str]) -> None:
    """A name whose words (two or more) are the leading words of a longer name in the same
    text is that person ("Ana Sousa Lima", later "Ana Sousa"): the surname key of the short
    form is a middle name of the long one.  A name that starts with the surname of a full
    name of the text ("Presiden Santoso Lakukan Pembicaraan", a title-cased headline, after
    "Budi Santoso") is that person too.  A lexicon person keeps its canonical name."""
    for key, person in list(people.items()):
        words = (person.name or "").split()
        # "Presiden Santoso Lakukan Pembicaraan" (a title-cased headline): a name that starts
        # with the surname of another person of the text is that person
        if len(words) >= 2 and key not in known and (other := surname_key(words[0])) in people \
                and other != key and len(other_words := (people[other].name or "").split()) >= 2 \
                and other_words[-1] == words[0]:
            people[other] = Person(people[other].name, people[other].country or person.country,
                                   min(people[other].start, person.start))
            positions.setdefault(other, []).extend(positions.pop(key, []))
            del people[key]
    for short_key, short in list(people.items()):
        words = (short.name or "").lower().split()
        if len(words) < 2 or short_key in known:
            continue
        for long_key, long in people.items():
            long_words = (long.name or "").lower().split()
            if long_key != short_key and len(long_words) > len(words) and long_words[:len(words)] == words:
                people[long_key] = Person(long.name, long.country or short.country, min(long.start, short.start))
                positions.setdefault(long_key, []).extend(positions.pop(short_key, []))
                del people[short_key]
                break


_DEPUTY = re.compile(r"(?:vice|deputy|vize|заместитель|заместителя|замминистра|adjoint|adjointe|副)[ \t-]*$")
_ROLE_WORDS = frozenset(_TRIGGER_WORDS) | frozenset(["foreign", "prime", "state", "premier"])
_NEXT_NAME = re.compile(r"[ \t]+(?:[A-Z]\.[ \t]*)*([A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’\-]+)")


def _role_then_name(text: str, low: str, a: int, end: int, known: PersonName) -> bool:
    """True when a lexicon form is a role ("the Russian Foreign Minister": title words,
    none of the person's name) and the text names someone right after it: a name right
    after a title is who holds it in this text."""
    words = re.findall(r"[^\W\d_]+", low[a:end])
    own = {surname_key(w) for w in known.name.split()}
    if not any(w in _ROLE_WORDS for w in words) or any(surname_key(w) in own for w in words):
        return False
    m = _NEXT_NAME.match(text, end)
    return m is not None and m[1].lower() not in NOT_NAME and m[1].lower() not in COUNTRY_WORDS


# A reporting verb just after a name, a reporting phrase or a staff title just before it.
_REPORT_AFTER = re.compile(
    r"(?:['’]s)?[\s,]*(?:[\w\-]+[\s,]+){0,2}?(?:said|says|briefed|explained|added|noted|wrote|tweeted|"
    r"told (?:reporters|journalists|the press|a news|a briefing|media|[\w ]{0,20}briefing)|"
    r"сообщил|заявил|рассказал|a déclaré|a indiqué|sagte|erklärte|表示|说)(?![\w])")
_REPORT_BEFORE = re.compile(
    r"(?:spokes\w*|press secretary|aide|adviser|advisor|envoy|ambassador|"
    r"помощник|пресс-секретар\w*|представитель|porte-parole|conseiller|sprecher\w*|berater|发言人|助理)"
    r"[\w\s,.'’\-]{0,40}$")


def _reports(text: str, low: str, pos: int, name: str, floor: int) -> str | None:
    """Whether the person named ``name`` at ``pos`` is the one reporting rather than a
    party: "staff" ("Kremlin aide Lena Orlova", "spokesman ..."), "verb" ("Tillerson told
    reporters", "Orlova said"), else None."""
    word = name.split()[-1].lower()
    k = low.find(word, pos, pos + 120)
    if k < 0:
        return None
    if _REPORT_BEFORE.search(low[max(floor, k - 60):k]) is not None:
        return "staff"
    return "verb" if _REPORT_AFTER.match(low, k + len(word)) else None


def trie_pattern(words: Sequence[str], tail: dict[str, str] | None = None) -> str:
    """One regex alternation of ``words`` with shared prefixes factored out (a trie), so
    the engine follows one branch per character instead of trying every word.  Longer
    words are tried before their prefixes; ``tail`` gives a word's end condition."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict], prefix: str) -> str:  # type: ignore[type-arg]
        alts = [re.escape(ch) + build(child, prefix + ch) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append((tail or {}).get(prefix, ""))
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return build(root, "")
