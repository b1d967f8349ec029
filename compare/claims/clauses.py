"""Clause-level claims: where one sentence joins several claims, and the topic lists in it.

A reporter packs several facts into one sentence: coordinated predicates that share
a subject ("They discussed trade and agreed to meet again"), clauses with a subject
of their own (", and the minister said ..."), and topic lists after one predicate
("agreed a fishing deal, easier visas and a hotline").  Grouping across outlets
needs one claim per fact, so :mod:`compare.claims.extract` cuts such sentences with
the two functions here:

* :func:`coordination_cuts`: a clause boundary is punctuation and/or a coordinating
  conjunction followed by a word that looks like a predicate (a finite verb form),
  or by a short subject and such a word.  Whether a word is verb-like is grammar
  of its language: verb suffixes and a small table of auxiliaries, modals and
  irregular forms for English, Russian, French, German and Spanish; the language
  is the one of the conjunction ("and", "и", "et", "und", "y").  Chinese clauses
  are joined by a comma and an adverb that only ever precedes a predicate ("，并",
  "，还").  A noun phrase list ("Russia, India and Korea") has no verb after its
  conjunction and is left alone.
* :func:`list_items`: a list of at least three items after the clause's predicate
  ("discussed A, B and C").  The first piece keeps the subject and the predicate
  ("They discussed A"); every further item is a piece of its own whose *context*
  is those shared words ("They discussed"), so alignment can read it as a claim.

Every span is a half-open ``(start, end)`` into the string passed in; the caller
adds its offset.  Nothing here names a phrase of any evaluation text: the tables
are function words and verb morphology.
"""

from __future__ import annotations

import re

from attrs import frozen

# --------------------------------------------------------------------------- grammar tables


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Coordinating conjunctions that join predicates or clauses, by language.
_CONJ: dict[str, tuple[str, ...]] = {
    "en": ("and", "but", "as well as", "while", "whereas"),
    "ru": ("и", "а также", "а", "но", "однако"),
    "fr": ("et", "mais", "ainsi que", "tandis que"),
    "de": ("und", "aber", "sowie", "sondern", "doch"),
    "es": ("y", "e", "pero", "así como", "mientras que"),
}
# Adverbs that may stand between the conjunction and the predicate ("and also agreed").
_ADVERBS: dict[str, frozenset[str]] = {
    "en": _set("also then later further additionally subsequently jointly even still"),
    "ru": _set("также тоже затем потом ещё еще вновь даже"),
    "fr": _set("aussi également ensuite puis même"),
    "de": _set("auch dann später zudem ebenfalls außerdem"),
    "es": _set("también luego después además incluso"),
}
# Finite verb forms that need no suffix test: auxiliaries, modals, frequent irregular forms.
_VERB_WORDS: dict[str, frozenset[str]] = {
    "en": _set(
        "is are was were has have had will would can could may might shall should must did does do"
        " said says told tells spoke speaks met meets made makes took takes gave gives held holds sent"
        " sought brought thought felt found left kept meant set put let won lost began became came went"
        " saw knew wrote chose led paid laid sat stood got struck rang hung"
        " agrees expects believes thinks stresses insists vows welcomes seeks asks intends"),
    "ru": _set(
        "будет будут может могут должен должна должны намерен намерена намерены готов готова готовы"
        " является являются есть считает считают заявляет заявляют"),
    "fr": _set(
        "a ont est sont était étaient avait avaient sera seront va vont doit doivent peut peuvent fut"
        " furent se s' souhaite souhaitent appelle appellent estime estiment juge jugent"),
    "de": _set(
        "hat haben hatte hatten ist sind war waren wird werden wurde wurden will wollen wollte wollten"
        " kann können konnte konnten soll sollen sollte sollten muss müssen musste mussten sagte sagten"
        " sprach sprachen traf trafen gab gaben nahm nahmen rief riefen bat baten hielt hielten"),
    "es": _set(
        "ha han había habían es son fue fueron será serán era eran va van puede pueden debe deben se"
        " dijo dijeron hizo hicieron tuvo tuvieron pidió pidieron"),
}
# Verb suffixes, checked on a lower-case word of at least ``_MIN_SUFFIX_WORD`` letters.
_SUFFIX: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"[a-z]{3,}(?:ed)$"),
    "ru": re.compile(r"\w{2,}(?:ли|ла|ло|лся|лась|лось|лись|ил|ал|ял|ел|ул)$"),
    "fr": re.compile(r"\w{2,}(?:èrent|aient|ait)$"),
    "de": re.compile(r"[a-zäöüß]{3,}(?:te|ten|tet|t|en)$"),
    "es": re.compile(r"\w{2,}(?:aron|ieron|ó|ió|aba|aban)$"),
}
_MIN_SUFFIX_WORD = 5
# Words after which a suffix-only verb form (English "-ed", German "-en") really is
# a verb and not an adjective in front of a noun: "agreed to", "vereinbarten eine".
_OBJECT_START: dict[str, frozenset[str]] = {
    "en": _set(
        "the a an him her them his their its to on that with for about in at by as into over upon"
        " this these those it us me our your all both each some any no not out up down back"),
    "de": _set(
        "den dem der die das des ein eine einen einem einer sich zu dass über auf mit für um am im"
        " ihn ihm ihr ihre ihren sie es uns nicht auch"),
    "fr": _set("le la les l' un une des du de à au aux que qu' sur avec pour en"),
}
# Words that may open the subject of a clause of its own: pronouns and determiners.
_SUBJECT_WORDS: dict[str, frozenset[str]] = {
    "en": _set("they he she it we i you both the this these those his her their its each neither"),
    "ru": _set("он она они оно мы стороны обе оба это этот эта эти"),
    "fr": _set("il elle ils elles on nous le la les l' ce cette ces les deux"),
    "de": _set("er sie es wir man der die das beide dieser diese dieses"),
    "es": _set("él ella ellos ellas nosotros el la los las ambos este esta estos estas"),
}
# Particles and prepositions that belong to the predicate before a list ("touched upon").
_PARTICLES = _set(
    "on upon about over of to with for into regarding concerning including"
    " о об обо по про с над "
    " de du des sur à au aux "
    " über auf von mit zu "
    " sobre de del en con")
