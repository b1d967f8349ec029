"""Candidate pieces of a long claim for the graph alignment (pure).

A reporter often packs several facts into one sentence with no conjunction
and verb the clause splitter (:mod:`compare.claims.clauses`) can cut at: "the
ministers met in Bergen on Friday, their first meeting since the spring
summit", "agreed the quota talks had dragged on, saying both fleets need
certainty before the season".  The claim
stays one claim; :func:`clause_pieces` only proposes the stretches between
its commas, dashes, semicolons, colons and coordinating conjunctions (the
per-language table of :mod:`compare.claims.clauses`) as extra readings.  The
alignment (:func:`compare.align.alignment._groups`) lets a piece join a
group only where the evidence says so: it must be a clearly better partner
of the group's claims than the whole claim is (``alignment.split_margin``),
so a claim joins a second group only when one of its parts says what that
group says.  No phrase is named here: the cut points are punctuation and
the conjunction tables (:mod:`compare.claims.clauses`' for the languages it
has verb grammar for, :data:`MORE_CONJUNCTIONS` for the others, read only in a
claim of that language).
"""

from __future__ import annotations

import re

from compare.claims.clauses import CONJUNCTION_ALT

# A cut: punctuation inside a sentence (Latin and CJK), a dash between spaces,
# or a coordinating conjunction between spaces (with the comma before it).
# A sentence end inside a claim (a quotation of two sentences the sentence
# splitter kept together): after a word of two letters or more ("U.S." does
# not cut), before a letter or an opening quote.
_CUT = re.compile(rf"(?<=\w\w[.!?])[\"'”’»]?\s+(?=[\"'“‘«„]?[^\W\d_])"
                  rf"|\s*[,;:]\s+|\s+[-–—]+\s+|\s*[，；：。]\s*|[,;]?\s+(?:{CONJUNCTION_ALT})\s+", re.I)
# "And" and "but" (and "as well as" where it is one word) of languages the clause
# splitter has no verb grammar for, by ISO 639-1 code: a Slovak reporter joins two
# facts with "a" and no comma ("... v priateľskej atmosfére a premiérka pozvala ...").  Only
# words that stand between spaces; Arabic and Hebrew write "and" onto the next word,
# Thai, Japanese and Korean write no spaces or particles.  Read only in a claim of
# that language: "a" is an article in English, "en" a preposition in French.  A word
# that is as often a preposition is left out: Swahili "na" is "and" and "with"
# ("alizungumza na Rais ...", spoke with President ...).
MORE_CONJUNCTIONS: dict[str, tuple[str, ...]] = {
    "da": ("og", "men"), "no": ("og", "men"), "nb": ("og", "men"), "nn": ("og", "men"),
    "sv": ("och", "men"), "nl": ("en", "maar"), "it": ("e", "ed", "ma"), "pt": ("e", "mas"),
    "ca": ("i", "però"), "ro": ("și", "şi", "iar", "dar"), "pl": ("i", "oraz", "a", "ale"),
    "cs": ("a", "ale"), "sk": ("a", "ale"), "sl": ("in", "ter", "ampak"),
    "hr": ("i", "a", "ali"), "sr": ("i", "a", "ali", "и", "а", "али"), "bs": ("i", "a", "ali"),
    "bg": ("и", "а", "но"), "mk": ("и", "а", "но"), "uk": ("і", "й", "та", "а", "але"),
    "be": ("і", "а", "але"), "hu": ("és", "valamint", "de"), "fi": ("ja", "sekä", "mutta"),
    "et": ("ja", "ning", "aga"), "lt": ("ir", "bet"), "lv": ("un", "bet"),
    "el": ("και", "αλλά"), "tr": ("ve", "ama", "fakat"), "az": ("və", "amma"),
    "id": ("dan", "serta", "tetapi"), "ms": ("dan", "serta", "tetapi"), "tl": ("at", "ngunit"),
    "sw": ("lakini",), "vi": ("và", "nhưng"), "sq": ("dhe", "por"),
    "hi": ("और", "तथा", "लेकिन"), "ur": ("اور", "لیکن"), "bn": ("এবং", "ও", "কিন্তু"),
    "fa": ("و", "اما"), "ka": ("და", "მაგრამ"), "hy": ("և", "եւ", "ու", "բայց"),
}


def _conjunction_cut(words: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"[,;]?\s+(?:{alt})\s+", re.I)


_MORE_CUT = {lang: _conjunction_cut(words) for lang, words in MORE_CONJUNCTIONS.items()}
_WORD = re.compile(r"\w+")
_EDGE = " \t\"'“”‘’«»„()[].,;:!?-–—"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _size(text: str) -> int:
    """Words of ``text``; a run of CJK characters counts one word per two characters."""
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + cjk // 2


def clause_pieces(text: str, min_words: int, max_pieces: int = 6, language: str | None = None) -> list[str]:
    """The stretches of ``text`` between its cut points, each of at least
    ``min_words`` words (a shorter stretch is read on into the next one, the
    last into the one before), or ``[]`` when fewer than two such stretches
    remain or more than ``max_pieces`` (a list, not clauses).  Edge quotes and
    punctuation are stripped; the conjunction at a cut is dropped.  With
    ``language``, that language's conjunctions (:data:`MORE_CONJUNCTIONS`) cut
    too."""
    if min_words <= 0:
        return []
    spans = [(m.start(), m.end()) for m in _CUT.finditer(text)]
    more = _MORE_CUT.get(language or "")
    if more is not None:
        spans = _union(spans, [(m.start(), m.end()) for m in more.finditer(text)
                               if not _between_names(text, m.start(), m.end())])
    bounds: list[tuple[int, int]] = []
    pos = 0
    for a, b in spans:
        if a > pos:
            bounds.append((pos, a))
        pos = b
    if pos < len(text):
        bounds.append((pos, len(text)))
    merged: list[tuple[int, int]] = []
    start: int | None = None
    for a, b in bounds:
        start = a if start is None else start
        if _size(text[start:b]) >= min_words:
            merged.append((start, b))
            start = None
    if start is not None and merged:  # a short last stretch belongs to the one before
        merged[-1] = (merged[-1][0], bounds[-1][1])
    pieces = [text[a:b].strip(_EDGE) for a, b in merged]
    pieces = [p for p in pieces if _size(p) >= min_words]
    if len(pieces) < 2 or len(pieces) > max_pieces:
        return []
    return pieces


_LAST_WORD = re.compile(r"(\w[\w'’-]*)\W*$")
_FIRST_WORD = re.compile(r"\W*(\w[\w'’-]*)")


def _between_names(text: str, a: int, b: int) -> bool:
    """True when the conjunction at ``text[a:b]`` joins two capitalised words
    ("medzi Bergenom a Lagosom", between Bergen and Lagos): a pair of names,
    no clause boundary."""
    left, right = _LAST_WORD.search(text[:a]), _FIRST_WORD.match(text[b:])
    return bool(left and right and left.group(1)[:1].isupper() and right.group(1)[:1].isupper())


def _union(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The cut spans of both lists in text order, overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for x, y in sorted(a + b):
        if out and x <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], y))
        else:
            out.append((x, y))
    return out