_ARTICLES_A = _set("a an")
# Common English nouns in -ing ("the opening ceremony", "fishing quotas"): not participles.
ING_NOUNS = (r"meeting|briefing|building|morning|evening|ceiling|king|ring|thing|something|nothing|anything"
              r"|everything|spring|string|wing|during|sibling|funding|hearing|understanding|beginning|offering"
              r"|gathering|opening|wedding|bombing|shooting|uprising|training|warning|landing|shelling|setting"
              r"|feeling|painting|clothing|housing|dwelling|earnings|savings|bring|sing|ping|swing|sting|fling"
              r"|ending|reading|ruling|listing|heading|pudding|wording|timing|spending|standing|proceeding"
              r"|proceedings|sitting|dealing|dealings|rating|ratings|polling|trading|lending|borrowing|processing"
              r"|shipping|marketing|planning|financing|pricing|programming|accounting|engineering|banking|mining"
              r"|fishing|farming|manufacturing|peacekeeping|policing|schooling|nursing|fencing|lighting|parking")
_ING_NOUN_SET = frozenset(ING_NOUNS.split("|"))
# Prepositions that open an adjunct ("spoke by phone on Monday, ..."), not an object list.
_ADJUNCT_PREP = _set("by in at from during after before since via through under within"
                     " в во на после до через во время par dans en après avant pendant"
                     " bei nach vor während seit durch por en durante tras desde")
# Conjunctions that add one item ("A as well as B"): a two-item list is a topic list.
# Copulas: a list after one describes its subject ("the talks were frank, long
# and useful" is one statement of tone), it is no list of topics.
_COPULAS = _set("is was were are be been being remains remained seemed est était étaient sont fut "
                "été reste restait ist war waren sind blieb es era eran fue fueron son estuvo resultó "
                "был была было были является являлся являлась являлись оставался")
_ADDING_CONJ = frozenset(("as well as", "а также", "ainsi que", "sowie", "así como"))
# Chinese: after "，" or "；", an adverb or conjunction that only precedes a predicate.
_ZH_CLAUSE = re.compile(r"[，,；;]\s*(?=(?:并且|并|而且|还|同时|随后|此外|另外|也|均|都)[\u4e00-\u9fff])")
_ZH_LIST = re.compile(r"[、，,]")
_ZH_AND = re.compile(r"(?:以及|和|及|与)")
_ZH_VERB = re.compile(r"[\u4e00-\u9fff]{1,3}(?:了|过|着)|表示|认为|同意|强调|讨论|商定|决定|呼吁|希望|会谈|通话")
# Before ", and" etc.: the separators of a clause boundary.
_SEP = r"(?:\s*[,;:]\s+|\s+)"
# The conjunctions as one regex alternation, longest first (also cut at by
# compare/align/pieces.py).
CONJUNCTION_ALT: str = "|".join(sorted({re.escape(c).replace(r"\ ", r"\s+") for cs in _CONJ.values() for c in cs},
                                       key=len, reverse=True))
_CONJ_RX = re.compile(rf"(?P<sep>{_SEP})(?P<conj>{CONJUNCTION_ALT})\s+", re.I)
_SEMI_COLON = re.compile(r";\s+")
_WORD = re.compile(r"[^\W\d_][\w’'-]*|\d[\d.,]*")
_MAX_SUBJECT_WORDS = 6
_MAX_ITEM_WORDS = 6
MIN_PIECE_WORDS = 2

SHARED = "shared"  # the right clause continues the left one's subject ("... and agreed to ...")
OWN = "own"  # the right clause has a subject of its own ("..., and Putin said ...")


def _lang_of(conj: str) -> str:
    c = " ".join(conj.lower().split())
    for lang, words in _CONJ.items():
        if c in words:
            return lang
    return "en"


def verb_like(word: str, lang: str, following: str | None = None) -> bool:
    """True when ``word`` (as written) looks like a finite verb of ``lang``: a table
    word, or a lower-case word with a verb suffix (English "-ed" and German "-en" /
    "-t" only before an object word, where they are not adjectives before a noun)."""
    w = word.strip("’'")
    low = w.lower()
    if low in _VERB_WORDS.get(lang, frozenset()):
        return True
    if not w[:1].islower() or len(w) < _MIN_SUFFIX_WORD:
        return False
    rx = _SUFFIX.get(lang)
    if rx is None or not rx.search(low):
        return False
    if lang in _OBJECT_START:
        nxt = (following or "").lower()
        return nxt in _OBJECT_START[lang] or (lang == "en" and bool(nxt) and bool(_SUFFIX["en"].search(nxt)))
    return True


def any_verb_like(text: str, lang: str | None = None) -> bool:
    """True when ``text`` has a word that looks like a verb of ``lang`` (of any of the
    languages when None), or a Chinese verb form: a clause, not a noun phrase."""
    if _ZH_VERB.search(text):
        return True
    ws = _WORD.findall(text)
    langs = list(_VERB_WORDS) if lang is None else [lang]
    for i, w in enumerate(ws):
        nxt = ws[i + 1] if i + 1 < len(ws) else None
        if any(verb_like(w, la, nxt) for la in langs):
            return True
    return False


def has_verb_form(text: str, lang: str) -> bool:
    """Like :func:`any_verb_like`, counting a suffix form as a verb whatever follows
    ("discussed trade"): a list item with such a word may be a predicate, so the list
    is left alone; a claim without one is a noun phrase, no clause."""
    if _ZH_VERB.search(text):
        return True
    return any(verb_like(w, lang, _OBJECT_HINT.get(lang)) for w in _WORD.findall(text))


_OBJECT_HINT = {"en": "the", "de": "den", "fr": "le"}


def _adverb(word: str, lang: str) -> bool:
    low = word.lower()
    return low in _ADVERBS.get(lang, frozenset()) or (lang == "en" and len(low) > 4 and low.endswith("ly"))


_QUOTES = "\"'“”‘’«»„ "
_COMPLEMENTIZERS = _set("that что que dass")


def _words_at(seg: str, pos: int, n: int) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    for m in _WORD.finditer(seg, pos):
        out.append(m)
        if len(out) >= n:
            break
    return out


# --------------------------------------------------------------------------- clause cuts


def coordination_cuts(seg: str) -> list[tuple[int, int, str]]:
    """Clause boundaries in ``seg``: ``(end of the left clause, start of the right one,
    SHARED or OWN)``.  A conjunction followed (after optional adverbs) by a verb-like
    word starts a predicate that shares the subject; after a comma or semicolon, a
    conjunction followed by a short subject and a verb-like word starts a clause of
    its own.  Both sides keep at least ``MIN_PIECE_WORDS`` words and a verb-like word."""
    cuts: list[tuple[int, int, str, str | None]] = []
    for m in _CONJ_RX.finditer(seg):
        lang = _lang_of(m.group("conj"))
        ws = _words_at(seg, m.end(), _MAX_SUBJECT_WORDS + 3)
        if not ws or seg[m.end():ws[0].start()].strip(_QUOTES):
            continue
        k = 0
        while k < len(ws) - 1 and _adverb(ws[k].group(0), lang):
            k += 1
        nxt = ws[k + 1].group(0) if k + 1 < len(ws) else None
        kind = None
        start = m.end()
        if verb_like(ws[k].group(0), lang, nxt):
            kind = SHARED
        elif ws[k].group(0).lower() in _COMPLEMENTIZERS and any(
                verb_like(w.group(0), lang, _OBJECT_HINT.get(lang)) for w in ws[k + 1:]):
            kind = SHARED  # "agreed that A and that B": both under the same predicate
        elif m.group("sep").strip():
            first = ws[0].group(0)
            if first[:1].isupper() or first.lower() in _SUBJECT_WORDS.get(lang, frozenset()):
                for j in range(1, min(len(ws), _MAX_SUBJECT_WORDS + 1)):
                    nxt_j = ws[j + 1].group(0) if j + 1 < len(ws) else None
                    word = ws[j].group(0)
                    if _adverb(word, lang):
                        continue
                    if verb_like(word, lang, nxt_j):
                        kind = OWN
                        break
                    if j == 1 and word.lower() in _PARTICLES:
                        break
        if kind is not None:
            cuts.append((m.start(), start, kind, lang))
    for m in _SEMI_COLON.finditer(seg):
        cuts.append((m.start(), m.end(), OWN, None))
    for m in _ZH_CLAUSE.finditer(seg):
        cuts.append((m.start(), m.end(), SHARED, None))
    return _keep_clauses(seg, sorted(set(cuts), key=lambda c: c[:3]))


def _keep_clauses(seg: str, cuts: list[tuple[int, int, str, str | None]]) -> list[tuple[int, int, str]]:
    """The cuts whose pieces each keep enough words and a verb-like word."""
    good: list[tuple[int, int, str]] = []
    left = 0
    for i, (x, y, kind, lang) in enumerate(cuts):
        if x < left:
            continue
        nxt = next((c[0] for c in cuts[i + 1:] if c[0] >= y), len(seg))
        lpiece, rpiece = seg[left:x], seg[y:nxt]
        if (_count(lpiece) >= MIN_PIECE_WORDS and _count(rpiece) >= MIN_PIECE_WORDS
                and any_verb_like(lpiece, lang) and any_verb_like(rpiece, lang)):
            good.append((x, y, kind))
            left = y
    return good


def _count(s: str) -> int:
    han = len(re.findall(r"[\u4e00-\u9fff]", s))
    return len(_WORD.findall(s)) + (han + 1) // 2


# --------------------------------------------------------------------------- topic lists


@frozen
class ListSplit:
    """A topic list in a clause: ``pieces`` (spans; the first runs from the clause start
    through the first item) and ``context`` (span of the words the items share: the
    subject and predicate before the first item)."""

    pieces: tuple[tuple[int, int], ...]
    context: tuple[int, int]


_LIST_CONJ = re.compile(rf",?\s+(?P<conj>{CONJUNCTION_ALT})\s+", re.I)


def list_items(seg: str, min_items: int = 3) -> ListSplit | None:
    """The topic list of the clause ``seg`` after its predicate, or None.

    A list is ``A, B(,) and C`` with at least ``min_items`` items: the middle ones are
    comma-separated, at most six words, without a verb-like word; the first item starts
    after the last verb-like word (and its particles) before the first comma, so the
    clause's subject and predicate precede the list.  A list of subjects or one with no
    predicate before it is no topic list and is left alone."""
    if "、" in seg:
        return _zh_list(seg, min_items)
    for m in reversed(list(_LIST_CONJ.finditer(seg))):
        lang = _lang_of(m.group("conj"))
        if lang == "en" and m.group("conj").lower() not in ("and", "as well as"):
            continue
        head = seg[:m.start()]
        commas = [c.start() for c in re.finditer(r",\s+", head)]
        # middle items, right to left
        bounds: list[int] = []
        end = len(head)
        for c in reversed(commas):
            item = head[c:end].lstrip(", ")
            if (not 1 <= _count(item) <= _MAX_ITEM_WORDS or has_verb_form(item, lang) or _paren_open(item)
                    or _participle(item, lang)):
                break
            bounds.insert(0, c)
            end = c
        middles = [seg[c:e].lstrip(", ") for c, e in zip(bounds, [*bounds[1:], m.start()], strict=False)]
        if lang != "de" and middles and all(_is_name(x) for x in middles):
            continue  # "the leaders of Brazil, Mexico and Chile": names, not topics
        conj = " ".join(m.group("conj").lower().split())
        if len(bounds) + 2 < (2 if conj in _ADDING_CONJ else min_items):
            continue
        first_end = bounds[0] if bounds else m.start()
        start = _item_start(seg, first_end, lang)
        if start is None:
            continue
        first = seg[start:first_end]
        fw = _WORD.findall(first)
        before = _WORD.findall(seg, 0, start)
        if (before and before[-1].lower() in _COPULAS) or (fw and fw[0].lower() in _COPULAS):
            continue  # "the conversation was constructive, businesslike and substantive"
        if not fw or (len(fw) == 2 and fw[0].lower() in _ARTICLES_A) or fw[0].lower() in _ADJUNCT_PREP:
            continue  # "a long, frank and friendly talk": adjectives before one noun
        last = seg[m.end():].strip()
        if not last or has_verb_form(last, lang) or _count(last) > 2 * _MAX_ITEM_WORDS:
            continue
        others = [_count(x) for x in middles]
        lw = _WORD.findall(last)
        if others and all(n == 1 for n in others) and len(lw) == 2 and lw[0].lower() not in _ARTICLES_A:
            continue  # "oil, gas and electricity prices", "constructive, frank and open dialogue": one head noun
        if len(fw) > 2 * max([*others, _count(last)]) + 3:
            continue  # "agreed to seek ways to calm X, give it Y and Z": items of a dependent clause
        pieces = [(0, first_end)]
        for i, c in enumerate(bounds):
            stop = bounds[i + 1] if i + 1 < len(bounds) else m.start()
            a = c + len(seg[c:stop]) - len(seg[c:stop].lstrip(", "))
            pieces.append((a, stop))
        pieces.append((m.end(), len(seg.rstrip())))
        ctx_end = len(seg[:start].rstrip())
        return ListSplit(tuple(pieces), (0, ctx_end))
    return None


_NAME_GLUE = _set("the of and de la le du des der die von y del")


def _is_name(item: str) -> bool:
    """"the United Kingdom", "Chile": every word but articles and "of" capitalised."""
    ws = [w for w in _WORD.findall(item) if w.lower() not in _NAME_GLUE]
    return bool(ws) and all(w[:1].isupper() for w in ws)


def _participle(item: str, lang: str) -> bool:
    """", covering the budget", "including X": an English participle, no list item
    ("fishing quotas" is one: a common -ing noun)."""
    first = item.split()[0].lower() if item.split() else ""
    return lang == "en" and first.endswith("ing") and len(first) > 4 and first not in _ING_NOUN_SET


def _paren_open(item: str) -> bool:
    return item.count("(") != item.count(")") or item.count("«") != item.count("»") or item.count('"') % 2 == 1


def _item_start(seg: str, first_end: int, lang: str) -> int | None:
    """Where the first item starts: after the last verb-like word before ``first_end``
    and the particles that follow it; None without such a word."""
    ws = list(_WORD.finditer(seg, 0, first_end))
    verb = None
    for i in range(len(ws) - 1, -1, -1):
        # a suffix form before the list's first item is its predicate ("discussed trade, ...")
        if verb_like(ws[i].group(0), lang, _OBJECT_HINT.get(lang)):
            verb = i  # the nearest predicate: "had a call in which they discussed A, B and C"
            break
    if verb is None or verb == len(ws) - 1:
        return None
    j = verb + 1
    while j < len(ws) - 1 and ws[j].group(0).lower() in _PARTICLES:
        j += 1
    return ws[j].start()


def _zh_list(seg: str, min_items: int) -> ListSplit | None:
    """A Chinese list "讨论了A、B和C": items separated by "、" with "和/及/以及" before the last."""
    marks = [m.start() for m in re.finditer("、", seg)]
    conj = None
    for m in _ZH_AND.finditer(seg, marks[-1]):
        conj = m
        break
    if conj is None or len(marks) + 2 < min_items:
        return None
    verb = None
    for m in _ZH_VERB.finditer(seg, 0, marks[0]):
        verb = m
    if verb is None:
        return None
    start = verb.end()
    pieces = [(0, marks[0])]
    for i, c in enumerate(marks):
        stop = marks[i + 1] if i + 1 < len(marks) else conj.start()
        pieces.append((c + 1, stop))
    pieces.append((conj.end(), len(seg.rstrip("。！？.!? "))))
    if any(b - a < 1 for a, b in pieces) or any(_ZH_VERB.search(seg[a:b]) for a, b in pieces[1:]):
        return None
    return ListSplit(tuple(pieces), (0, start))
